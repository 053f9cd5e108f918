"""Resource names (`components.decisions.naming`): VM, computer, NAT rule, storage account and action group names."""

from __future__ import annotations

import re

import pytest

from components.decisions.naming import MAX_ACTION_GROUP_SHORT_NAME, ResourceNames, storage_account_name
from components.spec import OsType

from ..support.constants import SUBSCRIPTION

SEED = (SUBSCRIPTION, "rg-dev", "azure-multi-vm", "dev", "web")


def test_vm_names_are_one_based_like_the_articles() -> None:
    assert ResourceNames("web").vm(0) == "web-vm-1"


def test_windows_computer_names_fit_fifteen_characters() -> None:
    names = ResourceNames("a-very-long-tier-name")
    assert all(len(names.computer_name(i, OsType.WINDOWS)) <= 15 for i in range(200))


def test_windows_computer_names_stay_unique_when_cut() -> None:
    names = ResourceNames("a-very-long-tier-name")
    assert len({names.computer_name(i, OsType.WINDOWS) for i in range(200)}) == 200


def test_linux_computer_name_is_the_vm_name() -> None:
    assert ResourceNames("web").computer_name(4, OsType.LINUX) == "web-vm-5"


def test_nat_rule_names_say_the_protocol() -> None:
    names = ResourceNames("web")
    assert (names.inbound_nat_rule(0, OsType.LINUX), names.inbound_nat_rule(1, OsType.WINDOWS)) == (
        "web-vm-1-ssh",
        "web-vm-2-rdp",
    )


@pytest.mark.parametrize("component", ["web", "a-very-long-tier-name-24c", "x1"])
@pytest.mark.parametrize("purpose", ["diag", "vhd1", "vhd200"])
def test_storage_account_names_are_valid(component: str, purpose: str) -> None:
    assert re.fullmatch(r"[a-z0-9]{3,24}", storage_account_name(component, purpose, SEED))


def test_storage_account_name_is_stable_across_runs() -> None:
    # A literal: a name derived from a per-process hash would change between runs and fail here.
    assert storage_account_name("web", "diag", SEED) == "web653aef0aebdiag"


def test_storage_account_name_differs_per_subscription() -> None:
    other = ("ffffffff-1111-2222-3333-444444444444", *SEED[1:])
    assert storage_account_name("web", "diag", SEED) != storage_account_name("web", "diag", other)


def test_storage_account_name_differs_per_stack() -> None:
    other = (*SEED[:3], "prod", SEED[4])
    assert storage_account_name("web", "diag", SEED) != storage_account_name("web", "diag", other)


@pytest.mark.parametrize("base", ["web", "a-very-long-component-name"])
def test_action_group_short_name_fits_azure_limit(base: str) -> None:
    short = ResourceNames(base).action_group_short_name
    assert 1 <= len(short) <= MAX_ACTION_GROUP_SHORT_NAME and not short.endswith("-")
