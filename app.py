"""packcalc designer app (Streamlit). UI only: every number comes from the packcalc package.

Run with ``./run.sh app`` (or ``streamlit run app.py``).
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import streamlit as st

from packcalc import textile
from packcalc.batch import OPTION_ALIASES, OUTPUTS, apply, candidate_fabrics, sensitivity
from packcalc.capacity import COMFORT_PRESSURE_KPA, POCKET_SHAPES
from packcalc.cli import tshirt_verdict
from packcalc.design import (
    CLOSURES,
    MAX_FILE_BYTES,
    PANEL_GROUPS,
    POCKET_LOCATIONS,
    design_from_toml,
    design_to_toml,
    load_preset,
    preset_names,
)
from packcalc.errors import PackcalcError
from packcalc.estimator import estimate
from packcalc.footprint_data import read_footprint
from packcalc.library import load_library, record_as_dict
from packcalc.optimise import Brief, optimise
from packcalc.packing import NAMED_PRESSURES
from packcalc.pattern import OPTION_SPECS
from packcalc.supply import bill_of_materials, bom_csv, compare, ecobalyse_query
from packcalc.ui import display
from packcalc.ui.figures import (
    breakdown_rows,
    breakdown_spec,
    footprint_spec,
    headline,
    packing_rows,
    packing_spec,
    pareto_spec,
    pattern_svg,
    placement_svg,
    tornado_spec,
)
from packcalc.ui.i18n import LANGUAGES, translate
from packcalc.ui.state import (
    CUSTOM,
    LOAD_NONE,
    body_from_values,
    convert_lengths,
    design_from_values,
    load_tables,
    pocket_table,
    regrade,
    trim_table,
    widget_values,
)
from packcalc.units import Q_

st.set_page_config(page_title="packcalc", page_icon="🎽", layout="wide")

DEFAULT_PRESET = "race-5l"
GROUP_LABELS = {"back": "Back panel", "strap": "Shoulder straps", "front": "Front panels",
                "wing": "Side wings"}  # fmt: skip
KIND_LABELS = {"fabrics": "Fabrics", "fibres": "Fibres", "trims": "Trims", "items": "Load items"}
# Columns shown per kind (units in the names); provenance columns come last.
COLUMNS = {
    "fabrics": ["id", "name", "construction", "composition", "areal_density_gsm",
                "thickness_mm", "stretch_warp", "stretch_weft"],
    "fibres": ["id", "name", "density_g_cm3", "moisture_regain", "modulus_gpa"],
    "trims": ["id", "name", "kind", "mass_g", "linear_mass_g_m", "areal_mass_gsm"],
    "items": ["id", "name", "category", "mass_g", "volume_l", "shape", "rigid"],
}  # fmt: skip


def _(text: str) -> str:
    """The interface string in the chosen language."""
    return translate(text, st.session_state.get("lang", "en"))


def system() -> str:
    return st.session_state.get("units", "metric")


@st.cache_resource
def library():
    return load_library()


@st.cache_data
def library_table(kind: str) -> pd.DataFrame:
    rows = []
    for record in getattr(library(), kind).values():
        data = record_as_dict(record)
        row = {c: data.get(c) for c in COLUMNS[kind]}
        if "composition" in row:
            row["composition"] = ", ".join(f"{f} {s:.0%}" for f, s in data["composition"].items())
        row["assumption"] = data.get("assumption", False)
        row["source"] = data["source"]
        rows.append(row)
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ design state


def show_design(design) -> None:
    """Put a design in the page: the base design and every widget showing it."""
    st.session_state.base_design = design
    st.session_state.last_good = design
    values = widget_values(design)
    values.update(convert_lengths(values, display.length_factor(system())))
    st.session_state.update(values)
    # The tables start from the design; new editor keys drop the old edits.
    st.session_state.load_tables = load_tables(design)
    st.session_state.pocket_table = pocket_table(design)
    st.session_state.trim_table = trim_table(design)
    st.session_state.table_version = st.session_state.get("table_version", 0) + 1


def on_preset_change() -> None:
    show_design(load_preset(st.session_state.preset, library()))
    st.session_state.upload_error = None


def metric_values() -> dict:
    """The widget values with lengths back in centimetres (the design's unit)."""
    values = dict(st.session_state)
    values.update(convert_lengths(values, 1.0 / display.length_factor(system())))
    return values


def on_size_change() -> None:
    """A new size grades the option sliders, as a pattern maker grades a pattern."""
    old = st.session_state.last_good.body
    try:
        new = body_from_values(metric_values(), library())
    except PackcalcError:
        return
    graded = regrade(metric_values(), old, new)
    factor = display.length_factor(system())
    st.session_state.update({k: round(v * factor, 2) for k, v in graded.items()})


def on_units_change() -> None:
    """Sliders keep their lengths when the unit changes: convert what they show."""
    new = st.session_state.units
    old = "imperial" if new == "metric" else "metric"
    factor = display.length_factor(new) / display.length_factor(old)
    st.session_state.update(convert_lengths(st.session_state, factor))


def on_upload() -> None:
    """Open an uploaded design; a bad file leaves the current design as it is."""
    upload = st.session_state.upload
    st.session_state.upload_error = None
    if upload is None:
        return
    data = upload.getvalue()
    try:
        if len(data) > MAX_FILE_BYTES:
            raise PackcalcError(
                upload.name, f"expected a design file under {MAX_FILE_BYTES // 1024} kB"
            )
        design = design_from_toml(data, library(), source=upload.name)
    except PackcalcError as exc:
        st.session_state.upload_error = str(exc)
        return
    show_design(design)


def sidebar_controls() -> None:
    unit = display.length_unit(system())
    factor = display.length_factor(system())
    with st.sidebar:
        left, right = st.columns(2)
        left.radio("Language / langue", list(LANGUAGES), format_func=LANGUAGES.get, key="lang")
        right.radio(
            _("Units"), display.SYSTEMS, format_func=_, key="units", on_change=on_units_change
        )
        st.selectbox(_("Preset"), preset_names(), key="preset", on_change=on_preset_change)
        st.file_uploader(
            _("Open a design (TOML)"), type=["toml"], key="upload", on_change=on_upload
        )
        sizes = [*library().sizes, CUSTOM]
        st.radio(_("Size"), sizes, format_func=_, key="size", horizontal=True,
                 on_change=on_size_change)  # fmt: skip
        if st.session_state.size == CUSTOM:
            st.number_input(
                f"{_('Chest circumference')} [{unit}]", 60.0 * factor, 150.0 * factor,
                step=0.5, key="chest", on_change=on_size_change,
            )  # fmt: skip
            st.number_input(
                f"{_('Back length')} [{unit}]", 30.0 * factor, 60.0 * factor,
                step=0.5, key="back_length", on_change=on_size_change,
            )  # fmt: skip
        with st.expander(_("Pattern"), expanded=True):
            for name, spec in OPTION_SPECS.items():
                st.slider(f"{_(spec.description.capitalize())} [{unit}]",
                          round(spec.minimum * factor, 2), round(spec.maximum * factor, 2),
                          step=0.1, format="%.1f", key=f"opt_{name}")  # fmt: skip
        named = "; ".join(f"{_(name)} {kpa:g} kPa" for name, (kpa, _s) in NAMED_PRESSURES.items())
        st.slider(f"{_('Squeeze pressure')} [kPa]", 0.5, 100.0, step=0.5, key="pressure",
                  help=f"{_('The pressure the packed vest is squeezed at')}: {named}.")  # fmt: skip
        with st.expander(_("Fabrics"), expanded=True):
            fabric_ids = list(library().fabrics)
            for group in PANEL_GROUPS:
                st.selectbox(_(GROUP_LABELS[group]), fabric_ids, key=f"fabric_{group}",
                             format_func=fabric_label)  # fmt: skip
                left, right = st.columns(2)
                left.number_input(_("Layers"), 1, 4, step=1, key=f"layers_{group}")
                right.number_input(
                    f"{_('Override')} [g/m²]",
                    0.0,
                    2000.0,
                    step=5.0,
                    key=f"gsm_{group}",
                    help=_("0: the fabric's own areal density"),
                )


def fabric_label(fabric_id: str) -> str:
    fabric = library().fabrics[fabric_id]
    return f"{fabric.name} ({fabric.areal_density_gsm:.0f} g/m²)"


def tables_editor():
    """Pockets, trims and the load: editable tables. Returns them as edited."""
    version = st.session_state.table_version
    st.subheader(_("Pockets"))
    pockets = st.data_editor(
        st.session_state.pocket_table,
        num_rows="dynamic",
        key=f"pockets_{version}",
        hide_index=True,
        column_config={
            "location": st.column_config.SelectboxColumn(
                _("location"), options=list(POCKET_LOCATIONS), required=True
            ),
            "fabric": st.column_config.SelectboxColumn(
                _("fabric"), options=list(library().fabrics), required=True
            ),
            "closure": st.column_config.SelectboxColumn(_("closure"), options=list(CLOSURES)),
            "shape": st.column_config.SelectboxColumn(_("shape"), options=list(POCKET_SHAPES)),
            "reachable": st.column_config.CheckboxColumn(_("reachable")),
        },
    )
    st.subheader(_("Trims"))
    trims = st.data_editor(
        st.session_state.trim_table,
        num_rows="dynamic",
        key=f"trims_{version}",
        hide_index=True,
        column_config={
            "trim": st.column_config.SelectboxColumn(
                _("trim"), options=list(library().trims), required=True
            ),
        },
    )
    st.subheader(_("The load"))
    lists = [LOAD_NONE, *library().loadlists]
    st.selectbox(
        _("Load list"),
        lists,
        key="load_list",
        format_func=lambda i: _(i) if i == LOAD_NONE else library().loadlists[i].name,
    )
    items_init, custom_init = st.session_state.load_tables
    pocket_names = [str(n) for n in pockets["name"].dropna().tolist()]
    pin_column = st.column_config.SelectboxColumn(
        _("pocket"), options=pocket_names, help=_("Pin: the item goes in this pocket")
    )
    left, right = st.columns([2, 3])
    with left:
        st.caption(_("More library items"))
        items = st.data_editor(
            items_init,
            num_rows="dynamic",
            key=f"load_items_{version}",
            column_config={
                "item": st.column_config.SelectboxColumn(
                    _("item"), options=list(library().items), required=True
                ),
                "quantity": st.column_config.NumberColumn(_("quantity"), min_value=1, max_value=20),
                "pocket": pin_column,
            },
            hide_index=True,
        )
    with right:
        st.caption(_("Your own items (mass g, volume L, packed size cm)"))
        custom = st.data_editor(
            custom_init,
            num_rows="dynamic",
            key=f"load_custom_{version}",
            column_config={
                "shape": st.column_config.SelectboxColumn(_("shape"), options=["box", "cylinder"]),
                "rigid": st.column_config.CheckboxColumn(_("rigid")),
                "reach": st.column_config.CheckboxColumn(_("reach"), help=_("reach while running")),
                "pocket": pin_column,
            },
            hide_index=True,
        )
    return pockets, trims, items, custom


def current_design(pockets, trims, items, custom):
    """The design the widgets describe, or the last good one and the error."""
    values = {
        **metric_values(),
        "pockets_table": pockets,
        "trims_table": trims,
        "load_items_table": items,
        "load_custom_table": custom,
    }
    try:
        design = design_from_values(st.session_state.base_design, values, library())
    except PackcalcError as exc:
        return st.session_state.last_good, str(exc)
    st.session_state.last_good = design
    return design, None


# ------------------------------------------------------------------ the answers


def answers(design, result, error: str | None) -> None:
    u = system()
    if st.session_state.get("upload_error"):
        st.error(f"{st.session_state.upload_error} — {_('the design was not changed')}.")
    if error:
        st.error(f"{error} — {_('showing the last design that worked')}.")
    grams = result.weight.m_as("g")
    p5, _p50, p95 = (q.m_as("g") for q in result.weight_band)
    body = design.body
    st.caption(
        f"{design.name} · {_('size')} {design.size or _('custom')} "
        f"({_('chest')} {display.length(body.chest, u, 1)}, "
        f"{_('back length')} {display.length(body.back_length, u, 1)}) · {design.description}"
    )
    t5, _t50, t95 = (q.m_as("g") for q in result.weight_tolerance_band)
    cols = st.columns(4)
    cols[0].metric(_("Weight"), display.mass(grams, u), help=_("Conditioned (65 % RH, 20 °C)"))
    cols[1].metric(
        _("Likely range P5–P95"),
        f"{display.mass(p5, u, 0)} – {display.mass(p95, u, 0)}",
        help=f"{_('Manufacturing tolerances and the model’s own error on real vests')}; "
        f"{_('manufacturing alone')} {display.mass(t5, u, 0)} – {display.mass(t95, u, 0)}",
    )
    cols[2].metric(
        _("Packed volume"),
        display.volume(result.packed_volume.m_as("L"), u),
        help=f"{_('At')} {result.packed_pressure.m_as('kPa'):g} kPa; "
        f"{_('the solid polymer alone takes')} "
        f"{display.volume(result.packed_floor.m_as('L'), u, 3)}",
    )
    cols[3].metric(
        _("Packed, vs a cotton t-shirt"),
        f"{result.tshirt_volume_ratio:.2f} ×",
        f"{result.tshirt_weight_ratio:.2f} × {_('weight')}",
        delta_color="off",
        delta_arrow="off",
    )
    accuracy = library().calibration.accuracy
    if accuracy:
        st.caption(
            f"{_('On')} {accuracy['vests']} {_('real vests, the weight came within')} "
            f"{accuracy['calibration_weight_mae_pct']:.0f} % {_('on average')} "
            f"({_('each estimated without itself')}), "
            f"{_('and this range held')} {accuracy['band_coverage']:.0%} "
            f"{_('of the real weights')} (packcalc validate)."
        )
    st.info(
        f"**{tshirt_verdict(result)}.** "
        f"{_('Dry')} {display.mass(result.weight_dry.m_as('g'), u)}; "
        f"{_('sweat-soaked')} {display.mass(result.weight_wet.m_as('g'), u)} "
        f"({result.sweat_saturation:.0%} {_('of the fabrics’ pores filled, an assumption')})."
    )
    fit = result.load_fit
    cols = st.columns(4)
    cols[0].metric(
        _("Capacity"),
        display.volume(fit.capacity_nominal_l, u, 1),
        help=f"{_('All pockets filled snug, as a brand counts its litres')}; "
        f"{_('relaxed')} {display.volume(fit.capacity_relaxed_l, u, 1)}, "
        f"{_('stretched to the limit')} {display.volume(fit.capacity_stretched_l, u, 1)}",
    )
    cols[1].metric(
        _("The kit"),
        _("fits") if fit.fits else f"{len(fit.unplaced)} {_('items do not fit')}",
        help=f"{len(fit.placements)} {_('items placed')}, {display.mass(fit.load_mass_g, u, 0)}",
    )
    cols[2].metric(
        _("Carried"), display.mass(result.carried_mass.m_as("g"), u, 0), help=_("Vest + load")
    )
    cols[3].metric(
        _("Balance"),
        f"{fit.front_share:.0%} {_('front')}",
        f"{fit.left_share:.0%} {_('left')}",
        delta_color="off",
        delta_arrow="off",
    )
    if not fit.fits:
        st.warning(
            f"**{_('Does not fit')}:** "
            + "; ".join(f"{label}: {reason}" for label, _i, reason in fit.unplaced)
        )


def charts(design, result, svg: str) -> None:
    u = system()
    rows = pd.DataFrame(breakdown_rows(result.parts))
    spec = breakdown_spec(_("Where each gram goes"), _("grams"), len(rows))
    left, right = st.columns([3, 2])
    left.vega_lite_chart(rows, spec, width="stretch")
    with right:
        st.image(svg, caption=_("Flat pattern, to scale"))
        by_material = pd.DataFrame(
            [
                {"material": k, "grams": round(v.m_as("g"), 1)}
                for k, v in sorted(result.weight_by_material.items(), key=lambda kv: -kv[1].m)
            ]
        )
        st.dataframe(by_material, hide_index=True, key="by_material")

    garment_names = {g.id: g.name for g in library().garments.values()}
    curves = pd.DataFrame(packing_rows(result, garment_names))
    spec = packing_spec(
        _("Packed volume over pressure"),
        _("squeeze pressure [kPa]"),
        _("packed volume [L]"),
        result.packed_pressure.m_as("kPa"),
        "solid floor (this vest)",
    )
    st.vega_lite_chart(curves, spec, width="stretch")

    fit = result.load_fit
    st.subheader(_("Where the load goes"))
    left, right = st.columns([3, 2])
    left.image(placement_svg(fit, design), caption=_("Pockets to scale, filled to their share"))
    with right:
        low, high = fit.fit_range_cm
        dx, dy = fit.com_offset_cm
        st.markdown(
            f"- {_('load')} **{display.mass(fit.load_mass_g, u, 0)}**: {fit.front_share:.0%} "
            f"{_('in front')}, {fit.left_share:.0%} {_('on the left')}\n"
            f"- {_('centre of mass of the load')}: {display.length(dx, u, 1)} {_('to the left')}, "
            f"{display.length(dy, u, 1)} {_('to the front of mid-torso')}\n"
            f"- {_('fits chests of')} **{display.length(low, u)}–{display.length(high, u)}** "
            f"({_('the runner')}: {display.length(fit.body_chest_cm, u)}"
            f"{'' if fit.body_fits else ', ' + _('OUTSIDE the range')})"
        )
        pockets = pd.DataFrame(
            [
                {
                    _("pocket"): c.pocket.name,
                    _("fill"): display.volume(fit.pocket_volume_l[c.pocket.name], u),
                    _("of"): display.volume(c.stretched_l, u),
                    _("mass"): display.mass(fit.pocket_mass_g[c.pocket.name], u, 0),
                    "kPa": round(fit.pocket_pressure_kpa.get(c.pocket.name, 0.0), 1),
                    _("stretch limited by"): c.limited_by,
                }
                for c in fit.capacities
            ]
        )
        st.dataframe(pockets, hide_index=True, key="pockets_table")
        limits = ", ".join(f"{kpa:g} kPa {_(label)}" for label, kpa in COMFORT_PRESSURE_KPA.items())
        st.caption(f"{_('Comfort:')} {limits}.")
    if design.comparisons:
        st.subheader(_("Compared with vests of its class"))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        _("vest"): c.name,
                        _("mass"): display.mass(c.mass_g, u, 0),
                        _("capacity"): display.volume(c.capacity_l, u, 1),
                        _("this design"): f"{grams_of(result) / c.mass_g - 1:+.0%}",
                        _("source"): c.source,
                    }
                    for c in design.comparisons
                ]
            ),
            hide_index=True,
            key="comparisons",
        )
    provenance(result)


