"""The mocks refuse the VM extensions and run commands Azure refuses: the wrong OS, a second
extension of one handler, a run command without exactly one script source."""

from __future__ import annotations

from typing import Any

import pytest

from offline.azure_mocks import AzureMocks

from ..support.arm import RG, linux_vm, refusal, register, windows_vm

LINUX_ACCESS = ("Microsoft.OSTCExtensions", "VMAccessForLinux")
WINDOWS_ACCESS = ("Microsoft.Compute", "VMAccessAgent")


@pytest.fixture
def with_vms(vm_mocks: AzureMocks) -> AzureMocks:
    register(vm_mocks, "VirtualMachine", linux_vm())
    register(vm_mocks, "VirtualMachine", {**windows_vm(), "vmName": "win"})
    return vm_mocks


def extension(vm: str, publisher: str, type_: str, name: str = "credentials") -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "vmName": vm,
        "vmExtensionName": name,
        "publisher": publisher,
        "type": type_,
        "typeHandlerVersion": "1.5",
        "protectedSettings": {"username": "azureuser", "ssh_key": "ssh-ed25519 AAAA"},
    }


def run_command(**inputs: Any) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "vmName": "vm",
        "runCommandName": "readiness",
        "source": {"script": "exit 0"},
        "parameters": [{"name": "vmFingerprint", "value": "0123456789abcdef"}],
        "asyncExecution": False,
        "treatFailureAsDeploymentFailure": True,
        "timeoutInSeconds": 900,
        **inputs,
    }


def test_vmaccess_for_linux_on_a_linux_vm_is_accepted(with_vms: AzureMocks) -> None:
    resource_id, _ = register(with_vms, "VirtualMachineExtension", extension("vm", *LINUX_ACCESS))
    assert resource_id.endswith("/virtualMachines/vm/extensions/credentials")


def test_vmaccess_for_linux_on_a_windows_vm_is_refused(with_vms: AzureMocks) -> None:
    assert (
        refusal(with_vms, "VirtualMachineExtension", extension("win", *LINUX_ACCESS)) == "VMExtensionProvisioningError"
    )


def test_the_windows_vmaccess_agent_on_a_linux_vm_is_refused(with_vms: AzureMocks) -> None:
    assert (
        refusal(with_vms, "VirtualMachineExtension", extension("vm", *WINDOWS_ACCESS)) == "VMExtensionProvisioningError"
    )


def test_a_second_extension_of_one_handler_on_a_vm_is_refused(with_vms: AzureMocks) -> None:
    register(with_vms, "VirtualMachineExtension", extension("vm", *LINUX_ACCESS))
    second = extension("vm", *LINUX_ACCESS, name="access-again")
    assert refusal(with_vms, "VirtualMachineExtension", second) == "OperationNotAllowed"


def test_an_extension_of_a_missing_vm_is_refused(with_vms: AzureMocks) -> None:
    assert refusal(with_vms, "VirtualMachineExtension", extension("nope", *LINUX_ACCESS)) == "ParentResourceNotFound"


def test_a_run_command_with_an_inline_script_is_accepted(with_vms: AzureMocks) -> None:
    resource_id, state = register(with_vms, "VirtualMachineRunCommandByVirtualMachine", run_command())
    assert (
        resource_id.endswith("/virtualMachines/vm/runCommands/readiness") and state["provisioningState"] == "Succeeded"
    )


@pytest.mark.parametrize(
    "source", [{}, {"script": "exit 0", "commandId": "RunShellScript"}], ids=["no source", "two sources"]
)
def test_a_run_command_needs_exactly_one_script_source(with_vms: AzureMocks, source: dict[str, Any]) -> None:
    assert (
        refusal(with_vms, "VirtualMachineRunCommandByVirtualMachine", run_command(source=source)) == "InvalidParameter"
    )


def test_a_run_command_parameter_needs_a_string_value(with_vms: AzureMocks) -> None:
    bad = run_command(parameters=[{"name": "vmFingerprint", "value": 7}])
    assert refusal(with_vms, "VirtualMachineRunCommandByVirtualMachine", bad) == "InvalidParameter"


def test_a_nic_delete_option_other_than_delete_or_detach_is_refused(vm_mocks: AzureMocks) -> None:
    vm = linux_vm()
    vm["networkProfile"]["networkInterfaces"][0]["deleteOption"] = "Keep"
    assert refusal(vm_mocks, "VirtualMachine", vm) == "InvalidParameter"
