"""Where the set's resources go, and who owns them in the Pulumi resource tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi

from ..spec import VmSetSpec


@dataclass(frozen=True)
class ResourceScope:
    resource_group_name: pulumi.Input[str]
    location: pulumi.Input[str] | None
    """None: azure-native uses the resource group's location."""
    tags: Any
    """`pulumi.Input` of a mapping of tag names to values, or None."""
    parent: pulumi.Resource

    @staticmethod
    def of(spec: VmSetSpec, parent: pulumi.Resource) -> ResourceScope:
        """The set's resource group, location and tags, for the resources `parent` owns."""
        assert spec.resource_group_name is not None  # the component's validation requires it
        return ResourceScope(spec.resource_group_name, spec.location_input, spec.tags, parent)

    def options(self, parent: pulumi.Resource | None = None, **extra: Any) -> pulumi.ResourceOptions:
        """Options for an explicitly named resource of the set, parented to the component
        unless it belongs to another of its resources (`parent`).

        Explicit names make Pulumi's default create-before-delete replacement unsafe (ARM
        would update the old resource in place, then Pulumi would delete it), so these
        resources are deleted before they are replaced.
        """
        return pulumi.ResourceOptions(parent=parent or self.parent, delete_before_replace=True, **extra)


def once_created(resource: pulumi.CustomResource, name: pulumi.Input[str]) -> pulumi.Output[str]:
    """`name`, resolved once `resource` exists, so that whoever uses it depends on the resource."""
    return pulumi.Output.all(resource.id, name).apply(lambda v: str(v[1]))
