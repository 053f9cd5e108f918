"""Input validation, without Pulumi: every bad input gets one clear error."""

from __future__ import annotations

from typing import Any

import pytest

from components import validate
from components.spec import DEFAULT_IMAGES, AdminAccess, DiskStorage, OsType, VmPlacement

from ..support.constants import LINUX, OWN_SERVER, WINDOWS
from ..support.keys import ECDSA, ED25519, RSA_1024, RSA_2048, STRONG_PASSWORD
from ..support.validating import rejected

BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    # (case, args, argument the error must name)
    ("one VM", {**LINUX, "vm_count": 1}, "vm_count"),
    ("201 VMs", {**LINUX, "vm_count": 201}, "vm_count"),
    ("VM count as text", {**LINUX, "vm_count": "3"}, "vm_count"),
    ("VM count as bool", {**LINUX, "vm_count": True}, "vm_count"),
    ("unknown OS", {**LINUX, "os_type": "macos"}, "os_type"),
    ("unknown disk storage", {**LINUX, "disk_storage": "ultra"}, "disk_storage"),
    ("malformed VM size", {**LINUX, "vm_size": "Standard D2s"}, "vm_size"),
    ("NAT ports past 65534", {**LINUX, "vm_count": 3, "nat_frontend_port_start": 65533}, "nat_frontend_port_start"),
    ("200 inline NAT ports past 65534", {**LINUX, "nat_frontend_port_start": 65336}, "nat_frontend_port_start"),
    (
        "standalone NAT ports past 65534",
        {**LINUX, "vm_count": 3, "nat_rule_capacity": 0, "nat_frontend_port_start": 65533},
        "nat_frontend_port_start",
    ),
    ("fewer NAT rules than VMs", {**LINUX, "vm_count": 4, "nat_rule_capacity": 3}, "nat_rule_capacity"),
    ("more NAT rules than a load balancer holds", {**LINUX, "nat_rule_capacity": 1500}, "nat_rule_capacity"),
    ("negative NAT rule capacity", {**LINUX, "nat_rule_capacity": -1}, "nat_rule_capacity"),
    ("NAT rule capacity as text", {**LINUX, "nat_rule_capacity": "200"}, "nat_rule_capacity"),
    ("NAT start 0", {**LINUX, "nat_frontend_port_start": 0}, "nat_frontend_port_start"),
    (
        "NAT port collides with LB rule",
        {**LINUX, "lb_rules": [{"frontend_port": 50002, "backend_port": 80}]},
        "lb_rules[0].frontend_port",
    ),
    ("frontend port 0", {**LINUX, "lb_rules": [{"frontend_port": 0, "backend_port": 80}]}, "lb_rules[0].frontend_port"),
    (
        "backend port 65536",
        {**LINUX, "lb_rules": [{"frontend_port": 80, "backend_port": 65536}]},
        "lb_rules[0].backend_port",
    ),
    ("admin port 70000", {**LINUX, "admin_port": 70000}, "admin_port"),
    (
        "LB rule onto the admin port",
        {**LINUX, "lb_rules": [{"frontend_port": 2200, "backend_port": 22}]},
        "lb_rules[0].backend_port",
    ),
    ("duplicate frontend port", {**LINUX, "lb_rules": [(80, 80, "Tcp"), (80, 8080, "Tcp")]}, "lb_rules[1]"),
    ("duplicate backend port", {**LINUX, "lb_rules": [(80, 80, "Tcp"), (8080, 80, "Tcp")]}, "lb_rules[1]"),
    ("LB protocol All", {**LINUX, "lb_rules": [(80, 80, "All")]}, "lb_rules[0].protocol"),
    (
        "LB rule with unknown key",
        {**LINUX, "lb_rules": [{"frontend_port": 80, "backend_port": 80, "port": 1}]},
        "lb_rules[0]",
    ),
    ("no LB rules", {**LINUX, "lb_rules": []}, "lb_rules"),
    ("unknown probe protocol", {**LINUX, "probe": {"protocol": "Icmp"}}, "probe.protocol"),
    ("HTTP probe without path", {**LINUX, "probe": {"protocol": "Http", "port": 80, "path": None}}, "probe.path"),
    ("HTTPS probe with relative path", {**LINUX, "probe": {"protocol": "Https", "path": "health"}}, "probe.path"),
    ("TCP probe with a path", {**LINUX, "probe": {"protocol": "Tcp", "path": "/"}}, "probe.path"),
    ("probe every 4 s", {**LINUX, "probe": {"interval_in_seconds": 4}}, "probe.interval_in_seconds"),
    ("probe port 0", {**LINUX, "probe": {"port": 0}}, "probe.port"),
    ("malformed VNet CIDR", {**LINUX, "vnet_address_space": "10.0.0.0/33"}, "vnet_address_space"),
    ("VNet CIDR with host bits", {**LINUX, "vnet_address_space": "10.0.0.1/16"}, "vnet_address_space"),
    ("VNet without prefix length", {**LINUX, "vnet_address_space": "10.0.0.0"}, "vnet_address_space"),
    (
        "overlapping VNet spaces",
        {**LINUX, "vnet_address_space": ["10.0.0.0/16", "10.0.128.0/17"]},
        "vnet_address_space",
    ),
    ("subnet outside VNet", {**LINUX, "subnet_address_prefix": "10.1.0.0/24"}, "subnet_address_prefix"),
    ("malformed subnet", {**LINUX, "subnet_address_prefix": "10.0.0.0/24x"}, "subnet_address_prefix"),
    ("subnet smaller than /29", {**LINUX, "subnet_address_prefix": "10.0.0.0/30"}, "subnet_address_prefix"),
    (
        "subnet too small for the VMs",
        {**LINUX, "vm_count": 4, "subnet_address_prefix": "10.0.0.0/29"},
        "subnet_address_prefix",
    ),
    ("reserved admin name", {**LINUX, "admin_username": "admin"}, "admin_username"),
    ("reserved admin name, any case", {**LINUX, "admin_username": "Administrator"}, "admin_username"),
    ("Windows admin name of 21 characters", {**WINDOWS, "admin_username": "a" * 21}, "admin_username"),
    ("Windows admin name ending in a dot", {**WINDOWS, "admin_username": "ops."}, "admin_username"),
    ("Linux admin name with a dot", {**LINUX, "admin_username": "ops.admin"}, "admin_username"),
    ("admin name with a space", {**LINUX, "admin_username": "ops admin"}, "admin_username"),
    ("admin name starting with a digit", {**LINUX, "admin_username": "1ops"}, "admin_username"),
    ("Windows password of 11 characters", {**WINDOWS, "admin_password": "Abcdefgh1!x"}, "admin_password"),
    ("Linux password of 5 characters", {**LINUX, "ssh_public_key": None, "admin_password": "Ab1!x"}, "admin_password"),
    ("password of 124 characters", {**WINDOWS, "admin_password": "Aa1!" * 31}, "admin_password"),
    ("password with 2 character classes", {**WINDOWS, "admin_password": "alllowercase123"}, "admin_password"),
    ("common password", {**WINDOWS, "admin_password": "P@ssword123"}, "admin_password"),
    ("Linux without key or password", {"resource_group_name": "rg"}, "ssh_public_key"),
    ("Windows without password", {**WINDOWS, "admin_password": None}, "admin_password"),
    ("malformed SSH key", {**LINUX, "ssh_public_key": "not-a-key"}, "ssh_public_key"),
    ("SSH key with bad base64", {**LINUX, "ssh_public_key": "ssh-ed25519 AAAA!!!"}, "ssh_public_key"),
    ("SSH key type mismatch", {**LINUX, "ssh_public_key": "ssh-rsa " + ED25519.split()[1]}, "ssh_public_key"),
    ("RSA key of 1024 bits", {**LINUX, "ssh_public_key": RSA_1024}, "ssh_public_key"),
    ("ECDSA key (Azure takes RSA and Ed25519)", {**LINUX, "ssh_public_key": ECDSA}, "ssh_public_key"),
    ("admin port open to Internet", {**LINUX, "admin_source_prefixes": ["Internet"]}, "admin_source_prefixes[0]"),
    ("admin port open to *", {**LINUX, "admin_source_prefixes": ["10.0.0.0/8", "*"]}, "admin_source_prefixes[1]"),
    ("admin port open to 0.0.0.0/0", {**LINUX, "admin_source_prefixes": ["0.0.0.0/0"]}, "admin_source_prefixes[0]"),
    ("admin sources as one string", {**LINUX, "admin_source_prefixes": "203.0.113.7/32"}, "admin_source_prefixes"),
    ("malformed app source", {**LINUX, "app_source_prefixes": ["300.1.1.1"]}, "app_source_prefixes[0]"),
    ("duplicate app source", {**LINUX, "app_source_prefixes": ["Internet", "internet"]}, "app_source_prefixes"),
    ("DNS label with upper case", {**LINUX, "dns_label": "MyApp"}, "dns_label"),
    ("DNS label of 2 characters", {**LINUX, "dns_label": "ab"}, "dns_label"),
    ("DNS label ending in a hyphen", {**LINUX, "dns_label": "my-app-"}, "dns_label"),
    ("one fault domain", {**LINUX, "fault_domain_count": 1}, "fault_domain_count"),
    ("four fault domains", {**LINUX, "fault_domain_count": 4}, "fault_domain_count"),
    ("21 update domains", {**LINUX, "update_domain_count": 21}, "update_domain_count"),
    ("malformed image URN", {**LINUX, "image": "Canonical:ubuntu"}, "image"),
    ("image without sku", {**LINUX, "image": {"publisher": "Canonical", "offer": "x", "sku": ""}}, "image.sku"),
    ("custom data over 64 KiB", {**LINUX, "custom_data": "x" * 65536}, "custom_data"),
    ("too many tags", {**LINUX, "tags": {f"t{i}": "v" for i in range(51)}}, "tags"),
    ("misspelt argument", {**LINUX, "vm_cout": 3}, "vm_cout"),
    ("missing resource group", {"ssh_public_key": ED25519}, "resource_group_name"),
    ("no VM at a time", {**LINUX, "max_unavailable": 0}, "max_unavailable"),
    ("more VMs at a time than the set", {**LINUX, "vm_count": 3, "max_unavailable": 4}, "max_unavailable"),
    ("a negative gate rerun", {**LINUX, "readiness_rerun": -1}, "readiness_rerun"),
    ("an image the gate cannot run on", {**LINUX, "image": "Oracle:Oracle-Linux:ol9-arm64-gen2:latest"}, "image"),
    ("a gate rerun that is no number", {**LINUX, "readiness_rerun": "again"}, "readiness_rerun"),
]


