"""Azure Resource Manager IDs, built as strings.

Inline load-balancer children (frontend, pool, probe, rules) must name each other
by full ARM ID within the load balancer that contains them, before it exists; NICs
join the pool and their NAT rule by the same IDs.
"""

from __future__ import annotations


def resource_group_id(subscription_id: str, resource_group_name: str) -> str:
    return f"/subscriptions/{subscription_id}/resourceGroups/{resource_group_name}"


def load_balancer_id(subscription_id: str, resource_group_name: str, load_balancer_name: str) -> str:
    return (
        f"{resource_group_id(subscription_id, resource_group_name)}"
        f"/providers/Microsoft.Network/loadBalancers/{load_balancer_name}"
    )


def load_balancer_child_id(load_balancer: str, collection: str, name: str) -> str:
    """ID of `name` in one of the load balancer's collections, e.g. `backendAddressPools`."""
    return f"{load_balancer}/{collection}/{name}"


FRONTEND_IP_CONFIGURATIONS = "frontendIPConfigurations"
BACKEND_ADDRESS_POOLS = "backendAddressPools"
PROBES = "probes"
LOAD_BALANCING_RULES = "loadBalancingRules"
INBOUND_NAT_RULES = "inboundNatRules"
OUTBOUND_RULES = "outboundRules"
