"""Bad input everywhere: mutated design files never raise anything but PackcalcError."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from packcalc import PackcalcError
from packcalc.cli import main
from packcalc.design import design_from_dict, design_from_toml, presets_dir
from packcalc.estimator import estimate
from packcalc.library import load_library

LIB = load_library()
PRESETS = {p.stem: tomllib.loads(p.read_text()) for p in sorted(presets_dir().glob("*.toml"))}
CASES = {"count": 0}


@pytest.fixture(scope="module", autouse=True)
def report_cases():
    # After the module: how many cases were tried, for the record (artifacts/fuzz.txt).
    yield
    report = Path(__file__).resolve().parent.parent / "artifacts" / "fuzz.txt"
    report.parent.mkdir(exist_ok=True)
    report.write_text(f"fuzz cases tried: {CASES['count']}\n")


# What a mutation may write in place of a value.
BAD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        ["8 kg", "-3 cm", "0 cm", "nan cm", "inf cm", "1e30 cm", "8", "", "powermesh", "M",
         "XXL", "2 kPa", "1e308 g/m**2", "8 cm cm", "__import__('os')", "../../etc/passwd",
         "💥", "1/0 cm", "8 cm; rm -rf /"]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)  # fmt: skip


def paths(node, prefix=()):
    """Every (path) of a nested dict/list value."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


def mutate(data, path, action, value):
    data = copy.deepcopy(data)
    if not path:
        return value if action == "replace" else data
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if action == "delete":
        del parent[key]
    elif action == "nest":
        parent[key] = {"deep": {"deeper": [parent[key], {"x": [value]}]}}
    else:
        parent[key] = value
    return data


def check(data):
    CASES["count"] += 1
    try:
        design_from_dict(data, LIB)
    except PackcalcError as exc:
        message = str(exc)
        assert "\n" not in message, message
        assert message
    # Anything else (TypeError, KeyError, …) fails the test with its traceback.


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_mutated_presets_are_accepted_or_refused_cleanly(data):
    name = data.draw(st.sampled_from(sorted(PRESETS)))
    preset = PRESETS[name]
    every = list(paths(preset))
    path = data.draw(st.sampled_from(every))
    action = data.draw(st.sampled_from(["replace", "delete", "nest"]))
    value = data.draw(BAD_VALUES)
    if action == "delete" and not path:
        return
    check(mutate(preset, path, action, value))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_several_mutations_at_once(data):
    design = PRESETS[data.draw(st.sampled_from(sorted(PRESETS)))]
    for _ in range(data.draw(st.integers(2, 5))):
        every = list(paths(design))
        path = data.draw(st.sampled_from(every[1:]))
        design = mutate(design, path, data.draw(st.sampled_from(["replace", "delete"])),
                        data.draw(BAD_VALUES))  # fmt: skip
    check(design)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(raw):
    CASES["count"] += 1
    try:
        design_from_toml(raw, LIB)
    except PackcalcError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 3000), st.sampled_from(sorted(PRESETS)))
def test_truncated_files(cut, name):
    CASES["count"] += 1
    text = tomli_w.dumps(PRESETS[name])[:cut]
    try:
        design_from_toml(text, LIB)
    except PackcalcError as exc:
        assert "\n" not in str(exc)


def test_huge_and_deep_files(tmp_path):
    for text in ["x = " + "[" * 5000 + "]" * 5000, "a = 1\n" * 300_000, '"' * 10_000_000]:
        CASES["count"] += 1
        with pytest.raises(PackcalcError):
            design_from_toml(text.encode(), LIB)


def draw_mutated_file(data) -> bytes:
    """A preset with one value replaced, as the bytes of a file."""
    preset = PRESETS[data.draw(st.sampled_from(sorted(PRESETS)))]
    every = list(paths(preset))
    mutated = mutate(
        preset, data.draw(st.sampled_from(every[1:])), "replace", data.draw(BAD_VALUES)
    )
    try:
        return tomli_w.dumps(mutated).encode()
    except (TypeError, ValueError):
        return str(mutated).encode()  # not representable as TOML: a malformed file


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_cli_exits_0_or_2_with_one_line(tmp_path_factory, capsys, data):
    path = tmp_path_factory.mktemp("cli") / "design.toml"
    path.write_bytes(draw_mutated_file(data))
    CASES["count"] += 1
    status = main(["estimate", str(path), "--json"])
    err = capsys.readouterr().err
    assert status in (0, 2)
    if status == 2:
        assert err.count("\n") == 1 and "Traceback" not in err


APP = str(Path(__file__).resolve().parent.parent / "app.py")
UPLOAD_APP = {}


def upload_app():
    # One app session for every upload: the point is that a bad file never costs the
    # designer the design they had.
    if "at" not in UPLOAD_APP:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        UPLOAD_APP["at"] = at
    return UPLOAD_APP["at"]


def weight_shown(at):
    return next(m.value for m in at.metric if m.label == "Weight")


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_app_upload_shows_the_error_and_keeps_the_design(data):
    raw = draw_mutated_file(data)
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]  # and some cut short
    CASES["count"] += 1
    at = upload_app()
    before = weight_shown(at)
    at.file_uploader(key="upload").upload("fuzz.toml", raw, "application/toml").run()
    assert not at.exception
    try:
        design = design_from_toml(raw, LIB, source="fuzz.toml")
    except PackcalcError as exc:
        # The page names the file's own field (its message in the page's words and units).
        field = str(exc).partition(": ")[0]
        assert any(e.value.startswith(field) for e in at.error), (str(exc), at.error)
        assert weight_shown(at) == before
    else:
        assert not at.error
        assert weight_shown(at) == f"{estimate(design).weight.m_as('g'):.1f} g"
