"""The unit registry and the quantity parser."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from packcalc import PackcalcError
from packcalc.units import Q_, check_number, format_quantity, parse_quantity, ureg


def test_one_registry_with_gsm_and_osy():
    assert Q_(1, "gsm").to("g/m**2").magnitude == 1
    # 4.8 osy → 162.7 gsm ([pint-units]); 1 oz/yd² = 33.906 g/m² (unit definitions).
    assert_allclose(Q_(4.8, "osy").to("gsm").magnitude, 162.7, atol=0.05)
    assert_allclose(Q_(1, "oz/yd**2").to("g/m**2").magnitude, 33.906, atol=0.001)
    assert ureg is Q_(1, "m")._REGISTRY


@pytest.mark.parametrize(
    ("text", "unit", "expected", "atol"),
    [
        ("20 denier", "tex", 20 / 9, 1e-12),
        ("70 denier", "dtex", 77.78, 0.01),
        ("1.3 oz/yd**2", "g/m**2", 44.08, 0.01),
        ("0.6 mm", "mm", 0.6, 1e-12),
        ("45 gsm", "g/m**2", 45.0, 1e-12),
        ("8 cm", "mm", 80.0, 1e-12),
        ("50 gf/cm**2", "kPa", 4.903, 0.001),  # KES pressure unit
        ("0.5 L", "cm**3", 500.0, 1e-9),
        ("30 Ne", "tex", 19.68, 0.005),  # indirect count: 590.5 / 30 [tayyon-linear-density]
        ("50 Nm", "tex", 20.0, 1e-9),  # metric count: 1000 / 50
    ],
)
def test_parse_quantity_converts_to_the_canonical_unit(text, unit, expected, atol):
    assert_allclose(parse_quantity(text, unit, "x"), expected, atol=atol)


def test_parse_quantity_accepts_a_quantity():
    assert_allclose(parse_quantity(Q_(2, "kPa"), "Pa", "pressure"), 2000.0)


def test_wrong_unit_names_field_value_and_kind():
    with pytest.raises(PackcalcError) as err:
        parse_quantity("45 kg", "g/m**2", "fabrics.silnylon.areal_density")
    assert str(err.value) == (
        "fabrics.silnylon.areal_density: expected an areal density like '45 g/m**2', got '45 kg'"
    )
    assert err.value.field == "fabrics.silnylon.areal_density"
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize("bare", [45, 45.0, "45"])
def test_bare_numbers_are_refused_with_an_example(bare):
    with pytest.raises(PackcalcError, match=r"width: expected a length like '8 cm'.*unit"):
        parse_quantity(bare, "cm", "width")


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("-3 mm", "greater than 0"),
        ("0 mm", "greater than 0"),
        ("nan mm", "finite"),
        ("inf mm", "finite"),
        ("", "empty"),
        ("three mm", "got 'three mm'"),
        (None, "got NoneType"),
        (True, "bare number"),
        ("2 Td", "length"),  # Td is townsend in pint ≥ 0.21, never denier
    ],
)
def test_bad_values_are_rejected(value, match):
    with pytest.raises(PackcalcError, match=match):
        parse_quantity(value, "mm", "thickness")


def test_zero_allowed_when_asked_and_maximum():
    assert parse_quantity("0 mm", "mm", "t", allow_zero=True) == 0.0
    with pytest.raises(PackcalcError, match="at most 10"):
        parse_quantity("11 mm", "mm", "t", maximum=10)


def test_check_number():
    assert check_number(0.5, "share", maximum=1) == 0.5
    for bad in (float("nan"), -0.1, 1.5, "0.5", None, True):
        with pytest.raises(PackcalcError, match=r"^share: "):
            check_number(bad, "share", maximum=1)


@given(st.floats(min_value=1e-6, max_value=1e6))
def test_format_then_parse_round_trips(value):
    text = format_quantity(value, "cm", digits=17)
    assert math.isclose(parse_quantity(text, "cm", "x"), value, rel_tol=1e-12)


@given(st.floats(min_value=1e-3, max_value=1e4))
def test_denier_tex_round_trip(value):
    tex = parse_quantity(f"{value!r} denier", "tex", "yarn")
    assert math.isclose(parse_quantity(f"{tex!r} tex", "denier", "yarn"), value, rel_tol=1e-12)
