"""What the component package publishes, and the schema Pulumi derives from it."""

import inspect
import json
from typing import Any

import pulumi
from pulumi.output import Inputs
from pulumi.provider.experimental.analyzer import PropertyDefinition, PropertyType
from pulumi.provider.experimental.component import ComponentProvider
from pulumi.provider.provider import ConstructResult
from pulumi.provider.server import ComponentInitError

from components import LoadBalancedVmSet
from components.vm_set import TYPE_TOKEN

PACKAGE_NAME = TYPE_TOKEN.split(":", 1)[0]
PACKAGE_VERSION = "0.4.0"
COMPONENTS: tuple[type[pulumi.ComponentResource], ...] = (LoadBalancedVmSet,)


class PackageProvider(ComponentProvider):
    """Pulumi's component provider for `COMPONENTS`, with the schema's integers delivered as `int`.

    Pulumi's wire format carries every number as a double (a protobuf `Struct`), so a TypeScript
    `vmCount: 2` arrives as `2.0`; the SDK's own conversion does not reach the component
    (pulumi 3.272 converts, then stores the float), and the component rightly refuses `2.0`
    from a Python caller. A whole float of an integer property becomes an `int` here, nested
    ones (`lbRules[].frontendPort`, `probe.port`) too; any other value is left for the
    component's validation to refuse with its usual message.

    The schema's descriptions are the docstrings, which the analyser takes as the source writes
    them; they are served without the source's indentation, which other languages' SDKs would
    otherwise show in their doc comments.
    """

    def __init__(self) -> None:
        super().__init__(list(COMPONENTS), PACKAGE_NAME, None, PACKAGE_VERSION)
        assert self.schema is not None  # ComponentProvider always builds one
        self.schema = json.dumps(without_indentation(json.loads(self.schema)))

    def construct(
        self, name: str, resource_type: str, inputs: Inputs, options: pulumi.ResourceOptions | None = None
    ) -> ConstructResult:
        """The component, or its refusal as its one-line message. The SDK wraps whatever the
        component's constructor raises in a `ComponentInitError` (provider/experimental/component.py,
        `ComponentProvider.construct`), which the server reports with the component's traceback
        appended; a `RunError` alone it passes on as raised (provider/server.py,
        `ProviderServicer.Construct`). Every refusal is a `RunError` (`InvalidArgumentError`)."""
        try:
            return super().construct(name, resource_type, inputs, options)
        except ComponentInitError as error:
            if isinstance(error.inner, pulumi.RunError):
                raise error.inner from None
            raise

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


def without_indentation(schema: Any) -> Any:
    """`schema` with each description as `inspect.cleandoc` writes a docstring: the indentation of
    its continuation lines removed, its line breaks and paragraphs kept."""
    if isinstance(schema, dict):
        return {
            key: inspect.cleandoc(value)
            if key == "description" and isinstance(value, str)
            else without_indentation(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [without_indentation(item) for item in schema]
    return schema
