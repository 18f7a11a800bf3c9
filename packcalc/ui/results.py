"""A design's answers as plain data: floats in the models' units, ids and lists.

What the page draws comes from these dicts, so that they can be cached per design and
shared by sessions (copied out of the cache, never shared mutable objects). Nothing here
computes physics: each figure is read from :func:`packcalc.estimate`, the load fit, the
sensitivity of :mod:`packcalc.batch`, the supply chain of :mod:`packcalc.supply` or the
library. Nothing here imports streamlit.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from typing import Any

from packcalc.batch import sensitivity
from packcalc.design import Design, design_to_toml
from packcalc.estimator import REFERENCE_TEE, estimate
from packcalc.fit import pocket_overflows
from packcalc.library import Library, record_as_dict
from packcalc.pattern import custom_panel, draft, layout, moved
from packcalc.supply import bill_of_materials, bom_csv
from packcalc.ui.i18n import N_

# The headline figures of a design (the A/B comparison): key → (label, kind of figure).
HEADLINE = {
    "weight": (N_("Weight"), "weight"),
    "weight_p5": (N_("Likely weight, P5"), "mass"),
    "weight_p95": (N_("Likely weight, P95"), "mass"),
    "packed_volume": (N_("Packed volume"), "packed"),
    "packed_floor": (N_("Solid floor"), "packed"),
    "tshirt_volume_ratio": (N_("Packed volume, × a cotton t-shirt's"), "ratio"),
    "tshirt_weight_ratio": (N_("Weight, × a cotton t-shirt's"), "ratio"),
    "capacity_nominal": (N_("Capacity, nominal"), "capacity"),
    "capacity_relaxed": (N_("Capacity, relaxed"), "capacity"),
    "capacity_stretched": (N_("Capacity, stretched to the limit"), "capacity"),
    "unplaced": (N_("Items that do not fit"), "count"),
    "carried": (N_("Carried (vest and load)"), "mass"),
    "shoulder_pressure": (N_("Pressure under the straps"), "pressure"),
    "front_share": (N_("Load in front"), "share"),
    "left_share": (N_("Load on the left"), "share"),
}


# The pattern options the load fit reads (the body fit's girth and the load's centre of
# mass); a test checks that the others leave the load fit as it is.
FIT_OPTIONS = ("back_width", "front_width", "front_gap", "fit_ease")


def fit_key(design: Design) -> str:
    """What identifies a design's load fit: the design without the pattern options the
    load fit does not read (a slider of those does not place the load again)."""
    options = {k: v for k, v in design.options.items() if k in FIT_OPTIONS}
    return design_to_toml(
        dataclasses.replace(design, options=options, name="", description="", comparisons=())
    )


def vest_figures(design: Design, library: Library, fit: Any = None) -> dict[str, Any]:
    """Everything the Vest page shows of a design, as plain data; ``fit`` the load fit
    of an equal :func:`fit_key`, when it is already known."""
    result = estimate(design, library=library)
    if fit is not None:
        result.__dict__["load_fit"] = fit  # Estimate.load_fit is a cached property
    fit = result.load_fit
    p5, p50, p95 = (q.m_as("g") for q in result.weight_band)
    t5, t50, t95 = (q.m_as("g") for q in result.weight_tolerance_band)
    tee = result.tshirts[REFERENCE_TEE]
    curve = {
        key: [float(v) for v in values.m_as("kPa" if key == "pressure" else "L")]
        for key, values in result.packed_curve.items()
    }
    figures = {
        "weight": result.weight.m_as("g"),
        "band": (p5, p50, p95),
        "tolerance_band": (t5, t50, t95),
        "dry": result.weight_dry.m_as("g"),
        "wet": result.weight_wet.m_as("g"),
        "sweat": result.sweat_saturation,
        "packed": result.packed_volume.m_as("L"),
        "pressure": result.packed_pressure.m_as("kPa"),
        "floor": result.packed_floor.m_as("L"),
        "tshirt": {
            "id": REFERENCE_TEE,
            "volume_ratio": result.tshirt_volume_ratio,
            "weight_ratio": result.tshirt_weight_ratio,
            "packed": tee["packed_volume"].m_as("L"),
            "mass": tee["mass"].m_as("g"),
        },
        "curve": curve,
        "parts": breakdown(result.parts),
        "by_material": _by_material(result),
        "notes": list(result.notes) + list(fit.notes),
        "fit": load_fit(fit),
        "carried": result.carried_mass.m_as("g"),
        "shoulder": result.shoulder_pressure.m_as("kPa"),
        "materials": sorted({p.material for p in result.parts}),
        "overflows": [list(row) for row in pocket_overflows(design)],
    }
    figures["headline"] = headline(figures)
    return figures


def breakdown(parts: Any) -> list[dict[str, Any]]:
    """The weight parts summed by label (grams, category, materials), heaviest first."""
    grams: dict[tuple[str, str], float] = defaultdict(float)
    materials: dict[tuple[str, str], set[str]] = defaultdict(set)
    for part in parts:
        key = (part.label, part.category)
        grams[key] += float(part.mass_g)
        materials[key].add(part.material)
    rows = [
        {
            "label": label,
            "category": category,
            "grams": grams[(label, category)],
            "materials": sorted(materials[(label, category)]),
        }
        for label, category in grams
    ]
    return sorted(rows, key=lambda row: -row["grams"])


def _by_material(result: Any) -> list[tuple[str, float]]:
    return sorted(
        ((k, v.m_as("g")) for k, v in result.weight_by_material.items()), key=lambda kv: -kv[1]
    )


def load_fit(fit: Any) -> dict[str, Any]:
    """The load fit (``packcalc.fit.LoadFit``) as plain data."""
    pockets = []
    for cap in fit.capacities:
        p = cap.pocket
        pockets.append(
            {
                "name": p.name,
                "location": p.location,
                "width": p.width_cm,
                "height": p.height_cm,
                "gusset": p.gusset_cm,
                "purpose": p.purpose,
                "relaxed": cap.relaxed_l,
                "nominal": cap.nominal_l,
                "stretched": cap.stretched_l,
                "limited_by": cap.limited_by,
                "load": fit.pocket_volume_l[p.name],
                "mass": fit.pocket_mass_g[p.name],
                "pressure": fit.pocket_pressure_kpa.get(p.name),
            }
        )
    return {
        "pockets": pockets,
        "placements": [list(p) for p in fit.placements],
        "unplaced": [list(u) for u in fit.unplaced],
        "load_mass": fit.load_mass_g,
        "front_share": fit.front_share,
        "left_share": fit.left_share,
        "com": tuple(fit.com_offset_cm),
        "fit_range": tuple(fit.fit_range_cm),
        "chest": fit.body_chest_cm,
        "body_fits": fit.body_fits,
        "nominal": fit.capacity_nominal_l,
        "relaxed": fit.capacity_relaxed_l,
        "stretched": fit.capacity_stretched_l,
    }


def flat_geometry(design: Design) -> dict[str, Any]:
    """The technical flats (:func:`packcalc.export.flats.flat_views`) as plain data: per
    view, shapes with their style, points [cm, y up], closed, fill and pocket."""
    from packcalc.export.flats import flat_views

    return {
        view: [
            {
                "style": shape.style,
                "points": [list(p) for p in shape.points],
                "closed": shape.closed,
                "fill": shape.fill,
                "pocket": shape.pocket,
            }
            for shape in shapes
            if not shape.text  # the page writes its own labels, in its language
        ]
        for view, shapes in flat_views(design).items()
    }


def pattern_geometry(
    design: Design, pattern: Any = None, library: Library | None = None
) -> dict[str, Any]:
    """The flat pattern laid out for drawing [cm]: pieces with outline, edges, notches,
    grain line, fabric and layers (``pattern``: the design's drafted pattern, drafted
    here when not given); with the ``library``, each pocket's own piece too."""
    if pattern is None:
        pattern = draft(design.body, design.options)
    panels = list(pattern.panels) + [
        custom_panel(c.name, c.points, c.edges) for c in design.custom_panels
    ]
    own = {p.name: design.panel_spec(p.name, p.group) for p in pattern.panels}
    specs = {name: (spec.fabric, spec.layers) for name, spec in own.items()}
    specs.update({c.name: (c.spec.fabric, c.spec.layers) for c in design.custom_panels})
    if library is not None:
        for panel, fabric in _pocket_panels(design, library):
            panels.append(panel)
            specs[panel.name] = (fabric, 1)
    pieces = []
    for panel in _rows(panels):
        fabric, layers = specs[panel.name]
        pieces.append(
            {
                "name": panel.name,
                "fabric": fabric,
                "layers": layers,
                "outline": [tuple(map(float, xy)) for xy in panel.polygon.exterior.coords[:-1]],
                "edges": [
                    (e.kind, [tuple(map(float, xy)) for xy in e.points]) for e in panel.edges
                ],
                "notches": [(float(n.x), float(n.y), int(n.count)) for n in panel.notches],
                "grain": [tuple(map(float, xy)) for xy in panel.grain] if panel.grain else None,
            }
        )
    return {
        "pieces": pieces,
        "allowance": design.seams.allowance_cm if design.seams.method == "stitched" else 0.0,
        "name": design.name,
    }


