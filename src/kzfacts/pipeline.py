"""extract_text: text -> sentences -> number spans -> units/scale/hedge -> normalized claims.

Pure: no I/O, no globals mutated. Every number span the scanner finds either becomes a claim
or is rejected with a reason (``explain_text``): nothing is dropped silently.

>>> [(c.text, c.value, c.unit, c.qualifier, c.time) for c in extract_text(
...     "In 2023, trade hit $41 billion, up about 19%.", doc="d")]
[('$41 billion', 41000000000.0, 'USD', 'exact', '2023'), ('19%', 19.0, 'percent', 'approximately', '2023')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, Final

import regex

from kzfacts import context, hedges, rx, units
from kzfacts._gc import paused
from kzfacts.model import KIND_MEMBERS, QUALIFIER_MEMBERS, Change, Claim
from kzfacts.normalize import to_base, unit_info
from kzfacts.numbers import POINT_AFTER, Num, scan
from kzfacts.tables import MAGNITUDES, NUMBER_WORDS, SUBUNITS, UNIT_NAMES, Starts, fold, trie, word_set
from kzfacts.text import LineIndex, TextIndex

Kind: Final = KIND_MEMBERS  # the same members, ~10x cheaper to reach (model.members); Final: C statics
Qualifier: Final = QUALIFIER_MEMBERS

# word lists (data/words.tsv), bound once: looked up per candidate
_ERA: Final = word_set("era")
_IDENTIFIER: Final = word_set("identifier")
_IDENTIFIER_PAIR_BEFORE: Final = rx.compile(
    r"(?r)(?<![\w])([\p{L}][\p{L}.]*)[ \t]+\d+[ \t]+(?i:and|to|or|through|&)[ \t]+\G")
_MONTH: Final = word_set("month")
_NOUN_STOP: Final = word_set("noun_stop")
_VERB: Final = word_set("verb")
_YEAR_PREP: Final = word_set("year_prep")
_YEAR_NOUN: Final = word_set("year_noun")
_LOWER_WORD_AFTER: Final = rx.compile(r"[ \t]([a-z]+)(?!\w)")
_HEADCOUNT: Final = word_set("headcount")
_HEADCOUNT_GAP: Final = word_set("headcount_gap")
_OVER_BOUND_BEFORE: Final = word_set("over_bound")
_WEEKDAYS: Final = word_set("weekday")
_PREFIX_UNIT: Final = word_set("prefix_unit")
_PREFIX_UNIT_LAST: Final = frozenset(w[-1] for w in _PREFIX_UNIT)  # (what the text before the blank must end with)
# The word of a unit written before its number: "a magnitude 7.8 earthquake", "magnitude-6.4 quake"
_PREFIX_UNIT_BEFORE: Final = rx.compile(r"(?r)(?<![\w-])(?P<w>\p{L}+)[ \t-]\G")


@dataclass(slots=True, init=False)  # __init__ written out: see numbers.Num
class Quantity:
    """A number with what was attached to it, while the pipeline is still deciding."""

    num: Num
    start: int  # first character of the claim text (currency sign, minus, "between"...)
    end: int  # last character + 1 (unit, counted noun, "or more"...)
    value: Decimal
    high: Decimal | None = None
    unit: str | None = None
    kind: str = Kind.NUMBER
    noun: str | None = None
    adjectival: bool = False
    qualifier: str = Qualifier.EXACT
    change: str | None = None
    currency_start: int = -1
    reject: str | None = None
    hedge: tuple[str, int] | None = None  # hedges.qualifier_before at ``hedge_at``
    hedge_at: int = -1
    restates: bool = False  # restates the figure before it in other terms ("rose $1.20, or 1.5%")

    def __init__(self, num: Num, start: int, end: int, value: Decimal, *, high: Decimal | None = None,
                 unit: str | None = None, kind: str = Kind.NUMBER, noun: str | None = None,
                 adjectival: bool = False, qualifier: str = Qualifier.EXACT, change: str | None = None,
                 currency_start: int = -1, reject: str | None = None, hedge: tuple[str, int] | None = None,
                 hedge_at: int = -1) -> None:
        self.num, self.start, self.end, self.value, self.high = num, start, end, value, high
        self.unit, self.kind, self.noun, self.adjectival = unit, kind, noun, adjectival
        self.qualifier, self.change, self.currency_start, self.reject = qualifier, change, currency_start, reject
        self.hedge, self.hedge_at = hedge, hedge_at
        self.restates = False


def _hedge_before(text: str, q: Quantity) -> tuple[str, int] | None:
    """The hedge ending where ``q`` starts, looked up once per start (asked up to four times)."""
    if q.hedge_at != q.start:
        q.hedge, q.hedge_at = hedges.qualifier_before(text, q.start), q.start
    return q.hedge


@dataclass(frozen=True, slots=True)
class Rejection:
    """A number span that is not a claim, and why (a year, a date, part of a name...)."""

    start: int
    end: int
    text: str
    reason: str


def extract_text(text: str, *, doc: str = "doc") -> list[Claim]:
    """Every quantitative claim in ``text``, in order. Pure: no I/O."""
    return list(iter_claims(text, doc=doc))


def explain_text(text: str) -> list[Rejection]:
    """The number spans that were *not* made claims, each with its reason."""
    return [Rejection(q.num.start, q.num.end, q.num.text, q.reject or "") for q in _quantities(text)[1]]


CHUNK = 1 << 16  # characters; a long document is read in line-aligned chunks of about this size


def iter_claims(text: str, *, doc: str = "doc") -> Iterator[Claim]:
    """Claims in order, yielded chunk by chunk: memory stays flat and output can stream.

    Chunks end at line breaks, and no claim, sentence or range crosses a line break, so
    chunking changes nothing but memory and latency.
    """
    for batch in iter_claim_batches(text, doc=doc):
        yield from batch


def iter_claim_batches(text: str, *, doc: str = "doc") -> Iterator[list[Claim]]:
    """``iter_claims`` one chunk at a time (~64K characters, a few milliseconds of work): the
    CLI writes and flushes each batch at once, so output streams without a flush per claim.
    Chunks with no claim yield nothing."""
    lines = LineIndex(text)
    year = _DocYear(text)  # "last year" in an article dated July 3, 2024 is 2023
    for a, b in _chunks(text, CHUNK):
        with paused():  # (kzfacts._gc: no cycles here; the collector only walked these objects)
            batch = _chunk_claims(text[a:b], doc, a, lines, year)
        if batch:
            yield batch


class _DocYear:
    """The document's own year (``context.dateline_year``), read on first need: most documents
    never say "last year", and reading the top of each costs a few µs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known = False
        self.year: int | None = None

    def __call__(self) -> int | None:
        if not self.known:
            self.year = context.dateline_year(self.text)
            self.known = True
        return self.year


def _chunk_claims(part: str, doc: str, offset: int, lines: LineIndex, year: _DocYear | None = None) -> list[Claim]:
    index = TextIndex(part, lines.part(part, offset))  # the chunk's lines, from the document's
    kept, _ = _quantities(part, index)
    times: dict[int, list[tuple[int, int, str]]] = {}
    nouns: dict[int, str] = {}  # per sentence: what the last count counted
    batch: list[Claim] = []
    for q in kept:
        batch.append(_claim(part, index, q, doc=doc, times=times, nouns=nouns, offset=offset, lines=lines,
                            previous=batch[-1] if batch else None, year=year))
    return batch


def _chunks(text: str, size: int) -> Iterator[tuple[int, int]]:
    start = 0
    n = len(text)
    while start < n:
        end = n if n - start <= size else text.find("\n", start + size)
        end = n if end < 0 else end + 1
        yield start, end
        start = end


# ---------------------------------------------------------------------------- stage: quantities
# Each pattern below has at most one group, read as group 1: a group looked up by name costs
# ~0.6 µs more (see numbers._SF).
_LETTER_BEFORE: Final = rx.compile(r"(?r)[\p{L}_]\G")
_HYPHEN_WORD_BEFORE: Final = rx.compile(r"(?r)(?P<w>[\p{L}][\p{L}\d]*)[-‐‑][ \t]?\G")
# A minus sign or "minus" right before the number (or its currency sign: "−$3 billion"), not the
# dash of a range ("75 -300mm"). No look-ahead: the search stops at the number's start, so a
# look-ahead there sees nothing.
_HYPHENS: Final = ("-", "‐", "‑")  # [-‐‑] of _HYPHEN_WORD_BEFORE: the only thing before its optional blank
_MINUS_BEFORE: Final = rx.compile(
    r"(?r)(?:(?<![\w\d.,%)-])(?<!\d[ \t])[-−–]|(?<![\w-])(?<!(?i:or)[ \t])(?i:minus)[ \t-]?)\G")  # (not "plus or minus 3")
