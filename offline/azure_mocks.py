"""Pulumi mocks that behave like Azure Resource Manager, offline.

They return what ARM returns (resource IDs, sub-resource IDs of a load balancer's
collections, storage endpoints, IP addresses, FQDNs) and, like ARM, refuse what Azure
refuses: a test that passes here must not describe a deployment Azure would reject.
Each refusal raises `ArmRejection` with the error code Azure uses where there is one.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pulumi

SUBSCRIPTION_ID = "00000000-1111-2222-3333-444444444444"
TENANT_ID = "99999999-8888-7777-6666-555555555555"
DEFAULT_LOCATION = "westeurope"

# Pulumi type token -> (ARM provider/type, name input)
ARM_TYPES: dict[str, tuple[str, str]] = {
    "azure-native:network:VirtualNetwork": ("Microsoft.Network/virtualNetworks", "virtualNetworkName"),
    "azure-native:network:NetworkSecurityGroup": (
        "Microsoft.Network/networkSecurityGroups",
        "networkSecurityGroupName",
    ),
    "azure-native:network:PublicIPAddress": ("Microsoft.Network/publicIPAddresses", "publicIpAddressName"),
    "azure-native:network:LoadBalancer": ("Microsoft.Network/loadBalancers", "loadBalancerName"),
    "azure-native:network:NetworkInterface": ("Microsoft.Network/networkInterfaces", "networkInterfaceName"),
    "azure-native:network:NatGateway": ("Microsoft.Network/natGateways", "natGatewayName"),
    "azure-native:compute:AvailabilitySet": ("Microsoft.Compute/availabilitySets", "availabilitySetName"),
    "azure-native:compute:VirtualMachine": ("Microsoft.Compute/virtualMachines", "vmName"),
    "azure-native:storage:StorageAccount": ("Microsoft.Storage/storageAccounts", "accountName"),
    "azure-native:network:BastionHost": ("Microsoft.Network/bastionHosts", "bastionHostName"),
    "azure-native:monitor:ActionGroup": ("Microsoft.Insights/actionGroups", "actionGroupName"),
    "azure-native:monitor:MetricAlert": ("Microsoft.Insights/metricAlerts", "ruleName"),
}
LB_COLLECTIONS = {
    "frontendIPConfigurations": "frontendIPConfigurations",
    "backendAddressPools": "backendAddressPools",
    "probes": "probes",
    "loadBalancingRules": "loadBalancingRules",
    "inboundNatRules": "inboundNatRules",
    "outboundRules": "outboundRules",
}
MAX_LB_RULES = 1500
AZURE_ZONES = ("1", "2", "3")
BASTION_SUBNET = "AzureBastionSubnet"  # Azure's required name, /26 or larger
BASTION_SKUS = ("Developer", "Basic", "Standard", "Premium")
PATCH_MODES = {
    "linux": ("ImageDefault", "AutomaticByPlatform"),
    "windows": ("Manual", "AutomaticByOS", "AutomaticByPlatform"),
}
# learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-loadbalancers-logs
# and .../supported-metrics/microsoft-network-loadbalancers-metrics
LB_LOG_CATEGORIES = {"LoadBalancerHealthEvent"}
LB_LOG_CATEGORY_GROUPS = {"allLogs", "audit"}
LB_METRICS = {
    "VipAvailability",
    "DipAvailability",
    "ByteCount",
    "PacketCount",
    "SYNCount",
    "SnatConnectionCount",
    "AllocatedSnatPorts",
    "UsedSnatPorts",
    "GlobalBackendAvailability",
}
LB_METRIC_DIMENSIONS = {
    "DipAvailability": {"ProtocolType", "BackendPort", "FrontendIPAddress", "FrontendPort", "BackendIPAddress"},
    "VipAvailability": {"FrontendIPAddress", "FrontendPort"},
}
ALERT_WINDOWS = ("PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D")
ALERT_FREQUENCIES = ("PT1M", "PT5M", "PT15M", "PT30M", "PT1H")
WORKSPACE_ID = re.compile(
    r"^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/Microsoft\.OperationalInsights/workspaces/[^/]+$",
    re.IGNORECASE,
)
# Regions ARM accepts as a `location` (programmatic names; ARM ignores case and spaces): the
# public cloud per learn.microsoft.com/azure/reliability/regions-list and `az account
# list-locations` (physical regions, EUAP and staging), US Government, US Secret/Top Secret and
# China per Microsoft's SDK region constants. As of 2026-11.
ARM_LOCATIONS = frozenset(
    """eastus eastus2 centralus northcentralus southcentralus westcentralus westus westus2 westus3
    canadacentral canadaeast brazilsouth brazilsoutheast brazilus mexicocentral chilecentral
    northeurope westeurope uksouth ukwest francecentral francesouth germanywestcentral germanynorth
    switzerlandnorth switzerlandwest norwayeast norwaywest swedencentral swedensouth polandcentral
    italynorth spaincentral austriaeast belgiumcentral denmarkeast eastasia southeastasia
    australiaeast australiasoutheast australiacentral australiacentral2 japaneast japanwest
    koreacentral koreasouth centralindia southindia westindia jioindiacentral jioindiawest
    indonesiacentral malaysiawest newzealandnorth taiwannorth taiwannorthwest uaenorth uaecentral
    qatarcentral israelcentral southafricanorth southafricawest eastus2euap centraluseuap eastusstg
    southcentralusstg usgovvirginia usgovarizona usgovtexas usgoviowa usdodeast usdodcentral
    usseceast ussecwest ussecwestcentral usnateast usnatwest chinaeast chinaeast2 chinaeast3
    chinanorth chinanorth2 chinanorth3""".split()  # noqa: SIM905
)
# Service tags NSG rules accept (learn.microsoft.com/azure/virtual-network/service-tags-overview,
# 2025-07-15): the regional ones also as <Tag>.<region>.
NSG_REGIONAL_SERVICE_TAGS = frozenset(
    """apimanagement appservice azurecloud azureconnectors azurecontainerregistry azurecosmosdb
    azuredevops azureiothub azurekeyvault azurewebpubsub batchnodemanagement datafactory
    dynamics365formarketingemail eventhub hdinsight m365managementactivityapi
    m365managementactivityapiwebhook powerbi powerplatforminfra powerplatformplex servicebus sql
    storage storagemover systemserviceazurespringappsresourceprovider azuremonitor
    azuremachinelearning azurebackup azuresiterecovery microsoftcontainerregistry""".split()  # noqa: SIM905
)
NSG_SERVICE_TAGS = NSG_REGIONAL_SERVICE_TAGS | frozenset(
    """actiongroup applicationinsightsavailability appconfiguration appservicemanagement
    azureactivedirectory azureactivedirectorydomainservices azureadvancedthreatprotection
    azurearcinfrastructure azureattestation azurebotservice azurecognitivesearch azuredatabricks
    azuredataexplorermanagement azuredatalake azuredeviceupdate azuredigitaltwins azureeventgrid
    azurefrontdoor.frontend azurefrontdoor.backend azurefrontdoor.firstparty
    azurefrontdoor.microsoftsecurity azurehealthcareapis azureinformationprotection azureloadbalancer
    azuremachinelearninginference azuremanagedgrafana azureopendatasets azureplatformdns
    azureplatformimds azureplatformlkm azureresourcemanager azuresentinel azuresignalr azuresphere
    azurespringcloud azurestack azuretrafficmanager azureupdatedelivery chaosstudio
    cognitiveservicesfrontend cognitiveservicesmanagement datafactorymanagement
    dynamics365businesscentral eopexternalpublishedips gatewaymanager guestandhybridmanagement
    internet kustoanalytics logicapps logicappsmanagement microsoftazurefluidrelay
    microsoftcloudappsecurity microsoftdefenderforendpoint powerqueryonline scuba serialconsole
    servicefabric sqlmanagement storagesyncservice windowsadmincenter windowsvirtualdesktop
    videoindexer virtualnetwork""".split()  # noqa: SIM905
)
AZURE_CLOUD_TAG_REGIONS = frozenset(
    """centralfrance southfrance germanywc germanyn norwaye norwayw switzerlandn switzerlandw usstagee
    usstagec brazilse""".split()  # noqa: SIM905
)
# Not allowed in a VNet (learn.microsoft.com/azure/virtual-network/virtual-networks-faq).
VNET_FORBIDDEN_RANGES = tuple(
    ipaddress.IPv4Network(r)
    for r in ("224.0.0.0/4", "255.255.255.255/32", "127.0.0.0/8", "169.254.0.0/16", "168.63.129.16/32")
)
# Tag limits (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations).
# Computed properties nested in an object the program sets: pulumi-azure-native's preview of a
# create marks every response property absent from the inputs unknown, nested ones included
# (provider/pkg/convert/previewOutputs.go, `PreviewOutputs`), and a program must not read them
# as a known null. Type -> (object input, computed property in it).
PREVIEW_NESTED_COMPUTED = {"azure-native:network:PublicIPAddress": (("dnsSettings", "fqdn"),)}
MAX_TAGS = 50
MAX_TAG_NAME = {"Microsoft.Storage/storageAccounts": 128}  # others: 512
MAX_TAG_VALUE = 256
MAX_TAG_CHARACTERS = {"Microsoft.Compute/virtualMachines": 2048}  # names and values together
TAG_NAME_FORBIDDEN = set("<>%&\\?/")
VM_SIZE = re.compile(r"^(standard|basic)_\w+", re.IGNORECASE)
# The OS an extension handler runs on (learn.microsoft.com/azure/virtual-machines/extensions/overview).
EXTENSION_OS = {
    ("Microsoft.OSTCExtensions", "VMAccessForLinux"): "linux",
    ("Microsoft.Compute", "VMAccessAgent"): "windows",
    ("Microsoft.Compute", "CustomScriptExtension"): "windows",
    ("Microsoft.Azure.Extensions", "CustomScript"): "linux",
}
# The letters a Standard size name starts with, one per family (learn.microsoft.com/azure/virtual-machines/
# sizes/overview); ARM answers another with "The value ... provided for the VM size is not valid".
VM_SIZE_FAMILIES = frozenset(
    "a b d dc ds e ec f fx g gs h hb hc hx l m nc ncc nd ng np nv".split()  # noqa: SIM905
)
# Generation-1-only sizes, which cannot boot a Trusted Launch (generation 2) VM: Av2, Dv2, Dv3, Ev3, the
# A and D v1 series, NC/NV/NP v1 (learn.microsoft.com/azure/virtual-machines/trusted-launch, "Not supported").
GEN1_ONLY_SIZES = re.compile(r"^standard_(a\d+m?(_v2)?|d\d+_v2|[de]\d+_v3|ds?\d+|(nc|nv|np)\d+[a-z]*)$", re.IGNORECASE)
# Most fault domains of an availability set, per region: `az vm list-skus --resource-type availabilitySets`
# (Aligned) as recorded in Azure/sap-automation deploy/configs/max_fault_domain_count.json (2024-10-11).
# Regions not listed: up to 3 accepted.
MAX_FAULT_DOMAINS = {
    **dict.fromkeys(
        """brazilsouth canadacentral centralindia centralus eastus eastus2 francecentral japaneast
        northcentralus northeurope southcentralus swedencentral westeurope westus westus2 westus3""".split(),  # noqa: SIM905
        3,
    ),
    **dict.fromkeys(
        """australiacentral australiacentral2 australiaeast australiasoutheast brazilsoutheast canadaeast
        eastasia eastus2euap francesouth germanynorth germanywestcentral israelcentral italynorth japanwest
        jioindiacentral jioindiawest koreacentral koreasouth mexicocentral newzealandnorth norwayeast norwaywest
        polandcentral qatarcentral southafricanorth southafricawest southcentralusstg southeastasia southindia
        spaincentral swedensouth switzerlandnorth switzerlandwest taiwannorth taiwannorthwest uaecentral uaenorth
        uksouth ukwest westcentralus westindia""".split(),  # noqa: SIM905
        2,
    ),
    "centraluseuap": 1,
    "eastusstg": 1,
}
# Public regions without availability zones (learn.microsoft.com/azure/reliability/regions-list, 2025-04-15):
# ARM refuses zonal resources there.
REGIONS_WITHOUT_ZONES = frozenset(
    """australiacentral australiacentral2 australiasoutheast brazilsoutheast canadaeast francesouth germanynorth
    koreasouth northcentralus norwaywest southafricawest southindia switzerlandwest uaecentral ukwest
    westcentralus westindia westus""".split()  # noqa: SIM905
)


class ArmRejection(Exception):
    """What Azure Resource Manager would answer with a 400."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