def _pocket_panels(design: Design, library: Library) -> list[tuple[Any, str]]:
    """Each pocket's own piece (:func:`packcalc.cutting.pieces`) as a panel named
    ``pocket:<name>``: its opening (the top edge) bound when the opening is bound, its
    other edges sewn to the panel."""
    from shapely.geometry import Polygon

    from packcalc.cutting import pieces
    from packcalc.pattern import Edge, Panel

    out = []
    for piece in pieces(design, library):
        if not piece.id.startswith("pocket-"):
            continue
        ring = list(piece.sew_line[:-1])
        top = max(y for _x, y in ring)
        edges = []
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            opening = abs(a[1] - top) < 1e-9 and abs(b[1] - top) < 1e-9
            kind = "bound" if opening and "binding" in piece.note else "seam"
            length = float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)
            edges.append(Edge(kind, length, points=(a, b)))
        name = "pocket:" + piece.title.removeprefix("Pocket: ")
        out.append(
            (Panel(name, "pocket", Polygon(ring), tuple(edges), (), piece.grain), piece.fabric)
        )
    return out


def _rows(panels: list[Any], gap: float = 3.0) -> list[Any]:
    """The pieces in rows about 80 cm wide (the library's :func:`packcalc.pattern.layout`
    for each row), the first row on top: a drawing that fits a page's width at a
    readable scale."""
    widths = [p.polygon.bounds[2] - p.polygon.bounds[0] for p in panels]
    limit = max(80.0, max(widths) + gap)
    rows: list[list[Any]] = [[]]
    used = 0.0
    for panel, width in zip(panels, widths, strict=True):
        if rows[-1] and used + width > limit:
            rows.append([])
            used = 0.0
        rows[-1].append(panel)
        used += width + gap
    out: list[Any] = []
    y = 0.0
    for row in reversed(rows):
        laid = layout(row, gap)
        out = [moved(p, 0.0, y) for p in laid] + out
        y += max(p.polygon.bounds[3] for p in laid) + gap
    return out


