"""The pattern at 1:1 in millimetres, as SVG or as PDF pages (A4 tiles or A0 sheets), with
page marks and a 10 cm test square, so that a print at 100 % can be checked with a ruler.

Pieces are laid out in rows, grain lines vertical, each with its cut line (solid), sew
line (dashed), notches, grain arrow, placement marks (dotted) and its text: name, size,
cut quantity and fabric, sized to fit inside the piece.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from packcalc.cutting import Piece, pieces

MM = 10.0  # mm per cm
GAP_MM = 15.0
TEST_SQUARE_MM = 100.0
PAPER_MM = {"A4": (210.0, 297.0), "A0": (841.0, 1189.0)}
MARGIN_MM = 10.0  # printers leave about this much blank


@dataclass(frozen=True)
class Placed:
    """A piece at its place on the sheet [mm], y down (as on paper)."""

    piece: Piece
    dx: float
    dy: float  # the piece's top-left corner on the sheet

    def xy(self, point: Sequence[float]) -> tuple[float, float]:
        """A piece point [cm, y up] on the sheet [mm, y down]."""
        minx, _, _, maxy = _bounds(self.piece.cut_line)
        return self.dx + (point[0] - minx) * MM, self.dy + (maxy - point[1]) * MM


def layout(items: Sequence[Piece], width_mm: float) -> tuple[list[Placed], float, float]:
    """Pieces in rows of at most ``width_mm``, below a strip for the title and the test
    square; returns them with the sheet's width and height [mm]."""
    top = TEST_SQUARE_MM + 2 * GAP_MM
    x, y, row, width = GAP_MM, top, 0.0, 0.0
    placed = []
    for piece in items:
        minx, miny, maxx, maxy = _bounds(piece.cut_line)
        w, h = (maxx - minx) * MM, (maxy - miny) * MM
        if x + w > width_mm - GAP_MM and x > GAP_MM:
            x, y, row = GAP_MM, y + row + GAP_MM, 0.0
        placed.append(Placed(piece, x, y))
        x += w + GAP_MM
        row = max(row, h)
        width = max(width, x)
    return placed, max(width, TEST_SQUARE_MM + 2 * GAP_MM + 120.0), y + row + GAP_MM


def _bounds(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def text_lines(piece: Piece, fabric: Any) -> list[str]:
    """Name; size and quantity; fabric code and weight; the piece's note."""
    lines = [
        piece.title,
        f"size {piece.size} · {piece.cut_text}",
        f"{fabric.id}, {fabric.areal_density_gsm:.0f} g/m²",
    ]
    return lines + ([piece.note] if piece.note else [])


LINE_SPACING = 1.25
CHAR_WIDTH = 0.55  # mean character width of Helvetica, per unit of text height


def text_box_mm(lines: Sequence[str], size: float) -> tuple[float, float]:
    """Width and height of a block of lines of text of height ``size`` [mm]."""
    width = max(len(line) for line in lines) * CHAR_WIDTH * size + size
    return width, len(lines) * size * LINE_SPACING + 0.3 * size


def text_size_mm(piece: Piece, lines: Sequence[str]) -> float:
    """A text height that keeps the piece's text inside it: the longest line within 80 %
    of the piece's width at its label point, and at most 5 mm."""
    minx, _, maxx, _ = _bounds(piece.sew_line)
    width = (maxx - minx) * MM * 0.8
    longest = max(len(line) for line in lines)
    return max(1.8, min(5.0, width / (CHAR_WIDTH * longest)))


# ------------------------------------------------------------------ SVG


def pattern_svg(design: Any, library: Any, size: str | None = None, paper: str = "A4") -> str:
    """The pattern at 1:1 as SVG (width and height in mm), with the tiles of ``paper``
    drawn as thin lines and numbered, and a 10 cm test square."""
    items = pieces(design, library, size)
    placed, width, height = layout(items, 800.0 if paper == "A4" else PAPER_MM["A0"][0])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}mm" height="{height:.1f}mm" '
        f'viewBox="0 0 {width:.1f} {height:.1f}" font-family="Helvetica, Arial, sans-serif">',
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    out += _svg_header(design, items)
    out += _svg_tiles(width, height, paper)
    for p in placed:
        out += _svg_piece(p, library.fabrics[p.piece.fabric])
    out.append("</svg>")
    return "\n".join(out)


