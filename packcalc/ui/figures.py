"""Pictures of a design: the flat pattern and the load as SVG, and the charts' specs.

Everything here draws plain data (:mod:`packcalc.ui.results`) in one language and unit
system (:class:`packcalc.ui.display.Fmt`). Colours are fixed per fabric and per
category, so a fabric or a category keeps its colour from one design to the next.
Labels are placed inside their piece or box, at a size that fits, never across an
outline or a grain line.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.ops import polylabel, unary_union

from packcalc.ui import names
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_

# One colour per fabric, whatever the design (a fixed palette keyed by fabric id).
FABRIC_COLOURS = {
    "taffeta-nylon-7d": "#edc948",
    "taffeta-nylon-10d": "#ff9da7",
    "ripstop-nylon-15d": "#9c755f",
    "ripstop-nylon-20d-330t": "#86bcb6",
    "ripstop-nylon-20d": "#b07aa1",
    "momentum-0.9-20d": "#d4a6c8",
    "ripstop-nylon-30d": "#8cd17d",
    "ripstop-nylon-40d": "#ffbe7d",
    "ripstop-nylon-70d": "#a0cbe8",
    "ripstop-nylon-70d-pu": "#d37295",
    "robic-210d": "#b6992d",
    "ripstop-polyester-30d": "#499894",
    "hyperd-300": "#f1ce63",
    "silpoly-1.1oz": "#79706e",
    "silnylon-1.1oz": "#bab0ac",
    "dcf-0.5oz": "#edc948",
    "dcf-0.74oz": "#ff9da7",
    "dcf-0.8oz": "#9c755f",
    "dcf-hybrid-50d": "#86bcb6",
    "challenge-ultra-200": "#d4a6c8",
    "challenge-ultra-400": "#8cd17d",
    "ecopak-epx200": "#ffbe7d",
    "xpac-vx21": "#a0cbe8",
    "pa-elastane-knit-190": "#4e79a7",
    "pa-elastane-knit-200": "#d37295",
    "pa-elastane-knit-150": "#76b7b2",
    "pes-knit-50": "#b6992d",
    "pes-knit-72": "#499894",
    "tee-jersey-polyester": "#f1ce63",
    "tee-jersey-polyester-145": "#79706e",
    "tee-jersey-cotton": "#bab0ac",
    "power-mesh": "#f28e2b",
    "lycra-mesh": "#edc948",
    "duraweave-stretch": "#ff9da7",
    "venom-stretch-mesh": "#9c755f",
    "hex-mesh": "#59a14f",
    "spacer-mesh-3mm": "#e15759",
    "spacer-mesh-6mm": "#86bcb6",
}
OTHER_COLOUR = "#bab0ac"

# Weight categories (packcalc.estimator.Part.category): label and fixed colour.
CATEGORIES = {
    "panel": (N_("panels"), "#4e79a7"),
    "pocket": (N_("pockets"), "#f28e2b"),
    "closure": (N_("pocket closures"), "#edc948"),
    "fitted": (N_("pocket making"), "#ff9da7"),
    "binding": (N_("binding"), "#59a14f"),
    "allowance": (N_("seam allowances"), "#76b7b2"),
    "thread": (N_("thread"), "#9c755f"),
    "seam-tape": (N_("seam tape"), "#d4a6c8"),
    "trim": (N_("trims"), "#b07aa1"),
    "detail": (N_("details"), "#e15759"),
}
CURVE_COLOURS = {
    "vest": "#e15759",
    "tee-cotton-m": "#4e79a7",
    "tee-polyester-m": "#59a14f",
    "floor": "#79706e",
}
STAGE_COLOURS = {
    "fibre": "#4e79a7",
    "spinning": "#a0cbe8",
    "forming": "#76b7b2",
    "dyeing": "#b07aa1",
    "finishing": "#d4a6c8",
    "trims": "#9c755f",
    "making": "#f28e2b",
    "packaging": "#edc948",
    "transport": "#59a14f",
}
STEP_COLOURS = {
    "materials to the maker": "#4e79a7",
    "making": "#f28e2b",
    "to the warehouse": "#59a14f",
}
CHAR_WIDTH = 0.6  # a sans-serif character's width, in font sizes (a safe upper bound)
LINE_HEIGHT = 1.2


def fabric_colour(fabric_id: str) -> str:
    return FABRIC_COLOURS.get(fabric_id, OTHER_COLOUR)


def vega_config(f: Fmt) -> dict[str, Any]:
    """Chart settings: the language's decimal mark in axes and tooltips."""
    if f.lang == "fr":
        return {
            "locale": {
                "number": {
                    "decimal": ",",
                    "thousands": "\u202f",
                    "grouping": [3],
                    "currency": ["", "\u00a0€"],
                }
            }
        }
    return {}


# ------------------------------------------------------------------ labels that fit


