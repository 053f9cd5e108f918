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
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FixedProperty:
    path: str
    """The property path, as Pulumi's `replace_on_changes` names it (the provider's camelCase)."""
    source: str
    """Why Azure will not change it in place."""


VM_FIXED_AT_CREATION: tuple[FixedProperty, ...] = (
    FixedProperty(
        "storageProfile.imageReference",
        "a VM's image is its OS disk's source; only a new VM takes another (Compute API: PropertyChangeNotAllowed)",
    ),
    FixedProperty(
        "osProfile.customData",
        "Learn, custom-data FAQ: 'For single VMs, you can't update custom data in the VM model'; the 2024-11-01"
        " spec (computeRPCommon.json): 'cannot be updated after the VM is created'",
    ),
    FixedProperty("osProfile.adminUsername", "Compute API: PropertyChangeNotAllowed ('osProfile.adminUsername')"),
    FixedProperty("osProfile.computerName", "Compute API: PropertyChangeNotAllowed ('osProfile.computerName')"),
    FixedProperty(
        "osProfile.linuxConfiguration.disablePasswordAuthentication",
        "password login on or off is fixed at creation (Azure/bicep#15273)",
    ),
    FixedProperty(
        "osProfile.windowsConfiguration.enableAutomaticUpdates",
        "sources conflict (MicrosoftDocs/azure-docs#112633); taken as fixed at creation, the safer reading",
    ),
    FixedProperty(
        "availabilitySet",
        "a VM joins an availability set only when it is created (Learn, 'Change the availability set for a VM')",
    ),
    FixedProperty("zones", "a VM's zone is fixed at creation (Compute API: PropertyChangeNotAllowed ('zones'))"),
    FixedProperty("storageProfile.osDisk.name", "a disk is not renamed (Compute API: PropertyChangeNotAllowed)"),
    FixedProperty("storageProfile.osDisk.vhd", "an unmanaged OS disk's blob is fixed at creation (Compute API)"),
    FixedProperty(
        "securityProfile",
        "Trusted Launch (security type, secure boot, vTPM) changes only on a deallocated VM, which an update does"
        " not do (learn.microsoft.com/azure/virtual-machines/trusted-launch-existing-vm)",
    ),
)
VM_REPLACE_ON_CHANGES: tuple[str, ...] = tuple(p.path for p in VM_FIXED_AT_CREATION)

# Applied in place by the VMAccess extension, never by a VM update (Azure refuses new SSH keys,
# Azure/aks-engine#585, Azure/azure-cli#11840, and points to VMAccess for passwords,
# hashicorp/terraform#6528): the VM keeps what it was created with.
VM_CREDENTIAL_PATHS: tuple[str, ...] = ("osProfile.adminPassword", "osProfile.linuxConfiguration.ssh.publicKeys")


def fingerprint(values: Mapping[str, Any]) -> str:
    """A short, stable digest of `values` (JSON-serialisable): it changes exactly when one of them
    does, so a resource that carries it follows them (a gate re-runs, a NIC is replaced)."""
    text = json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
