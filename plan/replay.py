"""The steps of a change replayed against the resources that exist, call by call, as ARM sees
them: what Azure refuses at that moment (offline/change_rules.py) is refused here too.

A delete-before-replace deletes first what the engine deletes with it, then itself, then
creates; a create-before-delete replacement (an auto-named resource) deletes its old self last.
What Azure deletes along with a resource (a VM's children, and its NIC with `deleteOption:
Delete`) is gone, and the provider takes the DELETE that finds nothing as done; an unmanaged OS
disk's blob outlives its VM.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from offline.azure_mocks import Registered
from offline.change_rules import as_updated, deleted_with, refuse_create, refuse_delete, refuse_update, vhd_uri
from offline.harness import Deployment

from .compare import with_ignored_changes
from .order import write_order
from .steps import CREATE, DELETE, REPLACE, UPDATE, Step


def replay(steps: Sequence[Step], before: Deployment, after: Deployment) -> list[str]:
    """Run `steps` against the resources of `before`, as ARM would see each call, and return the
    calls in order (`delete web-vm-1`, `create web-vm-1`, ...; a DELETE of what Azure already deleted
    with something else reads `delete web-vm-1-credentials (already gone)`, which the provider takes
    as done); raises `ArmRejection` at the first one Azure refuses.

    A delete-before-replace deletes first what the engine deletes with it
    (step_generator.go, `continueStepsFromDiff`): the replaced resources that take an input from it,
    directly or through one another (`calculateDependentReplacements`), and those that name it in
    their `replace_with` (`findDependentCascadeReplacements`, not transitive: a VM's extensions
    follow it when the VM's own step comes), dependents first; then it creates. A
    create-before-delete replacement (an auto-named resource) deletes its old self last."""
    old = {r.urn: r for r in before.registered if r.urn}
    new = {r.urn: r for r in after.registered if r.urn}
    live = {r.id.lower(): r for r in before.registered if r.id}
    replacements = {s.urn: s for s in steps if s.op == REPLACE}
    # An unmanaged OS disk's blob outlives its VM.
    blobs = {uri.lower() for r in before.registered if (uri := vhd_uri(r)) is not None}
    replaced_with = _replaced_with(before)
    dependency_order = write_order(before, old)
    gone: set[str] = set()
    deleted: set[str] = set()
    calls: list[str] = []

    def delete(urn: str) -> None:
        if urn in deleted:
            return
        deleted.add(urn)
        resource_id = old[urn].id.lower()
        if resource_id in gone:
            calls.append(f"delete {old[urn].name} (already gone)")
            return
        live.pop(resource_id, None)
        refuse_delete(old[urn], live)
        calls.append(f"delete {old[urn].name}")
        gone.add(resource_id)
        for with_it in deleted_with(old[urn], live):
            live.pop(with_it, None)
            gone.add(with_it)

    def sent(urn: str) -> Registered:
        """What an update sends: the program's inputs, with its `ignore_changes` paths as they were."""
        paths = new[urn].options.ignore_changes
        return dataclasses.replace(new[urn], inputs=with_ignored_changes(new[urn].inputs, old[urn].inputs, paths))

    late: list[str] = []
    for step in steps:
        if step.op == UPDATE:
            update = sent(step.urn)
            refuse_update(old[step.urn], update, live)
        elif step.op == REPLACE and step.delete_before_replace:
            for dependent in _deleted_first(step.urn, replacements, replaced_with, dependency_order):
                delete(dependent)
            delete(step.urn)
        elif step.op == REPLACE:
            late.append(step.urn)
        elif step.op == DELETE:
            delete(step.urn)
        if step.op in (CREATE, REPLACE):
            refuse_create(new[step.urn], live, blobs)
            if (uri := vhd_uri(new[step.urn])) is not None:
                blobs.add(uri.lower())
        if step.op == UPDATE:
            live[new[step.urn].id.lower()] = as_updated(old[step.urn], update)
        elif step.op in (CREATE, REPLACE):
            live[new[step.urn].id.lower()] = new[step.urn]
        if step.op in (CREATE, UPDATE, REPLACE):
            gone.discard(new[step.urn].id.lower())
            calls.append(f"{UPDATE if step.op == UPDATE else CREATE} {step.name}")
    for urn in late:
        if old[urn].id != new[urn].id:
            delete(urn)
    return calls


def _replaced_with(deployment: Deployment) -> dict[str, set[str]]:
    """URN -> what names it in `replace_with`."""
    found: dict[str, set[str]] = {}
    for resource in deployment.registered:
        for source in resource.options.replace_with:
            found.setdefault(source, set()).add(resource.urn)
    return found


def _deleted_first(
    urn: str, replacements: Mapping[str, Step], replaced_with: Mapping[str, set[str]], dependency_order: Sequence[str]
) -> list[str]:
    """What the engine deletes before `urn` when it replaces it delete-first, dependents first: the
    replaced resources an input of which, from `urn` or from one found before, replaces them
    (`calculateDependentReplacements` walks the dependents in dependency order), and those that
    name `urn` in their `replace_with`. An explicit `depends_on` alone is no reason."""
    found = {urn}
    for candidate in dependency_order:
        step = replacements.get(candidate)
        if step is not None and step.replaced_through & found:
            found.add(candidate)
    found |= replaced_with.get(urn, set()) & replacements.keys()
    found.discard(urn)
    return [u for u in reversed(dependency_order) if u in found]