def _svg_header(design: Any, items: Sequence[Piece]) -> list[str]:
    s = TEST_SQUARE_MM
    return [
        f'<rect x="{GAP_MM}" y="{GAP_MM}" width="{s}" height="{s}" fill="none" stroke="black" '
        'stroke-width="0.4"/>',
        f'<text x="{GAP_MM + s / 2}" y="{GAP_MM + s / 2}" font-size="5" text-anchor="middle">'
        "10 cm × 10 cm</text>",
        f'<text x="{GAP_MM + s / 2}" y="{GAP_MM + s / 2 + 7}" font-size="3.5" '
        'text-anchor="middle">print at 100 %: measure it</text>',
        f'<text x="{2 * GAP_MM + s}" y="{GAP_MM + 8}" font-size="8">'
        f"{escape(design.name)}, size {escape(items[0].size if items else '')}</text>",
        f'<text x="{2 * GAP_MM + s}" y="{GAP_MM + 16}" font-size="4">cut line solid · sew line '
        "dashed · notches at the cut line · grain arrow · placement dotted</text>",
    ]


def _svg_tiles(width: float, height: float, paper: str) -> list[str]:
    tile_w, tile_h = (d - 2 * MARGIN_MM for d in PAPER_MM[paper])
    out = []
    for row, col, x, y in _tiles(width, height, tile_w, tile_h):
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{tile_w}" height="{tile_h}" '
            'fill="none" stroke="#bbbbbb" stroke-width="0.2"/>'
        )
        out.append(
            f'<text x="{x + 3:.1f}" y="{y + 6:.1f}" font-size="4" fill="#999999">'
            f"{_tile_label(row, col)}</text>"
        )
    return out


def _tiles(width: float, height: float, tile_w: float, tile_h: float) -> list[tuple]:
    cols, rows = math.ceil(width / tile_w), math.ceil(height / tile_h)
    return [(r, c, c * tile_w, r * tile_h) for r in range(rows) for c in range(cols)]


def _tile_label(row: int, col: int) -> str:
    return f"{chr(ord('A') + row)}{col + 1}"


def _svg_piece(p: Placed, fabric: Any) -> list[str]:
    piece = p.piece

    def path(points: Sequence[tuple[float, float]]) -> str:
        return " ".join(f"{x:.2f},{y:.2f}" for x, y in (p.xy(q) for q in points))

    out = [
        f'<g id="{escape(piece.id)}">',
        f'<polygon points="{path(piece.cut_line)}" fill="none" stroke="black" stroke-width="0.5"/>',
        f'<polygon points="{path(piece.sew_line)}" fill="none" stroke="black" '
        'stroke-width="0.3" stroke-dasharray="3 2"/>',
    ]
    for notch in piece.notches:
        (x1, y1), (x2, y2) = (p.xy(q) for q in notch.segment())
        out.append(
            f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" '
            'stroke="black" stroke-width="0.5"/>'
        )
    (gx1, gy1), (gx2, gy2) = (p.xy(q) for q in piece.grain)
    out.append(
        f'<line x1="{gx1:.2f}" y1="{gy1:.2f}" x2="{gx2:.2f}" y2="{gy2:.2f}" '
        'stroke="black" stroke-width="0.4"/>'
    )
    out.append(_arrow_head(gx1, gy1, gx2, gy2) + _arrow_head(gx2, gy2, gx1, gy1))
    for _label, line in piece.marks:
        out.append(
            f'<polygon points="{path(line)}" fill="none" stroke="#555555" '
            'stroke-width="0.3" stroke-dasharray="1 1.5"/>'
        )
    lines = text_lines(piece, fabric)
    size = text_size_mm(piece, lines)
    x, y = p.xy(piece.label_point)
    w, h = text_box_mm(lines, size)
    top = y - h / 2
    # A white box under the text: the grain line and marks pass behind it.
    out.append(
        f'<rect x="{x - w / 2:.1f}" y="{top:.1f}" width="{w:.1f}" height="{h:.1f}" fill="white"/>'
    )
    for i, line in enumerate(lines):
        weight = ' font-weight="bold"' if i == 0 else ""
        baseline = top + (i + 0.85) * size * LINE_SPACING
        out.append(
            f'<text x="{x:.1f}" y="{baseline:.1f}" font-size="{size:.1f}" '
            f'text-anchor="middle"{weight}>{escape(line)}</text>'
        )
    out.append("</g>")
    return out


