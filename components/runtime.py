"""Settings for the Python process that runs a program built from this component."""

import gc

YOUNG_COLLECTION_THRESHOLD = 10_000
"""Net new container objects between two young-generation collections (CPython's default: 700)."""


def tune_garbage_collector() -> None:
    """Collect the young generation every 10,000 new objects instead of every 700.

    A Pulumi program keeps almost everything it allocates (resources, their Outputs) until
    it exits, so CPython's default collects the same survivors over and over: about half of
    the evaluation's CPU time at 100 VMs, growing faster than the set (docs/benchmark.md).
    With this, the stack evaluates in a third less CPU time and grows with the set. Garbage
    is still collected; the older generations keep their thresholds. Call it once, at the
    top of the program: it is process-wide."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, older, oldest)
