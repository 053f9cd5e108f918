"""What the component package publishes, and the schema Pulumi derives from it."""

import json
from typing import Any

import pulumi
from pulumi.output import Inputs
from pulumi.provider.experimental.analyzer import PropertyDefinition, PropertyType
from pulumi.provider.experimental.component import ComponentProvider

from components import LoadBalancedVmSet
from components.vm_set import TYPE_TOKEN

PACKAGE_NAME = TYPE_TOKEN.split(":", 1)[0]
PACKAGE_VERSION = "0.3.0"
COMPONENTS: tuple[type[pulumi.ComponentResource], ...] = (LoadBalancedVmSet,)


class PackageProvider(ComponentProvider):
    """Pulumi's component provider for `COMPONENTS`, with the schema's integers delivered as `int`.

    Pulumi's wire format carries every number as a double (a protobuf `Struct`), so a TypeScript
    `vmCount: 2` arrives as `2.0`; the SDK's own conversion does not reach the component
    (pulumi 3.272 converts, then stores the float), and the component rightly refuses `2.0`
    from a Python caller. A whole float of an integer property becomes an `int` here, nested
    ones (`lbRules[].frontendPort`, `probe.port`) too; any other value is left for the
    component's validation to refuse with its usual message.
    """

    def __init__(self) -> None:
        super().__init__(list(COMPONENTS), PACKAGE_NAME, None, PACKAGE_VERSION)

    def map_input_properties(
        self,
        inputs: Inputs,
        properties: dict[str, PropertyDefinition],
        mapping: dict[str, str],
        component_name: str,
        property_path: str,
    ) -> Inputs:
        mapped = dict(super().map_input_properties(inputs, properties, mapping, component_name, property_path))
        for schema_name, prop in properties.items():
            value = mapped.get(mapping[schema_name])
            if prop.type is PropertyType.INTEGER and isinstance(value, float) and value.is_integer():
                mapped[mapping[schema_name]] = int(value)
        return mapped


def package_schema() -> dict[str, Any]:
    """The Pulumi package schema, exactly as the provider serves it to `pulumi package add`."""
    provider = PackageProvider()
    assert provider.schema is not None  # ComponentProvider always builds one
    schema: dict[str, Any] = json.loads(provider.schema)
    return schema
