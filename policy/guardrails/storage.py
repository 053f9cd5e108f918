"""Rules for storage accounts (the diagnostics account and, in the 2016 layout, VHD accounts).

Sources: secure transfer (learn.microsoft.com/azure/storage/common/storage-require-secure-transfer),
minimum TLS version (learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version),
anonymous blob access (learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent).
Each property must be set explicitly: their defaults have changed between API versions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
