"""The parametric vest pattern: geometry, edges, grading, limits."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from shapely.geometry import Point

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
        # Edges tile the outline: their true lengths add up to the drawn outline's length
        # (curves drawn in short straight pieces are a little shorter).
        assert_allclose(panel.perimeter, panel.polygon.exterior.length, rtol=2e-3)
        assert_allclose(panel.seam_length + panel.bound_length, panel.perimeter, rtol=1e-12)


def test_areas_by_hand():
    # A quadratic Bézier cut between the corners of a w × h box whose control point is
    # the box's inner corner takes 5/6 of the box away; a shallow dip of depth d over a
    # chord c (control point 2d below it) takes (2/3) c d.
    o = default_options(M)
    pattern = draft(M, o)
    strap = pattern.panel("strap-left")
    assert_allclose(strap.area, o["strap_width"] * o["strap_length"])  # a swept band
    wing = pattern.panel("wing-right")
    lw = wing_length(o, M)
    assert_allclose(wing.area, lw * o["side_wing_depth"] - 2 / 3 * lw * o["wing_scoop"])
    back = pattern.panel("back")
    inset = (o["back_width"] - o["neck_width"]) / 2 - o["strap_width"]
    armholes = 2 * 5 / 6 * inset * (o["back_height"] - o["side_wing_depth"])
    neckline = 2 / 3 * o["neck_width"] * o["back_neck_drop"]
    assert_allclose(back.area, o["back_width"] * o["back_height"] - armholes - neckline)
    front = pattern.panel("front-left")
    offset = (o["neck_width"] - o["front_gap"]) / 2
    armhole = 5 / 6 * (o["front_width"] - offset - o["strap_width"])
    armhole *= o["front_height"] - o["side_wing_depth"]
    neckline = 5 / 6 * offset * o["neckline_drop"]
    assert_allclose(front.area, o["front_width"] * o["front_height"] - armhole - neckline)
    for panel in pattern.panels:  # and the drawn polygons agree
        assert_allclose(panel.polygon.area, panel.area, rtol=1e-3)


def test_every_option_changes_the_pieces():
    o = default_options(M)
    base = [(p.area, p.bound_length) for p in draft(M, o).panels]
    for name, spec in OPTION_SPECS.items():
        if name == "fit_ease":
            continue  # moves the wings' length only through the girth: checked below
        moved = {**o, name: o[name] + 0.05 * (spec.maximum - spec.minimum)}
        if name == "side_wing_depth":
            moved[name] = o[name] - 1.0
        after = [(p.area, p.bound_length) for p in draft(M, moved).panels]
        assert after != base, name
    wider = draft(M, {**o, "fit_ease": 2.0}).panel("wing-left")
    assert_allclose(wider.area - draft(M, o).panel("wing-left").area,
                    1.0 * o["side_wing_depth"] - 2 / 3 * 1.0 * o["wing_scoop"])  # fmt: skip


def test_notches_pair_across_every_seam():
    pattern = draft(M, default_options(M))
    for seam in pattern.seams:
        counts = set()
        for name in seam.panels:
            panel = pattern.panel(name)
            (edge,) = [e for e in panel.edges if e.joins in seam.panels and e.kind == "seam"]
            notch = next(n for n in panel.notches if _on(n, edge))
            counts.add(notch.count)
        assert len(counts) == 1  # both sides of a seam carry the same mark
        assert counts == ({2} if "back" in seam.panels else {1})
    for panel in pattern.panels:
        (x0, y0), (x1, y1) = panel.grain
        assert x0 == x1 and y1 > y0  # along the piece's length
        assert panel.polygon.contains(Point(x0, (y0 + y1) / 2))


def _on(notch, edge):
    from shapely.geometry import LineString

    return LineString(edge.points).distance(Point(notch.x, notch.y)) < 1e-9


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
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert a.polygon.intersection(b.polygon).area < 1e-9
        # the edges, notches and grain line move with the outline
        ring = a.polygon.exterior
        assert all(ring.distance(Point(p)) < 1e-6 for e in a.edges for p in e.points)
        assert all(ring.distance(Point(n.x, n.y)) < 1e-6 for n in a.notches)
        assert a.polygon.contains(Point(a.grain[0]))


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


@settings(max_examples=60, deadline=None)
@given(
    sizes, st.floats(20, 36), st.floats(3, 7), st.floats(0, 4), st.floats(8, 30),
    st.floats(4, 24), st.floats(0, 4), st.floats(0, 20),
)  # fmt: skip
def test_closed_form_geometry_matches_the_polygons(
    body, back_width, strap_width, drop, neck, neckline, scoop, gap
):
    from packcalc.pattern import panel_geometry

    chest, back_length = body
    b = Body(chest, back_length)
    options = {
        **grade_options(default_options(M), M, b),
        "back_width": back_width,
        "strap_width": strap_width,
        "back_neck_drop": drop,
        "neck_width": neck,
        "neckline_drop": neckline,
        "wing_scoop": scoop,
        "front_gap": gap,
    }
    try:
        pattern = draft(b, options)
    except PackcalcError:
        assume(False)  # an infeasible combination: nothing to compare
    panels, seams = panel_geometry(options, chest)
    for drawn, closed in zip(pattern.panels, panels, strict=True):
        assert drawn.name == closed.name
        # shapely measures the drawn outline (curves in 24 straight pieces each)
        assert_allclose(closed.area, drawn.polygon.area, rtol=2e-3)
        assert_allclose(closed.seam_length + closed.bound_length,
                        drawn.polygon.exterior.length, rtol=2e-3)  # fmt: skip
        assert_allclose(closed.seam_length, drawn.seam_length, rtol=1e-9)
    assert [s.panels for s in seams] == [s.panels for s in pattern.seams]
    assert_allclose([s.length for s in seams], [s.length for s in pattern.seams])


@settings(max_examples=30, deadline=None)
@given(
    neckline=st.floats(4.0, 24.0),
    gap=st.floats(0.0, 20.0),
    wing=st.floats(4.0, 14.0),
    share=st.floats(0.02, 0.98),
)
def test_width_at_a_height_matches_the_drafted_front_and_back(neckline, gap, wing, share):
    from shapely.geometry import LineString

    from packcalc.pattern import back_width_at, front_width_at

    options = {**default_options(M), "neckline_drop": neckline, "front_gap": gap,
               "side_wing_depth": wing}  # fmt: skip
    try:
        pattern = draft(M, options)
    except PackcalcError:
        assume(False)
    pieces = {p.name: p for p in pattern.panels}
    for name, width_at in (("front-left", front_width_at), ("back", back_width_at)):
        polygon = pieces[name].polygon
        minx, miny, maxx, maxy = polygon.bounds
        y = share * (maxy - miny)
        if name == "back":  # the closed form leaves out the neck dip at the top
            assume(y < options["back_height"] - options["back_neck_drop"])
        cut = polygon.intersection(LineString([(minx - 1, miny + y), (maxx + 1, miny + y)]))
        # the drawn curves are 24 straight pieces each: a few tenths of a millimetre
        assert_allclose(float(width_at(options, y)), cut.length, atol=0.03)


def test_width_at_a_height_by_hand():
    from packcalc.pattern import front_width_at

    # race-5l's front: 12 cm wide, 26 high, wings 10 deep, straps 5 wide, neck 16, gap 10
    # (offset 3), neckline drop 12. At 18 cm: the armhole has risen (18-10)/16 = 1/2 of
    # its height and cut 4 x (1 - (1 - sqrt(1/2))^2) = 3.657; the neckline, begun at 14,
    # has fallen 4/12 = 1/3 and cut 3 x (1 - (1 - sqrt(1/3))^2) = 2.464: 12 - 3.657 - 2.464.
    options = {"front_width": 12.0, "front_height": 26.0, "strap_width": 5.0,
               "side_wing_depth": 10.0, "neck_width": 16.0, "front_gap": 10.0,
               "neckline_drop": 12.0}  # fmt: skip
    assert_allclose(front_width_at(options, 18.0), 12 - 3.6569 - 2.4641, atol=1e-3)
    assert_allclose(front_width_at(options, 5.0), 12.0)  # below the wing top: full width
    assert_allclose(front_width_at(options, 26.0), 5.0)  # at the top: the strap's width
