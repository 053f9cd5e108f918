"""A stand-in for the Pulumi engine that a provider plugin talks to, served over gRPC on 127.0.0.1.

When a TypeScript, Go, C#, Java or YAML stack creates a `LoadBalancedVmSet`, the engine starts
the component package's plugin with the engine's address, reads the port it prints, and sends
it a `Construct` naming the engine's resource monitor. The plugin then registers the component
and its children with that monitor. Here the monitor is `offline.recording.RecordingMonitor` over
the ARM-shaped `AzureMocks`, so the plugin gets the answers Azure would give, and the test reads
what was registered.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime import rpc
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc, resource_pb2, resource_pb2_grpc

from offline.azure_mocks import AzureMocks
from offline.recording import STACK_TYPE, RecordingMonitor

LOCALHOST = "127.0.0.1"


class ConsumerMonitor(RecordingMonitor):
    """The resource monitor of the consuming stack: URNs formed as the engine forms them (a
    child's type is prefixed by its parent's, except under the stack), and the outputs each
    component registers kept by URN."""

    def __init__(self, mocks: AzureMocks, *, project: str, stack: str) -> None:
        super().__init__(mocks)
        self.azure = mocks
        self.project = project
        self.stack = stack
        self.stack_urn = self._urn(STACK_TYPE, f"{project}-{stack}")
        self.outputs: dict[str, dict[str, Any]] = {}

    def _urn(self, qualified_type: str, name: str) -> str:
        return f"urn:pulumi:{self.stack}::{self.project}::{qualified_type}::{name}"

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        if parent and parent != self.stack_urn:
            type_ = parent.split("::")[2] + "$" + type_
        return self._urn(type_, name)

    def RegisterResourceOutputs(self, request: Any) -> empty_pb2.Empty:
        with self._lock:
            self.outputs[request.urn] = rpc.deserialize_properties(request.outputs)
        return empty_pb2.Empty()


class _ResourceMonitorService(resource_pb2_grpc.ResourceMonitorServicer):
    """gRPC face of a `ConsumerMonitor` (whose methods take the request alone). Like Pulumi's
    own mock monitor it does not take output values, so the plugin sends plain values and
    secrets, which the mocks read as they do in-process."""

    def __init__(self, monitor: ConsumerMonitor) -> None:
        self.monitor = monitor

    def SupportsFeature(self, request: Any, context: Any) -> resource_pb2.SupportsFeatureResponse:
        return resource_pb2.SupportsFeatureResponse(hasSupport=self.monitor.SupportsFeature(request).hasSupport)  # type: ignore[no-untyped-call]

    def GetDeploymentInfo(self, request: Any, context: Any) -> resource_pb2.DeploymentInfo:
        info: resource_pb2.DeploymentInfo = self.monitor.GetDeploymentInfo(request)  # type: ignore[no-untyped-call]
        return info

    def Invoke(self, request: Any, context: Any) -> resource_pb2.ResourceInvokeResponse:
        response: resource_pb2.ResourceInvokeResponse = self.monitor.Invoke(request)  # type: ignore[no-untyped-call]
        return response

    def RegisterResource(self, request: Any, context: Any) -> resource_pb2.RegisterResourceResponse:
        response: resource_pb2.RegisterResourceResponse = self.monitor.RegisterResource(request)
        return response

    def RegisterResourceOutputs(self, request: Any, context: Any) -> empty_pb2.Empty:
        return self.monitor.RegisterResourceOutputs(request)

    def RegisterPackage(self, request: Any, context: Any) -> resource_pb2.RegisterPackageResponse:
        response: resource_pb2.RegisterPackageResponse = self.monitor.RegisterPackage(request)  # type: ignore[no-untyped-call]
        return response

    def SignalAndWaitForShutdown(self, request: Any, context: Any) -> empty_pb2.Empty:
        return empty_pb2.Empty()


class _EngineService(engine_pb2_grpc.EngineServicer):
    """The engine's logging endpoint: keeps every message the plugin logs."""

    def __init__(self, root_urn: str) -> None:
        self.root_urn = root_urn
        self.logs: list[engine_pb2.LogRequest] = []
        self._lock = threading.Lock()

    def Log(self, request: engine_pb2.LogRequest, context: Any) -> empty_pb2.Empty:
        with self._lock:
            self.logs.append(request)
        return empty_pb2.Empty()

    def GetRootResource(self, request: Any, context: Any) -> engine_pb2.GetRootResourceResponse:
        return engine_pb2.GetRootResourceResponse(urn=self.root_urn)

    def SetRootResource(self, request: Any, context: Any) -> engine_pb2.SetRootResourceResponse:
        return engine_pb2.SetRootResourceResponse()


@dataclass
class MockEngine:
    """A running engine stand-in: its address for the plugin, and what the plugin told it."""

    address: str
    monitor: ConsumerMonitor
    engine: _EngineService

    @property
    def logs(self) -> list[engine_pb2.LogRequest]:
        return list(self.engine.logs)


@contextmanager
def serve_mock_engine(monitor: ConsumerMonitor) -> Iterator[MockEngine]:
    """Serve the engine and `monitor` on one 127.0.0.1 port for as long as the block runs."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    engine = _EngineService(monitor.stack_urn)
    engine_pb2_grpc.add_EngineServicer_to_server(engine, server)
    resource_pb2_grpc.add_ResourceMonitorServicer_to_server(_ResourceMonitorService(monitor), server)
    port = server.add_insecure_port(f"{LOCALHOST}:0")
    server.start()
    try:
        yield MockEngine(f"{LOCALHOST}:{port}", monitor, engine)
    finally:
        server.stop(grace=None)


@contextmanager
def run_plugin(root: Path, main: str, engine_address: str, *, timeout: float = 30.0) -> Iterator[str]:
    """Start a Python plugin as Pulumi's Python language host does (`python <main> <engine
    address>`, in the plugin's root directory) and yield the address of the gRPC server it
    announces on its first line of output. The plugin is killed when the block ends."""
    with tempfile.TemporaryFile() as stderr:
        plugin = subprocess.Popen(
            [sys.executable, str(root / main), engine_address], stdout=subprocess.PIPE, stderr=stderr, cwd=root
        )
        try:
            port = _first_line(plugin, timeout).strip()
            if not port.isdigit():
                plugin.kill()
                plugin.wait(timeout)
                stderr.seek(0)
                raise AssertionError(f"{main} announced no port ({port!r}): {stderr.read().decode()}")
            yield f"{LOCALHOST}:{port}"
        finally:
            plugin.kill()
            plugin.wait(timeout)


def _first_line(process: subprocess.Popen[bytes], timeout: float) -> str:
    """The process's first line of output, or "" if none arrives within `timeout` seconds."""
    assert process.stdout is not None
    stdout = process.stdout
    line: list[bytes] = []
    reader = threading.Thread(target=lambda: line.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return line[0].decode() if line else ""
