"""The Compare A/B page: two kept designs' headline figures side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from packcalc.ui import results, session
from packcalc.ui.display import Fmt
from packcalc.ui.views import controls


def cell(kind: str, value: float, f: Fmt, sign: bool = False) -> str:
    """A headline figure in the display units, rounded as a designer reads it."""
    if kind == "share":
        return f.pct(value, sign=sign)
    if kind == "ratio":
        return f.num(value, 2, sign=sign)
    if kind == "count":
        return f.num(value, 0, sign=sign)
    if kind == "pressure":
        return f.num(value, 1, sign=sign)
    return f.number(kind, value, sign=sign)


def unit(kind: str, f: Fmt) -> str:
    if kind in ("share", "ratio", "count"):
        return ""
    if kind == "pressure":
        return "kPa"
    return f.unit(kind)


def page() -> None:
    f = session.fmt()
    st.title(f.t("Compare A/B"))
    kept = st.session_state.get("pc.compare", {})
    if "A" not in kept or "B" not in kept:
        st.info(
            f.t("Keep a design as A and another as B (buttons on the Vest page) to compare them.")
        )
        return
    draw(kept["A"], kept["B"], f)


def draw(a: dict, b: dict, f: Fmt) -> None:
    name_a = controls.design_name(a["design"], f, a["source"])
    name_b = controls.design_name(b["design"], f, b["source"])
    rows = []
    for row in results.compare_headlines(a["figures"], b["figures"]):
        label, kind = results.HEADLINE[row["key"]]
        shown_unit = unit(kind, f)
        rows.append(
            {
                f.t("figure"): f"{f.t(label)} [{shown_unit}]" if shown_unit else f.t(label),
                f"A{f.colon} {name_a}": cell(kind, row["a"], f),
                f"B{f.colon} {name_b}": cell(kind, row["b"], f),
                "B − A": cell(kind, row["delta"], f, sign=True),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="compare_table", width="stretch")
