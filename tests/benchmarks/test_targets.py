"""The benchmark's targets (`benchmarks.speed.targets`), checked on hand-made rows: each passes
at its limit and fails beyond it."""

from __future__ import annotations

import dataclasses
from typing import Any

from benchmarks.speed.runs import Growth, PlanTiming, Row
from benchmarks.speed.targets import Check, Measurements, check_targets

from ..support.benchmark_rows import critical_path, row

COUNTS = (2, 10, 50, 100, 200)


PASSING = Measurements([row(count) for count in COUNTS], "same-types", PlanTiming(200, 10.0, 9.5), Growth(1.0, 2.0, 9))
"""A run of every target, each met."""


def full_run(rows: list[Row] | None = None, **changes: Any) -> Measurements:
    """`PASSING` with other rows, plan timing or growth."""
    return dataclasses.replace(PASSING, rows=rows if rows is not None else PASSING.rows, **changes)


def with_row(vm_count: int, **overrides: Any) -> list[Row]:
    """The passing rows, the one for `vm_count` changed."""
    return [dataclasses.replace(row(count), **overrides) if count == vm_count else row(count) for count in COUNTS]


def check(measurements: Measurements, target_start: str) -> Check:
    return next(c for c in check_targets(measurements) if c.target.startswith(target_start))


def test_every_target_is_checked_in_order_with_its_limit() -> None:
    assert [c.target for c in check_targets(full_run())] == [
        "the exact-work floor registers what the stack registers",
        "CPU time at vmCount=100 at most 0.5x the exact-work floor's",
        "peak memory at vmCount=100 at most 0.7x the exact-work floor's",
        "CPU time at vmCount=100 within 2.0x the same-types floor's",
        "linear: vmCount=200 within 2.2x the CPU time of 100",
        "peak memory within 1.5x the same-types floor's at every count",
        "python -m plan for 200 VMs under 15 s",
        "critical path: the fixed start, then the batches, at every count",
        "longest dependency chain at most 4 resources beyond the batches",
        "load-balancer writes: one, the NAT rules inline, at every count",
    ]


def test_the_passing_rows_pass_every_target() -> None:
    assert all(c.passed for c in check_targets(full_run()))


def test_targets_a_run_did_not_measure_are_left_out() -> None:
    rows = [dataclasses.replace(row(count), floor_cpu_seconds=None, floor_peak_bytes=None) for count in (2, 10)]
    targets = [c.target for c in check_targets(Measurements(rows, "none"))]
    assert targets == [
        "the exact-work floor registers what the stack registers",
        "critical path: the fixed start, then the batches, at every count",
        "longest dependency chain at most 4 resources beyond the batches",
        "load-balancer writes: one, the NAT rules inline, at every count",
    ]


def test_the_second_floor_is_named_in_its_targets() -> None:
    targets = [c.target for c in check_targets(full_run(floor="resource-groups"))]
    assert "CPU time at vmCount=100 within 2.0x the resource-groups floor's" in targets


def test_exact_work_passes_when_the_floor_registers_the_same() -> None:
    measured = check(full_run(), "the exact-work floor")
    assert (measured.passed, measured.measured) == (
        True,
        "the same resources, inputs, parents and dependencies at every count",
    )


def test_exact_work_fails_when_a_resource_differs() -> None:
    measured = check(full_run(with_row(10, exact_differences=1)), "the exact-work floor")
    assert (measured.passed, measured.measured) == (False, "1 resources differ at vmCount=10")


def test_cpu_vs_exact_work_passes_at_its_limit() -> None:
    measured = check(
        full_run(with_row(100, cpu_seconds=5.0, exact_cpu_seconds=10.0)), "CPU time at vmCount=100 at most"
    )
    assert (measured.passed, measured.measured) == (True, "5.00 s vs 10.00 s: 0.50x")


def test_cpu_vs_exact_work_fails_beyond_its_limit() -> None:
    assert not check(
        full_run(with_row(100, cpu_seconds=5.1, exact_cpu_seconds=10.0)), "CPU time at vmCount=100 at most"
    ).passed


def test_memory_vs_exact_work_passes_at_its_limit() -> None:
    rows = with_row(100, peak_bytes=70 * 2**20, exact_peak_bytes=100 * 2**20)
    measured = check(full_run(rows), "peak memory at vmCount=100")
    assert (measured.passed, measured.measured) == (True, "70.0 MiB vs 100.0 MiB: 0.70x")


