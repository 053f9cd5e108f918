"""Guest patching: the patch modes of each OS, the images that support Azure-orchestrated patching,
and the settings each mode means.

`AutomaticByPlatform` lets Azure orchestrate patching availability-first: never all VMs
of an availability set at once (update domain by update domain, at most 20% of a set at a
time), never two availability zones at once, only in the VM's off-peak hours. It needs the
VM agent and a platform image from Azure's list of supported images, and on Windows
`enableAutomaticUpdates=true`. learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching
"""

from __future__ import annotations

from ..spec import Image, OsType, PatchSettings

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


def patch_settings_for(os_type: OsType, mode: str) -> PatchSettings:
    """The settings of patch mode `mode` (one of `PATCH_MODES[os_type]`): assessment by the platform
    exactly when patching is, Windows automatic updates as the mode needs them."""
    assessment = PLATFORM if mode == PLATFORM else IMAGE_DEFAULT
    automatic_updates = WINDOWS_AUTOMATIC_UPDATES[mode] if os_type is OsType.WINDOWS else None
    return PatchSettings(patch_mode=mode, assessment_mode=assessment, enable_automatic_updates=automatic_updates)


def image_urn(image: Image) -> str:
    """`publisher:offer:sku`, as Azure's list of supported images names them."""
    return f"{image.publisher}:{image.offer}:{image.sku}"
