"""Azure's VM sizes by name: the sizes of each current series, which series are retired, and which
run on Arm64 processors.

Sources, read 2026-12:
- Microsoft Learn, the size-series pages under "Sizes for virtual machines in Azure"
  (learn.microsoft.com/azure/virtual-machines/sizes/overview; one page a series, e.g.
  .../sizes/general-purpose/dsv5-series, .../sizes/memory-optimized/esv6-series): the sizes of each
  series, by vCPU count. Constrained-vCPU sizes (`Standard_E16-4as_v5`: 16 vCPUs' memory, 4 active)
  are their base size with fewer active vCPUs, so they are recognised from the base size.
- Microsoft Learn "Retired Azure VM size series" (learn.microsoft.com/azure/virtual-machines/sizes/
  retirement/retired-sizes-list, ms.date 2025-06-13, and its earlier versions): Av1 (A0-A11 and the
  Basic A sizes) retired 2024-08-31, HB (v1) 2024-08-31, NV, NC, NCv2 and ND 2023-09-06, NCv3
  2025-09-30, NVv3 and NVv4 2026-09-30. A retired size "can't be provisioned".
- Arm64 sizes are the series with a `p` (Arm-based processor) among their additive features
  (learn.microsoft.com/azure/virtual-machines/vm-naming-conventions): Dpsv5, Dpdsv5, Dplsv5,
  Dpldsv5, Epsv5, Epdsv5, Bpsv2 and their v6 successors. They boot only Arm64 images, and x64
  sizes only x64 images (learn.microsoft.com/azure/virtual-machines/dpsv5-dpdsv5-series).

A size published after the date above is refused as unknown until it is added here: add its
series to `SERIES` (or its name to `IRREGULAR_SIZES`).
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SizeSeries:
    """One size series: its size names are `pattern` with each vCPU count put in for `{}`."""

    name: str
    pattern: str
    vcpus: tuple[int, ...]
    arm64: bool = False
    retired: datetime.date | None = None
    """The day Azure stopped provisioning the series; None while it is available."""

    @property
    def sizes(self) -> tuple[str, ...]:
        return tuple(self.pattern.format(n) for n in self.vcpus)


_V5 = (2, 4, 8, 16, 32, 48, 64, 96)
_V4 = (2, 4, 8, 16, 32, 48, 64)
_E = (2, 4, 8, 16, 20, 32, 48, 64)
_E5 = (*_E, 96, 104)
_ARM = (2, 4, 8, 16, 32, 48, 64)
_RETIRED_2023 = datetime.date(2023, 9, 6)
_RETIRED_2024 = datetime.date(2024, 8, 31)
_RETIRED_NCV3 = datetime.date(2025, 9, 30)
_RETIRED_NVV3_NVV4 = datetime.date(2026, 9, 30)

SERIES: tuple[SizeSeries, ...] = (
    # General purpose
    SizeSeries("Av1", "Standard_A{}", (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), retired=_RETIRED_2024),
    SizeSeries("Av2", "Standard_A{}_v2", (1, 2, 4, 8)),
    SizeSeries("Amv2", "Standard_A{}m_v2", (2, 4, 8)),
    SizeSeries("Bsv2", "Standard_B{}s_v2", (2, 4, 8, 16, 32)),
    SizeSeries("Bsv2 (low memory)", "Standard_B{}ls_v2", (2, 4, 8, 16, 32)),
    SizeSeries("Basv2", "Standard_B{}as_v2", (2, 4, 8, 16, 32)),
    SizeSeries("Basv2 (low memory)", "Standard_B{}als_v2", (2, 4, 8, 16, 32)),
    SizeSeries("Bpsv2", "Standard_B{}ps_v2", (2, 4, 8, 16), arm64=True),
    SizeSeries("Bpsv2 (low memory)", "Standard_B{}pls_v2", (2, 4, 8, 16), arm64=True),
    SizeSeries("D", "Standard_D{}", (1, 2, 3, 4, 11, 12, 13, 14)),
    SizeSeries("Ds", "Standard_DS{}", (1, 2, 3, 4, 11, 12, 13, 14)),
    SizeSeries("Dv2", "Standard_D{}_v2", (1, 2, 3, 4, 5, 11, 12, 13, 14, 15)),
    SizeSeries("Dv2 Promo", "Standard_D{}_v2_Promo", (2, 3, 4, 5, 11, 12, 13, 14)),
    SizeSeries("Dsv2", "Standard_DS{}_v2", (1, 2, 3, 4, 5, 11, 12, 13, 14, 15)),
    SizeSeries("Dsv2 Promo", "Standard_DS{}_v2_Promo", (2, 3, 4, 5, 11, 12, 13, 14)),
    SizeSeries("Dv3", "Standard_D{}_v3", _V4),
    SizeSeries("Dsv3", "Standard_D{}s_v3", _V4),
    SizeSeries("Dv4", "Standard_D{}_v4", _V4),
    SizeSeries("Dsv4", "Standard_D{}s_v4", _V4),
    SizeSeries("Ddv4", "Standard_D{}d_v4", _V4),
    SizeSeries("Ddsv4", "Standard_D{}ds_v4", _V4),
    SizeSeries("Dav4", "Standard_D{}a_v4", _V5),
    SizeSeries("Dasv4", "Standard_D{}as_v4", _V5),
    SizeSeries("Dv5", "Standard_D{}_v5", _V5),
    SizeSeries("Dsv5", "Standard_D{}s_v5", _V5),
    SizeSeries("Ddv5", "Standard_D{}d_v5", _V5),
    SizeSeries("Ddsv5", "Standard_D{}ds_v5", _V5),
    SizeSeries("Dlsv5", "Standard_D{}ls_v5", _V5),
    SizeSeries("Dldsv5", "Standard_D{}lds_v5", _V5),
    SizeSeries("Dasv5", "Standard_D{}as_v5", _V5),
    SizeSeries("Dadsv5", "Standard_D{}ads_v5", _V5),
    SizeSeries("Dpsv5", "Standard_D{}ps_v5", _ARM, arm64=True),
    SizeSeries("Dpdsv5", "Standard_D{}pds_v5", _ARM, arm64=True),
    SizeSeries("Dplsv5", "Standard_D{}pls_v5", _ARM, arm64=True),
    SizeSeries("Dpldsv5", "Standard_D{}plds_v5", _ARM, arm64=True),
    SizeSeries("Dsv6", "Standard_D{}s_v6", (*_V5, 128)),
    SizeSeries("Ddsv6", "Standard_D{}ds_v6", (*_V5, 128)),
    SizeSeries("Dlsv6", "Standard_D{}ls_v6", (*_V5, 128)),
    SizeSeries("Dldsv6", "Standard_D{}lds_v6", (*_V5, 128)),
    SizeSeries("Dasv6", "Standard_D{}as_v6", _V5),
    SizeSeries("Dadsv6", "Standard_D{}ads_v6", _V5),
    SizeSeries("Dalsv6", "Standard_D{}als_v6", _V5),
    SizeSeries("Daldsv6", "Standard_D{}alds_v6", _V5),
    SizeSeries("Dpsv6", "Standard_D{}ps_v6", (*_ARM, 96), arm64=True),
    SizeSeries("Dpdsv6", "Standard_D{}pds_v6", (*_ARM, 96), arm64=True),
    SizeSeries("Dplsv6", "Standard_D{}pls_v6", (*_ARM, 96), arm64=True),
    SizeSeries("Dpldsv6", "Standard_D{}plds_v6", (*_ARM, 96), arm64=True),
    SizeSeries("DCasv5", "Standard_DC{}as_v5", _V5),
    SizeSeries("DCadsv5", "Standard_DC{}ads_v5", _V5),
    # Memory optimized
    SizeSeries("Ev3", "Standard_E{}_v3", _E),
    SizeSeries("Esv3", "Standard_E{}s_v3", _E),
    SizeSeries("Ev4", "Standard_E{}_v4", _E),
    SizeSeries("Esv4", "Standard_E{}s_v4", _E),
    SizeSeries("Edv4", "Standard_E{}d_v4", _E),
    SizeSeries("Edsv4", "Standard_E{}ds_v4", _E),
    SizeSeries("Eav4", "Standard_E{}a_v4", (*_E, 96)),
    SizeSeries("Easv4", "Standard_E{}as_v4", (*_E, 96)),
    SizeSeries("Ev5", "Standard_E{}_v5", _E5),
    SizeSeries("Esv5", "Standard_E{}s_v5", _E5),
    SizeSeries("Edv5", "Standard_E{}d_v5", _E5),
    SizeSeries("Edsv5", "Standard_E{}ds_v5", _E5),
    SizeSeries("Easv5", "Standard_E{}as_v5", (*_E, 96, 112)),
    SizeSeries("Eadsv5", "Standard_E{}ads_v5", (*_E, 96, 112)),
    SizeSeries("Epsv5", "Standard_E{}ps_v5", (2, 4, 8, 16, 20, 32), arm64=True),
    SizeSeries("Epdsv5", "Standard_E{}pds_v5", (2, 4, 8, 16, 20, 32), arm64=True),
    SizeSeries("Esv6", "Standard_E{}s_v6", (*_E, 96, 128, 192)),
    SizeSeries("Edsv6", "Standard_E{}ds_v6", (*_E, 96, 128, 192)),
    SizeSeries("Easv6", "Standard_E{}as_v6", (*_E, 96)),
    SizeSeries("Eadsv6", "Standard_E{}ads_v6", (*_E, 96)),
    SizeSeries("Epsv6", "Standard_E{}ps_v6", (*_ARM, 96), arm64=True),
    SizeSeries("Epdsv6", "Standard_E{}pds_v6", (*_ARM, 96), arm64=True),
    SizeSeries("G", "Standard_G{}", (1, 2, 3, 4, 5)),
    SizeSeries("Gs", "Standard_GS{}", (1, 2, 3, 4, 5)),
    # Compute optimized
    SizeSeries("F", "Standard_F{}", (1, 2, 4, 8, 16)),
    SizeSeries("Fs", "Standard_F{}s", (1, 2, 4, 8, 16)),
    SizeSeries("Fsv2", "Standard_F{}s_v2", (2, 4, 8, 16, 32, 48, 64, 72)),
    SizeSeries("Fasv6", "Standard_F{}as_v6", _ARM),
    SizeSeries("Falsv6", "Standard_F{}als_v6", _ARM),
    SizeSeries("Famsv6", "Standard_F{}ams_v6", _ARM),
    SizeSeries("FX", "Standard_FX{}mds", (4, 12, 24, 36, 48)),
    # Storage optimized
    SizeSeries("Ls", "Standard_L{}s", (4, 8, 16, 32)),
    SizeSeries("Lsv2", "Standard_L{}s_v2", (8, 16, 32, 48, 64, 80)),
    SizeSeries("Lsv3", "Standard_L{}s_v3", (8, 16, 32, 48, 64, 80)),
    SizeSeries("Lasv3", "Standard_L{}as_v3", (8, 16, 32, 48, 64, 80)),
    # GPU and FPGA
    SizeSeries("NC", "Standard_NC{}", (6, 12, 24), retired=_RETIRED_2023),
    SizeSeries("NC (RDMA)", "Standard_NC{}r", (24,), retired=_RETIRED_2023),
    SizeSeries("NCv2", "Standard_NC{}s_v2", (6, 12, 24), retired=_RETIRED_2023),
    SizeSeries("NCv3", "Standard_NC{}s_v3", (6, 12, 24), retired=_RETIRED_NCV3),
    SizeSeries("NCv3 (RDMA)", "Standard_NC{}rs_v3", (24,), retired=_RETIRED_NCV3),
    SizeSeries("ND", "Standard_ND{}s", (6, 12, 24), retired=_RETIRED_2023),
    SizeSeries("NV", "Standard_NV{}", (6, 12, 24), retired=_RETIRED_2023),
    SizeSeries("NVv3", "Standard_NV{}s_v3", (12, 24, 48), retired=_RETIRED_NVV3_NVV4),
    SizeSeries("NVv4", "Standard_NV{}as_v4", (4, 8, 16, 32), retired=_RETIRED_NVV3_NVV4),
    SizeSeries("NCasT4_v3", "Standard_NC{}as_T4_v3", (4, 8, 16, 64)),
    SizeSeries("NC_A100_v4", "Standard_NC{}ads_A100_v4", (24, 48, 96)),
    SizeSeries("NVadsA10_v5", "Standard_NV{}ads_A10_v5", (6, 12, 18, 36, 72)),
    SizeSeries("NP", "Standard_NP{}s", (10, 20, 40)),
    # High-performance compute
    SizeSeries("HB", "Standard_HB{}rs", (60,), retired=_RETIRED_2024),
    SizeSeries("HBv3", "Standard_HB{}rs_v3", (120,)),
    SizeSeries("HBv4", "Standard_HB{}rs_v4", (176,)),
    SizeSeries("HX", "Standard_HX{}rs", (176,)),
)
# Sizes whose names follow no vCPU pattern of one series (Learn, each series' page).
IRREGULAR_SIZES: tuple[str, ...] = (
    # B-series v1 (burstable)
    "Standard_B1ls", "Standard_B1s", "Standard_B1ms", "Standard_B2s", "Standard_B2ms", "Standard_B4ms",
    "Standard_B8ms", "Standard_B12ms", "Standard_B16ms", "Standard_B20ms",
    "Standard_B2ts_v2", "Standard_B2ats_v2", "Standard_B2pts_v2",
    # M-series
    "Standard_M8ms", "Standard_M16ms", "Standard_M32ts", "Standard_M32ls", "Standard_M32ms", "Standard_M64",
    "Standard_M64s", "Standard_M64ls", "Standard_M64m", "Standard_M64ms", "Standard_M128", "Standard_M128s",
    "Standard_M128m", "Standard_M128ms",
    # Ev5 isolated sizes, NV A10 with more memory, ND A100 / H100
    "Standard_E104i_v5", "Standard_E104is_v5", "Standard_E104id_v5", "Standard_E104ids_v5",
    "Standard_NV36adms_A10_v5", "Standard_ND40rs_v2", "Standard_ND96asr_v4", "Standard_ND96amsr_A100_v4",
    "Standard_ND96isr_H100_v5",
)  # fmt: skip

ARM64_IRREGULAR_SIZES = frozenset({"Standard_B2pts_v2"})

_CONSTRAINED = re.compile(r"^(standard_[a-z]+)(\d+)-(\d+)([a-z].*)$", re.IGNORECASE)


@dataclass(frozen=True)
class KnownSize:
    name: str
    """Azure's spelling."""
    series: str
    arm64: bool
    retired: datetime.date | None


