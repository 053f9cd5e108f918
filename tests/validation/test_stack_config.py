"""The stack's config keys (`stack.config`), read without Pulumi: values as `pulumi config`
stores them, errors naming the config key."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from components import InvalidArgumentError
from components.spec import AdminAccess, Orchestration
from offline.harness import REPO_ROOT
from stack.config import (
    EXAMPLE_SSH_PUBLIC_KEY,
    PROVIDER_CONFIG_KEYS,
    application_url,
    config_key_for,
    read_stack_settings,
    unknown_key_warnings,
)
from stack.secrets import unencrypted_secret_warnings

from ..support.constants import NS, SUBNET_ID, WORKSPACE
from ..support.keys import ED25519, STRONG_PASSWORD


def settings_from(config: dict[str, Any], provider_location: str | None = "westeurope") -> Any:
    """Read settings from config as `pulumi config` stores it (strings; JSON for structure), in a stack
    whose `azure-native:location` is `provider_location` (the dev stack's by default)."""
    text = {key: value if isinstance(value, str) else json.dumps(value) for key, value in config.items()}
    return read_stack_settings(text.get, provider_location=provider_location)


def config_error(config: dict[str, Any]) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from({"sshPublicKey": ED25519, **config})
    return caught.value


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
        ({"placement": "regional"}, f"{NS}:placement"),
        ({"maxUnavailable": "5"}, f"{NS}:maxUnavailable"),
        ({"placement": "zones", "zones": ["1", "5"]}, f"{NS}:zones"),
        ({"placement": "zones", "diskStorage": "vhd"}, f"{NS}:placement"),
        ({"adminAccess": "vpn"}, f"{NS}:adminAccess"),
        ({"adminAccess": "bastion", "bastionSubnetAddressPrefix": "10.0.1.0/28"}, f"{NS}:bastionSubnetAddressPrefix"),
        ({"adminAccess": "bastion", "bastionSubnetId": "hub"}, f"{NS}:bastionSubnetId"),
        ({"alertEmail": "ops"}, f"{NS}:alertEmail"),
        ({"logAnalyticsWorkspaceId": "ops-logs"}, f"{NS}:logAnalyticsWorkspaceId"),
        ({"patchMode": "Manual"}, f"{NS}:patchMode"),
        ({"subnetId": "app"}, f"{NS}:subnetId"),
        ({"networkSecurityGroupId": "nsg"}, f"{NS}:networkSecurityGroupId"),
        ({"public": "false", "frontendPrivateIp": "10.0.0.2"}, f"{NS}:frontendPrivateIp"),
        ({"outbound": "proxy"}, f"{NS}:outbound"),
        ({"public": "false", "dnsLabel": "contoso"}, f"{NS}:dnsLabel"),
    ],
)
def test_config_errors_name_the_config_key(config: dict[str, Any], key: str) -> None:
    assert config_error(config).argument == key


def test_config_error_message_names_key_value_and_allowed() -> None:
    assert str(config_error({"vmCount": "three"})) == (
        f"{NS}:vmCount: 'three' is not allowed; a whole number from 2 to 200"
    )


def test_misspelt_config_key_is_warned_of() -> None:
    settings = read_stack_settings(
        {"sshPublicKey": ED25519}.get, present_keys=[f"{NS}:vmcount", f"{NS}:sshPublicKey", "azure-native:location"]
    )
    assert [w.split(" ")[0] for w in settings.warnings] == [f"{NS}:vmcount"]


def test_tags_and_custom_data_keys_reach_the_vms() -> None:
    settings = settings_from({"sshPublicKey": ED25519, "tags": {"costCenter": "42"}, "customData": "#cloud-config\n"})
    assert (settings.args["tags"], settings.args["custom_data"]) == ({"costCenter": "42"}, "#cloud-config\n")


def test_admin_sources_accept_comma_separated_text() -> None:
    settings = settings_from({"sshPublicKey": ED25519, "adminSourcePrefixes": "203.0.113.7/32, 198.51.100.0/24"})
    assert settings.spec.sources.admin_source_prefixes == ("203.0.113.7/32", "198.51.100.0/24")


