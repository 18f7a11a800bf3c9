"""The real page in headless Chromium: it loads, and slider moves update the answers."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from packcalc.design import load_design
from packcalc.estimator import estimate

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"  # git-ignored screenshots


def weight_metric(page):
    return (
        page.locator('[data-testid="stMetric"]')
        .filter(has_text="Weight")
        .locator('[data-testid="stMetricValue"]')
    )


def test_design_slider_moves_the_weight(app_url, page):
    from playwright.sync_api import expect

    page.goto(app_url)
    nominal = estimate(load_design("race-5l")).weight.m_as("g")
    value = weight_metric(page).first
    expect(value).to_have_text(f"{nominal:.1f} g", timeout=30_000)
    slider = page.get_by_role("slider", name="Back panel height [cm]")
    slider.focus()
    for _ in range(20):  # 20 steps of 1 mm: 34 → 36 cm
        slider.press("ArrowRight")
    base = load_design("race-5l")
    taller = dataclasses.replace(base, options={**base.options, "back_height": 36.0})
    expected = estimate(taller).weight.m_as("g")
    expect(value).to_have_text(f"{expected:.1f} g", timeout=20_000)
    # The chart and the pattern drawing are on the page (AppTest cannot see them).
    # Weight breakdown and packed-volume curve.
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(2)
    expect(page.locator('[data-testid="stVegaLiteChart"]').nth(1)).to_be_visible()
    expect(page.locator("img[alt]").or_(page.locator("img")).first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "vest.png"), full_page=True)


def test_calculator_slider_moves_the_areal_density(app_url, page):
    from playwright.sync_api import expect

    page.goto(app_url)
    page.get_by_role("tab", name="Areal-density calculator").click()
    value = (
        page.locator('[data-testid="stMetric"]')
        .filter(has_text="Areal density")
        .locator('[data-testid="stMetricValue"]')
        .first
    )
    expect(value).to_have_text("28.9 g/m²", timeout=30_000)
    slider = page.get_by_role("slider", name="Ends per cm (warp)")
    slider.focus()
    for _ in range(10):  # 10 steps of 0.5 per cm: 65 → 70 ends per cm
        slider.press("ArrowRight")
    expect(value).to_have_text("30.0 g/m²", timeout=20_000)


def test_library_table_renders(app_url, page):
    from playwright.sync_api import expect

    page.goto(app_url)
    page.get_by_role("tab", name="Materials library").click()
    expect(page.get_by_text(re.compile(r"\d+ of \d+ records"))).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stDataFrame"]:visible').first).to_be_visible()