def place_label(
    outline: Any,
    lines: list[str],
    avoid: list[Any] = (),
    sizes: tuple[float, ...] = (2.2, 1.9, 1.6, 1.35, 1.1, 0.9, 0.75),
    margin: float = 0.35,
) -> tuple[float, float, float, bool, bool, bool]:
    """Where a label of ``lines`` goes inside ``outline`` [cm]: its centre, font size,
    whether it is turned a quarter turn, whether it sits on an ``avoid`` line and whether
    nothing fitted (then the smallest size at the piece's pole). It keeps ``margin``
    inside the outline and, where the piece is wide enough, off the
    ``avoid`` lines (a grain line); on a piece too narrow for that it is written along
    the grain line, as on a paper pattern, and the line is drawn broken around it. The
    largest size that fits is chosen, level before turned; the label's box counts each
    character :data:`CHAR_WIDTH` wide."""
    polygon = Polygon(outline)
    inner = polygon.buffer(-margin)
    if inner.is_empty:
        inner = polygon
    shapely.prepare(inner)
    keep_off = unary_union([LineString(a).buffer(margin) for a in avoid if len(a) > 1])
    region = inner.difference(keep_off) if not keep_off.is_empty else inner
    off_line = [
        (lambda: _poles(region if not region.is_empty else inner), keep_off),
        (lambda: _candidates(inner, region), keep_off),
    ]
    on_line = [(lambda: _poles(inner), None), (lambda: _candidates(inner, inner), None)]
    best = _fit(off_line, inner, lines, sizes)
    if best is None or (not keep_off.is_empty and best[2] < sizes[2]):
        along = _fit(on_line, inner, lines, sizes)
        if along is not None and (best is None or along[2] > best[2]):
            x, y, size, turned, box = along
            on = not keep_off.is_empty and bool(shapely.intersects(box, keep_off))
            return x, y, size, turned, on, False
    if best is not None:
        return (*best[:4], False, False)
    x, y = _poles(inner)[0]
    minx, miny, maxx, maxy = polygon.bounds
    return x, y, sizes[-1], (maxy - miny) > (maxx - minx), True, True


def _fit(tries: list, inner: Any, lines: list[str], sizes: tuple[float, ...]) -> Any:
    """The largest size at which the label's box fits at a candidate of any try (the
    first try's candidates first); the candidates of a try are found when first needed."""
    longest = max(len(line) for line in lines)
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for size in sizes:
        width = longest * CHAR_WIDTH * size
        height = len(lines) * LINE_HEIGHT * size
        for k, (points, obstacle) in enumerate(tries):
            if k == len(found):
                candidates = points()
                found.append(
                    (np.array([c[0] for c in candidates]), np.array([c[1] for c in candidates]))
                )
            xs, ys = found[k]
            for turned in (False, True):
                w, h = (height, width) if turned else (width, height)  # a quarter turn
                boxes = shapely.box(xs - w / 2, ys - h / 2, xs + w / 2, ys + h / 2)
                fits = shapely.within(boxes, inner)
                if obstacle is not None and not obstacle.is_empty:
                    fits &= ~shapely.intersects(boxes, obstacle)
                if fits.any():
                    first = int(np.argmax(fits))
                    return float(xs[first]), float(ys[first]), size, turned, boxes[first]
    return None


def label_box(x: float, y: float, size: float, turned: bool, lines: list[str]) -> Any:
    """The box a label of :func:`place_label` takes [cm]."""
    w = max(len(line) for line in lines) * CHAR_WIDTH * size
    h = len(lines) * LINE_HEIGHT * size
    if turned:
        w, h = h, w
    return shapely.box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def _poles(region: Any) -> list[tuple[float, float]]:
    parts = sorted(getattr(region, "geoms", [region]), key=lambda g: -g.area)[:3]
    poles = [polylabel(p, tolerance=0.5) for p in parts if p.area > 0]
    return [(p.x, p.y) for p in poles] or [(region.centroid.x, region.centroid.y)]


def _candidates(inner: Any, region: Any, count: int = 60) -> list[tuple[float, float]]:
    """Points of ``region`` far from ``inner``'s outline first: the pole of
    inaccessibility, then a grid (about 400 points) ordered by distance to the outline."""
    target = region if not region.is_empty else inner
    pieces = getattr(target, "geoms", [target])
    points = []
    for piece in sorted(pieces, key=lambda g: -g.area)[:3]:
        if piece.area > 0:
            pole = polylabel(piece, tolerance=0.5)
            points.append((pole.x, pole.y))
    minx, miny, maxx, maxy = target.bounds
    step = max(0.5, float(np.sqrt(max(target.area, 1e-9))) / 20)
    xs, ys = np.meshgrid(np.arange(minx, maxx, step), np.arange(miny, maxy, step))
    grid = shapely.points(xs.ravel(), ys.ravel())
    shapely.prepare(target)
    inside = grid[shapely.contains(target, grid)]
    if len(inside):
        outline = inner.exterior if hasattr(inner, "exterior") else inner.boundary
        distance = shapely.distance(inside, outline)
        order = np.argsort(-distance)[:count]
        points += list(zip(shapely.get_x(inside[order]), shapely.get_y(inside[order]), strict=True))
    if not points:
        c = inner.representative_point()
        points = [(c.x, c.y)]
    return points


