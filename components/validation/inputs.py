"""The readers of raw argument values, shared by every validation module.

One rule for every argument: absent, None, or a string of nothing but white space (blank)
means "not given", and the argument takes its default: unless the reader is given one (a
default that depends on other arguments), the one the argument's declaration writes as a
literal (components/args.py, ``Default: `2`.``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeVar

import pulumi

from ..args import LoadBalancedVmSetArgs
from ..declarations import declared_default
from ..errors import InvalidArgumentError

Choice = TypeVar("Choice", bound=StrEnum)
Checked = TypeVar("Checked")


def is_missing(value: object) -> bool:
    """None, or a string of nothing but white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def given(args: Mapping[str, Any], argument: str) -> Any:
    """`args[argument]`, or None when it is absent or blank."""
    value = args.get(argument)
    return None if is_missing(value) else value


def declared(argument: str) -> Any:
    """The default that `argument`'s declaration writes as one literal (components/args.py)."""
    return declared_default(LoadBalancedVmSetArgs, argument)


def given_or_declared(args: Mapping[str, Any], argument: str) -> Any:
    """`args[argument]`, or its declared default when it is not given."""
    value = given(args, argument)
    return declared(argument) if value is None else value


def choice(args: Mapping[str, Any], argument: str, choices: type[Choice], default: Choice | None = None) -> Choice:
    """The member of `choices` that `args[argument]` spells (case-insensitively); `default` (by
    default, the declared one) when it is not given."""
    value = given(args, argument)
    if value is None:
        return choices(declared(argument)) if default is None else default
    for member in choices:
        if isinstance(value, str) and value.strip().lower() == member.value:
            return member
    raise InvalidArgumentError(argument, value, f"one of {', '.join(c.value for c in choices)}")


def integer(args: Mapping[str, Any], argument: str, low: int, high: int, *, default: int | None = None) -> int:
    """A whole number from `low` to `high`; `default` (by default, the declared one) when it is not given."""
    value = given(args, argument)
    if value is None:
        value = declared(argument) if default is None else default
    if not is_int(value) or not low <= value <= high:
        raise InvalidArgumentError(argument, value, f"a whole number from {low} to {high}")
    return int(value)


def boolean(args: Mapping[str, Any], argument: str, *, default: bool | None = None) -> bool:
    """True or false; `default` (by default, the declared one) when it is not given."""
    value = given(args, argument)
    if value is None:
        return bool(declared(argument)) if default is None else default
    if not isinstance(value, bool):
        raise InvalidArgumentError(argument, value, "true or false")
    return value


def optional_matching(args: Mapping[str, Any], argument: str, pattern: re.Pattern[str], allowed: str) -> str | None:
    """A string that `pattern` matches, or None when it is not given."""
    value = given(args, argument)
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.match(value):
        raise InvalidArgumentError(argument, value, allowed)
    return value


def checked_input(
    args: Mapping[str, Any], argument: str, check: Callable[[Any], Checked]
) -> Checked | pulumi.Output[Checked] | None:
    """`args[argument]` as `check` returns it, or None when it is not given. A plain value is checked
    now; one that another resource gives (an Output) when it resolves, by the same check and so with
    the same message. The one place an Output's value is checked: the builders take it as it is."""
    value = given(args, argument)
    if value is None:
        return None
    if isinstance(value, pulumi.Output):
        return value.apply(check)
    return check(value)


def port_number(argument: str, value: object, high: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= high:
        return value
    raise InvalidArgumentError(argument, value, f"a port number from 1 to {high}")


def spelling(argument: str, value: object, spellings: Mapping[str, str]) -> str:
    """Azure's spelling of `value` (matched case-insensitively), one of `spellings`' values."""
    if isinstance(value, str) and value.strip().lower() in spellings:
        return spellings[value.strip().lower()]
    raise InvalidArgumentError(argument, value, f"one of {', '.join(spellings.values())}")


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def did_you_mean(candidates: Sequence[str]) -> str:
    return f"; did you mean {candidates[0]}?" if candidates else ""
