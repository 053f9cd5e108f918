"""The mocks refuse the VMs and availability sets Azure refuses: sizes, zones, patch modes, disks."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from offline.azure_mocks import SUBSCRIPTION_ID, ArmRejection, AzureMocks
from offline.harness import Deployment

from ..support.arm import AVSET_ID, RG, RG_ID, linux_vm, refusal, register, windows_vm


@pytest.mark.parametrize(
    ("type_name", "inputs"),
    [
        ("VirtualMachine", {**linux_vm(), "zones": ["2"]}),
        ("VirtualMachine", {**linux_vm(patchSettings={"patchMode": "AutomaticByPlatform"})}),
        ("VirtualMachine", windows_vm(enableAutomaticUpdates=False, patchSettings={"patchMode": "Manual"})),
    ],
)
def test_valid_vms_are_accepted(vm_mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> None:
    resource_id, _ = register(vm_mocks, type_name, inputs)
    assert resource_id.startswith(RG_ID)


# --- VM size --------------------------------------------------------------------------------------


def test_vm_size_without_its_family_is_rejected(vm_mocks: AzureMocks) -> None:
    vm = {**linux_vm(), "hardwareProfile": {"vmSize": "D2s_v5"}}
    assert refusal(vm_mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_vm_size_of_the_standard_family_is_accepted(vm_mocks: AzureMocks) -> None:
    register(vm_mocks, "VirtualMachine", {**linux_vm(), "hardwareProfile": {"vmSize": "Standard_B2s"}})


# --- zones ----------------------------------------------------------------------------------------


def test_vm_in_zone_4_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "VirtualMachine", {**linux_vm(), "zones": ["4"]}) == "InvalidAvailabilityZone"


def test_vm_in_an_availability_set_and_a_zone_is_rejected(vm_mocks: AzureMocks) -> None:
    vm = {**linux_vm(), "zones": ["1"], "availabilitySet": {"id": AVSET_ID}}
    assert refusal(vm_mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_vm_in_two_zones_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "VirtualMachine", {**linux_vm(), "zones": ["1", "2"]}) == "InvalidParameter"


# --- patching -------------------------------------------------------------------------------------


def test_linux_patch_mode_automatic_by_os_is_rejected(vm_mocks: AzureMocks) -> None:
    assert (
        refusal(vm_mocks, "VirtualMachine", linux_vm(patchSettings={"patchMode": "AutomaticByOS"}))
        == "InvalidParameter"
    )


def test_platform_patching_without_vm_agent_is_rejected(vm_mocks: AzureMocks) -> None:
    vm = linux_vm(provisionVMAgent=False, patchSettings={"patchMode": "AutomaticByPlatform"})
    assert refusal(vm_mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_windows_platform_patching_without_automatic_updates_is_rejected(vm_mocks: AzureMocks) -> None:
    vm = windows_vm(enableAutomaticUpdates=False, patchSettings={"patchMode": "AutomaticByPlatform"})
    assert refusal(vm_mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_windows_manual_patching_with_automatic_updates_is_rejected(vm_mocks: AzureMocks) -> None:
    vm = windows_vm(enableAutomaticUpdates=True, patchSettings={"patchMode": "Manual"})
    assert refusal(vm_mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_windows_patch_mode_image_default_is_rejected(vm_mocks: AzureMocks) -> None:
    assert (
        refusal(vm_mocks, "VirtualMachine", windows_vm(patchSettings={"patchMode": "ImageDefault"}))
        == "InvalidParameter"
    )


# --- disks ----------------------------------------------------------------------------------------


def test_managed_disk_vm_in_a_classic_availability_set_is_rejected(
    network_mocks: AzureMocks, linux_default: Deployment
) -> None:
    register(network_mocks, "AvailabilitySet", {"resourceGroupName": RG, "availabilitySetName": "classic"})
    vm = copy.deepcopy(linux_default.of_type("VirtualMachine")[0].inputs)
    vm.update(
        resourceGroupName=RG,
        availabilitySet={
            "id": f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}"
            "/providers/Microsoft.Compute/availabilitySets/classic"
        },
    )
    with pytest.raises(ArmRejection, match="Aligned"):
        register(network_mocks, "VirtualMachine", vm)
