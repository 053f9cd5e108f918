"""The set changes without going down: VMs in batches behind readiness gates, what Azure fixes at creation
replacing a VM and its NIC, credentials rotated in place by VMAccess."""

from __future__ import annotations

import pytest

from components.decisions.replacement import VM_CREDENTIAL_PATHS, VM_REPLACE_ON_CHANGES
from offline.azure_mocks import Registered
from offline.harness import Deployment

from ..support.checks import each
from ..support.keys import ED25519, RSA_2048, STRONG_PASSWORD
from ..support.scenarios import component

GATE = "VirtualMachineRunCommandByVirtualMachine"


def named(deployment: Deployment, name: str) -> Registered:
    return deployment.named(name)


def gates_waited_for(deployment: Deployment, name: str) -> set[str]:
    """The readiness gates `name` waits for, directly or through a batch's barrier."""
    gates = {r.urn: r.name for r in deployment.of_type(GATE)}
    barriers = {r.urn: r.dependencies for r in deployment.of_type("Stash")}
    waited = set(named(deployment, name).dependencies)
    waited |= {urn for barrier in waited & barriers.keys() for urn in barriers[barrier]}
    return {gates[urn] for urn in waited if urn in gates}


@pytest.fixture(scope="module")
def seven() -> Deployment:
    return component("web", {"ssh_public_key": ED25519, "vm_count": 7})


# --- batches and gates ----------------------------------------------------------------------------------


def test_the_first_batch_waits_for_no_gate(linux_default: Deployment) -> None:
    assert gates_waited_for(linux_default, "web-vm-1") == gates_waited_for(linux_default, "web-vm-1-nic") == set()


def test_the_second_vm_and_its_nic_wait_for_the_first_vms_gate(linux_default: Deployment) -> None:
    assert gates_waited_for(linux_default, "web-vm-2") == {"web-vm-1-readiness"}
    assert gates_waited_for(linux_default, "web-vm-2-nic") == {"web-vm-1-readiness"}


def test_a_batch_waits_for_every_gate_of_the_batch_before(seven: Deployment) -> None:
    assert [gates_waited_for(seven, f"web-vm-{i}") for i in (4, 7)] == [
        {"web-vm-1-readiness", "web-vm-2-readiness", "web-vm-3-readiness"},
        {"web-vm-4-readiness", "web-vm-5-readiness", "web-vm-6-readiness"},
    ]


def test_a_batch_waits_for_one_barrier_not_every_gate(seven: Deployment) -> None:
    """The SDK's cycle check walks each dependency's history: one per VM keeps it linear."""
    barriers = {r.urn for r in seven.of_type("Stash")}
    assert [len(set(named(seven, f"web-vm-{i}").dependencies) & barriers) for i in (4, 5, 7)] == [1, 1, 1]


def test_a_batch_waits_only_for_the_batch_before(seven: Deployment) -> None:
    assert gates_waited_for(seven, "web-vm-7") & {"web-vm-1-readiness"} == set()


def test_max_unavailable_of_the_whole_set_makes_no_vm_wait() -> None:
    at_once = component("web", {"ssh_public_key": ED25519, "vm_count": 3, "max_unavailable": 3})
    assert all(not gates_waited_for(at_once, vm.name) for vm in each(at_once.of_type("VirtualMachine")))


def test_each_vm_has_one_readiness_gate(seven: Deployment) -> None:
    assert sorted(g.inputs["vmName"] for g in seven.of_type(GATE)) == sorted(f"web-vm-{i}" for i in range(1, 8))


def test_a_gate_fails_the_deployment_when_its_script_fails(linux_default: Deployment) -> None:
    gate = named(linux_default, "web-vm-1-readiness")
    assert (gate.inputs["treatFailureAsDeploymentFailure"], gate.inputs["asyncExecution"]) == (True, False)


def test_a_gate_is_bounded_in_time(linux_default: Deployment) -> None:
    assert named(linux_default, "web-vm-1-readiness").inputs["timeoutInSeconds"] == 900


