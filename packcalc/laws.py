"""Each library fabric's compression law: the link between the materials library and the
packing model (:mod:`packcalc.packing`, which takes numbers only).

A fabric with two thickness points gets its own law; one point scales its class's law;
none takes its class's defaults (``materials/packing.toml``). :func:`calibrate`
recomputes those defaults from the published anchors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from packcalc.errors import PackcalcError
from packcalc.packing import (
    EXPONENT,
    FloatOrArray,
    compressed_fraction,
    law_from_one_point,
    law_from_points,
    packed_volume_l,
)
from packcalc.textile import fibre_volume_fraction


@dataclass(frozen=True)
class FabricLaw:
    """The compression of one fabric: φ0 [-], A [kPa], fold factor [-], density [g/cm³]."""

    phi0: float
    modulus_kpa: float
    fold_factor: float
    density_g_cm3: float

    def phi(self, pressure_kpa: npt.ArrayLike) -> FloatOrArray:
        """φ(p) of the fabric itself (before the fold factor)."""
        return compressed_fraction(pressure_kpa, self.phi0, self.modulus_kpa)


def fabric_law(fabric: Any, classes: Mapping[str, Any]) -> FabricLaw:
    """The compression law of a library fabric: from its thickness, else class defaults.

    Parameters
    ----------
    fabric : packcalc.library.Fabric
        The fabric record (areal density, thickness points, construction, density).
    classes : mapping of str to packcalc.library.CompressionClass
        The class defaults, by construction.

    Returns
    -------
    FabricLaw
    """
    cls = classes[fabric.construction]
    rho = fabric.fibre_density_g_cm3
    class_phi0, class_modulus = class_law(cls)
    phis = [
        float(fibre_volume_fraction(fabric.areal_density_gsm, t.thickness_mm, rho))
        for t in fabric.thickness
    ]
    pressures = [t.pressure_kpa for t in fabric.thickness]
    if len(phis) >= 2:
        phi0, modulus = law_from_points(phis[:2], pressures[:2])
    elif phis:
        phi0, modulus = law_from_one_point(phis[0], pressures[0], class_phi0, class_modulus)
    else:
        phi0, modulus = class_phi0, class_modulus
    return FabricLaw(phi0, modulus, cls.fold_factor, rho)


def class_law(cls: Any) -> tuple[float, float]:
    """φ0 [-] and A [kPa] of a construction class: its gauge φ under its modulus.

    Parameters
    ----------
    cls : packcalc.library.CompressionClass
        The class defaults (gauge φ at gauge pressure, modulus A).

    Returns
    -------
    (float, float)
        φ0 [-] and A [kPa].
    """
    phi0_n = cls.gauge_phi**EXPONENT - cls.gauge_pressure_kpa / cls.modulus_kpa
    if phi0_n <= 0:
        raise PackcalcError(
            f"packing.toml: classes.{cls.id}.modulus",
            f"{cls.modulus_kpa:g} kPa is too soft for φ {cls.gauge_phi:g} at "
            f"{cls.gauge_pressure_kpa:g} kPa: expected more than "
            f"{cls.gauge_pressure_kpa / cls.gauge_phi**EXPONENT:.0f} kPa",
        )
    return float(phi0_n ** (1 / EXPONENT)), float(cls.modulus_kpa)


def garment_packed_volume_l(
    fabric_id: str, mass_g: npt.ArrayLike, pressure_kpa: npt.ArrayLike, library: Any = None
) -> FloatOrArray:
    """Packed volume of a garment made of one library fabric.

    .. math:: V(p) = \\frac{m}{\\rho \\, f \\, \\varphi(p)}

    Parameters
    ----------
    fabric_id : str
        A fabric of the materials library (``"tee-jersey-cotton"``).
    mass_g : float or array_like
        Garment mass [g].
    pressure_kpa : float or array_like
        Squeeze pressure [kPa] (see :data:`NAMED_PRESSURES`).
    library : packcalc.library.Library, optional
        Default: the packaged library.

    Returns
    -------
    float or ndarray
        Packed volume [L].

    References
    ----------
    Derived here; anchors in ``materials/packing.toml``.

    Examples
    --------
    >>> round(float(garment_packed_volume_l("tee-jersey-cotton", 137.0, 2.0)), 2)
    0.38
    """
    from packcalc.library import load_library  # the packaged library, on demand

    library = library or load_library()
    law = fabric_law(library.fabric(fabric_id, "fabric_id"), library.compression)
    return packed_volume_l(mass_g, law.density_g_cm3, law.phi(pressure_kpa), law.fold_factor)


def calibrate(library: Any) -> dict[str, dict[str, float]]:
    """Recompute the class defaults of ``materials/packing.toml`` from its anchors.

    - gauge φ of textiles: the median φ of the library's knits that state a thickness;
    - modulus A: the vacuum anchor (a woven stack at ~100 kPa) from that gauge φ;
    - fold factor of textiles: the self-stuffed wind-jacket anchor at its pressure;
    - fold factor of laminates: the folded film (survival blanket) anchor, φ_film = 1.

    Parameters
    ----------
    library : packcalc.library.Library
        The library with its anchors and fabrics.

    Returns
    -------
    dict
        ``{"gauge_phi": …, "modulus_kpa": …, "fold_textile": …, "fold_film": …}``.
    """
    anchors = library.packing_anchors
    knits = [
        float(fibre_volume_fraction(f.areal_density_gsm, t.thickness_mm, f.fibre_density_g_cm3))
        for f in library.fabrics.values()
        if f.construction == "knit"
        for t in f.thickness
    ]
    gauge_phi = float(np.median(knits))
    gauge_p = library.compression["knit"].gauge_pressure_kpa
    vacuum = anchors["vacuum-woven-stack"]
    phi0, modulus = law_from_points([gauge_phi, vacuum.phi], [gauge_p, vacuum.pressure_kpa])
    jacket = anchors["wind-jacket-self-stuffed"]
    fold_textile = jacket.phi / float(compressed_fraction(jacket.pressure_kpa, phi0, modulus))
    film = anchors["survival-blanket-folded"]
    return {
        "gauge_phi": gauge_phi,
        "modulus_kpa": modulus,
        "fold_textile": fold_textile,
        "fold_film": film.phi,  # a film is solid (φ = 1): the whole gap is folding
    }