_MINUS_LAST: Final = frozenset("-−–sSſ \t")  # what the text before a minus-signed number can end with ("minus 5", "-5")
_S: Final = ("s", "S", "ſ")  # what (?i:s) matches: before a blank, "minus" must end so
_PREV_WORD: Final = rx.compile(r"(?r)(?P<w>[\p{L}#][\p{L}\d&'’.\-]*)[ \t\u00a0]+\G")
_CLOCK_AFTER: Final = rx.compile(r"(?:[:.]\d{2}(?!\d)[ \t]?(?i:a\.?m\.?|p\.?m\.?)(?!\w)|:\d{2}(?!\d)|[ \t]?(?i:a\.m\.|p\.m\.|am|pm)(?![\w]))")
_AM_PM: Final = ("a", "A", "p", "P")  # past a blank, _CLOCK_AFTER can only go on with "am"/"pm"
_CLOCK_BEFORE: Final = rx.compile(r"(?r)\d[:]\G")
_SLASH_AROUND: Final = rx.compile(r"/\d")
_DECADE: Final = rx.compile(r"(?:['’]?s)(?!\w)")
_ERA_AFTER: Final = rx.compile(r"[ \t]*(?i:AD|BC|BCE|CE|A\.D\.|B\.C\.)(?![\w])")
_CHROME_AFTER: Final = rx.compile(r"[ \t]*min(?:ute)?s?[ \t]+read(?!\w)", regex.IGNORECASE)
_LIST_MARKER: Final = rx.compile(r"(?r)(?:\A|\n)[ \t]*\G")
_LIST_AFTER: Final = rx.compile(r"[.)][ \t]")
_ISSUE: Final = rx.compile(r"(?r)\d\(\G")
_MONTH_BEFORE: Final = rx.compile(r"(?r)(?P<m>[A-Za-z]{3,9})\.?[ \t]+\G")
_DATE_RANGE_BEFORE: Final = rx.compile(
    r"(?r)(?<![\w])(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[ \t]+\d{1,2}[-–]\G")
_ERA_RANGE_AFTER: Final = rx.compile(r"[-–]\d{1,4}[ \t]*(?i:AD|BC|BCE|CE|A\.D\.|B\.C\.)(?![\w])")
_YEAR_PAIR_BEFORE: Final = rx.compile(r"(?r)(?:1\d|20)\d\d[ \t]*(?:and|to|-|–)[ \t]*\G")
_SCORE: Final = rx.compile(r"(\d{1,3})[-–](\d{1,3})(?![\d%]|[.,]\d|[ \t]*(?:per|%|percent))")  # "won 3-1," "a 52-48 vote."
_ADDRESS_AFTER: Final = rx.compile(
    r"(?:[ \t]+[\p{Lu}\d][\w.]*){0,3}[ \t]+(?:St|Street|Rd|Road|Ave|Avenue|Way|Blvd|Boulevard|Lane|Ln|Drive|Dr"
    r"|Place|Pl|Court|Ct|Square|Sq|Terrace|Highway|Hwy|Parkway|Pkwy)\b\.?")
# past the spaces, a capital or a digit (every street word is capitalized); past ASCII, \p{Lu} and \d
_ADDRESS_STARTS: Final = Starts("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", lead=" \t", non_ascii=True)
_CENTURY_AFTER: Final = rx.compile(r"[ \t]+(?i:century|centuries|millennium)\b")
_MONTH_AFTER: Final = rx.compile(r"[ \t]+(?P<m>[A-Za-z]{3,9})\b")
_CAPITAL_AFTER: Final = rx.compile(r"[ \t]+([\p{Lu}][\p{L}]+)")
_OR_GAP: Final = rx.compile(r"[ \t]+or[ \t]+")
_SCALE_AFTER: Final = rx.compile(r"[ \t]+(?i:(thousand|million|billion|trillion))(?!\w)")
_CODE_CHAIN: Final = rx.compile(r"(?:\d+[-–]){2,}\d+|\d+[-–]\d+[-–]")
_CODE_CHAIN_BEFORE: Final = rx.compile(r"(?r)\d+[-–]\d+[-–]\G")
_LIST_PAREN: Final = rx.compile(r"[ \t]?\)")
_CLAUSE_START: Final = rx.compile(r"(?r)(?:\A|[\n;:]|[.!?][ \t])[ \t]*\G")
_OF_GAP: Final = rx.compile(r"[ \t]+of[ \t]+")
_AGED_BEFORE: Final = rx.compile(
    r"(?r)(?<![\w])(?:aged|ages|age[ \t]+of|turn(?:s|ed|ing)?)[ \t]+(?:(?:between|from|about|around|over|under|just|roughly)[ \t]+){0,2}\G",
    regex.IGNORECASE)
# "She is 72", "he will be 35", "I am 45": a person's age (not "it was 35", "they were 3": things, or a count)
_PERSON_IS_BEFORE: Final = rx.compile(
    r"(?r)(?<![\w])(?i:he|she|i)[ \t]+(?i:is|was|am|will[ \t]+be|would[ \t]+be|has[ \t]+turned|had[ \t]+turned)"
    r"(?:[ \t]+(?i:now|only|just|still|nearly|almost|about))?[ \t]+\G")
_OF_A_GAP: Final = rx.compile(r"[ \t]+(?:of[ \t]+)?an?(?=[ \t])", regex.IGNORECASE)
# (a suspended hyphen may come first: "16- to 24-year-olds")
_RANGE_GAP: Final = rx.compile(r"(?:-(?=[ \t]))?[ \t]*(?P<c>-|–|—|to|and|or|through)[ \t]*\Z", regex.IGNORECASE)
_BETWEEN_FROM: Final = rx.compile(r"(?r)(?<!\w)(?P<w>between|from)[ \t]+\G", regex.IGNORECASE)
_NUMBERLIKE_AFTER: Final = rx.compile(r"[\p{L}]")
# (an acronym is one word: "the 24th SCO summit")
_ORD_NOUN: Final = rx.compile(
    r"(?:[ \t]+|-)([A-Z]{2,}(?![a-z])|[A-Za-z][a-z-]*)(?:[ \t]+([A-Z]{2,}(?![a-z])|[A-Za-z][a-z-]*))?(?:[ \t]+([a-z][a-z-]*))?")
_ONE_OF_THE: Final = rx.compile(r"[ \t]+of[ \t]+the[ \t]", regex.IGNORECASE)
_ONE_BAD_BEFORE: Final = frozenset("no each any every this that the which someone anyone everyone no-one one".split())
_ONE_BAD_AFTER: Final = rx.compile(r"[ \t]*(?:-|another|by|day|way|or|and|could|can|would|might|must|should|will|is|was|has|had|who|that|which|[,.;:!?)]|\Z)", regex.IGNORECASE)

_FUNCTION_CAPS: Final = frozenset(
    w.lower() for w in ("In", "On", "At", "By", "Of", "For", "With", "Since", "From", "To", "The", "A", "An",
                        "And", "But", "Just", "Only", "Total", "Some", "Nearly", "About", "Around", "Over",
                        "Under", "Almost", "Approximately", "Roughly", "More", "Less", "Up", "Down", "Between",
                        "Than", "All", "Those", "These", "Its", "Their", "Another", "Then", "Now", "Of",
                        "After", "Before", "During", "Until", "Within", "Across", "Among", "Estimated", "Reportedly",
                        "Only", "Even", "Still", "Another", "Exactly", "Precisely", "Price", "Cost", "Costs",
                        "Population", "Revenue", "Sales", "Profit", "Loss", "Debt", "Budget", "Salary", "Fee")
)


_EXCLUDED: Final = "inside a URL, footnote marker or reference-list entry"
_LEADING_ZERO: Final = "written with a leading zero: a code, phone number or label (0800, 007)"


def _quantities(text: str, index: TextIndex | None = None) -> tuple[list[Quantity], list[Quantity]]:
    index = index or TextIndex(text)
    kept: list[Quantity] = []
    rejected: list[Quantity] = []
    prev: Quantity | None = None
    floor = 0  # where the last kept quantity ended: its currency sign is not the next one's
    for num in scan(text, index.excluded):
        if index.is_excluded(num.start, num.end):  # cheap: decided before any look-around
            q = Quantity(num, num.start, num.end, num.value)
            q.reject = _EXCLUDED
        else:
            q = _attach(text, num, floor)
        if (q.reject is None and prev is not None and prev.reject and num.form == "digits"
                and (text[prev.num.end:num.start] in ("-", "–", "/", ".")
                     or (_LEADING_ZERO in prev.reject and text[prev.num.end:num.start] == " " and num.text.isdigit()))):
            q.reject = f"joined to a number that is not a claim ({prev.reject})"  # "0800 123 4567" too
        if q.reject is None and prev is not None and prev.end == prev.num.end and num.start - prev.end < 16 \
                and ("in" in text[prev.end:num.start] or "of" in text[prev.end:num.start]) \
                and _RATIO_GAP.fullmatch(text, prev.end, num.start, False):
            ratio = _ratio(text, prev, q)
            if ratio is not None:  # "one in five workers": one claim, in place of both numbers
                (kept if kept and kept[-1] is prev else rejected).pop()
                q = ratio
        (rejected if q.reject else kept).append(q)
        prev = q
        if not q.reject:
            floor = q.end
    kept = _merge_ranges(text, kept, rejected)
    _share_restated_change(text, kept)
    _share_coordinated_change(text, kept)
    kept = _per_population(text, kept, rejected)
    _over_a_period(text, kept)
    _inherit_elided_units(text, index, kept)
    final: list[Quantity] = []
    for q in kept:
        if q.reject is None:
            q.reject = _late_reject(text, q)
        if q.reject:
            rejected.append(q)
        elif final and q.start < final[-1].end:
            q.reject = "overlaps the previous claim"
            rejected.append(q)
        else:
            final.append(q)
    return final, rejected


_MATERIAL_KINDS: Final = (Kind.LENGTH, Kind.VOLUME, Kind.MASS, Kind.AREA)
_INCREASE: Final = Change.INCREASE.value  # a plain str, as hedges.change_before gives
_PLUS_AFTER: Final = rx.compile(r"\+|-plus(?![\w])|-odd(?![\w-])", regex.IGNORECASE)  # ("40-odd countries": about 40)
_RATIO_GAP: Final = rx.compile(r"[ \t]+(?:in|(?:out[ \t]+)?of)[ \t]+(?:every[ \t]+)?")  # "one in five", "one in every four", "nine out of 10", "one of four"


