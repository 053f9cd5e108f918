"""`python -m plan --diff`: what a config change would do to a deployed stack, offline.

The stack file's config is the deployed state; the `--config` overrides are the change. Both
are evaluated under the ARM-like mocks, then compared resource by resource the way `pulumi
preview --diff` decides between an update and a replacement (`compare.py`: the provider's
stored inputs and its replacement rules, the engine's resource options).

The steps are listed in the order `pulumi up` runs them (creates, updates and replacements in
dependency order, then deletes in reverse) and replayed against the existing resources, so what
Azure refuses at that moment is reported as refused (`replay.py`, offline/change_rules.py). The
VMs' steps are grouped into the rollout's batches (`rollout.py`); `render_diff.py` prints it all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from offline.azure_mocks import ArmRejection, AzureMocks
from offline.harness import REPO_ROOT, Deployment, evaluate, project_name, stack_program
from offline.recording import RecordingMonitor

from .compare import (
    RESOURCE_GROUP,
    input_changes,
    replaced_because,
    replaced_through,
    stored_inputs,
    with_ignored_changes,
)
from .order import write_order
from .redaction import SECRET, is_secret_key
from .replay import replay
from .rollout import Rollout, rollout_of
from .run import StackConfig, unchecked_notes
from .steps import CREATE, DELETE, REPLACE, UPDATE, Step

PROVIDER_LOCATION_KEY = "azure-native:location"
PUBLIC_IP = "azure-native:network:PublicIPAddress"
SCALE_SET = "azure-native:compute:VirtualMachineScaleSet"
VMACCESS_LINUX = "VMAccessForLinux"
VM = "azure-native:compute:VirtualMachine"
GATE = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine"
AVAILABILITY_SET = "azure-native:compute:AvailabilitySet"


class ChangeRefused(Exception):
    """Azure would refuse a step of the change: `rejection`, for the config keys that changed, and
    what to do instead when there is a way through (`way_through`)."""

    def __init__(
        self,
        change: Mapping[str, str],
        rejection: ArmRejection,
        way_through: str = "",
        replace: Sequence[str] = (),
        target: Sequence[str] = (),
    ) -> None:
        parts = [f"{key.split(':', 1)[-1]}={value}" for key, value in change.items()]
        parts += [f"--replace {name}" for name in replace] + [f"--target {name}" for name in target]
        refused = f"{', '.join(parts) or 'no change'}: {str(rejection).rstrip('.')}"
        super().__init__(refused + (f". {way_through}" if way_through else ""))
        self.rejection = rejection
        self.way_through = way_through


INBOUND_NAT_RULE = "azure-native:network:InboundNatRule"
LOAD_BALANCER = "azure-native:network:LoadBalancer"
INLINE_NAT_RULES_WAY_THROUGH = (
    "The load balancer would hold the standalone rules inline under the same names, so `pulumi up` would then"
    " delete, with each standalone InboundNatRule, the very rule a NIC uses. The way through: `pulumi up --target`"
    " every NIC and the load balancer's diagnostic setting (unchanged, they stop depending on the standalone"
    " rules), `pulumi state delete` the standalone InboundNatRule URNs (Azure is not called), then `pulumi up`;"
    " or keep natRuleCapacity=0 (docs/operations.md, moving to inline NAT rules)"
)
RENAMED_NAT_RULES_WAY_THROUGH = (
    "The change renames the inline NAT rules (they are named for the admin protocol, -ssh or -rdp), and the load"
    " balancer's one write would drop the old rules while the running VMs' NICs still use them. The way through:"
    " deploy the set with the new setting as a new stack, move the traffic, then destroy the old one"
)


class UnknownResource(ValueError):
    """`--replace NAME` or `--target NAME` names no resource of the stack."""


def replace_targets(before: Deployment, names: Sequence[str], option: str = "--replace") -> dict[str, str]:
    """URN -> name of each resource `names` names, by its name or URN, as `before` has it;
    `UnknownResource` for a name it does not have."""
    targets = {}
    for name in names:
        found = [r for r in before.registered if r.urn and name in (r.name, r.urn)]
        if not found:
            raise UnknownResource(f"{option} {name}: the stack has no resource of that name or URN")
        targets.update({r.urn: r.name for r in found})
    return targets


@dataclass(frozen=True, kw_only=True)
class Diff:
    """A change preview; `--diff --json` prints its fields in this order."""

    stack: str
    change: dict[str, str]
    """The overridden config keys and their new values (secrets blanked)."""
    replace: tuple[str, ...] = ()
    """The resources replaced on request, as `pulumi up --replace <URN>` does (`--replace NAME`)."""
    target: tuple[str, ...] = ()
    """The only resources changed, as `pulumi up --target <URN>` does (`--target NAME`); empty: all."""
    steps: tuple[Step, ...] = ()
    counts: dict[str, int] = field(init=False)
    """Steps by operation: creates, updates, replacements, deletes."""
    notes: tuple[str, ...] = ()
    """Warnings about the change and what the offline check could not see."""
    rollout: Rollout
    """The VMs' batches, how many serve at worst, how long it takes."""

    def __post_init__(self) -> None:
        counts = {op: sum(1 for s in self.steps if s.op == op) for op in (CREATE, UPDATE, REPLACE, DELETE)}
        object.__setattr__(self, "counts", counts)  # frozen: set once, from the steps


