"""`LoadBalancedVmSet`: the component that assembles the architecture."""

import os
from typing import Any

import pulumi
from pulumi_azure_native import authorization

from .args import LoadBalancedVmSetArgs
from .catalogs import regions
from .decisions.naming import DIAGNOSTICS_STORAGE_PURPOSE, ResourceNames, storage_account_name, vhd_storage_purpose
from .decisions.ports import nat_frontend_port
from .decisions.rollout import batch_of, gated_by
from .decisions.spec import DiskStorage, VmPlacement, VmSetSpec
from .resources.aliases import drop_versioned_module_aliases
from .resources.bastion import build_bastion
from .resources.compute import Credentials, SharedInputs, Vm, build_availability_set, build_vm, encoded_custom_data
from .resources.load_balancer import build_load_balancing
from .resources.monitoring import build_monitoring
from .resources.network import build_network
from .resources.scope import ResourceScope
from .resources.storage import blob_endpoint, build_storage_account, build_vhd_container
from .resources.vm_extensions import build_batch_barrier
from .validation import validate
from .validation.inputs import given

TYPE_TOKEN = "azure-multi-vm:index:LoadBalancedVmSet"


class LoadBalancedVmSet(pulumi.ComponentResource):
    """N VMs in an availability set behind a Standard load balancer, public or internal.

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
      rules with a health probe, an outbound rule (`outbound="lb_rule"`), and one
      standalone inbound NAT rule per VM (VM i gets `nat_frontend_port_start + i` -> admin
      port), created one after another (Azure takes one write at a time on a load balancer);
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

    Invalid arguments raise `InvalidArgumentError` before anything is registered.
    """

    frontend_ip_address: pulumi.Output[str]
    """The address clients use: the public IP, or the internal load balancer's private frontend IP."""
    public_ip_address: pulumi.Output[str | None]
    """The load balancer's public IP address; None for an internal load balancer."""
    fqdn: pulumi.Output[str | None]
    """`<dns_label>.<region>.cloudapp.azure.com` when `dns_label` is given, else None."""
    nat_endpoints: pulumi.Output[dict[str, str]]
    """VM name -> "frontend-ip:port" of its inbound NAT rule (SSH or RDP)."""
    vm_names: pulumi.Output[list[str]]
    """Names of the VMs, in order."""
    vm_ids: pulumi.Output[list[str]]
    """ARM IDs of the VMs, in order."""
    private_ip_addresses: pulumi.Output[list[str]]
    """Private IP of each VM, in order."""
    load_balancer_id: pulumi.Output[str]
    """ARM ID of the load balancer."""
    backend_pool_id: pulumi.Output[str]
    """ARM ID of the load balancer's backend address pool."""
    availability_set_id: pulumi.Output[str | None]
    """ARM ID of the availability set; None with placement `zones`."""
    subnet_id: pulumi.Output[str]
    """ARM ID of the VMs' subnet (created, or the one given)."""
    subnet_address_prefix: pulumi.Output[str]
    """CIDR of the VMs' subnet, e.g. for another tier's NSG rules."""
    network_security_group_id: pulumi.Output[str]
    """ARM ID of the NSG guarding the VMs (on the subnet, or on each NIC with `subnet_id`)."""
    diagnostics_storage_account_name: pulumi.Output[str]
    """Name of the shared boot-diagnostics storage account."""
    vhd_storage_account_names: pulumi.Output[list[str]]
    """Per-VM VHD storage accounts (`disk_storage="vhd"`); empty for managed disks."""
    bastion_name: pulumi.Output[str | None]
    """Name of the Azure Bastion host (admin_access `bastion`), else None."""

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
        # A plain region name goes to Azure as its programmatic name; an Output as it resolves.
        location = spec.location if spec.location is not None else given(args, "location")
        scope = ResourceScope(args["resource_group_name"], location, given(args, "tags"), parent=self)
        subscription_id = authorization.get_client_config_output(
            opts=pulumi.InvokeOutputOptions(parent=self)
        ).subscription_id

        seed = pulumi.Output.all(subscription_id, scope.resource_group_name)

        def account_name(purpose: str) -> pulumi.Output[str]:
            return seed.apply(
                lambda s: storage_account_name(
                    name, purpose, (s[0], s[1], pulumi.get_project(), pulumi.get_stack(), name)
                )
            )

        net = build_network(spec, names, scope)
        lb = build_load_balancing(spec, names, subscription_id, scope, net.subnet_id)
        availability_set = (
            build_availability_set(spec, names, scope) if spec.placement.mode is VmPlacement.AVAILABILITY_SET else None
        )
        diagnostics_name = account_name(DIAGNOSTICS_STORAGE_PURPOSE)
        diagnostics = build_storage_account(f"{name}-diag", diagnostics_name, scope)
        build_monitoring(
            names,
            lb.load_balancer,
            diagnostics,
            spec.monitoring.log_analytics_workspace_id,
            spec.monitoring.alert_email,
            scope,
            lb.last_write,
        )
        bastion = None
        if spec.admin_access.bastion is not None:
            given_subnet_id = spec.admin_access.bastion.subnet_id
            bastion_subnet_id = given_subnet_id if given_subnet_id is not None else net.bastion_subnet_id
            assert bastion_subnet_id is not None  # build_network creates one when none is given
            bastion = build_bastion(spec, names, bastion_subnet_id, scope)
        shared = SharedInputs(
            spec=spec,
            names=names,
            scope=scope,
            subnet_id=net.subnet_id,
            nic_network_security_group_id=net.nic_network_security_group_id,
            backend_pool_id=lb.backend_pool_id,
            availability_set_id=availability_set.id if availability_set is not None else None,
            boot_diagnostics_uri=blob_endpoint(diagnostics),
            credentials=_credentials(spec),
            custom_data=encoded_custom_data(spec.compute.custom_data),
            load_balancer=lb.load_balancer,
        )

        vms: list[Vm] = []
        barriers: list[pulumi.Resource] = []
        vhd_account_names: list[pulumi.Output[str]] = []
        for i in range(spec.compute.vm_count):
            vhd_account = vhd_container = None
            if spec.compute.disk_storage is DiskStorage.VHD:
                vhd_name = account_name(vhd_storage_purpose(i))
                vhd_account = build_storage_account(f"{names.vm(i)}-vhd", vhd_name, scope)
                vhd_container = build_vhd_container(f"{names.vm(i)}-vhds", vhd_account, scope)
                vhd_account_names.append(_once_created(vhd_account, vhd_name))
            nat_rule_id = lb.inbound_nat_rules[i].id if spec.uses_nat_rules else None
            previous = gated_by(i, spec.rollout.max_unavailable)
            if previous and i == previous.stop:  # the first VM of a batch: the batch before is done
                batch = batch_of(i, spec.rollout.max_unavailable) - 1
                barriers = [build_batch_barrier(names, scope, batch, vms[previous.start :])]
            vms.append(build_vm(i, shared, nat_rule_id, vhd_account, vhd_container, barriers if previous else []))

        self.frontend_ip_address = lb.frontend_ip_address
        if lb.public_ip is not None:
            self.public_ip_address = lb.frontend_ip_address
            self.fqdn = lb.public_ip.dns_settings.apply(lambda dns: dns.fqdn if dns else None)
        else:
            self.public_ip_address = pulumi.Output.from_input(None)
            self.fqdn = pulumi.Output.from_input(None)
        vm_names = [names.vm(i) for i in range(spec.compute.vm_count)]
        nat_vm_names = vm_names if spec.uses_nat_rules else []  # Bastion: no NAT endpoints
        self.nat_endpoints = self.frontend_ip_address.apply(
            lambda ip: {
                vm_name: f"{ip}:{nat_frontend_port(spec.load_balancing.nat_frontend_port_start, i)}"
                for i, vm_name in enumerate(nat_vm_names)
            }
        )
        self.vm_names = pulumi.Output.from_input(vm_names)
        self.vm_ids = pulumi.Output.all(*[v.vm.id for v in vms])
        self.private_ip_addresses = pulumi.Output.all(
            *[v.nic.ip_configurations.apply(_primary_private_ip) for v in vms]
        )
        self.load_balancer_id = lb.load_balancer.id
        self.backend_pool_id = lb.backend_pool_id
        self.availability_set_id = (
            availability_set.id if availability_set is not None else pulumi.Output.from_input(None)
        )
        self.subnet_id = net.subnet_id
        self.subnet_address_prefix = net.subnet_address_prefix
        self.network_security_group_id = net.network_security_group_id
        self.diagnostics_storage_account_name = _once_created(diagnostics, diagnostics_name)
        self.vhd_storage_account_names = pulumi.Output.all(*vhd_account_names)
        self.bastion_name = (
            _once_created(bastion.host, pulumi.Output.from_input(names.bastion_host))
            if bastion is not None
            else pulumi.Output.from_input(None)
        )
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
)


