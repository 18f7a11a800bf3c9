"""Figures as a designer reads them: metric or imperial, English or French.

The models stay metric; :class:`Fmt` converts at the edge (factors from pint, read once)
and writes numbers with the language's decimal mark and spacing (``1,5 L`` and
``83 %`` in French, ``1.5 L`` and ``83%`` in English; inches are ``po`` in French).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from packcalc.ui.i18n import NBSP, translate
from packcalc.units import Q_

SYSTEMS = ("metric", "imperial")
MINUS = "\u2212"

# kind → (metric unit for pint, imperial unit for pint); the models' units are metric.
_PINT_UNITS = {
    "mass": ("g", "oz"),
    "volume": ("L", "inch**3"),
    "length": ("cm", "inch"),
    "area": ("cm**2", "inch**2"),
    "areal": ("g/m**2", "oz/yd**2"),
    "linear": ("g/m", "oz/yd"),
    "density": ("g/cm**3", "lb/ft**3"),
    "per_mass": ("1/g", "1/oz"),  # g CO2e per gram saved → per ounce saved
    "per_length": ("1/cm", "1/inch"),  # threads, courses or wales per cm → per inch
}
# Display units per kind, system and language.
_SYMBOLS = {
    "mass": {"metric": "g", "imperial": "oz"},
    "volume": {"metric": "L", "imperial": "in³", ("imperial", "fr"): "po³"},
    "length": {"metric": "cm", "imperial": "in", ("imperial", "fr"): "po"},
    "area": {"metric": "cm²", "imperial": "in²", ("imperial", "fr"): "po²"},
    "areal": {"metric": "g/m²", "imperial": "oz/yd²", ("imperial", "fr"): "oz/vg²"},
    "linear": {"metric": "g/m", "imperial": "oz/yd", ("imperial", "fr"): "oz/vg"},
    "density": {"metric": "g/cm³", "imperial": "lb/ft³", ("imperial", "fr"): "lb/pi³"},
    "pressure": {"metric": "kPa", "imperial": "kPa"},
    "per_length": {
        "metric": "per cm",
        "imperial": "per in",
        ("metric", "fr"): "par cm",
        ("imperial", "fr"): "par po",
    },
}
# Decimals as a designer reads each kind of figure: (metric, imperial).
PRECISION = {
    "weight": ("mass", 1, 2),  # the estimate: 142.5 g, 5.03 oz
    "mass": ("mass", 0, 1),  # loads, ranges, pockets: 915 g, 32.3 oz
    "packed": ("volume", 2, 0),  # 0.48 L, 29 in³
    "capacity": ("volume", 1, 0),  # 4.7 L, 287 in³
    "pocket": ("volume", 2, 0),  # 0.33 L, 20 in³
    "item_volume": ("volume", 3, 1),  # 0.032 L, 2.0 in³
    "length": ("length", 1, 1),
    "allowance": ("length", 1, 2),  # seam allowances: 0.6 cm, 0.24 in
    "size": ("length", 0, 1),  # body measures, fit range: 99 cm, 39.0 in
    "area": ("area", 0, 0),
    "areal": ("areal", 0, 1),
    "linear": ("linear", 1, 2),
    "density": ("density", 2, 1),
    "pressure": ("pressure", 1, 1),
}


def _factor(kind: str) -> float:
    metric, imperial = _PINT_UNITS[kind]
    return float(Q_(1.0, metric).m_as(imperial))


FACTORS = {kind: _factor(kind) for kind in _PINT_UNITS}  # imperial units per metric unit


def to_display(kind: str, value: float, system: str) -> float:
    """A metric value (``kind`` of :data:`FACTORS`) in the display unit of ``system``."""
    if system == "metric" or kind not in FACTORS:
        return value
    return value * FACTORS[kind]


def from_display(kind: str, value: float, system: str) -> float:
    """A value entered in the display unit of ``system`` back in the metric unit."""
    if system == "metric" or kind not in FACTORS:
        return value
    return value / FACTORS[kind]


def symbol(kind: str, system: str, language: str = "en") -> str:
    table = _SYMBOLS[kind]
    return table.get((system, language), table[system])


@dataclass(frozen=True)
class Fmt:
    """Text and figures in one language and unit system."""

    lang: str = "en"
    system: str = "metric"

    @property
    def sp(self) -> str:
        """The space between a number and its unit (no-break in French)."""
        return NBSP if self.lang == "fr" else " "

    @property
    def colon(self) -> str:
        """A colon as the language writes it after a word (``Comfort:``, ``Confort :``)."""
        return NBSP + ":" if self.lang == "fr" else ":"

    @property
    def semicolon(self) -> str:
        """``; `` as the language writes it between clauses."""
        return NBSP + "; " if self.lang == "fr" else "; "

    # ---------------------------------------------------------------- words
    def t(self, text: str, **values: object) -> str:
        """The interface string in the chosen language, with ``values`` filled in."""
        out = translate(text, self.lang)
        return out.format(**values) if values else out

    # ---------------------------------------------------------------- numbers
    def num(self, value: float, digits: int = 1, sign: bool = False) -> str:
        """A number with the language's decimal mark and a true minus sign."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        rounded = round(float(value), digits)
        if rounded == 0:
            rounded = 0.0  # no "-0.0"
        text = f"{abs(rounded):,.{digits}f}"
        if abs(rounded) < 10_000:
            text = text.replace(",", "")
        if self.lang == "fr":
            text = text.replace(",", NBSP).replace(".", ",")
        if rounded < 0:
            return MINUS + text
        return ("+" + text) if sign and rounded > 0 else text

    def pct(self, share: float, digits: int = 0, sign: bool = False) -> str:
        """A share (0–1) as a percentage: ``83%`` in English, ``83 %`` in French."""
        space = NBSP if self.lang == "fr" else ""
        return f"{self.num(share * 100, digits, sign)}{space}%"

    def ratio(self, value: float) -> str:
        return f"{self.num(value, 2)}{self.sp}×"

    def count(self, n: int, one: str, many: str) -> str:
        """``1 day``, ``2 days`` (the words translated)."""
        word = self.t(one) if n == 1 else self.t(many)
        return f"{n}{self.sp}{word}"

    # ---------------------------------------------------------------- quantities
    def unit(self, kind: str) -> str:
        """The display unit of a kind of figure (a key of :data:`PRECISION`, or of
        the unit table: ``mass``, ``volume``, ``length``, ``areal``…)."""
        base = PRECISION[kind][0] if kind in PRECISION else kind
        return symbol(base, self.system, self.lang)

    def value(self, kind: str, metric_value: float) -> float:
        """A metric figure in the display unit, unrounded."""
        base = PRECISION[kind][0] if kind in PRECISION else kind
        return to_display(base, metric_value, self.system)

    def metric(self, kind: str, display_value: float) -> float:
        """A figure entered in the display unit, back in the metric unit."""
        base = PRECISION[kind][0] if kind in PRECISION else kind
        return from_display(base, display_value, self.system)

    def digits(self, kind: str) -> int:
        _, metric, imperial = PRECISION[kind]
        return metric if self.system == "metric" else imperial

    def q(self, kind: str, metric_value: float, sign: bool = False) -> str:
        """A metric figure in the display unit with its symbol (``142.5 g``, ``5.03 oz``)."""
        return f"{self.number(kind, metric_value, sign)}{self.sp}{self.unit(kind)}"

    def number(self, kind: str, metric_value: float, sign: bool = False) -> str:
        """The same, without the unit (for table cells under a ``[unit]`` header)."""
        return self.num(self.value(kind, metric_value), self.digits(kind), sign)

    def q_range(self, kind: str, low: float, high: float) -> str:
        """``72–281 g``: a range with its unit once."""
        return f"{self.number(kind, low)}–{self.number(kind, high)}{self.sp}{self.unit(kind)}"

    def label(self, text: str, kind: str | None = None, unit: str | None = None) -> str:
        """A translated label with its unit in brackets: ``Back panel height [cm]``."""
        shown = unit if unit is not None else (self.unit(kind) if kind else "")
        return f"{self.t(text)} [{shown}]" if shown else self.t(text)


# Plain helpers (no language): a figure in a unit system with a given precision.


def mass(grams: float, system: str, digits: int = 1) -> str:
    """``142.5 g``, or ``5.03 oz`` (one more decimal in ounces)."""
    if system == "metric":
        return f"{grams:.{digits}f} g"
    return f"{to_display('mass', grams, system):.{digits + 1}f} oz"


def volume(litres: float, system: str, digits: int = 2) -> str:
    """``0.48 L``, or ``29 in³`` (one decimal fewer in cubic inches)."""
    if system == "metric":
        return f"{litres:.{digits}f} L"
    return f"{to_display('volume', litres, system):.{max(digits - 1, 0)}f} in³"


def length(cm: float, system: str, digits: int = 0) -> str:
    """``34 cm``, or ``13 in``."""
    unit = "cm" if system == "metric" else "in"
    return f"{to_display('length', cm, system):.{digits}f} {unit}"
