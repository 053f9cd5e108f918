"""Azure Monitor (Microsoft.Insights): diagnostic settings, action groups and metric alerts, with
the load balancer's log categories, metrics and dimensions they may name."""

from __future__ import annotations

import re
from typing import Any

from .arm import ArmRejection, autoname
from .catalog import (
    ALERT_FREQUENCIES,
    ALERT_WINDOWS,
    LB_LOG_CATEGORIES,
    LB_LOG_CATEGORY_GROUPS,
    LB_METRIC_DIMENSIONS,
    LB_METRICS,
    MAX_ACTION_GROUP_SHORT_NAME,
    MAX_AUTOSCALE_CAPACITY,
    MAX_AUTOSCALE_PROFILES,
    MAX_AUTOSCALE_RULES,
)
from .state import Answer, ArmState

LOAD_BALANCER = "azure-native:network:LoadBalancer"
WORKSPACE_ID = re.compile(
    r"^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/Microsoft\.OperationalInsights/workspaces/[^/]+$",
    re.IGNORECASE,
)
# Where a diagnostic setting can send: at least one is required.
DESTINATIONS = ("storageAccountId", "workspaceId", "eventHubAuthorizationRuleId", "marketplacePartnerId")


def diagnostic_setting(arm: ArmState, logical_name: str, inputs: dict[str, Any]) -> Answer:
    """An extension resource: its ID is under the resource it watches (`resourceUri`)."""
    target = arm.find(inputs.get("resourceUri", ""))
    if target is None:
        raise ArmRejection("ResourceNotFound", f"resource {inputs.get('resourceUri')!r} not found.")
    name = inputs.get("name") or autoname(logical_name)
    if not any(inputs.get(d) for d in DESTINATIONS):
        raise ArmRejection("BadRequest", "A diagnostic setting needs at least one destination.")
    storage = inputs.get("storageAccountId")
    if storage and arm.find(storage) is None:
        raise ArmRejection("ResourceNotFound", f"storage account {storage} not found.")
    if storage:
        # Azure Monitor writes through the storage firewall only as a trusted Microsoft service
        # (learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings).
        rules = arm.by_id[storage.lower()].inputs.get("networkRuleSet") or {}
        bypass = {b.strip().lower() for b in str(rules.get("bypass", "AzureServices")).split(",")}
        if rules.get("defaultAction") == "Deny" and "azureservices" not in bypass:
            # ARM's own code for this refusal is not documented: the mocks name it.
            raise ArmRejection(
                "StorageAccountFirewallBlocksAzureMonitor",
                f"storage account {storage.rsplit('/', 1)[1]} denies every network without the "
                "AzureServices bypass, so Azure Monitor cannot write to it.",
            )
    workspace = inputs.get("workspaceId")
    if workspace and not WORKSPACE_ID.match(workspace):
        raise ArmRejection("LinkedInvalidPropertyId", f"{workspace!r} is not a Log Analytics workspace ID.")
    if target.type == LOAD_BALANCER:
        for log in inputs.get("logs", []):
            if log.get("category") not in LB_LOG_CATEGORIES and log.get("categoryGroup") not in LB_LOG_CATEGORY_GROUPS:
                raise ArmRejection("BadRequest", f"Category {log.get('category')!r} is not supported.")
        for metric in inputs.get("metrics", []):
            if metric.get("category") != "AllMetrics":
                raise ArmRejection("BadRequest", f"Metric category {metric.get('category')!r} is not supported.")
    return f"{target.id}/providers/Microsoft.Insights/diagnosticSettings/{name}", {**inputs, "name": name}


