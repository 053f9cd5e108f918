"""The steps of a change, as `pulumi preview --diff` lists them: what the diff computes and the
rollout and the rendering read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import NOT_IN_JSON

CREATE, UPDATE, REPLACE, DELETE = "create", "update", "replace", "delete"
SYMBOLS = {CREATE: "+", UPDATE: "~", REPLACE: "+-", DELETE: "-"}


@dataclass(frozen=True)
class PropertyChange:
    path: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Step:
    op: str
    type: str
    name: str
    urn: str
    changes: tuple[PropertyChange, ...] = ()
    replaced_because: tuple[str, ...] = ()
    """Why a replacement replaces: the property, option or replaced resource behind it."""
    delete_before_replace: bool = field(default=True, metadata=NOT_IN_JSON)
    """The old resource goes before the new one is created (its name is fixed): `--diff --json` leaves it out."""
    replaced_through: frozenset[str] = field(default=frozenset(), metadata=NOT_IN_JSON)
    """URNs of the replaced resources an input comes from that replaces this one (in the URL or in
    `replace_on_changes`): the engine deletes it before any of them (`--diff --json` leaves it out)."""
