"""The stack programs (`__main__.py`) under the Azure mocks: what they export for their config."""

from __future__ import annotations

import json

from offline.harness import Deployment, evaluate_stack, stack_config
from stack.config import SCALE_SET_STACK_OUTPUTS, STACK_OUTPUTS

from ..support.constants import NS, WORKSPACE
from ..support.deployments import vms
from ..support.keys import STRONG_PASSWORD
from ..support.scenarios import stack

# --- the dev stack ---------------------------------------------------------------------------------


def test_dev_stack_builds_two_linux_vms(dev_stack: Deployment) -> None:
    machines = dev_stack.of_type("VirtualMachine")
    assert len(machines) == 2 and all("linuxConfiguration" in vm.inputs["osProfile"] for vm in machines)


def test_dev_stack_creates_its_resource_group(dev_stack: Deployment) -> None:
    assert dev_stack.one("ResourceGroup").inputs.get("location") is None  # from azure-native:location


def test_dev_stack_exports(dev_stack: Deployment) -> None:
    assert {"public_ip", "fqdn", "url", "nat_endpoints", "vm_names", "private_ips"} <= set(dev_stack.outputs)


def test_the_stack_exports_exactly_the_documented_outputs(dev_stack: Deployment) -> None:
    assert list(dev_stack.outputs) == list(STACK_OUTPUTS)


def test_dev_stack_url_points_at_the_public_ip(dev_stack: Deployment) -> None:
    assert dev_stack.outputs["url"] == f"http://{dev_stack.outputs['public_ip']}/"


def test_dev_stack_nat_endpoints(dev_stack: Deployment) -> None:
    ip = dev_stack.outputs["public_ip"]
    assert dev_stack.outputs["nat_endpoints"] == {"web-vm-1": f"{ip}:50001", "web-vm-2": f"{ip}:50002"}


def test_dev_stack_vm_names_and_private_ips(dev_stack: Deployment) -> None:
    outputs = dev_stack.outputs
    assert (outputs["vm_names"], sorted(outputs["private_ips"])) == (["web-vm-1", "web-vm-2"], ["10.0.0.4", "10.0.0.5"])


def test_dev_stack_warns_that_ssh_is_closed_until_whitelisted(dev_stack: Deployment) -> None:
    assert any("adminSourcePrefixes" in w for w in dev_stack.warnings)


def test_preview_registers_what_up_creates(dev_stack: Deployment, dev_stack_preview: Deployment) -> None:
    assert dev_stack_preview.count_by_type() == dev_stack.count_by_type()


def test_preview_knows_only_the_outputs_the_program_decides(dev_stack_preview: Deployment) -> None:
    # The VM names and the absent Bastion host are the program's own; addresses, IDs and names
    # that Azure returns stay unknown until `pulumi up`.
    assert dev_stack_preview.outputs == {"vm_names": ["web-vm-1", "web-vm-2"], "bastion_name": None}


def test_password_is_a_secret_in_the_vm_inputs(linux_password_stack: Deployment) -> None:
    machines = linux_password_stack.of_type("VirtualMachine")
    assert machines and all("osProfile" in vm.secret_inputs for vm in machines)


def test_password_appears_in_no_stack_output(linux_password_stack: Deployment) -> None:
    assert STRONG_PASSWORD not in json.dumps(linux_password_stack.outputs)


def test_linux_password_stack_enables_password_login(linux_password_stack: Deployment) -> None:
    profile = linux_password_stack.of_type("VirtualMachine")[0].inputs["osProfile"]
    assert profile["linuxConfiguration"]["disablePasswordAuthentication"] is False


def test_dns_label_config_makes_the_url_use_the_fqdn() -> None:
    deployment = evaluate_stack(stack_config("dev", {f"{NS}:dnsLabel": "contoso-dev"}))
    assert deployment.outputs["url"] == "http://contoso-dev.westeurope.cloudapp.azure.com/"


