"""Azure Resource Manager IDs, built as strings, and the caller's IDs checked and taken apart.

Inline load-balancer children (frontend, pool, probe, rules) must name each other
by full ARM ID within the load balancer that contains them, before it exists; NICs
join the pool and their NAT rule by the same IDs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


def resource_group_id(subscription_id: str, resource_group_name: str) -> str:
    return f"/subscriptions/{subscription_id}/resourceGroups/{resource_group_name}"


def load_balancer_id(subscription_id: str, resource_group_name: str, load_balancer_name: str) -> str:
    return (
        f"{resource_group_id(subscription_id, resource_group_name)}"
        f"/providers/Microsoft.Network/loadBalancers/{load_balancer_name}"
    )


def load_balancer_child_id(load_balancer: str, collection: str, name: str) -> str:
    """ID of `name` in one of the load balancer's collections, e.g. `backendAddressPools`."""
    return f"{load_balancer}/{collection}/{name}"


FRONTEND_IP_CONFIGURATIONS = "frontendIPConfigurations"
BACKEND_ADDRESS_POOLS = "backendAddressPools"
PROBES = "probes"
LOAD_BALANCING_RULES = "loadBalancingRules"
INBOUND_NAT_RULES = "inboundNatRules"
OUTBOUND_RULES = "outboundRules"


@dataclass(frozen=True)
class SubnetRef:
    """The parts of a subnet's ARM ID."""

    subscription_id: str
    resource_group_name: str
    virtual_network_name: str
    subnet_name: str


@dataclass(frozen=True)
class ResourceRef:
    subscription_id: str
    resource_group_name: str
    name: str


# ARM IDs are case-insensitive in their fixed segments; names are kept as written.
# Resource group names: 1-90 of letters, digits, '_', '-', '.', '(' and ')', not ending in '.'.
_SUBSCRIPTION = r"/subscriptions/(?P<subscription>[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})"
_RESOURCE_GROUP = r"/resourceGroups/(?P<group>[-\w.()]{0,89}[-\w()])"
_NAME = r"[A-Za-z0-9][-\w.]{0,78}[\w]|[A-Za-z0-9]"
_SUBNET_ID = re.compile(
    _SUBSCRIPTION
    + _RESOURCE_GROUP
    + rf"/providers/Microsoft\.Network/virtualNetworks/(?P<vnet>{_NAME})/subnets/(?P<subnet>{_NAME})",
    re.IGNORECASE,
)
_NSG_ID = re.compile(
    _SUBSCRIPTION + _RESOURCE_GROUP + rf"/providers/Microsoft\.Network/networkSecurityGroups/(?P<name>{_NAME})",
    re.IGNORECASE,
)
SUBNET_ID_SHAPE = (
    "/subscriptions/<subscription-id>/resourceGroups/<group>/providers/Microsoft.Network/"
    "virtualNetworks/<vnet>/subnets/<subnet>"
)
NETWORK_SECURITY_GROUP_ID_SHAPE = (
    "/subscriptions/<subscription-id>/resourceGroups/<group>/providers/Microsoft.Network/networkSecurityGroups/<nsg>"
)


Parser = Callable[[str], object]
"""`parse_subnet_id` and its kind: the parts of an ID, or None."""


def parse_subnet_id(text: str) -> SubnetRef | None:
    """The parts of a subnet ARM ID, or None when `text` is not one."""
    match = _SUBNET_ID.fullmatch(text.strip())
    if match is None:
        return None
    return SubnetRef(match["subscription"], match["group"], match["vnet"], match["subnet"])


def parse_network_security_group_id(text: str) -> ResourceRef | None:
    """The parts of an NSG ARM ID, or None when `text` is not one."""
    match = _NSG_ID.fullmatch(text.strip())
    return None if match is None else ResourceRef(match["subscription"], match["group"], match["name"])


def subnet_id(virtual_network_id: str, subnet_name: str) -> str:
    return f"{virtual_network_id}/subnets/{subnet_name}"
