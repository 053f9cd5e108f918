"""The component's name, and the argument dictionary as a whole: known names, the resource group."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..args import ARGUMENT_NAMES
from ..errors import InvalidArgumentError
from .inputs import is_missing

_COMPONENT_NAME = re.compile(r"^[a-z][a-z0-9-]{0,22}[a-z0-9]$")


def check_name(name: object) -> None:
    if not isinstance(name, str) or not _COMPONENT_NAME.match(name):
        raise InvalidArgumentError(
            "name",
            name,
            "2-24 lowercase letters, digits and hyphens, starting with a letter "
            "and ending with a letter or digit (it prefixes every Azure resource name)",
        )


def check_arguments(args: object, *, require_resource_group: bool) -> None:
    """A mapping of known argument names, with the resource group unless the caller creates it."""
    if not isinstance(args, Mapping):
        raise InvalidArgumentError("args", args, "a LoadBalancedVmSetArgs dictionary")
    unknown = sorted(set(args) - set(ARGUMENT_NAMES))
    if unknown:
        raise InvalidArgumentError(unknown[0], args[unknown[0]], f"known arguments are {', '.join(ARGUMENT_NAMES)}")
    if require_resource_group and is_missing(args.get("resource_group_name")):
        raise InvalidArgumentError("resource_group_name", args.get("resource_group_name"), "it is required")
