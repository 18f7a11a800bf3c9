"""The tech pack: what a factory needs to quote and sew the vest, as one PDF (reportlab).

Sections: cover (flats and key figures), bill of materials per size with cutting waste,
points of measure graded XS-XL with tolerances, construction seam by seam, pocket
specifications, labels and their placement, the supply chain and origin of every
material, and the footprint summary. Figures come from the library's models; what the
pack states as a house choice (stitch density, tolerances, label places) says so.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import Any

from packcalc.cutting import pieces
from packcalc.design import Design, detail_counts
from packcalc.export.flats import STYLES, flat_views
from packcalc.pattern import OPTION_SPECS, draft

SECTIONS = (
    "1. The vest",
    "2. Bill of materials",
    "3. Points of measure",
    "4. Construction",
    "5. Pockets",
    "6. Labels",
    "7. Supply chain and origin",
    "8. Footprint",
)
STITCHES_PER_CM = 4.0  # house choice for stretch knits (4-5/cm is usual), set with the factory
TOLERANCE_CM = ((20.0, 0.5), (1e9, 1.0))  # ±0.5 cm up to 20 cm, ±1 cm above (house choice)
POM_OPTIONS = (
    "back_height",
    "back_width",
    "strap_width",
    "strap_length",
    "front_height",
    "front_width",
    "neck_width",
    "neckline_drop",
    "side_wing_depth",
    "front_gap",
)


def techpack_pdf(design: Design, library: Any, sizes: Sequence[str] | None = None) -> bytes:
    """The tech pack of ``design`` graded over ``sizes`` (default: the size table)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from packcalc.estimator import estimate

    sizes = list(sizes or library.sizes)
    result = estimate(design, library=library)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{design.name}: tech pack",
        author="packcalc",
    )
    story: list[Any] = []
    builders = (_cover, _bom, _measures, _construction, _pockets, _labels, _supply, _footprint)
    for i, build in enumerate(builders):
        if i:
            story.append(PageBreak())
        story += build(design, library, result, sizes)
    doc.build(story, onFirstPage=_footer(design), onLaterPages=_footer(design))
    return buffer.getvalue()


# ------------------------------------------------------------------ building blocks


def _styles() -> Any:
    from reportlab.lib.styles import getSampleStyleSheet

    styles = getSampleStyleSheet()
    styles["BodyText"].spaceAfter = 6  # points: a paragraph never touches the table below
    return styles


def _h(text: str) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(text, _styles()["Heading1"])


def _p(text: str, style: str = "BodyText") -> Any:
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), _styles()[style])


def _table(rows: Sequence[Sequence[Any]], widths: Sequence[float] | None = None) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    small = _styles()["BodyText"].clone("small", fontSize=7.5, leading=9)
    cells = [
        [c if not isinstance(c, str) else Paragraph(_esc(c), small) for c in row] for row in rows
    ]
    table = Table(cells, colWidths=[w * mm for w in widths] if widths else None, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.92, 0.95)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _footer(design: Design) -> Any:
    def draw(canvas: Any, doc: Any) -> None:
        from reportlab.lib.units import mm

        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(15 * mm, 8 * mm, f"{design.name} · tech pack · {datetime.date.today()}")
        canvas.drawRightString(195 * mm, 8 * mm, f"page {doc.page}")
        canvas.restoreState()

    return draw


def _space(height_mm: float = 4.0) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    return Spacer(1, height_mm * mm)


# ------------------------------------------------------------------ 1. cover


