"""The offline plan: one `model.Plan` made from what the program registered, in pure functions.

`build_plan` lists the resources, reads each section from them (`sections.py`), the stack
outputs and the deployment figures (`figures.py`), then blanks every secret. The text
(`render.py`), the diagram (`diagram.py`) and the `--json` document (`document.py`) all read
the one plan it returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from offline.harness import Deployment
from offline.recording import STACK_TYPE, Registration

from .figures import TYPICAL_CREATE_SECONDS, DeploymentFigures, deployment_figures
from .model import Plan, PlanFigures, PolicyFindings, Resource, StackOutput, with_leaves
from .order import dependency_order, natural_key
from .redaction import MIN_REDACTED_LENGTH, SECRET, is_secret_key, redacted
from .sections import (
    AVSET,
    LB,
    NAT_GATEWAY,
    NSG,
    PIP,
    SCALE_SET,
    SHOWN_TYPES,
    STORAGE,
    SUBNET,
    VM,
    VNET,
    Resources,
    availability_set,
    load_balancer,
    nat_gateway,
    network_security_group,
    other_resource,
    public_ip,
    scale_set,
    storage_account,
    subnet,
    virtual_machine,
    virtual_network,
)


def build_plan(
    *,
    stack: str,
    config: Mapping[str, str],
    secret_keys: Iterable[str],
    deployment: Deployment,
    registrations: Sequence[Registration],
    known_before_deployment: Mapping[str, Any],
    notes: Sequence[str] = (),
    config_warnings: Sequence[str] = (),
    policy: PolicyFindings | None = None,
) -> Plan:
    """`deployment` and `registrations` come from one run as `pulumi up` against the mocks;
    `known_before_deployment` holds the outputs a `pulumi preview` run could resolve.
    `config_warnings`: keys of the config that nothing reads, shown first (the program warns of
    them too; they are not repeated among its warnings). `policy`: the policy pack's findings
    (`plan.run.policy_findings`), with `--policy`.

    No secret leaves this function in plain text: secret outputs and secret config keys show
    `[secret]`, and, as a last guard, any text that contains a secret config value has it
    replaced (a warning that quoted one, say)."""
    secret_keys = set(secret_keys)
    listed = [r for r in registrations if r.type != STACK_TYPE]
    by_urn = {r.urn: r for r in listed}
    order = dependency_order({r.urn: {r.parent, *r.dependencies} for r in listed}, {r.urn: r.name for r in listed})
    resources = Resources(deployment)
    inputs = {r.urn: _shown_inputs(r.inputs, r.secret_inputs) for r in deployment.registered if r.urn}
    plan = Plan(
        stack=stack,
        config=_shown_config(config, secret_keys),
        resources=tuple(
            Resource(type=r.type, name=r.name, parent=r.parent, urn=r.urn, inputs=inputs.get(r.urn, {}))
            for r in (by_urn[u] for u in order)
        ),
        stack_urn=_stack_urn(registrations),
        counts=_counts(r.type for r in listed),
        load_balancers=tuple(load_balancer(lb, resources) for lb in resources.of(LB)),
        network_security_groups=tuple(network_security_group(nsg, resources) for nsg in resources.of(NSG)),
        networks=tuple(virtual_network(vnet, resources) for vnet in resources.of(VNET)),
        subnets=tuple(subnet(s.inputs, s.id, None, resources) for s in resources.of(SUBNET)),
        public_ips=tuple(public_ip(pip) for pip in resources.of(PIP)),
        nat_gateways=tuple(nat_gateway(g) for g in resources.of(NAT_GATEWAY)),
        availability_sets=tuple(availability_set(a) for a in resources.of(AVSET)),
        vms=tuple(
            sorted((virtual_machine(vm, resources) for vm in resources.of(VM)), key=lambda vm: natural_key(vm.name))
        ),
        storage_accounts=tuple(storage_account(s) for s in resources.of(STORAGE)),
        other_resources=tuple(other_resource(r, resources) for r in deployment.registered if r.type not in SHOWN_TYPES),
        outputs=_outputs(deployment, known_before_deployment),
        config_warnings=tuple(config_warnings),
        warnings=tuple(w for w in dict.fromkeys(deployment.warnings) if w not in config_warnings),
        notes=tuple(notes),
        figures=_figures(deployment_figures(registrations, _scale_set_capacities(resources))),
        scale_sets=tuple(scale_set(v, resources) for v in resources.of(SCALE_SET)) or None,
        policy=policy,
    )
    secret_values = {v for k, v in config.items() if is_secret_key(k, secret_keys) and len(v) >= MIN_REDACTED_LENGTH}
    return redacted(_whole_numbers(plan), secret_values)


def _scale_set_capacities(resources: Resources) -> dict[str, int]:
    return {v.name: int((v.inputs.get("sku") or {}).get("capacity") or 0) for v in resources.of(SCALE_SET)}


def _whole_numbers(plan: Plan) -> Plan:
    """Pulumi hands every number over as a float (protobuf `Value`): show 80, not 80.0."""

    def whole(leaf: object) -> object:
        return int(leaf) if isinstance(leaf, float) and leaf.is_integer() else leaf

    return with_leaves(plan, whole)


def _figures(figures: DeploymentFigures) -> PlanFigures:
    """The deployment figures, with where each written type's typical duration comes from."""
    typical = {t: TYPICAL_CREATE_SECONDS[t] for t in sorted(figures.writes_by_type) if t in TYPICAL_CREATE_SECONDS}
    return PlanFigures(**vars(figures), typical_seconds=typical)


def _stack_urn(registrations: Sequence[Registration]) -> str:
    """The stack's URN: its registration's, or else the parent no registration owns."""
    urns = {r.urn for r in registrations}
    stack = next((r.urn for r in registrations if r.type == STACK_TYPE), None)
    return stack or next((r.parent for r in registrations if r.parent and r.parent not in urns), "")


def _counts(types: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in types:
        counts[t] = counts.get(t, 0) + 1
    return counts


def _shown_inputs(inputs: Mapping[str, Any], secret_inputs: frozenset[str]) -> dict[str, Any]:
    """A resource's inputs as ARM received them in the run as `pulumi up`; an input that held a
    Pulumi secret anywhere in it is `[secret]` as a whole."""
    return {key: SECRET if key in secret_inputs else value for key, value in inputs.items()}


def _shown_config(config: Mapping[str, str], secret_keys: set[str]) -> dict[str, str]:
    return {key: SECRET if is_secret_key(key, secret_keys) else value for key, value in sorted(config.items())}


def _outputs(deployment: Deployment, known_before: Mapping[str, Any]) -> dict[str, StackOutput]:
    """Each stack output: its value when `pulumi preview` already knows it, else null and the
    value the mocks made up (an example, not a promise). Secret outputs show `[secret]` only."""
    shown: dict[str, StackOutput] = {}
    for name in sorted({*deployment.outputs, *known_before}):
        secret = name in deployment.secret_outputs
        known = name in known_before
        shown[name] = StackOutput(
            known_before_deployment=known,
            secret=secret,
            value=(SECRET if secret else known_before[name]) if known else None,
            mock_value=SECRET if secret else deployment.outputs.get(name),
        )
    return shown
