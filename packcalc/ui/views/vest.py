"""The Vest page: the answers for the design on the page, its charts, its tables.

``page()`` reads the design from the session, gets its figures from the cache
(:func:`packcalc.ui.compute.vest`, computed once per design) and draws them
(:func:`draw`: formatting only, no computing).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from packcalc.capacity import COMFORT_PRESSURE_KPA
from packcalc.comfort import SHOULDER_PRESSURE_LIMIT_KPA
from packcalc.design import Design, design_to_toml
from packcalc.ui import compute, figures, messages, names, results, session
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_
from packcalc.ui.views import controls, tables

COMFORT_WORDS = {
    "appropriate": N_("appropriate"),
    "daily maximum": N_("daily maximum"),
    "sportswear maximum": N_("sportswear maximum"),
}


def page() -> None:
    f = session.fmt()
    controls.design_controls(f)
    controls.material_controls(f)
    st.title(f.t("Vest"))
    designer()
    with st.expander(f.t("Pockets, trims and load"), expanded=True):
        tables.editors(f)


@st.fragment
def designer() -> None:
    """The knobs and the answers they move, run on their own when a knob moves (the
    rest of the page, its tables and the sidebar, stays as it is). The answers are
    written first: they reach the browser before the knobs are drawn again."""
    f = session.fmt()
    knobs, answers_column = st.columns([1, 3], gap="small")
    design, error, key = session.design(compute.library())
    data = compute.vest(key, design)

    def svg() -> str:
        return compute.pattern_svg(key, f.lang, f.system, design)

    with answers_column:
        draw(design, data, svg, error, f)
    with knobs:
        controls.knobs(f)


def draw(
    design: Design, data: dict[str, Any], svg: Callable[[], str], error: str | None, f: Fmt
) -> None:
    """The answers of the Vest page from the design's figures (no computing); ``svg``
    gives its drawn pattern when the page shows it or it is downloaded."""
    header(design, f)
    if st.session_state.get("pc.upload_error"):
        upload = messages.error(st.session_state["pc.upload_error"], f, in_file=True)
        st.error(f"{upload} — {f.t('the design was not changed')}.")
    if error:
        st.error(f"{messages.error(error, f)} — {f.t('showing the last design that worked')}.")
    if st.session_state.get("pc.input_error"):
        entered = messages.error(st.session_state["pc.input_error"], f)
        st.error(f"{entered} — {f.t('the design was not changed')}.")
    if st.session_state.get("pc.table_error"):
        table = messages.error(st.session_state["pc.table_error"], f)
        st.error(f"{table} — {f.t('the table was not changed')}.")
    answers(data, f)
    save_and_keep(design, data, svg, f)
    charts(design, data, svg, f)


def page_head(title: str, f: Fmt) -> tuple[Design, str]:
    """A design page's top (Explore, Made where): the design controls in the sidebar, the
    title, the design's header and the error that kept the last good design; returns the
    design and its key."""
    controls.design_controls(f)
    design, error, key = session.design(compute.library())
    st.title(f.t(title))
    header(design, f)
    if error:
        st.error(f"{messages.error(error, f)} — {f.t('showing the last design that worked')}.")
    return design, key


def header(design: Design, f: Fmt) -> None:
    body = design.body
    base = st.session_state["pc.base"]
    changed = f" ({f.t('changed')})" if design != base else ""
    size = design.size or f.t("custom")
    description = controls.design_description(design, f)
    st.caption(
        f"**{controls.design_name(design, f)}**{changed} · {f.t('size')} {size} "
        f"({f.t('chest')} {f.q('size', body.chest)}, {f.t('back length')} "
        f"{f.q('size', body.back_length)})" + (f" · {description}" if description else "")
    )


def answers(data: dict[str, Any], f: Fmt) -> None:
    """The nine headline figures, the t-shirt sentence, how far to trust them and what
    does not fit."""
    _p5, p50, p95 = data["band"]
    grid = [st.columns(3) for _ in range(3)]
    weight_metrics(data, grid[0], f)
    volume_metrics(data, grid[1], f)
    carrying_metrics(data, grid[2], f)
    st.info(tshirt_text(data, f))
    st.caption(accuracy_text(compute.library().calibration.accuracy, p95 / p50, f))
    for pocket, dim, size, panel in data["overflows"]:
        st.warning(
            f.t(
                "Pocket {pocket} is {size} in {dim}, more than its panel ({panel}): the "
                "figures count it as given, but it cannot be sewn so.",
                pocket=names.pocket(pocket, f.lang),
                size=f.q("length", size),
                dim=f.t(dim),
                panel=f.q("length", panel),
            )
        )
    fit = data["fit"]
    if fit["unplaced"]:
        st.warning(
            f"**{f.t('Does not fit')}{f.colon}** "
            + f.semicolon.join(
                f"{names.item_label(label, f.lang)}{f.colon} {messages.reason(why, f)}"
                for label, _item, why in fit["unplaced"]
            )
        )


def weight_metrics(data: dict[str, Any], row: list[Any], f: Fmt) -> None:
    p5, _p50, p95 = data["band"]
    t5, _t50, t95 = data["tolerance_band"]
    row[0].metric(
        f.t("Weight"), f.q("weight", data["weight"]), help=f.t("Conditioned (65 % RH, 20 °C)")
    )
    row[1].metric(
        f.t("Likely range (P5–P95)"),
        f.q_range("mass", p5, p95),
        help=f.t("Manufacturing tolerances and the model's own error on real vests"),
    )
    row[2].metric(
        f.t("Manufacturing only (P5–P95)"),
        f.q_range("mass", t5, t95),
        help=f.t("Fabric areal density, cut sizes and trims within their tolerances"),
    )


def volume_metrics(data: dict[str, Any], row: list[Any], f: Fmt) -> None:
    fit = data["fit"]
    unplaced = len(fit["unplaced"])
    total = unplaced + len(fit["placements"])
    row[0].metric(
        f.t("Packed volume"),
        f.q("packed", data["packed"]),
        help=f.t(
            "At {p} kPa; the solid polymer alone takes {floor}",
            p=f.num(data["pressure"], 1),
            floor=f.q("packed", data["floor"]),
        ),
    )
    row[1].metric(
        f.t("Capacity, nominal"),
        f.q("capacity", fit["nominal"]),
        help=f.t(
            "Every pocket filled snug: the figure to hold against a brand's litres. "
            "Relaxed {relaxed}; stretched to the limit {stretched}.",
            relaxed=f.q("capacity", fit["relaxed"]),
            stretched=f.q("capacity", fit["stretched"]),
        ),
    )
    row[2].metric(
        f.t("The kit"),
        f.t("fits") if not unplaced else f"{total - unplaced}/{total}",
        None if not unplaced else f.count(unplaced, "item does not fit", "items do not fit"),
        delta_color="inverse",
        delta_arrow="off",
        help=f.t(
            "{n} items placed, {mass}", n=len(fit["placements"]), mass=f.q("mass", fit["load_mass"])
        ),
    )


def carrying_metrics(data: dict[str, Any], row: list[Any], f: Fmt) -> None:
    fit = data["fit"]
    row[0].metric(f.t("Carried"), f.q("mass", data["carried"]), help=f.t("Vest and load"))
    row[1].metric(
        f.t("Load in front"),
        f.pct(fit["front_share"]),
        f"{f.pct(fit['left_share'])} {f.t('on the left')}",
        delta_color="off",
        delta_arrow="off",
        help=f.t("Share of the load's weight carried in front, and on the left."),
    )
    row[2].metric(
        f.t("Pressure under the straps"),
        f"{f.num(data['shoulder'], 1)}{f.sp}kPa",
        help=f.t(
            "The loaded vest on the shoulders; skin blood flow stops above {limit} kPa.",
            limit=f.num(SHOULDER_PRESSURE_LIMIT_KPA, 0),
        ),
    )


def tshirt_text(data: dict[str, Any], f: Fmt) -> str:
    tee = data["tshirt"]
    return (
        f.t(
            "Packed at {p} kPa, the vest takes {vr} the volume of {tee} packed the same way "
            "({tee_volume}), and weighs {wr} as much ({tee_mass}).",
            p=f.num(data["pressure"], 1),
            vr=f.ratio(tee["volume_ratio"]),
            tee=names.garment(tee["id"], f.lang),
            tee_volume=f.q("packed", tee["packed"]),
            wr=f.ratio(tee["weight_ratio"]),
            tee_mass=f.q("mass", tee["mass"]),
        )
        + " "
        + f.t(
            "Oven-dry (the fibres' moisture regain removed) {dry}; sweat-soaked {wet} "
            "({share} of the fabrics' pores filled, an assumption).",
            dry=f.q("weight", data["dry"]),
            wet=f.q("weight", data["wet"]),
            share=f.pct(data["sweat"]),
        )
    )


def accuracy_text(accuracy: dict[str, float], spread: float, f: Fmt) -> str:
    """How far to trust the weight and the capacity, in the validation set's figures
    (``materials/calibration.toml`` [accuracy])."""
    if not accuracy:
        return ""

    def signed(value: float) -> str:
        return f.pct(value / 100, sign=True)

    text = f.t(
        "How far to trust it: on the {n_cal} vests the model was calibrated on, each "
        "estimated without itself, the weight was off by {mae} on average (mean error "
        "{bias}; negative: the estimate is lighter than the vest); on {n_fresh} vests found "
        "afterwards, off by {fresh_mae} (mean error {fresh_bias}). The likely range is this "
        "error and the manufacturing tolerances together, about ×{spread} either way for "
        "every design; it held {coverage} of the {n} real weights, where a P5–P95 range "
        "should hold about {expected}: it is on the wide side.",
        n_cal=int(accuracy.get("calibration_n", 0)),
        mae=f.pct(accuracy.get("calibration_weight_mae_pct", 0) / 100),
        bias=signed(accuracy.get("calibration_weight_mean_error_pct", 0)),
        n_fresh=int(accuracy.get("fresh_n", 0)),
        fresh_mae=f.pct(accuracy.get("fresh_weight_mae_pct", 0) / 100),
        fresh_bias=signed(accuracy.get("fresh_weight_mean_error_pct", 0)),
        spread=f.num(spread, 1),
        coverage=f.pct(accuracy.get("band_coverage", 0)),
        expected=f.pct(0.90),  # P95 − P5: what a P5–P95 range holds by its definition
        n=int(accuracy.get("vests", 0)),
    )
    if "reference_disagreement_pct" in accuracy:
        text += " " + f.t(
            "Those are commercial vests written from their public descriptions, with the "
            "library's generic fabrics (two reviewers' weighings of the same vest differ by "
            "{agree} on average). With your own fabrics' weights and pattern the error should "
            "be smaller; no public data measures how much.",
            agree=f.pct(accuracy["reference_disagreement_pct"] / 100),
        )
    if "capacity_mae_pct" in accuracy:
        text += " " + f.t(
            "The nominal capacity against the brands' litres: off by {mae} on average (mean "
            "error {bias}).",
            mae=f.pct(accuracy["capacity_mae_pct"] / 100),
            bias=signed(accuracy["capacity_mean_error_pct"]),
        )
    return text


def save_and_keep(design: Design, data: dict[str, Any], svg: Callable[[], str], f: Fmt) -> None:
    """Download the design, its bill of materials and its pattern; keep it as A or B. A
    design found by the optimiser is saved under the name the page gives it, so that its
    file is not taken for the preset it started from."""
    if st.session_state["pc.source"][0] in ("optimiser", "front"):
        design = dataclasses.replace(design, name=controls.design_name(design, f))
    plain = unicodedata.normalize("NFKD", design.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "design"
    library = compute.library()
    row = st.container(horizontal=True, gap="small")
    cols = [row] * 5
    cols[0].download_button(
        f.t("Design (TOML)"),
        lambda: design_to_toml(design),
        f"{slug}.toml",
        "application/toml",
        key="download_toml",
        on_click="ignore",
    )
    cols[1].download_button(
        f.t("Bill of materials (CSV)"),
        lambda: results.bill_csv(design, library),
        f"{slug}-bom.csv",
        "text/csv",
        key="download_bom",
        on_click="ignore",
    )
    cols[2].download_button(
        f.t("Pattern (SVG)"),
        svg,
        f"{slug}-pattern.svg",
        "image/svg+xml",
        key="download_svg",
        on_click="ignore",
    )
    source = st.session_state["pc.source"]
    for col, slot in ((cols[3], "A"), (cols[4], "B")):
        if col.button(f.t("Keep as {slot}", slot=slot), key=f"keep_{slot.lower()}"):
            st.session_state["pc.compare"] = {
                **st.session_state["pc.compare"],
                slot: {"design": design, "source": source, "figures": dict(data["headline"])},
            }
            st.toast(f.t("Kept as {slot}: see Compare A/B.", slot=slot))
    cutting_room(design, slug, f)


def cutting_room(design: Design, slug: str, f: Fmt) -> None:
    """The files a factory works from, made when downloaded: the graded pattern for a
    pattern CAD, the pattern to print at 1:1, the flats and the tech pack."""
    library = compute.library()
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    row.caption(f.t("For the cutting room:"))
    files = [
        (
            f.t("Pattern for CAD (DXF, graded)"),
            lambda: results.pattern_dxf(design, library),
            f"{slug}-pattern.dxf",
            "application/dxf",
            "download_dxf",
        ),
        (
            f.t("Pattern to print at 1:1 (PDF, A4)"),
            lambda: results.pattern_pdf(design, library),
            f"{slug}-pattern-1to1.pdf",
            "application/pdf",
            "download_pattern_pdf",
        ),
        (
            f.t("Flats (SVG)"),
            lambda: results.flats_svg(design),
            f"{slug}-flats.svg",
            "image/svg+xml",
            "download_flats",
        ),
        (
            f.t("Tech pack (PDF, in English)"),
            lambda: results.techpack(design, library),
            f"{slug}-techpack.pdf",
            "application/pdf",
            "download_techpack",
        ),
    ]
    for label, data, name, mime, key in files:
        row.download_button(label, data, name, mime, key=key, on_click="ignore")


def breakdown_rows(data: dict[str, Any], f: Fmt) -> pd.DataFrame:
    rows: dict[tuple[str, str], list] = {}
    for row in data["parts"]:
        label = messages.part_label(row, f)
        category = f.t(figures.CATEGORIES.get(row["category"], (row["category"],))[0])
        key = (label, category)
        entry = rows.setdefault(key, [0.0, set()])
        entry[0] += row["grams"]
        entry[1].update(row["materials"])
    return pd.DataFrame(
        [
            {
                "part": label,
                "weight": round(f.value("weight", grams), 3),
                "category": category,
                "material": ", ".join(names.material(m, f.lang) for m in sorted(materials)),
            }
            for (label, category), (grams, materials) in rows.items()
        ]
    )


DETAILS = {
    "weight": N_("Weight"),
    "pattern": N_("Pattern"),
    "packing": N_("Packing"),
    "load": N_("Load"),
    "sources": N_("Sources"),
}


def _choose_detail(key: str) -> None:
    st.session_state["pc.detail"] = st.session_state[key]


def charts(design: Design, data: dict[str, Any], svg: Callable[[], str], f: Fmt) -> None:
    """One detail of the design at a time (chosen above it): the page stays light, so
    that a knob moves the answers at once."""
    chosen = st.session_state.setdefault("pc.detail", "weight")
    key = f"detail.{f.lang}"
    st.segmented_control(
        f.t("Detail"),
        list(DETAILS),
        default=chosen,
        required=True,
        format_func=lambda d: f.t(DETAILS[d]),
        key=key,
        on_change=_choose_detail,
        args=(key,),
        label_visibility="collapsed",
    )
    if chosen == "weight":
        weight_detail(data, f)
    elif chosen == "pattern":
        st.subheader(f.t("Flat pattern, to scale"))
        st.image(svg(), width="stretch")
    elif chosen == "packing":
        packing_detail(data, f)
    elif chosen == "load":
        load(design, data, f)
    else:
        comparisons(design, data, f)
        provenance(data, f)


def weight_detail(data: dict[str, Any], f: Fmt) -> None:
    library = compute.library()
    rows = breakdown_rows(data, f)
    spec = figures.breakdown_spec(f, len(rows))
    st.vega_lite_chart(rows, spec, width="stretch", height=figures.chart_height(spec))
    st.caption(
        f.t(
            "Pocket making: what making a pocket adds beyond its fabric and closure "
            "(hems, seams, bar tacks), {grams} a pocket, fitted on the calibration vests.",
            grams=f.q("weight", library.calibration.grams_per_pocket),
        )
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    f.t("material"): names.material(m, f.lang),
                    f.label("weight", "weight"): f.number("weight", grams),
                }
                for m, grams in data["by_material"]
            ]
        ),
        hide_index=True,
        key="by_material",
    )


def packing_detail(data: dict[str, Any], f: Fmt) -> None:
    curves = []
    labels = figures.curve_labels(f)
    pressures = data["curve"]["pressure"]
    for key, values in data["curve"].items():
        if key == "pressure":
            continue
        curves += [
            {"pressure": p, "volume": f.value("packed", v), "what": labels.get(key, key)}
            for p, v in zip(pressures, values, strict=True)
        ]
    curves += [
        {"pressure": p, "volume": f.value("packed", data["floor"]), "what": labels["floor"]}
        for p in (pressures[0], pressures[-1])
    ]
    spec = figures.packing_spec(f, data["pressure"])
    st.vega_lite_chart(
        pd.DataFrame(curves), spec, width="stretch", height=figures.chart_height(spec)
    )


def comparisons(design: Design, data: dict[str, Any], f: Fmt) -> None:
    if not design.comparisons:
        return
    st.subheader(f.t("Compared with vests of its class"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    f.t("vest"): names.comparison(c.name, f.lang),
                    f.label("weight", "mass"): f.number("mass", c.mass_g),
                    f.label("capacity", "capacity"): f.number("capacity", c.capacity_l),
                    f.t("this design"): f.pct(data["weight"] / c.mass_g - 1, sign=True),
                    f.t("source"): c.source,
                }
                for c in design.comparisons
            ]
        ),
        hide_index=True,
        key="comparisons",
    )


def load(design: Design, data: dict[str, Any], f: Fmt) -> None:
    fit = data["fit"]
    st.subheader(f.t("Where the load goes"))
    flats = compute.flats(results.design_key(design), design)
    st.image(figures.load_flats_svg(flats, fit, f), width="stretch")
    right = st.container()
    dx, dy = fit["com"]
    side = f.t("to the left") if dx >= 0 else f.t("to the right")
    depth = f.t("in front of mid-torso") if dy >= 0 else f.t("behind mid-torso")
    low, high = fit["fit_range"]
    runner = f.q("size", fit["chest"])
    right.markdown(
        "\n".join(
            [
                f"- {f.t('load')} **{f.q('mass', fit['load_mass'])}**{f.colon} "
                f"{f.pct(fit['front_share'])} {f.t('in front')}, "
                f"{f.pct(fit['left_share'])} {f.t('on the left')}",
                f"- {f.t('centre of mass of the load')}{f.colon} {f.q('length', abs(dx))} {side}, "
                f"{f.q('length', abs(dy))} {depth}",
                f"- {f.t('fits chests of')} **{f.q_range('size', low, high)}** "
                f"({f.t('the runner')}{f.colon} {runner}"
                + ("" if fit["body_fits"] else f", **{f.t('outside the range')}**")
                + ")",
            ]
        )
    )
    limits = ", ".join(
        f"{f.num(kpa, 1)}{f.sp}kPa {f.t(COMFORT_WORDS.get(label, label))}"
        for label, kpa in COMFORT_PRESSURE_KPA.items()
    )
    right.caption(f"{f.t('Comfort of a pocket on the body:')} {limits}.")
    holds = contents(fit, f)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    f.t("pocket"): names.pocket(p["name"], f.lang),
                    f.t("holds"): holds.get(p["name"], ""),
                    f.label("load", "pocket"): f.number("pocket", p["load"]),
                    f.label("capacity, nominal", "pocket"): f.number("pocket", p["nominal"]),
                    f.label("stretched to the limit", "pocket"): f.number("pocket", p["stretched"]),
                    f.label("mass", "mass"): f.number("mass", p["mass"]),
                    f.label("pressure on the body", unit="kPa"): f.num(p["pressure"], 1)
                    if p["pressure"]
                    else f.t("empty"),
                    f.t("stretch limited by"): messages.limited_by(p["limited_by"], f),
                }
                for p in fit["pockets"]
            ]
        ),
        hide_index=True,
        key="pockets_table",
        width="stretch",
    )


def contents(fit: dict[str, Any], f: Fmt) -> dict[str, str]:
    """What each pocket holds, in the language: ``energy gel ×3, phone``."""
    counts: dict[str, dict[str, int]] = {}
    for _label, item, pocket in fit["placements"]:
        shown = names.item(item, f.lang)  # a custom item's id is its name
        counts.setdefault(pocket, {})
        counts[pocket][shown] = counts[pocket].get(shown, 0) + 1
    return {
        pocket: ", ".join(f"{name} ×{n}" if n > 1 else name for name, n in items.items())
        for pocket, items in counts.items()
    }


def provenance(data: dict[str, Any], f: Fmt) -> None:
    library = compute.library()
    with st.expander(f.t("Where the figures come from")):
        for material in data["materials"]:
            record = library.fabrics.get(material) or library.trims.get(material)
            if record is None:
                continue
            prov = record.provenance
            flag = f" — **{f.t('assumption')}**" if prov.assumption else ""
            st.markdown(f"**{names.material(material, f.lang)}** (`{material}`){flag}")
            for source in prov.sources:
                st.markdown(f"- {source}")
            if prov.assumption:
                which = messages.record_fields(prov.assumed_fields, f) or f.t("the whole record")
                note = prov.note if f.lang == "en" else f"{f.t('(note in English)')} {prov.note}"
                st.caption(f"{f.t('Assumed')} ({which}): {note}")
        for text in data["notes"]:
            st.caption(messages.note(text, f))
