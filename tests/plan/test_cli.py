"""`python -m plan`: the offline plan of the real stack, its JSON, its diagram and its figures.

The CLI runs in-process (`plan.__main__.main`); each scenario is evaluated once per module.
The text and JSON runs draw Mermaid diagrams, which need nothing installed; only the PNG test
needs Graphviz's `dot` (tests/plan/test_diagram.py draws the rest).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import plan.__main__ as cli
from components import InvalidArgumentError
from offline.azure_mocks import AzureMocks
from offline.harness import REPO_ROOT
from plan.model import Plan
from plan.render import EXPLAINED, WRAP_AT, duration, wrapped
from plan.run import SECURE_PLACEHOLDER, load_stack_config, make_plan
from provider.package import PACKAGE_VERSION

from ..support.catalog_cases import CASES, IDS, LONG_STORAGE_TAG_NAME
from ..support.checks import each
from ..support.constants import NS
from ..support.keys import ED25519, STRONG_PASSWORD

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
WINDOWS = ["--config", "osType=windows", "--config", f"adminPassword={STRONG_PASSWORD}"]


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str

    @property
    def plan(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.stdout)
        return document


def run_cli(*argv: str, project: Path | None = REPO_ROOT) -> Run:
    """The CLI on `project` (by default this repository's, wherever pytest runs; None: the one
    the current folder is in, as the command finds it)."""
    out, err = io.StringIO(), io.StringIO()
    chosen = [] if project is None or "--project" in argv else ["--project", str(project)]
    status = cli.main([*chosen, *argv], stdout=out, stderr=err)
    return Run(status, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def diagrams(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("diagrams")


@pytest.fixture(scope="module")
def dev_text(diagrams: Path) -> Run:
    return run_cli("--diagram", str(diagrams / "dev.mmd"))  # Mermaid: no Graphviz needed


@pytest.fixture(scope="module")
def dev_json(diagrams: Path) -> Run:
    return run_cli("--json", "--diagram", str(diagrams / "dev.md"))


@pytest.fixture(scope="module")
def dev_png(diagrams: Path) -> Run:
    return run_cli("--diagram", str(diagrams / "dev.png"))


@pytest.fixture(scope="module")
def dev_plan(dev_json: Run) -> dict[str, Any]:
    """The dev stack's plan, as `--json` prints it."""
    return dev_json.plan


@pytest.fixture(scope="module")
def windows_text() -> Run:
    return run_cli(*WINDOWS)


@pytest.fixture(scope="module")
def windows_json() -> Run:
    return run_cli("--json", *WINDOWS)


@pytest.fixture(scope="module")
def overridden() -> Run:
    """`--config` overrides, one in the project's namespace and one fully qualified, with the
    progress line forced on (as for a large vmCount)."""
    every, cli.PROGRESS_EVERY = cli.PROGRESS_EVERY, 4
    try:
        return run_cli("--json", "--config", "vmCount=3", "--config", "azure-native:location=northeurope")
    finally:
        cli.PROGRESS_EVERY = every


@pytest.fixture(scope="module")
def invalid() -> Run:
    return run_cli("--config", "vmCount=1")


# --- the resource tree and the counts ---------------------------------------------------------------


def test_text_lists_every_resource_under_its_parent(dev_text: Run) -> None:
    # Siblings are listed in registration order, which the concurrent program does not fix: the
    # component is one level under the stack, its load balancer one level under the component.
    lines = dev_text.stdout.splitlines()
    assert any(re.fullmatch(r" \+   [├└]─ azure-multi-vm:index:LoadBalancedVmSet +web", line) for line in lines)
    assert any(re.fullmatch(r" \+   [│ ]  [├└]─ azure-native:network:LoadBalancer +web-lb", line) for line in lines)


def test_resources_keep_their_parents(dev_plan: dict[str, Any]) -> None:
    component = next(r for r in dev_plan["resources"] if r["type"] == "azure-multi-vm:index:LoadBalancedVmSet")
    vms = [r for r in dev_plan["resources"] if r["type"] == "azure-native:compute:VirtualMachine"]
    assert vms and all(vm["parent"] == component["urn"] for vm in vms)


def test_counts_by_type(dev_plan: dict[str, Any]) -> None:
    assert dev_plan["counts"] == {
        "azure-native:resources:ResourceGroup": 1,
        "azure-multi-vm:index:LoadBalancedVmSet": 1,
        "azure-native:network:NetworkSecurityGroup": 1,
        "azure-native:network:PublicIPAddress": 1,
        "azure-native:storage:StorageAccount": 1,
        "azure-native:compute:AvailabilitySet": 1,
        "azure-native:network:VirtualNetwork": 1,
        "azure-native:network:LoadBalancer": 1,
        "azure-native:network:NetworkInterface": 2,
        "azure-native:compute:VirtualMachine": 2,
        "azure-native:compute:VirtualMachineExtension": 2,
        "azure-native:compute:VirtualMachineRunCommandByVirtualMachine": 2,
        "azure-native:monitor:DiagnosticSetting": 1,
        "pulumi:index:Stash": 1,
    }


