"""Load fit: placement by MILP, reasons, balance, pressure, body fit, CLI and JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest

from packcalc import PackcalcError
from packcalc.cli import main
from packcalc.design import (
    Pin,
    Pocket,
    default_purpose,
    design_from_toml,
    design_to_toml,
    load_design,
)
from packcalc.estimator import estimate
from packcalc.fit import fit_load, item_fits_shape, pocket_capacity
from packcalc.library import load_library, parse_item

LIB = load_library()
BASE = """
name = "test"
size = "M"
[panels.back]
fabric = "pa-elastane-knit-190"
[panels.strap]
fabric = "pa-elastane-knit-190"
[panels.front]
fabric = "pa-elastane-knit-190"
[panels.wing]
fabric = "power-mesh"
[seams]
thread = "thread-tex30-polyester"
"""
FLASK_POCKETS = """
[[pockets]]
name = "flask left"
location = "front-left"
width = "10 cm"
height = "16 cm"
gusset = "1 cm"
fabric = "power-mesh"

[[pockets]]
name = "flask right"
location = "front-right"
width = "10 cm"
height = "16 cm"
gusset = "1 cm"
fabric = "power-mesh"
"""


def design_with(pockets: str, load: str = "") -> object:
    return design_from_toml(BASE + pockets + load)


def test_two_equal_flasks_go_left_and_right():
    design = design_with(FLASK_POCKETS, '[[load.items]]\nid = "flask-500"\nquantity = 2\n')
    fit = fit_load(design, LIB)
    assert fit.fits
    pockets = sorted(pocket for _, _, pocket in fit.placements)
    assert pockets == ["flask left", "flask right"]
    assert fit.left_share == pytest.approx(0.5)
    assert fit.front_share == pytest.approx(1.0)


def test_reasons_for_what_does_not_fit():
    pockets = (
        FLASK_POCKETS
        + """
[[pockets]]
name = "back"
location = "back"
width = "20 cm"
height = "14 cm"
fabric = "ripstop-nylon-20d"
"""
    )
    load = """
[[load.items]]
id = "flask-500"
quantity = 3
[[load.items]]
id = "poles-bd-distance-carbon-z"
[[load.items]]
id = "waterproof-jacket"
quantity = 3
"""
    fit = fit_load(design_with(pockets, load), LIB)
    assert not fit.fits
    reasons = {label: reason for label, _, reason in fit.unplaced}
    # The third flask must be reached while running: the two reachable pockets are taken.
    assert reasons["flask-500 #3"].startswith("no reachable pocket left")
    # Poles (40 cm folded) are longer than any pocket.
    assert reasons["poles-bd-distance-carbon-z"].startswith("too big for any pocket")
    # A flat ripstop patch holds nothing: the jackets find no room.
    assert any(
        r.startswith(("capacity used up", "too big"))
        for label, r in reasons.items()
        if "jacket" in label
    )
    placed = {label for label, _, _ in fit.placements}
    assert {"flask-500 #1", "flask-500 #2"} <= placed


def test_priority_water_before_clothing():
    # One pocket, room for the flask or for the jacket, not both.
    pocket = """
