"""The mocks refuse the scale sets, NAT rules V2 and autoscale settings Azure refuses (sources:
offline/azure_mocks/catalog.py). Tested on their own inputs, never through the component."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from offline.azure_mocks import AzureMocks

from ..support.arm import NETWORK, PIP_ID, RG, RG_ID, VNET_ID, refusal, register

LB_ID = f"{NETWORK}/loadBalancers/lb"
POOL_ID = f"{LB_ID}/backendAddressPools/pool"
FRONTEND_ID = f"{LB_ID}/frontendIPConfigurations/frontend"
VMSS_ID = f"{RG_ID}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss"


@pytest.fixture
def vmss_mocks(network_mocks: AzureMocks) -> AzureMocks:
    """`network_mocks` (VNet `vnet` with subnet `snet`, Standard IP `pip`) and a load balancer `lb`
    (frontend `frontend`, pool `pool`, TCP 80 rule)."""
    mocks = network_mocks
    register(
        mocks,
        "LoadBalancer",
        {
            "resourceGroupName": RG,
            "loadBalancerName": "lb",
            "sku": {"name": "Standard"},
            "frontendIPConfigurations": [{"name": "frontend", "publicIPAddress": {"id": PIP_ID}}],
            "backendAddressPools": [{"name": "pool"}],
            "probes": [{"name": "probe", "protocol": "Tcp", "port": 80, "intervalInSeconds": 5}],
            "loadBalancingRules": [
                {
                    "name": "tcp-80",
                    "frontendIPConfiguration": {"id": FRONTEND_ID},
                    "backendAddressPool": {"id": POOL_ID},
                    "probe": {"id": f"{LB_ID}/probes/probe"},
                    "frontendPort": 80,
                    "backendPort": 80,
                    "protocol": "Tcp",
                }
            ],
        },
    )
    return mocks


def scale_set(**properties: Any) -> dict[str, Any]:
    """A valid Flexible scale set of three Linux instances over zones 1-3, overridden by `properties`."""
    inputs: dict[str, Any] = {
        "resourceGroupName": RG,
        "vmScaleSetName": "vmss",
        "orchestrationMode": "Flexible",
        "platformFaultDomainCount": 1,
        "singlePlacementGroup": False,
        "zones": ["1", "2", "3"],
        "sku": {"name": "Standard_D2s_v5", "tier": "Standard", "capacity": 3},
        "upgradePolicy": {"mode": "Rolling", "rollingUpgradePolicy": {"maxBatchInstancePercent": 50, "maxSurge": True}},
        "automaticRepairsPolicy": {"enabled": True, "gracePeriod": "PT30M"},
        "virtualMachineProfile": {
            "osProfile": {
                "computerNamePrefix": "vmss",
                "adminUsername": "azureuser",
                "linuxConfiguration": {
                    "disablePasswordAuthentication": True,
                    "ssh": {
                        "publicKeys": [{"path": "/home/azureuser/.ssh/authorized_keys", "keyData": "ssh-ed25519 AAAA"}]
                    },
                },
            },
            "networkProfile": {
                "networkApiVersion": "2020-11-01",
                "networkInterfaceConfigurations": [
                    {
                        "name": "nic",
                        "ipConfigurations": [
                            {
                                "name": "ipconfig1",
                                "subnet": {"id": f"{VNET_ID}/subnets/snet"},
                                "loadBalancerBackendAddressPools": [{"id": POOL_ID}],
                            }
                        ],
                    }
                ],
            },
            "extensionProfile": {
                "extensions": [
                    {"name": "health", "publisher": "Microsoft.ManagedServices", "type": "ApplicationHealthLinux"}
                ]
            },
        },
    }
    inputs.update(properties)
    return inputs


def without_health_extension() -> dict[str, Any]:
    inputs = scale_set()
    inputs["virtualMachineProfile"]["extensionProfile"] = {"extensions": []}
    return inputs


def with_network_profile(**network: Any) -> dict[str, Any]:
    inputs = scale_set()
    inputs["virtualMachineProfile"]["networkProfile"].update(network)
    return inputs


def with_ip_configuration(**ip_configuration: Any) -> dict[str, Any]:
    inputs = scale_set()
    nic = inputs["virtualMachineProfile"]["networkProfile"]["networkInterfaceConfigurations"][0]
    nic["ipConfigurations"][0].update(ip_configuration)
    return inputs


def test_a_valid_scale_set_is_accepted(vmss_mocks: AzureMocks) -> None:
    resource_id, _ = register(vmss_mocks, "VirtualMachineScaleSet", scale_set())
    assert resource_id == VMSS_ID


@pytest.mark.parametrize(
    ("case", "inputs"),
    [
        ("uniform orchestration", scale_set(orchestrationMode="Uniform")),
        ("a single placement group", scale_set(singlePlacementGroup=True)),
        ("fixed spreading with zones", scale_set(platformFaultDomainCount=2)),
        ("four regional fault domains", scale_set(zones=[], platformFaultDomainCount=4)),
        ("1,001 instances", scale_set(sku={"name": "Standard_D2s_v5", "capacity": 1001})),
        (
            "201 instances with fixed spreading",
            scale_set(zones=[], platformFaultDomainCount=2, sku={"name": "Standard_D2s_v5", "capacity": 201}),
        ),
        ("rolling without the health extension", without_health_extension()),
        (
            "a batch of 4%",
            scale_set(upgradePolicy={"mode": "Rolling", "rollingUpgradePolicy": {"maxBatchInstancePercent": 4}}),
        ),
        (
            "MaxSurge with automatic OS upgrades",
            scale_set(
                upgradePolicy={
                    "mode": "Rolling",
                    "rollingUpgradePolicy": {"maxSurge": True},
                    "automaticOSUpgradePolicy": {"enableAutomaticOSUpgrade": True},
                }
            ),
        ),
        (
            "a repair grace period of 5 minutes",
            scale_set(automaticRepairsPolicy={"enabled": True, "gracePeriod": "PT5M"}),
        ),
        (
            "a repair grace period of 2 hours",
            scale_set(automaticRepairsPolicy={"enabled": True, "gracePeriod": "PT120M"}),
        ),
        ("no network API version", with_network_profile(networkApiVersion=None)),
        (
            "an inbound NAT pool",
            with_ip_configuration(loadBalancerInboundNatPools=[{"id": f"{LB_ID}/inboundNatPools/p"}]),
        ),
        (
            "a pool of no load balancer",
            with_ip_configuration(loadBalancerBackendAddressPools=[{"id": f"{LB_ID}/backendAddressPools/x"}]),
        ),
        ("a subnet that does not exist", with_ip_configuration(subnet={"id": f"{VNET_ID}/subnets/none"})),
        ("zones in a region without them", scale_set(location="westus")),
    ],
)
def test_the_mocks_refuse_what_azure_refuses_of_a_scale_set(
    vmss_mocks: AzureMocks, case: str, inputs: dict[str, Any]
) -> None:
    assert refusal(vmss_mocks, "VirtualMachineScaleSet", inputs)


def test_repairs_without_a_health_signal_are_refused(vmss_mocks: AzureMocks) -> None:
    inputs = without_health_extension()
    inputs["upgradePolicy"] = {"mode": "Manual"}
    assert refusal(vmss_mocks, "VirtualMachineScaleSet", inputs) == "InvalidParameter"


# --- inbound NAT rule V2 ---------------------------------------------------------------------------------


def nat_rule_v2(**properties: Any) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "loadBalancerName": "lb",
        "inboundNatRuleName": "vmss-ssh",
        "frontendIPConfiguration": {"id": FRONTEND_ID},
        "backendAddressPool": {"id": POOL_ID},
        "frontendPortRangeStart": 50001,
        "frontendPortRangeEnd": 51000,
        "backendPort": 22,
        "protocol": "Tcp",
        **properties,
    }


def test_a_nat_rule_over_a_pool_is_accepted(vmss_mocks: AzureMocks) -> None:
    resource_id, _ = register(vmss_mocks, "InboundNatRule", nat_rule_v2())
    assert resource_id == f"{LB_ID}/inboundNatRules/vmss-ssh"


@pytest.mark.parametrize(
    ("case", "inputs"),
    [
        ("a range that ends before it starts", nat_rule_v2(frontendPortRangeEnd=50000)),
        ("no range end", nat_rule_v2(frontendPortRangeEnd=None)),
        ("a range past 65534", nat_rule_v2(frontendPortRangeEnd=65535)),
        ("a frontend port as well as a range", nat_rule_v2(frontendPort=50001)),
        ("a pool that does not exist", nat_rule_v2(backendAddressPool={"id": f"{LB_ID}/backendAddressPools/x"})),
        ("a range over a load-balancing rule's port", nat_rule_v2(frontendPortRangeStart=1, frontendPortRangeEnd=100)),
    ],
)
def test_the_mocks_refuse_what_azure_refuses_of_a_nat_rule_v2(
    vmss_mocks: AzureMocks, case: str, inputs: dict[str, Any]
) -> None:
    assert refusal(vmss_mocks, "InboundNatRule", inputs)


def test_a_v1_rule_on_a_port_of_a_v2_range_is_refused(vmss_mocks: AzureMocks) -> None:
    """What a switch from per-VM rules to the scale set's range meets while the old rules still exist."""
    register(vmss_mocks, "InboundNatRule", nat_rule_v2())
    v1 = {k: v for k, v in nat_rule_v2(inboundNatRuleName="vm-1-ssh", frontendPort=50001).items() if "Range" not in k}
    del v1["backendAddressPool"]
    assert refusal(vmss_mocks, "InboundNatRule", v1) == "InvalidFrontendPort"


