"""The availability set, and each VM with its NIC (its extensions and readiness gate: vm_extensions.py).

A VM's changes roll through the set (decisions/rollout.py): the NIC and VM of batch k+1 wait for
the barrier standing for the readiness gates of batch k. A change Azure fixes at creation replaces
the VM and its NIC (decisions/replacement.py); a new credential updates the VMAccess extension only
(decisions/credentials.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi_azure_native import compute, network, storage

from ..decisions.cloud_init import default_linux_cloud_init, encode_custom_data
from ..decisions.naming import ResourceNames
from ..decisions.replacement import VM_CREDENTIAL_PATHS, VM_REPLACE_ON_CHANGES, fingerprint
from ..decisions.spec import DiskStorage, OsType, VmSetSpec
from ..decisions.zones import vm_zones
from .scope import ResourceScope
from .storage import VHD_CONTAINER, blob_endpoint
from .vm_extensions import build_credentials_extension, build_readiness_gate, build_web_server

# Works with every VM size; Premium_LRS would need an "s" size.
OS_DISK_TYPE = "StandardSSD_LRS"


@dataclass(frozen=True)
class Credentials:
    admin_password: pulumi.Output[str] | None
    """Already a Pulumi secret; None when the VMs sign in with an SSH key only."""
    ssh_public_key: pulumi.Input[str] | None


@dataclass(frozen=True)
class SharedInputs:
    """What every VM of the set shares."""

    spec: VmSetSpec
    names: ResourceNames
    scope: ResourceScope
    subnet_id: pulumi.Input[str]
    nic_network_security_group_id: pulumi.Input[str] | None
    """The NSG for each NIC (bring-your-own subnet); None when it sits on the subnet."""
    backend_pool_id: pulumi.Input[str]
    availability_set_id: pulumi.Input[str] | None
    """None in placement `zones`: a VM is in an availability set or in a zone, never both."""
    boot_diagnostics_uri: pulumi.Input[str]
    credentials: Credentials
    custom_data: pulumi.Input[str] | None
    """The caller's custom data, already base64-encoded (see `encoded_custom_data`); None: the default."""
    load_balancer: pulumi.Resource


@dataclass(frozen=True)
class Vm:
    nic: network.NetworkInterface
    vm: compute.VirtualMachine
    web_server: compute.VirtualMachineExtension | None
    """Windows only, without custom_data: IIS, so the default HTTP probe finds a server."""
    credentials: compute.VirtualMachineExtension
    """VMAccess, holding the current SSH key or password: rotation in place."""
    readiness_gate: compute.VirtualMachineRunCommandByVirtualMachine
    """Ends once the VM answers its health probe; the next batch waits for it."""


def build_availability_set(
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
) -> compute.AvailabilitySet:
    # "Aligned" is required for VMs with managed disks, "Classic" for unmanaged (VHD) disks;
    # the API default is Classic. Fault and update domain counts cannot change later.
    return compute.AvailabilitySet(
        names.availability_set,
        compute.AvailabilitySetArgs(
            resource_group_name=scope.resource_group_name,
            availability_set_name=names.availability_set,
            location=scope.location,
            tags=scope.tags,
            sku=compute.SkuArgs(name="Aligned" if spec.compute.disk_storage is DiskStorage.MANAGED else "Classic"),
            platform_fault_domain_count=spec.placement.fault_domain_count,
            platform_update_domain_count=spec.placement.update_domain_count,
        ),
        opts=scope.options(),
    )


def encoded_custom_data(custom_data: pulumi.Input[str] | None) -> pulumi.Input[str] | None:
    """The caller's custom data as the VMs take it (base64), encoded once for the whole set."""
    return None if custom_data is None else pulumi.Output.from_input(custom_data).apply(encode_custom_data)


