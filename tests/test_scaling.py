"""Scaling: VMs that stay keep their names, inputs and NAT ports."""

from __future__ import annotations

from typing import Any

import pytest

from plan.harness import Deployment, evaluate_component

from .keys import ED25519


def per_vm_inputs(deployment: Deployment, count: int) -> dict[str, dict[str, Any]]:
    """Inputs of the first `count` VMs and NICs, by resource name."""
    keep = {f"web-vm-{i}" for i in range(1, count + 1)} | {f"web-vm-{i}-nic" for i in range(1, count + 1)}
    return {r.name: r.inputs for r in deployment.registered if r.name in keep}


@pytest.fixture(scope="module")
def three() -> Deployment:
    return evaluate_component("web", {"ssh_public_key": ED25519, "vm_count": 3})


@pytest.fixture(scope="module")
def five() -> Deployment:
    return evaluate_component("web", {"ssh_public_key": ED25519, "vm_count": 5})


def test_scaling_out_leaves_existing_vms_and_nics_unchanged(three: Deployment, five: Deployment) -> None:
    assert per_vm_inputs(five, 3) == per_vm_inputs(three, 3)


def test_scaling_out_adds_only_higher_numbered_vms(three: Deployment, five: Deployment) -> None:
    names = {r.name for r in five.of_type("VirtualMachine")} - {r.name for r in three.of_type("VirtualMachine")}
    assert names == {"web-vm-4", "web-vm-5"}


def test_scaling_in_removes_only_the_highest_numbered_vms(three: Deployment, five: Deployment) -> None:
    assert {r.name for r in three.of_type("VirtualMachine")} == {"web-vm-1", "web-vm-2", "web-vm-3"}


def test_existing_vms_keep_their_nat_ports(three: Deployment, five: Deployment) -> None:
    before, after = three.outputs["nat_endpoints"], five.outputs["nat_endpoints"]
    assert {name: after[name] for name in before} == before


def test_existing_nat_rules_are_unchanged_in_the_load_balancer(three: Deployment, five: Deployment) -> None:
    before = three.one("LoadBalancer").inputs["inboundNatRules"]
    assert five.one("LoadBalancer").inputs["inboundNatRules"][:3] == before


def test_shared_resources_do_not_change_when_scaling(three: Deployment, five: Deployment) -> None:
    shared = ("VirtualNetwork", "NetworkSecurityGroup", "PublicIPAddress", "AvailabilitySet", "StorageAccount")
    assert [three.one(t).inputs for t in shared] == [five.one(t).inputs for t in shared]
