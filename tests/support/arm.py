"""Calling the mocks directly, as the Pulumi engine would for one resource: `register` and the
resources the mocks tests build on."""

from __future__ import annotations

import contextvars
import copy
from typing import Any

import pulumi
import pytest
from pulumi.runtime import MockResourceArgs

from offline.azure_mocks import SUBSCRIPTION_ID, ArmRejection, AzureMocks

TOKENS = {
    token.rsplit(":", 1)[1]: token
    for token in [
        "azure-native:resources:ResourceGroup",
        "azure-native:network:VirtualNetwork",
        "azure-native:network:NetworkInterface",
        "azure-native:network:NetworkSecurityGroup",
        "azure-native:network:SecurityRule",
        "azure-native:network:PublicIPAddress",
        "azure-native:network:LoadBalancer",
        "azure-native:network:InboundNatRule",
        "azure-native:network:NatGateway",
        "azure-native:network:BastionHost",
        "azure-native:compute:AvailabilitySet",
        "azure-native:compute:VirtualMachine",
        "azure-native:compute:VirtualMachineScaleSet",
        "azure-native:compute:VirtualMachineExtension",
        "azure-native:compute:VirtualMachineRunCommandByVirtualMachine",
        "azure-native:storage:StorageAccount",
        "azure-native:monitor:DiagnosticSetting",
        "azure-native:monitor:ActionGroup",
        "azure-native:monitor:MetricAlert",
        "azure-native:monitor:AutoscaleSetting",
    ]
}
"""Resource type tokens by their short type name."""

RG = "rg-test"
RG_ID = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}"
NETWORK = f"{RG_ID}/providers/Microsoft.Network"


def register(mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Register one resource with the mocks, by short type name (`LoadBalancer`) or full token;
    returns its ID and state as ARM answers them. The inputs are copied: the mocks keep them."""
    token = TOKENS.get(type_name, type_name)
    resource_id, state = mocks.new_resource(
        MockResourceArgs(typ=token, name=token.rsplit(":", 1)[1].lower(), inputs=copy.deepcopy(inputs), custom=True)
    )
    return resource_id or "", state


def refusal(mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> str:
    """The error code ARM answers when `inputs` are registered (the test fails if it accepts them)."""
    with pytest.raises(ArmRejection) as caught:
        register(mocks, type_name, inputs)
    return caught.value.code


def with_resource_group(mocks: AzureMocks) -> AzureMocks:
    """`mocks` with the resource group `rg-test` (West Europe) registered."""
    register(mocks, "ResourceGroup", {"resourceGroupName": RG, "location": "westeurope"})
    return mocks


# --- request bodies the mocks tests start from (the resources of the `vm_mocks` fixture) -----------

VNET_ID = f"{NETWORK}/virtualNetworks/vnet"
NIC_ID = f"{NETWORK}/networkInterfaces/nic"
PIP_ID = f"{NETWORK}/publicIPAddresses/pip"
AVSET_ID = f"{RG_ID}/providers/Microsoft.Compute/availabilitySets/avset"
STORAGE_ID = f"{RG_ID}/providers/Microsoft.Storage/storageAccounts/diagacct"
ACTION_GROUP_ID = f"{RG_ID}/providers/Microsoft.Insights/actionGroups/alerts"
WORKSPACE_ID = f"{RG_ID}/providers/Microsoft.OperationalInsights/workspaces/logs"


def standard_ip(**extra: Any) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "publicIpAddressName": "pip",
        "sku": {"name": "Standard"},
        "publicIPAllocationMethod": "Static",
        **extra,
    }


def linux_vm(**linux: Any) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "vmName": "vm",
        "networkProfile": {"networkInterfaces": [{"id": NIC_ID}]},
        "storageProfile": {
            "osDisk": {"createOption": "FromImage", "managedDisk": {"storageAccountType": "Standard_LRS"}}
        },
        "osProfile": {
            "computerName": "vm",
            "adminUsername": "azureuser",
            "linuxConfiguration": {
                "disablePasswordAuthentication": True,
                "provisionVMAgent": True,
                "ssh": {
                    "publicKeys": [{"path": "/home/azureuser/.ssh/authorized_keys", "keyData": "ssh-ed25519 AAAA"}]
                },
                **linux,
            },
        },
    }


def windows_vm(**windows: Any) -> dict[str, Any]:
    vm = linux_vm()
    vm["osProfile"] = {
        "computerName": "vm",
        "adminUsername": "azureuser",
        "adminPassword": "Correct-Horse-42-Battery",
        "windowsConfiguration": {"provisionVMAgent": True, **windows},
    }
    return vm


def allow_ssh_rule(**overrides: Any) -> dict[str, Any]:
    """An NSG security rule allowing SSH from one address, as the NSG's inline `securityRules`
    hold it; a standalone `SecurityRule` takes the same properties at its top level."""
    rule: dict[str, Any] = {
        "name": "allow-admin-1",
        "priority": 1000,
        "direction": "Inbound",
        "access": "Allow",
        "protocol": "Tcp",
        "sourceAddressPrefix": "203.0.113.7/32",
        "sourcePortRange": "*",
        "destinationAddressPrefix": "*",
        "destinationPortRange": "22",
    }
    return rule | overrides


def bastion_host(**extra: Any) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "bastionHostName": "bastion",
        "sku": {"name": "Standard"},
        "enableTunneling": True,
        "ipConfigurations": [
            {
                "name": "ipconfig1",
                "subnet": {"id": f"{VNET_ID}/subnets/AzureBastionSubnet"},
                "publicIPAddress": {"id": PIP_ID},
            }
        ],
        **extra,
    }


def diagnostic_setting(**extra: Any) -> dict[str, Any]:
    return {
        "name": "diag",
        "resourceUri": STORAGE_ID,
        "storageAccountId": STORAGE_ID,
        "metrics": [{"category": "AllMetrics", "enabled": True}],
        **extra,
    }


def action_group(**extra: Any) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "actionGroupName": "alerts",
        "location": "global",
        "groupShortName": "web",
        "emailReceivers": [{"name": "ops", "emailAddress": "ops@example.com"}],
        **extra,
    }


def metric_alert(**extra: Any) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "ruleName": "probe",
        "location": "global",
        "severity": 2,
        "enabled": True,
        "scopes": [STORAGE_ID],
        "evaluationFrequency": "PT1M",
        "windowSize": "PT5M",
        "criteria": {
            "odataType": "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            "allOf": [{"name": "m", "metricName": "Availability", "operator": "LessThan", "threshold": 100}],
        },
        "actions": [{"actionGroupId": ACTION_GROUP_ID}],
        **extra,
    }


def as_pulumi_up() -> None:
    """Put the Pulumi runtime in `pulumi up` mode, for code that calls the mocks outside an
    evaluation: a preview run before leaves `pulumi.runtime.is_dry_run()` true, and the mocks
    then register without asking ARM.

    The runtime's settings are context variables. Other threads (a gRPC server's) read their
    defaults, which only a setting made where the variable is unset changes: so the mode is set
    once in an empty context (for the defaults) and once here."""
    contextvars.Context().run(pulumi.runtime.set_mocks, AzureMocks(), preview=False)
    pulumi.runtime.set_mocks(AzureMocks(), preview=False)
