"""`python -m plan` (installed: `azure-multi-vm-plan`): what a stack will build, without an Azure account.

    python -m plan [--project DIR] [--stack dev] [--config key=value ...] [--json] [--diagram FILE] [--policy]
    python -m plan --diff [--project DIR] [--stack dev] [--config key=value ...] [--replace NAME ...]
                          [--target NAME ...] [--json]
    python -m plan --version

The project is any Pulumi Python project: DIR, or by default the one the current directory
is in (the nearest folder upwards with a Pulumi.yaml, as the Pulumi CLI finds it). It runs
the project's real program with the stack's config (Pulumi.yaml's, then Pulumi.<stack>.yaml's)
under the ARM-like mocks the tests use and prints the resource tree, the load balancers'
rules, probes and NAT tables, the NSG rules,
the stack outputs and the deployment figures (`--json`: the same as one JSON document).
Invalid config fails as `pulumi preview` would: the program's message, exit status 1 (a
`pulumi.RunError`, which every refusal of the component and Pulumi's own `ConfigTypeError` are,
shows its message alone, as Pulumi's Python language host shows it).
With `--policy`, the guardrail policy pack (`policy/`) runs over the resources too, as
`pulumi preview --policy-pack policy` does: a mandatory violation makes the exit status 1.

With `--diff`, the stack file's config stands for what is deployed and the `--config` overrides are
the change: it prints what `pulumi preview --diff` would (creates, updates with the changed
properties, replacements, deletes, in the order `pulumi up` runs them, and a count line such
as `+3 ~0 -0`), or, exit status 1, the one reason Azure would refuse the change. `--replace NAME`
adds a replacement of that resource, as `pulumi up --replace <URN>` asks for one; `--target NAME`
changes only the resources it names, as `pulumi up --target <URN>` does.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import logging
import os
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pulumi

from offline.azure_mocks import ArmRejection
from offline.harness import ProjectError
from offline.recording import Registration

from .diagram import DIAGRAM_SUFFIXES, GRAPHVIZ_SUFFIXES, render_diagram
from .document import json_document
from .render import render_text
from .run import ConfigError, find_project, load_stack_config, make_plan

# Without a terminal, a progress line every this many registrations (a 200-VM stack has 400+).
PROGRESS_EVERY = 100
# The mocks answer only for the types they check as ARM would, rather than make up an answer.
UNMODELLED = (
    "the offline mocks cannot plan this program (they model the Azure types LoadBalancedVmSet and its neighbours use)"
)


class Progress:
    """Counts registrations on stderr: live on a terminal, otherwise one line per hundred."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.counts: dict[str, int] = {}

    def __call__(self, phase: str, registration: Registration) -> None:
        count = self.counts[phase] = self.counts.get(phase, 0) + 1
        label = "checking against the mocks" if phase == "up" else "previewing"
        if self.live:
            self.stream.write(f"\r{label}: {count} resources registered ({registration.type})\x1b[K")
            self.stream.flush()
        elif count % PROGRESS_EVERY == 0:
            self.stream.write(f"{label}: {count} resources registered\n")
            self.stream.flush()

    def done(self) -> None:
        if self.live and self.counts:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def program_name() -> str:
    """How the user called the tool: `python -m plan`, or the installed `azure-multi-vm-plan`."""
    called = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m plan" if called in ("", "__main__.py", "-c") else called


