"""The Standard public IP and Standard load balancer, shared by every orchestration.

The frontend, backend pool, probe, load-balancing rules and outbound rule live inline in
the LoadBalancer (probes and load-balancing rules exist only inline). Inbound NAT rules are
either the ones the component gives (`inbound_nat_rules`, decided in decisions/ports.py), inline
and written with everything else in one load-balancer write, or, when it gives none, left out:
then an orchestration may add standalone `InboundNatRule`s, which pulumi-azure-native keeps on a
load-balancer update only when the property is absent (provider/pkg/provider/crud/crud.go,
`MaintainSubResourcePropertiesIfNotSet`: a property the program sets, `[]` included, is sent as
the whole list, and Azure drops what it does not name). The SDK's `LoadBalancerArgs.inbound_nat_rules`
says never to mix inline and standalone rules: one load balancer has one kind or the other.

Each child names the frontend, pool and probe by full ARM ID within this load balancer
(see decisions/arm_ids.py). NICs join the pool from their own IP configuration, never by
editing the pool.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi_azure_native import network

from ..decisions import arm_ids
from ..decisions.naming import ResourceNames
from ..decisions.ports import InboundNatRuleSpec
from ..decisions.zones import frontend_zones
from ..spec import Outbound, VmSetSpec
from .public_ip import standard_public_ip
from .scope import ResourceScope


@dataclass(frozen=True)
class LoadBalancerResources:
    public_ip: network.PublicIPAddress | None
    """None for an internal load balancer."""
    load_balancer: network.LoadBalancer
    frontend_ip_address: pulumi.Output[str]
    """The public IP's address, or the internal frontend's private address."""
    public_ip_address: pulumi.Output[str | None]
    """The public IP's address; None for an internal load balancer."""
    fqdn: pulumi.Output[str | None]
    """The public IP's DNS name when it has a label, else None."""
    load_balancer_id: pulumi.Output[str]
    """Its ARM ID, built from its name (known before it exists): children name each other by it."""
    frontend_ip_configuration_id: pulumi.Output[str]
    backend_pool_id: pulumi.Output[str]

    def child_id(self, collection: str, name: str) -> pulumi.Output[str]:
        """The ARM ID of child `name` of one of the load balancer's collections (decisions/arm_ids.py)."""
        return self.load_balancer_id.apply(lambda i: arm_ids.load_balancer_child_id(i, collection, name))


