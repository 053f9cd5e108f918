"""The programs the stack is measured against, each registering the same number of resources.

- The exact-work floor: the very resources a recorded run of the stack registered (same types,
  names and parents, so the same URNs; the same input values, secrets and dependencies),
  replayed flat through the azure-native classes with no component code and with every alias
  those classes declare. `differences` checks a replay against its record.
- The same-types floor: one bare resource per resource the stack registered, of its type, with
  only the inputs the mocks (like ARM) require.
- The resource-groups floor: as many resource groups, the cheapest type to register.

The SDK is imported inside the programs: they run in the worker process only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pulumi
    from pulumi_azure_native import compute, network

    from offline.azure_mocks import AzureMocks
    from offline.recording import RecordingMonitor

Program = Callable[[], dict[str, Any]]
"""A Pulumi program as the harness runs it: it registers resources and returns its outputs."""


# --- the exact-work floor -------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedResource:
    """One resource a run registered, as the engine saw it."""

    urn: str
    type: str
    name: str
    parent: str
    custom: bool
    inputs: dict[str, Any]
    secret_inputs: tuple[str, ...]
    property_dependencies: dict[str, tuple[str, ...]]
    """Input name -> the URNs of the resources its value came from."""
    depends_on: tuple[str, ...]
    """Explicit dependencies: those no input accounts for."""

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> RecordedResource:
        return cls(
            urn=data["urn"],
            type=data["type"],
            name=data["name"],
            parent=data["parent"],
            custom=data["custom"],
            inputs=data["inputs"],
            secret_inputs=tuple(data["secret_inputs"]),
            property_dependencies={key: tuple(urns) for key, urns in data["property_dependencies"].items()},
            depends_on=tuple(data["depends_on"]),
        )

    def engine_view(self) -> tuple[Any, ...]:
        """What the engine receives, with dependencies in no particular order."""
        dependencies = {key: sorted(urns) for key, urns in self.property_dependencies.items()}
        return (
            self.type,
            self.name,
            self.parent,
            self.inputs,
            self.secret_inputs,
            dependencies,
            sorted(self.depends_on),
        )


def record_exact_work(mocks: AzureMocks, monitor: RecordingMonitor) -> tuple[RecordedResource, ...]:
    """Each resource a run registered, in order, the stack itself left out."""
    from offline.recording import STACK_TYPE

    by_urn = {r.urn: r for r in mocks.registered}
    work: list[RecordedResource] = []
    for registration in monitor.registrations:
        if registration.type == STACK_TYPE:
            continue
        registered = by_urn.get(registration.urn)
        property_dependencies = dict(registered.property_dependencies) if registered else {}
        from_inputs = {urn for urns in property_dependencies.values() for urn in urns}
        work.append(
            RecordedResource(
                urn=registration.urn,
                type=registration.type,
                name=registration.name,
                parent=registration.parent,
                custom=registration.custom,
                inputs=registered.inputs if registered else {},
                secret_inputs=tuple(sorted(registered.secret_inputs)) if registered else (),
                property_dependencies={key: tuple(urns) for key, urns in property_dependencies.items()},
                depends_on=tuple(urn for urn in registration.dependencies if urn not in from_inputs),
            )
        )
    return tuple(work)


def differences(recorded: tuple[RecordedResource, ...], replayed: tuple[RecordedResource, ...]) -> tuple[str, ...]:
    """The URNs of the recorded resources the replay registered otherwise, or not at all."""
    by_urn = {resource.urn: resource for resource in replayed}
    return tuple(
        resource.urn
        for resource in recorded
        if resource.urn not in by_urn or resource.engine_view() != by_urn[resource.urn].engine_view()
    )


def exact_work_program(work: tuple[RecordedResource, ...]) -> Program:
    """The recorded resources registered flat through the SDK classes: same types, names and
    parents (so the same URNs), the same input values, each input waiting for the resources
    it came from, and the same explicit dependencies. Nothing is computed: no validation, no
    naming, no component code, and every alias the classes declare."""

    def program() -> dict[str, Any]:
        import pulumi

        made: dict[str, pulumi.Resource] = {}

        def output_of(urn: str) -> pulumi.Output[Any]:
            resource = made[urn]
            return resource.id if isinstance(resource, pulumi.CustomResource) else resource.urn

        classes: dict[str, tuple[Any, dict[str, str]]] = {}
        for entry in work:
            opts = pulumi.ResourceOptions(
                parent=made.get(entry.parent), depends_on=[made[urn] for urn in entry.depends_on] or None
            )
            if not entry.custom:
                made[entry.urn] = pulumi.ComponentResource(entry.type, entry.name, None, opts)
                continue
            if entry.type not in classes:
                classes[entry.type] = _sdk_class(entry.type)
            cls, py_names = classes[entry.type]
            kwargs: dict[str, Any] = {}
            for key, value in entry.inputs.items():
                sources = entry.property_dependencies.get(key)
                if sources:
                    value = _once_resolved([output_of(urn) for urn in sources], value)
                if key in entry.secret_inputs:
                    value = pulumi.Output.secret(value)
                kwargs[py_names[key]] = value
            made[entry.urn] = cls(entry.name, opts=opts, **kwargs)
        return {}

    return program


def _sdk_class(type_token: str) -> tuple[Any, dict[str, str]]:
    """The azure-native class for `type_token` and its arguments' names by wire name."""
    import importlib

    import pulumi
    from pulumi import _types

    if type_token == "pulumi:index:Stash":  # the engine's own resource, from the SDK itself
        return pulumi.Stash, {"input": "input"}
    _, module, name = type_token.split(":")
    package = importlib.import_module(f"pulumi_azure_native.{module}")
    cls = getattr(package, name)
    args_cls = getattr(package, f"{name}InitArgs", None) or getattr(package, f"{name}Args")
    return cls, {wire: py for py, wire in _types.input_type_py_to_pulumi_names(args_cls).items()}