def package_version() -> str:
    """The version of azure-multi-vm this plan is: in a checkout, `PACKAGE_VERSION` in provider/package.py
    (the one pyproject.toml builds the package at); installed, the package's own."""
    source = Path(__file__).resolve().parent.parent / "provider" / "package.py"
    if source.is_file():
        found = re.search(r'(?m)^PACKAGE_VERSION = "([^"]+)"$', source.read_text())
        if found:
            return found.group(1)
    return importlib.metadata.version("azure-multi-vm")


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def extra_install(extra: str) -> str:
    """How to install what an option needs beyond `pulumi up`'s requirements.txt: the set-up in a checkout,
    or the package's extra of that name (the package is not on PyPI: from git, as the README installs it)."""
    return (
        "pip install -r requirements-dev.txt in a checkout, or install the package with its extra: "
        f'pip install "azure-multi-vm[{extra}] @ git+<repository URL>@<commit>"'
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=program_name(),
        description="Show what a Pulumi Python project's stack builds, offline: resources, load balancer and NAT "
        "table, NSG rules, outputs and deployment figures.",
    )
    p.add_argument(
        "--project",
        metavar="DIR",
        help="the Pulumi project to run (a folder with Pulumi.yaml and a Python program); default: the project "
        "the current folder is in",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s (azure-multi-vm) {package_version()}")
    p.add_argument("--stack", default="dev", help="stack whose Pulumi.<stack>.yaml to read (default: dev)")
    p.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a config key, as `pulumi config set` names it (vmCount=3, azure-native:location=...); "
        "repeatable",
    )
    p.add_argument("--json", action="store_true", help="print the plan as one JSON document")
    p.add_argument(
        "--diagram",
        metavar="FILE",
        help="also draw the architecture to FILE: .svg or .png (needs Graphviz), .mmd or .md (Mermaid, needs nothing)",
    )
    p.add_argument(
        "--policy",
        action="store_true",
        help="also run the policy pack (policy/) over the resources, as `pulumi preview --policy-pack policy` "
        "does; exit status 1 on a mandatory violation",
    )
    p.add_argument(
        "--replace",
        action="append",
        default=[],
        metavar="NAME",
        help="with --diff: also replace this resource of the deployed stack (its name, or its URN), as "
        "`pulumi up --replace <URN>` does; repeatable",
    )
    p.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME",
        help="with --diff: change only this resource (its name, or its URN), as `pulumi up --target <URN>` does; "
        "repeatable",
    )
    p.add_argument(
        "--diff",
        action="store_true",
        help="show what the --config overrides would change in the stack as its stack file describes it (not "
        "the deployed stack's state), as `pulumi preview --diff` does",
    )
    return p


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    *,
    project_dir: Path | None = None,
    preview_alongside: bool = False,
) -> int:
    """`project_dir`: the Pulumi project to plan when `--project` names none (by default the one
    the current folder is in). `preview_alongside`: evaluate the preview in a process of its own
    at the same time (`plan.run.evaluate_plan`)."""
    # As Pulumi's Python language host does (pulumi-language-python-exec): a program that fails
    # leaves futures nobody awaits, and asyncio's complaints about them are no news to the user.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = parser().parse_args(argv)
    diagram = Path(args.diagram) if args.diagram else None
    if diagram is not None and diagram.suffix.lower() not in DIAGRAM_SUFFIXES:
        stderr.write(f"error: --diagram {args.diagram}: the file name must end in .svg, .png, .mmd or .md\n")
        return 2
    try:
        project_dir = _project(args.project, project_dir)
    except ProjectError as error:
        stderr.write(f"error: {error}\n")
        return 1
    if args.diff:
        if diagram is not None or args.policy:
            option = "--diagram draws" if diagram is not None else "--policy checks"
            stderr.write(f"error: {option} one plan; it does not combine with --diff\n")
            return 2
        return _diff(project_dir, args.stack, args.config, args.replace, args.target, args.json, stdout, stderr)
    if args.replace or args.target:
        option = "--replace" if args.replace else "--target"
        stderr.write(f"error: {option} shapes a change to a deployed stack: it needs --diff\n")
        return 2
    extras = [("--policy", "pulumi_policy", "pulumi-policy", extra_install("policy"))] if args.policy else []
    if diagram is not None and diagram.suffix.lower() in GRAPHVIZ_SUFFIXES:
        extras.append((f"--diagram {args.diagram}", "diagrams", "diagrams", extra_install("diagram")))
    for option, module, package, install in extras:
        if not installed(module):
            stderr.write(f"error: {option} needs the Python package {package}, which is not installed: {install}\n")
            return 1
    if diagram is not None and diagram.suffix.lower() in GRAPHVIZ_SUFFIXES and shutil.which("dot") is None:
        stderr.write(
            f"error: --diagram {args.diagram}: a PNG or SVG is laid out by Graphviz's dot, which is not installed "
            "(apt-get install graphviz, brew install graphviz); a Mermaid diagram (.mmd, .md) needs nothing\n"
        )
        return 1
    progress = Progress(stderr)
    try:
        config = load_stack_config(args.stack, args.config, project_dir=project_dir)
        plan = make_plan(
            config, project_dir=project_dir, listener=progress, policy=args.policy, preview_alongside=preview_alongside
        )
    except (ProjectError, pulumi.RunError) as error:  # InvalidArgumentError, Pulumi's own ConfigTypeError, ...
        progress.done()
        stderr.write(f"error: {error}\n")
        return 1
    except ArmRejection as error:
        progress.done()
        stderr.write(f"error: Azure would refuse this deployment: {error}\n")
        return 1
    except NotImplementedError as error:  # a resource type the mocks do not model
        progress.done()
        stderr.write(f"error: {UNMODELLED}: {error}\n")
        return 1
    progress.done()
    if diagram is not None:
        try:
            render_diagram(plan, diagram)
        except RuntimeError as error:  # graphviz.ExecutableNotFound, a failed `dot` run
            stderr.write(f"error: cannot draw {diagram} ({error}); is Graphviz installed (apt-get install graphviz)?\n")
            return 1
        stderr.write(f"diagram written to {diagram}\n")
    stdout.write(json_document(plan) if args.json else render_text(plan))
    mandatory = plan.policy.mandatory if plan.policy is not None else ()
    if mandatory:
        names = ", ".join(dict.fromkeys(v.policy for v in mandatory))
        count = f"{len(mandatory)} mandatory violation{'' if len(mandatory) == 1 else 's'}"
        stderr.write(f"error: the policy pack refuses this stack: {count} ({names})\n")
        return 1
    return 0


