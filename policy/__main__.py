"""Entry point the Pulumi CLI runs for `--policy-pack policy`: it serves the policies.

The CLI runs this folder as a script (not as the `policy` package), so `guardrails` is a
top-level package then; tests and type checkers see it as `policy.guardrails`.
Never import this module: `PolicyPack(...)` starts the analyzer server and blocks.
"""

from typing import TYPE_CHECKING

from pulumi_policy import EnforcementLevel, PolicyPack

if TYPE_CHECKING or __package__:
    from .guardrails import PACK_NAME, POLICIES
else:
    from guardrails import PACK_NAME, POLICIES

PolicyPack(
    name=PACK_NAME,
    policies=list(POLICIES),
    # Each policy sets its own level; this only applies to a policy that does not.
    enforcement_level=EnforcementLevel.MANDATORY,
    description="Keeps Azure VM stacks within the multi-VM availability architecture's rules.",
)
