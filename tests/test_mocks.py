"""The mocks refuse what Azure refuses, so a passing test means a deployable design."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pulumi.runtime import MockResourceArgs

from plan.azure_mocks import SUBSCRIPTION_ID, ArmRejection, AzureMocks
from plan.harness import Deployment

RG = "rg-test"
LB_ID = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}/providers/Microsoft.Network/loadBalancers/lb"


def register(mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    token = {"ResourceGroup": "azure-native:resources:ResourceGroup"}.get(type_name)
    token = token or next(t for t in _TOKENS if t.endswith(f":{type_name}"))
    _, state = mocks.new_resource(MockResourceArgs(typ=token, name=type_name.lower(), inputs=inputs, custom=True))
    return state


_TOKENS = [
    "azure-native:network:PublicIPAddress",
    "azure-native:network:LoadBalancer",
    "azure-native:network:NetworkSecurityGroup",
    "azure-native:network:NetworkInterface",
    "azure-native:network:VirtualNetwork",
    "azure-native:storage:StorageAccount",
    "azure-native:compute:AvailabilitySet",
    "azure-native:compute:VirtualMachine",
]


@pytest.fixture
def mocks() -> AzureMocks:
    m = AzureMocks()
    register(m, "ResourceGroup", {"resourceGroupName": RG, "location": "westeurope"})
    return m


def valid_lb() -> dict[str, Any]:
    frontend = {"id": f"{LB_ID}/frontendIPConfigurations/fe"}
    pool = {"id": f"{LB_ID}/backendAddressPools/pool"}
    return {
        "resourceGroupName": RG,
        "loadBalancerName": "lb",
        "sku": {"name": "Standard"},
        "frontendIPConfigurations": [{"name": "fe"}],
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


def test_a_valid_load_balancer_gets_sub_resource_ids(mocks: AzureMocks) -> None:
    state = register(mocks, "LoadBalancer", valid_lb())
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
def test_load_balancer_rejections(mocks: AzureMocks, change: Any, code: str) -> None:
    lb = copy.deepcopy(valid_lb())
    change(lb)
    with pytest.raises(ArmRejection) as caught:
        register(mocks, "LoadBalancer", lb)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("inputs", "code"),
    [
        ({"sku": {"name": "Basic"}, "publicIPAllocationMethod": "Static"}, "IPv4BasicSkuPublicIpCountLimitReached"),
        (
            {"sku": {"name": "Standard"}, "publicIPAllocationMethod": "Dynamic"},
            "StandardSkuPublicIPAddressesMustBeStatic",
        ),
    ],
)
def test_public_ip_rejections(mocks: AzureMocks, inputs: dict[str, Any], code: str) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(mocks, "PublicIPAddress", {"resourceGroupName": RG, **inputs})
    assert caught.value.code == code


@pytest.mark.parametrize("name", ["Has-Upper", "ab", "a" * 25, "has_underscore"])
def test_invalid_storage_account_names_are_rejected(mocks: AzureMocks, name: str) -> None:
    with pytest.raises(ArmRejection):
        register(mocks, "StorageAccount", {"resourceGroupName": RG, "accountName": name})


def test_storage_account_names_are_globally_unique(mocks: AzureMocks) -> None:
    register(mocks, "StorageAccount", {"resourceGroupName": RG, "accountName": "taken123"})
    with pytest.raises(ArmRejection):
        register(mocks, "StorageAccount", {"resourceGroupName": RG, "accountName": "taken123"})


def test_service_tags_in_a_prefix_list_are_rejected(mocks: AzureMocks) -> None:
    rule = {"name": "r", "priority": 100, "direction": "Inbound", "sourceAddressPrefixes": ["Internet", "10.0.0.0/8"]}
    with pytest.raises(ArmRejection):
        register(mocks, "NetworkSecurityGroup", {"resourceGroupName": RG, "securityRules": [rule]})


def test_two_nics_on_one_nat_rule_are_rejected(mocks: AzureMocks) -> None:
    register(mocks, "LoadBalancer", valid_lb())
    vnet_id = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}/providers/Microsoft.Network/virtualNetworks/v"
    register(
        mocks,
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
        mocks,
        "NetworkInterface",
        {"resourceGroupName": RG, "networkInterfaceName": "n1", "ipConfigurations": [ip_configuration]},
    )
    with pytest.raises(ArmRejection) as caught:
        register(
            mocks,
            "NetworkInterface",
            {"resourceGroupName": RG, "networkInterfaceName": "n2", "ipConfigurations": [ip_configuration]},
        )
    assert caught.value.code == "RulesOfSameLoadBalancerTypeUseSameBackendPortProtocolAndIPConfig"


def test_managed_disk_vm_in_a_classic_availability_set_is_rejected(
    mocks: AzureMocks, linux_default: Deployment
) -> None:
    register(mocks, "AvailabilitySet", {"resourceGroupName": RG, "availabilitySetName": "classic"})
    vm = copy.deepcopy(linux_default.of_type("VirtualMachine")[0].inputs)
    vm.update(
        resourceGroupName=RG,
        availabilitySet={
            "id": f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}"
            "/providers/Microsoft.Compute/availabilitySets/classic"
        },
    )
    with pytest.raises(ArmRejection, match="Aligned"):
        register(mocks, "VirtualMachine", vm)
