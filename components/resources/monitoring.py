"""The load balancer's diagnostic setting, and with an alert e-mail its action group and metric
alerts (what they watch, and why: decisions/monitoring.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import monitor

from ..decisions.monitoring import (
    GLOBAL_LOCATION,
    LOAD_BALANCER_ALERTS,
    LOAD_BALANCER_LOG_CATEGORIES,
    LOAD_BALANCER_METRIC_CATEGORIES,
    LOAD_BALANCER_METRIC_NAMESPACE,
)
from ..decisions.naming import ResourceNames
from ..spec import Monitoring
from .load_balancer import LoadBalancerResources
from .scope import ResourceScope
from .storage import StorageResources


@dataclass(frozen=True)
class MonitoringResources:
    diagnostic_setting: monitor.DiagnosticSetting
    action_group: monitor.ActionGroup | None
    metric_alerts: tuple[monitor.MetricAlert, ...]

    @property
    def last_load_balancer_write(self) -> pulumi.Resource:
        """The diagnostic setting, a write addressed under the load balancer: an orchestration's NAT
        rules, written under it too, wait for it."""
        return self.diagnostic_setting


def build_monitoring(
    monitoring: Monitoring,
    names: ResourceNames,
    scope: ResourceScope,
    load_balancer_resources: LoadBalancerResources,
    diagnostics: StorageResources,
) -> MonitoringResources:
    """Built right after the load balancer, before the machines: it waits for the load balancer's own
    write, and the machines' NAT rules wait for it (`last_load_balancer_write`)."""
    workspace_id, alert_email = monitoring.log_analytics_workspace_id, monitoring.alert_email
    load_balancer, diagnostics_account = load_balancer_resources.load_balancer, diagnostics.account
    # An extension resource of the load balancer (its ID lives under the LB's): no location, no tags.
    # Azure Monitor (Microsoft.Insights) stores it, so it is not a PutLoadBalancerOperation; but
    # it is a write addressed under the load balancer, and nothing documents that it takes no
    # lock there, so it is written between the load balancer and the orchestration's NAT rules, one
    # write at a time (resources/load_balancer.py). The metric alerts are resources of the
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
        opts=scope.options(depends_on=[load_balancer]),
    )
    if alert_email is None:
        return MonitoringResources(diagnostic_setting, None, ())

    action_group = monitor.ActionGroup(
        names.action_group,
        monitor.ActionGroupInitArgs(
            resource_group_name=scope.resource_group_name,
            action_group_name=names.action_group,
            location=GLOBAL_LOCATION,
            tags=scope.tags,
            group_short_name=names.action_group_short_name,
            enabled=True,
            email_receivers=[
                monitor.MicrosoftCommonEmailReceiverArgs(
                    name="operations", email_address=alert_email, use_common_alert_schema=True
                )
            ],
        ),
        opts=scope.options(),
    )
    alerts = tuple(
        monitor.MetricAlert(
            names.metric_alert(rule.signal),
            monitor.MetricAlertArgs(
                resource_group_name=scope.resource_group_name,
                rule_name=names.metric_alert(rule.signal),
                location=GLOBAL_LOCATION,
                tags=scope.tags,
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
            opts=scope.options(),
        )
        for rule in LOAD_BALANCER_ALERTS
    )
    return MonitoringResources(diagnostic_setting, action_group, alerts)
