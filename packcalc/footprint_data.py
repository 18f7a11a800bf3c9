"""The factors of the supply-chain footprint, read from ``materials/footprint.toml``.

Transport modes (kg CO2e per t·km and days), countries (grid factor, labour cost,
production days), places (country, road to the brand's warehouse), routes between
countries by mode, the making model's times and powers, and prices. Every record keeps
its source and licence (the library's provenance rule, plus a licence: these factors are
republished); :attr:`FootprintData.records` lists them for display.
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
