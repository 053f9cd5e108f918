"""See what the stack builds without an Azure account.

`python -m plan` (`__main__.py`) runs the stack program under the offline Azure mocks (the
`offline` package, which the tests use too) and prints what it would build: `run` evaluates
it, `report` turns the registered resources into the plan's data, `render` and `diagram`
show it, `figures` computes the deployment figures, `diff` compares two configurations.
"""
