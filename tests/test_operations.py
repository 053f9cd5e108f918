"""Production operations under the Azure mocks: zones, Bastion, monitoring and patching.

Each scenario is evaluated once (module fixtures); every test states one property.
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from pulumi_azure_native import network, resources

from components import InvalidArgumentError, LoadBalancedVmSet, LoadBalancedVmSetArgs
from components.vm_set import OUTPUT_NAMES
from plan.azure_mocks import SUBSCRIPTION_ID, AzureMocks
from plan.harness import Deployment, evaluate, evaluate_component, evaluate_stack, stack_config
from plan.policy_check import check_policies

from .support.keys import ED25519, STRONG_PASSWORD

NS = "azure-multi-vm"
WORKSPACE = (
    f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops-logs"
)


@pytest.fixture(scope="module")
def zones() -> Deployment:
    """Four VMs over the default zones 1-3."""
    return evaluate_component("web", {"ssh_public_key": ED25519, "placement": "zones", "vm_count": 4})


@pytest.fixture(scope="module")
def zones_scaled() -> Deployment:
    """The same set grown to six VMs."""
    return evaluate_component("web", {"ssh_public_key": ED25519, "placement": "zones", "vm_count": 6})


@pytest.fixture(scope="module")
def bastion() -> Deployment:
    return evaluate_component(
        "web", {"ssh_public_key": ED25519, "admin_access": "bastion", "admin_source_prefixes": ["203.0.113.7/32"]}
    )


@pytest.fixture(scope="module")
def hub_bastion() -> Deployment:
    """Bastion in a given AzureBastionSubnet of a hub VNet, which the caller owns."""
    hub_subnet = (
        f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/rg-hub/providers/Microsoft.Network"
        "/virtualNetworks/hub-vnet/subnets/AzureBastionSubnet"
    )

    def hub() -> dict[str, Any]:
        """Deployed before this stack (a plain subnet ID carries no dependency)."""
        group = resources.ResourceGroup("rg", resource_group_name="rg-hub", location="westeurope")
        network.VirtualNetwork(
            "hub",
            virtual_network_name="hub-vnet",
            resource_group_name=group.name,
            address_space=network.AddressSpaceArgs(address_prefixes=["10.100.0.0/24"]),
            subnets=[network.SubnetArgs(name="AzureBastionSubnet", address_prefix="10.100.0.0/26")],
        )
        return {}

    def program() -> dict[str, Any]:
        args = {
            "resource_group_name": "rg-hub",
            "ssh_public_key": ED25519,
            "admin_access": "bastion",
            "bastion_subnet_id": hub_subnet,
            "bastion_subnet_address_prefix": "10.100.0.0/26",
        }
        vm_set = LoadBalancedVmSet("web", cast(LoadBalancedVmSetArgs, args))
        return {key: getattr(vm_set, key) for key in OUTPUT_NAMES}

    mocks = AzureMocks()
    evaluate(hub, mocks=mocks)
    return evaluate(program, mocks=mocks)


@pytest.fixture(scope="module")
def monitored() -> Deployment:
    return evaluate_component(
        "web", {"ssh_public_key": ED25519, "log_analytics_workspace_id": WORKSPACE, "alert_email": "ops@example.com"}
    )


@pytest.fixture(scope="module")
def default_set() -> Deployment:
    return evaluate_component("web", {"ssh_public_key": ED25519})


@pytest.fixture(scope="module")
def windows() -> Deployment:
    return evaluate_component("app", {"os_type": "windows", "admin_password": STRONG_PASSWORD})


@pytest.fixture(scope="module")
def windows_manual() -> Deployment:
    return evaluate_component("app", {"os_type": "windows", "admin_password": STRONG_PASSWORD, "patch_mode": "Manual"})


OPERATIONS_CONFIG = {
    f"{NS}:placement": "zones",
    f"{NS}:zones": ["1", "2"],
    f"{NS}:adminAccess": "bastion",
    f"{NS}:alertEmail": "ops@example.com",
    f"{NS}:logAnalyticsWorkspaceId": WORKSPACE,
    f"{NS}:patchMode": "AutomaticByPlatform",
}


@pytest.fixture(scope="module")
def operations_stack() -> Deployment:
    """The stack program with every new config key set."""
    return evaluate_stack(stack_config("dev", OPERATIONS_CONFIG))


@pytest.fixture(scope="module")
def operations_stack_preview() -> Deployment:
    """`pulumi preview` of the same stack: nothing exists yet, IDs are unknown."""
    return evaluate_stack(stack_config("dev", OPERATIONS_CONFIG), preview=True)


def vms(deployment: Deployment) -> list[dict[str, Any]]:
    """VM inputs in VM order (the mocks see them in whatever order the engine registers them)."""
    found = [vm.inputs for vm in deployment.of_type("VirtualMachine")]
    return sorted(found, key=lambda vm: int(vm["vmName"].rsplit("-", 1)[1]))


def nsg_rules(deployment: Deployment) -> list[dict[str, Any]]:
    return list(deployment.one("NetworkSecurityGroup").inputs["securityRules"])


def admin_rules(deployment: Deployment) -> list[dict[str, Any]]:
    return [r for r in nsg_rules(deployment) if r.get("destinationPortRange") == "22" and r["access"] == "Allow"]


# --- availability zones ---------------------------------------------------------------------------


def test_zones_spread_vms_round_robin(zones: Deployment) -> None:
    assert {vm["vmName"]: vm["zones"] for vm in vms(zones)} == {
        "web-vm-1": ["1"],
        "web-vm-2": ["2"],
        "web-vm-3": ["3"],
        "web-vm-4": ["1"],
    }


def test_zones_create_no_availability_set(zones: Deployment) -> None:
    assert zones.of_type("AvailabilitySet") == []


def test_zonal_vms_name_no_availability_set(zones: Deployment) -> None:
    assert all("availabilitySet" not in vm for vm in vms(zones))


def test_zones_output_no_availability_set_id(zones: Deployment) -> None:
    assert zones.outputs["availability_set_id"] is None


def test_zones_make_the_public_ip_zone_redundant(zones: Deployment) -> None:
    pip = zones.one("PublicIPAddress").inputs
    assert (pip["zones"], pip["sku"]["name"], pip["publicIPAllocationMethod"]) == (
        ["1", "2", "3"],
        "Standard",
        "Static",
    )


def test_availability_set_placement_leaves_the_public_ip_unzoned(default_set: Deployment) -> None:
    assert "zones" not in default_set.one("PublicIPAddress").inputs


def test_availability_set_vms_have_no_zone(default_set: Deployment) -> None:
    assert all("zones" not in vm for vm in vms(default_set))


def test_zonal_vms_keep_their_nat_ports(zones: Deployment) -> None:
    ip = zones.outputs["public_ip_address"]
    assert zones.outputs["nat_endpoints"]["web-vm-4"] == f"{ip}:50004"


def test_scaling_in_zones_keeps_each_vm_zone(zones: Deployment, zones_scaled: Deployment) -> None:
    before = {vm["vmName"]: vm["zones"] for vm in vms(zones)}
    after = {vm["vmName"]: vm["zones"] for vm in vms(zones_scaled)}
    assert {name: after[name] for name in before} == before


def test_scaling_in_zones_leaves_existing_vms_unchanged(zones: Deployment, zones_scaled: Deployment) -> None:
    before = {vm["vmName"]: vm for vm in vms(zones)}
    after = {vm["vmName"]: vm for vm in vms(zones_scaled)}
    assert {name: after[name] for name in before} == before


def test_scaling_in_zones_keeps_each_vm_nat_port(zones: Deployment, zones_scaled: Deployment) -> None:
    before, after = zones.outputs["nat_endpoints"], zones_scaled.outputs["nat_endpoints"]
    assert {name: after[name] for name in before} == before


def test_scaling_in_zones_leaves_the_public_ip_unchanged(zones: Deployment, zones_scaled: Deployment) -> None:
    assert zones.one("PublicIPAddress").inputs == zones_scaled.one("PublicIPAddress").inputs


def test_scaling_in_zones_continues_the_round_robin(zones_scaled: Deployment) -> None:
    assert [vm["zones"][0] for vm in vms(zones_scaled)][4:] == ["2", "3"]


# --- Azure Bastion --------------------------------------------------------------------------------


def test_bastion_removes_every_inbound_nat_rule(bastion: Deployment) -> None:
    assert (bastion.of_type("InboundNatRule"), "inboundNatRules" in bastion.one("LoadBalancer").inputs) == ([], False)


def test_bastion_nics_join_no_nat_rule(bastion: Deployment) -> None:
    configurations = [nic.inputs["ipConfigurations"][0] for nic in bastion.of_type("NetworkInterface")]
    assert all(not c.get("loadBalancerInboundNatRules") for c in configurations)


def test_bastion_nics_stay_in_the_backend_pool(bastion: Deployment) -> None:
    configurations = [nic.inputs["ipConfigurations"][0] for nic in bastion.of_type("NetworkInterface")]
    assert all(len(c["loadBalancerBackendAddressPools"]) == 1 for c in configurations)


def test_bastion_lists_no_nat_endpoints(bastion: Deployment) -> None:
    assert bastion.outputs["nat_endpoints"] == {}


def test_bastion_name_output(bastion: Deployment) -> None:
    assert bastion.outputs["bastion_name"] == "web-bastion"


def test_no_bastion_name_with_nat_rules(default_set: Deployment) -> None:
    assert default_set.outputs["bastion_name"] is None


def test_bastion_subnet_is_created_in_the_vnet(bastion: Deployment) -> None:
    subnets = {s["name"]: s for s in bastion.one("VirtualNetwork").inputs["subnets"]}
    assert subnets["AzureBastionSubnet"]["addressPrefix"] == "10.0.1.0/26"


def test_bastion_subnet_has_no_nsg(bastion: Deployment) -> None:
    subnets = {s["name"]: s for s in bastion.one("VirtualNetwork").inputs["subnets"]}
    assert "networkSecurityGroup" not in subnets["AzureBastionSubnet"]


def test_bastion_host_is_standard_with_native_client_tunnelling(bastion: Deployment) -> None:
    host = bastion.one("BastionHost").inputs
    assert (host["sku"]["name"], host["enableTunneling"]) == ("Standard", True)


def test_bastion_host_sits_in_the_bastion_subnet(bastion: Deployment) -> None:
    configuration = bastion.one("BastionHost").inputs["ipConfigurations"][0]
    assert configuration["subnet"]["id"] == f"{bastion.one('VirtualNetwork').id}/subnets/AzureBastionSubnet"


def test_bastion_has_its_own_standard_static_public_ip(bastion: Deployment) -> None:
    pip = bastion.named("web-bastion-pip")
    configuration = bastion.one("BastionHost").inputs["ipConfigurations"][0]
    assert (
        configuration["publicIPAddress"]["id"],
        pip.inputs["sku"]["name"],
        pip.inputs["publicIPAllocationMethod"],
    ) == (
        pip.id,
        "Standard",
        "Static",
    )


def test_bastion_nsg_admits_the_admin_port_only_from_the_bastion_subnet(bastion: Deployment) -> None:
    assert [r["sourceAddressPrefix"] for r in admin_rules(bastion)] == ["10.0.1.0/26"]


def test_bastion_nsg_never_admits_the_nat_sources(bastion: Deployment) -> None:
    assert all(r["sourceAddressPrefix"] != "203.0.113.7/32" for r in nsg_rules(bastion))


def test_bastion_warns_that_admin_sources_are_ignored(bastion: Deployment) -> None:
    assert any("admin_source_prefixes is ignored" in w for w in bastion.warnings)


def test_given_bastion_subnet_creates_no_bastion_subnet(hub_bastion: Deployment) -> None:
    vnets = {v.name: v.inputs for v in hub_bastion.of_type("VirtualNetwork")}
    assert [s["name"] for s in vnets["web-vnet"]["subnets"]] == ["web-snet"]


def test_given_bastion_subnet_holds_the_bastion_host(hub_bastion: Deployment) -> None:
    subnet = hub_bastion.one("BastionHost").inputs["ipConfigurations"][0]["subnet"]["id"]
    assert subnet.endswith("/virtualNetworks/hub-vnet/subnets/AzureBastionSubnet")


def test_given_bastion_subnet_prefix_is_the_admin_source(hub_bastion: Deployment) -> None:
    rules = {r.name: r for r in hub_bastion.of_type("NetworkSecurityGroup")}["web-nsg"].inputs["securityRules"]
    admin = [r for r in rules if r.get("destinationPortRange") == "22" and r["access"] == "Allow"]
    assert [r["sourceAddressPrefix"] for r in admin] == ["10.100.0.0/26"]


# --- health-probe visibility ----------------------------------------------------------------------


def test_diagnostics_go_to_the_storage_account_by_default(default_set: Deployment) -> None:
    setting = default_set.one("DiagnosticSetting").inputs
    assert (setting["storageAccountId"], setting.get("workspaceId")) == (default_set.one("StorageAccount").id, None)


def test_diagnostic_setting_is_on_the_load_balancer(default_set: Deployment) -> None:
    assert default_set.one("DiagnosticSetting").inputs["resourceUri"] == default_set.outputs["load_balancer_id"]


def test_diagnostics_include_health_events_and_all_metrics(default_set: Deployment) -> None:
    setting = default_set.one("DiagnosticSetting").inputs
    assert ([log["category"] for log in setting["logs"]], [m["category"] for m in setting["metrics"]]) == (
        ["LoadBalancerHealthEvent"],
        ["AllMetrics"],
    )


def test_diagnostic_categories_are_enabled(default_set: Deployment) -> None:
    setting = default_set.one("DiagnosticSetting").inputs
    assert all(item["enabled"] for item in setting["logs"] + setting["metrics"])


def test_no_alerts_without_an_alert_email(default_set: Deployment) -> None:
    assert (default_set.of_type("ActionGroup"), default_set.of_type("MetricAlert")) == ([], [])


def test_diagnostics_go_to_the_workspace_when_given(monitored: Deployment) -> None:
    setting = monitored.one("DiagnosticSetting").inputs
    assert (setting["workspaceId"], setting.get("storageAccountId"), setting["logAnalyticsDestinationType"]) == (
        WORKSPACE,
        None,
        "Dedicated",
    )


def test_action_group_mails_the_alert_email(monitored: Deployment) -> None:
    group = monitored.one("ActionGroup").inputs
    assert [r["emailAddress"] for r in group["emailReceivers"]] == ["ops@example.com"]


def test_action_group_is_global_with_a_short_name(monitored: Deployment) -> None:
    group = monitored.one("ActionGroup").inputs
    assert (group["location"], len(group["groupShortName"]) <= 12, group["enabled"]) == ("global", True, True)


def test_two_metric_alerts_watch_the_load_balancer(monitored: Deployment) -> None:
    alerts = monitored.of_type("MetricAlert")
    lb_id = monitored.outputs["load_balancer_id"]
    assert sorted(a.inputs["criteria"]["allOf"][0]["metricName"] for a in alerts) == [
        "DipAvailability",
        "VipAvailability",
    ] and all(a.inputs["scopes"] == [lb_id] for a in alerts)


def test_alerts_fire_below_100_percent_averaged_over_5_minutes(monitored: Deployment) -> None:
    criteria = [a.inputs["criteria"]["allOf"][0] for a in monitored.of_type("MetricAlert")]
    assert {(c["operator"], c["threshold"], c["timeAggregation"]) for c in criteria} == {("LessThan", 100.0, "Average")}
    assert {a.inputs["windowSize"] for a in monitored.of_type("MetricAlert")} == {"PT5M"}


def test_health_probe_alert_is_split_per_backend_vm(monitored: Deployment) -> None:
    probe = monitored.named("web-lb-health-probe").inputs["criteria"]["allOf"][0]
    assert probe["dimensions"] == [{"name": "BackendIPAddress", "operator": "Include", "values": ["*"]}]


def test_alerts_are_global_and_notify_the_action_group(monitored: Deployment) -> None:
    group = monitored.one("ActionGroup").id
    alerts = monitored.of_type("MetricAlert")
    assert all(a.inputs["location"] == "global" and a.inputs["actions"] == [{"actionGroupId": group}] for a in alerts)


def test_workspace_from_another_resource_is_checked_when_it_resolves() -> None:
    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("rg", location="westeurope")
        args = {
            "resource_group_name": group.name,
            "ssh_public_key": ED25519,
            "log_analytics_workspace_id": group.id,  # a resource group's ID, not a workspace's
        }
        vm_set = LoadBalancedVmSet("web", cast(LoadBalancedVmSetArgs, args))
        return {"lb": vm_set.load_balancer_id}

    with pytest.raises(ValueError, match=r"log_analytics_workspace_id: .* is not allowed"):
        evaluate(program)


# --- patching -------------------------------------------------------------------------------------


def test_linux_vms_are_patched_by_the_platform(default_set: Deployment) -> None:
    settings = [vm["osProfile"]["linuxConfiguration"]["patchSettings"] for vm in vms(default_set)]
    assert {(s["patchMode"], s["assessmentMode"]) for s in settings} == {("AutomaticByPlatform", "AutomaticByPlatform")}


def test_platform_patching_keeps_its_safety_checks(default_set: Deployment) -> None:
    settings = vms(default_set)[0]["osProfile"]["linuxConfiguration"]["patchSettings"]["automaticByPlatformSettings"]
    assert settings == {"bypassPlatformSafetyChecksOnUserSchedule": False, "rebootSetting": "IfRequired"}


def test_linux_vms_run_the_vm_agent_patching_needs(default_set: Deployment) -> None:
    assert all(vm["osProfile"]["linuxConfiguration"]["provisionVMAgent"] for vm in vms(default_set))


def test_windows_vms_are_patched_by_the_platform(windows: Deployment) -> None:
    configurations = [vm["osProfile"]["windowsConfiguration"] for vm in vms(windows)]
    assert {
        (c["patchSettings"]["patchMode"], c["patchSettings"]["assessmentMode"], c["enableAutomaticUpdates"])
        for c in configurations
    } == {("AutomaticByPlatform", "AutomaticByPlatform", True)}


def test_windows_manual_patching_turns_automatic_updates_off(windows_manual: Deployment) -> None:
    configuration = vms(windows_manual)[0]["osProfile"]["windowsConfiguration"]
    assert (configuration["patchSettings"]["patchMode"], configuration["enableAutomaticUpdates"]) == ("Manual", False)


def test_opted_out_vms_have_no_platform_schedule(windows_manual: Deployment) -> None:
    assert (
        "automaticByPlatformSettings"
        not in vms(windows_manual)[0]["osProfile"]["windowsConfiguration"]["patchSettings"]
    )


# --- the stack with every new config key ----------------------------------------------------------


def test_stack_exports_the_bastion_name(operations_stack: Deployment) -> None:
    assert operations_stack.outputs["bastion_name"] == "web-bastion"


def test_stack_with_bastion_exports_no_nat_endpoints(operations_stack: Deployment) -> None:
    assert operations_stack.outputs["nat_endpoints"] == {}


def test_stack_zones_key_places_the_vms(operations_stack: Deployment) -> None:
    assert [vm["zones"] for vm in vms(operations_stack)] == [["1"], ["2"]]


def test_stack_monitoring_keys_reach_the_resources(operations_stack: Deployment) -> None:
    setting = operations_stack.one("DiagnosticSetting").inputs
    group = operations_stack.one("ActionGroup").inputs
    assert (setting["workspaceId"], group["emailReceivers"][0]["emailAddress"]) == (WORKSPACE, "ops@example.com")


def test_dev_stack_exports_no_bastion_name(dev_stack: Deployment) -> None:
    assert dev_stack.outputs["bastion_name"] is None


def test_operations_preview_registers_what_up_creates(
    operations_stack: Deployment, operations_stack_preview: Deployment
) -> None:
    assert operations_stack_preview.count_by_type() == operations_stack.count_by_type()


def test_operations_stack_resource_counts(operations_stack: Deployment) -> None:
    counts = operations_stack.count_by_type()
    assert (
        counts.get("AvailabilitySet"),
        counts["BastionHost"],
        counts["PublicIPAddress"],
        counts["DiagnosticSetting"],
        counts["ActionGroup"],
        counts["MetricAlert"],
    ) == (None, 1, 2, 1, 1, 2)


# --- bad input registers nothing ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        {"placement": "zones", "zones": ["4"]},
        {"placement": "zones", "disk_storage": "vhd"},
        {"admin_access": "bastion", "bastion_subnet_address_prefix": "10.0.1.0/28"},
        {"alert_email": "ops"},
        {"log_analytics_workspace_id": "ops-logs"},
    ],
)
def test_bad_operations_input_registers_nothing_of_the_set(args: dict[str, Any]) -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_component("web", {"ssh_public_key": ED25519, **args}, mocks=mocks)
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]  # the caller's own


def test_bad_operations_config_registers_nothing() -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError, match=f"{NS}:alertEmail"):
        evaluate_stack(stack_config("dev", {f"{NS}:alertEmail": "not-an-address"}), mocks=mocks)
    assert mocks.registered == []


# --- the policy pack over the production options ------------------------------------------------


@pytest.mark.parametrize("scenario", ["zones", "bastion", "hub_bastion", "monitored", "windows_manual"])
def test_the_policy_pack_passes_on_each_production_option(scenario: str, request: pytest.FixtureRequest) -> None:
    deployment: Deployment = request.getfixturevalue(scenario)
    assert check_policies(deployment).mandatory == []
