"""The French page and the imperial page: every string the page shows, on every view, is
in the chosen language and units.

The page is run with AppTest in French (metric and imperial) and in English imperial,
on every view (with a design kept as A and B, a search on Explore, each kind of the
materials library, both calculators); every visible string is collected: titles,
captions, markdown, metrics (label, value, delta, help), alerts, widget labels, options
and help, table headers and cells, the charts' titles, axes, legends and labels (their
Vega-Lite specs and data) and the text of the SVG drawings.
"""

from __future__ import annotations

import ast
import base64
import html
import json
import re

import pandas as pd
import pytest
from conftest import ROOT, goto, new_app, widget

from packcalc.capacity import COMFORT_PRESSURE_KPA
from packcalc.library import load_library
from packcalc.packing import NAMED_PRESSURES
from packcalc.pattern import OPTION_SPECS
from packcalc.ui import names
from packcalc.ui.display import SYSTEMS
from packcalc.ui.i18n import FR, translate
from packcalc.ui.state import CUSTOM, LOAD_NONE

SIZE_LABELS = {"XS", "S", "M", "L", "XL"}  # the same in French
SOURCES = [ROOT / "app.py", *sorted((ROOT / "packcalc" / "ui").rglob("*.py"))]


# ------------------------------------------------------------------ the strings in the code


def interface_strings() -> set[str]:
    """Every string the page translates: constants passed to ``t()``, ``N_()``,
    ``label()``, ``count()`` and the tables' ``_figure()``, and the library's own words
    it passes through ``t()`` (option descriptions, named pressures, comfort levels)."""
    found: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            args = {"t": node.args[:1], "N_": node.args[:1], "label": node.args[:1],
                    "count": node.args[1:3], "_figure": node.args[1:2]}.get(name, [])  # fmt: skip
            found |= {a.value for a in args if isinstance(a, ast.Constant)}
    found |= {spec.description.capitalize() for spec in OPTION_SPECS.values()}
    found |= set(NAMED_PRESSURES) | set(SYSTEMS) | {CUSTOM, LOAD_NONE}
    found -= {k for k in COMFORT_PRESSURE_KPA if k not in FR}  # shown through N_ words
    return {s for s in found if isinstance(s, str)} - SIZE_LABELS


def test_the_extraction_finds_the_page_strings():
    strings = interface_strings()
    assert {"Weight", "Vest", "Back panel", "Load items", "stuff sack", "(none)"} <= strings
    assert len(strings) > 300


def test_every_interface_string_has_a_french_translation():
    missing = sorted(s for s in interface_strings() if not FR.get(s, "").strip())
    assert not missing, f"no French translation for: {missing}"


def test_every_translation_keeps_its_placeholders():
    wrong = [
        k for k, v in FR.items() if set(re.findall(r"{\w+}", k)) != set(re.findall(r"{\w+}", v))
    ]
    assert not wrong


def test_translations_keep_the_leading_capitalisation():
    def first_letter(text: str) -> str:
        return next((c for c in text if c.isalpha()), "")

    wrong = sorted(
        key for key, fr in FR.items() if first_letter(key).isupper() != first_letter(fr).isupper()
    )
    assert not wrong


def test_every_library_record_has_a_name_in_both_languages():
    library = load_library()
    tables = {
        "fabrics": names.FABRICS, "trims": names.TRIMS, "items": names.ITEMS,
        "loadlists": names.LOADLISTS, "garments": names.GARMENTS, "fibres": names.FIBRES,
        "purposes": names.PURPOSES,
    }  # fmt: skip
    for kind, table in tables.items():
        missing = set(getattr(library, kind)) - set(table)
        assert not missing, f"{kind} without a name on the page: {sorted(missing)}"
        assert all(en and fr for en, fr in table.values())


def test_translate_falls_back_to_english():
    assert translate("Weight", "fr") == FR["Weight"]
    assert translate("Weight", "en") == "Weight"
    assert translate("No such string, surely", "fr") == "No such string, surely"


# ------------------------------------------------------------------ what the page shows


def _svg_text(url: str) -> list[str]:
    svg = base64.b64decode(url.split(",", 1)[1]).decode()
    return [
        html.unescape(re.sub(r"<[^>]+>", " ", t).strip())  # the text as the browser shows it
        for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    ]


