"""The parametric running-vest pattern: pieces drafted from body measurements.

A vest is drafted as seven pieces, as a pattern maker drafts a close-fitting vest from
the chest and the back length: the back, two shoulder straps, two fronts and two side
wings, whose girth closes around the chest. Each piece is an outline of straight lines
and quadratic Bézier curves (necklines, armholes, the strap's sweep) whose edges are
seamed to another piece or bound; it carries its notches and grain line. The mass,
packed-volume and capacity models read the pieces' areas and edge lengths; the app draws
them to scale.

The draft (the rules of this model, stated here so they can be checked against a real
pattern; every length in cm):

- **back**: ``back_width`` at the hem, ``back_height`` high. The straps join its top at
  ``neck_width`` apart, centred (``neck_width / 2`` from the centre back to each strap's
  inner edge); between them the back neckline curves down by ``back_neck_drop``. From
  each strap's outer edge the armhole curves down and out to the top of the side seam,
  ``side_wing_depth`` above the hem (a curve leaving the strap square and meeting the
  side seam square, as an armhole does). A back narrower than the straps' span flares
  out to them instead.
- **shoulder strap**: a band ``strap_width`` wide whose ends are ``strap_length`` apart
  (from the top of the back, over the shoulder, to the top of the front); it sweeps
  sideways by ``STRAP_SWEEP`` of its length, as a strap cut to follow the shoulder does.
- **front**: ``front_width`` at the hem, ``front_height`` from the hem to the strap
  seam. The strap sits over the neck, ``(neck_width - front_gap) / 2`` out from the
  front's inner (sternum) edge when the sternum gap is narrower than the neck, else on
  the inner edge. Between the strap and the sternum edge the front neckline curves down
  by ``neckline_drop`` (at most the front height); from the strap's outer edge the
  front armhole curves out to the side seam, so the shoulder section widens into the
  front. Each curve meets the seams at its ends square, as necklines and armholes do.
- **side wing**: closes the girth under the arm. ``side_wing_depth`` high at both seams,
  its length half of what the chest circumference plus ``fit_ease`` leaves after the back,
  both fronts and the ``front_gap`` bridged by the sternum straps; its top edge (the
  bottom of the armhole) dips by ``wing_scoop`` at its middle.

Grading: options are given for the design's own body; drafting another size scales each
option by the ratio of the body measurement it follows (``chest`` for widths,
``back_length`` for heights, ``none`` for strap width and the like), the usual
proportional grade rule.

Areas and edge lengths have closed forms (:func:`panel_geometry`, vectorised, for one
design and a million variants alike); :func:`draft` draws the same outlines as shapely
polygons (each curve in ``CURVE_SEGMENTS`` straight pieces) for drawings and checks.

All lengths inside this module are in centimetres; areas in cm² (the mass model
converts).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import Polygon

from packcalc.errors import PackcalcError, did_you_mean


@dataclass(frozen=True)
class Body:
    """Body measurements the draft needs [cm]."""

    chest: float
    back_length: float
    label: str = "custom"


@dataclass(frozen=True)
class OptionSpec:
    """A design option: default at the reference body, limits, grade rule, meaning."""

    name: str
    default: float
    minimum: float
    maximum: float
    grade: str  # "chest", "back_length" or "none"
    description: str


# The reference body the defaults are given for (size M of the size table).
REFERENCE_CHEST = 99.1
REFERENCE_BACK_LENGTH = 46.7

# Defaults describe a typical 5 L race vest at size M; limits span minimal to 15 L vests.
# These are design choices, not measurements: each is a starting point a designer moves.
OPTION_SPECS: dict[str, OptionSpec] = {
    spec.name: spec
    for spec in (
        OptionSpec("back_height", 34.0, 12.0, 50.0, "back_length", "back panel height"),
        OptionSpec("back_width", 28.0, 16.0, 40.0, "chest", "back panel width"),
        OptionSpec("back_neck_drop", 2.0, 0.0, 8.0, "none", "neckline dip at the back"),
        OptionSpec("strap_width", 5.0, 2.0, 10.0, "none", "shoulder strap width"),
        OptionSpec("strap_length", 20.0, 10.0, 34.0, "back_length", "strap, back to front"),
        OptionSpec("front_height", 26.0, 10.0, 38.0, "back_length", "front panel height"),
        OptionSpec("front_width", 12.0, 6.0, 20.0, "chest", "front panel width"),
        OptionSpec("neckline_drop", 12.0, 4.0, 24.0, "back_length", "front neckline drop"),
        OptionSpec("side_wing_depth", 10.0, 3.0, 24.0, "back_length", "side wing height"),
        OptionSpec("front_gap", 10.0, 0.0, 30.0, "chest", "sternum gap between fronts"),
        OptionSpec("fit_ease", 0.0, -12.0, 12.0, "none", "girth ease (negative: stretch fit)"),
        OptionSpec("neck_width", 16.0, 8.0, 30.0, "chest", "neck opening between the straps"),
        OptionSpec("wing_scoop", 1.5, 0.0, 8.0, "back_length", "armhole dip of the side wing"),
    )
}
MIN_WING_LENGTH = 2.0  # [cm] below this the girth does not close: the options are infeasible
STRAP_SWEEP = 0.06  # sideways sweep of a strap in the flat, per unit of its length (assumption)
CURVE_SEGMENTS = 24  # straight pieces per curve in the drawn polygons (area within 0.1 %)


@dataclass(frozen=True)
class Edge:
    """One edge of a panel: ``kind`` is ``"seam"`` (joined to ``joins``) or ``"bound"``.

    ``points`` is the edge as drawn, from its start to its end [cm] (two points for a
    straight edge, more for a curve); ``length`` is its true length [cm].
    """

    kind: str
    length: float
    joins: str | None = None
    points: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Notch:
    """A notch on a seamed edge [cm]: ``count`` 1 on front pieces, 2 on back pieces (the
    usual convention, so that pieces are not sewn the wrong way round)."""

    x: float
    y: float
    count: int = 1


@dataclass(frozen=True)
class Panel:
    """A flat pattern piece: its outline [cm], its edges in outline order, notches and
    grain line.

    ``polygon`` draws the outline (curves in short straight pieces); ``area`` is the
    exact area of the curved outline when the draft knows it (``exact_area``), else the
    polygon's.
    """

    name: str
    group: str
    polygon: Polygon
    edges: tuple[Edge, ...]
    notches: tuple[Notch, ...] = ()
    grain: tuple[tuple[float, float], tuple[float, float]] | None = None
    exact_area: float | None = None

    @property
    def area(self) -> float:
        """Area [cm²]."""
        return float(self.polygon.area) if self.exact_area is None else self.exact_area

    @property
    def seam_length(self) -> float:
        """Length of the edges seamed to other panels [cm]."""
        return sum(e.length for e in self.edges if e.kind == "seam")

    @property
    def bound_length(self) -> float:
        """Length of the edges finished with binding [cm]."""
        return sum(e.length for e in self.edges if e.kind == "bound")

    @property
    def perimeter(self) -> float:
        """Length of the outline [cm] (curves at their true length)."""
        return sum(e.length for e in self.edges)


@dataclass(frozen=True)
class Seam:
    """A seam joining two panels, and its length [cm] (the mean of the two edges)."""

    name: str
    panels: tuple[str, str]
    length: float


@dataclass(frozen=True)
class Pattern:
    """The drafted vest: its panels and seams, and the options it was drafted with [cm]."""

    body: Body
    options: Mapping[str, float]
    panels: tuple[Panel, ...]
    seams: tuple[Seam, ...]

    def panel(self, name: str) -> Panel:
        for panel in self.panels:
            if panel.name == name:
                return panel
        raise KeyError(name)


def default_options(body: Body) -> dict[str, float]:
    """The default options graded from the reference body (size M) to ``body`` [cm]."""
    reference = Body(REFERENCE_CHEST, REFERENCE_BACK_LENGTH)
    return grade_options({n: s.default for n, s in OPTION_SPECS.items()}, reference, body)


def grade_options(options: Mapping[str, float], from_body: Body, to_body: Body) -> dict[str, float]:
    """Scale options drafted for ``from_body`` to ``to_body`` by their grade rules.

    Parameters
    ----------
    options : mapping of str to float
        Option values for ``from_body`` [cm].
    from_body : Body
        The body the options were set for.
    to_body : Body
        The body to draft.

    Returns
    -------
    dict of str to float
        Graded values [cm]: widths follow the chest ratio, heights the back-length ratio,
        options graded ``none`` (strap width, ease, neck dip) keep their value.
    """
    ratios = {
        "chest": to_body.chest / from_body.chest,
        "back_length": to_body.back_length / from_body.back_length,
        "none": 1.0,
    }
    return {
        name: value * ratios[OPTION_SPECS[name].grade] if name in OPTION_SPECS else value
        for name, value in options.items()
    }


def check_options(options: Mapping[str, float], prefix: str = "options") -> None:
    """Raise a PackcalcError naming the first option outside its limits."""
    for name, value in options.items():
        if name not in OPTION_SPECS:
            raise PackcalcError(
                f"{prefix}.{name}", f"unknown option{did_you_mean(name, OPTION_SPECS)}"
            )
        spec = OPTION_SPECS[name]
        if not (spec.minimum <= value <= spec.maximum):
            raise PackcalcError(
                f"{prefix}.{name}",
                f"expected {spec.description} between {spec.minimum:g} cm and "
                f"{spec.maximum:g} cm, got {value:g} cm",
            )


def wing_length(options: Mapping[str, Any], body: Body | Any) -> Any:
    """Length of each side wing [cm]: half the girth left after back, fronts and gap.

    .. math:: L_w = (C + e - W_b - 2 W_f - g) / 2

    with C the chest circumference, e the fit ease, W_b the back width, W_f the front
    width and g the front gap [cm].

    Parameters
    ----------
    options : mapping of str to float or array
        The design options [cm] (``fit_ease``, ``back_width``, ``front_width``,
        ``front_gap``).
    body : Body, float or array
        The body being drafted, or its chest circumference [cm].

    Returns
    -------
    float or ndarray
        Length of one side wing [cm]; below 2 cm the design does not close.
    """
    o = options
    chest = body.chest if isinstance(body, Body) else np.asarray(body, dtype=float)
    return (chest + o["fit_ease"] - o["back_width"] - 2 * o["front_width"] - o["front_gap"]) / 2


def _back_inset(o: Mapping[str, Any]) -> Any:
    """From the back's side to a strap's outer edge, at the top [cm]: the depth of the
    back's armhole."""
    return (o["back_width"] - o["neck_width"]) / 2.0 - o["strap_width"]


