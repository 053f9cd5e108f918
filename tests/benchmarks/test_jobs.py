"""The benchmark's jobs and results as they cross to the worker process and back
(`benchmarks.speed.jobs`): each comes back equal to what was sent, through JSON."""

from __future__ import annotations

import json

from benchmarks.speed.floors import RecordedResource
from benchmarks.speed.jobs import (
    ExactWorkJob,
    FloorJob,
    Outcome,
    Peak,
    Request,
    ResourceGroupsJob,
    StackJob,
    StackRun,
    Timing,
    result_from_wire,
    result_to_wire,
    second_floor,
)

RG_URN = "urn:pulumi:dev::azure-multi-vm::azure-native:resources:ResourceGroup::rg"
NIC_URN = "urn:pulumi:dev::azure-multi-vm::azure-native:network:NetworkInterface::web-vm-1-nic"
WORK = (
    RecordedResource(
        RG_URN, "azure-native:resources:ResourceGroup", "rg", "", True, {"location": "westeurope"}, (), {}, ()
    ),
    RecordedResource(
        urn=NIC_URN,
        type="azure-native:network:NetworkInterface",
        name="web-vm-1-nic",
        parent="",
        custom=True,
        inputs={"resourceGroupName": "rg", "ipConfigurations": [{"name": "ipconfig"}]},
        secret_inputs=("tags",),
        property_dependencies={"resourceGroupName": (RG_URN,)},
        depends_on=(RG_URN,),
    ),
)
STACK_RUN = StackRun(
    types=("azure-native:resources:ResourceGroup", "azure-native:network:NetworkInterface"),
    write_operations=2,
    load_balancer_writes=0,
    longest_chain=2,
    critical_path=("azure-native:resources:ResourceGroup", "azure-native:network:NetworkInterface"),
    vm_batches=1,
    work=WORK,
)


def through_json(data: dict[str, object]) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(json.dumps(data))
    return loaded


def round_trip(request: Request) -> Request:
    return Request.from_wire(through_json(request.to_wire()))


def test_a_stack_job_comes_back_the_same() -> None:
    assert round_trip(Request(StackJob(100, record=True))) == Request(StackJob(100, record=True))


def test_an_exact_work_job_comes_back_with_its_recorded_resources() -> None:
    request = Request(ExactWorkJob(WORK, verify=True), traced=True)
    assert round_trip(request) == request


def test_a_same_types_floor_job_comes_back_the_same() -> None:
    request = Request(FloorJob(STACK_RUN.types))
    assert round_trip(request) == request


def test_a_resource_groups_floor_job_comes_back_the_same() -> None:
    request = Request(ResourceGroupsJob(510), traced=True)
    assert round_trip(request) == request


def test_a_timing_comes_back_with_the_stack_run() -> None:
    timing = Timing(1.5, 1.6, Outcome(resources=2, stack=STACK_RUN))
    assert result_from_wire(through_json(result_to_wire(timing))) == timing


def test_a_peak_comes_back_with_the_exact_work_floors_differences() -> None:
    peak = Peak(52 * 2**20, Outcome(resources=2, differences=(NIC_URN,)))
    assert result_from_wire(through_json(result_to_wire(peak))) == peak


def test_the_same_types_floor_copies_the_stack_runs_types() -> None:
    assert second_floor("same-types", STACK_RUN) == FloorJob(STACK_RUN.types)


def test_the_resource_groups_floor_registers_as_many_resources() -> None:
    assert second_floor("resource-groups", STACK_RUN) == ResourceGroupsJob(2)


def test_no_second_floor() -> None:
    assert second_floor("none", STACK_RUN) is None
