"""Textile physics: yarn counts, fabric areal density, cover, porosity and water uptake.

Low-level model functions in the style of pvlib / fluids: plain numbers in canonical
units (tex, g/m², mm, threads per cm, g/cm³, fractions) in, plain numbers out. Every
function accepts floats or array-likes and broadcasts them with numpy; a scalar call
gives a 0-d result (a numpy scalar) usable as a float. The functions do not check
ranges: NaN propagates and non-physical inputs give non-physical outputs, so validate
at the boundary (``packcalc.units.parse_quantity``). Conversions between unit names
(``packcalc.units.convert_linear_density``) live with pint, at the boundary: this module
imports neither pint nor the design and library layers.

Formulas and reference values: linear density, areal density, cover, porosity,
fibre density and moisture regain, water uptake; each function names its sources by
their keys in ``docs/references.md``.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = [
    "blend_density",
    "cloth_cover_factor",
    "conditioned_mass",
    "denier_to_tex",
    "fibre_volume_fraction",
    "filament_diameter_um",
    "fractional_cover",
    "knit_areal_density",
    "knit_tightness_factor",
    "max_water_uptake_gsm",
    "porosity",
    "tex_to_denier",
    "woven_areal_density",
    "woven_cover_factor",
    "yarn_diameter_mm",
]

#: What the numeric functions return: a numpy float scalar for scalar inputs,
#: an array of floats otherwise.
FloatOrArray: TypeAlias = np.floating | npt.NDArray[np.floating]


def _f(x: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return np.asarray(x, dtype=float)


# --------------------------------------------------------------------------------------
# Linear density
# --------------------------------------------------------------------------------------


def denier_to_tex(denier: npt.ArrayLike) -> FloatOrArray:
    """Convert a linear density from denier to tex.

    .. math:: T_t = D / 9

    Parameters
    ----------
    denier : float or array_like
        Linear density [den] (grams per 9000 m).

    Returns
    -------
    float or ndarray
        Linear density [tex] (grams per 1000 m).

    Notes
    -----
    Exact for all values (both are direct counts, mass per length).

    References
    ----------
    .. [1] Textile Learner, "Count conversion of yarn" [textile-learner-count],
       http://textilelearner.blogspot.com/2012/12/count-conversion-of-yarn.html

    Examples
    --------
    70 den (a typical vest-body yarn) is 7.78 tex:

    >>> print(f"{denier_to_tex(70):.2f}")
    7.78
    """
    return _f(denier) / 9.0


def tex_to_denier(tex: npt.ArrayLike) -> FloatOrArray:
    """Convert a linear density from tex to denier.

    .. math:: D = 9\\,T_t

    Parameters
    ----------
    tex : float or array_like
        Linear density [tex] (grams per 1000 m).

    Returns
    -------
    float or ndarray
        Linear density [den] (grams per 9000 m).

    Notes
    -----
    Exact for all values (both are direct counts, mass per length).

    References
    ----------
    .. [1] Textile Learner, "Count conversion of yarn" [textile-learner-count],
       http://textilelearner.blogspot.com/2012/12/count-conversion-of-yarn.html

    Examples
    --------
    1 tex is 9 den:

    >>> print(f"{tex_to_denier(1.0):.1f}")
    9.0
    """
    return _f(tex) * 9.0


def filament_diameter_um(dtex: npt.ArrayLike, density_g_cm3: npt.ArrayLike) -> FloatOrArray:
    """Diameter of a solid round filament from its linear density.

    .. math:: d_f = 20\\,\\sqrt{\\frac{\\mathrm{dtex}}{\\pi\\,\\rho}}

    Parameters
    ----------
    dtex : float or array_like
        Linear density of one filament [dtex] (grams per 10 000 m).
    density_g_cm3 : float or array_like
        Fibre density [g/cm³].

    Returns
    -------
    float or ndarray
        Filament diameter [µm].

    Notes
    -----
    Solid circular cross-sections only; hollow, trilobal or flat filaments have the same
    area but a different shape. Any positive dtex (microfibres < 1 dtex included).

    References
    ----------
    .. [1] e-nispe, "Relation between fibre diameter and fibre titer",
       https://www.e-nispe.com/actuality/relation-between-fibre-diameter-and-fibre-titer
    .. [2] Derived here (area of a solid round filament = mass per length / density).

    Examples
    --------
    1 dtex nylon (1.14 g/cm³) and 1 dtex PET (1.39 g/cm³):

    >>> print(f"{filament_diameter_um(1.0, 1.14):.1f}")
    10.6
    >>> print(f"{filament_diameter_um(1.0, 1.39):.1f}")
    9.6
    """
    return 20.0 * np.sqrt(_f(dtex) / (np.pi * _f(density_g_cm3)))


def yarn_diameter_mm(
    tex: npt.ArrayLike,
    density_g_cm3: npt.ArrayLike,
    packing_fraction: npt.ArrayLike = 0.6,
) -> FloatOrArray:
    """Diameter of a round yarn from its linear density, fibre density and packing.

    .. math:: d_y = \\sqrt{\\frac{4\\,T_t}{\\pi\\,\\rho\\,\\varphi_y\\,1000}}

    Parameters
    ----------
    tex : float or array_like
        Yarn linear density [tex].
    density_g_cm3 : float or array_like
        Fibre density [g/cm³].
    packing_fraction : float or array_like, optional
        Fibre volume fraction inside the yarn, φ_y [-] (default 0.6).

    Returns
    -------
    float or ndarray
        Yarn diameter [mm].

    Notes
    -----
    Circular yarn cross-section; yarns flatten in fabric, so the width there is larger
    and the height smaller. φ_y = 0.6 is an illustrative value for multifilament yarns
    (not sourced; expose it). The textbook constant d = 4.44e-3·sqrt(tex/ρ) cm
    corresponds to φ_y ≈ 0.65; this form equals d = 3.568e-3·sqrt(tex/(ρ φ_y)) cm.

    References
    ----------
    .. [1] Derived here from the filament relation [enispe-fibre-diameter]; the textbook
       constant is cross-checked in [textiletriangle-gate-2018] (see below).
    .. [2] Textile Triangle, GATE TF 2018 Q14 [textiletriangle-gate-2018],
       https://www.textiletriangle.com/gate-textile/question-paper/2018-2/tf/14-2/

    Examples
    --------
    7.8 tex (70 den) nylon at φ_y = 0.6:

    >>> print(f"{yarn_diameter_mm(7.8, 1.14, 0.6):.2f}")
    0.12
    """
    return np.sqrt(4.0 * _f(tex) / (np.pi * _f(density_g_cm3) * _f(packing_fraction) * 1000.0))


# --------------------------------------------------------------------------------------
# Areal density, cover and porosity
# --------------------------------------------------------------------------------------


def woven_areal_density(
    ends_per_cm: npt.ArrayLike,
    picks_per_cm: npt.ArrayLike,
    warp_tex: npt.ArrayLike,
    weft_tex: npt.ArrayLike,
    warp_crimp: npt.ArrayLike = 0.0,
    weft_crimp: npt.ArrayLike = 0.0,
) -> FloatOrArray:
    """Areal density (GSM) of a woven fabric from its thread counts and yarns.

    .. math::

        \\mathrm{GSM} = \\frac{n_{wp}\\,T_{wp}\\,(1 + c_{wp}) + n_{wf}\\,T_{wf}\\,(1 + c_{wf})}{10}

    Parameters
    ----------
    ends_per_cm : float or array_like
        Warp ends per centimetre [1/cm].
    picks_per_cm : float or array_like
        Weft picks per centimetre [1/cm].
    warp_tex : float or array_like
        Warp yarn linear density [tex].
    weft_tex : float or array_like
        Weft yarn linear density [tex].
    warp_crimp : float or array_like, optional
        Warp crimp as a fraction, (l_yarn − l_fabric)/l_fabric [-] (default 0).
    weft_crimp : float or array_like, optional
        Weft crimp as a fraction [-] (default 0).

    Returns
    -------
    float or ndarray
        Areal density of the base fabric [g/m²].

    Notes
    -----
    Any weave; use finished (relaxed) thread counts. Fibre mass only: coatings,
    laminates and finishes are separate layers (GSM_total = GSM_base + Σ GSM_layer), and
    finished shell fabrics weigh more than the nominal base (a "1.1 oz" ripstop finishes
    at 1.24–1.4 oz/yd²). A "330T" thread count is warp + weft per square inch, i.e.
    330/2.54 threads per cm in total. Crimp of thin shell fabrics is not sourced
    (the 4 % below is an assumption). Algebraically equal to the cotton-count trade form
    GSM = (EPI (1 + c_wp)/Ne_wp + PPI (1 + c_wf)/Ne_wf) × 23.25.

    References
    ----------
    .. [1] Textile Calculations, "Fabric weight calculation (GSM)" [textilecalculations-gsm],
       https://www.textilecalculations.com/fabric-weight-calculation-gsm/
    .. [2] Manian, "Important fabric parameters and formulae" [manian-optitex-formulae] (crimp),
       http://www.optitex.com/en/news_and_events/articles/fabrics/fabric_formulae
    .. [3] Crimp in cloth geometry: Peirce [peirce-1937].

    Examples
    --------
    20D × 330T: 64.96 ends and 64.96 picks per cm of 20/9 tex yarn:

    >>> n = 330 / 2.54 / 2
    >>> print(f"{woven_areal_density(n, n, 20 / 9, 20 / 9):.1f}")
    28.9
    >>> print(f"{woven_areal_density(n, n, 20 / 9, 20 / 9, 0.04, 0.04):.1f}")
    30.0
    """
    warp = _f(ends_per_cm) * _f(warp_tex) * (1.0 + _f(warp_crimp))
    weft = _f(picks_per_cm) * _f(weft_tex) * (1.0 + _f(weft_crimp))
    return (warp + weft) / 10.0


def knit_areal_density(
    courses_per_cm: npt.ArrayLike,
    wales_per_cm: npt.ArrayLike,
    loop_length_mm: npt.ArrayLike,
    tex: npt.ArrayLike,
) -> FloatOrArray:
    """Areal density (GSM) of a weft-knitted fabric from stitch density and loop length.

    .. math:: \\mathrm{GSM} = \\frac{n_c\\,n_w\\,l\\,T_t}{100}

    Parameters
    ----------
    courses_per_cm : float or array_like
        Courses per centimetre [1/cm].
    wales_per_cm : float or array_like
        Wales per centimetre [1/cm].
    loop_length_mm : float or array_like
        Loop (stitch) length [mm].
    tex : float or array_like
        Yarn linear density [tex].

    Returns
    -------
    float or ndarray
        Areal density [g/m²].

    Notes
    -----
    Weft knits with one yarn per loop (single jersey and similar). Use relaxed/finished
    course and wale densities and loop length: knit geometry changes on relaxation. For
    plated knits (e.g. nylon plated with elastane) add each yarn's contribution with its
    own loop length and tex.

    References
    ----------
    .. [1] Derived here: loops per area × loop length × tex; loop-length geometry of
       weft knits after Munden [munden-1959].
    .. [2] Relaxed course and wale densities: [eltahan-2016].

    Examples
    --------
    22 courses × 16 wales per cm, 2.0 mm loops of 7.8 tex nylon:

    >>> print(f"{knit_areal_density(22, 16, 2.0, 7.8):.1f}")
    54.9
    """
    return _f(courses_per_cm) * _f(wales_per_cm) * _f(loop_length_mm) * _f(tex) / 100.0


def knit_tightness_factor(tex: npt.ArrayLike, loop_length_mm: npt.ArrayLike) -> FloatOrArray:
    """Tightness factor of a weft knit.

    .. math:: \\mathrm{TF} = \\sqrt{T_t} / l

    Parameters
    ----------
    tex : float or array_like
        Yarn linear density [tex].
    loop_length_mm : float or array_like
        Loop (stitch) length [mm].

    Returns
    -------
    float or ndarray
        Tightness factor [tex^0.5/mm].

    Notes
    -----
    Plain single-jersey knits are typically 1.3–1.5; values from other unit systems
    (e.g. loop length in cm) are not comparable.

    References
    ----------
    .. [1] Munden, J. Text. Inst. Trans. 50 (1959) T448 [munden-1959].
    .. [2] Single-jersey tightness factors: [eltahan-2016] (the 1.3–1.5 range: unchecked).

    Examples
    --------
    7.8 tex nylon at 2.0 mm loop length:

    >>> print(f"{knit_tightness_factor(7.8, 2.0):.2f}")
    1.40
    """
    return np.sqrt(_f(tex)) / _f(loop_length_mm)


def woven_cover_factor(threads_per_cm: npt.ArrayLike, tex: npt.ArrayLike) -> FloatOrArray:
    """Cover factor of one thread direction of a woven fabric, tex system.

    .. math:: K = n\\,\\sqrt{T_t} / 10

    Parameters
    ----------
    threads_per_cm : float or array_like
        Ends or picks per centimetre [1/cm].
    tex : float or array_like
        Yarn linear density [tex].

    Returns
    -------
    float or ndarray
        Cover factor [tex^0.5/cm × 1/10] (conventionally unitless).

    Notes
    -----
    Plain-weave guide values per direction: 12 + 12 weaves easily, 14 + 14 needs a
    strong loom, 16 + 16 jams. The Peirce factor (threads per inch / √Ne) is about 4.5 %
    larger: K_Peirce = 1.045 K. Full cover (yarn diameter equal to spacing) is reached at
    K = √(250 π ρ φ_y) ≈ 28 √(ρ φ_y), e.g. 23 for nylon yarn at φ_y = 0.6.

    References
    ----------
    .. [1] Cover factor after Peirce [peirce-1937]. The plain-weave guide values above
       are trade figures with no citable source found: indicative only.
    .. [2] Manian [manian-optitex-formulae].

    Examples
    --------
    A 20D × 330T ripstop [msr-tent-fabrics], per direction:

    >>> print(f"{woven_cover_factor(330 / 2.54 / 2, 20 / 9):.1f}")
    9.7
    """
    return _f(threads_per_cm) * np.sqrt(_f(tex)) / 10.0


def cloth_cover_factor(
    k1: npt.ArrayLike, k2: npt.ArrayLike, *, full_cover: npt.ArrayLike = 1.0
) -> FloatOrArray:
    """Cover of a whole cloth from the covers of its two thread directions.

    .. math:: C = c_1 + c_2 - c_1\\,c_2 \\qquad
              K_c = K_1 + K_2 - K_1 K_2 / K_\\mathrm{full}

    Parameters
    ----------
    k1, k2 : float or array_like
        Cover of warp and weft: fractional covers [-] by default, or cover factors in
        the units of ``full_cover``.
    full_cover : float or array_like, optional
        The cover value meaning "fully covered" (default 1.0 for fractional covers; 28
        for Peirce cover factors, threads per inch / √Ne) [same units as k1].

    Returns
    -------
    float or ndarray
        Cloth cover, in the units of ``k1`` [-]. The open area is ``full_cover − C``
        (for fractional covers, (1 − c1)(1 − c2)).

    Notes
    -----
    Counts each crossing once (threads treated as opaque strips). Valid for
    0 ≤ c ≤ 1; clip the per-direction covers first (:func:`fractional_cover` does).
    The divisor 28 is Peirce's cotton value; for tex-system factors of other yarns use
    K_full ≈ 28 √(ρ φ_y) (see :func:`woven_cover_factor`).

    References
    ----------
    .. [1] Online Textile Academy, "Cloth cover factor" [onlinetextileacademy-cover],
       https://www.onlinetextileacademy.com/what-is-cloth-cover-factor-derivation-of-cover-factor-formula/
    .. [2] Manian [manian-optitex-formulae] (K = 28 ⇒ d = p),
       http://www.optitex.com/en/news_and_events/articles/fabrics/fabric_formulae
    .. [3] Peirce [peirce-1937].

    Examples
    --------
    Two directions at half cover leave a quarter open; K = 14 + 14 (Peirce) gives 21:

    >>> print(f"{cloth_cover_factor(0.5, 0.5):.2f}")
    0.75
    >>> print(f"{cloth_cover_factor(14, 14, full_cover=28):.1f}")
    21.0
    """
    a, b = _f(k1), _f(k2)
    return a + b - a * b / _f(full_cover)


def fractional_cover(
    yarn_diameter_mm: npt.ArrayLike, threads_per_cm: npt.ArrayLike
) -> FloatOrArray:
    """Fraction of the fabric area covered by one thread direction.

    .. math:: c = \\min(d\\,n,\\ 1), \\quad d\\,n = d_\\mathrm{mm}\\,n_\\mathrm{cm} / 10

    Parameters
    ----------
    yarn_diameter_mm : float or array_like
        Yarn diameter (or flattened width) [mm].
    threads_per_cm : float or array_like
        Threads per centimetre in that direction [1/cm].

    Returns
    -------
    float or ndarray
        Fractional cover of that direction [-], clipped to at most 1.

    Notes
    -----
    d·n is dimensionless only with consistent units: a diameter in mm times threads per
    cm is divided by 10. Use the yarn width in the fabric (yarns flatten) for a better
    estimate than the round-yarn diameter of :func:`yarn_diameter_mm`. Values above 1
    (yarns wider than their spacing) are clipped to full cover.

    References
    ----------
    .. [1] Online Textile Academy, "Cloth cover factor" [onlinetextileacademy-cover],
       https://www.onlinetextileacademy.com/what-is-cloth-cover-factor-derivation-of-cover-factor-formula/
    .. [2] Manian [manian-optitex-formulae].

    Examples
    --------
    Yarn diameter equal to the spacing (0.1 mm yarns at 100 per cm) is full cover; the
    0.12 mm nylon yarn of the sheet at 40 per cm covers about half:

    >>> print(f"{fractional_cover(0.1, 100):.2f}")
    1.00
    >>> print(f"{fractional_cover(0.12, 40):.2f}")
    0.48
    """
    return np.minimum(_f(yarn_diameter_mm) * _f(threads_per_cm) / 10.0, 1.0)


def fibre_volume_fraction(
    areal_density_gsm: npt.ArrayLike,
    thickness_mm: npt.ArrayLike,
    fibre_density_g_cm3: npt.ArrayLike,
) -> FloatOrArray:
    """Solid (fibre) volume fraction of a fabric from its mass, thickness and density.

    .. math:: \\varphi = \\frac{\\mathrm{GSM}}{1000\\,\\rho_f\\,t}

    Parameters
    ----------
    areal_density_gsm : float or array_like
        Areal density [g/m²].
    thickness_mm : float or array_like
        Thickness at a stated gauge pressure [mm].
    fibre_density_g_cm3 : float or array_like
        Density of the solid [g/cm³]; for blends use :func:`blend_density`.

    Returns
    -------
    float or ndarray
        Fibre volume fraction φ [-]; 0 < φ ≤ 1 for physical inputs.

    Notes
    -----
    Thickness depends on the gauge pressure (ASTM D1777: 4.14 kPa for wovens and
    knits), so φ is "at that pressure". Thin fabrics at gauge pressure give 0.24–0.31;
    a solid film gives 1.

    References
    ----------
    .. [1] Derived here; checked on the weights and thicknesses of
       [lilcode-fabrics-dataset], https://huggingface.co/datasets/lilCode/FabricsCompositionDataset.

    Examples
    --------
    50 g/m² polyester (1.39 g/cm³), 0.15 mm thick:

    >>> print(f"{fibre_volume_fraction(50, 0.15, 1.39):.2f}")
    0.24
    """
    return _f(areal_density_gsm) / (1000.0 * _f(fibre_density_g_cm3) * _f(thickness_mm))


def porosity(
    areal_density_gsm: npt.ArrayLike,
    thickness_mm: npt.ArrayLike,
    fibre_density_g_cm3: npt.ArrayLike,
) -> FloatOrArray:
    """Volumetric porosity (void fraction) of a fabric.

    .. math:: \\varepsilon = 1 - \\frac{\\mathrm{GSM}}{1000\\,\\rho_f\\,t}

    Parameters
    ----------
    areal_density_gsm : float or array_like
        Areal density [g/m²].
    thickness_mm : float or array_like
        Thickness at a stated gauge pressure [mm].
    fibre_density_g_cm3 : float or array_like
        Density of the solid [g/cm³].

    Returns
    -------
    float or ndarray
        Porosity ε [-]; 0 ≤ ε < 1 for physical inputs.

    Notes
    -----
    As :func:`fibre_volume_fraction`: the value belongs to the gauge pressure at which
    the thickness was measured.

    References
    ----------
    .. [1] Derived here (porosity = 1 - solid fraction); data [lilcode-fabrics-dataset].

    Examples
    --------
    50 g/m² polyester, 0.15 mm thick:

    >>> print(f"{porosity(50, 0.15, 1.39):.2f}")
    0.76
    """
    return 1.0 - fibre_volume_fraction(areal_density_gsm, thickness_mm, fibre_density_g_cm3)


# --------------------------------------------------------------------------------------
# Fibre density and moisture
# --------------------------------------------------------------------------------------


def blend_density(shares: npt.ArrayLike, densities: npt.ArrayLike) -> FloatOrArray:
    """Density of a fibre blend from its mass shares, assuming additive volumes.

    .. math:: \\rho = \\left(\\sum_i w_i / \\rho_i\\right)^{-1}

    Parameters
    ----------
    shares : array_like
        Mass fractions of the components along the last axis [-], summing to 1 (as on
        a fibre-content label, 82 % PA / 18 % EA → ``[0.82, 0.18]``).
    densities : array_like
        Component densities along the last axis [g/cm³]; broadcast against ``shares``.

    Returns
    -------
    float or ndarray
        Blend density [g/cm³], with the last axis reduced.

    Notes
    -----
    Volume additivity: each component keeps its own density, so the blend's volume is
    the sum of the component volumes, and the density is the mass-weighted harmonic
    mean (not the arithmetic mean). Shares are not renormalised; if they do not sum to
    1 the result is scaled by 1/Σw. Elastane density is itself uncertain (1.0–1.32
    g/cm³ in the sources).

    References
    ----------
    .. [1] Fibre densities: Morton & Hearle [morton-hearle-2008] (ρ ≈ 1.15 for PA/EA
       82/18 follows), Table 5.1, ISBN 978-1-84569-220-9.

    Examples
    --------
    82 % nylon (1.14) with 18 % elastane (taken as 1.20):

    >>> print(f"{blend_density([0.82, 0.18], [1.14, 1.20]):.2f}")
    1.15
    """
    return 1.0 / np.sum(_f(shares) / _f(densities), axis=-1)


def conditioned_mass(dry_mass: npt.ArrayLike, regain: npt.ArrayLike) -> FloatOrArray:
    """Mass of a fibre or fabric conditioned to a moisture regain.

    .. math:: m_c = m_\\mathrm{dry}\\,(1 + R)

    Parameters
    ----------
    dry_mass : float or array_like
        Oven-dry mass [g] (or g/m² for an areal density: any mass unit passes through).
    regain : float or array_like
        Moisture regain as a fraction of the dry mass [-] (water / dry mass, not the
        moisture content water / total mass; R = M / (1 − M)).

    Returns
    -------
    float or ndarray
        Conditioned mass [same unit as dry_mass].

    Notes
    -----
    Use equilibrium regain at 65 % RH, 20–21 °C for physics (nylon ≈ 0.04, PET
    0.002–0.004, wool 0.14); commercial regains (ASTM D1909) are conventions.

    References
    ----------
    .. [1] Textile Calculation [textile-calculation-regain], "Standard moisture regain
       and moisture content",
       https://textilecalculation.blogspot.com/2015/08/standard-moisture-regain-and-moisture.html

    Examples
    --------
    0.25 m² of 190 g/m² nylon knit (47.5 g) at 4 % regain takes up 1.9 g:

    >>> print(f"{conditioned_mass(47.5, 0.04):.1f}")
    49.4
    """
    return _f(dry_mass) * (1.0 + _f(regain))


# --------------------------------------------------------------------------------------
# Water uptake
# --------------------------------------------------------------------------------------


def max_water_uptake_gsm(
    thickness_mm: npt.ArrayLike, fibre_volume_fraction: npt.ArrayLike
) -> FloatOrArray:
    """Upper bound of liquid water held by a fabric: all pores filled.

    .. math:: m_{w,\\max} = 1000\\,t\\,(1 - \\varphi)

    Parameters
    ----------
    thickness_mm : float or array_like
        Fabric thickness [mm].
    fibre_volume_fraction : float or array_like
        Fibre volume fraction φ [-] (see :func:`fibre_volume_fraction`).

    Returns
    -------
    float or ndarray
        Water per fabric area [g/m²], water at 1 g/cm³.

    Notes
    -----
    An upper bound (saturation 1). Real pick-up after dripping or wear is a fraction s
    of it (no source found for knitted PES/PA; expose s as a parameter). Vapour uptake
    (GSM × regain) is separate and small for synthetics. Consistent with the finding
    that absolute water pick-up scales with fabric thickness.

    References
    ----------
    .. [1] Derived here; Crow & Osczevski [crow-osczevski-1998], "The interaction of water
       with fabrics", Textile Res. J. 68(4):280–288 (1998), doi:10.1177/004051759806800406.

    Examples
    --------
    A 0.60 mm knit at φ = 0.27 and a 0.15 mm woven at φ = 0.24:

    >>> print(f"{max_water_uptake_gsm(0.60, 0.27):.0f}")
    438
    >>> print(f"{max_water_uptake_gsm(0.15, 0.24):.0f}")
    114
    """
    return 1000.0 * _f(thickness_mm) * (1.0 - _f(fibre_volume_fraction))
