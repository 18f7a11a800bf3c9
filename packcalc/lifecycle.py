"""The whole footprint of a design, cradle to gate, stage by stage and place by place.

From an :class:`packcalc.estimator.Estimate`, each fabric of the bill of materials goes
through its stages, each where the supply chain puts it:

fibre (the polymer) → spinning (and texturing) → forming (knitting, weaving or
laminating) → dyeing → finishing → making, with the trims, the packaging and the
transport between every two places. Masses flow upstream with each step's loss (the
cutting waste is produced, dyed and shipped as the fabric is). A process's electricity
and heat are multiplied by the factors of its place (:mod:`packcalc.footprint`,
factors of :mod:`packcalc.footprint_data`); a fibre's production keeps its source's
factor wherever it is made. End of life is out of scope.

Every contribution is a product of factors, each with its own uncertainty, so the band
of the total (:func:`packcalc.footprint.lognormal_band`) and its sensitivity to each
factor (:func:`packcalc.footprint.elasticities`) come from the same terms.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from packcalc import footprint
from packcalc.errors import PackcalcError, did_you_mean
from packcalc.footprint_data import AS_SOURCED, STAGES, FootprintData, read_footprint
from packcalc.library import Library
from packcalc.supply import bill_of_materials
from packcalc.tables import dataframe

# Stages in the order a garment goes through them (transport legs sit between).
STAGE_ORDER = (
    "fibre",
    "spinning",
    "forming",
    "dyeing",
    "finishing",
    "trims",
    "making",
    "packaging",
    "transport",
)
POLYAMIDES = ("nylon-6", "nylon-6.6")
POLYESTERS = ("polyester", "polyester-recycled")
SPINNING = {
    "nylon-6": "spinning-pa",
    "nylon-6.6": "spinning-pa",
    "polyester": "spinning-pet",
    "polyester-recycled": "spinning-pet",
    "elastane": "spinning-elastane",
    "uhmwpe": "spinning-pa",
    "polypropylene": "spinning-pet",
}
NOT_SPUN = ("pet-film", "polyurethane")  # films and coatings: their forming is in their factor
KNITS = ("knit", "warp-knit-mesh", "spacer-mesh")
DEFAULT_DTEX = {
    "woven": 45.0,
    "coated-woven": 45.0,
    "knit": 78.0,
    "warp-knit-mesh": 78.0,
    "spacer-mesh": 78.0,
}
TRANSPORT_FUEL_KG_PER_MJ = 0.0933  # gas oil, combustion + well-to-tank [uk-desnz-ghg-2025]
MAKING_SIGMA = 0.3  # making minutes and their power: an assumption
TRIMS_PLACE_STAGE = "forming"  # trims come from where the chain's fabric is formed

WAREHOUSE = "FR-Drome"  # the brand's warehouse: where every vest is delivered


@dataclasses.dataclass(frozen=True)
class Stage:
    """One stage at one place: kg CO2e, primary energy [MJ], cost [€], what it rests on."""

    stage: str
    place: str
    co2e_kg: float
    energy_mj: float
    source: str
    detail: str = ""
    cost_eur: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "place": self.place,
            "co2e_kg": round(self.co2e_kg, 5),
            "energy_mj": round(self.energy_mj, 3),
            "source": self.source,
            "cost_eur": round(self.cost_eur, 2),
            "detail": self.detail,
        }


@dataclasses.dataclass(frozen=True)
class Step:
    """The three steps a buyer sees: materials to the maker, making, to the warehouse."""

    name: str
    place: str
    co2e_kg: float
    cost_eur: float
    days: float
    detail: str = ""


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A design made along one supply chain."""

    name: str
    made_in: str
    air_share: float
    steps: tuple[Step, ...]
    co2e_band_kg: tuple[float, float]
    notes: tuple[str, ...] = ()
    per_gram_saved_g: float = 0.0  # g CO2e saved per gram taken off the vest
    stages: tuple[Stage, ...] = ()
    chain: str = ""
    places: Mapping[str, str] = dataclasses.field(default_factory=dict)  # stage → place
    sensitivity: tuple[dict[str, Any], ...] = ()
    product_kg: float = 0.0
    energy_left_out: tuple[str, ...] = ()  # fibres whose production energy is not counted

    @property
    def co2e_kg(self) -> float:
        return sum(s.co2e_kg for s in self.stages)

    @property
    def energy_mj(self) -> float:
        return sum(s.energy_mj for s in self.stages)

    @property
    def cost_eur(self) -> float:
        return sum(s.cost_eur for s in self.steps)

    @property
    def lead_days(self) -> float:
        return sum(s.days for s in self.steps)

    @property
    def co2e_per_kg_product(self) -> float:
        return self.co2e_kg / self.product_kg if self.product_kg else 0.0

    def by_stage(self) -> dict[str, float]:
        """kg CO2e per stage, places together, in :data:`STAGE_ORDER`."""
        out = dict.fromkeys(STAGE_ORDER, 0.0)
        for s in self.stages:
            out[s.stage] += s.co2e_kg
        return out

    def to_dataframe(self) -> Any:
        """One row per stage and place (pandas DataFrame)."""
        return dataframe([s.to_dict() for s in self.stages])

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "chain": self.chain,
            "made_in": self.made_in,
            "air_share": self.air_share,
            "places": dict(self.places),
            "co2e_kg": round(self.co2e_kg, 5),
            "co2e_band_kg": [round(v, 5) for v in self.co2e_band_kg],
            "co2e_per_kg_product": round(self.co2e_per_kg_product, 3),
            "energy_mj": round(self.energy_mj, 2),
            "energy_left_out": list(self.energy_left_out),
            "cost_eur": round(self.cost_eur, 2),
            "lead_days": round(self.lead_days, 1),
            "co2e_per_gram_saved_g": round(self.per_gram_saved_g, 4),
            "stages": [s.to_dict() for s in self.stages],
            "steps": [dataclasses.asdict(s) for s in self.steps],
            "sensitivity": [dict(s) for s in self.sensitivity],
            "notes": list(self.notes),
            "scope": "cradle to gate: end of life is not counted",
        }


