"""Small readers of raw argument values, shared by the validation modules."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from .errors import InvalidArgumentError

Choice = TypeVar("Choice", bound=StrEnum)


def is_missing(value: object) -> bool:
    """None, or a string of nothing but white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def choice(
    args: Mapping[str, Any], argument: str, choices: type[Choice], default: Choice, *, blank_is_default: bool = False
) -> Choice:
    """The member of `choices` that `args[argument]` spells (case-insensitively); `default` when
    it is absent (or, with `blank_is_default`, blank)."""
    value = args.get(argument)
    if value is None or (blank_is_default and is_missing(value)):
        return default
    for member in choices:
        if isinstance(value, str) and value.strip().lower() == member.value:
            return member
    raise InvalidArgumentError(argument, value, f"one of {', '.join(c.value for c in choices)}")
