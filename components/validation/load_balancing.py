"""The load balancer's rules and health probe, the admin port and the inbound NAT ports.

Azure's limits: learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits
(load-balancer rules), learn.microsoft.com/azure/load-balancer/load-balancer-custom-probe-overview (probes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..args import LbRuleArgs, ProbeArgs
from ..decisions.ports import DEFAULT_ADMIN_PORTS, MAX_BACKEND_PORT, MAX_FRONTEND_PORT, nat_port_range
from ..declarations import declared_default, declared_defaults
from ..errors import InvalidArgumentError
from ..spec import DEFAULT_LB_RULES, MIN_PROBE_INTERVAL_SECONDS, PROBE_PROTOCOLS, LbRule, LoadBalancing, OsType, Probe
from .inputs import given, integer, is_int, port_number, spelling

DEFAULT_PROBE = Probe(**declared_defaults(ProbeArgs))
# Standard LB: "Rules (Load Balancer + Inbound NAT) per resource: 1,500" (Learn, Azure subscription and service
# limits, load balancer section; its include networking/load-balancer limits, ms.date 2024-10-24).
MAX_LB_RULES_AND_NAT_RULES = 1500
_LB_PROTOCOLS = {"tcp": "Tcp", "udp": "Udp"}
_RULE_KEYS = {"frontend_port", "backend_port", "protocol"}
_PROBE_KEYS = {"protocol", "port", "path", "interval_in_seconds"}
_PROBE_ALIASES = {"request_path": "path", "interval_seconds": "interval_in_seconds"}  # Azure's and common names


def read_load_balancing(
    args: Mapping[str, Any], os_type: OsType, nat_vm_count: int, *, scale_set_nat_ports: int | None = None
) -> LoadBalancing:
    """`nat_vm_count`: the VMs that need a NAT rule each, or 0 when admins come through Azure Bastion or the
    machines are a scale set; `scale_set_nat_ports`: the frontend ports of a scale set's one NAT rule."""
    lb_rules = _lb_rules(given(args, "lb_rules"))
    probe = _probe(given(args, "probe"))
    admin_port = integer(args, "admin_port", 1, MAX_BACKEND_PORT, default=DEFAULT_ADMIN_PORTS[os_type])
    nat_start = integer(args, "nat_frontend_port_start", 1, MAX_FRONTEND_PORT)
    if scale_set_nat_ports is not None:
        capacity, nat_rule_count, nat_ports = 0, 1, scale_set_nat_ports
    else:
        capacity = _nat_rule_capacity(args, nat_vm_count, len(lb_rules)) if nat_vm_count else 0
        # The frontend ports the NAT rules hold: every inline rule's, or one standalone rule's per VM.
        nat_rule_count = nat_ports = capacity or nat_vm_count
    _check_ports(lb_rules, nat_start, nat_ports, admin_port)
    if len(lb_rules) + nat_rule_count > MAX_LB_RULES_AND_NAT_RULES:
        raise InvalidArgumentError(
            "lb_rules", len(lb_rules), f"at most {MAX_LB_RULES_AND_NAT_RULES} rules with the {nat_rule_count} NAT rules"
        )
    return LoadBalancing(
        lb_rules, probe, nat_frontend_port_start=nat_start, admin_port=admin_port, nat_rule_capacity=capacity
    )


def _nat_rule_capacity(args: Mapping[str, Any], vm_count: int, lb_rule_count: int) -> int:
    """0 (standalone rules), or room for a rule per VM within Azure's rules per load balancer."""
    most = MAX_LB_RULES_AND_NAT_RULES - lb_rule_count
    capacity = integer(args, "nat_rule_capacity", 0, most)
    if 0 < capacity < vm_count:
        raise InvalidArgumentError(
            "nat_rule_capacity",
            capacity,
            f"a rule for each of the vm_count={vm_count} VMs: a whole number from {vm_count} to {most}, or 0 for"
            " one standalone rule per VM",
        )
    return capacity


def _lb_rules(value: object) -> tuple[LbRule, ...]:
    if value is None:
        return DEFAULT_LB_RULES
    if isinstance(value, (str, Mapping)) or not isinstance(value, Sequence) or not value:
        raise InvalidArgumentError(
            "lb_rules", value, "a non-empty list of {frontend_port, backend_port, protocol} rules"
        )
    rules = tuple(_lb_rule(f"lb_rules[{i}]", raw) for i, raw in enumerate(value))
    frontends: set[tuple[int, str]] = set()
    backends: set[tuple[int, str]] = set()
    for i, rule in enumerate(rules):
        for side, port, seen in (("frontend", rule.frontend_port, frontends), ("backend", rule.backend_port, backends)):
            if (port, rule.protocol) in seen:
                raise InvalidArgumentError(
                    f"lb_rules[{i}]",
                    value[i],
                    f"each {side} port and protocol once (Azure refuses two rules on the same {side} port)",
                )
            seen.add((port, rule.protocol))
    return rules


