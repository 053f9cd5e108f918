"""The architecture diagram: one graph computed from the plan (`plan.diagram.architecture`), drawn
by two back ends, Mermaid (text, nothing to install) and diagrams/Graphviz (PNG, SVG).

Everything but the pictures themselves is checked without Graphviz: the graph, the Mermaid text,
and the DOT source the Graphviz back end builds. The SVG tests need `dot` and are skipped without it.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from plan.diagram import MAX_VMS_DRAWN, architecture, render_diagram
from plan.diagram_graphviz import dot_source
from plan.diagram_mermaid import mermaid, mermaid_markdown, quoted
from plan.graph import Architecture, Cluster, Node
from plan.model import Frontend, NatGateway, OtherResource, Plan, PublicIpAddress
from plan.run import load_stack_config, make_plan

from ..support.checks import each

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


@pytest.fixture(scope="module")
def dev_plan() -> Plan:
    return make_plan(load_stack_config("dev"))


@pytest.fixture(scope="module")
def dev_graph(dev_plan: Plan) -> Architecture:
    """The dev plan's architecture graph."""
    return architecture(dev_plan)


def internal(plan: Plan) -> Plan:
    """The dev plan with an internal load balancer: no public IP."""
    load_balancers = tuple(
        replace(lb, public=False, frontends=tuple(map(_private, lb.frontends))) for lb in plan.load_balancers
    )
    return replace(plan, public_ips=(), load_balancers=load_balancers)


def _private(frontend: Frontend) -> Frontend:
    return replace(frontend, public_ip=None, private_ip="10.0.0.10", subnet="web-snet")


def other_shapes(plan: Plan) -> Plan:
    """Internal load balancer, a subnet of one's own, a NAT gateway, zones, an unknown type."""
    changed = internal(plan)
    network = changed.networks[0]
    first, *others = network.subnets
    second_vm = replace(
        changed.vms[1],
        subnet_ids=("/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/v/subnets/mine",),
    )
    return replace(
        changed,
        public_ips=(PublicIpAddress(name="nat-pip", sku="Standard", allocation="Static", dns_label=None, zones=()),),
        nat_gateways=(NatGateway(name="web-natgw"),),
        networks=(replace(network, subnets=(replace(first, nat_gateway="web-natgw"), *others)), *changed.networks[1:]),
        other_resources=(OtherResource(type="azure-native:network:BastionHost", name="web-bastion"),),
        vms=(replace(changed.vms[0], zones=("1",)), second_vm, *changed.vms[2:]),
    )


def many_vms(plan: Plan, count: int) -> Plan:
    """The dev plan with `count` VMs, each in the load balancer's pool."""
    vms = tuple(replace(plan.vms[0], name=f"web-vm-{i}") for i in range(1, count + 1))
    lb = plan.load_balancers[0]
    pool = replace(lb.backend_pools[0], members=tuple(vm.name for vm in vms))
    load_balancer = replace(lb, backend_pools=(pool, *lb.backend_pools[1:]), nat_rules=())
    return replace(plan, vms=vms, load_balancers=(load_balancer, *plan.load_balancers[1:]))


def names(graph: Architecture) -> set[str]:
    """Each node's first label line: the resource's name."""
    return {node.label.split("\n", 1)[0] for node in graph.nodes()}


def labels(graph: Architecture) -> set[str]:
    return {line for node in graph.nodes() for line in node.label.split("\n")}


def edges_by_name(graph: Architecture) -> set[tuple[str, str]]:
    first = {node.id: node.label.split("\n", 1)[0] for node in graph.nodes()}
    return {(first[e.source], first[e.target]) for e in graph.edges}


# --- the graph --------------------------------------------------------------------------------------


def test_every_registered_part_is_a_node(dev_graph: Architecture, dev_plan: Plan) -> None:
    account = dev_plan.storage_accounts[0].name
    expected = {"Internet", "web-pip", "web-lb", "web-vm-1", "web-vm-2", "web-nsg", account, "DiagnosticSetting"}
    assert names(dev_graph) == expected


def test_tiers_are_nested_clusters(dev_graph: Architecture) -> None:
    (group,) = [m for m in dev_graph.members if isinstance(m, Cluster)]
    (subnet,) = [m for m in group.members if isinstance(m, Cluster)]
    (avset,) = [m for m in subnet.members if isinstance(m, Cluster)]
    assert group.label == "Resource group azure-multi-vm-dev"
    assert subnet.label.startswith("VNet web-vnet 10.0.0.0/16: subnet web-snet 10.0.0.0/24")
    assert avset.label.startswith("Availability set web-avset")
    assert {m.label.split("\n", 1)[0] for m in avset.members if isinstance(m, Node)} == {"web-vm-1", "web-vm-2"}


