"""The page's state and formatting, without streamlit: canonical values ↔ design, table
edits, the caches' keys, figures in both unit systems and languages."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from packcalc import PackcalcError
from packcalc.design import load_design
from packcalc.fit import fit_load
from packcalc.library import load_library
from packcalc.pattern import OPTION_SPECS
from packcalc.ui import results, state
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import french_typography
from packcalc.ui.state import design_from_values, design_tables, table_values, widget_values

LIB = load_library()
EN, FR, IMPERIAL, FR_IMPERIAL = Fmt(), Fmt("fr"), Fmt("en", "imperial"), Fmt("fr", "imperial")


def values_for(design, **changes):
    return {**widget_values(design), **table_values(design_tables(design)), **changes}


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_the_canonical_values_describe_the_design_they_come_from(name):
    design = load_design(name)
    assert design_from_values(design, values_for(design), LIB) == design


def test_load_tables_add_library_and_custom_items():
    design = load_design("race-5l")
    items = pd.DataFrame([{"item": "gel", "quantity": 2}, {"item": None, "quantity": None}])
    custom = pd.DataFrame(
        [{"name": "salt tabs", "mass_g": 15.0, "volume_l": 0.03, "shape": None,
          "length_cm": None, "width_cm": None, "height_cm": None, "diameter_cm": None,
          "rigid": False, "reach": True}]
    )  # fmt: skip
    new = design_from_values(
        design, values_for(design, load_items_table=items, load_custom_table=custom), LIB
    )
    assert [(e.item, e.quantity) for e in new.load] == [("gel", 2)]
    assert new.custom_items[0].name == "salt tabs" and new.custom_items[0].reach_while_running


@pytest.mark.parametrize(
    ("items", "custom", "message"),
    [
        ([{"item": "gell", "quantity": 1}], [], "load.items[0].id: unknown item 'gell'"),
        (
            [{"item": "gel", "quantity": 5000}],
            [],
            "load.items[0].quantity: expected a whole number from 1 to 1000",
        ),
        ([], [{"name": "x", "mass_g": None, "volume_l": 0.1}], "load.custom[0].mass: missing"),
        (
            [],
            [{"name": "x", "mass_g": -5.0, "volume_l": 0.1}],
            "load.custom[0] 'x' mass: expected a value greater than 0",
        ),
    ],
)
def test_bad_load_rows_name_their_row_with_the_design_files_rules(items, custom, message):
    design = load_design("race-5l")
    values = values_for(
        design,
        load_items_table=pd.DataFrame(items, columns=["item", "quantity"]),
        load_custom_table=pd.DataFrame(custom),
    )
    with pytest.raises(PackcalcError) as err:
        design_from_values(design, values, LIB)
    assert message in str(err.value)


def test_a_custom_body_meets_the_design_files_limits():
    design = load_design("race-5l")
    values = values_for(design, size="custom", chest=200.0)
    with pytest.raises(PackcalcError, match=r"body\.chest: expected a value of at most 150 cm"):
        design_from_values(design, values, LIB)


def test_regrade_grades_as_the_library_does():
    design = load_design("race-5l")
    values = widget_values(design)
    graded = state.regrade(values, design.body, state.body_from_values({"size": "XL"}, LIB))
    assert graded == {f"opt_{k}": v for k, v in design.with_size("XL").options.items()}


# ------------------------------------------------------------------ table edits


def test_a_table_shows_its_figures_as_text_in_the_units_blanks_blank():
    trims = design_tables(load_design("race-5l"))["trims"]
    shown = state.display_table(trims, "trims", FR_IMPERIAL)
    assert list(shown["length_cm"]) == ["23,6", "", ""]  # 60 cm of cord, in inches
    assert list(shown["quantity"]) == ["", "1", ""]
    assert list(shown["area_cm2"]) == ["", "", "3"]  # 20 cm² in square inches


def test_edits_in_inches_are_written_back_in_centimetres():
    pockets = design_tables(load_design("race-5l"))["pockets"]
    edits = {
        "edited_rows": {0: {"width_cm": "4,5"}, 2: {"gusset_cm": ""}},
        "added_rows": [{"name": "new", "location": "back", "width_cm": "10", "height_cm": "8",
                        "fabric": "power-mesh"}],
        "deleted_rows": [1],
    }  # fmt: skip
    out = state.apply_edits(pockets, edits, "pockets", FR_IMPERIAL)
    assert out["width_cm"][0] == pytest.approx(4.5 * 2.54)
    assert pd.isna(out["gusset_cm"][1])  # row 2 became row 1 when row 1 was deleted
    assert list(out["name"]) == ["flask left", "phone", "gels", "back", "side left",
                                 "side right", "new"]  # fmt: skip
    assert out["height_cm"].iloc[-1] == pytest.approx(8 * 2.54)
    # Untouched cells keep their exact metric values (no round trip through the display).
    assert out["height_cm"][0] == pockets["height_cm"][0]


def test_a_cell_that_is_not_a_number_is_refused_with_its_place():
    pockets = design_tables(load_design("race-5l"))["pockets"]
    edits = {"edited_rows": {3: {"height_cm": "tall"}}, "added_rows": [], "deleted_rows": []}
    with pytest.raises(PackcalcError, match=r"pockets\[3\]\.height_cm: expected a number"):
        state.apply_edits(pockets, edits, "pockets", EN)


def test_pins_follow_a_renamed_pocket():
    tables = design_tables(load_design("race-5l"))
    items = pd.DataFrame({"item": ["gel"], "quantity": [2], "pocket": ["phone"]})
    before = tables["pockets"]
    after = before.copy()
    after.loc[after["name"] == "phone", "name"] = "mobile"
    renames = state.renamed_pockets(before, after)
    assert renames == {"phone": "mobile"}
    assert list(state.follow_renames(items, renames)["pocket"]) == ["mobile"]


# ------------------------------------------------------------------ the caches' keys


@pytest.mark.parametrize("name", [n for n in OPTION_SPECS if n not in results.FIT_OPTIONS])
def test_options_outside_the_fit_key_leave_the_load_fit_as_it_is(name):
    # The page remembers a load fit per fit_key: an option the key leaves out must not
    # change the load fit (else the cache would show a stale one).
    design = load_design("race-5l")
    spec = OPTION_SPECS[name]
    value = design.options[name]
    moved = value + 1.0 if value + 1.0 <= spec.maximum else value - 1.0
    other = dataclasses.replace(design, options={**design.options, name: moved})
    assert results.fit_key(other) == results.fit_key(design)
    a, b = fit_load(design, LIB), fit_load(other, LIB)
    assert a.to_dict() == b.to_dict()


@pytest.mark.parametrize("name", results.FIT_OPTIONS)
def test_options_in_the_fit_key_change_it(name):
    design = load_design("race-5l")
    other = dataclasses.replace(
        design, options={**design.options, name: design.options[name] + 0.5}
    )
    assert results.fit_key(other) != results.fit_key(design)


# ------------------------------------------------------------------ figures


def test_figures_in_each_unit_system_and_language():
    # One ounce, one litre, one inch: conversions worked by hand, not by the code.
    assert EN.q("weight", 28.349523125) == "28.3 g"
    assert IMPERIAL.q("weight", 28.349523125) == "1.00 oz"
    assert FR_IMPERIAL.q("weight", 28.349523125) == "1,00\u00a0oz"
    assert IMPERIAL.q("capacity", 1.0) == "61 in³"
    assert FR_IMPERIAL.q("capacity", 1.0) == "61\u00a0po³"
    assert IMPERIAL.q("length", 25.4) == "10.0 in"
    assert FR_IMPERIAL.q("length", 25.4) == "10,0\u00a0po"
    assert IMPERIAL.q("areal", 33.9057) == "1.0 oz/yd²"
    assert FR.q_range("mass", 72.4, 281.0) == "72–281\u00a0g"
    assert EN.num(-5.6, 1) == "−5.6"
    assert FR.num(12345.678, 1) == "12\u00a0345,7"


def test_percentages_and_counts_as_each_language_writes_them():
    assert EN.pct(0.834) == "83%"
    assert FR.pct(0.834) == "83\u00a0%"
    assert EN.pct(0.05, sign=True) == "+5%"
    assert EN.count(1, "day", "days") == "1 day"
    assert EN.count(35, "day", "days") == "35 days"
    assert FR.count(1, "day", "days") == "1\u00a0jour"


def test_french_typography_puts_a_no_break_space_before_high_punctuation():
    assert french_typography("Confort : 1,3") == "Confort\u00a0: 1,3"
    assert french_typography("Confort: oui; non") == "Confort\u00a0: oui\u00a0; non"
    assert french_typography("83 %") == "83\u00a0%"
    assert french_typography("https://example.org") == "https://example.org"


def test_library_search_matches_every_word_and_the_shown_name():
    rows = results.library_rows(LIB, "fabrics")
    assert [r["id"] for r in results.search_rows(rows, "Spacer 6MM", {})] == ["spacer-mesh-6mm"]
    assert results.search_rows(rows, "maille", {"pa-elastane-knit-190": "maille"})[0]["id"] == (
        "pa-elastane-knit-190"
    )
    assert results.search_rows(rows, "", {}) == rows


def test_comparison_deltas():
    a = results.headline(results.vest_figures(load_design("race-5l"), LIB))
    b = results.headline(results.vest_figures(load_design("ultra-12l"), LIB))
    rows = {r["key"]: r for r in results.compare_headlines(a, b)}
    assert set(rows) == set(results.HEADLINE)
    assert rows["weight"]["delta"] == pytest.approx(b["weight"] - a["weight"])
    assert rows["capacity_nominal"]["a"] == pytest.approx(
        fit_load(load_design("race-5l"), LIB).capacity_nominal_l
    )


def test_the_bill_of_materials_is_rounded_as_a_maker_reads_it():
    csv = results.bill_csv(load_design("race-5l"), LIB)
    for line in csv.splitlines()[1:]:
        assert ",3.0," not in line
        for field in line.split(","):
            if field.replace(".", "").isdigit() and "." in field:
                assert len(field.split(".")[1]) <= 4, line


def test_colours_are_fixed_per_fabric_and_per_category():
    import re

    from packcalc.ui import figures

    assert set(figures.FABRIC_COLOURS) == set(LIB.fabrics)  # every fabric has its colour
    seen: dict[str, str] = {}
    for name in ("ultra-minimal", "race-5l", "ultra-12l"):
        design = load_design(name)
        svg = figures.pattern_svg(results.pattern_geometry(design), EN)
        fills = dict(re.findall(r'fill="(#[0-9a-f]{6})" fill-opacity="0.4" stroke="none" '
                                r'data-piece="([\w-]+)"', svg))  # fmt: skip
        by_fabric = {}
        for colour, piece in fills.items():
            fabric = design.panel_spec(piece, piece.split("-")[0]).fabric
            by_fabric.setdefault(fabric, set()).add(colour)
        for fabric, colours in by_fabric.items():
            assert colours == {figures.FABRIC_COLOURS[fabric]}
            assert seen.setdefault(fabric, figures.FABRIC_COLOURS[fabric]) in colours
        # Within a design, no two fabrics share a colour.
        assert len({c for cs in by_fabric.values() for c in cs}) == len(by_fabric)
        # The categories' colours do not depend on the design: a fixed domain and range.
        spec = figures.breakdown_spec(EN, 10)
        scale = spec["encoding"]["color"]["scale"]
        assert scale["domain"] == [label for label, _ in figures.CATEGORIES.values()]
        assert scale["range"] == [colour for _, colour in figures.CATEGORIES.values()]
        used = {row["category"] for row in results.vest_figures(design, LIB)["parts"]}
        assert used <= set(figures.CATEGORIES), used - set(figures.CATEGORIES)


def test_the_pattern_view_draws_each_pockets_own_piece():
    from shapely.geometry import Polygon

    from packcalc.cutting import pieces

    library = load_library()
    design = load_design("race-5l")
    geometry = results.pattern_geometry(design, library=library)
    drawn = {p["name"]: p for p in geometry["pieces"] if p["name"].startswith("pocket:")}
    assert set(drawn) == {f"pocket:{p.name}" for p in design.pockets}
    cut = {p.title.removeprefix("Pocket: "): p for p in pieces(design, library)}
    for name, piece in drawn.items():
        # The piece as the cutting room gets it: same size, its opening bound (race-5l
        # binds its pocket openings), the other three edges sewn.
        expected = Polygon(cut[name.removeprefix("pocket:")].sew_line).area
        assert Polygon(piece["outline"]).area == pytest.approx(expected)
        assert sorted(kind for kind, _ in piece["edges"]) == ["bound", "seam", "seam", "seam"]
