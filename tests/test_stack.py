"""The stack program (`__main__.py`) with Pulumi.dev.yaml's own config, and its config keys."""

from __future__ import annotations

import json
from typing import Any

import pytest

from components import InvalidArgumentError
from components.stack_config import STACK_OUTPUTS, application_url, config_key_for, read_stack_settings
from plan.azure_mocks import AzureMocks
from plan.harness import Deployment, evaluate_component, evaluate_stack, stack_config

from .support.keys import ED25519, STRONG_PASSWORD

NS = "azure-multi-vm"


def settings_from(config: dict[str, Any]) -> Any:
    """Read settings from config as `pulumi config` stores it (strings; JSON for structure)."""
    text = {key: value if isinstance(value, str) else json.dumps(value) for key, value in config.items()}
    return read_stack_settings(text.get)


def config_error(config: dict[str, Any]) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from({"sshPublicKey": ED25519, **config})
    return caught.value


# --- the dev stack ---------------------------------------------------------------------------------


def test_dev_stack_builds_two_linux_vms(dev_stack: Deployment) -> None:
    vms = dev_stack.of_type("VirtualMachine")
    assert len(vms) == 2 and all("linuxConfiguration" in vm.inputs["osProfile"] for vm in vms)


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


def test_preview_shows_outputs_as_unknown_until_deployment(dev_stack_preview: Deployment) -> None:
    assert dev_stack_preview.outputs == {}


def test_password_is_a_secret_in_the_vm_inputs(linux_password_stack: Deployment) -> None:
    assert all("osProfile" in vm.secret_inputs for vm in linux_password_stack.of_type("VirtualMachine"))


def test_password_appears_in_no_stack_output(linux_password_stack: Deployment) -> None:
    assert STRONG_PASSWORD not in json.dumps(linux_password_stack.outputs)


def test_linux_password_stack_enables_password_login(linux_password_stack: Deployment) -> None:
    profile = linux_password_stack.of_type("VirtualMachine")[0].inputs["osProfile"]
    assert profile["linuxConfiguration"]["disablePasswordAuthentication"] is False


def test_dns_label_config_makes_the_url_use_the_fqdn() -> None:
    deployment = evaluate_stack(stack_config("dev", {f"{NS}:dnsLabel": "contoso-dev"}))
    assert deployment.outputs["url"] == "http://contoso-dev.westeurope.cloudapp.azure.com/"


# --- bad config: one clear error, nothing registered -------------------------------------------------


def test_bad_config_registers_nothing() -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_stack(stack_config("dev", {f"{NS}:vmCount": "1"}), mocks=mocks)
    assert mocks.registered == []


def test_bad_component_arguments_register_nothing() -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_component("web", {"ssh_public_key": ED25519, "admin_source_prefixes": ["*"]}, mocks=mocks)
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]  # the caller's own


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ({"vmCount": "three"}, f"{NS}:vmCount"),
        ({"vmCount": "1"}, f"{NS}:vmCount"),
        ({"osType": "solaris"}, f"{NS}:osType"),
        ({"diskStorage": "tape"}, f"{NS}:diskStorage"),
        ({"natFrontendPortStart": "65534", "vmCount": "2"}, f"{NS}:natFrontendPortStart"),
        ({"adminUsername": "root"}, f"{NS}:adminUsername"),
        ({"sshPublicKey": "ssh-rsa nope"}, f"{NS}:sshPublicKey"),
        ({"sshPublicKey": "", "adminPassword": "weak"}, f"{NS}:adminPassword"),
        ({"adminSourcePrefixes": ["Internet"]}, f"{NS}:adminSourcePrefixes[0]"),
        ({"appSourcePrefixes": "not a cidr/99"}, f"{NS}:appSourcePrefixes[0]"),
        ({"dnsLabel": "Bad_Label"}, f"{NS}:dnsLabel"),
        ({"lbRules": [{"frontendPort": 80, "backendPort": 0}]}, f"{NS}:lbRules[0].backendPort"),
        ({"lbRules": "{not json"}, f"{NS}:lbRules"),
        ({"probe": {"protocol": "Http", "path": "health"}}, f"{NS}:probe.path"),
        ({"probe": {"intervalInSeconds": 2}}, f"{NS}:probe.intervalInSeconds"),
    ],
)
def test_config_errors_name_the_config_key(config: dict[str, Any], key: str) -> None:
    assert config_error(config).argument == key


def test_config_error_message_names_key_value_and_allowed() -> None:
    assert str(config_error({"vmCount": "three"})) == f"{NS}:vmCount: 'three' is not allowed; a whole number"


def test_misspelt_config_key_is_warned_of() -> None:
    settings = read_stack_settings(
        {"sshPublicKey": ED25519}.get, present_keys=[f"{NS}:vmcount", f"{NS}:sshPublicKey", "azure-native:location"]
    )
    assert [w.split(" ")[0] for w in settings.warnings] == [f"{NS}:vmcount"]


def test_misspelt_config_key_is_reported_by_the_stack() -> None:
    deployment = evaluate_stack(stack_config("dev", {f"{NS}:vmcount": "3"}))
    assert any(w.startswith(f"{NS}:vmcount is not a key this stack reads") for w in deployment.warnings)


def test_location_key_places_the_resource_group() -> None:
    deployment = evaluate_stack(stack_config("dev", {f"{NS}:location": "swedencentral"}))
    assert deployment.one("ResourceGroup").inputs["location"] == "swedencentral"


def test_tags_and_custom_data_keys_reach_the_vms() -> None:
    settings = settings_from({"sshPublicKey": ED25519, "tags": {"costCenter": "42"}, "customData": "#cloud-config\n"})
    assert (settings.args["tags"], settings.args["custom_data"]) == ({"costCenter": "42"}, "#cloud-config\n")


def test_admin_sources_accept_comma_separated_text() -> None:
    settings = settings_from({"sshPublicKey": ED25519, "adminSourcePrefixes": "203.0.113.7/32, 198.51.100.0/24"})
    assert settings.spec.admin_source_prefixes == ("203.0.113.7/32", "198.51.100.0/24")


def test_structured_config_is_read_with_camel_case_keys() -> None:
    settings = settings_from(
        {
            "sshPublicKey": ED25519,
            "lbRules": [{"frontendPort": 443, "backendPort": 8443}],
            "probe": {"protocol": "Tcp", "port": 8443, "intervalInSeconds": 15},
        }
    )
    assert (settings.spec.lb_rules[0].backend_port, settings.spec.probe.interval_in_seconds) == (8443, 15)


def test_windows_config_needs_a_password() -> None:
    assert config_error({"osType": "windows", "sshPublicKey": ""}).argument == f"{NS}:adminPassword"


def test_windows_config_with_password_is_accepted() -> None:
    settings = settings_from({"osType": "windows", "adminPassword": STRONG_PASSWORD})
    assert settings.spec.admin_port == 3389


def test_argument_names_map_to_config_keys() -> None:
    assert config_key_for("nat_frontend_port_start") == f"{NS}:natFrontendPortStart"


@pytest.mark.parametrize(("port", "url"), [(80, "http://h/"), (443, "https://h/"), (8080, "http://h:8080/")])
def test_application_url_follows_the_first_rule(port: int, url: str) -> None:
    spec = settings_from({"sshPublicKey": ED25519, "lbRules": [{"frontendPort": port, "backendPort": 80}]}).spec
    assert application_url("h", spec) == url
