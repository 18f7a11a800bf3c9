"""The materials library: the shipped data and the validation of bad data."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from numpy.testing import assert_allclose

from packcalc import PackcalcError
from packcalc.library import (
    CONSTRUCTIONS,
    DETAIL_IDS,
    PLACES,
    POCKET_PURPOSES,
    Fabric,
    load_library,
    read_library,
    record_as_dict,
)

# ----------------------------------------------------------------- the shipped library


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_library_sizes(library):
    assert len(library.fibres) >= 8
    assert len(library.fabrics) >= 20
    assert len(library.trims) >= 12
    assert len(library.items) >= 25
    assert len(library.stitches) >= 6
    assert library.loadlists


def test_required_fibres_present(library):
    for fibre in (
        "nylon-6",
        "nylon-6.6",
        "polyester",
        "polyester-recycled",
        "uhmwpe",
        "elastane",
        "polypropylene",
        "cotton",
        "wool",
    ):
        assert fibre in library.fibres


def test_every_record_has_a_source_or_an_assumption_note(library):
    for group in ("fibres", "fabrics", "trims", "stitches", "items", "loadlists"):
        for record in getattr(library, group).values():
            prov = record.provenance
            assert prov.sources or (prov.assumption and prov.note), (group, record.id)
            for source in prov.sources:
                # A source is a URL or a citation, not a bare reference tag.
                assert not re.fullmatch(r"\[S\d+[a-z]?\]", source), (record.id, source)


def test_fabrics_cover_the_designer_range(library):
    constructions = {f.construction for f in library.fabrics.values()}
    assert {"woven", "laminate", "knit", "warp-knit-mesh", "spacer-mesh"} <= constructions
    assert constructions <= set(CONSTRUCTIONS)
    names = " ".join(f"{f.id} {f.name}".lower() for f in library.fabrics.values())
    for word in ("dcf", "ultra", "x-pac", "ecopak", "silnylon", "power", "spacer", "tee"):
        assert word in names, word
    cotton_tees = [f for f in library.fabrics.values() if f.composition.get("cotton", 0) > 0.9]
    assert cotton_tees, "the cotton t-shirt jersey is the reference for 'as compressible as a tee'"


def test_fabric_values_are_physical(library):
    for fabric in library.fabrics.values():
        assert 5 < fabric.areal_density_gsm < 600, fabric.id
        assert math.isclose(sum(fabric.composition.values()), 1.0, abs_tol=1e-6)
        assert 0.8 < fabric.fibre_density_g_cm3 < 1.6, fabric.id
        for point in fabric.thickness:
            # A fabric cannot be denser than its fibres: φ = GSM / (1000 ρ t) ≤ 1.
            phi = fabric.areal_density_gsm / (
                1000 * fabric.fibre_density_g_cm3 * point.thickness_mm
            )
            assert 0 < phi <= 1, fabric.id


def test_structure_derived_areal_density(library):
    derived = [f for f in library.fabrics.values() if f.areal_density_derived]
    assert derived, "at least one fabric is given by its construction"
    for fabric in derived:
        assert fabric.structure is not None


def test_items_have_consistent_shapes(library):
    for item in library.items.values():
        if item.shape == "box":
            box = item.length_cm * item.width_cm * item.height_cm / 1000
        else:
            box = math.pi / 4 * item.diameter_cm**2 * item.length_cm / 1000
        # The stated packed volume must fit in its bounding shape (with a margin for rounding).
        assert item.volume_l <= box * 1.25 + 0.01, (item.id, item.volume_l, box)


def test_utmb_kit_is_in_the_library(library):
    utmb = [i for i in library.items.values() if "utmb" in i.mandatory]
    categories = {i.category for i in utmb}
    assert len(utmb) >= 12
    assert {"water", "food", "safety", "clothing"} <= categories


def test_record_as_dict_is_json_ready(library):
    import json

    fabric = next(iter(library.fabrics.values()))
    data = record_as_dict(fabric)
    json.dumps(data)
    assert {
        "id",
        "name",
        "construction",
        "composition",
        "areal_density_gsm",
        "thickness_mm",
        "source",
    } <= set(data)


def test_unknown_fabric_suggests_the_closest(library):
    some_id = next(iter(library.fabrics))
    with pytest.raises(PackcalcError, match=r"did you mean"):
        library.fabric(some_id[:-1] + "x", "panels[2].fabric")


# ----------------------------------------------------------------- validation of bad data

MINIMAL = {
    "fibres.toml": """
