"""The vest design: data model, validation, TOML read and write.

A design file is TOML in which every dimensional value carries its unit (``"8 cm"``,
``"2 kPa"``). Loading validates everything against the materials library and reports
the first bad value with its path (``pockets[1].width: expected a length like '8 cm',
got '8 kg'``). Saving writes every value back with its unit, so that loading the saved
file gives an identical design. The format is documented with an annotated example in
``docs/design-format.md``.

Canonical units inside a :class:`Design`: lengths in cm, masses in g, volumes in L,
pressures in kPa (the units a designer thinks in; values written back exactly).
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from packcalc.capacity import POCKET_SHAPES
from packcalc.errors import PackcalcError
from packcalc.library import (
    ITEM_CATEGORIES,
    ITEM_KINDS,
    ITEM_SHAPES,
    KIND_OF_CATEGORY,
    POCKET_PURPOSES,
    Item,
    Library,
    Provenance,
    did_you_mean,
    load_library,
    materials_dir,
)
from packcalc.pattern import (
    OPTION_SPECS,
    Body,
    check_options,
    custom_panel,
    default_options,
    draft,
    grade_options,
)
from packcalc.units import check_number, parse_quantity

PANEL_GROUPS = ("back", "strap", "front", "wing")
PANEL_CONSTRUCTIONS = ("cut", "knit-to-shape")
SEAM_METHODS = ("stitched", "bonded", "welded")
POCKET_LOCATIONS = (
    "front-left",
    "front-right",
    "back",
    "side-left",
    "side-right",
    "hip-left",
    "hip-right",
)
CLOSURES = ("none", "elastic", "zip", "drawcord", "hook")
OPENING_FINISHES = ("auto", "binding", "fold-over", "elastic-casing", "raw")
MAX_FILE_BYTES = 256 * 1024  # a design file is a few kB; refuse anything absurd


@dataclass(frozen=True)
class PanelSpec:
    """How a panel (or a group of panels) is made: fabric, layer count, construction."""

    fabric: str
    layers: int = 1
    construction: str = "cut"  # "cut" from roll goods, or "knit-to-shape"
    areal_density_gsm: float | None = None  # the designer's override of the fabric's [g/m²]


@dataclass(frozen=True)
class CustomPanel:
    """A panel given by explicit points [cm], added to the drafted ones."""

    name: str
    points: tuple[tuple[float, float], ...]
    edges: tuple[str, ...]
    spec: PanelSpec


@dataclass(frozen=True)
class SeamSpec:
    """How the seams are made.

    ``stitched``: ISO 4915 ``stitch`` with ``thread``, seam allowance on each side.
    ``bonded``: glued with ``tape`` (g/m from the library) over a lap of ``allowance``;
    no thread, no needle holes. ``welded``: fused lap of ``allowance``, no thread, no tape.
    """

    method: str = "stitched"
    stitch: str = "301"
    allowance_cm: float = 0.6
    thread: str = ""
    tape: str = ""


@dataclass(frozen=True)
class FinishSpec:
    """How bound edges are finished: binding tape (a trim id) sewn with ``stitch``.

    An empty ``binding`` means raw edges (laser-cut or knitted selvedge): no mass added.
    """

    binding: str = ""
    stitch: str = "406"


@dataclass(frozen=True)
class ClosureTrims:
    """The trims a pocket closure is made of (ids in the library).

    ``zip``: chain along the opening + one slider; ``elastic``: elastic tape along the
    opening; ``drawcord``: cord along the opening + one cord lock; ``hook``: one hook.
    """

    zip_chain: str = "zipper-chain-3-coil"
    zip_slider: str = "zipper-slider-3"
    elastic: str = "elastic-tape-10mm"
    drawcord: str = "shock-cord-2mm"
    cord_lock: str = "cord-lock-single"
    hook: str = "hook-sternum-piping"


@dataclass(frozen=True)
class AddedFabric:
    """A piece of fabric a detail adds (a back pad, reinforcement patches) [cm²]."""

    fabric: str
    area_cm2: float


@dataclass(frozen=True)
class DetailsSpec:
    """The construction details of a commercial vest beyond panels and pockets.

    A value left as ``None`` takes the standard count (:data:`STANDARD_DETAILS`: what a
    commercial vest has) when ``standard`` is true, else none. ``bar_tacks`` and
    ``sternum_straps`` are counted from the design when not given (see
    (:func:`detail_counts`); ``opening_finish`` ``"auto"`` binds the
    pocket openings when the design has a binding, else folds them over.
    """

    standard: bool = True
    labels: int | None = None
    logo_area_cm2: float | None = None
    bar_tacks: int | None = None
    opening_finish: str = "auto"
    zip_pullers: bool | None = None
    zip_garages: bool | None = None
    sternum_straps: int | None = None
    sternum_rails: bool | None = None
    sternum_strap: str = ""  # the strap's trim (default: the library detail's)
    pole_loops: int = 0
    hose_loops: int = 0
    side_adjusters: int = 0
    compression_cords: int = 0
    whistle: bool = False
    back_pad: AddedFabric | None = None
    reinforcement: AddedFabric | None = None


# What a standard commercial vest has (design defaults, stated so they can be checked):
# brand, size and care labels (a weighing of gear found 2.6 loose tags an item, see the
# label-tag trim); 20 cm² of logos and prints; a puller and a garage on every zip; two
# sternum straps on rails.
STANDARD_DETAILS = {
    "labels": 3,
    "logo_area_cm2": 20.0,
    "zip_pullers": True,
    "zip_garages": True,
    "sternum_straps": 2,
    "sternum_rails": True,
}


def detail_counts(design: Design) -> dict[str, Any]:
    """How many of each construction detail the vest has (``materials/details.toml``).

    A detail the design's ``[details]`` block does not give takes the standard count
    (``packcalc.design.STANDARD_DETAILS``) when ``standard`` is true, else none. Sternum
    straps, when not given, are the standard two unless the design lists hooks or
    buckles among its trims (then it has drawn its own); bar tacks, when not given, are
    four where the straps join the back and two at each end of every pocket opening,
    sternum strap, pole loop, hose loop and side adjuster.

    Returns
    -------
    dict
        Detail id → count (``logo``: printed area [cm²]); ``opening_finish`` the finish
        of pocket openings (``binding``, ``fold-over``, ``elastic-casing`` or ``raw``).
    """
    d = design.details

    def standard(key: str, value: Any) -> Any:
        if value is not None:
            return value
        return STANDARD_DETAILS[key] if d.standard else type(STANDARD_DETAILS[key])(0)

    zips = sum(p.closure == "zip" for p in design.pockets)
    sternum = d.sternum_straps
    if sternum is None:
        lists_own = any(
            t.trim.startswith(("hook", "buckle")) or "sternum" in t.trim for t in design.trims
        )
        sternum = 0 if lists_own else standard("sternum_straps", None)
    bar_tacks = d.bar_tacks
    if bar_tacks is None:
        loops = len(design.pockets) + sternum + d.pole_loops + d.hose_loops + d.side_adjusters
        bar_tacks = 4 + 2 * loops if d.standard else 0
    finish = d.opening_finish
    if finish == "auto":
        finish = "binding" if design.finish.binding else "fold-over"
    return {
        "label": standard("labels", d.labels),
        "logo": standard("logo_area_cm2", d.logo_area_cm2),
        "bar-tack": bar_tacks,
        "zip-puller": zips if standard("zip_pullers", d.zip_pullers) else 0,
        "zip-garage": zips if standard("zip_garages", d.zip_garages) else 0,
        "sternum-strap": sternum,
        "sternum-rail": 2 if sternum and standard("sternum_rails", d.sternum_rails) else 0,
        "pole-loop": d.pole_loops,
        "hose-loop": d.hose_loops,
        "side-adjuster": d.side_adjusters,
        "compression-cord": d.compression_cords,
        "whistle": int(d.whistle),
        "opening_finish": finish,
    }


@dataclass(frozen=True)
class Pocket:
    """A pocket: where it sits, its flat size and gusset [cm], fabric, closure, reach.

    ``shape`` is ``"patch"`` (a stretch panel over the vest), ``"tube"`` (a sewn sleeve,
    circumference twice the flat width) or ``"box"`` (gusseted); by default ``"box"``
    when there is a gusset, else ``"patch"``. ``purpose`` is what it is made for (one of
    ``packcalc.library.POCKET_PURPOSES``); by default read from its name, place, gusset
    and closure (:func:`default_purpose`).
    """

    name: str
    location: str
    width_cm: float
    height_cm: float
    gusset_cm: float
    fabric: str
    closure: str = "none"
    reachable: bool = False
    shape: str = "patch"
    purpose: str = "stash"


@dataclass(frozen=True)
class TrimUse:
    """A trim in the design: pieces (``quantity``), a length [cm] or an area [cm²]."""

    trim: str
    quantity: int = 0
    length_cm: float = 0.0
    area_cm2: float = 0.0


def default_purpose(name: str, location: str, gusset_cm: float, closure: str) -> str:
    """What a pocket is for when the design does not say: from words in its name
    (flask, bottle, phone, gel, food, snack, nutrition, main, kangaroo, bladder,
    reservoir, pole, quiver, stash), else a back pocket with a gusset or a zip is the main
    compartment, any other back pocket the kangaroo, and front, side and hip pockets are
    stash pockets."""
    words = name.lower()
    for word, purpose in (
        ("flask", "flask"), ("bottle", "flask"), ("phone", "phone"), ("gel", "nutrition"),
        ("food", "nutrition"), ("snack", "nutrition"), ("nutrition", "nutrition"),
        ("bladder", "bladder"), ("reservoir", "bladder"), ("kangaroo", "kangaroo"),
        ("main", "main"), ("pole", "poles"), ("quiver", "poles"), ("stash", "stash"),
    ):  # fmt: skip
        if word in words:
            return purpose
    if location == "back":
        return "main" if gusset_cm > 0 or closure == "zip" else "kangaroo"
    return "stash"


@dataclass(frozen=True)
class LoadEntry:
    item: str
    quantity: int = 1


@dataclass(frozen=True)
class Pin:
    """The designer's choice: this item (an item id, or a custom item's name) goes in
    this pocket."""

    item: str
    pocket: str
    where: str = field(default="load.pins", compare=False)  # for error messages


@dataclass(frozen=True)
class Tolerances:
    """Manufacturing tolerances as ± relative limits (about two standard deviations)."""

    areal_density: float = 0.05
    dimensions: float = 0.02
    trims: float = 0.05


@dataclass(frozen=True)
class Comparison:
    """A commercial vest this design was compared with."""

    name: str
    mass_g: float
    capacity_l: float
    source: str
    note: str = ""


@dataclass(frozen=True)
class Design:
    """A complete vest design, validated, in canonical units (cm, g, L, kPa)."""

    name: str
    body: Body
    size: str | None
    options: Mapping[str, float]
    panels: Mapping[str, PanelSpec]
    custom_panels: tuple[CustomPanel, ...] = ()
    seams: SeamSpec = field(default_factory=SeamSpec)
    finish: FinishSpec = field(default_factory=FinishSpec)
    closures: ClosureTrims = field(default_factory=ClosureTrims)
    details: DetailsSpec = field(default_factory=DetailsSpec)
    pockets: tuple[Pocket, ...] = ()
    trims: tuple[TrimUse, ...] = ()
    load_list: str | None = None
    load: tuple[LoadEntry, ...] = ()
    custom_items: tuple[Item, ...] = ()
    pins: tuple[Pin, ...] = ()
    squeeze_pressure_kpa: float = 2.0
    tolerances: Tolerances = field(default_factory=Tolerances)
    description: str = ""
    comparisons: tuple[Comparison, ...] = ()
    made_in: str = "FR-Drome"  # the making site (a place of materials/footprint.toml)

    def panel_spec(self, panel_name: str, group: str) -> PanelSpec:
        """The spec of a drafted panel: by its own name, else by its group."""
        if panel_name in self.panels:
            return self.panels[panel_name]
        return self.panels[group]

    def group_spec(self, group: str) -> PanelSpec:
        """The spec that stands for a panel group (its left panel for a pair)."""
        return self.panel_spec("back" if group == "back" else f"{group}-left", group)

    def with_size(self, size: str, library: Library | None = None) -> Design:
        """The same design drafted for another size of the size table (graded options)."""
        library = library or load_library()
        body = body_for_size(size, library, "size")
        return dataclasses.replace(
            self, body=body, size=size, options=grade_options(self.options, self.body, body)
        )


def body_for_size(size: Any, library: Library, where: str) -> Body:
    """The body of a size of the size table (``materials/sizes.toml``); ``where`` names
    the field for the error on an unknown size."""
    if not isinstance(size, str) or size not in library.sizes:
        hint = did_you_mean(str(size), library.sizes)
        raise PackcalcError(
            where, f"unknown size {size!r}{hint}: expected one of {', '.join(library.sizes)}"
        )
    record = library.sizes[size]
    return Body(record.chest_cm, record.back_length_cm, size)


# --------------------------------------------------------------------------- reading


class _Table:
    """A TOML table being read, with typed getters that name the path of each value."""

    def __init__(self, data: Any, path: str, known: set[str]):
        if not isinstance(data, dict):
            raise PackcalcError(path, f"expected a table, got {data!r}")
        self.data = data
        self.path = path
        for key in data:
            if key not in known:
                raise PackcalcError(self.at(key), f"unknown key{did_you_mean(key, known)}")

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def require(self, key: str) -> Any:
        if key not in self.data:
            raise PackcalcError(self.at(key), "missing required key")
        return self.data[key]

    def text(self, key: str, default: str | None = None, choices: tuple[str, ...] = ()) -> str:
        if key not in self.data and default is not None:
            return default
        value = self.require(key)
        if not isinstance(value, str):
            raise PackcalcError(self.at(key), f"expected a string, got {value!r}")
        if choices and value not in choices:
            hint = did_you_mean(value, choices)
            raise PackcalcError(
                self.at(key), f"expected one of {', '.join(choices)}, got {value!r}{hint}"
            )
        return value

    def length(
        self,
        key: str,
        default: float | None = None,
        *,
        allow_zero: bool = False,
        minimum: float = 0.0,
        maximum: float = 1000.0,
    ) -> float:
        """A length [cm] in ``[minimum, maximum]`` (``minimum`` itself only if ``allow_zero``)."""
        if key not in self.data and default is not None:
            return default
        return parse_quantity(
            self.require(key), "cm", self.at(key),
            minimum=minimum, allow_zero=allow_zero, maximum=maximum,
        )  # fmt: skip

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise PackcalcError(self.at(key), f"expected true or false, got {value!r}")
        return value

    def whole(self, key: str, default: int, minimum: int = 1, maximum: int = 1000) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise PackcalcError(self.at(key), f"expected a whole number, got {value!r}")
        if not minimum <= value <= maximum:
            raise PackcalcError(
                self.at(key), f"expected a whole number from {minimum} to {maximum}, got {value}"
            )
        return value

    def fraction(self, key: str, default: float) -> float:
        if key not in self.data:
            return default
        return check_number(self.data[key], self.at(key), maximum=1.0)


def _list_of_tables(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise PackcalcError(path, f"expected a list of tables ([[{path}]]), got {value!r}")
    return value


def _panel_spec(table: _Table, library: Library) -> PanelSpec:
    fabric = table.text("fabric")
    library.fabric(fabric, table.at("fabric"))
    override = None
    if table.has("areal_density"):
        override = parse_quantity(
            table.get("areal_density"), "g/m**2", table.at("areal_density"), maximum=2000.0
        )
    return PanelSpec(
        fabric=fabric,
        layers=table.whole("layers", 1, 1, 4),
        construction=table.text("construction", "cut", PANEL_CONSTRUCTIONS),
        areal_density_gsm=override,
    )


def _read_details(data: Any, library: Library) -> DetailsSpec:
    """The [details] table: counts, flags and added fabrics (missing keys: standard)."""
    t = _Table(
        data,
        "details",
        {"standard", "labels", "logo_area", "bar_tacks", "opening_finish", "zip_pullers",
         "zip_garages", "sternum_straps", "sternum_rails", "sternum_strap", "pole_loops",
         "hose_loops",
         "side_adjusters", "compression_cords", "whistle", "back_pad", "reinforcement"},
    )  # fmt: skip

    def count(key: str, maximum: int) -> int | None:
        return t.whole(key, 0, 0, maximum) if t.has(key) else None

    def flag(key: str) -> bool | None:
        return t.flag(key, False) if t.has(key) else None

    def added_fabric(key: str) -> AddedFabric | None:
        if not t.has(key):
            return None
        table = _Table(t.get(key), t.at(key), {"fabric", "area"})
        fabric = table.text("fabric")
        library.fabric(fabric, table.at("fabric"))
        area = parse_quantity(table.require("area"), "cm**2", table.at("area"), maximum=1e4)
        return AddedFabric(fabric, area)

    logo_area = None
    if t.has("logo_area"):
        logo_area = parse_quantity(
            t.get("logo_area"), "cm**2", t.at("logo_area"), allow_zero=True, maximum=2000.0
        )
    return DetailsSpec(
        standard=t.flag("standard", True),
        labels=count("labels", 20),
        logo_area_cm2=logo_area,
        bar_tacks=count("bar_tacks", 500),
        opening_finish=t.text("opening_finish", "auto", OPENING_FINISHES),
        zip_pullers=flag("zip_pullers"),
        zip_garages=flag("zip_garages"),
        sternum_straps=count("sternum_straps", 6),
        sternum_rails=flag("sternum_rails"),
        sternum_strap=_check_trim(
            library, t.text("sternum_strap"), t.at("sternum_strap"), ("elastic", "cord", "webbing")
        )
        if t.has("sternum_strap")
        else "",
        pole_loops=t.whole("pole_loops", 0, 0, 8),
        hose_loops=t.whole("hose_loops", 0, 0, 8),
        side_adjusters=t.whole("side_adjusters", 0, 0, 8),
        compression_cords=t.whole("compression_cords", 0, 0, 4),
        whistle=t.flag("whistle", False),
        back_pad=added_fabric("back_pad"),
        reinforcement=added_fabric("reinforcement"),
    )


def _details_dict(details: DetailsSpec) -> dict[str, Any]:
    """The [details] table as written: only what the design sets."""
    out: dict[str, Any] = {}
    if not details.standard:
        out["standard"] = False
    for key in ("labels", "bar_tacks", "zip_pullers", "zip_garages", "sternum_straps",
                "sternum_rails"):  # fmt: skip
        if getattr(details, key) is not None:
            out[key] = getattr(details, key)
    if details.logo_area_cm2 is not None:
        out["logo_area"] = _q(details.logo_area_cm2, "cm**2")
    if details.sternum_strap:
        out["sternum_strap"] = details.sternum_strap
    if details.opening_finish != "auto":
        out["opening_finish"] = details.opening_finish
    for key in ("pole_loops", "hose_loops", "side_adjusters", "compression_cords"):
        if getattr(details, key):
            out[key] = getattr(details, key)
    if details.whistle:
        out["whistle"] = True
    for key in ("back_pad", "reinforcement"):
        added = getattr(details, key)
        if added is not None:
            out[key] = {"fabric": added.fabric, "area": _q(added.area_cm2, "cm**2")}
    return out


def _check_trim(library: Library, trim_id: str, where: str, kinds: tuple[str, ...]) -> str:
    trim = library.trim(trim_id, where)
    if trim.kind not in kinds:
        raise PackcalcError(
            where, f"expected a {' or '.join(kinds)} trim, got {trim_id!r} ({trim.kind})"
        )
    return trim_id


DESIGN_KEYS = frozenset({
    "name", "description", "size", "body", "options", "panels", "custom_panels", "seams",
    "finish", "closures", "details", "pockets", "trims", "load", "squeeze_pressure",
    "tolerances", "comparison", "made_in",
})  # fmt: skip


def design_from_dict(data: Mapping[str, Any], library: Library | None = None) -> Design:
    """Validate a design given as a dict (parsed TOML) and build the :class:`Design`.

    Each section has its reader (``read_body``, ``read_options``, ``read_panels``, …),
    which the app's tables reuse so that a value entered there meets the same rules and
    messages as in a file.
    """
    library = library or load_library()
    if not isinstance(data, Mapping):
        raise PackcalcError("design", f"expected a table of design keys, got {type(data).__name__}")
    top = _Table(dict(data), "", set(DESIGN_KEYS))
    name = top.text("name")  # sections are read in file order: the first error is reported
    body, size = read_body(top, library)
    options = read_options(top.get("options", {}), body)
    panels = read_panels(top.require("panels"), library)
    custom_panels = read_custom_panels(top.get("custom_panels"), library)
    seams = read_seams(top.get("seams", {}), library)
    finish = read_finish(top.get("finish", {}), library, seams)
    closures = read_closures(top.get("closures", {}), library)
    details = _read_details(top.get("details", {}), library)
    pockets = read_pockets(top.get("pockets"), library)
    trims = read_trims(top.get("trims"), library)
    load_list, load, custom_items, pins = read_load(top.get("load", {}), library, pockets)
    design = Design(
        name=name,
        body=body,
        size=size,
        options=MappingProxyType(options),
        panels=panels,
        custom_panels=custom_panels,
        seams=seams,
        finish=finish,
        closures=closures,
        details=details,
        pockets=pockets,
        trims=trims,
        load_list=load_list,
        load=load,
        custom_items=custom_items,
        pins=pins,
        squeeze_pressure_kpa=read_pressure(top.get("squeeze_pressure", "2 kPa")),
        tolerances=read_tolerances(top.get("tolerances", {})),
        description=top.text("description", ""),
        comparisons=read_comparisons(top.get("comparison")),
        made_in=top.text("made_in", "FR-Drome"),
    )
    # Drafting checks that the options fit together (the girth closes, …).
    draft(design.body, design.options)
    return design


def read_body(top: _Table, library: Library) -> tuple[Body, str | None]:
    """The body: a size label of the size table (default M), or a ``[body]`` table of
    explicit measurements; returns the body and its size label (``None`` if custom)."""
    if top.has("body") and top.has("size"):
        raise PackcalcError("size", "give either 'size' or a [body] table, not both")
    if not top.has("body"):
        size = top.text("size", "M")
        return body_for_size(size, library, "size"), size
    table = _Table(top.get("body"), "body", {"chest", "back_length"})
    # An adult's range: outside it the size table's grading means nothing.
    return Body(
        table.length("chest", minimum=60.0, allow_zero=True, maximum=150.0),
        table.length("back_length", minimum=30.0, allow_zero=True, maximum=60.0),
        "custom",
    ), None


def read_options(raw: Any, body: Body) -> dict[str, float]:
    """``[options]``: the pattern options [cm], the body's defaults for those not given."""
    table = _Table(raw, "options", set(OPTION_SPECS))
    # Any sign parses here; check_options then holds each option to its own limits.
    given = {
        key: parse_quantity(value, "cm", table.at(key), minimum=None)
        for key, value in table.data.items()
    }
    check_options(given)
    return {**default_options(body), **given}


