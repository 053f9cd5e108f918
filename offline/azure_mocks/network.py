"""Microsoft.Network without Bastion: virtual networks and their subnets, network security groups
and security rules, public IP addresses, load balancers and standalone inbound NAT rules, network
interfaces, NAT gateways; and the `getSubnet` invoke.

A top-level handler receives its resource's ID and name (built by the handler table from the
resource group, the ARM type and the name input); a child's handler builds them from its parent.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from typing import Any

from .arm import ArmRejection, autoname, check_zones, check_zones_offered, resource_id
from .catalog import (
    ARM_LOCATIONS,
    AZURE_CLOUD_TAG_REGIONS,
    BASTION_SUBNET,
    MAX_BASTION_SUBNET_PREFIX_LENGTH,
    MAX_LB_RULES,
    NAT_GATEWAY_SKUS,
    NSG_REGIONAL_SERVICE_TAGS,
    NSG_SERVICE_TAGS,
    VNET_FORBIDDEN_RANGES,
)
from .state import Answer, ArmState, Registered, Subnet

# A load balancer's child collections: ARM gives each item an ID under the load balancer.
LB_CHILD_COLLECTIONS = (
    "frontendIPConfigurations",
    "backendAddressPools",
    "probes",
    "loadBalancingRules",
    "inboundNatRules",
    "outboundRules",
)


def get_subnet(arm: ArmState, args: dict[str, Any]) -> dict[str, Any]:
    """The `azure-native:network:getSubnet` invoke: a subnet of a VNet the program created. One in a
    resource group the program did not create is outside what these mocks can see: answered without
    an address prefix (which only Azure knows)."""
    vnet_id = resource_id(args["resourceGroupName"], "Microsoft.Network/virtualNetworks", args["virtualNetworkName"])
    subnet_id = f"{vnet_id}/subnets/{args['subnetName']}"
    subnet = arm.subnets.get(subnet_id.lower())
    if subnet is None and arm.outside_the_program(subnet_id):
        return {"id": subnet_id, "name": args["subnetName"]}  # its NICs note it as not checked offline
    if subnet is None:
        raise ArmRejection("NotFound", f"Resource {subnet_id} not found.")
    return {"id": subnet_id, "name": args["subnetName"], "addressPrefix": str(subnet.prefix)}


# --- NSGs and security rules ---------------------------------------------------------------------


def network_security_group(arm: ArmState, nsg_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    priorities: set[tuple[str, int]] = set()
    for rule in inputs.get("securityRules", []):
        key = (rule["direction"], rule["priority"])
        if not 100 <= rule["priority"] <= 4096 or key in priorities:
            raise ArmRejection("SecurityRuleConflict", f"rule {rule['name']}: priority must be unique, 100-4096")
        priorities.add(key)
        for ranges in ("sourcePortRanges", "destinationPortRanges"):
            if "*" in rule.get(ranges, []):
                raise ArmRejection("SecurityRuleInvalidPortRange", f"rule {rule['name']}: '*' only in {ranges[:-1]}.")
        if any(_is_tag(p) for p in rule.get("sourceAddressPrefixes", [])):
            raise ArmRejection(
                "SecurityRuleParameterContainsUnsupportedValue",
                "SourceAddressPrefixes cannot specify Internet, VirtualNetwork, AzureLoadBalancer, '*' or tags.",
            )
        _check_rule_prefixes(rule)
    rules = [{**r, "id": f"{nsg_id}/securityRules/{r['name']}"} for r in inputs.get("securityRules", [])]
    return nsg_id, {**arm.located(inputs), "name": name, "securityRules": rules}


def security_rule(arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
    """A standalone rule of an existing NSG (what other stacks use; this project's rules are inline)."""
    nsg_id = resource_id(
        inputs["resourceGroupName"], "Microsoft.Network/networkSecurityGroups", inputs["networkSecurityGroupName"]
    )
    if arm.find(nsg_id) is None:
        raise ArmRejection("ParentResourceNotFound", f"NSG {inputs['networkSecurityGroupName']} not found.")
    name = inputs.get("securityRuleName") or autoname(logical_name)
    if not 100 <= inputs.get("priority", 0) <= 4096:
        raise ArmRejection("SecurityRuleInvalidPriority", f"rule {name}: priority must be 100-4096.")
    for ranges in ("sourcePortRanges", "destinationPortRanges"):
        if "*" in inputs.get(ranges, []):
            raise ArmRejection("SecurityRuleInvalidPortRange", f"rule {name}: '*' only in {ranges[:-1]}.")
    _check_rule_prefixes({**inputs, "name": name})
    return f"{nsg_id}/securityRules/{name}", {**inputs, "name": name}


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


def _is_tag(prefix: str) -> bool:
    return prefix == "*" or not prefix[:1].isdigit()


# --- virtual networks, public IPs, NAT gateways --------------------------------------------------


def virtual_network(arm: ArmState, vnet_id: str, name: str, inputs: dict[str, Any]) -> Answer:
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
                arm.require(ref.get("id", ""), kind)
        if subnet["name"] == BASTION_SUBNET and prefix.prefixlen > MAX_BASTION_SUBNET_PREFIX_LENGTH:
            raise ArmRejection(
                "AzureBastionSubnetPrefixLengthTooSmall", f"{BASTION_SUBNET} must be /26 or larger, not {prefix}."
            )
        subnet_id = f"{vnet_id}/subnets/{subnet['name']}"
        arm.subnets[subnet_id.lower()] = Subnet(subnet_id, prefix)
        subnets.append({**subnet, "id": subnet_id})
    return vnet_id, {**arm.located(inputs), "name": name, "subnets": subnets}


def _check_vnet_range(prefix: ipaddress.IPv4Network) -> None:
    for forbidden in VNET_FORBIDDEN_RANGES:
        if prefix.overlaps(forbidden):
            raise ArmRejection("InvalidAddressPrefix", f"{prefix} overlaps {forbidden}, which a VNet cannot use.")


def public_ip_address(arm: ArmState, pip_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    sku = (inputs.get("sku") or {}).get("name", "Basic")
    if sku != "Standard":
        raise ArmRejection("IPv4BasicSkuPublicIpCountLimitReached", "Basic SKU public IPs are retired.")
    if inputs.get("publicIPAllocationMethod") != "Static":
        raise ArmRejection("StandardSkuPublicIPAddressesMustBeStatic", "Standard public IPs must be Static.")
    check_zones(inputs.get("zones"))
    state = arm.located(inputs)
    check_zones_offered(state["location"], inputs.get("zones"))
    arm.public_ips += 1
    state.update(name=name, ipAddress=f"20.160.{arm.public_ips // 250}.{arm.public_ips % 250 + 1}")
    label = (inputs.get("dnsSettings") or {}).get("domainNameLabel")
    if label:
        if not re.fullmatch(r"[a-z][a-z0-9-]{1,61}[a-z0-9]", label):
            raise ArmRejection("InvalidDomainNameLabel", f"{label} is not a valid DNS label.")
        state["dnsSettings"] = {**inputs["dnsSettings"], "fqdn": f"{label}.{state['location']}.cloudapp.azure.com"}
    return pip_id, state


def nat_gateway(arm: ArmState, gateway_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    if (inputs.get("sku") or {}).get("name") not in NAT_GATEWAY_SKUS:
        raise ArmRejection("InvalidParameter", "NAT gateways are of SKU Standard (or StandardV2).")
    ips = inputs.get("publicIpAddresses", [])
    if not ips and not inputs.get("publicIpPrefixes"):
        raise ArmRejection("NatGatewayRequiresPublicIp", "A NAT gateway needs a public IP or prefix.")
    for ip in ips:
        if arm.find(ip["id"]) is None:
            raise ArmRejection("InvalidResourceReference", f"public IP {ip['id']} not found.")
    if not 4 <= inputs.get("idleTimeoutInMinutes", 4) <= 120:
        raise ArmRejection("InvalidParameter", "idleTimeoutInMinutes must be 4-120.")
    return gateway_id, {**arm.located(inputs), "name": name}


# --- load balancers and inbound NAT rules --------------------------------------------------------


def load_balancer(arm: ArmState, lb_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    if (inputs.get("sku") or {}).get("name", "Basic") != "Standard":
        raise ArmRejection("BasicSkuLoadBalancerRetired", "Basic SKU load balancers are retired.")
    children = {c: {item["name"] for item in inputs.get(c, [])} for c in LB_CHILD_COLLECTIONS}

    def check_ref(owner: str, ref: dict[str, Any] | None, collection: str) -> None:
        ref_id = (ref or {}).get("id", "")
        prefix = f"{lb_id}/{collection}/"
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
        frontend_id = f"{lb_id}/frontendIPConfigurations/{frontend['name']}"
        pip = (frontend.get("publicIPAddress") or {}).get("id")
        subnet_ref = (frontend.get("subnet") or {}).get("id")
        if bool(pip) == bool(subnet_ref):
            raise ArmRejection(
                "InvalidFrontendIPConfiguration",
                f"{frontend['name']}: a frontend has either a public IP or a subnet, not both or neither.",
            )
        if pip:
            if arm.find(pip) is None:
                raise ArmRejection("InvalidResourceReference", f"public IP {pip} not found.")
            public_frontends.add(frontend_id)
            frontend_states.append({**frontend, "id": frontend_id})
            continue
        check_zones(frontend.get("zones"))
        subnet = arm.subnet(str(subnet_ref))
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
    state = arm.located(inputs)
    state["name"] = name
    for collection in LB_CHILD_COLLECTIONS:
        state[collection] = [
            {**item, "id": f"{lb_id}/{collection}/{item['name']}"} for item in inputs.get(collection, [])
        ]
    state["frontendIPConfigurations"] = frontend_states
    return lb_id, state


def inbound_nat_rule(arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
    """A standalone inbound NAT rule: a child of an existing load balancer, written by a PUT
    on `.../loadBalancers/<lb>/inboundNatRules/<name>`."""
    lb_id = resource_id(inputs["resourceGroupName"], "Microsoft.Network/loadBalancers", inputs["loadBalancerName"])
    lb = arm.find(lb_id)
    if lb is None:
        raise ArmRejection("ParentResourceNotFound", f"load balancer {inputs['loadBalancerName']} not found.")
    name = inputs.get("inboundNatRuleName") or autoname(logical_name)
    rule_id = f"{lb_id}/inboundNatRules/{name}"
    frontend_id = (inputs.get("frontendIPConfiguration") or {}).get("id", "")
    frontends = {f"{lb.id}/frontendIPConfigurations/{f['name']}" for f in lb.inputs.get("frontendIPConfigurations", [])}
    if frontend_id not in frontends:
        raise ArmRejection("InvalidResourceReference", f"{name}: {frontend_id!r} is not a frontend of {lb.id}.")
    protocol = inputs.get("protocol")
    ports = _nat_rule_ports(arm, lb, name, inputs)
    if not 1 <= inputs.get("backendPort", 0) <= 65535:
        raise ArmRejection("InvalidBackendPort", f"{name}: backend port must be 1-65535.")
    siblings = arm.standalone_nat_rules.setdefault(lb_id.lower(), {})
    if name in {r["name"] for r in lb.inputs.get("inboundNatRules", [])}:
        raise ArmRejection("InvalidResourceReference", f"{name} is already an inline rule of {lb.id}.")
    taken = [
        (rule.get("frontendIPConfiguration", {}).get("id"), rule.get("frontendPort"), rule.get("protocol"), n)
        for n, rule in [(r["name"], r) for r in lb.inputs.get("loadBalancingRules", [])]
        + [(r["name"], r) for r in lb.inputs.get("inboundNatRules", [])]
        + [(n, r) for n, r in siblings.items() if n != name]
    ]
    for other_frontend, other_port, other_protocol, other in taken:
        one = range(int(other_port), int(other_port) + 1) if other_port else None
        other_ports = one if one is not None else _port_range(siblings.get(other, {}))
        if other_frontend == frontend_id and other_protocol == protocol and set(ports) & set(other_ports):
            taken_ports = f"port {ports.start}" if len(ports) == 1 else f"ports {ports.start}-{ports.stop - 1}"
            raise ArmRejection(
                "InvalidFrontendPort", f"{name}: frontend {taken_ports}/{protocol} is already used by rule {other}."
            )
    rules = len(lb.inputs.get("loadBalancingRules", [])) + len(lb.inputs.get("inboundNatRules", []))
    if rules + len(siblings) + (name not in siblings) > MAX_LB_RULES:
        raise ArmRejection("LoadBalancerRulesLimitExceeded", f"More than {MAX_LB_RULES} rules on {lb.id}.")
    siblings[name] = {**inputs, "name": name}
    return rule_id, {**inputs, "name": name}


def _nat_rule_ports(arm: ArmState, lb: Any, name: str, inputs: dict[str, Any]) -> range:
    """A V1 rule's one frontend port, or a V2 rule's range over a backend pool (Learn, inbound-nat-rules:
    `backendAddressPool` with `frontendPortRangeStart`/`End`, and no `frontendPort`)."""
    pool = (inputs.get("backendAddressPool") or {}).get("id")
    if pool is None:
        port = inputs.get("frontendPort", 0)
        if not 1 <= port <= 65534:
            raise ArmRejection("InvalidFrontendPort", f"{name}: frontend port {port} is out of range 1-65534.")
        return range(int(port), int(port) + 1)
    _require_lb_child(arm, pool, "backendAddressPools")
    if not pool.lower().startswith(lb.id.lower() + "/"):
        raise ArmRejection("InvalidResourceReference", f"{name}: {pool} is not a backend pool of {lb.id}.")
    start, end = inputs.get("frontendPortRangeStart"), inputs.get("frontendPortRangeEnd")
    if inputs.get("frontendPort"):
        raise ArmRejection(
            "InvalidParameter", f"{name}: a rule over a backend pool takes a port range, not frontendPort."
        )
    if start is None or end is None or not 1 <= start <= end <= 65534:
        raise ArmRejection(
            "InvalidParameter",
            f"{name}: frontendPortRangeStart and frontendPortRangeEnd must be 1-65534, start <= end.",
        )
    return range(int(start), int(end) + 1)


def _port_range(rule: dict[str, Any]) -> range:
    """A V2 rule's frontend ports (empty for a rule that has none)."""
    return range(int(rule.get("frontendPortRangeStart", 0)), int(rule.get("frontendPortRangeEnd", -1)) + 1)


def check_one_load_balancer_write_at_a_time(arm: ArmState, resource: Registered) -> None:
    """Azure takes one write at a time on a load balancer and answers a concurrent one with 429
    ("Operation PutLoadBalancerOperation ... is updating resource ...", gardener-attic/gardener-extensions#384):
    a write on a load balancer (the load balancer, a standalone child, an extension resource on it
    such as a diagnostic setting) must wait, directly or not, for every earlier write on it.
    `resource`: a registration with its dependencies, as the engine receives them."""
    waited: set[str] = set()
    for dependency in resource.dependencies:
        waited |= arm.load_balancer_writes_before.get(dependency, frozenset())
        if any(dependency in writes for writes in arm.load_balancer_writes.values()):
            waited.add(dependency)
    arm.load_balancer_writes_before[resource.urn] = frozenset(waited)
    target = _load_balancer_written(arm, resource)
    if target is None:
        return
    concurrent = [urn for urn in arm.load_balancer_writes.get(target, []) if urn not in waited]
    if concurrent:
        raise ArmRejection(
            "RetryableErrorDueToAnotherOperation",
            f"{resource.name}: another operation on load balancer {target.rsplit('/', 1)[-1]} may still be"
            f" running ({concurrent[0].rsplit('::', 1)[-1]}), and Azure takes one write at a time on it.",
        )
    arm.load_balancer_writes.setdefault(target, []).append(resource.urn)


def _load_balancer_written(arm: ArmState, resource: Registered) -> str | None:
    """The ID (lower case) of the load balancer `resource`'s write changes, if any: itself, or the one
    its ID lies under. None in a preview, which writes nothing."""
    lowered = resource.id.lower()
    if not lowered:
        return None
    if resource.type == "azure-native:network:LoadBalancer":
        return lowered
    return next((lb for lb in arm.load_balancer_writes if lowered.startswith(lb + "/")), None)


# --- network interfaces --------------------------------------------------------------------------


def network_interface(arm: ArmState, nic_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    ip_configurations = []
    for ip_configuration in inputs.get("ipConfigurations", []):
        subnet = arm.subnet(ip_configuration["subnet"]["id"])
        for pool in ip_configuration.get("loadBalancerBackendAddressPools", []):
            _require_lb_child(arm, pool["id"], "backendAddressPools")
        for nat_rule in ip_configuration.get("loadBalancerInboundNatRules", []):
            if not nat_rule.get("id"):
                raise ArmRejection("InvalidResourceReference", "an inbound NAT rule reference without an ID.")
            _require_lb_child(arm, nat_rule["id"], "inboundNatRules")
            owner = arm.nat_rule_owners.setdefault(nat_rule["id"].lower(), name)
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
                "id": f"{nic_id}/ipConfigurations/{ip_configuration['name']}",
                "privateIPAddress": address,
            }
        )
    nsg = (inputs.get("networkSecurityGroup") or {}).get("id")
    if nsg:
        arm.require(nsg, "NSG")
    state = {**arm.located(inputs), "name": name, "ipConfigurations": ip_configurations}
    state["macAddress"] = "00-0D-3A-" + "-".join(f"{b:02X}" for b in hashlib.sha256(name.encode()).digest()[:3])
    return nic_id, state


def _require_lb_child(arm: ArmState, child_id: str, collection: str) -> None:
    lb_id, sep, rest = child_id.partition(f"/{collection}/")
    lb = arm.find(lb_id)
    names = set() if lb is None else {item["name"] for item in lb.inputs.get(collection, [])}
    if collection == "inboundNatRules":
        names |= set(arm.standalone_nat_rules.get(lb_id.lower(), {}))
    if not sep or lb is None or rest not in names:
        raise ArmRejection("InvalidResourceReference", f"{child_id} is not a {collection} of a load balancer.")
