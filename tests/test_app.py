"""The Streamlit page, driven headless with AppTest (no browser): every view, every
control, both unit systems; that the design never changes unless the designer changes
it; that the answers are the library's."""

from __future__ import annotations

import base64
import dataclasses
import json
import re

import pandas as pd
import pytest
from conftest import goto, metric, new_app, set_language, set_units, widget

from packcalc.design import design_from_toml, design_to_toml, load_design
from packcalc.errors import PackcalcError
from packcalc.estimator import estimate
from packcalc.library import load_library
from packcalc.pattern import OPTION_SPECS, draft

LIB = load_library()


def grams(at) -> float:
    return float(metric(at, "Weight").removesuffix(" g"))


def design_toml(at) -> str:
    """The TOML of the design on the page (what "Design (TOML)" downloads)."""
    return at.session_state["pc.memo"][1][2]


def show(at, detail: str):
    """Show one detail of the Vest page (weight, pattern, packing, load, sources)."""
    at.session_state["pc.detail"] = detail
    at.run()
    return at


def pattern_svg(at) -> str:
    url = at.image[0].proto.imgs[0].url
    return base64.b64decode(url.split(",", 1)[1]).decode()


def table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def vega_charts(at) -> list[tuple[dict, pd.DataFrame]]:
    """Every Vega-Lite chart on the page: its spec and its data."""
    import pyarrow as pa

    out = []
    stack = [at._tree]
    while stack:
        node = stack.pop()
        if getattr(node, "type", "") == "vega_lite_chart":
            data = pa.ipc.open_stream(node.proto.data.data).read_all().to_pandas()
            out.append((json.loads(node.proto.spec), data))
        children = getattr(node, "children", None) or {}
        stack.extend(children.values() if isinstance(children, dict) else children)
    return out


def editor(at, name: str):
    return next(d for d in at.data_editor if d.key.startswith(f"table.{name}."))


# ------------------------------------------------------------------ the vest


def test_opens_on_a_preset_with_the_engine_weight(app):
    expected = estimate(load_design("race-5l")).weight.m_as("g")
    assert metric(app, "Weight") == f"{expected:.1f} g"
    assert not app.error
    assert design_from_toml(design_toml(app)) == load_design("race-5l")


