"""Admin passwords stay Pulumi secrets end to end: config, resource inputs, stack outputs."""

from __future__ import annotations

import json

import pulumi

from offline.harness import Deployment, evaluate_component

from ..support.constants import NS
from ..support.keys import STRONG_PASSWORD

PASSWORD_KEY = f"{NS}:adminPassword"


def test_windows_password_is_a_secret_input_of_every_vm(windows_password_stack: Deployment) -> None:
    vms = windows_password_stack.of_type("VirtualMachine")
    assert len(vms) == 2 and all("osProfile" in vm.secret_inputs for vm in vms)


def test_windows_password_is_in_no_stack_output(windows_password_stack: Deployment) -> None:
    assert STRONG_PASSWORD not in json.dumps(windows_password_stack.outputs)


def test_windows_password_is_in_no_plain_input_of_any_resource(windows_password_stack: Deployment) -> None:
    leaks = [
        f"{r.name}.{key}"
        for r in windows_password_stack.registered
        for key, value in r.inputs.items()
        if key not in r.secret_inputs and STRONG_PASSWORD in json.dumps(value)
    ]
    assert leaks == []


def test_windows_password_is_in_no_warning(windows_password_stack: Deployment) -> None:
    assert not any(STRONG_PASSWORD in warning for warning in windows_password_stack.warnings)


def test_secret_password_config_gives_no_plain_text_warning(windows_password_stack: Deployment) -> None:
    assert not any("plain text" in warning for warning in windows_password_stack.warnings)


def test_password_config_without_secret_is_warned_of(linux_password_stack: Deployment) -> None:
    assert any(PASSWORD_KEY in w and "--secret" in w for w in linux_password_stack.warnings)


def test_linux_password_is_in_no_plain_input_of_any_resource(linux_password_stack: Deployment) -> None:
    assert not any(
        STRONG_PASSWORD in json.dumps(value)
        for r in linux_password_stack.registered
        for key, value in r.inputs.items()
        if key not in r.secret_inputs
    )


def test_password_from_another_resource_is_made_secret() -> None:
    # An Output that is not itself a secret (a generated password, say) still reaches the VM as one.
    deployment = evaluate_component(
        "app", {"os_type": "windows", "admin_password": pulumi.Output.from_input(STRONG_PASSWORD)}
    )
    machines = deployment.of_type("VirtualMachine")
    assert machines and all("osProfile" in vm.secret_inputs for vm in machines)


def test_windows_password_is_in_no_component_output(windows: Deployment) -> None:
    assert STRONG_PASSWORD not in json.dumps(windows.outputs)
