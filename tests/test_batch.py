"""Variants in one pass: equal to the single-design path; sensitivity; optimisation; CLI."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc import PackcalcError
from packcalc.batch import (
    Brief,
    apply,
    evaluate,
    grid,
    optimise,
    pareto_front,
    sensitivity,
)
from packcalc.cli import main
from packcalc.design import load_design
from packcalc.estimator import estimate
from packcalc.library import load_library
from packcalc.loadfit import fit_load

LIB = load_library()
RACE = load_design("race-5l")


def single(design, pressure=None):
    result = estimate(design, library=LIB, pressure_kpa=pressure)
    return (
        result.weight.m_as("g"),
        result.packed_volume.m_as("L"),
        result.load_fit.capacity_stretched_l,
    )


def test_no_variant_is_the_design_itself():
    out = evaluate(RACE, {}, LIB)
    assert_allclose(
        [out["weight_g"][0], out["packed_volume_l"][0], out["capacity_stretched_l"][0]],
        single(RACE),
        rtol=1e-12,
    )
    assert out["valid"][0]


@settings(max_examples=25, deadline=None)
@given(
    st.floats(20, 40),
    st.floats(24, 32),
    st.floats(80, 300),
    st.integers(1, 3),
    st.floats(0.5, 100),
    st.sampled_from(["pa-elastane-knit-150", "hex-mesh", "power-mesh", "spacer-mesh-3mm"]),
    st.sampled_from([0.9, 1.0, 1.2]),
)
def test_vectorised_pass_equals_the_single_design_path(
    height, width, gsm, layers, pressure, fabric, scale
):
    values = {
        "back.height": height,
        "back.width": width,
        "gsm.front": gsm,
        "layers.strap": layers,
        "pressure": pressure,
        "fabric.back": fabric,
        "pocket.scale": scale,
    }
    # The same variant three times among others: each row must equal the single path.
    columns = {k: [v, v, v] for k, v in values.items()}
    columns["back.height"] = [height, 30.0, height]
    out = evaluate(RACE, columns, LIB)
    one = apply(RACE, values, LIB)
    expected = single(one, pressure)
    for row in (0, 2):
        assert_allclose(
            [out["weight_g"][row], out["packed_volume_l"][row], out["capacity_stretched_l"][row]],
            expected,
            rtol=1e-9,
        )


def test_bad_variants_are_refused():
    with pytest.raises(
        PackcalcError, match=r"--vary back\.hieght: unknown parameter \(did you mean"
    ):
        evaluate(RACE, {"back.hieght": [30.0]}, LIB)
    with pytest.raises(PackcalcError, match="unknown fabric 'nope'"):
        evaluate(RACE, {"fabric.back": ["nope"]}, LIB)
    with pytest.raises(PackcalcError, match="expected 3 values"):
        evaluate(RACE, {"back.height": [30.0, 31.0, 32.0], "gsm.back": [100.0, 120.0]}, LIB)
    with pytest.raises(PackcalcError, match="finite"):
        evaluate(RACE, {"back.height": [np.nan]}, LIB)


def test_invalid_options_are_flagged_not_hidden():
    out = evaluate(RACE, {"back.width": [28.0, 39.0], "front.gap": [10.0, 30.0]}, LIB)
    assert out["valid"].tolist() == [True, False]


def test_sensitivity_orders_parameters_by_effect():
    rows = sensitivity(RACE, LIB)
    effects = [abs(r["weight_g_high"] - r["weight_g_low"]) for r in rows]
    assert effects == sorted(effects, reverse=True)
    by_name = {r["parameter"]: r for r in rows}
    assert by_name["gsm.back"]["weight_g_high"] > by_name["gsm.back"]["weight_g_low"]
    # Pressure changes the packed volume, not the weight.
    assert by_name["pressure"]["weight_g_high"] == pytest.approx(
        by_name["pressure"]["weight_g_low"]
    )
    assert by_name["pressure"]["packed_volume_l_high"] < by_name["pressure"]["packed_volume_l_low"]


def test_pareto_front():
    weight = np.array([1.0, 2.0, 3.0, 1.5])
    capacity = np.array([1.0, 3.0, 2.0, 0.5])
    assert pareto_front(weight, -capacity).tolist() == [0, 1]


def test_optimiser_meets_the_brief_and_beats_a_brute_force_grid():
    brief = Brief(capacity_min_l=5.0, packed_max_l=0.45, load="")
    variables = ["back.height", "back.width"]
    fabrics = {"back": ["pa-elastane-knit-190", "pa-elastane-knit-150"]}
    best = optimise(RACE, brief, LIB, fabrics=fabrics, variables=variables, samples=2000)
    result = estimate(best.design, library=LIB)
    assert result.packed_volume.m_as("L") <= 0.45 + 1e-9
    assert result.load_fit.capacity_stretched_l >= 5.0
    assert best.weight_g == pytest.approx(result.weight.m_as("g"), rel=1e-9)
    # Brute force on a grid of the same variables: nothing feasible is lighter.
    axes = {
        "back.height": np.linspace(12, 50, 39),
        "back.width": np.linspace(16, 40, 25),
        "fabric.back": fabrics["back"],
    }
    out = evaluate(RACE, grid(axes), LIB)
    feasible = (
        out["valid"] & (out["packed_volume_l"] <= 0.45) & (out["capacity_stretched_l"] >= 5.0)
    )
    feasible &= (out["chest_min_cm"] <= RACE.body.chest) & (RACE.body.chest <= out["chest_max_cm"])
    assert best.weight_g <= out["weight_g"][feasible].min() + 1e-6


def test_optimiser_keeps_the_kit_and_the_sizes():
    best = optimise(RACE, Brief(capacity_min_l=4.0), LIB, samples=3000)
    assert best.kit_fits
    assert fit_load(best.design, LIB).fits
    for size in ("S", "M", "L", "XL"):
        estimate(best.design.with_size(size), library=LIB)  # drafts without an error
    assert best.weight_g < estimate(RACE, library=LIB).weight.m_as("g")


def test_impossible_brief_is_reported():
    with pytest.raises(PackcalcError, match=r"^brief: "):
        optimise(RACE, Brief(packed_max_l=0.01, load=""), LIB, samples=500)


def test_cli_sweep_and_optimise(capsys, tmp_path):
    csv_path = tmp_path / "sweep.csv"
    status = main(["sweep", "race-5l", "--vary", "back.height=30cm:40cm:3",
                   "--vary", "fabric.back=pa-elastane-knit-150,hex-mesh", "--csv", str(csv_path)])  # fmt: skip
    assert status == 0
    lines = csv_path.read_text().splitlines()
    assert lines[0].startswith("back.height,fabric.back,weight_g,packed_volume_l")
    assert len(lines) == 1 + 6
    assert "6 of 6 variants" in capsys.readouterr().err
    out_path = tmp_path / "best.toml"
    status = main(["optimise", "race-5l", "--capacity-min", "4 L", "--samples", "1500",
                   "--out", str(out_path), "--json"])  # fmt: skip
    assert status == 0
    report = json.loads(capsys.readouterr().out)
    assert report["weight_g"] < report["start_weight_g"]
    assert report["capacity_stretched_l"] >= 4.0
    assert load_design(out_path).options["back_height"] == pytest.approx(
        report["options_cm"]["back_height"], abs=0.01
    )
    for bad, message in [
        (
            ["sweep", "race-5l", "--vary", "back.height=30kg:40cm:3"],
            "--vary back.height: expected a length",
        ),
        (["sweep", "race-5l", "--vary", "back.height"], "expected PATH=START:STOP:COUNT"),
        (["optimise", "race-5l", "--capacity-min", "5 kg"], "--capacity-min: expected a volume"),
    ]:
        assert main(bad) == 2
        assert message in capsys.readouterr().err


def test_apply_writes_a_design_that_round_trips(tmp_path):
    from packcalc.design import save_design

    design = apply(RACE, {"back.height": 31.5, "fabric.wing": "hex-mesh", "pocket.scale": 1.1}, LIB)
    path = tmp_path / "variant.toml"
    save_design(design, path)
    assert load_design(path) == design
    assert design.panels["wing"].fabric == "hex-mesh"
    assert dataclasses.replace(design).pockets[0].width_cm == pytest.approx(
        RACE.pockets[0].width_cm * 1.1
    )
