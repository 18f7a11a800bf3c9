"""The Made where page: the whole footprint of the design, cradle to gate, stage by stage
and place by place, made in the Drôme or elsewhere, or along whole supply chains.

Figures from :func:`packcalc.ui.results.supply_chain` (cached per design and choice).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from packcalc.footprint_data import AS_SOURCED, STAGES
from packcalc.ui import compute, figures, messages, names, session
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_
from packcalc.ui.views import vest

MODES = {"places": N_("places"), "chains": N_("supply chains")}
OWN_DEFAULT = {
    "fibre": AS_SOURCED,
    "spinning": AS_SOURCED,
    "forming": AS_SOURCED,
    "dyeing": AS_SOURCED,
    "finishing": AS_SOURCED,
    "making": "FR-Drome",
}
ATTRIBUTION = N_(
    "Process energies: Carbonfact, textile LCA database (CC BY-SA 4.0). Electricity: "
    "Ember, Yearly Electricity Data (CC BY 4.0). Heat mixes, distances and the making "
    "energy: Ecobalyse (MIT). Fibres: published life-cycle studies and the UK government's "
    "conversion factors (Open Government Licence), each under «Where the factors come from»."
)


def _set(name: str, key: str) -> None:
    st.session_state.setdefault("pc.where", {})[name] = st.session_state[key]


def _set_own(stage: str, key: str) -> None:
    st.session_state["pc.where"]["own_places"][stage] = st.session_state[key]


def page() -> None:
    f = session.fmt()
    design, key = vest.page_head(N_("Made where"), f)
    data = compute.footprint_data()
    chosen = _chosen(design, data)
    k = session.key("where_mode")
    st.radio(
        f.t("Compare"),
        list(MODES),
        index=list(MODES).index(chosen["mode"]),
        format_func=lambda m: f.t(MODES[m]),
        horizontal=True,
        key=k,
        on_change=_set,
        args=("mode", k),
    )
    air = tuple(sorted({0.0, chosen["air"] / 100}))
    if chosen["mode"] == "places":
        compared = _place_controls(chosen, data, f)
        result = compute.supply_chain(key, chosen["made_in"], tuple(compared), air, design)
        labels = _place_labels(result["scenarios"], chosen["made_in"], data.places, f)
    else:
        chains, own = _chain_controls(chosen, data, f)
        result = compute.supply_chain(key, chosen["made_in"], (), air, design, tuple(chains), own)
        labels = [
            names.chain(s["chain"], f.lang, data.chains.get(s["chain"], {}).get("name", ""))
            for s in result["scenarios"]
        ]
    if not result["scenarios"]:
        st.info(f.t("Choose at least one supply chain."))
        return
    draw(result, labels, chosen, f)


def _chosen(design: Any, data: Any) -> dict[str, Any]:
    """The page's choices, kept in the session (not in widget keys)."""
    places = list(data.places)
    chosen = st.session_state.setdefault("pc.where", {})
    chosen.setdefault("made_in", design.made_in if design.made_in in places else places[0])
    chosen.setdefault("air", 33)
    chosen.setdefault("mode", "places")
    chosen.setdefault("chains", [c for c in data.chains if c != "custom"])
    chosen.setdefault("own", False)
    chosen.setdefault("own_places", dict(OWN_DEFAULT))
    chosen.setdefault("own_air", 0)
    return chosen


