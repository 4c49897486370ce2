"""``_features`` reads each claim inline (for speed) exactly as ``_Vocabulary.keys`` and
``_interval_point`` do: the same key sets, names, opening word and interval, on sentences full of
clause boundaries, capitalized words, figures at the start, end or missing, and hedges."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import conflicts as conflicts_module
from kzfacts.model import Claim

_PIECES = ["Kadun", "Zansa's", "exports", "imports", "the", "of", "GDP", "Exports", "In", "2020,", "said",
           ",", ", ", ";", " - ", "(", ")", "—", ". ", "wheat", "harvest", "rose", "about", "  ", "\u00a0",
           "oil", "Polvo", "NATO", "trade", "“", "”", "x"]
_TEXTS = ["$5 billion", "30%", "1,200 km", "12 projects", "7"]


@st.composite
def _claim_list(draw: st.DrawFn) -> list[Claim]:
    out = []
    for i in range(draw(st.integers(1, 12))):
        text = draw(st.sampled_from(_TEXTS))
        left = draw(st.lists(st.sampled_from(_PIECES), max_size=8))
        right = draw(st.lists(st.sampled_from(_PIECES), max_size=8))
        joiner = draw(st.sampled_from([" ", ""]))
        sentence = joiner.join([*left, text, *right])
        if draw(st.integers(0, 9)) == 0:
            sentence = sentence.replace(text, "")  # the figure is not in its sentence
        if draw(st.integers(0, 9)) == 0:
            text = ""
        kind, unit, noun = draw(st.sampled_from([
            ("money", "USD", None), ("percent", "percent", None), ("length", "meter", None),
            ("count", None, "BRI projects"), ("count", None, "projects")]))
        qualifier = draw(st.sampled_from(["exact", "approximately", "more_than", "at_most", "range"]))
        value = draw(st.sampled_from([0.0, 1.0, 12.5, 30.0, 1200.0, 0.333]))
        low = high = None
        if qualifier == "range":
            low, high = value, value * 1.5
        out.append(Claim(
            doc=f"d{i % 3}", start=i, end=i + 1, line=1, col=1, text=text, sentence=sentence, value=value,
            value_high=None, unit=unit, noun=noun, kind=kind, normalized_value=value * 1000,
            normalized_unit=unit, qualifier=qualifier, low=low, high=high,
            change=draw(st.sampled_from([None, "increase", "decrease"])),
            subject=draw(st.sampled_from([None, "Kadun's exports", "the GDP of Zansa", "wheat harvest"])),
            time=draw(st.sampled_from([None, "2020", "2021-03-01"])),
        ))
    return out


def _same_float(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


@settings(max_examples=400, deadline=None)
@given(_claim_list())
def test_features_read_each_claim_as_keys_does(claims: list[Claim]) -> None:
    unique = conflicts_module._dedupe(claims)
    rows, sigs = conflicts_module._features(unique, 0.1)
    vocab = conflicts_module._Vocabulary()
    expected = []
    names_seen: set[str] = set()
    for c in unique:  # the comparable ones, in order, read by keys() and _interval_point
        dim = conflicts_module._dimension(c.kind, c.change, c.normalized_unit, c.unit, c.noun)
        if dim is None or (dim[0] == "count" and conflicts_module._ONE_OF.match(c.text)):
            continue
        terms, subj, names, first = vocab.keys(c.sentence, c.text, c.subject)
        if c.noun:
            conflicts_module._add_noun(vocab, c.noun, dim, terms, subj)
        names_seen |= names
        expected.append((c, dim, terms, subj, names, first, conflicts_module._interval_point(c, 0.1, {})))
    assert rows.claims == [e[0] for e in expected]
    for r, (_, dim, terms, subj, names, first, (lo, hi, point)) in enumerate(expected):
        sig = sigs[rows.sig[r]]
        assert sig.dim == dim
        assert sig.terms == terms
        assert sig.subj == subj
        opening = {first} if first in terms and first in names_seen else set()
        assert sig.names == (terms & names) | opening
        assert _same_float(rows.lo[r], lo) and _same_float(rows.hi[r], hi) and _same_float(rows.point[r], point)


_BOUNDARY_PIECES = [*";:()[]\"“”«»—…,.!?-–x a\u00a0\u2009\u3000\x85\x1c\x1f\t\n", "Kadun", " - ", "\x1c-\x1f",
                    "\u00a0–\u3000", "\t–\n", ",\x1c", ".\x85", "!\u2009", "?\u3000", ", ", ". "]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_BOUNDARY_PIECES) | st.characters(), max_size=24).map("".join), st.integers(0, 60))
def test_clause_end_is_where_the_boundary_regex_finds_one(sentence: str, end: int) -> None:
    """``_clause_end`` reads the first characters one by one and leaves the rest to the regex:
    the same place as ``_CLAUSE_BOUNDARY.search`` from ``end`` (or the end of the sentence)."""
    end = min(end, len(sentence))
    m = conflicts_module._CLAUSE_BOUNDARY.search(sentence, end)
    assert conflicts_module._clause_end(sentence, end) == (m.start() if m else len(sentence))


def _claim_at(doc: str, start: int, end: int, kind: str, text: str) -> Claim:
    return Claim(doc=doc, start=start, end=end, line=1, col=1, text=text, sentence=f"It is {text}.", value=1.0,
                 value_high=None, unit=None, noun=None, kind=kind, normalized_value=float(start), normalized_unit=None,
                 qualifier="exact", low=None, high=None, change=None, subject=None, time=None)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["d1", "d2", "d10", "D"]), st.integers(0, 6), st.integers(0, 6),
                          st.sampled_from(["money", "count"]), st.sampled_from(["5", "7%"])), max_size=14),
       st.booleans())
def test_dedupe_skips_the_sort_only_for_claims_already_in_order(fields: list, in_order: bool) -> None:
    """Claims already in strictly increasing (doc, start, end) order are returned as they are; any
    other input is sorted: either way the answer is the sort's, first of each (doc, start, end)."""
    claims = [_claim_at(*f) for f in (sorted(fields) if in_order else fields)]
    ordered = sorted(claims, key=lambda c: (c.doc, c.start, c.end, c.kind, c.normalized_value, c.text))
    expected = [c for i, c in enumerate(ordered)
                if i == 0 or (c.doc, c.start, c.end) != (ordered[i - 1].doc, ordered[i - 1].start, ordered[i - 1].end)]
    got = conflicts_module._dedupe(iter(claims))
    assert [id(c) for c in got] == [id(c) for c in expected]


def _human_reference(x: float) -> str:
    """``_human`` as it was written before its loop became if-tests."""
    a = abs(x)
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if a >= scale:
            return f"{conflicts_module._short(x / scale)} {word}"
    return conflicts_module._short(x)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e16, max_value=1e16),
                 st.sampled_from([0.0, -0.0, 1e6, 999_999.9999, 1e9, 1e12, -1e12, 2.5e12, 1e15])))
def test_human_is_the_loop_it_replaced(x: float) -> None:
    assert conflicts_module._human(x) == _human_reference(x)
