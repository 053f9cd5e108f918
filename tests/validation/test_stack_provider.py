"""The stack's config against the azure-native provider's settings (`provider=` of
`read_stack_settings`), read without Pulumi: a region is needed, the provider's cloud decides which
regions pass, VHD disks only with endpoints of the stack's own; and the config keys set to nothing or
spelt under another project's namespace."""

from __future__ import annotations

import json
from typing import Any

import pytest

from components import InvalidArgumentError
from components.catalogs.provider import provider_settings
from stack.config import other_namespace_warnings, read_stack_settings

from ..support.constants import NS
from ..support.keys import ED25519


def settings_from(config: dict[str, Any], provider: dict[str, str]) -> Any:
    text = {key: value if isinstance(value, str) else json.dumps(value) for key, value in config.items()}
    return read_stack_settings({"sshPublicKey": ED25519, **text}.get, provider=provider.get)


def refused(config: dict[str, Any], provider: dict[str, str]) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        settings_from(config, provider)
    return caught.value


@pytest.mark.parametrize("provider", [{}, {"location": ""}, {"location": "  "}], ids=["unset", "empty", "blank"])
def test_a_stack_without_a_region_is_refused_naming_the_provider_location(provider: dict[str, str]) -> None:
    error = refused({}, provider)
    assert (error.argument, error.required) == ("azure-native:location", True)


def test_the_location_key_alone_is_region_enough() -> None:
    assert settings_from({"location": "northeurope"}, {}).spec.location == "northeurope"


@pytest.mark.parametrize("region", ["usgovvirginia", "usnateast", "chinanorth3"])
def test_a_provider_location_of_another_cloud_is_refused_naming_it(region: str) -> None:
    assert refused({}, {"location": region}).argument == "azure-native:location"


def test_a_location_key_of_another_cloud_is_refused_naming_it() -> None:
    assert refused({"location": "chinanorth3"}, {"location": "westeurope"}).argument == f"{NS}:location"


def test_a_region_of_the_provider_s_environment_is_accepted() -> None:
    settings = settings_from({}, {"location": "chinanorth3", "environment": "china"})
    assert settings.spec.network.public  # read and validated


def test_a_service_tag_of_another_cloud_is_refused_naming_its_key() -> None:
    error = refused({"appSourcePrefixes": ["AzureCloud.chinanorth3"]}, {"location": "westeurope"})
    assert error.argument == f"{NS}:appSourcePrefixes[0]"


def test_regions_are_not_checked_against_a_cloud_of_its_own_endpoints() -> None:
    settings = settings_from({}, {"location": "usnateast", "metadataHost": "management.local.azurestack.external"})
    assert settings.spec.location is None  # the provider's region, as given


def test_vhd_disks_are_refused_naming_disk_storage() -> None:
    assert refused({"diskStorage": "vhd"}, {"location": "westeurope"}).argument == f"{NS}:diskStorage"


def test_vhd_disks_are_accepted_with_endpoints_of_the_stack_s_own() -> None:
    provider = {"location": "westeurope", "metadataHost": "management.local.azurestack.external"}
    assert settings_from({"diskStorage": "vhd"}, provider).spec.compute.disk_storage.value == "vhd"


def test_the_provider_s_environment_variable_stands_in_for_its_unset_key() -> None:
    unset: dict[str, str] = {}
    setting = provider_settings(unset.get, {"ARM_ENVIRONMENT": "usgovernment"})
    assert setting("environment") == "usgovernment"


def test_the_provider_s_key_wins_over_its_environment_variable() -> None:
    setting = provider_settings({"location": "westeurope"}.get, {"ARM_LOCATION": "northeurope"})
    assert setting("location") == "westeurope"


@pytest.mark.parametrize("key", ["vmCount", "natFrontendPortStart", "public", "trustedLaunch"])
def test_a_number_or_switch_key_set_to_nothing_is_refused_naming_it(key: str) -> None:
    assert refused({key: ""}, {"location": "westeurope"}).argument == f"{NS}:{key}"


def test_a_key_of_this_stack_in_another_namespace_is_warned_of() -> None:
    [warning] = other_namespace_warnings(["myapp:vmCount"], project=NS)
    assert warning.endswith(f"did you mean {NS}:vmCount?")


def test_other_namespaces_own_keys_are_left_alone() -> None:
    assert other_namespace_warnings(["myapp:replicas", "aws:region", "pulumi:tags"], project=NS) == ()
