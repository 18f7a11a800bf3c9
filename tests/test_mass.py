"""The weight models: golden values by hand, vectorisation, the tolerance band."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc import mass


def test_rectangle_of_known_area():
    # 30 cm × 40 cm of 45 g/m², two layers → 0.12 m² × 2 × 45 = 10.8 g.
    assert_allclose(mass.panel_mass(0.30 * 0.40, 2, 45.0), 10.8)


def test_thread_of_a_seam_by_hand():
    # 50 cm of 504 overlock (14 : 1) in tex 30 thread with 12.5 % wastage:
    # 0.5 m × 14 = 7 m of thread; 7 m × 30 g/km = 0.21 g; × 1.125 = 0.23625 g.
    assert_allclose(mass.thread_mass(0.5, 14.0, 30.0, 0.125), 0.23625)
    # 301 lockstitch at S = 10 stitches/in, T = 0.024 in → 2.48 in/in ([textiletechinsight-thread] check).
    assert_allclose(mass.thread_mass(1.0, 2.48, 40.0, 0.0), 0.0992)


def test_seam_allowance_binding_pocket():
    assert_allclose(mass.seam_allowance_mass(0.10, 0.006, 1, 190.0), 0.114)
    # Binding: a 25 mm strip of 150 g/m² knit = 3.75 g/m (derived); 2 m → 7.5 g.
    assert_allclose(mass.linear_trim_mass(2.0, 0.025 * 150.0), 7.5)
    assert_allclose(mass.pocket_fabric_area_m2(0.10, 0.15, 0.0), 0.015)
    assert_allclose(mass.pocket_fabric_area_m2(0.10, 0.15, 0.02), 0.14 * 0.17)


def test_regain_and_sweat_golden():
    # 0.25 m² of 190 g/m² nylon at 4 % regain holds 1.9 g of water (derived).
    conditioned = 0.25 * 190 * 1.04
    assert_allclose(conditioned - mass.dry_mass(conditioned, 0.04), 1.9, atol=1e-9)
    # Fully wetting 0.25 m² of a 0.6 mm knit at φ = 0.27 → ≤ 110 g (derived).
    assert_allclose(mass.sweat_water_mass(0.25, 1, 0.60, 0.27, 1.0), 109.5)


def test_vectorised_over_variants():
    areas = np.linspace(0.05, 0.5, 1000)
    out = mass.panel_mass(areas, 1, 60.0)
    assert out.shape == (1000,)
    assert_allclose(out[10], mass.panel_mass(areas[10], 1, 60.0))
    grid = mass.thread_mass(np.array([[1.0], [2.0]]), np.array([2.5, 14.0]), 30.0)
    assert grid.shape == (2, 2)


def test_band_contains_nominal_and_is_reproducible():
    nominal = np.array([40.0, 25.0, 10.0, 3.0])
    args = (nominal, [0, 1, -1, -1], [2, 2, 1, 0], [-1, -1, 0, 1], 0.05, 0.02, 0.05)
    a = mass.tolerance_samples(*args, samples=20_000, seed=1)
    b = mass.tolerance_samples(*args, samples=20_000, seed=1)
    assert_allclose(a, b)
    p5, p95 = np.percentile(a, [5, 95])
    assert p5 < nominal.sum() < p95
    # Without tolerance every vest weighs the nominal.
    exact = mass.tolerance_samples(nominal, [0, 1, -1, -1], [2, 2, 1, 0], [-1, -1, 0, 1],
                                   0.0, 0.0, 0.0, samples=100)  # fmt: skip
    assert_allclose(exact, nominal.sum())


def test_band_width_matches_the_stated_tolerance():
    # One fabric part only: ± 5 % at 2σ → σ = 2.5 % → P95 − P5 = 2 × 1.645 × 2.5 % = 8.2 %.
    totals = mass.tolerance_samples([100.0], [0], [2], [-1], 0.05, 0.0, 0.0, samples=200_000)
    p5, p95 = np.percentile(totals, [5, 95])
    assert_allclose(p95 - p5, 8.22, rtol=0.02)


@given(st.floats(0.001, 1.0), st.integers(1, 4), st.floats(5, 500), st.floats(1.0, 3.0))
def test_heavier_fabric_never_lighter(area, layers, gsm, factor):
    assert mass.panel_mass(area, layers, gsm * factor) >= mass.panel_mass(area, layers, gsm)
