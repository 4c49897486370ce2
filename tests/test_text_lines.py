"""A chunk's LineIndex taken from the document's (``LineIndex.part``) is the one read from the chunk."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import text as kt
from kzfacts.pipeline import CHUNK, _chunks

PIECES = ["\n", "\n\n", "\r\n", "a", "bc ", "4.5%", "é", "’", "\u2028", "\x85", " \n", "x" * 40]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.integers(0, 400), st.integers(0, 400))
def test_part_is_the_chunks_own_line_index(s: str, i: int, j: int) -> None:
    lines = kt.LineIndex(s)
    starts = lines._starts
    a = starts[i % len(starts)]  # a line start, as every chunk begins
    b = min(len(s), a + j)
    part = s[a:b]
    assert lines.part(part, a)._starts == kt.reference_line_starts(part)
    c = min(i, len(s))  # anywhere: read again when not at a line start
    assert lines.part(s[c:b], c)._starts == kt.reference_line_starts(s[c:b])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join), st.integers(8, 64))
def test_part_on_the_pipelines_chunks(s: str, size: int) -> None:
    lines = kt.LineIndex(s)
    for a, b in _chunks(s, size):
        assert lines.part(s[a:b], a)._starts == kt.reference_line_starts(s[a:b])
    assert CHUNK > 0
