"""Shared paths (httpie style constants) and helpers for the CLI, output and source tests."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kzfacts.model import Claim
from kzfacts.output import Streams

REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_sessionstart(session):
    """Refuse to test a compiled module older than its source: the tests would run stale code.

    An editable install compiles the pipeline beside its sources (setup.py); Python imports the
    compiled copy, so an edit to the .py is invisible until the next install.
    """
    import importlib.util

    stale = []
    package = REPO_ROOT / "src" / "kzfacts"
    for py in sorted([*package.glob("*.py"), *package.glob("*.c")]):  # mypyc's sources, and C ones
        spec = importlib.util.find_spec(f"kzfacts.{py.stem}")
        origin = Path(spec.origin) if spec is not None and spec.origin else py
        if origin.suffix != ".py" and origin.exists() and origin.stat().st_mtime < py.stat().st_mtime:
            stale.append(py.name)
    if stale:
        pytest.exit(f"compiled modules older than their source: {', '.join(stale)}; rebuild them with "
                    f".venv/bin/pip install -e '.[test]' (KZFACTS_PURE_PYTHON=1 in front installs pure Python)",
                    returncode=4)
SEEDS_ROOT = REPO_ROOT / "seeds"
FIXTURES_ROOT = REPO_ROOT / "fixtures"
BAD_ROOT = FIXTURES_ROOT / "bad"

# fixtures/bad: tiny inputs for the error paths, written as raw bytes.
EMPTY_FILE = BAD_ROOT / "empty.txt"  # 0 bytes: fine, no claims
BINARY_FILE = BAD_ROOT / "binary.txt"  # NUL bytes in the first 8 KB: skipped with a warning
LATIN1_FILE = BAD_ROOT / "latin1.txt"  # b"Caf\xe9 costs \xa315.\n": not UTF-8 at byte 3
BOM_CRLF_FILE = BAD_ROOT / "bom_crlf.txt"  # UTF-8 BOM + CRLF line ends: read as is, BOM dropped
NO_TEXT_DIR = BAD_ROOT / "no_text_files"  # a directory with no *.txt / *.md file

SENTENCE = "Trade hit $41 billion in 2023."

CLAIM_41BN = Claim(
    doc="d", start=10, end=21, line=1, col=11, text="$41 billion", sentence=SENTENCE,
    value=41.0, value_high=None, unit="USD", noun=None, kind="money",
    normalized_value=41e9, normalized_unit="USD", qualifier="exact",
    low=None, high=None, change=None, subject="trade", time="2023",
)
CLAIM_RANGE = Claim(
    doc="d", start=12, end=16, line=2, col=1, text="5–7%", sentence='Prices rose 5–7% in "Almaty, Kazakhstan".',
    value=5.0, value_high=7.0, unit="%", noun=None, kind="percent",
    normalized_value=0.05, normalized_unit=None, qualifier="range",
    low=5.0, high=7.0, change="increase", subject=None, time=None,
)
CLAIM_NEGATIVE = replace(CLAIM_41BN, start=40, end=43, text="-5%", value=-5.0, unit="%", kind="percent",
                         normalized_value=-0.05, normalized_unit=None, subject=None, time=None)


def fake_extract(text: str, *, doc: str) -> list[Claim]:
    """A stand-in extractor for CLI tests that must not depend on the real pipeline:
    one ``count`` claim per whitespace-separated run of digits (a trailing "." is not part of it);
    the sentence is the claim's line."""
    claims = []
    pos = 0
    for token in text.split():
        start = text.index(token, pos)
        pos = start + len(token)
        number = token.rstrip(".")
        if number.isdigit():
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            claims.append(Claim(
                doc=doc, start=start, end=start + len(number), line=text.count("\n", 0, start) + 1,
                col=start - line_start + 1, text=number,
                sentence=text[line_start:line_end if line_end >= 0 else len(text)].strip(),
                value=float(number), value_high=None, unit=None, noun=None, kind="count",
                normalized_value=float(number), normalized_unit=None, qualifier="exact",
                low=None, high=None, change=None, subject=None, time=None,
            ))
    return claims


def fake_batches(text: str, *, doc: str) -> Iterator[list[Claim]]:
    """``fake_extract`` in batches as ``pipeline.iter_claim_batches`` gives them: one per line here."""
    batch: list[Claim] = []
    line = 1
    for claim in fake_extract(text, doc=doc):
        if claim.line != line and batch:
            yield batch
            batch = []
        line = claim.line
        batch.append(claim)
    if batch:
        yield batch


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``kzfacts extract`` use ``fake_extract`` (deterministic output for exact-bytes tests)."""
    monkeypatch.setattr("kzfacts.cli.iter_claim_batches", fake_batches)


class MockStreams(Streams):
    """In-memory streams (httpie's MockEnvironment): read them back with ``out()`` / ``err()``."""

    def __init__(self, *, stdin: bytes = b"", stdout_isatty: bool = False) -> None:
        super().__init__(stdin=io.BytesIO(stdin), stdout=io.StringIO(), stderr=io.StringIO(),
                         stdout_isatty=stdout_isatty)

    def out(self) -> str:
        return self.stdout.getvalue()  # type: ignore[attr-defined]

    def err(self) -> str:
        return self.stderr.getvalue()  # type: ignore[attr-defined]
