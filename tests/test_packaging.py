"""A plain, non-editable install ships the materials library inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_the_materials_and_finds_them_outside_the_repository(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheel_dir),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    (wheel,) = wheel_dir.glob("packcalc-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("packcalc/materials/")}
    expected = {p.name for p in (ROOT / "materials").glob("*.toml")}
    assert expected and expected <= shipped

    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    # Run from an unrelated folder, with the installed copy first on the path.
    probe = (
        "import json, packcalc, packcalc.library as l; lib = l.load_library(); "
        "print(json.dumps([packcalc.__file__, str(l.materials_dir()), len(lib.fabrics)]))"
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    package_file, data_dir, fabric_count = json.loads(result.stdout)
    assert Path(package_file).is_relative_to(site)
    assert Path(data_dir).is_relative_to(site)
    assert fabric_count >= 20
