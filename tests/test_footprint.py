"""Made where: the transport rule by hand, scenarios, factors with sources, CLI, export."""

from __future__ import annotations

import json

import pytest
from numpy.testing import assert_allclose

from packcalc import PackcalcError
from packcalc.cli import main
from packcalc.design import load_design
from packcalc.estimator import estimate
from packcalc.footprint import leg_co2e_kg, road_share
from packcalc.footprint_data import read_footprint
from packcalc.library import load_library
from packcalc.supply import compare, ecobalyse_query, making_minutes, scenario

LIB = load_library()
DATA = read_footprint()


def test_road_share_rule():
    # Ecobalyse: ≤500 km → 100 % road; ≤1000 → 90 %; ≤2000 → 50 %; ≤3000 → 25 %; beyond → 0.
    assert road_share([0, 500, 501, 1000, 1001, 2000, 3000, 3001]).tolist() == [
        1.0, 1.0, 0.9, 0.9, 0.5, 0.5, 0.25, 0.0,
    ]  # fmt: skip


def test_leg_by_hand():
    # 2 kg over 800 km road / 1200 km sea: t = 0.9.
    # road 0.002 t × 800 km × 0.1 = 0.16; sea 0.002 × 1200 × 0.02 = 0.048;
    # 0.9 × 0.16 + 0.1 × 0.048 = 0.1488 kg; with 25 % by air over 600 km at 1.0:
    # air 0.002 × 600 × 1 = 1.2 → 0.25 × 1.2 + 0.75 × 0.1488 = 0.4116 kg.
    assert_allclose(leg_co2e_kg(2.0, 800, 1200, 600, 0.1, 0.02, 1.0), 0.1488)
    assert_allclose(leg_co2e_kg(2.0, 800, 1200, 600, 0.1, 0.02, 1.0, 0.25), 0.4116)


def test_vietnam_leg_by_hand():
    result = estimate(load_design("race-5l"), library=LIB)
    s = scenario(result, LIB, DATA, "VN", 0.0)
    vest_t = result.weight.m_as("kg") / 1000
    sea = vest_t * 17119 * DATA.modes["sea"]["co2e_kg_tkm"]  # road share 0 at 31 498 km
    road = vest_t * 163 * DATA.modes["road"]["co2e_kg_tkm"]  # Fos → Crest
    assert_allclose(s.steps[2].co2e_kg, sea + road, rtol=1e-9)
    flown = scenario(result, LIB, DATA, "VN", 0.33)
    air = vest_t * 9787 * DATA.modes["air"]["co2e_kg_tkm"]
    assert_allclose(flown.steps[2].co2e_kg, 0.33 * air + 0.67 * sea + road, rtol=1e-9)


def test_making_step_by_hand():
    result = estimate(load_design("race-5l"), library=LIB)
    minutes = making_minutes(result, DATA)
    for place, country in (("FR-Drome", "FR"), ("VN", "VN")):
        s = scenario(result, LIB, DATA, place)
        kwh = minutes * DATA.making["energy_kwh_per_min"]
        assert_allclose(s.steps[1].co2e_kg, kwh * DATA.countries[country]["grid_g_kwh"] / 1000)
        assert_allclose(s.steps[1].cost_eur, minutes / 60 * DATA.countries[country]["labour_eur_h"])


