"""Views of a document's text that never rewrite it: lines, sentences, and zones with no claims.

All offsets are code-point offsets into the decoded text, so ``text[start:end]`` is exact.

>>> idx = TextIndex("One line.\\nTwo: 41 here. Next one.")
>>> idx.line_col(15)
(2, 6)
>>> [idx.text[s:e] for s, e in idx.sentences]
['One line.', 'Two: 41 here.', 'Next one.']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from typing import Final

import regex

from kzfacts import rx

# A sentence ends at . ! ? (plus closing quotes/brackets) before white space and a likely
# sentence start, or at a line break. Abbreviations are checked in Python (``_ABBREV``).
# Matched only where one of its first characters is (``_boundaries``).
_BOUNDARY: Final = rx.compile(
    r"""
    (?P<p>[.!?…])["'”’»)\]]*(?:\[\w{1,6}\])*[^\S\n]+(?=["'“‘«(\[]?[\p{Lu}\d])  # end punct., space, capital
    | \r?\n(?:[^\S\n]*\r?\n)*[^\S\n]*                                          # line break(s)
    """,
    regex.VERBOSE,
)
_LAST_WORD: Final = rx.compile(r"(?r)([\w.]+)[.!?…][\"'”’»)\]]*\G")
_ABBREV: Final = frozenset(
    """mr mrs ms dr prof st jr sr inc corp co ltd plc llc gov sen rep gen col lt sgt capt
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur fri sat sun
    no nos vol vols fig figs p pp ch sec art para approx est vs e.g i.e cf al u.s u.k u.n e.u
    a.m p.m a.d b.c ave blvd rd mt ft ca""".split()
)

# URLs, e-mail addresses and DOIs: numbers inside them are never claims.
_URL: Final = rx.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+|doi:\S+")
_EMAIL: Final = rx.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# A reference-list entry: a footnote label at the start of a line ("[xii] Author (2018)..."),
# or a line that cites a year in parentheses and carries a URL.
# Found from the literal "[" and checked for a line start in Python: a ^-anchored multiline
# search costs ~30 ms per MB, this ~3 ms.
_FOOTNOTE_LABEL: Final = rx.compile(r"\[(?:[ivxlcdm]+|\d+)\][ \t]*\S", regex.I)
_URL_LITERALS: Final = ("http", "www.", "doi:")
_CITATION_YEAR: Final = rx.compile(r"\((?:\d{4}|n\.d\.)[,)]")
# Inline footnote markers "[12]" and "[xxi]".
_MARKER: Final = rx.compile(r"\[(?:\d{1,3}|[ivxlcdmIVXLCDM]{1,8})\]")


class LineIndex:
    """1-based line and column of any offset (bisect over line starts)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str, starts: list[int] | None = None) -> None:
        """``starts``: the line starts of ``text`` when the caller has them (``part``)."""
        if starts is None:
            starts = _C_LINE_STARTS(text) if _C_LINE_STARTS is not None else reference_line_starts(text)
        self._starts = starts

    def part(self, part: str, a: int) -> LineIndex:
        """The LineIndex of ``part``, the text from offset ``a`` (a line start) on, from these line
        starts: a chunk's lines without reading its characters again. (Not at a line start: read.)"""
        starts = self._starts
        lo = bisect_left(starts, a)
        if lo == len(starts) or starts[lo] != a:
            return LineIndex(part)
        hi = bisect_right(starts, a + len(part))
        return LineIndex(part, [s - a for s in starts[lo:hi]])

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    @property
    def count(self) -> int:
        return len(self._starts)

    def span(self, line: int, length: int) -> tuple[int, int]:
        """[start, end) of 1-based ``line``, without its line break."""
        a = self._starts[line - 1]
        b = self._starts[line] - 1 if line < len(self._starts) else length
        return a, b


