"""Rules for storage accounts (the diagnostics account and, in the 2016 layout, VHD accounts).

Sources: secure transfer (learn.microsoft.com/azure/storage/common/storage-require-secure-transfer),
minimum TLS version (learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version),
anonymous blob access (learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent).
Each property must be set explicitly: their defaults have changed between API versions.
Azure Monitor writes a diagnostic setting's logs through a storage firewall only as a trusted
Microsoft service (learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings), and
boot diagnostics likewise (learn.microsoft.com/azure/virtual-machines/boot-diagnostics).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_policy import PolicyResource
from pulumi_policy.proxy import UnknownValueError

from .resources import DIAGNOSTIC_SETTING, STORAGE_ACCOUNT, VIRTUAL_MACHINE, kind_of, mapping, path

# Versions Azure Storage accepts as a minimum, oldest first.
TLS_VERSIONS = ("TLS1_0", "TLS1_1", "TLS1_2", "TLS1_3")
MIN_TLS_VERSION = "TLS1_2"


def https_only_violations(props: Mapping[str, Any]) -> list[str]:
    if props.get("enableHttpsTrafficOnly") is True:
        return []
    return ["enableHttpsTrafficOnly is not true: the account would accept plain HTTP; set it to true."]


def minimum_tls_violations(props: Mapping[str, Any]) -> list[str]:
    version = props.get("minimumTlsVersion")
    if version in TLS_VERSIONS and TLS_VERSIONS.index(version) >= TLS_VERSIONS.index(MIN_TLS_VERSION):
        return []
    return [f"minimumTlsVersion is {version!r}: set {MIN_TLS_VERSION!r} (TLS 1.0 and 1.1 are insecure)."]


def account_public_blob_access_violations(props: Mapping[str, Any]) -> list[str]:
    if props.get("allowBlobPublicAccess") is False:
        return []
    return ["allowBlobPublicAccess is not false: a container could be made readable by anyone; set it to false."]


def container_public_access_violations(props: Mapping[str, Any]) -> list[str]:
    access = props.get("publicAccess")
    if access is None or str(access).lower() == "none":
        return []
    return [f"The container's publicAccess is {access!r}: anyone could read its blobs; set 'None'."]


def blocks_trusted_services(account: Mapping[str, Any]) -> bool:
    """A firewall that denies every network without the AzureServices bypass (ARM's default bypass,
    when a network rule set leaves it out, is AzureServices)."""
    try:
        rules = mapping(account, "networkRuleSet")
        bypass = rules.get("bypass", "AzureServices")
        denied = rules.get("defaultAction") == "Deny"
    except UnknownValueError:
        return False
    return denied and "azureservices" not in {part.strip().lower() for part in str(bypass or "").split(",")}


def _account_names(account: PolicyResource) -> set[str]:
    """The names a diagnostics target can name the account by: its ARM ID's last part or its name."""
    names: set[str] = set()
    for key in ("accountName", "name", "id"):
        try:
            value = account.props.get(key)
        except UnknownValueError:
            continue
        if isinstance(value, str) and value:
            names.add(value.rsplit("/", 1)[-1].lower())
    return names


def _targets(resource: PolicyResource) -> tuple[str | None, str | None]:
    """(input that names a storage account, that account's name as the input spells it, if known)."""
    kind = kind_of(resource.resource_type)
    try:
        if kind == DIAGNOSTIC_SETTING:
            value = resource.props.get("storageAccountId")
            return "storageAccountId", value.rsplit("/", 1)[-1].lower() if isinstance(value, str) else None
        if kind == VIRTUAL_MACHINE:
            uri = path(resource.props, "diagnosticsProfile", "bootDiagnostics", "storageUri")
            if not isinstance(uri, str):
                return (
                    ("diagnosticsProfile", None)
                    if "diagnosticsProfile" in resource.property_dependencies
                    else (None, None)
                )
            return "diagnosticsProfile", uri.split("//", 1)[-1].split(".", 1)[0].lower()
    except UnknownValueError:
        return ("storageAccountId" if kind == DIAGNOSTIC_SETTING else "diagnosticsProfile"), None
    return None, None


def diagnostics_firewall_violations(resources: Sequence[PolicyResource]) -> list[tuple[str, str]]:
    """(URN, message) for each diagnostic setting or VM boot diagnostics that writes to one of the
    stack's storage accounts whose firewall keeps Azure's trusted services out. The account is found
    by the engine's property dependency (known in preview) or else by its name."""
    accounts = [r for r in resources if kind_of(r.resource_type) == STORAGE_ACCOUNT]
    violations: list[tuple[str, str]] = []
    for resource in resources:
        key, name = _targets(resource)
        if key is None:
            continue
        by_dependency = [
            a for a in resource.property_dependencies.get(key, []) if kind_of(a.resource_type) == STORAGE_ACCOUNT
        ]
        linked = by_dependency or [a for a in accounts if name is not None and name in _account_names(a)]
        for account in linked[:1]:
            if blocks_trusted_services(account.props):
                writer = "diagnostic setting" if key == "storageAccountId" else "VM's boot diagnostics"
                violations.append(
                    (
                        resource.urn,
                        f"This {writer} writes to storage account {account.name!r}, whose firewall denies every "
                        "network without the AzureServices bypass, so Azure cannot write there: set "
                        "networkRuleSet.bypass to include 'AzureServices'.",
                    )
                )
    return violations