def _provider_cloud(opts: pulumi.ResourceOptions | None) -> str | None:
    """The cloud the default azure-native provider signs in to (its `environment`, or ARM_ENVIRONMENT),
    whose regions and service tags alone can work. None, not checked: with a provider the caller
    chooses (or inherits from a parent), or endpoints of its own (`metadataHost`, Azure Stack Hub)."""
    if opts is not None and (opts.provider is not None or opts.providers or opts.parent is not None):
        return None
    config = pulumi.Config("azure-native")
    if config.get("metadataHost") or os.environ.get("ARM_METADATA_HOSTNAME"):
        return None
    return regions.cloud_named(config.get("environment") or os.environ.get("ARM_ENVIRONMENT"))


def _credentials(spec: VmSetSpec) -> Credentials:
    """The password is a secret in state and in every output, whoever gives it."""
    password = spec.credentials.admin_password
    return Credentials(
        admin_password=pulumi.Output.secret(password) if password is not None else None,
        ssh_public_key=spec.credentials.ssh_public_key,
    )


def _once_created(resource: pulumi.CustomResource, name: pulumi.Output[str]) -> pulumi.Output[str]:
    """`name`, resolved once `resource` exists, so that whoever uses it depends on the resource."""
    return pulumi.Output.all(resource.id, name).apply(lambda v: str(v[1]))


def _primary_private_ip(ip_configurations: Any) -> str:
    for ip_configuration in ip_configurations or []:
        if ip_configuration.private_ip_address:
            return str(ip_configuration.private_ip_address)
    return ""
