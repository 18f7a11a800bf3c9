"""The page's caches, shared by every session of the server.

``cache_resource`` holds only immutable objects (the materials library, the footprint
factors, the presets: frozen records read once). ``cache_data`` holds plain, small
results (:mod:`packcalc.ui.results`) keyed by the design's TOML text: each call gets its
own copy, so no session can change what another sees. Importing this module computes
nothing.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from packcalc.design import Design, load_preset, preset_names
from packcalc.footprint_data import read_footprint
from packcalc.library import Library, load_library
from packcalc.ui import results


@st.cache_resource(show_spinner=False)
def library() -> Library:
    return load_library()


@st.cache_resource(show_spinner=False)
def footprint_data() -> Any:
    return read_footprint()


@st.cache_resource(show_spinner=False)
def presets() -> dict[str, Design]:
    """The preset designs by id (frozen dataclasses)."""
    return {name: load_preset(name, library()) for name in preset_names()}


@st.cache_data(max_entries=512, show_spinner=False)
def vest(key: str, _design: Design) -> dict[str, Any]:
    """:func:`packcalc.ui.results.vest_figures` of the design whose TOML text is ``key``."""
    return results.vest_figures(_design, library(), load_fit(results.fit_key(_design), _design))


@st.cache_data(max_entries=256, show_spinner=False)
def load_fit(key: str, _design: Design) -> Any:
    """The load fit (``packcalc.fit.LoadFit``) of the designs whose :func:`packcalc.ui.
    results.fit_key` is ``key``: a slider that does not change it does not place the
    load again. Each call gets its own copy."""
    from packcalc.fit import fit_load

    return fit_load(_design, library())


@st.cache_data(max_entries=128, show_spinner=False)
def sensitivity(key: str, _design: Design) -> list[dict[str, Any]]:
    return results.sensitivity_rows(_design, library())


@st.cache_data(max_entries=256, show_spinner=False)
def supply_chain(
    key: str,
    made_in: str,
    others: tuple[str, ...],
    air_shares: tuple[float, ...],
    _design: Design,
    chains: tuple[str, ...] = (),
    own: tuple[tuple[str, Any], ...] = (),
) -> dict[str, Any]:
    """:func:`packcalc.ui.results.supply_chain` of the design whose TOML text is ``key``."""
    return results.supply_chain(
        _design, library(), made_in, others, air_shares, footprint_data(), chains, own
    )


@st.cache_data(show_spinner=False)
def library_rows(kind: str) -> list[dict[str, Any]]:
    return results.library_rows(library(), kind)


@st.cache_data(max_entries=512, show_spinner=False)
def pattern_svg(key: str, lang: str, system: str, _design: Design) -> str:
    """The flat pattern of the design ``key`` drawn in a language and unit system (drafted
    and drawn only when asked for: the pattern view or its download)."""
    from packcalc.ui.display import Fmt
    from packcalc.ui.figures import pattern_svg as draw

    return draw(results.pattern_geometry(_design, library=library()), Fmt(lang, system))


@st.cache_data(max_entries=256, show_spinner=False)
def flats(key: str, _design: Design) -> dict[str, Any]:
    """:func:`packcalc.ui.results.flat_geometry` of the design whose TOML text is ``key``."""
    return results.flat_geometry(_design)
