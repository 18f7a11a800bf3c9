"""The packcalc command: materials listing, textile calculators, bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from numpy.testing import assert_allclose

from packcalc.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def woven(ends: str = "64.96", picks: str = "64.96") -> list[str]:
    """``packcalc textile woven`` for a 20D yarn each way."""
    return ["textile", "woven", "--ends-per-cm", ends, "--picks-per-cm", picks,
            "--warp", "20 denier", "--weft", "20 denier"]  # fmt: skip


def knit(loop: str = "2 mm", yarn: str = "7.8 tex") -> list[str]:
    """``packcalc textile knit`` for 22 courses and 16 wales per cm."""
    return ["textile", "knit", "--courses-per-cm", "22", "--wales-per-cm", "16",
            "--loop-length", loop, "--yarn", yarn]  # fmt: skip


def test_materials_json_lists_every_kind_with_sources(capsys):
    status, out, _ = run(capsys, "materials", "--json")
    assert status == 0
    data = json.loads(out)
    assert set(data) == {"fibres", "fabrics", "trims", "items"}
    assert len(data["fibres"]) >= 8
    assert len(data["fabrics"]) >= 20
    assert len(data["trims"]) >= 12
    assert len(data["items"]) >= 25
    for group in data.values():
        for record in group:
            assert record["id"] and record["name"]
            assert record["source"] or (record["assumption"] and record["note"])
    for fabric in data["fabrics"]:
        assert {"construction", "composition", "areal_density_gsm", "thickness_mm"} <= set(fabric)
        assert abs(sum(fabric["composition"].values()) - 1) < 1e-6


def test_materials_kind_filter_and_text(capsys):
    status, out, _ = run(capsys, "materials", "--kind", "fibre", "--json")
    assert status == 0
    assert set(json.loads(out)) == {"fibres"}
    status, out, _ = run(capsys, "materials", "--kind", "fabric")
    assert status == 0
    assert out.startswith("fabrics (")
    assert "source:" in out


def test_textile_woven_golden(capsys):
    # 20D × 330T: 330 threads per square inch counted along two sides → 64.96 per cm each way.
    status, out, _ = run(capsys, *woven(), "--json")
    assert status == 0
    assert_allclose(json.loads(out)["areal_density_gsm"], 28.9, atol=0.05)
    status, out, _ = run(capsys, *woven(), "--warp-crimp", "0.04", "--weft-crimp", "0.04", "--json")
    assert status == 0
    assert_allclose(json.loads(out)["areal_density_gsm"], 30.0, atol=0.05)


def test_textile_knit_golden(capsys):
    status, out, _ = run(capsys, *knit(), "--json")
    assert status == 0
    assert_allclose(json.loads(out)["areal_density_gsm"], 54.9, atol=0.05)
    status, out, _ = run(capsys, *knit())
    assert "54.9 g/m²" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (knit(loop="2 kg"), "--loop-length: expected a length like '0.6 mm', got '2 kg'"),
        (knit(loop="2"), "--loop-length: expected a length"),
        (woven(ends="-5", picks="60"), "--ends-per-cm: expected a value"),
        (woven(ends="nan", picks="60"), "--ends-per-cm: expected a finite"),
        (["textile", "woven", "--ends-per-cm", "abc"], "invalid float value"),
        (["materials", "--kind", "rock"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, message):
    with pytest.raises(SystemExit) as exit_info:
        status = main(argv)
        raise SystemExit(status)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_console_script_exits_2_without_traceback():
    script = shutil.which("packcalc", path=str(Path(sys.executable).parent))
    assert script, "the packcalc console command is installed with the package"
    result = subprocess.run(
        [script, *knit(yarn="7.8 kg")],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "--yarn: expected a linear density like '20 denier', got '7.8 kg'" in result.stderr


# ------------------------------------------------------------------ estimate and presets


def test_estimate_preset_json(capsys):
    status, out, _ = run(capsys, "estimate", "race-5l", "--json")
    assert status == 0
    data = json.loads(out)
    assert {"weight_g", "weight_breakdown_g", "weight_band_g"} <= set(data)
    assert abs(sum(data["weight_breakdown_g"].values()) - data["weight_g"]) < 0.01
    p5, p95 = data["weight_band_g"]
    assert p5 < data["weight_g"] < p95


def test_estimate_size_and_text(capsys):
    _, m, _ = run(capsys, "estimate", "race-5l", "--json")
    status, xl, _ = run(capsys, "estimate", "race-5l", "--size", "XL", "--json")
    assert status == 0
    assert json.loads(xl)["weight_g"] > json.loads(m)["weight_g"]
    assert json.loads(xl)["size"] == "XL"
    status, text, _ = run(capsys, "estimate", "ultra-12l")
    assert status == 0
    assert "breakdown" in text and "total" in text and "compare:" in text


def test_estimate_a_file(capsys, tmp_path):
    from packcalc.design import load_design, save_design

    path = tmp_path / "mine.toml"
    save_design(load_design("ultra-minimal"), path)
    status, out, _ = run(capsys, "estimate", str(path), "--json")
    assert status == 0
    assert json.loads(out)["design"] == "Ultra-minimal 2.5 L"


def test_presets_command(capsys):
    status, out, _ = run(capsys, "presets")
    assert status == 0
    for name in ("ultra-minimal", "race-5l", "ultra-12l"):
        assert name in out
    status, out, _ = run(capsys, "presets", "--json")
    assert {p["name"] for p in json.loads(out)} >= {"ultra-minimal", "race-5l", "ultra-12l"}


@pytest.mark.parametrize(
    ("content", "argv_extra", "message"),
    [
        ('name = "x"\nsize = "M"\n[panels.back]\nfabric = "powermesh"\n', [], "panels.back.fabric: unknown fabric 'powermesh' (did you mean"),
        ("name = ", [], "malformed TOML"),
        (None, ["--size", "XXL"], "size: unknown size 'XXL'"),
    ],
)  # fmt: skip
def test_estimate_bad_input_exits_2(capsys, tmp_path, content, argv_extra, message):
    target = "race-5l"
    if content is not None:
        target = str(tmp_path / "bad.toml")
        (tmp_path / "bad.toml").write_text(content)
    status = main(["estimate", target, *argv_extra])
    err = capsys.readouterr().err
    assert status == 2
    assert message in err
    assert err.count("\n") == 1


def test_estimate_missing_file_exits_2(capsys):
    assert main(["estimate", "no-such-design.toml"]) == 2
    assert "no design file or preset named 'no-such-design.toml'" in capsys.readouterr().err


def test_estimate_packed_volume_keys_and_pressure(capsys):
    _, out, _ = run(capsys, "estimate", "race-5l", "--json")
    data = json.loads(out)
    for key in ("packed_volume_l", "packed_floor_l", "tshirt_volume_ratio", "tshirt_weight_ratio"):
        assert isinstance(data[key], float)
    assert data["packed_pressure_kpa"] == 2.0
    assert len(data["packed_curve"]["pressure_kpa"]) == len(data["packed_curve"]["vest_l"])
    status, out, _ = run(capsys, "estimate", "race-5l", "--pressure", "100 kPa", "--json")
    assert status == 0
    vacuum = json.loads(out)
    assert vacuum["packed_pressure_kpa"] == 100.0
    assert vacuum["packed_volume_l"] < data["packed_volume_l"]
    assert vacuum["packed_volume_l"] >= vacuum["packed_floor_l"]
    status, text, _ = run(capsys, "estimate", "race-5l", "--pressure", "0.75 psi")
    assert status == 0
    assert "at 5.171" in text  # 0.75 psi = 5.171 kPa


@pytest.mark.parametrize(
    ("value", "message"),
    [("2", "--pressure: expected a pressure like '2 kPa', got the bare number"),
     ("-2 kPa", "--pressure: expected a value greater than 0"),
     ("500 kPa", "--pressure: expected a value of at most 200")],
)  # fmt: skip
def test_estimate_bad_pressure(capsys, value, message):
    assert main(["estimate", "race-5l", "--pressure", value]) == 2
    assert message in capsys.readouterr().err
