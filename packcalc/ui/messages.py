"""The library's own words (weight-part labels, notes, reasons, supply-chain details,
constraints) as the page shows them: in the chosen language and units.

The library writes these in English with metric figures (``pocket: flask left``,
``too big for any pocket (0.8 L; …)``, ``20 min, 0.586 kWh at 461 g CO2e/kWh``). Each
known form is read here with a pattern and written anew; an unknown form is shown as
the library wrote it (a test runs every preset through these and fails on a form left
untranslated).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from packcalc.ui import names
from packcalc.ui.display import Fmt
from packcalc.ui.i18n import N_

DETAIL_WORDS = {
    "labels": N_("labels"),
    "bar tacks": N_("bar tacks"),
    "zip pullers": N_("zip pullers"),
    "pole loops": N_("pole loops"),
    "hose loops": N_("hose loops"),
    "whistle": N_("whistle"),
    "side adjusters": N_("side adjusters"),
    "compression cords": N_("compression cords"),
    "sternum rails": N_("sternum rails"),
    "sternum straps": N_("sternum straps"),
    "back pad": N_("back pad"),
    "reinforcement patches": N_("reinforcement patches"),
}
FINISH_WORDS = {
    "fold-over": N_("fold-over hem"),
    "elastic-casing": N_("elastic casing"),
    "binding": N_("binding"),
    "raw": N_("raw edge"),
}
LIMITS = {
    "fabric stretch limit": N_("fabric's stretch limit"),
    "comfort pressure": N_("pressure on the body (comfort)"),
    "fabric does not stretch": N_("fabric does not stretch"),
}
STAGES = {
    "fibre": N_("fibre"),
    "spinning": N_("spinning"),
    "forming": N_("knitting, weaving, laminating"),
    "dyeing": N_("dyeing"),
    "finishing": N_("finishing"),
    "trims": N_("trims"),
    "making": N_("making"),
    "packaging": N_("packaging"),
    "transport": N_("transport"),
}
STEPS = {
    "materials to the maker": N_("materials to the maker"),
    "making": N_("making"),
    "to the warehouse": N_("to the warehouse"),
}


# The fields of a library record that its data marks as assumed (``assumed = [...]``).
RECORD_FIELDS = {
    "areal_density": N_("areal density"),
    "areal_mass": N_("mass per area"),
    "composition": N_("composition"),
    "diameter": N_("diameter"),
    "empty_mass": N_("empty mass"),
    "fibre": N_("fibre"),
    "height": N_("height"),
    "length": N_("length"),
    "linear_mass": N_("mass per length"),
    "load_bearing": N_("load-bearing rating"),
    "mass": N_("mass"),
    "modulus": N_("modulus"),
    "moisture_regain": N_("moisture regain"),
    "origin": N_("origin"),
    "rigid_volume": N_("rigid volume"),
    "stretch": N_("stretch"),
    "structure": N_("structure"),
    "thickness": N_("thickness"),
    "volume": N_("volume"),
    "width": N_("width"),
}


def record_fields(fields: Any, f: Fmt) -> str:
    """A record's assumed fields in words (``rigid_volume`` → "rigid volume")."""
    return ", ".join(f.t(RECORD_FIELDS[x]) if x in RECORD_FIELDS else x for x in fields)


# The factors of the footprint's band and sensitivity (``kind:id``).
PROCESSES = {
    "coating": N_("coating"),
    "dwr": N_("water-repellent finish"),
    "dyeing-acid": N_("acid dyeing"),
    "dyeing-disperse": N_("disperse dyeing"),
    "heat-setting": N_("heat-setting"),
    "knitting-circular": N_("circular knitting"),
    "knitting-seamless": N_("knitting to shape"),
    "knitting-warp": N_("warp knitting"),
    "spinning-elastane": N_("spinning elastane"),
    "spinning-pa": N_("spinning polyamide"),
    "spinning-pet": N_("spinning polyester"),
    "texturing": N_("texturing"),
    "washing-synthetic": N_("washing"),
    "weaving-air-jet": N_("air-jet weaving"),
}
FACTOR_WORDS = {
    "making:minutes": N_("making minutes"),
    "material:ldpe-film": N_("polybag film"),
    "material:rigid-plastic": N_("plastic trims"),
    "mode:air": N_("air freight"),
    "mode:road": N_("road freight"),
    "mode:sea": N_("sea freight"),
    "heat:europe": N_("heat mix, Europe"),
    "heat:world": N_("heat mix, world"),
}


