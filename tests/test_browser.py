"""The real page in headless Chromium: what AppTest cannot see (charts, drawings, the
browser's own widgets, downloads, uploads)."""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import pytest

from packcalc.design import design_from_toml, design_to_toml, load_design
from packcalc.estimator import estimate
from packcalc.library import load_library

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"  # git-ignored screenshots
LIB = load_library()


def idle(page):
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')


def weight_value(page):
    return (
        page.locator('[data-testid="stMetric"]')
        .filter(has_text="Weight")
        .locator('[data-testid="stMetricValue"]')
        .first
    )


def open_page(page, url, expected=None):
    from playwright.sync_api import expect

    page.goto(url)
    weight = estimate(load_design("race-5l")).weight.m_as("g")
    expect(weight_value(page)).to_have_text(expected or f"{weight:.1f} g", timeout=30_000)
    idle(page)


def go(page, title):
    page.get_by_role("link", name=title).first.click()
    idle(page)


def test_design_slider_moves_the_weight_and_downloads_follow(app_url, page):
    from playwright.sync_api import expect

    open_page(page, app_url)
    slider = page.get_by_role("slider", name="Back panel height [cm]")
    slider.focus()
    for _ in range(20):  # 20 steps of 1 mm: 34 → 36 cm
        slider.press("ArrowRight")
    base = load_design("race-5l")
    taller = dataclasses.replace(base, options={**base.options, "back_height": 36.0})
    expect(weight_value(page)).to_have_text(f"{estimate(taller).weight.m_as('g'):.1f} g")
    idle(page)
    # The weight breakdown is drawn (AppTest cannot see charts), and the other details.
    expect(page.locator('[data-testid="stVegaLiteChart"]:visible')).to_have_count(1)
    page.get_by_role("radio", name="Pattern", exact=True).click()
    idle(page)
    expect(page.locator('[data-testid="stImage"] img').first).to_be_visible()
    page.get_by_role("radio", name="Packing", exact=True).click()
    idle(page)
    expect(page.locator('[data-testid="stVegaLiteChart"]:visible')).to_have_count(1)

    # The downloaded design is the one on the page; the bill of materials is rounded.
    with page.expect_download() as download:
        page.get_by_role("button", name="Design (TOML)", exact=True).click()
    saved = design_from_toml(Path(download.value.path()).read_bytes())
    assert saved == taller
    with page.expect_download() as download:
        page.get_by_role("button", name="Bill of materials (CSV)", exact=True).click()
    bom = Path(download.value.path()).read_text()
    assert bom.splitlines()[0] == "kind,id,name,quantity,unit,net_area_m2,mass_g,note"
    assert "pa-elastane-knit-190" in bom and "thread-tex30-polyester" in bom
    assert not re.search(r"\d\.\d{5,}", bom) and ",3.0," not in bom
    with page.expect_download() as download:
        page.get_by_role("button", name="Pattern (SVG)", exact=True).click()
    svg = Path(download.value.path()).read_text()
    assert svg.startswith("<svg") and ">Back<" in svg
    cutting_room_files(page, taller)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app-vest.png"), full_page=True)


def cutting_room_files(page, design) -> None:
    """The factory's files, downloaded and read back: the graded DXF (every size's
    pieces), the 1:1 PDF (its test square), the flats and the tech pack (its sections)."""
    import io

    import ezdxf
    from pypdf import PdfReader

    def download(name: str) -> bytes:
        with page.expect_download() as file:
            page.get_by_role("button", name=name, exact=True).click()
        return Path(file.value.path()).read_bytes()

    dxf = ezdxf.read(io.StringIO(download("Pattern for CAD (DXF, graded)").decode()))
    blocks = {b.name for b in dxf.blocks if not b.name.startswith("*")}
    assert {size for size in LIB.sizes if any(size in name for name in blocks)} == set(LIB.sizes)
    pdf = PdfReader(io.BytesIO(download("Pattern to print at 1:1 (PDF, A4)")))
    assert "10 cm" in pdf.pages[0].extract_text()
    flats = download("Flats (SVG)").decode()
    assert flats.startswith("<svg") and "front view" in flats and "back view" in flats
    pack = PdfReader(io.BytesIO(download("Tech pack (PDF, in English)")))
    text = " ".join(p.extract_text() for p in pack.pages)
    assert design.name in text and "Bill of materials" in text and "Points of measure" in text


