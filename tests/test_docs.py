"""The documented examples work: the annotated design file parses and estimates."""

from __future__ import annotations

import re
from pathlib import Path

from packcalc.design import design_from_toml, design_to_toml
from packcalc.estimator import estimate

ROOT = Path(__file__).resolve().parent.parent


def test_annotated_design_example_is_valid():
    text = (ROOT / "docs" / "design-format.md").read_text()
    block = re.search(r"## Annotated example\n\n```toml\n(.*?)```", text, re.S).group(1)
    design = design_from_toml(block)
    assert design.custom_panels and design.load and design.custom_items
    assert estimate(design).weight.m_as("g") > 0
    assert design_from_toml(design_to_toml(design)) == design


def test_readme_commands_exist():
    readme = (ROOT / "README.md").read_text()
    assert "./run.sh app" in readme and "./run.sh test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "./run.sh test" in ci


def test_readme_python_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(tmp_path)  # the example saves a design file
    exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "lighter.toml").is_file()
