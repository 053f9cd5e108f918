"""The component's input types.

`TypedDict`s with a docstring under every field, typed `pulumi.Input[...]` where a
value may come from another resource and plainly where the shape of the deployment
depends on it, following Pulumi's component-provider conventions.

Each field is the one declaration of its argument. Its docstring, ending with `Default: ...` (or
`Required.`), is the argument's description: Pulumi's analyser reads it into the package schema and
docs/generate_reference.py into docs/reference.md. A default written as one literal
(``Default: `2`.``) is the value the validation takes (components/declarations.py). The stack's
config key is the name in camelCase, its text read as the type says (stack/config.py), but for the
exceptions declared below the arguments. Each argument is read by one module of
components/validation, into its part of the validated spec.
"""

from collections.abc import Mapping, Sequence
from typing import NotRequired, Required, TypedDict

import pulumi


class LbRuleArgs(TypedDict, total=False):
    """One load-balancing rule. `(frontend_port, backend_port, protocol)` tuples are accepted too."""

    frontend_port: Required[int]
    """Port on the load balancer's frontend, 1-65534. Required."""
    backend_port: Required[int]
    """Port on each VM that receives the traffic, 1-65535. Required."""
    protocol: NotRequired[str]
    """`Tcp` or `Udp`. Default: `Tcp`."""


class ProbeArgs(TypedDict, total=False):
    """The load balancer's health probe."""

    protocol: NotRequired[str]
    """`Http`, `Https` or `Tcp`. HTTP(S) probes need a 200 answer. Default: `Http`."""
    port: NotRequired[int]
    """Port probed on each VM. Default: `80`."""
    path: NotRequired[str]
    """Request path for HTTP(S) probes, starting with `/`; not allowed for TCP. Alias: `request_path`. Default: `/`."""
    interval_in_seconds: NotRequired[int]
    """Seconds between probes, at least 5 (Azure's minimum). Alias: `interval_seconds`. Default: `5`."""


class ImageArgs(TypedDict, total=False):
    """A marketplace image. A `publisher:offer:sku:version` URN string is accepted too."""

    publisher: Required[str]
    """Image publisher, e.g. `Canonical`. Required."""
    offer: Required[str]
    """Image offer, e.g. `ubuntu-24_04-lts`. Required."""
    sku: Required[str]
    """Image SKU, e.g. `server`. Required."""
    version: NotRequired[str]
    """Image version. Default: `latest`."""


class AutoscaleArgs(TypedDict, total=False):
    """An Azure Monitor autoscale setting on the scale set, on its average `Percentage CPU`."""

    min_count: Required[int]
    """Fewest instances, 2-1000 (the SLA needs two). Required."""
    max_count: Required[int]
    """Most instances, `min_count`-1000. Required."""
    scale_out_cpu_percent: NotRequired[int]
    """Add one instance when the average CPU over 5 minutes is above this, 2-100 and above
    `scale_in_cpu_percent`. Default: `70`."""
    scale_in_cpu_percent: NotRequired[int]
    """Remove one instance when the average CPU over 5 minutes is below this, 1-99. Default: `30`."""