def test_memory_vs_exact_work_fails_beyond_its_limit() -> None:
    rows = with_row(100, peak_bytes=71 * 2**20, exact_peak_bytes=100 * 2**20)
    assert not check(full_run(rows), "peak memory at vmCount=100").passed


def test_cpu_vs_the_second_floor_passes_at_its_limit() -> None:
    measured = check(full_run(with_row(100, cpu_seconds=2.0, floor_cpu_seconds=1.0)), "CPU time at vmCount=100 within")
    assert (measured.passed, measured.measured) == (True, "2.00 s vs 1.00 s: 2.00x")


def test_cpu_vs_the_second_floor_fails_beyond_its_limit() -> None:
    assert not check(
        full_run(with_row(100, cpu_seconds=2.01, floor_cpu_seconds=1.0)), "CPU time at vmCount=100 within"
    ).passed


def test_growth_passes_at_its_limit() -> None:
    measured = check(full_run(growth=Growth(1.0, 2.2, 9)), "linear")
    assert (measured.passed, measured.measured) == (
        True,
        "2.20x: 1.00 s and 2.20 s, best of 9 processes each (the exact-work floor: 2.00x)",
    )


def test_growth_fails_beyond_its_limit() -> None:
    assert not check(full_run(growth=Growth(1.0, 2.21, 9)), "linear").passed


def test_growth_without_more_processes_is_the_rows_own() -> None:
    measured = check(full_run(with_row(200, cpu_seconds=3.0), growth=None), "linear")
    assert (measured.passed, measured.measured) == (
        False,
        "3.00x: 1.00 s and 3.00 s, best of 3 processes each (the exact-work floor: 2.00x)",
    )


def test_memory_vs_the_second_floor_passes_at_its_limit_at_every_count() -> None:
    rows = [dataclasses.replace(row(count), peak_bytes=3 * 2**20, floor_peak_bytes=2 * 2**20) for count in COUNTS]
    measured = check(full_run(rows), "peak memory within")
    assert (measured.passed, measured.measured) == (True, "worst 1.50x at vmCount=2")


def test_memory_vs_the_second_floor_fails_at_the_worst_count() -> None:
    measured = check(full_run(with_row(50, peak_bytes=31 * 2**20, floor_peak_bytes=20 * 2**20)), "peak memory within")
    assert (measured.passed, measured.measured) == (False, "worst 1.55x at vmCount=50")


def test_plan_passes_under_its_limit() -> None:
    measured = check(full_run(plan=PlanTiming(200, 14.9, 14.0)), "python -m plan")
    assert (measured.passed, measured.measured) == (True, "14.9 s wall, 14.0 s CPU")


def test_plan_fails_at_its_limit() -> None:
    assert not check(full_run(plan=PlanTiming(200, 15.0, 14.0)), "python -m plan").passed


def test_critical_path_passes_through_the_batches() -> None:
    rows = [row(10, critical_path=critical_path(2)), row(100, vm_batches=3, critical_path=critical_path(3))]
    measured = check(full_run(rows), "critical path")
    assert (measured.passed, measured.measured) == (True, "10 VMs: 2 batches; 100 VMs: 3 batches")


def test_critical_path_fails_on_another_path_and_names_it() -> None:
    rows = [row(2, critical_path=["azure-native:resources:ResourceGroup", "azure-native:storage:StorageAccount"])]
    measured = check(full_run(rows), "critical path")
    assert (measured.passed, measured.measured) == (False, "2 VMs: another path: ResourceGroup -> StorageAccount")


def test_longest_chain_passes_at_its_limit_beyond_the_batches() -> None:
    # 50 VMs in 2 batches of 25: 4 NICs eight at a time, then a VM, its extension and its gate,
    # twice, and 4 more.
    measured = check(full_run(with_row(50, longest_chain=18)), "longest dependency chain")
    assert (measured.passed, measured.measured) == (True, "4 resources beyond the batches")


def test_longest_chain_fails_beyond_its_limit() -> None:
    assert not check(full_run(with_row(50, longest_chain=19)), "longest dependency chain").passed


def test_load_balancer_writes_pass_at_one() -> None:
    measured = check(full_run([row(2), row(10)]), "load-balancer writes")
    assert (measured.passed, measured.measured) == (True, "load-balancer writes per count: 1, 1")


def test_load_balancer_writes_fail_at_one_more() -> None:
    assert not check(full_run([row(2), row(10, load_balancer_writes=2)]), "load-balancer writes").passed
