"""The Explore page: which parameter to work on first, and the lightest design for a brief.

The sensitivity comes from :func:`packcalc.batch.sensitivity` (cached per design); the
search from :func:`packcalc.optimise.optimise` (NSGA-II), run when asked.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from packcalc.batch import OPTION_ALIASES, OUTPUTS, apply, candidate_fabrics
from packcalc.design import PANEL_GROUPS, Design
from packcalc.errors import PackcalcError
from packcalc.optimise import Brief, optimise
from packcalc.pattern import OPTION_SPECS
from packcalc.ui import compute, figures, messages, names, session
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_
from packcalc.ui.views import compare, controls, vest

NO_EFFECT_G = 0.05  # [g] a ±10 % change that moves the weight less than this moves nothing
GSM_WORDS = {
    "back": N_("areal density of the back panel"),
    "strap": N_("areal density of the straps"),
    "front": N_("areal density of the front panels"),
    "wing": N_("areal density of the side wings"),
}
BRIEF_DEFAULTS = {
    "capacity": 5.0, "packed": 0.5, "samples": 10000, "any_fabric": False, "locks": [],
}  # fmt: skip


def parameter_name(path: str, f: Fmt) -> str:
    """A parameter path of :mod:`packcalc.batch` in the designer's words."""
    option = OPTION_ALIASES.get(path)
    if option:
        return f.t(OPTION_SPECS[option].description.capitalize())
    kind, _, group = path.partition(".")
    if kind == "gsm":
        return f.t(GSM_WORDS[group]).capitalize()
    if path == "pocket.scale":
        return f.t("Pocket size (width and height)")
    if path == "pressure":
        return f.t("Squeeze pressure")
    return path


def parameter_value(path: str, value: float, f: Fmt) -> str:
    if path in OPTION_ALIASES:
        return f.q("length", value)
    if path.startswith("gsm."):
        return f.q("areal", value)
    if path == "pressure":
        return f"{f.num(value, 1)}{f.sp}kPa"
    return f"×{f.num(value, 2)}"


def page() -> None:
    f = session.fmt()
    design, key = vest.page_head(N_("Explore"), f)
    sensitivity(design, key, f)
    brief(design, f)


def sensitivity(design: Design, key: str, f: Fmt) -> None:
    st.subheader(f.t("Which parameter to work on first"))
    rows = compute.sensitivity(key, design)
    effective = [r for r in rows if abs(r["weight_g_high"] - r["weight_g_low"]) >= NO_EFFECT_G]
    idle = [r for r in rows if r not in effective]
    base = compute.vest(key, design)["weight"]
    bars = pd.DataFrame(
        [
            {
                "parameter": parameter_name(r["parameter"], f),
                "step": f.t(label),
                "change": round(f.value("weight", r[f"weight_g_{end}"] - base), 4),
            }
            for r in effective
            for label, end in (("−10 %", "low"), ("+10 %", "high"))
        ]
    )
    spec = figures.tornado_spec(f, len(effective))
    st.vega_lite_chart(bars, spec, width="stretch", height=figures.chart_height(spec))
    if idle:
        st.caption(
            f.t(
                "No effect on the weight: {names}.",
                names=", ".join(parameter_name(r["parameter"], f).lower() for r in idle),
            )
            + (
                " " + f.t("The squeeze pressure changes the packed volume only.")
                if any(r["parameter"] == "pressure" for r in idle)
                else ""
            )
        )
    delta_digits = {
        "weight": 1 if f.system == "metric" else 2,
        "packed": 3 if f.system == "metric" else 1,
        "capacity": 2 if f.system == "metric" else 0,
    }

    def delta(kind: str, value: float) -> str:
        shown = f.num(f.value(kind, value), delta_digits[kind], sign=True)
        return "0" if shown.lstrip("+−") == f.num(0, delta_digits[kind]) else shown

    base_packed = compute.vest(key, design)["packed"]
    base_capacity = compute.vest(key, design)["fit"]["nominal"]
    table = pd.DataFrame(
        [
            {
                f.t("parameter"): parameter_name(r["parameter"], f) + ("" if r["valid"] else " *"),
                f.t("value"): parameter_value(r["parameter"], r["value"], f),
                f.label("weight, −10 %", "weight"): delta("weight", r["weight_g_low"] - base),
                f.label("weight, +10 %", "weight"): delta("weight", r["weight_g_high"] - base),
                f.t("elasticity"): f.num(r["weight_elasticity"], 2),
                f.label("packed volume, +10 %", "packed"): delta(
                    "packed", r["packed_volume_l_high"] - base_packed
                ),
                f.label("nominal capacity, +10 %", "capacity"): delta(
                    "capacity", r["capacity_nominal_l_high"] - base_capacity
                ),
            }
            for r in effective
        ]
    )
    st.dataframe(table, hide_index=True, key="sensitivity_table", width="stretch")
    if not all(r["valid"] for r in effective):
        note = f.t(
            "* ±10 % of this parameter leaves the limits of the draft: its figures extrapolate."
        )
        st.caption("\\" + note)  # a leading * would start a markdown list
    st.caption(
        f.t(
            "Elasticity: the weight's relative change over the parameter's (1: the weight "
            "follows the parameter in proportion). Changes are against the design's "
            "{weight}.",
            weight=f.q("weight", base),
        )
    )


