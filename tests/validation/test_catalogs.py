"""What Azure refuses by name or range, refused by `validate` naming the argument (the cases are
in support/catalog_cases.py), the valid neighbours accepted, and the catalogs behind them."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

import pulumi
import pytest

from components import InvalidArgumentError, validate
from components.catalogs import regions, resource_tags, service_tags

from ..support.catalog_cases import CASES, IDS, LONG_STORAGE_TAG_NAME
from ..support.constants import LINUX


def rejected(args: dict[str, Any]) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        validate("web", {**LINUX, **args})
    return caught.value


@pytest.mark.parametrize(("args", "argument"), [(c[1], c[2]) for c in CASES], ids=IDS)
def test_validation_refuses_naming_the_argument(args: dict[str, Any], argument: str) -> None:
    assert rejected(args).argument == argument


def test_a_vm_size_without_its_family_is_told_the_full_name() -> None:
    assert "did you mean Standard_D2s_v5?" in str(rejected({"vm_size": "D2s_v5"}))


def test_a_misspelt_region_is_told_the_nearest_one() -> None:
    assert str(rejected({"location": "westeurop"})).endswith("did you mean westeurope?")


def test_a_misspelt_service_tag_is_told_the_nearest_one() -> None:
    assert str(rejected({"app_source_prefixes": ["Internett"]})).endswith("did you mean Internet?")


def test_a_reserved_range_is_named_with_its_purpose() -> None:
    assert "169.254.0.0/16 (link-local)" in str(rejected({"vnet_address_space": "169.254.0.0/16"}))


def test_a_long_tag_name_names_the_resource_type_that_limits_it() -> None:
    message = str(rejected({"tags": {"n" * 200: "x"}}))
    assert "at most 128 characters" in message and "Microsoft.Storage/storageAccounts" in message


def test_tags_past_2048_characters_name_the_vms() -> None:
    assert "Microsoft.Compute/virtualMachines" in str(rejected({"tags": {f"t{i}": "v" * 250 for i in range(9)}}))


def test_a_reserved_range_as_a_brought_subnet_prefix_is_refused() -> None:
    subnet_id = (
        "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/net/providers/"
        "Microsoft.Network/virtualNetworks/hub/subnets/web"
    )
    error = rejected({"subnet_id": subnet_id, "subnet_address_prefix": "169.254.1.0/24"})
    assert error.argument == "subnet_address_prefix"


@pytest.mark.parametrize(
    ("args", "field", "expected"),
    [
        ({"vm_size": "Standard_B2s"}, "compute.vm_size", "Standard_B2s"),
        ({"vm_size": "Standard_DC2as_v5"}, "compute.vm_size", "Standard_DC2as_v5"),
        ({"vm_size": "standard_nc24ads_a100_v4"}, "compute.vm_size", "standard_nc24ads_a100_v4"),
        ({"location": "northeurope"}, "location", "northeurope"),
        ({"location": "West Europe"}, "location", "westeurope"),
        ({"location": "usgovvirginia"}, "location", "usgovvirginia"),
        ({"location": "chinanorth3"}, "location", "chinanorth3"),
        ({"app_source_prefixes": ["AzureFrontDoor.Backend"]}, "sources.app_source_prefixes",
         ("AzureFrontDoor.Backend",)),
        ({"app_source_prefixes": ["Storage.WestEurope"]}, "sources.app_source_prefixes", ("Storage.WestEurope",)),
        ({"app_source_prefixes": ["AzureCloud.germanywc"]}, "sources.app_source_prefixes", ("AzureCloud.germanywc",)),
        ({"app_source_prefixes": ["internet"]}, "sources.app_source_prefixes", ("Internet",)),
        ({"app_source_prefixes": ["168.63.129.16"]}, "sources.app_source_prefixes", ("168.63.129.16/32",)),
        ({"admin_source_prefixes": ["169.254.0.0/16"]}, "sources.admin_source_prefixes", ("169.254.0.0/16",)),
        ({"vnet_address_space": "172.16.0.0/12", "subnet_address_prefix": "172.16.0.0/24"},
         "network.subnet_address_prefix", "172.16.0.0/24"),
    ],
)  # fmt: skip
def test_valid_neighbours_pass(args: dict[str, Any], field: str, expected: object) -> None:
    assert attrgetter(field)(validate("web", {**LINUX, **args})) == expected


@pytest.mark.parametrize(
    "tags",
    [
        {LONG_STORAGE_TAG_NAME: "x"},
        {"env": "v" * 256},
        {f"t{i}": "v" for i in range(50)},
        {"owners": '["alice", "bob"]'},  # a list kept as one JSON string
    ],
    ids=["128-character name", "256-character value", "50 tags", "JSON string value"],
)
def test_tags_within_every_limit_pass(tags: dict[str, str]) -> None:
    validate("web", {**LINUX, "tags": tags})


def test_a_location_given_by_another_resource_is_left_to_azure() -> None:
    assert validate("web", {**LINUX, "location": pulumi.Output.from_input("westeurope")}).location is None


# --- the catalogs ------------------------------------------------------------------------------


def test_the_region_catalog_holds_public_and_sovereign_clouds() -> None:
    assert {"westeurope", "swedencentral", "usgovvirginia", "usdodeast", "chinaeast2"} <= regions.AZURE_REGIONS


def test_every_regional_service_tag_is_a_service_tag() -> None:
    assert service_tags.REGIONAL_SERVICE_TAGS <= service_tags.SERVICE_TAGS


def test_the_strictest_tag_name_limit_comes_from_storage_accounts() -> None:
    assert resource_tags.strictest("max_name_length") == resource_tags.Limit(128, "Microsoft.Storage/storageAccounts")


def test_the_tag_count_limit_is_the_same_for_every_type() -> None:
    assert resource_tags.strictest("max_tags") == resource_tags.Limit(50, "every resource type")


@pytest.mark.parametrize(
    ("environment", "cloud"),
    [(None, "public"), ("public", "public"), ("AzureUSGovernment", "usgovernment"), ("china", "china")],
)
def test_the_provider_s_environment_names_its_cloud(environment: str | None, cloud: str) -> None:
    assert regions.cloud_named(environment) == cloud


def test_an_environment_not_known_here_names_no_cloud() -> None:
    assert regions.cloud_named("azurestack") is None


@pytest.mark.parametrize(
    ("region", "cloud"),
    [("westeurope", "public"), ("usgovvirginia", "usgovernment"), ("chinanorth3", "china"), ("usnateast", None)],
)
def test_each_region_is_in_its_cloud(region: str, cloud: str | None) -> None:
    assert regions.cloud_of_region(region) == cloud
