"""The availability set and the VMs (Linux and Windows), under the Azure mocks."""

from __future__ import annotations

import base64

import pulumi
import pytest

from offline.harness import Deployment, evaluate_component

from ..support.checks import each
from ..support.deployments import vms
from ..support.keys import ED25519, STRONG_PASSWORD
from ..support.scenarios import component


def test_availability_set_is_aligned_for_managed_disks(linux_default: Deployment) -> None:
    assert linux_default.one("AvailabilitySet").inputs["sku"]["name"] == "Aligned"


def test_availability_set_is_classic_for_vhds(vhd: Deployment) -> None:
    assert vhd.one("AvailabilitySet").inputs["sku"]["name"] == "Classic"


def test_availability_set_default_domains(linux_default: Deployment) -> None:
    avset = linux_default.one("AvailabilitySet").inputs
    assert (avset["platformFaultDomainCount"], avset["platformUpdateDomainCount"]) == (2, 5)


def test_availability_set_custom_domains(maximal: Deployment) -> None:
    avset = maximal.one("AvailabilitySet").inputs
    assert (avset["platformFaultDomainCount"], avset["platformUpdateDomainCount"]) == (3, 10)


def test_every_vm_is_in_the_availability_set(sized: tuple[int, Deployment]) -> None:
    _, deployment = sized
    assert {vm.inputs["availabilitySet"]["id"] for vm in deployment.of_type("VirtualMachine")} == {
        deployment.outputs["availability_set_id"]
    }


def test_vms_use_their_own_nic(linux_default: Deployment) -> None:
    nic_ids = {nic.inputs["networkInterfaceName"]: nic.id for nic in linux_default.of_type("NetworkInterface")}
    assert {
        vm.inputs["networkProfile"]["networkInterfaces"][0]["id"] for vm in linux_default.of_type("VirtualMachine")
    } == set(nic_ids.values())


def test_default_vm_size(linux_default: Deployment) -> None:
    assert {vm.inputs["hardwareProfile"]["vmSize"] for vm in linux_default.of_type("VirtualMachine")} == {
        "Standard_D2s_v5"
    }


