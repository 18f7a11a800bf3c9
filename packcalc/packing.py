"""Packed volume: fabric compression, the packed-volume curve and the solid floor.

The model (derived here; law after [van-wyk-1946]):

.. math::

    \\varphi(p) = \\left(\\varphi_0^{\\,n} + p / A\\right)^{1/n}, \\qquad
    V(p) = \\sum_i \\frac{m_i}{\\rho_i \\, f_i \\, \\varphi_i(p)} + V_{rigid}

- φ(p) is the fibre volume fraction of a fabric under pressure p, a van Wyk-type law
  with n = 3 [1]_; φ0 and A come from the fabric's thickness at one or two stated
  pressures (φ = areal density / (1000 ρ t)), or from the defaults of its construction
  class (``materials/packing.toml``);
- f is the folding/void factor of the class: a folded or stuffed garment holds voids
  between layers and at the folds that a flat stack does not, and stiff films fold
  worst;
- ρ is the fibre (or film) density of each part, m its mass; rigid parts (sliders,
  cord locks, hooks) add their own volume and do not compress.

The floor Σ m/ρ + V_rigid (φ = 1, f = 1) is the volume of the solid polymer: no packing
can beat it.

The class defaults are set by published anchors, each named in ``materials/packing.toml``
with its role (calibration or validation); ``packcalc.laws.calibrate`` recomputes them,
and ``packcalc.laws`` gives each library fabric its law (this module takes numbers only).

References
----------
.. [1] van Wyk, C. M. (1946), "Note on the compressibility of wool" [van-wyk-1946];
   as discussed in [trj-2021-van-wyk-letter], doi:10.1177/00405175211017402.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from packcalc.errors import PackcalcError

EXPONENT = 3.0  # van Wyk's inverse-cube law; no fabric here has ≥ 3 points to fit n

FloatOrArray = float | np.ndarray


# --------------------------------------------------------------------------- the law


def compressed_fraction(
    pressure_kpa: npt.ArrayLike,
    phi0: npt.ArrayLike,
    modulus_kpa: npt.ArrayLike,
    exponent: float = EXPONENT,
) -> FloatOrArray:
    """Fibre volume fraction of a fabric under pressure (van Wyk-type law).

    .. math:: \\varphi(p) = \\min\\left(1, (\\varphi_0^{\\,n} + p/A)^{1/n}\\right)

    Parameters
    ----------
    pressure_kpa : float or array_like
        Pressure on the fabric [kPa], ≥ 0.
    phi0 : float or array_like
        Fibre volume fraction at zero pressure [-], in (0, 1].
    modulus_kpa : float or array_like
        Compression modulus A [kPa] (van Wyk's K·E).
    exponent : float, optional
        n [-], 3 for van Wyk's law.

    Returns
    -------
    float or ndarray
        φ [-] in (0, 1].

    Notes
    -----
    The law holds at high compression where packing is uniform, not at the lowest
    pressures; the exponent 3 has been questioned [1]_. Valid here from a few Pa to
    ~100 kPa (vacuum).

    References
    ----------
    .. [1] Textile Research Journal (2021), doi:10.1177/00405175211017402 [trj-2021-van-wyk-letter].

    Examples
    --------
    >>> round(float(compressed_fraction(100.0, 0.2224, 629.0)), 3)
    0.554
    """
    p = np.asarray(pressure_kpa, dtype=float)
    phi = (np.asarray(phi0, dtype=float) ** exponent + p / np.asarray(modulus_kpa)) ** (
        1.0 / exponent
    )
    return np.minimum(phi, 1.0)


def law_from_points(phi: Iterable[float], pressure_kpa: Iterable[float]) -> tuple[float, float]:
    r"""φ0 and A of the law from two (pressure, φ) points.

    .. math::

        A = \frac{p_2 - p_1}{\varphi_2^3 - \varphi_1^3}, \qquad
        \varphi_0^3 = \varphi_1^3 - p_1 / A

    Parameters
    ----------
    phi : iterable of float
        Fibre volume fractions at the two pressures [-].
    pressure_kpa : iterable of float
        The two pressures [kPa].

    Returns
    -------
    (float, float)
        φ0 [-] and A [kPa].

    Raises
    ------
    PackcalcError
        When the points do not describe a fabric that compresses (φ not increasing with
        pressure) or φ0 would not be positive.

    References
    ----------
    Law after [van-wyk-1946], fitted on two points (derived here).

    Examples
    --------
    >>> phi0, a = law_from_points([0.26, 0.554], [4.14, 100.0])
    >>> round(phi0, 3), round(a)
    (0.222, 629)
    """
    points = sorted(zip(pressure_kpa, phi, strict=True))
    if len(points) != 2:
        raise PackcalcError("thickness", f"expected 2 points, got {len(points)}")
    n = EXPONENT
    (p1, f1), (p2, f2) = points
    if not (p2 > p1 and f2 > f1):
        raise PackcalcError(
            "thickness",
            "the fabric must get thinner under more pressure "
            f"(φ {f1:.3f} at {p1:g} kPa, {f2:.3f} at {p2:g} kPa)",
        )
    modulus = (p2 - p1) / (f2**n - f1**n)
    phi0_n = f1**n - p1 / modulus
    if phi0_n <= 0:
        raise PackcalcError(
            "thickness", f"φ {f1:.3f} at {p1:g} kPa leaves no fabric at zero pressure"
        )
    return float(phi0_n ** (1 / n)), float(modulus)


def law_from_one_point(
    phi: float, pressure_kpa: float, class_phi0: float, class_modulus_kpa: float
) -> tuple[float, float]:
    r"""φ0 and A from one (pressure, φ) point and the law of the fabric's class.

    The fabric is taken to lose the same fraction of its relaxed thickness between zero
    pressure and ``pressure_kpa`` as the class does (a compressibility in the sense of
    Kawabata's EMC):

    .. math::

        \varphi_0 = \varphi_1 \, \frac{\varphi_{0,c}}{\varphi_c(p_1)}, \qquad
        A = \frac{p_1}{\varphi_1^3 - \varphi_0^3}

    so a bulky fabric (low φ1, such as a spacer mesh) gets a stiff law and a dense one a
    soft law, and a fabric with the class's own φ1 gets the class law back.

    Parameters
    ----------
    phi : float
        Fibre volume fraction at ``pressure_kpa`` [-].
    pressure_kpa : float
        Pressure of the thickness measurement [kPa], > 0.
    class_phi0 : float
        φ0 of the class law [-].
    class_modulus_kpa : float
        A of the class law [kPa].

    Returns
    -------
    (float, float)
        φ0 [-] and A [kPa].

    References
    ----------
    Law after [van-wyk-1946]; gauge pressure [astm-d1777].

    Examples
    --------
    A 3 mm spacer mesh of 271 g/m² polyester (φ 0.065 at 4.14 kPa) in the knit class:

    >>> phi0, a = law_from_one_point(0.065, 4.14, 0.2224, 629.0)
    >>> round(phi0, 4), round(a, -2)
    (0.0556, 40300.0)
    """
    ratio = class_phi0 / float(compressed_fraction(pressure_kpa, class_phi0, class_modulus_kpa))
    phi0 = phi * ratio
    return float(phi0), float(pressure_kpa / (phi**EXPONENT - phi0**EXPONENT))


# --------------------------------------------------------------------------- volumes


def packed_volume_l(
    mass_g: npt.ArrayLike,
    density_g_cm3: npt.ArrayLike,
    phi: npt.ArrayLike,
    fold_factor: npt.ArrayLike = 1.0,
) -> FloatOrArray:
    """Packed volume of soft parts.

    .. math:: V = \\frac{m}{\\rho \\, f \\, \\varphi} \\cdot 10^{-3}

    Parameters
    ----------
    mass_g : float or array_like
        Mass [g].
    density_g_cm3 : float or array_like
        Fibre or film density [g/cm³].
    phi : float or array_like
        Fibre volume fraction at the packing pressure [-].
    fold_factor : float or array_like, optional
        Folding/void factor f of the construction class [-], in (0, 1].

    Returns
    -------
    float or ndarray
        Volume [L].

    References
    ----------
    Derived here; anchors in ``materials/packing.toml``.

    Examples
    --------
    A 105 g nylon jacket packed at φ = 0.24:

    >>> round(float(packed_volume_l(105.0, 1.14, 0.24)), 3)
    0.384
    """
    return (
        np.asarray(mass_g)
        / (np.asarray(density_g_cm3) * np.asarray(fold_factor) * np.asarray(phi))
        / 1000.0
    )


def solid_volume_l(mass_g: npt.ArrayLike, density_g_cm3: npt.ArrayLike) -> FloatOrArray:
    """Volume of the solid polymer, the floor no packing can beat.

    .. math:: V_{floor} = \\frac{m}{\\rho} \\cdot 10^{-3}

    Parameters
    ----------
    mass_g : float or array_like
        Mass [g].
    density_g_cm3 : float or array_like
        Fibre or film density [g/cm³].

    Returns
    -------
    float or ndarray
        Volume [L].

    References
    ----------
    Derived here (solid polymer, φ = 1).

    Examples
    --------
    >>> round(float(solid_volume_l(114.0, 1.14)), 3)
    0.1
    """
    return np.asarray(mass_g) / np.asarray(density_g_cm3) / 1000.0


# --------------------------------------------------------------------------- pressures

# Named squeeze pressures [kPa], each with where it comes from.
NAMED_PRESSURES: dict[str, tuple[float, str]] = {
    "stuff sack": (1.0, "low end of clothing pressures 1.3–3.3 kPa "
                        "[zakaria-gupta-2020]; an assumption"),
    "stretch pocket": (2.0, "clothing pressure: 1.3 kPa appropriate, 2.0 kPa maximum for daily "
                       "clothes, 3.3 kPa for sportswear (Kawabata 1980, via [zakaria-gupta-2020])"),
    "hand squeeze": (20.0, "a sustained squeeze, about 30 % of the 72 kPa of a maximal grip "
                     "(47 kgf over 8 × 8 cm, [massy-westropp-2011]); an assumption"),
    "vacuum": (100.0, "a vacuum bag: at most one atmosphere (101 kPa)"),
}  # fmt: skip
CURVE_PRESSURES_KPA = np.geomspace(0.1, 100.0, 31)


def packed_volume_curve(
    mass_g: npt.ArrayLike,
    density_g_cm3: npt.ArrayLike,
    phi0: npt.ArrayLike,
    modulus_kpa: npt.ArrayLike,
    fold_factor: npt.ArrayLike,
    rigid_volume_l: float,
    pressure_kpa: npt.ArrayLike,
) -> FloatOrArray:
    """Packed volume of an assembly of soft parts and rigid parts over pressure.

    .. math:: V(p) = \\sum_i \\frac{m_i}{\\rho_i f_i \\varphi_i(p)} + V_{rigid}

    Parameters
    ----------
    mass_g : array_like
        Mass of each soft part [g], shape (n,).
    density_g_cm3 : array_like
        Fibre density of each part [g/cm³], shape (n,).
    phi0 : array_like
        φ0 of each part's law [-], shape (n,).
    modulus_kpa : array_like
        A of each part's law [kPa], shape (n,).
    fold_factor : array_like
        Folding/void factor of each part [-], shape (n,).
    rigid_volume_l : float
        Volume of the parts that do not compress [L].
    pressure_kpa : float or array_like
        Squeeze pressure(s) [kPa], shape () or (k,).

    Returns
    -------
    float or ndarray
        Packed volume [L], shape of ``pressure_kpa``.

    References
    ----------
    Derived here; anchors in ``materials/packing.toml``.

    Examples
    --------
    >>> v = packed_volume_curve([105.0], [1.14], [0.2224], [629.0], [0.99], 0.0, [2.0, 100.0])
    >>> [round(float(x), 3) for x in v]
    [0.384, 0.168]
    """
    p = np.asarray(pressure_kpa, dtype=float)
    columns = np.atleast_1d(p)[None, :]
    phi = compressed_fraction(columns, np.asarray(phi0)[:, None], np.asarray(modulus_kpa)[:, None])
    soft = packed_volume_l(
        np.asarray(mass_g)[:, None],
        np.asarray(density_g_cm3)[:, None],
        phi,
        np.asarray(fold_factor)[:, None],
    ).sum(axis=0)
    volume = soft + rigid_volume_l
    return volume.reshape(p.shape)
