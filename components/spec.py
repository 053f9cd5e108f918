"""The validated, normalised model of one load-balanced VM set.

`components.validation.validate` turns the loosely typed `LoadBalancedVmSetArgs` into these
frozen values; every later decision (names, ports, NSG rules) reads only them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parts are each declared where their arguments are read
    import pulumi

    from .validation.admin_access import AdminAccessSettings
    from .validation.compute import Compute
    from .validation.credentials import AdminCredentials
    from .validation.load_balancing import LoadBalancing
    from .validation.monitoring import Monitoring
    from .validation.network import Network
    from .validation.placement import PlacementSettings
    from .validation.rollout import Rollout
    from .validation.sources import Sources


class OsType(StrEnum):
    LINUX = "linux"
    WINDOWS = "windows"


class DiskStorage(StrEnum):
    MANAGED = "managed"
    VHD = "vhd"


class Outbound(StrEnum):
    """How the VMs reach the internet (a Standard load balancer gives them none by itself)."""

    LB_RULE = "lb_rule"
    """An outbound rule on the public load balancer's frontend."""
    NAT_GATEWAY = "nat_gateway"
    """A NAT gateway, with its own Standard public IP, on the component's subnet."""
    NONE = "none"
    """No outbound access (or, with a bring-your-own subnet, whatever the caller set up)."""


class VmPlacement(StrEnum):
    """How the VMs are spread: the article's availability set, or across availability zones."""

    AVAILABILITY_SET = "availability_set"
    ZONES = "zones"


class AdminAccess(StrEnum):
    """How administrators reach the VMs: per-VM NAT ports on the public IP, or Azure Bastion."""

    NAT_RULES = "nat_rules"
    BASTION = "bastion"


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


@dataclass(frozen=True)
class PatchSettings:
    """The VMs' guest patching, in Azure's spelling (see decisions/patching.py)."""

    patch_mode: str  # Linux: AutomaticByPlatform | ImageDefault; Windows: also AutomaticByOS | Manual
    assessment_mode: str  # AutomaticByPlatform | ImageDefault
    enable_automatic_updates: bool | None  # Windows only (None on Linux); fixed when the VM is created


@dataclass(frozen=True)
class BastionSubnet:
    """Where the Bastion host lives and the prefix the NSG admits the admin port from."""

    address_prefix: str
    subnet_id: str | pulumi.Output[str] | None
    """The caller's subnet (`bastion_subnet_id`), checked (validation/inputs.py, `checked_input`);
    None: the component creates `AzureBastionSubnet` in its own VNet."""

    @property
    def given(self) -> bool:
        return self.subnet_id is not None


# Defaults the arguments' declarations describe in words (components/args.py); a default of one
# literal is taken from the declaration itself.
DEFAULT_IMAGES = {
    OsType.LINUX: Image("Canonical", "ubuntu-24_04-lts", "server", "latest"),
    OsType.WINDOWS: Image("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition", "latest"),
}
AZURE_ZONES = ("1", "2", "3")  # Azure numbers a region's availability zones 1-3
# Azure-orchestrated patching (availability-first: never all VMs of a set or zone at once).
# learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching
DEFAULT_PATCH_SETTINGS = {
    OsType.LINUX: PatchSettings("AutomaticByPlatform", "AutomaticByPlatform", None),
    OsType.WINDOWS: PatchSettings("AutomaticByPlatform", "AutomaticByPlatform", True),
}


@dataclass(frozen=True)
class VmSetSpec:
    """Everything about a VM set that shapes the deployment, validated: its name and region, and one
    part per domain of the arguments, read by the module of components/validation of that name
    (`spec.compute` by compute.py). An argument that another resource may give (a subnet's ID, a
    password) is in its part as the builders take it, checked, an Output when it resolves."""

    name: str
    location: str | None
    """The region's programmatic name (westeurope); None: the resource group's (or an Output's)."""
    compute: Compute
    credentials: AdminCredentials
    network: Network
    placement: PlacementSettings
    patching: PatchSettings
    admin_access: AdminAccessSettings
    monitoring: Monitoring
    load_balancing: LoadBalancing
    sources: Sources
    rollout: Rollout
    warnings: tuple[str, ...]

    @property
    def uses_nat_rules(self) -> bool:
        """Per-VM inbound NAT rules exist only in the article's `nat_rules` admin access."""
        return self.admin_access.mode is AdminAccess.NAT_RULES

    @property
    def admin_rule_sources(self) -> tuple[str, ...]:
        """Who the NSG admits to the admin port: the whitelist, or only the Bastion subnet."""
        if self.admin_access.bastion is not None:
            return (self.admin_access.bastion.address_prefix,)
        return self.sources.admin_source_prefixes

    @property
    def network_security_group_on_nics(self) -> bool:
        """The NSG goes on the subnet the component creates, else on each VM's NIC."""
        return not self.network.creates_subnet

    @property
    def password_login_enabled(self) -> bool:
        """Linux allows password login only when no SSH key is given; Windows always uses it."""
        return self.compute.os_type is OsType.WINDOWS or not self.credentials.has_ssh_public_key
