"""`python -m plan --diff`: a config change as `pulumi preview --diff` would plan it, checked against
the resources that exist, with the VMs' steps in batches."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from offline.azure_mocks import ArmRejection
from offline.harness import REPO_ROOT, Deployment
from plan.__main__ import main
from plan.diff import ChangeRefused, Diff, change_notes, deploy, diff_deployments, make_diff, replace_targets
from plan.document import json_document
from plan.replay import replay
from plan.run import load_stack_config
from plan.steps import CREATE, DELETE, REPLACE, UPDATE, Step

from ..support.keys import ED25519, RSA_2048
from ..support.scenarios import component

VM = "azure-native:compute:VirtualMachine"
NIC = "NetworkInterface"
GATE = "VirtualMachineRunCommandByVirtualMachine"
EXTENSION = "VirtualMachineExtension"
OTHER_GROUP_NSG = (
    "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/hub-rg/providers/Microsoft.Network"
    "/networkSecurityGroups/hub-nsg"
)
WINDOWS = ["osType=windows", "adminPassword=Old-Secret-Pass-1"]


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str


def run(*overrides: str) -> Run:
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["--diff", "--project", str(REPO_ROOT), *(part for key in overrides for part in ("--config", key))]
    status = main(argv, stdout=stdout, stderr=stderr)
    return Run(status, stdout.getvalue(), stderr.getvalue())


def run_replacing(*names: str) -> Run:
    """`--diff --replace NAME ...` and no config change."""
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["--diff", "--project", str(REPO_ROOT), *(part for name in names for part in ("--replace", name))]
    status = main(argv, stdout=stdout, stderr=stderr)
    return Run(status, stdout.getvalue(), stderr.getvalue())


def diff(base: list[str], change: list[str]) -> Diff:
    return make_diff(load_stack_config("dev", base), load_stack_config("dev", base + change))


def steps(d: Diff) -> list[tuple[str, str, str]]:
    return steps_of(d.steps)


def steps_of(found: Sequence[Step]) -> list[tuple[str, str, str]]:
    return [(s.op, s.type.rsplit(":", 1)[-1], s.name) for s in found]


def vm_ops(d: Diff) -> set[str]:
    return {s.op for s in d.steps if s.type == VM}


# --- scale out and in: nothing that stays is touched --------------------------------------------------


@pytest.fixture(scope="module")
def scale_out() -> Run:
    return run("vmCount=3")


def test_scale_out_creates_exactly_the_new_vms_nic_vm_credentials_and_gate(scale_out: Run) -> None:
    """And the barrier the new batch waits for: the third VM is a batch of its own. Its NAT rule is
    already on the load balancer."""
    created = [line for line in scale_out.stdout.splitlines() if line.startswith("  +  ")]
    assert (scale_out.status, created) == (
        0,
        [
            "  +  pulumi:index:Stash web-batch-2-ready (create)",
            "  +  azure-native:network:NetworkInterface web-vm-3-nic (create)",
            "  +  azure-native:compute:VirtualMachine web-vm-3 (create)",
            "  +  azure-native:compute:VirtualMachineExtension web-vm-3-credentials (create)",
            "  +  azure-native:compute:VirtualMachineRunCommandByVirtualMachine web-vm-3-readiness (create)",
        ],
    )


def test_scale_out_changes_nothing_else(scale_out: Run) -> None:
    assert scale_out.stdout.splitlines()[-1] == "+5 ~0 -0"


def test_scale_out_keeps_every_vm_serving(scale_out: Run) -> None:
    assert "At worst 2 of 2 VMs serve during the change" in scale_out.stdout


def test_scale_out_names_the_change(scale_out: Run) -> None:
    assert "azure-multi-vm:vmCount=3" in scale_out.stdout.splitlines()[0]


def test_scale_in_deletes_the_vms_own_resources_last_first_and_nothing_else() -> None:
    assert steps(diff(["vmCount=3"], ["vmCount=2"])) == [
        (DELETE, GATE, "web-vm-3-readiness"),
        (DELETE, EXTENSION, "web-vm-3-credentials"),
        (DELETE, "VirtualMachine", "web-vm-3"),
        (DELETE, NIC, "web-vm-3-nic"),
        (DELETE, "Stash", "web-batch-2-ready"),
    ]


# --- a resize: updated in place, batch by batch ---------------------------------------------------------


@pytest.fixture(scope="module")
def resize() -> Diff:
    return diff([], ["vmSize=Standard_D4s_v5"])


@pytest.fixture(scope="module")
def resize_four() -> Diff:
    return diff(["vmCount=4"], ["vmSize=Standard_D4s_v5"])


@pytest.fixture(scope="module")
def resize_four_at_once() -> Diff:
    return diff(["vmCount=4", "maxUnavailable=4"], ["vmSize=Standard_D4s_v5"])


def test_a_resize_updates_each_vm_and_reruns_its_gate(resize: Diff) -> None:
    assert steps(resize) == [
        (UPDATE, "VirtualMachine", "web-vm-1"),
        (UPDATE, GATE, "web-vm-1-readiness"),
        (UPDATE, "VirtualMachine", "web-vm-2"),
        (UPDATE, GATE, "web-vm-2-readiness"),
    ]


def test_a_resize_changes_the_size_and_nothing_else_of_a_vm(resize: Diff) -> None:
    changes = {(c.path, c.before, c.after) for s in resize.steps if s.type == VM for c in s.changes}
    assert changes == {("hardwareProfile.vmSize", "Standard_D2s_v5", "Standard_D4s_v5")}


def test_a_resize_of_two_vms_goes_one_vm_a_batch(resize: Diff) -> None:
    assert resize.rollout.batches == (("web-vm-1",), ("web-vm-2",))


def test_a_resize_keeps_half_the_set_serving(resize: Diff) -> None:
    assert (resize.rollout.serving_at_worst, resize.rollout.vm_count) == (1, 2)


def test_a_resize_says_each_vm_restarts_and_when_azure_needs_the_set_deallocated(resize: Diff) -> None:
    (note,) = [n for n in resize.notes if "restarts" in n]
    assert "deallocated" in note and "OperationNotAllowed" in note


def test_a_resize_of_four_vms_goes_in_two_batches_of_two(resize_four: Diff) -> None:
    assert resize_four.rollout.batches == (("web-vm-1", "web-vm-2"), ("web-vm-3", "web-vm-4"))


def test_the_second_batch_starts_after_the_first_batchs_gates(resize_four: Diff) -> None:
    order = [s.name for s in resize_four.steps]
    assert max(order.index("web-vm-1-readiness"), order.index("web-vm-2-readiness")) < order.index("web-vm-3")


def test_max_unavailable_of_the_whole_set_resizes_in_one_batch(resize_four_at_once: Diff) -> None:
    assert resize_four_at_once.rollout.batches == (("web-vm-1", "web-vm-2", "web-vm-3", "web-vm-4"),)


def test_all_at_once_leaves_no_vm_serving(resize_four_at_once: Diff) -> None:
    assert resize_four_at_once.rollout.serving_at_worst == 0


def test_batches_take_longer_than_all_at_once(resize_four: Diff, resize_four_at_once: Diff) -> None:
    assert resize_four.rollout.estimated_seconds > resize_four_at_once.rollout.estimated_seconds


def test_the_text_shows_each_batch_after_the_ones_before() -> None:
    text = run("vmSize=Standard_D4s_v5").stdout
    assert "Batch 1 of 2: web-vm-1\n" in text and "Batch 2 of 2: web-vm-2, after batch 1's readiness gates" in text


def test_json_carries_the_steps_the_rollout_and_the_notes(resize: Diff) -> None:
    data = json.loads(json_document(resize))
    assert (data["counts"], data["rollout"]["batches"], data["rollout"]["serving_at_worst"], bool(data["notes"])) == (
        {CREATE: 0, UPDATE: 4, REPLACE: 0, DELETE: 0},
        [["web-vm-1"], ["web-vm-2"]],
        1,
        True,
    )


# --- what Azure fixes at creation: a rolling replacement, never a plain VM update -------------------


@pytest.fixture(scope="module")
def new_custom_data() -> Diff:
    return diff([], ["customData=#cloud-config\npackages: [nginx]\n"])


@pytest.mark.parametrize(
    "change",
    [
        "image=Canonical:ubuntu-24_04-lts:server:24.04.202411030",
        "adminUsername=opsadmin",
        "placement=zones",
    ],
)
def test_a_setting_fixed_at_creation_replaces_the_vms(change: str) -> None:
    assert vm_ops(diff([], [change])) == {REPLACE}


def test_a_standalone_set_changing_os_replaces_the_vms() -> None:
    change = ["osType=windows", "adminPassword=Offline-Secret-Pass-1"]
    assert vm_ops(diff(["natRuleCapacity=0"], change)) == {REPLACE}


def test_changing_the_os_under_inline_rules_is_refused_with_the_way_through() -> None:
    """The rules are named for the admin protocol: the load balancer's write would drop the -ssh
    rules while the Linux VMs' NICs still use them."""
    with pytest.raises(ChangeRefused) as refused:
        diff([], ["osType=windows", "adminPassword=Offline-Secret-Pass-1"])
    assert refused.value.rejection.code == "LoadBalancerChildInUseByNetworkInterface"
    assert "new stack" in refused.value.way_through


