"""Pattern pieces as a pattern maker hands them over: sew line, cut line, notches, grain.

From the drafted pattern (:func:`packcalc.pattern.draft`) and the design's seams and
finishes, each piece gets:

- its **sew line** (the drafted outline) and its **cut line**: the sew line pushed out
  by the seam allowance on every seamed edge (both sides of a stitched seam; one side, the
  lap, of a bonded or welded one), and not on bound or raw edges (the binding encloses
  the raw edge) nor on knitted-to-shape pieces (knitted to their outline);
- **notches** where pieces meet, on the cut line, one on front pieces and two on back
  pieces; a **grain line**; pocket **placement marks**;
- its name, size, fabric and **cut quantity**: left and right pieces are one piece
  "cut 2, mirrored pair" (times the layers), the back "cut 1".

Each pocket has its own piece: the flat patch (w + 2g) × (h + g) of the weight model
(:func:`packcalc.mass.pocket_fabric_area_m2`), with the seam allowance on its sides and
bottom and its opening finished as the design says. The areas match the weight model:
the sew-line area is the piece's area there, the cut area adds the allowance strips.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.ops import polylabel

from packcalc.design import Design, detail_counts
from packcalc.library import Library
from packcalc.pattern import Panel, custom_panel, draft

PIECE_TITLES = {"back": "Back", "strap": "Shoulder strap", "front": "Front", "wing": "Side wing"}
NOTCH_DEPTH_CM = 0.6  # how far a notch cuts into the allowance (a usual 6 mm)
FOLD_FINISHES = ("fold-over", "elastic-casing")  # pocket openings turned back


@dataclasses.dataclass(frozen=True)
class Notch:
    """A notch: where it sits on the cut line, the direction it cuts in (unit vector,
    towards the piece) and how many (1 front, 2 back)."""

    x: float
    y: float
    dx: float
    dy: float
    count: int

    def segment(self, depth: float = NOTCH_DEPTH_CM) -> tuple[tuple[float, float], ...]:
        """The notch as a short line from the cut line inward [cm]."""
        return ((self.x, self.y), (self.x + self.dx * depth, self.y + self.dy * depth))


@dataclasses.dataclass(frozen=True)
class Piece:
    """One pattern piece, in cm, with y up (as drafted)."""

    id: str
    title: str
    size: str
    fabric: str
    cut: int  # pieces to cut
    mirrored: bool  # cut as mirrored pairs
    sew_line: tuple[tuple[float, float], ...]  # closed: last point = first
    cut_line: tuple[tuple[float, float], ...]
    notches: tuple[Notch, ...]
    grain: tuple[tuple[float, float], tuple[float, float]]
    marks: tuple[tuple[str, tuple[tuple[float, float], ...]], ...] = ()  # (label, closed line)
    allowance_cm: float = 0.0
    note: str = ""

    @property
    def area_cm2(self) -> float:
        """Area inside the sew line [cm²]."""
        return float(Polygon(self.sew_line).area)

    @property
    def cut_area_cm2(self) -> float:
        """Area inside the cut line [cm²]."""
        return float(Polygon(self.cut_line).area)

    @property
    def label_point(self) -> tuple[float, float]:
        """Where the piece's text sits: the point of the sew area farthest from its edges."""
        p = polylabel(Polygon(self.sew_line), tolerance=0.1)
        return float(p.x), float(p.y)

    @property
    def cut_text(self) -> str:
        if self.mirrored:
            pairs = self.cut // 2
            return f"cut {self.cut}, mirrored pair" + ("s" if pairs > 1 else "")
        return f"cut {self.cut}"


# ------------------------------------------------------------------ the drafted pieces


def pieces(design: Design, library: Library, size: str | None = None) -> list[Piece]:
    """Every piece of the design, drafted for ``size`` (default: the design's size).

    Parameters
    ----------
    design : Design
        The design (its options, seams, finish, pockets and panel fabrics).
    library : Library
        The materials library (fabric names).
    size : str, optional
        A size of the size table; the options are graded to it.

    Returns
    -------
    list of Piece
        The drafted pieces (left and right as one mirrored piece), the custom panels,
        then one piece per pocket.
    """
    if size is not None and size != design.size:
        design = design.with_size(size)
    label = design.size or "custom"
    pattern = draft(design.body, design.options)
    out = []
    for panel in pattern.panels:
        twin = _twin(pattern, panel)
        same = twin is not None and _layout(design, panel) == _layout(design, twin)
        if same and panel.name.endswith("-right"):
            continue  # the left piece, mirrored, cuts the right
        spec = design.panel_spec(panel.name, panel.group)
        cut = spec.layers * (2 if same else 1)
        out.append(_piece(panel, design, spec, label, cut, same))
    for custom in design.custom_panels:
        panel = custom_panel(custom.name, custom.points, custom.edges)
        out.append(_piece(panel, design, custom.spec, label, custom.spec.layers, False))
    out += [_pocket_piece(p, design, label) for p in design.pockets]
    return out


