"""A new project built from the docs, as a reader builds it: the README's snippet as `__main__.py`,
docs/plan.md's `Pulumi.yaml` and docs/testing.md's test example. The plan runs it from
`Pulumi.yaml` alone, and the example's tests pass. (CI does the same from the built wheel, in
a fresh environment outside the checkout: .ci/package-check.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from offline.harness import REPO_ROOT

from ..plan.test_cli import Run, run_cli
from ..support.snippets import write_user_project


@pytest.fixture(scope="module")
def user_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_user_project(tmp_path_factory.mktemp("my-app"), REPO_ROOT)


@pytest.fixture(scope="module")
def user_plan(user_project: Path) -> Run:
    return run_cli("--project", str(user_project), "--json")


@pytest.fixture(scope="module")
def example_tests(user_project: Path) -> subprocess.CompletedProcess[str]:
    """docs/testing.md's example, run by pytest in a process of its own against this checkout."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=user_project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )


def types(plan: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r["type"].rsplit(":", 1)[-1], r["name"]) for r in plan["resources"]]


def test_the_readme_snippet_plans_from_a_pulumi_yaml_alone(user_plan: Run) -> None:
    assert user_plan.status == 0, user_plan.stderr


def test_the_plan_shows_the_snippets_three_vms(user_plan: Run) -> None:
    vms = [name for kind, name in types(user_plan.plan) if kind == "VirtualMachine"]
    assert vms == ["web-vm-1", "web-vm-2", "web-vm-3"]


def test_the_config_of_pulumi_yaml_reaches_the_program(user_plan: Run) -> None:
    assert user_plan.plan["config"]["my-app:sshPublicKey"].startswith("ssh-ed25519 ")


def test_the_plan_notes_that_the_stack_has_no_file_of_its_own(user_plan: Run) -> None:
    assert any(note.startswith("No Pulumi.dev.yaml in") for note in user_plan.plan["notes"])


def test_the_testing_example_passes_against_the_checkout(example_tests: subprocess.CompletedProcess[str]) -> None:
    assert example_tests.returncode == 0 and "4 passed" in example_tests.stdout, example_tests.stdout
