"""The mocks refuse the load balancers, frontends and inbound NAT rules Azure refuses."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from offline.azure_mocks import SUBSCRIPTION_ID, ArmRejection, AzureMocks

from ..support.arm import NETWORK, PIP_ID, RG, register, standard_ip

LB_ID = f"{NETWORK}/loadBalancers/lb"
SUBNET_ID = f"{NETWORK}/virtualNetworks/vnet/subnets/snet"


def valid_lb() -> dict[str, Any]:
    frontend = {"id": f"{LB_ID}/frontendIPConfigurations/fe"}
    pool = {"id": f"{LB_ID}/backendAddressPools/pool"}
    return {
        "resourceGroupName": RG,
        "loadBalancerName": "lb",
        "sku": {"name": "Standard"},
        "frontendIPConfigurations": [{"name": "fe", "publicIPAddress": {"id": PIP_ID}}],
        "backendAddressPools": [{"name": "pool"}],
        "probes": [{"name": "probe", "protocol": "Http", "port": 80, "requestPath": "/", "intervalInSeconds": 5}],
        "loadBalancingRules": [
            {
                "name": "r",
                "protocol": "Tcp",
                "frontendPort": 80,
                "backendPort": 80,
                "frontendIPConfiguration": frontend,
                "backendAddressPool": pool,
                "probe": {"id": f"{LB_ID}/probes/probe"},
                "disableOutboundSnat": True,
            }
        ],
        "inboundNatRules": [
            {
                "name": "nat1",
                "protocol": "Tcp",
                "frontendPort": 50001,
                "backendPort": 22,
                "frontendIPConfiguration": frontend,
            }
        ],
        "outboundRules": [
            {"name": "out", "protocol": "All", "backendAddressPool": pool, "frontendIPConfigurations": [frontend]}
        ],
    }


def test_a_valid_load_balancer_gets_sub_resource_ids(network_mocks: AzureMocks) -> None:
    _, state = register(network_mocks, "LoadBalancer", valid_lb())
    assert state["backendAddressPools"][0]["id"] == f"{LB_ID}/backendAddressPools/pool"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda lb: lb.update(sku={"name": "Basic"}), "BasicSkuLoadBalancerRetired"),
        (
            lambda lb: lb["loadBalancingRules"][0].update(backendAddressPool={"id": f"{LB_ID}/backendAddressPools/x"}),
            "InvalidResourceReference",
        ),
        (
            lambda lb: lb["loadBalancingRules"][0].update(disableOutboundSnat=False),
            "LoadBalancingRuleMustDisableSNATSinceSameProtocolAndBackendPortUsedByOutboundRule",
        ),
        (lambda lb: lb["inboundNatRules"][0].update(frontendPort=80), "InvalidFrontendPort"),
        (lambda lb: lb["probes"][0].update(intervalInSeconds=4), "InvalidProbeInterval"),
        (lambda lb: lb["probes"][0].pop("requestPath"), "ProbeRequestPathRequired"),
    ],
    ids=["basic-sku", "foreign-pool", "snat-not-disabled", "frontend-port-clash", "probe-interval", "probe-path"],
)
def test_load_balancer_rejections(network_mocks: AzureMocks, change: Any, code: str) -> None:
    lb = copy.deepcopy(valid_lb())
    change(lb)
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "LoadBalancer", lb)
    assert caught.value.code == code


def internal_lb(private_ip: str | None = None) -> dict[str, Any]:
    lb = valid_lb()
    lb["frontendIPConfigurations"] = [
        {
            "name": "fe",
            "subnet": {"id": SUBNET_ID},
            "privateIPAllocationMethod": "Static" if private_ip else "Dynamic",
            **({"privateIPAddress": private_ip} if private_ip else {}),
        }
    ]
    del lb["outboundRules"]
    return lb


def test_an_internal_frontend_gets_the_first_free_address_of_its_subnet(network_mocks: AzureMocks) -> None:
    _, state = register(network_mocks, "LoadBalancer", internal_lb())
    assert state["frontendIPConfigurations"][0]["privateIPAddress"] == "10.0.1.4"


def test_a_static_internal_frontend_keeps_its_address(network_mocks: AzureMocks) -> None:
    _, state = register(network_mocks, "LoadBalancer", internal_lb("10.0.1.200"))
    assert state["frontendIPConfigurations"][0]["privateIPAddress"] == "10.0.1.200"


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("10.0.1.3", "PrivateIPAddressIsReserved"),
        ("10.0.1.255", "PrivateIPAddressIsReserved"),
        ("10.0.2.10", "PrivateIPAddressNotInSubnet"),
    ],
)
def test_static_frontend_addresses_azure_refuses(network_mocks: AzureMocks, address: str, code: str) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "LoadBalancer", internal_lb(address))
    assert caught.value.code == code


def test_a_static_address_in_use_is_refused(network_mocks: AzureMocks) -> None:
    register(
        network_mocks,
        "NetworkInterface",
        {
            "resourceGroupName": RG,
            "ipConfigurations": [
                {
                    "name": "ipconfig1",
                    "subnet": {"id": SUBNET_ID},
                    "privateIPAllocationMethod": "Static",
                    "privateIPAddress": "10.0.1.10",
                }
            ],
        },
    )
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "LoadBalancer", internal_lb("10.0.1.10"))
    assert caught.value.code == "PrivateIPAddressInUse"


def test_an_outbound_rule_on_an_internal_frontend_is_refused(network_mocks: AzureMocks) -> None:
    lb = internal_lb()
    lb["outboundRules"] = valid_lb()["outboundRules"]
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "LoadBalancer", lb)
    assert caught.value.code == "OutboundRuleCannotUsePrivateFrontendIPConfiguration"


def test_a_frontend_with_a_public_ip_and_a_subnet_is_refused(network_mocks: AzureMocks) -> None:
    lb = valid_lb()
    lb["frontendIPConfigurations"][0]["subnet"] = {"id": SUBNET_ID}
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "LoadBalancer", lb)
    assert caught.value.code == "InvalidFrontendIPConfiguration"


def test_two_nics_on_one_nat_rule_are_rejected(network_mocks: AzureMocks) -> None:
    register(network_mocks, "LoadBalancer", valid_lb())
    vnet_id = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}/providers/Microsoft.Network/virtualNetworks/v"
    register(
        network_mocks,
        "VirtualNetwork",
        {
            "resourceGroupName": RG,
            "virtualNetworkName": "v",
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [{"name": "s", "addressPrefix": "10.0.0.0/24"}],
        },
    )
    ip_configuration = {
        "name": "ip",
        "subnet": {"id": f"{vnet_id}/subnets/s"},
        "loadBalancerInboundNatRules": [{"id": f"{LB_ID}/inboundNatRules/nat1"}],
    }
    register(
        network_mocks,
        "NetworkInterface",
        {"resourceGroupName": RG, "networkInterfaceName": "n1", "ipConfigurations": [ip_configuration]},
    )
    with pytest.raises(ArmRejection) as caught:
        register(
            network_mocks,
            "NetworkInterface",
            {"resourceGroupName": RG, "networkInterfaceName": "n2", "ipConfigurations": [ip_configuration]},
        )
    assert caught.value.code == "RulesOfSameLoadBalancerTypeUseSameBackendPortProtocolAndIPConfig"


# --- standalone inbound NAT rules ----------------------------------------------------------------------


def nat_rule(name: str = "nat1", frontend_port: int = 50001, load_balancer: str = "lb") -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "loadBalancerName": load_balancer,
        "inboundNatRuleName": name,
        "frontendIPConfiguration": {"id": f"{LB_ID}/frontendIPConfigurations/fe"},
        "protocol": "Tcp",
        "frontendPort": frontend_port,
        "backendPort": 22,
    }


def nic_on(mocks: AzureMocks, rule_id: str, name: str = "n1") -> dict[str, Any]:
    ip_configuration = {
        "name": "ip",
        "subnet": {"id": SUBNET_ID},
        "loadBalancerInboundNatRules": [{"id": rule_id}],
    }
    _, state = register(
        mocks,
        "NetworkInterface",
        {"resourceGroupName": RG, "networkInterfaceName": name, "ipConfigurations": [ip_configuration]},
    )
    return state


def without_inline_nat_rules(lb: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in lb.items() if key != "inboundNatRules"}


def test_a_standalone_nat_rule_gets_an_id_under_its_load_balancer(network_mocks: AzureMocks) -> None:
    register(network_mocks, "LoadBalancer", without_inline_nat_rules(valid_lb()))
    rule_id, _ = register(network_mocks, "InboundNatRule", nat_rule())
    assert rule_id == f"{LB_ID}/inboundNatRules/nat1"


def test_a_nat_rule_without_its_load_balancer_is_rejected(network_mocks: AzureMocks) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "InboundNatRule", nat_rule())
    assert caught.value.code == "ParentResourceNotFound"


def test_two_nat_rules_on_one_frontend_port_are_rejected(network_mocks: AzureMocks) -> None:
    register(network_mocks, "LoadBalancer", without_inline_nat_rules(valid_lb()))
    register(network_mocks, "InboundNatRule", nat_rule("nat1", 50001))
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "InboundNatRule", nat_rule("nat2", 50001))
    assert caught.value.code == "InvalidFrontendPort"


def test_a_nat_rule_on_a_load_balancing_rules_frontend_port_is_rejected(network_mocks: AzureMocks) -> None:
    register(network_mocks, "LoadBalancer", without_inline_nat_rules(valid_lb()))
    with pytest.raises(ArmRejection, match="already used by rule r"):
        register(network_mocks, "InboundNatRule", nat_rule("nat1", 80))


def test_a_nat_rule_on_another_load_balancers_frontend_is_rejected(network_mocks: AzureMocks) -> None:
    register(network_mocks, "LoadBalancer", without_inline_nat_rules(valid_lb()))
    rule = nat_rule() | {"frontendIPConfiguration": {"id": f"{LB_ID}2/frontendIPConfigurations/fe"}}
    with pytest.raises(ArmRejection, match="is not a frontend"):
        register(network_mocks, "InboundNatRule", rule)


def test_a_nic_may_join_a_standalone_nat_rule(network_mocks: AzureMocks) -> None:
    register(network_mocks, "LoadBalancer", without_inline_nat_rules(valid_lb()))
    register(network_mocks, "InboundNatRule", nat_rule())
    state = nic_on(network_mocks, f"{LB_ID}/inboundNatRules/nat1")
    assert state["ipConfigurations"][0]["loadBalancerInboundNatRules"] == [{"id": f"{LB_ID}/inboundNatRules/nat1"}]


def test_a_nic_on_a_nat_rule_that_does_not_exist_is_rejected(network_mocks: AzureMocks) -> None:
    register(network_mocks, "LoadBalancer", without_inline_nat_rules(valid_lb()))
    with pytest.raises(ArmRejection) as caught:
        nic_on(network_mocks, f"{LB_ID}/inboundNatRules/nat9")
    assert caught.value.code == "InvalidResourceReference"


# --- one write at a time on a load balancer ------------------------------------------------------------


def engine_order(mocks: AzureMocks, name: str, *dependencies: str) -> str:
    """Hand the mocks the engine's order of the last registered resource, as the recording
    monitor does: its URN (`name`) and what it depends on. Returns the URN."""
    resource = mocks.registered[-1]
    resource.urn, resource.dependencies = name, dependencies
    mocks.engine_registered(resource)
    return name


@pytest.fixture
def load_balancer_written(network_mocks: AzureMocks) -> AzureMocks:
    register(network_mocks, "LoadBalancer", without_inline_nat_rules(valid_lb()))
    engine_order(network_mocks, "lb")
    register(network_mocks, "InboundNatRule", nat_rule("nat1", 50001))
    engine_order(network_mocks, "nat1", "lb")
    return network_mocks


def test_a_second_load_balancer_write_free_to_run_beside_the_first_is_refused(
    load_balancer_written: AzureMocks,
) -> None:
    register(load_balancer_written, "InboundNatRule", nat_rule("nat2", 50002))
    with pytest.raises(ArmRejection) as caught:
        engine_order(load_balancer_written, "nat2", "lb")
    assert caught.value.code == "RetryableErrorDueToAnotherOperation"


def test_a_load_balancer_write_after_the_one_before_it_is_accepted(load_balancer_written: AzureMocks) -> None:
    register(load_balancer_written, "InboundNatRule", nat_rule("nat2", 50002))
    assert engine_order(load_balancer_written, "nat2", "nat1") == "nat2"


def test_waiting_for_the_write_before_through_another_resource_is_enough(load_balancer_written: AzureMocks) -> None:
    register(load_balancer_written, "PublicIPAddress", standard_ip(publicIpAddressName="between"))
    engine_order(load_balancer_written, "barrier", "nat1")
    register(load_balancer_written, "InboundNatRule", nat_rule("nat2", 50002))
    assert engine_order(load_balancer_written, "nat2", "barrier") == "nat2"