def grams_of(result) -> float:
    return result.weight.m_as("g")


def provenance(result) -> None:
    with st.expander(_("Where the figures come from")):
        used = sorted({p.material for p in result.parts})
        for material in used:
            record = library().fabrics.get(material) or library().trims.get(material)
            prov = record.provenance
            flag = f" — **{_('assumption')}**" if prov.assumption else ""
            st.markdown(f"**{record.name}** (`{material}`){flag}")
            for source in prov.sources:
                st.markdown(f"- {source}")
            if prov.assumption:
                which = ", ".join(prov.assumed_fields) or _("the whole record")
                st.caption(f"{_('Assumed')} ({which}): {prov.note}")
        for note in result.notes:
            st.caption(note)


def save_and_compare(design, result, svg: str) -> None:
    """Download the design, the bill of materials and the pattern; keep A and B."""
    slug = re.sub(r"[^a-z0-9]+", "-", design.name.lower()).strip("-") or "design"
    cols = st.columns(5)
    cols[0].download_button(
        _("Design (TOML)"), design_to_toml(design), f"{slug}.toml", "application/toml",
        key="download_toml",
    )  # fmt: skip
    bom = bom_csv(bill_of_materials(result, library()))
    cols[1].download_button(
        _("Bill of materials (CSV)"), bom, f"{slug}-bom.csv", "text/csv", key="download_bom"
    )
    cols[2].download_button(
        _("Pattern (SVG)"),
        svg,
        f"{slug}-pattern.svg",
        "image/svg+xml",
        key="download_svg",
    )
    # A kept design's figures are computed once, when it is kept.
    if cols[3].button(_("Keep as A"), key="keep_a"):
        st.session_state.compare_a = (design.name, headline(result))
    if cols[4].button(_("Keep as B"), key="keep_b"):
        st.session_state.compare_b = (design.name, headline(result))