# ------------------------------------------------------------------ the ledger


class _Ledger:
    """Contributions by (stage, place), each a product of named uncertain factors."""

    def __init__(self, data: FootprintData) -> None:
        self.data = data
        self.co2e: dict[tuple[str, str], float] = defaultdict(float)
        self.energy: dict[tuple[str, str], float] = defaultdict(float)
        self.cost: dict[tuple[str, str], float] = defaultdict(float)
        self.sources: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.details: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.terms: list[tuple[float, tuple[str, ...]]] = []
        self.sigmas: dict[str, float] = {}
        self.notes: list[str] = []
        self.energy_left_out: set[str] = set()  # fibres whose source gives no energy

    def add(
        self,
        stage: str,
        place: str,
        co2e: float,
        factors: Mapping[str, float],
        energy: float = 0.0,
        source: str = "",
    ) -> None:
        key = (stage, place)
        co2e, energy = float(co2e), float(energy)
        self.co2e[key] += co2e
        self.energy[key] += energy
        if source:
            self.sources[key].add(source)
        self.sigmas.update(factors)
        if co2e:
            self.terms.append((co2e, tuple(factors)))

    def charge(self, stage: str, place: str, eur: float, detail: str = "") -> None:
        """A cost [€] at a stage (the stage appears even with no emissions)."""
        key = (stage, place)
        self.co2e[key] += 0.0
        self.cost[key] += eur
        if detail:
            self.details[key].append(detail)

    def process(
        self,
        stage: str,
        place: str,
        mass_kg: float,
        process_id: str,
        kwh_per_kg: float | None = None,
    ) -> None:
        """A process of the data at a place: its electricity and heat at the place's factors."""
        data = self.data
        p = data.processes[process_id]
        kwh = p["kwh_per_kg"] if kwh_per_kg is None else kwh_per_kg
        country = data.country_of(place)
        grid, heat = data.grid[country], data.heat_mix(place)
        electric = mass_kg * kwh * grid["kg_per_kwh"]
        thermal = mass_kg * p["mj_per_kg"] * heat["kg_per_mj"]
        source = f"{p['id']} ({p['licence']}); grid {country}; heat {heat['id']}"
        process_sigma = {f"process:{process_id}": p["sigma"]}
        self.add(
            stage,
            place,
            electric,
            {**process_sigma, f"grid:{country}": grid["sigma"]},
            float(footprint.primary_energy_mj(mass_kg * kwh, 0.0)),
            source,
        )
        self.add(
            stage,
            place,
            thermal,
            {**process_sigma, f"heat:{heat['id']}": heat["sigma"]},
            float(footprint.primary_energy_mj(0.0, mass_kg * p["mj_per_kg"])),
        )

    def transport(self, start: str, end: str, mass_kg: float, air_share: float = 0.0) -> None:
        if start == end or mass_kg <= 0:
            return
        km = self.data.route(start, end)
        modes = self.data.modes
        ef = [modes[m]["co2e_kg_tkm"] for m in ("road", "sea", "air")]
        # No road between the places: by sea; no sea: by road; else Ecobalyse's rule.
        t = 0.0 if not km["road"] else 1.0 if not km["sea"] else None
        surface = footprint.leg_co2e_kg(
            mass_kg, km["road"], km["sea"], 0.0, *ef, 0.0, surface_road_share=t
        )
        flown = footprint.leg_co2e_kg(mass_kg, 0.0, 0.0, km["air"], *ef, 1.0)
        place = f"{start} → {end}"
        for value, mode_ids in (
            ((1 - air_share) * float(surface), ("road", "sea")),
            (air_share * float(flown), ("air",)),
        ):
            if value:
                sig = {f"mode:{m}": modes[m]["sigma"] for m in mode_ids}
                self.add(
                    "transport",
                    place,
                    value,
                    sig,
                    value / TRANSPORT_FUEL_KG_PER_MJ,
                    "transport (Ecobalyse's rule; DESNZ factors)",
                )

    def stages(self) -> tuple[Stage, ...]:
        keys = sorted(self.co2e, key=lambda k: (STAGE_ORDER.index(k[0]), k[1]))
        return tuple(
            Stage(
                stage,
                place,
                self.co2e[(stage, place)],
                self.energy[(stage, place)],
                "; ".join(sorted(self.sources[(stage, place)])),
                "; ".join(dict.fromkeys(self.details[(stage, place)])),
                self.cost[(stage, place)],
            )
            for stage, place in keys
        )


