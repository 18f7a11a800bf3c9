r"""Comfort of the loaded vest on the runner: pressure under the shoulder straps.

A running vest has no hip belt: the weight of the vest and its load hangs from the
shoulder straps (the sternum and side straps hold it against the torso, and friction
carries a part that this model does not count, so the figure is on the safe side). The
mean pressure under the straps is

.. math:: p = \frac{s \, m g}{2 \, w \, \ell}

with m the carried mass (vest and load), s the share carried by the shoulders, w the
strap width and ℓ the length of strap in contact over the top of the shoulder.

Interface pressure under pack straps limits how long a load can be carried (Holewijn,
Eur. J. Appl. Physiol. 61:237-245, 1990, doi:10.1007/BF00357606); peak pressure explains
most of the discomfort (Wettenschwiler et al., PLoS ONE 10(11):e0142004, 2015,
doi:10.1371/journal.pone.0142004). Skin blood flow stops at about 30 mmHg (4 kPa) of
pressure, the threshold used for shoulder straps (Macias et al., J. Pediatr. Orthop.
28(5):512-517, 2008, doi:10.1097/BPO.0b013e31817d8143), and wider straps lower it (Golriz
et al., Work, 2017). The mean pressure is what this model gives: peaks under a
strap's edges run higher.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatOrArray = float | np.ndarray

GRAVITY = 9.80665  # [m/s²] standard gravity
SHOULDER_PRESSURE_LIMIT_KPA = 4.0  # skin blood flow stops above ~30 mmHg (Macias 2008)
SHOULDER_CONTACT_CM = 12.0  # strap in contact over the top of the shoulder (assumption)
SHOULDER_SHARE = 1.0  # share of the carried weight on the shoulders (no hip belt)


def shoulder_pressure_kpa(
    carried_mass_g: npt.ArrayLike,
    strap_width_cm: npt.ArrayLike,
    contact_length_cm: npt.ArrayLike = SHOULDER_CONTACT_CM,
    shoulder_share: npt.ArrayLike = SHOULDER_SHARE,
) -> FloatOrArray:
    r"""Mean pressure under the two shoulder straps [kPa].

    .. math:: p = \frac{s \, m g}{2 \, w \, \ell}

    Parameters
    ----------
    carried_mass_g : float or array_like
        Vest and load m [g].
    strap_width_cm : float or array_like
        Strap width w [cm] (the straps' width over the shoulder).
    contact_length_cm : float or array_like, optional
        Strap length in contact over the shoulder ℓ [cm] (default 12 cm: an assumption,
        the arc from the collarbone to the top of the shoulder blade).
    shoulder_share : float or array_like, optional
        Share of the weight on the shoulders s [-] (default 1: a vest has no hip belt).

    Returns
    -------
    float or ndarray
        Mean pressure [kPa]. Valid for straps that lie flat over the shoulder; a strap
        running far from the neck or at a steep angle loads the armpit instead.

    References
    ----------
    Holewijn 1990, doi:10.1007/BF00357606; Macias et al. 2008,
    doi:10.1097/BPO.0b013e31817d8143 (the 4 kPa limit).

    Examples
    --------
    3 kg on 5 cm straps over 12 cm of shoulder: 29.4 N on 120 cm², 2.45 kPa.

    >>> round(float(shoulder_pressure_kpa(3000.0, 5.0)), 2)
    2.45
    """
    force_n = np.asarray(shoulder_share) * np.asarray(carried_mass_g) / 1000.0 * GRAVITY
    area_m2 = 2.0 * np.asarray(strap_width_cm) * np.asarray(contact_length_cm) / 1e4
    return force_n / area_m2 / 1000.0
