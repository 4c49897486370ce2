"""Exact output of ``kzfacts.conflicts_report`` for a small hand-built analysis."""

from __future__ import annotations

import io
import json
from dataclasses import replace

from rich.console import Console

from kzfacts.conflicts import ConflictAnalysis, analyze
from kzfacts.conflicts_report import CSV_COLUMNS, render_table, write_csv, write_json, write_jsonl
from kzfacts.model import Claim, Conflict


def _claim(where: tuple[str, int, int, int], text: str, sentence: str, figure: tuple[float, float, str, str]) -> Claim:
    """``where``: (doc, start, line, col); ``figure``: (value, normalized value, kind, qualifier)."""
    doc, start, line, col = where
    value, norm, kind, qualifier = figure
    return Claim(doc=doc, start=start, end=start + len(text), line=line, col=col, text=text, sentence=sentence,
                 value=value, value_high=None, unit=None, noun=None, kind=kind, normalized_value=norm,
                 normalized_unit="percent", qualifier=qualifier, low=norm, high=norm, change=None,
                 subject="world's GDP", time=None)


ABOUT_30 = _claim(("002", 41, 5, 42), "30 per cent", "These countries account for about 30 per cent of the world's GDP.", (30.0, 30.0, "percent", "approximately"))
HALF = _claim(("003", 128, 45, 16), "half", "The SCO covers half of the world's GDP.[xv]", (0.5, 50.0, "fraction", "exact"))
CONFLICT = Conflict(id="g1", subject="world's GDP", kind="percent", claims=(ABOUT_30, HALF), relative_spread=0.4,
                    reason="30% vs 50%: 40% apart, beyond ±10% for 'about'; years: unstated", conflicting=True,
                    unit="percent")
AGREE_A = _claim(("004", 10, 2, 14), "40 percent", "Members hold 40 percent of the world's population.", (40.0, 40.0, "percent", "exact"))
AGREE_B = _claim(("005", 20, 7, 21), "40 percent", "The bloc is home to 40 percent of the world's population.", (40.0, 40.0, "percent", "exact"))
AGREEING = Conflict(id="g2", subject="world's population", kind="percent", claims=(AGREE_A, AGREE_B),
                    relative_spread=0.0, reason="2 figures agree (40%); confirmed by 2 documents; years: unstated",
                    conflicting=False, unit="percent")
ANALYSIS = ConflictAnalysis(groups=[CONFLICT, AGREEING], claims_read=7)

EXPECTED_JSON = """\
{
  "conflicts": [
    {
      "id": "g1",
      "subject": "world's GDP",
      "kind": "percent",
      "claims": [
        "002:41-52",
        "003:128-132"
      ],
      "docs": [
        "002",
        "003"
      ],
      "values": [
        {
          "claim": "002:41-52",
          "text": "30 per cent",
          "value": 30.0,
          "unit": "percent",
          "low": 30.0,
          "high": 30.0,
          "qualifier": "approximately",
          "time": null
        },
        {
          "claim": "003:128-132",
          "text": "half",
          "value": 50.0,
          "unit": "percent",
          "low": 50.0,
          "high": 50.0,
          "qualifier": "exact",
          "time": null
        }
      ],
      "relative_spread": 0.4,
      "reason": "30% vs 50%: 40% apart, beyond ±10% for 'about'; years: unstated",
      "conflicting": true
    }
  ]
}
"""

EXPECTED_CSV = (
    "group,subject,kind,unit,time,conflicting,relative_spread,reason,claim,doc,line,col,text,value,"
    "normalized_value,normalized_unit,qualifier,low,high,claim_time,sentence\r\n"
    "g1,world's GDP,percent,percent,,true,0.4,\"30% vs 50%: 40% apart, beyond ±10% for 'about'; years: unstated\","
    "002:41-52,002,5,42,30 per cent,30.0,30.0,percent,approximately,30.0,30.0,,"
    "These countries account for about 30 per cent of the world's GDP.\r\n"
    "g1,world's GDP,percent,percent,,true,0.4,\"30% vs 50%: 40% apart, beyond ±10% for 'about'; years: unstated\","
    "003:128-132,003,45,16,half,0.5,50.0,percent,exact,50.0,50.0,,The SCO covers half of the world's GDP.[xv]\r\n"
)


