"""The model: every frozen type of a validated load-balanced VM set, with its defaults.

`components.validation.validate` turns the loosely typed `LoadBalancedVmSetArgs` into a
`VmSetSpec` (the last type below), one part per domain of the arguments; every later decision
(names, ports, NSG rules) and every builder reads only it. This module imports nothing else of
`components`: validation, decisions and builders all stand on it.

A default that is one literal is declared on the argument itself (components/args.py,
``Default: `2`.``) and taken from there by validation; the defaults below are values of the
model's own types, which the declarations describe in words.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import pulumi

# --- choices --------------------------------------------------------------------------------------


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


class Orchestration(StrEnum):
    """What runs the machines: the article's individual VMs, or one scale set in Flexible orchestration."""

    VMS = "vms"
    SCALE_SET = "scale_set"


class AdminAccess(StrEnum):
    """How administrators reach the VMs: per-VM NAT ports on the public IP, or Azure Bastion."""

    NAT_RULES = "nat_rules"
    BASTION = "bastion"


# --- the machines: image, credentials, patching, placement, rollout --------------------------------


@dataclass(frozen=True)
class Image:
    publisher: str
    offer: str
    sku: str
    version: str


DEFAULT_IMAGES = {
    OsType.LINUX: Image("Canonical", "ubuntu-24_04-lts", "server", "latest"),
    OsType.WINDOWS: Image("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition", "latest"),
}
"""The image of each OS when `image` is not given (validation/compute.py applies it)."""


@dataclass(frozen=True)
class Compute:
    """The VMs themselves: how many, their size, OS and image, their disks, their custom data."""

    vm_count: int
    vm_size: str
    os_type: OsType
    disk_storage: DiskStorage
    image: Image
    """The `image` argument, or `DEFAULT_IMAGES[os_type]`."""
    trusted_launch: bool
    """Secure boot and vTPM (security type TrustedLaunch), set when a VM is created."""
    custom_data: pulumi.Input[str] | None = field(repr=False)  # up to 64 KiB: not in a printed spec
    """The caller's custom data as given (plain text checked); None: the default."""

    @property
    def has_custom_data(self) -> bool:
        return self.custom_data is not None


@dataclass(frozen=True)
class AdminCredentials:
    admin_username: str
    ssh_public_key: pulumi.Input[str] | None
    """As given (a plain key checked); None without one, or on Windows, which ignores it."""
    admin_password: pulumi.Input[str] | None = field(repr=False)  # never shown by a printed spec
    """Checked (`checked_input`); None without one, or on Linux with a key, which turns password login off."""

    @property
    def has_ssh_public_key(self) -> bool:
        return self.ssh_public_key is not None

    @property
    def has_admin_password(self) -> bool:
        return self.admin_password is not None


@dataclass(frozen=True)
class PatchSettings:
    """The VMs' guest patching, in Azure's spelling (see decisions/patching.py)."""

    patch_mode: str  # Linux: AutomaticByPlatform | ImageDefault; Windows: also AutomaticByOS | Manual
    assessment_mode: str  # AutomaticByPlatform | ImageDefault
    enable_automatic_updates: bool | None  # Windows only (None on Linux); fixed when the VM is created


# Azure-orchestrated patching (availability-first: never all VMs of a set or zone at once), where
# the image supports it (validation/patching.py).
# learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching
DEFAULT_PATCH_SETTINGS = {
    OsType.LINUX: PatchSettings("AutomaticByPlatform", "AutomaticByPlatform", None),
    OsType.WINDOWS: PatchSettings("AutomaticByPlatform", "AutomaticByPlatform", True),
}

AZURE_ZONES = ("1", "2", "3")  # Azure numbers a region's availability zones 1-3


@dataclass(frozen=True)
class PlacementSettings:
    mode: VmPlacement
    """The `placement` argument; always `zones` for a scale set, which has no availability set."""
    zones: tuple[str, ...]
    """Zones the VMs are spread over (placement `zones`; default: all of `AZURE_ZONES`); VM i goes to
    zones[i % len(zones)]. A scale set spreads its instances over them itself; empty only for a scale
    set in a region without zones (regional)."""
    fault_domain_count: int
    """The availability set's fault domains; 1 for a scale set (max spreading)."""
    update_domain_count: int
    """The availability set's update domains; 1 for a scale set, which has none to set."""


