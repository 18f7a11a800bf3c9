"""The ``packcalc`` command.

Every failure caused by the input (a bad value, an unknown id, a malformed file) ends
with exit status 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from packcalc import __version__
from packcalc.errors import PackcalcError

KINDS = {"fibre": "fibres", "fabric": "fabrics", "trim": "trims", "item": "items"}


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _cmd_materials(args: argparse.Namespace) -> None:
    from packcalc.library import load_library, record_as_dict

    library = load_library()
    groups = [KINDS[args.kind]] if args.kind else list(KINDS.values())
    if args.json:
        _print_json({g: [record_as_dict(r) for r in getattr(library, g).values()] for g in groups})
        return
    for group in groups:
        records = getattr(library, group)
        print(f"{group} ({len(records)})")
        for record in records.values():
            print(f"  {record.id:<28} {_summary(record)}")
            prov = record.provenance
            if prov.sources:
                print(f"  {'':<28} source: {'; '.join(prov.sources)}")
            if prov.assumption:
                which = ", ".join(prov.assumed_fields) or "whole record"
                print(f"  {'':<28} ASSUMPTION ({which}): {prov.note}")
        print()


def _summary(record: Any) -> str:
    from packcalc.library import Fabric, Fibre, Item, Trim

    if isinstance(record, Fibre):
        return f"{record.name}: {record.density_g_cm3:g} g/cm³, regain {record.moisture_regain:.1%}"
    if isinstance(record, Fabric):
        thickness = f", {record.thickness_mm:g} mm" if record.thickness_mm else ""
        return (
            f"{record.name}: {record.construction}, {record.areal_density_gsm:.1f} g/m²{thickness}"
        )
    if isinstance(record, Trim):
        if record.mass_g is not None:
            mass = f"{record.mass_g:g} g"
        elif record.linear_mass_g_m is not None:
            mass = f"{record.linear_mass_g_m:g} g/m"
        else:
            mass = f"{record.areal_mass_gsm:g} g/m²"
        return f"{record.name}: {record.kind}, {mass}"
    if isinstance(record, Item):
        return f"{record.name}: {record.mass_g:g} g, {record.volume_l:g} L, {record.category}"
    return record.name


def _cmd_textile(args: argparse.Namespace) -> None:
    from packcalc import textile
    from packcalc.units import Q_, check_number, parse_quantity

    if args.structure == "woven":
        gsm = textile.woven_areal_density(
            check_number(args.ends_per_cm, "--ends-per-cm", allow_zero=False),
            check_number(args.picks_per_cm, "--picks-per-cm", allow_zero=False),
            parse_quantity(args.warp, "tex", "--warp"),
            parse_quantity(args.weft, "tex", "--weft"),
            check_number(args.warp_crimp, "--warp-crimp", maximum=1.0),
            check_number(args.weft_crimp, "--weft-crimp", maximum=1.0),
        )
    else:
        gsm = textile.knit_areal_density(
            check_number(args.courses_per_cm, "--courses-per-cm", allow_zero=False),
            check_number(args.wales_per_cm, "--wales-per-cm", allow_zero=False),
            parse_quantity(args.loop_length, "mm", "--loop-length"),
            parse_quantity(args.yarn, "tex", "--yarn"),
        )
    gsm = float(gsm)
    if args.json:
        _print_json({"areal_density_gsm": gsm})
    else:
        print(f"areal density: {gsm:.1f} g/m² ({Q_(gsm, 'gsm').m_as('osy'):.2f} oz/yd²)")


def _cmd_presets(args: argparse.Namespace) -> None:
    from packcalc.design import load_design, preset_names

    names = preset_names()
    if args.json:
        _print_json(
            [
                {"name": n, "title": (d := load_design(n)).name, "description": d.description}
                for n in names
            ]
        )
        return
    for name in names:
        design = load_design(name)
        print(f"{name:<16} {design.name}: {design.description}")


def _cmd_estimate(args: argparse.Namespace) -> None:
    from packcalc.estimator import estimate
    from packcalc.units import parse_quantity

    design = _design(args)
    pressure = None
    if args.pressure is not None:
        pressure = parse_quantity(args.pressure, "kPa", "--pressure", maximum=200.0)
    result = estimate(
        design,
        pressure_kpa=pressure,
        load=args.load,
        extra_items=_items(args.item),
        pins=_pins(args.pin),
    )
    if args.json:
        _print_json(result.to_dict())
        return
    print(format_estimate(result))


def _items(specs: list[str] | None) -> list[Any]:
    from packcalc.library import parse_item

    return [parse_item(spec) for spec in specs or []]


def _pins(specs: list[str] | None) -> list[Any]:
    """``--pin ITEM=POCKET``: an item id (or a custom item's name) to a pocket's name."""
    from packcalc.design import Pin

    pins = []
    for spec in specs or []:
        item, sep, pocket = spec.partition("=")
        if not sep or not item.strip() or not pocket.strip():
            raise PackcalcError("--pin", f"expected ITEM=POCKET like 'phone=phone', got {spec!r}")
        pins.append(Pin(item.strip(), pocket.strip(), "--pin"))
    return pins


def _cmd_fit(args: argparse.Namespace) -> None:
    from packcalc.comfort import SHOULDER_PRESSURE_LIMIT_KPA
    from packcalc.estimator import estimate

    design = _design(args)
    result = estimate(design, load=args.load, extra_items=_items(args.item), pins=_pins(args.pin))
    fit = result.load_fit
    shoulders = result.shoulder_pressure.m_as("kPa")
    if args.json:
        _print_json(
            {
                **fit.to_dict(),
                "shoulder_pressure_kpa": round(shoulders, 3),
                "shoulder_pressure_limit_kpa": SHOULDER_PRESSURE_LIMIT_KPA,
            }
        )
    else:
        print(format_fit(fit, design.name))
        print(_shoulder_line(result))


def _shoulder_line(result: Any) -> str:
    from packcalc.comfort import SHOULDER_PRESSURE_LIMIT_KPA

    shoulders = result.shoulder_pressure.m_as("kPa")
    carried = result.carried_mass.m_as("g")
    verdict = "within" if shoulders <= SHOULDER_PRESSURE_LIMIT_KPA else "ABOVE"
    return (
        f"shoulders: {shoulders:.1f} kPa under the straps with {carried:.0f} g carried "
        f"({verdict} the {SHOULDER_PRESSURE_LIMIT_KPA:g} kPa at which skin blood flow stops)"
    )


class _Progress:
    """A progress bar on stderr for long runs (only when stderr is a terminal)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.active = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.active:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def parse_vary(spec: str) -> tuple[str, list[Any]]:
    """``back.height=30cm:40cm:11`` (start:stop:count, with units) or ``fabric.back=a,b,c``."""
    from packcalc.batch import _option
    from packcalc.units import parse_quantity

    path, sep, values = spec.partition("=")
    path, values = path.strip(), values.strip()
    if not sep or not values:
        raise PackcalcError(
            f"--vary {spec}",
            "expected PATH=START:STOP:COUNT or PATH=A,B,C, like back.height=30cm:40cm:11",
        )
    if path.startswith("fabric."):
        return path, [v.strip() for v in values.split(",") if v.strip()]
    kind = path.partition(".")[0]
    unit = "cm" if _option(path) else {"gsm": "g/m**2", "pressure": "kPa"}.get(kind, "")
    where = f"--vary {path}"

    def number(text: str) -> float:
        if unit:
            return parse_quantity(text.strip(), unit, where, minimum=None)
        try:
            return float(text)
        except ValueError:
            raise PackcalcError(where, f"expected a plain number, got {text.strip()!r}") from None

    if ":" not in values:
        return path, [number(v) for v in values.split(",")]
    parts = values.split(":")
    if len(parts) != 3:
        raise PackcalcError(where, f"expected START:STOP:COUNT, got {values!r}")
    try:
        count = int(parts[2])
    except ValueError:
        raise PackcalcError(where, f"expected a whole COUNT, got {parts[2]!r}") from None
    if not 1 <= count <= 10_000_000:
        raise PackcalcError(where, f"expected a COUNT from 1 to 10^7, got {count}")
    return path, list(np.linspace(number(parts[0]), number(parts[1]), count))


def _cmd_sweep(args: argparse.Namespace) -> None:
    import csv

    from packcalc.batch import chunked, grid
    from packcalc.library import load_library

    design = _design(args)
    axes = dict(parse_vary(spec) for spec in args.vary or [])
    if not axes:
        raise PackcalcError("--vary", "give at least one, like --vary back.height=30cm:40cm:11")
    variants = grid(axes)
    n = len(next(iter(variants.values())))
    if n > 20_000_000:
        raise PackcalcError("--vary", f"{n} variants: expected at most 2·10^7")
    out = chunked(design, variants, load_library(), progress=_Progress("sweep"))
    interrupted = "interrupted_at" in out
    done = int(out.pop("interrupted_at", [n])[0])
    outputs = [
        "weight_g",
        "packed_volume_l",
        "packed_floor_l",
        "capacity_relaxed_l",
        "capacity_stretched_l",
    ]
    columns = [*variants, *outputs, "valid"]
    target = open(args.csv, "w", newline="") if args.csv else sys.stdout  # noqa: SIM115
    try:
        writer = csv.writer(target)
        writer.writerow(columns)
        for i in range(done):
            writer.writerow(
                [
                    *(variants[c][i] for c in variants),
                    *(f"{out[c][i]:.6g}" for c in outputs),
                    bool(out["valid"][i]),
                ]
            )
    finally:
        if args.csv:
            target.close()
    valid = out["valid"][:done]
    weights = out["weight_g"][:done][valid]
    summary = f"{done} of {n} variants" + (" (stopped: Ctrl-C)" if interrupted else "")
    if len(weights):
        summary += f"; valid {valid.sum()}; weight {weights.min():.1f}–{weights.max():.1f} g"
    sys.stderr.write(summary + "\n")
    if interrupted:
        raise SystemExit(130)


def _cmd_optimise(args: argparse.Namespace) -> None:
    from packcalc.design import save_design
    from packcalc.estimator import estimate
    from packcalc.library import load_library
    from packcalc.optimise import Brief, optimise
    from packcalc.units import parse_quantity

    design = _design(args)
    brief = Brief(
        capacity_min_l=parse_quantity(args.capacity_min, "L", "--capacity-min")
        if args.capacity_min
        else None,
        packed_max_l=parse_quantity(args.packed_max, "L", "--packed-max")
        if args.packed_max
        else None,
        pressure_kpa=parse_quantity(args.pressure, "kPa", "--pressure", maximum=200.0)
        if args.pressure
        else None,
        load="" if args.no_load else args.load,
        min_abrasion=_abrasion_minimums(args.min_abrasion),
        any_fabric=args.any_fabric,
    )
    try:
        best = optimise(
            design,
            brief,
            load_library(),
            fabrics=_fabric_choices(args.fabrics) or None,
            locks=args.lock or (),
            samples=args.samples,
            progress=_Progress("optimise"),
        )
    except KeyboardInterrupt:
        sys.stderr.write("packcalc: stopped (Ctrl-C): no optimum\n")
        raise SystemExit(130) from None
    if args.out:
        save_design(best.design, args.out)
    report = {
        "weight_g": round(best.weight_g, 2),
        "start_weight_g": round(estimate(design).weight.m_as("g"), 2),
        "capacity_nominal_l": round(best.capacity_nominal_l, 3),
        "capacity_stretched_l": round(best.capacity_stretched_l, 3),
        "packed_volume_l": round(best.packed_volume_l, 4),
        "kit_fits": best.kit_fits,
        "constraints": [c.to_dict() for c in best.constraints],
        "binding": list(best.binding),
        "options_cm": {k: round(v, 2) for k, v in best.design.options.items()},
        "fabrics": {k: v.fabric for k, v in best.design.panels.items()},
        "evaluated": best.evaluated,
        "feasible": best.feasible,
        "pareto_points": len(best.front["weight_g"]),
        "notes": list(best.notes),
    }
    if args.json:
        _print_json(report)
        return
    print(
        f"lightest design meeting the brief: {report['weight_g']} g "
        f"(start {report['start_weight_g']} g)"
    )
    print(
        f"  capacity {report['capacity_nominal_l']} L nominal "
        f"({report['capacity_stretched_l']} L stretched), packed "
        f"{report['packed_volume_l']} L, kit fits: {best.kit_fits}"
    )
    print("  constraints:")
    for c in best.constraints:
        sign = "≤" if c.upper else "≥"
        state = "LIMITING" if c.active else ("met" if c.met else "NOT MET")
        print(f"    {c.name}: {c.value:.2f} {c.unit} ({sign} {c.limit:g}) {state}")
    print("  fabrics: " + ", ".join(f"{k} {v}" for k, v in report["fabrics"].items()))
    print("  options: " + ", ".join(f"{k} {v:g} cm" for k, v in report["options_cm"].items()))
    print(
        f"  {best.feasible} of {best.evaluated} designs met the brief; trade-off front "
        f"{report['pareto_points']} points"
    )
    for note in best.notes:
        print(f"  note: {note}")
    if args.out:
        print(f"  saved: {args.out}")


def _fabric_choices(specs: list[str] | None) -> dict[str, list[str]]:
    """``--fabrics GROUP=a,b``: the fabrics a panel group may take."""
    from packcalc.design import PANEL_GROUPS

    out: dict[str, list[str]] = {}
    for spec in specs or []:
        group, sep, ids = spec.partition("=")
        choices = [i.strip() for i in ids.split(",") if i.strip()]
        if not sep or group.strip() not in PANEL_GROUPS or not choices:
            raise PackcalcError(
                "--fabrics",
                f"expected GROUP=a,b with GROUP one of {', '.join(PANEL_GROUPS)}, got {spec!r}",
            )
        out[group.strip()] = choices
    return out


def _abrasion_minimums(specs: list[str] | None) -> dict[str, tuple[float, str]]:
    """``--min-abrasion GROUP=CYCLES[:METHOD]`` (taber by default)."""
    from packcalc.library import ABRASION_METHODS

    out: dict[str, tuple[float, str]] = {}
    for spec in specs or []:
        group, _, rest = spec.partition("=")
        cycles, _, method = rest.partition(":")
        method = method.strip() or "taber"
        try:
            value = float(cycles)
        except ValueError:
            value = -1.0
        if value <= 0 or method not in ABRASION_METHODS:
            raise PackcalcError(
                "--min-abrasion",
                f"expected GROUP=CYCLES[:{'|'.join(ABRASION_METHODS)}] like strap=2000:taber, "
                f"got {spec!r}",
            )
        out[group.strip()] = (value, method)
    return out


def _cmd_footprint(args: argparse.Namespace) -> None:
    from packcalc.estimator import estimate
    from packcalc.footprint_data import read_footprint
    from packcalc.lifecycle import waterfall
    from packcalc.units import check_number

    design = _design(args)
    result = estimate(design)
    shares = [check_number(a, "--air", maximum=1.0) for a in (args.air or [0.0, 0.33])]
    data = read_footprint()
    settings = _settings(args.set)
    if args.ecobalyse:
        _print_ecobalyse(result, data, args.ecobalyse, shares[0])
        return
    made_in = args.made_in or design.made_in
    scenarios = result.footprint(
        made_in, args.compare or ["VN"], shares, data, args.chain or (), settings
    )
    if args.json:
        _print_json(
            {
                "design": design.name,
                "weight_g": round(result.weight.m_as("g"), 2),
                "scope": "cradle to gate: end of life is not counted",
                "scenarios": [s.to_dict() for s in scenarios],
                "waterfalls": [
                    {"from": scenarios[0].name, "to": s.name, "stages": waterfall(scenarios[0], s)}
                    for s in scenarios[1:]
                ],
            }
        )
        return
    print(format_footprint(design.name, result.weight.m_as("g"), scenarios))


def _settings(specs: list[str] | None) -> dict[str, str]:
    """``--set STAGE=PLACE`` (repeatable)."""
    out = {}
    for spec in specs or []:
        stage, sep, place = spec.partition("=")
        if not sep or not stage.strip() or not place.strip():
            raise PackcalcError("--set", f"expected STAGE=PLACE like 'dyeing=FR', got {spec!r}")
        out[stage.strip()] = place.strip()
    return out


def _print_ecobalyse(result: Any, data: Any, place: str, air_share: float) -> None:
    from packcalc.supply import ecobalyse_query

    if not data.is_place(place):
        known = ", ".join([*data.places, *data.grid])
        raise PackcalcError("--ecobalyse", f"unknown place {place!r}: expected one of {known}")
    query, left_out = ecobalyse_query(result, result.library, place, air_share, data)
    _print_json(query)
    sys.stderr.write(
        "note: Ecobalyse has no vest category: its knit t-shirt (tshirt) stands in"
        + (f"; left out: {', '.join(left_out)}" if left_out else "")
        + "\n"
    )


def format_footprint(name: str, grams: float, scenarios: Sequence[Any]) -> str:
    """The scenarios, readably: totals, then each stage and place."""
    lines = [f"{name}: {grams:.1f} g; cradle to gate (end of life not counted)"]
    for s in scenarios:
        low, high = s.co2e_band_kg
        lines += [
            "",
            f"{s.name}: {s.co2e_kg:.2f} kg CO2e ({low:.2f}–{high:.2f}), "
            f"{s.co2e_per_kg_product:.1f} kg CO2e per kg of vest, {s.energy_mj:.0f} MJ primary, "
            f"{s.cost_eur:.2f} €, {s.lead_days:.0f} days",
        ]
        lines += [
            f"  {st.stage:<10} {st.place:<24} {st.co2e_kg * 1000:8.1f} g CO2e  "
            f"{st.energy_mj:6.1f} MJ"
            for st in s.stages
        ]
        top = ", ".join(f"{r['factor']} ±{r['swing_kg'] * 1000:.0f} g" for r in s.sensitivity[:3])
        lines.append(f"  most sensitive to: {top}")
        lines += [f"  note: {note}" for note in s.notes]
    return "\n".join(lines)


def format_estimate(result: Any) -> str:
    """The readable breakdown printed by ``packcalc estimate``."""
    design = result.design
    body = design.body
    total = result.weight.m_as("g")
    p5, p95 = result.weight_band[0].m_as("g"), result.weight_band[2].m_as("g")
    t5, t95 = (result.weight_tolerance_band[i].m_as("g") for i in (0, 2))
    lines = [
        f"{design.name} — size {design.size or 'custom'} "
        f"(chest {body.chest:g} cm, back length {body.back_length:g} cm)",
        f"weight {total:.1f} g   (P5–P95 {p5:.1f}–{p95:.1f} g with the model's error on real "
        f"vests; manufacturing alone {t5:.1f}–{t95:.1f} g)",
        f"dry {result.weight_dry.m_as('g'):.1f} g; sweat-wet {result.weight_wet.m_as('g'):.1f} g",
        f"packed {result.packed_volume.m_as('L'):.3f} L at {result.packed_pressure.m_as('kPa'):g} "
        f"kPa (solid floor {result.packed_floor.m_as('L'):.3f} L)",
        tshirt_verdict(result),
        "",
        "breakdown",
    ]
    width = max(len(k) for k in result.weight_breakdown)
    for label, grams in sorted(result.weight_breakdown.items(), key=lambda kv: -kv[1].magnitude):
        g = grams.m_as("g")
        lines.append(f"  {label:<{width}}  {g:7.1f} g  {g / total:6.1%}")
    lines.append(f"  {'total':<{width}}  {total:7.1f} g")
    lines += ["", "by material"]
    width = max(len(k) for k in result.weight_by_material)
    for material, grams in sorted(
        result.weight_by_material.items(), key=lambda kv: -kv[1].magnitude
    ):
        lines.append(f"  {material:<{width}}  {grams.m_as('g'):7.1f} g")
    fit = result.load_fit
    lines += [
        "",
        f"capacity {fit.capacity_nominal_l:.2f} L nominal (filled snug; "
        f"{fit.capacity_relaxed_l:.2f} L relaxed, {fit.capacity_stretched_l:.2f} L stretched); "
        f"load {fit.load_mass_g:.0f} g: "
        + ("everything fits" if fit.fits else f"{len(fit.unplaced)} items do not fit")
        + f"; {fit.front_share:.0%} in front, {fit.left_share:.0%} on the left",
    ]
    lines += [f"  not placed: {label}: {reason}" for label, _, reason in fit.unplaced]
    lines.append(_shoulder_line(result))
    for comparison in design.comparisons:
        lines.append(
            f"compare: {comparison.name} {comparison.mass_g:g} g, {comparison.capacity_l:g} L "
            f"({total / comparison.mass_g - 1:+.0%} weight)"
        )
    for note in result.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _cmd_validate(args: argparse.Namespace) -> None:
    from packcalc.accuracy import calibration_toml, validate
    from packcalc.library import materials_dir, read_library

    report = validate()
    if args.fit:
        path = materials_dir() / "calibration.toml"
        path.write_text(calibration_toml(report), encoding="utf-8")
        sys.stderr.write(f"packcalc: wrote {path}\n")
        stored = read_library(materials_dir()).calibration
        report = dataclasses.replace(report, stored=stored)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(format_validation(report, markdown=args.markdown))


def format_validation(report: Any, markdown: bool = False) -> str:
    """The accuracy table and summary, as text or as the body of ``docs/accuracy.md``."""
    header = [
        "vest",
        "set",
        "weighed by",
        "ref g",
        "estimate g",
        "error %",
        "P5–P95 g",
        "inside",
        "brand L",
        "nominal L",
        "cap. error %",
        "packed L (statement)",
    ]
    rows = []
    for result in report.results:
        r = result.to_dict()
        packed = ""
        if r["packed_range_l"]:
            low, high = r["packed_range_l"]
            packed = (
                f"{r['packed_l']:.2f} ({low:g}–{high:g}: {'in' if r['packed_inside'] else 'out'})"
            )
        rows.append(
            [
                r["name"],
                r["split"][:5],
                r["weighed_by"],
                f"{r['reference_g']:g}",
                f"{r['estimate_g']:.0f}",
                f"{r['error_pct']:+.1f}",
                f"{r['band_g'][0]:.0f}–{r['band_g'][1]:.0f}",
                "yes" if r["inside_band"] else "no",
                "" if r["capacity_brand_l"] is None else f"{r['capacity_brand_l']:g}",
                f"{r['capacity_nominal_l']:.1f}",
                "" if r["capacity_error_pct"] is None else f"{r['capacity_error_pct']:+.0f}",
                packed,
            ]
        )
    s = report.summary()
    lines = []
    if markdown:
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
        for row in [header, *rows]:
            lines.append("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)))
    lines.append("")
    bullet = "- " if markdown else ""
    for label, prefix in (
        ("calibration vests, leave-one-out", "calibration_"),
        ("test vests", "test_"),
        ("fresh test vests (written after the last revision)", "fresh_"),
        ("all vests", ""),
        ("reviewer weighings only", "reviewer_"),
    ):
        if f"{prefix}n" not in s:
            continue
        mean, mae = s[f"{prefix}weight_mean_error_pct"], s[f"{prefix}weight_mae_pct"]
        lines.append(
            f"{bullet}{label} ({s[f'{prefix}n']}): mean error {mean:+.1f} %, mean absolute "
            f"error {mae:.1f} %, P5–P95 band holds {s[f'{prefix}band_coverage']:.0%} of the "
            "reference weights"
        )
    if "capacity_n" in s:
        lines.append(
            f"{bullet}nominal capacity against the brands' litres ({s['capacity_n']} vests): "
            f"mean error {s['capacity_mean_error_pct']:+.0f} %, mean absolute error "
            f"{s['capacity_mae_pct']:.0f} %"
        )
    if "packed_n" in s:
        lines.append(
            f"{bullet}packed volume at a hand squeeze inside the packed-size statement: "
            f"{s['packed_inside_share']:.0%} of {s['packed_n']}"
        )
    if "reference_pairs_n" in s:
        lines.append(
            f"{bullet}two reviewers' weighings of the same vest differ by "
            f"{s['reference_disagreement_pct']:.1f} % on average ({s['reference_pairs_n']} "
            f"pairs): a model that knew each vest exactly would still miss one weighing by "
            f"{s['reference_disagreement_pct'] / math.sqrt(2):.0f}–"
            f"{s['reference_disagreement_pct']:.0f} % on average"
        )
    c = report.calibration
    lines.append(
        f"{bullet}fitted on the {len(c.fitted_on)} calibration vests: fabric overhead "
        f"{c.fabric_overhead:.3f}, {c.grams_per_pocket:.2f} g per pocket, model error "
        f"{c.model_error:.3f}"
        + (
            ""
            if report.calibration_is_stored
            else " (materials/calibration.toml differs: run packcalc validate --fit)"
        )
    )
    return "\n".join(lines)


def _design_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("design", help="design file (DESIGN.toml) or preset name (race-5l)")
    parser.add_argument("--size", help="draft another size of the size table (XS–XL)")


def _design(args: argparse.Namespace) -> Any:
    """The design named on the command line, drafted in ``--size`` if given."""
    from packcalc.design import load_design

    design = load_design(args.design)
    return design.with_size(args.size) if args.size else design


def _load_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--load", help="a load list of the library instead of the design's (utmb)")
    parser.add_argument(
        "--item",
        action="append",
        help="add a custom item: 'name, mass, volume[, box|cylinder, dims…][, rigid][, reach]'",
    )
    parser.add_argument(
        "--pin",
        action="append",
        help="put an item in a pocket: ITEM=POCKET (an item id or custom item name, a pocket name)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="packcalc",
        description="Weight, packed volume and load fit of ultralight running vests.",
    )
    parser.add_argument("--version", action="version", version=f"packcalc {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_materials(commands)
    _add_textile(commands)
    _add_estimate(commands)
    _add_fit(commands)
    _add_sweep(commands)
    _add_optimise(commands)
    _add_footprint(commands)
    _add_validate(commands)
    _add_presets(commands)
    _add_pattern(commands)
    _add_flats(commands)
    _add_techpack(commands)
    _add_bom(commands)
    _add_schema(commands)
    return parser


def _add_materials(commands: Any) -> None:
    materials = commands.add_parser("materials", help="list the materials library with sources")
    materials.add_argument("--kind", choices=sorted(KINDS), help="only this kind of record")
    materials.add_argument("--json", action="store_true", help="print JSON")
    materials.set_defaults(run=_cmd_materials)


def _add_textile(commands: Any) -> None:
    textile = commands.add_parser("textile", help="fabric areal density from its construction")
    structures = textile.add_subparsers(dest="structure", required=True, parser_class=_Parser)
    woven = structures.add_parser("woven", help="woven: ends, picks, yarns, crimp")
    woven.add_argument("--ends-per-cm", type=float, required=True)
    woven.add_argument("--picks-per-cm", type=float, required=True)
    woven.add_argument("--warp", required=True, help="warp yarn, e.g. '20 denier'")
    woven.add_argument("--weft", required=True, help="weft yarn, e.g. '20 denier'")
    woven.add_argument("--warp-crimp", type=float, default=0.0, help="fraction, e.g. 0.04")
    woven.add_argument("--weft-crimp", type=float, default=0.0, help="fraction, e.g. 0.04")
    woven.add_argument("--json", action="store_true", help="print JSON")
    knit = structures.add_parser("knit", help="weft knit: courses, wales, loop length, yarn")
    knit.add_argument("--courses-per-cm", type=float, required=True)
    knit.add_argument("--wales-per-cm", type=float, required=True)
    knit.add_argument("--loop-length", required=True, help="e.g. '2 mm'")
    knit.add_argument("--yarn", required=True, help="e.g. '7.8 tex'")
    knit.add_argument("--json", action="store_true", help="print JSON")
    textile.set_defaults(run=_cmd_textile)


def _add_estimate(commands: Any) -> None:
    estimate = commands.add_parser("estimate", help="weight of a design (a TOML file or a preset)")
    _design_arguments(estimate)
    estimate.add_argument(
        "--pressure",
        help="squeeze pressure of the packed volume, e.g. '2 kPa' (default: the design's)",
    )
    _load_arguments(estimate)
    estimate.add_argument("--json", action="store_true", help="print JSON")
    estimate.set_defaults(run=_cmd_estimate)


def _add_fit(commands: Any) -> None:
    fit = commands.add_parser("fit", help="where the load goes in a design, and what does not fit")
    _design_arguments(fit)
    _load_arguments(fit)
    fit.add_argument("--json", action="store_true", help="print JSON")
    fit.set_defaults(run=_cmd_fit)


def _add_sweep(commands: Any) -> None:
    sweep = commands.add_parser("sweep", help="weight, packed volume, capacity over a grid")
    _design_arguments(sweep)
    sweep.add_argument(
        "--vary",
        action="append",
        help="PATH=START:STOP:COUNT or PATH=A,B,C (back.height=30cm:40cm:11, fabric.back=a,b)",
    )
    sweep.add_argument("--csv", help="write the rows to this file (default: stdout)")
    sweep.set_defaults(run=_cmd_sweep)


def _add_optimise(commands: Any) -> None:
    opt = commands.add_parser("optimise", help="the lightest design that meets a brief")
    _design_arguments(opt)
    opt.add_argument(
        "--capacity-min", help="nominal capacity at least (pockets filled snug), e.g. '5 L'"
    )
    opt.add_argument("--packed-max", help="packed volume at most, e.g. '0.5 L'")
    opt.add_argument("--pressure", help="pressure of the packed volume (default: the design's)")
    opt.add_argument("--load", help="a load list that must fit (default: the design's load)")
    opt.add_argument("--no-load", action="store_true", help="do not require a load to fit")
    opt.add_argument("--samples", type=int, default=10_000, help="designs to evaluate")
    opt.add_argument(
        "--lock",
        action="append",
        help="keep a parameter at the design's value "
        "(back.height, strap.width, pocket.scale, …); repeat for several",
    )
    opt.add_argument(
        "--fabrics",
        action="append",
        help="the fabrics a panel group may take: GROUP=a,b (front=a,b)",
    )
    opt.add_argument(
        "--any-fabric",
        action="store_true",
        help="allow fabrics not rated load-bearing on straps and fronts",
    )
    opt.add_argument(
        "--min-abrasion",
        action="append",
        help="published abrasion a group's fabric needs: GROUP=CYCLES[:taber|martindale]",
    )
    opt.add_argument("--out", help="save the optimal design as TOML")
    opt.add_argument("--json", action="store_true", help="print JSON")
    opt.set_defaults(run=_cmd_optimise)


def _add_footprint(commands: Any) -> None:
    foot = commands.add_parser("footprint", help="made here or there: CO2e, cost, lead time")
    _design_arguments(foot)
    foot.add_argument("--made-in", help="making place (default: the design's), e.g. FR-Drome")
    foot.add_argument("--compare", action="append", help="another making place, e.g. VN")
    foot.add_argument(
        "--air",
        action="append",
        type=float,
        help="air share of the last leg, 0–1 (repeat for several)",
    )
    foot.add_argument(
        "--chain",
        action="append",
        help="a named supply chain (as-sourced, drome-asian-fabric, european, "
        "asian, asian-air); repeat for several",
    )
    foot.add_argument(
        "--set",
        action="append",
        metavar="STAGE=PLACE",
        help="move one stage (fibre, spinning, forming, dyeing, finishing, "
        "making) to a place, e.g. dyeing=FR; repeatable",
    )
    foot.add_argument(
        "--ecobalyse", metavar="PLACE", help="print the Ecobalyse query of the design made there"
    )
    foot.add_argument("--json", action="store_true", help="print JSON")
    foot.set_defaults(run=_cmd_footprint)


def _add_validate(commands: Any) -> None:
    check = commands.add_parser("validate", help="accuracy against real vests (validation set)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    check.add_argument(
        "--fit",
        action="store_true",
        help="refit the calibration and write materials/calibration.toml",
    )
    check.set_defaults(run=_cmd_validate)


def _add_presets(commands: Any) -> None:
    presets = commands.add_parser("presets", help="list the preset designs")
    presets.add_argument("--json", action="store_true", help="print JSON")
    presets.set_defaults(run=_cmd_presets)


def _add_pattern(commands: Any) -> None:
    pattern = commands.add_parser("pattern", help="the pattern for the cutting room: DXF, SVG, PDF")
    pattern.add_argument("design", help="design file (DESIGN.toml) or preset name (race-5l)")
    pattern.add_argument(
        "--size", default=None, help="a size of the size table, or 'all' for the graded set"
    )
    pattern.add_argument(
        "--format", choices=("dxf", "svg", "pdf"), help="default: the extension of --out"
    )
    pattern.add_argument(
        "--paper",
        choices=("A4", "A0"),
        default="A4",
        help="SVG and PDF: A4 tiles to tape together, or A0 sheets",
    )
    pattern.add_argument("--out", help="the file to write (DXF and SVG: stdout without it)")
    pattern.set_defaults(run=_cmd_pattern)


def _add_flats(commands: Any) -> None:
    flats = commands.add_parser("flats", help="technical flats: front and back views (SVG)")
    _design_arguments(flats)
    flats.add_argument("--out", help="the SVG file to write (stdout without it)")
    flats.set_defaults(run=_cmd_flats)


def _add_techpack(commands: Any) -> None:
    pack = commands.add_parser("techpack", help="the tech pack a factory sews from (PDF)")
    _design_arguments(pack)
    pack.add_argument("--out", required=True, help="the PDF file to write")
    pack.set_defaults(run=_cmd_techpack)


def _add_bom(commands: Any) -> None:
    bill = commands.add_parser("bom", help="the bill of materials (as the app's download)")
    _design_arguments(bill)
    bill.add_argument("--csv", metavar="FILE", help="write it as CSV")
    bill.add_argument("--json", action="store_true", help="print JSON")
    bill.set_defaults(run=_cmd_bom)


def _add_schema(commands: Any) -> None:
    schema = commands.add_parser("schema", help="the JSON schema of a command's --json output")
    schema.add_argument("name", choices=SCHEMAS, help="the command")
    schema.set_defaults(run=_cmd_schema)


# Commands whose --json output has a schema (packcalc/schemas/NAME.schema.json).
SCHEMAS = (
    "estimate",
    "fit",
    "footprint",
    "optimise",
    "validate",
    "materials",
    "presets",
    "textile",
    "bom",
)


def schema_path(name: str) -> Any:
    """The JSON schema file of a command's ``--json`` output."""
    from pathlib import Path

    return Path(__file__).resolve().parent / "schemas" / f"{name}.schema.json"


def _sizes(args: argparse.Namespace, library: Any) -> list[str | None]:
    if args.size == "all":
        return list(library.sizes)
    if args.size is not None and args.size not in library.sizes:
        raise PackcalcError(
            "--size",
            f"unknown size {args.size!r}: expected one of {', '.join(library.sizes)} or all",
        )
    return [args.size]


def _cmd_pattern(args: argparse.Namespace) -> None:
    import logging

    from packcalc.design import load_design
    from packcalc.library import load_library

    library = load_library()
    design = load_design(args.design, library)
    sizes = _sizes(args, library)
    kind = args.format or (args.out or "").rpartition(".")[2].lower()
    if kind not in ("dxf", "svg", "pdf"):
        raise PackcalcError(
            "--format", "give dxf, svg or pdf (or an --out file with that extension)"
        )
    if kind == "dxf":
        from packcalc.export.dxf import dxf_text, pattern_document

        logging.getLogger("ezdxf").setLevel(logging.ERROR)
        chosen = [s or design.size or "custom" for s in sizes]
        _write(args.out, dxf_text(pattern_document(design, library, chosen)))
    elif kind == "svg":
        from packcalc.export.sheets import pattern_svg

        if len(sizes) > 1:
            raise PackcalcError(
                "--size", "an SVG holds one size: give one, or write a DXF or a PDF for all"
            )
        _write(args.out, pattern_svg(design, library, sizes[0], args.paper))
    else:
        from packcalc.export.sheets import pattern_pdf

        if not args.out:
            raise PackcalcError("--out", "a PDF is written to a file: give --out FILE.pdf")
        _write(args.out, pattern_pdf(design, library, sizes, args.paper))


def _cmd_flats(args: argparse.Namespace) -> None:
    from packcalc.export.flats import flats_svg

    _write(args.out, flats_svg(_design(args)))


def _cmd_techpack(args: argparse.Namespace) -> None:
    from packcalc.export.techpack import techpack_pdf
    from packcalc.library import load_library

    _write(args.out, techpack_pdf(_design(args), load_library()))


def _cmd_bom(args: argparse.Namespace) -> None:
    from packcalc.estimator import estimate
    from packcalc.supply import bill_of_materials, bom_csv

    design = _design(args)
    result = estimate(design, band_samples=100)
    rows = bill_of_materials(result, result.library)
    if args.csv:
        _write(args.csv, bom_csv(rows))
    if args.json:
        _print_json({"design": design.name, "size": design.size or "custom", "rows": rows})
        return
    if not args.csv:
        print(f"{design.name}, size {design.size or 'custom'}: bill of materials")
        for r in rows:
            digits = {"m2": 3, "m": 2}.get(r["unit"], 0)
            print(
                f"  {r['name'][:48]:<48} {r['quantity']:>10.{digits}f} {r['unit']:<6} "
                f"{r['mass_g']:>7.1f} g  {r['note']}"
            )


def _write(path: str | None, content: str | bytes) -> None:
    """Write to a file, or text to stdout; a file that cannot be written is an input error."""
    if path is None:
        if isinstance(content, bytes):
            raise PackcalcError("--out", "give a file to write to")
        sys.stdout.write(content)
        return
    try:
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
            handle.write(content)
    except OSError as exc:
        raise PackcalcError("--out", f"cannot write {path!r}: {exc.strerror}") from None
    sys.stderr.write(f"wrote {path}\n")


def _cmd_schema(args: argparse.Namespace) -> None:
    sys.stdout.write(schema_path(args.name).read_text(encoding="utf-8"))


# The library's errors name the field; on the command line the flag that set it.
FLAG_OF_FIELD = {
    "made_in": "--made-in",
    "load": "--load",
    "item": "--item",
    "vary": "--vary",
    "locks": "--lock",
    "allowed_fabrics": "--fabrics",
    "chain": "--chain",
    "set": "--set",
}


def as_flag(exc: PackcalcError) -> PackcalcError:
    """The error with its field named as the command-line flag that set it
    (``vary.back_height`` → ``--vary back_height``)."""
    for field, flag in FLAG_OF_FIELD.items():
        if exc.field == field or exc.field[: len(field) + 1] in (f"{field}.", f"{field} "):
            return PackcalcError(f"{flag} {exc.field[len(field) + 1 :]}".strip(), exc.message)
    return exc


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.run(args)
    except PackcalcError as exc:
        sys.stderr.write(f"packcalc: error: {as_flag(exc)}\n")
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("packcalc: stopped (Ctrl-C)\n")
        return 130
    return 0


def format_fit(fit: Any, design_name: str) -> str:
    """The placement, readably: pockets with their fill and items, then what does not fit."""
    lines = [
        f"{design_name}: capacity {fit.capacity_nominal_l:.2f} L nominal "
        f"({fit.capacity_relaxed_l:.2f} L relaxed, {fit.capacity_stretched_l:.2f} L "
        f"stretched); load {fit.load_mass_g:.0f} g",
        f"{'fits' if fit.fits else 'DOES NOT FIT'}: {len(fit.placements)} items placed, "
        f"{len(fit.unplaced)} not",
        "",
    ]
    by_pocket: dict[str, list[str]] = defaultdict(list)
    for label, _, pocket in fit.placements:
        by_pocket[pocket].append(label)
    for cap in fit.capacities:
        name = cap.pocket.name
        share = fit.pocket_volume_l[name] / cap.stretched_l if cap.stretched_l else 0.0
        pressure = fit.pocket_pressure_kpa.get(name)
        pressed = f", presses {pressure:.1f} kPa" if pressure else ""
        lines.append(
            f"  {name} ({cap.pocket.purpose}, {cap.pocket.location}, {cap.pocket.shape}): "
            f"{fit.pocket_volume_l[name]:.2f} / {cap.stretched_l:.2f} L ({share:.0%}), "
            f"{fit.pocket_mass_g[name]:.0f} g{pressed}; stretch limited by {cap.limited_by}"
        )
        lines += [f"      {label}: {fit.reasons[label]}" for label in by_pocket.get(name, [])]
    if fit.unplaced:
        lines += ["", "not placed:"]
        lines += [f"  {label}: {reason}" for label, _, reason in fit.unplaced]
    left, front = fit.com_offset_cm
    lines += [
        "",
        f"balance: {fit.front_share:.0%} of the load in front, {fit.left_share:.0%} on the left; "
        f"centre of mass {left:+.1f} cm to the left, {front:+.1f} cm to the front of mid-torso",
        f"body fit: chest {fit.fit_range_cm[0]:.0f}–{fit.fit_range_cm[1]:.0f} cm "
        f"({'fits' if fit.body_fits else 'does not fit'} the runner's {fit.body_chest_cm:g} cm)",
    ]
    return "\n".join(lines)


def tshirt_verdict(result: Any) -> str:
    """One line: the vest against the reference t-shirt, in volume and in weight."""
    from packcalc.estimator import REFERENCE_TEE

    tee = result.tshirts[REFERENCE_TEE]
    return (
        f"vs {tee['name']}: {result.tshirt_volume_ratio:.2f} × its packed volume "
        f"({tee['packed_volume'].m_as('L'):.3f} L), {result.tshirt_weight_ratio:.2f} × its "
        f"weight ({tee['mass'].m_as('g'):g} g)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
