"""The architecture graph: nodes, edges and nested clusters, with nothing about how to draw them.

`diagram.architecture` computes it from the plan; the two back ends (`diagram_mermaid.py`,
`diagram_graphviz.py`) draw it. All three import this module and none of each other's types.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

# What a node stands for: the Graphviz back end draws each kind with its icon, Mermaid names it.
Kind = Literal[
    "internet",
    "public_ip",
    "load_balancer",
    "storage_account",
    "vm",
    "hidden_vms",
    "scale_set",
    "network_security_group",
    "nat_gateway",
    "diagnostic_setting",
    "metric_alert",
    "action_group",
    "resource",
]


@dataclass(frozen=True)
class Node:
    id: str
    """Unique in the graph; letters, digits and underscores only."""
    kind: Kind
    label: str
    """Lines separated by newlines, the first one the resource's name."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    style: Literal["solid", "dotted", "dashed"] = "solid"


@dataclass
class Cluster:
    id: str
    label: str
    members: list[Node | Cluster] = field(default_factory=list)
    """In drawing order."""


@dataclass
class Architecture:
    """What both back ends draw. Members and edges come in drawing order, tuned for Graphviz:
    it stacks a left-to-right rank's nodes bottom up, so the VMs come last first."""

    title: str
    members: list[Node | Cluster]
    edges: list[Edge]

    def nodes(self) -> list[Node]:
        return list(_walk_nodes(self.members))

    def clusters(self) -> list[Cluster]:
        return list(_walk_clusters(self.members))


def _walk_nodes(members: list[Node | Cluster]) -> Iterator[Node]:
    for member in members:
        if isinstance(member, Cluster):
            yield from _walk_nodes(member.members)
        else:
            yield member


def _walk_clusters(members: list[Node | Cluster]) -> Iterator[Cluster]:
    for member in members:
        if isinstance(member, Cluster):
            yield member
            yield from _walk_clusters(member.members)
