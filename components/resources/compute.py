"""The availability set, and each VM with its NIC."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import compute, network, storage

from ..decisions.cloud_init import default_linux_cloud_init, encode_custom_data, windows_web_server_command
from ..decisions.naming import ResourceNames
from ..decisions.spec import DiskStorage, OsType, VmSetSpec
from ..decisions.zones import vm_zones
from .scope import ResourceScope
from .storage import VHD_CONTAINER, blob_endpoint

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
            sku=compute.SkuArgs(name="Aligned" if spec.disk_storage is DiskStorage.MANAGED else "Classic"),
            platform_fault_domain_count=spec.fault_domain_count,
            platform_update_domain_count=spec.update_domain_count,
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
) -> Vm:
    """VM `vm_index` (0-based): its inputs depend on nothing but its index, so it never
    changes when the set is scaled."""
    spec, names = shared.spec, shared.names
    vm_name = names.vm(vm_index)
    nic = network.NetworkInterface(
        names.nic(vm_index),
        network.NetworkInterfaceArgs(
            resource_group_name=shared.scope.resource_group_name,
            network_interface_name=names.nic(vm_index),
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
        opts=shared.scope.options(depends_on=[shared.load_balancer]),
    )
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
            zones=vm_zones(spec, vm_index),
            hardware_profile=compute.HardwareProfileArgs(vm_size=spec.vm_size),
            network_profile=compute.NetworkProfileArgs(
                network_interfaces=[compute.NetworkInterfaceReferenceArgs(id=nic.id, primary=True)]
            ),
            os_profile=_os_profile(vm_index, shared),
            storage_profile=compute.StorageProfileArgs(
                image_reference=compute.ImageReferenceArgs(
                    publisher=spec.image.publisher,
                    offer=spec.image.offer,
                    sku=spec.image.sku,
                    version=spec.image.version,
                ),
                os_disk=_os_disk(vm_index, shared, vhd_account),
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
            if spec.trusted_launch
            else None,
        ),
        opts=shared.scope.options(depends_on=[vhd_container] if vhd_container is not None else None),
    )
    web_server = None
    if spec.os_type is OsType.WINDOWS and shared.custom_data is None:
        web_server = compute.VirtualMachineExtension(
            f"{vm_name}-web-server",
            compute.VirtualMachineExtensionArgs(
                resource_group_name=shared.scope.resource_group_name,
                vm_name=vm.name,
                vm_extension_name="web-server",
                location=shared.scope.location,
                tags=shared.scope.tags,
                publisher="Microsoft.Compute",
                type="CustomScriptExtension",
                type_handler_version="1.10",
                auto_upgrade_minor_version=True,
                settings={"commandToExecute": windows_web_server_command(vm_name)},
            ),
            opts=shared.scope.options(parent=vm),
        )
    return Vm(nic=nic, vm=vm, web_server=web_server)


def _os_profile(vm_index: int, shared: SharedInputs) -> compute.OSProfileArgs:
    spec, credentials = shared.spec, shared.credentials
    vm_name = shared.names.vm(vm_index)
    custom_data: pulumi.Input[str] | None
    if shared.custom_data is not None:
        custom_data = shared.custom_data
    elif spec.os_type is OsType.LINUX:
        custom_data = encode_custom_data(default_linux_cloud_init(vm_name))
    else:
        custom_data = None
    linux = windows = None
    if spec.os_type is OsType.LINUX:
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
                        path=f"/home/{spec.admin_username}/.ssh/authorized_keys",
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
        computer_name=shared.names.computer_name(vm_index, spec.os_type),
        admin_username=spec.admin_username,
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


def _os_disk(vm_index: int, shared: SharedInputs, vhd_account: storage.StorageAccount | None) -> compute.OSDiskArgs:
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
    # The 2016 layout: the OS disk is a page blob in the VM's own storage account.
    return compute.OSDiskArgs(
        name=name,
        create_option="FromImage",
        caching=compute.CachingTypes.READ_WRITE,
        vhd=compute.VirtualHardDiskArgs(
            uri=pulumi.Output.concat(blob_endpoint(vhd_account), VHD_CONTAINER, "/", name, ".vhd")
        ),
    )
