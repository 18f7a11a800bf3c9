"""The widget ↔ design mapping of the app (no streamlit needed)."""

from __future__ import annotations

import pandas as pd
import pytest

from packcalc import PackcalcError
from packcalc.design import load_design
from packcalc.library import load_library
from packcalc.ui.state import design_from_values, load_tables, widget_values

LIB = load_library()


def values_for(design, **changes):
    items, custom = load_tables(design)
    return {
        **widget_values(design),
        "load_items_table": items,
        "load_custom_table": custom,
        **changes,
    }


def test_widgets_describe_the_design_they_show():
    for name in ("ultra-minimal", "race-5l", "ultra-12l"):
        design = load_design(name)
        assert design_from_values(design, values_for(design), LIB) == design


def test_load_tables_add_library_and_custom_items():
    design = load_design("race-5l")
    items = pd.DataFrame([{"item": "gel", "quantity": 2}, {"item": None, "quantity": None}])
    custom = pd.DataFrame(
        [{"name": "salt tabs", "mass_g": 15.0, "volume_l": 0.03, "shape": None, "length_cm": None,
          "width_cm": None, "height_cm": None, "diameter_cm": None, "rigid": False, "reach": True}]
    )  # fmt: skip
    new = design_from_values(
        design, values_for(design, load_items_table=items, load_custom_table=custom), LIB
    )
    assert [(e.item, e.quantity) for e in new.load] == [("gel", 2)]
    assert new.custom_items[0].name == "salt tabs" and new.custom_items[0].reach_while_running


@pytest.mark.parametrize(
    ("items", "custom", "message"),
    [
        ([{"item": "gell", "quantity": 1}], [], "load.items[0].id: unknown item 'gell'"),
        ([{"item": "gel", "quantity": 50}], [], "load.items[0].quantity: expected 1 to 20"),
        ([], [{"name": "x", "mass_g": None, "volume_l": 0.1}], "load.custom[0].mass_g: missing"),
        (
            [],
            [{"name": "x", "mass_g": -5.0, "volume_l": 0.1}],
            "load.custom[0] 'x' mass: expected a value greater than 0",
        ),
    ],
)
def test_bad_load_rows_name_their_row(items, custom, message):
    design = load_design("race-5l")
    values = values_for(
        design,
        load_items_table=pd.DataFrame(items, columns=["item", "quantity"]),
        load_custom_table=pd.DataFrame(custom),
    )
    with pytest.raises(PackcalcError) as err:
        design_from_values(design, values, LIB)
    assert message in str(err.value)
