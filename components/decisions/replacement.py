"""What Azure fixes when a VM is created, and so what replaces a VM instead of updating it.

pulumi-azure-native plans a replacement only when a name or the resource group changes, or for
its own short `forceNewMap` (provider/pkg/gen/replacement.go), which has no Compute entry: every
other VM change is sent as an in-place PUT, and Azure refuses these with 409
`PropertyChangeNotAllowed` (pulumi/pulumi-azure-native#577). Each VM therefore lists these
property paths in `replace_on_changes` (with `delete_before_replace`: VM names are fixed), so a
change to one of them replaces the VM, batch by batch (see rollout.py), instead of failing.

The credentials are not among them: a new SSH key or password is applied in place by the
VMAccess extension (credentials.py), and the VM ignores them after creation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class FixedProperty:
    path: str
    """The property path, as Pulumi's `replace_on_changes` names it (the provider's camelCase)."""
    source: str
    """Why Azure will not change it in place."""


def _fixed(path: str, source: str) -> Any:
    return field(metadata={"fixed": FixedProperty(path, source)})


@dataclass(frozen=True)
class FixedAtCreation:
    """What Azure fixes when a VM is created: one field per property path, with the VM's value
    there (as a plain value or an Output). The one list of those paths: the VM builder fills it
    in, the VM is replaced when one of them changes, and its fingerprint (`by_path`, `fingerprint`)
    follows them. The mocks keep their own list (offline/change_rules.py); a test holds the two
    together."""

    image: object = _fixed(
        "storageProfile.imageReference",
        "a VM's image is its OS disk's source; only a new VM takes another (Compute API: PropertyChangeNotAllowed)",
    )
    custom_data: object = _fixed(
        "osProfile.customData",
        "Learn, custom-data FAQ: 'For single VMs, you can't update custom data in the VM model'; the 2024-11-01"
        " spec (computeRPCommon.json): 'cannot be updated after the VM is created'",
    )
    admin_username: object = _fixed(
        "osProfile.adminUsername", "Compute API: PropertyChangeNotAllowed ('osProfile.adminUsername')"
    )
    computer_name: object = _fixed(
        "osProfile.computerName", "Compute API: PropertyChangeNotAllowed ('osProfile.computerName')"
    )
    password_login_disabled: object = _fixed(
        "osProfile.linuxConfiguration.disablePasswordAuthentication",
        "password login on or off is fixed at creation (Azure/bicep#15273)",
    )
    automatic_updates: object = _fixed(
        "osProfile.windowsConfiguration.enableAutomaticUpdates",
        "sources conflict (MicrosoftDocs/azure-docs#112633); taken as fixed at creation, the safer reading",
    )
    availability_set: object = _fixed(
        "availabilitySet",
        "a VM joins an availability set only when it is created (Learn, 'Change the availability set for a VM')",
    )
    zones: object = _fixed(
        "zones", "a VM's zone is fixed at creation (Compute API: PropertyChangeNotAllowed ('zones'))"
    )
    os_disk_name: object = _fixed(
        "storageProfile.osDisk.name", "a disk is not renamed (Compute API: PropertyChangeNotAllowed)"
    )
    os_disk_vhd: object = _fixed(
        "storageProfile.osDisk.vhd",
        "an unmanaged OS disk's blob is fixed at creation (Compute API; hashicorp/terraform#10217)",
    )
    trusted_launch: object = _fixed(
        "securityProfile",
        "Trusted Launch (security type, secure boot, vTPM) changes only on a deallocated VM, which an update does"
        " not do (learn.microsoft.com/azure/virtual-machines/trusted-launch-existing-vm)",
    )

    def by_path(self) -> dict[str, object]:
        """Each value under its property path: what `fingerprint` digests."""
        return {f.metadata["fixed"].path: getattr(self, f.name) for f in fields(self)}


VM_FIXED_AT_CREATION: tuple[FixedProperty, ...] = tuple(f.metadata["fixed"] for f in fields(FixedAtCreation))
VM_REPLACE_ON_CHANGES: tuple[str, ...] = tuple(p.path for p in VM_FIXED_AT_CREATION)

# What Azure fixes when a scale set is created: a change replaces the whole scale set (all its
# instances; the scale set's name is fixed, so it is deleted first). Anything else in its model is
# an update that Azure rolls over the instances (decisions/scale_set.py).
SCALE_SET_FIXED_AT_CREATION: tuple[FixedProperty, ...] = (
    FixedProperty(
        "orchestrationMode",
        "'The orchestration mode is defined when you create the scale set and cannot be changed or updated"
        " later' (Learn, virtual-machine-scale-sets-orchestration-modes)",
    ),
    FixedProperty(
        "platformFaultDomainCount",
        "fault-domain spreading is chosen at creation (Learn, virtual-machine-scale-sets-manage-fault-domains,"
        " ms.date 2025-09-02; Compute API: PropertyChangeNotAllowed)",
    ),
    FixedProperty(
        "zones",
        "a Flexible scale set's zones are set at creation; adding zones later is a separate preview operation"
        " (Learn, virtual-machine-scale-sets-use-availability-zones): taken as fixed, the safer reading",
    ),
    FixedProperty(
        "singlePlacementGroup",
        "'if singlePlacementGroup is false, it may not be modified to true' (Compute API spec); Flexible"
        " orchestration needs false",
    ),
)
SCALE_SET_REPLACE_ON_CHANGES: tuple[str, ...] = tuple(p.path for p in SCALE_SET_FIXED_AT_CREATION)

# Azure Monitor autoscale sets the capacity: with autoscale, `pulumi up` keeps what the last state
# holds (decisions/scale_set.py, `autoscale_rules`; docs/scale-set.md, "Autoscale and pulumi up").
SCALE_SET_AUTOSCALED_PATHS: tuple[str, ...] = ("sku.capacity",)

# Applied in place by the VMAccess extension, never by a VM update (Azure refuses new SSH keys,
# Azure/aks-engine#585, Azure/azure-cli#11840, and points to VMAccess for passwords,
# hashicorp/terraform#6528): the VM keeps what it was created with.
VM_CREDENTIAL_PATHS: tuple[str, ...] = ("osProfile.adminPassword", "osProfile.linuxConfiguration.ssh.publicKeys")
# The same for a scale set's model (Azure/aks-engine#585): its VMAccess extension sets a new credential,
# rolled over the instances like any model change. A new password in the model would reach only
# instances created or reimaged later (Azure/vm-scale-sets#38).
SCALE_SET_CREDENTIAL_PATHS: tuple[str, ...] = tuple(f"virtualMachineProfile.{p}" for p in VM_CREDENTIAL_PATHS)


def fingerprint(values: Mapping[str, Any]) -> str:
    """A short, stable digest of `values` (JSON-serialisable): it changes exactly when one of them
    does, so a resource that carries it follows them (a gate re-runs, a NIC is replaced)."""
    text = json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
