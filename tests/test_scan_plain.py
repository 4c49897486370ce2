"""_scan.plain_digits_end, _scan.year_word and _scan.maybe_year (kzfacts/_scan.c) give their Python references' answers."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kzfacts import context, numbers

_scan = pytest.importorskip("kzfacts._scan", reason="the C scan is not built (pure-Python install)")

PIECES = ["1", "12", "123", "2023", "0", "9", ",", ".", ",000", ",00", ".5", " ", "\t", "/", "½", "¼", "⅞", "⅕",
          "-", "$", "%", "a", "\u0663", "\U00011f50", "٫", "’", "\u2009", "５", "x", "\n", "1,234", "12,34,567"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
@example("1,234,567.89 and 4.5/10, 12,34,567 or 10 1/2 and 2½ and 3 ½, 7.")
def test_plain_digits_end_is_the_reference(text: str) -> None:
    for pos in range(len(text)):
        assert _scan.plain_digits_end(text, pos) == numbers._plain_digits_end(text, pos), (text, pos)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12))
def test_plain_digits_end_on_any_unicode(text: str) -> None:
    for pos in range(len(text)):
        assert _scan.plain_digits_end(text, pos) == numbers._plain_digits_end(text, pos)


YEAR_PIECES = ["year", "YEAR", "yEaR", "yea", "ye", "period", "PERIOD", "perio", "peri", "od", "p", "y", "r", " ", "ſ",
               "İ", "\u212a", "K", "k", "’", "é", "x", "\U0001f600", "Year", "Period"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(YEAR_PIECES), max_size=10).map("".join))
@example("the same period’s")
def test_year_word_is_the_reference(s: str) -> None:
    assert _scan.year_word(s) == context.reference_year_word(s)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=16))
def test_year_word_on_any_unicode(s: str) -> None:
    assert _scan.year_word(s) == context.reference_year_word(s)


MAYBE_YEAR_PIECES = ["1", "2", "0", "5", "9", "4", "19", "20", "21", "200", "2100", "15", "1999", "2024", " ", ",", "x",
                     "é", "\u0663", "２", "\U00011f50", "20é", "21é0", "\n"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(MAYBE_YEAR_PIECES), max_size=10).map("".join))
def test_maybe_year_is_the_reference(s: str) -> None:
    assert _scan.maybe_year(s) == context._maybe_year(s) == (context._MAYBE_YEAR.search(s) is not None)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12))
def test_maybe_year_on_any_unicode(s: str) -> None:
    assert _scan.maybe_year(s) == context._maybe_year(s)
