"""The load fit of a design: pocket capacities, where the kit goes and why, balance,
body fit. This layer turns the design and the library's records into the numbers of
the models (:mod:`packcalc.loadfit`, :mod:`packcalc.capacity`) and back into results.

Pocket capacity follows ``packcalc.capacity``; the strain limit of a pocket is the
smallest of the fabric's stretch limit, the strain at which the stretched pocket
presses on the body harder than a comfort pressure (Laplace, p = kε/R), and any
non-stretch element in series (a zip along the opening). The placement is
:func:`packcalc.loadfit.place` with each pocket's purpose (``materials/placement.toml``)
and place, and the designer's pins.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from packcalc import capacity, loadfit
from packcalc.design import Design, Pin, Pocket, detail_counts
from packcalc.errors import PackcalcError, did_you_mean
from packcalc.library import Item, Library
from packcalc.loadfit import (
    COMFORT_LIMIT_KPA,
    FIT_PRESSURE_KPA,
    LOCATION_SHARES,
    PRIORITY,
    tension_modulus_n_m,
)
from packcalc.pattern import back_width_at, front_width_at, wing_length
from packcalc.tables import dataframe


def stretch_limit(fabric: Any) -> float:
    """The strain a fabric takes across a pocket or round the body [-]: its weft
    stretch, else its warp stretch, else 0 (it does not stretch)."""
    limit = fabric.stretch_weft if fabric.stretch_weft is not None else fabric.stretch_warp
    return limit or 0.0


@dataclass(frozen=True)
class PocketCapacity:
    """A pocket's capacity [L], strain limit [-] and stretched section [cm].

    ``relaxed_l``: filled without stretching the fabric; ``nominal_l``: filled snug,
    the fabric stretched until the pocket presses the nominal fill pressure (what a
    brand's litres are compared with; see :func:`nominal_strain`); ``stretched_l``:
    filled to the strain limit.
    """

    pocket: Pocket
    relaxed_l: float
    stretched_l: float
    strain_limit: float
    limited_by: str
    tension_modulus_n_m: float
    perimeter_cm: float  # full section perimeter (what an item's girth must pass)
    height_cm: float
    nominal_l: float = 0.0
    nominal_strain: float = 0.0

    def volume_l(self, strain: Any) -> Any:
        return _pocket_volume(self.pocket, strain)


def _pocket_volume(pocket: Pocket, strain: Any) -> Any:
    return capacity.pocket_volume_l(
        pocket.shape, pocket.width_cm, pocket.height_cm, pocket.gusset_cm, strain
    )


@functools.lru_cache(maxsize=1024)
def fill_curve(pocket: Pocket, library: Library) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Strains up to the fabric's stretch limit [-], the pressure the full pocket presses
    at each [kPa] (Laplace, :func:`capacity.laplace_pressure_kpa`) and its volume [L];
    empty for a fabric that does not stretch. Remembered per pocket and library."""
    fabric = library.fabrics[pocket.fabric]
    stretch = stretch_limit(fabric)
    if stretch == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0)
    modulus = tension_modulus_n_m(fabric.composition.get("elastane", 0.0), stretch)
    strains = np.linspace(0.0, stretch, 401)
    radius = capacity.pocket_section(pocket.shape, pocket.width_cm, pocket.gusset_cm, strains)[1]
    pressures = capacity.laplace_pressure_kpa(modulus, strains, radius)
    return strains, pressures, np.asarray(_pocket_volume(pocket, strains), dtype=float)


def nominal_volume_l(pocket: Pocket, library: Library, fill_kpa: float) -> float:
    """Volume of the pocket filled snug at ``fill_kpa`` [L] (:func:`nominal_strain`),
    no more than filled to its strain limit."""
    strains, pressures, volumes = fill_curve(pocket, library)
    cap = pocket_capacity(pocket, library)
    if not len(strains):
        return cap.relaxed_l
    ok = np.nonzero(pressures <= fill_kpa)[0]
    index = ok[-1] if len(ok) else 0
    return float(volumes[index]) if strains[index] <= cap.strain_limit else cap.stretched_l


