"""The live test's pure helpers (tests/live/support.py), offline: when it runs, what it reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from components.decisions.cloud_init import (
    default_linux_cloud_init,
    default_scale_set_cloud_init,
    windows_web_server_command,
)
from tests.live.support import (
    changed,
    copy_project,
    frontend_ports,
    has_arm_credentials,
    in_port_range,
    instance_private_ips,
    longest_outage,
    missing_prerequisites,
    nat_rule_deleted,
    op_count,
    python_runtime_options,
    served_vm,
    unique_stack_name,
    vm_unique_ids,
)

SP = {"ARM_SUBSCRIPTION_ID": "s", "ARM_TENANT_ID": "t", "ARM_CLIENT_ID": "c"}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({**SP, "ARM_CLIENT_SECRET": "x"}, True),
        ({**SP, "ARM_USE_OIDC": "true"}, True),
        ({**SP, "ARM_CLIENT_CERTIFICATE_PATH": "/c.pfx"}, True),
        ({"ARM_SUBSCRIPTION_ID": "s", "ARM_TENANT_ID": "t", "ARM_USE_MSI": "true"}, True),
        (SP, False),
        ({"ARM_CLIENT_ID": "c", "ARM_CLIENT_SECRET": "x", "ARM_TENANT_ID": "t"}, False),
        ({}, False),
    ],
)
def test_arm_credentials(env: dict[str, str], expected: bool) -> None:
    assert has_arm_credentials(env) is expected


def test_skips_with_one_line_naming_what_is_missing() -> None:
    reason = missing_prerequisites({}, lambda tool: None, lambda: False)
    assert reason is not None and "\n" not in reason and "Pulumi CLI" in reason and "az login" in reason


def test_runs_with_the_cli_and_an_az_login_session() -> None:
    assert missing_prerequisites({}, lambda tool: f"/usr/bin/{tool}", lambda: True) is None


def test_does_not_run_without_the_cli_even_with_credentials() -> None:
    reason = missing_prerequisites({**SP, "ARM_CLIENT_SECRET": "x"}, lambda tool: None, lambda: True)
    assert reason == "live Azure test skipped: the Pulumi CLI is not on PATH"


@pytest.mark.parametrize(
    "page", [default_linux_cloud_init("web-vm-2"), windows_web_server_command("web-vm-2")], ids=["linux", "windows"]
)
def test_served_vm_reads_the_default_page(page: str) -> None:
    assert served_vm(page) == "web-vm-2"


def test_served_vm_is_none_for_another_page() -> None:
    assert served_vm("<h1>Welcome to nginx!</h1>") is None


def test_stack_names_are_unique_lowercase_and_dated() -> None:
    assert unique_stack_name(0, "A1b2C3") == "live-19700101000000-a1b2c3"


def test_runtime_uses_this_virtualenv_only_when_in_one() -> None:
    assert python_runtime_options("/venv", "/usr") == {"toolchain": "pip", "virtualenv": "/venv"}
    assert python_runtime_options("/usr", "/usr") == {"toolchain": "pip"}


PREFIX = "urn:pulumi:live::azure-multi-vm::azure-multi-vm:index:LoadBalancedVmSet$"
EXPORTED: list[dict[str, Any]] = [
    {"urn": f"{PREFIX}azure-native:compute:VirtualMachine::web-vm-3", "type": "azure-native:compute:VirtualMachine"},
    {
        "urn": f"{PREFIX}azure-native:network:NetworkInterface::web-vm-3-nic",
        "type": "azure-native:network:NetworkInterface",
    },
    {
        "urn": f"{PREFIX}azure-native:compute:VirtualMachine::web-vm-1",
        "type": "azure-native:compute:VirtualMachine",
        "outputs": {"vmId": "guid-1"},
    },
    {"urn": f"{PREFIX}azure-native:network:LoadBalancer::web-lb", "type": "azure-native:network:LoadBalancer"},
]


def test_nat_rule_deleted_picks_the_removed_vms_rule_only() -> None:
    prefix = "urn:pulumi:dev::azure-multi-vm::azure-multi-vm:index:LoadBalancedVmSet$azure-native:network"
    ops = {f"{prefix}:InboundNatRule::web-vm-3-ssh": "delete", f"{prefix}:InboundNatRule::web-vm-1-ssh": "same"}
    assert nat_rule_deleted(ops, "web-vm-3") == {"web-vm-3-ssh": "delete"}


def test_vm_unique_ids_by_name() -> None:
    assert vm_unique_ids(EXPORTED[2:3]) == {"web-vm-1": "guid-1"}


def test_change_summaries_count_plain_and_enum_keys() -> None:
    from pulumi.automation import OpType

    assert (op_count({"delete": 17, "same": 1}, "delete"), op_count({OpType.DELETE: 3}, "delete")) == (17, 3)


def test_a_summary_of_only_same_shows_no_change() -> None:
    assert (changed({"same": 16}), changed({"same": 15, "update": 1})) == ({}, {"update": 1})


def test_copied_project_and_pack_run_in_the_given_virtualenv(tmp_path: Path) -> None:
    runtime = {"toolchain": "pip", "virtualenv": "/venv"}
    project, pack = copy_project(tmp_path, runtime)
    documents = [yaml.safe_load(path.read_text()) for path in (project / "Pulumi.yaml", pack / "PulumiPolicy.yaml")]
    assert [d["runtime"] for d in documents] == [{"name": "python", "options": runtime}] * 2


def test_copied_project_keeps_its_name(tmp_path: Path) -> None:
    project, _ = copy_project(tmp_path, {"toolchain": "pip"})
    assert yaml.safe_load((project / "Pulumi.yaml").read_text())["name"] == "azure-multi-vm"


def test_copied_project_holds_every_module_the_program_imports(tmp_path: Path) -> None:
    project, _ = copy_project(tmp_path, {"toolchain": "pip"})
    imports = "import components, stack.secrets, stack.config, components.vm_set"
    done = subprocess.run([sys.executable, "-c", imports], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("samples", "outage"),
    [
        ([(0.0, True), (1.0, True)], 0.0),
        ([(0.0, True), (1.0, False), (2.5, False), (4.0, True)], 3.0),
        ([(0.0, False), (3.0, True), (4.0, False), (5.0, True)], 3.0),
        ([(0.0, True), (2.0, False), (6.0, False)], 4.0),
        ([], 0.0),
    ],
    ids=["all answered", "a gap", "the longest of two", "to the end", "none"],
)
def test_longest_outage_is_the_longest_run_of_unanswered_requests(
    samples: list[tuple[float, bool]], outage: float
) -> None:
    assert longest_outage(samples) == outage


# --- a scale set's NAT port mapping --------------------------------------------------------------------------


def test_instance_private_ips_reads_az_vm_list_ip_addresses() -> None:
    listed = [
        {"virtualMachine": {"name": "web-vmss_1a2b", "network": {"privateIpAddresses": ["10.0.0.4"]}}},
        {"virtualMachine": {"name": "web-vmss_3c4d", "network": {"privateIpAddresses": ["10.0.0.5", "10.0.0.6"]}}},
    ]
    assert instance_private_ips(listed) == {"web-vmss_1a2b": "10.0.0.4", "web-vmss_3c4d": "10.0.0.5"}


def test_frontend_ports_keeps_the_named_rules_ports() -> None:
    answer = {
        "inboundNatRulePortMappings": [
            {"inboundNatRuleName": "web-vmss-ssh", "protocol": "Tcp", "frontendPort": 50003, "backendPort": 22},
            {"inboundNatRuleName": "other", "protocol": "Tcp", "frontendPort": 60001, "backendPort": 22},
        ]
    }
    assert frontend_ports(answer, "web-vmss-ssh") == [50003]


@pytest.mark.parametrize(("port", "inside"), [(50001, True), (51000, True), (50000, False), (51001, False)])
def test_in_port_range_includes_both_ends(port: int, inside: bool) -> None:
    assert in_port_range(port, "50001-51000") is inside


def test_the_scale_set_page_names_its_instance_for_served_vm() -> None:
    """The scale set's default page is written at first boot; what it writes, for a host name, parses."""
    script = default_scale_set_cloud_init()
    command = next(line for line in script.splitlines() if "printf" in line).split("- ", 1)[1]
    page = subprocess.run(
        ["sh", "-c", command.replace("> /var/www/html/index.html", "").replace("$(hostname)", "web-vmss7QK2LM")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert served_vm(page) == "web-vmss7QK2LM"
