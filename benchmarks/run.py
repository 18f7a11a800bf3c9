"""Speed of packcalc, printed as medians and ratios (never asserted in tests).

Run: ``.venv/bin/python benchmarks/run.py`` (``--quick`` for fewer repetitions).
Machines are shared and noisy: compare ratios measured in one run, not absolute times
across runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_time(function: Callable[[], object], repeat: int, number: int = 1) -> float:
    """Median over ``repeat`` runs of the mean time of ``number`` calls [s]."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def interpreter_time(code: str) -> float:
    """Wall time of a fresh ``python -c code`` [s]."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - start


def import_time(repeat: int) -> tuple[float, float]:
    """Median wall time of a fresh ``python -c 'import packcalc'`` and of a bare interpreter."""
    bare = statistics.median(interpreter_time("pass") for _ in range(repeat))
    package = statistics.median(interpreter_time("import packcalc") for _ in range(repeat))
    engine = statistics.median(interpreter_time("import packcalc.estimator") for _ in range(repeat))
    return package - bare, engine - bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 5 if args.quick else 15

    from packcalc import mass
    from packcalc.design import load_design
    from packcalc.estimator import estimate, tolerance_inputs, weight_parts
    from packcalc.library import load_library, materials_dir, read_library
    from packcalc.pattern import draft

    rows: list[tuple[str, float, str]] = []
    package, engine = import_time(max(3, repeat // 3))
    rows.append(("import packcalc (lazy)", package, "s"))
    rows.append(("import packcalc.estimator (models + pint + library code)", engine, "s"))
    rows.append(
        (
            "read + validate the materials library",
            median_time(lambda: read_library(materials_dir()), repeat),
            "s",
        )
    )
    rows.append(
        (
            "load + validate a preset design",
            median_time(lambda: load_design("ultra-12l"), repeat),
            "s",
        )
    )

    library = load_library()
    design = load_design("ultra-12l")
    estimate(design)
    one = median_time(lambda: estimate(design), repeat, number=50)
    rows.append(("estimate() of one design (ultra-12l, 4 000-sample band)", one, "s"))
    draft(design.body, design.options)
    rows.append(
        (
            "  of which: draft the pattern",
            median_time(lambda: draft(design.body, design.options), repeat, 50),
            "s",
        )
    )
    parts = weight_parts(design, library)
    rows.append(
        (
            "  of which: list the weight parts",
            median_time(lambda: weight_parts(design, library), repeat, 50),
            "s",
        )
    )

    from packcalc import packing
    from packcalc.estimator import packing_inputs

    inputs = packing_inputs(parts, library)
    rows.append(
        (
            "  of which: packed-volume curve of the vest (31 pressures)",
            median_time(lambda: inputs.volume_l(packing.CURVE_PRESSURES_KPA), repeat, 50),
            "s",
        )
    )
    many = np.geomspace(0.1, 100.0, 1_000_000)
    rows.append(
        (
            "packed volume of one vest at 10^6 pressures",
            median_time(lambda: inputs.volume_l(many), max(3, repeat // 3)),
            "s",
        )
    )

    # Load fit: 25 items in 12 pockets (the ultra preset with 4 more pockets, UTMB kit + 3).
    import dataclasses

    from packcalc.design import Pocket
    from packcalc.fit import _cached_place, fit_load, load_items, pocket_capacity

    more = (
        Pocket("hip left", "hip-left", 12, 10, 0, "power-mesh", "none", True),
        Pocket("hip right", "hip-right", 12, 10, 0, "power-mesh", "none", True),
        Pocket("strap left", "front-left", 7, 9, 0, "power-mesh", "none", True),
        Pocket("strap right", "front-right", 7, 9, 0, "power-mesh", "none", True),
    )
    twelve = dataclasses.replace(design, pockets=design.pockets + more)
    extra = [library.items["gel"], library.items["bar-65g"]]
    n_items = len(load_items(twelve, library, None, extra))
    fit_load(twelve, library, None, extra)

    def fresh_fit(*args: object) -> object:
        # The placement and capacities are remembered between calls: forget them here.
        _cached_place.cache_clear()
        pocket_capacity.cache_clear()
        return fit_load(*args)

    place = median_time(lambda: fresh_fit(twelve, library, None, extra), repeat)
    rows.append((f"load fit: {n_items} items in {len(twelve.pockets)} pockets (MILP)", place, "s"))
    minimal = load_design("ultra-minimal")
    hard = median_time(lambda: fresh_fit(minimal, library, "utmb"), max(3, repeat // 3))
    rows.append(
        ("load fit: UTMB kit in the ultra-minimal (crowded: most items compete)", hard, "s")
    )

    band_args = (*tolerance_inputs(parts), 0.05, 0.02, 0.05)
    band = median_time(lambda: mass.tolerance_samples(*band_args, samples=100_000), repeat)
    rows.append(("tolerance band, 10^5 samples", band, "s"))

    # The app: one full rerun of the page script after a slider move (AppTest runs the
    # script in this process, as the server does; it includes building every chart).
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    heights = iter([36.0, 34.0] * (repeat + 2))
    app.slider(key="opt_back_height").set_value(next(heights)).run()  # warm the caches

    def slider_move() -> None:
        app.slider(key="opt_back_height").set_value(next(heights)).run()

    rerun = median_time(slider_move, repeat)
    rows.append(("app rerun after a pattern slider move (AppTest)", rerun, "s"))

    def pocket_change() -> None:
        app.slider(key="pressure").set_value(next(heights) / 10).run()

    rows.append(
        (
            "app rerun after a pressure slider move (AppTest)",
            median_time(pocket_change, repeat),
            "s",
        )
    )

    print(f"packcalc benchmarks (median of {repeat} runs; Python {sys.version.split()[0]})")
    width = max(len(name) for name, _, _ in rows)
    for name, seconds, _ in rows:
        print(f"  {name:<{width}}  {seconds * 1e3:9.3f} ms")
    print()
    print(
        "goals: one estimate ≤ 5 ms, the 10^5-sample band ≤ 100 ms, 25 items in 12 pockets ≤ 50 ms"
    )
    print(f"  estimate:  {one * 1e3:.2f} ms = {one / 5e-3:.2f} × the goal")
    print(f"  band:      {band * 1e3:.1f} ms = {band / 0.1:.2f} × the goal")
    print(f"  placement: {place * 1e3:.1f} ms = {place / 0.05:.2f} × the goal")
    print(f"  app rerun: {rerun * 1e3:.1f} ms = {rerun / 0.1:.2f} × the 100 ms goal")


if __name__ == "__main__":
    main()
