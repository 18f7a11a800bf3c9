"""Metric or imperial display of the app's figures (the models stay metric)."""

from __future__ import annotations

SYSTEMS = ("metric", "imperial")
GRAMS_PER_OUNCE = 28.349523125
CUBIC_INCHES_PER_LITRE = 61.0237440947
CM_PER_INCH = 2.54


def length_factor(system: str) -> float:
    """Display units per centimetre: 1 (cm) or 1/2.54 (in)."""
    return 1.0 if system == "metric" else 1.0 / CM_PER_INCH


def length_unit(system: str) -> str:
    return "cm" if system == "metric" else "in"


def mass(grams: float, system: str, digits: int = 1) -> str:
    if system == "metric":
        return f"{grams:.{digits}f} g"
    return f"{grams / GRAMS_PER_OUNCE:.{digits + 1}f} oz"


def volume(litres: float, system: str, digits: int = 2) -> str:
    if system == "metric":
        return f"{litres:.{digits}f} L"
    return f"{litres * CUBIC_INCHES_PER_LITRE:.{max(digits - 1, 0)}f} in³"


def length(cm: float, system: str, digits: int = 0) -> str:
    return f"{cm * length_factor(system):.{digits}f} {length_unit(system)}"