@dataclass(frozen=True)
class Autoscale:
    """An Azure Monitor autoscale setting on the scale set: between `min_count` and `max_count`
    instances, one more when the average CPU is above `scale_out_cpu_percent`, one fewer below
    `scale_in_cpu_percent` (decisions/scale_set.py)."""

    min_count: int
    max_count: int
    scale_out_cpu_percent: int
    scale_in_cpu_percent: int


@dataclass(frozen=True)
class ScaleSetSettings:
    """What only a scale set has (orchestration `scale_set`)."""

    max_surge: bool
    """Rolling upgrades create the new instances before they delete old ones."""
    batch_percent: int
    """A rolling upgrade's batch, as a percentage of the instances (decisions/scale_set.py)."""
    autoscale: Autoscale | None
    """None: the capacity is `vm_count`, and only `pulumi up` changes it."""


@dataclass(frozen=True)
class OrchestrationSettings:
    mode: Orchestration
    """The `orchestration` argument."""
    scale_set: ScaleSetSettings | None
    """Set with orchestration `scale_set`."""


@dataclass(frozen=True)
class RolloutSettings:
    max_unavailable: int
    """At most this many VMs change at a time (default: half the set, decisions/rollout.py)."""
    readiness_rerun: int = 0
    """A count that every readiness gate carries: raising it makes every gate probe again."""


# --- the network and who may reach it ---------------------------------------------------------------


@dataclass(frozen=True)
class Network:
    public: bool
    """True: a public IP in front of the load balancer. False: an internal load balancer."""
    subnet_id: pulumi.Input[str] | None
    """The caller's subnet, checked (`checked_input`); None: the component creates a VNet and subnet."""
    network_security_group_id: pulumi.Input[str] | None
    """The caller's NSG, checked (`checked_input`); None: the component creates one."""
    vnet_address_space: tuple[str, ...]
    """Empty with a bring-your-own subnet."""
    subnet_address_prefix: str | None
    """None with a bring-your-own subnet whose prefix was not given."""
    outbound: Outbound
    frontend_private_ip: str | None
    """The internal frontend's static address; None for a public or dynamic frontend."""
    dns_label: str | None

    @property
    def creates_subnet(self) -> bool:
        """False when the caller brought a subnet (`subnet_id`): no VNet or subnet is created."""
        return self.subnet_id is None

    @property
    def creates_network_security_group(self) -> bool:
        """False when the caller brought an NSG (`network_security_group_id`): none is created."""
        return self.network_security_group_id is None

    @property
    def vnet_networks(self) -> tuple[ipaddress.IPv4Network, ...]:
        """The VNet's address space; empty with a bring-your-own subnet."""
        return tuple(ipaddress.IPv4Network(space) for space in self.vnet_address_space)

    @property
    def subnet_network(self) -> ipaddress.IPv4Network | None:
        return None if self.subnet_address_prefix is None else ipaddress.IPv4Network(self.subnet_address_prefix)


DEFAULT_APP_SOURCE_PREFIXES = ("Internet",)
# An internal load balancer is reached from the VNet (and peered VNets), whose traffic
# carries the VirtualNetwork service tag, never Internet.
DEFAULT_INTERNAL_APP_SOURCE_PREFIXES = ("VirtualNetwork",)


@dataclass(frozen=True)
class Sources:
    admin_source_prefixes: tuple[str, ...]
    """Default: none (the admin port is closed)."""
    app_source_prefixes: tuple[str, ...]
    """Default: `DEFAULT_APP_SOURCE_PREFIXES`, or `DEFAULT_INTERNAL_APP_SOURCE_PREFIXES` when internal."""


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


@dataclass(frozen=True)
class AdminAccessSettings:
    mode: AdminAccess
    """The `admin_access` argument."""
    bastion: BastionSubnet | None
    """Set when admin_access is `bastion`."""


# --- the load balancer and its health probe ----------------------------------------------------------


