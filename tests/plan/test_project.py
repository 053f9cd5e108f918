"""`python -m plan --project DIR`: the plan of any Pulumi Python project, here examples/ntier and
small projects made for one property each; how the project, its config and its program are found.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import pytest

import plan.__main__ as cli
from offline.harness import REPO_ROOT, ProjectError, evaluate_stack, stack_config
from plan.run import ConfigError, find_project, load_stack_config

from .test_cli import Run, run_cli

NTIER = REPO_ROOT / "examples" / "ntier"
ONE_GROUP = """\
import pulumi
from pulumi_azure_native import resources

group = resources.ResourceGroup("rg")
pulumi.export("location", group.location)
"""


def project(folder: Path, pulumi_yaml: str = "name: demo\nruntime: python\n", program: str = ONE_GROUP) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Pulumi.yaml").write_text(pulumi_yaml)
    (folder / "__main__.py").write_text(program)
    return folder


def one_line(run: Run) -> bool:
    return run.status == 1 and run.stdout == "" and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def ntier_plan() -> dict[str, Any]:
    run = run_cli("--project", str(NTIER), "--json")
    assert run.status == 0, run.stderr
    return run.plan


@pytest.fixture(scope="module")
def ntier_diff() -> Run:
    return run_cli("--project", str(NTIER), "--diff", "--json", "--config", "webVmCount=3")


# --- another project's plan and diff ----------------------------------------------------------------


def test_the_plan_is_of_the_given_projects_stack(ntier_plan: dict[str, Any]) -> None:
    stack = "azure-multi-vm-ntier-dev"
    assert ntier_plan["stack_urn"] == f"urn:pulumi:dev::azure-multi-vm-ntier::pulumi:pulumi:Stack::{stack}"


def test_the_plan_shows_every_tier_of_the_project(ntier_plan: dict[str, Any]) -> None:
    tiers = [r["name"] for r in ntier_plan["resources"] if r["type"] == "azure-multi-vm:index:LoadBalancedVmSet"]
    assert sorted(tiers) == ["business", "web"]


def test_the_plan_shows_each_load_balancer_of_the_project(ntier_plan: dict[str, Any]) -> None:
    assert sorted(lb["name"] for lb in ntier_plan["load_balancers"]) == ["business-lb", "web-lb"]


def test_the_plan_reads_the_projects_own_stack_file(ntier_plan: dict[str, Any]) -> None:
    assert ntier_plan["config"]["azure-multi-vm-ntier:businessVmCount"] == "2"


def test_the_diff_of_another_project_creates_only_the_new_vm(ntier_diff: Run) -> None:
    steps = [(s["op"], s["name"]) for s in ntier_diff.plan["steps"]]
    assert sorted(steps) == [("create", "web-batch-2-ready")] + [
        ("create", f"web-vm-3{suffix}") for suffix in ("", "-credentials", "-nic", "-readiness")
    ]


def test_the_diff_override_is_in_the_projects_namespace(ntier_diff: Run) -> None:
    assert ntier_diff.plan["change"] == {"azure-multi-vm-ntier:webVmCount": "3"}


@pytest.mark.parametrize("diff", [False, True], ids=["plan", "diff"])
def test_config_that_pulumi_itself_cannot_read_is_its_one_line_message(diff: bool) -> None:
    # The example reads webVmCount with `Config.get_int`: Pulumi's ConfigTypeError, a RunError.
    run = run_cli("--project", str(NTIER), *(["--diff"] if diff else []), "--config", "webVmCount=abc")
    message = "Configuration 'azure-multi-vm-ntier:webVmCount' value 'abc' is not a valid 'int'"
    assert one_line(run) and run.stderr == f"error: {message}\n"


# --- finding the project ------------------------------------------------------------------------------


def test_the_project_is_the_nearest_folder_upwards_with_a_pulumi_yaml(tmp_path: Path) -> None:
    root = project(tmp_path / "app")
    (root / "infra" / "network").mkdir(parents=True)
    assert find_project(root / "infra" / "network") == root


def test_without_project_the_plan_refuses_a_folder_outside_any_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # /tmp/... has no Pulumi.yaml above it
    run = run_cli(project=None)
    assert one_line(run) and "--project DIR" in run.stderr


def test_without_project_the_plan_runs_the_project_the_current_folder_is_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path / "app")
    (root / "infra").mkdir()
    monkeypatch.chdir(root / "infra")
    run = run_cli("--diff", "--json", "--config", "size=2", project=None)  # keys take the project's name
    assert run.status == 0 and run.plan["change"] == {"demo:size": "2"}


def test_a_project_folder_without_pulumi_yaml_is_refused_naming_the_option(tmp_path: Path) -> None:
    run = run_cli("--project", str(tmp_path))
    assert one_line(run) and run.stderr.startswith(f"error: --project {tmp_path}: no Pulumi.yaml")


def test_a_project_of_another_runtime_is_refused(tmp_path: Path) -> None:
    run = run_cli("--project", str(project(tmp_path, "name: web\nruntime: nodejs\n")))
    assert one_line(run) and "runtime 'nodejs'" in run.stderr


def test_a_project_file_that_is_not_yaml_is_refused_with_its_line(tmp_path: Path) -> None:
    run = run_cli("--project", str(project(tmp_path, "name: demo\nruntime: [python\n")))
    assert one_line(run) and "Pulumi.yaml: not valid YAML at line 3" in run.stderr


def test_a_stack_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "Pulumi.dev.yaml").write_text("config:\n  demo:vmCount: '3\n")
    run = run_cli("--project", str(root))
    assert one_line(run) and "Pulumi.dev.yaml: not valid YAML" in run.stderr


def test_a_project_without_its_program_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "__main__.py").unlink()
    run = run_cli("--project", str(root))
    assert one_line(run) and "__main__.py" in run.stderr


# --- the config: Pulumi.yaml, then the stack file, then --config -----------------------------------------


def test_project_config_applies_to_a_stack_in_the_projects_namespace(tmp_path: Path) -> None:
    root = project(tmp_path, "name: demo\nruntime: python\nconfig:\n  vmCount: 3\n")
    assert load_stack_config("dev", project_dir=root).values["demo:vmCount"] == "3"


def test_project_config_keeps_other_namespaces(tmp_path: Path) -> None:
    root = project(tmp_path, "name: demo\nruntime: python\nconfig:\n  azure-native:location: northeurope\n")
    assert load_stack_config("dev", project_dir=root).values["azure-native:location"] == "northeurope"


def test_project_config_takes_a_keys_value_or_default(tmp_path: Path) -> None:
    yaml_text = (
        "name: demo\nruntime: python\nconfig:\n"
        "  a:\n    value: [1, 2]\n  b:\n    type: string\n    default: bee\n  c:\n    type: string\n"
    )
    values = load_stack_config("dev", project_dir=project(tmp_path, yaml_text)).values
    assert (values["demo:a"], values["demo:b"], "demo:c" in values) == ("[1, 2]", "bee", False)


def test_the_stack_file_overrides_project_config(tmp_path: Path) -> None:
    root = project(tmp_path, "name: demo\nruntime: python\nconfig:\n  vmCount: 3\n")
    (root / "Pulumi.dev.yaml").write_text("config:\n  demo:vmCount: '4'\n")
    assert load_stack_config("dev", project_dir=root).values["demo:vmCount"] == "4"


def test_config_options_override_the_stack_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "Pulumi.dev.yaml").write_text("config:\n  demo:vmCount: '4'\n")
    assert load_stack_config("dev", ["vmCount=5"], project_dir=root).values["demo:vmCount"] == "5"


def test_stack_files_are_read_from_the_projects_stack_config_dir(tmp_path: Path) -> None:
    root = project(tmp_path, "name: demo\nruntime: python\nstackConfigDir: stacks\n")
    (root / "stacks").mkdir()
    (root / "stacks" / "Pulumi.prod.yaml").write_text("config:\n  demo:vmCount: '6'\n")
    assert load_stack_config("prod", project_dir=root).values["demo:vmCount"] == "6"


def test_a_stack_without_a_file_in_a_project_without_stack_files_says_so(tmp_path: Path) -> None:
    config = load_stack_config("dev", project_dir=project(tmp_path))
    assert config.values == {} and config.notes[0].startswith("No Pulumi.dev.yaml in")


def test_a_missing_stack_file_beside_other_stacks_is_refused_naming_them(tmp_path: Path) -> None:
    root = project(tmp_path)
    for stack in ("prod", "dev"):
        (root / f"Pulumi.{stack}.yaml").write_text("config: {}\n")
    with pytest.raises(ConfigError, match=r"no stack file Pulumi\.prdo\.yaml .*its stacks: dev, prod"):
        load_stack_config("prdo", project_dir=root)


def test_a_config_block_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, "name: demo\nruntime: python\nconfig: stacks/\n")
    with pytest.raises(ProjectError, match="stackConfigDir"):
        load_stack_config("dev", project_dir=root)


# --- the program: run as Pulumi's language host runs it --------------------------------------------------

# A module of the project's own, and a file beside it. A module is imported once per process (as
# any import): each test's project names its module differently.
LOCAL_MODULE_AND_FILE = """\
import pulumi
import {module} as naming
from pathlib import Path

