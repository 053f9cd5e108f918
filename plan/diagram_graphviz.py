"""The architecture graph drawn with `diagrams` (mingrammer's diagram-as-code library, with
Azure's icons) and laid out by Graphviz's `dot`, as PNG or SVG."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import graphviz
from diagrams import Cluster as DiagramsCluster
from diagrams import Diagram, Edge, Node, setdiagram
from diagrams.azure.compute import VM, VMScaleSet
from diagrams.azure.monitor import DiagnosticsSettings, Metrics, Monitor
from diagrams.azure.network import (
    LoadBalancers,
    NetworkSecurityGroupsClassic,
    PublicIpAddresses,
    RouteFilters,
)
from diagrams.azure.storage import StorageAccounts
from diagrams.generic.blank import Blank
from diagrams.onprem.network import Internet

from .graph import Architecture, Kind
from .graph import Cluster as GraphCluster
from .graph import Node as GraphNode

ICONS: dict[Kind, type[Node]] = {
    "internet": Internet,
    "public_ip": PublicIpAddresses,
    "load_balancer": LoadBalancers,
    "storage_account": StorageAccounts,
    "vm": VM,
    "hidden_vms": VM,
    "scale_set": VMScaleSet,
    "network_security_group": NetworkSecurityGroupsClassic,
    "nat_gateway": RouteFilters,
    "diagnostic_setting": DiagnosticsSettings,
    "metric_alert": Metrics,
    "action_group": Monitor,
    "resource": Blank,
}
GRAPH_ATTR = {"fontsize": "20", "pad": "0.4", "nodesep": "0.5", "ranksep": "1.1", "splines": "spline"}
CLUSTER_ATTR = {"fontsize": "13", "labeljust": "l", "margin": "16"}
NODE_ATTR = {"fontsize": "12"}


def draw(graph: Architecture, fmt: str) -> bytes:
    """The picture, `png` or `svg`; runs Graphviz's `dot` (graphviz.ExecutableNotFound without it)."""
    picture: bytes = graphviz.Source(dot_source(graph)).pipe(format=fmt, quiet=True)
    if fmt == "svg":
        picture = _self_contained_svg(picture.decode()).encode()
    return picture


def dot_source(graph: Architecture) -> str:
    """The graph in Graphviz's DOT language, with the icons: built without running `dot`."""
    diagram = Diagram(graph.title, show=False, direction="LR", graph_attr=GRAPH_ATTR, node_attr=NODE_ATTR)
    # What `with Diagram(...)` does on entry; its exit would also render to a file.
    setdiagram(diagram)
    try:
        drawn: dict[str, Node] = {}
        _draw_members(graph.members, drawn)
        for edge in graph.edges:
            style = {} if edge.style == "solid" else {"style": edge.style}
            drawn[edge.source] >> Edge(label=edge.label, **style) >> drawn[edge.target]
        source: str = diagram.dot.source
    finally:
        setdiagram(None)
    return source


def _draw_members(members: list[GraphNode | GraphCluster], drawn: dict[str, Node]) -> None:
    for member in members:
        if isinstance(member, GraphCluster):
            with DiagramsCluster(member.label, graph_attr=CLUSTER_ATTR):
                _draw_members(member.members, drawn)
        else:
            drawn[member.id] = ICONS[member.kind](member.label)


def _self_contained_svg(svg: str) -> str:
    """Graphviz links each icon as a file on this machine: embed them, so the SVG shows
    its icons anywhere (a browser, GitHub)."""

    def embed(match: re.Match[str]) -> str:
        icon = Path(match.group(2))
        if not icon.is_file():
            return match.group(0)
        data = base64.b64encode(icon.read_bytes()).decode()
        return f'{match.group(1)}="data:image/png;base64,{data}"'

    return re.sub(r'(xlink:href|href)="([^"]+\.png)"', embed, svg)
