"""The guardrails on a scale set: the VM rules apply to its model (no public IP per instance, Trusted
Launch, password login off, boot diagnostics), and it carries the Application Health extension."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from offline.harness import Deployment
from offline.policy_check import check_policies
from policy.guardrails import compute, network

MODEL: dict[str, Any] = {
    "virtualMachineProfile": {
        "osProfile": {
            "linuxConfiguration": {
                "disablePasswordAuthentication": True,
                "ssh": {"publicKeys": [{"keyData": "ssh-ed25519 AAAA"}]},
            }
        },
        "securityProfile": {
            "securityType": "TrustedLaunch",
            "uefiSettings": {"secureBootEnabled": True, "vTpmEnabled": True},
        },
        "diagnosticsProfile": {"bootDiagnostics": {"enabled": True}},
        "networkProfile": {
            "networkInterfaceConfigurations": [{"name": "nic", "ipConfigurations": [{"name": "ipconfig1"}]}]
        },
        "extensionProfile": {"extensions": [{"name": "health", "type": "ApplicationHealthLinux"}]},
    }
}


def model(**changes: Any) -> dict[str, Any]:
    props = copy.deepcopy(MODEL)
    props["virtualMachineProfile"].update(changes)
    return props


def test_the_component_scale_set_passes_the_pack(scale_set: Deployment) -> None:
    assert check_policies(scale_set).violations == []


def test_the_component_windows_scale_set_passes_the_pack(scale_set_windows: Deployment) -> None:
    assert check_policies(scale_set_windows).violations == []


def test_a_public_ip_per_instance_is_a_violation() -> None:
    nic = {"name": "nic", "ipConfigurations": [{"name": "ip", "publicIPAddressConfiguration": {"name": "pip"}}]}
    props = model(networkProfile={"networkInterfaceConfigurations": [nic]})
    assert len(network.scale_set_public_ip_violations(props)) == 1


def test_instances_without_a_public_ip_pass() -> None:
    assert network.scale_set_public_ip_violations(MODEL) == []


@pytest.mark.parametrize(
    ("case", "props", "check"),
    [
        ("no Trusted Launch", model(securityProfile={}), compute.trusted_launch_violations),
        (
            "password login with a key",
            model(osProfile={"linuxConfiguration": {"ssh": {"publicKeys": [{"keyData": "ssh-ed25519 AAAA"}]}}}),
            compute.linux_password_login_violations,
        ),
        ("no boot diagnostics", model(diagnosticsProfile={}), compute.boot_diagnostics_violations),
    ],
)
def test_a_vm_rule_broken_by_the_model_is_a_violation(case: str, props: dict[str, Any], check: Any) -> None:
    assert compute.on_scale_set_model(check)(props)[0].startswith("In the scale set's model (every instance): ")


@pytest.mark.parametrize(
    "check",
    [compute.trusted_launch_violations, compute.linux_password_login_violations, compute.boot_diagnostics_violations],
)
def test_a_model_that_keeps_the_vm_rules_passes(check: Any) -> None:
    assert compute.on_scale_set_model(check)(MODEL) == []


def test_a_scale_set_without_the_health_extension_is_a_violation() -> None:
    assert len(compute.health_extension_violations(model(extensionProfile={"extensions": []}))) == 1


def test_a_scale_set_with_the_health_extension_passes() -> None:
    assert compute.health_extension_violations(MODEL) == []
