"""The C claims reader (kzfacts/_claims.c) reads a claims file as its reference does.

The reference is ``source._read_claims_text``: the whole text decoded, ``json.loads`` per line,
``Claim.from_dict``. ``source.read_claims`` runs the C reader on the lines ``output.claim_json``
writes and the reference on every line the C declines (and on the whole file where it gives up).
Each test compares the two outcomes: the same claims, field by field, with the same types and
reprs (so -0.0 is not 0.0), or the same error with the same message.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from conftest import CLAIM_41BN, CLAIM_NEGATIVE, CLAIM_RANGE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzfacts import source
from kzfacts.model import Claim
from kzfacts.output import claim_json

_claims = pytest.importorskip("kzfacts._claims", reason="the C claims reader is not built (pure-Python install)")

FIELDS = tuple(f.name for f in fields(Claim))
BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines breaks besides "\n"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any text but lone surrogates (UTF-8 cannot hold them) and the line breaks json writes as they are
# (the C gives those files to the reference: test_other_line_breaks_go_to_the_reference).
char = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029")
special = st.sampled_from(['"', "\\", "/", "\x00", "\x01", "\t", "\n", "\r", "\b", "\f", "\x0b", "\x1c", "\x1f",
                           "\x7f", "é", "–", "€", "😀", "\U0010ffff", "\u00a0", "\ufeff", "\\u00e9"])
text = st.lists(st.one_of(char, special), max_size=12).map("".join)
maybe_text = st.none() | text
floats = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([0.0, -0.0, 5e-324, 1.7976931348623157e308,
                                                                            1e16, 1e-7, 0.1, 123456789.125, 1.5,
                                                                            1.55, 15.5, 1.5e-05])
maybe_float = st.none() | floats
ints = st.integers(-(10**18) + 1, 10**18 - 1) | st.integers(-(2**70), 2**70)
claims = st.builds(
    Claim, doc=text, start=ints, end=ints, line=ints, col=ints, text=text, sentence=text, value=floats,
    value_high=maybe_float, unit=maybe_text, noun=maybe_text, kind=text, normalized_value=floats,
    normalized_unit=maybe_text, qualifier=text, low=maybe_float, high=maybe_float, change=maybe_text,
    subject=maybe_text, time=maybe_text,
)


def fingerprint(claim: Claim) -> tuple[tuple[str, str], ...]:
    return tuple((type(getattr(claim, f)).__name__, repr(getattr(claim, f))) for f in FIELDS)


def outcome(read: Any) -> tuple[Any, ...]:
    try:
        found = read()
    except Exception as e:  # noqa: BLE001 (compared, not hidden)
        return ("error", type(e).__name__, str(e))
    return ("claims", [fingerprint(c) for c in found])


def both(path: Path) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """(read_claims's outcome, the reference's outcome) for the file at ``path``."""
    def reference() -> list[Claim]:
        return source._read_claims_text(source.decode(path.read_bytes(), path=str(path)), str(path))

    return outcome(lambda: source.read_claims(str(path))), outcome(reference)


def write(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "facts.jsonl"
    path.write_bytes(raw)
    return path


def declined_lines(raw: bytes) -> list[int] | None:
    """The line numbers the C declines (None: it gives the whole file to the reference)."""
    result = _claims.parse(raw, Claim)
    return None if result is None else [lineno for _, lineno, _, _ in result[1]]


def small_ints(c: Claim) -> bool:
    return all(abs(getattr(c, f)) < 10**18 for f in ("start", "end", "line", "col"))


def test_the_c_reader_is_used() -> None:
    assert source._claims_parser() is _claims.parse
    assert FIELDS == _claims.FIELDS


# --- round trips -----------------------------------------------------------------------------


@SETTINGS
@given(st.lists(claims, max_size=6), st.sampled_from(["\n", "\r\n"]), st.booleans(), st.booleans())
def test_round_trip(tmp_path: Path, found: list[Claim], end: str, blank: bool, last_end: bool) -> None:
    lines = [claim_json(c) for c in found]
    if blank:
        lines = [x for line in lines for x in (line, "", " \t")]
    raw = (end.join(lines) + (end if last_end else "")).encode("utf-8")
    declined = declined_lines(raw)
    assert declined is not None
    assert [i + 1 for i, c in enumerate(found) if not small_ints(c)] == [
        (n + 2) // 3 if blank else n for n in declined]  # every line but those with ints of 19+ digits
    got, expected = both(write(tmp_path, raw))
    assert got == expected
    assert got == ("claims", [fingerprint(c) for c in found])


@SETTINGS
@given(st.lists(claims.filter(small_ints), min_size=1, max_size=4))
def test_every_escape(tmp_path: Path, found: list[Claim]) -> None:
    """Lines as json.dumps writes them with ensure_ascii (every non-ASCII character a \\uXXXX
    escape, surrogate pairs for the astral ones) are read by the C too, as json reads them."""
    raw = "".join(json.dumps(c.to_dict(), ensure_ascii=True) + "\n" for c in found).encode("ascii")
    assert declined_lines(raw) == []
    got, expected = both(write(tmp_path, raw))
    assert got == expected == ("claims", [fingerprint(c) for c in found])


@pytest.mark.parametrize(("escaped", "char"), [
    ("\\ud83d\\ude00", "\U0001f600"), ("\\uD83D\\uDE00", "\U0001f600"), ("\\udbff\\udfff", "\U0010ffff"),
    ("\\ud800\\udc00", "\U00010000"), ("\\u0000", "\x00"), ("\\u00E9\\/\\b\\f\\r", "é/\b\f\r"), ("\\uFFFF", "\uffff"),
])
def test_escapes(tmp_path: Path, escaped: str, char: str) -> None:
    raw = LINE.replace("$41 billion", f"a{escaped}b").encode()
    assert declined_lines(raw) == []
    assert source.read_claims(str(write(tmp_path, raw)))[0].text == f"a{char}b"


@pytest.mark.parametrize(("low", "high"), [(1.5, 1.55), (1.55, 1.5), (1.5, 15.5), (15.5, 1.5), (1.5, 1.5e-05)])
def test_floats_shared_only_when_written_the_same(tmp_path: Path, low: float, high: float) -> None:
    claim = replace(CLAIM_41BN, normalized_value=low, low=low, high=high)
    raw = (claim_json(claim) + "\n").encode()
    assert declined_lines(raw) == []
    assert source.read_claims(str(write(tmp_path, raw))) == [claim]


def test_known_claims_and_shared_strings(tmp_path: Path) -> None:
    found = [CLAIM_41BN, CLAIM_NEGATIVE, CLAIM_RANGE, replace(CLAIM_41BN, low=41e9, high=41e9)]
    raw = "".join(claim_json(c) + "\n" for c in found).encode()
    assert declined_lines(raw) == []
    read = source.read_claims(str(write(tmp_path, raw)))
    assert read == found
    # shared: the previous line's sentence, short values; equal values either way
    assert read[0].sentence is read[1].sentence and read[0].doc is read[2].doc and read[0].kind is read[3].kind
    assert read[3].low is read[3].normalized_value and read[3].high is read[3].low  # (the same characters)
    assert read[0].low is None and read[2].low == 5.0 and type(read[2].start) is int


# --- lines the C declines --------------------------------------------------------------------

LINE = claim_json(CLAIM_41BN)
EDITS = [
    ('{"id": "d:10-21", "doc": "d"', '{"doc": "d", "id": "d:10-21"'),  # another key order
    ('"time": "2023"}', '"time": "2023", "extra": 1}'),  # an extra key
    ('"time": "2023"}', '"time": "2023", "time": "x"}'),  # a duplicate key (json keeps the last)
    (', "time": "2023"}', "}"),  # a missing optional key (from_dict: None)
    (', "kind": "money"', ""),  # a missing key: the reference's error
    ('"start": 10', '"start": "10"'),  # a string for an int
    ('"start": 10', '"start": 10.0'),  # a float for an int
    ('"start": 10', '"start": 1e1'),
    ('"start": 10', '"start": true'),  # a bool
    ('"start": 10', '"start": 010'),  # not JSON
    ('"start": 10', '"start": null'),
    ('"value": 41.0', '"value": 41'),  # an int for a float
    ('"value": 41.0', '"value": 1e400'),  # json reads inf
    ('"value": 41.0', '"value": -1e400'),
    ('"value": 41.0', '"value": NaN'),
    ('"value": 41.0', '"value": Infinity'),
    ('"value": 41.0', '"value": "41"'),
    ('"value": 41.0', '"value": 41.'),
    ('"value": 41.0', '"value": .5'),
    ('"value": 41.0', '"value": 4.1e'),
    ('"value": 41.0', '"value": null'),
    ('"kind": "money"', '"kind": 7'),  # a number for a string
    ('"kind": "money"', '"kind": null'),  # str(None) in the reference
    ('"unit": "USD"', '"unit": false'),
    ('"text": "$41 billion"', '"text": "\\ud800"'),  # a lone surrogate
    ('"text": "$41 billion"', '"text": "\\udc00x"'),
    ('"text": "$41 billion"', '"text": "\\ud83dx"'),
    ('"text": "$41 billion"', '"text": "\\ud83d\\u0041"'),
    ('"text": "$41 billion"', '"text": "a\\xb"'),  # a bad escape
    ('"text": "$41 billion"', '"text": "a\\u12g4"'),
    ('"text": "$41 billion"', '"text": "a\tb"'),  # a raw control character
    ('"text": "$41 billion"', '"text": "a\x00b"'),
    ('"id": "d:10-21"', '"id": "\\ud800"'),  # (the id is not read; json still reads it)
    ('"id": "d:10-21"', '"id": 5'),
    ('"id": "d:10-21"', '"id": "a\\q"'),
    ('"normalized": {"value": 41000000000.0, "unit": "USD"}', '"normalized": {"unit": "USD", "value": 1.0}'),
    ('"normalized": {"value": 41000000000.0, "unit": "USD"}', '"normalized": 5'),
    ('"doc": "d"', '"doc" : "d"'),  # other whitespace
    ('"doc": "d"', '"doc":"d"'),
    ("{", " {"),
    ('"time": "2023"}', '"time": "2023"} '),
    ('"time": "2023"}', '"time": "2023"}x'),
    ('"time": "2023"}', '"time": "2023"'),
    (LINE, "[1, 2]"),  # not an object
    (LINE, '"claims"'),
    (LINE, "{"),
    (LINE, '{"claims": []}'),  # one line of an envelope, inside a JSON Lines file
    (LINE, "\u3000"),  # blank to str.strip, not to the C
    (LINE, "\x1f"),
]


@pytest.mark.parametrize(("old", "new"), EDITS)
def test_declined_lines_read_as_the_reference(tmp_path: Path, old: str, new: str) -> None:
    assert old in LINE
    edited = LINE.replace(old, new, 1)
    raw = "\n".join([LINE, edited, claim_json(CLAIM_RANGE)]).encode("utf-8")
    assert declined_lines(raw) == [2]
    got, expected = both(write(tmp_path, raw))
    assert got == expected


@SETTINGS
@given(st.lists(st.tuples(claims, st.none() | st.sampled_from(EDITS)), max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_mixed_files(tmp_path: Path, rows: list[tuple[Claim, tuple[str, str] | None]], end: str) -> None:
    lines = []
    for claim, edit in rows:
        line = claim_json(claim)
        if edit is not None:
            line = LINE.replace(*edit, 1)
        lines.append(line)
    raw = end.join(lines).encode("utf-8")
    assert declined_lines(raw) is not None
    got, expected = both(write(tmp_path, raw))
    assert got == expected


@pytest.mark.parametrize("raw", [
    b"",
    b"\n",
    b"\n\n \t\n",
    b"\r\n",
    LINE.encode() + b"\r\n\r\n" + LINE.encode() + b"\r\n",
    b"\n" + LINE.encode() + b"\n  \n",
    LINE.encode() + b"\r",  # a last \r: a line break to splitlines too
])
def test_blank_lines_and_line_ends(tmp_path: Path, raw: bytes) -> None:
    assert declined_lines(raw) == []
    got, expected = both(write(tmp_path, raw))
    assert got == expected


@pytest.mark.parametrize("brk", list(BREAKS))
@pytest.mark.parametrize("where", ["text", "line", "blank"])
def test_other_line_breaks_go_to_the_reference(tmp_path: Path, brk: str, where: str) -> None:
    if where == "text":  # raw in a string (json writes the C0 ones escaped, but not U+0085, U+2028, U+2029)
        bad = LINE.replace("$41 billion", f"$41{brk}billion")
    elif where == "line":
        bad = LINE.replace('"time": "2023"}', f'"time": "2023"}}{brk}' + claim_json(CLAIM_RANGE))
    else:
        bad = f" {brk} "
    raw = "\n".join([LINE, bad, LINE, "{oops"]).encode("utf-8")
    assert declined_lines(raw) is None
    got, expected = both(write(tmp_path, raw))
    assert got == expected
    assert got[0] == "error"  # line numbers counted by splitlines


def test_bad_lines_name_the_reference_line(tmp_path: Path) -> None:
    raw = "\n".join([LINE, "", LINE.replace('"kind": "money", ', ""), "{nope"]).encode()
    got, expected = both(write(tmp_path, raw))
    assert got == expected == ("error", "ClaimsFileError", f"{tmp_path / 'facts.jsonl'}:3: not a claim record "
                               "(missing 'kind'); pass the output of 'kzfacts extract --format jsonl'")


@pytest.mark.parametrize("bad", [
    b'"text": "\xff"', b'"text": "\xc3"', b'"text": "\xed\xa0\x80"', b'"text": "\xf4\x90\x80\x80"',
    b'"text": "\xe0\x80\xaf"', b'"text": "\\"\xc3("', b'"text": "\\n\xf0\x9f\x98"',
    b'"id": "\xc0\xaf"', b'"id": "\\n\xff"',
    b'"text": "\\n\xed\xa0\x80"', b'"text": "\\n\xe0\x9f\xbf"', b'"text": "\\n\xf0\x8f\xbf\xbf"', b'"text": "\\n\xc1\xbf"',
    b'"text": "\\n\x80"', b'"text": "\\n\xe2\x82"', b'"text": "\\n\xf8\x88\x80\x80\x80"',
])
def test_not_utf8(tmp_path: Path, bad: bytes) -> None:
    line = LINE.encode()
    key = bad.split(b":")[0]
    start = line.index(key)
    stop = line.index(b",", start)
    raw = b"\n".join([line, line[:start] + bad + line[stop:], line])
    got, expected = both(write(tmp_path, raw))
    assert got == expected
    assert got[0] == "error" and "not valid UTF-8 at byte" in got[2]


def test_not_utf8_on_a_declined_line_after_a_bad_line(tmp_path: Path) -> None:
    raw = b"\n".join([b"{nope", LINE.encode(), b'{"x": "\xff"}'])
    got, expected = both(write(tmp_path, raw))
    assert got == expected and "not valid UTF-8" in got[2]


def test_bom_and_nul(tmp_path: Path) -> None:
    for raw in (b"\xef\xbb\xbf" + LINE.encode() + b"\n", LINE.encode() + b"\n\x00\n"):
        got, expected = both(write(tmp_path, raw))
        assert got == expected


@SETTINGS
@given(st.lists(claims, max_size=4), st.booleans())
def test_json_envelope(tmp_path: Path, found: list[Claim], one_line: bool) -> None:
    """``--format json``'s envelope, laid out with a claim per line: the last claim's line is one the
    C would read, but the whole text is one JSON value, read as the reference reads it."""
    inner = ",\n".join(claim_json(c) for c in found)
    raw = ('{"tool": "kzfacts", "documents": [],\n"claims": [\n' + inner + "\n]}\n").encode("utf-8")
    if one_line:
        raw = raw.replace(b"\n", b" ")
    got, expected = both(write(tmp_path, raw))
    assert got == expected
    assert got == ("claims", [fingerprint(c) for c in found])


@pytest.mark.parametrize("raw", [b'{"claims": 5}', b'{"claims": [5]}', b'{"claims": [{"doc": 1}]}\n',
                                 b'{"x": 1}\n', b"[]", b"5\n", b'"a"'])
def test_envelope_errors(tmp_path: Path, raw: bytes) -> None:
    got, expected = both(write(tmp_path, raw))
    assert got == expected


def test_stdin(tmp_path: Path) -> None:
    import io

    raw = (LINE + "\n" + claim_json(CLAIM_RANGE) + "\n").encode()
    assert source.read_claims("-", stdin=io.BytesIO(raw)) == [CLAIM_41BN, CLAIM_RANGE]


def test_the_collector_is_paused_and_restored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, (LINE + "\n").encode())
    seen = []
    parse = _claims.parse
    monkeypatch.setattr(_claims, "parse", lambda raw, cls: seen.append(gc.isenabled()) or parse(raw, cls))
    assert gc.isenabled()
    assert source.read_claims(str(path)) == [CLAIM_41BN]
    assert seen == [False] and gc.isenabled()
    monkeypatch.setattr(source, "_claims_parser", lambda: None)  # the reference path pauses it too
    monkeypatch.setattr(source, "_line_claim", lambda *a, _f=source._line_claim: seen.append(gc.isenabled()) or _f(*a))
    assert source.read_claims(str(path)) == [CLAIM_41BN]
    assert seen == [False, False] and gc.isenabled()


def test_a_pure_install_reads_the_same(tmp_path: Path) -> None:
    lines = [claim_json(c) for c in (CLAIM_41BN, CLAIM_RANGE, CLAIM_NEGATIVE)]
    path = write(tmp_path, "\r\n".join([*lines, "", LINE.replace('"start": 10', '"start": 10.0')]).encode())
    code = ("import json, sys; from kzfacts import source, compiled_modules; c = source.read_claims(sys.argv[1]); "
            "print(json.dumps([[type(getattr(x, f)).__name__, repr(getattr(x, f))] for x in c for f in "
            "x.__slots__])); print('_claims' in compiled_modules())")
    runs = {}
    for pure in ("", "1"):
        env = {**os.environ, "KZFACTS_PURE_PYTHON": pure}
        out = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True,
                             check=True).stdout.splitlines()
        runs[pure] = out
    assert runs[""][0] == runs["1"][0]
    assert json.loads(runs[""][0])[1] == ["int", "10"]
    assert (runs[""][1], runs["1"][1]) == ("True", "False")


def test_giving_up_on_another_class() -> None:
    class Plain:  # no slots: nothing to set at offsets
        pass

    assert _claims.parse(LINE.encode(), Plain) is None
    with pytest.raises(TypeError):
        _claims.parse(LINE, Claim)


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_text_with_a_unicode_line_break_reads_back(tmp_path: Path, brk: str) -> None:
    """json writes U+0085, U+2028, U+2029 unescaped; a JSON Lines record still ends at "\\n" only."""
    odd = replace(CLAIM_41BN, sentence=f"Trade{brk}reached $41 billion in 2023.")
    path = tmp_path / "odd.jsonl"
    path.write_text(claim_json(odd) + "\n" + claim_json(CLAIM_RANGE) + "\n", encoding="utf-8")
    assert source.read_claims(str(path)) == [odd, CLAIM_RANGE]
    assert source._read_claims_text(path.read_text(encoding="utf-8"), str(path)) == [odd, CLAIM_RANGE]


def test_a_huge_int_in_a_float_field_is_a_claims_file_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    path.write_text(LINE.replace('"value": 41000000000.0', '"value": 1' + "0" * 400) + "\n", encoding="utf-8")
    with pytest.raises(source.ClaimsFileError, match=r"huge\.jsonl:1"):
        source.read_claims(str(path))
