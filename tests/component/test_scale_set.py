"""`orchestration="scale_set"`: one Flexible scale set behind the same network and load balancer,
under the Azure mocks."""

from __future__ import annotations

from typing import Any

from offline.harness import Deployment

from ..support.checks import each
from ..support.deployments import lb_inputs


def scale_set_of(deployment: Deployment) -> dict[str, Any]:
    return deployment.one("VirtualMachineScaleSet").inputs


def profile_of(deployment: Deployment) -> dict[str, Any]:
    profile: dict[str, Any] = scale_set_of(deployment)["virtualMachineProfile"]
    return profile


def ip_configuration_of(deployment: Deployment) -> dict[str, Any]:
    (nic,) = profile_of(deployment)["networkProfile"]["networkInterfaceConfigurations"]
    (ip_configuration,) = nic["ipConfigurations"]
    return dict(ip_configuration)


def extensions_of(deployment: Deployment) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in profile_of(deployment)["extensionProfile"]["extensions"]}


# --- what is built instead of the VMs ------------------------------------------------------------------


def test_a_scale_set_is_one_flexible_scale_set(scale_set: Deployment) -> None:
    assert scale_set_of(scale_set)["orchestrationMode"] == "Flexible"


def test_a_scale_set_builds_no_vm_nic_or_availability_set(scale_set: Deployment) -> None:
    counts = scale_set.count_by_type()
    assert [counts.get(t, 0) for t in ("VirtualMachine", "NetworkInterface", "AvailabilitySet")] == [0, 0, 0]


def test_a_scale_set_runs_no_per_vm_extension_or_gate(scale_set: Deployment) -> None:
    counts = scale_set.count_by_type()
    assert [counts.get(t, 0) for t in ("VirtualMachineExtension", "VirtualMachineRunCommandByVirtualMachine")] == [
        0,
        0,
    ]


def test_the_capacity_is_vm_count(scale_set: Deployment) -> None:
    assert scale_set_of(scale_set)["sku"] == {"name": "Standard_D2s_v5", "tier": "Standard", "capacity": 3}


def test_a_scale_set_spreads_over_the_regions_zones(scale_set: Deployment) -> None:
    assert scale_set_of(scale_set)["zones"] == ["1", "2", "3"]


def test_a_scale_set_uses_max_spreading(scale_set: Deployment) -> None:
    assert scale_set_of(scale_set)["platformFaultDomainCount"] == 1


def test_a_scale_set_in_a_region_without_zones_is_regional(scale_set_regional: Deployment) -> None:
    assert "zones" not in scale_set_of(scale_set_regional)


def test_a_scale_set_makes_the_public_ip_zone_redundant(scale_set: Deployment) -> None:
    assert scale_set.one("PublicIPAddress").inputs["zones"] == ["1", "2", "3"]


def test_a_regional_scale_set_leaves_the_public_ip_unzoned(scale_set_regional: Deployment) -> None:
    assert scale_set_regional.one("PublicIPAddress").inputs["zones"] == []


# --- network ---------------------------------------------------------------------------------------------


def test_the_instances_join_the_backend_pool(scale_set: Deployment) -> None:
    pools = [p["id"] for p in ip_configuration_of(scale_set)["loadBalancerBackendAddressPools"]]
    assert pools == [scale_set.outputs["backend_pool_id"]]


def test_the_instances_have_no_public_ip(scale_set: Deployment) -> None:
    assert "publicIPAddressConfiguration" not in ip_configuration_of(scale_set)


def test_the_instances_are_in_the_subnet(scale_set: Deployment) -> None:
    assert ip_configuration_of(scale_set)["subnet"]["id"] == scale_set.outputs["subnet_id"]


def test_the_network_profile_names_the_network_api_version(scale_set: Deployment) -> None:
    assert profile_of(scale_set)["networkProfile"]["networkApiVersion"] == "2020-11-01"


def test_the_load_balancer_keeps_its_outbound_rule(scale_set: Deployment) -> None:
    """Flexible instances have no default outbound access: the outbound rule gives them the internet."""
    assert [r["name"] for r in lb_inputs(scale_set)["outboundRules"]] == ["outbound"]


def test_the_load_balancer_carries_no_inbound_nat_rule_itself(scale_set: Deployment) -> None:
    assert "inboundNatRules" not in lb_inputs(scale_set)


# --- admin access: one NAT rule V2 over the pool -----------------------------------------------------------


def test_admin_access_is_one_nat_rule_over_the_backend_pool(scale_set: Deployment) -> None:
    rule = scale_set.one("InboundNatRule").inputs
    assert rule["backendAddressPool"]["id"] == scale_set.outputs["backend_pool_id"]


def test_the_nat_rule_forwards_a_port_range_to_the_admin_port(scale_set: Deployment) -> None:
    rule = scale_set.one("InboundNatRule").inputs
    assert (rule["frontendPortRangeStart"], rule["frontendPortRangeEnd"], rule["backendPort"]) == (50001, 51000, 22)


