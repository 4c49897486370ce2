"""Number spans, read in place: digits, number words, ordinals, fractions and scale words.

Nothing is rewritten: each ``Num`` carries offsets into the original text and an exact
``Decimal`` value.

>>> parse_numeral("1,108")
Decimal('1108')
>>> parse_words("two hundred and fifty")
Decimal('250')
>>> [(n.form, float(n.value), n.text) for n in scan("About 30 per cent, $3.7bn and four thousand.")]
[('digits', 30.0, '30'), ('digits', 3700000000.0, '3.7bn'), ('words', 4000.0, 'four thousand')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

import regex

from kzfacts import rx
from kzfacts.tables import (
    MAGNITUDES,
    NUMBER_WORDS,
    SCALE_CI_RE,
    SCALE_CS_RE,
    SCALES_CI,
    SCALES_CS,
    Starts,
    fold,
    trie,
    word_set,
)

# word lists (data/words.tsv), bound once: looked up per candidate
_NOUN_STOP: Final = word_set("noun_stop")

_CARDINALS: Final = [w for w, nw in NUMBER_WORDS.items() if nw.type == "cardinal"] + list(MAGNITUDES)
_SPECIALS: Final = [w for w, nw in NUMBER_WORDS.items() if nw.type != "cardinal"]


# Read at each candidate found by the scans below; the word lists are tries (``tables.trie``).
_MASTER: Final = rx.compile(
    r"""
    (?P<sf>(?<![\d/.,])\d{1,2}/(?:2|3|4|8|16)(?![\d/])|[½⅓⅔¼¾⅛⅜⅝⅞])
    | (?P<d>(?<!\d)(?<!\d[.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?
        |\d+(?:\.\d+)?|\.\d+)(?![.,]?\d))
    (?P<frac>[ \t]\d{1,2}/(?:2|3|4|8|16|32)(?![\d/]))?
    (?P<vf>[ \t]?[½⅓⅔¼¾⅛⅜⅝⅞])?
    | (?i:(?P<w>(?<![\w-])(?:{card})(?:(?:[ \t]+and[ \t]+|[ \t]+|-)(?:{card}))*(?![\w]))
    (?:-(?P<wo>{ord})(?!\w))?)
    | (?i:(?P<x>(?<![\w])(?:{spec}))(?![\w]))
    | (?P<junk>(?<!\d)\d(?:[\d.,]*\d)?)   # digits no other branch could read ("2023,0", "1,23")
    """
    .replace("{card}", trie(_CARDINALS, fold=True))
    .replace("{spec}", trie(_SPECIALS, fold=True))
    .replace("{ord}", trie([w for w, nw in NUMBER_WORDS.items() if nw.type == "ordinal"], fold=True)),
    regex.VERBOSE,
)
# Group numbers: a group looked up by name costs ~0.6 µs more (the regex module first tries
# the name as an integer and formats the TypeError it then discards).
_SF, _D, _FRAC, _VF, _W, _WO, _X, _JUNK = (_MASTER.groupindex[g] for g in ("sf", "d", "frac", "vf", "w", "wo", "x", "junk"))
# Candidate finders: digit runs and number words, merged by position; the full _MASTER pattern
# is matched only where a candidate starts. Both finders lean on what is fast in CPython: the
# standard library's engine on a plain ASCII character class, and str.find.
_DIGIT_RUN: Final = rx.compile(r"(?:\.(?=\d))?[\d½⅓⅔¼¾⅛⅜⅝⅞][\d.,]*")  # the definition
# The same runs for ASCII digits: ~4x cheaper than \d, whose Unicode look-up runs per character.
_ASCII_DIGIT_RUN_PATTERN: Final = r"[0-9½⅓⅔¼¾⅛⅜⅝⅞][0-9.,]*"
_OTHER_DIGIT: Final = rx.compile(r"(?V1)[\d--[0-9]]")  # Arabic-Indic, fullwidth...: then use \d
# No decimal digit but 0-9 lies below U+0660 or in U+2000-U+2FFF (quotes, dashes, currency signs,
# number forms), where the non-ASCII characters of English news are: checked first, 2x cheaper.
_OUTSIDE_DIGITLESS_PATTERN: Final = r"[^\x00-\u065f\u2000-\u2fff]"
# Both compiled on first use: only the Python scan needs them, and the standard library's engine
# compiles in Python (~4 M instructions of every start-up each)
_DIGIT_RUN_RES: list[re.Pattern[str]] = []


def _digit_run_res() -> list[re.Pattern[str]]:
    if not _DIGIT_RUN_RES:
        _DIGIT_RUN_RES.extend((re.compile(_ASCII_DIGIT_RUN_PATTERN), re.compile(_OUTSIDE_DIGITLESS_PATTERN)))
    return _DIGIT_RUN_RES


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """Spans of ``_DIGIT_RUN.finditer(text)``."""
    ascii_digit_run, outside_digitless = _digit_run_res()
    if not text.isascii() and outside_digitless.search(text) and _OTHER_DIGIT.search(text, None, None, False):
        return [m.span() for m in _DIGIT_RUN.finditer(text, None, None, False, False)]
    out = []
    for m in ascii_digit_run.finditer(text):
        s, e = m.span()
        if s and text[s - 1] == "." and text[s] in _ASCII_DIGITS:
            s -= 1  # ".5": a leading decimal point belongs to the run
        out.append((s, e))
    return out


_ASCII_DIGITS: Final = frozenset("0123456789")
_WORD_LIST: Final = _CARDINALS + _SPECIALS
_WORD_CANDIDATE: Final = r"\b" + trie(_WORD_LIST, fold=True) + r"\b"  # on lower-cased text (compiled below)
# The standard library's engine compiles in Python, and nothing keeps its patterns between runs
# (rx.py does for regex's): ~20 M instructions of every start-up for these two, which only the
# Python scans use. Compiled on first use.
_WORD_CANDIDATE_RES: list[re.Pattern[str]] = []


def _word_candidate_res() -> list[re.Pattern[str]]:
    """[_WORD_CANDIDATE compiled, and compiled case-insensitively]."""
    if not _WORD_CANDIDATE_RES:
        _WORD_CANDIDATE_RES.extend([re.compile(_WORD_CANDIDATE), re.compile(_WORD_CANDIDATE, re.IGNORECASE)])
    return _WORD_CANDIDATE_RES
# Every number word starts with one of these; each is found with str.find, and the pattern is
# tried only where one starts a word (~30 finds at memory speed, instead of trying the
# pattern at each of the text's word boundaries).
_PREFIXES: Final = {w.lower()[:4] for w in _WORD_LIST}
_WORD_ROOTS: Final = tuple(sorted(r for r in _PREFIXES if not any(r != o and r.startswith(o) for o in _PREFIXES)))


def _word_candidates(text: str) -> list[tuple[int, int]]:
    """Spans of ``_WORD_CANDIDATE.finditer`` on the lower-cased text."""
    low = text.lower()
    exact, folding = _word_candidate_res()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): offsets would shift
        if "\n" not in text:
            return [m.span() for m in folding.finditer(text)]
        return _by_line(text, _word_candidates)  # each line decides for itself, as the C scan does
    out = []
    find = low.find
    match = exact.match
    short = len(low) < 4096
    for root in _WORD_ROOTS:
        if short and root not in low:  # most roots of a paragraph: "in" costs less than find's call
            continue
        i = find(root)
        while i >= 0:
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"):  # \b before a letter
                m = match(low, i)
                if m is not None:
                    out.append(m.span())
            i = find(root, i + 1)
    out.sort()
    return out


_WORD_SET: Final = frozenset(w.lower() for w in _WORD_LIST)


def _c_scan() -> Callable[[str], list[tuple[int, int]] | None] | None:
    """The same two scans in C (kzfacts/_scan.c, built by setup.py); None in a pure-Python install."""
    try:
        from kzfacts import _scan
    except ImportError:  # not built, or KZFACTS_PURE_PYTHON=1 (kzfacts/_pure.py)
        return None
    _scan.set_words(sorted(_WORD_SET))
    return _scan.candidates


_c_candidates = _c_scan()


def _c_plain_end() -> Callable[[str, int], int] | None:
    """``_plain_digits_end`` in C (``_scan.plain_digits_end``); None in a pure-Python install."""
    try:
        from kzfacts import _scan
    except ImportError:
        return None
    return _scan.plain_digits_end


_C_PLAIN_END: Final = _c_plain_end()


def candidates(text: str) -> list[tuple[int, int]]:
    """Where a number may start and end, in order: the digit runs and the number words.

    >>> text = "Costs rose 4.5% to $12, up from eleven."
    >>> [text[s:e] for s, e in candidates(text)]
    ['4.5', '12,', 'eleven']
    """
    if _c_candidates is None:
        return reference_candidates(text)
    spans = _c_candidates(text)
    if spans is None:  # a character the C scan leaves to Python: only the lines holding one go there
        spans = _by_line(text, _line_candidates)
    return spans


def _line_candidates(line: str) -> list[tuple[int, int]]:
    if _c_candidates is not None:
        spans = _c_candidates(line)
        if spans is not None:
            return spans
    return reference_candidates(line)


def _by_line(text: str, find: Callable[[str], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``find`` on each line of ``text``, spans shifted back to the text's offsets.

    No candidate crosses a line break (digit runs hold none, and a line break ends a word), so
    this finds what one call on the whole text would, wherever ``find`` decides per line.
    """
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start <= n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        for s, e in find(text[start:end]):
            out.append((s + start, e + start))
        start = end + 1
    return out


def reference_candidates(text: str) -> list[tuple[int, int]]:
    """``candidates`` in Python: the definition, and what runs where the C scan does not."""
    spans = _digit_runs(text)
    spans += _word_candidates(text)
    spans.sort()
    return spans


_WORD_SPLIT: Final = rx.compile(r"[\s-]+")
_PLURAL_FRACTION: Final = rx.compile(r"(?:[ \t]+|-)(thirds|quarters|fifths|tenths|halves)(?!\w)", regex.IGNORECASE)
_PLURAL_FRACTION_STARTS: Final = Starts(("-", "thirds", "quarters", "fifths", "tenths", "halves"), fold=True, lead=" \t")
_ORD_SUFFIX: Final = rx.compile(r"(?:st|nd|rd|th)(?![A-Za-z])", regex.IGNORECASE)
_ORD_FIRST: Final = frozenset("sSſnNrRtT")  # what (?i:st|nd|rd|th) can start with (ſ folds to s)
_SPACE_CHARS: Final = frozenset(" \t\u00a0\u202f")
_SCALE_FIRST: Final = frozenset(w[0].casefold() for w in (*SCALES_CS, *SCALES_CI))
_ARTICLE_BEFORE: Final = rx.compile(r"(?r)(?<![\w])(?i:a|an|one)[ \t]+\G")
_OF_AFTER: Final = rx.compile(r"[ \t]+of[ \t]", regex.IGNORECASE)
# "cut by a third", "shrank by around a fifth": a share, whatever follows
_BY_BEFORE: Final = rx.compile(
    r"(?r)(?<![\w])(?i:by)[ \t]+(?:(?i:around|about|nearly|almost|roughly|some|over|under|just[ \t]+(?:over|under)"
    r"|more[ \t]+than|less[ \t]+than)[ \t]+)?\G")
# "several thousand", "a few hundred", "a couple of million": [low, high) times the magnitude
_FEW_BEFORE: Final = rx.compile(r"(?r)(?<![\w])(several|a[ \t]+few|a[ \t]+couple(?:[ \t]+of)?)[ \t]+\G", regex.IGNORECASE)
_FEW: Final = {"several": (Decimal(3), Decimal(10)), "few": (Decimal(2), Decimal(10)), "couple": (Decimal(2), Decimal(3)),
               "of": (Decimal(2), Decimal(3))}
_VAGUE_TAIL: Final = rx.compile(r"[ \t]+of[ \t]+(?P<w>thousands|millions|billions)(?=[ \t]+of\b)", regex.IGNORECASE)
_HALF_AFTER: Final = rx.compile(
    r"[ \t]+(?:of|the|a|an|its|their|his|her|our|this|that|these|those|all|[\p{Lu}][\w.-]*['’]s?)(?!\w)"
)
_WORD_AFTER: Final = rx.compile(r"[ \t]*-?[ \t]*([A-Za-z][\w-]*)")
# "a quarter point", "a half-point cut": a fraction of a percentage point (central banks' steps)
POINT_AFTER: Final = rx.compile(r"[ \t-](?:percentage[ \t-])?points?(?!\w)", regex.IGNORECASE)
# "two and a half", "3 and a quarter", "one and three quarters": a whole number and a fraction,
# maybe then scaled ("two and a half million")
_AND_FRACTION: Final = rx.compile(
    r"(?:[ \t]+and[ \t]+(?:(a|one)[ \t]+(half|quarter|third)|(three)[ \t]+(quarters))"
    r"|-and-(?:(a|one)-(half|quarter|third)|(three)-(quarters)))(?!\w)", regex.IGNORECASE)  # ("two-and-a-half")


@dataclass(slots=True, init=False)
class Num:
    """A number as written: span, exact value, and what form it takes.

    The per-candidate classes (this one, pipeline.Quantity, units.Attachment) write their
    ``__init__`` out: mypyc compiles a method written in the class, while the one ``dataclass``
    generates runs interpreted, ~3,000 instructions a construction (12% of extraction).
    """

    start: int
    end: int
    value: Decimal
    form: str  # digits, words, ordinal, fraction, factor, vague; junk = unreadable digits
    text: str
    high: Decimal | None = None  # the upper end of a vague plural ("thousands of" = [1000, 10000))
    raw: Decimal | None = None  # the value before a scale word was applied
    scaled: bool = False
    strict_scale: bool = False  # a one-letter scale ("m", "bn"...) that needs money or a noun to stand
    raw_end: int = -1  # where the numeral ended before its scale word

    def __init__(self, start: int, end: int, value: Decimal, form: str, text: str, *, high: Decimal | None = None,
                 raw: Decimal | None = None, scaled: bool = False, strict_scale: bool = False,
                 raw_end: int = -1) -> None:
        self.start, self.end, self.value, self.form, self.text = start, end, value, form, text
        self.high, self.raw, self.scaled, self.strict_scale, self.raw_end = high, raw, scaled, strict_scale, raw_end

    def unscale(self, text: str) -> None:
        """Drop the scale word: "400m race" is 400 metres, not 400 million."""
        if self.scaled and self.raw is not None:
            self.value, self.end, self.scaled, self.strict_scale = self.raw, self.raw_end, False, False
            self.text = text[self.start:self.end]


def parse_numeral(s: str) -> Decimal:
    """Exact value of a digit string with grouping commas.

    >>> parse_numeral("12.07")
    Decimal('12.07')
    """
    return Decimal(s.replace(",", ""))


def parse_words(s: str) -> Decimal:
    """Value of a run of cardinal number words ("twenty-one", "four thousand", "a dozen").

    >>> parse_words("one million")
    Decimal('1000000')
    >>> parse_words("two dozen")
    Decimal('24')
    """
    total = Decimal(0)
    current = Decimal(0)
    for w in _WORD_SPLIT.split(fold(s), 0, False):
        if w in ("and", "a", "an", ""):
            continue
        if w == "dozen":  # "two dozen" is 24, a multiplier like "hundred" (not "two" + "twelve")
            current = (current or Decimal(1)) * 12
            continue
        if w in MAGNITUDES:
            mult = MAGNITUDES[w]
            if w == "hundred":
                current = (current or Decimal(1)) * mult
            else:
                total += (current or Decimal(1)) * mult
                current = Decimal(0)
        else:
            current += NUMBER_WORDS[w].value
    return total + current


def _apply_scale(text: str, num: Num) -> None:
    """Extend ``num`` over scale words after it ("41 billion", "3.7bn", "4 hundred million")."""
    pos = num.end
    mult = Decimal(1)
    strict = False
    while True:
        sep = text[pos:pos + 1]
        hyphen = sep == "-"  # "a $5-million grant", "a Rs 1,200-crore project": scale words only
        p = pos + 1 if hyphen or sep in _SPACE_CHARS else pos
        if text[p:p + 1].casefold() not in _SCALE_FIRST:
            break  # no scale word starts here (most numbers): two regex calls saved
        m = SCALE_CI_RE.match(text, p, None, False)
        scale = SCALES_CI.get(fold(m.group(0))) if m else None
        if m is None or scale is None:
            m = SCALE_CS_RE.match(text, p, None, False)
            scale = SCALES_CS.get(m.group(0)) if m else None
        if m is None or scale is None or (hyphen and scale.strict):
            break  # "5-m" is five metres, not five million
        # one-letter scales glue to the digits ("$13.6M"), or stand before a capital-free noun
        if scale.strict and p != pos and not text[m.end():m.end() + 1].isspace():
            break
        mult *= scale.multiplier
        strict = strict or scale.strict
        pos = m.end()
        if not scale.strict and text[m.start():m.end()].lower() == "hundred":
            continue
        if scale.strict:
            break
    if pos != num.end:
        num.raw = num.value
        num.raw_end = num.end
        num.value *= mult
        num.end = pos
        num.text = text[num.start:pos]
        num.scaled = True
        num.strict_scale = strict


def scan(text: str, skip: list[tuple[int, int]] | None = None, plain: bool = True) -> list[Num]:
    """Every number-like span of ``text`` in order, with scale words applied.

    ``skip``: sorted, merged zones with no claims (URLs, reference entries). A candidate that
    starts inside one is not read at all: it is returned as form "skipped", value 0, so that the
    pipeline can still account for it. ``plain=False``: every number read with ``_MASTER``
    (the definition, which tests compare with).
    """
    out: list[Num] = []
    spans = candidates(text)
    zones = skip or []
    z = 0
    for start, stop in spans:
        if zones:
            while z < len(zones) and zones[z][1] <= start:
                z += 1
            if z < len(zones) and zones[z][0] <= start:
                if not out or start >= out[-1].end:
                    raw = text[start:stop].rstrip(".,")
                    out.append(Num(start, start + len(raw), Decimal(0), "skipped", raw))
                continue
        pos = start
        while pos < stop:
            if out and pos < out[-1].end:
                pos = out[-1].end  # inside the previous number ("4 hundred million", "twenty-one")
                continue
            if plain:
                end = _C_PLAIN_END(text, pos) if _C_PLAIN_END is not None else _plain_digits_end(text, pos)
                if end >= 0:  # what _MASTER reads there is a plain number (group d alone): read it directly
                    pos = _read_digit_span(text, pos, end, out)
                    continue
            m = _MASTER.match(text, pos, None, False)
            if m is None:
                pos += 1
                continue
            pos = _read(text, m, out)
    return out


_POINT_COMMA: Final = frozenset(".,")
_BEFORE_DIGIT: Final = frozenset(".,\t ")  # what a digit after a number may not follow: [.,]?\d, [ \t]\d{1,2}/


def _no_digit(c: str) -> bool:
    """Is the character ``c`` surely not what ``\\d`` matches? ASCII but 0-9, and the ranges below
    U+0660 and U+2000-U+2FFF, which hold no decimal digit (as numbers._OUTSIDE_DIGITLESS_PATTERN); the
    rest (other scripts' digits...) is left to the pattern."""
    return ("\x00" <= c < "0" or "9" < c < "\u0660") or "\u2000" <= c <= "\u2fff"


def _plain_digits_end(text: str, pos: int) -> int:
    """Where ``_MASTER.match(text, pos)`` ends when it matches only group d (no fraction after
    it), read without the pattern; -1 wherever that is not plain to see: the pattern decides.

    Group d at ``pos`` is its first alternative that fits, greedily: "1,234,567.8" or "41.5"
    ("12,34,567" and the rest go to the pattern), taken here only where it fits at once and
    nothing can follow (a digit, "/", a fraction after a blank). Each regex match costs ~6,000
    machine instructions, ~6% of extraction; most candidates are such plain numbers.
    """
    n = len(text)
    if not "0" <= text[pos] <= "9":
        return -1
    if pos > 0:  # (?<!\d)(?<!\d[.,])
        b = text[pos - 1]
        if not _no_digit(b) or (b in _POINT_COMMA and pos > 1 and not _no_digit(text[pos - 2])):
            return -1
    q = pos + 1
    while q < n and "0" <= text[q] <= "9":
        q += 1
    end = q
    if q - pos <= 3:  # \d{1,3}(?:,\d{3})+: groups of three
        while end + 3 < n and text[end] == "," and "0" <= text[end + 1] <= "9" and "0" <= text[end + 2] <= "9" \
                and "0" <= text[end + 3] <= "9":
            end += 4
    if end + 1 < n and text[end] == "." and "0" <= text[end + 1] <= "9":  # (?:\.\d+)?
        end += 2
        while end < n and "0" <= text[end] <= "9":
            end += 1
    if end < n:  # (?![.,]?\d), and no fraction after: "/", "½", a blank then a digit or "½"
        a = text[end]
        if not _no_digit(a) or a == "/" or a in _VULGAR:
            return -1
        if end + 1 < n and a in _BEFORE_DIGIT:
            c = text[end + 1]
            if not _no_digit(c) or c in _VULGAR:
                return -1
    return end


_DECIMAL_COMMA: Final = rx.compile(r"[1-9][0-9]{0,2},[0-9]{1,2}|0,[0-9]{1,2}")
_PERCENT_NEXT: Final = rx.compile(r"[ \u00a0]?(?:%|per[ \t]?cent\b|percent\b)", regex.IGNORECASE)


def _read(text: str, m: regex.Match, out: list[Num]) -> int:
    """Turn one _MASTER match into a Num appended to ``out``; return where scanning goes on."""
    if m.group(_JUNK) is not None:
        junk = m.group(_JUNK)
        if _DECIMAL_COMMA.fullmatch(junk) and _PERCENT_NEXT.match(text, m.end(), None, False):
            # "rose by 3,5%": a decimal comma (a thousands comma groups three digits)
            out.append(Num(m.start(), m.end(), Decimal(junk.replace(",", ".")), "digits", junk))
            return m.end()
        out.append(Num(m.start(), m.end(), Decimal(0), "junk", junk))
    elif m.group(_SF) is not None:  # "1/4 mile", "½ teaspoon"
        s, e = m.span(_SF)
        value = _simple_fraction(m.group(_SF))
        if value is None:  # a digit this Python's Unicode tables do not know (Kawi U+11F50 before "/4")
            out.append(Num(s, e, Decimal(0), "junk", m.group(_SF)))
            return m.end()
        num = Num(s, e, value, "digits", m.group(_SF))
        if num.value < 1:
            _apply_scale(text, num)
            out.append(num)
    elif m.group(_D) is not None:
        return _read_digits(text, m, out)
    elif m.group(_W) is not None:
        _read_words(text, m, out)
    else:
        _read_special(text, m, out)
    return m.end()


# Thousands grouped by a space, a no-break or a thin space, as many European and Central Asian
# outlets print them: only 1-3 leading digits then groups of exactly three ASCII digits, maybe a
# decimal point, and no other digit after ("In 2023 500 people" is a year and a count: 4 leading digits).
_GROUP_SPACE_CHARS: Final = " \u00a0\u202f\u2009"
_GROUP_SPACES: Final = frozenset(_GROUP_SPACE_CHARS)
_SPACE_GROUPS: Final = rx.compile(rf"(?:[{_GROUP_SPACE_CHARS}][0-9]{{3}})+(?:\.[0-9]+)?(?!\d|[.,]\d|[{_GROUP_SPACE_CHARS}]\d)")
_NO_GROUP_SPACES: Final = str.maketrans("", "", _GROUP_SPACE_CHARS)
# Thousands split by a tokenizer ("80, 000 spectators", as in Penn-Treebank-style text): a comma, a
# space and groups of three digits, one of which starts with 0, as no number on its own is written.
_COMMA_SPACE_GROUPS: Final = rx.compile(r"(?:, [0-9]{3})+(?![0-9]|[.,][0-9]|, [0-9])")


def _read_digits(text: str, m: regex.Match, out: list[Num]) -> int:
    s, e = m.span(_D)
    if text[s:s + 1] == "." and s > 0 and text[s - 1].isalpha():
        # "Rs.200", "Tk.1.5 lakh", "No.5": the period ends an abbreviation, it is no decimal point
        m2 = _MASTER.match(text, s + 1, None, False)
        if m2 is not None and m2.start(_D) == s + 1:
            return _read_digits(text, m2, out)
    return _read_digit_span(text, s, e, out, extra=m.group(_FRAC) or m.group(_VF), m_end=m.end())


def _read_digit_span(text: str, s: int, e: int, out: list[Num], *, extra: str | None = None, m_end: int = -1) -> int:
    """Group d of a _MASTER match is ``text[s:e]``; ``extra``: its group frac or vf; ``m_end``: the match's end."""
    digits = text[s:e]
    try:
        value = parse_numeral(digits)
    except InvalidOperation:  # a digit newer than this Python's Unicode tables (Kawi U+11F50)
        out.append(Num(s, e, Decimal(0), "junk", digits))
        return e
    num = Num(s, e, value, "digits", digits)
    if e - s <= 3 and text[e:e + 1] in _GROUP_SPACES and "0" <= text[e + 1:e + 2] <= "9" and text[s:e].isascii() \
            and text[s:e].isdigit() and text[s] != "0":
        g = _SPACE_GROUPS.match(text, e, None, False)
        if g is not None:  # "20 000 000 people", "5 000 tonnes": thousands grouped by spaces
            return _grouped(text, s, g.end(), parse_numeral(text[s:g.end()].translate(_NO_GROUP_SPACES)), out)
    if e - s <= 3 and text[e:e + 2] == ", " and text[s:e].isascii() and text[s:e].isdigit() and text[s] != "0":
        g = _COMMA_SPACE_GROUPS.match(text, e, None, False)
        if g is not None and ", 0" in g.group(0):  # "80, 000 spectators": one number split by a tokenizer
            return _grouped(text, s, g.end(), Decimal(text[s:g.end()].replace(", ", "")), out)
    if extra and "." not in num.text:  # "10 1/2 miles", "7 3/4 %", "2½"
        part = _simple_fraction(extra.strip())
        if part is not None and part < 1:
            num.value += part
            num.end = m_end
            num.text = text[s:num.end]
            _apply_scale(text, num)
            out.append(num)
            return m_end
    o = _ORD_SUFFIX.match(text, e, None, False) if text[e:e + 1] in _ORD_FIRST else None
    if o and "." not in num.text and "," not in num.text and not _stone(num.text, o.group(0)):
        num.end = o.end()
        num.text = text[s:num.end]
        num.form = "ordinal"
    else:
        if "." not in num.text and "," not in num.text:
            _and_fraction(text, num)  # "2 and a half"
        _apply_scale(text, num)
    out.append(num)
    return e  # a fraction after a decimal (".10 1/2") is read as a number of its own


def _stone(digits: str, suffix: str) -> bool:
    """"9st" is nine stone: "st" makes an ordinal of 1, 21, 101 ... only (not of 11, 111 ...)."""
    if suffix.lower() != "st":
        return False
    return not (digits.endswith("1") and not digits.endswith("11"))


def _grouped(text: str, s: int, e: int, value: Decimal, out: list[Num]) -> int:
    """A number whose digit groups the text separates ("20 000 000", "80, 000"), read whole."""
    num = Num(s, e, value, "digits", text[s:e])
    _apply_scale(text, num)
    out.append(num)
    return e


def _and_fraction(text: str, num: Num) -> None:
    """Extend a whole number over "and a half" after it ("two and a half years": 2.5)."""
    if text[num.end + 1:num.end + 4].lower() != "and":
        return
    m = _AND_FRACTION.match(text, num.end, None, False)
    if m is None:
        return
    g = 0 if m.group(1) or m.group(3) else 4  # (the hyphenated spelling's groups are 5-8)
    times = Decimal(3) if m.group(3 + g) else Decimal(1)
    part = NUMBER_WORDS[fold(m.group(4 + g if m.group(3 + g) else 2 + g))]  # "third" is listed as an ordinal: 1/3
    num.value += times * (part.value if part.type == "fraction" else Decimal(1) / part.value)
    num.end = m.end()
    num.text = text[num.start:num.end]


def _read_words(text: str, m: regex.Match, out: list[Num]) -> None:
    s, e = m.span(_W)
    words = m.group(_W)
    if m.group(_WO):
        lead, nth = parse_words(words), NUMBER_WORDS[fold(m.group(_WO))].value
        if lead >= 20 and lead % 10 == 0 and nth < 10:  # "twenty-third"
            out.append(Num(s, m.end(), lead + nth, "ordinal", text[s:m.end()]))
            return
        if nth > 2 and lead < nth:  # "one-third", "one-hundredth": a share
            out.append(Num(s, m.end(), lead / nth, "fraction", text[s:m.end()]))
            return
        e = s + len(words)  # "one-second delay": a duration, read as "one-minute" is (the unit after the hyphen)
    elif text[e:e + 1] == "-" and text[e:e + 6].lower() == "-first" and not text[e + 6:e + 7].isalnum():
        lead = parse_words(words)
        if lead >= 20 and lead % 10 == 0:  # "twenty-first": "first" is no number word (it is rarely a count)
            out.append(Num(s, e + 6, lead + 1, "ordinal", text[s:e + 6]))
            return
    low = words.lower()
    if low in MAGNITUDES or low == "dozen":
        art = _ARTICLE_BEFORE.search(text, max(0, s - 4), s, False)
        if art is None:
            few = _FEW_BEFORE.search(text, max(0, s - 16), s, False)
            if few is not None:  # "several thousand people", "a few hundred", "a couple of million": an interval
                mag = MAGNITUDES[low] if low in MAGNITUDES else Decimal(12)
                lo, hi = _FEW[few.group(1).lower().split()[-1]]
                out.append(Num(few.start(), e, lo * mag, "vague", text[few.start():e], high=hi * mag))
            return  # a lone "thousand"/"million" is a scale word, read with its number
        s = art.start()
    value = parse_words(words)
    num = Num(s, e, value, "words", text[s:e])
    last = _WORD_SPLIT.split(low, 0, False)[-1]
    if last in MAGNITUDES and last != "hundred" and " " in low:  # "five thousand": scaled like "5,000"
        num.scaled, num.raw, num.raw_end = True, value / MAGNITUDES[last], e
    frac = _PLURAL_FRACTION.match(text, e, None, False) if _PLURAL_FRACTION_STARTS.could_start(text, e) else None  # "two thirds"
    if frac and frac.group(1).lower() == "quarters" and " and " not in low and not _OF_AFTER.match(text, frac.end(), None, False) \
            and text[e:e + 1] != "-" and _BY_BEFORE.search(text, max(0, s - 30), s, False) is None \
            and ((nxt := _WORD_AFTER.match(text, frac.end(), None, False)) is None or fold(nxt.group(1)) not in MAGNITUDES):
        frac = None  # "the first two quarters were weak": periods, not 2/4 ("three quarters of voters", "three
        # quarters billion dollars", "three-quarters", "fell by three quarters" are shares)
    if frac:
        part = NUMBER_WORDS[fold(frac.group(1))].value
        whole, sep, numerator = " ".join(low.split()).rpartition(" and ")
        if sep and not num.scaled and " " not in numerator and "-" not in numerator:
            # "one and three quarters miles": 1 + 3/4, a number (the run read "one and three" as 4)
            num.value = parse_words(whole) + parse_words(numerator) * part
            num.end = frac.end()
            num.text = text[s:num.end]
            _apply_scale(text, num)
            out.append(num)
            return
        num.value = value * part
        num.end = frac.end()
        num.text = text[s:num.end]
        num.form = "fraction"
        _fraction_of_magnitude(text, num)
        out.append(num)
        return
    if not num.scaled:
        _and_fraction(text, num)
    _apply_scale(text, num)
    out.append(num)


def _read_special(text: str, m: regex.Match, out: list[Num]) -> None:
    s, e = m.span(_X)
    word = fold(m.group(_X))
    nw = NUMBER_WORDS[word]
    num: Num | None = None
    if nw.type == "ordinal":
        num = _fraction_or_ordinal(text, s, e, word, nw.value)
    elif nw.type == "fraction":
        if word in ("half", "quarter"):  # "half a million" first: a number, not the share "half a"
            num = _fraction_of_magnitude(text, Num(s, e, nw.value, "fraction", text[s:e]), article=True)
        if num is None:
            num = _fraction(text, s, e, word, nw.value)
    elif nw.type == "factor":
        num = Num(s, e, nw.value, "factor", text[s:e])
    elif nw.type == "vague":
        tail = _VAGUE_TAIL.match(text, e, None, False)
        if not _OF_AFTER.match(text, e, None, False) and not tail:
            return
        value, high, end = nw.value, nw.value * 10, e
        if word in ("dozens", "scores"):
            value, high = nw.value * 2, Decimal(100)
        if tail and word in ("tens", "hundreds", "dozens"):
            mult = NUMBER_WORDS[fold(tail.group(1))].value
            value, high, end = value * mult, high * mult, tail.end(1)
        num = Num(s, end, value, "vague", text[s:end], high=high)
    if num is not None:
        while out and out[-1].start >= num.start:
            out.pop()  # "one" of "one third": read before, now part of the fraction
        out.append(num)


_VULGAR: Final = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8",
           "⅞": "7/8"}


