"""What the benchmark prints: the machine, a row per VM count, and each target's line; or all
of it as one JSON document (`--json`)."""

from __future__ import annotations

import dataclasses
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .runs import Row
from .targets import Check, Measurements

MIB = 2**20
COLUMNS = (
    "VMs",
    "Resources",
    "CPU s",
    "Wall s",
    "Exact CPU s",
    "x exact",
    "Floor CPU s",
    "x floor",
    "Peak MiB",
    "Exact MiB",
    "x exact",
    "Floor MiB",
    "x floor",
    "Writes",
    "LB writes",
    "Chain",
)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def _ratio(value: float, of: float | None) -> str:
    return f"{value / of:.2f}" if of else "-"


def _number(value: float | None, scale: float = 1.0, digits: int = 2) -> str:
    return f"{value / scale:.{digits}f}" if value is not None else "-"


def cells(row: Row) -> list[str]:
    """The row's line of the table, column by column (`COLUMNS`)."""
    return [
        str(row.vm_count),
        str(row.resources),
        _number(row.cpu_seconds),
        _number(row.wall_seconds),
        _number(row.exact_cpu_seconds),
        _ratio(row.cpu_seconds, row.exact_cpu_seconds),
        _number(row.floor_cpu_seconds),
        _ratio(row.cpu_seconds, row.floor_cpu_seconds),
        _number(row.peak_bytes, MIB, 1),
        _number(row.exact_peak_bytes, MIB, 1),
        _ratio(row.peak_bytes, row.exact_peak_bytes),
        _number(row.floor_peak_bytes, MIB, 1),
        _ratio(row.peak_bytes, row.floor_peak_bytes),
        str(row.write_operations),
        str(row.load_balancer_writes),
        str(row.longest_chain),
    ]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns two spaces apart, as `python -m plan` prints its tables."""
    lines = [list(headers), *[list(row) for row in rows]]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines
    )


def render(measurements: Measurements, checks: list[Check]) -> str:
    lines = [f"Machine: {machine()}", f"Floors: exact work, {measurements.floor}", ""]
    lines.append(table(COLUMNS, [cells(row) for row in measurements.rows]))
    lines += ["", "Targets"]
    lines += [f"  {'PASS' if check.passed else 'FAIL'}  {check.target}: {check.measured}" for check in checks]
    return "\n".join(lines)


def json_document(measurements: Measurements, checks: list[Check]) -> dict[str, Any]:
    """`plan`: [VM count, wall seconds, CPU seconds]; `growth`: [best CPU seconds at 100, at 200,
    processes each]; `checks`: [target, passed, measured] each."""
    plan, growth = measurements.plan, measurements.growth
    return {
        "machine": machine(),
        "floor": measurements.floor,
        "rows": [dataclasses.asdict(row) for row in measurements.rows],
        "plan": [plan.vm_count, plan.wall_seconds, plan.cpu_seconds] if plan is not None else None,
        "growth": [growth.at_100, growth.at_200, growth.processes] if growth is not None else None,
        "checks": [[check.target, check.passed, check.measured] for check in checks],
    }
