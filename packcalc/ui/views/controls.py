"""The design's controls in the sidebar: preset or file, size, pattern, pressure, fabrics.

Shown on the pages that work on the design (Vest, Explore, Made where). Every control is
bound to a canonical value (``packcalc.ui.widgets``); replacing the design (a preset, a
file, a new size) makes every control anew from the new values.
"""

from __future__ import annotations

import re

import streamlit as st

from packcalc.design import MAX_FILE_BYTES, PANEL_GROUPS, Design, design_from_toml
from packcalc.errors import PackcalcError
from packcalc.packing import NAMED_PRESSURES
from packcalc.pattern import OPTION_SPECS
from packcalc.ui import compute, names, session, state, widgets
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_

GROUP_LABELS = {
    "back": N_("Back panel"),
    "strap": N_("Shoulder straps"),
    "front": N_("Front panels"),
    "wing": N_("Side wings"),
}
CURRENT = "(current)"
# The squeeze pressure's stops [kPa], evenly spread on a log scale, with the named ones.
PRESSURE_STOPS = sorted(
    {0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0, 15.0, 20.0, 30.0, 50.0, 75.0, 100.0}
    | {kpa for kpa, _source in NAMED_PRESSURES.values()}
)


def design_name(design: Design, f: Fmt, source: tuple[str, str] | None = None) -> str:
    """The name of a design: a preset's in the language, a file's as written, with where
    it came from (``source``, default: the page's); in imperial units, the litres a name
    holds also in cubic inches."""
    kind, what = source or st.session_state["pc.source"]
    if kind == "preset":
        return with_litres(names.preset(what, f.lang, design.name), design.name, f)
    name = with_litres(design.name, design.name, f)
    if kind == "file":
        return f.t("{name} (file {file})", name=name, file=what)
    if kind == "front":
        return f.t("{name}, from the trade-off front", name=name)
    return f.t("{name}, lightest for the brief", name=name)


def with_litres(shown: str, name: str, f: Fmt) -> str:
    """``Race 5 L`` in imperial units: ``Race 5 L (305 in³)`` (both on purpose: the name
    says the class of the vest)."""
    litres = re.search(r"(\d+(?:\.\d+)?) L\b", name)
    if f.system == "imperial" and litres:
        return f"{shown} ({f.q('capacity', float(litres[1]))})"
    return shown


def design_description(design: Design, f: Fmt) -> str:
    kind, what = st.session_state["pc.source"]
    return names.preset_description(what if kind == "preset" else None, f.lang, design.description)


def preset_label(preset_id: str, f: Fmt) -> str:
    """A preset's name in the language and units."""
    design = compute.presets()[preset_id]
    return with_litres(names.preset(preset_id, f.lang, design.name), design.name, f)


def _on_preset(key: str) -> None:
    chosen = st.session_state[key]
    if chosen in compute.presets():
        session.replace_design(compute.presets()[chosen], ("preset", chosen))


def _on_upload() -> None:
    """Open an uploaded design; a bad file leaves the current design as it is."""
    upload = st.session_state.get("upload")
    st.session_state["pc.upload_error"] = None
    if upload is None:
        return
    data = upload.getvalue()
    try:
        if len(data) > MAX_FILE_BYTES:
            raise PackcalcError(
                upload.name, f"expected a design file under {MAX_FILE_BYTES // 1024} kB"
            )
        design = design_from_toml(data, compute.library(), source=upload.name)
    except PackcalcError as exc:
        st.session_state["pc.upload_error"] = str(exc)
        return
    session.replace_design(design, ("file", upload.name))


def _regrade(change: callable) -> None:
    """Apply ``change`` to the values (a size or a measurement); the option sliders are
    graded from the old body to the new one, as a pattern maker grades a pattern."""
    values = session.values()
    library = compute.library()
    try:
        old = state.body_from_values(values, library)
    except PackcalcError:
        old = None
    change(values)
    try:
        new = state.body_from_values(values, library)
    except PackcalcError:
        return  # the page shows what is wrong with the measurement
    if old is not None:
        values.update(state.regrade(values, old, new))
    st.session_state["pc.version"] += 1  # every slider shows its graded value


def _on_size(key: str) -> None:
    def change(values: dict) -> None:
        chosen = st.session_state[key]
        if chosen == state.CUSTOM and values["size"] != state.CUSTOM:
            body = state.body_from_values(values, compute.library())
            values["chest"], values["back_length"] = body.chest, body.back_length
        values["size"] = chosen

    _regrade(change)