def _place_controls(chosen: dict[str, Any], data: Any, f: Fmt) -> list[str]:
    places = list(data.places)
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
        help=f.t("Where the vest is sewn; every fabric is made where its record says."),
    )
    others = [p for p in places if p != chosen["made_in"]]
    k = session.key("compare_places")
    compared = cols[1].multiselect(
        f.t("Compared with"),
        others,
        default=[p for p in chosen.get("others", others) if p in others],
        format_func=lambda p: names.place(p, f.lang),
        placeholder=f.t("Choose…"),
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
    return compared


def _chain_controls(
    chosen: dict[str, Any], data: Any, f: Fmt
) -> tuple[list[str], tuple[tuple[str, Any], ...]]:
    """The named chains compared, and the designer's own (a place for every stage)."""
    named = [c for c in data.chains if c != "custom"]
    k = session.key("chains")
    chains = st.multiselect(
        f.t("Supply chains"),
        named,
        default=[c for c in chosen["chains"] if c in named],
        format_func=lambda c: names.chain(c, f.lang, data.chains[c].get("name", "")),
        placeholder=f.t("Choose…"),
        key=k,
        on_change=_set,
        args=("chains", k),
    )
    k = session.key("own_chain")
    st.toggle(
        f.t("Add your own chain: a place for every stage"),
        chosen["own"],
        key=k,
        on_change=_set,
        args=("own", k),
    )
    if not chosen["own"]:
        return chains, ()
    fabric_places = [AS_SOURCED, *[c for c in data.grid if c != "WORLD"]]
    making_places = [*data.places, *[c for c in data.countries if c not in data.places]]
    cols = [*st.columns(4), *st.columns(4)]
    for col, stage in zip(cols, STAGES, strict=False):
        options = making_places if stage == "making" else fabric_places
        current = chosen["own_places"].get(stage, OWN_DEFAULT[stage])
        k = session.key(f"own.{stage}")
        col.selectbox(
            f.t(messages.STAGES[stage]),
            options,
            index=options.index(current) if current in options else 0,
            format_func=lambda p: f.t("as sourced") if p == AS_SOURCED else names.place(p, f.lang),
            key=k,
            on_change=_set_own,
            args=(stage, k),
        )
    k = session.key("own_air")
    cols[len(STAGES)].number_input(
        f.label("by air", unit="%"), 0, 100, chosen["own_air"], 5, key=k,
        on_change=_set, args=("own_air", k),
    )  # fmt: skip
    own = {**OWN_DEFAULT, **chosen["own_places"]}
    pairs = (
        *own.items(),
        ("fallback", "drome-asian-fabric"),
        ("air_share", chosen["own_air"] / 100),
    )
    return chains, tuple(pairs)


def _place_labels(scenarios: list[dict], made_in: str, places: dict, f: Fmt) -> list[str]:
    home = places[made_in]["country"]
    return [
        messages.scenario(
            s["made_in"], s["air_share"], made_in if places[s["made_in"]]["country"] == home
            else "", f,
        )
        for s in scenarios
    ]  # fmt: skip


def draw(result: dict, labels: list[str], chosen: dict[str, Any], f: Fmt) -> None:
    scenarios = result["scenarios"]
    stacked(scenarios, labels, f)
    summary(scenarios, labels, f)
    if result["untraced"] and len(result["untraced"]) == len(result["fabrics"]):
        st.caption(
            f.t(
                "None of the design's fabrics names its mill: «as sourced» takes them "
                "along the typical Asian chain (yarn from China, knitting, dyeing and "
                "finishing in Taiwan), the same as «Made in the Drôme from Asian fabric»."
            )
        )
    elif result["untraced"]:
        st.caption(
            f.t(
                "{n} of the design's {m} fabrics name no mill: «as sourced» takes them "
                "along the typical Asian chain (yarn from China, knitting, dyeing and "
                "finishing in Taiwan), the same as «Made in the Drôme from Asian fabric».",
                n=len(result["untraced"]),
                m=len(result["fabrics"]),
            )
        )
    st.caption(
        f.t(
            "Cradle to gate: from the fibre to the brand's warehouse, end of life not "
            "counted. g CO2e is the emission unit in every unit system; the band is P5–P95 "
            "over every factor's uncertainty."
        )
        + " "
        + f.t(ATTRIBUTION)
    )
    if len(scenarios) > 1:
        waterfall(result, labels, chosen, f)
    for label, s in zip(labels, scenarios, strict=True):
        with st.expander(f"{f.t('Stage by stage')}{f.colon} {label}"):
            stage_table(s, f)
    st.download_button(
        f.t("Ecobalyse query (JSON)"),
        result["ecobalyse"],
        "ecobalyse-query.json",
        "application/json",
        key="download_ecobalyse",
        on_click="ignore",
        help=f.t(
            "The first row of the table ({label}) as a query of Ecobalyse's textile "
            "simulator, to check it on their site.",
            label=labels[0],
        ),
    )
    factor_sources(f)


def stacked(scenarios: list[dict], labels: list[str], f: Fmt) -> None:
    rows = [
        {"scenario": label, "stage": f.t(messages.STAGES.get(stage, stage)), "co2e": grams,
         "order": order}
        for label, s in zip(labels, scenarios, strict=True)
        for order, (stage, grams) in enumerate(s["stages"].items())
        if grams
    ]  # fmt: skip
    spec = figures.footprint_spec(f, len(scenarios))
    st.vega_lite_chart(pd.DataFrame(rows), spec, width="stretch", height=figures.chart_height(spec))


def summary(scenarios: list[dict], labels: list[str], f: Fmt) -> None:
    per = f.t("per gram saved") if f.system == "metric" else f.t("per ounce saved")
    saved = f"{f.t('g CO2e')} {per}"
    per_mass = (
        f.t("kg CO2e per kg of vest") if f.system == "metric" else f.t("lb CO2e per lb of vest")
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    f.t("scenario"): label,
                    f.t("g CO2e"): f.num(s["co2e"], 0),
                    f.t("band"): f"{f.num(s['band'][0], 0)}–{f.num(s['band'][1], 0)}",
                    per_mass: f.num(s["per_kg"], 1),
                    f.t("primary energy [MJ]"): ("≥ " if s["energy_left_out"] else "")
                    + f.num(s["energy"], 0),
                    "€": f.num(s["cost"], 2),
                    f.t("lead time"): f.count(round(s["days"]), "day", "days"),
                    saved: f.num(
                        f.value("per_mass", s["per_gram"]), 1 if f.system == "metric" else 0
                    ),
                }
                for label, s in zip(labels, scenarios, strict=True)
            ]
        ),
        hide_index=True,
        key="footprint_table",
        width="stretch",
        column_config={
            saved: st.column_config.TextColumn(
                help=f.t(
                    "What one gram less of vest saves: the materials' stages per gram of "
                    "fabric and trims (the making and the packaging do not change)."
                )
            )
        },
    )
    st.caption(
        f.t(
            "€: fabric and trims at placeholder prices (no published price list was found) "
            "and the labour where the vest is sewn; freight is not costed, so a share flown "
            "costs the same as shipping."
        )
    )
    left_out = sorted({fibre for s in scenarios for fibre in s["energy_left_out"]})
    if left_out:
        fibres = ", ".join(names.fibre(x, f.lang) for x in left_out)
        st.caption(
            f.t(
                "≥: the primary energy leaves out producing {fibres}, which no open source "
                "gives; its CO2e is counted.",
                fibres=fibres,
            )
            if len(left_out) == 1
            else f.t(
                "≥: the primary energy leaves out producing {fibres}, which no open source "
                "gives; their CO2e is counted.",
                fibres=fibres,
            )
        )


