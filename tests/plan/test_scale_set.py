"""`python -m plan` and `--diff` on the stack with `orchestration: scale_set`: the plan shows one
Flexible scale set and no VMs; a scale-out and a model change are one update of the scale set; what
Azure fixes at creation replaces it; a switch from VMs meets the ports the old NAT rules hold."""

from __future__ import annotations

import json
from typing import Any

import pytest

from plan.diagram import architecture
from plan.diff import ChangeRefused, Diff, make_diff
from plan.graph import Architecture, Cluster, Node
from plan.run import load_stack_config, make_plan
from plan.steps import REPLACE, UPDATE

from ..support.keys import ED25519
from .test_cli import Run, run_cli

SCALE_SET = ["orchestration=scale_set", "vmCount=3"]
VMSS_TYPE = "azure-native:compute:VirtualMachineScaleSet"
VMSS = "VirtualMachineScaleSet"


def diff(base: list[str], change: list[str]) -> Diff:
    return make_diff(load_stack_config("dev", base), load_stack_config("dev", base + change))


def steps(d: Diff) -> list[tuple[str, str, str]]:
    return [(s.op, s.type.rsplit(":", 1)[-1], s.name) for s in d.steps]


@pytest.fixture(scope="module")
def scale_set_text() -> Run:
    return run_cli("--config", "orchestration=scale_set")


@pytest.fixture(scope="module")
def scale_set_plan() -> dict[str, Any]:
    run = run_cli("--json", "--config", "orchestration=scale_set")
    assert run.status == 0, run.stderr
    document: dict[str, Any] = json.loads(run.stdout)
    return document


@pytest.fixture(scope="module")
def thousand() -> dict[str, Any]:
    run = run_cli(
        "--json",
        "--config",
        "orchestration=scale_set",
        "--config",
        "vmCount=1000",
        "--config",
        "subnetAddressPrefix=10.0.0.0/20",
    )
    assert run.status == 0, run.stderr
    document: dict[str, Any] = json.loads(run.stdout)
    return document


# --- the plan ------------------------------------------------------------------------------------------------


def test_the_plan_shows_one_flexible_scale_set(scale_set_plan: dict[str, Any]) -> None:
    assert [s["orchestration_mode"] for s in scale_set_plan["scale_sets"]] == ["Flexible"]


def test_the_plan_shows_no_vms(scale_set_plan: dict[str, Any]) -> None:
    assert scale_set_plan["vms"] == []


def test_the_plan_shows_the_scale_sets_zones(scale_set_plan: dict[str, Any]) -> None:
    assert scale_set_plan["scale_sets"][0]["zones"] == ["1", "2", "3"]


def test_the_plan_shows_the_scale_sets_capacity(scale_set_plan: dict[str, Any]) -> None:
    assert scale_set_plan["scale_sets"][0]["capacity"] == 2


def test_the_plan_shows_the_upgrade_policy(scale_set_plan: dict[str, Any]) -> None:
    scale_set = scale_set_plan["scale_sets"][0]
    assert (scale_set["upgrade_mode"], scale_set["max_batch_instance_percent"], scale_set["max_surge"]) == (
        "Rolling",
        50,
        True,
    )


def test_the_plan_shows_the_nat_rules_port_range(scale_set_plan: dict[str, Any]) -> None:
    (rule,) = scale_set_plan["load_balancers"][0]["nat_rules"]
    assert (rule["frontend_port_range"], rule["backend_pool"]) == ("50001-51000", "backend-pool")


def test_a_plan_without_a_scale_set_has_no_scale_set_section() -> None:
    run = run_cli("--json")
    assert "scale_sets" not in json.loads(run.stdout)


def test_the_text_names_the_scale_set_and_its_policy(scale_set_text: Run) -> None:
    assert "Scale set web-vmss (Flexible orchestration, linux, TrustedLaunch)" in scale_set_text.stdout


def test_the_text_shows_the_upgrade_policy(scale_set_text: Run) -> None:
    assert "  Upgrade policy: Rolling, batches of 50%, MaxSurge on" in scale_set_text.stdout


def test_1000_instances_plan_within_15_minutes_of_up(thousand: dict[str, Any]) -> None:
    assert thousand["figures"]["estimated_up_seconds"] <= 900


def test_1000_instances_are_one_write(thousand: dict[str, Any]) -> None:
    assert thousand["figures"]["writes_by_type"]["azure-native:compute:VirtualMachineScaleSet"] == 1


def test_a_scale_sets_creation_time_grows_with_its_instances(
    scale_set_plan: dict[str, Any], thousand: dict[str, Any]
) -> None:
    def scale_set_seconds(plan: dict[str, Any]) -> float:
        (step,) = [s for s in plan["figures"]["critical_path"] if s["type"].endswith(VMSS)]
        return float(step["seconds"])

    assert scale_set_seconds(scale_set_plan) < scale_set_seconds(thousand)


# --- changes -------------------------------------------------------------------------------------------------


def test_a_scale_out_is_one_update_of_the_scale_set() -> None:
    assert steps(diff(SCALE_SET, ["vmCount=6"])) == [(UPDATE, VMSS, "web-vmss")]