# --- autoscale settings ------------------------------------------------------------------------------------


def autoscale_setting(**capacity: str) -> dict[str, Any]:
    trigger = {"metricName": "Percentage CPU", "metricResourceUri": VMSS_ID, "operator": "GreaterThan", "threshold": 70}
    return {
        "resourceGroupName": RG,
        "autoscaleSettingName": "vmss-autoscale",
        "targetResourceUri": VMSS_ID,
        "profiles": [
            {
                "name": "cpu",
                "capacity": {"minimum": "2", "maximum": "10", "default": "3", **capacity},
                "rules": [
                    {
                        "metricTrigger": trigger,
                        "scaleAction": {"direction": "Increase", "type": "ChangeCount", "value": "1"},
                    }
                ],
            }
        ],
    }


def test_an_autoscale_setting_on_a_scale_set_is_accepted(vmss_mocks: AzureMocks) -> None:
    register(vmss_mocks, "VirtualMachineScaleSet", scale_set())
    resource_id, _ = register(vmss_mocks, "AutoscaleSetting", autoscale_setting())
    assert resource_id.endswith("/autoscalesettings/vmss-autoscale")


@pytest.mark.parametrize(
    ("case", "capacity"),
    [
        ("default below minimum", {"default": "1"}),
        ("default above maximum", {"default": "11"}),
        ("maximum above 1,000", {"maximum": "1001"}),
    ],
)
def test_the_mocks_refuse_an_impossible_capacity(vmss_mocks: AzureMocks, case: str, capacity: dict[str, str]) -> None:
    register(vmss_mocks, "VirtualMachineScaleSet", scale_set())
    assert refusal(vmss_mocks, "AutoscaleSetting", autoscale_setting(**capacity)) == "BadRequest"


def test_the_mocks_refuse_autoscale_on_a_scale_set_that_does_not_exist(vmss_mocks: AzureMocks) -> None:
    assert refusal(vmss_mocks, "AutoscaleSetting", copy.deepcopy(autoscale_setting())) == "ResourceNotFound"
