"""The availability set, and each VM with its NIC (its extensions and readiness gate: extensions.py).

A VM's changes roll through the set (decisions/rollout.py): the NIC and VM of batch k+1 wait for
the barrier standing for the readiness gates of batch k. A change Azure fixes at creation replaces
the VM and its NIC (decisions/replacement.py); a new credential updates the VMAccess extension only
(decisions/credentials.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import compute, network, storage

from ...decisions.naming import ResourceNames
from ...decisions.replacement import VM_CREDENTIAL_PATHS, VM_REPLACE_ON_CHANGES, FixedAtCreation, fingerprint
from ...decisions.zones import vm_zones
from ...resources.scope import ResourceScope
from ...resources.storage import VHD_CONTAINER, blob_endpoint
from ...spec import DiskStorage, OsType, VmSetSpec
from ..machine import (
    OS_DISK_TYPE,
    Credentials,
    boot_diagnostics,
    image_reference,
    linux_configuration,
    machine_custom_data,
    security_profile,
    windows_configuration,
)
from .extensions import build_credentials_extension, build_readiness_gate, build_web_server


@dataclass(frozen=True)
class NicAttachments:
    """What each VM's NIC joins, from the shared network and load balancer."""

    subnet_id: pulumi.Input[str]
    network_security_group_id: pulumi.Input[str] | None
    """The NSG for each NIC (bring-your-own subnet); None when it sits on the subnet."""
    backend_pool_id: pulumi.Input[str]
    load_balancer: pulumi.Resource
    """Written before any NIC joins its pool."""


@dataclass(frozen=True)
class VhdStorage:
    """The 2016 layout: the VM's own storage account, and the container its OS disk's VHD lives in."""

    account: storage.StorageAccount
    container: storage.BlobContainer


@dataclass(frozen=True)
class VmResources:
    nic: network.NetworkInterface
    vm: compute.VirtualMachine
    web_server: compute.VirtualMachineExtension | None
    """Windows only, without custom_data: IIS, so the default HTTP probe finds a server."""
    credentials: compute.VirtualMachineExtension
    """VMAccess, holding the current SSH key or password: rotation in place."""
    readiness_gate: compute.VirtualMachineRunCommandByVirtualMachine
    """Ends once the VM answers its health probe; the next batch waits for it."""


def build_availability_set(spec: VmSetSpec, names: ResourceNames, scope: ResourceScope) -> compute.AvailabilitySet:
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


def build_vm(
    vm_index: int,
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
    *,
    attachments: NicAttachments,
    credentials: Credentials,
    custom_data: pulumi.Input[str] | None,
    availability_set_id: pulumi.Input[str] | None,
    boot_diagnostics_uri: pulumi.Input[str],
    inbound_nat_rule_id: pulumi.Input[str] | None,
    vhd: VhdStorage | None,
    previous_batch: Sequence[pulumi.Resource] = (),
    nic_after: pulumi.Resource | None = None,
) -> VmResources:
    """VM `vm_index` (0-based): its inputs depend on nothing but its index, so it never
    changes when the set is scaled. It waits for `previous_batch`, the barrier of the batch
    before its own (see `build_batch_barrier`), and its NIC for `nic_after`, an earlier VM's NIC
    (see `NIC_WRITES_AT_ONCE`). `custom_data`: the caller's, encoded once for the
    set (machine.py, `encoded_custom_data`); `availability_set_id`: None in placement `zones`, where
    a VM is in a zone instead."""
    vm_name = names.vm(vm_index)
    os_profile = _os_profile(vm_index, spec, names, credentials, custom_data)
    image = image_reference(spec.compute.image)
    zones = vm_zones(spec, vm_index)
    # What Azure fixes at creation: when one of these changes the VM is replaced, and its NIC with
    # it (the NIC's replacement trigger).
    fixed = FixedAtCreation(
        image=[image.publisher, image.offer, image.sku, image.version],
        custom_data=os_profile.custom_data,
        admin_username=spec.credentials.admin_username,
        computer_name=os_profile.computer_name,
        password_login_disabled=not spec.password_login_enabled if spec.compute.os_type is OsType.LINUX else None,
        automatic_updates=spec.patching.enable_automatic_updates,
        availability_set=availability_set_id,
        zones=zones,
        os_disk_name=names.os_disk(vm_index),
        os_disk_vhd=vhd is not None,
        trusted_launch=spec.compute.trusted_launch,
    )
    created_as = pulumi.Output.all(**fixed.by_path()).apply(fingerprint)
    nic_waits_for = [*previous_batch, *([nic_after] if nic_after is not None else [])]
    nic = _network_interface(
        vm_index, names, scope, attachments, inbound_nat_rule_id, availability_set_id, nic_waits_for, created_as
    )
    vm = compute.VirtualMachine(
        vm_name,
        compute.VirtualMachineArgs(
            resource_group_name=scope.resource_group_name,
            vm_name=vm_name,
            location=scope.location,
            tags=scope.tags,
            availability_set=compute.SubResourceArgs(id=availability_set_id)
            if availability_set_id is not None
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
                os_disk=_os_disk(names.os_disk(vm_index), vhd, created_as),
            ),
            diagnostics_profile=boot_diagnostics(boot_diagnostics_uri),
            security_profile=security_profile(spec.compute.trusted_launch),
        ),
        opts=scope.options(
            depends_on=[*previous_batch, *([vhd.container] if vhd is not None else [])],
            replace_on_changes=list(VM_REPLACE_ON_CHANGES),
            ignore_changes=list(VM_CREDENTIAL_PATHS),
            # Deleted before its NIC is: Azure deletes the NIC with it (deleteOption above).
            replace_with=[nic],
        ),
    )
    web_server = (
        build_web_server(vm_name, vm, scope) if spec.compute.os_type is OsType.WINDOWS and custom_data is None else None
    )
    # A VM takes one extension operation at a time: web server, then credentials, then the gate.
    credentials_extension = build_credentials_extension(vm_name, vm, spec, credentials, scope, after=web_server)
    gate = build_readiness_gate(
        vm_name, vm, spec, scope, created_as, boot_diagnostics_uri=boot_diagnostics_uri, after=credentials_extension
    )
    return VmResources(nic=nic, vm=vm, web_server=web_server, credentials=credentials_extension, readiness_gate=gate)