[[fibre]]
id = "nylon-6"
name = "Nylon 6"
density = "1.14 g/cm**3"
moisture_regain = 0.041
source = "Morton & Hearle (2008), Table 5.1"
""",
    "fabrics.toml": """
[[fabric]]
id = "ripstop"
name = "Ripstop"
construction = "woven"
composition = { "nylon-6" = 1.0 }
areal_density = "36 g/m**2"
thickness = [{ value = "0.08 mm", pressure = "4.14 kPa" }]
source = "https://example.org/ripstop"

[[fabric]]
id = "derived"
name = "20D x 330T"
construction = "woven"
composition = { "nylon-6" = 1.0 }
source = "reference sheet 2.1"
[fabric.structure]
kind = "woven"
ends_per_cm = 64.96
picks_per_cm = 64.96
warp = "20 denier"
weft = "20 denier"
""",
    "trims.toml": """
[[trim]]
id = "zip3"
name = "#3 coil chain"
kind = "zipper-chain"
linear_mass = "5 g/m"
assumption = true
note = "placeholder weight"
""",
    "stitches.toml": """
[[stitch]]
id = "301"
name = "lockstitch"
thread_ratio = 2.5
wastage = 0.125
source = "Coats stitch classification"
""",
    "items.toml": """
[[item]]
id = "gel"
name = "Gel"
category = "food"
mass = "32 g"
volume = "0.03 L"
shape = "box"
length = "11 cm"
width = "5 cm"
height = "1 cm"
rigid = false
reach_while_running = true
source = "https://example.org/gel"
""",
    "sizes.toml": """
[[size]]
id = "M"
chest = "96 cm"
back_length = "44 cm"
source = "example size chart"
""",
    "loadlists.toml": """
[[loadlist]]
id = "one-gel"
name = "One gel"
items = [{ id = "gel", quantity = 1 }]
source = "example"
""",
}


MINIMAL["packing.toml"] = (
    "\n".join(
        f"""[[class]]
id = "{c}"
gauge_phi = 0.26
gauge_pressure = "4.14 kPa"
modulus = "629 kPa"
fold_factor = 0.99
assumption = true
note = "test values"
"""
        for c in CONSTRUCTIONS
    )
    + """
