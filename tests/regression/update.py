"""Write the presets' headline figures to ``presets.toml`` (the regression file).

Run it only on purpose, after a change that should move a figure, and give the reason
in the commit: ``.venv/bin/python tests/regression/update.py``.
"""

from __future__ import annotations

from pathlib import Path

import tomli_w

from packcalc.design import load_design, preset_names
from packcalc.estimator import estimate
from packcalc.library import load_library

HERE = Path(__file__).resolve().parent
HEADER = (
    "# The presets' headline figures, pinned: a change to a model that moves one fails\n"
    "# tests/test_regression.py. Update on purpose (tests/regression/update.py) and say why\n"
    "# in the commit.\n\n"
)


def figures(name: str) -> dict:
    """The figures pinned for one preset, with its own load and with the UTMB kit."""
    library = load_library()
    result = estimate(load_design(name), library=library)
    fit = result.load_fit
    p5, p50, p95 = (round(q.m_as("g"), 2) for q in result.weight_band)
    utmb = estimate(load_design(name), library=library, load="utmb").load_fit
    return {
        "weight_g": round(result.weight.m_as("g"), 3),
        "weight_band_g": [p5, p50, p95],
        "packed_volume_l": round(result.packed_volume.m_as("L"), 4),
        "capacity_relaxed_l": round(fit.capacity_relaxed_l, 3),
        "capacity_nominal_l": round(fit.capacity_nominal_l, 3),
        "capacity_stretched_l": round(fit.capacity_stretched_l, 3),
        "chest_range_cm": [round(v, 1) for v in fit.fit_range_cm],
        "shoulder_pressure_kpa": round(result.shoulder_pressure.m_as("kPa"), 3),
        "placement": {label: pocket for label, _, pocket in fit.placements},
        "utmb_fits": utmb.fits,
        "utmb_placement": {label: pocket for label, _, pocket in utmb.placements},
        "footprint_kg_co2e": footprint(result, library),
    }


def footprint(result, library) -> dict:
    """Cradle-to-gate kg CO2e along each named supply chain (the totals: no sampling)."""
    from packcalc.footprint_data import read_footprint
    from packcalc.lifecycle import scenario

    data = read_footprint()
    return {
        chain: round(scenario(result, library, data, chain=chain, samples=10).co2e_kg, 4)
        for chain in data.chains
    }


def main() -> None:
    data = {name: figures(name) for name in preset_names()}
    (HERE / "presets.toml").write_text(HEADER + tomli_w.dumps(data), encoding="utf-8")


if __name__ == "__main__":
    main()
