"""Many variants of a design at once: sweeps, sensitivity, the trade-off front.

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
from packcalc.fit import (  # noqa: F401  (pocket_margins: kept importable from here)
    fit_range_cm,
    pocket_capacity,
    pocket_margins,
    pockets_fit_panels,
)
from packcalc.library import Library, did_you_mean, load_library
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
    "neck.width": "neck_width",
    "wing.scoop": "wing_scoop",
}
PARAMETER_UNITS = {"gsm": "g/m**2", "layers": "", "pressure": "kPa", "pocket.scale": ""}
OUTPUTS = (
    "weight_g", "packed_volume_l", "capacity_relaxed_l", "capacity_nominal_l",
    "capacity_stretched_l",
)  # fmt: skip
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
    raise PackcalcError(f"vary.{path}", f"unknown parameter{did_you_mean(path, _all_paths())}")


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
    margins.append(o["side_wing_depth"] - o["wing_scoop"] - STRICT)
    return margins


def valid_options(options: Mapping[str, Any], chest_cm: Any) -> np.ndarray:
    """Whether each variant's options make a vest (the checks of ``pattern.draft``)."""
    margins = option_margins(options, chest_cm)
    ok = np.ones(np.broadcast_shapes(*(np.shape(m) for m in margins)), dtype=bool)
    for margin in margins:
        ok &= margin >= 0
    return ok


def _scaled(pocket: Pocket, scale: float) -> Pocket:
    return dataclasses.replace(
        pocket, width_cm=pocket.width_cm * scale, height_cm=pocket.height_cm * scale
    )


SCALE_STEP = 0.02  # pocket scales between grid points are interpolated
EXACT_SCALES = 4  # up to this many distinct scales, capacities are computed at each


def _capacities(design: Design, library: Library, scales: np.ndarray) -> tuple[Any, Any, Any]:
    """Relaxed, nominal and stretched capacity [L] for each pocket scale.

    Computed at the grid points of :data:`SCALE_STEP` that bracket the scales (the strain
    limit comes from a search on each pocket, not a formula) and interpolated linearly in
    between: capacity grows smoothly with the scale. A handful of variants (up to
    :data:`EXACT_SCALES` scales) are computed at their own scales, exactly: what a single
    design's figures and the optimiser's final check use."""
    scales = np.asarray(scales, dtype=float)
    if np.unique(scales).size <= EXACT_SCALES:
        grid = np.unique(scales)
    else:
        low = np.floor(scales / SCALE_STEP + 1e-9)
        grid = np.unique(np.concatenate([low, low + 1])) * SCALE_STEP
    totals = np.empty((3, len(grid)))
    for index, scale in enumerate(grid):
        exact = round(float(scale), 9)
        caps = [pocket_capacity(_scaled(p, exact), library) for p in design.pockets]
        totals[:, index] = [sum(c.relaxed_l for c in caps), sum(c.nominal_l for c in caps),
                            sum(c.stretched_l for c in caps)]  # fmt: skip
    return tuple(np.interp(scales, grid, t).reshape(scales.shape) for t in totals)


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
    relaxed, nominal, stretched = _capacities(design, library, scales)
    all_options = {**design.options, **options}
    chest_min, chest_max = fit_range_cm(design, library, options=options)
    return {
        "chest_min_cm": np.broadcast_to(chest_min, (n,)).astype(float),
        "chest_max_cm": np.broadcast_to(chest_max, (n,)).astype(float),
        "weight_g": weight,
        "packed_volume_l": soft + inputs.rigid_volume_l,
        "packed_floor_l": floor + inputs.rigid_volume_l,
        "capacity_relaxed_l": relaxed,
        "capacity_nominal_l": nominal,
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
        ``packed_floor_l``, ``capacity_relaxed_l``, ``capacity_nominal_l`` (pockets
        filled snug), ``capacity_stretched_l``, each of
        shape (N,), ``chest_min_cm`` and ``chest_max_cm`` (the body-fit range) and
        ``valid`` (the options make a vest and every pocket lies within its panel).
    """
    library = library or load_library()
    arrays = {path: np.atleast_1d(np.asarray(values)) for path, values in variants.items()}
    n = max((len(a) for a in arrays.values()), default=1)
    for path, array in arrays.items():
        if len(array) not in (1, n):
            raise PackcalcError(f"vary.{path}", f"expected {n} values (or 1), got {len(array)}")
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
            raise PackcalcError(f"vary.{path}", "expected finite numbers")
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
        for name in ("weight_g", "packed_volume_l", "capacity_nominal_l", "capacity_stretched_l"):
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


def _smallest_scale_for_kit(
    design: Design, library: Library, load: str | None, low: float, high: float
) -> float | None:
    """The smallest pocket scale (0.02 steps) at which the load fits, or None."""
    from packcalc.fit import fit_load

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
