"""The C grouping (kzfacts/_group.c) groups exactly as its Python reference, conflicts._group_py.

Two sources of signatures: random key sets built directly (direction words, scopes, stated
subjects, names, equal weights that put cosines exactly on the threshold, years and undated
ones), and the claims of the scale benchmark's generator read by ``_features``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzfacts import conflicts
from kzfacts.model import Claim

_group = pytest.importorskip("kzfacts._group", reason="the C grouping is not built (pure-Python install)")

_TERMS = ["kadun", "Zansa", "Polvo", "GDP", "export", "import", "trade", "wheat", "oil", "harvest", "budget",
          "inflow", "outflow", "profit", "loss", "gain", "bilateral", "output", "input", "rail"]
_DIMS: list[tuple[Any, ...]] = [("money", "USD", "level"), ("percent", "percent", "level"), ("count", "project", "level")]
_YEARS = [None, "2019", "2020"]


@st.composite
def _signatures(draw: st.DrawFn) -> tuple[list[conflicts._Sig], conflicts._Rows]:
    """Signatures with random key sets (names and stated subject within the terms), and rows."""
    set_of: list[frozenset[str]] = [frozenset()]
    sigs = []
    for _ in range(draw(st.integers(1, 40))):
        terms = draw(st.lists(st.sampled_from(_TERMS), min_size=1, max_size=6, unique=True))
        names = [t for t in terms if t[0].isupper() and draw(st.booleans())]
        subj = draw(st.sampled_from([[], terms, terms[: len(terms) // 2 + 1], terms[len(terms) // 2:]]))
        dirs = [t for t in terms if t in conflicts._DIRECTION_WORDS]
        scope = tuple(sorted(draw(st.dictionaries(st.sampled_from(["project", "school"]),
                                                  st.sampled_from([1.0, 2.0, float("nan")]), max_size=2)).items()))
        numbers = []
        for words in (terms, subj, dirs, names):
            numbers.append(len(set_of))
            set_of.append(frozenset(words))  # (a new object each: the C reads each set's own order)
        key = (draw(st.sampled_from(_DIMS)), draw(st.sampled_from(_YEARS)), numbers[0], numbers[1], numbers[2],
               scope, numbers[3])
        sig = conflicts._Sig(key, set_of)
        sig.size = draw(st.integers(1, 3))
        sigs.append(sig)
    rows = conflicts._Rows()
    for n, sig in enumerate(sigs):
        for _ in range(sig.size):
            rows.sig.append(n)
            rows.sent.append(draw(st.integers(0, 5)))
    order = draw(st.permutations(range(len(rows.sig))))
    rows.sig = [rows.sig[k] for k in order]
    rows.sent = [rows.sent[k] for k in order]
    return sigs, rows


def _same(found: list[tuple[conflicts._Sig, list[int]]], expected: list[tuple[conflicts._Sig, list[int]]]) -> bool:
    return [(id(s), members) for s, members in found] == [(id(s), members) for s, members in expected]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_signatures())
def test_c_groups_random_signatures_as_the_reference(case: tuple[list[conflicts._Sig], conflicts._Rows]) -> None:
    sigs, rows = case
    assert conflicts._C_GROUP is not None
    found = conflicts._group(sigs, rows)
    assert _same(found, conflicts._group_py(sigs, rows))


def _generated(n: int, seed: int) -> list[Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import conflicts_scale  # noqa: PLC0415

    return conflicts_scale.generate(n, seed=seed)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(200, 4000), st.integers(0, 10_000))
def test_c_groups_generated_claims_as_the_reference(n: int, seed: int) -> None:
    rows, sigs = conflicts._features(conflicts._dedupe(_generated(n, seed)), 0.1)
    found = conflicts._group(sigs, rows)
    assert found  # (the generator restates each fact several times)
    assert _same(found, conflicts._group_py(sigs, rows))


def _columns(sigs: list[conflicts._Sig], rows: conflicts._Rows, max_posting: int, max_cross: int) -> Any:
    """kzfacts._group.group's answer for these signatures, as conflicts._group calls it."""
    return _group.group(
        [s.terms for s in sigs], [s.subj for s in sigs], [s.dirs for s in sigs], [s.names for s in sigs],
        [s.scope for s in sigs], [s.dim for s in sigs], [s.tkey for s in sigs], [s.size for s in sigs],
        len(rows.sent), conflicts._OPPOSED, rows.sig, rows.sent, max_posting, max_cross, conflicts._PREFIX_SHARE,
        conflicts.SUBJECT_THRESHOLD, conflicts.NAME_WEIGHT)


