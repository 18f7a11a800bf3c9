"""docs/api.md is the API reference generated from the current docstrings."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def builder():
    spec = importlib.util.spec_from_file_location("build_api", DOCS / "build_api.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_reference_is_current():
    # Stale after a docstring change: run `.venv/bin/python docs/build_api.py`.
    assert (DOCS / "api.md").read_text(encoding="utf-8") == builder().page()


def test_every_public_function_of_the_models_is_documented():
    build = builder()
    missing = []
    for name in build.MODULES:
        module = importlib.import_module(name)
        missing += [f"{name}.{attr}" for attr, obj in build.public(module) if not obj.__doc__]
    assert not missing, missing
