"""Pause Python's cyclic garbage collector around a block that makes many objects and no cycles.

Extraction and grouping allocate hundreds of thousands of small objects (quantities, matches,
claims, key sets) that reference counting frees, and none of which form reference cycles
(tests/test_gc.py checks both stages leave the collector nothing to find). The collector still
walks them every few hundred allocations: ~7.5 s of a 1M-claim ``conflicts.analyze`` run (four full
collections over its ~400k signatures and the million claims), 8-25% of extraction.

``paused()`` disables the collector for the block and restores the state it found (it leaves a
collector that was already off alone), whatever the block raises. It never runs between a
generator's ``yield``s: callers pause around their own work only, so their callers' code runs
with the collector as they set it.
"""

from __future__ import annotations

import gc
from types import TracebackType


class paused:  # noqa: N801 (used as a function: ``with paused():``)
    """``with paused(): ...``: the cyclic GC off for the block, then as it was."""

    __slots__ = ("_was",)

    def __init__(self) -> None:
        self._was = False

    def __enter__(self) -> None:
        self._was = gc.isenabled()
        gc.disable()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._was:
            gc.enable()
