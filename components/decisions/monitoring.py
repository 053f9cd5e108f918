"""Health-probe visibility: what the load balancer's diagnostic setting sends, and the metric alerts.

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
