"""Run the real stack program offline, as `pulumi up` against the ARM-like mocks and as
`pulumi preview`, and turn what it registered into the plan."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from offline.azure_mocks import AzureMocks
from offline.harness import (
    REPO_ROOT,
    Deployment,
    ProjectError,
    evaluate,
    project_name,
    read_yaml,
    stack_config,
    stack_file,
    stack_program,
)
from offline.recording import Listener, RecordingMonitor, Registration

from .model import Plan, PolicyFinding, PolicyFindings
from .report import build_plan

if TYPE_CHECKING:  # the policy SDK is loaded only for `--policy`
    from offline.policy_check import PolicyViolation

# Stands in for a value encrypted in Pulumi.<stack>.yaml (`secure: v1:...`), which cannot be
# decrypted without the stack's secrets provider. Valid as a Windows and a Linux password.
SECURE_PLACEHOLDER = "Offline-plan-placeholder-7"


class ConfigError(ProjectError):
    """The stack's config cannot be read (no such stack file, a malformed `--config`)."""


def find_project(start: Path) -> Path:
    """The project `start` is in: the nearest of `start` and its parents that holds a
    Pulumi.yaml, as the Pulumi CLI finds it ("the closest enclosing folder with a Pulumi.yaml
    file determines the current project", Pulumi docs, Projects)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "Pulumi.yaml").is_file():
            return folder
    raise ConfigError(f"no Pulumi.yaml in {start} or any folder above it (choose a project with --project DIR)")


@dataclass(frozen=True)
class StackConfig:
    """A stack's config as the Pulumi engine would hand it to the program."""

    stack: str
    values: dict[str, str]
    secret_keys: frozenset[str]
    notes: tuple[str, ...] = field(default=())


def load_stack_config(stack: str, overrides: Sequence[str] = (), *, project_dir: Path = REPO_ROOT) -> StackConfig:
    """The project's config (Pulumi.yaml), then `Pulumi.<stack>.yaml`, then `key=value` overrides.
    Keys are spelt as for `pulumi config set`: `vmCount` means `<project>:vmCount`;
    `azure-native:location` stays as it is."""
    path = stack_file(stack, project_dir)
    project = project_name(project_dir)
    notes: list[str] = []
    if path.is_file():
        document = read_yaml(path) or {}
    else:
        # A stack needs no file of its own (Pulumi writes one at its first `pulumi config set`), but
        # beside other stacks' files a missing one is most likely a misspelt --stack.
        others = sorted(p.name[len("Pulumi.") : -len(".yaml")] for p in path.parent.glob("Pulumi.*.yaml"))
        if others:
            raise ConfigError(
                f"no stack file {path.name} in {path.parent} (its stacks: {', '.join(others)}; choose one with --stack)"
            )
        document = {}
        notes.append(
            f"No {path.name} in {path.parent}: the stack's config is the project's (Pulumi.yaml) and --config."
        )
    given: dict[str, Any] = {}
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--config {item!r}: expected key=value, e.g. --config vmCount=3")
        key = key.strip()
        given[key if ":" in key else f"{project}:{key}"] = value
    secret_keys: set[str] = set()
    for key, value in (document.get("config") or {}).items():
        if isinstance(value, Mapping) and "secure" in value:
            secret_keys.add(key)
            if key not in given:
                given[key] = SECURE_PLACEHOLDER
                notes.append(
                    f"{key} is encrypted in {path.name} and cannot be read offline: the plan used a"
                    f" placeholder (pass your own with --config {key.split(':', 1)[-1]}=...)."
                )
    return StackConfig(stack, stack_config(stack, given, project_dir=project_dir), frozenset(secret_keys), tuple(notes))


@dataclass(frozen=True)
class Evaluation:
    deployment: Deployment
    registrations: list[Registration]
    known_before_deployment: dict[str, Any]
    unchecked: tuple[str, ...] = ()
    """References outside the stack, which the mocks cannot see (`AzureMocks.unchecked`)."""


def unchecked_notes(references: Iterable[str]) -> list[str]:
    """One note per reference outside the stack: accepted offline, checked only by Azure."""
    return [
        f"not checked offline: {reference} is outside this stack, where the mocks cannot see; Azure checks it exists."
        for reference in dict.fromkeys(references)
    ]


def evaluate_plan(
    config: StackConfig,
    *,
    project_dir: Path = REPO_ROOT,
    listener: Callable[[str, Registration], None] | None = None,
    preview_alongside: bool = False,
    preview: bool = True,
) -> Evaluation:
    """Run the stack twice: as `pulumi up` against the mocks (every resource checked as ARM
    would, IDs and addresses made up) and as `pulumi preview` (which outputs are known
    before deployment). `InvalidArgumentError` and `ArmRejection` propagate.

    `preview_alongside`: the preview runs in a process of its own at the same time, which
    halves the wait on a machine with two cores or more; its registrations are then not told
    to `listener`. `preview=False`: no preview at all, and no output is known before deployment
    (for what needs only the `pulumi up` evaluation, such as the figures)."""

    def tell(phase: str) -> Listener | None:
        return None if listener is None else lambda registration: listener(phase, registration)

    alongside = _PreviewProcess(config, project_dir) if preview and preview_alongside else None
    try:
        mocks = AzureMocks()
        monitor = RecordingMonitor(mocks, tell("up"))
        deployment = _evaluate_stack(config, project_dir, mocks, monitor)
    except BaseException:
        if alongside is not None:
            alongside.stop()
        raise
    if not preview:
        known: dict[str, Any] = {}
    elif alongside is not None:
        known = alongside.outputs()
    else:
        known = known_before_deployment(config, project_dir, tell("preview"))
    return Evaluation(deployment, monitor.registrations, known, tuple(mocks.unchecked))


