"""The lightest design that meets a brief, and the trade-off front around it.

A constrained multi-objective search (NSGA-II, from pymoo) over the pattern options, the
pocket scale and the fabric of each panel group, each generation evaluated in one
vectorised pass (:func:`packcalc.batch.evaluate`). Objectives: weight (least), nominal
capacity (most), packed volume (least). Constraints, each a margin that must stay ≥ 0
(:func:`constraint_margins`):

- the pattern drafts in every size of the brief (XS–XL by default) and every pocket lies
  within its panel;
- the straps reach over the shoulder to the front in every size: each strap is at least
  the length that lies on the shoulder, and the vest hangs from the shoulders to between
  the armhole line and the waist;
- the vest fits its runner (the body-fit range holds the runner's chest, and the
  sternum straps have a gap to pull in);
- nominal capacity at least, packed volume at most (the brief);
- the loaded vest presses at most 4 kPa under the shoulder straps
  (:mod:`packcalc.comfort`), loaded with the heavier of the brief's kit and what fills
  its nominal capacity at the density of the UTMB mandatory kit (a vest must carry what
  it holds);
- fabrics by role and durability: load-bearing panels (back, straps, fronts: the
  pockets and the load hang from them) only in fabrics the library rates load-bearing,
  unless the brief allows any fabric; a group with a minimum abrasion only in fabrics
  published at or above it (same test method).

Then the lightest designs of the front are checked with the load fit (a mixed-integer
program) until one carries the kit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from packcalc import comfort
from packcalc.batch import (
    OPTION_ALIASES,
    OUTPUTS,
    _option,
    _smallest_scale_for_kit,
    apply,
    base_value,
    candidate_fabrics,
    evaluate,
    option_margins,
    pareto_front,
    pocket_margins,
)
from packcalc.design import PANEL_GROUPS, Design, body_for_size, detail_counts
from packcalc.errors import PackcalcError
from packcalc.fit import fit_load, load_items
from packcalc.library import Library, load_library
from packcalc.pattern import OPTION_SPECS, grade_options
from packcalc.tables import dataframe

SCALE_RANGE = (0.6, 1.6)
SIZES = ("XS", "S", "M", "L", "XL")
LOAD_BEARING_GROUPS = ("back", "strap", "front")  # they hang the load from the shoulders
# The vest hangs from the shoulders at least to the armhole line: a tailor's depth of
# scye is about half the back length (breast/6 + 3 in = 24.1 cm at a 39 in breast against
# a 46.7 cm back length; W. D. F. Vincent's vest system, see docs/pattern.md).
SCYE_SHARE_OF_BACK_LENGTH = 0.5


@dataclasses.dataclass(frozen=True)
class Brief:
    """What the lightest design must meet.

    ``capacity_min_l`` [L] nominal capacity (every pocket filled snug, the figure a brand
    prints), ``packed_max_l`` [L] at ``pressure_kpa`` [kPa] (default: the design's),
    ``load`` a load list whose items must all fit (``None``: the design's own load;
    ``""``: no load), ``sizes`` every size the pattern must draft, ``shoulder_max_kpa``
    the pressure under the straps with the vest and its load, ``min_abrasion`` per panel
    group ``(cycles, method)``, ``any_fabric`` to allow fabrics not rated load-bearing
    on the load-bearing panels (back, straps and fronts).
    """

    capacity_min_l: float | None = None
    packed_max_l: float | None = None
    pressure_kpa: float | None = None
    load: str | None = None
    sizes: tuple[str, ...] = SIZES
    shoulder_max_kpa: float = comfort.SHOULDER_PRESSURE_LIMIT_KPA
    min_abrasion: Mapping[str, tuple[float, str]] = dataclasses.field(default_factory=dict)
    any_fabric: bool = False


@dataclasses.dataclass(frozen=True)
class Constraint:
    """A constraint of the brief at a design: its value, its limit, whether it holds and
    whether it is limiting (the design sits at it)."""

    name: str
    value: float
    limit: float
    upper: bool  # True: value ≤ limit; False: value ≥ limit
    unit: str = ""

    @property
    def margin(self) -> float:
        return self.limit - self.value if self.upper else self.value - self.limit

    @property
    def met(self) -> bool:
        return self.margin >= -1e-9

    @property
    def active(self) -> bool:
        """Limiting: within 1 % of its limit (or 0.05 of its unit when the limit is 0)."""
        return self.met and self.margin <= max(0.01 * abs(self.limit), 0.05)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 4),
            "limit": round(self.limit, 4),
            "unit": self.unit,
            "met": self.met,
            "active": self.active,
        }


@dataclasses.dataclass(frozen=True)
class Optimum:
    """The lightest design found, its constraints, and the trade-off front."""

    design: Design
    weight_g: float
    capacity_nominal_l: float
    capacity_stretched_l: float
    packed_volume_l: float
    constraints: tuple[Constraint, ...]
    kit_fits: bool
    evaluated: int
    feasible: int
    front: dict[str, np.ndarray]
    notes: tuple[str, ...] = ()

    def to_dataframe(self) -> Any:
        """The trade-off front, one row per design: its parameters and figures."""
        return dataframe({k: v for k, v in self.front.items() if np.ndim(v) == 1})

    @property
    def binding(self) -> tuple[str, ...]:
        """The limiting constraints' names (kept under its first name for scripts)."""
        return tuple(c.name for c in self.constraints if c.active)


# ------------------------------------------------------------------------ constraints


def constraint_margins(
    design: Design,
    library: Library,
    brief: Brief,
    values: Mapping[str, Any],
    result: Mapping[str, np.ndarray],
    load_mass_g: float,
) -> list[tuple[str, Any, float, bool, str]]:
    """Every constraint of the brief for N variants: ``(name, value, limit, upper,
    unit)`` with the value an array of shape (N,) (see the module docstring)."""
    n = len(result["weight_g"])
    options = {**design.options, **{_option(p): v for p, v in values.items() if _option(p)}}
    options = {k: np.broadcast_to(np.asarray(v, dtype=float), (n,)) for k, v in options.items()}
    scale = np.asarray(values.get("pocket.scale", 1.0), dtype=float)
    drafts = np.full(n, np.inf)
    reach = np.full(n, np.inf)
    for size in brief.sizes:
        body = body_for_size(size, library, "sizes")
        graded = grade_options(options, design.body, body)
        for margin in option_margins(graded, body.chest):
            drafts = np.minimum(drafts, margin)
        hang = (graded["back_height"] + graded["strap_length"] + graded["front_height"]) / 2
        reach = np.minimum(reach, graded["strap_length"] - comfort.SHOULDER_CONTACT_CM)
        reach = np.minimum(reach, hang - SCYE_SHARE_OF_BACK_LENGTH * body.back_length)
        reach = np.minimum(reach, body.back_length - hang)
    pockets = np.full(n, np.inf)
    for margin in pocket_margins(design, options, scale):
        pockets = np.minimum(pockets, margin)
    chest = design.body.chest
    fits = np.minimum(chest - result["chest_min_cm"], result["chest_max_cm"] - chest)
    if detail_counts(design)["sternum-strap"]:
        # the sternum straps need a gap to pull the fronts together
        fits = np.minimum(fits, options["front_gap"] - library.details["sternum-strap"].min_gap_cm)
    full = result["capacity_nominal_l"] * kit_density_g_l(library)
    shoulders = comfort.shoulder_pressure_kpa(
        result["weight_g"] + np.maximum(load_mass_g, full), options["strap_width"]
    )
    sizes = "–".join((brief.sizes[0], brief.sizes[-1])) if len(brief.sizes) > 1 else brief.sizes[0]
    out = [
        (f"drafts in every size ({sizes})", drafts, 0.0, False, "cm"),
        ("every pocket within its panel", pockets, 0.0, False, "cm"),
        ("straps reach over the shoulder in every size", reach, 0.0, False, "cm"),
        ("fits its runner's chest", fits, 0.0, False, "cm"),
        ("shoulder pressure", shoulders, brief.shoulder_max_kpa, True, "kPa"),
    ]
    if brief.capacity_min_l is not None:
        out.append(("nominal capacity", result["capacity_nominal_l"], brief.capacity_min_l,
                    False, "L"))  # fmt: skip
    if brief.packed_max_l is not None:
        out.append(("packed volume", result["packed_volume_l"], brief.packed_max_l, True, "L"))
    return out


def allowed_fabrics(
    design: Design,
    library: Library,
    brief: Brief,
    fabrics: Mapping[str, Sequence[str]] | None = None,
) -> tuple[dict[str, list[str]], list[str]]:
    """The fabric choices per panel group that the brief allows, and notes on what it
    left out (fabrics not rated load-bearing on straps and fronts; fabrics below or
    without a published abrasion where the brief sets a minimum)."""
    choices = dict(fabrics) if fabrics is not None else candidate_fabrics(design, library)
    notes = []
    not_bearing: dict[str, list[str]] = {}  # fabric → the groups it was left out of
    allowed = {}
    for group in PANEL_GROUPS:
        kept = []
        for fabric_id in choices.get(group, [design.group_spec(group).fabric]):
            fabric = library.fabric(fabric_id, f"allowed_fabrics.{group}")
            if group in LOAD_BEARING_GROUPS and not brief.any_fabric and not fabric.load_bearing:
                not_bearing.setdefault(fabric_id, []).append(f"{group}s")
                continue
            if group in brief.min_abrasion:
                cycles, method = brief.min_abrasion[group]
                if fabric.abrasion_method != method or (fabric.abrasion_cycles or 0) < cycles:
                    notes.append(
                        f"{fabric_id} left out of the {group}: no published {method} abrasion "
                        f"of {cycles:g} cycles or more"
                    )
                    continue
            kept.append(fabric_id)
        if not kept:
            raise PackcalcError(
                f"fabrics.{group}", "no fabric meets the brief (load-bearing, abrasion)"
            )
        allowed[group] = kept
    for fabric_id, groups in not_bearing.items():
        where = groups[0] if len(groups) == 1 else f"{', '.join(groups[:-1])} and {groups[-1]}"
        notes.insert(0, f"{fabric_id} left out of the {where}: not rated load-bearing")
    return allowed, notes


# ----------------------------------------------------------------------------- search


@dataclasses.dataclass
class _Space:
    """The search variables: continuous paths with bounds, then one index per fabric
    group."""

    paths: list[str]
    bounds: list[tuple[float, float]]
    fabrics: dict[str, list[str]]

    def decode(self, x: np.ndarray) -> dict[str, Any]:
        values: dict[str, Any] = {p: x[:, i] for i, p in enumerate(self.paths)}
        for k, (group, choices) in enumerate(self.fabrics.items()):
            index = np.clip(x[:, len(self.paths) + k].astype(int), 0, len(choices) - 1)
            values[f"fabric.{group}"] = np.asarray(choices, dtype=object)[index]
        return values

    def start(self, design: Design, library: Library) -> np.ndarray:
        """The design itself as one point of the first generation."""
        point = [
            float(np.clip(base_value(design, p, library), lo, hi))
            for p, (lo, hi) in zip(self.paths, self.bounds, strict=True)
        ]
        point += [
            float(choices.index(design.group_spec(group).fabric))
            if design.group_spec(group).fabric in choices
            else 0.0
            for group, choices in self.fabrics.items()
        ]
        return np.array(point)


def _space(
    design: Design,
    library: Library,
    brief: Brief,
    fabrics: dict[str, list[str]],
    locks: Sequence[str],
    notes: list[str],
) -> _Space:
    for lock in locks:
        if lock not in OPTION_ALIASES and lock != "pocket.scale":
            hint = ", ".join([*OPTION_ALIASES, "pocket.scale"])
            raise PackcalcError("locks", f"unknown parameter {lock!r}: expected one of {hint}")
    paths, bounds = [], []
    for path in [*OPTION_ALIASES, "pocket.scale"]:
        if path in locks:
            continue
        if path == "pocket.scale":
            low, high = SCALE_RANGE
            if brief.load != "":
                # The kit sets how small the pockets may get.
                smallest = _smallest_scale_for_kit(design, library, brief.load, low, high)
                if smallest is None:
                    raise PackcalcError(
                        "brief", f"the kit does not fit even with every pocket scaled ×{high:g}"
                    )
                notes.append(
                    f"pockets no smaller than ×{smallest:.2f} of the design's: below that the "
                    "kit does not fit"
                )
                low = smallest
        else:
            spec = OPTION_SPECS[OPTION_ALIASES[path]]
            low, high = spec.minimum, spec.maximum
        paths.append(path)
        bounds.append((low, high))
    return _Space(paths, bounds, fabrics)


def optimise(
    design: Design,
    brief: Brief,
    library: Library | None = None,
    fabrics: Mapping[str, Sequence[str]] | None = None,
    locks: Sequence[str] = (),
    samples: int = 10_000,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    population: int = 100,
) -> Optimum:
    """The lightest design that meets a brief, and the trade-off front (NSGA-II).

    Parameters
    ----------
    design : Design
        The starting design (its pockets, trims, load and other choices stay).
    brief : Brief
        The constraints.
    library : Library, optional
        The materials library.
    fabrics : mapping of str to sequence of str, optional
        Fabric choices per panel group (default: the design's and the lightest of the
        same construction, :func:`packcalc.batch.candidate_fabrics`), before the brief's
        role and durability rules.
    locks : sequence of str, optional
        Parameter paths kept at the design's value (``"back.height"``,
        ``"pocket.scale"``).
    samples : int, optional
        Designs evaluated in all (default 10 000: 100 generations of ``population``).
    seed : int, optional
        Random seed (the same brief gives the same answer).
    progress : callable, optional
        ``progress(done, total)`` after each generation.
    population : int, optional
        Designs per generation (default 100).

    Returns
    -------
    Optimum
    """
    from pymoo.algorithms.moo.nsga2 import NSGA2
    from pymoo.core.callback import Callback
    from pymoo.core.problem import Problem
    from pymoo.optimize import minimize

    library = library or load_library()
    notes: list[str] = []
    allowed, fabric_notes = allowed_fabrics(design, library, brief, fabrics)
    notes += fabric_notes
    space = _space(design, library, brief, allowed, locks, notes)
    pressure = brief.pressure_kpa or design.squeeze_pressure_kpa
    load_mass = _load_mass(design, library, brief.load)
    history: list[tuple[dict[str, Any], dict[str, np.ndarray], np.ndarray]] = []

    def evaluate_points(x: np.ndarray) -> tuple[dict[str, Any], dict[str, np.ndarray], list]:
        values = space.decode(x)
        result = evaluate(design, {**values, "pressure": np.full(len(x), pressure)}, library)
        margins = constraint_margins(design, library, brief, values, result, load_mass)
        return values, result, margins

    class Vest(Problem):
        def __init__(self) -> None:
            low = [b[0] for b in space.bounds] + [0.0] * len(space.fabrics)
            high = [b[1] for b in space.bounds] + [len(c) - 1e-9 for c in space.fabrics.values()]
            n_constr = 5 + (brief.capacity_min_l is not None) + (brief.packed_max_l is not None)
            super().__init__(n_var=len(low), n_obj=3, n_ieq_constr=n_constr,
                             xl=np.array(low), xu=np.array(high))  # fmt: skip

        def _evaluate(self, x: np.ndarray, out: dict, *args: Any, **kwargs: Any) -> None:
            values, result, margins = evaluate_points(x)
            g = np.column_stack([
                (value - limit) / _scale(limit, unit) if upper
                else (limit - value) / _scale(limit, unit)
                for _, value, limit, upper, unit in margins
            ])  # fmt: skip
            out["F"] = np.column_stack(
                [result["weight_g"], -result["capacity_nominal_l"], result["packed_volume_l"]]
            )
            out["G"] = g
            history.append((values, result, np.all(g <= 1e-9, axis=1)))

    generations = max(samples // population, 2)

    class Report(Callback):
        def notify(self, algorithm: Any) -> None:
            if progress is not None:
                progress(algorithm.n_gen, generations)

    rng = np.random.default_rng(seed)
    problem = Vest()
    start = rng.uniform(problem.xl, problem.xu, (population, problem.n_var))
    start[0] = space.start(design, library)
    result = minimize(
        problem,
        NSGA2(pop_size=population, sampling=start),
        ("n_gen", generations),
        seed=seed,
        callback=Report(),
        verbose=False,
    )
    return _best(design, library, brief, space, result, history, load_mass, pressure, notes)


def _best(
    design: Design,
    library: Library,
    brief: Brief,
    space: _Space,
    result: Any,
    history: list,
    load_mass: float,
    pressure: float,
    notes: list[str],
) -> Optimum:
    """The lightest feasible design of the search that carries the kit, with its
    constraints and the front of every feasible design evaluated."""
    values_all = {k: np.concatenate([np.asarray(h[0][k]) for h in history]) for k in history[0][0]}
    outputs = {k: np.concatenate([h[1][k] for h in history]) for k in history[0][1]}
    feasible = np.concatenate([h[2] for h in history])
    evaluated = len(feasible)
    if not feasible.any():
        raise PackcalcError(
            "brief",
            f"none of {evaluated} designs meets it: loosen it, unlock a parameter or allow more "
            "fabrics",
        )
    rows = np.nonzero(feasible)[0]
    front_rows = rows[
        pareto_front(
            outputs["weight_g"][rows],
            -outputs["capacity_nominal_l"][rows],
            outputs["packed_volume_l"][rows],
        )
    ]
    front = {name: outputs[name][front_rows] for name in OUTPUTS}
    for path, array in values_all.items():
        front[path] = array[front_rows]
    order = front_rows[np.argsort(outputs["weight_g"][front_rows])]
    values, final, constraints, kit_fits = _sewable_choice(
        design, library, brief, [{p: values_all[p][row] for p in values_all} for row in order],
        pressure, load_mass, notes,
    )  # fmt: skip
    best = apply(design, values, library)
    for path, (low, high) in zip(space.paths, space.bounds, strict=True):
        value = float(values[path])
        if value <= low + 0.01 * (high - low):
            notes.append(f"{path} at its lower bound {low:g}")
        elif value >= high - 0.01 * (high - low):
            notes.append(f"{path} at its upper bound {high:g}")
    return Optimum(
        design=best,
        weight_g=float(final["weight_g"][0]),
        capacity_nominal_l=float(final["capacity_nominal_l"][0]),
        capacity_stretched_l=float(final["capacity_stretched_l"][0]),
        packed_volume_l=float(final["packed_volume_l"][0]),
        constraints=constraints,
        kit_fits=kit_fits,
        evaluated=evaluated,
        feasible=int(feasible.sum()),
        front=front,
        notes=tuple(notes),
    )


CANDIDATES = 10  # the lightest designs of the front checked as they would be sewn


def as_sewn(values: Mapping[str, Any]) -> dict[str, Any]:
    """One variant's values as a pattern writes them: lengths to the millimetre, the
    pocket scale to 0.1 %, areal densities to 0.1 g/m² (fabrics, layers and the
    pressure as they are)."""
    out: dict[str, Any] = {}
    for path, value in values.items():
        if _option(path) is not None:
            out[path] = round(float(value), 1)
        elif path == "pocket.scale":
            out[path] = round(float(value), 3)
        elif path.startswith("gsm."):
            out[path] = round(float(value), 1)
        else:
            out[path] = value
    return out


def _checked(
    design: Design,
    library: Library,
    brief: Brief,
    values: Mapping[str, Any],
    pressure: float,
    load_mass: float,
) -> tuple[dict[str, np.ndarray], tuple[Constraint, ...]]:
    """A variant evaluated on its own (capacities computed, not interpolated), and its
    constraints."""
    one = {k: [v] for k, v in values.items()}
    final = evaluate(design, {**one, "pressure": [pressure]}, library)
    constraints = tuple(
        Constraint(name, float(np.asarray(value)[0]), limit, upper, unit)
        for name, value, limit, upper, unit in constraint_margins(
            design, library, brief, one, final, load_mass
        )
    )
    return final, constraints


def _sewable_choice(
    design: Design,
    library: Library,
    brief: Brief,
    candidates: Sequence[Mapping[str, Any]],
    pressure: float,
    load_mass: float,
    notes: list[str],
) -> tuple[dict[str, Any], dict[str, np.ndarray], tuple[Constraint, ...], bool]:
    """The lightest of the front's designs that, rounded as sewn (:func:`as_sewn`), still
    meets every constraint and, if the brief names a load, carries it; failing that, the
    lightest that meets the constraints, or else the lightest as found (with a note)."""

    def carries(values: Mapping[str, Any]) -> bool:
        return (
            brief.load == ""
            or fit_load(apply(design, values, library), library, brief.load or None).fits
        )

    fallback = None
    for values in (as_sewn(v) for v in candidates[:CANDIDATES]):
        final, constraints = _checked(design, library, brief, values, pressure, load_mass)
        if not all(c.met for c in constraints):
            continue
        if carries(values):
            return values, final, constraints, True
        fallback = fallback or (values, final, constraints, False)
    if fallback is not None:
        notes.append("none of the ten lightest designs carries the whole kit: the lightest")
        return fallback
    notes.append(
        "rounded to the millimetre, none of the ten lightest designs meets the brief: the "
        "lightest as found"
    )
    values = dict(candidates[0])
    final, constraints = _checked(design, library, brief, values, pressure, load_mass)
    return values, final, constraints, carries(values)


def _scale(limit: float, unit: str) -> float:
    """A constraint's typical size, so that the search weighs them alike."""
    return max(abs(limit), {"cm": 1.0, "kPa": 1.0, "L": 0.5}.get(unit, 1.0))


def kit_density_g_l(library: Library, load: str = "utmb") -> float:
    """Mass per packed litre of a load list [g/L] (the UTMB mandatory kit: 2606 g in
    4.71 L in the library, 553 g/L): what a vest filled with race kit weighs per litre."""
    entries = library.loadlist(load).items
    mass = sum(library.items[e.item].mass_g * e.quantity for e in entries)
    return mass / sum(library.items[e.item].volume_l * e.quantity for e in entries)


def _load_mass(design: Design, library: Library, load: str | None) -> float:
    """Mass of the kit the brief carries [g] (none when the brief has no load)."""
    if load == "":
        return 0.0
    return float(sum(item.mass_g for item in load_items(design, library, load or None)))