def test_text_shows_the_counts(dev_text: Run, dev_plan: dict[str, Any]) -> None:
    section = dev_text.stdout.split("Count by type", 1)[1].split("\n\n", 1)[0]
    rows = {tuple(line.split()) for line in section.splitlines()}
    assert {(t, str(n)) for t, n in dev_plan["counts"].items()} <= rows


# --- load balancer, NAT table, NSG -------------------------------------------------------------------


def test_load_balancer_rule_and_probe(dev_plan: dict[str, Any]) -> None:
    lb = dev_plan["load_balancers"][0]
    rule = lb["rules"][0]
    assert (rule["protocol"], rule["frontend_port"], rule["backend_port"], rule["probe"]) == (
        "Tcp",
        80,
        80,
        "health-probe",
    )
    assert lb["probes"] == [
        {"name": "health-probe", "protocol": "Http", "port": 80, "path": "/", "interval_seconds": 5}
    ]


def test_load_balancer_frontend_is_the_public_ip(dev_plan: dict[str, Any]) -> None:
    assert [f["public_ip"] for f in dev_plan["load_balancers"][0]["frontends"]] == ["web-pip"]


def test_nat_table_maps_each_vm_to_its_port(dev_plan: dict[str, Any]) -> None:
    rules = dev_plan["load_balancers"][0]["nat_rules"]
    table = [(r["vm"], r["frontend_port"], r["backend_port"]) for r in rules if r["vm"]]
    assert table == [("web-vm-1", 50001, 22), ("web-vm-2", 50002, 22)]


def test_nat_table_lists_the_rules_no_vm_uses_yet(dev_plan: dict[str, Any]) -> None:
    rules = dev_plan["load_balancers"][0]["nat_rules"]
    assert [r["frontend_port"] for r in rules if not r["vm"]] == list(range(50003, 50201))


def test_text_sums_up_the_rules_no_vm_uses_yet(dev_text: Run) -> None:
    assert "and 198 rules no NIC uses yet, for more VMs (frontend ports 50003-50200)" in dev_text.stdout


def test_backend_pool_members(dev_plan: dict[str, Any]) -> None:
    assert dev_plan["load_balancers"][0]["backend_pools"][0]["members"] == ["web-vm-1", "web-vm-2"]


def test_text_nat_table(dev_text: Run) -> None:
    rows = [line.split() for line in dev_text.stdout.split("Inbound NAT rules", 1)[1].splitlines()[2:4]]
    assert [row[:3] for row in rows] == [["web-vm-1", "50001", "22"], ["web-vm-2", "50002", "22"]]


def test_nsg_rules_in_priority_order_ending_with_deny_all(dev_plan: dict[str, Any]) -> None:
    nsg = dev_plan["network_security_groups"][0]
    priorities = [r["priority"] for r in nsg["rules"]]
    assert priorities == sorted(priorities) and nsg["rules"][-1]["access"] == "Deny" and priorities[-1] == 4096


def test_nsg_is_shown_on_its_subnet(dev_plan: dict[str, Any], dev_text: Run) -> None:
    nsg = dev_plan["network_security_groups"][0]
    assert nsg["attached_to"] == ["web-snet"]
    assert f"Network security group {nsg['name']} (on web-snet)" in dev_text.stdout


def test_text_lists_every_nsg_rule(dev_text: Run, dev_plan: dict[str, Any]) -> None:
    assert all(rule["name"] in dev_text.stdout for rule in each(dev_plan["network_security_groups"][0]["rules"]))


# --- outputs ---------------------------------------------------------------------------------------


def test_outputs_known_before_deployment_show_their_value(dev_plan: dict[str, Any]) -> None:
    assert dev_plan["outputs"]["vm_names"] == {
        "known_before_deployment": True,
        "secret": False,
        "value": ["web-vm-1", "web-vm-2"],
        "mock_value": ["web-vm-1", "web-vm-2"],
    }


def test_outputs_known_only_after_deployment_are_marked(dev_plan: dict[str, Any]) -> None:
    public_ip = dev_plan["outputs"]["public_ip"]
    assert (public_ip["known_before_deployment"], public_ip["value"]) == (False, None)
    assert public_ip["mock_value"].count(".") == 3  # the mocks' made-up address, an example


