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
one signature. Each signature is indexed under its ``TOP_K`` rarest keys within its
dimension and year; only signatures sharing such a posting (same year, or one undated) are
compared: all pairs in a posting of at most ``MAX_POSTING`` signatures, else a sorted
neighbourhood (sorted by rarest keys, each compared with the next ``WINDOW``). Matches are
merged with union-find; undated signatures are matched against the final dated components.

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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from kzfacts.model import Claim, Conflict

__all__ = [
    "MAX_POSTING",
    "NAME_WEIGHT",
    "SUBJECT_THRESHOLD",
    "TOP_K",
    "WINDOW",
    "ConflictAnalysis",
    "analyze",
    "claim_interval",
    "find_conflicts",
    "format_value",
    "stated",
]

#: IDF-weighted cosine of two claims' subject keys from which they measure the same thing.
SUBJECT_THRESHOLD = 0.5
#: Proper names (capitalized mid-sentence, acronyms) weigh this much more: news figures are
#: about named places and bodies ("Khorgos", "GDP", "SCO").
NAME_WEIGHT = 2.0
#: Each claim signature is indexed under this many of its rarest keys.
TOP_K = 3
#: Postings (one key, one dimension, one year) with more signatures than this are compared
#: by sorted neighbourhood (each with the next ``WINDOW``) instead of all pairs.
MAX_POSTING = 16
WINDOW = 8

NOT_COMPARED_KINDS = frozenset({"ordinal", "number"})
_PERCENT_KINDS = frozenset({"percent", "fraction"})

# Words that carry no subject: function words, hedges, scale and unit words, reporting verbs,
# calendar words, generic "reached/totaled" verbs. Not a list of topics.
_STOP = frozenset("""
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
_DIRECTION_WORDS = frozenset(w for pair in _OPPOSITES for w in pair)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CLAUSE_BOUNDARY = re.compile(r"[;:()\[\]\"“”«»—…]|,\s|\s[-–]\s|[.!?]\s")
_ONE_OF = re.compile(r"one\s+of\b", re.IGNORECASE)
# The same boundaries read backwards ("[;:()...]", " ,", " - ", " ."), written to start with one
# character class: the regex engine then skips the letters between boundaries in C.
_CLAUSE_BOUNDARY_REVERSED = re.compile(r"[;:()\[\]\"“”«»—…\s](?:(?<!\s)|(?=[,.!?]|[-–]\s))")
_ISO_DATE = re.compile(r"^(\d{4})-\d{2}(?:-\d{2})?$")


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
    unique = _dedupe(claims)
    feats = _features(unique, tolerance)
    groups = _group(feats)
    nan = any(f.lo != f.lo or f.hi != f.hi for f in feats)  # NaN bounds: no shortcut in _worst_pair
    built = [_build_conflict(members, tolerance, min_spread, nan) for members in groups]
    built.sort(key=lambda g: (not g.conflicting, -g.relative_spread, g.id))
    return ConflictAnalysis(groups=built, claims_read=len(unique))


def claim_interval(claim: Claim, tolerance: float = 0.10) -> tuple[float, float]:
    """The closed interval a claim allows, in normalized units (signed for a decrease)."""
    lo, hi, _ = _interval_point(claim, tolerance, {})
    return lo, hi


def format_value(claim: Claim) -> str:
    """A claim's normalized value for people: ``30%``, ``41 billion USD``, ``21 projects``."""
    v = _point(claim)
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
class _Feat:
    """What the grouping needs to know about one claim (``idx``: its rank in (doc, start, end) order)."""

    __slots__ = ("claim", "idx", "dim", "tkey", "terms", "subj", "names", "dirs", "scope", "sent", "lo", "hi",
                 "point")


_DEDUPE_KEY = attrgetter("doc", "start", "end", "kind", "normalized_value", "text")


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    ordered = sorted(claims, key=_DEDUPE_KEY)
    out: list[Claim] = []
    append = out.append
    last_doc, last_start, last_end = None, None, None
    for c in ordered:
        doc, start, end = c.doc, c.start, c.end
        if end != last_end or start != last_start or doc != last_doc:
            append(c)
            last_doc, last_start, last_end = doc, start, end
    return out


def _dimension(c: Claim) -> tuple[str, str | None, str] | None:
    if c.kind in NOT_COMPARED_KINDS:
        return None
    flow = "change" if c.change in ("increase", "decrease") else "level"
    if c.kind in _PERCENT_KINDS:
        return ("percent", "percent", flow)
    if c.kind == "count":
        if _ONE_OF.match(c.text):  # "one of the largest investors": membership, not a count
            return None
        head = _noun_head(c.noun)
        return None if head is None else ("count", head, flow)
    return (c.kind, c.normalized_unit or c.unit, flow)


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
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in _WORD.findall(text))