# ------------------------------------------------------------------ the flat pattern


def pattern_svg(geometry: dict[str, Any], f: Fmt) -> str:
    """The flat pattern drawn to scale (1 SVG unit = 1 cm), pieces coloured by fabric:
    bound edges solid, seams dashed, the cutting line (seam allowance) dotted, notches
    and grain lines; each piece named inside it, with its layers when more than one; a
    scale bar in the chosen units and a legend."""
    pieces = geometry["pieces"]
    allowance = float(geometry.get("allowance") or 0.0)
    cut = {p["name"]: _cutting_outline(p, allowance) for p in pieces}
    edge_kinds = [("", f.t("bound edge")), ("1.2,0.8", f.t("seam"))]
    if allowance > 0:
        edge_kinds.append(
            ("0.3,0.4", f.t("cutting line: seam allowance {a}", a=f.q("allowance", allowance)))
        )
    fabrics = list(dict.fromkeys(p["fabric"] for p in pieces))
    legend = max(
        sum(8 + CHAR_WIDTH * 2 * len(text) for _dash, text in edge_kinds),
        max(5.5 + CHAR_WIDTH * 2 * len(names.fabric(x, f.lang)) for x in fabrics),
    )
    width = max(max(shapely.bounds(cut[p["name"]])[2] for p in pieces), legend) + 2
    top = max(shapely.bounds(cut[p["name"]])[3] for p in pieces) + 1
    legend_rows = len(fabrics) + 2
    total = top + 6 + 4.2 * legend_rows
    scale = 8  # px per cm at 100 %: the image is scaled to its column
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -1 {width + 2:.1f} {total:.1f}" '
        f'width="{(width + 2) * scale:.0f}" height="{total * scale:.0f}" '
        'font-family="Helvetica, Arial, sans-serif">',
        f"<title>{escape(f.t('Flat pattern, to scale'))}: {escape(geometry.get('name', ''))}"
        "</title>",
        '<defs><marker id="grain" viewBox="0 0 4 4" refX="2" refY="2" markerWidth="4" '
        'markerHeight="4" orient="auto-start-reverse"><path d="M0,0 L4,2 L0,4 z" fill="#444"/>'
        "</marker></defs>",
    ]

    def pts(points: Any) -> str:
        return " ".join(f"{x:.2f},{top - y:.2f}" for x, y in points)

    for piece in pieces:
        name = piece["name"]
        colour = fabric_colour(piece["fabric"])
        if allowance > 0:
            out.append(
                f'<polygon points="{pts(cut[name].exterior.coords[:-1])}" fill="none" '
                'stroke="#666" stroke-width="0.15" stroke-dasharray="0.3,0.4" '
                f'data-cut="{escape(name)}"/>'
            )
        out.append(
            f'<polygon points="{pts(piece["outline"])}" fill="{colour}" fill-opacity="0.4" '
            f'stroke="none" data-piece="{escape(name)}"/>'
        )
        for kind, points in piece["edges"]:
            dash = ' stroke-dasharray="1.2,0.8"' if kind == "seam" else ""
            out.append(
                f'<polyline points="{pts(points)}" fill="none" stroke="#222" '
                f'stroke-width="0.3"{dash}/>'
            )
        for x, y, count in piece["notches"]:
            for k in range(count):
                out.append(_notch(piece, x, y, (k - (count - 1) / 2) * 0.8, top))
        lines, (x, y, size, turned, on_grain) = _piece_label(piece, f)
        if piece["grain"]:
            out += _grain(piece, label_box(x, y, size, turned, lines) if on_grain else None, top)
        out.append(_text_block(lines, x, top - y, size, turned, f'data-label="{escape(name)}"'))

    y = top + 3
    bar_cm, bar_text = (
        (10.0, "10 cm") if f.system == "metric" else (4 * 2.54, f"4 {f.unit('length')}")
    )
    out.append(
        f'<line x1="0" y1="{y:.1f}" x2="{bar_cm:.2f}" y2="{y:.1f}" stroke="#222" '
        'stroke-width="0.5"/>'
        f'<line x1="0" y1="{y - 0.8:.1f}" x2="0" y2="{y + 0.8:.1f}" stroke="#222" '
        'stroke-width="0.3"/>'
        f'<line x1="{bar_cm:.2f}" y1="{y - 0.8:.1f}" x2="{bar_cm:.2f}" y2="{y + 0.8:.1f}" '
        'stroke="#222" stroke-width="0.3"/>'
        f'<text x="{bar_cm + 1:.2f}" y="{y + 0.7:.1f}" font-size="2">{escape(bar_text)}</text>'
    )
    y += 4.5
    for fabric in fabrics:
        out.append(
            f'<rect x="0" y="{y - 2.2:.1f}" width="4" height="2.8" fill="{fabric_colour(fabric)}" '
            'fill-opacity="0.4" stroke="#222" stroke-width="0.2"/>'
            f'<text x="5.5" y="{y:.1f}" font-size="2">{escape(names.fabric(fabric, f.lang))}</text>'
        )
        y += 4.2
    x = 0.0
    for dash, text in edge_kinds:
        style = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x:.1f}" y1="{y - 0.7:.1f}" x2="{x + 4:.1f}" y2="{y - 0.7:.1f}" '
            f'stroke="#222" stroke-width="0.3"{style}/>'
            f'<text x="{x + 5.5:.1f}" y="{y:.1f}" font-size="2">{escape(text)}</text>'
        )
        x += 8 + CHAR_WIDTH * 2 * len(text)
    out.append("</svg>")
    return "\n".join(out)