def test_text_says_which_outputs_exist_only_after_deployment(dev_text: Run) -> None:
    line = next(line for line in dev_text.stdout.splitlines() if line.strip().startswith("public_ip"))
    assert "(known after deployment" in line


def test_every_stack_output_is_shown(dev_plan: dict[str, Any]) -> None:
    assert set(dev_plan["outputs"]) == {
        "resource_group_name",
        "frontend_ip",
        "public_ip",
        "fqdn",
        "url",
        "nat_endpoints",
        "vm_names",
        "private_ips",
        "bastion_name",
    }


# --- secrets -------------------------------------------------------------------------------------


def test_no_secret_in_the_text_plan(windows_text: Run) -> None:
    assert windows_text.status == 0 and STRONG_PASSWORD not in windows_text.stdout + windows_text.stderr


def test_no_secret_in_the_json_plan(windows_json: Run) -> None:
    assert windows_json.status == 0 and STRONG_PASSWORD not in windows_json.stdout + windows_json.stderr


def test_secret_config_is_shown_as_secret(windows_json: Run) -> None:
    assert windows_json.plan["config"][f"{NS}:adminPassword"] == "[secret]"


def test_text_shows_the_config_with_secrets_blanked(windows_text: Run) -> None:
    line = next(line for line in windows_text.stdout.splitlines() if f"{NS}:adminPassword" in line)
    assert line.split() == [f"{NS}:adminPassword", "[secret]"]


def test_secure_values_of_a_stack_file_are_replaced_by_a_placeholder(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "Pulumi.prod.yaml").write_text("config:\n  demo:adminPassword:\n    secure: v1:AAAA\n")
    config = load_stack_config("prod", project_dir=tmp_path)
    assert config.values["demo:adminPassword"] == SECURE_PLACEHOLDER
    assert config.secret_keys == {"demo:adminPassword"} and "encrypted" in config.notes[0]


# --- figures -------------------------------------------------------------------------------------


def test_figures_count_one_write_per_azure_resource(dev_plan: dict[str, Any]) -> None:
    # 16 ARM PUTs: the resource group and the 15 resources of the set; the component makes none.
    assert dev_plan["figures"]["write_operations"] == 16


def test_figures_count_one_load_balancer_write_with_its_nat_rules(dev_plan: dict[str, Any]) -> None:
    assert dev_plan["figures"]["load_balancer_writes"] == 1


def test_figures_critical_path_runs_through_the_batches(dev_plan: dict[str, Any]) -> None:
    """Two VMs, one a batch: the second VM's NIC waits for the first VM's readiness gate."""
    path = [step["type"].rsplit(":", 1)[-1] for step in dev_plan["figures"]["critical_path"]]
    assert path == [
        "ResourceGroup",
        "PublicIPAddress",
        "LoadBalancer",
        "NetworkInterface",
        "VirtualMachine",
        "VirtualMachineExtension",
        "VirtualMachineRunCommandByVirtualMachine",
        "NetworkInterface",
        "VirtualMachine",
        "VirtualMachineExtension",
        "VirtualMachineRunCommandByVirtualMachine",
    ]


def test_figures_parallel_estimate_beats_one_after_another(dev_plan: dict[str, Any]) -> None:
    figures = dev_plan["figures"]
    assert figures["critical_path_seconds"] <= figures["estimated_up_seconds"] < figures["sequential_seconds"]


def test_figures_state_where_each_duration_comes_from(dev_plan: dict[str, Any]) -> None:
    sources = dev_plan["figures"]["typical_seconds"]
    assert set(sources) == set(dev_plan["figures"]["writes_by_type"]) and all(s["source"] for s in sources.values())


def test_text_shows_the_figures(dev_text: Run) -> None:
    assert "Azure write operations: 16" in dev_text.stdout and "Estimated `pulumi up`" in dev_text.stdout


def test_figures_count_the_vm_batches_of_the_first_deployment(dev_plan: dict[str, Any]) -> None:
    assert dev_plan["figures"]["vm_batches"] == 2


def test_figures_set_all_at_once_against_the_batches(dev_plan: dict[str, Any]) -> None:
    figures = dev_plan["figures"]
    assert figures["all_at_once_seconds"] < figures["estimated_up_seconds"]


def test_the_changes_page_quotes_the_first_deployment_figures(dev_plan: dict[str, Any]) -> None:
    figures, page = dev_plan["figures"], (REPO_ROOT / "docs" / "changes.md").read_text()
    quoted = (
        f"estimated at {duration(figures['estimated_up_seconds'])} in two batches against"
        f" {duration(figures['all_at_once_seconds'])}\nall at once"
    )
    assert quoted in page


