"""Deployment figures from a dependency graph: pure functions, no Pulumi run."""

from __future__ import annotations

import pytest

from offline.recording import STACK_TYPE, Registration
from plan.figures import (
    DEFAULT_CREATE_SECONDS,
    TYPICAL_CREATE_SECONDS,
    WriteOperation,
    deployment_figures,
    estimated_up_seconds,
    longest_path,
    typical_seconds,
    write_operations,
)

STACK = "urn:stack"
RG, NIC, VM, LB = (
    "azure-native:resources:ResourceGroup",
    "azure-native:network:NetworkInterface",
    "azure-native:compute:VirtualMachine",
    "azure-native:network:LoadBalancer",
)


def reg(urn: str, type_: str, parent: str = STACK, deps: tuple[str, ...] = (), custom: bool = True) -> Registration:
    return Registration(urn=urn, type=type_, name=urn, parent=parent, custom=custom, dependencies=deps)


GRAPH = [
    Registration(STACK, STACK_TYPE, "stack", "", False, ()),
    reg("rg", RG),
    reg("set", "demo:index:Set", custom=False),
    reg("lb", LB, parent="set", deps=("rg",)),
    reg("nic", NIC, parent="set", deps=("rg", "lb")),
    reg("vm", VM, parent="set", deps=("rg", "nic")),
    reg("after-set", RG, deps=("set",)),  # depends on the component: on everything in it
    reg("provider", "pulumi:providers:azure-native"),
]


def test_only_custom_resources_are_writes() -> None:
    assert [op.urn for op in write_operations(GRAPH)] == ["rg", "lb", "nic", "vm", "after-set"]


def test_a_dependency_on_a_component_is_one_on_its_resources() -> None:
    after = next(op for op in write_operations(GRAPH) if op.urn == "after-set")
    assert after.dependencies == ("lb", "nic", "vm")


def test_parent_is_not_a_dependency() -> None:
    lb = next(op for op in write_operations(GRAPH) if op.urn == "lb")
    assert lb.dependencies == ("rg",)


def test_longest_path_by_count() -> None:
    assert longest_path(write_operations(GRAPH), lambda _: 1.0) == ["rg", "lb", "nic", "vm", "after-set"]


def test_longest_path_by_weight_prefers_the_heavier_chain() -> None:
    ops = [
        WriteOperation("a", RG, "a", ()),
        WriteOperation("slow", VM, "slow", ("a",)),
        WriteOperation("b", NIC, "b", ("a",)),
        WriteOperation("c", NIC, "c", ("b",)),
    ]
    weights = {"a": 1.0, "slow": 100.0, "b": 1.0, "c": 1.0}
    assert longest_path(ops, lambda op: weights[op.urn]) == ["a", "slow"]


def test_ties_go_to_the_first_registered_chain() -> None:
    ops = [WriteOperation(name, VM, name, ()) for name in ("first", "second")]
    assert longest_path(ops, lambda _: 1.0) == ["first"]


def test_parallel_estimate_is_the_critical_path_without_throttling() -> None:
    ops = write_operations(GRAPH)
    assert estimated_up_seconds(ops, lambda op: typical_seconds(op.type)) == sum(
        typical_seconds(t) for t in (RG, LB, NIC, VM, RG)
    )


def test_arm_write_throttle_delays_writes_beyond_the_bucket() -> None:
    # 300 independent 1-second writes: 200 start at once, the other 100 at 10 per second.
    ops = [WriteOperation(f"r{i}", RG, f"r{i}", ()) for i in range(300)]
    assert estimated_up_seconds(ops, lambda _: 1.0, bucket=200, refill_per_second=10.0) == pytest.approx(11.0)


def test_figures_of_a_graph() -> None:
    figures = deployment_figures(GRAPH)
    assert (figures.write_operations, figures.load_balancer_writes, figures.longest_chain) == (5, 1, 5)


def test_sequential_time_is_the_sum_of_all_writes() -> None:
    assert deployment_figures(GRAPH).sequential_seconds == sum(typical_seconds(t) for t in (RG, LB, NIC, VM, RG))


def test_unknown_types_get_the_default_duration() -> None:
    assert typical_seconds("azure-native:web:WebApp") == DEFAULT_CREATE_SECONDS.seconds


def test_every_typical_duration_names_its_source() -> None:
    assert all(d.source and d.seconds > 0 for d in TYPICAL_CREATE_SECONDS.values())
