"""docs/reference.md is generated from the code (docs/generate_reference.py): the committed page is
what the script writes, and the code gives it every fact it needs."""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType

import pytest

from components.args import ImageArgs, LbRuleArgs, LoadBalancedVmSetArgs, ProbeArgs
from stack.config import CONFIG_KEYS

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_reference_is_what_the_script_generates(reference_generator: ModuleType) -> None:
    committed = (ROOT / "docs" / "reference.md").read_text()
    assert committed == reference_generator.reference_page(), (
        "docs/reference.md is out of date: run `python docs/generate_reference.py`"
    )


@pytest.mark.parametrize("args_type", [LoadBalancedVmSetArgs, ImageArgs, LbRuleArgs, ProbeArgs])
def test_every_field_states_its_default_or_that_it_is_required(
    reference_generator: ModuleType, args_type: type
) -> None:
    fields = reference_generator.fields_of(Path(inspect.getfile(args_type)), args_type.__name__)
    assert [f.name for f in fields] == list(args_type.__annotations__)
    assert [f.name for f in fields if not f.default or not f.description] == []


def test_the_page_lists_every_config_key_and_output(reference_generator: ModuleType) -> None:
    page = reference_generator.reference_page()
    assert all(f"| `{key}` | `{argument}` |" in page for key, argument in CONFIG_KEYS.items())


def test_a_new_argument_gets_its_row_with_its_config_key_and_default(reference_generator: ModuleType) -> None:
    declared = "    alert_email: NotRequired[str]\n"
    source = (ROOT / "components" / "args.py").read_text()
    assert declared in source
    added = '    boot_diagnostics_retention: NotRequired[int]\n    """Days kept. Default: `7`."""\n'
    page = reference_generator.reference_page(source.replace(declared, added + declared))
    assert "| `bootDiagnosticsRetention` | `boot_diagnostics_retention` | integer | `7` | Days kept. |" in page
