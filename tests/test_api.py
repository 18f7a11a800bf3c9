"""The public Python API: names, laziness, units on results."""

from __future__ import annotations

import subprocess
import sys

import packcalc


def test_public_names():
    # Importing the engine module must not shadow the function of the same purpose.
    from packcalc import estimator

    assert packcalc.estimate is estimator.estimate
    design = packcalc.load_design("race-5l")
    result = packcalc.estimate(design)
    assert isinstance(result, packcalc.Estimate)
    assert isinstance(design, packcalc.Design)
    assert result.weight.units == packcalc.ureg.gram
    assert result.weight_band[0].check("[mass]")
    assert "race-5l" in packcalc.preset_names()
    assert issubclass(packcalc.PackcalcError, ValueError)


def test_import_is_light():
    code = "import sys, packcalc; print(sorted(m for m in ('pint', 'streamlit', 'numpy', 'shapely') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_engine_never_imports_streamlit():
    code = "import sys, packcalc; packcalc.estimate(packcalc.load_design('race-5l')); print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
