"""The mocks refuse, on their own data, what the secure baseline must avoid: a diagnostics target whose
firewall keeps Azure Monitor out, Basic VMs behind a load balancer, sizes of no family, Trusted Launch on
generation-1 sizes, more fault domains than the region has and zonal resources where there are no zones."""

from __future__ import annotations

from typing import Any

import pytest

from offline.azure_mocks import AzureMocks

from ..support.arm import NIC_ID, RG, STORAGE_ID, VNET_ID, diagnostic_setting, linux_vm, refusal, register, standard_ip

TRUSTED_LAUNCH = {"securityType": "TrustedLaunch", "uefiSettings": {"secureBootEnabled": True, "vTpmEnabled": True}}
LOCKED_ID = STORAGE_ID.replace("diagacct", "locked")


def storage_account(name: str, **network_rule_set: Any) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "accountName": name,
        "sku": {"name": "Standard_LRS"},
        "networkRuleSet": network_rule_set,
    }


def vm(size: str, **extra: Any) -> dict[str, Any]:
    return {**linux_vm(), "hardwareProfile": {"vmSize": size}, **extra}


# --- storage firewall and Azure Monitor -----------------------------------------------------------------


@pytest.mark.parametrize("bypass", ["None", "Logging, Metrics"])
def test_a_diagnostic_setting_into_a_firewall_without_the_trusted_services_bypass_is_rejected(
    vm_mocks: AzureMocks, bypass: str
) -> None:
    register(vm_mocks, "StorageAccount", storage_account("locked", defaultAction="Deny", bypass=bypass))
    setting = diagnostic_setting(storageAccountId=LOCKED_ID)
    assert refusal(vm_mocks, "DiagnosticSetting", setting) == "StorageAccountFirewallBlocksAzureMonitor"


def test_a_diagnostic_setting_into_a_firewall_that_admits_trusted_services_is_accepted(vm_mocks: AzureMocks) -> None:
    register(vm_mocks, "StorageAccount", storage_account("locked", defaultAction="Deny", bypass="AzureServices"))
    register(vm_mocks, "DiagnosticSetting", diagnostic_setting(storageAccountId=LOCKED_ID))


# --- VM sizes ----------------------------------------------------------------------------------------


def test_a_size_of_no_family_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "VirtualMachine", vm("Standard_X9")) == "InvalidParameter"


def test_a_basic_size_outside_the_basic_a_series_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "VirtualMachine", vm("Basic_A5")) == "InvalidParameter"


def test_a_basic_vm_whose_nic_is_in_a_backend_pool_is_rejected(vm_mocks: AzureMocks) -> None:
    lb_id = f"/subscriptions/{NIC_ID.split('/')[2]}/resourceGroups/{RG}/providers/Microsoft.Network/loadBalancers/lb"
    register(
        vm_mocks,
        "LoadBalancer",
        {
            "resourceGroupName": RG,
            "loadBalancerName": "lb",
            "sku": {"name": "Standard"},
            "frontendIPConfigurations": [{"name": "fe", "subnet": {"id": f"{VNET_ID}/subnets/vms"}}],
            "backendAddressPools": [{"name": "pool"}],
        },
    )
    configuration = {
        "name": "ipconfig1",
        "subnet": {"id": f"{VNET_ID}/subnets/vms"},
        "loadBalancerBackendAddressPools": [{"id": f"{lb_id}/backendAddressPools/pool"}],
    }
    register(
        vm_mocks,
        "NetworkInterface",
        {"resourceGroupName": RG, "networkInterfaceName": "pooled", "ipConfigurations": [configuration]},
    )
    pooled = vm("Basic_A1", networkProfile={"networkInterfaces": [{"id": NIC_ID.replace("/nic", "/pooled")}]})
    assert refusal(vm_mocks, "VirtualMachine", pooled) == "LoadBalancingNotSupportedForBasicVm"


def test_a_basic_vm_outside_any_backend_pool_is_accepted(vm_mocks: AzureMocks) -> None:
    register(vm_mocks, "VirtualMachine", vm("Basic_A1"))


# --- Trusted Launch ------------------------------------------------------------------------------------


def test_trusted_launch_on_a_generation_1_size_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "VirtualMachine", vm("Standard_A2_v2", securityProfile=TRUSTED_LAUNCH)) == "BadRequest"


def test_trusted_launch_on_a_dv2_promo_size_is_rejected(vm_mocks: AzureMocks) -> None:
    promo = vm("Standard_D2_v2_Promo", securityProfile=TRUSTED_LAUNCH)
    assert refusal(vm_mocks, "VirtualMachine", promo) == "BadRequest"


def test_trusted_launch_on_a_generation_2_size_is_accepted(vm_mocks: AzureMocks) -> None:
    register(vm_mocks, "VirtualMachine", vm("Standard_D2s_v5", securityProfile=TRUSTED_LAUNCH))


def test_uefi_settings_without_a_security_type_are_rejected(vm_mocks: AzureMocks) -> None:
    uefi_only = {"uefiSettings": TRUSTED_LAUNCH["uefiSettings"]}
    assert refusal(vm_mocks, "VirtualMachine", vm("Standard_D2s_v5", securityProfile=uefi_only)) == "InvalidParameter"


# --- what the region offers ------------------------------------------------------------------------------


def availability_set(location: str, fault_domains: int) -> dict[str, Any]:
    return {
        "resourceGroupName": RG,
        "availabilitySetName": "set",
        "location": location,
        "sku": {"name": "Aligned"},
        "platformFaultDomainCount": fault_domains,
    }


def test_three_fault_domains_where_the_region_has_two_are_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "AvailabilitySet", availability_set("uksouth", 3)) == "InvalidParameter"


def test_three_fault_domains_where_the_region_has_three_are_accepted(vm_mocks: AzureMocks) -> None:
    register(vm_mocks, "AvailabilitySet", availability_set("westeurope", 3))


def test_a_zonal_vm_in_a_region_without_zones_is_rejected(vm_mocks: AzureMocks) -> None:
    zonal = {**vm("Standard_D2s_v5"), "location": "westcentralus", "zones": ["1"]}
    assert refusal(vm_mocks, "VirtualMachine", zonal) == "AvailabilityZoneNotSupported"


def test_a_zone_redundant_public_ip_in_a_region_without_zones_is_rejected(vm_mocks: AzureMocks) -> None:
    ip = standard_ip(publicIpAddressName="zonal", location="ukwest", zones=["1", "2", "3"])
    assert refusal(vm_mocks, "PublicIPAddress", ip) == "AvailabilityZoneNotSupported"