def read_panels(raw: Any, library: Library) -> Mapping[str, PanelSpec]:
    """``[panels]``: a fabric per panel group (or per drafted panel)."""
    table = _Table(raw, "panels", set(PANEL_GROUPS) | PANEL_NAMES)
    panels = {
        key: _panel_spec(_Table(value, f"panels.{key}", PANEL_SPEC_KEYS), library)
        for key, value in table.data.items()
    }
    for group in PANEL_GROUPS:
        members = [n for n in PANEL_NAMES if n.startswith(group)]
        if group not in panels and not all(n in panels for n in members):
            raise PackcalcError(f"panels.{group}", "missing: every panel needs a fabric")
    return MappingProxyType(panels)


PANEL_SPEC_KEYS = {"fabric", "layers", "construction", "areal_density"}


def read_custom_panels(raw: Any, library: Library) -> tuple[CustomPanel, ...]:
    """``[[custom_panels]]``: outlines of the designer's own pieces."""
    panels: list[CustomPanel] = []
    for i, entry in enumerate(_list_of_tables(raw, "custom_panels")):
        t = _Table(entry, f"custom_panels[{i}]", {"name", "points", "edges", *PANEL_SPEC_KEYS})
        points = _read_points(t)
        edges = t.get("edges", ["bound"] * len(points))
        if not isinstance(edges, list) or len(edges) != len(points):
            raise PackcalcError(
                t.at("edges"), f"expected {len(points)} edge kinds ('bound' or 'seam')"
            )
        name = t.text("name")
        if name in PANEL_NAMES or any(c.name == name for c in panels):
            raise PackcalcError(t.at("name"), f"duplicate panel name {name!r}")
        custom_panel(name, points, edges, f"custom_panels[{i}]")  # kinds and outline
        panels.append(CustomPanel(name, tuple(points), tuple(edges), _panel_spec(t, library)))
    return tuple(panels)


