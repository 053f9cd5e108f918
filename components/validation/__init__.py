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

from ..decisions.scale_set import MAX_SCALE_SET_INSTANCES, surge_instances
from ..spec import AdminAccess, Orchestration, OrchestrationSettings, VmSetSpec
from .admin_access import read_admin_access
from .arguments import check_arguments, check_name
from .compute import MAX_VM_COUNT, read_compute
from .credentials import read_credentials
from .cross_argument import cross_argument_warnings
from .feasibility import (
    check_argument_types,
    check_probe,
    check_region_cloud,
    check_rule_limits,
    check_service_tag_clouds,
    check_size_and_image,
    check_tag_name_case,
)
from .inputs import given
from .load_balancing import read_load_balancing
from .location import read_location
from .monitoring import read_monitoring
from .network import read_network
from .orchestration import read_orchestration_mode, read_scale_set
from .patching import read_patching
from .placement import read_placement
from .rollout import read_rollout
from .sources import read_sources
from .tags import read_tags

__all__ = ["validate"]


def validate(
    name: str,
    args: Mapping[str, Any],
    *,
    require_resource_group: bool = True,
    default_location: str | None = None,
    cloud: str | None = None,
) -> VmSetSpec:
    """Check every argument and return the normalised spec, or raise `InvalidArgumentError`.

    `default_location`: the region when `location` is not given (a stack's `azure-native:location`,
    already checked), for the checks of what the region offers; the spec's `location` stays as given.
    `cloud`: the cloud the provider signs in to (`catalogs.regions.CLOUD_REGIONS`), whose regions and
    service tags alone are accepted; None: not checked.
    """
    check_name(name)
    check_arguments(args, require_resource_group=require_resource_group)
    check_argument_types(args)
    warnings: list[str] = []
    location = read_location(args)
    check_region_cloud("location", location, cloud)
    region = location or default_location
    mode = read_orchestration_mode(args)
    scale_set = mode is Orchestration.SCALE_SET
    compute = read_compute(args, warnings, MAX_SCALE_SET_INSTANCES if scale_set else MAX_VM_COUNT)
    credentials = read_credentials(args, compute.os_type, warnings)
    rollout = read_rollout(args, compute.vm_count)
    if scale_set:
        placement, orchestration = read_scale_set(
            args, compute.vm_count, compute.disk_storage, rollout, warnings, region
        )
    else:
        placement = read_placement(args, compute.disk_storage, warnings, region=region)
        orchestration = OrchestrationSettings(Orchestration.VMS, None)
    network = read_network(args, _most_machines(compute.vm_count, orchestration))
    patching = read_patching(args, compute.os_type, compute.image, warnings)
    admin_access = read_admin_access(args, network, warnings)
    monitoring = read_monitoring(args)
    nat = admin_access.mode is AdminAccess.NAT_RULES
    # A scale set's one NAT rule takes a port range that scaling never moves (decisions/scale_set.py).
    load_balancing = read_load_balancing(
        args,
        compute.os_type,
        compute.vm_count if nat and not scale_set else 0,
        scale_set_nat_ports=MAX_SCALE_SET_INSTANCES if nat and scale_set else None,
    )
    nat_rule_count = (1 if scale_set else compute.vm_count) if nat else 0
    sources = read_sources(args, network.public)
    tags = read_tags(args)
    check_size_and_image(compute)
    check_probe(compute, load_balancing.probe)
    check_rule_limits(compute, network, load_balancing, admin_access.mode)
    check_service_tag_clouds(args, cloud)
    check_tag_name_case(args)
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
        orchestration=orchestration,
        warnings=tuple(warnings),
    )


def _most_machines(vm_count: int, orchestration: OrchestrationSettings) -> int:
    """The most machines the subnet must hold at once: the VMs, or the scale set at its largest
    (autoscale's `max_count`) with a MaxSurge batch on top (its new instances take new addresses)."""
    scale_set = orchestration.scale_set
    if scale_set is None:
        return vm_count
    most = scale_set.autoscale.max_count if scale_set.autoscale is not None else vm_count
    surge = surge_instances(scale_set.batch_percent, most) if scale_set.max_surge else 0
    return most + surge