def make_diff(
    base: StackConfig,
    changed: StackConfig,
    *,
    project_dir: Path = REPO_ROOT,
    replace: Sequence[str] = (),
    target: Sequence[str] = (),
) -> Diff:
    """Evaluate `base` (what is deployed) and `changed`, and the steps between them, with the
    resources `replace` names replaced on request (`pulumi up --replace`) and, when `target` names
    any, only those changed (`pulumi up --target`). `InvalidArgumentError` (a bad config)
    propagates; `UnknownResource` for a name the stack does not have; `ChangeRefused` when Azure
    refuses a step."""
    before, _ = deploy(base, project_dir)
    targets = replace_targets(before, replace)
    after, after_mocks = deploy(changed, project_dir)
    only = {**replace_targets(before, target, "--target")} if target else {}
    overridden = {
        key: SECRET if is_secret_key(key, changed.secret_keys) else value
        for key, value in sorted(changed.values.items())
        if base.values.get(key) != value
    }
    steps = diff_deployments(
        before,
        after,
        base.values.get(PROVIDER_LOCATION_KEY),
        changed.values.get(PROVIDER_LOCATION_KEY),
        replace=frozenset(targets),
        target=frozenset(only) if target else None,
    )
    try:
        replay(steps, before, after)
    except ArmRejection as rejection:
        raise ChangeRefused(overridden, rejection, _way_through(before, after), tuple(replace), tuple(target)) from None
    rollout = rollout_of(steps, before, after)
    notes = change_notes(steps, before, after, base, changed) + _unchecked(after_mocks)
    unguarded = _untargeted_gates(steps, after, frozenset(only)) if target else []
    if unguarded:
        # No gate holds a batch until the one before serves: at worst, every VM taken down is down at once.
        down = sum(len(batch) for batch in rollout.out_of_rotation)
        rollout = dataclasses.replace(rollout, serving_at_worst=max(0, rollout.vm_count - down))
    notes += unguarded
    return Diff(
        stack=changed.stack,
        change=overridden,
        replace=tuple(targets.values()),
        target=tuple(only.values()),
        steps=tuple(steps),
        notes=tuple(notes),
        rollout=rollout,
    )


