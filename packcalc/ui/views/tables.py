"""The design's editable tables: pockets, trims and the load.

Each editor shows its canonical table (metric) converted to the chosen units, with the
units in the translated column labels and ids shown by their names. An edit is written
into the canonical table at the start of the next run
(:func:`packcalc.ui.session.commit_table_edits`), and the editor is made anew from it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from packcalc.capacity import POCKET_SHAPES
from packcalc.design import CLOSURES, POCKET_LOCATIONS
from packcalc.library import ITEM_SHAPES
from packcalc.ui import compute, names, session, state, widgets
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_

LOCATIONS = {
    "front-left": N_("front, left"),
    "front-right": N_("front, right"),
    "back": N_("back"),
    "side-left": N_("side, left"),
    "side-right": N_("side, right"),
    "hip-left": N_("hip, left"),
    "hip-right": N_("hip, right"),
}
CLOSURE_WORDS = {
    "none": N_("none"),
    "elastic": N_("elastic"),
    "zip": N_("zip"),
    "drawcord": N_("drawcord"),
    "hook": N_("hook"),
}
SHAPE_WORDS = {
    "patch": N_("patch"),
    "tube": N_("tube"),
    "box": N_("box"),
    "cylinder": N_("cylinder"),
}


def _blank_none(name: Any) -> Any:
    """A cell's choice as shown: blank for no choice (a new row, an item not pinned)."""
    return lambda value: "" if state.is_blank(value) else name(value)


def _figure(f: Fmt, label: str, kind: str | None = None) -> Any:
    """A column of figures, written as text in the display units (a blank stays blank)."""
    return st.column_config.TextColumn(
        f.label(label, kind) if kind and kind != "pieces" else f.t(label),
        validate=r"^\s*[-−]?[0-9\s]*([.,][0-9]*)?\s*$",
    )


def editors(f: Fmt) -> None:
    """The pockets, trims and load tables, and the load list."""
    library = compute.library()
    tables = session.tables()
    pockets = [str(n) for n in tables["pockets"]["name"].dropna().tolist()]
    st.subheader(f.t("Pockets"))
    _editor("pockets", tables, _pocket_columns(f, library), f)
    st.subheader(f.t("Trims"))
    _editor("trims", tables, _trim_columns(f, library), f)
    st.subheader(f.t("The load"))
    widgets.select(
        "load_list",
        f.t("Load list"),
        [state.LOAD_NONE, *library.loadlists],
        lambda i: f.t("(none)") if i == state.LOAD_NONE else names.loadlist(i, f.lang),
    )
    left, right = st.columns([2, 3])
    with left:
        st.caption(f.t("More library items"))
        _editor("load_items", tables, _item_columns(f, library, pockets), f)
    with right:
        st.caption(f.t("Your own items"))
        _editor("load_custom", tables, _custom_columns(f, pockets), f)


def _editor(name: str, tables: dict[str, Any], columns: dict[str, Any], f: Fmt) -> None:
    """One table in the display units, pocket names in the language; rows can be added."""
    table = state.display_table(tables[name], name, f)
    if name == "pockets":
        table["name"] = table["name"].map(
            lambda n: names.pocket(n, f.lang) if isinstance(n, str) else n
        )
    st.data_editor(
        table,
        num_rows="dynamic",
        key=session.table_key(name),
        hide_index=True,
        column_config=columns,
    )


def _pocket_columns(f: Fmt, library: Any) -> dict[str, Any]:
    return {
        "name": st.column_config.TextColumn(f.t("name")),
        "location": st.column_config.SelectboxColumn(
            f.t("place"),
            options=list(POCKET_LOCATIONS),
            required=True,
            format_func=_blank_none(lambda v: f.t(LOCATIONS.get(v, v))),
        ),
        "width_cm": _figure(f, "width", "length"),
        "height_cm": _figure(f, "height", "length"),
        "gusset_cm": _figure(f, "gusset", "length"),
        "fabric": st.column_config.SelectboxColumn(
            f.t("fabric"),
            options=list(library.fabrics),
            required=True,
            format_func=_blank_none(lambda v: names.fabric(v, f.lang)),
        ),
        "closure": st.column_config.SelectboxColumn(
            f.t("closure"),
            options=list(CLOSURES),
            format_func=_blank_none(lambda v: f.t(CLOSURE_WORDS.get(v, v))),
        ),
        "reachable": st.column_config.CheckboxColumn(f.t("reach while running")),
        "shape": st.column_config.SelectboxColumn(
            f.t("shape"),
            options=list(POCKET_SHAPES),
            format_func=_blank_none(lambda v: f.t(SHAPE_WORDS.get(v, v))),
        ),
    }


def _trim_columns(f: Fmt, library: Any) -> dict[str, Any]:
    return {
        "trim": st.column_config.SelectboxColumn(
            f.t("trim"),
            options=list(library.trims),
            required=True,
            format_func=_blank_none(lambda v: names.trim(v, f.lang)),
        ),
        "quantity": _figure(f, "pieces", "pieces"),
        "length_cm": _figure(f, "length", "length"),
        "area_cm2": _figure(f, "area", "area"),
    }


def _pinned_to(f: Fmt, pockets: list[str]) -> Any:
    return st.column_config.SelectboxColumn(
        f.t("pinned to"),
        options=pockets,
        format_func=_blank_none(lambda p: names.pocket(p, f.lang)),
        help=f.t("Pin: the item goes in this pocket"),
    )


def _item_columns(f: Fmt, library: Any, pockets: list[str]) -> dict[str, Any]:
    return {
        "item": st.column_config.SelectboxColumn(
            f.t("item"),
            options=list(library.items),
            required=True,
            format_func=_blank_none(lambda v: names.item(v, f.lang)),
        ),
        "quantity": _figure(f, "quantity", "pieces"),
        "pocket": _pinned_to(f, pockets),
    }


def _custom_columns(f: Fmt, pockets: list[str]) -> dict[str, Any]:
    return {
        "name": st.column_config.TextColumn(f.t("name")),
        "mass_g": _figure(f, "mass", "weight"),
        "volume_l": _figure(f, "volume", "pocket"),
        "shape": st.column_config.SelectboxColumn(
            f.t("shape"),
            options=list(ITEM_SHAPES),
            format_func=_blank_none(lambda v: f.t(SHAPE_WORDS.get(v, v))),
        ),
        "length_cm": _figure(f, "length", "length"),
        "width_cm": _figure(f, "width", "length"),
        "height_cm": _figure(f, "height", "length"),
        "diameter_cm": _figure(f, "diameter", "length"),
        "rigid": st.column_config.CheckboxColumn(f.t("rigid")),
        "reach": st.column_config.CheckboxColumn(f.t("reach while running")),
        "pocket": _pinned_to(f, pockets),
    }
