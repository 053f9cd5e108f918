"""What every orchestration builds alike for its machines: the image, the OS profile's parts
(credentials, custom data, the Linux or Windows configuration with its guest patching), the
security profile (Trusted Launch) and the OS disk's type. An orchestration assembles these into
its own resource (a VM's `OSProfileArgs`, say); the values come from the spec and decisions alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import compute

from ..decisions import credentials as access
from ..decisions.cloud_init import default_linux_cloud_init, encode_custom_data
from ..spec import AdminCredentials, Image, OsType, VmSetSpec

# Works with every VM size; Premium_LRS would need an "s" size.
OS_DISK_TYPE = "StandardSSD_LRS"


@dataclass(frozen=True)
class Credentials:
    admin_password: pulumi.Output[str] | None
    """Already a Pulumi secret; None when the machines sign in with an SSH key only."""
    ssh_public_key: pulumi.Input[str] | None


def secret_credentials(credentials: AdminCredentials) -> Credentials:
    """The password is a secret in state and in every output, whoever gives it."""
    password = credentials.admin_password
    return Credentials(
        admin_password=pulumi.Output.secret(password) if password is not None else None,
        ssh_public_key=credentials.ssh_public_key,
    )


def encoded_custom_data(custom_data: pulumi.Input[str] | None) -> pulumi.Input[str] | None:
    """The caller's custom data as the machines take it (base64), encoded once for the whole set."""
    return None if custom_data is None else pulumi.Output.from_input(custom_data).apply(encode_custom_data)


def machine_custom_data(
    os_type: OsType, encoded: pulumi.Input[str] | None, machine_name: str
) -> pulumi.Input[str] | None:
    """The caller's custom data (`encoded`: see `encoded_custom_data`), or on Linux the default
    cloud-init serving a page that names the machine; Windows runs none by default."""
    if encoded is not None:
        return encoded
    if os_type is OsType.LINUX:
        return encode_custom_data(default_linux_cloud_init(machine_name))
    return None


def image_reference(image: Image) -> compute.ImageReferenceArgs:
    return compute.ImageReferenceArgs(
        publisher=image.publisher, offer=image.offer, sku=image.sku, version=image.version
    )


def linux_configuration(spec: VmSetSpec, credentials: Credentials) -> compute.LinuxConfigurationArgs:
    return compute.LinuxConfigurationArgs(
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


def windows_configuration(spec: VmSetSpec) -> compute.WindowsConfigurationArgs:
    return compute.WindowsConfigurationArgs(
        provision_vm_agent=True,
        # Must be true for AutomaticByPlatform and AutomaticByOS, false for Manual; fixed at creation.
        enable_automatic_updates=spec.patching.enable_automatic_updates,
        patch_settings=compute.PatchSettingsArgs(
            patch_mode=spec.patching.patch_mode,
            assessment_mode=spec.patching.assessment_mode,
            automatic_by_platform_settings=_windows_platform_settings(spec),
        ),
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


def security_profile(trusted_launch: bool) -> compute.SecurityProfileArgs | None:
    # Set explicitly: Compute API 2024-11-01, which pulumi-azure-native v3 uses, defaults to Standard
    # (Trusted Launch as default applies from API 2025-11-01). Azure changes it only on a
    # deallocated machine, so it is right from the first `pulumi up`.
    # learn.microsoft.com/azure/virtual-machines/trusted-launch
    if not trusted_launch:
        return None
    return compute.SecurityProfileArgs(
        security_type=compute.SecurityTypes.TRUSTED_LAUNCH,
        uefi_settings=compute.UefiSettingsArgs(secure_boot_enabled=True, v_tpm_enabled=True),
    )


def boot_diagnostics(storage_uri: pulumi.Input[str]) -> compute.DiagnosticsProfileArgs:
    """Boot diagnostics to the set's shared diagnostics account."""
    return compute.DiagnosticsProfileArgs(
        boot_diagnostics=compute.BootDiagnosticsArgs(enabled=True, storage_uri=storage_uri)
    )


@dataclass(frozen=True)
class CredentialsExtension:
    """The VMAccess extension that holds a machine's credential (decisions/credentials.py): a new key or
    password is an update of it, never of the machine (or scale set model) created with the first one."""

    publisher: str
    type: str
    type_handler_version: str
    settings: dict[str, object] | None
    protected_settings: pulumi.Output[dict[str, object]]
    """A secret: the key or password, and on Linux the user and `remove_prior_keys`."""


def credentials_extension(spec: VmSetSpec, credentials: Credentials) -> CredentialsExtension:
    extension = access.ACCESS_EXTENSIONS[spec.compute.os_type]
    given = {"ssh_public_key": credentials.ssh_public_key, "admin_password": credentials.admin_password}
    names = access.protected_setting_names(
        spec.compute.os_type,
        has_ssh_public_key=credentials.ssh_public_key is not None,
        has_admin_password=credentials.admin_password is not None,
    )
    values: dict[str, pulumi.Input[object]] = {setting: given[credential] for credential, setting in names.items()}
    values.update(
        access.protected_flags(
            spec.compute.os_type,
            spec.credentials.admin_username,
            has_ssh_public_key=credentials.ssh_public_key is not None,
        )
    )
    return CredentialsExtension(
        publisher=extension.publisher,
        type=extension.type,
        type_handler_version=extension.type_handler_version,
        settings=access.access_settings(spec.compute.os_type, spec.credentials.admin_username),
        protected_settings=pulumi.Output.secret(pulumi.Output.all(**values)),
    )
