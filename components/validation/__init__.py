"""Input validation: `LoadBalancedVmSetArgs` in, a frozen `VmSetSpec` out, or one clear error.

Runs before the component registers anything. `validate` reads the arguments one domain at a
time, each in its own module (compute, credentials, network, placement, patching, admin access,
load balancing, sources, monitoring, tags, location, rollout), all through the readers of `inputs`: an
argument that is absent, None or blank takes its default. Each module's reader returns its part of
the spec (`spec.compute`, ...). A value that is a Pulumi Output (a password or an ID from another
resource, say) cannot be read here: its part holds it checked when it resolves (`inputs.checked_input`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec import AdminAccess, VmSetSpec
from .admin_access import read_admin_access
from .arguments import check_arguments, check_name
from .compute import read_compute
from .credentials import read_credentials
from .cross_argument import cross_argument_warnings
from .inputs import given
from .load_balancing import read_load_balancing
from .location import read_location
from .monitoring import read_monitoring
from .network import read_network
from .patching import read_patching
from .placement import read_placement
from .rollout import read_rollout
from .sources import read_sources
from .tags import read_tags

__all__ = ["validate"]


def validate(
    name: str, args: Mapping[str, Any], *, require_resource_group: bool = True, default_location: str | None = None
) -> VmSetSpec:
    """Check every argument and return the normalised spec, or raise `InvalidArgumentError`.

    `default_location`: the region when `location` is not given (a stack's `azure-native:location`,
    already checked), for the checks of what the region offers; the spec's `location` stays as given.
    """
    check_name(name)
    check_arguments(args, require_resource_group=require_resource_group)
    warnings: list[str] = []
    location = read_location(args)
    compute = read_compute(args, warnings)
    credentials = read_credentials(args, compute.os_type, warnings)
    network = read_network(args, compute.vm_count)
    placement = read_placement(args, compute.disk_storage, warnings, region=location or default_location)
    patching = read_patching(args, compute.os_type, compute.image, warnings)
    admin_access = read_admin_access(args, network, warnings)
    monitoring = read_monitoring(args)
    nat_rules = admin_access.mode is AdminAccess.NAT_RULES
    load_balancing = read_load_balancing(args, compute.os_type, compute.vm_count if nat_rules else 0)
    nat_rule_count = compute.vm_count if nat_rules else 0
    sources = read_sources(args, network.public)
    rollout = read_rollout(args, compute.vm_count)
    tags = read_tags(args)
    warnings += cross_argument_warnings(
        args, compute, network, sources, admin_port=load_balancing.admin_port, nat_rule_count=nat_rule_count
    )
    return VmSetSpec(
        name=name,
        resource_group_name=given(args, "resource_group_name"),
        location=location,
        location_input=location if location is not None else given(args, "location"),
        tags=tags,
        compute=compute,
        credentials=credentials,
        network=network,
        placement=placement,
        patching=patching,
        admin_access=admin_access,
        monitoring=monitoring,
        load_balancing=load_balancing,
        sources=sources,
        rollout=rollout,
        warnings=tuple(warnings),
    )
