"""The Streamlit app, driven headless with AppTest (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_library_table_and_search(app):
    table = app.dataframe(key="lib_table").value
    assert len(table) >= 20  # fabrics are shown first
    assert {"id", "areal_density_gsm", "source", "assumption"} <= set(table.columns)
    app.text_input(key="lib_search").input("spacer").run()
    filtered = app.dataframe(key="lib_table").value
    assert 1 <= len(filtered) < len(table)
    assert filtered["id"].str.contains("spacer").all()


def test_every_kind_lists_with_provenance(app):
    for kind in ("fibres", "trims", "items", "fabrics"):
        app.radio(key="lib_kind").set_value(kind).run()
        assert not app.exception
        table = app.dataframe(key="lib_table").value
        assert len(table) >= 8
        assert table["source"].notna().all()


def test_provenance_of_an_assumed_record_is_shown(app):
    from packcalc.library import load_library

    assumed = next(
        (k, r)
        for k in ("fabrics", "trims", "items", "fibres")
        for r in getattr(load_library(), k).values()
        if r.provenance.assumption
    )
    kind, record = assumed
    app.radio(key="lib_kind").set_value(kind).run()
    app.selectbox(key="lib_detail").set_value(record.id).run()
    assert any(record.provenance.note in w.value for w in app.warning)


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
