"""The factors of the cradle-to-gate footprint, each with its source, licence, place and year.

``materials/footprint.toml`` holds transport modes (kg CO2e per t·km and days), the
making countries (labour cost, production days), named places, the supply chains to
compare (a place for every stage), the making model's times and prices.
``materials/lca/`` holds the life-cycle factors, each file under its own licence:

- ``grid.toml``: electricity per country (Ember, CC BY 4.0);
- ``carbonfact.toml``: process energy of spinning, knitting, weaving, dyeing and
  finishing (Carbonfact, CC BY-SA 4.0: that file is share-alike);
- ``ecobalyse.toml``: heat mixes, a pre-treatment, distances between countries and the
  textile API's ids (Ecobalyse, MIT);
- ``fibres.toml``: producing each fibre or polymer, the rigid trims and the packaging
  (figures cited from studies and the UK government's factor set).

Every factor must give ``source``, ``licence``, ``geography`` and ``year`` (or be an
assumption with a note): :func:`read_footprint` refuses one without them.
:attr:`FootprintData.records` lists every record for display.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from packcalc.errors import PackcalcError
from packcalc.library import _Record, materials_dir
from packcalc.units import check_number, parse_quantity

STAGES = ("fibre", "spinning", "forming", "dyeing", "finishing", "making")
FACTOR_KEYS = ("source", "licence", "geography", "year")
AS_SOURCED = "as-sourced"  # a chain's stage at the fabric's own origin, where known


@dataclasses.dataclass(frozen=True)
class FootprintData:
    """The factors, read and checked (units in the field names)."""

    modes: Mapping[str, dict[str, Any]]  # id → co2e_kg_tkm, days, source, licence
    countries: Mapping[str, dict[str, Any]]  # making countries → labour_eur_h, production_days
    places: Mapping[str, dict[str, Any]]  # id → country, name, to_warehouse_road_km, …
    routes: Mapping[tuple[str, str], dict[str, float]]  # (a, b) → road/sea/air km (0: none)
    making: Mapping[str, Any]  # speeds, powers, operation minutes, production days
    prices: Mapping[str, Any]  # fabric €/m² by construction, trims €/g
    records: tuple[dict[str, Any], ...]  # every record with its provenance, for display
    grid: Mapping[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    heat: Mapping[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    processes: Mapping[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    fibres: Mapping[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    materials: Mapping[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    packaging: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    chains: Mapping[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    ecobalyse: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    region_of: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def country_of(self, place: str) -> str:
        """The country code of a place (a named place, or a country code itself)."""
        if place in self.places:
            return self.places[place]["country"]
        return place

    def is_place(self, place: str) -> bool:
        return place in self.places or place in self.grid

    def heat_mix(self, place: str) -> dict[str, Any]:
        """The heat mix of a place: Ecobalyse's European mix in Europe, else the world's."""
        country = self.country_of(place)
        for mix in self.heat.values():
            if country in mix["countries"]:
                return mix
        return self.heat["world"]

    def route(self, a: str, b: str) -> dict[str, float]:
        """Road, sea and air distances between two places [km] (0: no such road/sea)."""
        ca, cb = self.country_of(a), self.country_of(b)
        if ca == cb:
            return {"road": 500.0, "sea": 0.0, "air": 500.0}  # Ecobalyse: inside one country
        for x, y in ((ca, cb), (self.region_of.get(ca, ca), cb), (ca, self.region_of.get(cb, cb)),
                     (self.region_of.get(ca, ca), self.region_of.get(cb, cb))):  # fmt: skip
            if (x, y) in self.routes:
                return self.routes[(x, y)]
        raise PackcalcError("place", f"no distance between {a!r} and {b!r} in the routes")


def _need(table: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise PackcalcError(f"{where}.{key}", "missing required key")
    return table[key]


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PackcalcError(path.name, f"cannot read it: {exc}") from None


class _Reader:
    """Collects records with their provenance; refuses a factor without its terms."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def record(self, row: Mapping[str, Any], where: str, factor: bool = False) -> None:
        # The library's rule (a source, or assumption = true with a note), plus a licence
        # for every source (these factors are republished), plus place and year for a factor.
        filename, _, path = where.partition(": ")
        record = _Record(row, filename, "record", 0, set(row))
        record.prefix = path
        if record.provenance().sources and not row.get("licence"):
            raise PackcalcError(record.where("licence"), "missing: give the source's licence")
        if factor:
            for key in FACTOR_KEYS:
                if key not in row:
                    raise PackcalcError(record.where(key), "missing: every factor gives "
                                        "its source, licence, geography and year")  # fmt: skip
        self.records.append(dict(row, where=where))


