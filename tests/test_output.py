"""Writers: exact bytes per format on hand-built claims (no extractor involved)."""

from __future__ import annotations

import io
import json
import os
import stat
from dataclasses import replace

import pytest
from conftest import CLAIM_41BN, CLAIM_NEGATIVE, CLAIM_RANGE
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import __version__
from kzfacts.model import CLAIM_FIELDS, Claim, Document, Kind, Qualifier
from kzfacts.output import (
    CSV_FIELDS,
    Format,
    atomic_output,
    claim_json,
    dumps,
    open_claim_sink,
    open_output,
    resolve_format,
    write_csv,
    write_json,
    write_jsonl,
)

DOC = Document(doc="d", path="a/d.txt", sha256="ab" * 32, chars=30)

JSON_41BN = (
    '{"id": "d:10-21", "doc": "d", "start": 10, "end": 21, "line": 1, "col": 11, "text": "$41 billion", '
    '"sentence": "Trade hit $41 billion in 2023.", "value": 41.0, "value_high": null, "unit": "USD", '
    '"noun": null, "kind": "money", "normalized": {"value": 41000000000.0, "unit": "USD"}, '
    '"qualifier": "exact", "low": null, "high": null, "change": null, "subject": "trade", "time": "2023"}'
)
JSON_RANGE = (
    '{"id": "d:12-16", "doc": "d", "start": 12, "end": 16, "line": 2, "col": 1, "text": "5–7%", '
    '"sentence": "Prices rose 5–7% in \\"Almaty, Kazakhstan\\".", "value": 5.0, "value_high": 7.0, '
    '"unit": "%", "noun": null, "kind": "percent", "normalized": {"value": 0.05, "unit": null}, '
    '"qualifier": "range", "low": 5.0, "high": 7.0, "change": "increase", "subject": null, "time": null}'
)
CSV_HEADER = (
    "id,doc,start,end,line,col,text,sentence,value,value_high,unit,noun,kind,"
    "normalized_value,normalized_unit,qualifier,low,high,change,subject,time\r\n"
)
CSV_41BN = "d:10-21,d,10,21,1,11,$41 billion,Trade hit $41 billion in 2023.,41.0,,USD,,money,41000000000.0,USD,exact,,,,trade,2023\r\n"
CSV_RANGE = 'd:12-16,d,12,16,2,1,5–7%,"Prices rose 5–7% in ""Almaty, Kazakhstan"".",5.0,7.0,%,,percent,0.05,,range,5.0,7.0,increase,,\r\n'


def test_csv_fields_flatten_normalized_in_contract_order():
    i = CLAIM_FIELDS.index("normalized")
    assert CSV_FIELDS == (*CLAIM_FIELDS[:i], "normalized_value", "normalized_unit", *CLAIM_FIELDS[i + 1:])


def test_jsonl_exact():
    fp = io.StringIO()
    write_jsonl(fp, [CLAIM_41BN, CLAIM_RANGE])
    assert fp.getvalue() == JSON_41BN + "\n" + JSON_RANGE + "\n"


class FlushLog(io.StringIO):
    """Records what had been written at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed: list[str] = []

    def flush(self) -> None:
        self.flushed.append(self.getvalue())


def test_jsonl_sink_writes_and_flushes_each_batch():
    """The CLI's sink: one write and one flush per batch (a chunk of text), not per claim."""
    fp = FlushLog()
    sink = open_claim_sink(Format.JSONL, fp)
    sink.add(DOC, [[CLAIM_41BN, CLAIM_RANGE], [CLAIM_41BN]])
    assert fp.flushed == [JSON_41BN + "\n" + JSON_RANGE + "\n", JSON_41BN + "\n" + JSON_RANGE + "\n" + JSON_41BN + "\n"]


def test_csv_sink_flushes_each_batch():
    fp = FlushLog()
    sink = open_claim_sink(Format.CSV, fp)
    sink.add(DOC, [[CLAIM_41BN], [CLAIM_RANGE]])
    assert fp.flushed == [CSV_HEADER + CSV_41BN, CSV_HEADER + CSV_41BN + CSV_RANGE]


