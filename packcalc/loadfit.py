"""Load fit, the model: how a pocket takes an item, placing the load by optimisation,
balance, the girth a vest fits, the load's centre of mass. Numbers and arrays only:
``packcalc.fit`` turns a design and the library into them.

The placement solves mixed-integer programs with ``scipy.optimize.milp``:

- x[t, j] counts the items of type t (identical items together) in pocket j, defined
  only where the item fits the pocket (shape, volume, reach: the feasibility matrix);
- each item in at most one pocket; the items of a pocket fit its stretched volume;
- three objectives in order, each keeping the optimum of the one before: place as much
  as possible by priority (each level worth more than all the levels below together, so
  the placed set is optimal), then the pockets' purpose scores for their items, then
  mass × the place's carriage (heavy items where they ride best);
- then a local search moves and swaps items between pockets equal for them on both
  scores, to balance front/back and left/right (putting the balance into the program
  made one placement cost 0.1–0.6 s instead of ~30 ms).

The tension modulus of a stretch fabric (no published value for vest fabrics) is
estimated from the EN 14704-1 force levels for its elastane content on a 50 mm strip,
reached at its stated stretch limit: an assumption, flagged in the results.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from packcalc import capacity
from packcalc.errors import PackcalcError

# EN 14704-1:2005 force levels by elastane content (the higher of the two listed), on a
# strip taken as 50 mm wide ([en-14704-1-2005]; both readings are assumptions).
EN14704_FORCE_N = ((0.05, 0.12, 8.0), (0.12, 0.20, 10.0), (0.20, 1.0, 14.0))
STRIP_WIDTH_M = 0.05
NON_ELASTANE_FORCE_N = 8.0  # a stretch fabric without elastane: the lowest band's level
COMFORT_LIMIT_KPA = capacity.COMFORT_PRESSURE_KPA["sportswear maximum"]  # 3.3 kPa
SNUG_GRAMS_PER_LITRE = 10.0  # placement tie-break: a litre of pocket is worth 10 g of balance
PROTRUSION = 0.25  # an item may stand out of a pocket by a quarter of its length (a flask cap)
# A running vest holds the load without compressing the chest: at the largest chest it
# fits, it presses what clothing-pressure studies call negligible, 0.4 kPa (Kawabata,
# via Anthropometry, Apparel Sizing and Design, ch. 13, Table 13.5 [zakaria-gupta-2020]).
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


def fits_shape(
    shape: str,
    length_cm: float,
    width_cm: float | None,
    height_cm: float | None,
    diameter_cm: float | None,
    perimeter_cm: float,
    pocket_height_cm: float,
) -> bool:
    """Can an item go into a pocket: its girth through the pocket's stretched section
    (``perimeter_cm``), its length within the pocket's height?

    The item may stand out of the pocket by :data:`PROTRUSION` of its length (a flask's
    cap); a box item may go in on any of its faces.
    """
    if shape == "cylinder":
        orientations = [(math.pi * diameter_cm, length_cm)]
    else:
        a, b, c = sorted((length_cm, width_cm, height_cm), reverse=True)
        orientations = [(2 * (b + c), a), (2 * (a + c), b), (2 * (a + b), c)]
    return any(
        girth <= perimeter_cm and length * (1 - PROTRUSION) <= pocket_height_cm
        for girth, length in orientations
    )


def priority_weights(levels: Sequence[int]) -> list[float]:
    """A weight per item from its priority level: each level worth more than every
    lower level together (so maximising the sum places by priority)."""
    weight_of: dict[int, float] = {}
    running = 0.0
    for level in sorted(set(levels)):
        weight_of[level] = running + 1.0
        running += weight_of[level] * sum(1 for v in levels if v == level)
    return [weight_of[v] for v in levels]


def _solve(
    c: np.ndarray,
    constraints: list[LinearConstraint],
    upper: np.ndarray,
    lower: np.ndarray,
) -> np.ndarray:
    result = milp(
        c,
        constraints=constraints,
        integrality=np.ones_like(c),
        bounds=Bounds(lower, upper),
        options={"time_limit": 10.0, "mip_rel_gap": 1e-9},
    )
    if result.x is None:
        raise PackcalcError(
            "load.pins", f"the pinned items do not fit their pockets together ({result.message})"
        )
    return result.x


def place(
    type_of: Sequence[Any],
    volume_l: Sequence[float],
    weight: Sequence[float],
    feasible: Sequence[Sequence[bool]],
    purpose: Sequence[Sequence[float]],
    carriage: Sequence[Sequence[float]],
    stretched_l: Sequence[float],
    pinned: Mapping[int, int] | None = None,
) -> list[int | None]:
    """The pocket of each item (an index, or None), by three programs in order.

    Parameters
    ----------
    type_of : sequence
        A key per item; items with the same key are identical and share one variable
        per pocket (which removes the symmetric solutions).
    volume_l : sequence of float
        Packed volume of each item [L].
    weight : sequence of float
        Priority weight of each item (:func:`priority_weights`).
    feasible : n × m booleans
        Whether item i fits pocket j (shape, volume, reach).
    purpose : n × m numbers
        Score of pocket j's purpose for item i (0-3).
    carriage : n × m numbers
        Item i's mass × how well pocket j's place carries weight [g].
    stretched_l : sequence of float
        Stretched capacity of each pocket [L].
    pinned : mapping of int to int, optional
        Items the designer put in a pocket (item → pocket); each must be feasible.

    Returns
    -------
    list of int or None
    """
    pinned = dict(pinned or {})
    n, m = len(volume_l), len(stretched_l)
    types: dict[Any, list[int]] = defaultdict(list)
    for i in range(n):
        types[(type_of[i], pinned.get(i))].append(i)
    groups = list(types.values())
    pairs = [
        (t, j)
        for t, members in enumerate(groups)
        for j in range(m)
        if feasible[members[0]][j] and pinned.get(members[0], j) == j
    ]
    choice: list[int | None] = [None] * n
    if not pairs:
        return choice
    first = [members[0] for members in groups]
    objectives = [
        np.array([weight[first[t]] for t, _ in pairs], dtype=float),
        np.array([purpose[first[t]][j] for t, j in pairs], dtype=float),
        np.array([carriage[first[t]][j] for t, j in pairs], dtype=float),
    ]
    rows_type = np.zeros((len(groups), len(pairs)))
    rows_pocket = np.zeros((m, len(pairs)))
    for col, (t, j) in enumerate(pairs):
        rows_type[t, col] = 1.0
        rows_pocket[j, col] = volume_l[first[t]]
    counts = np.array([len(members) for members in groups], dtype=float)
    upper = np.array([counts[t] for t, _ in pairs])
    lower = np.array([counts[t] if first[t] in pinned else 0.0 for t, _ in pairs])
    constraints = [
        LinearConstraint(rows_type, -np.inf, counts),
        LinearConstraint(rows_pocket, -np.inf, np.asarray(stretched_l, dtype=float)),
    ]
    solution = lower
    for objective in objectives:
        solution = _solve(-objective, constraints, upper, lower)
        # keep this optimum while ranking the next (half a unit of slack: the scores are
        # whole numbers; the carriage comes last)
        constraints.append(LinearConstraint(objective, float(objective @ solution) - 0.5, np.inf))
    for col, (t, j) in enumerate(pairs):
        for _ in range(round(solution[col])):
            member = next(i for i in groups[t] if choice[i] is None)
            choice[member] = j
    return choice


def _imbalance(
    mass_g: Sequence[float],
    front_share: Sequence[float],
    left_share: Sequence[float],
    stretched_l: Sequence[float],
    choice: Sequence[int | None],
) -> float:
    """|front − back| + |left − right| of the load [g] + the snug tie-break."""
    fb = lr = snug = 0.0
    for i, j in enumerate(choice):
        if j is None:
            continue
        fb += mass_g[i] * (2 * front_share[j] - 1)
        lr += mass_g[i] * (2 * left_share[j] - 1)
        snug += SNUG_GRAMS_PER_LITRE * stretched_l[j]
    return abs(fb) + abs(lr) + snug


def rebalance(
    mass_g: Sequence[float],
    volume_l: Sequence[float],
    front_share: Sequence[float],
    left_share: Sequence[float],
    stretched_l: Sequence[float],
    choice: list[int | None],
    allowed: Sequence[Sequence[bool]],
) -> None:
    """Move and swap placed items between allowed pockets, to balance the load.

    First-improvement local search on the front/back and left/right imbalance of the
    mass (plus a tie-break for the snugger pocket), keeping every pocket within its
    stretched volume. Works in place on ``choice``; stops when no move or swap improves,
    or after 50 passes.
    """
    fill = [0.0] * len(stretched_l)
    for i, j in enumerate(choice):
        if j is not None:
            fill[j] += volume_l[i]
    placed = [i for i, j in enumerate(choice) if j is not None]

    def score() -> float:
        return _imbalance(mass_g, front_share, left_share, stretched_l, choice)

    best = score()
    for _ in range(50):
        improved = False
        for i in placed:
            here = choice[i]
            for j, ok in enumerate(allowed[i]):
                if not ok or j == here or fill[j] + volume_l[i] > stretched_l[j] + 1e-9:
                    continue
                choice[i] = j
                if score() < best - 1e-9:
                    fill[here] -= volume_l[i]
                    fill[j] += volume_l[i]
                    best, here, improved = score(), j, True
                else:
                    choice[i] = here
        for a_index, a in enumerate(placed):
            for b in placed[a_index + 1 :]:
                ja, jb = choice[a], choice[b]
                if ja == jb or not (allowed[a][jb] and allowed[b][ja]):
                    continue
                delta = volume_l[a] - volume_l[b]
                if fill[jb] + delta > stretched_l[jb] + 1e-9:
                    continue
                if fill[ja] - delta > stretched_l[ja] + 1e-9:
                    continue
                choice[a], choice[b] = jb, ja
                if score() < best - 1e-9:
                    fill[ja] -= delta
                    fill[jb] += delta
                    best, improved = score(), True
                else:
                    choice[a], choice[b] = ja, jb
        if not improved:
            return


def fill_strain(volume_l: float, strains: np.ndarray, volumes: np.ndarray) -> float:
    """Strain at which a pocket's volume equals its content [-] (interpolated on its
    volume-over-strain curve; 0 when the content fits the relaxed pocket)."""
    if not len(strains) or volume_l <= volumes[0] or strains[-1] <= 0:
        return 0.0
    return float(np.interp(volume_l, volumes, strains))


def girth_range_cm(
    lengths_cm: Sequence[Any],
    moduli_n_m: Sequence[float],
    limits: Sequence[float],
    smallest_gap_cm: Any,
    largest_gap_cm: Any,
    take_up_cm: float,
    fit_pressure_kpa: float = FIT_PRESSURE_KPA,
) -> tuple[Any, Any]:
    r"""Chest circumferences a vest fits, as a size chart prints them [cm].

    - **Smallest chest**: the panels at rest and every adjuster pulled in (the gap at its
      smallest, the side adjusters' take-up removed).
    - **Largest chest**: every adjuster let out and the panels stretched until the vest
      presses ``fit_pressure_kpa`` on the chest. The panels are springs in series under
      one tension T, each growing by :math:`L_i T / k_i`, with :math:`T = p R` (Laplace
      on a torso of radius :math:`R = C / 2\pi`) and no panel beyond its stretch limit.

    Parameters
    ----------
    lengths_cm : sequence of float or array
        Girth of each stretch segment at rest [cm] (back, both fronts, both wings).
    moduli_n_m : sequence of float
        Tension modulus k of each segment's fabric [N/m] (infinite: does not stretch).
    limits : sequence of float
        Stretch limit of each segment's fabric [-].
    smallest_gap_cm, largest_gap_cm : float or array
        The front gap with the sternum straps pulled in and let out [cm].
    take_up_cm : float
        Girth the side adjusters take up when cinched [cm].
    fit_pressure_kpa : float, optional
        Pressure on the chest at the largest size [kPa] (default :data:`FIT_PRESSURE_KPA`).

    Returns
    -------
    (float or ndarray, float or ndarray)
        Smallest and largest chest circumference [cm].
    """
    panels = sum(lengths_cm)
    radius_m = (panels + largest_gap_cm) / (2 * math.pi) / 100
    tension = fit_pressure_kpa * 1000 * radius_m
    for modulus, limit in zip(moduli_n_m, limits, strict=True):
        if limit > 0:
            tension = np.minimum(tension, modulus * limit)
    stretched = sum(
        length * (1 + (tension / modulus if limit > 0 else 0.0))
        for length, modulus, limit in zip(lengths_cm, moduli_n_m, limits, strict=True)
    )
    return panels + smallest_gap_cm - take_up_cm, stretched + largest_gap_cm


def com_offset_cm(
    chest_cm: float,
    front_x_cm: float,
    locations: Sequence[str],
    mass_g: Sequence[float],
) -> tuple[float, float]:
    """Centre of mass of the load from the torso's mid-planes [cm]: (left, front).

    The chest section is an ellipse of perimeter ``chest_cm`` (Ramanujan) with depth over
    width :data:`TORSO_DEPTH_TO_WIDTH`; front pockets sit ``front_x_cm`` from the centre
    line on the chest, back pockets on the spine, side and hip pockets at the flanks.
    """
    total = sum(mass_g)
    if not total:
        return (0.0, 0.0)
    r = TORSO_DEPTH_TO_WIDTH
    h = ((1 - r) / (1 + r)) ** 2
    half_width = chest_cm / (math.pi * (1 + r) * (1 + 3 * h / (10 + math.sqrt(4 - 3 * h))))
    half_depth = r * half_width
    positions = {
        "front-left": (front_x_cm, half_depth),
        "front-right": (-front_x_cm, half_depth),
        "back": (0.0, -half_depth),
        "side-left": (half_width, 0.0),
        "side-right": (-half_width, 0.0),
        "hip-left": (half_width, 0.0),
        "hip-right": (-half_width, 0.0),
    }
    x = sum(positions[loc][0] * m for loc, m in zip(locations, mass_g, strict=True)) / total
    y = sum(positions[loc][1] * m for loc, m in zip(locations, mass_g, strict=True)) / total
    return (x, y)


def pocket_pressure_kpa(
    shape: str, width_cm: float, gusset_cm: float, modulus_n_m: float, strain: float
) -> float:
    """Pressure a full pocket stretched to ``strain`` puts on the body [kPa] (Laplace:
    the fabric's tension over the radius of the bulging section)."""
    radius = float(capacity.pocket_section(shape, width_cm, gusset_cm, strain)[1])
    return float(capacity.laplace_pressure_kpa(modulus_n_m, strain, radius))
