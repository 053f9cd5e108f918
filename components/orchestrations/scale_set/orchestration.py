"""The scale set's orchestration: one `VirtualMachineScaleSet` in Flexible orchestration with
`sku.capacity = vm_count`, instead of the availability set, VMs and NICs; its inbound NAT rule
over the backend pool (nat_rule.py); and with `autoscale` its autoscale setting (autoscale.py).

The scale set (sources: decisions/scale_set.py):
- spreads its instances with max spreading (`platformFaultDomainCount` 1) over `zones`, or
  regionally in a region without zones;
- gives each instance a NIC, created by Azure from the model's network profile (which therefore
  names a `networkApiVersion`), in the backend pool, without public IP, with the NSG on it when the
  subnet is the caller's; Flexible instances have no default outbound access, so they reach the
  internet through the load balancer's outbound rule (or the NAT gateway), as the VMs do;
- takes the image, OS profile (SSH-key-only Linux, guest patching), Trusted Launch and boot
  diagnostics that every orchestration builds alike (orchestrations/machine.py);
- rolls a model change (size, image, custom data, credentials) batch by batch (`upgradePolicy`
  Rolling, batch = `max_unavailable` as a percentage), with MaxSurge by default so that the capacity
  never drops, judged by the Application Health extension, which probes what the load balancer's
  probe does; and repairs (replaces) an instance that stays unhealthy after the grace period.

A scale-out or scale-in changes `sku.capacity` only: one update of the scale set. What Azure fixes
at creation replaces it (decisions/replacement.py, `SCALE_SET_FIXED_AT_CREATION`). With autoscale,
the engine keeps the capacity the state holds (`ignore_changes` on `sku.capacity`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import compute, monitor, network

from ...decisions import credentials as access
from ...decisions import scale_set as decided
from ...decisions.cloud_init import default_scale_set_cloud_init, encode_custom_data, windows_web_server_command
from ...decisions.naming import ResourceNames
from ...decisions.replacement import (
    SCALE_SET_AUTOSCALED_PATHS,
    SCALE_SET_CREDENTIAL_PATHS,
    SCALE_SET_REPLACE_ON_CHANGES,
)
from ...resources.load_balancer import LoadBalancerResources
from ...resources.network import NetworkResources
from ...resources.scope import ResourceScope, once_created
from ...resources.storage import StorageResources
from ...spec import OsType, ScaleSetSettings, VmSetSpec
from ..machine import (
    OS_DISK_TYPE,
    Credentials,
    boot_diagnostics,
    credentials_extension,
    encoded_custom_data,
    image_reference,
    linux_configuration,
    secret_credentials,
    security_profile,
    windows_configuration,
)
from .autoscale import build_autoscale_setting
from .nat_rule import build_scale_set_nat_rule

WEB_SERVER_EXTENSION = "web-server"


@dataclass(frozen=True)
class ScaleSetResources:
    scale_set: compute.VirtualMachineScaleSet
    nat_rule: network.InboundNatRule | None
    """None with admin_access `bastion`."""
    autoscale_setting: monitor.AutoscaleSetting | None
    """None without `autoscale`."""
    scale_set_id: pulumi.Output[str]
    scale_set_name: pulumi.Output[str]
    nat_frontend_port_range: pulumi.Output[str | None]
    """`start-end` of the NAT rule's frontend ports; None with Bastion."""


