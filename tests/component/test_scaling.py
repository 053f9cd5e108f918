"""Scaling in one `pulumi up`: for every shape of the set, evaluating `vm_count` N-1, N and
N+1 changes nothing that stays; only the added or removed VM's own resources (VM, NIC, VHD
account and container, extension) come and go, and the steps between them replay against the
mocks without a refusal; so do 2 -> 200 -> 2 VMs of the dev stack. And in every shape, no two
writes on one load balancer are free to run at the same time (Azure takes one at a time)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from offline.harness import Deployment
from plan.diff import diff_deployments
from plan.figures import ancestors_of, write_operations
from plan.replay import replay
from plan.steps import CREATE, DELETE, REPLACE, UPDATE

from ..support.checks import each
from ..support.constants import NS, WORKSPACE
from ..support.keys import ED25519, STRONG_PASSWORD
from ..support.scenarios import CALLER_SUBNET_ID, component, stack, with_existing_caller_network
from ..support.write_order import load_balancer_writes_by_target, unordered_writes

N = 3


def dev_stack(count: int) -> Deployment:
    return stack({f"{NS}:vmCount": str(count)})


def vm_set(args: dict[str, Any], *, unmanaged_disks: bool = False) -> Callable[[int], Deployment]:
    def evaluate(count: int) -> Deployment:
        return component("web", {"ssh_public_key": ED25519, **args, "vm_count": count}, unmanaged_disks=unmanaged_disks)

    return evaluate


def own_subnet(count: int) -> Deployment:
    return with_existing_caller_network({"subnet_id": CALLER_SUBNET_ID, "vm_count": count})


SHAPES: dict[str, Callable[[int], Deployment]] = {
    "dev-stack": dev_stack,
    "windows": vm_set(
        {"os_type": "windows", "admin_password": STRONG_PASSWORD, "ssh_public_key": None, "admin_source_prefixes": []}
    ),
    "internal-tier": vm_set({"public": False, "frontend_private_ip": "10.0.0.10", "custom_data": "#!/bin/sh\n"}),
    "own-subnet": own_subnet,
    "nat-gateway-monitored": vm_set(
        {"outbound": "nat_gateway", "alert_email": "ops@example.com", "log_analytics_workspace_id": WORKSPACE}
    ),
    "zones": vm_set({"placement": "zones"}),
    "vhd": vm_set({"disk_storage": "vhd"}, unmanaged_disks=True),
    "bastion": vm_set({"admin_access": "bastion", "admin_source_prefixes": ["203.0.113.7/32"]}),
}


@pytest.fixture(scope="module", params=list(SHAPES))
def scaled(request: pytest.FixtureRequest) -> dict[int, Deployment]:
    """One shape evaluated with N-1, N and N+1 VMs (the dev stack's 2 VMs and the 4 zonal VMs
    are the session's `dev_stack` and `zones` scenarios)."""
    return {count: SHAPES[request.param](count) for count in (N - 1, N, N + 1)}


def by_resource(deployment: Deployment) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r.type, r.name): r.inputs for r in deployment.registered}


def own_resources_of_vm(names: set[tuple[str, str]], vm_number: int) -> set[tuple[str, str]]:
    """Resources named for VM `vm_number` (1-based): `<set>-vm-<k>` and `<set>-vm-<k>-...`."""
    own = re.compile(rf".*-vm-{vm_number}(-.*)?")
    return {key for key in names if own.fullmatch(key[1])}


@pytest.mark.parametrize("change", [(N, N + 1), (N, N - 1)], ids=["scale-out", "scale-in"])
def test_scaling_changes_no_input_of_a_resource_that_stays(
    scaled: dict[int, Deployment], change: tuple[int, int]
) -> None:
    before, after = by_resource(scaled[change[0]]), by_resource(scaled[change[1]])
    changed = sorted(
        name for key, name in ((k, k[1]) for k in before.keys() & after.keys()) if before[key] != after[key]
    )
    assert changed == []


@pytest.mark.parametrize("change", [(N, N + 1), (N, N - 1)], ids=["scale-out", "scale-in"])
def test_scaling_adds_or_removes_only_the_vms_own_resources(
    scaled: dict[int, Deployment], change: tuple[int, int]
) -> None:
    before, after = set(by_resource(scaled[change[0]])), set(by_resource(scaled[change[1]]))
    # The barriers between batches follow the batch size (half the set by default): the engine's
    # own resources, no Azure call.
    differing = {key for key in before ^ after if not key[0].startswith("pulumi:")}
    vm_number = max(change)  # the added VM, or the removed one
    assert differing and differing == own_resources_of_vm(before | after, vm_number)