# "rose $1.20, or 1.5%,", "fell 4% (about $2bn)": the second figure restates the first change
_RESTATED: Final = rx.compile(r",?[ \t]*(?:\(|or[ \t]|\([ \t]*or[ \t])[ \t]*(?:(?:about|around|nearly|almost|some|roughly|approximately)[ \t]+)?")
_CHANGED_KINDS: Final = (Kind.PERCENT, Kind.MONEY, Kind.POINTS)


def _changes(q: Quantity) -> bool:
    """Can ``q`` state a change in other terms: a percent, money, points ("or 120 points")?"""
    return q.kind in _CHANGED_KINDS or (q.kind == Kind.COUNT and q.noun in ("points", "pts"))


def _share_restated_change(text: str, qs: list[Quantity]) -> None:
    """A figure that restates the one before it in other terms shares its stated change."""
    for i in range(1, len(qs)):
        a, b = qs[i - 1], qs[i]
        if (b.change is None and a.change is not None and _changes(b) and _changes(a)
                and b.start - a.end <= 16 and _RESTATED.fullmatch(text, a.end, b.start, False)):
            b.change = a.change
            b.restates = True


# "rose 0.4% on the month and 3.2% on the year", "fell 2% on Monday and a further 1.5%": the second
# figure of the same kind, after "and" with no verb of its own, shares the first one's change
_COORDINATED: Final = rx.compile(r"(?P<gap>[^.;:!?()\n]{0,40}?)(?:,?[ \t]+and)[ \t]+(?:(?:a|an)[ \t]+(?:further|additional)[ \t]+|another[ \t]+)?")
_OF_AFTER: Final = rx.compile(r"[ \t]+of[ \t]")


_PER_GAP: Final = frozenset((" per ", " for every ", " in every "))
_POPULATION_BASES: Final = frozenset((100.0, 1000.0, 10000.0, 100000.0, 1000000.0))


def _per_population(text: str, qs: list[Quantity], rejected: list[Quantity]) -> list[Quantity]:
    """"6.8 per 100,000 people", "4.5 deaths per 1,000 live births": one rate, whose noun says
    per how many of what; the base is no claim of its own."""
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        b = qs[i + 1] if i + 1 < len(qs) else None
        if (b is not None and a.kind in (Kind.NUMBER, Kind.COUNT) and b.kind == Kind.COUNT and b.noun
                and b.qualifier == Qualifier.EXACT and float(b.value) in _POPULATION_BASES
                and text[a.end:b.start] in _PER_GAP and not a.num.high):
            per = text[a.end:b.end].strip()
            r = Quantity(a.num, a.start, b.end, a.value, kind=Kind.COUNT,
                         noun=f"{a.noun} {per}" if a.noun else per, qualifier=a.qualifier, change=a.change)
            b.reject = "the base of a rate (per 100,000 people)"
            rejected.append(b)
            out.append(r)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _share_coordinated_change(text: str, qs: list[Quantity]) -> None:
    """A figure coordinated with the one before it ("X% ... and Y%") shares its stated change."""
    for i in range(1, len(qs)):
        a, b = qs[i - 1], qs[i]
        if (b.change is None and a.change is not None and b.kind == a.kind and a.kind in _CHANGED_KINDS
                and b.unit == a.unit and b.start - a.end <= 56):
            m = _COORDINATED.fullmatch(text, a.end, b.start, False)
            if (m is not None and not _OF_AFTER.match(text, b.end, None, False)
                    and not any(_is_clause_word(w) for w in m.group("gap").split())):
                b.change = a.change


def _is_clause_word(word: str) -> bool:
    """A verb or a conjunction that starts a clause of its own ("and profits rose", "while")."""
    w = word.strip(",").lower()
    return w in _VERB or w in _CLAUSE_CONJ or (len(w) >= 5 and w.endswith("ed") and w.isalpha())


_CLAUSE_CONJ: Final = frozenset(("while", "whereas", "but", "although", "though", "as", "because", "which", "who", "that"))


def _over_a_period(text: str, qs: list[Quantity]) -> None:
    """"lost 15% of their weight over 68 weeks", "$5bn over 10 years": a duration after another
    figure of its clause, read with "over", is the period it took, not a lower bound ("for over
    20 years", "after over 10 years" still are)."""
    for i in range(1, len(qs)):
        q, prev = qs[i], qs[i - 1]
        if q.kind != Kind.DURATION or q.qualifier != Qualifier.MORE_THAN:
            continue
        hb = _hedge_before(text, q)
        if hb is None or text[hb[1]:q.start].strip().lower() != "over":
            continue
        between = text[prev.end:hb[1]]
        if prev.kind == Kind.DURATION and between.strip():
            continue  # (but "deliberated for nine hours over two days": the days are the period)
        if any(c in between for c in ".;!?\n") or len(between) > 80:
            continue
        words = between.split()
        if not words or words[-1].lower().strip(",") not in _OVER_BOUND_BEFORE:
            q.qualifier = Qualifier.EXACT


def _ratio(text: str, a: Quantity, b: Quantity) -> Quantity | None:
    """"one in five workers", "nine out of 10 doctors", "1 in 4": the share a/b, a fraction of b's noun."""
    if b.kind not in (Kind.NUMBER, Kind.COUNT) or a.reject == _EXCLUDED or a.num.scaled or b.num.scaled:
        return None
    if a.num.form not in ("digits", "words") or b.num.form not in ("digits", "words") or a.num.high or b.num.high:
        return None
    if not (1 <= a.value <= 100 and a.value < b.value and a.value == int(a.value) and b.value == int(b.value)):
        return None
    r = Quantity(a.num, a.start, b.end, a.value / b.value, kind=Kind.FRACTION, noun=b.noun)
    hedge = _hedge_before(text, r)
    if hedge is not None:
        r.qualifier = hedge[0]
    return r


# "one-in-five adults", "a 1-in-100 chance", "two-out-of-three voters", "a 1-in-100-year flood": a share
# written as one hyphenated word
_HYPHEN_RATIO: Final = rx.compile(
    r"-(?i:in|out-of|of)-(?:(?P<d>\d{1,4})(?![\d,.]\d)|(?P<w>[A-Za-z]+))(?:-(?i:years?)(?![\w-])|(?![\w-]))")


def _hyphen_ratio(text: str, a: Quantity) -> Quantity | None:
    """A hyphenated share starting with the number ``a`` ("one-in-five"), or None."""
    m = _HYPHEN_RATIO.match(text, a.end, None, False)
    if m is None:
        return None
    if m.group("d") is not None:
        b = float(m.group("d"))
    else:
        word = NUMBER_WORDS.get(m.group("w").lower())
        if word is None or word.type != "cardinal":
            return None
        b = float(word.value)
    if not (1 <= a.value <= 100 and a.value == int(a.value)):
        return None
    if a.value >= b:
        a.end = m.end()
        a.reject = "a product descriptor, not a share (3-in-1, 2-in-1)"
        return a
    found = units.counted_noun(text, m.end(), b) if not m.group(0).lower().endswith(("year", "years")) else None
    r = Quantity(a.num, a.start, found[0] if found else m.end(), a.value / Decimal(b), kind=Kind.FRACTION,
                 noun=found[1] if found else None)
    hedge = _hedge_before(text, r)
    if hedge is not None:
        r.qualifier = hedge[0]
    return r


