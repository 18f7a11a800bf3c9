"""The French interface: every string the app shows through ``_()`` has a translation."""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

from packcalc.capacity import COMFORT_PRESSURE_KPA
from packcalc.packing import NAMED_PRESSURES
from packcalc.pattern import OPTION_SPECS
from packcalc.ui.display import SYSTEMS
from packcalc.ui.figures import HEADLINE
from packcalc.ui.i18n import FR, translate
from packcalc.ui.state import CUSTOM, LOAD_NONE

APP = Path(__file__).resolve().parent.parent / "app.py"
SIZE_LABELS = {"XS", "S", "M", "L", "XL"}  # the same in French: a translation is optional


def app_tree() -> ast.Module:
    return ast.parse(APP.read_text(encoding="utf-8"))


def literal_strings(tree: ast.Module) -> set[str]:
    """Every string constant passed directly to ``_()`` (f-strings included)."""
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def module_dict(tree: ast.Module, name: str) -> dict[str, str]:
    """A module-level dict literal of app.py, read without running the app."""
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not found in app.py")


def interface_strings() -> set[str]:
    """The literal ``_()`` strings of app.py and those it passes through variables."""
    tree = app_tree()
    strings = literal_strings(tree)
    strings |= set(module_dict(tree, "GROUP_LABELS").values())
    strings |= set(module_dict(tree, "KIND_LABELS").values())
    strings |= {spec.description.capitalize() for spec in OPTION_SPECS.values()}
    strings |= set(NAMED_PRESSURES)
    strings |= set(COMFORT_PRESSURE_KPA)
    strings |= set(SYSTEMS)
    strings |= {CUSTOM, LOAD_NONE, "woven", "knit"}
    strings |= {label for label, _unit in HEADLINE.values()}
    return strings - SIZE_LABELS


def test_the_extraction_finds_the_app_strings():
    strings = interface_strings()
    assert {"Weight", "Vest", "Back panel", "Load items", "stuff sack", "(none)"} <= strings
    assert len(strings) > 100


def test_every_interface_string_has_a_french_translation():
    missing = sorted(s for s in interface_strings() if not FR.get(s, "").strip())
    assert not missing, f"no French translation for: {missing}"


def test_translations_keep_the_leading_capitalisation():
    def first_letter(text: str) -> str:
        return next((c for c in text if c.isalpha()), "")

    wrong = sorted(
        key for key, fr in FR.items() if first_letter(key).isupper() != first_letter(fr).isupper()
    )
    assert not wrong


def test_size_labels_are_left_alone():
    for size in SIZE_LABELS:
        assert translate(size, "fr") == size


def test_translate_falls_back_to_english():
    assert translate("Weight", "fr") == FR["Weight"]
    assert translate("Weight", "en") == "Weight"
    assert translate("No such string, surely", "fr") == "No such string, surely"
    assert translate("No such string, surely", "en") == "No such string, surely"


def test_the_app_in_french():
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    at.radio(key="lang").set_value("fr").run()
    assert not at.exception
    assert any(m.label == FR["Weight"] for m in at.metric)
    assert FR["Vest"] in [t.label for t in at.tabs]