def _catalogue() -> dict[str, KnownSize]:
    sizes: dict[str, KnownSize] = {}
    for series in SERIES:
        for size in series.sizes:
            sizes[size.lower()] = KnownSize(size, series.name, series.arm64, series.retired)
    for size in IRREGULAR_SIZES:
        arm64 = size in ARM64_IRREGULAR_SIZES
        sizes.setdefault(size.lower(), KnownSize(size, size.removeprefix("Standard_"), arm64, None))
    return sizes


KNOWN_SIZES: dict[str, KnownSize] = _catalogue()


def known_size(name: str) -> KnownSize | None:
    """The size `name` spells (case-insensitively, as ARM compares them), or None when Azure has none
    of that name. A constrained-vCPU size (`Standard_E16-4as_v5`) is its base size's series."""
    text = name.strip().lower()
    found = KNOWN_SIZES.get(text)
    if found is not None:
        return found
    constrained = _CONSTRAINED.match(text)
    if constrained is None:
        return None
    prefix, vcpus, active, rest = constrained.groups()
    base = KNOWN_SIZES.get(f"{prefix}{vcpus}{rest}")
    if base is None or not 0 < int(active) < int(vcpus):
        return None
    return KnownSize(name.strip(), base.series, base.arm64, base.retired)


def is_retired(size: KnownSize, today: datetime.date) -> bool:
    return size.retired is not None and size.retired <= today


def closest_sizes(name: str, count: int = 1) -> list[str]:
    """The current (not retired) size names nearest to `name`, best first (possibly none)."""
    today = datetime.date.today()
    current = sorted(key for key, size in KNOWN_SIZES.items() if not is_retired(size, today))
    matches = difflib.get_close_matches(name.strip().lower(), current, n=count, cutoff=0.8)
    return [KNOWN_SIZES[m].name for m in matches]
