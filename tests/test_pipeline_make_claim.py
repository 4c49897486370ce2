"""pipeline._make_claim (the C of _clause.Getter.make where built) gives the reference's claim."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import pipeline
from kzfacts.model import Claim

values_st = st.tuples(*[st.one_of(st.none(), st.text(max_size=5), st.integers(), st.floats(allow_nan=False))
                        for _ in dataclasses.fields(Claim)])


@settings(max_examples=500, deadline=None)
@given(values_st)
def test_make_claim_is_the_reference(values: tuple) -> None:
    made, reference = pipeline._make_claim(values), pipeline.reference_make_claim(values)
    assert type(made) is Claim
    assert made == reference and repr(made) == repr(reference) and hash(made) == hash(reference)
    for f in dataclasses.fields(Claim):
        assert getattr(made, f.name) is getattr(reference, f.name)
    assert made == Claim(*values)


def test_make_claim_is_frozen_and_checks_its_values() -> None:
    values = tuple(f"v{i}" for i in range(len(dataclasses.fields(Claim))))
    made = pipeline._make_claim(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.doc = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        pipeline._make_claim((*values, "extra"))
    with pytest.raises(TypeError):
        pipeline.reference_make_claim(values[:-1])


def test_extraction_is_the_same_with_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("In 2023, trade hit $41 billion, up about 19%.\n\nSome 1,200 people, aged 18 to 24, "
            "paid between $5 and $7 a day; one in five workers.\n")
    fast = pipeline.extract_text(text, doc="d")
    monkeypatch.setattr(pipeline, "_MAKE_CLAIM", None)
    assert pipeline.extract_text(text, doc="d") == fast
    assert [dataclasses.astuple(c) for c in pipeline.extract_text(text, doc="d")] == [dataclasses.astuple(c) for c in fast]