# ------------------------------------------------------------------ places of a chain


def chain_of(data: FootprintData, chain: str | Mapping[str, Any]) -> dict[str, Any]:
    """A chain by id (``footprint.toml``), or given as a mapping of stage → place."""
    if isinstance(chain, Mapping):
        return dict(chain)
    if chain not in data.chains:
        hint = did_you_mean(chain, data.chains)
        raise PackcalcError(
            "chain", f"unknown chain {chain!r}{hint}; chains: {', '.join(data.chains)}"
        )
    return dict(data.chains[chain])


def check_settings(data: FootprintData, settings: Mapping[str, str]) -> None:
    """``STAGE=PLACE`` settings: a stage of :data:`STAGES` at a known place."""
    for stage, place in settings.items():
        if stage not in STAGES:
            raise PackcalcError(f"set.{stage}", f"unknown stage; stages: {', '.join(STAGES)}")
        if not data.is_place(place):
            hint = did_you_mean(place, [*data.places, *data.grid])
            raise PackcalcError(f"set.{stage}", f"unknown place {place!r}{hint}")


def fabric_places(fabric: Any, chain: Mapping[str, Any], data: FootprintData) -> dict[str, str]:
    """Where each stage of one fabric happens: the chain's place, or the fabric's own
    origin where the chain says ``as-sourced`` and the record gives one (else the
    fallback chain's place)."""
    fallback = data.chains.get(chain.get("fallback", ""), {})
    origin = dict(fabric.origin)
    mill = origin.get("country")
    own = {
        "fibre": origin.get("fibre_from"),
        "spinning": origin.get("spun_in"),
        "forming": mill,
        "dyeing": origin.get("dyed_in", mill),
        "finishing": origin.get("finished_in", mill),
    }
    places = {}
    for stage in STAGES[:-1]:
        place = chain[stage]
        if place == AS_SOURCED:
            place = own.get(stage) or fallback.get(stage)
            if place is None or place == AS_SOURCED:
                raise PackcalcError(f"chain.{stage}", "as-sourced needs a fallback chain")
        places[stage] = place if data.is_place(place) else data.country_of(place)
    return places


