"""Each seed document against its hand-checked fixture (fixtures/seeds/<doc>.claims.json).

The fixture lists every claim with offsets, value, unit, normalized value, qualifier, change and
time; a failure prints a readable per-claim diff (missing, unexpected, changed fields).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from kzfacts import extract_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIELDS = ("start", "end", "text", "value", "value_high", "unit", "noun", "kind", "normalized", "qualifier",
          "change", "time")


def _eq(a: object, b: object) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_eq(a[k], b[k]) for k in a)
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9)
    return a == b


def _diff(got: list[dict], want: list[dict]) -> list[str]:
    g = {(c["start"], c["end"]): c for c in got}
    w = {(c["start"], c["end"]): c for c in want}
    lines = []
    for span in sorted(w.keys() - g.keys()):
        lines.append(f"missing    {span}: {w[span]['text']!r}")
    for span in sorted(g.keys() - w.keys()):
        lines.append(f"unexpected {span}: {g[span]['text']!r} ({g[span]['kind']}, {g[span]['value']})")
    for span in sorted(g.keys() & w.keys()):
        for f in FIELDS:
            if not _eq(g[span][f], w[span][f]):
                lines.append(f"changed    {span} {w[span]['text']!r}: {f} {w[span][f]!r} -> {g[span][f]!r}")
    return lines


def test_every_seed_has_a_fixture() -> None:
    assert SEEDS, "seeds/ is empty"
    for path in SEEDS:
        assert (ROOT / "fixtures" / "seeds" / f"{path.stem}.claims.json").is_file(), path.name


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_matches_hand_checked_fixture(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fixture = json.loads((ROOT / "fixtures" / "seeds" / f"{path.stem}.claims.json").read_text(encoding="utf-8"))
    want = fixture["claims"]
    for c in want:  # the fixture itself must be true to the text
        assert text[c["start"]:c["end"]] == c["text"], c
    got = [c.to_dict() for c in extract_text(text, doc=path.stem)]
    problems = _diff(got, want)
    assert not problems, "\n".join([f"{path.name}: {len(problems)} differences"] + problems)


def test_reference_list_yields_nothing() -> None:
    """003 ends with a footnoted reference list: years, volumes, pages and URLs are not claims."""
    path = ROOT / "seeds" / "003_eb2aac36d509a584.txt"
    text = path.read_text(encoding="utf-8")
    refs_start = text.index("[i] ")
    refs_start = text.index("\n[i]", refs_start) if "\n[i]" in text[refs_start:] else refs_start
    claims = [c for c in extract_text(text, doc="003") if c.start >= refs_start]
    assert claims == []


def test_gdp_share_figures_present() -> None:
    """The two SCO GDP-share figures the conflicts stage must see."""
    a = extract_text((ROOT / "seeds" / "002_04f956aaa8e4f8e2.txt").read_text(encoding="utf-8"), doc="002")
    b = extract_text((ROOT / "seeds" / "003_eb2aac36d509a584.txt").read_text(encoding="utf-8"), doc="003")
    pct = [c for c in a if c.text == "30 per cent"]
    third = [c for c in b if c.text == "a third"]
    assert pct and pct[0].qualifier == "approximately" and pct[0].normalized_unit == "percent"
    assert third and math.isclose(third[0].normalized_value, 100 / 3) and third[0].normalized_unit == "percent"
