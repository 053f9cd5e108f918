"""What every resource provider shares in ARM: its refusal (`ArmRejection`), the subscription the
mocks answer for, resource IDs, Pulumi's auto-names, and the checks ARM applies to any resource:
its location, its tags and its availability zones."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from .catalog import (
    ARM_LOCATIONS,
    AZURE_ZONES,
    DEFAULT_MAX_TAG_NAME,
    MAX_TAG_CHARACTERS,
    MAX_TAG_NAME,
    MAX_TAG_VALUE,
    MAX_TAGS,
    REGIONS_WITHOUT_ZONES,
    TAG_NAME_FORBIDDEN,
)

SUBSCRIPTION_ID = "00000000-1111-2222-3333-444444444444"
TENANT_ID = "99999999-8888-7777-6666-555555555555"
DEFAULT_LOCATION = "westeurope"
"""Where a resource group that names no location goes (unless the mocks are given another)."""


class ArmRejection(Exception):
    """What Azure Resource Manager would answer with a 400."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


def resource_id(resource_group: str, arm_type: str, name: str) -> str:
    """The ID of a resource of `arm_type` (`Microsoft.Network/virtualNetworks`) in a resource group."""
    return f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{resource_group}/providers/{arm_type}/{name}"


def autoname(logical_name: str) -> str:
    """Pulumi's auto-naming: the logical name and a random-looking (here: stable) suffix."""
    return f"{logical_name}{hashlib.sha256(logical_name.encode()).hexdigest()[:8]}"


def arm_location(location: str) -> str:
    """ARM reads a location case-insensitively, spaces ignored, and answers its programmatic name."""
    name = re.sub(r"\s+", "", location).lower()
    if name not in ARM_LOCATIONS:
        raise ArmRejection(
            "LocationNotAvailableForResourceType", f"The provided location '{location}' is not available."
        )
    return name


def check_tags(arm_type: str, tags: Any) -> None:
    """The tag limits of `arm_type` (empty: the general ones)."""
    if not tags:
        return
    if len(tags) > MAX_TAGS:
        raise ArmRejection("InvalidTagCount", f"At most {MAX_TAGS} tags per resource, not {len(tags)}.")
    max_name = MAX_TAG_NAME.get(arm_type, DEFAULT_MAX_TAG_NAME)
    for key, value in tags.items():
        if not isinstance(value, str):
            raise ArmRejection("InvalidRequestContent", f"Tag {key!r}: tag values are strings, not {value!r}.")
        if len(key) > max_name or TAG_NAME_FORBIDDEN & set(key):
            raise ArmRejection("InvalidTagNameCharacters", f"Tag name {key[:40]!r}... is not valid for {arm_type}.")
        if len(value) > MAX_TAG_VALUE:
            raise ArmRejection("InvalidTagValueLength", f"Tag {key!r}: values are at most {MAX_TAG_VALUE} characters.")
    total = MAX_TAG_CHARACTERS.get(arm_type)
    if total is not None and sum(len(k) + len(v) for k, v in tags.items()) > total:
        raise ArmRejection("InvalidTagsLength", f"{arm_type}: at most {total} characters in all tags together.")


def check_zones(zones: list[str] | None) -> None:
    for zone in zones or []:
        if zone not in AZURE_ZONES:
            raise ArmRejection("InvalidAvailabilityZone", f"Zone {zone!r} is not one of {', '.join(AZURE_ZONES)}.")


def check_zones_offered(location: str, zones: list[str] | None) -> None:
    """Zonal placement in a region that has no availability zones."""
    if zones and location in REGIONS_WITHOUT_ZONES:
        raise ArmRejection(
            "AvailabilityZoneNotSupported", f"The region {location} does not support availability zones."
        )
