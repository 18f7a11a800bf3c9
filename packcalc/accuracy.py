"""Accuracy against real vests: the validation set, the calibration, the errors.

The validation set (``validation/``, see its README) lists commercial vests with a
reference weight from a public source, each written as a packcalc design. This module

- reads it (:func:`read_validation_set`);
- counts each vest as the weight model sees it, without the fitted overheads
  (:func:`counted_vest`);
- fits the two overheads of ``materials/calibration.toml`` on the calibration vests
  only (:func:`fit_calibration`): a fabric overhead [-] and grams per pocket [g], by
  weighted least squares on relative errors, both non-negative;
- estimates every vest: calibration vests by leave-one-out (fitted without the vest;
  the model error of its band from the leave-one-out residuals of the others, so that
  nothing it is judged on has seen it), test vests with the calibration as stored
  (:func:`validate`);
- compares the nominal capacity with the brand's litres, and the packed volume at a
  hand squeeze with every packed-size statement.

Weights: a reviewer's weighing counts 1, a maker's figure 0.5 (``WEIGHED_BY``).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar, nnls

from packcalc import mass
from packcalc.design import Design, load_design
from packcalc.errors import PackcalcError
from packcalc.estimator import estimate, tolerance_inputs, weight_parts
from packcalc.fit import nominal_volume_l
from packcalc.library import NO_CALIBRATION, Calibration, Library, Provenance, load_library
from packcalc.packing import NAMED_PRESSURES
from packcalc.tables import dataframe
from packcalc.units import parse_quantity

WEIGHED_BY = {"reviewer": 1.0, "maker": 0.5}  # how much a reference weight counts
SPLITS = ("calibration", "test", "fresh")  # fresh: found and written after the last revision
PACKED_PRESSURE_KPA = NAMED_PRESSURES["hand squeeze"][0]  # "fits in one hand" and the like
BAND_SAMPLES = 4_000


@dataclass(frozen=True)
class ReferenceVest:
    """A commercial vest of the validation set, with its reference figures."""

    id: str
    name: str
    design_path: Path
    reference_weight_g: float
    weighed_by: str
    weight_includes: str
    included_mass_g: float
    size_weighed: str
    weight_source: str
    capacity_l: float | None
    packed_range_l: tuple[float, float] | None
    packed_statement: str
    split: str
    sourced: tuple[str, ...] = ()
    read: tuple[str, ...] = ()
    notes: str = ""
    # other reviewers' weighings of the same vest as weighed (same version, contents and
    # size or size not stated): how far the references themselves disagree [g]
    repeat_weighings_g: tuple[float, ...] = ()

    @property
    def weight(self) -> float:
        """How much the vest counts in fits and summaries [-] (:data:`WEIGHED_BY`)."""
        return WEIGHED_BY[self.weighed_by]


def validation_dir() -> Path:
    """The folder of the validation set: ``validation/`` of a source checkout, or the
    copy shipped inside the package."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "validation", here.parent / "validation"):
        if (candidate / "vests.toml").is_file():
            return candidate
    raise PackcalcError("validation", f"no validation set (vests.toml) found next to {here}")


def _repeat_weighings(others: list[dict[str, Any]], where: str) -> tuple[float, ...]:
    """The masses of ``other_weights`` marked ``same_configuration`` (reviewers only) [g]."""
    masses = []
    for j, other in enumerate(others):
        if not other.get("same_configuration", False):
            continue
        field_name = f"{where}.other_weights[{j}]"
        if other.get("by") != "reviewer":
            raise PackcalcError(
                f"{field_name}.same_configuration", "only a reviewer's weighing can repeat one"
            )
        masses.append(parse_quantity(other.get("mass"), "g", f"{field_name}.mass"))
    return tuple(masses)


