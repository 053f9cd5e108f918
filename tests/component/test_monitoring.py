"""Health-probe visibility: the load balancer's diagnostic setting, action group and metric alerts."""

from __future__ import annotations

from typing import Any, cast

import pytest
from pulumi_azure_native import resources

from components import LoadBalancedVmSet, LoadBalancedVmSetArgs
from offline.harness import Deployment, evaluate

from ..support.checks import each
from ..support.constants import WORKSPACE
from ..support.keys import ED25519


def test_diagnostics_go_to_the_storage_account_by_default(linux_default: Deployment) -> None:
    setting = linux_default.one("DiagnosticSetting").inputs
    assert (setting["storageAccountId"], setting.get("workspaceId")) == (linux_default.one("StorageAccount").id, None)


def test_diagnostic_setting_is_on_the_load_balancer(linux_default: Deployment) -> None:
    assert linux_default.one("DiagnosticSetting").inputs["resourceUri"] == linux_default.outputs["load_balancer_id"]


def test_diagnostics_include_health_events_and_all_metrics(linux_default: Deployment) -> None:
    setting = linux_default.one("DiagnosticSetting").inputs
    assert ([log["category"] for log in setting["logs"]], [m["category"] for m in setting["metrics"]]) == (
        ["LoadBalancerHealthEvent"],
        ["AllMetrics"],
    )


def test_diagnostic_categories_are_enabled(linux_default: Deployment) -> None:
    setting = linux_default.one("DiagnosticSetting").inputs
    assert all(item["enabled"] for item in each(setting["logs"] + setting["metrics"]))


def test_no_alerts_without_an_alert_email(linux_default: Deployment) -> None:
    assert (linux_default.of_type("ActionGroup"), linux_default.of_type("MetricAlert")) == ([], [])


def test_diagnostics_go_to_the_workspace_when_given(monitored: Deployment) -> None:
    setting = monitored.one("DiagnosticSetting").inputs
    assert (setting["workspaceId"], setting.get("storageAccountId"), setting["logAnalyticsDestinationType"]) == (
        WORKSPACE,
        None,
        "Dedicated",
    )


def test_action_group_mails_the_alert_email(monitored: Deployment) -> None:
    group = monitored.one("ActionGroup").inputs
    assert [r["emailAddress"] for r in group["emailReceivers"]] == ["ops@example.com"]


def test_action_group_is_global_with_a_short_name(monitored: Deployment) -> None:
    group = monitored.one("ActionGroup").inputs
    assert (group["location"], len(group["groupShortName"]) <= 12, group["enabled"]) == ("global", True, True)


def test_two_metric_alerts_watch_the_load_balancer(monitored: Deployment) -> None:
    alerts = monitored.of_type("MetricAlert")
    lb_id = monitored.outputs["load_balancer_id"]
    assert sorted(a.inputs["criteria"]["allOf"][0]["metricName"] for a in alerts) == [
        "DipAvailability",
        "VipAvailability",
    ] and all(a.inputs["scopes"] == [lb_id] for a in alerts)


def test_alerts_fire_below_100_percent_averaged_over_5_minutes(monitored: Deployment) -> None:
    criteria = [a.inputs["criteria"]["allOf"][0] for a in monitored.of_type("MetricAlert")]
    assert {(c["operator"], c["threshold"], c["timeAggregation"]) for c in criteria} == {("LessThan", 100.0, "Average")}
    assert {a.inputs["windowSize"] for a in monitored.of_type("MetricAlert")} == {"PT5M"}


def test_health_probe_alert_is_split_per_backend_vm(monitored: Deployment) -> None:
    probe = monitored.named("web-lb-health-probe").inputs["criteria"]["allOf"][0]
    assert probe["dimensions"] == [{"name": "BackendIPAddress", "operator": "Include", "values": ["*"]}]


def test_alerts_are_global_and_notify_the_action_group(monitored: Deployment) -> None:
    group = monitored.one("ActionGroup").id
    alerts = monitored.of_type("MetricAlert")
    assert all(
        a.inputs["location"] == "global" and a.inputs["actions"] == [{"actionGroupId": group}] for a in each(alerts)
    )


def test_workspace_from_another_resource_is_checked_when_it_resolves() -> None:
    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("rg", location="westeurope")
        args = {
            "resource_group_name": group.name,
            "ssh_public_key": ED25519,
            "log_analytics_workspace_id": group.id,  # a resource group's ID, not a workspace's
        }
        vm_set = LoadBalancedVmSet("web", cast(LoadBalancedVmSetArgs, args))
        return {"lb": vm_set.load_balancer_id}

    with pytest.raises(ValueError, match=r"log_analytics_workspace_id: .* is not allowed"):
        evaluate(program)
