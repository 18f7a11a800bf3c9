"""From the calculator to the cutting room: pattern pieces, DXF read back with ezdxf,
SVG and PDF at 1:1, technical flats, the tech pack read back, and the bill of materials
on the command line."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import xml.etree.ElementTree as ET

import ezdxf
import pypdf
import pytest
from shapely.geometry import LineString, Point, Polygon

from packcalc.cli import main
from packcalc.cutting import pieces
from packcalc.design import load_design
from packcalc.estimator import estimate
from packcalc.export.dxf import dxf_text, pattern_document
from packcalc.export.flats import LEGEND, flats_svg
from packcalc.export.sheets import pattern_pdf, pattern_svg
from packcalc.export.techpack import SECTIONS, techpack_pdf
from packcalc.library import load_library
from packcalc.supply import BOM_COLUMNS, bill_of_materials

LIB = load_library()
PRESETS = ["ultra-minimal", "race-5l", "ultra-12l"]
SIZES = list(LIB.sizes)
logging.getLogger("ezdxf").setLevel(logging.ERROR)


def model_areas(design):
    """Each drafted or pocket piece's area in the weight model [cm²], one layer."""
    result = estimate(design, library=LIB, band_samples=100)
    areas = {}
    for part in result.parts:
        if part.category == "panel":
            spec = design.panel_spec(part.label, part.label.split("-")[0])
            areas[part.label] = part.area_m2 * 1e4 / spec.layers
        elif part.category == "pocket":
            areas["pocket-" + part.label.removeprefix("pocket: ").replace(" ", "-")] = (
                part.area_m2 * 1e4
            )
    return areas


# ------------------------------------------------------------------ pieces


@pytest.mark.parametrize("name", PRESETS)
def test_pieces_as_a_pattern_maker_hands_them_over(name):
    design = load_design(name)
    items = pieces(design, LIB)
    areas = model_areas(design)
    for piece in items:
        sew, cut = Polygon(piece.sew_line), Polygon(piece.cut_line)
        assert sew.is_valid and cut.is_valid and cut.contains(sew.buffer(-1e-6))
        assert piece.cut >= 1 and piece.grain[0] != piece.grain[1]
        assert LIB.fabrics[piece.fabric]
        # Notches sit on the cut line and cut inward.
        ring = LineString(piece.cut_line)
        for notch in piece.notches:
            assert ring.distance(Point(notch.x, notch.y)) < 1e-6
            tip = notch.segment()[1]
            assert sew.buffer(piece.allowance_cm + 1e-6).contains(Point(tip))
        key = piece.id if piece.id in areas else f"{piece.id}-left"
        assert piece.area_cm2 == pytest.approx(areas[key], rel=5e-3)
    ids = {p.id for p in items}
    assert {f"pocket-{p.name.replace(' ', '-')}" for p in design.pockets} <= ids


def test_left_and_right_are_one_mirrored_piece_when_they_match():
    race = {p.id: p for p in pieces(load_design("race-5l"), LIB)}
    # The fronts carry different pockets (phone left, gels right): two pieces.
    assert {"front-left", "front-right"} <= set(race) and "front" not in race
    assert race["strap"].mirrored and race["strap"].cut == 2 * 2  # two layers, a pair
    assert race["strap"].cut_text == "cut 4, mirrored pairs"
    assert race["back"].cut_text == "cut 1"


def test_allowance_only_where_pieces_are_sewn():
    design = load_design("race-5l")
    back = next(p for p in pieces(design, LIB) if p.id == "back")
    seamed = sum(e.length for e in estimate(design).pattern.panel("back").edges
                 if e.kind == "seam")  # fmt: skip
    # Allowance strips on the seamed edges only (mitred corners add a little).
    extra = back.cut_area_cm2 - back.area_cm2
    assert seamed * 0.6 <= extra <= seamed * 0.6 * 1.1


# ------------------------------------------------------------------ DXF


def read_dxf(text):
    return ezdxf.read(io.StringIO(text))


@pytest.mark.parametrize("name", PRESETS)
def test_dxf_reads_back_as_named_graded_pieces(name):
    design = load_design(name)
    doc = read_dxf(dxf_text(pattern_document(design, LIB, SIZES)))
    blocks = {b.name: b for b in doc.blocks if not b.name.startswith("*")}
    for size in SIZES:
        expected = pieces(design.with_size(size), LIB)
        areas = model_areas(design.with_size(size))
        for piece in expected:
            block = blocks[f"{piece.id}_{size}"]
            layers = {e.dxf.layer for e in block}
            assert {"1", "2", "4", "7", "14"} <= layers
            boundary = [e for e in block if e.dxftype() == "POLYLINE" and e.dxf.layer == "1"]
            sew = [e for e in block if e.dxftype() == "POLYLINE" and e.dxf.layer == "14"]
            assert len(boundary) == len(sew) == 1 and boundary[0].is_closed
            points = [(v.dxf.location.x, v.dxf.location.y) for v in sew[0].vertices]
            area_cm2 = Polygon(points).area / 100.0  # mm² → cm²
            key = piece.id if piece.id in areas else f"{piece.id}-left"
            assert area_cm2 == pytest.approx(areas[key], rel=5e-3), (piece.id, size)
            texts = [e.dxf.text for e in block if e.dxftype() == "TEXT"]
            assert f"Size: {size}" in texts and f"Quantity: {piece.cut}" in texts
            assert any(t.startswith("Piece Name:") for t in texts)
            assert all(t.isascii() for t in texts)
    # The graded nest: every size of a piece inserted at one point along the x axis.
    inserts = [e for e in doc.modelspace() if e.dxftype() == "INSERT"]
    assert len(inserts) == len(blocks)


