"""What a scale set in Flexible orchestration is made of, decided from the spec alone: its limits,
its rolling-upgrade batch, its repairs' grace period, the Application Health extension that mirrors
the load balancer's probe, the inbound NAT rule's port range, and the autoscale rules.

Sources (Microsoft Learn, MicrosoftDocs/azure-compute-docs, read 2026-12):
- Flexible orchestration: "up to 1000 VMs" (flexible-virtual-machine-scale-sets); fault domains
  (virtual-machine-scale-sets-manage-fault-domains, ms.date 2025-09-02): a zonal or zone-spanning
  Flexible scale set supports `platformFaultDomainCount` 1 only (max spreading), a regional one 1-3;
  "We recommend using max spreading for most scale sets".
- Rolling upgrades (virtual-machine-scale-sets-configure-rolling-upgrades, ms.date 2026-05-19): "When
  using a rolling upgrade policy on Virtual Machine Scale Sets with Flexible Orchestration, the scale
  set must also use the application health extension"; "Rolling upgrade policy can be configured
  during scale set creation" (the page suggests creating with Manual first only so that a user can
  confirm the health signal before switching: here the extension probes what the load balancer's
  probe does, which the default cloud-init serves).
- MaxSurge (virtual-machine-scale-sets-maxsurge, ms.date 2026-05-19): new instances of the new model
  are created, healthy, then old ones deleted, so "capacity doesn't drop below the set instance
  count"; they "have new IP addresses"; "For Virtual Machine Scale Sets with Flexible Orchestration,
  enabling automatic OS image upgrades and MaxSurge together is not yet supported" (this component
  enables no automatic OS image upgrade).
- Automatic instance repairs (virtual-machine-scale-sets-automatic-instance-repairs, ms.date
  2026-05-19): the grace period "can range between 10 minutes and 90 minutes"; it "is honored for any
  newly created instance"; only one health source (the extension or a scale-set health probe).
- Application Health extension (virtual-machine-scale-sets-health-extension): publisher
  `Microsoft.ManagedServices`, types `ApplicationHealthLinux` / `ApplicationHealthWindows`, version
  2.0, settings `protocol` (http, https, tcp), `port`, `requestPath`, `intervalInSeconds`,
  `numberOfProbes`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..spec import Autoscale, OsType, Probe

MAX_SCALE_SET_INSTANCES = 1000  # Flexible orchestration: up to 1,000 VMs (Learn, flexible-virtual-machine-scale-sets)
MAX_SPREADING_FAULT_DOMAIN_COUNT = 1  # platformFaultDomainCount 1: max spreading, the only value with zones
NETWORK_API_VERSION = "2020-11-01"
"""Flexible orchestration creates the instances' NICs itself from the network profile, which needs a
`networkApiVersion` (Compute API 2024-11-01: `2020-11-01` or `2022-11-01`); the older one is what
Learn's Flexible examples use and what every region offers."""

# Azure's range for `rollingUpgradePolicy.maxBatchInstancePercent` (Compute API: 5-100).
MIN_BATCH_PERCENT = 5
MAX_BATCH_PERCENT = 100
# How unhealthy the set may be before (and after) a batch; never below the batch itself, or the
# first batch of an in-place upgrade would stop the upgrade on its own.
DEFAULT_MAX_UNHEALTHY_PERCENT = 20

# Covers a first boot: cloud-init installs the web server (a minute or two) before the extension
# sees the probe answer. Azure allows 10-90 minutes; the Learn quickstart for repairs uses 30.
REPAIR_GRACE_PERIOD = "PT30M"
REPAIR_GRACE_MINUTES = (10, 90)

HEALTH_EXTENSION_PUBLISHER = "Microsoft.ManagedServices"
HEALTH_EXTENSION_TYPES = {OsType.LINUX: "ApplicationHealthLinux", OsType.WINDOWS: "ApplicationHealthWindows"}
HEALTH_EXTENSION_VERSION = "2.0"
HEALTH_EXTENSION_NAME = "health"
HEALTH_NUMBER_OF_PROBES = 1

