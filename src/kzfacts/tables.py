"""Load the data tables in ``kzfacts/data`` once and compile the patterns built from them.

Everything here is read-only after import: frozen mappings and compiled ``regex`` patterns
built from the tables as tries (``trie``) or named lists (``\\L<units>``), never as
hand-repeated alternations (quantulum3 pitfall 6).
"""

from __future__ import annotations

import functools
import os
from decimal import Decimal
from types import MappingProxyType

import regex

from kzfacts import rx

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def data_text(name: str) -> str:
    """The text of ``kzfacts/data/<name>``: read from beside the package, as every install lays it
    out; ``importlib.resources`` (which imports zipfile, ~6 ms of start-up) only for a package
    that is not on disk (a zip)."""
    try:
        with open(os.path.join(_DATA, name), encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        from importlib.resources import files

        return files("kzfacts").joinpath("data", name).read_text(encoding="utf-8")


def data_rows(name: str) -> list[list[str]]:
    """Rows of a TSV data file, without comments, blank lines and the header row."""
    text = data_text(name)
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]


def _split(cell: str) -> list[str]:
    return [s for s in cell.split("|") if s]


# Two read-only records, written out: as ``@dataclass(frozen=True)`` they cost ~3 M instructions
# each of every start-up (dataclasses generates their methods with ``exec``). Nothing assigns to
# them after ``__init__``; they compare, hash and print as the dataclasses did.
class Scale:
    multiplier: Decimal
    strict: bool

    def __init__(self, multiplier: Decimal, strict: bool) -> None:
        self.multiplier = multiplier
        self.strict = strict

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scale) or type(other) is not type(self):
            return NotImplemented
        return (self.multiplier, self.strict) == (other.multiplier, other.strict)

    def __hash__(self) -> int:
        return hash((self.multiplier, self.strict))

    def __repr__(self) -> str:
        return f"Scale(multiplier={self.multiplier!r}, strict={self.strict!r})"


class NumberWord:
    value: Decimal
    type: str  # cardinal, ordinal, fraction, factor, vague

    def __init__(self, value: Decimal, type: str) -> None:  # noqa: A002 (the field's name)
        self.value = value
        self.type = type

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NumberWord) or type(other) is not type(self):
            return NotImplemented
        return (self.value, self.type) == (other.value, other.type)

    def __hash__(self) -> int:
        return hash((self.value, self.type))

    def __repr__(self) -> str:
        return f"NumberWord(value={self.value!r}, type={self.type!r})"


