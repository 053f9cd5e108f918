"""Microsoft.Compute: availability sets, virtual machines, and a VM's extensions and managed run
commands, with the rules for VM sizes, Trusted Launch, disks, OS profiles and guest patching."""

from __future__ import annotations

import base64
import re
import uuid
from typing import Any

from .arm import ArmRejection, autoname, check_zones, check_zones_offered, resource_id
from .catalog import (
    BASIC_VM_SIZES,
    EXTENSION_OS,
    GEN1_ONLY_SIZES,
    HEALTH_EXTENSIONS,
    MAX_CUSTOM_DATA_BYTES,
    MAX_FAULT_DOMAINS,
    MAX_FLEX_INSTANCES,
    MAX_FLEX_REGIONAL_FAULT_DOMAINS,
    MAX_LINUX_COMPUTER_NAME,
    MAX_UPDATE_DOMAINS,
    MAX_WINDOWS_COMPUTER_NAME,
    NETWORK_API_VERSIONS,
    PATCH_MODES,
    REPAIR_GRACE_MINUTES,
    ROLLING_BATCH_PERCENT,
    VM_SIZE_FAMILIES,
)
from .state import Answer, ArmState, Registered


def availability_set(arm: ArmState, avset_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    state = arm.located(inputs)
    most = MAX_FAULT_DOMAINS.get(state["location"], 3)
    if not 1 <= inputs.get("platformFaultDomainCount", 2) <= most:
        raise ArmRejection(
            "InvalidParameter",
            f"The specified fault domain count {inputs.get('platformFaultDomainCount')} must fall in the range "
            f"1 to {most}.",
        )
    if not 1 <= inputs.get("platformUpdateDomainCount", 5) <= MAX_UPDATE_DOMAINS:
        raise ArmRejection("InvalidParameter", "platformUpdateDomainCount must be 1-20.")
    sku = (inputs.get("sku") or {}).get("name", "Classic")
    return avset_id, {**state, "name": name, "sku": {"name": sku}}


def virtual_machine(arm: ArmState, vm_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    size = (inputs.get("hardwareProfile") or {}).get("vmSize")
    if size is not None and not is_vm_size(size):
        raise ArmRejection("InvalidParameter", f"The value {size} provided for the VM size is not valid.")
    security = inputs.get("securityProfile") or {}
    if (
        security.get("securityType") == "TrustedLaunch"
        and size is not None
        and (size.lower().startswith("basic_") or GEN1_ONLY_SIZES.match(size))
    ):
        raise ArmRejection(
            "BadRequest", f"The selected VM size '{size}' cannot boot Hypervisor Generation '2' (Trusted Launch)."
        )
    if security.get("uefiSettings") and security.get("securityType") not in ("TrustedLaunch", "ConfidentialVM"):
        raise ArmRejection("InvalidParameter", "uefiSettings need securityType TrustedLaunch or ConfidentialVM.")
    avset = arm.find(inputs.get("availabilitySet", {}).get("id", ""))
    os_disk = inputs["storageProfile"]["osDisk"]
    managed = "vhd" not in os_disk
    if avset is not None:
        sku = avset.state["sku"]["name"]
        if managed and sku != "Aligned":
            raise ArmRejection("InvalidParameter", "Please create an Availability Set with 'Aligned' SKU.")
        if not managed and sku != "Classic":
            raise ArmRejection("InvalidParameter", "Unmanaged disks need a 'Classic' availability set.")
    zones = inputs.get("zones")
    if zones:
        check_zones(zones)
        if len(zones) != 1:
            raise ArmRejection("InvalidParameter", "A virtual machine can be placed in one availability zone.")
        if avset is not None or inputs.get("availabilitySet"):
            # ARM: a VM is either in an availability set or in a zone.
            raise ArmRejection(
                "InvalidParameter", "Availability Zone and Availability Set cannot be specified together."
            )
        if not managed:
            raise ArmRejection("InvalidParameter", "Zonal virtual machines need managed disks.")
    if not managed and not arm.accept_unmanaged_disks:
        raise ArmRejection(
            "OperationNotAllowed", "Unmanaged disks are retired (2026-03-31): create VMs with managed disks."
        )
    if not managed:
        account = _account_of(os_disk["vhd"]["uri"])
        if account not in arm.storage_accounts:
            raise ArmRejection("StorageAccountNotFound", f"VHD storage account {account} not found.")
    for nic in inputs["networkProfile"]["networkInterfaces"]:
        interface = arm.find(nic["id"])
        if interface is None:
            raise ArmRejection("InvalidResourceReference", f"NIC {nic['id']} not found.")
        if nic.get("deleteOption", "Detach") not in ("Delete", "Detach"):
            raise ArmRejection("InvalidParameter", f"deleteOption {nic['deleteOption']!r} is not Delete or Detach.")
        pooled = any(c.get("loadBalancerBackendAddressPools") for c in interface.inputs["ipConfigurations"])
        if pooled and (size or "").lower().startswith("basic_"):
            raise ArmRejection(
                "LoadBalancingNotSupportedForBasicVm", f"{size}: Basic VMs cannot be behind a load balancer."
            )
    profile = inputs["osProfile"]
    if len(base64.b64decode(profile.get("customData", ""))) > MAX_CUSTOM_DATA_BYTES:
        raise ArmRejection("InvalidParameter", "customData decodes to more than 65535 bytes.")
    linux = profile.get("linuxConfiguration")
    _check_patch_settings(linux, profile.get("windowsConfiguration"))
    if linux is not None:
        if len(profile["computerName"]) > MAX_LINUX_COMPUTER_NAME:
            raise ArmRejection("InvalidParameter", "Linux computer names are at most 64 characters.")
        keys = (linux.get("ssh") or {}).get("publicKeys", [])
        if linux.get("disablePasswordAuthentication") and not keys:
            raise ArmRejection("InvalidParameter", "Password authentication is disabled but no SSH key is given.")
        if not linux.get("disablePasswordAuthentication") and not profile.get("adminPassword"):
            raise ArmRejection("InvalidParameter", "adminPassword is required when password login is enabled.")
    else:
        if len(profile["computerName"]) > MAX_WINDOWS_COMPUTER_NAME:
            raise ArmRejection("InvalidParameter", "Windows computer names are at most 15 characters.")
        if not profile.get("adminPassword"):
            raise ArmRejection("InvalidParameter", "Windows VMs need adminPassword.")
    boot = (inputs.get("diagnosticsProfile") or {}).get("bootDiagnostics") or {}
    if boot.get("storageUri"):
        account = _account_of(boot["storageUri"])
        if account not in arm.storage_accounts:
            raise ArmRejection("StorageAccountNotFound", f"boot diagnostics account {account} not found.")
        if arm.storage_accounts[account].startswith("Premium") or "ZRS" in arm.storage_accounts[account]:
            raise ArmRejection("InvalidParameter", "Boot diagnostics cannot use a Premium or ZRS account.")
    state = {**arm.located(inputs), "name": name, "vmId": str(uuid.uuid5(uuid.NAMESPACE_URL, vm_id))}
    check_zones_offered(state["location"], zones)
    return vm_id, state


def virtual_machine_scale_set(arm: ArmState, vmss_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    """A scale set in Flexible orchestration, with the rules of Learn's Flexible, fault-domain,
    rolling-upgrade and automatic-repair pages (sources: catalog.py)."""
    if inputs.get("orchestrationMode") != "Flexible":
        raise ArmRejection("InvalidParameter", "These mocks model Flexible orchestration only.")
    if inputs.get("singlePlacementGroup"):
        raise ArmRejection("InvalidParameter", "singlePlacementGroup must be false with Flexible orchestration.")
    zones = inputs.get("zones") or []
    check_zones(zones)
    fault_domains = inputs.get("platformFaultDomainCount", 1)
    most = 1 if zones else MAX_FLEX_REGIONAL_FAULT_DOMAINS
    if not 1 <= fault_domains <= most:
        raise ArmRejection(
            "InvalidParameter",
            f"platformFaultDomainCount {fault_domains} is not supported: a {'zonal' if zones else 'regional'} "
            f"Flexible scale set takes 1-{most}.",
        )
    sku = inputs.get("sku") or {}
    size, capacity = sku.get("name"), sku.get("capacity", 0)
    if size is None or not is_vm_size(size):
        raise ArmRejection("InvalidParameter", f"The value {size} provided for the VM size is not valid.")
    if size.lower().startswith("basic_"):
        raise ArmRejection("LoadBalancingNotSupportedForBasicVm", f"{size}: Basic VMs cannot be load balanced.")
    most_instances = MAX_FLEX_INSTANCES if fault_domains == 1 else 200
    if not 0 <= capacity <= most_instances:
        raise ArmRejection("InvalidParameter", f"sku.capacity {capacity} is above {most_instances} instances.")
    profile = inputs.get("virtualMachineProfile") or {}
    _check_scale_set_network(arm, profile.get("networkProfile") or {})
    extensions = (profile.get("extensionProfile") or {}).get("extensions", [])
    has_health = any((e.get("publisher"), e.get("type")) in HEALTH_EXTENSIONS for e in extensions)
    upgrade = inputs.get("upgradePolicy") or {}
    if upgrade.get("mode") == "Rolling":
        if not has_health:
            # Learn, configure-rolling-upgrades (ms.date 2026-05-19): Flexible needs the extension.
            raise ArmRejection(
                "InvalidParameter",
                "A rolling upgrade policy on a Flexible scale set needs the Application Health extension.",
            )
        batch = (upgrade.get("rollingUpgradePolicy") or {}).get("maxBatchInstancePercent", 20)
        if not ROLLING_BATCH_PERCENT[0] <= batch <= ROLLING_BATCH_PERCENT[1]:
            raise ArmRejection("InvalidParameter", f"maxBatchInstancePercent {batch} is not within 5-100.")
        auto_os = (upgrade.get("automaticOSUpgradePolicy") or {}).get("enableAutomaticOSUpgrade")
        if auto_os and (upgrade.get("rollingUpgradePolicy") or {}).get("maxSurge"):
            # Learn, maxsurge (ms.date 2026-05-19): not yet supported together on Flexible.
            raise ArmRejection(
                "InvalidParameter", "MaxSurge and automatic OS image upgrades are not supported together."
            )
    repairs = inputs.get("automaticRepairsPolicy") or {}
    if repairs.get("enabled"):
        if not has_health:
            raise ArmRejection("InvalidParameter", "Automatic repairs need application health monitoring.")
        match = re.fullmatch(r"PT(\d+)M", repairs.get("gracePeriod", "PT10M"))
        if match is None or not REPAIR_GRACE_MINUTES[0] <= int(match.group(1)) <= REPAIR_GRACE_MINUTES[1]:
            raise ArmRejection(
                "InvalidParameter", f"gracePeriod {repairs.get('gracePeriod')} is not within PT10M-PT90M."
            )
    security = profile.get("securityProfile") or {}
    if security.get("securityType") == "TrustedLaunch" and GEN1_ONLY_SIZES.match(size):
        raise ArmRejection(
            "BadRequest", f"The selected VM size '{size}' cannot boot Hypervisor Generation '2' (Trusted Launch)."
        )
    os_profile = profile.get("osProfile") or {}
    linux = os_profile.get("linuxConfiguration")
    _check_patch_settings(linux, os_profile.get("windowsConfiguration"))
    if linux is not None:
        keys = (linux.get("ssh") or {}).get("publicKeys", [])
        if linux.get("disablePasswordAuthentication") and not keys:
            raise ArmRejection("InvalidParameter", "Password authentication is disabled but no SSH key is given.")
    elif not os_profile.get("adminPassword"):
        raise ArmRejection("InvalidParameter", "Windows instances need adminPassword.")
    boot = (profile.get("diagnosticsProfile") or {}).get("bootDiagnostics") or {}
    if boot.get("storageUri") and _account_of(boot["storageUri"]) not in arm.storage_accounts:
        raise ArmRejection(
            "StorageAccountNotFound", f"boot diagnostics account {_account_of(boot['storageUri'])} not found."
        )
    state = {**arm.located(inputs), "name": name, "uniqueId": str(uuid.uuid5(uuid.NAMESPACE_URL, vmss_id))}
    check_zones_offered(state["location"], zones or None)
    return vmss_id, state


def _check_scale_set_network(arm: ArmState, network_profile: dict[str, Any]) -> None:
    configurations = network_profile.get("networkInterfaceConfigurations", [])
    if configurations and network_profile.get("networkApiVersion") not in NETWORK_API_VERSIONS:
        # Flexible orchestration creates the NICs itself: the profile must name the Network API version.
        raise ArmRejection(
            "InvalidParameter",
            "networkApiVersion is required for a Flexible scale set's networkInterfaceConfigurations.",
        )
    for configuration in configurations:
        for ip_configuration in configuration.get("ipConfigurations", []):
            arm.subnet(ip_configuration["subnet"]["id"])
            if ip_configuration.get("loadBalancerInboundNatPools"):
                # Learn, flexible-virtual-machine-scale-sets: NAT pools are not supported with Flexible.
                raise ArmRejection(
                    "InvalidParameter", "Inbound NAT pools are not supported with Flexible orchestration."
                )
            for pool in ip_configuration.get("loadBalancerBackendAddressPools", []):
                lb_id, sep, rest = pool["id"].partition("/backendAddressPools/")
                lb = arm.find(lb_id)
                if not sep or lb is None or rest not in {p["name"] for p in lb.inputs.get("backendAddressPools", [])}:
                    raise ArmRejection(
                        "InvalidResourceReference", f"{pool['id']} is not a backend pool of a load balancer."
                    )


def is_vm_size(size: str) -> bool:
    """Whether ARM takes `size` as a VM size: one of the Basic sizes, or a Standard size of a known family."""
    if size.lower().startswith("basic_"):
        return size.lower() in BASIC_VM_SIZES
    family = re.match(r"^standard_([a-z]+)\d", size, re.IGNORECASE)
    return family is not None and family.group(1).lower() in VM_SIZE_FAMILIES


def _check_patch_settings(linux: dict[str, Any] | None, windows: dict[str, Any] | None) -> None:
    """Compute API rules for guest patching (learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching)."""
    os_name, configuration = ("linux", linux) if linux is not None else ("windows", windows or {})
    patch = configuration.get("patchSettings") or {}
    mode = patch.get("patchMode")
    if mode is not None and mode not in PATCH_MODES[os_name]:
        raise ArmRejection("InvalidParameter", f"patchMode {mode!r} is not valid for {os_name} VMs.")
    platform = mode == "AutomaticByPlatform" or patch.get("assessmentMode") == "AutomaticByPlatform"
    if platform and not configuration.get("provisionVMAgent", True):
        raise ArmRejection("InvalidParameter", "AutomaticByPlatform patching needs provisionVMAgent=true.")
    if os_name == "windows" and mode is not None:
        automatic_updates = configuration.get("enableAutomaticUpdates", True)
        if (mode == "Manual") == bool(automatic_updates):
            raise ArmRejection(
                "InvalidParameter",
                f"patchMode {mode!r} needs enableAutomaticUpdates={'false' if mode == 'Manual' else 'true'}.",
            )
    if patch.get("automaticByPlatformSettings") and mode != "AutomaticByPlatform":
        raise ArmRejection("InvalidParameter", "automaticByPlatformSettings need patchMode AutomaticByPlatform.")


def _account_of(url: str) -> str:
    """The storage account of a blob URL: https://<account>.blob.core.windows.net/..."""
    return url.split("//", 1)[1].split(".", 1)[0]


# --- a VM's children -----------------------------------------------------------------------------


def virtual_machine_extension(arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
    vm = _parent_vm(arm, inputs)
    name = inputs.get("vmExtensionName") or autoname(logical_name)
    handler = (inputs.get("publisher", ""), inputs.get("type", ""))
    os_name = "windows" if "windowsConfiguration" in (vm.inputs.get("osProfile") or {}) else "linux"
    expected = EXTENSION_OS.get(handler)
    if expected is not None and expected != os_name:
        raise ArmRejection(
            "VMExtensionProvisioningError", f"{name}: {handler[1]} runs on {expected} VMs, not on {vm.name}."
        )
    handlers = arm.extension_handlers.setdefault(vm.id.lower(), {})
    if handlers.setdefault(handler, name) != name:
        # learn.microsoft.com/azure/virtual-machines/extensions/features-windows: one extension per handler.
        raise ArmRejection(
            "OperationNotAllowed", f"Multiple VMExtensions per handler not supported: {handler[1]} on {vm.name}."
        )
    if inputs.get("protectedSettings") is not None and not isinstance(inputs["protectedSettings"], dict):
        raise ArmRejection("InvalidParameter", f"{name}: protectedSettings is a JSON object.")
    return f"{vm.id}/extensions/{name}", {**arm.located(inputs), "name": name}


def run_command(arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
    """A managed run command (learn.microsoft.com/azure/virtual-machines/run-command-managed):
    a script (inline, from a URI, or a built-in command) the VM agent runs; with
    `treatFailureAsDeploymentFailure` a failing script fails the PUT."""
    vm = _parent_vm(arm, inputs)
    name = inputs.get("runCommandName") or autoname(logical_name)
    source = inputs.get("source") or {}
    if sum(1 for key in ("script", "scriptUri", "commandId") if source.get(key)) != 1:
        raise ArmRejection("InvalidParameter", f"{name}: source needs exactly one of script, scriptUri, commandId.")
    for parameter in [*inputs.get("parameters", []), *inputs.get("protectedParameters", [])]:
        if not parameter.get("name") or not isinstance(parameter.get("value"), str):
            raise ArmRejection("InvalidParameter", f"{name}: each parameter needs a name and a string value.")
    timeout = inputs.get("timeoutInSeconds", 0)
    if not isinstance(timeout, (int, float)) or timeout < 0:
        raise ArmRejection("InvalidParameter", f"{name}: timeoutInSeconds must be a positive number.")
    state = {**arm.located(inputs), "name": name, "provisioningState": "Succeeded"}
    return f"{vm.id}/runCommands/{name}", state


def _parent_vm(arm: ArmState, inputs: dict[str, Any]) -> Registered:
    vm = arm.find(resource_id(inputs["resourceGroupName"], "Microsoft.Compute/virtualMachines", inputs["vmName"]))
    if vm is None:
        raise ArmRejection("ParentResourceNotFound", f"VM {inputs['vmName']} not found.")
    return vm
