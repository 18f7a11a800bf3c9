"""The cradle-to-gate footprint: formulas and stages worked by hand, factors with their
terms, chains and settings, the band and sensitivity, the CLI, and a query Ecobalyse's
published API definition accepts."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import numpy as np
import pytest
from jsonschema import Draft202012Validator
from numpy.testing import assert_allclose

from packcalc import PackcalcError, footprint
from packcalc.cli import main
from packcalc.design import load_design
from packcalc.estimator import estimate
from packcalc.footprint_data import read_footprint
from packcalc.library import load_library
from packcalc.lifecycle import STAGE_ORDER, compare, scenario, waterfall
from packcalc.supply import bill_of_materials, ecobalyse_query, making_minutes

LIB = load_library()
DATA = read_footprint()
RACE = estimate(load_design("race-5l"), library=LIB)
ECOBALYSE = Path(__file__).resolve().parent / "data" / "ecobalyse"

# Factors typed from the data's sources, so that the code is checked against them.
GRID_TW, GRID_FR = 0.63515, 0.04418  # kg CO2e/kWh, Ember 2024
HEAT_WORLD, HEAT_EUROPE = 0.09330, 0.06361  # kg CO2e/MJ, Ecobalyse
ACID_KWH, ACID_MJ, WASH_KWH, WASH_MJ = 1.9, 15.229, 0.2, 10.8  # per kg, Carbonfact, Ecobalyse


def stage(s, name, place):
    return sum(x.co2e_kg for x in s.stages if x.stage == name and x.place == place)


# ------------------------------------------------------------------ formulas


def test_road_share_rule():
    # Ecobalyse: ≤500 km → 100 % road; ≤1000 → 90 %; ≤2000 → 50 %; ≤3000 → 25 %; beyond → 0.
    assert footprint.road_share([400, 800, 1500, 2500, 31498]).tolist() == [1, 0.9, 0.5, 0.25, 0]


def test_leg_by_hand():
    # 2 kg over 800 km road / 1200 km sea: t = 0.9.
    # road 0.002 t × 800 km × 0.1 = 0.16; sea 0.002 × 1200 × 0.02 = 0.048;
    # 0.9 × 0.16 + 0.1 × 0.048 = 0.1488 kg; with 25 % by air over 600 km at 1.0:
    # air 0.002 × 600 × 1 = 1.2 → 0.25 × 1.2 + 0.75 × 0.1488 = 0.4116 kg.
    assert_allclose(footprint.leg_co2e_kg(2.0, 800, 1200, 600, 0.1, 0.02, 1.0), 0.1488)
    assert_allclose(footprint.leg_co2e_kg(2.0, 800, 1200, 600, 0.1, 0.02, 1.0, 0.25), 0.4116)
    # No road between the places: all by sea, whatever the rule would say.
    assert_allclose(footprint.leg_co2e_kg(2.0, 0, 1200, 0, 0.1, 0.02, 1.0,
                                          surface_road_share=0.0), 0.048)  # fmt: skip


def test_carbonfact_tables_from_the_formulas():
    # Carbonfact's circular knitting rows: 45 dtex 5.299, 120 dtex 4.784 kWh/kg.
    knit = footprint.circular_knitting_kwh_per_kg([45, 120], 0.01457, 37.119, 4.46)
    assert_allclose(knit, [5.299, 4.784], atol=1e-3)
    # Air-jet weaving, 1653.6 · dtex^-0.996: 14.05 at 120 dtex; finer than 45 dtex is
    # taken at 45 (the fit's range): 37.31.
    weave = footprint.air_jet_weaving_kwh_per_kg([120, 22, 45], 1653.6, -0.996)
    assert_allclose(weave, [14.046, 37.310, 37.310], atol=1e-3)


def test_band_and_elasticities_by_hand():
    # Two terms 3 and 1; the second also depends on factor b. Elasticities: a 1, b 1/4.
    assert_allclose(footprint.elasticities([3.0, 1.0], [[1, 0], [1, 1]]), [1.0, 0.25])
    # With a spread on b only, the total stays above 3 and its median near 4.
    low, high = footprint.lognormal_band([3.0, 1.0], [[1, 0], [1, 1]], [0.0, 0.5])
    assert 3.0 < low < 4.0 < high < 3.0 + np.exp(0.5 * 1.645) + 0.01


# ------------------------------------------------------------------ stages by hand


def cut_masses(result):
    """kg of each fabric through its stages, from the bill: consumed (cutting waste
    included) plus its fitted allowance (pocket making: never cut)."""
    rows = bill_of_materials(result, LIB, DATA.making["marker_efficiency"])
    out = {}
    for r in rows:
        if r["kind"] == "fabric":
            kg = r["mass_g"] / 1000 * r["quantity"] / r["net_area_m2"]
        elif r["kind"] == "allowance":
            kg = r["mass_g"] / 1000
        else:
            continue
        out[r["id"]] = out.get(r["id"], 0.0) + kg
    return out


def test_dyeing_in_taiwan_by_hand():
    # Every fabric of race-5l is a polyamide knit or mesh: washed then acid-dyed, per kg
    # of fabric consumed, at Taiwan's grid and the world's heat mix.
    s = scenario(RACE, LIB, DATA, chain="asian")
    dyed = sum(m for f, m in cut_masses(RACE).items() if LIB.fabrics[f].construction != "laminate")
    expected = dyed * ((WASH_KWH + ACID_KWH) * GRID_TW + (WASH_MJ + ACID_MJ) * HEAT_WORLD)
    assert_allclose(stage(s, "dyeing", "TW"), expected, rtol=2e-3)


def test_moving_the_dyeing_to_france_changes_it_by_the_factors():
    asian = scenario(RACE, LIB, DATA, chain="asian")
    moved = scenario(RACE, LIB, DATA, chain="asian", settings={"dyeing": "FR"})
    dyed = sum(cut_masses(RACE).values())
    change = dyed * ((WASH_KWH + ACID_KWH) * (GRID_FR - GRID_TW)
                     + (WASH_MJ + ACID_MJ) * (HEAT_EUROPE - HEAT_WORLD))  # fmt: skip
    assert_allclose(stage(moved, "dyeing", "FR") - stage(asian, "dyeing", "TW"), change, rtol=2e-3)
    assert moved.places["dyeing"] == "FR"
    # ... and ships the fabric to France and back: two more legs.
    legs = {x.place for x in moved.stages if x.stage == "transport"}
    assert {"TW → FR", "FR → TW"} <= legs


def all_polyester_race():
    """race-5l with one polyester knit for every panel and pocket: its estimate and the
    kg of that fabric through its stages."""
    design = load_design("race-5l")
    spec = dataclasses.replace(design.panels["back"], fabric="pes-knit-72")
    pockets = tuple(dataclasses.replace(p, fabric="pes-knit-72") for p in design.pockets)
    one = dataclasses.replace(design, panels=dict.fromkeys(design.panels, spec), pockets=pockets)
    result = estimate(one, library=LIB)
    (cut,) = cut_masses(result).values()
    return result, cut


def test_fibre_stage_carries_the_losses_by_hand():
    # One polyester knit for every panel and pocket: polymer = fabric / (1 − 4 % knitting
    # loss) / (1 − 3 % spinning loss), at 3.4 kg CO2e/kg.
    result, cut = all_polyester_race()
    s = scenario(result, LIB, DATA, chain="asian")
    assert_allclose(stage(s, "fibre", "CN"), cut / 0.96 / 0.97 * 3.4, rtol=1e-6)


def test_primary_energy_names_the_fibres_it_leaves_out():
    # Nylon 6's production has no open energy figure: it is counted in CO2e, left out of
    # the primary energy and named; polyester's 82.7 MJ/kg is counted.
    nylon = scenario(RACE, LIB, DATA, chain="asian", samples=10)
    assert "nylon-6" in nylon.energy_left_out
    assert nylon.to_dict()["energy_left_out"] == list(nylon.energy_left_out)
    assert stage(nylon, "fibre", "CN") > 0
    result, cut = all_polyester_race()
    s = scenario(result, LIB, DATA, chain="asian", samples=10)
    assert "polyester" not in s.energy_left_out
    fibre_mj = sum(x.energy_mj for x in s.stages if x.stage == "fibre")
    assert_allclose(fibre_mj, cut / 0.96 / 0.97 * 82.7, rtol=1e-6)


def test_making_by_hand():
    minutes = making_minutes(RACE, DATA)
    drome = scenario(RACE, LIB, DATA, chain="drome-asian-fabric")
    assert_allclose(stage(drome, "making", "FR-Drome"), minutes * 0.029 * GRID_FR, rtol=2e-3)
    making = next(step for step in drome.steps if step.name == "making")
    assert_allclose(making.cost_eur, minutes / 60 * 43.7)


# ------------------------------------------------------------------ scenarios


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_the_chains_tell_a_consistent_story(name):
    result = estimate(load_design(name), library=LIB)
    totals = {c: scenario(result, LIB, DATA, chain=c) for c in DATA.chains}
    europe, drome, asia, air = (totals[c] for c in
                                ("european", "drome-asian-fabric", "asian", "asian-air"))  # fmt: skip
    assert europe.co2e_kg < drome.co2e_kg < asia.co2e_kg < air.co2e_kg
    for s in totals.values():
        low, high = s.co2e_band_kg
        assert low < s.co2e_kg < high < 2 * low
        # Published garments run 15-40 kg CO2e per kg cradle to gate; a vest of nylon
        # knits and mesh sits in that range.
        assert 10 < s.co2e_per_kg_product < 40
        assert s.stages and all(x.stage in STAGE_ORDER for x in s.stages)
        assert s.co2e_kg == pytest.approx(sum(step.co2e_kg for step in s.steps))
        assert 0 < s.per_gram_saved_g * s.product_kg < s.co2e_kg * 1000
    # The fibre is the largest stage (nylon's 7.8 kg CO2e/kg), ahead of every process.
    stages = drome.by_stage()
    assert max(stages, key=stages.get) == "fibre"


def test_sensitivity_names_the_factors_that_matter():
    s = scenario(RACE, LIB, DATA, chain="asian")
    top = [r["factor"] for r in s.sensitivity[:5]]
    assert "fibre:nylon-6" in top
    swings = [r["swing_kg"] for r in s.sensitivity]
    assert swings == sorted(swings, reverse=True)
    # Every term depends on at least one factor: the elasticities sum to 1 or more.
    assert sum(r["elasticity"] for r in s.sensitivity) >= 1.0


def test_waterfall_adds_up():
    drome, asia = (scenario(RACE, LIB, DATA, chain=c) for c in ("drome-asian-fabric", "asian"))
    steps = waterfall(drome, asia)
    assert sum(r["change_kg"] for r in steps) == pytest.approx(asia.co2e_kg - drome.co2e_kg)
    changed = {r["stage"] for r in steps if abs(r["change_kg"]) > 1e-9}
    assert changed == {"making", "transport"}  # same fabric chain: only the sewing moves


def test_compare_keeps_its_old_call():
    drome, sea, air = compare(RACE, LIB, "FR-Drome", ["VN"], [0.0, 0.33], DATA)
    assert drome.co2e_kg < sea.co2e_kg < air.co2e_kg
    assert drome.lead_days < sea.lead_days
    assert sea.cost_eur < drome.cost_eur  # labour costs less in Vietnam
    assert [s.chain for s in RACE.footprint(chains=["european", "asian"], data=DATA)] == [
        "european",
        "asian",
    ]


# ------------------------------------------------------------------ data


def test_every_factor_has_source_licence_place_and_year(tmp_path):
    for record in DATA.records:
        assert record.get("source") or (record.get("assumption") and record.get("note"))
    lca = tmp_path / "lca"
    lca.mkdir()
    for file in (LIB.root / "lca").glob("*.toml"):
        (lca / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    grid = (lca / "grid.toml").read_text(encoding="utf-8")
    (lca / "grid.toml").write_text(grid.replace("year = 2024\n", "", 1), encoding="utf-8")
    with pytest.raises(PackcalcError, match=r"grid\.toml: grid\.FR\.year: missing"):
        read_footprint(lca_dir=lca)
    (lca / "grid.toml").write_text(grid.replace('licence = "CC BY 4.0"\n', "", 1))
    with pytest.raises(PackcalcError, match=r"grid\.FR\.licence: missing"):
        read_footprint(lca_dir=lca)


def test_share_alike_data_stays_in_its_own_file_with_its_notice():
    carbonfact = (LIB.root / "lca" / "carbonfact.toml").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in carbonfact and "doi:10.5281/zenodo.21102755" in carbonfact
    for record in DATA.records:
        licence, source = str(record.get("licence", "")), str(record.get("source", ""))
        if "CC BY-SA" in licence and "Carbonfact" in source:
            assert record["where"].startswith("carbonfact.toml")


# ------------------------------------------------------------------ the command line


def test_cli_json_stages_and_waterfall(capsys):
    argv = ["footprint", "race-5l", "--chain", "drome-asian-fabric", "--chain", "european",
            "--set", "making=FR-Drome", "--json"]  # fmt: skip
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    first = out["scenarios"][0]
    assert {"stage", "place", "co2e_kg", "energy_mj", "source"} <= set(first["stages"][0])
    assert first["co2e_per_kg_product"] == pytest.approx(
        first["co2e_kg"] / (out["weight_g"] / 1000), rel=1e-3
    )
    assert out["waterfalls"][0]["to"] == out["scenarios"][1]["name"]
    assert "end of life" in out["scope"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--chain", "europe"], "--chain: unknown chain 'europe' (did you mean 'european'?)"),
        (["--set", "dyeing=Mars"], "--set dyeing: unknown place 'Mars'"),
        (["--set", "dying=FR"], "--set dying: unknown stage"),
        (["--set", "dyeing"], "--set: expected STAGE=PLACE"),
        (["--made-in", "XX"], "--made-in: unknown place 'XX'"),
    ],
)
def test_cli_refuses_bad_chains_and_places(argv, message, capsys):
    assert main(["footprint", "race-5l", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


# ------------------------------------------------------------------ Ecobalyse


def ecobalyse_file(name):
    return json.loads((ECOBALYSE / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
@pytest.mark.parametrize("place", ["FR", "VN", "IT", "TW"])
def test_ecobalyse_accepts_the_query(name, place):
    result = estimate(load_design(name), library=LIB)
    query, _ = ecobalyse_query(result, LIB, place, 0.33, DATA)
    Draft202012Validator(ecobalyse_file("textile-query.schema.json")).validate(query)
    uuids = {m["id"] for m in ecobalyse_file("materials.json")["materials"]}
    uuid = re.compile(r"^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$")
    assert all(uuid.match(m["id"]) and m["id"] in uuids for m in query["materials"])
    assert sum(m["share"] for m in query["materials"]) == 1.0  # exactly, as the decoder checks
    textile = set(ecobalyse_file("countries.json")["textile"])
    assert {query[k] for k in ("countrySpinning", "countryFabric", "countryDyeing",
                               "countryMaking")} <= textile  # fmt: skip
    assert query["trims"] == []  # no Ecobalyse component for plastic trims: none added


def test_ecobalyse_mass_is_the_textile_and_aliases_stay_for_old_apis():
    query, left_out = ecobalyse_query(RACE, LIB, "FR", 0.0, DATA)
    rigid = sum(p.mass_g for p in RACE.parts if p.material in ("cord-lock-single",
                                                                "zipper-slider-3"))  # fmt: skip
    assert query["mass"] < RACE.weight.m_as("kg") - rigid / 1000
    assert any("cord-lock-single" in item for item in left_out)
    old, _ = ecobalyse_query(RACE, LIB, "FR", 0.0, DATA, legacy_ids=True)
    assert {m["id"] for m in old["materials"]} <= {"ei-pa", "elasthane", "ei-pet"}


def test_cli_ecobalyse_takes_country_codes(capsys):
    assert main(["footprint", "race-5l", "--ecobalyse", "FR"]) == 0
    assert json.loads(capsys.readouterr().out)["countryMaking"] == "FR"
    assert main(["footprint", "race-5l", "--ecobalyse", "Mars"]) == 2


def test_a_vest_made_in_the_warehouse_country_is_not_flown():
    # Made in Vietnam, compared with the Drôme: the Drôme is the warehouse's own country,
    # so it gets one row (no air share), Vietnam both of its own.
    result = estimate(load_design("race-5l"), library=LIB)
    rows = compare(result, LIB, "VN", ["FR-Drome"], [0.0, 0.33], DATA)
    assert [(s.made_in, s.air_share) for s in rows] == [("VN", 0.0), ("FR-Drome", 0.0)]
    rows = compare(result, LIB, "FR-Drome", ["VN"], [0.0, 0.33], DATA)
    assert [(s.made_in, s.air_share) for s in rows] == [
        ("FR-Drome", 0.0), ("VN", 0.0), ("VN", 0.33),
    ]  # fmt: skip
    assert rows[2].name == "Vietnam, 33% by air, fabrics as sourced"


def test_the_pages_ecobalyse_query_is_the_first_row_as_shown():
    from packcalc.ui.results import supply_chain

    out = supply_chain(load_design("race-5l"), LIB, "FR-Drome", ("VN",), (0.0, 0.33), DATA)
    query = json.loads(out["ecobalyse"])
    first = out["scenarios"][0]
    assert first["made_in"] == "FR-Drome" and first["air_share"] == 0.0
    assert query["airTransportRatio"] == 0.0
    # the fabric's own stages where the chain puts them (as sourced: spun in China,
    # knitted and dyed in Taiwan, which Ecobalyse takes as its Asian region), sewn in France
    assert first["places"]["spinning"] == "CN" and first["places"]["forming"] == "TW"
    assert (query["countrySpinning"], query["countryFabric"], query["countryMaking"]) == (
        "CN", "RAS", "FR",
    )  # fmt: skip
