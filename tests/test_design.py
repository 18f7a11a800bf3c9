"""Design files: loading, validation with paths, saving and round trips, presets."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from packcalc import PackcalcError
from packcalc.design import (
    design_from_toml,
    design_to_toml,
    load_design,
    load_preset,
    preset_names,
    save_design,
)
from packcalc.pattern import OPTION_SPECS

MINIMAL = """
name = "Test vest"
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

[[pockets]]
location = "front-left"
width = "9 cm"
height = "18 cm"
fabric = "power-mesh"
"""


def test_presets_exist_and_load():
    assert {"ultra-minimal", "race-5l", "ultra-12l"} <= set(preset_names())
    for name in preset_names():
        design = load_design(name)
        assert design.comparisons, f"{name} records the commercial vests it was compared with"
        for comparison in design.comparisons:
            assert comparison.source.startswith("http")


def test_panel_names_are_the_drafted_panels():
    from packcalc.design import PANEL_NAMES
    from packcalc.pattern import Body, default_options, draft

    body = Body(96.0, 44.0, "M")
    assert {p.name for p in draft(body, default_options(body)).panels} == PANEL_NAMES


def test_load_preset_takes_names_never_paths(tmp_path, monkeypatch):
    # What the app uses: a file that happens to be named like a preset, or any path, is
    # never read.
    preset = load_design("race-5l")
    assert load_preset("race-5l") == preset
    monkeypatch.chdir(tmp_path)
    (tmp_path / "race-5l").write_text("not a design")
    assert load_preset("race-5l") == preset
    with pytest.raises(PackcalcError, match="malformed TOML"):
        load_design("race-5l")  # the engineers' loader prefers the file, as documented
    for name in ["race-5l.toml", "../presets/race-5l", "/etc/passwd", str(tmp_path / "race-5l")]:
        with pytest.raises(PackcalcError, match=r"^preset: unknown preset"):
            load_preset(name)


@pytest.mark.parametrize("name", ["ultra-minimal", "race-5l", "ultra-12l"])
def test_save_and_load_round_trips(tmp_path, name):
    design = load_design(name)
    path = tmp_path / "design.toml"
    save_design(design, path)
    again = load_design(path)
    assert again == design
    assert design_to_toml(again) == design_to_toml(design)


def test_every_dimension_is_written_with_its_unit(tmp_path):
    text = design_to_toml(load_design("race-5l"))
    assert 'back_height = "34 cm"' in text
    assert 'squeeze_pressure = "2 kPa"' in text
    assert 'width = "9 cm"' in text


def test_minimal_design_gets_defaults():
    design = design_from_toml(MINIMAL)
    assert set(design.options) == set(OPTION_SPECS)
    assert design.pockets[0].name == "front-left pocket"
    assert design.pockets[0].reachable  # front pockets are reachable by default
    assert design.squeeze_pressure_kpa == 2.0


def test_body_measurements_instead_of_a_size(tmp_path):
    # [body] must come after the top-level keys: move it to the end.
    text = (
        MINIMAL.replace('size = "M"\n', "") + '\n[body]\nchest = "104 cm"\nback_length = "48 cm"\n'
    )
    design = design_from_toml(text)
    assert design.size is None
    assert design.body.chest == 104.0
    path = tmp_path / "body.toml"
    save_design(design, path)
    assert load_design(path) == design


def test_with_size_grades_the_options():
    m = load_design("race-5l")
    xl = m.with_size("XL")
    assert xl.options["back_width"] > m.options["back_width"]
    assert xl.options["strap_width"] == m.options["strap_width"]
    assert xl.with_size("M").options["back_width"] == pytest.approx(m.options["back_width"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('width = "9 cm"', 'width = "9 kg"'), "pockets[0].width: expected a length like '8 cm', got '9 kg'"),
        (('width = "9 cm"', "width = 9"), "pockets[0].width: expected a length like '8 cm', got the bare number 9"),
        (('width = "9 cm"', 'width = "-9 cm"'), "pockets[0].width: expected a value greater than 0"),
        (('width = "9 cm"', 'width = "nan cm"'), "pockets[0].width: expected a finite value"),
        (('width = "9 cm"', 'width = "9e9 cm"'), "pockets[0].width: expected a value of at most 1000"),
        (('location = "front-left"', 'location = "frontleft"'), "pockets[0].location: expected one of"),
        (('fabric = "power-mesh"\n', 'fabric = "powermesh"\n'), "unknown fabric 'powermesh' (did you mean 'power-mesh'?)"),
        (('size = "M"', 'size = "XXXL"'), "size: unknown size 'XXXL'"),
        (('thread = "thread-tex30-polyester"', 'thread = "binding-lycra-25mm"'), "seams.thread: expected a thread trim"),
        (('[seams]', '[seams]\nmethod = "glued"'), "seams.method: expected one of stitched, bonded, welded"),
        (('[seams]', '[seams]\nmethod = "bonded"'), "seams.tape: bonded seams need a seam tape"),
        (('name = "Test vest"', 'name = "Test vest"\nsqueeze_pressure = "2 kg"'), "squeeze_pressure: expected a pressure like '2 kPa'"),
        (('name = "Test vest"', 'name = "Test vest"\ncolour = "red"'), "colour: unknown key"),
        (('[panels.back]\nfabric = "pa-elastane-knit-190"\n', ""), "panels.back: missing: every panel needs a fabric"),
        (('[panels.wing]', '[panels.wing]\nlayers = 9'), "panels.wing.layers: expected a whole number from 1 to 4, got 9"),
        (('[seams]', '[options]\nstrap_width = "50 cm"\n[seams]'), "options.strap_width: expected shoulder strap width between"),
        (('[seams]', '[options]\nfront_gap = "30 cm"\nfront_width = "20 cm"\n[seams]'), "side wings"),
        (('name = "Test vest"\n', ""), "name: missing required key"),
    ],
)  # fmt: skip
def test_bad_values_are_named_by_path(change, message):
    old, new = change
    assert old in MINIMAL
    with pytest.raises(PackcalcError) as err:
        design_from_toml(MINIMAL.replace(old, new, 1))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_malformed_and_oversized_files(tmp_path):
    with pytest.raises(PackcalcError, match="malformed TOML"):
        design_from_toml("name = ")
    with pytest.raises(PackcalcError, match="UTF-8"):
        design_from_toml(b"\xff\xfe")
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 300_000)
    with pytest.raises(PackcalcError, match="under 256 kB"):
        load_design(big)
    with pytest.raises(
        PackcalcError, match=r"no design file or preset named 'race-5'.*did you mean 'race-5l'"
    ):
        load_design("race-5")


def test_custom_panel_from_points_round_trips(tmp_path):
    text = (
        MINIMAL
        + """
