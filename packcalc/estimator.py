"""``estimate(design)``: the answers for one design, as pint Quantities.

This is the orchestrator (like pvlib's ModelChain): it drafts the pattern, turns the
design into plain arrays, calls the pure models of ``packcalc.mass`` and wraps the
results in units at the end.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from packcalc import comfort, laws, mass, packing, textile
from packcalc.design import Design, detail_counts
from packcalc.errors import PackcalcError
from packcalc.fit import pocket_overflows
from packcalc.library import Calibration, Item, Library, load_library
from packcalc.pattern import Pattern, custom_panel, draft, panel_geometry
from packcalc.tables import dataframe
from packcalc.units import Q_, ureg

BAND_SAMPLES = 4_000  # enough for stable P5/P95 (±0.2 % of the total) at ~1 ms
SWEAT_SATURATION = 0.3  # fraction of pores filled by sweat: no published value found
REFERENCE_TEE = "tee-cotton-m"  # "as compressible as a t-shirt": the everyday cotton tee
TRIM_DEFAULT_FIBRE = "polyester"  # for a trim whose material is not stated


@dataclass(frozen=True)
class Part:
    """One contribution to the weight, before units."""

    label: str  # key of the weight breakdown
    category: str  # panel, pocket, allowance, binding, thread, seam-tape, closure, trim
    material: str  # fabric or trim id
    mass_g: float
    fabric: str | None  # varies with this fabric's areal-density tolerance
    dimension_power: int  # 2 areas, 1 lengths, 0 pieces
    trim: str | None  # varies with this trim's mass tolerance
    regain: float
    area_m2: float = 0.0  # fabric area (× layers), for the sweat-wet weight
    knit_to_shape: bool = False  # knitted to its outline: no cutting waste
    allowance_area_m2: float = 0.0  # seam allowance (× layers): cut and sewn in, not exposed


@dataclass(frozen=True)
class Estimate:
    """The answers for one design. Every figure is a pint Quantity.

    Attributes
    ----------
    weight : Quantity
        Total mass of the vest, conditioned (fabric specs are at 65 % RH, 20 °C) [g].
    weight_breakdown : dict of str to Quantity
        Panels, pockets, seam allowances, binding, thread, seam tape and trims; sums to
        ``weight`` [g].
    weight_by_material : dict of str to Quantity
        Fabric and trim ids [g]; sums to ``weight``.
    weight_by_category : dict of str to Quantity
        panel, pocket, allowance, binding, thread, seam-tape, trim [g].
    weight_band : tuple of Quantity
        P5, P50, P95 of the weight [g], manufacturing tolerances and the model's own
        error on real vests together (``materials/calibration.toml``, ``model_error``):
        the range the real vest should fall in.
    weight_tolerance_band : tuple of Quantity
        P5, P50, P95 of the weight over manufacturing tolerances alone [g].
    weight_dry : Quantity
        Oven-dry mass (moisture regain removed) [g].
    weight_wet : Quantity
        Sweat-soaked mass: pores of the fabrics filled to ``sweat_saturation`` [g].
    fabric_area : Quantity
        Total fabric area of panels and pockets, layers counted [m²].
    packed_pressure : Quantity
        The squeeze pressure of ``packed_volume`` [kPa].
    packed_volume : Quantity
        Packed volume of the vest at ``packed_pressure`` [L].
    packed_floor : Quantity
        Volume of the solid polymer plus rigid parts: no packing gets below it [L].
    packed_curve : dict of str to Quantity
        ``pressure`` [kPa] and the packed volume [L] over it of the ``vest`` and of each
        reference t-shirt (by garment id).
    tshirts : dict of str to dict
        Per reference t-shirt: its ``name``, ``mass`` [g], ``packed_volume`` [L] at
        ``packed_pressure``, ``volume_ratio`` and ``weight_ratio`` (vest / tee).
    tshirt_volume_ratio, tshirt_weight_ratio : float
        The same ratios for the reference cotton tee (``REFERENCE_TEE``) [-].
    load_fit : packcalc.fit.LoadFit
        Pocket capacities, where each item of the load goes, what does not fit and why,
        balance and body fit (computed on first access: it solves a mixed-integer
        program).
    capacity : dict of str to Quantity
        ``relaxed``, ``nominal`` (every pocket filled snug, pressing 1.3 kPa: the figure
        to compare with a brand's litres) and ``stretched`` capacity of all pockets [L].
    carried_mass : Quantity
        Vest plus placed load [g].
    """

    design: Design
    parts: tuple[Part, ...]
    weight: Any
    weight_breakdown: dict[str, Any]
    weight_by_material: dict[str, Any]
    weight_by_category: dict[str, Any]
    weight_band: tuple[Any, Any, Any]
    weight_tolerance_band: tuple[Any, Any, Any]
    weight_dry: Any
    weight_wet: Any
    fabric_area: Any
    sweat_saturation: float
    packed_pressure: Any
    packed_volume: Any
    packed_floor: Any
    packed_curve: dict[str, Any]
    tshirts: dict[str, dict[str, Any]]
    tshirt_volume_ratio: float
    tshirt_weight_ratio: float
    notes: tuple[str, ...] = field(default=())
    library: Library | None = field(default=None, repr=False, compare=False)
    load: str | None = None
    extra_items: tuple[Item, ...] = ()
    pins: tuple[Any, ...] = ()
    sewing: Sewing | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def pattern(self) -> Pattern:
        """The drafted pieces, for drawings (drafted on first access; the weights come
        from the same outlines in closed form)."""
        return draft(self.design.body, self.design.options)

    @functools.cached_property
    def load_fit(self) -> Any:
        from packcalc.fit import fit_load

        return fit_load(
            self.design,
            self.library or load_library(),
            self.load,
            self.extra_items,
            pins=self.pins,
        )

    def footprint(
        self,
        made_in: str | None = None,
        compare_to: Sequence[str] = ("VN",),
        air_shares: Sequence[float] = (0.0, 0.33),
        data: Any = None,
        chains: Sequence[str] = (),
        settings: Mapping[str, str] | None = None,
    ) -> list[Any]:
        """Cradle-to-gate footprints of this design (:func:`packcalc.lifecycle.compare`):
        fabrics as sourced, made at ``made_in`` (default: the design's site) and at each of
        ``compare_to``; or along each named chain of ``chains``; ``settings`` moves stages
        (``{"dyeing": "FR"}``); ``data`` is a :func:`packcalc.footprint_data.read_footprint`
        already read (default: read the packaged files)."""
        from packcalc.lifecycle import compare

        return compare(
            self, self.library or load_library(), made_in or self.design.made_in, compare_to,
            air_shares, data, chains, settings,
        )  # fmt: skip

    @property
    def capacity(self) -> dict[str, Any]:
        fit = self.load_fit
        return {
            "relaxed": Q_(fit.capacity_relaxed_l, ureg.litre),
            "nominal": Q_(fit.capacity_nominal_l, ureg.litre),
            "stretched": Q_(fit.capacity_stretched_l, ureg.litre),
        }

    @property
    def carried_mass(self) -> Any:
        return Q_(self.weight.m_as("g") + self.load_fit.load_mass_g, ureg.gram)

    @property
    def shoulder_pressure(self) -> Any:
        """Mean pressure of the loaded vest under the shoulder straps [kPa]
        (:func:`packcalc.comfort.shoulder_pressure_kpa`; the limit is
        ``comfort.SHOULDER_PRESSURE_LIMIT_KPA``)."""
        strap = self.design.options["strap_width"]
        pressure = comfort.shoulder_pressure_kpa(self.carried_mass.m_as("g"), strap)
        return Q_(float(pressure), ureg.kilopascal)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``--json`` output): figures in g, m² and L."""
        return {
            "design": self.design.name,
            "size": self.design.size or "custom",
            "body": {
                "chest_cm": self.design.body.chest,
                "back_length_cm": self.design.body.back_length,
            },
            **self._weight_dict(),
            **self._packed_dict(),
            **self._fit_dict(),
            "notes": list(self.notes) + list(self.load_fit.notes),
        }

    def _weight_dict(self) -> dict[str, Any]:
        def grams(table: Mapping[str, Any]) -> dict[str, float]:
            return {k: round(v.m_as("g"), 3) for k, v in table.items()}

        p5, p50, p95 = (round(v.m_as("g"), 2) for v in self.weight_band)
        tolerance = self.weight_tolerance_band
        return {
            "weight_g": round(self.weight.m_as("g"), 3),
            "weight_breakdown_g": grams(self.weight_breakdown),
            "weight_by_material_g": grams(self.weight_by_material),
            "weight_by_category_g": grams(self.weight_by_category),
            "weight_band_g": [p5, p95],
            "weight_tolerance_band_g": [round(tolerance[i].m_as("g"), 2) for i in (0, 2)],
            "model_error": self.library.calibration.model_error if self.library else 0.0,
            "weight_p50_g": p50,
            "weight_dry_g": round(self.weight_dry.m_as("g"), 3),
            "weight_wet_g": round(self.weight_wet.m_as("g"), 3),
            "sweat_saturation": self.sweat_saturation,
            "fabric_area_m2": round(self.fabric_area.m_as("m**2"), 5),
        }

    def _packed_dict(self) -> dict[str, Any]:
        def litres(values: Any) -> list[float]:
            return [round(float(v), 4) for v in values.m_as("L")]

        tees = {
            tee: {
                "name": data["name"],
                "mass_g": data["mass"].m_as("g"),
                "packed_volume_l": round(data["packed_volume"].m_as("L"), 4),
                "volume_ratio": round(data["volume_ratio"], 4),
                "weight_ratio": round(data["weight_ratio"], 4),
            }
            for tee, data in self.tshirts.items()
        }
        pressures = self.packed_curve["pressure"].m_as("kPa")
        curves = {
            f"{key}_l": litres(curve)
            for key, curve in self.packed_curve.items()
            if key != "pressure"
        }
        return {
            "packed_pressure_kpa": self.packed_pressure.m_as("kPa"),
            "packed_volume_l": round(self.packed_volume.m_as("L"), 4),
            "packed_floor_l": round(self.packed_floor.m_as("L"), 4),
            "tshirt_volume_ratio": round(self.tshirt_volume_ratio, 4),
            "tshirt_weight_ratio": round(self.tshirt_weight_ratio, 4),
            "tshirt_reference": REFERENCE_TEE,
            "tshirts": tees,
            "packed_curve": {"pressure_kpa": [round(float(p), 4) for p in pressures], **curves},
        }

    def _fit_dict(self) -> dict[str, Any]:
        fit = self.load_fit
        return {
            "capacity_l": {
                "relaxed": round(fit.capacity_relaxed_l, 4),
                "nominal": round(fit.capacity_nominal_l, 4),
                "stretched": round(fit.capacity_stretched_l, 4),
            },
            "load_fit": fit.to_dict(),
            "carried_mass_g": round(self.carried_mass.m_as("g"), 2),
            "shoulder_pressure_kpa": round(self.shoulder_pressure.m_as("kPa"), 3),
            "shoulder_pressure_limit_kpa": comfort.SHOULDER_PRESSURE_LIMIT_KPA,
        }

    def __repr__(self) -> str:
        p5, _, p95 = (v.m_as("g") for v in self.weight_band)
        return (
            f"<Estimate {self.design.name!r} size {self.design.size or 'custom'}: "
            f"{self.weight.m_as('g'):.1f} g (likely {p5:.0f}–{p95:.0f} g), packed "
            f"{self.packed_volume.m_as('L'):.2f} L at {self.packed_pressure.m_as('kPa'):g} kPa, "
            f"capacity {self.load_fit.capacity_nominal_l:.1f} L nominal>"
        )

    def _repr_html_(self) -> str:
        """A table of the headline figures, for Jupyter."""
        from html import escape

        fit = self.load_fit
        p5, _, p95 = (v.m_as("g") for v in self.weight_band)
        rows = [
            ("weight", f"{self.weight.m_as('g'):.1f} g"),
            ("likely range (P5–P95)", f"{p5:.0f}–{p95:.0f} g"),
            ("packed volume", f"{self.packed_volume.m_as('L'):.2f} L at "
                              f"{self.packed_pressure.m_as('kPa'):g} kPa"),
            ("capacity (nominal)", f"{fit.capacity_nominal_l:.2f} L"),
            ("load", f"{fit.load_mass_g:.0f} g, "
                     f"{'fits' if fit.fits else f'{len(fit.unplaced)} items do not fit'}"),
            ("shoulder pressure", f"{self.shoulder_pressure.m_as('kPa'):.1f} kPa"),
        ]  # fmt: skip
        body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
        title = escape(f"{self.design.name} (size {self.design.size or 'custom'})")
        return f"<table><caption>{title}</caption>{body}</table>"

    def to_dataframe(self) -> Any:
        """The weight parts as a pandas DataFrame: one row per part, with its label,
        category, material, mass [g] and fabric area [m²]."""
        return dataframe(
            [
                {
                    "label": p.label,
                    "category": p.category,
                    "material": p.material,
                    "mass_g": float(p.mass_g),
                    "area_m2": float(p.area_m2),
                }
                for p in self.parts
            ]
        )


def weight_parts(
    design: Design,
    library: Library,
    *,
    options: Mapping[str, Any] | None = None,
    gsm: Mapping[str, Any] | None = None,
    layers: Mapping[str, Any] | None = None,
    pocket_dims: Mapping[str, Mapping[str, Any]] | None = None,
    calibration: Calibration | None = None,
) -> list[Part]:
    """Every contribution to the vest's weight [g].

    One code path for one design and for many variants: the drafted panels come from the
    closed-form geometry of :func:`packcalc.pattern.panel_geometry`, so any of the
    overrides may be a numpy array (one value per variant) and every part's mass is then
    an array too (``packcalc.batch`` uses this).

    Parameters
    ----------
    design : Design
        The design.
    library : Library
        The materials library.
    options : mapping of str to float or array, optional
        Pattern options [cm] (default: the design's).
    gsm : mapping of str to float or array, optional
        Areal density per panel group [g/m²] (default: override or fabric).
    layers : mapping of str to float or array, optional
        Layer count per panel group [-].
    pocket_dims : mapping of str to mapping, optional
        Per pocket name, ``width``, ``height``, ``gusset`` [cm].
    calibration : Calibration, optional
        The fitted overheads (default: the library's, ``materials/calibration.toml``);
        ``packcalc.library.NO_CALIBRATION`` counts only what the design lists.

    Returns
    -------
    list of Part
    """
    options = {**design.options, **(options or {})}
    pocket_dims = pocket_dims or {}
    panels, pattern_seams = _panels(design, options)
    specs = _PanelSpecs.of(design, panels, library, gsm or {}, layers or {})
    sewn = _sewing(design, panels, pattern_seams, pocket_dims)
    parts = [
        *_panel_parts(panels, specs, library),
        *_pocket_parts(design, library, pocket_dims),
        *_allowance_parts(design, sewn, specs, library),
        *_sewing_parts(design, sewn, library),
        *_listed_trim_parts(design, library),
        *_detail_parts(design, library, options, pocket_dims),
    ]
    parts.extend(_fitted_parts(parts, design, library, calibration or library.calibration))
    return parts


@dataclass(frozen=True)
class _PanelSpecs:
    """Each panel's fabric spec and group, and its areal density and layers as varied."""

    specs: Mapping[str, Any]  # panel name → PanelSpec
    groups: Mapping[str, str]  # panel name → group (a custom panel is its own group)
    gsm: Mapping[str, Any]  # varied areal density per group [g/m²]
    layers: Mapping[str, Any]  # varied layers per group
    library: Library

    @classmethod
    def of(cls, design: Design, panels: Sequence[Any], library: Library,
           gsm: Mapping[str, Any], layers: Mapping[str, Any]) -> _PanelSpecs:  # fmt: skip
        drafted = [p for p in panels if p.group != "custom"]
        specs = {p.name: design.panel_spec(p.name, p.group) for p in drafted}
        groups = {p.name: p.group for p in drafted}
        for custom in design.custom_panels:
            specs[custom.name] = custom.spec
            groups[custom.name] = custom.name
        return cls(specs, groups, gsm, layers, library)

    def gsm_of(self, name: str) -> Any:
        """Varied, else the designer's override, else the fabric's [g/m²]."""
        spec = self.specs[name]
        default = spec.areal_density_gsm or self.library.fabrics[spec.fabric].areal_density_gsm
        return self.gsm.get(self.groups[name], default)

    def layers_of(self, name: str) -> Any:
        return self.layers.get(self.groups[name], self.specs[name].layers)


def _panel_parts(panels: Sequence[Any], specs: _PanelSpecs, library: Library) -> list[Part]:
    """Panels: area × layers × areal density."""
    parts = []
    for panel in panels:
        spec = specs.specs[panel.name]
        area, n_layers = panel.area / 1e4, specs.layers_of(panel.name)
        grams = mass.panel_mass(area, n_layers, specs.gsm_of(panel.name))
        parts.append(_fabric_part(library, panel.name, "panel", spec.fabric, area, n_layers,
                                  grams, spec.construction == "knit-to-shape"))  # fmt: skip
    return parts


def _pocket_parts(
    design: Design, library: Library, pocket_dims: Mapping[str, Mapping[str, Any]]
) -> list[Part]:
    """Pockets: a patch of fabric (gussets included) and the trims of its closure."""
    parts = []
    for pocket in design.pockets:
        w, h, g = _pocket_size_m(pocket, pocket_dims)
        area = mass.pocket_fabric_area_m2(w, h, g)
        grams = mass.panel_mass(area, 1, library.fabrics[pocket.fabric].areal_density_gsm)
        parts.append(_fabric_part(library, f"pocket: {pocket.name}", "pocket", pocket.fabric,
                                  area, 1, grams))  # fmt: skip
        for trim_id, amount in closure_trims(design, pocket.closure, w + 2 * g):
            trim = library.trims[trim_id]
            if trim.mass_g is not None:
                grams, power = trim.mass_g * amount, 0
            else:
                grams, power = mass.linear_trim_mass(amount, trim.linear_mass_g_m), 1
            parts.append(
                _trim_part(library, f"closure: {pocket.name}", "closure", trim_id, grams, power)
            )
    return parts


def _allowance_parts(
    design: Design, sewn: Sewing, specs: _PanelSpecs, library: Library
) -> list[Part]:
    """Seam allowances on each cut side (a lap on one side for bonded or welded seams);
    knit-to-shape panels have none."""
    parts = []
    allowance_m = design.seams.allowance_cm / 100
    pockets = {f"pocket: {p.name}": p for p in design.pockets}
    for name, length in sewn.seam_sides:
        if name in pockets:
            fabric_id, n_layers, construction = pockets[name].fabric, 1, "cut"
            side_gsm = library.fabrics[fabric_id].areal_density_gsm
        else:
            spec = specs.specs[name]
            fabric_id, construction = spec.fabric, spec.construction
            n_layers, side_gsm = specs.layers_of(name), specs.gsm_of(name)
        if construction == "knit-to-shape":
            continue
        grams = mass.seam_allowance_mass(length, allowance_m, n_layers, side_gsm)
        parts.append(_fabric_part(library, "seam allowances", "allowance", fabric_id,
                                  length * allowance_m, n_layers, grams))  # fmt: skip
    return parts


def _sewing_parts(design: Design, sewn: Sewing, library: Library) -> list[Part]:
    """Binding of the edges, thread of the seams and finishes, tape of bonded seams."""
    seams, finish = design.seams, design.finish
    thread = library.trims[seams.thread] if seams.thread else None
    binding = library.trims[finish.binding] if finish.binding else None
    stitched = seams.method == "stitched"
    parts = []
    if binding is not None:
        grams = mass.linear_trim_mass(sewn.bound_length_m, binding.linear_mass_g_m)
        parts.append(_trim_part(library, "binding", "binding", binding.id, grams, 1))
    if thread is not None and (stitched or binding is not None or sewn.hemmed_length_m):
        stitch, finish_stitch = library.stitches[seams.stitch], library.stitches[finish.stitch]
        tex = thread.linear_density_tex
        seam_m = sewn.seam_length_m if stitched else 0.0
        finished_m = sewn.hemmed_length_m + (sewn.bound_length_m if binding is not None else 0.0)
        grams = mass.thread_mass(seam_m, stitch.thread_ratio, tex, stitch.wastage) + (
            mass.thread_mass(finished_m, finish_stitch.thread_ratio, tex, finish_stitch.wastage)
        )
        parts.append(_trim_part(library, "thread", "thread", thread.id, grams, 1))
    if seams.method == "bonded":
        tape = library.trims[seams.tape]
        grams = mass.linear_trim_mass(sewn.seam_length_m, tape.linear_mass_g_m)
        parts.append(_trim_part(library, "seam tape", "seam-tape", tape.id, grams, 1))
    return parts


def _listed_trim_parts(design: Design, library: Library) -> list[Part]:
    """The trims the design lists: pieces, lengths or areas."""
    parts = []
    for use in design.trims:
        trim = library.trims[use.trim]
        if use.quantity:
            grams, label, power = trim.mass_g * use.quantity, f"{trim.name} ×{use.quantity}", 0
        elif use.length_cm:
            grams = mass.linear_trim_mass(use.length_cm / 100, trim.linear_mass_g_m)
            label, power = f"{trim.name} ({use.length_cm:g} cm)", 1
        else:
            grams = trim.areal_mass_gsm * use.area_cm2 / 1e4
            label, power = f"{trim.name} ({use.area_cm2:g} cm²)", 2
        parts.append(_trim_part(library, label, "trim", trim.id, grams, power))
    return parts


def _fitted_parts(
    counted: Sequence[Part], design: Design, library: Library, calibration: Calibration
) -> list[Part]:
    """What the calibration adds (``materials/calibration.toml``): the fabric overhead on
    each fabric's counted mass, and the making of each pocket (in the pocket's fabric)."""
    fitted: list[Part] = []
    if calibration.fabric_overhead:
        by_fabric: dict[str, Any] = {}
        for part in counted:
            if part.fabric is not None:
                by_fabric[part.fabric] = by_fabric.get(part.fabric, 0.0) + part.mass_g
        for fabric_id, grams in by_fabric.items():
            overhead = grams * calibration.fabric_overhead
            fitted.append(_fabric_part(library, "fitted: fabric overhead", "fitted", fabric_id,
                                       0.0, 1, overhead))  # fmt: skip
    if calibration.grams_per_pocket:
        for pocket in design.pockets:
            fitted.append(_fabric_part(library, "fitted: pocket making", "fitted", pocket.fabric,
                                       0.0, 1, calibration.grams_per_pocket))  # fmt: skip
    return fitted


def _fabric_part(
    library: Library,
    label: str,
    category: str,
    fabric_id: str,
    area_m2: Any,
    n_layers: Any,
    grams: Any,
    knitted: bool = False,
) -> Part:
    """A part made of fabric; an allowance scales with one dimension (seam length) and
    adds no exposed area."""
    is_allowance = category == "allowance"
    return Part(
        label,
        category,
        fabric_id,
        grams,
        fabric_id,
        1 if is_allowance else 2,
        None,
        library.fabrics[fabric_id].moisture_regain,
        0.0 if is_allowance else area_m2 * n_layers,
        knitted,
        area_m2 * n_layers if is_allowance else 0.0,
    )


def _trim_part(
    library: Library, label: str, category: str, trim_id: str, grams: Any, power: int
) -> Part:
    """A part made of a trim; ``power`` 0 for pieces, 1 for lengths, 2 for areas."""
    trim = library.trims[trim_id]
    regain = library.fibres[trim.fibre].moisture_regain if trim.fibre else 0.0
    return Part(label, category, trim_id, grams, None, power, trim_id, regain)


def _detail_parts(
    design: Design,
    library: Library,
    options: Mapping[str, Any],
    pocket_dims: Mapping[str, Mapping[str, Any]],
) -> list[Part]:
    """The parts of the construction details (:func:`detail_counts`): their trims, the
    fabric they take from the pockets (hems, casings, zip garages) and added fabric
    (back pad, reinforcement patches). Masses follow arrays of options and pocket sizes."""
    counts = detail_counts(design)
    parts: list[Part] = []

    def recipe(detail_id: str, times: Any, label: str) -> None:
        for use in library.details[detail_id].trims:
            trim = library.trims[use.trim]
            if use.quantity:
                grams, power = trim.mass_g * use.quantity * times, 0
            elif use.length_cm:
                grams, power = trim.linear_mass_g_m * use.length_cm / 100 * times, 1
            else:
                grams, power = trim.areal_mass_gsm * use.area_cm2 / 1e4 * times, 2
            parts.append(_trim_part(library, label, "detail", use.trim, grams, power))

    for detail_id, what in (("label", "labels"), ("bar-tack", "bar tacks"),
                            ("zip-puller", "zip pullers"), ("pole-loop", "pole loops"),
                            ("hose-loop", "hose loops"), ("whistle", "whistle"),
                            ("side-adjuster", "side adjusters"),
                            ("compression-cord", "compression cords"),
                            ("sternum-rail", "sternum rails")):  # fmt: skip
        if counts[detail_id]:
            recipe(detail_id, counts[detail_id], f"details: {what} ×{counts[detail_id]}")
    if counts["logo"]:
        recipe("logo", counts["logo"], f"details: logos and prints ({counts['logo']:g} cm²)")
    straps = counts["sternum-strap"]
    if straps:
        sternum = library.details["sternum-strap"]
        strap = library.trims[design.details.sternum_strap or sternum.strap]
        length_m = (np.asarray(options["front_gap"]) + sternum.overlap_cm) / 100 * straps
        label = f"details: sternum straps ×{straps}"
        grams = mass.linear_trim_mass(length_m, strap.linear_mass_g_m)
        parts.append(_trim_part(library, label, "detail", strap.id, grams, 1))
        recipe("sternum-strap", straps, label)

    finish = counts["opening_finish"]
    hem = library.details.get(finish) if finish in ("fold-over", "elastic-casing") else None
    garage = library.details["zip-garage"]
    for pocket in design.pockets:
        w, _, g = _pocket_size_m(pocket, pocket_dims)
        opening_m = w + 2 * g
        gsm = library.fabrics[pocket.fabric].areal_density_gsm
        if hem is not None:
            area = opening_m * hem.fabric_width_cm / 100
            label = f"details: opening {finish} ({pocket.name})"
            parts.append(_fabric_part(library, label, "detail", pocket.fabric, area, 1,
                                      mass.panel_mass(area, 1, gsm)))  # fmt: skip
            if finish == "elastic-casing" and pocket.closure != "elastic":
                for use in hem.trims:
                    trim = library.trims[use.trim]
                    grams = mass.linear_trim_mass(opening_m * use.length_cm / 100,
                                                  trim.linear_mass_g_m)  # fmt: skip
                    parts.append(_trim_part(library, label, "detail", use.trim, grams, 1))
        if pocket.closure == "zip" and counts["zip-garage"]:
            area = garage.fabric_area_cm2 / 1e4
            label = f"details: zip garage ({pocket.name})"
            grams = mass.panel_mass(area, 1, gsm)
            parts.append(_fabric_part(library, label, "detail", pocket.fabric, area, 1, grams))
    for key, what in (("back_pad", "back pad"), ("reinforcement", "reinforcement patches")):
        added = getattr(design.details, key)
        if added is not None:
            area = added.area_cm2 / 1e4
            gsm = library.fabrics[added.fabric].areal_density_gsm
            parts.append(_fabric_part(library, f"details: {what}", "detail", added.fabric, area,
                                      1, mass.panel_mass(area, 1, gsm)))  # fmt: skip
    return parts


def tolerance_inputs(parts: Sequence[Part]) -> tuple[np.ndarray, list, list, list]:
    """The parts as :func:`packcalc.mass.tolerance_samples` takes them: nominal masses
    [g], each part's fabric index (-1 for none), dimension power and trim index."""
    fabric_ids = sorted({p.fabric for p in parts if p.fabric})
    trim_ids = sorted({p.trim for p in parts if p.trim})
    return (
        np.array([p.mass_g for p in parts]),
        [fabric_ids.index(p.fabric) if p.fabric else -1 for p in parts],
        [p.dimension_power for p in parts],
        [trim_ids.index(p.trim) if p.trim else -1 for p in parts],
    )


@dataclass(frozen=True)
class Sewing:
    """What the machines sew [m]: seams (panels, custom panels, pocket attachment) and
    bound edges (panel edges and pocket openings); floats or arrays."""

    seam_sides: list  # (panel or "pocket: name", seam length [m]) per cut side with allowance
    seam_length_m: Any
    bound_length_m: Any
    hemmed_length_m: Any = 0.0  # pocket openings folded over or cased, sewn with the finish stitch


def _pocket_size_m(pocket: Any, pocket_dims: Mapping[str, Mapping[str, Any]]) -> tuple:
    """Width, height and gusset of a pocket [m], varied or as designed."""
    dims = pocket_dims.get(pocket.name, {})
    return tuple(
        np.asarray(dims.get(key, default)) / 100
        for key, default in (("width", pocket.width_cm), ("height", pocket.height_cm),
                             ("gusset", pocket.gusset_cm))
    )  # fmt: skip


def _sewing(
    design: Design,
    panels: Sequence[Any],
    pattern_seams: Sequence[Any],
    pocket_dims: Mapping[str, Mapping[str, Any]],
) -> Sewing:
    seam_sides = []
    seam_length_m: Any = 0.0
    for seam in pattern_seams:
        length = seam.length / 100
        seam_length_m = seam_length_m + length
        sides = seam.panels if design.seams.method == "stitched" else seam.panels[:1]
        seam_sides.extend((name, length) for name in sides)
    for panel in panels:
        if getattr(panel, "group", "") == "custom":
            length = sum(e.length for e in panel.edges if e.kind == "seam") / 100
            seam_length_m = seam_length_m + length
            seam_sides.append((panel.name, length))
    bound_m: Any = sum(p.bound_length for p in panels) / 100
    hemmed_m: Any = 0.0
    finish = detail_counts(design)["opening_finish"]
    for pocket in design.pockets:
        w, h, g = _pocket_size_m(pocket, pocket_dims)
        attach = 2 * (h + g) + w + 2 * g  # both sides and the bottom, gussets included
        seam_length_m = seam_length_m + attach
        seam_sides.append((f"pocket: {pocket.name}", attach))
        if finish == "binding":
            bound_m = bound_m + w + 2 * g  # the opening
        elif finish != "raw":
            hemmed_m = hemmed_m + w + 2 * g
    return Sewing(seam_sides, seam_length_m, bound_m, hemmed_m)


def _panels(design: Design, options: Mapping[str, Any]) -> tuple[list[Any], Any]:
    """The drafted panels (closed form) and the custom panels, and the drafted seams."""
    geometry, pattern_seams = panel_geometry(options, design.body.chest)
    panels: list[Any] = list(geometry)
    for custom in design.custom_panels:
        panels.append(custom_panel(custom.name, custom.points, custom.edges))
    return panels, pattern_seams


def sewing(design: Design) -> Sewing:
    """Seam and bound lengths of the design as drafted (what the making time is made of)."""
    panels, pattern_seams = _panels(design, design.options)
    return _sewing(design, panels, pattern_seams, {})


@dataclass(frozen=True)
class PackingInputs:
    """The vest as the packing model sees it: soft parts, and the rigid volume [L].

    ``soft_parts`` holds (mass [g], density [g/cm³], φ0 [-], A [kPa], fold factor [-])
    per soft part; a mass may be an array (one value per variant, ``packcalc.batch``).
    """

    soft_parts: tuple[tuple[Any, float, float, float, float], ...]
    rigid_volume_l: float

    def _column(self, index: int) -> np.ndarray:
        # One row per part; a mass given per variant makes the column (parts, variants).
        if not self.soft_parts:
            return np.empty(0)
        return np.stack([np.asarray(part[index], dtype=float) for part in self.soft_parts])

    @property
    def mass_g(self) -> np.ndarray:
        return self._column(0)

    @property
    def density_g_cm3(self) -> np.ndarray:
        return self._column(1)

    @property
    def phi0(self) -> np.ndarray:
        return self._column(2)

    @property
    def modulus_kpa(self) -> np.ndarray:
        return self._column(3)

    @property
    def fold_factor(self) -> np.ndarray:
        return self._column(4)

    def volume_l(self, pressure_kpa: Any) -> Any:
        """Packed volume over pressure [L]."""
        return packing.packed_volume_curve(
            self.mass_g, self.density_g_cm3, self.phi0, self.modulus_kpa, self.fold_factor,
            self.rigid_volume_l, pressure_kpa,
        )  # fmt: skip

    @property
    def floor_l(self) -> float:
        """Solid polymer plus rigid parts [L]."""
        return float(np.sum(packing.solid_volume_l(self.mass_g, self.density_g_cm3))) + (
            self.rigid_volume_l
        )


def packing_inputs(parts: list[Part] | tuple[Part, ...], library: Library) -> PackingInputs:
    """Soft parts with their compression laws, and the volume of the rigid parts.

    Fabric parts follow their fabric's law; trims sold by length or area (binding, tape,
    cord, zipper chain, thread, print) are soft and follow the knit class law with their
    fibre's density; trims counted in pieces (sliders, cord locks, hooks, buckles) are
    rigid: their ``rigid_volume`` per piece (or, if none is given, their solid volume).
    Masses may be arrays (one value per variant).
    """
    fabric_laws: dict[str, laws.FabricLaw] = {}
    knit = laws.class_law(library.compression["knit"])
    knit_fold = library.compression["knit"].fold_factor
    soft = []  # (mass, density, phi0, modulus, fold)
    rigid_cm3 = 0.0
    for part in parts:
        if part.material in library.fabrics:
            if part.material not in fabric_laws:
                fabric_laws[part.material] = laws.fabric_law(
                    library.fabrics[part.material], library.compression
                )
            law = fabric_laws[part.material]
            soft.append(
                (part.mass_g, law.density_g_cm3, law.phi0, law.modulus_kpa, law.fold_factor)
            )
            continue
        trim = library.trims[part.material]
        density = library.fibres[trim.fibre or TRIM_DEFAULT_FIBRE].density_g_cm3
        if trim.mass_g is not None:
            pieces = part.mass_g / trim.mass_g
            rigid_cm3 += pieces * (trim.rigid_volume_cm3 or trim.mass_g / density)
        else:
            soft.append((part.mass_g, density, knit[0], knit[1], knit_fold))
    return PackingInputs(tuple(soft), rigid_volume_l=float(np.max(rigid_cm3)) / 1000.0)


def closure_trims(design: Design, closure: str, opening_m: float) -> list[tuple[str, float]]:
    """The trims of a pocket closure: (trim id, pieces or length [m]) for an opening."""
    c = design.closures
    return {
        "none": [],
        "zip": [(c.zip_chain, opening_m), (c.zip_slider, 1)],
        "elastic": [(c.elastic, opening_m)],
        "drawcord": [(c.drawcord, opening_m), (c.cord_lock, 1)],
        "hook": [(c.hook, 1)],
    }[closure]


def estimate(
    design: Design,
    *,
    library: Library | None = None,
    band_samples: int = BAND_SAMPLES,
    sweat_saturation: float = SWEAT_SATURATION,
    seed: int | None = 0,
    pressure_kpa: float | None = None,
    load: str | None = None,
    extra_items: Sequence[Item] = (),
    pins: Sequence[Any] = (),
) -> Estimate:
    """Weight of a design with its breakdown, tolerance band, dry and sweat-wet weights.

    Parameters
    ----------
    design : Design
        A validated design (see :func:`packcalc.load_design`).
    library : Library, optional
        The materials library (default: the packaged one).
    band_samples : int, optional
        Monte-Carlo samples for the tolerance band (default 4 000).
    sweat_saturation : float, optional
        Fraction of the fabrics' pore volume filled by sweat for ``weight_wet`` [-]
        (default 0.3). No published value was found: an assumption.
    seed : int or None, optional
        Random seed of the band (default 0: the same design gives the same band).
    pressure_kpa : float, optional
        Squeeze pressure of the packed volume [kPa]; default: the design's.
    load : str, optional
        A load list of the library (``"utmb"``) that replaces the design's own load.
    extra_items : sequence of Item, optional
        Custom items added to the load.
    pins : sequence of packcalc.design.Pin, optional
        Items put in a pocket by the designer, besides the design's ``[[load.pins]]``.

    Returns
    -------
    Estimate
    """
    library = library or load_library()
    if load is not None:
        library.loadlist(load, "load")
    if not 0.0 <= sweat_saturation <= 1.0:
        raise PackcalcError("sweat_saturation", f"expected 0 to 1, got {sweat_saturation!r}")
    if band_samples < 100:
        raise PackcalcError("band_samples", f"expected at least 100, got {band_samples!r}")
    if pressure_kpa is None:
        pressure_kpa = design.squeeze_pressure_kpa
    elif not 0.0 < pressure_kpa <= 200.0:
        raise PackcalcError("pressure", f"expected 0 to 200 kPa, got {pressure_kpa!r} kPa")
    parts = weight_parts(design, library)
    nominal = tolerance_inputs(parts)[0]
    total = float(nominal.sum())
    tolerance_band, band = _weight_bands(parts, design, library, band_samples, seed)
    p5, p50, p95 = band
    breakdown, by_material, by_category = _breakdowns(parts)
    dry = float(np.sum(mass.dry_mass(nominal, [p.regain for p in parts])))
    water, missing_thickness = _sweat_water_g(parts, library, sweat_saturation)
    notes = [
        f"sweat-wet weight assumes {sweat_saturation:.0%} of the fabrics' pores filled "
        "(no published value)"
    ]
    inputs = packing_inputs(parts, library)
    volume, curve, tshirts = _packed(inputs, library, pressure_kpa, total)
    for name, dim, size, panel in pocket_overflows(design):
        notes.append(
            f"pocket '{name}' is {size:g} cm in {dim}, more than its panel's {panel:.1f} cm: "
            "its fabric and capacity are counted as given"
        )
    if missing_thickness:
        notes.append(
            "packed volume and sweat-wet weight use the class defaults (materials/packing.toml) "
            "for fabrics without a thickness: " + ", ".join(sorted(missing_thickness))
        )
    litre = ureg.litre
    gram = ureg.gram  # one parsed unit for every result (parsing "g" each time costs ~7 µs)

    def grams(value: float) -> Any:
        return Q_(value, gram)

    return Estimate(
        design=design,
        parts=tuple(parts),
        weight=grams(total),
        weight_breakdown={k: grams(v) for k, v in breakdown.items()},
        weight_by_material={k: grams(v) for k, v in by_material.items()},
        weight_by_category={k: grams(v) for k, v in by_category.items()},
        weight_band=(grams(p5), grams(p50), grams(p95)),
        weight_tolerance_band=tuple(grams(v) for v in tolerance_band),
        weight_dry=grams(dry),
        weight_wet=grams(total + water),
        fabric_area=Q_(sum(p.area_m2 for p in parts), "m**2"),
        sweat_saturation=sweat_saturation,
        packed_pressure=Q_(pressure_kpa, ureg.kilopascal),
        packed_volume=Q_(volume, litre),
        packed_floor=Q_(inputs.floor_l, litre),
        packed_curve=curve,
        tshirts=tshirts,
        tshirt_volume_ratio=tshirts[REFERENCE_TEE]["volume_ratio"],
        tshirt_weight_ratio=tshirts[REFERENCE_TEE]["weight_ratio"],
        notes=tuple(notes),
        library=library,
        load=load,
        extra_items=tuple(extra_items),
        pins=tuple(pins),
        sewing=sewing(design),
    )


def _weight_bands(
    parts: Sequence[Part], design: Design, library: Library, samples: int, seed: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """P5, P50, P95 of the weight [g]: over manufacturing tolerances alone, and with the
    model's own error on real vests (``model_error``) as well."""
    draws = mass.tolerance_samples(
        *tolerance_inputs(parts),
        design.tolerances.areal_density,
        design.tolerances.dimensions,
        design.tolerances.trims,
        samples=samples,
        seed=seed,
    )
    widened = mass.with_model_error(draws, library.calibration.model_error, seed)
    return np.percentile(draws, [5, 50, 95]), np.percentile(widened, [5, 50, 95])


def _breakdowns(parts: Sequence[Part]) -> tuple[dict, dict, dict]:
    """Grams by label, by material and by category."""
    by: tuple[dict[str, float], ...] = (defaultdict(float), defaultdict(float), defaultdict(float))
    for part in parts:
        for table, key in zip(by, (part.label, part.material, part.category), strict=True):
            table[key] += part.mass_g
    return by


def _sweat_water_g(
    parts: Sequence[Part], library: Library, saturation: float
) -> tuple[float, set[str]]:
    """Water held by the fabrics' pores filled to ``saturation`` [g], and the fabrics
    without a thickness (their class's fibre fraction at gauge pressure gives one)."""
    water = 0.0
    missing = set()
    for part in parts:
        if not part.area_m2:
            continue
        fabric = library.fabrics[part.fabric]
        if fabric.thickness_mm is not None:
            thickness = fabric.thickness_mm
            phi = float(textile.fibre_volume_fraction(
                fabric.areal_density_gsm, thickness, fabric.fibre_density_g_cm3))  # fmt: skip
        else:
            missing.add(fabric.id)
            phi = library.compression[fabric.construction].gauge_phi
            thickness = fabric.areal_density_gsm / (1000 * fabric.fibre_density_g_cm3 * phi)
        water += float(mass.sweat_water_mass(part.area_m2, 1, thickness, min(phi, 1.0), saturation))
    return water, missing


def _packed(
    inputs: PackingInputs, library: Library, pressure_kpa: float, total_g: float
) -> tuple[float, dict[str, Any], dict[str, dict[str, Any]]]:
    """The vest's packed volume at ``pressure_kpa`` [L], its curve and the reference
    t-shirts' over :data:`packcalc.packing.CURVE_PRESSURES_KPA`, and each tee's ratios."""
    pressures = np.append(packing.CURVE_PRESSURES_KPA, pressure_kpa)
    vest = inputs.volume_l(pressures)
    litre = ureg.litre
    curve = {"pressure": Q_(pressures[:-1], ureg.kilopascal), "vest": Q_(vest[:-1], litre)}
    tshirts = {}
    for tee in library.garments.values():
        tee_curve = laws.garment_packed_volume_l(tee.fabric, tee.mass_g, pressures, library)
        curve[tee.id] = Q_(tee_curve[:-1], litre)
        tshirts[tee.id] = {
            "name": tee.name,
            "mass": Q_(tee.mass_g, ureg.gram),
            "packed_volume": Q_(float(tee_curve[-1]), litre),
            "volume_ratio": float(vest[-1] / tee_curve[-1]),
            "weight_ratio": total_g / tee.mass_g,
        }
    return float(vest[-1]), curve, tshirts
