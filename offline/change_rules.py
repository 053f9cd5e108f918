"""What ARM refuses when a change meets what exists: the mocks' rules for updates and deletes.

`python -m plan --diff` replays a change as `pulumi up` would run it against resources that
exist: creates, updates and replacements in dependency order, deletes last in reverse
dependency order. Each create was already checked by the mocks' handlers (the program's new
state, deployed whole); these rules add what ARM refuses because of what exists at the moment
of the call. `live` maps the lower-case ARM ID of every resource that exists at that moment to
its record.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from .azure_mocks import ArmRejection, Registered

VM = "azure-native:compute:VirtualMachine"
NIC = "azure-native:network:NetworkInterface"
LB = "azure-native:network:LoadBalancer"
NAT_RULE = "azure-native:network:InboundNatRule"
# A load balancer's children that can also be resources of their own: left out of the program, the
# provider keeps what Azure has (`MaintainSubResourcePropertiesIfNotSet`).
MAINTAINED_LB_CHILDREN = ("backendAddressPools", "inboundNatRules")
NSG = "azure-native:network:NetworkSecurityGroup"
VNET = "azure-native:network:VirtualNetwork"
PUBLIC_IP = "azure-native:network:PublicIPAddress"
RESOURCE_GROUP = "azure-native:resources:ResourceGroup"
EXTENSION = "azure-native:compute:VirtualMachineExtension"

# Compute refuses to change these on an existing VM: 409 PropertyChangeNotAllowed ("Changing
# property 'availabilitySet.id' is not allowed"). pulumi-azure-native does not mark any of them as
# forcing a replacement (pulumi/pulumi-azure-native#577), so without `replace_on_changes` Pulumi
# sends an update, and Azure refuses it.
VM_FIXED_PROPERTIES: dict[tuple[str, ...], str] = {
    ("availabilitySet", "id"): "a VM joins an availability set only when it is created",
    ("zones",): "a VM's zone is fixed when it is created",
    ("osProfile", "computerName"): "the computer name is fixed when the VM is created",
    ("osProfile", "adminUsername"): "the admin user is fixed when the VM is created",
    ("storageProfile", "osDisk", "name"): "a disk is not renamed",
    # hashicorp/terraform#10217: a new vhd_uri needs a new VM.
    ("storageProfile", "osDisk", "vhd"): "an unmanaged OS disk's blob is fixed at creation",
    ("storageProfile", "imageReference"): "the image is fixed when the VM is created",
    # Learn, custom-data FAQ: "For single VMs, you can't update custom data in the VM model";
    # computeRPCommon.json (2024-11-01): "cannot be updated after the VM is created".
    ("osProfile", "customData"): "custom data cannot be updated after the VM is created",
    # Azure/aks-engine#585, Azure/azure-cli#11840: new keys go through VMAccess.
    ("osProfile", "linuxConfiguration", "ssh", "publicKeys"): "SSH keys are changed through the VMAccess extension",
    # Azure/bicep#15273.
    ("osProfile", "linuxConfiguration", "disablePasswordAuthentication"): "password login is fixed at creation",
    # hashicorp/terraform#6528; the API spec points to VMAccess (reset-rdp) instead.
    ("osProfile", "adminPassword"): "the admin password is changed through the VMAccess extension",
    # MicrosoftDocs/azure-docs#112633 (sources conflict; the safer reading).
    ("osProfile", "windowsConfiguration", "enableAutomaticUpdates"): "automatic updates are fixed at creation",
    # Trusted Launch changes only on a deallocated VM
    # (learn.microsoft.com/azure/virtual-machines/trusted-launch-existing-vm); Pulumi updates it running.
    ("securityProfile", "securityType"): "Trusted Launch changes only on a deallocated VM",
}
# Fault and update domain counts are fixed at creation (hashicorp/terraform#10544:
# "PropertyChangeNotAllowed: Changing property 'platformFaultDomainCount' is not allowed").
AVAILABILITY_SET_FIXED_PROPERTIES: dict[tuple[str, ...], str] = {
    ("platformFaultDomainCount",): "fault domains are fixed at creation",
    ("platformUpdateDomainCount",): "update domains are fixed at creation",
}
# A public IP's zones (ResourceAvailabilityZonesCannotBeModified), and an extension's handler.
PUBLIC_IP_FIXED_PROPERTIES: dict[tuple[str, ...], str] = {("zones",): "a public IP's zones are fixed at creation"}
EXTENSION_FIXED_PROPERTIES: dict[tuple[str, ...], str] = {
    ("publisher",): "an extension's publisher is fixed",
    ("type",): "an extension's type is fixed",
}
# A scale set's orchestration mode "cannot be changed or updated later" (Learn, orchestration modes);
# its fault-domain spreading is chosen at creation (Learn, manage-fault-domains, ms.date 2025-09-02);
# singlePlacementGroup may go from true to false only (Compute API spec); zones: taken as fixed (adding
# zones to a Flexible scale set is a separate operation, Learn, use-availability-zones).
SCALE_SET = "azure-native:compute:VirtualMachineScaleSet"
SCALE_SET_FIXED_PROPERTIES: dict[tuple[str, ...], str] = {
    ("orchestrationMode",): "the orchestration mode is fixed at creation",
    ("platformFaultDomainCount",): "the fault-domain count is fixed at creation",
    ("singlePlacementGroup",): "a single placement group is chosen at creation",
    ("zones",): "a scale set's zones are set at creation",
    # Azure/aks-engine#585 (agent pools are scale sets): "Changing property 'linuxConfiguration.ssh.publicKeys'
    # is not allowed"; a scale set's keys change through VMAccess (Azure/azure-libraries-for-java#260).
    ("virtualMachineProfile", "osProfile", "linuxConfiguration", "ssh", "publicKeys"): (
        "SSH keys are changed through the VMAccess extension"
    ),
}
FIXED_PROPERTIES = {
    VM: VM_FIXED_PROPERTIES,
    "azure-native:compute:AvailabilitySet": AVAILABILITY_SET_FIXED_PROPERTIES,
    PUBLIC_IP: PUBLIC_IP_FIXED_PROPERTIES,
    EXTENSION: EXTENSION_FIXED_PROPERTIES,
    SCALE_SET: SCALE_SET_FIXED_PROPERTIES,
}
FIXED_CODES = {PUBLIC_IP: "ResourceAvailabilityZonesCannotBeModified"}
# The code these mocks answer with when a load-balancer write would remove a child a NIC still
# uses: ARM documents no answer for that PUT (it refuses NAT pools a scale set uses with a 400).
CHILD_IN_USE = "LoadBalancerChildInUseByNetworkInterface"
# Ours too: Learn's resize page names the limit but not the code Azure answers with.
RESIZE_REFUSED = "ResizeAcrossTempDiskNotAllowed"


def refuse_update(before: Registered, after: Registered, live: dict[str, Registered]) -> None:
    """Raise `ArmRejection` when ARM refuses to update `before` (as it exists) to `after`."""
    for path, reason in FIXED_PROPERTIES.get(after.type, {}).items():
        if not _same(_at(before.inputs, path), _at(after.inputs, path)):
            raise ArmRejection(
                FIXED_CODES.get(after.type, "PropertyChangeNotAllowed"),
                f"{after.name}: changing property '{'.'.join(path)}' is not allowed ({reason}).",
            )
    if after.type == VM:
        _refuse_resize_across_temp_disk(before, after)
    if after.type == LB:
        _refuse_dropping_children_in_use(before, after, live)
    if after.type == NAT_RULE:
        _refuse_frontend_port_in_use(after, live)
    if after.type == VNET:
        _refuse_moving_subnets_in_use(before, after, live)


def as_updated(before: Registered, after: Registered) -> Registered:
    """The resource as Azure holds it after the update of `before` to `after`: a load balancer keeps
    the children whose property the program leaves out, which pulumi-azure-native reads from Azure
    and sends back (provider/pkg/provider/crud/crud.go, `MaintainSubResourcePropertiesIfNotSet`)."""
    if after.type != LB:
        return after
    kept = {c: before.inputs[c] for c in MAINTAINED_LB_CHILDREN if c not in after.inputs and c in before.inputs}
    return dataclasses.replace(after, inputs={**after.inputs, **kept}) if kept else after


def refuse_create(resource: Registered, live: dict[str, Registered], blobs: set[str]) -> None:
    """Raise `ArmRejection` when ARM refuses to create `resource` because of what exists, or no
    longer exists, at that moment; `blobs` holds the lower-case URIs of the VHD blobs that exist.

    - A VM whose NIC is gone: Azure deleted it with the VM before (its `deleteOption` Delete), and
      the new VM is created with the same NIC ID.
    - A VM whose OS disk's VHD blob is still there: deleting a VM leaves an unmanaged disk's blob,
      and a disk is not created over an existing blob ("TargetDiskBlobAlreadyExists: Blob ... already
      exists. Please provide a different blob URI as target for disk"; pivotal-cf/terraforming-azure#1,
      hashicorp/terraform-provider-azurerm#231).
    - An inbound NAT rule over a backend pool (a scale set's) whose port range overlaps a port another
      rule still holds. A per-VM rule is not checked here against a rule that is being removed: a rule
      renamed by a new `osType` (web-vm-1-ssh -> web-vm-1-rdp) meets its old self on the same port, and
      that is not reported offline.
    """
    if resource.type == NAT_RULE and resource.inputs.get("backendAddressPool"):
        _refuse_frontend_port_in_use(resource, live)
    if resource.type != VM:
        return
    for nic_id in sorted(_nic_ids(resource)):
        if nic_id not in live:
            raise ArmRejection(
                "InvalidResourceReference",
                f"{resource.name}: network interface {nic_id.rsplit('/', 1)[-1]} does not exist: Azure deleted it with"
                " the VM before it (deleteOption Delete). Replace the network interface with the VM.",
            )
    uri = vhd_uri(resource)
    if uri is not None and uri.lower() in blobs:
        raise ArmRejection(
            "TargetDiskBlobAlreadyExists",
            f"{resource.name}: blob {uri} already exists: Azure keeps an unmanaged OS disk's blob when its VM is"
            " deleted, and creates no disk over it.",
        )


def vhd_uri(vm: Registered) -> str | None:
    """The URI of a VM's unmanaged OS disk (its VHD blob); None for a managed disk."""
    uri = _at(vm.inputs, ("storageProfile", "osDisk", "vhd", "uri"))
    return str(uri) if uri else None


def refuse_delete(resource: Registered, live: dict[str, Registered]) -> None:
    """Raise `ArmRejection` when ARM refuses to delete `resource` while `live` exists. (A
    resource group is deleted with everything in it: see `deleted_with`.)"""
    if resource.type == RESOURCE_GROUP:
        return
    own_id = resource.id.lower()
    in_use = [
        nic.name
        for nic in live.values()
        if nic.type == NIC and any(ref == own_id or ref.startswith(own_id + "/") for ref in _lb_references(nic))
    ]
    if in_use:
        raise ArmRejection(CHILD_IN_USE, f"{resource.name} is still used by network interface(s) {', '.join(in_use)}.")
    if resource.type == NIC:
        users = [vm.name for vm in live.values() if vm.type == VM and own_id in _nic_ids(vm)]
        if users:
            raise ArmRejection("NicInUse", f"{resource.name} is used by virtual machine {users[0]}.")
    if resource.type == NSG:
        users = [r.name for r in live.values() if own_id in _nsg_references(r)]
        if users:
            raise ArmRejection(
                "InUseNetworkSecurityGroupCannotBeDeleted", f"{resource.name} is still used by {', '.join(users)}."
            )


def deleted_with(resource: Registered, live: dict[str, Registered]) -> list[str]:
    """Lower-case IDs of what Azure deletes together with `resource`: everything in a resource
    group; a VM's own children (its extensions and run commands) and its NICs whose
    `deleteOption` is `Delete` (learn.microsoft.com/azure/virtual-machines/delete)."""
    own_id = resource.id.lower()
    children = [resource_id for resource_id in live if resource_id.startswith(own_id + "/")]
    if resource.type == RESOURCE_GROUP:
        return children
    if resource.type == VM:
        interfaces = (resource.inputs.get("networkProfile") or {}).get("networkInterfaces", [])
        return children + [str(n.get("id", "")).lower() for n in interfaces if n.get("deleteOption") == "Delete"]
    return []


# --- VM sizes: a resize restarts the VM, and some cannot be done in place ---------------------------
# learn.microsoft.com/azure/virtual-machines/sizes/resize-vm ("Limitations"): a VM with a local temp
# disk cannot be resized to a size without one, nor the other way round. Which sizes have one, by
# Azure's naming convention (learn.microsoft.com/azure/virtual-machines/vm-naming-conventions: "d"
# marks a local temp disk) and learn.microsoft.com/azure/virtual-machines/azure-vms-no-temp-disk.
_SIZE_NAME = re.compile(r"^standard_(?P<family>[a-z]+)(?P<vcpus>\d+)(?:-\d+)?(?P<features>[a-z]*)(?:_v(?P<v>\d+))?$")


def has_local_temp_disk(size: str) -> bool | None:
    """Whether VM size `size` has a local temp disk; None where its name does not settle it."""
    match = _SIZE_NAME.match(size.lower())
    if match is None:
        return None
    family, features, version = match["family"], match["features"], int(match["v"] or 1)
    if "d" in features:
        return True
    if family == "b":
        return version < 2  # B-series v1 have one; Bsv2, Basv2 and Bpsv2 have none
    if version < 4:
        return True
    if family in ("d", "e"):
        return version == 4 and "a" in features  # Dav4 and Eav4 have one; Dv4, Dsv4, v5 and v6 none
    return None


def _refuse_resize_across_temp_disk(before: Registered, after: Registered) -> None:
    old = str(_at(before.inputs, ("hardwareProfile", "vmSize")) or "")
    new = str(_at(after.inputs, ("hardwareProfile", "vmSize")) or "")
    if old.lower() == new.lower():
        return
    old_disk, new_disk = has_local_temp_disk(old), has_local_temp_disk(new)
    if old_disk is not None and new_disk is not None and old_disk != new_disk:

        def shown(has_disk: bool) -> str:
            return "a local temp disk" if has_disk else "no local temp disk"

        raise ArmRejection(
            RESIZE_REFUSED,
            f"{after.name}: {old} has {shown(old_disk)} and {new} has {shown(new_disk)}; Azure resizes only between"
            " sizes that both have one or both have none.",
        )


# --- load balancers, NAT rules and subnets: what NICs still use -------------------------------------


def _refuse_dropping_children_in_use(before: Registered, after: Registered, live: dict[str, Registered]) -> None:
    """pulumi-azure-native keeps a load balancer's standalone children on update only when the
    program leaves their property out (`MaintainSubResourcePropertiesIfNotSet`); a list given,
    even `[]`, is what the load balancer keeps. A NIC that still uses a removed child stops it."""
    lb_id = after.id.lower() or before.id.lower()
    for collection in MAINTAINED_LB_CHILDREN:
        if collection not in after.inputs:
            continue  # the provider keeps what exists
        kept = {item["name"].lower() for item in after.inputs[collection]}
        for nic in live.values():
            if nic.type != NIC:
                continue
            for ref in _lb_references(nic):
                prefix = f"{lb_id}/{collection.lower()}/"
                if ref.startswith(prefix) and ref[len(prefix) :] not in kept:
                    raise ArmRejection(
                        CHILD_IN_USE,
                        f"{after.name}: the update removes {collection} {ref[len(prefix) :]!r}, which network"
                        f" interface {nic.name} still uses.",
                    )


def _refuse_frontend_port_in_use(rule: Registered, live: dict[str, Registered]) -> None:
    """A frontend port is unique per load balancer frontend and protocol at every moment: moving a
    NAT rule onto a port another rule still holds is refused, even if that rule moves next. A rule
    over a backend pool (V2) holds its whole port range."""
    lb_id = rule.id.lower().rsplit("/inboundnatrules/", 1)[0]
    frontend, protocol = _frontend_key(rule.inputs)[0], rule.inputs.get("protocol")
    ports = _frontend_ports(rule.inputs)
    for other in live.values():
        if other.id.lower() == rule.id.lower():
            continue
        if other.type == NAT_RULE and other.id.lower().startswith(lb_id + "/"):
            same_frontend = _frontend_key(other.inputs)[0] == frontend and other.inputs.get("protocol") == protocol
            taken = ports & _frontend_ports(other.inputs) if same_frontend else set()
            if taken:
                raise ArmRejection(
                    "InvalidFrontendPort",
                    f"{rule.name}: frontend port {_ports_shown(taken)}/{protocol} is still used by rule {other.name}.",
                )
        if other.type == LB and other.id.lower() == lb_id:
            # Its load-balancing rules, and the NAT rules it holds inline (a rule of the same name is this one).
            inline = [r for r in other.inputs.get("inboundNatRules", []) if r.get("name") != rule.name]
            for existing in [*other.inputs.get("loadBalancingRules", []), *inline]:
                if _frontend_key(existing)[0::2] == (frontend, protocol) and _frontend_ports(existing) & ports:
                    raise ArmRejection(
                        "InvalidFrontendPort",
                        f"{rule.name}: frontend port {_port(existing.get('frontendPort'))} is used by rule "
                        f"{existing['name']}.",
                    )


def _frontend_key(rule: dict[str, Any]) -> tuple[str, Any, Any]:
    frontend = str((rule.get("frontendIPConfiguration") or {}).get("id", "")).lower()
    return frontend, rule.get("frontendPort"), rule.get("protocol")


def _frontend_ports(rule: dict[str, Any]) -> set[int]:
    """A rule's frontend port, or (a NAT rule over a backend pool) its frontend port range."""
    if rule.get("frontendPort") is not None:
        return {int(rule["frontendPort"])}
    start, end = rule.get("frontendPortRangeStart"), rule.get("frontendPortRangeEnd")
    return set() if start is None or end is None else set(range(int(start), int(end) + 1))


def _ports_shown(ports: set[int]) -> str:
    return str(min(ports)) if len(ports) == 1 else f"{min(ports)}-{max(ports)}"


def _refuse_moving_subnets_in_use(before: Registered, after: Registered, live: dict[str, Registered]) -> None:
    """A subnet that holds NICs keeps its prefix and stays (InUsePrefixCannotBeDeleted,
    InUseSubnetCannotBeDeleted)."""
    new_prefixes = {s["name"].lower(): s.get("addressPrefix") for s in after.inputs.get("subnets", [])}
    for subnet in before.inputs.get("subnets", []):
        name = subnet["name"].lower()
        if new_prefixes.get(name, "") == subnet.get("addressPrefix"):
            continue
        subnet_id = f"{before.id.lower()}/subnets/{name}"
        users = [nic.name for nic in live.values() if nic.type == NIC and subnet_id in _subnet_references(nic)]
        if users:
            code = "InUsePrefixCannotBeDeleted" if name in new_prefixes else "InUseSubnetCannotBeDeleted"
            raise ArmRejection(
                code,
                f"{after.name}: subnet {subnet['name']} ({subnet.get('addressPrefix')}) is in use by {', '.join(users)}"
                " and cannot change its prefix or go.",
            )


def _lb_references(nic: Registered) -> list[str]:
    """Lower-case IDs of the backend pools and inbound NAT rules a NIC's IP configurations use."""
    return [
        str(ref.get("id", "")).lower()
        for configuration in nic.inputs.get("ipConfigurations", [])
        for key in ("loadBalancerBackendAddressPools", "loadBalancerInboundNatRules")
        for ref in configuration.get(key) or []
    ]


def _subnet_references(nic: Registered) -> set[str]:
    return {
        str((configuration.get("subnet") or {}).get("id", "")).lower()
        for configuration in nic.inputs.get("ipConfigurations", [])
    }


def _nic_ids(vm: Registered) -> set[str]:
    return {str(n.get("id", "")).lower() for n in (vm.inputs.get("networkProfile") or {}).get("networkInterfaces", [])}


def _nsg_references(resource: Registered) -> set[str]:
    """The NSGs a NIC or a VNet's subnets use."""
    if resource.type == NIC:
        return {str((resource.inputs.get("networkSecurityGroup") or {}).get("id", "")).lower()} - {""}
    if resource.type == VNET:
        return {
            str((subnet.get("networkSecurityGroup") or {}).get("id", "")).lower()
            for subnet in resource.inputs.get("subnets", [])
        } - {""}
    return set()


def _same(old: Any, new: Any) -> bool:
    """Equal as ARM reads them: an absent list and an empty one alike."""
    return old == new or (old in (None, []) and new in (None, []))


def _at(value: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _port(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value  # numbers cross RPC as floats