def build_vm(
    vm_index: int,
    shared: SharedInputs,
    inbound_nat_rule_id: pulumi.Input[str] | None,
    vhd_account: storage.StorageAccount | None,
    vhd_container: storage.BlobContainer | None,
    previous_batch: Sequence[pulumi.Resource] = (),
) -> Vm:
    """VM `vm_index` (0-based): its inputs depend on nothing but its index, so it never
    changes when the set is scaled. It waits for `previous_batch`, the barrier of the batch
    before its own (see `build_batch_barrier`)."""
    spec, names = shared.spec, shared.names
    vm_name = names.vm(vm_index)
    os_profile = _os_profile(vm_index, shared)
    image = compute.ImageReferenceArgs(
        publisher=spec.compute.image.publisher,
        offer=spec.compute.image.offer,
        sku=spec.compute.image.sku,
        version=spec.compute.image.version,
    )
    zones = vm_zones(spec, vm_index)
    # What Azure fixes at creation, by the path `replace_on_changes` names: when one of these
    # changes the VM is replaced, and its NIC with it (the NIC's replacement trigger).
    fixed_at_creation: dict[str, pulumi.Input[Any]] = {
        "storageProfile.imageReference": [image.publisher, image.offer, image.sku, image.version],
        "osProfile.customData": os_profile.custom_data,
        "osProfile.adminUsername": spec.credentials.admin_username,
        "osProfile.computerName": os_profile.computer_name,
        "osProfile.linuxConfiguration.disablePasswordAuthentication": not spec.password_login_enabled
        if spec.compute.os_type is OsType.LINUX
        else None,
        "osProfile.windowsConfiguration.enableAutomaticUpdates": spec.patching.enable_automatic_updates,
        "availabilitySet": shared.availability_set_id,
        "zones": zones,
        "storageProfile.osDisk.name": names.os_disk(vm_index),
        "storageProfile.osDisk.vhd": vhd_account is not None,
        "securityProfile": spec.compute.trusted_launch,
    }
    assert fixed_at_creation.keys() == set(VM_REPLACE_ON_CHANGES)  # one list of what replaces a VM
    created_as = pulumi.Output.all(**fixed_at_creation).apply(fingerprint)
    nic = _network_interface(vm_index, shared, inbound_nat_rule_id, previous_batch, created_as)
    vm = compute.VirtualMachine(
        vm_name,
        compute.VirtualMachineArgs(
            resource_group_name=shared.scope.resource_group_name,
            vm_name=vm_name,
            location=shared.scope.location,
            tags=shared.scope.tags,
            availability_set=compute.SubResourceArgs(id=shared.availability_set_id)
            if shared.availability_set_id is not None
            else None,
            zones=zones,
            hardware_profile=compute.HardwareProfileArgs(vm_size=spec.compute.vm_size),
            network_profile=compute.NetworkProfileArgs(
                network_interfaces=[
                    compute.NetworkInterfaceReferenceArgs(id=nic.id, primary=True, delete_option="Delete")
                ]
            ),
            os_profile=os_profile,
            storage_profile=compute.StorageProfileArgs(
                image_reference=image,
                os_disk=_os_disk(vm_index, shared, vhd_account, created_as),
            ),
            diagnostics_profile=compute.DiagnosticsProfileArgs(
                boot_diagnostics=compute.BootDiagnosticsArgs(enabled=True, storage_uri=shared.boot_diagnostics_uri)
            ),
            # Set explicitly: Compute API 2024-11-01, which pulumi-azure-native v3 uses, defaults to Standard
            # (Trusted Launch as default applies from API 2025-11-01). Azure changes it only on a
            # deallocated VM, so it is right from the first `pulumi up`.
            # learn.microsoft.com/azure/virtual-machines/trusted-launch
            security_profile=compute.SecurityProfileArgs(
                security_type=compute.SecurityTypes.TRUSTED_LAUNCH,
                uefi_settings=compute.UefiSettingsArgs(secure_boot_enabled=True, v_tpm_enabled=True),
            )
            if spec.compute.trusted_launch
            else None,
        ),
        opts=shared.scope.options(
            depends_on=[*previous_batch, *([vhd_container] if vhd_container is not None else [])],
            replace_on_changes=list(VM_REPLACE_ON_CHANGES),
            ignore_changes=list(VM_CREDENTIAL_PATHS),
            # Deleted before its NIC is: Azure deletes the NIC with it (deleteOption above).
            replace_with=[nic],
        ),
    )
    web_server = (
        build_web_server(vm_name, vm, shared)
        if spec.compute.os_type is OsType.WINDOWS and shared.custom_data is None
        else None
    )
    # A VM takes one extension operation at a time: web server, then credentials, then the gate.
    credentials = build_credentials_extension(vm_name, vm, shared, after=web_server)
    gate = build_readiness_gate(vm_name, vm, shared, created_as, after=credentials)
    return Vm(nic=nic, vm=vm, web_server=web_server, credentials=credentials, readiness_gate=gate)


