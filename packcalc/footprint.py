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
    surface_road_share: npt.ArrayLike | None = None,
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
    surface_road_share : float or array_like, optional
        t [-] when the rule does not apply (no road between the places: 0; no sea: 1);
        default :func:`road_share` of ``road_km``.

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
    t = road_share(road_km) if surface_road_share is None else surface_road_share
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


# ------------------------------------------------------------------ processes

PRIMARY_ENERGY_PER_KWH = 3.6 * 1.9  # [MJ/kWh]: the EU's primary energy factor of electricity
BOILER_EFFICIENCY = 0.9  # heat delivered per MJ of fuel, as Carbonfact's steam


def circular_knitting_kwh_per_kg(
    dtex: npt.ArrayLike, a: float, b: float, indirect: float, dtex_range: tuple = (40.0, 450.0)
) -> Any:
    r"""Electricity of circular knitting per kg of fabric, from the yarn's fineness.

    .. math:: E = a + \frac{b}{\mathrm{dtex}} + E_{indirect}

    Parameters
    ----------
    dtex : float or array_like
        Linear density of the yarn [dtex], clipped to ``dtex_range`` (the fit's range).
    a : float
        Machine energy at infinite fineness [kWh/kg].
    b : float
        Fineness coefficient [kWh·dtex/kg].
    indirect : float
        The plant's indirect energy (air handling, compressors, lighting) [kWh/kg].
    dtex_range : tuple of float, optional
        Where the fit holds [dtex].

    Returns
    -------
    float or ndarray
        Electricity [kWh/kg of knitted fabric].

    References
    ----------
    [carbonfact-lca-2026], circular knitting (lci.md §4-5: a = 0.01457, b = 37.119,
    indirect 4.46 kWh/kg).

    Examples
    --------
    Carbonfact's 45 dtex row: 0.839 kWh of machine energy plus 4.46 indirect.

    >>> round(float(circular_knitting_kwh_per_kg(45, 0.01457, 37.119, 4.46)), 3)
    5.299
    """
    d = np.clip(np.asarray(dtex, dtype=float), *dtex_range)
    return a + b / d + indirect


def air_jet_weaving_kwh_per_kg(
    dtex: npt.ArrayLike, c: float, k: float, dtex_range: tuple = (45.0, 370.0)
) -> Any:
    r"""Electricity of air-jet weaving per kg of fabric: :math:`E = c \, \mathrm{dtex}^{k}`.

    Parameters
    ----------
    dtex : float or array_like
        Linear density of the yarn [dtex], clipped to ``dtex_range``.
    c : float
        Coefficient [kWh/kg].
    k : float
        Exponent [-] (about -1: finer yarn, more picks per kg).
    dtex_range : tuple of float, optional
        Where the fit holds [dtex].

    Returns
    -------
    float or ndarray
        Electricity [kWh/kg of woven fabric].

    References
    ----------
    [carbonfact-lca-2026], weaving (air-jet: c = 1653.6, k = -0.996).

    Examples
    --------
    At 120 dtex (Carbonfact's inventory lists 11.9: its tables sit 1-19 % below the
    formula of its methodology, which is used here):

    >>> round(float(air_jet_weaving_kwh_per_kg(120, 1653.6, -0.996)), 1)
    14.0
    """
    d = np.clip(np.asarray(dtex, dtype=float), *dtex_range)
    return c * d**k


def input_mass(output_kg: npt.ArrayLike, loss: npt.ArrayLike) -> Any:
    r"""Mass a step takes to give ``output_kg`` when it loses a share ``loss``:
    :math:`m_{in} = m_{out} / (1 - \ell)`.

    Examples
    --------
    >>> float(input_mass(0.97, 0.03))
    1.0
    """
    return np.asarray(output_kg, dtype=float) / (1.0 - np.asarray(loss, dtype=float))


