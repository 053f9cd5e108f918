"""The rollout of a change: which VMs change together, how many serve at worst, how long it takes.

Read from the steps of a diff and the dependency graph the program declared, not from the
component's arguments: a VM's batch is how many changed VMs it waits for, one after another
(the component makes each batch wait for the readiness gates of the one before). A VM is out of
rotation while it is replaced or resized (a resize restarts it); a settings update, a new
credential (the VMAccess extension) or a gate run keep it serving.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from offline.harness import Deployment

from .document import NOT_IN_JSON
from .figures import (
    DEFAULT_DELETE_SECONDS,
    RESIZE_SECONDS,
    TYPICAL_DELETE_SECONDS,
    TYPICAL_UPDATE_SECONDS,
    ancestors_of,
    typical_seconds,
    write_operations,
)
from .steps import CREATE, DELETE, REPLACE, UPDATE, Step

VM = "azure-native:compute:VirtualMachine"
NIC = "azure-native:network:NetworkInterface"
AVAILABILITY_SET = "azure-native:compute:AvailabilitySet"
SERVES_THROUGH = frozenset(
    {
        "azure-native:network:LoadBalancer",
        "azure-native:network:PublicIPAddress",
        "azure-native:network:VirtualNetwork",
        "azure-native:network:NetworkSecurityGroup",
        "azure-native:resources:ResourceGroup",
    }
)


@dataclass(frozen=True)
class Rollout:
    """`--diff --json` prints its fields in this order, `batch_of_step` left out."""

    vm_count: int
    """VMs that exist before and after the change."""
    batches: tuple[tuple[str, ...], ...]
    """The VMs each batch creates, updates or replaces, or changes an extension or gate of, in the
    order Pulumi runs them."""
    out_of_rotation: tuple[tuple[str, ...], ...]
    """Of each batch, the VMs out of rotation while it changes (replaced or resized)."""
    batch_of_step: dict[str, int] = field(metadata=NOT_IN_JSON)
    """Step URN -> its batch: a changed VM, its NIC and its own extensions and gate."""
    serving_at_worst: int
    estimated_seconds: float


def rollout_of(steps: Sequence[Step], before: Deployment, after: Deployment) -> Rollout:
    old_vms = {r.urn for r in before.registered if r.type == VM}
    new = {r.urn: r for r in after.registered if r.urn}
    operations = write_operations(after.registrations)
    waits_for = {op.urn: set(op.dependencies) for op in operations}
    by_urn = {s.urn: s for s in steps}
    # A VM changes when it does, or when something on it does (an extension, its gate): a new
    # credential updates only the extensions, yet each waits for its VM, and so for the batch before.
    changed: list[str] = []
    for step in steps:
        if step.op not in (CREATE, UPDATE, REPLACE):
            continue
        urn = step.urn if step.type == VM else new[step.urn].parent_urn if step.urn in new else ""
        if urn in new and new[urn].type == VM and urn not in changed:
            changed.append(urn)
    ancestors = ancestors_of(operations)
    batch: dict[str, int] = {}
    for urn in changed:  # steps are in dependency order: a VM's predecessors come first
        batch[urn] = 1 + max((batch[u] for u in changed if u in ancestors.get(urn, ()) and u in batch), default=-1)
    count = 1 + max(batch.values(), default=-1)
    members = [tuple(new[u].name for u in changed if batch[u] == b) for b in range(count)]
    down = [
        tuple(new[u].name for u in changed if batch[u] == b and u in by_urn and _takes_down(by_urn[u]))
        for b in range(count)
    ]
    batch_of_step: dict[str, int] = {}
    for urn, number in batch.items():
        batch_of_step[urn] = number
        nics = new[urn].property_dependencies.get("networkProfile", ())
        for step in steps:
            if step.urn in nics or (new.get(step.urn) is not None and new[step.urn].parent_urn == urn):
                batch_of_step.setdefault(step.urn, number)
    staying = len(old_vms & new.keys())
    # Replacing what every VM serves through (the load balancer, its public IP, the network, the
    # NSG, the resource group) takes the whole set out of service, whatever the batches; so does
    # replacing the availability set, which the engine does only after deleting every VM in it.
    shared_down = any(s.op == REPLACE and s.type in (*SERVES_THROUGH, AVAILABILITY_SET) for s in steps)
    return Rollout(
        vm_count=staying,
        batches=tuple(members),
        out_of_rotation=tuple(down),
        batch_of_step=batch_of_step,
        serving_at_worst=0 if shared_down else staying - max((len(d) for d in down), default=0),
        estimated_seconds=_estimated_seconds(steps, waits_for, before),
    )


def step_seconds(step: Step) -> float:
    """Typical time of one step: a create, an update (a resize restarts the VM), a replacement
    (delete, then create) or a delete. The engine's own resources (a Stash) call no cloud."""
    if step.type.startswith("pulumi:"):
        return 0.0
    if step.op == CREATE:
        return typical_seconds(step.type)
    if step.op == UPDATE:
        if step.type == VM and _resizes(step):
            return RESIZE_SECONDS.seconds
        figure = TYPICAL_UPDATE_SECONDS.get(step.type)
        return figure.seconds if figure is not None else typical_seconds(step.type)
    deleting = TYPICAL_DELETE_SECONDS.get(step.type, DEFAULT_DELETE_SECONDS).seconds
    return deleting + (typical_seconds(step.type) if step.op == REPLACE else 0.0)


def _estimated_seconds(steps: Sequence[Step], waits_for: Mapping[str, set[str]], before: Deployment) -> float:
    """The longest chain of creates, updates and replacements (what does not change takes no
    time), then the longest chain of deletes, which Pulumi runs last."""
    seconds = {s.urn: step_seconds(s) for s in steps if s.op != DELETE}
    finished: dict[str, float] = {}

    def finish(urn: str) -> float:
        if urn not in finished:
            start = max((finish(d) for d in waits_for.get(urn, ()) if d in waits_for), default=0.0)
            finished[urn] = start + seconds.get(urn, 0.0)
        return finished[urn]

    writing = max((finish(urn) for urn in waits_for), default=0.0)
    deleted = {s.urn: step_seconds(s) for s in steps if s.op == DELETE}
    old_waits = {op.urn: set(op.dependencies) for op in write_operations(before.registrations)}
    done: dict[str, float] = {}

    def delete_finish(urn: str) -> float:  # a resource goes after whatever depended on it
        if urn not in done:
            users = [u for u, deps in old_waits.items() if urn in deps and u in deleted]
            done[urn] = max((delete_finish(u) for u in users), default=0.0) + deleted[urn]
        return done[urn]

    return round(writing + max((delete_finish(urn) for urn in deleted), default=0.0), 3)


def _resizes(step: Step) -> bool:
    return any(c.path == "hardwareProfile.vmSize" for c in step.changes)


def _takes_down(step: Step) -> bool:
    return step.op == REPLACE or _resizes(step)