def _locate(claim: Claim) -> int:
    """Offset of the claim's text within its sentence (-1 if it cannot be found)."""
    return claim.sentence.find(claim.text) if claim.text else -1


def _cut_left(left: str) -> tuple[str, bool]:
    """The clause part of the text left of the number; whether it opens the sentence."""
    m = _CLAUSE_BOUNDARY_REVERSED.search(left[::-1])  # the last boundary on the left
    cut = len(left) - m.start() if m else 0
    return left[cut:], cut == 0


def _cut_right(right: str) -> str:
    m = _CLAUSE_BOUNDARY.search(right)
    return right[: m.start()] if m else right


def _clause(claim: Claim) -> tuple[str, str, bool]:
    """(text left of the number, text right of it) within its clause; whether left opens the sentence."""
    s = claim.sentence
    pos = _locate(claim)
    if pos < 0:
        return s, "", True
    left, opening = _cut_left(s[:pos])
    return left, _cut_right(s[pos + len(claim.text):]), opening


class _Scanner:
    """Subject keys of texts, each distinct text, whitespace-separated chunk and word read once.

    ``_WORD`` never matches whitespace, so the words of a text are the words of its chunks.
    A text's scan (stems, names, opening word) is interned and known by its number: texts that
    differ only in stop words ("totaled" / "reached") share it, and so does what is built on it.
    """

    __slots__ = ("chunks", "ids", "names_seen", "rights", "scans", "views")

    def __init__(self) -> None:
        # chunk -> ((stem or None for a stop word, capitalized, second letter capitalized), ...)
        self.chunks: dict[str, tuple[tuple[str | None, bool, bool], ...]] = {}
        self.ids: dict[tuple, int] = {}  # scan -> its number
        self.scans: list[tuple[tuple[str, ...], frozenset[str], str | None]] = []  # by number
        self.rights: dict[str, str] = {}
        self.views: dict[tuple, tuple] = {}
        self.names_seen: set[str] = set()

    def scan(self, text: str, opening: bool) -> int:
        """The number of the scan of ``text``: its content stems, the stems of its proper names,
        and the stem of a capitalized opening word when ``text`` opens a sentence (a name only if
        the corpus capitalizes it elsewhere: "Khorgos has ..." vs "Exports rose ...")."""
        chunks = self.chunks
        stems: list[str] = []
        names: list[str] = []
        first = None
        at_start = opening
        for chunk in text.split():
            words = chunks.get(chunk)
            if words is None:
                words = chunks[chunk] = tuple(
                    (None if st in _STOP or len(st) < 2 else st, w[0].isupper(), len(w) > 1 and w[1].isupper())
                    for w in _WORD.findall(chunk) for st in (_stem(w),))
            for st, upper, upper2 in words:
                if st is not None:
                    stems.append(st)
                    if upper:
                        if at_start and not upper2:
                            first = st
                        else:
                            names.append(st)
                at_start = False
        key = (tuple(stems), tuple(names), first)
        sid = self.ids.get(key)
        if sid is None:
            sid = self.ids[key] = len(self.scans)
            self.scans.append((key[0], frozenset(names), first))
        return sid

    def right_clause(self, right: str) -> str:
        clause = self.rights.get(right)
        if clause is None:
            clause = self.rights[right] = _cut_right(right)
        return clause

    def view(self, clause: int, right: int, subject: int, noun: int, head: str | None) -> tuple:
        """(terms, stated subject, names, direction words, capitalized opening word) of a claim from
        the scans of its clause left and right of the number (``right`` -1: ``clause`` is the
        whole sentence), of its stated subject and of its noun (-1: none).
        ``head``: a count's noun head (its dimension)."""
        scans = self.scans
        clause_terms, names, first = scans[clause]
        if right >= 0:
            rt, rn, _ = scans[right]
            clause_terms += rt
            names = names | rn
        subject_terms: tuple[str, ...] = ()
        if subject >= 0:
            subject_terms, sn, _ = scans[subject]
            names = names | sn
        noun_terms = scans[noun][0][:-1] if noun >= 0 else ()
        terms = set(clause_terms) | set(subject_terms) | set(noun_terms)
        if head is not None:
            terms.discard(head)
        # The stated subject as its own view, without the counted noun (already in the
        # dimension): a count's subject is often just its noun ("people"), which says nothing.
        subj = frozenset(subject_terms + noun_terms) - {head} if head is not None else frozenset(subject_terms)
        self.names_seen |= names
        return frozenset(terms), subj, frozenset(terms & names), frozenset(terms & _DIRECTION_WORDS), first


