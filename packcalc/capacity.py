r"""Pocket capacity with stretch: tube, patch and box pockets, strain limits, pressure.

Geometry derived here (first-order sizing; Laplace's law [zhao-2017] is known to
be approximate on real bodies [1]_):

- **tube** (a sleeve whose circumference stretches):
  :math:`V = \frac{C_0^2 (1 + \varepsilon)^2}{4 \pi} L`;
- **patch** (a stretch panel of relaxed width :math:`w_0` sewn over a non-stretch
  backing of width :math:`b`): the panel bulges into a circular arc of length
  :math:`s = w_0 (1 + \varepsilon)` on the chord :math:`b`,
  :math:`s / b = \theta / \sin\theta`, :math:`R = b / (2 \sin\theta)`,
  :math:`A = R^2 (\theta - \sin\theta\cos\theta)`, :math:`V = A L` (a prismatic upper
  bound; a bag closed at the bottom holds somewhat less);
- **box** (a gusseted pocket, width w, gusset g, height L): the sheet's box,
  :math:`V = w g L (1 + \varepsilon)^2` (:func:`box_volume_l`), takes the section as a
  rectangle. A full gusseted pocket rounds out, so the capacity model
  (:func:`pocket_section`, used by the load fit) bulges the face and both gussets,
  :math:`(w + 2g)(1 + \varepsilon)`, over the backing w, as a patch; this holds more
  than the rectangle (28 × 5 × 32 cm, unstretched: 7.1 L against 4.48 L), and the
  rectangle stays as its lower bound.

Pressure on the body of a stretched pocket: :math:`p = T / R` with the fabric tension
:math:`T = k \varepsilon` [N/m] (linear to ~100 % for compression knits [2]_) and the
radius of curvature R of the stretched section. Comfort limits: 1.3 kPa appropriate,
2.0 kPa maximum for daily clothing, 3.3 kPa for sportswear (Kawabata, via [3]_).

References
----------
.. [1] [barhoumi-2018] Barhoumi et al., "Assessment of the accuracy of Laplace's law", MECBME 2018.
.. [2] [jfbi-2011-compression-fabrics] "Study of properties of medical compression fabrics",
   J. Fiber Bioeng. Informatics 4:1 (2011) 15–22.
.. [3] *Anthropometry, Apparel Sizing and Design*, ch. 13, Table 13.5 [zakaria-gupta-2020].
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatOrArray = float | np.ndarray

COMFORT_PRESSURE_KPA = {"appropriate": 1.3, "daily maximum": 2.0, "sportswear maximum": 3.3}
POCKET_SHAPES = ("patch", "tube", "box")


def tube_volume_l(
    circumference_cm: npt.ArrayLike, height_cm: npt.ArrayLike, strain: npt.ArrayLike = 0.0
) -> FloatOrArray:
    r"""Volume of a tube pocket whose circumference stretches.

    .. math:: V = \frac{C_0^2 (1 + \varepsilon)^2}{4 \pi} L

    Parameters
    ----------
    circumference_cm : float or array_like
        Relaxed circumference :math:`C_0` [cm] (twice the flat width of a sewn sleeve).
    height_cm : float or array_like
        Height L [cm].
    strain : float or array_like, optional
        Circumferential strain ε [-] (0.5 = 50 %).

    Returns
    -------
    float or ndarray
        Volume [L].

    References
    ----------
    Derived here (circular tube).

    Examples
    --------
    >>> round(float(tube_volume_l(20.0, 15.0, 0.5)), 2), round(float(tube_volume_l(20.0, 15.0)), 2)
    (1.07, 0.48)
    """
    c = np.asarray(circumference_cm) * (1.0 + np.asarray(strain))
    return c**2 / (4.0 * np.pi) * np.asarray(height_cm) / 1000.0


def _theta(ratio: np.ndarray) -> np.ndarray:
    """Solve θ / sin θ = ratio for θ in [0, π) by bisection (vectorised; ratio ≥ 1)."""
    low = np.zeros_like(ratio)
    high = np.full_like(ratio, np.pi - 1e-9)
    for _ in range(60):
        mid = 0.5 * (low + high)
        too_small = mid / np.sin(mid) < ratio
        low = np.where(too_small, mid, low)
        high = np.where(too_small, high, mid)
    return 0.5 * (low + high)


def patch_section(
    panel_width_cm: npt.ArrayLike, backing_width_cm: npt.ArrayLike, strain: npt.ArrayLike = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Cross-section of a patch pocket: area [cm²] and radius of the bulging panel [cm].

    .. math::

        \frac{w_0 (1 + \varepsilon)}{b} = \frac{\theta}{\sin\theta}, \quad
        R = \frac{b}{2 \sin\theta}, \quad A = R^2 (\theta - \sin\theta\cos\theta)

    Parameters
    ----------
    panel_width_cm : float or array_like
        Relaxed width of the stretch panel :math:`w_0` [cm].
    backing_width_cm : float or array_like
        Width of the non-stretch backing b [cm] (the chord).
    strain : float or array_like, optional
        Strain of the panel across its width ε [-].

    Returns
    -------
    (ndarray, ndarray)
        Area [cm²] and radius of curvature [cm] (infinite for a flat panel).

    References
    ----------
    Derived here (circular-arc section).

    Examples
    --------
    >>> area, radius = patch_section(15.0, 15.0, 0.25)
    >>> round(float(radius), 1)
    8.3
    """
    w = np.asarray(panel_width_cm, dtype=float) * (1.0 + np.asarray(strain, dtype=float))
    b = np.asarray(backing_width_cm, dtype=float)
    w, b = np.broadcast_arrays(w, b)
    ratio = np.maximum(w / b, 1.0)
    theta = _theta(ratio)
    flat = theta <= 1e-6
    safe = np.where(flat, 1.0, theta)  # avoids 0 × ∞ where the panel lies flat
    bulge_radius = b / (2.0 * np.sin(safe))
    radius = np.where(flat, np.inf, bulge_radius)
    area = np.where(flat, 0.0, bulge_radius**2 * (safe - np.sin(safe) * np.cos(safe)))
    return area, radius