def test_text_shows_the_first_deployment_in_batches_next_to_all_at_once(dev_text: Run) -> None:
    assert (
        "VMs: created in 2 batches" in dev_text.stdout and "all at once (maxUnavailable = vmCount)" in dev_text.stdout
    )


# --- --json and --config -------------------------------------------------------------------------


def test_json_carries_what_the_text_shows(dev_text: Run, dev_plan: dict[str, Any]) -> None:
    facts = [r["name"] for r in dev_plan["resources"]] + list(dev_plan["outputs"]) + list(dev_plan["counts"])
    facts += [str(r["frontend_port"]) for r in dev_plan["load_balancers"][0]["nat_rules"] if r["vm"]]
    assert all(fact in dev_text.stdout for fact in facts)


def test_json_is_all_of_stdout(dev_json: Run) -> None:
    assert dev_json.status == 0 and isinstance(json.loads(dev_json.stdout), dict)


def test_config_override_in_the_project_namespace(overridden: Run) -> None:
    rules = overridden.plan["load_balancers"][0]["nat_rules"]
    assert [r["vm"] for r in rules if r["vm"]] == ["web-vm-1", "web-vm-2", "web-vm-3"]


def test_fully_qualified_config_override(overridden: Run) -> None:
    assert overridden.plan["config"]["azure-native:location"] == "northeurope"


def test_progress_goes_to_stderr_not_into_the_json(overridden: Run) -> None:
    assert "resources registered" in overridden.stderr and json.loads(overridden.stdout)


# --- invalid config ------------------------------------------------------------------------------


def test_invalid_config_fails_with_non_zero_status(invalid: Run) -> None:
    assert invalid.status != 0 and invalid.stdout == ""


def test_invalid_config_message_is_the_programs_own(
    invalid: Run, one_vm_stack: tuple[InvalidArgumentError, AzureMocks]
) -> None:
    error, _ = one_vm_stack
    assert invalid.stderr == f"error: {error}\n"


def test_malformed_config_option_is_refused() -> None:
    run = run_cli("--config", "vmCount")
    assert run.status != 0 and "expected key=value" in run.stderr


def test_unknown_stack_is_refused() -> None:
    run = run_cli("--stack", "no-such-stack")
    assert run.status != 0 and "Pulumi.no-such-stack.yaml" in run.stderr