def process_co2e_kg(
    mass_kg: npt.ArrayLike,
    kwh_per_kg: npt.ArrayLike,
    mj_per_kg: npt.ArrayLike,
    grid_kg_per_kwh: npt.ArrayLike,
    heat_kg_per_mj: npt.ArrayLike,
) -> Any:
    r"""Emissions of a process from its energy and the factors of where it runs.

    .. math:: I = m \, (E_{el} \, f_{grid} + E_{heat} \, f_{heat})

    Parameters
    ----------
    mass_kg : float or array_like
        Output of the process [kg].
    kwh_per_kg, mj_per_kg : float or array_like
        Electricity [kWh/kg] and heat [MJ/kg] per kg of output.
    grid_kg_per_kwh : float or array_like
        Grid factor of the place [kg CO2e/kWh].
    heat_kg_per_mj : float or array_like
        Heat mix factor of the place [kg CO2e/MJ].

    Returns
    -------
    float or ndarray
        [kg CO2e].

    Examples
    --------
    0.1 kg dyed in Taiwan (2.1 kWh and 23.67 MJ per kg; 0.635 kg/kWh, 0.0933 kg/MJ):
    0.1 × (1.3335 + 2.2084) = 0.3542 kg.

    >>> round(float(process_co2e_kg(0.1, 2.1, 23.67, 0.635, 0.0933)), 4)
    0.3542
    """
    m = np.asarray(mass_kg, dtype=float)
    return m * (np.asarray(kwh_per_kg) * grid_kg_per_kwh + np.asarray(mj_per_kg) * heat_kg_per_mj)


def primary_energy_mj(
    kwh: npt.ArrayLike,
    heat_mj: npt.ArrayLike,
    per_kwh: float = PRIMARY_ENERGY_PER_KWH,
    boiler_efficiency: float = BOILER_EFFICIENCY,
) -> Any:
    r"""Primary energy of a process's electricity and heat.

    .. math:: E_p = 3.6 \, \mathrm{PEF} \, E_{el} + E_{heat} / \eta_{boiler}

    with PEF = 1.9, the EU's primary energy factor of electricity [eu-eed-2023], taken
    for every country (no open per-country factor was found), and the boiler efficiency
    0.9 of Carbonfact's steam [carbonfact-lca-2026].

    Examples
    --------
    >>> round(float(primary_energy_mj(1.0, 9.0)), 2)
    16.84
    """
    return np.asarray(kwh, dtype=float) * per_kwh + np.asarray(heat_mj, dtype=float) / (
        boiler_efficiency
    )


def lognormal_band(
    terms: npt.ArrayLike,
    uses: npt.ArrayLike,
    sigmas: npt.ArrayLike,
    samples: int = 4000,
    seed: int | None = 0,
    percentiles: tuple[float, float] = (5.0, 95.0),
) -> tuple[float, float]:
    r"""Band of a sum of products of uncertain factors (Monte Carlo).

    Each term of the total is a product of factors; factor j is drawn log-normal with
    median 1 and spread :math:`\sigma_j`, and a term takes every factor it uses:

    .. math:: T = \sum_i t_i \prod_{j \in J_i} e^{\sigma_j z_j}, \quad z_j \sim N(0, 1)

    Parameters
    ----------
    terms : array_like, shape (n,)
        The terms at their central factors [any unit].
    uses : array_like of bool, shape (n, k)
        ``uses[i, j]``: term i depends on factor j.
    sigmas : array_like, shape (k,)
        Log-normal spread of each factor [-].
    samples : int, optional
        Draws.
    seed : int or None, optional
        Random seed (the same design gives the same band).
    percentiles : tuple of float, optional
        The band's ends [%].

    Returns
    -------
    tuple of float
        The percentiles of the total.

    Examples
    --------
    One term, one factor of spread 0: the band is the term.

    >>> lognormal_band([2.0], [[True]], [0.0])
    (2.0, 2.0)
    """
    t = np.asarray(terms, dtype=float)
    u = np.asarray(uses, dtype=float).reshape(len(t), -1)
    s = np.asarray(sigmas, dtype=float)
    z = np.random.default_rng(seed).standard_normal((samples, len(s)))
    totals = np.exp((z * s) @ u.T) @ t
    low, high = np.percentile(totals, percentiles)
    return float(low), float(high)


def elasticities(terms: npt.ArrayLike, uses: npt.ArrayLike) -> Any:
    r"""How much the total moves per relative change of each factor.

    For a sum of products, :math:`\partial \ln T / \partial \ln f_j = \sum_{i: j \in J_i}
    t_i / T`: the share of the total that depends on factor j.

    Examples
    --------
    >>> elasticities([3.0, 1.0], [[True, False], [True, True]]).tolist()
    [1.0, 0.25]
    """
    t = np.asarray(terms, dtype=float)
    u = np.asarray(uses, dtype=float).reshape(len(t), -1)
    total = t.sum()
    return (t @ u) / total if total else np.zeros(u.shape[1])
