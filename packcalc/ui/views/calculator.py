"""The Areal-density calculator: a woven or a knit's construction gives its areal density
and its cover or tightness factor (:mod:`packcalc.textile`)."""

from __future__ import annotations

import streamlit as st

from packcalc import textile
from packcalc.ui import session, widgets
from packcalc.ui.display import FACTORS, Fmt, symbol
from packcalc.ui.i18n import N_

STORE = "pc.calc"
DEFAULTS = {
    "structure": "woven",
    "woven_ends": 65.0,
    "woven_picks": 65.0,
    "woven_warp_den": 20.0,
    "woven_weft_den": 20.0,
    "woven_warp_crimp": 0.0,
    "woven_weft_crimp": 0.0,
    "knit_courses": 22.0,
    "knit_wales": 16.0,
    "knit_loop": 2.0,
    "knit_tex": 7.8,
}
STRUCTURES = {"woven": N_("woven"), "knit": N_("knit")}


def _set_structure(key: str) -> None:
    st.session_state[STORE]["structure"] = st.session_state[key]


def page() -> None:
    f = session.fmt()
    st.title(f.t("Areal-density calculator"))
    values = st.session_state.setdefault(STORE, dict(DEFAULTS))
    key = f"calc_structure.{f.lang}"
    structure = st.radio(
        f.t("Structure"),
        list(STRUCTURES),
        index=list(STRUCTURES).index(values["structure"]),
        format_func=lambda s: f.t(STRUCTURES[s]),
        horizontal=True,
        key=key,
        on_change=_set_structure,
        args=(key,),
    )
    left, right = st.columns([2, 1])
    count_step = 0.5 if f.system == "metric" else 1.0
    with left:
        if structure == "woven":
            _slider(
                "woven_ends",
                f.label("Ends (warp)", "per_length"),
                "per_length",
                10,
                200,
                count_step,
                f,
            )
            _slider(
                "woven_picks",
                f.label("Picks (weft)", "per_length"),
                "per_length",
                10,
                200,
                count_step,
                f,
            )
            _slider("woven_warp_den", f.label("Warp yarn", unit="denier"), None, 5, 1000, 1, f, 0)
            _slider("woven_weft_den", f.label("Weft yarn", unit="denier"), None, 5, 1000, 1, f, 0)
            _slider("woven_warp_crimp", f.label("Warp crimp", unit="%"), None, 0, 20, 0.5, f)
            _slider("woven_weft_crimp", f.label("Weft crimp", unit="%"), None, 0, 20, 0.5, f)
        else:
            _slider(
                "knit_courses", f.label("Courses", "per_length"), "per_length", 5, 40, count_step, f
            )
            _slider(
                "knit_wales", f.label("Wales", "per_length"), "per_length", 5, 40, count_step, f
            )
            _slider("knit_loop", f.label("Loop length", unit="mm"), None, 1, 6, 0.05, f, 2)
            _slider("knit_tex", f.label("Yarn", unit="tex"), None, 1, 60, 0.1, f)
    with right:
        if structure == "woven":
            woven(values, f)
        else:
            knit(values, f)


def _slider(
    name: str,
    label: str,
    kind: str | None,
    low: float,
    high: float,
    step: float,
    f: Fmt,
    digits: int = 1,
) -> None:
    widgets.slider(name, label, kind, low, high, step, f, digits=digits, store=STORE)


def _density(gsm: float, f: Fmt) -> None:
    """Both units on purpose: fabric is sold by either."""
    st.metric(f.t("Areal density"), f"{f.num(gsm, 1)}{f.sp}g/m²")
    st.metric(
        f.t("Areal density (imperial)"),
        f"{f.num(gsm * FACTORS['areal'], 2)}{f.sp}{symbol('areal', 'imperial', f.lang)}",
    )


def woven(v: dict, f: Fmt) -> None:
    warp_tex = textile.denier_to_tex(v["woven_warp_den"])
    weft_tex = textile.denier_to_tex(v["woven_weft_den"])
    gsm = float(
        textile.woven_areal_density(
            v["woven_ends"],
            v["woven_picks"],
            warp_tex,
            weft_tex,
            v["woven_warp_crimp"] / 100,
            v["woven_weft_crimp"] / 100,
        )
    )
    _density(gsm, f)
    cover = (
        float(textile.woven_cover_factor(v["woven_ends"], warp_tex)),
        float(textile.woven_cover_factor(v["woven_picks"], weft_tex)),
    )
    st.metric(
        f.t("Cover factor warp + weft (tex system)"), f"{f.num(cover[0], 1)} + {f.num(cover[1], 1)}"
    )
    st.caption(
        "GSM = [EPC·Tt_warp·(1+c_warp) + PPC·Tt_weft·(1+c_weft)] / 10. "
        + f.t("Plain weave is easy to weave at K = 12 + 12 and jams near 16 + 16.")
    )


def knit(v: dict, f: Fmt) -> None:
    gsm = float(
        textile.knit_areal_density(
            v["knit_courses"], v["knit_wales"], v["knit_loop"], v["knit_tex"]
        )
    )
    tightness = float(textile.knit_tightness_factor(v["knit_tex"], v["knit_loop"]))
    _density(gsm, f)
    st.metric(f.t("Tightness factor"), f"{f.num(tightness, 2)}{f.sp}√tex/mm")
    st.caption(
        "GSM = CPC·WPC·l·Tt / 100; TF = √Tt / l. "
        + f.t("Plain single-jersey knits run at a tightness factor of 1.3 to 1.5.")
    )
