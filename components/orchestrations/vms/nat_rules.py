"""The VMs' inbound NAT rules on the shared load balancer: VM i is reached on
`nat_frontend_port_start + i` (decisions/ports.py), forwarded to its admin port.

By default the rules are inline on the load balancer (`nat_rule_capacity` of them, decided in
decisions/ports.py and written by resources/load_balancer.py in its one write), and VM i's NIC
names rule i by its ARM ID (decisions/arm_ids.py). No write here: the rules cost the deployment
one load-balancer write, whatever the count, and no scale ever changes the load balancer.

With `nat_rule_capacity=0`, each rule is a standalone `InboundNatRule` instead (the load balancer
then leaves the property out). Azure takes one write at a time on a load balancer and answers a
concurrent one with 429 `RetryableError` ("Operation PutLoadBalancerOperation ... is updating
resource ...", gardener-attic/gardener-extensions#384; terraform-provider-azurerm locks per load
balancer around NAT-rule writes): those rules form a chain, rule i+1 created after rule i.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network

from ...decisions import arm_ids
from ...decisions.naming import ResourceNames
from ...decisions.ports import nat_rules
from ...resources.load_balancer import LoadBalancerResources, inbound_nat_rule_settings
from ...resources.scope import ResourceScope
from ...spec import VmSetSpec


@dataclass(frozen=True)
class InboundNatRules:
    rule_ids: tuple[pulumi.Output[str], ...]
    """VM i's rule's ARM ID, in VM order; empty with admin_access `bastion`."""
    standalone: tuple[network.InboundNatRule, ...]
    """The standalone rules, one per VM; empty when the load balancer holds them inline."""


def build_inbound_nat_rules(
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
    load_balancer: LoadBalancerResources,
    after: pulumi.Resource,
) -> InboundNatRules:
    """`after`: the last write under the load balancer before these (its diagnostic setting)."""
    if not spec.uses_nat_rules:  # admins come through Azure Bastion: no NAT rules at all
        return InboundNatRules((), ())
    rule_names = [names.inbound_nat_rule(i, spec.compute.os_type) for i in range(spec.compute.vm_count)]
    if spec.load_balancing.inline_nat_rules:
        ids = tuple(load_balancer.child_id(arm_ids.INBOUND_NAT_RULES, name) for name in rule_names)
        return InboundNatRules(ids, ())
    standalone = _standalone_rules(spec, names, scope, load_balancer, after)
    return InboundNatRules(tuple(rule.id for rule in standalone), standalone)


def _standalone_rules(
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
    load_balancer: LoadBalancerResources,
    after: pulumi.Resource,
) -> tuple[network.InboundNatRule, ...]:
    # One write at a time on the load balancer: each rule waits for the one before it. A
    # rule's inputs depend only on its VM index, so scaling adds or removes rules at the end
    # of the chain and changes none that stays.
    rules: list[network.InboundNatRule] = []
    previous: pulumi.Resource = after
    for decided in nat_rules(spec, names, spec.compute.vm_count):
        rule = network.InboundNatRule(
            decided.name,
            network.InboundNatRuleInitArgs(
                resource_group_name=scope.resource_group_name,
                load_balancer_name=names.load_balancer,
                inbound_nat_rule_name=decided.name,
                **inbound_nat_rule_settings(decided, load_balancer.frontend_ip_configuration_id),
            ),
            opts=scope.options(depends_on=[load_balancer.load_balancer, previous]),
        )
        rules.append(rule)
        previous = rule
    return tuple(rules)
