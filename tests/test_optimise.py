"""The optimiser: a constrained multi-objective search whose lightest design can be sewn."""

from __future__ import annotations

import json

import numpy as np
import pytest

from packcalc import PackcalcError
from packcalc.batch import OPTION_ALIASES, evaluate, grid
from packcalc.cli import main
from packcalc.design import load_design
from packcalc.estimator import estimate
from packcalc.fit import fit_load
from packcalc.library import load_library
from packcalc.optimise import LOAD_BEARING_GROUPS, Brief, constraint_margins, optimise

LIB = load_library()
RACE = load_design("race-5l")
BRIEF = Brief(capacity_min_l=5.0, packed_max_l=0.5)


@pytest.fixture(scope="module")
def race_best():
    return optimise(RACE, BRIEF, LIB)  # the default search, as the page and the CLI run it


def test_lightest_design_meets_every_constraint_and_can_be_sewn(race_best):
    best = race_best
    assert all(c.met for c in best.constraints), [c.to_dict() for c in best.constraints]
    assert {c.name for c in best.constraints} >= {
        "drafts in every size (XS–XL)", "every pocket within its panel",
        "straps reach over the shoulder in every size", "fits its runner's chest",
        "shoulder pressure", "nominal capacity", "packed volume",
    }  # fmt: skip
    assert best.kit_fits and fit_load(best.design, LIB).fits
    for size in ("XS", "S", "M", "L", "XL"):  # every size drafts
        estimate(best.design.with_size(size), library=LIB)
    result = estimate(best.design, library=LIB)
    assert result.load_fit.capacity_nominal_l >= 5.0 - 1e-9
    assert result.packed_volume.m_as("L") <= 0.5 + 1e-9
    assert best.weight_g == pytest.approx(result.weight.m_as("g"), rel=1e-9)
    # written as a pattern is: every length to the millimetre
    assert all(v == round(v, 1) for v in best.design.options.values()), best.design.options
    # What a runner would refuse: straps too narrow or too short for the kit a 5 L vest holds
    assert best.design.options["strap_width"] >= 2.5
    assert best.design.options["strap_length"] >= 12.0
    for group in LOAD_BEARING_GROUPS:
        assert LIB.fabrics[best.design.group_spec(group).fabric].load_bearing


def test_trade_off_front_has_thirty_points(race_best):
    front = race_best.front
    assert len(front["weight_g"]) >= 30
    assert np.all(front["capacity_nominal_l"] >= 5.0 - 1e-9)


def test_search_beats_a_brute_force_grid_on_a_small_case():
    # Two free options and two back fabrics; the rest locked at the design's values.
    locks = [p for p in [*OPTION_ALIASES, "pocket.scale"] if p not in ("back.height", "back.width")]
    fabrics = {"back": ["pa-elastane-knit-190", "pa-elastane-knit-150"]}
    brief = Brief(capacity_min_l=4.0, packed_max_l=0.5, load="")
    best = optimise(RACE, brief, LIB, fabrics=fabrics, locks=locks, samples=2000)
    axes = {
        "back.height": np.linspace(12, 50, 77),
        "back.width": np.linspace(16, 40, 49),
        "fabric.back": fabrics["back"],
    }
    values = grid(axes)
    out = evaluate(RACE, {**values, "pressure": [RACE.squeeze_pressure_kpa]}, LIB)
    feasible = np.ones(len(out["weight_g"]), dtype=bool)
    for _, value, limit, upper, _ in constraint_margins(RACE, LIB, brief, values, out, 0.0):
        feasible &= (value <= limit) if upper else (value >= limit)
    assert feasible.any()
    assert best.weight_g <= out["weight_g"][feasible].min() + 0.5  # within half a gram


def test_locks_and_fabric_roles():
    brief = Brief(capacity_min_l=4.0, load="")
    best = optimise(RACE, brief, LIB, locks=["strap.width", "back.height"], samples=1000)
    assert best.design.options["strap_width"] == RACE.options["strap_width"]
    assert best.design.options["back_height"] == RACE.options["back_height"]
    with pytest.raises(PackcalcError, match=r"fabrics\.strap: no fabric meets the brief"):
        optimise(RACE, brief, LIB, fabrics={"strap": ["tee-jersey-polyester"]}, samples=200)
    allowed = optimise(RACE, Brief(capacity_min_l=4.0, load="", any_fabric=True), LIB,
                       fabrics={"strap": ["tee-jersey-polyester"]}, samples=400)  # fmt: skip
    assert allowed.design.group_spec("strap").fabric == "tee-jersey-polyester"
    with pytest.raises(PackcalcError, match=r"fabrics\.strap: no fabric meets"):
        optimise(RACE, Brief(load="", min_abrasion={"strap": (1000, "taber")}), LIB, samples=200)
    with pytest.raises(PackcalcError, match=r"locks: unknown parameter 'back\.heigth'"):
        optimise(RACE, brief, LIB, locks=["back.heigth"], samples=200)


def test_impossible_brief_is_reported():
    with pytest.raises(PackcalcError, match=r"^brief: none of"):
        optimise(RACE, Brief(packed_max_l=0.01, load=""), LIB, samples=400)


def test_cli_optimise_json(capsys, tmp_path):
    out_path = tmp_path / "best.toml"
    status = main(["optimise", "race-5l", "--capacity-min", "4 L", "--samples", "1500",
                   "--lock", "back.height", "--fabrics", "wing=power-mesh,hex-mesh",
                   "--out", str(out_path), "--json"])  # fmt: skip
    assert status == 0
    report = json.loads(capsys.readouterr().out)
    assert report["weight_g"] < report["start_weight_g"]
    assert report["capacity_nominal_l"] >= 4.0
    for constraint in report["constraints"]:
        assert {"name", "value", "limit", "active"} <= constraint.keys()
        assert constraint["met"]
    assert report["fabrics"]["wing"] in ("power-mesh", "hex-mesh")
    assert report["options_cm"]["back_height"] == pytest.approx(RACE.options["back_height"])
    assert load_design(out_path).options["strap_width"] == pytest.approx(
        report["options_cm"]["strap_width"], abs=0.01
    )
    for bad, message in [
        (["optimise", "race-5l", "--capacity-min", "5 kg"], "--capacity-min: expected a volume"),
        (["optimise", "race-5l", "--fabrics", "wings=hex-mesh"], "--fabrics: expected GROUP=a,b"),
        (["optimise", "race-5l", "--min-abrasion", "strap=lots"], "--min-abrasion: expected"),
        (["optimise", "race-5l", "--lock", "nope"], "--lock: unknown parameter 'nope'"),
    ]:
        assert main(bad) == 2
        assert message in capsys.readouterr().err
