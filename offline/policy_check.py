"""Run the guardrail policy pack (`policy/`) over what the mocks registered, offline.

It hands each policy what `pulumi preview --policy-pack policy` would: resource policies
see each resource's inputs, the stack policy sees every resource's outputs with its URN,
parent and dependencies. Values unknown until deployment become the policy SDK's unknown
markers, so a policy that reads one is reported as undecided, as the CLI does in preview.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi_policy import (
    EnforcementLevel,
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, UnknownValueError, unknown_checking_proxy

from policy.guardrails import POLICIES

from .azure_mocks import Registered
from .harness import Deployment

AnyPolicy = ResourceValidationPolicy | StackValidationPolicy


@dataclass(frozen=True)
class PolicyViolation:
    policy: str
    level: str
    """`mandatory` (blocks the deployment) or `advisory` (a warning)."""
    urn: str
    message: str


@dataclass(frozen=True)
class PolicyReport:
    violations: list[PolicyViolation]
    undecided: list[PolicyViolation]
    """Policies that read a value only known after deployment (as in `pulumi preview`)."""

    @property
    def mandatory(self) -> list[PolicyViolation]:
        return [v for v in self.violations if v.level == EnforcementLevel.MANDATORY.value]

    @property
    def advisory(self) -> list[PolicyViolation]:
        return [v for v in self.violations if v.level == EnforcementLevel.ADVISORY.value]


def _known(value: Any) -> Any:
    """Property values as the analyzer sees them: pulumi's Unknown -> the SDK's unknown marker."""
    if isinstance(value, pulumi.output.Unknown):
        return UNKNOWN_STRING_VALUE
    if isinstance(value, dict):
        return {k: _known(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_known(v) for v in value]
    return value


def resource_options(parent: str = "") -> PolicyResourceOptions:
    return PolicyResourceOptions(
        protect=False,
        ignore_changes=[],
        delete_before_replace=None,
        aliases=[],
        custom_timeouts=PolicyCustomTimeouts(0, 0, 0),
        additional_secret_outputs=[],
        parent=parent or None,
    )


def resource_args(registered: Registered) -> ResourceValidationArgs:
    """What a resource policy is handed for this resource: its inputs."""
    return ResourceValidationArgs(
        resource_type=registered.type,
        props=unknown_checking_proxy(_known(registered.inputs)),
        urn=registered.urn,
        name=registered.name,
        opts=resource_options(registered.parent_urn),
        provider=None,
    )


def policy_resources(registered: Sequence[Registered]) -> list[PolicyResource]:
    """What a stack policy is handed: every resource's outputs, parent and dependencies."""
    resources = [
        PolicyResource(
            resource_type=r.type,
            props=unknown_checking_proxy(_known(r.state)),
            urn=r.urn,
            name=r.name,
            opts=resource_options(r.parent_urn),
            provider=None,
            parent=None,
            dependencies=[],
            property_dependencies={},
        )
        for r in registered
    ]
    by_urn = {resource.urn: resource for resource in resources}
    for resource, r in zip(resources, registered, strict=True):
        resource.parent = by_urn.get(r.parent_urn)
        resource.dependencies = [by_urn[urn] for urn in r.dependencies if urn in by_urn]
        resource.property_dependencies = {
            key: [by_urn[urn] for urn in urns if urn in by_urn] for key, urns in r.property_dependencies.items()
        }
    return resources


def check_policies(deployment: Deployment, policies: Sequence[AnyPolicy] = POLICIES) -> PolicyReport:
    """Every policy of the pack over every resource the deployment registered."""
    violations: list[PolicyViolation] = []
    undecided: list[PolicyViolation] = []

    def run(policy: AnyPolicy, urn: str, validate: Any) -> None:
        level = (policy.enforcement_level or EnforcementLevel.ADVISORY).value

        def report(message: str, violating_urn: str | None = None) -> None:
            violations.append(PolicyViolation(policy.name, level, violating_urn or urn, message))

        try:
            result = validate(report)
            if inspect.isawaitable(result):
                asyncio.run(_wait(result))
        except UnknownValueError as unknown:
            undecided.append(PolicyViolation(policy.name, level, urn, unknown.message))

    stack = StackValidationArgs(policy_resources(deployment.registered))
    for policy in policies:
        if isinstance(policy, StackValidationPolicy):
            run(policy, "", lambda report, p=policy: p.validate(stack, report))
            continue
        for registered in deployment.registered:
            args = resource_args(registered)
            run(policy, registered.urn, lambda report, p=policy, a=args: p.validate(a, report))
    return PolicyReport(violations, undecided)


async def _wait(result: Any) -> None:
    await result
