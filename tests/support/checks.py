"""Helpers for checks over many resources."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def each(items: Iterable[T]) -> list[T]:
    """`items` as a list for an `all(...)` check, which passes on nothing whatever it checks:
    an empty list fails the test instead."""
    listed = list(items)
    assert listed, "nothing to check: the list is empty"
    return listed