def action_group(arm: ArmState, group_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    short_name = inputs.get("groupShortName", "")
    if not 1 <= len(short_name) <= MAX_ACTION_GROUP_SHORT_NAME:
        raise ArmRejection("InvalidParameter", f"groupShortName {short_name!r} must be 1-12 characters.")
    for receiver in inputs.get("emailReceivers", []):
        if "@" not in receiver.get("emailAddress", ""):
            raise ArmRejection("InvalidParameter", f"{receiver.get('emailAddress')!r} is not an e-mail address.")
    location = inputs.get("location") or "global"
    return group_id, {**inputs, "name": name, "location": location}


def metric_alert(arm: ArmState, alert_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    if (inputs.get("location") or "").lower() != "global":
        raise ArmRejection("InvalidParameter", "Metric alert rules live in location 'global'.")
    if not 0 <= inputs.get("severity", -1) <= 4:  # 0 critical ... 4 verbose
        raise ArmRejection("InvalidParameter", "severity must be 0-4.")
    if inputs.get("windowSize") not in ALERT_WINDOWS or inputs.get("evaluationFrequency") not in ALERT_FREQUENCIES:
        raise ArmRejection("InvalidParameter", "unsupported windowSize or evaluationFrequency.")
    scopes = inputs.get("scopes") or []
    targets = [arm.find(scope) for scope in scopes]
    if not scopes or any(t is None for t in targets):
        raise ArmRejection("ResourceNotFound", f"alert scopes {scopes} not found.")
    criteria = inputs.get("criteria") or {}
    if criteria.get("odataType") != "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria":
        raise ArmRejection("InvalidParameter", f"criteria type {criteria.get('odataType')!r} not supported here.")
    for criterion in criteria.get("allOf", []):
        lb_scope = all(t is not None and t.type == LOAD_BALANCER for t in targets)
        if lb_scope and criterion.get("metricName") not in LB_METRICS:
            raise ArmRejection("BadRequest", f"Couldn't find metric {criterion.get('metricName')!r}.")
        known = LB_METRIC_DIMENSIONS.get(criterion.get("metricName", ""), set()) if lb_scope else None
        for dimension in criterion.get("dimensions", []):
            if known is not None and dimension.get("name") not in known:
                raise ArmRejection("BadRequest", f"Metric has no dimension {dimension.get('name')!r}.")
    for action in inputs.get("actions", []):
        if arm.find(action.get("actionGroupId", "")) is None:
            raise ArmRejection("ResourceNotFound", f"action group {action.get('actionGroupId')} not found.")
    return alert_id, {**inputs, "name": name}


def autoscale_setting(arm: ArmState, setting_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    """An autoscale setting on a scale set (Learn, autoscale-understanding-settings): its target and
    each rule's metric resource exist; capacity minimum <= default <= maximum, within a scale set's."""
    target = arm.find(inputs.get("targetResourceUri", ""))
    if target is None:
        raise ArmRejection("ResourceNotFound", f"autoscale target {inputs.get('targetResourceUri')!r} not found.")
    profiles = inputs.get("profiles", [])
    if not 1 <= len(profiles) <= MAX_AUTOSCALE_PROFILES:
        raise ArmRejection("BadRequest", f"An autoscale setting takes 1-{MAX_AUTOSCALE_PROFILES} profiles.")
    for profile in profiles:
        capacity = profile.get("capacity") or {}
        try:
            low, default, high = (int(capacity[k]) for k in ("minimum", "default", "maximum"))
        except (KeyError, TypeError, ValueError):
            raise ArmRejection("BadRequest", "capacity minimum, default and maximum are whole numbers.") from None
        if not 0 <= low <= default <= high <= MAX_AUTOSCALE_CAPACITY:
            raise ArmRejection(
                "BadRequest", f"capacity must satisfy 0 <= minimum <= default <= maximum <= {MAX_AUTOSCALE_CAPACITY}."
            )
        rules = profile.get("rules", [])
        if len(rules) > MAX_AUTOSCALE_RULES:
            raise ArmRejection("BadRequest", f"A profile takes at most {MAX_AUTOSCALE_RULES} rules.")
        for rule in rules:
            trigger = rule.get("metricTrigger") or {}
            if arm.find(trigger.get("metricResourceUri", "")) is None:
                raise ArmRejection(
                    "ResourceNotFound", f"metric resource {trigger.get('metricResourceUri')!r} not found."
                )
    return setting_id, {**arm.located(inputs), "name": name}
