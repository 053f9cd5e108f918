"""ARM resource IDs (`components.decisions.arm_ids`): built for the load balancer's children,
parsed for what the caller gives."""

from __future__ import annotations

from components.decisions import arm_ids
from components.decisions.arm_ids import parse_network_security_group_id, parse_subnet_id

from ..support.constants import NSG_ID, SUBNET_ID, SUBSCRIPTION


def test_load_balancer_child_ids_are_arm_shaped() -> None:
    lb = arm_ids.load_balancer_id("sub", "rg", "web-lb")
    assert arm_ids.load_balancer_child_id(lb, arm_ids.BACKEND_ADDRESS_POOLS, "backend-pool") == (
        "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/web-lb"
        "/backendAddressPools/backend-pool"
    )


def test_a_subnet_id_parses_into_its_parts() -> None:
    ref = parse_subnet_id(SUBNET_ID)
    assert ref is not None
    assert (ref.subscription_id, ref.resource_group_name, ref.virtual_network_name, ref.subnet_name) == (
        SUBSCRIPTION,
        "net-rg",
        "hub",
        "app",
    )


def test_arm_ids_are_case_insensitive_in_their_fixed_parts() -> None:
    assert parse_subnet_id(SUBNET_ID.replace("virtualNetworks", "VIRTUALNETWORKS")) is not None


def test_an_nsg_id_is_not_a_subnet_id() -> None:
    assert (parse_subnet_id(NSG_ID), parse_network_security_group_id(NSG_ID) is not None) == (None, True)