def _simple_fraction(s: str) -> Decimal | None:
    """'3/4' or '¾' -> Decimal('0.75'); None when Decimal cannot read a digit (one newer than this
    Python's Unicode tables, which the regex module already knows: Kawi U+11F50)."""
    a, b = _VULGAR.get(s, s).split("/")
    try:
        return Decimal(a) / Decimal(b)
    except (InvalidOperation, ZeroDivisionError):
        return None


_MAGNITUDE_AFTER: Final = rx.compile(
    r"[ \t]+(?:of[ \t]+)?(?:an?[ \t]+)?(million|billion|trillion|thousand|dozen)(?!\w)", regex.IGNORECASE)


def _fraction_of_magnitude(text: str, num: Num, article: bool = False) -> Num | None:
    """'half million', 'half a million', 'a quarter of a million', 'three quarters of a billion',
    'half a dozen': a scaled number, not a share."""
    m = _MAGNITUDE_AFTER.match(text, num.end, None, False)
    if m is None:
        return None
    if article:
        art = _ARTICLE_BEFORE.search(text, max(0, num.start - 4), num.start, False)
        if art is not None:
            num.start = art.start()
    num.raw, num.raw_end = num.value, num.end
    scale = fold(m.group(1))
    num.value *= MAGNITUDES[scale] if scale in MAGNITUDES else NUMBER_WORDS[scale].value
    num.end = m.end()
    num.text = text[num.start:num.end]
    num.form = "words"
    num.scaled = True
    return num