def diff_deployments(
    before: Deployment,
    after: Deployment,
    provider_location_before: str | None = None,
    provider_location_after: str | None = None,
    *,
    replace: frozenset[str] = frozenset(),
    target: frozenset[str] | None = None,
) -> list[Step]:
    """The steps from `before` to `after`, in the order `pulumi up` runs them; the URNs in `replace`
    are replaced on request, as `pulumi up --replace` does (the engine's diff answers "replace"
    for them without asking the provider: step_generator.go, `diff`, `isTargetedReplace`). With
    `target`, only those URNs change, as with `pulumi up --target`: the engine gives every other
    resource a "same" step with its old state (step_generator.go, `generateResourceSteps`)."""
    old = {r.urn: r for r in before.registered if r.urn}
    new = {r.urn: r for r in after.registered if r.urn}
    stored_old = {urn: stored_inputs(r, None, provider_location_before) for urn, r in old.items()}
    replaced: dict[str, str] = {}  # URN -> name
    steps: list[Step] = []
    for urn in write_order(after, new):
        resource = new[urn]
        if target is not None and urn not in target:
            continue
        if urn not in old:
            steps.append(Step(CREATE, resource.type, resource.name, urn))
            continue
        inputs = stored_inputs(resource, stored_old[urn], provider_location_after)
        inputs = with_ignored_changes(inputs, stored_old[urn], resource.options.ignore_changes)
        changes = input_changes(stored_old[urn], inputs, old[urn].secret_inputs | resource.secret_inputs)
        reasons = (["requested (--replace)"] if urn in replace else []) + replaced_because(
            old[urn], resource, changes, replaced
        )
        if reasons:
            replaced[urn] = resource.name
            dbr = resource.options.delete_before_replace or not resource.autonamed
            through = replaced_through(resource, replaced)
            steps.append(Step(REPLACE, resource.type, resource.name, urn, tuple(changes), tuple(reasons), dbr, through))
        elif changes:
            steps.append(Step(UPDATE, resource.type, resource.name, urn, tuple(changes)))
    gone = [urn for urn in reversed(write_order(before, old)) if urn not in new and (target is None or urn in target)]
    steps += [Step(DELETE, old[urn].type, old[urn].name, urn) for urn in gone]
    return steps


def change_notes(
    steps: Sequence[Step], before: Deployment, after: Deployment, base: StackConfig, changed: StackConfig
) -> list[str]:
    """What the steps alone do not say: a region move, a resize's conditions, a provider default
    that does not reach deployed resources."""
    notes = []
    for step in steps:
        if step.type == RESOURCE_GROUP and step.op == REPLACE:
            region = next((c.after for c in step.changes if c.path == "location"), None)
            notes.append(
                f"warning: the resource group moves to {region}: Azure moves nothing between regions in place, so every"
                " resource is replaced, the public IP address changes, and the set is down from the first delete until"
                " the new one serves."
            )
    for step in steps:
        if step.type == AVAILABILITY_SET and step.op == REPLACE and step.delete_before_replace:
            notes.append(
                f"warning: {step.name} is replaced: the engine deletes every VM in it (each VM's availabilitySet"
                " is in its replace_on_changes), with its NIC, extensions and gate, before it deletes the"
                " availability set, all batches at once (step_generator.go, calculateDependentReplacements): the"
                " whole set is down until the new VMs answer their probes. To change what only a new availability"
                " set can have, deploy a second set beside this one and move the traffic (docs/changes.md)."
            )
    if any(c.path == "hardwareProfile.vmSize" for s in steps if s.op == UPDATE for c in s.changes):
        notes.append(
            "Each resized VM restarts. A size the hardware cluster of the availability set does not offer is refused"
            " (OperationNotAllowed) unless every VM of the set is deallocated first, which `pulumi up` does not do;"
            " check with `az vm list-vm-resize-options` (learn.microsoft.com/azure/virtual-machines/sizes/resize-vm)."
        )
    notes += _key_rotation_notes(steps, after)
    old_ips = {r.urn: r for r in before.registered if r.type == PUBLIC_IP}
    for ip in after.registered:
        previous = old_ips.get(ip.urn)
        if (
            previous is not None
            and "zones" in ip.options.ignore_changes
            and previous.inputs.get("zones") != ip.inputs.get("zones")
        ):
            notes.append(
                f"{ip.name} keeps the zones it was created with ({previous.inputs.get('zones') or 'none'}): Azure fixes"
                " them at creation. For the new layout's zones on the frontend, deploy a new stack."
            )
    notes += _scale_set_notes(steps, after)
    old_region, new_region = base.values.get(PROVIDER_LOCATION_KEY), changed.values.get(PROVIDER_LOCATION_KEY)
    if old_region != new_region and new_region:
        notes.append(
            f"{PROVIDER_LOCATION_KEY}={new_region} applies only to resources created from now on: the deployed ones"
            " keep the location they were created with (the provider reads it from their stored inputs first). To move"
            " the stack, set `location`, which replaces every resource."
        )
    return notes


def _way_through(before: Deployment, after: Deployment) -> str:
    """What to do instead of a refused change of the NAT rules: moving standalone rules inline, or
    renaming inline rules that NICs use (a new `osType` names them `-rdp` instead of `-ssh`)."""
    old_inline, new_inline = _inline_nat_rule_names(before), _inline_nat_rule_names(after)
    if new_inline and any(r.type == INBOUND_NAT_RULE for r in before.registered):
        return INLINE_NAT_RULES_WAY_THROUGH
    if old_inline and new_inline and old_inline != new_inline:
        return RENAMED_NAT_RULES_WAY_THROUGH
    return ""


