"""Many variants of a design at once: sweeps, sensitivity, the lightest design for a brief.

:func:`evaluate` runs the same models as :func:`packcalc.estimate` (the weight parts of
``packcalc.estimator.weight_parts`` on the closed-form pattern geometry, the packing law,
the pocket capacities) with numpy arrays in place of single values: one code path for
one design and for a million variants.

Parameter paths (the names the command line's ``--vary`` takes):

- pattern options: ``back.height``, ``back.width``, ``back.neck_drop``, ``strap.width``,
  ``strap.length``, ``front.height``, ``front.width``, ``neckline.drop``, ``wing.depth``,
  ``front.gap``, ``fit.ease`` (or ``options.<name>``) [cm];
- per panel group (``back``, ``strap``, ``front``, ``wing``): ``gsm.<group>`` areal
  density [g/m²], ``layers.<group>``, ``fabric.<group>`` (fabric ids: a categorical
  choice);
- ``pressure`` [kPa] of the packed volume;
- ``pocket.scale``: every pocket's width and height times this factor [-].
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from packcalc import packing
from packcalc.design import PANEL_GROUPS, Design, Pocket
from packcalc.errors import PackcalcError
from packcalc.estimator import packing_inputs, weight_parts
from packcalc.library import Library, did_you_mean, load_library
from packcalc.loadfit import fit_range_cm, pocket_capacity
from packcalc.pattern import MIN_WING_LENGTH, OPTION_SPECS, wing_length

OPTION_ALIASES = {
    "back.height": "back_height",
    "back.width": "back_width",
    "back.neck_drop": "back_neck_drop",
    "strap.width": "strap_width",
    "strap.length": "strap_length",
    "front.height": "front_height",
    "front.width": "front_width",
    "neckline.drop": "neckline_drop",
    "wing.depth": "side_wing_depth",
    "front.gap": "front_gap",
    "fit.ease": "fit_ease",
}
PARAMETER_UNITS = {"gsm": "g/m**2", "layers": "", "pressure": "kPa", "pocket.scale": ""}
OUTPUTS = ("weight_g", "packed_volume_l", "capacity_relaxed_l", "capacity_stretched_l")
EVALUATE_CHUNK = 65_536


def parameter_paths(design: Design) -> list[str]:
    """Every numeric parameter path of a design (for sensitivity and sweeps)."""
    return [*OPTION_ALIASES, *(f"gsm.{g}" for g in PANEL_GROUPS), "pressure", "pocket.scale"]


def _option(path: str) -> str | None:
    if path in OPTION_ALIASES:
        return OPTION_ALIASES[path]
    if path.startswith("options.") and path[8:] in OPTION_SPECS:
        return path[8:]
    return None


def base_value(design: Design, path: str, library: Library) -> float:
    """The design's own value of a numeric parameter."""
    option = _option(path)
    if option:
        return float(design.options[option])
    kind, _, group = path.partition(".")
    if kind == "gsm" and group in PANEL_GROUPS:
        spec = design.group_spec(group)
        return float(spec.areal_density_gsm or library.fabrics[spec.fabric].areal_density_gsm)
    if kind == "layers" and group in PANEL_GROUPS:
        return float(design.group_spec(group).layers)
    if path == "pressure":
        return float(design.squeeze_pressure_kpa)
    if path == "pocket.scale":
        return 1.0
    raise PackcalcError(f"--vary {path}", f"unknown parameter{did_you_mean(path, _all_paths())}")


def _all_paths() -> list[str]:
    groups = [f"{k}.{g}" for k in ("gsm", "layers", "fabric") for g in PANEL_GROUPS]
    return [*OPTION_ALIASES, *groups, "pressure", "pocket.scale"]


STRICT = 1e-6  # [cm] margins that must be positive, not just zero


