"""Deployment figures: Azure write operations, the dependency graph and how long `pulumi up` takes.

Pure functions over the registrations a `RecordingMonitor` saw. A write operation is a
custom resource: each one is one ARM PUT (the resource group's included, as the 2016
article's script began with `az group create`). Component resources and the stack are
Pulumi's own grouping and call no Azure API; the `getClientConfig` invoke is a read.

`pulumi up` creates a resource as soon as everything it depends on exists, with unbounded
parallelism by default (`--parallel`, "Defaults to unbounded",
https://www.pulumi.com/docs/iac/cli/commands/pulumi_up/), so its duration is the longest
dependency chain weighted by typical creation times, stretched where ARM's write throttle
would hold requests back. The 2016 article's CLI script ran one `az` command after
another: the sum of every creation time.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from offline.recording import Registration


@dataclass(frozen=True)
class TypicalDuration:
    seconds: float
    source: str
    """Where the figure comes from; "estimate: ..." says how it was reached when nothing was measured."""


# Typical time from the PUT to a Succeeded provisioning state, per resource type. They vary
# by region and load; docs/plan.md ("Deployment figures") repeats this table.
TYPICAL_CREATE_SECONDS: dict[str, TypicalDuration] = {
    "azure-native:resources:ResourceGroup": TypicalDuration(
        2, "observed 2 s in an apply log (hashicorp/terraform-provider-azurerm#7895)"
    ),
    "azure-native:network:NetworkSecurityGroup": TypicalDuration(
        11, "observed 11 s in an apply log (cloudera-labs/terraform-cdp-modules#39)"
    ),
    "azure-native:network:VirtualNetwork": TypicalDuration(
        10, "estimate: subnets observed at 5-15 s (PaloAltoNetworks/terraform-azurerm-vmseries-modules#87, #92)"
    ),
    "azure-native:network:Subnet": TypicalDuration(
        10, "observed 5-15 s (PaloAltoNetworks/terraform-azurerm-vmseries-modules#87, #92)"
    ),
    "azure-native:network:PublicIPAddress": TypicalDuration(
        4, "observed 4 s in an apply log (PaloAltoNetworks/terraform-azurerm-vmseries-modules#92)"
    ),
    "azure-native:network:LoadBalancer": TypicalDuration(
        20,
        "estimate: one load-balancer write with its inline rules, as long as a NAT-rule write (~11.5 s on a"
        " Standard LB, Azure/azure-libraries-for-net#1021) seen at pulumi-azure-native's second 10 s poll;"
        " a load balancer with few rules was observed at 4 s (PaloAltoNetworks/terraform-azurerm-vmseries-modules#87)",
    ),
    "azure-native:network:InboundNatRule": TypicalDuration(
        20,
        "observed ~11.5 s per NAT rule on a Standard LB (Azure/azure-libraries-for-net#1021); pulumi-azure-native"
        " polls a long-running PUT every 10 s, so it sees one finished at its second poll",
    ),
    "azure-native:network:NetworkInterface": TypicalDuration(
        8, "observed 7-9 s (PaloAltoNetworks/terraform-azurerm-vmseries-modules#87)"
    ),
    "azure-native:network:NatGateway": TypicalDuration(15, "estimate: a network resource without data plane"),
    "azure-native:network:BastionHost": TypicalDuration(
        600, "documented: 'about 10 minutes' (learn.microsoft.com/azure/bastion/create-host-cli)"
    ),
    "azure-native:compute:AvailabilitySet": TypicalDuration(3, "estimate: metadata only, nothing is allocated"),
    "azure-native:compute:VirtualMachine": TypicalDuration(
        90,
        "estimate: ARM reports a VM created once it has booted (hashicorp/terraform-provider-azurerm#7032);"
        " 1-2 minutes for a Linux marketplace image",
    ),
    "azure-native:compute:VirtualMachineExtension": TypicalDuration(
        60,
        "estimate: the VM agent installs and runs it (VMAccess: seconds; IIS through CustomScriptExtension: minutes)",
    ),
    "azure-native:compute:VirtualMachineRunCommandByVirtualMachine": TypicalDuration(
        60,
        "estimate: the readiness gate; on a first boot it waits for cloud-init's package install (about a minute),"
        " then for the health probe to answer",
    ),
    "azure-native:storage:StorageAccount": TypicalDuration(
        25, "estimate: 'from seconds to multiple minutes' (hashicorp/terraform#6702)"
    ),
    "azure-native:storage:BlobContainer": TypicalDuration(2, "estimate: a child PUT on an existing account"),
    "azure-native:monitor:DiagnosticSetting": TypicalDuration(
        5, "estimate: a settings PUT on an existing resource, nothing is allocated"
    ),
    "azure-native:monitor:ActionGroup": TypicalDuration(5, "estimate: a global settings resource"),
    "azure-native:monitor:MetricAlert": TypicalDuration(10, "estimate: a global rule that checks its metric"),
    "azure-native:monitor:AutoscaleSetting": TypicalDuration(5, "estimate: a settings resource, nothing is allocated"),
}
SCALE_SET_TYPE = "azure-native:compute:VirtualMachineScaleSet"
# A scale set's PUT creates its instances in parallel and succeeds once they are provisioned; Microsoft
# publishes no figure. The nearest public one: booting 1,000 VMs as four scale sets of 250 (Azure/Avere,
# docs/azure_vm_provision_best_practices.md, "Boot Results", 2018), boot plus a 1 GB read, P100 661 s
# (P50 526 s). A scale set of one instance takes what one VM does; each further instance adds its share of
# the gap up to 1,000.
SCALE_SET_ONE_INSTANCE_SECONDS = TYPICAL_CREATE_SECONDS["azure-native:compute:VirtualMachine"].seconds
SCALE_SET_1000_INSTANCES_SECONDS = 661.0
TYPICAL_CREATE_SECONDS[SCALE_SET_TYPE] = TypicalDuration(
    SCALE_SET_ONE_INSTANCE_SECONDS,
    "estimate: one instance as one VM; 661 s for 1,000 instances (P100 of 1,000 VMs booted as scale sets,"
    " Azure/Avere docs/azure_vm_provision_best_practices.md), linear in between",
)


def scale_set_create_seconds(capacity: int) -> float:
    """A scale set's creation with `capacity` instances (see `SCALE_SET_1000_INSTANCES_SECONDS`)."""
    per_instance = (SCALE_SET_1000_INSTANCES_SECONDS - SCALE_SET_ONE_INSTANCE_SECONDS) / 999
    return round(SCALE_SET_ONE_INSTANCE_SECONDS + per_instance * max(0, capacity - 1), 3)