def _cutting_outline(piece: dict[str, Any], allowance: float) -> Any:
    """The piece with its seam allowance added along its seamed edges."""
    polygon = Polygon(piece["outline"])
    if allowance <= 0:
        return polygon
    seams = (
        shapely.linestrings(
            [points for kind, points in piece["edges"] if kind == "seam" and len(points) > 1]
        )
        if any(kind == "seam" for kind, _ in piece["edges"])
        else []
    )
    strips = list(shapely.buffer(seams, allowance, cap_style="flat", join_style="mitre"))
    merged = unary_union([polygon, *strips]).buffer(0.05).buffer(-0.05)
    return merged if merged.geom_type == "Polygon" else merged.convex_hull


def _piece_label(piece: dict[str, Any], f: Fmt) -> tuple[list[str], tuple]:
    """A piece's label (its name, and its layers when more than one) and where it goes:
    on two lines when one does not fit the piece."""
    name = names.piece(piece["name"], f.lang)
    layers = [f.t("{n} layers", n=piece["layers"])] if piece["layers"] > 1 else []
    avoid = [piece["grain"]] if piece["grain"] else []
    tries = [[name, *layers]]
    if " " in name:
        first, _, rest = name.partition(" ")
        tries.append([first, rest, *layers])
    placed = None
    for lines in tries:
        placed = place_label(piece["outline"], lines, avoid)
        if not placed[5]:  # fits
            return lines, placed[:5]
    return lines, placed[:5]


def _grain(piece: dict[str, Any], gap: Any, top: float) -> list[str]:
    """The grain line, an arrow at each end; broken around a label written on it."""
    line = LineString(piece["grain"])
    segments = [line]
    if gap is not None:
        rest = line.difference(gap.buffer(0.3))
        parts = [g for g in getattr(rest, "geoms", [rest]) if not g.is_empty and g.length > 0.2]
        segments = sorted(parts, key=lambda g: line.project(Point(g.coords[0])))
    out = []
    for k, segment in enumerate(segments):
        start = ' marker-start="url(#grain)"' if k == 0 else ""
        end = ' marker-end="url(#grain)"' if k == len(segments) - 1 else ""
        points = " ".join(f"{x:.2f},{top - y:.2f}" for x, y in segment.coords)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="#444" stroke-width="0.2"'
            f'{start}{end} data-grain="{escape(piece["name"])}"/>'
        )
    return out


def _text_block(
    lines: list[str], x: float, y: float, size: float, turned: bool, attributes: str = ""
) -> str:
    """Lines of text centred on (x, y) (SVG coordinates), turned to read upwards."""
    turn = f' transform="rotate(-90 {x:.2f} {y:.2f})"' if turned else ""
    first = -(len(lines) - 1) / 2 * LINE_HEIGHT * size
    spans = "".join(
        f'<tspan x="{x:.2f}" y="{y + first + i * LINE_HEIGHT * size:.2f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text font-size="{size:.2f}" text-anchor="middle" dominant-baseline="central"'
        f"{turn} {attributes}>{spans}</text>"
    )


def _notch(piece: dict[str, Any], nx: float, ny: float, offset: float, top: float) -> str:
    """A short tick across the outline at a notch (``offset`` along the edge [cm])."""
    seams = [points for kind, points in piece["edges"] if kind == "seam"]
    if not seams:
        return ""
    point = Point(nx, ny)
    edge = min(seams, key=lambda pts: LineString(pts).distance(point))
    (x0, y0), (x1, y1) = edge[0], edge[-1]
    length = float(np.hypot(x1 - x0, y1 - y0)) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    x, y = nx + ux * offset, ny + uy * offset
    dx, dy = -uy * 0.9, ux * 0.9
    return (
        f'<line x1="{x - dx:.2f}" y1="{top - (y - dy):.2f}" x2="{x + dx:.2f}" '
        f'y2="{top - (y + dy):.2f}" stroke="#222" stroke-width="0.3"/>'
    )


