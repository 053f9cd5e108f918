"""Port decisions: NAT numbering, the admin port of each OS, and the inbound NAT rules the
load balancer holds inline.

The 2016 architecture gives VM 1 frontend port 50001, VM 2 50002, and so on, each
forwarded to the VM's SSH or RDP port. Numbering depends only on the VM's index,
so scaling out or in never re-ports a VM that stays. Inline, the load balancer holds a fixed
number of rules (`nat_rule_capacity`), rule i on port start + i, named as VM i's rule: the rule
list does not follow `vm_count`, so a scale never writes the load balancer, and a scale-in never
drops a rule before the NIC that uses it is gone (Pulumi deletes only after its creates and
updates).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..spec import OsType, VmSetSpec
from .naming import ResourceNames

DEFAULT_ADMIN_PORTS = {OsType.LINUX: 22, OsType.WINDOWS: 3389}
MAX_FRONTEND_PORT = 65534  # a load balancer frontend port is 1-65534
MAX_BACKEND_PORT = 65535


@dataclass(frozen=True)
class NatMapping:
    """One inbound NAT rule: `frontend_port` on the public IP -> `backend_port` on VM `vm_index`."""

    vm_index: int
    frontend_port: int
    backend_port: int


def nat_frontend_port(start: int, vm_index: int) -> int:
    """Frontend port of VM `vm_index` (0-based): the first VM gets `start`."""
    return start + vm_index


def nat_port_range(start: int, vm_count: int) -> range:
    """All NAT frontend ports a set of `vm_count` VMs uses."""
    return range(start, nat_frontend_port(start, vm_count - 1) + 1)


def nat_table(start: int, vm_count: int, admin_port: int) -> tuple[NatMapping, ...]:
    return tuple(NatMapping(i, nat_frontend_port(start, i), admin_port) for i in range(vm_count))


@dataclass(frozen=True)
class InboundNatRuleSpec:
    """One inbound NAT rule (V1, for a single VM) written inline on the load balancer: `frontend_port`
    on its frontend -> `backend_port` on the one NIC that uses the rule."""

    name: str
    frontend_port: int
    backend_port: int
    protocol: str = "Tcp"
    idle_timeout_in_minutes: int = 4
    enable_tcp_reset: bool = True
    enable_floating_ip: bool = False


def nat_rules(spec: VmSetSpec, names: ResourceNames, count: int) -> tuple[InboundNatRuleSpec, ...]:
    """The first `count` VMs' rules: rule i named as VM i's and on its port."""
    balancing = spec.load_balancing
    table = nat_table(balancing.nat_frontend_port_start, count, balancing.admin_port)
    return tuple(
        InboundNatRuleSpec(names.inbound_nat_rule(m.vm_index, spec.compute.os_type), m.frontend_port, m.backend_port)
        for m in table
    )


def inline_nat_rules(spec: VmSetSpec, names: ResourceNames) -> tuple[InboundNatRuleSpec, ...]:
    """The VMs' rules on the load balancer: `nat_rule_capacity` of them, whether VM i exists yet or
    not; none with standalone rules or Azure Bastion."""
    return nat_rules(spec, names, spec.load_balancing.nat_rule_capacity)
