"""`python -m plan --diff`: what a config change would do to a deployed stack, offline.

The stack file's config is the deployed state; the `--config` overrides are the change.
Both are evaluated under the ARM-like mocks, then compared as `pulumi preview --diff` would
show them: resources to create, update (with the changed properties) or replace, in the
order `pulumi up` runs them (creates, updates and replacements in dependency order), then
deletes, last and in reverse dependency order. The change is then replayed against the
existing resources, so that what Azure refuses at that moment is reported as refused (see
`refuse_update` and `refuse_delete` in azure_mocks.py): an update Azure does not allow in
place, or a write that removes something a NIC still uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from offline.azure_mocks import ARM_TYPES, AzureMocks, Registered, refuse_delete, refuse_update
from offline.harness import REPO_ROOT, Deployment, evaluate, project_name, stack_program
from offline.recording import RecordingMonitor

from .figures import write_operations
from .report import SECRET, dependency_order, is_secret_key
from .run import StackConfig

CREATE, UPDATE, REPLACE, DELETE = "create", "update", "replace", "delete"
SYMBOLS = {CREATE: "+", UPDATE: "~", REPLACE: "+-", DELETE: "-"}

# Inputs whose change makes pulumi-azure-native replace the resource rather than update it:
# the names and the resource group in the resource's URL, and the provider's own forceNew list
# (provider/pkg/gen forceNewMap in pulumi/pulumi-azure-native; properties Azure marks
# x-ms-mutability create-only are added from the API specs, none of them inputs used here).
URL_INPUTS = frozenset(
    {"resourceGroupName", *(name for _, name in ARM_TYPES.values())}
    | {"loadBalancerName", "inboundNatRuleName", "vmExtensionName", "containerName", "name", "resourceUri"}
)
FORCE_NEW: dict[str, frozenset[str]] = {
    "azure-native:network:PublicIPAddress": frozenset({"location", "publicIPAddressVersion", "publicIPPrefix", "sku"}),
    "azure-native:network:VirtualNetwork": frozenset({"location"}),
    "azure-native:storage:StorageAccount": frozenset({"location", "isHnsEnabled"}),
    "azure-native:resources:ResourceGroup": frozenset({"location"}),
}


@dataclass(frozen=True)
class PropertyChange:
    path: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Step:
    op: str
    type: str
    name: str
    urn: str
    changes: tuple[PropertyChange, ...] = ()


@dataclass(frozen=True)
class Diff:
    stack: str
    change: dict[str, str]
    """The overridden config keys and their new values (secrets blanked)."""
    steps: tuple[Step, ...] = field(default=())

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
                }
                for s in self.steps
            ],
            "counts": self.counts(),
        }


def make_diff(base: StackConfig, changed: StackConfig, *, project_dir: Path = REPO_ROOT) -> Diff:
    """Evaluate `base` (what is deployed) and `changed`, and the steps between them.
    `InvalidArgumentError` (a bad config) and `ArmRejection` (Azure refuses the change) propagate."""
    before = _deploy(base, project_dir)
    after = _deploy(changed, project_dir)
    steps = diff_deployments(before, after)
    replay(steps, before, after)
    overridden = {
        key: SECRET if is_secret_key(key, changed.secret_keys) else value
        for key, value in sorted(changed.values.items())
        if base.values.get(key) != value
    }
    return Diff(changed.stack, overridden, tuple(steps))


def diff_deployments(before: Deployment, after: Deployment) -> list[Step]:
    """The steps from `before` to `after`, in the order `pulumi up` runs them."""
    old = {r.urn: r for r in before.registered if r.urn}
    new = {r.urn: r for r in after.registered if r.urn}
    steps: list[Step] = []
    for urn in write_order(after, new):
        resource = new[urn]
        if urn not in old:
            steps.append(Step(CREATE, resource.type, resource.name, urn))
            continue
        changes = property_changes(old[urn], resource)
        if changes:
            replaced = any(_top(c.path) in URL_INPUTS | FORCE_NEW.get(resource.type, frozenset()) for c in changes)
            steps.append(Step(REPLACE if replaced else UPDATE, resource.type, resource.name, urn, tuple(changes)))
    gone = [urn for urn in reversed(write_order(before, old)) if urn not in new]
    steps += [Step(DELETE, old[urn].type, old[urn].name, urn) for urn in gone]
    return steps


def replay(steps: Sequence[Step], before: Deployment, after: Deployment) -> None:
    """Run `steps` against the resources of `before`, as ARM would see each call; raises
    `ArmRejection` at the first one Azure refuses. A replacement deletes, then creates (the
    set's resources are explicitly named: `delete_before_replace`)."""
    old = {r.urn: r for r in before.registered if r.urn}
    new = {r.urn: r for r in after.registered if r.urn}
    live = {r.id.lower(): r for r in before.registered if r.id}
    for step in steps:
        if step.op == UPDATE:
            refuse_update(old[step.urn], new[step.urn], live)
        if step.op in (REPLACE, DELETE):
            live.pop(old[step.urn].id.lower(), None)
            refuse_delete(old[step.urn], live)
        if step.op in (CREATE, UPDATE, REPLACE):
            live[new[step.urn].id.lower()] = new[step.urn]


def write_order(deployment: Deployment, wanted: Mapping[str, Registered]) -> list[str]:
    """URNs of `wanted`, each after everything it depends on."""
    operations = [op for op in write_operations(deployment.registrations) if op.urn in wanted]
    return dependency_order({op.urn: op.dependencies for op in operations}, {op.urn: op.name for op in operations})


def property_changes(before: Registered, after: Registered) -> list[PropertyChange]:
    """The changed leaves of the inputs, by path (`hardwareProfile.vmSize`, `securityRules[2]`);
    the values of inputs that are secrets on either side read `[secret]`."""
    secret = before.secret_inputs | after.secret_inputs
    changes: list[PropertyChange] = []
    for key in sorted(before.inputs.keys() | after.inputs.keys()):
        for path, old, new in _leaves(key, before.inputs.get(key, _ABSENT), after.inputs.get(key, _ABSENT)):
            if key in secret:
                old, new = SECRET, SECRET
            changes.append(PropertyChange(path, None if old is _ABSENT else old, None if new is _ABSENT else new))
    return changes


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


def _deploy(config: StackConfig, project_dir: Path) -> Deployment:
    mocks = AzureMocks()
    return evaluate(
        stack_program(project_dir),
        stack=config.stack,
        config=config.values,
        mocks=mocks,
        project=project_name(project_dir),
        monitor=RecordingMonitor(mocks),
    )


def render_diff(diff: Diff) -> str:
    """Like `pulumi preview --diff`: one line per step, the changed properties under it, and the counts."""
    lines = [f"Changes to stack {diff.stack} ({', '.join(f'{k}={v}' for k, v in diff.change.items()) or 'none'}):"]
    for step in diff.steps:
        lines.append(f"  {SYMBOLS[step.op]:<2} {step.type} {step.name} ({step.op})")
        for change in step.changes:
            lines.append(f"        {change.path}: {_shown(change.before)} => {_shown(change.after)}")
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