def test_default_linux_image_is_ubuntu_24_04(linux_default: Deployment) -> None:
    image = linux_default.of_type("VirtualMachine")[0].inputs["storageProfile"]["imageReference"]
    assert image == {"publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "latest"}


def test_default_windows_image_is_server_2022(windows: Deployment) -> None:
    image = windows.of_type("VirtualMachine")[0].inputs["storageProfile"]["imageReference"]
    assert (image["publisher"], image["offer"], image["sku"]) == (
        "MicrosoftWindowsServer",
        "WindowsServer",
        "2022-datacenter-azure-edition",
    )


def test_managed_os_disk_per_vm(linux_default: Deployment) -> None:
    disks = [vm.inputs["storageProfile"]["osDisk"] for vm in linux_default.of_type("VirtualMachine")]
    assert sorted((d["name"], "managedDisk" in d, "vhd" in d) for d in disks) == [
        ("web-vm-1-osdisk", True, False),
        ("web-vm-2-osdisk", True, False),
    ]


def test_boot_diagnostics_go_to_the_shared_account(sized: tuple[int, Deployment]) -> None:
    _, deployment = sized
    account = deployment.outputs["diagnostics_storage_account_name"]
    uris = {
        vm.inputs["diagnosticsProfile"]["bootDiagnostics"]["storageUri"] for vm in deployment.of_type("VirtualMachine")
    }
    assert uris == {f"https://{account}.blob.core.windows.net/"}


def test_linux_password_login_disabled_with_a_key(linux_default: Deployment) -> None:
    profile = linux_default.of_type("VirtualMachine")[0].inputs["osProfile"]
    assert (profile["linuxConfiguration"]["disablePasswordAuthentication"], "adminPassword" in profile) == (True, False)


def test_linux_key_goes_to_the_admin_users_authorized_keys(maximal: Deployment) -> None:
    [key] = maximal.of_type("VirtualMachine")[0].inputs["osProfile"]["linuxConfiguration"]["ssh"]["publicKeys"]
    assert key["path"] == "/home/opsadmin/.ssh/authorized_keys"


def test_default_cloud_init_names_each_vm(linux_default: Deployment) -> None:
    pages = {
        vm.inputs["vmName"]: base64.b64decode(vm.inputs["osProfile"]["customData"]).decode()
        for vm in linux_default.of_type("VirtualMachine")
    }
    assert all(f"Served by {name}" in page and "nginx" in page for name, page in each(pages.items()))


def test_custom_data_replaces_the_default(maximal: Deployment) -> None:
    data = {base64.b64decode(vm.inputs["osProfile"]["customData"]).decode() for vm in maximal.of_type("VirtualMachine")}
    assert data == {"#cloud-config\nruncmd:\n  - echo custom\n"}


def test_windows_has_no_default_custom_data(windows: Deployment) -> None:
    assert all("customData" not in vm.inputs["osProfile"] for vm in each(windows.of_type("VirtualMachine")))


def test_windows_vms_get_a_web_server_for_the_default_probe(windows: Deployment) -> None:
    extensions = [e for e in windows.of_type("VirtualMachineExtension") if e.inputs["type"] == "CustomScriptExtension"]
    assert sorted(e.inputs["vmName"] for e in extensions) == [f"app-vm-{i}" for i in (1, 2, 3)]


def test_windows_web_server_page_names_the_vm(windows: Deployment) -> None:
    extension = next(e for e in windows.of_type("VirtualMachineExtension") if e.inputs["vmName"] == "app-vm-2")
    command = extension.inputs["settings"]["commandToExecute"]
    assert "Install-WindowsFeature -Name Web-Server" in command and "Served by app-vm-2" in command


def test_windows_custom_data_replaces_the_default_web_server() -> None:
    deployment = evaluate_component(
        "app", {"os_type": "windows", "admin_password": STRONG_PASSWORD, "custom_data": "Write-Output hi"}
    )
    assert [e.inputs["type"] for e in deployment.of_type("VirtualMachineExtension")] == ["VMAccessAgent"] * 2


def test_password_from_another_resource_is_checked_when_it_resolves() -> None:
    weak = pulumi.Output.secret("weak")
    # Pulumi reports it wrapped in the resource's ValueError; the message keeps the secret hidden.
    with pytest.raises(ValueError, match=r"admin_password: \[secret\] is not allowed"):
        evaluate_component("app", {"os_type": "windows", "admin_password": weak})


def test_linux_vms_have_only_the_credentials_extension(linux_default: Deployment) -> None:
    extensions = linux_default.of_type("VirtualMachineExtension")
    assert [(e.inputs["vmName"], e.inputs["type"]) for e in extensions] == [
        ("web-vm-1", "VMAccessForLinux"),
        ("web-vm-2", "VMAccessForLinux"),
    ]


def test_windows_computer_names_fit_netbios(windows: Deployment) -> None:
    assert all(len(vm.inputs["osProfile"]["computerName"]) <= 15 for vm in each(windows.of_type("VirtualMachine")))


def test_windows_vms_get_the_password(windows: Deployment) -> None:
    machines = windows.of_type("VirtualMachine")
    assert machines and all(vm.inputs["osProfile"].get("adminPassword") for vm in machines)


# --- Trusted Launch ---------------------------------------------------------------------------------

TRUSTED_LAUNCH = {"securityType": "TrustedLaunch", "uefiSettings": {"secureBootEnabled": True, "vTpmEnabled": True}}


@pytest.fixture(scope="module")
def without_trusted_launch() -> Deployment:
    return component("web", {"ssh_public_key": ED25519, "trusted_launch": False})


def test_linux_vms_are_trusted_launch_vms_with_secure_boot_and_vtpm(linux_default: Deployment) -> None:
    assert [vm["securityProfile"] for vm in vms(linux_default)] == [TRUSTED_LAUNCH] * 2


def test_windows_vms_are_trusted_launch_vms_with_secure_boot_and_vtpm(windows_default: Deployment) -> None:
    assert [vm["securityProfile"] for vm in vms(windows_default)] == [TRUSTED_LAUNCH] * 2


def test_trusted_launch_off_leaves_the_security_profile_unset(without_trusted_launch: Deployment) -> None:
    assert all("securityProfile" not in vm for vm in each(vms(without_trusted_launch)))


def test_the_vhd_layout_has_no_trusted_launch(vhd: Deployment) -> None:
    assert all("securityProfile" not in vm for vm in each(vms(vhd)))
