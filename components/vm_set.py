"""`LoadBalancedVmSet`: the component that assembles the architecture."""

import os

import pulumi
from pulumi_azure_native import authorization

from .args import LoadBalancedVmSetArgs
from .catalogs.provider import provider_cloud, provider_settings
from .decisions.naming import ResourceNames
from .decisions.ports import inline_nat_rules
from .orchestrations.scale_set.orchestration import ScaleSetResources, build_scale_set
from .orchestrations.vms.orchestration import VmsResources, build_vms
from .resources.aliases import drop_versioned_module_aliases
from .resources.bastion import BastionResources, build_bastion
from .resources.load_balancer import LoadBalancerResources, build_load_balancer
from .resources.monitoring import build_monitoring
from .resources.network import NetworkResources, build_network
from .resources.scope import ResourceScope
from .resources.storage import StorageResources, build_diagnostics_storage, storage_account_names
from .validation import validate

TYPE_TOKEN = "azure-multi-vm:index:LoadBalancedVmSet"


class LoadBalancedVmSet(pulumi.ComponentResource):
    """N VMs in an availability set behind a Standard load balancer, public or internal, or one scale set.

    Microsoft's "Running multiple VMs on Azure for scalability and availability",
    brought to today's Azure, and usable as one tier of an N-tier application. It
    creates, all parented to this component:

    - a VNet with one private subnet (no default outbound access), unless `subnet_id`
      brings one; with `outbound="nat_gateway"`, a NAT gateway and its public IP on it;
    - an NSG (unless `network_security_group_id` brings one), on the subnet or, with
      `subnet_id`, on each NIC, that admits the load-balanced ports from
      `app_source_prefixes`, the admin port only from `admin_source_prefixes` (or the
      Bastion subnet), the health probe from `AzureLoadBalancer`, nothing else;
    - a Standard load balancer with one frontend (a Standard, Static public IP, or with
      `public=False` a private IP of the subnet), one backend pool, the load-balancing
      rules with a health probe, an outbound rule (`outbound="lb_rule"`), and
      `nat_rule_capacity` inbound NAT rules, inline, all in the load balancer's one write
      (rule i: `nat_frontend_port_start + i` -> admin port, used by VM i); with
      `nat_rule_capacity=0`, one standalone rule per VM instead, created one after another
      (Azure takes one write at a time on a load balancer);
    - an availability set (Aligned for managed disks, Classic for VHDs), or with
      `placement="zones"` none: VM i goes to zone `zones[i % len(zones)]`, and the
      frontend is zone-redundant;
    - with `admin_access="bastion"`: no NAT rules, an Azure Bastion host (Standard) with its
      public IP in an `AzureBastionSubnet`, and the admin port open only from that subnet;
    - a diagnostic setting sending the load balancer's health events and metrics to the
      diagnostics account or a Log Analytics workspace; with `alert_email`, an action group
      and metric alerts on health-probe status and data-path availability;
    - Azure-orchestrated guest patching (`AutomaticByPlatform`) unless `patch_mode` opts out;
    - per VM: a NIC without public IP, in the pool and on its NAT rule, and the VM with
      boot diagnostics (Linux: cloud-init installing nginx, unless `custom_data` is given), a
      VMAccess extension holding its SSH key or password (rotated in place), and a readiness
      gate (a run command that ends once the VM answers its health probe);
    - changes that touch the VMs roll: at most `max_unavailable` VMs at a time, each batch
      after the gates of the one before; what Azure fixes at creation (image, custom data,
      admin user, zone, availability set, ...) replaces the VMs instead of failing;
    - a managed OS disk per VM, or (`disk_storage="vhd"`) a storage account per VM;
    - one shared diagnostics storage account.

    With `orchestration="scale_set"`, instead of the availability set, the VMs, their NICs and NAT
    rules: one virtual machine scale set in Flexible orchestration (`vm_count` instances, max
    spreading over the region's zones, the Application Health extension mirroring the probe, a VMAccess
    extension holding the SSH key or password, rolling upgrades with MaxSurge, automatic instance
    repairs), one inbound NAT rule over the backend pool
    (ports `nat_frontend_port_start` to start + 999, Azure assigning each instance one) unless
    Bastion, and with `autoscale` an Azure Monitor autoscale setting on CPU.

    Invalid arguments raise `InvalidArgumentError` before anything is registered.
    """

    frontend_ip_address: pulumi.Output[str]
    """The address clients use: the public IP, or the internal load balancer's private frontend IP."""
    public_ip_address: pulumi.Output[str | None]
    """The load balancer's public IP address; None for an internal load balancer."""
    fqdn: pulumi.Output[str | None]
    """`<dns_label>.<region>.cloudapp.azure.com` when `dns_label` is given, else None."""
    nat_endpoints: pulumi.Output[dict[str, str]]
    """VM name -> "frontend-ip:port" of its inbound NAT rule (SSH or RDP); empty for a scale set, whose
    instances Azure maps to ports of `nat_frontend_port_range` itself."""
    vm_names: pulumi.Output[list[str]]
    """Names of the VMs, in order; empty for a scale set (Azure names its instances)."""
    vm_ids: pulumi.Output[list[str]]
    """ARM IDs of the VMs, in order; empty for a scale set."""
    private_ip_addresses: pulumi.Output[list[str]]
    """Private IP of each VM, in order; empty for a scale set."""
    load_balancer_id: pulumi.Output[str]
    """ARM ID of the load balancer."""
    backend_pool_id: pulumi.Output[str]
    """ARM ID of the load balancer's backend address pool."""
    availability_set_id: pulumi.Output[str | None]
    """ARM ID of the availability set; None with placement `zones` and for a scale set."""
    subnet_id: pulumi.Output[str]
    """ARM ID of the VMs' subnet (created, or the one given)."""
    subnet_address_prefix: pulumi.Output[str]
    """CIDR of the VMs' subnet, e.g. for another tier's NSG rules."""
    network_security_group_id: pulumi.Output[str]
    """ARM ID of the NSG guarding the VMs (on the subnet, or on each NIC with `subnet_id`)."""
    diagnostics_storage_account_name: pulumi.Output[str]
    """Name of the shared boot-diagnostics storage account."""
    vhd_storage_account_names: pulumi.Output[list[str]]
    """Per-VM VHD storage accounts (`disk_storage="vhd"`); empty for managed disks and a scale set."""
    bastion_name: pulumi.Output[str | None]
    """Name of the Azure Bastion host (admin_access `bastion`), else None."""
    scale_set_id: pulumi.Output[str | None]
    """ARM ID of the scale set (orchestration `scale_set`), else None."""
    scale_set_name: pulumi.Output[str | None]
    """Name of the scale set (orchestration `scale_set`), else None."""
    nat_frontend_port_range: pulumi.Output[str | None]
    """`start-end` of the scale set's inbound NAT rule; Azure gives each instance one of these ports
    (read the mapping with the backend pool's `queryInboundNatRulePortMapping`: docs/scale-set.md). None for
    individual VMs (see `nat_endpoints`) and with Bastion."""

    def __init__(self, name: str, args: LoadBalancedVmSetArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        spec = validate(name, args, cloud=_provider_cloud(opts))  # raises before anything is registered
        # The SDK turns each alias into URN Outputs eagerly, after legacy transformations run (pulumi/pulumi#10010):
        # children drop there azure-native's versioned-module aliases (20-60 each), unused and most of their cost.
        opts = pulumi.ResourceOptions.merge(
            pulumi.ResourceOptions(transformations=[drop_versioned_module_aliases]), opts
        )
        super().__init__(TYPE_TOKEN, name, None, opts)
        for warning in spec.warnings:
            pulumi.log.warn(warning, resource=self)
        names = ResourceNames(name)
        scope = ResourceScope.of(spec, parent=self)
        subscription_id = authorization.get_client_config_output(
            opts=pulumi.InvokeOutputOptions(parent=self)
        ).subscription_id
        account_names = storage_account_names(name, subscription_id, scope)

        network = build_network(spec, names, scope)
        # The VMs' inline NAT rules, when it holds them: the load balancer itself knows nothing of VMs.
        nat_rules = inline_nat_rules(spec, names) if spec.uses_nat_rules else ()
        load_balancer = build_load_balancer(spec, names, scope, subscription_id, network.subnet_id, nat_rules)
        diagnostics = build_diagnostics_storage(account_names, scope)
        monitoring = build_monitoring(spec.monitoring, names, scope, load_balancer, diagnostics)
        bastion = build_bastion(spec, names, scope, network.bastion_subnet_id)
        # The machines' NAT rules write under the load balancer after the diagnostic setting, one write at a time.
        after = monitoring.last_load_balancer_write
        machines: VmsResources | ScaleSetResources = (
            build_vms(spec, names, scope, network, load_balancer, diagnostics, account_names, after)
            if spec.scale_set is None
            else build_scale_set(spec, names, scope, network, load_balancer, diagnostics, after)
        )
        self._publish(network, load_balancer, diagnostics, bastion, machines)

    def _publish(
        self,
        network: NetworkResources,
        load_balancer: LoadBalancerResources,
        diagnostics: StorageResources,
        bastion: BastionResources | None,
        machines: VmsResources | ScaleSetResources,
    ) -> None:
        """The component's outputs, from what the builders return."""
        none = pulumi.Output.from_input(None)
        vms = machines if isinstance(machines, VmsResources) else None
        scale_set = machines if isinstance(machines, ScaleSetResources) else None
        self.frontend_ip_address = load_balancer.frontend_ip_address
        self.public_ip_address = load_balancer.public_ip_address
        self.fqdn = load_balancer.fqdn
        self.nat_endpoints = vms.nat_endpoints if vms is not None else pulumi.Output.from_input({})
        self.vm_names = vms.vm_names if vms is not None else pulumi.Output.from_input([])
        self.vm_ids = vms.vm_ids if vms is not None else pulumi.Output.from_input([])
        self.private_ip_addresses = vms.private_ip_addresses if vms is not None else pulumi.Output.from_input([])
        self.load_balancer_id = load_balancer.load_balancer.id
        self.backend_pool_id = load_balancer.backend_pool_id
        self.availability_set_id = vms.availability_set_id if vms is not None else none
        self.subnet_id = network.subnet_id
        self.subnet_address_prefix = network.subnet_address_prefix
        self.network_security_group_id = network.network_security_group_id
        self.diagnostics_storage_account_name = diagnostics.name
        self.vhd_storage_account_names = (
            vms.vhd_storage_account_names if vms is not None else pulumi.Output.from_input([])
        )
        self.bastion_name = bastion.name if bastion is not None else none
        self.scale_set_id = scale_set.scale_set_id if scale_set is not None else none
        self.scale_set_name = scale_set.scale_set_name if scale_set is not None else none
        self.nat_frontend_port_range = scale_set.nat_frontend_port_range if scale_set is not None else none
        self.register_outputs({output: getattr(self, output) for output in OUTPUT_NAMES})


OUTPUT_NAMES = (
    "frontend_ip_address",
    "public_ip_address",
    "fqdn",
    "nat_endpoints",
    "vm_names",
    "vm_ids",
    "private_ip_addresses",
    "load_balancer_id",
    "backend_pool_id",
    "availability_set_id",
    "subnet_id",
    "subnet_address_prefix",
    "network_security_group_id",
    "diagnostics_storage_account_name",
    "vhd_storage_account_names",
    "bastion_name",
    "scale_set_id",
    "scale_set_name",
    "nat_frontend_port_range",
)


def _provider_cloud(opts: pulumi.ResourceOptions | None) -> str | None:
    """The cloud the default azure-native provider signs in to (its `environment`, or ARM_ENVIRONMENT),
    whose regions and service tags alone can work. None, not checked: with a provider the caller
    chooses (or inherits from a parent), or endpoints of its own (`metadataHost`, Azure Stack Hub)."""
    if opts is not None and (opts.provider is not None or opts.providers or opts.parent is not None):
        return None
    return provider_cloud(provider_settings(pulumi.Config("azure-native").get, os.environ))