@dataclass(frozen=True)
class LbRule:
    """A load-balancing rule: traffic to `frontend_port` goes to `backend_port` on a healthy VM."""

    frontend_port: int
    backend_port: int
    protocol: str  # Azure's spelling: "Tcp" or "Udp"


DEFAULT_LB_RULES = (LbRule(frontend_port=80, backend_port=80, protocol="Tcp"),)

# The health probe decides which VMs serve. One probe, read by:
# - the load balancer's probe, which every load-balancing rule uses (resources/load_balancer.py);
# - the NSG rule that admits it from AzureLoadBalancer (decisions/security_rules.py);
# - each VM's readiness gate, which asks the VM what the load balancer asks (decisions/rollout.py).
# Its defaults are declared on `ProbeArgs` (components/args.py) and read by validation/load_balancing.py,
# which also takes Azure's and common alternative key names.
# learn.microsoft.com/azure/load-balancer/load-balancer-custom-probe-overview
PROBE_PROTOCOLS = {"http": "Http", "https": "Https", "tcp": "Tcp"}  # Azure's spelling, by lower case
MIN_PROBE_INTERVAL_SECONDS = 5


@dataclass(frozen=True)
class Probe:
    """The health probe that takes failed VMs out of rotation (who reads it: the comment above)."""

    protocol: str  # Azure's spelling: "Http", "Https" or "Tcp"
    port: int
    path: str | None  # required for Http(s), absent for Tcp
    interval_in_seconds: int


def probe_description(probe: Probe) -> str:
    """`HTTP GET :80/`, `TCP :22`: the probe as messages name it."""
    if probe.protocol == "Tcp":
        return f"TCP :{probe.port}"
    return f"{probe.protocol.upper()} GET :{probe.port}{probe.path or '/'}"


@dataclass(frozen=True)
class LoadBalancing:
    lb_rules: tuple[LbRule, ...]
    """Default: `DEFAULT_LB_RULES`."""
    probe: Probe
    nat_frontend_port_start: int
    admin_port: int
    """Default: by OS (decisions/ports.py, `DEFAULT_ADMIN_PORTS`)."""
    nat_rule_capacity: int
    """Inbound NAT rules inline on the load balancer, at least one per VM; 0: one standalone rule
    per VM instead. 0 too with Azure Bastion, which has no NAT rules."""

    @property
    def inline_nat_rules(self) -> bool:
        return self.nat_rule_capacity > 0


# --- monitoring --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Monitoring:
    log_analytics_workspace_id: pulumi.Input[str] | None
    """Checked (`checked_input`); None: the diagnostics go to the diagnostics storage account."""
    alert_email: str | None


# --- the whole set -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VmSetSpec:
    """Everything about a VM set that shapes the deployment, validated: its name, where it goes, and
    one part per domain of the arguments, read by the module of components/validation of that name
    (`spec.compute` by compute.py). An argument that another resource may give (a subnet's ID, a
    password) is in its part as the builders take it, checked, an Output when it resolves."""

    name: str
    resource_group_name: pulumi.Input[str] | None
    """None only when validated for a stack that creates the resource group itself."""
    location: str | None
    """The region's programmatic name (westeurope); None: the resource group's (or an Output's)."""
    location_input: pulumi.Input[str] | None
    """What the resources are given as their location: `location`, or the Output the caller gave
    (checked by Azure); None: the resource group's."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None
    """Applied to every resource of the set; plain ones checked."""
    compute: Compute
    credentials: AdminCredentials
    network: Network
    placement: PlacementSettings
    patching: PatchSettings
    admin_access: AdminAccessSettings
    monitoring: Monitoring
    load_balancing: LoadBalancing
    sources: Sources
    rollout: RolloutSettings
    orchestration: OrchestrationSettings
    warnings: tuple[str, ...]

    @property
    def scale_set(self) -> ScaleSetSettings | None:
        """The scale set's own settings with orchestration `scale_set`; None for individual VMs."""
        return self.orchestration.scale_set

    @property
    def uses_nat_rules(self) -> bool:
        """Inbound NAT rules (per VM, or the scale set's one over its pool) exist only in the article's
        `nat_rules` admin access."""
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