def _attach(text: str, num: Num, floor: int = 0) -> Quantity:
    """Currency, sign, unit and noun around one number; early rejections.

    ``floor``: end of the previous claim; text before it ("17 USD 25") is not this number's prefix.
    """
    q = Quantity(num, num.start, num.end, num.value, high=num.high)
    if num.form == "junk":
        q.reject = "digits with unreadable grouping or punctuation"
        return q
    if text[num.end:num.end + 1] == "-" and num.form in ("digits", "words") and not num.scaled and num.high is None:
        ratio = _hyphen_ratio(text, q)
        if ratio is not None:
            return ratio
    s = num.start
    win = text[max(0, s - 40):s]
    if num.form == "digits":
        reason = _digits_context(text, num, win)
        if reason:
            q.reject = reason
            return q
    cur = units.currency_before(text, s) if num.form in ("digits", "words", "vague") else None
    if cur is not None and cur[0] < floor:
        cur = None
    if cur is not None and text[cur[0]:s] == "PS" and len(num.text) == 1 and num.text.isdigit() and not num.scaled:
        cur = None  # "the PS5", "a PS4 game": a console; a transliterated £ comes with a price ("PS8.1bn", "PS21,700")
    code: str | None = None
    if cur is not None:
        q.start, code = cur
        q.currency_start = cur[0]
    elif num.form == "digits" and _could_be_letter(win[-1:]) and _LETTER_BEFORE.search(win, None, None, False):
        q.reject = "letters glued before the digits: part of a name or code"
        return q
    if (code is None and num.form == "digits" and not num.scaled and len(num.text) == 4 and num.text.isdigit()
            and 1500 <= num.value <= 2100 and not units.measure_follows(text, num.end)
            and _hedge_before(text, q) is None):
        q.reject = "a year: a time anchor, not a claim"  # decided without reading a counted noun
        return q
    if num.form == "digits" and _minus_may_end(text, q.start):
        m = _MINUS_BEFORE.search(text, max(0, q.start - 6), q.start, False)
        if m is not None:
            q.start = m.start()
            q.value = -q.value
    # what follows
    plus = _PLUS_AFTER.match(text, num.end, None, False) if num.form == "digits" and text[num.end:num.end + 1] in (
        "+", "-") else None
    # "5,000+ jobs", "a 40-plus-year career": the sign is a hedge, the unit or noun comes after it
    att = units.after(text, plus.end() if plus else num.end, currency=code, value=float(num.value),
                      scaled=num.scaled)
    if num.strict_scale and code is None and att.kind == Kind.NUMBER and not _headcount_before(win):
        num.unscale(text)
        q.value = -num.value if q.value < 0 else num.value
        att = units.after(text, num.end, currency=code, value=float(num.value))
    if num.form == "digits" and att.kind in (Kind.NUMBER, Kind.COUNT) and not num.scaled:
        inch_end = units.inches_after_feet(text, s, num.end, float(num.value))
        if inch_end is not None:  # "6 ft 2 in", "6 foot 2": the inches of a height
            att = units.Attachment(inch_end, "inch", Kind.LENGTH)
    if att.kind == Kind.COUNT and att.noun is not None and att.noun.lower() in _FORECASTER \
            and _EXPECTED_AFTER.match(text, att.text_end, None, False):
        att = units.Attachment(num.end, None, Kind.NUMBER)  # "fewer than the 60,000 economists had expected"
    if att.kind == Kind.NUMBER and text[num.end:num.end + 2] in (" C", " F") and not text[num.end + 2:num.end + 3].isalnum() \
            and _TEMPERATURE_CUE.search(text, max(0, s - 80), min(len(text), num.end + 80), False) is not None:
        # "12 C melting point", "a high of 30 C": a spaced C or F is a temperature where the text speaks of one
        att = units.Attachment(num.end + 2, "degree_Celsius" if text[num.end + 1] == "C" else "degree_Fahrenheit",
                               Kind.TEMPERATURE)
    if att.kind == Kind.NUMBER and code is None and text[num.end:num.end + 1] == " " \
            and _PER_CURRENCY_AFTER.match(text, num.end, None, False):
        priced = _currency_in_clause(win)
        if priced is not None:  # "the lira fell to 30.5 per dollar": 30.5 lira, as "143.80 yen" is written
            att = units.Attachment(num.end, priced, Kind.MONEY)
    if att.scale != 1.0:
        q.value *= Decimal(str(att.scale))
    elif att.kind == Kind.MONEY and not num.scaled:  # "75 USD million": the scale after the currency
        sc = _SCALE_AFTER.match(text, att.text_end, None, False)
        if sc is not None:
            mult = MAGNITUDES[fold(sc.group(1))]
            q.value *= mult
            att.text_end = sc.end()
    if num.form in ("vague", "words", "digits") and att.kind == Kind.NUMBER and num.scaled or num.form == "vague":
        g = _OF_GAP.match(text, num.end, None, False)
        if g is not None and att.kind == Kind.NUMBER:
            att2 = units.after(text, g.end() - 1, currency=code, value=2.0)
            if att2.kind in (Kind.MONEY, Kind.COUNT):
                att = att2
    if num.form == "ordinal":
        if _CENTURY_AFTER.match(text, num.end, None, False):
            q.reject = "a century: a time reference"
            return q
        if _ADDRESS_STARTS.could_start(text, num.end) and _ADDRESS_AFTER.match(text, num.end, None, False):
            q.reject = "a street name in an address (71st St)"
            return q
        att = units.Attachment(num.end, None, Kind.ORDINAL, noun=_ordinal_noun(text, num.end))
    elif num.form == "fraction":
        att = units.Attachment(num.end, None, Kind.FRACTION)
        g = _OF_A_GAP.match(text, num.end, None, False) if text[num.end:num.end + 1] in (" ", "\t") else None
        pt = POINT_AFTER.match(text, num.end, None, False) if num.value < 1 else None
        if pt is not None:  # "a quarter point", "a half-point hike"
            att = units.Attachment(pt.end(), "percentage_point", Kind.POINTS)
        elif g is not None:  # "half an hour", "a quarter of a mile", "half a percentage point": of the unit
            of_unit = units.after(text, g.end(), currency=None, value=float(num.value), nouns=False)
            if of_unit.kind not in (Kind.NUMBER, Kind.COUNT):
                att = of_unit
    elif num.form == "factor":
        att = units.Attachment(num.end, None, Kind.FACTOR)
    elif num.form == "vague" and att.kind == Kind.NUMBER:
        q.reject = "a vague plural with nothing counted"
        return q
    if ((att.kind == Kind.NUMBER or (att.kind == Kind.COUNT and "age" in text[max(0, s - 24):s]))
            and num.form in ("digits", "words") and text[s - 1:s] in (" ", "\t")
            and (aged := _AGED_BEFORE.search(text, max(0, s - 24), s, False)) is not None
            and (att.kind == Kind.NUMBER or aged.group(0)[:3].lower() == "age")):
        # "aged 45", "aged between 18 and 24", "turned 40", "a minimum age of 18 applies" (no count of
        # "applies"; but "turned 20 people away" counts people)
        att = units.Attachment(att.text_end if att.kind == Kind.NUMBER else num.end, "year", Kind.AGE)
    elif att.kind == Kind.NUMBER and num.form == "digits" and _age_after_name(text, num, win):
        att = units.Attachment(att.text_end, "year", Kind.AGE)  # "Nick Hague, 44, has", "Smith (44)"
    elif (att.kind == Kind.NUMBER and num.form == "digits" and num.text.isdigit() and 1 <= num.value <= 120
          and text[s - 1:s] == " " and _PERSON_IS_BEFORE.search(win, None, None, False) is not None):
        att = units.Attachment(att.text_end, "year", Kind.AGE)  # "She is 72.", "He will be 35 by the end of the year"
    elif att.kind in (Kind.NUMBER, Kind.COUNT) and num.form == "digits" and code is None \
            and text[s - 1:s] in (" ", "\t", "-") and text[s - 2:s - 1].lower() in _PREFIX_UNIT_LAST:
        pu = _PREFIX_UNIT_BEFORE.search(text, max(0, s - 16), s, False)
        if (pu is not None and pu.group(1).lower() in _PREFIX_UNIT
                and not text.endswith(("of ", "Of "), 0, pu.start())):  # (not "an order of magnitude")
            unit = UNIT_NAMES.get(fold(pu.group(1)))
            if unit is not None:  # "a magnitude 7.8 earthquake", "the magnitude-6.4 quake": what follows is
                # what has it, not a count
                att = units.Attachment(num.end, unit, unit_info(unit).kind, adjectival=True)
                q.start = pu.start()
    q.end = att.text_end
    q.unit, q.kind, q.noun, q.adjectival = att.unit, att.kind, att.noun, att.adjectival
    if att.kind == Kind.MONEY and code is None:
        q.currency_start = -1
    if num.form == "digits" and att.kind in (Kind.NUMBER, Kind.COUNT) and _NUMBERLIKE_AFTER.match(text, num.end, None, False):
        q.reject = "letters glued after the digits: a name or code (5G, 3D, A380)"
        return q
    if num.form == "digits":
        q.reject = _name_before(text, q, win) or _year(text, q, win) or _score(text, q)
        if q.reject:
            return q
    if num.form == "words":
        reason = _words_context(text, num, q, win)
        if reason:
            q.reject = reason
            return q
    # hedges and changes
    hb = _hedge_before(text, q)
    edge = q.start
    if hb is not None:
        q.qualifier = hb[0]
        edge = hb[1]
        if text[hb[1]:q.start].lower().startswith("sub-"):
            q.start = hb[1]
    if plus is not None and q.qualifier == Qualifier.EXACT:
        q.qualifier = Qualifier.APPROXIMATELY if plus.group(0).lower() == "-odd" else Qualifier.MORE_THAN
    ha = hedges.qualifier_after(text, q.end)
    if ha is not None and (q.qualifier == Qualifier.EXACT or q.qualifier == ha[0]):  # (also "some 20 or so")
        q.qualifier = ha[0]
        q.end = ha[1]
        if q.kind == Kind.NUMBER and q.currency_start < 0:
            found = units.counted_noun(text, q.end, float(q.value))  # "20 or so people", "a dozen or more jobs"
            if found is not None:
                q.end, q.noun, q.kind = found[0], found[1], Kind.COUNT
    if q.kind not in (Kind.ORDINAL,):
        q.change = hedges.change_before(text, edge)
        if q.change is not None and q.kind in _MATERIAL_KINDS and text.startswith(" of ", q.end):
            q.change = None  # "the storm dropped 10 cm of rain", "lost 2 tonnes of cargo": an amount, not a change
        if q.change is None and q.kind in (Kind.PERCENT, Kind.MONEY, Kind.POINTS, Kind.FACTOR):
            q.change = hedges.change_after(text, q.end)  # ("a 10-fold increase")
            if q.change is None and text[q.start - 1:q.start] == "+" and not text[q.start - 2:q.start - 1].isalnum():
                q.change = _INCREASE  # "(+15% YoY)"
        if q.change is not None and q.kind == Kind.COUNT and q.noun == "times":
            q.kind, q.noun = Kind.FACTOR, None  # "trade increased 1.7 times": a factor, not a count of times
    if q.num.form == "vague":
        q.qualifier = Qualifier.RANGE
    return q


