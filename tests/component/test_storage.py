"""The diagnostics storage account and the 2016 VHD layout, under the Azure mocks."""

from __future__ import annotations

import re

import pytest

from offline.azure_mocks import ArmRejection, Registered
from offline.harness import Deployment, evaluate_component

from ..support.keys import ED25519
from ..support.scenarios import component


def test_storage_accounts_are_hardened(vhd: Deployment) -> None:
    accounts = vhd.of_type("StorageAccount")
    assert accounts and all(
        (a.inputs["enableHttpsTrafficOnly"], a.inputs["minimumTlsVersion"], a.inputs["allowBlobPublicAccess"])
        == (True, "TLS1_2", False)
        for a in accounts
    )


def test_diagnostics_account_is_standard_lrs_storage_v2(linux_default: Deployment) -> None:
    account = linux_default.one("StorageAccount").inputs
    assert (account["sku"]["name"], account["kind"]) == ("Standard_LRS", "StorageV2")


def test_storage_account_names_are_valid_and_deterministic(vhd: Deployment) -> None:
    # Literal names: a name derived from anything per-process (a salted hash, a random
    # suffix) would differ from run to run and fail here.
    names = sorted(a.inputs["accountName"] for a in vhd.of_type("StorageAccount"))
    assert names == ["legacy03acf1ccd3diag", "legacy03acf1ccd3vhd1", "legacy03acf1ccd3vhd2", "legacy03acf1ccd3vhd3"]


def test_vhd_mode_has_a_storage_account_per_vm_plus_diagnostics(vhd: Deployment) -> None:
    assert (len(vhd.of_type("StorageAccount")), len(vhd.outputs["vhd_storage_account_names"])) == (4, 3)


def os_disk_blobs(deployment: Deployment) -> list[str]:
    return [vm.inputs["storageProfile"]["osDisk"]["vhd"]["uri"] for vm in deployment.of_type("VirtualMachine")]


def test_vhd_mode_keeps_each_vms_disk_in_its_own_account(vhd: Deployment) -> None:
    """Named by the VM's disk and a digest of its settings fixed at creation."""
    patterns = [
        re.compile(rf"https://{account}\.blob\.core\.windows\.net/vhds/legacy-vm-{i + 1}-osdisk-[0-9a-f]{{16}}\.vhd")
        for i, account in enumerate(vhd.outputs["vhd_storage_account_names"])
    ]
    assert all(pattern.fullmatch(uri) for pattern, uri in zip(patterns, sorted(os_disk_blobs(vhd)), strict=True))


def test_a_vm_replaced_for_a_new_setting_gets_a_vhd_blob_of_its_own(vhd: Deployment) -> None:
    """Azure keeps the old VM's blob and creates no disk over it (TargetDiskBlobAlreadyExists)."""
    args = {"ssh_public_key": ED25519, "disk_storage": "vhd", "vm_count": 3, "custom_data": "#cloud-config\n"}
    replaced = component("legacy", args, unmanaged_disks=True)
    assert not set(os_disk_blobs(vhd)) & set(os_disk_blobs(replaced))


def test_vhd_containers_are_private(vhd: Deployment) -> None:
    containers = vhd.of_type("BlobContainer")
    assert [(c.inputs["containerName"], c.inputs["publicAccess"]) for c in containers] == [("vhds", "None")] * 3


def test_vhd_mode_warns_about_the_retirement(vhd: Deployment) -> None:
    assert any("unmanaged disks" in w and "retired" in w for w in vhd.warnings)


def test_public_azure_refuses_the_vhd_layout() -> None:
    with pytest.raises(ArmRejection, match="Unmanaged disks are retired"):
        evaluate_component("legacy", {"ssh_public_key": ED25519, "disk_storage": "vhd"})


def test_managed_mode_has_no_vhd_accounts(linux_default: Deployment) -> None:
    assert linux_default.outputs["vhd_storage_account_names"] == []


def firewall(account: Registered) -> tuple[str, str]:
    rules = account.inputs["networkRuleSet"]
    return rules["defaultAction"], rules["bypass"]


def test_the_diagnostics_account_admits_only_azures_trusted_services(linux_default: Deployment) -> None:
    assert firewall(linux_default.one("StorageAccount")) == ("Deny", "AzureServices")


def test_every_vhd_account_admits_only_azures_trusted_services(vhd: Deployment) -> None:
    accounts = vhd.of_type("StorageAccount")
    assert len(accounts) == 4 and {firewall(a) for a in accounts} == {("Deny", "AzureServices")}
