"""`orchestration`, and what only a scale set takes: its zones, `max_surge`, `autoscale`."""

from __future__ import annotations

from typing import Any

import pytest

from components import validate
from components.spec import Autoscale, Orchestration, VmPlacement

from ..support.constants import LINUX
from ..support.validating import rejected

SCALE_SET = {**LINUX, "orchestration": "scale_set", "location": "westeurope"}
BIG_SUBNET = {"subnet_address_prefix": "10.0.0.0/20"}

BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    # (case, args, argument the error must name)
    ("unknown orchestration", {**LINUX, "orchestration": "uniform"}, "orchestration"),
    ("one instance", {**SCALE_SET, "vm_count": 1}, "vm_count"),
    ("more than Flex holds", {**SCALE_SET, "vm_count": 1001, **BIG_SUBNET}, "vm_count"),
    ("more VMs than an availability set holds", {**LINUX, "vm_count": 201, **BIG_SUBNET}, "vm_count"),
    ("VHD disks", {**SCALE_SET, "disk_storage": "vhd"}, "disk_storage"),
    ("an availability set", {**SCALE_SET, "placement": "availability_set"}, "placement"),
    ("fault domains", {**SCALE_SET, "fault_domain_count": 2}, "fault_domain_count"),
    ("update domains", {**SCALE_SET, "update_domain_count": 5}, "update_domain_count"),
    ("zones where there are none", {**SCALE_SET, "location": "westus", "zones": ["1"]}, "zones"),
    ("zone 4", {**SCALE_SET, "zones": ["4"]}, "zones"),
    ("max_surge with VMs", {**LINUX, "max_surge": False}, "max_surge"),
    ("autoscale with VMs", {**LINUX, "autoscale": {"min_count": 2, "max_count": 4}}, "autoscale"),
    ("readiness gates run again on a scale set", {**SCALE_SET, "readiness_rerun": 1}, "readiness_rerun"),
    ("max_surge not a switch", {**SCALE_SET, "max_surge": "yes"}, "max_surge"),
    ("autoscale not an object", {**SCALE_SET, "autoscale": 4}, "autoscale"),
    ("autoscale unknown field", {**SCALE_SET, "autoscale": {"min_count": 2, "max_count": 4, "cpu": 50}}, "autoscale"),
    ("autoscale without min", {**SCALE_SET, "autoscale": {"max_count": 4}}, "autoscale.min_count"),
    ("autoscale without max", {**SCALE_SET, "autoscale": {"min_count": 2}}, "autoscale.max_count"),
    ("autoscale min 1", {**SCALE_SET, "autoscale": {"min_count": 1, "max_count": 4}}, "autoscale.min_count"),
    ("autoscale max below min", {**SCALE_SET, "autoscale": {"min_count": 3, "max_count": 2}}, "autoscale.max_count"),
    (
        "autoscale max above Flex",
        {**SCALE_SET, "autoscale": {"min_count": 2, "max_count": 1001}},
        "autoscale.max_count",
    ),
    (
        "scale-in above scale-out",
        {**SCALE_SET, "autoscale": {"min_count": 2, "max_count": 4, "scale_in_cpu_percent": 80}},
        "autoscale.scale_out_cpu_percent",
    ),
    ("vm_count below autoscale", {**SCALE_SET, "autoscale": {"min_count": 3, "max_count": 4}}, "vm_count"),
    (
        "a subnet too small for the surge",
        {**SCALE_SET, "vm_count": 200, "subnet_address_prefix": "10.0.0.0/24"},
        "subnet_address_prefix",
    ),
    (
        "a VNet too small for the grown default subnet",
        {**SCALE_SET, "vm_count": 1000, "vnet_address_space": ["10.0.0.0/22"]},
        "subnet_address_prefix",
    ),
    ("a NAT range past 65534", {**SCALE_SET, "nat_frontend_port_start": 65000}, "nat_frontend_port_start"),
    (
        "an LB rule inside the NAT range",
        {**SCALE_SET, "lb_rules": [{"frontend_port": 50500, "backend_port": 80}]},
        "lb_rules[0].frontend_port",
    ),
]


