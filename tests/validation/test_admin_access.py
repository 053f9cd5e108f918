"""`admin_access`: NAT rules by default, or Azure Bastion in a subnet the set creates or is given."""

from __future__ import annotations

from typing import Any

import pytest

from components import validate

from ..support.constants import LINUX, SUBNET_ID, SUBSCRIPTION
from ..support.validating import rejected

HUB_BASTION_SUBNET = (
    f"/subscriptions/{SUBSCRIPTION}/resourceGroups/hub/providers/Microsoft.Network"
    "/virtualNetworks/hub-vnet/subnets/AzureBastionSubnet"
)


BASTION = {**LINUX, "admin_access": "bastion"}


BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    # (case, args, argument the error must name)
    ("unknown admin access", {**LINUX, "admin_access": "jumpbox"}, "admin_access"),
    (
        "Bastion subnet /27",
        {**BASTION, "bastion_subnet_address_prefix": "10.0.1.0/27"},
        "bastion_subnet_address_prefix",
    ),
    (
        "Bastion subnet over the VM subnet",
        {**BASTION, "bastion_subnet_address_prefix": "10.0.0.0/26"},
        "bastion_subnet_address_prefix",
    ),
    (
        "Bastion subnet outside the VNet",
        {**BASTION, "bastion_subnet_address_prefix": "10.9.0.0/26"},
        "bastion_subnet_address_prefix",
    ),
    (
        "Bastion subnet not a CIDR",
        {**BASTION, "bastion_subnet_address_prefix": "10.0.1.0"},
        "bastion_subnet_address_prefix",
    ),
    (
        "no room for a Bastion subnet",
        {**BASTION, "vnet_address_space": "10.0.0.0/24", "subnet_address_prefix": "10.0.0.0/24"},
        "vnet_address_space",
    ),
    (
        "given Bastion subnet not named AzureBastionSubnet",
        {**BASTION, "bastion_subnet_id": SUBNET_ID, "bastion_subnet_address_prefix": "10.100.0.0/26"},
        "bastion_subnet_id",
    ),
    ("given Bastion subnet not an ARM ID", {**BASTION, "bastion_subnet_id": "AzureBastionSubnet"}, "bastion_subnet_id"),
    (
        "given Bastion subnet without its prefix",
        {**BASTION, "bastion_subnet_id": HUB_BASTION_SUBNET},
        "bastion_subnet_address_prefix",
    ),
    ("Bastion subnet with NAT rules", {**LINUX, "bastion_subnet_id": HUB_BASTION_SUBNET}, "bastion_subnet_id"),
    (
        "Bastion prefix with NAT rules",
        {**LINUX, "bastion_subnet_address_prefix": "10.0.1.0/26"},
        "bastion_subnet_address_prefix",
    ),
]


@pytest.mark.parametrize(("case", "args", "argument"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_admin_access_input_names_the_argument(case: str, args: dict[str, Any], argument: str) -> None:
    assert rejected(args).argument == argument


def test_bastion_with_own_subnet_and_no_bastion_subnet_is_rejected() -> None:
    assert rejected({**BASTION, "subnet_id": SUBNET_ID}).argument == "bastion_subnet_id"


def test_bastion_with_own_subnet_and_given_bastion_subnet_is_accepted() -> None:
    spec = validate(
        "web",
        {
            **BASTION,
            "subnet_id": SUBNET_ID,
            "bastion_subnet_id": HUB_BASTION_SUBNET,
            "bastion_subnet_address_prefix": "10.100.0.0/26",
        },
    )
    assert spec.admin_access.bastion is not None
    assert (spec.admin_access.bastion.given, spec.admin_access.bastion.address_prefix) == (True, "10.100.0.0/26")


def test_a_given_bastion_subnet_must_not_overlap_a_given_vm_subnet() -> None:
    args = {
        **BASTION,
        "subnet_id": SUBNET_ID,
        "subnet_address_prefix": "10.100.0.0/24",
        "bastion_subnet_id": HUB_BASTION_SUBNET,
        "bastion_subnet_address_prefix": "10.100.0.0/26",
    }
    assert rejected(args).argument == "bastion_subnet_address_prefix"


def test_bastion_ignores_admin_sources_and_warns() -> None:
    spec = validate("web", {**BASTION, "admin_source_prefixes": ["203.0.113.7/32"]})
    assert spec.admin_rule_sources == ("10.0.1.0/26",) and any(
        "admin_source_prefixes is ignored" in w for w in spec.warnings
    )


def test_bastion_does_not_warn_that_the_admin_port_is_closed() -> None:
    assert not any("admin port 22 is closed" in w for w in validate("web", BASTION).warnings)


def test_bastion_frees_the_nat_port_range_for_lb_rules() -> None:
    spec = validate("web", {**BASTION, "lb_rules": [{"frontend_port": 50001, "backend_port": 80}]})
    assert spec.load_balancing.lb_rules[0].frontend_port == 50001


def test_bastion_still_refuses_an_lb_rule_onto_the_admin_port() -> None:
    assert (
        rejected({**BASTION, "lb_rules": [{"frontend_port": 2222, "backend_port": 22}]}).argument
        == "lb_rules[0].backend_port"
    )


def test_given_bastion_subnet_may_lie_outside_the_vnet() -> None:
    spec = validate(
        "web", {**BASTION, "bastion_subnet_id": HUB_BASTION_SUBNET, "bastion_subnet_address_prefix": "10.100.0.0/26"}
    )
    assert spec.admin_access.bastion is not None and (
        spec.admin_access.bastion.given,
        spec.admin_access.bastion.address_prefix,
    ) == (True, "10.100.0.0/26")
