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
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, product, repeat
from operator import attrgetter, mul

from kzfacts.model import Claim, Conflict

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
SUBJECT_THRESHOLD = 0.5
#: Proper names (capitalized mid-sentence, acronyms) weigh this much more: news figures are
#: about named places and bodies ("Khorgos", "GDP", "SCO").
NAME_WEIGHT = 2.0
#: Postings (one key, one dimension, one year) with more signatures than this are compared
#: by sorted neighbourhood (each with the next ``WINDOW``) instead of all pairs: a guard against
#: quadratic work on a key shared by many claims that have nothing rarer.
MAX_POSTING = 64
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
#: direction word -> the words opposed to it ("loss": profit, gain)
_OPPOSED: dict[str, frozenset[str]] = {
    w: frozenset(y for pair in _OPPOSITES if w in pair for y in pair if y != w) for w in _DIRECTION_WORDS}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CLAUSE_BOUNDARY = re.compile(r"[;:()\[\]\"“”«»—…]|,\s|\s[-–]\s|[.!?]\s")
_ONE_OF = re.compile(r"one\s+of\b", re.IGNORECASE)
# The same boundaries read backwards (", " is " ," there), matched at their punctuation mark so
# that the regex engine skips letters and spaces in C; a mark that needs a space ("," "." "-")
# checks the character before it in the reversed text.
_CLAUSE_BOUNDARY_REVERSED = re.compile(
    r"[;:()\[\]\"“”«»—…,.!?\-–](?:(?<=[;:()\[\]\"“”«»—…])|(?<=\s[,.!?])|(?<=\s[-–])(?=\s))")
_PAIRED_MARKS = frozenset(",.!?-–")  # boundaries of two characters: the mark and a space
_NO_NAMES = repeat(())  # (names.get's default, for map)
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
    rows, sigs = _features(unique, tolerance)
    groups = _group(sigs, rows)
    built = _verdicts(groups, rows, tolerance, min_spread)
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
_DEDUPE_KEY = attrgetter("doc", "start", "end", "kind", "normalized_value", "text")
_ID, _DOC, _TIME, _SUBJECT = attrgetter("id"), attrgetter("doc"), attrgetter("time"), attrgetter("subject")
_EMPTY: frozenset = frozenset()


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


