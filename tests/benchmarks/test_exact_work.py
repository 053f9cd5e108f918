"""The exact-work floor's check (`benchmarks.speed.floors.differences`): a replay registers what
the record holds, resource for resource, dependencies in any order."""

from __future__ import annotations

import dataclasses

from benchmarks.speed.floors import differences

from .test_jobs import NIC_URN, RG_URN, WORK


def test_a_replay_of_the_same_resources_has_no_differences() -> None:
    assert differences(WORK, WORK) == ()


def test_dependencies_in_another_order_are_the_same_work() -> None:
    nic = dataclasses.replace(WORK[1], depends_on=("urn:a", RG_URN), property_dependencies={"x": ("urn:b", "urn:a")})
    reordered = dataclasses.replace(nic, depends_on=(RG_URN, "urn:a"), property_dependencies={"x": ("urn:a", "urn:b")})
    assert differences((WORK[0], nic), (WORK[0], reordered)) == ()


def test_a_changed_input_is_a_difference() -> None:
    changed = dataclasses.replace(WORK[1], inputs={**WORK[1].inputs, "resourceGroupName": "other"})
    assert differences(WORK, (WORK[0], changed)) == (NIC_URN,)


def test_an_input_no_longer_secret_is_a_difference() -> None:
    assert differences(WORK, (WORK[0], dataclasses.replace(WORK[1], secret_inputs=()))) == (NIC_URN,)


def test_another_parent_is_a_difference() -> None:
    assert differences(WORK, (WORK[0], dataclasses.replace(WORK[1], parent=RG_URN))) == (NIC_URN,)


def test_a_dependency_lost_is_a_difference() -> None:
    assert differences(WORK, (WORK[0], dataclasses.replace(WORK[1], depends_on=()))) == (NIC_URN,)


def test_a_resource_not_replayed_is_a_difference() -> None:
    assert differences(WORK, WORK[:1]) == (NIC_URN,)