_NAME_COMMA_BEFORE: Final = rx.compile(r"(?r)(?<![\w])([\p{Lu}][\p{L}'’.-]+)(?:,[ \t]|[ \t]\()\G")
_PERSON_COMMA_BEFORE: Final = rx.compile(r"(?r)(?<![\w])(?i:the|a|an)[ \t]+(?:[\p{Ll}-]+[ \t]+)?([\p{Ll}]+)(?:,[ \t]|[ \t]\()\G")
_PERSON_NOUN: Final = word_set("person_noun")


def _age_after_name(text: str, num: Num, win: str) -> bool:
    """A person's age set off after their name: "Nick Hague, 44, has", "Smith (44) said"."""
    if not (num.text.isdigit() and len(num.text) <= 3 and 1 <= num.value <= 120):
        return False
    close = text[num.end:num.end + 1]
    if close not in (",", ")") or (close == ")") != win.endswith("("):
        return False
    m = _NAME_COMMA_BEFORE.search(win, None, None, False)
    if m is None:
        p = _PERSON_COMMA_BEFORE.search(win, None, None, False)  # "The suspect, 34, was charged"
        return p is not None and p.group(1).lower() in _PERSON_NOUN
    return (_is_capitalized_name(m.group(1)) and m.group(1).lower() not in _WEEKDAYS
            and (not _starts_sentence(win, m.start())
                 or (close == "," and _LOWER_VERB_AFTER.match(text, num.end + 1, None, False) is not None)))


# "Messi, 36, signed": at a sentence's start a name is set off with its age when a verb follows
_LOWER_VERB_AFTER: Final = rx.compile(r"[ \t]+(?:who|was|is|has|had|of|said|says|will|would|\p{Ll}+ed)(?![\w'’-])")


_FORECASTER: Final = word_set("forecaster")
_EXPECTED_AFTER: Final = rx.compile(
    r"[ \t]+(?:(?:had|have|has|were|are|was|is)[ \t]+(?:been[ \t]+)?)?"
    r"(?:expected|expecting|forecast|forecasting|predicted|predicting|anticipated|estimated|projected)(?!\w)",
    regex.IGNORECASE)


# An exchange rate stated against a reserve currency: the currency priced is named before the number
_PER_CURRENCY_AFTER: Final = rx.compile(
    r"[ \t]+(?:per|to[ \t]+the|against[ \t]+the|versus[ \t]+the)[ \t]+(?:U\.?S\.?[ \t]+)?(?:dollar|euro|greenback)(?!\w)",
    regex.IGNORECASE)
_CLAUSE_WORDS: Final = rx.compile(r"\p{L}+")


def _currency_in_clause(win: str) -> str | None:
    """The last currency named in the sentence before the number ("Turkey's lira fell to"), if any."""
    cut = max(win.rfind(". "), win.rfind("; "), win.rfind("\n"))
    for w in reversed(_CLAUSE_WORDS.findall(win, cut + 1)[-12:]):
        code = units.CURRENCY_NAMES.get(w.lower())
        if code is not None and code not in ("USD", "EUR"):
            return code
    return None


def _headcount_before(win: str) -> bool:
    """Does a word that counts people come just before the number ("a population of about 20m",
    "(population 20m)", "users rose to 20m"), so that a bare "m" after it means million?"""
    for word in reversed(win.split()[-6:]):
        w = word.strip("(\"'“‘,").lower()
        if w in _HEADCOUNT:
            return True
        if w not in _HEADCOUNT_GAP:
            return False
    return False


def _could_be_letter(c: str) -> bool:
    """Could ``c`` be what ``_LETTER_BEFORE`` reads (a letter or "_")? Past ASCII, leave it to the pattern."""
    return c != "" and (c == "_" or c.isalpha() or not c.isascii())


def _digits_context(text: str, num: Num, win: str) -> str | None:
    """Rejections decided by the characters around a digit number (each regex behind a cheap guard)."""
    s, e = num.start, num.end
    raw_end = num.raw_end if num.scaled else e
    before = win[-1:]  # the character just before the number
    after = text[raw_end:raw_end + 1]
    if (before == ":" and _CLOCK_BEFORE.search(win, None, None, False)) or (_clock_may_follow(text, raw_end) and _CLOCK_AFTER.match(text, raw_end, None, False)):
        return "a time of day"
    if (after == "/" and _SLASH_AROUND.match(text, raw_end, None, False)) or (before == "/" and win[-2:-1].isdigit()):
        return "part of a date or ratio written with slashes"
    if before == "#":
        return "a number sign: an identifier"
    if len(num.text) > 1 and num.text[0] == "0" and num.text.isdigit() and not num.scaled:
        return _LEADING_ZERO
    if before == "(" and _ISSUE.search(win, None, None, False):
        return "an issue number in a citation"
    if _hyphen_word_may_end(win):
        m = _HYPHEN_WORD_BEFORE.search(win, None, None, False)
        if m is not None and m.group(1).lower() not in ("sub", "minus", "over", "under", "then", "around", "about") \
                and m.group(1).lower() not in _PREFIX_UNIT \
                and not (m.group(1).lower() in ("foot", "feet") and win[m.start() - 2:m.start()][-1:] == "-"
                         and win[m.start() - 2:m.start() - 1].isdigit()):  # "a 6-foot-4 forward": the inches
            return "attached to a word by a hyphen: a name or code (COVID-19, TA-35)"
    nxt = text[e:e + 1]
    if nxt in ".)" and "." not in num.text and _LIST_MARKER.search(win, None, None, False) and _LIST_AFTER.match(text, e, None, False):
        return "a list item number"
    if _list_paren_may_follow(text, e) and "." not in num.text and _CLAUSE_START.search(win, None, None, False) \
            and _LIST_PAREN.match(text, e, None, False):
        return "a list item number"
    if (nxt in "-–" and _CODE_CHAIN.match(text, s, None, False)) or (before in "-–" and _CODE_CHAIN_BEFORE.search(win, None, None, False)):
        return "a code of hyphenated digit groups (phone, account, ISBN)"
    intlike = "," not in num.text and "." not in num.text
    if intlike and not num.scaled:
        if nxt in "s'’" and len(num.text) in (2, 4) and num.text.endswith("0") and _DECADE.match(text, e, None, False):
            return "a decade (the 1990s)"
        if nxt in " \tA" and _era_may_follow(text, e) and _ERA_AFTER.match(text, e, None, False):
            return "a year of an era (AD/BC)"
        if len(num.text) <= 2:
            mb = _MONTH_BEFORE.search(win, None, None, False) if before in " \t" else None
            if mb is not None and mb.group(1).lower() in _MONTH:
                return "a day of a month: a date"
            nm = _MONTH_AFTER.match(text, e, None, False) if nxt in " \t" else None
            if nm and nm.group(1).lower() in _MONTH and int(num.value) <= 31:
                return "a day of a month: a date"
    if before in "-–" and _DATE_RANGE_BEFORE.search(win, None, None, False):
        return "a day range of a month: a date (July 3-4)"
    if nxt in "-–" and _ERA_RANGE_AFTER.match(text, e, None, False):
        return "a span of years of an era (220-280 AD)"
    if _chrome_may_follow(text, e) and _CHROME_AFTER.match(text, e, units.line_end(text, e), False):
        return "page furniture (reading time)"
    if before in " \t\u00a0":
        pw = _PREV_WORD.search(win, None, None, False)
        if pw is not None:
            word = pw.group(1)
            lw = word.lower()
            if lw in _IDENTIFIER or lw.rstrip(".") in _IDENTIFIER:
                return f"an identifier after '{word}'"
            if lw in ("and", "to", "or", "through", "&"):
                pair = _IDENTIFIER_PAIR_BEFORE.search(win, max(0, len(win) - 40), None, False)
                if pair is not None and pair.group(1).lower().rstrip(".") in _IDENTIFIER:
                    return f"the second of two identifiers after '{pair.group(1)}'"  # "between junctions 10 and 11"
    elif before == "." and win[-2:-1].isalpha():  # "No.5", "Vol.3": glued to an identifier's period
        k = len(win) - 1
        while k > 0 and win[k - 1].isalpha():
            k -= 1
        word = win[k:]
        if word.lower() in _IDENTIFIER:
            return f"an identifier after '{word}'"
    if nxt in " \t" and _ADDRESS_STARTS.could_start(text, e) and _ADDRESS_AFTER.match(text, e, None, False):
        return "a street number in an address"
    return None


# Exact guards before patterns that most candidates fail: each says whether its pattern could match
# there at all, from a character or two (tests/test_fast_paths.py checks they never skip a match).
def _minus_may_end(text: str, start: int) -> bool:
    """Could _MINUS_BEFORE end at ``start``? A sign or "minus" ends there; past a blank, only "minus"."""
    last = text[start - 1:start]
    return last in _MINUS_LAST and (last not in (" ", "\t") or text[start - 2:start - 1] in _S)


def _clock_may_follow(text: str, i: int) -> bool:
    """Could _CLOCK_AFTER match at ``i``? Past a blank, only "am"/"pm" can follow."""
    after = text[i:i + 1]
    return after in ":. \tapAP" and (after not in (" ", "\t") or text[i + 1:i + 2] in _AM_PM)


def _hyphen_word_may_end(win: str) -> bool:
    """Is _HYPHEN_WORD_BEFORE worth searching at the end of ``win``? A hyphen ends it, or a hyphen and
    a space (after a tab it is not asked)."""
    before = win[-1:]
    return before in "-‐‑ " and (before != " " or win[-2:-1] in _HYPHENS)