def _dimension(
    kind: str, change: str | None, normalized_unit: str | None, unit: str | None, noun: str | None
) -> tuple[str, str | None, str] | None:
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


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause that holds ``sentence[pos]`` starts: after the last boundary left of it."""
    if not pos:
        return 0
    backwards = sentence[pos - 1 :: -1]
    m = _CLAUSE_BOUNDARY_REVERSED.search(backwards)
    if m is None:
        return 0
    i = m.start()
    return pos - i + (backwards[i] in _PAIRED_MARKS)  # after the space of ", " (" ," backwards)


def _cut_left(left: str) -> tuple[str, bool]:
    """The clause part of the text left of the number; whether it opens the sentence."""
    cut = _clause_start(left, len(left))
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


class _Vocabulary(dict):
    """chunk -> the stems of its content words, in order (``names`` and ``leads`` are filled too).

    A chunk is a whitespace-separated piece of text ("Kazakhstan's", "2023,", "(SCO)"). ``_WORD``
    never matches whitespace, so the words of a text are the words of its chunks, and each
    distinct chunk is read once. This is the only memo of the features, and it is keyed by
    single chunks, never by a clause or subject: news repeats its vocabulary (Zipf's law), so
    nearly every chunk of a large corpus has been seen before, while its clauses rarely repeat.
    """

    __slots__ = ("leads", "names")

    def __init__(self) -> None:
        super().__init__()
        #: chunk -> the stems of its capitalized content words (proper names, acronyms), for the
        #: chunks that have some
        self.names: dict[str, tuple[str, ...]] = {}
        #: chunk -> its first word as the first word of a sentence: None (the chunk has no word),
        #: False (a stop word, lower case or an acronym: nothing changes), or (its stem, the names
        #: among the chunk's other words) for a capitalized content word, which alone says nothing
        #: about being a name ("Exports rose ...").
        self.leads: dict[str, tuple[str, tuple[str, ...]] | bool | None] = {}

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        words = []
        for w in _WORD.findall(chunk):
            st = _stem(w)
            words.append((None if st in _STOP or len(st) < 2 else st, w[0].isupper(), len(w) > 1 and w[1].isupper()))
        stems = self[chunk] = tuple([st for st, _, _ in words if st is not None])
        names = tuple([st for st, upper, _ in words if st is not None and upper])
        if names:
            self.names[chunk] = names
        lead: tuple[str, tuple[str, ...]] | bool | None = None
        if words:
            st, upper, upper2 = words[0]
            lead = False
            if st is not None and upper and not upper2:
                lead = (st, tuple([s for s, u, _ in words[1:] if s is not None and u]))
        self.leads[chunk] = lead
        return stems

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
        if pos < 0:
            chunks = sentence.split()
            n_open = len(chunks)
            stems = {st for ch in chunks for st in self[ch]}
        else:
            end = pos + len(text)
            cut = _clause_start(sentence, pos)
            chunks = sentence[cut:pos].split()
            n_open = 0 if cut else len(chunks)
            m = _CLAUSE_BOUNDARY.search(sentence, end)
            chunks += sentence[end : m.start() if m else len(sentence)].split()
            stems = {st for ch in chunks for st in self[ch]}
            if len(stems) < 2 and sum([len(self[ch]) for ch in chunks]) < 2:
                chunks = sentence[:pos].split() + sentence[end:].split()
                n_open = len(chunks)
                stems = {st for ch in chunks for st in self[ch]}
        first, names = self._opening(chunks, n_open) if n_open else (None, ())
        if first is not None:
            chunks = chunks[chunks.index(first[1]) + 1 :]
            first = first[0]
        if subject:
            subject_chunks = subject.split()
            subj = {st for ch in subject_chunks for st in self[ch]}
            stems |= subj
            chunks = chunks + subject_chunks
        else:
            subj = set()
        names_of = self.names
        named = names_of.keys() & chunks  # the few chunks with names, found in C
        return stems, subj, {st for ch in named for st in names_of[ch]}.union(names), first

    def _opening(self, chunks: list[str], n_open: int) -> tuple[tuple[str, str] | None, tuple[str, ...]]:
        """((stem, chunk) of the sentence's first word if it is a capitalized content word, the
        names among the rest of that chunk), looked for in the first ``n_open`` chunks."""
        leads = self.leads
        for ch in chunks[:n_open]:
            lead = leads[ch]
            if lead is not None:  # the first word
                if lead:
                    return (lead[0], ch), lead[1]  # type: ignore[index]
                break
        return None, ()


class _Rows:
    """The comparable claims, in (doc, start, end) order, as columns: one list per field rather
    than one object per claim (a million claims make no million objects to allocate and for
    the garbage collector to track)."""

    __slots__ = ("claims", "hi", "lo", "point", "sent", "sig")

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.sent: list[int] = []  # number of the claim's sentence (same document, same text)
        self.lo: list[float] = []  # the interval (claim_interval)
        self.hi: list[float] = []
        self.point: list[float] = []  # the point value (_point)
        self.sig: list[int] = []  # number of the claim's signature


class _Sig:
    """Claims identical for comparison purposes: same dimension, year, keys and vetoes."""

    __slots__ = ("dim", "dirs", "names", "norm", "scope", "size", "subj", "subj_norm", "terms", "tkey", "weights")

    def __init__(self, key: tuple, set_of: list[frozenset[str]]) -> None:
        """From a key of set numbers (see ``_features``); ``set_of``: number -> set, each distinct
        set once (the signatures of one measure in other years, or of one place, share theirs)."""
        self.dim, self.tkey, terms, subj, dirs, self.scope, names, _ = key
        self.terms = set_of[terms]
        self.subj = set_of[subj]
        self.names = set_of[names]
        self.dirs = set_of[dirs]
        self.size = 0  # how many claims


def _sentence_counts(claims: Sequence[Claim]) -> dict[str, dict[str, dict[str, float]]]:
    """doc -> sentence -> {noun head: value} of its counts: the scope of the other figures there
    ("21 projects worth $12 billion")."""
    counts: dict[str, dict[str, dict[str, float]]] = {}
    for c in claims:
        if c.kind == "count":
            head = _noun_head(c.noun)
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
    counts = _sentence_counts(claims)
    vocab = _Vocabulary()
    read_keys, opening = vocab.keys, vocab._opening
    chunk_stems, names_get = vocab.__getitem__, vocab.names.get
    rev_search, next_search = _CLAUSE_BOUNDARY_REVERSED.search, _CLAUSE_BOUNDARY.search
    chain_from = chain.from_iterable
    paired = _PAIRED_MARKS
    rows = _Rows()
    add_claim, add_sent, add_lo, add_hi, add_point = (
        rows.claims.append, rows.sent.append, rows.lo.append, rows.hi.append, rows.point.append)
    dims: dict[tuple, tuple[str, str | None, str] | None] = {}
    sigs: dict[tuple, int] = {}  # provisional key (with the opening word) -> its number
    set_ids: dict[frozenset[str], int] = {_EMPTY: 0}  # each distinct key set -> its number
    set_id = set_ids.setdefault
    provisional = []  # row -> provisional signature
    add_provisional = provisional.append
    names_seen: set[str] = set()
    decimals: dict[float, int | None] = {}
    scopes: dict[str, tuple[tuple[str, float], ...]] = {}  # this document's sentence -> its scope
    doc_sents: dict[str, int] = {}  # this document's sentence -> its number
    doc = None
    n_sents = 0
    inf = math.inf
    for c in claims:
        dkey = (c.kind, c.change, c.normalized_unit, c.unit, c.noun)
        dim = dims.get(dkey, dkey)
        if dim is dkey:
            dim = dims[dkey] = _dimension(*dkey)
        if dim is None:
            continue
        text = c.text
        if dim[0] == "count" and _ONE_OF.match(text):  # "one of the largest": not a count
            continue
        s = c.sentence
        subject = c.subject
        # The clause and subject as ``_Vocabulary.keys`` reads them, inline for the common case
        # (the figure found in its sentence, a clause of >= 2 content words); else keys() itself.
        pos = s.find(text) if text else -1
        if pos < 0:
            terms, subj, names, first = read_keys(s, text, subject)
        else:
            if pos:
                back = s[pos - 1 :: -1]
                m = rev_search(back)
                cut = 0 if m is None else pos - (i := m.start()) + (back[i] in paired)
            else:
                cut = 0
            end = pos + len(text)
            m = next_search(s, end)
            left = s[cut:pos].split()
            chunks = left + s[end : m.start() if m else len(s)].split()
            terms = set(chain_from(map(chunk_stems, chunks)))
            if len(terms) < 2 and sum(map(len, map(chunk_stems, chunks))) < 2:
                terms, subj, names, first = read_keys(s, text, subject)
            else:
                first = None
                opening_names: tuple[str, ...] = ()
                if not cut and left:
                    lead, opening_names = opening(left, len(left))
                    if lead is not None:
                        chunks = chunks[chunks.index(lead[1]) + 1 :]
                        first = lead[0]
                if subject:
                    subject_chunks = subject.split()
                    subj = set(chain_from(map(chunk_stems, subject_chunks)))
                    terms |= subj
                    chunks += subject_chunks
                else:
                    subj = set()
                names = set(chain_from(map(names_get, chunks, _NO_NAMES)))
                if opening_names:
                    names.update(opening_names)
        if c.noun:
            _add_noun(vocab, c.noun, dim, terms, subj)
        names_seen |= names
        # (the names are among the keys, unless a count's noun head left them: see _add_noun)
        named = (terms & names if c.noun else names) or _EMPTY
        dirs = _EMPTY if _DIRECTION_WORDS.isdisjoint(terms) else _DIRECTION_WORDS & terms
        if c.doc != doc:
            doc = c.doc
            scopes = {sentence: tuple(sorted(heads.items())) for sentence, heads in counts.get(doc, {}).items()}
            doc_sents = {}
        # The key sets as frozensets (built and hashed in C, no sort), each distinct one numbered
        # once: the key is a tuple of numbers and strings, which the GC stops tracking, and the
        # signature shares the numbered set.
        key_terms = frozenset(terms)
        n_terms = set_id(key_terms, len(set_ids))
        t = c.time
        key = (dim, (t if len(t) == 4 else _time_key(t)) if t else None,  # (_time_key: a year is itself)
               n_terms, (n_terms if subj == terms else set_id(frozenset(subj), len(set_ids))) if subj else 0,
               set_id(dirs, len(set_ids)) if dirs else 0, () if dim[0] == "count" else scopes.get(s, ()),
               set_id(frozenset(named), len(set_ids)) if named else 0, first if first in terms else None)
        add_provisional(sigs.setdefault(key, len(sigs)))
        sent = doc_sents.setdefault(s, n_sents)
        if sent == n_sents:
            n_sents += 1
        add_claim(c)
        add_sent(sent)
        # The interval and point value (_interval_point), inline.
        v = c.normalized_value
        q = c.qualifier
        lo = lo0 = c.low
        hi = hi0 = c.high
        if lo is None and hi is None:
            if q in ("more_than", "at_least"):
                lo = v
            elif q in ("less_than", "at_most"):
                hi = v
            else:
                lo = hi = v
        value = c.value
        if value == 0 or c.kind == "fraction":
            slack = 0.0
        else:
            d = decimals.get(value, -1)
            if d == -1:
                d = decimals[value] = _decimals(value)
            slack = 0.0 if d is None else 0.5 * _TEN_POW[d] * (abs(v / value) if v else 1.0)
        if q == "approximately":
            lo_f = -inf if lo is None else lo - max(abs(lo) * tolerance, slack)
            hi_f = inf if hi is None else hi + max(abs(hi) * tolerance, slack)
        else:
            lo_f = -inf if lo is None else lo - slack
            hi_f = inf if hi is None else hi + slack
        if q == "range" and lo0 is not None and hi0 is not None:
            v = (lo0 + hi0) / 2
        if c.change == "decrease":
            add_lo(-hi_f)
            add_hi(-lo_f)
            add_point(-v)
        else:
            add_lo(lo_f)
            add_hi(hi_f)
            add_point(v)
    final, final_of = _final_signatures(sigs, names_seen, set_ids)
    rows.sig = list(map(final_of.__getitem__, provisional))
    for i, n in Counter(rows.sig).items():
        final[i].size = n
    return rows, final


def _add_noun(
    vocab: _Vocabulary, noun: str, dim: tuple[str, str | None, str], terms: set[str], subj: set[str]
) -> None:
    """Add a counted noun's words but its head (the last) to a claim's keys. For a count the head
    is the dimension: then it is no key at all, and the noun's other words are its stated subject."""
    noun_terms = [st for ch in noun.split() for st in vocab[ch]][:-1]
    terms.update(noun_terms)
    if dim[0] == "count":
        head = dim[1]
        terms.discard(head)
        subj.update(noun_terms)
        subj.discard(head)


def _final_signatures(provisional: dict[tuple, int], names_seen: set[str],
                      set_ids: dict[frozenset[str], int]) -> tuple[list[_Sig], list[int]]:
    """Signatures once every claim was read, and the final number of each provisional one: a
    capitalized opening word is a name when the corpus capitalizes it elsewhere ("Khorgos
    has ..."), which may make two keys one. Ordered by first claim: deterministic. ``set_ids``:
    the numbered key sets (see ``_features``)."""
    set_of = list(set_ids)  # number -> set
    final: dict[tuple, int] = {}
    sigs: list[_Sig] = []
    final_of: list[int] = []
    for key in provisional:  # in order of number
        first = key[7]
        if first is not None:
            n_names = key[6]
            if first in names_seen:
                names = set_of[n_names] | {first}
                n_names = set_ids.get(names)
                if n_names is None:
                    n_names = set_ids[names] = len(set_of)
                    set_of.append(names)
            key = (*key[:6], n_names, None)  # noqa: PLW2901
        number = final.setdefault(key, len(sigs))
        if number == len(sigs):
            sigs.append(_Sig(key, set_of))
        final_of.append(number)
    return sigs, final_of


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
def _compatible(a: _Sig, b: _Sig) -> bool:
    # Different proper names on both sides: trade with Kazakhstan vs trade with Tajikistan.
    # (First: it is the veto that rejects most candidate pairs.)
    if not a.names <= b.terms and not b.names <= a.terms:
        return False
    # Opposing direction words, each on one side only: exports vs imports.
    if a.dirs is not b.dirs and a.dirs != b.dirs:
        only_b = b.dirs - a.dirs
        if only_b:
            for x in a.dirs - b.dirs:
                if not _OPPOSED[x].isdisjoint(only_b):
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
    wa, wb = a.weights.__getitem__, b.weights.__getitem__
    if sum(map(mul, map(wa, shared), map(wb, shared))) >= SUBJECT_THRESHOLD * a.norm * b.norm:
        return True
    # Both stated subjects: compare what the extractor says is measured, without clause noise.
    if a.subj and b.subj:
        shared = a.subj & b.subj
        return bool(shared) and (
            sum(map(mul, map(wa, shared), map(wb, shared))) >= SUBJECT_THRESHOLD * a.subj_norm * b.subj_norm)
    return False


#: A vector's suffix (in rarity order) whose squared norm is below this share of the whole
#: cannot reach SUBJECT_THRESHOLD alone (margin for rounding: a longer prefix is always safe).
_PREFIX_SHARE = SUBJECT_THRESHOLD * SUBJECT_THRESHOLD * (1 - 1e-9)
_TWOS = repeat(2)
#: (dated, undated) postings of one key beyond this many pairs are compared by sorted neighbourhood.
_MAX_CROSS = MAX_POSTING * MAX_POSTING // 2


def _prefix(ordered: list[str], weights: dict[str, float]) -> list[str]:
    """The leading terms of ``ordered`` (rarest first) that any vector at cosine >= SUBJECT_THRESHOLD
    with this one must share: the shortest prefix after which the rest is too light to reach it.

    Why it is complete: if cos(a, b) >= t, the rarest term they share is in both prefixes (were
    it not in a's, every shared term would be in a's suffix, and by Cauchy-Schwarz
    a·b <= |a's suffix| |b| < t |a| |b|). So indexing each vector under its prefix finds every pair.
    """
    if not ordered:
        return []
    w = list(map(weights.__getitem__, ordered))
    before = list(accumulate(map(mul, w, w)))  # squared norm of the first 1, 2, ... terms
    total = before[-1]
    # Term k (k >= 1) is in the prefix while the rest from it, total - before[k - 1], can still
    # reach the threshold; the first term always is.
    return ordered[: 1 + bisect_right(before, total - total * _PREFIX_SHARE, 0, len(before) - 1)]


def _weigh(sigs: list[_Sig], n_claims: int) -> dict[str, int]:
    """Set each signature's weights and norms (IDF over the claims, names ×NAME_WEIGHT).
    Returns each term's rank, rarest first (ties by spelling)."""
    df: Counter[str] = Counter()
    for s in sigs:
        k = s.size
        if k == 1:
            df.update(s.terms)  # counted in C
        else:
            for t in s.terms:
                df[t] += k
    idf = {t: 1.0 + math.log((n_claims + 1) / (k + 1)) for t, k in df.items()}
    rank = {t: r for r, t in enumerate(sorted(idf, key=lambda t: (-idf[t], t)))}
    idf_of = idf.__getitem__
    for s in sigs:
        terms = s.terms
        w = s.weights = dict(zip(terms, map(idf_of, terms)))  # noqa: B905 (same iterable twice)
        for t in s.names:
            w[t] *= NAME_WEIGHT
        x = list(w.values())
        s.norm = math.sqrt(sum(map(mul, x, x)))
        s.subj_norm = math.sqrt(sum(map(pow, map(w.__getitem__, s.subj), _TWOS))) if s.subj else 0.0
    return rank


def _keys(s: _Sig, by_rank: Callable[[str], int]) -> list[str]:
    """The keys a signature is indexed under: the prefixes of its key vector and of its
    stated-subject vector (rarest first)."""
    keys = _prefix(sorted(s.terms, key=by_rank), s.weights)
    if s.subj and s.subj != s.terms:  # (the same vector has the same prefix)
        keys += [t for t in _prefix(sorted(s.subj, key=by_rank), s.weights) if t not in keys]
    return keys


def _outsized(members: list[int], order: Callable[[int], tuple]) -> list[tuple[int, int]]:
    """Candidate pairs of a posting of more than MAX_POSTING signatures (a key common to many
    light vectors): each signature with the next WINDOW in ``order``."""
    run = sorted(members, key=order)
    return [(run[a], j) for a in range(len(run) - 1) for j in run[a + 1 : a + 1 + WINDOW]]


def _outsized_cross(dated: list[int], undated: list[int], order: Callable[[int], tuple]) -> list[tuple[int, int]]:
    """(dated, undated) candidate pairs of one key with outsized postings: each signature with the
    next WINDOW of the merged run in ``order`` from the other side."""
    both = sorted([(order(i), 0, i) for i in dated] + [(order(j), 1, j) for j in undated])
    pairs = []
    for a in range(len(both) - 1):
        _, side, i = both[a]
        for _, other, j in both[a + 1 : a + 1 + WINDOW]:
            if other != side:
                pairs.append((i, j) if side == 0 else (j, i))
    return pairs


def _group(sigs: list[_Sig], rows: _Rows) -> list[tuple[_Sig, list[int]]]:
    """Partition comparable claims into groups: (the group's first signature, its rows), each
    group with claims from >= 2 sentences."""
    if not sigs:
        return []
    by_rank = _weigh(sigs, len(rows.sent)).__getitem__

    def order(i: int) -> tuple[int, ...]:  # outsized postings only: by rarest keys
        return tuple(sorted(map(by_rank, _keys(sigs[i], by_rank))))

    blocks: dict[tuple, dict[str, list[int]]] = {}  # (dimension, year) -> key -> signatures
    for i, s in enumerate(sigs):
        block = blocks.get((s.dim, s.tkey))
        if block is None:
            block = blocks[(s.dim, s.tkey)] = {}
        for t in _keys(s, by_rank):
            members = block.get(t)
            if members is None:
                block[t] = [i]
            else:
                members.append(i)
    root_of = _link_same_year(sigs, blocks, order)
    attached = _attach_undated(sigs, blocks, root_of, order)
    return _components(sigs, root_of, attached, rows)


def _link_same_year(sigs: list[_Sig], blocks: dict[tuple, dict[str, list[int]]],
                    order: Callable[[int], tuple]) -> list[int]:
    """Union-find over the signatures of each posting (same dimension and year, or both undated):
    each signature's root, the smallest index of its component."""
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

    def link(i: int, j: int) -> None:
        ri = i if parent[i] == i else find(i)
        rj = j if parent[j] == j else find(j)
        if ri != rj and _compatible(sigs[i], sigs[j]):
            if ri < rj:
                parent[rj] = ri
            else:
                parent[ri] = rj

    # The names veto of _compatible rejects most candidate pairs: it is checked inline first.
    for block in blocks.values():
        for members in block.values():
            m = len(members)
            if m > MAX_POSTING:
                for i, j in _outsized(members, order):
                    if names_of[i] <= terms_of[j] or names_of[j] <= terms_of[i]:
                        link(i, j)
                continue
            for a in range(1, m):
                j = members[a]
                names_j, terms_j = names_of[j], terms_of[j]
                for i in members[:a]:
                    if names_of[i] <= terms_j or names_j <= terms_of[i]:
                        link(i, j)
    return [find(i) for i in range(len(sigs))]


def _attach_undated(sigs: list[_Sig], blocks: dict[tuple, dict[str, list[int]]], root_of: list[int],
                    order: Callable[[int], tuple]) -> dict[int, set[int]]:
    """Undated signatures against the dated ones of the same dimension and key, on the final
    components: undated root -> the dated roots it matches."""
    names_of = [s.names for s in sigs]
    terms_of = [s.terms for s in sigs]
    attached: dict[int, set[int]] = {}
    for (dim, tkey), block in blocks.items():
        undated_block = blocks.get((dim, None)) if tkey is not None else None
        if not undated_block:
            continue
        for term, members in block.items():
            undated = undated_block.get(term)
            if not undated:
                continue
            pairs = _outsized_cross(members, undated, order) if len(members) * len(undated) > _MAX_CROSS else (
                product(members, undated))
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
    for r, root in enumerate(map(root_of.__getitem__, rows.sig)):
        members = members_of.get(root)
        if members is None:
            members_of[root] = [r]
        else:
            members.append(r)
    extra: dict[int, list[int]] = defaultdict(list)  # dated root -> undated roots attached
    for u_root, d_roots in attached.items():
        for d_root in d_roots:
            extra[d_root].append(u_root)
    sent_of = rows.sent
    groups: list[tuple[_Sig, list[int]]] = []
    for root, members in members_of.items():
        if root in attached:
            continue  # undated, shown within the dated groups it matched
        if root in extra:
            members = sorted(members + [r for u_root in extra[root] for r in members_of[u_root]])  # noqa: PLW2901
        if len(members) < 2:
            continue
        first = sent_of[members[0]]
        if sent_of[members[-1]] == first and all(sent_of[r] == first for r in members):
            continue  # one sentence: a list ("from X to Y"), not a comparison
        groups.append((sigs[root], members))
    return groups


# --------------------------------------------------------------------------- verdicts
def _worst_pair(members: list[int], rows: _Rows, nan: bool = True) -> tuple[int, int] | None:
    """Two claims (rows) from different sentences with disjoint intervals, the widest gap first.

    ``nan``: some interval may have a NaN bound (max/min would skip it).
    """
    lo_of, hi_of, sent_of, point_of = rows.lo, rows.hi, rows.sent, rows.point
    if not nan and max(map(lo_of.__getitem__, members)) <= min(map(hi_of.__getitem__, members)):
        return None  # every interval holds a common point: no disjoint pair
    if not nan and len(set(map(sent_of.__getitem__, members))) == len(members):  # one claim per sentence
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
    best: tuple[float, int, int] | None = None
    for a in los:
        for b in his:
            if sent_of[a] == sent_of[b] or lo_of[a] <= hi_of[b]:
                continue
            gap = _spread([point_of[a], point_of[b]])
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


def _years(times: Sequence[str | None]) -> tuple[str, list[str]]:
    """The group's years for its reason, and the notes they call for (``times``: its claims')."""
    dated = sorted(set(filter(None, times)))
    undated = len(times) - sum(map(bool, times))
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
    stated = list(filter(None, subjects))
    distinct = set(stated)
    if len(distinct) == 1:
        return stated[0]
    if distinct:
        return min(distinct, key=lambda s: (-stated.count(s), len(s), s))
    left, right, _ = _clause(first)
    label = f"{left.strip()} … {right.strip()}".strip(" …")
    return label if len(label) <= 90 else label[:89] + "…"


def _verdicts(groups: list[tuple[_Sig, list[int]]], rows: _Rows, tolerance: float,
              min_spread: float) -> list[Conflict]:
    """The verdict on each group (its first signature gives its dimension and year).

    One loop, no call per group beyond the rare cases (``_years`` when a group spans several
    years or undated figures, the formatting); a group of one year and no undated figure
    (most of them) has that year for its years and no note.
    """
    claims_of, point_of = rows.claims, rows.point
    nan = any(map(math.isnan, rows.lo)) or any(map(math.isnan, rows.hi))  # no max/min shortcut in _worst_pair
    claim_of, point_at = claims_of.__getitem__, point_of.__getitem__
    blake2b = hashlib.blake2b
    out: list[Conflict] = []
    append = out.append
    for sig, members in groups:
        claims = tuple(map(claim_of, members))
        # 64 bits: no collision in practice at millions of groups
        gid = "g" + blake2b("\n".join(map(_ID, claims)).encode(), digest_size=8).hexdigest()
        points = list(map(point_at, members))
        hi, lo = max(points), min(points)
        denom = max(abs(hi), abs(lo))
        spread = 0.0 if denom == 0 else (hi - lo) / denom  # _spread(points)
        times = list(map(_TIME, claims))
        first_time = times[0]
        if first_time and times.count(first_time) == len(times):  # one year, no undated figure
            years, notes = first_time, []
        else:
            years, notes = _years(times)
        docs = set(map(_DOC, claims))
        if len(docs) == 1:
            notes.append("all figures come from one document")
        dim = sig.dim
        kind = "percent" if dim[0] == "percent" else dim[0]
        pair = _worst_pair(members, rows, nan)
        conflicting = pair is not None
        if pair is not None:
            a, b = pair  # a's low end > b's high end
            low, high = (b, a) if point_of[b] <= point_of[a] else (a, b)
            pair_spread = _spread([point_of[a], point_of[b]])
            reason = (
                f"{format_value(claims_of[low])} vs {format_value(claims_of[high])}: {_pct(pair_spread)} apart, "
                f"{_why(claims_of[a], claims_of[b], tolerance)}; years: {years}"
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
        subjects = list(map(_SUBJECT, claims))
        label = subjects[0]
        if not label or subjects.count(label) != len(subjects):  # (one subject stated by all: itself)
            label = _subject_label(subjects, claims[0])
        append(Conflict(gid, label, kind, claims, round(spread, 6), reason, conflicting, dim[1], sig.tkey,
                        tuple(notes)))
    return out


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
