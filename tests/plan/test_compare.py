"""How the diff compares a resource's inputs (`plan.compare`): the provider's stored inputs with
its defaults, the engine's `ignore_changes`, and secrets blanked in what changed. One rule at a
time, on resources made up for the test, with no stack evaluated."""

from __future__ import annotations

from typing import Any

from offline.azure_mocks import EngineOptions, Registered
from plan.compare import input_changes, stored_inputs, with_ignored_changes

VM = "azure-native:compute:VirtualMachine"


def resource(inputs: dict[str, Any], state: dict[str, Any] | None = None, **options: Any) -> Registered:
    return Registered(VM, "vm", "/vm", inputs, state or inputs, options=EngineOptions(**options))


def test_a_resource_given_no_location_keeps_the_one_it_was_stored_with() -> None:
    after = resource({"name": "vm"}, {"location": "northeurope"})
    assert stored_inputs(after, {"location": "westeurope"}, "northeurope")["location"] == "westeurope"


def test_a_new_resource_given_no_location_takes_the_providers() -> None:
    assert stored_inputs(resource({}, {"location": "westeurope"}), None, "North Europe")["location"] == "northeurope"


def test_ignored_changes_keep_the_old_value() -> None:
    old = {"osProfile": {"adminPassword": "old", "computerName": "a"}}
    new = {"osProfile": {"adminPassword": "new", "computerName": "a"}}
    assert with_ignored_changes(new, old, ["osProfile.adminPassword"]) == old


def test_ignored_changes_take_the_programs_value_where_there_was_none() -> None:
    new = {"osProfile": {"adminPassword": "new"}}
    assert with_ignored_changes(new, {"osProfile": {}}, ["osProfile.adminPassword"]) == new


def test_changed_secret_inputs_are_blanked() -> None:
    before = {"osProfile": {"adminPassword": "old-1"}}
    after = {"osProfile": {"adminPassword": "new-2"}}
    assert [(c.path, c.before, c.after) for c in input_changes(before, after, {"osProfile"})] == [
        ("osProfile.adminPassword", "[secret]", "[secret]")
    ]
