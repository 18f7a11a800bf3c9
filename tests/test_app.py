"""The Streamlit app, driven headless with AppTest (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from packcalc.design import load_design
from packcalc.estimator import estimate

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def grams(at):
    return float(metric(at, "Weight").removesuffix(" g"))


def table_with(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


# ------------------------------------------------------------------ the vest


def test_opens_on_a_preset_with_the_engine_weight(app):
    expected = estimate(load_design("race-5l")).weight.m_as("g")
    assert metric(app, "Weight") == f"{expected:.1f} g"
    assert not app.error


@pytest.mark.parametrize("preset", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_every_preset_loads_without_exception(app, preset):
    app.selectbox(key="preset").set_value(preset).run()
    assert not app.exception
    assert metric(app, "Weight") == f"{estimate(load_design(preset)).weight.m_as('g'):.1f} g"


def test_option_slider_changes_the_weight(app):
    before = grams(app)
    app.slider(key="opt_back_height").set_value(40.0).run()
    assert grams(app) > before


def test_fabric_and_layers_change_the_weight(app):
    before = grams(app)
    app.selectbox(key="fabric_back").set_value("spacer-mesh-3mm").run()
    heavier = grams(app)
    assert heavier > before
    app.number_input(key="layers_back").set_value(2).run()
    assert grams(app) > heavier


def test_size_grades_the_sliders(app):
    height_m = app.slider(key="opt_back_height").value
    weight_m = grams(app)
    app.radio(key="size").set_value("XL").run()
    assert app.slider(key="opt_back_height").value > height_m
    assert grams(app) > weight_m
    cli = estimate(load_design("race-5l").with_size("XL")).weight.m_as("g")
    # The sliders round graded values to 1 mm, so allow a fraction of a gram.
    assert abs(grams(app) - cli) < 0.5


def test_custom_body_measurements(app):
    app.radio(key="size").set_value("custom").run()
    app.number_input(key="chest").set_value(120.0).run()
    assert not app.exception
    assert not app.error
    assert any("chest 120.0 cm" in c.value for c in app.caption)


def test_infeasible_options_show_an_error_and_keep_the_last_design(app):
    good = metric(app, "Weight")
    app.slider(key="opt_front_width").set_value(20.0).run()
    last_good = metric(app, "Weight")
    app.slider(key="opt_front_gap").set_value(30.0).run()
    assert app.error
    assert "side wings" in app.error[0].value
    # The answers still show the last design that worked, and the user's sliders stay.
    assert metric(app, "Weight") == last_good
    assert app.slider(key="opt_front_gap").value == 30.0
    app.slider(key="opt_front_gap").set_value(10.0).run()
    assert not app.error
    assert metric(app, "Weight") != good  # front width still 20 cm: a new valid design


def test_breakdown_and_provenance(app):
    by_material = table_with(app, "material")
    assert by_material["grams"].sum() == pytest.approx(grams(app), abs=0.5)
    assert any("Where the figures come from" in e.label for e in app.expander)


# ------------------------------------------------------------------ the library page


def test_library_table_and_search(app):
    table = table_with(app, "areal_density_gsm")
    assert len(table) >= 20  # fabrics are shown first
    assert {"id", "areal_density_gsm", "source", "assumption"} <= set(table.columns)
    app.text_input(key="lib_search").input("spacer").run()
    filtered = table_with(app, "areal_density_gsm")
    assert 1 <= len(filtered) < len(table)
    assert filtered["id"].str.contains("spacer").all()


def test_every_kind_lists_with_provenance(app):
    for kind in ("fibres", "trims", "items", "fabrics"):
        app.radio(key="lib_kind").set_value(kind).run()
        assert not app.exception
        table = table_with(app, "assumption")
        assert len(table) >= 8
        assert table["source"].notna().all()


def test_provenance_of_an_assumed_record_is_shown(app):
    from packcalc.library import load_library

    kind, record = next(
        (k, r)
        for k in ("fabrics", "trims", "items", "fibres")
        for r in getattr(load_library(), k).values()
        if r.provenance.assumption
    )
    app.radio(key="lib_kind").set_value(kind).run()
    app.selectbox(key="lib_detail").set_value(record.id).run()
    assert any(record.provenance.note in w.value for w in app.warning)


# ------------------------------------------------------------------ the calculator


def test_woven_calculator_golden_and_slider(app):
    # Defaults: 65 × 65 per cm of 20 denier, no crimp → 28.9 g/m² (reference sheet §2.1).
    assert metric(app, "Areal density") == "28.9 g/m²"
    app.slider(key="woven_warp_den").set_value(40).run()
    assert metric(app, "Areal density") == "43.3 g/m²"
    app.slider(key="woven_warp_crimp").set_value(4.0).run()
    app.slider(key="woven_weft_crimp").set_value(4.0).run()
    app.slider(key="woven_warp_den").set_value(20).run()
    assert metric(app, "Areal density") == "30.0 g/m²"


def test_knit_calculator_golden(app):
    app.radio(key="calc_structure").set_value("knit").run()
    assert not app.exception
    # 22 × 16 per cm, 2.0 mm loops of 7.8 tex → 54.9 g/m² (reference sheet §2.2).
    assert metric(app, "Areal density") == "54.9 g/m²"
    assert metric(app, "Tightness factor") == "1.40 √tex/mm"
    app.slider(key="knit_loop").set_value(3.0).run()
    assert metric(app, "Areal density") == "82.4 g/m²"


def test_pressure_slider_moves_the_packed_volume(app):
    pocket = metric(app, "Packed volume")
    app.slider(key="pressure").set_value(100.0).run()
    assert not app.exception
    vacuum = metric(app, "Packed volume")
    assert float(vacuum.removesuffix(" L")) < float(pocket.removesuffix(" L"))
    expected = estimate(load_design("race-5l"), pressure_kpa=100.0)
    assert vacuum == f"{expected.packed_volume.m_as('L'):.2f} L"
    assert f"{expected.tshirt_volume_ratio:.2f} ×" == metric(app, "Packed, vs a cotton t-shirt")
    assert any("t-shirt" in i.value for i in app.info)


def test_load_list_switch_reports_what_does_not_fit(app):
    assert metric(app, "The kit") == "fits"
    app.selectbox(key="preset").set_value("ultra-minimal").run()
    app.selectbox(key="load_list").set_value("utmb").run()
    assert not app.exception
    expected = estimate(load_design("ultra-minimal"), load="utmb").load_fit
    assert metric(app, "The kit") == f"{len(expected.unplaced)} items do not fit"
    warning = next(w.value for w in app.warning if "Does not fit" in w.value)
    for label, _, reason in expected.unplaced:
        assert f"{label}: {reason}" in warning
    pockets = table_with(app, "stretch limited by")
    assert set(pockets["pocket"]) == {p.name for p in load_design("ultra-minimal").pockets}


# ------------------------------------------------------------------ save, load, compare, units


def test_upload_a_design_and_a_bad_file_keeps_it(app, tmp_path):
    from packcalc.design import design_to_toml

    text = design_to_toml(load_design("ultra-12l")).encode()
    app.file_uploader(key="upload").upload("mine.toml", text, "application/toml").run()
    assert not app.exception
    assert metric(app, "Weight") == f"{estimate(load_design('ultra-12l')).weight.m_as('g'):.1f} g"
    good = metric(app, "Weight")
    bad = text.replace(b'back_height = "40 cm"', b'back_height = "40 kg"')
    app.file_uploader(key="upload").upload("bad.toml", bad, "application/toml").run()
    assert not app.exception
    assert any("options.back_height: expected a length" in e.value for e in app.error)
    assert any("the design was not changed" in e.value for e in app.error)
    assert metric(app, "Weight") == good
    app.file_uploader(key="upload").upload("big.toml", b"#" * 300_000, "application/toml").run()
    assert any("under 256 kB" in e.value for e in app.error)
    assert metric(app, "Weight") == good


def test_download_buttons_are_offered(app):
    # Their content is checked in a real browser (tests/test_browser.py), which downloads.
    labels = {b.key: b.proto.label for b in app.download_button}
    assert labels == {
        "download_toml": "Design (TOML)",
        "download_bom": "Bill of materials (CSV)",
        "download_svg": "Pattern (SVG)",
        "download_ecobalyse": "Ecobalyse query (JSON)",
    }


def test_compare_a_and_b(app):
    app.button(key="keep_a").click().run()
    app.slider(key="opt_back_height").set_value(40.0).run()
    app.button(key="keep_b").click().run()
    assert not app.exception
    table = table_with(app, "B − A")
    weight_row = table[table["figure"] == "Weight [g]"].iloc[0]
    assert weight_row["B − A"] > 0
    a_col = next(c for c in table.columns if c.startswith("A:"))
    assert weight_row[a_col] == pytest.approx(
        estimate(load_design("race-5l")).weight.m_as("g"), abs=1e-3
    )


def test_imperial_units(app):
    grams_metric = grams(app)
    app.radio(key="units").set_value("imperial").run()
    assert not app.exception
    ounces = float(metric(app, "Weight").removesuffix(" oz"))
    assert ounces == pytest.approx(grams_metric / 28.3495, abs=0.01)
    assert app.slider(key="opt_back_height").value == pytest.approx(34 / 2.54, abs=0.01)
    assert "in³" in metric(app, "Packed volume")
    app.radio(key="units").set_value("metric").run()
    assert app.slider(key="opt_back_height").value == pytest.approx(34.0, abs=0.02)
    assert metric(app, "Weight") == f"{grams_metric:.1f} g"


def test_areal_density_override(app):
    before = grams(app)
    app.number_input(key="gsm_back").set_value(400.0).run()
    assert grams(app) > before
    app.number_input(key="gsm_back").set_value(0.0).run()
    assert grams(app) == pytest.approx(before)


def test_tables_are_on_the_page(app):
    editors = app.data_editor
    assert len(editors) == 4  # pockets, trims, load items, custom items
    pockets = editors[0].value
    assert list(pockets["name"]) == [p.name for p in load_design("race-5l").pockets]


def test_explore_sensitivity_and_search(app):
    table = table_with(app, "weight_elasticity")
    assert len(table) >= 10
    app.select_slider(key="brief_samples").set_value(2000).run()
    app.number_input(key="brief_capacity").set_value(4.0).run()
    app.button(key="brief_search").click().run()
    assert not app.exception
    message = next(s.value for s in app.success if s.value.startswith("Lightest"))
    lightest = float(message.split(":")[1].split(" g")[0])
    app.button(key="load_optimum").click().run()
    assert not app.exception
    assert grams(app) == pytest.approx(lightest, abs=0.06)
    assert grams(app) < estimate(load_design("race-5l")).weight.m_as("g")


def test_made_where(app):
    table = table_with(app, "g CO2e per gram saved")
    assert len(table) == 3  # Drôme; Vietnam by sea; Vietnam with 33 % by air
    drome, sea, air = table["g CO2e"]
    assert drome < sea < air
    app.slider(key="air_share").set_value(100).run()
    assert not app.exception
    flown = table_with(app, "g CO2e per gram saved")["g CO2e"].iloc[2]
    assert flown > air