def factor(name: str, f: Fmt) -> str:
    """A factor of the footprint (``fibre:nylon-6``, ``grid:VN``, ``process:dyeing-acid``)."""
    kind, _, key = name.partition(":")
    if name in FACTOR_WORDS:
        return f.t(FACTOR_WORDS[name])
    if kind == "fibre":
        return f.t("producing {fibre}", fibre=names.fibre(key, f.lang))
    if kind == "process":
        return f.t("energy of {process}", process=f.t(PROCESSES.get(key, key)))
    if kind == "grid":
        return f.t("electricity, {place}", place=names.place(key, f.lang))
    return name


_TRIM_CATEGORIES = {"binding": N_("binding"), "thread": N_("thread"), "seam-tape": N_("seam tape")}


def part_label(row: dict, f: Fmt) -> str:
    """A weight part's label (:func:`packcalc.ui.results.breakdown`) as shown."""
    label, category = row["label"], row["category"]
    material = row["materials"][0] if row["materials"] else ""
    if category == "panel":
        return names.piece(label, f.lang)
    if category in ("pocket", "closure") and ": " in label:
        pocket = names.pocket(label.split(": ", 1)[1], f.lang)
        if category == "pocket":
            return f.t("pocket: {pocket}", pocket=pocket)
        return f.t("closure: {pocket}", pocket=pocket)
    if category == "allowance":
        return f.t("seam allowances")
    if category in _TRIM_CATEGORIES:
        return names.trim(material, f.lang)
    if category == "fitted":
        return f.t("pocket making")
    if category == "trim":
        return names.trim(material, f.lang) + _amount(label, f)
    if category == "detail":
        return _detail(label, f)
    return label


def _amount(label: str, f: Fmt) -> str:
    """A trim's amount at the end of its label: ``×2``, ``(60 cm)``, ``(20 cm²)``."""
    if match := re.search(r" ×(\d+)$", label):
        return f" ×{match[1]}"
    if match := re.search(r" \(([\d.]+) cm\)$", label):
        return f" ({f.q('length', float(match[1]))})"
    if match := re.search(r" \(([\d.]+) cm²\)$", label):
        return f" ({f.q('area', float(match[1]))})"
    return ""


def _detail(label: str, f: Fmt) -> str:
    body = label.removeprefix("details: ")
    if match := re.fullmatch(r"(.+?) ×(\d+)", body):
        what = DETAIL_WORDS.get(match[1], match[1])
        return f"{f.t('details')}{f.colon} {f.t(what)} ×{match[2]}"
    if match := re.fullmatch(r"logos and prints \(([\d.]+) cm²\)", body):
        return (
            f"{f.t('details')}{f.colon} {f.t('logos and prints')} ({f.q('area', float(match[1]))})"
        )
    if match := re.fullmatch(r"opening (\S+) \((.+)\)", body):
        finish = FINISH_WORDS.get(match[1], match[1])
        return f.t(
            "details: {finish} of the opening ({pocket})",
            finish=f.t(finish),
            pocket=names.pocket(match[2], f.lang),
        )
    if match := re.fullmatch(r"zip garage \((.+)\)", body):
        return f.t("details: zip garage ({pocket})", pocket=names.pocket(match[1], f.lang))
    if body in DETAIL_WORDS:
        return f"{f.t('details')}{f.colon} {f.t(DETAIL_WORDS[body])}"
    return label


def limited_by(text: str, f: Fmt) -> str:
    """What limits a pocket's stretch (``packcalc.fit.PocketCapacity.limited_by``)."""
    parts = [p.strip() for p in text.split(";")]
    out = []
    for part in parts:
        if part == "opening held by the zip":
            out.append(f.t("opening held by the zip"))
        else:
            out.append(f.t(LIMITS.get(part, part)))
    return f.semicolon.join(out)


def _fabric_list(text: str, f: Fmt) -> str:
    return ", ".join(names.fabric(x.strip(), f.lang) for x in text.split(","))