def _cover(design: Design, library: Any, result: Any, sizes: Sequence[str]) -> list[Any]:
    p5, _, p95 = (q.m_as("g") for q in result.weight_band)
    fit = result.load_fit
    rows = [
        ["figure", "value"],
        ["weight (size " + (design.size or "custom") + ")", f"{result.weight.m_as('g'):.1f} g"],
        ["likely range on real vests (P5-P95)", f"{p5:.0f}-{p95:.0f} g"],
        [
            "manufacturing tolerance band",
            "{:.0f}-{:.0f} g".format(*(result.weight_tolerance_band[i].m_as("g") for i in (0, 2))),
        ],
        [
            "packed volume",
            f"{result.packed_volume.m_as('L'):.2f} L at {result.packed_pressure.m_as('kPa'):g} kPa",
        ],
        ["capacity (nominal, pockets filled snug)", f"{fit.capacity_nominal_l:.1f} L"],
        ["sizes", ", ".join(sizes)],
        ["made in", made_in(design)],
    ]
    return [
        _h(SECTIONS[0]),
        _p(f"{design.name}: {design.description}" if design.description else design.name),
        _space(),
        _flats_drawing(design),
        _space(),
        _table(rows, (80, 90)),
    ]


def made_in(design: Design, country_only: bool = False) -> str:
    """Where the vest is sewn, as a label prints it ("France") or as a place ("Drôme
    (Crest), France"); a place the footprint data does not name stays as written."""
    from packcalc.footprint_data import read_footprint

    data = read_footprint()
    place = data.places.get(design.made_in)
    country = data.country_of(design.made_in) if data.is_place(design.made_in) else None
    country_name = data.countries.get(country, {}).get("name") if country else None
    if country_only:
        return country_name or design.made_in
    if place and "-" in design.made_in:  # a region of a country ("FR-Drome")
        return place["name"]
    return country_name or design.made_in


def _flats_drawing(design: Design, width_mm: float = 180.0) -> Any:
    """The flats as a reportlab drawing (vector), from the same shapes as the SVG."""
    from reportlab.graphics.shapes import Drawing, Polygon, PolyLine, String
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    views = flat_views(design)
    boxes = {}
    for name, shapes in views.items():
        xs = [p[0] for s in shapes if not s.text for p in s.points]
        ys = [p[1] for s in shapes if not s.text for p in s.points]
        boxes[name] = (min(xs), min(ys), max(xs), max(ys))
    total = sum(b[2] - b[0] + 6 for b in boxes.values())
    scale = width_mm * mm / total
    height = max(b[3] - b[1] for b in boxes.values()) + 6
    drawing = Drawing(width_mm * mm, height * scale)
    x = 0.0
    for name, shapes in views.items():
        minx, miny, maxx, _ = boxes[name]
        ox = x + 3 - minx
        drawing.add(
            String(
                (x + (maxx - minx) / 2 + 3) * scale,
                (height - 2) * scale,
                f"{name} view",
                fontSize=8,
                textAnchor="middle",
            )
        )
        for shape in shapes:
            pts = [v for px, py in shape.points for v in ((px + ox) * scale, (py - miny) * scale)]
            if shape.text:
                drawing.add(String(pts[0], pts[1] - 2, shape.text, fontSize=6, textAnchor="middle"))
                continue
            style = STYLES[shape.style]
            attrs = {
                "strokeWidth": style["width"] * scale,
                "strokeColor": colors.HexColor(style["color"]),
            }
            if style["dash"]:
                attrs["strokeDashArray"] = [d * scale for d in style["dash"]]
            if shape.closed:
                fill = colors.HexColor(shape.fill) if shape.fill else None
                drawing.add(Polygon(pts, fillColor=fill, **attrs))
            else:
                drawing.add(PolyLine(pts, **attrs))
        x += maxx - minx + 6
    return drawing


# ------------------------------------------------------------------ 2. bill of materials


