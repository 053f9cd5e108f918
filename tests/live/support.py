"""Helpers of the live test: prerequisites, the throwaway project, HTTP and TCP probes.

The pure ones (prerequisites, page parsing, NAT-rule steps, names) are tested offline
in tests/live/test_support.py; the rest talk to the network and only run live.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
# What `pulumi up` needs of the repository: the program and its stack code, the component, the project file.
PROJECT_FILES = ("__main__.py", "Pulumi.yaml", "requirements.txt")
PROJECT_DIRS = ("components", "stack")
POLICY_DIR = "policy"
# Bounds for what Azure does after `pulumi up` returns (cloud-init installing nginx, probes), and how
# many requests a sample of the load balancer's answers takes.
WEB_READY_TIMEOUT = 15 * 60
PROBE_TIMEOUT = 5 * 60
SAMPLE_REQUESTS = 30

T = TypeVar("T")


# --- prerequisites ---------------------------------------------------------------------------


def has_arm_credentials(env: Mapping[str, str]) -> bool:
    """The ARM_* variables azure-native reads: a service principal (secret, certificate or OIDC)
    or a managed identity."""
    if not (env.get("ARM_SUBSCRIPTION_ID") and env.get("ARM_TENANT_ID")):
        return False
    if env.get("ARM_USE_MSI", "").lower() == "true":
        return True
    secret = env.get("ARM_CLIENT_SECRET") or env.get("ARM_CLIENT_CERTIFICATE_PATH")
    return bool(env.get("ARM_CLIENT_ID") and (secret or env.get("ARM_USE_OIDC", "").lower() == "true"))


def az_logged_in(which: Callable[[str], str | None] = shutil.which) -> bool:
    """An `az login` session the Azure CLI (and azure-native) can use."""
    if which("az") is None:
        return False
    try:
        done = subprocess.run(["az", "account", "show", "--output", "none"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def missing_prerequisites(
    env: Mapping[str, str], which: Callable[[str], str | None], azure_cli_session: Callable[[], bool]
) -> str | None:
    """One line saying what the live test lacks, or None when it can run."""
    missing = []
    if which("pulumi") is None:
        missing.append("the Pulumi CLI is not on PATH")
    if not has_arm_credentials(env) and not azure_cli_session():
        missing.append("no Azure credentials (ARM_* variables or an `az login` session)")
    return f"live Azure test skipped: {'; '.join(missing)}" if missing else None


# --- the throwaway project -----------------------------------------------------------------------


def unique_stack_name(now: float, token: str) -> str:
    """`live-<utc time>-<token>`: unique per run, sortable, valid as a stack and resource group name."""
    return f"live-{time.strftime('%Y%m%d%H%M%S', time.gmtime(now))}-{token.lower()}"


def python_runtime_options(prefix: str, base_prefix: str) -> dict[str, str]:
    """Run the program (and the policy pack) in this interpreter's virtualenv, which already holds
    the requirements, instead of letting the CLI make a new one."""
    options = {"toolchain": "pip"}
    if prefix != base_prefix:
        options["virtualenv"] = prefix
    return options


def copy_project(destination: Path, runtime_options: Mapping[str, str]) -> tuple[Path, Path]:
    """Copy the stack program and the policy pack to `destination`; (project dir, policy pack dir).
    The copies run in the given Python environment; the repository itself is never written to."""
    project = destination / "project"
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(REPO_ROOT / name, project / name)
    for name in PROJECT_DIRS:
        shutil.copytree(REPO_ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    _set_runtime_options(project / "Pulumi.yaml", runtime_options)
    pack = destination / POLICY_DIR
    shutil.copytree(REPO_ROOT / POLICY_DIR, pack, ignore=shutil.ignore_patterns("__pycache__", "venv"))
    _set_runtime_options(pack / "PulumiPolicy.yaml", runtime_options)
    return project, pack


def _set_runtime_options(path: Path, options: Mapping[str, str]) -> None:
    document = yaml.safe_load(path.read_text())
    document["runtime"] = {"name": "python", "options": dict(options)}
    path.write_text(yaml.safe_dump(document, sort_keys=False))


# --- what the deployment answers -------------------------------------------------------------------

SERVED_BY = re.compile(r"Served by ([A-Za-z0-9-]+)")


def served_vm(page: str) -> str | None:
    """The VM that served a page of the default web server (components/decisions/cloud_init.py)."""
    match = SERVED_BY.search(page)
    return match.group(1) if match else None


def nat_rule_deleted(ops: Mapping[str, str], vm_name: str) -> dict[str, str]:
    """Name -> step of `vm_name`'s inbound NAT rule in a step map (URN -> op) of a scale-in."""
    return {
        urn.rsplit("::", 1)[-1]: op
        for urn, op in ops.items()
        if ":network:InboundNatRule::" in urn and urn.rsplit("::", 1)[-1].startswith(f"{vm_name}-")
    }


