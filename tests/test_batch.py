"""Variants in one pass: equal to the single-design path; sensitivity; optimisation; CLI."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc import PackcalcError
from packcalc.batch import (
    apply,
    evaluate,
    pareto_front,
    sensitivity,
)
from packcalc.cli import main
from packcalc.design import load_design
from packcalc.estimator import estimate
from packcalc.library import load_library

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
        PackcalcError, match=r"vary\.back\.hieght: unknown parameter \(did you mean"
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


def test_cli_sweep_and_optimise(capsys, tmp_path):
    csv_path = tmp_path / "sweep.csv"
    status = main(["sweep", "race-5l", "--vary", "back.height=30cm:40cm:3",
                   "--vary", "fabric.back=pa-elastane-knit-150,hex-mesh", "--csv", str(csv_path)])  # fmt: skip
    assert status == 0
    lines = csv_path.read_text().splitlines()
    assert lines[0].startswith("back.height,fabric.back,weight_g,packed_volume_l")
    assert len(lines) == 1 + 6
    assert "6 of 6 variants" in capsys.readouterr().err
    for bad, message in [
        (
            ["sweep", "race-5l", "--vary", "back.height=30kg:40cm:3"],
            "--vary back.height: expected a length",
        ),
        (["sweep", "race-5l", "--vary", "back.height"], "expected PATH=START:STOP:COUNT"),
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