def nominal_strain(pocket: Pocket, library: Library, fill_kpa: float | None = None) -> float:
    """The strain of a pocket filled snug: where it presses ``fill_kpa`` on its contents
    (default: the calibration's ``nominal_fill_kpa``), at most its stretch limit [-].

    The nominal fill is a pocket filled full as a runner packs it and as a brand counts
    its litres: snug, not forced. Its pressure is fitted on the calibration vests' brand
    litres (``packcalc.accuracy``); a priori, 1.3 kPa, the 'appropriate' clothing
    pressure of the comfort table (``capacity.COMFORT_PRESSURE_KPA``).
    """
    strains, pressures, _ = fill_curve(pocket, library)
    if not len(strains):
        return 0.0
    if fill_kpa is None:
        fill_kpa = library.calibration.nominal_fill_kpa
    ok = np.nonzero(pressures <= fill_kpa)[0]  # the largest strain within the pressure
    return float(strains[ok[-1]]) if len(ok) else 0.0


@functools.lru_cache(maxsize=512)
def pocket_capacity(
    pocket: Pocket, library: Library, comfort_limit_kpa: float = COMFORT_LIMIT_KPA
) -> PocketCapacity:
    """Relaxed and stretched capacity of a pocket and what limits its stretch.

    Parameters
    ----------
    pocket : Pocket
        The pocket (shape, flat size, gusset, fabric, closure).
    library : Library
        For the fabric's stretch limit and composition.
    comfort_limit_kpa : float, optional
        Pressure the full pocket may put on the body [kPa] (default: the
        sportswear maximum, 3.3 kPa).

    Returns
    -------
    PocketCapacity
        Remembered per pocket, library and limit (a pattern slider does not change it).
    """
    fabric = library.fabrics[pocket.fabric]
    stretch = stretch_limit(fabric)
    limits = {"fabric stretch limit": stretch}
    modulus = tension_modulus_n_m(fabric.composition.get("elastane", 0.0), stretch)
    if stretch > 0:
        limits["comfort pressure"] = capacity.comfort_strain(
            pocket.shape, pocket.width_cm, pocket.gusset_cm, modulus, comfort_limit_kpa, stretch
        )
    limited_by = min(limits, key=limits.get)
    strain = limits[limited_by]
    if stretch == 0:
        limited_by = "fabric does not stretch"
    snug = min(strain, nominal_strain(pocket, library))
    section = capacity.pocket_section(pocket.shape, pocket.width_cm, pocket.gusset_cm, strain)
    perimeter = float(section[2])
    if pocket.closure == "zip":
        # A zip does not stretch: what goes in must pass its opening (w + 2g long).
        opening = 2.0 * (pocket.width_cm + 2.0 * pocket.gusset_cm)
        if opening < perimeter:
            perimeter, limited_by = opening, f"{limited_by}; opening held by the zip"
    return PocketCapacity(
        pocket=pocket,
        relaxed_l=float(_pocket_volume(pocket, 0.0)),
        stretched_l=float(_pocket_volume(pocket, strain)),
        strain_limit=strain,
        limited_by=limited_by,
        tension_modulus_n_m=modulus,
        perimeter_cm=perimeter,
        height_cm=pocket.height_cm,
        nominal_l=float(_pocket_volume(pocket, snug)),
        nominal_strain=snug,
    )


def item_fits_shape(item: Item, cap: PocketCapacity) -> bool:
    """Can the item go into the pocket (:func:`packcalc.loadfit.fits_shape`)?"""
    return loadfit.fits_shape(
        item.shape, item.length_cm, item.width_cm, item.height_cm, item.diameter_cm,
        cap.perimeter_cm, cap.height_cm,
    )  # fmt: skip


