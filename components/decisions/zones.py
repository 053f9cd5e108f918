"""Availability-zone decisions: which zone each VM goes to, and where the frontend's zones go.

VM i (0-based) goes to `zones[i % len(zones)]`: a VM's zone depends only on its index, so
scaling out or in never moves a VM that stays (a VM's zone is fixed when it is created).

A zone-redundant frontend survives the loss of a zone. For a public load balancer the
zones belong on the Standard public IP (the frontend follows its IP); for an internal
one, on the frontend IP configuration itself. Azure fixes an IP's zones at creation, so the
public IP ignores later changes to them: switching placement replaces the VMs, batch by batch,
and keeps the IP and its address as they were created.
learn.microsoft.com/azure/reliability/reliability-load-balancer
"""

from __future__ import annotations

from ..spec import AZURE_ZONES, VmPlacement, VmSetSpec


def vm_zone(zones: tuple[str, ...], vm_index: int) -> str:
    """The zone of VM `vm_index`: round-robin over `zones`."""
    return zones[vm_index % len(zones)]


def vm_zones(spec: VmSetSpec, vm_index: int) -> list[str] | None:
    """The `zones` input of VM `vm_index`: one zone in placement `zones`, none in an availability set."""
    if spec.placement.mode is not VmPlacement.ZONES:
        return None
    return [vm_zone(spec.placement.zones, vm_index)]


def frontend_zones(spec: VmSetSpec) -> list[str] | None:
    """Zone-redundant (all of 1-3, whichever zones the VMs use) in placement `zones`; else
    unset, so an existing availability-set deployment keeps its public IP. A scale set in a region
    without zones (no zones to spread over) leaves it unset too."""
    return list(AZURE_ZONES) if spec.placement.mode is VmPlacement.ZONES and spec.placement.zones else None
