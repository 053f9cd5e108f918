"""`python -m plan`: what the stack will build, without an Azure account.

    python -m plan [--stack dev] [--config key=value ...] [--json] [--diagram FILE.svg|.png|.mmd|.md] [--policy]
    python -m plan --diff [--stack dev] --config key=value ... [--json]

Runs the real `__main__.py` with the stack's config under the ARM-like mocks the tests use
and prints the resource tree, the load balancer's rules, probe and NAT table, the NSG rules,
the stack outputs and the deployment figures (`--json`: the same as one JSON document).
Invalid config fails as `pulumi preview` would: the program's message, exit status 1.
With `--policy`, the guardrail policy pack (`policy/`) runs over the resources too, as
`pulumi preview --policy-pack policy` does: a mandatory violation makes the exit status 1.

With `--diff`, the stack file's config is what is deployed and the `--config` overrides are
the change: it prints what `pulumi preview --diff` would (creates, updates with the changed
properties, replacements, deletes, in the order `pulumi up` runs them, and a count line such
as `+3 ~0 -0`), or, exit status 1, the one reason Azure would refuse the change.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from components.errors import InvalidArgumentError
from offline.azure_mocks import ArmRejection
from offline.harness import REPO_ROOT
from offline.recording import Registration

from .diagram import DIAGRAM_SUFFIXES, GRAPHVIZ_SUFFIXES, render_diagram
from .render import render_text
from .report import FORMAT_VERSION
from .run import ConfigError, load_stack_config, make_plan

# Without a terminal, a progress line every this many registrations (a 200-VM stack has 400+).
PROGRESS_EVERY = 100


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


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m plan",
        description="Show what the stack builds, offline: resources, load balancer and NAT table, NSG rules, "
        "outputs and deployment figures.",
    )
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
        "--diff",
        action="store_true",
        help="show what the --config overrides would change in the deployed stack (its stack file's config), "
        "as `pulumi preview --diff` does",
    )
    return p


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    *,
    project_dir: Path = REPO_ROOT,
) -> int:
    """`project_dir`: the Pulumi project to plan (this repository's by default)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = parser().parse_args(argv)
    diagram = Path(args.diagram) if args.diagram else None
    if diagram is not None and diagram.suffix.lower() not in DIAGRAM_SUFFIXES:
        stderr.write(f"error: --diagram {args.diagram}: the file name must end in .svg, .png, .mmd or .md\n")
        return 2
    if args.diff:
        if diagram is not None or args.policy:
            option = "--diagram draws" if diagram is not None else "--policy checks"
            stderr.write(f"error: {option} one plan; it does not combine with --diff\n")
            return 2
        return _diff(args.stack, args.config, args.json, stdout, stderr)
    if diagram is not None and diagram.suffix.lower() in GRAPHVIZ_SUFFIXES and shutil.which("dot") is None:
        stderr.write(
            f"error: --diagram {args.diagram}: a PNG or SVG is laid out by Graphviz's dot, which is not installed "
            "(apt-get install graphviz, brew install graphviz); a Mermaid diagram (.mmd, .md) needs nothing\n"
        )
        return 1
    # The plan's extras (requirements-dev.txt), which `pulumi up`'s requirements.txt leaves out.
    extras = [("--policy", "pulumi_policy", "pulumi-policy")] if args.policy else []
    if diagram is not None and diagram.suffix.lower() in GRAPHVIZ_SUFFIXES:
        extras.append((f"--diagram {args.diagram}", "diagrams", "diagrams"))
    for option, module, package in extras:
        if not installed(module):
            stderr.write(
                f"error: {option} needs the Python package {package}, which is not installed: "
                "pip install -r requirements-dev.txt\n"
            )
            return 1
    progress = Progress(stderr)
    try:
        config = load_stack_config(args.stack, args.config, project_dir=project_dir)
        plan = make_plan(config, listener=progress, project_dir=project_dir, policy=args.policy)
    except (ConfigError, InvalidArgumentError) as error:
        progress.done()
        stderr.write(f"error: {error}\n")
        return 1
    except ArmRejection as error:
        progress.done()
        stderr.write(f"error: Azure would refuse this deployment: {error}\n")
        return 1
    progress.done()
    if diagram is not None:
        try:
            render_diagram(plan, diagram)
        except RuntimeError as error:  # graphviz.ExecutableNotFound, a failed `dot` run
            stderr.write(f"error: cannot draw {diagram} ({error}); is Graphviz installed (apt-get install graphviz)?\n")
            return 1
        stderr.write(f"diagram written to {diagram}\n")
    stdout.write(json.dumps(plan, indent=2) + "\n" if args.json else render_text(plan))
    mandatory = plan["policy"]["mandatory"] if args.policy else []
    if mandatory:
        names = ", ".join(dict.fromkeys(v["policy"] for v in mandatory))
        count = f"{len(mandatory)} mandatory violation{'' if len(mandatory) == 1 else 's'}"
        stderr.write(f"error: the policy pack refuses this stack: {count} ({names})\n")
        return 1
    return 0


def _diff(stack: str, overrides: Sequence[str], as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    from .diff import make_diff, render_diff

    try:
        diff = make_diff(load_stack_config(stack), load_stack_config(stack, overrides))
    except (ConfigError, InvalidArgumentError) as error:
        stderr.write(f"error: {error}\n")
        return 1
    except ArmRejection as error:
        stderr.write(f"error: Azure would refuse this change: {error}\n")
        return 1
    document = {"format_version": FORMAT_VERSION, **diff.as_data()}
    stdout.write(json.dumps(document, indent=2) + "\n" if as_json else render_diff(diff))
    return 0


if __name__ == "__main__":
    sys.exit(main())
