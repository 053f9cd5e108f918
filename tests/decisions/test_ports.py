"""Inbound NAT port numbering (`components.decisions.ports`): one frontend port per VM, stable as the set grows."""

from __future__ import annotations

from components.decisions.ports import nat_frontend_port, nat_port_range, nat_table


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
