"""The materials library: fibres, fabrics, trims, stitch types, load items and load lists.

The data lives in TOML files (``materials/*.toml``, format in ``materials/README.md``)
and is read into frozen records that carry their provenance. Everything is validated on
load: a missing key, an unknown fibre id, composition shares that do not sum to 1, a
negative or non-finite value or a value in the wrong unit is reported as a
:class:`~packcalc.errors.PackcalcError` naming the file and the key.

Dimensional values are stored in canonical units as plain floats (field names carry
the unit: ``areal_density_gsm``, ``thickness_mm``, ``mass_g``) so models can use them
without pint.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from packcalc.errors import PackcalcError, did_you_mean
from packcalc.units import check_number, parse_quantity

CONSTRUCTIONS = ("woven", "coated-woven", "laminate", "knit", "warp-knit-mesh", "spacer-mesh")
TRIM_KINDS = (
    "zipper-chain",
    "zipper-slider",
    "cord",
    "cord-lock",
    "hook",
    "buckle",
    "webbing",
    "binding",
    "elastic",
    "thread",
    "print",
    "seam-tape",
    "label",
    "other",
)
# The construction details a design's [details] block counts (materials/details.toml).
DETAIL_IDS = (
    "label", "logo", "bar-tack", "zip-puller", "zip-garage", "fold-over", "elastic-casing",
    "sternum-strap", "sternum-rail", "pole-loop", "hose-loop", "whistle", "side-adjuster",
    "compression-cord",
)  # fmt: skip
# What an item is, for the pockets made for it (materials/placement.toml).
ITEM_KINDS = (
    "flask", "bladder", "phone", "food", "cup", "light", "safety", "clothing", "accessory",
    "id", "poles", "other",
)  # fmt: skip
# The kind of an item that does not say: from its category.
KIND_OF_CATEGORY = {
    "water": "flask", "food": "food", "safety": "safety", "clothing": "clothing",
    "electronics": "phone", "light": "light", "other": "other",
}  # fmt: skip
POCKET_PURPOSES = ("flask", "phone", "nutrition", "stash", "main", "kangaroo", "bladder", "poles")
PLACES = ("back-main", "front", "back-outer", "side", "hip")
ITEM_CATEGORIES = ("water", "food", "safety", "clothing", "electronics", "light", "other")
ITEM_SHAPES = ("box", "cylinder")
ABRASION_METHODS = ("taber", "martindale")
SHARE_TOLERANCE = 1e-6

_PROVENANCE_KEYS = {"source", "assumption", "assumed", "note"}


@dataclass(frozen=True)
class Provenance:
    """Where a record's figures come from.

    ``sources`` lists URLs or citations; ``assumption`` is True when the record or some
    of its fields rest on no source, ``assumed_fields`` names those fields (empty when
    the whole record is assumed) and ``note`` says what the assumption is based on.
    """

    sources: tuple[str, ...]
    assumption: bool = False
    assumed_fields: tuple[str, ...] = ()
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": "; ".join(self.sources)}
        if self.assumption:
            out["assumption"] = True
            out["assumed"] = list(self.assumed_fields)
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Fibre:
    """A fibre or polymer: density [g/cm³], moisture regain [-], tensile modulus [GPa]."""

    id: str
    name: str
    density_g_cm3: float
    moisture_regain: float
    modulus_gpa: float | None
    provenance: Provenance


@dataclass(frozen=True)
class ThicknessPoint:
    """A fabric thickness [mm] measured under a pressure [kPa]."""

    thickness_mm: float
    pressure_kpa: float


# Where a fabric's stages happen, where known: ``country`` is the mill's (knitting or
# weaving); ``spun_in``, ``dyed_in``, ``finished_in`` and ``fibre_from`` are country codes;
# ``dyeing`` may say "solution-dyed" (no dyeing step).
ORIGIN_KEYS = ("country", "region", "mill", "spun_in", "dyed_in", "finished_in", "fibre_from",
               "dyeing")  # fmt: skip


@dataclass(frozen=True)
class Fabric:
    """A finished fabric as a designer buys it.

    ``areal_density_gsm`` is the finished areal density [g/m²], given or derived from
    ``structure`` (then ``areal_density_derived`` is True). ``fibre_density_g_cm3`` and
    ``moisture_regain`` are those of the blend (mass-share weighted), computed from the
    composition. ``stretch_warp`` / ``stretch_weft`` are strain limits [-] (None when
    unknown; 0 for a fabric that does not stretch). ``load_bearing``: a strap or a front
    that carries load may be cut from it. ``abrasion_cycles`` with its
    ``abrasion_method`` (``taber``, ASTM D3884, or ``martindale``, ISO 12947) and
    ``tear_n`` (the weaker direction) [N] where published, else None.
    """

    id: str
    name: str
    construction: str
    composition: Mapping[str, float]
    areal_density_gsm: float
    areal_density_derived: bool
    structure: Mapping[str, Any] | None
    thickness: tuple[ThicknessPoint, ...]
    stretch_warp: float | None
    stretch_weft: float | None
    origin: Mapping[str, str]
    fibre_density_g_cm3: float
    moisture_regain: float
    provenance: Provenance
    load_bearing: bool = False
    abrasion_cycles: float | None = None
    abrasion_method: str | None = None
    tear_n: float | None = None

    @property
    def thickness_mm(self) -> float | None:
        """Thickness at the lowest stated pressure [mm], or None when unknown."""
        if not self.thickness:
            return None
        return min(self.thickness, key=lambda p: p.pressure_kpa).thickness_mm


@dataclass(frozen=True)
class Trim:
    """A trim or hardware item. Exactly one of the three masses is set.

    ``mass_g`` per piece [g], ``linear_mass_g_m`` per length [g/m], ``areal_mass_gsm``
    per area [g/m²]; ``linear_density_tex`` for threads [tex]; ``rigid_volume_cm3``
    the part that does not compress [cm³].
    """

    id: str
    name: str
    kind: str
    mass_g: float | None
    linear_mass_g_m: float | None
    areal_mass_gsm: float | None
    linear_density_tex: float | None
    rigid_volume_cm3: float
    fibre: str | None
    provenance: Provenance


@dataclass(frozen=True)
class Stitch:
    """An ISO 4915 stitch type: thread length per seam length [-] and production wastage [-]."""

    id: str
    name: str
    thread_ratio: float
    wastage: float
    provenance: Provenance


@dataclass(frozen=True)
class Item:
    """A piece of the load: mass [g], packed volume [L], packed shape and size [cm]."""

    id: str
    name: str
    category: str
    mass_g: float
    volume_l: float
    shape: str
    length_cm: float
    width_cm: float | None
    height_cm: float | None
    diameter_cm: float | None
    rigid: bool
    reach_while_running: bool
    empty_mass_g: float | None
    capacity_l: float | None
    mandatory: tuple[str, ...]
    provenance: Provenance
    kind: str = "other"


@dataclass(frozen=True)
class LoadListEntry:
    item: str
    quantity: int


@dataclass(frozen=True)
class LoadList:
    """A named load: items and quantities."""

    id: str
    name: str
    items: tuple[LoadListEntry, ...]
    provenance: Provenance


@dataclass(frozen=True)
class Size:
    """A size label of the size table and the body it stands for [cm]."""

    id: str
    chest_cm: float
    back_length_cm: float
    provenance: Provenance


@dataclass(frozen=True)
class CompressionClass:
    """Defaults of the compression law for one construction class.

    ``gauge_phi`` [-] is the fibre volume fraction at ``gauge_pressure_kpa`` [kPa] for a
    fabric that states no thickness; ``modulus_kpa`` is A [kPa]; ``fold_factor`` [-]
    the folding/void factor of packed garments (``packcalc.packing``).
    """

    id: str
    gauge_phi: float
    gauge_pressure_kpa: float
    modulus_kpa: float
    fold_factor: float
    provenance: Provenance


@dataclass(frozen=True)
class PackingAnchor:
    """A published packed size used to calibrate or to validate the packing model.

    Either ``phi`` is given directly, or a mass [g] packed into a volume range [L] of a
    material of known density (``fibre``) or a library ``fabric`` (validation).
    """

    id: str
    role: str  # "calibration" or "validation"
    description: str
    pressure_kpa: float
    phi_given: float | None
    fibre: str | None
    fabric: str | None
    mass_g: float | None
    volume_low_l: float | None
    volume_high_l: float | None
    density_g_cm3: float | None
    provenance: Provenance

    @property
    def phi(self) -> float:
        """Packed solid fraction [-]: given, or mass / (density × mid volume)."""
        if self.phi_given is not None:
            return self.phi_given
        volume_cm3 = 500.0 * (self.volume_low_l + self.volume_high_l)
        return self.mass_g / (self.density_g_cm3 * volume_cm3)


@dataclass(frozen=True)
class Garment:
    """A reference garment (the t-shirts of the comparison): fabric and mass [g]."""

    id: str
    name: str
    fabric: str
    mass_g: float
    size: str
    provenance: Provenance


@dataclass(frozen=True)
class DetailTrim:
    """A trim a detail takes: ``quantity`` pieces, a ``length_cm`` [cm] or an ``area_cm2`` [cm²]."""

    trim: str
    quantity: float = 0.0
    length_cm: float = 0.0
    area_cm2: float = 0.0


@dataclass(frozen=True)
class Detail:
    """A construction detail (label, bar tack, zip puller, sternum strap, …): the trims
    one of it takes, the fabric it takes from the vest (``fabric_area_cm2`` per detail,
    ``fabric_width_cm`` per length of pocket opening), and for a strap across the front
    gap its ``strap`` trim and the ``overlap_cm`` added to the gap; for adjusters, their
    travel: ``min_gap_cm`` and ``let_out_cm`` of sternum straps, ``take_up_cm`` of a side
    adjuster [cm]."""

    id: str
    name: str
    trims: tuple[DetailTrim, ...]
    fabric_area_cm2: float
    fabric_width_cm: float
    strap: str | None
    overlap_cm: float
    provenance: Provenance
    min_gap_cm: float = 0.0  # sternum straps pulled in close the front gap to this
    let_out_cm: float = 0.0  # … and let out open it by this
    take_up_cm: float = 0.0  # a side adjuster cinched takes up this much girth


@dataclass(frozen=True)
class Purpose:
    """What a pocket of this purpose takes: a score per item kind (3 made for it, 2 good
    for it, 1 can take it, 0 not made for it)."""

    id: str
    name: str
    scores: Mapping[str, int]
    provenance: Provenance

    def score(self, kind: str) -> int:
        return self.scores.get(kind, 0)


@dataclass(frozen=True)
class Place:
    """How well a place on the vest carries weight (``carriage``: higher is better)."""

    id: str
    carriage: int
    provenance: Provenance


@dataclass(frozen=True)
class Calibration:
    """What the weight model cannot see, fitted on the calibration vests of the
    validation set (``packcalc.accuracy``): ``fabric_overhead`` [-] the share by which a
    finished vest's fabric outweighs the listed fabric, ``grams_per_pocket`` [g] what
    making a pocket adds beyond its fabric and closure, ``model_error`` [-] the standard
    deviation of the log of estimate over real weight, leave-one-out (a log-normal σ),
    and the vests it was fitted on;
    ``nominal_fill_kpa`` [kPa] the pressure a full pocket presses on its contents when a
    brand counts its litres, fitted on the same vests' capacities."""

    fabric_overhead: float
    grams_per_pocket: float
    model_error: float
    fitted_on: tuple[str, ...]
    provenance: Provenance
    accuracy: Mapping[str, float] = field(default_factory=dict)  # validate's summary figures
    nominal_fill_kpa: float = 1.3  # fitted on the brands' litres; a priori 'appropriate'


