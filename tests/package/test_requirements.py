"""The pinned requirements: `requirements.txt` holds what `pulumi up` needs to run the program
(the Pulumi CLI and `pulumi new` install it); `requirements-dev.txt` adds the offline plan's
extras and the development tools at the same versions."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEVELOPMENT_ONLY = {
    "pytest",
    "hypothesis",
    "ruff",
    "mypy",
    "diagrams",
    "pulumi-policy",
    "pre-commit",
    "virtualenv",
    "nodeenv",
}


def pins(name: str) -> dict[str, str]:
    """Package -> pinned version, from a pip-compile output file."""
    found = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", (ROOT / name).read_text(), flags=re.MULTILINE)
    return {package.lower(): version for package, version in found}


def test_the_runtime_requirements_hold_the_program_and_its_provider() -> None:
    assert {"pulumi", "pulumi-azure-native"} <= set(pins("requirements.txt"))


def test_the_runtime_requirements_hold_no_development_tool() -> None:
    assert set(pins("requirements.txt")) & DEVELOPMENT_ONLY == set()


def test_the_development_requirements_pin_the_runtime_at_the_same_versions() -> None:
    runtime, development = pins("requirements.txt"), pins("requirements-dev.txt")
    assert {package: development.get(package) for package in runtime} == runtime


def test_the_development_requirements_hold_the_tools() -> None:
    assert {"pytest", "hypothesis", "ruff", "mypy", "diagrams", "pulumi-policy"} <= set(pins("requirements-dev.txt"))


def test_the_policy_pack_pins_the_development_versions() -> None:
    policy, development = pins("policy/requirements.txt"), pins("requirements-dev.txt")
    assert {package: development.get(package) for package in policy} == policy