# ------------------------------------------------------------------ one fabric


def _yarn_dtex(fabric: Any) -> tuple[float, bool]:
    """The yarn's fineness [dtex] from the fabric's structure, else a default (flagged)."""
    structure = fabric.structure or {}
    tex = structure.get("warp_tex") or structure.get("yarn_tex")
    if tex:
        return float(tex) * 10.0, False
    return DEFAULT_DTEX.get(fabric.construction, 78.0), True


def _fabric(
    ledger: _Ledger,
    fabric: Any,
    cut_kg: float,
    knitted: bool,
    places: Mapping[str, str],
    making: str,
) -> None:
    """Every stage of one fabric, from the polymer to the making site."""
    data = ledger.data
    forming_id, kwh = _forming(fabric, knitted, data)
    yarn_kg = float(footprint.input_mass(cut_kg, data.processes[forming_id]["loss"]))
    _fibres_and_yarn(ledger, fabric, yarn_kg, places)
    ledger.transport(places["spinning"], places["forming"], yarn_kg)
    ledger.process("forming", places["forming"], cut_kg, forming_id, kwh)
    if forming_id == "weaving-air-jet":
        p = data.processes[forming_id]
        sized = cut_kg * p["sized_yarn"]
        grid = data.grid[data.country_of(places["forming"])]
        heat = data.heat_mix(places["forming"])
        co2e = sized * (p["sizing_kwh"] * grid["kg_per_kwh"] + p["sizing_mj"] * heat["kg_per_mj"])
        ledger.add(
            "forming",
            places["forming"],
            co2e,
            {f"process:{forming_id}": p["sigma"], f"grid:{grid['country']}": grid["sigma"]},
            float(footprint.primary_energy_mj(sized * p["sizing_kwh"], sized * p["sizing_mj"])),
        )
    ledger.transport(places["forming"], places["dyeing"], cut_kg)
    for process_id in _dyeing(fabric, ledger):
        ledger.process("dyeing", places["dyeing"], cut_kg, process_id)
    ledger.transport(places["dyeing"], places["finishing"], cut_kg)
    for process_id in _finishing(fabric):
        ledger.process("finishing", places["finishing"], cut_kg, process_id)
    ledger.transport(places["finishing"], making, cut_kg)


def _fibres_and_yarn(
    ledger: _Ledger, fabric: Any, yarn_kg: float, places: Mapping[str, str]
) -> None:
    data = ledger.data
    for fibre_id, share in fabric.composition.items():
        spin = SPINNING.get(fibre_id)
        loss = data.processes[spin]["loss"] if spin else 0.0
        polymer_kg = float(footprint.input_mass(yarn_kg * share, loss))
        _fibre(ledger, fibre_id, polymer_kg, places["fibre"])
        ledger.transport(places["fibre"], places["spinning"], polymer_kg)
        if spin is None:
            if fibre_id not in NOT_SPUN:
                ledger.notes.append(f"{fibre_id}: no open spinning figure, not counted")
            continue
        ledger.process("spinning", places["spinning"], yarn_kg * share, spin)
        if fabric.construction in KNITS and fibre_id != "elastane":
            ledger.process("spinning", places["spinning"], yarn_kg * share, "texturing")
        if fibre_id in ("uhmwpe", "polypropylene"):
            ledger.notes.append(f"{fibre_id} spinning: the melt spinning of {spin[9:]} stands in")


def _fibre(
    ledger: _Ledger, fibre_id: str, mass_kg: float, place: str, stage: str = "fibre"
) -> None:
    fibre = ledger.data.fibres.get(fibre_id)
    if fibre is None or not fibre["kg_per_kg"]:
        ledger.notes.append(f"{fibre_id}: no open production figure, left out")
        return
    energy = (fibre["mj_per_kg"] or 0.0) * mass_kg
    if fibre["mj_per_kg"] is None:
        ledger.notes.append(f"{fibre_id}: its production energy is not given by the source")
        ledger.energy_left_out.add(fibre_id)
    ledger.add(
        stage,
        place,
        mass_kg * fibre["kg_per_kg"],
        {f"fibre:{fibre_id}": fibre["sigma"]},
        energy,
        f"{fibre_id}: {fibre['source']}",
    )


