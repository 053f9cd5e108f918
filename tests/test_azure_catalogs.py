"""What Azure refuses by name or range: VM sizes outside the Standard_/Basic_ families, unknown
regions, unpublished service tags, reserved VNet ranges and tags past a resource type's limits.

Each case is refused at three levels: `validate` (pure), the component (before anything is
registered) and `python -m plan --config ...` (exit 1, one line naming the key). The mocks refuse
the same on their own data, and the valid neighbours pass everywhere.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pulumi
import pytest
from pulumi.runtime import MockResourceArgs

import plan.__main__ as cli
from components import InvalidArgumentError, validate
from components.catalogs import regions, resource_tags, service_tags
from components.stack_config import read_stack_settings
from plan.azure_mocks import ArmRejection, AzureMocks
from plan.harness import REPO_ROOT, Deployment, evaluate_component

from .support.keys import ED25519

NS = "azure-multi-vm"
LINUX = {"resource_group_name": "rg", "ssh_public_key": ED25519}
LONG_STORAGE_TAG_NAME = "n" * 128  # storage accounts allow tag names of at most 128 characters


# (case, component arguments, argument named, config key=value for `python -m plan`, key named)
CASES: list[tuple[str, dict[str, Any], str, str, str]] = [
    ("VM size without its family", {"vm_size": "D2s_v5"}, "vm_size", "vmSize=D2s_v5", "vmSize"),
    ("misspelt region", {"location": "westeurop"}, "location", "location=westeurop", "location"),
    ("logical location", {"location": "europe"}, "location", "location=europe", "location"),
    (
        "unknown word as an admin source",
        {"admin_source_prefixes": ["localhost"]},
        "admin_source_prefixes[0]",
        'adminSourcePrefixes=["localhost"]',
        "adminSourcePrefixes[0]",
    ),
    (
        "misspelt service tag",
        {"app_source_prefixes": ["Internett"]},
        "app_source_prefixes[0]",
        'appSourcePrefixes=["Internett"]',
        "appSourcePrefixes[0]",
    ),
    (
        "service tag with an unknown region",
        {"app_source_prefixes": ["Storage.WestEuropa"]},
        "app_source_prefixes[0]",
        'appSourcePrefixes=["Storage.WestEuropa"]',
        "appSourcePrefixes[0]",
    ),
    (
        "regional form of a tag that has none",
        {"app_source_prefixes": ["Internet.WestEurope"]},
        "app_source_prefixes[0]",
        'appSourcePrefixes=["Internet.WestEurope"]',
        "appSourcePrefixes[0]",
    ),
    (
        "link-local VNet",
        {"vnet_address_space": "169.254.0.0/16", "subnet_address_prefix": "169.254.0.0/24"},
        "vnet_address_space",
        "vnetAddressSpace=169.254.0.0/16",
        "vnetAddressSpace",
    ),
    (
        "multicast VNet",
        {"vnet_address_space": "224.0.0.0/4"},
        "vnet_address_space",
        "vnetAddressSpace=224.0.0.0/4",
        "vnetAddressSpace",
    ),
    (
        "loopback VNet",
        {"vnet_address_space": "127.0.0.0/8"},
        "vnet_address_space",
        "vnetAddressSpace=127.0.0.0/8",
        "vnetAddressSpace",
    ),
    (
        "VNet holding Azure's host address",
        {"vnet_address_space": ["10.0.0.0/16", "168.63.129.16/32"]},
        "vnet_address_space",
        'vnetAddressSpace=["10.0.0.0/16", "168.63.129.16/32"]',
        "vnetAddressSpace",
    ),
    (
        "broadcast VNet",
        {"vnet_address_space": ["10.0.0.0/16", "255.255.255.255/32"]},
        "vnet_address_space",
        'vnetAddressSpace=["10.0.0.0/16", "255.255.255.255/32"]',
        "vnetAddressSpace",
    ),
    (
        "VNet spanning a reserved range",
        {"vnet_address_space": "168.0.0.0/6", "subnet_address_prefix": "168.0.0.0/24"},
        "vnet_address_space",
        "vnetAddressSpace=168.0.0.0/6",
        "vnetAddressSpace",
    ),
    (
        "tag name of 200 characters",
        {"tags": {"n" * 200: "x"}},
        "tags",
        "tags=" + json.dumps({"n" * 200: "x"}),
        "tags",
    ),
    (
        "tag name of 129 characters",
        {"tags": {"n" * 129: "x"}},
        "tags",
        "tags=" + json.dumps({"n" * 129: "x"}),
        "tags",
    ),
    (
        "tag name with a slash",
        {"tags": {"cost/center": "x"}},
        "tags",
        'tags={"cost/center": "x"}',
        "tags",
    ),
    (
        "tag value of 257 characters",
        {"tags": {"env": "v" * 257}},
        "tags.env",
        "tags=" + json.dumps({"env": "v" * 257}),
        "tags.env",
    ),
    (
        "tags past a VM's 2,048 characters",
        {"tags": {f"tag{i}": "v" * 250 for i in range(9)}},
        "tags",
        "tags=" + json.dumps({f"tag{i}": "v" * 250 for i in range(9)}),
        "tags",
    ),
    (
        "a list as a tag value",
        {"tags": {"owners": ["alice", "bob"]}},
        "tags.owners",
        'tags={"owners": ["alice", "bob"]}',
        "tags.owners",
    ),
    (
        "an object as a tag value",
        {"tags": {"owner": {"name": "alice"}}},
        "tags.owner",
        'tags={"owner": {"name": "alice"}}',
        "tags.owner",
    ),
    (
        "a number as a tag value",
        {"tags": {"cost_center": 4711}},
        "tags.cost_center",
        'tags={"cost_center": 4711}',
        "tags.cost_center",
    ),
]
IDS = [case[0] for case in CASES]


def rejected(args: dict[str, Any]) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        validate("web", {**LINUX, **args})
    return caught.value


@pytest.fixture(scope="module", autouse=True)
def leave_the_runtime_out_of_preview() -> Iterator[None]:
    """`python -m plan` ends with a preview run; tests that call the mocks directly (here and in
    later modules) expect `pulumi up` mode, the runtime's default."""
    yield
    pulumi.runtime.set_mocks(AzureMocks(), preview=False)


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


