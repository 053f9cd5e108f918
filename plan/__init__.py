"""See what the stack builds without an Azure account.

The offline engine lives here: `azure_mocks` answers Pulumi's resource registrations the way
Azure Resource Manager would (and refuses what Azure refuses), and `harness` runs the stack
program or the component under those mocks. The tests use exactly the same two modules.

`python -m plan` (`__main__.py`) runs the stack program that way and prints what it would
build: `run` evaluates it, `recording` keeps the dependency graph, `report` turns the
registered resources into the plan's data, `render` and `diagram` show it, `figures`
computes the deployment figures.
"""
