"""`python -m plan`'s output, byte for byte: the text and the `--json` document of four scenarios,
compared with the files in tests/plan/expected/, which hold what the command printed when they
were recorded (`<scenario>.txt` without `--json`, `<scenario>.json` with it, run on this
repository's dev stack with the scenario's options below).

The JSON document is an interface (docs/plan.md, "The JSON document"): its keys, their order and
how each number is written must not change by accident. Two of its maps list resource types in
the order the program registered them, which varies from run to run (`counts` and
`figures.writes_by_type`); they are compared in sorted order, everything else as recorded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .test_cli import run_cli

EXPECTED = Path(__file__).parent / "expected"
SCENARIOS = {
    "dev": [],
    "bastion-zones": ["--config", "adminAccess=bastion", "--config", "placement=zones", "--config", "public=false"],
    "diff-resize-and-scale-out": ["--diff", "--config", "vmSize=Standard_D4s_v5", "--config", "vmCount=4"],
    "scale-set-autoscale": [
        "--config",
        "orchestration=scale_set",
        "--config",
        "vmCount=3",
        "--config",
        'autoscale={"minCount": 2, "maxCount": 10}',
    ],
}
# Maps in registration order, which the concurrent program does not fix.
REGISTRATION_ORDERED = ("counts", "writes_by_type")


def in_fixed_order(value: Any) -> Any:
    """`value` (parsed JSON) with the registration-ordered maps sorted by key."""
    if isinstance(value, dict):
        return {
            key: dict(sorted(item.items())) if key in REGISTRATION_ORDERED else in_fixed_order(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [in_fixed_order(item) for item in value]
    return value


def comparable(document: str) -> str:
    return json.dumps(in_fixed_order(json.loads(document)), indent=2) + "\n"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_text_is_as_recorded(scenario: str) -> None:
    run = run_cli(*SCENARIOS[scenario])
    assert (run.status, run.stdout) == (0, (EXPECTED / f"{scenario}.txt").read_text())


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_json_document_is_as_recorded(scenario: str) -> None:
    run = run_cli("--json", *SCENARIOS[scenario])
    # Parsing and writing it again gives the very same bytes, so the comparison below misses nothing.
    assert json.dumps(json.loads(run.stdout), indent=2) + "\n" == run.stdout
    assert (run.status, comparable(run.stdout)) == (0, comparable((EXPECTED / f"{scenario}.json").read_text()))
