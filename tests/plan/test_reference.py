"""docs/reference.md is generated from the code (docs/generate_reference.py): the committed page is
what the script writes, and the code gives it every fact it needs."""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType

import pytest

from components.args import ARGUMENT_NAMES, ImageArgs, LbRuleArgs, LoadBalancedVmSetArgs, ProbeArgs
from stack.config import CONFIG_KEYS

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_reference_is_what_the_script_generates(reference_generator: ModuleType) -> None:
    committed = (ROOT / "docs" / "reference.md").read_text()
    assert committed == reference_generator.reference_page(), (
        "docs/reference.md is out of date: run `python docs/generate_reference.py`"
    )


def test_every_argument_but_the_resource_group_has_a_config_key() -> None:
    assert sorted(CONFIG_KEYS.values()) == sorted(set(ARGUMENT_NAMES) - {"resource_group_name"})


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