def _network_interface(
    vm_index: int,
    names: ResourceNames,
    scope: ResourceScope,
    attachments: NicAttachments,
    inbound_nat_rule_id: pulumi.Input[str] | None,
    availability_set_id: pulumi.Input[str] | None,
    waits_for: Sequence[pulumi.Resource],
    created_as: pulumi.Output[str],
) -> network.NetworkInterface:
    name = names.nic(vm_index)
    return network.NetworkInterface(
        name,
        network.NetworkInterfaceArgs(
            resource_group_name=scope.resource_group_name,
            network_interface_name=_name_replaced_with_availability_set(name, availability_set_id),
            location=scope.location,
            tags=scope.tags,
            ip_configurations=[
                network.NetworkInterfaceIPConfigurationArgs(
                    name="ipconfig1",
                    primary=True,
                    subnet=network.SubnetArgs(id=attachments.subnet_id),
                    private_ip_allocation_method="Dynamic",
                    # No public IP: the VM is reached through the load balancer only.
                    load_balancer_backend_address_pools=[
                        network.BackendAddressPoolArgs(id=attachments.backend_pool_id)
                    ],
                    load_balancer_inbound_nat_rules=[network.InboundNatRuleArgs(id=inbound_nat_rule_id)]
                    if inbound_nat_rule_id is not None
                    else None,
                )
            ],
            network_security_group=network.NetworkSecurityGroupArgs(id=attachments.network_security_group_id)
            if attachments.network_security_group_id is not None
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
        # registration is done (`diff` honours `replace_with` only for what `sg.replaces` already
        # holds): rebuild a VM by replacing its NIC (docs/operations.md). Nor can the VM create its
        # own NIC (`networkInterfaceConfigurations`): such a NIC names no inbound NAT rule.
        opts=scope.options(depends_on=[attachments.load_balancer, *waits_for], replacement_trigger=created_as),
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


def _os_profile(
    vm_index: int,
    spec: VmSetSpec,
    names: ResourceNames,
    credentials: Credentials,
    custom_data: pulumi.Input[str] | None,
) -> compute.OSProfileArgs:
    linux = spec.compute.os_type is OsType.LINUX
    return compute.OSProfileArgs(
        computer_name=names.computer_name(vm_index, spec.compute.os_type),
        admin_username=spec.credentials.admin_username,
        admin_password=credentials.admin_password,
        custom_data=machine_custom_data(spec.compute.os_type, custom_data, names.vm(vm_index)),
        linux_configuration=linux_configuration(spec, credentials) if linux else None,
        windows_configuration=None if linux else windows_configuration(spec),
    )


def _os_disk(name: str, vhd: VhdStorage | None, created_as: pulumi.Output[str]) -> compute.OSDiskArgs:
    if vhd is None:
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
            uri=pulumi.Output.concat(blob_endpoint(vhd.account), VHD_CONTAINER, "/", name, "-", created_as, ".vhd")
        ),
    )
