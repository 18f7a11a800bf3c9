"""estimate(): the weight of a whole design, its breakdown, band and construction methods."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc import PackcalcError
from packcalc.design import PanelSpec, SeamSpec, design_from_toml, load_design
from packcalc.estimator import estimate
from packcalc.library import load_library
from packcalc.pattern import draft

LIB = load_library()
ONE_FABRIC = """
name = "one fabric"
size = "M"
[panels.back]
fabric = "pa-elastane-knit-190"
[panels.strap]
fabric = "pa-elastane-knit-190"
[panels.front]
fabric = "pa-elastane-knit-190"
[panels.wing]
fabric = "pa-elastane-knit-190"
[seams]
stitch = "301"
allowance = "1 cm"
thread = "thread-tex30-polyester"
"""


def test_weight_by_hand_for_a_plain_design():
    design = design_from_toml(ONE_FABRIC + "[details]\nstandard = false\n")
    result = estimate(design)
    pattern = draft(design.body, design.options)
    gsm = LIB.fabrics["pa-elastane-knit-190"].areal_density_gsm
    area_m2 = sum(p.area for p in pattern.panels) / 1e4
    seam_m = sum(s.length for s in pattern.seams) / 100
    stitch = LIB.stitches["301"]
    fabric = area_m2 * gsm
    allowance = seam_m * 0.01 * 2 * gsm  # 1 cm on each side of every seam
    thread = seam_m * stitch.thread_ratio * 30 / 1000 * (1 + stitch.wastage)
    assert_allclose(result.weight.m_as("g"), fabric + allowance + thread, rtol=1e-12)
    assert_allclose(result.weight_by_category["thread"].m_as("g"), thread, rtol=1e-12)
    assert "binding" not in result.weight_breakdown  # raw edges


def test_standard_details_by_hand():
    # No pocket, no zip: 3 labels, 20 cm² of print, 2 sternum straps across the 10 cm gap
    # with their hooks and two 12 cm rails, 4 + 2 x 2 bar tacks.
    plain = estimate(design_from_toml(ONE_FABRIC + "[details]\nstandard = false\n"))
    design = design_from_toml(ONE_FABRIC)
    result = estimate(design)
    trims = LIB.trims
    elastic = trims["elastic-tape-10mm"].linear_mass_g_m
    gap = design.options["front_gap"]
    expected = {
        "details: labels ×3": 3 * 0.28,
        "details: logos and prints (20 cm²)": 20e-4 * 120,
        "details: bar tacks ×8": 8 * 0.015,
        "details: sternum straps ×2": 2 * (gap + 8) / 100 * elastic + 2 * 3.0,
        "details: sternum rails ×2": 2 * 0.12 * elastic,
    }
    got = {k: v.m_as("g") for k, v in result.weight_breakdown.items() if k.startswith("details")}
    assert got.keys() == expected.keys()
    for key, grams in expected.items():
        assert_allclose(got[key], grams, rtol=1e-9, err_msg=key)
    assert_allclose(result.weight.m_as("g") - plain.weight.m_as("g"), sum(expected.values()))
    # a design that lists its own sternum hooks gets no second pair
    own = design_from_toml(ONE_FABRIC + '[[trims]]\nid = "hook-sternum-piping"\nquantity = 2\n')
    assert not any("sternum" in k for k in estimate(own).weight_breakdown)


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_breakdowns_sum_to_the_total(name):
    result = estimate(load_design(name))
    total = result.weight.m_as("g")
    for view in (result.weight_breakdown, result.weight_by_material, result.weight_by_category):
        assert_allclose(sum(v.m_as("g") for v in view.values()), total, rtol=1e-12)
    p5, p50, p95 = (q.m_as("g") for q in result.weight_band)
    assert p5 < total < p95
    assert p5 < p50 < p95
    assert result.weight_dry < result.weight <= result.weight_wet
    data = result.to_dict()
    assert_allclose(sum(data["weight_breakdown_g"].values()), data["weight_g"], atol=0.01)
    assert data["weight_band_g"][0] < data["weight_g"] < data["weight_band_g"][1]


def test_presets_are_ordered_by_class():
    weights = [
        estimate(load_design(n)).weight.m_as("g") for n in ("ultra-minimal", "race-5l", "ultra-12l")
    ]
    assert weights == sorted(weights)


def test_knit_to_shape_panels_drop_the_allowance():
    cut = design_from_toml(ONE_FABRIC)
    knitted = dataclasses.replace(
        cut,
        panels={g: PanelSpec("pa-elastane-knit-190", 1, "knit-to-shape") for g in cut.panels},
    )
    a, b = estimate(cut), estimate(knitted)
    assert b.weight_by_category.get("allowance") is None
    assert_allclose(
        (a.weight - b.weight).m_as("g"), a.weight_by_category["allowance"].m_as("g"), rtol=1e-12
    )


def test_bonded_and_welded_seams_have_no_thread():
    stitched = design_from_toml(ONE_FABRIC)
    bonded = dataclasses.replace(
        stitched, seams=SeamSpec("bonded", "301", 1.0, "thread-tex30-polyester", "seam-tape-20mm")
    )
    welded = dataclasses.replace(stitched, seams=SeamSpec("welded", "301", 1.0, "", ""))
    rb, rw = estimate(bonded), estimate(welded)
    assert "thread" not in rb.weight_breakdown
    assert "thread" not in rw.weight_breakdown
    assert rb.weight_breakdown["seam tape"].m_as("g") > 0
    # A lap on one side only: half the allowance of the stitched seam.
    assert_allclose(
        rw.weight_by_category["allowance"].m_as("g"),
        estimate(stitched).weight_by_category["allowance"].m_as("g") / 2,
    )


def test_closures_bring_their_hardware():
    design = load_design("race-5l")
    result = estimate(design)
    zipped = [p for p in design.pockets if p.closure == "zip"]
    assert zipped
    chain = LIB.trims[design.closures.zip_chain].linear_mass_g_m
    slider = LIB.trims[design.closures.zip_slider].mass_g
    pocket = zipped[0]
    expected = (pocket.width_cm + 2 * pocket.gusset_cm) / 100 * chain + slider
    assert_allclose(result.weight_breakdown[f"closure: {pocket.name}"].m_as("g"), expected)


def test_band_is_reproducible_and_narrows_without_tolerance():
    design = load_design("race-5l")
    a, b = estimate(design), estimate(design)
    assert a.weight_band == b.weight_band
    exact = dataclasses.replace(
        design,
        tolerances=dataclasses.replace(design.tolerances, areal_density=0, dimensions=0, trims=0),
    )
    result = estimate(exact)
    band = [q.m_as("g") for q in result.weight_tolerance_band]
    assert_allclose(band, result.weight.m_as("g"))
    # what is left is the model's own error: log-normal, P5-P95 = W exp(∓1.645 σ)
    sigma = LIB.calibration.model_error
    p5, p50, p95 = (q.m_as("g") for q in result.weight_band)
    expected = result.weight.m_as("g") * np.exp(np.array([-1.645, 0.0, 1.645]) * sigma)
    assert_allclose([p5, p50, p95], expected, rtol=0.03)


def test_sweat_saturation_parameter():
    design = load_design("race-5l")
    dry_pores = estimate(design, sweat_saturation=0.0)
    full = estimate(design, sweat_saturation=1.0)
    assert_allclose(dry_pores.weight_wet.m_as("g"), dry_pores.weight.m_as("g"))
    assert full.weight_wet > estimate(design).weight_wet
    with pytest.raises(PackcalcError, match="sweat_saturation"):
        estimate(design, sweat_saturation=1.5)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["back", "strap", "front", "wing"]), st.sampled_from(sorted(LIB.fabrics)))
def test_heavier_fabric_never_gives_a_lighter_vest(group, fabric_id):
    design = load_design("race-5l")
    current = design.panels[group]
    lighter, heavier = sorted(
        (current.fabric, fabric_id), key=lambda f: LIB.fabrics[f].areal_density_gsm
    )
    weights = [
        estimate(
            dataclasses.replace(
                design, panels={**design.panels, group: dataclasses.replace(current, fabric=f)}
            )
        ).weight.m_as("g")
        for f in (lighter, heavier)
    ]
    assert weights[1] >= weights[0]


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_larger_sizes_are_never_lighter(name):
    design = load_design(name)
    weights = [estimate(design.with_size(s)).weight.m_as("g") for s in ("XS", "S", "M", "L", "XL")]
    assert np.all(np.diff(weights) > 0)


def test_a_pocket_larger_than_its_panel_is_named_in_the_notes():
    import dataclasses

    from packcalc.design import load_design

    design = load_design("race-5l")
    pockets = tuple(
        dataclasses.replace(p, width_cm=60.0) if p.name == "back" else p for p in design.pockets
    )
    notes = estimate(dataclasses.replace(design, pockets=pockets)).notes
    # The back is 28 cm wide up to the wings (10 cm) and narrows along its armholes (1 cm
    # deep each side, over 24 cm of rise): at the pocket's mid-height, 11 cm, it is
    # 28 - 2 x 1 x (1 - (1 - sqrt(1/24))^2) = 27.27 cm wide.
    assert any("pocket 'back' is 60 cm in width, more than its panel's 27.3 cm" in n for n in notes)
    assert not any("more than its panel" in n for n in estimate(design).notes)
