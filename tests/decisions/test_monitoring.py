"""What the load balancer's monitoring watches (`components.decisions.monitoring`)."""

from __future__ import annotations

from components.decisions.monitoring import LOAD_BALANCER_ALERTS, LOAD_BALANCER_LOG_CATEGORIES


def test_alerts_watch_health_probe_and_data_path_below_100_percent() -> None:
    assert [(a.metric, a.threshold, a.window_size) for a in LOAD_BALANCER_ALERTS] == [
        ("DipAvailability", 100.0, "PT5M"),
        ("VipAvailability", 100.0, "PT5M"),
    ]


def test_health_probe_alert_names_the_vm_that_dropped_out() -> None:
    assert LOAD_BALANCER_ALERTS[0].split_by == "BackendIPAddress"


def test_load_balancer_log_category_is_the_health_event_log() -> None:
    assert LOAD_BALANCER_LOG_CATEGORIES == ("LoadBalancerHealthEvent",)
