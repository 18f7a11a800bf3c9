"""The parametric vest pattern: geometry, edges, grading, limits."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc import PackcalcError
from packcalc.design import body_for_size
from packcalc.library import load_library
from packcalc.pattern import (
    OPTION_SPECS,
    Body,
    check_options,
    custom_panel,
    default_options,
    draft,
    grade_options,
    layout,
    wing_length,
)

M = Body(96.0, 44.0, "M")


def test_draft_has_seven_panels_and_eight_seams():
    pattern = draft(M, default_options(M))
    assert [p.name for p in pattern.panels] == [
        "back", "strap-left", "strap-right", "front-left", "front-right", "wing-left",
        "wing-right",
    ]  # fmt: skip
    assert len(pattern.seams) == 8
    for panel in pattern.panels:
        assert panel.polygon.is_valid
        # Edges tile the outline: their lengths add up to the perimeter.
        assert_allclose(sum(e.length for e in panel.edges), panel.perimeter, rtol=1e-12)
        assert_allclose(panel.seam_length + panel.bound_length, panel.perimeter, rtol=1e-12)


def test_rectangle_areas_by_hand():
    o = default_options(M)
    pattern = draft(M, o)
    strap = pattern.panel("strap-left")
    assert_allclose(strap.area, o["strap_width"] * o["strap_length"])
    wing = pattern.panel("wing-right")
    assert_allclose(wing.area, wing_length(o, M) * o["side_wing_depth"])
    # Back: the rectangle less the neckline triangle between the strap seams.
    back = pattern.panel("back")
    notch = 0.5 * (o["back_width"] - 2 * o["strap_width"]) * o["back_neck_drop"]
    assert_allclose(back.area, o["back_width"] * o["back_height"] - notch)


def test_girth_closes_around_the_chest():
    # Measured on the drafted pieces: back, two fronts, the gap and two wings go round
    # the chest (96 cm, no ease) exactly.
    o = default_options(M)
    pattern = draft(M, o)

    def width(name):
        xs = [x for x, _ in pattern.panel(name).polygon.exterior.coords]
        return max(xs) - min(xs)

    girth = width("back") + 2 * width("front-left") + o["front_gap"] + 2 * width("wing-left")
    assert_allclose(girth, 96.0)
    assert_allclose(width("wing-left"), wing_length(o, M))


def test_seams_join_edges_of_equal_length():
    pattern = draft(M, default_options(M))
    for seam in pattern.seams:
        a, b = (pattern.panel(n) for n in seam.panels)
        ea = [e for e in a.edges if e.joins == b.name]
        eb = [e for e in b.edges if e.joins == a.name]
        assert len(ea) == len(eb) == 1
        assert_allclose(ea[0].length, eb[0].length)
        assert_allclose(seam.length, ea[0].length)


def test_mirrored_panels_match():
    pattern = draft(M, default_options(M))
    for left, right in (("front-left", "front-right"), ("wing-left", "wing-right")):
        assert_allclose(pattern.panel(left).area, pattern.panel(right).area)
        assert pattern.panel(right).seam_length == pattern.panel(left).seam_length


def test_grading_follows_the_grade_rules():
    l_body = Body(104.0, 46.0, "L")
    graded = grade_options(default_options(M), M, l_body)
    base = default_options(M)
    assert_allclose(graded["back_width"], base["back_width"] * 104 / 96)
    assert_allclose(graded["back_height"], base["back_height"] * 46 / 44)
    assert graded["strap_width"] == base["strap_width"]


def test_options_out_of_limits_are_named():
    with pytest.raises(
        PackcalcError, match=r"^options\.strap_width: expected shoulder strap width"
    ):
        check_options({"strap_width": 50.0})
    with pytest.raises(PackcalcError, match=r"options\.strap_widht: unknown option \(did you mean"):
        check_options({"strap_widht": 5.0})


def test_infeasible_girth_is_reported():
    o = {**default_options(M), "back_width": 40.0, "front_width": 20.0, "front_gap": 20.0}
    with pytest.raises(PackcalcError, match="side wings"):
        draft(M, o)


def test_custom_panel_from_points():
    panel = custom_panel(
        "pole-holder", [(0, 0), (10, 0), (10, 5), (0, 5)], ["seam", "bound", "bound", "bound"]
    )
    assert_allclose(panel.area, 50.0)
    assert_allclose(panel.seam_length, 10.0)
    with pytest.raises(PackcalcError, match="not a simple polygon"):
        custom_panel("bow-tie", [(0, 0), (10, 10), (10, 0), (0, 10)])
    with pytest.raises(PackcalcError, match=r"edges\[1\]: expected 'bound' or 'seam'"):
        custom_panel("x", [(0, 0), (1, 0), (1, 1)], ["bound", "glued", "bound"])


def test_layout_has_no_overlap():
    pattern = draft(M, default_options(M))
    placed = layout(pattern.panels)
    for i, (_, a) in enumerate(placed):
        for _, b in placed[i + 1 :]:
            assert a.intersection(b).area < 1e-9


sizes = st.tuples(st.floats(80, 120), st.floats(38, 52))


@settings(max_examples=60, deadline=None)
@given(sizes, sizes)
def test_larger_body_never_gives_less_fabric(small, large):
    (c1, b1), (c2, b2) = small, large
    if c2 < c1 or b2 < b1:
        (c1, c2), (b1, b2) = sorted((c1, c2)), sorted((b1, b2))
    base = default_options(M)
    a1 = sum(p.area for p in draft(Body(c1, b1), grade_options(base, M, Body(c1, b1))).panels)
    a2 = sum(p.area for p in draft(Body(c2, b2), grade_options(base, M, Body(c2, b2))).panels)
    assert a2 >= a1 - 1e-9


def test_option_specs_are_consistent():
    for spec in OPTION_SPECS.values():
        assert spec.minimum <= spec.default <= spec.maximum
        assert spec.grade in ("chest", "back_length", "none")
    library = load_library()
    for size in library.sizes:
        body = body_for_size(size, library, "size")
        check_options(default_options(body))  # the defaults make a vest in every size
        assert draft(body, default_options(body)).panels


@settings(max_examples=40, deadline=None)
@given(sizes, st.floats(20, 36), st.floats(3, 7), st.floats(0, 4))
def test_closed_form_geometry_matches_the_polygons(body, back_width, strap_width, drop):
    from packcalc.pattern import panel_geometry

    chest, back_length = body
    b = Body(chest, back_length)
    options = {
        **grade_options(default_options(M), M, b),
        "back_width": back_width,
        "strap_width": strap_width,
        "back_neck_drop": drop,
    }
    try:
        pattern = draft(b, options)
    except PackcalcError:
        assume(False)  # an infeasible combination: nothing to compare
    panels, seams = panel_geometry(options, chest)
    for polygon, closed in zip(pattern.panels, panels, strict=True):
        assert polygon.name == closed.name
        assert_allclose(closed.area, polygon.area, rtol=1e-9)
        assert_allclose(closed.seam_length, polygon.seam_length, rtol=1e-9)
        assert_allclose(closed.bound_length, polygon.bound_length, rtol=1e-9)
    assert [s.panels for s in seams] == [s.panels for s in pattern.seams]
    assert_allclose([s.length for s in seams], [s.length for s in pattern.seams])
