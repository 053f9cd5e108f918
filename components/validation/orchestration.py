"""What runs the machines: individual VMs (the article's design) or one scale set in Flexible
orchestration, and what only a scale set takes (its zones, MaxSurge, autoscale).

A scale set spreads its instances itself, with max spreading over the region's zones: `placement`
means nothing else for it, so `placement="zones"` is accepted (it is what a scale set does) and
`placement="availability_set"`, `fault_domain_count` and `update_domain_count` are refused, since a
scale set has no availability set. `zones` defaults to every zone the region offers
(components/catalogs/availability.py), and to none (a regional scale set, still max spreading) in a
region without zones. Sources: decisions/scale_set.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..args import AutoscaleArgs, LoadBalancedVmSetArgs
from ..catalogs import availability
from ..decisions.scale_set import MAX_SCALE_SET_INSTANCES, MAX_SPREADING_FAULT_DOMAIN_COUNT, batch_percent
from ..declarations import declared_default, declared_defaults
from ..errors import InvalidArgumentError
from ..spec import (
    AZURE_ZONES,
    Autoscale,
    DiskStorage,
    Orchestration,
    OrchestrationSettings,
    PlacementSettings,
    RolloutSettings,
    ScaleSetSettings,
    VmPlacement,
)
from .inputs import boolean, choice, given, is_int
from .placement import zone_list

_VMS_ONLY = ("readiness_rerun", "nat_rule_capacity")
_SCALE_SET_ONLY = ("max_surge", "autoscale")  # autoscale declares no default: always refused with VMs
_AVAILABILITY_SET_ONLY = ("fault_domain_count", "update_domain_count")
_AUTOSCALE_KEYS = frozenset(AutoscaleArgs.__annotations__)


def read_orchestration_mode(args: Mapping[str, Any]) -> Orchestration:
    """Read first: the largest `vm_count` and what `placement` means depend on it."""
    orchestration = choice(args, "orchestration", Orchestration)
    # A scale set has no readiness gates (Azure judges its instances by the health extension) and no
    # per-VM NAT rules (one rule over the backend pool); the scale set's own arguments mean nothing for
    # VMs. An argument given its declared default is accepted either way; any other value is refused.
    only_with = {
        Orchestration.SCALE_SET: (_VMS_ONLY, Orchestration.VMS),
        Orchestration.VMS: (_SCALE_SET_ONLY, Orchestration.SCALE_SET),
    }
    arguments, other = only_with[orchestration]
    defaults = declared_defaults(LoadBalancedVmSetArgs)
    for argument in arguments:
        value = given(args, argument)
        if value is not None and value != defaults.get(argument):
            raise InvalidArgumentError(argument, value, f"{argument} only with orchestration='{other.value}'")
    return orchestration


def read_scale_set(
    args: Mapping[str, Any],
    vm_count: int,
    disk_storage: DiskStorage,
    rollout: RolloutSettings,
    warnings: list[str],
    region: str | None,
) -> tuple[PlacementSettings, OrchestrationSettings]:
    """The scale set's spreading (as its `PlacementSettings`) and settings. `rollout`: checked
    already; `max_unavailable` becomes the batch as a percentage, half the set when it is not given.
    `region`: as for `read_placement`; None: not known here (the resource group's), so the zones cannot
    be chosen by it."""
    if disk_storage is DiskStorage.VHD:
        # A scale set's instances take managed disks only; the 2016 VHD layout is for individual VMs.
        raise InvalidArgumentError(
            "disk_storage", disk_storage.value, "managed with orchestration='scale_set' (a scale set has no VHD disks)"
        )
    placement = given(args, "placement")
    if placement is not None and str(placement).strip().lower() != VmPlacement.ZONES.value:
        raise InvalidArgumentError(
            "placement",
            placement,
            "zones or nothing with orchestration='scale_set': a scale set has no availability set and spreads its "
            "instances over the region's zones itself (max spreading)",
        )
    for argument in _AVAILABILITY_SET_ONLY:
        if given(args, argument) is not None:
            raise InvalidArgumentError(
                argument,
                given(args, argument),
                "nothing with orchestration='scale_set': a scale set has no availability set (it uses max spreading, "
                "platformFaultDomainCount 1)",
            )
    zones = _zones(args, region, warnings)
    settings = ScaleSetSettings(
        max_surge=boolean(args, "max_surge"),
        batch_percent=batch_percent(
            rollout.max_unavailable if given(args, "max_unavailable") is not None else None, vm_count
        ),
        autoscale=_autoscale(given(args, "autoscale"), vm_count),
    )
    return (
        PlacementSettings(VmPlacement.ZONES, zones, MAX_SPREADING_FAULT_DOMAIN_COUNT, 1),
        OrchestrationSettings(Orchestration.SCALE_SET, settings),
    )


def _zones(args: Mapping[str, Any], region: str | None, warnings: list[str]) -> tuple[str, ...]:
    value = given(args, "zones")
    offers_zones = availability.has_zones(region) if region is not None else None
    if value is None:
        if offers_zones:
            return AZURE_ZONES
        if offers_zones is None:
            warnings.append(
                f"orchestration='scale_set': the region {region or 'of the resource group'} could not be checked for "
                "availability zones, so the scale set is regional (max spreading over fault domains, no zones). "
                "Set `location` or `zones` to spread it over zones."
            )
        return ()
    zones = zone_list(value)
    if len(zones) == 1 and offers_zones is not False:
        warnings.append(
            f"zones={list(zones)}: every instance is in zone {zones[0]}, so a zone outage stops them all; spread the"
            " scale set over two or more zones (by default, all the region offers)."
        )
    if offers_zones is False:
        raise InvalidArgumentError(
            "zones",
            value,
            f"nothing in {region}, which has no availability zones (learn.microsoft.com/azure/reliability/"
            "regions-list): the scale set is then regional",
        )
    return zones


def _autoscale(value: object, vm_count: int) -> Autoscale | None:
    if value is None:
        return None
    allowed = "{min_count, max_count, scale_out_cpu_percent, scale_in_cpu_percent}"
    if not isinstance(value, Mapping) or set(value) - _AUTOSCALE_KEYS:
        raise InvalidArgumentError("autoscale", value, allowed)

    def field(name: str, low: int, high: int) -> int:
        number = value.get(name)
        if number is None:
            number = declared_default(AutoscaleArgs, name)
        if not is_int(number) or not low <= number <= high:
            raise InvalidArgumentError(f"autoscale.{name}", number, f"a whole number from {low} to {high}")
        return int(number)

    for required in ("min_count", "max_count"):
        if value.get(required) is None:
            raise InvalidArgumentError(f"autoscale.{required}", None, "a whole number of instances", required=True)
    min_count = field("min_count", 2, MAX_SCALE_SET_INSTANCES)
    max_count = field("max_count", min_count, MAX_SCALE_SET_INSTANCES)
    scale_in = field("scale_in_cpu_percent", 1, 99)
    scale_out = field("scale_out_cpu_percent", scale_in + 1, 100)
    if not min_count <= vm_count <= max_count:
        raise InvalidArgumentError(
            "vm_count",
            vm_count,
            f"a starting capacity from autoscale.min_count {min_count} to autoscale.max_count {max_count}",
        )
    return Autoscale(min_count, max_count, scale_out, scale_in)
