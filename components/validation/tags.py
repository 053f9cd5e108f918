"""Tags: Azure's limits on names and values, the strictest of every resource type the component tags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from ..catalogs import resource_tags
from ..errors import InvalidArgumentError, abbreviated
from .inputs import given


def read_tags(args: Mapping[str, Any]) -> pulumi.Input[Mapping[str, pulumi.Input[str]]] | None:
    """The tags as given; plain tags are checked here, tags that are an Output by Azure when they resolve."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = given(args, "tags")
    if isinstance(tags, Mapping):
        check_tags(tags)
    elif tags is not None and not isinstance(tags, pulumi.Output):
        raise InvalidArgumentError("tags", tags, "a mapping of tag names to string values")
    return tags


def check_tags(tags: Mapping[Any, Any]) -> None:
    """Azure's tag limits, the strictest of every resource type the component tags (see
    `catalogs.resource_tags`). Values that are Outputs are checked by Azure when they resolve."""
    count = resource_tags.strictest("max_tags")
    name_length = resource_tags.strictest("max_name_length")
    value_length = resource_tags.strictest("max_value_length")
    total = resource_tags.strictest("max_total_characters")
    assert count and name_length and value_length  # every type has these
    forbidden = resource_tags.GENERAL_LIMITS.forbidden_name_characters
    if len(tags) > count.value:
        raise InvalidArgumentError("tags", f"<{len(tags)} tags>", f"at most {count.value} tags per resource")
    characters = 0
    for key, value in tags.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidArgumentError("tags", key, "tag names are non-empty text")
        if any(c in key for c in forbidden):
            raise InvalidArgumentError(
                "tags", key, f"tag names without any of {' '.join(forbidden)} (Azure refuses them on every resource)"
            )
        if len(key) > name_length.value:
            raise InvalidArgumentError(
                "tags",
                abbreviated(key, 60),
                f"tag names of at most {name_length.value} characters ({name_length.resource_type} allows no "
                f"more, and the component tags one; this name has {len(key)})",
            )
        if isinstance(value, pulumi.Output):
            continue
        if not isinstance(value, str):
            raise InvalidArgumentError(
                f"tags.{key}",
                value,
                "a string: Azure tag values are text (to keep a list or an object, write it as one JSON string)",
            )
        if len(value) > value_length.value:
            raise InvalidArgumentError(
                f"tags.{key}", abbreviated(value, 60), f"tag values of at most {value_length.value} characters"
            )
        characters += len(key) + len(value)
    if total is not None and characters > total.value:
        raise InvalidArgumentError(
            "tags",
            f"<{characters} characters in tag names and values>",
            f"at most {total.value} characters in all tag names and values together ({total.resource_type} "
            "allows no more, and the component tags its VMs)",
        )