def headline(figures: dict[str, Any]) -> dict[str, float]:
    """The headline figures (:data:`HEADLINE`, metric) of :func:`vest_figures`."""
    fit = figures["fit"]
    return {
        "weight": figures["weight"],
        "weight_p5": figures["band"][0],
        "weight_p95": figures["band"][2],
        "packed_volume": figures["packed"],
        "packed_floor": figures["floor"],
        "tshirt_volume_ratio": figures["tshirt"]["volume_ratio"],
        "tshirt_weight_ratio": figures["tshirt"]["weight_ratio"],
        "capacity_nominal": fit["nominal"],
        "capacity_relaxed": fit["relaxed"],
        "capacity_stretched": fit["stretched"],
        "unplaced": float(len(fit["unplaced"])),
        "carried": figures["carried"],
        "shoulder_pressure": figures["shoulder"],
        "front_share": fit["front_share"],
        "left_share": fit["left_share"],
    }


def compare_headlines(a: dict[str, float], b: dict[str, float]) -> list[dict[str, Any]]:
    """Per headline figure: A, B and B − A (metric)."""
    return [
        {"key": key, "a": a[key], "b": b[key], "delta": b[key] - a[key]}
        for key in HEADLINE
        if key in a and key in b
    ]


def design_differences(a: Design, b: Design) -> list[dict[str, Any]]:
    """What differs between two designs: the size, the pattern options [cm], each panel
    group's fabric, layers and areal-density override, the pockets and the load list."""
    out: list[dict[str, Any]] = []
    if a.size != b.size:
        out.append({"what": "size", "a": a.size or "custom", "b": b.size or "custom"})
    for name in dict.fromkeys([*a.options, *b.options]):
        va, vb = a.options.get(name), b.options.get(name)
        if va is None or vb is None or abs(float(va) - float(vb)) > 1e-9:
            out.append({"what": f"option:{name}", "a": va, "b": vb})
    for group in dict.fromkeys([*a.panels, *b.panels]):
        pa, pb = a.panels.get(group), b.panels.get(group)
        for field in ("fabric", "layers", "areal_density_gsm"):
            va, vb = getattr(pa, field, None), getattr(pb, field, None)
            if va != vb:
                out.append({"what": f"panel:{group}:{field}", "a": va, "b": vb})
    if a.pockets != b.pockets:
        out.append({"what": "pockets", "a": len(a.pockets), "b": len(b.pockets)})
    if a.load != b.load:
        out.append({"what": "load", "a": None, "b": None})
    return out


