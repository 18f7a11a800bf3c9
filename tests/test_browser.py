"""The real page in headless Chromium: it loads, and a slider move updates the answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"  # git-ignored screenshots


def test_slider_moves_the_areal_density(app_url, page):
    from playwright.sync_api import expect

    page.goto(app_url)
    page.get_by_role("tab", name="Areal-density calculator").click()
    value = page.locator('[data-testid="stMetricValue"]').first
    expect(value).to_have_text("28.9 g/m²", timeout=30_000)
    slider = page.get_by_role("slider", name="Ends per cm (warp)")
    slider.focus()
    for _ in range(10):  # 10 steps of 0.5 per cm: 65 → 70 ends per cm
        slider.press("ArrowRight")
    expect(value).to_have_text("30.0 g/m²", timeout=20_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "calculator.png"), full_page=True)


def test_library_table_renders(app_url, page):
    from playwright.sync_api import expect

    page.goto(app_url)
    expect(page.get_by_text(re.compile(r"\d+ of \d+ records"))).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
