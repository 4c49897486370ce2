"""Group claims that measure the same thing and flag the groups whose figures disagree.

Pure: no I/O, no printing, no logging configuration. ``analyze`` is deterministic (the
result does not depend on the order of its input) and never compares all pairs.

How two claims become *comparable* (all must hold):

* **Dimension** (``_dimension``): same kind class and normalized unit. Money compares only
  in the same currency; a fraction ("a third") is normalized to percent by the extractor and
  compares with percentages; a count compares only with a count of the same noun head
  ("BRI projects" ~ "Kazakhstani projects", never "students"); a change ("rose 5%") never
  compares with a level ("5% of GDP"), and a decrease is compared as a negative change.
  Ordinals, bare numbers and counts without a noun are never compared: nothing says what
  they measure, and a differing ordinal ("23rd" vs "24th meeting") is a different event,
  not a disagreement.
* **Subject** (``_features``): content-word keys from the claim's ``subject`` and ``noun`` and
  from the clause of its sentence that holds the number (cut at ``, ; : ( ) —``; the whole
  sentence when the clause has < 2 keys), lower-cased, possessives and plurals stripped, stop
  words and number/unit/hedge/reporting words dropped. Each key is weighted by its IDF over
  the claims read (rare terms count more), proper names ×``NAME_WEIGHT``. Two claims match
  when the weighted cosine of all their keys, or of their stated subjects alone, reaches
  ``SUBJECT_THRESHOLD`` and no veto applies: opposing direction words (exports/imports,
  inflow/outflow, ...); different proper names on both sides (Kazakhstan vs Tajikistan);
  stated subjects that each add something ("wheat harvest" vs "oil harvest"); no shared
  common (non-name) word ("X's investment in Y" vs "Y's budget"); a different scope count in
  the sentence ("21 projects worth $12 billion" vs "55 projects worth $27.6 billion"). Two
  claims from the same sentence of the same document are never compared with each other
  (lists, "from X to Y").
* **Time**: the same year (ISO dates are compared at year level; differing dates are noted),
  or one side undated. Groups are formed per year: an undated figure is attached to every
  dated group it matches (and noted as lower confidence); undated figures that match no dated
  group form their own group. The same measure in different years is a time series, not a
  conflict.

Blocking (no all-pairs): claims with identical (dimension, year, keys, vetoes) collapse into
one signature. Each signature is indexed, within its dimension and year, under the *prefix* of
its key vector and of its stated-subject vector: the rarest keys (IDF order) up to the point
where the remaining keys are too light to reach ``SUBJECT_THRESHOLD`` alone. Two vectors at
cosine >= the threshold always share a key of both prefixes (``_prefix``), so comparing the
signatures of each posting (same year, or one side undated) finds every matching pair; as
names weigh double, a prefix is mostly the claim's proper names, and postings stay small
(at most 26 signatures for a million synthetic claims). A posting of more than ``MAX_POSTING``
signatures (a key common to many light vectors) is compared by sorted neighbourhood instead
(sorted by rarest keys, each with the next ``WINDOW``). Matches are merged with union-find;
undated signatures are matched against the final dated components.

Intervals (``claim_interval``): the stated ``[low, high]`` in normalized units, widened by half
a unit in the last written digit ("1,782 km" is [1781.5, 1782.5] km); "about" widens by
``±tolerance`` (default 10%) instead; "more than X" is (X, inf); a range is [lo, hi]. A group
*conflicts* when two of its claims (from different sentences) have disjoint intervals.

``relative_spread`` is ``(max - min) / max(|max|, |min|)`` over the claims' point values
(the normalized value; the midpoint for a range): 0 when all agree, 0.1 for 30 vs 33.3.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any, Final, Protocol

from kzfacts._gc import paused
from kzfacts.model import Claim, Conflict
from kzfacts.tables import data_rows

__all__ = [
    "MAX_POSTING",
    "NAME_WEIGHT",
    "SUBJECT_THRESHOLD",
    "WINDOW",
    "ConflictAnalysis",
    "analyze",
    "claim_interval",
    "find_conflicts",
    "format_value",
    "stated",
]

#: IDF-weighted cosine of two claims' subject keys from which they measure the same thing.
SUBJECT_THRESHOLD: Final = 0.5
#: Proper names (capitalized mid-sentence, acronyms) weigh this much more: news figures are
#: about named places and bodies ("Khorgos", "GDP", "SCO").
NAME_WEIGHT: Final = 2.0
#: Postings (one key, one dimension, one year) with more signatures than this are compared
#: by sorted neighbourhood (each with the next ``WINDOW``) instead of all pairs: a guard against
#: quadratic work on a key shared by many claims that have nothing rarer. (Not ``Final``, unlike the
#: other constants: tests set it lower to reach that path.)
MAX_POSTING = 64
WINDOW: Final = 8

NOT_COMPARED_KINDS: Final = frozenset({"ordinal", "number"})
_PERCENT_KINDS: Final = frozenset({"percent", "fraction"})

# Words that carry no subject: function words, hedges, scale and unit words, reporting verbs,
# calendar words, generic "reached/totaled" verbs. Not a list of topics.
_STOP: Final = frozenset("""
a about above according accounted account accounting across after again against ago all almost
along also although am among amount amounted amounting an and annual annually another any
approximately are around as at be because been before being below between billion both but by
can cent cents could currently current data day days did do does down due during each
estimate estimated estimates expected figure figures few fewer for from further had has have
having he her here hers high his how i if in including into is it its just last least less
like low lower made make many may might million more most much must nearly near new next no
nor not now of off on once one only or other our out over per percent percentage
respectively roughly same record reached reach reaches reaching report reported reports
said say says several she should showed show shows since so some some stand stands stood such
than that the their them then there these they this those though thousand through thus to
today told total totaled totalled totaling totalling trillion under until up upon us very
was we were what when where which while who whom whose will with within worth would year years
yet you your month months week weeks hundred hundreds thousands millions billions dozen dozens
two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty
seventy eighty ninety first second third fourth fifth half quarter thirds quarters
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
usd eur gbp cny rub kzt dollar dollars euro euros pound pounds yuan renminbi rouble ruble
roubles rubles tenge tonne tonnes ton tons kilometre kilometres kilometer kilometers km mile
miles metre metres meter meters kg kilogram kilograms square sq hectare hectares
hit hits rose rise rises risen fell fall falls fallen grew grow grows grown increased decreased
increase decrease increases decreases climbed dropped jumped soared expanded declined
is being become became becomes get got gets making make makes around nearly some
""".split())

# Pairs of opposing direction words (after light stemming): a claim about one side never
# compares with a claim about the other. Generic antonyms, not topics.
_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("export", "import"),
    ("inflow", "outflow"),
    ("inbound", "outbound"),
    ("incoming", "outgoing"),
    ("arrival", "departure"),
    ("buy", "sell"),
    ("purchase", "sale"),
    ("surplus", "deficit"),
    ("profit", "loss"),
    ("gain", "loss"),
    ("income", "expenditure"),
    ("revenue", "expenditure"),
    ("asset", "liability"),
    ("lend", "borrow"),
    ("lender", "borrower"),
    ("creditor", "debtor"),
    ("birth", "death"),
    ("male", "female"),
    ("men", "women"),
    ("urban", "rural"),
    ("public", "private"),
    ("domestic", "foreign"),
    ("minimum", "maximum"),
    ("lowest", "highest"),
    ("north", "south"),
    ("east", "west"),
    ("northern", "southern"),
    ("eastern", "western"),
    ("input", "output"),
    ("supply", "demand"),
    ("upstream", "downstream"),
)
_DIRECTION_WORDS: Final = frozenset([w for pair in _OPPOSITES for w in pair])
#: direction word -> the words opposed to it ("loss": profit, gain)
_OPPOSED: Final[dict[str, frozenset[str]]] = {
    w: frozenset([y for pair in _OPPOSITES if w in pair for y in pair if y != w]) for w in _DIRECTION_WORDS}

_WORD: Final = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CLAUSE_BOUNDARY: Final = re.compile(r"[;:()\[\]\"“”«»—…]|,\s|\s[-–]\s|[.!?]\s")
_ONE_OF: Final = re.compile(r"one\s+of\b", re.IGNORECASE)
_ISO_DATE: Final = re.compile(r"^(\d{4})-\d{2}(?:-\d{2})?$")


# --------------------------------------------------------------------------- public API
@dataclass(frozen=True)
class ConflictAnalysis:
    """Every comparable group of >= 2 claims, and how many claims were read (duplicates once)."""

    groups: list[Conflict]
    claims_read: int

    @property
    def conflicts(self) -> list[Conflict]:
        """The groups whose figures disagree, most spread first."""
        found = [g for g in self.groups if g.conflicting]
        return sorted(found, key=lambda g: (-g.relative_spread, g.id))


def find_conflicts(
    claims: Iterable[Claim], *, tolerance: float = 0.10, min_spread: float = 0.0
) -> list[Conflict]:
    """``analyze(...).conflicts``."""
    return analyze(claims, tolerance=tolerance, min_spread=min_spread).conflicts


def analyze(
    claims: Iterable[Claim], *, tolerance: float = 0.10, min_spread: float = 0.0
) -> ConflictAnalysis:
    """Group comparable claims and decide which groups disagree.

    ``tolerance``: the relative ± width given to "about"/"approximately" figures.
    ``min_spread``: a disagreeing group whose ``relative_spread`` is below this is kept as a
    group but not flagged (``conflicting=False``, the reason says why).
    """
    if tolerance < 0:
        raise ValueError("tolerance must be >= 0")
    if min_spread < 0:
        raise ValueError("min_spread must be >= 0")
    with paused():  # (kzfacts._gc: ~7.5 s of 1M claims went to the collector, which found nothing)
        unique = _dedupe(claims)
        rows, sigs = _features(unique, tolerance)
        groups = _group(sigs, rows)
        built = _output_order(_verdicts(groups, rows, tolerance, min_spread))
    return ConflictAnalysis(groups=built, claims_read=len(unique))


def _output_key(g: Conflict) -> tuple[bool, float, str]:
    """The order of ``analyze``'s groups: conflicting first, most spread first, then by id."""
    return (not g.conflicting, -g.relative_spread, g.id)


