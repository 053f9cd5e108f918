"""The handler table: for each Pulumi type token the mocks model, the function that answers its
create, and for each invoke token the function that answers it. A token missing here is a type
the mocks do not model: `AzureMocks` raises `NotImplementedError` rather than make an answer up.

Two kinds of resource type:
- `TopLevel`: a resource of a resource group, whose ID ARM builds from the group, the ARM type
  and the name (the `name_input`, or else Pulumi's auto-name, which `Registered.autonamed`
  notes). The table builds that ID before the handler runs; the tags meet that ARM type's limits.
- `Nested`: a child of another resource (a security rule, an inbound NAT rule, a VM extension or
  run command, a blob container), an extension resource (a diagnostic setting), a resource group,
  or the engine's own Stash: the handler builds the ID from what the resource hangs under; the
  tags meet the general limits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import bastion, compute, monitor, network, resources, storage
from .state import Answer, ArmState


@dataclass(frozen=True)
class TopLevel:
    """A resource type of a resource group: its handler, ARM type and name input."""

    create: Callable[[ArmState, str, str, dict[str, Any]], Answer]
    """Called with the state, the resource's ID and name, and its inputs."""
    arm_type: str
    name_input: str
    preview_computed: tuple[tuple[str, str], ...] = ()
    """(object input, property in it) pairs pulumi-azure-native's preview leaves unknown."""

    def answer(self, arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
        resource_id, name = arm.top_level_id(self.arm_type, self.name_input, logical_name, inputs)
        return self.create(arm, resource_id, name, inputs)


@dataclass(frozen=True)
class Nested:
    """Any other resource type: its handler, which names the resource itself."""

    create: Callable[[ArmState, str, dict[str, Any]], Answer]
    """Called with the state, the resource's logical (Pulumi) name, and its inputs."""
    arm_type = ""
    name_input = ""
    preview_computed: tuple[tuple[str, str], ...] = ()

    def answer(self, arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
        return self.create(arm, logical_name, inputs)


ResourceType = TopLevel | Nested

RESOURCE_TYPES: dict[str, ResourceType] = {
    "azure-native:resources:ResourceGroup": Nested(resources.resource_group),
    "pulumi:index:Stash": Nested(resources.stash),
    # Microsoft.Network
    "azure-native:network:VirtualNetwork": TopLevel(
        network.virtual_network, "Microsoft.Network/virtualNetworks", "virtualNetworkName"
    ),
    "azure-native:network:NetworkSecurityGroup": TopLevel(
        network.network_security_group, "Microsoft.Network/networkSecurityGroups", "networkSecurityGroupName"
    ),
    "azure-native:network:SecurityRule": Nested(network.security_rule),
    # A preview of a create marks every response property absent from the inputs unknown,
    # nested ones included (pulumi-azure-native provider/pkg/convert/previewOutputs.go,
    # `PreviewOutputs`): a program must not read them as a known null.
    "azure-native:network:PublicIPAddress": TopLevel(
        network.public_ip_address,
        "Microsoft.Network/publicIPAddresses",
        "publicIpAddressName",
        preview_computed=(("dnsSettings", "fqdn"),),
    ),
    "azure-native:network:LoadBalancer": TopLevel(
        network.load_balancer, "Microsoft.Network/loadBalancers", "loadBalancerName"
    ),
    "azure-native:network:InboundNatRule": Nested(network.inbound_nat_rule),
    "azure-native:network:NetworkInterface": TopLevel(
        network.network_interface, "Microsoft.Network/networkInterfaces", "networkInterfaceName"
    ),
    "azure-native:network:NatGateway": TopLevel(network.nat_gateway, "Microsoft.Network/natGateways", "natGatewayName"),
    "azure-native:network:BastionHost": TopLevel(
        bastion.bastion_host, "Microsoft.Network/bastionHosts", "bastionHostName"
    ),
    # Microsoft.Compute
    "azure-native:compute:AvailabilitySet": TopLevel(
        compute.availability_set, "Microsoft.Compute/availabilitySets", "availabilitySetName"
    ),
    "azure-native:compute:VirtualMachine": TopLevel(
        compute.virtual_machine, "Microsoft.Compute/virtualMachines", "vmName"
    ),
    "azure-native:compute:VirtualMachineScaleSet": TopLevel(
        compute.virtual_machine_scale_set, "Microsoft.Compute/virtualMachineScaleSets", "vmScaleSetName"
    ),
    "azure-native:compute:VirtualMachineExtension": Nested(compute.virtual_machine_extension),
    "azure-native:compute:VirtualMachineRunCommandByVirtualMachine": Nested(compute.run_command),
    # Microsoft.Storage
    "azure-native:storage:StorageAccount": TopLevel(
        storage.storage_account, "Microsoft.Storage/storageAccounts", "accountName"
    ),
    "azure-native:storage:BlobContainer": Nested(storage.blob_container),
    # Microsoft.Insights
    "azure-native:monitor:DiagnosticSetting": Nested(monitor.diagnostic_setting),
    "azure-native:monitor:ActionGroup": TopLevel(
        monitor.action_group, "Microsoft.Insights/actionGroups", "actionGroupName"
    ),
    "azure-native:monitor:MetricAlert": TopLevel(monitor.metric_alert, "Microsoft.Insights/metricAlerts", "ruleName"),
    "azure-native:monitor:AutoscaleSetting": TopLevel(
        monitor.autoscale_setting, "Microsoft.Insights/autoscalesettings", "autoscaleSettingName"
    ),
}

# Pulumi type token -> (ARM provider/type, name input) of the top-level types.
ARM_TYPES: dict[str, tuple[str, str]] = {
    token: (kind.arm_type, kind.name_input) for token, kind in RESOURCE_TYPES.items() if isinstance(kind, TopLevel)
}

INVOKES: dict[str, Callable[[ArmState, dict[str, Any]], dict[str, Any]]] = {
    "azure-native:authorization:getClientConfig": resources.client_config,
    "azure-native:network:getSubnet": network.get_subnet,
}