def _brief() -> dict[str, Any]:
    s = st.session_state
    if "pc.brief" not in s:
        s["pc.brief"] = dict(BRIEF_DEFAULTS)
    return s["pc.brief"]


def _set(name: str, key: str, kind: str | None) -> None:
    value = st.session_state[key]
    if kind is not None and value is not None:
        value = session.fmt().metric(kind, float(value))
    _brief()[name] = value


def brief(design: Design, f: Fmt) -> None:
    library = compute.library()
    st.subheader(f.t("The lightest design that meets a brief"))
    wanted = _brief()
    cols = st.columns(4)
    key = session.key("brief_capacity")
    cols[0].number_input(
        f.label("Nominal capacity at least", "capacity"),
        min_value=0.0,
        value=f.value("capacity", wanted["capacity"]),
        step=0.5 if f.system == "metric" else 10.0,
        format=f"%.{f.digits('capacity')}f",
        key=key,
        on_change=_set,
        args=("capacity", key, "capacity"),
    )
    key = session.key("brief_packed")
    cols[1].number_input(
        f.label("Packed volume at most", "packed"),
        min_value=0.0,
        value=f.value("packed", wanted["packed"]),
        step=0.05 if f.system == "metric" else 1.0,
        format=f"%.{f.digits('packed')}f",
        key=key,
        on_change=_set,
        args=("packed", key, "packed"),
    )
    key = session.key("brief_samples")
    cols[2].select_slider(
        f.t("Designs evaluated"),
        [2000, 10000, 20000],
        value=wanted["samples"],
        key=key,
        on_change=_set,
        args=("samples", key, None),
    )
    key = session.key("brief_any_fabric")
    cols[3].checkbox(
        f.t("Any fabric on load-bearing panels"),
        value=wanted["any_fabric"],
        key=key,
        on_change=_set,
        args=("any_fabric", key, None),
    )
    lockable = [*OPTION_ALIASES, "pocket.scale"]
    key = session.key("brief_locks")
    locks = st.multiselect(
        f.t("Keep as they are (locks)"),
        lockable,
        default=wanted["locks"],
        format_func=lambda p: parameter_name(p, f),
        placeholder=f.t("Choose…"),
        key=key,
        on_change=_set,
        args=("locks", key, None),
    )
    choices = candidate_fabrics(design, library)
    with st.expander(f.t("Fabrics each panel group may take")):
        allowed = {
            group: st.multiselect(
                f.t(controls.GROUP_LABELS[group]),
                list(library.fabrics),
                default=choices[group],
                format_func=lambda fid: names.fabric(fid, f.lang),
                placeholder=f.t("Choose…"),
                key=session.key(f"brief_fabrics_{group}"),
            )
            for group in PANEL_GROUPS
        }
    if st.button(f.t("Search"), key="brief_search"):
        bar = st.progress(0.0, text=f.t("Searching…"))
        try:
            best = optimise(
                design,
                Brief(
                    capacity_min_l=wanted["capacity"] or None,
                    packed_max_l=wanted["packed"],
                    any_fabric=bool(wanted["any_fabric"]),
                ),
                library,
                fabrics={g: v for g, v in allowed.items() if v} or None,
                locks=locks,
                samples=int(wanted["samples"]),
                progress=lambda done, total: bar.progress(done / total, text=f.t("Searching…")),
            )
            st.session_state["pc.explore"] = best
            st.session_state["pc.explore_base"] = design
        except PackcalcError as exc:
            st.session_state["pc.explore"] = None
            st.error(str(exc))
        bar.empty()
    result(f)