def sensitivity_rows(design: Design, library: Library) -> list[dict[str, Any]]:
    """:func:`packcalc.batch.sensitivity` of the design, as plain rows."""
    rows = []
    for row in sensitivity(design, library):
        rows.append(
            {
                k: (float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v)
                for k, v in row.items()
            }
        )
    return rows


def supply_chain(
    design: Design,
    library: Library,
    made_in: str,
    others: tuple[str, ...],
    air_shares: tuple[float, ...],
    data: Any,
    chains: tuple[str, ...] = (),
    own: tuple[tuple[str, Any], ...] = (),
) -> dict[str, Any]:
    """The design made at ``made_in`` and at each of ``others`` (fabrics as sourced), or
    along the named ``chains`` of ``footprint.toml`` and the user's ``own`` chain
    (stage, place pairs), with every pair's waterfall and the Ecobalyse query, as plain
    data in grams of CO2e."""
    from packcalc.lifecycle import compare, scenario, waterfall
    from packcalc.supply import ecobalyse_query

    result = estimate(design, library=library)
    if chains or own:
        scenarios = [scenario(result, library, data, chain=c) for c in chains]
        if own:
            scenarios.append(scenario(result, library, data, chain=dict(own)))
    else:
        scenarios = compare(result, library, made_in, list(others), list(air_shares), data)
    first = scenarios[0]  # the query describes the table's first row, as shown
    query, left_out = ecobalyse_query(
        result, library, dict(first.places) or first.made_in, first.air_share, data
    )
    fabrics = sorted({p.material for p in result.parts if p.material in library.fabrics})
    return {
        "untraced": [x for x in fabrics if not library.fabrics[x].origin.get("country")],
        "fabrics": fabrics,
        "scenarios": [_scenario_row(s) for s in scenarios],
        "waterfalls": {
            f"{i}>{j}": [
                {"stage": row["stage"], "change": row["change_kg"] * 1000}
                for row in waterfall(a, b)
            ]
            for i, a in enumerate(scenarios)
            for j, b in enumerate(scenarios)
            if i != j
        },
        "ecobalyse": json.dumps(query, indent=2),
        "left_out": list(left_out) if left_out else [],
    }


def _scenario_row(s: Any) -> dict[str, Any]:
    """One ``packcalc.lifecycle.Scenario`` as plain data, in grams of CO2e."""
    return {
        "made_in": s.made_in,
        "air_share": s.air_share,
        "chain": s.chain,
        "places": dict(s.places),
        "co2e": s.co2e_kg * 1000,
        "band": (float(s.co2e_band_kg[0]) * 1000, float(s.co2e_band_kg[1]) * 1000),
        "per_kg": float(s.co2e_per_kg_product),
        "energy": float(s.energy_mj),
        "energy_left_out": list(s.energy_left_out),
        "cost": float(s.cost_eur),
        "days": float(s.lead_days),
        "per_gram": float(s.per_gram_saved_g),
        "notes": list(s.notes),
        "steps": [
            {
                "name": step.name,
                "place": step.place,
                "co2e": float(step.co2e_kg) * 1000,
                "cost": float(step.cost_eur),
                "days": float(step.days),
                "detail": step.detail,
            }
            for step in s.steps
        ],
        "stages": {k: float(v) * 1000 for k, v in s.by_stage().items()},
        "by_place": [
            {
                "stage": stage.stage,
                "place": stage.place,
                "co2e": stage.co2e_kg * 1000,
                "energy": stage.energy_mj,
                "source": stage.source,
            }
            for stage in s.stages
        ],
        "sensitivity": [
            {"factor": r["factor"], "sigma": r["sigma"], "swing": r["swing_kg"] * 1000}
            for r in s.sensitivity[:10]
        ],
    }


