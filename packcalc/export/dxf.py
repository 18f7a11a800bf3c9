"""The pattern as a DXF a pattern CAD reads: AAMA/ASTM D6673 layers, one block per piece
and size, written as DXF R12 with ezdxf (its ASTM-D6673 exporter leaves out the tables
and layout blocks that some CAD parsers refuse).

Layers [patro-dxf-astm] of ASTM D6673-10 [astm-d6673]: 1 piece boundary (the cut line) and piece
text, 2 turn points, 3 curve points, 4 notches, 7 grain line, 8 internal lines (pocket
placement, gusset folds: drawn, not cut), 14 sew line, 15 annotation text. Units:
millimetres. Text is 7-bit ASCII, as the convention asks.
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

import ezdxf
from ezdxf.addons import gerber_D6673

from packcalc.cutting import Piece, pieces

MM = 10.0  # mm per cm
TEXT_MM = 5.0
TURN_DEGREES = 20.0  # a change of direction above this is a turn point, below a curve point
LAYERS = {"boundary": "1", "turn": "2", "curve": "3", "notch": "4", "grain": "7",
          "internal": "8", "sew": "14", "annotation": "15"}  # fmt: skip


def ascii_text(text: str) -> str:
    """7-bit ASCII, as ASTM D6673 asks (Drôme → Drome, × → x, – → -)."""
    text = text.replace("×", "x").replace("–", "-").replace("—", "-").replace("²", "2")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def block_name(piece: Piece) -> str:
    return ascii_text(f"{piece.id}_{piece.size}").replace(" ", "-")


def pattern_document(design: Any, library: Any, sizes: Sequence[str]) -> Any:
    """An ezdxf R12 document: the style's text, then every piece of every size as a
    block; the sizes of one piece are inserted at one point (a graded nest)."""
    doc = ezdxf.new("R12")
    msp = doc.modelspace()
    style = [
        f"Style Name: {design.name}",
        f"Creation Date: {datetime.date.today().isoformat()}",
        "Author: packcalc",
        f"Sample Size: {design.size or 'custom'}",
        f"Grading: {', '.join(sizes)}",
        "Units: METRIC",
    ]
    for i, line in enumerate(style):
        _text(msp, line, (0.0, -20.0 - i * 8.0), LAYERS["boundary"])
    graded = {size: pieces(design, library, None if size == "custom" else size) for size in sizes}
    x = 0.0
    for index in range(len(graded[sizes[0]])):
        # Every size of a piece is inserted at the same point, aligned at the middle of
        # the bottom of its cut line: the graded nest a pattern maker checks.
        nest = [graded[size][index] for size in sizes]
        width = max(_bounds(p.cut_line)[2] - _bounds(p.cut_line)[0] for p in nest)
        for piece_size in nest:
            minx, miny, maxx, _ = _bounds(piece_size.cut_line)
            name = block_name(piece_size)
            _block(doc, name, piece_size)
            msp.add_blockref(name, (x + width / 2 - (minx + maxx) / 2, -miny))
        x += width + 40.0
    return doc


def _block(doc: Any, name: str, piece: Piece) -> None:
    block = doc.blocks.new(name=name)
    block.add_polyline2d(_mm(piece.cut_line[:-1]), close=True,
                         dxfattribs={"layer": LAYERS["boundary"]})  # fmt: skip
    block.add_polyline2d(_mm(piece.sew_line[:-1]), close=True,
                         dxfattribs={"layer": LAYERS["sew"]})  # fmt: skip
    for point, turn in _points(piece.cut_line):
        block.add_point(point, dxfattribs={"layer": LAYERS["turn" if turn else "curve"]})
    for notch in piece.notches:
        a, b = _mm(notch.segment())
        block.add_line(a, b, dxfattribs={"layer": LAYERS["notch"]})
    a, b = _mm(piece.grain)
    block.add_line(a, b, dxfattribs={"layer": LAYERS["grain"]})
    for _label, line in piece.marks:
        block.add_polyline2d(_mm(line[:-1]), close=True, dxfattribs={"layer": LAYERS["internal"]})
    x, y = _mm([piece.label_point])[0]
    lines = [
        (f"Piece Name: {piece.title}", LAYERS["boundary"]),
        (f"Size: {piece.size}", LAYERS["boundary"]),
        (f"Quantity: {piece.cut}", LAYERS["boundary"]),
        (f"Material: {piece.fabric}", LAYERS["boundary"]),
        (piece.cut_text, LAYERS["annotation"]),
    ]
    if piece.note:
        lines.append((piece.note, LAYERS["annotation"]))
    for i, (text, layer) in enumerate(lines):
        _text(block, text, (x, y - i * TEXT_MM * 1.4), layer)


def _text(layout: Any, text: str, at: tuple[float, float], layer: str) -> None:
    layout.add_text(ascii_text(text), dxfattribs={"layer": layer, "height": TEXT_MM}).set_placement(
        at
    )


def _mm(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(x * MM, y * MM) for x, y in points]


def _bounds(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] * MM for p in points], [p[1] * MM for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _points(ring: Sequence[tuple[float, float]]) -> list[tuple[tuple[float, float], bool]]:
    """Each vertex of a closed outline [mm], and whether it is a turn point (a corner)."""
    pts = list(ring[:-1])
    out = []
    for i, p in enumerate(pts):
        a, b = pts[i - 1], pts[(i + 1) % len(pts)]
        h1 = math.atan2(p[1] - a[1], p[0] - a[0])
        h2 = math.atan2(b[1] - p[1], b[0] - p[0])
        turn = abs((math.degrees(h2 - h1) + 180.0) % 360.0 - 180.0) > TURN_DEGREES
        out.append(((p[0] * MM, p[1] * MM), turn))
    return out


def dxf_text(doc: Any) -> str:
    """The document as ASTM-D6673 DXF text (R12, no tables, no layout blocks)."""
    stream = io.StringIO()
    gerber_D6673.export_stream(doc, stream)
    return stream.getvalue()
