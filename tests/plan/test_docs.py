"""The figures the pages quote are what the commands print: every `$ venv/bin/python -m plan ...`
in a page's text block is run and its output compared, and the deployment-figures table of
docs/plan.md is recomputed row by row."""

from __future__ import annotations

import io
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import plan.__main__ as cli
from plan.document import json_document
from plan.figures import TYPICAL_CREATE_SECONDS
from plan.render import duration
from plan.run import load_stack_config, make_plan

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PROMPT = "$ venv/bin/python -m plan"


@dataclass(frozen=True)
class Quoted:
    """One command a page shows, and the output the page shows for it."""

    page: str
    command: str
    output: str


def quoted_commands() -> list[Quoted]:
    found = []
    for page in PAGES:
        for block in re.findall(r"^```text\n(.*?)^```$", page.read_text(), flags=re.MULTILINE | re.DOTALL):
            if not block.startswith(PROMPT):
                continue
            for part in re.split(r"^(?=\$ )", block, flags=re.MULTILINE):
                command, _, output = part.partition("\n")
                if command.startswith(PROMPT):
                    found.append(Quoted(page.name, command, output.rstrip("\n") + "\n"))
    return found


def run(argv: list[str]) -> tuple[str, str]:
    """`python -m plan <argv>`: (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    cli.main(argv, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


QUOTED = quoted_commands()


def test_the_pages_quote_the_plan() -> None:
    assert {q.page for q in QUOTED} == {"plan.md"} and len(QUOTED) >= 4


QUOTED_IDS = [f"{q.page}: {q.command[len(PROMPT) :].strip() or '(no options)'}" for q in QUOTED]


@pytest.mark.parametrize("quoted", QUOTED, ids=QUOTED_IDS)
def test_a_quoted_command_prints_what_the_page_shows(quoted: Quoted) -> None:
    stdout, stderr = run(shlex.split(quoted.command)[4:])
    assert stdout + stderr == quoted.output  # as a terminal shows them: the output, then an error line


# A command named in a sentence, with the count line it prints: "`python -m plan --diff ...` ... (`+6 ~0 -0`".
COUNTED = [
    (page.name, command, count)
    for page in PAGES
    for command, count in re.findall(r"`python -m plan ([^`]+)`[^`(]*\(`(\+\d+ ~\d+ -\d+)`", page.read_text())
]


def test_the_pages_name_the_counts_of_scale_outs() -> None:
    assert {(page, command) for page, command, _ in COUNTED} >= {
        ("plan.md", "--project examples/ntier --diff --config webVmCount=3"),
        ("operations.md", "--diff --config vmCount=3"),
    }


@pytest.mark.parametrize(("page", "command", "count"), COUNTED, ids=[f"{p}: {c}" for p, c, _ in COUNTED])
def test_a_count_a_page_names_is_what_the_command_prints(page: str, command: str, count: str) -> None:
    stdout, _ = run(shlex.split(command))
    assert stdout.splitlines()[-1] == count


# --- docs/plan.md's table of deployment figures ---------------------------------------------------------


@dataclass(frozen=True)
class FiguresRow:
    vm_count: int
    writes: int
    load_balancer_writes: int
    estimated_up: str
    estimated_up_with_bastion: str
    one_after_another: str


def figures_rows() -> list[FiguresRow]:
    text = (ROOT / "docs" / "plan.md").read_text()
    table = text.split("| VMs | Writes |", 1)[1].split("\n\n", 1)[0]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append(FiguresRow(int(cells[0]), int(cells[1]), int(cells[2]), cells[3], cells[4], cells[5]))
    return rows


ROWS = figures_rows()


def figures_of(*config: str) -> dict[str, Any]:
    """The `figures` of `python -m plan --json --config ...`; they come from the `pulumi up` evaluation
    alone, so the preview's evaluation is left out."""
    plan = make_plan(load_stack_config("dev", list(config)), preview=False)
    figures: dict[str, Any] = json.loads(json_document(plan))["figures"]
    return figures


def test_the_figures_need_no_preview() -> None:
    assert figures_of("vmCount=3") == json.loads(run(["--json", "--config", "vmCount=3"])[0])["figures"]


@pytest.fixture(scope="module")
def computed() -> dict[tuple[int, bool], dict[str, Any]]:
    """`python -m plan --config vmCount=N` (and with `adminAccess=bastion`) for each row."""
    return {
        (row.vm_count, bastion): figures_of(f"vmCount={row.vm_count}", *(["adminAccess=bastion"] if bastion else []))
        for row in ROWS
        for bastion in (False, True)
    }


def test_the_table_covers_the_set_from_two_to_two_hundred_vms() -> None:
    assert [row.vm_count for row in ROWS] == [2, 10, 50, 200]


@pytest.mark.parametrize("row", ROWS, ids=[str(row.vm_count) for row in ROWS])
def test_a_row_of_the_figures_table_is_what_the_plan_computes(
    row: FiguresRow, computed: dict[tuple[int, bool], dict[str, Any]]
) -> None:
    nat, bastion = computed[row.vm_count, False], computed[row.vm_count, True]
    assert row == FiguresRow(
        row.vm_count,
        nat["write_operations"],
        nat["load_balancer_writes"],
        duration(nat["estimated_up_seconds"]),
        duration(bastion["estimated_up_seconds"]),
        duration(nat["sequential_seconds"]),
    )


@pytest.mark.parametrize("row", ROWS, ids=[str(row.vm_count) for row in ROWS])
@pytest.mark.parametrize("bastion", [False, True], ids=["nat-rules", "bastion"])
def test_the_write_throttle_adds_nothing_at_the_tables_counts(
    row: FiguresRow, bastion: bool, computed: dict[tuple[int, bool], dict[str, Any]]
) -> None:
    # docs/plan.md says so: the estimate is the critical path itself.
    figures = computed[row.vm_count, bastion]
    assert figures["estimated_up_seconds"] == figures["critical_path_seconds"]


def typical_seconds_quoted() -> dict[str, float]:
    text = (ROOT / "docs" / "plan.md").read_text()
    table = text.split("| Resource type | Seconds | Source |", 1)[1].split("\n\n", 1)[0]
    quoted = {}
    for line in table.splitlines()[2:]:
        kind, seconds = (cell.strip() for cell in line.strip("|").split("|")[:2])
        quoted[kind.split(" ", 1)[0]] = float(seconds)
    return quoted


def test_the_typical_creation_times_are_those_the_plan_uses() -> None:
    used = {token.rsplit(":", 1)[-1]: d.seconds for token, d in TYPICAL_CREATE_SECONDS.items()}
    assert {kind: used.get(kind) for kind in typical_seconds_quoted()} == typical_seconds_quoted()


def test_the_json_fields_listed_are_those_the_plan_prints() -> None:
    text = (ROOT / "docs" / "plan.md").read_text()
    table = text.split("| Field | What it holds |", 1)[1].split("\n\n", 1)[0]
    listed = {name for line in table.splitlines()[2:] for name in re.findall(r"`(\w+)`", line.split("|")[1])}
    # With a scale set and --policy, every section is printed.
    assert listed == set(json.loads(run(["--json", "--policy", "--config", "orchestration=scale_set"])[0]))


def test_two_hundred_vms_with_nat_rules_deploy_within_fifteen_minutes(
    computed: dict[tuple[int, bool], dict[str, Any]],
) -> None:
    assert computed[200, False]["estimated_up_seconds"] <= 15 * 60