def _list_paren_may_follow(text: str, i: int) -> bool:
    """Could _LIST_PAREN match at ``i`` (asked only before a space or ")")? A ")" must be there or next."""
    nxt = text[i:i + 1]
    return nxt in " )" and (nxt == ")" or text[i + 1:i + 2] == ")")


def _chrome_may_follow(text: str, i: int) -> bool:
    """Could _CHROME_AFTER match at ``i`` (asked only before a blank)? "min" starts past the blanks."""
    return text[i:i + 1] in (" ", "\t") and _past_blanks(text, i) in ("m", "M")


def _era_may_follow(text: str, i: int) -> bool:
    """Could _ERA_AFTER match at ``i``? AD, BC, BCE, CE, A.D. or B.C. starts past the blanks."""
    return _past_blanks(text, i) in ("a", "A", "b", "B", "c", "C")


def _past_blanks(text: str, i: int) -> str:
    """The first character at or after ``i`` that is not a space or tab ("" at the end)."""
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    return text[i:i + 1]


def _name_before(text: str, q: Quantity, win: str) -> str | None:
    """'Section 427', 'Game 6', 'S&P 500': a capitalized word names the number, when nothing is measured."""
    if q.currency_start >= 0 or not (q.kind == Kind.NUMBER or (q.kind == Kind.COUNT and (
            (q.noun or "")[:1].isupper() or q.num.text == "1"))):
        return None  # "iPhone 12 Mini deal", "a Formula 1 fan" are names; "about 63000 Model 3 sedans",
        # "In Kazakhstan 300 schools opened", "call Bob 3 times" are counts
    pw = _PREV_WORD.search(win, None, None, False)
    if pw is not None and _is_capitalized_name(pw.group(1)) and not _starts_sentence(win, pw.start()) \
            and not pw.group(1).endswith(("'s", "’s")):  # ("to Trump's 232": a figure, not a name)
        return f"part of a name after '{pw.group(1)}' (Section 427, Game 6)"
    if pw is not None and pw.group(1).lower() in ("the", "a", "an", "its", "their", "his", "her", "our"):
        nxt = _CAPITAL_AFTER.match(text, q.end, None, False)
        if nxt is not None and _is_capitalized_name(nxt.group(1)) and not units.is_acronym_plural(nxt.group(1)):
            return f"part of a name before '{nxt.group(1)}' (the 737 MAX, the 3 Series)"
    return None


def _starts_sentence(win: str, pos: int) -> bool:
    before = win[:pos].rstrip()
    return not before or before[-1] in ".!?:\n\"“(" or before.endswith(("—", "–"))


def _is_capitalized_name(word: str) -> bool:
    lw = word.lower().rstrip(".")
    if lw in _FUNCTION_CAPS or lw in _MONTH or lw in _NOUN_STOP or lw in _VERB:
        return False
    if lw in units.CURRENCY_NAMES or word in units.CURRENCY_PREFIXES:
        return False
    return any(ch.isupper() for ch in word)


def _words_context(text: str, num: Num, q: Quantity, win: str) -> str | None:
    low = num.text.lower()
    measured = q.kind not in (Kind.NUMBER, Kind.COUNT)  # "that one mile": a unit settles it
    pw = _PREV_WORD.search(win, None, None, False)
    if ((low == "one" or low.endswith(" one")) and not measured
            and _ONE_OF_THE.match(text, num.end, None, False) is None):  # (not "that one of the computers")
        if pw is not None and pw.group(1).lower() in _ONE_BAD_BEFORE:
            return "'one' as a pronoun"
        if _ONE_BAD_AFTER.match(text, num.end, None, False):
            return "'one' as a pronoun"
    if pw is not None and pw.group(1).lower() in _IDENTIFIER:
        return f"an identifier after '{pw.group(1)}'"
    if pw is not None and _is_capitalized_name(pw.group(1)) and not _starts_sentence(win, pw.start()) and not (
            len(pw.group(1)) > 4 and pw.group(1)[-1] == "."):  # ("in China. Three Americans": a sentence's end)
        return f"part of a name after '{pw.group(1)}' (Shanghai Five)"
    if q.kind == Kind.NUMBER and _CAPITAL_AFTER.match(text, num.end, None, False) is not None:
        return "part of a name (Three Kingdoms)"
    if q.kind == Kind.COUNT and q.noun and q.noun[:1].isupper() and not any(
            w[:1].islower() for w in q.noun.split()) and q.noun.lower() not in units.DEMONYM \
            and not units.is_acronym_plural(q.noun):
        return "part of a name (Three Kingdoms)"
    return None


def _ordinal_noun(text: str, end: int) -> str | None:
    m = _ORD_NOUN.match(text, end, None, False)
    if m is None:
        return None
    words: list[str] = []
    for w in m.groups():
        if w is None or w.lower() in _NOUN_STOP or w.lower() in _VERB or (
                len(w) >= 5 and w.endswith("ed") and w.islower() and words):  # ("the 3rd UN conference opened")
            break
        words.append(w)
    return " ".join(words) or None


def _merge_ranges(text: str, qs: list[Quantity], rejected: list[Quantity]) -> list[Quantity]:
    """Join "between 4 and 9 per cent", "$10 to $15 billion", "15-22 mph" into one range claim."""
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        b = qs[i + 1] if i + 1 < len(qs) else None
        if b is not None and a.reject is None and b.reject is None:
            merged = _try_range(text, a, b) or _try_compound_money(text, a, b)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
            _inherit_or(text, a, b)
        out.append(a)
        i += 1
    return out


_VERB_AFTER: Final = rx.compile(r"[ \t]+(?i:is|are|was|were|has|have|had|will|would)(?!\w)")
# "30 were injured", "2,000 have been evacuated": what happened to the counted things of the figure before
_PASSIVE_AFTER: Final = rx.compile(
    r"[ \t]+(?i:were|are|have[ \t]+been|had[ \t]+been)[ \t]+(?:still[ \t]+)?"
    r"(?:[a-z]{3,}ed|hurt|killed|held|taken|missing|dead|homeless|displaced|wounded|stranded)(?!\w)")
_NO_INHERIT: Final = frozenset({Kind.PERCENT, Kind.ORDINAL, Kind.FRACTION, Kind.FACTOR, Kind.NUMBER, Kind.POINTS})
_BASELINE_GAP: Final = rx.compile(r"(?r)(?<![\w])(?:from|than|against|versus|compared[ \t]+(?:with|to))[ \t]+\G", regex.IGNORECASE)
_OF_THE_GAP: Final = rx.compile(
    r"[ \t]+of[ \t]+(?:(?:the|a|an|its|their|his|her|our|your|my|these|those)[ \t]+)?"
    r"(?:(?:last|first|next|top|remaining|other|past)[ \t]+)?\Z", regex.IGNORECASE)
_WORD_AFTER: Final = rx.compile(r"[ \t]([a-z][a-z]*)(?![\w.-])")  # "5 speed": a lower-case word right after
_CAPITAL_NEXT: Final = rx.compile(r"[ \t][\p{Lu}]")
_CONVERSION_BEFORE: Final = rx.compile(r"[ \t]?\((?:about|around|some|roughly|approximately|nearly|almost|or|i\.e\.,?)?[ \t]?")
# "One in three children lives in poverty, up from one in four": the share before, at another time
_FROM_EARLIER_TAIL: Final = rx.compile(r"(?r),[ \t]+(?:up|down)[ \t]+from[ \t]+\G", regex.IGNORECASE)
# "a profit of £1.02bn, down from £1.4bn": the same measure at another time
_FROM_EARLIER: Final = rx.compile(
    r",?[ \t]+(?:up|down)[ \t]+(?:(?:sharply|slightly|steeply|marginally)[ \t]+)?from[ \t]+(?:(?:a|an)[ \t]+)?"
    r"(?:(?:about|around|some|roughly|approximately|nearly|almost)[ \t]+)?")


_TIME_FRAME_BEFORE: Final = rx.compile(r"(?r)(?<![\w])(?i:in|over|for|during|within|the|past|next|last|first)[ \t]+\G")