def _read_points(t: _Table) -> list[tuple[float, ...]]:
    raw = t.require("points")
    if not isinstance(raw, list) or len(raw) < 3:
        raise PackcalcError(t.at("points"), 'expected at least 3 points like ["0 cm", "0 cm"]')
    points = []
    for j, point in enumerate(raw):
        where = f"{t.at('points')}[{j}]"
        if not isinstance(point, list) or len(point) != 2:
            raise PackcalcError(where, f'expected [x, y] like ["8 cm", "0 cm"], got {point!r}')
        points.append(
            tuple(parse_quantity(v, "cm", where, minimum=-1000.0, allow_zero=True) for v in point)
        )
    return points


def read_seams(raw: Any, library: Library) -> SeamSpec:
    """``[seams]``: method, stitch, allowance, thread and (bonded) tape."""
    t = _Table(raw, "seams", {"method", "stitch", "allowance", "thread", "tape"})
    method = t.text("method", "stitched", SEAM_METHODS)
    seams = SeamSpec(
        method=method,
        stitch=t.text("stitch", "301"),
        allowance_cm=t.length("allowance", 0.6, allow_zero=True, maximum=5.0),
        thread=t.text("thread", ""),
        tape=t.text("tape", ""),
    )
    library.stitch(seams.stitch, "seams.stitch")
    if method == "stitched" and not seams.thread:
        raise PackcalcError("seams.thread", "stitched seams need a thread (a trim id)")
    if seams.thread:
        _check_trim(library, seams.thread, "seams.thread", ("thread",))
    if method == "bonded":
        if not seams.tape:
            raise PackcalcError("seams.tape", "bonded seams need a seam tape (a trim id)")
        _check_trim(library, seams.tape, "seams.tape", ("seam-tape",))
    return seams