def test_misspelt_config_key_is_reported_by_the_stack() -> None:
    deployment = evaluate_stack(stack_config("dev", {f"{NS}:vmcount": "3"}))
    assert any(w.startswith(f"{NS}:vmcount is not a key this stack reads") for w in deployment.warnings)


def test_location_key_places_the_resource_group() -> None:
    deployment = evaluate_stack(stack_config("dev", {f"{NS}:location": "swedencentral"}))
    assert deployment.one("ResourceGroup").inputs["location"] == "swedencentral"


def test_dev_stack_exports_no_bastion_name(dev_stack: Deployment) -> None:
    assert dev_stack.outputs["bastion_name"] is None


def test_the_dev_stack_exports_its_public_ip_as_frontend(dev_stack: Deployment) -> None:
    assert dev_stack.outputs["frontend_ip"] == dev_stack.outputs["public_ip"]


# --- an internal load balancer, a NAT gateway ------------------------------------------------------


def test_an_internal_stack_exports_no_public_ip(internal_stack: Deployment) -> None:
    assert (internal_stack.outputs["public_ip"], internal_stack.outputs["fqdn"]) == (None, None)


def test_an_internal_stack_exports_its_private_frontend(internal_stack: Deployment) -> None:
    assert internal_stack.outputs["frontend_ip"] == "10.0.0.100"


def test_an_internal_stacks_url_uses_the_private_frontend(internal_stack: Deployment) -> None:
    assert internal_stack.outputs["url"] == "http://10.0.0.100/"


def test_outbound_config_creates_a_nat_gateway() -> None:
    deployment = evaluate_stack(stack_config("dev", {f"{NS}:outbound": "nat_gateway"}))
    assert [g.name for g in deployment.of_type("NatGateway")] == ["web-natgw"]


# --- zones, Bastion, monitoring and patching by config ----------------------------------------------


def test_stack_exports_the_bastion_name(production_stack: Deployment) -> None:
    assert production_stack.outputs["bastion_name"] == "web-bastion"


def test_stack_with_bastion_exports_no_nat_endpoints(production_stack: Deployment) -> None:
    assert production_stack.outputs["nat_endpoints"] == {}


def test_stack_zones_key_places_the_vms(production_stack: Deployment) -> None:
    assert [vm["zones"] for vm in vms(production_stack)] == [["1"], ["2"]]


def test_stack_monitoring_keys_reach_the_resources(production_stack: Deployment) -> None:
    setting = production_stack.one("DiagnosticSetting").inputs
    group = production_stack.one("ActionGroup").inputs
    assert (setting["workspaceId"], group["emailReceivers"][0]["emailAddress"]) == (WORKSPACE, "ops@example.com")


def test_production_stack_preview_registers_what_up_creates(
    production_stack: Deployment, production_stack_preview: Deployment
) -> None:
    assert production_stack_preview.count_by_type() == production_stack.count_by_type()


def test_production_stack_resource_counts(production_stack: Deployment) -> None:
    counts = production_stack.count_by_type()
    assert (
        counts.get("AvailabilitySet"),
        counts["BastionHost"],
        counts["PublicIPAddress"],
        counts["DiagnosticSetting"],
        counts["ActionGroup"],
        counts["MetricAlert"],
    ) == (None, 1, 2, 1, 1, 2)


# --- the stack as a scale set ------------------------------------------------------------------------------


def test_a_scale_set_stack_exports_the_documented_outputs_and_the_scale_sets() -> None:
    deployment = stack({f"{NS}:orchestration": "scale_set"})
    assert list(deployment.outputs) == [*STACK_OUTPUTS, *SCALE_SET_STACK_OUTPUTS]


def test_a_scale_set_stack_exports_the_nat_port_range() -> None:
    assert stack({f"{NS}:orchestration": "scale_set"}).outputs["nat_port_range"] == "50001-51000"


def test_a_scale_set_stack_exports_the_scale_sets_name() -> None:
    assert stack({f"{NS}:orchestration": "scale_set"}).outputs["scale_set_name"] == "web-vmss"
