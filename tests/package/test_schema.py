"""The component package for other Pulumi languages: its schema, read the way `pulumi package add`
reads it (Pulumi's Python SDK analyses the component class; no CLI needed)."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from components import InvalidArgumentError, validate
from components.args import ARGUMENT_NAMES
from components.vm_set import OUTPUT_NAMES, TYPE_TOKEN
from provider.package import COMPONENTS, PACKAGE_NAME, PACKAGE_VERSION, PackageProvider

from ..support.keys import ED25519

ROOT = Path(__file__).resolve().parents[2]
TYPES = f"#/types/{PACKAGE_NAME}:index:"

# None for an internal load balancer, without a DNS label, across zones, without Bastion.
OPTIONAL_OUTPUTS = {
    "publicIpAddress",
    "fqdn",
    "availabilitySetId",
    "bastionName",
    "scaleSetId",
    "scaleSetName",
    "natFrontendPortRange",
}


def camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def shape(spec: dict[str, Any]) -> dict[str, Any]:
    """A schema property reduced to its type: `type`/`$ref`, and the element type of arrays and maps."""
    if "$ref" in spec:
        return {"$ref": spec["$ref"]}
    items = spec.get("items") or spec.get("additionalProperties")
    if items is None:
        return {"type": spec["type"]}
    return {"type": spec["type"], "items": items.get("$ref") or items["type"]}


@pytest.fixture(scope="module")
def schema(analysed_schema: dict[str, Any]) -> dict[str, Any]:
    return analysed_schema


@pytest.fixture(scope="module")
def component(schema: dict[str, Any]) -> dict[str, Any]:
    resource: dict[str, Any] = schema["resources"][TYPE_TOKEN]
    return resource


def test_the_package_publishes_exactly_the_component(schema: dict[str, Any]) -> None:
    assert list(schema["resources"]) == ["azure-multi-vm:index:LoadBalancedVmSet"]


def test_the_package_name_and_version(schema: dict[str, Any]) -> None:
    assert (schema["name"], schema["version"]) == ("azure-multi-vm", PACKAGE_VERSION)


def test_it_is_a_component_resource(component: dict[str, Any]) -> None:
    assert component["isComponent"] is True


def test_the_component_is_described(component: dict[str, Any]) -> None:
    assert component["description"].startswith("N VMs in an availability set behind a Standard load balancer")


def test_every_argument_is_an_input(component: dict[str, Any]) -> None:
    assert list(component["inputProperties"]) == [camel(name) for name in ARGUMENT_NAMES]


def schema_shape(words: str) -> dict[str, Any]:
    """The reference page's type in words (`list of string`, `[ImageArgs](#imageargs)`, `map of string
    (Input)`) as `shape` reduces a schema property: the page and the schema must agree."""
    words = words.removesuffix(" (Input)")
    for prefix, schema_type in (("list of ", "array"), ("map of ", "object")):
        if words.startswith(prefix):
            item = schema_shape(words.removeprefix(prefix))
            return {"type": schema_type, "items": item.get("$ref") or item["type"]}
    if words.startswith("["):
        return {"$ref": TYPES + words[1 : words.index("]")]}
    return {"type": words}


@pytest.fixture(scope="module")
def documented_types(reference_generator: ModuleType) -> dict[str, dict[str, Any]]:
    """What a TypeScript, Go, C#, Java or YAML program may pass for each input, as docs/reference.md says."""
    fields = reference_generator.fields_of(ROOT / "components" / "args.py", "LoadBalancedVmSetArgs")
    return {camel(field.name): schema_shape(field.type) for field in fields}


def test_every_input_is_documented_with_a_type(documented_types: dict[str, Any], component: dict[str, Any]) -> None:
    assert set(documented_types) == set(component["inputProperties"])


@pytest.mark.parametrize("name", [camel(a) for a in ARGUMENT_NAMES])
def test_input_type_is_the_documented_one(
    documented_types: dict[str, Any], component: dict[str, Any], name: str
) -> None:
    assert shape(component["inputProperties"][name]) == documented_types[name]


def descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [d for value in node.values() for d in descriptions(value)]
    return [d for item in node for d in descriptions(item)] if isinstance(node, list) else []


def test_no_description_carries_the_source_indentation(schema: dict[str, Any]) -> None:
    indented = [d for d in descriptions(schema) if any(line.startswith("    ") for line in d.splitlines())]
    assert indented == []


@pytest.mark.parametrize("name", [camel(a) for a in ARGUMENT_NAMES])
def test_every_input_has_a_description(component: dict[str, Any], name: str) -> None:
    assert len(component["inputProperties"][name].get("description", "")) > 20


def test_only_the_resource_group_is_required(component: dict[str, Any]) -> None:
    assert component["requiredInputs"] == ["resourceGroupName"]


def test_inputs_from_other_resources_are_not_plain(component: dict[str, Any]) -> None:
    from_resources = ["resourceGroupName", "location", "sshPublicKey", "adminPassword", "subnetId"]
    from_resources += ["networkSecurityGroupId", "customData", "tags", "logAnalyticsWorkspaceId", "bastionSubnetId"]
    assert [name for name in from_resources if component["inputProperties"][name].get("plain")] == []


def test_every_output_is_published(component: dict[str, Any]) -> None:
    assert list(component["properties"]) == [camel(name) for name in OUTPUT_NAMES]


@pytest.mark.parametrize("name", [camel(o) for o in OUTPUT_NAMES])
def test_every_output_has_a_description(component: dict[str, Any], name: str) -> None:
    assert len(component["properties"][name].get("description", "")) > 10


def test_outputs_that_can_be_none_are_optional(component: dict[str, Any]) -> None:
    assert set(component["properties"]) - set(component["required"]) == OPTIONAL_OUTPUTS


@pytest.mark.parametrize(
    ("type_name", "properties", "required"),
    [
        ("ImageArgs", ["publisher", "offer", "sku", "version"], ["offer", "publisher", "sku"]),
        ("LbRuleArgs", ["frontendPort", "backendPort", "protocol"], ["backendPort", "frontendPort"]),
        ("ProbeArgs", ["protocol", "port", "path", "intervalInSeconds"], []),
    ],
)
def test_nested_argument_types(
    schema: dict[str, Any], type_name: str, properties: list[str], required: list[str]
) -> None:
    published = schema["types"][f"{PACKAGE_NAME}:index:{type_name}"]
    assert (list(published["properties"]), published.get("required", [])) == (properties, required)


def test_inputs_from_another_language_become_valid_component_arguments() -> None:
    """What a YAML or TypeScript program sends (camelCase, every number a float as on the wire)
    reaches the component as its own arguments."""
    provider = PackageProvider()
    sent = {
        "resourceGroupName": "rg",
        "sshPublicKey": ED25519,
        "vmCount": 3.0,
        "public": False,
        "lbRules": [{"frontendPort": 8080.0, "backendPort": 8080.0}],
        "probe": {"protocol": "Tcp", "port": 8080.0, "intervalInSeconds": 10.0},
        "customData": "#cloud-config\n",  # the caller's own server, on 8080
    }
    args = provider.map_inputs(sent, provider._component_defs["LoadBalancedVmSet"])
    spec = validate("app", args)
    assert (
        spec.compute.vm_count,
        spec.network.public,
        spec.load_balancing.lb_rules[0].backend_port,
        spec.load_balancing.probe.interval_in_seconds,
    ) == (
        3,
        False,
        8080,
        10,
    )


def test_a_fractional_number_for_an_integer_input_is_refused_by_the_component() -> None:
    provider = PackageProvider()
    sent = {"resourceGroupName": "rg", "sshPublicKey": ED25519, "vmCount": 2.5}
    args = provider.map_inputs(sent, provider._component_defs["LoadBalancedVmSet"])
    with pytest.raises(InvalidArgumentError, match=r"^vm_count: 2\.5 is not allowed; a whole number from 2 to 200$"):
        validate("app", args)


def test_the_plugin_manifest_runs_the_provider_in_python() -> None:
    manifest = yaml.safe_load((ROOT / "PulumiPlugin.yaml").read_text())
    assert manifest["runtime"]["name"] == "python"
    assert (ROOT / manifest["main"]).is_file()


def test_the_provider_entry_point_exposes_the_component_at_top_level() -> None:
    entry = importlib.import_module("provider.__main__")
    assert entry.LoadBalancedVmSet is COMPONENTS[0]
