"""Values next to what the catalogs refuse (a Basic_/Standard_ size, a display-name region, regional
service tags, a 128-character tag name) deploy, and reach Azure in Azure's spelling."""

from __future__ import annotations

from offline.harness import Deployment

from ..support.catalog_cases import LONG_STORAGE_TAG_NAME


def test_valid_neighbours_deploy(neighbours: Deployment) -> None:
    sizes = [vm.inputs["hardwareProfile"]["vmSize"] for vm in neighbours.of_type("VirtualMachine")]
    assert sizes == ["Standard_B2s", "Standard_B2s"]


def test_a_display_name_location_reaches_azure_as_its_programmatic_name(neighbours: Deployment) -> None:
    assert {r.inputs.get("location") for r in neighbours.of_type("VirtualMachine")} == {"northeurope"}


def test_service_tags_reach_the_nsg_in_azures_spelling(neighbours: Deployment) -> None:
    sources = {rule["sourceAddressPrefix"] for rule in neighbours.one("NetworkSecurityGroup").inputs["securityRules"]}
    assert {"AzureFrontDoor.Backend", "Storage.WestEurope", "Internet"} <= sources


def test_a_128_character_tag_name_reaches_the_storage_account(neighbours: Deployment) -> None:
    assert LONG_STORAGE_TAG_NAME in neighbours.one("StorageAccount").inputs["tags"]
