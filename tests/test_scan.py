"""The C candidate scan (kzfacts/_scan.c) finds exactly the spans of its Python reference.

``numbers.candidates`` runs the C scan where it was built and ``numbers.reference_candidates``
(the stdlib engine and str.find over text.lower()) where it was not, or where the text holds
characters the C scan leaves to Python. Both must give the same spans on any text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import numbers

_scan = pytest.importorskip("kzfacts._scan", reason="the C scan is not built (pure-Python install)")

# what the two scans look at: digits and their punctuation, the letters of number words in both
# cases, word characters and separators inside and outside the ranges the C scan covers
PIECES = [
    *"0123456789.,-_ \n\t", *"aAbBdDeEfFhHiIlLmMnNoOqQrRsStTuUvVwWxXyYzZ",
    "one", "Two", "THREE", "ten", "eleven", "hundred", "Thousand", "dozen", "half", "halves", "tenths", "zero",
    "twentieth", "1.5", ".5", "1,108", "½", "⅓", "⅛", "¼", "⅕",  # ⅕: a fraction the digit runs leave out
    "é", "ß", "µ", "²", "×", "\u00a0", "’", "—", "–", "“", "€", "℃", "K", "\u212a", "ⅰ", "Ⅻ",  # Latin-1, U+2000-U+2FFF
    "ſ", "İ", "٣", "５", "\u0663", "\U00011f50", "中", "Ω",  # outside them: left to Python
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=2000, deadline=None)
@given(texts)
def test_c_scan_finds_the_reference_spans(text: str) -> None:
    spans = _scan.candidates(text)
    assert spans is None or spans == numbers.reference_candidates(text)
    assert numbers.candidates(text) == numbers.reference_candidates(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_c_scan_on_any_unicode(text: str) -> None:
    spans = _scan.candidates(text)
    assert spans is None or spans == numbers.reference_candidates(text)


@pytest.mark.parametrize(("text", "found"), [
    ("Trade of $41 billion, up 19.5%", ["41", "billion", "19.5"]),
    ("about .5 per cent", [".5"]),
    ("A380 and 5G, one-third, sixty-two", ["380", "5", "one", "third", "sixty", "two"]),
    ("ELEVEN of Twelve, some one-off phones", ["ELEVEN", "Twelve", "one"]),
    ("café 3’000 — ½ mile", ["3", "000", "½"]),
])
def test_c_scan_spans(text: str, found: list[str]) -> None:
    spans = _scan.candidates(text)
    assert spans is not None, "texts in Latin-1 and U+2000-U+2FFF are the C scan's"
    assert [text[s:e] for s, e in spans] == found


@pytest.mark.parametrize("text", ["SİX apples", "thouſands", "٣ كتب", "５ km", "中国 5", "\U00011f50"])
def test_c_scan_leaves_other_scripts_to_python(text: str) -> None:
    assert _scan.candidates(text) is None
    assert numbers.candidates(text) == numbers.reference_candidates(text)


def test_set_words_takes_lower_case_ascii_only() -> None:
    with pytest.raises(ValueError, match="lower-case ASCII"):
        _scan.set_words(["Ten"])
    with pytest.raises(ValueError, match="lower-case ASCII"):
        _scan.set_words(["a" * 13])
    with pytest.raises(TypeError):
        _scan.candidates(b"10 bytes")
    assert _scan.candidates("ten") == [(0, 3)]  # the failed calls left the words as they were
