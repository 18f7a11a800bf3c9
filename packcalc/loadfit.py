"""Load fit: pocket capacities, placing the kit by optimisation, balance, body fit.

Pocket capacity follows ``packcalc.capacity``; the strain limit of a pocket is the
smallest of the fabric's stretch limit, the strain at which the stretched pocket
presses on the body harder than a comfort pressure (Laplace, p = kε/R), and any
non-stretch element in series (a zip along the opening).

The placement is a mixed-integer program solved with ``scipy.optimize.milp``:

- x[i, j] = 1 when item i goes in pocket j, defined only where the item fits the
  pocket's stretched shape and volume (and the pocket is reachable if the item must be
  reached while running);
- each item in at most one pocket; the items of a pocket fit its stretched volume;
- objective: place as much as possible in priority order (water, then safety and
  lights, electronics, food, clothing, other): each priority level is worth more than
  all the levels below together, so the placed set is optimal;
- then the placed items are moved and swapped between the pockets that take them to
  minimise the front/back and left/right imbalance of the load's mass, with a small
  preference for the snugger pocket (flasks in flask pockets). This second step is a
  local search: putting the balance into the program itself made one placement cost
  0.1–0.6 s instead of ~30 ms, for balances within a few grams of each other.

The tension modulus of a stretch fabric (no published value for vest fabrics, reference
sheet §11) is estimated from the EN 14704-1 force levels for its elastane content on a
50 mm strip, reached at its stated stretch limit: an assumption, flagged in the results.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from packcalc import capacity
from packcalc.design import Design, Pin, Pocket, detail_counts
from packcalc.errors import PackcalcError
from packcalc.library import Item, Library, did_you_mean
from packcalc.pattern import wing_length

# EN 14704-1:2005 force levels by elastane content (the higher of the two listed), on a
# strip taken as 50 mm wide (reference sheet §6.1, §6.3; both readings are assumptions).
EN14704_FORCE_N = ((0.05, 0.12, 8.0), (0.12, 0.20, 10.0), (0.20, 1.0, 14.0))
STRIP_WIDTH_M = 0.05
NON_ELASTANE_FORCE_N = 8.0  # a stretch fabric without elastane: the lowest band's level
COMFORT_LIMIT_KPA = capacity.COMFORT_PRESSURE_KPA["sportswear maximum"]  # 3.3 kPa
SNUG_GRAMS_PER_LITRE = 10.0  # placement tie-break: a litre of pocket is worth 10 g of balance
PROTRUSION = 0.25  # an item may stand out of a pocket by a quarter of its length (a flask cap)
# A running vest holds the load without compressing the chest: at the largest chest it
# fits, it presses what clothing-pressure studies call negligible, 0.4 kPa (Kawabata,
# via Anthropometry, Apparel Sizing and Design, ch. 13, Table 13.5).
FIT_PRESSURE_KPA = 0.4
TORSO_DEPTH_TO_WIDTH = 0.75  # ellipse of the chest section (assumption for the CoM offset)

PRIORITY = {
    "water": 6,
    "safety": 5,
    "light": 5,
    "electronics": 4,
    "food": 3,
    "clothing": 2,
    "other": 1,
}
# Where a pocket sits: share of its load counted at the front, and on the wearer's left.
LOCATION_SHARES = {
    "front-left": (1.0, 1.0),
    "front-right": (1.0, 0.0),
    "back": (0.0, 0.5),
    "side-left": (0.5, 1.0),
    "side-right": (0.5, 0.0),
    "hip-left": (0.5, 1.0),
    "hip-right": (0.5, 0.0),
}


def stretch_limit(fabric: Any) -> float:
    """The strain a fabric takes across a pocket or round the body [-]: its weft
    stretch, else its warp stretch, else 0 (it does not stretch)."""
    limit = fabric.stretch_weft if fabric.stretch_weft is not None else fabric.stretch_warp
    return limit or 0.0


def tension_modulus_n_m(elastane_share: float, stretch_limit: float) -> float:
    """Tension per unit width per unit strain of a stretch fabric [N/m].

    .. math:: k = \\frac{F}{w_{strip} \\, \\varepsilon_{max}}

    Parameters
    ----------
    elastane_share : float
        Mass share of elastane [-].
    stretch_limit : float
        Strain the fabric reaches at the test force [-].

    Returns
    -------
    float
        k [N/m]; infinite for a fabric that does not stretch.
    """
    if stretch_limit <= 0:
        return math.inf
    force = NON_ELASTANE_FORCE_N
    for low, high, level in EN14704_FORCE_N:
        if low < elastane_share <= high:
            force = level
    return force / (STRIP_WIDTH_M * stretch_limit)


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
    """Can the item go into the pocket: girth through the stretched section, length in height?

    The item may stand out of the pocket by ``PROTRUSION`` of its length; a box item may
    go in on any of its faces.
    """
    if item.shape == "cylinder":
        orientations = [(math.pi * item.diameter_cm, item.length_cm)]
    else:
        a, b, c = sorted((item.length_cm, item.width_cm, item.height_cm), reverse=True)
        orientations = [(2 * (b + c), a), (2 * (a + c), b), (2 * (a + b), c)]
    return any(
        girth <= cap.perimeter_cm and length * (1 - PROTRUSION) <= cap.height_cm
        for girth, length in orientations
    )


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
        entries += [(e.item, e.quantity) for e in library.loadlist(load, "--load").items]
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


def _solve(
    c: np.ndarray,
    constraints: list[LinearConstraint],
    integrality: np.ndarray,
    upper: np.ndarray,
    lower: np.ndarray | None = None,
) -> np.ndarray:
    result = milp(
        c,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(np.zeros_like(upper) if lower is None else lower, upper),
        options={"time_limit": 10.0, "mip_rel_gap": 1e-9},
    )
    if result.x is None:
        raise PackcalcError(
            "load.pins", f"the pinned items do not fit their pockets together ({result.message})"
        )
    return result.x


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

    Three mixed-integer programs, each keeping the optimum of the one before (a
    lexicographic order):

    1. place as much as possible by priority (water, then safety and lights, electronics,
       food, clothing, other), honouring the designer's pins;
    2. put each item in the pocket made for it: the sum of the pockets' purpose scores for
       the items' kinds (``materials/placement.toml``) is maximised;
    3. carry the weight well: the sum of mass × the place's carriage (heavy items high,
       close to the back, split front and back) is maximised.

    Identical items (same id, e.g. two 500 ml flasks) share one integer variable per
    pocket, the count of them in it, which removes the symmetric solutions. A local
    search then balances front/back and left/right by moving items between pockets that
    are equal for them on both scores (:func:`rebalance`). Returns the choice per item
    and the feasibility matrix (item fits pocket by shape, volume and reach).
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
    # Item types: identical items with the same pin (or none) stand together; a pinned
    # type may only go in its pocket.
    pinned: dict[int, int] = {i: j for i, j, _ in preferences.pins}
    where = {i: w for i, _, w in preferences.pins}
    types: dict[Any, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        types[(item.id, pinned.get(index))].append(index)
    kinds = list(types.values())
    for i, j in pinned.items():
        if not feasible[i][j]:
            raise PackcalcError(
                where[i],
                f"{items[i].name} is pinned to {capacities[j].pocket.name!r}, which cannot take "
                f"it ({_unfit(items[i], capacities[j])})",
            )
    pairs = [
        (t, j)
        for t, members in enumerate(kinds)
        for j in range(m)
        if feasible[members[0]][j] and pinned.get(members[0], j) == j
    ]
    choice: list[int | None] = [None] * n
    if not pairs:
        return choice, feasible
    k = len(pairs)
    first = [members[0] for members in kinds]
    volume = np.array([items[first[t]].volume_l for t, _ in pairs])
    # Priority weights: a level is worth more than every lower level together.
    weight_of: dict[int, float] = {}
    running = 0.0
    for level in sorted({PRIORITY[item.category] for item in items}):
        weight_of[level] = running + 1.0
        running += weight_of[level] * sum(PRIORITY[it.category] == level for it in items)
    priority = np.array([weight_of[PRIORITY[items[first[t]].category]] for t, _ in pairs])
    purpose = np.array([preferences.purpose[first[t]][j] for t, j in pairs], dtype=float)
    carriage = np.array(
        [items[first[t]].mass_g * preferences.carriage[j] for t, j in pairs], dtype=float
    )

    rows_type = np.zeros((len(kinds), k))
    rows_pocket = np.zeros((m, k))
    for col, (t, j) in enumerate(pairs):
        rows_type[t, col] = 1.0
        rows_pocket[j, col] = volume[col]
    counts = np.array([len(members) for members in kinds], dtype=float)
    upper = np.array([counts[t] for t, _ in pairs])
    lower = np.array([counts[t] if first[t] in pinned else 0.0 for t, _ in pairs])
    constraints = [
        LinearConstraint(rows_type, -np.inf, counts),
        LinearConstraint(rows_pocket, -np.inf, [cap.stretched_l for cap in capacities]),
    ]
    solution = None
    for objective in (priority, purpose, carriage):
        solution = _solve(-objective, constraints, np.ones(k), upper, lower=lower)
        # keep this optimum while ranking the next criterion (half a unit of slack: the
        # scores are whole numbers; the carriage is the last)
        constraints.append(LinearConstraint(objective, float(objective @ solution) - 0.5, np.inf))
    counts_placed = np.round(solution)
    for col, (t, j) in enumerate(pairs):
        for _ in range(int(counts_placed[col])):
            member = next(i for i in kinds[t] if choice[i] is None)
            choice[member] = j
    # Then balance front/back and left/right among pockets equal for each item.
    equal = [
        [
            feasible[i][j]
            and preferences.purpose[i][j] == preferences.purpose[i][choice[i]]
            and preferences.carriage[j] == preferences.carriage[choice[i]]
            and pinned.get(i, j) == j
            if choice[i] is not None
            else False
            for j in range(m)
        ]
        for i in range(n)
    ]
    rebalance(items, capacities, choice, equal)
    return choice, feasible


@functools.lru_cache(maxsize=128)
def _cached_place(
    items: tuple[Item, ...], capacities: tuple[PocketCapacity, ...], preferences: Preferences
) -> tuple[list[int | None], list[list[bool]]]:
    """:func:`place`, remembered: moving a pattern slider does not change the pockets or
    the load, so the app does not solve the same program again."""
    return place(items, capacities, preferences)


def _imbalance(
    items: Sequence[Item], capacities: Sequence[PocketCapacity], choice: Sequence[int | None]
) -> float:
    """|front − back| + |left − right| of the load [g] + the snug tie-break."""
    fb = lr = snug = 0.0
    for item, j in zip(items, choice, strict=True):
        if j is None:
            continue
        front, left = LOCATION_SHARES[capacities[j].pocket.location]
        fb += item.mass_g * (2 * front - 1)
        lr += item.mass_g * (2 * left - 1)
        snug += SNUG_GRAMS_PER_LITRE * capacities[j].stretched_l
    return abs(fb) + abs(lr) + snug


def rebalance(
    items: Sequence[Item],
    capacities: Sequence[PocketCapacity],
    choice: list[int | None],
    feasible: Sequence[Sequence[bool]],
) -> None:
    """Move and swap placed items between pockets that take them, to balance the load.

    First-improvement local search on :func:`_imbalance` (front/back and left/right mass,
    plus the snug tie-break), keeping every pocket within its stretched volume. Works in
    place on ``choice``; stops when no move or swap improves, or after 50 passes.
    """
    fill = [0.0] * len(capacities)
    for item, j in zip(items, choice, strict=True):
        if j is not None:
            fill[j] += item.volume_l
    placed = [i for i, j in enumerate(choice) if j is not None]
    best = _imbalance(items, capacities, choice)
    for _ in range(50):
        improved = False
        for i in placed:
            here = choice[i]
            for j, ok in enumerate(feasible[i]):
                if not ok or j == here:
                    continue
                if fill[j] + items[i].volume_l > capacities[j].stretched_l + 1e-9:
                    continue
                choice[i] = j
                score = _imbalance(items, capacities, choice)
                if score < best - 1e-9:
                    fill[here] -= items[i].volume_l
                    fill[j] += items[i].volume_l
                    best, here, improved = score, j, True
                else:
                    choice[i] = here
        for a_index, a in enumerate(placed):
            for b in placed[a_index + 1 :]:
                ja, jb = choice[a], choice[b]
                if ja == jb or not (feasible[a][jb] and feasible[b][ja]):
                    continue
                delta = items[a].volume_l - items[b].volume_l
                if fill[jb] + delta > capacities[jb].stretched_l + 1e-9:
                    continue
                if fill[ja] - delta > capacities[ja].stretched_l + 1e-9:
                    continue
                choice[a], choice[b] = jb, ja
                score = _imbalance(items, capacities, choice)
                if score < best - 1e-9:
                    fill[ja] -= delta
                    fill[jb] += delta
                    best, improved = score, True
                else:
                    choice[a], choice[b] = ja, jb
        if not improved:
            return


def _fill_strain(cap: PocketCapacity, volume_l: float) -> float:
    """Strain at which the pocket's volume equals its content (interpolated on a grid)."""
    if volume_l <= cap.relaxed_l or cap.strain_limit <= 0:
        return 0.0
    strains = np.linspace(0.0, cap.strain_limit, 201)
    return float(np.interp(volume_l, cap.volume_l(strains), strains))