def patch_volume_l(
    panel_width_cm: npt.ArrayLike,
    backing_width_cm: npt.ArrayLike,
    height_cm: npt.ArrayLike,
    strain: npt.ArrayLike = 0.0,
) -> FloatOrArray:
    """Volume of a patch pocket: its bulging cross-section times its height.

    Parameters
    ----------
    panel_width_cm : float or array_like
        Relaxed width of the stretch panel [cm].
    backing_width_cm : float or array_like
        Width of the backing it is sewn to [cm].
    height_cm : float or array_like
        Height [cm].
    strain : float or array_like, optional
        Strain across the width [-].

    Returns
    -------
    float or ndarray
        Volume [L] (a prismatic upper bound).

    References
    ----------
    Derived here (circular-arc section); worked numbers: b = w0 = 15 cm, L = 15 cm → 0.46 L at
    ε = 0.1, 0.77 L at 0.25, 1.21 L at 0.5.

    Examples
    --------
    >>> [round(float(patch_volume_l(15, 15, 15, e)), 2) for e in (0.1, 0.25, 0.5)]
    [0.46, 0.77, 1.21]
    """
    area, _ = patch_section(panel_width_cm, backing_width_cm, strain)
    return area * np.asarray(height_cm) / 1000.0


def box_volume_l(
    width_cm: npt.ArrayLike,
    gusset_cm: npt.ArrayLike,
    height_cm: npt.ArrayLike,
    strain: npt.ArrayLike = 0.0,
) -> FloatOrArray:
    r"""Volume of a gusseted (box) pocket whose section perimeter stretches.

    .. math:: V = w \, g \, L \, (1 + \varepsilon)^2

    Parameters
    ----------
    width_cm : float or array_like
        Width [cm].
    gusset_cm : float or array_like
        Gusset depth [cm].
    height_cm : float or array_like
        Height [cm].
    strain : float or array_like, optional
        Strain of the section's perimeter [-] (0 for non-stretch fabric).

    Returns
    -------
    float or ndarray
        Volume [L].

    References
    ----------
    Derived here (box for gusseted pockets; uniform stretch of the section is an
    assumption of this model).

    Examples
    --------
    >>> round(float(box_volume_l(28, 5, 32)), 2)
    4.48
    """
    grow = (1.0 + np.asarray(strain)) ** 2
    return np.asarray(width_cm) * np.asarray(gusset_cm) * np.asarray(height_cm) * grow / 1000.0


