"""Validation of the production-operations arguments: placement and zones, patching, admin
access (NAT rules or Azure Bastion), and monitoring (Log Analytics workspace, alert e-mail).

Called by `validation.validate` before anything is registered; raises `InvalidArgumentError`
naming the argument. Pure: no Pulumi resources, no network.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import pulumi

from .decisions.arm_ids import check_bastion_subnet_id, check_workspace_id
from .decisions.bastion import BASTION_SUBNET_NAME, MAX_BASTION_SUBNET_PREFIX_LENGTH, default_bastion_subnet_prefix
from .decisions.patching import patch_settings
from .decisions.spec import (
    AZURE_ZONES,
    DEFAULT_ZONES,
    AdminAccess,
    BastionSubnet,
    DiskStorage,
    Image,
    OsType,
    PatchSettings,
    VmPlacement,
)
from .errors import InvalidArgumentError
from .inputs import choice, is_missing

# A practical address check (RFC 5321 lengths, a dotted domain), not the full RFC 5322 grammar.
_EMAIL = re.compile(
    r"^(?=.{3,254}$)(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


@dataclass(frozen=True)
class Operations:
    """The validated production-operations part of `VmSetSpec` (same field names)."""

    placement: VmPlacement
    zones: tuple[str, ...]
    patching: PatchSettings
    admin_access: AdminAccess
    bastion: BastionSubnet | None
    log_analytics_workspace_id: str | None
    alert_email: str | None

    def spec_fields(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def validate_operations(
    args: Mapping[str, Any],
    *,
    os_type: OsType,
    image: Image,
    disk_storage: DiskStorage,
    vnet_address_space: Sequence[ipaddress.IPv4Network],
    subnet: ipaddress.IPv4Network | None,
    warnings: list[str],
) -> Operations:
    """`vnet_address_space` is empty and `subnet` may be None with a bring-your-own `subnet_id`."""
    placement = choice(args, "placement", VmPlacement, VmPlacement.AVAILABILITY_SET, blank_is_default=True)
    zones = _zones(args, placement, disk_storage, warnings)
    patching = patch_settings(os_type, image, args.get("patch_mode"), warnings)
    admin_access = choice(args, "admin_access", AdminAccess, AdminAccess.NAT_RULES, blank_is_default=True)
    bastion = _bastion(args, admin_access, vnet_address_space, subnet, warnings)
    return Operations(
        placement=placement,
        zones=zones,
        patching=patching,
        admin_access=admin_access,
        bastion=bastion,
        log_analytics_workspace_id=_workspace_id(args.get("log_analytics_workspace_id")),
        alert_email=_email(args.get("alert_email")),
    )


# --- placement -----------------------------------------------------------------------------------


def _zones(
    args: Mapping[str, Any], placement: VmPlacement, disk_storage: DiskStorage, warnings: list[str]
) -> tuple[str, ...]:
    value = args.get("zones")
    if placement is not VmPlacement.ZONES:
        if value is not None:
            raise InvalidArgumentError("zones", value, "zones only with placement='zones'")
        return ()
    if disk_storage is DiskStorage.VHD:
        # Zonal VMs need managed disks: a VHD in a storage account has no zone.
        raise InvalidArgumentError(
            "placement", placement.value, "placement='zones' needs managed disks; use disk_storage='managed'"
        )
    for argument in ("fault_domain_count", "update_domain_count"):
        if args.get(argument) is not None:
            warnings.append(f"{argument} is ignored with placement='zones': there is no availability set.")
    if value is None:
        return DEFAULT_ZONES
    allowed = f"a non-empty list of distinct availability zones from {', '.join(AZURE_ZONES)}"
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise InvalidArgumentError("zones", value, allowed)
    zones: list[str] = []
    for i, zone in enumerate(value):
        text = str(zone).strip() if isinstance(zone, (str, int)) and not isinstance(zone, bool) else None
        if text not in AZURE_ZONES:
            # Named by the key itself: a zone list is short, and the message shows the culprit.
            raise InvalidArgumentError("zones", value, f"{allowed}; zones[{i}] = {zone!r} is not one")
        if text in zones:
            raise InvalidArgumentError("zones", value, allowed)
        zones.append(text)
    if len(zones) == 1:
        warnings.append(
            f"zones={zones}: every VM is in zone {zones[0]}, so a zone outage stops them all; the 99.99% "
            "availability-zone SLA needs VMs in two or more zones."
        )
    return tuple(zones)


# --- admin access --------------------------------------------------------------------------------


def _bastion(
    args: Mapping[str, Any],
    admin_access: AdminAccess,
    vnet_address_space: Sequence[ipaddress.IPv4Network],
    subnet: ipaddress.IPv4Network | None,
    warnings: list[str],
) -> BastionSubnet | None:
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
    if args.get("nat_frontend_port_start") is not None:
        warnings.append("nat_frontend_port_start is ignored with admin_access='bastion': there are no NAT rules.")
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
        return BastionSubnet(address_prefix=str(prefix), given=False)
    if not isinstance(subnet_id, pulumi.Output):  # an Output is checked when it resolves (vm_set.py)
        check_bastion_subnet_id(subnet_id)
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
    return BastionSubnet(address_prefix=str(prefix), given=True)


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


# --- monitoring ----------------------------------------------------------------------------------


def _workspace_id(value: object) -> str | None:
    if is_missing(value) or isinstance(value, pulumi.Output):
        return None  # an Output is checked when it resolves (vm_set.py)
    return check_workspace_id(value)


def _email(value: object) -> str | None:
    if is_missing(value):
        return None
    if not isinstance(value, str) or not _EMAIL.match(value.strip()) or ".." in value:
        raise InvalidArgumentError("alert_email", value, "one e-mail address such as ops@example.com")
    return value.strip()
