"""The architecture picture, drawn with `diagrams` (mingrammer's diagram-as-code library, with
Azure's icons; it lays out with Graphviz's `dot`).

It draws the plan dict, that is, the resources the program actually registered: a part the
program did not register is not drawn (no public IP: no Internet edge), and a type the plan
has no section for still appears, as a plain node in its resource group.
"""

from __future__ import annotations

import base64
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from diagrams import Cluster, Diagram, Edge, Node
from diagrams.azure.compute import VM
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

from .report import natural_key

# Types drawn with an icon of their own among the resources the plan has no table for.
OTHER_ICONS: dict[str, type[Node]] = {
    "azure-native:monitor:DiagnosticSetting": DiagnosticsSettings,
    "azure-native:monitor:MetricAlert": Metrics,
    "azure-native:monitor:ActionGroup": Monitor,
}
# Beyond this many VMs in one place, the picture shows the first and last ones and a
# "... N more" node: 200 VM icons would drown what the picture is for.
MAX_VMS_DRAWN = 6
GRAPH_ATTR = {"fontsize": "20", "pad": "0.4", "nodesep": "0.5", "ranksep": "1.1", "splines": "spline"}
CLUSTER_ATTR = {"fontsize": "13", "labeljust": "l", "margin": "16"}
NODE_ATTR = {"fontsize": "12"}


