"""The validated, normalised model of one load-balanced VM set.

`validation.validate` turns the loosely typed `LoadBalancedVmSetArgs` into these
frozen values; every later decision (names, ports, NSG rules) reads only them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class OsType(StrEnum):
    LINUX = "linux"
    WINDOWS = "windows"


class DiskStorage(StrEnum):
    MANAGED = "managed"
    VHD = "vhd"


@dataclass(frozen=True)
class LbRule:
    """A load-balancing rule: traffic to `frontend_port` goes to `backend_port` on a healthy VM."""

    frontend_port: int
    backend_port: int
    protocol: str  # Azure's spelling: "Tcp" or "Udp"


@dataclass(frozen=True)
class Probe:
    """The health probe that takes failed VMs out of rotation."""

    protocol: str  # Azure's spelling: "Http", "Https" or "Tcp"
    port: int
    path: str | None  # required for Http(s), absent for Tcp
    interval_in_seconds: int


@dataclass(frozen=True)
class Image:
    publisher: str
    offer: str
    sku: str
    version: str


# Defaults, each documented in README.md ("Component arguments").
DEFAULT_VM_COUNT = 2
MIN_VM_COUNT = 2  # the availability-set SLA needs at least two VMs
MAX_VM_COUNT = 200  # an availability set holds at most 200 VMs
# Dsv5: current general-purpose size (2 vCPU, 8 GiB), available in nearly every region,
# Gen2 and premium-SSD capable.
DEFAULT_VM_SIZE = "Standard_D2s_v5"
DEFAULT_ADMIN_USERNAME = "azureuser"
DEFAULT_IMAGES = {
    OsType.LINUX: Image("Canonical", "ubuntu-24_04-lts", "server", "latest"),
    OsType.WINDOWS: Image("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition", "latest"),
}
DEFAULT_VNET_ADDRESS_SPACE = "10.0.0.0/16"
DEFAULT_SUBNET_ADDRESS_PREFIX = "10.0.0.0/24"
DEFAULT_LB_RULES = (LbRule(frontend_port=80, backend_port=80, protocol="Tcp"),)
DEFAULT_PROBE = Probe(protocol="Http", port=80, path="/", interval_in_seconds=5)
DEFAULT_APP_SOURCE_PREFIXES = ("Internet",)
DEFAULT_FAULT_DOMAIN_COUNT = 2  # 2 exists in every region; 3 only in some
DEFAULT_UPDATE_DOMAIN_COUNT = 5


@dataclass(frozen=True)
class VmSetSpec:
    """Everything about a VM set that shapes the deployment, validated."""

    name: str
    vm_count: int
    vm_size: str
    os_type: OsType
    image: Image
    admin_username: str
    has_ssh_public_key: bool
    has_admin_password: bool
    vnet_address_space: tuple[str, ...]
    subnet_address_prefix: str
    lb_rules: tuple[LbRule, ...]
    probe: Probe
    nat_frontend_port_start: int
    admin_port: int
    admin_source_prefixes: tuple[str, ...]
    app_source_prefixes: tuple[str, ...]
    disk_storage: DiskStorage
    fault_domain_count: int
    update_domain_count: int
    dns_label: str | None
    has_custom_data: bool
    warnings: tuple[str, ...] = field(default=())

    @property
    def password_login_enabled(self) -> bool:
        """Linux allows password login only when no SSH key is given; Windows always uses it."""
        return self.os_type is OsType.WINDOWS or not self.has_ssh_public_key
