"""A change preview (`diff.Diff`) as text, like `pulumi preview --diff`. Pure: it returns the text."""

from __future__ import annotations

import json
from typing import Any

from .diff import Diff
from .render import duration, explained
from .steps import CREATE, DELETE, REPLACE, SYMBOLS, UPDATE

GATE = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine"


def render_diff(diff: Diff) -> str:
    """One line per step, the changed properties under it, the VMs' steps by batch, then the
    rollout's figures, the notes and the counts."""
    asked = [f"{k}={v}" for k, v in diff.change.items()] + [f"--replace {name}" for name in diff.replace]
    asked += [f"--target {name}" for name in diff.target]
    lines = [f"Changes to stack {diff.stack} ({', '.join(asked) or 'none'}):"]
    batch_of = diff.rollout.batch_of_step
    current: int | None = None
    for step in diff.steps:
        batch = batch_of.get(step.urn)
        if batch is not None and batch != current:
            lines.append(f"  {batch_heading(diff, batch)}")
        current = batch
        lines.append(f"  {SYMBOLS[step.op]:<2} {step.type} {step.name} ({step.op})")
        for change in step.changes:
            lines.append(f"        {change.path}: {_shown(change.before)} => {_shown(change.after)}")
        for reason in step.replaced_because:
            lines.append(f"        replaced: {reason}")
    lines += render_rollout(diff)
    lines += [f"  {note}" for note in diff.notes]
    lines += explained(step.type for step in diff.steps)
    counts = diff.counts
    summary = f"+{counts[CREATE]} ~{counts[UPDATE]} -{counts[DELETE]}"
    if counts[REPLACE]:
        summary += f" +-{counts[REPLACE]}"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def batch_heading(diff: Diff, batch: int) -> str:
    """`Batch 2 of 2: web-vm-2, after batch 1's readiness gates`: after the gates when they run again
    (a gate that does not change is done at once, and the batch waits only for the one before)."""
    rollout = diff.rollout
    after = ""
    if batch > 0:
        probed = any(s.type == GATE and rollout.batch_of_step.get(s.urn) == batch - 1 for s in diff.steps)
        after = f", after batch {batch}'s readiness gates" if probed else f", after batch {batch}"
    return f"Batch {batch + 1} of {len(rollout.batches)}: {', '.join(rollout.batches[batch])}{after}"


def render_rollout(diff: Diff) -> list[str]:
    rollout = diff.rollout
    if not rollout.batches:
        return []
    sizes = sorted({len(b) for b in rollout.batches})
    count = len(rollout.batches)
    vms = " or ".join(str(size) for size in sizes)
    shape = f"{count} batch{'es' if count > 1 else ''} of {vms} VM{'s' if sizes[-1] > 1 else ''}"
    probed = any(s.type == GATE for s in diff.steps)
    order = ", each after the one before answers its health probe again" if probed else ", one after another"
    lines = [
        f"  Rollout: {shape}" + (order if count > 1 else ""),
        f"  At worst {rollout.serving_at_worst} of {rollout.vm_count} VMs serve during the change;"
        f" estimated duration {duration(rollout.estimated_seconds)}",
    ]
    whole = [i for i, down in enumerate(rollout.out_of_rotation) if rollout.vm_count and len(down) == rollout.vm_count]
    if whole:
        lines.append(
            f"  warning: batch {whole[0] + 1} takes every VM that serves out of rotation at once: lower"
            " maxUnavailable, or make this change apart from a scale-out."
        )
    return lines


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # numbers cross the Pulumi RPC boundary as floats
    text = "(none)" if value is None else json.dumps(value)
    return text if len(text) <= 100 else text[:97] + "..."
