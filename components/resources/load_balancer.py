"""The Standard public IP and Standard load balancer, and one inbound NAT rule per VM.

The frontend, backend pool, probe, load-balancing rules and outbound rule live inline in
the LoadBalancer (probes and load-balancing rules exist only inline). Each inbound NAT rule
is a standalone `InboundNatRule`, and the LoadBalancer does not carry `inbound_nat_rules`
at all: pulumi-azure-native keeps standalone children on a load-balancer update only when
that property is absent (`MaintainSubResourcePropertiesIfNotSet`; `[]` would delete them),
and the SDK warns never to mix inline and standalone rules. With a resource per rule, a
scale-in deletes VM, NIC and NAT rule in that dependency order and never updates the load
balancer, which would otherwise drop a rule a NIC still references (Pulumi deletes removed
resources only after its updates). Terraform (`azurerm_lb_nat_rule`) and the Bicep verified
module (`avm/res/network/load-balancer`) give each rule its own resource too.

Azure takes one write at a time on a load balancer and answers a concurrent one with 429
`RetryableError` ("Operation PutLoadBalancerOperation ... is updating resource ...",
gardener-attic/gardener-extensions#384; terraform-provider-azurerm locks per load balancer
around NAT-rule writes): the NAT rules form a chain, rule i+1 created after rule i.

Each rule names its frontend, pool and probe by full ARM ID within this load balancer
(see decisions/arm_ids.py). NICs join the pool and their NAT rule from their own IP configuration,
never by editing the pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi_azure_native import network

from ..decisions import arm_ids
from ..decisions.naming import ResourceNames
from ..decisions.ports import nat_table
from ..decisions.zones import frontend_zones
from ..spec import Outbound, VmSetSpec
from .public_ip import standard_public_ip
from .scope import ResourceScope


@dataclass(frozen=True)
class LoadBalancing:
    public_ip: network.PublicIPAddress | None
    """None for an internal load balancer."""
    load_balancer: network.LoadBalancer
    frontend_ip_address: pulumi.Output[str]
    """The public IP's address, or the internal frontend's private address."""
    backend_pool_id: pulumi.Output[str]
    inbound_nat_rules: tuple[network.InboundNatRule, ...]
    """One per VM, in VM order; empty with admin_access `bastion`."""
    last_write: pulumi.Resource
    """The last write of the chain on the load balancer (its last NAT rule, or itself): a
    further write that touches the load balancer waits for it."""


def build_load_balancing(
    spec: VmSetSpec,
    names: ResourceNames,
    subscription_id: pulumi.Input[str],
    scope: ResourceScope,
    subnet_id: pulumi.Input[str],
) -> LoadBalancing:
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

    frontend = _sub_resource(child_id(arm_ids.FRONTEND_IP_CONFIGURATIONS, names.frontend_ip_configuration))
    backend_pool_id = child_id(arm_ids.BACKEND_ADDRESS_POOLS, names.backend_address_pool)
    probe = _sub_resource(child_id(arm_ids.PROBES, names.probe))
    # No inbound NAT rules at all when admins come through Azure Bastion.
    nat_mappings = (
        nat_table(spec.load_balancing.nat_frontend_port_start, spec.compute.vm_count, spec.load_balancing.admin_port)
        if spec.uses_nat_rules
        else ()
    )
    nat_rule_names = [names.inbound_nat_rule(m.vm_index, spec.compute.os_type) for m in nat_mappings]

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
        ),
        opts=scope.options(),
    )
    # One write at a time on the load balancer: each rule waits for the one before it. A
    # rule's inputs depend only on its VM index, so scaling adds or removes rules at the end
    # of the chain and changes none that stays.
    nat_rules: list[network.InboundNatRule] = []
    previous: pulumi.Resource = load_balancer
    for mapping, rule_name in zip(nat_mappings, nat_rule_names, strict=True):
        rule = network.InboundNatRule(
            rule_name,
            network.InboundNatRuleInitArgs(
                resource_group_name=scope.resource_group_name,
                load_balancer_name=names.load_balancer,
                inbound_nat_rule_name=rule_name,
                frontend_ip_configuration=frontend,
                protocol="Tcp",
                frontend_port=mapping.frontend_port,
                backend_port=mapping.backend_port,
                idle_timeout_in_minutes=4,
                enable_tcp_reset=True,
                enable_floating_ip=False,
            ),
            opts=scope.options(depends_on=[previous]),
        )
        nat_rules.append(rule)
        previous = rule
    if public_ip is not None:
        frontend_ip_address = public_ip.ip_address.apply(lambda ip: ip or "")
    else:
        frontend_ip_address = load_balancer.frontend_ip_configurations.apply(_private_address)
    return LoadBalancing(public_ip, load_balancer, frontend_ip_address, backend_pool_id, tuple(nat_rules), previous)


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