_NOTES: list[tuple[str, Callable[[re.Match, Fmt], str]]] = [
    (
        r"(\S+): no open spinning figure, not counted",
        lambda m, f: f.t(
            "{fibre}: no open figure for its spinning, not counted", fibre=names.fibre(m[1], f.lang)
        ),
    ),
    (
        r"(\S+) spinning: the melt spinning of (\S+) stands in",
        lambda m, f: f.t(
            "{fibre} spinning: the melt spinning of {other} stands in",
            fibre=names.fibre(m[1], f.lang),
            other=names.fibre(m[2], f.lang),
        ),
    ),
    (
        r"(\S+): no open production figure, left out",
        lambda m, f: f.t(
            "{fibre}: no open figure for its production, left out", fibre=names.fibre(m[1], f.lang)
        ),
    ),
    (
        r"(\S+): no dyeing figure for its fibres, not counted",
        lambda m, f: f.t(
            "{fabric}: no dyeing figure for its fibres, not counted",
            fabric=names.fabric(m[1], f.lang),
        ),
    ),
    (
        r"no labour cost for (\S+): the making cost is not counted",
        lambda m, f: f.t(
            "no labour cost for {country}: the making cost is not counted",
            country=names.place(m[1], f.lang),
        ),
    ),
    (
        r"cost: fabric and trims at placeholder prices \(no published price list found\), "
        r"labour where sewn; freight is not costed",
        lambda m, f: f.t(
            "cost: fabric and trims at placeholder prices (no published price "
            "list found), labour where sewn; freight is not costed"
        ),
    ),
    (
        r"pocket '(.+)' is ([\d.]+) cm in (width|height), more than its panel's ([\d.]+) cm: "
        r"its fabric and capacity are counted as given",
        lambda m, f: f.t(
            "pocket {pocket} is {size} in {dim}, more than its panel's {panel}: its fabric "
            "and capacity are counted as given",
            pocket=names.pocket(m[1], f.lang),
            size=f.q("length", float(m[2])),
            dim=f.t(m[3]),
            panel=f.q("length", float(m[4])),
        ),
    ),
    (
        r"(\S+): its production energy is not given by the source",
        lambda m, f: f.t(
            "{fibre}: its production energy is not given by the source",
            fibre=names.fibre(m[1], f.lang),
        ),
    ),
    (
        r"sweat-wet weight assumes (\d+)% of the fabrics' pores filled \(no published value\)",
        lambda m, f: f.t(
            "the sweat-soaked weight takes {share} of the fabrics' pores filled "
            "(no published value)",
            share=f.pct(int(m[1]) / 100),
        ),
    ),
    (
        r"packed volume and sweat-wet weight use the class defaults \(materials/packing\.toml\) "
        r"for fabrics without a thickness: (.+)",
        lambda m, f: f.t(
            "packed volume and sweat-soaked weight take their construction's "
            "defaults for fabrics without a measured thickness: {fabrics}",
            fabrics=_fabric_list(m[1], f),
        ),
    ),
    (
        r"stretch-pocket tension estimated from EN 14704-1 force levels on a 50 mm strip at "
        r"the fabric's stated stretch limit \(no measured modulus\)",
        lambda m, f: f.t(
            "the tension of stretch pockets is estimated from the EN 14704-1 force "
            "levels at the fabric's stated stretch limit (no measured modulus)"
        ),
    ),
    (
        r"pin of '(.+)' to '(.+)' left out: not in the load",
        lambda m, f: f.t(
            "the pin of {item} to {pocket} is left out: not in the load",
            item=names.item_label(m[1], f.lang),
            pocket=names.pocket(m[2], f.lang),
        ),
    ),
    (
        r"origin unknown, taken as the making country: (.+)",
        lambda m, f: f.t(
            "origin unknown, taken as the making country: {fabrics}", fabrics=_fabric_list(m[1], f)
        ),
    ),
    (
        r"(\S+) left out of the (.+?): not rated load-bearing",
        lambda m, f: f.t(
            "{fabric} left out of the {group}: not rated load-bearing",
            fabric=names.fabric(m[1], f.lang),
            group=_groups(m[2], f),
        ),
    ),
    (
        r"pockets no smaller than ×([\d.]+) of the design's: below that the kit does not fit",
        lambda m, f: f.t(
            "pockets no smaller than ×{scale} of the design's: below that the kit does not fit",
            scale=f.num(float(m[1]), 2),
        ),
    ),
    (
        r"rounded to the millimetre, none of the ten lightest designs meets the brief: the "
        r"lightest as found",
        lambda m, f: f.t(
            "rounded to the millimetre, none of the ten lightest designs meets the brief: the "
            "lightest as found"
        ),
    ),
    (
        r"none of the ten lightest designs carries the whole kit: the lightest",
        lambda m, f: f.t("none of the ten lightest designs carries the whole kit: the lightest"),
    ),
    (
        r"(\S+) at its (lower|upper) bound (-?[\d.]+)",
        lambda m, f: f.t(
            "{parameter} at the {end} end of its range", parameter=m[1], end=f.t(_ENDS[m[2]])
        ),
    ),
]
_ENDS = {"lower": N_("lower"), "upper": N_("upper")}


