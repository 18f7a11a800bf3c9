"""The page's design state: canonical values ↔ design, and the editable tables.

The page keeps the design it shows as *canonical values* (cm, kPa, g/m², ids: the
units of :class:`~packcalc.design.Design`) and *canonical tables* (pandas, metric), and
never converts them in place: widgets show them converted to the chosen units and
write back what the designer changes. A unit or language switch therefore leaves the
design untouched.

Every value goes into the design through the design file's own section readers
(``read_panels``, ``read_pockets``, ``read_trims``, ``read_load``, ``read_pressure``,
``read_body``) and the pattern's checks, so a value entered in the page meets the same
rules and messages as in a file. Nothing here imports streamlit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from packcalc.design import (
    PANEL_GROUPS,
    Design,
    body_for_size,
    read_body,
    read_load,
    read_panels,
    read_pockets,
    read_pressure,
    read_trims,
)
from packcalc.errors import PackcalcError
from packcalc.library import Library
from packcalc.pattern import OPTION_SPECS, Body, check_options, draft, grade_options
from packcalc.ui.display import Fmt

CUSTOM = "custom"
LOAD_NONE = "(none)"


# ------------------------------------------------------------------ values


def widget_values(design: Design) -> dict[str, Any]:
    """The canonical values of a design, as the page keeps them."""
    values: dict[str, Any] = {
        "size": design.size or CUSTOM,
        "chest": float(design.body.chest),
        "back_length": float(design.body.back_length),
        "pressure": float(design.squeeze_pressure_kpa),
        "load_list": design.load_list or LOAD_NONE,
    }
    for name in OPTION_SPECS:
        values[f"opt_{name}"] = float(design.options[name])
    for group in PANEL_GROUPS:
        spec = design.group_spec(group)
        values[f"fabric_{group}"] = spec.fabric
        values[f"layers_{group}"] = spec.layers
        values[f"gsm_{group}"] = spec.areal_density_gsm  # None: the fabric's own
    return values


class _Top:
    """A design file's top level as the section readers read it (``has``/``get``/``text``)."""

    def __init__(self, data: Mapping[str, Any]):
        self.data = dict(data)

    def has(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def text(self, key: str, default: str | None = None) -> str:
        return self.data.get(key, default)


def body_from_values(values: Mapping[str, Any], library: Library) -> Body:
    """The body of the values: a size of the size table, or custom measurements checked
    by the design file's reader (``body.chest``, ``body.back_length``)."""
    if values["size"] != CUSTOM:
        return body_for_size(values["size"], library, "size")
    raw = {
        "body": {
            "chest": f"{float(values['chest'])!r} cm",
            "back_length": f"{float(values['back_length'])!r} cm",
        }
    }
    body, _size = read_body(_Top(raw), library)
    return body


def regrade(values: Mapping[str, Any], old_body: Body, new_body: Body) -> dict[str, float]:
    """Option values graded from ``old_body`` to ``new_body`` by the pattern's grade
    rules (:func:`packcalc.pattern.grade_options`), each kept within its slider's limits."""
    options = {name: float(values[f"opt_{name}"]) for name in OPTION_SPECS}
    graded = grade_options(options, old_body, new_body)
    return {
        f"opt_{name}": min(max(value, OPTION_SPECS[name].minimum), OPTION_SPECS[name].maximum)
        for name, value in graded.items()
    }


def design_from_values(
    base: Design,
    values: Mapping[str, Any],
    library: Library,
    tables: Mapping[str, Any] | None = None,
) -> Design:
    """The design the values describe: ``base`` with body, options, panel fabrics,
    pressure and (when given) the tables replaced; ``tables`` the parts
    :func:`table_parts` already read from them.

    Raises
    ------
    PackcalcError
        When the combination does not make a vest (the girth does not close, a strap is
        wider than half the back, …) or a value is refused, naming the field.
    """
    body = body_from_values(values, library)
    options = {name: float(values[f"opt_{name}"]) for name in OPTION_SPECS}
    check_options(options)
    panels: dict[str, dict[str, Any]] = {}
    for group in PANEL_GROUPS:
        panels[group] = {
            "fabric": values[f"fabric_{group}"],
            "layers": int(values[f"layers_{group}"]),
            "construction": base.group_spec(group).construction,
        }
        override = values.get(f"gsm_{group}")
        if override is not None and not _blank(override):
            panels[group]["areal_density"] = f"{float(override)!r} g/m**2"
    checked_panels = read_panels(panels, library)
    pressure = read_pressure(f"{float(values['pressure'])!r} kPa")
    draft(body, options)  # refuses options that do not fit together
    parts = tables if tables is not None else table_parts(base, values, library)
    return dataclasses.replace(
        base,
        **parts,
        body=body,
        size=None if values["size"] == CUSTOM else values["size"],
        options=MappingProxyType(options),
        panels=checked_panels,
        squeeze_pressure_kpa=pressure,
    )


def table_parts(base: Design, values: Mapping[str, Any], library: Library) -> dict[str, Any]:
    """The parts of a design its tables and load list give (pockets, trims, load list,
    load, custom items, pins); the base design's where a table is not given."""
    load_list = values.get("load_list", base.load_list or LOAD_NONE)
    pockets, trims = base.pockets, base.trims
    if "pockets_table" in values:
        pockets = pockets_from_table(values["pockets_table"], library)
    if "trims_table" in values:
        trims = trims_from_table(values["trims_table"], library)
    listed = None if load_list == LOAD_NONE else load_list
    load, custom_items, pins = base.load, base.custom_items, base.pins
    if "load_items_table" in values:
        listed, load, custom_items, pins = load_from_tables(
            values["load_items_table"], values["load_custom_table"], library, pockets, listed
        )
    elif listed is not None:
        library.loadlist(listed, "load.list")
    return {
        "pockets": pockets,
        "trims": trims,
        "load_list": listed,
        "load": load,
        "custom_items": custom_items,
        "pins": pins,
    }


# ------------------------------------------------------------------ tables

ITEM_COLUMNS = ["item", "quantity", "pocket"]
CUSTOM_COLUMNS = [
    "name",
    "mass_g",
    "volume_l",
    "shape",
    "length_cm",
    "width_cm",
    "height_cm",
    "diameter_cm",
    "rigid",
    "reach",
    "pocket",
]
POCKET_COLUMNS = [
    "name",
    "location",
    "width_cm",
    "height_cm",
    "gusset_cm",
    "fabric",
    "closure",
    "reachable",
    "shape",
]
TRIM_COLUMNS = ["trim", "quantity", "length_cm", "area_cm2"]
TABLES = ("pockets", "trims", "load_items", "load_custom")
# The figures of each table, shown as text in the display units (a blank stays blank,
# never "None"): column → kind of figure (``packcalc.ui.display.PRECISION``), or
# ``"pieces"`` for a whole number.
COLUMN_KINDS = {
    "pockets": {"width_cm": "length", "height_cm": "length", "gusset_cm": "length"},
    "trims": {"quantity": "pieces", "length_cm": "length", "area_cm2": "area"},
    "load_items": {"quantity": "pieces"},
    "load_custom": {
        "mass_g": "weight",
        "volume_l": "item_volume",
        "length_cm": "length",
        "width_cm": "length",
        "height_cm": "length",
        "diameter_cm": "length",
    },
}
DTYPES = {
    "pockets": {
        "name": "object",
        "location": "object",
        "width_cm": "float",
        "height_cm": "float",
        "gusset_cm": "float",
        "fabric": "object",
        "closure": "object",
        "reachable": "boolean",
        "shape": "object",
    },
    "trims": {"trim": "object", "quantity": "Int64", "length_cm": "float", "area_cm2": "float"},
    "load_items": {"item": "object", "quantity": "Int64", "pocket": "object"},
    "load_custom": {
        "name": "object",
        "mass_g": "float",
        "volume_l": "float",
        "shape": "object",
        "length_cm": "float",
        "width_cm": "float",
        "height_cm": "float",
        "diameter_cm": "float",
        "rigid": "boolean",
        "reach": "boolean",
        "pocket": "object",
    },
}


def _frame(rows: list[dict[str, Any]], columns: list[str], table: str) -> Any:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns).astype(DTYPES[table])