def _features(claims: Sequence[Claim], tolerance: float) -> list[_Feat]:
    """One ``_Feat`` per comparable claim, in the order of ``claims`` (sorted by document).

    Everything derived from strings is computed once per distinct string (word, clause,
    subject) and shared: a large corpus repeats its words, clauses and subjects.
    """
    # Counts in each sentence: the scope of the other figures there ("21 projects worth ...").
    sentence_counts: dict[tuple[str, str], dict[str, float]] = {}
    for c in claims:
        if c.kind == "count":
            head = _noun_head(c.noun)
            if head is not None:
                sentence_counts.setdefault((c.doc, c.sentence), {}).setdefault(head, c.normalized_value)

    scanner = _Scanner()
    scan, scans, right_clause = scanner.scan, scanner.scans, scanner.right_clause
    views = scanner.views
    make_view = scanner.view
    clause_scans: tuple[dict[str, int], dict[str, int]] = ({}, {})  # [opening][text] -> scan number
    plain_scans = clause_scans[False]
    dims: dict[tuple, tuple[str, str | None, str]] = {}
    scopes: dict[tuple[str, str], frozenset[tuple[str, float]]] = {}
    no_scope: frozenset[tuple[str, float]] = frozenset()
    doc_sents: dict[str, int] = {}  # sentence -> id, within the current document
    doc = None
    n_sents = 0
    decimals: dict[float, int | None] = {}
    feats: list[_Feat] = []
    openers: list[tuple[_Feat, str]] = []
    for c in claims:
        kind = c.kind
        if kind in NOT_COMPARED_KINDS:
            continue
        if kind == "count":
            dim = _dimension(c)
            if dim is None:
                continue
            head = dim[1]
        else:
            dkey = (kind, c.change, c.normalized_unit, c.unit)
            dim = dims.get(dkey)
            if dim is None:
                dim = dims[dkey] = _dimension(c)
            head = None
        s, text = c.sentence, c.text
        pos = s.find(text) if text else -1
        if pos < 0:
            cs, rs = scan(s, True), -1
        else:
            left = s[:pos]
            right = s[pos + len(text):]
            clause, opening = _cut_left(left)
            cache = clause_scans[opening]
            cs = cache.get(clause)
            if cs is None:
                cs = cache[clause] = scan(clause, opening)
            rc = right_clause(right)
            rs = plain_scans.get(rc)
            if rs is None:
                rs = plain_scans[rc] = scan(rc, False)
            if len(scans[cs][0]) + len(scans[rs][0]) < 2:  # "..., totaling $12 billion": read the sentence
                cs, rs = scan(left + " " + right, True), -1
        subject, noun = c.subject, c.noun
        if subject:
            ss = plain_scans.get(subject)
            if ss is None:
                ss = plain_scans[subject] = scan(subject, False)
        else:
            ss = -1
        if noun:
            ns = plain_scans.get(noun)
            if ns is None:
                ns = plain_scans[noun] = scan(noun, False)
        else:
            ns = -1
        vkey = (cs, rs, ss, ns, head)
        view = views.get(vkey)
        if view is None:
            view = views[vkey] = make_view(cs, rs, ss, ns, head)
        f = _Feat()
        f.claim = c
        f.idx = len(feats)
        f.dim = dim
        f.tkey = _time_key(c.time)
        f.terms, f.subj, f.names, f.dirs, first = view
        if first is not None:
            openers.append((f, first))
        if c.doc != doc:
            doc, doc_sents = c.doc, {}
        sent = doc_sents.get(s)
        if sent is None:
            sent = doc_sents[s] = n_sents
            n_sents += 1
        f.sent = sent
        if kind != "count" and sentence_counts and (doc, s) in sentence_counts:
            skey = (doc, s)
            scope = scopes.get(skey)
            if scope is None:
                scope = scopes[skey] = frozenset(sentence_counts[skey].items())
            f.scope = scope
        else:
            f.scope = no_scope
        f.lo, f.hi, f.point = _interval_point(c, tolerance, decimals)
        feats.append(f)
    names_seen = scanner.names_seen
    for f, first in openers:  # "Khorgos has ...": a name because the corpus capitalizes it mid-sentence
        if first in names_seen and first in f.terms:
            f.names = f.names | {first}
    return feats


