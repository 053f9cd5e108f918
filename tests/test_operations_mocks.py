"""The mocks refuse what Azure refuses for zones, patching, Bastion and Azure Monitor resources."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pulumi.runtime import MockResourceArgs

from offline.azure_mocks import SUBSCRIPTION_ID, ArmRejection, AzureMocks

pytestmark = pytest.mark.usefixtures("deploying")  # the mocks are called directly

RG = "rg-test"
RG_ID = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}"
TOKENS = {
    "ResourceGroup": "azure-native:resources:ResourceGroup",
    "VirtualNetwork": "azure-native:network:VirtualNetwork",
    "NetworkInterface": "azure-native:network:NetworkInterface",
    "PublicIPAddress": "azure-native:network:PublicIPAddress",
    "AvailabilitySet": "azure-native:compute:AvailabilitySet",
    "VirtualMachine": "azure-native:compute:VirtualMachine",
    "BastionHost": "azure-native:network:BastionHost",
    "StorageAccount": "azure-native:storage:StorageAccount",
    "DiagnosticSetting": "azure-native:monitor:DiagnosticSetting",
    "ActionGroup": "azure-native:monitor:ActionGroup",
    "MetricAlert": "azure-native:monitor:MetricAlert",
}
VNET_ID = f"{RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet"
NIC_ID = f"{RG_ID}/providers/Microsoft.Network/networkInterfaces/nic"
PIP_ID = f"{RG_ID}/providers/Microsoft.Network/publicIPAddresses/pip"
AVSET_ID = f"{RG_ID}/providers/Microsoft.Compute/availabilitySets/avset"
STORAGE_ID = f"{RG_ID}/providers/Microsoft.Storage/storageAccounts/diagacct"
ACTION_GROUP_ID = f"{RG_ID}/providers/Microsoft.Insights/actionGroups/alerts"
WORKSPACE_ID = f"{RG_ID}/providers/Microsoft.OperationalInsights/workspaces/logs"


def register(mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    resource_id, state = mocks.new_resource(
        MockResourceArgs(typ=TOKENS[type_name], name=type_name.lower(), inputs=copy.deepcopy(inputs), custom=True)
    )
    return resource_id or "", state


@pytest.fixture
def mocks() -> AzureMocks:
    """A resource group with a VNet (VM and Bastion subnets), a NIC, a Standard IP, an
    availability set, a storage account and an action group."""
    m = AzureMocks()
    register(m, "ResourceGroup", {"resourceGroupName": RG, "location": "westeurope"})
    register(
        m,
        "VirtualNetwork",
        {
            "resourceGroupName": RG,
            "virtualNetworkName": "vnet",
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [
                {"name": "vms", "addressPrefix": "10.0.0.0/24"},
                {"name": "AzureBastionSubnet", "addressPrefix": "10.0.1.0/26"},
            ],
        },
    )
    register(
        m,
        "NetworkInterface",
        {
            "resourceGroupName": RG,
            "networkInterfaceName": "nic",
            "ipConfigurations": [{"name": "ipconfig1", "subnet": {"id": f"{VNET_ID}/subnets/vms"}}],
        },
    )
    register(m, "PublicIPAddress", standard_ip())
    register(
        m, "AvailabilitySet", {"resourceGroupName": RG, "availabilitySetName": "avset", "sku": {"name": "Aligned"}}
    )
    register(m, "StorageAccount", {"resourceGroupName": RG, "accountName": "diagacct", "sku": {"name": "Standard_LRS"}})
    register(m, "ActionGroup", action_group())
    return m


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


def bastion(**extra: Any) -> dict[str, Any]:
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


def refusal(mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> str:
    with pytest.raises(ArmRejection) as caught:
        register(mocks, type_name, inputs)
    return caught.value.code


# --- what the fixtures build is accepted -----------------------------------------------------------


@pytest.mark.parametrize(
    ("type_name", "inputs"),
    [
        ("VirtualMachine", {**linux_vm(), "zones": ["2"]}),
        ("VirtualMachine", {**linux_vm(patchSettings={"patchMode": "AutomaticByPlatform"})}),
        ("VirtualMachine", windows_vm(enableAutomaticUpdates=False, patchSettings={"patchMode": "Manual"})),
        ("PublicIPAddress", standard_ip(publicIpAddressName="zonal", zones=["1", "2", "3"])),
        ("BastionHost", bastion()),
        ("DiagnosticSetting", diagnostic_setting(storageAccountId=None, workspaceId=WORKSPACE_ID)),
        ("MetricAlert", metric_alert()),
    ],
)
def test_valid_resources_are_accepted(mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> None:
    resource_id, _ = register(mocks, type_name, inputs)
    assert resource_id.startswith(RG_ID)


# --- VM size --------------------------------------------------------------------------------------


def test_vm_size_without_its_family_is_rejected(mocks: AzureMocks) -> None:
    vm = {**linux_vm(), "hardwareProfile": {"vmSize": "D2s_v5"}}
    assert refusal(mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_vm_size_of_the_standard_family_is_accepted(mocks: AzureMocks) -> None:
    register(mocks, "VirtualMachine", {**linux_vm(), "hardwareProfile": {"vmSize": "Standard_B2s"}})


# --- zones ----------------------------------------------------------------------------------------


def test_vm_in_zone_4_is_rejected(mocks: AzureMocks) -> None:
    assert refusal(mocks, "VirtualMachine", {**linux_vm(), "zones": ["4"]}) == "InvalidAvailabilityZone"


def test_vm_in_an_availability_set_and_a_zone_is_rejected(mocks: AzureMocks) -> None:
    vm = {**linux_vm(), "zones": ["1"], "availabilitySet": {"id": AVSET_ID}}
    assert refusal(mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_vm_in_two_zones_is_rejected(mocks: AzureMocks) -> None:
    assert refusal(mocks, "VirtualMachine", {**linux_vm(), "zones": ["1", "2"]}) == "InvalidParameter"


def test_public_ip_in_zone_0_is_rejected(mocks: AzureMocks) -> None:
    assert (
        refusal(mocks, "PublicIPAddress", standard_ip(publicIpAddressName="z", zones=["0"]))
        == "InvalidAvailabilityZone"
    )


# --- patching -------------------------------------------------------------------------------------


def test_linux_patch_mode_automatic_by_os_is_rejected(mocks: AzureMocks) -> None:
    assert (
        refusal(mocks, "VirtualMachine", linux_vm(patchSettings={"patchMode": "AutomaticByOS"})) == "InvalidParameter"
    )


def test_platform_patching_without_vm_agent_is_rejected(mocks: AzureMocks) -> None:
    vm = linux_vm(provisionVMAgent=False, patchSettings={"patchMode": "AutomaticByPlatform"})
    assert refusal(mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_windows_platform_patching_without_automatic_updates_is_rejected(mocks: AzureMocks) -> None:
    vm = windows_vm(enableAutomaticUpdates=False, patchSettings={"patchMode": "AutomaticByPlatform"})
    assert refusal(mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_windows_manual_patching_with_automatic_updates_is_rejected(mocks: AzureMocks) -> None:
    vm = windows_vm(enableAutomaticUpdates=True, patchSettings={"patchMode": "Manual"})
    assert refusal(mocks, "VirtualMachine", vm) == "InvalidParameter"


def test_windows_patch_mode_image_default_is_rejected(mocks: AzureMocks) -> None:
    assert (
        refusal(mocks, "VirtualMachine", windows_vm(patchSettings={"patchMode": "ImageDefault"})) == "InvalidParameter"
    )


# --- Bastion --------------------------------------------------------------------------------------


def test_bastion_subnet_smaller_than_slash_26_is_rejected(mocks: AzureMocks) -> None:
    vnet = {
        "resourceGroupName": RG,
        "virtualNetworkName": "small",
        "addressSpace": {"addressPrefixes": ["10.1.0.0/24"]},
        "subnets": [{"name": "AzureBastionSubnet", "addressPrefix": "10.1.0.0/27"}],
    }
    assert refusal(mocks, "VirtualNetwork", vnet) == "AzureBastionSubnetPrefixLengthTooSmall"


def test_bastion_outside_azure_bastion_subnet_is_rejected(mocks: AzureMocks) -> None:
    host = bastion()
    host["ipConfigurations"][0]["subnet"]["id"] = f"{VNET_ID}/subnets/vms"
    assert refusal(mocks, "BastionHost", host) == "BastionHostSubnetMustBeAzureBastionSubnet"


def test_bastion_tunnelling_on_basic_sku_is_rejected(mocks: AzureMocks) -> None:
    assert refusal(mocks, "BastionHost", bastion(sku={"name": "Basic"})) == "BastionFeatureNotSupportedForSku"


def test_bastion_with_unknown_sku_is_rejected(mocks: AzureMocks) -> None:
    assert refusal(mocks, "BastionHost", bastion(sku={"name": "Gold"})) == "InvalidParameter"


def test_bastion_without_public_ip_is_rejected(mocks: AzureMocks) -> None:
    host = bastion()
    host["ipConfigurations"][0]["publicIPAddress"]["id"] = PIP_ID + "-missing"
    assert refusal(mocks, "BastionHost", host) == "InvalidResourceReference"


# --- Azure Monitor --------------------------------------------------------------------------------


def test_diagnostic_setting_without_destination_is_rejected(mocks: AzureMocks) -> None:
    assert refusal(mocks, "DiagnosticSetting", diagnostic_setting(storageAccountId=None)) == "BadRequest"


def test_diagnostic_setting_with_a_non_workspace_id_is_rejected(mocks: AzureMocks) -> None:
    setting = diagnostic_setting(storageAccountId=None, workspaceId=STORAGE_ID)
    assert refusal(mocks, "DiagnosticSetting", setting) == "LinkedInvalidPropertyId"


def test_diagnostic_setting_on_a_missing_resource_is_rejected(mocks: AzureMocks) -> None:
    assert (
        refusal(mocks, "DiagnosticSetting", diagnostic_setting(resourceUri=PIP_ID + "-missing")) == "ResourceNotFound"
    )


def test_action_group_short_name_over_12_characters_is_rejected(mocks: AzureMocks) -> None:
    group = action_group(actionGroupName="long", groupShortName="a" * 13)
    assert refusal(mocks, "ActionGroup", group) == "InvalidParameter"


def test_regional_metric_alert_is_rejected(mocks: AzureMocks) -> None:
    assert refusal(mocks, "MetricAlert", metric_alert(location="westeurope")) == "InvalidParameter"


def test_metric_alert_with_a_missing_action_group_is_rejected(mocks: AzureMocks) -> None:
    alert = metric_alert(actions=[{"actionGroupId": ACTION_GROUP_ID + "-missing"}])
    assert refusal(mocks, "MetricAlert", alert) == "ResourceNotFound"


def test_metric_alert_window_of_7_minutes_is_rejected(mocks: AzureMocks) -> None:
    assert refusal(mocks, "MetricAlert", metric_alert(windowSize="PT7M")) == "InvalidParameter"


LB_ID = f"{RG_ID}/providers/Microsoft.Network/loadBalancers/lb"


@pytest.fixture
def with_lb(mocks: AzureMocks) -> AzureMocks:
    mocks.new_resource(
        MockResourceArgs(
            typ="azure-native:network:LoadBalancer",
            name="lb",
            inputs={"resourceGroupName": RG, "loadBalancerName": "lb", "sku": {"name": "Standard"}},
            custom=True,
        )
    )
    return mocks


def test_load_balancer_log_category_that_does_not_exist_is_rejected(with_lb: AzureMocks) -> None:
    setting = diagnostic_setting(
        resourceUri=LB_ID, logs=[{"category": "LoadBalancerProbeHealthStatus", "enabled": True}]
    )
    assert refusal(with_lb, "DiagnosticSetting", setting) == "BadRequest"


def test_load_balancer_health_event_log_is_accepted(with_lb: AzureMocks) -> None:
    setting = diagnostic_setting(resourceUri=LB_ID, logs=[{"category": "LoadBalancerHealthEvent", "enabled": True}])
    assert (
        register(with_lb, "DiagnosticSetting", setting)[0]
        == f"{LB_ID}/providers/Microsoft.Insights/diagnosticSettings/diag"
    )


def test_load_balancer_metric_dimension_that_does_not_exist_is_rejected(with_lb: AzureMocks) -> None:
    alert = metric_alert(scopes=[LB_ID])
    alert["criteria"]["allOf"][0].update(
        metricName="VipAvailability", dimensions=[{"name": "BackendIPAddress", "operator": "Include", "values": ["*"]}]
    )
    assert refusal(with_lb, "MetricAlert", alert) == "BadRequest"


def test_load_balancer_metric_that_does_not_exist_is_rejected(with_lb: AzureMocks) -> None:
    alert = metric_alert(scopes=[LB_ID])
    alert["criteria"]["allOf"][0]["metricName"] = "HealthProbeStatus"  # the portal's label, not the metric
    assert refusal(with_lb, "MetricAlert", alert) == "BadRequest"