def test_c_declines_outsized_postings_and_the_reference_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    rows, sigs = conflicts._features(conflicts._dedupe(_generated(3000, 1)), 0.1)
    assert _columns(sigs, rows, conflicts.MAX_POSTING, conflicts._MAX_CROSS) is not None
    assert _columns(sigs, rows, 1, conflicts._MAX_CROSS) is None
    assert _columns(sigs, rows, conflicts.MAX_POSTING, 0) is None
    monkeypatch.setattr(conflicts, "MAX_POSTING", 2)
    monkeypatch.setattr(conflicts, "_MAX_CROSS", 1)
    assert _same(conflicts._group(sigs, rows), conflicts._group_py(sigs, rows))


def test_c_declines_names_outside_the_terms() -> None:
    """The reference weighs names within the terms only (a KeyError otherwise): the C declines."""
    set_of = [frozenset(), frozenset({"oil", "Kadun"}), frozenset({"Zansa"})]
    sig = conflicts._Sig((_DIMS[0], "2020", 1, 0, 0, (), 2), set_of)
    sig.size = 1
    rows = conflicts._Rows()
    rows.sig, rows.sent = [0], [0]
    assert _columns([sig], rows, 64, 2048) is None


def test_analyze_with_and_without_the_c_grouping(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = _generated(3000, 8)
    with_c = conflicts.analyze(claims)
    monkeypatch.setattr(conflicts, "_C_GROUP", None)
    without = conflicts.analyze(claims)
    assert with_c.groups == without.groups
    assert [(g.unit, g.time, g.notes) for g in with_c.groups] == [(g.unit, g.time, g.notes) for g in without.groups]


# ---------------------------------------------------------------- gather (conflicts._verdicts)
_DOCS = ["a", "b", "doc-ü", "c/d", "é", "x" * 30]


@st.composite
def _claims_and_members(draw: st.DrawFn) -> tuple[list[Any], list[float], list[int]]:
    claims = []
    for _ in range(draw(st.integers(1, 40))):
        start = draw(st.integers(0, 10**12))
        claims.append(Claim(
            doc=draw(st.sampled_from(_DOCS + [f"d{i}" for i in range(20)])), start=start,
            end=start + draw(st.integers(0, 50)), line=1, col=1, text="5", sentence="5", value=5.0, value_high=None,
            unit=None, noun=None, kind="percent", normalized_value=5.0, normalized_unit="percent", qualifier="exact",
            low=None, high=None, change=None, subject=draw(st.sampled_from([None, "", "trade", "oil"])),
            time=draw(st.sampled_from([None, "2020", "2020-01-02"]))))
    points = [float(k) for k in range(len(claims))]
    members = sorted(draw(st.lists(st.integers(0, len(claims) - 1), min_size=1, max_size=60)))
    return claims, points, members


def _reference_gather(members: list[int], claims: list[Any], points: list[float]) -> tuple[Any, ...]:
    """What the Python loop of conflicts._verdicts builds from a group's rows."""
    picked = [claims[r] for r in members]
    text = "\n".join(f"{c.doc}:{c.start}-{c.end}" for c in picked).encode()
    return (tuple(picked), text, [c.time for c in picked], [c.subject for c in picked],
            len({c.doc for c in picked}), [points[r] for r in members])


@settings(max_examples=300, deadline=None)
@given(_claims_and_members())
def test_gather_reads_a_group_as_the_reference(case: tuple[list[Any], list[float], list[int]]) -> None:
    claims, points, members = case
    got = _group.gather(members, claims, points, Claim)
    expected = _reference_gather(members, claims, points)
    assert got == expected
    assert all(a is b for a, b in zip(got[0], expected[0], strict=True))


def test_gather_without_slots_and_declining() -> None:
    class Loose:  # (no slots: read by getattr)
        def __init__(self, doc: Any, start: Any, end: Any) -> None:
            self.doc, self.start, self.end, self.time, self.subject = doc, start, end, "2020", None

    claims = [Loose(f"d{k % 20}", k, k + 1) for k in range(40)]  # (more than 16 documents)
    members = list(range(40))
    assert _group.gather(members, claims, [0.0] * 40, Claim) == _reference_gather(members, claims, [0.0] * 40)
    assert _group.gather([0], [Loose("d", True, 1)], [0.0], Claim) is None  # (f"{True}" is "True")
    assert _group.gather([0], [Loose(5, 1, 2)], [0.0], Claim) is None  # (not a str)
    assert _group.gather([0], [Loose("d", 10**30, 1)], [0.0], Claim) is None  # (beyond a long long)
    with pytest.raises(IndexError):
        _group.gather([3], claims[:2], [0.0, 0.0], Claim)


def test_gather_and_worst_pair_read_long_groups_block_by_block() -> None:
    """gather and worst_pair fetch ahead PF_BLOCK (32) members at a time: a group of several blocks,
    the last one partial, reads as the reference, and a bad member in a later block is refused
    only where it is read (the fetching ahead skips it)."""
    claims = [Claim(doc=f"d{k % 23}", start=k, end=k + 2, line=1, col=1, text="5", sentence="5", value=5.0,
                    value_high=None, unit=None, noun=None, kind="percent", normalized_value=5.0,
                    normalized_unit="percent", qualifier="exact", low=None, high=None, change=None,
                    subject=None if k % 3 else "trade", time="2020") for k in range(200)]
    points = [float(k % 17) for k in range(200)]
    for m in (31, 32, 33, 65, 97, 200):
        members = list(range(0, 200, 200 // m))[:m]
        assert _group.gather(members, claims, points, Claim) == _reference_gather(members, claims, points)
        rows = conflicts._Rows()
        rows.lo = [p - 0.5 for p in points]
        rows.hi = [p + 0.5 for p in points]
        rows.sent = [k // 2 for k in range(200)]
        rows.point = points
        assert _group.worst_pair(members, rows.lo, rows.hi, rows.sent, rows.point) == conflicts._worst_pair(
            members, rows, False)
    for bad in (200, -1, 10**30, "7"):
        members = [*range(40), bad, *range(41, 70)]
        with pytest.raises((IndexError, OverflowError, TypeError)):
            _group.gather(members, claims, points, Claim)
        with pytest.raises((IndexError, OverflowError, TypeError)):
            _group.worst_pair(members, rows.lo, rows.hi, rows.sent, rows.point)


def test_analyze_with_and_without_the_c_gather(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = _generated(3000, 9)
    with_c = conflicts.analyze(claims)
    monkeypatch.setattr(conflicts, "_C_GATHER", None)
    without = conflicts.analyze(claims)
    assert with_c.groups == without.groups
    assert [(g.unit, g.time, g.notes) for g in with_c.groups] == [(g.unit, g.time, g.notes) for g in without.groups]


# ---------------------------------------------------------------- short, human
def _reference_short(x: float) -> str:
    if (x == int(x) or abs(x) >= 1000) and abs(x) < 1e15:
        return f"{round(x):,}"
    s = f"{x:.4g}"
    return s if "e" not in s else f"{x:g}"


def _reference_human(x: float) -> str:
    a = abs(x)
    if a >= 1e12:
        return f"{_reference_short(x / 1e12)} trillion"
    if a >= 1e9:
        return f"{_reference_short(x / 1e9)} billion"
    if a >= 1e6:
        return f"{_reference_short(x / 1e6)} million"
    return _reference_short(x)


_FIGURES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-10**16, 10**16).map(lambda k: k / 2),  # (halves: round half to even)
    st.integers(-10**8, 10**8).map(lambda k: k / 1000),
    st.sampled_from([0.0, -0.0, 999.5, 1000.5, 2.5, -2.5, 1e15, 1e15 - 1, 999_999.5, 1e12 - 0.5, 5e-5]),
)


@settings(max_examples=2000, deadline=None)
@given(_FIGURES)
def test_short_and_human_spell_as_the_reference(x: float) -> None:
    assert _group.short(x) == _reference_short(x)
    assert _group.human(x) == _reference_human(x)


def test_short_and_human_leave_the_rest_to_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    for x in (float("nan"), float("inf"), -float("inf"), 3, "3"):
        assert _group.short(x) is None and _group.human(x) is None
    monkeypatch.setattr(conflicts, "_C_SHORT", None)
    monkeypatch.setattr(conflicts, "_C_HUMAN", None)
    assert conflicts._human(1234567.0) == "1.235 million" == _reference_human(1234567.0)
    assert conflicts._short(0.125) == "0.125"


# ---------------------------------------------------------------- worst pair
@st.composite
def _intervals(draw: st.DrawFn) -> tuple[list[int], conflicts._Rows]:
    """Rows with few distinct bounds (ties) and sentences (several claims each), and a group of them."""
    rows = conflicts._Rows()
    for _ in range(draw(st.integers(1, 30))):
        lo = float(draw(st.integers(-5, 5)))
        rows.lo.append(lo)
        rows.hi.append(lo + draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])))
        rows.sent.append(draw(st.integers(0, 6)))
        rows.point.append(draw(st.sampled_from([lo, -lo, lo + 0.25, 0.0, -0.0])))
    members = sorted(set(draw(st.lists(st.integers(0, len(rows.lo) - 1), min_size=1, max_size=30))))
    return members, rows