def _once_resolved(outputs: list[pulumi.Output[Any]], value: Any) -> pulumi.Output[Any]:
    """`value`, once `outputs` resolve: an input that depends on their resources."""
    import pulumi

    return pulumi.Output.all(*outputs).apply(lambda _: value)


# --- the same-types floor -------------------------------------------------------------------


def same_types_program(types: tuple[str, ...]) -> Program:
    """One bare resource per entry of `types`, of that type: only the inputs the mocks (like
    ARM) require, no component, no validation, no computed inputs beyond the IDs that tie a
    VM to its NIC and a NIC to its subnet."""

    def program() -> dict[str, Any]:
        import pulumi
        from pulumi_azure_native import compute, network, resources, storage

        group = resources.ResourceGroup("bare-rg", location="westeurope")
        rg = group.name
        vnet: network.VirtualNetwork | None = None
        nics: list[network.NetworkInterface] = []
        vms: list[compute.VirtualMachine] = []
        extensions: list[compute.VirtualMachineExtension] = []
        for i, resource_type in enumerate(types[1:], start=1):  # types[0]: the stack's resource group
            name = f"bare-{i}"
            short = resource_type.rsplit(":", 1)[-1]
            if short == "NetworkSecurityGroup":
                network.NetworkSecurityGroup(name, resource_group_name=rg)
            elif short == "PublicIPAddress":
                network.PublicIPAddress(
                    name,
                    resource_group_name=rg,
                    sku=network.PublicIPAddressSkuArgs(name="Standard"),
                    public_ip_allocation_method="Static",
                )
            elif short == "StorageAccount":
                storage.StorageAccount(
                    name,
                    resource_group_name=rg,
                    account_name=f"bare{i:08d}",
                    sku=storage.SkuArgs(name="Standard_LRS"),
                    kind="StorageV2",
                )
            elif short == "AvailabilitySet":
                compute.AvailabilitySet(name, resource_group_name=rg, sku=compute.SkuArgs(name="Aligned"))
            elif short == "LoadBalancer":
                network.LoadBalancer(name, resource_group_name=rg, sku=network.LoadBalancerSkuArgs(name="Standard"))
            elif short == "VirtualNetwork":
                vnet = network.VirtualNetwork(
                    name,
                    resource_group_name=rg,
                    address_space=network.AddressSpaceArgs(address_prefixes=["10.0.0.0/16"]),
                    subnets=[network.SubnetArgs(name="s", address_prefix="10.0.0.0/16")],
                )
            elif short == "NetworkInterface" and vnet is not None:
                subnet_id = vnet.id.apply(lambda vnet_id: f"{vnet_id}/subnets/s")
                nics.append(
                    network.NetworkInterface(
                        name,
                        resource_group_name=rg,
                        ip_configurations=[
                            network.NetworkInterfaceIPConfigurationArgs(
                                name="ip", subnet=network.SubnetArgs(id=subnet_id)
                            )
                        ],
                    )
                )
            elif short == "VirtualMachine" and len(vms) < len(nics):
                vms.append(_bare_vm(name, rg, nics[len(vms)]))
            elif short == "VirtualMachineExtension" and len(extensions) < len(vms):
                # One Linux extension per bare VM: Azure takes one extension of a handler per VM.
                extensions.append(
                    compute.VirtualMachineExtension(
                        name,
                        resource_group_name=rg,
                        vm_name=vms[len(extensions)].name,
                        publisher="Microsoft.Azure.Extensions",
                        type="CustomScript",
                        type_handler_version="2.1",
                    )
                )
            elif short == "VirtualMachineRunCommandByVirtualMachine" and vms:
                compute.VirtualMachineRunCommandByVirtualMachine(
                    name,
                    resource_group_name=rg,
                    vm_name=vms[i % len(vms)].name,
                    source=compute.VirtualMachineRunCommandScriptSourceArgs(script="exit 0"),
                )
            elif resource_type == "pulumi:index:Stash":
                pulumi.Stash(name, input=i)
            elif not resource_type.startswith("azure-native:"):
                pulumi.ComponentResource("bench:index:Bare", name)
            else:  # a type this floor does not know: a resource group stands in for it
                resources.ResourceGroup(name, location="westeurope")
        return {}

    return program