@dataclass(frozen=True)
class EngineOptions:
    """What the Pulumi engine, not the provider, decides about a change: the resource options."""

    delete_before_replace: bool = False
    replace_on_changes: tuple[str, ...] = ()
    ignore_changes: tuple[str, ...] = ()
    replacement_trigger: Any = None
    """The `replacement_trigger` value; None when unset."""
    replace_with: tuple[str, ...] = ()
    """URNs of the resources whose replacement replaces this one too (`replace_with`)."""


@dataclass
class Registered:
    """One resource as the mocks saw it: its inputs and the state ARM returned."""

    type: str
    name: str
    id: str
    inputs: dict[str, Any]
    state: dict[str, Any]
    secret_inputs: frozenset[str] = frozenset()
    """Top-level inputs that arrived as Pulumi secrets."""
    # What the engine knows of the resource beyond its inputs (filled in by the harness's
    # monitor); the policy pack's stack policies read them.
    urn: str = ""
    parent_urn: str = ""
    dependencies: tuple[str, ...] = ()
    """URNs of the resources this one depends on."""
    property_dependencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Input name -> URNs of the resources that input's value came from."""
    aliases: tuple[str, ...] = ()
    """The resource's aliases as the engine receives them: a URN, or the earlier type an alias
    spec names (`azure-native:network/v20240501:NetworkInterface`)."""
    options: EngineOptions = field(default_factory=lambda: EngineOptions())
    """The resource options the engine applies to changes (filled in by the harness's monitor)."""
    autonamed: bool = False
    """The program left the Azure name to Pulumi's auto-naming (a random suffix)."""

    @property
    def short_type(self) -> str:
        return self.type.rsplit(":", 1)[-1]


@dataclass
class _Subnet:
    """A subnet's address pool. Azure keeps five addresses of each subnet (network, .1 for
    the gateway, .2 and .3 for DNS, broadcast) and hands out the lowest free one.
    learn.microsoft.com/azure/virtual-network/virtual-networks-faq"""

    id: str
    prefix: ipaddress.IPv4Network
    used: set[ipaddress.IPv4Address] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.id.rsplit("/", 1)[1]

    def allocate(self, requested: str | None, method: str | None) -> str:
        first, last = self.prefix.network_address + 4, self.prefix.broadcast_address - 1
        if method == "Static" or requested:
            if not requested:
                raise ArmRejection("PrivateIPAddressRequired", "Static allocation needs privateIPAddress.")
            address = ipaddress.IPv4Address(requested)
            if not first <= address <= last:
                raise ArmRejection(
                    "PrivateIPAddressNotInSubnet" if address not in self.prefix else "PrivateIPAddressIsReserved",
                    f"{address} is not an assignable address of {self.id} ({first}-{last}).",
                )
            if address in self.used:
                raise ArmRejection("PrivateIPAddressInUse", f"{address} is already in use in {self.id}.")
        else:
            free = next((a for a in _addresses(first, last) if a not in self.used), None)
            if free is None:
                raise ArmRejection("SubnetIsFull", f"subnet {self.id} has no free address.")
            address = free
        self.used.add(address)
        return str(address)


