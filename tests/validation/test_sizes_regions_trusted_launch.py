"""What Azure refuses about sizes, regions and Trusted Launch, refused by `validate` with one error:
Basic and unknown size families, suggestions that name no real size, more fault domains than the
region has, zonal placement where there are no zones, Trusted Launch on generation-1 sizes and images."""

from __future__ import annotations

from typing import Any

import pytest

from components import InvalidArgumentError
from components.catalogs import availability, regions, vm_sizes
from components.validation import validate

from ..support.constants import LINUX, WINDOWS


def rejected(args: dict[str, Any], **options: Any) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        validate("web", {**LINUX, **args}, **options)
    return caught.value


# --- VM sizes ----------------------------------------------------------------------------------


def test_a_name_that_is_no_size_gets_no_suggestion() -> None:
    assert "did you mean" not in str(rejected({"vm_size": "X9"}))


def test_a_size_without_its_prefix_is_told_the_full_name() -> None:
    assert str(rejected({"vm_size": "E4s_v5"})).endswith("did you mean Standard_E4s_v5?")


def test_an_unknown_size_family_is_refused_naming_vm_size() -> None:
    assert rejected({"vm_size": "Standard_X9"}).argument == "vm_size"


def test_a_basic_size_is_refused_because_it_cannot_be_load_balanced() -> None:
    message = str(rejected({"vm_size": "Basic_A2"}))
    assert "LoadBalancingNotSupportedForBasicVm" in message and "Standard_D2s_v5" in message


@pytest.mark.parametrize("size", ["Standard_D2s_v5", "Standard_B2s", "Standard_E16-4as_v5", "Standard_HB120rs_v3"])
def test_sizes_of_known_families_pass(size: str) -> None:
    assert validate("web", {**LINUX, "vm_size": size}).compute.vm_size == size


# --- fault domains and zones, per region ---------------------------------------------------------


def test_three_fault_domains_are_refused_where_the_region_has_two() -> None:
    error = rejected({"location": "uksouth", "fault_domain_count": 3})
    assert (error.argument, error.value) == ("fault_domain_count", 3) and "at most 2 in uksouth" in error.allowed


def test_three_fault_domains_pass_where_the_region_has_three() -> None:
    assert (
        validate("web", {**LINUX, "location": "westeurope", "fault_domain_count": 3}).placement.fault_domain_count == 3
    )


def test_a_region_with_one_fault_domain_refuses_an_availability_set() -> None:
    assert "placement='zones'" in rejected({"location": "centraluseuap"}).allowed


def test_three_fault_domains_in_a_region_the_table_lacks_are_left_to_azure_with_a_warning() -> None:
    spec = validate("web", {**LINUX, "location": "austriaeast", "fault_domain_count": 3})
    assert any("fault_domain_count=3 could not be checked" in w for w in spec.warnings)


def test_the_stacks_default_location_counts_for_the_fault_domain_check() -> None:
    assert rejected({"fault_domain_count": 3}, default_location="uksouth").argument == "fault_domain_count"


def test_zonal_placement_is_refused_in_a_region_without_zones() -> None:
    error = rejected({"location": "westcentralus", "placement": "zones"})
    assert (error.argument, error.value) == ("placement", "zones") and "no availability zones" in error.allowed


def test_zonal_placement_in_a_region_with_zones_passes_without_a_zone_warning() -> None:
    spec = validate("web", {**LINUX, "location": "swedencentral", "placement": "zones"})
    assert not any("placement='zones'" in w for w in spec.warnings)


def test_zonal_placement_in_a_region_the_table_lacks_is_warned_of() -> None:
    spec = validate("web", {**LINUX, "location": "belgiumcentral", "placement": "zones"})
    assert any("placement='zones' could not be checked" in w for w in spec.warnings)


def test_zonal_placement_in_the_resource_groups_region_is_left_to_azure_without_a_warning() -> None:
    assert not any("could not be checked" in w for w in validate("web", {**LINUX, "placement": "zones"}).warnings)


def test_fault_domains_are_not_checked_for_zonal_placement() -> None:
    validate("web", {**LINUX, "location": "swedencentral", "placement": "zones"})  # swedencentral: 3 domains


# --- Trusted Launch ------------------------------------------------------------------------------


