"""Health-probe visibility: the load balancer's diagnostic setting and optional metric alerts.

- A diagnostic setting on the load balancer sends the `LoadBalancerHealthEvent` log (the
  one log category a Standard load balancer has: health-probe and data-path events, table
  `ALBHealthEvent`) and `AllMetrics` to the shared diagnostics storage account, or to the
  Log Analytics workspace when one is given.
  learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-loadbalancers-logs
- With an alert e-mail: an action group that mails it, and two metric alerts on the load
  balancer. Health Probe Status (`DipAvailability`) below 100% averaged over 5 minutes,
  split by backend IP so the alert names the VM that dropped out; Data Path Availability
  (`VipAvailability`) below 100%. Action groups and metric alerts are global resources.
  learn.microsoft.com/azure/load-balancer/load-balancer-standard-diagnostics
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import monitor, network, storage

from .naming import ResourceNames
from .placement import Placement

LOAD_BALANCER_LOG_CATEGORIES = ("LoadBalancerHealthEvent",)
LOAD_BALANCER_METRIC_CATEGORIES = ("AllMetrics",)
LOAD_BALANCER_METRIC_NAMESPACE = "Microsoft.Network/loadBalancers"
GLOBAL_LOCATION = "global"  # where Azure keeps action groups and metric alert rules


@dataclass(frozen=True)
class MetricAlertRule:
    """One metric alert on the load balancer: fires when `metric` averages below `threshold`."""

    signal: str
    """Names the alert: `<name>-lb-<signal>`."""
    metric: str
    description: str
    threshold: float
    severity: int  # 0 critical ... 4 verbose
    window_size: str  # ISO 8601
    evaluation_frequency: str
    split_by: str | None = None
    """A metric dimension to alert on separately for each value (one alert per VM)."""


LOAD_BALANCER_ALERTS = (
    MetricAlertRule(
        signal="health-probe",
        metric="DipAvailability",
        description=(
            "Health Probe Status below 100% for 5 minutes: a VM (dimension BackendIPAddress) fails its "
            "health probe and is out of rotation."
        ),
        threshold=100.0,
        severity=2,
        window_size="PT5M",
        evaluation_frequency="PT1M",
        split_by="BackendIPAddress",
    ),
    MetricAlertRule(
        signal="data-path",
        metric="VipAvailability",
        description="Data Path Availability below 100%: the load balancer frontend is not reachable in the region.",
        threshold=100.0,
        severity=1,
        window_size="PT5M",
        evaluation_frequency="PT1M",
    ),
)


@dataclass(frozen=True)
class Monitoring:
    diagnostic_setting: monitor.DiagnosticSetting
    action_group: monitor.ActionGroup | None
    metric_alerts: tuple[monitor.MetricAlert, ...]


def build_monitoring(
    names: ResourceNames,
    load_balancer: network.LoadBalancer,
    diagnostics_account: storage.StorageAccount,
    workspace_id: pulumi.Input[str] | None,
    alert_email: str | None,
    where: Placement,
    load_balancer_writes_done: pulumi.Resource,
) -> Monitoring:
    # An extension resource of the load balancer (its ID lives under the LB's): no location, no tags.
    # Azure Monitor (Microsoft.Insights) stores it, so it is not a PutLoadBalancerOperation; but
    # it is a write addressed under the load balancer, and nothing documents that it takes no
    # lock there, so it waits for the load balancer's last write (`load_balancer_writes_done`).
    # It is off the critical path (the VMs take longer). The metric alerts are resources of the
    # resource group that only name the load balancer in `scopes`: no write on it.
    diagnostic_setting = monitor.DiagnosticSetting(
        names.diagnostic_setting,
        monitor.DiagnosticSettingArgs(
            name=names.diagnostic_setting,
            resource_uri=load_balancer.id,
            storage_account_id=None if workspace_id is not None else diagnostics_account.id,
            workspace_id=workspace_id,
            # Resource-specific tables (ALBHealthEvent) rather than the shared AzureDiagnostics.
            log_analytics_destination_type="Dedicated" if workspace_id is not None else None,
            logs=[monitor.DiagnosticsLogSettingsArgs(category=c, enabled=True) for c in LOAD_BALANCER_LOG_CATEGORIES],
            metrics=[
                monitor.DiagnosticsMetricSettingsArgs(category=c, enabled=True) for c in LOAD_BALANCER_METRIC_CATEGORIES
            ],
        ),
        opts=where.options(depends_on=[load_balancer_writes_done]),
    )
    if alert_email is None:
        return Monitoring(diagnostic_setting, None, ())

    action_group = monitor.ActionGroup(
        names.action_group,
        monitor.ActionGroupInitArgs(
            resource_group_name=where.resource_group_name,
            action_group_name=names.action_group,
            location=GLOBAL_LOCATION,
            tags=where.tags,
            group_short_name=names.action_group_short_name,
            enabled=True,
            email_receivers=[
                monitor.MicrosoftCommonEmailReceiverArgs(
                    name="operations", email_address=alert_email, use_common_alert_schema=True
                )
            ],
        ),
        opts=where.options(),
    )
    alerts = tuple(
        monitor.MetricAlert(
            names.metric_alert(rule.signal),
            monitor.MetricAlertArgs(
                resource_group_name=where.resource_group_name,
                rule_name=names.metric_alert(rule.signal),
                location=GLOBAL_LOCATION,
                tags=where.tags,
                description=rule.description,
                severity=rule.severity,
                enabled=True,
                auto_mitigate=True,
                scopes=[load_balancer.id],
                evaluation_frequency=rule.evaluation_frequency,
                window_size=rule.window_size,
                criteria=monitor.MetricAlertSingleResourceMultipleMetricCriteriaArgs(
                    odata_type="Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                    all_of=[
                        monitor.MetricCriteriaArgs(
                            criterion_type="StaticThresholdCriterion",
                            name=rule.metric,
                            metric_name=rule.metric,
                            metric_namespace=LOAD_BALANCER_METRIC_NAMESPACE,
                            operator="LessThan",
                            threshold=rule.threshold,
                            time_aggregation="Average",
                            dimensions=[
                                monitor.MetricDimensionArgs(name=rule.split_by, operator="Include", values=["*"])
                            ]
                            if rule.split_by
                            else None,
                        )
                    ],
                ),
                actions=[monitor.MetricAlertActionArgs(action_group_id=action_group.id)],
            ),
            opts=where.options(),
        )
        for rule in LOAD_BALANCER_ALERTS
    )
    return Monitoring(diagnostic_setting, action_group, alerts)
