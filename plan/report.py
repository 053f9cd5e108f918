"""The offline plan as data: pure functions from what the program registered to one JSON-ready dict.

Every section is read from the registered resources (types present or absent, their inputs,
and the IDs the ARM-like mocks returned), never from the component's arguments, so the plan
shows whatever the program declares: several load balancers, internal ones, a NAT gateway,
a subnet of your own. The text rendering (`render.py`) and the diagram (`diagram.py`) both
read this dict.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from offline.harness import Deployment
from offline.recording import STACK_TYPE, Registration

from .figures import TYPICAL_CREATE_SECONDS, deployment_figures, typical_seconds
from .order import dependency_order, natural_key

SECRET = "[secret]"
# The `--json` document's version: raised when a field is removed or changes meaning, not when
# one is added (docs/plan.md, "The JSON document").
FORMAT_VERSION = 1
# Config keys whose values are secrets even when given in plain text (`--config adminPassword=...`).
SECRET_CONFIG_KEYS = frozenset({"adminPassword"})

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
# Types that a section of the plan (and the diagram) already shows; others are listed apart.
SHOWN_TYPES = frozenset(
    {VM, VM_EXTENSION, RUN_COMMAND, NIC, LB, INBOUND_NAT_RULE, NSG, VNET, SUBNET, PIP, NAT_GATEWAY, AVSET, STORAGE}
    | {RESOURCE_GROUP, STASH}
)


def build_plan(
    *,
    stack: str,
    config: Mapping[str, str],
    secret_keys: Iterable[str],
    deployment: Deployment,
    registrations: Sequence[Registration],
    known_before_deployment: Mapping[str, Any],
    notes: Sequence[str] = (),
    config_warnings: Sequence[str] = (),
    policy: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """`deployment` and `registrations` come from one run as `pulumi up` against the mocks;
    `known_before_deployment` holds the outputs a `pulumi preview` run could resolve.
    `config_warnings`: keys of the config that nothing reads, shown first (the program warns of
    them too; they are not repeated among its warnings). `policy`: the policy pack's findings
    (`plan.run.policy_findings`), with `--policy`.

    No secret leaves this function in plain text: secret outputs and secret config keys show
    `[secret]`, and, as a last guard, any text that contains a secret config value has it
    replaced (a warning that quoted one, say)."""
    secret_keys = set(secret_keys)
    listed = [r for r in registrations if r.type != STACK_TYPE]
    by_urn = {r.urn: r for r in listed}
    order = dependency_order({r.urn: {r.parent, *r.dependencies} for r in listed}, {r.urn: r.name for r in listed})
    resources = _Resources(deployment)
    figures = deployment_figures(registrations)
    inputs = {r.urn: _shown_inputs(r) for r in deployment.registered if r.urn}
    plan = {
        "format_version": FORMAT_VERSION,
        "stack": stack,
        "config": _shown_config(config, secret_keys),
        "resources": [
            {"type": r.type, "name": r.name, "parent": r.parent, "urn": r.urn, "inputs": inputs.get(r.urn, {})}
            for r in (by_urn[u] for u in order)
        ],
        "stack_urn": _stack_urn(registrations),
        "counts": _counts(r.type for r in registrations if r.type != STACK_TYPE),
        "load_balancers": [_load_balancer(lb, resources) for lb in resources.of(LB)],
        "network_security_groups": [_network_security_group(nsg, resources) for nsg in resources.of(NSG)],
        "networks": [_virtual_network(vnet, resources) for vnet in resources.of(VNET)],
        "subnets": [_subnet(s.inputs, s.id, None, resources) for s in resources.of(SUBNET)],
        "public_ips": [_public_ip(pip) for pip in resources.of(PIP)],
        "nat_gateways": [{"name": g.name} for g in resources.of(NAT_GATEWAY)],
        "availability_sets": [_availability_set(a) for a in resources.of(AVSET)],
        "vms": sorted((_vm(vm, resources) for vm in resources.of(VM)), key=lambda vm: natural_key(vm["name"])),
        "storage_accounts": [_storage_account(s) for s in resources.of(STORAGE)],
        "other_resources": [_other(r, resources) for r in deployment.registered if r.type not in SHOWN_TYPES],
        "outputs": _outputs(deployment, known_before_deployment),
        "config_warnings": list(config_warnings),
        "warnings": [w for w in dict.fromkeys(deployment.warnings) if w not in config_warnings],
        "notes": list(notes),
        "figures": {
            **dataclasses.asdict(figures),
            "critical_path": [dataclasses.asdict(step) for step in figures.critical_path],
            "typical_seconds": {
                t: {"seconds": typical_seconds(t), "source": TYPICAL_CREATE_SECONDS[t].source}
                for t in sorted(figures.writes_by_type)
                if t in TYPICAL_CREATE_SECONDS
            },
        },
    }
    if policy is not None:
        plan["policy"] = dict(policy)
    secret_values = {v for k, v in config.items() if is_secret_key(k, secret_keys) and len(v) >= MIN_REDACTED_LENGTH}
    shown: dict[str, Any] = redacted(_whole_numbers(plan), secret_values)
    return shown


# Shorter secret values are not searched for: they would match ordinary words and numbers.
MIN_REDACTED_LENGTH = 4


def _whole_numbers(value: Any) -> Any:
    """Pulumi hands every number over as a float (protobuf `Value`): show 80, not 80.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_whole_numbers(v) for v in value]
    return value


