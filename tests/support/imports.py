"""What a module of this repository imports, read from its compiled bytecode.

Every import statement counts, wherever it stands: at the top, in a function, or under
`if TYPE_CHECKING:` (compiled like any other code, though never run). Read from the
IMPORT_NAME instructions (each preceded by the constants for its level and its `from` list)
rather than from an `ast` tree: on Python 3.11 building `ast` objects can fail while another
thread formats a traceback (CPython gh-106905).
"""

from __future__ import annotations

import dis
from collections.abc import Mapping
from pathlib import Path
from types import CodeType

REPO_ROOT = Path(__file__).resolve().parents[2]


def source_of(module: str, root: Path = REPO_ROOT) -> Path | None:
    """The file of `module` under `root`; None for a module from elsewhere."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_names(module: str, path: Path) -> set[str]:
    """The absolute names (relative imports resolved) that `path`, the source of `module`, imports:
    `a.b` for `import a.b` and `from a.b import c`, and `a.b.c` too for the latter, which may
    name a module."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    pending = [compile(path.read_text(), str(path), "exec")]
    while pending:
        code = pending.pop()
        pending.extend(c for c in code.co_consts if isinstance(c, CodeType))
        constants: list[object] = []
        for instruction in dis.get_instructions(code):
            if instruction.opname == "LOAD_CONST":
                constants.append(instruction.argval)
            elif instruction.opname == "IMPORT_NAME":
                level, from_list = constants[-2], constants[-1]
                base = str(instruction.argval)
                if isinstance(level, int) and level:
                    parts = package.split(".")
                    anchor = ".".join(parts[: len(parts) - level + 1])
                    base = f"{anchor}.{base}" if base else anchor
                names.add(base)
                if isinstance(from_list, tuple):  # `from pkg import module` may import a module
                    names.update(f"{base}.{name}" for name in from_list if name != "*")
    return names


def imported_modules(module: str, path: Path) -> set[str]:
    """Every module `path` imports, with each package on the way (importing `a.b.c` runs `a` and
    `a.b` too)."""
    names = imported_names(module, path)
    return {".".join(name.split(".")[:i]) for name in names for i in range(1, name.count(".") + 2)}


def modules_of(package: str, root: Path = REPO_ROOT) -> dict[str, Path]:
    """Every module of `package` (its packages by their `__init__`), by name."""
    top = root.joinpath(*package.split("."))
    modules: dict[str, Path] = {}
    for path in sorted(top.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def import_graph(package: str, root: Path = REPO_ROOT) -> dict[str, set[str]]:
    """Each module of `package` -> the modules of `package` it imports itself. A package counts
    as imported where it is named (its `__init__` runs), not as each of its modules' parent:
    Python runs a package's `__init__` once, before any module in it."""
    modules = modules_of(package, root)
    return {
        module: {name for name in imported_names(module, path) if name in modules and name != module}
        for module, path in modules.items()
    }


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The import circles of `graph`: for each group of modules that import each other (directly or
    not), one circle through them, `[a, b, ..., a]`, in name order."""
    found: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        group = _reachable(graph, start) & {m for m in graph if start in _reachable(graph, m)}
        done |= group | {start}
        if start in group:
            found.append(_circle_through(graph, start, group))
    return found


def _reachable(graph: Mapping[str, set[str]], start: str) -> set[str]:
    """The modules `start` imports, directly or not (itself only through a circle)."""
    seen: set[str] = set()
    pending = list(graph.get(start, ()))
    while pending:
        module = pending.pop()
        if module not in seen:
            seen.add(module)
            pending.extend(graph.get(module, ()))
    return seen


def _circle_through(graph: Mapping[str, set[str]], start: str, group: set[str]) -> list[str]:
    """A shortest path from `start` back to itself inside `group`."""
    paths = {start: [start]}
    pending = [start]
    while pending:
        module = pending.pop(0)
        for imported in sorted(graph.get(module, ())):
            if imported == start:
                return [*paths[module], start]
            if imported in group and imported not in paths:
                paths[imported] = [*paths[module], imported]
                pending.append(imported)
    raise AssertionError(f"{start} is in no circle")  # unreachable: `group` holds it