def option_margins(options: Mapping[str, Any], chest_cm: Any) -> list[Any]:
    """Slack of every rule the draft enforces [cm]: all ≥ 0 when the options make a vest
    (limits of each option, the girth closes, strap narrower than half the back, wing
    lower than back and front, neck dip above the wings)."""
    o = {k: np.asarray(v, dtype=float) for k, v in options.items()}
    margins = []
    for name, spec in OPTION_SPECS.items():
        margins += [o[name] - spec.minimum, spec.maximum - o[name]]
    wing = wing_length(o, chest_cm)
    margins.append(wing - MIN_WING_LENGTH)
    margins.append(o["back_width"] - 2 * o["strap_width"] - STRICT)
    margins.append(o["back_height"] - o["side_wing_depth"] - STRICT)
    margins.append(o["front_height"] - o["side_wing_depth"] - STRICT)
    margins.append(o["back_height"] - o["side_wing_depth"] - o["back_neck_drop"] - STRICT)
    return margins


def valid_options(options: Mapping[str, Any], chest_cm: Any) -> np.ndarray:
    """Whether each variant's options make a vest (the checks of ``pattern.draft``)."""
    margins = option_margins(options, chest_cm)
    ok = np.ones(np.broadcast_shapes(*(np.shape(m) for m in margins)), dtype=bool)
    for margin in margins:
        ok &= margin >= 0
    return ok


def pocket_margins(design: Design, options: Mapping[str, Any], scale: Any = 1.0) -> list[Any]:
    """Slack [cm] of every pocket's flat width and height within the panel it sits on:
    front pockets on a front panel, back pockets on the back, side and hip pockets on a
    side wing."""
    o = {k: np.asarray(v, dtype=float) for k, v in {**design.options, **options}.items()}
    wing = wing_length(o, design.body)
    panel = {
        "front": (o["front_width"], o["front_height"]),
        "back": (o["back_width"], o["back_height"]),
        "side": (wing, o["side_wing_depth"]),
        "hip": (wing, o["side_wing_depth"]),
    }
    margins = []
    for pocket in design.pockets:
        width, height = panel[pocket.location.split("-")[0]]
        margins += [width - pocket.width_cm * scale, height - pocket.height_cm * scale]
    return margins


def pockets_fit_panels(design: Design, options: Mapping[str, Any], scale: Any = 1.0) -> Any:
    """Whether every pocket lies within its panel (see :func:`pocket_margins`)."""
    ok: Any = True
    for margin in pocket_margins(design, options, scale):
        ok = ok & (margin >= -1e-9)
    return ok


def _scaled(pocket: Pocket, scale: float) -> Pocket:
    return dataclasses.replace(
        pocket, width_cm=pocket.width_cm * scale, height_cm=pocket.height_cm * scale
    )


def _capacities(design: Design, library: Library, scales: np.ndarray) -> tuple[Any, Any]:
    """Relaxed and stretched capacity [L] for each pocket scale (computed per distinct
    scale: the strain limit comes from a search on each pocket, not a formula)."""
    unique, inverse = np.unique(np.round(scales, 6), return_inverse=True)
    relaxed = np.empty(len(unique))
    stretched = np.empty(len(unique))
    for index, scale in enumerate(unique):
        caps = [pocket_capacity(_scaled(p, float(scale)), library) for p in design.pockets]
        relaxed[index] = sum(c.relaxed_l for c in caps)
        stretched[index] = sum(c.stretched_l for c in caps)
    return relaxed[inverse].reshape(scales.shape), stretched[inverse].reshape(scales.shape)


