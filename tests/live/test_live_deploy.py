"""Deploy the dev stack to a real Azure subscription, check it works, and destroy it.

Skipped (each test, with one line saying what is missing) unless the Pulumi CLI and Azure credentials are
present. It costs a few cents: see docs/testing.md, "Live test on Azure". The steps run in file
order on one throwaway stack, created by the `live` fixture, which always destroys it and
removes it afterwards, even when a step fails, and reports what it cleaned up.

Run it alone with `python -m pytest tests/live -v -rs -s` (or leave it out with `-m "not live"`).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator

import pytest
from pulumi import automation as auto

from .stacks import NS, LiveStack, deployed_stack
from .support import (
    PROBE_TIMEOUT,
    SAMPLE_REQUESTS,
    WEB_READY_TIMEOUT,
    az_logged_in,
    changed,
    http_get,
    longest_outage,
    missing_prerequisites,
    nat_rule_deleted,
    run_command,
    served_vm,
    tcp_connects,
    vm_unique_ids,
    wait_until,
)

_missing = missing_prerequisites(os.environ, shutil.which, az_logged_in)
# Each test is collected and skipped with the one-line reason: `pytest tests/live` then exits 0.
pytestmark = [pytest.mark.live, pytest.mark.skipif(_missing is not None, reason=_missing or "")]

# The rolling resize (step 6): the size it goes to (no temp disk, like the default), and the client.
RESIZE_TO = os.environ.get("AZURE_LIVE_RESIZE_TO", "Standard_D4s_v5")
POLL_INTERVAL = 1.0
POLL_TIMEOUT = 5.0
MAX_FAILING_RUN = 15.0


@pytest.fixture(scope="module")
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    # Step 1: the dev stack, deployed with the policy pack; destroyed and removed after the last step.
    yield from deployed_stack(request, tmp_path_factory)


def _sample_vms(url: str, requests: int = SAMPLE_REQUESTS) -> list[tuple[int, str | None]]:
    """(status, serving VM) of `requests` GETs, each on a new connection (a new 5-tuple hash)."""
    return [(status, served_vm(body)) for status, body in (http_get(url) for _ in range(requests))]


# --- step 2: the application and the NAT ports answer ----------------------------------------------------


def test_http_answers_200_from_at_least_two_vms(live: LiveStack) -> None:
    wait_until(lambda: http_get(live.url)[0] == 200, timeout=WEB_READY_TIMEOUT, interval=10, what="HTTP 200")

    def two_vms() -> set[str] | None:
        seen = {vm for status, vm in _sample_vms(live.url) if status == 200 and vm}
        return seen if len(seen) >= 2 else None

    seen = wait_until(two_vms, timeout=PROBE_TIMEOUT, interval=5, what="answers from two different VMs")
    live.report(f"pages served by {sorted(seen)}")
    assert seen <= set(live.outputs["vm_names"])


def test_every_nat_endpoint_accepts_tcp(live: LiveStack) -> None:
    endpoints: dict[str, str] = live.outputs["nat_endpoints"]
    for vm, endpoint in endpoints.items():

        def connects(endpoint: str = endpoint) -> bool:
            return tcp_connects(endpoint)

        wait_until(connects, timeout=PROBE_TIMEOUT, interval=10, what=f"{vm} at {endpoint}")
    assert len(endpoints) == len(live.outputs["vm_names"])


# --- step 3: idempotency ---------------------------------------------------------------------------------


def test_preview_after_up_shows_no_changes(live: LiveStack) -> None:
    result = live.stack.preview(policy_packs=[str(live.policy_pack)], diff=True, color="never")
    assert changed(result.change_summary) == {}, result.stdout


# --- step 4: the health probe takes a stopped VM out of rotation and puts it back --------------------------


def test_probe_takes_a_stopped_web_server_out_and_back(live: LiveStack) -> None:
    if not az_logged_in():
        pytest.skip("stopping nginx uses run-command through the Azure CLI, which is not logged in here")
    group, victim = str(live.outputs["resource_group_name"]), str(live.outputs["vm_names"][0])
    subscription = os.environ.get("ARM_SUBSCRIPTION_ID")
    run_command(group, victim, "systemctl stop nginx", subscription)
    try:

        def victim_out() -> list[tuple[int, str | None]] | None:
            sample = _sample_vms(live.url)
            return sample if all(status == 200 and vm != victim for status, vm in sample) else None

        sample = wait_until(victim_out, timeout=PROBE_TIMEOUT, interval=5, what=f"the probe to take {victim} out")
        answering = sorted({vm for _, vm in sample if vm})
        live.report(f"{victim} out of rotation; {len(sample)} requests answered 200 by {answering}")
    finally:
        run_command(group, victim, "systemctl start nginx", subscription)

    def victim_back() -> bool:
        return any(status == 200 and vm == victim for status, vm in _sample_vms(live.url))

    wait_until(victim_back, timeout=PROBE_TIMEOUT, interval=5, what=f"{victim} back in rotation")


# --- step 5: scale out and back in, each in one `pulumi up` that touches nothing that stays ----------------


def test_scale_out_keeps_existing_vms_and_ports_then_scales_back(live: LiveStack) -> None:
    before = dict(live.outputs)
    before_ids = vm_unique_ids(live.resources())
    count = len(before["vm_names"])
    ops: dict[str, str] = {}

    def record(event: auto.EngineEvent) -> None:
        if event.resource_pre_event is not None:
            metadata = event.resource_pre_event.metadata
            ops[metadata.urn] = str(metadata.op.value)

    live.set_vm_count(count + 1)
    live.stack.up(on_event=record, on_output=print, color="never")
    after = live.refresh_outputs()
    added = after["vm_names"][-1]
    existing = [str(vm) for vm in before["vm_names"]]
    touched = {
        name: op
        for urn, op in ops.items()
        if op != "same" and any((name := urn.rsplit("::", 1)[-1]) == vm or name.startswith(f"{vm}-") for vm in existing)
    }
    assert any(urn.endswith(f"::{added}") and op == "create" for urn, op in ops.items()), ops
    assert touched == {}, f"existing VMs or NICs changed: {touched}"
    assert {vm: after["nat_endpoints"][vm] for vm in before["vm_names"]} == before["nat_endpoints"]
    assert {vm: i for vm, i in vm_unique_ids(live.resources()).items() if vm != added} == before_ids
    live.report(f"scaled out to {count + 1}: {added} at {after['nat_endpoints'][added]}, others untouched")

    # Scale in in one step: only the added VM and its NIC go (in that order); its NAT rule stays inline
    # on the load balancer (a standalone one, with natRuleCapacity 0, goes too).
    ops.clear()
    live.set_vm_count(count)
    live.stack.up(on_event=record, on_output=print, color="never")
    changed = {urn.rsplit("::", 1)[-1]: op for urn, op in ops.items() if op != "same"}
    own = {name: "delete" for name in (added, f"{added}-nic", f"{added}-credentials", f"{added}-readiness")}
    assert changed == {**own, **nat_rule_deleted(ops, added)}, changed
    final = live.refresh_outputs()
    assert (final["vm_names"], final["nat_endpoints"]) == (before["vm_names"], before["nat_endpoints"])
    assert vm_unique_ids(live.resources()) == before_ids
    live.report(f"scaled back in to {count}")


# --- step 6: a resize rolls through the set while it keeps serving --------------------------------------


def test_a_resize_of_three_vms_never_leaves_every_vm_failing(live: LiveStack) -> None:
    live.set_vm_count(3)
    live.stack.up(on_output=print, color="never")
    live.refresh_outputs()
    wait_until(lambda: http_get(live.url)[0] == 200, timeout=WEB_READY_TIMEOUT, interval=10, what="HTTP 200")
    samples: list[tuple[float, bool]] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            samples.append((time.monotonic(), http_get(live.url, timeout=POLL_TIMEOUT)[0] == 200))
            done.wait(POLL_INTERVAL)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    started = time.monotonic()
    try:
        live.stack.set_config(f"{NS}:vmSize", auto.ConfigValue(RESIZE_TO))
        live.stack.up(on_output=print, color="never")
    finally:
        done.set()
        poller.join(timeout=POLL_TIMEOUT + POLL_INTERVAL)
    sizes = {
        str(r["urn"]).rsplit("::", 1)[-1]: ((r.get("outputs") or {}).get("hardwareProfile") or {}).get("vmSize")
        for r in live.resources()
        if r.get("type") == "azure-native:compute:VirtualMachine"
    }
    outage = longest_outage(samples)
    failed = sum(1 for _, answered in samples if not answered)
    live.report(
        f"resized to {RESIZE_TO} in {time.monotonic() - started:.0f} s: {len(samples)} requests, {failed} unanswered,"
        f" longest run of failures {outage:.1f} s"
    )
    assert set(sizes.values()) == {RESIZE_TO}, sizes
    # A request that reaches a VM as it stops can fail before the probe takes it out (two 5 s
    # probes): that is one VM, not the set. Every VM failing at once lasts until one serves again.
    assert outage <= MAX_FAILING_RUN, f"every request failed for {outage:.1f} s during the resize"
