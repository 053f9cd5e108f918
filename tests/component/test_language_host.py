"""What `pulumi up` shows when the input is bad: the program run as Pulumi's Python language host
runs it (`support/language_host.py`), in a process of its own, for the stack, the N-tier example
and a user's own program that uses the component. Each refusal is one line that names the key or
argument, the value and what is allowed, and no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from components.validation import validate
from offline.harness import REPO_ROOT, stack_config

from ..support.constants import LINUX, NS
from ..support.keys import ED25519

HOST = REPO_ROOT / "tests" / "support" / "language_host.py"
NTIER = "azure-multi-vm-ntier"
USER_PROJECT = "my-app"

# A user's own program: a resource group and the component, with the arguments the run puts in.
USER_PROGRAM = """\
import pulumi
from pulumi_azure_native import resources

from components import LoadBalancedVmSet

group = resources.ResourceGroup("app-rg")
web = LoadBalancedVmSet("web", {{"resource_group_name": group.name, {arguments}}})
pulumi.export("frontend_ip", web.frontend_ip_address)
"""
KEY = f'"ssh_public_key": "{ED25519}"'
# Arguments known only when another resource's output resolves: here, the group's name.
LATER = "group.name.apply(lambda _: {value!r})"

USER_ARGUMENTS = {
    "user-vm-count": f'{KEY}, "vm_count": 1',
    "user-subnet-output": f'{KEY}, "subnet_id": {LATER.format(value="not-an-id")}, '
    '"subnet_address_prefix": "10.0.1.0/24"',
    "user-password-output": f'"os_type": "windows", "admin_password": {LATER.format(value="Sh0rt!")}',
}
# A program error that is no refusal: the host's other branch.
UNHANDLED = USER_PROGRAM.format(arguments=KEY) + "raise KeyError('no such setting')\n"


@pytest.fixture(scope="module")
def host_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every run below, in one process: the exit status and the diagnostics the CLI would show."""
    folder = tmp_path_factory.mktemp("language-host")
    dev = stack_config("dev")
    runs: dict[str, dict[str, Any]] = {
        "stack-dev": {"program": str(REPO_ROOT), "project": NS, "config": dev},
        "stack-vm-count": {"program": str(REPO_ROOT), "project": NS, "config": {**dev, f"{NS}:vmCount": "abc"}},
        "stack-lb-rules": {"program": str(REPO_ROOT), "project": NS, "config": {**dev, f"{NS}:lbRules": "[{"}},
        "ntier-web-vm-count": {
            "program": str(REPO_ROOT / "examples" / "ntier"),
            "project": NTIER,
            "config": {f"{NTIER}:sshPublicKey": ED25519, f"{NTIER}:webVmCount": "abc"},
        },
    }
    for name, arguments in USER_ARGUMENTS.items():
        program = folder / name
        program.mkdir()
        (program / "__main__.py").write_text(USER_PROGRAM.format(arguments=arguments))
        runs[name] = {"program": str(program), "project": USER_PROJECT, "config": {}}
    (folder / "user-unhandled").mkdir()
    (folder / "user-unhandled" / "__main__.py").write_text(UNHANDLED)
    runs["user-unhandled"] = {"program": str(folder / "user-unhandled"), "project": USER_PROJECT, "config": {}}
    (folder / "runs.json").write_text(json.dumps(list(runs.values())))
    done = subprocess.run(
        [sys.executable, str(HOST), str(folder / "runs.json")], capture_output=True, text=True, check=True, timeout=300
    )
    return dict(zip(runs, json.loads(done.stdout), strict=True))


def the_one_error(run: dict[str, Any]) -> str:
    assert run["exit_code"] == 1 and len(run["errors"]) == 1, run
    message: str = run["errors"][0]
    return message


def test_the_dev_stack_runs_to_the_end(host_runs: dict[str, dict[str, Any]]) -> None:
    assert (host_runs["stack-dev"]["exit_code"], host_runs["stack-dev"]["errors"]) == (0, [])


def test_an_exception_that_is_no_refusal_shows_its_traceback(host_runs: dict[str, dict[str, Any]]) -> None:
    # The host's other branch, so the one-line messages below are the host's doing, not the harness's.
    run = host_runs["user-unhandled"]
    assert run["exit_code"] == 32 and run["errors"][0].startswith("Program failed with an unhandled exception:\n")


@pytest.mark.parametrize(
    ("run", "message"),
    [
        ("stack-vm-count", f"{NS}:vmCount: 'abc' is not allowed; a whole number from 2 to 200"),
        ("user-vm-count", "vm_count: 1 is not allowed; a whole number from 2 to 200"),
    ],
)
def test_a_refusal_is_its_message_alone(host_runs: dict[str, dict[str, Any]], run: str, message: str) -> None:
    assert the_one_error(host_runs[run]) == message


@pytest.mark.parametrize(
    ("run", "named"),
    [
        ("stack-lb-rules", (f"{NS}:lbRules", "'[{'", "valid JSON")),
        ("user-subnet-output", ("subnet_id", "'not-an-id'", "an ARM resource ID")),
        ("user-password-output", ("admin_password", "[secret]", "12-123 characters")),
        ("ntier-web-vm-count", (f"'{NTIER}:webVmCount'", "'abc'", "'int'")),
    ],
)
def test_a_refusal_is_one_line_naming_key_value_and_what_is_allowed(
    host_runs: dict[str, dict[str, Any]], run: str, named: tuple[str, ...]
) -> None:
    message = the_one_error(host_runs[run])
    assert "\n" not in message and all(part in message for part in named), message


def test_a_password_that_resolves_bad_is_not_shown(host_runs: dict[str, dict[str, Any]]) -> None:
    assert "Sh0rt!" not in json.dumps(host_runs["user-password-output"])


def test_a_refusal_is_still_caught_as_a_value_error() -> None:
    with pytest.raises(ValueError, match="vm_count: 1 is not allowed"):
        validate("web", {**LINUX, "vm_count": 1})