def test_structured_config_is_read_with_camel_case_keys() -> None:
    settings = settings_from(
        {
            "sshPublicKey": ED25519,
            "lbRules": [{"frontendPort": 443, "backendPort": 8443}],
            "probe": {"protocol": "Tcp", "port": 8443, "intervalInSeconds": 15},
            "customData": "#cloud-config\n",  # a server of its own on 8443
        }
    )
    assert (
        settings.spec.load_balancing.lb_rules[0].backend_port,
        settings.spec.load_balancing.probe.interval_in_seconds,
    ) == (8443, 15)


def test_windows_config_needs_a_password() -> None:
    assert config_error({"osType": "windows", "sshPublicKey": ""}).argument == f"{NS}:adminPassword"


def test_windows_config_with_password_is_accepted() -> None:
    settings = settings_from({"osType": "windows", "adminPassword": STRONG_PASSWORD})
    assert settings.spec.load_balancing.admin_port == 3389


def test_argument_names_map_to_config_keys() -> None:
    assert config_key_for("nat_frontend_port_start") == f"{NS}:natFrontendPortStart"


@pytest.mark.parametrize(("port", "url"), [(80, "http://h/"), (443, "https://h/"), (8080, "http://h:8080/")])
def test_application_url_follows_the_first_rule(port: int, url: str) -> None:
    spec = settings_from({"sshPublicKey": ED25519, "lbRules": [{"frontendPort": port, "backendPort": 80}]}).spec
    assert application_url("h", spec) == url


@pytest.mark.parametrize(("text", "public"), [("false", False), ("true", True), ("False", False)])
def test_public_reads_as_a_boolean(text: str, public: bool) -> None:
    assert settings_from({"sshPublicKey": ED25519, "public": text}).spec.network.public is public


def test_a_public_value_that_is_not_a_boolean_names_the_key() -> None:
    assert config_error({"public": "maybe"}).argument == f"{NS}:public"


def test_bastion_config_with_own_subnet_needs_a_bastion_subnet() -> None:
    assert config_error({"adminAccess": "bastion", "subnetId": SUBNET_ID}).argument == f"{NS}:bastionSubnetId"


def test_placement_admin_access_patching_and_monitoring_keys_reach_the_spec() -> None:
    spec = settings_from(
        {
            "sshPublicKey": ED25519,
            "placement": "zones",
            "zones": "1,2",
            "adminAccess": "bastion",
            "patchMode": "ImageDefault",
            "alertEmail": "ops@example.com",
            "logAnalyticsWorkspaceId": WORKSPACE,
        }
    ).spec
    assert (
        spec.placement.zones,
        spec.admin_access.mode,
        spec.patching.patch_mode,
        spec.monitoring.alert_email,
        spec.monitoring.log_analytics_workspace_id,
    ) == (
        ("1", "2"),
        AdminAccess.BASTION,
        "ImageDefault",
        "ops@example.com",
        WORKSPACE,
    )


def test_zones_config_accepts_a_json_list_of_numbers() -> None:
    assert settings_from({"sshPublicKey": ED25519, "placement": "zones", "zones": [1, 3]}).spec.placement.zones == (
        "1",
        "3",
    )


def test_stack_settings_check_the_provider_location_when_no_location_key_is_set() -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        read_stack_settings({"sshPublicKey": ED25519}.get, provider_location="West Europa")
    assert raised.value.argument == "azure-native:location"


def test_stack_settings_accept_a_provider_location_in_display_form() -> None:
    assert read_stack_settings({"sshPublicKey": ED25519}.get, provider_location="West Europe").spec.location is None


def test_plain_text_warning_names_only_set_secret_keys() -> None:
    assert unencrypted_secret_warnings([f"{NS}:vmCount"], lambda key: False) == ()


def test_max_unavailable_is_read_from_its_key() -> None:
    assert (
        settings_from({"sshPublicKey": ED25519, "vmCount": "4", "maxUnavailable": "4"}).spec.rollout.max_unavailable
        == 4
    )


def test_the_trusted_launch_key_turns_it_off() -> None:
    assert settings_from({"sshPublicKey": ED25519, "trustedLaunch": "false"}).spec.compute.trusted_launch is False


