"""The critical path's shape (`benchmarks.speed.targets.critical_path_shape`): the set's fixed
start, then all the NAT rules and the last VM's own writes, or the first batch's NAT rules and
then every batch's own writes."""

from __future__ import annotations

from benchmarks.speed.targets import critical_path_shape

from ..support.benchmark_rows import FIXED_START, NAT_RULE, VM_OWN_WRITES, critical_path


def test_every_nat_rule_then_the_last_vms_writes() -> None:
    assert critical_path_shape(200, 2, critical_path(200, 1)) == "200 NAT rules"


def test_the_first_batchs_nat_rules_then_every_batch() -> None:
    assert critical_path_shape(10, 2, critical_path(5, 2)) == "5 NAT rules, then 2 batches"


def test_one_nat_rule_then_the_batches_reads_in_the_singular() -> None:
    assert critical_path_shape(2, 2, critical_path(1, 2)) == "1 NAT rule, then 2 batches"


def test_a_path_without_the_fixed_start_has_no_shape() -> None:
    assert critical_path_shape(2, 2, critical_path(2, 1)[1:]) is None


def test_a_path_that_ends_before_the_readiness_gate_has_no_shape() -> None:
    assert critical_path_shape(2, 2, critical_path(2, 1)[:-1]) is None


def test_a_path_with_no_vm_after_the_nat_rules_has_no_shape() -> None:
    assert critical_path_shape(2, 2, [*FIXED_START, NAT_RULE, NAT_RULE]) is None


def test_more_nat_rules_than_a_batch_before_the_batches_has_no_shape() -> None:
    assert critical_path_shape(10, 2, critical_path(6, 2)) is None


def test_fewer_batches_on_the_path_than_the_set_has_no_shape() -> None:
    assert critical_path_shape(10, 3, critical_path(4, 2)) is None


def test_some_nat_rules_then_a_single_vm_has_no_shape() -> None:
    assert critical_path_shape(10, 2, [*FIXED_START, *[NAT_RULE] * 7, *VM_OWN_WRITES]) is None