# Azure Monitor autoscale on the scale set's own platform metric
# (learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings).
AUTOSCALE_METRIC = "Percentage CPU"
AUTOSCALE_METRIC_NAMESPACE = "microsoft.compute/virtualmachinescalesets"
AUTOSCALE_TIME_GRAIN = "PT1M"
AUTOSCALE_TIME_WINDOW = "PT5M"
AUTOSCALE_COOLDOWN = "PT5M"


DEFAULT_BATCH_PERCENT = 50
"""Half the set, as `max_unavailable`'s default, but as a percentage: it does not move when the
capacity does, so a scale-out changes the capacity alone."""


def batch_percent(max_unavailable: int | None, vm_count: int) -> int:
    """`max_unavailable` of `vm_count` instances as the rolling upgrade's batch size, a percentage
    rounded up (a batch is never smaller than asked), within Azure's 5-100; not given: half the set."""
    if max_unavailable is None:
        return DEFAULT_BATCH_PERCENT
    percent = math.ceil(100 * max_unavailable / vm_count)
    return min(MAX_BATCH_PERCENT, max(MIN_BATCH_PERCENT, percent))


def max_unhealthy_percent(batch: int) -> int:
    return max(DEFAULT_MAX_UNHEALTHY_PERCENT, batch)


def surge_instances(batch: int, capacity: int) -> int:
    """Instances a MaxSurge batch adds on top of `capacity` while it runs (a batch of `batch` percent)."""
    return math.ceil(capacity * batch / 100)


@dataclass(frozen=True)
class NatPortRange:
    """The scale set's inbound NAT rule (V2, over the backend pool): Azure gives each instance one
    frontend port of `start`-`end`, forwarded to `backend_port`."""

    start: int
    end: int
    backend_port: int

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


def nat_port_range(start: int, admin_port: int) -> NatPortRange:
    """The range's end is fixed at the largest count a Flexible scale set can reach, so that scaling
    changes the scale set alone, never the load balancer's rule."""
    return NatPortRange(start, start + MAX_SCALE_SET_INSTANCES - 1, admin_port)


def health_extension_settings(probe: Probe) -> dict[str, Any]:
    """The Application Health extension's settings: the same protocol, port and path as the load
    balancer's probe, so the scale set judges an instance as the load balancer does."""
    settings: dict[str, Any] = {
        "protocol": probe.protocol.lower(),
        "port": probe.port,
        "intervalInSeconds": probe.interval_in_seconds,
        "numberOfProbes": HEALTH_NUMBER_OF_PROBES,
    }
    if probe.path is not None:
        settings["requestPath"] = probe.path
    return settings


@dataclass(frozen=True)
class AutoscaleRule:
    direction: str  # "Increase" | "Decrease"
    operator: str  # "GreaterThan" | "LessThan"
    threshold: int


def autoscale_rules(autoscale: Autoscale) -> tuple[AutoscaleRule, AutoscaleRule]:
    """One instance more above the scale-out threshold, one fewer below the scale-in threshold."""
    return (
        AutoscaleRule("Increase", "GreaterThan", autoscale.scale_out_cpu_percent),
        AutoscaleRule("Decrease", "LessThan", autoscale.scale_in_cpu_percent),
    )


def computer_name_prefix(base: str, os_type: OsType) -> str:
    """A scale set names each instance's computer `<prefix><6 characters>` (a base-36 number: Windows
    computer names are at most 15 characters, so its prefix is at most 9; msftstack.wordpress.com,
    "Figuring out Azure VM scale set machine names", 2017). The instances' resource names are Azure's:
    `{scale-set-name}_{8-char-guid}` in Flexible orchestration (Learn, virtual-machine-scale-sets-instance-ids)."""
    return base[:9].rstrip("-") if os_type is OsType.WINDOWS else base