def _interval_point(c: Claim, tolerance: float, decimals: dict[float, int | None]) -> tuple[float, float, float]:
    """The claim's interval (``claim_interval``) and its point value (``_point``) in one pass.

    The interval is the stated [low, high], widened by half a unit in the last written digit
    (or by ±tolerance for "about"); ``decimals`` caches ``_decimals`` per written value.
    """
    v = c.normalized_value
    q = c.qualifier
    lo, hi = c.low, c.high
    if lo is None and hi is None:
        if q in ("more_than", "at_least"):
            lo = v
        elif q in ("less_than", "at_most"):
            hi = v
        else:
            lo = hi = v
    value = c.value
    if c.kind == "fraction" or value == 0:
        slack = 0.0
    else:
        d = decimals.get(value, -1)
        if d == -1:
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
    if q == "range" and c.low is not None and c.high is not None:
        point = (c.low + c.high) / 2
    if c.change == "decrease":
        return -hi_f, -lo_f, -point
    return lo_f, hi_f, point


# --------------------------------------------------------------------------- grouping
class _Sig:
    """Claims identical for comparison purposes: same dimension, year, keys and vetoes."""

    __slots__ = ("dim", "tkey", "terms", "subj", "names", "dirs", "scope", "feats", "weights", "norm",
                 "subj_norm", "top")

    def __init__(self, f: _Feat) -> None:
        self.dim = f.dim
        self.tkey = f.tkey
        self.terms = f.terms
        self.subj = f.subj
        self.names = f.names
        self.dirs = f.dirs
        self.scope = f.scope
        self.feats: list[_Feat] = []


def _compatible(a: _Sig, b: _Sig) -> bool:
    # Different proper names on both sides: trade with Kazakhstan vs trade with Tajikistan.
    # (First: it is the veto that rejects most candidate pairs.)
    if not a.names <= b.terms and not b.names <= a.terms:
        return False
    # Opposing direction words: exports vs imports.
    if a.dirs != b.dirs:
        for x, y in _OPPOSITES:
            if (x in a.dirs and y in b.dirs and y not in a.dirs and x not in b.dirs) or (
                y in a.dirs and x in b.dirs and x not in a.dirs and y not in b.dirs
            ):
                return False
    # A different count scopes the figure: "21 projects worth" vs "55 projects worth".
    if a.scope and b.scope:
        sa, sb = dict(a.scope), dict(b.scope)
        for head, value in sa.items():
            if head in sb and sb[head] != value:
                return False
    shared = a.terms & b.terms
    if not shared:
        return False
    # Stated subjects that each say something the other does not: "Kadun's wheat harvest" vs
    # "Kadun's oil harvest". (One may refine the other: "trade" vs "bilateral trade".)
    if a.subj and b.subj and not a.subj <= b.subj and not b.subj <= a.subj:
        return False
    # Same entity, different measure ("X's investment in Y" vs "the budget of Y's programme"):
    # besides names, the two must share a common word (a count's noun is shared by its dimension).
    if a.dim[0] != "count":
        names = a.names | b.names
        common_a, common_b = a.terms - names, b.terms - names
        if common_a and common_b and common_a.isdisjoint(common_b):
            return False
    wa, wb = a.weights, b.weights
    if sum(wa[t] * wb[t] for t in shared) >= SUBJECT_THRESHOLD * a.norm * b.norm:
        return True
    # Both stated subjects: compare what the extractor says is measured, without clause noise.
    if a.subj and b.subj:
        shared = a.subj & b.subj
        return bool(shared) and sum(wa[t] * wb[t] for t in shared) >= SUBJECT_THRESHOLD * a.subj_norm * b.subj_norm
    return False


