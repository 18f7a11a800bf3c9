"""Invariants across the whole model, over random valid designs (hypothesis)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc.batch import apply, valid_options
from packcalc.design import design_from_toml, design_to_toml, load_design
from packcalc.estimator import estimate
from packcalc.fit import fit_load
from packcalc.library import load_library
from packcalc.pattern import OPTION_SPECS
from packcalc.ui import display

LIB = load_library()
KNITS = sorted(f.id for f in LIB.fabrics.values() if f.construction in ("knit", "warp-knit-mesh"))


@st.composite
def designs(draw):
    base = load_design(draw(st.sampled_from(["ultra-minimal", "race-5l", "ultra-12l"])), LIB)
    values = {}
    for path, name in (
        ("back.height", "back_height"),
        ("back.width", "back_width"),
        ("front.height", "front_height"),
        ("strap.width", "strap_width"),
    ):
        spec = OPTION_SPECS[name]
        values[path] = draw(st.floats(spec.minimum, spec.maximum))
    for group in ("back", "front", "wing"):
        values[f"fabric.{group}"] = draw(st.sampled_from(KNITS))
    values["pocket.scale"] = draw(st.sampled_from([0.8, 1.0, 1.2]))
    values["pressure"] = draw(st.floats(0.5, 100))
    design = apply(base, values, LIB)
    assume(bool(valid_options(design.options, design.body.chest)))
    return design  # fmt: skip


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(designs())
def test_breakdown_sums_and_volume_floor_and_capacity(design):
    result = estimate(design, library=LIB)
    total = result.weight.m_as("g")
    for view in (result.weight_breakdown, result.weight_by_material, result.weight_by_category):
        assert_allclose(sum(v.m_as("g") for v in view.values()), total, rtol=1e-9)
    assert result.packed_volume >= result.packed_floor
    assert np.all(result.packed_curve["vest"].m_as("L") >= result.packed_floor.m_as("L") - 1e-12)
    for cap in result.load_fit.capacities:
        assert cap.stretched_l >= cap.relaxed_l - 1e-12


@SETTINGS
@given(designs(), st.data())
def test_fewer_items_never_fit_worse(design, data):
    fit = fit_load(design, LIB, "utmb")
    entries = LIB.loadlists["utmb"].items
    drop = data.draw(st.sampled_from([e.item for e in entries]))
    smaller = dataclasses.replace(
        design, load_list=None,
        load=tuple(e for e in entries if e.item != drop),
    )  # fmt: skip
    fewer = fit_load(smaller, LIB)
    assert len(fewer.unplaced) <= len(fit.unplaced)


@SETTINGS
@given(designs())
def test_save_load_estimate_gives_identical_numbers(design):
    again = design_from_toml(design_to_toml(design), LIB)
    assert again == design
    a, b = estimate(design, library=LIB), estimate(again, library=LIB)
    assert a.to_dict() == b.to_dict()


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 5000), st.floats(0.001, 50), st.floats(0.5, 300))
def test_metric_and_imperial_show_the_same_quantities(grams, litres, cm):
    # The imperial figures, converted back by pint (not by the display's own constants),
    # give the metric ones to their printed precision.
    from packcalc.units import Q_

    ounces = float(display.mass(grams, "imperial", 6).split()[0])  # 7 decimals
    assert Q_(ounces, "oz").m_as("g") == pytest.approx(grams, abs=2e-6)
    cubic_inches = float(display.volume(litres, "imperial", 7).split()[0])  # 6 decimals
    assert Q_(cubic_inches, "in**3").m_as("L") == pytest.approx(litres, abs=1e-8)
    inches = float(display.length(cm, "imperial", 6).split()[0])  # 6 decimals
    assert Q_(inches, "inch").m_as("cm") == pytest.approx(cm, abs=2e-6)