def fit_range_cm(
    design: Design,
    library: Library,
    fit_pressure_kpa: float = FIT_PRESSURE_KPA,
    options: Mapping[str, Any] | None = None,
) -> tuple[Any, Any]:
    r"""Chest circumferences the vest fits, as a size chart would print them [cm].

    The girth is the back, both fronts, both side wings and the sternum gap.

    - **Smallest chest**: the girth at rest with every adjuster pulled in: the sternum
      straps close the gap to their ``min_gap`` and each side adjuster takes up its
      ``take_up`` (``materials/details.toml``). A smaller chest leaves the vest loose.
    - **Largest chest**: every adjuster let out (the sternum straps open the gap by their
      ``let_out``) and the panels stretched until the vest presses ``fit_pressure_kpa``
      on the chest. The panels are springs in series under one tension T, each growing
      by :math:`L_i T / k_i`, with :math:`T = p R` (Laplace on a torso of radius
      :math:`R = C / 2\pi`) and no panel beyond its stretch limit.

    Parameters
    ----------
    design : Design
        The vest (options, panel fabrics, details).
    library : Library
        For stretch limits, compositions and the adjusters' travel.
    fit_pressure_kpa : float, optional
        Pressure the vest may put on the chest at the largest size it fits [kPa]
        (default :data:`FIT_PRESSURE_KPA`: a running vest holds, it does not compress).
    options : mapping of str to float or array, optional
        Pattern options [cm] in place of the design's (arrays: one value per variant).

    Returns
    -------
    (float or ndarray, float or ndarray)
        Smallest and largest chest circumference [cm].
    """
    o = {**design.options, **(options or {})}
    wing = wing_length(o, design.body)
    segments = [
        ("back", o["back_width"]),
        ("front", 2 * o["front_width"]),
        ("wing", 2 * wing),
    ]
    gap = o["front_gap"]
    panels = sum(length for _, length in segments)
    counts = detail_counts(design)
    sternum = library.details["sternum-strap"]
    take_up = counts["side-adjuster"] * library.details["side-adjuster"].take_up_cm
    if counts["sternum-strap"]:
        smallest_gap, largest_gap = np.minimum(gap, sternum.min_gap_cm), gap + sternum.let_out_cm
    else:
        smallest_gap = largest_gap = gap
    springs = []
    for group, length in segments:
        fabric = library.fabrics[design.group_spec(group).fabric]
        limit = stretch_limit(fabric)
        springs.append(
            (length, tension_modulus_n_m(fabric.composition.get("elastane", 0.0), limit), limit)
        )
    radius_m = (panels + largest_gap) / (2 * math.pi) / 100
    tension = fit_pressure_kpa * 1000 * radius_m
    for _, modulus, limit in springs:
        if limit > 0:
            tension = np.minimum(tension, modulus * limit)
    stretched = sum(
        length * (1 + (tension / modulus if limit > 0 else 0.0))
        for length, modulus, limit in springs
    )
    return panels + smallest_gap - take_up, stretched + largest_gap


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
        strain = _fill_strain(cap, volume[cap.pocket.name])
        if strain > 0:
            radius = float(
                capacity.pocket_section(
                    cap.pocket.shape, cap.pocket.width_cm, cap.pocket.gusset_cm, strain
                )[1]
            )
            pressure[cap.pocket.name] = float(
                capacity.laplace_pressure_kpa(cap.tension_modulus_n_m, strain, radius)
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
    offset = _com_offset(design, capacities, mass)
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


def _com_offset(
    design: Design, capacities: Sequence[PocketCapacity], mass: dict[str, float]
) -> tuple[float, float]:
    """Centre of mass of the load from the torso's mid-planes [cm]: (left, front)."""
    total = sum(mass.values())
    if not total:
        return (0.0, 0.0)
    # Chest section as an ellipse of perimeter C (Ramanujan), depth/width = TORSO_DEPTH_TO_WIDTH.
    r = TORSO_DEPTH_TO_WIDTH
    h = ((1 - r) / (1 + r)) ** 2
    half_width = design.body.chest / (math.pi * (1 + r) * (1 + 3 * h / (10 + math.sqrt(4 - 3 * h))))
    half_depth = r * half_width
    front_x = design.options["front_gap"] / 2 + design.options["front_width"] / 2
    positions = {
        "front-left": (front_x, half_depth),
        "front-right": (-front_x, half_depth),
        "back": (0.0, -half_depth),
        "side-left": (half_width, 0.0),
        "side-right": (-half_width, 0.0),
        "hip-left": (half_width, 0.0),
        "hip-right": (-half_width, 0.0),
    }
    x = sum(positions[c.pocket.location][0] * mass[c.pocket.name] for c in capacities) / total
    y = sum(positions[c.pocket.location][1] * mass[c.pocket.name] for c in capacities) / total
    return (x, y)


def parse_item(text: str, field_name: str = "--item") -> Item:
    """A custom item from one line: ``"name, mass, volume[, shape, dims…][, flags]"``.

    Examples: ``"salt tabs, 15 g, 0.03 L"`` (a cube of that volume);
    ``"poles, 300 g, 0.8 L, cylinder, 40 cm, 5 cm, rigid"`` (length, diameter);
    ``"map, 20 g, 0.05 L, box, 20 cm, 10 cm, 1 cm, reach"`` (length, width, height).
    Flags: ``rigid``, ``reach`` (reach while running), and an item kind (``food``,
    ``clothing``, … of ``packcalc.library.ITEM_KINDS``: the pockets made for it); the
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
    from packcalc.library import ITEM_KINDS, Provenance
    from packcalc.units import parse_quantity

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


def format_fit(fit: LoadFit, design_name: str) -> str:
    """The placement, readably: pockets with their fill and items, then what does not fit."""
    lines = [
        f"{design_name}: capacity {fit.capacity_nominal_l:.2f} L nominal "
        f"({fit.capacity_relaxed_l:.2f} L relaxed, {fit.capacity_stretched_l:.2f} L "
        f"stretched); load {fit.load_mass_g:.0f} g",
        f"{'fits' if fit.fits else 'DOES NOT FIT'}: {len(fit.placements)} items placed, "
        f"{len(fit.unplaced)} not",
        "",
    ]
    by_pocket: dict[str, list[str]] = defaultdict(list)
    for label, _, pocket in fit.placements:
        by_pocket[pocket].append(label)
    for cap in fit.capacities:
        name = cap.pocket.name
        share = fit.pocket_volume_l[name] / cap.stretched_l if cap.stretched_l else 0.0
        pressure = fit.pocket_pressure_kpa.get(name)
        pressed = f", presses {pressure:.1f} kPa" if pressure else ""
        lines.append(
            f"  {name} ({cap.pocket.purpose}, {cap.pocket.location}, {cap.pocket.shape}): "
            f"{fit.pocket_volume_l[name]:.2f} / {cap.stretched_l:.2f} L ({share:.0%}), "
            f"{fit.pocket_mass_g[name]:.0f} g{pressed}; stretch limited by {cap.limited_by}"
        )
        lines += [f"      {label}: {fit.reasons[label]}" for label in by_pocket.get(name, [])]
    if fit.unplaced:
        lines += ["", "not placed:"]
        lines += [f"  {label}: {reason}" for label, _, reason in fit.unplaced]
    left, front = fit.com_offset_cm
    lines += [
        "",
        f"balance: {fit.front_share:.0%} of the load in front, {fit.left_share:.0%} on the left; "
        f"centre of mass {left:+.1f} cm to the left, {front:+.1f} cm to the front of mid-torso",
        f"body fit: chest {fit.fit_range_cm[0]:.0f}–{fit.fit_range_cm[1]:.0f} cm "
        f"({'fits' if fit.body_fits else 'does not fit'} the runner's {fit.body_chest_cm:g} cm)",
    ]
    return "\n".join(lines)
