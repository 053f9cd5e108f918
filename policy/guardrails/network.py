"""Rules for NICs, NSGs, load balancers and public IPs.

Sources: Basic load balancers and Basic public IPs were retired on 2025-09-30
(learn.microsoft.com/azure/load-balancer/load-balancer-basic-upgrade-guidance,
learn.microsoft.com/azure/virtual-network/ip-services/public-ip-basic-upgrade-guidance);
a load-balancing rule's probe is what takes a failed VM out of rotation
(learn.microsoft.com/azure/load-balancer/load-balancer-custom-probe-overview); management
ports open to the internet are the first thing attackers scan
(learn.microsoft.com/azure/security/fundamentals/network-best-practices).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_policy.proxy import UnknownValueError

from .resources import (
    INBOUND_NAT_RULE,
    LOAD_BALANCER,
    NETWORK_SECURITY_GROUP,
    SECURITY_RULE,
    is_set,
    items,
    mapping,
    strings,
)

# SSH, RDP, WinRM over HTTP and HTTPS.
ADMIN_PORTS = (22, 3389, 5985, 5986)
# Sources that mean "anyone on the internet" (compared case-insensitively).
OPEN_SOURCES = frozenset({"*", "internet", "any", "0.0.0.0/0", "::/0"})
# Protocols without ports; a rule for them cannot open an admin port.
PORTLESS_PROTOCOLS = frozenset({"icmp", "esp", "ah"})
REQUIRED_SKU = "Standard"


def vm_nic_public_ip_violations(props: Mapping[str, Any]) -> list[str]:
    """A NetworkInterface with a public IP exposes its VM past the load balancer and the NSG's design."""
    return [
        f"IP configuration {config.get('name', i)!r} has a public IP: VMs are reached through the load "
        "balancer (or Azure Bastion) only."
        for i, config in enumerate(items(props, "ipConfigurations"))
        if is_set(config, "publicIPAddress")
    ]


def vm_inline_nic_public_ip_violations(props: Mapping[str, Any]) -> list[str]:
    """The same rule for NICs a VirtualMachine creates itself (networkProfile.networkInterfaceConfigurations)."""
    violations = []
    for nic in items(mapping(props, "networkProfile"), "networkInterfaceConfigurations"):
        for config in items(nic, "ipConfigurations"):
            if is_set(config, "publicIPAddressConfiguration"):
                violations.append(
                    f"NIC configuration {nic.get('name')!r} gives the VM a public IP: VMs are reached through "
                    "the load balancer (or Azure Bastion) only."
                )
    return violations


def scale_set_public_ip_violations(props: Mapping[str, Any]) -> list[str]:
    """The same rule for the NICs a scale set creates for each instance from its model."""
    return [
        f"In the scale set's model (every instance): {message}"
        for message in vm_inline_nic_public_ip_violations(mapping(props, "virtualMachineProfile"))
    ]


@dataclass(frozen=True)
class PortRange:
    low: int
    high: int

    @staticmethod
    def parse(text: str) -> PortRange | None:
        """`*`, `22` or `20-30`; None for anything else (Azure refuses it anyway)."""
        text = text.strip()
        if text == "*":
            return PortRange(0, 65535)
        low, _, high = text.partition("-")
        try:
            return PortRange(int(low), int(high or low))
        except ValueError:
            return None

    def __contains__(self, port: object) -> bool:
        return isinstance(port, int) and self.low <= port <= self.high


def admin_ports_opened(rule: Mapping[str, Any], admin_ports: Iterable[int] = ADMIN_PORTS) -> list[int]:
    """The admin ports an NSG rule (inline or standalone, same property names) opens to the internet."""
    if str(rule.get("access", "")).lower() != "allow":
        return []
    if str(rule.get("direction", "Inbound")).lower() != "inbound":
        return []
    if str(rule.get("protocol", "*")).lower() in PORTLESS_PROTOCOLS:
        return []
    sources = strings(rule, "sourceAddressPrefix") + strings(rule, "sourceAddressPrefixes")
    if not any(source.strip().lower() in OPEN_SOURCES for source in sources):
        return []
    texts = strings(rule, "destinationPortRange") + strings(rule, "destinationPortRanges")
    ranges = [r for r in (PortRange.parse(text) for text in texts) if r is not None]
    return [port for port in admin_ports if any(port in r for r in ranges)]


def _admin_port_message(rule_name: object, ports: list[int]) -> str:
    opened = ", ".join(str(p) for p in ports)
    return (
        f"Security rule {rule_name or '(unnamed)'!r} allows admin port(s) {opened} from the internet "
        "(source *, Internet, Any or 0.0.0.0/0): allow them only from your own addresses, or use Azure Bastion."
    )


