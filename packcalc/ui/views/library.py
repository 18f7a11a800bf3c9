"""The Materials library page: every fibre, fabric, trim and load item, searchable, with
where each figure comes from."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from packcalc.library import record_as_dict
from packcalc.ui import compute, messages, names, results, session
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_

KINDS = {
    "fabrics": N_("Fabrics"),
    "fibres": N_("Fibres"),
    "trims": N_("Trims"),
    "items": N_("Load items"),
}
CONSTRUCTIONS = {
    "woven": N_("woven"),
    "coated-woven": N_("coated woven"),
    "laminate": N_("laminate"),
    "knit": N_("knit"),
    "warp-knit-mesh": N_("warp-knit mesh"),
    "spacer-mesh": N_("spacer mesh"),
}
TRIM_KINDS = {
    "zipper-chain": N_("zip chain"),
    "zipper-slider": N_("zip slider"),
    "cord": N_("cord"),
    "cord-lock": N_("cord lock"),
    "hook": N_("hook"),
    "buckle": N_("buckle"),
    "webbing": N_("webbing"),
    "binding": N_("binding"),
    "elastic": N_("elastic"),
    "thread": N_("thread"),
    "print": N_("print"),
    "seam-tape": N_("seam tape"),
    "label": N_("label"),
    "other": N_("other"),
}
CATEGORIES = {
    "water": N_("water"),
    "food": N_("food"),
    "safety": N_("safety"),
    "clothing": N_("clothing"),
    "electronics": N_("electronics"),
    "light": N_("light"),
    "other": N_("other"),
}
SHAPES = {"box": N_("box"), "cylinder": N_("cylinder")}
SHOWN_NAMES = {
    "fabrics": names.fabric,
    "fibres": names.fibre,
    "trims": names.trim,
    "items": names.item,
}


def _set(name: str, key: str) -> None:
    st.session_state.setdefault("pc.library", {})[name] = st.session_state[key]


def page() -> None:
    f = session.fmt()
    st.title(f.t("Materials library"))
    chosen = st.session_state.setdefault("pc.library", {"kind": "fabrics", "query": ""})
    kinds = list(KINDS)
    key = f"lib_kind.{f.lang}"
    kind = st.radio(
        f.t("Records"),
        kinds,
        index=kinds.index(chosen["kind"]),
        format_func=lambda k: f.t(KINDS[k]),
        horizontal=True,
        key=key,
        on_change=_set,
        args=("kind", key),
    )
    key = f"lib_search.{f.lang}"
    query = st.text_input(
        f.t("Search"),
        value=chosen["query"],
        key=key,
        placeholder=f.t("id, name, fibre, source…"),
        on_change=_set,
        args=("query", key),
    )
    rows = compute.library_rows(kind)
    shown_name = SHOWN_NAMES[kind]
    found = results.search_rows(rows, query, {r["id"]: shown_name(r["id"], f.lang) for r in rows})
    total = len(rows)
    st.caption(
        f.t(
            "{shown} of {total} records. Every figure has a source, or is flagged as an "
            "assumption with a note.",
            shown=len(found),
            total=total,
        )
    )
    st.dataframe(
        table(kind, found, f),
        hide_index=True,
        column_config={
            f.t("source"): st.column_config.TextColumn(f.t("source"), width="large"),
            f.t("assumption"): st.column_config.CheckboxColumn(f.t("assumption")),
        },
        key="lib_table",
        width="stretch",
    )
    if not found:
        return
    ids = [r["id"] for r in found]
    key = f"lib_detail.{f.lang}.{kind}"
    chosen_id = st.selectbox(
        f.t("Where do the figures come from?"),
        ids,
        format_func=lambda i: shown_name(i, f.lang),
        key=key,
    )
    detail(kind, chosen_id, f)


def _or_dash(value: Any, write: Any) -> str:
    return "—" if value is None else write(value)


def table(kind: str, rows: list[dict[str, Any]], f: Fmt) -> pd.DataFrame:
    """The records as the page shows them: names in the language, figures in the units,
    rounded; a dash where a figure does not apply."""
    out = []
    for r in rows:
        row: dict[str, Any] = {"id": r["id"], f.t("name"): SHOWN_NAMES[kind](r["id"], f.lang)}
        if kind == "fabrics":
            row[f.t("construction")] = f.t(CONSTRUCTIONS.get(r["construction"], r["construction"]))
            row[f.t("composition")] = ", ".join(
                f"{names.fibre(fibre, f.lang)} {f.pct(share)}"
                for fibre, share in r["composition"].items()
            )
            row[f.label("areal density", "areal")] = f.number("areal", r["areal_density_gsm"])
            row[f.label("thickness", unit="mm")] = _or_dash(
                r["thickness_mm"], lambda v: f.num(v, 2)
            )
            row[f.label("stretch, warp", unit="%")] = _or_dash(
                r["stretch_warp"], lambda v: f.num(v * 100, 0)
            )
            row[f.label("stretch, weft", unit="%")] = _or_dash(
                r["stretch_weft"], lambda v: f.num(v * 100, 0)
            )
        elif kind == "fibres":
            row[f.label("density", "density")] = f.number("density", r["density_g_cm3"])
            row[f.label("moisture regain", unit="%")] = f.num(r["moisture_regain"] * 100, 1)
            row[f.label("modulus", unit="GPa")] = _or_dash(r["modulus_gpa"], lambda v: f.num(v, 1))
        elif kind == "trims":
            row[f.t("kind")] = f.t(TRIM_KINDS.get(r["kind"], r["kind"]))
            row[f.label("mass a piece", "weight")] = _or_dash(
                r["mass_g"], lambda v: f.number("weight", v)
            )
            row[f.label("mass a length", "linear")] = _or_dash(
                r["linear_mass_g_m"], lambda v: f.number("linear", v)
            )
            row[f.label("mass an area", "areal")] = _or_dash(
                r["areal_mass_gsm"], lambda v: f.number("areal", v)
            )
        else:
            row[f.t("category")] = f.t(CATEGORIES.get(r["category"], r["category"]))
            row[f.label("mass", "weight")] = f.number("weight", r["mass_g"])
            row[f.label("volume", "pocket")] = f.number("pocket", r["volume_l"])
            row[f.t("shape")] = f.t(SHAPES.get(r["shape"], r["shape"]))
            row[f.t("rigid")] = f.t("yes") if r["rigid"] else f.t("no")
        row[f.t("name in the materials file")] = r["record_name"]
        row[f.t("assumption")] = r["assumption"]
        row[f.t("source")] = r["source"]
        out.append(row)
    return pd.DataFrame(out)


def detail(kind: str, record_id: str, f: Fmt) -> None:
    record = getattr(compute.library(), kind)[record_id]
    prov = record.provenance
    st.markdown(f"**{SHOWN_NAMES[kind](record_id, f.lang)}** (`{record_id}`)")
    st.caption(f"{f.t('name in the materials file')}{f.colon} {record.name}")
    for source in prov.sources:
        st.markdown(f"- {source}")
    if prov.assumption:
        which = messages.record_fields(prov.assumed_fields, f) or f.t("the whole record")
        note = prov.note if f.lang == "en" else f"{f.t('(note in English)')} {prov.note}"
        st.warning(f"{f.t('Assumption')} ({which}): {note}")
    with st.expander(f.t("All fields, as in the materials file")):
        st.json(record_as_dict(record))
