"""Widget values ↔ design: what the sliders show and the design they describe."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from packcalc.design import (
    PANEL_GROUPS,
    Design,
    body_for_size,
    read_panels,
    read_pockets,
    read_pressure,
    read_trims,
)
from packcalc.errors import PackcalcError
from packcalc.library import Library
from packcalc.pattern import OPTION_SPECS, Body, check_options, draft, grade_options

CUSTOM = "custom"


def widget_values(design: Design) -> dict[str, Any]:
    """The widget state that shows ``design`` (keys as used by the app)."""
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
        values[f"gsm_{group}"] = spec.areal_density_gsm or 0.0
    return values


def body_from_values(values: Mapping[str, Any], library: Library) -> Body:
    if values["size"] == CUSTOM:
        return Body(float(values["chest"]), float(values["back_length"]), CUSTOM)
    return body_for_size(values["size"], library, "size")


def regrade(values: Mapping[str, Any], old_body: Body, new_body: Body) -> dict[str, float]:
    """Option widget values scaled from ``old_body`` to ``new_body`` by the grade rules,
    clipped to each option's limits and rounded to the sliders' 1 mm step."""
    options = {name: float(values[f"opt_{name}"]) for name in OPTION_SPECS}
    graded = grade_options(options, old_body, new_body)
    return {
        f"opt_{name}": round(
            min(max(value, OPTION_SPECS[name].minimum), OPTION_SPECS[name].maximum), 1
        )
        for name, value in graded.items()
    }


def design_from_values(base: Design, values: Mapping[str, Any], library: Library) -> Design:
    """The design the widgets describe: ``base`` with body, options and panel fabrics replaced.

    Raises
    ------
    PackcalcError
        When the combination does not make a vest (the girth does not close, a strap is
        wider than half the back, …), naming the option.
    """
    body = body_from_values(values, library)
    options = {name: float(values[f"opt_{name}"]) for name in OPTION_SPECS}
    check_options(options)
    # Panels and pressure go through the design-file reader: the same rules and messages.
    panels: dict[str, dict[str, Any]] = {}
    for group in PANEL_GROUPS:
        panels[group] = {
            "fabric": values[f"fabric_{group}"],
            "layers": int(values[f"layers_{group}"]),
            "construction": base.group_spec(group).construction,
        }
        override = float(values.get(f"gsm_{group}", 0.0) or 0.0)
        if override:  # 0 in the widget: no override
            panels[group]["areal_density"] = f"{override!r} g/m**2"
    checked_panels = read_panels(panels, library)
    pressure = read_pressure(f"{float(values['pressure'])!r} kPa")
    draft(body, options)  # refuses options that do not fit together
    load_list = values.get("load_list", base.load_list or LOAD_NONE)
    if load_list != LOAD_NONE:
        library.loadlist(load_list, "load.list")
    pockets, trims = base.pockets, base.trims
    if "pockets_table" in values:
        pockets = pockets_from_table(values["pockets_table"], library)
    load, custom_items, pins = base.load, base.custom_items, base.pins
    if "load_items_table" in values:
        load, custom_items, pins = load_from_tables(
            values["load_items_table"], values["load_custom_table"], library, pockets
        )
    if "trims_table" in values:
        trims = trims_from_table(values["trims_table"], library)
    return dataclasses.replace(
        base,
        pockets=pockets,
        trims=trims,
        load_list=None if load_list == LOAD_NONE else load_list,
        load=load,
        custom_items=custom_items,
        pins=pins,
        body=body,
        size=None if values["size"] == CUSTOM else values["size"],
        options=MappingProxyType(options),
        panels=checked_panels,
        squeeze_pressure_kpa=pressure,
    )


# ------------------------------------------------------------------ the load editor

LOAD_NONE = "(none)"
ITEM_COLUMNS = ["item", "quantity", "pocket"]
CUSTOM_COLUMNS = [
    "name", "mass_g", "volume_l", "shape", "length_cm", "width_cm", "height_cm",
    "diameter_cm", "rigid", "reach", "pocket",
]  # fmt: skip


def load_tables(design: Design) -> tuple[Any, Any]:
    """The design's extra library items and custom items as two editable tables."""
    import pandas as pd

    pinned = {}
    for pin in design.pins:  # a row's pocket: where its item is pinned
        pinned.setdefault(pin.item, pin.pocket)
    items = pd.DataFrame(
        [{"item": e.item, "quantity": e.quantity, "pocket": pinned.get(e.item)}
         for e in design.load],
        columns=ITEM_COLUMNS,
    ).astype({"item": "object", "quantity": "Int64", "pocket": "object"})  # fmt: skip
    custom = pd.DataFrame(
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
        columns=CUSTOM_COLUMNS,
    ).astype(
        {
            "name": "object",
            "shape": "object",
            "mass_g": "float",
            "volume_l": "float",
            "length_cm": "float",
            "width_cm": "float",
            "height_cm": "float",
            "diameter_cm": "float",
            "rigid": "boolean",
            "reach": "boolean",
            "pocket": "object",
        }
    )
    return items, custom


def _blank(value: Any) -> bool:
    try:
        return value is None or value != value or value == ""  # NaN != NaN
    except (TypeError, ValueError):
        return value is None  # pandas' NA refuses comparison


def load_from_tables(
    items: Any, custom: Any, library: Library, pockets: Any = ()
) -> tuple[tuple, tuple, tuple]:
    """Load entries, custom items and pins from the edited tables, validated row by row
    (a row's ``pocket`` pins each of its items there)."""
    from packcalc.design import LoadEntry, Pin
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

    entries = []
    for row, record in enumerate(items.to_dict("records")):
        if _blank(record.get("item")):
            continue
        library.item(record["item"], f"load.items[{row}].id")
        quantity = record.get("quantity")
        quantity = 1 if _blank(quantity) else int(quantity)
        if not 1 <= quantity <= 20:
            raise PackcalcError(f"load.items[{row}].quantity", f"expected 1 to 20, got {quantity}")
        entries.append(LoadEntry(record["item"], quantity))
        pin(record, record["item"], quantity, f"load.items[{row}]")
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
                raise PackcalcError(f"{where}.{key}", "missing")
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
    return tuple(entries), tuple(customs), tuple(pins)


# ------------------------------------------------------------------ pockets and trims

POCKET_COLUMNS = [
    "name", "location", "width_cm", "height_cm", "gusset_cm", "fabric", "closure",
    "reachable", "shape",
]  # fmt: skip
TRIM_COLUMNS = ["trim", "quantity", "length_cm", "area_cm2"]


def pocket_table(design: Design) -> Any:
    """The design's pockets as an editable table."""
    import pandas as pd

    return pd.DataFrame(
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
        columns=POCKET_COLUMNS,
    )


def trim_table(design: Design) -> Any:
    """The design's extra trims as an editable table."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "trim": t.trim,
                "quantity": t.quantity or None,
                "length_cm": t.length_cm or None,
                "area_cm2": t.area_cm2 or None,
            }
            for t in design.trims
        ],
        columns=TRIM_COLUMNS,
    ).astype({"trim": "object", "quantity": "Int64", "length_cm": "float", "area_cm2": "float"})


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


def convert_lengths(values: Any, factor: float) -> dict[str, float]:
    """Length widgets (body and options) multiplied by ``factor`` (a unit change)."""
    keys = ["chest", "back_length", *(f"opt_{name}" for name in OPTION_SPECS)]
    return {key: round(float(values[key]) * factor, 2) for key in keys}