DEFAULT_CREATE_SECONDS = TypicalDuration(15, "estimate: a type without a figure of its own")

# Changes to what exists (`python -m plan --diff`). pulumi-azure-native polls a long-running
# DELETE every 30 s and a PUT every 10 s (provider/pkg/azure/client_azcore.go).
TYPICAL_UPDATE_SECONDS: dict[str, TypicalDuration] = {
    "azure-native:compute:VirtualMachine": TypicalDuration(
        30, "estimate: a settings update on a running VM, one poll of the provider"
    ),
    "azure-native:compute:VirtualMachineRunCommandByVirtualMachine": TypicalDuration(
        30, "estimate: the readiness gate runs again on a VM that has booted"
    ),
}
RESIZE_SECONDS = TypicalDuration(
    180, "estimate: a resize stops the VM, moves it to the new size and starts it (learn resize-vm: 'restarts')"
)
TYPICAL_DELETE_SECONDS: dict[str, TypicalDuration] = {
    "azure-native:compute:VirtualMachine": TypicalDuration(60, "estimate: two of the provider's 30 s delete polls"),
    "azure-native:network:NetworkInterface": TypicalDuration(
        0, "deleted by Azure with its VM (deleteOption Delete): the provider's DELETE finds it gone"
    ),
}
DEFAULT_DELETE_SECONDS = TypicalDuration(30, "one of the provider's 30 s delete polls")

# ARM's write throttle since 2024: a token bucket of 200 writes per subscription and region,
# refilled at 10 per second. learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling
ARM_WRITE_BUCKET = 200
ARM_WRITE_REFILL_PER_SECOND = 10.0

READINESS_GATE_TYPE = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine"
# Types whose write changes a load balancer: the LB itself and its standalone children.
LOAD_BALANCER_TYPES = frozenset(
    {
        "azure-native:network:LoadBalancer",
        "azure-native:network:InboundNatRule",
        "azure-native:network:LoadBalancerBackendAddressPool",
    }
)


