"""Secrets in the plan: which config keys are secret, and blanking their values wherever they appear."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from components.args import SECRET_ARGUMENTS
from components.declarations import camel_case

from .model import with_leaves

SECRET = "[secret]"
# Config keys whose values are secrets even when given in plain text (`--config adminPassword=...`).
SECRET_CONFIG_KEYS = frozenset(camel_case(argument) for argument in SECRET_ARGUMENTS)
# Shorter secret values are not searched for: they would match ordinary words and numbers.
MIN_REDACTED_LENGTH = 4

T = TypeVar("T")


def is_secret_key(key: str, secret_keys: Iterable[str] = ()) -> bool:
    return key in set(secret_keys) or key.rsplit(":", 1)[-1] in SECRET_CONFIG_KEYS


def redacted(value: T, secrets: set[str]) -> T:
    """`value` (a plan, a part of it, or plain data) with every occurrence of a secret in its
    texts replaced by `[secret]`."""

    def blank(leaf: object) -> object:
        if isinstance(leaf, str):
            for secret in secrets:
                leaf = leaf.replace(secret, SECRET)
        return leaf

    return with_leaves(value, blank)
