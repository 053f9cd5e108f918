"""The offline mocks are a second opinion on Azure's rules: they never import the component."""

from __future__ import annotations

import dis
from pathlib import Path
from types import CodeType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
MOCKS_PACKAGE = REPO_ROOT / "offline" / "azure_mocks"
# The package and each of its modules (a module its `__init__` does not import is checked too),
# the change rules and the recording monitor.
INDEPENDENT = (
    "offline.azure_mocks",
    *sorted(f"offline.azure_mocks.{path.stem}" for path in MOCKS_PACKAGE.glob("*.py") if path.stem != "__init__"),
    "offline.change_rules",
    "offline.recording",
)


def source_of(module: str) -> Path | None:
    """The file of `module` in this repository; None for a module from elsewhere."""
    base = REPO_ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(module: str, path: Path) -> set[str]:
    """Every module `path` imports, absolute names (relative imports resolved), with each
    package on the way (importing `a.b.c` runs `a` and `a.b` too).

    Read from the compiled bytecode's IMPORT_NAME instructions (each preceded by the constants
    for its level and its `from` list) rather than from an `ast` tree: on Python 3.11 building
    `ast` objects can fail while another thread formats a traceback (CPython gh-106905)."""
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


def test_every_provider_module_of_the_mocks_is_checked() -> None:
    providers = {"resources", "network", "bastion", "compute", "storage", "monitor"}
    assert {f"offline.azure_mocks.{name}" for name in providers} <= set(INDEPENDENT)


def test_a_module_that_imports_the_component_is_caught() -> None:
    assert "components" in imports_from_this_repository("offline.harness")
