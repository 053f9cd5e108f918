"""The README's component example, run as written under the Azure mocks."""

from __future__ import annotations

import re
from typing import Any

import pulumi
import pytest

from offline.harness import REPO_ROOT, Deployment, evaluate

from ..support.constants import NS
from ..support.deployments import lb_inputs
from ..support.keys import ED25519

SECTION = "## Use the component in your own stack"


def readme_example() -> str:
    """The first Python block of the README's section on using the component."""
    text = (REPO_ROOT / "README.md").read_text()
    section = text[text.index(SECTION) :]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None, f"no Python block under {SECTION!r}"
    return match.group(1)


@pytest.fixture(scope="module")
def example() -> Deployment:
    def program() -> dict[str, Any]:
        exports: dict[str, Any] = {}
        original = pulumi.export
        pulumi.export = exports.__setitem__  # type: ignore[assignment]
        try:
            exec(compile(readme_example(), "README.md", "exec"), {"__name__": "__main__"})
        finally:
            pulumi.export = original
        return exports

    return evaluate(program, config={f"{NS}:sshPublicKey": ED25519})


def test_the_readme_example_builds_its_vms(example: Deployment) -> None:
    assert len(example.of_type("VirtualMachine")) == 3


def test_the_readme_example_probes_a_port_its_rules_balance(example: Deployment) -> None:
    lb = lb_inputs(example)
    assert {p["port"] for p in lb["probes"]} <= {r["backendPort"] for r in lb["loadBalancingRules"]}


def test_the_readme_example_probes_what_the_default_web_server_serves(example: Deployment) -> None:
    # Without custom_data the VMs run nginx on port 80, answering 200 on "/" (decisions/cloud_init.py).
    assert "customData" in example.of_type("VirtualMachine")[0].inputs["osProfile"]
    [probe] = lb_inputs(example)["probes"]
    assert (probe["protocol"], probe["port"], probe["requestPath"]) == ("Http", 80, "/")


def test_the_readme_example_exports_the_web_url(example: Deployment) -> None:
    assert example.outputs["web_url"] == "http://contoso-web.westeurope.cloudapp.azure.com/"
