"""Warnings about arguments that are each valid but, together, do less than the caller may expect."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec import Compute, DiskStorage, Network, OsType, Outbound, Sources
from .inputs import given


def cross_argument_warnings(
    args: Mapping[str, Any],
    compute: Compute,
    network: Network,
    sources: Sources,
    *,
    admin_port: int,
    nat_rule_count: int,
) -> list[str]:
    warnings: list[str] = []
    if not sources.admin_source_prefixes and nat_rule_count:
        warnings.append(
            f"The admin port {admin_port} is closed: admin_source_prefixes is empty. To reach the VMs through "
            f"their NAT ports, allow your address, e.g. `pulumi config set --path 'adminSourcePrefixes[0]' "
            f"<your-ip>/32` (argument admin_source_prefixes)."
        )
    if not sources.app_source_prefixes:
        warnings.append("app_source_prefixes is empty: the NSG admits no traffic to the load-balanced ports.")
    if not network.creates_network_security_group:
        ignored = [a for a in ("admin_source_prefixes", "app_source_prefixes") if given(args, a) is not None]
        if ignored:
            warnings.append(
                f"{' and '.join(ignored)} are ignored: with network_security_group_id the component adds no "
                "rules to your NSG. Allow the load-balanced ports, the admin port and AzureLoadBalancer there."
            )
    if (
        network.outbound is Outbound.NONE
        and network.creates_subnet
        and compute.os_type is OsType.LINUX
        and not compute.has_custom_data
    ):
        warnings.append(
            "outbound='none': the VMs cannot reach the internet, so the default cloud-init cannot install nginx "
            "and the health probe will fail. Give custom_data that needs no downloads, or outbound='nat_gateway'."
        )
    if compute.disk_storage is DiskStorage.VHD:
        warnings.append(
            "disk_storage='vhd' builds the 2016 layout with unmanaged disks, which public Azure retired on "
            "2026-03-31: `pulumi up` will be refused there (new VMs with unmanaged disks cannot be created, "
            "existing ones cannot start). Use it to compare layouts in a preview; deploy disk_storage='managed'."
        )
    return warnings