# --- validation, without Pulumi ------------------------------------------------------------------


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
        ({"vm_size": "Standard_B2s"}, "vm_size", "Standard_B2s"),
        ({"vm_size": "Basic_A1"}, "vm_size", "Basic_A1"),
        ({"location": "northeurope"}, "location", "northeurope"),
        ({"location": "West Europe"}, "location", "westeurope"),
        ({"location": "usgovvirginia"}, "location", "usgovvirginia"),
        ({"location": "chinanorth3"}, "location", "chinanorth3"),
        ({"app_source_prefixes": ["AzureFrontDoor.Backend"]}, "app_source_prefixes", ("AzureFrontDoor.Backend",)),
        ({"app_source_prefixes": ["Storage.WestEurope"]}, "app_source_prefixes", ("Storage.WestEurope",)),
        ({"app_source_prefixes": ["AzureCloud.germanywc"]}, "app_source_prefixes", ("AzureCloud.germanywc",)),
        ({"app_source_prefixes": ["internet"]}, "app_source_prefixes", ("Internet",)),
        ({"app_source_prefixes": ["168.63.129.16"]}, "app_source_prefixes", ("168.63.129.16/32",)),
        ({"admin_source_prefixes": ["169.254.0.0/16"]}, "admin_source_prefixes", ("169.254.0.0/16",)),
        ({"vnet_address_space": "172.16.0.0/12", "subnet_address_prefix": "172.16.0.0/24"}, "subnet_address_prefix",
         "172.16.0.0/24"),
    ],
)  # fmt: skip
def test_valid_neighbours_pass(args: dict[str, Any], field: str, expected: object) -> None:
    assert getattr(validate("web", {**LINUX, **args}), field) == expected


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