# ------------------------------------------------------------------ the load


# The flats' line styles (packcalc.export.flats.STYLES) as the legend names them.
FLAT_LEGEND = {
    "binding": N_("bound edge (binding)"),
    "outline": N_("seamed or raw edge"),
    "stitch": N_("topstitching"),
    "opening": N_("pocket opening"),
    "zip": N_("zip"),
    "fold": N_("shoulder (the strap goes on over it)"),
    "strap": N_("sternum strap"),
}
LOAD_COLOURS = {"snug": "#4e79a7", "over": "#f28e2b"}


def load_flats_svg(flats: dict[str, list[dict[str, Any]]], fit: dict[str, Any], f: Fmt) -> str:
    """The vest's technical flats, front and back (1 unit = 1 cm), each pocket filled
    from the bottom with its share of its capacity stretched to the limit, its nominal
    capacity dashed, in orange when filled past snug; named inside with its load. A
    legend of every line style and fill."""
    from packcalc.export.flats import STYLES, side_by_side

    pockets = {p["name"]: p for p in fit["pockets"]}
    titles = {"front": f.t("front view"), "back": f.t("back view")}
    places, width, height = side_by_side(
        {v: _shapes_bounds(shapes) for v, shapes in flats.items()}, 3.0, 4.0
    )
    out: list[str] = []
    for view, shapes in flats.items():
        ox, top, middle = places[view]
        out.append(
            f'<text x="{middle:.2f}" y="3" font-size="2.4" '
            f'font-weight="bold" text-anchor="middle">{escape(titles.get(view, view))}</text>'
        )
        out += _view_shapes(shapes, ox, top, STYLES, pockets, f)
    legend, legend_height = _flats_legend(height, width, STYLES, f)
    total = height + legend_height
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1f} {total:.1f}" '
            f'width="{width * 10:.0f}" height="{total * 10:.0f}" '
            'font-family="Helvetica, Arial, sans-serif">',
            f"<title>{escape(f.t('Where the load goes'))}</title>",
            '<rect width="100%" height="100%" fill="white"/>',
            *out,
            *legend,
            "</svg>",
        ]
    )


