"""Azure's limits on resource tags, per resource type, and the strictest that applies to the
resource types this component tags.

Source: Microsoft Learn "Use tags to organize your Azure resources and management hierarchy",
section "Limitations" (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations,
read 2026-11-26):
- at most 50 tag name/value pairs per resource;
- tag names of at most 512 characters, values of at most 256; for storage accounts, names of at
  most 128 characters;
- virtual machines: at most 2,048 characters for all tag names and values together;
- tag names cannot contain < > % & \\ ? /
(The page's further limits, no spaces in Azure DNS zone and Traffic Manager tags, no '#' for
Front Door, 15 tags for Automation and CDN, concern types this component does not create.)
Tag values are strings: ARM's `tags` is a map of string to string.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TagLimits:
    """One resource type's tag limits; None: no limit of that kind beyond the general ones."""

    max_tags: int = 50
    max_name_length: int = 512
    max_value_length: int = 256
    max_total_characters: int | None = None
    """All names and values together."""
    forbidden_name_characters: str = "<>%&\\?/"


GENERAL_LIMITS = TagLimits()
LIMITS_BY_RESOURCE_TYPE: dict[str, TagLimits] = {
    "Microsoft.Storage/storageAccounts": TagLimits(max_name_length=128),
    "Microsoft.Compute/virtualMachines": TagLimits(max_total_characters=2048),
}
# What the component puts its `tags` on (the ARM types of components/resources/*.py).
TAGGED_RESOURCE_TYPES: tuple[str, ...] = (
    "Microsoft.Network/virtualNetworks",
    "Microsoft.Network/networkSecurityGroups",
    "Microsoft.Network/natGateways",
    "Microsoft.Network/publicIPAddresses",
    "Microsoft.Network/loadBalancers",
    "Microsoft.Network/networkInterfaces",
    "Microsoft.Network/bastionHosts",
    "Microsoft.Compute/availabilitySets",
    "Microsoft.Compute/virtualMachines",
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Insights/actionGroups",
    "Microsoft.Insights/metricAlerts",
)


@dataclass(frozen=True)
class Limit:
    """The strictest value of one kind of limit across some resource types, and who sets it."""

    value: int
    resource_type: str
    """The ARM type that imposes it ("every resource type" for the general limit)."""


def strictest(kind: str, resource_types: tuple[str, ...] = TAGGED_RESOURCE_TYPES) -> Limit | None:
    """The lowest `kind` limit (a `TagLimits` field) over `resource_types`, naming the type."""
    found: Limit | None = None
    for resource_type in resource_types:
        value = getattr(LIMITS_BY_RESOURCE_TYPE.get(resource_type, GENERAL_LIMITS), kind)
        if value is not None and (found is None or value < found.value):
            found = Limit(value, resource_type)
    if found is not None and getattr(GENERAL_LIMITS, kind) == found.value:
        return Limit(found.value, "every resource type")
    return found