def reference_line_starts(text: str) -> list[int]:
    """0, then the offset after each "\\n": what ``_scan.line_starts`` must give, and what a pure install runs."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


class TextIndex:
    """Lines, sentences and no-claim zones of one text.

    Sentences never cross a line break, so they are split lazily, line by line, only where a
    claim asks for its sentence: most lines of a long document hold no claim.
    """

    __slots__ = ("_excluded_starts", "_lines", "_sent_cache", "excluded", "text")

    def __init__(self, text: str, lines: LineIndex | None = None) -> None:
        """``lines``: the LineIndex of ``text`` when the caller has it (``LineIndex.part``)."""
        self.text = text
        self._lines = lines if lines is not None else LineIndex(text)
        self._sent_cache: dict[int, list[tuple[int, int]]] = {}
        self.excluded = _excluded_spans(text)
        self._excluded_starts = [s for s, _ in self.excluded]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset."""
        return self._lines.line_col(offset)

    def _line_sentences(self, line: int) -> list[tuple[int, int]]:
        spans = self._sent_cache.get(line)
        if spans is None:
            a, b = self._lines.span(line, len(self.text))
            spans = self._sent_cache[line] = _sentence_spans(self.text, a, b)
        return spans

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence span of the text (computes them all)."""
        return [sp for line in range(1, self._lines.count + 1) for sp in self._line_sentences(line)]

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The span of the sentence holding ``offset`` (the previous one on its line if between)."""
        line, _ = self._lines.line_col(offset)
        spans = self._line_sentences(line)
        if not spans:
            return None
        i = 0  # the last span starting at or before offset (bisect_right - 1, at least 0); lines hold few
        for k in range(1, len(spans)):
            if spans[k][0] > offset:
                break
            i = k
        return spans[i]

    def previous_sentence(self, span: tuple[int, int], limit: int = 3) -> tuple[int, int] | None:
        """The sentence before ``span`` (on the same line or the nearest earlier lines)."""
        line, _ = self._lines.line_col(span[0])
        for ln in range(line, max(0, line - limit), -1):
            earlier = [sp for sp in self._line_sentences(ln) if sp[1] <= span[0]]
            if earlier:
                return earlier[-1]
        return None

    def is_excluded(self, start: int, end: int) -> bool:
        """Does [start, end) touch a zone with no claims? (zones are merged and sorted)

        Only the last zone starting at or before ``start`` and the one after it can (the first zone
        when none starts before): asked of each candidate, without a slice of the zones.
        """
        zones = self.excluded
        i = bisect_right(self._excluded_starts, start) - 1
        if i < 0:
            i = 0
        elif zones[i][0] < end and start < zones[i][1]:
            return True
        else:
            i += 1
        return i < len(zones) and zones[i][0] < end and start < zones[i][1]


_Spans = list[tuple[int, int]]


def _c_scans() -> tuple[Callable[[str, int, int, frozenset[str]], _Spans | None] | None,
                        Callable[[str], tuple[_Spans, _Spans | None, _Spans | None]] | None]:
    """The sentence splitter and the no-claim-zone scan in C (kzfacts/_scan.c, built by setup.py):
    ``_sentence_spans`` and ``_excluded_spans`` use them; (None, None) in a pure-Python install."""
    try:
        from kzfacts import _scan
    except ImportError:
        return None, None
    return _scan.sentence_spans, _scan.zones


_C_SPANS, _C_ZONES = _c_scans()


def _c_line_starts() -> Callable[[str], list[int]] | None:
    """``_scan.line_starts`` (LineIndex's line starts in C); None in a pure-Python install."""
    try:
        from kzfacts import _scan
    except ImportError:
        return None
    return _scan.line_starts


_C_LINE_STARTS = _c_line_starts()