def _inherit_elided_units(text: str, index: TextIndex, qs: list[Quantity]) -> None:
    """"435 homes by open sale and 187 by tender": a bare figure parallel to a measured one shares its unit.

    Percentages are never lent ("fell 0.4 per cent to 13176" is an index level). A figure that
    modifies the word after it ("the 5 speed manual") borrows nothing; a conversion in brackets
    lends nothing: "2,435,000 yen ($22,480) ... and 2,380,000" is in yen.
    """
    for i, q in enumerate(qs):
        if q.kind != Kind.NUMBER:
            continue
        nxt = qs[i + 1] if i + 1 < len(qs) else None
        if (nxt is not None and q.num.form in ("digits", "words") and nxt.kind not in _NO_INHERIT
                and (q.num.form == "digits" or (nxt.kind == Kind.COUNT and not q.num.scaled
                                                 and not _RATIO_GAP.fullmatch(text, q.end, nxt.start, False)))
                and _OF_THE_GAP.match(text[q.end:nxt.start], None, None, False)):
            # what the figure after "of" counts or measures: "280 million of the 1.5 billion shekels",
            # "five of its last six games", "Two of the three suspects"
            q.unit, q.kind, q.noun = nxt.unit, nxt.kind, nxt.noun
            continue
        if q.num.form != "digits":
            continue
        passive = False
        if _VERB_AFTER.match(text, q.end, None, False):
            if _PASSIVE_AFTER.match(text, q.end, None, False) is None:
                continue
            passive = True  # "14 people died and 30 were injured": only a count lends its noun
        w = _WORD_AFTER.match(text, q.end, None, False)
        if w is not None and w.group(1).lower() not in _NOUN_STOP:
            continue
        if _CAPITAL_NEXT.match(text, q.end, None, False):
            continue  # "0.002 AU", "5 Oscars": a name or a unit this reader does not know follows
        si = index.sentence_at(q.start)
        donor = None
        for j in range(i - 1, -1, -1):
            d = qs[j]
            if index.sentence_at(d.start) != si:
                break
            if j > 0 and qs[j - 1].kind not in _NO_INHERIT and _CONVERSION_BEFORE.fullmatch(text, qs[j - 1].end, d.start, False) \
                    and text.startswith(")", d.end):
                continue
            if passive and d.kind != Kind.COUNT:
                break
            if d.kind == Kind.DURATION and _TIME_FRAME_BEFORE.search(text, max(0, d.start - 12), d.start, False):
                continue  # "In the 12 months to March, net migration was 685,000": a time frame lends no unit
            if d.kind not in _NO_INHERIT and not d.adjectival and (
                    d.num.scaled == q.num.scaled or _BASELINE_GAP.search(text, max(0, q.start - 20), q.start, False)):
                donor = d  # "1.2 million people, up from 950,000": a baseline is in the figure's terms, scaled or not
                break
            if d.kind == Kind.PERCENT:
                break
        if donor is not None:
            q.unit, q.kind, q.noun = donor.unit, donor.kind, donor.noun


_MAJOR_MINOR_GAP: Final = rx.compile(r"[ \t]+(?:and[ \t]+)?")


def _try_compound_money(text: str, a: Quantity, b: Quantity) -> Quantity | None:
    """"15 dollars 50", "thirteen dollars and forty-five cents": one amount."""
    if a.kind != Kind.MONEY or a.currency_start >= 0 or a.num.scaled or a.unit in SUBUNITS or "/" in (a.unit or ""):
        return None
    if not _MAJOR_MINOR_GAP.fullmatch(text[a.end:b.start], None, None, False) or b.num.scaled or b.value >= 100 or b.value != int(b.value):
        return None
    if not (b.kind == Kind.NUMBER or b.unit == "cent"):
        return None
    r = Quantity(a.num, a.start, b.end, a.value + b.value / 100, unit=a.unit, kind=a.kind,
                 qualifier=a.qualifier, change=a.change)
    return r


def _inherit_or(text: str, a: Quantity, b: Quantity) -> None:
    """"8 or $9": the first number shares the second's unit."""
    gap = text[a.end:b.start]
    if a.kind == Kind.NUMBER and b.kind == Kind.MONEY and "or" in gap and _OR_GAP.fullmatch(gap, None, None, False):
        a.unit, a.kind = b.unit, b.kind


def _try_range(text: str, a: Quantity, b: Quantity) -> Quantity | None:
    if a.kind in (Kind.ORDINAL, Kind.FRACTION, Kind.FACTOR) or b.kind in (Kind.ORDINAL, Kind.FRACTION, Kind.FACTOR):
        return None
    if a.num.form == "vague" or b.num.form == "vague":
        return None
    gap = text[a.end:b.start]
    g = _RANGE_GAP.fullmatch(gap, None, None, False) if len(gap) <= 12 else None
    if g is None:
        return None
    conn = g.group(1).lower()
    intro = _BETWEEN_FROM.search(text, max(0, a.start - 10), a.start, False)
    if a.qualifier != Qualifier.EXACT:
        hb = _hedge_before(text, a)
        intro = _BETWEEN_FROM.search(text, max(0, hb[1] - 10), hb[1], False) if hb else intro
    intro_w = intro.group(1).lower() if intro else None
    if conn == "or":
        return None
    if conn == "and" and intro_w != "between":
        return None
    if conn in ("to", "through") and intro_w is None and (a.change or b.change) and not (
            a.kind == Kind.NUMBER and b.kind != Kind.NUMBER and not a.num.scaled and 0 < a.value < b.value <= 10 * a.value):
        return None  # "rose 5% to 20%": a change, then the level ("rose 10 to 20 percent": a range, the unit written once)
    if conn == "-" and " " in gap and not (a.kind == Kind.NUMBER and b.kind != Kind.NUMBER and a.value < b.value):
        return None  # "X - Y" with spaces is a range only as "2000 - 2500 Calories"
    b_unit, b_kind = b.unit, b.kind
    if (a.kind == Kind.MONEY and b.kind == Kind.NUMBER and not a.num.scaled and b.value > a.value
            and ((b.num.scaled and conn in ("-", "to")) or gap in ("-", "–"))):
        b_unit, b_kind = a.unit, a.kind  # "$10-15 million", "$20 to 25bn", "$5-6": the sign written once
    elif a.kind == Kind.AGE and b.kind == Kind.NUMBER:
        b_unit, b_kind = a.unit, a.kind  # "aged between 18 and 24", "aged 5 to 11"
    # units must agree, or the first side has none ("15 to 22 miles per hour", "$62 and $68 per share")
    same = a.unit == b_unit or (a.unit is not None and b_unit is not None and b_unit.startswith(a.unit + " / "))
    if a.kind != Kind.NUMBER and (not same or a.kind != b_kind):
        return None
    if a.kind == Kind.NUMBER and b_kind == Kind.NUMBER and conn in ("to", "through") and intro_w is None:
        return None
    lo_v = a.value
    if b.num.scaled and not a.num.scaled and b.num.raw and abs(a.value) <= b.num.raw:  # (raw 0: "00million")
        lo_v = a.value * (b.num.value / b.num.raw)  # "$10 to $15 billion", "four to five thousand"
    r = Quantity(b.num, a.start, b.end, min(lo_v, b.value), high=max(lo_v, b.value), unit=b_unit,
                 kind=b_kind, noun=b.noun, adjectival=b.adjectival, qualifier=Qualifier.RANGE,
                 change=a.change or b.change)
    if intro is not None:
        r.start = intro.start()
    r.currency_start = a.currency_start
    return r


_IN_NOUN_AFTER: Final = rx.compile(r"[ \t]+in[ \t]+\p{Ll}")  # ("including $5bn in grants": the grants')
_NOW_AFTER: Final = rx.compile(r"[ \t]+(?i:now|currently|today|at[ \t]+present)(?![\w-])")
_CASUALTY_AFTER: Final = rx.compile(
    r"[ \t]+(?:(?:were|are|have[ \t]+been|had[ \t]+been|was)[ \t]+)?(?:killed|injured|wounded|hurt|dead|missing"
    r"|died|arrested|detained|displaced|evacuated|rescued)(?!\w)", regex.IGNORECASE)


def _late_reject(text: str, q: Quantity) -> str | None:
    """Decisions taken once ranges are known ("four to five thousand people" is one claim)."""
    if q.num.form == "words" and q.kind == Kind.NUMBER and not q.num.scaled:
        if q.value >= 2 and q.qualifier != Qualifier.EXACT and _CASUALTY_AFTER.match(text, q.end, None, False):
            return None  # "at least a dozen killed", "about 20 injured": a toll, with or without "people"
        return "a number word with nothing measured or counted"
    return None


def _year(text: str, q: Quantity, win: str) -> str | None:
    """A bare 4-digit number in a year's range is a time anchor, not a claim ("in 2019", "1988 sales")."""
    n = q.num
    if q.kind not in (Kind.NUMBER, Kind.COUNT) or q.currency_start >= 0 or n.scaled:
        return None
    if len(n.text) != 4 or not n.text.isdigit():
        return None
    v = int(n.value)
    if _hedge_before(text, q) is not None:
        w = _LOWER_WORD_AFTER.match(text, n.end, None, False) if 1500 <= v <= 2100 else None
        if w is None or w.group(1) not in _YEAR_NOUN:
            return None  # "about 1000 come from Asia" (but "45% below 2005 levels" is a baseline year)
    if 1500 <= v <= 2100 or (1000 <= v < 1500 and (_year_context(text, n.start) or _YEAR_PAIR_BEFORE.search(win, None, None, False))):
        return "a year: a time anchor, not a claim"
    return None


def _score(text: str, q: Quantity) -> str | None:
    """'2-1', '2-2 on aggregate': a sports score, not a range (the winner's tally comes first)."""
    head = text[q.num.start:q.num.start + 4]  # the dash comes within 1-3 digits
    m = _SCORE.match(text, q.num.start, None, False) if "-" in head or "–" in head else None
    if m is None or not (m.group(1).isdecimal() and m.group(2).isdecimal()):
        return None  # (a digit newer than this Python's Unicode tables: int() cannot read it)
    if not int(m.group(2)) <= int(m.group(1)):
        return None
    return "a score or tally (2-1, a 52-48 vote): a range runs low to high"


def _year_context(text: str, start: int) -> bool:
    m = _PREV_WORD.search(text, max(0, start - 20), start, False)
    return m is not None and (m.group(1).lower().rstrip(".") in _YEAR_PREP
                              or m.group(1).lower() in _ERA)


# ---------------------------------------------------------------------------- stage: claims
def _normalize(q: Quantity, value: float) -> tuple[float, str | None]:
    kind, unit = q.kind, q.unit
    if kind == Kind.FRACTION:
        return value * 100.0, "percent"
    if unit is None or kind in (Kind.MONEY, Kind.PERCENT, Kind.POINTS):
        return value, unit
    if unit in SUBUNITS:
        return value, unit
    try:
        return to_base(value, unit)
    except Exception:  # "kilogram / person": convert the pint part, keep the noun
        num_unit, _, denom = unit.partition(" / ")
        try:
            v, base = to_base(value, num_unit)
        except Exception:
            return value, unit
        return v, f"{base} / {denom}"


