"""The region: one of Azure's region names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from ..catalogs import regions
from ..errors import InvalidArgumentError
from .inputs import did_you_mean, is_missing


def read_location(args: Mapping[str, Any]) -> str | None:
    return checked_location(args.get("location"))


def checked_location(value: object) -> str | None:
    """The region's programmatic name (ARM's own spelling); None when not given or an Output."""
    if is_missing(value) or isinstance(value, pulumi.Output):
        return None
    if isinstance(value, str) and regions.is_region(value):
        return regions.normalise_region(value)
    allowed = "an Azure region name such as westeurope (az account list-locations)"
    if isinstance(value, str):
        allowed += did_you_mean(regions.closest_regions(value))
    raise InvalidArgumentError("location", value, allowed)