def _network_interface(
    vm_index: int,
    shared: SharedInputs,
    inbound_nat_rule_id: pulumi.Input[str] | None,
    previous_batch: Sequence[pulumi.Resource],
    created_as: pulumi.Output[str],
) -> network.NetworkInterface:
    names = shared.names
    name = names.nic(vm_index)
    return network.NetworkInterface(
        name,
        network.NetworkInterfaceArgs(
            resource_group_name=shared.scope.resource_group_name,
            network_interface_name=_name_replaced_with_availability_set(name, shared.availability_set_id),
            location=shared.scope.location,
            tags=shared.scope.tags,
            ip_configurations=[
                network.NetworkInterfaceIPConfigurationArgs(
                    name="ipconfig1",
                    primary=True,
                    subnet=network.SubnetArgs(id=shared.subnet_id),
                    private_ip_allocation_method="Dynamic",
                    # No public IP: the VM is reached through the load balancer only.
                    load_balancer_backend_address_pools=[network.BackendAddressPoolArgs(id=shared.backend_pool_id)],
                    load_balancer_inbound_nat_rules=[network.InboundNatRuleArgs(id=inbound_nat_rule_id)]
                    if inbound_nat_rule_id is not None
                    else None,
                )
            ],
            network_security_group=network.NetworkSecurityGroupArgs(id=shared.nic_network_security_group_id)
            if shared.nic_network_security_group_id is not None
            else None,
        ),
        # A replaced VM gets a new NIC: Azure deletes the old one with the old VM (the VM's
        # deleteOption), since a NIC stays reserved for its deleted VM for 180 s and neither another
        # VM nor a DELETE may take it meanwhile (NicReservedForAnotherVm; microsoft/AzureTRE#4511).
        # The VM's settings fixed at creation replace the NIC through this trigger, and the VM follows
        # it (its `replace_with`). The other direction cannot be declared: the NIC registers before
        # the VM, whose URN `replace_with` and `deleted_with` would need (pulumi/pulumi sdk/python
        # runtime/resource.py, `_prepare_resource`, awaits `urn`), and a replacement the engine
        # starts at the VM (`pulumi up --replace <vm>`) deletes only what names the VM in its own
        # `replace_with` (step_generator.go, `findDependentCascadeReplacements`), after the NIC's
        # registration is done: rebuild a VM by replacing its NIC (docs/operations.md).
        opts=shared.scope.options(depends_on=[shared.load_balancer, *previous_batch], replacement_trigger=created_as),
    )


def _name_replaced_with_availability_set(name: str, availability_set_id: pulumi.Input[str] | None) -> pulumi.Input[str]:
    """The NIC's fixed name, carrying the availability set as a dependency. When the engine replaces
    the availability set (delete first: its name is fixed), it deletes first every dependent whose
    inputs from it, made unknown, would replace it (step_generator.go, `calculateDependentReplacements`):
    the VMs (`availabilitySet` is in their `replace_on_changes`) and, through this name, a path
    parameter the provider replaces on (pulumi-azure-native provider/pkg/provider/diff.go,
    `calculateDetailedDiff`), their NICs, which Azure deletes with the VMs. Without it the NICs
    would stay in the state, gone, and each new VM would be created with a NIC that no longer exists."""
    if availability_set_id is None:
        return name
    return pulumi.Output.from_input(availability_set_id).apply(lambda _: name)