def compare_tab() -> None:
    a, b = st.session_state.get("compare_a"), st.session_state.get("compare_b")
    if a is None or b is None:
        st.info(_("Keep a design as A and another as B (buttons on the Vest tab) to compare them."))
        return
    (name_a, figures_a), (name_b, figures_b) = a, b
    rows = []
    for key, (label, unit) in figures_a["labels"].items():
        va, vb = figures_a["values"][key], figures_b["values"][key]
        rows.append(
            {
                _("figure"): f"{_(label)} [{unit}]" if unit else _(label),
                f"A: {name_a}": round(va, 3),
                f"B: {name_b}": round(vb, 3),
                "B − A": round(vb - va, 3),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="compare_table")


def explore_tab(design, result) -> None:
    """Sensitivity of the current design, and the lightest design for a brief."""
    st.subheader(_("Which parameter to work on first"))
    rows = pd.DataFrame(sensitivity(design, library()))
    base = result.weight.m_as("g")
    bars = pd.DataFrame(
        [
            {"parameter": r["parameter"], "change": label, "grams": r[f"weight_g_{end}"] - base}
            for r in rows.to_dict("records")
            for label, end in (("−10 %", "low"), ("+10 %", "high"))
        ]
    )
    st.vega_lite_chart(bars, tornado_spec(_("Weight change for ±10 % of each parameter")),
                       width="stretch")  # fmt: skip
    st.dataframe(
        rows[["parameter", "value", "weight_elasticity", "packed_volume_l_low",
              "packed_volume_l_high", "capacity_nominal_l_low", "capacity_nominal_l_high"]],
        hide_index=True,
        key="sensitivity_table",
    )  # fmt: skip

    st.subheader(_("The lightest design that meets a brief"))
    cols = st.columns(4)
    capacity = cols[0].number_input(_("Nominal capacity at least [L]"), 0.0, 30.0, 5.0, 0.5,
                                    key="brief_capacity")  # fmt: skip
    packed = cols[1].number_input(_("Packed volume at most [L]"), 0.05, 5.0, 0.5, 0.05,
                                  key="brief_packed")  # fmt: skip
    samples = cols[2].select_slider(_("Designs evaluated"), [2000, 6000, 12000], 6000,
                                    key="brief_samples")  # fmt: skip
    any_fabric = cols[3].checkbox(_("Any fabric on load-bearing panels"), key="brief_any_fabric")
    labels = {path: _(OPTION_SPECS[name].description.capitalize())
              for path, name in OPTION_ALIASES.items()}  # fmt: skip
    labels["pocket.scale"] = _("Pocket size")
    locks = st.multiselect(_("Keep as they are (locks)"), list(labels), format_func=labels.get,
                           key="brief_locks")  # fmt: skip
    choices = candidate_fabrics(design, library())
    fabric_names = {f.id: f.name for f in library().fabrics.values()}
    with st.expander(_("Fabrics each panel group may take")):
        allowed = {
            group: st.multiselect(
                _(GROUP_LABELS[group]),
                list(library().fabrics),
                default=choices[group],
                format_func=fabric_names.get,
                key=f"brief_fabrics_{group}",
            )
            for group in PANEL_GROUPS
        }
    if st.button(_("Search"), key="brief_search"):
        bar = st.progress(0.0, text=_("Searching…"))
        try:
            best = optimise(
                design,
                Brief(capacity_min_l=capacity or None, packed_max_l=packed, any_fabric=any_fabric),
                library(),
                fabrics={g: v for g, v in allowed.items() if v} or None,
                locks=locks,
                samples=int(samples),
                progress=lambda done, total: bar.progress(done / total, text=_("Searching…")),
            )
            st.session_state.explore = best
            st.session_state.explore_base = design  # what the front's variants vary
        except PackcalcError as exc:
            st.session_state.explore = None
            st.error(str(exc))
        bar.empty()
    best = st.session_state.get("explore")
    if best is None:
        return
    limiting = [c.name for c in best.constraints if c.active]
    st.success(
        f"{_('Lightest')}: {best.weight_g:.1f} g · {_('capacity')} "
        f"{best.capacity_nominal_l:.1f} L · {_('packed')} {best.packed_volume_l:.2f} L · "
        f"{_('the kit fits') if best.kit_fits else _('the kit does not fit')} · "
        f"{_('limiting constraints')}: {', '.join(_(n) for n in limiting) or '—'}"
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    _("constraint"): _(c.name),
                    _("value"): f"{c.value:.2f} {c.unit}",
                    _("limit"): f"{'≤' if c.upper else '≥'} {c.limit:g} {c.unit}",
                    _("limiting"): "●" if c.active else "",
                }
                for c in best.constraints
            ]
        ),
        hide_index=True,
        key="constraints_table",
    )
    st.button(
        _("Load the lightest design"),
        key="load_optimum",
        on_click=lambda: show_design(st.session_state.explore.design),
    )
    front = pd.DataFrame({k: v for k, v in best.front.items() if np.ndim(v) == 1})
    front["row"] = range(len(front))
    st.vega_lite_chart(
        front,
        pareto_spec(_("Trade-off front: click a point to load that design")),
        width="stretch",
        on_select=on_pick,
        key="pareto",
    )