def nsg_admin_port_violations(props: Mapping[str, Any]) -> list[str]:
    """A NetworkSecurityGroup's inline security rules."""
    return [
        _admin_port_message(rule.get("name"), ports)
        for rule in items(props, "securityRules")
        if (ports := admin_ports_opened(rule))
    ]


def security_rule_admin_port_violations(props: Mapping[str, Any]) -> list[str]:
    """A standalone SecurityRule resource (the same properties at the top level)."""
    ports = admin_ports_opened(props)
    return [_admin_port_message(props.get("securityRuleName") or props.get("name"), ports)] if ports else []


def _nat_backend_port(rule: Mapping[str, Any]) -> int | None:
    """The port a NAT rule forwards to (a VM's admin port); None while unknown."""
    try:
        port = rule.get("backendPort")
    except UnknownValueError:
        return None
    return port if isinstance(port, int) else None


def nat_backend_ports(resources: Iterable[tuple[str | None, Mapping[str, Any]]]) -> set[int]:
    """The ports the stack's inbound NAT rules forward to: admin ports, whatever number they use
    (an `adminPort` of 2222, say). (kind, inputs) pairs; inline rules of a load balancer and
    standalone `InboundNatRule` resources alike."""
    ports: set[int] = set()
    for kind, props in resources:
        rules = (
            items(props, "inboundNatRules") if kind == LOAD_BALANCER else [props] if kind == INBOUND_NAT_RULE else []
        )
        ports.update(port for rule in rules if (port := _nat_backend_port(rule)) is not None)
    return ports


def nat_backend_port_violations(
    resources: Iterable[tuple[str, str | None, Mapping[str, Any]]],
) -> list[tuple[str, str]]:
    """(URN, message) for each NSG rule that opens a port an inbound NAT rule forwards to, from the
    internet. The fixed admin ports are `admin-ports-not-open-to-internet`'s; this catches the others."""
    listed = list(resources)
    ports = sorted(nat_backend_ports((kind, props) for _, kind, props in listed) - set(ADMIN_PORTS))
    if not ports:
        return []
    violations: list[tuple[str, str]] = []
    for urn, kind, props in listed:
        if kind == NETWORK_SECURITY_GROUP:
            rules = [(rule.get("name"), rule) for rule in items(props, "securityRules")]
        elif kind == SECURITY_RULE:
            rules = [(props.get("securityRuleName") or props.get("name"), props)]
        else:
            continue
        for name, rule in rules:
            if opened := admin_ports_opened(rule, ports):
                violations.append((urn, _admin_port_message(name, opened)))
    return violations


def _sku_violations(props: Mapping[str, Any], what: str, retired: str) -> list[str]:
    sku = mapping(props, "sku").get("name")
    if sku == REQUIRED_SKU:
        return []
    shown = "not set (Azure's default is Basic)" if sku is None else repr(sku)
    return [f"The {what} SKU is {shown}: use {REQUIRED_SKU}. {retired}"]


def load_balancer_sku_violations(props: Mapping[str, Any]) -> list[str]:
    return _sku_violations(props, "load balancer", "Basic load balancers were retired on 2025-09-30.")


def public_ip_sku_violations(props: Mapping[str, Any]) -> list[str]:
    return _sku_violations(props, "public IP", "Basic public IPs were retired on 2025-09-30.")


def load_balancing_rule_probe_violations(props: Mapping[str, Any]) -> list[str]:
    """Every load-balancing rule names a health probe of its own load balancer."""
    probe_names = set()
    for probe in items(props, "probes"):
        try:
            probe_names.add(str(probe.get("name")))
        except UnknownValueError:
            probe_names.add("")
    violations = []
    for rule in items(props, "loadBalancingRules"):
        name = rule.get("name", "(unnamed)")
        probe = mapping(rule, "probe")
        if not is_set(probe, "id"):
            violations.append(
                f"Load-balancing rule {name!r} has no health probe: without one, a failed VM keeps receiving traffic."
            )
            continue
        try:
            probe_id = probe.get("id")
        except UnknownValueError:
            continue  # computed from the load balancer's own ID: only known at deployment
        if "/probes/" in str(probe_id).lower() and str(probe_id).rsplit("/", 1)[-1] not in probe_names:
            violations.append(f"Load-balancing rule {name!r} names probe {probe_id!r}, which this load balancer lacks.")
    return violations
