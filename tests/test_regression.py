"""The presets' headline figures against the pinned values of tests/regression/presets.toml.

A change to a model that moves a figure fails here; if the move is meant, update the file
(``tests/regression/update.py``) and say why in the commit.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from packcalc.design import preset_names

REGRESSION = tomllib.loads(
    (Path(__file__).resolve().parent / "regression" / "presets.toml").read_text("utf-8")
)
RELATIVE = 1e-3  # 0.1 %: rounding and solver noise, far below any model change worth noting


def current(name):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "update", Path(__file__).resolve().parent / "regression" / "update.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.figures(name)


def test_every_preset_is_pinned():
    assert set(REGRESSION) == set(preset_names())


@pytest.mark.parametrize("name", sorted(REGRESSION))
def test_preset_figures_have_not_moved(name):
    pinned, now = REGRESSION[name], current(name)
    for key, value in pinned.items():
        if key == "footprint_kg_co2e":
            assert now[key] == pytest.approx(value, rel=RELATIVE), f"{name}.{key} moved"
        elif isinstance(value, dict | bool):
            assert now[key] == value, f"{name}.{key} moved"
        else:
            assert now[key] == pytest.approx(value, rel=RELATIVE, abs=1e-3), f"{name}.{key} moved"
