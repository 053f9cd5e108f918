"""The architecture picture: one graph, computed from the plan, drawn by two back ends.

`architecture(plan)` turns the plan, that is, the resources the program actually registered,
into nodes, edges and nested clusters (resource group, subnet, availability set; the types are
in `plan/graph.py`). It is pure: no drawing library, no Graphviz. A part the program did not
register is not drawn (no public IP: no Internet edge), and a type the plan has no section for
still appears, as a plain node in its resource group.

`render_diagram(plan, path)` draws that graph by the file's suffix:

- `.svg`, `.png`: `diagrams` (mingrammer's diagram-as-code library, with Azure's icons), laid
  out by Graphviz's `dot`, which must be installed (`plan/diagram_graphviz.py`);
- `.mmd`, `.md`: a Mermaid flowchart, as text (`.md`: in a ```mermaid fence), which GitHub,
  GitLab and Azure DevOps draw in a page or pull request; it needs nothing installed
  (`plan/diagram_mermaid.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .graph import Architecture, Cluster, Edge, Kind, Node
from .model import (
    AvailabilitySet,
    DiagnosticSetting,
    LoadBalancer,
    NetworkSecurityGroup,
    Plan,
    ScaleSet,
    Subnet,
    VirtualMachine,
)
from .order import natural_key

GRAPHVIZ_SUFFIXES = (".svg", ".png")
MERMAID_SUFFIXES = (".mmd", ".md")
DIAGRAM_SUFFIXES = GRAPHVIZ_SUFFIXES + MERMAID_SUFFIXES

# Types drawn as a kind of their own among the resources the plan has no table for.
OTHER_KINDS: dict[str, Kind] = {
    "azure-native:monitor:DiagnosticSetting": "diagnostic_setting",
    "azure-native:monitor:MetricAlert": "metric_alert",
    "azure-native:monitor:ActionGroup": "action_group",
}
# Beyond this many VMs in one place, the picture shows the first and last ones and a
# "... N more" node: 200 VM icons would drown what the picture is for.
MAX_VMS_DRAWN = 6


def render_diagram(plan: Plan, path: Path) -> None:
    """Draw `plan` to `path`; the format follows the suffix (`.svg`, `.png`, `.mmd` or `.md`)."""
    suffix = path.suffix.lower()
    if suffix not in DIAGRAM_SUFFIXES:
        raise ValueError(f"{path}: a diagram is {', '.join(DIAGRAM_SUFFIXES[:-1])} or {DIAGRAM_SUFFIXES[-1]}")
    graph = architecture(plan)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix in MERMAID_SUFFIXES:
        from .diagram_mermaid import mermaid, mermaid_markdown

        path.write_text(mermaid_markdown(graph) if suffix == ".md" else mermaid(graph))
    else:
        from .diagram_graphviz import draw  # the diagrams library and Graphviz: only when asked

        path.write_bytes(draw(graph, suffix.lstrip(".")))


@dataclass(frozen=True)
class _PlacedSubnet:
    """A subnet, and the address space of the VNet that declares it inline (none when standalone)."""

    subnet: Subnet
    vnet_address_space: tuple[str, ...] = ()


def architecture(plan: Plan) -> Architecture:
    """The graph of the registered resources: nodes, edges, and the clusters that hold them."""
    ids = _Ids()
    edges: list[Edge] = []
    members: list[Node | Cluster] = []
    internet: Node | None = None
    if plan.public_ips or plan.nat_gateways:
        internet = Node(ids.new("internet"), "internet", "Internet")
        members.append(internet)

    groups = [r for r in plan.resources if r.type == "azure-native:resources:ResourceGroup"]
    group_name = groups[0].name if groups else ""
    group = Cluster(ids.new(f"rg_{group_name}"), f"Resource group {group_name}".strip())
    members.append(group)
    public_ips: dict[str, Node] = {}
    for pip in plan.public_ips:
        detail = ", ".join(x for x in (pip.sku, pip.allocation) if x)
        public_ips[pip.name] = _add_node(group, ids, "public_ip", pip.name, f"{pip.name}\n{detail}")
    load_balancers: dict[str, Node] = {}
    for lb in plan.load_balancers:
        load_balancers[lb.name] = _add_node(group, ids, "load_balancer", lb.name, _load_balancer_label(lb))
    accounts: dict[str, Node] = {}
    for account in plan.storage_accounts:
        label = f"{account.name}\n{account.sku}"
        accounts[account.name] = _add_node(group, ids, "storage_account", account.name, label)
    diagnostics: list[tuple[DiagnosticSetting, Node]] = []
    for other in plan.other_resources:
        short_type = other.type.rsplit(":", 1)[-1]
        kind = OTHER_KINDS.get(other.type, "resource")
        node = _add_node(group, ids, kind, other.name, f"{short_type}\n{other.name}", short_type.lower())
        if isinstance(other, DiagnosticSetting):
            diagnostics.append((other, node))
    nat_gateways = {
        g.name: _add_node(group, ids, "nat_gateway", g.name, f"NAT gateway\n{g.name}") for g in plan.nat_gateways
    }
    drawn_nsgs = {placed.subnet.network_security_group for placed in _all_subnets(plan)}
    for nsg in plan.network_security_groups:
        if nsg.name not in drawn_nsgs:  # on NICs, or on a subnet the stack does not create
            _add_node(group, ids, "network_security_group", nsg.name, _nsg_label(nsg))

    vm_nodes: dict[str, Node] = {}
    nat_ports = _nat_ports(plan)
    for placed, vms in _vms_by_subnet(plan):
        subnet = placed.subnet if placed else None
        subnet_cluster = Cluster(ids.new(f"subnet_{subnet.name if subnet else 'other'}"), _subnet_label(placed))
        group.members.append(subnet_cluster)
        subnet_nsg = _nsg(plan, subnet)
        if subnet_nsg is not None:
            _add_node(subnet_cluster, ids, "network_security_group", subnet_nsg.name, _nsg_label(subnet_nsg))
        for vmss in plan.scale_sets or ():
            if subnet is not None and (subnet.id or "").lower() in {i.lower() for i in vmss.subnet_ids}:
                vm_nodes[f"{vmss.name} (scale set)"] = _add_node(
                    subnet_cluster, ids, "scale_set", vmss.name, _scale_set_label(vmss, _nat_ranges(plan))
                )
        for avset, avset_vms in _by_availability_set(plan, vms):
            if avset is None:
                subnet_cluster.members += _vm_nodes(avset_vms, nat_ports, vm_nodes, ids)
                continue
            label = f"Availability set {avset.name}\n{avset.sku}, {avset.fault_domains} fault / "
            label += f"{avset.update_domains} update domains"
            avset_cluster = Cluster(ids.new(f"avset_{avset.name}"), label)
            avset_cluster.members += _vm_nodes(avset_vms, nat_ports, vm_nodes, ids)
            subnet_cluster.members.append(avset_cluster)
        gateway = nat_gateways.get(subnet.nat_gateway or "") if subnet else None
        if gateway is not None and internet is not None:
            edges.append(Edge(gateway.id, internet.id, "outbound"))

    for lb in plan.load_balancers:
        node = load_balancers[lb.name]
        for frontend in lb.frontends:
            address = public_ips.get(frontend.public_ip or "")
            if address is not None and internet is not None:
                edges.append(Edge(internet.id, address.id, _frontend_ports(lb)))
                edges.append(Edge(address.id, node.id, frontend.name or ""))
        lb_members = {m for pool in lb.backend_pools for m in pool.members}
        lb_members |= {r.vm for r in lb.nat_rules if r.vm}
        targets = [vm_nodes[m].id for m in sorted(lb_members, key=natural_key, reverse=True) if m in vm_nodes]
        edges += [Edge(node.id, target) for target in dict.fromkeys(targets)]  # once per drawn node
    for setting, node in diagnostics:
        # The load balancer's health events and metrics, to the diagnostics account (or a workspace).
        watched = load_balancers.get(setting.resource or "")
        if watched is not None:
            edges.append(Edge(watched.id, node.id, "health events, metrics", "dotted"))
        destination = accounts.get(setting.destination or "")
        if destination is not None:
            edges.append(Edge(node.id, destination.id, style="dotted"))
    storage_edges: dict[tuple[str, str], str] = {}
    for vmss in plan.scale_sets or ():
        drawn = vm_nodes.get(f"{vmss.name} (scale set)")
        if drawn is not None and vmss.boot_diagnostics_account in accounts:
            storage_edges[(drawn.id, accounts[vmss.boot_diagnostics_account].id)] = "boot diagnostics"
    for vm in reversed(plan.vms):
        used = {vm.boot_diagnostics_account, vm.os_disk_account}
        for account_name in sorted(a for a in used if a is not None):
            if vm.name in vm_nodes and account_name in accounts:
                label = "OS disk VHD" if account_name == vm.os_disk_account else "boot diagnostics"
                storage_edges[(vm_nodes[vm.name].id, accounts[account_name].id)] = label
    labelled: set[tuple[str, str]] = set()
    for (source, target), label in storage_edges.items():
        # One label per account and purpose: the rest of the edges say the same.
        edges.append(Edge(source, target, "" if (target, label) in labelled else label, "dashed"))
        labelled.add((target, label))

    title = f"Stack '{plan.stack}': what pulumi up builds (drawn by python -m plan)"
    return Architecture(title, members, edges)


def _add_node(cluster: Cluster, ids: _Ids, kind: Kind, name: str, label: str, prefix: str = "") -> Node:
    """A node of `kind` for the resource `name`, added to `cluster`; its id is the prefix (else the
    kind) and the name."""
    node = Node(ids.new(f"{prefix or kind}_{name}"), kind, label)
    cluster.members.append(node)
    return node


class _Ids:
    """Readable, unique node and cluster ids: letters, digits and underscores."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def new(self, name: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "node"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}_{n}"
        self.taken.add(candidate)
        return candidate


