"""Availability zones (`components.decisions.zones`): VMs round-robin over the zones, a zone-redundant frontend."""

from __future__ import annotations

from components import validate
from components.decisions.zones import frontend_zones, vm_zone

from ..support.constants import LINUX

ZONES = {**LINUX, "placement": "zones"}


def test_vms_go_round_robin_over_the_zones() -> None:
    assert [vm_zone(("1", "2", "3"), i) for i in range(5)] == ["1", "2", "3", "1", "2"]


def test_a_vm_zone_depends_only_on_its_index() -> None:
    assert vm_zone(("2", "3"), 4) == "2"


def test_frontend_is_zone_redundant_only_with_zones() -> None:
    assert (frontend_zones(validate("web", ZONES)), frontend_zones(validate("web", LINUX))) == (["1", "2", "3"], None)
