"""Exact output of ``kzfacts.conflicts_report`` for a small hand-built analysis."""

from __future__ import annotations

import io
import json

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


def test_jsonl_flushes_each_line() -> None:
    class Recorder(io.StringIO):
        flushed: list[str]

        def flush(self) -> None:
            self.flushed = [*getattr(self, "flushed", []), self.getvalue()]

    out = Recorder()
    write_jsonl(out, ANALYSIS, show_all=True)
    assert len(out.flushed) == 2
    assert out.flushed[0].count("\n") == 1


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