class LoadBalancedVmSetArgs(TypedDict, total=False):
    """Arguments of `LoadBalancedVmSet`. Only `resource_group_name` is required."""

    resource_group_name: Required[pulumi.Input[str]]
    """Resource group that holds every resource of the set. Required."""
    location: NotRequired[pulumi.Input[str]]
    """Azure region, one of Azure's region names (case and spaces ignored: `West Europe` is sent as
    `westeurope`); an unknown name is refused. Default: the resource group's location."""
    vm_count: NotRequired[int]
    """Number of VMs, 2-200 (the SLA needs two; an availability set holds at most 200); with
    orchestration `scale_set`, the scale set's capacity, 2-1000 (a Flexible scale set holds at most
    1,000), and with `autoscale` its starting capacity only. Default: `2`."""
    # Dsv5: a current general-purpose size, in nearly every region, generation 2 and premium-SSD capable.
    vm_size: NotRequired[str]
    """VM size, one of Azure's current `Standard_` sizes (retired and unknown ones are refused, `Basic_` sizes
    cannot be load balanced; an Arm64 size needs an Arm64 image); the default is general purpose, 2 vCPU, 8 GiB,
    in nearly every region. Default: `Standard_D2s_v5`."""
    os_type: NotRequired[str]
    """`linux` or `windows`. Default: `linux`."""
    image: NotRequired[ImageArgs]
    """Marketplace image; a `publisher:offer:sku:version` URN string is accepted too. Of the OS `os_type`
    says, and generation 2 with Trusted Launch.
    Default: Ubuntu 24.04 LTS (Linux), Windows Server 2022 Azure Edition (Windows)."""
    admin_username: NotRequired[str]
    """Administrator user name; Azure's reserved names (admin, root, ...) are refused. Default: `azureuser`."""
    ssh_public_key: NotRequired[pulumi.Input[str]]
    """OpenSSH public key (ssh-rsa of 2048+ bits, or ssh-ed25519) for Linux; password login is then disabled.
    Default: none."""
    admin_password: NotRequired[pulumi.Input[str]]
    """Administrator password: required for Windows (12-123 characters), optional for Linux without a key
    (6-72); 3 of lower case, upper case, digit, symbol. Kept secret. Default: none."""
    public: NotRequired[bool]
    """True: a Standard public IP in front of the load balancer. False: an internal load balancer whose
    frontend is a private IP in the subnet (an inner tier of an N-tier application). Default: `True`."""
    frontend_private_ip: NotRequired[str]
    """Internal load balancer only: pin its frontend to this address of the subnet (not one of Azure's 5
    reserved). Default: dynamic."""
    subnet_id: NotRequired[pulumi.Input[str]]
    """Bring your own network: ARM ID of an existing subnet for the VMs (and an internal frontend).
    No VNet or subnet is created, and the NSG goes on the VMs' NICs instead of the subnet.
    Default: none (the component's own VNet)."""
    network_security_group_id: NotRequired[pulumi.Input[str]]
    """ARM ID of an existing NSG to use instead of creating one; nothing is added to it.
    It goes where the component's NSG would: on its subnet, or on the NICs with `subnet_id`.
    Default: none (the component's own NSG)."""
    outbound: NotRequired[str]
    """How the VMs reach the internet: `lb_rule` (an outbound rule on the public IP), `nat_gateway` (a NAT
    gateway with its own public IP on the component's subnet) or `none` (with `subnet_id`, the caller owns
    outbound). Default: `lb_rule` when public, `none` when internal."""
    vnet_address_space: NotRequired[Sequence[str]]
    """VNet address space, a list of CIDRs (one CIDR string is accepted too), clear of the ranges Azure
    reserves (224.0.0.0/4, 255.255.255.255/32, 127.0.0.0/8, 169.254.0.0/16, 168.63.129.16/32). Not with
    `subnet_id`. Default: `10.0.0.0/16`."""
    subnet_address_prefix: NotRequired[str]
    """Subnet CIDR inside the VNet, with room for the VMs and Azure's 5 reserved addresses. With
    `subnet_id`: that subnet's prefix, used for the NSG rules and to check `frontend_private_ip` (then
    required). A scale set too large for the default (with a MaxSurge batch) gets instead the smallest
    block at the same address that holds it, inside the VNet (`10.0.0.0/21` for 1,000 instances).
    Default: `10.0.0.0/24`."""
    lb_rules: NotRequired[Sequence[LbRuleArgs]]
    """Load-balancing rules; `(frontend_port, backend_port, protocol)` tuples are accepted too.
    Default: one rule, TCP 80 -> 80."""
    probe: NotRequired[ProbeArgs]
    """Health probe; without `custom_data`, on port 80 over HTTP or TCP, where the default server answers.
    Default: HTTP GET `/` on port 80 every 5 seconds."""
    nat_frontend_port_start: NotRequired[int]
    """Frontend port of the first VM's inbound NAT rule; VM i (0-based) gets start + i. With orchestration
    `scale_set`: the start of the scale set's NAT port range (start to start + 999), of which Azure gives each
    instance one port. Default: `50001`."""
    # The most VMs an availability set holds: no vm_count ever needs the load balancer changed.
    nat_rule_capacity: NotRequired[int]
    """Inbound NAT rules the load balancer holds, inline, all written in its one write: rule i forwards
    `nat_frontend_port_start + i` to the admin port and VM i's NIC uses it; the rules beyond `vm_count` wait
    unused (NAT rules are not billed), so scaling never changes the load balancer. From `vm_count` to 1,500 less
    the `lb_rules` (Azure's rules per load balancer), or `0`: one standalone rule per VM instead, written one
    after another (Azure takes one write at a time on a load balancer). Only with orchestration `vms`.
    Default: `200`."""
    admin_port: NotRequired[int]
    """Port the NAT rules forward to. Default: `22` on Linux (SSH), `3389` on Windows (RDP)."""
    admin_source_prefixes: NotRequired[Sequence[str]]
    """CIDRs, IPs or service tags allowed to reach the admin port; `*`, `Internet`, `Any` and `0.0.0.0/0`
    are refused. Default: none (closed)."""
    app_source_prefixes: NotRequired[Sequence[str]]
    """CIDRs, IPs or service tags allowed to reach the load-balanced ports. A service tag, here or in
    `admin_source_prefixes`, must be one Azure publishes (`AzureFrontDoor.Backend`; `Storage.WestEurope`
    for the tags Azure scopes by region). Default: `Internet`; `VirtualNetwork` for an internal load balancer."""
    disk_storage: NotRequired[str]
    """`managed`: managed OS disks. `vhd`: the 2016 layout, one storage account of VHDs per VM (refused by
    public Azure today). Default: `managed`."""
    trusted_launch: NotRequired[bool]
    """Trusted Launch: secure boot and vTPM on every VM (security type `TrustedLaunch`), which needs a
    generation 2 size and image (the defaults are); `false` opts out. Set when the VMs are created: Azure
    changes it only on a deallocated VM. Default: `true` (`false` with `disk_storage="vhd"`)."""
    fault_domain_count: NotRequired[int]
    """Availability set fault domains, 2 (every region) or 3 (the regions that offer 3; more than the region
    offers is refused). Fixed at creation. Default: `2`."""
    update_domain_count: NotRequired[int]
    """Availability set update domains, 1-20. Fixed at creation. Default: `5`."""
    dns_label: NotRequired[str]
    """DNS label of the public IP (`<label>.<region>.cloudapp.azure.com`). Public only. Default: none."""
    custom_data: NotRequired[pulumi.Input[str]]
    """cloud-init (Linux) or a file for your own extension (Windows), for every VM.
    Default: on Linux, nginx serving a page naming the VM; on Windows, IIS through an extension."""
    tags: NotRequired[pulumi.Input[Mapping[str, pulumi.Input[str]]]]
    """Tags applied to every resource of the set, string values only, within the strictest limits of
    the types tagged: at most 50; names up to 128 characters without `<>%&\\?/`, no two alike but for case;
    values up to 256. Default: none."""
    # Production operations: placement, patching, admin access, monitoring.
    placement: NotRequired[str]
    """`availability_set` (the article's design; 99.95% VM SLA) or `zones` (VMs spread over availability
    zones, no availability set, zone-redundant public IP; 99.99% VM SLA; needs managed disks and a region
    with zones). With orchestration `scale_set` only `zones` is accepted (it is what a scale set does).
    Default: `availability_set`."""
    zones: NotRequired[Sequence[str]]
    """Zones for `placement="zones"`, from "1"-"3" (numbers are accepted too); VM i goes to
    zones[i % len(zones)]. With orchestration `scale_set`: the zones the scale set spreads over.
    Default: all three; for a scale set, all the region offers (none in a region without zones)."""
    patch_mode: NotRequired[str]
    """Guest patching: `AutomaticByPlatform` (Azure patches the set update domain by update domain, zone by
    zone), or opt out: `ImageDefault` (Linux), `AutomaticByOS` or `Manual` (Windows).
    Default: `AutomaticByPlatform` where the image supports it."""
    admin_access: NotRequired[str]
    """`nat_rules` (the article's per-VM NAT ports 50001+) or `bastion` (an Azure Bastion host, no NAT
    rules, the admin port open only from the Bastion subnet). Default: `nat_rules`."""
    bastion_subnet_id: NotRequired[pulumi.Input[str]]
    """ARM ID of an `AzureBastionSubnet` to put the Bastion host in (a hub's, say; one from another
    resource is checked when it resolves). Required with admin_access `bastion` and a bring-your-own
    `subnet_id`. Default: one created in the component's VNet."""
    bastion_subnet_address_prefix: NotRequired[str]
    """CIDR of the Bastion subnet, /26 or larger: the only source the NSG admits to the admin port.
    Required with bastion_subnet_id. Default: for a created subnet, the first free /26 of the VNet
    (`10.0.1.0/26`)."""
    log_analytics_workspace_id: NotRequired[pulumi.Input[str]]
    """ARM ID of a Log Analytics workspace for the load balancer's health events and metrics.
    Default: the shared diagnostics storage account."""
    max_unavailable: NotRequired[int]
    """At most this many VMs are changed at a time, 1 to `vm_count`: a change that updates or replaces the
    VMs goes batch by batch, each batch waiting until the one before answers its health probe again.
    `vm_count` changes (and first creates) them all at once. With orchestration `scale_set`: the rolling
    upgrade's batch, as a percentage of `vm_count` rounded up (Azure's 5-100%; not given: 50%, which scaling
    leaves as it is). Default: half the set, at least 1."""
    readiness_rerun: NotRequired[int]
    """Change it (add 1) to make `pulumi up` run every readiness gate again, batch by batch: after a gate
    failed and the VM is fixed, the next `pulumi up` would otherwise send the same run command, which
    Azure does not run again. 0 to 999999. Individual VMs only (a scale set has no readiness gates).
    Default: `0`."""
    alert_email: NotRequired[str]
    """E-mail address for metric alerts on health-probe status (below 100% for 5 minutes, per VM) and
    data-path availability. Default: none."""
    # Today's Azure answer for the same job: a scale set in Flexible orchestration.
    orchestration: NotRequired[str]
    """`vms` (the article's individual VMs, placed by `placement`) or `scale_set`: one virtual machine scale
    set in Flexible orchestration instead of the availability set, VMs and NICs, spread over the region's zones
    with max spreading, with rolling upgrades, automatic instance repairs and the Application Health extension;
    its admin access is one inbound NAT rule over the backend pool (or Bastion). Default: `vms`."""
    max_surge: NotRequired[bool]
    """Orchestration `scale_set` only: a rolling upgrade creates each batch's new instances (new IPs) before it
    deletes the old ones, so the capacity never drops. Default: `True`."""
    autoscale: NotRequired[AutoscaleArgs]
    """Orchestration `scale_set` only: an Azure Monitor autoscale setting between `min_count` and `max_count`
    instances on CPU; `vm_count` is then the starting capacity, and `pulumi up` leaves the capacity to the
    autoscaler. Default: none (the capacity is `vm_count`)."""


ARGUMENT_NAMES: tuple[str, ...] = tuple(LoadBalancedVmSetArgs.__annotations__)

# What an argument's type does not say.
VERBATIM_ARGUMENTS = frozenset({"admin_password", "custom_data"})
"""White space is part of the value: a stack's config text is passed on as written, not stripped."""
URN_ARGUMENTS = frozenset({"image"})
"""Objects that a `publisher:offer:sku:version` string may stand for: config text that is not JSON is kept."""
SECRET_ARGUMENTS = frozenset({"admin_password"})
"""Kept secret in state and outputs; their config keys belong encrypted (`pulumi config set --secret`)."""
