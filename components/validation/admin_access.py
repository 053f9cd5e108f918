"""How administrators reach the VMs: per-VM NAT ports on the load balancer, or Azure Bastion
(its subnet: the component's own `AzureBastionSubnet`, or the caller's by ARM ID)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from typing import Any

from ..decisions import arm_ids
from ..decisions.bastion import BASTION_SUBNET_NAME, MAX_BASTION_SUBNET_PREFIX_LENGTH, default_bastion_subnet_prefix
from ..errors import InvalidArgumentError
from ..spec import AdminAccess, AdminAccessSettings, BastionSubnet, Network
from .inputs import checked_input, choice, given, is_missing


def read_admin_access(args: Mapping[str, Any], network: Network, warnings: list[str]) -> AdminAccessSettings:
    mode = choice(args, "admin_access", AdminAccess)
    return AdminAccessSettings(mode, _bastion(args, mode, network, warnings))


def _bastion(
    args: Mapping[str, Any], admin_access: AdminAccess, network: Network, warnings: list[str]
) -> BastionSubnet | None:
    vnet_address_space, subnet = network.vnet_networks, network.subnet_network
    subnet_id = args.get("bastion_subnet_id")
    prefix_value = args.get("bastion_subnet_address_prefix")
    if admin_access is not AdminAccess.BASTION:
        for argument, value in (("bastion_subnet_id", subnet_id), ("bastion_subnet_address_prefix", prefix_value)):
            if not is_missing(value):
                raise InvalidArgumentError(argument, value, "only with admin_access='bastion'")
        return None
    if args.get("admin_source_prefixes"):
        warnings.append(
            "admin_source_prefixes is ignored with admin_access='bastion': the NSG admits the admin port "
            "only from the Bastion subnet."
        )
    for ignored in ("nat_frontend_port_start", "nat_rule_capacity"):
        if given(args, ignored) is not None:
            warnings.append(f"{ignored} is ignored with admin_access='bastion': there are no NAT rules.")
    if is_missing(subnet_id):
        if subnet is None or not vnet_address_space:  # no VNet of the component's: subnet_id was given
            raise InvalidArgumentError(
                "bastion_subnet_id",
                subnet_id,
                "admin_access='bastion' with a bring-your-own subnet_id: the component creates no VNet to hold a "
                "Bastion subnet, so give the "
                f"ARM ID of an existing '{BASTION_SUBNET_NAME}' (bastion_subnet_id) and its "
                "bastion_subnet_address_prefix",
            )
        prefix = _bastion_prefix(prefix_value, vnet_address_space, subnet)
        return BastionSubnet(address_prefix=str(prefix), subnet_id=None)
    given_subnet_id = checked_input(args, "bastion_subnet_id", arm_ids.check_bastion_subnet_id)
    if is_missing(prefix_value):
        raise InvalidArgumentError(
            "bastion_subnet_address_prefix",
            prefix_value,
            "the address prefix of the given bastion_subnet_id, so that the NSG admits the admin port from it only",
        )
    prefix = _prefix_cidr(prefix_value)
    if subnet is not None and prefix.overlaps(subnet):
        raise InvalidArgumentError(
            "bastion_subnet_address_prefix", prefix_value, f"a range that does not overlap the VM subnet {subnet}"
        )
    return BastionSubnet(address_prefix=str(prefix), subnet_id=given_subnet_id)


def _bastion_prefix(
    value: object, vnet_address_space: Sequence[ipaddress.IPv4Network], subnet: ipaddress.IPv4Network
) -> ipaddress.IPv4Network:
    if is_missing(value):
        default = default_bastion_subnet_prefix(vnet_address_space, subnet)
        if default is None:
            raise InvalidArgumentError(
                "vnet_address_space",
                [str(s) for s in vnet_address_space],
                f"room for a /{MAX_BASTION_SUBNET_PREFIX_LENGTH} {BASTION_SUBNET_NAME} beside the VM subnet "
                "(or give bastion_subnet_address_prefix)",
            )
        return default
    prefix = _prefix_cidr(value)
    if not any(prefix.subnet_of(space) for space in vnet_address_space):
        raise InvalidArgumentError(
            "bastion_subnet_address_prefix",
            value,
            f"a block inside the VNet address space {', '.join(map(str, vnet_address_space))}",
        )
    if prefix.overlaps(subnet):
        raise InvalidArgumentError(
            "bastion_subnet_address_prefix", value, f"a range that does not overlap the VM subnet {subnet}"
        )
    return prefix


def _prefix_cidr(value: object) -> ipaddress.IPv4Network:
    allowed = (
        f"an IPv4 CIDR block of /{MAX_BASTION_SUBNET_PREFIX_LENGTH} or larger (Azure Bastion's minimum), "
        "such as 10.0.1.0/26, with no host bits set"
    )
    if not isinstance(value, str) or "/" not in value:
        raise InvalidArgumentError("bastion_subnet_address_prefix", value, allowed)
    try:
        prefix = ipaddress.IPv4Network(value.strip(), strict=True)
    except ValueError:
        raise InvalidArgumentError("bastion_subnet_address_prefix", value, allowed) from None
    if prefix.prefixlen > MAX_BASTION_SUBNET_PREFIX_LENGTH:
        raise InvalidArgumentError("bastion_subnet_address_prefix", value, allowed)
    return prefix
