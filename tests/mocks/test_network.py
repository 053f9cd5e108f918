"""The mocks refuse the NAT gateways, NICs, public IPs, NSGs and subnets Azure refuses."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime import MockCallArgs

from offline.azure_mocks import SUBSCRIPTION_ID, ArmRejection, AzureMocks

from ..support.arm import NETWORK, PIP_ID, RG, RG_ID, refusal, register, standard_ip

SUBNET_ID = f"{NETWORK}/virtualNetworks/vnet/subnets/snet"


@pytest.mark.parametrize(
    ("inputs", "code"),
    [
        ({"sku": {"name": "Basic"}, "publicIpAddresses": [{"id": PIP_ID}]}, "InvalidParameter"),
        ({"sku": {"name": "Standard"}}, "NatGatewayRequiresPublicIp"),
    ],
    ids=["basic-sku", "no-public-ip"],
)
def test_nat_gateway_rejections(network_mocks: AzureMocks, inputs: dict[str, Any], code: str) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "NatGateway", {"resourceGroupName": RG, **inputs})
    assert caught.value.code == code


def nic_with_nsg(group: str) -> dict[str, Any]:
    nsg_id = (
        f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{group}/providers/Microsoft.Network/networkSecurityGroups/x"
    )
    return {
        "resourceGroupName": RG,
        "ipConfigurations": [{"name": "ipconfig1", "subnet": {"id": SUBNET_ID}}],
        "networkSecurityGroup": {"id": nsg_id},
    }


def test_a_nic_with_an_unknown_nsg_in_a_resource_group_of_the_program_is_refused(network_mocks: AzureMocks) -> None:
    with pytest.raises(ArmRejection):
        register(network_mocks, "NetworkInterface", nic_with_nsg(RG))


def test_a_nic_with_an_nsg_in_a_resource_group_the_mocks_cannot_see_is_accepted(network_mocks: AzureMocks) -> None:
    register(network_mocks, "NetworkInterface", nic_with_nsg("hub-rg"))
    assert network_mocks.unchecked == [f"NSG {nic_with_nsg('hub-rg')['networkSecurityGroup']['id']}"]


def test_looking_up_a_subnet_answers_its_prefix_or_not_found(network_mocks: AzureMocks) -> None:
    found, _ = network_mocks.call(
        MockCallArgs(
            token="azure-native:network:getSubnet",
            args={"resourceGroupName": RG, "virtualNetworkName": "vnet", "subnetName": "snet"},
            provider="",
        )
    )
    assert found["addressPrefix"] == "10.0.1.0/24"
    with pytest.raises(ArmRejection):
        network_mocks.call(
            MockCallArgs(
                token="azure-native:network:getSubnet",
                args={"resourceGroupName": RG, "virtualNetworkName": "vnet", "subnetName": "nope"},
                provider="",
            )
        )


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
def test_public_ip_rejections(network_mocks: AzureMocks, inputs: dict[str, Any], code: str) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(network_mocks, "PublicIPAddress", {"resourceGroupName": RG, **inputs})
    assert caught.value.code == code


def test_service_tags_in_a_prefix_list_are_rejected(network_mocks: AzureMocks) -> None:
    rule = {"name": "r", "priority": 100, "direction": "Inbound", "sourceAddressPrefixes": ["Internet", "10.0.0.0/8"]}
    with pytest.raises(ArmRejection):
        register(network_mocks, "NetworkSecurityGroup", {"resourceGroupName": RG, "securityRules": [rule]})


@pytest.mark.parametrize(
    ("type_name", "inputs"),
    [
        ("PublicIPAddress", standard_ip(publicIpAddressName="zonal", zones=["1", "2", "3"])),
    ],
)
def test_valid_public_ips_are_accepted(vm_mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> None:
    resource_id, _ = register(vm_mocks, type_name, inputs)
    assert resource_id.startswith(RG_ID)


def test_public_ip_in_zone_0_is_rejected(vm_mocks: AzureMocks) -> None:
    assert (
        refusal(vm_mocks, "PublicIPAddress", standard_ip(publicIpAddressName="z", zones=["0"]))
        == "InvalidAvailabilityZone"
    )


def test_bastion_subnet_smaller_than_slash_26_is_rejected(vm_mocks: AzureMocks) -> None:
    vnet = {
        "resourceGroupName": RG,
        "virtualNetworkName": "small",
        "addressSpace": {"addressPrefixes": ["10.1.0.0/24"]},
        "subnets": [{"name": "AzureBastionSubnet", "addressPrefix": "10.1.0.0/27"}],
    }
    assert refusal(vm_mocks, "VirtualNetwork", vnet) == "AzureBastionSubnetPrefixLengthTooSmall"


OUTSIDE_SUBNET_ID = (
    "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/hub-rg/providers/Microsoft.Network"
    "/virtualNetworks/hub/subnets/app"
)


def nic_in(subnet_id: str) -> dict[str, Any]:
    return {"resourceGroupName": RG, "ipConfigurations": [{"name": "ipconfig1", "subnet": {"id": subnet_id}}]}


def test_a_nic_in_a_subnet_outside_the_program_is_accepted(network_mocks: AzureMocks) -> None:
    assert register(network_mocks, "NetworkInterface", nic_in(OUTSIDE_SUBNET_ID))


def test_a_subnet_outside_the_program_is_noted_as_not_checked(network_mocks: AzureMocks) -> None:
    register(network_mocks, "NetworkInterface", nic_in(OUTSIDE_SUBNET_ID))
    assert network_mocks.unchecked == [f"subnet {OUTSIDE_SUBNET_ID}"]


def test_a_missing_subnet_of_the_program_s_own_resource_group_is_refused(network_mocks: AzureMocks) -> None:
    with pytest.raises(ArmRejection):
        register(network_mocks, "NetworkInterface", nic_in(f"{NETWORK}/virtualNetworks/vnet/subnets/missing"))


def test_get_subnet_answers_a_subnet_outside_the_program_without_its_prefix(network_mocks: AzureMocks) -> None:
    args = {"resourceGroupName": "hub-rg", "virtualNetworkName": "hub", "subnetName": "app"}
    answer, _ = network_mocks.call(MockCallArgs(token="azure-native:network:getSubnet", args=args, provider=""))
    assert "addressPrefix" not in answer