pulumi.export("name", naming.PREFIX + Path("suffix.txt").read_text().strip())
"""


def test_the_program_imports_its_own_modules_and_reads_its_own_files(tmp_path: Path) -> None:
    root = project(tmp_path / "app", program=LOCAL_MODULE_AND_FILE.format(module="web_naming"))
    (root / "web_naming.py").write_text("PREFIX = 'web-'\n")
    (root / "suffix.txt").write_text("prod\n")
    deployment = evaluate_stack(stack_config("dev", project_dir=root), project_dir=root)
    assert deployment.outputs["name"] == "web-prod"


def test_the_working_directory_is_given_back_after_the_program(tmp_path: Path) -> None:
    before = os.getcwd()
    root = project(tmp_path / "app")
    evaluate_stack(stack_config("dev", project_dir=root), project_dir=root)
    assert os.getcwd() == before


def test_main_names_the_programs_folder(tmp_path: Path) -> None:
    root = project(tmp_path / "app", "name: demo\nruntime: python\nmain: infra/\n", program="")
    (root / "__main__.py").unlink()
    (root / "infra").mkdir()
    (root / "infra" / "__main__.py").write_text(LOCAL_MODULE_AND_FILE.format(module="app_naming"))
    (root / "infra" / "app_naming.py").write_text("PREFIX = 'app-'\n")
    (root / "infra" / "suffix.txt").write_text("dev\n")
    deployment = evaluate_stack(stack_config("dev", project_dir=root), project_dir=root)
    assert deployment.outputs["name"] == "app-dev"


def test_a_resource_group_naming_no_location_gets_the_providers(tmp_path: Path) -> None:
    root = project(tmp_path / "app", "name: demo\nruntime: python\nconfig:\n  azure-native:location: northeurope\n")
    deployment = evaluate_stack(stack_config("dev", project_dir=root), project_dir=root)
    assert deployment.outputs["location"] == "northeurope"


UNMODELLED_TYPE = """\
from pulumi_azure_native import resources, web

