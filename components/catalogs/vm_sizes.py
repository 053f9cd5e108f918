"""Azure's VM size families, as size names spell them, and which of them can take Trusted Launch.

A size name is `Standard_` + family (one or more capital letters) + vCPU count + lower-case additive
features + optional accelerator and version (`Standard_D2s_v5`, `Standard_NC24ads_A100_v4`,
`Standard_E16-4as_v5`). ARM compares size names case-insensitively.

Sources, read 2026-12:
- Microsoft Learn "Sizes for virtual machines in Azure"
  (learn.microsoft.com/azure/virtual-machines/sizes/overview) and "Azure virtual machine sizes naming
  conventions" (learn.microsoft.com/azure/virtual-machines/vm-naming-conventions): the families below,
  by the letters that start their size names.
- Basic sizes (`Basic_A0`..`Basic_A4`) have no load balancing (Learn, previous-generation sizes, Basic
  A-series; MicrosoftDocs/azure-docs#1143): ARM refuses a Basic VM whose NIC is in a backend pool
  (`LoadBalancingNotSupportedForBasicVm`), and every NIC of this architecture is in one.
- Trusted Launch needs a generation 2 VM: Microsoft Learn "Trusted launch for Azure virtual machines"
  (learn.microsoft.com/azure/virtual-machines/trusted-launch), table "Virtual Machines sizes", column
  "Not supported size families" (they are generation-1-only): Av2, Dv2, Dv3, Ev3, NC, NV, NP; the
  original A-series (A0-A11) and D-series (D1-D14, DS1-DS14) are generation 1 only as well.

A family published after the date above is refused until it is added to `SIZE_FAMILIES`.
"""

from __future__ import annotations

import re

# Letters a Standard size name starts with, one entry per family or sub-family.
SIZE_FAMILIES: frozenset[str] = frozenset(
    """A B D DC DS E EC F FX G GS H HB HC HX L M NC NCC ND NG NP NV""".split()  # noqa: SIM905
)
# A current size to suggest instead of one that cannot be used: 2 vCPU, 8 GiB, generation 2.
SUGGESTED_SIZE = "Standard_D2s_v5"

# Family letters, vCPUs, constrained vCPUs, additive features, then `_accelerator` and `_version` parts.
_STANDARD_SIZE = re.compile(r"^standard_[a-z]+\d+(?:-\d+)?[a-z]*(?:_[a-z0-9]+)*$", re.IGNORECASE)
_FAMILY_LETTERS = re.compile(r"^standard_([A-Z]+)", re.IGNORECASE)
# Generation-1-only sizes (no Trusted Launch): by family letters, features and version.
# Av2: Standard_A1_v2, A2m_v2; Dv2: Standard_D1_v2..D15_v2 (not DS); Dv3/Ev3: no "s" feature;
# A-series v1 (Standard_A0..A11) and D-series v1 (Standard_D1..D14, DS1..DS14); NC, NV, NP v1.
_GEN1_ONLY = (
    re.compile(r"^standard_a\d+m?(_v2)?$", re.IGNORECASE),
    re.compile(r"^standard_d\d+_v2(_promo)?$", re.IGNORECASE),
    re.compile(r"^standard_[de]\d+_v3$", re.IGNORECASE),
    re.compile(r"^standard_ds?\d+$", re.IGNORECASE),
    re.compile(r"^standard_(nc|nv|np)\d+[a-z]*$", re.IGNORECASE),
)


def is_basic(size: str) -> bool:
    return size.strip().lower().startswith("basic_")


def size_family(size: str) -> str | None:
    """The family of a Standard size name, the letters before its vCPU count (`Standard_D2s_v5` -> `D`,
    `Standard_DC2as_v5` -> `DC`); None when they name no known family (`Standard_X9`)."""
    match = _FAMILY_LETTERS.match(size.strip())
    letters = match.group(1).upper() if match is not None else None
    return letters if letters in SIZE_FAMILIES else None


def is_standard_size(size: str) -> bool:
    """Whether `size` is shaped like a Standard size name of a known family."""
    return _STANDARD_SIZE.match(size.strip()) is not None and size_family(size) is not None


def takes_trusted_launch(size: str) -> bool:
    """False for the generation-1-only sizes, which cannot run Trusted Launch (or any generation 2 image)."""
    return not any(pattern.match(size.strip()) for pattern in _GEN1_ONLY)