def waterfall(result: dict, labels: list[str], chosen: dict[str, Any], f: Fmt) -> None:
    """From one scenario to another, stage by stage; and what the first one's total
    depends on most."""
    st.subheader(f.t("From one to the other"))
    indices = list(range(len(labels)))
    totals = [s["co2e"] for s in result["scenarios"]]
    farthest = max(indices[1:], key=lambda i: abs(totals[i] - totals[0]))
    cols = st.columns(2)
    picks = []
    for col, name, default in zip(cols, ("from", "to"), (0, farthest), strict=True):
        k = session.key(f"where_{name}.{len(labels)}")
        current = chosen.get(name, default)
        picks.append(
            col.selectbox(
                f.t("From") if name == "from" else f.t("To"),
                indices,
                index=current if current < len(labels) else default,
                format_func=lambda i: labels[i],
                key=k,
                on_change=_set,
                args=(name, k),
            )
        )
    a, b = picks
    if a == b:
        st.info(f.t("Choose two different scenarios."))
    else:
        scenarios = result["scenarios"]
        changes = [
            (f.t(messages.STAGES.get(row["stage"], row["stage"])), row["change"])
            for row in result["waterfalls"][f"{a}>{b}"]
            if round(row["change"])
        ]
        if not changes:
            st.info(f.t("The two are the same, stage by stage."))
            sensitivity(scenarios[a], labels[a], f)
            return
        rows = figures.waterfall_rows(
            (labels[a], scenarios[a]["co2e"]), (labels[b], scenarios[b]["co2e"]), changes
        )
        spec = figures.waterfall_spec(f, len(rows))
        st.vega_lite_chart(
            pd.DataFrame(rows), spec, width="stretch", height=figures.chart_height(spec)
        )
        st.caption(
            f.t(
                "From {a} to {b}: {change} g CO2e; stages that change by less than a gram "
                "are left out.",
                a=labels[a],
                b=labels[b],
                change=f.num(
                    round(scenarios[b]["co2e"]) - round(scenarios[a]["co2e"]), 0, sign=True
                ),
            )
        )
    sensitivity(result["scenarios"][a], labels[a], f)


def sensitivity(s: dict, label: str, f: Fmt) -> None:
    st.subheader(f.t("What the total depends on"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    f.t("factor"): messages.factor(row["factor"], f),
                    f.t("its uncertainty (1 σ)"): f"±{f.pct(row['sigma'])}",
                    f.t("moves the total by (g CO2e)"): f"±{f.num(row['swing'], 0)}",
                }
                for row in s["sensitivity"]
            ]
        ),
        hide_index=True,
        key="footprint_sensitivity",
        width="stretch",
    )
    st.caption(
        f.t(
            "For {scenario}: the ten factors whose own uncertainty moves the total most.",
            scenario=label,
        )
    )


def stage_table(s: dict, f: Fmt) -> None:
    """A scenario's stages at their places, its three buyer's steps and its notes."""
    st.dataframe(
        pd.DataFrame(
            [
                {
                    f.t("stage"): f.t(messages.STAGES.get(row["stage"], row["stage"])),
                    f.t("place"): " → ".join(
                        names.place(p, f.lang) for p in row["place"].split(" → ")
                    ),
                    f.t("g CO2e"): f.num(row["co2e"], 0),
                    "MJ": f.num(row["energy"], 1),
                    f.t("source"): row["source"],
                }
                for row in s["by_place"]
            ]
        ),
        hide_index=True,
        width="stretch",
    )
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


def factor_sources(f: Fmt) -> None:
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