def _conflict_id(g: Conflict) -> str:
    return g.id


def _less_spread(g: Conflict) -> float:
    return -g.relative_spread


def _output_order(built: list[Conflict]) -> list[Conflict]:
    """``sorted(built, key=_output_key)`` (the reference), in three stable passes: by id (str keys),
    then by spread (float keys, compared without a tuple), then conflicting first. Each pass keeps the
    order of the one before among its ties, so the result is the reference's, given a spread that is
    no NaN (a NaN compares unequal to itself and to every other: the reference's tuple comparison then
    decides the order, used as it stands). ~5k instructions a group went to comparing key tuples."""
    for g in built:
        spread = g.relative_spread
        if math.isnan(spread):
            return sorted(built, key=_output_key)
    by_id = sorted(built, key=_conflict_id)
    by_id.sort(key=_less_spread)
    out = [g for g in by_id if g.conflicting]
    out.extend([g for g in by_id if not g.conflicting])
    return out


def claim_interval(claim: Claim, tolerance: float = 0.10) -> tuple[float, float]:
    """The closed interval a claim allows, in normalized units (signed for a decrease)."""
    lo, hi, _ = _interval_point(claim, tolerance, {})
    return lo, hi


def format_value(claim: Claim) -> str:
    """A claim's normalized value for people: ``30%``, ``41 billion USD``, ``21 projects``."""
    return _format_point(_point(claim), claim)


def _format_point(v: float, claim: Claim) -> str:
    """``format_value(claim)`` with the claim's point value ``v`` (``_point(claim)``) known already
    (``_Rows.point``): its other fields are read, not those that make the point."""
    unit = claim.normalized_unit
    if claim.kind in _PERCENT_KINDS or unit == "percent":
        return f"{_short(v)}%"
    if claim.kind == "count":
        return f"{_human(v)} {claim.noun}" if claim.noun else _human(v)
    if unit in _READABLE:
        for factor, name in _READABLE[unit]:
            if abs(v) >= factor:
                return f"{_human(v / factor)} {name}"
    if unit:
        return f"{_human(v)} {unit}"
    return _human(v)


#: SI base units shown in a larger unit when the value is large (display only).
_READABLE: dict[str, tuple[tuple[float, str], ...]] = {
    "meter": ((1000.0, "km"),),
    "meter ** 2": ((1e6, "km²"),),
    "meter ** 3": ((1e9, "km³"),),
    "kilogram": ((1000.0, "tonnes"),),
    "second": ((365.25 * 86400, "years"), (86400.0, "days"), (3600.0, "hours")),
    "watt": ((1e9, "GW"), (1e6, "MW"), (1e3, "kW")),
    "joule": ((1e15, "PJ"), (1e9, "GJ"), (1e6, "MJ")),
}

_QUALIFIER_WORDS = {"more_than": "more than", "at_least": "at least", "less_than": "less than",
                    "at_most": "at most", "approximately": "about"}


def stated(claim: Claim) -> str:
    """The claim as stated, with its hedge: "more than 100,000 residents"."""
    word = _QUALIFIER_WORDS.get(claim.qualifier)
    if word and not claim.text.lower().startswith(word.split()[0]):
        return f"{word} {claim.text}"
    return claim.text


# --------------------------------------------------------------------------- features
_DEDUPE_KEY = attrgetter("doc", "start", "end", "kind", "normalized_value", "text")
#: the fields _dedupe checks the order of
_ORDER_FIELDS: Final = ("doc", "start", "end")
_EMPTY: Final[frozenset[str]] = frozenset()
#: a chunk's opening word that is no candidate name (lower case, a stop word, an acronym): see
#: ``_Vocabulary.leads`` (told apart by its empty stem, never by identity: compiled, a tuple
#: constant is a new object at each use)
_NO_LEAD: Final[tuple[str, tuple[str, ...]]] = ("", ())

#: A signature's provisional key (``_read``): (dimension, year, numbers of its terms, stated
#: subject, direction words, scope, names, opening word). Kept boxed: it is hashed once and stored.
_Key = tuple[Any, ...]
#: (kind class, unit or noun head, "level" or "change")
_Dim = tuple[str, str | None, str]


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    """The claims in ``_DEDUPE_KEY`` order, the first of each (doc, start, end) only."""
    listed = list(claims)
    # Already in strictly increasing (doc, start, end) order, as the extractor writes them: that
    # is the sorted order (the key's first three fields decide every comparison) and nothing
    # repeats, so the sort (a key tuple of six fields per claim) is skipped.
    # (the three fields in one call, see _getter; the documents compared for order only when they
    # differ: the same document's claims follow each other)
    last_doc: str | None = None
    last_start = last_end = -1
    order_fields = _getter(_ORDER_FIELDS)
    for c in listed:
        fields: tuple[str, int, int] = order_fields(c)
        doc, start, end = fields
        if last_doc is not None:
            if doc == last_doc:
                if start < last_start or (start == last_start and end <= last_end):
                    break
            elif doc < last_doc:
                break
        last_doc, last_start, last_end = doc, start, end
    else:
        return listed
    ordered = sorted(listed, key=_DEDUPE_KEY)
    out: list[Claim] = []
    last_doc = None
    last_start = last_end = -1
    for c in ordered:
        doc = c.doc
        start = c.start
        end = c.end
        if end != last_end or start != last_start or doc != last_doc:
            out.append(c)
            last_doc, last_start, last_end = doc, start, end
    return out


def _dimension(
    kind: str, change: str | None, normalized_unit: str | None, unit: str | None, noun: str | None
) -> _Dim | None:
    """What a claim measures, from the fields that decide it (the caller checks "one of ...")."""
    if kind in NOT_COMPARED_KINDS:
        return None
    flow = "change" if change in ("increase", "decrease") else "level"
    if kind in _PERCENT_KINDS:
        return ("percent", "percent", flow)
    if kind == "count":
        head = _noun_head(noun)
        return None if head is None else ("count", head, flow)
    return (kind, normalized_unit or unit, flow)


def _noun_head(noun: str | None) -> str | None:
    if not noun:
        return None
    words = [w for w in _tokens(noun) if w not in _STOP]
    return words[-1] if words else None


@lru_cache(maxsize=4096)
def _time_key(time: str | None) -> str | None:
    if not time:
        return None
    m = _ISO_DATE.match(time)
    return m.group(1) if m else time


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A word's light stem ("exports" -> "export"), read as its synonym's when data/synonyms.tsv lists
    one ("quake" -> "earthquake")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return _SYNONYMS.get(w, w)


def _synonyms() -> dict[str, str]:
    """data/synonyms.tsv: stem -> the stem it is read as."""
    return {row[0]: row[1] for row in data_rows("synonyms.tsv")}


_SYNONYMS: Final[dict[str, str]] = _synonyms()


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple([_stem(w) for w in _WORD.findall(text)])


