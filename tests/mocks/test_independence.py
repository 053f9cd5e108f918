"""The offline mocks are a second opinion on Azure's rules: they never import the component."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
INDEPENDENT = ("offline.azure_mocks", "offline.recording")


def source_of(module: str) -> Path | None:
    """The file of `module` in this repository; None for a module from elsewhere."""
    base = REPO_ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(module: str, path: Path) -> set[str]:
    """Every module `path` imports, absolute names (relative imports resolved), with each
    package on the way (importing `a.b.c` runs `a` and `a.b` too)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return {".".join(name.split(".")[:i]) for name in names for i in range(1, name.count(".") + 2)}


def imports_from_this_repository(module: str) -> set[str]:
    """`module` and every module of this repository it imports, directly or not."""
    seen: set[str] = set()
    pending = [module]
    while pending:
        current = pending.pop()
        path = source_of(current)
        if current in seen or path is None:
            continue
        seen.add(current)
        pending.extend(imported_modules(current, path))
    return seen


@pytest.mark.parametrize("module", INDEPENDENT)
def test_the_mocks_never_import_the_component(module: str) -> None:
    reached = imports_from_this_repository(module)
    assert module in reached  # the module was found and read
    assert not {m for m in reached if m == "components" or m.startswith("components.")}, (
        f"{module} reaches the component through {sorted(reached)}: the mocks must restate Azure's rules "
        "themselves, or they stop being a second opinion on what the component builds."
    )


def test_a_module_that_imports_the_component_is_caught() -> None:
    assert "components" in imports_from_this_repository("offline.harness")
