"""What passes each argument's own check but cannot work once deployed, refused by `validate` with
one error naming the argument: sizes Azure does not have or retired, a size and an image that
cannot run together, a probe the default server never answers, more rules than Azure programs, a
region or service tag of another cloud, tag names Azure takes for one, a password with control
characters, and plain values of the wrong Python type."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from components import InvalidArgumentError, validate
from components.validation.feasibility import (
    MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND,
    MAX_RULES_PER_NIC,
    check_known_size,
    text_value,
)

from ..support.constants import LINUX, OWN_SERVER, WINDOWS
from ..support.keys import ED25519


def rejected(args: dict[str, Any], **options: Any) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        validate("web", {**LINUX, **args}, **options)
    return caught.value


def rules(count: int) -> list[tuple[int, int, str]]:
    """`count` load-balancing rules on distinct ports clear of the NAT range and the admin port."""
    return [(1000 + i, 1000 + i, "Tcp") for i in range(count)]


# --- VM sizes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["Standard_D2s_v9", "Standard_D3s_v5", "Standard_F3s_v2", "Standard_M1ms"])
def test_a_size_azure_does_not_have_is_refused_naming_vm_size(size: str) -> None:
    error = rejected({"vm_size": size})
    assert (error.argument, error.value) == ("vm_size", size)


def test_a_misspelt_size_is_told_the_size_it_resembles() -> None:
    assert str(rejected({"vm_size": "Standard_D2sv5"})).endswith("did you mean Standard_D2s_v5?")


@pytest.mark.parametrize("size", ["Standard_A0", "Standard_NC6", "Standard_HB60rs", "Standard_NC6s_v3"])
def test_a_retired_size_is_refused_with_its_retirement_date(size: str) -> None:
    assert "was retired on 20" in rejected({"vm_size": size}).allowed


def test_a_size_is_accepted_before_its_series_retires() -> None:
    check_known_size("Standard_NV12s_v3", today=datetime.date(2026, 9, 29))  # raises if refused


def test_a_constrained_vcpu_size_of_a_known_size_is_accepted() -> None:
    assert validate("web", {**LINUX, "vm_size": "Standard_E8-2s_v5"}).compute.vm_size == "Standard_E8-2s_v5"


def test_an_arm64_size_with_the_default_x64_image_is_refused_naming_vm_size() -> None:
    assert "Arm64 size" in rejected({"vm_size": "Standard_D2ps_v5"}).allowed


def test_an_arm64_image_on_an_x64_size_is_refused_naming_vm_size() -> None:
    error = rejected({"image": "Canonical:ubuntu-24_04-lts:server-arm64:latest"})
    assert (error.argument, "Arm64 image" in error.allowed) == ("vm_size", True)


def test_an_arm64_size_with_an_arm64_image_is_accepted() -> None:
    args = {**LINUX, "vm_size": "Standard_D2ps_v5", "image": "Canonical:ubuntu-24_04-lts:server-arm64:latest"}
    assert validate("web", args).compute.vm_size == "Standard_D2ps_v5"


def test_b1ls_is_refused_for_windows() -> None:
    with pytest.raises(InvalidArgumentError, match="runs Linux only"):
        validate("web", {**WINDOWS, "vm_size": "Standard_B1ls"})


def test_b1ls_is_accepted_for_linux() -> None:
    assert validate("web", {**LINUX, "vm_size": "Standard_B1ls"}).compute.vm_size == "Standard_B1ls"


def test_a_generation_1_ubuntu_image_with_trusted_launch_is_refused_naming_its_generation_2_sku() -> None:
    error = rejected({"image": "Canonical:UbuntuServer:18.04-LTS:latest"})
    assert (error.argument, "'18_04-lts-gen2'" in error.allowed) == ("image", True)


def test_a_generation_1_windows_image_with_trusted_launch_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="2019-datacenter-gensecond"):
        validate("web", {**WINDOWS, "image": "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest"})


def test_a_generation_1_image_without_trusted_launch_is_accepted() -> None:
    args = {**LINUX, "image": "Canonical:UbuntuServer:18.04-LTS:latest", "trusted_launch": False}
    assert validate("web", args).compute.trusted_launch is False


def test_a_windows_image_on_linux_vms_is_refused_naming_image() -> None:
    error = rejected({"image": "MicrosoftWindowsServer:WindowsServer:2022-datacenter-g2:latest"})
    assert (error.argument, "os_type='windows'" in error.allowed) == ("image", True)


# --- the probe and the default server -------------------------------------------------------------


def test_a_probe_on_a_port_the_default_server_does_not_serve_is_refused_naming_probe_port() -> None:
    error = rejected({"probe": {"protocol": "Tcp", "port": 8080}})
    assert (error.argument, error.value) == ("probe.port", 8080)


def test_a_probe_on_any_port_is_accepted_with_custom_data() -> None:
    spec = validate("web", {**LINUX, **OWN_SERVER, "probe": {"protocol": "Tcp", "port": 8080}})
    assert spec.load_balancing.probe.port == 8080


def test_an_https_probe_of_the_default_server_is_refused_naming_probe_protocol() -> None:
    assert rejected({"probe": {"protocol": "Https", "port": 80}}).argument == "probe.protocol"


def test_a_probe_interval_past_a_32_bit_integer_is_refused() -> None:
    error = rejected({**OWN_SERVER, "probe": {"protocol": "Tcp", "port": 80, "interval_in_seconds": 2**31}})
    assert error.argument == "probe.interval_in_seconds"


# --- load-balancer limits -------------------------------------------------------------------------


def test_more_rules_than_a_nic_takes_are_refused_naming_lb_rules() -> None:
    # The NIC's NAT rule and the outbound rule count too: 298 load-balancing rules fill it.
    assert rejected({**OWN_SERVER, "lb_rules": rules(MAX_RULES_PER_NIC - 1)}).argument == "lb_rules"


def test_a_nic_full_to_its_300_rules_is_accepted() -> None:
    spec = validate("web", {**LINUX, **OWN_SERVER, "lb_rules": rules(MAX_RULES_PER_NIC - 2)})
    assert len(spec.load_balancing.lb_rules) == MAX_RULES_PER_NIC - 2


def test_more_backend_ip_configurations_than_a_frontend_takes_are_refused_naming_vm_count() -> None:
    # 200 VMs x (50 rules + outbound + NAT) = 10,400.
    error = rejected({**OWN_SERVER, "vm_count": 200, "lb_rules": rules(50)})
    assert (error.argument, f"{MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND:,}" in error.allowed) == ("vm_count", True)


def test_the_largest_zonal_set_fits_a_load_balancer_s_backend() -> None:
    spec = validate("web", {**LINUX, "vm_count": 200, "placement": "zones", "location": "westeurope"})
    assert spec.compute.vm_count == 200


# --- credentials and tags -------------------------------------------------------------------------


@pytest.mark.parametrize("control", ["\n", "\t", "\x00", "\x1b"], ids=["line break", "tab", "NUL", "escape"])
def test_a_password_with_a_control_character_is_refused(control: str) -> None:
    assert rejected({"ssh_public_key": None, "admin_password": f"Correct-Horse{control}42"}).secret


def test_a_refused_password_is_never_shown() -> None:
    assert "Horse" not in str(rejected({"ssh_public_key": None, "admin_password": "Correct-Horse\n42"}))


def test_tag_names_that_differ_only_in_case_are_refused_naming_tags() -> None:
    assert rejected({"tags": {"Env": "test", "env": "prod"}}).argument == "tags"


# --- clouds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["usgovvirginia", "usnateast", "chinanorth3"])
def test_a_region_of_another_cloud_is_refused_naming_location(region: str) -> None:
    assert rejected({"location": region}, cloud="public").argument == "location"


def test_a_region_of_the_provider_s_cloud_is_accepted() -> None:
    assert validate("web", {**LINUX, "location": "usgovvirginia"}, cloud="usgovernment").location == "usgovvirginia"


def test_a_region_is_not_checked_against_an_unknown_cloud() -> None:
    assert validate("web", {**LINUX, "location": "chinanorth3"}, cloud=None).location == "chinanorth3"


def test_a_service_tag_of_another_cloud_is_refused_naming_its_entry() -> None:
    error = rejected({"app_source_prefixes": ["Internet", "AzureCloud.usgovvirginia"]}, cloud="public")
    assert error.argument == "app_source_prefixes[1]"


def test_a_service_tag_of_the_provider_s_cloud_is_accepted() -> None:
    spec = validate("web", {**LINUX, "app_source_prefixes": ["Storage.WestEurope"]}, cloud="public")
    assert spec.sources.app_source_prefixes == ("Storage.WestEurope",)


# --- Python types ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "value"),
    [("custom_data", b"#cloud-config\n"), ("custom_data", 42), ("ssh_public_key", ED25519.encode())],
    ids=["custom_data bytes", "custom_data int", "ssh_public_key bytes"],
)
def test_a_text_argument_of_another_type_is_refused_naming_it(argument: str, value: object) -> None:
    assert rejected({argument: value}).argument == argument


def test_a_password_of_another_type_is_refused_without_showing_it() -> None:
    assert rejected({"ssh_public_key": None, "admin_password": 123456789012}).secret


def test_an_output_that_resolves_to_nothing_is_refused_as_missing() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        text_value("ssh_public_key", None)
    assert (caught.value.argument, caught.value.required) == ("ssh_public_key", True)


def test_a_long_value_is_shown_abbreviated() -> None:
    assert len(str(rejected({"custom_data": b"x" * 6000}))) < 400