@dataclass(frozen=True)
class LoadFit:
    """Where the load goes and how the vest rides with it."""

    capacities: tuple[PocketCapacity, ...]
    placements: tuple[tuple[str, str, str], ...]  # (item label, item id, pocket name)
    unplaced: tuple[tuple[str, str, str], ...]  # (item label, item id, reason)
    pocket_volume_l: dict[str, float]
    pocket_mass_g: dict[str, float]
    pocket_pressure_kpa: dict[str, float]
    load_mass_g: float
    front_share: float
    left_share: float
    com_offset_cm: tuple[float, float]  # (to the wearer's left, to the front) of the load
    fit_range_cm: tuple[float, float]
    body_chest_cm: float
    notes: tuple[str, ...] = field(default=())
    reasons: dict[str, str] = field(default_factory=dict)  # item label → why it is there

    @property
    def fits(self) -> bool:
        return not self.unplaced

    @property
    def capacity_relaxed_l(self) -> float:
        return sum(c.relaxed_l for c in self.capacities)

    @property
    def capacity_stretched_l(self) -> float:
        return sum(c.stretched_l for c in self.capacities)

    @property
    def capacity_nominal_l(self) -> float:
        """Every pocket filled snug (:func:`nominal_strain`): the figure to hold against
        a brand's litres."""
        return sum(c.nominal_l for c in self.capacities)

    @property
    def body_fits(self) -> bool:
        return self.fit_range_cm[0] <= self.body_chest_cm <= self.fit_range_cm[1]

    def fill_share(self, pocket_name: str) -> float:
        """How full a pocket is: its load volume over its stretched capacity [-]."""
        cap = next(c for c in self.capacities if c.pocket.name == pocket_name)
        return self.pocket_volume_l[pocket_name] / cap.stretched_l if cap.stretched_l else 0.0

    def to_dataframe(self) -> Any:
        """One row per item of the load: its label, library id, pocket (empty if it does
        not fit) and why it is there or not (pandas DataFrame)."""
        placed = [{"item": label, "id": item, "pocket": pocket, "reason": self.reasons[label]}
                  for label, item, pocket in self.placements]  # fmt: skip
        unplaced = [{"item": label, "id": item, "pocket": None, "reason": reason}
                    for label, item, reason in self.unplaced]  # fmt: skip
        return dataframe(placed + unplaced)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: placements, unplaced items with reasons, pockets, balance, body fit."""
        pockets = []
        for cap in self.capacities:
            name = cap.pocket.name
            pockets.append(
                {
                    "name": name,
                    "location": cap.pocket.location,
                    "shape": cap.pocket.shape,
                    "reachable": cap.pocket.reachable,
                    "relaxed_l": round(cap.relaxed_l, 4),
                    "nominal_l": round(cap.nominal_l, 4),
                    "stretched_l": round(cap.stretched_l, 4),
                    "strain_limit": round(cap.strain_limit, 4),
                    "limited_by": cap.limited_by,
                    "fill_l": round(self.pocket_volume_l[name], 4),
                    "fill_share": round(self.fill_share(name), 4),
                    "mass_g": round(self.pocket_mass_g[name], 2),
                    "pressure_kpa": round(self.pocket_pressure_kpa.get(name, 0.0), 3),
                }
            )
        return {
            "fits": self.fits,
            "placements": {label: pocket for label, _, pocket in self.placements},
            "reasons": dict(self.reasons),
            "unplaced": [{"item": label, "reason": reason} for label, _, reason in self.unplaced],
            "load_mass_g": round(self.load_mass_g, 2),
            "front_share": round(self.front_share, 4),
            "left_share": round(self.left_share, 4),
            "com_offset_cm": {
                "left": round(self.com_offset_cm[0], 2),
                "front": round(self.com_offset_cm[1], 2),
            },
            "pockets": pockets,
            "comfort_limits_kpa": dict(capacity.COMFORT_PRESSURE_KPA),
            "body_fit": {
                "chest_min_cm": round(self.fit_range_cm[0], 1),
                "chest_max_cm": round(self.fit_range_cm[1], 1),
                "runner_chest_cm": self.body_chest_cm,
                "fits": self.body_fits,
            },
        }


def load_items(
    design: Design, library: Library, load: str | None = None, extra: Sequence[Item] = ()
) -> list[Item]:
    """The design's load as a list of single items (quantities expanded).

    Parameters
    ----------
    design : Design
        Its load list, library items and custom items.
    library : Library
        The materials library.
    load : str, optional
        A load list of the library that replaces the design's whole load.
    extra : sequence of Item
        More items (custom ones from the command line).

    Returns
    -------
    list of Item
    """
    entries: list[tuple[str, int]] = []
    custom: list[Item] = list(extra)
    if load is not None:
        entries += [(e.item, e.quantity) for e in library.loadlist(load, "load").items]
    else:
        if design.load_list:
            entries += [(e.item, e.quantity) for e in library.loadlists[design.load_list].items]
        entries += [(e.item, e.quantity) for e in design.load]
        custom += list(design.custom_items)
    items = [library.items[item_id] for item_id, n in entries for _ in range(n)]
    return items + custom


def _labels(items: Sequence[Item]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for item in items:
        totals[item.id] += 1
    labels = []
    for item in items:
        counts[item.id] += 1
        labels.append(f"{item.id} #{counts[item.id]}" if totals[item.id] > 1 else item.id)
    return labels


def pocket_place(pocket: Pocket) -> str:
    """Where on the vest a pocket carries its load (``packcalc.library.PLACES``): the main
    compartment and a bladder sleeve against the back, other back pockets further out,
    chest pockets in front, side and hip pockets."""
    side = pocket.location.split("-")[0]
    if side == "back":
        return "back-main" if pocket.purpose in ("main", "bladder") else "back-outer"
    return side


@dataclass(frozen=True)
class Preferences:
    """What the placement ranks after placing everything it can: per item type and
    pocket, the pocket purpose's score for the item's kind (0-3) and the place's
    carriage (how well it carries weight), and the pins (type, pocket) of the designer."""

    purpose: tuple[tuple[int, ...], ...]  # [item][pocket]
    carriage: tuple[int, ...]  # [pocket]
    pins: tuple[tuple[int, int, str], ...] = ()  # (item index, pocket index, where)

    @classmethod
    def of(
        cls,
        items: Sequence[Item],
        capacities: Sequence[PocketCapacity],
        library: Library,
        pins: Sequence[tuple[int, int, str]] = (),
    ) -> Preferences:
        purposes, places = library.purposes, library.places
        return cls(
            tuple(
                tuple(purposes[c.pocket.purpose].score(item.kind) for c in capacities)
                for item in items
            ),
            tuple(places[pocket_place(c.pocket)].carriage for c in capacities),
            tuple(pins),
        )


def place(
    items: Sequence[Item],
    capacities: Sequence[PocketCapacity],
    preferences: Preferences | None = None,
) -> tuple[list[int | None], list[list[bool]]]:
    """Choose the pocket of each item (index into ``capacities``, or None).

    :func:`packcalc.loadfit.place` on the items' volumes, priorities and kinds and the
    pockets' capacities, purposes and places, then :func:`packcalc.loadfit.rebalance`
    among the pockets equal for each item. Returns the choice per item and the
    feasibility matrix (item fits pocket by shape, volume and reach).
    """
    n, m = len(items), len(capacities)
    if preferences is None:
        preferences = Preferences(tuple((0,) * m for _ in items), (0,) * m)
    feasible = [
        [
            item.volume_l <= cap.stretched_l + 1e-9
            and item_fits_shape(item, cap)
            and (cap.pocket.reachable or not item.reach_while_running)
            for cap in capacities
        ]
        for item in items
    ]
    pinned = {i: j for i, j, _ in preferences.pins}
    for i, j, where in preferences.pins:
        if not feasible[i][j]:
            raise PackcalcError(
                where,
                f"{items[i].name} is pinned to {capacities[j].pocket.name!r}, which cannot take "
                f"it ({_unfit(items[i], capacities[j])})",
            )
    stretched = [cap.stretched_l for cap in capacities]
    choice = loadfit.place(
        [item.id for item in items],
        [item.volume_l for item in items],
        loadfit.priority_weights([PRIORITY[item.category] for item in items]),
        feasible,
        preferences.purpose,
        [[item.mass_g * c for c in preferences.carriage] for item in items],
        stretched,
        pinned,
    )
    # Balance front/back and left/right among the pockets equal for each item.
    allowed = [
        [
            choice[i] is not None
            and feasible[i][j]
            and preferences.purpose[i][j] == preferences.purpose[i][choice[i]]
            and preferences.carriage[j] == preferences.carriage[choice[i]]
            and pinned.get(i, j) == j
            for j in range(m)
        ]
        for i in range(n)
    ]
    shares = [LOCATION_SHARES[cap.pocket.location] for cap in capacities]
    loadfit.rebalance(
        [item.mass_g for item in items], [item.volume_l for item in items],
        [s[0] for s in shares], [s[1] for s in shares], stretched, choice, allowed,
    )  # fmt: skip
    return choice, feasible


@functools.lru_cache(maxsize=128)
def _cached_place(
    items: tuple[Item, ...], capacities: tuple[PocketCapacity, ...], preferences: Preferences
) -> tuple[list[int | None], list[list[bool]]]:
    """:func:`place`, remembered: moving a pattern slider does not change the pockets or
    the load, so the app does not solve the same program again."""
    return place(items, capacities, preferences)


def fit_range_cm(
    design: Design,
    library: Library,
    fit_pressure_kpa: float = FIT_PRESSURE_KPA,
    options: Mapping[str, Any] | None = None,
) -> tuple[Any, Any]:
    """Chest circumferences the vest fits, as a size chart would print them [cm].

    :func:`packcalc.loadfit.girth_range_cm` on the design's girth (back, both fronts,
    both side wings and the sternum gap), its fabrics' moduli and stretch limits, and
    its adjusters' travel (``materials/details.toml``: the sternum straps close the gap
    to their ``min_gap`` or open it by their ``let_out``; each side adjuster takes up
    its ``take_up``).

    Parameters
    ----------
    design : Design
        The vest (options, panel fabrics, details).
    library : Library
        For stretch limits, compositions and the adjusters' travel.
    fit_pressure_kpa : float, optional
        Pressure the vest may put on the chest at the largest size it fits [kPa]
        (default ``loadfit.FIT_PRESSURE_KPA``: a running vest holds, it does not
        compress).
    options : mapping of str to float or array, optional
        Pattern options [cm] in place of the design's (arrays: one value per variant).

    Returns
    -------
    (float or ndarray, float or ndarray)
        Smallest and largest chest circumference [cm].
    """
    o = {**design.options, **(options or {})}
    wing = wing_length(o, design.body)
    lengths = [o["back_width"], 2 * o["front_width"], 2 * wing]
    moduli, limits = [], []
    for group in ("back", "front", "wing"):
        fabric = library.fabrics[design.group_spec(group).fabric]
        limit = stretch_limit(fabric)
        limits.append(limit)
        moduli.append(tension_modulus_n_m(fabric.composition.get("elastane", 0.0), limit))
    counts = detail_counts(design)
    gap = o["front_gap"]
    smallest, largest = gap, gap
    if counts["sternum-strap"]:
        sternum = library.details["sternum-strap"]
        smallest, largest = np.minimum(gap, sternum.min_gap_cm), gap + sternum.let_out_cm
    take_up = counts["side-adjuster"] * library.details["side-adjuster"].take_up_cm
    return loadfit.girth_range_cm(
        lengths, moduli, limits, smallest, largest, take_up, fit_pressure_kpa
    )


def fit_load(
    design: Design,
    library: Library,
    load: str | None = None,
    extra: Sequence[Item] = (),
    comfort_limit_kpa: float = COMFORT_LIMIT_KPA,
    pins: Sequence[Pin] = (),
) -> LoadFit:
    """Capacity, placement and ride of the design with its load (or another load list).

    Parameters
    ----------
    design : Design
        The vest.
    library : Library
        The materials library.
    load : str, optional
        A load list that replaces the design's load (``"utmb"``).
    extra : sequence of Item, optional
        Custom items to add.
    comfort_limit_kpa : float, optional
        Pressure a full pocket may put on the body [kPa] (default: the
        sportswear maximum, 3.3 kPa).
    pins : sequence of Pin, optional
        More pins (item → pocket) besides the design's own ``[[load.pins]]``.

    Returns
    -------
    LoadFit
    """
    capacities = tuple(pocket_capacity(p, library, comfort_limit_kpa) for p in design.pockets)
    items = load_items(design, library, load, extra)
    labels = _labels(items)
    pinned, notes = _resolve_pins(items, capacities, [*design.pins, *pins])
    preferences = Preferences.of(items, capacities, library, pinned)
    choice, feasible = _cached_place(tuple(items), capacities, preferences) if items else ([], [])

    placements, unplaced = [], []
    reasons: dict[str, str] = {}
    volume: dict[str, float] = {c.pocket.name: 0.0 for c in capacities}
    mass: dict[str, float] = {c.pocket.name: 0.0 for c in capacities}
    pinned_items = {i for i, _, _ in pinned}
    for index, (item, label) in enumerate(zip(items, labels, strict=True)):
        j = choice[index]
        if j is not None:
            pocket = capacities[j].pocket.name
            placements.append((label, item.id, pocket))
            reasons[label] = _placed_reason(
                item, capacities[j], library, preferences.purpose[index][j], index in pinned_items
            )
            volume[pocket] += item.volume_l
            mass[pocket] += item.mass_g
            continue
        unplaced.append((label, item.id, _reason(item, capacities, feasible[index], volume)))

    pressure = {}
    for cap in capacities:
        strains = np.linspace(0.0, cap.strain_limit, 201) if cap.strain_limit > 0 else np.zeros(0)
        strain = loadfit.fill_strain(volume[cap.pocket.name], strains, cap.volume_l(strains))
        if strain > 0:
            pocket = cap.pocket
            pressure[pocket.name] = loadfit.pocket_pressure_kpa(
                pocket.shape, pocket.width_cm, pocket.gusset_cm, cap.tension_modulus_n_m, strain
            )

    load_mass = sum(mass.values())
    front = sum(
        m * LOCATION_SHARES[c.pocket.location][0]
        for c, m in zip(capacities, mass.values(), strict=True)
    )
    left = sum(
        m * LOCATION_SHARES[c.pocket.location][1]
        for c, m in zip(capacities, mass.values(), strict=True)
    )
    offset = loadfit.com_offset_cm(
        design.body.chest,
        design.options["front_gap"] / 2 + design.options["front_width"] / 2,
        [c.pocket.location for c in capacities],
        [mass[c.pocket.name] for c in capacities],
    )
    notes.append(
        "stretch-pocket tension estimated from EN 14704-1 force levels on a 50 mm strip at "
        "the fabric's stated stretch limit (no measured modulus)"
    )
    return LoadFit(
        capacities=capacities,
        placements=tuple(placements),
        unplaced=tuple(unplaced),
        pocket_volume_l=volume,
        pocket_mass_g=mass,
        pocket_pressure_kpa=pressure,
        load_mass_g=load_mass,
        front_share=front / load_mass if load_mass else 0.5,
        left_share=left / load_mass if load_mass else 0.5,
        com_offset_cm=offset,
        fit_range_cm=tuple(float(v) for v in fit_range_cm(design, library)),
        body_chest_cm=design.body.chest,
        notes=tuple(notes),
        reasons=reasons,
    )


def _resolve_pins(
    items: Sequence[Item], capacities: Sequence[PocketCapacity], pins: Sequence[Pin]
) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Each pin to one item (the first of that id or name not pinned yet) and its pocket;
    a pin whose item is not in the load is left out, with a note."""
    pockets = [c.pocket.name for c in capacities]
    resolved: list[tuple[int, int, str]] = []
    notes = []
    taken: set[int] = set()
    for pin in pins:
        if pin.pocket not in pockets:
            hint = did_you_mean(pin.pocket, pockets)
            raise PackcalcError(
                pin.where, f"no pocket named {pin.pocket!r}{hint}; pockets: {', '.join(pockets)}"
            )
        index = next(
            (i for i, it in enumerate(items) if pin.item in (it.id, it.name) and i not in taken),
            None,
        )
        if index is None:
            notes.append(f"pin of {pin.item!r} to {pin.pocket!r} left out: not in the load")
            continue
        taken.add(index)
        resolved.append((index, pockets.index(pin.pocket), pin.where))
    return resolved, notes


