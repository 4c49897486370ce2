"""``_clause.Reader.read_all`` numbers a document's sentences and finds their scopes in a table of its own
(a cheap hash of a sentence's length and a few of its bytes, then the whole content compared), where
``conflicts._read_py`` uses dicts keyed by the sentence: the same numbers and scopes, on sentences that
share their length and their first, middle and last bytes, sentences of 1, 2 and 4 bytes a character,
shorter than 8 bytes, equal sentences in distinct str objects, and documents that come back later in
the list (a new run of a document numbers its sentences anew, as the reference does)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import conflicts
from kzfacts.model import Claim

pytest.importorskip("kzfacts._clause", reason="the C clause reader is not built (pure-Python install)")

from test_clause_read_all import _assert_same  # noqa: E402

# Every sentence: the same first, middle and last bytes at a given length, only its inner words differ
# (so many of them share the cheap hash), in one of three widths.
_EDGE = "Kadun exports of wheat totaled"
_INNER = ["ab", "ba", "xy", "yx", "Жа", "аЖ", "中国", "国中", "\U0001f600a", "a\U0001f600"]
_TEXTS = [("$5 billion", "money", "USD", None), ("12 projects", "count", None, "projects"),
          ("7 students", "count", None, "students"), ("30%", "percent", "percent", None)]


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    short = draw(st.integers(0, 5)) == 0
    if short:  # (under 8 bytes: hashed byte by byte)
        return draw(st.sampled_from(["", "a", "ab", "Жа", "中", "\U0001f600", "a b c"]))
    left = draw(st.lists(st.sampled_from(_INNER), min_size=1, max_size=3))
    right = draw(st.lists(st.sampled_from(_INNER), min_size=1, max_size=3))
    text = draw(st.sampled_from(_TEXTS))[0]
    return f"{_EDGE} {' '.join(left)} {text} {' '.join(right)} {_EDGE}."


@st.composite
def _claims(draw: st.DrawFn) -> list[Claim]:
    sentences = draw(st.lists(_sentence(), min_size=1, max_size=6))
    docs = draw(st.lists(st.sampled_from(["d0", "d1", "d2"]), min_size=1, max_size=16))
    out = []
    for i, doc in enumerate(docs):
        sentence = draw(st.sampled_from(sentences))
        sentence = "".join(list(sentence))  # (an equal sentence in another str object)
        text, kind, unit, noun = draw(st.sampled_from(_TEXTS))
        v = draw(st.sampled_from([5e9, 12.0, 7.0, 30.0, 12.5]))
        out.append(Claim(
            doc=doc, start=i, end=i + 1, line=1, col=1, text=text, sentence=sentence, value=v, value_high=None,
            unit=unit, noun=noun, kind=kind, normalized_value=v, normalized_unit=unit, qualifier="exact",
            low=None, high=None, change=None, subject=draw(st.sampled_from([None, "Kadun's exports"])),
            time=draw(st.sampled_from([None, "2020"]))))
    return out


@settings(max_examples=200, deadline=None)
@given(_claims(), st.booleans())
def test_sentence_numbers_and_scopes_as_the_reference(claims: list[Claim], by_doc: bool) -> None:
    if by_doc:
        claims.sort(key=lambda c: c.doc)  # (as _dedupe leaves them; else documents come back)
    counts = conflicts._sentence_counts(claims)
    got = conflicts._read_c(claims, 0.1, counts)
    assert got is not None
    expected: Any = conflicts._read_py(claims, 0.1, counts)
    _assert_same(got, expected)


def test_many_sentences_in_one_document() -> None:
    """A document of many sentences (the table grows while it holds the document's scopes)."""
    claims = []
    for i in range(300):
        j = i % 170  # (130 sentences seen twice)
        text, kind, unit, noun = _TEXTS[j % len(_TEXTS)]
        sentence = f"{_EDGE} {j} {text} {_EDGE}."
        claims.append(Claim(
            doc="d", start=i, end=i + 1, line=1, col=1, text=text, sentence=sentence, value=float(i),
            value_high=None, unit=unit, noun=noun, kind=kind, normalized_value=float(i), normalized_unit=unit,
            qualifier="exact", low=None, high=None, change=None, subject=None, time="2020"))
    counts = conflicts._sentence_counts(claims)
    got = conflicts._read_c(claims, 0.1, counts)
    assert got is not None
    _assert_same(got, conflicts._read_py(claims, 0.1, counts))
    assert max(got[0].sent) == 169
