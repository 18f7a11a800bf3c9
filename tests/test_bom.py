"""Bill of materials: consumption and trim quantities worked by hand, then on the presets."""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pytest
from numpy.testing import assert_allclose

from packcalc.bom import MARKER_EFFICIENCY, consumed_area_m2, trim_quantity
from packcalc.design import load_design
from packcalc.estimator import Part, estimate
from packcalc.library import load_library
from packcalc.supply import BOM_COLUMNS, bill_of_materials, bom_csv

LIB = load_library()


def test_consumed_area_by_hand():
    # 0.30 m² of cut pieces at 75 % marker efficiency takes 0.40 m²; knitted, 0.30 m².
    assert_allclose(consumed_area_m2(0.30, False, 0.75), 0.40)
    assert_allclose(consumed_area_m2([0.30, 0.30], [False, True], 0.75), [0.40, 0.30])
    with pytest.raises(ValueError, match="marker_efficiency"):
        consumed_area_m2(0.3, False, 1.2)


@pytest.mark.parametrize(
    ("grams", "kwargs", "expected"),
    [
        (3.0, {"piece_mass_g": 1.5}, (2.0, "pieces")),  # two 1.5 g sliders
        (9.5, {"linear_mass_g_m": 4.75}, (2.0, "m")),  # 2 m of a 4.75 g/m binding
        (1.2, {"linear_density_tex": 30.0}, (40.0, "m")),  # 1.2 g / 30 g/km
        (6.0, {"areal_mass_gsm": 120.0}, (0.05, "m2")),  # 500 cm² of a 120 g/m² print
    ],
)
def test_trim_quantity_by_hand(grams, kwargs, expected):
    quantity, unit = trim_quantity(grams, **kwargs)
    assert unit == expected[1]
    assert_allclose(quantity, expected[0])


def part(material, grams, area=0.0, allowance=0.0, knitted=False, category="panel"):
    return Part(material, category, material, grams, None, 2, None, 0.0, area, knitted,
                allowance)  # fmt: skip


def test_rows_of_a_vest_worked_by_hand():
    # Two pieces of a 44.08 g/m² ripstop (0.10 + 0.05 m², 0.01 m² of allowance),
    # one knitted-to-shape piece of another fabric, 2 m of binding and 1.2 g of thread.
    ripstop = LIB.fabrics["ripstop-nylon-20d"]
    knit = "pa-elastane-knit-190"
    binding = LIB.trims["binding-lycra-25mm"]  # 4.75 g/m
    parts = (
        part(ripstop.id, 0.10 * ripstop.areal_density_gsm, area=0.10),
        part(ripstop.id, 0.05 * ripstop.areal_density_gsm, area=0.05),
        part(ripstop.id, 0.01 * ripstop.areal_density_gsm, allowance=0.01, category="allowance"),
        part(knit, 19.0, area=0.10, knitted=True),
        part(binding.id, 9.5, category="binding"),
        part("thread-tex30-polyester", 1.2, category="thread"),
    )
    rows = {r["id"]: r for r in bill_of_materials(SimpleNamespace(parts=parts), LIB, 0.8)}
    assert rows[ripstop.id]["net_area_m2"] == pytest.approx(0.16)
    assert rows[ripstop.id]["quantity"] == pytest.approx(0.20)  # 0.16 / 0.8
    assert rows[ripstop.id]["mass_g"] == pytest.approx(0.16 * 44.08, abs=0.01)
    assert rows[knit]["quantity"] == pytest.approx(0.10)  # knitted: no waste
    assert "knitted to shape" in rows[knit]["note"]
    assert (rows[binding.id]["quantity"], rows[binding.id]["unit"]) == (2.0, "m")
    assert (rows["thread-tex30-polyester"]["quantity"], rows["thread-tex30-polyester"]["unit"]) == (
        40.0,
        "m",
    )
    assert rows["thread-tex30-polyester"]["kind"] == "thread"


def test_pieces_are_whole_numbers_in_the_csv():
    parts = (part("zipper-slider-3", 4.5, category="closure"),)  # three 1.5 g sliders
    text = bom_csv(bill_of_materials(SimpleNamespace(parts=parts), LIB))
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["quantity"], row["unit"]) == ("3", "pieces")
    assert text.splitlines()[0] == ",".join(BOM_COLUMNS)


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_presets_consume_more_than_they_keep(name):
    result = estimate(load_design(name), library=LIB)
    rows = bill_of_materials(result, LIB)
    fabrics = [r for r in rows if r["kind"] == "fabric"]
    assert fabrics
    for row in fabrics:
        waste_free = "knitted" in row["note"]
        ratio = row["quantity"] / row["net_area_m2"]
        assert ratio == pytest.approx(1.0 if waste_free else 1 / MARKER_EFFICIENCY, rel=1e-3) or (
            1.0 < ratio < 1 / MARKER_EFFICIENCY  # some pieces cut, some knitted
        )
    # The bill's grams are the vest's weight (nothing lost or counted twice).
    assert sum(r["mass_g"] for r in rows) == pytest.approx(result.weight.m_as("g"), abs=0.05)