[[anchor]]
id = "jacket"
role = "calibration"
description = "a stuffed jacket"
fibre = "nylon-6"
mass = "105 g"
volume_low = "0.355 L"
volume_high = "0.417 L"
pressure = "2 kPa"
source = "example"
"""
)
MINIMAL["garments.toml"] = """
[[garment]]
id = "tee"
name = "Tee"
fabric = "ripstop"
mass = "137 g"
size = "M"
source = "example"
"""


MINIMAL["placement.toml"] = "".join(
    f'[[purpose]]\nid = "{p}"\nname = "{p}"\nmade_for = ["other"]\nassumption = true\nnote = "x"\n'
    for p in POCKET_PURPOSES
) + "".join(f'[[place]]\nid = "{p}"\ncarriage = 1\nsource = "x"\n' for p in PLACES)
MINIMAL["details.toml"] = "".join(
    f'[[detail]]\nid = "{d}"\nname = "{d}"\nassumption = true\nnote = "none"\n' for d in DETAIL_IDS
)


def write_library(folder: Path, **changes: str) -> Path:
    for name, text in MINIMAL.items():
        (folder / name).write_text(changes.get(name.removesuffix(".toml"), text))
    return folder


def test_minimal_library_reads(tmp_path):
    lib = read_library(write_library(tmp_path))
    assert isinstance(lib.fabrics["ripstop"], Fabric)
    assert lib.fabrics["ripstop"].thickness_mm == 0.08
    # 20D × 330T at zero crimp → 28.9 g/m² ([msr-tent-fabrics], [textilecalculations-gsm]).
    assert_allclose(lib.fabrics["derived"].areal_density_gsm, 28.9, atol=0.05)
    assert lib.trims["zip3"].provenance.assumption


@pytest.mark.parametrize(
    ("recipe", "message"),
    [
        ('trims = [{ id = "zip9", length = "1 cm" }]', "details.label.trims[0].id: unknown trim"),
        ('trims = [{ id = "zip3", quantity = 2 }]', "'zip3' is counted by length"),
        ('trims = [{ id = "zip3", length = "1 kg" }]', "expected a length"),
        ('fabric_area = "3 cm"', "details.label.fabric_area: expected an area"),
    ],
)
def test_detail_errors_name_the_record(tmp_path, recipe, message):
    details = MINIMAL["details.toml"].replace('name = "label"', f'name = "label"\n{recipe}', 1)
    with pytest.raises(PackcalcError, match=re.escape(message)):
        read_library(write_library(tmp_path, details=details))
    without = MINIMAL["details.toml"].replace('id = "whistle"', 'id = "whistles"')
    with pytest.raises(PackcalcError, match=r"details\.toml: detail: missing: whistle"):
        read_library(write_library(tmp_path, details=without))


def _fabrics_with(body: str) -> str:
    return _fabrics_edit('areal_density = "36 g/m**2"', body)


def _fabrics_edit(old: str, new: str) -> str:
    """The minimal fabrics file with its first ``old`` replaced by ``new``."""
    return MINIMAL["fabrics.toml"].replace(old, new, 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"fabrics": _fabrics_with('areal_density = "45 kg"')},
            "fabrics.toml: fabrics.ripstop.areal_density: expected an areal density like "
            "'45 g/m**2', got '45 kg'",
        ),
        (
            {"fabrics": _fabrics_with('areal_density = "-3 g/m**2"')},
            "fabrics.ripstop.areal_density: expected a value greater than 0",
        ),
        (
            {"fabrics": _fabrics_with('areal_density = "nan g/m**2"')},
            "fabrics.ripstop.areal_density: expected a finite value",
        ),
        (
            {"fabrics": _fabrics_with("areal_density = 36")},
            "fabrics.ripstop.areal_density: expected an areal density like '45 g/m**2', "
            "got the bare number 36",
        ),
        (
            {"fabrics": _fabrics_edit('"nylon-6" = 1.0', '"nylon-66" = 1.0')},
            "fabrics.ripstop.composition.nylon-66: unknown fibre 'nylon-66' "
            "(did you mean 'nylon-6'?)",
        ),
        (
            {"fabrics": _fabrics_edit('"nylon-6" = 1.0', '"nylon-6" = 0.9')},
            "fabrics.ripstop.composition: shares must sum to 1, they sum to 0.9",
        ),
        (
            {"fabrics": _fabrics_edit('construction = "woven"\n', "")},
            "fabrics.ripstop.construction: missing required key",
        ),
        (
            {"fabrics": _fabrics_edit('construction = "woven"', 'construction = "wovn"')},
            "did you mean 'woven'",
        ),
        (
            {"fabrics": _fabrics_edit('source = "https://example.org/ripstop"', "")},
            "fabrics.ripstop.source: missing: every record needs a source",
        ),
        (
            {"fabrics": _fabrics_edit("areal_density =", "areal_densty =")},
            "fabrics.ripstop.areal_densty: unknown key (did you mean 'areal_density'?)",
        ),
        (
            {"fabrics": _fabrics_edit('pressure = "4.14 kPa"', 'pressure = "4.14 mm"')},
            "fabrics.ripstop.thickness[0].pressure: expected a pressure like '2 kPa'",
        ),
        (
            {"fabrics": _fabrics_edit('warp = "20 denier"', 'warp = "20 mm"')},
            "fabrics.derived.structure.warp: expected a linear density like '20 denier'",
        ),
        (
            {"fibres": MINIMAL["fibres.toml"].replace('"1.14 g/cm**3"', '"inf g/cm**3"')},
            "fibres.toml: fibres.nylon-6.density: expected a finite value",
        ),
        (
            {"fibres": MINIMAL["fibres.toml"] + MINIMAL["fibres.toml"]},
            "fibres.toml: fibres.nylon-6.id: duplicate id 'nylon-6'",
        ),
        (
            {"trims": MINIMAL["trims.toml"].replace('note = "placeholder weight"', "")},
            "trims.toml: trims.zip3.note: an assumption needs a note",
        ),
        (
            {
                "trims": MINIMAL["trims.toml"].replace(
                    'linear_mass = "5 g/m"', 'mass = "2 g"\nlinear_mass = "5 g/m"'
                )
            },
            "trims.toml: trims.zip3.mass: give exactly one of",
        ),
        (
            {"items": MINIMAL["items.toml"].replace('height = "1 cm"\n', "")},
            "items.toml: items.gel.height: missing required key",
        ),
        (
            {"items": MINIMAL["items.toml"].replace("rigid = false", 'rigid = "no"')},
            "items.toml: items.gel.rigid: expected true or false",
        ),
        (
            {"loadlists": MINIMAL["loadlists.toml"].replace('id = "gel"', 'id = "gell"')},
            "loadlists.one-gel.items[0].id: unknown item 'gell' (did you mean 'gel'?)",
        ),
        (
            {
                "stitches": MINIMAL["stitches.toml"].replace(
                    "thread_ratio = 2.5", "thread_ratio = 0"
                )
            },
            "stitches.toml: stitches.301.thread_ratio: expected a value greater than 0",
        ),
        (
            {"fabrics": "[[fabric]\nid = 'x'"},
            "fabrics.toml: malformed TOML",
        ),
        (
            {"packing": MINIMAL["packing.toml"].replace('id = "laminate"', 'id = "lamnate"')},
            "packing.toml: classes.lamnate.id: expected one of",
        ),
        (
            {
                "packing": MINIMAL["packing.toml"].replace(
                    "fold_factor = 0.99", "fold_factor = 1.5", 1
                )
            },
            "packing.toml: classes.woven.fold_factor: expected a value of at most 1",
        ),
        (
            {
                "packing": MINIMAL["packing.toml"].replace(
                    'volume_high = "0.417 L"', 'volume_high = "0.3 L"'
                )
            },
            "packing.toml: anchors.jacket.volume_high: expected volume_low ≤ volume_high",
        ),
        (
            {"packing": MINIMAL["packing.toml"].replace('fibre = "nylon-6"', 'fibre = "nylon"')},
            "packing.toml: anchors.jacket.fibre: unknown fibre 'nylon'",
        ),
        (
            {
                "garments": MINIMAL["garments.toml"].replace(
                    'fabric = "ripstop"', 'fabric = "ripstp"'
                )
            },
            "garments.toml: garments.tee.fabric: unknown fabric 'ripstp' (did you mean 'ripstop'?)",
        ),
    ],
)
def test_bad_data_is_reported_with_file_and_key(tmp_path, changes, message):
    write_library(tmp_path, **changes)
    with pytest.raises(PackcalcError) as err:
        read_library(tmp_path)
    text = str(err.value)
    assert message in text
    assert "\n" not in text


def test_missing_file(tmp_path):
    write_library(tmp_path)
    (tmp_path / "trims.toml").unlink()
    with pytest.raises(PackcalcError, match=r"trims\.toml: file not found"):
        read_library(tmp_path)
