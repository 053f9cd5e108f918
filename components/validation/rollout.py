"""Rolling changes: how many VMs of the set may change at the same time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..decisions.rollout import default_max_unavailable
from ..spec import RolloutSettings
from .inputs import integer


def read_rollout(args: Mapping[str, Any], vm_count: int) -> RolloutSettings:
    """1 to `vm_count` (all at once); by default half the set, at least one VM."""
    return RolloutSettings(integer(args, "max_unavailable", 1, vm_count, default=default_max_unavailable(vm_count)))
