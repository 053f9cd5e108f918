"""`patch_mode`: the modes each OS has."""

from __future__ import annotations

from typing import Any

import pytest

from components import validate

from ..support.constants import LINUX, WINDOWS
from ..support.validating import rejected

BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    # (case, args, argument the error must name)
    ("Linux patch mode AutomaticByOS", {**LINUX, "patch_mode": "AutomaticByOS"}, "patch_mode"),
    ("Linux patch mode Manual", {**LINUX, "patch_mode": "Manual"}, "patch_mode"),
    ("Windows patch mode ImageDefault", {**WINDOWS, "patch_mode": "ImageDefault"}, "patch_mode"),
    ("unknown patch mode", {**LINUX, "patch_mode": "Sometimes"}, "patch_mode"),
]


@pytest.mark.parametrize(("case", "args", "argument"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_patch_mode_input_names_the_argument(case: str, args: dict[str, Any], argument: str) -> None:
    assert rejected(args).argument == argument


def test_windows_platform_patching_keeps_automatic_updates_on() -> None:
    settings = validate("web", WINDOWS).patching
    assert (settings.patch_mode, settings.assessment_mode, settings.enable_automatic_updates) == (
        "AutomaticByPlatform",
        "AutomaticByPlatform",
        True,
    )