def read_finish(raw: Any, library: Library, seams: SeamSpec) -> FinishSpec:
    """``[finish]``: the binding of the edges and its stitch."""
    t = _Table(raw, "finish", {"binding", "stitch"})
    finish = FinishSpec(binding=t.text("binding", ""), stitch=t.text("stitch", "406"))
    if finish.binding:
        _check_trim(library, finish.binding, "finish.binding", ("binding", "elastic"))
        library.stitch(finish.stitch, "finish.stitch")
        if not seams.thread:
            raise PackcalcError("seams.thread", "the binding is sewn on: give a thread (a trim id)")
    return finish


CLOSURE_TRIM_KINDS = {
    "zip_chain": ("zipper-chain",),
    "zip_slider": ("zipper-slider",),
    "elastic": ("elastic", "binding"),
    "drawcord": ("cord",),
    "cord_lock": ("cord-lock",),
    "hook": ("hook",),
}


def read_closures(raw: Any, library: Library) -> ClosureTrims:
    """``[closures]``: the trims each pocket closure is made of."""
    t = _Table(raw, "closures", set(CLOSURE_TRIM_KINDS))
    return ClosureTrims(
        **{
            key: _check_trim(
                library, t.text(key, getattr(ClosureTrims, key)), f"closures.{key}", kinds
            )
            for key, kinds in CLOSURE_TRIM_KINDS.items()
        }
    )


