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


def test_design_slider_moves_the_weight_and_downloads_follow(app_url, page):
    from playwright.sync_api import expect

    from packcalc.design import design_from_toml

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
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    # Weight breakdown and packed-volume curve are drawn (AppTest cannot see charts).
    expect(page.locator('[data-testid="stVegaLiteChart"]:visible')).to_have_count(2)
    expect(page.locator('[data-testid="stImage"] img').first).to_be_visible()

    # The downloaded design is the one on the page; the bill of materials lists its fabrics.
    with page.expect_download() as download:
        page.get_by_role("button", name="Design (TOML)").click()
    saved = design_from_toml(Path(download.value.path()).read_bytes())
    assert saved.options["back_height"] == pytest.approx(36.0)
    assert saved.pockets == base.pockets
    with page.expect_download() as download:
        page.get_by_role("button", name="Bill of materials (CSV)").click()
    bom = Path(download.value.path()).read_text()
    assert bom.splitlines()[0] == "kind,id,name,quantity,unit,net_area_m2,mass_g,note"
    assert "pa-elastane-knit-190" in bom and "thread-tex30-polyester" in bom

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app-full-page.png"), full_page=True)


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
    expect(page.get_by_text(re.compile(r"\d+ / \d+ records"))).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stDataFrame"]:visible').first).to_be_visible()


def test_a_click_on_the_trade_off_front_loads_that_design(app_url, page):
    import io

    from PIL import Image
    from playwright.sync_api import expect

    page.goto(app_url)
    value = weight_metric(page).first
    start = f"{estimate(load_design('race-5l')).weight.m_as('g'):.1f} g"
    expect(value).to_have_text(start, timeout=30_000)
    page.get_by_role("tab", name="Explore").click()
    page.locator('[data-testid="stBaseButton-secondary"]').filter(has_text="Search").click()
    expect(page.get_by_text("Lightest:")).to_be_visible(timeout=120_000)
    chart = page.locator('[data-testid="stVegaLiteChart"]:visible').last
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # the chart draws after the run ends
    # The element's own screenshot scrolls it into view and waits until it stops moving
    # (a page clip taken from an earlier bounding box can fall outside the viewport).
    shot = chart.screenshot()
    box = chart.bounding_box()
    pixels = Image.open(io.BytesIO(shot)).convert("RGB").load()
    # A point of the front: a saturated pixel inside the plot area (not the legend).
    hits = [
        (x, y)
        for y in range(30, int(box["height"]) - 50, 2)
        for x in range(70, int(box["width"]) - 120, 2)
        if abs(pixels[x, y][0] - pixels[x, y][1]) + abs(pixels[x, y][1] - pixels[x, y][2]) > 60
    ]
    assert hits, "no point of the front found on the chart"
    x, y = hits[len(hits) // 2]
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_timeout(1000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.get_by_role("tab", name="Vest").click()
    expect(value).not_to_have_text(start, timeout=30_000)
