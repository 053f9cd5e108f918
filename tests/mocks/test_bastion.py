"""The mocks refuse the Bastion hosts Azure refuses."""

from __future__ import annotations

from typing import Any

import pytest

from offline.azure_mocks import AzureMocks

from ..support.arm import PIP_ID, RG_ID, VNET_ID, bastion_host, refusal, register


@pytest.mark.parametrize(
    ("type_name", "inputs"),
    [
        ("BastionHost", bastion_host()),
    ],
)
def test_valid_bastion_hosts_are_accepted(vm_mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> None:
    resource_id, _ = register(vm_mocks, type_name, inputs)
    assert resource_id.startswith(RG_ID)


def test_bastion_outside_azure_bastion_subnet_is_rejected(vm_mocks: AzureMocks) -> None:
    host = bastion_host()
    host["ipConfigurations"][0]["subnet"]["id"] = f"{VNET_ID}/subnets/vms"
    assert refusal(vm_mocks, "BastionHost", host) == "BastionHostSubnetMustBeAzureBastionSubnet"


def test_bastion_tunnelling_on_basic_sku_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "BastionHost", bastion_host(sku={"name": "Basic"})) == "BastionFeatureNotSupportedForSku"


def test_bastion_with_unknown_sku_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "BastionHost", bastion_host(sku={"name": "Gold"})) == "InvalidParameter"


def test_bastion_without_public_ip_is_rejected(vm_mocks: AzureMocks) -> None:
    host = bastion_host()
    host["ipConfigurations"][0]["publicIPAddress"]["id"] = PIP_ID + "-missing"
    assert refusal(vm_mocks, "BastionHost", host) == "InvalidResourceReference"