def test_a_gate_waits_for_the_vms_own_health_probe(linux_default: Deployment) -> None:
    script = named(linux_default, "web-vm-1-readiness").inputs["source"]["script"]
    assert '"http://$address:80"/' in script and "web-vm-1" in script


def test_a_gate_runs_after_the_credentials_extension(linux_default: Deployment) -> None:
    credentials = named(linux_default, "web-vm-1-credentials")
    assert credentials.urn in named(linux_default, "web-vm-1-readiness").dependencies


def test_a_windows_gate_runs_after_the_web_server_is_installed(windows: Deployment) -> None:
    assert named(windows, "app-vm-1-web-server").urn in named(windows, "app-vm-1-credentials").dependencies


def test_a_windows_gate_is_powershell(windows: Deployment) -> None:
    assert "Invoke-WebRequest" in named(windows, "app-vm-1-readiness").inputs["source"]["script"]


def fingerprint_of(deployment: Deployment, gate: str) -> str:
    return str(named(deployment, gate).inputs["parameters"][0]["value"])


def test_a_gate_reruns_when_its_vm_changes(linux_default: Deployment) -> None:
    resized = component("web", {"ssh_public_key": ED25519, "vm_size": "Standard_D4s_v5"})
    assert fingerprint_of(resized, "web-vm-1-readiness") != fingerprint_of(linux_default, "web-vm-1-readiness")


def test_a_gate_does_not_rerun_for_a_new_credential(linux_default: Deployment) -> None:
    rotated = component("web", {"ssh_public_key": RSA_2048})
    assert fingerprint_of(rotated, "web-vm-1-readiness") == fingerprint_of(linux_default, "web-vm-1-readiness")


# --- replacement where Azure fixes a property at creation --------------------------------------------------


def test_a_vm_is_replaced_on_exactly_what_azure_fixes_at_creation(linux_default: Deployment) -> None:
    assert named(linux_default, "web-vm-1").options.replace_on_changes == VM_REPLACE_ON_CHANGES


def test_a_vm_is_deleted_before_it_is_replaced(linux_default: Deployment) -> None:
    assert named(linux_default, "web-vm-1").options.delete_before_replace


def test_a_vm_is_replaced_with_its_nic(linux_default: Deployment) -> None:
    assert named(linux_default, "web-vm-1").options.replace_with == (named(linux_default, "web-vm-1-nic").urn,)


def test_a_nic_is_replaced_when_its_vm_is(linux_default: Deployment) -> None:
    """Its trigger digests what the VM is replaced on: the two move together."""
    custom = component("web", {"ssh_public_key": ED25519, "custom_data": "#cloud-config\n"})
    triggers = [d.named("web-vm-1-nic").options.replacement_trigger for d in (linux_default, custom)]
    assert triggers[0] is not None and triggers[0] != triggers[1]


def test_a_nic_keeps_its_trigger_for_a_resize(linux_default: Deployment) -> None:
    resized = component("web", {"ssh_public_key": ED25519, "vm_size": "Standard_D4s_v5"})
    assert (
        resized.named("web-vm-1-nic").options.replacement_trigger
        == linux_default.named("web-vm-1-nic").options.replacement_trigger
    )


def test_a_nics_name_carries_the_availability_set_so_it_is_replaced_with_its_vms(linux_default: Deployment) -> None:
    """The engine deletes first the dependents whose inputs from a replaced resource would replace them."""
    avset = linux_default.one("AvailabilitySet").urn
    assert avset in named(linux_default, "web-vm-1-nic").property_dependencies["networkInterfaceName"]


def test_a_nics_name_stays_its_own(linux_default: Deployment) -> None:
    assert named(linux_default, "web-vm-1-nic").inputs["networkInterfaceName"] == "web-vm-1-nic"


def test_azure_deletes_a_vms_nic_with_it(linux_default: Deployment) -> None:
    """A NIC stays reserved for its deleted VM for 180 s (NicReservedForAnotherVm); deleted with it, it never is."""
    (interface,) = named(linux_default, "web-vm-1").inputs["networkProfile"]["networkInterfaces"]
    assert interface["deleteOption"] == "Delete"


