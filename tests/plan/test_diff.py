"""`python -m plan --diff`: a config change as `pulumi preview --diff` would show it, checked
against the resources that exist."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import pytest

from offline.azure_mocks import Registered
from offline.harness import REPO_ROOT
from plan.__main__ import main
from plan.diff import CREATE, DELETE, UPDATE, Diff, make_diff, property_changes
from plan.run import load_stack_config

VM = "azure-native:compute:VirtualMachine"


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str


def run(*argv: str) -> Run:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(["--diff", "--project", str(REPO_ROOT), *argv], stdout=stdout, stderr=stderr)
    return Run(status, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(scope="module")
def scale_out() -> Run:
    """The done-when of the change preview: the dev stack (2 VMs) grown to 3."""
    return run("--config", "vmCount=3")


@pytest.fixture(scope="module")
def scale_in() -> Diff:
    return make_diff(load_stack_config("dev", ["vmCount=3"]), load_stack_config("dev"))


@pytest.fixture(scope="module")
def resize() -> Diff:
    return make_diff(load_stack_config("dev"), load_stack_config("dev", ["vmSize=Standard_D4s_v5"]))


def steps(diff: Diff) -> list[tuple[str, str, str]]:
    return [(s.op, s.type.rsplit(":", 1)[-1], s.name) for s in diff.steps]


# --- scale out, scale in, resize ---------------------------------------------------------------------


def test_scale_out_creates_exactly_the_new_vms_rule_nic_and_vm(scale_out: Run) -> None:
    assert (scale_out.status, scale_out.stdout.splitlines()[1:]) == (
        0,
        [
            "  +  azure-native:network:InboundNatRule web-vm-3-ssh (create)",
            "  +  azure-native:network:NetworkInterface web-vm-3-nic (create)",
            "  +  azure-native:compute:VirtualMachine web-vm-3 (create)",
            "+3 ~0 -0",
        ],
    )


def test_scale_out_names_the_change(scale_out: Run) -> None:
    assert "azure-multi-vm:vmCount=3" in scale_out.stdout.splitlines()[0]


def test_scale_in_deletes_vm_then_nic_then_nat_rule_and_nothing_else(scale_in: Diff) -> None:
    assert steps(scale_in) == [
        (DELETE, "VirtualMachine", "web-vm-3"),
        (DELETE, "NetworkInterface", "web-vm-3-nic"),
        (DELETE, "InboundNatRule", "web-vm-3-ssh"),
    ]


def test_a_size_change_updates_every_vm_and_nothing_else(resize: Diff) -> None:
    assert steps(resize) == [(UPDATE, "VirtualMachine", "web-vm-1"), (UPDATE, "VirtualMachine", "web-vm-2")]


def test_a_size_change_shows_the_changed_property(resize: Diff) -> None:
    changes = {(c.path, c.before, c.after) for s in resize.steps for c in s.changes}
    assert changes == {("hardwareProfile.vmSize", "Standard_D2s_v5", "Standard_D4s_v5")}


def test_json_gives_the_steps_and_counts(resize: Diff) -> None:
    data = json.loads(json.dumps(resize.as_data()))
    assert (data["counts"], [s["op"] for s in data["steps"]]) == (
        {CREATE: 0, UPDATE: 2, "replace": 0, DELETE: 0},
        [UPDATE, UPDATE],
    )


# --- refused and invalid changes ------------------------------------------------------------------------


def test_moving_existing_vms_out_of_their_availability_set_is_refused() -> None:
    refused = run("--config", "placement=zones")
    assert (refused.status, refused.stdout, len(refused.stderr.splitlines())) == (1, "", 1)
    assert "PropertyChangeNotAllowed" in refused.stderr and "availabilitySet" in refused.stderr


def test_an_invalid_config_exits_1_with_one_line_naming_the_key() -> None:
    invalid = run("--config", "vmCount=1")
    assert (invalid.status, invalid.stdout, len(invalid.stderr.splitlines())) == (1, "", 1)
    assert "vmCount" in invalid.stderr


# --- secrets ---------------------------------------------------------------------------------------


def resource(
    type_: str, name: str, resource_id: str, inputs: dict[str, Any], secret: frozenset[str] = frozenset()
) -> Registered:
    return Registered(type_, name, resource_id, inputs, inputs, secret)


def test_changed_secret_inputs_are_blanked() -> None:
    before = resource(VM, "vm", "/vm", {"osProfile": {"adminPassword": "old-Secret-1"}}, frozenset({"osProfile"}))
    after = resource(VM, "vm", "/vm", {"osProfile": {"adminPassword": "new-Secret-2"}}, frozenset({"osProfile"}))
    assert [(c.path, c.before, c.after) for c in property_changes(before, after)] == [
        ("osProfile.adminPassword", "[secret]", "[secret]")
    ]