texts = st.text(st.characters(codec=None), max_size=12)  # any code point, lone surrogates included
numbers = st.one_of(st.floats(), st.integers(-10**20, 10**20), st.booleans())
optional_numbers = st.one_of(st.none(), numbers)
optional_texts = st.one_of(st.none(), texts)


@given(st.builds(
    Claim, doc=texts, start=st.one_of(st.integers(0, 10**12), st.booleans()), end=st.integers(0, 10**12),
    line=st.integers(1, 10**6), col=st.integers(1, 10**6), text=texts, sentence=texts, value=numbers,
    value_high=optional_numbers, unit=optional_texts, noun=optional_texts, kind=st.sampled_from(list(Kind)),
    normalized_value=numbers, normalized_unit=optional_texts, qualifier=st.one_of(texts, st.sampled_from(list(Qualifier))),
    low=optional_numbers, high=optional_numbers, change=optional_texts, subject=st.one_of(optional_texts, st.integers()),
    time=optional_texts,
))
@settings(max_examples=600, deadline=None)
def test_claim_json_is_json_dumps(claim):
    """claim_json writes exactly what json.dumps(to_dict()) writes, and refuses what it refuses."""
    try:
        expected = dumps(claim.to_dict())
    except (ValueError, TypeError) as e:
        with pytest.raises(type(e)):
            claim_json(claim)
        return
    assert claim_json(claim) == expected


def test_jsonl_flushes_after_each_claim():
    fp = FlushLog()
    write_jsonl(fp, [CLAIM_41BN, CLAIM_RANGE])
    assert fp.flushed[:2] == [JSON_41BN + "\n", JSON_41BN + "\n" + JSON_RANGE + "\n"]


def test_jsonl_is_lazy_over_its_input():
    """A claim is written before the next one is even produced (streaming, not collect-then-write)."""
    fp = io.StringIO()
    seen: list[str] = []

    def claims():
        yield CLAIM_41BN
        seen.append(fp.getvalue())
        yield CLAIM_RANGE

    write_jsonl(fp, claims())
    assert seen == [JSON_41BN + "\n"]


def test_json_envelope_exact():
    fp = io.StringIO()
    write_json(fp, [DOC], [CLAIM_41BN, CLAIM_RANGE])
    assert fp.getvalue() == (
        '{"tool": {"name": "kzfacts", "version": "' + __version__ + '"},\n'
        ' "documents": [\n'
        '  {"doc": "d", "path": "a/d.txt", "sha256": "' + "ab" * 32 + '", "chars": 30}\n'
        " ],\n"
        ' "claims": [\n'
        "  " + JSON_41BN + ",\n"
        "  " + JSON_RANGE + "\n"
        " ]}\n"
    )


def test_json_envelope_empty_is_valid_json():
    fp = io.StringIO()
    write_json(fp, [], [])
    text = fp.getvalue()
    assert text.endswith(' "documents": [],\n "claims": []}\n')
    assert json.loads(text) == {"tool": {"name": "kzfacts", "version": __version__}, "documents": [], "claims": []}


def test_json_round_trips_through_claim_from_dict():
    fp = io.StringIO()
    write_json(fp, [DOC], [CLAIM_41BN, CLAIM_RANGE])
    data = json.loads(fp.getvalue())
    assert list(data) == ["tool", "documents", "claims"]
    assert [Claim.from_dict(d) for d in data["claims"]] == [CLAIM_41BN, CLAIM_RANGE]


def test_json_refuses_nan():
    with pytest.raises(ValueError, match="JSON compliant"):
        write_jsonl(io.StringIO(), [replace(CLAIM_41BN, value=float("nan"))])


def test_json_sink_keeps_key_order_when_documents_come_after_claims():
    """The CLI feeds documents and claims together; the envelope still lists documents first."""
    fp = io.StringIO()
    sink = open_claim_sink(Format.JSON, fp)
    sink.add(DOC, [[CLAIM_41BN]])
    sink.add(replace(DOC, doc="e", path="e.txt"), [])
    assert fp.getvalue() == ""  # nothing before the documents are all known
    sink.close()
    data = json.loads(fp.getvalue())
    assert [d["doc"] for d in data["documents"]] == ["d", "e"]
    assert data["claims"] == [CLAIM_41BN.to_dict()]


