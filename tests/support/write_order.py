"""Which writes of a deployment could reach one load balancer at the same time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from plan.figures import WriteOperation, ancestors_of


def load_balancer_writes_by_target(
    resource_ids: Mapping[str, str], resource_types: Mapping[str, str]
) -> dict[str, str]:
    """Write URN -> ARM ID (lower case) of the load balancer the write changes or is addressed
    under: the load balancer itself, a child of it (an inbound NAT rule, whose ID lives under
    the load balancer's), or an extension resource on it (a diagnostic setting).

    `resource_ids` and `resource_types`: URN -> ARM ID and URN -> type token of each write."""
    load_balancers = {
        resource_ids[urn].lower()
        for urn, resource_type in resource_types.items()
        if resource_type == "azure-native:network:LoadBalancer" and resource_ids.get(urn)
    }
    targets: dict[str, str] = {}
    for urn, resource_id in resource_ids.items():
        lowered = resource_id.lower()
        for lb in load_balancers:
            if lowered == lb or lowered.startswith(lb + "/"):
                targets[urn] = lb
    return targets


def unordered_writes(operations: Sequence[WriteOperation], targets: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs of writes on the same target (`targets`: URN -> target) that the dependency graph
    leaves free to run at the same time: neither waits, even indirectly, for the other."""
    before = ancestors_of(operations)
    grouped: dict[str, list[str]] = defaultdict(list)
    for op in operations:
        if op.urn in targets:
            grouped[targets[op.urn]].append(op.urn)
    return [
        (a, b)
        for writes in grouped.values()
        for i, a in enumerate(writes)
        for b in writes[i + 1 :]
        if a not in before[b] and b not in before[a]
    ]