def render_diagram(plan: dict[str, Any], path: Path) -> None:
    """Draw `plan` to `path`; the format follows the extension (`.svg` or `.png`)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        raise ValueError(f"{path}: a diagram is .svg or .png")
    with tempfile.TemporaryDirectory() as work:
        base = Path(work) / "diagram"
        title = f"Stack '{plan['stack']}': what pulumi up builds (drawn by python -m plan)"
        with Diagram(
            title,
            filename=str(base),
            outformat=fmt,
            show=False,
            direction="LR",
            graph_attr=GRAPH_ATTR,
            node_attr=NODE_ATTR,
        ):
            _draw(plan)
        produced = base.with_suffix(f".{fmt}")
        if fmt == "svg":
            produced.write_text(_self_contained_svg(produced.read_text()))
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), path)


def _draw(plan: dict[str, Any]) -> None:
    public_ips: dict[str, Node] = {}
    load_balancers: dict[str, Node] = {}
    vm_nodes: dict[str, Node] = {}
    accounts: dict[str, Node] = {}
    nat_ports = _nat_ports(plan)
    internet = Internet("Internet") if plan["public_ips"] or plan["nat_gateways"] else None

    groups = [r for r in plan["resources"] if r["type"] == "azure-native:resources:ResourceGroup"]
    with Cluster(f"Resource group {groups[0]['name']}" if groups else "Resource group", graph_attr=CLUSTER_ATTR):
        for pip in plan["public_ips"]:
            detail = ", ".join(x for x in (pip["sku"], pip["allocation"]) if x)
            public_ips[pip["name"]] = PublicIpAddresses(f"{pip['name']}\n{detail}")
        for lb in plan["load_balancers"]:
            load_balancers[lb["name"]] = LoadBalancers(_load_balancer_label(lb))
        for account in plan["storage_accounts"]:
            accounts[account["name"]] = StorageAccounts(f"{account['name']}\n{account['sku']}")
        diagnostics: list[tuple[dict[str, Any], Node]] = []
        for other in plan["other_resources"]:
            icon = OTHER_ICONS.get(other["type"], Blank)
            node = icon(f"{other['type'].rsplit(':', 1)[-1]}\n{other['name']}")
            if "destination" in other:
                diagnostics.append((other, node))
        nat_gateways = {g["name"]: RouteFilters(f"NAT gateway\n{g['name']}") for g in plan["nat_gateways"]}
        drawn_nsgs = {s["network_security_group"] for s in _all_subnets(plan)}
        for nsg in plan["network_security_groups"]:
            if nsg["name"] not in drawn_nsgs:  # on NICs, or on a subnet the stack does not create
                NetworkSecurityGroupsClassic(_nsg_label(nsg))
        for subnet, vms in _vms_by_subnet(plan):
            with Cluster(_subnet_label(subnet), graph_attr=CLUSTER_ATTR):
                nsg = _nsg(plan, subnet)
                if nsg is not None:
                    NetworkSecurityGroupsClassic(_nsg_label(nsg))
                for avset, members in _by_availability_set(plan, vms):
                    if avset is None:
                        _draw_vms(members, nat_ports, vm_nodes)
                        continue
                    label = f"Availability set {avset['name']}\n{avset['sku']}, {avset['fault_domains']} fault / "
                    label += f"{avset['update_domains']} update domains"
                    with Cluster(label, graph_attr=CLUSTER_ATTR):
                        _draw_vms(members, nat_ports, vm_nodes)
            if subnet and subnet.get("nat_gateway") in nat_gateways and internet is not None:
                nat_gateways[subnet["nat_gateway"]] >> Edge(label="outbound") >> internet

    for lb in plan["load_balancers"]:
        node = load_balancers[lb["name"]]
        for frontend in lb["frontends"]:
            pip = public_ips.get(frontend["public_ip"] or "")
            if pip is not None and internet is not None:
                internet >> Edge(label=_frontend_ports(lb)) >> pip >> Edge(label=frontend["name"]) >> node
        lb_members = {m for pool in lb["backend_pools"] for m in pool["members"]}
        lb_members |= {r["vm"] for r in lb["nat_rules"] if r["vm"]}
        targets = [vm_nodes[m] for m in sorted(lb_members, key=natural_key, reverse=True) if m in vm_nodes]
        for target in dict.fromkeys(targets):  # once per drawn node
            node >> target
    for setting, node in diagnostics:
        # The load balancer's health events and metrics, to the diagnostics account (or a workspace).
        watched = load_balancers.get(setting["resource"] or "")
        if watched is not None:
            watched >> Edge(style="dotted", label="health events, metrics") >> node
        destination = accounts.get(setting["destination"] or "")
        if destination is not None:
            node >> Edge(style="dotted") >> destination
    storage_edges: dict[tuple[Node, Node], str] = {}
    for vm in reversed(plan["vms"]):
        for account in {vm["boot_diagnostics_account"], vm["os_disk_account"]} - {None}:
            if vm["name"] in vm_nodes and account in accounts:
                label = "OS disk VHD" if account == vm["os_disk_account"] else "boot diagnostics"
                storage_edges[(vm_nodes[vm["name"]], accounts[account])] = label
    labelled: set[tuple[Node, str]] = set()
    for (source, target), label in storage_edges.items():
        # One label per account and purpose: the rest of the edges say the same.
        source >> Edge(style="dashed", label="" if (target, label) in labelled else label) >> target
        labelled.add((target, label))


def _draw_vms(vms: list[dict[str, Any]], nat_ports: dict[str, list[str]], drawn: dict[str, Node]) -> None:
    hidden: list[dict[str, Any]] = []
    if len(vms) > MAX_VMS_DRAWN:
        hidden = vms[MAX_VMS_DRAWN - 2 : -1]
        more = f"... {len(hidden)} more VMs\n{hidden[0]['name']} to {hidden[-1]['name']}"
        shown: list[dict[str, Any] | str] = [*vms[: MAX_VMS_DRAWN - 2], more, vms[-1]]
    else:
        shown = list(vms)
    # Graphviz stacks a left-to-right rank's nodes bottom up: declare them last first.
    for vm in reversed(shown):
        if isinstance(vm, str):
            more = VM(vm)  # stands for the hidden VMs: their edges all lead here
            drawn.update({h["name"]: more for h in hidden})
            continue
        lines = [vm["name"], vm["size"] or ""]
        lines += [f"NAT {port}" for port in nat_ports.get(vm["name"], [])]
        lines += [f"+ extension {name}" for name in vm["extensions"]]
        if vm["zones"]:
            lines.append("zone " + ", ".join(vm["zones"]))
        drawn[vm["name"]] = VM("\n".join(x for x in lines if x))


def _nat_ports(plan: dict[str, Any]) -> dict[str, list[str]]:
    ports: dict[str, list[str]] = {}
    for lb in plan["load_balancers"]:
        for rule in lb["nat_rules"]:
            if rule["vm"]:
                ports.setdefault(rule["vm"], []).append(f":{rule['frontend_port']} -> {rule['backend_port']}")
    return ports


def _load_balancer_label(lb: dict[str, Any]) -> str:
    lines = [lb["name"], f"{lb['sku']}, {'public' if lb['public'] else 'internal'}"]
    lines += [f"{r['protocol']} {r['frontend_port']} -> {r['backend_port']}" for r in lb["rules"]]
    lines += [f"probe {p['protocol']} :{p['port']}{p['path'] or ''}" for p in lb["probes"]]
    if lb["outbound_rules"]:
        lines.append("outbound rule (SNAT)")
    if lb["nat_rules"]:
        lines.append(f"{len(lb['nat_rules'])} inbound NAT rules")
    return "\n".join(lines)


def _frontend_ports(lb: dict[str, Any]) -> str:
    ports = [f"{r['protocol']} {r['frontend_port']}" for r in lb["rules"]]
    nat = [r["frontend_port"] for r in lb["nat_rules"]]
    if nat:
        ports.append(f"NAT {min(nat)}-{max(nat)}" if len(nat) > 1 else f"NAT {nat[0]}")
    return ", ".join(ports)


def _subnet_label(subnet: dict[str, Any] | None) -> str:
    if subnet is None:
        return "Subnet (not registered by this stack)"
    vnet = f"VNet {subnet['virtual_network']}" if subnet.get("virtual_network") else ""
    vnet += f" {', '.join(subnet['vnet_address_space'])}" if subnet.get("vnet_address_space") else ""
    lines = [f"{vnet + ': ' if vnet else ''}subnet {subnet['name']} {subnet['address_prefix']}"]
    if subnet.get("default_outbound_access") is False:
        lines.append("private (no default outbound access)")
    return "\n".join(lines)


def _nsg(plan: dict[str, Any], subnet: dict[str, Any] | None) -> dict[str, Any] | None:
    if subnet is None:
        return None
    return next((n for n in plan["network_security_groups"] if n["name"] == subnet["network_security_group"]), None)


def _nsg_label(nsg: dict[str, Any]) -> str:
    lines = [nsg["name"]]
    for rule in nsg["rules"]:
        if rule["direction"] == "Inbound":
            verb = "allow" if rule["access"] == "Allow" else "deny"
            lines.append(f"{rule['priority']} {verb} {rule['source']} -> {rule['destination_ports']}")
    return "\n".join(lines)


def _all_subnets(plan: dict[str, Any]) -> list[dict[str, Any]]:
    inline = [{**s, "vnet_address_space": vnet["address_space"]} for vnet in plan["networks"] for s in vnet["subnets"]]
    return inline + list(plan["subnets"])


def _vms_by_subnet(plan: dict[str, Any]) -> Iterator[tuple[dict[str, Any] | None, list[dict[str, Any]]]]:
    """Each subnet of the stack with the VMs whose first NIC is in it; VMs in a subnet the stack
    does not register (one of your own) come last, under None."""
    subnets = _all_subnets(plan)
    by_id = {(s["id"] or "").lower(): s for s in subnets if s["id"]}
    placed: dict[str, list[dict[str, Any]]] = {}
    elsewhere: list[dict[str, Any]] = []
    for vm in plan["vms"]:
        subnet_id = (vm["subnet_ids"] or [""])[0].lower()
        if subnet_id in by_id:
            placed.setdefault(subnet_id, []).append(vm)
        else:
            elsewhere.append(vm)
    for subnet in subnets:
        key = (subnet["id"] or "").lower()
        yield subnet, placed.get(key, [])
    if elsewhere:
        yield None, elsewhere


def _by_availability_set(
    plan: dict[str, Any], vms: list[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any] | None, list[dict[str, Any]]]]:
    sets = {a["name"]: a for a in plan["availability_sets"]}
    grouped: dict[str | None, list[dict[str, Any]]] = {}
    for vm in vms:
        grouped.setdefault(vm["availability_set"] if vm["availability_set"] in sets else None, []).append(vm)
    for name, members in grouped.items():
        yield (sets[name] if name is not None else None), members


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
