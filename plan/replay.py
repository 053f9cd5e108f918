"""The steps of a change replayed against the resources that exist, call by call, as ARM sees
them: what Azure refuses at that moment (offline/change_rules.py) is refused here too.

A replacement deletes first (and, before that, whatever the engine replaces with it, deepest
first), then creates; a create-before-delete replacement (an auto-named resource) deletes its
old self last. What Azure deletes along with a resource (a VM's NIC with `deleteOption:
Delete`) is gone without a call of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from offline.change_rules import deleted_with, refuse_create, refuse_delete, refuse_update
from offline.harness import Deployment

from .order import write_order
from .steps import CREATE, DELETE, REPLACE, UPDATE, Step


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
        if step.op in (CREATE, REPLACE):
            refuse_create(new[step.urn], live)
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
