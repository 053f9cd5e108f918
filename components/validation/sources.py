"""Who may reach the VMs: the sources the NSG admits to the load-balanced ports and to the admin port.

Each source is an IPv4 address, a CIDR block, '*' or one of the service tags Azure publishes
(learn.microsoft.com/azure/virtual-network/service-tags-overview).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..catalogs import service_tags
from ..errors import InvalidArgumentError
from ..spec import DEFAULT_APP_SOURCE_PREFIXES, DEFAULT_INTERNAL_APP_SOURCE_PREFIXES, Sources
from .inputs import did_you_mean, given

MAX_SOURCE_PREFIXES = 100
# Sources that would open the admin port to everyone: never accepted for SSH/RDP.
OPEN_TO_ALL_PREFIXES = frozenset({"*", "internet", "any", "0.0.0.0/0"})
_SERVICE_TAG_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9]+)?$")


def read_sources(args: Mapping[str, Any], public: bool) -> Sources:
    return Sources(
        admin_source_prefixes=_source_prefixes(args, "admin_source_prefixes", (), admin=True),
        app_source_prefixes=_source_prefixes(
            args,
            "app_source_prefixes",
            DEFAULT_APP_SOURCE_PREFIXES if public else DEFAULT_INTERNAL_APP_SOURCE_PREFIXES,
            admin=False,
        ),
    )


def _source_prefixes(
    args: Mapping[str, Any], argument: str, default: tuple[str, ...], *, admin: bool
) -> tuple[str, ...]:
    value = given(args, argument)
    if value is None:
        return default
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgumentError(argument, value, "a list of CIDRs, IP addresses or service tags")
    if len(value) > MAX_SOURCE_PREFIXES:
        raise InvalidArgumentError(argument, value, f"at most {MAX_SOURCE_PREFIXES} entries")
    prefixes: list[str] = []
    for i, prefix in enumerate(value):
        item = f"{argument}[{i}]"
        if admin and isinstance(prefix, str) and prefix.strip().lower() in OPEN_TO_ALL_PREFIXES:
            raise InvalidArgumentError(
                item,
                prefix,
                "the admin port (SSH/RDP) is never opened to everyone: give your own CIDR or IP, e.g. 203.0.113.7/32",
            )
        prefixes.append(_source_prefix(item, prefix, admin=admin))
    if len(set(p.lower() for p in prefixes)) != len(prefixes):
        raise InvalidArgumentError(argument, value, "each prefix once")
    return tuple(prefixes)


def _source_prefix(argument: str, value: object, *, admin: bool) -> str:
    """A CIDR or IP as Azure writes it, '*', or a published service tag in Azure's spelling.
    Reserved ranges (loopback, link-local, 168.63.129.16, ...) are accepted: NSG rules take them.
    `admin`: a source of the admin port, whose messages never suggest a source open to everyone."""
    allowed = (
        "your own IPv4 address or CIDR block, e.g. 203.0.113.7/32, or a service tag such as VirtualNetwork"
        if admin
        else "an IPv4 address, a CIDR block such as 203.0.113.0/24, '*', or a service tag such as Internet"
    )
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(argument, value, allowed)
    value = value.strip()
    if value == "*":
        return value
    if _SERVICE_TAG_SHAPE.match(value):
        tag = service_tags.service_tag(value)
        if tag is None:
            examples = "VirtualNetwork, AzureLoadBalancer" if admin else "Internet, VirtualNetwork, AzureLoadBalancer"
            nearest = service_tags.closest_service_tags(value)
            closest = [t for t in nearest if not admin or t.lower() not in OPEN_TO_ALL_PREFIXES]
            raise InvalidArgumentError(
                argument,
                value,
                f"a service tag Azure publishes ({examples}, Storage.WestEurope, "
                "...; learn.microsoft.com/azure/virtual-network/service-tags-overview), an IPv4 address or a CIDR"
                + did_you_mean(closest),
            )
        return tag
    try:
        return str(ipaddress.IPv4Network(value, strict=True))
    except ValueError:
        raise InvalidArgumentError(argument, value, allowed) from None
