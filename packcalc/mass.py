"""Weight of a vest: fabric, seam allowances, binding, thread, seam tape, trims.

Pure functions on floats and numpy arrays (one code path for one design and for many
variants). Inputs are in SI-friendly canonical units named in each parameter; masses come
out in grams.

The total, after [1]_:

.. math::

    M = \\sum_p A_p n_p g_p
        + \\sum_s L_s a_s (n_1 g_1 + n_2 g_2)
        + \\sum_b L_b \\mu_b
        + \\sum_s L_s r_s \\frac{T_s}{1000} (1 + w)
        + \\sum_t q_t m_t

panel areas A [m²] × layers n × areal density g [g/m²]; seam allowances (seam length L,
allowance a on each side); binding (length × linear mass μ [g/m]); thread (seam length ×
thread ratio r of the ISO 4915 stitch type × thread size T [tex] × (1 + wastage w));
trims (quantity × unit mass).

References
----------
.. [1] Thread consumption after Coats [coats-stitch-guide], "Standard stitch type
   classification guide"; Apparel Science, "Measuring actual thread consumption"
   [apparelscience-thread-consumption]; stitch types per ISO 4915:1991 [iso-4915-1991].
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from packcalc.textile import max_water_uptake_gsm

FloatOrArray = float | np.ndarray


def panel_mass(area_m2: npt.ArrayLike, layers: npt.ArrayLike, areal_density_gsm: npt.ArrayLike):
    """Mass of a flat fabric panel.

    .. math:: m = A \\, n \\, g

    Parameters
    ----------
    area_m2 : float or array_like
        Panel area [m²].
    layers : float or array_like
        Number of fabric layers [-].
    areal_density_gsm : float or array_like
        Finished areal density of the fabric [g/m²].

    Returns
    -------
    float or ndarray
        Mass [g].

    References
    ----------
    Derived here: areal density of the fabric times area.

    Examples
    --------
    >>> round(float(panel_mass(0.30 * 0.40, 1, 45.0)), 6)
    5.4
    """
    return np.asarray(area_m2) * np.asarray(layers) * np.asarray(areal_density_gsm)


def seam_allowance_mass(
    seam_length_m: npt.ArrayLike,
    allowance_m: npt.ArrayLike,
    layers: npt.ArrayLike,
    areal_density_gsm: npt.ArrayLike,
):
    """Mass of the seam allowance one panel adds along a seam.

    .. math:: \\Delta m = L \\, a \\, n \\, g

    A plain seam takes an allowance ``a`` from each of the two panels it joins: call
    this once per side. Pattern areas here are net (without allowance), so the allowance
    is added once and only once.

    Parameters
    ----------
    seam_length_m : float or array_like
        Seam length [m].
    allowance_m : float or array_like
        Allowance on this panel's side [m]; 0 for knit-to-shape panels.
    layers : float or array_like
        Fabric layers of the panel [-].
    areal_density_gsm : float or array_like
        Areal density of the panel's fabric [g/m²].

    Returns
    -------
    float or ndarray
        Mass [g].

    Notes
    -----
    Typical allowances: 6 mm on curves and outside edges, 10 mm for 3- and 4-thread
    overlock, 12 mm factory average ([fashion-incubator-seams], [fearless-makers-seams]).

    References
    ----------
    Fashion-Incubator, "The rules on seam allowances" [fashion-incubator-seams],
    https://fashion-incubator.com/the-rules-on-seam-allowances

    Examples
    --------
    >>> round(float(seam_allowance_mass(0.10, 0.006, 1, 190.0)), 4)
    0.114
    """
    return (
        np.asarray(seam_length_m)
        * np.asarray(allowance_m)
        * np.asarray(layers)
        * np.asarray(areal_density_gsm)
    )


def thread_mass(
    seam_length_m: npt.ArrayLike,
    thread_ratio: npt.ArrayLike,
    thread_tex: npt.ArrayLike,
    wastage: npt.ArrayLike = 0.125,
):
    """Mass of sewing thread in a seam.

    .. math:: m = L \\, r \\, \\frac{T}{1000} \\, (1 + w)

    Parameters
    ----------
    seam_length_m : float or array_like
        Seam length [m].
    thread_ratio : float or array_like
        Thread length per seam length of the stitch type [-] (301 lockstitch 2.5,
        504 three-thread overlock 14, 406 coverstitch ≈ 18; ``materials/stitches.toml``).
    thread_tex : float or array_like
        Thread linear density [tex] (g per 1000 m).
    wastage : float or array_like, optional
        Fraction added in production [-]; 10–15 % (default 0.125).

    Returns
    -------
    float or ndarray
        Mass [g].

    References
    ----------
    Coats [coats-stitch-guide]; Apparel Science [apparelscience-thread-consumption], "Measuring
    actual thread consumption",
    http://www.apparelscience.com/measuring-actual-thread-consumption/

    Examples
    --------
    One metre of lockstitch (ratio 2.5) in tex 30 thread, 12.5 % wastage:

    >>> round(float(thread_mass(1.0, 2.5, 30.0, 0.125)), 4)
    0.0844
    """
    return (
        np.asarray(seam_length_m)
        * np.asarray(thread_ratio)
        * np.asarray(thread_tex)
        / 1000.0
        * (1.0 + np.asarray(wastage))
    )


def linear_trim_mass(length_m: npt.ArrayLike, linear_mass_g_m: npt.ArrayLike):
    """Mass of a trim sold by length (binding, zipper chain, cord, seam tape).

    .. math:: m = L \\, \\mu

    Parameters
    ----------
    length_m : float or array_like
        Length used [m].
    linear_mass_g_m : float or array_like
        Mass per metre [g/m].

    Returns
    -------
    float or ndarray
        Mass [g].

    References
    ----------
    Derived here (binding: strip width × areal density).

    Examples
    --------
    >>> float(linear_trim_mass(2.0, 3.75))
    7.5
    """
    return np.asarray(length_m) * np.asarray(linear_mass_g_m)


def pocket_fabric_area_m2(
    width_m: npt.ArrayLike, height_m: npt.ArrayLike, gusset_m: npt.ArrayLike
) -> FloatOrArray:
    """Flat fabric area of a pocket with a gusset.

    .. math:: A = (w + 2 g)(h + g)

    The gusset adds depth along both sides and the bottom of a patch pocket of flat width
    ``w`` and height ``h`` (an open top is bound, not gusseted).

    Parameters
    ----------
    width_m : float or array_like
        Flat pocket width [m].
    height_m : float or array_like
        Flat pocket height [m].
    gusset_m : float or array_like
        Gusset depth [m]; 0 for a flat patch pocket.

    Returns
    -------
    float or ndarray
        Area [m²].

    References
    ----------
    Derived here (patch-pocket geometry, see :mod:`packcalc.capacity`).

    Examples
    --------
    >>> round(float(pocket_fabric_area_m2(0.10, 0.15, 0.02)), 6)
    0.0238
    """
    w, h, g = np.asarray(width_m), np.asarray(height_m), np.asarray(gusset_m)
    return (w + 2.0 * g) * (h + g)


def dry_mass(conditioned_mass_g: npt.ArrayLike, regain: npt.ArrayLike) -> FloatOrArray:
    """Oven-dry mass of a part weighed in the standard atmosphere (65 % RH, 20 °C).

    .. math:: m_{dry} = m_{cond} / (1 + R)

    Parameters
    ----------
    conditioned_mass_g : float or array_like
        Mass at standard conditions [g] (fabric specs are given there).
    regain : float or array_like
        Moisture regain at 65 % RH [-] (nylon ≈ 0.041, PET ≈ 0.004).

    Returns
    -------
    float or ndarray
        Dry mass [g].

    References
    ----------
    Morton & Hearle [morton-hearle-2008], *Physical Properties of Textile Fibres*
    (4th ed., 2008), ch. 5.

    Examples
    --------
    >>> round(float(dry_mass(104.1, 0.041)), 3)
    100.0
    """
    return np.asarray(conditioned_mass_g) / (1.0 + np.asarray(regain))


def sweat_water_mass(
    area_m2: npt.ArrayLike,
    layers: npt.ArrayLike,
    thickness_mm: npt.ArrayLike,
    fibre_volume_fraction: npt.ArrayLike,
    saturation: npt.ArrayLike,
) -> FloatOrArray:
    """Water held by a sweat-soaked panel: a fraction of its pores filled.

    .. math:: m_w = A \\, n \\, s \\cdot 1000 \\, t \\, (1 - \\varphi)

    The upper bound (every pore filled, s = 1) follows from porosity; the water pick-up
    of fabrics correlates with their thickness [1]_. The saturation ``s`` reached by sweat
    in use has no published value (none found): it is a parameter.

    Parameters
    ----------
    area_m2 : float or array_like
        Panel area [m²].
    layers : float or array_like
        Fabric layers [-].
    thickness_mm : float or array_like
        Fabric thickness [mm].
    fibre_volume_fraction : float or array_like
        Solid fraction of the fabric φ [-].
    saturation : float or array_like
        Fraction of the pore volume filled with water [-], 0–1 (an assumption).

    Returns
    -------
    float or ndarray
        Water mass [g].

    References
    ----------
    .. [1] [crow-osczevski-1998]: "The interaction of water with fabrics", Textile Res. J.
       68(4):280–288 (1998), doi:10.1177/004051759806800406.

    Examples
    --------
    Fully wetting 0.25 m² of a 0.6 mm knit at φ = 0.27 (derived: ≤ 110 g):

    >>> round(float(sweat_water_mass(0.25, 1, 0.60, 0.27, 1.0)), 1)
    109.5
    """
    uptake_gsm = max_water_uptake_gsm(thickness_mm, fibre_volume_fraction)
    return np.asarray(area_m2) * np.asarray(layers) * np.asarray(saturation) * uptake_gsm


def tolerance_samples(
    nominal_g: npt.ArrayLike,
    fabric_index: npt.ArrayLike,
    dimension_power: npt.ArrayLike,
    trim_index: npt.ArrayLike,
    areal_density_tolerance: float,
    dimension_tolerance: float,
    trim_tolerance: float,
    samples: int = 100_000,
    seed: int | None = 0,
) -> np.ndarray:
    """Monte-Carlo totals of a vest whose parts vary within manufacturing tolerances.

    Each part's nominal mass is multiplied by the factor of its fabric (one draw per
    fabric per vest: a roll is lighter or heavier as a whole), by the dimension factor
    to the power of the part's dimension (2 for areas, 1 for lengths, 0 for pieces) and
    by the factor of its trim (one draw per trim):

    .. math:: M_k = \\sum_i m_i \\, F_{k, f(i)} \\, D_k^{d_i} \\, T_{k, t(i)}

    with F, D, T normal around 1 with standard deviation half the stated tolerance, so
    that ± the tolerance covers about 95 % of production.

    Parameters
    ----------
    nominal_g : array_like
        Nominal mass of each part [g], shape (n,).
    fabric_index : array_like of int
        Fabric of each part (index into the fabrics), −1 for none, shape (n,).
    dimension_power : array_like of int
        Power of the dimension factor for each part [-] (0, 1 or 2), shape (n,).
    trim_index : array_like of int
        Trim of each part (index), −1 for none, shape (n,).
    areal_density_tolerance : float
        ± relative tolerance of fabric areal density [-] (e.g. 0.05).
    dimension_tolerance : float
        ± relative tolerance of cut and sewn dimensions [-] (e.g. 0.02).
    trim_tolerance : float
        ± relative tolerance of trim masses [-] (e.g. 0.05).
    samples : int, optional
        Number of simulated vests (default 100 000).
    seed : int or None, optional
        Seed of the random generator, for reproducible bands (default 0).

    Returns
    -------
    ndarray
        Total mass of each simulated vest [g], shape (samples,).

    References
    ----------
    The ± 5 % areal-density tolerance is the usual commercial limit of fabric specs;
    see ``Tolerances`` in ``packcalc.design`` for the defaults and their status.

    Examples
    --------
    >>> totals = tolerance_samples([100.0], [0], [0], [-1], 0.05, 0.0, 0.0, 10_000)
    >>> bool(abs(totals.std() / 100.0 - 0.025) < 0.002)
    True
    """
    nominal = np.asarray(nominal_g, dtype=float)
    # Parts that share fabric, trim and dimension power vary together: sum them first.
    keys = np.stack(
        [
            np.asarray(fabric_index, dtype=int),
            np.asarray(trim_index, dtype=int),
            np.asarray(dimension_power, dtype=int),
        ],
        axis=1,
    )
    groups, group_of_part = np.unique(keys, axis=0, return_inverse=True)
    nominal = np.bincount(group_of_part.ravel(), weights=nominal, minlength=len(groups))
    fabric_index, trim_index, power = groups[:, 0], groups[:, 1], groups[:, 2].astype(float)
    rng = np.random.default_rng(seed)
    n_fabrics = int(fabric_index.max(initial=-1)) + 1
    n_trims = int(trim_index.max(initial=-1)) + 1
    # One extra column of ones serves the parts with index −1 (no fabric / no trim).
    fabric_factor = np.ones((samples, n_fabrics + 1))
    fabric_factor[:, :n_fabrics] = rng.normal(
        1.0, areal_density_tolerance / 2, (samples, n_fabrics)
    )
    trim_factor = np.ones((samples, n_trims + 1))
    trim_factor[:, :n_trims] = rng.normal(1.0, trim_tolerance / 2, (samples, n_trims))
    dimension = rng.normal(1.0, dimension_tolerance / 2, (samples, 1))
    factors = fabric_factor[:, fabric_index] * trim_factor[:, trim_index] * dimension**power
    return factors @ nominal


def with_model_error(samples_g: npt.ArrayLike, log_sd: float, seed: int | None = 0) -> np.ndarray:
    """Monte-Carlo totals widened by the model's own error.

    Each simulated vest is multiplied by an independent log-normal factor
    :math:`e^{\\sigma z}`, :math:`z \\sim N(0, 1)`, with σ the standard deviation of the
    logarithm of estimate over real weight on real vests (leave-one-out,
    ``packcalc.accuracy``): a weight model errs by factors (a fabric a third heavier
    than listed adds a third to its part), so its error is multiplicative. The band then
    covers both what production varies and what the model does not know.

    Parameters
    ----------
    samples_g : array_like
        Totals from :func:`tolerance_samples` [g].
    log_sd : float
        σ [-] (0 leaves the samples as they are).
    seed : int or None, optional
        Seed of the random generator (default 0).

    Returns
    -------
    ndarray
        The widened totals [g]; their median is that of ``samples_g``.

    See Also
    --------
    packcalc.accuracy.fit_calibration : where σ comes from (``model_error``).

    Examples
    --------
    >>> widened = with_model_error(np.full(20_000, 100.0), 0.1)
    >>> bool(abs(np.std(np.log(widened)) - 0.1) < 0.003)
    True
    """
    samples = np.asarray(samples_g, dtype=float)
    if log_sd == 0:
        return samples
    rng = np.random.default_rng(None if seed is None else seed + 1)
    return samples * np.exp(log_sd * rng.standard_normal(samples.shape))