def _group(feats: list[_Feat]) -> list[list[_Feat]]:
    """Partition comparable claims into groups (lists of features, >= 2 sentences each)."""
    if not feats:
        return []
    sig_index: dict[tuple, _Sig] = {}
    for f in feats:
        key = (f.dim, f.tkey, f.terms, f.subj, f.dirs, f.scope, f.names)
        sig = sig_index.get(key)
        if sig is None:
            sig = sig_index[key] = _Sig(f)
        sig.feats.append(f)
    sigs = list(sig_index.values())  # insertion order follows the sorted claims: deterministic
    del sig_index

    # IDF over the claims' key sets (a signature stands for len(feats) claims).
    df: dict[str, int] = defaultdict(int)
    for s in sigs:
        k = len(s.feats)
        for t in s.terms:
            df[t] += k
    n = len(feats)
    idf = {t: 1.0 + math.log((n + 1) / (k + 1)) for t, k in df.items()}
    # Terms ranked rarest first (ties by spelling), and their alphabetical rank: integer sort keys
    # that order exactly as the strings do.
    by_rarity = sorted(idf, key=lambda t: (-idf[t], t))
    rarity = {t: r for r, t in enumerate(by_rarity)}
    alpha = {t: r for r, t in enumerate(sorted(idf))}
    rarest = by_rarity.__getitem__

    postings: dict[tuple, list[int]] = defaultdict(list)
    top_keys: list[tuple[int, ...]] = []
    for i, s in enumerate(sigs):
        names = s.names
        w = {t: idf[t] * (NAME_WEIGHT if t in names else 1.0) for t in s.terms}
        s.weights = w
        s.norm = math.sqrt(sum(x * x for x in w.values()))
        s.subj_norm = math.sqrt(sum(w[t] ** 2 for t in s.subj))
        top = list(map(rarest, sorted(map(rarity.__getitem__, s.terms))[:TOP_K]))
        if s.subj:
            top += [t for t in map(rarest, sorted(map(rarity.__getitem__, s.subj))[:TOP_K]) if t not in top]
        top_keys.append(tuple(map(alpha.__getitem__, top)))
        dim, tkey = s.dim, s.tkey
        for t in top:
            postings[(dim, t, tkey)].append(i)

    # Union-find on signature indices; a root is always the smallest index of its component.
    parent = list(range(len(sigs)))

    def find(i: int) -> int:
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    names_of = [s.names for s in sigs]
    terms_of = [s.terms for s in sigs]
    top_key = top_keys.__getitem__
    ordered_of: dict[tuple, list[int]] = {}  # large posting -> its signatures by rarest keys

    def ordered(key: tuple, members: list[int]) -> list[int]:
        hit = ordered_of.get(key)
        if hit is None:
            hit = ordered_of[key] = sorted(members, key=top_key)
        return hit

    # The names veto of _compatible (different proper names on both sides) rejects most
    # candidate pairs: it is checked inline, and _compatible is called only for the others.
    # Pass 1: same year (or both undated).
    for key, members in postings.items():
        m = len(members)
        if m < 2:
            continue
        large = m > MAX_POSTING
        run = ordered(key, members) if large else members
        for a in range(m - 1):
            i = run[a]
            ni, ti = names_of[i], terms_of[i]
            for j in run[a + 1 : a + 1 + WINDOW] if large else run[a + 1 :]:
                if ni <= terms_of[j] or names_of[j] <= ti:
                    ri, rj = find(i), find(j)
                    if ri != rj and _compatible(sigs[i], sigs[j]):
                        if ri < rj:
                            parent[rj] = ri
                        else:
                            parent[ri] = rj
    root_of = [find(i) for i in range(len(sigs))]
    dated = [s.tkey is not None for s in sigs]

    # Pass 2: undated signatures against dated ones, on the final components.
    attached: dict[int, set[int]] = defaultdict(set)  # undated root -> dated roots
    for key, members in postings.items():
        dim, term, tkey = key
        if tkey is None:
            continue
        undated_key = (dim, term, None)
        undated = postings.get(undated_key)
        if not undated:
            continue
        if len(members) * len(undated) <= MAX_POSTING * MAX_POSTING // 2:
            pairs: Iterable[tuple[int, int]] = [(i, j) for i in members for j in undated]
        else:
            # Stable sort of the concatenation == merge of the two stably sorted parts.
            both = sorted(ordered(key, members) + ordered(undated_key, undated), key=top_key)
            pairs = []
            n_both = len(both)
            for a in range(n_both - 1):
                i = both[a]
                di = dated[i]
                for j in both[a + 1 : a + 1 + WINDOW]:
                    if dated[j] != di:
                        pairs.append((i, j) if di else (j, i))
        for i, j in pairs:  # i dated, j undated
            if names_of[i] <= terms_of[j] or names_of[j] <= terms_of[i]:
                ri, rj = root_of[i], root_of[j]
                seen = attached[rj]
                if ri not in seen and _compatible(sigs[i], sigs[j]):
                    seen.add(ri)
    attached = {u: d for u, d in attached.items() if d}

    # Components of same-year (or all-undated) signatures.
    comps: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(root_of):
        comps[r].append(i)
    extra: dict[int, list[int]] = defaultdict(list)  # dated root -> undated roots attached
    for u_root, d_roots in attached.items():
        for d_root in d_roots:
            extra[d_root].append(u_root)

    groups: list[list[_Feat]] = []
    for root in sorted(comps):
        if not dated[root] and root in attached:
            continue  # shown within the dated groups it matches
        members = [f for i in comps[root] for f in sigs[i].feats]
        for u_root in sorted(extra.get(root, ())):
            members.extend(f for i in comps[u_root] for f in sigs[i].feats)
        if len(members) < 2:
            continue
        first = members[0].sent
        if all(f.sent == first for f in members):
            continue
        members.sort(key=_IDX)  # (doc, start, end) order: features are numbered in it
        groups.append(members)
    return groups