def _addresses(first: ipaddress.IPv4Address, last: ipaddress.IPv4Address) -> Iterator[ipaddress.IPv4Address]:
    address = first
    while address <= last:
        yield address
        address += 1


@dataclass
class AzureMocks(pulumi.runtime.Mocks):
    """ARM-shaped answers for the resource types the project uses."""

    location: str = DEFAULT_LOCATION
    accept_unmanaged_disks: bool = False
    """Public Azure refuses new VMs with unmanaged (VHD) disks since their retirement; set
    True to model the Azure of 2016 and check the legacy layout itself."""
    registered: list[Registered] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    _resource_groups: dict[str, str] = field(default_factory=dict)
    _by_id: dict[str, Registered] = field(default_factory=dict)
    _subnets: dict[str, _Subnet] = field(default_factory=dict)
    _nat_rule_owners: dict[str, str] = field(default_factory=dict)
    _standalone_nat_rules: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Load balancer ID (lower case) -> name -> inputs of its standalone inbound NAT rules."""
    _extension_handlers: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)
    """VM ID (lower case) -> (publisher, type) -> the name of its one extension of that handler."""
    unchecked: list[str] = field(default_factory=list)
    """References to resources outside what the program created, which these mocks cannot see:
    accepted, and reported as not checked offline."""
    _storage_names: set[str] = field(default_factory=set)
    _storage_skus: dict[str, str] = field(default_factory=dict)
    _public_ips: int = 0

    # --- pulumi.runtime.Mocks ---------------------------------------------------------------

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        self.calls.append(args.token)
        if args.token == "azure-native:authorization:getClientConfig":
            return (
                {
                    "subscriptionId": SUBSCRIPTION_ID,
                    "tenantId": TENANT_ID,
                    "clientId": "11111111-0000-0000-0000-000000000000",
                    "objectId": "22222222-0000-0000-0000-000000000000",
                },
                [],
            )
        if args.token == "azure-native:network:getSubnet":
            vnet_id = _resource_id(
                args.args["resourceGroupName"], "Microsoft.Network/virtualNetworks", args.args["virtualNetworkName"]
            )
            subnet_id = f"{vnet_id}/subnets/{args.args['subnetName']}"
            subnet = self._subnets.get(subnet_id.lower())
            if subnet is None:
                raise ArmRejection("NotFound", f"Resource {subnet_id} not found.")
            return {"id": subnet_id, "name": args.args["subnetName"], "addressPrefix": str(subnet.prefix)}, []
        raise NotImplementedError(f"no mock for invoke {args.token}")

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        inputs, secret_inputs = _unwrap_secrets(dict(args.inputs))
        if not args.custom:
            return None, inputs
        handler = getattr(self, "_" + args.typ.rsplit(":", 1)[-1], None)
        if handler is None:
            raise NotImplementedError(f"no mock for resource type {args.typ}")
        if pulumi.runtime.is_dry_run():
            # `pulumi preview`: ARM is not called; IDs and computed properties stay unknown.
            self.registered.append(Registered(args.typ, args.name, "", inputs, inputs, frozenset(secret_inputs)))
            return "", _with_nested_unknowns(args.typ, inputs)
        arm_type, name_key = ARM_TYPES.get(args.typ, ("", ""))
        _check_tags(arm_type, inputs.get("tags"))
        autonamed = bool(name_key) and not inputs.get(name_key)
        resource_id, state = handler(args.name, inputs)
        registered = Registered(
            args.typ, args.name, resource_id, inputs, state, frozenset(secret_inputs), autonamed=autonamed
        )
        self.registered.append(registered)
        self._by_id[resource_id.lower()] = registered
        return resource_id, state

    # --- helpers ------------------------------------------------------------------------------

    def _arm_id(self, token: str, logical_name: str, inputs: dict[str, Any]) -> tuple[str, str]:
        arm_type, name_key = ARM_TYPES[token]
        name = inputs.get(name_key) or _autoname(logical_name)
        inputs[name_key] = name
        rg = inputs["resourceGroupName"]
        if rg not in self._resource_groups:
            raise ArmRejection("ResourceGroupNotFound", f"Resource group '{rg}' could not be found.")
        return _resource_id(rg, arm_type, name), name

    def _located(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """azure-native fills a missing location from the resource group's."""
        location = inputs.get("location") or self._resource_groups.get(
            inputs.get("resourceGroupName", ""), self.location
        )
        return {**inputs, "location": _arm_location(location)}

    # --- resource types -------------------------------------------------------------------------

    def _ResourceGroup(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        name = inputs.get("resourceGroupName") or _autoname(logical_name)
        self._resource_groups[name] = _arm_location(inputs.get("location") or self.location)
        state = {**inputs, "name": name, "location": self._resource_groups[name]}
        return f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{name}", state

    def _NetworkSecurityGroup(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:NetworkSecurityGroup", logical_name, inputs)
        priorities: set[tuple[str, int]] = set()
        for rule in inputs.get("securityRules", []):
            key = (rule["direction"], rule["priority"])
            if not 100 <= rule["priority"] <= 4096 or key in priorities:
                raise ArmRejection("SecurityRuleConflict", f"rule {rule['name']}: priority must be unique, 100-4096")
            priorities.add(key)
            for ranges in ("sourcePortRanges", "destinationPortRanges"):
                if "*" in rule.get(ranges, []):
                    raise ArmRejection(
                        "SecurityRuleInvalidPortRange", f"rule {rule['name']}: '*' only in {ranges[:-1]}."
                    )
            if any(_is_tag(p) for p in rule.get("sourceAddressPrefixes", [])):
                raise ArmRejection(
                    "SecurityRuleParameterContainsUnsupportedValue",
                    "SourceAddressPrefixes cannot specify Internet, VirtualNetwork, AzureLoadBalancer, '*' or tags.",
                )
            _check_rule_prefixes(rule)
        rules = [{**r, "id": f"{resource_id}/securityRules/{r['name']}"} for r in inputs.get("securityRules", [])]
        return resource_id, {**self._located(inputs), "name": name, "securityRules": rules}

    def _SecurityRule(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """A standalone rule of an existing NSG (what other stacks use; this project's rules are inline)."""
        nsg_id = _resource_id(
            inputs["resourceGroupName"], "Microsoft.Network/networkSecurityGroups", inputs["networkSecurityGroupName"]
        )
        if nsg_id.lower() not in self._by_id:
            raise ArmRejection("ParentResourceNotFound", f"NSG {inputs['networkSecurityGroupName']} not found.")
        name = inputs.get("securityRuleName") or _autoname(logical_name)
        if not 100 <= inputs.get("priority", 0) <= 4096:
            raise ArmRejection("SecurityRuleInvalidPriority", f"rule {name}: priority must be 100-4096.")
        for ranges in ("sourcePortRanges", "destinationPortRanges"):
            if "*" in inputs.get(ranges, []):
                raise ArmRejection("SecurityRuleInvalidPortRange", f"rule {name}: '*' only in {ranges[:-1]}.")
        _check_rule_prefixes({**inputs, "name": name})
        return f"{nsg_id}/securityRules/{name}", {**inputs, "name": name}

    def _VirtualNetwork(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:VirtualNetwork", logical_name, inputs)
        spaces = [ipaddress.IPv4Network(p) for p in inputs["addressSpace"]["addressPrefixes"]]
        for space in spaces:
            _check_vnet_range(space)
        subnets = []
        for subnet in inputs.get("subnets", []):
            prefix = ipaddress.IPv4Network(subnet["addressPrefix"])
            _check_vnet_range(prefix)
            if not any(prefix.subnet_of(space) for space in spaces):
                raise ArmRejection("NetcfgSubnetRangeOutsideVnet", f"Subnet {subnet['name']} is outside the VNet.")
            for ref, kind in ((subnet.get("networkSecurityGroup"), "NSG"), (subnet.get("natGateway"), "NAT gateway")):
                if ref:
                    self._require(ref.get("id", ""), kind)
            if subnet["name"] == BASTION_SUBNET and prefix.prefixlen > 26:
                raise ArmRejection(
                    "AzureBastionSubnetPrefixLengthTooSmall", f"{BASTION_SUBNET} must be /26 or larger, not {prefix}."
                )
            subnet_id = f"{resource_id}/subnets/{subnet['name']}"
            self._subnets[subnet_id.lower()] = _Subnet(subnet_id, prefix)
            subnets.append({**subnet, "id": subnet_id})
        return resource_id, {**self._located(inputs), "name": name, "subnets": subnets}

    def _PublicIPAddress(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:PublicIPAddress", logical_name, inputs)
        sku = (inputs.get("sku") or {}).get("name", "Basic")
        if sku != "Standard":
            raise ArmRejection("IPv4BasicSkuPublicIpCountLimitReached", "Basic SKU public IPs are retired.")
        if inputs.get("publicIPAllocationMethod") != "Static":
            raise ArmRejection("StandardSkuPublicIPAddressesMustBeStatic", "Standard public IPs must be Static.")
        _check_zones(inputs.get("zones"))
        state = self._located(inputs)
        _check_zones_offered(state["location"], inputs.get("zones"))
        self._public_ips += 1
        state.update(name=name, ipAddress=f"20.160.{self._public_ips // 250}.{self._public_ips % 250 + 1}")
        label = (inputs.get("dnsSettings") or {}).get("domainNameLabel")
        if label:
            if not re.fullmatch(r"[a-z][a-z0-9-]{1,61}[a-z0-9]", label):
                raise ArmRejection("InvalidDomainNameLabel", f"{label} is not a valid DNS label.")
            state["dnsSettings"] = {**inputs["dnsSettings"], "fqdn": f"{label}.{state['location']}.cloudapp.azure.com"}
        return resource_id, state

    def _LoadBalancer(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:LoadBalancer", logical_name, inputs)
        if (inputs.get("sku") or {}).get("name", "Basic") != "Standard":
            raise ArmRejection("BasicSkuLoadBalancerRetired", "Basic SKU load balancers are retired.")
        children = {c: {item["name"] for item in inputs.get(c, [])} for c in LB_COLLECTIONS}

        def check_ref(owner: str, ref: dict[str, Any] | None, collection: str) -> None:
            ref_id = (ref or {}).get("id", "")
            prefix = f"{resource_id}/{collection}/"
            if not ref_id.startswith(prefix) or ref_id[len(prefix) :] not in children[collection]:
                raise ArmRejection("InvalidResourceReference", f"{owner}: {ref_id!r} is not a {collection} of {name}.")

        for probe in inputs.get("probes", []):
            if probe.get("intervalInSeconds", 15) < 5:
                raise ArmRejection("InvalidProbeInterval", "Probe interval must be at least 5 seconds.")
            if probe["protocol"] in ("Http", "Https") and not probe.get("requestPath"):
                raise ArmRejection("ProbeRequestPathRequired", "HTTP(S) probes need a request path.")
        frontends: set[tuple[str, int, str]] = set()
        backends: set[tuple[int, str]] = set()
        for kind in ("loadBalancingRules", "inboundNatRules"):
            for rule in inputs.get(kind, []):
                check_ref(rule["name"], rule.get("frontendIPConfiguration"), "frontendIPConfigurations")
                key = (rule["frontendIPConfiguration"]["id"], rule["frontendPort"], rule["protocol"])
                if key in frontends or not 1 <= rule["frontendPort"] <= 65534:
                    raise ArmRejection("InvalidFrontendPort", f"{rule['name']}: frontend port in use or out of range.")
                frontends.add(key)
                if kind == "loadBalancingRules":
                    check_ref(rule["name"], rule.get("backendAddressPool"), "backendAddressPools")
                    check_ref(rule["name"], rule.get("probe"), "probes")
                    if (rule["backendPort"], rule["protocol"]) in backends:
                        raise ArmRejection("RulesUseSameBackendPortProtocolAndPool", rule["name"])
                    backends.add((rule["backendPort"], rule["protocol"]))
                    if inputs.get("outboundRules") and not rule.get("disableOutboundSnat"):
                        raise ArmRejection(
                            "LoadBalancingRuleMustDisableSNATSinceSameProtocolAndBackendPortUsedByOutboundRule",
                            rule["name"],
                        )
        if len(inputs.get("loadBalancingRules", [])) + len(inputs.get("inboundNatRules", [])) > MAX_LB_RULES:
            raise ArmRejection("LoadBalancerRulesLimitExceeded", f"More than {MAX_LB_RULES} rules.")
        for rule in inputs.get("outboundRules", []):
            check_ref(rule["name"], rule.get("backendAddressPool"), "backendAddressPools")
            for frontend in rule.get("frontendIPConfigurations", []):
                check_ref(rule["name"], frontend, "frontendIPConfigurations")
        public_frontends = set()
        frontend_states = []
        for frontend in inputs.get("frontendIPConfigurations", []):
            frontend_id = f"{resource_id}/frontendIPConfigurations/{frontend['name']}"
            pip = (frontend.get("publicIPAddress") or {}).get("id")
            subnet_ref = (frontend.get("subnet") or {}).get("id")
            if bool(pip) == bool(subnet_ref):
                raise ArmRejection(
                    "InvalidFrontendIPConfiguration",
                    f"{frontend['name']}: a frontend has either a public IP or a subnet, not both or neither.",
                )
            if pip:
                if pip.lower() not in self._by_id:
                    raise ArmRejection("InvalidResourceReference", f"public IP {pip} not found.")
                public_frontends.add(frontend_id)
                frontend_states.append({**frontend, "id": frontend_id})
                continue
            _check_zones(frontend.get("zones"))
            subnet = self._subnet(str(subnet_ref))
            address = subnet.allocate(frontend.get("privateIPAddress"), frontend.get("privateIPAllocationMethod"))
            frontend_states.append(
                {**frontend, "id": frontend_id, "privateIPAddress": address, "privateIPAddressVersion": "IPv4"}
            )
        for rule in inputs.get("outboundRules", []):
            for frontend in rule.get("frontendIPConfigurations", []):
                if frontend["id"] not in public_frontends:
                    raise ArmRejection(
                        "OutboundRuleCannotUsePrivateFrontendIPConfiguration",
                        f"{rule['name']}: outbound rules need a public frontend IP configuration.",
                    )
        state = self._located(inputs)
        state["name"] = name
        for collection in LB_COLLECTIONS:
            state[collection] = [
                {**item, "id": f"{resource_id}/{collection}/{item['name']}"} for item in inputs.get(collection, [])
            ]
        state["frontendIPConfigurations"] = frontend_states
        return resource_id, state

    def _NetworkInterface(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:NetworkInterface", logical_name, inputs)
        ip_configurations = []
        for ip_configuration in inputs.get("ipConfigurations", []):
            subnet = self._subnet(ip_configuration["subnet"]["id"])
            for pool in ip_configuration.get("loadBalancerBackendAddressPools", []):
                self._require_lb_child(pool["id"], "backendAddressPools")
            for nat_rule in ip_configuration.get("loadBalancerInboundNatRules", []):
                if not nat_rule.get("id"):
                    raise ArmRejection("InvalidResourceReference", "an inbound NAT rule reference without an ID.")
                self._require_lb_child(nat_rule["id"], "inboundNatRules")
                owner = self._nat_rule_owners.setdefault(nat_rule["id"].lower(), name)
                if owner != name:
                    raise ArmRejection(
                        "RulesOfSameLoadBalancerTypeUseSameBackendPortProtocolAndIPConfig",
                        f"inbound NAT rule {nat_rule['id']} is already used by {owner}.",
                    )
            address = subnet.allocate(
                ip_configuration.get("privateIPAddress"), ip_configuration.get("privateIPAllocationMethod")
            )
            ip_configurations.append(
                {
                    **ip_configuration,
                    "id": f"{resource_id}/ipConfigurations/{ip_configuration['name']}",
                    "privateIPAddress": address,
                }
            )
        nsg = (inputs.get("networkSecurityGroup") or {}).get("id")
        if nsg:
            self._require(nsg, "NSG")
        state = {**self._located(inputs), "name": name, "ipConfigurations": ip_configurations}
        state["macAddress"] = "00-0D-3A-" + "-".join(f"{b:02X}" for b in hashlib.sha256(name.encode()).digest()[:3])
        return resource_id, state

    def _NatGateway(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:NatGateway", logical_name, inputs)
        if (inputs.get("sku") or {}).get("name") not in ("Standard", "StandardV2"):
            raise ArmRejection("InvalidParameter", "NAT gateways are of SKU Standard (or StandardV2).")
        ips = inputs.get("publicIpAddresses", [])
        if not ips and not inputs.get("publicIpPrefixes"):
            raise ArmRejection("NatGatewayRequiresPublicIp", "A NAT gateway needs a public IP or prefix.")
        for ip in ips:
            if ip["id"].lower() not in self._by_id:
                raise ArmRejection("InvalidResourceReference", f"public IP {ip['id']} not found.")
        if not 4 <= inputs.get("idleTimeoutInMinutes", 4) <= 120:
            raise ArmRejection("InvalidParameter", "idleTimeoutInMinutes must be 4-120.")
        return resource_id, {**self._located(inputs), "name": name}

    def _require(self, resource_id: str, kind: str) -> None:
        """A reference ARM resolves: to a resource the program created, or, in a resource group
        the program did not create, to one these mocks cannot see (accepted, and noted as not
        checked offline). A missing resource in the program's own resource groups is refused."""
        if resource_id.lower() in self._by_id:
            return
        group = re.match(r"^/subscriptions/[^/]+/resourceGroups/([^/]+)/", resource_id, re.IGNORECASE)
        if group is not None and group[1] not in self._resource_groups:
            self.unchecked.append(f"{kind} {resource_id}")
            return
        raise ArmRejection("InvalidResourceReference", f"{kind} {resource_id} not found.")

    def _subnet(self, subnet_id: str) -> _Subnet:
        subnet = self._subnets.get(subnet_id.lower())
        if subnet is None:
            raise ArmRejection("InvalidResourceReference", f"subnet {subnet_id} not found.")
        return subnet

    def _require_lb_child(self, child_id: str, collection: str) -> None:
        lb_id, sep, rest = child_id.partition(f"/{collection}/")
        lb = self._by_id.get(lb_id.lower())
        names = set() if lb is None else {item["name"] for item in lb.inputs.get(collection, [])}
        if collection == "inboundNatRules":
            names |= set(self._standalone_nat_rules.get(lb_id.lower(), {}))
        if not sep or lb is None or rest not in names:
            raise ArmRejection("InvalidResourceReference", f"{child_id} is not a {collection} of a load balancer.")

    def _InboundNatRule(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """A standalone inbound NAT rule: a child of an existing load balancer, written by a PUT
        on `.../loadBalancers/<lb>/inboundNatRules/<name>`."""
        lb_id = _resource_id(inputs["resourceGroupName"], "Microsoft.Network/loadBalancers", inputs["loadBalancerName"])
        lb = self._by_id.get(lb_id.lower())
        if lb is None:
            raise ArmRejection("ParentResourceNotFound", f"load balancer {inputs['loadBalancerName']} not found.")
        name = inputs.get("inboundNatRuleName") or _autoname(logical_name)
        resource_id = f"{lb_id}/inboundNatRules/{name}"
        frontend_id = (inputs.get("frontendIPConfiguration") or {}).get("id", "")
        frontends = {
            f"{lb.id}/frontendIPConfigurations/{f['name']}" for f in lb.inputs.get("frontendIPConfigurations", [])
        }
        if frontend_id not in frontends:
            raise ArmRejection("InvalidResourceReference", f"{name}: {frontend_id!r} is not a frontend of {lb.id}.")
        port, protocol = inputs.get("frontendPort", 0), inputs.get("protocol")
        if not 1 <= port <= 65534:
            raise ArmRejection("InvalidFrontendPort", f"{name}: frontend port {port} is out of range 1-65534.")
        if not 1 <= inputs.get("backendPort", 0) <= 65535:
            raise ArmRejection("InvalidBackendPort", f"{name}: backend port must be 1-65535.")
        siblings = self._standalone_nat_rules.setdefault(lb_id.lower(), {})
        if name in {r["name"] for r in lb.inputs.get("inboundNatRules", [])}:
            raise ArmRejection("InvalidResourceReference", f"{name} is already an inline rule of {lb.id}.")
        taken = [
            (rule.get("frontendIPConfiguration", {}).get("id"), rule.get("frontendPort"), rule.get("protocol"), n)
            for n, rule in [(r["name"], r) for r in lb.inputs.get("loadBalancingRules", [])]
            + [(r["name"], r) for r in lb.inputs.get("inboundNatRules", [])]
            + [(n, r) for n, r in siblings.items() if n != name]
        ]
        for other_frontend, other_port, other_protocol, other in taken:
            if (other_frontend, other_port, other_protocol) == (frontend_id, port, protocol):
                raise ArmRejection(
                    "InvalidFrontendPort", f"{name}: frontend port {port}/{protocol} is already used by rule {other}."
                )
        rules = len(lb.inputs.get("loadBalancingRules", [])) + len(lb.inputs.get("inboundNatRules", []))
        if rules + len(siblings) + (name not in siblings) > MAX_LB_RULES:
            raise ArmRejection("LoadBalancerRulesLimitExceeded", f"More than {MAX_LB_RULES} rules on {lb.id}.")
        siblings[name] = {**inputs, "name": name}
        return resource_id, {**inputs, "name": name}

    def _AvailabilitySet(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:compute:AvailabilitySet", logical_name, inputs)
        state = self._located(inputs)
        most = MAX_FAULT_DOMAINS.get(state["location"], 3)
        if not 1 <= inputs.get("platformFaultDomainCount", 2) <= most:
            raise ArmRejection(
                "InvalidParameter",
                f"The specified fault domain count {inputs.get('platformFaultDomainCount')} must fall in the range "
                f"1 to {most}.",
            )
        if not 1 <= inputs.get("platformUpdateDomainCount", 5) <= 20:
            raise ArmRejection("InvalidParameter", "platformUpdateDomainCount must be 1-20.")
        sku = (inputs.get("sku") or {}).get("name", "Classic")
        return resource_id, {**state, "name": name, "sku": {"name": sku}}

    def _VirtualMachine(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:compute:VirtualMachine", logical_name, inputs)
        size = (inputs.get("hardwareProfile") or {}).get("vmSize")
        if size is not None and not _is_vm_size(size):
            raise ArmRejection("InvalidParameter", f"The value {size} provided for the VM size is not valid.")
        security = inputs.get("securityProfile") or {}
        if (
            security.get("securityType") == "TrustedLaunch"
            and size is not None
            and (size.lower().startswith("basic_") or GEN1_ONLY_SIZES.match(size))
        ):
            raise ArmRejection(
                "BadRequest", f"The selected VM size '{size}' cannot boot Hypervisor Generation '2' (Trusted Launch)."
            )
        if security.get("uefiSettings") and security.get("securityType") not in ("TrustedLaunch", "ConfidentialVM"):
            raise ArmRejection("InvalidParameter", "uefiSettings need securityType TrustedLaunch or ConfidentialVM.")
        avset = self._by_id.get(inputs.get("availabilitySet", {}).get("id", "").lower())
        os_disk = inputs["storageProfile"]["osDisk"]
        managed = "vhd" not in os_disk
        if avset is not None:
            sku = avset.state["sku"]["name"]
            if managed and sku != "Aligned":
                raise ArmRejection("InvalidParameter", "Please create an Availability Set with 'Aligned' SKU.")
            if not managed and sku != "Classic":
                raise ArmRejection("InvalidParameter", "Unmanaged disks need a 'Classic' availability set.")
        zones = inputs.get("zones")
        if zones:
            _check_zones(zones)
            if len(zones) != 1:
                raise ArmRejection("InvalidParameter", "A virtual machine can be placed in one availability zone.")
            if avset is not None or inputs.get("availabilitySet"):
                # ARM: a VM is either in an availability set or in a zone.
                raise ArmRejection(
                    "InvalidParameter", "Availability Zone and Availability Set cannot be specified together."
                )
            if not managed:
                raise ArmRejection("InvalidParameter", "Zonal virtual machines need managed disks.")
        if not managed and not self.accept_unmanaged_disks:
            raise ArmRejection(
                "OperationNotAllowed", "Unmanaged disks are retired (2026-03-31): create VMs with managed disks."
            )
        if not managed:
            account = _account_of(os_disk["vhd"]["uri"])
            if account not in self._storage_names:
                raise ArmRejection("StorageAccountNotFound", f"VHD storage account {account} not found.")
        for nic in inputs["networkProfile"]["networkInterfaces"]:
            if nic["id"].lower() not in self._by_id:
                raise ArmRejection("InvalidResourceReference", f"NIC {nic['id']} not found.")
            if nic.get("deleteOption", "Detach") not in ("Delete", "Detach"):
                raise ArmRejection("InvalidParameter", f"deleteOption {nic['deleteOption']!r} is not Delete or Detach.")
            pooled = any(
                c.get("loadBalancerBackendAddressPools")
                for c in self._by_id[nic["id"].lower()].inputs["ipConfigurations"]
            )
            if pooled and (size or "").lower().startswith("basic_"):
                raise ArmRejection(
                    "LoadBalancingNotSupportedForBasicVm", f"{size}: Basic VMs cannot be behind a load balancer."
                )
        profile = inputs["osProfile"]
        if len(base64.b64decode(profile.get("customData", ""))) > 65535:
            raise ArmRejection("InvalidParameter", "customData decodes to more than 65535 bytes.")
        linux = profile.get("linuxConfiguration")
        _check_patch_settings(linux, profile.get("windowsConfiguration"))
        if linux is not None:
            if len(profile["computerName"]) > 64:
                raise ArmRejection("InvalidParameter", "Linux computer names are at most 64 characters.")
            keys = (linux.get("ssh") or {}).get("publicKeys", [])
            if linux.get("disablePasswordAuthentication") and not keys:
                raise ArmRejection("InvalidParameter", "Password authentication is disabled but no SSH key is given.")
            if not linux.get("disablePasswordAuthentication") and not profile.get("adminPassword"):
                raise ArmRejection("InvalidParameter", "adminPassword is required when password login is enabled.")
        else:
            if len(profile["computerName"]) > 15:
                raise ArmRejection("InvalidParameter", "Windows computer names are at most 15 characters.")
            if not profile.get("adminPassword"):
                raise ArmRejection("InvalidParameter", "Windows VMs need adminPassword.")
        boot = (inputs.get("diagnosticsProfile") or {}).get("bootDiagnostics") or {}
        if boot.get("storageUri"):
            account = _account_of(boot["storageUri"])
            if account not in self._storage_names:
                raise ArmRejection("StorageAccountNotFound", f"boot diagnostics account {account} not found.")
            if self._storage_skus[account].startswith("Premium") or "ZRS" in self._storage_skus[account]:
                raise ArmRejection("InvalidParameter", "Boot diagnostics cannot use a Premium or ZRS account.")
        state = {**self._located(inputs), "name": name, "vmId": str(uuid.uuid5(uuid.NAMESPACE_URL, resource_id))}
        _check_zones_offered(state["location"], zones)
        return resource_id, state

    def _StorageAccount(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:storage:StorageAccount", logical_name, inputs)
        if not re.fullmatch(r"[a-z0-9]{3,24}", name):
            raise ArmRejection("AccountNameInvalid", f"{name} is not a valid storage account name.")
        if name in self._storage_names:
            raise ArmRejection("StorageAccountAlreadyTaken", f"The storage account named {name} is already taken.")
        self._storage_names.add(name)
        self._storage_skus[name] = (inputs.get("sku") or {}).get("name", "")
        rules = inputs.get("networkRuleSet") or {}
        if rules.get("defaultAction", "Allow") not in ("Allow", "Deny"):
            raise ArmRejection("InvalidValuesForRequestParameters", f"defaultAction {rules['defaultAction']!r}.")
        endpoints = {
            kind: f"https://{name}.{kind}.core.windows.net/"
            for kind in ("blob", "queue", "table", "file", "dfs", "web")
        }
        return resource_id, {**self._located(inputs), "name": name, "primaryEndpoints": endpoints}

    def _VirtualMachineExtension(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        vm = self._parent_vm(inputs)
        name = inputs.get("vmExtensionName") or _autoname(logical_name)
        handler = (inputs.get("publisher", ""), inputs.get("type", ""))
        os_name = "windows" if "windowsConfiguration" in (vm.inputs.get("osProfile") or {}) else "linux"
        expected = EXTENSION_OS.get(handler)
        if expected is not None and expected != os_name:
            raise ArmRejection(
                "VMExtensionProvisioningError", f"{name}: {handler[1]} runs on {expected} VMs, not on {vm.name}."
            )
        handlers = self._extension_handlers.setdefault(vm.id.lower(), {})
        if handlers.setdefault(handler, name) != name:
            # learn.microsoft.com/azure/virtual-machines/extensions/features-windows: one extension per handler.
            raise ArmRejection(
                "OperationNotAllowed", f"Multiple VMExtensions per handler not supported: {handler[1]} on {vm.name}."
            )
        if inputs.get("protectedSettings") is not None and not isinstance(inputs["protectedSettings"], dict):
            raise ArmRejection("InvalidParameter", f"{name}: protectedSettings is a JSON object.")
        return f"{vm.id}/extensions/{name}", {**self._located(inputs), "name": name}

    def _VirtualMachineRunCommandByVirtualMachine(
        self, logical_name: str, inputs: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """A managed run command (learn.microsoft.com/azure/virtual-machines/run-command-managed):
        a script (inline, from a URI, or a built-in command) the VM agent runs; with
        `treatFailureAsDeploymentFailure` a failing script fails the PUT."""
        vm = self._parent_vm(inputs)
        name = inputs.get("runCommandName") or _autoname(logical_name)
        source = inputs.get("source") or {}
        if sum(1 for key in ("script", "scriptUri", "commandId") if source.get(key)) != 1:
            raise ArmRejection("InvalidParameter", f"{name}: source needs exactly one of script, scriptUri, commandId.")
        for parameter in [*inputs.get("parameters", []), *inputs.get("protectedParameters", [])]:
            if not parameter.get("name") or not isinstance(parameter.get("value"), str):
                raise ArmRejection("InvalidParameter", f"{name}: each parameter needs a name and a string value.")
        timeout = inputs.get("timeoutInSeconds", 0)
        if not isinstance(timeout, (int, float)) or timeout < 0:
            raise ArmRejection("InvalidParameter", f"{name}: timeoutInSeconds must be a positive number.")
        state = {**self._located(inputs), "name": name, "provisioningState": "Succeeded"}
        return f"{vm.id}/runCommands/{name}", state

    def _parent_vm(self, inputs: dict[str, Any]) -> Registered:
        vm_id = _resource_id(inputs["resourceGroupName"], "Microsoft.Compute/virtualMachines", inputs["vmName"])
        vm = self._by_id.get(vm_id.lower())
        if vm is None:
            raise ArmRejection("ParentResourceNotFound", f"VM {inputs['vmName']} not found.")
        return vm

    def _BastionHost(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:BastionHost", logical_name, inputs)
        sku = (inputs.get("sku") or {}).get("name", "Standard")
        if sku not in BASTION_SKUS:
            raise ArmRejection("InvalidParameter", f"Bastion SKU {sku!r} is not one of {', '.join(BASTION_SKUS)}.")
        if inputs.get("enableTunneling") and sku not in ("Standard", "Premium"):
            raise ArmRejection("BastionFeatureNotSupportedForSku", "Native client support needs Standard or Premium.")
        configurations = inputs.get("ipConfigurations") or []
        if sku != "Developer" and len(configurations) != 1:
            raise ArmRejection("InvalidParameter", "A Bastion host needs exactly one IP configuration.")
        for configuration in configurations:
            subnet = self._subnet((configuration.get("subnet") or {}).get("id", ""))
            if subnet.name != BASTION_SUBNET:
                raise ArmRejection(
                    "BastionHostSubnetMustBeAzureBastionSubnet",
                    f"A Bastion host needs a subnet named {BASTION_SUBNET}.",
                )
            pip_id = (configuration.get("publicIPAddress") or {}).get("id", "")
            pip = self._by_id.get(pip_id.lower())
            if pip is None:
                raise ArmRejection("InvalidResourceReference", f"public IP {pip_id} not found.")
            if (pip.inputs.get("sku") or {}).get("name") != "Standard":
                raise ArmRejection("BastionHostPublicIpMustBeStandardSku", "Bastion needs a Standard public IP.")
        state = {**self._located(inputs), "name": name, "sku": {"name": sku}}
        state["dnsName"] = f"bst-{uuid.uuid5(uuid.NAMESPACE_URL, resource_id)}.bastion.azure.com"
        return resource_id, state

    def _DiagnosticSetting(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        target = self._by_id.get(inputs.get("resourceUri", "").lower())
        if target is None:
            raise ArmRejection("ResourceNotFound", f"resource {inputs.get('resourceUri')!r} not found.")
        name = inputs.get("name") or _autoname(logical_name)
        destinations = ("storageAccountId", "workspaceId", "eventHubAuthorizationRuleId", "marketplacePartnerId")
        if not any(inputs.get(d) for d in destinations):
            raise ArmRejection("BadRequest", "A diagnostic setting needs at least one destination.")
        storage = inputs.get("storageAccountId")
        if storage and storage.lower() not in self._by_id:
            raise ArmRejection("ResourceNotFound", f"storage account {storage} not found.")
        if storage:
            # Azure Monitor writes through the storage firewall only as a trusted Microsoft service
            # (learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings).
            rules = self._by_id[storage.lower()].inputs.get("networkRuleSet") or {}
            bypass = {b.strip().lower() for b in str(rules.get("bypass", "AzureServices")).split(",")}
            if rules.get("defaultAction") == "Deny" and "azureservices" not in bypass:
                # ARM's own code for this refusal is not documented: the mocks name it.
                raise ArmRejection(
                    "StorageAccountFirewallBlocksAzureMonitor",
                    f"storage account {storage.rsplit('/', 1)[1]} denies every network without the "
                    "AzureServices bypass, so Azure Monitor cannot write to it.",
                )
        workspace = inputs.get("workspaceId")
        if workspace and not WORKSPACE_ID.match(workspace):
            raise ArmRejection("LinkedInvalidPropertyId", f"{workspace!r} is not a Log Analytics workspace ID.")
        if target.type == "azure-native:network:LoadBalancer":
            for log in inputs.get("logs", []):
                if (
                    log.get("category") not in LB_LOG_CATEGORIES
                    and log.get("categoryGroup") not in LB_LOG_CATEGORY_GROUPS
                ):
                    raise ArmRejection("BadRequest", f"Category {log.get('category')!r} is not supported.")
            for metric in inputs.get("metrics", []):
                if metric.get("category") != "AllMetrics":
                    raise ArmRejection("BadRequest", f"Metric category {metric.get('category')!r} is not supported.")
        resource_id = f"{target.id}/providers/Microsoft.Insights/diagnosticSettings/{name}"
        return resource_id, {**inputs, "name": name}

    def _ActionGroup(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:monitor:ActionGroup", logical_name, inputs)
        short_name = inputs.get("groupShortName", "")
        if not 1 <= len(short_name) <= 12:
            raise ArmRejection("InvalidParameter", f"groupShortName {short_name!r} must be 1-12 characters.")
        for receiver in inputs.get("emailReceivers", []):
            if "@" not in receiver.get("emailAddress", ""):
                raise ArmRejection("InvalidParameter", f"{receiver.get('emailAddress')!r} is not an e-mail address.")
        location = inputs.get("location") or "global"
        return resource_id, {**inputs, "name": name, "location": location}

    def _MetricAlert(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:monitor:MetricAlert", logical_name, inputs)
        if (inputs.get("location") or "").lower() != "global":
            raise ArmRejection("InvalidParameter", "Metric alert rules live in location 'global'.")
        if not 0 <= inputs.get("severity", -1) <= 4:
            raise ArmRejection("InvalidParameter", "severity must be 0-4.")
        if inputs.get("windowSize") not in ALERT_WINDOWS or inputs.get("evaluationFrequency") not in ALERT_FREQUENCIES:
            raise ArmRejection("InvalidParameter", "unsupported windowSize or evaluationFrequency.")
        scopes = inputs.get("scopes") or []
        targets = [self._by_id.get(scope.lower()) for scope in scopes]
        if not scopes or any(t is None for t in targets):
            raise ArmRejection("ResourceNotFound", f"alert scopes {scopes} not found.")
        criteria = inputs.get("criteria") or {}
        if criteria.get("odataType") != "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria":
            raise ArmRejection("InvalidParameter", f"criteria type {criteria.get('odataType')!r} not supported here.")
        for criterion in criteria.get("allOf", []):
            lb_scope = all(t is not None and t.type == "azure-native:network:LoadBalancer" for t in targets)
            if lb_scope and criterion.get("metricName") not in LB_METRICS:
                raise ArmRejection("BadRequest", f"Couldn't find metric {criterion.get('metricName')!r}.")
            known = LB_METRIC_DIMENSIONS.get(criterion.get("metricName", ""), set()) if lb_scope else None
            for dimension in criterion.get("dimensions", []):
                if known is not None and dimension.get("name") not in known:
                    raise ArmRejection("BadRequest", f"Metric has no dimension {dimension.get('name')!r}.")
        for action in inputs.get("actions", []):
            if action.get("actionGroupId", "").lower() not in self._by_id:
                raise ArmRejection("ResourceNotFound", f"action group {action.get('actionGroupId')} not found.")
        return resource_id, {**inputs, "name": name}

    def _Stash(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """Not Azure: the Pulumi engine's own resource, which keeps a value in the state and calls
        no provider; its first input is its output."""
        resource_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"stash/{logical_name}"))
        return resource_id, {**inputs, "output": inputs.get("input")}

    def _BlobContainer(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        account = inputs["accountName"]
        if account not in self._storage_names:
            raise ArmRejection("StorageAccountNotFound", f"storage account {account} not found.")
        name = inputs.get("containerName") or _autoname(logical_name)
        account_id = _resource_id(inputs["resourceGroupName"], "Microsoft.Storage/storageAccounts", account)
        resource_id = f"{account_id}/blobServices/default/containers/{name}"
        return resource_id, {**inputs, "name": name}


def _arm_location(location: str) -> str:
    """ARM reads a location case-insensitively, spaces ignored, and answers its programmatic name."""
    name = re.sub(r"\s+", "", location).lower()
    if name not in ARM_LOCATIONS:
        raise ArmRejection(
            "LocationNotAvailableForResourceType", f"The provided location '{location}' is not available."
        )
    return name


def _check_vnet_range(prefix: ipaddress.IPv4Network) -> None:
    for forbidden in VNET_FORBIDDEN_RANGES:
        if prefix.overlaps(forbidden):
            raise ArmRejection("InvalidAddressPrefix", f"{prefix} overlaps {forbidden}, which a VNet cannot use.")


def _check_rule_prefixes(rule: dict[str, Any]) -> None:
    for key in ("sourceAddressPrefix", "destinationAddressPrefix"):
        prefix = rule.get(key)
        if prefix and _is_tag(prefix) and prefix != "*" and not _is_service_tag(prefix):
            raise ArmRejection(
                "SecurityRuleInvalidAddressPrefix",
                f"Security rule {rule.get('name')} has invalid Address prefix. Value provided: {prefix}",
            )


def _is_service_tag(name: str) -> bool:
    lower = name.lower()
    if lower in NSG_SERVICE_TAGS:
        return True
    base, _, region = lower.rpartition(".")
    if base not in NSG_REGIONAL_SERVICE_TAGS:
        return False
    return region in ARM_LOCATIONS or (base == "azurecloud" and region in AZURE_CLOUD_TAG_REGIONS)


def _check_tags(arm_type: str, tags: Any) -> None:
    if not tags:
        return
    if len(tags) > MAX_TAGS:
        raise ArmRejection("InvalidTagCount", f"At most {MAX_TAGS} tags per resource, not {len(tags)}.")
    max_name = MAX_TAG_NAME.get(arm_type, 512)
    for key, value in tags.items():
        if not isinstance(value, str):
            raise ArmRejection("InvalidRequestContent", f"Tag {key!r}: tag values are strings, not {value!r}.")
        if len(key) > max_name or TAG_NAME_FORBIDDEN & set(key):
            raise ArmRejection("InvalidTagNameCharacters", f"Tag name {key[:40]!r}... is not valid for {arm_type}.")
        if len(value) > MAX_TAG_VALUE:
            raise ArmRejection("InvalidTagValueLength", f"Tag {key!r}: values are at most {MAX_TAG_VALUE} characters.")
    total = MAX_TAG_CHARACTERS.get(arm_type)
    if total is not None and sum(len(k) + len(v) for k, v in tags.items()) > total:
        raise ArmRejection("InvalidTagsLength", f"{arm_type}: at most {total} characters in all tags together.")


def _resource_id(resource_group: str, arm_type: str, name: str) -> str:
    return f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{resource_group}/providers/{arm_type}/{name}"


def _check_zones(zones: list[str] | None) -> None:
    for zone in zones or []:
        if zone not in AZURE_ZONES:
            raise ArmRejection("InvalidAvailabilityZone", f"Zone {zone!r} is not one of {', '.join(AZURE_ZONES)}.")


def _is_vm_size(size: str) -> bool:
    if size.lower().startswith("basic_"):
        return VM_SIZE.match(size) is not None
    family = re.match(r"^standard_([a-z]+)\d", size, re.IGNORECASE)
    return family is not None and family.group(1).lower() in VM_SIZE_FAMILIES


def _check_zones_offered(location: str, zones: list[str] | None) -> None:
    if zones and location in REGIONS_WITHOUT_ZONES:
        raise ArmRejection(
            "AvailabilityZoneNotSupported", f"The region {location} does not support availability zones."
        )


def _check_patch_settings(linux: dict[str, Any] | None, windows: dict[str, Any] | None) -> None:
    """Compute API rules for guest patching (learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching)."""
    os_name, configuration = ("linux", linux) if linux is not None else ("windows", windows or {})
    patch = configuration.get("patchSettings") or {}
    mode = patch.get("patchMode")
    if mode is not None and mode not in PATCH_MODES[os_name]:
        raise ArmRejection("InvalidParameter", f"patchMode {mode!r} is not valid for {os_name} VMs.")
    platform = mode == "AutomaticByPlatform" or patch.get("assessmentMode") == "AutomaticByPlatform"
    if platform and not configuration.get("provisionVMAgent", True):
        raise ArmRejection("InvalidParameter", "AutomaticByPlatform patching needs provisionVMAgent=true.")
    if os_name == "windows" and mode is not None:
        automatic_updates = configuration.get("enableAutomaticUpdates", True)
        if (mode == "Manual") == bool(automatic_updates):
            raise ArmRejection(
                "InvalidParameter",
                f"patchMode {mode!r} needs enableAutomaticUpdates={'false' if mode == 'Manual' else 'true'}.",
            )
    if patch.get("automaticByPlatformSettings") and mode != "AutomaticByPlatform":
        raise ArmRejection("InvalidParameter", "automaticByPlatformSettings need patchMode AutomaticByPlatform.")


def _unwrap_secrets(inputs: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The mock monitor hands secrets over wrapped; ARM sees plain values. Returns the plain
    inputs and the names of the top-level inputs that held a secret."""
    secret: set[str] = set()

    def plain(value: Any, top: str) -> Any:
        if isinstance(value, dict):
            if value.get(_SIG_KEY) == _SECRET_SIG:
                secret.add(top)
                return plain(value["value"], top)
            return {k: plain(v, top) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v, top) for v in value]
        return value

    return {key: plain(value, key) for key, value in inputs.items()}, secret


def _with_nested_unknowns(token: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """A preview's state: the inputs, with the nested computed properties unknown."""
    state = dict(inputs)
    for parent, computed in PREVIEW_NESTED_COMPUTED.get(token, ()):
        if isinstance(state.get(parent), dict):
            state[parent] = {**state[parent], computed: pulumi.runtime.rpc.UNKNOWN}
    return state


_SIG_KEY = pulumi.runtime.rpc._special_sig_key
_SECRET_SIG = pulumi.runtime.rpc._special_secret_sig


def _account_of(url: str) -> str:
    """The storage account of a blob URL: https://<account>.blob.core.windows.net/..."""
    return url.split("//", 1)[1].split(".", 1)[0]


def _autoname(logical_name: str) -> str:
    """Pulumi's auto-naming: the logical name and a random-looking (here: stable) suffix."""
    return f"{logical_name}{hashlib.sha256(logical_name.encode()).hexdigest()[:8]}"


def _is_tag(prefix: str) -> bool:
    return prefix == "*" or not prefix[:1].isdigit()
