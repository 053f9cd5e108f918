"""The VMs' network: the component's own VNet address space and subnet, or the caller's subnet
and NSG (by ARM ID); whether the load balancer is public, its frontend address and DNS label,
and the VMs' way out to the internet.

Azure's rules: learn.microsoft.com/azure/virtual-network/virtual-networks-faq (reserved ranges
and addresses), .../virtual-network/ip-services/public-ip-addresses (DNS labels),
learn.microsoft.com/azure/load-balancer/outbound-rules (outbound).
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ..decisions import arm_ids
from ..errors import InvalidArgumentError
from ..spec import Network, Outbound
from .inputs import boolean, checked_input, choice, declared, given, given_or_declared, is_missing, optional_matching

AZURE_RESERVED_ADDRESSES_PER_SUBNET = 5
# Ranges Azure refuses in a VNet's address space and subnets
# (learn.microsoft.com/azure/virtual-network/virtual-networks-faq, "Are there any restrictions on
# using IP addresses within these address spaces?").
RESERVED_VNET_RANGES: dict[ipaddress.IPv4Network, str] = {
    ipaddress.IPv4Network("224.0.0.0/4"): "multicast",
    ipaddress.IPv4Network("255.255.255.255/32"): "broadcast",
    ipaddress.IPv4Network("127.0.0.0/8"): "loopback",
    ipaddress.IPv4Network("169.254.0.0/16"): "link-local",
    ipaddress.IPv4Network("168.63.129.16/32"): "Azure's internal DNS, DHCP and health-probe address",
}
_DNS_LABEL = re.compile(r"^[a-z][a-z0-9-]{1,61}[a-z0-9]$")


def read_network(args: Mapping[str, Any], vm_count: int) -> Network:
    public = boolean(args, "public")
    addresses = _addresses(args, vm_count, public)
    outbound = _outbound(args, public, creates_subnet=addresses.subnet_id is None)
    frontend_private_ip = _frontend_private_ip(args, public, addresses.subnet_address_prefix)
    dns_label = optional_matching(
        args,
        "dns_label",
        _DNS_LABEL,
        "3-63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit",
    )
    if dns_label and not public:
        raise InvalidArgumentError(
            "dns_label", dns_label, "no DNS label with public=False: an internal load balancer has no public IP"
        )
    return Network(
        public=public,
        subnet_id=addresses.subnet_id,
        network_security_group_id=addresses.network_security_group_id,
        vnet_address_space=tuple(str(n) for n in addresses.vnet_address_space),
        subnet_address_prefix=str(addresses.subnet_address_prefix) if addresses.subnet_address_prefix else None,
        outbound=outbound,
        frontend_private_ip=frontend_private_ip,
        dns_label=dns_label,
    )


def _cidr(argument: str, value: object) -> ipaddress.IPv4Network:
    allowed = "an IPv4 CIDR block such as 10.0.0.0/16, with no host bits set"
    if not isinstance(value, str):
        raise InvalidArgumentError(argument, value, allowed)
    try:
        network = ipaddress.IPv4Network(value, strict=True)
    except ValueError:
        raise InvalidArgumentError(argument, value, allowed) from None
    if "/" not in value:
        raise InvalidArgumentError(argument, value, allowed)
    return network


def _check_not_reserved(argument: str, network: ipaddress.IPv4Network) -> None:
    for reserved, purpose in RESERVED_VNET_RANGES.items():
        if network.overlaps(reserved):
            raise InvalidArgumentError(
                argument,
                str(network),
                f"a range clear of {reserved} ({purpose}), which Azure refuses in a virtual network; "
                "use private ranges such as 10.0.0.0/16 (RFC 1918)",
            )


def _vnet_address_space(value: object) -> tuple[ipaddress.IPv4Network, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, Sequence) or not values:
        raise InvalidArgumentError("vnet_address_space", value, "one CIDR block or a non-empty list of them")
    networks = tuple(_cidr("vnet_address_space", v) for v in values)
    for network in networks:
        _check_not_reserved("vnet_address_space", network)
    for i, a in enumerate(networks):
        if a.prefixlen < 2 or a.prefixlen > 29:
            raise InvalidArgumentError("vnet_address_space", str(a), "prefix lengths /2 to /29")
        for b in networks[i + 1 :]:
            if a.overlaps(b):
                raise InvalidArgumentError("vnet_address_space", value, "address ranges that do not overlap")
    return networks


@dataclass(frozen=True)
class _Addresses:
    subnet_id: pulumi.Input[str] | None
    network_security_group_id: pulumi.Input[str] | None
    vnet_address_space: tuple[ipaddress.IPv4Network, ...]
    subnet_address_prefix: ipaddress.IPv4Network | None


def _addresses(args: Mapping[str, Any], vm_count: int, public: bool) -> _Addresses:
    """The component's own VNet and subnet, or the caller's subnet (and NSG)."""
    subnet_id = checked_input(args, "subnet_id", arm_ids.check_subnet_id)
    nsg_id = checked_input(args, "network_security_group_id", arm_ids.check_network_security_group_id)
    # An internal frontend takes one address of the subnet besides the VMs.
    addresses_needed = vm_count + (0 if public else 1)
    if subnet_id is None:
        spaces = _vnet_address_space(given_or_declared(args, "vnet_address_space"))
        given_prefix = given(args, "subnet_address_prefix")
        subnet = (
            _cidr("subnet_address_prefix", given_prefix)
            if given_prefix is not None
            else _default_subnet(spaces, addresses_needed)
        )
        _check_not_reserved("subnet_address_prefix", subnet)
        if not any(subnet.subnet_of(space) for space in spaces):
            raise InvalidArgumentError(
                "subnet_address_prefix",
                str(subnet),
                f"a block inside the VNet address space {', '.join(map(str, spaces))}",
            )
        _check_subnet_size(subnet, addresses_needed)
        return _Addresses(None, nsg_id, spaces, subnet)
    if given(args, "vnet_address_space") is not None:
        raise InvalidArgumentError(
            "vnet_address_space",
            args["vnet_address_space"],
            "nothing with subnet_id: the component creates no VNet when you bring the subnet",
        )
    given_prefix = given(args, "subnet_address_prefix")
    if given_prefix is None:
        return _Addresses(subnet_id, nsg_id, (), None)
    given_subnet = _cidr("subnet_address_prefix", given_prefix)
    _check_not_reserved("subnet_address_prefix", given_subnet)
    _check_subnet_size(given_subnet, addresses_needed)
    return _Addresses(subnet_id, nsg_id, (), given_subnet)


def _check_subnet_size(subnet: ipaddress.IPv4Network, addresses_needed: int) -> None:
    if subnet.prefixlen > 29:
        raise InvalidArgumentError("subnet_address_prefix", str(subnet), "Azure's smallest subnet is a /29")
    usable = subnet.num_addresses - AZURE_RESERVED_ADDRESSES_PER_SUBNET
    if usable < addresses_needed:
        raise InvalidArgumentError(
            "subnet_address_prefix",
            str(subnet),
            f"a subnet with room for {addresses_needed} addresses (the VMs, with a scale set's MaxSurge batch, and an "
            f"internal frontend; Azure keeps 5 addresses of each subnet, and this one has {usable} left): a "
            f"/{_smallest_prefix_length(addresses_needed)} or larger",
        )


def _default_subnet(spaces: tuple[ipaddress.IPv4Network, ...], addresses_needed: int) -> ipaddress.IPv4Network:
    """The declared default; for more machines than it holds (a large scale set), the smallest block at the
    same address that holds them, when the VNet's first address space has room for it."""
    default = _cidr("subnet_address_prefix", declared("subnet_address_prefix"))
    if default.num_addresses - AZURE_RESERVED_ADDRESSES_PER_SUBNET >= addresses_needed:
        return default
    grown = ipaddress.IPv4Network((default.network_address, _smallest_prefix_length(addresses_needed)), strict=False)
    return grown if grown.subnet_of(spaces[0]) else default


