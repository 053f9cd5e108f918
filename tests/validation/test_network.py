"""The set's network inputs: an internal load balancer (`public`, `frontend_private_ip`), a subnet and
NSG brought by the caller (`subnet_id`, `network_security_group_id`) and `outbound`."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest

from components import validate
from components.spec import Outbound
from components.validation.network import subnet_usable_addresses

from ..support.constants import LINUX, NSG_ID, SUBNET_ID, SUBSCRIPTION
from ..support.validating import rejected

INTERNAL: dict[str, Any] = {**LINUX, "public": False}


BRING_YOUR_OWN: dict[str, Any] = {**LINUX, "subnet_id": SUBNET_ID}


BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    # (case, args, argument the error must name)
    ("subnet ID of a VNet", {**LINUX, "subnet_id": SUBNET_ID.rsplit("/subnets/", 1)[0]}, "subnet_id"),
    ("subnet ID that is a name", {**LINUX, "subnet_id": "app"}, "subnet_id"),
    ("subnet ID of another provider", {**LINUX, "subnet_id": SUBNET_ID.replace("Network", "Compute")}, "subnet_id"),
    (
        "subnet ID without subscription GUID",
        {**LINUX, "subnet_id": SUBNET_ID.replace(SUBSCRIPTION, "my-sub")},
        "subnet_id",
    ),
    ("NSG ID of a subnet", {**LINUX, "network_security_group_id": SUBNET_ID}, "network_security_group_id"),
    ("frontend IP outside the subnet", {**INTERNAL, "frontend_private_ip": "10.0.1.10"}, "frontend_private_ip"),
    ("frontend IP: network address", {**INTERNAL, "frontend_private_ip": "10.0.0.0"}, "frontend_private_ip"),
    ("frontend IP: default gateway", {**INTERNAL, "frontend_private_ip": "10.0.0.1"}, "frontend_private_ip"),
    ("frontend IP: Azure DNS", {**INTERNAL, "frontend_private_ip": "10.0.0.2"}, "frontend_private_ip"),
    ("frontend IP: Azure DNS too", {**INTERNAL, "frontend_private_ip": "10.0.0.3"}, "frontend_private_ip"),
    ("frontend IP: broadcast", {**INTERNAL, "frontend_private_ip": "10.0.0.255"}, "frontend_private_ip"),
    ("frontend IP not an address", {**INTERNAL, "frontend_private_ip": "10.0.0.300"}, "frontend_private_ip"),
    ("frontend IP of a public LB", {**LINUX, "frontend_private_ip": "10.0.0.10"}, "frontend_private_ip"),
    (
        "frontend IP outside the given subnet",
        {**BRING_YOUR_OWN, "public": False, "subnet_address_prefix": "10.5.1.0/24", "frontend_private_ip": "10.5.2.9"},
        "frontend_private_ip",
    ),
    (
        "frontend IP in a given subnet of unknown prefix",
        {**BRING_YOUR_OWN, "public": False, "frontend_private_ip": "10.5.1.9"},
        "subnet_address_prefix",
    ),
    ("NAT gateway on your own subnet", {**BRING_YOUR_OWN, "outbound": "nat_gateway"}, "outbound"),
    ("outbound rule on an internal LB", {**INTERNAL, "outbound": "lb_rule"}, "outbound"),
    ("unknown outbound", {**LINUX, "outbound": "proxy"}, "outbound"),
    ("DNS label on an internal LB", {**INTERNAL, "dns_label": "contoso"}, "dns_label"),
    ("public as text", {**LINUX, "public": "false"}, "public"),
    ("VNet space with your own subnet", {**BRING_YOUR_OWN, "vnet_address_space": "10.9.0.0/16"}, "vnet_address_space"),
    (
        "no room for the internal frontend",
        {**INTERNAL, "vm_count": 3, "vnet_address_space": "10.0.0.0/24", "subnet_address_prefix": "10.0.0.0/29"},
        "subnet_address_prefix",
    ),
]


@pytest.mark.parametrize(("case", "args", "argument"), BAD_INPUTS, ids=[case for case, _, _ in BAD_INPUTS])
def test_bad_network_input_is_rejected_naming_the_argument(case: str, args: dict[str, Any], argument: str) -> None:
    assert rejected(args, "app").argument == argument


@pytest.mark.parametrize(
    ("args", "explanation"),
    [
        ({**LINUX, "subnet_id": "app"}, "an ARM resource ID /subscriptions/<subscription-id>/resourceGroups/<group>/"),
        ({**INTERNAL, "frontend_private_ip": "10.0.1.10"}, "an address of the subnet 10.0.0.0/24"),
        ({**BRING_YOUR_OWN, "outbound": "nat_gateway"}, "attach a NAT gateway to it yourself"),
        ({**INTERNAL, "dns_label": "contoso"}, "an internal load balancer has no public IP"),
    ],
    ids=["subnet-id", "frontend-ip", "nat-gateway", "dns-label"],
)
def test_bad_network_inputs_explain_what_is_allowed(args: dict[str, Any], explanation: str) -> None:
    error = rejected(args, "app")
    assert str(error).startswith(f"{error.argument}: {error.value!r} is not allowed; ")
    assert explanation in error.allowed


def test_a_reserved_frontend_address_error_names_the_usable_range() -> None:
    assert "10.0.0.4-10.0.0.254" in str(rejected({**INTERNAL, "frontend_private_ip": "10.0.0.3"}, "app"))


def test_a_public_set_gets_an_outbound_rule_by_default() -> None:
    assert validate("app", LINUX).network.outbound is Outbound.LB_RULE


def test_an_internal_set_has_no_outbound_by_default() -> None:
    assert validate("app", INTERNAL).network.outbound is Outbound.NONE


def test_an_internal_set_admits_the_virtual_network_by_default() -> None:
    assert validate("app", INTERNAL).sources.app_source_prefixes == ("VirtualNetwork",)


def test_a_public_set_admits_the_internet_by_default() -> None:
    assert validate("app", LINUX).sources.app_source_prefixes == ("Internet",)


def test_the_first_assignable_address_is_a_valid_static_frontend() -> None:
    assert validate("app", {**INTERNAL, "frontend_private_ip": "10.0.0.4"}).network.frontend_private_ip == "10.0.0.4"


def test_the_last_assignable_address_is_a_valid_static_frontend() -> None:
    assert (
        validate("app", {**INTERNAL, "frontend_private_ip": "10.0.0.254"}).network.frontend_private_ip == "10.0.0.254"
    )


def test_a_given_subnet_creates_no_network() -> None:
    spec = validate("app", BRING_YOUR_OWN)
    assert (spec.network.creates_subnet, spec.network.vnet_address_space, spec.network.subnet_address_prefix) == (
        False,
        (),
        None,
    )


def test_a_given_subnet_puts_the_nsg_on_the_nics() -> None:
    assert validate("app", BRING_YOUR_OWN).network_security_group_on_nics


def test_the_own_subnet_carries_the_nsg() -> None:
    assert not validate("app", LINUX).network_security_group_on_nics


def test_a_given_nsg_is_not_created() -> None:
    assert not validate(
        "app", {**BRING_YOUR_OWN, "network_security_group_id": NSG_ID}
    ).network.creates_network_security_group


def test_a_given_nsg_makes_source_prefixes_a_warning() -> None:
    spec = validate(
        "app", {**BRING_YOUR_OWN, "network_security_group_id": NSG_ID, "app_source_prefixes": ["10.1.0.0/24"]}
    )
    assert any("app_source_prefixes" in w and "network_security_group_id" in w for w in spec.warnings)


def test_a_given_subnet_prefix_is_checked_for_room() -> None:
    assert rejected({**BRING_YOUR_OWN, "vm_count": 4, "subnet_address_prefix": "10.5.1.0/29"}, "app").argument == (
        "subnet_address_prefix"
    )


def test_an_internal_set_without_outbound_warns_that_cloud_init_cannot_download() -> None:
    assert any("outbound='none'" in w for w in validate("app", INTERNAL).warnings)


def test_an_internal_set_with_its_own_custom_data_does_not_warn_about_downloads() -> None:
    assert not any("outbound='none'" in w for w in validate("app", {**INTERNAL, "custom_data": "#!/bin/sh"}).warnings)


def test_azure_keeps_five_addresses_of_a_subnet() -> None:
    usable = subnet_usable_addresses(ipaddress.IPv4Network("10.0.0.0/29"))
    assert [str(usable.start), str(usable.stop)] == ["10.0.0.4", "10.0.0.7"]