def load_tables(design: Design) -> tuple[Any, Any]:
    """The design's extra library items and custom items as two editable tables."""
    pinned: dict[str, str] = {}
    for pin in design.pins:  # a row's pocket: where its item is pinned
        pinned.setdefault(pin.item, pin.pocket)
    items = _frame(
        [
            {"item": e.item, "quantity": e.quantity, "pocket": pinned.get(e.item)}
            for e in design.load
        ],
        ITEM_COLUMNS,
        "load_items",
    )
    custom = _frame(
        [
            {
                "name": i.name,
                "mass_g": i.mass_g,
                "volume_l": i.volume_l,
                "shape": i.shape,
                "length_cm": i.length_cm,
                "width_cm": i.width_cm,
                "height_cm": i.height_cm,
                "diameter_cm": i.diameter_cm,
                "rigid": i.rigid,
                "reach": i.reach_while_running,
                "pocket": pinned.get(i.name),
            }
            for i in design.custom_items
        ],
        CUSTOM_COLUMNS,
        "load_custom",
    )
    return items, custom


def pocket_table(design: Design) -> Any:
    """The design's pockets as an editable table."""
    return _frame(
        [
            {
                "name": p.name,
                "location": p.location,
                "width_cm": p.width_cm,
                "height_cm": p.height_cm,
                "gusset_cm": p.gusset_cm,
                "fabric": p.fabric,
                "closure": p.closure,
                "reachable": p.reachable,
                "shape": p.shape,
            }
            for p in design.pockets
        ],
        POCKET_COLUMNS,
        "pockets",
    )


