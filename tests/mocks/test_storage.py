"""The mocks refuse the storage account names Azure refuses."""

from __future__ import annotations

import pytest

from offline.azure_mocks import ArmRejection, AzureMocks

from ..support.arm import RG, register


@pytest.mark.parametrize("name", ["Has-Upper", "ab", "a" * 25, "has_underscore"])
def test_invalid_storage_account_names_are_rejected(network_mocks: AzureMocks, name: str) -> None:
    with pytest.raises(ArmRejection):
        register(network_mocks, "StorageAccount", {"resourceGroupName": RG, "accountName": name})


def test_storage_account_names_are_globally_unique(network_mocks: AzureMocks) -> None:
    register(network_mocks, "StorageAccount", {"resourceGroupName": RG, "accountName": "taken123"})
    with pytest.raises(ArmRejection):
        register(network_mocks, "StorageAccount", {"resourceGroupName": RG, "accountName": "taken123"})
