"""`python -m plan --diff`: what a config change would do to a deployed stack, offline.

The stack file's config is the deployed state; the `--config` overrides are the change. Both
are evaluated under the ARM-like mocks, then compared the way `pulumi preview --diff` decides:

- the provider compares the inputs as it stored them, its defaults applied (a resource's
  `location`: its old inputs', else the provider's `azure-native:location`, else the resource
  group's; pulumi-azure-native provider.go `applyDefaults`), and plans a replacement only when
  a name or the resource group changes (URL path parameters) or for its `forceNewMap`
  (provider/pkg/gen/replacement.go); everything else is an in-place update;
- the engine adds its resource options: `ignore_changes` keeps the old values, and
  `replace_on_changes`, `replacement_trigger` and `replace_with` replace; so does an input that
  comes from a replaced resource's name (it is unknown until that resource exists again).

The steps are listed in the order `pulumi up` runs them (creates, updates and replacements in
dependency order, then deletes in reverse) and replayed against the existing resources, so what
Azure refuses at that moment is reported as refused (offline/change_rules.py). The VMs' steps
are grouped into the rollout's batches (rollout.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from offline.azure_mocks import ARM_TYPES, ArmRejection, AzureMocks, Registered
from offline.change_rules import deleted_with, refuse_delete, refuse_update
from offline.harness import REPO_ROOT, Deployment, evaluate, project_name, stack_program
from offline.recording import RecordingMonitor

from .figures import write_operations
from .report import SECRET, dependency_order, is_secret_key
from .rollout import Rollout, render_rollout, rollout_of
from .run import StackConfig
from .steps import CREATE, DELETE, REPLACE, SYMBOLS, UPDATE, PropertyChange, Step

PROVIDER_LOCATION_KEY = "azure-native:location"
RESOURCE_GROUP = "azure-native:resources:ResourceGroup"
PUBLIC_IP = "azure-native:network:PublicIPAddress"

# The inputs in a resource's URL (its name, its parents' names, its resource group): a change
# replaces it. properties Azure marks x-ms-mutability create-only are added from the API specs,
# none of them inputs used here.
URL_INPUTS = frozenset(
    {"resourceGroupName", *(name for _, name in ARM_TYPES.values())}
    | {"loadBalancerName", "inboundNatRuleName", "vmExtensionName", "runCommandName", "vmName"}
    | {"containerName", "name", "resourceUri"}
)
FORCE_NEW: dict[str, frozenset[str]] = {
    "azure-native:network:PublicIPAddress": frozenset({"location", "publicIPAddressVersion", "publicIPPrefix", "sku"}),
    "azure-native:network:VirtualNetwork": frozenset({"location"}),
    "azure-native:storage:StorageAccount": frozenset({"location", "isHnsEnabled"}),
    RESOURCE_GROUP: frozenset({"location"}),
}


class ChangeRefused(Exception):
    """Azure would refuse a step of the change: `rejection`, for the config keys that changed."""

    def __init__(self, change: Mapping[str, str], rejection: ArmRejection) -> None:
        keys = ", ".join(f"{key.split(':', 1)[-1]}={value}" for key, value in change.items()) or "no change"
        super().__init__(f"{keys}: {rejection}")
        self.rejection = rejection


@dataclass(frozen=True)
class Diff:
    stack: str
    change: dict[str, str]
    """The overridden config keys and their new values (secrets blanked)."""
    rollout: Rollout
    """The VMs' batches, how many serve at worst, how long it takes."""
    steps: tuple[Step, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    """Warnings about the change and what the offline check could not see."""

    def counts(self) -> dict[str, int]:
        return {op: sum(1 for s in self.steps if s.op == op) for op in (CREATE, UPDATE, REPLACE, DELETE)}

    def as_data(self) -> dict[str, Any]:
        return {
            "stack": self.stack,
            "change": self.change,
            "steps": [
                {
                    "op": s.op,
                    "type": s.type,
                    "name": s.name,
                    "urn": s.urn,
                    "changes": [{"path": c.path, "before": c.before, "after": c.after} for c in s.changes],
                    "replaced_because": list(s.replaced_because),
                }
                for s in self.steps
            ],
            "counts": self.counts(),
            "notes": list(self.notes),
            "rollout": self.rollout.as_data(),
        }


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
        raise ChangeRefused(overridden, rejection) from None
    rollout = rollout_of(steps, before, after)
    notes = change_notes(steps, before, after, base, changed) + _unchecked(after_mocks)
    return Diff(changed.stack, overridden, rollout, tuple(steps), tuple(notes))


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
        reasons = _replaced_because(old[urn], resource, changes, replaced)
        if reasons:
            replaced[urn] = resource.name
            dbr = resource.options.delete_before_replace or not resource.autonamed
            steps.append(Step(REPLACE, resource.type, resource.name, urn, tuple(changes), tuple(reasons), dbr))
        elif changes:
            steps.append(Step(UPDATE, resource.type, resource.name, urn, tuple(changes)))
    gone = [urn for urn in reversed(write_order(before, old)) if urn not in new]
    steps += [Step(DELETE, old[urn].type, old[urn].name, urn) for urn in gone]
    return steps


def _replaced_because(
    before: Registered, after: Registered, changes: Sequence[PropertyChange], replaced: Mapping[str, str]
) -> list[str]:
    reasons = []
    provider = URL_INPUTS | FORCE_NEW.get(after.type, frozenset())
    for change in changes:
        if _top(change.path) in provider:
            reasons.append(f"{change.path} (the provider replaces on it)")
        elif any(_under(change.path, path) for path in after.options.replace_on_changes):
            reasons.append(f"{change.path} (fixed at creation: replace_on_changes)")
    old_trigger, new_trigger = (
        _unwrapped(before.options.replacement_trigger),
        _unwrapped(after.options.replacement_trigger),
    )
    if old_trigger is not None and new_trigger is not None and old_trigger != new_trigger:
        reasons.append("its replacement trigger changed (the VM's settings fixed at creation)")
    for key, urns in after.property_dependencies.items():
        if key in URL_INPUTS and key in after.inputs:
            reasons += [f"{key} comes from {replaced[u]}, which is replaced" for u in urns if u in replaced]
    reasons += [f"replaced with {replaced[u]} (replace_with)" for u in after.options.replace_with if u in replaced]
    return list(dict.fromkeys(reasons))


def replay(steps: Sequence[Step], before: Deployment, after: Deployment) -> list[str]:
    """Run `steps` against the resources of `before`, as ARM would see each call, and return the
    calls in order (`delete web-vm-1`, `create web-vm-1`, ...); raises `ArmRejection` at the first
    one Azure refuses. A replacement deletes first (and, before that, whatever it replaces with
    it, deepest first), then creates; a create-before-delete replacement (an auto-named
    resource) deletes its old self last."""
    old = {r.urn: r for r in before.registered if r.urn}
    new = {r.urn: r for r in after.registered if r.urn}
    live = {r.id.lower(): r for r in before.registered if r.id}
    replaced = {s.urn for s in steps if s.op == REPLACE}
    dependents = _dependents(before)
    deletion_order = list(reversed(write_order(before, old)))
    gone: set[str] = set()
    calls: list[str] = []

    def delete(urn: str) -> None:
        resource_id = old[urn].id.lower()
        if resource_id in gone:
            return  # Azure deleted it with something else; the provider takes the 404 as done
        live.pop(resource_id, None)
        refuse_delete(old[urn], live)
        calls.append(f"delete {old[urn].name}")
        gone.add(resource_id)
        for with_it in deleted_with(old[urn], live):
            live.pop(with_it, None)
            gone.add(with_it)

    late: list[str] = []
    for step in steps:
        if step.op == UPDATE:
            refuse_update(old[step.urn], new[step.urn], live)
        elif step.op == REPLACE and step.delete_before_replace:
            for dependent in _deepest_first(step.urn, dependents, replaced, deletion_order):
                delete(dependent)
            delete(step.urn)
        elif step.op == REPLACE:
            late.append(step.urn)
        elif step.op == DELETE:
            delete(step.urn)
        if step.op in (CREATE, UPDATE, REPLACE):
            live[new[step.urn].id.lower()] = new[step.urn]
            gone.discard(new[step.urn].id.lower())
            calls.append(f"{UPDATE if step.op == UPDATE else CREATE} {step.name}")
    for urn in late:
        if old[urn].id != new[urn].id:
            delete(urn)
    return calls


def _dependents(deployment: Deployment) -> dict[str, set[str]]:
    """URN -> what takes an input from it, or is replaced with it (`replace_with`): what the engine
    considers for deletion before a delete-before-replace. An explicit `depends_on` alone is no
    reason (pulumi's step generator, `calculateDependentReplacements`)."""
    found: dict[str, set[str]] = {}
    for resource in deployment.registered:
        sources = {u for urns in resource.property_dependencies.values() for u in urns}
        for source in sources | set(resource.options.replace_with):
            found.setdefault(source, set()).add(resource.urn)
    return found


def _deepest_first(
    urn: str, dependents: Mapping[str, set[str]], replaced: set[str], deletion_order: Sequence[str]
) -> list[str]:
    """The replaced resources that depend on `urn`, directly or not: the engine deletes them
    before `urn`, dependents first (`deletion_order`: the old resources, dependents first)."""
    found: set[str] = set()
    stack = [urn]
    while stack:
        for dependent in dependents.get(stack.pop(), ()):
            if dependent in replaced and dependent not in found:
                found.add(dependent)
                stack.append(dependent)
    return [u for u in deletion_order if u in found]


def write_order(deployment: Deployment, wanted: Mapping[str, Registered]) -> list[str]:
    """URNs of `wanted`, each after everything it depends on."""
    operations = [op for op in write_operations(deployment.registrations, engine_resources=True) if op.urn in wanted]
    return dependency_order({op.urn: op.dependencies for op in operations}, {op.urn: op.name for op in operations})


def stored_inputs(resource: Registered, old: Mapping[str, Any] | None, provider_location: str | None) -> dict[str, Any]:
    """The inputs as pulumi-azure-native stores them: a resource that has a location and was given
    none takes its old inputs' (so a deployed resource never moves by default), else the
    provider's, else its resource group's (which the mocks filled in)."""
    inputs = dict(resource.inputs)
    if "location" in resource.state:
        given = inputs.get("location") or (old or {}).get("location") or provider_location or resource.state["location"]
        inputs["location"] = _location(str(given))
    return inputs


def with_ignored_changes(inputs: dict[str, Any], old: Mapping[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """`inputs` with each `ignore_changes` path holding its old value, where there is one."""
    result: dict[str, Any] = json.loads(json.dumps(inputs))
    for path in paths:
        keys = path.split(".")
        old_value: Any = old
        for key in keys:
            old_value = old_value.get(key) if isinstance(old_value, Mapping) else None
        if old_value is None:
            continue  # no previous value: the program's is used
        target = result
        for key in keys[:-1]:
            target = target.setdefault(key, {})
        target[keys[-1]] = old_value
    return result


def input_changes(before: Mapping[str, Any], after: Mapping[str, Any], secret: Iterable[str]) -> list[PropertyChange]:
    """The changed leaves of the inputs, by path (`hardwareProfile.vmSize`, `securityRules[2]`);
    the values of inputs that are secrets on either side read `[secret]`."""
    secret = frozenset(secret)
    changes: list[PropertyChange] = []
    for key in sorted(before.keys() | after.keys()):
        for path, old, new in _leaves(key, before.get(key, _ABSENT), after.get(key, _ABSENT)):
            if key in secret:
                old, new = SECRET, SECRET
            changes.append(PropertyChange(path, None if old is _ABSENT else old, None if new is _ABSENT else new))
    return changes


def property_changes(before: Registered, after: Registered) -> list[PropertyChange]:
    return input_changes(before.inputs, after.inputs, before.secret_inputs | after.secret_inputs)


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


def _unchecked(mocks: AzureMocks) -> list[str]:
    return [
        f"not checked offline: {reference} is outside this stack, where the mocks cannot see; Azure checks it exists."
        for reference in dict.fromkeys(mocks.unchecked)
    ]


def _location(name: str) -> str:
    """ARM reads a region case-insensitively, spaces ignored (`West Europe` is `westeurope`)."""
    return "".join(name.split()).lower()


def _unwrapped(value: Any) -> Any:
    """A replacement trigger without its secret wrappers, as the engine compares it."""
    if isinstance(value, dict):
        if "value" in value and len(value) == 2:
            return _unwrapped(value["value"])
        return {k: _unwrapped(v) for k, v in value.items()}
    return value


_ABSENT = object()


def _leaves(path: str, old: Any, new: Any) -> Iterable[tuple[str, Any, Any]]:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            yield from _leaves(f"{path}.{key}", old.get(key, _ABSENT), new.get(key, _ABSENT))
    elif isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            yield from _leaves(f"{path}[{i}]", old[i] if i < len(old) else _ABSENT, new[i] if i < len(new) else _ABSENT)
    else:
        yield path, old, new


def _top(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def _under(path: str, prefix: str) -> bool:
    """`path` is `prefix` or inside it (`zones[0]` is under `zones`)."""
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


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


def render_diff(diff: Diff) -> str:
    """Like `pulumi preview --diff`: one line per step, the changed properties under it, the VMs'
    steps by batch, then the rollout's figures, the notes and the counts."""
    lines = [f"Changes to stack {diff.stack} ({', '.join(f'{k}={v}' for k, v in diff.change.items()) or 'none'}):"]
    batch_of = diff.rollout.batch_of_step
    current: int | None = None
    for step in diff.steps:
        batch = batch_of.get(step.urn)
        if batch is not None and batch != current:
            lines.append(f"  {diff.rollout.batch_heading(batch)}")
        current = batch
        lines.append(f"  {SYMBOLS[step.op]:<2} {step.type} {step.name} ({step.op})")
        for change in step.changes:
            lines.append(f"        {change.path}: {_shown(change.before)} => {_shown(change.after)}")
        for reason in step.replaced_because:
            lines.append(f"        replaced: {reason}")
    lines += render_rollout(diff.rollout)
    lines += [f"  {note}" for note in diff.notes]
    counts = diff.counts()
    summary = f"+{counts[CREATE]} ~{counts[UPDATE]} -{counts[DELETE]}"
    if counts[REPLACE]:
        summary += f" +-{counts[REPLACE]}"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # numbers cross the Pulumi RPC boundary as floats
    text = "(none)" if value is None else json.dumps(value)
    return text if len(text) <= 100 else text[:97] + "..."
