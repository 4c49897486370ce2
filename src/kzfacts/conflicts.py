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

import gc
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
_CLAUSE_BOUNDARY_REVERSED = re.compile(r"[;:()\[\]\"“”«»—…]|\s,|\s[-–]\s|\s[.!?]")
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
    # Millions of small objects and no cycles: the cyclic GC would only rescan them.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        unique = _dedupe(claims)
        feats = _features(unique, tolerance)
        groups = _group(feats)
        built = [_build_conflict(members, tolerance, min_spread) for members in groups]
    finally:
        if gc_was_enabled:
            gc.enable()
    built.sort(key=lambda g: (not g.conflicting, -g.relative_spread, g.id))
    return ConflictAnalysis(groups=built, claims_read=len(unique))


def claim_interval(claim: Claim, tolerance: float = 0.10) -> tuple[float, float]:
    """The closed interval a claim allows, in normalized units (signed for a decrease)."""
    v = claim.normalized_value
    q = claim.qualifier
    lo, hi = claim.low, claim.high
    if lo is None and hi is None:
        if q in ("more_than", "at_least"):
            lo = v
        elif q in ("less_than", "at_most"):
            hi = v
        else:
            lo = hi = v
    slack = _rounding_slack(claim)
    if q == "approximately":
        lo_f = -math.inf if lo is None else lo - max(abs(lo) * tolerance, slack)
        hi_f = math.inf if hi is None else hi + max(abs(hi) * tolerance, slack)
    else:
        lo_f = -math.inf if lo is None else lo - slack
        hi_f = math.inf if hi is None else hi + slack
    if claim.change == "decrease":
        lo_f, hi_f = -hi_f, -lo_f
    return lo_f, hi_f


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
    """What the grouping needs to know about one claim."""

    __slots__ = ("claim", "dim", "tkey", "terms", "subj", "names", "dirs", "scope", "sent", "lo", "hi", "clause")

    def __init__(self, claim: Claim) -> None:
        self.claim = claim


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    ordered = sorted(claims, key=lambda c: (c.doc, c.start, c.end, c.kind, c.normalized_value, c.text))
    out: list[Claim] = []
    last: tuple[str, int, int] | None = None
    for c in ordered:
        key = (c.doc, c.start, c.end)
        if key != last:
            out.append(c)
            last = key
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


def _clause(claim: Claim) -> tuple[str, str, bool]:
    """(text left of the number, text right of it) within its clause; whether left opens the sentence."""
    s = claim.sentence
    pos = _locate(claim)
    if pos < 0:
        return s, "", True
    left = s[:pos]
    right = s[pos + len(claim.text):]
    m = _CLAUSE_BOUNDARY_REVERSED.search(left[::-1])  # the last boundary on the left
    cut = len(left) - m.start() if m else 0
    m2 = _CLAUSE_BOUNDARY.search(right)
    return left[cut:], right[: m2.start()] if m2 else right, cut == 0


@lru_cache(maxsize=1 << 16)
def _scan(text: str, opening: bool) -> tuple[tuple[str, ...], frozenset[str], str | None]:
    """Content stems of ``text``, the stems of its proper names, and the stem of a capitalized
    opening word when ``text`` opens a sentence (a name only if the corpus capitalizes it
    elsewhere: "Khorgos has ..." vs "Exports rose ...")."""
    stems: list[str] = []
    names: set[str] = set()
    first = None
    for i, w in enumerate(_WORD.findall(text)):
        st = _stem(w)
        if st in _STOP or len(st) < 2:
            continue
        stems.append(st)
        if w[0].isupper():
            if i == 0 and opening and not (len(w) > 1 and w[1].isupper()):
                first = st
            else:
                names.add(st)
    return tuple(stems), frozenset(names), first