def _inline_nat_rule_names(deployment: Deployment) -> set[str]:
    return {
        str(rule.get("name"))
        for lb in deployment.registered
        if lb.type == LOAD_BALANCER
        for rule in lb.inputs.get("inboundNatRules") or []
    }


def _scale_set_notes(steps: Sequence[Step], after: Deployment) -> list[str]:
    """What Azure does after a scale set's step (docs/scale-set.md, "Changes to a running scale set")."""
    notes = []
    for step in (s for s in steps if s.type == SCALE_SET):
        if step.op == CREATE and any(s.type == VM and s.op == DELETE for s in steps):
            notes.append(
                f"{step.name} is created, and its instances join the backend pool, before the VMs are deleted: Pulumi"
                " deletes removed resources last, so the VMs serve until then."
            )
        elif step.op == REPLACE:
            notes.append(
                f"warning: {step.name} is replaced: its name is fixed, so every instance is deleted before the new"
                " scale set is created, and the application stops until it serves."
            )
        elif step.op == UPDATE and any(not c.path.startswith("sku.capacity") for c in step.changes):
            policy = next(r for r in after.registered if r.urn == step.urn).inputs.get("upgradePolicy") or {}
            rolling = policy.get("rollingUpgradePolicy") or {}
            surge = "new instances first (MaxSurge)" if rolling.get("maxSurge") else "in place"
            notes.append(
                f"Azure rolls {step.name}'s new model over its instances in batches of"
                f" {_whole(rolling.get('maxBatchInstancePercent'))}%, {surge}, each batch judged by the Application"
                " Health extension; the preview shows it as this one update."
            )
    return notes


def _whole(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _key_rotation_notes(steps: Sequence[Step], after: Deployment) -> list[str]:
    """What a new SSH key does to the keys before it. VMAccessForLinux rewrites authorized_keys only
    when its *protected* `remove_prior_keys` is the boolean true, and appends the key otherwise
    (Azure/azure-linux-extensions VMAccess/vmaccess.py, `_set_user_account_pub_key`)."""
    new = {r.urn: r for r in after.registered if r.urn}
    rotated = [
        new[s.urn]
        for s in steps
        if s.op == UPDATE
        and new[s.urn].inputs.get("type") == VMACCESS_LINUX
        and any(c.path == "protectedSettings.ssh_key" for c in s.changes)
    ]
    if not rotated:
        return []
    appending = [
        r.name for r in rotated if (r.inputs.get("protectedSettings") or {}).get("remove_prior_keys") is not True
    ]
    if appending:
        return [
            f"warning: {', '.join(appending)} add the new SSH key and keep every earlier one working: VMAccessForLinux"
            " replaces the keys only with `remove_prior_keys: true` in its protected settings."
        ]
    return [
        "The new SSH key replaces every earlier one on each VM as its VMAccessForLinux extension runs"
        " (`remove_prior_keys` in the protected settings): the old key stops working there."
    ]


def _untargeted_gates(steps: Sequence[Step], after: Deployment, target: frozenset[str]) -> list[str]:
    """`--target` leaves the readiness gates of the VMs it changes alone: nothing probes them."""
    vms = {s.urn for s in steps if s.type == VM}
    gates = [r.name for r in after.registered if r.type == GATE and r.parent_urn in vms and r.urn not in target]
    if not gates:
        return []
    return [
        f"warning: --target leaves {', '.join(gates)} out: those gates are not run again, so nothing waits for"
        " their VMs to answer the health probe and the next batch starts as soon as the one before is written."
        " Target the gates too, or run the change without --target."
    ]


def _unchecked(mocks: AzureMocks) -> list[str]:
    return unchecked_notes(mocks.unchecked)


def deploy(config: StackConfig, project_dir: Path) -> tuple[Deployment, AzureMocks]:
    mocks = AzureMocks()
    deployment = evaluate(
        stack_program(project_dir),
        stack=config.stack,
        config=config.values,
        mocks=mocks,
        project=project_name(project_dir),
        monitor=RecordingMonitor(mocks),
    )
    return deployment, mocks
