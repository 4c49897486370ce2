"""source's path names without pathlib (``_posix_stem``, ``_posix_parts``) are pathlib's.

``kzfacts extract`` names a document after its file's stem and sorts a directory's files by
their path parts; source.py reads both without importing pathlib (start-up), so they must be
exactly ``PurePosixPath``'s for every path: slashes doubled and tripled, ``.`` and ``..``, dots
at either end of a name.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import source

_PATHS = st.one_of(
    st.text(alphabet="/.a b~\\", max_size=12),
    st.lists(st.sampled_from(["", ".", "..", "a", "b.txt", ".x", "x.", "a.b.c", "...", " "]), max_size=5)
    .map("/".join),
)


@settings(max_examples=1000, deadline=None)
@given(path=_PATHS)
def test_posix_stem_and_parts_are_pathlibs(path: str) -> None:
    pure = PurePosixPath(path)
    assert source._posix_stem(path) == pure.stem
    assert source._posix_parts(path) == pure.parts


def test_posix_functions_used_on_posix() -> None:
    assert source._stem is source._posix_stem and source._parts is source._posix_parts
