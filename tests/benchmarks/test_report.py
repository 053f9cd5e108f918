"""What the benchmark prints (`benchmarks.speed.report`): the table, the target lines, and the
JSON document `--json` prints."""

from __future__ import annotations

import json
import re

from benchmarks.speed.report import COLUMNS, json_document, render
from benchmarks.speed.runs import Growth, PlanTiming
from benchmarks.speed.targets import Check, Measurements

from ..support.benchmark_rows import row

CHECKS = [Check("a target met", True, "how"), Check("a target missed", False, "by how much")]
MEASURED = Measurements([row(2), row(10)], "same-types", PlanTiming(200, 14.2, 14.1), Growth(1.7, 4.4, 9))
ROW_KEYS = [
    "vm_count",
    "resources",
    "cpu_seconds",
    "wall_seconds",
    "exact_cpu_seconds",
    "peak_bytes",
    "exact_peak_bytes",
    "exact_differences",
    "floor_cpu_seconds",
    "floor_peak_bytes",
    "write_operations",
    "load_balancer_writes",
    "longest_chain",
    "critical_path",
    "vm_batches",
    "stack_runs",
]


def test_the_json_document_has_its_keys() -> None:
    assert list(json_document(MEASURED, CHECKS)) == ["machine", "floor", "rows", "plan", "growth", "checks"]


def test_each_json_row_has_every_measurement() -> None:
    assert [list(r) for r in json_document(MEASURED, CHECKS)["rows"]] == [ROW_KEYS, ROW_KEYS]


def test_the_json_plan_is_vm_count_wall_and_cpu_seconds() -> None:
    assert json_document(MEASURED, CHECKS)["plan"] == [200, 14.2, 14.1]


def test_the_json_growth_is_both_counts_best_and_the_processes() -> None:
    assert json_document(MEASURED, CHECKS)["growth"] == [1.7, 4.4, 9]


def test_the_json_checks_are_target_passed_and_measured() -> None:
    assert json_document(MEASURED, CHECKS)["checks"] == [
        ["a target met", True, "how"],
        ["a target missed", False, "by how much"],
    ]


def test_what_a_run_did_not_measure_is_null_in_json() -> None:
    document = json.loads(json.dumps(json_document(Measurements([row(2)], "none"), [])))
    assert (document["plan"], document["growth"]) == (None, None)


def table_lines(measurements: Measurements) -> list[str]:
    """The table's lines, its header first."""
    lines = render(measurements, []).splitlines()
    return lines[3 : lines.index("Targets") - 1]


def test_the_table_has_its_columns() -> None:
    assert re.split(r"\s{2,}", table_lines(MEASURED)[0]) == list(COLUMNS)


def test_the_table_has_a_line_per_count() -> None:
    assert [line.split()[:2] for line in table_lines(MEASURED)[1:]] == [["2", "20"], ["10", "60"]]


def test_a_count_without_the_second_floor_shows_dashes() -> None:
    without = row(2, floor_cpu_seconds=None, floor_peak_bytes=None)
    assert table_lines(Measurements([without], "none"))[1].split()[6:8] == ["-", "-"]


def test_each_target_is_a_pass_or_fail_line() -> None:
    assert render(MEASURED, CHECKS).splitlines()[-3:] == [
        "Targets",
        "  PASS  a target met: how",
        "  FAIL  a target missed: by how much",
    ]
