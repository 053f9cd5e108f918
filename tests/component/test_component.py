"""The component as a whole, under the Azure mocks: what it registers, under which parent, where,
and what it outputs. Each scenario is evaluated once (tests/conftest.py); every test states one
property of the infrastructure it builds."""

from __future__ import annotations

import re

import pytest

from offline.azure_mocks import SUBSCRIPTION_ID
from offline.harness import Deployment

from ..support.checks import each
from ..support.keys import STRONG_PASSWORD

ARM_ID = re.compile(
    r"^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/Microsoft\.\w+/\w+/[^/]+(/\w+/[^/]+)*$"
)


# --- resource types and counts -----------------------------------------------------------------


def test_resource_counts_scale_with_vm_count(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    assert deployment.count_by_type() == {
        "ResourceGroup": 1,
        "VirtualNetwork": 1,
        "NetworkSecurityGroup": 1,
        "PublicIPAddress": 1,
        "LoadBalancer": 1,
        "AvailabilitySet": 1,
        "StorageAccount": 1,
        "NetworkInterface": count,
        "VirtualMachine": count,
        "VirtualMachineExtension": count,
        "VirtualMachineRunCommandByVirtualMachine": count,
        "DiagnosticSetting": 1,
        "Stash": -(-count // max(1, count // 2)) - 1,  # a barrier between batches of half the set
    }


def test_every_child_is_parented_to_the_component(linux_default: Deployment) -> None:
    """Directly, or through the VM it belongs to (its extensions and readiness gate)."""
    parents = {r.urn: r.parent_urn for r in linux_default.registered}
    component = next(urn for urn in linux_default.urns if urn.endswith("LoadBalancedVmSet::web"))

    def ancestors(urn: str) -> list[str]:
        chain = []
        while parents.get(urn):
            urn = parents[urn]
            chain.append(urn)
        return chain

    children = [r.urn for r in linux_default.registered if r.name != "rg"]
    assert children and all(component in ancestors(urn) for urn in children)


def test_component_type_token(linux_default: Deployment) -> None:
    assert any(urn.endswith("azure-multi-vm:index:LoadBalancedVmSet::web") for urn in linux_default.urns)


def test_location_and_tags_reach_every_resource(maximal: Deployment) -> None:
    # A diagnostic setting is an extension resource of the load balancer, a NAT rule one of
    # its children: they have neither.
    children = ("ResourceGroup", "DiagnosticSetting", "InboundNatRule")
    owned = [r for r in maximal.registered if r.short_type not in children and r.type.startswith("azure-native:")]
    assert all(
        (r.inputs.get("location"), r.inputs.get("tags")) == ("northeurope", {"env": "test", "owner": "platform"})
        for r in each(owned)
    )


def test_location_defaults_to_the_resource_groups(linux_default: Deployment) -> None:
    assert all(
        "location" not in r.inputs for r in each(r for r in linux_default.registered if r.short_type != "ResourceGroup")
    )


def test_the_batches_wait_for_each_other_through_the_engines_own_resource(linux_default: Deployment) -> None:
    """No cloud call: a Stash only stands for the gates of a batch."""
    (barrier,) = [r for r in linux_default.registered if r.type.startswith("pulumi:")]
    assert (barrier.type, barrier.name, barrier.inputs) == ("pulumi:index:Stash", "web-batch-1-ready", {"input": 1})


# --- outputs ---------------------------------------------------------------------------------------------


def test_nat_endpoints_map_each_vm_to_its_port(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    ip = deployment.outputs["public_ip_address"]
    assert deployment.outputs["nat_endpoints"] == {f"web-vm-{i + 1}": f"{ip}:{50001 + i}" for i in range(count)}


def test_public_ip_address_is_an_ipv4_address(linux_default: Deployment) -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", linux_default.outputs["public_ip_address"])


def test_private_ips_are_in_the_subnet(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    ips = deployment.outputs["private_ip_addresses"]
    assert len(set(ips)) == count and all(ip.startswith("10.0.0.") for ip in ips)


def test_vm_names_and_ids_are_in_order(linux_default: Deployment) -> None:
    names, ids = linux_default.outputs["vm_names"], linux_default.outputs["vm_ids"]
    assert [i.rsplit("/", 1)[1] for i in ids] == names == ["web-vm-1", "web-vm-2"]


@pytest.mark.parametrize(
    "output",
    ["vm_ids", "load_balancer_id", "backend_pool_id", "availability_set_id", "subnet_id", "network_security_group_id"],
)
def test_id_outputs_are_arm_ids_in_the_callers_subscription(linux_default: Deployment, output: str) -> None:
    value = linux_default.outputs[output]
    ids = value if isinstance(value, list) else [value]
    assert ids and all(ARM_ID.match(i) and f"/subscriptions/{SUBSCRIPTION_ID}/" in i for i in ids)


def test_no_output_is_secret_or_holds_the_password(windows: Deployment) -> None:
    assert not windows.secret_outputs and STRONG_PASSWORD not in repr(windows.outputs)