# ---------------------------------------------------------------------------- units, currencies
def _load_surfaces(name: str) -> tuple[dict[str, str], dict[str, str]]:
    """A table of ``key<TAB>case-sensitive surfaces<TAB>case-insensitive surfaces`` (units, currencies)."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for row in data_rows(name):
        key = row[0]
        for s in _split(row[1] if len(row) > 1 else ""):
            exact[s] = key
        for s in _split(row[2] if len(row) > 2 else ""):
            folded[s.lower()] = key
    return exact, folded


UNIT_SYMBOLS, UNIT_NAMES = _load_surfaces("units.tsv")
CURRENCY_PREFIXES, CURRENCY_NAMES = _load_surfaces("currencies.tsv")
#: sub-units: not ISO codes; their value is kept as written (19 cents -> 19 "cent")
SUBUNITS = frozenset({"cent", "penny"})


# ---------------------------------------------------------------------------- scales
def _load_scales() -> tuple[dict[str, Scale], dict[str, Scale]]:
    cs: dict[str, Scale] = {}
    ci: dict[str, Scale] = {}
    for surface, mult, case, strict in data_rows("scales.tsv"):
        target = cs if case == "cs" else ci
        target[surface if case == "cs" else surface.lower()] = Scale(Decimal(mult), strict == "yes")
    return cs, ci


SCALES_CS, SCALES_CI = _load_scales()


# ---------------------------------------------------------------------------- number words
NUMBER_WORDS: MappingProxyType[str, NumberWord] = MappingProxyType(
    {w: NumberWord(Decimal(v), t) for w, v, t in data_rows("number_words.tsv")}
)
#: the big words that combine with cardinals ("two hundred", "4 hundred million")
MAGNITUDES = MappingProxyType({k: v.multiplier for k, v in SCALES_CI.items() if k in
                               ("hundred", "thousand", "million", "billion", "trillion")})


# ---------------------------------------------------------------------------- hedges, changes
def _load_positioned(name: str) -> tuple[dict[str, str], dict[str, str]]:
    """A table of ``phrase<TAB>meaning<TAB>position`` (hedges, changes): before- and after-maps."""
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for phrase, meaning, position in data_rows(name):
        (before if position == "before" else after)[phrase.lower()] = meaning
    return before, after


HEDGES_BEFORE, HEDGES_AFTER = _load_positioned("hedges.tsv")
CHANGES_BEFORE, CHANGES_AFTER = _load_positioned("changes.tsv")


# ---------------------------------------------------------------------------- word lists
def _load_words() -> dict[str, frozenset[str]]:
    return {cat: frozenset(words.lower().split()) for cat, words in data_rows("words.tsv")}


WORDS = MappingProxyType(_load_words())


# ---------------------------------------------------------------------------- patterns
def fold(s: str) -> str:
    """``s.lower()`` as the regex engine's IGNORECASE sees letters, for looking a match up in a table.

    The engine equates "İ" with "i" and "ſ" with "s" (tests/test_data_tables.py asks it), but
    ``"SİX".lower()`` is "si̇x" (two characters for İ) and ``"ſix".lower()`` stays "ſix".

    >>> fold("SİX"), fold("ſeven"), fold("Kilometres")
    ('six', 'seven', 'kilometres')
    """
    low = s.lower()
    if low.isascii():
        return low
    return low.replace("i\u0307", "i").replace("ſ", "s")


def _longest_first(items) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(set(items), key=lambda s: (-len(s), s))  # longest first; ties in a fixed order


@functools.cache
def _escape(ch: str) -> str:
    """``regex.escape`` of one character, remembered: tries escape thousands of characters at import."""
    return regex.escape(ch)


def trie(words, *, fold: bool = False) -> str:  # type: ignore[no-untyped-def]
    """An alternation of ``words`` shaped as a trie ("t(?:en|hree|wo)"), longest match first.

    The ``regex`` engine tries a named list (``\\L<u>``) entry by entry: 3-7 µs a failed match
    for 300 unit names. A trie fails at the first character that no entry continues (~1 µs).
    Greedy optional tails make it prefer the longest entry, as the named list does.
    ``fold``: entries are lower-cased (use with IGNORECASE). Reverse searches (``(?r)``) keep
    named lists: a suffix trie measured no faster there.

    The text depends only on the set of entries, and building it for the ~2,000 unit names and
    the other lists cost ~70 M instructions of every start-up: it is kept beside the compiled
    patterns (``rx.memo``).
    """
    entries = tuple(sorted({w.lower() if fold else w for w in words}))
    return str(rx.memo(("trie", entries), lambda: _trie_text(entries)))


def _trie_text(entries: tuple[str, ...]) -> str:
    root: dict = {}
    for w in entries:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [_escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(root) + ")"


#: a unit right after a number (longest first; symbols case-sensitive, names case-insensitive)
UNIT_SYMBOL_RE = rx.compile(trie(UNIT_SYMBOLS) + r"(?![\w²³])")
UNIT_NAME_RE = rx.compile(trie(UNIT_NAMES, fold=True) + r"(?![\w²³])", regex.IGNORECASE)
CURRENCY_NAME_RE = rx.compile(trie(CURRENCY_NAMES, fold=True) + r"(?!\w)", regex.IGNORECASE)
#: a currency prefix that ends exactly where the number starts (searched in a short window)
CURRENCY_PREFIX_RE = rx.compile(
    r"(?r)(?:(?<![A-Za-z$])(?i:\L<c>)|(?<=[^\w$]|^)(?:\L<w>))[ \t]?\G",
    c=_longest_first(p for p in CURRENCY_PREFIXES if not p.isalpha()),
    w=_longest_first(p for p in CURRENCY_PREFIXES if p.isalpha()),
)
#: lowercase key -> code, for the case-insensitive symbol prefixes ("hk $", "usd$")
CURRENCY_PREFIXES_FOLDED = MappingProxyType(
    {p.lower(): c for p, c in CURRENCY_PREFIXES.items() if not p.isalpha()} | dict(CURRENCY_PREFIXES)
)
#: a currency symbol written after the number ("15 €", "100元", "10 $")
_SYMBOLS_AFTER = tuple(p for p in CURRENCY_PREFIXES if len(p) == 1 and (not p.isalnum() or not p.isascii()))
CURRENCY_SYMBOL_AFTER_RE = rx.compile(r"[ \t]?(?:\L<c>)(?![\w$])", c=_longest_first(_SYMBOLS_AFTER))
SCALE_CS_RE = rx.compile(r"(?:\L<s>)(?![A-Za-z])", s=_longest_first(SCALES_CS))
SCALE_CI_RE = rx.compile(r"(?:\L<s>)(?![A-Za-z])", regex.IGNORECASE, s=_longest_first(SCALES_CI))


#: a hedge phrase that ends where the quantity starts ("more than ", "sub-", "~")
HEDGE_BEFORE_RE = rx.compile(
    r"(?r)(?:(?<![\w])(?:\L<h>)[ \t]*|(?<![\w])(?:\L<hh>))\G",
    regex.IGNORECASE,
    h=_longest_first(h for h in HEDGES_BEFORE if not h.endswith("-")),
    hh=_longest_first(h for h in HEDGES_BEFORE if h.endswith("-")),
)
HEDGE_AFTER_RE = rx.compile(
    r"(?:[ \t]*(?:\L<h>)(?![\w])|(?:\+))", regex.IGNORECASE,
    h=_longest_first(h for h in HEDGES_AFTER if h[0].isalpha()),
)


class Endings:
    """Which phrases could end at a position: a cheap test before a reverse regex search.

    Holds the last three characters of every phrase (the whole phrase when shorter), case-folded.
    ``could_end(text, p)`` is False only when no phrase can end at ``p`` in any letter case, so a
    caller may skip its search then; it never skips a match (case folding only widens the test).
    """

    __slots__ = ("_by_len",)

    def __init__(self, phrases) -> None:  # type: ignore[no-untyped-def]
        by_len: dict[int, set[str]] = {1: set(), 2: set(), 3: set()}
        for ph in phrases:
            tail = ph.casefold()[-3:]
            by_len[len(tail)].add(tail)
        self._by_len = tuple((n, frozenset(tails)) for n, tails in by_len.items() if tails)

    def could_end(self, text: str, p: int) -> bool:
        # casefold() maps each character to one or more, on its own: the last n characters of
        # the folded three are those of the folded last n
        tail = text[p - 3:p].casefold() if p >= 3 else text[:p].casefold()
        for n, tails in self._by_len:
            if p >= n and tail[-n:] in tails:
                return True
        return False


HEDGE_BEFORE_ENDINGS = Endings(HEDGES_BEFORE)
CURRENCY_PREFIX_ENDINGS = Endings(CURRENCY_PREFIXES)


def _case_variants(c: str) -> set[str]:
    """``c`` and what case mapping can make of it (both ways round: Kelvin sign K -> k -> K)."""
    low, up = c.lower()[:1], c.upper()[:1]
    return {c, low, up, c.casefold()[:1], low.upper()[:1], up.lower()[:1]}


class Starts:
    r"""Could a match begin at a position? A cheap test on its first two characters before a regex match.

    The counterpart of ``Endings`` for forward matches. ``phrases``: the pattern's alternatives
    (a table's entries, or the literal beginnings of a hand-written pattern's branches); ``fold``:
    it matches them in any letter case; ``lead``: characters the pattern may read first
    (``[ \t]?``, ``[ \t]*``): the test looks past any run of them; ``non_ascii``: any character
    past ASCII may begin a match (a class such as ``\p{Lu}``).

    ``could_start(text, pos)`` is False only when no alternative can begin at ``pos``, so a caller
    may skip the match then. It widens the test (any run of ``lead``; case variants both ways;
    with ``fold`` or ``non_ascii``, anything past ASCII), never narrows it.

    Why: most numbers are followed by a space and a lower-case word that starts no unit,
    currency, percent or hedge ("5 projects"); each of those patterns, asked anyway, costs
    ~1,500-3,000 machine instructions per call in the regex module, this test ~100-200. It reads
    two characters because one lets most words through (a "p" could start "pound", "pint", "per cent").
    """

    __slots__ = ("_firsts", "_pairs", "_singles", "_lead", "_wide")

    def __init__(self, phrases, *, fold: bool = False, lead: str = "", non_ascii: bool = False) -> None:  # type: ignore[no-untyped-def]
        singles: set[str] = set()
        pairs: set[str] = set()
        # the test reads a phrase's first two characters only: each distinct beginning is expanded
        # once (2,000 unit names have ~300), not once per phrase (~9 M instructions of start-up)
        for head in {ph[:2] for ph in phrases}:
            firsts = _case_variants(head[0]) if fold else {head[0]}
            if len(head) == 1:
                singles.update(firsts)
            else:
                seconds = _case_variants(head[1]) if fold else {head[1]}
                pairs.update(a + b for a in firsts for b in seconds)
        self._singles = frozenset(singles)
        self._pairs = frozenset(pairs)
        self._firsts = frozenset(singles | {p[0] for p in pairs})
        self._lead = frozenset(lead)
        self._wide = fold or non_ascii

    def could_start(self, text: str, pos: int) -> bool:
        n = len(text)
        while pos < n:
            c = text[pos]
            if c in self._firsts:
                if c in self._singles or text[pos:pos + 2] in self._pairs:
                    return True
                if self._wide and not text[pos + 1:pos + 2].isascii():
                    return True
            elif self._wide and not c.isascii():
                return True
            if c not in self._lead:
                return False
            pos += 1
        return False


#: the first characters of the patterns above, for ``Starts.could_start`` before each match
UNIT_SYMBOL_STARTS = Starts(UNIT_SYMBOLS)
UNIT_NAME_STARTS = Starts(UNIT_NAMES, fold=True)
CURRENCY_NAME_STARTS = Starts(CURRENCY_NAMES, fold=True)
CURRENCY_SYMBOL_AFTER_STARTS = Starts(_SYMBOLS_AFTER, lead=" \t")
HEDGE_AFTER_STARTS = Starts([*(h for h in HEDGES_AFTER if h[0].isalpha()), "+"], fold=True, lead=" \t")


@functools.cache
def word_set(category: str) -> frozenset[str]:
    return WORDS.get(category, frozenset())