def test_trusted_launch_is_on_by_default() -> None:
    assert validate("web", LINUX).compute.trusted_launch is True


def test_trusted_launch_can_be_turned_off() -> None:
    assert validate("web", {**LINUX, "trusted_launch": False}).compute.trusted_launch is False


def test_the_vhd_layout_defaults_to_no_trusted_launch() -> None:
    assert validate("web", {**LINUX, "disk_storage": "vhd"}).compute.trusted_launch is False


def test_a_generation_1_size_with_trusted_launch_is_refused_naming_the_opt_out() -> None:
    error = rejected({"vm_size": "Standard_A2_v2"})
    assert error.argument == "vm_size" and "trusted_launch=false" in error.allowed


def test_a_generation_1_size_passes_with_trusted_launch_off() -> None:
    assert (
        validate("web", {**LINUX, "vm_size": "Standard_D2_v3", "trusted_launch": False}).compute.vm_size
        == "Standard_D2_v3"
    )


def test_a_generation_1_image_with_trusted_launch_is_refused() -> None:
    image = {"publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen1"}
    assert rejected({"image": image}).argument == "image.sku"


def test_trusted_launch_is_true_or_false() -> None:
    assert rejected({"trusted_launch": "yes"}).argument == "trusted_launch"


# --- the catalogs ----------------------------------------------------------------------------------


def test_every_region_of_the_availability_tables_is_an_azure_region() -> None:
    listed = set(availability.MAX_FAULT_DOMAINS) | availability.ZONAL_REGIONS | availability.NON_ZONAL_REGIONS
    assert listed <= regions.AZURE_REGIONS


def test_no_region_both_has_and_lacks_zones() -> None:
    assert availability.ZONAL_REGIONS.isdisjoint(availability.NON_ZONAL_REGIONS)


def test_fault_domain_counts_are_one_to_three() -> None:
    assert set(availability.MAX_FAULT_DOMAINS.values()) <= {1, 2, 3}


@pytest.mark.parametrize(
    ("size", "family"),
    [("Standard_D2s_v5", "D"), ("Standard_DC2as_v5", "DC"), ("Standard_NC24ads_A100_v4", "NC"), ("Standard_X9", None)],
)
def test_the_size_family_is_the_letters_before_the_vcpu_count(size: str, family: str | None) -> None:
    assert vm_sizes.size_family(size) == family


@pytest.mark.parametrize(
    "size", ["Standard_A1_v2", "Standard_D4_v2", "Standard_D2_v3", "Standard_E8_v3", "Standard_NC6"]
)
def test_generation_1_only_sizes_cannot_take_trusted_launch(size: str) -> None:
    assert not vm_sizes.takes_trusted_launch(size)


@pytest.mark.parametrize(
    "size", ["Standard_D2s_v5", "Standard_DS2_v2", "Standard_D2s_v3", "Standard_B2s", "Standard_NC6s_v3"]
)
def test_generation_2_sizes_take_trusted_launch(size: str) -> None:
    assert vm_sizes.takes_trusted_launch(size)


def image_warnings(image: str, **args: Any) -> list[str]:
    return [w for w in validate("web", {**LINUX, "image": image, **args}).warnings if w.startswith("image ")]


def test_an_image_whose_sku_does_not_name_its_generation_is_warned_of() -> None:
    [warning] = image_warnings("Contoso:web-appliance:standard:latest")
    assert "hyperVGeneration" in warning and "trusted_launch=false" in warning


@pytest.mark.parametrize(
    "image",
    [
        "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest",
        "MicrosoftWindowsServer:WindowsServer:2019-datacenter-gensecond:latest",
        "Canonical:ubuntu-24_04-lts:server:latest",
    ],
    ids=["gen2 suffix", "gensecond", "the default image"],
)
def test_an_image_known_to_be_generation_2_is_not_warned_of(image: str) -> None:
    os_type = {"os_type": "windows", **WINDOWS} if image.startswith("MicrosoftWindows") else {}
    assert image_warnings(image, **os_type) == []


def test_an_image_is_not_warned_of_without_trusted_launch() -> None:
    assert image_warnings("Canonical:0001-com-ubuntu-server-jammy:22_04-lts:latest", trusted_launch=False) == []
