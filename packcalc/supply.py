"""A design's supply chain: its bill of materials and where it is made, at what cost.

The steps on an :class:`packcalc.estimator.Estimate` that follow the weight: the bill of
materials (:mod:`packcalc.bom` on the estimate's parts), the supply-chain scenarios
(:mod:`packcalc.footprint` with the factors of :mod:`packcalc.footprint_data`), and
the Ecobalyse query. ``Estimate.footprint`` calls :func:`compare`.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import numpy as np

from packcalc import bom, footprint
from packcalc.footprint_data import FootprintData, read_footprint
from packcalc.library import Library

TEXTILE_TRIMS = ("thread", "binding", "elastic", "cord", "webbing", "label")
BOM_COLUMNS = ["kind", "id", "name", "quantity", "unit", "net_area_m2", "mass_g", "note"]


def bill_of_materials(
    estimate: Any, library: Library, marker_efficiency: float = bom.MARKER_EFFICIENCY
) -> list[dict[str, Any]]:
    """The materials one vest takes.

    Parameters
    ----------
    estimate : packcalc.estimator.Estimate
        The estimate of the design (its weight parts).
    library : Library
        Names and linear densities.
    marker_efficiency : float, optional
        Share of the cut fabric that ends in pieces [-] (default 0.80).

    Returns
    -------
    list of dict
        Rows with :data:`BOM_COLUMNS`: fabrics in m² consumed (``net_area_m2`` is what
        ends in the vest; ``mass_g`` = net area × areal density), the fitted allowances
        (kind ``allowance``: pocket making, counted in its fabric, per pocket), trims in
        pieces, m or m², thread in m; ``mass_g`` is the mass in the finished vest.
    """
    bom.check_marker_efficiency(marker_efficiency)
    net: dict[str, float] = defaultdict(float)
    consumed: dict[str, float] = defaultdict(float)
    grams: dict[str, float] = defaultdict(float)
    fitted: dict[tuple[str, str], list[float]] = defaultdict(list)  # (label, material)
    cut: set[str] = set()  # fabrics with at least one cut (not knitted) piece
    for part in estimate.parts:
        if part.category == "fitted":  # not drawn, not cut: its own rows
            fitted[(part.label, part.material)].append(part.mass_g)
            continue
        grams[part.material] += part.mass_g
        if part.material in library.fabrics:
            area = part.area_m2 + part.allowance_area_m2
            net[part.material] += area
            consumed[part.material] += float(
                bom.consumed_area_m2(area, part.knit_to_shape, marker_efficiency)
            )
            if not part.knit_to_shape:
                cut.add(part.material)
    rows = [_fabric_row(library, f, consumed[f], net[f], grams[f], f in cut, marker_efficiency)
            for f in net]  # fmt: skip
    rows += [_fitted_row(library, label, m, masses) for (label, m), masses in fitted.items()]
    rows += [_trim_row(library, t, g) for t, g in grams.items() if t not in library.fabrics]
    return rows


def _fitted_row(library: Library, label: str, material: str, masses: list[float]) -> dict:
    """What the calibration adds beyond the drawn pieces (the hems, seams and bar tacks of
    each pocket), in the material it is counted as: no area, no cutting waste."""
    what = label.removeprefix("fitted: ")
    each = sum(masses) / len(masses)
    name = f"{what}, in {library.fabrics[material].name}"
    return {"kind": "allowance", "id": material, "name": name,
            "quantity": len(masses), "unit": "pockets" if what == "pocket making" else "pieces",
            "net_area_m2": "", "mass_g": round(sum(masses), 2),
            "note": f"{each:.2f} g each, fitted on the calibration vests (hems, seams and bar "
                    "tacks the pieces do not draw)"}  # fmt: skip


def _fabric_row(
    library: Library, fabric_id: str, consumed: float, net: float, grams: float, cut: bool,
    marker_efficiency: float,
) -> dict[str, Any]:  # fmt: skip
    note = f"cut at {marker_efficiency:.0%} marker efficiency" if cut else (
        "knitted to shape: no cutting waste")  # fmt: skip
    return {"kind": "fabric", "id": fabric_id, "name": library.fabrics[fabric_id].name,
            "quantity": round(consumed, 5), "unit": "m2", "net_area_m2": round(net, 5),
            "mass_g": round(grams, 2), "note": note}  # fmt: skip


def _trim_row(library: Library, trim_id: str, grams: float) -> dict[str, Any]:
    trim = library.trims[trim_id]
    thread = trim.kind == "thread"
    quantity, unit = bom.trim_quantity(
        grams,
        linear_density_tex=trim.linear_density_tex if thread else None,
        piece_mass_g=trim.mass_g,
        linear_mass_g_m=trim.linear_mass_g_m,
        areal_mass_gsm=trim.areal_mass_gsm,
    )
    if unit == "pieces":
        quantity = round(quantity)  # whole pieces: 3, not 3.0000001
    return {"kind": "thread" if thread else "trim", "id": trim_id, "name": trim.name,
            "quantity": round(quantity, 4), "unit": unit, "net_area_m2": "",
            "mass_g": round(grams, 2), "note": "with wastage" if thread else ""}  # fmt: skip


def bom_csv(rows: list[dict[str, Any]]) -> str:
    """The bill of materials as CSV text (header :data:`BOM_COLUMNS`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BOM_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def making_minutes(estimate: Any, data: FootprintData) -> float:
    """Minutes to make the vest (:func:`packcalc.footprint.making_minutes`): the seams and
    binding the weight model sews, custom panels included, plus each pocket's and trim's
    operation."""
    design = estimate.design
    sewn = estimate.sewing
    m = data.making
    pieces = sum(t.quantity for t in design.trims) + sum(
        1 for p in design.pockets if p.closure != "none"
    )
    return float(
        footprint.making_minutes(
            sewn.seam_length_m,
            sewn.bound_length_m if design.finish.binding else 0.0,
            len(design.pockets),
            pieces,
            sewing_speed_m_per_min=m["sewing_speed_m_per_min"],
            efficiency=m["efficiency"],
            minutes_per_pocket=m["minutes_per_pocket"],
            minutes_per_trim=m["minutes_per_trim"],
            minutes_handling=m["minutes_handling"],
        )
    )


def ecobalyse_query(
    estimate: Any,
    library: Library,
    places: str | Mapping[str, str],
    air_share: float = 0.0,
    data: FootprintData | None = None,
    legacy_ids: bool = False,
) -> tuple[dict[str, Any], list[str]]:
    """The design as a query of Ecobalyse's textile API (``POST /api/textile/simulator``),
    to check the footprint on their site.

    Ecobalyse has no vest: its knit t-shirt (``tshirt``) stands in. The mass is the
    textile's (fabrics and thread) and the shares are those fibres' mass shares, summing
    to exactly 1; the other trims (plastic zips, buckles, cord locks) have no Ecobalyse
    component, so ``trims`` is sent empty and they are named in the returned list.
    Material ids are Ecobalyse's UUIDs (since 8.0.0); ``legacy_ids`` sends the older
    aliases (``ei-pa``) for an API before 8.0. Places are country codes (or a mapping of
    stage → place); a country outside Ecobalyse's textile scope goes as its region
    (Italy → ``REO``).

    Returns the query and what was left out of it.
    """
    data = data or read_footprint()
    api = data.ecobalyse
    grams, knit, woven, left_out = _textile_fibres(estimate, library)
    key = "alias" if legacy_ids else "id"
    mapped: dict[str, float] = defaultdict(float)
    for fibre, g in grams.items():
        if fibre in api["materials"]:
            mapped[api["materials"][fibre][key]] += g
        else:
            left_out.append(f"fibre {fibre} (no Ecobalyse material)")
    stages = (
        places
        if isinstance(places, Mapping)
        else dict.fromkeys(("spinning", "forming", "dyeing", "making"), places)
    )
    textile_kg = sum(mapped.values()) / 1000
    return {
        "mass": round(textile_kg, 4),
        "product": api.get("product", "tshirt"),
        "materials": _shares(mapped),
        "countrySpinning": _ecobalyse_country(data, stages["spinning"]),
        "countryFabric": _ecobalyse_country(data, stages["forming"]),
        "countryDyeing": _ecobalyse_country(data, stages["dyeing"]),
        "countryMaking": _ecobalyse_country(data, stages["making"]),
        "airTransportRatio": air_share,
        "fabricProcess": "knitting-mix" if knit >= woven else "weaving",
        "makingWaste": round(1 - bom.MARKER_EFFICIENCY, 3),
        "trims": [],
    }, left_out


def _textile_fibres(
    estimate: Any, library: Library
) -> tuple[dict[str, float], float, float, list[str]]:
    """Grams per fibre of the fabrics and the thread; knit and woven grams; the trims
    left out."""
    grams: dict[str, float] = defaultdict(float)
    knit = woven = 0.0
    left: dict[str, float] = defaultdict(float)
    for part in estimate.parts:
        fabric = library.fabrics.get(part.material)
        g = float(np.sum(part.mass_g))
        if fabric is None:
            trim = library.trims[part.material]
            if trim.kind in TEXTILE_TRIMS and trim.fibre:
                grams[trim.fibre] += g  # thread, binding, elastic, cord, webbing: textile
            else:
                left[part.material] += g
            continue
        for fibre, share in fabric.composition.items():
            grams[fibre] += g * share
        if fabric.construction in ("knit", "warp-knit-mesh", "spacer-mesh"):
            knit += g
        else:
            woven += g
    left_out = [f"{trim} {g:.1f} g (no Ecobalyse component)" for trim, g in left.items()]
    return grams, knit, woven, left_out


def _shares(grams: Mapping[str, float]) -> list[dict[str, Any]]:
    """Mass shares that sum to exactly 1 in floating point, as Ecobalyse checks: each a
    multiple of 1/1024 (exact in binary, within 0.05 % of the true share), at least 0.01
    (Ecobalyse's minimum: smaller ones go to the largest), the remainder on the largest."""
    total = sum(grams.values())
    kept = {k: v for k, v in grams.items() if v / total >= 0.01}
    steps = {k: max(round(v / total * 1024), 11) for k, v in kept.items()}
    largest = max(steps, key=steps.get)
    steps[largest] = 1024 - sum(n for k, n in steps.items() if k != largest)
    return [{"id": k, "share": steps[k] / 1024} for k in sorted(steps)]


def _ecobalyse_country(data: FootprintData, place: str) -> str:
    country = data.country_of(place)
    if country in data.ecobalyse["countries"]:
        return country
    return data.ecobalyse["regions"].get(country, "---")