SCORE_WORDS = {3: "made for", 2: "good for", 1: "can take", 0: "not made for"}


def _placed_reason(
    item: Item, cap: PocketCapacity, library: Library, score: int, pinned: bool
) -> str:
    """Why an item is where it is, in a runner's words."""
    purpose = library.purposes[cap.pocket.purpose]
    words = [f"{purpose.name.lower()}, {SCORE_WORDS[score]} {_kind_words(item.kind)}"]
    if pinned:
        words.insert(0, "pinned by the designer")
    elif score == 0:
        words.append("no pocket made for it was free")
    if item.reach_while_running:
        words.append("reachable while running")
    if library.places[pocket_place(cap.pocket)].carriage == 3 and item.mass_g >= 100:
        words.append("heavy, carried close to the body")
    return "; ".join(words)


def _kind_words(kind: str) -> str:
    return {
        "flask": "water", "bladder": "a bladder", "phone": "the phone", "food": "food",
        "cup": "the cup", "light": "lights", "safety": "safety kit", "clothing": "clothing",
        "accessory": "small clothing", "id": "ID and cash", "poles": "poles",
        "other": "this item",
    }[kind]  # fmt: skip


def _unfit(item: Item, cap: PocketCapacity) -> str:
    """Why one pocket cannot take an item."""
    if item.reach_while_running and not cap.pocket.reachable:
        return "it must be reached while running and the pocket cannot be"
    if item.volume_l > cap.stretched_l + 1e-9:
        return f"{item.volume_l:g} L in a pocket of {cap.stretched_l:.2f} L stretched"
    return "its shape does not pass the pocket's opening or height"


