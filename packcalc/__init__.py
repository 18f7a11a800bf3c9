"""packcalc: weight, packed volume and load fit of ultralight trail-running vests.

Importing the package is light: the unit registry, the materials library and the
models load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from packcalc.errors import PackcalcError

__version__ = "0.1.0"

# Public names → the module that defines them, imported on first access.
_LAZY = {
    "ureg": "packcalc.units",
    "Q_": "packcalc.units",
    "parse_quantity": "packcalc.units",
    "load_library": "packcalc.library",
    "load_design": "packcalc.design",
    "load_preset": "packcalc.design",
    "save_design": "packcalc.design",
    "preset_names": "packcalc.design",
    "Design": "packcalc.design",
    "estimate": "packcalc.estimator",
    "Estimate": "packcalc.estimator",
}

__all__ = ["PackcalcError", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'packcalc' has no attribute {name!r}")
