"""Patch settings: platform patching where the image supports it, the OS's own otherwise
(`components.decisions.patching`, checked by `components.validation.patching`)."""

from __future__ import annotations

import pytest

from components.decisions.patching import supports_platform_patching
from components.spec import DEFAULT_IMAGES, Image, OsType
from components.validation.patching import patch_settings


@pytest.mark.parametrize("os_type", list(OsType))
def test_default_images_support_platform_patching(os_type: OsType) -> None:
    assert supports_platform_patching(DEFAULT_IMAGES[os_type])


@pytest.mark.parametrize(
    ("os_type", "requested", "expected"),
    [
        (OsType.LINUX, "imagedefault", ("ImageDefault", "ImageDefault", None)),
        (OsType.WINDOWS, "AutomaticByOS", ("AutomaticByOS", "ImageDefault", True)),
        (OsType.WINDOWS, "manual", ("Manual", "ImageDefault", False)),
        (OsType.LINUX, "AutomaticByPlatform", ("AutomaticByPlatform", "AutomaticByPlatform", None)),
    ],
)
def test_patch_mode_opt_outs(os_type: OsType, requested: str, expected: tuple[str, str, bool | None]) -> None:
    settings = patch_settings(os_type, DEFAULT_IMAGES[os_type], requested, [])
    assert (settings.patch_mode, settings.assessment_mode, settings.enable_automatic_updates) == expected


def test_unsupported_image_falls_back_to_the_os_default_with_a_warning() -> None:
    warnings: list[str] = []
    settings = patch_settings(OsType.LINUX, Image("Debian", "debian-12", "12", "latest"), None, warnings)
    assert settings.patch_mode == "ImageDefault" and "Debian:debian-12:12" in warnings[0]


def test_windows_manual_warns_that_vms_are_replaced() -> None:
    warnings: list[str] = []
    patch_settings(OsType.WINDOWS, DEFAULT_IMAGES[OsType.WINDOWS], "Manual", warnings)
    assert "replaced" in warnings[0]