def test_new_custom_data_replaces_every_vm(new_custom_data: Diff) -> None:
    assert vm_ops(new_custom_data) == {REPLACE}


def test_a_replaced_vm_says_what_fixed_it(new_custom_data: Diff) -> None:
    vm = next(s for s in new_custom_data.steps if s.type == VM)
    assert "osProfile.customData (fixed at creation: replace_on_changes)" in vm.replaced_because


def test_a_replaced_vm_gets_a_new_nic(new_custom_data: Diff) -> None:
    assert {s.name for s in new_custom_data.steps if s.op == REPLACE and s.type.endswith(NIC)} == {
        "web-vm-1-nic",
        "web-vm-2-nic",
    }


def test_replacements_roll_one_batch_at_a_time(new_custom_data: Diff) -> None:
    assert (new_custom_data.rollout.batches, new_custom_data.rollout.serving_at_worst) == (
        (("web-vm-1",), ("web-vm-2",)),
        1,
    )


def test_a_batchs_nic_vm_extension_and_gate_are_shown_in_it(new_custom_data: Diff) -> None:
    in_first = {s.name for s in new_custom_data.steps if new_custom_data.rollout.batch_of_step.get(s.urn) == 0}
    assert in_first == {"web-vm-1-nic", "web-vm-1", "web-vm-1-credentials", "web-vm-1-readiness"}


