"""Render a ``ConflictAnalysis``: a rich table per group for people, JSON/JSONL/CSV for pipelines.

Only writes to the console or file object it is given. Text from documents is never parsed as
rich markup (sentences contain ``[xii]`` footnote marks), so every cell is a ``rich.text.Text``.
"""

from __future__ import annotations

import csv
import json
import math
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kzfacts.conflicts import ConflictAnalysis, format_value, stated
from kzfacts.model import Claim, Conflict
from kzfacts.output import _float, _opt, _opt_float, _plain, _string

__all__ = ["CSV_COLUMNS", "conflict_json", "render_table", "summary_line", "write_csv", "write_json", "write_jsonl"]

#: One CSV row per (group, claim), in this column order.
CSV_COLUMNS: tuple[str, ...] = (
    "group", "subject", "kind", "unit", "time", "conflicting", "relative_spread", "reason",
    "claim", "doc", "line", "col", "text", "value", "normalized_value", "normalized_unit",
    "qualifier", "low", "high", "claim_time", "sentence",
)

#: Characters of sentence shown either side of the highlighted figure in the terminal.
CONTEXT_CHARS = 110


def summary_line(documents: int, claims: int, groups: int, conflicts: int) -> str:
    """The run's counts, as the table ends and as ``conflicts`` reports on stderr for data formats.

    >>> summary_line(1, 2, 1, 0)
    '1 document read, 2 claims, 1 group compared, 0 conflicts'
    """
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return f"{n(documents, 'document')} read, {n(claims, 'claim')}, {n(groups, 'group')} compared, {n(conflicts, 'conflict')}"


def _selected(analysis: ConflictAnalysis, show_all: bool) -> list[Conflict]:
    return list(analysis.groups) if show_all else analysis.conflicts


def _sentence_text(claim: Claim, style: str) -> Text:
    """The claim's sentence, trimmed around the figure, with the figure highlighted."""
    sentence = " ".join(claim.sentence.split())  # one line: newlines inside a sentence
    pos = sentence.find(claim.text) if claim.text else -1
    if pos < 0:
        return Text(sentence if len(sentence) <= 2 * CONTEXT_CHARS else sentence[: 2 * CONTEXT_CHARS] + "…")
    start = max(0, pos - CONTEXT_CHARS)
    end = min(len(sentence), pos + len(claim.text) + CONTEXT_CHARS)
    if start > 0:  # do not cut a word in two
        space = sentence.find(" ", start, pos)
        start = space + 1 if space >= 0 else start
    if end < len(sentence):
        space = sentence.rfind(" ", pos + len(claim.text), end)
        end = space if space >= 0 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(sentence) else ""
    text = Text(prefix + sentence[start:end] + suffix)
    offset = len(prefix) + pos - start
    text.stylize(style, offset, offset + len(claim.text))
    return text


def _group_table(group: Conflict) -> Table:
    style = "bold red" if group.conflicting else "bold green"
    verdict = "CONFLICT" if group.conflicting else "agree"
    title = Text()
    title.append(f"{verdict}: ", style=style)
    title.append(group.subject, style="bold")
    extra = [group.kind]
    if group.unit and group.unit != group.kind:
        extra.append(group.unit)
    if group.time:
        extra.append(group.time)
    title.append(f"  ({', '.join(extra)})", style="dim")
    caption = Text(group.reason)
    for note in group.notes:
        caption.append(f"\nnote: {note}", style="dim")
    table = Table(title=title, caption=caption, caption_justify="left", title_justify="left",
                  show_lines=True, expand=True)
    table.add_column("document", no_wrap=True)
    table.add_column("line:col", no_wrap=True)
    table.add_column("as written", no_wrap=True)
    table.add_column("normalized", no_wrap=True)
    table.add_column("sentence", ratio=1)
    for c in group.claims:
        table.add_row(
            Text(c.doc),
            Text(f"{c.line}:{c.col}"),
            Text(stated(c)),
            Text(format_value(c) + (f" ({c.time})" if c.time else "")),
            _sentence_text(c, style),
        )
    return table