@pytest.mark.parametrize(("args", "argument"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_rejected_naming_the_argument(args: dict[str, Any], argument: str) -> None:
    assert rejected(args).argument == argument


@pytest.mark.parametrize("name", ["Web", "1web", "web-", "w", "a" * 25, "web_tier"])
def test_bad_component_name_is_rejected(name: str) -> None:
    assert rejected(LINUX, name=name).argument == "name"


def test_error_message_names_argument_value_and_what_is_allowed() -> None:
    message = str(rejected({**LINUX, "vm_count": 201}))
    assert message == "vm_count: 201 is not allowed; a whole number from 2 to 200"


def test_password_error_never_repeats_the_password() -> None:
    error = rejected({**WINDOWS, "admin_password": "Short1!pass"})
    assert "Short1!pass" not in str(error) and "[secret]" in str(error)


def test_errors_are_value_errors_for_callers_that_catch_those() -> None:
    assert isinstance(rejected({**LINUX, "vm_count": 0}), ValueError)


def test_defaults_describe_the_2016_architecture_on_todays_azure() -> None:
    spec = validate("web", LINUX)
    assert (
        spec.compute.vm_count,
        spec.compute.os_type,
        spec.compute.disk_storage,
        spec.load_balancing.admin_port,
        spec.load_balancing.nat_frontend_port_start,
    ) == (
        2,
        OsType.LINUX,
        DiskStorage.MANAGED,
        22,
        50001,
    )


def test_windows_defaults_to_rdp_and_windows_server_2022() -> None:
    spec = validate("web", WINDOWS)
    assert (spec.load_balancing.admin_port, spec.compute.image) == (3389, DEFAULT_IMAGES[OsType.WINDOWS])


def test_windows_admin_name_may_contain_a_dot() -> None:
    assert validate("web", {**WINDOWS, "admin_username": "ops.admin"}).credentials.admin_username == "ops.admin"


def test_linux_defaults_to_ubuntu_24_04() -> None:
    assert validate("web", LINUX).compute.image.offer == "ubuntu-24_04-lts"


def test_spellings_are_normalised_to_azures() -> None:
    spec = validate(
        "web",
        {**LINUX, "os_type": "Linux", "lb_rules": [(8080, 80, "TCP")], "probe": {"protocol": "https"}, **OWN_SERVER},
    )
    assert (spec.load_balancing.lb_rules[0].protocol, spec.load_balancing.probe.protocol) == ("Tcp", "Https")


def test_lb_rules_accept_tuples_and_dicts_alike() -> None:
    as_tuple = validate("web", {**LINUX, "lb_rules": [(443, 8443, "Tcp")]}).load_balancing.lb_rules
    as_dict = validate(
        "web", {**LINUX, "lb_rules": [{"frontend_port": 443, "backend_port": 8443}]}
    ).load_balancing.lb_rules
    assert as_tuple == as_dict


def test_image_urn_is_accepted() -> None:
    image = validate("web", {**LINUX, "image": "Canonical:ubuntu-24_04-lts:server:latest"}).compute.image
    assert (image.publisher, image.offer, image.sku, image.version) == (
        "Canonical",
        "ubuntu-24_04-lts",
        "server",
        "latest",
    )


def test_tcp_probe_needs_no_path() -> None:
    assert (
        validate("web", {**LINUX, "probe": {"protocol": "Tcp", "port": 22 + 1}, **OWN_SERVER}).load_balancing.probe.path
        is None
    )


def test_rsa_key_of_2048_bits_is_accepted() -> None:
    assert validate("web", {**LINUX, "ssh_public_key": RSA_2048}).credentials.has_ssh_public_key


def test_linux_with_password_only_keeps_password_login() -> None:
    spec = validate("web", {"resource_group_name": "rg", "admin_password": STRONG_PASSWORD})
    assert spec.password_login_enabled


def test_linux_with_key_disables_password_login() -> None:
    assert not validate("web", LINUX).password_login_enabled


def test_linux_key_and_password_keeps_the_key_and_warns() -> None:
    spec = validate("web", {**LINUX, "admin_password": STRONG_PASSWORD})
    assert not spec.credentials.has_admin_password and any("admin_password is ignored" in w for w in spec.warnings)


def test_closed_admin_port_warns_how_to_open_it() -> None:
    assert any("adminSourcePrefixes" in w for w in validate("web", LINUX).warnings)


def test_vhd_warns_that_public_azure_retired_unmanaged_disks() -> None:
    warnings = validate("web", {**LINUX, "disk_storage": "vhd"}).warnings
    assert any("retired" in w and "2026-03-31" in w for w in warnings)


def test_nat_range_may_end_exactly_at_the_last_frontend_port() -> None:
    # The default 200 inline rules: 65335 + 199 = 65534.
    assert validate("web", {**LINUX, "nat_frontend_port_start": 65335}).load_balancing.nat_frontend_port_start == 65335


def test_standalone_nat_range_may_end_exactly_at_the_last_frontend_port() -> None:
    args = {**LINUX, "vm_count": 2, "nat_rule_capacity": 0, "nat_frontend_port_start": 65533}
    assert validate("web", args).load_balancing.nat_frontend_port_start == 65533


def test_the_load_balancer_holds_200_nat_rules_by_default() -> None:
    assert validate("web", LINUX).load_balancing.nat_rule_capacity == 200


def test_nat_rule_capacity_may_equal_vm_count() -> None:
    assert validate("web", {**LINUX, "vm_count": 3, "nat_rule_capacity": 3}).load_balancing.nat_rule_capacity == 3


def test_nat_rules_and_lb_rules_may_fill_a_load_balancer_exactly() -> None:
    # 1,500 rules per load balancer, load-balancing and inbound NAT together.
    args = {**LINUX, "lb_rules": [(80, 80, "Tcp"), (443, 443, "Tcp")], "nat_rule_capacity": 1498}
    assert validate("web", args).load_balancing.nat_rule_capacity == 1498


def test_nat_rules_and_lb_rules_over_a_load_balancers_limit_are_refused() -> None:
    args = {**LINUX, "lb_rules": [(80, 80, "Tcp"), (443, 443, "Tcp")], "nat_rule_capacity": 1499}
    assert "from 0 to 1498" in str(rejected(args))


def test_fewer_nat_rules_than_vms_are_refused_saying_how_many_are_needed() -> None:
    message = str(rejected({**LINUX, "vm_count": 4, "nat_rule_capacity": 3}))
    assert "vm_count=4" in message and "from 4 to 1499" in message


def test_nat_rule_capacity_is_ignored_with_bastion() -> None:
    spec = validate("web", {**LINUX, "admin_access": "bastion", "nat_rule_capacity": 5})
    assert spec.load_balancing.nat_rule_capacity == 0 and any(
        "nat_rule_capacity is ignored" in w for w in spec.warnings
    )


def test_an_lb_rule_inside_the_unused_nat_ports_is_refused() -> None:
    # Rule 150 waits for VM 150: its port stays reserved.
    assert rejected({**LINUX, "lb_rules": [(50150, 80, "Tcp")]}).argument == "lb_rules[0].frontend_port"


def test_two_hundred_vms_fit_a_slash_24() -> None:
    assert validate("web", {**LINUX, "vm_count": 200}).compute.vm_count == 200


def test_outputs_of_other_resources_are_accepted_unchecked() -> None:
    import pulumi

    spec = validate(
        "web", {"resource_group_name": "rg", "os_type": "windows", "admin_password": pulumi.Output.secret("x")}
    )
    assert spec.credentials.has_admin_password


def test_defaults_are_the_article_design_with_platform_patching() -> None:
    spec = validate("web", LINUX)
    assert (
        spec.placement.mode,
        spec.admin_access.mode,
        spec.patching.patch_mode,
        spec.admin_access.bastion,
        spec.monitoring.alert_email,
    ) == (
        VmPlacement.AVAILABILITY_SET,
        AdminAccess.NAT_RULES,
        "AutomaticByPlatform",
        None,
        None,
    )


def test_max_unavailable_defaults_to_half_the_set() -> None:
    assert validate("web", {**LINUX, "vm_count": 6}).rollout.max_unavailable == 3


def test_max_unavailable_error_says_the_set_size_is_the_most() -> None:
    assert "a whole number from 1 to 3" in str(rejected({**LINUX, "vm_count": 3, "max_unavailable": 4}))


def test_max_unavailable_of_the_whole_set_is_allowed() -> None:
    assert validate("web", {**LINUX, "vm_count": 3, "max_unavailable": 3}).rollout.max_unavailable == 3


def test_readiness_rerun_defaults_to_0() -> None:
    assert validate("web", LINUX).rollout.readiness_rerun == 0


def test_an_arm64_ubuntu_image_keeps_its_readiness_gate() -> None:
    image = "Canonical:ubuntu-24_04-lts:server-arm64:latest"
    assert validate("web", {**LINUX, "image": image, "vm_size": "Standard_D2ps_v5"}).compute.image.sku == "server-arm64"