def _forming(fabric: Any, knitted: bool, data: FootprintData) -> tuple[str, float | None]:
    """The forming process of a fabric, and its electricity when a formula gives it."""
    if knitted:
        return "knitting-seamless", None
    construction = fabric.construction
    if construction == "laminate":
        return "coating", None
    dtex, _ = _yarn_dtex(fabric)
    if construction in KNITS:
        pid = "knitting-circular" if construction == "knit" else "knitting-warp"
        p = data.processes[pid]
        kwh = footprint.circular_knitting_kwh_per_kg(
            dtex, p["machine_a"], p["machine_b"], p["indirect"], tuple(p["dtex_range"])
        )
        return pid, float(kwh)
    p = data.processes["weaving-air-jet"]
    kwh = footprint.air_jet_weaving_kwh_per_kg(
        dtex, p["weaving_c"], p["weaving_k"], tuple(p["dtex_range"])
    )
    return "weaving-air-jet", float(kwh)


def _dyeing(fabric: Any, ledger: _Ledger) -> list[str]:
    """Piece dyeing by the main fibre: acid dyes on polyamide, disperse on polyester;
    none for laminates and solution-dyed yarn."""
    if (
        fabric.origin.get("dyeing") in ("solution-dyed", "none")
        or fabric.construction == "laminate"
    ):
        return []
    composition = fabric.composition
    polyamide = sum(composition.get(f, 0.0) for f in POLYAMIDES)
    polyester = sum(composition.get(f, 0.0) for f in POLYESTERS)
    if not polyamide and not polyester:
        ledger.notes.append(f"{fabric.id}: no dyeing figure for its fibres, not counted")
        return []
    return ["washing-synthetic", "dyeing-acid" if polyamide >= polyester else "dyeing-disperse"]


def _finishing(fabric: Any) -> list[str]:
    """Heat setting of synthetic knits and wovens, plus the coating of coated wovens."""
    if fabric.construction == "laminate":
        return []
    return (
        ["heat-setting", "coating"] if fabric.construction == "coated-woven" else ["heat-setting"]
    )


# ------------------------------------------------------------------ trims, making, packaging


def _trims(
    ledger: _Ledger, rows: Sequence[Mapping[str, Any]], library: Library, place: str, making: str
) -> None:
    """Trims and thread: moulded parts as rigid plastic, textile trims as their fibre spun
    and knitted (warp knitting stands in for narrow fabrics), prints as their polymer."""
    data = ledger.data
    total = 0.0
    for row in rows:
        if row["kind"] not in ("trim", "thread"):
            continue
        trim = library.trims[row["id"]]
        kg = row["mass_g"] / 1000
        total += kg
        if trim.fibre is None or (trim.mass_g is not None and trim.kind not in ("label",)):
            rigid = data.materials["rigid-plastic"]
            ledger.add(
                "trims",
                place,
                kg * rigid["kg_per_kg"],
                {"material:rigid-plastic": rigid["sigma"]},
                0.0,
                rigid["source"],
            )
            continue
        _fibre(ledger, trim.fibre, kg, place, "trims")
        spin = SPINNING.get(trim.fibre)
        if spin is not None:
            ledger.process("trims", place, kg, spin)
            if trim.kind != "thread":
                p = data.processes["knitting-warp"]
                kwh = footprint.circular_knitting_kwh_per_kg(
                    DEFAULT_DTEX["warp-knit-mesh"], p["machine_a"], p["machine_b"], p["indirect"]
                )
                ledger.process("trims", place, kg, "knitting-warp", float(kwh))
    ledger.transport(place, making, total)
    ledger.charge("trims", place, total * 1000 * data.prices["trims_eur_per_g"])


def _making(ledger: _Ledger, estimate: Any, place: str) -> float:
    """Cutting and sewing at the making place: minutes × power at its grid; the minutes."""
    from packcalc.supply import making_minutes

    data = ledger.data
    minutes = making_minutes(estimate, data)
    kwh = minutes * data.making["energy_kwh_per_min"]
    country = data.country_of(place)
    grid = data.grid[country]
    ledger.add(
        "making",
        place,
        kwh * grid["kg_per_kwh"],
        {"making:minutes": MAKING_SIGMA, f"grid:{country}": grid["sigma"]},
        float(footprint.primary_energy_mj(kwh, 0.0)),
        "making minutes × 0.029 kWh/min [ecobalyse-textile]; grid " + country,
    )
    ledger.details[("making", place)].append(f"{minutes:.0f} min, {kwh:.3f} kWh")
    labour = data.countries.get(country, {}).get("labour_eur_h")
    if labour is None:
        ledger.notes.append(f"no labour cost for {country}: the making cost is not counted")
    ledger.charge("making", place, minutes / 60 * (labour or 0.0))
    return minutes


