"""Safe to serve: the server settings the README documents are the ones shipped, and the
page reads no path and runs no code from its users."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_SOURCES = [ROOT / "app.py", *sorted((ROOT / "packcalc" / "ui").rglob("*.py"))]


def test_streamlit_config_is_safe_to_serve():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    server = config["server"]
    assert server["address"] == "localhost"
    assert server["maxUploadSize"] == 1  # MB, before the app's own 256 kB check
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["enableStaticServing"] is False
    assert config["client"]["showErrorDetails"] == "type"  # no tracebacks in browsers


def called_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.func.id if isinstance(node.func, ast.Name) else node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
    }


def test_the_page_reads_no_path_and_runs_no_code_from_its_users():
    # Uploads go to design_from_toml (tomllib: data only); presets by name only.
    called = set().union(*(called_names(p) for p in PAGE_SOURCES))
    forbidden = {"eval", "exec", "compile", "open", "load_design", "read_design", "read_text",
                 "read_bytes", "loads", "Popen", "import_module", "run_path"}  # fmt: skip
    assert not called & forbidden, called & forbidden
    assert {"design_from_toml", "load_preset"} <= called


def test_the_page_imports_nothing_when_packcalc_is_imported():
    # ``import packcalc`` never imports streamlit (the page's package is imported apart).
    init = (ROOT / "packcalc" / "__init__.py").read_text(encoding="utf-8")
    assert "packcalc.ui" not in init and "streamlit" not in init
