"""packcalc designer app (Streamlit). UI only: every number comes from the packcalc package.

Run with ``./run.sh app`` (or ``streamlit run app.py``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from packcalc import textile
from packcalc.design import PANEL_GROUPS, load_design, preset_names
from packcalc.errors import PackcalcError
from packcalc.estimator import estimate
from packcalc.library import load_library, record_as_dict
from packcalc.packing import NAMED_PRESSURES
from packcalc.pattern import OPTION_SPECS
from packcalc.ui.figures import breakdown_rows, packing_rows, pattern_svg, placement_svg
from packcalc.ui.state import (
    CUSTOM,
    LOAD_NONE,
    body_from_values,
    design_from_values,
    load_tables,
    regrade,
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


def load_preset(name: str) -> None:
    """Put a preset in the page: the base design and every widget showing it."""
    design = load_design(name, library())
    st.session_state.base_design = design
    st.session_state.last_good = design
    st.session_state.update(widget_values(design))
    # The load tables start from the preset; a new editor key drops the old edits.
    st.session_state.load_tables = load_tables(design)
    st.session_state.load_version = st.session_state.get("load_version", 0) + 1


def on_preset_change() -> None:
    load_preset(st.session_state.preset)


def on_size_change() -> None:
    """A new size grades the option sliders, as a pattern maker grades a pattern."""
    old = st.session_state.last_good.body
    try:
        new = body_from_values(st.session_state, library())
    except PackcalcError:
        return
    st.session_state.update(regrade(st.session_state, old, new))


def sidebar_controls() -> None:
    with st.sidebar:
        st.selectbox("Preset", preset_names(), key="preset", on_change=on_preset_change)
        sizes = [*library().sizes, CUSTOM]
        st.radio("Size", sizes, key="size", horizontal=True, on_change=on_size_change)
        if st.session_state.size == CUSTOM:
            st.number_input("Chest circumference [cm]", 60.0, 150.0, step=0.5, key="chest",
                            on_change=on_size_change)  # fmt: skip
            st.number_input("Back length [cm]", 30.0, 60.0, step=0.5, key="back_length",
                            on_change=on_size_change)  # fmt: skip
        with st.expander("Pattern", expanded=True):
            for name, spec in OPTION_SPECS.items():
                st.slider(f"{spec.description.capitalize()} [cm]", spec.minimum, spec.maximum,
                          step=0.1, format="%.1f", key=f"opt_{name}")  # fmt: skip
        named = "; ".join(f"{name} {kpa:g} kPa" for name, (kpa, _) in NAMED_PRESSURES.items())
        st.slider("Squeeze pressure [kPa]", 0.5, 100.0, step=0.5, key="pressure",
                  help=f"The pressure the packed vest is squeezed at: {named}.")  # fmt: skip
        with st.expander("Fabrics", expanded=True):
            fabric_ids = list(library().fabrics)
            for group in PANEL_GROUPS:
                left, right = st.columns([3, 1])
                left.selectbox(GROUP_LABELS[group], fabric_ids, key=f"fabric_{group}",
                               format_func=fabric_label)  # fmt: skip
                right.number_input("Layers", 1, 4, step=1, key=f"layers_{group}")


def fabric_label(fabric_id: str) -> str:
    fabric = library().fabrics[fabric_id]
    return f"{fabric.name} ({fabric.areal_density_gsm:.0f} g/m²)"


def load_editor():
    """The load: a load list, more library items, custom items. Returns the two tables."""
    st.subheader("The load")
    lists = [LOAD_NONE, *library().loadlists]
    st.selectbox(
        "Load list",
        lists,
        key="load_list",
        format_func=lambda i: i if i == LOAD_NONE else f"{library().loadlists[i].name}",
    )
    items_init, custom_init = st.session_state.load_tables
    version = st.session_state.load_version
    left, right = st.columns([2, 3])
    with left:
        st.caption("More library items")
        items = st.data_editor(
            items_init,
            num_rows="dynamic",
            key=f"load_items_{version}",
            column_config={
                "item": st.column_config.SelectboxColumn(
                    "item", options=list(library().items), required=True
                ),
                "quantity": st.column_config.NumberColumn("quantity", min_value=1, max_value=20),
            },
            hide_index=True,
        )
    with right:
        st.caption("Your own items (mass g, volume L, packed size cm)")
        custom = st.data_editor(
            custom_init,
            num_rows="dynamic",
            key=f"load_custom_{version}",
            column_config={
                "shape": st.column_config.SelectboxColumn("shape", options=["box", "cylinder"]),
                "rigid": st.column_config.CheckboxColumn("rigid"),
                "reach": st.column_config.CheckboxColumn("reach", help="reach while running"),
            },
            hide_index=True,
        )
    return items, custom


def current_design(items, custom):
    """The design the widgets describe, or the last good one and the error."""
    values = {**st.session_state, "load_items_table": items, "load_custom_table": custom}
    try:
        design = design_from_values(st.session_state.base_design, values, library())
    except PackcalcError as exc:
        return st.session_state.last_good, str(exc)
    st.session_state.last_good = design
    return design, None


# ------------------------------------------------------------------ pages


def design_tab(design, error: str | None) -> None:
    if error:
        st.error(f"{error} — showing the last design that worked.")
    result = estimate(design, library=library())
    grams = result.weight.m_as("g")
    p5, _, p95 = (q.m_as("g") for q in result.weight_band)
    body = design.body
    st.caption(
        f"{design.name} · size {design.size or 'custom'} (chest {body.chest:g} cm, "
        f"back length {body.back_length:g} cm) · {design.description}"
    )
    cols = st.columns(4)
    cols[0].metric("Weight", f"{grams:.1f} g", help="Conditioned (65 % RH, 20 °C)")
    cols[1].metric("Tolerance band P5–P95", f"{p5:.0f}–{p95:.0f} g")
    cols[2].metric(
        "Packed volume",
        f"{result.packed_volume.m_as('L'):.2f} L",
        help=f"At {result.packed_pressure.m_as('kPa'):g} kPa; the solid polymer alone takes "
        f"{result.packed_floor.m_as('L'):.3f} L",
    )
    cols[3].metric(
        "vs a cotton t-shirt",
        f"{result.tshirt_volume_ratio:.2f} × volume",
        f"{result.tshirt_weight_ratio:.2f} × weight",
        delta_color="off",
        delta_arrow="off",
    )
    st.info(
        f"**{result.tshirt_verdict()}.** Dry {result.weight_dry.m_as('g'):.1f} g; "
        f"sweat-soaked {result.weight_wet.m_as('g'):.1f} g ({result.sweat_saturation:.0%} "
        "of the fabrics' pores filled, an assumption)."
    )
    fit = result.load_fit
    cols = st.columns(4)
    cols[0].metric(
        "Capacity",
        f"{fit.capacity_relaxed_l:.1f}–{fit.capacity_stretched_l:.1f} L",
        help="All pockets, relaxed → stretched to their limit",
    )
    cols[1].metric(
        "The kit",
        "fits" if fit.fits else f"{len(fit.unplaced)} items do not fit",
        help=f"{len(fit.placements)} items placed, {fit.load_mass_g:.0f} g",
    )
    cols[2].metric("Carried", f"{result.carried_mass.m_as('g'):.0f} g", help="Vest + load")
    cols[3].metric(
        "Balance",
        f"{fit.front_share:.0%} front",
        f"{fit.left_share:.0%} left",
        delta_color="off",
        delta_arrow="off",
    )
    if not fit.fits:
        st.warning(
            "**Does not fit:** "
            + "; ".join(f"{label}: {reason}" for label, _, reason in fit.unplaced)
        )

    rows = pd.DataFrame(breakdown_rows(result.parts))
    chart = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=alt.X("grams:Q", title="grams"),
            y=alt.Y(
                "part:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)
            ),
            color=alt.Color("category:N", title=None),
            tooltip=["part", alt.Tooltip("grams:Q", format=".1f"), "category", "material"],
        )
        .properties(height=max(220, 18 * len(rows)), title="Where each gram goes")
    )
    left, right = st.columns([3, 2])
    left.altair_chart(chart, width="stretch")
    with right:
        names = {f.id: f.name for f in library().fabrics.values()}
        st.image(pattern_svg(result.pattern, design, names), caption="Flat pattern, to scale")
        by_material = pd.DataFrame(
            [
                {"material": k, "grams": round(v.m_as("g"), 1)}
                for k, v in sorted(result.weight_by_material.items(), key=lambda kv: -kv[1].m)
            ]
        )
        st.dataframe(by_material, hide_index=True, key="by_material")
    garment_names = {g.id: g.name for g in library().garments.values()}
    curves = pd.DataFrame(packing_rows(result, garment_names))
    packed_chart = (
        alt.Chart(curves)
        .mark_line()
        .encode(
            x=alt.X("pressure_kPa:Q", scale=alt.Scale(type="log"), title="squeeze pressure [kPa]"),
            y=alt.Y("litres:Q", title="packed volume [L]"),
            color=alt.Color("what:N", title=None),
            strokeDash=alt.condition(
                alt.datum.what == "solid floor (this vest)", alt.value([4, 3]), alt.value([1, 0])
            ),
            tooltip=[
                "what",
                alt.Tooltip("pressure_kPa:Q", format=".1f"),
                alt.Tooltip("litres:Q", format=".3f"),
            ],
        )
        .properties(height=300, title="Packed volume over pressure")
    )
    rule = (
        alt.Chart(pd.DataFrame({"pressure_kPa": [result.packed_pressure.m_as("kPa")]}))
        .mark_rule(strokeDash=[2, 2])
        .encode(x="pressure_kPa:Q")
    )
    st.altair_chart(packed_chart + rule, width="stretch")
    st.subheader("Where the load goes")
    left, right = st.columns([3, 2])
    left.image(placement_svg(fit, design), caption="Pockets to scale, filled to their share")
    with right:
        low, high = fit.fit_range_cm
        dx, dy = fit.com_offset_cm
        st.markdown(
            f"- load **{fit.load_mass_g:.0f} g**: {fit.front_share:.0%} in front, "
            f"{fit.left_share:.0%} on the left\n"
            f"- centre of mass of the load: {dx:+.1f} cm to the left, {dy:+.1f} cm to the front "
            "of mid-torso\n"
            f"- fits chests of **{low:.0f}–{high:.0f} cm** (the runner: {fit.body_chest_cm:g} cm"
            f"{'' if fit.body_fits else ', OUTSIDE the range'})"
        )
        pockets = pd.DataFrame(
            [
                {
                    "pocket": c.pocket.name,
                    "fill L": round(fit.pocket_volume_l[c.pocket.name], 2),
                    "of L": round(c.stretched_l, 2),
                    "g": round(fit.pocket_mass_g[c.pocket.name]),
                    "kPa on body": round(fit.pocket_pressure_kpa.get(c.pocket.name, 0.0), 1),
                    "stretch limited by": c.limited_by,
                }
                for c in fit.capacities
            ]
        )
        st.dataframe(pockets, hide_index=True, key="pockets_table")
        st.caption(
            "Comfort: 1.3 kPa appropriate, 2.0 kPa daily maximum, 3.3 kPa sportswear maximum."
        )
    if design.comparisons:
        st.subheader("Compared with vests of its class")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "vest": c.name,
                        "mass g": c.mass_g,
                        "capacity L": c.capacity_l,
                        "this design": f"{grams / c.mass_g - 1:+.0%}",
                        "source": c.source,
                    }
                    for c in design.comparisons
                ]
            ),
            hide_index=True,
            key="comparisons",
        )
    with st.expander("Where the figures come from"):
        used = sorted({p.material for p in result.parts})
        for material in used:
            record = library().fabrics.get(material) or library().trims.get(material)
            provenance = record.provenance
            flag = " — **assumption**" if provenance.assumption else ""
            st.markdown(f"**{record.name}** (`{material}`){flag}")
            for source in provenance.sources:
                st.markdown(f"- {source}")
            if provenance.assumption:
                which = ", ".join(provenance.assumed_fields) or "the whole record"
                st.caption(f"Assumed ({which}): {provenance.note}")
        for note in result.notes:
            st.caption(note)


def materials_tab() -> None:
    kind = st.radio(
        "Records", list(KIND_LABELS), format_func=KIND_LABELS.get, horizontal=True, key="lib_kind"
    )
    query = st.text_input(
        "Search", key="lib_search", placeholder="id, name, construction, fibre, source…"
    )
    table = library_table(kind)
    if query:
        haystack = table.apply(lambda row: " ".join(map(str, row.values)), axis=1).str.lower()
        table = table[haystack.str.contains(query.lower(), regex=False)]
    st.caption(
        f"{len(table)} of {len(getattr(library(), kind))} records. "
        "Every figure has a source, or is flagged as an assumption with a note."
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
    chosen = st.selectbox("Where do the figures come from?", table["id"], key="lib_detail")
    record = getattr(library(), kind)[chosen]
    provenance = record.provenance
    st.markdown(f"**{record.name}**")
    for source in provenance.sources:
        st.markdown(f"- {source}")
    if provenance.assumption:
        which = ", ".join(provenance.assumed_fields) or "the whole record"
        st.warning(f"Assumption ({which}): {provenance.note}")
    with st.expander("All fields"):
        st.json(record_as_dict(record))


def calculator_tab() -> None:
    structure = st.radio("Structure", ["woven", "knit"], horizontal=True, key="calc_structure")
    left, right = st.columns([2, 1])
    if structure == "woven":
        with left:
            ends = st.slider("Ends per cm (warp)", 10.0, 200.0, 65.0, 0.5, key="woven_ends")
            picks = st.slider("Picks per cm (weft)", 10.0, 200.0, 65.0, 0.5, key="woven_picks")
            warp_den = st.slider("Warp yarn [denier]", 5, 1000, 20, key="woven_warp_den")
            weft_den = st.slider("Weft yarn [denier]", 5, 1000, 20, key="woven_weft_den")
            warp_crimp = st.slider("Warp crimp [%]", 0.0, 20.0, 0.0, 0.5, key="woven_warp_crimp")
            weft_crimp = st.slider("Weft crimp [%]", 0.0, 20.0, 0.0, 0.5, key="woven_weft_crimp")
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
            st.metric("Areal density", f"{gsm:.1f} g/m²")
            st.metric("Areal density (imperial)", f"{Q_(gsm, 'gsm').m_as('osy'):.2f} oz/yd²")
            st.metric(
                "Cover factor warp + weft (tex system)", f"{cover_warp:.1f} + {cover_weft:.1f}"
            )
            st.caption(
                "GSM = [EPC·Tt_warp·(1+c_warp) + PPC·Tt_weft·(1+c_weft)] / 10. "
                "Plain weave is easy to weave at K = 12 + 12 and jams near 16 + 16."
            )
    else:
        with left:
            courses = st.slider("Courses per cm", 5.0, 40.0, 22.0, 0.5, key="knit_courses")
            wales = st.slider("Wales per cm", 5.0, 40.0, 16.0, 0.5, key="knit_wales")
            loop = st.slider("Loop length [mm]", 1.0, 6.0, 2.0, 0.05, key="knit_loop")
            tex = st.slider("Yarn [tex]", 1.0, 60.0, 7.8, 0.1, key="knit_tex")
        gsm = float(textile.knit_areal_density(courses, wales, loop, tex))
        tightness = float(textile.knit_tightness_factor(tex, loop))
        with right:
            st.metric("Areal density", f"{gsm:.1f} g/m²")
            st.metric("Areal density (imperial)", f"{Q_(gsm, 'gsm').m_as('osy'):.2f} oz/yd²")
            st.metric("Tightness factor", f"{tightness:.2f} √tex/mm")
            st.caption(
                "GSM = CPC·WPC·l·Tt / 100; TF = √Tt / l. "
                "Plain single-jersey knits run at TF 1.3–1.5."
            )


if "base_design" not in st.session_state:
    st.session_state.preset = DEFAULT_PRESET
    load_preset(DEFAULT_PRESET)

st.title("packcalc")
st.caption("Weight, packed volume and load fit of ultralight running vests, from fabric specs.")
sidebar_controls()
tab_design, tab_library, tab_calculator = st.tabs(
    ["Vest", "Materials library", "Areal-density calculator"]
)
with tab_design:
    answers = st.container()  # filled once the load editor below has been read
    items_table, custom_table = load_editor()
    design, error = current_design(items_table, custom_table)
    with answers:
        design_tab(design, error)
with tab_library:
    materials_tab()
with tab_calculator:
    calculator_tab()
