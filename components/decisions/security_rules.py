"""The NSG's inbound rules, decided from the spec.

A Standard load balancer is closed to inbound traffic unless an NSG allows it, and
load-balancer rules cannot filter sources, so the NSG (on the subnet, or on each NIC in
a bring-your-own subnet) does the whitelisting:
- the load-balanced backend ports from `app_source_prefixes`;
- the admin port (target of the per-VM NAT rules) only from `admin_source_prefixes`, or
  with Azure Bastion only from the Bastion subnet;
- the health probe from `AzureLoadBalancer` (168.63.129.16), which must never be blocked;
- everything else inbound denied.
NSGs see the VM's own (backend) port after the load balancer's translation, so rules
name backend ports. Service tags such as `Internet` are only valid as a rule's single
source prefix, never in a list, so each source gets a rule of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..spec import VmSetSpec

PROBE_RULE_PRIORITY = 100
APP_RULE_PRIORITY_START = 200
ADMIN_RULE_PRIORITY_START = 1000
DENY_ALL_PRIORITY = 4096  # the lowest priority a custom rule can have
# The NSG sits on the VMs' subnet or on each NIC, so "*" already means the VMs. Restating the
# subnet's prefix would tie the NSG to it: a prefix change would update the NSG first, and Azure
# then refuses the subnet's change (InUsePrefixCannotBeDeleted), leaving an NSG that no longer
# matches the VMs.
THE_VMS = "*"


@dataclass(frozen=True)
class SecurityRule:
    name: str
    priority: int
    access: str  # "Allow" | "Deny"
    protocol: str  # "Tcp" | "Udp" | "*"
    source_address_prefix: str
    destination_address_prefix: str
    destination_port_ranges: tuple[str, ...]
    description: str


def inbound_security_rules(spec: VmSetSpec) -> tuple[SecurityRule, ...]:
    rules = [
        SecurityRule(
            name="allow-azure-load-balancer-probe",
            priority=PROBE_RULE_PRIORITY,
            access="Allow",
            protocol="Tcp",
            source_address_prefix="AzureLoadBalancer",
            destination_address_prefix=THE_VMS,
            destination_port_ranges=(str(spec.load_balancing.probe.port),),
            description="Health probes come from 168.63.129.16; blocking them takes every VM out of rotation.",
        )
    ]
    priority = APP_RULE_PRIORITY_START
    for protocol in ("Tcp", "Udp"):
        ports = sorted({r.backend_port for r in spec.load_balancing.lb_rules if r.protocol == protocol})
        if not ports:
            continue
        for i, source in enumerate(spec.sources.app_source_prefixes):
            rules.append(
                SecurityRule(
                    name=f"allow-app-{protocol.lower()}-{i + 1}",
                    priority=priority,
                    access="Allow",
                    protocol=protocol,
                    source_address_prefix=source,
                    destination_address_prefix=THE_VMS,
                    destination_port_ranges=tuple(str(p) for p in ports),
                    description=f"Load-balanced {protocol} traffic from {source}.",
                )
            )
            priority += 1
    # With Azure Bastion, only the Bastion subnet reaches the admin port (never the NAT sources).
    admin_route = "the per-VM NAT ports" if spec.admin_access.bastion is None else "Azure Bastion"
    for i, source in enumerate(spec.admin_rule_sources):
        rules.append(
            SecurityRule(
                name=f"allow-admin-{i + 1}" if spec.admin_access.bastion is None else "allow-admin-from-bastion",
                priority=ADMIN_RULE_PRIORITY_START + i,
                access="Allow",
                protocol="Tcp",
                source_address_prefix=source,
                destination_address_prefix=THE_VMS,
                destination_port_ranges=(str(spec.load_balancing.admin_port),),
                description=f"Admin access through {admin_route} from {source}.",
            )
        )
    rules.append(
        SecurityRule(
            name="deny-all-inbound",
            priority=DENY_ALL_PRIORITY,
            access="Deny",
            protocol="*",
            source_address_prefix="*",
            destination_address_prefix="*",
            destination_port_ranges=("*",),
            description="Nothing else reaches the VMs.",
        )
    )
    return tuple(rules)