def laplace_pressure_kpa(
    tension_modulus_n_m: npt.ArrayLike, strain: npt.ArrayLike, radius_cm: npt.ArrayLike
) -> FloatOrArray:
    r"""Pressure of a stretched fabric on what it wraps (Laplace's law).

    .. math:: p = \frac{T}{R} = \frac{k \, \varepsilon}{R}

    Parameters
    ----------
    tension_modulus_n_m : float or array_like
        k, tension per unit width per unit strain [N/m].
    strain : float or array_like
        Strain ε [-].
    radius_cm : float or array_like
        Radius of curvature R [cm].

    Returns
    -------
    float or ndarray
        Pressure [kPa].

    References
    ----------
    Zhao et al., "Compression sleeves design based on Laplace laws", J. Textile Eng.
    Fashion Technol. 2(2) (2017) [zhao-2017]: T = 160 N/m at R = 5 cm gives
    3.2 kPa.

    Examples
    --------
    >>> round(float(laplace_pressure_kpa(160.0, 1.0, 5.0)), 2)
    3.2
    """
    return (
        np.asarray(tension_modulus_n_m)
        * np.asarray(strain)
        / (np.asarray(radius_cm) / 100.0)
        / 1000.0
    )


def pocket_section(
    shape: str, width_cm: float, gusset_cm: float, strain: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Cross-section of a full pocket: area [cm²], radius [cm] and perimeter [cm].

    - ``tube``: a circle of circumference :math:`2 w (1 + \varepsilon)`;
    - ``patch``: the panel w bulging over a backing w (the patch geometry);
    - ``box``: the face and both gussets, :math:`(w + 2g)(1 + \varepsilon)`, bulging over
      the backing w; a full gusseted pocket rounds out, so this is at least the box
      :math:`w \times g`.

    Parameters
    ----------
    shape : str
        ``"tube"``, ``"patch"`` or ``"box"``.
    width_cm : float
        Flat width w [cm].
    gusset_cm : float
        Gusset g [cm] (0 for patch and tube).
    strain : float or array_like
        Strain of the stretch fabric across the pocket [-].

    Returns
    -------
    (ndarray, ndarray, ndarray)
        Area [cm²], radius of curvature [cm], perimeter [cm].

    References
    ----------
    Derived here; pressure by Laplace's law [zhao-2017].

    Examples
    --------
    >>> area, radius, perimeter = pocket_section("tube", 10.0, 0.0, 0.0)
    >>> round(float(area), 1), round(float(radius), 2), float(perimeter)
    (31.8, 3.18, 20.0)
    """
    e = np.asarray(strain, dtype=float)
    if shape == "tube":
        circumference = 2.0 * width_cm * (1.0 + e)
        radius = circumference / (2.0 * np.pi)
        return np.pi * radius**2, radius, circumference
    panel = width_cm + 2.0 * gusset_cm
    area, radius = patch_section(panel, width_cm, e)
    return area, radius, panel * (1.0 + e) + width_cm


def pocket_volume_l(
    shape: str, width_cm: float, height_cm: float, gusset_cm: float, strain: npt.ArrayLike
) -> FloatOrArray:
    """Volume of a full pocket [L]: its section (:func:`pocket_section`) times its height.

    Parameters
    ----------
    shape : str
        ``"tube"``, ``"patch"`` or ``"box"``.
    width_cm : float
        Flat width [cm].
    height_cm : float
        Height [cm].
    gusset_cm : float
        Gusset [cm].
    strain : float or array_like
        Strain [-].

    Returns
    -------
    float or ndarray
        Volume [L].

    References
    ----------
    Derived here; pressure by Laplace's law [zhao-2017].
    """
    return pocket_section(shape, width_cm, gusset_cm, strain)[0] * height_cm / 1000.0


def comfort_strain(
    shape: str,
    width_cm: float,
    gusset_cm: float,
    tension_modulus_n_m: float,
    pressure_limit_kpa: float,
    strain_limit: float,
) -> float:
    """Largest strain ≤ ``strain_limit`` at which the pocket presses ≤ the comfort limit.

    Parameters
    ----------
    shape : str
        ``"tube"``, ``"patch"`` or ``"box"``.
    width_cm : float
        Flat width [cm].
    gusset_cm : float
        Gusset [cm].
    tension_modulus_n_m : float
        Fabric tension per unit strain [N/m].
    pressure_limit_kpa : float
        Comfort limit [kPa].
    strain_limit : float
        Upper bound of the search (the fabric's own limit) [-].

    Returns
    -------
    float
        Strain [-].
    """
    strains = np.linspace(0.0, strain_limit, 401)
    radius = pocket_section(shape, width_cm, gusset_cm, strains)[1]
    pressure = laplace_pressure_kpa(tension_modulus_n_m, strains, radius)
    ok = np.nonzero(pressure <= pressure_limit_kpa)[0]
    return float(strains[ok[-1]]) if len(ok) else 0.0
