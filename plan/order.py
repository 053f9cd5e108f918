"""The order the plan lists things in: names in natural order, resources after what they wait for.

The order resources register in varies from run to run (the program is concurrent), so every
listing that follows it is sorted here instead, the same way every run.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping
from typing import Any

from offline.azure_mocks import Registered
from offline.harness import Deployment

from .figures import write_operations


def natural_key(name: str) -> tuple[Any, ...]:
    """`web-vm-2` before `web-vm-10`."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def dependency_order(waits_for: Mapping[str, Iterable[str]], name_of: Mapping[str, str]) -> list[str]:
    """The URNs of `waits_for`, each after the URNs it waits for (others are ignored); ties in
    natural order of name, then URN, so the same program always lists the same way (the order
    resources register in varies from run to run)."""
    waiting = {urn: {d for d in deps if d in waits_for and d != urn} for urn, deps in waits_for.items()}
    dependents: dict[str, list[str]] = {}
    for urn, deps in waiting.items():
        for d in deps:
            dependents.setdefault(d, []).append(urn)

    def key(urn: str) -> tuple[tuple[Any, ...], str]:
        return natural_key(name_of[urn]), urn

    ready = [(key(urn), urn) for urn, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, urn = heapq.heappop(ready)
        order.append(urn)
        for dependent in dependents.get(urn, []):
            waiting[dependent].discard(urn)
            if not waiting[dependent]:
                heapq.heappush(ready, (key(dependent), dependent))
    return order


def write_order(deployment: Deployment, wanted: Mapping[str, Registered]) -> list[str]:
    """URNs of `wanted`, each after everything it depends on: the order `pulumi up` writes them."""
    operations = [op for op in write_operations(deployment.registrations, engine_resources=True) if op.urn in wanted]
    return dependency_order({op.urn: op.dependencies for op in operations}, {op.urn: op.name for op in operations})
