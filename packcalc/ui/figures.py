"""Tables and pictures of a result: breakdown rows, the flat pattern as SVG."""

from __future__ import annotations

import math
from collections import defaultdict
from html import escape
from typing import Any

from packcalc.design import Design
from packcalc.pattern import Pattern, custom_panel, layout

# A fixed palette, one colour per fabric in order of appearance.
PALETTE = (
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b", "#b279a2", "#ff9da6",
    "#9d755d", "#bab0ac",
)  # fmt: skip
CATEGORY_LABELS = {
    "panel": "panels",
    "pocket": "pockets",
    "allowance": "seam allowances",
    "binding": "binding",
    "thread": "thread",
    "seam-tape": "seam tape",
    "closure": "pocket closures",
    "trim": "trims",
}


def breakdown_rows(parts: Any) -> list[dict[str, Any]]:
    """One row per breakdown label: grams, category and material, heaviest first."""
    grams: dict[str, float] = defaultdict(float)
    category: dict[str, str] = {}
    materials: dict[str, set[str]] = defaultdict(set)
    for part in parts:
        grams[part.label] += part.mass_g
        category[part.label] = CATEGORY_LABELS.get(part.category, part.category)
        materials[part.label].add(part.material)
    rows = [
        {
            "part": label,
            "grams": grams[label],
            "category": category[label],
            "material": ", ".join(sorted(materials[label])),
        }
        for label in grams
    ]
    return sorted(rows, key=lambda row: -row["grams"])