def _on_measure(name: str, key: str, system: str) -> None:
    def change(values: dict) -> None:
        shown = st.session_state.get(key)
        if shown is not None:
            values[name] = session.fmt().metric("length", float(shown))

    _regrade(change)


def design_controls(f: Fmt) -> None:
    """The sidebar's design controls: which design (a preset or a file) and its size.
    A change replaces the design or grades it: the whole page runs again."""
    library = compute.library()
    values = session.values()
    with st.sidebar:
        st.subheader(f.t("The design"))
        presets = list(compute.presets())
        kind, what = st.session_state["pc.source"]
        options = presets if kind == "preset" else [CURRENT, *presets]
        current = design_name(st.session_state["pc.base"], f)
        labels = {p: preset_label(p, f) for p in presets}
        key = session.key("preset")
        st.selectbox(
            f.t("Preset"),
            options,
            index=options.index(what) if kind == "preset" else 0,
            format_func=lambda p: current if p == CURRENT else labels[p],
            key=key,
            on_change=_on_preset,
            args=(key,),
        )
        st.file_uploader(
            f.t("Open a design (TOML)"),
            type=["toml"],
            key="upload",
            on_change=_on_upload,
            help=f.t(
                "A design file saved by packcalc (Design (TOML) below), at most {size}.",
                size=f"{MAX_FILE_BYTES // 1024}{f.sp}{f.t('kB')}",
            ),
        )
        sizes = [*library.sizes, state.CUSTOM]
        key = session.key("size")
        st.radio(
            f.t("Size"),
            sizes,
            index=sizes.index(values["size"]) if values["size"] in sizes else 0,
            format_func=lambda s: f.t(s) if s == state.CUSTOM else s,
            key=key,
            horizontal=True,
            on_change=_on_size,
            args=(key,),
        )
        if values["size"] == state.CUSTOM:
            for name, label in (
                ("chest", N_("Chest circumference")),
                ("back_length", N_("Back length")),
            ):
                key = session.key(name)
                shown = f.value("length", values[name])
                st.number_input(
                    f.label(label, "length"),
                    value=shown,
                    step=0.5,
                    format="%.1f",
                    key=key,
                    on_change=_on_measure,
                    args=(name, key, f.system),
                )


def knobs(f: Fmt) -> None:
    """The pattern's sliders (in the Vest page's fragment, with the answers they move: a
    move runs only that part of the page)."""
    with st.container(border=True):
        st.markdown(f"**{f.t('Pattern')}**")
        for name, spec in OPTION_SPECS.items():
            widgets.slider(
                f"opt_{name}",
                f.label(spec.description.capitalize(), "length"),
                "length",
                spec.minimum,
                spec.maximum,
                0.1,
                f,
            )


def material_controls(f: Fmt) -> None:
    """The squeeze pressure and the fabrics, in the sidebar (a change runs the page)."""
    library = compute.library()
    values = session.values()
    with st.sidebar:
        named = f.semicolon.join(
            f"{f.t(name)} {f.num(kpa, 0)}{f.sp}kPa" for name, (kpa, _s) in NAMED_PRESSURES.items()
        )
        widgets.stops(
            "pressure",
            f.label("Squeeze pressure", unit="kPa"),
            PRESSURE_STOPS,
            lambda kpa: f.num(kpa, 1 if kpa < 1 else 0 if kpa == int(kpa) else 1),
            help=f"{f.t('The pressure the packed vest is squeezed at')}{f.colon} {named}.",
        )
        with st.expander(f.t("Fabrics"), expanded=True):
            fabric_ids = list(library.fabrics)
            for group in PANEL_GROUPS:
                widgets.select(
                    f"fabric_{group}",
                    f.t(GROUP_LABELS[group]),
                    fabric_ids,
                    lambda fid: (
                        f"{names.fabric(fid, f.lang)} "
                        f"({f.q('areal', library.fabrics[fid].areal_density_gsm)})"
                    ),
                )
                left, right = st.columns([2, 3])
                with left:
                    # No floor in the widget: a 0 reaches the design's check, which says
                    # what it takes (1 to 4) and keeps the last good design.
                    widgets.number(f"layers_{group}", f.t("Layers"), None, f, 1, digits=0)
                with right:
                    own = library.fabrics[values[f"fabric_{group}"]].areal_density_gsm
                    widgets.optional_number(
                        f"gsm_{group}",
                        f.label("Areal density override", "areal"),
                        "areal",
                        f,
                        placeholder=f.t("none ({own})", own=f.q("areal", own)),
                        where=f"panels.{group}.areal_density",
                        help=f.t("Empty: the fabric's own areal density."),
                    )
