"""The Made where page: the same design made in the Drôme or elsewhere, step by step.

Figures from :func:`packcalc.supply.compare` (cached per design and choice).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from packcalc.ui import compute, figures, messages, names, session
from packcalc.ui.display import Fmt
from packcalc.ui.views import controls, vest


def _set(name: str, key: str) -> None:
    st.session_state.setdefault("pc.where", {})[name] = st.session_state[key]


def page() -> None:
    f = session.fmt()
    controls.design_controls(f)
    design, error, key = session.design(compute.library())
    st.title(f.t("Made where"))
    vest.header(design, f)
    if error:
        st.error(f"{error} — {f.t('showing the last design that worked')}.")
    data = compute.footprint_data()
    places = list(data.places)
    chosen = st.session_state.setdefault(
        "pc.where",
        {"made_in": design.made_in if design.made_in in places else places[0], "air": 33},
    )
    cols = st.columns(3)
    k = session.key("made_in")
    cols[0].selectbox(
        f.t("Made in"),
        places,
        index=places.index(chosen["made_in"]),
        format_func=lambda p: names.place(p, f.lang),
        key=k,
        on_change=_set,
        args=("made_in", k),
    )
    others = [p for p in places if p != chosen["made_in"]]
    k = session.key("compare_places")
    compared = cols[1].multiselect(
        f.t("Compared with"),
        others,
        default=chosen.get("others", others),
        format_func=lambda p: names.place(p, f.lang),
        key=k,
        on_change=_set,
        args=("others", k),
    )
    k = session.key("air_share")
    cols[2].slider(
        f.label("Air share of the last leg", unit="%"),
        0,
        100,
        chosen["air"],
        key=k,
        on_change=_set,
        args=("air", k),
    )
    air = sorted({0.0, chosen["air"] / 100})
    result = compute.supply_chain(key, chosen["made_in"], tuple(compared), tuple(air), design)
    draw(result, chosen["made_in"], data.places, f)


def draw(result: dict, made_in: str, places: dict, f: Fmt) -> None:
    scenarios = result["scenarios"]
    home = places[made_in]["country"]
    labels = [
        messages.scenario(
            s["made_in"], s["air_share"], made_in if places[s["made_in"]]["country"] == home
            else "", f,
        )
        for s in scenarios
    ]  # fmt: skip
    rows = [
        {"scenario": label, "stage": f.t(messages.STAGES.get(stage, stage)), "co2e": grams,
         "order": order}
        for label, s in zip(labels, scenarios, strict=True)
        for order, (stage, grams) in enumerate(s["stages"].items())
        if grams
    ]  # fmt: skip
    spec = figures.footprint_spec(f)
    st.vega_lite_chart(pd.DataFrame(rows), spec, width="stretch", height=figures.chart_height(spec))
    per = f.t("per gram saved") if f.system == "metric" else f.t("per ounce saved")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    f.t("scenario"): label,
                    f.t("g CO2e"): f.num(s["co2e"], 0),
                    f.t("band"): f"{f.num(s['band'][0], 0)}–{f.num(s['band'][1], 0)}",
                    "€": f.num(s["cost"], 2),
                    f.t("lead time"): f.count(round(s["days"]), "day", "days"),
                    f"{f.t('g CO2e')} {per}": f.num(f.value("per_mass", s["per_gram"]), 2),
                }
                for label, s in zip(labels, scenarios, strict=True)
            ]
        ),
        hide_index=True,
        key="footprint_table",
        width="stretch",
    )
    st.caption(
        f.t(
            "Cradle to gate: from the fibre to the brand's warehouse, end of life not "
            "counted. g CO2e is the emission unit in every unit system; the band is P5–P95 "
            "over every factor's uncertainty."
        )
    )
    for label, s in zip(labels, scenarios, strict=True):
        with st.expander(f"{f.t('Supply chain')}{f.colon} {label}"):
            for step in s["steps"]:
                where = names.place(step["place"].split(" → ")[0], f.lang)
                name = f.t(messages.STEPS.get(step["name"], step["name"]))
                st.markdown(
                    f"- **{name}** ({where}){f.colon} "
                    f"{f.num(step['co2e'], 0)} {f.t('g CO2e')}, {f.num(step['cost'], 2)} €, "
                    f"{f.count(round(step['days']), 'day', 'days')} — "
                    f"{messages.step_detail(step['detail'], f)}"
                )
            for text in s["notes"]:
                st.caption(messages.note(text, f))
    st.download_button(
        f.t("Ecobalyse query (JSON)"),
        result["ecobalyse"],
        "ecobalyse-query.json",
        "application/json",
        key="download_ecobalyse",
        on_click="ignore",
    )
    with st.expander(f.t("Where the factors come from")):
        for record in compute.footprint_data().records:
            sources = record.get("source") or ""
            if isinstance(sources, list):
                sources = "; ".join(sources)  # citations, as the data files write them
            licence = record.get("licence") or f.t("assumption")
            st.markdown(f"- `{record['where']}` — {sources or f.t('no source')} ({licence})")
            if record.get("note"):
                note = (
                    record["note"]
                    if f.lang == "en"
                    else f"{f.t('(note in English)')} {record['note']}"
                )
                st.caption(note)
