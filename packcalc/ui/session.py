"""One designer's session: language, units, the design on the page and its tables.

What the session keeps (plain ``st.session_state`` keys, never widget keys):

- ``pc.lang``, ``pc.units``: the language and the unit system;
- ``pc.values``: the design's canonical values (cm, kPa, g/m², ids: see
  :func:`packcalc.ui.state.widget_values`) and ``pc.tables`` its canonical tables
  (metric);
- ``pc.base``: the design the values apply to, ``pc.source`` where it came from (a
  preset, a file, the optimiser), ``pc.version``: bumped whenever the design is replaced.

Every widget that shows a design value has a key with the language, the unit system
and the version in it (:func:`key`), gets its value from the canonical one converted
to the display unit, and writes back what the designer changes (``packcalc.ui.widgets``).
A unit or language switch only makes new widgets from the same canonical values.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from packcalc.design import Design
from packcalc.errors import PackcalcError
from packcalc.ui import state
from packcalc.ui.display import SYSTEMS, Fmt
from packcalc.ui.i18n import LANGUAGES
from packcalc.ui.results import design_key

DEFAULT_PRESET = "race-5l"


def ss() -> Any:
    return st.session_state


def init(first_design: Design) -> None:
    """Language, units and the first design of a new session."""
    s = st.session_state
    if "pc.lang" not in s:
        # A reload or a shared link keeps the language and units of its address.
        lang, units = st.query_params.get("lang"), st.query_params.get("units")
        s["pc.lang"] = lang if lang in LANGUAGES else "en"
        s["pc.units"] = units if units in SYSTEMS else "metric"
        s["pc.version"] = 0
        s["pc.table_versions"] = dict.fromkeys(state.TABLES, 0)
        s["pc.compare"] = {}
    if "pc.base" not in s:
        replace_design(first_design, ("preset", DEFAULT_PRESET))


def keep_in_address() -> None:
    """The language and units in the page's address (``?lang=fr&units=imperial``), so
    that a reload or a copied link opens in them."""
    wanted = {"lang": st.session_state["pc.lang"], "units": st.session_state["pc.units"]}
    if {k: st.query_params.get(k) for k in wanted} != wanted:
        st.query_params.update(wanted)


def fmt() -> Fmt:
    """Text and figures in the session's language and units."""
    return Fmt(st.session_state["pc.lang"], st.session_state["pc.units"])


def key(name: str) -> str:
    """A widget key: the value's name, the language, the units and the design version."""
    s = st.session_state
    return f"{name}.{s['pc.lang']}.{s['pc.units']}.{s['pc.version']}"


def table_key(name: str) -> str:
    s = st.session_state
    return f"table.{name}.{s['pc.lang']}.{s['pc.units']}.{s['pc.version']}." + str(
        s["pc.table_versions"][name]
    )


def values() -> dict[str, Any]:
    return st.session_state["pc.values"]


def tables() -> dict[str, Any]:
    return st.session_state["pc.tables"]


def replace_design(design: Design, source: tuple[str, str]) -> None:
    """Put a new design in the page (a preset, a file, the optimiser's): its values and
    tables become the canonical state, and every widget is made anew."""
    s = st.session_state
    s["pc.base"] = design
    s["pc.last_good"] = design
    s["pc.values"] = state.widget_values(design)
    s["pc.tables"] = state.design_tables(design)
    s["pc.version"] = s.get("pc.version", 0) + 1
    s["pc.source"] = source
    s["pc.upload_error"] = None
    s["pc.memo"] = None


def commit_table_edits() -> None:
    """Write the data editors' pending edits into the canonical tables (figures from the
    display units back to metric); the edited table's editor is then made anew."""
    s = st.session_state
    changed = {}
    for name in state.TABLES:
        edits = s.get(table_key(name))
        if state.has_edits(edits):
            s["pc.table_error"] = None
            try:
                changed[name] = state.apply_edits(s["pc.tables"][name], edits, name, fmt())
            except PackcalcError as exc:
                s["pc.table_error"] = str(exc)
                changed[name] = s["pc.tables"][name]  # the editor starts again from it
    if not changed:
        return
    tables_now = dict(s["pc.tables"])
    versions = dict(s["pc.table_versions"])
    if "pockets" in changed:
        renames = state.renamed_pockets(tables_now["pockets"], changed["pockets"])
        for name in ("load_items", "load_custom"):
            if renames:
                changed[name] = state.follow_renames(changed.get(name, tables_now[name]), renames)
    for name, table in changed.items():
        tables_now[name] = table
        versions[name] += 1
    s["pc.tables"] = tables_now
    s["pc.table_versions"] = versions


def _table_parts(values: dict[str, Any]) -> dict[str, Any]:
    """The design's parts read from its tables, read again only when a table or the load
    list changes (not on every slider move)."""
    from packcalc.ui import compute

    s = st.session_state
    stamp = (
        s["pc.version"],
        tuple(sorted(s["pc.table_versions"].items())),
        s["pc.values"].get("load_list"),
    )
    memo = s.get("pc.parts")
    if memo is None or memo[0] != stamp:
        memo = (stamp, state.table_parts(s["pc.base"], values, compute.library()))
        s["pc.parts"] = memo
    return memo[1]


def design(library: Any) -> tuple[Design, str | None, str]:
    """The design the canonical state describes, or the last one that worked and the
    error; with its cache key. Remembered until the state changes."""
    s = st.session_state
    stamp = (
        s["pc.version"],
        tuple(sorted(s["pc.table_versions"].items())),
        tuple(sorted((k, repr(v)) for k, v in s["pc.values"].items())),
    )
    memo = s.get("pc.memo")
    if memo is not None and memo[0] == stamp:
        return memo[1]
    try:
        values = {**s["pc.values"], **state.table_values(s["pc.tables"])}
        built = state.design_from_values(s["pc.base"], values, library, _table_parts(values))
        error = None
        s["pc.last_good"] = built
    except PackcalcError as exc:
        built, error = s["pc.last_good"], str(exc)
    out = (built, error, design_key(built))
    s["pc.memo"] = (stamp, out)
    return out


def uploader_text(f: Fmt) -> None:
    """Streamlit writes its file uploader's own words in English, and the server's 1 MB
    limit where the page refuses design files over 256 kB: write them as the page does."""
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    limit = '[data-testid="stFileUploaderDropzoneInstructions"]'
    st.html(
        "<style>"
        f"{limit} span {{display: none;}}"
        f'{limit} > div::after {{content: "{f.t("TOML, 256 kB at most")}"; font-size: 0.875rem;}}'
        + (
            f"{button} {{font-size: 0;}}"
            f'{button}::after {{content: "{f.t("Browse")}"; font-size: 0.875rem;}}'
            if f.lang != "en"
            else ""
        )
        + "</style>"
    )
