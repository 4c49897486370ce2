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


# ---- the sentence splitter: _scan.sentence_spans against text.reference_sentence_spans ----

from kzfacts import text as text_module  # noqa: E402

SENTENCE_PIECES = [
    *".!?…\"'”’»)]“‘«([ \t\n\r", "\u00a0", "\u2009", "\u3000", "\x1c", "\x85",
    "A", "B", "Z", "a", "z", "5", "_", "x", "é", "É", "ß", "ǅ", "ʰ", "\u0301", "\u200d", "‿", "²", "Ⅻ", "Ω", "ж",
    "中", "١", "İ", "K", "\u212a", "—", "–",
    "Mr", "Dr", "St", "U.S", "e.g", "No", "Jan", "Inc", "mr", "vs", "approx", "al", "word", "Trade", "41",
    "[12]", "[xii]", "[abcdefg]", "[1", ". ", ".\n", "\r\n", ".  ", "\n \n",
]
sentence_texts = st.lists(st.sampled_from(SENTENCE_PIECES), max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(sentence_texts, st.integers(0, 60), st.integers(0, 60))
def test_c_sentences_are_the_reference_sentences(text: str, i: int, j: int) -> None:
    a, b = sorted((min(i, len(text)), min(j, len(text))))
    spans = _scan.sentence_spans(text, a, b, text_module._ABBREV)
    reference = text_module.reference_sentence_spans(text, a, b)
    assert spans is None or spans == reference
    assert text_module._sentence_spans(text, a, b) == reference


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_c_sentences_on_any_unicode(text: str) -> None:
    spans = _scan.sentence_spans(text, 0, len(text), text_module._ABBREV)
    assert spans is None or spans == text_module.reference_sentence_spans(text, 0, len(text))


# every character of the blocks the C splitter classifies itself (word_char, upper_or_digit in
# _scan.c), and every space, in a probe whose answer turns on that character's class alone
CLASSIFIED = [chr(c) for c in [*range(0x370), *range(0x2000, 0x2070)]]


@pytest.mark.parametrize("probe", [
    "Then.{c}Next",        # a space after the full stop? (the regex module's \s, but not \n)
    "Then. {c}ext",        # a capital or a digit after the space?
    "Then. “{c}ext",       # ... after an opening quote
    "Then.[{c}] Next",     # a footnote marker of word characters?
    "{c}. Next",           # an initial (a letter), or the end of a sentence?
    "Sen{c}. Next",        # part of the word before the full stop?
    "{c}Then. Next{c}",    # trimmed as str.strip() trims?
])
def test_c_sentences_classify_each_character_as_the_reference(probe: str) -> None:
    for c in [*CLASSIFIED, "\u1680", "\u3000", "\u205f"]:
        text = probe.format(c=c)
        spans = _scan.sentence_spans(text, 0, len(text), text_module._ABBREV)
        assert spans is None or spans == text_module.reference_sentence_spans(text, 0, len(text)), repr(c)
        if c in CLASSIFIED and c != "İ":  # İ before a full stop: its lower() is two characters
            assert spans is not None, repr(c)  # classified characters are never left to Python


@pytest.mark.parametrize(("text", "sentences"), [
    ("Trade rose 5%. Exports fell. Mr. Smith said so.", ["Trade rose 5%.", "Exports fell.", "Mr. Smith said so."]),
    ('He said "yes." Then: 41 here![12] Next one', ['He said "yes.', "Then: 41 here!", "Next one"]),
    ("Is it No. 5? No. 6 is.", ["Is it No. 5?", "No. 6 is."]),
    ("J. R. R. Tolkien wrote. U.S. trade rose.", ["J. R. R. Tolkien wrote.", "U.S. trade rose."]),
    ("One line.\r\n\r\n  Two lines?  ", ["One line.", "Two lines?"]),
])
def test_c_sentence_spans(text: str, sentences: list[str]) -> None:
    spans = _scan.sentence_spans(text, 0, len(text), text_module._ABBREV)
    assert spans is not None
    assert [text[s:e] for s, e in spans] == sentences


# ---- URLs, footnote markers and labels: _scan.zones against text.py's own scans ----

ZONE_PIECES = [
    "http", "https", "://", "http://", "https://www.", "www.", "www", "doi:", "doi", "10.1000/x", "h", "w", "d",
    "t", "p", "s", ":", "/", ".", "a", "Z", "x", "example.com", "<", ">", '"', "'", ")", "]", "[", " ", "\t", "\n",
    "\u00a0", "\u2009", "\x1c", "\u3000", "[12]", "[1234]", "[xii]", "[XIV]", "[ivxlcdmi]", "[ivxlcdmiv]", "[iİ] A", "[i5]", "[5", "[]", "1", "5",
    "i", "v", "M", "I", "İ", "ı", "٣", "５", "\U0001d7d8", "é", "中", "(2018)", "(n.d.)",
]
zone_texts = st.lists(st.sampled_from(ZONE_PIECES), max_size=40).map("".join)


def _reference_zones(t: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    return (text_module._urls(t), [m.span() for m in text_module._bracketed(text_module._MARKER, t)],
            [m.span() for m in text_module._bracketed(text_module._FOOTNOTE_LABEL, t)])


def _check_zones(t: str) -> None:
    urls, markers, labels = _scan.zones(t)
    ref_urls, ref_markers, ref_labels = _reference_zones(t)
    assert urls == ref_urls
    assert (markers is None) == (labels is None)
    if markers is not None:
        assert (markers, labels) == (ref_markers, ref_labels)


@settings(max_examples=3000, deadline=None)
@given(zone_texts)
def test_c_zones_are_the_reference_zones(t: str) -> None:
    _check_zones(t)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_c_zones_on_any_unicode(t: str) -> None:
    _check_zones(t)


# Latin, IPA, general punctuation, every White_Space character, and a sample of every script's digits
ZONE_PROBE_CHARACTERS = [*map(chr, range(0x250)), *map(chr, range(0x2000, 0x2070)), "\u1680", "\u3000", "\U0001d7d8",
                         *[chr(c) for c in range(0x110000) if regex.match(r"\d", chr(c))][::7]]


@pytest.mark.parametrize("probe", ["[{c}] A", "[1{c}] A", "[12{c}]", "[i{c}] A", "[{c}1] A", "[ii]{c}", "see https://a.b{c}c",
                                   "doi:x{c}y", "www.{c}"])
def test_c_zones_read_each_character_as_the_reference(probe: str) -> None:
    for c in ZONE_PROBE_CHARACTERS:
        _check_zones(probe.format(c=c))


def test_excluded_spans_with_and_without_c(monkeypatch: pytest.MonkeyPatch) -> None:
    t = ("See https://x.org/a(1) and www.y.com, doi:10.1/z.[12] Text[iv].\n[xii] Author (2018) https://z.org\n"
         "  [3] Another entry\nBody [ix] text [1234] and [٣] here.")
    with_c = text_module._excluded_spans(t)
    monkeypatch.setattr(text_module, "_C_ZONES", None)
    assert text_module._excluded_spans(t) == with_c
    assert len(with_c) > 4


# ---- line starts: _scan.line_starts against text.reference_line_starts ----

LINE_PIECES = ["\n", "\r", "\r\n", "\n\n", " ", "a", "Line", "é", "\u2028", "\x85", "中", "👍", "5", "\t",
               "a longer line of text", "\u010a", "\u0a0a", "\uff0a"]  # (lanes that hold 0x0A but are no "\n")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=40).map("".join))
def test_c_line_starts_are_the_reference_line_starts(t: str) -> None:
    # Latin-1, two-byte and four-byte strings each take their own path in C
    assert _scan.line_starts(t) == text_module.reference_line_starts(t)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_c_line_starts_on_any_unicode(t: str) -> None:
    assert _scan.line_starts(t) == text_module.reference_line_starts(t)


def test_line_index_with_and_without_c(monkeypatch: pytest.MonkeyPatch) -> None:
    t = "One line.\n\nTwo: 41 here.\r\nLast 中 line\n"
    with_c = text_module.LineIndex(t)
    monkeypatch.setattr(text_module, "_C_LINE_STARTS", None)
    without = text_module.LineIndex(t)
    assert with_c._starts == without._starts == [0, 10, 11, 26, 38]
    assert [with_c.line_col(i) for i in range(len(t) + 1)] == [without.line_col(i) for i in range(len(t) + 1)]