def _twin(pattern: Any, panel: Panel) -> Panel | None:
    for end, other in (("-left", "-right"), ("-right", "-left")):
        if panel.name.endswith(end):
            return pattern.panel(panel.name.removesuffix(end) + other)
    return None


def _layout(design: Design, panel: Panel) -> list[tuple[float, ...]]:
    """The pockets' sizes and heights on a panel, to tell a mirrored pair from two pieces."""
    return sorted((round(p.width_cm, 2), round(p.height_cm, 2), round(box[1], 2))
                  for p, box in pocket_positions(design, panel))  # fmt: skip


def _piece(panel: Panel, design: Design, spec: Any, size: str, cut: int, pair: bool) -> Piece:
    """A drafted or custom panel as a piece; ``pair``: it cuts its mirrored twin too."""
    knitted = spec.construction == "knit-to-shape"
    allowance = 0.0 if knitted else design.seams.allowance_cm
    sew = _closed(panel.polygon.exterior.coords)
    both_sides = design.seams.method == "stitched"
    lap = {edge.joins for edge in panel.edges if edge.kind == "seam"}
    widths = []
    for edge in panel.edges:
        seamed = edge.kind == "seam" and (both_sides or _takes_lap(panel.name, edge.joins))
        widths.append(allowance if seamed else 0.0)
    cut_line = _cut_line(panel, widths)
    notches = tuple(_notch(cut_line, (n.x, n.y), n.count) for n in panel.notches)
    title = PIECE_TITLES.get(panel.group, panel.name)
    if not pair and panel.name.endswith(("-left", "-right")):
        title += ", " + panel.name.rsplit("-", 1)[1]
    note = "knitted to shape: no seam allowance" if knitted else ""
    if lap and not both_sides:
        note = f"{design.seams.method} seams: the lap is on one side only"
    marks = tuple((f"pocket: {pocket.name}", _closed([(x0, y0), (x1, y0), (x1, y1), (x0, y1)]))
                  for pocket, (x0, y0, x1, y1) in pocket_positions(design, panel))  # fmt: skip
    return Piece(
        id=panel.name.removesuffix("-left") if pair else panel.name,
        title=title,
        size=size,
        fabric=spec.fabric,
        cut=cut,
        mirrored=pair,
        sew_line=sew,
        cut_line=cut_line,
        notches=notches,
        grain=panel.grain or _vertical_grain(sew),
        marks=marks,
        allowance_cm=allowance,
        note=note,
    )


def _takes_lap(name: str, joins: str | None) -> bool:
    """On a lapped (bonded or welded) seam, the piece earlier in name order takes the lap,
    as the weight model does (:func:`packcalc.estimator._sewing`)."""
    return joins is None or name < joins


def _closed(coords: Any) -> tuple[tuple[float, float], ...]:
    points = [(round(float(x), 4), round(float(y), 4)) for x, y in coords]
    if points[0] != points[-1]:
        points.append(points[0])
    return tuple(points)


def _cut_line(panel: Panel, widths: Sequence[float]) -> tuple[tuple[float, float], ...]:
    """The sew line pushed out by each edge's allowance (mitred where two seamed edges
    meet; squared off where a seamed edge meets a bound one)."""
    shape = panel.polygon
    if not shape.exterior.is_ccw:
        shape = shapely.geometry.polygon.orient(shape, 1.0)
    strips = []
    run: list[tuple[float, float]] = []
    width = 0.0
    edges = list(zip(panel.edges, widths, strict=True))
    # Runs of consecutive edges with the same allowance are buffered as one line, so that
    # their corners are mitred.
    for edge, w in [*edges, (None, -1.0)]:
        points = _edge_points(edge, panel) if edge is not None else []
        if run and (w != width or edge is None or points[0] != run[-1]):
            if width > 0:
                strips.append(_strip(run, width, shape))
            run = []
        if edge is not None:
            run = [*run, *points[(1 if run else 0) :]]
            width = w
    cut = shapely.union_all([shape, *strips]) if strips else shape
    if cut.geom_type != "Polygon":
        cut = cut.convex_hull
    return _closed(shapely.geometry.polygon.orient(cut, 1.0).exterior.coords)


def _edge_points(edge: Any, panel: Panel) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in edge.points]


