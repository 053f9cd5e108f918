"""The deployment-speed benchmark, module by module (its command: `benchmarks/deploy_speed.py`).

- `floors`: the programs the stack is measured against: the exact-work floor (a recorded run
  replayed flat through the SDK classes), the same-types floor and the resource-groups floor.
- `jobs`: one evaluation to measure (the stack, or a floor), each job knowing how to warm up,
  run and report on itself; the jobs and their results as the worker process receives and
  returns them.
- `worker`: one measurement in a fresh process: warm-up, then the clock or tracemalloc.
- `runs`: the measurements behind one row of the table, the growth from 100 to 200 VMs and
  `python -m plan`'s time.
- `targets`: the targets, one row each, and the check of every row.
- `report`: the table, the target lines and the JSON document.

Only the worker imports the SDK, the mocks and the stack: the process that starts the workers
and reports never pays for them.
"""
