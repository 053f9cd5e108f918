"""Measurements as the worker makes them (`benchmarks.speed.worker`): the stack at vmCount=2
timed and recorded and its exact work replayed and checked, in this process; the clock and
tracemalloc cover the run alone; a request through the worker's stdin and stdout, and through
a worker process of its own."""

from __future__ import annotations

import dataclasses
import io
import json
from types import SimpleNamespace

import pytest

from benchmarks.speed import worker
from benchmarks.speed.jobs import ExactWorkJob, Outcome, Peak, Recording, Request, ResourceGroupsJob, StackJob, Timing
from benchmarks.speed.worker import timed, traced

REPORT_BYTES = 20 * 2**20


@pytest.fixture(scope="module")
def stack_timing() -> Timing:
    return timed(StackJob(2, record=True))


@pytest.fixture(scope="module")
def exact_timing(stack_timing: Timing) -> Timing:
    assert stack_timing.outcome.stack is not None
    return timed(ExactWorkJob(stack_timing.outcome.stack.work, verify=True))


def test_the_stack_at_two_vms_registers_eighteen_resources(stack_timing: Timing) -> None:
    assert stack_timing.outcome.resources == 18


def test_the_stack_runs_deployment_figures(stack_timing: Timing) -> None:
    run = stack_timing.outcome.stack
    assert run is not None
    assert (run.write_operations, run.load_balancer_writes, run.longest_chain, run.vm_batches) == (16, 1, 11, 2)


def test_the_record_holds_each_resource_the_stack_registered(stack_timing: Timing) -> None:
    run = stack_timing.outcome.stack
    assert run is not None
    assert tuple(resource.type for resource in run.work) == run.types


def test_the_exact_work_floor_registers_what_the_stack_registered(exact_timing: Timing) -> None:
    assert exact_timing.outcome.differences == ()


def test_the_exact_work_check_reads_what_the_run_registered(stack_timing: Timing) -> None:
    assert stack_timing.outcome.stack is not None
    work = stack_timing.outcome.stack.work
    recording = Recording.fresh()
    ExactWorkJob(work[:-1]).run(recording)  # a replay that leaves the last resource out
    assert ExactWorkJob(work, verify=True).outcome(recording).differences == (work[-1].urn,)


class FakeClock:
    """Both of the worker's clocks, moved on by the job alone."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@dataclasses.dataclass
class CostlyBesidesItsRun:
    """A job whose run takes 1 s of the fake clock, and whose warm-up and report take far more."""

    clock: FakeClock
    kept: list[bytearray] = dataclasses.field(default_factory=list)

    def warm_up(self) -> None:
        self.clock.now += 50

    def run(self, recording: Recording) -> None:
        self.clock.now += 1

    def outcome(self, recording: Recording) -> Outcome:
        self.clock.now += 100
        self.kept.append(bytearray(REPORT_BYTES))
        return Outcome(resources=0)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(worker, "time", SimpleNamespace(process_time=fake, perf_counter=fake))
    return fake


def test_the_clock_covers_the_run_alone(clock: FakeClock) -> None:
    timing = timed(CostlyBesidesItsRun(clock))
    assert (timing.cpu_seconds, timing.wall_seconds) == (1, 1)


def test_the_peak_leaves_out_what_the_report_allocates(clock: FakeClock) -> None:
    assert traced(CostlyBesidesItsRun(clock)).peak_bytes < REPORT_BYTES


def test_the_worker_answers_a_request_on_stdin_on_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(Request(ResourceGroupsJob(3)).to_wire())))
    worker.main()
    answer = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (answer["traced"], answer["outcome"]["resources"]) == (False, 3)


def test_a_traced_job_in_the_workers_own_process() -> None:
    result = worker.in_subprocess(Request(ResourceGroupsJob(3), traced=True))
    assert isinstance(result, Peak) and result.outcome.resources == 3
