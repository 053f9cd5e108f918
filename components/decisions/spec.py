"""The validated, normalised model of one load-balanced VM set.

`components.validation.validate` turns the loosely typed `LoadBalancedVmSetArgs` into these
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
    given: bool
    """True: the caller's subnet (`bastion_subnet_id`); False: the component creates
    `AzureBastionSubnet` in its own VNet."""


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
    """Everything about a VM set that shapes the deployment, validated."""

    name: str
    vm_count: int
    vm_size: str
    os_type: OsType
    image: Image
    admin_username: str
    has_ssh_public_key: bool
    has_admin_password: bool
    public: bool
    """True: a public IP in front of the load balancer. False: an internal load balancer."""
    frontend_private_ip: str | None
    """The internal frontend's static address; None for a public or dynamic frontend."""
    outbound: Outbound
    creates_subnet: bool
    """False when the caller brought a subnet (`subnet_id`): no VNet or subnet is created."""
    creates_network_security_group: bool
    """False when the caller brought an NSG (`network_security_group_id`): none is created."""
    vnet_address_space: tuple[str, ...]
    """Empty with a bring-your-own subnet."""
    subnet_address_prefix: str | None
    """None with a bring-your-own subnet whose prefix was not given."""
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
    # Placement, patching, admin access and monitoring.
    placement: VmPlacement = VmPlacement.AVAILABILITY_SET
    zones: tuple[str, ...] = ()
    """Zones the VMs are spread over (placement `zones`); VM i goes to zones[i % len(zones)]."""
    patching: PatchSettings = field(default_factory=lambda: DEFAULT_PATCH_SETTINGS[OsType.LINUX])
    admin_access: AdminAccess = AdminAccess.NAT_RULES
    bastion: BastionSubnet | None = None
    """Set when admin_access is `bastion`."""
    log_analytics_workspace_id: str | None = None
    alert_email: str | None = None
    location: str | None = None
    """The region's programmatic name (westeurope); None: the resource group's (or an Output's)."""
    max_unavailable: int = 1
    """At most this many VMs change at a time (see decisions/rollout.py)."""
    trusted_launch: bool = True
    """Secure boot and vTPM (security type TrustedLaunch), set when a VM is created."""

    @property
    def uses_nat_rules(self) -> bool:
        """Per-VM inbound NAT rules exist only in the article's `nat_rules` admin access."""
        return self.admin_access is AdminAccess.NAT_RULES

    @property
    def admin_rule_sources(self) -> tuple[str, ...]:
        """Who the NSG admits to the admin port: the whitelist, or only the Bastion subnet."""
        if self.bastion is not None:
            return (self.bastion.address_prefix,)
        return self.admin_source_prefixes

    @property
    def network_security_group_on_nics(self) -> bool:
        """The NSG goes on the subnet the component creates, else on each VM's NIC."""
        return not self.creates_subnet

    @property
    def password_login_enabled(self) -> bool:
        """Linux allows password login only when no SSH key is given; Windows always uses it."""
        return self.os_type is OsType.WINDOWS or not self.has_ssh_public_key