def build_scale_set(
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
    network_resources: NetworkResources,
    load_balancer: LoadBalancerResources,
    diagnostics: StorageResources,
    load_balancer_writes_done: pulumi.Resource,
) -> ScaleSetResources:
    """`load_balancer_writes_done`: the last write under the load balancer so far (its diagnostic
    setting), which the NAT rule waits for."""
    settings = spec.scale_set
    assert settings is not None  # orchestration scale_set: validation sets it
    port_range = decided.nat_port_range(spec.load_balancing.nat_frontend_port_start, spec.load_balancing.admin_port)
    nat_rule = (
        build_scale_set_nat_rule(
            names, scope, load_balancer, port_range, spec.compute.os_type, after=load_balancer_writes_done
        )
        if spec.uses_nat_rules
        else None
    )
    last_write: pulumi.Resource = nat_rule if nat_rule is not None else load_balancer_writes_done
    credentials = secret_credentials(spec.credentials)
    scale_set = compute.VirtualMachineScaleSet(
        names.scale_set,
        compute.VirtualMachineScaleSetArgs(
            resource_group_name=scope.resource_group_name,
            vm_scale_set_name=names.scale_set,
            location=scope.location,
            tags=scope.tags,
            orchestration_mode=compute.OrchestrationMode.FLEXIBLE,
            platform_fault_domain_count=decided.MAX_SPREADING_FAULT_DOMAIN_COUNT,
            single_placement_group=False,
            zones=list(spec.placement.zones) or None,
            sku=compute.SkuArgs(name=spec.compute.vm_size, tier="Standard", capacity=spec.compute.vm_count),
            upgrade_policy=_upgrade_policy(spec, settings),
            automatic_repairs_policy=compute.AutomaticRepairsPolicyArgs(
                enabled=True, grace_period=decided.REPAIR_GRACE_PERIOD, repair_action="Replace"
            ),
            virtual_machine_profile=compute.VirtualMachineScaleSetVMProfileArgs(
                os_profile=_os_profile(spec, names, credentials),
                storage_profile=compute.VirtualMachineScaleSetStorageProfileArgs(
                    image_reference=image_reference(spec.compute.image),
                    os_disk=compute.VirtualMachineScaleSetOSDiskArgs(
                        create_option="FromImage",
                        caching=compute.CachingTypes.READ_WRITE,
                        delete_option="Delete",
                        managed_disk=compute.VirtualMachineScaleSetManagedDiskParametersArgs(
                            storage_account_type=OS_DISK_TYPE
                        ),
                    ),
                ),
                network_profile=_network_profile(names, network_resources, load_balancer),
                diagnostics_profile=boot_diagnostics(diagnostics.blob_endpoint),
                security_profile=security_profile(spec.compute.trusted_launch),
                extension_profile=compute.VirtualMachineScaleSetExtensionProfileArgs(
                    extensions=_extensions(spec, names, credentials)
                ),
            ),
        ),
        opts=scope.options(
            # Its NICs join the pool once the load balancer's writes are done (one write at a time).
            depends_on=[last_write],
            replace_on_changes=list(SCALE_SET_REPLACE_ON_CHANGES),
            # A new key or password reaches the instances through the credentials extension, not the model.
            ignore_changes=[
                *SCALE_SET_CREDENTIAL_PATHS,
                *(SCALE_SET_AUTOSCALED_PATHS if settings.autoscale is not None else ()),
            ],
        ),
    )
    autoscale_setting = (
        build_autoscale_setting(names, scope, scale_set, settings.autoscale, spec.compute.vm_count)
        if settings.autoscale is not None
        else None
    )
    return ScaleSetResources(
        scale_set=scale_set,
        nat_rule=nat_rule,
        autoscale_setting=autoscale_setting,
        scale_set_id=scale_set.id,
        scale_set_name=once_created(scale_set, names.scale_set),
        nat_frontend_port_range=pulumi.Output.from_input(str(port_range) if nat_rule is not None else None),
    )


def _upgrade_policy(spec: VmSetSpec, settings: ScaleSetSettings) -> compute.UpgradePolicyArgs:
    batch = settings.batch_percent
    return compute.UpgradePolicyArgs(
        mode=compute.UpgradeMode.ROLLING,
        rolling_upgrade_policy=compute.RollingUpgradePolicyArgs(
            max_batch_instance_percent=batch,
            max_unhealthy_instance_percent=decided.max_unhealthy_percent(batch),
            max_unhealthy_upgraded_instance_percent=decided.max_unhealthy_percent(batch),
            pause_time_between_batches="PT0S",  # the health extension already waits for each batch
            prioritize_unhealthy_instances=True,
            max_surge=settings.max_surge,
        ),
    )


