"""Ten designers at once: one `streamlit run` server, ten browser sessions editing their
own designs; no errors, no cross-talk, every saved TOML reloads exactly."""

from __future__ import annotations

import dataclasses
import statistics
import time
from pathlib import Path

import pytest

from packcalc.design import design_from_toml, design_to_toml, load_design
from packcalc.estimator import estimate

pytestmark = pytest.mark.browser
SESSIONS = 10
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def test_ten_sessions_at_once(app_url, browser):
    from playwright.sync_api import expect

    base = load_design("race-5l")
    context = browser.new_context(accept_downloads=True)
    pages = [context.new_page() for _ in range(SESSIONS)]
    start_text = f"{estimate(base).weight.m_as('g'):.1f} g"

    def weight(page):
        return (
            page.locator('[data-testid="stMetric"]')
            .filter(has_text="Weight")
            .locator('[data-testid="stMetricValue"]')
            .first
        )

    for page in pages:
        page.goto(app_url)
    for page in pages:
        expect(weight(page)).to_have_text(start_text, timeout=60_000)

    from packcalc.pattern import OPTION_SPECS

    def slider(page, name):
        label = f"{OPTION_SPECS[name].description.capitalize()} [cm]"
        return page.get_by_role("slider", name=label)

    def moved(design, name, steps):
        value = round(design.options[name] + 0.1 * steps, 1)
        return dataclasses.replace(design, options={**design.options, name: value})

    def shown(design):
        return f"{estimate(design).weight.m_as('g'):.1f} g"

    # For reference, one session alone: three one-step moves of the strap width (each
    # changes the weight shown, so the wait ends only when the rerun has arrived).
    alone = []
    design = base
    for _step in range(3):
        design = moved(design, "strap_width", 1)
        slider(pages[0], "strap_width").focus()
        start = time.perf_counter()
        slider(pages[0], "strap_width").press("ArrowRight")
        expect(weight(pages[0])).to_have_text(shown(design), timeout=60_000)
        alone.append(time.perf_counter() - start)
    base_of = {i: base for i in range(SESSIONS)}
    base_of[0] = design

    # Each session moves its own slider one step (1 mm) at once, a move that changes the
    # weight it shows; no two sessions make the same move.
    moves = [(name, steps) for name in OPTION_SPECS for steps in (1, -1)]
    expected = {}
    for index in range(SESSIONS):
        mine = base_of[index]
        name, steps = next((n, k) for n, k in moves if shown(moved(mine, n, k)) != shown(mine))
        moves.remove((name, steps))
        design = moved(mine, name, steps)
        expected[index] = (name, steps, design.options[name], shown(design))
    started = {}
    for index, page in enumerate(pages):
        name, steps = expected[index][:2]
        slider(page, name).focus()
        started[index] = time.perf_counter()
        slider(page, name).press("ArrowRight" if steps > 0 else "ArrowLeft")
    latencies = []
    for index, page in enumerate(pages):
        expect(weight(page)).to_have_text(expected[index][3], timeout=60_000)
        latencies.append(time.perf_counter() - started[index])

    # No session sees another's design, and each saved design reloads exactly.
    for index, page in enumerate(pages):
        assert weight(page).inner_text() == expected[index][3]
        with page.expect_download() as download:
            page.get_by_role("button", name="Design (TOML)", exact=True).click()
        text = Path(download.value.path()).read_text()
        saved = design_from_toml(text)
        name, _, value, _ = expected[index]
        assert saved.options[name] == pytest.approx(value)
        others = {k: v for k, v in saved.options.items() if k != name}
        mine = base_of[index].options
        assert others == {k: v for k, v in mine.items() if k != name}  # no cross-talk
        assert design_to_toml(saved) == text
        assert not page.locator('[data-testid="stException"]').count()
    p95 = (
        statistics.quantiles(latencies, n=20, method="inclusive")[18]
        if len(latencies) >= 2
        else latencies[0]
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "concurrency.txt").write_text(
        f"sessions: {SESSIONS}\nlatencies_s: {[round(x, 3) for x in latencies]}\n"
        f"median_s: {statistics.median(latencies):.3f}\np95_s: {p95:.3f}\n"
        f"one_session_alone_s: {[round(x, 3) for x in alone]}\n"
        f"one_session_alone_median_s: {statistics.median(alone):.3f}\n"
        f"p95_over_alone_median: {p95 / statistics.median(alone):.1f}\n"
    )
    context.close()