def _groups(text: str, f: Fmt) -> str:
    """``backs, straps and fronts`` → the panel groups' names in the language."""
    ids = [g.removesuffix("s") for g in re.split(r", | and ", text)]
    shown = [f.t(_GROUPS.get(g, g)) for g in ids]
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} {f.t('and')} {shown[-1]}"


_GROUPS = {
    "back": N_("the back panel"),
    "strap": N_("the straps"),
    "front": N_("the front panels"),
    "wing": N_("the side wings"),
}


def note(text: str, f: Fmt) -> str:
    """A note of the estimate, the load fit, the supply chain or the optimiser."""
    for pattern, write in _NOTES:
        if match := re.fullmatch(pattern, text):
            return write(match, f)
    return text


_REASONS: list[tuple[str, Callable[[re.Match, Fmt], str]]] = [
    (r"the vest has no pockets", lambda m, f: f.t("the vest has no pockets")),
    (
        r"too big for any pocket \(([\d.]+) L; the largest pocket, '(.+)', takes ([\d.]+) L "
        r"stretched\)",
        lambda m, f: f.t(
            "too big for any pocket ({volume}; the largest, {pocket}, takes "
            "{largest} stretched to the limit)",
            volume=f.q("pocket", float(m[1])),
            pocket=names.pocket(m[2], f.lang),
            largest=f.q("pocket", float(m[3])),
        ),
    ),
    (
        r"too big for any reachable pocket \(it must be reached while running\)",
        lambda m, f: f.t("too big for any pocket within reach (it must be reached while running)"),
    ),
    (
        r"no reachable pocket left: the pockets that take it are full",
        lambda m, f: f.t("no pocket within reach left: those that take it are full"),
    ),
    (
        r"capacity used up: the pockets that take it are full",
        lambda m, f: f.t("capacity used up: the pockets that take it are full"),
    ),
]


def reason(text: str, f: Fmt) -> str:
    """Why an item does not fit (``packcalc.fit.LoadFit.unplaced``)."""
    for pattern, write in _REASONS:
        if match := re.fullmatch(pattern, text):
            return write(match, f)
    return text


def _distance(km: float, f: Fmt) -> str:
    if f.system == "metric":
        return f"{f.num(km, 0)}{f.sp}km"
    return f"{f.num(km / 1.609344, 0)}{f.sp}mi"