[[custom_panels]]
name = "pole holder"
points = [["0 cm", "0 cm"], ["12 cm", "0 cm"], ["12 cm", "6 cm"], ["0 cm", "6 cm"]]
edges = ["seam", "bound", "bound", "bound"]
fabric = "power-mesh"
"""
    )
    design = design_from_toml(text)
    assert design.custom_panels[0].points[1] == (12.0, 0.0)
    path = tmp_path / "custom.toml"
    save_design(design, path)
    assert load_design(path) == design
    with pytest.raises(PackcalcError, match=r"custom_panels\[0\]\.points\[1\]: expected a length"):
        design_from_toml(text.replace('["12 cm", "0 cm"]', '["12 kg", "0 cm"]'))
    # Errors name the entry of the file, not a panel of the draft.
    with pytest.raises(PackcalcError, match=r"^custom_panels\[0\]\.edges\[0\]: expected 'bound'"):
        design_from_toml(text.replace('"seam", "bound"', '"seem", "bound"'))
    bow_tie = text.replace(
        '["12 cm", "0 cm"], ["12 cm", "6 cm"]', '["12 cm", "6 cm"], ["12 cm", "0 cm"]'
    )
    with pytest.raises(PackcalcError, match=r"^custom_panels\[0\]\.points: the outline is not"):
        design_from_toml(bow_tie)


lengths = st.floats(min_value=0.5, max_value=60.0).map(lambda v: round(v, 3))


@settings(max_examples=40, deadline=None)
@given(lengths, lengths, st.sampled_from(["XS", "S", "M", "L", "XL"]))
def test_round_trip_property(tmp_path_factory, width, height, size):
    design = design_from_toml(MINIMAL).with_size(size)
    design = dataclasses.replace(
        design,
        pockets=(dataclasses.replace(design.pockets[0], width_cm=width, height_cm=height),),
    )
    path = tmp_path_factory.mktemp("rt") / "d.toml"
    save_design(design, path)
    assert load_design(path) == design