def _smallest_prefix_length(addresses_needed: int) -> int:
    """The longest prefix (the smallest subnet) that holds `addresses_needed` and Azure's reserved ones."""
    return 32 - math.ceil(math.log2(addresses_needed + AZURE_RESERVED_ADDRESSES_PER_SUBNET))


def _outbound(args: Mapping[str, Any], public: bool, *, creates_subnet: bool) -> Outbound:
    outbound: Outbound = choice(args, "outbound", Outbound, Outbound.LB_RULE if public else Outbound.NONE)
    if outbound is Outbound.LB_RULE and not public:
        raise InvalidArgumentError(
            "outbound",
            args.get("outbound"),
            "nat_gateway or none with public=False: outbound rules need a public frontend, and an internal "
            "load balancer gives no outbound access (learn.microsoft.com/azure/load-balancer/outbound-rules)",
        )
    if outbound is Outbound.NAT_GATEWAY and not creates_subnet:
        raise InvalidArgumentError(
            "outbound",
            args.get("outbound"),
            "lb_rule or none with subnet_id: the component attaches a NAT gateway only to a subnet it creates; "
            "for your own subnet, attach a NAT gateway to it yourself",
        )
    return outbound


def _frontend_private_ip(args: Mapping[str, Any], public: bool, subnet: ipaddress.IPv4Network | None) -> str | None:
    value = args.get("frontend_private_ip")
    if is_missing(value):
        return None
    if public:
        raise InvalidArgumentError(
            "frontend_private_ip",
            value,
            "nothing with public=True: a public load balancer's frontend is its public IP (set public=False)",
        )
    if subnet is None:
        raise InvalidArgumentError(
            "subnet_address_prefix",
            None,
            "the prefix of the subnet given as subnet_id, so that frontend_private_ip can be checked against it",
        )
    try:
        address = ipaddress.IPv4Address(str(value).strip())
    except ValueError:
        raise InvalidArgumentError("frontend_private_ip", value, "an IPv4 address such as 10.0.1.10") from None
    usable = subnet_usable_addresses(subnet)
    if address not in usable:
        raise InvalidArgumentError(
            "frontend_private_ip",
            value,
            f"an address of the subnet {subnet} that Azure does not reserve: {usable.start}-{usable.stop - 1} "
            f"(Azure keeps the network address, the first three hosts and the broadcast address)",
        )
    return str(address)


@dataclass(frozen=True)
class AddressRange:
    start: ipaddress.IPv4Address
    stop: ipaddress.IPv4Address
    """Exclusive."""

    def __contains__(self, address: object) -> bool:
        return isinstance(address, ipaddress.IPv4Address) and self.start <= address < self.stop


def subnet_usable_addresses(subnet: ipaddress.IPv4Network) -> AddressRange:
    """The addresses a subnet hands out. Azure reserves five: x.x.x.0 (network), .1 (default
    gateway), .2 and .3 (Azure DNS) and the broadcast address.
    learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
    """
    return AddressRange(subnet.network_address + 4, subnet.broadcast_address)