_DETAILS: list[tuple[str, Callable[[re.Match, Fmt], str]]] = [
    (
        r"fibre, yarn, fabric, dyeing, finishing, trims and their transport",
        lambda m, f: f.t("fibre, yarn, fabric, dyeing, finishing, trims and their transport"),
    ),
    (r"(\d+) min", lambda m, f: f.t("{minutes} min of making", minutes=m[1])),
    (
        r"air (\d+)%",
        lambda m, f: f.t("{share} by air", share=f.pct(int(m[1]) / 100)),
    ),
    (
        r"fabric consumed at (\d+)% marker efficiency",
        lambda m, f: f.t(
            "fabric consumed at a marker efficiency of {share}", share=f.pct(int(m[1]) / 100)
        ),
    ),
    (
        r"(\d+) min, ([\d.]+) kWh at (\d+) g CO2e/kWh",
        lambda m, f: f.t(
            "{minutes} min of making, {kwh} kWh at {grid} g CO2e/kWh",
            minutes=m[1],
            kwh=f.num(float(m[2]), 3),
            grid=m[3],
        ),
    ),
    (
        r"road share (\d+)% of road \+ sea \((\d+) / (\d+) km\), air (\d+) km × (\d+)%"
        r"(?:, then (\d+) km by road)?",
        lambda m, f: (
            f.t(
                "by sea {sea} (road {road}, of which {share} taken by road), by air "
                "{air} × {air_share}",
                sea=_distance(float(m[3]), f),
                road=_distance(float(m[2]), f),
                share=f.pct(int(m[1]) / 100),
                air=_distance(float(m[4]), f),
                air_share=f.pct(int(m[5]) / 100),
            )
            + (f.t(", then {road} by road", road=_distance(float(m[6]), f)) if m[6] else "")
        ),
    ),
]


def step_detail(text: str, f: Fmt) -> str:
    """The detail of a supply-chain step (``packcalc.supply.Step.detail``)."""
    for pattern, write in _DETAILS:
        if match := re.fullmatch(pattern, text):
            return write(match, f)
    return text


def scenario(made_in: str, air_share: float, home: str, f: Fmt) -> str:
    """A scenario's short name: the place, and how it is shipped when it is abroad."""
    place = names.place(made_in, f.lang)
    if made_in == home:
        return place
    if air_share:
        return f.t("{place}, {share} by air", place=place, share=f.pct(air_share))
    return f.t("{place}, by sea", place=place)


CONSTRAINTS = {
    "every pocket within its panel": N_("every pocket within its panel"),
    "straps reach over the shoulder in every size": N_(
        "straps reach over the shoulder in every size"
    ),
    "fits its runner's chest": N_("fits its runner's chest"),
    "shoulder pressure": N_("pressure under the straps"),
    "nominal capacity": N_("nominal capacity"),
    "packed volume": N_("packed volume"),
}


def constraint(name: str, f: Fmt) -> str:
    """A constraint of the optimiser's brief (``packcalc.optimise.Constraint.name``)."""
    if match := re.fullmatch(r"drafts in every size \((.+)\)", name):
        return f.t("drafts in every size ({sizes})", sizes=match[1])
    return f.t(CONSTRAINTS.get(name, name))


# The units the library writes in its messages, and the kind of figure each is shown as.
_MESSAGE_UNITS = {"cm": "length", "g/m²": "areal", "g/m**2": "areal", "g": "mass", "L": "pocket"}
_BOUNDS = {
    "at least": N_("at least {limit}"),
    "greater than": N_("more than {limit}"),
    "of at most": N_("at most {limit}"),
}
_FIELDS = {
    "body.chest": N_("Chest circumference"),
    "body.back_length": N_("Back length"),
    "pressure": N_("Squeeze pressure"),
    "options": N_("Pattern"),
}
_POCKET_FIELDS = {
    "width": N_("width"),
    "height": N_("height"),
    "gusset": N_("gusset"),
    "name": N_("name"),
    "fabric": N_("fabric"),
}
_PANEL_FIELDS = {"areal_density": N_("Areal density override"), "layers": N_("Layers")}
_GROUP_LABELS = {
    "back": N_("Back panel"),
    "strap": N_("Shoulder straps"),
    "front": N_("Front panels"),
    "wing": N_("Side wings"),
}