@pytest.mark.parametrize("provider_location", [None, " "], ids=["unset", "blank"])
def test_zonal_placement_without_any_region_is_refused_naming_placement(provider_location: str | None) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from({"sshPublicKey": ED25519, "placement": "zones"}, provider_location=provider_location)
    assert caught.value.argument == f"{NS}:placement" and "azure-native:location" in caught.value.allowed


def test_zonal_placement_takes_its_region_from_the_location_key() -> None:
    config = {"sshPublicKey": ED25519, "placement": "zones", "location": "swedencentral"}
    assert settings_from(config, provider_location=None).spec.location == "swedencentral"


def test_the_provider_location_is_the_region_zonal_placement_is_checked_against() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from({"sshPublicKey": ED25519, "placement": "zones"}, provider_location="westcentralus")
    assert caught.value.argument == f"{NS}:placement"


def test_the_provider_location_is_the_region_fault_domains_are_checked_against() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from({"sshPublicKey": ED25519, "faultDomainCount": "3"}, provider_location="uksouth")
    assert caught.value.argument == f"{NS}:faultDomainCount"


# --- errors in the config's own terms ------------------------------------------------------------

SNAKE_CASE_WORD = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
BAD_STRUCTURES = [
    {"lbRules": [{"frontendPort": 80}]},
    {"lbRules": [{"frontendPort": 80, "backendPort": 80, "protocl": "Tcp"}]},
    {"lbRules": {"frontendPort": 80}},
    {"lbRules": [80]},
    {"lbRules": [{"frontendPort": 80, "backendPort": 80}, {"frontendPort": 80, "backendPort": 81}]},
    {"probe": {"protocl": "Http"}},
    {"probe": {"intervalInSeconds": 2}},
]


def test_a_non_numeric_count_is_refused_with_its_range() -> None:
    assert config_error({"vmCount": "abc"}).allowed == "a whole number from 2 to 200"


@pytest.mark.parametrize("config", BAD_STRUCTURES, ids=lambda c: json.dumps(c))
def test_structured_key_errors_name_fields_in_camel_case(config: dict[str, Any]) -> None:
    message = str(config_error(config))
    assert (SNAKE_CASE_WORD.findall(message), "tuple" in message) == ([], False)


@pytest.mark.parametrize("config", BAD_STRUCTURES, ids=lambda c: json.dumps(c))
def test_structured_key_errors_show_the_value_as_json(config: dict[str, Any]) -> None:
    shown = str(config_error(config)).split(": ", 1)[1].split(" is not allowed", 1)[0]
    assert json.dumps(json.loads(shown)) == shown  # a Python repr, {'frontend_port': 80}, is not JSON


def test_a_missing_windows_password_is_reported_as_required_for_windows() -> None:
    message = str(config_error({"osType": "windows", "sshPublicKey": ""}))
    assert message.startswith(f"{NS}:adminPassword: not set, and required for Windows VMs")


def test_a_missing_windows_password_is_not_reported_as_a_refused_none() -> None:
    assert "None" not in str(config_error({"osType": "windows", "sshPublicKey": ""}))


@pytest.mark.parametrize("prefix", ["10.0.0.1/33", "Interne", "Internt", "no such thing"])
def test_admin_source_errors_never_suggest_a_source_open_to_everyone(prefix: str) -> None:
    allowed = config_error({"adminSourcePrefixes": [prefix]}).allowed
    assert ("'*'" in allowed, "Internet" in allowed) == (False, False)


# --- the project's own name ----------------------------------------------------------------------


def test_errors_name_the_key_under_the_projects_own_name() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        read_stack_settings({"sshPublicKey": ED25519, "vmCount": "1"}.get, project="shop")
    assert caught.value.argument == "shop:vmCount"


def test_reading_errors_name_the_key_under_the_projects_own_name() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        read_stack_settings({"sshPublicKey": ED25519, "public": "maybe"}.get, project="shop")
    assert caught.value.argument == "shop:public"


def test_a_misspelt_key_is_warned_of_under_the_projects_own_name() -> None:
    settings = read_stack_settings({"sshPublicKey": ED25519}.get, present_keys=["shop:vmcount"], project="shop")
    assert [w.split(" ")[0] for w in settings.warnings] == ["shop:vmcount"]


