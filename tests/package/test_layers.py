"""The component's layers (README, "Layout"): no module of `components` imports
itself back through others, type-only imports (`if TYPE_CHECKING:`) counted; the model
(components/spec.py) stands below everything else; the shared builders know no orchestration."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.imports import circles, import_graph

GRAPH = import_graph("components")
# The layers, from the bottom up; a module imports only from its own layer and those below.
MODEL = "components.spec"
SHARED_BUILDERS = "components.resources"
ORCHESTRATIONS = "components.orchestrations"


def _in(package: str, module: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_no_import_circle_inside_components() -> None:
    found = circles(GRAPH)
    assert not found, "import circles: " + "; ".join(" -> ".join(circle) for circle in found)


def test_the_model_imports_nothing_else_of_components() -> None:
    assert GRAPH[MODEL] == set()


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if _in("components.decisions", m)))
def test_a_decision_reads_the_model_and_never_validation_or_a_builder(module: str) -> None:
    builders = ("components.validation", SHARED_BUILDERS, ORCHESTRATIONS, "components.vm_set")
    assert not {m for m in GRAPH[module] if any(_in(layer, m) for layer in builders)}


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if _in(SHARED_BUILDERS, m)))
def test_a_shared_builder_knows_no_orchestration(module: str) -> None:
    assert not {m for m in GRAPH[module] if _in(ORCHESTRATIONS, m)}


def test_a_circle_is_found_with_a_type_only_import(tmp_path: Path) -> None:
    package = tmp_path / "house"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A\n")
    assert circles(import_graph("house", root=tmp_path)) == [["house.a", "house.b", "house.a"]]
