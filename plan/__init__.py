"""See what the stack builds without an Azure account.

`python -m plan` (`__main__.py`; installed with the package: `azure-multi-vm-plan`) runs a
Pulumi Python project's program, this repository's stack by default, under the offline Azure
mocks (the `offline` package, which the tests use too) and prints what it would build:

- `run` evaluates the program; `report` makes the plan of what it registered, one typed
  `model.Plan`, reading each section from the resources in `sections` (`order`: the order
  things are listed in; `redaction`: secrets blanked); `figures` computes the deployment
  figures;
- `render` prints the plan as text, `document` as the `--json` document, and `diagram` draws
  it (the graph's types in `graph`, the back ends in `diagram_mermaid` and `diagram_graphviz`);
- `diff` compares two configurations (`compare`: updates and replacements; `replay`: what Azure
  refuses; `rollout`: the VMs' batches; `steps`: the steps' types), and `render_diff` prints it.
"""
