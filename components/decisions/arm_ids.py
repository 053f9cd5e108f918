"""Azure Resource Manager IDs: the one place they are built, taken apart and checked.

Inline load-balancer children (frontend, pool, probe, rules) must name each other
by full ARM ID within the load balancer that contains them, before it exists; NICs
join the pool and their NAT rule by the same IDs. The caller's IDs (a subnet, an NSG,
an `AzureBastionSubnet`, a Log Analytics workspace) are checked here, as plain values
during validation and, when they are Outputs of the caller's own resources, once they
resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InvalidArgumentError, abbreviated
from .bastion import BASTION_SUBNET_NAME


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
INBOUND_NAT_RULES = "inboundNatRules"
"""A standalone `InboundNatRule` and an inline one of the same name have the same ID: one rule."""


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
# A Log Analytics workspace's ID. Workspace names: 4-63 letters, digits and hyphens, starting and
# ending alphanumeric.
_WORKSPACE_ID = re.compile(
    r"^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"/resourceGroups/[-\w.()]{1,90}"
    r"/providers/Microsoft\.OperationalInsights/workspaces/[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$",
    re.IGNORECASE,
)
WORKSPACE_ID_EXAMPLE = (
    "/subscriptions/<subscription-id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>"
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


def check_resource_id(argument: str, value: object, parse: Parser, shape: str) -> str:
    """The caller's ARM ID, if `parse` recognises it, or `InvalidArgumentError` naming `argument`."""
    if not isinstance(value, str) or parse(value) is None:
        shown = abbreviated(value, 120) if isinstance(value, str) else value
        raise InvalidArgumentError(argument, shown, f"an ARM resource ID {shape}")
    return value


def check_subnet_id(value: object) -> str:
    """`subnet_id`: the ARM ID of a subnet."""
    return check_resource_id("subnet_id", value, parse_subnet_id, SUBNET_ID_SHAPE)


def check_network_security_group_id(value: object) -> str:
    """`network_security_group_id`: the ARM ID of an NSG."""
    return check_resource_id(
        "network_security_group_id", value, parse_network_security_group_id, NETWORK_SECURITY_GROUP_ID_SHAPE
    )


def check_bastion_subnet_id(value: object) -> str:
    """`bastion_subnet_id`: the ARM ID of a subnet named `AzureBastionSubnet`."""
    ref = parse_subnet_id(value) if isinstance(value, str) else None
    if ref is None or ref.subnet_name != BASTION_SUBNET_NAME:
        raise InvalidArgumentError(
            "bastion_subnet_id",
            value,
            f"the ARM ID of a subnet named exactly '{BASTION_SUBNET_NAME}' (Azure's required name): "
            f"{SUBNET_ID_SHAPE.replace('<subnet>', BASTION_SUBNET_NAME)}",
        )
    return str(value)


def check_workspace_id(value: object) -> str:
    """`log_analytics_workspace_id`: the ARM ID of a Log Analytics workspace."""
    if not isinstance(value, str) or not _WORKSPACE_ID.match(value.strip()):
        raise InvalidArgumentError(
            "log_analytics_workspace_id", value, f"the ARM ID of a Log Analytics workspace: {WORKSPACE_ID_EXAMPLE}"
        )
    return value.strip()