def _strip(points: Sequence[tuple[float, float]], width: float, shape: Polygon) -> Any:
    """The allowance strip along a run of edges, on the outside of the piece."""
    line = LineString(points)
    for side in (width, -width):
        strip = line.buffer(side, single_sided=True, join_style="mitre", mitre_limit=3.0)
        if strip.intersection(shape).area < 0.5 * strip.area:
            return strip
    return line.buffer(width, cap_style="flat", join_style="mitre")


def _notch(cut_line: Sequence[tuple[float, float]], at: tuple[float, float], count: int) -> Notch:
    """A notch at the point of the cut line nearest the sew-line notch, cutting inward."""
    ring = LineString(cut_line)
    point = shapely.geometry.Point(at)
    on = ring.interpolate(ring.project(point))
    dx, dy = at[0] - on.x, at[1] - on.y
    norm = float(np.hypot(dx, dy))
    if norm < 1e-9:  # no allowance here: cut inward, perpendicular to the edge
        ahead = ring.interpolate(ring.project(point) + 0.1)
        tx, ty = ahead.x - on.x, ahead.y - on.y
        t = float(np.hypot(tx, ty)) or 1.0
        dx, dy, norm = -ty / t, tx / t, 1.0  # left of a counter-clockwise ring: inside
    return Notch(float(on.x), float(on.y), dx / norm, dy / norm, count)


def _vertical_grain(sew: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    minx, miny, maxx, maxy = Polygon(sew).bounds
    x = (minx + maxx) / 2
    return ((x, miny + 0.2 * (maxy - miny)), (x, miny + 0.8 * (maxy - miny)))


# ------------------------------------------------------------------ pockets


def _pocket_piece(pocket: Any, design: Design, size: str) -> Piece:
    """A pocket's flat patch: (w + 2g) × (h + g), the allowance on its sides and bottom,
    its opening at the top turned back when the finish folds it."""
    w, h, g = pocket.width_cm, pocket.height_cm, pocket.gusset_cm
    width, height = w + 2 * g, h + g
    a = design.seams.allowance_cm
    finish = detail_counts(design)["opening_finish"]
    top = a if finish in FOLD_FINISHES else 0.0
    sew = _closed([(0, 0), (width, 0), (width, height), (0, height)])
    cut = _closed([(-a, -a), (width + a, -a), (width + a, height + top), (-a, height + top)])
    marks = []
    if g > 0:  # the boxed corners: fold lines g from each side and the bottom
        marks += [("gusset fold", _closed([(g, g), (width - g, g), (width - g, height),
                                           (g, height)]))]  # fmt: skip
    notches = (
        Notch(width / 2, -a, 0.0, 1.0, 1),  # centre of the bottom
        Notch(-a, height / 2, 1.0, 0.0, 1),
        Notch(width + a, height / 2, -1.0, 0.0, 1),
    )
    note = f"opening: {finish}" + (f", {top:g} cm turned back" if top else "")
    return Piece(
        id=f"pocket-{pocket.name.replace(' ', '-')}",
        title=f"Pocket: {pocket.name}",
        size=size,
        fabric=pocket.fabric,
        cut=1,
        mirrored=False,
        sew_line=sew,
        cut_line=cut,
        notches=notches,
        grain=((width / 2, 0.2 * height), (width / 2, 0.8 * height)),
        marks=tuple(marks),
        allowance_cm=a,
        note=note,
    )


# ------------------------------------------------------------------ placement marks


PANEL_OF_LOCATION = {"front-left": "front", "front-right": "front", "back": "back",
                     "side-left": "wing", "side-right": "wing", "hip-left": "wing",
                     "hip-right": "wing"}  # fmt: skip


def pocket_positions(design: Design, panel: Panel) -> list[tuple[Any, tuple[float, ...]]]:
    """Where each pocket sits on a drafted panel: (pocket, (x0, y0, x1, y1)) [cm].

    Pockets of a panel are centred across it and stacked from its lower edge up, the
    tallest first, 1 cm apart; one that no longer fits goes on top of the one below it (a
    pocket on a pocket, as a phone pocket on a flask pocket)."""
    side = "left" if panel.name.endswith("-left") else "right"
    mine = [p for p in design.pockets
            if PANEL_OF_LOCATION.get(p.location) == panel.group
            and (panel.group == "back" or p.location.endswith(side))]  # fmt: skip
    minx, miny, maxx, maxy = panel.polygon.bounds
    middle = (minx + maxx) / 2
    out = []
    y = miny + 1.0
    last = None
    for pocket in sorted(mine, key=lambda p: -p.height_cm):
        w, h = pocket.width_cm, pocket.height_cm
        if y + h > maxy - 1.0 and last is not None:
            y = last[1] + 1.0  # on top of the pocket below
        box = (middle - w / 2, y, middle + w / 2, y + h)
        out.append((pocket, box))
        last = box
        y = box[3] + 1.0
    return out