def vm_unique_ids(resources: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """VM name -> Azure's `vmId`, a GUID that changes when a VM is replaced (its ARM ID does not)."""
    return {
        str(r["urn"]).rsplit("::", 1)[-1]: str((r.get("outputs") or {}).get("vmId"))
        for r in resources
        if r.get("type") == "azure-native:compute:VirtualMachine"
    }


def op_count(changes: Mapping[Any, int] | None, op: str) -> int:
    """How many resources an operation touched in a change summary. The Automation API types its
    keys as `OpType` but hands over the JSON's plain strings: accept both."""
    return sum(count for key, count in (changes or {}).items() if getattr(key, "value", key) == op)


def changed(changes: Mapping[Any, int] | None) -> dict[str, int]:
    """The operations other than `same` in a change summary, with their counts."""
    found = {str(getattr(key, "value", key)): count for key, count in (changes or {}).items() if count}
    return {op: count for op, count in found.items() if op != "same"}


def http_get(url: str, timeout: float = 10) -> tuple[int, str]:
    """(status, body) of one GET on a new connection; status 0 when nothing answered."""
    request = urllib.request.Request(url, headers={"Connection": "close", "Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return int(error.code), ""
    except (OSError, TimeoutError):
        return 0, ""


def tcp_connects(endpoint: str, timeout: float = 10) -> bool:
    host, _, port = endpoint.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            return True
    except OSError:
        return False


def caller_public_ip() -> str:
    """This machine's public IPv4 address, as the internet (and the NSG) sees it."""
    status, body = http_get("https://api.ipify.org", timeout=15)
    address = body.strip()
    if status != 200 or not re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", address):
        raise RuntimeError(f"could not find this machine's public IP (api.ipify.org answered {status})")
    return address


def longest_outage(samples: Sequence[tuple[float, bool]]) -> float:
    """The longest run of unanswered requests in `samples` ((time, answered) pairs in time order):
    from the first request that failed to the next one answered (or the last sample). While it
    lasts, every VM failed. 0.0 when every request was answered."""
    longest, since = 0.0, None
    for at, answered in samples:
        if answered:
            if since is not None:
                longest = max(longest, at - since)
            since = None
        elif since is None:
            since = at
    if since is not None and samples:
        longest = max(longest, samples[-1][0] - since)
    return longest


def wait_until(check: Callable[[], T | None], *, timeout: float, interval: float, what: str) -> T:
    """Poll `check` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def run_command(resource_group: str, vm_name: str, script: str, subscription: str | None) -> None:
    """Run a shell command on a VM through Azure's run-command (the VM agent), via the Azure CLI."""
    command = ["az", "vm", "run-command", "invoke", "--resource-group", resource_group, "--name", vm_name]
    command += ["--command-id", "RunShellScript", "--scripts", script, "--output", "none"]
    if subscription:
        command += ["--subscription", subscription]
    subprocess.run(command, check=True, capture_output=True, timeout=600)


# --- a scale set's NAT port mapping (docs/scale-set.md, "Admin access") ------------------------------------


def instance_private_ips(listed: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """VM name -> first private IP, from `az vm list-ip-addresses --output json`."""
    found: dict[str, str] = {}
    for entry in listed:
        machine = entry.get("virtualMachine") or {}
        addresses = (machine.get("network") or {}).get("privateIpAddresses") or []
        if machine.get("name") and addresses:
            found[str(machine["name"])] = str(addresses[0])
    return found


def frontend_ports(mapping: Mapping[str, Any], rule_name: str) -> list[int]:
    """The frontend ports of NAT rule `rule_name` in a `queryInboundNatRulePortMapping` answer."""
    return [
        int(entry["frontendPort"])
        for entry in mapping.get("inboundNatRulePortMappings") or []
        if entry.get("inboundNatRuleName") == rule_name and entry.get("frontendPort") is not None
    ]


def in_port_range(port: int, port_range: str) -> bool:
    """Whether `port` is in a `start-end` range (the `nat_port_range` output)."""
    start, _, end = port_range.partition("-")
    return int(start) <= port <= int(end)


def query_port_mapping(resource_group: str, load_balancer: str, pool: str, ip_address: str) -> dict[str, Any]:
    """The backend pool's `queryInboundNatRulePortMapping` for one instance's private IP, via `az rest`."""
    subscription = subprocess.run(
        ["az", "account", "show", "--query", "id", "--output", "tsv"], check=True, capture_output=True, text=True
    ).stdout.strip()
    url = (
        f"https://management.azure.com/subscriptions/{subscription}/resourceGroups/{resource_group}/providers/"
        f"Microsoft.Network/loadBalancers/{load_balancer}/backendAddressPools/{pool}/queryInboundNatRulePortMapping"
        "?api-version=2024-05-01"
    )
    body = json.dumps({"ipAddress": ip_address})
    answer = subprocess.run(
        ["az", "rest", "--method", "post", "--url", url, "--body", body], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(answer.stdout or "{}")
    return result


def list_instance_ips(resource_group: str) -> dict[str, str]:
    answer = subprocess.run(
        ["az", "vm", "list-ip-addresses", "--resource-group", resource_group, "--output", "json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return instance_private_ips(json.loads(answer.stdout or "[]"))