@pytest.fixture(scope="module")
def replacement_calls() -> list[str]:
    """The ARM calls of a replacement of both VMs, in the order `pulumi up` makes them."""
    base, changed = load_stack_config("dev"), load_stack_config("dev", ["customData=#cloud-config\n"])
    before, after = deploy(base, REPO_ROOT)[0], deploy(changed, REPO_ROOT)[0]
    return replay(diff_deployments(before, after), before, after)


def test_a_replaced_vm_is_deleted_before_its_nic_is_created_again(replacement_calls: list[str]) -> None:
    assert replacement_calls.index("delete web-vm-1") < replacement_calls.index("create web-vm-1-nic")


def test_the_nic_is_not_deleted_on_its_own_azure_deletes_it_with_the_vm(replacement_calls: list[str]) -> None:
    assert "delete web-vm-1-nic" not in replacement_calls


def test_the_second_vm_serves_until_the_first_answers_its_probe_again(replacement_calls: list[str]) -> None:
    assert replacement_calls.index("create web-vm-1-readiness") < replacement_calls.index("delete web-vm-2")


def test_turning_ssh_login_into_password_login_replaces_the_vms() -> None:
    assert vm_ops(diff([], ["sshPublicKey=", "adminPassword=Offline-Secret-Pass-1"])) == {REPLACE}


