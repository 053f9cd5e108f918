"""Storage accounts: the shared diagnostics account, and the account and container builders an
orchestration uses for its own (the VMs' VHD accounts with `disk_storage="vhd"`).

Every account is HTTPS-only, TLS 1.2 at least, with no public blob access, behind a
storage firewall that admits only Azure's trusted services, and has an explicit,
deterministic name (see decisions/naming.py, `storage_account_name`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import storage

from ..decisions.naming import DIAGNOSTICS_STORAGE_PURPOSE, storage_account_name
from .scope import ResourceScope, once_created

VHD_CONTAINER = "vhds"


@dataclass(frozen=True)
class StorageAccountNames:
    """The names of the set's storage accounts, by purpose (`diag`, `vhd<n>`): derived from the
    component's name and where it lives (decisions/naming.py, `storage_account_name`)."""

    component: str
    seed: pulumi.Output[list[str]]
    """The subscription's ID and the resource group's name."""

    def __call__(self, purpose: str) -> pulumi.Output[str]:
        component = self.component
        return self.seed.apply(
            lambda s: storage_account_name(
                component, purpose, (s[0], s[1], pulumi.get_project(), pulumi.get_stack(), component)
            )
        )


def storage_account_names(
    component: str, subscription_id: pulumi.Input[str], scope: ResourceScope
) -> StorageAccountNames:
    return StorageAccountNames(component, pulumi.Output.all(subscription_id, scope.resource_group_name))


@dataclass(frozen=True)
class StorageResources:
    """The shared diagnostics account: the machines' boot diagnostics, and the load balancer's
    diagnostics unless a Log Analytics workspace takes them."""

    account: storage.StorageAccount
    name: pulumi.Output[str]
    """The account's name, once it exists."""
    blob_endpoint: pulumi.Output[str]
    """Where boot diagnostics go."""


def build_diagnostics_storage(account_names: StorageAccountNames, scope: ResourceScope) -> StorageResources:
    name = account_names(DIAGNOSTICS_STORAGE_PURPOSE)
    account = build_storage_account(f"{account_names.component}-diag", name, scope)
    return StorageResources(account=account, name=once_created(account, name), blob_endpoint=blob_endpoint(account))


def build_storage_account(
    logical_name: str,
    account_name: pulumi.Input[str],
    scope: ResourceScope,
) -> storage.StorageAccount:
    # Standard_LRS StorageV2: boot diagnostics cannot use Premium or ZRS accounts.
    # learn.microsoft.com/azure/virtual-machines/boot-diagnostics
    return storage.StorageAccount(
        logical_name,
        storage.StorageAccountArgs(
            resource_group_name=scope.resource_group_name,
            account_name=account_name,
            location=scope.location,
            tags=scope.tags,
            sku=storage.SkuArgs(name="Standard_LRS"),
            kind="StorageV2",
            enable_https_traffic_only=True,
            minimum_tls_version="TLS1_2",
            allow_blob_public_access=False,
            # The public endpoint refuses every network; the trusted-services bypass keeps the writers
            # this account has: boot diagnostics ("Allow Azure services on the trusted services list",
            # learn.microsoft.com/azure/virtual-machines/boot-diagnostics) and the load balancer's
            # diagnostic setting ("You must enable Allow trusted Microsoft services",
            # learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings). Network rules do not
            # apply to VM disk traffic, so VHDs keep working (learn.microsoft.com/azure/storage/common/
            # storage-network-security). Reading boot diagnostics from a browser needs its address added.
            network_rule_set=storage.NetworkRuleSetArgs(
                default_action=storage.DefaultAction.DENY, bypass=storage.Bypass.AZURE_SERVICES
            ),
        ),
        opts=scope.options(),
    )


def blob_endpoint(account: storage.StorageAccount) -> pulumi.Output[str]:
    """The account's blob endpoint, e.g. https://<name>.blob.core.windows.net/ (cloud-specific)."""
    return account.primary_endpoints.apply(lambda endpoints: (endpoints.blob if endpoints else None) or "")


def build_vhd_container(
    logical_name: str, account: storage.StorageAccount, scope: ResourceScope
) -> storage.BlobContainer:
    """The private `vhds` container that holds a VM's OS disk VHD (2016 layout)."""
    return storage.BlobContainer(
        logical_name,
        storage.BlobContainerArgs(
            resource_group_name=scope.resource_group_name,
            account_name=account.name,
            container_name=VHD_CONTAINER,
            public_access=storage.PublicAccess.NONE,
        ),
        opts=scope.options(parent=account),
    )