# ------------------------------------------------------------------ drawings, measured


def _measure_svg(page, svg: str, script: str):
    page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
    return page.evaluate(script)


LABELS_INSIDE = """() => {
  const svg = document.querySelector('svg');
  const out = [];
  for (const text of svg.querySelectorAll('text[data-label]')) {
    const name = text.getAttribute('data-label');
    const piece = svg.querySelector(`polygon[data-piece="${name}"]`);
    const box = text.getBBox();
    const m = text.getCTM(), inv = piece.getCTM().inverse();
    const corners = [[box.x, box.y], [box.x + box.width, box.y], [box.x, box.y + box.height],
                     [box.x + box.width, box.y + box.height]].map(([x, y]) => {
      const p = new DOMPoint(x, y).matrixTransform(m).matrixTransform(inv);
      return p;
    });
    const inside = corners.every(p => piece.isPointInFill(p));
    // No grain line through the label: sample the grain segments drawn.
    let crossed = false;
    for (const grain of svg.querySelectorAll(`polyline[data-grain="${name}"]`)) {
      const length = grain.getTotalLength();
      for (let s = 0; s <= 40; s++) {
        const q = grain.getPointAtLength(length * s / 40);
        const local = new DOMPoint(q.x, q.y).matrixTransform(m.inverse());
        if (local.x > box.x && local.x < box.x + box.width &&
            local.y > box.y && local.y < box.y + box.height) crossed = true;
      }
    }
    out.push({name, inside, crossed, height: box.height});
  }
  return out;
}"""