def trim_table(design: Design) -> Any:
    """The design's extra trims as an editable table."""
    return _frame(
        [
            {
                "trim": t.trim,
                "quantity": t.quantity or None,
                "length_cm": t.length_cm or None,
                "area_cm2": t.area_cm2 or None,
            }
            for t in design.trims
        ],
        TRIM_COLUMNS,
        "trims",
    )


def design_tables(design: Design) -> dict[str, Any]:
    """All four canonical tables of a design."""
    items, custom = load_tables(design)
    return {
        "pockets": pocket_table(design),
        "trims": trim_table(design),
        "load_items": items,
        "load_custom": custom,
    }


def display_table(table: Any, name: str, f: Fmt) -> Any:
    """A canonical table with its figures as text in the display units and language of
    ``f`` (blank cells blank)."""
    shown = table.copy()
    for column, kind in COLUMN_KINDS[name].items():
        if kind == "pieces":
            text = shown[column].map(lambda v: "" if _blank(v) else str(int(v)))
        else:
            text = shown[column].map(lambda v, k=kind: "" if _blank(v) else f.number(k, float(v)))
        shown[column] = text.astype("object")
    return shown


def parse_number(text: Any, where: str) -> float | None:
    """A number typed in a table cell (a decimal point or comma); blank: None."""
    if _blank(text):
        return None
    if isinstance(text, int | float):
        return float(text)
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    cleaned = cleaned.replace("\u2212", "-")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise PackcalcError(where, f"expected a number, got {str(text)!r}") from None


def has_edits(edits: Any) -> bool:
    """Whether a data editor's state holds a change."""
    return isinstance(edits, Mapping) and any(
        edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")
    )


def apply_edits(table: Any, edits: Mapping[str, Any], name: str, f: Fmt) -> Any:
    """The canonical table with a data editor's edits (``edited_rows``, ``added_rows``,
    ``deleted_rows``; figures as text in the display units of ``f``) written in.

    Raises
    ------
    PackcalcError
        When a figure is not a number (``pockets[2].width_cm: expected a number``).
    """
    import pandas as pd

    kinds = COLUMN_KINDS[name]

    def metric(column: str, value: Any, row: int) -> Any:
        if column not in kinds:
            return value
        number = parse_number(value, f"{name}[{row}].{column}")
        if number is None or kinds[column] == "pieces":
            return number
        return f.metric(kinds[column], number)

    out = table.copy().reset_index(drop=True)
    for position, change in (edits.get("edited_rows") or {}).items():
        row = int(position)
        if row >= len(out):
            continue
        for column, value in change.items():
            if column in out.columns:
                out.at[row, column] = metric(column, value, row)
    deleted = {int(i) for i in edits.get("deleted_rows") or ()}
    out = out.drop(index=[i for i in deleted if i < len(out)])
    added = [
        {c: metric(c, v, len(out) + k) for c, v in row.items() if c in out.columns}
        for k, row in enumerate(edits.get("added_rows") or ())
    ]
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=out.columns)], ignore_index=True)
    return out.reset_index(drop=True).astype(DTYPES[name])


def renamed_pockets(before: Any, after: Any) -> dict[str, str]:
    """Pockets renamed by an edit of the pockets table (old name → new name)."""
    if len(before) != len(after):
        return {}
    return {
        str(old): str(new)
        for old, new in zip(before["name"], after["name"], strict=True)
        if not _blank(old) and not _blank(new) and old != new
    }


def follow_renames(table: Any, renames: Mapping[str, str]) -> Any:
    """A load table whose pins follow renamed pockets."""
    if not renames:
        return table
    out = table.copy()
    out["pocket"] = out["pocket"].map(lambda p: renames.get(p, p) if not _blank(p) else p)
    return out


def is_blank(value: Any) -> bool:
    """Whether a table cell holds nothing (None, NaN, NA or blank text)."""
    return _blank(value)