def build_load_balancer(
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
    subscription_id: pulumi.Input[str],
    subnet_id: pulumi.Input[str],
    inbound_nat_rules: Sequence[InboundNatRuleSpec] = (),
) -> LoadBalancerResources:
    """`inbound_nat_rules`: the rules to hold inline; none leaves the property out, for standalone ones."""
    # Zone-redundant in placement "zones": a public frontend takes its zones from its IP. Otherwise
    # an explicit empty list (ARM: no zones), so that the IP's `ignore_changes` on zones has a value
    # to keep when the placement changes later.
    public_ip = (
        standard_public_ip(names.public_ip, scope, spec.network.dns_label, zones=frontend_zones(spec) or [])
        if spec.network.public
        else None
    )

    lb_id = pulumi.Output.all(subscription_id, scope.resource_group_name).apply(
        lambda v: arm_ids.load_balancer_id(v[0], v[1], names.load_balancer)
    )

    def child_id(collection: str, name: str) -> pulumi.Output[str]:
        return lb_id.apply(lambda i: arm_ids.load_balancer_child_id(i, collection, name))

    frontend_id = child_id(arm_ids.FRONTEND_IP_CONFIGURATIONS, names.frontend_ip_configuration)
    frontend = _sub_resource(frontend_id)
    backend_pool_id = child_id(arm_ids.BACKEND_ADDRESS_POOLS, names.backend_address_pool)
    probe = _sub_resource(child_id(arm_ids.PROBES, names.probe))

    load_balancer = network.LoadBalancer(
        names.load_balancer,
        network.LoadBalancerArgs(
            resource_group_name=scope.resource_group_name,
            load_balancer_name=names.load_balancer,
            location=scope.location,
            tags=scope.tags,
            sku=network.LoadBalancerSkuArgs(name="Standard", tier="Regional"),
            frontend_ip_configurations=[_frontend_ip_configuration(spec, names, public_ip, subnet_id)],
            backend_address_pools=[network.BackendAddressPoolArgs(name=names.backend_address_pool)],
            probes=[
                network.ProbeArgs(
                    name=names.probe,
                    protocol=spec.load_balancing.probe.protocol,
                    port=spec.load_balancing.probe.port,
                    request_path=spec.load_balancing.probe.path,
                    interval_in_seconds=spec.load_balancing.probe.interval_in_seconds,
                )
            ],
            load_balancing_rules=[
                network.LoadBalancingRuleArgs(
                    name=names.lb_rule(rule),
                    frontend_ip_configuration=frontend,
                    backend_address_pool=_sub_resource(backend_pool_id),
                    probe=probe,
                    protocol=rule.protocol,
                    frontend_port=rule.frontend_port,
                    backend_port=rule.backend_port,
                    load_distribution="Default",  # 5-tuple hash, source IP included
                    # Idle timeout and TCP reset apply to TCP flows only.
                    idle_timeout_in_minutes=4 if rule.protocol == "Tcp" else None,
                    enable_tcp_reset=True if rule.protocol == "Tcp" else None,
                    enable_floating_ip=False,
                    # A public frontend gives no implicit outbound: the outbound rule, a NAT
                    # gateway or nothing does, as `outbound` says (AVM's default too).
                    disable_outbound_snat=True if spec.network.public else None,
                )
                for rule in spec.load_balancing.lb_rules
            ],
            # VMs behind a Standard LB have no internet access otherwise (cloud-init needs it).
            # allocated_outbound_ports=0 is Azure's default allocation by pool size (1,024 ports
            # per VM up to 50 VMs, 512 to 100, 256 to 200), which Azure re-balances itself as
            # the set scales; a fixed number could make a scale-in update exceed the IP's ports.
            # learn.microsoft.com/azure/load-balancer/outbound-rules
            outbound_rules=[
                network.OutboundRuleArgs(
                    name=names.outbound_rule,
                    frontend_ip_configurations=[frontend],
                    backend_address_pool=_sub_resource(backend_pool_id),
                    protocol="All",
                    allocated_outbound_ports=0,
                    idle_timeout_in_minutes=4,
                    enable_tcp_reset=True,
                )
            ]
            if spec.network.outbound is Outbound.LB_RULE
            else None,
            inbound_nat_rules=[
                network.InboundNatRuleArgs(name=rule.name, **inbound_nat_rule_settings(rule, frontend_id))
                for rule in inbound_nat_rules
            ]
            or None,
        ),
        opts=scope.options(),
    )
    if public_ip is not None:
        frontend_ip_address = public_ip.ip_address.apply(lambda ip: ip or "")
        public_ip_address: pulumi.Output[str | None] = frontend_ip_address
        fqdn = public_ip.dns_settings.apply(lambda dns: dns.fqdn if dns else None)
    else:
        frontend_ip_address = load_balancer.frontend_ip_configurations.apply(_private_address)
        public_ip_address = fqdn = pulumi.Output.from_input(None)
    return LoadBalancerResources(
        public_ip=public_ip,
        load_balancer=load_balancer,
        frontend_ip_address=frontend_ip_address,
        public_ip_address=public_ip_address,
        fqdn=fqdn,
        load_balancer_id=lb_id,
        frontend_ip_configuration_id=frontend_id,
        backend_pool_id=backend_pool_id,
    )


def inbound_nat_rule_settings(rule: InboundNatRuleSpec, frontend_id: pulumi.Input[str]) -> dict[str, Any]:
    """An inbound NAT rule's settings on the frontend `frontend_id`, inline or standalone alike."""
    return {
        "frontend_ip_configuration": _sub_resource(frontend_id),
        "protocol": rule.protocol,
        "frontend_port": rule.frontend_port,
        "backend_port": rule.backend_port,
        "idle_timeout_in_minutes": rule.idle_timeout_in_minutes,
        "enable_tcp_reset": rule.enable_tcp_reset,
        "enable_floating_ip": rule.enable_floating_ip,
    }


def _frontend_ip_configuration(
    spec: VmSetSpec,
    names: ResourceNames,
    public_ip: network.PublicIPAddress | None,
    subnet_id: pulumi.Input[str],
) -> network.FrontendIPConfigurationArgs:
    """The public IP, or (internal load balancer) a private address of the VMs' subnet."""
    if public_ip is not None:
        return network.FrontendIPConfigurationArgs(
            name=names.frontend_ip_configuration,
            public_ip_address=network.PublicIPAddressArgs(id=public_ip.id),
        )
    return network.FrontendIPConfigurationArgs(
        name=names.frontend_ip_configuration,
        # An internal frontend carries its own zones (a public one takes its IP's).
        zones=frontend_zones(spec),
        subnet=network.SubnetArgs(id=subnet_id),
        private_ip_allocation_method="Static" if spec.network.frontend_private_ip else "Dynamic",
        private_ip_address=spec.network.frontend_private_ip,
        private_ip_address_version="IPv4",
    )


def _private_address(frontends: Any) -> str:
    for frontend in frontends or []:
        if frontend.private_ip_address:
            return str(frontend.private_ip_address)
    return ""


def _sub_resource(resource_id: pulumi.Input[str]) -> network.SubResourceArgs:
    return network.SubResourceArgs(id=resource_id)
