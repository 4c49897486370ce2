"""Output: formats, streams and writers for claims. No extraction logic here.

Writers stream: sinks take a document's claims in batches (``pipeline.iter_claim_batches``: one
per ~64K characters of text, a few milliseconds of work), and ``jsonl`` and ``csv``/``tsv``
write and flush each batch as it comes; ``table`` prints one rich table per document. ``json``
must keep the envelope's key order ``tool, documents, claims``, but documents are known only after every input was read; so the
claims are serialized one at a time into a spooled temporary file (in memory up to 1 MB, then
on disk) and copied out after the documents list. Nothing holds all claims as one string.

CSV/TSV cells are written as-is: no spreadsheet formula escaping, because a text like ``-5%``
or ``+3`` must stay a value a spreadsheet reads as a number. Do not open untrusted output in a
spreadsheet that evaluates formulas without checking it.
"""

from __future__ import annotations

import errno
import io
import math
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, TextIO

if TYPE_CHECKING:
    from rich.console import Console

from kzfacts.model import CLAIM_FIELDS, Claim, Document

__all__ = [
    "CSV_FIELDS", "ClaimSink", "Format", "Streams", "atomic_output", "claim_json", "dumps", "open_claim_sink",
    "resolve_format", "write_csv", "write_json", "write_jsonl",
]

BOM = "\ufeff"

# CSV columns: the contract's order with ``normalized`` flattened in place.
CSV_FIELDS: tuple[str, ...] = tuple(
    col for f in CLAIM_FIELDS for col in (("normalized_value", "normalized_unit") if f == "normalized" else (f,))
)


class Format(StrEnum):
    """Output formats, shared by ``extract`` and ``conflicts``."""

    AUTO = "auto"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    TABLE = "table"


_SUFFIX_FORMATS = {".json": Format.JSON, ".jsonl": Format.JSONL, ".ndjson": Format.JSONL,
                   ".csv": Format.CSV, ".tsv": Format.TSV}


def resolve_format(fmt: Format, *, stdout_isatty: bool, output: str | None = None) -> Format:
    """Decide ``auto`` once: by the ``-o`` file's suffix if given, else table on a TTY, jsonl otherwise.

    >>> resolve_format(Format.AUTO, stdout_isatty=False)
    <Format.JSONL: 'jsonl'>
    >>> resolve_format(Format.AUTO, stdout_isatty=True, output="out.csv")
    <Format.CSV: 'csv'>
    """
    if fmt is not Format.AUTO:
        return fmt
    if output is not None and output != "-":
        return _SUFFIX_FORMATS.get(os.path.splitext(output)[1].lower(), Format.JSONL)
    return Format.TABLE if stdout_isatty else Format.JSONL


class Streams:
    """The process's streams, built once by the CLI and replaced by tests (httpie's Environment).

    What ``@dataclass`` would make of the four fields, written out: generating it costs ~3 M
    instructions of every start-up (``exec`` of generated code).
    """

    __match_args__ = ("stdin", "stdout", "stderr", "stdout_isatty")

    def __init__(self, stdin: BinaryIO, stdout: TextIO, stderr: TextIO, stdout_isatty: bool) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.stdout_isatty = stdout_isatty

    def __repr__(self) -> str:
        return (f"{type(self).__qualname__}(stdin={self.stdin!r}, stdout={self.stdout!r}, stderr={self.stderr!r}, "
                f"stdout_isatty={self.stdout_isatty!r})")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return ((self.stdin, self.stdout, self.stderr, self.stdout_isatty)
                == (other.stdin, other.stdout, other.stderr, other.stdout_isatty))  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # (as a dataclass with eq and not frozen)

    @classmethod
    def from_sys(cls) -> Streams:
        out = sys.stdout
        if isinstance(out, io.TextIOWrapper):
            # Data is UTF-8 whatever the locale, and csv writes its own CRLF line ends.
            out.reconfigure(encoding="utf-8", newline="")
        isatty = getattr(out, "isatty", None)
        return cls(stdin=sys.stdin.buffer, stdout=out, stderr=sys.stderr, stdout_isatty=bool(isatty and isatty()))


def dumps(obj: Any) -> str:
    """One JSON value on one line: UTF-8 text kept as is, NaN/Infinity refused (not JSON)."""
    import json  # (imported where used: the json package costs ~5 M instructions of start-up, and
    # jsonl output needs only the escaper below)

    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


try:  # the escaper json.dumps(ensure_ascii=False) uses (json.encoder.encode_basestring is this C function)
    from _json import encode_basestring as _string
except ImportError:  # an interpreter without the C accelerator
    from json.encoder import encode_basestring as _string
_float = float.__repr__  # how json writes a float


def _opt(s: str | None) -> str:
    return "null" if s is None else _string(s)


def _opt_float(x: float | None) -> str:
    return "null" if x is None else _float(x)