def test_making_minutes_by_hand_and_with_a_custom_panel():
    import dataclasses

    from packcalc.design import CustomPanel

    design = load_design("race-5l")
    m = DATA.making
    speed = m["sewing_speed_m_per_min"] * m["efficiency"]  # m/min
    base = making_minutes(estimate(design, library=LIB), DATA)
    # By hand from the drafted seams and edges, the pockets' sides, bottoms and openings.
    pattern = estimate(design, library=LIB).pattern
    seams = sum(s.length for s in pattern.seams) / 100
    seams += sum(2 * (p.height_cm + p.gusset_cm) + p.width_cm + 2 * p.gusset_cm
                 for p in design.pockets) / 100  # fmt: skip
    bound = sum(p.bound_length for p in pattern.panels) / 100
    bound += sum(p.width_cm + 2 * p.gusset_cm for p in design.pockets) / 100
    pieces = sum(t.quantity for t in design.trims) + sum(
        p.closure != "none" for p in design.pockets
    )
    expected = ((seams + bound) / speed + len(design.pockets) * m["minutes_per_pocket"]
                + pieces * m["minutes_per_trim"] + m["minutes_handling"])  # fmt: skip
    assert design.finish.binding
    assert_allclose(base, expected)
    # A 12 × 6 cm custom panel seamed on one 12 cm side, bound on the other 24 cm.
    flap = CustomPanel("flap", ((0, 0), (12, 0), (12, 6), (0, 6)),
                       ("seam", "bound", "bound", "bound"), design.panels["back"])  # fmt: skip
    more = dataclasses.replace(design, custom_panels=(flap,))
    added = making_minutes(estimate(more, library=LIB), DATA) - base
    assert_allclose(added, (0.12 + 0.24) / speed)


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_drome_against_vietnam(name):
    result = estimate(load_design(name), library=LIB)
    drome, sea, air = compare(result, LIB, "FR-Drome", ["VN"], [0.0, 0.33])
    assert drome.co2e_kg < sea.co2e_kg < air.co2e_kg
    assert drome.lead_days < sea.lead_days
    assert sea.cost_eur < drome.cost_eur  # labour costs less in Vietnam
    for s in (drome, sea, air):
        low, high = s.co2e_band_kg
        assert low <= s.co2e_kg <= high
        assert s.per_gram_saved_g >= 0


def test_every_factor_has_a_source_and_licence(tmp_path):
    for record in DATA.records:
        assert record.get("source") or (record.get("assumption") and record.get("note"))
    text = (LIB.root / "footprint.toml").read_text()
    broken = text.replace('licence = "Open Government Licence v3.0"\n', "", 1)
    path = tmp_path / "footprint.toml"
    path.write_text(broken)
    with pytest.raises(PackcalcError, match=r"modes\.road\.licence: missing"):
        read_footprint(path)
    # The library's provenance rule holds here too: a flag is true or false, and an
    # assumption says what it is based on.
    path.write_text(text.replace("assumption = true", 'assumption = "yes"', 1))
    with pytest.raises(PackcalcError, match=r"assumption: expected true or false"):
        read_footprint(path)


def test_unknown_place_and_cli(capsys):
    result = estimate(load_design("race-5l"), library=LIB)
    with pytest.raises(PackcalcError, match="unknown place 'VM' \\(did you mean 'VN'\\?\\)"):
        scenario(result, LIB, DATA, "VM")
    assert main(["footprint", "race-5l", "--made-in", "FR-Drome", "--compare", "VN", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scenarios"][0]["name"].startswith("Drôme")
    for s in data["scenarios"]:
        assert {"name", "co2e_kg", "cost_eur", "steps"} <= set(s)
        assert s["co2e_kg"] == pytest.approx(sum(step["co2e_kg"] for step in s["steps"]), abs=1e-4)
    assert main(["footprint", "race-5l", "--compare", "XX"]) == 2
    assert "unknown place 'XX'" in capsys.readouterr().err


def test_ecobalyse_query():
    result = estimate(load_design("ultra-12l"), library=LIB)
    query, left_out = ecobalyse_query(result, LIB, "VN", 0.33)
    assert query["countryMaking"] == "VN" and query["airTransportRatio"] == 0.33
    assert sum(m["share"] for m in query["materials"]) == pytest.approx(1.0, abs=1e-3)
    assert {m["id"] for m in query["materials"]} <= {"ei-pa", "elasthane", "ei-pet"}
    assert query["mass"] == pytest.approx(result.weight.m_as("kg"), abs=1e-4)
    assert left_out == []
