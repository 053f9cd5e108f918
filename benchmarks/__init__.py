"""The benchmarks: `benchmarks/deploy_speed.py`, how evaluating the stack scales (docs/benchmark.md)."""