def _locate(claim: Claim) -> int:
    """Offset of the claim's text within its sentence (-1 if it cannot be found)."""
    text: str = claim.text
    return claim.sentence.find(text) if text else -1


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause that holds ``sentence[pos]`` starts: after the last boundary left of it.

    ``_CLAUSE_BOUNDARY``'s boundaries, read from ``pos`` backwards one character at a time
    (compiled, ``ord(sentence[j])`` reads the character without making a string): a mark alone
    (``; : ( ) [ ] " “ ” « » — …``), or one that needs a space after it (``, . ! ?``) or on both
    sides (``-`` ``–``), the space before ``pos``; the clause starts after that space.
    """
    j = pos - 1
    while j >= 0:
        c = ord(sentence[j])
        if c >= 97 and c <= 122 or c == 32 or c >= 65 and c <= 90:  # a-z, space, A-Z: most of them
            j -= 1
            continue
        dash = False
        if c < 128:
            if c in (59, 58, 40, 41, 91, 93, 34):  # ;:()[]"
                return j + 1
            if c == 45:  # -
                dash = True
            elif c not in (44, 46, 33, 63):  # ,.!?
                j -= 1
                continue
        elif c in (0x201C, 0x201D, 0xAB, 0xBB, 0x2014, 0x2026):  # “”«»—…
            return j + 1
        elif c == 0x2013:  # –
            dash = True
        else:
            j -= 1
            continue
        if j + 1 < pos and sentence[j + 1].isspace() and (not dash or (j > 0 and sentence[j - 1].isspace())):
            return j + 2
        j -= 1
    return 0


#: How many characters right of a figure ``_clause_end`` reads one at a time before it leaves
#: the rest to ``_CLAUSE_BOUNDARY`` (a figure is mostly followed at once by ", " or ".").
_CLAUSE_END_SCAN: Final = 12


def _clause_end(sentence: str, end: int) -> int:
    """Where the clause right of ``sentence[end]`` ends: ``_CLAUSE_BOUNDARY.search(sentence, end)``'s
    start, or ``len(sentence)`` without one.

    The first ``_CLAUSE_END_SCAN`` places are tried one character at a time (compiled, cheaper
    than a regex call when the boundary is near, as it mostly is); the regex searches the rest.
    A boundary starts at ``i`` when ``sentence[i]`` is a mark alone (``; : ( ) [ ] " “ ” « » — …``),
    or one of ``, . ! ?`` followed by a space, or a space followed by ``-`` or ``–`` and a space.
    """
    n = len(sentence)
    stop = end + _CLAUSE_END_SCAN
    if stop > n:  # noqa: PLR1730 (compiled, a native compare; min() is a generic call)
        stop = n
    i = end
    while i < stop:
        c = ord(sentence[i])
        if c < 128:
            if c in (59, 58, 40, 41, 91, 93, 34):  # ;:()[]"
                return i
            if c in (44, 46, 33, 63):  # ,.!?
                if i + 1 < n and sentence[i + 1].isspace():
                    return i
            elif (c == 32 or 9 <= c <= 13 or 28 <= c <= 31) and i + 2 < n:  # (as str.isspace(), ASCII)
                d = ord(sentence[i + 1])
                if (d == 45 or d == 0x2013) and sentence[i + 2].isspace():  # noqa: PLR1714 (native compares) - –
                    return i
        elif c in (0x201C, 0x201D, 0xAB, 0xBB, 0x2014, 0x2026):  # “”«»—…
            return i
        elif i + 2 < n and sentence[i].isspace():
            d = ord(sentence[i + 1])
            if (d == 45 or d == 0x2013) and sentence[i + 2].isspace():  # noqa: PLR1714 (native compares)
                return i
        i += 1
    if stop >= n:
        return n
    m = _CLAUSE_BOUNDARY.search(sentence, stop)
    return m.start() if m else n


def _cut_left(left: str) -> tuple[str, bool]:
    """The clause part of the text left of the number; whether it opens the sentence."""
    cut = _clause_start(left, len(left))
    return left[cut:], cut == 0


def _cut_right(right: str) -> str:
    m = _CLAUSE_BOUNDARY.search(right)
    return right[: m.start()] if m else right


def _clause(claim: Claim) -> tuple[str, str, bool]:
    """(text left of the number, text right of it) within its clause; whether left opens the sentence."""
    s: str = claim.sentence
    text: str = claim.text
    pos = _locate(claim)
    if pos < 0:
        return s, "", True
    left, opening = _cut_left(s[:pos])
    return left, _cut_right(s[pos + len(text):]), opening


class _Chunk:
    """What ``_Vocabulary.read`` found in one chunk, in one record (``_Vocabulary.info``): the
    per-claim reading looks each chunk up once, not once per dict (stems, names, lead)."""

    def __init__(self, stems: tuple[str, ...], names: tuple[str, ...],
                 lead: tuple[str, tuple[str, ...]] | None) -> None:
        self.stems = stems  # as _Vocabulary.stems[chunk]
        self.names = names  # as _Vocabulary.names.get(chunk, ())
        self.lead = lead  # as _Vocabulary.leads[chunk]


class _Vocabulary:
    """chunk -> the stems of its content words, in order (``stems``; ``names`` and ``leads`` too).

    A chunk is a whitespace-separated piece of text ("Kazakhstan's", "2023,", "(SCO)"). ``_WORD``
    never matches whitespace, so the words of a text are the words of its chunks, and each
    distinct chunk is read once (``read``). This is the only memo of the features, and it is
    keyed by single chunks, never by a clause or subject: news repeats its vocabulary (Zipf's
    law), so nearly every chunk of a large corpus has been seen before, while its clauses rarely
    repeat.

    A plain class with explicit look-ups, not a ``dict`` subclass with ``__missing__``: compiled
    with mypyc, ``vocab[chunk]`` on such a subclass is a plain dict look-up that never calls
    ``__missing__`` (tests/test_build.py, test_compiled_conflicts_group_as_the_sources_do).
    """

    def __init__(self) -> None:
        #: chunk -> the stems of its content words, for every chunk read
        self.stems: dict[str, tuple[str, ...]] = {}
        #: chunk -> the stems of its capitalized content words (proper names, acronyms), for the
        #: chunks that have some
        self.names: dict[str, tuple[str, ...]] = {}
        #: chunk -> its first word as the first word of a sentence: None (the chunk has no word),
        #: ``_NO_LEAD`` (a stop word, lower case or an acronym: nothing changes), or (its stem, the
        #: names among the chunk's other words) for a capitalized content word, which alone says
        #: nothing about being a name ("Exports rose ...").
        self.leads: dict[str, tuple[str, tuple[str, ...]] | None] = {}
        #: chunk -> the three above in one record, for every chunk read
        self.info: dict[str, _Chunk] = {}

    def chunk(self, chunk: str) -> tuple[str, ...]:
        """The stems of ``chunk``'s content words, read on first sight."""
        stems = self.stems.get(chunk)
        return self.read(chunk) if stems is None else stems

    def read(self, chunk: str) -> tuple[str, ...]:
        """Read a chunk not seen before: its stems, names and lead."""
        return self.record(chunk).stems

    def record(self, chunk: str) -> _Chunk:
        """Read a chunk not seen before: its stems, names and lead, as one record (also kept in
        ``stems``, ``names`` and ``leads``)."""
        stems: list[str] = []
        names: list[str] = []
        lead: tuple[str, tuple[str, ...]] | None = None
        first = True
        for w in _WORD.findall(chunk):
            word: str = w
            st = _stem(word)
            content = st not in _STOP and len(st) >= 2
            upper = word[0].isupper()
            if content:
                stems.append(st)
                if upper:
                    names.append(st)
            if first:
                first = False
                lead = _NO_LEAD
                if content and upper and not (len(word) > 1 and word[1].isupper()):
                    lead = (st, ())  # (the names among the others: below)
        out = self.stems[chunk] = tuple(stems)
        found: tuple[str, ...] = ()
        if names:
            found = self.names[chunk] = tuple(names)
        if lead is not None and lead[0]:
            lead = (lead[0], tuple(names[1:]))  # the first word is a content word with a capital
        self.leads[chunk] = lead
        record = self.info[chunk] = _Chunk(out, found, lead)
        return record

    def fields(self, chunk: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, tuple[str, ...]] | None]:
        """(stems, names, lead) of ``chunk``, read on first sight: what ``kzfacts._clause.Reader``
        asks once per distinct chunk."""
        rec = self.info.get(chunk)
        if rec is None:
            rec = self.record(chunk)
        return rec.stems, rec.names, rec.lead

    def keys(self, sentence: str, text: str, subject: str | None) -> tuple[set[str], set[str], set[str], str | None]:
        """(content stems, stated-subject stems, proper-name stems, capitalized opening word) of a
        claim whose figure ``text`` is in ``sentence``.

        The stems are those of the clause that holds the figure (cut at ``, ; : ( ) —``, without
        the figure) and of the stated subject; of the whole sentence around the figure when the
        clause has < 2 content words ("..., totaling $12 billion") or when ``text`` is not in it.
        The sentence's first word is capitalized anyway, so it is returned apart: it is a name
        only if the corpus capitalizes it elsewhere ("Khorgos has ..." vs "Exports rose ...").
        """
        pos = sentence.find(text) if text else -1
        stems: set[str] = set()
        if pos < 0:
            chunks = sentence.split()
            n_open = len(chunks)
            for ch in chunks:
                for st in self.chunk(ch):
                    stems.add(st)
        else:
            end = pos + len(text)
            cut = _clause_start(sentence, pos)
            chunks = sentence[cut:pos].split()
            n_open = 0 if cut else len(chunks)
            m = _CLAUSE_BOUNDARY.search(sentence, end)
            chunks += sentence[end : m.start() if m else len(sentence)].split()
            n_stems = 0
            for ch in chunks:
                chunk_stems = self.chunk(ch)
                n_stems += len(chunk_stems)
                for st in chunk_stems:
                    stems.add(st)
            if len(stems) < 2 and n_stems < 2:
                chunks = sentence[:pos].split() + sentence[end:].split()
                n_open = len(chunks)
                stems = set()
                for ch in chunks:
                    for st in self.chunk(ch):
                        stems.add(st)
        first: str | None = None
        opening_names: tuple[str, ...] = ()
        if n_open:
            at = self._opening(chunks, n_open)
            if at >= 0:
                lead = self.leads[chunks[at]]
                assert lead is not None
                first, opening_names = lead
                chunks = chunks[at + 1 :]
        if subject:
            subject_chunks = subject.split()
            subj: set[str] = set()
            for ch in subject_chunks:
                for st in self.chunk(ch):
                    subj.add(st)
            stems |= subj
            chunks = chunks + subject_chunks
        else:
            subj = set()
        names_of = self.names
        named = names_of.keys() & chunks  # the few chunks with names, found in C
        names: set[str] = set()
        for ch in named:
            for st in names_of[ch]:
                names.add(st)
        return stems, subj, names.union(opening_names), first

    def _opening(self, chunks: list[str], n_open: int) -> int:
        """Where the sentence's first word is, among the first ``n_open`` chunks, if it is a
        capitalized content word (``leads``: its stem and the names among the rest of its chunk);
        -1 if it is not."""
        leads = self.leads
        for i in range(n_open):
            lead = leads[chunks[i]]
            if lead is not None:  # the first word
                return i if lead[0] else -1
        return -1


class _ClauseReader(Protocol):
    """What ``_read`` reads a claim's clause and stated subject with: ``kzfacts._clause.Reader``
    (C) where it is built, else ``_PyReader`` (the reference)."""

    def clause(self, sentence: str, pos: int, end: int, terms: set[str],
               names: set[str]) -> tuple[int, str | None, tuple[str, ...]]: ...

    def words(self, text: str, stems: set[str], names: set[str]) -> None: ...

    def read(self, sentence: str, text: str,
             subject: str | None) -> tuple[set[str], set[str], set[str], str | None] | None: ...


class _PyReader:
    """The reading of a claim's clause, chunk by chunk: the reference of ``kzfacts._clause.Reader``
    (tests/test_clause.py compares the two, the order the sets are filled in included)."""

    def __init__(self, vocab: _Vocabulary) -> None:
        self.vocab = vocab

    def clause(self, sentence: str, pos: int, end: int, terms: set[str],
               names: set[str]) -> tuple[int, str | None, tuple[str, ...]]:
        """For the figure at ``sentence[pos:end]``: add the stems of its clause's chunks (both
        sides, cut at ``_clause_start`` and ``_clause_end``) to ``terms`` and their names to
        ``names``; return how many stems were read (repeats too), the sentence's capitalized
        opening word (its stem, when the clause opens the sentence and starts with a capitalized
        content word; its own names are then left out) and the names among the rest of its chunk."""
        vocab = self.vocab
        info = vocab.info
        cut = _clause_start(sentence, pos) if pos else 0
        first: str | None = None
        opening: tuple[str, ...] = ()
        n_stems = 0
        deciding = not cut  # the clause opens the sentence: its first word is yet to be found
        chunks = sentence[cut:pos].split()
        n_left = len(chunks)
        chunks.extend(sentence[end : _clause_end(sentence, end)].split())  # the clause's words on both sides
        for i in range(len(chunks)):
            ch = chunks[i]
            if i == n_left:
                deciding = False  # the opening word is only ever on the left
            rec = info.get(ch)
            if rec is None:
                rec = vocab.record(ch)
            chunk_stems = rec.stems
            n_stems += len(chunk_stems)
            for st in chunk_stems:
                terms.add(st)
            if deciding:
                lead = rec.lead
                if lead is not None:  # the first word
                    deciding = False
                    if lead[0]:  # a capitalized content word: a name only if seen so elsewhere
                        first = lead[0]
                        opening = lead[1]
                        continue
            for st in rec.names:
                names.add(st)
        return n_stems, first, opening

    def words(self, text: str, stems: set[str], names: set[str]) -> None:
        """Every chunk of ``text`` (a stated subject): its stems into ``stems``, its names into ``names``."""
        vocab = self.vocab
        info = vocab.info
        for ch in text.split():
            rec = info.get(ch)
            if rec is None:
                rec = vocab.record(ch)
            for st in rec.stems:
                stems.add(st)
            for st in rec.names:
                names.add(st)

    def read(self, sentence: str, text: str,
             subject: str | None) -> tuple[set[str], set[str], set[str], str | None] | None:
        """``_Vocabulary.keys(sentence, text, subject)`` in the common case: the figure found in its
        sentence and a clause of >= 2 content words (stems, with repeats); None otherwise (then
        ``keys`` itself reads the whole sentence)."""
        pos = sentence.find(text) if text else -1
        if pos < 0:
            return None
        terms: set[str] = set()
        names: set[str] = set()
        n_stems, first, opening = self.clause(sentence, pos, pos + len(text), terms, names)
        if len(terms) < 2 and n_stems < 2:
            return None
        subj: set[str] = set()
        if subject:
            self.words(subject, subj, names)
            terms |= subj
        for st in opening:
            names.add(st)
        return terms, subj, names, first


def _c_clause() -> tuple[Any, Any]:
    """``kzfacts._clause.Reader`` and ``Getter``, or (None, None) in a pure-Python install (and with
    KZFACTS_PURE_PYTHON=1)."""
    try:
        from kzfacts._clause import Getter, Reader
    except ImportError:
        return None, None
    return Reader, Getter


#: the C reader's and getter's types (None: not built); tests set them to None to run the references
_C_READER: Any
_C_GETTER: Any
_C_READER, _C_GETTER = _c_clause()


#: the fields of a Claim that _read uses, and their types (a Claim's own)
_READ_FIELDS: Final = ("kind", "change", "noun", "normalized_unit", "unit", "text", "sentence", "subject", "doc",
                       "time", "normalized_value", "qualifier", "low", "high", "value")
_ReadFields = tuple[str, str | None, str | None, str | None, str | None, str, str, str | None, str,
                    str | None, float, str, float | None, float | None, float]
#: the fields of a Claim that _verdicts uses for each member of a group
_GROUP_FIELDS: Final = ("doc", "start", "end", "time", "subject")
_GroupFields = tuple[str, int, int, str | None, str | None]


def _getter(names: tuple[str, ...]) -> Callable[[Claim], Any]:
    """``operator.attrgetter(*names)`` for Claims (the reference), in C where it is built: one call
    reads a Claim's slots at their offsets, where compiled code reads each field with
    PyObject_GetAttr (~160 instructions: the name looked up in the type each time)."""
    c_getter = _C_GETTER
    if c_getter is None:
        return attrgetter(*names)
    made: Callable[[Claim], Any] = c_getter(Claim, names)
    return made


def _new_reader(vocab: _Vocabulary) -> _ClauseReader:
    """A clause reader over ``vocab``: in C where it is built, else the reference."""
    c_reader = _C_READER
    if c_reader is None:
        return _PyReader(vocab)
    made: _ClauseReader = c_reader(vocab.fields)
    return made


class _Rows:
    """The comparable claims, in (doc, start, end) order, as columns: one list per field rather
    than one object per claim (a million claims make no million objects to allocate and for
    the garbage collector to track)."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.sent: list[int] = []  # number of the claim's sentence (same document, same text)
        self.lo: list[float] = []  # the interval (claim_interval)
        self.hi: list[float] = []
        self.point: list[float] = []  # the point value (_point)
        self.sig: list[int] = []  # number of the claim's signature


#: the weights of a signature not weighed (yet): one empty dict for all (the C grouping never sets them)
_NO_WEIGHTS: Final[dict[str, float]] = {}


class _Sig:
    """Claims identical for comparison purposes: same dimension, year, keys and vetoes."""

    def __init__(self, key: _Key, set_of: list[frozenset[str]]) -> None:
        """From a key of set numbers (see ``_read``); ``set_of``: number -> set, each distinct
        set once (the signatures of one measure in other years, or of one place, share theirs)."""
        self.dim: _Dim = key[0]
        self.tkey: str | None = key[1]
        self.terms: frozenset[str] = set_of[key[2]]
        self.subj: frozenset[str] = set_of[key[3]]
        self.dirs: frozenset[str] = set_of[key[4]]
        self.scope: tuple[tuple[str, float], ...] = key[5]
        self.names: frozenset[str] = set_of[key[6]]
        self.size = 0  # how many claims
        # set by _weigh
        self.weights: dict[str, float] = _NO_WEIGHTS  # (shared until then: never changed in place)
        self.norm = 0.0
        self.subj_norm = 0.0


def _sentence_counts(claims: Sequence[Claim]) -> dict[str, dict[str, dict[str, float]]]:
    """doc -> sentence -> {noun head: value} of its counts: the scope of the other figures there
    ("21 projects worth $12 billion")."""
    counts: dict[str, dict[str, dict[str, float]]] = {}
    heads: dict[str | None, str | None] = {}  # noun -> _noun_head(noun)
    for c in claims:
        if c.kind == "count":
            noun: str | None = c.noun
            if noun in heads:
                head = heads[noun]
            else:
                head = heads[noun] = _noun_head(noun)
            if head is not None:
                counts.setdefault(c.doc, {}).setdefault(c.sentence, {}).setdefault(head, c.normalized_value)
    return counts


def _features(claims: Sequence[Claim], tolerance: float) -> tuple[_Rows, list[_Sig]]:
    """The rows of the comparable claims (sorted by document) and their signatures.

    Per claim: one read of its clause and subject, chunk by chunk (``_Vocabulary``), and no
    per-claim object beyond its key sets, which a signature shares with every identical claim
    (a signature's claims are found through the ``sig`` column, not kept in a list of its own:
    fewer objects for the garbage collector to walk).
    """
    rows, provisional_keys, names_seen, set_ids, provisional = _read(claims, tolerance)
    final, final_of = _final_signatures(provisional_keys, names_seen, set_ids)
    # Each signature's claims counted in a list first, then set in signature order: a claim's
    # signature is anywhere among ~400k objects at a million claims (a cache miss to write its size
    # in the loop), while the counts' list is ~8 times smaller and the objects lie in order.
    sizes = [0] * len(final)
    sig: list[int] = []
    for p in provisional:
        n = final_of[p]
        sig.append(n)
        sizes[n] += 1
    for n in range(len(final)):
        final[n].size = sizes[n]
    rows.sig = sig
    return rows, final


def _read(claims: Sequence[Claim], tolerance: float) -> tuple[
        _Rows, list[_Key], set[str], dict[frozenset[str], int], list[int]]:
    """Read each comparable claim once: (its row, the provisional signature keys in order of number,
    the names seen, the numbered key sets, each row's provisional signature).

    In one call of C where it is built (``_read_c``), else (or when the C declines the list) in
    Python (``_read_py``, the reference)."""
    counts = _sentence_counts(claims)
    if _C_READER is not None and _C_GETTER is not None:
        got = _read_c(claims, tolerance, counts)
        if got is not None:
            return got
    return _read_py(claims, tolerance, counts)


def _read_c(claims: Sequence[Claim], tolerance: float, counts: dict[str, dict[str, dict[str, float]]]) -> tuple[
        _Rows, list[_Key], set[str], dict[frozenset[str], int], list[int]] | None:
    """``_read_py`` in C: ``kzfacts._clause.Reader.read_all`` runs its loop over every claim, the same
    steps in the same order on the same containers (the rare steps call back the Python functions
    passed in: a new dimension, noun or time, the whole-sentence reading of ``_Vocabulary.keys``).
    None when the C declines the list (a claim of another class, a field of another type)."""
    vocab = _Vocabulary()
    reader = _C_READER(vocab.fields)
    rows = _Rows()
    sigs: list[_Key] = []  # (numbered by a table of the C's own: no dict of the keys is made)
    set_ids: dict[frozenset[str], int] = {_EMPTY: 0}
    provisional: list[int] = []
    names_seen: set[str] = set()

    def doc_scopes(doc: str) -> dict[str, tuple[tuple[str, float], ...]]:
        """sentence -> the scope of the figures there (see ``_read_py``), for one document."""
        return {sentence: tuple(sorted(heads.items())) for sentence, heads in counts.get(doc, {}).items()}

    def noun_terms(noun: str) -> list[str]:
        return _noun_terms(vocab, noun)

    listed = claims if isinstance(claims, list) else list(claims)
    done = reader.read_all(
        listed, _C_GETTER(Claim, _READ_FIELDS), tolerance, {}, _dimension, _ONE_OF.match, vocab.keys, {},
        noun_terms, _time_key, {}, _TEN_POW, _DIRECTION_WORDS, doc_scopes, sigs, set_ids,
        provisional, names_seen, rows.claims, rows.sent, rows.lo, rows.hi, rows.point)
    if not done:
        return None
    return rows, sigs, names_seen, set_ids, provisional


def _read_py(claims: Sequence[Claim], tolerance: float, counts: dict[str, dict[str, dict[str, float]]]) -> tuple[
        _Rows, list[_Key], set[str], dict[frozenset[str], int], list[int]]:
    """``_read`` in Python (the reference of ``_read_c``)."""
    vocab = _Vocabulary()
    reader = _new_reader(vocab)
    rows = _Rows()
    row_claims, row_sent, row_lo, row_hi, row_point = rows.claims, rows.sent, rows.lo, rows.hi, rows.point
    # (a dimension stays one boxed tuple, shared by the keys: typed _Dim, compiled code would box
    # a new one into each key, after the key itself, and a collection would then keep the key tracked)
    dims: dict[tuple[Any, ...], tuple[Any, ...] | None] = {}
    sigs: dict[_Key, int] = {}  # provisional key (with the opening word) -> its number
    set_ids: dict[frozenset[str], int] = {_EMPTY: 0}  # each distinct key set -> its number
    provisional: list[int] = []  # row -> provisional signature
    names_seen: set[str] = set()
    noun_terms_of: dict[str, list[str]] = {}  # counted noun -> _noun_terms (a noun phrase, not a clause)
    decimals: dict[float, int] = {}  # written value -> _decimals (-1: None)
    scopes: dict[str, tuple[tuple[str, float], ...]] = {}  # this document's sentence -> its scope
    doc_sents: dict[str, int] = {}  # this document's sentence -> its number
    no_scope: tuple[tuple[str, float], ...] = ()
    doc: str | None = None
    n_sents = 0
    inf = math.inf
    read_fields = _getter(_READ_FIELDS)
    for c in claims:
        # (the claim's fields in one call: see _getter)
        fields: _ReadFields = read_fields(c)
        (kind, change, noun, normalized_unit, unit, text, s, subject, claim_doc, t, v, q, lo0, hi0,
         value) = fields
        dkey: tuple[Any, ...] = (kind, change, normalized_unit, unit, noun)
        dim = dims.get(dkey)  # (one look-up: a dimension is seldom None)
        if dim is None and dkey not in dims:
            dim = dims[dkey] = _dimension(kind, change, normalized_unit, unit, noun)
        if dim is None:
            continue
        counted = dim[0] == "count"
        if counted and _ONE_OF.match(text):  # "one of the largest": not a count
            continue
        # The clause and subject as ``_Vocabulary.keys`` reads them: in C (kzfacts._clause) where it
        # is built, for the common case (the figure found in its sentence, a clause of >= 2 content
        # words); else keys() itself.
        got = reader.read(s, text, subject)
        if got is None:
            terms, subj, names, first = vocab.keys(s, text, subject)
        else:
            terms, subj, names, first = got
        if noun:
            noun_terms = noun_terms_of.get(noun)
            if noun_terms is None:
                noun_terms = noun_terms_of[noun] = _noun_terms(vocab, noun)
            _extend_noun(noun_terms, dim, terms, subj)
        names_seen |= names
        # (the names are among the keys, unless a count's noun head left them: see _add_noun)
        named = (terms & names) if noun else names
        dirs = _EMPTY if _DIRECTION_WORDS.isdisjoint(terms) else _DIRECTION_WORDS & terms
        if claim_doc != doc:
            doc = claim_doc
            scopes = {}
            for sentence, heads in counts.get(doc, {}).items():
                scopes[sentence] = tuple(sorted(heads.items()))
            doc_sents = {}
        # The key sets as frozensets (built and hashed in C, no sort), each distinct one numbered
        # once: the key is a tuple of numbers and strings, which the GC stops tracking, and the
        # signature shares the numbered set.
        # (Numbers as the dict holds them, boxed: a get, and a new number only for a new set, instead
        # of setdefault, which boxes its default on every call and whose result compiled code unboxes
        # and boxes again into the key.)
        fs = frozenset(terms)
        n_terms: Any = set_ids.get(fs)
        if n_terms is None:
            n_terms = len(set_ids)
            set_ids[fs] = n_terms
        n_subj: Any = 0
        if subj:
            if subj == terms:
                n_subj = n_terms
            else:
                fs = frozenset(subj)
                n_subj = set_ids.get(fs)
                if n_subj is None:
                    n_subj = len(set_ids)
                    set_ids[fs] = n_subj
        n_dirs: Any = 0
        if dirs:
            n_dirs = set_ids.get(dirs)
            if n_dirs is None:
                n_dirs = len(set_ids)
                set_ids[dirs] = n_dirs
        n_named: Any = 0
        if named:
            fs = frozenset(named)
            n_named = set_ids.get(fs)
            if n_named is None:
                n_named = len(set_ids)
                set_ids[fs] = n_named
        tkey = (t if len(t) == 4 else _time_key(t)) if t else None  # (_time_key: a year is itself)
        scope = no_scope if counted else scopes.get(s, no_scope)
        key: _Key = (dim, tkey, n_terms, n_subj, n_dirs, scope, n_named, first if first in terms else None)
        provisional.append(sigs.setdefault(key, len(sigs)))
        sent = doc_sents.setdefault(s, n_sents)
        if sent == n_sents:
            n_sents += 1
        row_claims.append(c)
        row_sent.append(sent)
        # The interval and point value (_interval_point), inline.
        lo = lo0
        hi = hi0
        if lo is None and hi is None:
            if q in ("more_than", "at_least"):
                lo = v
            elif q in ("less_than", "at_most"):
                hi = v
            else:
                lo = hi = v
        if value == 0 or kind == "fraction":
            slack = 0.0
        else:
            d = decimals.get(value, -2)
            if d == -2:
                found_d = _decimals(value)
                d = decimals[value] = -1 if found_d is None else found_d
            slack = 0.0 if d < 0 else 0.5 * _TEN_POW[d] * (abs(v / value) if v else 1.0)
        if q == "approximately":
            lo_f = -inf if lo is None else lo - max(abs(lo) * tolerance, slack)
            hi_f = inf if hi is None else hi + max(abs(hi) * tolerance, slack)
        else:
            lo_f = -inf if lo is None else lo - slack
            hi_f = inf if hi is None else hi + slack
        if q == "range" and lo0 is not None and hi0 is not None:
            v = (lo0 + hi0) / 2
        if change == "decrease":
            row_lo.append(-hi_f)
            row_hi.append(-lo_f)
            row_point.append(-v)
        else:
            row_lo.append(lo_f)
            row_hi.append(hi_f)
            row_point.append(v)
    return rows, list(sigs), names_seen, set_ids, provisional


def _add_noun(vocab: _Vocabulary, noun: str, dim: tuple[Any, ...], terms: set[str], subj: set[str]) -> None:
    """Add a counted noun's words but its head (the last) to a claim's keys. For a count the head
    is the dimension: then it is no key at all, and the noun's other words are its stated subject."""
    _extend_noun(_noun_terms(vocab, noun), dim, terms, subj)


def _noun_terms(vocab: _Vocabulary, noun: str) -> list[str]:
    """The stems of a counted noun's words but its head (the last)."""
    noun_terms: list[str] = []
    for ch in noun.split():
        noun_terms.extend(vocab.chunk(ch))
    del noun_terms[-1:]
    return noun_terms


def _extend_noun(noun_terms: list[str], dim: tuple[Any, ...], terms: set[str], subj: set[str]) -> None:
    """``_add_noun`` with the noun's words read (``_noun_terms``)."""
    terms.update(noun_terms)
    if dim[0] == "count":
        head: str = dim[1]  # (a count's head is a str)
        terms.discard(head)
        subj.update(noun_terms)
        subj.discard(head)


def _final_signatures(provisional: list[_Key], names_seen: set[str],
                      set_ids: dict[frozenset[str], int]) -> tuple[list[_Sig], list[int]]:
    """Signatures once every claim was read, and the final number of each provisional one: a
    capitalized opening word is a name when the corpus capitalizes it elsewhere ("Khorgos
    has ..."), which may make two keys one. Ordered by first claim: deterministic. ``set_ids``:
    the numbered key sets (see ``_read``)."""
    set_of: list[frozenset[str]] = list(set_ids)  # number -> set
    # The provisional keys are distinct, and a key without an opening word is its own final key: two
    # final keys can only be equal when one of them had an opening word. So only the keys with one
    # (a few percent) and the keys that may equal theirs (the same names set) go through the dict
    # of final keys; every other key is a new signature as it stands (no tuple hashed, no insert).
    rekeyed: dict[int, _Key] = {}  # number of a provisional key with an opening word -> its final key
    risky: set[int] = set()  # the names sets of those final keys
    number = 0
    for key in provisional:  # in order of number (new names sets numbered in that order)
        first: str | None = key[7]
        if first is not None:
            n_names: int = key[6]
            if first in names_seen:
                names = set_of[n_names] | {first}
                found = set_ids.get(names)
                if found is None:
                    n_names = set_ids[names] = len(set_of)
                    set_of.append(names)
                else:
                    n_names = found
            rekeyed[number] = (key[0], key[1], key[2], key[3], key[4], key[5], n_names, None)
            risky.add(n_names)
        number += 1
    final: dict[_Key, int] = {}
    sigs: list[_Sig] = []
    final_of: list[int] = []
    p = 0
    for key in provisional:
        if rekeyed and p in rekeyed:
            key = rekeyed[p]  # noqa: PLW2901
            number = final.setdefault(key, len(sigs))
        elif key[6] in risky:
            number = final.setdefault(key, len(sigs))
        else:
            number = len(sigs)
        if number == len(sigs):
            sigs.append(_Sig(key, set_of))
        final_of.append(number)
        p += 1
    return sigs, final_of


def _interval_point(c: Claim, tolerance: float, decimals: dict[float, int | None]) -> tuple[float, float, float]:
    """The claim's interval (``claim_interval``) and its point value (``_point``) in one pass.

    The interval is the stated [low, high], widened by half a unit in the last written digit
    (or by ±tolerance for "about"); ``decimals`` caches ``_decimals`` per written value.
    """
    v: float = c.normalized_value
    q: str = c.qualifier
    lo: float | None = c.low
    hi: float | None = c.high
    if lo is None and hi is None:
        if q in ("more_than", "at_least"):
            lo = v
        elif q in ("less_than", "at_most"):
            hi = v
        else:
            lo = hi = v
    value: float = c.value
    if c.kind == "fraction" or value == 0:
        slack = 0.0
    else:
        if value in decimals:
            d = decimals[value]
        else:
            d = decimals[value] = _decimals(value)
        if d is None:
            slack = 0.0
        else:
            scale = abs(v / value) if v else 1.0
            slack = 0.5 * _TEN_POW[d] * scale
    if q == "approximately":
        lo_f = -math.inf if lo is None else lo - max(abs(lo) * tolerance, slack)
        hi_f = math.inf if hi is None else hi + max(abs(hi) * tolerance, slack)
    else:
        lo_f = -math.inf if lo is None else lo - slack
        hi_f = math.inf if hi is None else hi + slack
    point = v
    low: float | None = c.low
    high: float | None = c.high
    if q == "range" and low is not None and high is not None:
        point = (low + high) / 2
    if c.change == "decrease":
        return -hi_f, -lo_f, -point
    return lo_f, hi_f, point


# --------------------------------------------------------------------------- grouping
def _dot(shared: frozenset[str], wa: dict[str, float], wb: dict[str, float]) -> float:
    """The two weight vectors' product over ``shared``, summed in the set's order."""
    total = 0.0
    for t in shared:
        total += wa[t] * wb[t]
    return total


def _compatible(a: _Sig, b: _Sig) -> bool:
    # Different proper names on both sides: trade with Kazakhstan vs trade with Tajikistan.
    # (First: it is the veto that rejects most candidate pairs.)
    if not a.names <= b.terms and not b.names <= a.terms:
        return False
    # Opposing direction words, each on one side only: exports vs imports.
    a_dirs, b_dirs = a.dirs, b.dirs
    if a_dirs is not b_dirs and a_dirs != b_dirs:
        only_b = b_dirs - a_dirs
        if only_b:
            for x in a_dirs - b_dirs:
                if not _OPPOSED[x].isdisjoint(only_b):
                    return False
    # A different count scopes the figure: "21 projects worth" vs "55 projects worth".
    if a.scope and b.scope:
        b_scope = b.scope
        for head, value in a.scope:
            for other_head, other_value in b_scope:  # (each head once in a scope)
                if other_head == head and other_value != value:
                    return False
    shared = a.terms & b.terms
    if not shared:
        return False
    # Stated subjects that each say something the other does not: "Kadun's wheat harvest" vs
    # "Kadun's oil harvest". (One may refine the other: "trade" vs "bilateral trade".)
    a_subj, b_subj = a.subj, b.subj
    if a_subj and b_subj and not a_subj <= b_subj and not b_subj <= a_subj:
        return False
    # Same entity, different measure ("X's investment in Y" vs "the budget of Y's programme"):
    # besides names, the two must share a common word (a count's noun is shared by its dimension).
    if a.dim[0] != "count":
        names = a.names | b.names
        common_a, common_b = a.terms - names, b.terms - names
        if common_a and common_b and common_a.isdisjoint(common_b):
            return False
    wa, wb = a.weights, b.weights
    if _dot(shared, wa, wb) >= SUBJECT_THRESHOLD * a.norm * b.norm:
        return True
    # Both stated subjects: compare what the extractor says is measured, without clause noise.
    if a_subj and b_subj:
        shared = a_subj & b_subj
        return bool(shared) and _dot(shared, wa, wb) >= SUBJECT_THRESHOLD * a.subj_norm * b.subj_norm
    return False


#: A vector's suffix (in rarity order) whose squared norm is below this share of the whole
#: cannot reach SUBJECT_THRESHOLD alone (margin for rounding: a longer prefix is always safe).
_PREFIX_SHARE: Final = SUBJECT_THRESHOLD * SUBJECT_THRESHOLD * (1 - 1e-9)
#: (dated, undated) postings of one key beyond this many pairs are compared by sorted neighbourhood.
_MAX_CROSS = MAX_POSTING * MAX_POSTING // 2


def _prefix(ordered: list[str], weights: dict[str, float]) -> list[str]:
    """The leading terms of ``ordered`` (rarest first) that any vector at cosine >= SUBJECT_THRESHOLD
    with this one must share: the shortest prefix after which the rest is too light to reach it.

    Why it is complete: if cos(a, b) >= t, the rarest term they share is in both prefixes (were
    it not in a's, every shared term would be in a's suffix, and by Cauchy-Schwarz
    a·b <= |a's suffix| |b| < t |a| |b|). So indexing each vector under its prefix finds every pair.
    """
    n = len(ordered)
    if not n:
        return []
    before: list[float] = []  # squared norm of the first 1, 2, ... terms
    total = 0.0
    for t in ordered:
        w = weights[t]
        total = total + w * w if before else w * w
        before.append(total)
    # Term k (k >= 1) is in the prefix while the rest from it, total - before[k - 1], can still
    # reach the threshold; the first term always is. (As bisect_right over before[:n - 1]: the
    # sums never decrease.)
    limit = total - total * _PREFIX_SHARE
    k = 0
    while k < n - 1 and before[k] <= limit:
        k += 1
    return ordered[: 1 + k]


def _weigh(sigs: list[_Sig], n_claims: int) -> dict[str, int]:
    """Set each signature's weights and norms (IDF over the claims, names ×NAME_WEIGHT).
    Returns each term's rank, rarest first (ties by spelling)."""
    # Claims per distinct key set first (signatures share their sets), then per term: the
    # same integer sums, over fewer terms.
    claims_of_set: dict[frozenset[str], int] = {}
    for s in sigs:
        claims_of_set[s.terms] = claims_of_set.get(s.terms, 0) + s.size
    df: dict[str, int] = {}
    for terms, k in claims_of_set.items():
        for t in terms:
            df[t] = df.get(t, 0) + k
    idf: dict[str, float] = {}
    by_weight: list[tuple[float, str]] = []
    for t, k in df.items():
        x = 1.0 + math.log((n_claims + 1) / (k + 1))
        idf[t] = x
        by_weight.append((-x, t))
    by_weight.sort()
    rank: dict[str, int] = {}
    for r, (_, t) in enumerate(by_weight):
        rank[t] = r
    for s in sigs:
        terms = s.terms
        w: dict[str, float] = {}
        for t in terms:
            w[t] = idf[t]
        for t in s.names:
            w[t] *= NAME_WEIGHT
        norm2 = 0.0
        for x in w.values():
            norm2 += x * x
        s.weights = w
        s.norm = math.sqrt(norm2)
        if s.subj:
            norm2 = 0.0
            for t in s.subj:
                norm2 += pow(w[t], 2)  # (as it always was: pow, not w * w)
            s.subj_norm = math.sqrt(norm2)
        else:
            s.subj_norm = 0.0
    return rank


def _keys(s: _Sig, rank: dict[str, int], spelled: list[str] | None = None) -> list[str]:
    """The keys a signature is indexed under: the prefixes of its key vector and of its
    stated-subject vector (rarest first). ``spelled``: rank -> term (``_spelled``), to sort the
    terms' ranks (distinct numbers) instead of the terms by a key function: the same order."""
    if spelled is None:
        by_rank = rank.__getitem__
        keys = _prefix(sorted(s.terms, key=by_rank), s.weights)
        if s.subj and s.subj != s.terms:  # (the same vector has the same prefix)
            for t in _prefix(sorted(s.subj, key=by_rank), s.weights):
                if t not in keys:
                    keys.append(t)
        return keys
    keys = _prefix(_rarest_first(s.terms, rank, spelled), s.weights)
    if s.subj and s.subj != s.terms:
        for t in _prefix(_rarest_first(s.subj, rank, spelled), s.weights):
            if t not in keys:
                keys.append(t)
    return keys


def _spelled(rank: dict[str, int]) -> list[str]:
    """rank -> term (``_weigh`` numbers the terms 0, 1, 2, ...)."""
    spelled = [""] * len(rank)
    for t, r in rank.items():
        spelled[r] = t
    return spelled


def _rarest_first(terms: frozenset[str], rank: dict[str, int], spelled: list[str]) -> list[str]:
    """``sorted(terms, key=rank.__getitem__)``, sorting numbers (ranks never tie)."""
    ranks = [rank[t] for t in terms]
    ranks.sort()
    return [spelled[r] for r in ranks]


def _order(s: _Sig, rank: dict[str, int]) -> tuple[int, ...]:
    """Where a signature sorts in an outsized posting: by its rarest keys."""
    return tuple(sorted([rank[t] for t in _keys(s, rank)]))


def _outsized(members: list[int], sigs: list[_Sig], rank: dict[str, int]) -> list[tuple[int, int]]:
    """Candidate pairs of a posting of more than MAX_POSTING signatures (a key common to many
    light vectors): each signature with the next WINDOW in ``_order``."""
    keyed = sorted([(_order(sigs[i], rank), n, i) for n, i in enumerate(members)])  # (stable)
    run = [i for _, _, i in keyed]
    pairs: list[tuple[int, int]] = []
    for a in range(len(run) - 1):
        for j in run[a + 1 : a + 1 + WINDOW]:
            pairs.append((run[a], j))
    return pairs


def _outsized_cross(dated: list[int], undated: list[int], sigs: list[_Sig],
                    rank: dict[str, int]) -> list[tuple[int, int]]:
    """(dated, undated) candidate pairs of one key with outsized postings: each signature with the
    next WINDOW of the merged run in ``_order`` from the other side."""
    both = sorted([(_order(sigs[i], rank), 0, i) for i in dated] + [(_order(sigs[j], rank), 1, j) for j in undated])
    pairs: list[tuple[int, int]] = []
    for a in range(len(both) - 1):
        side: int = both[a][1]
        i: int = both[a][2]
        for _, other, j in both[a + 1 : a + 1 + WINDOW]:
            if other != side:
                pairs.append((i, j) if side == 0 else (j, i))
    return pairs


def _c_group() -> Any:
    """``kzfacts._group.group`` (None in a pure-Python install and with KZFACTS_PURE_PYTHON=1)."""
    try:
        from kzfacts._group import group
    except ImportError:
        return None
    return group


#: the C grouping (None: not built); tests set it to None to run the reference, _group_py
_C_GROUP: Any = _c_group()


def _c_gather() -> Any:
    """``kzfacts._group.gather`` (None in a pure-Python install and with KZFACTS_PURE_PYTHON=1)."""
    try:
        from kzfacts._group import gather
    except ImportError:
        return None
    return gather


#: what _verdicts reads of each group's claims, in C: ``gather(members, claims, points, Claim)`` ->
#: (claims, the ids joined by newlines as UTF-8, times, subjects, distinct documents, points), or
#: None (then the loop in Python, the reference); tests set it to None
_C_GATHER: Any = _c_gather()


def _c_worst_pair() -> Any:
    """``kzfacts._group.worst_pair`` (None in a pure-Python install and with KZFACTS_PURE_PYTHON=1)."""
    try:
        from kzfacts._group import worst_pair
    except ImportError:
        return None
    return worst_pair


#: ``_worst_pair`` in C: ``worst_pair(members, lo, hi, sent, point)`` -> the pair, None, or False when
#: a member's bound is NaN (then the reference, whose sorts order NaNs their own way); tests set it to None
_C_WORST_PAIR: Any = _c_worst_pair()


def _group(sigs: list[_Sig], rows: _Rows) -> list[tuple[_Sig, list[int]]]:
    """Partition comparable claims into groups: (the group's first signature, its rows), each
    group with claims from >= 2 sentences.

    In C where it is built (kzfacts._group: the same answer over arrays of term ranks), else, or
    when the C declines (an outsized posting), the reference ``_group_py``. (The C path leaves the
    signatures' weights unset: nothing after the grouping reads them.)"""
    if not sigs:
        return []
    c_group = _C_GROUP
    if c_group is not None:
        got = c_group(
            [s.terms for s in sigs], [s.subj for s in sigs], [s.dirs for s in sigs], [s.names for s in sigs],
            [s.scope for s in sigs], [s.dim for s in sigs], [s.tkey for s in sigs], [s.size for s in sigs],
            len(rows.sent), _OPPOSED, rows.sig, rows.sent, MAX_POSTING, _MAX_CROSS, _PREFIX_SHARE,
            SUBJECT_THRESHOLD, NAME_WEIGHT)
        if got is not None:
            return [(sigs[root], members) for root, members in got]
    return _group_py(sigs, rows)


def _group_py(sigs: list[_Sig], rows: _Rows) -> list[tuple[_Sig, list[int]]]:
    """``_group`` in Python: the reference."""
    rank = _weigh(sigs, len(rows.sent))
    spelled = _spelled(rank)
    blocks: dict[tuple[Any, ...], dict[str, list[int]]] = {}  # (dimension, year) -> key -> signatures
    for i, s in enumerate(sigs):
        where: tuple[Any, ...] = (s.dim, s.tkey)
        block = blocks.get(where)
        if block is None:
            block = blocks[where] = {}
        for t in _keys(s, rank, spelled):
            members = block.get(t)
            if members is None:
                block[t] = [i]
            else:
                members.append(i)
    root_of = _link_same_year(sigs, blocks, rank)
    attached = _attach_undated(sigs, blocks, root_of, rank)
    return _components(sigs, root_of, attached, rows)


def _find(parent: list[int], i: int) -> int:
    """Union-find: the root of ``i``, compressing the path."""
    root = i
    while parent[root] != root:
        root = parent[root]
    while parent[i] != root:
        parent[i], i = root, parent[i]
    return root


def _link(sigs: list[_Sig], parent: list[int], i: int, j: int) -> None:
    """Join the components of ``i`` and ``j`` if the two signatures are compatible."""
    ri = i if parent[i] == i else _find(parent, i)
    rj = j if parent[j] == j else _find(parent, j)
    if ri != rj and _compatible(sigs[i], sigs[j]):
        if ri < rj:
            parent[rj] = ri
        else:
            parent[ri] = rj


def _link_same_year(sigs: list[_Sig], blocks: dict[tuple[Any, ...], dict[str, list[int]]],
                    rank: dict[str, int]) -> list[int]:
    """Union-find over the signatures of each posting (same dimension and year, or both undated):
    each signature's root, the smallest index of its component."""
    parent = list(range(len(sigs)))
    names_of = [s.names for s in sigs]
    terms_of = [s.terms for s in sigs]
    max_posting: int = MAX_POSTING
    # The names veto of _compatible rejects most candidate pairs: it is checked inline first.
    for block in blocks.values():
        for members in block.values():
            m = len(members)
            if m > max_posting:
                for i, j in _outsized(members, sigs, rank):
                    if names_of[i] <= terms_of[j] or names_of[j] <= terms_of[i]:
                        _link(sigs, parent, i, j)
                continue
            for a in range(1, m):
                j = members[a]
                names_j, terms_j = names_of[j], terms_of[j]
                for b in range(a):
                    i = members[b]
                    if names_of[i] <= terms_j or names_j <= terms_of[i]:
                        _link(sigs, parent, i, j)
    return [_find(parent, i) for i in range(len(sigs))]


def _attach_undated(sigs: list[_Sig], blocks: dict[tuple[Any, ...], dict[str, list[int]]], root_of: list[int],
                    rank: dict[str, int]) -> dict[int, set[int]]:
    """Undated signatures against the dated ones of the same dimension and key, on the final
    components: undated root -> the dated roots it matches."""
    names_of = [s.names for s in sigs]
    terms_of = [s.terms for s in sigs]
    attached: dict[int, set[int]] = {}
    max_cross: int = _MAX_CROSS
    for where, block in blocks.items():
        if where[1] is None:
            continue
        undated_block = blocks.get((where[0], None))
        if not undated_block:
            continue
        for term, members in block.items():
            undated = undated_block.get(term)
            if not undated:
                continue
            if len(members) * len(undated) > max_cross:
                pairs = _outsized_cross(members, undated, sigs, rank)
            else:
                pairs = [(i, j) for i in members for j in undated]
            for i, j in pairs:  # i dated, j undated
                if names_of[i] <= terms_of[j] or names_of[j] <= terms_of[i]:
                    ri, rj = root_of[i], root_of[j]
                    seen = attached.get(rj)
                    if (seen is None or ri not in seen) and _compatible(sigs[i], sigs[j]):
                        if seen is None:
                            attached[rj] = {ri}
                        else:
                            seen.add(ri)
    return attached


def _components(
    sigs: list[_Sig], root_of: list[int], attached: dict[int, set[int]], rows: _Rows
) -> list[tuple[_Sig, list[int]]]:
    """The groups: each same-year (or all-undated) component with the undated components it
    matched; an undated component that matched a dated one is shown only within it."""
    members_of: dict[int, list[int]] = {}  # root -> rows, in (doc, start, end) order
    r = 0
    for n in rows.sig:
        root = root_of[n]
        members = members_of.get(root)
        if members is None:
            members_of[root] = [r]
        else:
            members.append(r)
        r += 1
    extra: dict[int, list[int]] = {}  # dated root -> undated roots attached
    for u_root, d_roots in attached.items():
        for d_root in d_roots:
            roots = extra.get(d_root)
            if roots is None:
                extra[d_root] = [u_root]
            else:
                roots.append(u_root)
    sent_of = rows.sent
    groups: list[tuple[_Sig, list[int]]] = []
    for root, members in members_of.items():
        if root in attached:
            continue  # undated, shown within the dated groups it matched
        if root in extra:
            members = list(members)  # noqa: PLW2901
            for u_root in extra[root]:
                members.extend(members_of[u_root])
            members.sort()
        if len(members) < 2:
            continue
        first = sent_of[members[0]]
        if sent_of[members[-1]] == first:
            for r in members:
                if sent_of[r] != first:
                    break
            else:
                continue  # one sentence: a list ("from X to Y"), not a comparison
        groups.append((sigs[root], members))
    return groups


# --------------------------------------------------------------------------- verdicts
def _worst_pair(members: list[int], rows: _Rows, nan: bool = True) -> tuple[int, int] | None:
    """Two claims (rows) from different sentences with disjoint intervals, the widest gap first.

    ``nan``: some interval may have a NaN bound (max/min would skip it).
    """
    lo_of, hi_of, sent_of, point_of = rows.lo, rows.hi, rows.sent, rows.point
    if not nan:
        highest_lo = lo_of[members[0]]
        lowest_hi = hi_of[members[0]]
        for r in members:
            x = lo_of[r]
            if x > highest_lo:  # noqa: PLR1730 (as max() does, NaN or not; spelled out for mypyc)
                highest_lo = x
            x = hi_of[r]
            if x < lowest_hi:  # noqa: PLR1730
                lowest_hi = x
        if highest_lo <= lowest_hi:
            return None  # every interval holds a common point: no disjoint pair
    sents: set[int] = set()
    for r in members:
        sents.add(sent_of[r])
    los: list[int]
    his: list[int]
    if not nan and len(sents) == len(members):  # one claim per sentence
        los = sorted(members, key=lo_of.__getitem__, reverse=True)[:2]  # (stable: ties keep their order)
        his = sorted(members, key=hi_of.__getitem__)[:2]
    else:
        best_lo: dict[int, int] = {}  # sentence -> row with the highest low end
        best_hi: dict[int, int] = {}  # sentence -> row with the lowest high end
        for r in members:
            s = sent_of[r]
            cur = best_lo.get(s)
            if cur is None or lo_of[r] > lo_of[cur]:
                best_lo[s] = r
            cur = best_hi.get(s)
            if cur is None or hi_of[r] < hi_of[cur]:
                best_hi[s] = r
        los = sorted(best_lo.values(), key=lambda r: -lo_of[r])[:2]
        his = sorted(best_hi.values(), key=hi_of.__getitem__)[:2]
    best_gap = 0.0
    best: tuple[int, int] | None = None
    for a in los:
        for b in his:
            if sent_of[a] == sent_of[b] or lo_of[a] <= hi_of[b]:
                continue
            gap = _spread2(point_of[a], point_of[b])
            if best is None or gap > best_gap:
                best_gap, best = gap, (a, b)
    return best


def _has_nan(values: list[float]) -> bool:
    for x in values:
        if x != x:  # noqa: PLR0124 (NaN)
            return True
    return False


def _point(c: Claim) -> float:
    v: float = c.normalized_value
    low: float | None = c.low
    high: float | None = c.high
    if c.qualifier == "range" and low is not None and high is not None:
        v = (low + high) / 2
    return -v if c.change == "decrease" else v


def _spread(values: Sequence[float]) -> float:
    hi, lo = max(values), min(values)
    denom = max(abs(hi), abs(lo))
    return 0.0 if denom == 0 else (hi - lo) / denom


def _spread2(x: float, y: float) -> float:
    """``_spread([x, y])``, without the list."""
    hi = y if y > x else x
    lo = y if y < x else x
    a_hi, a_lo = abs(hi), abs(lo)
    denom = a_lo if a_lo > a_hi else a_hi
    return 0.0 if denom == 0 else (hi - lo) / denom


_TEN_POW: Final = [10.0 ** -k for k in range(7)]


def _decimals(value: float) -> int | None:
    """Digits after the point in the shortest repr of ``value`` (None: not a written figure)."""
    r = repr(float(value))
    dot = r.find(".")
    if dot < 0 or "e" in r:
        return None
    decimals = 0 if r.endswith(".0") else len(r) - dot - 1
    return decimals if decimals <= 6 else None


def _years(times: Sequence[str | None]) -> tuple[str, list[str]]:
    """The group's years for its reason, and the notes they call for (``times``: its claims')."""
    dated_set: set[str] = set()
    undated = 0
    for t in times:
        if t:
            dated_set.add(t)
        else:
            undated += 1
    dated = sorted(dated_set)
    notes: list[str] = []
    if not dated:
        return "unstated", notes
    text = ", ".join(dated)
    if len(dated) > 1 and len({_time_key(t) for t in dated}) == 1:
        notes.append(f"dates differ within {_time_key(dated[0])}: {text}")
    if undated:
        noun = "figure" if undated == 1 else "figures"
        text += f" and {undated} undated {noun} (lower confidence)"
        notes.append(f"{undated} undated {noun} compared with {', '.join(dated)}: lower confidence")
    return text, notes


def _why(a: Claim, b: Claim, tolerance: float) -> str:
    quals = {a.qualifier, b.qualifier}
    if "approximately" in quals:
        return f"beyond ±{tolerance:.0%} for 'about'"
    for c in (a, b):
        if c.qualifier in ("more_than", "at_least", "less_than", "at_most", "range"):
            other = b if c is a else a
            return f"{format_value(other)} is outside '{stated(c)}'"
    return "the figures as written differ"


def _subject_label(subjects: Sequence[str | None], first: Claim) -> str:
    """The most stated subject (``subjects``: the group's claims'), else ``first``'s clause."""
    given: list[str] = [s for s in subjects if s]
    distinct = set(given)
    if len(distinct) == 1:
        return given[0]
    if distinct:
        return min(distinct, key=lambda s: (-given.count(s), len(s), s))
    left, right, _ = _clause(first)
    label = f"{left.strip()} … {right.strip()}".strip(" …")
    return label if len(label) <= 90 else label[:89] + "…"


_CONFLICT_FIELDS: Final = ("id", "subject", "kind", "claims", "relative_spread", "reason", "conflicting", "unit",
                           "time", "notes")


def _new_conflict(*values: object) -> Conflict:
    """``Conflict(*values)``, without running the frozen dataclass's generated ``__init__``.

    ``Conflict`` lives in the uncompiled model module, so that ``__init__`` runs interpreted
    (``object.__setattr__`` per field); setting the fields the same way from compiled code costs
    a fraction (as pipeline._new_claim does for claims).
    """
    if len(values) != len(_CONFLICT_FIELDS):
        raise TypeError(f"a Conflict has {len(_CONFLICT_FIELDS)} fields, not {len(values)}")
    make = _MAKE_CONFLICT
    if make is not None:  # the same in C, the slots set at their offsets (kzfacts._clause.Getter.make)
        made: Conflict = make(values)
        return made
    conflict: Conflict = object.__new__(Conflict)
    for i in range(len(values)):
        object.__setattr__(conflict, _CONFLICT_FIELDS[i], values[i])
    return conflict


#: ``kzfacts._clause.Getter(Conflict, _CONFLICT_FIELDS).make`` (None: not built); tests set it to
#: None to run the reference
_MAKE_CONFLICT: Any = None if _C_GETTER is None else _C_GETTER(Conflict, _CONFLICT_FIELDS).make


def _verdicts(groups: list[tuple[_Sig, list[int]]], rows: _Rows, tolerance: float,
              min_spread: float) -> list[Conflict]:
    """The verdict on each group (its first signature gives its dimension and year).

    One loop, no call per group beyond the rare cases (``_years`` when a group spans several
    years or undated figures, the formatting); a group of one year and no undated figure
    (most of them) has that year for its years and no note.
    """
    claims_of, point_of = rows.claims, rows.point
    nan = _has_nan(rows.lo) or _has_nan(rows.hi)  # no max/min shortcut in _worst_pair
    # (each id from a copy of one empty 8-byte blake2b, updated: the same digest as blake2b(text,
    # digest_size=8), without parsing the constructor's dozen keyword parameters per group)
    blake2b = hashlib.blake2b(digest_size=8)
    group_fields = _getter(_GROUP_FIELDS)
    gather = _C_GATHER
    worst = _C_WORST_PAIR
    lo_of, hi_of, sent_of = rows.lo, rows.hi, rows.sent
    out: list[Conflict] = []
    for sig, members in groups:
        claims: tuple[Claim, ...]
        times: list[str | None]
        subjects: list[str | None]
        points: list[float]
        n_docs: int
        # 64 bits: no collision in practice at millions of groups
        got = None if gather is None else gather(members, claims_of, point_of, Claim)
        if got is not None:  # the same, in C: the ids spelled into one bytes object, no str for each
            claims, text, times, subjects, n_docs, points = got
            h = blake2b.copy()
            h.update(text)
            gid = "g" + h.hexdigest()
        else:
            claim_list: list[Claim] = []
            ids: list[str] = []
            times = []
            subjects = []
            docs: set[str] = set()
            points = []
            for r in members:
                c = claims_of[r]
                claim_list.append(c)
                fields: _GroupFields = group_fields(c)
                claim_doc, start, end, time, subject = fields
                ids.append(f"{claim_doc}:{start}-{end}")  # c.id (a property: interpreted, ~3,000 instructions)
                times.append(time)
                subjects.append(subject)
                docs.add(claim_doc)
                points.append(point_of[r])
            claims = tuple(claim_list)
            n_docs = len(docs)
            h = blake2b.copy()
            h.update("\n".join(ids).encode())
            gid = "g" + h.hexdigest()
        hi = lo = points[0]
        for x in points:
            if x > hi:  # noqa: PLR1730 (as max() does, NaN or not; spelled out for mypyc)
                hi = x
            if x < lo:  # noqa: PLR1730
                lo = x
        denom = max(abs(hi), abs(lo))
        spread = 0.0 if denom == 0 else (hi - lo) / denom  # _spread(points)
        first_time = times[0]
        years: str
        notes: list[str]
        if first_time and times.count(first_time) == len(times):  # one year, no undated figure
            years, notes = first_time, []
        else:
            years, notes = _years(times)
        if n_docs == 1:
            notes.append("all figures come from one document")
        dim = sig.dim
        got_pair: Any = False if worst is None else worst(members, lo_of, hi_of, sent_of, point_of)
        pair: tuple[int, int] | None = _worst_pair(members, rows, nan) if got_pair is False else got_pair
        conflicting = pair is not None
        if pair is not None:
            a, b = pair  # a's low end > b's high end
            low, high = (b, a) if point_of[b] <= point_of[a] else (a, b)
            pair_spread = _spread2(point_of[a], point_of[b])
            reason = (
                f"{_format_point(point_of[low], claims_of[low])} vs {_format_point(point_of[high], claims_of[high])}: "
                f"{_pct(pair_spread)} apart, "
                f"{_why(claims_of[a], claims_of[b], tolerance)}; years: {years}"
            )
            if spread < min_spread:
                conflicting = False
                reason += f"; not flagged: spread {_pct(spread)} is below the minimum {_pct(min_spread)}"
        else:
            first = last = 0  # the lowest point (the first of equals) and the highest (the last)
            if _has_nan(points):  # (NaN: sorted's order, whatever it is)
                order = sorted(range(len(points)), key=points.__getitem__)
                first, last = order[0], order[-1]
            else:
                for k in range(1, len(points)):
                    if points[k] < points[first]:
                        first = k
                    if points[k] >= points[last]:
                        last = k
            shown = _format_point(points[first], claims[first])
            if points[last] != points[first]:
                shown += f" to {_format_point(points[last], claims[last])}"
            where = f"{n_docs} documents" if n_docs > 1 else "1 document"
            reason = f"{len(claims)} figures agree ({shown}); confirmed by {where}; years: {years}"
        label = subjects[0]
        if not label or subjects.count(label) != len(subjects):  # (one subject stated by all: itself)
            label = _subject_label(subjects, claims[0])
        out.append(_new_conflict(gid, label, dim[0], claims, round(spread, 6) if spread else spread, reason,
                                 conflicting, dim[1],
                                 sig.tkey, tuple(notes)))
    return out


# --------------------------------------------------------------------------- formatting
def _pct(x: float) -> str:
    p = x * 100
    if p >= 10 or p == 0 or abs(p - round(p)) < 1e-9:
        return f"{p:.0f}%"
    return f"{p:.2g}%"


def _c_short() -> tuple[Any, Any]:
    """``kzfacts._group.short`` and ``human`` (None, None in a pure-Python install)."""
    try:
        from kzfacts._group import human, short
    except ImportError:
        return None, None
    return short, human


#: ``_short`` and ``_human`` in C (the same strings: PyOS_double_to_string, as format() calls it; None
#: for what is not a finite float, then the references below); tests set them to None
_C_SHORT: Any
_C_HUMAN: Any
_C_SHORT, _C_HUMAN = _c_short()


def _short(x: float) -> str:
    c_short = _C_SHORT
    if c_short is not None:
        got: str | None = c_short(x)
        if got is not None:
            return got
    if (x == int(x) or abs(x) >= 1000) and abs(x) < 1e15:
        return f"{round(x):,}"
    s = f"{x:.4g}"
    return s if "e" not in s else f"{x:g}"


def _human(x: float) -> str:
    c_human = _C_HUMAN
    if c_human is not None:
        got: str | None = c_human(x)
        if got is not None:
            return got
    a = abs(x)
    # (if-tests, not a loop over ((1e12, "trillion"), ...): compiled, that tuple of tuples is built
    # anew at each call)
    if a >= 1e12:
        return f"{_short(x / 1e12)} trillion"
    if a >= 1e9:
        return f"{_short(x / 1e9)} billion"
    if a >= 1e6:
        return f"{_short(x / 1e6)} million"
    return _short(x)