def _front_offset(o: Mapping[str, Any]) -> Any:
    """From the front's inner edge to the strap [cm]: the width of its neckline."""
    return np.maximum((o["neck_width"] - o["front_gap"]) / 2.0, 0.0)


def _corner_cut(y: Any, bottom: Any, top: Any, depth: Any) -> Any:
    """How far a corner curve drafted as in :func:`_outlines` (an armhole, a neckline)
    cuts into a piece at height ``y`` [cm]: a quadratic Bézier from the edge at
    ``bottom`` to ``depth`` inwards at ``top``, its control point at the inner corner
    (``depth`` inwards at ``bottom``)."""
    rise = np.maximum(top - bottom, 1e-9)
    share = np.clip((y - bottom) / rise, 0.0, 1.0)
    return depth * (1.0 - (1.0 - np.sqrt(share)) ** 2)


def front_width_at(options: Mapping[str, Any], y: Any) -> Any:
    r"""Width of the drafted front [cm] at height ``y`` above its hem [cm] (floats or
    arrays): the front width less the armhole and the neckline cut at that height.

    .. math::

        W_f(y) = W_f - (W_f - n - W_s)\,c\!\left(\frac{y - D_w}{H_f - D_w}\right)
                 - n\,c\!\left(\frac{y - H_f + d_f}{d_f}\right), \quad
        c(s) = 1 - (1 - \sqrt{s})^2, \ s \in [0, 1]

    with n the neck offset, W_s the strap width, D_w the wing depth and d_f the front
    neckline drop (:func:`panel_geometry`); c is the share of a corner curve's depth cut
    at a share s of its rise (a quadratic Bézier with its control point at the box's
    inner corner). The front is W_f wide up to the wing top and W_s wide at the strap.

    Parameters
    ----------
    options : mapping of str to float or array
        The design options [cm] (:data:`OPTION_SPECS`).
    y : float or array_like
        Height above the front's hem [cm], from 0 to the front height.

    Returns
    -------
    float or ndarray
        The front's width at that height [cm] (a test checks it against the drafted
        outline).
    """
    o = {k: np.asarray(v, dtype=float) for k, v in options.items()}
    wf, hf, ws, dw = o["front_width"], o["front_height"], o["strap_width"], o["side_wing_depth"]
    offset = _front_offset(o)
    drop = np.minimum(o["neckline_drop"], hf)
    armhole = _corner_cut(y, dw, hf, wf - offset - ws)
    neckline = _corner_cut(y, hf - drop, hf, offset)
    return wf - armhole - neckline