[[pockets]]
name = "only"
location = "front-left"
width = "10 cm"
height = "16 cm"
gusset = "1 cm"
fabric = "power-mesh"
"""
    load = '[[load.items]]\nid = "waterproof-jacket-minimus"\n[[load.items]]\nid = "flask-500"\n'
    fit = fit_load(design_with(pocket, load), LIB)
    assert [label for label, _, _ in fit.placements] == ["flask-500"]
    assert fit.unplaced[0][0] == "waterproof-jacket-minimus"


def test_capacity_limits_and_zip_opening():
    cap = pocket_capacity(
        Pocket("p", "front-left", 10, 16, 1, "power-mesh", "zip", True, "box"), LIB
    )
    assert cap.stretched_l >= cap.relaxed_l > 0
    assert "zip" in cap.limited_by
    assert cap.perimeter_cm == pytest.approx(2 * (10 + 2))
    ripstop = pocket_capacity(Pocket("r", "back", 20, 20, 0, "ripstop-nylon-20d"), LIB)
    assert ripstop.stretched_l == 0 and ripstop.limited_by == "fabric does not stretch"


def test_flask_shape_check():
    flask = LIB.items["flask-500"]
    narrow = pocket_capacity(Pocket("n", "front-left", 6, 16, 0, "power-mesh"), LIB)
    wide = pocket_capacity(Pocket("w", "front-left", 10, 16, 1, "power-mesh"), LIB)
    assert not item_fits_shape(flask, narrow)
    assert item_fits_shape(flask, wide)


def test_full_pockets_report_their_pressure():
    design = design_with(FLASK_POCKETS, '[[load.items]]\nid = "flask-500"\nquantity = 2\n')
    fit = fit_load(design, LIB)
    assert set(fit.pocket_pressure_kpa) == {"flask left", "flask right"}
    for pressure in fit.pocket_pressure_kpa.values():
        assert 0 < pressure <= 3.3 + 1e-6  # never above the comfort limit the strain honours


def test_body_fit_range_contains_the_runner_and_grows_with_stretch():
    design = load_design("race-5l")
    fit = fit_load(design, LIB)
    low, high = fit.fit_range_cm
    assert low < design.body.chest < high
    stiff = dataclasses.replace(
        design,
        panels={
            g: dataclasses.replace(s, fabric="ripstop-nylon-20d") for g, s in design.panels.items()
        },
    )
    s_low, s_high = fit_load(stiff, LIB).fit_range_cm
    assert s_low == pytest.approx(low)
    assert s_high < high


def test_presets():
    ultra = estimate(load_design("ultra-12l"))
    fit = ultra.load_fit
    assert fit.fits, fit.unplaced
    water = sum(LIB.items[i].capacity_l or 0 for _, i, _ in fit.placements)
    assert water == pytest.approx(1.5)
    utmb = {e.item for e in LIB.loadlists["utmb"].items}
    assert utmb <= {i for _, i, _ in fit.placements}
    minimal = fit_load(load_design("ultra-minimal"), LIB, load="utmb")
    assert not minimal.fits
    assert all(reason for _, _, reason in minimal.unplaced)
    assert fit_load(load_design("ultra-minimal"), LIB).fits  # its own minimal load


def test_parse_item():
    item = parse_item("salt tabs, 15 g, 0.03 L, reach")
    assert item.mass_g == 15 and item.reach_while_running and item.shape == "box"
    poles = parse_item("poles, 300 g, 0.8 L, cylinder, 40 cm, 5 cm, rigid")
    assert poles.shape == "cylinder" and poles.rigid and poles.diameter_cm == 5
    for bad, message in [
        ("salt tabs, 15 g", "expected 'name, mass, volume"),
        ("salt, 15 kg m, 0.03 L", "mass"),
        ("salt, 15 g, 0.03 L, cylinder, 4 cm", "a cylinder needs length and diameter"),
    ]:
        with pytest.raises(PackcalcError, match=message):
            parse_item(bad)


def test_cli_fit_and_json(capsys):
    assert main(["fit", "ultra-minimal", "--load", "utmb"]) == 0
    out = capsys.readouterr().out
    assert "DOES NOT FIT" in out and "not placed:" in out
    assert main(["fit", "ultra-12l", "--json", "--item", "salt tabs, 15 g, 0.03 L"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "salt tabs" in data["placements"]
    assert main(["estimate", "race-5l", "--json", "--load", "utmb"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["capacity_l"]) == {"relaxed", "nominal", "stretched"}
    load_fit = data["load_fit"]
    for key in ("fits", "placements", "unplaced", "load_mass_g", "front_share", "left_share"):
        assert key in load_fit
    assert main(["fit", "race-5l", "--load", "nope"]) == 2
    assert "unknown load list 'nope'" in capsys.readouterr().err


def test_load_fit_is_computed_on_first_access_only():
    result = estimate(load_design("ultra-12l"))
    assert "load_fit" not in result.__dict__  # weight and packing do not solve the MILP
    assert result.load_fit is result.load_fit  # solved once


# ------------------------------------------------------------ pockets used for their purpose


def _where(fit):
    return {label: pocket for label, _, pocket in fit.placements}


def _purpose_of(design):
    return {p.name: p.purpose for p in design.pockets}


@pytest.mark.parametrize("name", ["race-5l", "ultra-12l", "ultra-minimal"])
@pytest.mark.parametrize("load", [None, "utmb"])
def test_placements_pass_a_runners_look(name, load):
    design = load_design(name)
    fit = fit_load(design, LIB, load)
    purpose = _purpose_of(design)
    pockets = {p.name: p for p in design.pockets}
    items = {label: item for label, item, _ in fit.placements}
    has = set(purpose.values())
    kinds = {label: LIB.items[item].kind for label, item in items.items() if item in LIB.items}
    flasks = [pocket for label, pocket in _where(fit).items() if kinds.get(label) == "flask"]
    flask_pockets = sum(1 for p in purpose.values() if p == "flask")
    # every flask pocket holds a flask before a flask goes anywhere else
    assert sum(purpose[p] == "flask" for p in flasks) == min(len(flasks), flask_pockets)
    for label, pocket in _where(fit).items():
        kind = kinds.get(label, "other")
        if kind == "phone" and "phone" in has:
            assert purpose[pocket] == "phone", (label, pocket)
        if kind in ("flask", "food", "phone", "cup"):
            assert pockets[pocket].reachable, (label, pocket)  # used while running
        if kind == "clothing" and "main" in has:
            assert purpose[pocket] == "main", (label, pocket)  # before the kangaroo
        assert fit.reasons[label]  # every placement says why


def test_the_gels_go_in_the_gels_pocket():
    fit = fit_load(load_design("race-5l"), LIB)
    assert {p for label, p in _where(fit).items() if label.startswith("gel")} == {"gels"}


def test_main_compartment_before_kangaroo_for_clothes():
    fit = fit_load(load_design("ultra-12l"), LIB, "utmb")
    where = _where(fit)
    for label in ("waterproof-jacket", "waterproof-overtrousers", "long-tights"):
        assert where[label] == "main compartment"
    assert "made for clothing" in fit.reasons["waterproof-jacket"]


def test_pins_are_honoured_and_checked():
    design = load_design("ultra-12l")
    fit = fit_load(design, LIB, "utmb", pins=[Pin("gel", "side right")])
    gels = [p for label, p in _where(fit).items() if label.startswith("gel")]
    assert "side right" in gels
    assert any("pinned by the designer" in r for r in fit.reasons.values())
    with pytest.raises(PackcalcError, match=r"--pin: .* pinned to 'phone', which cannot take it"):
        fit_load(design, LIB, "utmb", pins=[Pin("waterproof-jacket", "phone", "--pin")])
    with pytest.raises(PackcalcError, match=r"load.pins: no pocket named 'nope'"):
        fit_load(design, LIB, "utmb", pins=[Pin("gel", "nope")])
    out = fit_load(design, LIB, "utmb", pins=[Pin("salt tabs", "phone")])
    assert any("not in the load" in n for n in out.notes)


def test_pins_in_the_design_file_round_trip():
    text = design_to_toml(load_design("race-5l")) + (
        '\n[[load.pins]]\nitem = "gel"\npocket = "side left"\n'
    )
    design = design_from_toml(text)
    assert design.pins == (Pin("gel", "side left"),)
    assert design_from_toml(design_to_toml(design)) == design
    assert "side left" in {
        p for label, p in _where(fit_load(design, LIB)).items() if "gel" in label
    }
    with pytest.raises(PackcalcError, match=r"load.pins\[0\].pocket: no pocket named 'sde left'"):
        design_from_toml(text.replace('pocket = "side left"', 'pocket = "sde left"'))


def test_pocket_purpose_defaults_and_override():
    assert default_purpose("flask left", "front-left", 1.0, "elastic") == "flask"
    assert default_purpose("back", "back", 3.0, "none") == "main"
    assert default_purpose("back", "back", 0.0, "none") == "kangaroo"
    assert default_purpose("side left", "side-left", 0.0, "none") == "stash"
    text = design_to_toml(load_design("race-5l")).replace(
        'purpose = "main"', 'purpose = "kangaroo"'
    )
    assert {p.purpose for p in design_from_toml(text).pockets} >= {"kangaroo"}
    with pytest.raises(PackcalcError, match=r"pockets\[4\]\.purpose: expected one of"):
        design_from_toml(text.replace('purpose = "kangaroo"', 'purpose = "pouch"'))