def test_windows_patch_mode_manual_replaces_the_vms() -> None:
    assert vm_ops(diff(WINDOWS, ["patchMode=Manual"])) == {REPLACE}


# --- credentials: rotated in place by the VMAccess extension --------------------------------------------


@pytest.fixture(scope="module")
def new_key() -> Diff:
    return diff([], [f"sshPublicKey={RSA_2048}"])


def test_a_new_ssh_key_updates_only_the_credentials_extensions(new_key: Diff) -> None:
    assert steps(new_key) == [
        (UPDATE, EXTENSION, "web-vm-1-credentials"),
        (UPDATE, EXTENSION, "web-vm-2-credentials"),
    ]


def test_a_new_ssh_key_is_shown_as_a_secret(new_key: Diff) -> None:
    assert {(c.path, c.before, c.after) for s in new_key.steps for c in s.changes} == {
        ("protectedSettings.ssh_key", "[secret]", "[secret]")
    }


def test_a_new_ssh_key_says_the_old_one_stops_working(new_key: Diff) -> None:
    assert any("replaces every earlier one" in n and "old key stops working" in n for n in new_key.notes)


def test_a_key_rotation_without_the_protected_remove_prior_keys_warns_that_the_old_keys_keep_working() -> None:
    """As the extension was before: `remove_prior_keys` in the public settings, which the handler never reads."""
    before, after = (deploy(load_stack_config("dev", c), REPO_ROOT)[0] for c in ([], [f"sshPublicKey={RSA_2048}"]))
    for extension in after.of_type(EXTENSION):
        extension.inputs = {**extension.inputs, "settings": {"remove_prior_keys": True}}
        extension.inputs["protectedSettings"] = {
            k: v for k, v in extension.inputs["protectedSettings"].items() if k != "remove_prior_keys"
        }
    notes = change_notes(diff_deployments(before, after), before, after, *(load_stack_config("dev"),) * 2)
    (warning,) = [n for n in notes if n.startswith("warning:") and "SSH key" in n]
    assert "web-vm-1-credentials" in warning and "keep every earlier one working" in warning


def test_a_new_ssh_key_goes_batch_by_batch(new_key: Diff) -> None:
    """Each extension waits for its VM, which waits for the barrier of the batch before."""
    assert new_key.rollout.batches == (("web-vm-1",), ("web-vm-2",))


def test_a_new_ssh_key_waits_for_no_probe_as_no_gate_runs_again() -> None:
    text = run(f"sshPublicKey={RSA_2048}").stdout
    assert "Batch 2 of 2: web-vm-2, after batch 1\n" in text and "one after another" in text


def test_a_new_ssh_key_keeps_every_vm_serving(new_key: Diff) -> None:
    assert new_key.rollout.serving_at_worst == new_key.rollout.vm_count == 2


def test_a_new_windows_password_updates_only_the_credentials_extensions() -> None:
    rotated = diff(WINDOWS, ["adminPassword=New-Secret-Pass-2"])
    assert {(op, kind) for op, kind, _ in steps(rotated)} == {(UPDATE, EXTENSION)}


# --- a failed gate retried: readiness_rerun --------------------------------------------------------------


@pytest.fixture(scope="module")
def rerun() -> Diff:
    return diff([], ["readinessRerun=1"])


def test_a_new_readiness_rerun_updates_only_the_gates(rerun: Diff) -> None:
    assert steps(rerun) == [(UPDATE, GATE, "web-vm-1-readiness"), (UPDATE, GATE, "web-vm-2-readiness")]


def test_a_new_readiness_rerun_changes_each_gates_parameter(rerun: Diff) -> None:
    assert {c.path for s in rerun.steps for c in s.changes} == {"parameters[0].value"}


