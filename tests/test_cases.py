"""Table-driven cases from fixtures/cases.jsonl: one line per case, one test id per line.

A case lists the claims a sentence must yield, in order, each with the fields that matter for it
(the rest are not compared). A case with no claims asserts the text holds none. ``"xfail": reason``
marks a known miss (strict: it fails loudly once fixed). Adding a case never needs code.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from kzfacts import extract_text

CASES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "cases.jsonl"


def _load() -> list:
    params = []
    with CASES_FILE.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            case = json.loads(line)  # a broken line fails collection loudly
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            params.append(pytest.param(case, id=case.get("id", f"line{n}"), marks=marks))
    return params


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


@pytest.mark.parametrize("case", _load())
def test_case(case: dict) -> None:
    text = case["text"]
    got = [c.to_dict() for c in extract_text(text, doc="case")]
    want = case["claims"]
    summary = [(c["text"], c["value"], c["unit"], c["kind"]) for c in got]
    assert [c["text"] for c in got] == [w["text"] for w in want], f"claims found: {summary}"
    for g, w in zip(got, want, strict=True):
        diffs = {k: (g[k], v) for k, v in w.items() if not _same(g[k], v)}
        assert not diffs, f"{w['text']!r}: (got, expected) {diffs}"
        assert text[g["start"]:g["end"]] == g["text"]
