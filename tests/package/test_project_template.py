"""`pulumi new <repository URL>`: the template section of Pulumi.yaml prompts only for keys the
stack reads, each with a description and a default, and its defaults make a valid stack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from stack.config import CONFIG_KEYS, read_stack_settings

from ..support.checks import each

ROOT = Path(__file__).resolve().parents[2]
# Keys of other namespaces the stack relies on: the resource group's location falls back to the
# Azure Native provider's region (see __main__.py).
PROVIDER_KEYS = {"azure-native:location"}


@pytest.fixture(scope="module")
def prompts() -> dict[str, dict[str, Any]]:
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    config: dict[str, dict[str, Any]] = project["template"]["config"]
    return config


def test_the_template_is_described() -> None:
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    assert len(project["template"]["description"]) > 20


def test_every_prompted_key_is_read_by_the_stack(prompts: dict[str, dict[str, Any]]) -> None:
    assert [key for key in prompts if key not in CONFIG_KEYS and key not in PROVIDER_KEYS] == []


def test_the_keys_a_new_stack_needs_are_prompted(prompts: dict[str, dict[str, Any]]) -> None:
    assert set(prompts) == {"azure-native:location", "vmCount", "sshPublicKey", "adminSourcePrefixes"}


def test_every_prompt_has_a_description_and_a_default(prompts: dict[str, dict[str, Any]]) -> None:
    incomplete = [key for key, p in prompts.items() if len(p.get("description", "")) < 10 or "default" not in p]
    assert incomplete == []


def test_defaults_are_text_as_the_cli_stores_them(prompts: dict[str, dict[str, Any]]) -> None:
    assert all(isinstance(prompt["default"], str) for prompt in each(prompts.values()))


def test_the_defaults_make_a_valid_stack(prompts: dict[str, dict[str, Any]]) -> None:
    defaults = {key: prompt["default"] for key, prompt in prompts.items() if key not in PROVIDER_KEYS}
    settings = read_stack_settings(defaults.get)
    assert (settings.spec.compute.vm_count, settings.spec.sources.admin_source_prefixes) == (2, ())
