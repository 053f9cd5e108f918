"""The plan as text for a terminal: the resource tree as `pulumi preview` lists it, then one
table per section. Pure: it returns the text."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from .figures import DeploymentFigures
from .model import LoadBalancer, NetworkSecurityGroup, Plan, Resource, ScaleSet
from .redaction import SECRET

# The resources a plan shows that are not Azure resources, and the VMs' readiness gates: one line each,
# under the tree, for the types the plan holds (components/orchestrations/vms/extensions.py builds the last two).
EXPLAINED = {
    "azure-multi-vm:index:LoadBalancedVmSet": "the component, a group in the tree; nothing in Azure",
    "pulumi:index:Stash": "a batch's barrier, Pulumi's own resource with nothing in Azure: it stands once every "
    "readiness gate of its batch has passed, and the next batch waits for it",
    "azure-native:compute:VirtualMachineRunCommandByVirtualMachine": "a VM's readiness gate: a run command that ends "
    "once the VM answers its own health probe (900 s at most)",
}
# The critical path's line, wrapped after an arrow at this width.
WRAP_AT = 100


def explained(types: Iterable[str], indent: str = "  ") -> list[str]:
    """One line for each of `types` that `EXPLAINED` explains, in its order."""
    present = set(types)
    return [f"{indent}{kind.rsplit(':', 1)[-1]}: {text}" for kind, text in EXPLAINED.items() if kind in present]


def render_text(plan: Plan) -> str:
    sections = [
        _summary(plan),
        _config_warnings(plan),
        _config(plan),
        _tree(plan),
        _counts(plan),
        *(_load_balancer(lb) for lb in plan.load_balancers),
        *(_scale_set(vmss) for vmss in plan.scale_sets or ()),
        *(_nsg(nsg) for nsg in plan.network_security_groups),
        _outputs(plan),
        _figures(plan),
        _policy(plan),
        _notes(plan),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def duration(seconds: float) -> str:
    """`2 min 01 s`, `45 s`, `1 h 05 min`."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], indent: str = "  ") -> str:
    cells = [[str(h) for h in headers], *[["" if c is None else str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(indent + line for line in lines)


def _summary(plan: Plan) -> str:
    creates = sum(plan.counts.values()) + 1  # and the stack itself
    return (
        f"Offline plan of stack '{plan.stack}' (no Azure account used; the program ran under ARM-like mocks)\n"
        f"{creates} resources to create, {plan.figures.write_operations} of them Azure resources (one ARM write each)."
    )


def _config_warnings(plan: Plan) -> str:
    return "\n".join(f"warning: {w}" for w in plan.config_warnings)


def _config(plan: Plan) -> str:
    rows = [[key, value if len(value) <= 70 else value[:67] + "..."] for key, value in plan.config.items()]
    return "Config\n" + table(["Key", "Value"], rows)


def _tree(plan: Plan) -> str:
    children: dict[str, list[Resource]] = {}
    for resource in plan.resources:
        children.setdefault(resource.parent, []).append(resource)
    stack_name = plan.stack_urn.rsplit("::", 1)[-1]
    parents = {r.urn: r.parent for r in plan.resources}
    width = max([len("pulumi:pulumi:Stack"), *(len(r.type) + 3 * _depth(r, parents) for r in plan.resources)])
    lines = ["Resources (as `pulumi preview` lists them)", f"     {'Type'.ljust(width + 3)}Name"]
    lines.append(f" +   {'pulumi:pulumi:Stack'.ljust(width + 3)}{stack_name}")

    def walk(urn: str, prefix: str) -> None:
        kids = children.get(urn, [])
        for i, resource in enumerate(kids):
            last = i == len(kids) - 1
            label = f"{prefix}{'└─ ' if last else '├─ '}{resource.type}"
            lines.append(f" +   {label.ljust(width + 3)}{resource.name}")
            walk(resource.urn, prefix + ("   " if last else "│  "))

    walk(plan.stack_urn, "")
    return "\n".join(lines + explained(r.type for r in plan.resources))


def _depth(resource: Resource, parents: dict[str, str]) -> int:
    depth, parent = 1, resource.parent
    while parent in parents:
        depth, parent = depth + 1, parents[parent]
    return depth


def _counts(plan: Plan) -> str:
    rows = sorted(plan.counts.items(), key=lambda item: (-item[1], item[0]))
    return "Count by type\n" + table(["Type", "Count"], rows)


def _load_balancer(lb: LoadBalancer) -> str:
    frontends = ", ".join(
        f"{f.name} -> public IP {f.public_ip}"
        if f.public_ip
        else f"{f.name} -> private IP {f.private_ip or '(dynamic)'} in subnet {f.subnet}"
        for f in lb.frontends
    )
    pools = ", ".join(f"{p.name} ({len(p.members)} members)" for p in lb.backend_pools)
    parts = [
        f"Load balancer {lb.name} ({lb.sku}, {'public' if lb.public else 'internal'})",
        f"  Frontends: {frontends}",
        f"  Backend pools: {pools}",
        "  Load-balancing rules",
        table(
            ["Rule", "Protocol", "Frontend port", "Backend port", "Probe"],
            [[r.name, r.protocol, r.frontend_port, r.backend_port, r.probe] for r in lb.rules],
            "    ",
        ),
        "  Health probes",
        table(
            ["Probe", "Protocol", "Port", "Path", "Interval"],
            [[p.name, p.protocol, p.port, p.path or "", f"{p.interval_seconds} s"] for p in lb.probes],
            "    ",
        ),
    ]
    if lb.outbound_rules:
        parts += [
            "  Outbound rules",
            table(
                ["Rule", "Protocol", "Backend pool", "Ports per VM"],
                [
                    [r.name, r.protocol, r.backend_pool, r.allocated_outbound_ports or "Azure's default"]
                    for r in lb.outbound_rules
                ],
                "    ",
            ),
        ]
    if lb.nat_rules:
        used = [r for r in lb.nat_rules if r.vm or r.backend_pool]  # a VM's rule, or a scale set's over its pool
        parts += [
            "  Inbound NAT rules",
            table(
                ["VM", "Frontend port", "Backend port", "Protocol", "Rule"],
                [
                    [
                        r.vm or (f"members of {r.backend_pool}" if r.backend_pool else None),
                        r.frontend_port or r.frontend_port_range,
                        r.backend_port,
                        r.protocol,
                        r.name,
                    ]
                    for r in used
                ],
                "    ",
            ),
        ]
        unused = [r.frontend_port for r in lb.nat_rules if not r.vm and r.frontend_port is not None]
        if unused:
            parts.append(
                f"    and {len(unused)} rules no NIC uses yet, for more VMs (frontend ports"
                f" {min(unused)}-{max(unused)}): scaling out uses them without writing the load balancer"
            )
    return "\n".join(parts)


def _scale_set(vmss: ScaleSet) -> str:
    spreading = "max spreading" if vmss.fault_domain_count == 1 else f"{vmss.fault_domain_count} fault domains"
    where = f"zones {', '.join(vmss.zones)}" if vmss.zones else "regional (no zones)"
    capacity = f"{vmss.capacity} x {vmss.size}"
    if vmss.capacity_ignored:
        capacity += " (starting capacity: `pulumi up` leaves the capacity to autoscale)"
    upgrade = f"{vmss.upgrade_mode}"
    if vmss.upgrade_mode == "Rolling":
        upgrade += f", batches of {vmss.max_batch_instance_percent}%, MaxSurge {'on' if vmss.max_surge else 'off'}"
    lines = [
        f"Scale set {vmss.name} ({vmss.orchestration_mode} orchestration, {vmss.os}, {vmss.security_type})",
        f"  Capacity: {capacity}",
        f"  Spread: {where}, {spreading}",
        f"  Upgrade policy: {upgrade}",
        "  Automatic repairs: "
        + (f"on, grace period {vmss.automatic_repairs_grace_period}" if vmss.automatic_repairs_grace_period else "off"),
        f"  Extensions: {', '.join(vmss.extensions) or 'none'}",
    ]
    if vmss.autoscale is not None:
        a = vmss.autoscale
        lines.append(f"  Autoscale: {a.minimum}-{a.maximum} instances (default {a.default})")
        lines += [f"    {rule}" for rule in a.rules]
    return "\n".join(lines)


def _nsg(nsg: NetworkSecurityGroup) -> str:
    attached = ", ".join(nsg.attached_to) or "nothing"
    return f"Network security group {nsg.name} (on {attached})\n" + table(
        ["Priority", "Name", "Direction", "Access", "Protocol", "Source", "Destination ports"],
        [[r.priority, r.name, r.direction, r.access, r.protocol, r.source, r.destination_ports] for r in nsg.rules],
    )


def _outputs(plan: Plan) -> str:
    rows = []
    for name, output in plan.outputs.items():
        if output.secret:
            shown = SECRET
        elif output.known_before_deployment:
            shown = _compact(output.value)
        else:
            shown = f"(known after deployment; under the mocks: {_compact(output.mock_value)})"
        rows.append([name, shown])
    return "Stack outputs\n" + table(["Output", "Value"], rows)


def _compact(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 90 else text[:87] + "..."


def _figures(plan: Plan) -> str:
    figures = plan.figures
    steps = [f"{step.type.rsplit(':', 1)[-1]} {step.name} ({duration(step.seconds)})" for step in figures.critical_path]
    path = wrapped("  Critical path: ", [*steps[:-1], f"{steps[-1]} = {duration(figures.critical_path_seconds)}"])
    lb_writes = figures.load_balancer_writes
    children = lb_writes - len(plan.load_balancers)
    rules = "its inbound NAT rule" if children == 1 else f"{children} inbound NAT rules one after another"
    serialised = f": the load balancer, then {rules}, as Azure takes one write at a time" if children > 0 else ""
    return "\n".join(
        [
            "Deployment figures (typical creation times per type: see docs/plan.md, 'Deployment figures')",
            f"  Azure write operations: {figures.write_operations} ({lb_writes} on a load balancer{serialised})",
            f"  Longest dependency chain: {figures.longest_chain} resources",
            path,
            f"  Estimated `pulumi up`: {duration(figures.estimated_up_seconds)}"
            " (resources created in parallel as soon as what they depend on exists; ARM write throttle included)",
            _batches(figures) if plan.vms or not plan.scale_sets else _scale_set_instances(plan),
            f"  One after another, as the 2016 CLI script did: {duration(figures.sequential_seconds)}",
        ]
    )


def wrapped(head: str, steps: Sequence[str], width: int = WRAP_AT) -> str:
    """`head` and `steps` joined by " -> ", broken after an arrow before a line passes `width`; the
    lines after the first indented under the first step."""
    lines, line = [], head + steps[0]
    for step in steps[1:]:
        if len(line) + len(" -> ") + len(step) > width:
            lines.append(line + " ->")
            line = " " * len(head) + step
        else:
            line += " -> " + step
    return "\n".join([*lines, line])


def _batches(figures: DeploymentFigures) -> str:
    if figures.vm_batches <= 1:
        return "  VMs: created all at once (maxUnavailable = vmCount)"
    return (
        f"  VMs: created in {figures.vm_batches} batches, each after the one before answers its health probe, as"
        f" every later change rolls; all at once (maxUnavailable = vmCount): {duration(figures.all_at_once_seconds)}"
    )


def _scale_set_instances(plan: Plan) -> str:
    count = sum(s.capacity or 0 for s in plan.scale_sets or ())
    return f"  Instances: {count}, created in parallel by their scale set's one PUT"


def _policy(plan: Plan) -> str:
    policy = plan.policy
    if policy is None:
        return ""
    found = [
        *((f.level, f) for f in policy.mandatory),
        *((f.level, f) for f in policy.advisory),
        *((f"undecided ({f.level})", f) for f in policy.undecided),
    ]
    lines = [
        f"Policy pack {policy.pack} (run offline over the resources as `pulumi up` creates them)",
        f"  {policy.policies} policies: {len(policy.mandatory)} mandatory violations, "
        f"{len(policy.advisory)} advisory, {len(policy.undecided)} undecided",
    ]
    if found:
        rows = [[level, f.policy, f.urn.rsplit("::", 1)[-1] or "(the stack)", f.message] for level, f in found]
        lines.append(table(["Level", "Policy", "Resource", "Message"], rows))
    return "\n".join(lines)


def _notes(plan: Plan) -> str:
    lines = [f"  warning: {w}" for w in plan.warnings] + [f"  note: {n}" for n in plan.notes]
    return "Warnings and notes\n" + "\n".join(lines) if lines else ""
