"""TextIndex.is_excluded asks at most two zones: the answer of the slice it replaced."""

from __future__ import annotations

from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import text as kt

PIECES = ["x", " ", "see https://a.b/1 now", "[12]", "[xi] Ref (2019) http://c.d", "a@b.co", "\n", "[3] Author",
          "www.e.f", "doi:10.1/2", "4.5"]


def reference_is_excluded(index: kt.TextIndex, start: int, end: int) -> bool:
    i = bisect_right([s for s, _ in index.excluded], start) - 1
    return any(s < end and start < e for s, e in index.excluded[max(i, 0):i + 2])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.data())
def test_is_excluded_is_the_slice_test(s: str, data: st.DataObject) -> None:
    index = kt.TextIndex(s)
    for _ in range(20):
        start = data.draw(st.integers(0, len(s) + 1))
        end = data.draw(st.integers(start, len(s) + 2))
        assert index.is_excluded(start, end) == reference_is_excluded(index, start, end)
