"""Deployment-speed benchmark: how the stack program scales with `vmCount`, offline.

    python benchmarks/deploy_speed.py [--counts 2 10 50 100 200] [--repeat 3]
                                      [--floor same-types|resource-groups|none] [--pairs 6]
                                      [--no-plan] [--json]

For each VM count it measures, under the same ARM-like mocks the tests and `python -m plan`
use:
- the CPU time to evaluate the real stack program (`__main__.py`, every resource registered
  and answered by the mocks) and its peak memory;
- the same for the exact-work floor: the very resources a recorded run of the stack
  registered (same types, names, parents, input values, dependencies and secrets), replayed
  flat through the azure-native classes, with no component code and with every alias those
  classes declare. It is generated from the stack's first run at that count, and checked:
  its registrations must be the stack's, resource for resource;
- the same for a second floor (`--floor`): as many bare resources of the same types (only
  the inputs the mocks require), or as many resource groups;
- the Azure write operations, the longest dependency chain and the load-balancer writes,
  computed after the clock stops;
- and once, `python -m plan` at 200 VMs, as a user runs it (wall time).

Every measurement runs in a fresh Python process, after a warm-up evaluation in that process
(`speed.worker`). The clock stops after a full collection, so each run pays for freeing its
own garbage wherever the collector's thresholds happened to fall. CPU time is the best of
`--repeat` processes, stack and floor runs interleaved (`speed.runs`); the growth from 100 to
200 VMs takes `--pairs` more stack processes at each of the two counts, alternating. Peak
memory is tracemalloc's peak during the evaluation alone, in a process of its own.

It prints a table, checks the targets (`speed.targets`) and exits 1 if one fails.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# Run as a script, this file's directory comes first on sys.path, not the repository's.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.speed.report import json_document, render
from benchmarks.speed.runs import GROWTH_COUNTS, PLAN_VM_COUNT, measure, measure_growth, time_plan
from benchmarks.speed.targets import Measurements, check_targets

DEFAULT_COUNTS = (2, 10, 50, 100, 200)


def parser() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    options.add_argument("--counts", type=int, nargs="+", default=list(DEFAULT_COUNTS))
    options.add_argument("--repeat", type=int, default=3, help="timed processes per measurement (best kept)")
    options.add_argument(
        "--floor",
        choices=["same-types", "resource-groups", "none"],
        default="same-types",
        help="the floor measured beside the exact-work floor: same-types (default), a bare resource of "
        "each type the stack registers; resource-groups, as many resource groups; none",
    )
    options.add_argument(
        "--pairs",
        type=int,
        default=6,
        help="more stack processes at vmCount 100 and 200, alternating, for the growth target (default 6)",
    )
    options.add_argument(
        "--no-plan", action="store_true", help=f"skip timing `python -m plan` at vmCount={PLAN_VM_COUNT}"
    )
    options.add_argument("--json", action="store_true", help="print the rows and checks as JSON")
    return options


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    rows = []
    for vm_count in args.counts:
        progress(f"measuring vmCount={vm_count} ...")
        rows.append(measure(vm_count, args.repeat, args.floor))
    growth = None
    if set(GROWTH_COUNTS) <= set(args.counts):
        progress(f"timing vmCount=100 and 200 alternately, {args.pairs} more each ...")
        growth = measure_growth(rows, args.pairs)
    plan = None
    if not args.no_plan:
        progress(f"timing python -m plan at vmCount={PLAN_VM_COUNT} ...")
        plan = time_plan(PLAN_VM_COUNT)
    measurements = Measurements(rows, args.floor, plan, growth)
    checks = check_targets(measurements)
    if args.json:
        print(json.dumps(json_document(measurements, checks), indent=2))
    else:
        print(render(measurements, checks))
    return 0 if all(check.passed for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