NO_CALIBRATION = Calibration(0.0, 0.0, 0.0, (), Provenance(("none",)))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one library, many uses
class Library:
    """Every record of the materials library, keyed by id."""

    fibres: Mapping[str, Fibre]
    fabrics: Mapping[str, Fabric]
    trims: Mapping[str, Trim]
    stitches: Mapping[str, Stitch]
    items: Mapping[str, Item]
    loadlists: Mapping[str, LoadList]
    sizes: Mapping[str, Size]
    compression: Mapping[str, CompressionClass]
    packing_anchors: Mapping[str, PackingAnchor]
    garments: Mapping[str, Garment]
    details: Mapping[str, Detail]
    purposes: Mapping[str, Purpose] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)
    calibration: Calibration = NO_CALIBRATION
    root: Path = field(default=Path("."), compare=False)

    def fabric(self, fabric_id: str, field_path: str = "fabric") -> Fabric:
        """The fabric ``fabric_id``, or a PackcalcError suggesting the closest ids."""
        return _lookup(self.fabrics, fabric_id, field_path, "fabric")

    def trim(self, trim_id: str, field_path: str = "trim") -> Trim:
        return _lookup(self.trims, trim_id, field_path, "trim")

    def item(self, item_id: str, field_path: str = "item") -> Item:
        return _lookup(self.items, item_id, field_path, "item")

    def stitch(self, stitch_id: str, field_path: str = "stitch") -> Stitch:
        return _lookup(self.stitches, stitch_id, field_path, "stitch type")

    def loadlist(self, loadlist_id: str, field_path: str = "loadlist") -> LoadList:
        return _lookup(self.loadlists, loadlist_id, field_path, "load list")


