"""packcalc designer app (Streamlit): the views of ``packcalc.ui.views``, wired.

Run with ``./run.sh app`` (or ``streamlit run app.py``). Each view is a page of
``st.navigation``: only the page on screen runs. The language and the unit system are
chosen at the top of the sidebar, kept in the session (``packcalc.ui.session``) and in
the page's address.
"""

from __future__ import annotations

import streamlit as st

from packcalc.ui import compute, session
from packcalc.ui.display import SYSTEMS
from packcalc.ui.i18n import LANGUAGES
from packcalc.ui.views import calculator, compare, explore, library, made_where, vest

st.set_page_config(page_title="packcalc", page_icon="🎽", layout="wide")
session.init(compute.presets()[session.DEFAULT_PRESET])
session.commit_table_edits()  # an edit of a table is kept even if the page changes
f = session.fmt()


def choose(store: str, key: str) -> None:
    st.session_state[store] = st.session_state[key]


with st.sidebar:
    left, right = st.columns(2)
    key = f"lang.{f.lang}"
    left.radio(
        "Language / langue",
        list(LANGUAGES),
        index=list(LANGUAGES).index(f.lang),
        format_func=LANGUAGES.get,
        key=key,
        on_change=choose,
        args=("pc.lang", key),
    )
    key = f"units.{f.lang}.{f.system}"
    right.radio(
        f.t("Units"),
        SYSTEMS,
        index=SYSTEMS.index(f.system),
        format_func=f.t,
        key=key,
        on_change=choose,
        args=("pc.units", key),
    )
    session.uploader_text(f)

pages = [
    st.Page(vest.page, title=f.t("Vest"), url_path="vest", default=True),
    st.Page(explore.page, title=f.t("Explore"), url_path="explore"),
    st.Page(made_where.page, title=f.t("Made where"), url_path="made-where"),
    st.Page(compare.page, title=f.t("Compare A/B"), url_path="compare"),
    st.Page(library.page, title=f.t("Materials library"), url_path="library"),
    st.Page(calculator.page, title=f.t("Areal-density calculator"), url_path="calculator"),
]
page = st.navigation(pages)
session.keep_in_address()  # after the navigation: a page change keeps them too
page.run()
