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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from offline.azure_mocks import ArmRejection, AzureMocks
from offline.harness import REPO_ROOT, Deployment, evaluate, project_name, stack_program
from offline.recording import RecordingMonitor

from .compare import RESOURCE_GROUP, input_changes, replaced_because, stored_inputs, with_ignored_changes
from .order import write_order
from .redaction import SECRET, is_secret_key
from .replay import replay
from .rollout import Rollout, rollout_of
from .run import StackConfig
from .steps import CREATE, DELETE, REPLACE, UPDATE, Step

PROVIDER_LOCATION_KEY = "azure-native:location"
PUBLIC_IP = "azure-native:network:PublicIPAddress"


class ChangeRefused(Exception):
    """Azure would refuse a step of the change: `rejection`, for the config keys that changed, and
    what to do instead when there is a way through (`way_through`)."""

    def __init__(self, change: Mapping[str, str], rejection: ArmRejection, way_through: str = "") -> None:
        keys = ", ".join(f"{key.split(':', 1)[-1]}={value}" for key, value in change.items()) or "no change"
        super().__init__(f"{keys}: {str(rejection).rstrip('.')}" + (f". {way_through}" if way_through else ""))
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


@dataclass(frozen=True, kw_only=True)
class Diff:
    """A change preview; `--diff --json` prints its fields in this order."""

    stack: str
    change: dict[str, str]
    """The overridden config keys and their new values (secrets blanked)."""
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


def make_diff(base: StackConfig, changed: StackConfig, *, project_dir: Path = REPO_ROOT) -> Diff:
    """Evaluate `base` (what is deployed) and `changed`, and the steps between them.
    `InvalidArgumentError` (a bad config) propagates; `ChangeRefused` when Azure refuses a step."""
    before, _ = deploy(base, project_dir)
    after, after_mocks = deploy(changed, project_dir)
    overridden = {
        key: SECRET if is_secret_key(key, changed.secret_keys) else value
        for key, value in sorted(changed.values.items())
        if base.values.get(key) != value
    }
    steps = diff_deployments(
        before, after, base.values.get(PROVIDER_LOCATION_KEY), changed.values.get(PROVIDER_LOCATION_KEY)
    )
    try:
        replay(steps, before, after)
    except ArmRejection as rejection:
        raise ChangeRefused(overridden, rejection, _way_through(before, after)) from None
    rollout = rollout_of(steps, before, after)
    notes = change_notes(steps, before, after, base, changed) + _unchecked(after_mocks)
    return Diff(stack=changed.stack, change=overridden, steps=tuple(steps), notes=tuple(notes), rollout=rollout)


def diff_deployments(
    before: Deployment,
    after: Deployment,
    provider_location_before: str | None = None,
    provider_location_after: str | None = None,
) -> list[Step]:
    """The steps from `before` to `after`, in the order `pulumi up` runs them."""
    old = {r.urn: r for r in before.registered if r.urn}
    new = {r.urn: r for r in after.registered if r.urn}
    stored_old = {urn: stored_inputs(r, None, provider_location_before) for urn, r in old.items()}
    replaced: dict[str, str] = {}  # URN -> name
    steps: list[Step] = []
    for urn in write_order(after, new):
        resource = new[urn]
        if urn not in old:
            steps.append(Step(CREATE, resource.type, resource.name, urn))
            continue
        inputs = stored_inputs(resource, stored_old[urn], provider_location_after)
        inputs = with_ignored_changes(inputs, stored_old[urn], resource.options.ignore_changes)
        changes = input_changes(stored_old[urn], inputs, old[urn].secret_inputs | resource.secret_inputs)
        reasons = replaced_because(old[urn], resource, changes, replaced)
        if reasons:
            replaced[urn] = resource.name
            dbr = resource.options.delete_before_replace or not resource.autonamed
            steps.append(Step(REPLACE, resource.type, resource.name, urn, tuple(changes), tuple(reasons), dbr))
        elif changes:
            steps.append(Step(UPDATE, resource.type, resource.name, urn, tuple(changes)))
    gone = [urn for urn in reversed(write_order(before, old)) if urn not in new]
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
    if any(c.path == "hardwareProfile.vmSize" for s in steps if s.op == UPDATE for c in s.changes):
        notes.append(
            "Each resized VM restarts. A size the hardware cluster of the availability set does not offer is refused"
            " (OperationNotAllowed) unless every VM of the set is deallocated first, which `pulumi up` does not do;"
            " check with `az vm list-vm-resize-options` (learn.microsoft.com/azure/virtual-machines/sizes/resize-vm)."
        )
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


def _unchecked(mocks: AzureMocks) -> list[str]:
    return [
        f"not checked offline: {reference} is outside this stack, where the mocks cannot see; Azure checks it exists."
        for reference in dict.fromkeys(mocks.unchecked)
    ]


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
