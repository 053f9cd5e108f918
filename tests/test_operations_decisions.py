"""Production operations, without Pulumi: validation of the new arguments and config keys, and
the pure decisions (zones, patch settings, the Bastion subnet, alert rules, names)."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

import pytest

from components import InvalidArgumentError, validate
from components.bastion import default_bastion_subnet_prefix
from components.monitoring import LOAD_BALANCER_ALERTS, LOAD_BALANCER_LOG_CATEGORIES
from components.naming import MAX_ACTION_GROUP_SHORT_NAME, ResourceNames
from components.patching import patch_settings, supports_platform_patching
from components.security_rules import inbound_security_rules
from components.spec import DEFAULT_IMAGES, AdminAccess, Image, OsType, VmPlacement
from components.stack_config import read_stack_settings
from components.zones import frontend_zones, vm_zone

from .support.keys import ED25519, STRONG_PASSWORD

NS = "azure-multi-vm"
LINUX = {"resource_group_name": "rg", "ssh_public_key": ED25519}
WINDOWS = {"resource_group_name": "rg", "os_type": "windows", "admin_password": STRONG_PASSWORD}
WORKSPACE = (
    "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/ops"
    "/providers/Microsoft.OperationalInsights/workspaces/ops-logs"
)
HUB_BASTION_SUBNET = (
    "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/hub"
    "/providers/Microsoft.Network/virtualNetworks/hub-vnet/subnets/AzureBastionSubnet"
)
BYO_SUBNET = (
    "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/spoke"
    "/providers/Microsoft.Network/virtualNetworks/spoke-vnet/subnets/web"
)
BASTION = {**LINUX, "admin_access": "bastion"}
ZONES = {**LINUX, "placement": "zones"}


def rejected(args: dict[str, Any]) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        validate("web", args)
    return caught.value


BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    ("unknown placement", {**LINUX, "placement": "regional"}, "placement"),
    ("zone 4", {**ZONES, "zones": ["1", "4"]}, "zones"),
    ("zone 0", {**ZONES, "zones": [0]}, "zones"),
    ("zone as a word", {**ZONES, "zones": ["one"]}, "zones"),
    ("zone twice", {**ZONES, "zones": ["1", "1"]}, "zones"),
    ("no zones", {**ZONES, "zones": []}, "zones"),
    ("zones as one string", {**ZONES, "zones": "1"}, "zones"),
    ("zones without placement zones", {**LINUX, "zones": ["1", "2"]}, "zones"),
    ("zones with VHD disks", {**ZONES, "disk_storage": "vhd"}, "placement"),
    ("unknown admin access", {**LINUX, "admin_access": "jumpbox"}, "admin_access"),
    (
        "Bastion subnet /27",
        {**BASTION, "bastion_subnet_address_prefix": "10.0.1.0/27"},
        "bastion_subnet_address_prefix",
    ),
    (
        "Bastion subnet over the VM subnet",
        {**BASTION, "bastion_subnet_address_prefix": "10.0.0.0/26"},
        "bastion_subnet_address_prefix",
    ),
    (
        "Bastion subnet outside the VNet",
        {**BASTION, "bastion_subnet_address_prefix": "10.9.0.0/26"},
        "bastion_subnet_address_prefix",
    ),
    (
        "Bastion subnet not a CIDR",
        {**BASTION, "bastion_subnet_address_prefix": "10.0.1.0"},
        "bastion_subnet_address_prefix",
    ),
    (
        "no room for a Bastion subnet",
        {**BASTION, "vnet_address_space": "10.0.0.0/24", "subnet_address_prefix": "10.0.0.0/24"},
        "vnet_address_space",
    ),
    (
        "given Bastion subnet not named AzureBastionSubnet",
        {**BASTION, "bastion_subnet_id": BYO_SUBNET, "bastion_subnet_address_prefix": "10.100.0.0/26"},
        "bastion_subnet_id",
    ),
    ("given Bastion subnet not an ARM ID", {**BASTION, "bastion_subnet_id": "AzureBastionSubnet"}, "bastion_subnet_id"),
    (
        "given Bastion subnet without its prefix",
        {**BASTION, "bastion_subnet_id": HUB_BASTION_SUBNET},
        "bastion_subnet_address_prefix",
    ),
    ("Bastion subnet with NAT rules", {**LINUX, "bastion_subnet_id": HUB_BASTION_SUBNET}, "bastion_subnet_id"),
    (
        "Bastion prefix with NAT rules",
        {**LINUX, "bastion_subnet_address_prefix": "10.0.1.0/26"},
        "bastion_subnet_address_prefix",
    ),
    ("e-mail without @", {**LINUX, "alert_email": "ops.example.com"}, "alert_email"),
    ("e-mail without a domain dot", {**LINUX, "alert_email": "ops@localhost"}, "alert_email"),
    ("e-mail with a space", {**LINUX, "alert_email": "ops team@example.com"}, "alert_email"),
    ("two e-mail addresses", {**LINUX, "alert_email": "a@example.com,b@example.com"}, "alert_email"),
    ("e-mail with two dots", {**LINUX, "alert_email": "ops..team@example.com"}, "alert_email"),
    ("workspace name, not ID", {**LINUX, "log_analytics_workspace_id": "ops-logs"}, "log_analytics_workspace_id"),
    (
        "storage account ID as workspace",
        {
            **LINUX,
            "log_analytics_workspace_id": WORKSPACE.replace(
                "OperationalInsights/workspaces", "Storage/storageAccounts"
            ),
        },
        "log_analytics_workspace_id",
    ),
    (
        "workspace ID without subscription GUID",
        {**LINUX, "log_analytics_workspace_id": WORKSPACE.replace("00000000-1111-2222-3333-444444444444", "mysub")},
        "log_analytics_workspace_id",
    ),
    ("Linux patch mode AutomaticByOS", {**LINUX, "patch_mode": "AutomaticByOS"}, "patch_mode"),
    ("Linux patch mode Manual", {**LINUX, "patch_mode": "Manual"}, "patch_mode"),
    ("Windows patch mode ImageDefault", {**WINDOWS, "patch_mode": "ImageDefault"}, "patch_mode"),
    ("unknown patch mode", {**LINUX, "patch_mode": "Sometimes"}, "patch_mode"),
]


@pytest.mark.parametrize(("case", "args", "argument"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_operations_input_names_the_argument(case: str, args: dict[str, Any], argument: str) -> None:
    assert rejected(args).argument == argument


def test_bad_zone_message_says_what_is_allowed() -> None:
    assert (
        str(rejected({**ZONES, "zones": ["4"]}))
        == "zones: ['4'] is not allowed; a non-empty list of distinct availability zones from 1, 2, 3; "
        "zones[0] = '4' is not one"
    )


def test_bad_workspace_message_shows_the_expected_id_shape() -> None:
    assert "Microsoft.OperationalInsights/workspaces" in rejected({**LINUX, "log_analytics_workspace_id": "x"}).allowed


# --- the bring-your-own subnet rule (`subnet_id`) ------------------------------------------


def test_bastion_with_own_subnet_and_no_bastion_subnet_is_rejected() -> None:
    assert rejected({**BASTION, "subnet_id": BYO_SUBNET}).argument == "bastion_subnet_id"


def test_bastion_with_own_subnet_and_given_bastion_subnet_is_accepted() -> None:
    spec = validate(
        "web",
        {
            **BASTION,
            "subnet_id": BYO_SUBNET,
            "bastion_subnet_id": HUB_BASTION_SUBNET,
            "bastion_subnet_address_prefix": "10.100.0.0/26",
        },
    )
    assert spec.bastion is not None
    assert (spec.bastion.given, spec.bastion.address_prefix) == (True, "10.100.0.0/26")


def test_a_given_bastion_subnet_must_not_overlap_a_given_vm_subnet() -> None:
    args = {
        **BASTION,
        "subnet_id": BYO_SUBNET,
        "subnet_address_prefix": "10.100.0.0/24",
        "bastion_subnet_id": HUB_BASTION_SUBNET,
        "bastion_subnet_address_prefix": "10.100.0.0/26",
    }
    assert rejected(args).argument == "bastion_subnet_address_prefix"


# --- accepted values ------------------------------------------------------------------------------


def test_zones_default_to_all_three() -> None:
    assert validate("web", ZONES).zones == ("1", "2", "3")


def test_zones_accept_numbers_and_keep_the_given_order() -> None:
    assert validate("web", {**ZONES, "zones": [3, "1"]}).zones == ("3", "1")


def test_placement_and_admin_access_are_case_insensitive() -> None:
    spec = validate("web", {**LINUX, "placement": "Zones", "admin_access": "Bastion"})
    assert (spec.placement, spec.admin_access) == (VmPlacement.ZONES, AdminAccess.BASTION)


def test_defaults_are_the_article_design_with_platform_patching() -> None:
    spec = validate("web", LINUX)
    assert (spec.placement, spec.admin_access, spec.patching.patch_mode, spec.bastion, spec.alert_email) == (
        VmPlacement.AVAILABILITY_SET,
        AdminAccess.NAT_RULES,
        "AutomaticByPlatform",
        None,
        None,
    )


def test_workspace_id_provider_is_case_insensitive() -> None:
    lower = WORKSPACE.replace("Microsoft.OperationalInsights", "microsoft.operationalinsights")
    assert validate("web", {**LINUX, "log_analytics_workspace_id": lower}).log_analytics_workspace_id == lower


def test_alert_email_is_kept() -> None:
    assert validate("web", {**LINUX, "alert_email": " ops+lb@example.co.uk "}).alert_email == "ops+lb@example.co.uk"


def test_one_zone_is_warned_of() -> None:
    assert any("99.99%" in w for w in validate("web", {**ZONES, "zones": ["2"]}).warnings)


def test_fault_domains_are_ignored_with_zones_and_warned_of() -> None:
    assert any(
        w.startswith("fault_domain_count is ignored")
        for w in validate("web", {**ZONES, "fault_domain_count": 3}).warnings
    )


def test_bastion_ignores_admin_sources_and_warns() -> None:
    spec = validate("web", {**BASTION, "admin_source_prefixes": ["203.0.113.7/32"]})
    assert spec.admin_rule_sources == ("10.0.1.0/26",) and any(
        "admin_source_prefixes is ignored" in w for w in spec.warnings
    )


def test_bastion_does_not_warn_that_the_admin_port_is_closed() -> None:
    assert not any("admin port 22 is closed" in w for w in validate("web", BASTION).warnings)


def test_bastion_frees_the_nat_port_range_for_lb_rules() -> None:
    spec = validate("web", {**BASTION, "lb_rules": [{"frontend_port": 50001, "backend_port": 80}]})
    assert spec.lb_rules[0].frontend_port == 50001


def test_bastion_still_refuses_an_lb_rule_onto_the_admin_port() -> None:
    assert (
        rejected({**BASTION, "lb_rules": [{"frontend_port": 2222, "backend_port": 22}]}).argument
        == "lb_rules[0].backend_port"
    )


def test_given_bastion_subnet_may_lie_outside_the_vnet() -> None:
    spec = validate(
        "web", {**BASTION, "bastion_subnet_id": HUB_BASTION_SUBNET, "bastion_subnet_address_prefix": "10.100.0.0/26"}
    )
    assert spec.bastion is not None and (spec.bastion.given, spec.bastion.address_prefix) == (True, "10.100.0.0/26")


# --- zones ----------------------------------------------------------------------------------------


def test_vms_go_round_robin_over_the_zones() -> None:
    assert [vm_zone(("1", "2", "3"), i) for i in range(5)] == ["1", "2", "3", "1", "2"]


def test_a_vm_zone_depends_only_on_its_index() -> None:
    assert vm_zone(("2", "3"), 4) == vm_zone(("2", "3"), 4) == "2"


def test_frontend_is_zone_redundant_only_with_zones() -> None:
    assert (frontend_zones(validate("web", ZONES)), frontend_zones(validate("web", LINUX))) == (["1", "2", "3"], None)


# --- patching -------------------------------------------------------------------------------------


@pytest.mark.parametrize("os_type", list(OsType))
def test_default_images_support_platform_patching(os_type: OsType) -> None:
    assert supports_platform_patching(DEFAULT_IMAGES[os_type])


def test_windows_platform_patching_keeps_automatic_updates_on() -> None:
    settings = validate("web", WINDOWS).patching
    assert (settings.patch_mode, settings.assessment_mode, settings.enable_automatic_updates) == (
        "AutomaticByPlatform",
        "AutomaticByPlatform",
        True,
    )


@pytest.mark.parametrize(
    ("os_type", "requested", "expected"),
    [
        (OsType.LINUX, "imagedefault", ("ImageDefault", "ImageDefault", None)),
        (OsType.WINDOWS, "AutomaticByOS", ("AutomaticByOS", "ImageDefault", True)),
        (OsType.WINDOWS, "manual", ("Manual", "ImageDefault", False)),
        (OsType.LINUX, "AutomaticByPlatform", ("AutomaticByPlatform", "AutomaticByPlatform", None)),
    ],
)
def test_patch_mode_opt_outs(os_type: OsType, requested: str, expected: tuple[str, str, bool | None]) -> None:
    settings = patch_settings(os_type, DEFAULT_IMAGES[os_type], requested, [])
    assert (settings.patch_mode, settings.assessment_mode, settings.enable_automatic_updates) == expected


def test_unsupported_image_falls_back_to_the_os_default_with_a_warning() -> None:
    warnings: list[str] = []
    settings = patch_settings(OsType.LINUX, Image("Debian", "debian-12", "12", "latest"), None, warnings)
    assert settings.patch_mode == "ImageDefault" and "Debian:debian-12:12" in warnings[0]


def test_windows_manual_warns_that_vms_are_replaced() -> None:
    warnings: list[str] = []
    patch_settings(OsType.WINDOWS, DEFAULT_IMAGES[OsType.WINDOWS], "Manual", warnings)
    assert "replaced" in warnings[0]


# --- the Bastion subnet and the NSG ---------------------------------------------------------------


def test_default_bastion_subnet_is_the_first_free_slash_26() -> None:
    spaces = (ipaddress.IPv4Network("10.0.0.0/16"),)
    assert str(default_bastion_subnet_prefix(spaces, ipaddress.IPv4Network("10.0.0.0/24"))) == "10.0.1.0/26"


def test_default_bastion_subnet_uses_a_second_address_space() -> None:
    spaces = (ipaddress.IPv4Network("10.0.0.0/24"), ipaddress.IPv4Network("10.1.0.0/24"))
    assert str(default_bastion_subnet_prefix(spaces, ipaddress.IPv4Network("10.0.0.0/24"))) == "10.1.0.0/26"


def test_nsg_admits_the_admin_port_only_from_the_bastion_subnet() -> None:
    spec = validate("web", {**BASTION, "admin_source_prefixes": ["203.0.113.7/32"]})
    admin = [r for r in inbound_security_rules(spec) if r.destination_port_ranges == ("22",)]
    assert [(r.source_address_prefix, r.access) for r in admin] == [("10.0.1.0/26", "Allow")]


# --- monitoring decisions and names ---------------------------------------------------------------


def test_alerts_watch_health_probe_and_data_path_below_100_percent() -> None:
    assert [(a.metric, a.threshold, a.window_size) for a in LOAD_BALANCER_ALERTS] == [
        ("DipAvailability", 100.0, "PT5M"),
        ("VipAvailability", 100.0, "PT5M"),
    ]


def test_health_probe_alert_names_the_vm_that_dropped_out() -> None:
    assert LOAD_BALANCER_ALERTS[0].split_by == "BackendIPAddress"


def test_load_balancer_log_category_is_the_health_event_log() -> None:
    assert LOAD_BALANCER_LOG_CATEGORIES == ("LoadBalancerHealthEvent",)


@pytest.mark.parametrize("base", ["web", "a-very-long-component-name"])
def test_action_group_short_name_fits_azure_limit(base: str) -> None:
    short = ResourceNames(base).action_group_short_name
    assert 1 <= len(short) <= MAX_ACTION_GROUP_SHORT_NAME and not short.endswith("-")


# --- stack config keys ----------------------------------------------------------------------------


def settings_from(config: dict[str, Any]) -> Any:
    text = {key: value if isinstance(value, str) else json.dumps(value) for key, value in config.items()}
    return read_stack_settings(text.get)


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ({"placement": "regional"}, f"{NS}:placement"),
        ({"placement": "zones", "zones": ["1", "5"]}, f"{NS}:zones"),
        ({"placement": "zones", "diskStorage": "vhd"}, f"{NS}:placement"),
        ({"adminAccess": "vpn"}, f"{NS}:adminAccess"),
        ({"adminAccess": "bastion", "bastionSubnetAddressPrefix": "10.0.1.0/28"}, f"{NS}:bastionSubnetAddressPrefix"),
        ({"adminAccess": "bastion", "bastionSubnetId": "hub"}, f"{NS}:bastionSubnetId"),
        ({"alertEmail": "ops"}, f"{NS}:alertEmail"),
        ({"logAnalyticsWorkspaceId": "ops-logs"}, f"{NS}:logAnalyticsWorkspaceId"),
        ({"patchMode": "Manual"}, f"{NS}:patchMode"),
    ],
)
def test_operations_config_errors_name_the_config_key(config: dict[str, Any], key: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from({"sshPublicKey": ED25519, **config})
    assert caught.value.argument == key


def test_bastion_config_with_own_subnet_needs_a_bastion_subnet() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from({"sshPublicKey": ED25519, "adminAccess": "bastion", "subnetId": BYO_SUBNET})
    assert caught.value.argument == f"{NS}:bastionSubnetId"


def test_operations_config_keys_reach_the_spec() -> None:
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
        spec.zones,
        spec.admin_access,
        spec.patching.patch_mode,
        spec.alert_email,
        spec.log_analytics_workspace_id,
    ) == (
        ("1", "2"),
        AdminAccess.BASTION,
        "ImageDefault",
        "ops@example.com",
        WORKSPACE,
    )


def test_zones_config_accepts_a_json_list_of_numbers() -> None:
    assert settings_from({"sshPublicKey": ED25519, "placement": "zones", "zones": [1, 3]}).spec.zones == ("1", "3")
