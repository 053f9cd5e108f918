"""The mocks' copies of Azure's lists (offline/azure_mocks/catalog.py) agree with the component's
(components/catalogs/, and the few its decisions and validation keep). Each side keeps its own
copy so that neither checks the other with its own mistakes; this test may import both.

Where they differ on purpose, a test names the difference and why:
- spelling: the mocks keep names in lower case, because ARM compares them case-insensitively;
  the component keeps Azure's spelling, because it writes names back in its messages;
- what the component chooses against what Azure accepts: the component sends one log
  category, two metric alerts and one VMAccess extension per OS; the mocks know every value
  Azure accepts there, so the component's choices must be among them;
- availability zones: the component also lists the regions with zones, to tell them from a
  region neither list has (which it warns about); the mocks refuse zonal placement only where a
  region is known to lack zones;
- VM sizes: the mocks check a Standard size's family letters only, the part ARM's "not valid"
  answer is about here; the component also checks the shape of the rest of the name and the name
  against Azure's published sizes (components/catalogs/size_list.py), so every size it knows must
  pass the mocks, and the two generation-1 lists must agree on each.
"""

from __future__ import annotations

import pytest

from components import InvalidArgumentError, spec, validate
from components.catalogs import availability, regions, resource_tags, service_tags, size_list, vm_sizes
from components.decisions import bastion, credentials, monitoring, naming, patching
from components.validation import compute, load_balancing, network
from offline.azure_mocks import catalog
from offline.azure_mocks import compute as mocks_compute

# Real size names of the families and series the generation-1 lists name, and their neighbours.
SIZE_SAMPLE = (
    "Standard_A0", "Standard_A11", "Standard_A1_v2", "Standard_A2m_v2", "Standard_D1", "Standard_D14",
    "Standard_DS1", "Standard_DS14", "Standard_D2_v2", "Standard_D15_v2", "Standard_D2_v2_Promo",
    "Standard_DS2_v2", "Standard_DS2_v2_Promo", "Standard_D2_v3", "Standard_D2s_v3", "Standard_E2_v3",
    "Standard_E2s_v3", "Standard_NC6", "Standard_NV6", "Standard_NP10s", "Standard_NC6s_v3",
    "Standard_NV12s_v3", "Standard_NC24ads_A100_v4", "Standard_D2s_v5", "Standard_D2as_v4", "Standard_B2s",
    "Standard_B2als_v2", "Standard_E16-4as_v5", "Standard_F2s_v2", "Standard_DC2as_v5", "Standard_M128ms",
)  # fmt: skip


# --- regions, zones, fault domains ---------------------------------------------------------------


def test_the_regions_agree() -> None:
    assert catalog.ARM_LOCATIONS == regions.AZURE_REGIONS


def test_the_zone_numbers_agree() -> None:
    assert catalog.AZURE_ZONES == spec.AZURE_ZONES


def test_the_regions_without_zones_agree() -> None:
    assert catalog.REGIONS_WITHOUT_ZONES == availability.NON_ZONAL_REGIONS


def test_the_component_s_regions_with_zones_are_none_the_mocks_refuse() -> None:
    assert not availability.ZONAL_REGIONS & catalog.REGIONS_WITHOUT_ZONES


def test_the_fault_domains_per_region_agree() -> None:
    assert catalog.MAX_FAULT_DOMAINS == availability.MAX_FAULT_DOMAINS


# --- service tags and reserved ranges ------------------------------------------------------------


def test_the_service_tags_agree_in_lower_case() -> None:
    assert {tag.lower() for tag in service_tags.SERVICE_TAGS} == catalog.NSG_SERVICE_TAGS


def test_the_regional_service_tags_agree_in_lower_case() -> None:
    assert {tag.lower() for tag in service_tags.REGIONAL_SERVICE_TAGS} == catalog.NSG_REGIONAL_SERVICE_TAGS


def test_the_irregular_azure_cloud_regions_agree() -> None:
    assert catalog.AZURE_CLOUD_TAG_REGIONS == service_tags.AZURE_CLOUD_IRREGULAR_REGIONS


def test_the_reserved_vnet_ranges_agree() -> None:
    assert set(catalog.VNET_FORBIDDEN_RANGES) == set(network.RESERVED_VNET_RANGES)


# --- tags ----------------------------------------------------------------------------------------


def test_the_general_tag_limits_agree() -> None:
    general = resource_tags.GENERAL_LIMITS
    assert (
        general.max_tags,
        general.max_name_length,
        general.max_value_length,
    ) == (catalog.MAX_TAGS, catalog.DEFAULT_MAX_TAG_NAME, catalog.MAX_TAG_VALUE)
    assert set(general.forbidden_name_characters) == catalog.TAG_NAME_FORBIDDEN


def test_the_tag_name_limits_by_resource_type_agree() -> None:
    component = {
        arm_type: limits.max_name_length
        for arm_type, limits in resource_tags.LIMITS_BY_RESOURCE_TYPE.items()
        if limits.max_name_length != resource_tags.GENERAL_LIMITS.max_name_length
    }
    assert component == catalog.MAX_TAG_NAME


def test_the_tag_character_limits_by_resource_type_agree() -> None:
    component = {
        arm_type: limits.max_total_characters
        for arm_type, limits in resource_tags.LIMITS_BY_RESOURCE_TYPE.items()
        if limits.max_total_characters is not None
    }
    assert component == catalog.MAX_TAG_CHARACTERS