def _fraction_or_ordinal(text: str, s: int, e: int, word: str, value: Decimal) -> Num | None:
    """'a third of the world's GDP' is a fraction; 'the third goal', 'fifth visit' are ordinals."""
    art = _ARTICLE_BEFORE.search(text, max(0, s - 4), s, False)
    if word in ("third", "fifth", "tenth", "quarter") and art is not None and _OF_AFTER.match(text, e, None, False):
        return Num(art.start(), e, Decimal(1) / value, "fraction", text[art.start():e])
    if art is not None and value > 2 and text[e:e + 1] != "-" and (
            art.group(0).strip().lower() == "one" or _BY_BEFORE.search(text, max(0, art.start() - 20), art.start(), False)):
        return Num(art.start(), e, Decimal(1) / value, "fraction", text[art.start():e])  # "one fifth", "fell by a fifth"
    nxt = _WORD_AFTER.match(text, e, None, False)
    if nxt is None:
        return None
    following = nxt.group(1).lower()
    if word == "second" and (following in _NOUN_STOP or following in ("and", "of")):
        return None  # "for a second", "second of all"
    if following in _NOUN_STOP and following not in ("most", "largest"):
        return None
    return Num(s, e, value, "ordinal", text[s:e])


def _fraction(text: str, s: int, e: int, word: str, value: Decimal) -> Num | None:
    art = _ARTICLE_BEFORE.search(text, max(0, s - 4), s, False)
    if word in ("half", "halves"):
        if (text[e:e + 1] == "-" and not POINT_AFTER.match(text, e, None, False)) or text[max(0, s - 1):s] == "-":
            return None  # "half-staff", "second-half" (but "a half-point hike": half a percentage point)
        before = text[max(0, s - 12):s].lower().split()
        if before and before[-1] in ("first", "second", "last", "other", "the", "latter", "former"):
            return None
        if not (_HALF_AFTER.match(text, e, None, False) or POINT_AFTER.match(text, e, None, False)):
            return None
        if art is not None and art.group(0).strip().lower() in ("a", "an") and before[-2:-1] == ["and"]:
            return None  # "one and a half" is handled as a whole elsewhere
        start = art.start() if art is not None else s
        return Num(start, e, value, "fraction", text[start:e])
    if word in ("quarter", "quarters"):
        if art is None or not (_OF_AFTER.match(text, e, None, False)
                               or _BY_BEFORE.search(text, max(0, art.start() - 30), art.start(), False)):
            return None  # "the first quarter": a period ("a quarter of voters", "rose by a quarter": a share)
        return Num(art.start(), e, value, "fraction", text[art.start():e])
    return None