@settings(max_examples=1500, deadline=None)
@given(_intervals())
def test_worst_pair_as_the_reference(case: tuple[list[int], conflicts._Rows]) -> None:
    members, rows = case
    got = _group.worst_pair(members, rows.lo, rows.hi, rows.sent, rows.point)
    assert got == conflicts._worst_pair(members, rows, False) == conflicts._worst_pair(members, rows, True)


def test_worst_pair_leaves_nan_bounds_to_the_reference() -> None:
    rows = conflicts._Rows()
    rows.lo, rows.hi, rows.sent, rows.point = [float("nan"), 3.0], [1.0, 4.0], [0, 1], [0.5, 3.5]
    assert _group.worst_pair([0, 1], rows.lo, rows.hi, rows.sent, rows.point) is False
    assert _group.worst_pair([1], rows.lo, rows.hi, rows.sent, rows.point) is None
    big = list(range(100))  # (beyond the 64 rows kept on the stack)
    rows.lo, rows.hi = [float(k) for k in big], [k + 0.5 for k in big]
    rows.sent, rows.point = [k % 7 for k in big], [float(k) for k in big]
    assert _group.worst_pair(big, rows.lo, rows.hi, rows.sent, rows.point) == conflicts._worst_pair(big, rows, False)


def test_analyze_with_and_without_the_c_worst_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = _generated(3000, 10)
    with_c = conflicts.analyze(claims)
    assert any(g.conflicting for g in with_c.groups)
    monkeypatch.setattr(conflicts, "_C_WORST_PAIR", None)
    without = conflicts.analyze(claims)
    assert with_c.groups == without.groups
