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

    # Each session moves its own pattern slider one step (1 mm), all at once.
    from packcalc.pattern import OPTION_SPECS

    names = list(OPTION_SPECS)[:SESSIONS]
    expected = {}
    started = {}
    for index, page in enumerate(pages):
        spec = OPTION_SPECS[names[index]]
        slider = page.get_by_role("slider", name=f"{spec.description.capitalize()} [cm]")
        slider.focus()
        started[index] = time.perf_counter()
        slider.press("ArrowRight")
        value = round(base.options[names[index]] + 0.1, 1)
        design = dataclasses.replace(base, options={**base.options, names[index]: value})
        expected[index] = (names[index], value, f"{estimate(design).weight.m_as('g'):.1f} g")
    latencies = []
    for index, page in enumerate(pages):
        expect(weight(page)).to_have_text(expected[index][2], timeout=60_000)
        latencies.append(time.perf_counter() - started[index])

    # No session sees another's design, and each saved design reloads exactly.
    for index, page in enumerate(pages):
        assert weight(page).inner_text() == expected[index][2]
        with page.expect_download() as download:
            page.get_by_role("button", name="Design (TOML)").click()
        text = Path(download.value.path()).read_text()
        saved = design_from_toml(text)
        name, value, _ = expected[index]
        assert saved.options[name] == pytest.approx(value)
        others = {k: v for k, v in saved.options.items() if k != name}
        assert others == {k: v for k, v in base.options.items() if k != name}  # no cross-talk
        assert design_to_toml(saved) == text
        assert not page.locator('[data-testid="stException"]').count()
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 2 else latencies[0]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "concurrency.txt").write_text(
        f"sessions: {SESSIONS}\nlatencies_s: {[round(x, 3) for x in latencies]}\n"
        f"median_s: {statistics.median(latencies):.3f}\np95_s: {p95:.3f}\n"
    )
    context.close()
