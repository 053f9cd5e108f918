"""One evaluation to measure: the stack at a VM count, or one of the floors (`floors`).

Each job warms up (imports and first-use caches paid with the smallest case of the same
kind), runs (the part that is measured) and then reports what its run registered, after the
clock has stopped. A job runs under a `Recording`, the mocks and the monitor, made before the
warm-up.

What crosses between the benchmark and its worker process is here too: a `Request` (a job,
timed or traced) and its `Timing` or `Peak`, each to and from plain JSON data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .floors import (
    Program,
    RecordedResource,
    differences,
    exact_work_program,
    record_exact_work,
    resource_groups_program,
    same_types_program,
)

if TYPE_CHECKING:
    from offline.azure_mocks import AzureMocks
    from offline.recording import RecordingMonitor

NAMESPACE = "azure-multi-vm"
"""The stack's config namespace (Pulumi.yaml's `name`)."""
WARM_UP_COUNT = 2
"""The smallest case of a kind: 2 VMs, 2 resource groups."""
WARM_UP_EXACT_RESOURCES = 15
"""The exact-work floor warms up on the record's first resources: a prefix of a registration
order is a program of its own."""


@dataclass
class Recording:
    """The mocks a run registers with and the monitor that records what the engine sees."""

    mocks: AzureMocks
    monitor: RecordingMonitor

    @classmethod
    def fresh(cls) -> Recording:
        from offline.azure_mocks import AzureMocks
        from offline.recording import RecordingMonitor

        mocks = AzureMocks()
        return cls(mocks, RecordingMonitor(mocks))

    def evaluate(self, program: Program, *, stack: str = "test") -> None:
        from offline.harness import PROJECT, evaluate

        evaluate(program, stack=stack, project=PROJECT, mocks=self.mocks, monitor=self.monitor)


# --- what a run registered ----------------------------------------------------------------


@dataclass(frozen=True)
class StackRun:
    """What the stack's run registered, and its deployment figures (`plan.figures`)."""

    types: tuple[str, ...]
    """The type of each resource, in registration order, the stack itself left out."""
    write_operations: int
    load_balancer_writes: int
    longest_chain: int
    critical_path: tuple[str, ...]
    """The type of each write on the critical path."""
    vm_batches: int
    work: tuple[RecordedResource, ...] = ()
    """The run's resources, for the exact-work floor (a `StackJob` with `record`)."""

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> StackRun:
        return cls(
            types=tuple(data["types"]),
            write_operations=data["write_operations"],
            load_balancer_writes=data["load_balancer_writes"],
            longest_chain=data["longest_chain"],
            critical_path=tuple(data["critical_path"]),
            vm_batches=data["vm_batches"],
            work=tuple(RecordedResource.from_wire(entry) for entry in data["work"]),
        )


@dataclass(frozen=True)
class Outcome:
    """What a job's run registered."""

    resources: int
    stack: StackRun | None = None
    """For a `StackJob`."""
    differences: tuple[str, ...] | None = None
    """For an `ExactWorkJob` with `verify`: the URNs of the resources it registered otherwise
    than the record (none: the same work)."""

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Outcome:
        stack, found = data["stack"], data["differences"]
        return cls(
            resources=data["resources"],
            stack=StackRun.from_wire(stack) if stack is not None else None,
            differences=tuple(found) if found is not None else None,
        )


# --- the jobs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StackJob:
    """The stack program (`__main__.py`) with the dev stack's config and `vmCount`."""

    kind: ClassVar[str] = "stack"
    vm_count: int
    record: bool = False
    """Also keep the run's resources, for the exact-work floor."""

    def warm_up(self) -> None:
        _run_stack(WARM_UP_COUNT, Recording.fresh())

    def run(self, recording: Recording) -> None:
        _run_stack(self.vm_count, recording)

    def outcome(self, recording: Recording) -> Outcome:
        from offline.recording import STACK_TYPE
        from plan.figures import deployment_figures

        registrations = recording.monitor.registrations
        figures = deployment_figures(registrations)
        types = tuple(r.type for r in registrations if r.type != STACK_TYPE)
        run = StackRun(
            types=types,
            write_operations=figures.write_operations,
            load_balancer_writes=figures.load_balancer_writes,
            longest_chain=figures.longest_chain,
            critical_path=tuple(step.type for step in figures.critical_path),
            vm_batches=figures.vm_batches,
            work=record_exact_work(recording.mocks, recording.monitor) if self.record else (),
        )
        return Outcome(resources=len(types), stack=run)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> StackJob:
        return cls(vm_count=data["vm_count"], record=data["record"])


