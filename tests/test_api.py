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


def test_an_estimate_reads_well_in_a_console_and_a_notebook():
    result = packcalc.estimate(packcalc.load_design("race-5l"))
    text = repr(result)
    grams = result.weight.m_as("g")
    assert text.startswith("<Estimate 'Race 5 L' size M:") and f"{grams:.1f} g" in text
    assert len(text) < 200  # one line, not a dump of every field
    html = result._repr_html_()
    assert html.startswith("<table>") and f"{grams:.1f} g" in html


def test_results_as_dataframes():
    design = packcalc.load_design("race-5l")
    result = packcalc.estimate(design, load="utmb")
    parts = result.to_dataframe()
    assert list(parts.columns) == ["label", "category", "material", "mass_g", "area_m2"]
    assert abs(parts["mass_g"].sum() - result.weight.m_as("g")) < 1e-6
    items = result.load_fit.to_dataframe()
    assert len(items) == len(result.load_fit.placements) + len(result.load_fit.unplaced)
    assert set(items["pocket"].dropna()) <= {p.name for p in design.pockets}
    scenario = result.footprint()[0]
    stages = scenario.to_dataframe()
    assert abs(stages["co2e_kg"].sum() - scenario.co2e_kg) < 1e-3


def test_to_dataframe_without_pandas_says_what_to_install():
    code = (
        "import sys; sys.modules['pandas'] = None; import packcalc\n"
        "r = packcalc.estimate(packcalc.load_design('race-5l'))\n"
        "try:\n    r.to_dataframe()\nexcept ImportError as e:\n    print(e)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "packcalc[dataframe]" in out.stdout