def pattern_svg(pattern: Pattern, design: Design, fabric_names: dict[str, str]) -> str:
    """The flat pattern drawn to scale (1 SVG unit = 1 cm), panels coloured by fabric.

    Seamed edges are drawn dashed, bound edges solid; a 10 cm scale bar is included.
    """
    panels = list(pattern.panels) + [
        custom_panel(c.name, c.points, c.edges) for c in design.custom_panels
    ]
    specs = {p.name: design.panel_spec(p.name, p.group) for p in pattern.panels}
    specs.update({c.name: c.spec for c in design.custom_panels})
    colours: dict[str, str] = {}
    for panel in panels:
        colours.setdefault(specs[panel.name].fabric, PALETTE[len(colours) % len(PALETTE)])
    placed = layout(panels)
    width = max(p.polygon.bounds[2] for p in placed) + 2
    height = max(p.polygon.bounds[3] for p in placed) + 2
    legend_height = 6 + 5 * len(colours)
    total_height = height + legend_height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 {width + 1:.1f} '
        f'{total_height + 1:.1f}" width="{(width + 1) * 5:.0f}" '
        f'height="{(total_height + 1) * 5:.0f}" font-family="sans-serif">',
        f"<title>Flat pattern: {escape(design.name)}, size {escape(design.size or 'custom')}"
        "</title>",
        '<defs><marker id="grain" viewBox="0 0 4 4" refX="2" refY="2" markerWidth="4" '
        'markerHeight="4" orient="auto-start-reverse"><path d="M0,0 L4,2 L0,4 z" fill="#555"/>'
        "</marker></defs>",
    ]

    def svg_points(points: Any) -> str:
        # SVG's y axis points down: flip each panel within the sheet.
        return " ".join(f"{x:.2f},{height - y:.2f}" for x, y in points)

    for panel in placed:
        spec = specs[panel.name]
        out.append(
            f'<polygon points="{svg_points(panel.polygon.exterior.coords[:-1])}" '
            f'fill="{colours[spec.fabric]}" fill-opacity="0.45" stroke="none"/>'
        )
        for edge in panel.edges:
            dash = ' stroke-dasharray="1.2,0.8"' if edge.kind == "seam" else ""
            out.append(
                f'<polyline points="{svg_points(edge.points)}" fill="none" stroke="#222" '
                f'stroke-width="0.3"{dash}/>'
            )
        for notch in panel.notches:
            for k in range(notch.count):
                offset = (k - (notch.count - 1) / 2) * 0.8
                out.append(_notch_mark(panel, notch, offset, height))
        if panel.grain:
            out.append(
                f'<polyline points="{svg_points(panel.grain)}" fill="none" stroke="#555" '
                'stroke-width="0.2" marker-start="url(#grain)" marker-end="url(#grain)"/>'
            )
        out.append(_piece_label(panel, spec, height))
    y = height + 3
    out.append(f'<line x1="0" y1="{y:.1f}" x2="10" y2="{y:.1f}" stroke="#222" stroke-width="0.5"/>')
    out.append(f'<text x="11" y="{y + 0.8:.1f}" font-size="2.2">10 cm</text>')
    for i, (fabric, colour) in enumerate(colours.items()):
        ly = y + 5 + 5 * i
        out.append(
            f'<rect x="0" y="{ly - 2.5:.1f}" width="4" height="3" fill="{colour}" '
            'fill-opacity="0.45" stroke="#222" stroke-width="0.2"/>'
        )
        out.append(
            f'<text x="5.5" y="{ly:.1f}" font-size="2.2">'
            f"{escape(fabric_names.get(fabric, fabric))}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _piece_label(panel: Any, spec: Any, height: float) -> str:
    """The piece's name (and layers) at its centre; turned along a piece too narrow for
    it, so that labels stay inside their pieces."""
    label = f"{panel.name}{f' ×{spec.layers}' if spec.layers > 1 else ''}"
    cx, cy = panel.polygon.centroid.x, height - panel.polygon.centroid.y
    minx, _, maxx, _ = panel.polygon.bounds
    turn = ""
    if len(label) * 1.25 > maxx - minx - 1.0:  # ~1.25 cm a character at 2.2 units
        cx += 1.6  # beside the grain line
        turn = f' transform="rotate(-90 {cx:.1f} {cy:.1f})"'
    return (
        f'<text x="{cx:.1f}" y="{cy:.1f}" font-size="2.2" text-anchor="middle" '
        f'dominant-baseline="middle"{turn}>{escape(label)}</text>'
    )


def _notch_mark(panel: Any, notch: Any, offset: float, height: float) -> str:
    """A short tick across the outline at a notch (offset along the edge [cm])."""
    edge = min(
        (e for e in panel.edges if e.kind == "seam"),
        key=lambda e: min(math.dist((notch.x, notch.y), p) for p in e.points),
    )
    (x0, y0), (x1, y1) = edge.points[0], edge.points[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length  # along the edge
    x, y = notch.x + ux * offset, notch.y + uy * offset
    nx, ny = -uy * 0.9, ux * 0.9  # across it
    return (
        f'<line x1="{x - nx:.2f}" y1="{height - (y - ny):.2f}" x2="{x + nx:.2f}" '
        f'y2="{height - (y + ny):.2f}" stroke="#222" stroke-width="0.3"/>'
    )


def packing_rows(result: Any, garment_names: dict[str, str]) -> list[dict[str, Any]]:
    """Long-form rows of the packed-volume curves: vest, reference tees and the floor."""
    pressures = result.packed_curve["pressure"].m_as("kPa")
    floor = result.packed_floor.m_as("L")
    rows = []
    for key, curve in result.packed_curve.items():
        if key == "pressure":
            continue
        label = "this vest" if key == "vest" else garment_names.get(key, key)
        rows += [
            {"pressure_kPa": float(p), "litres": float(v), "what": label}
            for p, v in zip(pressures, curve.m_as("L"), strict=True)
        ]
    rows += [
        {"pressure_kPa": float(p), "litres": floor, "what": "solid floor (this vest)"}
        for p in (pressures[0], pressures[-1])
    ]
    return rows


def placement_svg(fit: Any, design: Design) -> str:
    """The vest seen from the front and from the back, pockets drawn to scale (1 unit =
    1 cm) with their fill level and the items in them; full pockets in orange."""
    placed: dict[str, list[str]] = defaultdict(list)
    for label, _, pocket in fit.placements:
        placed[pocket].append(label)
    columns = {
        "front": [
            ["front-right", "side-right", "hip-right"],
            ["front-left", "side-left", "hip-left"],
        ],
        "back": [["side-left", "hip-left"], ["back"], ["side-right", "hip-right"]],
    }  # as seen by someone facing the view: the runner's right is on the left in front
    out_parts = []
    x0 = 0.0
    height_total = 0.0
    for view, cols in columns.items():
        x = x0
        drawn_any = False
        view_parts = []
        for locations in cols:
            y = 8.0
            width = 0.0
            for cap in fit.capacities:
                pocket = cap.pocket
                if pocket.location not in locations:
                    continue
                if view == "front" and pocket.location.startswith(("side", "hip")):
                    continue  # side and hip pockets are drawn once, on the back view
                w = pocket.width_cm + 2 * pocket.gusset_cm
                h = pocket.height_cm
                share = fit.fill_share(pocket.name)
                colour = "#f58518" if share > 0.95 else "#4c78a8"
                view_parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="#eee" '
                    'stroke="#222" stroke-width="0.25"/>'
                )
                fill_h = h * min(share, 1.0)
                view_parts.append(
                    f'<rect x="{x:.1f}" y="{y + h - fill_h:.1f}" width="{w:.1f}" '
                    f'height="{fill_h:.1f}" fill="{colour}" fill-opacity="0.45"/>'
                )
                view_parts.append(
                    f'<text x="{x + 0.6:.1f}" y="{y + 2.2:.1f}" font-size="1.8" font-weight="bold">'
                    f"{escape(pocket.name)} {share:.0%}</text>"
                )
                for k, label in enumerate(placed.get(pocket.name, [])[:8]):
                    view_parts.append(
                        f'<text x="{x + 0.6:.1f}" y="{y + 4.4 + 1.9 * k:.1f}" font-size="1.5">'
                        f"{escape(label)}</text>"
                    )
                y += h + 2
                width = max(width, w)
                drawn_any = True
            x += width + 3 if width else 0
            height_total = max(height_total, y)
        if drawn_any:
            out_parts.append(
                f'<text x="{x0:.1f}" y="4" font-size="2.6" font-weight="bold">{view} view</text>'
            )
            out_parts += view_parts
            x0 = x + 6
    width_total = max(x0, 20.0)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 0 {width_total + 2:.1f} '
            f'{height_total + 2:.1f}" width="{(width_total + 2) * 6:.0f}" '
            f'height="{(height_total + 2) * 6:.0f}" font-family="sans-serif">',
            f"<title>Where the load goes: {escape(design.name)}</title>",
            *out_parts,
            "</svg>",
        ]
    )


