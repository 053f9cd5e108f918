"""The measurements: a row of the table per VM count, the growth from 100 to 200 VMs, and
`python -m plan`'s time.

Each CPU time is the best of several processes, the stack's and the floors' interleaved so
that a busy spell on the machine weighs on them alike; each peak is a process of its own.
"""

from __future__ import annotations

import dataclasses
import resource
import subprocess
import sys
import time
from dataclasses import dataclass

from .jobs import ExactWorkJob, StackJob, StackRun, Timing, second_floor
from .worker import REPO_ROOT, timed_in_subprocess, traced_in_subprocess

PLAN_VM_COUNT = 200
GROWTH_COUNTS = (100, 200)


@dataclass(frozen=True)
class Row:
    """One VM count: the stack's best CPU time and its peak memory beside the floors', and its
    deployment figures."""

    vm_count: int
    resources: int
    cpu_seconds: float
    wall_seconds: float
    exact_cpu_seconds: float
    peak_bytes: int
    exact_peak_bytes: int
    exact_differences: int
    """Resources the exact-work floor registered otherwise than the stack (0: the same work)."""
    floor_cpu_seconds: float | None
    floor_peak_bytes: int | None
    write_operations: int
    load_balancer_writes: int
    longest_chain: int
    critical_path: list[str]
    """The type of each write on the critical path."""
    vm_batches: int
    stack_runs: int
    """The timed processes behind `cpu_seconds`."""


@dataclass(frozen=True)
class Growth:
    """The stack's best CPU seconds at 100 and at 200 VMs, and the processes behind each."""

    at_100: float
    at_200: float
    processes: int


@dataclass(frozen=True)
class PlanTiming:
    """`python -m plan` as a user runs it: imports, both evaluations, policy check and report."""

    vm_count: int
    wall_seconds: float
    cpu_seconds: float


def measure(vm_count: int, repeat: int, floor: str) -> Row:
    """The row for `vm_count`: `repeat` timed processes of the stack and of each floor, and one
    traced process of each. The stack's first run records the exact work the floor replays."""
    stack_job = StackJob(vm_count)
    first = timed_in_subprocess(dataclasses.replace(stack_job, record=True))
    stack = _stack_run(first)
    exact_job = ExactWorkJob(stack.work)
    floor_job = second_floor(floor, stack)
    stack_runs: list[Timing] = [first]
    exact_runs: list[Timing] = []
    floor_runs: list[Timing] = []
    for i in range(repeat):
        exact_runs.append(timed_in_subprocess(exact_job))
        if floor_job is not None:
            floor_runs.append(timed_in_subprocess(floor_job))
        if i + 1 < repeat:
            stack_runs.append(timed_in_subprocess(stack_job))
    exact_peak = traced_in_subprocess(dataclasses.replace(exact_job, verify=True))
    stack_peak = traced_in_subprocess(stack_job)
    floor_peak = traced_in_subprocess(floor_job) if floor_job is not None else None
    return Row(
        vm_count=vm_count,
        resources=first.outcome.resources,
        cpu_seconds=min(run.cpu_seconds for run in stack_runs),
        wall_seconds=min(run.wall_seconds for run in stack_runs),
        exact_cpu_seconds=min(run.cpu_seconds for run in exact_runs),
        peak_bytes=stack_peak.peak_bytes,
        exact_peak_bytes=exact_peak.peak_bytes,
        exact_differences=len(exact_peak.outcome.differences or ()),
        floor_cpu_seconds=min(run.cpu_seconds for run in floor_runs) if floor_runs else None,
        floor_peak_bytes=floor_peak.peak_bytes if floor_peak is not None else None,
        write_operations=stack.write_operations,
        load_balancer_writes=stack.load_balancer_writes,
        longest_chain=stack.longest_chain,
        critical_path=list(stack.critical_path),
        vm_batches=stack.vm_batches,
        stack_runs=len(stack_runs),
    )


def _stack_run(timing: Timing) -> StackRun:
    if timing.outcome.stack is None:
        raise RuntimeError("the benchmark worker returned no stack run for a stack job")
    return timing.outcome.stack


def measure_growth(rows: list[Row], pairs: int) -> Growth:
    """The best of the rows' own stack runs at 100 and 200 VMs and of `pairs` more of each, 100
    and 200 alternating, so that a slow spell on the machine weighs on both counts alike."""
    by_count = {row.vm_count: row for row in rows}
    best = {count: by_count[count].cpu_seconds for count in GROWTH_COUNTS}
    for _ in range(pairs):
        for count in GROWTH_COUNTS:
            best[count] = min(best[count], timed_in_subprocess(StackJob(count)).cpu_seconds)
    return Growth(best[100], best[200], by_count[100].stack_runs + pairs)


def time_plan(vm_count: int = PLAN_VM_COUNT) -> PlanTiming:
    """Wall and CPU seconds of `python -m plan --config vmCount=<vm_count>`, once."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "plan", "--config", f"vmCount={vm_count}"],
        cwd=REPO_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return PlanTiming(vm_count, wall, cpu)
