"""The garbage-collector setting for a program's process, and the programs that apply it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from components import tune_garbage_collector
from offline.harness import evaluate_stack, stack_config

CPYTHON_DEFAULT = (700, 10, 10)


@pytest.fixture
def default_thresholds() -> Iterator[None]:
    """CPython's default thresholds for the test; the process's own afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*CPYTHON_DEFAULT)
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("default_thresholds")
def test_the_young_generation_is_collected_every_10000_new_objects() -> None:
    tune_garbage_collector()
    assert gc.get_threshold()[0] == 10_000


@pytest.mark.usefixtures("default_thresholds")
def test_the_older_generations_keep_their_thresholds() -> None:
    gc.set_threshold(700, 7, 9)
    tune_garbage_collector()
    assert gc.get_threshold()[1:] == (7, 9)


@pytest.mark.usefixtures("default_thresholds")
def test_the_stack_program_tunes_the_collector() -> None:
    evaluate_stack(stack_config("dev"))  # a run of its own: the session's scenarios are cached
    assert gc.get_threshold() == (10_000, 10, 10)
