"""The plan's two evaluations (`plan.run.evaluate_plan`): the preview in a process of its own,
beside the `pulumi up` evaluation, says what the preview in the same process says."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

import pytest

import plan.__main__ as cli
from components import InvalidArgumentError
from plan.run import evaluate_plan, known_before_deployment, load_stack_config


def test_the_preview_alongside_knows_what_the_preview_in_process_knows() -> None:
    config = load_stack_config("dev")
    alongside = evaluate_plan(config, preview_alongside=True).known_before_deployment
    assert alongside == known_before_deployment(config) == {"vm_names": ["web-vm-1", "web-vm-2"], "bastion_name": None}


def test_a_refused_config_stops_the_preview_alongside() -> None:
    with pytest.raises(InvalidArgumentError, match="vmCount"):
        evaluate_plan(load_stack_config("dev", ["vmCount=1"]), preview_alongside=True)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(("cores", "alongside"), [(1, False), (2, True), (None, False)])
def test_the_command_runs_the_preview_alongside_with_more_than_one_core(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, alongside: bool
) -> None:
    calls: list[dict[str, Any]] = []

    def main(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    monkeypatch.setattr(cli, "main", main)
    assert (cli.command(), calls) == (0, [{"preview_alongside": alongside}])
