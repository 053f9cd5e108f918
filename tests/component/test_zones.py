"""`placement="zones"`: VMs spread over availability zones, under the Azure mocks."""

from __future__ import annotations

from offline.harness import Deployment

from ..support.checks import each
from ..support.deployments import frontend, vms


def test_zones_spread_vms_round_robin(zones: Deployment) -> None:
    assert {vm["vmName"]: vm["zones"] for vm in vms(zones)} == {
        "web-vm-1": ["1"],
        "web-vm-2": ["2"],
        "web-vm-3": ["3"],
        "web-vm-4": ["1"],
    }


def test_zones_create_no_availability_set(zones: Deployment) -> None:
    assert zones.of_type("AvailabilitySet") == []


def test_zonal_vms_name_no_availability_set(zones: Deployment) -> None:
    assert all("availabilitySet" not in vm for vm in each(vms(zones)))


def test_zones_output_no_availability_set_id(zones: Deployment) -> None:
    assert zones.outputs["availability_set_id"] is None


def test_zones_make_the_public_ip_zone_redundant(zones: Deployment) -> None:
    pip = zones.one("PublicIPAddress").inputs
    assert (pip["zones"], pip["sku"]["name"], pip["publicIPAllocationMethod"]) == (
        ["1", "2", "3"],
        "Standard",
        "Static",
    )


def test_availability_set_placement_leaves_the_public_ip_unzoned(linux_default: Deployment) -> None:
    """An empty list, which ARM reads as none, so `ignore_changes` has a value to keep later."""
    assert linux_default.one("PublicIPAddress").inputs["zones"] == []


def test_the_public_ip_keeps_the_zones_it_was_created_with(linux_default: Deployment) -> None:
    assert linux_default.one("PublicIPAddress").options.ignore_changes == ("zones",)


def test_availability_set_vms_have_no_zone(linux_default: Deployment) -> None:
    assert all("zones" not in vm for vm in each(vms(linux_default)))


def test_zonal_vms_keep_their_nat_ports(zones: Deployment) -> None:
    ip = zones.outputs["public_ip_address"]
    assert zones.outputs["nat_endpoints"]["web-vm-4"] == f"{ip}:50004"


def test_scaling_in_zones_keeps_each_vm_zone(zones: Deployment, zones_scaled: Deployment) -> None:
    before = {vm["vmName"]: vm["zones"] for vm in vms(zones)}
    after = {vm["vmName"]: vm["zones"] for vm in vms(zones_scaled)}
    assert {name: after[name] for name in before} == before


def test_scaling_in_zones_leaves_existing_vms_unchanged(zones: Deployment, zones_scaled: Deployment) -> None:
    before = {vm["vmName"]: vm for vm in vms(zones)}
    after = {vm["vmName"]: vm for vm in vms(zones_scaled)}
    assert {name: after[name] for name in before} == before


def test_scaling_in_zones_keeps_each_vm_nat_port(zones: Deployment, zones_scaled: Deployment) -> None:
    before, after = zones.outputs["nat_endpoints"], zones_scaled.outputs["nat_endpoints"]
    assert {name: after[name] for name in before} == before


def test_scaling_in_zones_leaves_the_public_ip_unchanged(zones: Deployment, zones_scaled: Deployment) -> None:
    assert zones.one("PublicIPAddress").inputs == zones_scaled.one("PublicIPAddress").inputs


def test_scaling_in_zones_continues_the_round_robin(zones_scaled: Deployment) -> None:
    assert [vm["zones"][0] for vm in vms(zones_scaled)][4:] == ["2", "3"]


def test_an_internal_frontend_across_zones_is_zone_redundant(internal_zones: Deployment) -> None:
    assert frontend(internal_zones)["zones"] == ["1", "2", "3"]


def test_an_internal_tier_across_zones_has_no_availability_set(internal_zones: Deployment) -> None:
    assert (internal_zones.of_type("AvailabilitySet"), internal_zones.outputs["availability_set_id"]) == ([], None)