def test_edges_follow_the_traffic_and_the_health_events(dev_graph: Architecture, dev_plan: Plan) -> None:
    account = dev_plan.storage_accounts[0].name
    assert edges_by_name(dev_graph) == {
        ("Internet", "web-pip"),
        ("web-pip", "web-lb"),
        ("web-lb", "web-vm-1"),
        ("web-lb", "web-vm-2"),
        ("web-lb", "DiagnosticSetting"),
        ("DiagnosticSetting", account),
        ("web-vm-1", account),
        ("web-vm-2", account),
    }


def test_the_internet_edge_names_the_public_ports(dev_graph: Architecture) -> None:
    assert "Tcp 80, NAT 50001-50200" in {edge.label for edge in dev_graph.edges}


def test_the_vms_show_their_nat_port(dev_graph: Architecture) -> None:
    assert {"NAT :50001 -> 22", "NAT :50002 -> 22"} <= labels(dev_graph)


def test_without_a_public_ip_there_is_no_internet(dev_plan: Plan) -> None:
    graph = architecture(internal(dev_plan))
    assert "Internet" not in names(graph) and "Standard, internal" in labels(graph)


def test_other_shapes_of_the_architecture(dev_plan: Plan) -> None:
    graph = architecture(other_shapes(dev_plan))
    cluster_labels = {cluster.label for cluster in graph.clusters()}
    assert {"NAT gateway", "web-natgw", "web-bastion", "zone 1"} <= labels(graph)
    assert ("NAT gateway", "Internet") in edges_by_name(graph) and "outbound" in {e.label for e in graph.edges}
    assert "Subnet (not registered by this stack)" in cluster_labels


def test_many_vms_are_summarised_by_one_node(dev_plan: Plan) -> None:
    graph = architecture(many_vms(dev_plan, 10))
    vms = [node for node in graph.nodes() if node.kind in ("vm", "hidden_vms")]
    (more,) = [node for node in vms if node.kind == "hidden_vms"]
    assert len(vms) == MAX_VMS_DRAWN and more.label == "... 5 more VMs\nweb-vm-5 to web-vm-9"


def test_each_drawn_vm_gets_one_edge_from_the_load_balancer(dev_plan: Plan) -> None:
    graph = architecture(many_vms(dev_plan, 10))
    lb = next(node for node in graph.nodes() if node.kind == "load_balancer")
    targets = Counter(edge.target for edge in graph.edges if edge.source == lb.id and edge.style == "solid")
    assert len(targets) == MAX_VMS_DRAWN and set(targets.values()) == {1}


def test_ids_are_unique_letters_digits_and_underscores(dev_plan: Plan) -> None:
    graph = architecture(other_shapes(dev_plan))
    ids = [node.id for node in graph.nodes()] + [cluster.id for cluster in graph.clusters()]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_]+", i) for i in each(ids))


# --- the Mermaid back end ----------------------------------------------------------------------------

NODE_LINE = re.compile(r"\s*(\w+)\[(\".*\")\]")
EDGE_LINE = re.compile(r"\s*(\w+) (-->|-\.->)(?:\|(\".*\")\|)? (\w+)")


def test_mermaid_declares_every_node_once(dev_graph: Architecture) -> None:
    declared = [m.group(1) for line in mermaid(dev_graph).splitlines() if (m := NODE_LINE.fullmatch(line))]
    assert sorted(declared) == sorted(node.id for node in dev_graph.nodes())


def test_mermaid_draws_every_edge_with_its_label(dev_graph: Architecture) -> None:
    drawn = [m.groups() for line in mermaid(dev_graph).splitlines() if (m := EDGE_LINE.fullmatch(line))]
    arrow = {"solid": "-->", "dotted": "-.->", "dashed": "-.->"}
    expected = [(e.source, arrow[e.style], quoted(e.label) if e.label else None, e.target) for e in dev_graph.edges]
    assert drawn == expected


def test_mermaid_subgraphs_are_the_clusters_nested(dev_graph: Architecture) -> None:
    lines = mermaid(dev_graph).splitlines()
    opened = [line.split()[1].split("[", 1)[0] for line in lines if line.strip().startswith("subgraph ")]
    assert opened == [cluster.id for cluster in dev_graph.clusters()]
    assert sum(line.strip() == "end" for line in lines) == len(opened)


def test_mermaid_is_a_left_to_right_flowchart_with_the_title(dev_graph: Architecture) -> None:
    lines = mermaid(dev_graph).splitlines()
    assert lines[:4] == ["---", f'title: "{dev_graph.title}"', "---", "flowchart LR"]


def test_mermaid_labels_are_quoted_with_entity_codes() -> None:
    assert quoted('a "b" <c> #1|2\nnext') == '"a #quot;b#quot; #lt;c#gt; #35;1#124;2<br/>next"'


def test_mermaid_markdown_is_the_flowchart_in_a_fence(dev_graph: Architecture) -> None:
    assert mermaid_markdown(dev_graph) == f"```mermaid\n{mermaid(dev_graph)}```\n"