def _packaging(ledger: _Ledger, place: str) -> float:
    packaging = ledger.data.packaging
    bag = ledger.data.materials["ldpe-film"]
    kg = packaging["polybag_g"] / 1000
    ledger.add(
        "packaging",
        place,
        kg * bag["kg_per_kg"],
        {"material:ldpe-film": bag["sigma"]},
        0.0,
        f"polybag {packaging['polybag_g']:g} g (assumption); {bag['source']}",
    )
    return kg


# ------------------------------------------------------------------ a scenario


def scenario(
    estimate: Any,
    library: Library,
    data: FootprintData,
    made_in: str | None = None,
    air_share: float | None = None,
    warehouse: str = WAREHOUSE,
    chain: str | Mapping[str, Any] = "as-sourced",
    settings: Mapping[str, str] | None = None,
    samples: int = 4000,
) -> Scenario:
    """The cradle-to-gate footprint of a design along one supply chain.

    Parameters
    ----------
    estimate : Estimate
        The design's estimate (its parts, sewn lengths and weight).
    library : Library
        Fabric records (composition, construction, origin) and trims.
    data : FootprintData
        The factors (:func:`packcalc.footprint_data.read_footprint`).
    made_in : str, optional
        Where the vest is sewn (a place); default: the chain's making place.
    air_share : float, optional
        Share of the finished vests flown to the warehouse [-]; default: the chain's.
    warehouse : str, optional
        The brand's warehouse (a place).
    chain : str or mapping, optional
        A chain of ``footprint.toml`` (``"as-sourced"``, ``"european"``, …) or a mapping
        of stage → place.
    settings : mapping of str to str, optional
        Stages moved to another place (``{"dyeing": "FR"}``), as ``--set STAGE=PLACE``.
    samples : int, optional
        Monte-Carlo draws of the band.

    Returns
    -------
    Scenario
        Stages with kg CO2e, primary energy and cost, the three buyer's steps, the band
        (P5-P95 over every factor's uncertainty) and the sensitivity to each factor.
    """
    chain_data = chain_of(data, chain)
    settings = dict(settings or {})
    check_settings(data, settings)
    chain_data.update(settings)
    if made_in is not None:
        chain_data["making"] = made_in
    made_in = chain_data["making"]
    if not data.is_place(made_in):
        hint = did_you_mean(made_in, [*data.places, *data.grid])
        raise PackcalcError(
            "made_in",
            f"unknown place {made_in!r}{hint}; places: {', '.join([*data.places, *data.grid])}",
        )
    air = chain_data.get("air_share", 0.0) if air_share is None else air_share
    if not 0 <= air <= 1:
        raise PackcalcError("air_share", f"expected 0 to 1, got {air!r}")
    ledger = _Ledger(data)
    rows = bill_of_materials(estimate, library, data.making.get("marker_efficiency", 0.8))
    places_used = _materials(ledger, rows, library, chain_data, made_in)
    minutes = _making(ledger, estimate, made_in)
    _packaging(ledger, made_in)
    ledger.notes.append(
        "cost: fabric and trims at placeholder prices (no published price list found), "
        "labour where sewn; freight is not costed"
    )
    vest_kg = estimate.weight.m_as("kg")
    ledger.transport(made_in, warehouse, vest_kg, air)
    return _scenario(
        ledger,
        estimate,
        library,
        rows,
        chain,
        chain_data,
        made_in,
        air,
        warehouse,
        minutes,
        places_used,
        samples,
    )