def test_a_new_readiness_rerun_probes_batch_by_batch_and_keeps_every_vm_serving(rerun: Diff) -> None:
    assert (rerun.rollout.batches, rerun.rollout.serving_at_worst) == ((("web-vm-1",), ("web-vm-2",)), 2)


# --- refused: exit 1, one line naming the key and Azure's reason ----------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("subnetAddressPrefix=10.0.1.0/24", "InUsePrefixCannotBeDeleted"),
        ("vmSize=Standard_D2ds_v5", "ResizeAcrossTempDiskNotAllowed"),
    ],
)
def test_a_change_azure_refuses_exits_1_with_one_line_naming_the_key_and_the_reason(change: str, code: str) -> None:
    refused = run(change)
    assert (refused.status, refused.stdout, len(refused.stderr.splitlines())) == (1, "", 1)
    assert change.split("=", 1)[0] in refused.stderr and code in refused.stderr


def test_moving_the_vnet_and_its_subnet_is_refused_naming_both_keys() -> None:
    refused = run("vnetAddressSpace=10.1.0.0/16", "subnetAddressPrefix=10.1.0.0/24")
    assert (refused.status, len(refused.stderr.splitlines())) == (1, 1)
    assert "vnetAddressSpace" in refused.stderr and "InUsePrefixCannotBeDeleted" in refused.stderr


def test_a_refused_subnet_change_leaves_the_nsg_alone() -> None:
    """The NSG comes first in the write order: were it changed, it would no longer match the VMs."""
    before, after = (
        deploy(load_stack_config("dev", c), REPO_ROOT)[0] for c in ([], ["subnetAddressPrefix=10.0.1.0/24"])
    )
    assert [s.name for s in diff_deployments(before, after)] == ["web-vnet"]


@pytest.mark.parametrize("start", ["50000", "50002"])
def test_new_nat_ports_are_one_load_balancer_write(start: str) -> None:
    assert steps(diff([], [f"natFrontendPortStart={start}"])) == [(UPDATE, "LoadBalancer", "web-lb")]


def test_standalone_nat_ports_shifted_down_move_one_after_another() -> None:
    assert steps(diff(["natRuleCapacity=0"], ["natFrontendPortStart=50000"])) == [
        (UPDATE, "InboundNatRule", "web-vm-1-ssh"),
        (UPDATE, "InboundNatRule", "web-vm-2-ssh"),
    ]


def test_an_arm64_image_the_gate_cannot_run_on_is_refused_naming_the_image() -> None:
    refused = run("image=Oracle:Oracle-Linux:ol9-arm64-gen2:latest", "vmSize=Standard_D2ps_v5")
    assert (refused.status, refused.stdout, len(refused.stderr.splitlines())) == (1, "", 1)
    assert "image" in refused.stderr and "Run Command" in refused.stderr


def test_an_arm64_ubuntu_image_replaces_the_vms_with_their_gates() -> None:
    changed = diff([], ["image=Canonical:ubuntu-24_04-lts:server-arm64:latest", "vmSize=Standard_D2ps_v5"])
    assert {(op, kind) for op, kind, _ in steps(changed) if kind in ("VirtualMachine", GATE)} == {
        (REPLACE, "VirtualMachine"),
        (REPLACE, GATE),
    }


def test_standalone_nat_ports_shifted_up_are_refused_a_port_the_next_rule_holds() -> None:
    with pytest.raises(ChangeRefused) as refused:
        diff(["natRuleCapacity=0"], ["natFrontendPortStart=50002"])
    assert refused.value.rejection.code == "InvalidFrontendPort"


# --- from standalone NAT rules to inline ones ---------------------------------------------------------------


@pytest.fixture(scope="module")
def move_inline() -> ChangeRefused:
    with pytest.raises(ChangeRefused) as refused:
        diff(["natRuleCapacity=0"], ["natRuleCapacity=200"])
    return refused.value


