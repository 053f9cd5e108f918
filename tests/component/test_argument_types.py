"""The component called from Python with values of the wrong type: refused before the first of its
resources is registered, or, for an Output, when it resolves, with the same one-line error."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from components import InvalidArgumentError
from offline.azure_mocks import AzureMocks
from offline.harness import evaluate_component

from ..support.keys import ED25519


def refusal(args: dict[str, Any]) -> tuple[BaseException, AzureMocks]:
    """What evaluating the component with `args` raised, and the mocks it registered with."""
    mocks = AzureMocks()
    with pytest.raises(Exception) as caught:
        evaluate_component("web", args, mocks=mocks)
    return caught.value, mocks


def invalid_argument(error: BaseException) -> InvalidArgumentError:
    """The `InvalidArgumentError` in `error`'s chain (the SDK wraps one raised while it serialises inputs)."""
    found: BaseException | None = error
    while found is not None and not isinstance(found, InvalidArgumentError):
        found = found.__cause__ or found.__context__
    assert isinstance(found, InvalidArgumentError), error
    return found


@pytest.fixture(scope="module")
def bytes_custom_data() -> tuple[BaseException, AzureMocks]:
    return refusal({"ssh_public_key": ED25519, "custom_data": b"#cloud-config\n"})


def test_bytes_custom_data_is_refused_naming_custom_data(bytes_custom_data: tuple[BaseException, AzureMocks]) -> None:
    assert invalid_argument(bytes_custom_data[0]).argument == "custom_data"


def test_bytes_custom_data_is_refused_before_any_resource_of_the_set(
    bytes_custom_data: tuple[BaseException, AzureMocks],
) -> None:
    assert [r.type for r in bytes_custom_data[1].registered] == ["azure-native:resources:ResourceGroup"]


def test_an_ssh_key_output_of_none_is_refused_as_missing_when_it_resolves() -> None:
    error, _ = refusal({"ssh_public_key": pulumi.Output.from_input(None)})
    assert (invalid_argument(error).argument, invalid_argument(error).required) == ("ssh_public_key", True)


def test_a_password_output_of_a_number_is_refused_without_showing_it() -> None:
    error, _ = refusal({"os_type": "windows", "admin_password": pulumi.Output.from_input(123456789012)})
    assert invalid_argument(error).secret