def _blank(value: Any) -> bool:
    """None, NaN, pandas' NA or an empty string."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    try:
        return bool(value != value)  # NaN != NaN
    except (TypeError, ValueError):
        return True  # pandas' NA refuses comparison


def load_from_tables(
    items: Any, custom: Any, library: Library, pockets: Any = (), load_list: str | None = None
) -> tuple[str | None, tuple, tuple, tuple]:
    """Load list, entries, custom items and pins from the edited tables (a row's
    ``pocket`` pins each of its items there). The list and library items go through the
    design file's reader (``read_load``: paths ``load.items[i]``); custom items through
    :func:`packcalc.library.parse_item` (paths ``load.custom[i]``)."""
    from packcalc.design import Pin
    from packcalc.library import parse_item

    names = [p.name for p in pockets]
    pins = []

    def pin(record: dict, item: str, count: int, where: str) -> None:
        pocket = record.get("pocket")
        if _blank(pocket):
            return
        if str(pocket) not in names:
            raise PackcalcError(f"{where}.pocket", f"no pocket named {pocket!r}")
        pins.extend(Pin(item, str(pocket), where) for _ in range(count))

    raw_items = []
    rows = [r for r in items.to_dict("records") if not _blank(r.get("item"))]
    for record in rows:
        entry: dict[str, Any] = {"id": str(record["item"])}
        if not _blank(record.get("quantity")):
            entry["quantity"] = int(record["quantity"])
        raw_items.append(entry)
    raw: dict[str, Any] = {"items": raw_items}
    if load_list is not None:
        raw["list"] = load_list
    listed, entries, _custom, _pins = read_load(raw, library, list(pockets))
    for row, (record, entry) in enumerate(zip(rows, entries, strict=True)):
        pin(record, entry.item, entry.quantity, f"load.items[{row}]")
    customs = []
    for row, record in enumerate(custom.to_dict("records")):
        if all(_blank(v) or v is False for k, v in record.items() if k != "pocket"):
            continue
        where = f"load.custom[{row}]"
        name = record.get("name")
        if _blank(name):
            raise PackcalcError(f"{where}.name", "every custom item needs a name")
        for key in ("mass_g", "volume_l"):
            if _blank(record.get(key)):
                raise PackcalcError(f"{where}.{key.split('_')[0]}", "missing")
        shape = "box" if _blank(record.get("shape")) else str(record["shape"])
        dims = (
            ["length_cm", "diameter_cm"]
            if shape == "cylinder"
            else ["length_cm", "width_cm", "height_cm"]
        )
        given = [record.get(d) for d in dims]
        spec = [str(name), f"{float(record['mass_g'])!r} g", f"{float(record['volume_l'])!r} L"]
        if not all(_blank(v) for v in given):
            spec += [shape, *[f"{float(v)!r} cm" for v in given if not _blank(v)]]
        if record.get("rigid") is True:
            spec.append("rigid")
        if record.get("reach") is True:
            spec.append("reach")
        customs.append(parse_item(", ".join(spec), where))
        pin(record, str(name), 1, where)
    return listed, tuple(entries), tuple(customs), tuple(pins)


def pockets_from_table(table: Any, library: Library) -> tuple:
    """Pockets from the edited table, validated like a design file (paths ``pockets[i]``)."""
    rows = []
    for record in table.to_dict("records"):
        if all(_blank(v) or v is False for v in record.values()):
            continue
        row: dict[str, Any] = {}
        for key in ("name", "location", "fabric", "closure", "shape"):
            if not _blank(record.get(key)):
                row[key] = str(record[key])
        for key in ("width", "height", "gusset"):
            value = record.get(f"{key}_cm")
            if not _blank(value):
                row[key] = f"{float(value)!r} cm"
        if not _blank(record.get("reachable")):
            row["reachable"] = bool(record["reachable"])
        rows.append(row)
    return read_pockets(rows, library)


def trims_from_table(table: Any, library: Library) -> tuple:
    """Trims from the edited table, validated like a design file (paths ``trims[i]``)."""
    rows = []
    for record in table.to_dict("records"):
        if _blank(record.get("trim")):
            continue
        row: dict[str, Any] = {"id": str(record["trim"])}
        if not _blank(record.get("quantity")):
            row["quantity"] = int(record["quantity"])
        if not _blank(record.get("length_cm")):
            row["length"] = f"{float(record['length_cm'])!r} cm"
        if not _blank(record.get("area_cm2")):
            row["area"] = f"{float(record['area_cm2'])!r} cm**2"
        rows.append(row)
    return read_trims(rows, library)


def table_values(tables: Mapping[str, Any]) -> dict[str, Any]:
    """The tables under the keys :func:`design_from_values` reads."""
    return {
        "pockets_table": tables["pockets"],
        "trims_table": tables["trims"],
        "load_items_table": tables["load_items"],
        "load_custom_table": tables["load_custom"],
    }
