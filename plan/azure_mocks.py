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


class ArmRejection(Exception):
    """What Azure Resource Manager would answer with a 400."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


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

    @property
    def short_type(self) -> str:
        return self.type.rsplit(":", 1)[-1]


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
    _subnets: dict[str, dict[str, Any]] = field(default_factory=dict)
    _nat_rule_owners: dict[str, str] = field(default_factory=dict)
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
            return "", inputs
        resource_id, state = handler(args.name, inputs)
        registered = Registered(args.typ, args.name, resource_id, inputs, state, frozenset(secret_inputs))
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
        return f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{rg}/providers/{arm_type}/{name}", name

    def _located(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """azure-native fills a missing location from the resource group's."""
        location = inputs.get("location") or self._resource_groups.get(
            inputs.get("resourceGroupName", ""), self.location
        )
        return {**inputs, "location": location}

    # --- resource types -------------------------------------------------------------------------

    def _ResourceGroup(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        name = inputs.get("resourceGroupName") or _autoname(logical_name)
        self._resource_groups[name] = inputs.get("location") or self.location
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
        rules = [{**r, "id": f"{resource_id}/securityRules/{r['name']}"} for r in inputs.get("securityRules", [])]
        return resource_id, {**self._located(inputs), "name": name, "securityRules": rules}

    def _SecurityRule(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """A standalone rule of an existing NSG (what other stacks use; this project's rules are inline)."""
        nsg_id = (
            f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{inputs['resourceGroupName']}"
            f"/providers/Microsoft.Network/networkSecurityGroups/{inputs['networkSecurityGroupName']}"
        )
        if nsg_id.lower() not in self._by_id:
            raise ArmRejection("ParentResourceNotFound", f"NSG {inputs['networkSecurityGroupName']} not found.")
        name = inputs.get("securityRuleName") or _autoname(logical_name)
        if not 100 <= inputs.get("priority", 0) <= 4096:
            raise ArmRejection("SecurityRuleInvalidPriority", f"rule {name}: priority must be 100-4096.")
        for ranges in ("sourcePortRanges", "destinationPortRanges"):
            if "*" in inputs.get(ranges, []):
                raise ArmRejection("SecurityRuleInvalidPortRange", f"rule {name}: '*' only in {ranges[:-1]}.")
        return f"{nsg_id}/securityRules/{name}", {**inputs, "name": name}

    def _VirtualNetwork(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:VirtualNetwork", logical_name, inputs)
        spaces = [ipaddress.IPv4Network(p) for p in inputs["addressSpace"]["addressPrefixes"]]
        subnets = []
        for subnet in inputs.get("subnets", []):
            prefix = ipaddress.IPv4Network(subnet["addressPrefix"])
            if not any(prefix.subnet_of(space) for space in spaces):
                raise ArmRejection("NetcfgSubnetRangeOutsideVnet", f"Subnet {subnet['name']} is outside the VNet.")
            nsg = subnet.get("networkSecurityGroup", {}).get("id")
            if nsg and nsg.lower() not in self._by_id:
                raise ArmRejection("InvalidResourceReference", f"NSG {nsg} not found.")
            subnet_id = f"{resource_id}/subnets/{subnet['name']}"
            self._subnets[subnet_id.lower()] = {"prefix": prefix, "next_host": 4}
            subnets.append({**subnet, "id": subnet_id})
        return resource_id, {**self._located(inputs), "name": name, "subnets": subnets}

    def _PublicIPAddress(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:PublicIPAddress", logical_name, inputs)
        sku = (inputs.get("sku") or {}).get("name", "Basic")
        if sku != "Standard":
            raise ArmRejection("IPv4BasicSkuPublicIpCountLimitReached", "Basic SKU public IPs are retired.")
        if inputs.get("publicIPAllocationMethod") != "Static":
            raise ArmRejection("StandardSkuPublicIPAddressesMustBeStatic", "Standard public IPs must be Static.")
        state = self._located(inputs)
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
        for frontend in inputs.get("frontendIPConfigurations", []):
            pip = (frontend.get("publicIPAddress") or {}).get("id")
            if pip and pip.lower() not in self._by_id:
                raise ArmRejection("InvalidResourceReference", f"public IP {pip} not found.")
        state = self._located(inputs)
        state["name"] = name
        for collection in LB_COLLECTIONS:
            state[collection] = [
                {**item, "id": f"{resource_id}/{collection}/{item['name']}"} for item in inputs.get(collection, [])
            ]
        return resource_id, state

    def _NetworkInterface(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:network:NetworkInterface", logical_name, inputs)
        ip_configurations = []
        for ip_configuration in inputs.get("ipConfigurations", []):
            subnet_id = ip_configuration["subnet"]["id"]
            subnet = self._subnets.get(subnet_id.lower())
            if subnet is None:
                raise ArmRejection("InvalidResourceReference", f"subnet {subnet_id} not found.")
            for pool in ip_configuration.get("loadBalancerBackendAddressPools", []):
                self._require_lb_child(pool["id"], "backendAddressPools")
            for nat_rule in ip_configuration.get("loadBalancerInboundNatRules", []):
                self._require_lb_child(nat_rule["id"], "inboundNatRules")
                owner = self._nat_rule_owners.setdefault(nat_rule["id"].lower(), name)
                if owner != name:
                    raise ArmRejection(
                        "RulesOfSameLoadBalancerTypeUseSameBackendPortProtocolAndIPConfig",
                        f"inbound NAT rule {nat_rule['id']} is already used by {owner}.",
                    )
            address = subnet["prefix"].network_address + subnet["next_host"]
            if address not in subnet["prefix"] or address == subnet["prefix"].broadcast_address:
                raise ArmRejection("SubnetIsFull", f"subnet {subnet_id} has no free address.")
            subnet["next_host"] += 1
            ip_configurations.append(
                {
                    **ip_configuration,
                    "id": f"{resource_id}/ipConfigurations/{ip_configuration['name']}",
                    "privateIPAddress": str(address),
                }
            )
        state = {**self._located(inputs), "name": name, "ipConfigurations": ip_configurations}
        state["macAddress"] = "00-0D-3A-" + "-".join(f"{b:02X}" for b in hashlib.sha256(name.encode()).digest()[:3])
        return resource_id, state

    def _require_lb_child(self, child_id: str, collection: str) -> None:
        lb_id, sep, rest = child_id.partition(f"/{collection}/")
        lb = self._by_id.get(lb_id.lower())
        if not sep or lb is None or rest not in {item["name"] for item in lb.inputs.get(collection, [])}:
            raise ArmRejection("InvalidResourceReference", f"{child_id} is not a {collection} of a load balancer.")

    def _AvailabilitySet(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:compute:AvailabilitySet", logical_name, inputs)
        if not 1 <= inputs.get("platformFaultDomainCount", 2) <= 3:
            raise ArmRejection("InvalidParameter", "platformFaultDomainCount must be 1-3.")
        if not 1 <= inputs.get("platformUpdateDomainCount", 5) <= 20:
            raise ArmRejection("InvalidParameter", "platformUpdateDomainCount must be 1-20.")
        sku = (inputs.get("sku") or {}).get("name", "Classic")
        return resource_id, {**self._located(inputs), "name": name, "sku": {"name": sku}}

    def _VirtualMachine(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:compute:VirtualMachine", logical_name, inputs)
        avset = self._by_id.get(inputs.get("availabilitySet", {}).get("id", "").lower())
        os_disk = inputs["storageProfile"]["osDisk"]
        managed = "vhd" not in os_disk
        if avset is not None:
            sku = avset.state["sku"]["name"]
            if managed and sku != "Aligned":
                raise ArmRejection("InvalidParameter", "Please create an Availability Set with 'Aligned' SKU.")
            if not managed and sku != "Classic":
                raise ArmRejection("InvalidParameter", "Unmanaged disks need a 'Classic' availability set.")
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
        profile = inputs["osProfile"]
        if len(base64.b64decode(profile.get("customData", ""))) > 65535:
            raise ArmRejection("InvalidParameter", "customData decodes to more than 65535 bytes.")
        linux = profile.get("linuxConfiguration")
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
        return resource_id, state

    def _StorageAccount(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        resource_id, name = self._arm_id("azure-native:storage:StorageAccount", logical_name, inputs)
        if not re.fullmatch(r"[a-z0-9]{3,24}", name):
            raise ArmRejection("AccountNameInvalid", f"{name} is not a valid storage account name.")
        if name in self._storage_names:
            raise ArmRejection("StorageAccountAlreadyTaken", f"The storage account named {name} is already taken.")
        self._storage_names.add(name)
        self._storage_skus[name] = (inputs.get("sku") or {}).get("name", "")
        endpoints = {
            kind: f"https://{name}.{kind}.core.windows.net/"
            for kind in ("blob", "queue", "table", "file", "dfs", "web")
        }
        return resource_id, {**self._located(inputs), "name": name, "primaryEndpoints": endpoints}

    def _VirtualMachineExtension(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        vm_id = (
            f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{inputs['resourceGroupName']}"
            f"/providers/Microsoft.Compute/virtualMachines/{inputs['vmName']}"
        )
        if vm_id.lower() not in self._by_id:
            raise ArmRejection("ParentResourceNotFound", f"VM {inputs['vmName']} not found.")
        name = inputs.get("vmExtensionName") or _autoname(logical_name)
        return f"{vm_id}/extensions/{name}", {**self._located(inputs), "name": name}

    def _BlobContainer(self, logical_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        account = inputs["accountName"]
        if account not in self._storage_names:
            raise ArmRejection("StorageAccountNotFound", f"storage account {account} not found.")
        name = inputs.get("containerName") or _autoname(logical_name)
        resource_id = (
            f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{inputs['resourceGroupName']}/providers/"
            f"Microsoft.Storage/storageAccounts/{account}/blobServices/default/containers/{name}"
        )
        return resource_id, {**inputs, "name": name}


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