def on_pick() -> None:
    """A click on the trade-off front loads that design."""
    picked = st.session_state.pareto.selection.get("pick") or []
    if not picked or "row" not in picked[0]:
        return
    row = int(picked[0]["row"])
    front = st.session_state.explore.front
    values = {k: front[k][row] for k in front if k not in OUTPUTS}
    show_design(apply(st.session_state.explore_base, values, library()))


@st.cache_resource
def footprint_data():
    return read_footprint()


def made_where_tab(design, result) -> None:
    """The same design made in the Drôme or elsewhere: CO2e, cost and lead time by step."""
    data = footprint_data()
    places = list(data.places)
    cols = st.columns(3)
    made_in = cols[0].selectbox(
        _("Made in"),
        places,
        index=places.index(design.made_in) if design.made_in in places else 0,
        key="made_in",
        format_func=lambda p: data.places[p]["name"],
    )
    others = cols[1].multiselect(
        _("Compared with"),
        places,
        default=[p for p in places if p != made_in],
        key="compare_places",
        format_func=lambda p: data.places[p]["name"],
    )
    air = cols[2].slider(_("Air share of the last leg [%]"), 0, 100, 33, key="air_share")
    scenarios = compare(result, library(), made_in, others, sorted({0.0, air / 100}), data)
    rows = [
        {"scenario": s.name, "step": step.name, "g CO2e": step.co2e_kg * 1000, "€": step.cost_eur}
        for s in scenarios
        for step in s.steps
    ]
    st.vega_lite_chart(pd.DataFrame(rows), footprint_spec(_("CO2e by step")), width="stretch")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    _("scenario"): s.name,
                    "g CO2e": round(s.co2e_kg * 1000, 1),
                    _("band"): f"{s.co2e_band_kg[0] * 1000:.0f}–{s.co2e_band_kg[1] * 1000:.0f}",
                    "€": round(s.cost_eur, 2),
                    _("days"): round(s.lead_days),
                    _("g CO2e per gram saved"): round(s.per_gram_saved_g, 3),
                }
                for s in scenarios
            ]
        ),
        hide_index=True,
        key="footprint_table",
    )
    for s in scenarios:
        with st.expander(f"{_('Supply chain')}: {s.name}"):
            for step in s.steps:
                st.markdown(
                    f"- **{_(step.name)}** ({step.place}): {step.co2e_kg * 1000:.1f} g CO2e, "
                    f"{step.cost_eur:.2f} €, {step.days:.0f} {_('days')} — {step.detail}"
                )
            for note in s.notes:
                st.caption(note)
    country = data.places[made_in]["country"]
    query, _left_out = ecobalyse_query(result, library(), country, air / 100)
    st.download_button(
        _("Ecobalyse query (JSON)"), json.dumps(query, indent=2), "ecobalyse-query.json",
        "application/json", key="download_ecobalyse",
    )  # fmt: skip
    with st.expander(_("Where the factors come from")):
        for record in data.records:
            sources = record.get("source") or record.get("note")
            if isinstance(sources, list):
                sources = "; ".join(sources)
            st.markdown(
                f"- `{record['where']}` — {sources} ({record.get('licence', _('assumption'))})"
            )


