"""The package's single pint registry and the quantity parser used at every boundary.

Models inside packcalc work on plain floats in canonical units (g, m, mm, g/m², tex,
g/cm³, kPa); pint is used only where values come in (design files, the materials
library, widgets, the command line) and go out (public results).

Two pint traps are handled here: ``gsm`` and ``osy`` are not in pint's default
registry, so they are defined; ``Td`` is townsend (not denier) since pint 0.21 and
``Nm`` is the metric yarn count (not newton-metre), so never write either for those.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import pint

from packcalc.errors import PackcalcError

ureg = pint.UnitRegistry()
ureg.define("gsm = gram / meter ** 2")
ureg.define("osy = ounce / yard ** 2")
pint.set_application_registry(ureg)
Q_ = ureg.Quantity

# What each canonical unit measures, and an example of the right form, for messages.
UNIT_KINDS: dict[str, tuple[str, str]] = {
    "g/m**2": ("an areal density", "45 g/m**2"),
    "tex": ("a linear density", "20 denier"),
    "g/m": ("a mass per length", "5 g/m"),
    "mm": ("a length", "0.6 mm"),
    "cm": ("a length", "8 cm"),
    "m": ("a length", "1.2 m"),
    "g": ("a mass", "40 g"),
    "kg": ("a mass", "1.2 kg"),
    "g/cm**3": ("a density", "1.14 g/cm**3"),
    "kPa": ("a pressure", "2 kPa"),
    "Pa": ("a pressure", "49 Pa"),
    "L": ("a volume", "0.5 L"),
    "cm**3": ("a volume", "15 cm**3"),
    "GPa": ("a modulus", "3 GPa"),
    "N/m": ("a tension", "160 N/m"),
    "m**2": ("an area", "0.25 m**2"),
    "cm**2": ("an area", "150 cm**2"),
}

_LINEAR_DENSITY = ureg.Unit("tex").dimensionality
_YARN_COUNT = ureg.Unit("number_meter").dimensionality


@functools.cache
def _unit(unit: str) -> pint.Unit:
    return ureg.Unit(unit)


def describe_kind(unit: str) -> tuple[str, str]:
    """Name the kind of quantity measured in ``unit`` and give an example value."""
    if unit in UNIT_KINDS:
        return UNIT_KINDS[unit]
    return (f"a quantity in {unit}", f"1 {unit}")


def parse_quantity(
    value: Any,
    unit: str,
    field: str,
    *,
    minimum: float | None = 0.0,
    allow_zero: bool = False,
    maximum: float | None = None,
) -> float:
    """Turn a string such as ``"20 denier"`` or a pint Quantity into a float in ``unit``.

    Parameters
    ----------
    value : str or pint.Quantity
        The value as the user wrote it, with its unit (``"1.3 oz/yd**2"``,
        ``"0.6 mm"``). Bare numbers are refused: a dimensional field must say its unit.
    unit : str
        The canonical unit the caller wants the magnitude in (``"g/m**2"``, ``"tex"``).
    field : str
        Where the value sits, for the error message (``fabrics.silnylon.areal_density``).
    minimum : float or None, optional
        Smallest accepted magnitude in ``unit`` (default 0: negative values are
        refused). ``None`` accepts any finite value.
    allow_zero : bool, optional
        Accept exactly ``minimum`` (default False: the value must be above it).
    maximum : float or None, optional
        Largest accepted magnitude in ``unit``, if any.

    Returns
    -------
    float
        The magnitude in ``unit``.

    Raises
    ------
    PackcalcError
        With a one-line message naming ``field``, the value and the expected kind of
        unit, e.g. ``fabrics.silnylon.areal_density: expected an areal density like
        '45 g/m**2', got '45 kg'``.
    """
    kind, example = describe_kind(unit)
    expected = f"expected {kind} like '{example}'"
    if isinstance(value, (bool, int | float)):
        raise PackcalcError(
            field, f"{expected}, got the bare number {value!r}: write it with its unit"
        )
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise PackcalcError(field, f"{expected}, got an empty string")
        try:
            quantity = ureg.Quantity(text)
        except Exception:
            raise PackcalcError(field, f"{expected}, got '{value}'") from None
    elif isinstance(value, pint.Quantity):
        quantity = value
        text = f"{value:~P}"
    else:
        raise PackcalcError(field, f"{expected}, got {type(value).__name__} {value!r}")
    if not isinstance(quantity, pint.Quantity) or quantity.dimensionless:
        raise PackcalcError(
            field, f"{expected}, got the bare number '{text}': write it with its unit"
        )
    try:
        target = _unit(unit)
        if target.dimensionality == _LINEAR_DENSITY and quantity.dimensionality == _YARN_COUNT:
            # An indirect yarn count (Nm, Ne) is the inverse of a linear density.
            quantity = 1 / quantity.to("number_meter")
        magnitude = float(quantity.to(target).magnitude)
    except (TypeError, ValueError):  # pint's DimensionalityError is a TypeError
        raise PackcalcError(field, f"{expected}, got '{text}'") from None
    check_number(
        magnitude, field, minimum=minimum, allow_zero=allow_zero, maximum=maximum, shown=text,
        unit=f"{target:~P}",
    )  # fmt: skip
    return magnitude


def check_number(
    value: Any,
    field: str,
    *,
    minimum: float | None = 0.0,
    allow_zero: bool = True,
    maximum: float | None = None,
    shown: str | None = None,
    unit: str = "",
) -> float:
    """Check a plain number (a ratio, a share, a count) and return it as a float.

    Parameters
    ----------
    value : float
        The number as given [-].
    field : str
        Where the value sits, for the error message.
    minimum : float or None, optional
        Smallest accepted value (default 0); ``None`` for no lower bound.
    allow_zero : bool, optional
        Accept exactly ``minimum`` (default True).
    maximum : float or None, optional
        Largest accepted value, if any.
    shown : str or None, optional
        How to show the value in a message (defaults to its repr).
    unit : str, optional
        The unit of ``value``, written after the bounds in a message (``"cm"``).

    Returns
    -------
    float
        The value.

    Raises
    ------
    PackcalcError
        Naming ``field`` when the value is not a number, is NaN or infinite, or lies
        outside ``[minimum, maximum]``.
    """
    shown = shown if shown is not None else repr(value)
    unit = f" {unit}" if unit else ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PackcalcError(field, f"expected a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise PackcalcError(field, f"expected a finite value, got {shown}")
    if minimum is not None and (number < minimum or (number == minimum and not allow_zero)):
        bound = "at least" if allow_zero else "greater than"
        raise PackcalcError(field, f"expected a value {bound} {minimum:g}{unit}, got {shown}")
    if maximum is not None and number > maximum:
        raise PackcalcError(field, f"expected a value of at most {maximum:g}{unit}, got {shown}")
    return number


def format_quantity(magnitude: float, unit: str, digits: int = 4) -> str:
    """Write a magnitude in ``unit`` back as a string ``parse_quantity`` reads (``"8 cm"``)."""
    return f"{magnitude:.{digits}g} {unit}"


# ------------------------------------------------------------ yarn counts by unit name

#: Linear-density unit names suggested in error messages.
LINEAR_DENSITY_UNITS = ("tex", "dtex", "denier", "Nm", "Ne")
_DIRECT = ureg.Unit("tex").dimensionality  # [mass] / [length]: tex, dtex, denier
_INDIRECT = ureg.Unit("Nm").dimensionality  # [length] / [mass]: Nm, Ne


def _linear_density_unit(name: object, role: str) -> Any:
    hint = "use one of " + ", ".join(LINEAR_DENSITY_UNITS)
    if not isinstance(name, str) or not name.strip():
        raise PackcalcError(
            "linear_density", f"{role} unit must be a unit name such as 'tex', got {name!r}"
        )
    if name.strip() == "Td":
        raise PackcalcError(
            "linear_density",
            f"{role} unit 'Td' is the townsend in pint >= 0.21, not denier: write 'denier'",
        )
    try:
        unit = ureg.Unit(name.strip())
    except Exception:
        raise PackcalcError("linear_density", f"unknown {role} unit {name!r}: {hint}") from None
    if unit.dimensionality not in (_DIRECT, _INDIRECT):
        raise PackcalcError(
            "linear_density",
            f"{role} unit {name!r} ({unit}) is not a linear density or yarn count: {hint}",
        )
    return unit


def convert_linear_density(value: Any, from_unit: str, to_unit: str) -> Any:
    """Convert a yarn linear density between direct and indirect count systems.

    Direct counts (mass per length: tex, dtex, denier) convert by a factor; indirect
    counts (length per mass: Nm, Ne) are their reciprocals:

    .. math::

        T_t = 10^{-1}\\,\\mathrm{dtex} = D/9 = 1000/N_m \\approx 590.5/N_e

    Parameters
    ----------
    value : float or array_like
        Linear density or yarn count in ``from_unit``.
    from_unit : str
        Unit of ``value``: any pint name of a linear density or yarn count, e.g.
        ``"tex"``, ``"dtex"``, ``"denier"`` (``"den"``), ``"Nm"`` (``"number_meter"``,
        metres per gram), ``"Ne"`` (``"number_english"``, 840-yd hanks per pound).
    to_unit : str
        Unit of the result, same choices.

    Returns
    -------
    float or ndarray
        The value in ``to_unit`` [to_unit].

    Raises
    ------
    PackcalcError
        Field ``linear_density``, when a unit name is unknown to the registry or is not
        a linear density or count (``"Td"`` is the townsend since pint 0.21 and is
        refused with a hint to write ``"denier"``).

    Notes
    -----
    Exact for all positive values; zero converts to infinity between the direct and
    indirect systems. pint's ``Ne`` uses the exact definition (840 yd per lb), which
    gives :math:`T_t\\,N_e = 590.54`; the trade constant 590.5 [tayyon-linear-density]
    agrees to 1e-4 (cotton-specific constants such as 583.1 are not used). Do not use
    ``Td`` (townsend) or ``D`` (debye) for denier.

    References
    ----------
    .. [1] [pint-units]: ``default_en.txt``, ``@group Textile``,
       https://github.com/hgrecco/pint
    .. [2] Ningbo Tayyon Thread, "Linear density conversion formulas" [tayyon-linear-density],
       https://www.tayyon.com/news/threads_density_conversion.html

    Examples
    --------
    70 den is 77.78 dtex, and a cotton count Ne 30 is 19.68 tex:

    >>> print(f"{convert_linear_density(70, 'denier', 'dtex'):.2f}")
    77.78
    >>> print(f"{convert_linear_density(30, 'Ne', 'tex'):.2f}")
    19.68
    """
    source = _linear_density_unit(from_unit, "source")
    target = _linear_density_unit(to_unit, "target")
    # Through a direct count: an indirect count is the reciprocal of one (as in
    # units.parse_quantity), so no pint context, which would change the shared registry.
    quantity = ureg.Quantity(np.asarray(value, dtype=float), source)
    if source.dimensionality == _INDIRECT:
        with np.errstate(divide="ignore"):
            quantity = 1 / quantity
    if target.dimensionality == _INDIRECT:
        with np.errstate(divide="ignore"):
            magnitude = (1 / quantity).to(target).magnitude
    else:
        magnitude = quantity.to(target).magnitude
    return np.asarray(magnitude, dtype=float)[()]