def test_moving_standalone_rules_inline_is_refused_at_the_delete_of_a_rule_a_nic_uses(
    move_inline: ChangeRefused,
) -> None:
    assert move_inline.rejection.code == "LoadBalancerChildInUseByNetworkInterface"


def test_a_refused_move_inline_gives_the_way_through(move_inline: ChangeRefused) -> None:
    assert "pulumi state delete" in move_inline.way_through and "--target" in move_inline.way_through


def test_the_move_inline_writes_the_load_balancer_and_leaves_the_nics_alone() -> None:
    before, after = (deploy(load_stack_config("dev", c), REPO_ROOT)[0] for c in (["natRuleCapacity=0"], []))
    assert steps_of(diff_deployments(before, after)) == [
        (UPDATE, "LoadBalancer", "web-lb"),
        (DELETE, "InboundNatRule", "web-vm-2-ssh"),
        (DELETE, "InboundNatRule", "web-vm-1-ssh"),
    ]


def test_another_refusal_gives_no_way_through() -> None:
    with pytest.raises(ChangeRefused) as refused:
        diff([], ["subnetAddressPrefix=10.0.1.0/24"])
    assert refused.value.way_through == ""


def test_an_invalid_config_exits_1_with_one_line_naming_the_key() -> None:
    invalid = run("vmCount=1")
    assert (invalid.status, invalid.stdout, len(invalid.stderr.splitlines())) == (1, "", 1)
    assert "vmCount" in invalid.stderr


# --- the region, as the provider stores it ----------------------------------------------------------------


def test_pinning_the_region_the_stack_uses_changes_nothing() -> None:
    pinned = run("location=westeurope")
    assert (pinned.status, pinned.stdout.splitlines()[-1]) == (0, "+0 ~0 -0")


def test_a_new_provider_region_changes_nothing_deployed_and_says_so() -> None:
    moved = diff([], ["azure-native:location=northeurope"])
    assert moved.steps == () and any("applies only to resources created from now on" in n for n in moved.notes)


@pytest.fixture(scope="module")
def new_region() -> Diff:
    return diff([], ["location=northeurope"])


def test_a_new_region_replaces_every_resource(new_region: Diff) -> None:
    assert {s.op for s in new_region.steps} == {REPLACE} and len(new_region.steps) == 16


def test_a_new_region_warns_of_the_new_address_and_the_outage(new_region: Diff) -> None:
    (warning,) = [n for n in new_region.notes if n.startswith("warning: the resource group moves")]
    assert "public IP address changes" in warning and "down" in warning


def test_a_new_region_leaves_no_vm_serving(new_region: Diff) -> None:
    assert new_region.rollout.serving_at_worst == 0


# --- what the mocks cannot see is said, not refused -------------------------------------------------------


@pytest.fixture(scope="module")
def outside_nsg() -> Diff:
    return diff([], [f"networkSecurityGroupId={OTHER_GROUP_NSG}"])


def test_an_nsg_from_another_resource_group_is_swapped_in_place(outside_nsg: Diff) -> None:
    assert steps(outside_nsg) == [
        (UPDATE, "VirtualNetwork", "web-vnet"),
        (DELETE, "NetworkSecurityGroup", "web-nsg"),
    ]


def test_an_nsg_the_mocks_cannot_see_is_reported_as_not_checked_offline(outside_nsg: Diff) -> None:
    assert any(n.startswith("not checked offline: NSG") and "hub-nsg" in n for n in outside_nsg.notes)


# --- replacements asked for by hand: `--replace`, as `pulumi up --replace <URN>` ---------------------------


def replace_diff(*names: str) -> Diff:
    return make_diff(load_stack_config("dev"), load_stack_config("dev"), replace=names)


def replace_calls(*names: str) -> list[str]:
    before = deploy(load_stack_config("dev"), REPO_ROOT)[0]
    return replay(diff_deployments(before, before, replace=frozenset(replace_targets(before, names))), before, before)


