"""Technical flats: the front and back of the vest laid flat, as a designer sketches them.

Built from the drafted pieces, placed where they are sewn: in the front view the fronts
either side of the centre gap (the wearer's left on the viewer's right), the straps rising
to the shoulder and the side wings turning to the back; in the back view the back, the
straps and the wings laid open. Pockets sit where the pattern marks them; bound edges are
drawn as binding, seams with their topstitching, the sternum straps across the gap.

The drawing is a list of :class:`Shape` in centimetres (y up), drawn to SVG here and to
PDF by the tech pack, so both show the same lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import shapely
from shapely.geometry import LineString, Polygon, box
from shapely.ops import polylabel

from packcalc.cutting import pocket_positions
from packcalc.design import Design, detail_counts
from packcalc.pattern import Panel, draft

STYLES = {  # width [cm], dash pattern [cm], colour: each legend entry looks different
    "outline": {"width": 0.12, "dash": (), "color": "#000000"},
    "binding": {"width": 0.35, "dash": (), "color": "#000000"},
    "stitch": {"width": 0.06, "dash": (0.3, 0.2), "color": "#000000"},
    "pocket": {"width": 0.1, "dash": (), "color": "#1f5fa8"},
    "opening": {"width": 0.3, "dash": (), "color": "#1f5fa8"},
    "zip": {"width": 0.15, "dash": (0.15, 0.1), "color": "#000000"},
    "fold": {"width": 0.06, "dash": (0.6, 0.2, 0.1, 0.2), "color": "#000000"},
    "strap": {"width": 0.25, "dash": (), "color": "#b5452b"},
}
LEGEND = {
    "binding": "bound edge (binding)",
    "outline": "seamed or raw edge",
    "stitch": "topstitching",
    "pocket": "pocket",
    "opening": "pocket opening",
    "zip": "zip",
    "fold": "shoulder (strap continues to the other side)",
    "strap": "sternum strap",
}
WING_SHOWN_IN_FRONT = 0.35  # share of the wing seen from the front before it turns back
STITCH_INSET_CM = 0.3


@dataclass(frozen=True)
class Shape:
    """A line to draw: ``points`` [cm, y up], its ``style`` (:data:`STYLES`), closed or
    not, filled or not; or a text (``text`` at ``points[0]``); ``pocket`` names the pocket
    a pocket's outline or opening belongs to."""

    style: str
    points: tuple[tuple[float, float], ...]
    closed: bool = False
    fill: str | None = None
    text: str = ""
    pocket: str = ""  # the pocket a pocket's outline or opening belongs to


def flat_views(design: Design) -> dict[str, list[Shape]]:
    """The front and the back view of the design, as shapes [cm]."""
    pattern = draft(design.body, design.options)
    o = pattern.options
    gap = o["front_gap"]
    front, back = [], []
    for side, sign in (("left", 1.0), ("right", -1.0)):
        panel = pattern.panel(f"front-{side}")
        dx = sign * gap / 2  # the centre-front edge at ±gap/2
        front += _panel_shapes(panel, dx, 0.0, design)
        strap = _strap_on(pattern.panel(f"strap-{side}"), panel)
        front += _panel_shapes(
            _clip(strap, o["front_height"] + o["strap_length"] / 2), dx, 0.0, design
        )
        front.append(_shoulder(strap, o["front_height"] + o["strap_length"] / 2, dx))
        front += _wing_shapes(
            pattern.panel(f"wing-{side}"), panel, dx, sign, design, WING_SHOWN_IN_FRONT
        )
    front += _sternum_straps(design, gap, o["front_height"])
    back_panel = pattern.panel("back")
    half = back_panel.polygon.bounds[2] / 2
    back += _panel_shapes(back_panel, -half, 0.0, design)
    for side in ("left", "right"):
        strap = _strap_on_back(pattern.panel(f"strap-{side}"), back_panel, side)
        top = back_panel.polygon.bounds[3] + o["strap_length"] / 2
        back += _panel_shapes(_clip(strap, top), -half, 0.0, design)
        back.append(_shoulder(strap, top, -half))
        back += _wing_on_back(pattern.panel(f"wing-{side}"), back_panel, side, -half, design)
    return {"front": front, "back": back}


# ------------------------------------------------------------------ placing the pieces


