"""Write ``docs/api.md``, the API reference, from the package's docstrings.

``.venv/bin/python docs/build_api.py`` (a test checks the page is current).
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "api.md"

# Module → what it is, in the order of the import layers (data → faces).
MODULES = {
    "packcalc.errors": "errors",
    "packcalc.units": "units at the boundary",
    "packcalc.textile": "model: yarns and fabrics",
    "packcalc.mass": "model: weight",
    "packcalc.packing": "model: packed volume",
    "packcalc.capacity": "model: pocket capacity",
    "packcalc.pattern": "model: the drafted pattern",
    "packcalc.loadfit": "model: placing the load",
    "packcalc.comfort": "model: shoulder pressure",
    "packcalc.footprint": "model: transport and making",
    "packcalc.bom": "model: bill of materials",
    "packcalc.library": "the materials library",
    "packcalc.design": "the design file",
    "packcalc.laws": "packing laws of the library's fabrics",
    "packcalc.fit": "the load fit of a design",
    "packcalc.footprint_data": "the footprint's factors",
    "packcalc.cutting": "pattern pieces for the cutting room",
    "packcalc.estimator": "estimate(design)",
    "packcalc.supply": "bill of materials, making minutes and the Ecobalyse query of an estimate",
    "packcalc.lifecycle": "the cradle-to-gate footprint of an estimate, stage by stage",
    "packcalc.batch": "many variants at once",
    "packcalc.optimise": "the lightest design for a brief",
    "packcalc.accuracy": "the model against real vests",
}


def public(module) -> list[tuple[str, object]]:
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    out = []
    for name in names:
        obj = getattr(module, name)
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == module.__name__:
            out.append((name, obj))
    return out


def render_doc(doc: str | None) -> str:
    if not doc:
        return "*(no docstring)*\n"
    text = inspect.cleandoc(doc)
    # The summary as prose; the rest (parameters, equations, examples) as written.
    summary, _, rest = text.partition("\n\n")
    if not rest.strip():
        return summary + "\n"
    return f"{summary}\n\n```text\n{rest.rstrip()}\n```\n"


def signature(obj) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return "(…)"


def page() -> str:
    lines = [
        "# API reference",
        "",
        "Generated from the docstrings by `docs/build_api.py`; modules in the order of the",
        "import layers (errors → units → models → library and design → estimate → faces).",
        "Models take floats and numpy arrays; pint Quantities appear only at the boundary",
        "(design files, `estimate`'s results).",
        "",
    ]
    for name, what in MODULES.items():
        module = importlib.import_module(name)
        lines += [f"## `{name}`: {what}", "", render_doc(module.__doc__)]
        for attr, obj in public(module):
            kind = "class" if inspect.isclass(obj) else "def"
            lines += [f"### `{kind} {attr}{signature(obj)}`", "", render_doc(obj.__doc__)]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    OUT.write_text(page(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