def test_a_scale_in_is_one_update_of_the_scale_set() -> None:
    assert steps(diff(["orchestration=scale_set", "vmCount=6"], ["vmCount=3"])) == [(UPDATE, VMSS, "web-vmss")]


def test_a_resize_is_one_update_of_the_scale_set() -> None:
    assert steps(diff(SCALE_SET, ["vmSize=Standard_D4s_v5"])) == [(UPDATE, VMSS, "web-vmss")]


def test_new_custom_data_is_one_update_of_the_scale_set() -> None:
    assert steps(diff(SCALE_SET, ["customData=#cloud-config\n"])) == [(UPDATE, VMSS, "web-vmss")]


def test_a_new_ssh_key_is_one_update_of_the_scale_set_through_its_credentials_extension() -> None:
    changed = diff(SCALE_SET, [f"sshPublicKey={ED25519}"])
    (step,) = changed.steps
    assert (step.op, step.name, {c.path.split(".")[0] for c in step.changes}) == (
        UPDATE,
        "web-vmss",
        {"virtualMachineProfile"},
    )


def test_the_mocks_refuse_a_new_ssh_key_in_a_scale_sets_model() -> None:
    """What the credentials extension is for: Azure refuses new keys in the model (Azure/aks-engine#585)."""
    from offline.azure_mocks import ArmRejection
    from offline.azure_mocks.state import Registered
    from offline.change_rules import refuse_update

    def model(key: str) -> Registered:
        ssh = {"publicKeys": [{"keyData": key}]}
        profile = {"osProfile": {"linuxConfiguration": {"ssh": ssh}}}
        return Registered(type=VMSS_TYPE, name="web-vmss", id="", inputs={"virtualMachineProfile": profile}, state={})

    with pytest.raises(ArmRejection):
        refuse_update(model("old"), model("new"), {})


def test_new_zones_replace_the_scale_set() -> None:
    assert steps(diff(SCALE_SET, ["zones=1,2"]))[0][:2] == (REPLACE, VMSS)


def test_with_autoscale_a_new_vm_count_leaves_the_capacity_to_the_autoscaler() -> None:
    """Only the autoscale setting's default (its capacity when metrics are missing) follows vmCount."""
    base = [*SCALE_SET, 'autoscale={"minCount": 2, "maxCount": 10}']
    assert steps(diff(base, ["vmCount=6"])) == [(UPDATE, "AutoscaleSetting", "web-vmss-autoscale")]


def test_switching_from_vms_meets_the_ports_the_old_nat_rules_hold() -> None:
    with pytest.raises(ChangeRefused, match="frontend port 50001 is used by rule web-vm-1-ssh"):
        diff([], ["orchestration=scale_set"])


def test_switching_from_vms_on_a_free_port_range_creates_the_scale_set_before_it_deletes_the_vms() -> None:
    ops = [(op, kind) for op, kind, _ in steps(diff([], ["orchestration=scale_set", "natFrontendPortStart=52001"]))]
    first_delete = next(i for i, (op, _) in enumerate(ops) if op == "delete")
    assert ("create", VMSS) in ops[:first_delete]


# --- the diagram ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scale_set_graph() -> tuple[Architecture, list[Node]]:
    plan = make_plan(load_stack_config("dev", ["orchestration=scale_set"]))

    def nodes(members: list[Node | Cluster]) -> list[Node]:
        found: list[Node] = []
        for member in members:
            found += nodes(member.members) if isinstance(member, Cluster) else [member]
        return found

    graph = architecture(plan)
    return graph, nodes(graph.members)


def test_the_diagram_draws_the_scale_set(scale_set_graph: tuple[Architecture, list[Node]]) -> None:
    _, nodes = scale_set_graph
    assert [n.label.splitlines()[0] for n in nodes if n.kind == "scale_set"] == ["web-vmss"]


def test_the_diagram_draws_no_vm(scale_set_graph: tuple[Architecture, list[Node]]) -> None:
    _, nodes = scale_set_graph
    assert [n for n in nodes if n.kind in ("vm", "hidden_vms")] == []


def test_the_diagram_joins_the_load_balancer_to_the_scale_set(scale_set_graph: tuple[Architecture, list[Node]]) -> None:
    graph, nodes = scale_set_graph
    (scale_set,) = [n for n in nodes if n.kind == "scale_set"]
    assert any(e.target == scale_set.id and e.source.startswith("load_balancer") for e in graph.edges)


def test_a_model_change_says_azure_rolls_it_in_batches() -> None:
    notes = diff(SCALE_SET, ["vmSize=Standard_D4s_v5"]).notes
    assert any("in batches of 50%, new instances first (MaxSurge)" in note for note in notes)


def test_a_replacement_warns_that_the_application_stops() -> None:
    assert any(n.startswith("warning: web-vmss is replaced") for n in diff(SCALE_SET, ["zones=1,2"]).notes)


def test_the_switch_says_the_vms_serve_until_the_scale_set_exists() -> None:
    notes = diff([], ["orchestration=scale_set", "natFrontendPortStart=52001"]).notes
    assert any("before the VMs are deleted" in note for note in notes)