@pytest.mark.parametrize(("case", "args", "argument"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_orchestration_input_names_the_argument(case: str, args: dict[str, Any], argument: str) -> None:
    assert rejected(args).argument == argument


def test_vhd_refusal_says_why() -> None:
    assert str(rejected({**SCALE_SET, "disk_storage": "vhd"})) == (
        "disk_storage: 'vhd' is not allowed; managed with orchestration='scale_set' (a scale set has no VHD disks)"
    )


def test_individual_vms_are_the_default() -> None:
    assert validate("web", LINUX).orchestration.mode is Orchestration.VMS


def test_individual_vms_have_no_scale_set_settings() -> None:
    assert validate("web", LINUX).scale_set is None


def test_a_scale_set_holds_up_to_1000_instances() -> None:
    spec = validate("web", {**SCALE_SET, "vm_count": 1000, "subnet_address_prefix": "10.0.0.0/20"})
    assert spec.compute.vm_count == 1000


def test_a_scale_set_spreads_over_every_zone_of_its_region() -> None:
    assert validate("web", SCALE_SET).placement.zones == ("1", "2", "3")


def test_a_scale_set_in_a_region_without_zones_is_regional() -> None:
    assert validate("web", {**SCALE_SET, "location": "westus"}).placement.zones == ()


def test_a_scale_set_in_an_unknown_region_is_regional_with_a_warning() -> None:
    spec = validate("web", {**LINUX, "orchestration": "scale_set"})
    assert (spec.placement.zones, any("could not be checked" in w for w in spec.warnings)) == ((), True)


def test_a_scale_set_takes_the_zones_given() -> None:
    assert validate("web", {**SCALE_SET, "zones": [2, "3"]}).placement.zones == ("2", "3")


def test_placement_zones_is_what_a_scale_set_does() -> None:
    assert validate("web", {**SCALE_SET, "placement": "zones"}).placement.mode is VmPlacement.ZONES


def test_a_scale_set_uses_max_spreading() -> None:
    assert validate("web", SCALE_SET).placement.fault_domain_count == 1


def test_max_surge_is_on_by_default() -> None:
    scale_set = validate("web", SCALE_SET).scale_set
    assert scale_set is not None and scale_set.max_surge is True


def test_max_surge_can_be_turned_off() -> None:
    scale_set = validate("web", {**SCALE_SET, "max_surge": False}).scale_set
    assert scale_set is not None and scale_set.max_surge is False


def test_the_batch_is_half_the_set_by_default() -> None:
    scale_set = validate("web", {**SCALE_SET, "vm_count": 3}).scale_set
    assert scale_set is not None and scale_set.batch_percent == 50


def test_max_unavailable_becomes_the_batch_percentage_rounded_up() -> None:
    scale_set = validate("web", {**SCALE_SET, "vm_count": 3, "max_unavailable": 1}).scale_set
    assert scale_set is not None and scale_set.batch_percent == 34


def test_autoscale_takes_the_cpu_thresholds_by_default() -> None:
    scale_set = validate("web", {**SCALE_SET, "autoscale": {"min_count": 2, "max_count": 8}}).scale_set
    assert scale_set is not None and scale_set.autoscale == Autoscale(2, 8, 70, 30)


def test_autoscale_takes_the_thresholds_given() -> None:
    autoscale = {"min_count": 2, "max_count": 8, "scale_out_cpu_percent": 60, "scale_in_cpu_percent": 20}
    scale_set = validate("web", {**SCALE_SET, "autoscale": autoscale}).scale_set
    assert scale_set is not None and scale_set.autoscale == Autoscale(2, 8, 60, 20)


def test_the_subnet_holds_autoscales_most_and_a_surge_batch() -> None:
    """Ten instances at most, half of them surging: 15 addresses and Azure's 5 fit a /27 (32)."""
    args = {**SCALE_SET, "autoscale": {"min_count": 2, "max_count": 10}, "subnet_address_prefix": "10.0.0.0/27"}
    assert validate("web", args).network.subnet_address_prefix == "10.0.0.0/27"


def test_a_scale_set_nat_rule_counts_as_one_rule() -> None:
    """298 load-balancing rules, the NAT rule over the pool and the outbound rule fill each NIC's 300, and
    the port range's 1,000 ports are not 1,000 rules."""
    rules = [{"frontend_port": port, "backend_port": port} for port in range(1, 300) if port != 22]
    assert len(validate("web", {**SCALE_SET, "lb_rules": rules}).load_balancing.lb_rules) == 298


def test_the_default_subnet_grows_to_hold_a_large_scale_set_and_its_surge() -> None:
    """1,000 instances and a 50% surge batch: 1,500 addresses and Azure's 5 need a /21."""
    assert validate("web", {**SCALE_SET, "vm_count": 1000}).network.subnet_address_prefix == "10.0.0.0/21"


def test_the_default_subnet_stays_a_24_when_it_holds_the_scale_set() -> None:
    assert validate("web", {**SCALE_SET, "vm_count": 100}).network.subnet_address_prefix == "10.0.0.0/24"


def test_a_subnet_too_small_names_the_prefix_that_would_hold_it() -> None:
    error = rejected({**SCALE_SET, "vm_count": 200, "subnet_address_prefix": "10.0.0.0/24"})
    assert error.allowed.endswith("a /23 or larger")


def test_a_scale_set_in_one_zone_is_warned_of() -> None:
    assert any("zone outage" in w for w in validate("web", {**SCALE_SET, "zones": ["2"]}).warnings)