def redacted(value: Any, secrets: set[str]) -> Any:
    """`value` with every occurrence of a secret in its texts replaced by `[secret]`."""
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, SECRET)
        return value
    if isinstance(value, Mapping):
        return {k: redacted(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redacted(v, secrets) for v in value]
    return value


def _stack_urn(registrations: Sequence[Registration]) -> str:
    """The stack's URN: its registration's, or else the parent no registration owns."""
    urns = {r.urn for r in registrations}
    stack = next((r.urn for r in registrations if r.type == STACK_TYPE), None)
    return stack or next((r.parent for r in registrations if r.parent and r.parent not in urns), "")


class _Resources:
    """The registered resources, looked up by type and by ARM ID (IDs compare case-insensitively)."""

    def __init__(self, deployment: Deployment) -> None:
        self.registered = deployment.registered
        self.by_id = {r.id.lower(): r for r in deployment.registered if r.id}

    def of(self, resource_type: str) -> list[Any]:
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
                owners[str(nic.get("id", "")).lower()] = _azure_name(vm)
        return owners


def _other(resource: Any, resources: _Resources) -> dict[str, Any]:
    """A resource the plan has no table for; a diagnostic setting also says what it watches
    and where its logs and metrics go (a storage account's name, or a workspace ID)."""
    shown: dict[str, Any] = {"type": resource.type, "name": resource.name}
    if resource.type == DIAGNOSTIC_SETTING:
        shown["resource"] = resources.name_of(resource.inputs.get("resourceUri"))
        shown["destination"] = resources.name_of(resource.inputs.get("storageAccountId")) or resource.inputs.get(
            "workspaceId"
        )
    return shown


def _azure_name(resource: Any) -> str:
    return str(resource.state.get("name") or resource.name)


def _counts(types: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in types:
        counts[t] = counts.get(t, 0) + 1
    return counts


def _shown_inputs(resource: Any) -> dict[str, Any]:
    """A resource's inputs as ARM received them in the run as `pulumi up`; an input that held a
    Pulumi secret anywhere in it is `[secret]` as a whole."""
    return {key: SECRET if key in resource.secret_inputs else value for key, value in resource.inputs.items()}


def _shown_config(config: Mapping[str, str], secret_keys: set[str]) -> dict[str, str]:
    return {key: SECRET if is_secret_key(key, secret_keys) else value for key, value in sorted(config.items())}


def is_secret_key(key: str, secret_keys: Iterable[str] = ()) -> bool:
    return key in set(secret_keys) or key.rsplit(":", 1)[-1] in SECRET_CONFIG_KEYS


def _sub_id(ref: Any) -> str | None:
    return str(ref["id"]) if isinstance(ref, Mapping) and ref.get("id") else None


def _load_balancer(lb: Any, resources: _Resources) -> dict[str, Any]:
    inputs = lb.inputs
    nic_owners = resources.nic_owners()
    # Which NIC (and so which VM) sits on each NAT rule and in each pool: NICs join from
    # their own IP configuration, so the load balancer's inputs do not say.
    nat_rule_vm: dict[str, str] = {}
    pool_members: dict[str, list[str]] = {}
    for nic in resources.of(NIC):
        member = nic_owners.get(nic.id.lower(), _azure_name(nic))
        for ip_configuration in nic.inputs.get("ipConfigurations", []):
            for rule in ip_configuration.get("loadBalancerInboundNatRules") or []:
                nat_rule_vm[str(rule.get("id", "")).lower()] = member
            for pool in ip_configuration.get("loadBalancerBackendAddressPools") or []:
                pool_members.setdefault(str(pool.get("id", "")).lower(), []).append(member)
    lb_id = lb.id.lower()

    def child_id(collection: str, name: str) -> str:
        return f"{lb_id}/{collection}/{name}".lower()

    def child_name(ref: Any) -> str | None:
        return resources.name_of(_sub_id(ref))

    # Inline NAT rules, then the standalone ones (each its own resource, under this LB's ID).
    nat_rules = list(inputs.get("inboundNatRules", [])) + [
        {**rule.inputs, "name": _azure_name(rule)}
        for rule in resources.of(INBOUND_NAT_RULE)
        if rule.id.lower().startswith(f"{lb_id}/inboundnatrules/")
    ]

    frontends = []
    for frontend in inputs.get("frontendIPConfigurations", []):
        public_ip = _sub_id(frontend.get("publicIPAddress"))
        frontends.append(
            {
                "name": frontend.get("name"),
                "public_ip": resources.name_of(public_ip),
                "private_ip": frontend.get("privateIPAddress"),
                "subnet": resources.name_of(_sub_id(frontend.get("subnet"))),
            }
        )
    return {
        "name": _azure_name(lb),
        "sku": (inputs.get("sku") or {}).get("name"),
        "public": any(f["public_ip"] for f in frontends),
        "frontends": frontends,
        "backend_pools": [
            {
                "name": p["name"],
                "members": sorted(pool_members.get(child_id("backendAddressPools", p["name"]), []), key=natural_key),
            }
            for p in inputs.get("backendAddressPools", [])
        ],
        "probes": [
            {
                "name": p.get("name"),
                "protocol": p.get("protocol"),
                "port": p.get("port"),
                "path": p.get("requestPath"),
                "interval_seconds": p.get("intervalInSeconds"),
            }
            for p in inputs.get("probes", [])
        ],
        "rules": [
            {
                "name": r.get("name"),
                "protocol": r.get("protocol"),
                "frontend_port": r.get("frontendPort"),
                "backend_port": r.get("backendPort"),
                "frontend": child_name(r.get("frontendIPConfiguration")),
                "backend_pool": child_name(r.get("backendAddressPool")),
                "probe": child_name(r.get("probe")),
            }
            for r in inputs.get("loadBalancingRules", [])
        ],
        "outbound_rules": [
            {
                "name": r.get("name"),
                "protocol": r.get("protocol"),
                "backend_pool": child_name(r.get("backendAddressPool")),
                "allocated_outbound_ports": r.get("allocatedOutboundPorts"),
            }
            for r in inputs.get("outboundRules", [])
        ],
        "nat_rules": [
            {
                "name": r.get("name"),
                "vm": nat_rule_vm.get(child_id("inboundNatRules", r["name"])),
                "protocol": r.get("protocol"),
                "frontend_port": r.get("frontendPort"),
                "backend_port": r.get("backendPort"),
            }
            for r in nat_rules
        ],
    }


def _network_security_group(nsg: Any, resources: _Resources) -> dict[str, Any]:
    nsg_id = nsg.id.lower()
    attached = [
        subnet["name"]
        for vnet in resources.of(VNET)
        for subnet in vnet.inputs.get("subnets", [])
        if (_sub_id(subnet.get("networkSecurityGroup")) or "").lower() == nsg_id
    ]
    attached += [
        _azure_name(s)
        for s in resources.of(SUBNET)
        if (_sub_id(s.inputs.get("networkSecurityGroup")) or "").lower() == nsg_id
    ]
    attached += [
        _azure_name(n)
        for n in resources.of(NIC)
        if (_sub_id(n.inputs.get("networkSecurityGroup")) or "").lower() == nsg_id
    ]
    rules = sorted(nsg.inputs.get("securityRules", []), key=lambda r: (r.get("direction", ""), r.get("priority", 0)))
    return {
        "name": _azure_name(nsg),
        "attached_to": attached,
        "rules": [
            {
                "priority": r.get("priority"),
                "name": r.get("name"),
                "direction": r.get("direction"),
                "access": r.get("access"),
                "protocol": r.get("protocol"),
                "source": _joined(r.get("sourceAddressPrefix"), r.get("sourceAddressPrefixes")),
                "destination_ports": _joined(r.get("destinationPortRange"), r.get("destinationPortRanges")),
                "description": r.get("description"),
            }
            for r in rules
        ],
    }


def _joined(single: Any, several: Any) -> str:
    return str(single) if single else ", ".join(str(v) for v in several or [])


def _virtual_network(vnet: Any, resources: _Resources) -> dict[str, Any]:
    subnet_ids = {s.get("name"): s.get("id") for s in vnet.state.get("subnets", [])}
    return {
        "name": _azure_name(vnet),
        "address_space": list((vnet.inputs.get("addressSpace") or {}).get("addressPrefixes", [])),
        "subnets": [
            _subnet(s, subnet_ids.get(s.get("name")), _azure_name(vnet), resources)
            for s in vnet.inputs.get("subnets", [])
        ],
    }


def _subnet(
    inputs: Mapping[str, Any], subnet_id: str | None, vnet: str | None, resources: _Resources
) -> dict[str, Any]:
    return {
        "name": inputs.get("name") or inputs.get("subnetName") or resources.name_of(subnet_id),
        "id": subnet_id,
        "virtual_network": vnet or inputs.get("virtualNetworkName"),
        "address_prefix": inputs.get("addressPrefix") or ", ".join(inputs.get("addressPrefixes") or []),
        "network_security_group": resources.name_of(_sub_id(inputs.get("networkSecurityGroup"))),
        "nat_gateway": resources.name_of(_sub_id(inputs.get("natGateway"))),
        "default_outbound_access": inputs.get("defaultOutboundAccess"),
    }


def _public_ip(pip: Any) -> dict[str, Any]:
    return {
        "name": _azure_name(pip),
        "sku": (pip.inputs.get("sku") or {}).get("name"),
        "allocation": pip.inputs.get("publicIPAllocationMethod"),
        "dns_label": (pip.inputs.get("dnsSettings") or {}).get("domainNameLabel"),
        "zones": list(pip.inputs.get("zones") or []),
    }


def _availability_set(avset: Any) -> dict[str, Any]:
    return {
        "name": _azure_name(avset),
        "sku": (avset.inputs.get("sku") or {}).get("name"),
        "fault_domains": avset.inputs.get("platformFaultDomainCount"),
        "update_domains": avset.inputs.get("platformUpdateDomainCount"),
    }


def _vm(vm: Any, resources: _Resources) -> dict[str, Any]:
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
    return {
        "name": _azure_name(vm),
        "size": (inputs.get("hardwareProfile") or {}).get("vmSize"),
        "os": "linux" if profile.get("linuxConfiguration") is not None else "windows",
        "availability_set": resources.name_of(_sub_id(inputs.get("availabilitySet"))),
        "zones": list(inputs.get("zones") or []),
        "nics": [_azure_name(n) for n in nics],
        "subnet_ids": [s for s in subnet_ids if s],
        "private_ips": [ip for ip in private_ips if ip],
        "boot_diagnostics_account": _account_of(boot_uri),
        "os_disk_account": _account_of(vhd_uri),
        "security_type": (inputs.get("securityProfile") or {}).get("securityType", "Standard"),
        "extensions": [
            str(e.inputs.get("vmExtensionName") or e.name)
            for e in resources.of(VM_EXTENSION)
            if e.inputs.get("vmName") == _azure_name(vm)
        ],
        "run_commands": [
            str(c.inputs.get("runCommandName") or c.name)
            for c in resources.of(RUN_COMMAND)
            if c.inputs.get("vmName") == _azure_name(vm)
        ],
    }


def _account_of(blob_url: str | None) -> str | None:
    """`https://<account>.blob.core.windows.net/...` -> `<account>`."""
    return blob_url.split("//", 1)[-1].split(".", 1)[0] if blob_url else None


def _storage_account(account: Any) -> dict[str, Any]:
    return {
        "name": _azure_name(account),
        "logical_name": account.name,
        "sku": (account.inputs.get("sku") or {}).get("name"),
        "kind": account.inputs.get("kind"),
        "firewall": {
            "default_action": (account.inputs.get("networkRuleSet") or {}).get("defaultAction", "Allow"),
            "bypass": (account.inputs.get("networkRuleSet") or {}).get("bypass", "AzureServices"),
        },
    }


def _outputs(deployment: Deployment, known_before: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each stack output: its value when `pulumi preview` already knows it, else null and the
    value the mocks made up (an example, not a promise). Secret outputs show `[secret]` only."""
    shown: dict[str, dict[str, Any]] = {}
    for name in sorted({*deployment.outputs, *known_before}):
        secret = name in deployment.secret_outputs
        known = name in known_before
        shown[name] = {
            "known_before_deployment": known,
            "secret": secret,
            "value": (SECRET if secret else known_before[name]) if known else None,
            "mock_value": SECRET if secret else deployment.outputs.get(name),
        }
    return shown