def _vm_nodes(
    vms: Sequence[VirtualMachine], nat_ports: dict[str, list[str]], drawn: dict[str, Node], ids: _Ids
) -> list[Node]:
    hidden: Sequence[VirtualMachine] = []
    if len(vms) > MAX_VMS_DRAWN:
        hidden = vms[MAX_VMS_DRAWN - 2 : -1]
        more = f"... {len(hidden)} more VMs\n{hidden[0].name} to {hidden[-1].name}"
        shown: list[VirtualMachine | str] = [*vms[: MAX_VMS_DRAWN - 2], more, vms[-1]]
    else:
        shown = list(vms)
    nodes: list[Node] = []
    for vm in reversed(shown):  # last first: see Architecture
        if isinstance(vm, str):
            node = Node(ids.new(f"vm_{hidden[0].name}_to_{hidden[-1].name}"), "hidden_vms", vm)
            drawn.update({h.name: node for h in hidden})  # the hidden VMs' edges all lead here
            nodes.append(node)
            continue
        lines = [vm.name, vm.size or ""]
        lines += [f"NAT {port}" for port in nat_ports.get(vm.name, [])]
        lines += [f"+ extension {name}" for name in vm.extensions]
        if vm.zones:
            lines.append("zone " + ", ".join(vm.zones))
        drawn[vm.name] = Node(ids.new(f"vm_{vm.name}"), "vm", "\n".join(x for x in lines if x))
        nodes.append(drawn[vm.name])
    return nodes