def test_a_mermaid_file_is_written_by_its_suffix(dev_plan: Plan, tmp_path: Path) -> None:
    render_diagram(dev_plan, tmp_path / "dev.mmd")
    render_diagram(dev_plan, tmp_path / "dev.md")
    graph = architecture(dev_plan)
    assert (tmp_path / "dev.mmd").read_text() == mermaid(graph)
    assert (tmp_path / "dev.md").read_text() == mermaid_markdown(graph)


def test_other_suffixes_are_refused(dev_plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.svg, \.png, \.mmd or \.md"):
        render_diagram(dev_plan, tmp_path / "dev.gif")


# --- the Graphviz back end: its DOT source, built without `dot` ----------------------------------------

DOT_NODE = re.compile(r'^\s*"?([0-9a-f]{32})"? \[label=(?:"((?:[^"\\]|\\.)*)"|(\S+))', re.M)
DOT_EDGE = re.compile(r'^\s*"?([0-9a-f]{32})"? -> "?([0-9a-f]{32})"? \[(.*)\]$', re.M)
DOT_EDGE_LABEL = re.compile(r'(?:^| )label=(?:"((?:[^"\\]|\\.)*)"|(\S+))')


def graphviz_nodes_and_edges(source: str) -> tuple[Counter[str], Counter[tuple[str, str, str]]]:
    """The node labels and the (source label, target label, edge label) of a DOT source."""
    nodes = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in DOT_NODE.finditer(source)}
    edges: Counter[tuple[str, str, str]] = Counter()
    for m in DOT_EDGE.finditer(source):
        label = DOT_EDGE_LABEL.search(m.group(3))
        text = (label.group(1) if label.group(1) is not None else label.group(2)) if label else ""
        edges[(nodes[m.group(1)], nodes[m.group(2)], text)] += 1
    return Counter(nodes.values()), edges


def model_nodes_and_edges(graph: Architecture) -> tuple[Counter[str], Counter[tuple[str, str, str]]]:
    label = {node.id: node.label for node in graph.nodes()}
    return (
        Counter(label.values()),
        Counter((label[e.source], label[e.target], e.label) for e in graph.edges),
    )


@pytest.mark.parametrize("shape", ["dev", "internal", "other_shapes", "many_vms"])
def test_graphviz_and_mermaid_get_the_same_nodes_and_edges(dev_plan: Plan, shape: str) -> None:
    plan = {
        "dev": dev_plan,
        "internal": internal(dev_plan),
        "other_shapes": other_shapes(dev_plan),
        "many_vms": many_vms(dev_plan, 10),
    }[shape]
    graph = architecture(plan)
    # Mermaid is checked against the same graph by the tests above.
    assert graphviz_nodes_and_edges(dot_source(graph)) == model_nodes_and_edges(graph)


def test_graphviz_draws_the_same_clusters(dev_graph: Architecture) -> None:
    drawn = re.findall(r'subgraph "cluster_((?:[^"\\]|\\.)*)" \{', dot_source(dev_graph))
    assert sorted(drawn) == sorted(cluster.label for cluster in dev_graph.clusters())


# --- the pictures (Graphviz's `dot`) ------------------------------------------------------------------


def svg_texts(path: Path) -> set[str]:
    """The labels of an SVG picture (parsing it proves it well-formed)."""
    return {element.text or "" for element in ElementTree.parse(path).iter("{http://www.w3.org/2000/svg}text")}


@pytest.fixture(scope="module")
def dev_svg(dev_plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("svg") / "dev.svg"
    render_diagram(dev_plan, path)
    return path


@needs_dot
def test_svg_names_what_was_registered(dev_svg: Path) -> None:
    expected = {"Internet", "web-pip", "web-lb", "web-vm-1", "web-vm-2", "web-nsg", "Availability set web-avset"}
    assert expected | {"NAT :50001 -> 22"} <= svg_texts(dev_svg)


@needs_dot
def test_svg_embeds_its_icons(dev_svg: Path) -> None:
    svg = dev_svg.read_text()
    assert "data:image/png;base64," in svg and "site-packages" not in svg


@needs_dot
def test_svg_without_public_ip_draws_no_internet(dev_plan: Plan, tmp_path: Path) -> None:
    render_diagram(internal(dev_plan), tmp_path / "internal.svg")
    texts = svg_texts(tmp_path / "internal.svg")
    assert "Internet" not in texts and "Standard, internal" in texts


@needs_dot
def test_svg_draws_other_shapes_of_the_architecture(dev_plan: Plan, tmp_path: Path) -> None:
    render_diagram(other_shapes(dev_plan), tmp_path / "other.svg")
    texts = svg_texts(tmp_path / "other.svg")
    expected = {"NAT gateway", "web-natgw", "outbound", "web-bastion", "zone 1"}
    assert expected | {"Subnet (not registered by this stack)"} <= texts
