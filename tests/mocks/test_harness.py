"""The offline harness (`offline/harness.py`): a run the mocks refuse leaves nothing behind."""

from __future__ import annotations

import asyncio
import gc

import pytest

from offline.azure_mocks import ArmRejection
from offline.harness import evaluate_component

from ..support.keys import ED25519


def unretrieved_refusals() -> list[asyncio.Future[object]]:
    """Futures holding a refusal nobody retrieved: asyncio logs each one, "Future exception
    was never retrieved", whenever the collector frees it (its `_log_traceback` flag)."""
    return [
        candidate
        for candidate in gc.get_objects()
        if isinstance(candidate, asyncio.Future)
        and candidate.done()
        and not candidate.cancelled()
        and getattr(candidate, "_log_traceback", False)
        and isinstance(candidate._exception, ArmRejection)  # reading it does not retrieve it
    ]


def test_a_refused_deployment_leaves_no_refusal_unretrieved() -> None:
    before = {id(future) for future in unretrieved_refusals()}  # another run's, if any: not this test's
    # Unmanaged disks: the mocks refuse each of the three VMs, after much else has registered.
    with pytest.raises(ArmRejection):
        evaluate_component("legacy", {"ssh_public_key": ED25519, "disk_storage": "vhd", "vm_count": 3})
    assert [future for future in unretrieved_refusals() if id(future) not in before] == []
