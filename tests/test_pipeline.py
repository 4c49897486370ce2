"""Invariants of the pipeline on any text (hypothesis) and the no-silent-drop rule."""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzfacts import extract_text
from kzfacts.model import CLAIM_FIELDS, Kind, Qualifier
from kzfacts.pipeline import explain_text

# Text that looks like news: number-rich fragments mixed with arbitrary unicode.
FRAGMENTS = [
    "$41 billion", "about 30 per cent", "1,108-mile-long", "between 4 and 9", "more than 100,000 people",
    "In 2023,", "July 4, 2024", "a third of", "24th", "US $2.24 per mmBTU", "-5", "minus", "½", "10 1/2",
    "3-4", "7/26/20244", "(2013-2023)", "[xxi]", "https://x.org/2019/10/5", "\n", "\r\n", " ", ".", ",",
    "twenty-one", "four to five thousand", "5G", "COVID-19", "£", "€", "bn", "m", "k", "%", "km/h",
    "thousands of", "one of the", "up 19 cents", "rose 4%", "\u00a0", "…", "’s", "0", "9", "1.2m tons",
    # characters that crashed the extractor once (found by fuzzing): letters IGNORECASE folds to
    # ASCII, and digits the regex module knows but Python 3.11's int() does not
    "SİX", "KİLOMETRES", "thouſands", "\U00011f50", "\u0663", "12-", "March ", "2019-",
    # the constructs read since 4516bf4: spaced thousands, '+', ratios, ranges with one sign, signs,
    # periods, relative years, and what fuzzing them found ("00million")
    "1 000", "20\u202f000 000", "+", "-plus", " in ", " out of ", "one in five", "Rs 500", "$10-15 million",
    "00million", "-crore", " a year earlier", "the previous year", "from 2005 to 2023", ";", "−$3", "5,000+ jobs",
    # and since 5bba24c: fractions of magnitudes and units, "and a half", a bare "m" after a headcount
    "half a million", "a quarter of a", "three quarters of a", " and a half", "half an hour", "dozen",
    "population 20m", "users rose to about", "0800 123", ", 000", ", 050", "007",
]
news_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_text)
def test_any_text_offsets_are_exact(text: str) -> None:
    claims = extract_text(text, doc="h")
    prev_end = -1
    for c in claims:
        assert text[c.start:c.end] == c.text
        assert c.start >= prev_end, "claims overlap or are out of order"
        prev_end = c.end
        line_start = text.rfind("\n", 0, c.start) + 1
        assert c.line == text.count("\n", 0, c.start) + 1
        assert c.col == c.start - line_start + 1
        assert c.sentence and c.text in c.sentence or c.text.strip() in c.sentence
        assert list(c.to_dict()) == list(CLAIM_FIELDS)
        assert c.kind in set(Kind)
        assert c.qualifier in set(Qualifier)
        if c.value_high is not None:
            assert c.value <= c.value_high


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    for c in extract_text(text, doc="u"):
        assert text[c.start:c.end] == c.text


_DIGIT_RUN = regex.compile(r"\d+")


@settings(max_examples=200, deadline=None)
@given(news_text)
def test_every_digit_run_is_claimed_or_rejected_with_a_reason(text: str) -> None:
    """No silent drops (quantulum3 pitfall 4): each digit run is inside a claim or a rejection."""
    covered = [(c.start, c.end) for c in extract_text(text, doc="h")]
    rejected = explain_text(text)
    assert all(r.reason for r in rejected)
    covered += [(r.start, r.end) for r in rejected]
    for m in _DIGIT_RUN.finditer(text):
        assert any(s <= m.start() and m.end() <= e for s, e in covered), (m.group(0), text)


def test_explain_text_gives_reasons() -> None:
    reasons = {r.text: r.reason for r in explain_text("Founded in 2001, Section 427 opened at 9:30 am.")}
    assert "year" in reasons["2001"]
    assert "identifier" in reasons["427"]
    assert "time" in reasons["9"]


def test_extract_text_is_pure_and_repeatable() -> None:
    text = "In 2023, trade hit $41 billion, up about 19%."
    assert extract_text(text, doc="a") == extract_text(text, doc="a")
    assert [c.id for c in extract_text(text, doc="b")] == ["b:19-30", "b:41-44"]


def test_chunked_reading_changes_nothing(monkeypatch) -> None:
    """Long documents are read in line-aligned chunks: the claims must be exactly the same."""
    from pathlib import Path

    from kzfacts import pipeline

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    whole = extract_text(text, doc="d")
    monkeypatch.setattr(pipeline, "CHUNK", 2048)
    assert extract_text(text, doc="d") == whole
    assert len(whole) > 50


def test_claim_batches_are_the_claims_chunk_by_chunk(monkeypatch) -> None:
    """The CLI writes one batch per chunk: together they are the claims, in order, none empty."""
    from pathlib import Path

    from kzfacts import pipeline

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    whole = extract_text(text, doc="d")
    assert [c for batch in pipeline.iter_claim_batches(text, doc="d") for c in batch] == whole
    assert len(list(pipeline.iter_claim_batches(text, doc="d"))) == 1  # the seeds fit in one chunk
    monkeypatch.setattr(pipeline, "CHUNK", 2048)
    batches = list(pipeline.iter_claim_batches(text, doc="d"))
    assert [c for batch in batches for c in batch] == whole
    assert len(batches) > 5 and all(batches)
    assert list(pipeline.iter_claim_batches("no figures here\n" * 9000, doc="d")) == []


def test_a_digit_python_cannot_read_is_rejected_not_a_crash() -> None:
    """regex knows newer digits (Kawi U+11F50) than Python's Decimal: reject, do not crash."""
    text = "x \U00011f50 y and 12 km"
    assert [c.text for c in extract_text(text, doc="u")] == ["12 km"]
    assert any(r.text == "\U00011f50" for r in explain_text(text))


@pytest.mark.parametrize("text", [
    "12-\U00011f50 win",  # a score whose second tally Python cannot read
    "On March \U00011f50\U00011f50, 2023 it rose 4%.",  # a day of a month
    "\U00011f50\U00011f50 March 2023 it rose 4%.",
    "In 2019-\U00011f50\U00011f50 output rose 4%.",  # a period of years
    "\u00a5\u0957per(st aboutper2023A380per\U00011f50)\u2013half)2023\u2013\u0663\u2013\U00011f50st",  # found by fuzzing
    "Costs \U00011f50/4 of it",  # a fraction whose numerator Decimal cannot read (raised InvalidOperation)
    "3 \U00011f50/4 miles",
])
def test_newer_digits_around_a_number_are_not_a_crash(text) -> None:
    """Looks around a number (score, date, period) read the same digits int() cannot."""
    for c in extract_text(text, doc="u"):
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize(("text", "value"), [
    ("SİX people came", 6.0),  # İ lower-cases to two characters: "si̇x" (found by fuzzing: a KeyError)
    ("TWENTY-SİX KİLOMETRES", 26.0),
    ("3 bİllion dollars", 3e9),
    ("tens of thouſands of people", 1e4),  # the long s matches "s" under IGNORECASE
])
def test_letters_the_engine_folds_are_looked_up_folded(text, value) -> None:
    claims = extract_text(text, doc="u")
    assert [c.value for c in claims] == [value]


@pytest.mark.parametrize("text", ["from 0 to 00million", " from −0 to 00million-2019) per cent"])
def test_a_range_to_a_scaled_zero_is_not_a_crash(text) -> None:
    """Found by fuzzing: sharing the scale of "00million" divided 0 by 0."""
    for c in extract_text(text, doc="z"):
        assert text[c.start:c.end] == c.text