def _arrow_head(x1: float, y1: float, x2: float, y2: float) -> str:
    """A small filled head at (x2, y2) of the line from (x1, y1)."""
    angle = math.atan2(y2 - y1, x2 - x1)
    pts = [(x2, y2)] + [
        (x2 - 4 * math.cos(angle + s), y2 - 4 * math.sin(angle + s)) for s in (0.4, -0.4)
    ]
    return '<polygon points="' + " ".join(f"{a:.2f},{b:.2f}" for a, b in pts) + '" fill="black"/>'


# ------------------------------------------------------------------ PDF


def pattern_pdf(
    design: Any, library: Any, sizes: Sequence[str | None] = (None,), paper: str = "A4"
) -> bytes:
    """The pattern at 1:1 as PDF, each size in turn: A4 tiles (each page a numbered tile
    with its neighbours named and marks at the corners, to tape together) or A0 sheets."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    page_w, page_h = PAPER_MM[paper]
    tile_w, tile_h = page_w - 2 * MARGIN_MM, page_h - 2 * MARGIN_MM
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(page_w * mm, page_h * mm))
    pdf.setTitle(f"{design.name}: pattern at 1:1")
    for size in sizes:
        items = pieces(design, library, size)
        placed, width, height = layout(items, 800.0 if paper == "A4" else tile_w)
        tiles = _tiles(width, height, tile_w, tile_h)
        grid = (max(t[0] for t in tiles) + 1, max(t[1] for t in tiles) + 1)
        for row, col, x0, y0 in tiles:
            page = (row, col, *grid)
            paper_mm = (page_w, page_h, tile_w, tile_h)
            _pdf_page(pdf, design, items, placed, library, page, x0, y0, paper_mm)
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _pdf_page(
    pdf: Any,
    design: Any,
    items: Sequence[Piece],
    placed: Sequence[Placed],
    library: Any,
    grid: tuple[int, int, int, int],
    x0: float,
    y0: float,
    paper: tuple[float, float, float, float],
) -> None:
    from reportlab.lib.units import mm

    row, col, rows, cols = grid
    page_w, page_h, tile_w, tile_h = paper

    def xy(x: float, y: float) -> tuple[float, float]:
        """Sheet [mm, y down] → this page [pt, y up]."""
        return (MARGIN_MM + x - x0) * mm, (page_h - MARGIN_MM - (y - y0)) * mm

    pdf.saveState()
    clip = pdf.beginPath()
    clip.rect(MARGIN_MM * mm, MARGIN_MM * mm, tile_w * mm, tile_h * mm)
    pdf.clipPath(clip, stroke=0, fill=0)
    if row == 0 and col == 0:
        _pdf_header(pdf, design, items, xy)
    for p in placed:
        _pdf_piece(pdf, p, library.fabrics[p.piece.fabric], xy)
    pdf.restoreState()
    size = f"size {items[0].size}" if items else ""
    _pdf_marks(pdf, size, row, col, rows, cols, page_w, page_h, tile_w, tile_h)


def _pdf_header(pdf: Any, design: Any, items: Sequence[Piece], xy: Any) -> None:
    from reportlab.lib.units import mm

    s = TEST_SQUARE_MM
    x, y = xy(GAP_MM, GAP_MM + s)
    pdf.setLineWidth(0.4 * mm)
    pdf.rect(x, y, s * mm, s * mm)
    pdf.setFont("Helvetica", 12)
    cx, cy = xy(GAP_MM + s / 2, GAP_MM + s / 2)
    pdf.drawCentredString(cx, cy, "10 cm x 10 cm")
    pdf.setFont("Helvetica", 8)
    pdf.drawCentredString(cx, cy - 12, "print at 100 %: measure it")
    tx, ty = xy(2 * GAP_MM + s, GAP_MM + 8)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(tx, ty, f"{design.name}, size {items[0].size if items else ''}")


def _pdf_piece(pdf: Any, p: Placed, fabric: Any, xy: Any) -> None:
    from reportlab.lib.units import mm

    piece = p.piece

    def poly(points: Sequence[tuple[float, float]], dash: Sequence[float] = ()) -> None:
        path = pdf.beginPath()
        first = True
        for q in points:
            x, y = xy(*p.xy(q))
            if first:
                path.moveTo(x, y)
                first = False
            else:
                path.lineTo(x, y)
        path.close()
        pdf.setDash([d * mm for d in dash]) if dash else pdf.setDash()
        pdf.drawPath(path, stroke=1, fill=0)

    pdf.setLineWidth(0.5 * mm)
    poly(piece.cut_line)
    pdf.setLineWidth(0.3 * mm)
    poly(piece.sew_line, (3, 2))
    pdf.setDash()
    for line in [notch.segment() for notch in piece.notches] + [piece.grain]:
        (x1, y1), (x2, y2) = (xy(*p.xy(q)) for q in line)
        pdf.line(x1, y1, x2, y2)
    for _label, line in piece.marks:
        poly(line, (1, 1.5))
    pdf.setDash()
    (a, b), (c, d) = (p.xy(q) for q in piece.grain)
    for tip, tail in (((c, d), (a, b)), ((a, b), (c, d))):
        _pdf_arrow_head(pdf, xy, tail, tip)
    lines = text_lines(piece, fabric)
    size = text_size_mm(piece, lines)
    cx, cy = p.xy(piece.label_point)
    w, h = text_box_mm(lines, size)
    x0, y0 = xy(cx - w / 2, cy + h / 2)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.rect(x0, y0, w * mm, h * mm, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    for i, text in enumerate(lines):
        pdf.setFont("Helvetica-Bold" if i == 0 else "Helvetica", size * mm)
        x, y = xy(cx, cy - h / 2 + (i + 0.85) * size * LINE_SPACING)
        pdf.drawCentredString(x, y, text)


def _pdf_arrow_head(pdf: Any, xy: Any, tail: tuple, tip: tuple) -> None:
    angle = math.atan2(tip[1] - tail[1], tip[0] - tail[0])
    corners = [tip] + [
        (tip[0] - 4 * math.cos(angle + s), tip[1] - 4 * math.sin(angle + s)) for s in (0.4, -0.4)
    ]
    path = pdf.beginPath()
    path.moveTo(*xy(*corners[0]))
    for corner in corners[1:]:
        path.lineTo(*xy(*corner))
    path.close()
    pdf.drawPath(path, stroke=0, fill=1)


def _pdf_marks(
    pdf: Any,
    size: str,
    row: int,
    col: int,
    rows: int,
    cols: int,
    page_w: float,
    page_h: float,
    tile_w: float,
    tile_h: float,
) -> None:
    """The tile's frame, corner marks, its label and its neighbours' labels."""
    from reportlab.lib.units import mm

    pdf.setLineWidth(0.2 * mm)
    pdf.setDash([2 * mm, 2 * mm])
    pdf.rect(MARGIN_MM * mm, MARGIN_MM * mm, tile_w * mm, tile_h * mm)
    pdf.setDash()
    for cx in (MARGIN_MM, MARGIN_MM + tile_w):
        for cy in (MARGIN_MM, MARGIN_MM + tile_h):
            pdf.line((cx - 4) * mm, cy * mm, (cx + 4) * mm, cy * mm)
            pdf.line(cx * mm, (cy - 4) * mm, cx * mm, (cy + 4) * mm)
    pdf.setFont("Helvetica", 9)
    label = _tile_label(row, col)
    pdf.drawString(
        MARGIN_MM * mm,
        (page_h - MARGIN_MM + 3) * mm,
        f"{size}, page {label} ({row * cols + col + 1} of {rows * cols}): join the pages "
        "along the dashed frame",
    )
    neighbours = {"right": (row, col + 1), "below": (row + 1, col)}
    text = ", ".join(
        f"{where}: {_tile_label(r, c)}"
        for where, (r, c) in neighbours.items()
        if r < rows and c < cols
    )
    if text:
        pdf.drawRightString((page_w - MARGIN_MM) * mm, (MARGIN_MM - 6) * mm, text)