POCKET_KEYS = {"name", "location", "width", "height", "gusset", "fabric", "closure",
               "reachable", "shape", "purpose"}  # fmt: skip


def read_pockets(raw: Any, library: Library) -> tuple[Pocket, ...]:
    """``[[pockets]]``: each pocket, with names unique."""
    pockets: list[Pocket] = []
    for i, entry in enumerate(_list_of_tables(raw, "pockets")):
        t = _Table(entry, f"pockets[{i}]", POCKET_KEYS)
        pocket = _read_pocket(t, library)
        if any(p.name == pocket.name for p in pockets):
            raise PackcalcError(t.at("name"), f"duplicate pocket name {pocket.name!r}")
        pockets.append(pocket)
    return tuple(pockets)


def _read_pocket(t: _Table, library: Library) -> Pocket:
    location = t.text("location", choices=POCKET_LOCATIONS)
    gusset = t.length("gusset", 0.0, allow_zero=True)
    name = t.text("name", f"{location} pocket")
    closure = t.text("closure", "none", CLOSURES)
    shape = t.text("shape", "box" if gusset > 0 else "patch", POCKET_SHAPES)
    if shape == "box" and gusset <= 0:
        raise PackcalcError(t.at("gusset"), "a box pocket needs a gusset, like '3 cm'")
    fabric = t.text("fabric")
    library.fabric(fabric, t.at("fabric"))
    return Pocket(
        name=name,
        location=location,
        width_cm=t.length("width"),
        height_cm=t.length("height"),
        gusset_cm=gusset,
        fabric=fabric,
        closure=closure,
        reachable=t.flag("reachable", location.startswith(("front", "side"))),
        shape=shape,
        purpose=t.text(
            "purpose", default_purpose(name, location, gusset, closure), POCKET_PURPOSES
        ),
    )


