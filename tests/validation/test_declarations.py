"""Each argument is declared once, in components/args.py: its config key, how the key's text is read
and its default follow from that declaration (components/declarations.py, stack/config.py), for
every argument, and for one made up here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NotRequired

import pytest

from components import validate
from components.args import (
    ARGUMENT_NAMES,
    SECRET_ARGUMENTS,
    URN_ARGUMENTS,
    VERBATIM_ARGUMENTS,
    LoadBalancedVmSetArgs,
)
from components.declarations import declared_default, declared_defaults
from stack.config import CONFIG_KEYS, Reading, config_arguments, config_readings
from stack.secrets import SECRET_CONFIG_KEYS

from ..support.constants import LINUX, NS


class Reads(Mapping[str, Any]):
    """Arguments that note which of them the validation reads."""

    def __init__(self, args: Mapping[str, Any]) -> None:
        self.args = args
        self.read: set[str] = set()

    def __getitem__(self, argument: str) -> Any:
        self.read.add(argument)
        return self.args[argument]

    def __iter__(self) -> Iterator[str]:
        return iter(self.args)

    def __len__(self) -> int:
        return len(self.args)


class WithRetention(LoadBalancedVmSetArgs, total=False):
    """The component's arguments and one more, as a new argument is declared."""

    boot_diagnostics_retention: NotRequired[int]
    """Days boot diagnostics are kept, 1-365. Default: `7`."""


def test_the_validation_reads_every_declared_argument() -> None:
    args = Reads(LINUX)
    validate("web", args)
    assert args.read == set(ARGUMENT_NAMES)


def test_the_exceptions_to_reading_by_type_name_arguments() -> None:
    assert set(ARGUMENT_NAMES) >= VERBATIM_ARGUMENTS | URN_ARGUMENTS | SECRET_ARGUMENTS


@pytest.mark.parametrize(
    ("key", "reading"),
    [
        ("vmCount", Reading.NUMBER),
        ("public", Reading.SWITCH),
        ("sshPublicKey", Reading.TEXT),
        ("adminPassword", Reading.VERBATIM),
        ("customData", Reading.VERBATIM),
        ("zones", Reading.LIST),
        ("lbRules", Reading.FIELDS),
        ("probe", Reading.FIELDS),
        ("image", Reading.FIELDS_OR_URN),
        ("tags", Reading.MAP),
    ],
)
def test_a_keys_text_is_read_as_its_arguments_type_says(key: str, reading: Reading) -> None:
    assert config_readings()[key][1] is reading


def test_the_stack_gives_itself_its_resource_group() -> None:
    assert "resource_group_name" not in CONFIG_KEYS.values()


def test_the_secret_config_keys_are_those_of_the_secret_arguments() -> None:
    assert SECRET_CONFIG_KEYS == ("adminPassword",)


@pytest.mark.parametrize("argument", sorted(declared_defaults(LoadBalancedVmSetArgs)))
def test_giving_an_argument_its_declared_default_changes_nothing(argument: str) -> None:
    value: Any = declared_default(LoadBalancedVmSetArgs, argument)
    assert validate("web", {**LINUX, argument: value}) == validate("web", LINUX)


def test_a_new_argument_has_a_config_key_read_as_its_type_says() -> None:
    assert config_readings(WithRetention)["bootDiagnosticsRetention"] == ("boot_diagnostics_retention", Reading.NUMBER)


def test_a_new_arguments_config_key_is_read() -> None:
    config = {"bootDiagnosticsRetention": " 30 "}
    assert config_arguments(config.get, NS, WithRetention) == {"boot_diagnostics_retention": 30}


def test_a_new_arguments_declared_default_is_a_value_of_its_type() -> None:
    assert declared_default(WithRetention, "boot_diagnostics_retention") == 7


def test_a_default_its_type_cannot_take_is_refused() -> None:
    class Misdeclared(LoadBalancedVmSetArgs, total=False):
        retention_days: NotRequired[int]
        """Days. Default: `a week`."""

    with pytest.raises(TypeError, match=r"Misdeclared\.retention_days: the declared default `a week`"):
        declared_defaults(Misdeclared)