HEADLINE = {
    "weight": ("Weight", "g"),
    "weight_p5": ("Weight P5", "g"),
    "weight_p95": ("Weight P95", "g"),
    "packed_volume": ("Packed volume", "L"),
    "packed_floor": ("Solid floor", "L"),
    "tshirt_volume_ratio": ("vs a cotton t-shirt, volume", ""),
    "tshirt_weight_ratio": ("vs a cotton t-shirt, weight", ""),
    "capacity_relaxed": ("Capacity relaxed", "L"),
    "capacity_stretched": ("Capacity stretched", "L"),
    "unplaced": ("Items that do not fit", ""),
    "carried": ("Carried", "g"),
    "front_share": ("Load in front", ""),
    "left_share": ("Load on the left", ""),
}


def headline(result: Any) -> dict[str, Any]:
    """The headline figures of an estimate (metric), for the A/B comparison."""
    fit = result.load_fit
    values = {
        "weight": result.weight.m_as("g"),
        "weight_p5": result.weight_band[0].m_as("g"),
        "weight_p95": result.weight_band[2].m_as("g"),
        "packed_volume": result.packed_volume.m_as("L"),
        "packed_floor": result.packed_floor.m_as("L"),
        "tshirt_volume_ratio": result.tshirt_volume_ratio,
        "tshirt_weight_ratio": result.tshirt_weight_ratio,
        "capacity_relaxed": fit.capacity_relaxed_l,
        "capacity_stretched": fit.capacity_stretched_l,
        "unplaced": float(len(fit.unplaced)),
        "carried": result.carried_mass.m_as("g"),
        "front_share": fit.front_share,
        "left_share": fit.left_share,
    }
    return {"labels": HEADLINE, "values": values}


def breakdown_spec(title: str, grams_title: str, row_count: int) -> dict[str, Any]:
    """Vega-Lite spec of the weight breakdown (bars by part, coloured by category).

    Written by hand rather than through Altair: the page rebuilds it on every slider
    move, and Altair's validation took ~20 ms a chart.
    """
    return {
        "title": title,
        "height": max(220, 18 * row_count),
        "mark": "bar",
        "encoding": {
            "x": {"field": "grams", "type": "quantitative", "title": grams_title},
            "y": {
                "field": "part",
                "type": "nominal",
                "sort": "-x",
                "title": None,
                "axis": {"labelLimit": 260, "labelOverlap": False},
            },
            "color": {"field": "category", "type": "nominal", "title": None},
            "tooltip": [
                {"field": "part"},
                {"field": "grams", "type": "quantitative", "format": ".1f"},
                {"field": "category"},
                {"field": "material"},
            ],
        },
    }


