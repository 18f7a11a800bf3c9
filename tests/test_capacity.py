"""Pocket geometry, stretch limits and pressure (packcalc.capacity)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc import capacity


def test_tube_golden():
    # Worked example: C0 = 20 cm, L = 15 cm → 0.48 L relaxed, 0.75 at 0.25,
    # 1.07 at 0.5, 1.91 at 1.0.
    assert_allclose(
        capacity.tube_volume_l(circumference_cm=20, height_cm=15, strain=[0, 0.25, 0.5, 1.0]),
        [0.48, 0.75, 1.07, 1.91],
        atol=0.005,
    )
    assert_allclose(
        capacity.tube_volume_l(circumference_cm=20, height_cm=15, strain=0.5), 1.07, atol=0.005
    )


def test_patch_golden():
    # Worked example: b = w0 = 15 cm, L = 15 cm → 0.46 L at 0.1 (R 11.0 cm),
    # 0.77 L at 0.25 (R 8.3), 1.21 L at 0.5 (R 7.5).
    volumes = capacity.patch_volume_l(15, 15, 15, [0.1, 0.25, 0.5])
    assert_allclose(volumes, [0.46, 0.77, 1.21], atol=0.006)
    _, radius = capacity.patch_section(15, 15, [0.1, 0.25])
    assert_allclose(radius, [11.0, 8.3], atol=0.06)
    # A flat patch (no stretch, panel = backing) holds nothing.
    assert capacity.patch_volume_l(15, 15, 15, 0.0) == 0.0


def test_box_and_laplace_golden():
    assert_allclose(capacity.box_volume_l(28, 5, 32), 4.48)
    # T = 80 / 160 / 280 N/m at R = 5 cm → 1.6 / 3.2 / 5.6 kPa (Laplace's law, [zhao-2017]).
    assert_allclose(capacity.laplace_pressure_kpa([80, 160, 280], 1.0, 5.0), [1.6, 3.2, 5.6])


def test_full_gusseted_pocket_holds_at_least_its_box():
    area, _, perimeter = capacity.pocket_section("box", 26.0, 3.0, 0.0)
    assert area >= 26 * 3
    assert_allclose(perimeter, 26 + 2 * 3 + 26)


def test_comfort_strain_respects_the_limit():
    strain = capacity.comfort_strain("tube", 8.0, 0.0, 400.0, 2.0, 1.0)
    radius = capacity.pocket_section("tube", 8.0, 0.0, strain)[1]
    assert capacity.laplace_pressure_kpa(400.0, strain, radius) <= 2.0 + 1e-9
    # A soft fabric never reaches the pressure limit: its own stretch limit stands.
    assert capacity.comfort_strain("tube", 8.0, 0.0, 10.0, 2.0, 0.6) == 0.6


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(capacity.POCKET_SHAPES),
    st.floats(4, 40),
    st.floats(4, 40),
    st.floats(0, 8),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_more_strain_never_less_volume(shape, width, height, gusset, e1, e2):
    low, high = sorted((e1, e2))
    gusset = gusset if shape == "box" else 0.0
    v = capacity.pocket_volume_l(shape, width, height, gusset, np.array([low, high]))
    assert v[1] >= v[0] - 1e-12
