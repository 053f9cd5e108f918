"""Secrets in the plan: which config keys are secret, and blanking their values wherever they appear."""

from __future__ import annotations

import difflib
import re
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


# Words of a key's name that say its value is a secret whatever the program makes of it: a provider's
# credentials (azure-native's clientSecret, clientCertificatePassword, oidcToken, ...) and a secret key
# of ours misspelt (`adminpassword`), which the program does not read but the config file holds.
SECRET_WORDS = ("password", "passwd", "secret", "token", "passphrase", "privatekey", "credential")
# How alike a key's name must be to a secret key's to be taken for a misspelling of it.
MISSPELLING_RATIO = 0.8


def is_secret_key(key: str, secret_keys: Iterable[str] = ()) -> bool:
    """Whether `key`'s value is shown as `[secret]`: set with `--secret`, a secret argument's key, a
    name that says secret, or a near-misspelling of a secret argument's key."""
    name = key.rsplit(":", 1)[-1]
    if key in set(secret_keys) or name in SECRET_CONFIG_KEYS:
        return True
    words = re.sub(r"[^a-z]", "", name.lower())
    if any(word in words for word in SECRET_WORDS):
        return True
    return any(
        difflib.SequenceMatcher(None, words, secret.lower()).ratio() >= MISSPELLING_RATIO
        for secret in SECRET_CONFIG_KEYS
    )


def redacted(value: T, secrets: set[str]) -> T:
    """`value` (a plan, a part of it, or plain data) with every occurrence of a secret in its
    texts replaced by `[secret]`."""

    def blank(leaf: object) -> object:
        if isinstance(leaf, str):
            for secret in secrets:
                leaf = leaf.replace(secret, SECRET)
        return leaf

    return with_leaves(value, blank)
