"""The policy pack as the Pulumi CLI runs it: `python -m pulumi.policy <engine> policy`, then gRPC.

No CLI is needed: the test starts the pack the way the CLI's `pulumi-analyzer-policy-python`
does and asks it what the CLI asks (its policies, then an analysis), on 127.0.0.1 only.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from offline.harness import REPO_ROOT, Deployment

MANDATORY = analyzer_pb2.EnforcementLevel.Value("MANDATORY")
ADVISORY = analyzer_pb2.EnforcementLevel.Value("ADVISORY")


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Any]:
    # The engine address is unused until the pack logs; the pack prints its own port first.
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "pulumi.policy", "127.0.0.1:1", str(REPO_ROOT / "policy")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT / "policy",
    )
    try:
        assert server.stdout is not None
        port = server.stdout.readline().decode().strip()
        assert port.isdigit(), f"the pack did not start: {server.stderr.read().decode() if server.stderr else ''}"
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield analyzer_pb2_grpc.AnalyzerStub(channel)
    finally:
        server.kill()
        server.wait()


def struct(values: dict[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(values)
    return message


def test_pack_serves_its_name_and_every_policy(analyzer: Any) -> None:
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())
    assert (info.name, len(info.policies)) == ("azure-multi-vm-guardrails", 19)


def test_pack_serves_the_advisory_policies_as_advisory(analyzer: Any) -> None:
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())
    advisory = {p.name for p in info.policies if p.enforcementLevel == ADVISORY}
    assert advisory == {"linux-ssh-key-present", "no-unmanaged-disks", "vm-trusted-launch"}


def test_pack_blocks_a_basic_public_ip(analyzer: Any) -> None:
    request = analyzer_pb2.AnalyzeRequest(
        type="azure-native:network:PublicIPAddress",
        properties=struct({"sku": {"name": "Basic"}}),
        urn="urn:pulumi:dev::p::azure-native:network:PublicIPAddress::pip",
        name="pip",
    )
    diagnostics = analyzer.Analyze(request).diagnostics
    assert [(d.policyName, d.enforcementLevel) for d in diagnostics] == [("public-ip-standard-sku", MANDATORY)]


def test_pack_finds_nothing_in_the_dev_stack_resources(analyzer: Any, dev_stack: Deployment) -> None:
    diagnostics = [
        d
        for r in dev_stack.registered
        for d in analyzer.Analyze(
            analyzer_pb2.AnalyzeRequest(type=r.type, properties=struct(r.inputs), urn=r.urn, name=r.name)
        ).diagnostics
    ]
    assert diagnostics == []


def test_pack_finds_nothing_in_the_dev_stack_as_a_whole(analyzer: Any, dev_stack: Deployment) -> None:
    resources = [
        analyzer_pb2.AnalyzerResource(
            type=r.type,
            properties=struct(r.state),
            urn=r.urn,
            name=r.name,
            parent=r.parent_urn,
            dependencies=list(r.dependencies),
            propertyDependencies={
                key: analyzer_pb2.AnalyzerPropertyDependencies(urns=list(urns))
                for key, urns in r.property_dependencies.items()
            },
        )
        for r in dev_stack.registered
    ]
    assert list(analyzer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=resources)).diagnostics) == []
