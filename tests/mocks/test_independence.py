"""The offline mocks are a second opinion on Azure's rules: they never import the component."""

from __future__ import annotations

import pytest

from ..support.imports import REPO_ROOT, imported_modules, source_of

MOCKS_PACKAGE = REPO_ROOT / "offline" / "azure_mocks"
# The package and each of its modules (a module its `__init__` does not import is checked too),
# the change rules and the recording monitor.
INDEPENDENT = (
    "offline.azure_mocks",
    *sorted(f"offline.azure_mocks.{path.stem}" for path in MOCKS_PACKAGE.glob("*.py") if path.stem != "__init__"),
    "offline.change_rules",
    "offline.recording",
)


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