group = resources.ResourceGroup("rg", location="westeurope")
web.AppServicePlan("plan", resource_group_name=group.name, sku=web.SkuDescriptionArgs(name="B1"))
"""


def test_a_resource_type_the_mocks_do_not_model_stops_the_plan_with_one_line(tmp_path: Path) -> None:
    run = run_cli("--project", str(project(tmp_path, program=UNMODELLED_TYPE)))
    assert one_line(run) and "azure-native:web:AppServicePlan" in run.stderr


# --- the command ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "module", "extra"),
    [("--diagram=dev.svg", "diagrams", "diagram"), ("--policy", "pulumi_policy", "policy")],
    ids=["diagram", "policy"],
)
def test_an_option_without_its_package_is_refused_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str, module: str, extra: str
) -> None:
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == module else find_spec(name))
    monkeypatch.chdir(tmp_path)
    run = run_cli("--project", str(REPO_ROOT), option)
    assert one_line(run) and f'"azure-multi-vm[{extra}] @ git+<repository URL>@<commit>"' in run.stderr


@pytest.mark.parametrize(
    ("argv0", "name"),
    [("/venv/bin/azure-multi-vm-plan", "azure-multi-vm-plan"), ("/repo/plan/__main__.py", "python -m plan")],
)
def test_the_usage_names_the_command_as_it_was_called(monkeypatch: pytest.MonkeyPatch, argv0: str, name: str) -> None:
    monkeypatch.setattr("sys.argv", [argv0])
    assert cli.parser().format_usage().startswith(f"usage: {name} ")