@pytest.fixture(scope="module")
def nic_replaced() -> Diff:
    return replace_diff("web-vm-1-nic")


@pytest.fixture(scope="module")
def nic_replaced_calls() -> list[str]:
    return replace_calls("web-vm-1-nic")


def test_replacing_a_nic_replaces_its_vm_extension_and_gate_and_nothing_else(nic_replaced: Diff) -> None:
    assert steps(nic_replaced) == [
        (REPLACE, NIC, "web-vm-1-nic"),
        (REPLACE, "VirtualMachine", "web-vm-1"),
        (REPLACE, EXTENSION, "web-vm-1-credentials"),
        (REPLACE, GATE, "web-vm-1-readiness"),
    ]


def test_a_replacement_asked_for_says_so(nic_replaced: Diff) -> None:
    assert (nic_replaced.replace, nic_replaced.steps[0].replaced_because) == (
        ("web-vm-1-nic",),
        ("requested (--replace)",),
    )


def test_replacing_a_nic_keeps_the_other_vm_serving(nic_replaced: Diff) -> None:
    assert nic_replaced.rollout.serving_at_worst == 1


def test_replacing_a_nic_ends_with_a_new_nic_before_the_new_vm(nic_replaced_calls: list[str]) -> None:
    assert (
        nic_replaced_calls.index("delete web-vm-1")
        < nic_replaced_calls.index("create web-vm-1-nic")
        < (nic_replaced_calls.index("create web-vm-1"))
    )


def test_the_old_vm_goes_before_its_extensions_whose_delete_then_finds_nothing(nic_replaced_calls: list[str]) -> None:
    """The NIC's delete-first takes the VM (it names the NIC in `replace_with`); the VM's own step
    takes its extensions and gate, which Azure deleted with it."""
    assert nic_replaced_calls.index("delete web-vm-1") < nic_replaced_calls.index(
        "delete web-vm-1-credentials (already gone)"
    )


def test_replacing_a_vm_alone_is_refused_naming_its_nic() -> None:
    refused = run_replacing("web-vm-1")
    assert (refused.status, refused.stdout, len(refused.stderr.splitlines())) == (1, "", 1)
    assert "--replace web-vm-1" in refused.stderr and "network interface web-vm-1-nic does not exist" in refused.stderr


def test_a_name_the_stack_does_not_have_is_refused_in_one_line() -> None:
    refused = run_replacing("web-vm-9")
    assert (refused.status, refused.stdout, len(refused.stderr.splitlines())) == (1, "", 1)
    assert "--replace web-vm-9" in refused.stderr


def test_replace_needs_diff() -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(["--project", str(REPO_ROOT), "--replace", "web-vm-1-nic"], stdout=stdout, stderr=stderr)
    assert (status, "--diff" in stderr.getvalue()) == (2, True)


def test_the_text_names_the_replacement_asked_for() -> None:
    assert run_replacing("web-vm-1-nic").stdout.splitlines()[0] == "Changes to stack dev (--replace web-vm-1-nic):"


# --- the availability set replaced: a full outage, said so -------------------------------------------------


@pytest.fixture(scope="module")
def avset_replaced() -> Diff:
    return replace_diff("web-avset")


def test_replacing_the_availability_set_replaces_every_vm_and_its_nic(avset_replaced: Diff) -> None:
    replaced = {name for op, kind, name in steps(avset_replaced) if op == REPLACE and kind in ("VirtualMachine", NIC)}
    assert replaced == {"web-vm-1", "web-vm-1-nic", "web-vm-2", "web-vm-2-nic"}


def test_replacing_the_availability_set_leaves_no_vm_serving(avset_replaced: Diff) -> None:
    assert avset_replaced.rollout.serving_at_worst == 0


def test_replacing_the_availability_set_warns_of_the_full_outage(avset_replaced: Diff) -> None:
    (warning,) = [n for n in avset_replaced.notes if n.startswith("warning: web-avset is replaced")]
    assert "every VM" in warning and "down" in warning


