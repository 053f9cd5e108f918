"""How `pulumi preview --diff` compares a resource's inputs, and which changes replace it.

- The provider compares the inputs as it stored them, its defaults applied (a resource's
  `location`: its old inputs', else the provider's `azure-native:location`, else the resource
  group's; pulumi-azure-native provider.go `applyDefaults`), and plans a replacement only when
  a name or the resource group changes (URL path parameters) or for its `forceNewMap`
  (provider/pkg/gen/replacement.go); everything else is an in-place update.
- The engine adds its resource options: `ignore_changes` keeps the old values, and
  `replace_on_changes`, `replacement_trigger` and `replace_with` replace; so does an input that
  comes from a replaced resource, when it is in the URL or in `replace_on_changes` (it is
  unknown until that resource exists again).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from offline.azure_mocks import ARM_TYPES, Registered

from .redaction import SECRET
from .steps import PropertyChange

RESOURCE_GROUP = "azure-native:resources:ResourceGroup"

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


def replaced_because(
    before: Registered, after: Registered, changes: Sequence[PropertyChange], replaced: Mapping[str, str]
) -> list[str]:
    """Why `after` replaces `before` rather than updating it, one reason per line of the preview;
    empty for an update. `replaced`: URN -> name of the resources already found replaced."""
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
        if key not in after.inputs or not _replaces(after, key):
            continue
        # Unknown until the replaced resource exists again: the provider replaces on a URL input,
        # and `replace_on_changes` takes the unknown as a change (step_generator.go,
        # `calculateDependentReplacements`, `applyReplaceOnChanges`).
        option = "" if key in URL_INPUTS else " (replace_on_changes)"
        reasons += [f"{key} comes from {replaced[u]}, which is replaced{option}" for u in urns if u in replaced]
    reasons += [f"replaced with {replaced[u]} (replace_with)" for u in after.options.replace_with if u in replaced]
    return list(dict.fromkeys(reasons))


def replaced_through(after: Registered, replaced: Mapping[str, str]) -> frozenset[str]:
    """The replaced resources (URNs) an input of `after` comes from that replaces it: an input in the
    URL or in `replace_on_changes`, which is unknown until that resource exists again."""
    return frozenset(
        urn
        for key, urns in after.property_dependencies.items()
        if key in after.inputs and _replaces(after, key)
        for urn in urns
        if urn in replaced
    )


def _replaces(resource: Registered, key: str) -> bool:
    return key in URL_INPUTS or any(
        _under(path, key) or _under(key, path) for path in resource.options.replace_on_changes
    )


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