def read_footprint(
    path: Path | str | None = None, lca_dir: Path | str | None = None
) -> FootprintData:
    """Read and validate ``materials/footprint.toml`` and the factors of ``materials/lca``."""
    path = Path(path) if path else materials_dir() / "footprint.toml"
    lca = Path(lca_dir) if lca_dir else materials_dir() / "lca"
    data = _load(path)
    reader = _Reader()
    grid = _read_grid(_load(lca / "grid.toml"), reader)
    eco = _load(lca / "ecobalyse.toml")
    heat = _read_heat(eco, reader)
    processes = {
        **_read_processes(_load(lca / "carbonfact.toml"), "carbonfact.toml", reader),
        **_read_processes(eco, "ecobalyse.toml", reader),
    }
    fibre_data = _load(lca / "fibres.toml")
    fibres = _read_fibres(fibre_data, "fibre", reader)
    materials = _read_fibres(fibre_data, "material", reader)
    packaging = _read_packaging(fibre_data, reader)
    routes, region_of, api = _read_ecobalyse_routes(eco, reader)
    modes = _read_modes(data, reader)
    countries = _read_countries(data, reader)
    places = _read_places(data, reader, grid)
    making = data.get("making", {})
    reader.record(making, "footprint.toml: making")
    prices = data.get("prices", {})
    reader.record(prices, "footprint.toml: prices")
    footprint = FootprintData(
        modes, countries, places, routes, making, prices, (), grid, heat, processes, fibres,
        materials, packaging, {}, api, region_of,
    )  # fmt: skip
    chains = _read_chains(data, reader, footprint)
    return dataclasses.replace(footprint, chains=chains, records=tuple(reader.records))


def _read_grid(data: Mapping[str, Any], reader: _Reader) -> dict[str, dict[str, Any]]:
    grid = {}
    for i, row in enumerate(data.get("grid", [])):
        where = f"grid.toml: grid.{row.get('country', i)}"
        reader.record(row, where, factor=True)
        grid[_need(row, "country", where)] = {
            **row,
            "kg_per_kwh": parse_quantity(
                _need(row, "intensity", where), "kg/(kW*h)", f"{where}.intensity"
            ),
            "sigma": check_number(_need(row, "sigma", where), f"{where}.sigma", maximum=2.0),
        }
    return grid


def _read_heat(data: Mapping[str, Any], reader: _Reader) -> dict[str, dict[str, Any]]:
    heat = {}
    for i, row in enumerate(data.get("heat", [])):
        where = f"ecobalyse.toml: heat.{row.get('id', i)}"
        reader.record(row, where, factor=True)
        heat[_need(row, "id", where)] = {
            **row,
            "kg_per_mj": parse_quantity(_need(row, "co2e", where), "kg/MJ", f"{where}.co2e"),
            "sigma": check_number(_need(row, "sigma", where), f"{where}.sigma", maximum=2.0),
            "countries": tuple(row.get("countries", ())),
        }
    if "world" not in heat:
        raise PackcalcError("ecobalyse.toml: heat.world", "missing: the heat mix of the world")
    return heat


def _read_processes(
    data: Mapping[str, Any], filename: str, reader: _Reader
) -> dict[str, dict[str, Any]]:
    out = {}
    for i, row in enumerate(data.get("process", [])):
        where = f"{filename}: process.{row.get('id', i)}"
        reader.record(row, where, factor=True)

        def energy(key: str, unit: str, row: Mapping = row, where: str = where) -> float | None:
            if key not in row:
                return None
            return parse_quantity(row[key], unit, f"{where}.{key}", allow_zero=True)

        out[_need(row, "id", where)] = {
            **row,
            "stage": _need(row, "stage", where),
            "kwh_per_kg": energy("electricity", "kW*h/kg"),
            "mj_per_kg": energy("heat", "MJ/kg") or 0.0,
            "machine_a": energy("machine_a", "kW*h/kg"),
            "machine_b": energy("machine_b", "kW*h*dtex/kg"),
            "indirect": energy("indirect", "kW*h/kg"),
            "weaving_c": energy("weaving_c", "kW*h/kg"),
            "sizing_kwh": energy("sizing_electricity", "kW*h/kg"),
            "sizing_mj": energy("sizing_heat", "MJ/kg"),
            "loss": check_number(row.get("loss", 0.0), f"{where}.loss", maximum=0.5),
            "sigma": check_number(_need(row, "sigma", where), f"{where}.sigma", maximum=2.0),
        }
    return out