def read_trims(raw: Any, library: Library) -> tuple[TrimUse, ...]:
    """``[[trims]]``: library trims by pieces, length or area, as each is sold."""
    trims = []
    for i, entry in enumerate(_list_of_tables(raw, "trims")):
        t = _Table(entry, f"trims[{i}]", {"id", "quantity", "length", "area"})
        trim_id = t.text("id")
        trim = library.trim(trim_id, t.at("id"))
        if trim.mass_g is not None:
            if t.has("length") or t.has("area"):
                raise PackcalcError(
                    t.at("quantity"), f"{trim_id!r} is counted in pieces: give 'quantity'"
                )
            trims.append(TrimUse(trim_id, quantity=t.whole("quantity", 1)))
        elif trim.linear_mass_g_m is not None:
            if not t.has("length"):
                raise PackcalcError(
                    t.at("length"), f"{trim_id!r} is sold by length: give a length like '60 cm'"
                )
            trims.append(TrimUse(trim_id, length_cm=t.length("length")))
        else:
            if not t.has("area"):
                raise PackcalcError(
                    t.at("area"), f"{trim_id!r} is sold by area: give an area like '50 cm**2'"
                )
            area = parse_quantity(t.get("area"), "cm**2", t.at("area"), maximum=1e5)
            trims.append(TrimUse(trim_id, area_cm2=area))
    return tuple(trims)


def read_load(
    raw: Any, library: Library, pockets: Sequence[Pocket]
) -> tuple[str | None, tuple[LoadEntry, ...], tuple[Item, ...], tuple[Pin, ...]]:
    """``[load]``: a library load list, more library items, custom items and pins."""
    t = _Table(raw, "load", {"list", "items", "custom", "pins"})
    load_list = t.get("list")
    if load_list is not None:
        library.loadlist(load_list, "load.list")
    entries = []
    for i, entry in enumerate(_list_of_tables(t.get("items"), "load.items")):
        item = _Table(entry, f"load.items[{i}]", {"id", "quantity"})
        item_id = item.text("id")
        library.item(item_id, item.at("id"))
        entries.append(LoadEntry(item_id, item.whole("quantity", 1)))
    custom = tuple(
        _custom_item(entry, f"load.custom[{i}]")
        for i, entry in enumerate(_list_of_tables(t.get("custom"), "load.custom"))
    )
    pins = _read_pins(t.get("pins"), list(pockets), library, list(custom))
    return load_list, tuple(entries), custom, pins


def read_pressure(raw: Any) -> float:
    """``squeeze_pressure``: the pressure the packed volume is given at [kPa]."""
    return parse_quantity(raw, "kPa", "squeeze_pressure", maximum=200.0)


def read_tolerances(raw: Any) -> Tolerances:
    """``[tolerances]``: manufacturing tolerances, relative [-]."""
    t = _Table(raw, "tolerances", {"areal_density", "dimensions", "trims"})
    return Tolerances(
        areal_density=t.fraction("areal_density", Tolerances.areal_density),
        dimensions=t.fraction("dimensions", Tolerances.dimensions),
        trims=t.fraction("trims", Tolerances.trims),
    )