def reference_disagreement_pct(vests: Sequence[ReferenceVest]) -> tuple[float, int]:
    r"""How far two weighings of the same vest differ: the mean absolute difference of
    every repeat weighing from its vest's reference weight [%], and the number of pairs.

    .. math:: \bar d = \frac{100}{n} \sum_{pairs} \left| \frac{m_{other}}{m_{ref}} - 1
              \right|

    A model that knew every vest exactly would still be about this far from a single
    reference (less by up to √2 if both weighings are equally uncertain): the floor
    under the mean absolute error the set can show.
    """
    gaps = [
        abs(other / v.reference_weight_g - 1.0) for v in vests for other in v.repeat_weighings_g
    ]
    return (100.0 * float(np.mean(gaps)) if gaps else float("nan")), len(gaps)


def read_validation_set(folder: Path | str | None = None) -> tuple[ReferenceVest, ...]:
    """The vests of ``vests.toml`` (default: :func:`validation_dir`), checked."""
    folder = Path(folder) if folder is not None else validation_dir()
    try:
        data = tomllib.loads((folder / "vests.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PackcalcError("vests.toml", f"malformed TOML: {exc}") from None
    vests = []
    for i, row in enumerate(data.get("vest", [])):
        where = f"vests.toml: vest[{i}]"

        def get(key: str, default: Any = None, row: dict = row, where: str = where) -> Any:
            if key not in row and default is None:
                raise PackcalcError(f"{where}.{key}", "missing required key")
            return row.get(key, default)

        def quantity(key: str, unit: str, where: str = where) -> float:
            return parse_quantity(get(key), unit, f"{where}.{key}", allow_zero=True)

        packed = tuple(
            parse_quantity(v, "L", f"{where}.packed_volume_range")
            for v in get("packed_volume_range", [])
        )
        if packed and len(packed) != 2:
            raise PackcalcError(f"{where}.packed_volume_range", "expected [low, high]")
        weighed_by, split = get("weighed_by"), get("split")
        if weighed_by not in WEIGHED_BY:
            raise PackcalcError(
                f"{where}.weighed_by", f"expected reviewer or maker, got {weighed_by!r}"
            )
        if split not in SPLITS:
            raise PackcalcError(
                f"{where}.split", f"expected one of {', '.join(SPLITS)}, got {split!r}"
            )
        vests.append(
            ReferenceVest(
                id=get("id"),
                name=f"{get('brand')} {get('model')} {get('version', '')}".strip(),
                design_path=folder / get("design"),
                reference_weight_g=quantity("reference_weight", "g"),
                weighed_by=weighed_by,
                weight_includes=get("weight_includes", ""),
                included_mass_g=quantity("included_mass", "g") if "included_mass" in row else 0.0,
                size_weighed=get("size_weighed", ""),
                weight_source=get("weight_source"),
                capacity_l=quantity("capacity", "L") if "capacity" in row else None,
                packed_range_l=(min(packed), max(packed)) if packed else None,
                packed_statement=get("packed_statement", ""),
                split=split,
                sourced=tuple(get("sourced", [])),
                read=tuple(get("read", [])),
                notes=get("notes", ""),
                repeat_weighings_g=_repeat_weighings(get("other_weights", []), where),
            )
        )
    ids = [v.id for v in vests]
    if len(set(ids)) != len(ids):
        raise PackcalcError("vests.toml", "duplicate vest ids")
    return tuple(vests)


@dataclass(frozen=True)
class CountedVest:
    """A vest as the weight model counts it before the fitted overheads [g]."""

    vest: ReferenceVest
    design: Design
    counted_g: float  # everything the design lists
    fabric_g: float  # of which fabric (what the fabric overhead scales)
    pockets: int  # what grams per pocket multiplies
    nominal_capacity_l: float
    relaxed_capacity_l: float
    stretched_capacity_l: float
    packed_l: float  # at PACKED_PRESSURE_KPA
    tolerance_samples_g: np.ndarray = field(repr=False, compare=False)
    library: Library | None = field(default=None, repr=False, compare=False)

    def nominal_capacity_at(self, fill_kpa: float) -> float:
        """Nominal capacity [L] with every pocket filled to press ``fill_kpa``."""
        return sum(nominal_volume_l(p, self.library, fill_kpa) for p in self.design.pockets)

    @property
    def target_g(self) -> float:
        """What the vest itself should weigh: the reference less what was weighed with it."""
        return self.vest.reference_weight_g - self.vest.included_mass_g

    def predict_g(self, calibration: Calibration) -> float:
        """The estimate with ``calibration``'s overheads [g]."""
        return (
            self.counted_g
            + calibration.fabric_overhead * self.fabric_g
            + calibration.grams_per_pocket * self.pockets
        )

    def band_g(self, calibration: Calibration) -> tuple[float, float]:
        """P5 and P95 of the estimate with ``calibration`` [g]: tolerances and model error."""
        scale = self.predict_g(calibration) / self.counted_g
        widened = mass.with_model_error(self.tolerance_samples_g * scale, calibration.model_error)
        p5, p95 = np.percentile(widened, [5, 95])
        return float(p5), float(p95)


def counted_vest(vest: ReferenceVest, library: Library) -> CountedVest:
    """Load and count one vest of the set (no fitted overheads)."""
    design = load_design(vest.design_path, library)
    parts = weight_parts(design, library, calibration=NO_CALIBRATION)
    counted = float(sum(p.mass_g for p in parts))
    fabric = float(sum(p.mass_g for p in parts if p.fabric is not None))
    samples = mass.tolerance_samples(
        *tolerance_inputs(parts),
        design.tolerances.areal_density,
        design.tolerances.dimensions,
        design.tolerances.trims,
        samples=BAND_SAMPLES,
    )
    result = estimate(design, library=library, pressure_kpa=PACKED_PRESSURE_KPA)
    fit = result.load_fit
    return CountedVest(
        vest=vest,
        design=design,
        counted_g=counted,
        fabric_g=fabric,
        pockets=len(design.pockets),
        nominal_capacity_l=fit.capacity_nominal_l,
        relaxed_capacity_l=fit.capacity_relaxed_l,
        stretched_capacity_l=fit.capacity_stretched_l,
        packed_l=result.packed_volume.m_as("L"),
        tolerance_samples_g=samples,
        library=library,
    )


def _fit_overheads(vests: Sequence[CountedVest]) -> tuple[float, float]:
    r"""Fabric overhead and grams per pocket minimising the weighted relative errors.

    .. math:: \min_{a, b \ge 0} \sum_i w_i \left( \frac{M_i + a F_i + b P_i - R_i}{R_i}
              \right)^2

    with M the counted mass, F its fabric, P the pockets and R the target [g].
    """
    scale = np.array([math.sqrt(v.vest.weight) / v.target_g for v in vests])
    features = np.array([[v.fabric_g, v.pockets] for v in vests]) * scale[:, None]
    gap = np.array([v.target_g - v.counted_g for v in vests]) * scale
    (overhead, per_pocket), _ = nnls(features, gap)
    return float(overhead), float(per_pocket)


FILL_RANGE_KPA = (0.05, 3.3)  # from a light touch to the sportswear comfort maximum


def fit_nominal_fill(vests: Sequence[CountedVest]) -> float:
    r"""The fill pressure at which the vests' nominal capacities best match their brands'
    litres [kPa] (least squares on the log ratio, weighted as the weights).

    .. math:: \min_{p} \sum_i w_i \ln^2 \frac{V_i(p)}{V_{brand, i}}

    over :data:`FILL_RANGE_KPA`; vests without a brand capacity or pockets do not count.
    """
    rated = [v for v in vests if v.vest.capacity_l and v.design.pockets]
    if not rated:
        return 1.3

    def cost(log_p: float) -> float:
        p = math.exp(log_p)
        return sum(
            v.vest.weight * math.log(max(v.nominal_capacity_at(p), 1e-3) / v.vest.capacity_l) ** 2
            for v in rated
        )

    low, high = (math.log(b) for b in FILL_RANGE_KPA)
    best = minimize_scalar(cost, bounds=(low, high), method="bounded", options={"xatol": 1e-3})
    return round(math.exp(best.x), 3)


def _log_error(vest: CountedVest, calibration: Calibration) -> float:
    return math.log(vest.predict_g(calibration) / vest.target_g)


def _loo_errors(vests: Sequence[CountedVest]) -> list[float]:
    """Leave-one-out errors, as the log of estimate over target: each vest predicted by
    a fit on the others."""
    errors = []
    for i, vest in enumerate(vests):
        others = [v for j, v in enumerate(vests) if j != i]
        overhead, per_pocket = _fit_overheads(others)
        errors.append(_log_error(vest, Calibration(overhead, per_pocket, 0.0, (), _NONE)))
    return errors


def _rms(errors: Sequence[float], weights: Sequence[float]) -> float:
    w = np.asarray(weights, dtype=float)
    return float(np.sqrt(np.sum(w * np.square(errors)) / np.sum(w)))


_NONE = Provenance(("fitted",))


def fit_calibration(vests: Sequence[CountedVest]) -> Calibration:
    """The calibration fitted on ``vests`` (the calibration vests): both overheads, the
    model error as the weighted root mean square of the logarithm of their leave-one-out
    estimate over target (a log-normal σ), and the nominal fill pressure.

    Parameters
    ----------
    vests : sequence of CountedVest
        The calibration vests, counted (:func:`counted_vest`).

    Returns
    -------
    Calibration
        ``fabric_overhead`` [-], ``grams_per_pocket`` [g], ``model_error`` [-],
        ``nominal_fill_kpa`` [kPa] and the ids fitted on.
    """
    if len(vests) < 3:
        raise PackcalcError(
            "validation", f"expected at least 3 calibration vests, got {len(vests)}"
        )
    overhead, per_pocket = _fit_overheads(vests)
    model_error = _rms(_loo_errors(vests), [v.vest.weight for v in vests])
    fill = fit_nominal_fill(vests)
    provenance = Provenance(
        ("fitted by packcalc.accuracy.fit_calibration on the calibration vests of "
         "validation/vests.toml",),
    )  # fmt: skip
    return Calibration(
        round(overhead, 4),
        round(per_pocket, 3),
        round(model_error, 4),
        tuple(v.vest.id for v in vests),
        provenance,
        nominal_fill_kpa=fill,
    )


@dataclass(frozen=True)
class VestResult:
    """One vest of the set, estimated as :func:`validate` does."""

    counted: CountedVest
    estimate_g: float
    band_g: tuple[float, float]
    nominal_capacity_l: float

    @property
    def vest(self) -> ReferenceVest:
        return self.counted.vest

    @property
    def error_pct(self) -> float:
        return 100.0 * (self.estimate_g / self.counted.target_g - 1.0)

    @property
    def inside(self) -> bool:
        return self.band_g[0] <= self.counted.target_g <= self.band_g[1]

    @property
    def capacity_error_pct(self) -> float | None:
        brand = self.vest.capacity_l
        if not brand:
            return None
        return 100.0 * (self.nominal_capacity_l / brand - 1.0)

    @property
    def packed_inside(self) -> bool | None:
        if self.vest.packed_range_l is None:
            return None
        low, high = self.vest.packed_range_l
        return low <= self.counted.packed_l <= high

    def to_dict(self) -> dict[str, Any]:
        v, c = self.vest, self.counted
        return {
            "id": v.id,
            "name": v.name,
            "split": v.split,
            "weighed_by": v.weighed_by,
            "size": v.size_weighed,
            "reference_g": v.reference_weight_g,
            "included_g": v.included_mass_g,
            "counted_g": round(c.counted_g, 1),
            "estimate_g": round(self.estimate_g + v.included_mass_g, 1),
            "error_pct": round(self.error_pct, 1),
            "band_g": [round(b + v.included_mass_g, 1) for b in self.band_g],
            "inside_band": self.inside,
            "capacity_brand_l": v.capacity_l,
            "capacity_nominal_l": round(self.nominal_capacity_l, 2),
            "capacity_relaxed_l": round(c.relaxed_capacity_l, 2),
            "capacity_stretched_l": round(c.stretched_capacity_l, 2),
            "capacity_error_pct": None
            if self.capacity_error_pct is None
            else round(self.capacity_error_pct, 1),
            "packed_statement": v.packed_statement,
            "packed_range_l": list(v.packed_range_l) if v.packed_range_l else None,
            "packed_l": round(c.packed_l, 3),
            "packed_inside": self.packed_inside,
            "source": v.weight_source,
        }


@dataclass(frozen=True)
class Validation:
    """The whole comparison: every vest, the calibration used, the summary figures."""

    results: tuple[VestResult, ...]
    calibration: Calibration
    stored: Calibration  # what materials/calibration.toml holds

    def summary(self) -> dict[str, Any]:
        """Mean error, mean absolute error and band coverage of the weight, separately
        for calibration vests (leave-one-out) and test vests, weighted by who weighed;
        the same for reviewer weighings only; capacity and packed-volume comparisons."""
        out: dict[str, Any] = {
            "vests": len(self.results),
            "brands": len({r.vest.name.split()[0] for r in self.results}),
        }
        groups = {
            "": self.results,
            "calibration_": [r for r in self.results if r.vest.split == "calibration"],
            "test_": [r for r in self.results if r.vest.split == "test"],
            "fresh_": [r for r in self.results if r.vest.split == "fresh"],
            "reviewer_": [r for r in self.results if r.vest.weighed_by == "reviewer"],
        }
        for prefix, rows in groups.items():
            if not rows:
                continue
            w = np.array([r.vest.weight for r in rows])
            errors = np.array([r.error_pct for r in rows])
            out[f"{prefix}weight_mean_error_pct"] = round(float(np.average(errors, weights=w)), 2)
            out[f"{prefix}weight_mae_pct"] = round(float(np.average(np.abs(errors), weights=w)), 2)
            inside = np.array([r.inside for r in rows], dtype=float)
            out[f"{prefix}band_coverage"] = round(float(np.average(inside, weights=w)), 3)
            out[f"{prefix}n"] = len(rows)
        capacity = [r.capacity_error_pct for r in self.results if r.capacity_error_pct is not None]
        if capacity:
            out["capacity_mean_error_pct"] = round(float(np.mean(capacity)), 1)
            out["capacity_mae_pct"] = round(float(np.mean(np.abs(capacity))), 1)
            out["capacity_n"] = len(capacity)
        packed = [r.packed_inside for r in self.results if r.packed_inside is not None]
        if packed:
            out["packed_inside_share"] = round(float(np.mean(packed)), 3)
            out["packed_n"] = len(packed)
        disagreement, pairs = reference_disagreement_pct([r.vest for r in self.results])
        if pairs:
            out["reference_disagreement_pct"] = round(disagreement, 1)
            out["reference_pairs_n"] = pairs
        out["fabric_overhead"] = self.calibration.fabric_overhead
        out["grams_per_pocket"] = self.calibration.grams_per_pocket
        out["model_error"] = self.calibration.model_error
        out["nominal_fill_kpa"] = self.calibration.nominal_fill_kpa
        return out

    def worst(self, n: int = 3) -> list[VestResult]:
        """The vests with the largest absolute weight error."""
        return sorted(self.results, key=lambda r: -abs(r.error_pct))[:n]

    def to_dataframe(self) -> Any:
        """One row per vest (as in ``packcalc validate --json``), a pandas DataFrame."""
        return dataframe([r.to_dict() for r in self.results])

    def to_dict(self) -> dict[str, Any]:
        """The ``packcalc validate --json`` output."""
        return {
            "vests": [r.to_dict() for r in self.results],
            "summary": self.summary(),
            "calibration": {
                "fabric_overhead": self.calibration.fabric_overhead,
                "grams_per_pocket": self.calibration.grams_per_pocket,
                "model_error": self.calibration.model_error,
                "nominal_fill_kpa": self.calibration.nominal_fill_kpa,
                "fitted_on": list(self.calibration.fitted_on),
                "matches_stored": self.calibration_is_stored,
            },
        }

    @property
    def calibration_is_stored(self) -> bool:
        """Whether ``materials/calibration.toml`` holds this fit and its summary."""
        fitted, stored = self.calibration, self.stored
        summary = self.summary()
        figures = {k: summary[k] for k in STORED_FIGURES if k in summary}
        return (
            fitted.fitted_on == stored.fitted_on
            and figures == dict(stored.accuracy)
            and math.isclose(fitted.fabric_overhead, stored.fabric_overhead, abs_tol=1e-4)
            and math.isclose(fitted.grams_per_pocket, stored.grams_per_pocket, abs_tol=1e-3)
            and math.isclose(fitted.model_error, stored.model_error, abs_tol=1e-4)
            and math.isclose(fitted.nominal_fill_kpa, stored.nominal_fill_kpa, abs_tol=1e-3)
        )


def validate(library: Library | None = None, folder: Path | str | None = None) -> Validation:
    """Estimate every vest of the validation set and compare it with its reference.

    Calibration vests are estimated by leave-one-out: the overheads are fitted on the
    other calibration vests, and the band's model error is the leave-one-out error of
    those others. Test vests are estimated with the calibration fitted on all the
    calibration vests.

    Parameters
    ----------
    library : Library, optional
        The materials library (default: the packaged one).
    folder : path, optional
        The validation set (default: :func:`validation_dir`).

    Returns
    -------
    Validation
    """
    library = library or load_library()
    counted = [counted_vest(v, library) for v in read_validation_set(folder)]
    calibration_set = [c for c in counted if c.vest.split == "calibration"]
    fitted = fit_calibration(calibration_set)
    results = []
    for vest in counted:
        if vest.vest.split == "calibration":
            others = [c for c in calibration_set if c is not vest]
            overhead, per_pocket = _fit_overheads(others)
            error = _rms(_loo_errors(others), [c.vest.weight for c in others])
            calibration = Calibration(overhead, per_pocket, error, (), _NONE)
            fill = fit_nominal_fill(others)
        else:
            calibration, fill = fitted, fitted.nominal_fill_kpa
        results.append(
            VestResult(
                vest,
                vest.predict_g(calibration),
                vest.band_g(calibration),
                vest.nominal_capacity_at(fill),
            )
        )
    return Validation(tuple(results), fitted, library.calibration)


# The summary figures calibration.toml keeps, for the app (no validation run per page).
STORED_FIGURES = (
    "vests", "calibration_n", "calibration_weight_mae_pct", "calibration_weight_mean_error_pct",
    "calibration_band_coverage", "test_n", "test_weight_mae_pct", "test_weight_mean_error_pct",
    "test_band_coverage", "fresh_n", "fresh_weight_mae_pct", "fresh_weight_mean_error_pct",
    "fresh_band_coverage", "band_coverage", "capacity_mae_pct", "capacity_mean_error_pct",
    "reference_disagreement_pct",
)  # fmt: skip


def calibration_toml(validation: Validation) -> str:
    """``materials/calibration.toml`` for a validation run: its fitted calibration, and
    the summary figures the app shows."""
    calibration = validation.calibration
    summary = validation.summary()
    ids = ",\n".join(f'  "{i}"' for i in calibration.fitted_on)
    figures = "".join(f"{k} = {summary[k]}\n" for k in STORED_FIGURES if k in summary)
    return (
        "# What the weight model cannot see, fitted on the calibration vests of the validation\n"
        "# set (validation/README.md says what each parameter means and how it is fitted).\n"
        "# Written by `packcalc validate --fit`; a test checks that a fresh fit gives these.\n\n"
        f"fabric_overhead = {calibration.fabric_overhead}\n"
        f"grams_per_pocket = {calibration.grams_per_pocket}\n"
        f"model_error = {calibration.model_error}\n"
        f"nominal_fill_kpa = {calibration.nominal_fill_kpa}\n"
        f"fitted_on = [\n{ids},\n]\n"
        'source = "fitted by packcalc.accuracy.fit_calibration on the calibration vests of '
        'validation/vests.toml"\n\n'
        "# How the model does on the validation set (packcalc validate, summary)\n"
        f"[accuracy]\n{figures}"
    )
