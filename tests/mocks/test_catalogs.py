"""The mocks refuse on their own data what the catalogs refuse: unknown locations, unpublished service
tags, reserved VNet ranges, tags past a resource type's limits; and accept the neighbours."""

from __future__ import annotations

from typing import Any

import pytest

from offline.azure_mocks import ArmRejection, AzureMocks

from ..support.arm import RG, register

pytestmark = pytest.mark.usefixtures("deploying")  # one test calls fresh mocks directly


def nsg(source: str) -> dict[str, Any]:
    rule = {
        "name": "allow",
        "priority": 100,
        "direction": "Inbound",
        "access": "Allow",
        "protocol": "Tcp",
        "sourceAddressPrefix": source,
        "destinationAddressPrefix": "10.0.0.0/24",
        "sourcePortRange": "*",
        "destinationPortRange": "80",
    }
    return {"resourceGroupName": RG, "networkSecurityGroupName": "nsg", "securityRules": [rule]}


def vnet(space: str) -> dict[str, Any]:
    return {"resourceGroupName": RG, "virtualNetworkName": "vnet", "addressSpace": {"addressPrefixes": [space]}}


@pytest.mark.parametrize(
    ("token", "inputs", "code"),
    [
        ("azure-native:network:NetworkSecurityGroup", {**nsg("Internet"), "location": "westeurop"},
         "LocationNotAvailableForResourceType"),
        ("azure-native:network:NetworkSecurityGroup", nsg("localhost"), "SecurityRuleInvalidAddressPrefix"),
        ("azure-native:network:NetworkSecurityGroup", nsg("Internet.WestEurope"), "SecurityRuleInvalidAddressPrefix"),
        ("azure-native:network:VirtualNetwork", vnet("169.254.0.0/16"), "InvalidAddressPrefix"),
        ("azure-native:network:VirtualNetwork", vnet("224.0.0.0/4"), "InvalidAddressPrefix"),
        ("azure-native:network:VirtualNetwork", vnet("168.63.0.0/16"), "InvalidAddressPrefix"),
        ("azure-native:network:NetworkSecurityGroup", {**nsg("Internet"), "tags": {"a": ["b"]}},
         "InvalidRequestContent"),
        ("azure-native:network:NetworkSecurityGroup", {**nsg("Internet"), "tags": {f"t{i}": "" for i in range(51)}},
         "InvalidTagCount"),
        ("azure-native:network:NetworkSecurityGroup", {**nsg("Internet"), "tags": {"a?b": "x"}},
         "InvalidTagNameCharacters"),
        ("azure-native:storage:StorageAccount",
         {"resourceGroupName": RG, "accountName": "diag1", "sku": {"name": "Standard_LRS"}, "tags": {"n" * 129: "x"}},
         "InvalidTagNameCharacters"),
    ],
    ids=["unknown location", "unknown tag", "regional form of a global tag", "link-local VNet", "multicast VNet",
         "VNet holding 168.63.129.16", "list tag value", "51 tags", "tag name with '?'", "129-character storage tag"],
)  # fmt: skip
def test_the_mocks_refuse(mocks: AzureMocks, token: str, inputs: dict[str, Any], code: str) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(mocks, token, inputs)
    assert caught.value.code == code


def test_the_mocks_refuse_an_unknown_resource_group_location() -> None:
    with pytest.raises(ArmRejection) as caught:
        register(AzureMocks(), "azure-native:resources:ResourceGroup", {"resourceGroupName": RG, "location": "mars"})
    assert caught.value.code == "LocationNotAvailableForResourceType"


def test_the_mocks_accept_the_neighbours(mocks: AzureMocks) -> None:
    register(
        mocks, "azure-native:network:NetworkSecurityGroup", {**nsg("AzureFrontDoor.Backend"), "location": "West Europe"}
    )
    register(mocks, "azure-native:network:VirtualNetwork", vnet("10.0.0.0/16"))
    _, state = register(
        mocks,
        "azure-native:storage:StorageAccount",
        {"resourceGroupName": RG, "accountName": "diag1", "sku": {"name": "Standard_LRS"}, "tags": {"n" * 128: "x"}},
    )
    assert state["location"] == "westeurope"


def test_the_mocks_answer_a_locations_programmatic_name(mocks: AzureMocks) -> None:
    _, state = register(
        mocks, "azure-native:network:NetworkSecurityGroup", {**nsg("Storage.WestEurope"), "location": "West Europe"}
    )
    assert state["location"] == "westeurope"