def test_json_sink_spills_large_outputs_to_disk_and_stays_valid():
    fp = io.StringIO()
    sink = open_claim_sink(Format.JSON, fp)
    many = [replace(CLAIM_41BN, start=i, end=i + 11, sentence="x" * 500) for i in range(3000)]  # > 1 MB
    sink.add(DOC, [many])
    sink.close()
    claims = json.loads(fp.getvalue())["claims"]
    assert len(claims) == 3000
    assert claims[-1]["id"] == "d:2999-3010"


def test_csv_exact_with_crlf_and_quoting():
    fp = io.StringIO(newline="")
    write_csv(fp, [CLAIM_41BN, CLAIM_RANGE])
    assert fp.getvalue() == CSV_HEADER + CSV_41BN + CSV_RANGE


def test_tsv_exact():
    fp = io.StringIO(newline="")
    write_csv(fp, [CLAIM_41BN], dialect="excel-tab")
    assert fp.getvalue() == CSV_HEADER.replace(",", "\t") + CSV_41BN.replace(",", "\t")


def test_csv_does_not_escape_formula_like_cells():
    """Documented choice: "-5%" must stay a number in a spreadsheet, so no leading apostrophe."""
    fp = io.StringIO(newline="")
    write_csv(fp, [CLAIM_NEGATIVE])
    row = fp.getvalue().split("\r\n")[1]
    assert row.startswith("d:40-43,d,40,43,1,11,-5%,")
    assert ",-5.0,,%,,percent,-0.05,," in row


@pytest.mark.parametrize(
    ("fmt", "isatty", "output", "expected"),
    [
        (Format.AUTO, True, None, Format.TABLE),
        (Format.AUTO, False, None, Format.JSONL),
        (Format.AUTO, True, "-", Format.TABLE),
        (Format.AUTO, True, "out/claims.CSV", Format.CSV),
        (Format.AUTO, False, "claims.tsv", Format.TSV),
        (Format.AUTO, False, "claims.json", Format.JSON),
        (Format.AUTO, True, "claims.ndjson", Format.JSONL),
        (Format.AUTO, True, "claims.out", Format.JSONL),
        (Format.CSV, True, "claims.json", Format.CSV),
        (Format.TABLE, False, None, Format.TABLE),
    ],
    ids=str,
)
def test_resolve_format(fmt, isatty, output, expected):
    assert resolve_format(fmt, stdout_isatty=isatty, output=output) is expected


def test_table_sink_lists_claims_per_document():
    fp = io.StringIO()
    sink = open_claim_sink(Format.TABLE, fp)
    sink.add(DOC, [[CLAIM_41BN], [CLAIM_RANGE]])
    sink.add(replace(DOC, doc="e", path="e.txt"), [])
    sink.close()
    out = fp.getvalue()
    assert "d (a/d.txt)" in out
    row = next(line for line in out.splitlines() if "$41 billion" in line)
    for cell in ("1:11", "41", "USD", "money", "trade", "2023"):
        assert cell in row
    assert "5–7" in out and "range" in out
    assert "e (e.txt): no claims" in out
    assert out.rstrip().endswith("2 claims in 2 documents")
    assert "\x1b[" not in out  # no colour codes when not a terminal


def test_atomic_output_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(str(target)) as fp:
        fp.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no temp file left
    with atomic_output(str(target)) as fp:
        fp.write("new\n")
        assert target.read_text() == "old\n"  # not visible until the end
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_atomic_output_new_file_gets_umask_permissions(tmp_path):
    target = tmp_path / "new.csv"
    old = os.umask(0o022)
    try:
        with atomic_output(str(target), bom=True) as fp:
            fp.write("a\r\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's 0o600
    assert target.read_bytes() == b"\xef\xbb\xbfa\r\n"


def test_open_output_to_stdout_writes_bom_first():
    stdout = io.StringIO()
    with open_output(None, stdout, bom=True) as fp:
        fp.write("x")
    assert stdout.getvalue() == "\ufeffx"
