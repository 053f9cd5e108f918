"""The `--json` document: a plan (`model.Plan`) or a change preview (`diff.Diff`) as JSON.

The document is the dataclasses' fields, in their declared order, under a `format_version`:
raised when a field is removed or changes meaning, not when one is added (docs/plan.md, "The
JSON document"). A field that is not part of the document says so in its metadata.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

FORMAT_VERSION = 1

# Field metadata: `field(metadata=NOT_IN_JSON)` for what only the text or the code reads,
# `field(metadata=OMITTED_WHEN_NONE)` for a section that is absent rather than null.
_IN_JSON, _OMIT_NONE = "json", "json_omit_none"
NOT_IN_JSON: Mapping[str, bool] = MappingProxyType({_IN_JSON: False})
OMITTED_WHEN_NONE: Mapping[str, bool] = MappingProxyType({_OMIT_NONE: True})


def json_document(document: object) -> str:
    """`document` (a dataclass) as the JSON text `--json` prints."""
    return json.dumps({"format_version": FORMAT_VERSION, **as_data(document)}, indent=2) + "\n"


def as_data(value: Any) -> Any:
    """`dataclasses.asdict`, leaving out the fields the metadata above marks."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: as_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get(_IN_JSON, True) and not (f.metadata.get(_OMIT_NONE) and getattr(value, f.name) is None)
        }
    if isinstance(value, Mapping):
        return {key: as_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [as_data(item) for item in value]
    return value
