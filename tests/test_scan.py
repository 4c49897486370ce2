"""The C candidate scan (kzfacts/_scan.c) finds exactly the spans of its Python reference.

``numbers.candidates`` runs the C scan where it was built and ``numbers.reference_candidates``
(the stdlib engine and str.find over text.lower()) where it was not, or where the text holds
characters the C scan leaves to Python. Both must give the same spans on any text.
"""

from __future__ import annotations

import pytest
import regex
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
    "é", "ß", "µ", "²", "×", "\u00a0", "’", "—", "–", "“", "€", "℃", "K", "\u212a", "ⅰ", "Ⅻ",  # scanned in C
    "ć", "ſ", "Ω", "ж", "ễ", "ẞ", "中", "한", "👍", "\ufe0f",
    "İ", "٣", "５", "\u0663", "\U00011f50", "ज", "\U0001fbf5",  # left to Python: other digits, İ
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
    ("Nguyễn Văn: ten 中国 5 ſix 👍 twelve", ["ten", "5", "twelve"]),
])
def test_c_scan_spans(text: str, found: list[str]) -> None:
    spans = _scan.candidates(text)
    assert spans is not None
    assert [text[s:e] for s, e in spans] == found


@pytest.mark.parametrize("text", ["SİX apples", "٣ كتب", "５ km", "ज 5", "\U00011f50", "🯵 1"])
def test_c_scan_leaves_other_digits_and_dotted_i_to_python(text: str) -> None:
    assert _scan.candidates(text) is None
    assert numbers.candidates(text) == numbers.reference_candidates(text)


_REGEX_DIGIT = regex.compile(r"\d")


def test_every_character_the_c_scan_takes_is_safe_for_it() -> None:
    """What the C scan assumes of each character it does not leave to Python (_scan.c, scannable)."""
    taken = 0
    for cp in range(0x100, 0x30000):
        ch = chr(cp)
        if _scan.candidates("5 " + ch) is None:
            continue
        taken += 1
        low = ch.lower()
        assert not _REGEX_DIGIT.match(ch), f"U+{cp:04X} is a digit to the regex module"
        assert len(low) == 1, f"U+{cp:04X}: lower() changes the length"
        assert (ch.isalnum() or ch == "_") == (low.isalnum() or low == "_"), f"U+{cp:04X}: lower() changes \\w"
        assert not low.isascii() or cp == 0x212A, f"U+{cp:04X}: lower() is ASCII"  # the Kelvin sign: no word has k
    assert taken > 40000  # Latin, Greek, Cyrillic, punctuation, CJK, Hangul, emoji


def test_set_words_takes_lower_case_ascii_only() -> None:
    with pytest.raises(ValueError, match="lower-case ASCII"):
        _scan.set_words(["Ten"])
    with pytest.raises(ValueError, match="lower-case ASCII"):
        _scan.set_words(["a" * 13])
    with pytest.raises(TypeError):
        _scan.candidates(b"10 bytes")
    assert _scan.candidates("ten") == [(0, 3)]  # the failed calls left the words as they were