def _evaluate_numeric(
    design: Design, library: Library, values: Mapping[str, np.ndarray], n: int
) -> dict[str, np.ndarray]:
    options: dict[str, Any] = {}
    gsm: dict[str, Any] = {}
    layers: dict[str, Any] = {}
    pressure: Any = design.squeeze_pressure_kpa
    scale: Any = 1.0
    for path, array in values.items():
        option = _option(path)
        kind, _, group = path.partition(".")
        if option:
            options[option] = array
        elif kind == "gsm":
            gsm[group] = array
        elif kind == "layers":
            layers[group] = array
        elif path == "pressure":
            pressure = array
        elif path == "pocket.scale":
            scale = array
    pocket_dims = None
    if not np.isscalar(scale):
        pocket_dims = {
            p.name: {"width": p.width_cm * scale, "height": p.height_cm * scale}
            for p in design.pockets
        }
    parts = weight_parts(
        design, library, options=options, gsm=gsm, layers=layers, pocket_dims=pocket_dims
    )
    weight = np.zeros(n)
    for part in parts:
        weight = weight + part.mass_g
    inputs = packing_inputs(parts, library)
    pressure = np.broadcast_to(np.asarray(pressure, dtype=float), (n,))
    soft = np.zeros(n)
    floor = np.zeros(n)
    for m, rho, phi0, modulus, fold in inputs.soft_parts:
        phi = packing.compressed_fraction(pressure, phi0, modulus)
        soft = soft + packing.packed_volume_l(m, rho, phi, fold)
        floor = floor + packing.solid_volume_l(m, rho)
    scales = np.broadcast_to(np.asarray(scale, dtype=float), (n,))
    relaxed, stretched = _capacities(design, library, scales)
    all_options = {**design.options, **options}
    chest_min, chest_max = fit_range_cm(design, library, options=options)
    return {
        "chest_min_cm": np.broadcast_to(chest_min, (n,)).astype(float),
        "chest_max_cm": np.broadcast_to(chest_max, (n,)).astype(float),
        "weight_g": weight,
        "packed_volume_l": soft + inputs.rigid_volume_l,
        "packed_floor_l": floor + inputs.rigid_volume_l,
        "capacity_relaxed_l": relaxed,
        "capacity_stretched_l": stretched,
        "valid": np.broadcast_to(
            valid_options(all_options, design.body.chest)
            & pockets_fit_panels(design, options, scale),
            (n,),
        ).copy(),
    }