def _bom(design: Design, library: Any, result: Any, sizes: Sequence[str]) -> list[Any]:
    from packcalc.bom import MARKER_EFFICIENCY
    from packcalc.estimator import estimate
    from packcalc.supply import bill_of_materials

    per_size = {
        s: {
            (r["kind"], r["id"]): r
            for r in bill_of_materials(
                estimate(design.with_size(s), library=library, band_samples=100), library
            )
        }
        for s in sizes
    }
    ids = list(dict.fromkeys(i for rows in per_size.values() for i in rows))
    header = [
        "material",
        "kind",
        "unit",
        *sizes,
        "in the vest (size " + sizes[len(sizes) // 2] + ")",
    ]
    rows = [header]
    for material in ids:
        first = next(rows_[material] for rows_ in per_size.values() if material in rows_)
        quantities = [_quantity(per_size[s].get(material)) for s in sizes]
        middle = per_size[sizes[len(sizes) // 2]].get(material)
        rows.append(
            [
                f"{first['name']} ({material[1]})",
                first["kind"],
                first["unit"],
                *quantities,
                f"{middle['mass_g']:.1f} g" if middle else "-",
            ]
        )
    return [
        _h(SECTIONS[1]),
        _p(
            f"Consumption per vest and size. Cut fabric at a marker efficiency of "
            f"{MARKER_EFFICIENCY:.0%} (the cutting waste is included); knitted-to-shape pieces "
            "waste nothing. Thread with its wastage."
        ),
        _table(rows),
    ]


def _quantity(row: dict[str, Any] | None) -> str:
    if row is None:
        return "-"
    q = row["quantity"]
    return (
        f"{q:.0f}"
        if row["unit"] in ("pieces", "pockets")
        else f"{q:.3f}"
        if row["unit"] == "m2"
        else f"{q:.2f}"
    )


# ------------------------------------------------------------------ 3. points of measure


def point_of_measure_tolerance(value_cm: float) -> float:
    """The tolerance of a measure [cm]: ±0.5 cm up to 20 cm, ±1 cm above (house choice)."""
    return next(t for limit, t in TOLERANCE_CM if value_cm <= limit)


def points_of_measure(design: Design, library: Any, sizes: Sequence[str]) -> list[dict[str, Any]]:
    """Each point of measure in every size [cm], with its tolerance: the body's chest
    the vest is graded for, and the drafted options."""
    graded = {s: design.with_size(s) for s in sizes}
    rows = [
        {
            "measure": "chest girth of the runner (size chart)",
            **{s: graded[s].body.chest for s in sizes},
        }
    ]
    for name in POM_OPTIONS:
        rows.append(
            {
                "measure": OPTION_SPECS[name].description,
                **{s: float(graded[s].options[name]) for s in sizes},
            }
        )
    for row in rows:
        row["tolerance"] = point_of_measure_tolerance(max(row[s] for s in sizes))
    return rows


def _measures(design: Design, library: Any, result: Any, sizes: Sequence[str]) -> list[Any]:
    rows = [["point of measure [cm]", *sizes, "tolerance ±"]]
    for r in points_of_measure(design, library, sizes):
        rows.append([r["measure"], *(f"{r[s]:.1f}" for s in sizes), f"{r['tolerance']:g}"])
    return [
        _h(SECTIONS[2]),
        _p(
            "Measured flat on the finished vest, at the sew lines; graded as a pattern maker "
            "grades, from the size table. Tolerances are the house's: ±0.5 cm up to 20 cm, "
            "±1 cm above."
        ),
        _table(rows),
    ]


# ------------------------------------------------------------------ 4. construction


def _construction(design: Design, library: Any, result: Any, sizes: Sequence[str]) -> list[Any]:
    seams, finish = design.seams, design.finish
    stitch = library.stitches[seams.stitch]
    pattern = draft(design.body, design.options)
    thread = library.trims.get(seams.thread)
    rows = [["seam", "length [cm]", "stitch (ISO 4915)", "stitches per cm", "thread", "allowance"]]
    for seam in pattern.seams:
        rows.append(
            [
                seam.name.replace("/", " to "),
                f"{seam.length:.1f}",
                f"{stitch.id} {stitch.name}",
                f"{STITCHES_PER_CM:g}",
                thread.name if thread else "-",
                f"{seams.allowance_cm:g} cm",
            ]
        )
    counts = detail_counts(design)
    binding = library.trims.get(finish.binding)
    notes = [
        f"Seams: {seams.method}, stitch {stitch.id} ({stitch.name}), {seams.allowance_cm:g} cm "
        "allowance on each seamed edge."
        if seams.method == "stitched"
        else f"Seams: {seams.method}, tape {seams.tape}, {seams.allowance_cm:g} cm lap.",
        f"Edges: bound with {binding.name} ({finish.binding}), stitch "
        f"{finish.stitch} ({library.stitches[finish.stitch].name})."
        if binding
        else "Edges: raw (no binding).",
        f"Pocket openings: {counts['opening_finish']}.",
        f"Bar tacks: {counts['bar-tack']} (four where the straps join the back, two at each "
        "end of every pocket opening).",
        f"Stitch density {STITCHES_PER_CM:g} per cm is the house's choice for stretch knits "
        "(4-5 per cm is usual): set it with the factory.",
    ]
    return [_h(SECTIONS[3]), _table(rows), _space(), *(_p(n) for n in notes)]


# ------------------------------------------------------------------ 5. pockets


def _pockets(design: Design, library: Any, result: Any, sizes: Sequence[str]) -> list[Any]:
    counts = detail_counts(design)
    rows = [
        [
            "pocket",
            "place",
            "purpose",
            "w × h × gusset [cm]",
            "fabric",
            "closure",
            "opening",
            "capacity (nominal)",
        ]
    ]
    caps = {c.pocket.name: c for c in result.load_fit.capacities}
    for p in design.pockets:
        cap = caps.get(p.name)
        rows.append(
            [
                p.name,
                p.location,
                p.purpose,
                f"{p.width_cm:g} × {p.height_cm:g} × {p.gusset_cm:g}",
                library.fabrics[p.fabric].name,
                p.closure,
                counts["opening_finish"],
                f"{cap.nominal_l:.2f} L" if cap else "-",
            ]
        )
    marks = [_placement(piece, design) for piece in pieces(design, library) if piece.marks]
    return [
        _h(SECTIONS[4]),
        _table(rows),
        _space(),
        _p("Placement on the panels (marked on the pattern, internal lines):"),
        *(_p(m) for m in marks),
    ]


def _placement(piece: Any, design: Design) -> str:
    """A piece's pocket marks; a mirrored pair names the right piece's pockets too."""
    text = f"{piece.title}: " + ", ".join(m[0] for m in piece.marks)
    if not piece.mirrored:
        return text
    left = [m[0].removeprefix("pocket: ") for m in piece.marks]
    right = [
        p.name
        for p in design.pockets
        if p.location.endswith("-right")
        and any(q.name in left and q.location == p.location.replace("-right", "-left")
                for q in design.pockets)
    ]  # fmt: skip
    return text + (f" (on the mirrored right piece: {', '.join(right)})" if right else "")


# ------------------------------------------------------------------ 6. labels


def _labels(design: Design, library: Any, result: Any, sizes: Sequence[str]) -> list[Any]:
    counts = detail_counts(design)
    rows = [
        ["label", "content", "place"],
        ["brand / size", "brand, style name, size", "inside back, centred 3 cm below the neckline"],
        [
            "care and composition",
            "fibre content per fabric (EU 1007/2011), care symbols "
            "(ISO 3758), made in " + made_in(design, country_only=True),
            "inside left side seam, 5 cm above the hem",
        ],
        [
            "traceability",
            "batch and the origin of each material (section 7)",
            "on the care label's reverse",
        ],
    ]
    return [
        _h(SECTIONS[5]),
        _p(
            f"{counts['label']} labels and {counts['logo']:g} cm² of printed logo are counted "
            "in the weight. The places below are the house's proposal."
        ),
        _table(rows, (40, 80, 60)),
    ]


# ------------------------------------------------------------------ 7. supply chain


def supply_rows(design: Design, library: Any, result: Any) -> list[list[str]]:
    """Every material: its maker or mill, country and where each stage happens (as
    sourced), and where the figures come from."""
    from packcalc.footprint_data import read_footprint
    from packcalc.lifecycle import chain_of, fabric_places
    from packcalc.supply import bill_of_materials

    data = read_footprint()
    chain = chain_of(data, "as-sourced")
    rows = [
        [
            "material",
            "maker / mill",
            "stages (fibre → spinning → forming → dyeing → finishing)",
            "source of the figures",
        ]
    ]
    for row in bill_of_materials(result, library):
        if row["kind"] == "allowance":
            continue  # the pocket making is in its fabric, listed above
        if row["kind"] == "fabric":
            fabric = library.fabrics[row["id"]]
            origin = dict(fabric.origin)
            places = fabric_places(fabric, chain, data)
            known = "known" if origin.get("country") else "not published: typical chain"
            stages = " → ".join(
                places[s] for s in ("fibre", "spinning", "forming", "dyeing", "finishing")
            )
            record = fabric
        else:
            record = library.trims[row["id"]]
            origin, stages, known = {}, "not published", ""
        maker = origin.get("mill") or origin.get("region") or "not published"
        source = _sources_in_brief(record.provenance.sources) or record.provenance.note
        rows.append(
            [
                f"{row['name']} ({row['id']})",
                maker,
                f"{stages} ({known})" if known else stages,
                source,
            ]
        )
    return rows


def _sources_in_brief(sources: Sequence[str], limit: int = 240) -> str:
    """A record's sources whole, as many as fit in ``limit`` characters, and how many more
    the materials library holds (never a source cut in the middle)."""
    shown: list[str] = []
    for source in sources:
        if shown and len("; ".join([*shown, source])) > limit:
            break
        shown.append(source)
    more = len(sources) - len(shown)
    return "; ".join(shown) + (f"; and {more} more in the materials library" if more else "")


def _supply(design: Design, library: Any, result: Any, sizes: Sequence[str]) -> list[Any]:
    return [
        _h(SECTIONS[6]),
        _p(
            "Where every material comes from, as far as its maker publishes it; where it does "
            "not, the stages follow a typical chain (Taiwanese mills, Chinese yarn) and say so."
        ),
        _table(supply_rows(design, library, result), (45, 30, 55, 50)),
    ]


# ------------------------------------------------------------------ 8. footprint


def _footprint(design: Design, library: Any, result: Any, sizes: Sequence[str]) -> list[Any]:
    from packcalc.footprint_data import read_footprint
    from packcalc.lifecycle import STAGE_ORDER, compare

    data = read_footprint()
    scenarios = compare(result, library, data=data, chains=list(data.chains))
    rows = [["supply chain", "kg CO2e (P5-P95)", "kg CO2e per kg", *STAGE_ORDER]]
    for s in scenarios:
        by = s.by_stage()
        low, high = s.co2e_band_kg
        rows.append(
            [
                s.name,
                f"{s.co2e_kg:.2f} ({low:.2f}-{high:.2f})",
                f"{s.co2e_per_kg_product:.1f}",
                *(f"{by[k] * 1000:.0f}" for k in STAGE_ORDER),
            ]
        )
    return [
        _h(SECTIONS[7]),
        _p(
            "Cradle to gate (end of life is not counted), per vest, in kg CO2e; stages in g. "
            "Process energy: Carbonfact's open LCA database (CC BY-SA 4.0, "
            "github.com/carbonfact/lca-database-footwear-apparel); grid: Ember (CC BY 4.0); "
            "heat mixes and distances: Ecobalyse (MIT); fibres: cited studies and the UK "
            "government's conversion factors (OGL v3.0)."
        ),
        _table(rows),
    ]
