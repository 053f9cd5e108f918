"""Guest patching: which patch mode each VM gets, decided from the OS, the image and `patch_mode`.

`AutomaticByPlatform` lets Azure orchestrate patching availability-first: never all VMs
of an availability set at once (update domain by update domain, at most 20% of a set at a
time), never two availability zones at once, only in the VM's off-peak hours. It needs the
VM agent and a platform image from Azure's list of supported images, and on Windows
`enableAutomaticUpdates=true`. learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching
"""

from __future__ import annotations

from ..errors import InvalidArgumentError
from .spec import DEFAULT_PATCH_SETTINGS, Image, OsType, PatchSettings

PLATFORM = "AutomaticByPlatform"
IMAGE_DEFAULT = "ImageDefault"
# Azure's spellings, by OS: Linux has no AutomaticByOS/Manual, Windows no ImageDefault.
PATCH_MODES: dict[OsType, tuple[str, ...]] = {
    OsType.LINUX: (PLATFORM, IMAGE_DEFAULT),
    OsType.WINDOWS: (PLATFORM, "AutomaticByOS", "Manual"),
}
# What each opt-out means on Windows: enableAutomaticUpdates must be true for AutomaticByOS
# and AutomaticByPlatform, false for Manual (and can only be set when the VM is created).
WINDOWS_AUTOMATIC_UPDATES = {PLATFORM: True, "AutomaticByOS": True, "Manual": False}
# Without the platform, the patch mode Azure itself applies when none is given.
OS_DEFAULT_PATCH_MODES = {OsType.LINUX: IMAGE_DEFAULT, OsType.WINDOWS: "AutomaticByOS"}

# Platform images that support AutomaticByPlatform (publisher, offer, sku; lower case), the
# Ubuntu and Windows Server part of "Supported OS images" on the page above (checked 2026-11).
# Azure adds images over time: an image missing here is warned about, not refused.
SUPPORTED_IMAGES = frozenset(
    (publisher.lower(), offer.lower(), sku.lower())
    for publisher, offer, skus in (
        ("Canonical", "ubuntu-24_04-lts", "server server-arm64 server-gen1 ubuntu-pro cvm ubuntu-pro-cvm"),
        ("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts 22_04-lts-gen2 22_04-lts-arm64"),
        ("Canonical", "0001-com-ubuntu-server-focal", "20_04-lts 20_04-lts-gen2 20_04-lts-arm64"),
        ("Canonical", "0001-com-ubuntu-pro-jammy", "pro-22_04-lts-gen2"),
        (
            "MicrosoftWindowsServer",
            "WindowsServer",
            "2016-datacenter 2016-datacenter-gensecond 2016-datacenter-server-core 2016-datacenter-smalldisk "
            "2019-datacenter 2019-datacenter-core 2019-datacenter-gensecond 2019-datacenter-smalldisk "
            "2022-datacenter 2022-datacenter-g2 2022-datacenter-core 2022-datacenter-core-g2 "
            "2022-datacenter-smalldisk 2022-datacenter-smalldisk-g2 2022-datacenter-azure-edition "
            "2022-datacenter-azure-edition-core 2022-datacenter-azure-edition-smalldisk "
            "2022-datacenter-azure-edition-core-smalldisk 2022-datacenter-azure-edition-hotpatch "
            "2025-datacenter 2025-datacenter-core 2025-datacenter-smalldisk 2025-datacenter-azure-edition "
            "2025-datacenter-azure-edition-core 2025-datacenter-azure-edition-smalldisk",
        ),
    )
    for sku in skus.split()
)


def supports_platform_patching(image: Image) -> bool:
    """Whether Azure lists the image as supporting `AutomaticByPlatform` patching."""
    return (image.publisher.lower(), image.offer.lower(), image.sku.lower()) in SUPPORTED_IMAGES


def patch_settings(os_type: OsType, image: Image, requested: object, warnings: list[str]) -> PatchSettings:
    """The VMs' patch settings for `patch_mode` = `requested` (None: the default).

    Default: `AutomaticByPlatform` where the image supports it, else the OS's own default
    (with a warning). Assessment is by the platform exactly when patching is.
    """
    modes = PATCH_MODES[os_type]
    if requested is None or (isinstance(requested, str) and not requested.strip()):
        if supports_platform_patching(image):
            return DEFAULT_PATCH_SETTINGS[os_type]
        mode = OS_DEFAULT_PATCH_MODES[os_type]
        warnings.append(
            f"The image {_urn(image)} is not on Azure's list of images that support AutomaticByPlatform "
            f"patching, so the VMs use patch_mode {mode!r}, which does not orchestrate patching across the "
            f"set. Set patch_mode explicitly to silence this."
        )
        return _settings(os_type, mode)
    spelled = {mode.lower(): mode for mode in modes}
    if not isinstance(requested, str) or requested.strip().lower() not in spelled:
        raise InvalidArgumentError("patch_mode", requested, f"for {os_type.value} VMs, one of {', '.join(modes)}")
    mode = spelled[requested.strip().lower()]
    if mode == PLATFORM and not supports_platform_patching(image):
        warnings.append(
            f"patch_mode 'AutomaticByPlatform' with the image {_urn(image)}, which is not on Azure's list of "
            "supported images (learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching): Azure "
            "may refuse the VMs if the list has not grown to include it."
        )
    if mode == "Manual":
        warnings.append(
            "patch_mode 'Manual' turns Windows automatic updates off, a setting Azure fixes when a VM is "
            "created: existing VMs are replaced, and nobody patches them unless you do."
        )
    return _settings(os_type, mode)


def _settings(os_type: OsType, mode: str) -> PatchSettings:
    assessment = PLATFORM if mode == PLATFORM else IMAGE_DEFAULT
    automatic_updates = WINDOWS_AUTOMATIC_UPDATES[mode] if os_type is OsType.WINDOWS else None
    return PatchSettings(patch_mode=mode, assessment_mode=assessment, enable_automatic_updates=automatic_updates)


def _urn(image: Image) -> str:
    return f"{image.publisher}:{image.offer}:{image.sku}"
