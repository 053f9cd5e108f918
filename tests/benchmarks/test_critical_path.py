"""The critical path's shape (`benchmarks.speed.targets.critical_path_shape`): the set's fixed
start, the load balancer with its NAT rules inline, then every batch's own writes."""

from __future__ import annotations

from benchmarks.speed.targets import critical_path_shape

from ..support.benchmark_rows import FIXED_START, NAT_RULE, VM_OWN_WRITES, critical_path


def test_the_fixed_start_then_every_batch() -> None:
    assert critical_path_shape(200, 2, critical_path(2)) == "2 batches"


def test_one_batch_reads_in_the_singular() -> None:
    assert critical_path_shape(2, 1, critical_path(1)) == "1 batch"


def test_a_path_without_the_fixed_start_has_no_shape() -> None:
    assert critical_path_shape(2, 2, critical_path(2)[1:]) is None


def test_a_path_that_ends_before_the_readiness_gate_has_no_shape() -> None:
    assert critical_path_shape(2, 2, critical_path(2)[:-1]) is None


def test_a_path_through_a_standalone_nat_rule_has_no_shape() -> None:
    assert critical_path_shape(2, 2, [*FIXED_START, NAT_RULE, *VM_OWN_WRITES * 2]) is None


def test_fewer_batches_on_the_path_than_the_set_has_no_shape() -> None:
    assert critical_path_shape(10, 3, critical_path(2)) is None