def test_scaling_leaves_the_load_balancer_untouched(scaled: dict[int, Deployment]) -> None:
    assert len({repr(d.one("LoadBalancer").inputs) for d in scaled.values()}) == 1


def test_no_two_writes_on_a_load_balancer_run_at_the_same_time(scaled: dict[int, Deployment]) -> None:
    deployment = scaled[N]
    by_urn = {r.urn: r for r in deployment.registered if r.urn}
    targets = load_balancer_writes_by_target(
        {urn: r.id for urn, r in by_urn.items()}, {urn: r.type for urn, r in by_urn.items()}
    )
    assert len(targets) > 1 and unordered_writes(write_operations(deployment.registrations), targets) == []


def test_each_nic_waits_for_the_load_balancers_one_write(scaled: dict[int, Deployment]) -> None:
    deployment = scaled[N]
    lb = deployment.one("LoadBalancer").urn
    assert all(lb in nic.dependencies for nic in each(deployment.of_type("NetworkInterface")))


def test_twenty_nics_form_eight_chains_so_at_most_eight_are_written_at_once() -> None:
    """Azure answered more than 10 NICs joining one load balancer's NAT rules at once with 429. The
    NICs form chains (each waits for the one before it in its chain, and no two wait for the same),
    so no more NICs than chains are ever free to run together. One batch: no barrier between them."""
    operations = write_operations(stack({f"{NS}:vmCount": "20", f"{NS}:maxUnavailable": "20"}).registrations)
    before = ancestors_of(operations)
    nics = [op.urn for op in operations if op.type == "azure-native:network:NetworkInterface"]
    nearest = {n: max((m for m in nics if m in before[n]), key=lambda m: len(before[m]), default=None) for n in nics}
    waited_for = [m for m in nearest.values() if m is not None]
    heads = [n for n, m in nearest.items() if m is None]
    assert (len(nics), len(heads), len(waited_for) == len(set(waited_for))) == (20, 8, True)


def test_the_nat_rules_are_no_writes_of_their_own(scaled: dict[int, Deployment]) -> None:
    assert scaled[N].of_type("InboundNatRule") == []


@pytest.mark.parametrize("change", [(N, N + 1), (N, N - 1)], ids=["scale-out", "scale-in"])
def test_scaling_only_creates_or_deletes(scaled: dict[int, Deployment], change: tuple[int, int]) -> None:
    steps = diff_deployments(scaled[change[0]], scaled[change[1]])
    assert steps and {s.op for s in steps} <= {CREATE, DELETE}


@pytest.mark.parametrize("change", [(N, N + 1), (N, N - 1)], ids=["scale-out", "scale-in"])
def test_scaling_replays_against_the_mocks(scaled: dict[int, Deployment], change: tuple[int, int]) -> None:
    before, after = scaled[change[0]], scaled[change[1]]
    calls = replay(diff_deployments(before, after), before, after)
    assert calls and not any(c.startswith(UPDATE) for c in calls)


# --- the dev stack from 2 to 200 VMs and back, each in one `pulumi up` ----------------------------------


@pytest.fixture(scope="module")
def out_and_back() -> tuple[Deployment, Deployment]:
    return dev_stack(2), dev_stack(200)


@pytest.mark.parametrize("direction", ["out", "back"])
def test_2_to_200_to_2_updates_and_replaces_nothing(
    out_and_back: tuple[Deployment, Deployment], direction: str
) -> None:
    small, large = out_and_back
    before, after = (small, large) if direction == "out" else (large, small)
    assert {s.op for s in diff_deployments(before, after)} & {UPDATE, REPLACE} == set()


@pytest.mark.parametrize("direction", ["out", "back"])
def test_2_to_200_to_2_replays_against_the_mocks(out_and_back: tuple[Deployment, Deployment], direction: str) -> None:
    small, large = out_and_back
    before, after = (small, large) if direction == "out" else (large, small)
    calls = replay(diff_deployments(before, after), before, after)
    verb = CREATE if direction == "out" else DELETE
    vm_calls = {c for c in calls if re.fullmatch(r"\w+ web-vm-\d+", c)}
    assert vm_calls == {f"{verb} web-vm-{k}" for k in range(3, 201)} and not any(c.startswith(UPDATE) for c in calls)


def test_200_vms_keep_their_ports(out_and_back: tuple[Deployment, Deployment]) -> None:
    endpoints = out_and_back[1].outputs["nat_endpoints"]
    assert [endpoints[f"web-vm-{i + 1}"].rsplit(":", 1)[1] for i in range(200)] == [str(50001 + i) for i in range(200)]