def back_width_at(options: Mapping[str, Any], y: Any) -> Any:
    r"""Width of the drafted back [cm] at height ``y`` above its hem [cm] (floats or
    arrays): the back width less both armholes at that height,
    :math:`W_b(y) = W_b - 2 a\,c((y - D_w)/(H_b - D_w))` with a the armhole's depth
    (:func:`front_width_at` for c); the neck dip at the top is left out (a pocket's
    height stops below it).

    Parameters
    ----------
    options : mapping of str to float or array
        The design options [cm] (:data:`OPTION_SPECS`).
    y : float or array_like
        Height above the back's hem [cm].

    Returns
    -------
    float or ndarray
        The back's width at that height [cm].
    """
    o = {k: np.asarray(v, dtype=float) for k, v in options.items()}
    armhole = _corner_cut(y, o["side_wing_depth"], o["back_height"], _back_inset(o))
    return o["back_width"] - 2.0 * armhole


@dataclass(frozen=True)
class _Segment:
    """One edge of an outline as drafted: its start point, the control point of a
    quadratic Bézier curve (``None`` for a straight line), its kind and partner. The edge
    ends where the next segment starts. Coordinates are floats or arrays [cm]."""

    start: tuple[Any, Any]
    control: tuple[Any, Any] | None
    kind: str
    joins: str | None = None