def _read_fibres(data: Mapping[str, Any], kind: str, reader: _Reader) -> dict[str, dict[str, Any]]:
    out = {}
    for i, row in enumerate(data.get(kind, [])):
        where = f"fibres.toml: {kind}.{row.get('id', i)}"
        reader.record(row, where, factor=True)
        energy = row.get("energy")
        out[_need(row, "id", where)] = {
            **row,
            "kg_per_kg": check_number(_need(row, "co2e_per_kg", where), f"{where}.co2e_per_kg"),
            "mj_per_kg": None if energy is None else parse_quantity(energy, "MJ/kg", where),
            "sigma": check_number(_need(row, "sigma", where), f"{where}.sigma", maximum=2.0),
        }
    return out


def _read_packaging(data: Mapping[str, Any], reader: _Reader) -> dict[str, Any]:
    row = data.get("packaging", {})
    reader.record(row, "fibres.toml: packaging")
    return {**row, "polybag_g": parse_quantity(row.get("polybag", "0 g"), "g", "packaging.polybag",
                                               allow_zero=True)}  # fmt: skip


def _read_ecobalyse_routes(
    data: Mapping[str, Any], reader: _Reader
) -> tuple[dict[tuple[str, str], dict[str, float]], dict[str, str], dict[str, Any]]:
    reader.record(data.get("routes_source", {}), "ecobalyse.toml: routes", factor=True)
    routes = {}
    for i, row in enumerate(data.get("route", [])):
        where = f"ecobalyse.toml: route[{i}]"
        km = {}
        for mode in ("road", "sea", "air"):
            value = _need(row, mode, where)
            km[mode] = 0.0 if value == "none" else parse_quantity(value, "km", f"{where}.{mode}")
        routes[(_need(row, "from", where), _need(row, "to", where))] = km
        routes[(row["to"], row["from"])] = km
    api = data.get("api", {})
    reader.record(api, "ecobalyse.toml: api")
    return routes, dict(api.get("regions", {})), api


def _read_modes(data: Mapping[str, Any], reader: _Reader) -> dict[str, dict[str, Any]]:
    modes = {}
    for i, row in enumerate(data.get("mode", [])):
        where = f"footprint.toml: modes.{row.get('id', i)}"
        reader.record(row, where)
        modes[_need(row, "id", where)] = {
            **row,
            "co2e_kg_tkm": parse_quantity(_need(row, "co2e", where), "kg/(t*km)", f"{where}.co2e"),
            "sigma": check_number(row.get("sigma", 0.1), f"{where}.sigma", maximum=2.0),
        }
    return modes


def _read_countries(data: Mapping[str, Any], reader: _Reader) -> dict[str, dict[str, Any]]:
    countries = {}
    for i, row in enumerate(data.get("country", [])):
        where = f"footprint.toml: countries.{row.get('id', i)}"
        reader.record(row, where)
        countries[_need(row, "id", where)] = {
            **row,
            "labour_eur_h": check_number(
                _need(row, "labour_eur_per_hour", where), f"{where}.labour_eur_per_hour"
            ),
        }
    return countries


def _read_places(
    data: Mapping[str, Any], reader: _Reader, grid: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    places = {}
    for i, row in enumerate(data.get("place", [])):
        where = f"footprint.toml: places.{row.get('id', i)}"
        reader.record(row, where)
        if _need(row, "country", where) not in grid:
            raise PackcalcError(f"{where}.country", f"unknown country {row['country']!r}")
        places[_need(row, "id", where)] = {
            **row,
            "to_warehouse_road_km": parse_quantity(
                _need(row, "to_warehouse", where), "km", f"{where}.to_warehouse", allow_zero=True
            ),
        }
    return places


def _read_chains(
    data: Mapping[str, Any], reader: _Reader, footprint: FootprintData
) -> dict[str, dict[str, Any]]:
    chains = {}
    for i, row in enumerate(data.get("chain", [])):
        where = f"footprint.toml: chains.{row.get('id', i)}"
        reader.record(row, where)
        for stage in STAGES:
            place = _need(row, stage, where)
            if place != AS_SOURCED and not footprint.is_place(place):
                raise PackcalcError(f"{where}.{stage}", f"unknown place {place!r}")
        chains[_need(row, "id", where)] = {
            **row,
            "air_share": check_number(row.get("air", 0.0), f"{where}.air", maximum=1.0),
        }
    for chain_id, chain in chains.items():
        fallback = chain.get("fallback")
        if fallback is not None and fallback not in chains:
            raise PackcalcError(f"footprint.toml: chains.{chain_id}.fallback",
                                f"unknown chain {fallback!r}")  # fmt: skip
    return chains