def packing_spec(
    title: str, x_title: str, y_title: str, pressure_kpa: float, floor_label: str
) -> dict[str, Any]:
    """Vega-Lite spec of the packed volume over pressure (log axis), the floor dashed and
    the chosen pressure marked by a rule."""
    return {
        "title": title,
        "height": 300,
        "layer": [
            {
                "mark": "line",
                "encoding": {
                    "x": {
                        "field": "pressure_kPa",
                        "type": "quantitative",
                        "scale": {"type": "log"},
                        "title": x_title,
                    },
                    "y": {"field": "litres", "type": "quantitative", "title": y_title},
                    "color": {"field": "what", "type": "nominal", "title": None},
                    "strokeDash": {
                        "condition": {
                            "test": f"datum.what === {floor_label!r}",
                            "value": [4, 3],
                        },
                        "value": [1, 0],
                    },
                    "tooltip": [
                        {"field": "what"},
                        {"field": "pressure_kPa", "type": "quantitative", "format": ".1f"},
                        {"field": "litres", "type": "quantitative", "format": ".3f"},
                    ],
                },
            },
            {
                "data": {"values": [{"pressure_kPa": pressure_kpa}]},
                "mark": {"type": "rule", "strokeDash": [2, 2]},
                "encoding": {"x": {"field": "pressure_kPa", "type": "quantitative"}},
            },
        ],
    }


def tornado_spec(title: str) -> dict[str, Any]:
    """Vega-Lite spec of the sensitivity tornado: weight change [g] per parameter."""
    return {
        "title": title,
        "height": 360,
        "mark": "bar",
        "encoding": {
            "y": {"field": "parameter", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "grams", "type": "quantitative", "title": "Δ g"},
            "color": {"field": "change", "type": "nominal", "title": None},
            "tooltip": [
                {"field": "parameter"},
                {"field": "change"},
                {"field": "grams", "type": "quantitative", "format": "+.1f"},
            ],
        },
    }


def pareto_spec(title: str) -> dict[str, Any]:
    """Vega-Lite spec of the trade-off front: weight against capacity, coloured by packed
    volume; a click selects a point (``pick``, carrying its ``row``)."""
    return {
        "title": title,
        "height": 320,
        "params": [{"name": "pick", "select": {"type": "point", "fields": ["row"]}}],
        "mark": {"type": "circle", "size": 90},
        "encoding": {
            "x": {"field": "weight_g", "type": "quantitative", "title": "weight [g]",
                  "scale": {"zero": False}},
            "y": {"field": "capacity_nominal_l", "type": "quantitative",
                  "title": "capacity, nominal [L]", "scale": {"zero": False}},
            "color": {"field": "packed_volume_l", "type": "quantitative",
                      "title": "packed [L]", "scale": {"scheme": "viridis"}},
            "tooltip": [
                {"field": "weight_g", "type": "quantitative", "format": ".1f"},
                {"field": "capacity_nominal_l", "type": "quantitative", "format": ".2f"},
                {"field": "packed_volume_l", "type": "quantitative", "format": ".3f"},
            ],
        },
    }  # fmt: skip


def footprint_spec(title: str) -> dict[str, Any]:
    """Vega-Lite spec of the supply-chain comparison: g CO2e by step, one bar a scenario."""
    return {
        "title": title,
        "height": 220,
        "mark": "bar",
        "encoding": {
            "y": {"field": "scenario", "type": "nominal", "title": None, "sort": None},
            "x": {"field": "g CO2e", "type": "quantitative", "title": "g CO2e"},
            "color": {"field": "step", "type": "nominal", "title": None},
            "tooltip": [
                {"field": "scenario"},
                {"field": "step"},
                {"field": "g CO2e", "type": "quantitative", "format": ".1f"},
                {"field": "€", "type": "quantitative", "format": ".2f"},
            ],
        },
    }