def known_before_deployment(
    config: StackConfig, project_dir: Path = REPO_ROOT, listener: Listener | None = None
) -> dict[str, Any]:
    """The stack's outputs that `pulumi preview` knows, by their values."""
    mocks = AzureMocks()
    return _evaluate_stack(config, project_dir, mocks, RecordingMonitor(mocks, listener), preview=True).outputs


def _evaluate_stack(
    config: StackConfig, project_dir: Path, mocks: AzureMocks, monitor: RecordingMonitor, *, preview: bool = False
) -> Deployment:
    return evaluate(
        stack_program(project_dir),
        stack=config.stack,
        config=config.values,
        # The stack file's `secure:` keys reach the program as secrets, as the engine hands them over.
        secret_keys=sorted(config.secret_keys),
        mocks=mocks,
        preview=preview,
        project=project_name(project_dir),
        monitor=monitor,
    )


class _PreviewProcess:
    """`known_before_deployment` in a new Python process (spawned, not forked, so that it
    shares no threads or locks with this one), started at once."""

    def __init__(self, config: StackConfig, project_dir: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_preview_in_child, args=(sender, config, project_dir), daemon=True)
        self._process.start()
        sender.close()

    def outputs(self) -> dict[str, Any]:
        try:
            outcome, value = self._receiver.recv()
        except EOFError:  # the process died before it answered
            self._process.join()
            outcome, value = "error", f"the process ended with exit code {self._process.exitcode}"
        self._process.join()
        if outcome != "ok":
            raise RuntimeError(f"the preview evaluation failed: {value}")
        known: dict[str, Any] = value
        return known

    def stop(self) -> None:
        self._process.terminate()
        self._process.join()


def _preview_in_child(sender: Connection, config: StackConfig, project_dir: Path) -> None:
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115  # the plan's own stdout is the parent's
    try:
        sender.send(("ok", known_before_deployment(config, project_dir)))
    except Exception as error:  # reported by the parent, which raises it
        sender.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()
        sys.stderr.flush()
        # Nothing of this process outlives it: skip the interpreter's teardown, in which the
        # mocks' event loops, collected after their sockets, would complain to stderr.
        os._exit(0)


def make_plan(
    config: StackConfig,
    *,
    project_dir: Path = REPO_ROOT,
    listener: Callable[[str, Registration], None] | None = None,
    policy: bool = False,
    preview_alongside: bool = False,
    preview: bool = True,
) -> Plan:
    """The plan of the stack `config` describes; `policy`: with the policy pack's findings;
    `preview_alongside`, `preview`: see `evaluate_plan`."""
    evaluation = evaluate_plan(
        config, project_dir=project_dir, listener=listener, preview_alongside=preview_alongside, preview=preview
    )
    return build_plan(
        config_warnings=config_key_warnings(config.values, project_dir),
        policy=policy_findings(evaluation.deployment) if policy else None,
        stack=config.stack,
        config=config.values,
        secret_keys=config.secret_keys,
        deployment=evaluation.deployment,
        registrations=evaluation.registrations,
        known_before_deployment=evaluation.known_before_deployment,
        notes=(*config.notes, *unchecked_notes(evaluation.unchecked)),
    )


def config_key_warnings(values: Mapping[str, str], project_dir: Path) -> tuple[str, ...]:
    """Keys nothing reads, for a project whose program is this repository's stack (its keys are
    known to `stack/config.py`, which `pulumi new` copies with it); another project's keys are
    its own, and the stack is not part of the installed package."""
    if not (project_dir / "stack" / "config.py").is_file():
        return ()
    from stack.config import unknown_key_warnings

    return unknown_key_warnings(values, project_name(project_dir))


def policy_findings(deployment: Deployment) -> PolicyFindings:
    """The guardrail policy pack (`policy/`) over the resources as `pulumi up` creates them,
    offline (`offline.policy_check`): what `pulumi preview --policy-pack policy` reports."""
    from offline.policy_check import check_policies  # the policy SDK: loaded only when asked for
    from policy.guardrails import PACK_NAME, POLICIES

    report = check_policies(deployment)

    def listed(violations: Sequence[PolicyViolation]) -> tuple[PolicyFinding, ...]:
        return tuple(PolicyFinding(v.policy, v.level, v.urn, v.message) for v in violations)

    return PolicyFindings(
        pack=PACK_NAME,
        policies=len(POLICIES),
        mandatory=listed(report.mandatory),
        advisory=listed(report.advisory),
        undecided=listed(report.undecided),
    )
