"""Widget values ↔ design: what the sliders show and the design they describe."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from packcalc.design import PANEL_GROUPS, Design, PanelSpec, body_for_size
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
    }
    for name in OPTION_SPECS:
        values[f"opt_{name}"] = float(design.options[name])
    for group in PANEL_GROUPS:
        spec = design.panel_spec(_first_panel(group), group)
        values[f"fabric_{group}"] = spec.fabric
        values[f"layers_{group}"] = spec.layers
    return values


def _first_panel(group: str) -> str:
    return {"back": "back", "strap": "strap-left", "front": "front-left", "wing": "wing-left"}[
        group
    ]


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
    panels = {}
    for group in PANEL_GROUPS:
        fabric = values[f"fabric_{group}"]
        library.fabric(fabric, f"panels.{group}.fabric")
        layers = int(values[f"layers_{group}"])
        if not 1 <= layers <= 4:
            raise PackcalcError(f"panels.{group}.layers", f"expected 1 to 4, got {layers}")
        construction = base.panel_spec(_first_panel(group), group).construction
        panels[group] = PanelSpec(fabric, layers, construction)
    pressure = float(values["pressure"])
    if not 0.0 < pressure <= 200.0:
        raise PackcalcError("squeeze_pressure", f"expected 0 to 200 kPa, got {pressure:g} kPa")
    draft(body, options)  # refuses options that do not fit together
    return dataclasses.replace(
        base,
        body=body,
        size=None if values["size"] == CUSTOM else values["size"],
        options=MappingProxyType(options),
        panels=MappingProxyType(panels),
        squeeze_pressure_kpa=pressure,
    )