def _shapes_bounds(shapes: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    xs = [p[0] for s in shapes for p in s["points"]]
    ys = [p[1] for s in shapes for p in s["points"]]
    return min(xs), min(ys), max(xs), max(ys)


def _stroke(style: dict[str, Any]) -> str:
    dash = f' stroke-dasharray="{" ".join(map(str, style["dash"]))}"' if style["dash"] else ""
    return f'stroke="{style["color"]}" stroke-width="{style["width"] * 1.6:.2f}"{dash}'


def _view_shapes(
    shapes: list[dict[str, Any]], ox: float, top: float, styles: dict, pockets: dict, f: Fmt
) -> list[str]:
    """One view: the pieces' lines, the pockets largest first (a pocket sewn on
    another's face drawn over it), their openings, then every pocket's label in the part
    of it left showing."""
    lines, openings, boxes = [], [], []
    for shape in shapes:
        pocket = pockets.get(shape["pocket"])
        if shape["style"] == "pocket" and shape["closed"] and pocket is not None:
            boxes.append((Polygon(shape["points"]), pocket))
            continue
        tag = "polygon" if shape["closed"] else "polyline"
        fill = shape["fill"] or "none"
        points = " ".join(f"{x + ox:.2f},{top - y:.2f}" for x, y in shape["points"])
        svg = f'<{tag} points="{points}" fill="{fill}" {_stroke(styles[shape["style"]])}/>'
        (openings if shape["pocket"] else lines).append(svg)
    boxes.sort(key=lambda b: -b[0].area)
    stroke = _stroke(styles["pocket"])
    labels = []
    for i, (outline, pocket) in enumerate(boxes):
        parts, nominal = _load_in_pocket(outline, pocket, ox, top, stroke)
        lines += parts
        covered = shapely.union_all([b[0] for b in boxes[i + 1 :]])
        showing = outline.difference(covered) if not covered.is_empty else outline
        labels.append(_pocket_label(showing, nominal, pocket, ox, top, f))
    return lines + openings + [label for label in labels if label]


def _load_in_pocket(
    outline: Polygon, pocket: dict[str, Any], ox: float, top: float, stroke: str
) -> tuple[list[str], list]:
    """A pocket on the flats: filled to its load's share of the stretched capacity, the
    nominal capacity dashed; and that dashed line [cm]."""

    def pts(points: Any) -> str:
        return " ".join(f"{x + ox:.2f},{top - y:.2f}" for x, y in points)

    stretched = pocket["stretched"] or 0.0
    share = min(pocket["load"] / stretched, 1.0) if stretched else 0.0
    over = pocket["load"] > pocket["nominal"] + 1e-9
    minx, miny, maxx, maxy = outline.bounds
    out = [
        f'<polygon points="{pts(outline.exterior.coords)}" fill="#f4f4f4" {stroke} '
        f'data-pocket="{escape(pocket["name"])}"/>'
    ]
    if share > 0:
        level = outline.intersection(shapely.box(minx, miny, maxx, miny + share * (maxy - miny)))
        colour = LOAD_COLOURS["over" if over else "snug"]
        for part in getattr(level, "geoms", [level]):
            if part.geom_type == "Polygon" and not part.is_empty:
                out.append(
                    f'<polygon points="{pts(part.exterior.coords)}" fill="{colour}" '
                    'fill-opacity="0.45" stroke="none"/>'
                )
    nominal = []
    if stretched:
        y = miny + min(pocket["nominal"] / stretched, 1.0) * (maxy - miny)
        line = outline.intersection(LineString([(minx - 1, y), (maxx + 1, y)]))
        for part in getattr(line, "geoms", [line]):
            if part.geom_type == "LineString" and not part.is_empty:
                nominal.append(list(part.coords))
                out.append(
                    f'<polyline points="{pts(part.coords)}" fill="none" stroke="#222" '
                    'stroke-width="0.2" stroke-dasharray="0.8,0.5"/>'
                )
    return out, nominal


def _pocket_label(
    showing: Any, nominal: list, pocket: dict[str, Any], ox: float, top: float, f: Fmt
) -> str:
    """The pocket's name and load, in the largest part of it left showing, off its
    nominal-capacity line where there is room."""
    parts = [g for g in getattr(showing, "geoms", [showing]) if g.geom_type == "Polygon"]
    if not parts:
        return ""
    region = max(parts, key=lambda g: g.area)
    name = names.pocket(pocket["name"], f.lang)
    load = [f.q("pocket", pocket["load"])] if pocket["load"] else []
    tries = [[name, *load]]
    if " " in name:  # the name on two lines, where one is too wide for the pocket
        first, _, rest = name.partition(" ")
        tries.append([first, rest, *load])
    sizes = (2.0, 1.7, 1.4, 1.2, 1.0, 0.85, 0.7)
    outline = list(region.exterior.coords)
    placed = [(place_label(outline, lines, nominal, sizes, 0.3), lines) for lines in tries]
    (x, y, size, turned, _on, _), lines = max(placed, key=lambda p: (not p[0][5], p[0][2]))
    return _text_block(lines, x + ox, top - y, size, turned, f'data-box="{escape(pocket["name"])}"')


def _flats_legend(y: float, width: float, styles: dict, f: Fmt) -> tuple[list[str], float]:
    """Every line style and fill of the load flats, in rows that fit ``width``."""
    entries: list[tuple[str, str]] = []
    for style, text in FLAT_LEGEND.items():
        s = styles[style]
        entries.append((f'<line x1="0" y1="-0.7" x2="4" y2="-0.7" {_stroke(s)}/>', f.t(text)))
    entries += [
        (
            f'<rect x="0" y="-2" width="4" height="2.6" fill="{LOAD_COLOURS["snug"]}" '
            'fill-opacity="0.45" stroke="#222" stroke-width="0.15"/>',
            f.t("load, up to the nominal capacity"),
        ),
        (
            f'<rect x="0" y="-2" width="4" height="2.6" fill="{LOAD_COLOURS["over"]}" '
            'fill-opacity="0.45" stroke="#222" stroke-width="0.15"/>',
            f.t("load past the nominal capacity (stretched)"),
        ),
        (
            '<line x1="0" y1="-0.7" x2="4" y2="-0.7" stroke="#222" stroke-width="0.2" '
            'stroke-dasharray="0.8,0.5"/>',
            f.t("nominal capacity (filled snug); the top of a pocket: stretched to the limit"),
        ),
    ]
    out, x, row = [], 1.0, 0
    for mark, text in entries:
        w = 6.0 + CHAR_WIDTH * 1.8 * len(text) + 3.0
        if x + w > width and x > 1.0:
            x, row = 1.0, row + 1
        yy = y + 3.0 + 3.6 * row
        out.append(
            f'<g transform="translate({x:.2f} {yy:.2f})">{mark}'
            f'<text x="5.5" y="0" font-size="1.8">{escape(text)}</text></g>'
        )
        x += w
    return out, 3.0 + 3.6 * (row + 1) + 1.0


# ------------------------------------------------------------------ charts


def chart_height(spec: dict[str, Any]) -> int:
    """The chart element's height [px]: the plot's, its title, axis and legend."""
    return int(spec["height"]) + 130


def breakdown_spec(f: Fmt, rows: int) -> dict[str, Any]:
    """Bars of the weight by part, coloured by category (colours fixed per category)."""
    domain = [f.t(label) for label, _ in CATEGORIES.values()]
    colours = [colour for _, colour in CATEGORIES.values()]
    unit = f.unit("weight")
    return {
        "title": (
            f.t("Where each gram goes") if f.system == "metric" else f.t("Where each ounce goes")
        ),
        "height": max(220, 19 * rows),
        "config": vega_config(f),
        "mark": "bar",
        "encoding": {
            "x": {"field": "weight", "type": "quantitative", "title": f.label("weight", unit=unit)},
            "y": {
                "field": "part",
                "type": "nominal",
                "sort": "-x",
                "title": None,
                "axis": {"labelLimit": 320, "labelOverlap": False},
            },
            "color": {
                "field": "category",
                "type": "nominal",
                "title": None,
                "scale": {"domain": domain, "range": colours},
                "legend": {"orient": "bottom", "columns": 2, "labelLimit": 320},
            },
            "tooltip": [
                {"field": "part", "title": f.t("part")},
                {
                    "field": "weight",
                    "type": "quantitative",
                    "title": f.label("weight", unit=unit),
                    "format": ".1f" if f.system == "metric" else ".2f",
                },
                {"field": "category", "title": f.t("category")},
                {"field": "material", "title": f.t("material")},
            ],
        },
    }


def packing_spec(f: Fmt, pressure_kpa: float) -> dict[str, Any]:
    """Packed volume over pressure (log axis): the vest, the reference tees and the
    vest's solid floor (dashed), the chosen pressure ruled."""
    labels = curve_labels(f)
    floor = labels["floor"]
    return {
        "title": f.t("Packed volume over pressure"),
        "height": 300,
        "config": vega_config(f),
        "layer": [
            {
                "mark": "line",
                "encoding": {
                    "x": {
                        "field": "pressure",
                        "type": "quantitative",
                        "scale": {"type": "log"},
                        "title": f.label("squeeze pressure", unit="kPa"),
                    },
                    "y": {
                        "field": "volume",
                        "type": "quantitative",
                        "title": f.label("packed volume", "packed"),
                    },
                    "color": {
                        "field": "what",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": list(labels.values()),
                            "range": list(CURVE_COLOURS.values()),
                        },
                        "legend": {"orient": "bottom", "columns": 2, "labelLimit": 360},
                    },
                    "strokeDash": {
                        "condition": {"test": f"datum.what === {floor!r}", "value": [4, 3]},
                        "value": [1, 0],
                    },
                    "tooltip": [
                        {"field": "what", "title": f.t("what")},
                        {
                            "field": "pressure",
                            "type": "quantitative",
                            "format": ".1f",
                            "title": f.label("pressure", unit="kPa"),
                        },
                        {
                            "field": "volume",
                            "type": "quantitative",
                            "format": ".3f" if f.system == "metric" else ".1f",
                            "title": f.label("volume", "packed"),
                        },
                    ],
                },
            },
            {
                "data": {"values": [{"pressure": pressure_kpa}]},
                "mark": {"type": "rule", "strokeDash": [2, 2]},
                "encoding": {"x": {"field": "pressure", "type": "quantitative"}},
            },
        ],
    }


