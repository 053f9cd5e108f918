"""The plan's sections, read from the registered resources: one reader per Azure type.

Each reader looks at the resources' inputs as ARM received them and at the IDs and state the
ARM-like mocks returned, never at the component's arguments, so a section shows whatever the
program declares: several load balancers, internal ones, a NAT gateway, a subnet of your own.
References between resources are ARM IDs, which compare case-insensitively.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from offline.azure_mocks import Registered
from offline.harness import Deployment

from .model import (
    Autoscale,
    AvailabilitySet,
    BackendPool,
    DiagnosticSetting,
    Frontend,
    LoadBalancer,
    LoadBalancingRule,
    NatGateway,
    NatRule,
    NetworkSecurityGroup,
    OtherResource,
    OutboundRule,
    Probe,
    PublicIpAddress,
    ScaleSet,
    SecurityRule,
    StorageAccount,
    StorageFirewall,
    Subnet,
    VirtualMachine,
    VirtualNetwork,
)
from .order import natural_key

VM = "azure-native:compute:VirtualMachine"
NIC = "azure-native:network:NetworkInterface"
LB = "azure-native:network:LoadBalancer"
NSG = "azure-native:network:NetworkSecurityGroup"
VNET = "azure-native:network:VirtualNetwork"
SUBNET = "azure-native:network:Subnet"
PIP = "azure-native:network:PublicIPAddress"
NAT_GATEWAY = "azure-native:network:NatGateway"
AVSET = "azure-native:compute:AvailabilitySet"
VM_EXTENSION = "azure-native:compute:VirtualMachineExtension"
RUN_COMMAND = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine"
STASH = "pulumi:index:Stash"  # the engine's own: the barrier between batches of VMs
STORAGE = "azure-native:storage:StorageAccount"
RESOURCE_GROUP = "azure-native:resources:ResourceGroup"
DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting"
INBOUND_NAT_RULE = "azure-native:network:InboundNatRule"
SCALE_SET = "azure-native:compute:VirtualMachineScaleSet"
AUTOSCALE_SETTING = "azure-native:monitor:AutoscaleSetting"
# Types that a section of the plan (and the diagram) already shows; others are listed apart.
SHOWN_TYPES = frozenset(
    {VM, VM_EXTENSION, RUN_COMMAND, NIC, LB, INBOUND_NAT_RULE, NSG, VNET, SUBNET, PIP, NAT_GATEWAY, AVSET, STORAGE}
    | {RESOURCE_GROUP, STASH, SCALE_SET, AUTOSCALE_SETTING}
)


class Resources:
    """The registered resources, looked up by type and by ARM ID."""

    def __init__(self, deployment: Deployment) -> None:
        self.registered = deployment.registered
        self.by_id = {r.id.lower(): r for r in deployment.registered if r.id}

    def of(self, resource_type: str) -> list[Registered]:
        return [r for r in self.registered if r.type == resource_type]

    def name_of(self, resource_id: str | None) -> str | None:
        """The Azure name of a registered resource, or of a sub-resource (the ID's last segment)."""
        if not resource_id:
            return None
        found = self.by_id.get(resource_id.lower())
        return str(found.state.get("name") or found.name) if found else resource_id.rstrip("/").rsplit("/", 1)[-1]

    def nic_owners(self) -> dict[str, str]:
        """NIC ID (lower case) -> name of the VM that uses it."""
        owners: dict[str, str] = {}
        for vm in self.of(VM):
            for nic in (vm.inputs.get("networkProfile") or {}).get("networkInterfaces", []):
                owners[str(nic.get("id", "")).lower()] = azure_name(vm)
        return owners


def azure_name(resource: Registered) -> str:
    return str(resource.state.get("name") or resource.name)


def _sub_id(ref: Any) -> str | None:
    return str(ref["id"]) if isinstance(ref, Mapping) and ref.get("id") else None


def load_balancer(lb: Registered, resources: Resources) -> LoadBalancer:
    inputs = lb.inputs
    nic_owners = resources.nic_owners()
    # Which NIC (and so which VM) sits on each NAT rule and in each pool: NICs join from
    # their own IP configuration, so the load balancer's inputs do not say.
    nat_rule_vm: dict[str, str] = {}
    pool_members: dict[str, list[str]] = {}
    for nic in resources.of(NIC):
        member = nic_owners.get(nic.id.lower(), azure_name(nic))
        for ip_configuration in nic.inputs.get("ipConfigurations", []):
            for rule in ip_configuration.get("loadBalancerInboundNatRules") or []:
                nat_rule_vm[str(rule.get("id", "")).lower()] = member
            for pool in ip_configuration.get("loadBalancerBackendAddressPools") or []:
                pool_members.setdefault(str(pool.get("id", "")).lower(), []).append(member)
    # A scale set's instances join the pool from its model's network profile.
    for vmss in resources.of(SCALE_SET):
        for ip_configuration in _scale_set_ip_configurations(vmss.inputs):
            for pool in ip_configuration.get("loadBalancerBackendAddressPools") or []:
                pool_members.setdefault(str(pool.get("id", "")).lower(), []).append(f"{azure_name(vmss)} (scale set)")
    lb_id = lb.id.lower()

    def child_id(collection: str, name: str) -> str:
        return f"{lb_id}/{collection}/{name}".lower()

    def child_name(ref: Any) -> str | None:
        return resources.name_of(_sub_id(ref))

    # Inline NAT rules, then the standalone ones (each its own resource, under this LB's ID).
    nat_rules = list(inputs.get("inboundNatRules", [])) + [
        {**rule.inputs, "name": azure_name(rule)}
        for rule in resources.of(INBOUND_NAT_RULE)
        if rule.id.lower().startswith(f"{lb_id}/inboundnatrules/")
    ]
    frontends = tuple(
        Frontend(
            name=f.get("name"),
            public_ip=resources.name_of(_sub_id(f.get("publicIPAddress"))),
            private_ip=f.get("privateIPAddress"),
            subnet=resources.name_of(_sub_id(f.get("subnet"))),
        )
        for f in inputs.get("frontendIPConfigurations", [])
    )
    return LoadBalancer(
        name=azure_name(lb),
        sku=(inputs.get("sku") or {}).get("name"),
        public=any(f.public_ip for f in frontends),
        frontends=frontends,
        backend_pools=tuple(
            BackendPool(
                name=p["name"],
                members=tuple(
                    sorted(pool_members.get(child_id("backendAddressPools", p["name"]), []), key=natural_key)
                ),
            )
            for p in inputs.get("backendAddressPools", [])
        ),
        probes=tuple(
            Probe(
                name=p.get("name"),
                protocol=p.get("protocol"),
                port=p.get("port"),
                path=p.get("requestPath"),
                interval_seconds=p.get("intervalInSeconds"),
            )
            for p in inputs.get("probes", [])
        ),
        rules=tuple(
            LoadBalancingRule(
                name=r.get("name"),
                protocol=r.get("protocol"),
                frontend_port=r.get("frontendPort"),
                backend_port=r.get("backendPort"),
                frontend=child_name(r.get("frontendIPConfiguration")),
                backend_pool=child_name(r.get("backendAddressPool")),
                probe=child_name(r.get("probe")),
            )
            for r in inputs.get("loadBalancingRules", [])
        ),
        outbound_rules=tuple(
            OutboundRule(
                name=r.get("name"),
                protocol=r.get("protocol"),
                backend_pool=child_name(r.get("backendAddressPool")),
                allocated_outbound_ports=r.get("allocatedOutboundPorts"),
            )
            for r in inputs.get("outboundRules", [])
        ),
        nat_rules=tuple(
            NatRule(
                name=r.get("name"),
                vm=nat_rule_vm.get(child_id("inboundNatRules", r["name"])),
                protocol=r.get("protocol"),
                frontend_port=r.get("frontendPort"),
                backend_port=r.get("backendPort"),
                frontend_port_range=_port_range(r),
                backend_pool=child_name(r.get("backendAddressPool")),
            )
            for r in nat_rules
        ),
    )


def network_security_group(nsg: Registered, resources: Resources) -> NetworkSecurityGroup:
    nsg_id = nsg.id.lower()

    def on_it(ref: Any) -> bool:
        return (_sub_id(ref) or "").lower() == nsg_id

    attached = [
        subnet["name"]
        for vnet in resources.of(VNET)
        for subnet in vnet.inputs.get("subnets", [])
        if on_it(subnet.get("networkSecurityGroup"))
    ]
    attached += [azure_name(s) for s in resources.of(SUBNET) if on_it(s.inputs.get("networkSecurityGroup"))]
    attached += [azure_name(n) for n in resources.of(NIC) if on_it(n.inputs.get("networkSecurityGroup"))]
    rules = sorted(nsg.inputs.get("securityRules", []), key=lambda r: (r.get("direction", ""), r.get("priority", 0)))
    return NetworkSecurityGroup(
        name=azure_name(nsg),
        attached_to=tuple(attached),
        rules=tuple(
            SecurityRule(
                priority=r.get("priority"),
                name=r.get("name"),
                direction=r.get("direction"),
                access=r.get("access"),
                protocol=r.get("protocol"),
                source=_joined(r.get("sourceAddressPrefix"), r.get("sourceAddressPrefixes")),
                destination_ports=_joined(r.get("destinationPortRange"), r.get("destinationPortRanges")),
                description=r.get("description"),
            )
            for r in rules
        ),
    )


def _joined(single: Any, several: Any) -> str:
    return str(single) if single else ", ".join(str(v) for v in several or [])


def virtual_network(vnet: Registered, resources: Resources) -> VirtualNetwork:
    subnet_ids = {s.get("name"): s.get("id") for s in vnet.state.get("subnets", [])}
    return VirtualNetwork(
        name=azure_name(vnet),
        address_space=tuple((vnet.inputs.get("addressSpace") or {}).get("addressPrefixes", [])),
        subnets=tuple(
            subnet(s, subnet_ids.get(s.get("name")), azure_name(vnet), resources)
            for s in vnet.inputs.get("subnets", [])
        ),
    )


def subnet(inputs: Mapping[str, Any], subnet_id: str | None, vnet: str | None, resources: Resources) -> Subnet:
    """A subnet declared inline in its VNet (`vnet`: the VNet's name) or as a resource of its own."""
    return Subnet(
        name=inputs.get("name") or inputs.get("subnetName") or resources.name_of(subnet_id),
        id=subnet_id,
        virtual_network=vnet or inputs.get("virtualNetworkName"),
        address_prefix=inputs.get("addressPrefix") or ", ".join(inputs.get("addressPrefixes") or []),
        network_security_group=resources.name_of(_sub_id(inputs.get("networkSecurityGroup"))),
        nat_gateway=resources.name_of(_sub_id(inputs.get("natGateway"))),
        default_outbound_access=inputs.get("defaultOutboundAccess"),
    )


def public_ip(pip: Registered) -> PublicIpAddress:
    return PublicIpAddress(
        name=azure_name(pip),
        sku=(pip.inputs.get("sku") or {}).get("name"),
        allocation=pip.inputs.get("publicIPAllocationMethod"),
        dns_label=(pip.inputs.get("dnsSettings") or {}).get("domainNameLabel"),
        zones=tuple(pip.inputs.get("zones") or []),
    )


def nat_gateway(gateway: Registered) -> NatGateway:
    return NatGateway(name=gateway.name)


def availability_set(avset: Registered) -> AvailabilitySet:
    return AvailabilitySet(
        name=azure_name(avset),
        sku=(avset.inputs.get("sku") or {}).get("name"),
        fault_domains=avset.inputs.get("platformFaultDomainCount"),
        update_domains=avset.inputs.get("platformUpdateDomainCount"),
    )


def virtual_machine(vm: Registered, resources: Resources) -> VirtualMachine:
    inputs = vm.inputs
    nic_ids = [_sub_id(n) for n in (inputs.get("networkProfile") or {}).get("networkInterfaces", [])]
    nics = [resources.by_id[i.lower()] for i in nic_ids if i and i.lower() in resources.by_id]
    subnet_ids = [
        _sub_id(c.get("subnet")) for nic in nics for c in nic.inputs.get("ipConfigurations", []) if c.get("subnet")
    ]
    private_ips = [c.get("privateIPAddress") for nic in nics for c in nic.state.get("ipConfigurations", [])]
    profile = inputs.get("osProfile") or {}
    boot_uri = ((inputs.get("diagnosticsProfile") or {}).get("bootDiagnostics") or {}).get("storageUri")
    vhd_uri = (((inputs.get("storageProfile") or {}).get("osDisk") or {}).get("vhd") or {}).get("uri")
    name = azure_name(vm)
    return VirtualMachine(
        name=name,
        size=(inputs.get("hardwareProfile") or {}).get("vmSize"),
        os="linux" if profile.get("linuxConfiguration") is not None else "windows",
        availability_set=resources.name_of(_sub_id(inputs.get("availabilitySet"))),
        zones=tuple(inputs.get("zones") or []),
        nics=tuple(azure_name(n) for n in nics),
        subnet_ids=tuple(s for s in subnet_ids if s),
        private_ips=tuple(ip for ip in private_ips if ip),
        boot_diagnostics_account=_account_of(boot_uri),
        os_disk_account=_account_of(vhd_uri),
        security_type=(inputs.get("securityProfile") or {}).get("securityType", "Standard"),
        extensions=tuple(
            str(e.inputs.get("vmExtensionName") or e.name)
            for e in resources.of(VM_EXTENSION)
            if e.inputs.get("vmName") == name
        ),
        run_commands=tuple(
            str(c.inputs.get("runCommandName") or c.name)
            for c in resources.of(RUN_COMMAND)
            if c.inputs.get("vmName") == name
        ),
    )


def _account_of(blob_url: str | None) -> str | None:
    """`https://<account>.blob.core.windows.net/...` -> `<account>`."""
    return blob_url.split("//", 1)[-1].split(".", 1)[0] if blob_url else None


def storage_account(account: Registered) -> StorageAccount:
    rules = account.inputs.get("networkRuleSet") or {}
    return StorageAccount(
        name=azure_name(account),
        logical_name=account.name,
        sku=(account.inputs.get("sku") or {}).get("name"),
        kind=account.inputs.get("kind"),
        firewall=StorageFirewall(
            default_action=rules.get("defaultAction", "Allow"), bypass=rules.get("bypass", "AzureServices")
        ),
    )


def other_resource(resource: Registered, resources: Resources) -> OtherResource:
    """A resource the plan has no section for; a diagnostic setting also says what it watches
    and where its logs and metrics go (a storage account's name, or a workspace ID)."""
    if resource.type != DIAGNOSTIC_SETTING:
        return OtherResource(type=resource.type, name=resource.name)
    return DiagnosticSetting(
        type=resource.type,
        name=resource.name,
        resource=resources.name_of(resource.inputs.get("resourceUri")),
        destination=resources.name_of(resource.inputs.get("storageAccountId")) or resource.inputs.get("workspaceId"),
    )


def _port_range(rule: Mapping[str, Any]) -> str | None:
    start, end = rule.get("frontendPortRangeStart"), rule.get("frontendPortRangeEnd")
    return None if start is None or end is None else f"{int(start)}-{int(end)}"


def _scale_set_ip_configurations(inputs: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    network_profile = (inputs.get("virtualMachineProfile") or {}).get("networkProfile") or {}
    return [
        ip_configuration
        for nic in network_profile.get("networkInterfaceConfigurations") or []
        for ip_configuration in nic.get("ipConfigurations") or []
    ]


def scale_set(vmss: Registered, resources: Resources) -> ScaleSet:
    inputs = vmss.inputs
    profile = inputs.get("virtualMachineProfile") or {}
    upgrade = inputs.get("upgradePolicy") or {}
    rolling = upgrade.get("rollingUpgradePolicy") or {}
    repairs = inputs.get("automaticRepairsPolicy") or {}
    sku = inputs.get("sku") or {}
    settings = [s for s in resources.of(AUTOSCALE_SETTING) if s.inputs.get("targetResourceUri") == vmss.id]
    return ScaleSet(
        name=azure_name(vmss),
        orchestration_mode=inputs.get("orchestrationMode"),
        size=sku.get("name"),
        capacity=sku.get("capacity"),
        zones=tuple(inputs.get("zones") or ()),
        fault_domain_count=inputs.get("platformFaultDomainCount"),
        os="windows" if "windowsConfiguration" in (profile.get("osProfile") or {}) else "linux",
        security_type=(profile.get("securityProfile") or {}).get("securityType") or "Standard",
        upgrade_mode=upgrade.get("mode"),
        max_batch_instance_percent=rolling.get("maxBatchInstancePercent"),
        max_surge=rolling.get("maxSurge"),
        automatic_repairs_grace_period=repairs.get("gracePeriod") if repairs.get("enabled") else None,
        extensions=tuple(
            f"{e.get('name')} ({e.get('type')})" for e in (profile.get("extensionProfile") or {}).get("extensions", [])
        ),
        subnet_ids=tuple(
            str((c.get("subnet") or {}).get("id", "")) for c in _scale_set_ip_configurations(inputs) if c.get("subnet")
        ),
        boot_diagnostics_account=_account_of(
            ((profile.get("diagnosticsProfile") or {}).get("bootDiagnostics") or {}).get("storageUri")
        ),
        capacity_ignored="sku.capacity" in vmss.options.ignore_changes,
        autoscale=_autoscale(settings[0].inputs) if settings else None,
    )


def _autoscale(inputs: Mapping[str, Any]) -> Autoscale:
    profile = (inputs.get("profiles") or [{}])[0]
    capacity = profile.get("capacity") or {}

    def number(key: str) -> int | None:
        value = capacity.get(key)
        return None if value is None else int(value)

    def whole(value: Any) -> Any:
        return int(value) if isinstance(value, float) and value.is_integer() else value

    rules = tuple(
        f"{t.get('metricName')} {'>' if t.get('operator') == 'GreaterThan' else '<'} {whole(t.get('threshold'))} "
        f"({t.get('timeAggregation')} over {t.get('timeWindow')}): {a.get('direction')} by {a.get('value')}"
        for t, a in ((r.get("metricTrigger") or {}, r.get("scaleAction") or {}) for r in profile.get("rules", []))
    )
    return Autoscale(minimum=number("minimum"), maximum=number("maximum"), default=number("default"), rules=rules)
