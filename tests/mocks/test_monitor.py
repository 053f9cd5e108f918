"""The mocks refuse the Azure Monitor resources Azure refuses: diagnostic settings, action groups, metric alerts."""

from __future__ import annotations

from typing import Any

import pytest

from offline.azure_mocks import AzureMocks

from ..support.arm import (
    ACTION_GROUP_ID,
    NETWORK,
    PIP_ID,
    RG,
    RG_ID,
    STORAGE_ID,
    WORKSPACE_ID,
    action_group,
    diagnostic_setting,
    metric_alert,
    refusal,
    register,
)


@pytest.mark.parametrize(
    ("type_name", "inputs"),
    [
        ("DiagnosticSetting", diagnostic_setting(storageAccountId=None, workspaceId=WORKSPACE_ID)),
        ("MetricAlert", metric_alert()),
    ],
)
def test_valid_monitor_resources_are_accepted(vm_mocks: AzureMocks, type_name: str, inputs: dict[str, Any]) -> None:
    resource_id, _ = register(vm_mocks, type_name, inputs)
    assert resource_id.startswith(RG_ID)


def test_diagnostic_setting_without_destination_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "DiagnosticSetting", diagnostic_setting(storageAccountId=None)) == "BadRequest"


def test_diagnostic_setting_with_a_non_workspace_id_is_rejected(vm_mocks: AzureMocks) -> None:
    setting = diagnostic_setting(storageAccountId=None, workspaceId=STORAGE_ID)
    assert refusal(vm_mocks, "DiagnosticSetting", setting) == "LinkedInvalidPropertyId"


def test_diagnostic_setting_on_a_missing_resource_is_rejected(vm_mocks: AzureMocks) -> None:
    assert (
        refusal(vm_mocks, "DiagnosticSetting", diagnostic_setting(resourceUri=PIP_ID + "-missing"))
        == "ResourceNotFound"
    )


def test_action_group_short_name_over_12_characters_is_rejected(vm_mocks: AzureMocks) -> None:
    group = action_group(actionGroupName="long", groupShortName="a" * 13)
    assert refusal(vm_mocks, "ActionGroup", group) == "InvalidParameter"


def test_regional_metric_alert_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "MetricAlert", metric_alert(location="westeurope")) == "InvalidParameter"


def test_metric_alert_with_a_missing_action_group_is_rejected(vm_mocks: AzureMocks) -> None:
    alert = metric_alert(actions=[{"actionGroupId": ACTION_GROUP_ID + "-missing"}])
    assert refusal(vm_mocks, "MetricAlert", alert) == "ResourceNotFound"


def test_metric_alert_window_of_7_minutes_is_rejected(vm_mocks: AzureMocks) -> None:
    assert refusal(vm_mocks, "MetricAlert", metric_alert(windowSize="PT7M")) == "InvalidParameter"


# --- on a load balancer ---------------------------------------------------------------------------


LB_ID = f"{NETWORK}/loadBalancers/lb"


@pytest.fixture
def with_lb(vm_mocks: AzureMocks) -> AzureMocks:
    """`vm_mocks` with a Standard load balancer `lb`."""
    register(vm_mocks, "LoadBalancer", {"resourceGroupName": RG, "loadBalancerName": "lb", "sku": {"name": "Standard"}})
    return vm_mocks


def test_load_balancer_log_category_that_does_not_exist_is_rejected(with_lb: AzureMocks) -> None:
    setting = diagnostic_setting(
        resourceUri=LB_ID, logs=[{"category": "LoadBalancerProbeHealthStatus", "enabled": True}]
    )
    assert refusal(with_lb, "DiagnosticSetting", setting) == "BadRequest"


def test_load_balancer_health_event_log_is_accepted(with_lb: AzureMocks) -> None:
    setting = diagnostic_setting(resourceUri=LB_ID, logs=[{"category": "LoadBalancerHealthEvent", "enabled": True}])
    assert (
        register(with_lb, "DiagnosticSetting", setting)[0]
        == f"{LB_ID}/providers/Microsoft.Insights/diagnosticSettings/diag"
    )


def test_load_balancer_metric_dimension_that_does_not_exist_is_rejected(with_lb: AzureMocks) -> None:
    alert = metric_alert(scopes=[LB_ID])
    alert["criteria"]["allOf"][0].update(
        metricName="VipAvailability", dimensions=[{"name": "BackendIPAddress", "operator": "Include", "values": ["*"]}]
    )
    assert refusal(with_lb, "MetricAlert", alert) == "BadRequest"


def test_load_balancer_metric_that_does_not_exist_is_rejected(with_lb: AzureMocks) -> None:
    alert = metric_alert(scopes=[LB_ID])
    alert["criteria"]["allOf"][0]["metricName"] = "HealthProbeStatus"  # the portal's label, not the metric
    assert refusal(with_lb, "MetricAlert", alert) == "BadRequest"
