"""The scale set's Azure Monitor autoscale setting (`Microsoft.Insights/autoscaleSettings`): one
profile between `min_count` and `max_count` instances, with a scale-out and a scale-in rule on the
scale set's average `Percentage CPU` (decisions/scale_set.py, `autoscale_rules`).

Learn, "Understand autoscale settings" (learn.microsoft.com/azure/azure-monitor/autoscale/
autoscale-understanding-settings): capacity `minimum`, `maximum` and `default` are strings; a rule's
`metricTrigger` names the metric, its resource, time grain, window and aggregation; its
`scaleAction` the direction, `ChangeCount` and a cool-down.
"""

from __future__ import annotations

from pulumi_azure_native import compute, monitor

from ...decisions import scale_set as decided
from ...decisions.naming import ResourceNames
from ...resources.scope import ResourceScope
from ...spec import Autoscale


def build_autoscale_setting(
    names: ResourceNames,
    scope: ResourceScope,
    scale_set: compute.VirtualMachineScaleSet,
    autoscale: Autoscale,
    starting_capacity: int,
) -> monitor.AutoscaleSetting:
    rules = [
        monitor.ScaleRuleArgs(
            metric_trigger=monitor.MetricTriggerArgs(
                metric_name=decided.AUTOSCALE_METRIC,
                metric_namespace=decided.AUTOSCALE_METRIC_NAMESPACE,
                metric_resource_uri=scale_set.id,
                time_grain=decided.AUTOSCALE_TIME_GRAIN,
                statistic=monitor.MetricStatisticType.AVERAGE,
                time_window=decided.AUTOSCALE_TIME_WINDOW,
                time_aggregation=monitor.TimeAggregationType.AVERAGE,
                operator=monitor.ComparisonOperationType(rule.operator),
                threshold=rule.threshold,
            ),
            scale_action=monitor.ScaleActionArgs(
                direction=monitor.ScaleDirection(rule.direction),
                type=monitor.ScaleType.CHANGE_COUNT,
                value="1",
                cooldown=decided.AUTOSCALE_COOLDOWN,
            ),
        )
        for rule in decided.autoscale_rules(autoscale)
    ]
    return monitor.AutoscaleSetting(
        names.autoscale_setting,
        monitor.AutoscaleSettingArgs(
            resource_group_name=scope.resource_group_name,
            autoscale_setting_name=names.autoscale_setting,
            location=scope.location,
            tags=scope.tags,
            enabled=True,
            target_resource_uri=scale_set.id,
            profiles=[
                monitor.AutoscaleProfileArgs(
                    name="cpu",
                    capacity=monitor.ScaleCapacityArgs(
                        minimum=str(autoscale.min_count),
                        maximum=str(autoscale.max_count),
                        default=str(starting_capacity),
                    ),
                    rules=rules,
                )
            ],
        ),
        opts=scope.options(depends_on=[scale_set]),
    )
