"""Port decisions: NAT numbering and the admin port of each OS.

The 2016 architecture gives VM 1 frontend port 50001, VM 2 50002, and so on, each
forwarded to the VM's SSH or RDP port. Numbering depends only on the VM's index,
so scaling out or in never re-ports a VM that stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..spec import OsType

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
