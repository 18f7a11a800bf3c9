"""Safe to serve: the server settings the README documents are the ones shipped."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_streamlit_config_is_safe_to_serve():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    server = config["server"]
    assert server["address"] == "localhost"
    assert server["maxUploadSize"] == 1  # MB, before the app's own 256 kB check
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["enableStaticServing"] is False
    assert config["client"]["showErrorDetails"] == "type"  # no tracebacks in browsers


def test_the_app_reads_no_path_and_runs_no_code_from_its_users():
    # Uploads go to design_from_toml (tomllib: data only); presets by name only.
    tree = ast.parse((ROOT / "app.py").read_text())
    called = {
        node.func.id if isinstance(node.func, ast.Name) else node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
    }
    assert not called & {"eval", "exec", "compile", "open", "load_design", "read_design",
                         "read_text", "read_bytes", "loads", "Popen", "import_module"}  # fmt: skip
    assert {"design_from_toml", "load_preset"} <= called
