"""One measurement, in a process of its own: `python -m benchmarks.speed.worker`, a `Request`
as JSON on stdin, its `Timing` or `Peak` as JSON on stdout's last line.

A fresh process for every measurement, so that no run inherits another's heap: the garbage
collector's work grows with what is alive, and one process reused would charge later runs
for earlier ones. The job warms up first (imports and first-use caches paid before the clock
starts), and what the run registered is read after the clock stops, so the benchmark's own
analysis (the deployment figures, the exact-work floor's check) is never measured.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from .jobs import Job, Measurable, Peak, Recording, Request, Timing, result_from_wire, result_to_wire

REPO_ROOT = Path(__file__).resolve().parents[2]


def timed(job: Measurable) -> Timing:
    """CPU time of the process (all threads: the mocks answer from a thread pool), which other
    work on a shared machine disturbs less than wall time, and wall time."""
    recording = Recording.fresh()
    job.warm_up()
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    job.run(recording)
    # Each run pays for freeing what it made, wherever the collector's thresholds fell (a
    # program's process pays for it at exit at the latest).
    gc.collect()
    cpu_seconds = time.process_time() - cpu
    wall_seconds = time.perf_counter() - wall
    return Timing(cpu_seconds, wall_seconds, job.outcome(recording))


def traced(job: Measurable) -> Peak:
    """tracemalloc's peak during the run alone: tracing slows the run, so it is never timed."""
    recording = Recording.fresh()
    job.warm_up()
    gc.collect()
    tracemalloc.start()
    job.run(recording)
    peak_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return Peak(peak_bytes, job.outcome(recording))


def measure_here(request: Request) -> Timing | Peak:
    return traced(request.job) if request.traced else timed(request.job)


def in_subprocess(request: Request) -> Timing | Peak:
    command = [sys.executable, "-m", "benchmarks.speed.worker"]
    done = subprocess.run(
        command, input=json.dumps(request.to_wire()), capture_output=True, text=True, check=False, cwd=REPO_ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark worker {request.job.kind} failed:\n{done.stderr}")
    return result_from_wire(json.loads(done.stdout.strip().splitlines()[-1]))


def timed_in_subprocess(job: Job) -> Timing:
    result = in_subprocess(Request(job))
    assert isinstance(result, Timing)
    return result


def traced_in_subprocess(job: Job) -> Peak:
    result = in_subprocess(Request(job, traced=True))
    assert isinstance(result, Peak)
    return result


def main() -> int:
    request = Request.from_wire(json.loads(sys.stdin.read()))
    print(json.dumps(result_to_wire(measure_here(request))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