def _claim(text: str, index: TextIndex, q: Quantity, *, doc: str, times: dict[int, list],
           nouns: dict[int, str], offset: int = 0, lines: LineIndex | None = None,
           previous: Claim | None = None, year: _DocYear | None = None) -> Claim:
    value = float(q.value)
    high = float(q.high) if q.high is not None else None
    nv, nu = _normalize(q, value)
    nh = _normalize(q, high)[0] if high is not None else None
    ql = q.qualifier
    if ql in (Qualifier.EXACT, Qualifier.APPROXIMATELY):
        low_n, high_n = nv, nv
    elif ql in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        low_n, high_n = nv, None
    elif ql in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        low_n, high_n = None, nv
    else:
        low_n, high_n = nv, nh
    span = index.sentence_at(q.start)
    ss, se = span if span is not None else (q.start, q.end)
    if not (ss <= q.start < se):
        ss, se = q.start, q.end
    si = ss
    sentence = text[ss:max(se, q.end)]
    rs, re_ = q.start - ss, q.end - ss
    if si not in times:
        times[si] = context.times_in(sentence)
    time = context.time_of(sentence, rs, re_, lambda: _previous_time(text, index, (ss, se), times),
                           found=times[si])
    if "year" in sentence:  # "last year", against the document's date ("" if it has none: unknown)
        rel = context.relative_time(sentence, rs, re_, year, times[si])
        if rel is not None:
            time = rel or None
    if time is not None and _NOW_AFTER.match(text, q.end, None, False):  # "to 110% by 2028 from 98% now"
        y = year() if year is not None else None
        time = None if y is None else str(y)
    hedge = _hedge_before(text, q)
    hs = hedge[1] - ss if hedge is not None and hedge[1] >= ss else rs
    if hedge is None and q.change is not None and text[q.start - 1:q.start] == " ":
        hs = max(hedges.epithet_before(text, q.start) - ss, 0)  # "rose an annual 5.6%": the subject is before "an"
    restated = (previous is not None and q.kind not in (Kind.COUNT, Kind.NUMBER) and ss <= previous.start - offset < q.start
                and (_CONVERSION_BEFORE.fullmatch(text, previous.end - offset, q.start, False)
                     or _RESTATED.fullmatch(text, previous.end - offset, q.start, False)
                     or (previous.kind == q.kind and _FROM_EARLIER.fullmatch(text, previous.end - offset, q.start, False))
                     or (previous.kind == q.kind and q.kind == Kind.FRACTION and not q.noun
                         and _FROM_EARLIER_TAIL.search(text, max(previous.end - offset, q.start - 16), q.start, False))))
    if restated and previous is not None and previous.kind != "count":
        # "1.5 trillion tenge (about $3.3 billion)", "$68.7bn, or $95 a share": the same figure in other terms;
        # "£1.02bn, down from £1.4bn": the same measure
        subject = previous.subject
    else:
        rate = q.noun is not None and (q.noun.startswith(("per ", "for every ", "in every ")) or " per " in q.noun
                                       or " for every " in q.noun or " in every " in q.noun)
        subject = context.subject_of(sentence, hs, re_, kind="number" if rate else str(q.kind),
                                     noun=None if rate else q.noun, adjectival=q.adjectival,
                                     fallback=nouns.get(si))
    if (previous is not None and previous.kind == q.kind and q.kind != Kind.COUNT and ss <= previous.start - offset
            and text.endswith(" including ", max(0, q.start - 11), q.start) and not _IN_NOUN_AFTER.match(text, q.end, None, False)):
        subject = previous.subject  # "$95 billion in aid, including $61 billion for Ukraine": a part of it
    if subject is None and (q.restates or restated) and previous is not None:
        if previous.noun in ("points", "point") and ss <= previous.start - offset:
            # "The index gained 245 points, or 1.4%": what the points measure, from before them
            subject = context.subject_of(sentence, previous.start - offset - ss, previous.end - offset - ss,
                                         kind=str(q.kind), noun=None)
        else:
            subject = previous.subject  # "Brent crude rose $1.20, or 1.5%", "cut 10,000 jobs, or 5%": the same measure
    kind = str(q.kind)
    unit: str | None = q.unit
    if (subject is not None and (kind == "number" or (kind == "duration" and q.unit == "year")) and 0 < value <= 130
            and high is None and ("ge" in subject or "xpectancy" in subject) and _AGE_SUBJECT.search(subject) is not None):
        kind, unit = "age", "year"  # "the average age of farmers is 58", "life expectancy is around 73"
        nv, nu = to_base(value, "year")
        low_n = nv if low_n is not None else None
        high_n = nv if high_n is not None else None
    elif unit == "degree" and _TEMPERATURE_CUE.search(sentence) is not None:
        kind = "temperature"  # "the patient's temperature rose to 39.5 degrees": a temperature, its scale unstated
        nv, nu = value, unit  # (so not converted: no radians, and no kelvins either without a scale)
        low_n = value if low_n is not None else None
        high_n = (high if high is not None else value) if high_n is not None else None
    if q.kind == Kind.COUNT and q.noun:
        nouns[si] = q.noun
    line, col = (lines or index).line_col(q.start + offset)
    return _make_claim((  # in the order of Claim's fields (_CLAIM_FIELD_NAMES)
        doc, q.start + offset, q.end + offset, line, col, text[q.start:q.end], sentence,
        value, high, unit, q.noun, str(kind), nv, nu, str(ql), low_n, high_n,
        str(q.change) if q.change else None, subject, time,
    ))


# Words that make a bare "degrees" a temperature (of a scale the text does not state), not an angle
_TEMPERATURE_CUE: Final = rx.compile(r"(?i)(?<!\w)" + trie(word_set("temperature_cue"), fold=True) + r"(?!\w)")
# A subject that names an age: a bare number or a number of years measuring it is an age
_AGE_SUBJECT: Final = rx.compile(r"(?i)(?:^|\s)(?:age|ages|life[ \t]+expectancy)(?:\s+(?:of|in|for|among|at)\s.*)?$")


_CLAIM_FIELD_NAMES: Final = tuple(f.name for f in fields(Claim))
_CLAIM_FIELDS_WRITTEN: Final = ("doc", "start", "end", "line", "col", "text", "sentence", "value", "value_high", "unit",
                                "noun", "kind", "normalized_value", "normalized_unit", "qualifier", "low", "high",
                                "change", "subject", "time")  # the order _claim gives them in
if _CLAIM_FIELD_NAMES != _CLAIM_FIELDS_WRITTEN:
    raise ImportError(f"model.Claim's fields changed: {_CLAIM_FIELD_NAMES}; update pipeline._claim")


def _new_claim(values: dict[str, object]) -> Claim:
    """``Claim(**values)``, without running the dataclass's generated ``__init__`` (``_make_claim``)."""
    if len(values) != len(_CLAIM_FIELD_NAMES):
        raise TypeError(f"a Claim has {len(_CLAIM_FIELD_NAMES)} fields, not {len(values)}")
    return _make_claim(tuple([values[name] for name in _CLAIM_FIELD_NAMES]))


def _make_claim(values: tuple[object, ...]) -> Claim:
    """A Claim with its fields, in order, set to ``values``; no ``__init__`` runs.

    ``Claim`` lives in the uncompiled model module, so that ``__init__`` runs interpreted:
    ~31,000 machine instructions per claim. The reference (``reference_make_claim``) sets each
    field the way it does, from compiled code: ~11,000 (a dict of the values and a call of
    ``object.__setattr__`` a field, 3% of extraction). ``_MAKE_CLAIM``, the C of
    ``kzfacts._clause.Getter.make`` (as conflicts._new_conflict uses it), sets each slot at its
    offset: ~300.
    """
    make = _MAKE_CLAIM
    if make is not None:
        made: Claim = make(values)
        return made
    return reference_make_claim(values)


def reference_make_claim(values: tuple[object, ...]) -> Claim:
    """``_make_claim`` in Python: what the C must give, and what a pure install runs."""
    if len(values) != len(_CLAIM_FIELD_NAMES):
        raise TypeError(f"a Claim has {len(_CLAIM_FIELD_NAMES)} fields, not {len(values)}")
    claim: Claim = object.__new__(Claim)
    for i in range(len(values)):
        object.__setattr__(claim, _CLAIM_FIELD_NAMES[i], values[i])
    return claim


def _claim_maker() -> Any:
    """``kzfacts._clause.Getter(Claim, _CLAIM_FIELD_NAMES).make``; None in a pure-Python install."""
    try:
        from kzfacts._clause import Getter
    except ImportError:
        return None
    return Getter(Claim, _CLAIM_FIELD_NAMES).make


#: the C maker of claims, or None: the reference runs (tests set it to None)
_MAKE_CLAIM: Any = _claim_maker()


def _previous_time(text: str, index: TextIndex, span: tuple[int, int], times: dict[int, list]) -> str | None:
    """The last time expression of the sentences just before ``span`` ("In the same year")."""
    cur = span
    for _ in range(3):
        prev = index.previous_sentence(cur)
        if prev is None:
            return None
        cur = prev
        if prev[0] not in times:
            times[prev[0]] = context.times_in(text[prev[0]:prev[1]])
        if times[prev[0]]:
            return times[prev[0]][-1][2]
    return None
