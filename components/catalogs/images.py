"""What a marketplace image's name says about it: its operating system, its CPU architecture, and
whether it is a generation 1 image whose generation 2 twin has another SKU.

Sources, read 2026-12:
- Microsoft Learn "Support for generation 2 VMs on Azure"
  (learn.microsoft.com/azure/virtual-machines/generation-2), "Generation 2 VM images in Azure
  Marketplace": the generation 2 image of these releases is a SKU of its own (`18_04-lts-gen2`,
  `2019-datacenter-gensecond`, `2022-datacenter-g2`, ...); the SKU without the mark is generation 1,
  which Trusted Launch cannot boot (learn.microsoft.com/azure/virtual-machines/trusted-launch,
  "Trusted Launch supports generation 2 VMs only"). `az vm image show --urn ... --query
  hyperVGeneration` answers for any other image.
- Windows images are published by Microsoft's Windows publishers (`az vm image list-publishers`):
  MicrosoftWindowsServer, MicrosoftWindowsDesktop, MicrosoftSQLServer, MicrosoftVisualStudio.
- Arm64 images say so in their SKU (`server-arm64`, `22_04-lts-arm64`, `win11-24h2-pro-arm64`):
  learn.microsoft.com/azure/virtual-machines/dpsv5-dpdsv5-series lists Arm64 images by that mark.
"""

from __future__ import annotations

WINDOWS_PUBLISHERS: frozenset[str] = frozenset(
    {"microsoftwindowsserver", "microsoftwindowsdesktop", "microsoftsqlserver", "microsoftvisualstudio"}
)

# (publisher, offer, generation 1 SKU) -> the SKU of the same release's generation 2 image, in lower case.
GENERATION_1_IMAGES: dict[tuple[str, str, str], str] = {
    ("canonical", "ubuntuserver", "18.04-lts"): "18_04-lts-gen2",
    ("canonical", "0001-com-ubuntu-server-focal", "20_04-lts"): "20_04-lts-gen2",
    ("canonical", "0001-com-ubuntu-server-jammy", "22_04-lts"): "22_04-lts-gen2",
    ("microsoftwindowsserver", "windowsserver", "2012-r2-datacenter"): "2012-r2-datacenter-gensecond",
    ("microsoftwindowsserver", "windowsserver", "2016-datacenter"): "2016-datacenter-gensecond",
    ("microsoftwindowsserver", "windowsserver", "2019-datacenter"): "2019-datacenter-gensecond",
    ("microsoftwindowsserver", "windowsserver", "2022-datacenter"): "2022-datacenter-g2",
    ("debian", "debian-11", "11"): "11-gen2",
    ("debian", "debian-12", "12"): "12-gen2",
    ("redhat", "rhel", "8-lvm"): "8-lvm-gen2",
    ("redhat", "rhel", "9-lvm"): "9-lvm-gen2",
}
# Releases published only as generation 1 images (no generation 2 SKU).
GENERATION_1_ONLY_IMAGES: frozenset[tuple[str, str, str]] = frozenset({("canonical", "ubuntuserver", "16.04-lts")})


def is_windows_image(publisher: str) -> bool:
    return publisher.strip().lower() in WINDOWS_PUBLISHERS


def is_arm64_image(offer: str, sku: str) -> bool:
    return "arm64" in sku.lower() or "arm64" in offer.lower()


def is_generation_1_image(publisher: str, offer: str, sku: str) -> bool:
    key = (publisher.strip().lower(), offer.strip().lower(), sku.strip().lower())
    return key in GENERATION_1_IMAGES or key in GENERATION_1_ONLY_IMAGES


def generation_2_sku(publisher: str, offer: str, sku: str) -> str | None:
    """The generation 2 SKU of the same release, when the generation 1 `sku` has one."""
    return GENERATION_1_IMAGES.get((publisher.strip().lower(), offer.strip().lower(), sku.strip().lower()))
