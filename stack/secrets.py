"""Config keys that hold secrets, and the warning when one is stored in plain text.

`pulumi config set --secret` encrypts a value in `Pulumi.<stack>.yaml`; without
`--secret` it sits there readable, and in every copy of the file. The stack still
works (the component makes the password a secret in state and outputs either way), so
this is a warning, not an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from components.args import SECRET_ARGUMENTS

from .config import ARGUMENT_TO_KEY, NAMESPACE, PROVIDER_NAMESPACE

SECRET_CONFIG_KEYS = tuple(sorted(ARGUMENT_TO_KEY[argument] for argument in SECRET_ARGUMENTS))
PROVIDER_SECRET_CONFIG_KEYS = ("clientCertificatePassword", "clientSecret", "oidcRequestToken", "oidcToken")
"""The azure-native provider's credentials among its settings (`PROVIDER_CONFIG_KEYS`)."""


def unencrypted_secret_warnings(
    present_keys: Iterable[str], is_secret: Callable[[str], bool], project: str = NAMESPACE
) -> tuple[str, ...]:
    """One warning per secret config key that is set but not stored as a secret; `project` is
    the project's name (`pulumi.get_project()`), the keys' namespace."""
    present = set(present_keys)
    secret_keys = [
        *((f"{project}:{key}", key) for key in SECRET_CONFIG_KEYS),
        *((f"{PROVIDER_NAMESPACE}:{key}", f"{PROVIDER_NAMESPACE}:{key}") for key in PROVIDER_SECRET_CONFIG_KEYS),
    ]
    return tuple(
        f"{full_key} is stored in plain text in the stack's config file: set it with "
        f"`pulumi config set --secret {key} ...` so that Pulumi encrypts it."
        for full_key, key in secret_keys
        if full_key in present and not is_secret(full_key)
    )
