"""The component's input types.

`TypedDict`s with a docstring under every field, typed `pulumi.Input[...]` where a
value may come from another resource and plainly where the shape of the deployment
depends on it, following Pulumi's component-provider conventions.
"""

from collections.abc import Mapping, Sequence
from typing import NotRequired, Required, TypedDict

import pulumi


class LbRuleArgs(TypedDict, total=False):
    """One load-balancing rule. `(frontend_port, backend_port, protocol)` tuples are accepted too."""

    frontend_port: Required[int]
    """Port on the public IP, 1-65534."""
    backend_port: Required[int]
    """Port on each VM that receives the traffic, 1-65535."""
    protocol: NotRequired[str]
    """`Tcp` (default) or `Udp`."""


class ProbeArgs(TypedDict, total=False):
    """The load balancer's health probe."""

    protocol: NotRequired[str]
    """`Http` (default), `Https` or `Tcp`. HTTP(S) probes need a 200 answer."""
    port: NotRequired[int]
    """Port probed on each VM; default 80."""
    path: NotRequired[str]
    """Request path for HTTP(S) probes, starting with `/`; default `/`. Not allowed for TCP. Alias: `request_path`."""
    interval_in_seconds: NotRequired[int]
    """Seconds between probes, at least 5 (Azure's minimum); default 5. Alias: `interval_seconds`."""


class ImageArgs(TypedDict, total=False):
    """A marketplace image. A `publisher:offer:sku:version` URN string is accepted too."""

    publisher: Required[str]
    """Image publisher, e.g. `Canonical`."""
    offer: Required[str]
    """Image offer, e.g. `ubuntu-24_04-lts`."""
    sku: Required[str]
    """Image SKU, e.g. `server`."""
    version: NotRequired[str]
    """Image version; default `latest`."""