def _os_profile(vm_index: int, shared: SharedInputs) -> compute.OSProfileArgs:
    spec, credentials = shared.spec, shared.credentials
    vm_name = shared.names.vm(vm_index)
    custom_data: pulumi.Input[str] | None
    if shared.custom_data is not None:
        custom_data = shared.custom_data
    elif spec.compute.os_type is OsType.LINUX:
        custom_data = encode_custom_data(default_linux_cloud_init(vm_name))
    else:
        custom_data = None
    linux = windows = None
    if spec.compute.os_type is OsType.LINUX:
        linux = compute.LinuxConfigurationArgs(
            disable_password_authentication=not spec.password_login_enabled,
            provision_vm_agent=True,  # automatic guest patching and assessment need the VM agent
            patch_settings=compute.LinuxPatchSettingsArgs(
                patch_mode=spec.patching.patch_mode,
                assessment_mode=spec.patching.assessment_mode,
                automatic_by_platform_settings=_linux_platform_settings(spec),
            ),
            ssh=compute.SshConfigurationArgs(
                public_keys=[
                    compute.SshPublicKeyArgs(
                        path=f"/home/{spec.credentials.admin_username}/.ssh/authorized_keys",
                        key_data=credentials.ssh_public_key,
                    )
                ]
            )
            if credentials.ssh_public_key is not None
            else None,
        )
    else:
        windows = compute.WindowsConfigurationArgs(
            provision_vm_agent=True,
            # Must be true for AutomaticByPlatform and AutomaticByOS, false for Manual; fixed at creation.
            enable_automatic_updates=spec.patching.enable_automatic_updates,
            patch_settings=compute.PatchSettingsArgs(
                patch_mode=spec.patching.patch_mode,
                assessment_mode=spec.patching.assessment_mode,
                automatic_by_platform_settings=_windows_platform_settings(spec),
            ),
        )
    return compute.OSProfileArgs(
        computer_name=shared.names.computer_name(vm_index, spec.compute.os_type),
        admin_username=spec.credentials.admin_username,
        admin_password=credentials.admin_password,
        custom_data=custom_data,
        linux_configuration=linux,
        windows_configuration=windows,
    )


# Azure-orchestrated patching keeps its availability-first safety checks: they are only
# bypassed for customer-managed schedules (maintenance configurations), which we do not use.
# Reboots happen when a patch needs one, inside the platform's off-peak window.
# learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching
def _linux_platform_settings(spec: VmSetSpec) -> compute.LinuxVMGuestPatchAutomaticByPlatformSettingsArgs | None:
    if spec.patching.patch_mode != "AutomaticByPlatform":
        return None
    return compute.LinuxVMGuestPatchAutomaticByPlatformSettingsArgs(
        reboot_setting="IfRequired", bypass_platform_safety_checks_on_user_schedule=False
    )


def _windows_platform_settings(spec: VmSetSpec) -> compute.WindowsVMGuestPatchAutomaticByPlatformSettingsArgs | None:
    if spec.patching.patch_mode != "AutomaticByPlatform":
        return None
    return compute.WindowsVMGuestPatchAutomaticByPlatformSettingsArgs(
        reboot_setting="IfRequired", bypass_platform_safety_checks_on_user_schedule=False
    )


def _os_disk(
    vm_index: int, shared: SharedInputs, vhd_account: storage.StorageAccount | None, created_as: pulumi.Output[str]
) -> compute.OSDiskArgs:
    name = shared.names.os_disk(vm_index)
    if vhd_account is None:
        # A managed disk per VM has its own IOPS budget: what the 2016 design's per-VM
        # storage accounts were for. Deleted with the VM, so a re-created VM can reuse the name.
        return compute.OSDiskArgs(
            name=name,
            create_option="FromImage",
            caching=compute.CachingTypes.READ_WRITE,
            delete_option="Delete",
            managed_disk=compute.ManagedDiskParametersArgs(storage_account_type=OS_DISK_TYPE),
        )
    # The 2016 layout: the OS disk is a page blob in the VM's own storage account. Deleting a VM
    # leaves an unmanaged disk's blob, and Azure creates no disk over an existing blob
    # (TargetDiskBlobAlreadyExists; pivotal-cf/terraforming-azure#1, hashicorp/terraform-provider-
    # azurerm#231): the blob's name carries the VM's settings fixed at creation, so a VM replaced
    # for a new one of them gets a blob of its own (the old one stays, and is billed, until deleted).
    return compute.OSDiskArgs(
        name=name,
        create_option="FromImage",
        caching=compute.CachingTypes.READ_WRITE,
        vhd=compute.VirtualHardDiskArgs(
            uri=pulumi.Output.concat(blob_endpoint(vhd_account), VHD_CONTAINER, "/", name, "-", created_as, ".vhd")
        ),
    )