def run_plan_process(*argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m plan` in a process of its own, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "plan", *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )


def test_python_dash_m_plan_exits_non_zero_without_traceback() -> None:
    done = run_plan_process("--config", "vmCount=201")
    assert done.returncode == 1
    assert done.stderr == f"error: {NS}:vmCount: 201 is not allowed; a whole number from 2 to 200\n"


# --- the diagram ---------------------------------------------------------------------------------


def test_mermaid_diagram_is_written(dev_text: Run, diagrams: Path) -> None:
    text = (diagrams / "dev.mmd").read_text()
    assert dev_text.status == 0 and "flowchart LR" in text and "web-lb" in text


def test_mermaid_diagram_in_markdown_is_fenced(dev_json: Run, diagrams: Path) -> None:
    text = (diagrams / "dev.md").read_text()
    assert text.startswith("```mermaid\n") and text.endswith("```\n")


def test_diagram_goes_to_stderr_not_into_the_json(dev_json: Run, diagrams: Path) -> None:
    assert f"diagram written to {diagrams / 'dev.md'}" in dev_json.stderr and json.loads(dev_json.stdout)


@needs_dot
def test_diagram_png(dev_png: Run, diagrams: Path) -> None:
    assert dev_png.status == 0 and (diagrams / "dev.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_without_graphviz_is_refused_before_the_plan_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` there
    run = run_cli("--diagram", str(tmp_path / "dev.png"))
    assert run.status == 1 and "Graphviz's dot, which is not installed" in run.stderr and run.stdout == ""


@pytest.mark.parametrize("name", ["picture.gif", "picture.jpg", "picture"])
def test_diagram_refuses_other_formats(name: str) -> None:
    run = run_cli("--diagram", name)
    assert run.status == 2 and run.stderr.endswith("must end in .svg, .png, .mmd or .md\n")


# --- the plan as data, without a run ----------------------------------------------------------------


def test_secret_outputs_show_only_secret() -> None:
    from offline.harness import Deployment
    from plan.model import StackOutput
    from plan.report import build_plan

    deployment = Deployment(registered=[], urns=[], outputs={"token": "s3cr3t-value"}, secret_outputs={"token"})
    shown = build_plan(
        stack="t",
        config={},
        secret_keys=(),
        deployment=deployment,
        registrations=[],
        known_before_deployment={"token": "s3cr3t-value"},
    )
    assert shown.outputs["token"] == StackOutput(
        known_before_deployment=True, secret=True, value="[secret]", mock_value="[secret]"
    )


def test_a_secret_config_value_is_blanked_wherever_it_appears() -> None:
    from plan.redaction import redacted

    assert redacted({"warnings": ["password 'hunter2!x' is weak"]}, {"hunter2!x"}) == {
        "warnings": ["password '[secret]' is weak"]
    }


def test_the_plan_says_where_the_load_balancers_health_events_go(dev_plan: dict[str, Any]) -> None:
    (setting,) = [r for r in dev_plan["other_resources"] if r["type"] == "azure-native:monitor:DiagnosticSetting"]
    account = dev_plan["storage_accounts"][0]["name"]
    assert (setting["resource"], setting["destination"]) == ("web-lb", account)


# --- what the catalogs refuse, by `--config` (cases in support/catalog_cases.py) --------------------------


@pytest.mark.parametrize(("setting", "key"), [(c[3], c[4]) for c in CASES], ids=IDS)
def test_plan_refuses_with_one_line_naming_the_key(setting: str, key: str) -> None:
    run = run_cli("--config", setting)
    assert run.status == 1 and run.stdout == ""
    assert run.stderr.startswith(f"error: {NS}:{key}: ") and run.stderr.count("\n") == 1


def test_plan_refuses_a_list_tag_value_without_a_traceback() -> None:
    done = run_plan_process("--config", 'tags={"owners": ["alice", "bob"]}')
    assert done.returncode == 1
    assert done.stderr.startswith(f'error: {NS}:tags.owners: ["alice", "bob"] is not allowed; a string')
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_plan_accepts_the_valid_neighbours() -> None:
    run = run_cli(
        "--config",
        "vmSize=Standard_B2s",
        "--config",
        "location=northeurope",
        "--config",
        'appSourcePrefixes=["AzureFrontDoor.Backend", "Storage.WestEurope"]',
        "--config",
        "tags=" + json.dumps({LONG_STORAGE_TAG_NAME: "x"}),
    )
    assert run.status == 0, run.stderr


def test_plan_refuses_a_misspelt_provider_location_naming_its_key() -> None:
    run = run_cli("--config", "azure-native:location=westeurop")
    assert run.status == 1 and run.stdout == ""
    assert run.stderr == (
        "error: azure-native:location: 'westeurop' is not allowed; an Azure region name such as westeurope "
        "(az account list-locations); did you mean westeurope?\n"
    )


def test_the_location_key_overrides_the_provider_location_unchecked() -> None:
    run = run_cli("--config", "azure-native:location=westeurop", "--config", "location=northeurope")
    assert run.status == 0, run.stderr


# --- what the region offers, and Trusted Launch, by `--config` ---------------------------------------


@pytest.mark.parametrize(
    ("settings", "key"),
    [
        (("location=uksouth", "faultDomainCount=3"), "faultDomainCount"),
        (("azure-native:location=westcentralus", "placement=zones"), "placement"),
    ],
    ids=["3 fault domains where there are 2", "zones where there are none"],
)
def test_plan_refuses_what_the_region_does_not_offer_in_one_line(settings: tuple[str, ...], key: str) -> None:
    run = run_cli(*(arg for setting in settings for arg in ("--config", setting)))
    assert run.status == 1 and run.stdout == ""
    assert run.stderr.startswith(f"error: {NS}:{key}: ") and run.stderr.count("\n") == 1


@pytest.mark.parametrize("location", ["", " "], ids=["empty", "white space"])
def test_plan_refuses_a_stack_with_no_region_naming_the_provider_location(location: str) -> None:
    run = run_cli("--config", f"azure-native:location={location}")
    assert run.status == 1 and run.stderr.startswith("error: azure-native:location: not set, and required")


def test_plan_names_no_size_that_does_not_exist() -> None:
    assert "did you mean" not in run_cli("--config", "vmSize=X9").stderr


def test_plan_accepts_a_generation_1_size_with_trusted_launch_off() -> None:
    run = run_cli("--config", "vmSize=Standard_D2_v3", "--config", "trustedLaunch=false")
    assert run.status == 0, run.stderr


def test_the_plan_shows_the_vms_as_trusted_launch_vms(dev_plan: dict[str, Any]) -> None:
    assert {vm["security_type"] for vm in dev_plan["vms"]} == {"TrustedLaunch"}


def test_the_plan_shows_the_vms_without_trusted_launch_when_opted_out() -> None:
    plan = run_cli("--json", "--config", "trustedLaunch=false").plan
    assert {vm["security_type"] for vm in plan["vms"]} == {"Standard"}


def test_the_plan_shows_the_storage_firewall(dev_plan: dict[str, Any]) -> None:
    assert [a["firewall"] for a in dev_plan["storage_accounts"]] == [
        {"default_action": "Deny", "bypass": "AzureServices"}
    ]


# --- a project of another name, a stack file with a `secure:` value ---------------------------------

RENAMED = "shop"


def renamed_project(root: Path, config: str) -> Path:
    """This project as `pulumi new` leaves it under another name, with a `dev` stack file."""
    (root / "Pulumi.yaml").write_text(f"name: {RENAMED}\nruntime: python\n")
    (root / "__main__.py").write_text((REPO_ROOT / "__main__.py").read_text())
    shutil.copytree(REPO_ROOT / "stack", root / "stack", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "Pulumi.dev.yaml").write_text("config:\n  azure-native:location: westeurope\n" + config)
    return root


def renamed_plan_of(root: Path, config: str) -> Plan:
    project = renamed_project(root, config)
    return make_plan(load_stack_config("dev", project_dir=project), project_dir=project)


@pytest.fixture(scope="module")
def renamed_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """A renamed project whose stack file has a misspelt key and a password in plain text."""
    config = f"  {RENAMED}:osType: windows\n  {RENAMED}:adminPassword: {STRONG_PASSWORD}\n  {RENAMED}:vmcount: '3'\n"
    return renamed_plan_of(tmp_path_factory.mktemp("renamed"), config)


@pytest.fixture(scope="module")
def secure_password_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """The stack on Windows, its password encrypted in the stack file (`secure: v1:...`)."""
    config = f"  {RENAMED}:osType: windows\n  {RENAMED}:adminPassword:\n    secure: v1:AAAABBBBCCCCDDDD\n"
    return renamed_plan_of(tmp_path_factory.mktemp("secure"), config)


def test_a_misspelt_key_of_a_renamed_project_is_warned_of(renamed_plan: Plan) -> None:
    assert [w.split(" ")[0] for w in renamed_plan.config_warnings] == [f"{RENAMED}:vmcount"]


def test_a_plain_text_password_of_a_renamed_project_is_warned_of(renamed_plan: Plan) -> None:
    assert [w for w in renamed_plan.warnings if w.startswith(f"{RENAMED}:adminPassword is stored in plain text")]


def test_errors_of_a_renamed_project_name_its_keys(tmp_path: Path) -> None:
    root = renamed_project(tmp_path, f"  {RENAMED}:sshPublicKey: {ED25519}\n  {RENAMED}:vmCount: '1'\n")
    with pytest.raises(InvalidArgumentError) as caught:
        make_plan(load_stack_config("dev", project_dir=root), project_dir=root)
    assert caught.value.argument == f"{RENAMED}:vmCount"


def test_an_encrypted_password_is_not_reported_as_plain_text(secure_password_plan: Plan) -> None:
    assert [w for w in secure_password_plan.warnings if "plain text" in w] == []


def test_an_encrypted_password_is_reported_as_encrypted(secure_password_plan: Plan) -> None:
    assert [n for n in secure_password_plan.notes if n.startswith(f"{RENAMED}:adminPassword is encrypted")]


# --- keys nothing reads, the FQDN ------------------------------------------------------------------


@pytest.fixture(scope="module")
def misspelt_text() -> Run:
    return run_cli("--config", "vmcount=3", "--config", "azure-native:locaton=northeurope")


def test_misspelt_keys_are_warned_of_at_the_top_of_the_plan(misspelt_text: Run) -> None:
    assert misspelt_text.stdout.split("\n\n")[1].splitlines() == [
        f"warning: {NS}:vmcount is not a key this stack reads, so it has no effect; did you mean {NS}:vmCount?",
        "warning: azure-native:locaton is not a setting of the azure-native provider, so it has no effect; "
        "did you mean azure-native:location?",
    ]


def test_misspelt_keys_are_not_warned_of_twice(misspelt_text: Run) -> None:
    assert misspelt_text.stdout.count("is not a key this stack reads") == 1


def test_the_fqdn_of_a_dns_label_is_known_only_after_deployment() -> None:
    plan = run_cli("--json", "--config", "dnsLabel=contoso-web").plan
    assert plan["outputs"]["fqdn"] == {
        "known_before_deployment": False,
        "secret": False,
        "value": None,
        "mock_value": "contoso-web.westeurope.cloudapp.azure.com",
    }


# --- the JSON document as an interface -------------------------------------------------------------


def test_json_states_its_format_version(dev_plan: dict[str, Any]) -> None:
    assert dev_plan["format_version"] == 1


def test_json_of_a_diff_states_its_format_version() -> None:
    assert run_cli("--json", "--diff", "--config", "vmCount=3").plan["format_version"] == 1


def test_json_gives_each_resources_inputs(dev_plan: dict[str, Any]) -> None:
    (lb,) = [r for r in dev_plan["resources"] if r["type"] == "azure-native:network:LoadBalancer"]
    assert (lb["inputs"]["sku"]["name"], lb["inputs"]["loadBalancerName"]) == ("Standard", "web-lb")


def test_json_blanks_secret_inputs(windows_json: Run) -> None:
    vms = [r for r in windows_json.plan["resources"] if r["type"] == "azure-native:compute:VirtualMachine"]
    assert vms and all(vm["inputs"]["osProfile"] == "[secret]" for vm in vms)


# --- the policy pack from the command line ----------------------------------------------------------

OPEN_SSH_PROGRAM = '''"""A 2016-style stack: SSH open to the Internet."""
import pulumi
from pulumi_azure_native import network, resources

group = resources.ResourceGroup("rg", location="westeurope")
network.NetworkSecurityGroup(
    "nsg",
    resource_group_name=group.name,
    security_rules=[
        network.SecurityRuleArgs(
            name="ssh", priority=100, direction="Inbound", access="Allow", protocol="Tcp",
            source_address_prefix="Internet", source_port_range="*", destination_address_prefix="*",
            destination_port_range="22",
        )
    ],
)
pulumi.export("group", group.name)
'''


def run_cli_in(project_dir: Path, *argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), stdout=out, stderr=err, project_dir=project_dir)
    return Run(status, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def dev_policy() -> Run:
    return run_cli("--json", "--policy")


@pytest.fixture(scope="module")
def password_policy_text() -> Run:
    return run_cli("--policy", "--config", "sshPublicKey=", "--config", f"adminPassword={STRONG_PASSWORD}")


@pytest.fixture(scope="module")
def open_ssh_policy(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("open-ssh")
    (root / "Pulumi.yaml").write_text("name: legacy\nruntime: python\n")
    (root / "Pulumi.dev.yaml").write_text("config: {}\n")
    (root / "__main__.py").write_text(OPEN_SSH_PROGRAM)
    return run_cli_in(root, "--policy")


def test_policy_pack_passes_the_dev_stack(dev_policy: Run) -> None:
    policy = dev_policy.plan["policy"]
    assert (dev_policy.status, policy["mandatory"], policy["advisory"], policy["undecided"]) == (0, [], [], [])


def test_policy_pack_runs_every_policy(dev_policy: Run) -> None:
    from policy.guardrails import POLICIES

    assert dev_policy.plan["policy"]["policies"] == len(POLICIES)


def test_policy_advice_is_listed_without_failing(password_policy_text: Run) -> None:
    rows = [line.split()[:3] for line in password_policy_text.stdout.splitlines() if "linux-ssh-key-present" in line]
    assert (password_policy_text.status, rows) == (
        0,
        [["advisory", "linux-ssh-key-present", "web-vm-1"], ["advisory", "linux-ssh-key-present", "web-vm-2"]],
    )


def test_a_mandatory_violation_fails_the_plan_with_one_line(open_ssh_policy: Run) -> None:
    assert (open_ssh_policy.status, open_ssh_policy.stderr) == (
        1,
        "error: the policy pack refuses this stack: 1 mandatory violation (admin-ports-not-open-to-internet)\n",
    )


def test_a_mandatory_violation_is_listed_in_the_plan(open_ssh_policy: Run) -> None:
    assert [line.split()[:3] for line in open_ssh_policy.stdout.splitlines() if "not-open-to-internet" in line] == [
        ["mandatory", "admin-ports-not-open-to-internet", "nsg"]
    ]


def test_without_policy_the_plan_runs_no_policy(dev_plan: dict[str, Any]) -> None:
    assert "policy" not in dev_plan


# --- the plan's extras, which the runtime requirements leave out --------------------------------------


@pytest.mark.parametrize(
    ("argv", "package"), [(["--policy"], "pulumi-policy"), (["--diagram", "dev.svg"], "diagrams")], ids=str
)
def test_an_option_whose_package_is_missing_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], package: str
) -> None:
    monkeypatch.setattr(cli, "installed", lambda module: False)
    monkeypatch.setattr(shutil, "which", lambda program: f"/usr/bin/{program}")  # Graphviz's dot is there
    run = run_cli(*argv)
    assert (run.status, run.stdout, run.stderr.count("\n"), f"package {package}," in run.stderr) == (1, "", 1, True)