def _plain(x: object) -> bool:
    """None or a finite float: what ``_opt_float`` writes as json does."""
    return x is None or (type(x) is float and math.isfinite(x))


def claim_json(c: Claim) -> str:
    """``dumps(c.to_dict())``, the same characters, written out field by field.

    json.dumps costs ~10 µs a claim (an encoder built per call, then a walk of the dict) and
    to_dict 1.5 µs more: half of what `extract --format jsonl` spends after extraction. This is
    ~4.5 µs. Anything json would write differently (a non-finite or non-float number, an int
    that is a bool, a non-string text) goes through dumps, which writes or refuses it.
    """
    v, vh, nv, lo, hi = c.value, c.value_high, c.normalized_value, c.low, c.high
    if not (_plain(v) and _plain(vh) and _plain(nv) and _plain(lo) and _plain(hi)
            and type(c.start) is int and type(c.end) is int and type(c.line) is int and type(c.col) is int):
        return dumps(c.to_dict())
    try:  # v and nv are not None here unless a claim was built wrong: _float(None) raises TypeError
        return (f'{{"id": {_string(c.id)}, "doc": {_string(c.doc)}, "start": {c.start}, "end": {c.end}, '
                f'"line": {c.line}, "col": {c.col}, "text": {_string(c.text)}, "sentence": {_string(c.sentence)}, '
                f'"value": {_float(v)}, "value_high": {_opt_float(vh)}, "unit": {_opt(c.unit)}, '
                f'"noun": {_opt(c.noun)}, "kind": {_string(c.kind)}, '
                f'"normalized": {{"value": {_float(nv)}, "unit": {_opt(c.normalized_unit)}}}, '
                f'"qualifier": {_string(c.qualifier)}, "low": {_opt_float(lo)}, "high": {_opt_float(hi)}, '
                f'"change": {_opt(c.change)}, "subject": {_opt(c.subject)}, "time": {_opt(c.time)}}}')
    except TypeError:  # a field that is not a string: json's own rules (it writes or refuses it)
        return dumps(c.to_dict())


class ClaimSink(Protocol):
    def add(self, document: Document, batches: Iterable[Sequence[Claim]]) -> None: ...
    def close(self) -> None: ...


class _JsonlSink:
    def __init__(self, fp: TextIO) -> None:
        self.fp = fp

    def add(self, document: Document, batches: Iterable[Sequence[Claim]]) -> None:
        for batch in batches:
            self.fp.write("".join([claim_json(claim) + "\n" for claim in batch]))
            self.fp.flush()

    def close(self) -> None:
        self.fp.flush()


class _CsvSink:
    def __init__(self, fp: TextIO, dialect: str) -> None:
        import csv  # (imported where used: only csv/tsv output needs it)

        self.fp = fp
        self.writer = csv.writer(fp, dialect=dialect)
        self.writer.writerow(CSV_FIELDS)

    def add(self, document: Document, batches: Iterable[Sequence[Claim]]) -> None:
        for batch in batches:
            self.writer.writerows([_csv_row(claim) for claim in batch])
            self.fp.flush()

    def close(self) -> None:
        self.fp.flush()


def _csv_row(claim: Claim) -> list[Any]:
    d = claim.to_dict()
    norm = d.pop("normalized")
    d["normalized_value"], d["normalized_unit"] = norm["value"], norm["unit"]
    return ["" if d[f] is None else d[f] for f in CSV_FIELDS]


class _JsonSink:
    def __init__(self, fp: TextIO) -> None:
        self.fp = fp
        self.documents: list[str] = []
        import tempfile  # (imported where used: ~4 ms of every run's start-up otherwise)

        self.spool = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8", newline="")

    def add(self, document: Document, batches: Iterable[Sequence[Claim]]) -> None:
        self.documents.append(dumps(document.to_dict()))
        for batch in batches:
            self.spool.write("".join([claim_json(claim) + "\n" for claim in batch]))

    def close(self) -> None:
        with self.spool:
            self.spool.seek(0)
            _write_envelope(self.fp, self.documents, (line.rstrip("\n") for line in self.spool))


def _write_envelope(fp: TextIO, documents: Iterable[str], claims: Iterable[str]) -> None:
    """``{"tool", "documents", "claims"}`` with one document or claim per line."""
    from kzfacts import __version__  # read from the installed metadata: only the json envelope needs it

    fp.write('{"tool": ' + dumps({"name": "kzfacts", "version": __version__}) + ",\n")
    _write_array(fp, "documents", documents)
    fp.write(",\n")
    _write_array(fp, "claims", claims)
    fp.write("}\n")
    fp.flush()


def _write_array(fp: TextIO, key: str, items: Iterable[str]) -> None:
    fp.write(f' "{key}": [')
    first = True
    for item in items:
        fp.write(("\n  " if first else ",\n  ") + item)
        first = False
    fp.write("]" if first else "\n ]")


