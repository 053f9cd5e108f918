"""Rules for VMs, availability sets and scale sets.

Sources: the availability SLA needs two or more VMs in an availability set or across
zones (learn.microsoft.com/azure/virtual-machines/availability); fault domains 2 or 3
(learn.microsoft.com/azure/virtual-machines/availability-set-overview); unmanaged disks
retired on 2026-03-31 (learn.microsoft.com/azure/virtual-machines/unmanaged-disks-deprecation);
Trusted Launch, Microsoft's baseline for new VMs (learn.microsoft.com/azure/virtual-machines/trusted-launch).
A scale set's instances are VMs made from its model (`virtualMachineProfile`): the VM rules apply to
that model. A rolling upgrade on a Flexible scale set needs the Application Health extension, and
automatic repairs need a health signal (Learn, virtual-machine-scale-sets-configure-rolling-upgrades and
-automatic-instance-repairs, ms.date 2026-05-19).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pulumi_policy import PolicyResource
from pulumi_policy.proxy import UnknownValueError

from .resources import AVAILABILITY_SET, VIRTUAL_MACHINE, is_set, items, kind_of, mapping, path

MIN_FAULT_DOMAINS = 2
MIN_VMS_PER_AVAILABILITY_SET = 2
UNMANAGED_DISK_RETIREMENT = (
    "Unmanaged (VHD) disks were retired on 2026-03-31: public Azure no longer creates or starts VMs "
    "with them (learn.microsoft.com/azure/virtual-machines/unmanaged-disks-deprecation); "
    "use managed disks (Azure Stack Hub still supports VHDs)"
)


def vm_placement_violations(props: Mapping[str, Any]) -> list[str]:
    """A VM outside any availability set or zone has no availability SLA of its own."""
    if is_set(props, "availabilitySet") or is_set(props, "zones"):
        return []
    return [
        "The VM is in neither an availability set nor an availability zone, so a single host or rack "
        "failure or maintenance takes it down: set `availabilitySet` or `zones`."
    ]


def fault_domain_violations(props: Mapping[str, Any]) -> list[str]:
    """Fewer than two fault domains puts every VM of the set on one rack."""
    count = props.get("platformFaultDomainCount")
    if count is None:
        return [
            "platformFaultDomainCount is not set: set 2 (valid in every region) or 3 explicitly; "
            "it cannot be changed after the availability set is created."
        ]
    if int(count) < MIN_FAULT_DOMAINS:
        return [
            f"platformFaultDomainCount is {int(count)}: with fewer than {MIN_FAULT_DOMAINS} fault domains every VM "
            "of the set shares one power source and network switch."
        ]
    return []


def boot_diagnostics_violations(props: Mapping[str, Any]) -> list[str]:
    """Without boot diagnostics a VM that does not boot cannot be diagnosed (no serial log, no screenshot)."""
    if path(props, "diagnosticsProfile", "bootDiagnostics", "enabled") is True:
        return []
    return [
        "Boot diagnostics are not enabled: set diagnosticsProfile.bootDiagnostics.enabled = true "
        "(with a storageUri, or none for a managed storage account)."
    ]


def _is_linux(props: Mapping[str, Any]) -> bool:
    os_profile = mapping(props, "osProfile")
    if is_set(os_profile, "linuxConfiguration"):
        return True
    return str(path(props, "storageProfile", "osDisk", "osType") or "").lower() == "linux"


def _has_ssh_key(props: Mapping[str, Any]) -> bool:
    ssh = mapping(mapping(mapping(props, "osProfile"), "linuxConfiguration"), "ssh")
    return any(is_set(key, "keyData") for key in items(ssh, "publicKeys"))


def _password_login_enabled(props: Mapping[str, Any]) -> bool:
    # Azure keeps password login unless disablePasswordAuthentication is true.
    linux = mapping(mapping(props, "osProfile"), "linuxConfiguration")
    return linux.get("disablePasswordAuthentication") is not True


def linux_password_login_violations(props: Mapping[str, Any]) -> list[str]:
    """A Linux VM that has an SSH key must not also accept passwords (guessable over the NAT port)."""
    if not _is_linux(props) or not _has_ssh_key(props) or not _password_login_enabled(props):
        return []
    return [
        "This Linux VM has an SSH key but still accepts password login: set "
        "osProfile.linuxConfiguration.disablePasswordAuthentication = true."
    ]


def linux_password_only_violations(props: Mapping[str, Any]) -> list[str]:
    """Advisory: a Linux VM without an SSH key can only be reached with a password."""
    if not _is_linux(props) or not is_set(props, "osProfile") or _has_ssh_key(props):
        return []
    return [
        "This Linux VM has no SSH public key, so it signs in with a password only: add "
        "osProfile.linuxConfiguration.ssh.publicKeys and disable password login."
    ]


def unmanaged_disk_violations(props: Mapping[str, Any]) -> list[str]:
    """Advisory: OS or data disks stored as VHD page blobs (the 2016 layout)."""
    storage = mapping(props, "storageProfile")
    disks = [("OS disk", mapping(storage, "osDisk"))]
    disks += [(f"data disk {i}", disk) for i, disk in enumerate(items(storage, "dataDisks"))]
    unmanaged = [label for label, disk in disks if is_set(disk, "vhd")]
    if not unmanaged:
        return []
    return [f"{', '.join(unmanaged)} unmanaged (a VHD blob). {UNMANAGED_DISK_RETIREMENT}."]


def trusted_launch_violations(props: Mapping[str, Any]) -> list[str]:
    """Advisory: a VM without Trusted Launch (secure boot and vTPM) boots whatever is on its disk."""
    security = mapping(props, "securityProfile")
    uefi = mapping(security, "uefiSettings")
    try:
        enabled = (
            security.get("securityType") == "TrustedLaunch"
            and uefi.get("secureBootEnabled") is True
            and uefi.get("vTpmEnabled") is True
        )
    except UnknownValueError:
        return []  # decided by another resource's output: not this program's choice
    if enabled:
        return []
    return [
        "The VM is not a Trusted Launch VM with secure boot and vTPM: set securityProfile.securityType = "
        "'TrustedLaunch' and uefiSettings.secureBootEnabled / vTpmEnabled = true (a generation 2 size and image); "
        "Azure changes it only on a deallocated VM."
    ]


HEALTH_EXTENSION_TYPES = frozenset({"ApplicationHealthLinux", "ApplicationHealthWindows"})


def on_scale_set_model(check: Callable[[Mapping[str, Any]], list[str]]) -> Callable[[Mapping[str, Any]], list[str]]:
    """A VM rule applied to a scale set's model, whose instances it makes; its messages say so."""

    def scale_set_check(props: Mapping[str, Any]) -> list[str]:
        model = mapping(props, "virtualMachineProfile")
        return [f"In the scale set's model (every instance): {message}" for message in check(model)]

    return scale_set_check