def test_policy_does_not_combine_with_diff() -> None:
    run = run_cli("--diff", "--policy", "--config", "vmCount=3")
    assert (run.status, run.stderr) == (2, "error: --policy checks one plan; it does not combine with --diff\n")


# --- what the mocks cannot know, and keys that say secret ------------------------------------------

OUTSIDE_SUBNET_ID = (
    "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/net-rg/providers/Microsoft.Network"
    "/virtualNetworks/hub/subnets/app"
)


@pytest.fixture(scope="module")
def outside_subnet() -> Run:
    """The dev stack in a subnet of another subscription's resource group, its prefix not given."""
    return run_cli("--config", f"subnetId={OUTSIDE_SUBNET_ID}")


def test_a_subnet_the_mocks_cannot_know_is_not_refused(outside_subnet: Run) -> None:
    assert outside_subnet.status == 0, outside_subnet.stderr


def test_a_subnet_the_mocks_cannot_know_is_noted_as_not_checked_offline(outside_subnet: Run) -> None:
    assert f"not checked offline: subnet {OUTSIDE_SUBNET_ID} is outside this stack" in outside_subnet.stdout


@pytest.fixture(scope="module")
def misspelt_secrets() -> Run:
    return run_cli(
        "--json",
        "--config",
        "adminpassword=Misspelt-Key-Secret-1",
        "--config",
        "azure-native:clientSecret=Provider-Client-Secret-2",
    )


