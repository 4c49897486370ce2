"""The C clause reader (kzfacts/_clause.c) reads a claim's clause exactly as its Python reference,
``conflicts._PyReader``: the same stem count, opening word and names, and the same sets filled in
the same order (a set's order decides the order of float sums later), on random sentences full of
clause boundaries, whitespace of every kind, capitalized words and characters of every width; one
reader over many sentences, so chunks are met again from strings of another width."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import conflicts
from kzfacts.model import Claim

_clause = pytest.importorskip("kzfacts._clause", reason="the C clause reader is not built (pure-Python install)")

PIECES = [
    "Kadun", "Zansa's", "exports", "imports", "the", "of", "GDP", "Exports", "In", "2020,", "said", "Polvo",
    "NATO", "trade", "wheat", "harvest", "rose", "about", "oil", "x", "Kazakhstan’s", "China-Kazakh", "US$",
    " ", "  ", ",", ", ", ";", ":", " - ", " – ", "-", "–", "(", ")", "[", "]", '"', "“", "”", "«", "»", "—",
    "…", ". ", "! ", "? ", ".", "\t", "\n", "\u00a0", "\x1c", "\u2003", "\u3000",
    "é", "Éire", "São", "Ωmega", "Жас", "中国", "👍", "Ñandú", "ß", "İstanbul", "5", "2,5", "'s",
]
sentences = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@st.composite
def figures(draw: st.DrawFn) -> tuple[str, int, int]:
    """A sentence and a span in it (the figure), anywhere, empty or not."""
    sentence = draw(sentences)
    pos = draw(st.integers(0, len(sentence)))
    end = draw(st.integers(pos, len(sentence)))
    return sentence, pos, end


def _readers() -> tuple[conflicts._PyReader, _clause.Reader]:
    return conflicts._PyReader(conflicts._Vocabulary()), _clause.Reader(conflicts._Vocabulary().fields)


@settings(max_examples=600, deadline=None)
@given(st.lists(figures(), min_size=1, max_size=12))
def test_c_clause_reads_as_the_reference(cases: list[tuple[str, int, int]]) -> None:
    py, c = _readers()
    for sentence, pos, end in cases:
        py_terms: set[str] = set()
        py_names: set[str] = set()
        c_terms: set[str] = set()
        c_names: set[str] = set()
        expected = py.clause(sentence, pos, end, py_terms, py_names)
        assert c.clause(sentence, pos, end, c_terms, c_names) == expected
        assert list(c_terms) == list(py_terms)
        assert list(c_names) == list(py_names)


@settings(max_examples=800, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=8))
def test_c_words_reads_as_the_reference(texts: list[str]) -> None:
    py, c = _readers()
    for text in texts:
        py_stems: set[str] = {"kept"}
        py_names: set[str] = set()
        c_stems: set[str] = {"kept"}
        c_names: set[str] = set()
        py.words(text, py_stems, py_names)
        c.words(text, c_stems, c_names)
        assert list(c_stems) == list(py_stems)
        assert list(c_names) == list(py_names)


@st.composite
def claims_read(draw: st.DrawFn) -> tuple[str, str, str | None]:
    """A sentence, a figure's text (mostly a piece of it, sometimes absent or empty) and a stated subject."""
    sentence = draw(sentences)
    pos = draw(st.integers(0, len(sentence)))
    end = draw(st.integers(pos, min(len(sentence), pos + 12)))
    text = draw(st.one_of(st.just(sentence[pos:end]), st.sampled_from(["", "$5 billion", "30%"])))
    subject = draw(st.one_of(st.none(), st.just(""), sentences))
    return sentence, text, subject


@settings(max_examples=600, deadline=None)
@given(st.lists(claims_read(), min_size=1, max_size=10))
def test_c_read_reads_as_the_reference(cases: list[tuple[str, str, str | None]]) -> None:
    py, c = _readers()
    for sentence, text, subject in cases:
        expected = py.read(sentence, text, subject)
        got = c.read(sentence, text, subject)
        assert got == expected
        if got is not None and expected is not None:
            for mine, theirs in zip(got[:3], expected[:3], strict=True):
                assert list(mine) == list(theirs)


def test_c_reader_keeps_every_chunk() -> None:
    """Thousands of distinct chunks (the table grows many times): each read once, all still found."""
    py, c = _readers()
    words = [f"Word{i} w{i}x and N{i}" for i in range(3000)]
    for _ in range(2):
        for w in words:
            t1: set[str] = set()
            n1: set[str] = set()
            t2: set[str] = set()
            n2: set[str] = set()
            assert c.clause(w, len(w), len(w), t2, n2) == py.clause(w, len(w), len(w), t1, n1)
            assert (t1, n1) == (t2, n2)
            assert c.words(w, t2, n2) is py.words(w, t1, n1) is None
            assert (t1, n1) == (t2, n2)
    assert c.chunks() == 3 * len(words) + 1  # ("and" once)


def test_c_reader_rejects_bad_arguments() -> None:
    _, c = _readers()
    with pytest.raises(ValueError, match="pos"):
        c.clause("abc", 2, 1, set(), set())
    with pytest.raises(ValueError, match="pos"):
        c.clause("abc", 0, 4, set(), set())
    with pytest.raises(TypeError):
        c.clause("abc", 0, 1, [], set())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        c.read("abc", None, None)  # type: ignore[arg-type]
    bad = _clause.Reader(lambda chunk: (chunk, (), None))
    with pytest.raises(TypeError):
        bad.words("a b", set(), set())


def _claims() -> list[Claim]:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import conflicts_scale  # noqa: PLC0415

    return conflicts_scale.generate(3000, seed=3)


def test_analyze_with_and_without_the_c_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = _claims()
    with_c = conflicts.analyze(claims)
    monkeypatch.setattr(conflicts, "_C_READER", None)
    without = conflicts.analyze(claims)
    assert [g.to_dict() for g in with_c.groups] == [g.to_dict() for g in without.groups]
    assert [(g.unit, g.time, g.notes) for g in with_c.groups] == [(g.unit, g.time, g.notes) for g in without.groups]
