"""The targets: one row each in `TARGETS`, the name, the limit, how it is measured and the
check, all evaluated by `check_targets`.

A target whose measurement a run did not make (no vmCount=100 among `--counts`, `--floor
none`, `--no-plan`) is left out of that run's checks.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

from components.orchestrations.vms.orchestration import NIC_WRITES_AT_ONCE

from .runs import PLAN_VM_COUNT, Growth, PlanTiming, Row

VM_OWN_WRITES = 4
"""A VM's NIC, the VM, its credentials extension and its readiness gate."""
FIXED_START = ["ResourceGroup", "PublicIPAddress", "LoadBalancer"]
"""The writes the critical path starts with."""
NAT_RULE = "InboundNatRule"
"""A standalone NAT rule: a write of its own, which the critical path must not hold."""
READINESS_GATE = "VirtualMachineRunCommandByVirtualMachine"


@dataclass(frozen=True)
class Measurements:
    """Everything one run of the benchmark measured."""

    rows: list[Row]
    floor: str
    """The second floor's name (`--floor`)."""
    plan: PlanTiming | None = None
    growth: Growth | None = None
    """The growth from 100 to 200 VMs over more processes (`--pairs`); without it, the rows' own."""

    def at(self, vm_count: int) -> Row | None:
        return next((row for row in self.rows if row.vm_count == vm_count), None)


@dataclass(frozen=True)
class Measured:
    """A target's measured value, which its check compares with the limit, and how it reads."""

    value: float
    text: str


@dataclass(frozen=True)
class Check:
    """A target's line of the report."""

    target: str
    passed: bool
    measured: str


@dataclass(frozen=True)
class Target:
    name: str
    """What the target promises; `{limit}` and `{floor}` are filled in."""
    limit: float
    measure: Callable[[Measurements], Measured | None]
    """None when this run did not measure it."""
    check: Callable[[float, float], bool] = operator.le
    """(measured value, limit) -> passed; by default, at most the limit."""

    def evaluate(self, measurements: Measurements) -> Check | None:
        measured = self.measure(measurements)
        if measured is None:
            return None
        name = self.name.format(limit=self.limit, floor=measurements.floor)
        return Check(name, self.check(measured.value, self.limit), measured.text)


# --- how each target is measured --------------------------------------------------------------


def exact_work_differences(m: Measurements) -> Measured:
    """Resources the exact-work floor registered otherwise than the stack, at every count."""
    differing = [row for row in m.rows if row.exact_differences]
    if not differing:
        return Measured(0, "the same resources, inputs, parents and dependencies at every count")
    text = "; ".join(f"{row.exact_differences} resources differ at vmCount={row.vm_count}" for row in differing)
    return Measured(sum(row.exact_differences for row in differing), text)


def cpu_vs_exact_at_100(m: Measurements) -> Measured | None:
    if (row := m.at(100)) is None:
        return None
    ratio = row.cpu_seconds / row.exact_cpu_seconds
    return Measured(ratio, f"{row.cpu_seconds:.2f} s vs {row.exact_cpu_seconds:.2f} s: {ratio:.2f}x")


def memory_vs_exact_at_100(m: Measurements) -> Measured | None:
    if (row := m.at(100)) is None:
        return None
    ratio = row.peak_bytes / row.exact_peak_bytes
    return Measured(ratio, f"{row.peak_bytes / 2**20:.1f} MiB vs {row.exact_peak_bytes / 2**20:.1f} MiB: {ratio:.2f}x")


def cpu_vs_floor_at_100(m: Measurements) -> Measured | None:
    if (row := m.at(100)) is None or row.floor_cpu_seconds is None:
        return None
    ratio = row.cpu_seconds / row.floor_cpu_seconds
    return Measured(ratio, f"{row.cpu_seconds:.2f} s vs {row.floor_cpu_seconds:.2f} s: {ratio:.2f}x")


def growth_100_to_200(m: Measurements) -> Measured | None:
    at_100, at_200 = m.at(100), m.at(200)
    if at_100 is None or at_200 is None:
        return None
    growth = m.growth or Growth(at_100.cpu_seconds, at_200.cpu_seconds, at_100.stack_runs)
    ratio = growth.at_200 / growth.at_100
    exact = at_200.exact_cpu_seconds / at_100.exact_cpu_seconds
    return Measured(
        ratio,
        f"{ratio:.2f}x: {growth.at_100:.2f} s and {growth.at_200:.2f} s, best of {growth.processes} processes each"
        f" (the exact-work floor: {exact:.2f}x)",
    )


