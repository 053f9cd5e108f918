"""Hand-made rows of the deployment-speed benchmark (`benchmarks.speed.runs.Row`), for checking
its targets and report without measuring anything."""

from __future__ import annotations

from typing import Any

from benchmarks.speed.runs import Row

MIB = 2**20
FIXED_START = [
    "azure-native:resources:ResourceGroup",
    "azure-native:network:PublicIPAddress",
    "azure-native:network:LoadBalancer",
]
NAT_RULE = "azure-native:network:InboundNatRule"
VM_OWN_WRITES = [
    "azure-native:network:NetworkInterface",
    "azure-native:compute:VirtualMachine",
    "azure-native:compute:VirtualMachineExtension",
    "azure-native:compute:VirtualMachineRunCommandByVirtualMachine",
]


def critical_path(batches: int) -> list[str]:
    """The fixed start (the load balancer with its NAT rules inline), then the own writes of one VM
    per batch."""
    return [*FIXED_START, *VM_OWN_WRITES * batches]


def row(vm_count: int, **overrides: Any) -> Row:
    """A row that meets every target: a tenth of the exact-work floor's CPU time, a seventh of
    its memory, CPU time linear in `vm_count`, its two batches as its critical path."""
    values: dict[str, Any] = {
        "vm_count": vm_count,
        "resources": 5 * vm_count + 10,
        "cpu_seconds": 0.01 * vm_count,
        "wall_seconds": 0.01 * vm_count,
        "exact_cpu_seconds": 0.1 * vm_count,
        "peak_bytes": vm_count * MIB // 2,
        "exact_peak_bytes": 7 * vm_count * MIB // 2,
        "exact_differences": 0,
        "floor_cpu_seconds": 0.08 * vm_count,
        "floor_peak_bytes": 5 * vm_count * MIB // 2,
        "write_operations": 4 * vm_count + 8,
        "load_balancer_writes": 1,
        "longest_chain": 11,
        "critical_path": critical_path(2),
        "vm_batches": 2,
        "stack_runs": 3,
    }
    return Row(**{**values, **overrides})