def test_the_nat_port_range_is_an_output(scale_set: Deployment) -> None:
    assert scale_set.outputs["nat_frontend_port_range"] == "50001-51000"


def test_scaling_out_leaves_the_nat_rule_unchanged(scale_set: Deployment, scale_set_scaled: Deployment) -> None:
    assert scale_set.one("InboundNatRule").inputs == scale_set_scaled.one("InboundNatRule").inputs


def test_scaling_out_leaves_the_load_balancer_unchanged(scale_set: Deployment, scale_set_scaled: Deployment) -> None:
    assert lb_inputs(scale_set) == lb_inputs(scale_set_scaled)


def test_scaling_out_changes_only_the_capacity(scale_set: Deployment, scale_set_scaled: Deployment) -> None:
    before, after = scale_set_of(scale_set), scale_set_of(scale_set_scaled)
    assert {k: v for k, v in after.items() if before.get(k) != v} == {
        "sku": {"name": "Standard_D2s_v5", "tier": "Standard", "capacity": 6}
    }


def test_the_nsg_admits_the_nat_ports_admin_port_from_the_admin_sources(scale_set: Deployment) -> None:
    rules = scale_set.one("NetworkSecurityGroup").inputs.get("securityRules", [])
    admin = [r for r in rules if r.get("destinationPortRange") == "22"]
    assert [r.get("sourceAddressPrefix") for r in admin] == ["203.0.113.7/32"]


def test_bastion_leaves_no_nat_rule(scale_set_bastion: Deployment) -> None:
    assert scale_set_bastion.of_type("InboundNatRule") == []


def test_bastion_outputs_no_nat_port_range(scale_set_bastion: Deployment) -> None:
    assert scale_set_bastion.outputs["nat_frontend_port_range"] is None


# --- the machines ------------------------------------------------------------------------------------------


def test_the_instances_take_trusted_launch(scale_set: Deployment) -> None:
    assert profile_of(scale_set)["securityProfile"]["securityType"] == "TrustedLaunch"


def test_linux_instances_sign_in_with_the_ssh_key_only(scale_set: Deployment) -> None:
    linux = profile_of(scale_set)["osProfile"]["linuxConfiguration"]
    assert (linux["disablePasswordAuthentication"], len(linux["ssh"]["publicKeys"])) == (True, 1)


def test_the_instances_send_boot_diagnostics_to_the_shared_account(scale_set: Deployment) -> None:
    account = scale_set.outputs["diagnostics_storage_account_name"]
    uri = profile_of(scale_set)["diagnosticsProfile"]["bootDiagnostics"]["storageUri"]
    assert uri.startswith(f"https://{account}.blob.")


def test_the_os_disks_are_managed_and_deleted_with_their_instance(scale_set: Deployment) -> None:
    os_disk = profile_of(scale_set)["storageProfile"]["osDisk"]
    assert (os_disk["deleteOption"], os_disk["managedDisk"]["storageAccountType"]) == ("Delete", "StandardSSD_LRS")


def test_the_windows_password_is_a_secret(scale_set_windows: Deployment) -> None:
    assert "virtualMachineProfile" in scale_set_windows.one("VirtualMachineScaleSet").secret_inputs


def test_windows_instances_install_iis_before_the_health_extension(scale_set_windows: Deployment) -> None:
    assert extensions_of(scale_set_windows)["health"]["provisionAfterExtensions"] == ["web-server"]


# --- credentials: VMAccess in the model, as on the VMs -------------------------------------------------------


def test_the_linux_key_goes_to_the_instances_through_vmaccess(scale_set: Deployment) -> None:
    extension = extensions_of(scale_set)["credentials"]
    assert (extension["publisher"], extension["type"]) == ("Microsoft.OSTCExtensions", "VMAccessForLinux")


def test_a_new_linux_key_removes_the_earlier_ones(scale_set: Deployment) -> None:
    protected = extensions_of(scale_set)["credentials"]["protectedSettings"]
    assert (protected["remove_prior_keys"], protected["username"]) == (True, "azureuser")


def test_the_linux_credentials_extension_has_no_public_settings(scale_set: Deployment) -> None:
    assert extensions_of(scale_set)["credentials"].get("settings") is None


def test_the_windows_password_goes_to_the_instances_through_vmaccess(scale_set_windows: Deployment) -> None:
    extension = extensions_of(scale_set_windows)["credentials"]
    assert (extension["type"], sorted(extension["protectedSettings"])) == ("VMAccessAgent", ["Password"])


def test_the_model_keeps_the_credentials_it_was_created_with(scale_set: Deployment) -> None:
    ignored = scale_set.one("VirtualMachineScaleSet").options.ignore_changes
    assert {
        "virtualMachineProfile.osProfile.adminPassword",
        "virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys",
    } <= set(ignored)


# --- health, rolling upgrades, repairs ---------------------------------------------------------------------