# --- the component: refused before anything is registered -----------------------------------------


@pytest.mark.parametrize("args", [c[1] for c in CASES], ids=IDS)
def test_the_component_refuses_before_registering_anything(args: dict[str, Any]) -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_component("web", {"ssh_public_key": ED25519, **args}, mocks=mocks)
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]  # the caller's own


@pytest.fixture(scope="module")
def neighbours() -> Deployment:
    """Every valid neighbour of a refused value, in one deployment the mocks accept."""
    return evaluate_component(
        "web",
        {
            "ssh_public_key": ED25519,
            "vm_size": "Standard_B2s",
            "location": "North Europe",
            "app_source_prefixes": ["AzureFrontDoor.Backend", "Storage.WestEurope", "internet"],
            "tags": {LONG_STORAGE_TAG_NAME: "x", "env": "v" * 256},
        },
    )


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


# --- the mocks refuse the same, on their own data ---------------------------------------------------

RG = "rg"


def register(mocks: AzureMocks, token: str, inputs: dict[str, Any]) -> dict[str, Any]:
    _, state = mocks.new_resource(MockResourceArgs(typ=token, name="r", inputs=inputs, custom=True))
    return state


@pytest.fixture
def mocks() -> AzureMocks:
    m = AzureMocks()
    register(m, "azure-native:resources:ResourceGroup", {"resourceGroupName": RG, "location": "westeurope"})
    return m


def nsg(source: str) -> dict[str, Any]:
    rule = {
        "name": "allow",
        "priority": 100,
        "direction": "Inbound",
        "access": "Allow",
        "protocol": "Tcp",
        "sourceAddressPrefix": source,
        "destinationAddressPrefix": "10.0.0.0/24",
        "sourcePortRange": "*",
        "destinationPortRange": "80",
    }
    return {"resourceGroupName": RG, "networkSecurityGroupName": "nsg", "securityRules": [rule]}


def vnet(space: str) -> dict[str, Any]:
    return {"resourceGroupName": RG, "virtualNetworkName": "vnet", "addressSpace": {"addressPrefixes": [space]}}


@pytest.mark.parametrize(
    ("token", "inputs", "code"),
    [
        ("azure-native:network:NetworkSecurityGroup", {**nsg("Internet"), "location": "westeurop"},
         "LocationNotAvailableForResourceType"),
        ("azure-native:network:NetworkSecurityGroup", nsg("localhost"), "SecurityRuleInvalidAddressPrefix"),
        ("azure-native:network:NetworkSecurityGroup", nsg("Internet.WestEurope"), "SecurityRuleInvalidAddressPrefix"),
        ("azure-native:network:VirtualNetwork", vnet("169.254.0.0/16"), "InvalidAddressPrefix"),
        ("azure-native:network:VirtualNetwork", vnet("224.0.0.0/4"), "InvalidAddressPrefix"),
        ("azure-native:network:VirtualNetwork", vnet("168.63.0.0/16"), "InvalidAddressPrefix"),
        ("azure-native:network:NetworkSecurityGroup", {**nsg("Internet"), "tags": {"a": ["b"]}},
         "InvalidRequestContent"),
        ("azure-native:network:NetworkSecurityGroup", {**nsg("Internet"), "tags": {f"t{i}": "" for i in range(51)}},
         "InvalidTagCount"),
        ("azure-native:network:NetworkSecurityGroup", {**nsg("Internet"), "tags": {"a?b": "x"}},
         "InvalidTagNameCharacters"),
        ("azure-native:storage:StorageAccount",
         {"resourceGroupName": RG, "accountName": "diag1", "sku": {"name": "Standard_LRS"}, "tags": {"n" * 129: "x"}},
         "InvalidTagNameCharacters"),
    ],
    ids=["unknown location", "unknown tag", "regional form of a global tag", "link-local VNet", "multicast VNet",
         "VNet holding 168.63.129.16", "list tag value", "51 tags", "tag name with '?'", "129-character storage tag"],
)  # fmt: skip
def test_the_mocks_refuse(mocks: AzureMocks, token: str, inputs: dict[str, Any], code: str) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(mocks, token, inputs)
    assert caught.value.code == code