@pytest.mark.parametrize("preset", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_every_preset_loads_and_is_named(app, preset):
    widget(app, "selectbox", "preset").set_value(preset).run()
    assert not app.exception
    design = load_design(preset)
    assert metric(app, "Weight") == f"{estimate(design).weight.m_as('g'):.1f} g"
    assert any(c.value.startswith(f"**{design.name}**") for c in app.caption)


def feasible_move(name: str, design, step: float) -> float | None:
    """A value of the option ``step`` cm away (either side) that still drafts."""
    value = design.options[name]
    spec = OPTION_SPECS[name]
    for new in (value + step, value - step):
        if not spec.minimum <= new <= spec.maximum:
            continue
        try:
            draft(design.body, {**design.options, name: new})
        except PackcalcError:
            continue
        return round(new, 1)
    return None


@pytest.mark.parametrize("name", list(OPTION_SPECS))
def test_each_pattern_slider_moves_the_weight_or_the_pattern(app, name):
    base = load_design("race-5l")
    new = feasible_move(name, base, 1.0)
    assert new is not None
    show(app, "pattern")
    weight, svg = metric(app, "Weight"), pattern_svg(app)
    widget(app, "slider", f"opt_{name}").set_value(new).run()
    assert not app.exception and not app.error
    assert metric(app, "Weight") != weight or pattern_svg(app) != svg
    saved = design_from_toml(design_toml(app))
    assert saved.options[name] == pytest.approx(new)
    moved = dataclasses.replace(base, options={**base.options, name: new})
    assert metric(app, "Weight") == f"{estimate(moved).weight.m_as('g'):.1f} g"


def test_pressure_slider_moves_the_packed_volume(app):
    before = metric(app, "Packed volume")
    widget(app, "select_slider", "pressure").set_value(100.0).run()
    assert not app.exception
    expected = estimate(load_design("race-5l"), pressure_kpa=100.0)
    assert metric(app, "Packed volume") == f"{expected.packed_volume.m_as('L'):.2f} L" != before
    tee = f"{expected.tshirt_volume_ratio:.2f} ×"
    assert any(tee in i.value and "cotton t-shirt" in i.value for i in app.info)


def test_fabric_layers_and_override_change_the_weight(app):
    before = grams(app)
    widget(app, "selectbox", "fabric_back").set_value("spacer-mesh-3mm").run()
    heavier = grams(app)
    assert heavier > before
    widget(app, "number_input", "layers_back").set_value(2).run()
    assert grams(app) > heavier
    widget(app, "selectbox", "fabric_back").set_value("pa-elastane-knit-190").run()
    widget(app, "number_input", "layers_back").set_value(1).run()
    assert grams(app) == pytest.approx(before)
    # No override is an empty box that says so (not "0.00").
    override = widget(app, "text_input", "gsm_back")
    assert override.value == ""
    assert "none (190 g/m²)" in override.proto.placeholder
    override.input("400").run()
    assert grams(app) > before
    widget(app, "text_input", "gsm_back").input("").run()
    assert grams(app) == pytest.approx(before)
    widget(app, "text_input", "gsm_back").input("heavy").run()
    assert any(
        "Areal density override (Back panel): expected a number" in e.value for e in app.error
    )
    assert grams(app) == pytest.approx(before)
    # No layers: refused with what it takes, the last good design kept, the 0 left shown.
    widget(app, "text_input", "gsm_back").input("").run()
    widget(app, "number_input", "layers_back").set_value(0).run()
    assert not app.exception
    assert any(
        "Layers (Back panel): expected a whole number from 1 to 4, got 0" in e.value
        for e in app.error
    )
    assert grams(app) == pytest.approx(before)
    assert widget(app, "number_input", "layers_back").value == 0


def test_size_grades_the_sliders_as_the_library_does(app):
    height = widget(app, "slider", "opt_back_height").value
    widget(app, "radio", "size").set_value("XL").run()
    assert widget(app, "slider", "opt_back_height").value > height
    graded = load_design("race-5l").with_size("XL")
    assert metric(app, "Weight") == f"{estimate(graded).weight.m_as('g'):.1f} g"
    assert design_from_toml(design_toml(app)) == graded


def test_custom_body_measurements_and_their_limits(app):
    widget(app, "radio", "size").set_value("custom").run()
    widget(app, "number_input", "chest").set_value(120.0).run()
    assert not app.exception and not app.error
    assert any("chest 120 cm" in c.value for c in app.caption)
    good = metric(app, "Weight")
    widget(app, "number_input", "chest").set_value(200.0).run()
    # The design file's own rule and message, and the last design that worked.
    assert any("Chest circumference: expected at most 150.0 cm" in e.value for e in app.error)
    assert metric(app, "Weight") == good


def test_infeasible_options_show_an_error_and_keep_the_last_design(app):
    widget(app, "slider", "opt_front_width").set_value(20.0).run()
    last_good = metric(app, "Weight")
    widget(app, "slider", "opt_front_gap").set_value(30.0).run()
    assert app.error
    assert "side wings" in app.error[0].value
    assert metric(app, "Weight") == last_good
    assert widget(app, "slider", "opt_front_gap").value == 30.0  # the designer's value stays
    widget(app, "slider", "opt_front_gap").set_value(10.0).run()
    assert not app.error


def test_breakdown_and_provenance(app):
    by_material = table(app, "material")
    assert sum(float(v) for v in by_material["weight [g]"]) == pytest.approx(grams(app), abs=0.5)
    show(app, "sources")
    assert any("Where the figures come from" in e.label for e in app.expander)
    assert table(app, "this design")["vest"].size == len(load_design("race-5l").comparisons)


def test_likely_range_caption_says_what_its_figures_are(app):
    accuracy = LIB.calibration.accuracy
    text = next(c.value for c in app.caption if c.value.startswith("How far to trust it"))
    assert f"{accuracy['calibration_n']} vests" in text
    assert f"{accuracy['calibration_weight_mae_pct']:.0f}%" in text  # leave-one-out MAE
    assert f"mean error −{abs(accuracy['calibration_weight_mean_error_pct']):.0f}%" in text
    assert f"{accuracy['band_coverage']:.0%}" in text and "about 90%" in text
    assert f"{accuracy['capacity_mae_pct']:.0f}%" in text
    assert "packcalc validate" not in text
    # The manufacturing-only band is shown, not only in a tooltip.
    result = estimate(load_design("race-5l"))
    low, _, high = (q.m_as("g") for q in result.weight_tolerance_band)
    assert metric(app, "Manufacturing only (P5–P95)") == f"{low:.0f}–{high:.0f} g"


def test_tshirt_sentence_in_the_chosen_units(app):
    set_units(app, "imperial")
    sentence = next(i.value for i in app.info if "t-shirt" in i.value)
    assert " in³" in sentence and " oz" in sentence
    assert not re.search(r"\d (L|g)\b", sentence)


# ------------------------------------------------------------------ the load


def test_load_list_switch_reports_what_does_not_fit(app):
    assert metric(app, "The kit") == "fits"
    widget(app, "selectbox", "preset").set_value("ultra-minimal").run()
    widget(app, "selectbox", "load_list").set_value("utmb").run()
    assert not app.exception
    show(app, "load")
    expected = estimate(load_design("ultra-minimal"), load="utmb").load_fit
    total = len(expected.unplaced) + len(expected.placements)
    kit = next(m for m in app.metric if m.label == "The kit")
    assert kit.value == f"{len(expected.placements)}/{total}"
    assert kit.proto.delta == f"{len(expected.unplaced)} items do not fit"
    warning = next(w.value for w in app.warning if "Does not fit" in w.value)
    assert warning.count(";") == len(expected.unplaced) - 1
    assert "capacity used up" in warning or "too big" in warning


def test_pocket_table_shows_nominal_capacity_consistent_with_the_headline(app):
    show(app, "load")
    pockets = table(app, "capacity, nominal [L]")
    result = estimate(load_design("race-5l"))
    assert sum(float(v) for v in pockets["capacity, nominal [L]"]) == pytest.approx(
        result.load_fit.capacity_nominal_l, abs=0.05
    )
    assert metric(app, "Capacity, nominal") == f"{result.load_fit.capacity_nominal_l:.1f} L"
    assert "stretched to the limit [L]" in pockets.columns  # labelled as such
    assert set(pockets["pocket"]) == {p.name for p in load_design("race-5l").pockets}
    assert "None" not in pockets.to_string()


def test_centre_of_mass_reads_left_or_right(app):
    show(app, "load")
    text = next(m.value for m in app.markdown if "centre of mass" in m.value)
    assert "−" not in text.split("centre of mass")[1].split(",")[0]
    assert "to the right" in text or "to the left" in text


# ------------------------------------------------------------------ tables


def test_a_table_edit_in_inches_is_written_back_in_centimetres(app):
    set_units(app, "imperial")
    pockets = editor(app, "pockets")
    assert pockets.value["width_cm"][0] == "3.5"  # 9 cm shown in inches, as text
    app.session_state[pockets.key] = {
        "edited_rows": {0: {"width_cm": "4"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert not app.exception and not app.error
    saved = design_from_toml(design_toml(app))
    assert saved.pockets[0].width_cm == pytest.approx(4 * 2.54)
    assert saved.pockets[1:] == load_design("race-5l").pockets[1:]


def test_a_pocket_wider_than_its_panel_is_flagged(app):
    # The back pocket at 60 cm on the 28 cm back panel: the page says it cannot be sewn.
    pockets = editor(app, "pockets")
    row = list(pockets.value["name"]).index("back")
    app.session_state[pockets.key] = {
        "edited_rows": {row: {"width_cm": "60"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert not app.exception
    warning = next(w.value for w in app.warning if w.value.startswith("Pocket back"))
    assert "60.0 cm in width" in warning and "(27.3 cm)" in warning


def test_renaming_a_pocket_keeps_its_pins_and_a_bad_number_is_refused(app):
    widget(app, "selectbox", "preset").set_value("ultra-12l").run()
    items = editor(app, "load_items")
    app.session_state[items.key] = {
        "edited_rows": {},
        "added_rows": [{"item": "gel", "quantity": "2", "pocket": "phone"}],
        "deleted_rows": [],
    }
    app.run()
    assert not app.error
    pockets = editor(app, "pockets")
    row = list(pockets.value["name"]).index("phone")
    app.session_state[pockets.key] = {
        "edited_rows": {row: {"name": "mobile"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert not app.error
    saved = design_from_toml(design_toml(app))
    assert [(p.item, p.pocket) for p in saved.pins][-2:] == [("gel", "mobile")] * 2
    pockets = editor(app, "pockets")
    before = design_toml(app)
    app.session_state[pockets.key] = {
        "edited_rows": {0: {"height_cm": "tall"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert any("pocket 1, height: expected a number" in e.value for e in app.error)
    assert design_toml(app) == before


def test_tables_show_no_none(app):
    for name in ("pockets", "trims", "load_items", "load_custom"):
        shown = editor(app, name).value
        assert "None" not in shown.astype(str).to_string()
        assert "nan" not in shown.astype(str).to_string()


# ------------------------------------------------------------------ units and language


def test_a_unit_round_trip_changes_nothing_in_the_design(app):
    before = design_toml(app)
    set_units(app, "imperial")
    assert design_toml(app) == before
    # Shown on the slider's 0.1 in steps (13.4 in), the design still 34 cm.
    assert widget(app, "slider", "opt_back_height").value == pytest.approx(13.4)
    assert metric(app, "Weight").endswith(" oz")
    set_units(app, "metric")
    assert design_toml(app) == before
    assert widget(app, "slider", "opt_back_height").value == 34.0


def test_a_move_in_inches_is_kept_exactly(app):
    set_units(app, "imperial")
    widget(app, "slider", "opt_back_height").set_value(14.0).run()
    set_units(app, "metric")
    saved = design_from_toml(design_toml(app))
    assert saved.options["back_height"] == pytest.approx(14.0 * 2.54)
    others = {k: v for k, v in saved.options.items() if k != "back_height"}
    base = load_design("race-5l").options
    assert others == {k: v for k, v in base.items() if k != "back_height"}


def test_a_language_switch_changes_nothing_in_the_design(app):
    before = design_toml(app)
    set_language(app, "fr")
    assert design_toml(app) == before
    assert widget(app, "radio", "units").value == "metric"  # still chosen
    assert widget(app, "radio", "size").value == "M"
    set_language(app, "en")
    assert design_toml(app) == before


def test_french_imperial_english_then_a_click_does_not_crash(app):
    before = design_toml(app)
    set_language(app, "fr")
    set_units(app, "imperial")
    set_language(app, "en")
    assert design_toml(app) == before
    slider = widget(app, "slider", "opt_back_height")
    assert slider.value == pytest.approx(13.4)
    slider.set_value(13.5).run()
    assert not app.exception and not app.error
    saved = design_from_toml(design_toml(app))
    assert saved.options["back_height"] == pytest.approx(13.5 * 2.54)
    widget(app, "radio", "size").set_value("L").run()
    assert not app.exception and not app.error


# ------------------------------------------------------------------ save, load


def test_upload_a_design_names_it_and_a_bad_file_keeps_it(app):
    text = design_to_toml(load_design("ultra-12l")).encode()
    app.file_uploader(key="upload").upload("mine.toml", text, "application/toml").run()
    assert not app.exception
    assert metric(app, "Weight") == f"{estimate(load_design('ultra-12l')).weight.m_as('g'):.1f} g"
    preset = widget(app, "selectbox", "preset")
    assert preset.format_func(preset.value) == "Ultra 12 L (file mine.toml)"
    assert any(c.value.startswith("**Ultra 12 L (file mine.toml)**") for c in app.caption)
    good = metric(app, "Weight")
    bad = text.replace(b'back_height = "40 cm"', b'back_height = "40 kg"')
    app.file_uploader(key="upload").upload("bad.toml", bad, "application/toml").run()
    assert any("options.back_height: expected a length" in e.value for e in app.error)
    assert any("the design was not changed" in e.value for e in app.error)
    assert metric(app, "Weight") == good
    app.file_uploader(key="upload").upload("big.toml", b"#" * 300_000, "application/toml").run()
    assert any("under 256 kB" in e.value for e in app.error)
    assert metric(app, "Weight") == good
    # Back to a preset from the box.
    widget(app, "selectbox", "preset").set_value("race-5l").run()
    assert design_from_toml(design_toml(app)) == load_design("race-5l")


def test_download_buttons_are_offered(app):
    # Their content is checked in a real browser (tests/test_browser.py), which downloads.
    labels = {b.key: b.proto.label for b in app.download_button}
    assert labels == {
        "download_toml": "Design (TOML)",
        "download_bom": "Bill of materials (CSV)",
        "download_svg": "Pattern (SVG)",
        "download_dxf": "Pattern for CAD (DXF, graded)",
        "download_pattern_pdf": "Pattern to print at 1:1 (PDF, A4)",
        "download_flats": "Flats (SVG)",
        "download_techpack": "Tech pack (PDF, in English)",
    }


# ------------------------------------------------------------------ compare


def test_compare_a_and_b(app):
    app.button(key="keep_a").click().run()
    widget(app, "slider", "opt_back_height").set_value(40.0).run()
    app.button(key="keep_b").click().run()
    goto(app, "compare")
    rows = table(app, "B − A")
    weight = rows[rows["figure"] == "Weight [g]"].iloc[0]
    base = load_design("race-5l")
    taller = dataclasses.replace(base, options={**base.options, "back_height": 40.0})
    a, b = (round(estimate(d).weight.m_as("g"), 1) for d in (base, taller))
    assert (weight["A"], weight["B"]) == (f"{a:.1f}", f"{b:.1f}")
    assert weight["B − A"] == f"+{b - a:.1f}"  # the difference of the figures shown
    assert "Capacity, nominal [L]" in set(rows["figure"])
    changed = table(app, "what differs")
    assert list(changed["what differs"]) == ["Back panel height [cm]"]
    names = next(m.value for m in app.markdown if m.value.startswith("**A**"))
    assert "(1 difference from A: see What differs)" in names  # B told apart from A
    assert (changed["A"][0], changed["B"][0]) == ("34.0", "40.0")
    for cell in rows.drop(columns="figure").to_numpy().ravel():
        assert not re.search(r"\d[.,]\d{3,}", cell), cell  # rounded as a designer reads it
    set_units(app, "imperial")
    rows = table(app, "B − A")
    assert "Weight [oz]" in set(rows["figure"])
    assert not any("[g]" in f or "[L]" in f for f in rows["figure"])


def test_compare_asks_for_two_designs_first(app):
    goto(app, "compare")
    assert any("Keep a design as A" in i.value for i in app.info)


# ------------------------------------------------------------------ explore


def test_explore_sensitivity_names_every_parameter_that_matters(app):
    goto(app, "explore")
    rows = table(app, "elasticity")
    names = set(rows["parameter"].str.removesuffix(" *"))
    assert {"Neck opening between the straps", "Armhole dip of the side wing"} <= names
    assert "Squeeze pressure" not in names  # no effect on the weight: not a row
    assert not any("." in n for n in names)  # no internal ids (gsm.back)
    assert any("No effect on the weight: squeeze pressure" in c.value for c in app.caption)
    assert "nominal capacity, +10 % [L]" in rows.columns
    for cell in rows.drop(columns="parameter").to_numpy().ravel():
        assert not re.search(r"\d[.,]\d{4,}", cell), cell


def test_explore_search_loads_the_lightest_design_and_names_it(app):
    goto(app, "explore")
    widget(app, "select_slider", "brief_samples").set_value(2000).run()
    widget(app, "number_input", "brief_capacity").set_value(4.0).run()
    app.button(key="brief_search").click().run()
    assert not app.exception
    message = next(s.value for s in app.success if s.value.startswith("Lightest"))
    lightest = float(message.split(": ")[1].split(" g")[0])
    # what the search changed, shown before loading: the design's value and the one found
    changes = table(app, "lightest")
    assert len(changes) >= 1 and all(changes["design"] != changes["lightest"])
    assert set(changes["parameter"]) <= {
        *(f"{OPTION_SPECS[o].description.capitalize()} [cm]" for o in OPTION_SPECS),
        "Pocket size (width and height)",
        *(f"{group}: fabric" for group in ("Back panel", "Shoulder straps", "Front panels",
                                           "Side wings")),
    }  # fmt: skip
    app.button(key="load_optimum").click().run()
    goto(app, "vest")
    assert grams(app) == pytest.approx(lightest, abs=0.06)
    assert grams(app) < estimate(load_design("race-5l")).weight.m_as("g")
    assert any("lightest for the brief" in c.value for c in app.caption)
    preset = widget(app, "selectbox", "preset")
    assert "lightest for the brief" in preset.format_func(preset.value)


# ------------------------------------------------------------------ made where


def test_made_where_scenarios_are_named_apart_and_days_counted_right(app):
    goto(app, "made-where")
    rows = table(app, "lead time")
    assert list(rows["scenario"]) == ["Drôme (Crest)", "Vietnam, by sea", "Vietnam, 33% by air"]
    drome, sea, air = (float(v) for v in rows["g CO2e"])
    assert drome < sea < air
    assert all(re.fullmatch(r"1 day|\d+ days", d) for d in rows["lead time"])
    widget(app, "slider", "air_share").set_value(100).run()
    assert not app.exception
    assert "Vietnam, 100% by air" in set(table(app, "lead time")["scenario"])


def test_made_where_supply_chains_match_the_library(app):
    """The chains mode shows every named chain with the library's own totals, primary
    energy and kg per kg; the attribution of the open data is printed under the figures."""
    from packcalc.footprint_data import read_footprint
    from packcalc.lifecycle import scenario

    goto(app, "made-where")
    widget(app, "radio", "where_mode").set_value("chains").run()
    assert not app.exception
    rows = table(app, "lead time")
    data = read_footprint()
    result = estimate(load_design("race-5l"), library=LIB)
    assert len(rows) == len(data.chains)
    for label, grams, mj, chain in zip(
        rows["scenario"], rows["g CO2e"], rows["primary energy [MJ]"], data.chains, strict=True
    ):
        expected = scenario(result, LIB, data, chain=chain, samples=10)
        assert label == data.chains[chain]["name"]
        assert float(grams) == pytest.approx(expected.co2e_kg * 1000, abs=0.5)
        assert mj == ("≥ " if expected.energy_left_out else "") + f"{expected.energy_mj:.0f}"
    captions = " ".join(c.value for c in app.caption)
    assert "Carbonfact" in captions and "CC BY-SA 4.0" in captions and "Ember" in captions
    assert "end of life not counted" in captions


def test_made_where_own_chain_moves_a_stage(app):
    """Your own chain: dyeing moved from Taiwan to France changes the dyeing stage only
    by the grid (and its transport), and the waterfall says which stage changed."""
    goto(app, "made-where")
    widget(app, "radio", "where_mode").set_value("chains").run()
    widget(app, "multiselect", "chains").set_value(["drome-asian-fabric"]).run()
    widget(app, "toggle", "own_chain").set_value(True).run()
    boxes = {w.key.split(".")[1]: w for w in app.selectbox if w.key.startswith("own.")}
    assert set(boxes) == {"fibre", "spinning", "forming", "dyeing", "finishing", "making"}
    for stage, place in {"fibre": "CN", "spinning": "CN", "forming": "TW"}.items():
        boxes[stage].set_value(place)
    boxes["finishing"].set_value("TW")
    boxes["dyeing"].set_value("FR")
    app.run()
    assert not app.exception
    rows = table(app, "lead time")
    assert list(rows["scenario"]) == ["Made in the Drôme from Asian fabric", "Your chain"]
    asian, own = (float(v) for v in rows["g CO2e"])
    assert own < asian  # the French grid is cleaner than Taiwan's
    charts = vega_charts(app)
    waterfall = next(data for spec, data in charts if "x2" in spec["encoding"])
    steps = waterfall.iloc[1:-1]  # the two totals around the changes
    assert "dyeing" in set(steps["label"])
    assert steps["change"].sum() == pytest.approx(own - asian, abs=len(steps))
    assert waterfall["to"].iloc[-2] == pytest.approx(waterfall["to"].iloc[-1], abs=len(steps))
    sensitivity = table(app, "factor")
    assert len(sensitivity) == 10 and "producing nylon 6" in set(sensitivity["factor"])


# ------------------------------------------------------------------ library and calculator


def test_library_table_and_search(app):
    goto(app, "library")
    rows = table(app, "areal density [g/m²]")
    assert len(rows) == len(LIB.fabrics)
    assert {"id", "name", "source", "assumption", "name in the materials file"} <= set(rows.columns)
    widget(app, "text_input", "lib_search").input("spacer").run()
    found = table(app, "areal density [g/m²]")
    assert 1 <= len(found) < len(rows)
    assert found["id"].str.contains("spacer").all()
    # Rounded as a designer reads them; no "None".
    for cell in (
        rows.drop(columns=["source", "name in the materials file"]).astype(str).values.ravel()
    ):
        assert cell != "None" and not re.search(r"\d\.\d{3,}", cell), cell


def test_every_kind_lists_with_provenance(app):
    goto(app, "library")
    for kind in ("fibres", "trims", "items", "fabrics"):
        widget(app, "radio", "lib_kind").set_value(kind).run()
        assert not app.exception
        rows = table(app, "assumption")
        assert len(rows) == len(getattr(LIB, kind))
        assert rows["source"].notna().all()
        assert "None" not in rows.astype(str).to_string()


def test_provenance_of_an_assumed_record_is_shown(app):
    goto(app, "library")
    kind, record = next(
        (k, r)
        for k in ("fabrics", "trims", "items", "fibres")
        for r in getattr(LIB, k).values()
        if r.provenance.assumption
    )
    widget(app, "radio", "lib_kind").set_value(kind).run()
    widget(app, "selectbox", "lib_detail").set_value(record.id).run()
    assert any(record.provenance.note in w.value for w in app.warning)


def test_woven_calculator_golden_and_sliders(app):
    goto(app, "calculator")
    # 65 × 65 per cm of 20 denier, no crimp: 28.9 g/m² (worked in tests/test_textile.py).
    assert metric(app, "Areal density") == "28.9 g/m²"
    widget(app, "slider", "woven_warp_den").set_value(40.0).run()
    assert metric(app, "Areal density") == "43.3 g/m²"
    widget(app, "slider", "woven_warp_crimp").set_value(4.0).run()
    widget(app, "slider", "woven_weft_crimp").set_value(4.0).run()
    widget(app, "slider", "woven_warp_den").set_value(20.0).run()
    assert metric(app, "Areal density") == "30.0 g/m²"
    cover = metric(app, "Cover factor warp + weft (tex system)")
    widget(app, "slider", "woven_ends").set_value(80.0).run()
    assert metric(app, "Cover factor warp + weft (tex system)") != cover
    widget(app, "slider", "woven_weft_den").set_value(30.0).run()
    widget(app, "slider", "woven_picks").set_value(50.0).run()
    assert metric(app, "Areal density") != "30.0 g/m²"


def test_knit_calculator_golden_and_imperial_counts(app):
    goto(app, "calculator")
    widget(app, "radio", "calc_structure").set_value("knit").run()
    assert not app.exception
    # 22 × 16 per cm, 2.0 mm loops of 7.8 tex: 54.9 g/m².
    assert metric(app, "Areal density") == "54.9 g/m²"
    assert metric(app, "Tightness factor") == "1.40 √tex/mm"
    widget(app, "slider", "knit_loop").set_value(3.0).run()
    assert metric(app, "Areal density") == "82.4 g/m²"
    for name in ("knit_courses", "knit_wales", "knit_tex"):
        before = metric(app, "Areal density")
        slider = widget(app, "slider", name)
        slider.set_value(slider.value + 2).run()
        assert metric(app, "Areal density") != before
    set_units(app, "imperial")
    courses = widget(app, "slider", "knit_courses")
    assert courses.label == "Courses [per in]"
    assert courses.value == 61.0  # 22 + 2 per cm = 60.96 per inch, on its 1-per-inch steps


def test_every_page_in_every_language_and_unit_system():
    at = new_app()
    for lang in ("en", "fr"):
        for units in ("metric", "imperial"):
            at.session_state["pc.lang"] = lang
            at.session_state["pc.units"] = units
            for page in ("vest", "explore", "made-where", "compare", "library", "calculator"):
                goto(at, page)
                assert not at.error, (lang, units, page)


def test_language_and_units_kept_in_the_address():
    # A reload or a shared link (?lang=fr&units=imperial) opens the page in them; a
    # switch writes them into the address.
    from conftest import APP
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "fr"
    at.query_params["units"] = "imperial"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Gilet"
    assert metric(at, "Poids").endswith("oz")
    set_language(at, "en")
    assert (at.query_params["lang"], at.query_params["units"]) == ("en", "imperial")
    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.query_params["lang"] = "xx"  # an unknown value: the defaults
    fresh.run()
    assert fresh.title[0].value == "Vest" and metric(fresh, "Weight").endswith(" g")