def pattern_dxf(design: Design, library: Library) -> str:
    """The pattern for a pattern CAD: DXF in the AAMA/ASTM D6673 convention, every size of
    the library graded in one nest (the design's own body alone when it has no size)."""
    import logging

    from packcalc.export.dxf import dxf_text, pattern_document

    logging.getLogger("ezdxf").setLevel(logging.ERROR)
    sizes = list(library.sizes) if design.size else ["custom"]
    return dxf_text(pattern_document(design, library, sizes))


def pattern_pdf(design: Design, library: Library) -> bytes:
    """The pattern of the design's size at 1:1 on A4 tiles, with its 10 cm test square."""
    from packcalc.export.sheets import pattern_pdf as pdf

    return pdf(design, library, (None,), "A4")


def flats_svg(design: Design) -> str:
    """The technical flats, front and back, with the legend of their lines (SVG)."""
    from packcalc.export.flats import flats_svg as svg

    return svg(design)


def techpack(design: Design, library: Library) -> bytes:
    """The tech pack (PDF, in English, the factory's working language)."""
    from packcalc.export.techpack import techpack_pdf

    return techpack_pdf(design, library)


def bill_csv(design: Design, library: Library) -> str:
    """The bill of materials as CSV (:func:`packcalc.supply.bill_of_materials`), figures
    rounded as a maker reads them (pieces whole, areas to 0.1 dm², grams to 0.1 g)."""
    rows = []
    for row in bill_of_materials(estimate(design, library=library), library):
        out = dict(row)
        quantity = out.get("quantity")
        if isinstance(quantity, float):
            out["quantity"] = int(quantity) if quantity.is_integer() else round(float(quantity), 3)
        if isinstance(out.get("net_area_m2"), float):
            out["net_area_m2"] = round(float(out["net_area_m2"]), 4)
        if isinstance(out.get("mass_g"), float):
            out["mass_g"] = round(float(out["mass_g"]), 1)  # as the tech pack prints it
        rows.append(out)
    return bom_csv(rows)


def design_key(design: Design) -> str:
    """What identifies a design for the caches: its TOML text (saving and loading give
    the same design, so equal texts are equal designs)."""
    return design_to_toml(design)


LIBRARY_COLUMNS = {
    "fabrics": [
        "id",
        "construction",
        "composition",
        "areal_density_gsm",
        "thickness_mm",
        "stretch_warp",
        "stretch_weft",
    ],
    "fibres": ["id", "density_g_cm3", "moisture_regain", "modulus_gpa"],
    "trims": ["id", "kind", "mass_g", "linear_mass_g_m", "areal_mass_gsm"],
    "items": ["id", "category", "mass_g", "volume_l", "shape", "rigid"],
}


def library_rows(library: Library, kind: str) -> list[dict[str, Any]]:
    """The records of one kind as plain rows (fields of :data:`LIBRARY_COLUMNS`, the
    record's own name, its sources and whether it holds an assumption)."""
    rows = []
    for record in getattr(library, kind).values():
        data = record_as_dict(record)
        row = {c: data.get(c) for c in LIBRARY_COLUMNS[kind]}
        if "composition" in row:
            row["composition"] = dict(data["composition"])
        row["record_name"] = data["name"]
        row["assumption"] = bool(data.get("assumption", False))
        row["source"] = data.get("source", "")
        rows.append(row)
    return rows


def search_rows(rows: list[dict[str, Any]], query: str, shown: dict[str, str]) -> list[dict]:
    """The rows whose fields, shown names or sources contain every word of ``query``
    (case-insensitive); ``shown`` maps a record id to the name the page shows."""
    words = query.lower().split()
    if not words:
        return rows
    out = []
    for row in rows:
        haystack = " ".join([*map(str, row.values()), shown.get(row["id"], "")]).lower()
        if all(word in haystack for word in words):
            out.append(row)
    return out