def _run_stack(vm_count: int, recording: Recording) -> None:
    from offline.harness import evaluate_stack, stack_config

    config = stack_config("dev", {f"{NAMESPACE}:vmCount": str(vm_count)})
    evaluate_stack(config, mocks=recording.mocks, monitor=recording.monitor)


@dataclass(frozen=True)
class ExactWorkJob:
    """The exact-work floor: a stack run's resources, registered again flat."""

    kind: ClassVar[str] = "exact"
    work: tuple[RecordedResource, ...]
    verify: bool = False
    """Also compare what the run registered with the record."""

    def warm_up(self) -> None:
        ExactWorkJob(self.work[:WARM_UP_EXACT_RESOURCES]).run(Recording.fresh())

    def run(self, recording: Recording) -> None:
        # Under the recorded stack's name, so that the URNs are the recorded ones.
        recording.evaluate(exact_work_program(self.work), stack="dev")

    def outcome(self, recording: Recording) -> Outcome:
        if not self.verify:
            return Outcome(resources=len(self.work))
        replayed = record_exact_work(recording.mocks, recording.monitor)
        return Outcome(resources=len(self.work), differences=differences(self.work, replayed))

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> ExactWorkJob:
        work = tuple(RecordedResource.from_wire(entry) for entry in data["work"])
        return cls(work=work, verify=data["verify"])


@dataclass(frozen=True)
class FloorJob:
    """The same-types floor: a bare resource of each type the stack registered."""

    kind: ClassVar[str] = "floor"
    types: tuple[str, ...]

    def warm_up(self) -> None:
        Recording.fresh().evaluate(same_types_program(tuple(dict.fromkeys(self.types))))

    def run(self, recording: Recording) -> None:
        recording.evaluate(same_types_program(self.types))

    def outcome(self, recording: Recording) -> Outcome:
        return Outcome(resources=len(self.types))

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> FloorJob:
        return cls(types=tuple(data["types"]))


@dataclass(frozen=True)
class ResourceGroupsJob:
    """The resource-groups floor: as many resource groups as the stack registered resources."""

    kind: ClassVar[str] = "resource-groups"
    count: int

    def warm_up(self) -> None:
        Recording.fresh().evaluate(resource_groups_program(WARM_UP_COUNT))

    def run(self, recording: Recording) -> None:
        recording.evaluate(resource_groups_program(self.count))

    def outcome(self, recording: Recording) -> Outcome:
        return Outcome(resources=self.count)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> ResourceGroupsJob:
        return cls(count=data["count"])


class Measurable(Protocol):
    """What the worker measures: a job, or anything run the same way."""

    def warm_up(self) -> None: ...

    def run(self, recording: Recording) -> None: ...

    def outcome(self, recording: Recording) -> Outcome: ...


Job = StackJob | ExactWorkJob | FloorJob | ResourceGroupsJob
"""The jobs a `Request` carries to the worker process."""
JOBS: dict[str, type[Job]] = {job.kind: job for job in (StackJob, ExactWorkJob, FloorJob, ResourceGroupsJob)}


def second_floor(name: str, stack: StackRun) -> FloorJob | ResourceGroupsJob | None:
    """The floor `--floor` names, as large as the stack's run: same-types, resource-groups or none."""
    if name == "same-types":
        return FloorJob(stack.types)
    if name == "resource-groups":
        return ResourceGroupsJob(len(stack.types))
    return None


# --- to the worker and back ---------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """A job for the worker: timed (CPU and wall time), or traced (tracemalloc's peak)."""

    job: Job
    traced: bool = False

    def to_wire(self) -> dict[str, Any]:
        return {"kind": self.job.kind, "job": dataclasses.asdict(self.job), "traced": self.traced}

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Request:
        return cls(job=JOBS[data["kind"]].from_wire(data["job"]), traced=data["traced"])


@dataclass(frozen=True)
class Timing:
    """A timed run: the process's CPU seconds (all threads) and the wall seconds."""

    cpu_seconds: float
    wall_seconds: float
    outcome: Outcome

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Timing:
        return cls(data["cpu_seconds"], data["wall_seconds"], Outcome.from_wire(data["outcome"]))


@dataclass(frozen=True)
class Peak:
    """A traced run: tracemalloc's peak during the run, in bytes."""

    peak_bytes: int
    outcome: Outcome

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Peak:
        return cls(data["peak_bytes"], Outcome.from_wire(data["outcome"]))


def result_to_wire(result: Timing | Peak) -> dict[str, Any]:
    return {"traced": isinstance(result, Peak), **dataclasses.asdict(result)}


def result_from_wire(data: dict[str, Any]) -> Timing | Peak:
    return Peak.from_wire(data) if data["traced"] else Timing.from_wire(data)