def _features(claims: Sequence[Claim], tolerance: float) -> list[_Feat]:
    # Counts in each sentence: the scope of the other figures there ("21 projects worth ...").
    sentence_counts: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for c in claims:
        if c.kind == "count":
            head = _noun_head(c.noun)
            if head is not None:
                sentence_counts[(c.doc, c.sentence)].setdefault(head, c.normalized_value)

    feats: list[_Feat] = []
    corpus_names: set[str] = set()
    openers: list[tuple[_Feat, str]] = []
    for c in claims:
        dim = _dimension(c)
        if dim is None:
            continue
        f = _Feat(c)
        f.dim = dim
        f.tkey = _time_key(c.time)
        left, right, opening = _clause(c)
        lt, ln, first = _scan(left, opening)
        rt, rn, _ = _scan(right, False)
        clause_terms = lt + rt
        names = ln | rn
        if len(clause_terms) < 2:  # "..., totaling $12 billion": the clause says nothing
            pos = _locate(c)
            rest = c.sentence if pos < 0 else c.sentence[:pos] + " " + c.sentence[pos + len(c.text):]
            clause_terms, names, first = _scan(rest, True)
        subject_terms: tuple[str, ...] = ()
        if c.subject:
            subject_terms, sn, _ = _scan(c.subject, False)
            names = names | sn
        noun_terms = _scan(c.noun, False)[0][:-1] if c.noun else ()
        terms = set(clause_terms) | set(subject_terms) | set(noun_terms)
        if c.kind == "count":
            terms.discard(dim[1])
        f.terms = frozenset(terms)
        # The stated subject as its own view, without the counted noun (already in the
        # dimension): a count's subject is often just its noun ("people"), which says nothing.
        f.subj = frozenset(subject_terms + noun_terms) - {dim[1]} if c.kind == "count" else frozenset(subject_terms)
        if first is not None:
            openers.append((f, first))
        f.names = frozenset(terms & names)
        corpus_names |= names
        f.dirs = frozenset(terms & _DIRECTION_WORDS)
        counts = sentence_counts.get((c.doc, c.sentence))
        if counts and c.kind != "count":
            f.scope = frozenset(counts.items())
        else:
            f.scope = frozenset()
        f.sent = (c.doc, c.sentence)
        f.lo, f.hi = claim_interval(c, tolerance)
        f.clause = (left, right)
        feats.append(f)
    for f, first in openers:  # "Khorgos has ...": a name because the corpus capitalizes it mid-sentence
        if first in corpus_names and first in f.terms:
            f.names = f.names | {first}
    return feats


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
    # Different proper names on both sides: trade with Kazakhstan vs trade with Tajikistan.
    if (a.names - b.terms) and (b.names - a.terms):
        return False
    shared = a.terms & b.terms
    if not shared:
        return False
    # Stated subjects that each say something the other does not: "Kadun's wheat harvest" vs
    # "Kadun's oil harvest". (One may refine the other: "trade" vs "bilateral trade".)
    if a.subj and b.subj and (a.subj - b.subj) and (b.subj - a.subj):
        return False
    # Same entity, different measure ("X's investment in Y" vs "the budget of Y's programme"):
    # besides names, the two must share a common word (a count's noun is shared by its dimension).
    if a.dim[0] != "count":
        names = a.names | b.names
        common_a, common_b = a.terms - names, b.terms - names
        if common_a and common_b and not (common_a & common_b):
            return False
    wa, wb = a.weights, b.weights
    if sum(wa[t] * wb[t] for t in shared) >= SUBJECT_THRESHOLD * a.norm * b.norm:
        return True
    # Both stated subjects: compare what the extractor says is measured, without clause noise.
    if a.subj and b.subj:
        shared = a.subj & b.subj
        return bool(shared) and sum(wa[t] * wb[t] for t in shared) >= SUBJECT_THRESHOLD * a.subj_norm * b.subj_norm
    return False


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        p = self.parent
        root = i
        while p[root] != root:
            root = p[root]
        while p[i] != root:
            p[i], i = root, p[i]
        return root

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            if ri < rj:
                self.parent[rj] = ri
            else:
                self.parent[ri] = rj


def _candidate_pairs(
    sigs: list[_Sig], members: list[int], others: list[int] | None = None
) -> Iterator[tuple[int, int]]:
    """Pairs to compare in one posting: all of them when it is small, else a sorted neighbourhood.

    With ``others`` (the undated signatures of the same posting), only (member, other) pairs.
    A large posting (a term that is not selective in this dimension and year) is sorted by
    each signature's rarest keys and each signature is compared with the next ``WINDOW``
    ones: similar subjects sort next to each other, and union-find chains them.
    """
    if others is None:
        if len(members) <= MAX_POSTING:
            for a in range(len(members)):
                i = members[a]
                for b in range(a + 1, len(members)):
                    yield i, members[b]
            return
        ordered = sorted(members, key=lambda i: sigs[i].top)
        for a in range(len(ordered)):
            i = ordered[a]
            for j in ordered[a + 1 : a + 1 + WINDOW]:
                yield i, j
        return
    if len(members) * len(others) <= MAX_POSTING * MAX_POSTING // 2:
        for i in members:
            for j in others:
                yield i, j
        return
    dated = set(members)
    ordered = sorted(members + others, key=lambda i: sigs[i].top)
    for a in range(len(ordered)):
        i = ordered[a]
        for j in ordered[a + 1 : a + 1 + WINDOW]:
            if (i in dated) != (j in dated):
                yield (i, j) if i in dated else (j, i)