def test_json_exact() -> None:
    out = io.StringIO()
    write_json(out, ANALYSIS, show_all=False)
    assert out.getvalue() == EXPECTED_JSON


def test_json_show_all_includes_agreeing_groups() -> None:
    out = io.StringIO()
    write_json(out, ANALYSIS, show_all=True)
    groups = json.loads(out.getvalue())["conflicts"]
    assert [(g["id"], g["conflicting"]) for g in groups] == [("g1", True), ("g2", False)]


def test_jsonl_one_group_per_line() -> None:
    out = io.StringIO()
    write_jsonl(out, ANALYSIS, show_all=True)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [CONFLICT.to_dict(), AGREEING.to_dict()]
    assert out.getvalue().endswith("\n")


def test_jsonl_flushes_in_batches() -> None:
    """Flushed every _JSONL_BATCH lines and after the last (a flush per line cost more than the lines)."""
    from kzfacts.conflicts_report import _JSONL_BATCH

    class Recorder(io.StringIO):
        flushed: list[str]

        def flush(self) -> None:
            self.flushed = [*getattr(self, "flushed", []), self.getvalue()]

    out = Recorder()
    write_jsonl(out, ANALYSIS, show_all=True)
    assert len(out.flushed) == 1 and out.flushed[0].count("\n") == 2
    many = ConflictAnalysis(groups=[CONFLICT] * (_JSONL_BATCH + 1), claims_read=2)
    out = Recorder()
    write_jsonl(out, many, show_all=True)
    assert [f.count("\n") for f in out.flushed] == [_JSONL_BATCH, _JSONL_BATCH + 1]


def test_csv_exact() -> None:
    out = io.StringIO(newline="")
    write_csv(out, ANALYSIS, show_all=False)
    assert out.getvalue() == EXPECTED_CSV


def test_csv_dialect_and_header_only_when_empty() -> None:
    out = io.StringIO(newline="")
    write_csv(out, ConflictAnalysis(groups=[AGREEING], claims_read=2), show_all=False, dialect="excel-tab")
    assert out.getvalue() == "\t".join(CSV_COLUMNS) + "\r\n"


def _render(analysis: ConflictAnalysis, *, show_all: bool, documents: int) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    render_table(console, analysis, show_all=show_all, documents=documents)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_table_shows_subject_reason_figures_and_summary() -> None:
    text = _render(ANALYSIS, show_all=False, documents=5)
    assert "CONFLICT: world's GDP" in text
    assert "30% vs 50%: 40% apart, beyond ±10% for 'about'; years: unstated" in text
    assert "45:16" in text and "002" in text and "003" in text
    assert "about 30 per cent" in text and "50%" in text  # as written, with its hedge
    assert "[xv]" in text  # document text is never read as rich markup
    assert "world's population" not in text  # agreeing groups only with show_all
    assert text.rstrip().endswith("5 documents read, 7 claims, 2 groups compared, 1 conflict")


def test_table_show_all_lists_agreeing_groups() -> None:
    text = _render(ANALYSIS, show_all=True, documents=5)
    assert "agree: world's population" in text
    assert "confirmed by 2 documents" in text


