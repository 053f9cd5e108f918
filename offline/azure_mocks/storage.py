"""Microsoft.Storage: storage accounts (globally unique names, endpoints, network rules) and blob
containers."""

from __future__ import annotations

import re
from typing import Any

from .arm import ArmRejection, autoname, resource_id
from .state import Answer, ArmState

# The endpoints ARM returns in `primaryEndpoints`.
ENDPOINT_KINDS = ("blob", "queue", "table", "file", "dfs", "web")


def storage_account(arm: ArmState, account_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    if not re.fullmatch(r"[a-z0-9]{3,24}", name):
        raise ArmRejection("AccountNameInvalid", f"{name} is not a valid storage account name.")
    if name in arm.storage_accounts:
        raise ArmRejection("StorageAccountAlreadyTaken", f"The storage account named {name} is already taken.")
    arm.storage_accounts[name] = (inputs.get("sku") or {}).get("name", "")
    rules = inputs.get("networkRuleSet") or {}
    if rules.get("defaultAction", "Allow") not in ("Allow", "Deny"):
        raise ArmRejection("InvalidValuesForRequestParameters", f"defaultAction {rules['defaultAction']!r}.")
    endpoints = {kind: f"https://{name}.{kind}.core.windows.net/" for kind in ENDPOINT_KINDS}
    return account_id, {**arm.located(inputs), "name": name, "primaryEndpoints": endpoints}


def blob_container(arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
    account = inputs["accountName"]
    if account not in arm.storage_accounts:
        raise ArmRejection("StorageAccountNotFound", f"storage account {account} not found.")
    name = inputs.get("containerName") or autoname(logical_name)
    account_id = resource_id(inputs["resourceGroupName"], "Microsoft.Storage/storageAccounts", account)
    return f"{account_id}/blobServices/default/containers/{name}", {**inputs, "name": name}