def _nat_ranges(plan: Plan) -> list[str]:
    """The NAT rules over a backend pool: `:50001-51000 -> 22`."""
    return [
        f":{rule.frontend_port_range} -> {rule.backend_port}"
        for lb in plan.load_balancers
        for rule in lb.nat_rules
        if rule.frontend_port_range
    ]


def _scale_set_label(vmss: ScaleSet, nat_ranges: list[str]) -> str:
    lines = [
        vmss.name,
        f"{vmss.orchestration_mode}, {vmss.capacity} x {vmss.size}",
        "zones " + ", ".join(vmss.zones) if vmss.zones else "regional",
        f"{vmss.upgrade_mode} upgrades" + (" with MaxSurge" if vmss.max_surge else ""),
    ]
    lines += [f"NAT {r} (Azure assigns each instance one)" for r in nat_ranges]
    if vmss.automatic_repairs_grace_period:
        lines.append("automatic repairs")
    if vmss.autoscale is not None:
        lines.append(f"autoscale {vmss.autoscale.minimum}-{vmss.autoscale.maximum}")
    return "\n".join(lines)


def _nat_ports(plan: Plan) -> dict[str, list[str]]:
    ports: dict[str, list[str]] = {}
    for lb in plan.load_balancers:
        for rule in lb.nat_rules:
            if rule.vm:
                ports.setdefault(rule.vm, []).append(f":{rule.frontend_port} -> {rule.backend_port}")
    return ports