_IDX = attrgetter("idx")
_POINT = attrgetter("point")


# --------------------------------------------------------------------------- verdicts
def _worst_pair(members: list[_Feat], nan: bool = True) -> tuple[_Feat, _Feat] | None:
    """Two claims from different sentences with disjoint intervals, the widest gap first.

    ``nan``: some interval may have a NaN bound (max/min would skip it).
    """
    if not nan and max([f.lo for f in members]) <= min([f.hi for f in members]):
        return None  # every interval holds a common point: no disjoint pair
    best_lo: dict[tuple[str, str], _Feat] = {}
    best_hi: dict[tuple[str, str], _Feat] = {}
    for f in members:
        cur = best_lo.get(f.sent)
        if cur is None or f.lo > cur.lo:
            best_lo[f.sent] = f
        cur = best_hi.get(f.sent)
        if cur is None or f.hi < cur.hi:
            best_hi[f.sent] = f
    los = sorted(best_lo.values(), key=lambda f: -f.lo)[:2]
    his = sorted(best_hi.values(), key=lambda f: f.hi)[:2]
    best: tuple[float, _Feat, _Feat] | None = None
    for a in los:
        for b in his:
            if a.sent == b.sent or a.lo <= b.hi:
                continue
            gap = _spread([a.point, b.point])
            if best is None or gap > best[0]:
                best = (gap, a, b)
    return None if best is None else (best[1], best[2])


def _point(c: Claim) -> float:
    v = c.normalized_value
    if c.qualifier == "range" and c.low is not None and c.high is not None:
        v = (c.low + c.high) / 2
    return -v if c.change == "decrease" else v


def _spread(values: Sequence[float]) -> float:
    hi, lo = max(values), min(values)
    denom = max(abs(hi), abs(lo))
    return 0.0 if denom == 0 else (hi - lo) / denom


_TEN_POW = [10.0 ** -k for k in range(7)]


def _decimals(value: float) -> int | None:
    """Digits after the point in the shortest repr of ``value`` (None: not a written figure)."""
    r = repr(float(value))
    dot = r.find(".")
    if dot < 0 or "e" in r:
        return None
    decimals = 0 if r.endswith(".0") else len(r) - dot - 1
    return decimals if decimals <= 6 else None