def read_comparisons(raw: Any) -> tuple[Comparison, ...]:
    """``[[comparison]]``: real vests to hold the design against, with their sources."""
    out = []
    for i, entry in enumerate(_list_of_tables(raw, "comparison")):
        t = _Table(entry, f"comparison[{i}]", {"name", "mass", "capacity", "source", "note"})
        out.append(
            Comparison(
                name=t.text("name"),
                mass_g=parse_quantity(t.require("mass"), "g", t.at("mass")),
                capacity_l=parse_quantity(t.require("capacity"), "L", t.at("capacity")),
                source=t.text("source"),
                note=t.text("note", ""),
            )
        )
    return tuple(out)


# The drafted panels, by name (pattern.draft makes these).
PANEL_NAMES = frozenset({
    "back", "strap-left", "strap-right", "front-left", "front-right", "wing-left", "wing-right",
})  # fmt: skip


def _read_pins(
    raw: Any, pockets: list[Pocket], library: Library, custom_items: list[Item]
) -> tuple[Pin, ...]:
    """``[[load.pins]]``: an item (library id or custom item name) and a pocket name."""
    pins = []
    names = [p.name for p in pockets]
    customs = {c.name for c in custom_items} | {c.id for c in custom_items}
    for i, entry in enumerate(_list_of_tables(raw, "load.pins")):
        t = _Table(entry, f"load.pins[{i}]", {"item", "pocket"})
        item, pocket = t.text("item"), t.text("pocket")
        if item not in customs:
            library.item(item, t.at("item"))
        if pocket not in names:
            hint = did_you_mean(pocket, names)
            raise PackcalcError(
                t.at("pocket"), f"no pocket named {pocket!r}{hint}; pockets: {', '.join(names)}"
            )
        pins.append(Pin(item, pocket, f"load.pins[{i}]"))
    return tuple(pins)


def _custom_item(raw: Any, path: str) -> Item:
    t = _Table(
        raw,
        path,
        {"id", "name", "category", "kind", "mass", "volume", "shape", "length", "width",
         "height", "diameter", "rigid", "reach_while_running"},
    )  # fmt: skip
    shape = t.text("shape", "box", ITEM_SHAPES)
    name = t.text("name")
    category = t.text("category", "other", ITEM_CATEGORIES)
    return Item(
        id=t.text("id", name),
        name=name,
        category=category,
        mass_g=parse_quantity(t.require("mass"), "g", t.at("mass"), maximum=20000.0),
        volume_l=parse_quantity(t.require("volume"), "L", t.at("volume"), maximum=30.0),
        shape=shape,
        length_cm=t.length("length"),
        width_cm=t.length("width") if shape == "box" else None,
        height_cm=t.length("height") if shape == "box" else None,
        diameter_cm=t.length("diameter") if shape == "cylinder" else None,
        rigid=t.flag("rigid", False),
        reach_while_running=t.flag("reach_while_running", False),
        empty_mass_g=None,
        capacity_l=None,
        mandatory=(),
        provenance=Provenance(("entered in the design",)),
        kind=t.text("kind", KIND_OF_CATEGORY[category], ITEM_KINDS),
    )


