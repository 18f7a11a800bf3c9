"""Packed volume: the compression law, its calibration, anchors, and the vest's curve."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc import PackcalcError, laws, packing
from packcalc.design import load_design
from packcalc.estimator import REFERENCE_TEE, estimate, packing_inputs
from packcalc.library import load_library

LIB = load_library()
PACKING_TOLERANCE = 0.30  # packed volume depends on how and how long it was packed


def test_law_through_two_points_and_back():
    phi0, modulus = packing.law_from_points([0.30, 0.50], [5.0, 60.0])
    assert_allclose(packing.compressed_fraction([5.0, 60.0], phi0, modulus), [0.30, 0.50])
    assert_allclose(packing.compressed_fraction(0.0, phi0, modulus), phi0)
    with pytest.raises(PackcalcError, match="thinner under more pressure"):
        packing.law_from_points([0.5, 0.3], [5.0, 60.0])


def test_one_point_law_returns_the_class_law_for_the_class_fabric():
    cls = LIB.compression["knit"]
    phi0, modulus = laws.class_law(cls)
    again = packing.law_from_one_point(cls.gauge_phi, cls.gauge_pressure_kpa, phi0, modulus)
    assert_allclose(again, (phi0, modulus), rtol=1e-9)
    # A bulkier fabric at the same pressure gets a stiffer law (it stays bulky).
    phi0_b, modulus_b = packing.law_from_one_point(0.065, cls.gauge_pressure_kpa, phi0, modulus)
    assert modulus_b > modulus
    assert_allclose(packing.compressed_fraction(cls.gauge_pressure_kpa, phi0_b, modulus_b), 0.065)


def test_stored_class_defaults_match_their_calibration():
    calibrated = laws.calibrate(LIB)
    textiles = [c for c in LIB.compression.values() if c.id != "laminate"]
    for cls in LIB.compression.values():
        assert_allclose(cls.gauge_phi, calibrated["gauge_phi"], atol=0.005)
        assert_allclose(cls.modulus_kpa, calibrated["modulus_kpa"], rtol=0.01)
    for cls in textiles:
        assert_allclose(cls.fold_factor, calibrated["fold_textile"], atol=0.005)
    assert_allclose(LIB.compression["laminate"].fold_factor, calibrated["fold_film"], atol=0.005)


def test_calibration_anchors_are_reproduced():
    anchors = LIB.packing_anchors
    knit = laws.class_law(LIB.compression["knit"])
    vacuum = anchors["vacuum-woven-stack"]
    assert_allclose(packing.compressed_fraction(vacuum.pressure_kpa, *knit), vacuum.phi, atol=0.005)
    jacket = anchors["wind-jacket-self-stuffed"]
    woven = LIB.compression["woven"]
    volume = packing.packed_volume_l(
        jacket.mass_g,
        jacket.density_g_cm3,
        packing.compressed_fraction(jacket.pressure_kpa, *laws.class_law(woven)),
        woven.fold_factor,
    )
    assert jacket.volume_low_l * 0.98 <= volume <= jacket.volume_high_l * 1.02


def test_validation_anchor_kept_out_of_calibration():
    """The t-shirt bag-fill test sets nothing: the model must land near it on its own."""
    anchor = LIB.packing_anchors["tshirt-bag-fill"]
    assert anchor.role == "validation"
    volume = float(laws.garment_packed_volume_l(anchor.fabric, anchor.mass_g, anchor.pressure_kpa))
    low = anchor.volume_low_l * (1 - PACKING_TOLERANCE)
    high = anchor.volume_high_l * (1 + PACKING_TOLERANCE)
    assert low <= volume <= high, (volume, anchor.volume_low_l, anchor.volume_high_l)


def test_laminates_fold_worse_than_textiles():
    same_mass = 100.0
    dcf = laws.garment_packed_volume_l("dcf-0.5oz", same_mass, 2.0)
    ripstop = laws.garment_packed_volume_l("ripstop-nylon-20d", same_mass, 2.0)
    assert dcf > 2 * ripstop


def test_garment_volume_vectorised_and_errors():
    out = laws.garment_packed_volume_l("tee-jersey-cotton", [100.0, 200.0], [[1.0], [10.0]])
    assert out.shape == (2, 2)
    assert_allclose(out[:, 1], 2 * out[:, 0])
    with pytest.raises(PackcalcError, match="unknown fabric 'tee-cottn'"):
        laws.garment_packed_volume_l("tee-cottn", 100.0, 2.0)


pressures = st.floats(min_value=0.01, max_value=150.0)
fabric_ids = st.sampled_from(sorted(LIB.fabrics))


@settings(max_examples=60, deadline=None)
@given(fabric_ids, st.floats(1.0, 1000.0), pressures, pressures)
def test_more_pressure_never_more_volume_and_never_below_the_floor(fabric_id, mass, p1, p2):
    low, high = sorted((p1, p2))
    v_low, v_high = laws.garment_packed_volume_l(fabric_id, mass, [low, high])
    assert v_high <= v_low * (1 + 1e-12)
    floor = packing.solid_volume_l(mass, LIB.fabrics[fabric_id].fibre_density_g_cm3)
    assert v_high >= floor


@settings(max_examples=40, deadline=None)
@given(fabric_ids, st.floats(1.0, 500.0), st.floats(1.5, 10.0), pressures)
def test_volume_scales_linearly_with_mass(fabric_id, mass, factor, pressure):
    one = laws.garment_packed_volume_l(fabric_id, mass, pressure)
    assert_allclose(laws.garment_packed_volume_l(fabric_id, mass * factor, pressure), one * factor)


@settings(max_examples=60, deadline=None)
@given(fabric_ids, pressures)
def test_phi_stays_in_the_unit_interval(fabric_id, pressure):
    law = laws.fabric_law(LIB.fabrics[fabric_id], LIB.compression)
    phi = float(law.phi(pressure))
    assert 0 < law.phi0 <= phi <= 1


# ------------------------------------------------------------------ the vest


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_vest_packed_volume_and_t_shirt_ratios(name):
    design = load_design(name)
    result = estimate(design)
    volume = result.packed_volume.m_as("L")
    assert result.packed_floor.m_as("L") < volume
    curve = result.packed_curve["vest"].m_as("L")
    assert np.all(np.diff(curve) <= 0)
    assert np.all(curve >= result.packed_floor.m_as("L"))
    tee = result.tshirts[REFERENCE_TEE]
    assert_allclose(result.tshirt_volume_ratio, volume / tee["packed_volume"].m_as("L"))
    assert_allclose(result.tshirt_weight_ratio, result.weight.m_as("g") / tee["mass"].m_as("g"))
    assert result.packed_pressure.m_as("kPa") == design.squeeze_pressure_kpa


def test_pressure_override_and_vacuum():
    design = load_design("race-5l")
    pocket = estimate(design, pressure_kpa=2.0).packed_volume
    vacuum = estimate(design, pressure_kpa=100.0).packed_volume
    assert vacuum < pocket
    with pytest.raises(PackcalcError, match="pressure"):
        estimate(design, pressure_kpa=-1.0)


def test_rigid_parts_count_but_do_not_compress():
    design = load_design("ultra-12l")
    inputs = packing_inputs(estimate(design).parts, LIB)
    assert inputs.rigid_volume_l > 0
    # At absurd pressure φ reaches 1: what remains is the solid, the fold voids (a constant
    # factor of the class) and the rigid parts.
    solid_and_folds = np.sum(inputs.mass_g / (inputs.density_g_cm3 * inputs.fold_factor)) / 1000
    assert_allclose(inputs.volume_l(1e6), solid_and_folds + inputs.rigid_volume_l, rtol=1e-9)
    assert inputs.volume_l(1e6) >= inputs.floor_l


def test_the_ultra_minimal_preset_packs_smaller_than_a_tee():
    result = estimate(load_design("ultra-minimal"))
    assert result.tshirt_volume_ratio < 1
    assert result.tshirt_weight_ratio < 1
