"""The parametric running-vest pattern: flat panels drafted from body measurements.

A vest is drafted as seven flat panels (back, two shoulder straps, two front panels,
two side wings) whose sizes follow from the body (chest circumference, back length)
and from the design options (back height and width, strap width, …). Each panel is a
polygon (``shapely``) whose edges are marked as seamed to another panel or bound with
binding tape. The mass, packed-volume and capacity models read the panels' areas and
edge lengths; the app draws the polygons to scale.

Geometry of the draft (an assumption of this model, stated here so it can be checked
against a real pattern):

- the back panel is ``back_width`` × ``back_height``, with a neckline dip of
  ``back_neck_drop`` between the two strap seams at its top corners;
- each shoulder strap is ``strap_width`` wide and runs from the top of the back panel,
  over the shoulder, to the top of the front panel: its length is ``strap_length``;
- each front panel is ``front_width`` × ``front_height``; the strap joins it at its
  inner top corner;
- each side wing is ``side_wing_depth`` high and closes the girth under the arm: its
  length is half of what the chest circumference plus ``fit_ease`` leaves after the back
  panel, both front panels and the ``front_gap`` bridged by the sternum straps.

Grading: options are given for the design's own body; drafting another size scales each
option by the ratio of the body measurement it follows (``chest`` for widths,
``back_length`` for heights, ``none`` for strap width and the like), the usual
proportional grade rule.

All lengths inside this module are in centimetres; areas in cm² (the mass model
converts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import Polygon

from packcalc.errors import PackcalcError


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
    )
}
MIN_WING_LENGTH = 2.0  # [cm] below this the girth does not close: the options are infeasible


@dataclass(frozen=True)
class Edge:
    """One edge of a panel: ``kind`` is ``"seam"`` (joined to ``joins``) or ``"bound"``."""

    kind: str
    length: float
    joins: str | None = None


@dataclass(frozen=True)
class Panel:
    """A flat pattern piece: a polygon [cm] and its edges, in polygon order."""

    name: str
    group: str
    polygon: Polygon
    edges: tuple[Edge, ...]

    @property
    def area(self) -> float:
        """Area [cm²]."""
        return float(self.polygon.area)

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
        return float(self.polygon.exterior.length)


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
            from packcalc.library import did_you_mean

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
    coords = np.asarray(polygon.exterior.coords)
    lengths = np.hypot(*np.diff(coords, axis=0).T)
    if len(lengths) != len(edges):
        raise PackcalcError(
            f"{where}.edges",
            f"expected one edge kind per side ({len(lengths)}), got {len(edges)}",
        )
    return Panel(
        name,
        group,
        polygon,
        tuple(
            Edge(kind, float(length), joins)
            for (kind, joins), length in zip(edges, lengths, strict=True)
        ),
    )


def _mirror(panel: Panel, name: str, renames: Mapping[str, str]) -> Panel:
    """The left/right twin of a panel: mirrored outline, edge partners renamed."""
    mirrored = shapely.transform(panel.polygon, lambda xy: xy * np.array([-1.0, 1.0]))
    return Panel(
        name,
        panel.group,
        mirrored,  # vertex order kept, so edges stay aligned (the outline runs clockwise)
        tuple(Edge(e.kind, e.length, renames.get(e.joins, e.joins)) for e in panel.edges),
    )


def draft(body: Body, options: Mapping[str, float]) -> Pattern:
    """Draft the seven panels of the vest for ``body`` with ``options`` [cm].

    Parameters
    ----------
    body : Body
        Chest circumference and back length [cm].
    options : mapping of str to float
        Every option of :data:`OPTION_SPECS` [cm], already graded to ``body``.

    Returns
    -------
    Pattern
        Panels ``back``, ``strap-left``/``-right``, ``front-left``/``-right``,
        ``wing-left``/``-right`` and the eight seams joining them.

    Raises
    ------
    PackcalcError
        When the options do not close around the chest (side wings shorter than 2 cm) or
        an option does not fit another (strap wider than half the back panel).
    """
    o = {**default_options(body), **options}
    wb, hb, ws = o["back_width"], o["back_height"], o["strap_width"]
    wf, hf, dw = o["front_width"], o["front_height"], o["side_wing_depth"]
    drop = o["back_neck_drop"]
    lw = wing_length(o, body)
    if lw < MIN_WING_LENGTH:
        raise PackcalcError(
            "options",
            f"back width + 2 × front width + front gap ({wb + 2 * wf + o['front_gap']:.1f} cm) "
            f"leave {2 * lw:.1f} cm of a {body.chest + o['fit_ease']:.1f} cm girth for the side "
            f"wings: expected at least {2 * MIN_WING_LENGTH:g} cm",
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

    # Back, seen from outside; x = 0 at the wearer's left edge.
    back = _panel(
        "back",
        "back",
        [
            (0, 0),
            (wb, 0),
            (wb, dw),
            (wb, hb),
            (wb - ws, hb),
            (wb / 2, hb - drop),
            (ws, hb),
            (0, hb),
            (0, dw),
        ],
        [
            ("bound", None),
            ("seam", "wing-right"),
            ("bound", None),
            ("seam", "strap-right"),
            ("bound", None),
            ("bound", None),
            ("seam", "strap-left"),
            ("bound", None),
            ("seam", "wing-left"),
        ],
    )
    sl = o["strap_length"]
    strap_left = _panel(
        "strap-left",
        "strap",
        [(0, 0), (ws, 0), (ws, sl), (0, sl)],
        [("seam", "front-left"), ("bound", None), ("seam", "back"), ("bound", None)],
    )
    # Front left: the strap joins the inner (sternum-side, x = 0) top corner; the wing
    # joins the outer side at the bottom.
    front_left = _panel(
        "front-left",
        "front",
        [(0, 0), (wf, 0), (wf, dw), (wf, hf), (ws, hf), (0, hf)],
        [
            ("bound", None),
            ("seam", "wing-left"),
            ("bound", None),
            ("bound", None),
            ("seam", "strap-left"),
            ("bound", None),
        ],
    )
    wing_left = _panel(
        "wing-left",
        "wing",
        [(0, 0), (lw, 0), (lw, dw), (0, dw)],
        [("bound", None), ("seam", "front-left"), ("bound", None), ("seam", "back")],
    )
    left_to_right = {
        "front-left": "front-right",
        "wing-left": "wing-right",
        "strap-left": "strap-right",
    }
    panels = (
        back,
        strap_left,
        _mirror(strap_left, "strap-right", left_to_right),
        front_left,
        _mirror(front_left, "front-right", left_to_right),
        wing_left,
        _mirror(wing_left, "wing-right", left_to_right),
    )
    return Pattern(body, o, panels, _seams(panels))


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


def layout(panels: Sequence[Panel], gap: float = 3.0) -> list[tuple[Panel, Polygon]]:
    """Place panels side by side on a flat sheet, in rows, for drawing [cm].

    Parameters
    ----------
    panels : sequence of Panel
        The panels to place.
    gap : float, optional
        Space between panels [cm] (default 3).

    Returns
    -------
    list of (Panel, Polygon)
        Each panel with its polygon moved so that none overlap (a simple shelf packing,
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
        moved = shapely.affinity.translate(panel.polygon, x - minx, y - miny)
        placed.append((panel, moved))
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


def panel_geometry(
    options: Mapping[str, Any], chest_cm: Any
) -> tuple[tuple[PanelGeometry, ...], tuple[SeamGeometry, ...]]:
    """Areas and edge lengths of the seven drafted panels, in closed form and vectorised.

    The same outlines as :func:`draft` (a test checks them against the shapely polygons),
    written as formulas so that one design and a million variants go through one code
    path: every option may be a float or an array (they broadcast).

    .. math::

        A_{back} = W_b H_b - \\tfrac12 (W_b - 2 W_s) d, \\quad
        A_{strap} = W_s L_s, \\quad A_{front} = W_f H_f, \\quad A_{wing} = L_w D_w

    Parameters
    ----------
    options : mapping of str to float or array
        Every option of :data:`OPTION_SPECS` [cm].
    chest_cm : float or array
        Chest circumference [cm] (the side wings close the girth).

    Returns
    -------
    (tuple of PanelGeometry, tuple of SeamGeometry)
        The panels back, strap-left/-right, front-left/-right, wing-left/-right, and the
        eight seams.
    """
    o = {k: np.asarray(v, dtype=float) for k, v in options.items()}
    wb, hb, ws, sl = o["back_width"], o["back_height"], o["strap_width"], o["strap_length"]
    wf, hf, dw, drop = (
        o["front_width"],
        o["front_height"],
        o["side_wing_depth"],
        o["back_neck_drop"],
    )
    lw = wing_length(o, chest_cm)
    neck_edge = np.hypot((wb - 2 * ws) / 2, drop)
    back = PanelGeometry(
        "back",
        "back",
        wb * hb - 0.5 * (wb - 2 * ws) * drop,
        2 * dw + 2 * ws,
        wb + 2 * (hb - dw) + 2 * neck_edge,
    )
    strap = (ws * sl, 2 * ws, 2 * sl)
    front = (wf * hf, dw + ws, 2 * (wf + hf) - dw - ws)
    wing = (lw * dw, 2 * dw, 2 * lw)
    panels = (
        back,
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
