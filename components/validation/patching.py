"""Guest patching: `patch_mode` read for the VMs' OS and image (the modes and images: decisions/patching.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..decisions.patching import (
    OS_DEFAULT_PATCH_MODES,
    PATCH_MODES,
    PLATFORM,
    image_urn,
    patch_settings_for,
    supports_platform_patching,
)
from ..errors import InvalidArgumentError
from ..spec import DEFAULT_PATCH_SETTINGS, Image, OsType, PatchSettings
from .inputs import is_missing


def read_patching(args: Mapping[str, Any], os_type: OsType, image: Image, warnings: list[str]) -> PatchSettings:
    return patch_settings(os_type, image, args.get("patch_mode"), warnings)


def patch_settings(os_type: OsType, image: Image, requested: object, warnings: list[str]) -> PatchSettings:
    """The VMs' patch settings for `patch_mode` = `requested` (None: the default).

    Default: `AutomaticByPlatform` where the image supports it, else the OS's own default
    (with a warning). Assessment is by the platform exactly when patching is.
    """
    modes = PATCH_MODES[os_type]
    if is_missing(requested):
        if supports_platform_patching(image):
            return DEFAULT_PATCH_SETTINGS[os_type]
        mode = OS_DEFAULT_PATCH_MODES[os_type]
        warnings.append(
            f"The image {image_urn(image)} is not on Azure's list of images that support AutomaticByPlatform "
            f"patching, so the VMs use patch_mode {mode!r}, which does not orchestrate patching across the "
            f"set. Set patch_mode explicitly to silence this."
        )
        return patch_settings_for(os_type, mode)
    spelled = {mode.lower(): mode for mode in modes}
    if not isinstance(requested, str) or requested.strip().lower() not in spelled:
        raise InvalidArgumentError("patch_mode", requested, f"for {os_type.value} VMs, one of {', '.join(modes)}")
    mode = spelled[requested.strip().lower()]
    if mode == PLATFORM and not supports_platform_patching(image):
        warnings.append(
            f"patch_mode 'AutomaticByPlatform' with the image {image_urn(image)}, which is not on Azure's list of "
            "supported images (learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching): Azure "
            "may refuse the VMs if the list has not grown to include it."
        )
    if mode == "Manual":
        warnings.append(
            "patch_mode 'Manual' turns Windows automatic updates off, a setting Azure fixes when a VM is "
            "created: existing VMs are replaced, and nobody patches them unless you do."
        )
    return patch_settings_for(os_type, mode)