@pytest.mark.parametrize("value", ["Misspelt-Key-Secret-1", "Provider-Client-Secret-2"])
def test_values_of_keys_that_say_secret_are_never_printed(misspelt_secrets: Run, value: str) -> None:
    assert value not in misspelt_secrets.stdout + misspelt_secrets.stderr


def test_the_plan_refuses_vhd_disks_naming_the_key() -> None:
    assert run_cli("--config", "diskStorage=vhd").stderr.startswith(f"error: {NS}:diskStorage: 'vhd' is not allowed")


def test_an_error_quoting_a_long_value_quotes_part_of_it() -> None:
    assert len(run_cli("--config", f"vmSize=Standard_{'D' * 6000}").stderr) < 600


def test_version_names_the_package_version(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["azure-multi-vm-plan"])
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    expected = f"azure-multi-vm-plan (azure-multi-vm) {PACKAGE_VERSION}\n"
    assert (exited.value.code, capsys.readouterr().out) == (0, expected)


@pytest.mark.parametrize("kind", list(EXPLAINED))
def test_the_text_explains_in_one_line_each_resource_that_is_no_azure_resource_and_the_gates(
    dev_text: Run, kind: str
) -> None:
    assert f"\n  {kind.rsplit(':', 1)[-1]}: {EXPLAINED[kind]}\n" in dev_text.stdout