def _spec_text(spec: dict) -> list[str]:
    out = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "domain") and value:
                    out.extend([value] if isinstance(value, str) else [str(v) for v in value])
                elif key not in ("data", "datasets"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return out


def visible_strings(at) -> list[str]:
    """Every string the current page shows (see the module docstring)."""
    out: list[str] = []

    def walk(node):
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind == "metric":
            out.extend([node.label, node.value, node.proto.delta, node.proto.help])
        elif kind in ("caption", "markdown", "title", "header", "subheader", "info", "warning",
                      "success", "error", "toast"):  # fmt: skip
            out.append(node.value)
        elif kind == "expander":
            out.append(node.label)
        elif kind == "dataframe":
            frame = node.value.astype(str)
            columns = json.loads(node.proto.columns or "{}")
            for column in frame.columns:
                config = columns.get(str(column), {})
                label = config.get("label") or str(column)
                out.append(label)
                if label in ("id", "source", "name in the materials file",
                             "nom dans le fichier de matières"):  # fmt: skip
                    continue  # ids, citations and the records' own names, as written
                options = config.get("type_config", {}).get("options") or []
                labels = {o.get("value"): o.get("label") for o in options if isinstance(o, dict)}
                out.extend(labels.get(v, v) for v in frame[column])
                out.extend(label for label in labels.values() if label)
        elif kind == "image":
            for image in proto.imgs:
                if image.url.startswith("data:image/svg+xml"):
                    out.extend(_svg_text(image.url))
                out.append(image.caption)
        elif kind == "vega_lite_chart":
            out.extend(_spec_text(json.loads(proto.spec)))
        elif proto is not None and hasattr(proto, "label") and kind not in ("block",):
            out.append(proto.label)
            for attr in ("help", "placeholder"):
                out.append(getattr(proto, attr, "") or "")
            options = getattr(node, "options", None)
            if options and kind in ("selectbox", "radio", "multiselect", "select_slider"):
                out.extend(str(o) for o in options)
        children = getattr(node, "children", None)
        if children:
            for child in children.values() if isinstance(children, dict) else children:
                walk(child)

    walk(at._tree)
    return [s for s in out if isinstance(s, str) and s.strip()]


def vega_data(at) -> list[str]:
    """The nominal values the charts label (bar names, legend entries)."""
    out = []
    for node in _nodes(at._tree):
        if getattr(node, "type", "") == "vega_lite_chart":
            import pyarrow as pa

            proto = node.proto
            table = pa.ipc.open_stream(proto.data.data).read_all().to_pandas()
            for column in table.columns:
                if not pd.api.types.is_numeric_dtype(table[column]):
                    out.extend(str(v) for v in table[column])
    return out


def _nodes(node):
    yield node
    children = getattr(node, "children", None)
    if children:
        for child in children.values() if isinstance(children, dict) else children:
            yield from _nodes(child)


def every_view(lang: str, units: str) -> dict[str, list[str]]:
    """The visible strings of every view, in a language and unit system."""
    at = new_app()
    at.button(key="keep_a").click().run()
    widget(at, "slider", "opt_back_height").set_value(36.0).run()
    at.button(key="keep_b").click().run()
    widget(at, "radio", "lang").set_value(lang).run()
    widget(at, "radio", "units").set_value(units).run()
    widget(at, "selectbox", "load_list").set_value("utmb").run()  # things that do not fit
    shown = {}
    for detail in ("weight", "pattern", "packing", "load", "sources"):
        at.session_state["pc.detail"] = detail
        at.run()
        shown[f"vest {detail}"] = visible_strings(at) + vega_data(at)
    shown["vest"] = shown["vest weight"]
    goto(at, "explore")
    widget(at, "select_slider", "brief_samples").set_value(2000).run()
    at.button(key="brief_search").click().run()
    shown["explore"] = visible_strings(at) + vega_data(at)
    for page in ("made-where", "compare"):
        goto(at, page)
        shown[page] = visible_strings(at) + vega_data(at)
    goto(at, "made-where")
    widget(at, "radio", "where_mode").set_value("chains").run()
    widget(at, "toggle", "own_chain").set_value(True).run()
    shown["made-where chains"] = visible_strings(at) + vega_data(at)
    goto(at, "library")
    for kind in ("fabrics", "fibres", "trims", "items"):
        widget(at, "radio", "lib_kind").set_value(kind).run()
        shown[f"library {kind}"] = visible_strings(at)
    goto(at, "calculator")
    shown["calculator woven"] = visible_strings(at)
    widget(at, "radio", "calc_structure").set_value("knit").run()
    shown["calculator knit"] = visible_strings(at)
    assert not at.exception
    return shown


# Strings shown as the materials files write them, on purpose and marked so: sources
# (citations and links), the records' own names ("name in the materials file" column,
# the detail's heading), notes quoted in English after "(note en anglais)", the record's
# fields as JSON, and the product names of commercial vests.
def _quotations() -> set[str]:
    """What the page quotes as written (see above): sources and names of record files."""
    from packcalc.design import load_preset, preset_names
    from packcalc.footprint_data import read_footprint

    library = load_library()
    out = set()
    for kind in ("fabrics", "trims", "items", "fibres", "loadlists"):
        for record in getattr(library, kind).values():
            out.add(record.name)
            out |= set(record.provenance.sources) | {record.provenance.note}
    for record in read_footprint().records:
        sources = record.get("source") or []
        out |= set([sources] if isinstance(sources, str) else sources) | {record.get("note")}
    for preset in preset_names():
        for c in load_preset(preset).comparisons:  # commercial vests, proper nouns
            out |= {c.name, names.comparison(c.name, "fr"), c.source}
    return {q for q in out if q}


QUOTED = _quotations()
# Names with a decimal point in them (a trade name or a polymer's designation, written so
# in French too: "nylon 6.6" is polyamide 6.6, not six and a half).
TRADE_NAMES = ("Momentum 0.9", "nylon 6.6")


def quoted(text: str) -> bool:
    body = re.sub(r"^(Assumed|Assumption|Valeurs supposées|Hypothèse) \([^)]*\)\s?: ", "",
                  text.removeprefix("- ").strip())  # fmt: skip
    return (
        body in QUOTED
        or "(note en anglais)" in text
        or text.startswith(("nom dans le fichier de matières", "name in the materials file"))
        or bool(re.fullmatch(r"`[^`]+` — .*", body))  # a factor's file path, then its source
        or any(name in text for name in TRADE_NAMES)
    )


@pytest.fixture(scope="module")
def french():
    return {units: every_view("fr", units) for units in ("metric", "imperial")}


@pytest.fixture(scope="module")
def imperial_english():
    return every_view("en", "imperial")


def english_strings() -> dict[str, str]:
    """English interface strings (lowercase) whose French differs: none may show in French."""
    out = {k.lower(): k for k, v in FR.items() if v.lower() != k.lower() and len(k) > 2}
    for table in (names.FABRICS, names.TRIMS, names.ITEMS, names.LOADLISTS, names.GARMENTS,
                  names.FIBRES, names.PURPOSES, names.PIECES):  # fmt: skip
        out |= {en.lower(): en for en, fr in table.values() if en.lower() != fr.lower()}
    library = load_library()
    record_names = {r.name for kind in ("fabrics", "trims", "items", "fibres")
                    for r in getattr(library, kind).values()}  # fmt: skip
    return {k: v for k, v in out.items() if v not in record_names}


FRAGMENTS = re.compile(r"\s*(?:[·;:()\[\]—–,]|\s-\s|\n|\*\*)\s*")


def test_no_english_in_the_french_page(french):
    english = english_strings()
    library = load_library()
    record_names = {r.name.lower() for kind in ("fabrics", "trims", "items", "fibres")
                    for r in getattr(library, kind).values()}  # fmt: skip
    found = []
    for units, views in french.items():
        for view, strings in views.items():
            for text in strings:
                if quoted(text) or text.lower() in record_names:
                    continue
                pieces = [text, *FRAGMENTS.split(text)]
                hits = [p for p in pieces if p.strip().lower() in english]
                if hits:
                    found.append((units, view, text[:80], hits))
    assert not found, "\n".join(map(str, found[:30]))


def test_the_check_can_fail():
    english = english_strings()
    assert "where each gram goes" in english and "front view" in english
    assert "soft flask 500 ml" in english  # an item's English name
    assert FRAGMENTS.split("centre of mass of the load: 5 cm")[0] == "centre of mass of the load"


def test_french_numbers_use_decimal_commas_and_spaced_signs(french):
    library = load_library()
    record_names = {r.name for kind in ("fabrics", "trims", "items", "fibres")
                    for r in getattr(library, kind).values()}  # fmt: skip
    found = []
    for views in french.values():
        for view, strings in views.items():
            for text in strings:
                if quoted(text) or text in record_names or text.startswith("GSM ="):
                    continue
                text = re.sub(r"CC BY(?:-SA)? \d\.\d", "CC", text)  # licence names, as written
                if re.search(r"(?<![\w.])\d+\.\d+(?![\w.])", text):
                    found.append((view, "decimal point", text[:90]))
                if re.search(r"\d%", text):
                    found.append((view, "no space before %", text[:90]))
                if re.search(r"[^\s\d]:(\s|$)", text) or re.search(r"\w;", text):
                    found.append((view, "no space before : or ;", text[:90]))
    assert not found, "\n".join(map(str, found[:30]))


# Metric units a designer working in imperial should not meet (mm stays: trims are sold
# by their width in mm, loop lengths and thicknesses are given in mm).
METRIC_UNITS = re.compile(r"\d\s?(?:g|kg|L|cm|m²|g/m²)(?![\w/²³])|g/m²|\[(?:g|L|cm)\]")


def imperial_leaks(views: dict[str, list[str]]) -> list[tuple]:
    library = load_library()
    record_names = {r.name for kind in ("fabrics", "trims", "items", "fibres")
                    for r in getattr(library, kind).values()}  # fmt: skip
    found = []
    for view, strings in views.items():
        for text in strings:
            if quoted(text) or text in record_names:
                continue
            if view.startswith("calculator") and ("g/m²" in text or "mm" in text):
                continue  # areal density in both units on purpose; loop length in mm
            if re.search(r"\bthickness \[mm\]|épaisseur \[mm\]", text):
                continue  # fabric thickness in mm, as fabric sheets give it
            cleaned = re.sub(r"`[^`]*`", "", text)  # ids
            cleaned = re.sub(r"\d\s?g CO2e", "", cleaned)  # the emission unit, in every system
            cleaned = re.sub(r"\d+ ml\b", "", cleaned)  # flask sizes as they are sold
            # A vest's class in its name, then in the units on purpose: "Race 5 L (305 in³)".
            cleaned = re.sub(r"\d+(?:[.,]\d+)? L\** \(\d+\s(?:in|po)³\)", "", cleaned)
            if METRIC_UNITS.search(cleaned):
                found.append((view, text[:100]))
    return found


def test_every_quantity_in_imperial_english(imperial_english):
    found = imperial_leaks(imperial_english)
    assert not found, "\n".join(map(str, found[:30]))


def test_every_quantity_in_imperial_french(french):
    found = imperial_leaks(french["imperial"])
    assert not found, "\n".join(map(str, found[:30]))
    assert any("\u00a0po" in s for s in french["imperial"]["vest pattern"])


def test_numbers_are_rounded_as_a_designer_reads_them(french, imperial_english):
    found = []
    for views in (*french.values(), imperial_english):
        for view, strings in views.items():
            for text in strings:
                if quoted(text) or "{" in text:
                    continue
                if re.search(r"\d[.,]\d{4,}", text) or text in ("None", "nan"):
                    found.append((view, text[:90]))
    assert not found, "\n".join(map(str, found[:30]))


def test_every_translation_is_used():
    unused = sorted(set(FR) - interface_strings() - SIZE_LABELS)
    assert not unused, f"translations of strings the page no longer shows: {unused}"


def test_refused_values_are_written_in_the_language_and_units():
    from packcalc.ui import messages
    from packcalc.ui.display import Fmt
    from packcalc.units import ureg

    f = Fmt("fr", "imperial")
    limit = ureg.Quantity(150, "cm").m_as("inch")  # 59.06 in
    text = messages.error("body.chest: expected a value of at most 150 cm, got 203.2 cm", f)
    assert (
        text
        == f"Tour de poitrine\u00a0: attendu au plus {limit:.1f}\u00a0po, reçu 80,0\u00a0po".replace(
            ".", ","
        )
    )
    gsm = "panels.back.areal_density: expected a value greater than 0 g/m², got -169.528737 g/m**2"
    shown = messages.error(gsm, f)
    assert shown.startswith("Grammage imposé (Panneau dorsal)") and "g/m" not in shown
    assert f"{ureg.Quantity(-169.528737, 'g/m**2').m_as('oz/yd**2'):.0f}" in shown.replace("−", "-")
    # A file's own path is kept for an upload; an unknown form keeps the English, marked.
    assert messages.error("options.back_height: expected x between 12 cm and 50 cm, got 400 cm",
                          f, in_file=True).startswith("options.back_height")  # fmt: skip
    assert "(message en anglais)" in messages.error("options: the girth does not close", f)
    # a value that is not a quantity: what was expected and what came, in French
    bad = "options.strap_width: expected a length like '8 cm', got 'banana cm'"
    shown = messages.error(bad, Fmt("fr", "metric"), in_file=True)
    assert shown == (
        "options.strap_width\u00a0: attendu\u00a0: une longueur, par exemple '8 cm'\u00a0; reçu 'banana cm'"
    )


def test_the_pocket_larger_than_its_panel_note_is_written_in_french():
    import dataclasses

    from packcalc.design import load_design
    from packcalc.estimator import estimate
    from packcalc.ui import messages
    from packcalc.ui.display import Fmt

    design = load_design("race-5l")
    pockets = tuple(
        dataclasses.replace(p, width_cm=60.0) if p.name == "back" else p for p in design.pockets
    )
    notes = [n for n in estimate(dataclasses.replace(design, pockets=pockets)).notes
             if "more than its panel" in n]  # fmt: skip
    assert len(notes) == 1
    shown = messages.note(notes[0], Fmt("fr", "metric"))
    assert shown.startswith("la poche dos mesure 60,0\u00a0cm en largeur")
    assert "27,3\u00a0cm" in shown
