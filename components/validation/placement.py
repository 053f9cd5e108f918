"""How the VMs are spread: an availability set (its fault and update domains) or availability zones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..catalogs import availability
from ..errors import InvalidArgumentError
from ..spec import AZURE_ZONES, DiskStorage, PlacementSettings, VmPlacement
from .inputs import choice, given, integer


def read_placement(
    args: Mapping[str, Any], disk_storage: DiskStorage, warnings: list[str], region: str | None = None
) -> PlacementSettings:
    """`region`: the VMs' region (a programmatic name) when it is known here, for the checks of what
    the region offers (components/catalogs/availability.py); None: the resource group's, or one that
    another resource gives, which only Azure checks (a stack always knows its region: stack/config.py)."""
    placement = choice(args, "placement", VmPlacement)
    fault_domain_count = integer(args, "fault_domain_count", 2, 3)
    if placement is VmPlacement.AVAILABILITY_SET:
        _check_fault_domains(fault_domain_count, region, warnings)
    else:
        _check_zonal_region(region, warnings)
    return PlacementSettings(
        mode=placement,
        zones=_zones(args, placement, disk_storage, warnings),
        fault_domain_count=fault_domain_count,
        update_domain_count=integer(args, "update_domain_count", 1, 20),
    )


def _check_fault_domains(count: int, region: str | None, warnings: list[str]) -> None:
    """ARM refuses more fault domains than the region has ("The specified fault domain count 3 must
    fall in the range 1 to 2"), and the count is fixed when the availability set is created."""
    most = availability.max_fault_domains(region) if region is not None else None
    if most is not None and most < 2:
        raise InvalidArgumentError(
            "fault_domain_count",
            count,
            f"at least 2 fault domains, which the availability SLA needs, but {region} offers {most}; "
            "use placement='zones' or another region",
        )
    if most is not None and count > most:
        raise InvalidArgumentError(
            "fault_domain_count",
            count,
            f"at most {most} in {region}, which offers {most} fault domains "
            "(az vm list-skus --resource-type availabilitySets)",
        )
    if region is not None and most is None and count > 2:
        warnings.append(
            f"fault_domain_count={count} could not be checked ({region} is not in the fault-domain table); 2 "
            "exists in every region, and Azure refuses a count the region does not offer."
        )


def _check_zonal_region(region: str | None, warnings: list[str]) -> None:
    if region is None:
        return  # the resource group's region, or one from another resource: Azure checks it
    zones = availability.has_zones(region)
    if zones is False:
        raise InvalidArgumentError(
            "placement",
            VmPlacement.ZONES.value,
            f"availability_set, since {region} has no availability zones (learn.microsoft.com/azure/reliability/"
            "regions-list); zonal placement needs a region that has them, such as westeurope",
        )
    if zones is None:
        warnings.append(
            f"placement='zones' could not be checked against the region (the zone table does not list {region}); "
            "Azure refuses zonal VMs in a region without availability zones."
        )


def _zones(
    args: Mapping[str, Any], placement: VmPlacement, disk_storage: DiskStorage, warnings: list[str]
) -> tuple[str, ...]:
    value = given(args, "zones")
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
        if given(args, argument) is not None:
            warnings.append(f"{argument} is ignored with placement='zones': there is no availability set.")
    if value is None:
        return AZURE_ZONES  # all three
    zones = zone_list(value)
    if len(zones) == 1:
        warnings.append(
            f"zones={list(zones)}: every VM is in zone {zones[0]}, so a zone outage stops them all; the 99.99% "
            "availability-zone SLA needs VMs in two or more zones."
        )
    return zones


def zone_list(value: object) -> tuple[str, ...]:
    """The `zones` argument as given: distinct zones of `AZURE_ZONES`, at least one (the VMs' or a scale set's)."""
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
    return tuple(zones)
