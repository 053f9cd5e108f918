"""Rewrites the output that docs/plan.md quotes under each `$ venv/bin/python -m plan ...` line.

    python docs/quote_plan.py   # re-run every quoted command and put what it prints under it

A quoted block is a ```text block that starts with the prompt; each `$ ` line in it is a command,
and the lines up to the next one are what it printed, stdout then stderr, as a terminal shows them.
tests/plan/test_docs.py checks that the page shows exactly that.
"""

from __future__ import annotations

import io
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "plan.md"
PROMPT = "$ venv/bin/python -m plan"

sys.path.insert(0, str(ROOT))

from plan import __main__ as cli  # noqa: E402


def printed(command: str) -> str:
    """What `command` (a quoted `$ venv/bin/python -m plan ...` line) prints, stdout then stderr."""
    out, err = io.StringIO(), io.StringIO()
    cli.main(shlex.split(command)[4:], stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def requoted(block: str) -> str:
    if not block.startswith(PROMPT):
        return block
    parts = re.split(r"^(?=\$ )", block, flags=re.MULTILINE)
    return "".join(
        f"{command}\n{printed(command)}" if command.startswith(PROMPT) else part
        for part in parts
        for command in [part.partition("\n")[0]]
    )


def main() -> None:
    text = PAGE.read_text()
    blocks = re.compile(r"^(```text\n)(.*?)(^```$)", flags=re.MULTILINE | re.DOTALL)
    PAGE.write_text(blocks.sub(lambda m: m.group(1) + requoted(m.group(2)) + m.group(3), text))


if __name__ == "__main__":
    main()