def test_no_resource_type_has_its_own_tag_count_or_value_limit() -> None:
    # The mocks keep one count and one value length for every type: the component must not know of others.
    by_type = resource_tags.LIMITS_BY_RESOURCE_TYPE.values()
    assert {(limits.max_tags, limits.max_value_length) for limits in by_type} == {
        (catalog.MAX_TAGS, catalog.MAX_TAG_VALUE)
    }


# --- VM sizes, patching, extensions --------------------------------------------------------------


def test_the_vm_size_families_agree_in_lower_case() -> None:
    assert {family.lower() for family in vm_sizes.SIZE_FAMILIES} == catalog.VM_SIZE_FAMILIES


@pytest.mark.parametrize("size", sorted(catalog.BASIC_VM_SIZES))
def test_the_component_refuses_every_basic_size_the_mocks_know(size: str) -> None:
    # The component refuses the whole Basic_ tier by its prefix, so it keeps no list of its own.
    with pytest.raises(InvalidArgumentError, match="Basic sizes cannot be behind a load balancer"):
        validate("web", {"resource_group_name": "rg", "vm_size": size.replace("basic_a", "Basic_A")})


@pytest.mark.parametrize("size", SIZE_SAMPLE)
def test_the_generation_1_only_sizes_agree(size: str) -> None:
    assert (catalog.GEN1_ONLY_SIZES.match(size) is not None) == (not vm_sizes.takes_trusted_launch(size))


@pytest.mark.parametrize("size", SIZE_SAMPLE)
def test_every_size_the_component_accepts_passes_the_mocks(size: str) -> None:
    assert vm_sizes.is_standard_size(size)  # a real size, which the component accepts
    assert mocks_compute.is_vm_size(size)


KNOWN_SIZES = sorted(size.name for size in size_list.KNOWN_SIZES.values())


def test_every_size_the_component_knows_passes_the_mocks() -> None:
    assert [size for size in KNOWN_SIZES if not mocks_compute.is_vm_size(size)] == []


def test_the_generation_1_only_sizes_agree_on_every_size_the_component_knows() -> None:
    assert [
        size
        for size in KNOWN_SIZES
        if (catalog.GEN1_ONLY_SIZES.match(size) is not None) == vm_sizes.takes_trusted_launch(size)
    ] == []


def test_the_patch_modes_agree() -> None:
    assert {os: set(modes) for os, modes in catalog.PATCH_MODES.items()} == {
        os_type.value: set(modes) for os_type, modes in patching.PATCH_MODES.items()
    }


@pytest.mark.parametrize("os_type", list(spec.OsType))
def test_the_component_s_vmaccess_extension_runs_on_its_os(os_type: spec.OsType) -> None:
    extension = credentials.ACCESS_EXTENSIONS[os_type]
    assert catalog.EXTENSION_OS[(extension.publisher, extension.type)] == os_type.value


def test_the_compute_limits_agree() -> None:
    assert catalog.MAX_CUSTOM_DATA_BYTES == compute.MAX_CUSTOM_DATA_BYTES
    assert catalog.MAX_WINDOWS_COMPUTER_NAME == naming.MAX_WINDOWS_COMPUTER_NAME


# --- network limits, Bastion ---------------------------------------------------------------------


def test_the_load_balancer_rule_limits_agree() -> None:
    assert catalog.MAX_LB_RULES == load_balancing.MAX_LB_RULES_AND_NAT_RULES


def test_the_bastion_subnet_rules_agree() -> None:
    assert catalog.BASTION_SUBNET == bastion.BASTION_SUBNET_NAME
    assert catalog.MAX_BASTION_SUBNET_PREFIX_LENGTH == bastion.MAX_BASTION_SUBNET_PREFIX_LENGTH


# --- monitoring: the component's choices among what Azure accepts ---------------------------------


def test_the_component_s_load_balancer_log_categories_are_azure_s() -> None:
    assert set(monitoring.LOAD_BALANCER_LOG_CATEGORIES) <= catalog.LB_LOG_CATEGORIES


@pytest.mark.parametrize("alert", monitoring.LOAD_BALANCER_ALERTS, ids=lambda alert: alert.signal)
def test_the_component_s_alert_metric_is_a_load_balancer_metric(alert: monitoring.MetricAlertRule) -> None:
    assert alert.metric in catalog.LB_METRICS


@pytest.mark.parametrize("alert", monitoring.LOAD_BALANCER_ALERTS, ids=lambda alert: alert.signal)
def test_the_component_s_alert_splits_by_a_dimension_of_its_metric(alert: monitoring.MetricAlertRule) -> None:
    assert alert.split_by is None or alert.split_by in catalog.LB_METRIC_DIMENSIONS[alert.metric]


@pytest.mark.parametrize("alert", monitoring.LOAD_BALANCER_ALERTS, ids=lambda alert: alert.signal)
def test_the_component_s_alert_periods_are_azure_s(alert: monitoring.MetricAlertRule) -> None:
    assert alert.window_size in catalog.ALERT_WINDOWS
    assert alert.evaluation_frequency in catalog.ALERT_FREQUENCIES


def test_the_action_group_short_name_limits_agree() -> None:
    assert catalog.MAX_ACTION_GROUP_SHORT_NAME == naming.MAX_ACTION_GROUP_SHORT_NAME