def _lb_rule(argument: str, raw: object) -> LbRule:
    allowed = (
        "a rule {frontend_port: 1-65534, backend_port: 1-65535, protocol: Tcp|Udp} "
        "or a (frontend_port, backend_port, protocol) tuple"
    )
    if isinstance(raw, Mapping):
        unknown = set(raw) - _RULE_KEYS
        if unknown or "frontend_port" not in raw or "backend_port" not in raw:
            raise InvalidArgumentError(argument, raw, allowed)
        fields: dict[str, Any] = dict(raw)
    elif isinstance(raw, Sequence) and not isinstance(raw, str) and len(raw) in (2, 3):
        fields = dict(zip(("frontend_port", "backend_port", "protocol"), raw, strict=False))
    else:
        raise InvalidArgumentError(argument, raw, allowed)
    return LbRule(
        frontend_port=port_number(f"{argument}.frontend_port", fields["frontend_port"], MAX_FRONTEND_PORT),
        backend_port=port_number(f"{argument}.backend_port", fields["backend_port"], MAX_BACKEND_PORT),
        protocol=spelling(
            f"{argument}.protocol", fields.get("protocol", declared_default(LbRuleArgs, "protocol")), _LB_PROTOCOLS
        ),
    )


def _probe(value: object) -> Probe:
    if value is None:
        return DEFAULT_PROBE
    if isinstance(value, Mapping):
        value = {_PROBE_ALIASES.get(key, key): item for key, item in value.items()}
    if not isinstance(value, Mapping) or set(value) - _PROBE_KEYS:
        raise InvalidArgumentError(
            "probe", value, "a probe {protocol: Http|Https|Tcp, port: 1-65535, path: '/...', interval_in_seconds: >= 5}"
        )
    protocol = spelling("probe.protocol", value.get("protocol", DEFAULT_PROBE.protocol), PROBE_PROTOCOLS)
    probe_port = port_number("probe.port", value.get("port", DEFAULT_PROBE.port), MAX_BACKEND_PORT)
    interval = value.get("interval_in_seconds", DEFAULT_PROBE.interval_in_seconds)
    if not is_int(interval) or interval < MIN_PROBE_INTERVAL_SECONDS:
        raise InvalidArgumentError(
            "probe.interval_in_seconds", interval, f"a whole number of seconds, at least {MIN_PROBE_INTERVAL_SECONDS}"
        )
    path = value.get("path", DEFAULT_PROBE.path if protocol != "Tcp" else None)
    if protocol == "Tcp":
        if path is not None:
            raise InvalidArgumentError("probe.path", path, "no path: TCP probes only open a connection")
    elif not isinstance(path, str) or not path.startswith("/") or any(c.isspace() for c in path):
        raise InvalidArgumentError("probe.path", path, f"{protocol} probes need a request path starting with '/'")
    return Probe(protocol=protocol, port=probe_port, path=path, interval_in_seconds=interval)


def _check_ports(lb_rules: tuple[LbRule, ...], nat_start: int, nat_port_count: int, admin_port: int) -> None:
    last = nat_start + nat_port_count - 1
    if last > MAX_FRONTEND_PORT:
        raise InvalidArgumentError(
            "nat_frontend_port_start",
            nat_start,
            f"a start that leaves room for {nat_port_count} NAT ports up to {MAX_FRONTEND_PORT} "
            f"(at most {MAX_FRONTEND_PORT - nat_port_count + 1})",
        )
    nat_ports = nat_port_range(nat_start, nat_port_count)
    for i, rule in enumerate(lb_rules):
        if rule.frontend_port in nat_ports:
            raise InvalidArgumentError(
                f"lb_rules[{i}].frontend_port",
                rule.frontend_port,
                f"a port outside the NAT range {nat_start}-{last} (from nat_frontend_port_start)",
            )
        if rule.protocol == "Tcp" and rule.backend_port == admin_port:
            raise InvalidArgumentError(
                f"lb_rules[{i}].backend_port",
                rule.backend_port,
                f"a port other than the admin port {admin_port}, which the NAT rules forward to",
            )