def materials_tab() -> None:
    kind = st.radio(
        _("Records"), list(KIND_LABELS), format_func=lambda k: _(KIND_LABELS[k]), horizontal=True,
        key="lib_kind",
    )  # fmt: skip
    query = st.text_input(_("Search"), key="lib_search", placeholder=_("id, name, fibre, source…"))
    table = library_table(kind)
    if query:
        haystack = table.apply(lambda row: " ".join(map(str, row.values)), axis=1).str.lower()
        table = table[haystack.str.contains(query.lower(), regex=False)]
    st.caption(
        f"{len(table)} / {len(getattr(library(), kind))} {_('records')}. "
        + _("Every figure has a source, or is flagged as an assumption with a note.")
    )
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "source": st.column_config.TextColumn("source", width="large"),
            "assumption": st.column_config.CheckboxColumn("assumption"),
        },
        key="lib_table",
    )
    if table.empty:
        return
    chosen = st.selectbox(_("Where do the figures come from?"), table["id"], key="lib_detail")
    record = getattr(library(), kind)[chosen]
    prov = record.provenance
    st.markdown(f"**{record.name}**")
    for source in prov.sources:
        st.markdown(f"- {source}")
    if prov.assumption:
        which = ", ".join(prov.assumed_fields) or _("the whole record")
        st.warning(f"{_('Assumption')} ({which}): {prov.note}")
    with st.expander(_("All fields")):
        st.json(record_as_dict(record))