def test_the_critical_path_is_wrapped_after_its_arrows(dev_text: Run) -> None:
    start = dev_text.stdout.index("  Critical path: ")
    lines = dev_text.stdout[start : dev_text.stdout.index("  Estimated `pulumi up`")].splitlines()
    assert len(lines) > 1 and all(len(line) <= WRAP_AT and line.endswith(" ->") for line in lines[:-1])


def test_a_step_longer_than_a_line_stands_alone() -> None:
    assert wrapped("Path: ", ["a", "b" * 120, "c"], width=20) == f"Path: a ->\n      {'b' * 120} ->\n      c"


# The README's cost paragraph names what the dev stack is billed for; the dev stack's plan says the same.
COST_PARAGRAPH = (REPO_ROOT / "README.md").read_text().split("The dev stack is billed", 1)[1].split("\n\n", 1)[0]
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def test_the_readme_bills_the_dev_stacks_vms(dev_plan: dict[str, Any]) -> None:
    count, size = re.findall(r"(\w+) `(Standard_\w+)` Linux VMs", COST_PARAGRAPH)[0]
    assert [(vm["size"], vm["os"]) for vm in dev_plan["vms"]] == [(size, "linux")] * NUMBERS[count]


def test_the_readme_prices_the_load_balancer_by_the_rules_it_has(dev_plan: dict[str, Any]) -> None:
    # Load-balancing and outbound rules are billed, the first five at the base price; NAT rules are not.
    (claimed,) = re.findall(r"rules; it has (\w+),", COST_PARAGRAPH)
    (lb,) = dev_plan["load_balancers"]
    assert NUMBERS[claimed] == len(lb["rules"]) + len(lb["outbound_rules"]) <= 5


def test_the_readme_bills_one_standard_static_public_ip(dev_plan: dict[str, Any]) -> None:
    assert "a Standard static public IP" in COST_PARAGRAPH
    assert [(ip["sku"], ip["allocation"]) for ip in dev_plan["public_ips"]] == [("Standard", "Static")]
