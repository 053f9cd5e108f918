"""Inputs the tests share: argument sets, config namespace, ARM IDs."""

from __future__ import annotations

from typing import Any

from offline.harness import REPO_ROOT

from .keys import ED25519, STRONG_PASSWORD

NS = "azure-multi-vm"
"""The stack's config namespace (the project name in Pulumi.yaml)."""

NTIER = REPO_ROOT / "examples" / "ntier"
"""The N-tier example's project."""
NTIER_NS = "azure-multi-vm-ntier"
"""Its config namespace."""

SUBSCRIPTION = "00000000-1111-2222-3333-444444444444"
"""A subscription GUID; the mocks answer with the same one (`offline.azure_mocks.SUBSCRIPTION_ID`)."""

LINUX: dict[str, Any] = {"resource_group_name": "rg", "ssh_public_key": ED25519}
"""The least a Linux set needs: a resource group and an SSH key."""

WINDOWS: dict[str, Any] = {"resource_group_name": "rg", "os_type": "windows", "admin_password": STRONG_PASSWORD}
"""The least a Windows set needs: a resource group and a password."""

OWN_SERVER: dict[str, Any] = {"custom_data": "#cloud-config\n"}
"""Custom data of the caller's own: the VMs serve what it says, so a probe on any port may find a server."""

WORKSPACE = (
    f"/subscriptions/{SUBSCRIPTION}/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops-logs"
)
"""A Log Analytics workspace ID."""

CALLERS_NETWORK = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/net-rg/providers/Microsoft.Network"
SUBNET_ID = f"{CALLERS_NETWORK}/virtualNetworks/hub/subnets/app"
"""A subnet of the caller's own VNet, for `subnet_id`."""
NSG_ID = f"{CALLERS_NETWORK}/networkSecurityGroups/app-nsg"
"""An NSG of the caller's own, for `network_security_group_id`."""