class _TableSink:
    """One rich table per document, for people at a terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.documents = 0
        self.claims = 0

    def add(self, document: Document, batches: Iterable[Sequence[Claim]]) -> None:
        claims = [claim for batch in batches for claim in batch]  # a table needs them all before it prints
        self.documents += 1
        self.claims += len(claims)
        if not claims:
            self.console.print(f"{document.doc} ({document.path}): no claims", markup=False, style="dim")
            return
        from rich.table import Table

        table = Table(title=f"{document.doc} ({document.path})", title_justify="left")
        table.add_column("line:col", justify="right", no_wrap=True)
        table.add_column("text", ratio=2)
        table.add_column("value", justify="right", ratio=1)
        for column in ("unit", "kind", "qualifier"):
            table.add_column(column)
        table.add_column("subject", ratio=2)
        table.add_column("time")
        for c in claims:
            value = _num(c.value) if c.value_high is None else f"{_num(c.value)}–{_num(c.value_high)}"
            table.add_row(f"{c.line}:{c.col}", c.text, value, c.unit or "", c.kind,
                          "" if c.qualifier == "exact" else c.qualifier, c.subject or "", c.time or "")
        self.console.print(table)

    def close(self) -> None:
        s = "" if self.claims == 1 else "s"
        self.console.print(f"{self.claims} claim{s} in {self.documents} documents", markup=False)
        self.console.file.flush()


def _num(value: float) -> str:
    """
    >>> _num(41e9), _num(0.5), _num(-3.0)
    ('41,000,000,000', '0.5', '-3')
    """
    return format(value, ",.15g")


@cache
def _data_console() -> type[Console]:
    """rich's Console, for data on stdout: a closed pipe raises ``BrokenPipeError`` like every
    other writer, for the CLI to handle (rich's default calls ``sys.exit(1)`` itself).

    Built on first use: rich costs ~40 ms to import, and only the table format needs it.
    """
    from rich.console import Console

    class DataConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return DataConsole


def table_console(fp: TextIO, *, terminal: bool) -> Console:
    """A rich console on ``fp`` (colours only when ``fp`` is the user's terminal)."""
    return _data_console()(file=fp, force_terminal=terminal or None, no_color=not terminal, highlight=False,
                           soft_wrap=False)


def open_claim_sink(fmt: Format, fp: TextIO, *, terminal: bool = False) -> ClaimSink:
    """A writer for ``fmt`` (already resolved, not ``auto``) that streams to ``fp``."""
    if fmt is Format.JSONL:
        return _JsonlSink(fp)
    if fmt is Format.JSON:
        return _JsonSink(fp)
    if fmt is Format.CSV:
        return _CsvSink(fp, "excel")
    if fmt is Format.TSV:
        return _CsvSink(fp, "excel-tab")
    if fmt is Format.TABLE:
        return _TableSink(table_console(fp, terminal=terminal))
    raise ValueError(f"unresolved format {fmt!r}")


def write_jsonl(fp: TextIO, claims: Iterable[Claim]) -> None:
    """One claim per line, flushed after each."""
    sink = _JsonlSink(fp)
    for claim in claims:
        sink.add(_NO_DOC, ((claim,),))
    sink.close()


def write_csv(fp: TextIO, claims: Iterable[Claim], *, dialect: str = "excel") -> None:
    """Header then one row per claim; ``excel`` ends lines with CRLF, ``excel-tab`` for TSV."""
    sink = _CsvSink(fp, dialect)
    for claim in claims:
        sink.add(_NO_DOC, ((claim,),))
    sink.close()


def write_json(fp: TextIO, documents: Iterable[Document], claims: Iterable[Claim]) -> None:
    """The contract's envelope ``{"tool", "documents", "claims"}``, claims serialized one by one."""
    _write_envelope(fp, (dumps(d.to_dict()) for d in documents), (claim_json(c) for c in claims))


_NO_DOC = Document(doc="", path="", sha256="", chars=0)


@contextmanager
def atomic_output(path: str, *, bom: bool = False) -> Iterator[TextIO]:
    """Write ``path`` all or nothing: a temporary file in the same directory, renamed on success.

    On any exception (including Ctrl-C) the temporary file is removed and ``path`` is untouched.
    """
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fp:
            if bom:
                fp.write(BOM)
            yield fp
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _file_mode(path: str) -> int:
    """Keep an existing file's permissions; a new file gets the usual ``0o666 & ~umask``."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def open_output(path: str | None, stdout: TextIO, *, bom: bool = False) -> Iterator[TextIO]:
    """``-o FILE`` (atomic) or stdout when ``path`` is None or ``-``."""
    if path is None or path == "-":
        if bom:
            stdout.write(BOM)
        yield stdout
        stdout.flush()
    else:
        with atomic_output(path, bom=bom) as fp:
            yield fp
