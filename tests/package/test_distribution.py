"""The `azure-multi-vm` distribution's metadata (pyproject.toml): one version, the component
package's; a changelog entry and an install line for it; the plan as a command; the ranges CI
tests. What the built wheel holds is checked on the wheel itself (.ci/package-check)."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import plan.__main__ as cli
from offline.harness import REPO_ROOT
from provider.package import PACKAGE_VERSION

from ..support.snippets import GIT_REQUIREMENT, install_requirement


@pytest.fixture(scope="module")
def pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())


def test_the_package_version_is_read_from_package_version(pyproject: dict[str, Any]) -> None:
    source = pyproject["tool"]["hatch"]["version"]
    found = re.search(source["pattern"], (REPO_ROOT / source["path"]).read_text())
    assert "version" in pyproject["project"]["dynamic"] and found and found["version"] == PACKAGE_VERSION


def test_the_latest_changelog_release_is_the_package_version() -> None:
    releases = re.findall(r"^## \[([^\]]+)\]", (REPO_ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert releases[:2] == ["Unreleased", PACKAGE_VERSION]


PAGES = [REPO_ROOT / "README.md", REPO_ROOT / "CHANGELOG.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_git_install_has_the_form_package_check_runs(page: Path) -> None:
    # .ci/package-check runs the README's line with the checkout's file:// URL and HEAD.
    text = page.read_text()
    other_git_urls = re.findall(r"git\+(?!<repository URL>|file://)\S*", text)
    assert (text.count("git+<repository URL>"), other_git_urls) == (len(re.findall(GIT_REQUIREMENT, text)), [])


def test_the_readme_install_line_is_the_one_package_check_runs() -> None:
    requirement = install_requirement((REPO_ROOT / "README.md").read_text(), "file:///repo", "0123abc")
    assert requirement == "azure-multi-vm @ git+file:///repo@0123abc"


def test_the_plan_command_is_python_m_plan(pyproject: dict[str, Any]) -> None:
    module, _, function = pyproject["project"]["scripts"]["azure-multi-vm-plan"].partition(":")
    assert getattr(importlib.import_module(module), function) is cli.command


def test_the_package_depends_on_the_runtime_ranges_ci_tests(pyproject: dict[str, Any]) -> None:
    tested = {
        line.split(">=", 1)[0]: line
        for line in (REPO_ROOT / "requirements.in").read_text().splitlines()
        if line.startswith(("pulumi>=", "pulumi-azure-native>="))
    }
    declared = [d for d in pyproject["project"]["dependencies"] if d.split(">=", 1)[0] in tested]
    assert sorted(declared) == sorted(tested.values())


def test_the_package_needs_the_python_the_code_is_written_for(pyproject: dict[str, Any]) -> None:
    assert pyproject["project"]["requires-python"] == ">=" + pyproject["tool"]["mypy"]["python_version"]


@pytest.mark.parametrize(("extra", "package"), [("diagram", "diagrams"), ("policy", "pulumi-policy")])
def test_an_extra_is_the_range_ci_tests(pyproject: dict[str, Any], extra: str, package: str) -> None:
    tested = [line for line in (REPO_ROOT / "requirements-dev.in").read_text().splitlines() if line.startswith(package)]
    assert pyproject["project"]["optional-dependencies"][extra] == tested
