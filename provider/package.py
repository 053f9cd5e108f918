"""What the component package publishes, and the schema Pulumi derives from it."""

import json
from typing import Any

import pulumi
from pulumi.provider.experimental.component import ComponentProvider

from components import LoadBalancedVmSet
from components.vm_set import TYPE_TOKEN

PACKAGE_NAME = TYPE_TOKEN.split(":", 1)[0]
PACKAGE_VERSION = "0.2.0"
COMPONENTS: tuple[type[pulumi.ComponentResource], ...] = (LoadBalancedVmSet,)


def package_schema() -> dict[str, Any]:
    """The Pulumi package schema, exactly as the provider serves it to `pulumi package add`."""
    provider = ComponentProvider(list(COMPONENTS), PACKAGE_NAME, None, PACKAGE_VERSION)
    assert provider.schema is not None  # ComponentProvider always builds one
    schema: dict[str, Any] = json.loads(provider.schema)
    return schema