def read_design(path: str | Path, library: Library | None = None) -> Design:
    """Read and validate a design TOML file."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackcalcError(str(path), f"cannot read the design file ({exc.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise PackcalcError(
            str(path), f"expected a design file under {MAX_FILE_BYTES // 1024} kB, got {size} bytes"
        )
    return design_from_toml(path.read_bytes(), library, source=str(path))


def design_from_toml(
    text: str | bytes, library: Library | None = None, source: str = "design"
) -> Design:
    """Parse and validate a design from TOML text (bytes are decoded as UTF-8)."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise PackcalcError(source, f"expected a design file under {MAX_FILE_BYTES // 1024} kB")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise PackcalcError(source, "expected a UTF-8 text file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackcalcError(source, f"malformed TOML: {exc}") from None
    except RecursionError:
        raise PackcalcError(source, "malformed TOML: nested too deeply") from None
    return design_from_dict(data, library)


# --------------------------------------------------------------------------- writing


def _q(value: float, unit: str) -> str:
    """A float with its unit, written so that reading it back gives the same float."""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return f"{text} {unit}"


def design_to_dict(design: Design) -> dict[str, Any]:
    """The design as a TOML-ready dict, every dimensional value a string with its unit."""
    out: dict[str, Any] = {"name": design.name}
    if design.description:
        out["description"] = design.description
    if design.size is not None:
        out["size"] = design.size
    else:
        out["body"] = {
            "chest": _q(design.body.chest, "cm"),
            "back_length": _q(design.body.back_length, "cm"),
        }
    out["squeeze_pressure"] = _q(design.squeeze_pressure_kpa, "kPa")
    out["made_in"] = design.made_in
    out["options"] = {k: _q(v, "cm") for k, v in design.options.items()}
    out["panels"] = {k: _panel_dict(v) for k, v in design.panels.items()}
    if design.custom_panels:
        out["custom_panels"] = [
            {
                "name": c.name,
                "points": [[_q(x, "cm"), _q(y, "cm")] for x, y in c.points],
                "edges": list(c.edges),
                **_panel_dict(c.spec),
            }
            for c in design.custom_panels
        ]
    seams = {"method": design.seams.method, "stitch": design.seams.stitch,
             "allowance": _q(design.seams.allowance_cm, "cm")}  # fmt: skip
    if design.seams.thread:
        seams["thread"] = design.seams.thread
    if design.seams.tape:
        seams["tape"] = design.seams.tape
    out["seams"] = seams
    finish = {"stitch": design.finish.stitch}
    if design.finish.binding:
        finish["binding"] = design.finish.binding
    out["finish"] = finish
    if design.closures != ClosureTrims():
        out["closures"] = dataclasses.asdict(design.closures)
    details = _details_dict(design.details)
    if details:
        out["details"] = details
    if design.pockets:
        out["pockets"] = [
            {
                "name": p.name,
                "location": p.location,
                "width": _q(p.width_cm, "cm"),
                "height": _q(p.height_cm, "cm"),
                "gusset": _q(p.gusset_cm, "cm"),
                "fabric": p.fabric,
                "closure": p.closure,
                "reachable": p.reachable,
                "shape": p.shape,
                "purpose": p.purpose,
            }
            for p in design.pockets
        ]
    if design.trims:
        out["trims"] = [_trim_dict(t) for t in design.trims]
    load: dict[str, Any] = {}
    if design.load_list:
        load["list"] = design.load_list
    if design.load:
        load["items"] = [{"id": e.item, "quantity": e.quantity} for e in design.load]
    if design.custom_items:
        load["custom"] = [_item_dict(i) for i in design.custom_items]
    if design.pins:
        load["pins"] = [{"item": p.item, "pocket": p.pocket} for p in design.pins]
    if load:
        out["load"] = load
    out["tolerances"] = dataclasses.asdict(design.tolerances)
    if design.comparisons:
        out["comparison"] = [
            {
                "name": c.name,
                "mass": _q(c.mass_g, "g"),
                "capacity": _q(c.capacity_l, "L"),
                "source": c.source,
                **({"note": c.note} if c.note else {}),
            }
            for c in design.comparisons
        ]
    return out


def _panel_dict(spec: PanelSpec) -> dict[str, Any]:
    out: dict[str, Any] = {
        "fabric": spec.fabric,
        "layers": spec.layers,
        "construction": spec.construction,
    }
    if spec.areal_density_gsm is not None:
        out["areal_density"] = _q(spec.areal_density_gsm, "g/m**2")
    return out


def _trim_dict(use: TrimUse) -> dict[str, Any]:
    if use.quantity:
        return {"id": use.trim, "quantity": use.quantity}
    if use.length_cm:
        return {"id": use.trim, "length": _q(use.length_cm, "cm")}
    return {"id": use.trim, "area": _q(use.area_cm2, "cm**2")}


def _item_dict(item: Item) -> dict[str, Any]:
    out = {
        "id": item.id,
        "name": item.name,
        "category": item.category,
        "kind": item.kind,
        "mass": _q(item.mass_g, "g"),
        "volume": _q(item.volume_l, "L"),
        "shape": item.shape,
        "length": _q(item.length_cm, "cm"),
        "rigid": item.rigid,
        "reach_while_running": item.reach_while_running,
    }
    if item.shape == "box":
        out["width"] = _q(item.width_cm, "cm")
        out["height"] = _q(item.height_cm, "cm")
    else:
        out["diameter"] = _q(item.diameter_cm, "cm")
    return out


def design_to_toml(design: Design) -> str:
    """The design as TOML text (see :func:`design_to_dict`)."""
    import tomli_w

    return tomli_w.dumps(design_to_dict(design))


# --------------------------------------------------------------------------- presets


def presets_dir() -> Path:
    """The folder of the preset designs (``materials/presets``)."""
    return materials_dir() / "presets"


def preset_names() -> list[str]:
    """The preset designs shipped with packcalc (file stems of ``materials/presets``)."""
    return list(_preset_names())


@functools.cache
def _preset_names() -> tuple[str, ...]:
    # The presets ship with the package: read the folder once, not on every app rerun.
    return tuple(sorted(p.stem for p in presets_dir().glob("*.toml")))


def load_preset(name: str, library: Library | None = None) -> Design:
    """Load a preset by name only (never a path): what the app offers its users.

    Parameters
    ----------
    name : str
        One of :func:`preset_names` (``"race-5l"``).
    library : Library, optional
        The materials library to validate against (default: the packaged one).

    Returns
    -------
    Design
        The validated preset.

    Raises
    ------
    PackcalcError
        If ``name`` is not one of :func:`preset_names`.
    """
    names = preset_names()
    if name not in names:
        hint = did_you_mean(name, names)
        raise PackcalcError("preset", f"unknown preset {name!r}{hint}; presets: {', '.join(names)}")
    return read_design(presets_dir() / f"{name}.toml", library)


def load_design(path_or_preset: str | Path, library: Library | None = None) -> Design:
    """Load a design from a TOML file, or a preset by name (``"race-5l"``).

    Parameters
    ----------
    path_or_preset : str or path
        A path to a design file, or the name of a preset (see :func:`preset_names`).
    library : Library, optional
        The materials library to validate against (default: the packaged one).

    Returns
    -------
    Design
        The validated design.
    """
    path = Path(path_or_preset)
    if path.is_file():
        return read_design(path, library)
    name = str(path_or_preset)
    if name in preset_names():
        return load_preset(name, library)
    hint = did_you_mean(name, preset_names())
    raise PackcalcError(
        "design",
        f"no design file or preset named {name!r}{hint}; presets: {', '.join(preset_names())}",
    )


def save_design(design: Design, path: str | Path) -> None:
    """Save a design as TOML; :func:`load_design` on the file gives an identical design."""
    Path(path).write_text(design_to_toml(design), encoding="utf-8")