def typical_seconds(resource_type: str) -> float:
    return TYPICAL_CREATE_SECONDS.get(resource_type, DEFAULT_CREATE_SECONDS).seconds


@dataclass(frozen=True)
class WriteOperation:
    """One ARM PUT: a custom resource and the write operations it waits for."""

    urn: str
    type: str
    name: str
    dependencies: tuple[str, ...]


@dataclass(frozen=True)
class PathStep:
    type: str
    name: str
    seconds: float


@dataclass(frozen=True)
class DeploymentFigures:
    write_operations: int
    writes_by_type: dict[str, int]
    load_balancer_writes: int
    """Writes that change a load balancer: the load balancer (its NAT rules inline) and each
    standalone child (a standalone inbound NAT rule per VM). Azure runs them one at a time, so
    the program chains them."""
    critical_path: tuple[PathStep, ...]
    """The dependency chain with the longest typical duration."""
    critical_path_seconds: float
    longest_chain: int
    """Resources in the longest dependency chain, counted without durations."""
    estimated_up_seconds: float
    """Critical path, plus any wait ARM's write throttle would add."""
    sequential_seconds: float
    """Every write one after another, as the 2016 article's CLI script ran them."""
    vm_batches: int
    """Batches the VMs are created in, one after another (each waits for the readiness gates of
    the one before); 1 when they all go at once."""
    all_at_once_seconds: float
    """The estimate with every VM created at once (`maxUnavailable` = `vmCount`)."""


def write_operations(registrations: Iterable[Registration], *, engine_resources: bool = False) -> list[WriteOperation]:
    """The custom resources, in registration order, each with the write operations it waits
    for. A dependency on a component means one on every custom resource inside it; one on the
    engine's own resources (`pulumi:` types such as a Stash, no ARM call), one on what they wait
    for. `engine_resources`: list those too, as the steps of a `pulumi up` (not ARM writes)."""
    registrations = list(registrations)
    custom = {r.urn for r in registrations if _is_write(r) or (engine_resources and _is_engine_step(r))}
    children: dict[str, list[str]] = defaultdict(list)
    for r in registrations:
        if r.parent:
            children[r.parent].append(r.urn)

    engine_local = {r.urn: r.dependencies for r in registrations if r.custom and r.urn not in custom}

    def writes_of(urn: str) -> set[str]:
        if urn in custom:
            return {urn}
        if urn in engine_local:  # the engine's own resource (a Stash): it waits for what it depends on
            return {w for d in engine_local[urn] for w in writes_of(d)}
        return {w for child in children.get(urn, []) for w in writes_of(child)}

    return [
        WriteOperation(r.urn, r.type, r.name, tuple(sorted({w for d in r.dependencies for w in writes_of(d)})))
        for r in registrations
        if r.urn in custom
    ]


def longest_path(operations: Sequence[WriteOperation], weight: Callable[[WriteOperation], float]) -> list[str]:
    """URNs of the heaviest dependency chain (first created first)."""
    by_urn = {op.urn: op for op in operations}
    best: dict[str, tuple[float, list[str]]] = {}

    def heaviest_to(urn: str) -> tuple[float, list[str]]:
        if urn not in best:
            op = by_urn[urn]
            before = max(
                (heaviest_to(d) for d in op.dependencies if d in by_urn), key=lambda chain: chain[0], default=(0.0, [])
            )
            best[urn] = (before[0] + weight(op), [*before[1], urn])
        return best[urn]

    # Ties go to the first registered chain. Registration order is a topological order
    # (a resource registers after what it depends on), so the recursion stays shallow.
    return max((heaviest_to(op.urn) for op in operations), key=lambda chain: chain[0], default=(0.0, []))[1]