def _materials(
    ledger: _Ledger,
    rows: Sequence[Mapping[str, Any]],
    library: Library,
    chain: Mapping[str, Any],
    made_in: str,
) -> dict[str, str]:
    """Every fabric's stages and the trims; returns the places of the main fabric."""
    main: dict[str, str] = {}
    heaviest = 0.0
    for row in rows:
        if row["kind"] == "allowance":  # hems, seams, bar tacks: the fabric, never cut
            fabric = library.fabrics[row["id"]]
            places = fabric_places(fabric, chain, ledger.data)
            _fabric(ledger, fabric, row["mass_g"] / 1000, False, places, made_in)
            continue
        if row["kind"] != "fabric":
            continue
        fabric = library.fabrics[row["id"]]
        cut_kg = row["mass_g"] / 1000 * row["quantity"] / row["net_area_m2"]
        places = fabric_places(fabric, chain, ledger.data)
        _fabric(ledger, fabric, cut_kg, "knitted" in row["note"], places, made_in)
        ledger.charge("finishing", places["finishing"], _fabric_cost(row, fabric, ledger.data),
                      "fabric bought at the placeholder price of its construction")  # fmt: skip
        if cut_kg > heaviest:
            heaviest, main = cut_kg, places
    trims_place = main.get(TRIMS_PLACE_STAGE, made_in)
    _trims(ledger, rows, library, trims_place, made_in)
    return {**main, "trims": trims_place, "making": made_in}


def _scenario(
    ledger: _Ledger,
    estimate: Any,
    library: Library,
    rows: Sequence[Any],
    chain: Any,
    chain_data: Mapping[str, Any],
    made_in: str,
    air: float,
    warehouse: str,
    minutes: float,
    places: Mapping[str, str],
    samples: int,
) -> Scenario:
    data = ledger.data
    stages = ledger.stages()
    factors = sorted(ledger.sigmas)
    terms = [t for t, _ in ledger.terms]
    uses = [[f in keys for f in factors] for _, keys in ledger.terms]
    sigmas = [ledger.sigmas[f] for f in factors]
    band = footprint.lognormal_band(terms, uses, sigmas, samples) if terms else (0.0, 0.0)
    steps = _steps(ledger, stages, rows, library, data, made_in, warehouse, air, minutes, places)
    total = sum(s.co2e_kg for s in stages)
    fixed = sum(s.co2e_kg for s in stages if s.stage in ("making", "packaging"))
    grams = estimate.weight.m_as("g")
    chain_name = chain_data.get("name", str(chain)) if isinstance(chain, str) else "your chain"
    name = _name(data, chain_name, chain, made_in, air)
    return Scenario(
        name=name,
        made_in=made_in,
        air_share=air,
        steps=steps,
        co2e_band_kg=band,
        notes=tuple(dict.fromkeys(ledger.notes)),
        per_gram_saved_g=(total - fixed) / grams * 1000,
        stages=stages,
        chain=chain if isinstance(chain, str) else "custom",
        places=dict(places),
        sensitivity=_sensitivity(terms, uses, factors, sigmas, total),
        product_kg=estimate.weight.m_as("kg"),
        energy_left_out=tuple(sorted(ledger.energy_left_out)),
    )


def _name(data: FootprintData, chain_name: str, chain: Any, made_in: str, air: float) -> str:
    if chain == "as-sourced":
        place = data.places.get(made_in, {}).get("name", made_in)
        if air:  # "Vietnam, shipped by sea" flown in part: "Vietnam, 33% by air"
            place = place.removesuffix(", shipped by sea") + f", {air:.0%} by air"
        return place + ", fabrics as sourced"
    return chain_name


def _sensitivity(
    terms: Sequence[float], uses: Any, factors: Sequence[str], sigmas: Sequence[float], total: float
) -> tuple[dict[str, Any], ...]:
    """Each factor: the total's elasticity to it and the swing of one sigma [kg CO2e]."""
    if not terms:
        return ()
    elastic = footprint.elasticities(terms, uses)
    rows = [
        {
            "factor": f,
            "elasticity": round(float(e), 4),
            "sigma": s,
            "swing_kg": round(float(e) * s * total, 5),
        }
        for f, e, s in zip(factors, elastic, sigmas, strict=True)
    ]
    return tuple(sorted(rows, key=lambda r: -r["swing_kg"]))