def _sentence_spans(text: str, a: int = 0, b: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[a:b]`` (one line or several), trimmed of surrounding space."""
    b = len(text) if b is None else b
    if _C_SPANS is not None:
        found = _C_SPANS(text, a, b, _ABBREV)
        if found is not None:
            return found
    return reference_sentence_spans(text, a, b)


def reference_sentence_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``_sentence_spans`` in Python: what the C splitter must give, and what runs where it declines."""
    spans: list[tuple[int, int]] = []
    start = a
    for m in _boundaries(text, a, b):
        end = m.start()
        if m.group(1):  # the end punctuation (group "p")
            end = m.start() + 1
            # end punctuation + space: no boundary after an abbreviation ("Dec. 2") or an initial
            lw = _LAST_WORD.search(text, max(start, m.start() - 40), end, False)
            word = lw.group(1).lower().rstrip(".") if lw else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        _add_trimmed(text, spans, start, end)
        start = m.end()
    _add_trimmed(text, spans, start, b)
    return spans


def _boundaries(text: str, a: int, b: int) -> Iterator[regex.Match[str]]:
    """The matches of ``_BOUNDARY.finditer(text, a, b)``, tried only where one can start.

    Scanning with the pattern costs ~250 instructions a character (its alternatives start with
    character classes, which the engine tries at every position); ``str.find`` finds the few
    characters a boundary starts with at memory speed.
    """
    hits: list[int] = []
    find = text.find
    for ch in _BOUNDARY_FIRST:
        i = find(ch, a, b)
        while i >= 0:
            hits.append(i)
            i = find(ch, i + 1, b)
    hits.sort()
    done = a
    for i in hits:
        if i < done:
            continue  # inside the previous boundary ("?" of '?" ', "\n" of "\r\n")
        m = _BOUNDARY.match(text, i, b, False)
        if m is not None:
            done = m.end()
            yield m


_BOUNDARY_FIRST: Final = (".", "!", "?", "…", "\r", "\n")


def _add_trimmed(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _urls(text: str) -> list[tuple[int, int]]:
    """Spans of ``_URL`` matches, as ``finditer`` gives them, tried only where a literal starts one.

    ``str.find`` runs at memory speed; the regex engine has no fast scan for an alternation.
    """
    starts: list[int] = []
    find = text.find
    for lit in _URL_LITERALS:
        i = find(lit)
        while i >= 0:
            starts.append(i)
            i = find(lit, i + 1)
    starts.sort()
    out: list[tuple[int, int]] = []
    for s in starts:
        if out and s < out[-1][1]:
            continue  # "www." inside "https://www.…"
        m = _URL.match(text, s, None, False)
        if m is not None:
            out.append(m.span())
    return out


def _bracketed(pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    """``list(pattern.finditer(text))`` for a pattern that starts with "[": tried at each "[" only.

    The engine has no fast scan for these patterns (one is case-insensitive): it tried each
    position of every paragraph with a footnote marker. ``str.find`` finds the "[" instead.
    """
    out: list[regex.Match[str]] = []
    done = 0
    i = text.find("[")
    while i >= 0:
        if i >= done:  # finditer goes on from the end of the previous match
            m = pattern.match(text, i, None, False)
            if m is not None:
                out.append(m)
                done = m.end()
        i = text.find("[", i + 1)
    return out


def _footnote_entries(text: str, labels: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """A footnote label that opens a line ("  [xii] Author…"): the whole line, from the label.
    ``labels``: the label spans, when the C scan found them."""
    out: list[tuple[int, int]] = []
    if labels is None:
        labels = [m.span() for m in _bracketed(_FOOTNOTE_LABEL, text)]
    for start, _ in labels:
        ls = text.rfind("\n", 0, start) + 1
        if text[ls:start].strip(" \t"):
            continue
        le = text.find("\n", start)
        out.append((ls, len(text) if le < 0 else le))
    return out


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    markers: list[tuple[int, int]] | None = None
    labels: list[tuple[int, int]] | None = None
    if _C_ZONES is not None:
        spans, markers, labels = _C_ZONES(text)
    else:
        spans = _urls(text)
    urls = list(spans)
    if "@" in text:
        spans += [m.span() for m in _EMAIL.finditer(text, None, None, False, False)]
    if "[" in text:
        spans += markers if markers is not None else [m.span() for m in _bracketed(_MARKER, text)]
        spans += _footnote_entries(text, labels)
    le = -1
    for a, _ in urls:  # a line that cites a year in parentheses and carries a URL (this one)
        if a < le:
            continue  # a second URL on a line already looked at
        ls = text.rfind("\n", 0, a) + 1
        le = text.find("\n", a)
        le = len(text) if le < 0 else le
        if _CITATION_YEAR.search(text, ls, le, False):
            spans.append((ls, le))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
