"""The component package as the Pulumi CLI runs it for a TypeScript, Go, C#, Java or YAML stack.

`pulumi package add` and `pulumi up` start `provider/__main__.py` with the engine's address,
read the port it prints, ask it for its schema and send it a `Construct` for each
`LoadBalancedVmSet` in the stack. The test does the same over gRPC, on 127.0.0.1 only, with a
mock engine whose resource monitor answers as Azure would (`tests/support/mock_engine.py`). The plugin
is started once and constructs one valid set and one invalid one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime import rpc
from pulumi.runtime.proto import engine_pb2, provider_pb2, provider_pb2_grpc, resource_pb2, resource_pb2_grpc

from components.vm_set import TYPE_TOKEN
from offline.azure_mocks import AzureMocks, Registered
from offline.harness import REPO_ROOT, Deployment, evaluate_component
from offline.recording import Registration
from provider.package import PACKAGE_VERSION

from ..support.arm import as_pulumi_up
from ..support.keys import ED25519
from ..support.mock_engine import ConsumerMonitor, MockEngine, run_plugin, serve_mock_engine

PROJECT = "web-shop"  # the consuming stack's project, in whatever language it is written
STACK = "dev"
ADMIN_PREFIX = "203.0.113.0/24"
# What the stack's program passes, as the engine sends it: every number a float.
INPUTS = {"vmCount": 2.0, "sshPublicKey": ED25519, "adminSourcePrefixes": [ADMIN_PREFIX]}
# The same set built in-process by a Python program, for comparison.
PYTHON_ARGS = {"vm_count": 2, "ssh_public_key": ED25519, "admin_source_prefixes": [ADMIN_PREFIX]}
COMPONENT_URN = f"urn:pulumi:{STACK}::{PROJECT}::{TYPE_TOKEN}::web"
CONSTRUCT_TIMEOUT = 60.0


def struct(values: dict[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(values)
    return message


def camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


@dataclass
class Consumer:
    """The consuming stack: the engine stand-in, the plugin it started, and the stack's own
    resource group (registered by the stack's language SDK before any component)."""

    engine: MockEngine
    provider: provider_pb2_grpc.ResourceProviderStub
    resource_group_name: str
    resource_group_urn: str

    def construct(self, name: str, inputs: dict[str, Any]) -> provider_pb2.ConstructResponse:
        """What the engine sends when the stack's program creates a `LoadBalancedVmSet`. The
        resource group's name is an output of the stack's resource group, so the engine names
        that resource as the input's dependency."""
        request = provider_pb2.ConstructRequest(
            project=PROJECT,
            stack=STACK,
            organization="organization",
            dryRun=False,
            parallel=16,
            monitorEndpoint=self.engine.address,
            type=TYPE_TOKEN,
            name=name,
            parent=self.engine.monitor.stack_urn,
            inputs=struct({"resourceGroupName": self.resource_group_name, **inputs}),
            inputDependencies={
                "resourceGroupName": provider_pb2.ConstructRequest.PropertyDependencies(urns=[self.resource_group_urn])
            },
        )
        response: provider_pb2.ConstructResponse = self.provider.Construct(request, timeout=CONSTRUCT_TIMEOUT)
        return response


def register_resource_group(engine: MockEngine) -> tuple[str, str]:
    """The stack's resource group, registered as the stack's SDK would; its name and URN."""
    with grpc.insecure_channel(engine.address) as channel:
        group = resource_pb2_grpc.ResourceMonitorStub(channel).RegisterResource(
            resource_pb2.RegisterResourceRequest(
                type="azure-native:resources:ResourceGroup",
                name="rg",
                parent=engine.monitor.stack_urn,
                custom=True,
                object=struct({"location": "westeurope"}),
            )
        )
    return str(rpc.deserialize_properties(group.object)["name"]), group.urn


@pytest.fixture(scope="module")
def consumer(analysed_schema: dict[str, Any]) -> Iterator[Consumer]:
    as_pulumi_up()  # the mocks answer the plugin's registrations as ARM would, whatever ran before
    monitor = ConsumerMonitor(AzureMocks(), project=PROJECT, stack=STACK)
    with (
        serve_mock_engine(monitor) as engine,
        run_plugin(REPO_ROOT, "provider/__main__.py", engine.address) as address,
        grpc.insecure_channel(address) as channel,
    ):
        group_name, group_urn = register_resource_group(engine)
        yield Consumer(engine, provider_pb2_grpc.ResourceProviderStub(channel), group_name, group_urn)


@dataclass
class Constructed:
    """One valid `Construct`: what it returned and what the plugin registered meanwhile."""

    urn: str
    outputs: dict[str, Any]
    registrations: list[Registration]
    resources: list[Registered]
    """The Azure resources of the set, as the mocks saw them."""
    registered_outputs: dict[str, Any]
    logs: list[engine_pb2.LogRequest]

    @property
    def component(self) -> Registration:
        return next(r for r in self.registrations if r.urn == self.urn)

    def children(self) -> list[Registration]:
        return [r for r in self.registrations if r.urn != self.urn]


@pytest.fixture(scope="module")
def constructed(consumer: Consumer) -> Constructed:
    monitor = consumer.engine.monitor
    response = consumer.construct("web", INPUTS)
    return Constructed(
        urn=response.urn,
        outputs=rpc.deserialize_properties(response.state),
        registrations=[r for r in monitor.registrations if r.type != "azure-native:resources:ResourceGroup"],
        resources=[r for r in monitor.azure.registered if r.short_type != "ResourceGroup"],
        registered_outputs=monitor.outputs.get(response.urn, {}),
        logs=consumer.engine.logs,
    )


@pytest.fixture(scope="module")
def refused(consumer: Consumer, constructed: Constructed) -> tuple[grpc.RpcError, int]:
    """A `Construct` with one VM (after the valid one): the error, and how many resources the
    monitor had registered in all when it came back."""
    with pytest.raises(grpc.RpcError) as error:
        consumer.construct("single", {**INPUTS, "vmCount": 1.0})
    return error.value, len(consumer.engine.monitor.registrations)


@pytest.fixture(scope="module")
def in_process() -> Deployment:
    return evaluate_component("web", PYTHON_ARGS, stack=STACK, project=PROJECT)


def test_the_plugin_serves_the_schema_the_analyser_derives(consumer: Consumer, analysed_schema: dict[str, Any]) -> None:
    served = consumer.provider.GetSchema(provider_pb2.GetSchemaRequest(version=0)).schema
    assert json.loads(served) == analysed_schema


def test_the_plugin_reports_the_package_version(consumer: Consumer) -> None:
    info = consumer.provider.GetPluginInfo(empty_pb2.Empty())
    assert info.version == PACKAGE_VERSION


def test_construct_returns_the_component_urn(constructed: Constructed) -> None:
    assert constructed.urn == COMPONENT_URN


def test_the_component_is_parented_to_the_stack(constructed: Constructed, consumer: Consumer) -> None:
    assert constructed.component.parent == consumer.engine.monitor.stack_urn


def test_every_resource_is_parented_to_the_component(constructed: Constructed) -> None:
    """Directly, or through the VM it belongs to (its extension and readiness gate)."""
    vms = {r.urn for r in constructed.children() if r.short_type == "VirtualMachine"}
    assert {r.parent for r in constructed.children()} == {COMPONENT_URN, *vms}


def test_the_set_registers_the_architecture(constructed: Constructed) -> None:
    kinds = sorted(r.short_type for r in constructed.children())
    assert kinds == [
        "AvailabilitySet",
        "DiagnosticSetting",
        "LoadBalancer",
        "NetworkInterface",
        "NetworkInterface",
        "NetworkSecurityGroup",
        "PublicIPAddress",
        "Stash",
        "StorageAccount",
        "VirtualMachine",
        "VirtualMachine",
        "VirtualMachineExtension",
        "VirtualMachineExtension",
        "VirtualMachineRunCommandByVirtualMachine",
        "VirtualMachineRunCommandByVirtualMachine",
        "VirtualNetwork",
    ]


def test_every_resource_goes_into_the_stacks_resource_group(constructed: Constructed, consumer: Consumer) -> None:
    groups = {r.inputs["resourceGroupName"] for r in constructed.resources if "resourceGroupName" in r.inputs}
    assert groups == {consumer.resource_group_name}


def test_every_resource_waits_for_the_stacks_resource_group(constructed: Constructed, consumer: Consumer) -> None:
    """The engine learns the order of `pulumi up` from these: the dependency the stack declared on
    its `resourceGroupName` input reaches each resource that takes the name."""
    takes_the_name = [r for r in constructed.resources if "resourceGroupName" in r.inputs]
    waiting = [r for r in takes_the_name if consumer.resource_group_urn in r.property_dependencies["resourceGroupName"]]
    assert waiting == takes_the_name


def test_the_plugin_registers_what_the_component_registers_in_python(
    constructed: Constructed, in_process: Deployment
) -> None:
    from_plugin = sorted((r.type, r.name, json.dumps(r.inputs, sort_keys=True)) for r in constructed.resources)
    in_python = sorted(
        (r.type, r.name, json.dumps(r.inputs, sort_keys=True))
        for r in in_process.registered
        if r.short_type != "ResourceGroup"
    )
    assert from_plugin == in_python


def test_the_ssh_key_reaches_every_vm(constructed: Constructed) -> None:
    keys = [
        r.inputs["osProfile"]["linuxConfiguration"]["ssh"]["publicKeys"][0]["keyData"]
        for r in constructed.resources
        if r.short_type == "VirtualMachine"
    ]
    assert keys == [ED25519, ED25519]


def test_admin_access_is_open_to_the_given_prefix_only(constructed: Constructed) -> None:
    nsg = next(r for r in constructed.resources if r.short_type == "NetworkSecurityGroup")
    admin = [rule for rule in nsg.inputs["securityRules"] if rule["name"].startswith("allow-admin")]
    assert [(rule["sourceAddressPrefix"], rule["destinationPortRange"]) for rule in admin] == [(ADMIN_PREFIX, "22")]


def test_construct_returns_every_output_that_has_a_value(
    constructed: Constructed, analysed_schema: dict[str, Any]
) -> None:
    """`fqdn` (no DNS label), `bastionName` (no Bastion) and the scale set's (individual VMs) have none
    for this set."""
    published = analysed_schema["resources"][TYPE_TOKEN]["properties"]
    assert set(constructed.outputs) == set(published) - {
        "fqdn",
        "bastionName",
        "scaleSetId",
        "scaleSetName",
        "natFrontendPortRange",
    }


def test_the_outputs_are_those_of_the_component_in_python(constructed: Constructed, in_process: Deployment) -> None:
    in_python = {camel(name): value for name, value in in_process.outputs.items() if value is not None}
    assert constructed.outputs == in_python


def test_the_component_registers_its_outputs_with_the_engine(constructed: Constructed) -> None:
    registered = {name: value for name, value in constructed.registered_outputs.items() if value is not None}
    assert {camel(name): value for name, value in registered.items()} == constructed.outputs


def test_the_vm_names_output(constructed: Constructed) -> None:
    assert constructed.outputs["vmNames"] == ["web-vm-1", "web-vm-2"]


def test_the_frontend_is_the_public_ip_address(constructed: Constructed) -> None:
    pip = next(r for r in constructed.resources if r.short_type == "PublicIPAddress")
    assert constructed.outputs["frontendIpAddress"] == constructed.outputs["publicIpAddress"] == pip.state["ipAddress"]


def test_the_nat_endpoints_output(constructed: Constructed) -> None:
    ip = constructed.outputs["frontendIpAddress"]
    assert constructed.outputs["natEndpoints"] == {"web-vm-1": f"{ip}:50001", "web-vm-2": f"{ip}:50002"}


def test_the_load_balancer_id_output_is_its_arm_id(constructed: Constructed) -> None:
    lb = next(r for r in constructed.resources if r.short_type == "LoadBalancer")
    assert constructed.outputs["loadBalancerId"] == lb.id


def test_the_plugin_logs_no_warning_or_error(constructed: Constructed) -> None:
    assert [log.message for log in constructed.logs if log.severity >= engine_pb2.WARNING] == []


def test_an_invalid_input_fails_the_construct_with_the_components_message(
    refused: tuple[grpc.RpcError, int],
) -> None:
    error, _ = refused
    assert "vm_count: 1 is not allowed; a whole number from 2 to 200" in error.details()


def test_an_invalid_input_is_reported_in_one_line_without_the_components_traceback(
    refused: tuple[grpc.RpcError, int],
) -> None:
    error, _ = refused
    assert "\n" not in error.details() and "vm_set.py" not in error.details(), error.details()


def test_an_invalid_input_registers_nothing(refused: tuple[grpc.RpcError, int], constructed: Constructed) -> None:
    _, registered_in_all = refused
    assert registered_in_all == len(constructed.registrations) + 1  # the stack's resource group
