"""The inbound NSG rules (`components.decisions.security_rules`) decided from validated arguments."""

from __future__ import annotations

from components import validate
from components.decisions.security_rules import DENY_ALL_PRIORITY, SecurityRule, inbound_security_rules

from ..support.constants import LINUX, SUBNET_ID

BRING_YOUR_OWN = {**LINUX, "subnet_id": SUBNET_ID}
BASTION = {**LINUX, "admin_access": "bastion"}


def rules_for(**args: object) -> dict[str, SecurityRule]:
    spec = validate("web", {**LINUX, **args})
    return {rule.name: rule for rule in inbound_security_rules(spec)}


def test_probe_source_is_always_allowed() -> None:
    rule = rules_for()["allow-azure-load-balancer-probe"]
    assert (rule.source_address_prefix, rule.access, rule.destination_port_ranges) == (
        "AzureLoadBalancer",
        "Allow",
        ("80",),
    )


def test_app_ports_are_allowed_from_each_app_source() -> None:
    rules = rules_for(
        app_source_prefixes=["Internet", "192.0.2.0/24"], lb_rules=[(80, 8080, "Tcp"), (443, 8443, "Tcp")]
    )
    app = [r for name, r in rules.items() if name.startswith("allow-app")]
    assert {(r.source_address_prefix, r.destination_port_ranges) for r in app} == {
        ("Internet", ("8080", "8443")),
        ("192.0.2.0/24", ("8080", "8443")),
    }


def test_udp_rules_get_udp_nsg_rules() -> None:
    rules = rules_for(lb_rules=[(80, 80, "Tcp"), (53, 53, "Udp")])
    assert rules["allow-app-udp-1"].protocol == "Udp"


def test_admin_port_is_closed_without_admin_sources() -> None:
    assert not [name for name in rules_for() if name.startswith("allow-admin")]


def test_admin_port_is_open_only_to_admin_sources() -> None:
    rules = rules_for(admin_source_prefixes=["203.0.113.7/32"])
    admin = [r for name, r in rules.items() if name.startswith("allow-admin")]
    assert [(r.source_address_prefix, r.destination_port_ranges) for r in admin] == [("203.0.113.7/32", ("22",))]


def test_everything_else_inbound_is_denied_last() -> None:
    rules = list(rules_for().values())
    deny = rules[-1]
    assert (deny.access, deny.priority, deny.source_address_prefix) == ("Deny", DENY_ALL_PRIORITY, "*")


def test_rule_priorities_are_unique() -> None:
    rules = rules_for(
        admin_source_prefixes=["203.0.113.7/32", "198.51.100.0/24"], app_source_prefixes=["Internet", "10.0.0.0/8"]
    )
    priorities = [r.priority for r in rules.values()]
    assert len(priorities) == len(set(priorities))


def test_each_source_gets_a_rule_of_its_own_so_service_tags_are_valid() -> None:
    # Azure refuses service tags inside a prefix list: one rule per source keeps them single.
    sources = ["Internet", "AzureFrontDoor.Backend", "192.0.2.0/24"]
    rules = rules_for(app_source_prefixes=sources)
    app_sources = [r.source_address_prefix for r in rules.values() if r.name.startswith("allow-app")]
    assert app_sources == sources


def test_nsg_admits_the_admin_port_only_from_the_bastion_subnet() -> None:
    spec = validate("web", {**BASTION, "admin_source_prefixes": ["203.0.113.7/32"]})
    admin = [r for r in inbound_security_rules(spec) if r.destination_port_ranges == ("22",)]
    assert [(r.source_address_prefix, r.access) for r in admin] == [("10.0.1.0/26", "Allow")]


def test_nsg_rules_do_not_restate_the_subnet_prefix() -> None:
    """The NSG is on the subnet or the NICs: a subnet change Azure refuses must leave it alone."""
    rules = inbound_security_rules(validate("app", {**BRING_YOUR_OWN, "subnet_address_prefix": "10.5.1.0/24"}))
    assert {r.destination_address_prefix for r in rules} == {"*"}


def test_nsg_rules_are_the_same_whatever_the_subnet_prefix() -> None:
    default, moved = (validate("web", {**LINUX, "subnet_address_prefix": p}) for p in ("10.0.0.0/24", "10.0.1.0/24"))
    assert inbound_security_rules(default) == inbound_security_rules(moved)