def estimated_up_seconds(
    operations: Sequence[WriteOperation],
    seconds: Callable[[WriteOperation], float],
    bucket: int = ARM_WRITE_BUCKET,
    refill_per_second: float = ARM_WRITE_REFILL_PER_SECOND,
) -> float:
    """Simulated `pulumi up` with unbounded parallelism: each write starts once its
    dependencies exist and ARM's token bucket has a write to spare."""
    by_urn = {op.urn: op for op in operations}
    dependents: dict[str, list[str]] = defaultdict(list)
    waiting: dict[str, int] = {}
    for op in operations:
        deps = [d for d in op.dependencies if d in by_urn]
        waiting[op.urn] = len(deps)
        for d in deps:
            dependents[d].append(op.urn)
    order = {op.urn: i for i, op in enumerate(operations)}
    ready = [(0.0, order[urn], urn) for urn, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    finished: dict[str, float] = {}
    tokens, clock = float(bucket), 0.0
    while ready:
        ready_at, _, urn = heapq.heappop(ready)
        start = max(ready_at, clock)
        tokens = min(float(bucket), tokens + (start - clock) * refill_per_second)
        if tokens < 1:
            start += (1 - tokens) / refill_per_second
            tokens = 1.0
        tokens -= 1
        clock = start
        finished[urn] = start + seconds(by_urn[urn])
        for dependent in dependents[urn]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                deps_done = max(finished[d] for d in by_urn[dependent].dependencies if d in by_urn)
                heapq.heappush(ready, (deps_done, order[dependent], dependent))
    return round(max(finished.values(), default=0.0), 3)


def deployment_figures(
    registrations: Iterable[Registration], scale_set_capacities: Mapping[str, int] | None = None
) -> DeploymentFigures:
    """`scale_set_capacities`: each scale set's instance count by its Pulumi name, which its creation
    time depends on (`scale_set_create_seconds`)."""
    operations = write_operations(registrations)
    capacities = scale_set_capacities or {}
    by_urn = {op.urn: op for op in operations}
    writes_by_type: dict[str, int] = {}
    for op in operations:
        writes_by_type[op.type] = writes_by_type.get(op.type, 0) + 1

    def seconds(op: WriteOperation) -> float:
        if op.type == SCALE_SET_TYPE and op.name in capacities:
            return scale_set_create_seconds(capacities[op.name])
        return typical_seconds(op.type)

    critical = [by_urn[urn] for urn in longest_path(operations, seconds)]
    gates = {op.urn for op in operations if op.type == READINESS_GATE_TYPE}
    # What waits for another VM's gate is the next batch; without those waits, all at once.
    unbatched = [
        WriteOperation(op.urn, op.type, op.name, tuple(d for d in op.dependencies if d not in gates or op.urn in gates))
        for op in operations
    ]
    gate_chain = longest_path(operations, _is_gate)
    return DeploymentFigures(
        write_operations=len(operations),
        writes_by_type=writes_by_type,
        load_balancer_writes=sum(n for t, n in writes_by_type.items() if t in LOAD_BALANCER_TYPES),
        critical_path=tuple(PathStep(op.type, op.name, seconds(op)) for op in critical),
        critical_path_seconds=sum(seconds(op) for op in critical),
        longest_chain=len(longest_path(operations, lambda _: 1.0)),
        estimated_up_seconds=estimated_up_seconds(operations, seconds),
        sequential_seconds=sum(seconds(op) for op in operations),
        vm_batches=max(1, sum(1 for urn in gate_chain if urn in gates)),
        all_at_once_seconds=estimated_up_seconds(unbatched, seconds),
    )


def _is_gate(op: WriteOperation) -> float:
    return 1.0 if op.type == READINESS_GATE_TYPE else 0.0


def _is_write(registration: Registration) -> bool:
    return registration.custom and not registration.type.startswith("pulumi:")


def _is_engine_step(registration: Registration) -> bool:
    return registration.custom and registration.type.startswith("pulumi:index:")


def ancestors_of(operations: Sequence[WriteOperation]) -> dict[str, frozenset[str]]:
    """URN -> every write it waits for, directly or not."""
    by_urn = {op.urn: op for op in operations}
    before: dict[str, frozenset[str]] = {}

    def ancestors(urn: str) -> frozenset[str]:
        if urn not in before:
            found: set[str] = set()
            for dependency in by_urn[urn].dependencies:
                if dependency in by_urn:
                    found |= {dependency} | ancestors(dependency)
            before[urn] = frozenset(found)
        return before[urn]

    # Registration order is a topological order, so computing in it keeps the recursion shallow.
    for op in operations:
        ancestors(op.urn)
    return before