# ------------------------------------------------------------------ 1:1 SVG and PDF


def test_svg_is_one_to_one_in_millimetres():
    svg = pattern_svg(load_design("race-5l"), LIB)
    root = ET.fromstring(svg)
    width = float(root.get("width").removesuffix("mm"))
    view = [float(v) for v in root.get("viewBox").split()]
    assert view[2] == pytest.approx(width)  # one user unit is one millimetre
    square = next(r for r in root.iter("{http://www.w3.org/2000/svg}rect")
                  if r.get("width") == "100.0")  # fmt: skip
    assert square.get("height") == "100.0"
    assert "10 cm × 10 cm" in svg


@pytest.mark.parametrize("paper", ["A4", "A0"])
def test_pdf_prints_at_one_to_one(paper):
    pdf = pypdf.PdfReader(io.BytesIO(pattern_pdf(load_design("race-5l"), LIB, ["M"], paper)))
    width_mm, height_mm = {"A4": (210, 297), "A0": (841, 1189)}[paper]
    page = pdf.pages[0]
    assert float(page.mediabox.width) == pytest.approx(width_mm / 25.4 * 72, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(height_mm / 25.4 * 72, abs=0.5)
    # The 10 cm test square is a 283.46 pt square in the page's drawing commands.
    content = page.get_contents().get_data().decode("latin-1")
    assert re.search(r"283\.46\d* 283\.46\d* re", content)
    assert "10 cm x 10 cm" in page.extract_text()
    if paper == "A4":
        assert len(pdf.pages) > 1
        assert "page A1" in page.extract_text() and "right: A2" in page.extract_text()


# ------------------------------------------------------------------ flats


@pytest.mark.parametrize("name", PRESETS)
def test_flats_show_both_views_pockets_and_a_legend(name):
    design = load_design(name)
    svg = flats_svg(design)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "front view" in texts and "back view" in texts
    assert {p.name for p in design.pockets} <= set(texts)
    assert set(LEGEND.values()) <= set(texts)


# ------------------------------------------------------------------ tech pack


@pytest.mark.parametrize("name", ["race-5l", "ultra-12l"])
def test_techpack_answers_a_factorys_first_questions(name):
    design = load_design(name)
    pdf = pypdf.PdfReader(io.BytesIO(techpack_pdf(design, LIB)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    flat = re.sub(r"\s+", " ", text)
    assert len(pdf.pages) >= len(SECTIONS)
    for section in SECTIONS:
        assert section in flat, section
    for row in bill_of_materials(estimate(design, library=LIB), LIB):
        assert row["id"] in flat.replace("- ", "-").replace(" -", "-").replace(" ", ""), row["id"]
    for size in SIZES:
        assert size in flat
    assert "ISO 4915" in flat and "end of life" in flat and "CC BY-SA 4.0" in flat


# ------------------------------------------------------------------ commands


def test_commands_write_every_output(tmp_path, capsys):
    for argv, file in [
        (["pattern", "race-5l", "--size", "all", "--out"], "p.dxf"),
        (["pattern", "race-5l", "--out"], "p.svg"),
        (["pattern", "race-5l", "--size", "all", "--paper", "A0", "--out"], "p.pdf"),
        (["flats", "ultra-12l", "--out"], "f.svg"),
        (["techpack", "ultra-minimal", "--out"], "t.pdf"),
    ]:
        path = tmp_path / file
        assert main([*argv, str(path)]) == 0
        assert path.stat().st_size > 1000
    capsys.readouterr()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["pattern", "race-5l", "--size", "XXL", "--out", "x.dxf"], "--size: unknown size"),
        (["pattern", "race-5l", "--size", "all", "--out", "x.svg"], "an SVG holds one size"),
        (["pattern", "race-5l", "--format", "pdf"], "--out: a PDF is written to a file"),
        (["pattern", "race-5l", "--out", "x.txt"], "--format: give dxf, svg or pdf"),
    ],
)
def test_commands_refuse_bad_requests(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_bom_command_gives_the_apps_figures(tmp_path, capsys):
    design = load_design("race-5l").with_size("L")
    expected = bill_of_materials(estimate(design, library=LIB), LIB)
    assert main(["bom", "race-5l", "--size", "L", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == expected
    path = tmp_path / "bom.csv"
    assert main(["bom", "race-5l", "--size", "L", "--csv", str(path)]) == 0
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert list(rows[0]) == BOM_COLUMNS and len(rows) == len(expected)


def test_every_validation_vest_can_be_cut():
    # Any valid design: the 42 real vests of the validation set, written as designs.
    from packcalc.accuracy import read_validation_set

    for vest in read_validation_set():
        design = load_design(str(vest.design_path))
        items = pieces(design, LIB)
        assert items and all(p.cut_area_cm2 >= p.area_cm2 for p in items)
        assert "front view" in flats_svg(design)