def test_a_plain_text_password_is_warned_of_under_the_projects_own_name() -> None:
    warnings = unencrypted_secret_warnings(["shop:adminPassword"], lambda key: False, "shop")
    assert [w.split(" ")[0] for w in warnings] == ["shop:adminPassword"]


# --- keys nothing reads --------------------------------------------------------------------------


def test_a_misspelt_key_suggests_the_nearest_key() -> None:
    assert unknown_key_warnings([f"{NS}:vmcount"])[0].endswith(f"did you mean {NS}:vmCount?")


def test_a_key_near_no_known_key_lists_the_known_keys_in_the_arguments_order() -> None:
    assert "known keys: location, vmCount, vmSize, " in unknown_key_warnings([f"{NS}:colour"])[0]


def test_a_misspelt_provider_setting_suggests_the_nearest_setting() -> None:
    assert unknown_key_warnings(["azure-native:locaton"])[0].endswith("did you mean azure-native:location?")


def test_every_provider_setting_is_known() -> None:
    assert unknown_key_warnings([f"azure-native:{key}" for key in PROVIDER_CONFIG_KEYS]) == ()


def test_keys_of_other_namespaces_are_left_alone() -> None:
    assert unknown_key_warnings(["aws:region", "pulumi:tags", f"{NS}x:vmCount"]) == ()


def test_the_provider_settings_are_those_of_the_installed_sdk() -> None:
    import pulumi_azure_native.config.vars as provider_config

    members = vars(provider_config._ExportableConfig).items()
    settings = [name for name, member in members if isinstance(member, property)]
    assert sorted(re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name) for name in settings) == sorted(
        PROVIDER_CONFIG_KEYS
    )


# --- the shipped example key -------------------------------------------------------------------------


@pytest.mark.parametrize("comment", ["example-key", "someone@laptop"])
def test_the_shipped_example_key_is_warned_of_naming_the_key(comment: str) -> None:
    key = EXAMPLE_SSH_PUBLIC_KEY.rsplit(" ", 1)[0] + f" {comment}"
    assert [w.split(" ")[0] for w in settings_from({"sshPublicKey": key}).warnings] == [f"{NS}:sshPublicKey"]


def test_a_key_of_ones_own_is_not_warned_of() -> None:
    assert settings_from({"sshPublicKey": ED25519}).warnings == ()


def test_the_example_key_is_the_one_the_dev_stack_and_the_template_ship() -> None:
    dev = yaml.safe_load((REPO_ROOT / "Pulumi.dev.yaml").read_text())["config"][f"{NS}:sshPublicKey"]
    template = yaml.safe_load((REPO_ROOT / "Pulumi.yaml").read_text())["template"]["config"]["sshPublicKey"]["default"]
    assert dev == template == EXAMPLE_SSH_PUBLIC_KEY


# --- orchestration scale_set ---------------------------------------------------------------------------------


def test_the_orchestration_key_asks_for_a_scale_set() -> None:
    spec = settings_from({"sshPublicKey": ED25519, "orchestration": "scale_set"}).spec
    assert spec.orchestration.mode is Orchestration.SCALE_SET


def test_autoscale_config_is_json_with_camelcase_fields() -> None:
    autoscale = '{"minCount": 2, "maxCount": 8, "scaleOutCpuPercent": 60}'
    args = settings_from({"sshPublicKey": ED25519, "orchestration": "scale_set", "autoscale": autoscale}).args
    assert args["autoscale"] == {"min_count": 2, "max_count": 8, "scale_out_cpu_percent": 60}


def test_max_surge_config_is_a_switch() -> None:
    args = settings_from({"sshPublicKey": ED25519, "orchestration": "scale_set", "maxSurge": "false"}).args
    assert args["max_surge"] is False


def test_a_scale_set_is_given_the_stacks_region_to_choose_its_zones() -> None:
    spec = settings_from({"sshPublicKey": ED25519, "orchestration": "scale_set"}, provider_location="westeurope").spec
    assert (spec.location, spec.placement.zones) == ("westeurope", ("1", "2", "3"))


def test_a_bad_autoscale_field_names_the_config_key_in_camelcase() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from(
            {"sshPublicKey": ED25519, "orchestration": "scale_set", "autoscale": '{"minCount": 1, "maxCount": 4}'}
        )
    assert caught.value.argument == "azure-multi-vm:autoscale.minCount"