def _bare_vm(name: str, rg: pulumi.Output[str], nic: network.NetworkInterface) -> compute.VirtualMachine:
    from pulumi_azure_native import compute

    return compute.VirtualMachine(
        name,
        resource_group_name=rg,
        hardware_profile=compute.HardwareProfileArgs(vm_size="Standard_D2s_v5"),
        network_profile=compute.NetworkProfileArgs(
            network_interfaces=[compute.NetworkInterfaceReferenceArgs(id=nic.id)]
        ),
        os_profile=compute.OSProfileArgs(
            computer_name=name,
            admin_username="azureuser",
            admin_password="Bare-floor-password-1",
            linux_configuration=compute.LinuxConfigurationArgs(disable_password_authentication=False),
        ),
        storage_profile=compute.StorageProfileArgs(
            image_reference=compute.ImageReferenceArgs(
                publisher="Canonical", offer="ubuntu-24_04-lts", sku="server", version="latest"
            ),
            os_disk=compute.OSDiskArgs(
                create_option="FromImage",
                managed_disk=compute.ManagedDiskParametersArgs(storage_account_type="StandardSSD_LRS"),
            ),
        ),
    )


# --- the resource-groups floor --------------------------------------------------------------


def resource_groups_program(count: int) -> Program:
    """`count` resource groups."""

    def program() -> dict[str, Any]:
        from pulumi_azure_native import resources

        for i in range(count):
            resources.ResourceGroup(f"bare-{i}", location="westeurope")
        return {}

    return program