def test_the_mocks_refuse_an_unknown_resource_group_location() -> None:
    with pytest.raises(ArmRejection) as caught:
        register(AzureMocks(), "azure-native:resources:ResourceGroup", {"resourceGroupName": RG, "location": "mars"})
    assert caught.value.code == "LocationNotAvailableForResourceType"


def test_the_mocks_accept_the_neighbours(mocks: AzureMocks) -> None:
    register(
        mocks, "azure-native:network:NetworkSecurityGroup", {**nsg("AzureFrontDoor.Backend"), "location": "West Europe"}
    )
    register(mocks, "azure-native:network:VirtualNetwork", vnet("10.0.0.0/16"))
    state = register(
        mocks,
        "azure-native:storage:StorageAccount",
        {"resourceGroupName": RG, "accountName": "diag1", "sku": {"name": "Standard_LRS"}, "tags": {"n" * 128: "x"}},
    )
    assert state["location"] == "westeurope"


def test_the_mocks_answer_a_locations_programmatic_name(mocks: AzureMocks) -> None:
    state = register(
        mocks, "azure-native:network:NetworkSecurityGroup", {**nsg("Storage.WestEurope"), "location": "West Europe"}
    )
    assert state["location"] == "westeurope"


# --- python -m plan --config ... -----------------------------------------------------------------


@pytest.mark.parametrize(("setting", "key"), [(c[3], c[4]) for c in CASES], ids=IDS)
def test_plan_refuses_with_one_line_naming_the_key(setting: str, key: str) -> None:
    status, out, err = run_cli("--config", setting)
    assert status == 1 and out == ""
    assert err.startswith(f"error: {NS}:{key}: ") and err.count("\n") == 1


def test_plan_refuses_a_list_tag_value_without_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plan", "--config", 'tags={"owners": ["alice", "bob"]}'],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {NS}:tags.owners: ['alice', 'bob'] is not allowed; a string")
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_plan_accepts_the_valid_neighbours() -> None:
    status, _, err = run_cli(
        "--config",
        "vmSize=Standard_B2s",
        "--config",
        "location=northeurope",
        "--config",
        'appSourcePrefixes=["AzureFrontDoor.Backend", "Storage.WestEurope"]',
        "--config",
        "tags=" + json.dumps({LONG_STORAGE_TAG_NAME: "x"}),
    )
    assert status == 0, err


def test_plan_refuses_a_misspelt_provider_location_naming_its_key() -> None:
    status, out, err = run_cli("--config", "azure-native:location=westeurop")
    assert status == 1 and out == ""
    assert err == (
        "error: azure-native:location: 'westeurop' is not allowed; an Azure region name such as westeurope "
        "(az account list-locations); did you mean westeurope?\n"
    )


def test_the_location_key_overrides_the_provider_location_unchecked() -> None:
    status, _, err = run_cli("--config", "azure-native:location=westeurop", "--config", "location=northeurope")
    assert status == 0, err


def test_stack_settings_check_the_provider_location_when_no_location_key_is_set() -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        read_stack_settings({"sshPublicKey": ED25519}.get, provider_location="West Europa")
    assert raised.value.argument == "azure-native:location"


def test_stack_settings_accept_a_provider_location_in_display_form() -> None:
    assert read_stack_settings({"sshPublicKey": ED25519}.get, provider_location="West Europe").spec.location is None