# Gauss-Legendre nodes and weights on [0, 1] for the length of a Bézier curve: exact to
# ~1e-6 for the smooth curves of the draft.
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(8)
_GL_NODES, _GL_WEIGHTS = (_GL_NODES + 1.0) / 2.0, _GL_WEIGHTS / 2.0


def bezier_length(p0: tuple, control: tuple, p2: tuple) -> Any:
    r"""Length of a quadratic Bézier curve [cm] (floats or arrays).

    .. math:: L = \int_0^1 \lvert 2 (a + t b) \rvert \, dt, \quad a = C - P_0, \quad
              b = P_2 - 2 C + P_0

    integrated by 8-point Gauss-Legendre quadrature.

    Parameters
    ----------
    p0, control, p2 : (x, y)
        Start, control and end points [cm]; each coordinate a float or an array.

    Returns
    -------
    float or ndarray
        Length [cm].

    Examples
    --------
    >>> round(float(bezier_length((0, 0), (1, 0), (2, 0))), 9)  # a straight line
    2.0
    """
    ax, ay = np.subtract(control[0], p0[0]), np.subtract(control[1], p0[1])
    bx = np.add(np.subtract(p2[0], np.multiply(2.0, control[0])), p0[0])
    by = np.add(np.subtract(p2[1], np.multiply(2.0, control[1])), p0[1])
    total: Any = 0.0
    for t, w in zip(_GL_NODES, _GL_WEIGHTS, strict=True):
        total = total + w * 2.0 * np.hypot(ax + t * bx, ay + t * by)
    return total


def _segment_ends(segments: Sequence[_Segment]) -> list[tuple[tuple, tuple]]:
    return [(s.start, segments[(i + 1) % len(segments)].start) for i, s in enumerate(segments)]


def _segment_length(segment: _Segment, end: tuple) -> Any:
    if segment.control is None:
        return np.hypot(
            np.subtract(end[0], segment.start[0]), np.subtract(end[1], segment.start[1])
        )
    return bezier_length(segment.start, segment.control, end)


def _shoelace(points: Sequence[tuple[Any, Any]]) -> Any:
    total: Any = 0.0
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        total = total + np.multiply(x0, y1) - np.multiply(x1, y0)
    return total / 2.0


def outline_area(segments: Sequence[_Segment]) -> Any:
    r"""Area enclosed by an outline of lines and quadratic Bézier curves [cm²].

    .. math:: A = \tfrac13 A_{chords} + \tfrac23 A_{control}

    where :math:`A_{chords}` is the polygon of the segments' end points and
    :math:`A_{control}` the polygon with each curve's control point inserted (the area
    between a quadratic Bézier curve and its chord is 2/3 of its control triangle).
    """
    chords = [s.start for s in segments]
    controls = []
    for s in segments:
        controls.append(s.start)
        if s.control is not None:
            controls.append(s.control)
    return np.abs(_shoelace(chords) / 3.0 + 2.0 * _shoelace(controls) / 3.0)


def _outlines(options: Mapping[str, Any], chest_cm: Any) -> dict[str, tuple[str, list[_Segment]]]:
    """The back and the left strap, front and wing, as outlines (see the module
    docstring); options and chest may be floats or arrays [cm]."""
    o = options
    wb, hb, ws, sl = o["back_width"], o["back_height"], o["strap_width"], o["strap_length"]
    wf, hf, dw = o["front_width"], o["front_height"], o["side_wing_depth"]
    lw = wing_length(o, chest_cm)
    inset, offset = _back_inset(o), _front_offset(o)
    front_neck = np.minimum(o["neckline_drop"], hf)
    sweep = STRAP_SWEEP * sl
    seg = _Segment
    back = [
        seg((0.0, 0.0), None, "bound"),
        seg((wb, 0.0), None, "seam", "wing-right"),
        seg((wb, dw), (wb - inset, dw), "bound"),
        seg((wb - inset, hb), None, "seam", "strap-right"),
        seg((wb - inset - ws, hb), (wb / 2.0, hb - 2.0 * o["back_neck_drop"]), "bound"),
        seg((inset + ws, hb), None, "seam", "strap-left"),
        seg((inset, hb), (inset, dw), "bound"),
        seg((0.0, dw), None, "seam", "wing-left"),
    ]
    strap = [
        seg((0.0, 0.0), None, "seam", "front-left"),
        seg((ws, 0.0), (ws + 2.0 * sweep, sl / 2.0), "bound"),
        seg((ws, sl), None, "seam", "back"),
        seg((0.0, sl), (2.0 * sweep, sl / 2.0), "bound"),
    ]
    front = [
        seg((0.0, 0.0), None, "bound"),
        seg((wf, 0.0), None, "seam", "wing-left"),
        seg((wf, dw), (offset + ws, dw), "bound"),
        seg((offset + ws, hf), None, "seam", "strap-left"),
        seg((offset, hf), (offset, hf - front_neck), "bound"),
        seg((0.0, hf - front_neck), None, "bound"),
    ]
    wing = [
        seg((0.0, 0.0), None, "bound"),
        seg((lw, 0.0), None, "seam", "front-left"),
        seg((lw, dw), (lw / 2.0, dw - 2.0 * o["wing_scoop"]), "bound"),
        seg((0.0, dw), None, "seam", "back"),
    ]
    return {
        "back": ("back", back),
        "strap-left": ("strap", strap),
        "front-left": ("front", front),
        "wing-left": ("wing", wing),
    }


