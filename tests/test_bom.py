"""Bill of materials: fabric areas by hand, cutting waste, trims in their own units."""

from __future__ import annotations

import dataclasses

import pytest
from numpy.testing import assert_allclose

from packcalc.bom import MARKER_EFFICIENCY
from packcalc.design import load_design
from packcalc.estimator import estimate
from packcalc.library import load_library
from packcalc.supply import BOM_COLUMNS, bill_of_materials, bom_csv

LIB = load_library()


def rows_by_id(design):
    return {r["id"]: r for r in bill_of_materials(estimate(design, library=LIB), LIB)}


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_fabric_areas_by_hand(name):
    design = load_design(name)
    result = estimate(design, library=LIB)
    rows = rows_by_id(design)
    # By hand: every fabric piece's area × layers, and the allowances' length × width.
    for fabric_id in {p.material for p in result.parts if p.material in LIB.fabrics}:
        parts = [p for p in result.parts if p.material == fabric_id]
        net = sum(p.area_m2 + p.allowance_area_m2 for p in parts)
        assert_allclose(rows[fabric_id]["net_area_m2"], net, atol=1e-5)
        assert_allclose(rows[fabric_id]["mass_g"], sum(p.mass_g for p in parts), atol=0.01)
        if all(not p.knit_to_shape for p in parts):
            assert_allclose(rows[fabric_id]["quantity"], net / MARKER_EFFICIENCY, atol=1e-5)
    # Allowance area × the fabric's g/m² is the allowance mass.
    for part in result.parts:
        if part.category == "allowance":
            gsm = LIB.fabrics[part.material].areal_density_gsm
            assert_allclose(part.allowance_area_m2 * gsm, part.mass_g)


def test_an_areal_density_override_changes_mass_not_area():
    design = load_design("race-5l")
    back = design.panels["back"]
    heavier = dataclasses.replace(
        design,
        panels={**design.panels, "back": dataclasses.replace(back, areal_density_gsm=300.0)},
    )
    before, after = rows_by_id(design), rows_by_id(heavier)
    assert after[back.fabric]["mass_g"] > before[back.fabric]["mass_g"]
    assert_allclose(after[back.fabric]["net_area_m2"], before[back.fabric]["net_area_m2"])


def test_thread_in_metres_and_csv_header():
    design = load_design("race-5l")
    rows = bill_of_materials(estimate(design, library=LIB), LIB)
    thread = next(r for r in rows if r["kind"] == "thread")
    tex = LIB.trims[thread["id"]].linear_density_tex
    # mass_g is rounded to 0.01 g: the metres agree to that rounding
    assert_allclose(thread["quantity"], thread["mass_g"] / tex * 1000, atol=0.005 / tex * 1000)
    assert thread["unit"] == "m"
    assert bom_csv(rows).splitlines()[0] == ",".join(BOM_COLUMNS)