# --- credentials rotated in place ---------------------------------------------------------------------------


def test_a_vm_ignores_later_credential_changes(linux_default: Deployment) -> None:
    assert named(linux_default, "web-vm-1").options.ignore_changes == VM_CREDENTIAL_PATHS


def test_a_linux_vm_carries_its_key_in_the_vmaccess_extension(linux_default: Deployment) -> None:
    access = named(linux_default, "web-vm-1-credentials")
    assert (access.inputs["publisher"], access.inputs["type"], access.inputs["protectedSettings"]) == (
        "Microsoft.OSTCExtensions",
        "VMAccessForLinux",
        {"username": "azureuser", "ssh_key": ED25519, "remove_prior_keys": True},
    )


def test_a_new_linux_key_replaces_the_old_ones_through_the_protected_settings(linux_default: Deployment) -> None:
    """The handler rewrites authorized_keys only when the protected `remove_prior_keys` is the boolean
    true (`== True`); otherwise it appends the new key and the old ones keep working."""
    assert named(linux_default, "web-vm-1-credentials").inputs["protectedSettings"]["remove_prior_keys"] is True


def test_a_linux_vmaccess_extension_has_no_public_settings(linux_default: Deployment) -> None:
    """Its handler reads no credential setting from them: what is sent there is ignored."""
    assert named(linux_default, "web-vm-1-credentials").inputs.get("settings") in (None, {})


def test_a_linux_password_goes_in_the_protected_settings_without_remove_prior_keys(
    linux_password_stack: Deployment,
) -> None:
    """Password login without a key: no `remove_prior_keys`, as there is no new key to keep."""
    access = named(linux_password_stack, "web-vm-1-credentials")
    assert (access.inputs.get("settings"), access.inputs["protectedSettings"]) == (
        None,
        {"username": "azureuser", "password": STRONG_PASSWORD},
    )


# Where each VMAccess handler reads each setting, as a second opinion on credentials.py. Linux:
# Azure/azure-linux-extensions VMAccess/vmaccess.py (`enable`, `_set_user_account_pub_key` read the
# protected settings, `check_and_repair_disk` the public ones). Windows: the handler is not public;
# Microsoft's client sends UserName public and Password protected (Azure/azure-powershell
# SetAzureVMAccessExtension.cs, `ExecuteCmdlet`).
HANDLER_READS = {
    "VMAccessForLinux": {
        "settings": {"check_disk", "repair_disk", "disk_name"},
        "protectedSettings": {
            "username",
            "ssh_key",
            "password",
            "expiration",
            "remove_prior_keys",
            "enable_passwordless_access",
            "reset_ssh",
            "remove_user",
            "restore_backup_ssh",
        },
    },
    "VMAccessAgent": {"settings": {"UserName"}, "protectedSettings": {"Password"}},
}


@pytest.mark.parametrize("fixture", ["linux_default", "linux_password_stack", "windows", "windows_password_stack"])
def test_every_vmaccess_setting_is_sent_where_its_handler_reads_it(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    deployment: Deployment = request.getfixturevalue(fixture)
    for access in each(r for r in deployment.of_type("VirtualMachineExtension") if r.name.endswith("-credentials")):
        reads = HANDLER_READS[access.inputs["type"]]
        sent = {place: set(access.inputs.get(place) or {}) for place in reads}
        assert all(sent[place] <= reads[place] for place in reads), (access.name, sent)


def test_a_windows_vm_carries_its_password_in_the_vmaccess_agent(windows: Deployment) -> None:
    access = named(windows, "app-vm-1-credentials")
    assert (access.inputs["type"], access.inputs["settings"], access.inputs["protectedSettings"]) == (
        "VMAccessAgent",
        {"UserName": "azureuser"},
        {"Password": STRONG_PASSWORD},
    )


def test_the_credential_is_a_secret(windows: Deployment) -> None:
    assert "protectedSettings" in named(windows, "app-vm-1-credentials").secret_inputs