def _reason(
    item: Item, capacities: Sequence[PocketCapacity], feasible: Sequence[bool], volume: dict
) -> str:
    fits_somewhere = [
        item.volume_l <= cap.stretched_l + 1e-9 and item_fits_shape(item, cap) for cap in capacities
    ]
    if not any(fits_somewhere):
        if not capacities:
            return "the vest has no pockets"
        largest = max(capacities, key=lambda c: c.stretched_l)
        return (
            f"too big for any pocket ({item.volume_l:g} L; the largest pocket, "
            f"{largest.pocket.name!r}, takes {largest.stretched_l:.2f} L stretched)"
        )
    if item.reach_while_running and not any(feasible):
        return "too big for any reachable pocket (it must be reached while running)"
    if item.reach_while_running:
        return "no reachable pocket left: the pockets that take it are full"
    return "capacity used up: the pockets that take it are full"


# ------------------------------------------------------------------ pockets on their panels


def pocket_margins(design: Design, options: Mapping[str, Any], scale: Any = 1.0) -> list[Any]:
    """Slack [cm] of every pocket's flat width and height within the panel it sits on,
    as drafted: front pockets on a front, back pockets on the back, side and hip pockets
    on a side wing.

    A pocket sits at its panel's hem. Its height must fit the panel's (the back's less
    its neck dip); its width must fit the panel's drafted width at half the pocket's
    height (:func:`~packcalc.pattern.front_width_at`, :func:`~packcalc.pattern.back_width_at`):
    above that, its sides may follow the armhole or the neckline into their binding, as
    a vest's flask pocket does. The half-height rule is an assumption (no pattern-making
    source gives one); on a wing, the wing's length and depth.
    """
    o = {k: np.asarray(v, dtype=float) for k, v in {**design.options, **options}.items()}
    wing = wing_length(o, design.body)
    margins = []
    for pocket in design.pockets:
        width, height = pocket.width_cm * scale, pocket.height_cm * scale
        panel = pocket.location.split("-")[0]
        if panel == "front":
            room = (front_width_at(o, height / 2.0), o["front_height"])
        elif panel == "back":
            room = (back_width_at(o, height / 2.0), o["back_height"] - o["back_neck_drop"])
        else:  # side or hip: on a wing
            room = (wing, o["side_wing_depth"])
        margins += [room[0] - width, room[1] - height]
    return margins


def pockets_fit_panels(design: Design, options: Mapping[str, Any], scale: Any = 1.0) -> Any:
    """Whether every pocket lies within its panel (see :func:`pocket_margins`)."""
    ok: Any = True
    for margin in pocket_margins(design, options, scale):
        ok = ok & (margin >= -1e-9)
    return ok


def pocket_overflows(design: Design) -> list[tuple[str, str, float, float]]:
    """The pockets larger than the panel they sit on: (pocket, "width" or "height",
    its size [cm], the panel's [cm])."""
    out = []
    margins = pocket_margins(design, {})
    for i, pocket in enumerate(design.pockets):
        for dim, size, margin in (
            ("width", pocket.width_cm, margins[2 * i]),
            ("height", pocket.height_cm, margins[2 * i + 1]),
        ):
            if float(margin) < -1e-9:
                out.append((pocket.name, dim, size, size + float(margin)))
    return out
