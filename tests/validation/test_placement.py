"""`placement` and `zones`: an availability set by default, or availability zones."""

from __future__ import annotations

from typing import Any

import pytest

from components import validate
from components.spec import AdminAccess, VmPlacement

from ..support.constants import LINUX
from ..support.validating import rejected

ZONES = {**LINUX, "placement": "zones"}


BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    # (case, args, argument the error must name)
    ("unknown placement", {**LINUX, "placement": "regional"}, "placement"),
    ("zone 4", {**ZONES, "zones": ["1", "4"]}, "zones"),
    ("zone 0", {**ZONES, "zones": [0]}, "zones"),
    ("zone as a word", {**ZONES, "zones": ["one"]}, "zones"),
    ("zone twice", {**ZONES, "zones": ["1", "1"]}, "zones"),
    ("no zones", {**ZONES, "zones": []}, "zones"),
    ("zones as one string", {**ZONES, "zones": "1"}, "zones"),
    ("zones without placement zones", {**LINUX, "zones": ["1", "2"]}, "zones"),
    ("zones with VHD disks", {**ZONES, "disk_storage": "vhd"}, "placement"),
]


@pytest.mark.parametrize(("case", "args", "argument"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_placement_input_names_the_argument(case: str, args: dict[str, Any], argument: str) -> None:
    assert rejected(args).argument == argument


def test_bad_zone_message_says_what_is_allowed() -> None:
    assert (
        str(rejected({**ZONES, "zones": ["4"]}))
        == "zones: ['4'] is not allowed; a non-empty list of distinct availability zones from 1, 2, 3; "
        "zones[0] = '4' is not one"
    )


def test_zones_default_to_all_three() -> None:
    assert validate("web", ZONES).placement.zones == ("1", "2", "3")


def test_zones_accept_numbers_and_keep_the_given_order() -> None:
    assert validate("web", {**ZONES, "zones": [3, "1"]}).placement.zones == ("3", "1")


def test_placement_and_admin_access_are_case_insensitive() -> None:
    spec = validate("web", {**LINUX, "placement": "Zones", "admin_access": "Bastion"})
    assert (spec.placement.mode, spec.admin_access.mode) == (VmPlacement.ZONES, AdminAccess.BASTION)


def test_one_zone_is_warned_of() -> None:
    assert any("99.99%" in w for w in validate("web", {**ZONES, "zones": ["2"]}).warnings)


def test_fault_domains_are_ignored_with_zones_and_warned_of() -> None:
    assert any(
        w.startswith("fault_domain_count is ignored")
        for w in validate("web", {**ZONES, "fault_domain_count": 3}).warnings
    )
