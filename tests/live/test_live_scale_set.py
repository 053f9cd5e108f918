"""Deploy the dev stack as a small scale set (`orchestration: scale_set`, two instances) to a real Azure
subscription, check it serves, read its NAT port mapping, preview a scale-out, and destroy it.

Skipped (each test, with one line saying what is missing) unless the Pulumi CLI and Azure credentials are
present, like tests/live/test_live_deploy.py; it costs a few cents more. Run it alone with
`python -m pytest tests/live/test_live_scale_set.py -v -rs -s`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from .stacks import NS, LiveStack, deployed_stack
from .support import (
    PROBE_TIMEOUT,
    SAMPLE_REQUESTS,
    WEB_READY_TIMEOUT,
    az_logged_in,
    changed,
    frontend_ports,
    http_get,
    in_port_range,
    list_instance_ips,
    missing_prerequisites,
    query_port_mapping,
    served_vm,
    tcp_connects,
    wait_until,
)

_missing = missing_prerequisites(os.environ, shutil.which, az_logged_in)
pytestmark = [pytest.mark.live, pytest.mark.skipif(_missing is not None, reason=_missing or "")]

NAT_RULE = "web-vmss-ssh"  # components/decisions/naming.py, `scale_set_nat_rule`


@pytest.fixture(scope="module")
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    yield from deployed_stack(request, tmp_path_factory, {f"{NS}:orchestration": "scale_set", f"{NS}:vmCount": "2"})


def test_the_url_answers_200_from_two_instances(live: LiveStack) -> None:
    wait_until(lambda: http_get(live.url)[0] == 200, timeout=WEB_READY_TIMEOUT, interval=10, what="HTTP 200")

    def two_instances() -> set[str] | None:
        pages = (http_get(live.url) for _ in range(SAMPLE_REQUESTS))
        seen = {vm for status, body in pages if status == 200 and (vm := served_vm(body))}
        return seen if len(seen) >= 2 else None

    seen = wait_until(two_instances, timeout=PROBE_TIMEOUT, interval=5, what="answers from two instances")
    live.report(f"pages served by {sorted(seen)}")
    assert len(seen) >= 2


def test_each_instance_has_a_port_of_the_nat_range_that_accepts_tcp(live: LiveStack) -> None:
    group = str(live.outputs["resource_group_name"])
    instances = list_instance_ips(group)
    assert len(instances) == 2, instances
    for instance, ip in instances.items():
        ports = frontend_ports(query_port_mapping(group, "web-lb", "backend-pool", ip), NAT_RULE)
        live.report(f"{instance} ({ip}): NAT ports {ports}")
        assert len(ports) == 1 and in_port_range(ports[0], str(live.outputs["nat_port_range"]))
        endpoint = f"{live.outputs['public_ip']}:{ports[0]}"

        def connects(endpoint: str = endpoint) -> bool:
            return tcp_connects(endpoint)

        wait_until(connects, timeout=PROBE_TIMEOUT, interval=10, what=endpoint)


def test_preview_after_up_shows_no_changes(live: LiveStack) -> None:
    result = live.stack.preview(policy_packs=[str(live.policy_pack)], diff=True, color="never")
    assert changed(result.change_summary) == {}, result.stdout


def test_a_scale_out_previews_as_one_update_of_the_scale_set(live: LiveStack) -> None:
    live.set_vm_count(3)
    try:
        result = live.stack.preview(diff=True, color="never")
    finally:
        live.set_vm_count(2)
    assert changed(result.change_summary) == {"update": 1}, result.stdout
