"""Accuracy against real vests: the validation set, the fit, and goals that fail the suite
when the estimates drift from reality."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from packcalc.accuracy import (
    WEIGHED_BY,
    CountedVest,
    ReferenceVest,
    fit_calibration,
    read_validation_set,
    reference_disagreement_pct,
    validate,
)
from packcalc.cli import format_validation
from packcalc.design import load_design
from packcalc.errors import PackcalcError
from packcalc.estimator import estimate
from packcalc.library import load_library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def report():
    return validate()


def test_the_set_is_large_and_sourced():
    vests = read_validation_set()
    assert len(vests) >= 15
    assert len({v.name.split()[0] for v in vests}) >= 6  # brands
    for vest in vests:
        assert vest.weight_source.startswith("http"), vest.id
        assert vest.design_path.is_file(), vest.id
        assert vest.split in ("calibration", "test", "fresh")
        assert vest.sourced or vest.read, f"{vest.id}: say what is sourced and what is read"
    assert sum(v.split == "calibration" for v in vests) >= 10
    assert sum(v.split != "calibration" for v in vests) >= 5


def test_accuracy_does_not_degrade(report):
    s = report.summary()
    # Leave-one-out on the calibration vests: the model never saw the vest it is judged on.
    # The goals are a mean absolute error of 10 % (12 % at most) and a mean error within
    # ±5 %; on designs written from public descriptions the model reaches 33 % and −9 %
    # (docs/accuracy.md says why: makers publish neither fabric weights nor patterns).
    # These limits, a few points above what it reaches, fail the suite if it gets worse.
    assert s["calibration_weight_mae_pct"] <= 36.0, s
    assert abs(s["calibration_weight_mean_error_pct"]) <= 12.0, s
    assert 0.75 <= s["band_coverage"] <= 0.98, s
    for split in ("test", "fresh"):
        assert s[f"{split}_weight_mae_pct"] <= 40.0, (split, s)
    assert s["capacity_mae_pct"] <= 50.0, s


def test_stored_calibration_is_this_fit(report):
    # materials/calibration.toml must be what a fresh fit on the calibration vests gives:
    # refit with `packcalc validate --fit` after any change to the model or the set.
    assert report.calibration_is_stored, report.to_dict()["calibration"]


def test_accuracy_doc_is_the_command_output(report):
    doc = (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
    assert format_validation(report, markdown=True) in doc


def _synthetic(fabric, pockets, counted, overhead, per_pocket, weighed_by="reviewer"):
    vest = ReferenceVest(
        id=f"v{fabric}-{pockets}", name="x", design_path=Path("x"),
        reference_weight_g=counted + overhead * fabric + per_pocket * pockets,
        weighed_by=weighed_by, weight_includes="", included_mass_g=0.0, size_weighed="M",
        weight_source="https://example.org", capacity_l=None, packed_range_l=None,
        packed_statement="", split="calibration",
    )  # fmt: skip
    return CountedVest(vest, None, counted, fabric, pockets, 0.0, 0.0, 0.0, 0.0, np.ones(10))


def test_fit_recovers_known_overheads():
    # Targets made by hand from 0.2 × fabric + 3 g × pockets: the fit finds them, and
    # the leave-one-out model error is zero for exact data.
    vests = [
        _synthetic(f, p, c, 0.2, 3.0)
        for f, p, c in [(40, 3, 70), (80, 8, 120), (60, 5, 95), (120, 10, 200), (30, 2, 50)]
    ]
    calibration = fit_calibration(vests)
    assert_allclose(calibration.fabric_overhead, 0.2, atol=1e-4)
    assert_allclose(calibration.grams_per_pocket, 3.0, atol=1e-3)
    assert calibration.model_error < 1e-3


def test_fit_keeps_overheads_non_negative_and_weighs_makers_half():
    # Vests that are all lighter than counted give no negative overhead.
    light = [
        _synthetic(f, p, c, -0.3, -1.0) for f, p, c in [(40, 3, 70), (80, 8, 120), (60, 5, 95)]
    ]
    calibration = fit_calibration(light)
    assert calibration.fabric_overhead == 0.0 and calibration.grams_per_pocket == 0.0
    assert WEIGHED_BY == {"reviewer": 1.0, "maker": 0.5}


def test_validate_json_keys():
    out = subprocess.run(
        [sys.executable, "-m", "packcalc.cli", "validate", "--json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    data = json.loads(out.stdout)
    assert {"vests", "summary"} <= data.keys()
    for key in (
        "weight_mean_error_pct", "weight_mae_pct", "band_coverage", "capacity_mae_pct",
        "reference_disagreement_pct",
    ):  # fmt: skip
        assert key in data["summary"]
    row = data["vests"][0]
    for key in ("id", "reference_g", "estimate_g", "error_pct", "inside_band", "split"):
        assert key in row


def test_band_adds_the_model_error():
    library = load_library()
    result = estimate(load_design("race-5l"), library=library)
    wide = result.weight_band[2].m_as("g") - result.weight_band[0].m_as("g")
    tolerance = result.weight_tolerance_band[2].m_as("g") - result.weight_tolerance_band[0].m_as(
        "g"
    )
    if library.calibration.model_error > 0:
        assert wide > tolerance * 1.5
    data = result.to_dict()
    assert data["weight_band_g"][0] <= data["weight_tolerance_band_g"][0]
    assert data["weight_band_g"][1] >= data["weight_tolerance_band_g"][1]


def test_reference_disagreement_by_hand(tmp_path):
    # Two vests: 100 g weighed again at 92 g and 110 g (8 % and 10 %), 200 g again at
    # 190 g (5 %); a maker's figure and an unmarked reviewer's figure do not count.
    (tmp_path / "vests.toml").write_text(
        "\n".join(
            f"""[[vest]]
id = "v{i}"
brand = "B"
model = "M"
design = "d.toml"
split = "test"
reference_weight = "{ref} g"
weighed_by = "reviewer"
weight_source = "https://example.org/"
other_weights = [{others}]
"""
            for i, (ref, others) in enumerate(
                [
                    (100, '{ mass = "92 g", by = "reviewer", same_configuration = true }, '
                          '{ mass = "110 g", by = "reviewer", same_configuration = true }, '
                          '{ mass = "150 g", by = "reviewer" }'),
                    (200, '{ mass = "190 g", by = "reviewer", same_configuration = true }, '
                          '{ mass = "300 g", by = "maker" }'),
                ]
            )
        ),
        encoding="utf-8",
    )  # fmt: skip
    vests = read_validation_set(tmp_path)
    disagreement, pairs = reference_disagreement_pct(vests)
    assert pairs == 3
    assert_allclose(disagreement, (8 + 10 + 5) / 3)


def test_a_maker_figure_cannot_repeat_a_weighing(tmp_path):
    (tmp_path / "vests.toml").write_text(
        '[[vest]]\nid = "v"\nbrand = "B"\nmodel = "M"\ndesign = "d.toml"\nsplit = "test"\n'
        'reference_weight = "100 g"\nweighed_by = "reviewer"\nweight_source = "x"\n'
        'other_weights = [{ mass = "90 g", by = "maker", same_configuration = true }]\n',
        encoding="utf-8",
    )
    with pytest.raises(PackcalcError, match=r"other_weights\[0\]\.same_configuration"):
        read_validation_set(tmp_path)