def test_table_highlights_the_figure_in_its_sentence() -> None:
    console = Console(file=io.StringIO(), width=120, force_terminal=True, color_system="standard")
    render_table(console, ANALYSIS, show_all=False, documents=2)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;31m30 per cent\x1b[0m" in out
    assert "\x1b[1;31mhalf\x1b[0m" in out


def test_table_without_conflicts() -> None:
    text = _render(ConflictAnalysis(groups=[], claims_read=0), show_all=False, documents=1)
    assert "No conflicting figures found." in text
    assert "1 document read, 0 claims, 0 groups compared, 0 conflicts" in text


def test_renders_a_real_analysis() -> None:
    sentence_a = "These countries collectively account for about 30 per cent of the world's GDP."
    sentence_b = "The SCO covers a third of the world's GDP."
    a = _claim(("002", 41, 5, 42), "30 per cent", sentence_a, (30.0, 30.0, "percent", "approximately"))
    b = _claim(("003", 15, 45, 16), "a third", sentence_b, (1 / 3, 100 / 3, "fraction", "exact"))
    analysis = analyze([a, b])
    text = _render(analysis, show_all=False, documents=2)
    assert "30% vs 33.33%: 10% apart, beyond ±10% for 'about'; years: unstated" in text
    out = io.StringIO()
    write_json(out, analysis, show_all=False)
    assert json.loads(out.getvalue())["conflicts"][0]["claims"] == [a.id, b.id]


# --------------------------------------------------------------------------- conflict_json == json.dumps(to_dict())
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kzfacts.conflicts_report import conflict_json  # noqa: E402

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8) | st.sampled_from(['"', "\\", "\n", "é", "😀"])
_plain_float = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([0.0, -0.0, 1e16, 0.1, 5e-324])
_odd_number = st.sampled_from([float("nan"), float("inf"), float("-inf"), 0, 3, -2])


@st.composite
def _conflicts(draw: st.DrawFn, odd: bool = False) -> Conflict:
    """A group; with ``odd``, one number somewhere is one json writes its own way (NaN, inf, an int)."""
    n = draw(st.integers(1, 4))
    spots = [None] * (3 * n + 1)
    if odd:
        spots[draw(st.integers(0, len(spots) - 1))] = draw(_odd_number)

    def number(k: int, maybe: bool) -> float | None:
        if spots[k] is not None:
            return spots[k]
        return draw((st.none() | _plain_float) if maybe else _plain_float)

    claims = tuple(
        Claim(doc=draw(_text), start=draw(st.integers(0, 10**6)), end=draw(st.integers(0, 10**6)), line=1, col=1,
              text=draw(_text), sentence="s", value=1.0, value_high=None, unit=None, noun=None, kind="percent",
              normalized_value=number(3 * k, False), normalized_unit=draw(st.none() | _text), qualifier=draw(_text),
              low=number(3 * k + 1, True), high=number(3 * k + 2, True), change=None, subject=None,
              time=draw(st.none() | _text))
        for k in range(n))
    return Conflict(id=draw(_text), subject=draw(_text), kind=draw(_text), claims=claims,
                    relative_spread=number(3 * n, False), reason=draw(_text), conflicting=draw(st.booleans()))


@settings(max_examples=200, deadline=None)
@given(_conflicts())
def test_conflict_json_is_what_json_writes(group: Conflict) -> None:
    assert conflict_json(group) == json.dumps(group.to_dict(), ensure_ascii=False)


@settings(max_examples=200, deadline=None)
@given(_conflicts(odd=True))
def test_conflict_json_leaves_odd_numbers_to_json(group: Conflict) -> None:
    assert conflict_json(group) == json.dumps(group.to_dict(), ensure_ascii=False)


def test_conflict_json_leaves_odd_fields_to_json() -> None:
    for odd in (replace(CONFLICT, conflicting=1), replace(CONFLICT, claims=(replace(ABOUT_30, time=2023),)),
                replace(CONFLICT, subject=None)):
        assert conflict_json(odd) == json.dumps(odd.to_dict(), ensure_ascii=False)


def test_write_jsonl_many_groups_in_batches() -> None:
    groups = [Conflict(id=f"g{i}", subject="s", kind="percent", claims=(ABOUT_30, HALF), relative_spread=0.4,
                       reason="r", conflicting=True) for i in range(2345)]
    fp = io.StringIO()
    write_jsonl(fp, ConflictAnalysis(groups=groups, claims_read=2), show_all=True)
    assert fp.getvalue() == "".join(json.dumps(g.to_dict(), ensure_ascii=False) + "\n" for g in groups)
