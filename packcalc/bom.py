r"""Bill of materials as a model: fabric consumed with cutting waste, trims in their units.

Cut fabric is consumed at the net area of its pieces divided by the marker efficiency
(the share of a marker's area that ends in pieces); knit-to-shape pieces are knitted to
their outline and waste nothing:

.. math::

    A_{consumed} = \sum_{cut} \frac{A_{net}}{\eta} + \sum_{knitted} A_{net}

Trims come in pieces, lengths or areas; thread in metres (its mass over its tex).

Marker efficiency: "the industry gold standard for standard wovens is 80–85 %"
(garmentprocess.com, "Marker efficiency in production" [garmentprocess-marker],
https://garmentprocess.com/en/insights/fabric-yield-marker-making). A vest's small,
shaped stretch pieces sit at the low end: 0.80 by default, a parameter.

The rows of a design's bill (names, notes, CSV) are built from these functions by
:func:`packcalc.supply.bill_of_materials`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

MARKER_EFFICIENCY = 0.80


def check_marker_efficiency(marker_efficiency: float) -> None:
    """Raise ``ValueError`` unless 0 < η ≤ 1."""
    if not 0 < marker_efficiency <= 1:
        raise ValueError(f"marker_efficiency: expected 0 to 1, got {marker_efficiency!r}")


def consumed_area_m2(
    net_area_m2: npt.ArrayLike,
    knit_to_shape: npt.ArrayLike = False,
    marker_efficiency: float = MARKER_EFFICIENCY,
) -> Any:
    r"""Fabric consumed to cut pieces of a net area.

    .. math:: A_{consumed} = A_{net} / \eta \ \text{(cut)}, \quad A_{net} \ \text{(knitted)}

    Parameters
    ----------
    net_area_m2 : float or array_like
        Area of the pieces, allowances and layers included [m²].
    knit_to_shape : bool or array_like, optional
        Knitted to its outline (no cutting waste).
    marker_efficiency : float, optional
        η, share of the marker that ends in pieces [-], 0 < η ≤ 1.

    Returns
    -------
    float or ndarray
        Consumed area [m²].

    Examples
    --------
    >>> float(consumed_area_m2(0.4, False, 0.8))
    0.5
    >>> float(consumed_area_m2(0.4, True, 0.8))
    0.4
    """
    check_marker_efficiency(marker_efficiency)
    net = np.asarray(net_area_m2, dtype=float)
    return np.where(np.asarray(knit_to_shape, dtype=bool), net, net / marker_efficiency)


def trim_quantity(
    mass_g: float,
    *,
    piece_mass_g: float | None = None,
    linear_mass_g_m: float | None = None,
    linear_density_tex: float | None = None,
    areal_mass_gsm: float | None = None,
) -> tuple[float, str]:
    """A trim's quantity in the unit it is bought in, from the mass it puts in the vest.

    Parameters
    ----------
    mass_g : float
        The trim's mass in the vest [g].
    piece_mass_g : float, optional
        Mass of one piece [g] (sliders, cord locks, buckles).
    linear_mass_g_m : float, optional
        Mass per metre [g/m] (binding, cord, zip chain).
    linear_density_tex : float, optional
        Linear density of a thread [tex = g/km].
    areal_mass_gsm : float, optional
        Mass per area [g/m²] (prints, tapes sold by area).

    Returns
    -------
    tuple of (float, str)
        The quantity and its unit: ``"pieces"``, ``"m"`` or ``"m2"``. Exactly one of
        the keyword arguments is used, in the order given.

    Examples
    --------
    2.5 g of a 25 tex thread is 100 m:

    >>> trim_quantity(2.5, linear_density_tex=25.0)
    (100.0, 'm')
    """
    if linear_density_tex is not None:
        return mass_g / linear_density_tex * 1000.0, "m"
    if piece_mass_g is not None:
        return mass_g / piece_mass_g, "pieces"
    if linear_mass_g_m is not None:
        return mass_g / linear_mass_g_m, "m"
    if areal_mass_gsm is not None:
        return mass_g / areal_mass_gsm, "m2"
    raise ValueError("trim_quantity: give a piece, linear or areal mass")
