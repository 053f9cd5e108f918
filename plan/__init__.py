"""See what the stack builds without an Azure account.

`python -m plan` (`__main__.py`; installed with the package: `azure-multi-vm-plan`) runs a
Pulumi Python project's program, this repository's stack by default, under the offline Azure
mocks (the `offline` package, which the tests use too) and prints what it would build: `run`
evaluates it, `report` turns the registered resources into the plan's data, `render` and
`diagram` show it, `figures` computes the deployment figures, `diff` compares two
configurations.
"""