def curve_labels(f: Fmt) -> dict[str, str]:
    return {
        "vest": f.t("this vest"),
        "tee-cotton-m": names.garment("tee-cotton-m", f.lang),
        "tee-polyester-m": names.garment("tee-polyester-m", f.lang),
        "floor": f.t("solid floor of this vest"),
    }


def tornado_spec(f: Fmt, rows: int) -> dict[str, Any]:
    """The weight change for −10 % and +10 % of each parameter, every bar labelled."""
    low, high = f.t("−10 %"), f.t("+10 %")
    unit = f.unit("weight")
    return {
        "title": f.t("Weight change for ±10 % of each parameter"),
        "height": max(200, 24 * rows),
        "config": vega_config(f),
        "mark": "bar",
        "encoding": {
            "y": {
                "field": "parameter",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 340, "labelOverlap": False},
            },
            "x": {
                "field": "change",
                "type": "quantitative",
                "title": f.label("weight change", unit=unit),
            },
            "color": {
                "field": "step",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [low, high], "range": ["#4e79a7", "#f28e2b"]},
                "legend": {"orient": "bottom"},
            },
            "tooltip": [
                {"field": "parameter", "title": f.t("parameter")},
                {"field": "step", "title": f.t("change")},
                {
                    "field": "change",
                    "type": "quantitative",
                    "format": "+.1f" if f.system == "metric" else "+.2f",
                    "title": f.label("weight change", unit=unit),
                },
            ],
        },
    }


