"""The C field getter (kzfacts._clause.Getter) gives what its reference, ``operator.attrgetter``,
gives: on Claims of every field type (the slots read at their offsets), on other objects, on a
subclass, after the class changed, and with a slot left empty (the same AttributeError)."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import conflicts
from kzfacts.model import Claim, Conflict

_clause = pytest.importorskip("kzfacts._clause", reason="the C clause reader is not built (pure-Python install)")

ALL_FIELDS = tuple(Claim.__slots__)
text = st.text(max_size=8)
maybe_text = st.one_of(st.none(), text)
number = st.one_of(st.floats(allow_nan=False), st.integers(-(2**70), 2**70))
maybe_number = st.one_of(st.none(), number)

claims = st.builds(
    Claim,
    doc=text, start=st.integers(0, 2**40), end=st.integers(0, 2**40), line=st.integers(), col=st.integers(),
    text=text, sentence=text, value=number, value_high=maybe_number, unit=maybe_text, noun=maybe_text,
    kind=text, normalized_value=number, normalized_unit=maybe_text, qualifier=text, low=maybe_number,
    high=maybe_number, change=maybe_text, subject=maybe_text, time=maybe_text,
)
names = st.lists(st.sampled_from(ALL_FIELDS), min_size=2, max_size=20)


def test_claim_slots_are_read_at_their_offsets() -> None:
    assert _clause.Getter(Claim, conflicts._READ_FIELDS).fast()
    assert _clause.Getter(Claim, conflicts._GROUP_FIELDS).fast()
    assert not _clause.Getter(Claim, ("doc", "id")).fast()  # a property: each read by GetAttr
    assert not _clause.Getter(Claim, ("doc", "nothing")).fast()


@settings(max_examples=500, deadline=None)
@given(st.lists(claims, min_size=1, max_size=5), names)
def test_getter_reads_as_attrgetter(found: list[Claim], fields: list[str]) -> None:
    getter, reference = _clause.Getter(Claim, fields), attrgetter(*fields)
    for claim in found:
        got, expected = getter(claim), reference(claim)
        assert got == expected
        assert all(a is b for a, b in zip(got, expected, strict=True))  # the objects themselves


@settings(max_examples=100, deadline=None)
@given(claims, names)
def test_getter_on_a_subclass_and_other_objects(claim: Claim, fields: list[str]) -> None:
    class Sub(Claim):  # (has a __dict__: another layout, read by GetAttr)
        pass

    sub = Sub(**{f: getattr(claim, f) for f in ALL_FIELDS})
    getter, reference = _clause.Getter(Claim, fields), attrgetter(*fields)
    assert getter(sub) == reference(sub)
    plain: Any = type("Plain", (), {f: f for f in ALL_FIELDS})()
    assert getter(plain) == reference(plain)


def test_getter_errors_as_attrgetter() -> None:
    getter = _clause.Getter(Claim, ("doc", "start"))
    empty = object.__new__(Claim)  # no slot set
    with pytest.raises(AttributeError):
        attrgetter("doc", "start")(empty)
    with pytest.raises(AttributeError):
        getter(empty)
    with pytest.raises(AttributeError):
        getter(3)
    with pytest.raises(TypeError):
        getter()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        getter(1, 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _clause.Getter(Claim, ("doc", 3))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _clause.Getter("Claim", ("doc", "start"))  # type: ignore[arg-type]
    with pytest.raises(RuntimeError):
        _clause.Getter.__new__(_clause.Getter)(empty)


def test_getter_after_the_class_changed() -> None:
    class Slotted:
        __slots__ = ("a", "b")

        def __init__(self) -> None:
            self.a, self.b = 1, 2

    getter = _clause.Getter(Slotted, ("a", "b"))
    assert getter.fast()
    obj = Slotted()
    assert getter(obj) == (1, 2)
    member = Slotted.__dict__["b"]
    Slotted.b = property(lambda self: 20)  # type: ignore[assignment]
    assert getter(obj) == attrgetter("a", "b")(obj) == (1, 20)
    Slotted.b = member  # type: ignore[assignment]
    assert getter(obj) == (1, 2)


def _analyze_with_and_without(monkeypatch: pytest.MonkeyPatch, attribute: str, n: int, seed: int) -> tuple:
    """``analyze`` on ``n`` synthetic claims, then again with ``conflicts.<attribute>`` set to None."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import conflicts_scale  # noqa: PLC0415

    claims = conflicts_scale.generate(n, seed=seed)
    with_c = conflicts.analyze(claims)
    monkeypatch.setattr(conflicts, attribute, None)
    return with_c, conflicts.analyze(claims)


def test_analyze_with_and_without_the_c_getter(monkeypatch: pytest.MonkeyPatch) -> None:
    with_c, without = _analyze_with_and_without(monkeypatch, "_C_GETTER", 3000, 5)
    assert [g.to_dict() for g in with_c.groups] == [g.to_dict() for g in without.groups]
    assert [(g.unit, g.time, g.notes) for g in with_c.groups] == [(g.unit, g.time, g.notes) for g in without.groups]


def _reference_make(cls: type, fields: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """What conflicts._new_conflict did before Getter.make (and does without it)."""
    obj = object.__new__(cls)
    for name, value in zip(fields, values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(text, number, st.none(), st.tuples(text)), min_size=10, max_size=10))
def test_make_builds_as_object_setattr(values: list[Any]) -> None:
    import gc

    fields = conflicts._CONFLICT_FIELDS
    maker = _clause.Getter(Conflict, fields)
    assert maker.fast()
    got, expected = maker.make(tuple(values)), _reference_make(Conflict, fields, tuple(values))
    assert type(got) is Conflict
    assert attrgetter(*fields)(got) == attrgetter(*fields)(expected) == tuple(values)
    assert all(a is b for a, b in zip(attrgetter(*fields)(got), values, strict=True))
    assert gc.is_tracked(got) == gc.is_tracked(expected)
    assert conflicts._new_conflict(*values) == expected


def test_make_without_the_fast_path() -> None:
    class Plain:  # (a __dict__, no slots)
        pass

    maker = _clause.Getter(Plain, ("a", "b"))
    assert not maker.fast()
    obj = maker.make((1, "x"))
    assert type(obj) is Plain and obj.__dict__ == {"a": 1, "b": "x"}
    with pytest.raises(TypeError):
        maker.make((1,))
    with pytest.raises(TypeError):
        maker.make([1, 2])


def test_analyze_with_and_without_the_c_make(monkeypatch: pytest.MonkeyPatch) -> None:
    with_c, without = _analyze_with_and_without(monkeypatch, "_MAKE_CONFLICT", 2000, 6)
    assert with_c.groups == without.groups
    assert [(g.unit, g.time, g.notes) for g in with_c.groups] == [(g.unit, g.time, g.notes) for g in without.groups]