def _curve_points(start: tuple, control: tuple | None, end: tuple) -> list[tuple[float, float]]:
    if control is None:
        return [(float(start[0]), float(start[1])), (float(end[0]), float(end[1]))]
    t = np.linspace(0.0, 1.0, CURVE_SEGMENTS + 1)
    p0, c, p2 = (np.asarray(p, dtype=float) for p in (start, control, end))
    xy = np.outer((1 - t) ** 2, p0) + np.outer(2 * t * (1 - t), c) + np.outer(t**2, p2)
    return [(float(x), float(y)) for x, y in xy]


def _drafted_panel(name: str, group: str, segments: Sequence[_Segment]) -> Panel:
    """A drafted piece from its outline (floats): polygon, edges, notches, grain line."""
    edges, ring = [], []
    for segment, (start, end) in zip(segments, _segment_ends(segments), strict=True):
        points = _curve_points(start, segment.control, end)
        length = float(_segment_length(segment, end))
        edges.append(Edge(segment.kind, length, segment.joins, tuple(points)))
        ring.extend(p for p in points[:-1] if not ring or p != ring[-1])
    polygon = Polygon(ring)
    if not polygon.is_valid or polygon.area <= 0:
        raise PackcalcError("options", f"these options draw a {name} whose outline crosses itself")
    notches = tuple(
        Notch(*_midpoint(edge.points), 2 if "back" in (group, edge.joins) else 1)
        for edge in edges
        if edge.kind == "seam"
    )
    minx, miny, maxx, maxy = polygon.bounds
    middle, height = (minx + maxx) / 2.0, maxy - miny
    grain = ((middle, miny + 0.2 * height), (middle, miny + 0.8 * height))
    return Panel(name, group, polygon, tuple(edges), notches, grain, float(outline_area(segments)))


