"""The azure-multi-vm policy pack (Pulumi CrossGuard, `pulumi-policy`).

Run it with `pulumi preview --policy-pack policy`. The Pulumi CLI runs `__main__.py` in
this folder; the rules themselves live in `guardrails/`, plain typed functions that the
tests call directly (as `policy.guardrails`) without the CLI.
"""
