"""Azure without an account: the stack and the component evaluated offline, as tests, the
plan (`python -m plan`) and the benchmark use them.

- `azure_mocks`: Pulumi mocks that answer like Azure Resource Manager and refuse what Azure
  refuses (a package: the handler table, one module per resource provider, Azure's lists).
- `change_rules`: what ARM refuses when a change meets what exists (`python -m plan --diff`).
- `recording`: a mock monitor that keeps each registration's parent and dependencies.
- `harness`: runs the component or the stack program once under the mocks and keeps what it
  registered.
- `policy_check`: runs the guardrail policy pack (`policy/`) over those registrations (in the
  repository only: the `azure-multi-vm` package ships the others, not the pack).

`azure_mocks`, `change_rules` and `recording` restate Azure's rules themselves and never import
`components`, directly or through any module they import: they are an independent second
opinion on what the component builds, so a rule the component gets wrong is not copied into the check
(tests/mocks/test_independence.py keeps it so). `harness` is the glue that evaluates the
component, so it may import it.
"""