def result(f: Fmt) -> None:
    best = st.session_state.get("pc.explore")
    if best is None:
        return
    limiting = [messages.constraint(c.name, f) for c in best.constraints if c.active]
    st.success(
        f.t(
            "Lightest: {weight} · nominal capacity {capacity} · packed {packed} · {kit} · "
            "limiting: {limiting}",
            weight=f.q("weight", best.weight_g),
            capacity=f.q("capacity", best.capacity_nominal_l),
            packed=f.q("packed", best.packed_volume_l),
            kit=f.t("the kit fits") if best.kit_fits else f.t("the kit does not fit"),
            limiting=", ".join(limiting) or f.t("none"),
        )
    )
    kinds = {"L": "capacity", "cm": "length", "kPa": None}

    def shown(value: float, unit: str, name: str = "") -> str:
        kind = "packed" if name == "packed volume" else kinds.get(unit)  # as the headline
        if kind:
            return f.q(kind, value)
        return f"{f.num(value, 2)}{f.sp}{unit}".strip()

    st.dataframe(
        pd.DataFrame(
            [
                {
                    f.t("constraint"): messages.constraint(c.name, f),
                    f.t("value"): shown(c.value, c.unit, c.name),
                    f.t("limit"): f"{'≤' if c.upper else '≥'} {shown(c.limit, c.unit, c.name)}",
                    f.t("limiting"): "●" if c.active else "",
                }
                for c in best.constraints
            ]
        ),
        hide_index=True,
        key="constraints_table",
        width="stretch",
    )
    changes = changed_parameters(st.session_state["pc.explore_base"], best.design, f)
    if changes:
        st.caption(f.t("What the search changed in the design:"))
        st.dataframe(
            pd.DataFrame(changes), hide_index=True, key="changes_table", width="stretch",
            height="content",
        )  # fmt: skip
    for text in best.notes:
        st.caption(messages.note(text, f))
    st.button(f.t("Load the lightest design"), key="load_optimum", on_click=_load_optimum)
    front = pd.DataFrame(
        {
            "weight": f.value("weight", np.asarray(best.front["weight_g"])),
            "capacity": f.value("capacity", np.asarray(best.front["capacity_nominal_l"])),
            "packed": f.value("packed", np.asarray(best.front["packed_volume_l"])),
        }
    )
    front["row"] = range(len(front))
    st.vega_lite_chart(
        front,
        figures.pareto_spec(f),
        width="stretch",
        height=figures.chart_height(figures.pareto_spec(f)),
        on_select=_on_pick,
        key="pareto",
    )


def changed_parameters(base: Any, found: Any, f: Fmt) -> list[dict[str, str]]:
    """What the optimiser changed (:func:`compare.difference_rows`), the pockets as the
    one scale it puts on all of them: one row each, the design's value and the one found."""
    rows = [row[1:] for row in compare.difference_rows(base, found, f) if row[0] != "pockets"]
    if base.pockets and found.pockets:
        scale = found.pockets[0].width_cm / base.pockets[0].width_cm
        if abs(scale - 1.0) >= 0.005:
            rows.append((parameter_name("pocket.scale", f), "×1", f"×{f.num(scale, 2)}"))
    return [
        {f.t("parameter"): what, f.t("design"): before, f.t("lightest"): after}
        for what, before, after in rows
    ]


def _load_optimum() -> None:
    best = st.session_state["pc.explore"]
    base = st.session_state["pc.explore_base"]
    session.replace_design(best.design, ("optimiser", base.name))


def _on_pick() -> None:
    """A click on the trade-off front loads that design."""
    picked = st.session_state["pareto"].selection.get("pick") or []
    if not picked or "row" not in picked[0]:
        return
    row = int(picked[0]["row"])
    front = st.session_state["pc.explore"].front
    base = st.session_state["pc.explore_base"]
    values = {k: front[k][row] for k in front if k not in OUTPUTS}
    session.replace_design(apply(base, values, compute.library()), ("front", base.name))
