"""Each public model function documents exactly the parameters it takes, with units."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

MODULES = ["packcalc.textile", "packcalc.units", "packcalc.mass", "packcalc.pattern"]
SECTION = re.compile(r"^\s*(Parameters|Returns|Raises|Notes|References|Examples|See Also)\s*$")


def documented_parameters(doc: str) -> list[str]:
    lines = inspect.cleandoc(doc).splitlines()
    names: list[str] = []
    inside = False
    for i, line in enumerate(lines):
        if SECTION.match(line) and i + 1 < len(lines) and set(lines[i + 1].strip()) == {"-"}:
            inside = line.strip() == "Parameters"
            continue
        if inside and line and not line.startswith(" ") and not set(line) <= {"-"}:
            head = line.split(" : ")[0]
            names.extend(n.strip() for n in head.split(","))
    return names


def public_functions(modules=MODULES):
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != module_name:
                continue
            yield pytest.param(obj, id=f"{module_name}.{name}")


@pytest.mark.parametrize("function", list(public_functions()))
def test_docstring_parameters_match_signature(function):
    doc = function.__doc__ or ""
    parameters = [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if "Parameters" not in doc:
        assert len(parameters) <= 1 or len(doc.splitlines()) <= 3, "document the parameters"
        return
    assert documented_parameters(doc) == parameters


@pytest.mark.parametrize("function", list(public_functions(["packcalc.textile", "packcalc.mass"])))
def test_model_docstrings_give_units_and_references(function):
    doc = function.__doc__ or ""
    assert "[" in doc and "]" in doc, "units go in square brackets"
    assert "References" in doc or "See Also" in doc


def test_no_docstring_holds_a_control_character():
    # A LaTeX "\\frac" or "\\varphi" in a plain (not raw) string becomes a form feed or a
    # vertical tab, and the equation is lost.
    import pkgutil

    import packcalc

    for info in pkgutil.walk_packages(packcalc.__path__, "packcalc."):
        module = importlib.import_module(info.name)
        for name, obj in [(info.name, module), *vars(module).items()]:
            doc = getattr(obj, "__doc__", None)
            if isinstance(doc, str):
                assert not set(doc) & set("\x07\x08\x0b\x0c"), f"{info.name}.{name}"
