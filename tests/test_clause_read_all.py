"""The whole per-claim loop of ``conflicts._read`` in C (``_clause.Reader.read_all``, through
``conflicts._read_c``) gives what its Python reference, ``conflicts._read_py``, gives: the same rows
(claims, sentence numbers, intervals and points), the same provisional keys in the same order, the
same names, the same numbered key sets (each set's iteration order included: it decides the order of
float sums later) and the same provisional signature of each row; on random claims full of clause
boundaries, capitalized words, counts ("one of ..." too), dates, hedges, ranges and odd values; and a
list the C declines (another class, a field of another type) is read by the reference."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import conflicts
from kzfacts.model import Claim

pytest.importorskip("kzfacts._clause", reason="the C clause reader is not built (pure-Python install)")

_PIECES = ["Kadun", "Zansa's", "exports", "imports", "the", "of", "GDP", "Exports", "In", "2020,", "said",
           ",", ", ", ";", " - ", "(", ")", "—", ". ", "wheat", "harvest", "rose", "about", "  ", "\u00a0",
           "oil", "Polvo", "NATO", "trade", "“", "”", "x", "One", "one of", "Surplus", "deficit", "Жас", "中国",
           "profit", "loss", "inflow", "Kadun's", "projects"]
_TEXTS = ["$5 billion", "30%", "1,200 km", "12 projects", "7", "one of the largest", "One of 5", "oNE  OF 3",
          "one ofx", "Óne of 2", "a third"]
_VALUES = [0.0, -0.0, 1.0, 12.5, 30.0, 1200.0, 0.333, 1e-7, 123456.789, 2.5e21, -4.0, math.inf, -math.inf, math.nan,
           0.1234567, 12.345678, 1.5e-6, 1e16, 1.5e16, 9999999999999998.0, -123456789012345.0]


@st.composite
def _claims(draw: st.DrawFn) -> list[Claim]:
    out = []
    n_docs = draw(st.integers(1, 4))
    for i in range(draw(st.integers(1, 14))):
        text = draw(st.sampled_from(_TEXTS))
        left = draw(st.lists(st.sampled_from(_PIECES), max_size=8))
        right = draw(st.lists(st.sampled_from(_PIECES), max_size=8))
        sentence = draw(st.sampled_from([" ", ""])).join([*left, text, *right])
        if draw(st.integers(0, 9)) == 0:
            sentence = sentence.replace(text, "")  # the figure is not in its sentence
        if draw(st.integers(0, 12)) == 0:
            text = ""
        kind, unit, noun = draw(st.sampled_from([
            ("money", "USD", None), ("money", "EUR", ""), ("percent", "percent", None), ("fraction", None, None),
            ("length", "meter", None), ("count", None, "BRI projects"), ("count", None, "projects"),
            ("count", None, "Kadun wheat farms"), ("count", None, "the"), ("count", None, "NATO"),
            ("count", None, "BRI Kadun"), ("money", "USD", "Polvo exports"), ("count", None, None),
            ("ordinal", None, None), ("number", None, None), ("mass", None, "tonnes of wheat")]))
        qualifier = draw(st.sampled_from(["exact", "approximately", "more_than", "at_least", "less_than",
                                          "at_most", "range"]))
        value = draw(st.one_of(st.sampled_from(_VALUES), st.floats(),  # (every repr: the decimals of the slack)
                               st.floats(-1e7, 1e7).map(lambda x: round(x, 3)),
                               st.integers(-10**9, 10**9).map(lambda i: i / 10**draw(st.integers(5, 8)))))
        v = draw(st.sampled_from([value, value * 1000, 0.0, math.nan]))
        low = high = None
        if qualifier == "range" or draw(st.integers(0, 5)) == 0:
            low = draw(st.sampled_from([None, v, v / 2]))
            high = draw(st.sampled_from([None, v, v * 1.5]))
        out.append(Claim(
            doc=f"d{i % n_docs}", start=i, end=i + 1, line=1, col=1, text=text, sentence=sentence, value=value,
            value_high=None, unit=unit, noun=noun, kind=kind, normalized_value=v,
            normalized_unit=draw(st.sampled_from([unit, None, "meter"])), qualifier=qualifier, low=low, high=high,
            change=draw(st.sampled_from([None, "increase", "decrease", ""])),
            subject=draw(st.sampled_from([None, "", "Kadun's exports", "the GDP of Zansa", "wheat harvest",
                                          "Surplus of Polvo"])),
            time=draw(st.sampled_from([None, "", "2020", "2021-03-01", "2021-03", "Q1 2020", "203"])),
        ))
    return out


def _same_floats(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(x == y or (math.isnan(x) and math.isnan(y)) for x, y in zip(a, b, strict=True))


def _assert_same(got: Any, expected: Any) -> None:
    rows, sigs, names_seen, set_ids, provisional = got
    e_rows, e_sigs, e_names_seen, e_set_ids, e_provisional = expected
    assert [id(c) for c in rows.claims] == [id(c) for c in e_rows.claims]
    assert rows.sent == e_rows.sent
    assert _same_floats(rows.lo, e_rows.lo) and _same_floats(rows.hi, e_rows.hi)
    assert _same_floats(rows.point, e_rows.point)
    assert repr(sigs) == repr(e_sigs)  # the keys in order of number (a scope may hold a NaN)
    assert names_seen == e_names_seen
    assert list(set_ids.values()) == list(e_set_ids.values())
    assert [list(s) for s in set_ids] == [list(s) for s in e_set_ids]  # the same sets, in the same order
    assert provisional == e_provisional


@settings(max_examples=300, deadline=None)
@given(_claims(), st.randoms(use_true_random=False))
def test_read_all_reads_as_the_reference(claims: list[Claim], random: Any) -> None:
    again = list(claims)
    random.shuffle(again)
    claims = claims + again  # (read again: every key set known, numbered with no set made)
    counts = conflicts._sentence_counts(claims)
    got = conflicts._read_c(claims, 0.1, counts)
    assert got is not None
    _assert_same(got, conflicts._read_py(claims, 0.1, counts))


@settings(max_examples=60, deadline=None)
@given(_claims(), st.sampled_from([0.0, 0.25, math.inf]))
def test_read_all_reads_as_the_reference_at_any_tolerance(claims: list[Claim], tolerance: float) -> None:
    counts = conflicts._sentence_counts(claims)
    got = conflicts._read_c(claims, tolerance, counts)
    assert got is not None
    _assert_same(got, conflicts._read_py(claims, tolerance, counts))


def _replace(c: Claim, **changes: Any) -> Claim:
    fields = {f: getattr(c, f) for f in Claim.__slots__}
    fields.update(changes)
    return Claim(**fields)


@settings(max_examples=40, deadline=None)
@given(_claims(), st.data())
def test_read_all_declines_what_it_is_not_written_for(claims: list[Claim], data: st.DataObject) -> None:
    """A field of another type (an int value, a str subclass) or a claim of another class: the C
    declines the list (None) and ``_read`` reads it in Python, with the same answer as the reference."""
    class Sub(Claim):
        pass

    class Text(str):
        pass

    at = data.draw(st.integers(0, len(claims) - 1))
    c = claims[at]
    odd = data.draw(st.sampled_from([
        _replace(c, value=7), _replace(c, normalized_value=3), _replace(c, low=1), _replace(c, text=Text(c.text)),
        _replace(c, doc=Text(c.doc)), Sub(**{f: getattr(c, f) for f in Claim.__slots__})]))
    claims[at] = odd
    counts = conflicts._sentence_counts(claims)
    assert conflicts._read_c(claims, 0.1, counts) is None
    _assert_same(conflicts._read(claims, 0.1), conflicts._read_py(claims, 0.1, counts))


def test_read_all_on_the_benchmark_claims() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import conflicts_scale  # noqa: PLC0415

    claims = conflicts._dedupe(conflicts_scale.generate(4000, seed=5))
    counts = conflicts._sentence_counts(claims)
    got = conflicts._read_c(claims, 0.1, counts)
    assert got is not None
    _assert_same(got, conflicts._read_py(claims, 0.1, counts))


def test_read_all_rejects_bad_arguments() -> None:
    reader = conflicts._C_READER(conflicts._Vocabulary().fields)
    with pytest.raises(TypeError):
        reader.read_all([])
    getter = conflicts._C_GETTER(Claim, ("doc", "text"))
    with pytest.raises(TypeError, match="_READ_FIELDS"):
        reader.read_all([], getter, 0.1, {}, None, None, None, {}, None, None, {}, [], frozenset(), None,
                        [], {}, [], set(), [], [], [], [], [])
