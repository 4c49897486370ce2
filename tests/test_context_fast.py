"""Cheap tests that stand for a pattern search in context.py give the search's very answer."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kzfacts import context

YEAR_PIECES = ["1", "2", "0", "5", "9", "4", "19", "20", "21", "200", "2100", "15", "1999", "2024", "2099", " ",
               ",", ".", "x", "é", "\u0663", "２", "\U00011f50", "1\u0663\u0663", "20é", "21é0", "ſ", "\n"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(YEAR_PIECES), max_size=12).map("".join))
def test_maybe_year_is_the_pattern_search(s: str) -> None:
    assert context._maybe_year(s) == (context._MAYBE_YEAR.search(s) is not None)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12))
def test_maybe_year_on_any_unicode(s: str) -> None:
    assert context._maybe_year(s) == (context._MAYBE_YEAR.search(s) is not None)


SAME_YEAR_PIECES = ["the same period", "THE SAME PERIOD", "that year", "the same year", "the same ", "that ",
                    "the", " ", "same", "YEAR", "year", "Year", "period", "PerIod", "peri", "od", "that", "\t", "ſ",
                    "İ", "\u212a", "perİod", "yeaR", "x", ".", "’", "\ud800", "é"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(SAME_YEAR_PIECES), max_size=10).map("".join))
@example("in the same period, ’")
@example("That Year")
def test_same_year_test_is_the_pattern_search(s: str) -> None:
    assert context._same_year(s) == (context._SAME_YEAR.search(s) is not None)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=16))
def test_same_year_on_any_unicode(s: str) -> None:
    assert context._same_year(s) == (context._SAME_YEAR.search(s) is not None)
