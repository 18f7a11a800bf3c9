"""packcalc's benchmark suite: one ``name: value unit`` per line, medians of one run.

Run: ``.venv/bin/python benchmarks/bench.py`` (``--quick`` for fewer repetitions).

Goals: ``batch_vs_scalar_ratio`` ≥ 300, ``batch_vs_numpy_floor_ratio`` ≤ 2,
``estimate_ms`` ≤ 5, ``import_s`` ≤ 0.6, ``app_rerun_ms`` ≤ 200, ``loadfit_ms`` ≤ 50,
``band_1e5_ms`` ≤ 100, ``batch_variants_per_s`` ≥ 10^6; ``optimise_s``: the race brief to
a front of at least 30 points (``optimise_front_points``); ``app_rerun_over_floor`` ≤ 1.5
(the page's rerun after a move against the same page drawn from ready figures) and, with
``--browser``, ``sessions10_p95_s`` ≤ 1.5 (ten designers at once on 2 cores). Machines are
shared and noisy: compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from run import interpreter_time  # noqa: E402  (benchmarks/run.py, beside this script)
from run import median_time as median  # noqa: E402


def line(name: str, value: float, unit: str) -> None:
    print(f"{name}: {value:.4g} {unit}".rstrip(), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--variants", type=int, default=1_000_000, help="batch size")
    parser.add_argument(
        "--browser", action="store_true", help="also ten sessions in Chromium (about a minute)"
    )
    args = parser.parse_args()
    repeat = 5 if args.quick else 11

    # import_s: a fresh interpreter importing the package (minus a bare interpreter).
    bare = statistics.median(interpreter_time("pass") for _ in range(repeat))
    lazy = "import sys, packcalc; assert 'streamlit' not in sys.modules"
    full = statistics.median(interpreter_time(lazy) for _ in range(repeat))
    line("import_s", full - bare, "s")

    from packcalc import fit, mass
    from packcalc.batch import evaluate
    from packcalc.design import Pocket, load_design
    from packcalc.estimator import estimate, packing_inputs, tolerance_inputs, weight_parts
    from packcalc.library import load_library

    library = load_library()
    race = load_design("race-5l")
    estimate(race, library=library)
    line("estimate_ms", median(lambda: estimate(race, library=library), repeat, 20) * 1e3, "ms")

    parts = weight_parts(race, library)
    band_args = (*tolerance_inputs(parts), 0.05, 0.02, 0.05)
    band = median(lambda: mass.tolerance_samples(*band_args, samples=100_000), repeat)
    line("band_1e5_ms", band * 1e3, "ms")

    ultra = load_design("ultra-12l")
    more = (
        Pocket("hip left", "hip-left", 12, 10, 0, "power-mesh", "none", True),
        Pocket("hip right", "hip-right", 12, 10, 0, "power-mesh", "none", True),
        Pocket("strap left", "front-left", 7, 9, 0, "power-mesh", "none", True),
        Pocket("strap right", "front-right", 7, 9, 0, "power-mesh", "none", True),
    )
    twelve = dataclasses.replace(ultra, pockets=ultra.pockets + more)
    extra = [library.items["gel"], library.items["bar-65g"]]

    def fresh_fit() -> None:
        fit._cached_place.cache_clear()  # measure the solve, not the memory of it
        fit.pocket_capacity.cache_clear()
        fit.fit_load(twelve, library, None, extra)

    line("loadfit_ms", median(fresh_fit, repeat) * 1e3, "ms")

    # The optimiser: the race brief to a trade-off front (NSGA-II, 10 000 designs).
    from packcalc.optimise import Brief, optimise

    brief = Brief(capacity_min_l=5.0, packed_max_l=0.5)
    fronts: list[int] = []

    def search() -> None:
        fronts.append(len(optimise(race, brief, library, samples=10_000).front["weight_g"]))

    line("optimise_s", median(search, max(3, repeat // 3)), "s")
    line("optimise_front_points", min(fronts), "")

    # Batch: weight + packed volume + capacity of the 5 L preset, every pattern option,
    # the areal density of each panel group and the pressure varied at random.
    n = args.variants
    rng = np.random.default_rng(0)
    variants = {
        "back.height": rng.uniform(30, 38, n),
        "back.width": rng.uniform(26, 30, n),
        "front.height": rng.uniform(24, 28, n),
        "front.width": rng.uniform(11, 13, n),
        "strap.width": rng.uniform(4, 6, n),
        "wing.depth": rng.uniform(8, 12, n),
        "gsm.back": rng.uniform(120, 250, n),
        "gsm.front": rng.uniform(120, 250, n),
        "gsm.wing": rng.uniform(80, 200, n),
        "pressure": rng.uniform(1, 20, n),
    }
    evaluate(race, {k: v[:100] for k, v in variants.items()}, library)
    batch = median(lambda: evaluate(race, variants, library), max(3, repeat // 3))
    line("batch_variants_per_s", n / batch, "1/s")

    # The same variants one at a time through the single-design path (a sample of them).
    sample = 200
    from packcalc.batch import apply

    designs = [
        apply(race, {k: v[i] for k, v in variants.items() if k != "pressure"}, library)
        for i in range(sample)
    ]

    def scalar_loop() -> None:
        for i, design in enumerate(designs):
            estimate(design, library=library, pressure_kpa=variants["pressure"][i])
            sum(fit.pocket_capacity(p, library).stretched_l for p in design.pockets)

    per_scalar = median(scalar_loop, 3) / sample
    line("batch_vs_scalar_ratio", per_scalar / (batch / n), "x")

    # The numpy floor: the same arithmetic (part masses summed, packed volume summed) on
    # pre-built arrays, with nothing else: how close the batch pass is to the machine.
    batch_parts = weight_parts(
        race,
        library,
        options={
            "back_height": variants["back.height"],
            "back_width": variants["back.width"],
            "front_height": variants["front.height"],
            "front_width": variants["front.width"],
            "strap_width": variants["strap.width"],
            "side_wing_depth": variants["wing.depth"],
        },
        gsm={g: variants[f"gsm.{g}"] for g in ("back", "front", "wing")},
    )
    masses = np.stack(
        [np.broadcast_to(np.asarray(p.mass_g, dtype=float), (n,)) for p in batch_parts]
    )
    inputs = packing_inputs(batch_parts, library)
    soft = np.stack(
        [np.broadcast_to(np.asarray(m, dtype=float), (n,)) for m, *_ in inputs.soft_parts]
    )
    laws = np.array([[rho, phi0, a, fold] for _, rho, phi0, a, fold in inputs.soft_parts])
    pressure = variants["pressure"]

    from packcalc.batch import EVALUATE_CHUNK

    def numpy_floor() -> None:
        # In the same blocks as the batch pass, so both get the same cache behaviour.
        for start in range(0, n, EVALUATE_CHUNK):
            block = slice(start, start + EVALUATE_CHUNK)
            masses[:, block].sum(axis=0)
            phi = np.minimum((laws[:, 1:2] ** 3 + pressure[block] / laws[:, 2:3]) ** (1 / 3), 1.0)
            (soft[:, block] / (laws[:, 0:1] * laws[:, 3:4] * phi)).sum(axis=0)

    floor = median(numpy_floor, max(3, repeat // 3))
    line("batch_vs_numpy_floor_ratio", batch / floor, "x")

    app_figures(repeat)
    # Peak memory of a batch run alone, in a fresh process (this one holds the floor's
    # pre-built arrays and the app).
    probe = (
        "import numpy as np; from packcalc.batch import evaluate; "
        "from packcalc.design import load_design; rng = np.random.default_rng(0); "
        f"n = {n}; "
        "evaluate(load_design('race-5l'), {'back.height': rng.uniform(30, 38, n), "
        "'gsm.back': rng.uniform(120, 250, n), 'pressure': rng.uniform(1, 20, n)}); "
        # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    rss_kb = float(subprocess.run([sys.executable, "-c", probe], check=True, cwd=ROOT,
                                  capture_output=True, text=True).stdout.split()[-1])  # fmt: skip
    line("peak_rss_mb", rss_kb / 1024, "MB")
    if args.browser:
        browser_figures()


# The floor of the Vest page's rerun: the same page, its design and its figures handed in
# ready (what the caches hold after a move), so that only the drawing is left.
FLOOR = """
import runpy
from packcalc.ui import compute, session
from packcalc_bench_floor import design, data, svg
session.design = lambda library: (design, None, "floor")
compute.vest = lambda key, _design: data
compute.pattern_svg = lambda key, lang, system, _design: svg
runpy.run_path({app!r}, run_name="__main__")
"""


def app_figures(repeat: int) -> None:
    """``app_rerun_ms``: the Vest page run again after a pattern slider moves (a new value
    each time: nothing comes from the caches), in AppTest; ``app_floor_ms``: the same
    moves on the same page drawn from figures computed beforehand; and their ratio.
    Both are measured in turn, move by move, so that the machine's noise hits both."""
    import types

    from streamlit.testing.v1 import AppTest

    from packcalc.design import load_design
    from packcalc.library import load_library
    from packcalc.ui import compute, results, session
    from packcalc.ui.display import Fmt
    from packcalc.ui.figures import pattern_svg

    design = load_design("race-5l")
    figures = results.vest_figures(design, load_library())
    svg = pattern_svg(results.pattern_geometry(design), Fmt())
    ready = types.ModuleType("packcalc_bench_floor")  # what the floor's script imports
    ready.design, ready.data, ready.svg = design, figures, svg
    sys.modules[ready.__name__] = ready
    saved = session.design, compute.vest, compute.pattern_svg
    page = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    floor = AppTest.from_string(FLOOR.format(app=str(ROOT / "app.py")), default_timeout=120)
    try:
        for at in (page, floor):
            at.run()
            assert not at.exception, at.exception

        def move(at, value: float) -> float:
            # The floor's script hands in its figures on every run; the page computes.
            session.design, compute.vest, compute.pattern_svg = saved
            slider = next(w for w in at.slider if w.key.startswith("opt_back_height."))
            start = time.perf_counter()
            slider.set_value(value).run()
            return time.perf_counter() - start

        page_times, floor_times = [], []
        for i in range(repeat + 2):
            value = round(34.1 + 0.1 * i, 1)
            page_times.append(move(page, value))
            floor_times.append(move(floor, value))
    finally:
        session.design, compute.vest, compute.pattern_svg = saved
    rerun = statistics.median(page_times[2:])
    floor_ms = statistics.median(floor_times[2:])
    line("app_rerun_ms", rerun * 1e3, "ms")
    line("app_floor_ms", floor_ms * 1e3, "ms")
    line("app_rerun_over_floor", rerun / floor_ms, "x")


def browser_figures() -> None:
    """Ten designers at once in a real browser: tests/test_concurrency.py's harness (one
    ``streamlit run``, ten Chromium tabs each moving its own slider), its figures read
    from artifacts/concurrency.txt."""
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "browser",
         "tests/test_concurrency.py"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures = dict(
        line.split(": ", 1)
        for line in (ROOT / "artifacts" / "concurrency.txt").read_text().splitlines()
    )
    p95, alone = float(figures["p95_s"]), float(figures["one_session_alone_median_s"])
    line("sessions10_p95_s", p95, "s")
    line("sessions10_median_s", float(figures["median_s"]), "s")
    line("session1_median_s", alone, "s")
    line("sessions10_p95_over_session1", p95 / alone, "x")


if __name__ == "__main__":
    main()