def render_table(console: Console, analysis: ConflictAnalysis, *, show_all: bool, documents: int) -> None:
    """One table per conflicting group (every group with ``show_all``), then a summary line."""
    shown = _selected(analysis, show_all)
    for group in shown:
        console.print(_group_table(group))
        console.print()
    if not shown:
        console.print(Text("No comparable figures found." if show_all else "No conflicting figures found."))
    n_conf = len(analysis.conflicts)
    summary = Text(summary_line(documents, analysis.claims_read, len(analysis.groups), n_conf))
    if n_conf:
        summary.stylize("bold red", summary.plain.rindex(str(n_conf)))
    console.print(summary)


def write_json(fp: TextIO, analysis: ConflictAnalysis, *, show_all: bool) -> None:
    """``{"conflicts": [Conflict.to_dict(), ...]}`` (all groups with ``show_all``), indented."""
    payload = {"conflicts": [g.to_dict() for g in _selected(analysis, show_all)]}
    json.dump(payload, fp, ensure_ascii=False, indent=2)
    fp.write("\n")


def write_jsonl(fp: TextIO, analysis: ConflictAnalysis, *, show_all: bool) -> None:
    """One ``Conflict.to_dict()`` per line (``conflict_json``), flushed every ``_JSONL_BATCH`` lines."""
    shown = _selected(analysis, show_all)
    for i in range(0, len(shown), _JSONL_BATCH):
        fp.write("".join([conflict_json(g) + "\n" for g in shown[i:i + _JSONL_BATCH]]))
        fp.flush()


#: Lines written (and flushed) at a time: a 1M-claim run has ~70k conflicts, and a write and a flush
#: per line cost more than the lines
_JSONL_BATCH = 1000


def conflict_json(g: Conflict) -> str:
    """``json.dumps(g.to_dict(), ensure_ascii=False)``, the same characters, written out field by field.

    json.dumps costs ~50 µs a group (an encoder per call, then a walk of the dict to_dict built);
    this is a few times less. Anything json would write differently (a non-finite or non-float
    number, a field that is not a string, a bool that is not one) goes through json.dumps, which
    writes it as json does (tests/test_conflicts_report.py compares the two on random groups).
    """
    spread = g.relative_spread
    if type(spread) is not float or not math.isfinite(spread) or type(g.conflicting) is not bool:
        return json.dumps(g.to_dict(), ensure_ascii=False)
    try:
        ids: list[str] = []
        values: list[str] = []
        for c in g.claims:
            v, lo, hi = c.normalized_value, c.low, c.high
            if not (_plain(v) and v is not None and _plain(lo) and _plain(hi)):
                return json.dumps(g.to_dict(), ensure_ascii=False)
            cid = _string(c.id)
            ids.append(cid)
            values.append(f'{{"claim": {cid}, "text": {_string(c.text)}, "value": {_float(v)}, '
                          f'"unit": {_opt(c.normalized_unit)}, "low": {_opt_float(lo)}, "high": {_opt_float(hi)}, '
                          f'"qualifier": {_string(c.qualifier)}, "time": {_opt(c.time)}}}')
        docs = ", ".join([_string(d) for d in g.docs])
        return (f'{{"id": {_string(g.id)}, "subject": {_string(g.subject)}, "kind": {_string(g.kind)}, '
                f'"claims": [{", ".join(ids)}], "docs": [{docs}], "values": [{", ".join(values)}], '
                f'"relative_spread": {_float(spread)}, "reason": {_string(g.reason)}, '
                f'"conflicting": {"true" if g.conflicting else "false"}}}')
    except TypeError:  # a field that is not a string: json's own rules
        return json.dumps(g.to_dict(), ensure_ascii=False)


def _cell(x: object) -> object:
    return "" if x is None else x


def write_csv(fp: TextIO, analysis: ConflictAnalysis, *, show_all: bool, dialect: str = "excel") -> None:
    """One row per (group, claim) with ``CSV_COLUMNS``, stdlib ``csv`` in ``dialect``."""
    writer = csv.writer(fp, dialect=dialect)
    writer.writerow(CSV_COLUMNS)
    for g in _selected(analysis, show_all):
        for c in g.claims:
            writer.writerow([_cell(x) for x in (
                g.id, g.subject, g.kind, g.unit, g.time, "true" if g.conflicting else "false",
                g.relative_spread, g.reason, c.id, c.doc, c.line, c.col, c.text, c.value,
                c.normalized_value, c.normalized_unit, c.qualifier, c.low, c.high, c.time, c.sentence,
            )])
