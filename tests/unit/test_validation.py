import pytest
from hypothesis import given, strategies as st

from graph import validation as v
from graph.errors import ValidationError


@pytest.mark.parametrize("value", [0, 6, -1, "6", "x", 3.5, True, None, "", [3]])
def test_strength_out_of_range_names_the_field(value):
    with pytest.raises(ValidationError) as err:
        v.integer("strength", value, low=1, high=5)
    assert err.value.field == "strength"


@given(st.integers(min_value=1, max_value=5))
def test_strength_in_range_accepted_as_int_or_string(n):
    assert v.integer("strength", n, low=1, high=5) == n
    assert v.integer("strength", str(n), low=1, high=5) == n


@pytest.mark.parametrize("raw,expected", [("2026-11-22", "2026-11-22"), ("2026-11-22T10:00:00Z", "2026-11-22"), ("", None)])
def test_iso_dates(raw, expected):
    assert v.iso_date("start", raw) == expected


@pytest.mark.parametrize("raw", ["22/11/2026", "2026-13-01", "tomorrow", 20261122, "1800-01-01"])
def test_bad_dates(raw):
    with pytest.raises(ValidationError) as err:
        v.iso_date("start", raw)
    assert err.value.field == "start"


def test_period_end_before_start():
    with pytest.raises(ValidationError) as err:
        v.period("start", "2026-01-02", "end", "2026-01-01")
    assert err.value.field == "end"


@given(st.text(min_size=201, max_size=300).filter(lambda s: len(s.strip()) > 200))
def test_oversize_text_refused(s):
    with pytest.raises(ValidationError):
        v.text("name", s, max_len=200)


def test_required_and_choice():
    with pytest.raises(ValidationError):
        v.text("name", "   ", required=True)
    with pytest.raises(ValidationError):
        v.choice("kind", "planet", ("account",))
    assert v.choice("kind", None, ("a",), required=False) is None
