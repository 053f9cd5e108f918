"""Availability zones (`components.decisions.zones`): VMs round-robin over the zones, a zone-redundant frontend."""

from __future__ import annotations

from components import validate
from components.decisions.zones import frontend_zones, vm_zone, vm_zones

from ..support.constants import LINUX

ZONES = {**LINUX, "placement": "zones"}


def test_vms_go_round_robin_over_the_zones() -> None:
    assert [vm_zone(("1", "2", "3"), i) for i in range(5)] == ["1", "2", "3", "1", "2"]


def test_scaling_out_moves_no_vm_to_another_zone() -> None:
    # A VM's zone is fixed at creation: a zone that followed the set's size would replace VMs on a scale-out.
    three, five = validate("web", {**ZONES, "vm_count": 3}), validate("web", {**ZONES, "vm_count": 5})
    assert [vm_zones(three, i) for i in range(3)] == [vm_zones(five, i) for i in range(3)]


def test_frontend_is_zone_redundant_only_with_zones() -> None:
    assert (frontend_zones(validate("web", ZONES)), frontend_zones(validate("web", LINUX))) == (["1", "2", "3"], None)
