"""A design's supply chain: its bill of materials and where it is made, at what cost.

The steps on an :class:`packcalc.estimator.Estimate` that follow the weight: the bill of
materials (:mod:`packcalc.bom` on the estimate's parts), the supply-chain scenarios
(:mod:`packcalc.footprint` with the factors of :mod:`packcalc.footprint_data`), and
the Ecobalyse query. ``Estimate.footprint`` calls :func:`compare`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from packcalc import bom, footprint
from packcalc.errors import PackcalcError, did_you_mean
from packcalc.footprint_data import FootprintData, read_footprint
from packcalc.library import Library
from packcalc.tables import dataframe

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
        ends in the vest), trims in pieces, m or m², thread in m; ``mass_g`` is the mass
        in the finished vest.
    """
    bom.check_marker_efficiency(marker_efficiency)
    net: dict[str, float] = defaultdict(float)
    consumed: dict[str, float] = defaultdict(float)
    grams: dict[str, float] = defaultdict(float)
    cut: set[str] = set()  # fabrics with at least one cut (not knitted) piece
    for part in estimate.parts:
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
    rows += [_trim_row(library, t, g) for t, g in grams.items() if t not in library.fabrics]
    return rows


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


@dataclasses.dataclass(frozen=True)
class Step:
    """One step of a supply chain: where, what, kg CO2e, € and days."""

    name: str
    place: str
    co2e_kg: float
    cost_eur: float
    days: float
    detail: str = ""


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A design made at one place, shipped with one air share."""

    name: str
    made_in: str
    air_share: float
    steps: tuple[Step, ...]
    co2e_band_kg: tuple[float, float]
    notes: tuple[str, ...] = ()
    per_gram_saved_g: float = 0.0  # g CO2e of transport saved per gram taken off the vest

    @property
    def co2e_kg(self) -> float:
        return sum(s.co2e_kg for s in self.steps)

    @property
    def cost_eur(self) -> float:
        return sum(s.cost_eur for s in self.steps)

    @property
    def lead_days(self) -> float:
        return sum(s.days for s in self.steps)

    def to_dataframe(self) -> Any:
        """One row per step: name, place, kg CO2e, €, days, detail (pandas DataFrame)."""
        return dataframe([dataclasses.asdict(s) for s in self.steps])

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "made_in": self.made_in,
            "air_share": self.air_share,
            "co2e_kg": round(self.co2e_kg, 5),
            "co2e_band_kg": [round(v, 5) for v in self.co2e_band_kg],
            "cost_eur": round(self.cost_eur, 2),
            "lead_days": round(self.lead_days, 1),
            "co2e_per_gram_saved_g": round(self.per_gram_saved_g, 4),
            "steps": [dataclasses.asdict(s) for s in self.steps],
            "notes": list(self.notes),
        }


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


def scenario(
    estimate: Any,
    library: Any,
    data: FootprintData,
    made_in: str,
    air_share: float = 0.0,
    warehouse: str = "FR-Drome",
    grid_uncertainty: float = 0.2,
) -> Scenario:
    """The supply chain of a design made at ``made_in`` and sent to ``warehouse``.

    Parameters
    ----------
    estimate : Estimate
        The design's estimate (parts, pattern, weight).
    library : Library
        Fabric origins.
    data : FootprintData
        The factors.
    made_in : str
        A place of ``footprint.toml`` (``"FR-Drome"``, ``"VN"``).
    air_share : float, optional
        Share of the making → warehouse leg flown [-].
    warehouse : str, optional
        The brand's warehouse (a place).
    grid_uncertainty : float, optional
        ± relative uncertainty of the grid factor, for the band [-].

    Returns
    -------
    Scenario
        Three steps (materials to the maker, making, to the warehouse), each with
        kg CO2e, € and days.
    """
    if made_in not in data.places:
        hint = did_you_mean(made_in, data.places)
        raise PackcalcError(
            "made_in", f"unknown place {made_in!r}{hint}; places: {', '.join(data.places)}"
        )
    if not 0 <= air_share <= 1:
        raise PackcalcError("air_share", f"expected 0 to 1, got {air_share!r}")
    place = data.places[made_in]
    country = place["country"]
    ef = [data.modes[mode]["co2e_kg_tkm"] for mode in ("road", "sea", "air")]
    making = data.making
    efficiency = making.get("marker_efficiency", bom.MARKER_EFFICIENCY)

    def leg(mass_kg: float, km: Mapping[str, float], share: float = 0.0) -> float:
        return float(footprint.leg_co2e_kg(mass_kg, km["road"], km["sea"], km["air"], *ef, share))

    # Materials to the making site: fabric consumed with its cutting waste, and trims.
    # A fabric whose origin is unknown (or has no route) is taken as made where the vest is.
    unknown = []
    co2e = cost = 0.0
    fabric_prices = data.prices["fabric_eur_per_m2"]
    for row in bill_of_materials(estimate, library, efficiency):
        if row["kind"] != "fabric":
            co2e += leg(
                row["mass_g"] / 1000, {"road": footprint.SAME_COUNTRY_ROAD_KM, "sea": 0, "air": 0}
            )
            cost += row["mass_g"] * data.prices["trims_eur_per_g"]
            continue
        fabric = library.fabrics[row["id"]]
        origin = fabric.origin.get("country", country)
        if origin != country and (origin, country) not in data.routes:
            origin = country
        if "country" not in fabric.origin or origin != fabric.origin["country"]:
            unknown.append(row["id"])
        km = (
            {"road": footprint.SAME_COUNTRY_ROAD_KM, "sea": 0.0, "air": 0.0}
            if origin == country
            else data.routes[(origin, country)]
        )
        co2e += leg(row["quantity"] * fabric.areal_density_gsm / 1000, km)
        cost += row["quantity"] * fabric_prices.get(fabric.construction, fabric_prices["default"])
    steps = [
        Step("materials to the maker", made_in, co2e, cost, making["material_days"],
             f"fabric consumed at {efficiency:.0%} marker efficiency"),
    ]  # fmt: skip

    # Making: minutes, their electricity at the country's grid factor, labour.
    minutes = making_minutes(estimate, data)
    kwh = minutes * making["energy_kwh_per_min"]
    grid = data.countries[country]["grid_g_kwh"] / 1000
    labour = minutes / 60 * data.countries[country]["labour_eur_h"]
    steps.append(
        Step("making", made_in, kwh * grid, labour, data.countries[country]["production_days"],
             f"{minutes:.0f} min, {kwh:.3f} kWh at {grid * 1000:.0f} g CO2e/kWh")
    )  # fmt: skip

    # The finished vest to the warehouse, then the French road from the port.
    vest_kg = estimate.weight.m_as("kg")
    target = data.places[warehouse]
    if target["country"] == country:
        road = place["to_warehouse_road_km"] if made_in != warehouse else 0.0
        km = {"road": road, "sea": 0.0, "air": 0.0}
        days = data.modes["road"]["days"]
        co2e = leg(vest_kg, km)
    else:
        km = dict(data.routes[(country, target["country"])])
        days = (1 - air_share) * data.modes["sea"]["days"] + air_share * data.modes["air"]["days"]
        # The place's road leg runs from the port of arrival to the warehouse.
        french_road = {"road": place["to_warehouse_road_km"], "sea": 0.0, "air": 0.0}
        co2e = leg(vest_kg, km, air_share) + leg(vest_kg, french_road)
    share = float(footprint.road_share(km["road"]))
    steps.append(
        Step("to the warehouse", f"{made_in} → {warehouse}", co2e, 0.0, days,
             f"road share {share:.0%} of road + sea ({km['road']:.0f} / {km['sea']:.0f} km), "
             f"air {km['air']:.0f} km × {air_share:.0%}"
             + (f", then {place['to_warehouse_road_km']:.0f} km by road"
                if target["country"] != country else ""))
    )  # fmt: skip

    total = sum(s.co2e_kg for s in steps)
    spread = kwh * grid * grid_uncertainty
    name = place["name"] + (f", {air_share:.0%} by air" if air_share else "")
    notes = ()
    if unknown:
        listed = ", ".join(sorted(set(unknown)))
        notes = (f"origin unknown, taken as the making country: {listed}",)
    # Transport scales with mass: what one gram less saves (making scales with minutes).
    per_gram = (steps[0].co2e_kg + steps[2].co2e_kg) * 1000 / estimate.weight.m_as("g")
    return Scenario(name, made_in, air_share, tuple(steps), (total - spread, total + spread),
                    notes, per_gram)  # fmt: skip


def compare(
    estimate: Any,
    library: Any,
    made_in: str = "FR-Drome",
    compare_to: Sequence[str] = ("VN",),
    air_shares: Sequence[float] = (0.0, 0.33),
    data: FootprintData | None = None,
) -> list[Scenario]:
    """The design made at ``made_in`` and at each of ``compare_to`` (sea, and each air
    share), side by side."""
    data = data or read_footprint()
    out = [scenario(estimate, library, data, made_in)]
    for place in compare_to:
        home = data.places[made_in]["country"] if made_in in data.places else ""
        abroad = data.places.get(place, {}).get("country", "") != home
        shares = air_shares if abroad else (0.0,)
        for share in shares:
            out.append(scenario(estimate, library, data, place, share))
    return out


# Our fibre ids → Ecobalyse's material ids (public/data/textile/materials.json in
# MTES-MCT/ecobalyse, MIT licence). Fibres Ecobalyse does not list are left out of the
# query and named in its note.
ECOBALYSE_MATERIALS = {
    "nylon-6": "ei-pa",
    "nylon-6.6": "ei-pa",
    "polyester": "ei-pet",
    "polyester-recycled": "ei-pet-r",
    "elastane": "elasthane",
    "cotton": "ei-coton",
    "wool": "ei-laine-par-defaut",
    "polypropylene": "ei-pp",
    "acrylic": "ei-acrylique",
}


def ecobalyse_query(
    estimate: Any, library: Any, country: str, air_share: float = 0.0
) -> tuple[dict[str, Any], list[str]]:
    """The design as an Ecobalyse textile query (the JSON its simulator API takes), to
    cross-check the footprint on their site.

    Ecobalyse has no running-vest category: the knit t-shirt (``tshirt``) stands in.
    Materials are the fibre mass shares of the vest's fabrics. Returns the query and the
    fibres Ecobalyse does not list (left out of the shares).
    """
    by_fibre: dict[str, float] = {}
    knit = woven = 0.0
    for part in estimate.parts:
        fabric = library.fabrics.get(part.material)
        if fabric is None:
            continue
        grams = float(np.sum(part.mass_g))
        for fibre, share in fabric.composition.items():
            by_fibre[fibre] = by_fibre.get(fibre, 0.0) + grams * share
        if fabric.construction in ("knit", "warp-knit-mesh", "spacer-mesh"):
            knit += grams
        else:
            woven += grams
    mapped: dict[str, float] = {}
    left_out = []
    for fibre, grams in by_fibre.items():
        if fibre in ECOBALYSE_MATERIALS:
            key = ECOBALYSE_MATERIALS[fibre]
            mapped[key] = mapped.get(key, 0.0) + grams
        else:
            left_out.append(fibre)
    total = sum(mapped.values())
    return {
        "mass": round(estimate.weight.m_as("kg"), 4),
        "product": "tshirt",
        "materials": [{"id": k, "share": round(v / total, 4)} for k, v in sorted(mapped.items())],
        "countrySpinning": country,
        "countryFabric": country,
        "countryDyeing": country,
        "countryMaking": country,
        "airTransportRatio": air_share,
        "fabricProcess": "knitting-mix" if knit >= woven else "weaving",
        "makingWaste": round(1 - bom.MARKER_EFFICIENCY, 3),
    }, left_out