def _midpoint(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The point halfway along a polyline."""
    xy = np.asarray(points)
    steps = np.hypot(*np.diff(xy, axis=0).T)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    half = along[-1] / 2.0
    return float(np.interp(half, along, xy[:, 0])), float(np.interp(half, along, xy[:, 1]))


def _panel(
    name: str,
    group: str,
    points: Sequence[tuple[float, float]],
    edges: Sequence,
    where: str | None = None,
) -> Panel:
    """A panel from its vertices and, per edge (vertex i → i+1), ``(kind, joins)``;
    errors name ``where`` (default ``panels.<name>``)."""
    where = where or f"panels.{name}"
    polygon = Polygon(points)
    if not polygon.is_valid or polygon.area <= 0:
        raise PackcalcError(f"{where}.points", "the outline is not a simple polygon")
    coords = [tuple(map(float, c)) for c in polygon.exterior.coords]
    if len(coords) - 1 != len(edges):
        raise PackcalcError(
            f"{where}.edges",
            f"expected one edge kind per side ({len(coords) - 1}), got {len(edges)}",
        )
    return Panel(
        name,
        group,
        polygon,
        tuple(
            Edge(kind, float(np.hypot(b[0] - a[0], b[1] - a[1])), joins, (a, b))
            for (kind, joins), (a, b) in zip(edges, itertools.pairwise(coords), strict=True)
        ),
    )


def _mirror(panel: Panel, name: str, renames: Mapping[str, str]) -> Panel:
    """The left/right twin of a panel: mirrored outline, edge partners renamed."""

    def flip(points: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
        return tuple((-x, y) for x, y in points)

    return dataclasses.replace(
        panel,
        name=name,
        polygon=shapely.transform(panel.polygon, lambda xy: xy * np.array([-1.0, 1.0])),
        edges=tuple(
            Edge(e.kind, e.length, renames.get(e.joins, e.joins), flip(e.points))
            for e in panel.edges
        ),
        notches=tuple(Notch(-n.x, n.y, n.count) for n in panel.notches),
        grain=flip(panel.grain) if panel.grain else None,
    )


def draft(body: Body, options: Mapping[str, float]) -> Pattern:
    """Draft the seven pieces of the vest for ``body`` with ``options`` [cm].

    Parameters
    ----------
    body : Body
        Chest circumference and back length [cm].
    options : mapping of str to float
        Options of :data:`OPTION_SPECS` [cm], already graded to ``body``; any left out
        takes its default graded to ``body``.

    Returns
    -------
    Pattern
        Pieces ``back``, ``strap-left``/``-right``, ``front-left``/``-right``,
        ``wing-left``/``-right`` and the eight seams joining them.

    Raises
    ------
    PackcalcError
        When the options do not close around the chest (side wings shorter than 2 cm), an
        option does not fit another (strap wider than half the back panel, …) or an
        outline crosses itself.
    """
    o = {**default_options(body), **options}
    _check_fit(o, body)
    outlines = _outlines(o, body.chest)
    back, strap, front, wing = (
        _drafted_panel(name, group, segments) for name, (group, segments) in outlines.items()
    )
    left_to_right = {
        "front-left": "front-right",
        "wing-left": "wing-right",
        "strap-left": "strap-right",
    }
    panels = (
        back,
        strap,
        _mirror(strap, "strap-right", left_to_right),
        front,
        _mirror(front, "front-right", left_to_right),
        wing,
        _mirror(wing, "wing-right", left_to_right),
    )
    return Pattern(body, o, panels, _seams(panels))


def _check_fit(o: Mapping[str, float], body: Body) -> None:
    """Raise a PackcalcError when options that are each within limits do not fit together."""
    wb, ws, dw = o["back_width"], o["strap_width"], o["side_wing_depth"]
    hb, hf, drop = o["back_height"], o["front_height"], o["back_neck_drop"]
    lw = wing_length(o, body)
    if lw < MIN_WING_LENGTH:
        raise PackcalcError(
            "options",
            f"back width + 2 × front width + front gap "
            f"({wb + 2 * o['front_width'] + o['front_gap']:.1f} cm) leave {2 * lw:.1f} cm of a "
            f"{body.chest + o['fit_ease']:.1f} cm girth for the side wings: expected at least "
            f"{2 * MIN_WING_LENGTH:g} cm",
        )
    if 2 * ws >= wb:
        raise PackcalcError(
            "options.strap_width",
            f"expected less than half the back width ({wb / 2:.1f} cm), got {ws:g} cm",
        )
    if dw >= min(hb, hf):
        raise PackcalcError(
            "options.side_wing_depth",
            f"expected less than the back and front heights ({min(hb, hf):.1f} cm), got {dw:g} cm",
        )
    if drop >= hb - dw:
        raise PackcalcError(
            "options.back_neck_drop",
            f"expected less than {hb - dw:.1f} cm (back height above the wings), got {drop:g} cm",
        )
    if o["wing_scoop"] >= dw:
        raise PackcalcError(
            "options.wing_scoop",
            f"expected less than the side wing height ({dw:.1f} cm), got {o['wing_scoop']:g} cm",
        )


def _seams(panels: Sequence[Panel]) -> tuple[Seam, ...]:
    """Pair the seamed edges of the panels into seams (each listed once)."""
    by_name = {p.name: p for p in panels}
    seams = []
    for panel in panels:
        for edge in panel.edges:
            if edge.kind != "seam" or edge.joins is None:
                continue
            other = by_name.get(edge.joins)
            if other is None:  # joined to something outside the vest (a custom panel)
                seams.append(
                    Seam(f"{panel.name}/{edge.joins}", (panel.name, edge.joins), edge.length)
                )
                continue
            if panel.name > other.name:
                continue
            partner = [e for e in other.edges if e.kind == "seam" and e.joins == panel.name]
            length = (edge.length + partner[0].length) / 2 if partner else edge.length
            seams.append(Seam(f"{panel.name}/{other.name}", (panel.name, other.name), length))
    return tuple(seams)


def custom_panel(
    name: str,
    points: Sequence[tuple[float, float]],
    edge_kinds: Sequence[str] | None = None,
    where: str | None = None,
) -> Panel:
    """A panel given by explicit points [cm], for shapes the parametric draft does not make.

    Parameters
    ----------
    name : str
        Panel name, unique in the design.
    points : sequence of (x, y)
        Vertices in order [cm]; the outline closes by itself.
    edge_kinds : sequence of str, optional
        Per edge (vertex i to i+1), ``"bound"`` or ``"seam"``; all bound by default.
    where : str, optional
        Where the panel sits in the design file, for error messages (default
        ``panels.<name>``).

    Returns
    -------
    Panel
        The panel, in group ``"custom"``.
    """
    where = where or f"panels.{name}"
    kinds = list(edge_kinds) if edge_kinds is not None else ["bound"] * len(points)
    for i, kind in enumerate(kinds):
        if kind not in ("bound", "seam"):
            raise PackcalcError(f"{where}.edges[{i}]", f"expected 'bound' or 'seam', got {kind!r}")
    edges = [(k, "vest" if k == "seam" else None) for k in kinds]
    return _panel(name, "custom", points, edges, where)


def moved(panel: Panel, dx: float, dy: float) -> Panel:
    """The panel moved by (dx, dy) [cm]: outline, edges, notches and grain line."""

    def shift(points: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
        return tuple((x + dx, y + dy) for x, y in points)

    return dataclasses.replace(
        panel,
        polygon=shapely.affinity.translate(panel.polygon, dx, dy),
        edges=tuple(dataclasses.replace(e, points=shift(e.points)) for e in panel.edges),
        notches=tuple(Notch(n.x + dx, n.y + dy, n.count) for n in panel.notches),
        grain=shift(panel.grain) if panel.grain else None,
    )


def layout(panels: Sequence[Panel], gap: float = 3.0) -> list[Panel]:
    """Place panels side by side on a flat sheet, in rows, for drawing [cm].

    Parameters
    ----------
    panels : sequence of Panel
        The panels to place.
    gap : float, optional
        Space between panels [cm] (default 3).

    Returns
    -------
    list of Panel
        Each panel moved (:func:`moved`) so that none overlap (a simple shelf packing,
        not a cutting marker).
    """
    placed = []
    x = y = row_height = 0.0
    row_width = max(150.0, max(p.polygon.bounds[2] - p.polygon.bounds[0] for p in panels) + gap)
    for panel in panels:
        minx, miny, maxx, maxy = panel.polygon.bounds
        width, height = maxx - minx, maxy - miny
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        placed.append(moved(panel, x - minx, y - miny))
        x += width + gap
        row_height = max(row_height, height)
    return placed


@dataclass(frozen=True)
class PanelGeometry:
    """Area [cm²], seamed and bound edge lengths [cm] of a drafted panel; floats or arrays."""

    name: str
    group: str
    area: Any
    seam_length: Any
    bound_length: Any


@dataclass(frozen=True)
class SeamGeometry:
    """A seam between two drafted panels and its length [cm] (float or array)."""

    name: str
    panels: tuple[str, str]
    length: Any


def corner_curve_length(width: Any, height: Any) -> Any:
    r"""Length of a quadratic Bézier curve across a ``width`` × ``height`` box whose
    control point is a corner of the box (an armhole, a neckline) [cm].

    .. math::

        L = \int_0^1 2 \sqrt{w^2 (1 - t)^2 + h^2 t^2} \, dt
          = 2 \sqrt{\alpha} \left[ F(u) \right]_{-w^2/\alpha}^{h^2/\alpha}, \quad
        F(u) = \tfrac12 \left( u \sqrt{u^2 + m} + m \operatorname{asinh}
               \frac{u}{\sqrt m} \right)

    with :math:`\alpha = w^2 + h^2` and :math:`m = w^2 h^2 / \alpha^2`.

    Parameters
    ----------
    width, height : float or array_like
        Sides of the box [cm] (signs do not matter).

    Returns
    -------
    float or ndarray
        Length [cm]; a flat box gives its long side.

    Examples
    --------
    A flat box is a straight line; a 4 cm square gives 6.4929 cm (by quadrature of the
    integral above, scipy.integrate.quad: 6.492900960560922):

    >>> float(corner_curve_length(3.0, 0.0)), round(float(corner_curve_length(4.0, 4.0)), 4)
    (3.0, 6.4929)
    """
    w2, h2 = np.square(width), np.square(height)
    alpha = w2 + h2
    safe_alpha = np.where(alpha > 0, alpha, 1.0)
    m = w2 * h2 / safe_alpha**2
    root_m = np.sqrt(np.where(m > 0, m, 1.0))

    def antiderivative(u: Any) -> Any:
        curved = 0.5 * (u * np.sqrt(u * u + m) + m * np.arcsinh(u / root_m))
        return np.where(m > 0, curved, 0.5 * u * np.abs(u))  # a straight segment

    upper, lower = h2 / safe_alpha, -w2 / safe_alpha
    return 2.0 * np.sqrt(alpha) * (antiderivative(upper) - antiderivative(lower))


def dip_curve_length(chord: Any, depth: Any) -> Any:
    r"""Length of a symmetric quadratic Bézier curve over a ``chord`` that dips by
    ``depth`` at its middle (control point ``2 depth`` off the chord) [cm].

    .. math:: L = \sqrt{A^2 + B^2} + \frac{A^2}{B} \operatorname{asinh} \frac{B}{A},
              \quad A = c / 2, \quad B = 2 d

    Parameters
    ----------
    chord : float or array_like
        Chord c [cm].
    depth : float or array_like
        Dip d at the middle [cm].

    Returns
    -------
    float or ndarray
        Length [cm]; no dip gives the chord.

    Examples
    --------
    No dip gives the chord; 2 cm over 10 cm gives 10.9823 cm (scipy.integrate.quad of
    the integral: 10.982300837716668):

    >>> float(dip_curve_length(10.0, 0.0)), round(float(dip_curve_length(10.0, 2.0)), 4)
    (10.0, 10.9823)
    """
    a = np.abs(np.asarray(chord, dtype=float)) / 2.0
    b = 2.0 * np.abs(np.asarray(depth, dtype=float))
    # (A²/B) asinh(B/A) = A asinh(x)/x with x = B/A, written so that a tiny dip stays finite
    x = b / np.where(a > 0, a, 1.0)
    safe_x = np.where(x > 1e-6, x, 1.0)
    ratio = np.where(x > 1e-6, np.arcsinh(safe_x) / safe_x, 1.0 - x * x / 6.0)
    return np.sqrt(a * a + b * b) + a * ratio


def panel_geometry(
    options: Mapping[str, Any], chest_cm: Any
) -> tuple[tuple[PanelGeometry, ...], tuple[SeamGeometry, ...]]:
    r"""Areas and edge lengths of the seven drafted pieces, in closed form and vectorised.

    The outlines of :func:`draft`, measured with formulas so that one design and a
    million variants go through one code path: every option may be a float or an array
    (they broadcast). A corner curve across a w × h box takes :math:`\tfrac56 w h` from
    the box's corner; a dip of depth d over a chord c takes :math:`\tfrac23 c d`:

    .. math::

        A_{back} &= W_b H_b - \tfrac53 a (H_b - D_w) - \tfrac23 N d_b, \quad
        a = \tfrac12 (W_b - N) - W_s \\
        A_{strap} &= W_s L_s \\
        A_{front} &= W_f H_f - \tfrac56 (W_f - n - W_s)(H_f - D_w) - \tfrac56 n d_f,
        \quad n = \max(\tfrac12 (N - g), 0), \quad d_f = \min(d_{neck}, H_f) \\
        A_{wing} &= L_w D_w - \tfrac23 L_w s

    with N the neck width, d_b the back neck drop, g the front gap and s the wing scoop;
    curved edges by :func:`corner_curve_length` and :func:`dip_curve_length` (a test
    checks all of it against the drawn polygons).

    Parameters
    ----------
    options : mapping of str to float or array
        Every option of :data:`OPTION_SPECS` [cm].
    chest_cm : float or array
        Chest circumference [cm] (the side wings close the girth).

    Returns
    -------
    (tuple of PanelGeometry, tuple of SeamGeometry)
        The pieces back, strap-left/-right, front-left/-right, wing-left/-right, and the
        eight seams.
    """
    o = {k: np.asarray(v, dtype=float) for k, v in options.items()}
    wb, hb, ws, sl = o["back_width"], o["back_height"], o["strap_width"], o["strap_length"]
    wf, hf, dw = o["front_width"], o["front_height"], o["side_wing_depth"]
    neck, drop, scoop = o["neck_width"], o["back_neck_drop"], o["wing_scoop"]
    lw = wing_length(o, chest_cm)
    inset, offset = _back_inset(o), _front_offset(o)
    front_neck = np.minimum(o["neckline_drop"], hf)
    armhole_width = wf - offset - ws
    back = (
        wb * hb - 5.0 / 3.0 * inset * (hb - dw) - 2.0 / 3.0 * neck * drop,
        2 * dw + 2 * ws,
        wb + 2 * corner_curve_length(inset, hb - dw) + dip_curve_length(neck, drop),
    )
    strap = (ws * sl, 2 * ws, 2 * dip_curve_length(sl, STRAP_SWEEP * sl))
    front = (
        wf * hf - 5.0 / 6.0 * armhole_width * (hf - dw) - 5.0 / 6.0 * offset * front_neck,
        dw + ws,
        wf
        + corner_curve_length(armhole_width, hf - dw)
        + corner_curve_length(offset, front_neck)
        + (hf - front_neck),
    )
    wing = (lw * dw - 2.0 / 3.0 * lw * scoop, 2 * dw, lw + dip_curve_length(lw, scoop))
    panels = (
        PanelGeometry("back", "back", *back),
        PanelGeometry("strap-left", "strap", *strap),
        PanelGeometry("strap-right", "strap", *strap),
        PanelGeometry("front-left", "front", *front),
        PanelGeometry("front-right", "front", *front),
        PanelGeometry("wing-left", "wing", *wing),
        PanelGeometry("wing-right", "wing", *wing),
    )
    seams = tuple(
        SeamGeometry(f"{a}/{b}", (a, b), length)
        for a, b, length in (
            ("back", "wing-right", dw),
            ("back", "strap-right", ws),
            ("back", "strap-left", ws),
            ("back", "wing-left", dw),
            ("front-left", "wing-left", dw),
            ("front-left", "strap-left", ws),
            ("front-right", "wing-right", dw),
            ("front-right", "strap-right", ws),
        )
    )
    return panels, seams