def _moved(panel: Panel, transform: Any) -> Panel:
    """A panel's outline, edges and grain through ``transform`` (a function of x, y)."""
    import dataclasses

    def points(pts: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
        return tuple(transform(x, y) for x, y in pts)

    return dataclasses.replace(
        panel,
        polygon=Polygon(points(panel.polygon.exterior.coords)),
        edges=tuple(dataclasses.replace(e, points=points(e.points)) for e in panel.edges),
        notches=(),
    )


def _seam(panel: Panel, joins: str) -> tuple[tuple[float, float], tuple[float, float]]:
    edge = next(e for e in panel.edges if e.kind == "seam" and e.joins == joins)
    return edge.points[0], edge.points[-1]


def _strap_on(strap: Panel, front: Panel) -> Panel:
    """The strap moved so that its front seam lies on the front's strap seam."""
    (fx0, fy0), (fx1, _) = _seam(front, strap.name)
    (sx0, sy0), (sx1, _) = _seam(strap, front.name)
    dx = min(fx0, fx1) - min(sx0, sx1)
    return _moved(strap, lambda x, y: (x + dx, y + fy0 - sy0))


def _strap_on_back(strap: Panel, back: Panel, side: str) -> Panel:
    """The strap flipped upside down onto the back's strap seam (it comes over the
    shoulder), its front end up."""
    (bx0, by0), (bx1, _) = _seam(back, strap.name)
    (sx0, sy0), (sx1, _) = _seam(strap, "back")
    flipped = _moved(strap, lambda x, y: (x, sy0 - y))  # the back seam now at y = 0
    dx = min(bx0, bx1) - min(sx0, sx1)
    return _moved(flipped, lambda x, y: (x + dx, y + by0))


def _clip(panel: Panel, top: float) -> Panel:
    """The part of a panel below ``top`` (the strap up to the shoulder)."""
    import dataclasses

    kept = panel.polygon.intersection(box(-1e3, -1e3, 1e3, top))
    return dataclasses.replace(
        panel, polygon=kept if kept.geom_type == "Polygon" else panel.polygon
    )


def _shoulder(strap: Panel, top: float, dx: float) -> Shape:
    """Where the strap goes over the shoulder: a dash-dot line just above its cut-off."""
    minx, _, maxx, _ = strap.polygon.intersection(box(-1e3, top - 0.01, 1e3, top)).bounds
    return Shape("fold", ((minx + dx, top + 0.6), (maxx + dx, top + 0.6)))


def _attach(piece: Panel, to: Panel, outward: float) -> Panel:
    """``piece`` laid flat against ``to`` along their common seam, running ``outward``
    (+1 to the right, -1 to the left) away from it."""
    (tx, ty0), (_, ty1) = _seam(to, piece.name)
    (px, py0), (_, py1) = _seam(piece, to.name)
    ty, py = min(ty0, ty1), min(py0, py1)
    far = next(e for e in piece.edges if e.kind == "seam" and e.joins != to.name)
    direction = 1.0 if far.points[0][0] > px else -1.0
    k = outward / direction
    return _moved(piece, lambda x, y: (tx + (x - px) * k, y + ty - py))


def _wing_shapes(
    wing: Panel, front: Panel, dx: float, sign: float, design: Design, shown: float
) -> list[Shape]:
    """The start of the wing seen from the front, out from the front's side seam, up to
    where it turns to the back."""
    placed = _attach(wing, front, sign)
    (fx, _), _ = _seam(front, wing.name)
    length = wing.polygon.bounds[2] - wing.polygon.bounds[0]
    limit = fx + sign * shown * length
    x0, x1 = sorted((fx, limit))
    kept = placed.polygon.intersection(box(x0, -1e3, x1, 1e3))
    if kept.is_empty or kept.geom_type != "Polygon":
        return []
    shapes = [Shape("outline", _shifted(kept.exterior.coords, dx), closed=True, fill="#f2f2f2")]
    turn = [(limit + dx, y) for y in (kept.bounds[1], kept.bounds[3])]
    return [*shapes, Shape("fold", tuple(turn))]


def _wing_on_back(wing: Panel, back: Panel, side: str, dx: float, design: Design) -> list[Shape]:
    """The whole wing laid open from the back's side seam (seen from behind, the wearer's
    left on the viewer's left)."""
    placed = _attach(wing, back, -1.0 if side == "left" else 1.0)
    return _panel_shapes(placed, dx, 0.0, design, fill="#f2f2f2")


def _shifted(coords: Any, dx: float, dy: float = 0.0) -> tuple[tuple[float, float], ...]:
    return tuple((float(x) + dx, float(y) + dy) for x, y in coords)


# ------------------------------------------------------------------ drawing a piece


def _panel_shapes(
    panel: Panel, dx: float, dy: float, design: Design, fill: str = "#ffffff"
) -> list[Shape]:
    """A piece: filled outline, bound edges as binding, seamed edges with topstitching,
    and its pockets."""
    shapes = [Shape("outline", _shifted(panel.polygon.exterior.coords, dx, dy), True, fill)]
    outline = panel.polygon.exterior
    for edge in panel.edges:
        line = LineString(edge.points).intersection(outline.buffer(0.01))
        if line.is_empty or line.length < 0.1:
            continue
        for part in getattr(line, "geoms", [line]):
            if part.geom_type != "LineString":
                continue
            points = _shifted(part.coords, dx, dy)
            if edge.kind == "bound":
                shapes.append(Shape("binding", points))
            else:
                inset = part.parallel_offset(STITCH_INSET_CM, "left")
                if not inset.is_empty and inset.geom_type == "LineString":
                    inset = inset.intersection(panel.polygon)
                if not inset.is_empty and inset.geom_type == "LineString":
                    shapes.append(Shape("stitch", _shifted(inset.coords, dx, dy)))
    if panel.group in ("front", "back", "wing"):
        shapes += _pocket_shapes(panel, dx, dy, design)
    return shapes


def _pocket_shapes(panel: Panel, dx: float, dy: float, design: Design) -> list[Shape]:
    """The pockets on a piece, largest first (a pocket sewn on another's face drawn over
    it), their openings, and each name at the middle of the part of it left showing."""
    frame = panel.polygon
    placed = []
    for pocket, (x0, y0, x1, y1) in _positions(design, panel):
        rect = box(x0, y0, x1, y1).intersection(frame)
        if not rect.is_empty and rect.geom_type == "Polygon":
            placed.append((pocket, rect, (x0, x1, y1)))
    placed.sort(key=lambda p: -p[1].area)
    out, labels = [], []
    for i, (pocket, rect, (x0, x1, y1)) in enumerate(placed):
        outline = _shifted(rect.exterior.coords, dx, dy)
        out.append(Shape("pocket", outline, True, "#e6eef7", pocket=pocket.name))
        top = ((x0 + dx, y1 + dy), (x1 + dx, y1 + dy))
        out.append(Shape("zip" if pocket.closure == "zip" else "opening", top, pocket=pocket.name))
        showing = rect.difference(shapely.union_all([p[1] for p in placed[i + 1 :]]))
        parts = [g for g in getattr(showing, "geoms", [showing]) if g.geom_type == "Polygon"]
        middle = polylabel(max(parts, key=lambda g: g.area) if parts else rect, tolerance=0.2)
        labels.append(Shape("pocket", ((middle.x + dx, middle.y + dy),), text=pocket.name))
    return out + labels


def _positions(design: Design, panel: Panel) -> list[tuple[Any, tuple[float, ...]]]:
    """Pocket positions of a placed panel: the drafted panel's, moved with it."""
    minx, miny, _, _ = panel.polygon.bounds
    pattern = draft(design.body, design.options)
    drafted = next((p for p in pattern.panels if p.name == panel.name), None)
    if drafted is None:
        return []
    ox, oy = minx - drafted.polygon.bounds[0], miny - drafted.polygon.bounds[1]
    mirrored = _is_mirrored(drafted, panel)
    out = []
    for pocket, (x0, y0, x1, y1) in pocket_positions(design, drafted):
        if mirrored:
            width = drafted.polygon.bounds[2] + drafted.polygon.bounds[0]
            x0, x1 = width - x1, width - x0
        out.append((pocket, (x0 + ox, y0 + oy, x1 + ox, y1 + oy)))
    return out


def _is_mirrored(drafted: Panel, placed: Panel) -> bool:
    a = [p[0] for p in drafted.edges[1].points]
    b = [p[0] for p in placed.edges[1].points]
    da, db = a[-1] - a[0], b[-1] - b[0]
    return abs(da) > 1e-9 and da * db < 0


def _sternum_straps(design: Design, gap: float, height: float) -> list[Shape]:
    count = int(detail_counts(design).get("sternum-strap", 0))
    shapes = []
    for i in range(count):
        y = height * (0.45 + 0.2 * i / max(count - 1, 1))
        shapes.append(Shape("strap", ((-gap / 2 - 1.0, y), (gap / 2 + 1.0, y))))
    return shapes


# ------------------------------------------------------------------ SVG


def side_by_side(
    bounds: dict[str, tuple[float, float, float, float]], pad: float, head: float
) -> tuple[dict[str, tuple[float, float, float]], float, float]:
    """The views laid left to right with ``pad`` around each and ``head`` above for the
    title: per view (x offset, top in SVG units, the middle for its title), and the
    drawing's width and height [cm]."""
    places, x = {}, 0.0
    for name, (minx, _miny, maxx, maxy) in bounds.items():
        places[name] = (x + pad - minx, maxy + pad + head, x + pad + (maxx - minx) / 2)
        x += maxx - minx + 2 * pad
    height = max(b[3] - b[1] for b in bounds.values()) + 2 * pad + 4.0
    return places, x, height


def flats_svg(design: Design, scale: float = 8.0) -> str:
    """Front and back views side by side, with a legend of the line styles (SVG, px)."""
    views = flat_views(design)
    places, width, height = side_by_side(
        {name: _bounds(shapes) for name, shapes in views.items()}, 4.0, 3.0
    )
    legend_h = 3.0 + 1.6 * len(LEGEND)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * scale:.0f}" '
        f'height="{(height + legend_h) * scale:.0f}" viewBox="0 0 {width:.2f} '
        f'{height + legend_h:.2f}" font-family="Helvetica, Arial, sans-serif">',
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    for name, shapes in views.items():
        ox, top, middle = places[name]
        out.append(
            f'<text x="{middle:.2f}" y="2.4" font-size="1.6" '
            f'text-anchor="middle">{name} view</text>'
        )
        out += [_svg_shape(s, ox, top) for s in shapes]
    out += _svg_legend(height + 1.0)
    out.append("</svg>")
    return "\n".join(out)


