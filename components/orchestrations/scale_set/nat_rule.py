"""The scale set's admin access: one inbound NAT rule V2 on the shared load balancer, over the
backend pool, forwarding a port range to the admin port. Azure gives each instance its own port of
the range, and adds or removes the mapping as instances come and go: nothing else is written for
them. The range's end is fixed at the largest count a Flexible scale set can reach, so scaling
changes the scale set alone (decisions/scale_set.py, `nat_port_range`).

Learn, "Inbound NAT rules" (learn.microsoft.com/azure/load-balancer/inbound-nat-rules): a V2 rule
takes `backendAddressPool` with `frontendPortRangeStart`/`frontendPortRangeEnd`; Flexible scale sets
cannot use NAT pools, which retire on 2027-09-30. Which instance holds which port is Azure's choice:
read it with the backend pool's `queryInboundNatRulePortMapping` operation
(PowerShell's `Get-AzLoadBalancerBackendAddressInboundNatRulePortMapping`; docs/scale-set.md).

The rule is a standalone `InboundNatRule`: the load balancer carries no inbound NAT rules itself
(resources/load_balancer.py), so its updates keep this one.
"""

from __future__ import annotations

import pulumi
from pulumi_azure_native import network

from ...decisions.naming import ResourceNames
from ...decisions.scale_set import NatPortRange
from ...resources.load_balancer import LoadBalancerResources
from ...resources.scope import ResourceScope
from ...spec import OsType


def build_scale_set_nat_rule(
    names: ResourceNames,
    scope: ResourceScope,
    load_balancer: LoadBalancerResources,
    port_range: NatPortRange,
    os_type: OsType,
    after: pulumi.Resource,
) -> network.InboundNatRule:
    """`after`: the last write under the load balancer before it (its diagnostic setting)."""
    rule_name = names.scale_set_nat_rule(os_type)
    return network.InboundNatRule(
        rule_name,
        network.InboundNatRuleInitArgs(
            resource_group_name=scope.resource_group_name,
            load_balancer_name=names.load_balancer,
            inbound_nat_rule_name=rule_name,
            frontend_ip_configuration=network.SubResourceArgs(id=load_balancer.frontend_ip_configuration_id),
            backend_address_pool=network.SubResourceArgs(id=load_balancer.backend_pool_id),
            frontend_port_range_start=port_range.start,
            frontend_port_range_end=port_range.end,
            backend_port=port_range.backend_port,
            protocol="Tcp",
            idle_timeout_in_minutes=4,
            enable_tcp_reset=True,
            enable_floating_ip=False,
        ),
        opts=scope.options(depends_on=[load_balancer.load_balancer, after]),
    )