def calculator_tab() -> None:
    structure = st.radio(
        _("Structure"), ["woven", "knit"], format_func=_, horizontal=True, key="calc_structure"
    )
    left, right = st.columns([2, 1])
    if structure == "woven":
        with left:
            ends = st.slider(_("Ends per cm (warp)"), 10.0, 200.0, 65.0, 0.5, key="woven_ends")
            picks = st.slider(_("Picks per cm (weft)"), 10.0, 200.0, 65.0, 0.5, key="woven_picks")
            warp_den = st.slider(f"{_('Warp yarn')} [denier]", 5, 1000, 20, key="woven_warp_den")
            weft_den = st.slider(f"{_('Weft yarn')} [denier]", 5, 1000, 20, key="woven_weft_den")
            warp_crimp = st.slider(f"{_('Warp crimp')} [%]", 0.0, 20.0, 0.0, 0.5,
                                   key="woven_warp_crimp")  # fmt: skip
            weft_crimp = st.slider(f"{_('Weft crimp')} [%]", 0.0, 20.0, 0.0, 0.5,
                                   key="woven_weft_crimp")  # fmt: skip
        warp_tex = textile.denier_to_tex(warp_den)
        weft_tex = textile.denier_to_tex(weft_den)
        gsm = float(
            textile.woven_areal_density(
                ends, picks, warp_tex, weft_tex, warp_crimp / 100, weft_crimp / 100
            )
        )
        cover_warp = float(textile.woven_cover_factor(ends, warp_tex))
        cover_weft = float(textile.woven_cover_factor(picks, weft_tex))
        with right:
            st.metric(_("Areal density"), f"{gsm:.1f} g/m²")
            st.metric(_("Areal density (imperial)"), f"{Q_(gsm, 'gsm').m_as('osy'):.2f} oz/yd²")
            st.metric(_("Cover factor warp + weft (tex system)"),
                      f"{cover_warp:.1f} + {cover_weft:.1f}")  # fmt: skip
            st.caption(
                "GSM = [EPC·Tt_warp·(1+c_warp) + PPC·Tt_weft·(1+c_weft)] / 10. "
                + _("Plain weave is easy to weave at K = 12 + 12 and jams near 16 + 16.")
            )
    else:
        with left:
            courses = st.slider(_("Courses per cm"), 5.0, 40.0, 22.0, 0.5, key="knit_courses")
            wales = st.slider(_("Wales per cm"), 5.0, 40.0, 16.0, 0.5, key="knit_wales")
            loop = st.slider(f"{_('Loop length')} [mm]", 1.0, 6.0, 2.0, 0.05, key="knit_loop")
            tex = st.slider(f"{_('Yarn')} [tex]", 1.0, 60.0, 7.8, 0.1, key="knit_tex")
        gsm = float(textile.knit_areal_density(courses, wales, loop, tex))
        tightness = float(textile.knit_tightness_factor(tex, loop))
        with right:
            st.metric(_("Areal density"), f"{gsm:.1f} g/m²")
            st.metric(_("Areal density (imperial)"), f"{Q_(gsm, 'gsm').m_as('osy'):.2f} oz/yd²")
            st.metric(_("Tightness factor"), f"{tightness:.2f} √tex/mm")
            st.caption(
                "GSM = CPC·WPC·l·Tt / 100; TF = √Tt / l. "
                + _("Plain single-jersey knits run at TF 1.3–1.5.")
            )


