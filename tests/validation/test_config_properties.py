"""Properties of the stack's config reading over generated values of every key (hypothesis): any
text `pulumi config set` can store is either read and validated, or refused with one
`InvalidArgumentError` that names a config key in one line and never quotes a password.

Pure: `read_stack_settings` on generated config, no Pulumi run. Bounded (`max_examples`) to keep the
suite fast; a failure prints the smallest config that shows it.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import InvalidArgumentError
from stack.config import CONFIG_KEYS, PROVIDER_NAMESPACE, read_stack_settings

from ..support.constants import NS
from ..support.keys import ED25519

EXAMPLES = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
PROVIDER = {"location": "westeurope"}.get

# What a config value can be: any text, numbers at and past the limits, and the JSON shapes the
# structured keys read, well-formed or not.
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-3, max_value=2**32).map(str),
    st.sampled_from(["", " ", "true", "false", "null", "[]", "{}", "[1, 2]", '{"port": 8080}', "0", "vhd"]),
    st.lists(st.text(max_size=12), max_size=3).map(json.dumps),
    st.dictionaries(st.sampled_from(["port", "protocol", "frontendPort", "Env", "env"]), st.integers(0, 70000)).map(
        json.dumps
    ),
)
CONFIGS = st.dictionaries(st.sampled_from(sorted(CONFIG_KEYS)), VALUES, min_size=1, max_size=3)


def refusal(config: dict[str, str]) -> InvalidArgumentError | None:
    """The error reading `config` (over the dev stack's SSH key) raises, or None when it is accepted.
    Anything else that it raises fails the test."""
    try:
        read_stack_settings({"sshPublicKey": ED25519, **config}.get, provider=PROVIDER)
    except InvalidArgumentError as error:
        return error
    return None


@EXAMPLES
@given(CONFIGS)
def test_any_config_is_accepted_or_refused_with_invalid_argument_error(config: dict[str, str]) -> None:
    refusal(config)  # raises anything else


@EXAMPLES
@given(CONFIGS)
def test_a_refusal_names_a_key_of_the_stack_or_of_the_provider(config: dict[str, str]) -> None:
    error = refusal(config)
    assert error is None or error.argument.startswith((f"{NS}:", f"{PROVIDER_NAMESPACE}:"))


@EXAMPLES
@given(CONFIGS)
def test_a_refusal_is_one_line_of_readable_length(config: dict[str, str]) -> None:
    error = refusal(config)
    assert error is None or ("\n" not in str(error) and len(str(error)) <= 1000)


@EXAMPLES
@given(st.text(max_size=80).map(lambda text: f"\N{PILCROW SIGN}{text}\N{PILCROW SIGN}"))
def test_a_refused_password_is_never_quoted(password: str) -> None:
    # Between two pilcrows, which no message writes: a password is never a word of the message by chance.
    error = refusal({"sshPublicKey": "", "adminPassword": password})
    assert error is None or password not in str(error)


@pytest.mark.parametrize("key", sorted(CONFIG_KEYS))
def test_every_key_set_to_white_space_is_read_or_refused_naming_it(key: str) -> None:
    error = refusal({key: " "})
    assert error is None or error.argument.startswith(f"{NS}:")