def _load_balancer_label(lb: LoadBalancer) -> str:
    lines = [lb.name, f"{lb.sku}, {'public' if lb.public else 'internal'}"]
    lines += [f"{r.protocol} {r.frontend_port} -> {r.backend_port}" for r in lb.rules]
    lines += [f"probe {p.protocol} :{p.port}{p.path or ''}" for p in lb.probes]
    if lb.outbound_rules:
        lines.append("outbound rule (SNAT)")
    if lb.nat_rules:
        used = sum(1 for r in lb.nat_rules if r.vm)
        lines.append(
            f"{len(lb.nat_rules)} inbound NAT rules" + (f" ({used} in use)" if used < len(lb.nat_rules) else "")
        )
    return "\n".join(lines)


def _frontend_ports(lb: LoadBalancer) -> str:
    ports = [f"{r.protocol} {r.frontend_port}" for r in lb.rules]
    nat = [r.frontend_port for r in lb.nat_rules if r.frontend_port is not None]
    if nat:
        ports.append(f"NAT {min(nat)}-{max(nat)}" if len(nat) > 1 else f"NAT {nat[0]}")
    ports += [f"NAT {r.frontend_port_range}" for r in lb.nat_rules if r.frontend_port_range]
    return ", ".join(ports)


def _subnet_label(placed: _PlacedSubnet | None) -> str:
    if placed is None:
        return "Subnet (not registered by this stack)"
    subnet = placed.subnet
    vnet = f"VNet {subnet.virtual_network}" if subnet.virtual_network else ""
    vnet += f" {', '.join(placed.vnet_address_space)}" if placed.vnet_address_space else ""
    lines = [f"{vnet + ': ' if vnet else ''}subnet {subnet.name} {subnet.address_prefix}"]
    if subnet.default_outbound_access is False:
        lines.append("private (no default outbound access)")
    return "\n".join(lines)


def _nsg(plan: Plan, subnet: Subnet | None) -> NetworkSecurityGroup | None:
    if subnet is None:
        return None
    return next((n for n in plan.network_security_groups if n.name == subnet.network_security_group), None)


def _nsg_label(nsg: NetworkSecurityGroup) -> str:
    lines = [nsg.name]
    for rule in nsg.rules:
        if rule.direction == "Inbound":
            verb = "allow" if rule.access == "Allow" else "deny"
            lines.append(f"{rule.priority} {verb} {rule.source} -> {rule.destination_ports}")
    return "\n".join(lines)


def _all_subnets(plan: Plan) -> list[_PlacedSubnet]:
    inline = [_PlacedSubnet(s, vnet.address_space) for vnet in plan.networks for s in vnet.subnets]
    return inline + [_PlacedSubnet(s) for s in plan.subnets]


def _vms_by_subnet(plan: Plan) -> Iterator[tuple[_PlacedSubnet | None, list[VirtualMachine]]]:
    """Each subnet of the stack with the VMs whose first NIC is in it; VMs in a subnet the stack
    does not register (one of your own) come last, under None."""
    subnets = _all_subnets(plan)
    by_id = {(p.subnet.id or "").lower(): p for p in subnets if p.subnet.id}
    placed: dict[str, list[VirtualMachine]] = {}
    elsewhere: list[VirtualMachine] = []
    for vm in plan.vms:
        subnet_id = (vm.subnet_ids or ("",))[0].lower()
        if subnet_id in by_id:
            placed.setdefault(subnet_id, []).append(vm)
        else:
            elsewhere.append(vm)
    for p in subnets:
        yield p, placed.get((p.subnet.id or "").lower(), [])
    if elsewhere:
        yield None, elsewhere


def _by_availability_set(
    plan: Plan, vms: list[VirtualMachine]
) -> Iterator[tuple[AvailabilitySet | None, list[VirtualMachine]]]:
    sets = {a.name: a for a in plan.availability_sets}
    grouped: dict[str | None, list[VirtualMachine]] = {}
    for vm in vms:
        grouped.setdefault(vm.availability_set if vm.availability_set in sets else None, []).append(vm)
    for name, members in grouped.items():
        yield (sets[name] if name is not None else None), members