class LoadBalancedVmSetArgs(TypedDict, total=False):
    """Arguments of `LoadBalancedVmSet`. Only `resource_group_name` is required."""

    resource_group_name: Required[pulumi.Input[str]]
    """Resource group that holds every resource of the set."""
    location: NotRequired[pulumi.Input[str]]
    """Azure region; default: the resource group's location."""
    vm_count: NotRequired[int]
    """Number of VMs, 2-200 (the SLA needs two; an availability set holds at most 200). Default 2."""
    vm_size: NotRequired[str]
    """VM size; default `Standard_D2s_v5` (general purpose, 2 vCPU, 8 GiB, in nearly every region)."""
    os_type: NotRequired[str]
    """`linux` (default) or `windows`."""
    image: NotRequired[ImageArgs]
    """Marketplace image; default Ubuntu 24.04 LTS (Linux) or Windows Server 2022 Azure Edition.
    A `publisher:offer:sku:version` URN string is accepted too."""
    admin_username: NotRequired[str]
    """Administrator user name; default `azureuser`. Azure's reserved names are refused."""
    ssh_public_key: NotRequired[pulumi.Input[str]]
    """OpenSSH public key (ssh-rsa of 2048+ bits, or ssh-ed25519) for Linux; password login is then disabled."""
    admin_password: NotRequired[pulumi.Input[str]]
    """Administrator password: required for Windows, optional for Linux without a key. Kept secret."""
    public: NotRequired[bool]
    """True (default): a Standard public IP in front of the load balancer. False: an internal load
    balancer whose frontend is a private IP in the subnet (an inner tier of an N-tier application)."""
    frontend_private_ip: NotRequired[str]
    """Internal load balancer only: pin its frontend to this address of the subnet; default dynamic."""
    subnet_id: NotRequired[pulumi.Input[str]]
    """Bring your own network: ARM ID of an existing subnet for the VMs (and an internal frontend).
    No VNet or subnet is created, and the NSG goes on the VMs' NICs instead of the subnet."""
    network_security_group_id: NotRequired[pulumi.Input[str]]
    """ARM ID of an existing NSG to use instead of creating one; nothing is added to it.
    It goes where the component's NSG would: on its subnet, or on the NICs with `subnet_id`."""
    outbound: NotRequired[str]
    """How the VMs reach the internet: `lb_rule` (default when public; an outbound rule on the public
    IP), `nat_gateway` (a NAT gateway with its own public IP on the component's subnet) or `none`
    (default when internal; with `subnet_id`, the caller owns outbound)."""
    vnet_address_space: NotRequired[Sequence[str]]
    """VNet address space, a list of CIDRs (one CIDR string is accepted too); default `10.0.0.0/16`.
    Not with `subnet_id`."""
    subnet_address_prefix: NotRequired[str]
    """Subnet CIDR inside the VNet; default `10.0.0.0/24`. With `subnet_id`: that subnet's prefix,
    optional, used for the NSG rules and to check `frontend_private_ip` (then required)."""
    lb_rules: NotRequired[Sequence[LbRuleArgs]]
    """Load-balancing rules; default one rule TCP 80 -> 80."""
    probe: NotRequired[ProbeArgs]
    """Health probe; default HTTP GET `/` on port 80 every 5 seconds."""
    nat_frontend_port_start: NotRequired[int]
    """Frontend port of the first VM's inbound NAT rule; VM i (0-based) gets start + i. Default 50001."""
    admin_port: NotRequired[int]
    """Port the NAT rules forward to: default 22 on Linux (SSH), 3389 on Windows (RDP)."""
    admin_source_prefixes: NotRequired[Sequence[str]]
    """CIDRs, IPs or service tags allowed to reach the admin port; default none (closed)."""
    app_source_prefixes: NotRequired[Sequence[str]]
    """CIDRs, IPs or service tags allowed to reach the load-balanced ports; default `Internet`, or
    `VirtualNetwork` for an internal load balancer."""
    disk_storage: NotRequired[str]
    """`managed` (default): managed OS disks. `vhd`: the 2016 layout, one storage account of VHDs per VM."""
    fault_domain_count: NotRequired[int]
    """Availability set fault domains, 2 (default, every region) or 3 (some regions). Fixed at creation."""
    update_domain_count: NotRequired[int]
    """Availability set update domains, 1-20; default 5. Fixed at creation."""
    dns_label: NotRequired[str]
    """DNS label of the public IP (`<label>.<region>.cloudapp.azure.com`); default none. Public only."""
    custom_data: NotRequired[pulumi.Input[str]]
    """cloud-init or script text for every VM; default on Linux: nginx serving a page naming the VM."""
    tags: NotRequired[pulumi.Input[Mapping[str, pulumi.Input[str]]]]
    """Tags applied to every resource of the set."""
    # Production operations: placement, patching, admin access, monitoring.
    placement: NotRequired[str]
    """`availability_set` (default, the article's design; 99.95% VM SLA) or `zones` (VMs spread over
    availability zones, no availability set, zone-redundant public IP; 99.99% VM SLA). Needs managed disks."""
    zones: NotRequired[Sequence[str]]
    """Zones for `placement="zones"`, from "1"-"3" (numbers are accepted too); default all three. VM i goes to
    zones[i % len(zones)]."""
    patch_mode: NotRequired[str]
    """Guest patching: `AutomaticByPlatform` (default where the image supports it: Azure patches the set
    update domain by update domain, zone by zone). Opt out: `ImageDefault` (Linux), `AutomaticByOS` or
    `Manual` (Windows)."""
    admin_access: NotRequired[str]
    """`nat_rules` (default, the article's per-VM NAT ports 50001+) or `bastion` (an Azure Bastion host,
    no NAT rules, the admin port open only from the Bastion subnet)."""
    bastion_subnet_id: NotRequired[pulumi.Input[str]]
    """ARM ID of an `AzureBastionSubnet` to put the Bastion host in (a hub's, say; one from another
    resource is checked when it resolves); default: one created in the component's VNet. Required with
    admin_access `bastion` and a bring-your-own `subnet_id`."""
    bastion_subnet_address_prefix: NotRequired[str]
    """CIDR of the Bastion subnet, /26 or larger: the only source the NSG admits to the admin port. Default
    for a created subnet: the first free /26 of the VNet (10.0.1.0/26); required with bastion_subnet_id."""
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    """ARM ID of a Log Analytics workspace for the load balancer's health events and metrics; default:
    the shared diagnostics storage account."""
    alert_email: NotRequired[str]
    """E-mail address for metric alerts on health-probe status and data-path availability; default none."""


ARGUMENT_NAMES: tuple[str, ...] = tuple(LoadBalancedVmSetArgs.__annotations__)
