"""What belongs to no one Azure service: resource groups (ARM's own Microsoft.Resources), the
caller's identity (the `getClientConfig` invoke), and the Pulumi engine's `pulumi:index:Stash`,
which calls no provider at all."""

from __future__ import annotations

import uuid
from typing import Any

from .arm import SUBSCRIPTION_ID, TENANT_ID, arm_location, autoname
from .state import Answer, ArmState


def client_config(arm: ArmState, args: dict[str, Any]) -> dict[str, Any]:
    """The `azure-native:authorization:getClientConfig` invoke: who the program deploys as."""
    return {
        "subscriptionId": SUBSCRIPTION_ID,
        "tenantId": TENANT_ID,
        "clientId": "11111111-0000-0000-0000-000000000000",
        "objectId": "22222222-0000-0000-0000-000000000000",
    }


def resource_group(arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
    name = inputs.get("resourceGroupName") or autoname(logical_name)
    arm.resource_groups[name] = arm_location(inputs.get("location") or arm.location)
    state = {**inputs, "name": name, "location": arm.resource_groups[name]}
    return f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{name}", state


def stash(arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
    """Not Azure: the Pulumi engine's own resource, which keeps a value in the state and calls
    no provider; its first input is its output."""
    stash_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"stash/{logical_name}"))
    return stash_id, {**inputs, "output": inputs.get("input")}
