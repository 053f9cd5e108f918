"""The order the offline plan lists resources in: each after what it waits for, the same every run."""

from __future__ import annotations

from plan.order import dependency_order


def test_each_resource_comes_after_what_it_waits_for() -> None:
    order = dependency_order({"nic": {"vnet", "rule"}, "rule": {"lb"}, "lb": set(), "vnet": set()}, NAMES)
    assert order.index("nic") > max(order.index("vnet"), order.index("rule"))


def test_ties_go_in_natural_order_of_name() -> None:
    vms = {f"vm{i}": set[str]() for i in (10, 2, 1)}
    assert dependency_order(vms, {urn: f"web-vm-{urn[2:]}" for urn in vms}) == ["vm1", "vm2", "vm10"]


def test_the_order_does_not_depend_on_the_order_registered() -> None:
    graph = {"nic": {"vnet", "rule"}, "rule": {"lb"}, "lb": set(), "vnet": set()}
    assert dependency_order(graph, NAMES) == dependency_order(dict(reversed(graph.items())), NAMES)
    assert dependency_order(graph, NAMES) == ["lb", "rule", "vnet", "nic"]


def test_dependencies_outside_the_listed_resources_are_ignored() -> None:
    assert dependency_order({"nic": {"somewhere-else"}}, {"nic": "web-vm-1-nic"}) == ["nic"]


NAMES = {"nic": "web-vm-1-nic", "rule": "web-vm-1-ssh", "lb": "web-lb", "vnet": "web-vnet"}