def _group(feats: list[_Feat]) -> list[list[_Feat]]:
    """Partition comparable claims into groups (lists of features, >= 2 sentences each)."""
    if not feats:
        return []
    # IDF over the claims' key sets.
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.terms)
    n = len(feats)
    idf = {t: 1.0 + math.log((n + 1) / (k + 1)) for t, k in df.items()}

    sig_index: dict[tuple, _Sig] = {}
    for f in feats:
        key = (f.dim, f.tkey, f.terms, f.subj, f.dirs, f.scope, f.names)
        sig = sig_index.get(key)
        if sig is None:
            sig = sig_index[key] = _Sig(f)
        sig.feats.append(f)
    sigs = list(sig_index.values())  # insertion order follows the sorted claims: deterministic
    for s in sigs:
        s.weights = {t: idf[t] * (NAME_WEIGHT if t in s.names else 1.0) for t in s.terms}
        s.norm = math.sqrt(sum(w * w for w in s.weights.values()))
        s.subj_norm = math.sqrt(sum(s.weights[t] ** 2 for t in s.subj))
        top = sorted(s.terms, key=lambda t: (-idf[t], t))[:TOP_K]
        top += [t for t in sorted(s.subj, key=lambda t: (-idf[t], t))[:TOP_K] if t not in top]
        s.top = top

    postings: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(sigs):
        for t in s.top:
            postings[(s.dim, t, s.tkey)].append(i)

    uf = _UnionFind(len(sigs))
    find, union = uf.find, uf.union
    # Pass 1: same year (or both undated).
    for members in postings.values():
        for i, j in _candidate_pairs(sigs, members):
            if find(i) != find(j) and _compatible(sigs[i], sigs[j]):
                union(i, j)
    # Pass 2: undated signatures against dated ones, on the final components.
    attached: dict[int, set[int]] = defaultdict(set)  # undated root -> dated roots
    for (dim, term, tkey), members in postings.items():
        if tkey is None:
            continue
        undated = postings.get((dim, term, None))
        if not undated:
            continue
        for i, j in _candidate_pairs(sigs, members, undated):
            ri, rj = find(i), find(j)  # i dated, j undated
            if ri not in attached[rj] and _compatible(sigs[i], sigs[j]):
                attached[rj].add(ri)
    attached = {u: d for u, d in attached.items() if d}

    # Components of same-year (or all-undated) signatures.
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sigs)):
        comps[uf.find(i)].append(i)
    extra: dict[int, list[int]] = defaultdict(list)  # dated root -> undated roots attached
    for u_root, d_roots in attached.items():
        for d_root in d_roots:
            extra[d_root].append(u_root)

    groups: list[list[_Feat]] = []
    for root in sorted(comps):
        if sigs[root].tkey is None and root in attached:
            continue  # shown within the dated groups it matches
        members = [f for i in comps[root] for f in sigs[i].feats]
        for u_root in sorted(extra.get(root, ())):
            members.extend(f for i in comps[u_root] for f in sigs[i].feats)
        if len({f.sent for f in members}) < 2:
            continue
        members.sort(key=lambda f: (f.claim.doc, f.claim.start, f.claim.end))
        groups.append(members)
    return groups


# --------------------------------------------------------------------------- verdicts
def _worst_pair(members: list[_Feat]) -> tuple[_Feat, _Feat] | None:
    """Two claims from different sentences with disjoint intervals, the widest gap first."""
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
            gap = _spread([_point(a.claim), _point(b.claim)])
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


def _rounding_slack(c: Claim) -> float:
    """Half a unit in the last digit written, in normalized units (0 for fractions)."""
    if c.kind == "fraction" or c.value == 0:
        return 0.0
    decimals = _decimals(c.value)
    if decimals is None:
        return 0.0
    scale = abs(c.normalized_value / c.value) if c.normalized_value else 1.0
    return 0.5 * _TEN_POW[decimals] * scale


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
    subjects = Counter(f.claim.subject for f in members if f.claim.subject)
    if subjects:
        return min(subjects, key=lambda s: (-subjects[s], len(s), s))
    f = members[0]
    left, right = f.clause
    label = f"{left.strip()} … {right.strip()}".strip(" …")
    return label if len(label) <= 90 else label[:89] + "…"


def _build_conflict(members: list[_Feat], tolerance: float, min_spread: float) -> Conflict:
    claims = tuple(f.claim for f in members)
    gid = "g" + hashlib.blake2b("\n".join(c.id for c in claims).encode(), digest_size=5).hexdigest()
    spread = _spread([_point(c) for c in claims])
    years, notes = _years(members)
    docs = sorted({c.doc for c in claims})
    if len(docs) == 1:
        notes.append("all figures come from one document")
    dim = members[0].dim
    kind = "percent" if dim[0] == "percent" else dim[0]
    pair = _worst_pair(members)
    conflicting = pair is not None
    if pair is not None:
        a, b = pair  # a.lo > b.hi
        low, high = sorted((b, a), key=lambda f: _point(f.claim))
        pair_spread = _spread([_point(a.claim), _point(b.claim)])
        reason = (
            f"{format_value(low.claim)} vs {format_value(high.claim)}: {_pct(pair_spread)} apart, "
            f"{_why(a, b, tolerance)}; years: {years}"
        )
        if spread < min_spread:
            conflicting = False
            reason += f"; not flagged: spread {_pct(spread)} is below the minimum {_pct(min_spread)}"
    else:
        values = sorted(claims, key=_point)
        shown = format_value(values[0])
        if _point(values[-1]) != _point(values[0]):
            shown += f" to {format_value(values[-1])}"
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