def _lookup(records: Mapping[str, Any], key: Any, field_path: str, what: str) -> Any:
    if isinstance(key, str) and key in records:
        return records[key]
    hint = did_you_mean(str(key), records)
    raise PackcalcError(field_path, f"unknown {what} {key!r}{hint}")


def materials_dir() -> Path:
    """The folder holding the library's TOML files.

    In an installed wheel the data ships inside the package (``packcalc/materials``);
    in a source checkout it is ``materials/`` at the top of the repository.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "materials", here.parent / "materials"):
        if (candidate / "fabrics.toml").is_file():
            return candidate
    raise PackcalcError("materials", f"no materials library found next to {here}")


# --------------------------------------------------------------------------- reading


class _Record:
    """One TOML table being validated: typed getters that name file, kind, id and key."""

    def __init__(self, data: Any, filename: str, kind: str, index: int, known: set[str]):
        if not isinstance(data, dict):
            raise PackcalcError(f"{filename}: {kind}[{index}]", "expected a table")
        self.data = data
        self.filename = filename
        self.kind = kind
        raw_id = data.get("id")
        label = raw_id if isinstance(raw_id, str) and raw_id else f"[{index}]"
        group = filename.removesuffix(".toml")  # fibres, fabrics, stitches, …
        self.prefix = f"{group}{label}" if label.startswith("[") else f"{group}.{label}"
        for key in data:
            if key not in known | _PROVENANCE_KEYS:
                hint = did_you_mean(key, known | _PROVENANCE_KEYS)
                raise PackcalcError(self.where(key), f"unknown key{hint}")

    def where(self, key: str) -> str:
        return f"{self.filename}: {self.prefix}.{key}"

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise PackcalcError(self.where(key), "missing required key")
        return self.data[key]

    def text(self, key: str, choices: tuple[str, ...] | None = None) -> str:
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            raise PackcalcError(self.where(key), f"expected a non-empty string, got {value!r}")
        if choices is not None and value not in choices:
            hint = did_you_mean(value, choices)
            raise PackcalcError(
                self.where(key), f"expected one of {', '.join(choices)}, got {value!r}{hint}"
            )
        return value

    def quantity(self, key: str, unit: str, *, allow_zero: bool = False) -> float:
        return parse_quantity(self.raw(key), unit, self.where(key), allow_zero=allow_zero)

    def optional_quantity(self, key: str, unit: str, *, allow_zero: bool = False) -> float | None:
        return self.quantity(key, unit, allow_zero=allow_zero) if self.has(key) else None

    def number(self, key: str, *, maximum: float | None = None, allow_zero: bool = True) -> float:
        return check_number(self.raw(key), self.where(key), maximum=maximum, allow_zero=allow_zero)

    def flag(self, key: str, default: bool | None = None) -> bool:
        if key not in self.data and default is not None:
            return default
        value = self.raw(key)
        if not isinstance(value, bool):
            raise PackcalcError(self.where(key), f"expected true or false, got {value!r}")
        return value

    def provenance(self) -> Provenance:
        source = self.data.get("source")
        if isinstance(source, str):
            sources: tuple[str, ...] = (source.strip(),) if source.strip() else ()
        elif isinstance(source, list) and all(isinstance(s, str) and s.strip() for s in source):
            sources = tuple(s.strip() for s in source)
        elif source is None:
            sources = ()
        else:
            raise PackcalcError(
                self.where("source"), f"expected a URL or citation string, got {source!r}"
            )
        assumption = self.flag("assumption", default=False)
        assumed = self.data.get("assumed", [])
        if not isinstance(assumed, list) or not all(isinstance(a, str) for a in assumed):
            raise PackcalcError(self.where("assumed"), f"expected a list of keys, got {assumed!r}")
        for name in assumed:
            if name not in self.data:
                raise PackcalcError(
                    self.where("assumed"), f"names {name!r}, which this record does not have"
                )
        note = self.data.get("note", "")
        if not isinstance(note, str):
            raise PackcalcError(self.where("note"), f"expected a string, got {note!r}")
        if assumed and not assumption:
            raise PackcalcError(self.where("assumption"), "must be true when 'assumed' is given")
        if assumption and not note.strip():
            raise PackcalcError(
                self.where("note"), "an assumption needs a note saying what it is based on"
            )
        if not sources and not assumption:
            raise PackcalcError(
                self.where("source"),
                "missing: every record needs a source, or assumption = true with a note",
            )
        return Provenance(sources, assumption, tuple(assumed), note.strip())


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise PackcalcError(path.name, "file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackcalcError(path.name, f"malformed TOML: {exc}") from None


def _records(path: Path, kind: str, known: set[str]) -> list[_Record]:
    data = _read_toml(path)
    for key in data:
        if key != kind:
            raise PackcalcError(
                f"{path.name}: {key}", f"unknown table, expected [[{kind}]] entries"
            )
    rows = data.get(kind, [])
    if not isinstance(rows, list):
        raise PackcalcError(f"{path.name}: {kind}", f"expected [[{kind}]] entries")
    records = [_Record(row, path.name, kind, i, known) for i, row in enumerate(rows)]
    seen: set[str] = set()
    for record in records:
        record_id = record.text("id")
        if record_id in seen:
            raise PackcalcError(record.where("id"), f"duplicate id {record_id!r}")
        seen.add(record_id)
    return records


def _read_fibres(path: Path) -> dict[str, Fibre]:
    known = {"id", "name", "density", "moisture_regain", "modulus"}
    fibres = {}
    for r in _records(path, "fibre", known):
        fibre = Fibre(
            id=r.text("id"),
            name=r.text("name"),
            density_g_cm3=r.quantity("density", "g/cm**3"),
            moisture_regain=r.number("moisture_regain", maximum=1.0),
            modulus_gpa=r.optional_quantity("modulus", "GPa"),
            provenance=r.provenance(),
        )
        fibres[fibre.id] = fibre
    return fibres


def _composition(r: _Record, fibres: Mapping[str, Fibre]) -> dict[str, float]:
    raw = r.raw("composition")
    if not isinstance(raw, dict) or not raw:
        raise PackcalcError(
            r.where("composition"), f"expected a table fibre id → share, got {raw!r}"
        )
    shares = {}
    for fibre_id, share in raw.items():
        place = f"{r.where('composition')}.{fibre_id}"
        _lookup(fibres, fibre_id, place, "fibre")
        shares[fibre_id] = check_number(share, place, maximum=1.0, allow_zero=False)
    total = sum(shares.values())
    if abs(total - 1.0) > SHARE_TOLERANCE:
        raise PackcalcError(r.where("composition"), f"shares must sum to 1, they sum to {total:g}")
    return shares


def _structure(r: _Record) -> tuple[float, dict[str, Any]]:
    from packcalc import textile  # the physics module; imported here to keep loading light

    raw = r.raw("structure")
    where = r.where("structure")
    if not isinstance(raw, dict):
        raise PackcalcError(where, f"expected a table, got {raw!r}")
    sub = _Record(
        raw,
        r.filename,
        "structure",
        0,
        {
            "kind",
            "ends_per_cm",
            "picks_per_cm",
            "warp",
            "weft",
            "warp_crimp",
            "weft_crimp",
            "courses_per_cm",
            "wales_per_cm",
            "loop_length",
            "yarn",
        },
    )
    sub.prefix = f"{r.prefix}.structure"
    kind = sub.text("kind", ("woven", "knit"))
    if kind == "woven":
        values = {
            "ends_per_cm": sub.number("ends_per_cm"),
            "picks_per_cm": sub.number("picks_per_cm"),
            "warp_tex": sub.quantity("warp", "tex"),
            "weft_tex": sub.quantity("weft", "tex"),
            "warp_crimp": sub.number("warp_crimp", maximum=1.0) if sub.has("warp_crimp") else 0.0,
            "weft_crimp": sub.number("weft_crimp", maximum=1.0) if sub.has("weft_crimp") else 0.0,
        }
        gsm = float(textile.woven_areal_density(**values))
    else:
        values = {
            "courses_per_cm": sub.number("courses_per_cm"),
            "wales_per_cm": sub.number("wales_per_cm"),
            "loop_length_mm": sub.quantity("loop_length", "mm"),
            "tex": sub.quantity("yarn", "tex"),
        }
        gsm = float(textile.knit_areal_density(**values))
    if not (math.isfinite(gsm) and gsm > 0):
        raise PackcalcError(where, f"gives a non-physical areal density {gsm!r} g/m²")
    return gsm, {"kind": kind, **values}


FABRIC_KEYS = {
    "id",
    "name",
    "construction",
    "composition",
    "areal_density",
    "structure",
    "thickness",
    "stretch",
    "origin",
    "load_bearing",
    "abrasion",
    "tear",
}


def _read_fabrics(path: Path, fibres: Mapping[str, Fibre]) -> dict[str, Fabric]:
    fabrics = {}
    for r in _records(path, "fabric", FABRIC_KEYS):
        fabric = _fabric(r, fibres)
        fabrics[fabric.id] = fabric
    return fabrics


def _fabric(r: Any, fibres: Mapping[str, Fibre]) -> Fabric:
    """One ``[[fabric]]`` record, each field checked by its own reader."""
    from packcalc.textile import blend_density  # volume additivity (harmonic mean)

    composition = _composition(r, fibres)
    gsm, structure = _areal_density(r)
    stretch = _stretch(r)
    abrasion = _abrasion(r)
    density = blend_density(
        list(composition.values()), [fibres[f].density_g_cm3 for f in composition]
    )
    return Fabric(
        id=r.text("id"),
        name=r.text("name"),
        construction=r.text("construction", CONSTRUCTIONS),
        composition=MappingProxyType(composition),
        areal_density_gsm=gsm,
        areal_density_derived=structure is not None,
        structure=MappingProxyType(structure) if structure else None,
        thickness=_thickness(r),
        stretch_warp=stretch.get("warp"),
        stretch_weft=stretch.get("weft"),
        origin=MappingProxyType(_origin(r)),
        fibre_density_g_cm3=float(density),
        moisture_regain=sum(s * fibres[f].moisture_regain for f, s in composition.items()),
        provenance=r.provenance(),
        load_bearing=r.flag("load_bearing", default=False),
        abrasion_cycles=abrasion.get("cycles"),
        abrasion_method=abrasion.get("method"),
        tear_n=r.optional_quantity("tear", "N"),
    )


def _areal_density(r: Any) -> tuple[float, dict[str, Any] | None]:
    """The areal density [g/m²] as given, or derived from the structure (and the latter)."""
    if r.has("areal_density") == r.has("structure"):
        raise PackcalcError(
            r.where("areal_density"), "give exactly one of 'areal_density' or 'structure'"
        )
    if r.has("areal_density"):
        return r.quantity("areal_density", "g/m**2"), None
    return _structure(r)


def _thickness(r: Any) -> tuple[ThicknessPoint, ...]:
    """Thickness under pressure: points sorted by pressure."""
    raw = r.data.get("thickness", [])
    if not isinstance(raw, list):
        raise PackcalcError(
            r.where("thickness"), "expected a list of { value = '0.6 mm', pressure = '4.14 kPa' }"
        )
    points = []
    for i, point in enumerate(raw):
        place = f"{r.where('thickness')}[{i}]"
        if not isinstance(point, dict) or set(point) != {"value", "pressure"}:
            raise PackcalcError(
                place, f"expected {{ value = '0.6 mm', pressure = '4.14 kPa' }}, got {point!r}"
            )
        points.append(
            ThicknessPoint(
                parse_quantity(point["value"], "mm", f"{place}.value"),
                parse_quantity(point["pressure"], "kPa", f"{place}.pressure"),
            )
        )
    return tuple(sorted(points, key=lambda p: p.pressure_kpa))


def _stretch(r: Any) -> dict[str, float]:
    stretch = r.data.get("stretch", {})
    if not isinstance(stretch, dict) or not set(stretch) <= {"warp", "weft"}:
        raise PackcalcError(
            r.where("stretch"), f"expected {{ warp = 0.1, weft = 0.8 }}, got {stretch!r}"
        )
    return {
        d: check_number(v, f"{r.where('stretch')}.{d}", maximum=10.0) for d, v in stretch.items()
    }


def _origin(r: Any) -> dict[str, str]:
    origin = r.data.get("origin", {})
    if not isinstance(origin, dict) or not all(isinstance(v, str) for v in origin.values()):
        raise PackcalcError(
            r.where("origin"), f"expected {{ country = 'FR', region = '…' }}, got {origin!r}"
        )
    for key in origin:
        if key not in ORIGIN_KEYS:
            hint = did_you_mean(key, ORIGIN_KEYS)
            raise PackcalcError(f"{r.where('origin')}.{key}", f"unknown key{hint}")
    return dict(origin)


def _abrasion(r: Any) -> dict[str, Any]:
    """Abrasion resistance: ``{"cycles": …, "method": …}``, or empty when not given."""
    abrasion = r.data.get("abrasion", {})
    if not isinstance(abrasion, dict) or (abrasion and set(abrasion) != {"cycles", "method"}):
        raise PackcalcError(
            r.where("abrasion"),
            f"expected {{ cycles = 4400, method = 'taber' }}, got {abrasion!r}",
        )
    if not abrasion:
        return {}
    if abrasion["method"] not in ABRASION_METHODS:
        raise PackcalcError(
            f"{r.where('abrasion')}.method",
            f"expected one of {', '.join(ABRASION_METHODS)}, got {abrasion['method']!r}",
        )
    cycles = check_number(abrasion["cycles"], f"{r.where('abrasion')}.cycles", allow_zero=False)
    return {"cycles": cycles, "method": abrasion["method"]}


def _read_trims(path: Path, fibres: Mapping[str, Fibre]) -> dict[str, Trim]:
    known = {
        "id",
        "name",
        "kind",
        "mass",
        "linear_mass",
        "areal_mass",
        "linear_density",
        "rigid_volume",
        "fibre",
        "origin",
    }
    trims = {}
    for r in _records(path, "trim", known):
        given = [k for k in ("mass", "linear_mass", "areal_mass") if r.has(k)]
        if len(given) != 1:
            raise PackcalcError(
                r.where("mass"),
                "give exactly one of 'mass' (per piece), 'linear_mass' (per metre) "
                f"or 'areal_mass' (per m²), got {given or 'none'}",
            )
        kind = r.text("kind", TRIM_KINDS)
        fibre = r.data.get("fibre")
        if fibre is not None:
            _lookup(fibres, fibre, r.where("fibre"), "fibre")
        if kind == "thread" and not r.has("linear_density"):
            raise PackcalcError(r.where("linear_density"), "a thread needs its size, like '40 tex'")
        trim = Trim(
            id=r.text("id"),
            name=r.text("name"),
            kind=kind,
            mass_g=r.optional_quantity("mass", "g"),
            linear_mass_g_m=r.optional_quantity("linear_mass", "g/m"),
            areal_mass_gsm=r.optional_quantity("areal_mass", "g/m**2"),
            linear_density_tex=r.optional_quantity("linear_density", "tex"),
            rigid_volume_cm3=r.optional_quantity("rigid_volume", "cm**3", allow_zero=True) or 0.0,
            fibre=fibre,
            provenance=r.provenance(),
        )
        trims[trim.id] = trim
    return trims


def _trim_uses(r: _Record, key: str, trims: Mapping[str, Trim]) -> tuple[DetailTrim, ...]:
    """A list of ``{ id, quantity | length | area }`` tables, checked against the trims."""
    raw = r.data.get(key, [])
    if not isinstance(raw, list):
        raise PackcalcError(r.where(key), "expected a list of { id = ..., quantity = ... } tables")
    uses = []
    for i, entry in enumerate(raw):
        where = f"{r.where(key)}[{i}]"
        if not isinstance(entry, dict) or "id" not in entry or len(entry) != 2:
            raise PackcalcError(where, "expected { id = ..., quantity | length | area = ... }")
        trim = _lookup(trims, entry["id"], f"{where}.id", "trim")
        if "quantity" in entry and trim.mass_g is not None:
            count = check_number(entry["quantity"], f"{where}.quantity", allow_zero=False)
            uses.append(DetailTrim(trim.id, quantity=count))
        elif "length" in entry and trim.linear_mass_g_m is not None:
            uses.append(DetailTrim(trim.id, length_cm=parse_quantity(entry["length"], "cm", where)))
        elif "area" in entry and trim.areal_mass_gsm is not None:
            uses.append(DetailTrim(trim.id, area_cm2=parse_quantity(entry["area"], "cm**2", where)))
        else:
            unit = "quantity" if trim.mass_g is not None else (
                "length" if trim.linear_mass_g_m is not None else "area"
            )  # fmt: skip
            raise PackcalcError(where, f"{trim.id!r} is counted by {unit}: give '{unit}'")
    return tuple(uses)


def _read_details(path: Path, trims: Mapping[str, Trim]) -> dict[str, Detail]:
    known = {"id", "name", "trims", "fabric_area", "fabric_width", "strap", "overlap",
             "min_gap", "let_out", "take_up"}  # fmt: skip
    details = {}
    for r in _records(path, "detail", known):
        strap = r.data.get("strap")
        if strap is not None:
            _lookup(trims, strap, r.where("strap"), "trim")
        detail = Detail(
            id=r.text("id"),
            name=r.text("name"),
            trims=_trim_uses(r, "trims", trims),
            fabric_area_cm2=r.optional_quantity("fabric_area", "cm**2") or 0.0,
            fabric_width_cm=r.optional_quantity("fabric_width", "cm") or 0.0,
            strap=strap,
            overlap_cm=r.optional_quantity("overlap", "cm", allow_zero=True) or 0.0,
            provenance=r.provenance(),
            min_gap_cm=r.optional_quantity("min_gap", "cm", allow_zero=True) or 0.0,
            let_out_cm=r.optional_quantity("let_out", "cm", allow_zero=True) or 0.0,
            take_up_cm=r.optional_quantity("take_up", "cm", allow_zero=True) or 0.0,
        )
        details[detail.id] = detail
    missing = sorted(set(DETAIL_IDS) - set(details))
    if missing:
        raise PackcalcError(f"{path.name}: detail", f"missing: {', '.join(missing)}")
    return details


def _read_placement(path: Path) -> tuple[dict[str, Purpose], dict[str, Place]]:
    """``placement.toml``: what each pocket purpose takes, how each place carries."""
    data = _read_toml(path)
    for key in data:
        if key not in ("purpose", "place"):
            raise PackcalcError(
                f"{path.name}: {key}", "unknown table, expected [[purpose]] or [[place]]"
            )
    purposes = {}
    known = {"id", "name", "made_for", "good_for", "can_take"}
    for i, row in enumerate(data.get("purpose", [])):
        r = _Record(row, path.name, "purpose", i, known)
        scores: dict[str, int] = {}
        for key, score in (("made_for", 3), ("good_for", 2), ("can_take", 1)):
            kinds = r.data.get(key, [])
            if not isinstance(kinds, list):
                raise PackcalcError(r.where(key), "expected a list of item kinds")
            for kind in kinds:
                if kind not in ITEM_KINDS:
                    hint = did_you_mean(str(kind), ITEM_KINDS)
                    raise PackcalcError(r.where(key), f"unknown item kind {kind!r}{hint}")
                if kind in scores:
                    raise PackcalcError(r.where(key), f"{kind!r} is listed twice")
                scores[kind] = score
        purpose = Purpose(r.text("id", POCKET_PURPOSES), r.text("name"), scores, r.provenance())
        purposes[purpose.id] = purpose
    places = {}
    for i, row in enumerate(data.get("place", [])):
        r = _Record(row, path.name, "place", i, {"id", "carriage"})
        place = Place(r.text("id", PLACES), int(r.number("carriage", maximum=10)), r.provenance())
        places[place.id] = place
    for kind, given, wanted in (("purpose", purposes, POCKET_PURPOSES), ("place", places, PLACES)):
        missing = [w for w in wanted if w not in given]
        if missing:
            raise PackcalcError(f"{path.name}: {kind}", f"missing: {', '.join(missing)}")
    return purposes, places


def _read_calibration(path: Path) -> Calibration:
    """``calibration.toml``: the fitted parameters (absent: no calibration)."""
    if not path.is_file():
        return NO_CALIBRATION
    known = {"fabric_overhead", "grams_per_pocket", "model_error", "nominal_fill_kpa",
             "fitted_on", "accuracy"}  # fmt: skip
    r = _Record(_read_toml(path), path.name, "calibration", 0, known)
    r.prefix = "calibration"
    fitted_on = r.data.get("fitted_on", [])
    if not isinstance(fitted_on, list) or not all(isinstance(v, str) for v in fitted_on):
        raise PackcalcError(r.where("fitted_on"), "expected a list of vest ids")
    return Calibration(
        fabric_overhead=r.number("fabric_overhead", maximum=1.0),
        grams_per_pocket=r.number("grams_per_pocket", maximum=50.0),
        model_error=r.number("model_error", maximum=1.0),
        fitted_on=tuple(fitted_on),
        provenance=r.provenance(),
        accuracy=_accuracy_table(r),
        nominal_fill_kpa=r.number("nominal_fill_kpa", allow_zero=False, maximum=3.3)
        if r.has("nominal_fill_kpa")
        else 1.3,
    )


def _accuracy_table(r: _Record) -> dict[str, float]:
    """The [accuracy] table of calibration.toml: summary figures, numbers only."""
    table = r.data.get("accuracy", {})
    if not isinstance(table, dict):
        raise PackcalcError(r.where("accuracy"), "expected a table of summary figures")
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PackcalcError(f"{r.where('accuracy')}.{key}", f"expected a number, got {value!r}")
    return dict(table)


def _read_stitches(path: Path) -> dict[str, Stitch]:
    known = {"id", "name", "thread_ratio", "wastage"}
    stitches = {}
    for r in _records(path, "stitch", known):
        stitch = Stitch(
            id=r.text("id"),
            name=r.text("name"),
            thread_ratio=r.number("thread_ratio", allow_zero=False, maximum=100.0),
            wastage=r.number("wastage", maximum=1.0),
            provenance=r.provenance(),
        )
        stitches[stitch.id] = stitch
    return stitches


def _read_items(path: Path) -> dict[str, Item]:
    known = {
        "id",
        "name",
        "category",
        "mass",
        "volume",
        "shape",
        "length",
        "width",
        "height",
        "diameter",
        "rigid",
        "reach_while_running",
        "empty_mass",
        "capacity",
        "mandatory",
        "kind",
    }
    items = {}
    for r in _records(path, "item", known):
        shape = r.text("shape", ITEM_SHAPES)
        if shape == "box":
            width, height, diameter = r.quantity("width", "cm"), r.quantity("height", "cm"), None
        else:
            width, height, diameter = None, None, r.quantity("diameter", "cm")
        mandatory = r.data.get("mandatory", [])
        if not isinstance(mandatory, list) or not all(isinstance(m, str) for m in mandatory):
            raise PackcalcError(
                r.where("mandatory"), f"expected a list of names, got {mandatory!r}"
            )
        item = Item(
            id=r.text("id"),
            name=r.text("name"),
            category=r.text("category", ITEM_CATEGORIES),
            mass_g=r.quantity("mass", "g"),
            volume_l=r.quantity("volume", "L"),
            shape=shape,
            length_cm=r.quantity("length", "cm"),
            width_cm=width,
            height_cm=height,
            diameter_cm=diameter,
            rigid=r.flag("rigid"),
            reach_while_running=r.flag("reach_while_running"),
            empty_mass_g=r.optional_quantity("empty_mass", "g"),
            capacity_l=r.optional_quantity("capacity", "L"),
            mandatory=tuple(mandatory),
            provenance=r.provenance(),
            kind=r.text("kind", ITEM_KINDS)
            if r.has("kind")
            else KIND_OF_CATEGORY[r.text("category", ITEM_CATEGORIES)],
        )
        items[item.id] = item
    return items


def _read_loadlists(path: Path, items: Mapping[str, Item]) -> dict[str, LoadList]:
    known = {"id", "name", "items"}
    lists = {}
    for r in _records(path, "loadlist", known):
        raw = r.raw("items")
        if not isinstance(raw, list) or not raw:
            raise PackcalcError(r.where("items"), "expected a list of { id = '…', quantity = 1 }")
        entries = []
        for i, entry in enumerate(raw):
            place = f"{r.where('items')}[{i}]"
            if (
                not isinstance(entry, dict)
                or not set(entry) <= {"id", "quantity"}
                or "id" not in entry
            ):
                raise PackcalcError(place, f"expected {{ id = '…', quantity = 1 }}, got {entry!r}")
            if entry["id"] not in items:
                raise PackcalcError(
                    f"{place}.id",
                    f"unknown item {entry['id']!r}{did_you_mean(str(entry['id']), items)}",
                )
            quantity = entry.get("quantity", 1)
            if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
                raise PackcalcError(
                    f"{place}.quantity", f"expected a whole number ≥ 1, got {quantity!r}"
                )
            entries.append(LoadListEntry(entry["id"], quantity))
        lists[r.text("id")] = LoadList(r.text("id"), r.text("name"), tuple(entries), r.provenance())
    return lists


def _read_sizes(path: Path) -> dict[str, Size]:
    sizes = {}
    for r in _records(path, "size", {"id", "chest", "back_length"}):
        size = Size(
            id=r.text("id"),
            chest_cm=r.quantity("chest", "cm"),
            back_length_cm=r.quantity("back_length", "cm"),
            provenance=r.provenance(),
        )
        sizes[size.id] = size
    return sizes


def _read_packing(
    path: Path, fibres: Mapping[str, Fibre], fabrics: Mapping[str, Fabric]
) -> tuple[dict[str, CompressionClass], dict[str, PackingAnchor]]:
    data = _read_toml(path)
    for key in data:
        if key not in ("class", "anchor"):
            raise PackcalcError(
                f"{path.name}: {key}", "unknown table, expected [[class]] or [[anchor]]"
            )
    classes = {}
    for i, row in enumerate(data.get("class", [])):
        r = _Record(row, path.name, "class", i,
                    {"id", "gauge_phi", "gauge_pressure", "modulus", "fold_factor"})  # fmt: skip
        r.prefix = f"classes.{r.data.get('id', i)}"
        record = CompressionClass(
            id=r.text("id", CONSTRUCTIONS),
            gauge_phi=r.number("gauge_phi", allow_zero=False, maximum=1.0),
            gauge_pressure_kpa=r.quantity("gauge_pressure", "kPa"),
            modulus_kpa=r.quantity("modulus", "kPa"),
            fold_factor=r.number("fold_factor", allow_zero=False, maximum=1.0),
            provenance=r.provenance(),
        )
        classes[record.id] = record
    missing = [c for c in CONSTRUCTIONS if c not in classes]
    if missing:
        raise PackcalcError(f"{path.name}: class", f"missing defaults for {', '.join(missing)}")
    anchors = {}
    known = {"id", "role", "description", "phi", "pressure", "fibre", "fabric", "mass",
             "volume_low", "volume_high"}  # fmt: skip
    for i, row in enumerate(data.get("anchor", [])):
        r = _Record(row, path.name, "anchor", i, known)
        r.prefix = f"anchors.{r.data.get('id', i)}"
        fibre = r.data.get("fibre")
        fabric = r.data.get("fabric")
        if fibre is not None:
            _lookup(fibres, fibre, r.where("fibre"), "fibre")
        if fabric is not None:
            _lookup(fabrics, fabric, r.where("fabric"), "fabric")
        given = r.has("phi")
        if not given and not (r.has("mass") and (fibre or fabric)):
            raise PackcalcError(
                r.where("phi"), "give 'phi', or a mass and volume of a fibre or fabric"
            )
        low = r.optional_quantity("volume_low", "L")
        high = r.optional_quantity("volume_high", "L")
        if (low is None) != (high is None) or (low is not None and high < low):
            raise PackcalcError(
                r.where("volume_high"), "expected volume_low ≤ volume_high, both given"
            )
        if not given and low is None:
            raise PackcalcError(r.where("volume_low"), "missing: the packed volume range")
        density = None
        if fibre is not None:
            density = fibres[fibre].density_g_cm3
        elif fabric is not None:
            density = fabrics[fabric].fibre_density_g_cm3
        anchor = PackingAnchor(
            id=r.text("id"),
            role=r.text("role", ("calibration", "validation")),
            description=r.text("description"),
            pressure_kpa=r.quantity("pressure", "kPa"),
            phi_given=r.number("phi", allow_zero=False, maximum=1.0) if given else None,
            fibre=fibre,
            fabric=fabric,
            mass_g=r.optional_quantity("mass", "g"),
            volume_low_l=low,
            volume_high_l=high,
            density_g_cm3=density,
            provenance=r.provenance(),
        )
        anchors[anchor.id] = anchor
    return classes, anchors


def _read_garments(path: Path, fabrics: Mapping[str, Fabric]) -> dict[str, Garment]:
    garments = {}
    for r in _records(path, "garment", {"id", "name", "fabric", "mass", "size"}):
        fabric = r.text("fabric")
        _lookup(fabrics, fabric, r.where("fabric"), "fabric")
        garment = Garment(
            id=r.text("id"),
            name=r.text("name"),
            fabric=fabric,
            mass_g=r.quantity("mass", "g"),
            size=r.text("size"),
            provenance=r.provenance(),
        )
        garments[garment.id] = garment
    return garments


def read_library(root: Path | str) -> Library:
    """Read and validate every TOML file of the library in folder ``root`` (no caching)."""
    root = Path(root)
    fibres = _read_fibres(root / "fibres.toml")
    items = _read_items(root / "items.toml")
    fabrics = _read_fabrics(root / "fabrics.toml", fibres)
    classes, anchors = _read_packing(root / "packing.toml", fibres, fabrics)
    trims = _read_trims(root / "trims.toml", fibres)
    purposes, places = _read_placement(root / "placement.toml")
    return Library(
        fibres=MappingProxyType(fibres),
        fabrics=MappingProxyType(fabrics),
        trims=MappingProxyType(trims),
        stitches=MappingProxyType(_read_stitches(root / "stitches.toml")),
        items=MappingProxyType(items),
        loadlists=MappingProxyType(_read_loadlists(root / "loadlists.toml", items)),
        sizes=MappingProxyType(_read_sizes(root / "sizes.toml")),
        compression=MappingProxyType(classes),
        packing_anchors=MappingProxyType(anchors),
        garments=MappingProxyType(_read_garments(root / "garments.toml", fabrics)),
        details=MappingProxyType(_read_details(root / "details.toml", trims)),
        purposes=MappingProxyType(purposes),
        places=MappingProxyType(places),
        calibration=_read_calibration(root / "calibration.toml"),
        root=root,
    )


@functools.cache
def load_library() -> Library:
    """The packaged materials library, read once per process."""
    return read_library(materials_dir())


def record_as_dict(record: Fibre | Fabric | Trim | Stitch | Item | LoadList) -> dict[str, Any]:
    """A plain, JSON-ready dict of a record: its fields (units in the key names) with the
    provenance flattened in (``source``, and ``assumption``, ``assumed``, ``note`` when set).
    """
    out: dict[str, Any] = {}
    for name in record.__dataclass_fields__:
        if name == "provenance":
            continue
        value = getattr(record, name)
        if name == "thickness":
            value = [
                {"thickness_mm": p.thickness_mm, "pressure_kpa": p.pressure_kpa} for p in value
            ]
        elif name == "items" and isinstance(record, LoadList):
            value = [{"id": e.item, "quantity": e.quantity} for e in value]
        elif isinstance(value, Mapping):
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    if isinstance(record, Fabric):
        out["thickness_mm"] = record.thickness_mm
    out.update(record.provenance.as_dict())
    return out


def parse_item(text: str, field_name: str = "item") -> Item:
    """A custom item from one line: ``"name, mass, volume[, shape, dims…][, flags]"``.

    Examples: ``"salt tabs, 15 g, 0.03 L"`` (a cube of that volume);
    ``"poles, 300 g, 0.8 L, cylinder, 40 cm, 5 cm, rigid"`` (length, diameter);
    ``"map, 20 g, 0.05 L, box, 20 cm, 10 cm, 1 cm, reach"`` (length, width, height).
    Flags: ``rigid``, ``reach`` (reach while running), and an item kind (``food``,
    ``clothing``, … of ``ITEM_KINDS``: the pockets made for it); the
    category is ``other``.

    Parameters
    ----------
    text : str
        The item, comma-separated.
    field_name : str, optional
        Where it came from, for error messages.

    Returns
    -------
    Item
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) < 3:
        raise PackcalcError(
            field_name,
            f"expected 'name, mass, volume[, shape, dimensions…][, rigid][, reach]' like "
            f"'salt tabs, 15 g, 0.03 L', got {text!r}",
        )
    name = parts[0]
    mass = parse_quantity(parts[1], "g", f"{field_name} {name!r} mass", maximum=20000.0)
    volume = parse_quantity(parts[2], "L", f"{field_name} {name!r} volume", maximum=30.0)
    rest = parts[3:]
    flags = {p.lower() for p in rest if p.lower() in ("rigid", "reach", *ITEM_KINDS)}
    rest = [p for p in rest if p.lower() not in flags]
    kind = next((f for f in flags if f in ITEM_KINDS), "other")
    shape = "box"
    if rest and rest[0].lower() in ("box", "cylinder"):
        shape = rest.pop(0).lower()
    dims = [
        parse_quantity(d, "cm", f"{field_name} {name!r} dimension", maximum=300.0) for d in rest
    ]
    if shape == "cylinder":
        if len(dims) != 2:
            raise PackcalcError(field_name, f"{name!r}: a cylinder needs length and diameter")
        length, diameter, width, height = dims[0], dims[1], None, None
    else:
        if dims and len(dims) != 3:
            raise PackcalcError(field_name, f"{name!r}: a box needs length, width and height")
        side = (volume * 1000) ** (1 / 3)
        length, width, height = dims if dims else (side, side, side)
        diameter = None
    return Item(
        id=name,
        name=name,
        category="other",
        mass_g=mass,
        volume_l=volume,
        shape=shape,
        length_cm=length,
        width_cm=width,
        height_cm=height,
        diameter_cm=diameter,
        rigid="rigid" in flags,
        reach_while_running="reach" in flags,
        empty_mass_g=None,
        capacity_l=None,
        mandatory=(),
        provenance=Provenance(("entered by the user",)),
        kind=kind,
    )
