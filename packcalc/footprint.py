r"""Made where, at what footprint and cost: transport, making energy, cost, lead time.

Transport follows the method of Ecobalyse, the French government's textile
environmental-cost calculator (its transport documentation; our own code):

.. math::

    I = a \, I_{air} + (1 - a) \left( t \, I_{road} + (1 - t) \, I_{sea} \right),
    \qquad I_m = \frac{m}{1000} \, D_m \, EF_m

with m the mass carried [kg], D_m the distance by mode [km], EF_m the emission factor
[kg CO2e/t·km], a the air share (only on the last leg, making → warehouse) and t the
road share of road + sea, set by the road distance: 100 % up to 500 km, 90 % to 1000 km,
50 % to 2000 km, 25 % to 3000 km, 0 beyond. Two places in one country are joined by
500 km of road, unless the design gives the finer legs (Drôme → Lyon) that Ecobalyse's
country-level rule cannot express.

Making: minutes of sewing from the seams, binding and operations, their electricity ×
the grid factor of the making country. These are the models, on floats and arrays; the
factors are read from ``materials/footprint.toml`` (with their sources and licences) by
:mod:`packcalc.footprint_data`, and a design's scenarios are put together by
:mod:`packcalc.supply`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

ROAD_SHARE = ((500.0, 1.0), (1000.0, 0.9), (2000.0, 0.5), (3000.0, 0.25))
SAME_COUNTRY_ROAD_KM = 500.0


def road_share(road_km: npt.ArrayLike) -> Any:
    """Share of road in a road + sea leg, from its road distance (Ecobalyse's rule).

    Parameters
    ----------
    road_km : float or array_like
        Road distance of the leg [km].

    Returns
    -------
    float or ndarray
        t [-]: 1 up to 500 km, 0.9 to 1000, 0.5 to 2000, 0.25 to 3000, 0 beyond.

    References
    ----------
    Ecobalyse, "Transport" (textile methodology), https://fabrique-numerique.gitbook.io/ecobalyse/textile/transport

    Examples
    --------
    >>> [float(road_share(d)) for d in (400, 800, 1500, 2500, 31498)]
    [1.0, 0.9, 0.5, 0.25, 0.0]
    """
    d = np.asarray(road_km, dtype=float)
    share = np.zeros_like(d)
    for limit, value in reversed(ROAD_SHARE):
        share = np.where(d <= limit, value, share)
    return share


def leg_co2e_kg(
    mass_kg: npt.ArrayLike,
    road_km: npt.ArrayLike,
    sea_km: npt.ArrayLike,
    air_km: npt.ArrayLike,
    road_ef: float,
    sea_ef: float,
    air_ef: float,
    air_share: npt.ArrayLike = 0.0,
) -> Any:
    r"""Emissions of one transport leg (Ecobalyse's mix of modes).

    .. math::

        I = a I_{air} + (1 - a)(t I_{road} + (1 - t) I_{sea}), \quad
        I_m = \frac{m}{1000} D_m EF_m

    Parameters
    ----------
    mass_kg : float or array_like
        Mass carried [kg].
    road_km, sea_km, air_km : float or array_like
        Distances by mode [km].
    road_ef, sea_ef, air_ef : float
        Emission factors [kg CO2e/(t·km)].
    air_share : float or array_like, optional
        Share flown a [-] (default 0).

    Returns
    -------
    float or ndarray
        Emissions [kg CO2e].

    References
    ----------
    Ecobalyse, textile transport methodology (MTES-MCT/ecobalyse).

    Examples
    --------
    1 t over a 400 km road-only leg at 0.1 kg/t·km:

    >>> float(leg_co2e_kg(1000.0, 400.0, 0.0, 0.0, 0.1, 0.01, 1.0))
    40.0
    """
    tonnes = np.asarray(mass_kg, dtype=float) / 1000.0
    t = road_share(road_km)
    surface = (
        t * tonnes * np.asarray(road_km) * road_ef + (1 - t) * tonnes * np.asarray(sea_km) * sea_ef
    )
    flown = tonnes * np.asarray(air_km) * air_ef
    a = np.asarray(air_share, dtype=float)
    return a * flown + (1 - a) * surface


def making_minutes(
    seam_length_m: npt.ArrayLike,
    bound_length_m: npt.ArrayLike,
    pockets: int,
    pieces: int,
    *,
    sewing_speed_m_per_min: float,
    efficiency: float,
    minutes_per_pocket: float,
    minutes_per_trim: float,
    minutes_handling: float,
) -> Any:
    r"""Minutes to make a vest.

    .. math::

        t = \frac{L_{seam} + L_{bound}}{v \, \eta} + n_{pocket} t_{pocket}
            + n_{piece} t_{trim} + t_{handling}

    Parameters
    ----------
    seam_length_m, bound_length_m : float or array_like
        Length sewn as seams and as bound edges [m].
    pockets : int
        Number of pockets (each set in: ``minutes_per_pocket``).
    pieces : int
        Trim pieces and pocket closures to attach.
    sewing_speed_m_per_min : float
        Stitching speed of the machine [m/min].
    efficiency : float
        Share of the time the machine sews (the operator's efficiency) [-].
    minutes_per_pocket, minutes_per_trim, minutes_handling : float
        Operation times [min].

    Returns
    -------
    float or ndarray
        Minutes [min].

    Examples
    --------
    10 m of seams and 2 m of binding at 2 m/min and 50 %, 3 pockets at 4 min, 5 pieces
    at 1 min, 10 min of handling: 12 + 12 + 5 + 10:

    >>> float(making_minutes(10, 2, 3, 5, sewing_speed_m_per_min=2, efficiency=0.5,
    ...                      minutes_per_pocket=4, minutes_per_trim=1, minutes_handling=10))
    39.0
    """
    speed = sewing_speed_m_per_min * efficiency
    length = np.asarray(seam_length_m, dtype=float) + np.asarray(bound_length_m, dtype=float)
    sewn = length / speed
    return sewn + pockets * minutes_per_pocket + pieces * minutes_per_trim + minutes_handling
