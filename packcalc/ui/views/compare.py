"""The Compare A/B page: two kept designs' headline figures side by side."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from packcalc.ui import names, results, session
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_
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
    if name_b == name_a:  # the same design edited: say how B stands apart
        n = len(results.design_differences(a["design"], b["design"]))
        changes = f.count(n, "difference", "differences")
        name_b += " " + (
            f.t("({changes} from A: see What differs)", changes=changes)
            if n
            else f.t("(the same as A)")
        )
    st.markdown(f"**A**{f.colon} {name_a}  \n**B**{f.colon} {name_b}")
    rows = []
    for row in results.compare_headlines(a["figures"], b["figures"]):
        label, kind = results.HEADLINE[row["key"]]
        shown_unit = unit(kind, f)
        shown_a, shown_b = cell(kind, row["a"], f), cell(kind, row["b"], f)
        rows.append(
            {
                f.t("figure"): f"{f.t(label)} [{shown_unit}]" if shown_unit else f.t(label),
                "A": shown_a,
                "B": shown_b,
                "B − A": _difference(kind, row, shown_a, shown_b, f),
            }
        )
    st.dataframe(
        pd.DataFrame(rows), hide_index=True, key="compare_table", width="stretch", height="content"
    )
    differences(a["design"], b["design"], f)


def _difference(kind: str, row: dict, shown_a: str, shown_b: str, f: Fmt) -> str:
    """B − A as the two shown figures differ (1058 → 1067: +9, not the +10 of the
    unrounded figures); "=" when they read the same."""
    if shown_a == shown_b:
        return "="
    if kind in ("share", "ratio", "count", "pressure"):
        return cell(kind, row["delta"], f, sign=True)
    digits = f.digits(kind)
    a, b = (round(f.value(kind, row[k]), digits) for k in ("a", "b"))
    return f.num(b - a, digits, sign=True)


def difference_rows(a: Any, b: Any, f: Fmt) -> list[tuple[str, str, str, str]]:
    """What B changes from A (:func:`packcalc.ui.results.design_differences`), in the
    page's words and units: (kind, what, A's value, B's value) per row."""
    from packcalc.pattern import OPTION_SPECS

    rows = []
    for d in results.design_differences(a, b):
        kind, _, rest = d["what"].partition(":")
        if kind == "option":
            what = f.label(OPTION_SPECS[rest].description.capitalize(), "length")
            va, vb = (f.number("length", v) if v is not None else "—" for v in (d["a"], d["b"]))
        elif kind == "panel":
            group, field = rest.split(":")
            what = f"{f.t(controls.GROUP_LABELS[group])}{f.colon} {f.t(PANEL_FIELDS[field])}"
            va, vb = (_panel_value(field, v, f) for v in (d["a"], d["b"]))
        elif kind == "size":
            what, va, vb = f.t("Size"), f.t(d["a"]), f.t(d["b"])
        elif kind == "pockets":
            what, va, vb = f.t("Pockets"), str(d["a"]), str(d["b"])
        else:
            what, va, vb = f.t("The load"), "", f.t("changed")
        rows.append((kind, what, va, vb))
    return rows


def differences(a: Any, b: Any, f: Fmt) -> None:
    """What B changes from A, in the page's units."""
    rows = [
        {f.t("what differs"): what, "A": va, "B": vb}
        for _, what, va, vb in difference_rows(a, b, f)
    ]
    st.subheader(f.t("What differs"))
    if not rows:
        st.caption(f.t("The two designs are the same."))
        return
    st.dataframe(
        pd.DataFrame(rows), hide_index=True, key="compare_differences", width="stretch",
        height="content",
    )  # fmt: skip


PANEL_FIELDS = {
    "fabric": N_("fabric"),
    "layers": N_("Layers"),
    "areal_density_gsm": N_("Areal density override"),
}


def _panel_value(field: str, value: Any, f: Fmt) -> str:
    if value is None:
        return "—"
    if field == "fabric":
        return names.fabric(value, f.lang)
    if field == "areal_density_gsm":
        return f.q("areal", float(value))
    return str(value)
