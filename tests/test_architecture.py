"""The import graph: one way, from data to faces, with no cycle (function-level imports
counted), and models free of pint and of the library's records."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "packcalc"

# Lowest first: a module may import its own layer or the ones below, never above.
MODEL_MODULES = ["textile", "mass", "packing", "capacity", "pattern", "loadfit", "footprint",
                 "bom", "comfort"]  # fmt: skip
LAYERS = {
    "errors": 0,
    "tables": 0,
    "units": 1,
    **dict.fromkeys(MODEL_MODULES, 2),
    **dict.fromkeys(["library", "design", "laws", "fit", "footprint_data", "cutting"], 3),
    **dict.fromkeys(["estimator", "batch", "optimise", "accuracy", "supply", "lifecycle"], 4),
    **dict.fromkeys(["cli", "ui", "export", "__init__"], 5),
}
MODELS = [name for name, layer in LAYERS.items() if layer == 2]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]  # packcalc.ui.* count as the 'ui' face


def imports(path: Path) -> set[str]:
    """Every packcalc module this file imports, at any depth (function bodies too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "packcalc":
                found |= {alias.name for alias in node.names if alias.name in LAYERS}
            elif node.module.startswith("packcalc."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("packcalc.")}
    return found


def third_party(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
    return found


GRAPH: dict[str, set[str]] = {}
for file in PACKAGE.rglob("*.py"):
    GRAPH.setdefault(module_name(file), set()).update(imports(file) - {module_name(file)})


def test_every_module_has_a_layer():
    assert set(GRAPH) <= set(LAYERS), f"give these modules a layer: {set(GRAPH) - set(LAYERS)}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_upward_import(module):
    upward = {dep for dep in GRAPH[module] if LAYERS[dep] > LAYERS[module]}
    assert not upward, f"{module} (layer {LAYERS[module]}) imports upwards: {sorted(upward)}"


def test_no_cycle():
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in sorted(GRAPH.get(node, ())):
            if state.get(dep) == 1:
                raise AssertionError("import cycle: " + " → ".join([*path, node, dep]))
            if dep not in state:
                visit(dep, [*path, node])
        state[node] = 2

    for node in sorted(GRAPH):
        if node not in state:
            visit(node, [])


@pytest.mark.parametrize("model", MODELS)
def test_models_take_plain_values(model):
    modules = third_party(PACKAGE / f"{model}.py")
    assert "pint" not in modules and "streamlit" not in modules and "pandas" not in modules
    assert GRAPH.get(model, set()) <= {m for m, layer in LAYERS.items() if layer <= 2}


def test_the_check_can_fail(tmp_path):
    # The walker sees an import hidden in a function body.
    file = tmp_path / "x.py"
    file.write_text("def f():\n    from packcalc.estimator import estimate\n")
    assert imports(file) == {"estimator"}


@pytest.mark.parametrize("module", sorted(m for m, layer in LAYERS.items() if layer < 5))
def test_only_the_faces_name_command_line_flags(module):
    # Errors name the field (``vary.back_height``); the CLI maps it to its flag.
    path = PACKAGE / f"{module}.py"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    assert not re.search(r"""Error\(\s*f?["']--""", text)
    assert not re.search(r"""\(\s*\w+,\s*f?["']--\w""", text)  # library.fabric(x, "--fabrics")