def test_every_vm_goes_before_the_availability_set_and_anything_is_created() -> None:
    calls = replace_calls("web-avset")
    first_create = next(i for i, call in enumerate(calls) if call.startswith("create"))
    assert (
        max(calls.index("delete web-vm-1"), calls.index("delete web-vm-2"))
        < calls.index("delete web-avset")
        < (first_create)
    )


def test_the_replay_of_the_availability_set_replacement_ends_with_every_vm_and_nic() -> None:
    calls = replace_calls("web-avset")
    assert {f"create web-vm-{i}{part}" for i in (1, 2) for part in ("", "-nic")} <= set(calls)


# --- the VHD layout: a replaced VM meets the blob its predecessor left -----------------------------------


@pytest.fixture(scope="module")
def vhd_with_new_custom_data() -> Deployment:
    args = {"ssh_public_key": ED25519, "disk_storage": "vhd", "vm_count": 3, "custom_data": "#cloud-config\n"}
    return component("legacy", args, unmanaged_disks=True)


def test_a_vhd_vm_replaced_for_a_new_setting_is_created_on_a_blob_of_its_own(
    vhd: Deployment, vhd_with_new_custom_data: Deployment
) -> None:
    calls = replay(diff_deployments(vhd, vhd_with_new_custom_data), vhd, vhd_with_new_custom_data)
    assert {"create legacy-vm-1", "create legacy-vm-3"} <= set(calls)


def test_a_vhd_vm_replaced_with_the_same_settings_is_refused_on_the_blob_left_behind(vhd: Deployment) -> None:
    """Its NIC replaced by hand: the new VM's OS disk would be the blob the old VM left."""
    replace = frozenset(replace_targets(vhd, ["legacy-vm-1-nic"]))
    with pytest.raises(ArmRejection) as caught:
        replay(diff_deployments(vhd, vhd, replace=replace), vhd, vhd)
    assert caught.value.code == "TargetDiskBlobAlreadyExists"


def test_the_plan_refuses_the_vhd_layout_as_public_azure_does() -> None:
    refused = run("diskStorage=vhd", "trustedLaunch=false")
    assert (refused.status, "azure-multi-vm:diskStorage: 'vhd' is not allowed" in refused.stderr) == (1, True)


# --- `--target`, as `pulumi up --target <URN>`: what is not targeted does not run, gates included ----------


def run_targeting(change: str, *names: str) -> Run:
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["--diff", "--project", str(REPO_ROOT), "--config", change]
    status = main([*argv, *(part for name in names for part in ("--target", name))], stdout=stdout, stderr=stderr)
    return Run(status, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(scope="module")
def targeted_vms() -> Diff:
    return make_diff(
        load_stack_config("dev"),
        load_stack_config("dev", ["vmSize=Standard_D4s_v5"]),
        target=["web-vm-1", "web-vm-2"],
    )


def test_targeting_the_vms_updates_them_and_leaves_their_gates_alone(targeted_vms: Diff) -> None:
    assert steps(targeted_vms) == [(UPDATE, "VirtualMachine", "web-vm-1"), (UPDATE, "VirtualMachine", "web-vm-2")]


def test_targeting_the_vms_warns_that_nothing_waits_for_their_probe(targeted_vms: Diff) -> None:
    (warning,) = [n for n in targeted_vms.notes if n.startswith("warning: --target")]
    assert "web-vm-1-readiness" in warning and "health probe" in warning


def test_targeting_the_vms_without_their_gates_may_take_every_vm_down(targeted_vms: Diff) -> None:
    assert targeted_vms.rollout.serving_at_worst == 0


def test_targeting_the_gates_too_keeps_the_batches() -> None:
    targeted = run_targeting(
        "vmSize=Standard_D4s_v5", "web-vm-1", "web-vm-2", "web-vm-1-readiness", "web-vm-2-readiness"
    )
    assert "after batch 1's readiness gates" in targeted.stdout and "warning: --target" not in targeted.stdout