@pytest.mark.parametrize("preset", ["ultra-minimal", "race-5l", "ultra-12l"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pattern_labels_sit_inside_their_pieces_off_the_grain_lines(page, preset, lang):
    from packcalc.ui.display import Fmt
    from packcalc.ui.figures import pattern_svg
    from packcalc.ui.results import pattern_geometry

    design = load_design(preset)
    for options in (design.options, {**design.options, "neck_width": 29.0},
                    {**design.options, "wing_scoop": 6.0}):  # fmt: skip
        geometry = pattern_geometry(dataclasses.replace(design, options=options), library=LIB)
        labels = _measure_svg(page, pattern_svg(geometry, Fmt(lang)), LABELS_INSIDE)
        assert len(labels) == 7 + len(design.custom_panels) + len(design.pockets)
        bad = [label for label in labels if not label["inside"] or label["crossed"]]
        assert not bad, bad


BOX_TEXT_INSIDE = """() => {
  const svg = document.querySelector('svg');
  const out = [];
  for (const text of svg.querySelectorAll('text[data-box]')) {
    const shape = svg.querySelector(`polygon[data-pocket="${text.getAttribute('data-box')}"]`);
    const t = text.getBoundingClientRect(), r = shape.getBoundingClientRect();
    out.push({text: text.textContent, inside: t.left >= r.left - 0.5 && t.right <= r.right + 0.5
              && t.top >= r.top - 0.5 && t.bottom <= r.bottom + 0.5});
  }
  return out;
}"""


@pytest.mark.parametrize("preset", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_pocket_names_fit_their_pockets_on_the_flats(page, preset):
    from packcalc.ui.display import Fmt
    from packcalc.ui.figures import load_flats_svg
    from packcalc.ui.results import flat_geometry, vest_figures

    design = load_design(preset)
    data = vest_figures(design, LIB)
    flats = flat_geometry(design)
    for lang in ("en", "fr"):
        texts = _measure_svg(
            page, load_flats_svg(flats, data["fit"], Fmt(lang, "imperial")), BOX_TEXT_INSIDE
        )
        assert len(texts) == len(design.pockets), texts
        assert all(t["inside"] for t in texts), texts


# ------------------------------------------------------------------ language and units


def test_a_language_switch_keeps_every_choice_and_french_imperial_english_works(app_url, page):
    from playwright.sync_api import expect

    open_page(page, app_url)
    page.get_by_text("Français", exact=True).click()
    idle(page)
    # The units radio still shows its choice after the switch (it showed none before).
    expect(page.get_by_role("radio", name="métrique")).to_be_checked()
    expect(page.get_by_role("radio", name="M", exact=True)).to_be_checked()
    page.get_by_text("impérial", exact=True).click()
    idle(page)
    page.get_by_text("English", exact=True).click()
    idle(page)
    expect(page.get_by_role("radio", name="imperial")).to_be_checked()
    ounces = estimate(load_design("race-5l")).weight.m_as("oz")
    expect(weight_value(page)).to_have_text(f"{ounces:.2f} oz")
    slider = page.get_by_role("slider", name="Back panel height [in]")
    assert slider.input_value() == "13.4"  # 34 cm, on the slider's 0.1 in steps
    slider.focus()
    for _ in range(5):  # was: StreamlitValueBelowMinError at the first move
        slider.press("ArrowRight")
    idle(page)
    assert not page.locator('[data-testid="stException"]').count()
    expect(weight_value(page)).not_to_have_text(f"{ounces:.2f} oz")
    page.get_by_text("metric", exact=True).click()
    idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Design (TOML)", exact=True).click()
    saved = design_from_toml(Path(download.value.path()).read_bytes())
    # Five steps of 0.1 in from 13.4 in: the only change to the design.
    assert saved.options["back_height"] == pytest.approx(13.9 * 2.54, abs=1e-6)
    base = load_design("race-5l")
    assert {k: v for k, v in saved.options.items() if k != "back_height"} == {
        k: v for k, v in base.options.items() if k != "back_height"
    }


def test_french_charts_write_decimal_commas(app_url, page):
    open_page(page, app_url)
    page.get_by_text("Français", exact=True).click()
    idle(page)
    page.get_by_text("impérial", exact=True).click()
    idle(page)
    page.get_by_role("radio", name="Compression", exact=True).click()
    idle(page)
    page.wait_for_timeout(1000)
    ticks = page.locator('[data-testid="stVegaLiteChart"] svg .role-axis-label text')
    texts = [t for t in ticks.all_text_contents() if re.search(r"\d", t)]
    assert any("," in t for t in texts), texts
    assert not any(re.fullmatch(r"\d+\.\d+", t) for t in texts), texts


def test_emptying_the_override_box_brings_back_the_fabrics_own(app_url, page):
    from playwright.sync_api import expect

    open_page(page, app_url)
    start = weight_value(page).inner_text()
    box = page.get_by_role("textbox", name="Areal density override [g/m²]").first
    box.fill("400")
    box.press("Enter")
    expect(weight_value(page)).not_to_have_text(start)
    box = page.get_by_role("textbox", name="Areal density override [g/m²]").first
    box.fill("")
    box.press("Enter")
    expect(weight_value(page)).to_have_text(start)


# ------------------------------------------------------------------ charts of the other views


def axis_labels(chart):
    return chart.locator(".role-axis-label text").all_text_contents()


def test_explore_labels_every_bar_in_words(app_url, page):
    from packcalc.ui.display import Fmt
    from packcalc.ui.results import sensitivity_rows
    from packcalc.ui.views.explore import NO_EFFECT_G, parameter_name

    open_page(page, app_url)
    go(page, "Explore")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    rows = sensitivity_rows(load_design("race-5l"), LIB)
    expected = {
        parameter_name(r["parameter"], Fmt())
        for r in rows
        if abs(r["weight_g_high"] - r["weight_g_low"]) >= NO_EFFECT_G
    }
    labels = set(axis_labels(chart))
    assert expected <= labels, expected - labels
    assert not any(re.fullmatch(r"[a-z_]+\.[a-z_]+", label) for label in labels)
    boxes = [
        t.bounding_box() for t in chart.locator(".role-axis-label text").all()
        if t.text_content() in expected
    ]  # fmt: skip
    boxes.sort(key=lambda b: b["y"])
    assert all(a["y"] + a["height"] <= b["y"] + 0.5 for a, b in itertools.pairwise(boxes))


def test_made_where_names_every_scenario_in_full(app_url, page):
    open_page(page, app_url)
    go(page, "Made where")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    labels = axis_labels(chart)
    assert {"Drôme (Crest)", "Vietnam, by sea", "Vietnam, 33% by air"} <= set(labels)
    assert not any(label.endswith("…") for label in labels)


def test_calculator_slider_moves_the_areal_density(app_url, page):
    from playwright.sync_api import expect

    open_page(page, app_url)
    go(page, "Areal-density calculator")
    value = (
        page.locator('[data-testid="stMetric"]')
        .filter(has_text="Areal density")
        .locator('[data-testid="stMetricValue"]')
        .first
    )
    expect(value).to_have_text("28.9 g/m²", timeout=30_000)
    slider = page.get_by_role("slider", name="Ends (warp) [per cm]")
    slider.focus()
    for _ in range(10):  # 10 steps of 0.5 per cm: 65 → 70 ends per cm
        slider.press("ArrowRight")
    expect(value).to_have_text("30.0 g/m²", timeout=20_000)


def test_library_table_renders(app_url, page):
    from playwright.sync_api import expect

    open_page(page, app_url)
    go(page, "Materials library")
    expect(page.get_by_text(re.compile(r"\d+ of \d+ records"))).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stDataFrame"]:visible').first).to_be_visible()


# ------------------------------------------------------------------ designs in and out


def test_upload_through_the_browser_names_the_design(app_url, page, tmp_path):
    from playwright.sync_api import expect

    open_page(page, app_url)
    path = tmp_path / "mine.toml"
    path.write_text(design_to_toml(load_design("ultra-12l")))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    weight = estimate(load_design("ultra-12l")).weight.m_as("g")
    expect(weight_value(page)).to_have_text(f"{weight:.1f} g", timeout=30_000)
    idle(page)
    expect(page.get_by_text("Ultra 12 L (file mine.toml)").first).to_be_visible()
    # The uploader says the page's own limit.
    expect(page.get_by_text("1MB per file")).to_have_count(0)


def test_a_click_on_the_trade_off_front_loads_that_design(app_url, page):
    from playwright.sync_api import expect

    open_page(page, app_url)
    start = weight_value(page).inner_text()
    go(page, "Explore")
    page.locator('[data-testid="stButton"]').get_by_role("button", name="Search").click()
    expect(page.get_by_text("Lightest:")).to_be_visible(timeout=120_000)
    idle(page)
    chart = page.locator('[data-testid="stVegaLiteChart"]:visible').last
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # the chart draws after the run ends
    points = chart.locator(".mark-symbol path")
    assert points.count() >= 20  # the front's designs, drawn
    box = points.nth(points.count() // 2).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(1000)
    idle(page)
    go(page, "Vest")
    expect(weight_value(page)).not_to_have_text(start, timeout=30_000)
    expect(page.get_by_text("Race 5 L, from the trade-off front").first).to_be_visible()


def test_a_reload_keeps_the_language_and_units(app_url, page):
    from playwright.sync_api import expect

    open_page(page, app_url)
    page.get_by_text("Français", exact=True).click()
    idle(page)
    page.get_by_text("impérial", exact=True).click()
    idle(page)
    go(page, "Fabriqué où")
    assert "lang=fr" in page.url and "units=imperial" in page.url
    page.reload()
    expect(page.locator("h1").first).to_have_text("Fabriqué où", timeout=30_000)
    idle(page)
    assert page.get_by_role("radio", name="impérial").is_checked()