def _project(given: str | None, default: Path | None) -> Path:
    if given is None:
        return default if default is not None else find_project(Path.cwd())
    project_dir = Path(given).resolve()
    if not (project_dir / "Pulumi.yaml").is_file():
        raise ConfigError(f"--project {given}: no Pulumi.yaml in {project_dir}")
    return project_dir


def _diff(
    project_dir: Path,
    stack: str,
    overrides: Sequence[str],
    replace: Sequence[str],
    target: Sequence[str],
    as_json: bool,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    from .diff import ChangeRefused, UnknownResource, make_diff
    from .render_diff import render_diff

    try:
        base = load_stack_config(stack, project_dir=project_dir)
        changed = load_stack_config(stack, overrides, project_dir=project_dir)
        diff = make_diff(base, changed, project_dir=project_dir, replace=replace, target=target)
    except (ProjectError, pulumi.RunError, UnknownResource) as error:
        stderr.write(f"error: {error}\n")
        return 1
    except ChangeRefused as error:
        stderr.write(f"error: Azure would refuse this change ({error})\n")
        return 1
    except ArmRejection as error:  # the changed stack itself, deployed new
        stderr.write(f"error: Azure would refuse this deployment: {error}\n")
        return 1
    except NotImplementedError as error:
        stderr.write(f"error: {UNMODELLED}: {error}\n")
        return 1
    stdout.write(json_document(diff) if as_json else render_diff(diff))
    return 0


def command() -> int:
    """`python -m plan` and `azure-multi-vm-plan`. With more than one core, the preview runs
    beside the `pulumi up` evaluation: half the wait for a large set."""
    return main(preview_alongside=(os.cpu_count() or 1) > 1)


if __name__ == "__main__":
    sys.exit(command())