# ------------------------------------------------------------------ the page

if "base_design" not in st.session_state:
    st.session_state.preset = DEFAULT_PRESET
    show_design(load_preset(DEFAULT_PRESET, library()))

st.title("packcalc")
st.caption(_("Weight, packed volume and load fit of ultralight running vests, from fabric specs."))
sidebar_controls()
tab_design, tab_explore, tab_where, tab_compare, tab_library, tab_calculator = st.tabs(
    [_("Vest"), _("Explore"), _("Made where"), _("Compare A/B"), _("Materials library"),
     _("Areal-density calculator")]
)  # fmt: skip
with tab_design:
    top = st.container()  # the answers, filled once the tables below have been read
    with st.expander(_("Pockets, trims and load"), expanded=True):
        tables = tables_editor()
    design, error = current_design(*tables)
    result = estimate(design, library=library())
    fabric_names = {f.id: f.name for f in library().fabrics.values()}
    svg = pattern_svg(result.pattern, design, fabric_names)  # shown and offered for download
    with top:
        answers(design, result, error)
        save_and_compare(design, result, svg)
        charts(design, result, svg)
with tab_explore:
    explore_tab(design, result)
with tab_where:
    made_where_tab(design, result)
with tab_compare:
    compare_tab()
with tab_library:
    materials_tab()
with tab_calculator:
    calculator_tab()