def test_the_health_extension_probes_what_the_load_balancer_probes(scale_set: Deployment) -> None:
    settings = extensions_of(scale_set)["health"]["settings"]
    (probe,) = lb_inputs(scale_set)["probes"]
    assert (settings["protocol"], settings["port"], settings["requestPath"]) == (
        probe["protocol"].lower(),
        probe["port"],
        probe["requestPath"],
    )


def test_the_health_extension_matches_the_os(scale_set_windows: Deployment) -> None:
    health = extensions_of(scale_set_windows)["health"]
    assert (health["publisher"], health["type"]) == ("Microsoft.ManagedServices", "ApplicationHealthWindows")


def test_upgrades_roll(scale_set: Deployment) -> None:
    assert scale_set_of(scale_set)["upgradePolicy"]["mode"] == "Rolling"


def test_a_rolling_upgrade_surges_by_default(scale_set: Deployment) -> None:
    assert scale_set_of(scale_set)["upgradePolicy"]["rollingUpgradePolicy"]["maxSurge"] is True


def test_the_batch_is_half_the_set_by_default(scale_set: Deployment) -> None:
    assert scale_set_of(scale_set)["upgradePolicy"]["rollingUpgradePolicy"]["maxBatchInstancePercent"] == 50


def test_automatic_repairs_are_on_with_a_grace_period_for_first_boot(scale_set: Deployment) -> None:
    assert scale_set_of(scale_set)["automaticRepairsPolicy"] == {
        "enabled": True,
        "gracePeriod": "PT30M",
        "repairAction": "Replace",
    }


def test_what_azure_fixes_at_creation_replaces_the_scale_set(scale_set: Deployment) -> None:
    options = scale_set.one("VirtualMachineScaleSet").options
    assert set(options.replace_on_changes) == {
        "orchestrationMode",
        "platformFaultDomainCount",
        "zones",
        "singlePlacementGroup",
    }


# --- autoscale --------------------------------------------------------------------------------------------


def test_without_autoscale_there_is_no_autoscale_setting(scale_set: Deployment) -> None:
    assert scale_set.of_type("AutoscaleSetting") == []


def test_without_autoscale_pulumi_up_sets_the_capacity(scale_set: Deployment) -> None:
    assert "sku.capacity" not in scale_set.one("VirtualMachineScaleSet").options.ignore_changes


def test_autoscale_targets_the_scale_set(scale_set_autoscaled: Deployment) -> None:
    setting = scale_set_autoscaled.one("AutoscaleSetting").inputs
    assert setting["targetResourceUri"] == scale_set_autoscaled.outputs["scale_set_id"]


def test_autoscale_keeps_between_min_and_max_starting_at_vm_count(scale_set_autoscaled: Deployment) -> None:
    (profile,) = scale_set_autoscaled.one("AutoscaleSetting").inputs["profiles"]
    assert profile["capacity"] == {"minimum": "2", "maximum": "10", "default": "3"}


def test_autoscale_scales_out_and_in_on_cpu(scale_set_autoscaled: Deployment) -> None:
    (profile,) = scale_set_autoscaled.one("AutoscaleSetting").inputs["profiles"]
    rules = [
        (
            r["metricTrigger"]["metricName"],
            r["metricTrigger"]["operator"],
            r["metricTrigger"]["threshold"],
            r["scaleAction"]["direction"],
        )
        for r in each(profile["rules"])
    ]
    assert rules == [
        ("Percentage CPU", "GreaterThan", 70, "Increase"),
        ("Percentage CPU", "LessThan", 30, "Decrease"),
    ]


def test_with_autoscale_pulumi_up_leaves_the_capacity_to_the_autoscaler(scale_set_autoscaled: Deployment) -> None:
    assert "sku.capacity" in scale_set_autoscaled.one("VirtualMachineScaleSet").options.ignore_changes


# --- outputs -------------------------------------------------------------------------------------------------


def test_the_scale_set_is_named_in_the_outputs(scale_set: Deployment) -> None:
    assert scale_set.outputs["scale_set_name"] == "web-vmss"


def test_the_scale_set_id_is_an_output(scale_set: Deployment) -> None:
    assert scale_set.outputs["scale_set_id"] == scale_set.one("VirtualMachineScaleSet").id


def test_vm_only_outputs_are_empty_for_a_scale_set(scale_set: Deployment) -> None:
    outputs = scale_set.outputs
    assert [outputs[k] for k in ("vm_names", "vm_ids", "private_ip_addresses", "nat_endpoints")] == [[], [], [], {}]


def test_the_availability_set_output_is_none_for_a_scale_set(scale_set: Deployment) -> None:
    assert scale_set.outputs["availability_set_id"] is None


def test_individual_vms_output_no_scale_set(linux_default: Deployment) -> None:
    outputs = linux_default.outputs
    assert [outputs[k] for k in ("scale_set_id", "scale_set_name", "nat_frontend_port_range")] == [None, None, None]
