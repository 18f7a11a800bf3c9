"""Every ``--json`` output follows its published schema (``packcalc schema NAME``)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from packcalc.cli import SCHEMAS, main, schema_path

RUNS = {
    "estimate": [
        ["estimate", "race-5l", "--json"],
        ["estimate", "ultra-minimal", "--json"],
        ["estimate", "ultra-12l", "--load", "utmb", "--json"],
    ],
    "fit": [
        ["fit", "ultra-12l", "--load", "utmb", "--json"],
        ["fit", "race-5l", "--item", "big bag, 2000 g, 20 L", "--json"],  # one not placed
    ],
    "footprint": [
        ["footprint", "race-5l", "--compare", "VN", "--air", "0", "--air", "0.5", "--json"]
    ],
    "optimise": [["optimise", "race-5l", "--samples", "400", "--json"]],
    "validate": [["validate", "--json"]],
    "materials": [["materials", "--json"]],
    "presets": [["presets", "--json"]],
    "bom": [["bom", "race-5l", "--json"], ["bom", "ultra-minimal", "--size", "XL", "--json"]],
    "textile": [
        [
            "textile",
            "woven",
            "--ends-per-cm",
            "65",
            "--picks-per-cm",
            "60",
            "--warp",
            "20 denier",
            "--weft",
            "20 denier",
            "--json",
        ],
        [
            "textile",
            "knit",
            "--courses-per-cm",
            "22",
            "--wales-per-cm",
            "16",
            "--loop-length",
            "2 mm",
            "--yarn",
            "7.8 tex",
            "--json",
        ],
    ],
}


def schema(name):
    data = json.loads(schema_path(name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(data)
    return data


def output(argv, capsys):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_every_schema_is_exercised():
    assert set(RUNS) == set(SCHEMAS)


@pytest.mark.parametrize(
    ("name", "argv"), [(name, argv) for name, runs in RUNS.items() for argv in runs]
)
def test_output_follows_its_schema(name, argv, capsys):
    Draft202012Validator(schema(name)).validate(output(argv, capsys))


@pytest.mark.parametrize("name", ["estimate", "fit", "footprint", "optimise"])
def test_the_schemas_are_strict(name, capsys):
    # An undocumented key, or a figure of the wrong type, is refused: the schema can fail.
    data = output(RUNS[name][0], capsys)
    validator = Draft202012Validator(schema(name))
    with pytest.raises(ValidationError):
        validator.validate({**data, "undocumented": 1})
    first = next(
        k for k, v in data.items() if isinstance(v, float | int) and not isinstance(v, bool)
    )
    with pytest.raises(ValidationError):
        validator.validate({**data, first: "12 g"})


def test_every_top_level_figure_is_described():
    for name in SCHEMAS:
        data = schema(name)
        assert data.get("description"), name
        for key, prop in data.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key}"


def test_schema_command_prints_it(capsys):
    assert main(["schema", "fit"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "packcalc fit --json"