def pareto_spec(f: Fmt) -> dict[str, Any]:
    """The trade-off front: weight against nominal capacity, coloured by packed volume;
    a click selects a point (``pick``, carrying its ``row``)."""
    return {
        "title": f.t("Trade-off front: click a point to load that design"),
        "height": 320,
        "config": vega_config(f),
        "params": [{"name": "pick", "select": {"type": "point", "fields": ["row"]}}],
        "mark": {"type": "circle", "size": 90},
        "encoding": {
            "x": {
                "field": "weight",
                "type": "quantitative",
                "scale": {"zero": False},
                "title": f.label("weight", "weight"),
            },
            "y": {
                "field": "capacity",
                "type": "quantitative",
                "scale": {"zero": False},
                "title": f.label("nominal capacity", "capacity"),
            },
            "color": {
                "field": "packed",
                "type": "quantitative",
                "scale": {"scheme": "viridis"},
                "title": f.label("packed", "packed"),
            },
            "tooltip": [
                {
                    "field": "weight",
                    "type": "quantitative",
                    "format": ".1f",
                    "title": f.label("weight", "weight"),
                },
                {
                    "field": "capacity",
                    "type": "quantitative",
                    "format": ".1f",
                    "title": f.label("nominal capacity", "capacity"),
                },
                {
                    "field": "packed",
                    "type": "quantitative",
                    "format": ".2f",
                    "title": f.label("packed", "packed"),
                },
            ],
        },
    }


def footprint_spec(f: Fmt, scenarios: int = 3) -> dict[str, Any]:
    """g CO2e by stage, one bar a scenario, every scenario named in full; the stages keep
    their colours whatever the scenarios."""
    from packcalc.ui.messages import STAGES

    return {
        "title": f.t("CO2e by stage"),
        "height": 40 + 45 * scenarios,
        "config": vega_config(f),
        "mark": "bar",
        "encoding": {
            "y": {
                "field": "scenario",
                "type": "nominal",
                "title": None,
                "sort": None,
                "axis": {"labelLimit": 400, "labelOverlap": False},
            },
            "x": {"field": "co2e", "type": "quantitative", "title": f.t("g CO2e")},
            "color": {
                "field": "stage",
                "type": "nominal",
                "title": None,
                "sort": None,
                "scale": {
                    "domain": [f.t(label) for label in STAGES.values()],
                    "range": list(STAGE_COLOURS.values()),
                },
                "legend": {"orient": "bottom", "columns": 5, "labelLimit": 300},
            },
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": [
                {"field": "scenario", "title": f.t("scenario")},
                {"field": "stage", "title": f.t("stage")},
                {"field": "co2e", "type": "quantitative", "format": ".0f", "title": f.t("g CO2e")},
            ],
        },
    }


WATERFALL_COLOURS = {"total": "#79706e", "more": "#e15759", "less": "#59a14f"}


def waterfall_rows(
    start: tuple[str, float], end: tuple[str, float], changes: list[tuple[str, float]]
) -> list[dict[str, Any]]:
    """The bars of a waterfall: the first total, each change from where the last one
    ended, the second total. ``start`` and ``end`` are (label, g CO2e); ``changes``
    (label, change in g CO2e)."""
    rows = [{"label": start[0], "from": 0.0, "to": start[1], "kind": "total", "change": start[1]}]
    level = start[1]
    for label, change in changes:
        kind = "more" if change > 0 else "less"
        rows.append(
            {"label": label, "from": level, "to": level + change, "kind": kind, "change": change}
        )
        level += change
    rows.append({"label": end[0], "from": 0.0, "to": end[1], "kind": "total", "change": end[1]})
    return rows


def waterfall_spec(f: Fmt, rows: int) -> dict[str, Any]:
    """A waterfall of :func:`waterfall_rows`: totals in grey, what a stage adds in red,
    what it saves in green, each bar from where the previous one ended."""
    words = {"total": f.t("total"), "more": f.t("adds"), "less": f.t("saves")}
    return {
        "height": 28 * rows,
        "config": vega_config(f),
        "transform": [
            {"calculate": f"{json.dumps(words)}[datum.kind]", "as": "what"},
        ],
        "mark": "bar",
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "title": None,
                "sort": None,
                "axis": {"labelLimit": 400, "labelOverlap": False},
            },
            "x": {"field": "from", "type": "quantitative", "title": f.t("g CO2e")},
            "x2": {"field": "to"},
            "color": {
                "field": "what",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": list(words.values()),
                    "range": list(WATERFALL_COLOURS.values()),
                },
                "legend": {"orient": "bottom"},
            },
            "tooltip": [
                {"field": "label", "title": f.t("stage")},
                {
                    "field": "change",
                    "type": "quantitative",
                    "format": "+.0f",
                    "title": f.t("g CO2e"),
                },
            ],
        },
    }
