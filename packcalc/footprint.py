r"""Made where, at what footprint and cost: transport, making energy, cost, lead time.

Transport follows the method of Ecobalyse, the French government's textile
environmental-cost calculator (its transport documentation; our own code):

.. math::

    I = a \, I_{air} + (1 - a) \left( t \, I_{road} + (1 - t) \, I_{sea} \right),
    \qquad I_m = \frac{m}{1000} \, D_m \, EF_m

with m the mass carried [kg], D_m the distance by mode [km], EF_m the emission factor
[kg CO2e/t·km], a the air share (only on the last leg, making → warehouse) and t the
road share of road + sea, set by the road distance: 100 % up to 500 km, 90 % to 1000 km,
50 % to 2000 km, 25 % to 3000 km, 0 beyond. Two places in one country are joined by
500 km of road, unless the design gives the finer legs (Drôme → Lyon) that Ecobalyse's
country-level rule cannot express.

Making: fabric consumed with cutting waste (``packcalc.bom``), minutes of sewing from
the design's seams, binding and operations, their electricity × the grid factor of the
making country, and a cost (fabric €/m², trims, minutes × labour cost). Every factor is
in ``materials/footprint.toml`` with its source and licence.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from packcalc.bom import MARKER_EFFICIENCY, bill_of_materials
from packcalc.errors import PackcalcError
from packcalc.library import _Record, did_you_mean, materials_dir
from packcalc.units import check_number, parse_quantity

ROAD_SHARE = ((500.0, 1.0), (1000.0, 0.9), (2000.0, 0.5), (3000.0, 0.25))
SAME_COUNTRY_ROAD_KM = 500.0


def road_share(road_km: npt.ArrayLike) -> Any:
    """Share of road in a road + sea leg, from its road distance (Ecobalyse's rule).

    Parameters
    ----------
    road_km : float or array_like
        Road distance of the leg [km].

    Returns
    -------
    float or ndarray
        t [-]: 1 up to 500 km, 0.9 to 1000, 0.5 to 2000, 0.25 to 3000, 0 beyond.

    References
    ----------
    Ecobalyse, "Transport" (textile methodology), MTES-MCT/ecobalyse; rule as summarised
    in packcalc's research notes (anchors.md §1).

    Examples
    --------
    >>> [float(road_share(d)) for d in (400, 800, 1500, 2500, 31498)]
    [1.0, 0.9, 0.5, 0.25, 0.0]
    """
    d = np.asarray(road_km, dtype=float)
    share = np.zeros_like(d)
    for limit, value in reversed(ROAD_SHARE):
        share = np.where(d <= limit, value, share)
    return share


def leg_co2e_kg(
    mass_kg: npt.ArrayLike,
    road_km: npt.ArrayLike,
    sea_km: npt.ArrayLike,
    air_km: npt.ArrayLike,
    road_ef: float,
    sea_ef: float,
    air_ef: float,
    air_share: npt.ArrayLike = 0.0,
) -> Any:
    r"""Emissions of one transport leg (Ecobalyse's mix of modes).

    .. math::

        I = a I_{air} + (1 - a)(t I_{road} + (1 - t) I_{sea}), \quad
        I_m = \frac{m}{1000} D_m EF_m

    Parameters
    ----------
    mass_kg : float or array_like
        Mass carried [kg].
    road_km, sea_km, air_km : float or array_like
        Distances by mode [km].
    road_ef, sea_ef, air_ef : float
        Emission factors [kg CO2e/(t·km)].
    air_share : float or array_like, optional
        Share flown a [-] (default 0).

    Returns
    -------
    float or ndarray
        Emissions [kg CO2e].

    References
    ----------
    Ecobalyse, textile transport methodology (MTES-MCT/ecobalyse).

    Examples
    --------
    1 t over a 400 km road-only leg at 0.1 kg/t·km:

    >>> float(leg_co2e_kg(1000.0, 400.0, 0.0, 0.0, 0.1, 0.01, 1.0))
    40.0
    """
    tonnes = np.asarray(mass_kg, dtype=float) / 1000.0
    t = road_share(road_km)
    surface = (
        t * tonnes * np.asarray(road_km) * road_ef + (1 - t) * tonnes * np.asarray(sea_km) * sea_ef
    )
    flown = tonnes * np.asarray(air_km) * air_ef
    a = np.asarray(air_share, dtype=float)
    return a * flown + (1 - a) * surface


# --------------------------------------------------------------------------- data


@dataclasses.dataclass(frozen=True)
class FootprintData:
    """The factors of ``materials/footprint.toml`` (units in the field names)."""

    modes: Mapping[str, dict[str, Any]]  # id → co2e_kg_tkm, days, source, licence
    countries: Mapping[str, dict[str, Any]]  # id → grid_g_kwh, labour_eur_h, name, …
    places: Mapping[str, dict[str, Any]]  # id → country, name, to_warehouse_road_km, …
    routes: Mapping[tuple[str, str], dict[str, float]]  # (a, b) → road/sea/air km
    making: Mapping[str, Any]  # speeds, powers, operation minutes, production days
    prices: Mapping[str, Any]  # fabric €/m² by construction, trims €/piece or €/m
    records: tuple[dict[str, Any], ...]  # every record with its provenance, for display


def _need(table: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise PackcalcError(f"footprint.toml: {where}.{key}", "missing required key")
    return table[key]


def read_footprint(path: Path | str | None = None) -> FootprintData:
    """Read and validate ``materials/footprint.toml``."""
    import tomllib

    path = Path(path) if path else materials_dir() / "footprint.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PackcalcError("footprint.toml", f"cannot read it: {exc}") from None
    records = []

    def provenance(row: Mapping[str, Any], where: str) -> None:
        # The library's rule (a source, or assumption = true with a note; 'assumed' keys
        # exist), plus a licence for every source: these factors are republished.
        record = _Record(row, "footprint.toml", "record", 0, set(row))
        record.prefix = where
        if record.provenance().sources and not row.get("licence"):
            raise PackcalcError(record.where("licence"), "missing: give the source's licence")
        records.append(dict(row, where=where))

    modes = {}
    for i, row in enumerate(data.get("mode", [])):
        where = f"modes.{row.get('id', i)}"
        provenance(row, where)
        modes[_need(row, "id", where)] = {
            **row,
            "co2e_kg_tkm": parse_quantity(_need(row, "co2e", where), "kg/(t*km)", f"{where}.co2e"),
        }
    countries = {}
    for i, row in enumerate(data.get("country", [])):
        where = f"countries.{row.get('id', i)}"
        provenance(row, where)
        countries[_need(row, "id", where)] = {
            **row,
            "grid_g_kwh": parse_quantity(_need(row, "grid", where), "g/(kW*h)", f"{where}.grid"),
            "labour_eur_h": check_number(
                _need(row, "labour_eur_per_hour", where), f"{where}.labour_eur_per_hour"
            ),
        }
    places = {}
    for i, row in enumerate(data.get("place", [])):
        where = f"places.{row.get('id', i)}"
        provenance(row, where)
        if _need(row, "country", where) not in countries:
            raise PackcalcError(
                f"footprint.toml: {where}.country", f"unknown country {row['country']!r}"
            )
        places[_need(row, "id", where)] = {
            **row,
            "to_warehouse_road_km": parse_quantity(
                _need(row, "to_warehouse", where), "km", f"{where}.to_warehouse", allow_zero=True
            ),
        }
    routes = {}
    for i, row in enumerate(data.get("route", [])):
        where = f"routes[{i}]"
        provenance(row, where)
        km = {
            mode: parse_quantity(_need(row, mode, where), "km", f"{where}.{mode}", allow_zero=True)
            for mode in ("road", "sea", "air")
        }
        routes[(_need(row, "from", where), _need(row, "to", where))] = km
        routes[(row["to"], row["from"])] = km
    making = data.get("making", {})
    provenance(making, "making")
    prices = data.get("prices", {})
    provenance(prices, "prices")
    return FootprintData(modes, countries, places, routes, making, prices, tuple(records))


# --------------------------------------------------------------------------- scenarios


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
    """Minutes to make the vest: seams and binding at the machines' speeds (with the
    operator's efficiency), plus the minutes of each pocket and trim operation."""
    from packcalc.estimator import sewing

    design = estimate.design
    m = data.making
    speed = m["sewing_speed_m_per_min"] * m["efficiency"]
    sewn = sewing(design)  # the lengths the weight model sews, custom panels included
    minutes = sewn.seam_length_m / speed
    if design.finish.binding:
        minutes += sewn.bound_length_m / speed
    pieces = sum(t.quantity for t in design.trims) + sum(
        1 for p in design.pockets if p.closure != "none"
    )
    minutes += len(design.pockets) * m["minutes_per_pocket"] + pieces * m["minutes_per_trim"]
    return float(minutes + m["minutes_handling"])


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
            "--made-in", f"unknown place {made_in!r}{hint}; places: {', '.join(data.places)}"
        )
    if not 0 <= air_share <= 1:
        raise PackcalcError("air_share", f"expected 0 to 1, got {air_share!r}")
    place = data.places[made_in]
    country = place["country"]
    ef = [data.modes[mode]["co2e_kg_tkm"] for mode in ("road", "sea", "air")]
    making = data.making
    efficiency = making.get("marker_efficiency", MARKER_EFFICIENCY)

    def leg(mass_kg: float, km: Mapping[str, float], share: float = 0.0) -> float:
        return float(leg_co2e_kg(mass_kg, km["road"], km["sea"], km["air"], *ef, share))

    # Materials to the making site: fabric consumed with its cutting waste, and trims.
    # A fabric whose origin is unknown (or has no route) is taken as made where the vest is.
    unknown = []
    co2e = cost = 0.0
    fabric_prices = data.prices["fabric_eur_per_m2"]
    for row in bill_of_materials(estimate, library, efficiency):
        if row["kind"] != "fabric":
            co2e += leg(row["mass_g"] / 1000, {"road": SAME_COUNTRY_ROAD_KM, "sea": 0, "air": 0})
            cost += row["mass_g"] * data.prices["trims_eur_per_g"]
            continue
        fabric = library.fabrics[row["id"]]
        origin = fabric.origin.get("country", country)
        if origin != country and (origin, country) not in data.routes:
            origin = country
        if "country" not in fabric.origin or origin != fabric.origin["country"]:
            unknown.append(row["id"])
        km = (
            {"road": SAME_COUNTRY_ROAD_KM, "sea": 0.0, "air": 0.0}
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
    share = float(road_share(km["road"]))
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
        "makingWaste": round(1 - MARKER_EFFICIENCY, 3),
    }, left_out
