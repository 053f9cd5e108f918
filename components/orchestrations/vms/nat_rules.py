"""The VMs' inbound NAT rules on the shared load balancer: VM i is reached on
`nat_frontend_port_start + i` (decisions/ports.py), forwarded to its admin port.

Each rule is a standalone `InboundNatRule` (the load balancer carries none inline: see
resources/load_balancer.py). With a resource per rule, a scale-in deletes VM, NIC and NAT rule in
that dependency order and never updates the load balancer, which would otherwise drop a rule a
NIC still references (Pulumi deletes removed resources only after its updates). Terraform
(`azurerm_lb_nat_rule`) and the Bicep verified module (`avm/res/network/load-balancer`) give
each rule its own resource too.

Azure takes one write at a time on a load balancer and answers a concurrent one with 429
`RetryableError` ("Operation PutLoadBalancerOperation ... is updating resource ...",
gardener-attic/gardener-extensions#384; terraform-provider-azurerm locks per load balancer
around NAT-rule writes): the rules form a chain, rule i+1 created after rule i.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network

from ...decisions.naming import ResourceNames
from ...decisions.ports import nat_table
from ...resources.load_balancer import LoadBalancerResources
from ...resources.scope import ResourceScope
from ...spec import VmSetSpec


@dataclass(frozen=True)
class InboundNatRules:
    rules: tuple[network.InboundNatRule, ...]
    """One per VM, in VM order; empty with admin_access `bastion`."""
    last_write: pulumi.Resource
    """The last write of the chain on the load balancer (its last NAT rule, or the load balancer
    itself): a further write that touches the load balancer waits for it."""


def build_inbound_nat_rules(
    spec: VmSetSpec, names: ResourceNames, scope: ResourceScope, load_balancer: LoadBalancerResources
) -> InboundNatRules:
    # No inbound NAT rules at all when admins come through Azure Bastion.
    nat_mappings = (
        nat_table(spec.load_balancing.nat_frontend_port_start, spec.compute.vm_count, spec.load_balancing.admin_port)
        if spec.uses_nat_rules
        else ()
    )
    frontend = network.SubResourceArgs(id=load_balancer.frontend_ip_configuration_id)
    # One write at a time on the load balancer: each rule waits for the one before it. A
    # rule's inputs depend only on its VM index, so scaling adds or removes rules at the end
    # of the chain and changes none that stays.
    rules: list[network.InboundNatRule] = []
    previous: pulumi.Resource = load_balancer.load_balancer
    for mapping in nat_mappings:
        rule_name = names.inbound_nat_rule(mapping.vm_index, spec.compute.os_type)
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
        rules.append(rule)
        previous = rule
    return InboundNatRules(tuple(rules), previous)