def evaluate(
    design: Design,
    variants: Mapping[str, Sequence[Any] | np.ndarray],
    library: Library | None = None,
) -> dict[str, np.ndarray]:
    """Weight, packed volume and capacity of N variants of a design, in one numpy pass.

    Parameters
    ----------
    design : Design
        The design the variants change.
    variants : mapping of str to array_like
        Parameter path → values, all of the same length N (or length 1, broadcast);
        ``fabric.<group>`` takes fabric ids, the others numbers in the units of the
        module docstring.
    library : Library, optional
        The materials library.

    Returns
    -------
    dict of str to ndarray
        ``weight_g``, ``packed_volume_l`` (at each variant's pressure),
        ``packed_floor_l``, ``capacity_relaxed_l``, ``capacity_stretched_l``, each of
        shape (N,), ``chest_min_cm`` and ``chest_max_cm`` (the body-fit range) and
        ``valid`` (the options make a vest and every pocket lies within its panel).
    """
    library = library or load_library()
    arrays = {path: np.atleast_1d(np.asarray(values)) for path, values in variants.items()}
    n = max((len(a) for a in arrays.values()), default=1)
    for path, array in arrays.items():
        if len(array) not in (1, n):
            raise PackcalcError(f"--vary {path}", f"expected {n} values (or 1), got {len(array)}")
    if n > EVALUATE_CHUNK:
        # Blocks of variants keep the working arrays in the CPU caches and the memory low.
        blocks = [
            evaluate(
                design,
                {
                    p: a if len(a) == 1 else a[start : start + EVALUATE_CHUNK]
                    for p, a in arrays.items()
                },
                library,
            )
            for start in range(0, n, EVALUATE_CHUNK)
        ]
        return {name: np.concatenate([b[name] for b in blocks]) for name in blocks[0]}
    fabrics = {p: a for p, a in arrays.items() if p.startswith("fabric.")}
    numeric = {}
    for path, array in arrays.items():
        if path in fabrics:
            group = path.partition(".")[2]
            if group not in PANEL_GROUPS:
                raise PackcalcError(path, f"expected one of {', '.join(PANEL_GROUPS)}")
            for fabric_id in set(array.tolist()):
                library.fabric(str(fabric_id), path)
            continue
        base_value(design, path, library)  # refuses unknown paths
        values = array.astype(float)
        if not np.all(np.isfinite(values)):
            raise PackcalcError(f"--vary {path}", "expected finite numbers")
        numeric[path] = np.broadcast_to(values, (n,))
    if not fabrics:
        return _evaluate_numeric(design, library, numeric, n)

    # A fabric choice changes which laws apply: evaluate each combination on its rows.
    keys = list(fabrics)
    combos = np.stack([np.broadcast_to(fabrics[k], (n,)).astype(str) for k in keys], axis=1)
    unique, inverse = np.unique(combos, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    out = {
        name: np.empty(n) for name in (*OUTPUTS, "packed_floor_l", "chest_min_cm", "chest_max_cm")
    }
    out["valid"] = np.empty(n, dtype=bool)
    for index, combo in enumerate(unique):
        rows = np.nonzero(inverse == index)[0]
        variant = apply(design, dict(zip(keys, combo, strict=True)), library)
        part = _evaluate_numeric(
            variant, library, {p: v[rows] for p, v in numeric.items()}, len(rows)
        )
        for name, values in part.items():
            out[name][rows] = values
    return out


# --------------------------------------------------------------------------- sensitivity


def sensitivity(
    design: Design, library: Library | None = None, step: float = 0.10
) -> list[dict[str, Any]]:
    """The change of weight, packed volume and capacity for ± ``step`` of each parameter.

    Parameters
    ----------
    design : Design
        The design.
    library : Library, optional
        The materials library.
    step : float, optional
        Relative change of each parameter (default 0.10: ±10 %).

    Returns
    -------
    list of dict
        Per parameter: ``parameter``, ``value``, the outputs at −step and +step
        (``weight_g_low`` …) and the elasticity of the weight
        (Δweight/weight) / (Δx/x), largest effect on weight first.
    """
    library = library or load_library()
    paths = [p for p in parameter_paths(design) if base_value(design, p, library) != 0]
    base = evaluate(design, {}, library)
    n = 2 * len(paths)
    variants = {}
    for index, path in enumerate(paths):
        value = base_value(design, path, library)
        column = np.full(n, value)
        column[2 * index] = value * (1 - step)
        column[2 * index + 1] = value * (1 + step)
        variants[path] = column
    out = evaluate(design, variants, library)
    rows = []
    for index, path in enumerate(paths):
        low, high = 2 * index, 2 * index + 1
        row: dict[str, Any] = {"parameter": path, "value": base_value(design, path, library)}
        for name in ("weight_g", "packed_volume_l", "capacity_stretched_l"):
            row[f"{name}_low"] = float(out[name][low])
            row[f"{name}_high"] = float(out[name][high])
        weight = float(base["weight_g"][0])
        row["weight_elasticity"] = (
            (row["weight_g_high"] - row["weight_g_low"]) / weight / (2 * step)
        )
        row["valid"] = bool(out["valid"][low] and out["valid"][high])
        rows.append(row)
    return sorted(rows, key=lambda r: -abs(r["weight_g_high"] - r["weight_g_low"]))


# --------------------------------------------------------------------------- sweeps


def grid(axes: Mapping[str, Sequence[Any]]) -> dict[str, np.ndarray]:
    """Every combination of the axes (a full factorial), as equal-length columns."""
    names = list(axes)
    mesh = np.meshgrid(*[np.asarray(axes[name]) for name in names], indexing="ij")
    return {name: values.reshape(-1) for name, values in zip(names, mesh, strict=True)}


def chunked(
    design: Design,
    variants: Mapping[str, np.ndarray],
    library: Library | None = None,
    chunk: int = 200_000,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, np.ndarray]:
    """:func:`evaluate` in chunks, calling ``progress(done, total)`` after each; a
    KeyboardInterrupt returns what was computed so far (rows done; the rest NaN)."""
    n = max((len(np.atleast_1d(v)) for v in variants.values()), default=1)
    out: dict[str, np.ndarray] = {}
    done = 0
    try:
        for start in range(0, n, chunk):
            stop = min(start + chunk, n)
            part = evaluate(
                design,
                {
                    k: np.broadcast_to(np.atleast_1d(v), (n,))[start:stop]
                    for k, v in variants.items()
                },
                library,
            )
            for name, values in part.items():
                if name not in out:
                    out[name] = np.full(n, np.nan) if values.dtype != bool else np.zeros(n, bool)
                out[name][start:stop] = values
            done = stop
            if progress:
                progress(done, n)
    except KeyboardInterrupt:
        out["interrupted_at"] = np.array([done])
    return out


def pareto_front(*objectives: np.ndarray) -> np.ndarray:
    """Indices of the non-dominated points (every objective minimised).

    Parameters
    ----------
    *objectives : ndarray
        One array per objective, same length; negate the ones to maximise.

    Returns
    -------
    ndarray of int
        The indices of the points no other point beats on every objective.
    """
    points = np.stack(objectives, axis=1)
    order = np.lexsort(points.T[::-1])
    front: list[int] = []
    for index in order:
        candidate = points[index]
        if not any(np.all(points[f] <= candidate) and np.any(points[f] < candidate) for f in front):
            front = [
                f
                for f in front
                if not (np.all(candidate <= points[f]) and np.any(candidate < points[f]))
            ]
            front.append(int(index))
    return np.array(sorted(front), dtype=int)


# --------------------------------------------------------------------------- optimisation


@dataclasses.dataclass(frozen=True)
class Brief:
    """What the lightest design must meet.

    ``capacity_min_l`` [L] (stretched), ``packed_max_l`` [L] at ``pressure_kpa`` [kPa]
    (default: the design's), ``load`` a load list whose items must all fit (``None``:
    the design's own load; ``""``: no load check), ``sizes`` every size of the size
    table the pattern must draft.
    """

    capacity_min_l: float | None = None
    packed_max_l: float | None = None
    pressure_kpa: float | None = None
    load: str | None = None
    sizes: tuple[str, ...] = ("S", "M", "L", "XL")


def _smallest_scale_for_kit(
    design: Design, library: Library, load: str | None, low: float, high: float
) -> float | None:
    """The smallest pocket scale (0.02 steps) at which the load fits, or None."""
    from packcalc.loadfit import fit_load

    def fits(scale: float) -> bool:
        return fit_load(apply(design, {"pocket.scale": scale}, library), library, load).fits

    if not fits(high):
        return None
    if fits(low):
        return low
    lo, hi = low, high  # fits(lo) is False, fits(hi) is True
    while hi - lo > 0.02:
        mid = round((lo + hi) / 2 / 0.02) * 0.02
        if mid in (lo, hi):
            break
        lo, hi = (lo, mid) if fits(mid) else (mid, hi)
    return hi


@dataclasses.dataclass(frozen=True)
class Optimum:
    """The lightest design found, what holds it there, and the trade-off front."""

    design: Design
    weight_g: float
    capacity_stretched_l: float
    packed_volume_l: float
    binding: tuple[str, ...]
    kit_fits: bool
    evaluated: int
    feasible: int
    front: dict[str, np.ndarray]
    notes: tuple[str, ...] = ()


SCALE_RANGE = (0.6, 1.6)


def candidate_fabrics(design: Design, library: Library, per_group: int = 4) -> dict[str, list[str]]:
    """Fabric choices per panel group: the design's fabric and the lightest fabrics of the
    same construction class (a knit panel stays a knit, a mesh a mesh)."""
    out = {}
    for group in PANEL_GROUPS:
        current = design.group_spec(group).fabric
        construction = library.fabrics[current].construction
        same = sorted(
            (f for f in library.fabrics.values() if f.construction == construction),
            key=lambda f: f.areal_density_gsm,
        )
        choices = [current, *[f.id for f in same if f.id != current][: per_group - 1]]
        out[group] = choices
    return out


def apply(design: Design, values: Mapping[str, Any], library: Library | None = None) -> Design:
    """The design with one variant's values (options, fabrics, areal density, layers,
    pressure, pocket scale) written in: a design that can be estimated and saved."""
    options = dict(design.options)
    panels = dict(design.panels)
    pockets = design.pockets
    pressure = design.squeeze_pressure_kpa
    for path, value in values.items():
        option = _option(path)
        kind, _, group = path.partition(".")
        if option:
            options[option] = float(value)
        elif kind in ("fabric", "gsm", "layers"):
            for name in [group, *(f"{group}-{side}" for side in ("left", "right"))]:
                if name not in panels:
                    continue
                if kind == "fabric":
                    panels[name] = dataclasses.replace(panels[name], fabric=str(value))
                elif kind == "gsm":
                    panels[name] = dataclasses.replace(panels[name], areal_density_gsm=float(value))
                else:
                    panels[name] = dataclasses.replace(panels[name], layers=round(float(value)))
        elif path == "pressure":
            pressure = float(value)
        elif path == "pocket.scale":
            pockets = tuple(_scaled(p, float(value)) for p in design.pockets)
    return dataclasses.replace(
        design, options=options, panels=panels, pockets=pockets, squeeze_pressure_kpa=pressure
    )


def _sizes_valid(design: Design, options: Mapping[str, Any], sizes: Sequence[str],
                 library: Library) -> np.ndarray:  # fmt: skip
    from packcalc.design import body_for_size
    from packcalc.pattern import grade_options

    ok = np.ones(np.broadcast_shapes(*(np.shape(v) for v in options.values())), dtype=bool)
    for size in sizes:
        body = body_for_size(size, library, "sizes")
        graded = grade_options(options, design.body, body)
        ok &= valid_options(graded, body.chest)
    return ok


def optimise(
    design: Design,
    brief: Brief,
    library: Library | None = None,
    fabrics: Mapping[str, Sequence[str]] | None = None,
    variables: Sequence[str] | None = None,
    samples: int = 20_000,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Optimum:
    """The lightest design that meets a brief.

    A random search over the continuous variables (pattern options, pocket scale) and
    every combination of fabric choices, evaluated in one vectorised pass; then a local
    refinement of the best candidates with ``scipy.optimize.minimize`` (SLSQP) with the
    fabrics fixed; then the load fit (mixed-integer program) of the best candidates
    until one carries the kit.

    Parameters
    ----------
    design : Design
        The starting design (its pockets, trims, load and other choices stay).
    brief : Brief
        The constraints.
    library : Library, optional
        The materials library.
    fabrics : mapping of str to sequence of str, optional
        Fabric choices per panel group (default :func:`candidate_fabrics`).
    variables : sequence of str, optional
        Continuous parameter paths to vary (default: every pattern option and
        ``pocket.scale``).
    samples : int, optional
        Random variants evaluated (default 20 000).
    seed : int, optional
        Random seed (the same brief gives the same answer).
    progress : callable, optional
        ``progress(done, total)`` during the search.

    Returns
    -------
    Optimum
    """
    from scipy.optimize import minimize

    from packcalc.design import body_for_size
    from packcalc.loadfit import fit_load
    from packcalc.pattern import grade_options

    library = library or load_library()
    fabrics = dict(fabrics) if fabrics is not None else candidate_fabrics(design, library)
    variables = list(variables) if variables is not None else [*OPTION_ALIASES, "pocket.scale"]
    pressure = brief.pressure_kpa or design.squeeze_pressure_kpa
    bounds = {}
    for path in variables:
        option = _option(path)
        if option:
            spec = OPTION_SPECS[option]
            bounds[path] = (spec.minimum, spec.maximum)
        elif path == "pocket.scale":
            bounds[path] = SCALE_RANGE
        else:
            raise PackcalcError(path, "only pattern options and pocket.scale are optimised")

    notes = ["durability floors are not applied: the library holds no abrasion figures as data"]
    if "pocket.scale" in bounds and brief.load != "":
        # The kit fixes how small the pockets may get: the smallest scale that carries it.
        low, high = bounds["pocket.scale"]
        smallest = _smallest_scale_for_kit(design, library, brief.load, low, high)
        if smallest is None:
            raise PackcalcError(
                "brief", f"the kit does not fit even with every pocket scaled ×{high:g}"
            )
        bounds["pocket.scale"] = (smallest, high)
        notes.append(f"the kit needs pockets at ×{smallest:.2f} of the design's or more")

    rng = np.random.default_rng(seed)
    variants: dict[str, Any] = {}
    for path, (low, high) in bounds.items():
        variants[path] = rng.uniform(low, high, samples)
        if path == "pocket.scale":  # on a 0.02 grid: each distinct scale costs a capacity search
            variants[path] = np.clip(np.round(variants[path] / 0.02) * 0.02, low, high)
        variants[path][0] = np.clip(base_value(design, path, library), low, high)
    for group, choices in fabrics.items():
        variants[f"fabric.{group}"] = rng.choice(np.asarray(choices, dtype=object), samples)
        variants[f"fabric.{group}"][0] = choices[0]
    variants["pressure"] = np.full(samples, pressure)
    out = chunked(design, variants, library, chunk=max(samples // 10, 1000), progress=progress)
    if "interrupted_at" in out:
        raise KeyboardInterrupt

    def constraints_ok(result: Mapping[str, np.ndarray], options: Mapping[str, Any]) -> np.ndarray:
        ok = result["valid"].copy()
        ok &= _sizes_valid(design, options, brief.sizes, library)
        # The vest must still fit its runner, relaxed to fully stretched.
        ok &= (result["chest_min_cm"] <= design.body.chest) & (
            design.body.chest <= result["chest_max_cm"]
        )
        if brief.capacity_min_l is not None:
            ok &= result["capacity_stretched_l"] >= brief.capacity_min_l
        if brief.packed_max_l is not None:
            ok &= result["packed_volume_l"] <= brief.packed_max_l
        return ok

    option_arrays = {**design.options, **{_option(p): v for p, v in variants.items() if _option(p)}}
    feasible = constraints_ok(out, option_arrays)
    sizes_ok = out["valid"] & _sizes_valid(design, option_arrays, brief.sizes, library)
    front_index = np.nonzero(sizes_ok)[0]
    front_rows = front_index[
        pareto_front(
            out["weight_g"][front_index],
            -out["capacity_stretched_l"][front_index],
            out["packed_volume_l"][front_index],
        )
    ] if len(front_index) else front_index  # fmt: skip
    front = {name: out[name][front_rows] for name in OUTPUTS}
    for path in variants:
        front[path] = np.asarray(variants[path])[front_rows]
    if not feasible.any():
        raise PackcalcError(
            "brief",
            f"none of {samples} variants meets it (sizes {', '.join(brief.sizes)}, capacity ≥ "
            f"{brief.capacity_min_l} L, packed ≤ {brief.packed_max_l} L): loosen it or widen "
            "the fabric choices",
        )

    # Refine the best few fabric combinations with SLSQP on the pattern options (the
    # pocket scale stays at the sample's: capacity is a search, not a smooth function).
    order = np.argsort(np.where(feasible, out["weight_g"], np.inf))
    paths = [p for p in bounds if p != "pocket.scale"]
    tried: list[tuple[float, dict[str, Any]]] = []
    seen_combos = set()
    for index in order[: max(50, samples // 100)]:
        if not feasible[index]:
            break
        combo = tuple(str(variants[f"fabric.{g}"][index]) for g in fabrics)
        if combo in seen_combos:
            continue
        seen_combos.add(combo)
        fixed: dict[str, Any] = {f"fabric.{g}": c for g, c in zip(fabrics, combo, strict=True)}
        if "pocket.scale" in bounds:
            fixed["pocket.scale"] = float(variants["pocket.scale"][index])
        start = np.array([variants[p][index] for p in paths])

        def run(x: np.ndarray, fixed: dict[str, Any] = fixed) -> dict[str, np.ndarray]:
            return evaluate(
                design, {**dict(zip(paths, x, strict=True)), **fixed, "pressure": [pressure]},
                library,
            )  # fmt: skip

        def margins(x: np.ndarray, fixed: dict[str, Any] = fixed) -> np.ndarray:
            result = run(x)
            opts = {**design.options, **{_option(p): v for p, v in zip(paths, x, strict=True)
                                         if _option(p)}}  # fmt: skip
            scale = fixed.get("pocket.scale", 1.0)
            values = list(option_margins(opts, design.body.chest))
            values += pocket_margins(design, opts, scale)
            for size in brief.sizes:
                body = body_for_size(size, library, "sizes")
                values += option_margins(grade_options(opts, design.body, body), body.chest)
            values.append(design.body.chest - result["chest_min_cm"][0])
            values.append(result["chest_max_cm"][0] - design.body.chest)
            if brief.capacity_min_l is not None:
                values.append(result["capacity_stretched_l"][0] - brief.capacity_min_l)
            if brief.packed_max_l is not None:
                values.append(brief.packed_max_l - result["packed_volume_l"][0])
            return np.array([float(v) for v in values])

        refined = minimize(
            lambda x: float(run(x)["weight_g"][0]),
            start,
            method="SLSQP",
            bounds=[bounds[p] for p in paths],
            # A hair inside every limit, so the answer passes the exact checks.
            constraints=[{"type": "ineq", "fun": lambda x: margins(x) - 1e-6}],
            options={"maxiter": 30, "ftol": 1e-4},
        )
        x = refined.x if np.all(margins(refined.x) >= 0) else start
        tried.append((float(run(x)["weight_g"][0]), {**dict(zip(paths, x, strict=True)), **fixed}))
        if len(tried) >= 3:
            break

    # The lightest refined candidate that carries the kit.
    candidates = sorted(tried, key=lambda t: t[0])
    candidates += [
        (float(out["weight_g"][i]), {p: variants[p][i] for p in variants if p != "pressure"})
        for i in order[:20]
        if feasible[i]
    ]
    chosen, kit_fits = None, False
    for weight, values in candidates:
        trial = apply(design, values, library)
        if brief.load == "":
            chosen, kit_fits = (weight, values, trial), True
            break
        fit = fit_load(trial, library, brief.load or None)
        if fit.fits:
            chosen, kit_fits = (weight, values, trial), True
            break
    if chosen is None:
        weight, values = candidates[0]
        chosen = (weight, values, apply(design, values, library))
        notes.append("no candidate carries the whole kit: the lightest is shown")
    weight, values, best = chosen
    final = evaluate(
        design, {**{k: [v] for k, v in values.items()}, "pressure": [pressure]}, library
    )

    binding = []
    if (
        brief.capacity_min_l is not None
        and final["capacity_stretched_l"][0] <= brief.capacity_min_l * 1.01
    ):
        binding.append(f"capacity ≥ {brief.capacity_min_l:g} L")
    if brief.packed_max_l is not None and final["packed_volume_l"][0] >= brief.packed_max_l * 0.99:
        binding.append(f"packed volume ≤ {brief.packed_max_l:g} L")
    for path, (low, high) in bounds.items():
        value = float(values[path])
        span = high - low
        if path == "pocket.scale" and value <= low + 0.01 * span and low > SCALE_RANGE[0]:
            binding.append(f"the kit: pockets at ×{low:.2f}, the smallest that carries it")
        elif value <= low + 0.01 * span:
            binding.append(f"{path} at its minimum {low:g}")
        elif value >= high - 0.01 * span:
            binding.append(f"{path} at its maximum {high:g}")
    return Optimum(
        design=best,
        weight_g=float(final["weight_g"][0]),
        capacity_stretched_l=float(final["capacity_stretched_l"][0]),
        packed_volume_l=float(final["packed_volume_l"][0]),
        binding=tuple(binding),
        kit_fits=kit_fits,
        evaluated=samples,
        feasible=int(feasible.sum()),
        front=front,
        notes=tuple(notes),
    )
