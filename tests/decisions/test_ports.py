"""Inbound NAT port numbering (`components.decisions.ports`): one frontend port per VM, stable as the set grows."""

from __future__ import annotations

from components import validate
from components.decisions.naming import ResourceNames
from components.decisions.ports import (
    InboundNatRuleSpec,
    inline_nat_rules,
    nat_frontend_port,
    nat_port_range,
    nat_table,
)

from ..support.constants import LINUX, WINDOWS


def test_first_vm_gets_the_first_nat_port() -> None:
    assert nat_frontend_port(50001, 0) == 50001


def test_each_vm_gets_the_next_nat_port() -> None:
    assert [nat_frontend_port(50001, i) for i in range(3)] == [50001, 50002, 50003]


def test_nat_table_forwards_every_vm_to_the_admin_port() -> None:
    assert {m.backend_port for m in nat_table(50001, 5, 3389)} == {3389}


def test_nat_port_range_covers_exactly_the_vms() -> None:
    assert list(nat_port_range(60000, 3)) == [60000, 60001, 60002]


def test_a_vms_nat_port_does_not_depend_on_the_set_size() -> None:
    assert nat_table(50001, 3, 22) == nat_table(50001, 5, 22)[:3]


def test_inline_rules_number_the_capacity_not_the_vms() -> None:
    spec = validate("web", {**LINUX, "vm_count": 2, "nat_rule_capacity": 4})
    assert inline_nat_rules(spec, ResourceNames("web")) == (
        InboundNatRuleSpec("web-vm-1-ssh", 50001, 22),
        InboundNatRuleSpec("web-vm-2-ssh", 50002, 22),
        InboundNatRuleSpec("web-vm-3-ssh", 50003, 22),
        InboundNatRuleSpec("web-vm-4-ssh", 50004, 22),
    )


def test_inline_rules_do_not_depend_on_the_vm_count() -> None:
    two, three = (validate("web", {**LINUX, "vm_count": n}) for n in (2, 3))
    assert inline_nat_rules(two, ResourceNames("web")) == inline_nat_rules(three, ResourceNames("web"))


def test_inline_rules_on_windows_forward_rdp_and_are_named_so() -> None:
    rule = inline_nat_rules(validate("app", WINDOWS), ResourceNames("app"))[0]
    assert (rule.name, rule.backend_port) == ("app-vm-1-rdp", 3389)


def test_no_inline_rules_with_standalone_rules() -> None:
    assert inline_nat_rules(validate("web", {**LINUX, "nat_rule_capacity": 0}), ResourceNames("web")) == ()
