"""packcalc designer app (Streamlit). UI only: every number comes from the packcalc package.

Run with ``./run.sh app`` (or ``streamlit run app.py``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from packcalc import textile
from packcalc.library import load_library, record_as_dict
from packcalc.units import Q_

st.set_page_config(page_title="packcalc", page_icon="🎽", layout="wide")

KIND_LABELS = {
    "fabrics": "Fabrics",
    "fibres": "Fibres",
    "trims": "Trims",
    "items": "Load items",
}
# Columns shown per kind (units in the names); provenance columns come last.
COLUMNS = {
    "fabrics": [
        "id",
        "name",
        "construction",
        "composition",
        "areal_density_gsm",
        "thickness_mm",
        "stretch_warp",
        "stretch_weft",
    ],
    "fibres": ["id", "name", "density_g_cm3", "moisture_regain", "modulus_gpa"],
    "trims": ["id", "name", "kind", "mass_g", "linear_mass_g_m", "areal_mass_gsm"],
    "items": ["id", "name", "category", "mass_g", "volume_l", "shape", "rigid"],
}


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


def materials_tab() -> None:
    kind = st.radio(
        "Records", list(KIND_LABELS), format_func=KIND_LABELS.get, horizontal=True, key="lib_kind"
    )
    query = st.text_input(
        "Search", key="lib_search", placeholder="id, name, construction, fibre, source…"
    )
    table = library_table(kind)
    if query:
        haystack = table.astype(str).agg(" ".join, axis=1).str.lower()
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


st.title("packcalc")
st.caption("Weight, packed volume and load fit of ultralight running vests, from fabric specs.")
tab_library, tab_calculator = st.tabs(["Materials library", "Areal-density calculator"])
with tab_library:
    materials_tab()
with tab_calculator:
    calculator_tab()
