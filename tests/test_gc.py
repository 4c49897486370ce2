"""kzfacts._gc.paused: the cyclic GC is off only inside the block, and the stages it covers make no cycles.

Pausing the collector is safe only because extraction and grouping leave it nothing to collect:
reference counting frees everything they make. These tests check that on news-like input, so a
change that starts making cycles (an object pointing back at its owner, a closure over itself)
fails here instead of growing memory in long runs.
"""

from __future__ import annotations

import gc

import pytest
from conftest import SEEDS_ROOT
from hypothesis import given, settings
from test_pipeline import news_text

from kzfacts import extract_text
from kzfacts._gc import paused
from kzfacts.conflicts import analyze


def test_paused_restores_an_enabled_collector_even_on_error() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), paused():
        _ = 1 / 0
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def _cycles_made_by(run) -> int:  # type: ignore[no-untyped-def]
    run()  # first: caches fill (a unit pint is asked about once, compiled patterns)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        run()
        return gc.collect()
    finally:
        if was:
            gc.enable()


@settings(max_examples=150, deadline=None)
@given(news_text)
def test_extraction_makes_no_reference_cycles(text: str) -> None:
    assert _cycles_made_by(lambda: extract_text(text)) == 0


def test_seeds_extraction_and_grouping_make_no_reference_cycles() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_ROOT.glob("*.txt"))]
    claims = [c for i, t in enumerate(texts) for c in extract_text(t, doc=f"d{i}")]
    assert _cycles_made_by(lambda: [extract_text(t) for t in texts]) == 0
    assert _cycles_made_by(lambda: analyze(claims)) == 0
    assert _cycles_made_by(lambda: analyze(claims + claims[:40])) == 0  # duplicates too
