"""Widgets bound to a canonical value of the session (``pc.values``).

Each widget shows the canonical value converted to the display unit, under a key made
by :func:`packcalc.ui.session.key` (name, language, units, design version), and its
callback writes the designer's change back, converted to the canonical unit. A widget
value that differs from the canonical one by less than half a step (the display's own
rounding) is not written back: showing a value never changes the design.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from packcalc.ui import session
from packcalc.ui.display import Fmt, from_display, to_display


def _commit(
    name: str, key: str, kind: str | None, system: str, step: float, store: str = "pc.values"
) -> None:
    shown = st.session_state.get(key)
    values = st.session_state[store]
    if shown is None or kind is None:
        values[name] = shown
        return
    old = values.get(name)
    if old is not None and abs(_snap(to_display(kind, old, system), step) - float(shown)) < (
        step / 2 - 1e-12
    ):
        return  # the display's rounding, not a move
    values[name] = from_display(kind, float(shown), system)


def _snap(value: float, step: float) -> float:
    """A value on the widget's grid of steps (what it can show and step from)."""
    return round(round(value / step) * step, 6) if step else value


def slider(
    name: str,
    label: str,
    kind: str | None,
    low: float,
    high: float,
    step: float,
    f: Fmt,
    digits: int = 1,
    help: str | None = None,
    on_change: Callable[[], None] | None = None,
    store: str = "pc.values",
) -> Any:
    """A slider over a canonical value in ``[low, high]`` (canonical units), shown in
    the display unit of ``kind`` with ``step`` (display units); ``store`` is the session
    dict that holds the value."""
    value = float(st.session_state[store][name])
    shown = _snap(to_display(kind, value, f.system), step) if kind else value
    low_d = math.ceil((to_display(kind, low, f.system) if kind else low) / step - 1e-9) * step
    high_d = math.floor((to_display(kind, high, f.system) if kind else high) / step + 1e-9) * step
    key = session.key(name)
    return st.slider(
        label,
        min_value=float(round(min(low_d, shown), 6)),
        max_value=float(round(max(high_d, shown), 6)),
        value=float(shown),
        step=float(step),
        format=f"%.{digits}f",
        key=key,
        help=help,
        on_change=_then(_commit, on_change),
        args=(name, key, kind, f.system, step, store),
    )


def number(
    name: str,
    label: str,
    kind: str | None,
    f: Fmt,
    step: float,
    digits: int = 1,
    minimum: float | None = None,
    help: str | None = None,
    placeholder: str | None = None,
    on_change: Callable[[], None] | None = None,
) -> None:
    """A number input over a canonical value (``None`` allowed: an empty box)."""
    value = session.values()[name]
    shown = None if value is None else (to_display(kind, value, f.system) if kind else value)
    key = session.key(name)
    integer = digits == 0 and kind is None
    st.number_input(
        label,
        min_value=minimum,
        value=(int(shown) if integer and shown is not None else shown),
        step=int(step) if integer else step,
        format=None if integer else f"%.{digits}f",
        key=key,
        help=help,
        placeholder=placeholder,
        on_change=_then(_commit, on_change),
        args=(name, key, kind, f.system, 0.0),  # any change of a typed number counts
    )


def select(
    name: str,
    label: str,
    options: Sequence[Any],
    format_func: Callable[[Any], str],
    help: str | None = None,
    on_change: Callable[[], None] | None = None,
    radio: bool = False,
) -> None:
    """A selectbox (or a horizontal radio) over a canonical choice."""
    value = session.values()[name]
    options = list(options)
    key = session.key(name)
    widget = st.radio if radio else st.selectbox
    extra = {"horizontal": True} if radio else {}
    widget(
        label,
        options,
        index=options.index(value) if value in options else 0,
        format_func=format_func,
        key=key,
        help=help,
        on_change=_then(_commit, on_change),
        args=(name, key, None, "metric", 0.0),
        **extra,
    )


def _then(first: Callable[..., None], then: Callable[[], None] | None) -> Callable[..., None]:
    if then is None:
        return first

    def both(*args: Any) -> None:
        first(*args)
        then()

    return both


def stops(
    name: str,
    label: str,
    options: Sequence[float],
    format_func: Callable[[float], str],
    help: str | None = None,
    store: str = "pc.values",
) -> None:
    """A slider over a canonical value that stops at ``options`` (and at the value
    itself when it is not one of them)."""
    value = float(st.session_state[store][name])
    choices = sorted({*map(float, options), value})
    key = session.key(name)
    st.select_slider(
        label,
        choices,
        value=value,
        format_func=format_func,
        key=key,
        help=help,
        on_change=_commit,
        args=(name, key, None, "metric", 0.0, store),
    )


def _commit_text(name: str, key: str, kind: str, system: str, where: str) -> None:
    from packcalc.errors import PackcalcError
    from packcalc.ui.state import parse_number

    try:
        number = parse_number(st.session_state.get(key), where)
    except PackcalcError as exc:
        st.session_state["pc.input_error"] = str(exc)
        return
    st.session_state["pc.input_error"] = None
    st.session_state["pc.values"][name] = (
        None if number is None else from_display(kind, number, system)
    )


def optional_number(
    name: str,
    label: str,
    kind: str,
    f: Fmt,
    placeholder: str,
    where: str,
    help: str | None = None,
) -> None:
    """A figure that may be left empty (``None``: not given), typed as text in the
    display unit: an empty box can always be emptied again, unlike a number box. A typed
    text that is not a number is refused, naming ``where`` (its design-file path)."""
    value = session.values()[name]
    shown = "" if value is None else f.number(kind, value)
    key = session.key(name)
    st.text_input(
        label,
        value=shown,
        key=key,
        placeholder=placeholder,
        help=help,
        on_change=_commit_text,
        args=(name, key, kind, f.system, where),
    )