def _years(members: list[_Feat]) -> tuple[str, list[str]]:
    times = [f.claim.time for f in members]
    dated = sorted({t for t in times if t})
    undated = sum(1 for t in times if not t)
    notes: list[str] = []
    if not dated:
        return "unstated", notes
    text = ", ".join(dated)
    if len({_time_key(t) for t in dated}) == 1 and len(dated) > 1:
        notes.append(f"dates differ within {_time_key(dated[0])}: {text}")
    if undated:
        noun = "figure" if undated == 1 else "figures"
        text += f" and {undated} undated {noun} (lower confidence)"
        notes.append(f"{undated} undated {noun} compared with {', '.join(dated)}: lower confidence")
    return text, notes


def _why(a: _Feat, b: _Feat, tolerance: float) -> str:
    quals = {a.claim.qualifier, b.claim.qualifier}
    if "approximately" in quals:
        return f"beyond ±{tolerance:.0%} for 'about'"
    for f in (a, b):
        if f.claim.qualifier in ("more_than", "at_least", "less_than", "at_most", "range"):
            other = b if f is a else a
            return f"{format_value(other.claim)} is outside '{stated(f.claim)}'"
    return "the figures as written differ"


def _subject_label(members: list[_Feat]) -> str:
    subjects: dict[str, int] = {}
    for f in members:
        s = f.claim.subject
        if s:
            subjects[s] = subjects.get(s, 0) + 1
    if len(subjects) == 1:
        return next(iter(subjects))
    if subjects:
        return min(subjects, key=lambda s: (-subjects[s], len(s), s))
    left, right, _ = _clause(members[0].claim)
    label = f"{left.strip()} … {right.strip()}".strip(" …")
    return label if len(label) <= 90 else label[:89] + "…"


def _build_conflict(members: list[_Feat], tolerance: float, min_spread: float, nan: bool = True) -> Conflict:
    claims = tuple([f.claim for f in members])
    gid = "g" + hashlib.blake2b("\n".join([c.id for c in claims]).encode(), digest_size=8).hexdigest()  # 64 bits: no collision in practice at millions of groups
    points = [f.point for f in members]
    spread = _spread(points)
    years, notes = _years(members)
    docs = {c.doc for c in claims}
    if len(docs) == 1:
        notes.append("all figures come from one document")
    dim = members[0].dim
    kind = "percent" if dim[0] == "percent" else dim[0]
    pair = _worst_pair(members, nan)
    conflicting = pair is not None
    if pair is not None:
        a, b = pair  # a.lo > b.hi
        low, high = sorted((b, a), key=_POINT)
        pair_spread = _spread([a.point, b.point])
        reason = (
            f"{format_value(low.claim)} vs {format_value(high.claim)}: {_pct(pair_spread)} apart, "
            f"{_why(a, b, tolerance)}; years: {years}"
        )
        if spread < min_spread:
            conflicting = False
            reason += f"; not flagged: spread {_pct(spread)} is below the minimum {_pct(min_spread)}"
    else:
        order = sorted(range(len(points)), key=points.__getitem__)
        first, last = order[0], order[-1]
        shown = format_value(claims[first])
        if points[last] != points[first]:
            shown += f" to {format_value(claims[last])}"
        where = f"{len(docs)} documents" if len(docs) > 1 else "1 document"
        reason = f"{len(claims)} figures agree ({shown}); confirmed by {where}; years: {years}"
    tkeys = {f.tkey for f in members if f.tkey}
    return Conflict(
        id=gid,
        subject=_subject_label(members),
        kind=kind,
        claims=claims,
        relative_spread=round(spread, 6),
        reason=reason,
        conflicting=conflicting,
        unit=dim[1],
        time=next(iter(tkeys)) if len(tkeys) == 1 else None,
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- formatting
def _pct(x: float) -> str:
    p = x * 100
    if p >= 10 or p == 0 or abs(p - round(p)) < 1e-9:
        return f"{p:.0f}%"
    return f"{p:.2g}%"


def _short(x: float) -> str:
    if (x == int(x) or abs(x) >= 1000) and abs(x) < 1e15:
        return f"{round(x):,}"
    s = f"{x:.4g}"
    return s if "e" not in s else f"{x:g}"


def _human(x: float) -> str:
    a = abs(x)
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if a >= scale:
            return f"{_short(x / scale)} {word}"
    return _short(x)
