"""The code blocks the docs show, so tests and CI run exactly what a reader copies.

    python tests/support/snippets.py FILE HEADING LANGUAGE [N]
    python tests/support/snippets.py --user-project FOLDER
    python tests/support/snippets.py --install URL COMMIT

prints the N-th (from 0) fenced block in LANGUAGE under the heading that begins with HEADING,
writes the project a reader builds from the docs into FOLDER (`write_user_project`), or prints
the README's install line for the repository at URL and COMMIT (`install_requirement`).
Standard library only: CI runs it with a bare interpreter (.ci/package-check).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_HEADING = re.compile(r"^(#+) (.*)$")


def code_block(markdown: str, heading: str, language: str, index: int = 0) -> str:
    """The `index`-th ```` ```language ```` block of the section whose heading begins with
    `heading`, up to the next heading of the same or a higher level."""
    level = 0
    blocks: list[str] = []
    fence: str | None = None  # the language of the block being read ("" for none)
    block: list[str] = []
    for line in markdown.splitlines():
        if fence is not None:
            if line == "```":
                if level and fence == language:
                    blocks.append("\n".join(block) + "\n")
                fence, block = None, []
            else:
                block.append(line)
            continue
        if line.startswith("```"):
            fence = line[3:].strip()
            continue
        title = _HEADING.match(line)
        if title and level and len(title.group(1)) <= level:
            break
        if title and not level and title.group(2).startswith(heading):
            level = len(title.group(1))
    if not level:
        raise LookupError(f"no heading beginning {heading!r}")
    if index >= len(blocks):
        raise LookupError(f"no {language} block number {index} under {heading!r} (found {len(blocks)})")
    return blocks[index]


def write_user_project(folder: Path, docs_root: Path) -> Path:
    """The project a reader builds from the docs in `folder`: the README's snippet as
    `__main__.py`, the `Pulumi.yaml` of docs/plan.md and the test example of docs/testing.md
    as `tests/test_stack.py`."""
    (folder / "tests").mkdir(parents=True, exist_ok=True)
    readme, plan, testing = (docs_root / name for name in ("README.md", "docs/plan.md", "docs/testing.md"))
    (folder / "__main__.py").write_text(code_block(readme.read_text(), "Use the component", "python"))
    (folder / "Pulumi.yaml").write_text(code_block(plan.read_text(), "Your own project", "yaml"))
    (folder / "tests" / "test_stack.py").write_text(code_block(testing.read_text(), "Testing your own stack", "python"))
    return folder


GIT_REQUIREMENT = r'"(azure-multi-vm(?:\[[a-z,]+\])? @ git\+<repository URL>@<commit>)"'
"""The form of every git install in the docs: the named requirement (extras allowed) at a commit."""
INSTALL_LINE = re.compile(r"^pip install " + GIT_REQUIREMENT)


def install_requirement(readme: str, url: str, commit: str) -> str:
    """The requirement of the README's install line (the first line of the bash block under "Use
    the component"), for the repository at `url` and `commit`."""
    line = code_block(readme, "Use the component", "bash").splitlines()[0]
    found = INSTALL_LINE.match(line)
    if found is None:
        raise LookupError(f"the README's install line does not have the tested form: {line}")
    return found.group(1).replace("<repository URL>", url).replace("<commit>", commit)


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[2]
    if argv[0] == "--user-project":
        write_user_project(Path(argv[1]), root)
        return 0
    if argv[0] == "--install":
        print(install_requirement((root / "README.md").read_text(), argv[1], argv[2]))
        return 0
    path, heading, language, *rest = argv
    sys.stdout.write(code_block(Path(path).read_text(), heading, language, int(rest[0]) if rest else 0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
