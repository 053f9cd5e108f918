"""The component's layers (README, "Layout"): no module of `components` imports itself back
through others, type-only imports (`if TYPE_CHECKING:`) counted; the model (components/spec.py)
stands below everything else, and each layer imports only from those below it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.imports import circles, import_graph

GRAPH = import_graph("components")
MODEL = "components.spec"
# From the bottom up: the model and the leaves beside it (the arguments, the error, Azure's lists),
# then the decisions, the validation, the shared builders, the orchestrations, the component.
LAYERS = (
    (MODEL, "components.args", "components.declarations", "components.errors", "components.catalogs",
     "components.runtime"),
    ("components.decisions",),
    ("components.validation",),
    ("components.resources",),
    ("components.orchestrations",),
    ("components.vm_set", "components"),
)  # fmt: skip


def layer_of(module: str) -> int:
    """The index in `LAYERS` of the deepest name that holds `module`."""
    holders = [
        (len(name), i)
        for i, names in enumerate(LAYERS)
        for name in names
        if module == name or module.startswith(name + ".")
    ]
    return max(holders)[1]


def test_no_import_circle_inside_components() -> None:
    found = circles(GRAPH)
    assert not found, "import circles: " + "; ".join(" -> ".join(circle) for circle in found)


def test_the_model_imports_nothing_else_of_components() -> None:
    assert GRAPH[MODEL] == set()


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_a_module_imports_only_from_its_layer_and_those_below(module: str) -> None:
    above = {imported for imported in GRAPH[module] if layer_of(imported) > layer_of(module)}
    assert not above, f"{module} (layer {layer_of(module)}) imports {sorted(above)} from a layer above"


def test_a_circle_is_found_with_a_type_only_import(tmp_path: Path) -> None:
    package = tmp_path / "house"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A\n")
    assert circles(import_graph("house", root=tmp_path)) == [["house.a", "house.b", "house.a"]]