def error(text: str, f: Fmt, in_file: bool = False) -> str:
    """A refused value (a PackcalcError: ``field path: what was expected``) as the page
    shows it: the control's name for the design file's path (the path itself for an
    uploaded file, ``in_file``: what its writer typed), the bounds and the value in the
    chosen units, in the language. A message of another form keeps the library's English
    after the control's name."""
    field, sep, message = text.partition(": ")
    if not sep:
        return text
    label = field if in_file else field_label(field, f)
    if match := re.fullmatch(
        r"expected a value (at least|greater than|of at most) (-?[\d.e+-]+) ?(\S*), got (.+)",
        message,
    ):
        limit = _figure(float(match[2]), match[3], f)
        return f"{label}{f.colon} " + f.t(
            "expected {bound}, got {value}",
            bound=f.t(_BOUNDS[match[1]], limit=limit),
            value=_given(match[4], f),
        )
    if match := re.fullmatch(
        r"expected .+ between (-?[\d.]+) cm and (-?[\d.]+) cm, got (-?[\d.e+-]+) cm", message
    ):
        return f"{label}{f.colon} " + f.t(
            "expected between {low} and {high}, got {value}",
            low=f.q("length", float(match[1])),
            high=f.q("length", float(match[2])),
            value=f.q("length", float(match[3])),
        )
    if match := re.fullmatch(r"expected a whole number from (\d+) to (\d+), got (.+)", message):
        return f"{label}{f.colon} " + f.t(
            "expected a whole number from {low} to {high}, got {value}",
            low=match[1],
            high=match[2],
            value=match[3],
        )
    if match := re.fullmatch(r"expected (an? [a-z ]+) like '([^']+)', got (.+)", message):
        return f"{label}{f.colon} " + f.t(
            "expected {kind} like {example}, got {value}",
            kind=f.t(_KINDS.get(match[1], match[1])),
            example=f"'{match[2]}'",
            value=_got(match[3], f),
        )
    if f.lang == "en":
        return f"{label}: {message}"
    return f"{label}{f.colon} {f.t('(message in English)')} {message}"


# The kinds of quantity the library names in its messages (packcalc.units.UNIT_KINDS).
_KINDS = {
    "an areal density": N_("an areal density"),
    "a linear density": N_("a linear density"),
    "a mass per length": N_("a mass per length"),
    "a length": N_("a length"),
    "a mass": N_("a mass"),
    "a density": N_("a density"),
    "a pressure": N_("a pressure"),
    "a volume": N_("a volume"),
    "a modulus": N_("a modulus"),
    "a tension": N_("a tension"),
    "an area": N_("an area"),
}


def _got(text: str, f: Fmt) -> str:
    """What a refused value was, as the library quotes it (``'banana cm'``, ``the bare
    number 3: write it with its unit``, ``an empty string``), in the language."""
    if match := re.fullmatch(r"the bare number '?([^':]+)'?: write it with its unit", text):
        return f.t("the bare number {n}: write it with its unit", n=match[1])
    if text == "an empty string":
        return f.t("an empty value")
    return text


def field_label(path: str, f: Fmt) -> str:
    """The name of the control that holds a design file's field (``options.strap_width``
    → "Shoulder strap width", ``pockets[2].width`` → "pocket 3, width")."""
    from packcalc.pattern import OPTION_SPECS

    if path in _FIELDS:
        return f.t(_FIELDS[path])
    if (match := re.fullmatch(r"options\.(\w+)", path)) and match[1] in OPTION_SPECS:
        return f.t(OPTION_SPECS[match[1]].description.capitalize())
    if match := re.fullmatch(r"panels\.(\w+)\.(\w+)", path):
        group, what = match[1], match[2]
        if group in _GROUP_LABELS and what in _PANEL_FIELDS:
            return f"{f.t(_PANEL_FIELDS[what])} ({f.t(_GROUP_LABELS[group])})"
    if match := re.fullmatch(r"pockets\[(\d+)\]\.(\w+)", path):
        what = _POCKET_FIELDS.get(match[2].removesuffix("_cm"))  # a file's or a table's
        if what:
            return f.t("pocket {n}, {what}", n=int(match[1]) + 1, what=f.t(what))
    return path


def _figure(value: float, unit: str, f: Fmt) -> str:
    kind = _MESSAGE_UNITS.get(unit)
    if kind is None:
        return f"{f.num(value, 3).rstrip('0').rstrip(',.') or '0'}{f.sp}{unit}".strip()
    return f.q(kind, value)


def _given(text: str, f: Fmt) -> str:
    """The value the library quotes (``-169.5287 g/m**2``, ``203.2 cm``), as shown."""
    if match := re.fullmatch(r"(-?[\d.e+-]+) ?(\S*)", text.strip().strip("'")):
        try:
            return _figure(float(match[1]), match[2], f)
        except ValueError:
            return text
    return text
