"""``conflicts._output_order`` (three stable sorts) orders ``analyze``'s groups as the reference sort by
``_output_key`` does: on groups with equal ids, equal spreads, -0.0 and 0.0, infinities, and NaN
spreads (which go to the reference sort itself)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import conflicts
from kzfacts.model import Conflict

_SPREADS = [0.0, -0.0, 0.1, 0.25, 0.5, 1.0, 2.0, math.inf, -math.inf, 1e-300]


@st.composite
def _groups(draw: st.DrawFn) -> list[Conflict]:
    out = []
    for _ in range(draw(st.integers(0, 30))):
        spread = draw(st.one_of(st.sampled_from(_SPREADS), st.floats(allow_nan=False)))
        if draw(st.integers(0, 40)) == 0:
            spread = math.nan
        out.append(Conflict(
            id=draw(st.sampled_from(["g-a", "g-b", "g-c", "g-ab", "g-\u00e9", "g-\u4e2d", "G", ""])),
            subject=f"s{len(out)}",  # (tells apart groups whose keys are equal)
            kind="money", claims=(), relative_spread=spread, reason="", conflicting=draw(st.booleans())))
    return out


@settings(max_examples=300, deadline=None)
@given(_groups())
def test_output_order_is_the_reference_sort(groups: list[Conflict]) -> None:
    expected = sorted(groups, key=conflicts._output_key)
    got = conflicts._output_order(list(groups))
    assert [id(g) for g in got] == [id(g) for g in expected]


def test_output_order_keeps_the_order_of_equal_keys() -> None:
    made = [Conflict(id="g", subject=str(i), kind="count", claims=(), relative_spread=0.5, reason="")
            for i in range(5)]
    assert conflicts._output_order(list(made)) == made