def _steps(
    ledger: _Ledger,
    stages: Sequence[Stage],
    rows: Sequence[Any],
    library: Library,
    data: FootprintData,
    made_in: str,
    warehouse: str,
    air: float,
    minutes: float,
    places: Mapping[str, str],
) -> tuple[Step, ...]:
    """The buyer's three steps: everything up to the maker, making, to the warehouse."""
    last_leg = f"{made_in} → {warehouse}"
    making = sum(s.co2e_kg for s in stages if s.stage in ("making", "packaging"))
    shipping = sum(s.co2e_kg for s in stages if s.place == last_leg)
    upstream = sum(s.co2e_kg for s in stages) - making - shipping
    country = data.country_of(made_in)
    days_making = data.countries.get(country, {}).get("production_days", 0.0)
    modes = data.modes
    fabric_days = _leg_days(data, places.get("finishing", made_in), made_in)
    if data.country_of(made_in) == data.country_of(warehouse):
        ship_days = modes["road"]["days"]
    else:
        ship_days = (1 - air) * modes["sea"]["days"] + air * modes["air"]["days"]
    return (
        Step(
            "materials to the maker",
            made_in,
            upstream,
            sum(s.cost_eur for s in stages if s.stage in ("finishing", "trims")),
            data.making["material_days"] + fabric_days,
            "fibre, yarn, fabric, dyeing, finishing, trims and their transport",
        ),
        Step(
            "making",
            made_in,
            making,
            sum(s.cost_eur for s in stages if s.stage == "making"),
            days_making,
            f"{minutes:.0f} min",
        ),
        Step("to the warehouse", last_leg, shipping, 0.0, ship_days, f"air {air:.0%}"),
    )


def _leg_days(data: FootprintData, start: str, end: str) -> float:
    """Days on the road or at sea between two places: a day by road within a country or
    when the rule sends most of the leg by road, else the sea days of the Vietnam-France
    crossing scaled by distance."""
    if data.country_of(start) == data.country_of(end):
        return 0.0
    km = data.route(start, end)
    if not km["sea"] or (km["road"] and float(footprint.road_share(km["road"])) >= 0.5):
        return data.modes["road"]["days"]
    reference = data.route("VN", "FR")["sea"]
    return data.modes["sea"]["days"] * km["sea"] / reference


def _fabric_cost(row: Mapping[str, Any], fabric: Any, data: FootprintData) -> float:
    """The fabric consumed [m²] at the price of its construction [€/m²] (placeholders)."""
    prices = data.prices["fabric_eur_per_m2"]
    return row["quantity"] * prices.get(fabric.construction, prices["default"])


# ------------------------------------------------------------------ comparisons


def compare(
    estimate: Any,
    library: Library,
    made_in: str = "FR-Drome",
    compare_to: Sequence[str] = ("VN",),
    air_shares: Sequence[float] = (0.0, 0.33),
    data: FootprintData | None = None,
    chains: Sequence[str] = (),
    settings: Mapping[str, str] | None = None,
) -> list[Scenario]:
    """The design along several supply chains, side by side.

    Without ``chains``: fabrics as sourced, made at ``made_in`` and at each of
    ``compare_to`` (by sea, and by each air share when made outside the country of the
    warehouse, :data:`WAREHOUSE`). With ``chains``: one
    scenario per named chain. ``settings`` moves stages in every scenario.
    """
    data = data or read_footprint()
    if chains:
        return [scenario(estimate, library, data, chain=c, settings=settings) for c in chains]
    out = [scenario(estimate, library, data, made_in, 0.0, settings=settings)]
    home = data.country_of(WAREHOUSE)  # a vest made in the warehouse's country is not flown
    for place in compare_to:
        shares = air_shares if data.country_of(place) != home else (0.0,)
        out += [scenario(estimate, library, data, place, s, settings=settings) for s in shares]
    return out


def waterfall(start: Scenario, end: Scenario) -> list[dict[str, Any]]:
    """From one scenario to another, stage by stage: what each stage adds or saves.

    Returns rows ``{"stage", "from_kg", "to_kg", "change_kg"}`` in :data:`STAGE_ORDER`;
    the changes sum to the difference of the totals.
    """
    a, b = start.by_stage(), end.by_stage()
    return [
        {"stage": s, "from_kg": a[s], "to_kg": b[s], "change_kg": b[s] - a[s]}
        for s in STAGE_ORDER
        if a[s] or b[s]
    ]