def memory_vs_floor_worst(m: Measurements) -> Measured | None:
    ratios = [(row.peak_bytes / row.floor_peak_bytes, row) for row in m.rows if row.floor_peak_bytes]
    if not ratios:
        return None
    ratio, worst = max(ratios, key=lambda pair: pair[0])
    return Measured(ratio, f"worst {ratio:.2f}x at vmCount={worst.vm_count}")


def plan_wall_seconds(m: Measurements) -> Measured | None:
    if m.plan is None:
        return None
    return Measured(m.plan.wall_seconds, f"{m.plan.wall_seconds:.1f} s wall, {m.plan.cpu_seconds:.1f} s CPU")


def critical_path_shape(vm_count: int, vm_batches: int, critical_path: list[str]) -> str | None:
    """How the critical path runs, when it is the set's fixed start (resource group, public IP,
    load balancer with its NAT rules inline), then every batch's own writes (NIC, VM, extensions,
    gate), each batch after the one before; None otherwise."""
    kinds = [t.rsplit(":", 1)[-1] for t in critical_path]
    if kinds[: len(FIXED_START)] != FIXED_START:
        return None
    own = kinds[len(FIXED_START) :]
    if not own or own[0] != "NetworkInterface" or own[-1] != READINESS_GATE or NAT_RULE in own:
        return None
    gates = own.count(READINESS_GATE)
    return f"{gates} batch{'es' if gates > 1 else ''}" if gates == vm_batches else None


def critical_path_shapes(m: Measurements) -> Measured:
    """The counts whose critical path has another shape."""
    # The NAT rules are inline, written with the load balancer in one write, and the VMs go batch by
    # batch, each after the readiness gates of the one before: the critical path is the set's fixed
    # start, then the batches (each a NIC, its VM, the VM's extensions and its gate), whatever the count.
    shapes = [(row, critical_path_shape(row.vm_count, row.vm_batches, row.critical_path)) for row in m.rows]
    other = sum(1 for _, shape in shapes if shape is None)
    return Measured(other, "; ".join(f"{row.vm_count} VMs: {shape or _another_path(row)}" for row, shape in shapes))


def _another_path(row: Row) -> str:
    return "another path: " + " -> ".join(t.rsplit(":", 1)[-1] for t in row.critical_path)


def batch_chain(vm_count: int, vm_batches: int) -> int:
    """The writes one batch adds to the longest chain: its NICs, `NIC_WRITES_AT_ONCE` at a time, then
    its last VM, that VM's extension and its readiness gate."""
    largest_batch = -(-vm_count // vm_batches)
    return -(-largest_batch // NIC_WRITES_AT_ONCE) + VM_OWN_WRITES - 1


def chain_beyond_batches(m: Measurements) -> Measured:
    # The chain at its bound: the start and the batches' own writes, whatever the count.
    beyond = max(row.longest_chain - row.vm_batches * batch_chain(row.vm_count, row.vm_batches) for row in m.rows)
    return Measured(beyond, f"{beyond} resources beyond the batches")


def load_balancer_writes_off(m: Measurements) -> Measured:
    """The counts with more than the load balancer's one write (its NAT rules are inline)."""
    off = sum(1 for row in m.rows if row.load_balancer_writes != 1)
    return Measured(
        off, f"load-balancer writes per count: {', '.join(str(row.load_balancer_writes) for row in m.rows)}"
    )


# --- the targets ------------------------------------------------------------------------------

TARGETS = (
    Target("the exact-work floor registers what the stack registers", 0, exact_work_differences),
    Target("CPU time at vmCount=100 at most {limit}x the exact-work floor's", 0.5, cpu_vs_exact_at_100),
    Target("peak memory at vmCount=100 at most {limit}x the exact-work floor's", 0.7, memory_vs_exact_at_100),
    Target("CPU time at vmCount=100 within {limit}x the {floor} floor's", 2.0, cpu_vs_floor_at_100),
    Target("linear: vmCount=200 within {limit}x the CPU time of 100", 2.2, growth_100_to_200),
    Target("peak memory within {limit}x the {floor} floor's at every count", 1.5, memory_vs_floor_worst),
    Target(f"python -m plan for {PLAN_VM_COUNT} VMs under {{limit:.0f}} s", 15.0, plan_wall_seconds, check=operator.lt),
    Target("critical path: the fixed start, then the batches, at every count", 0, critical_path_shapes),
    Target("longest dependency chain at most {limit} resources beyond the batches", 4, chain_beyond_batches),
    Target("load-balancer writes: one, the NAT rules inline, at every count", 0, load_balancer_writes_off),
)


def check_targets(measurements: Measurements, targets: tuple[Target, ...] = TARGETS) -> list[Check]:
    """Each target's check, in the table's order, for those this run measured."""
    return [check for target in targets if (check := target.evaluate(measurements)) is not None]