def _bounds(shapes: Sequence[Shape]) -> tuple[float, float, float, float]:
    xs = [p[0] for s in shapes for p in s.points if not s.text]
    ys = [p[1] for s in shapes for p in s.points if not s.text]
    return min(xs), min(ys), max(xs), max(ys)


def _svg_shape(shape: Shape, ox: float, top: float) -> str:
    pts = " ".join(f"{x + ox:.2f},{top - y:.2f}" for x, y in shape.points)
    if shape.text:
        x, y = shape.points[0]
        return (
            f'<text x="{x + ox:.2f}" y="{top - y:.2f}" font-size="1.1" fill="#333333" '
            f'text-anchor="middle" dominant-baseline="central">{escape(shape.text)}</text>'
        )
    style = STYLES[shape.style]
    dash = f' stroke-dasharray="{" ".join(map(str, style["dash"]))}"' if style["dash"] else ""
    tag = "polygon" if shape.closed else "polyline"
    fill = shape.fill or "none"
    return (
        f'<{tag} points="{pts}" fill="{fill}" stroke="{style["color"]}" '
        f'stroke-width="{style["width"]}"{dash} stroke-linejoin="round"/>'
    )


def _svg_legend(y: float) -> list[str]:
    out = []
    for i, (style, label) in enumerate(LEGEND.items()):
        yy = y + 1.6 * (i + 1)
        shape = Shape(style, ((2.0, -yy), (6.0, -yy)))
        out.append(_svg_shape(shape, 0.0, 0.0))
        out.append(f'<text x="7" y="{yy + 0.4:.2f}" font-size="1.1">{escape(label)}</text>')
    return out


def polygon_of(shape: Shape) -> Polygon:
    return Polygon(shape.points)


def union_outline(shapes: Sequence[Shape]) -> Any:
    """The outline of the vest in a view: the union of its filled shapes."""
    return shapely.union_all([Polygon(s.points) for s in shapes if s.closed and s.fill])
