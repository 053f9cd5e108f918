"""The scale set's decisions: batch, surge, NAT port range, health extension settings, autoscale rules."""

from __future__ import annotations

import pytest

from components.decisions import scale_set as decided
from components.spec import Autoscale, OsType, Probe


@pytest.mark.parametrize(
    ("max_unavailable", "vm_count", "percent"),
    [(None, 3, 50), (1, 3, 34), (1, 2, 50), (2, 2, 100), (1, 1000, 5), (333, 1000, 34)],
)
def test_the_batch_is_a_percentage_rounded_up_within_azures_range(
    max_unavailable: int | None, vm_count: int, percent: int
) -> None:
    assert decided.batch_percent(max_unavailable, vm_count) == percent


def test_a_batch_never_tolerates_fewer_unhealthy_instances_than_it_takes_down() -> None:
    assert decided.max_unhealthy_percent(50) == 50


def test_a_small_batch_keeps_azures_default_tolerance() -> None:
    assert decided.max_unhealthy_percent(5) == 20


def test_a_surge_batch_adds_its_share_of_the_capacity_rounded_up() -> None:
    assert decided.surge_instances(50, 5) == 3


def test_the_nat_range_ends_at_the_largest_count_a_flexible_scale_set_reaches() -> None:
    assert str(decided.nat_port_range(50001, 22)) == "50001-51000"


def test_the_nat_range_forwards_to_the_admin_port() -> None:
    assert decided.nat_port_range(50001, 3389).backend_port == 3389


def test_the_health_extension_probes_an_http_probes_path() -> None:
    assert decided.health_extension_settings(Probe("Http", 80, "/healthz", 5)) == {
        "protocol": "http",
        "port": 80,
        "requestPath": "/healthz",
        "intervalInSeconds": 5,
        "numberOfProbes": 1,
    }


def test_the_health_extension_takes_no_path_for_tcp() -> None:
    assert "requestPath" not in decided.health_extension_settings(Probe("Tcp", 22, None, 15))


def test_autoscale_adds_above_and_removes_below_the_thresholds() -> None:
    assert decided.autoscale_rules(Autoscale(2, 9, 75, 25)) == (
        decided.AutoscaleRule("Increase", "GreaterThan", 75),
        decided.AutoscaleRule("Decrease", "LessThan", 25),
    )


def test_a_windows_computer_name_prefix_leaves_room_for_azures_six_characters() -> None:
    assert decided.computer_name_prefix("inventory-vmss", OsType.WINDOWS) == "inventory"


def test_a_linux_computer_name_prefix_is_the_scale_sets_name() -> None:
    assert decided.computer_name_prefix("inventory-vmss", OsType.LINUX) == "inventory-vmss"


def test_the_repair_grace_period_is_within_azures_range() -> None:
    minutes = int(decided.REPAIR_GRACE_PERIOD.removeprefix("PT").removesuffix("M"))
    assert decided.REPAIR_GRACE_MINUTES[0] <= minutes <= decided.REPAIR_GRACE_MINUTES[1]
