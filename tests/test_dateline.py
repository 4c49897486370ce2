"""The document's own date (a dateline or byline near the top) and "last/this/next year" read against it."""

from __future__ import annotations

import pytest

from kzfacts import extract_text
from kzfacts.context import dateline_year, relative_time


@pytest.mark.parametrize(("text", "year"), [
    ("BEIJING, July 3, 2024 /PRNewswire/ — Chinese President Xi Jinping arrived", 2024),
    ("WASHINGTON, D.C., Jan. 5, 2023 -- The agency said", 2023),
    ("Author: Dante Schulz\n\nFeb 17, 2022\n\nImage source: Kazinform", 2022),
    ("Published 12 March 2024\nThe bank said", 2024),
    ("Updated: Tuesday, March 5, 2024 10:31 GMT\nText", 2024),
    ("On July 4, 2024, the 24th meeting took place", None),  # an event's date inside a sentence
    ("July 4, 2024, was hot.", None),
    ("LONDON (Reuters) - Shares fell", None),
    ("He said in 1976 that prices rose", None),
    ("x" * 2000 + "\nFeb 17, 2022\n", None),  # too far down to be the article's own date
])
def test_dateline_year(text: str, year: int | None) -> None:
    assert dateline_year(text) == year


def test_relative_year_nearest_in_the_clause() -> None:
    s = "Sales rose 5% last year, and this year they will grow 3%."
    assert relative_time(s, s.index("5%"), s.index("5%") + 2, 2024) == "2023"
    assert relative_time(s, s.index("3%"), s.index("3%") + 2, 2024) == "2024"
    assert relative_time("Sales will rise 4% next year.", 16, 18, 2024) == "2025"
    assert relative_time("Sales will rise 4% next year.", 16, 18, None) == ""  # the phrase, but no date to read it by
    assert relative_time("Sales rose 4% in the year.", 11, 13, 2024) is None
    assert relative_time("Last year's sales were $4m.", 23, 26, 2024) == "2023"
    assert relative_time("Over the last years sales were $4m.", 31, 34, 2024) is None
    assert relative_time("The yesteryear sales were $4m.", 26, 29, 2024) is None
    asked = []
    assert relative_time("Sales were $4m in 2020.", 11, 14, lambda: asked.append(1) or 2024) is None
    assert asked == []  # the document's year is read only for a clause that needs it


def test_explicit_year_wins_over_the_dateline() -> None:
    text = "PARIS, May 2, 2024 - Exports rose 4% in 2021, against 2% last year."
    times = {c.text: c.time for c in extract_text(text)}
    assert times == {"4%": "2021", "2%": "2023"}


def test_relative_year_without_a_date_is_unknown() -> None:
    """No dateline: "last year" leaves the year unknown rather than taking another clause's."""
    text = "Tesla sold 1.8 million cars last year and aims to sell 20 million a year by 2030."
    times = {c.text: c.time for c in extract_text(text)}
    assert times == {"1.8 million cars": None, "20 million": "2030"}