def health_extension_violations(props: Mapping[str, Any]) -> list[str]:
    """A scale set without the Application Health extension has no health signal for rolling upgrades
    and repairs."""
    extensions = items(mapping(mapping(props, "virtualMachineProfile"), "extensionProfile"), "extensions")
    try:
        if any(extension.get("type") in HEALTH_EXTENSION_TYPES for extension in extensions):
            return []
    except UnknownValueError:
        return []
    return [
        "The scale set has no Application Health extension (ApplicationHealthLinux / ApplicationHealthWindows): "
        "rolling upgrades on a Flexible scale set need it, and automatic repairs need a health signal."
    ]


def availability_set_vm_counts(resources: Sequence[PolicyResource]) -> dict[str, int]:
    """Availability set URN -> how many VMs of the stack are in it.

    A VM names its set by ID. The engine tells which resource that property came from
    (`property_dependencies`), which works during preview when IDs are still unknown;
    otherwise the set's ARM name and resource group are matched, ignoring case (Azure
    returns availability set IDs in upper case).
    """
    sets = [r for r in resources if kind_of(r.resource_type) == AVAILABILITY_SET]
    counts = {s.urn: 0 for s in sets}
    by_identity = {identity: s.urn for s in sets if (identity := _set_identity(s)) is not None}
    for vm in resources:
        if kind_of(vm.resource_type) != VIRTUAL_MACHINE or not is_set(vm.props, "availabilitySet"):
            continue
        linked = [
            r.urn
            for r in vm.property_dependencies.get("availabilitySet", [])
            if kind_of(r.resource_type) == AVAILABILITY_SET and r.urn in counts
        ]
        if not linked:
            identity = _identity_from_id(_known_id(mapping(vm.props, "availabilitySet")))
            if identity is not None and identity in by_identity:
                linked = [by_identity[identity]]
        for urn in linked[:1]:
            counts[urn] += 1
    return counts


def availability_set_size_violations(resources: Sequence[PolicyResource]) -> list[tuple[str, str]]:
    """(URN, message) for every availability set of the stack holding fewer than two VMs."""
    return [
        (
            urn,
            f"This availability set holds {count} VM(s) of the stack: the availability SLA needs at least "
            f"{MIN_VMS_PER_AVAILABILITY_SET}.",
        )
        for urn, count in availability_set_vm_counts(resources).items()
        if count < MIN_VMS_PER_AVAILABILITY_SET
    ]


def _known_id(reference: Mapping[str, Any]) -> str | None:
    try:
        value = reference.get("id")
    except UnknownValueError:
        return None
    return value if isinstance(value, str) else None


def _identity_from_id(resource_id: str | None) -> tuple[str, str] | None:
    """(resource group, name), lower case, of an availability set ARM ID."""
    if not resource_id:
        return None
    parts = resource_id.strip("/").split("/")
    lowered = [p.lower() for p in parts]
    try:
        group = parts[lowered.index("resourcegroups") + 1]
        name = parts[lowered.index("availabilitysets") + 1]
    except (ValueError, IndexError):
        return None
    return group.lower(), name.lower()


def _set_identity(availability_set: PolicyResource) -> tuple[str, str] | None:
    props = availability_set.props
    try:
        from_id = _identity_from_id(props.get("id") if isinstance(props.get("id"), str) else None)
        if from_id is not None:
            return from_id
        name = props.get("availabilitySetName") or props.get("name")
        group = props.get("resourceGroupName")
    except UnknownValueError:
        return None
    if isinstance(name, str) and isinstance(group, str):
        return group.lower(), name.lower()
    return None