def _os_profile(
    spec: VmSetSpec, names: ResourceNames, credentials: Credentials
) -> compute.VirtualMachineScaleSetOSProfileArgs:
    linux = spec.compute.os_type is OsType.LINUX
    custom_data = encoded_custom_data(spec.compute.custom_data)
    if custom_data is None and linux:
        custom_data = encode_custom_data(default_scale_set_cloud_init())
    return compute.VirtualMachineScaleSetOSProfileArgs(
        computer_name_prefix=decided.computer_name_prefix(names.scale_set, spec.compute.os_type),
        admin_username=spec.credentials.admin_username,
        admin_password=credentials.admin_password,
        custom_data=custom_data,
        linux_configuration=linux_configuration(spec, credentials) if linux else None,
        windows_configuration=None if linux else windows_configuration(spec),
    )


def _network_profile(
    names: ResourceNames, network_resources: NetworkResources, load_balancer: LoadBalancerResources
) -> compute.VirtualMachineScaleSetNetworkProfileArgs:
    nsg_id = network_resources.nic_network_security_group_id
    return compute.VirtualMachineScaleSetNetworkProfileArgs(
        network_api_version=decided.NETWORK_API_VERSION,
        network_interface_configurations=[
            compute.VirtualMachineScaleSetNetworkConfigurationArgs(
                name=names.scale_set_nic,
                primary=True,
                delete_option="Delete",
                network_security_group=compute.SubResourceArgs(id=nsg_id) if nsg_id is not None else None,
                ip_configurations=[
                    compute.VirtualMachineScaleSetIPConfigurationArgs(
                        name=names.scale_set_ip_configuration,
                        primary=True,
                        subnet=compute.ApiEntityReferenceArgs(id=network_resources.subnet_id),
                        # No public IP configuration: instances are reached through the load balancer only.
                        load_balancer_backend_address_pools=[compute.SubResourceArgs(id=load_balancer.backend_pool_id)],
                    )
                ],
            )
        ],
    )


def _extensions(
    spec: VmSetSpec, names: ResourceNames, credentials: Credentials
) -> list[compute.VirtualMachineScaleSetExtensionArgs]:
    """On Windows without custom data, IIS first (as for the VMs), then the health extension; and the
    credentials extension (VMAccess), through which a new key or password reaches every instance: Azure
    refuses new SSH keys in a scale set's model (Azure/aks-engine#585), and a new password there would
    reach only instances created or reimaged later (Azure/vm-scale-sets#38)."""
    access_extension = credentials_extension(spec, credentials)
    extensions = [
        compute.VirtualMachineScaleSetExtensionArgs(
            name=access.CREDENTIALS_EXTENSION,
            publisher=access_extension.publisher,
            type=access_extension.type,
            type_handler_version=access_extension.type_handler_version,
            auto_upgrade_minor_version=True,
            settings=access_extension.settings,
            protected_settings=access_extension.protected_settings,
        )
    ]
    web_server = spec.compute.os_type is OsType.WINDOWS and spec.compute.custom_data is None
    if web_server:
        extensions.append(
            compute.VirtualMachineScaleSetExtensionArgs(
                name=WEB_SERVER_EXTENSION,
                publisher="Microsoft.Compute",
                type="CustomScriptExtension",
                type_handler_version="1.10",
                auto_upgrade_minor_version=True,
                settings={"commandToExecute": windows_web_server_command(names.scale_set)},
            )
        )
    extensions.append(
        compute.VirtualMachineScaleSetExtensionArgs(
            name=decided.HEALTH_EXTENSION_NAME,
            publisher=decided.HEALTH_EXTENSION_PUBLISHER,
            type=decided.HEALTH_EXTENSION_TYPES[spec.compute.os_type],
            type_handler_version=decided.HEALTH_EXTENSION_VERSION,
            auto_upgrade_minor_version=True,
            settings=decided.health_extension_settings(spec.load_balancing.probe),
            provision_after_extensions=[WEB_SERVER_EXTENSION] if web_server else None,
        )
    )
    return extensions
