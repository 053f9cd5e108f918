"""A throwaway live stack: created from the dev stack's config (with overrides), deployed with the
policy pack, and always destroyed and removed afterwards, even when a step fails, reporting what it
cleaned up. Each live test module deploys one (tests/live/test_live_deploy.py, test_live_scale_set.py).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from offline.harness import stack_config

from .support import caller_public_ip, copy_project, op_count, python_runtime_options, unique_stack_name

NS = "azure-multi-vm"
# Overridable, e.g. for a region with quota: AZURE_LIVE_LOCATION, AZURE_LIVE_VM_SIZE.
LOCATION = os.environ.get("AZURE_LIVE_LOCATION")
VM_SIZE = os.environ.get("AZURE_LIVE_VM_SIZE")


@dataclass
class LiveStack:
    stack: auto.Stack
    policy_pack: Path
    report: Callable[[str], None]
    outputs: dict[str, Any] = field(default_factory=dict)

    def refresh_outputs(self) -> dict[str, Any]:
        self.outputs = {key: value.value for key, value in self.stack.outputs().items()}
        return self.outputs

    @property
    def url(self) -> str:
        return str(self.outputs["url"])

    def resources(self) -> list[dict[str, Any]]:
        return list((self.stack.export_stack().deployment or {}).get("resources", []))

    def set_vm_count(self, count: int) -> None:
        self.stack.set_config(f"{NS}:vmCount", auto.ConfigValue(str(count)))


def reporter(request: pytest.FixtureRequest) -> Callable[[str], None]:
    terminal = request.config.pluginmanager.get_plugin("terminalreporter")

    def report(line: str) -> None:
        if terminal is not None:
            terminal.write_line(f"[live] {line}")
        else:
            print(f"[live] {line}", file=sys.stderr)

    return report


def deployed_stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, overrides: Mapping[str, str] = {}
) -> Iterator[LiveStack]:
    """The body of a module-scoped fixture: a new stack with the dev config, `overrides` (full keys, as
    `pulumi config` stores them) and SSH open to this machine's address, `pulumi up` with the policy pack
    (a mandatory violation stops it), then, whatever happened, destroyed and removed."""
    report = reporter(request)
    work = tmp_path_factory.mktemp("azure-live")
    project, pack = copy_project(work, python_runtime_options(sys.prefix, sys.base_prefix))
    state = work / "state"
    state.mkdir()
    name = unique_stack_name(time.time(), secrets.token_hex(3))
    admin_source = f"{caller_public_ip()}/32"
    env = {"PULUMI_BACKEND_URL": state.as_uri(), "PULUMI_CONFIG_PASSPHRASE": secrets.token_urlsafe(24)}
    stack = auto.create_stack(
        name,
        work_dir=str(project),
        opts=auto.LocalWorkspaceOptions(env_vars=env, secrets_provider="passphrase"),
    )
    config = {key: auto.ConfigValue(value) for key, value in stack_config("dev").items()}
    config[f"{NS}:adminSourcePrefixes"] = auto.ConfigValue(json.dumps([admin_source]))
    if LOCATION:
        config["azure-native:location"] = auto.ConfigValue(LOCATION)
    if VM_SIZE:
        config[f"{NS}:vmSize"] = auto.ConfigValue(VM_SIZE)
    config.update({key: auto.ConfigValue(value) for key, value in overrides.items()})
    stack.set_all_config(config)
    live = LiveStack(stack, pack, report)
    report(f"stack {name} (state in {state}), admin source {admin_source}")
    try:
        started = time.monotonic()
        stack.up(policy_packs=[str(pack)], on_output=print, color="never")
        live.refresh_outputs()
        report(f"up in {time.monotonic() - started:.0f} s: {live.url}")
        yield live
    finally:
        _clean_up(live, name, state)


def _clean_up(live: LiveStack, name: str, state: Path) -> None:
    """Destroy and remove the stack; on failure, delete its resource group as a last resort."""
    report, stack = live.report, live.stack
    try:
        urns = [str(r["urn"]) for r in live.resources() if r.get("type") != "pulumi:pulumi:Stack"]
    except auto.errors.CommandError:
        urns = []
    try:
        result = stack.destroy(on_output=print, color="never")
    except auto.errors.CommandError as error:
        group = live.outputs.get("resource_group_name") or f"{NS}-{name}"
        report(f"destroy of {name} FAILED ({error}); state kept in {state}")
        if shutil.which("az"):
            subprocess.run(["az", "group", "delete", "--name", str(group), "--yes", "--no-wait"], check=False)
            report(f"asked Azure to delete resource group {group} (unique to this run); check the portal")
        else:
            report(f"delete resource group {group} by hand to stop charges")
        raise
    report(f"destroyed {op_count(result.summary.resource_changes, 'delete')} resources of stack {name}:")
    for urn in urns:
        report(f"  - {urn.split('::', 2)[-1]}")
    stack.workspace.remove_stack(name)
    report(f"removed stack {name}")
