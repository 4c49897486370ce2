"""Reading inputs: strict decoding, clear errors, deterministic expansion, saved claims."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from conftest import (
    BAD_ROOT,
    BINARY_FILE,
    BOM_CRLF_FILE,
    CLAIM_41BN,
    CLAIM_RANGE,
    EMPTY_FILE,
    LATIN1_FILE,
    NO_TEXT_DIR,
    SEEDS_ROOT,
)
from hypothesis import given
from hypothesis import strategies as st

from kzfacts import source
from kzfacts.errors import ClaimsFileError, InputError, SkippedInput
from kzfacts.model import Document
from kzfacts.output import write_json, write_jsonl
from kzfacts.source import Input, iter_inputs, read_claims, read_document


def test_read_document_names_hashes_and_counts(tmp_path):
    path = tmp_path / "000_3120fda80079806d.txt"
    path.write_bytes("Tenge fell 2% — in Almaty.\n".encode())
    document, text = read_document(str(path))
    assert text == "Tenge fell 2% — in Almaty.\n"
    assert document == Document(
        doc="000_3120fda80079806d", path=str(path),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(), chars=len(text),
    )
    assert document.chars == 27  # code points, not bytes (the em dash is 3 bytes)


def test_bom_is_dropped_and_crlf_kept():
    raw = BOM_CRLF_FILE.read_bytes()
    document, text = read_document(str(BOM_CRLF_FILE))
    assert raw.startswith(b"\xef\xbb\xbf")
    assert text == "Trade hit $41 billion in 2023.\r\nIt fell 5% later.\r\n"
    assert text.index("$41") == 10  # offsets count code points after the BOM
    assert document.sha256 == hashlib.sha256(raw).hexdigest()  # of the raw bytes, BOM included
    assert document.chars == len(text)


def test_stdin():
    document, text = read_document("-", stdin=io.BytesIO(b"\xef\xbb\xbfabc"))
    assert (document.doc, document.path, document.chars, text) == ("stdin", "-", 3, "abc")


def test_doc_override():
    document, _ = read_document(str(EMPTY_FILE), doc="custom")
    assert document.doc == "custom"


def test_empty_file_is_fine():
    document, text = read_document(str(EMPTY_FILE))
    assert (text, document.doc, document.chars) == ("", "empty", 0)


def test_missing_file():
    with pytest.raises(InputError) as e:
        read_document("no/such.txt")
    assert str(e.value) == "no/such.txt: no such file or directory; check the path"


def test_unreadable_file(monkeypatch):
    # Running as root makes chmod 000 useless, so simulate the OS refusing.
    def refuse(path, mode="r"):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(source, "open", refuse, raising=False)
    with pytest.raises(InputError) as e:
        read_document("secret.txt")
    assert str(e.value) == "secret.txt: permission denied; check the file's read permissions"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file_for_real(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_document(str(path))


def test_directory_given_to_read_document():
    with pytest.raises(InputError, match="is a directory"):
        read_document(str(NO_TEXT_DIR))


def test_latin1_is_not_utf8():
    path = str(LATIN1_FILE)
    with pytest.raises(InputError) as e:
        read_document(path)
    assert not isinstance(e.value, SkippedInput)
    assert str(e.value) == f"{path}: not valid UTF-8 at byte 3; re-save it as UTF-8 or pass --encoding latin-1"


def test_latin1_with_encoding():
    _, text = read_document(str(LATIN1_FILE), encoding="latin-1")
    assert text == "Café costs £15.\n"


def test_error_offset_counts_the_bom():
    with pytest.raises(InputError, match="at byte 5;"):
        source.decode(b"\xef\xbb\xbfab\xe9", path="x")


def test_wrong_explicit_encoding():
    with pytest.raises(InputError, match=r"^x: not valid ascii at byte 1; pass the file's real --encoding$"):
        source.decode(b"a\xe9", path="x", encoding="ascii")


def test_unknown_encoding():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        source.decode(b"a", path="x", encoding="klingon")


def test_binary_is_skipped():
    with pytest.raises(SkippedInput) as e:
        read_document(str(BINARY_FILE))
    assert str(e.value) == f"{BINARY_FILE}: looks binary, skipped; kzfacts reads text files only"


def test_nul_after_8kb_is_not_binary_but_still_utf8_checked():
    assert source.decode(b"a" * 8192 + b"\0", path="x") == "a" * 8192 + "\0"


def test_utf16_may_contain_nul_bytes():
    assert source.decode("hi 5%".encode("utf-16"), path="x", encoding="utf-16") == "hi 5%"


@given(st.text().filter(lambda t: "\0" not in t), st.booleans())
def test_decode_never_rewrites_text(text, bom):
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    try:
        decoded = source.decode(raw, path="x")
    except InputError:
        assert any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)  # lone surrogates are not UTF-8
    else:
        assert decoded == text  # \r\n, \r, NBSP... all kept, code point for code point


# --- iter_inputs ---


def _inputs(paths, **kw) -> list[Input | str]:
    return [str(x) if isinstance(x, InputError) else x for x in iter_inputs([str(p) for p in paths], **kw)]


def test_directory_is_expanded_sorted_and_recursive(tmp_path):
    for name in ("b/z.txt", "b/a.md", "a.txt", "c.csv", ".hidden/x.txt", ".h.txt", "B/y.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [Path(i.path).relative_to(tmp_path).as_posix() for i in iter_inputs([str(tmp_path)])]
    assert found == ["B/y.txt", "a.txt", "b/a.md", "b/z.txt"]


def test_glob_patterns(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.csv").write_text("x")
    assert [Path(i.path).name for i in iter_inputs([str(tmp_path)], glob_patterns=("*.csv",))] == ["b.csv"]


def test_explicit_file_is_read_whatever_its_name(tmp_path):
    (tmp_path / "notes.dat").write_text("x")
    assert _inputs([tmp_path / "notes.dat"]) == [Input(str(tmp_path / "notes.dat"), "notes")]


def test_missing_path_and_empty_directory_are_errors_and_the_rest_goes_on():
    got = _inputs(["nope.txt", NO_TEXT_DIR, EMPTY_FILE])
    assert got == [
        "nope.txt: no such file or directory; check the path",
        f"{NO_TEXT_DIR}: no files matching *.txt, *.md in this directory; pass --glob PATTERN",
        Input(str(EMPTY_FILE), "empty"),
    ]


def test_duplicate_stems_get_unique_deterministic_docs(tmp_path):
    for d in ("x", "y", "z"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "report.txt").write_text("1")
    first = _inputs([tmp_path])
    docs = [i.doc for i in first]
    assert docs[0] == "report"
    assert len(set(docs)) == 3
    assert all(d.startswith("report~") and len(d) == len("report~") + 6 for d in docs[1:])
    assert _inputs([tmp_path]) == first  # same run, same names


def test_same_file_twice_is_read_once():
    assert _inputs([EMPTY_FILE, BAD_ROOT / "." / "empty.txt"]) == [Input(str(EMPTY_FILE), "empty")]


def test_stdin_input():
    assert _inputs(["-"]) == [Input("-", "stdin")]


def test_seeds_directory():
    inputs = list(iter_inputs([str(SEEDS_ROOT)]))
    assert [i.doc for i in inputs] == sorted(p.stem for p in SEEDS_ROOT.glob("*.txt"))


# --- read_claims ---


def test_read_claims_jsonl_round_trip(tmp_path):
    path = tmp_path / "claims.jsonl"
    with path.open("w", encoding="utf-8") as fp:
        write_jsonl(fp, [CLAIM_41BN, CLAIM_RANGE])
    assert read_claims(str(path)) == [CLAIM_41BN, CLAIM_RANGE]


def test_read_claims_single_line_jsonl(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(CLAIM_41BN.to_dict()) + "\n")
    assert read_claims(str(path)) == [CLAIM_41BN]


def test_read_claims_json_envelope(tmp_path):
    path = tmp_path / "claims.json"
    with path.open("w", encoding="utf-8") as fp:
        write_json(fp, [], [CLAIM_RANGE, CLAIM_41BN])
    assert read_claims(str(path)) == [CLAIM_RANGE, CLAIM_41BN]


def test_read_claims_names_the_bad_line(tmp_path):
    path = tmp_path / "claims.jsonl"
    bad = CLAIM_41BN.to_dict()
    del bad["normalized"]
    path.write_text(json.dumps(CLAIM_41BN.to_dict()) + "\n\n" + json.dumps(bad) + "\n")
    with pytest.raises(ClaimsFileError) as e:
        read_claims(str(path))
    assert str(e.value) == (f"{path}:3: not a claim record (missing 'normalized'); "
                            "pass the output of 'kzfacts extract --format jsonl'")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"a": 1}\nnot json\n', "{}:1: not a claim record (missing 'normalized')"),
        ("[1, 2]\n", "{}:1: not a claim record (expected a JSON object)"),
        ('{"x": 1}\n{oops\n', "{}:1: not a claim record (missing 'normalized')"),
        ('{"claims": [{"normalized": 3}]}', "{}: claims[0]: not a claim record ('normalized' must be an object)"),
        ('{"claims": 3}', "{}: 'claims' is not a list"),
        ("garbage\n", "{}:1: not JSON (Expecting value)"),
    ],
)
def test_read_claims_errors(tmp_path, content, problem):
    path = tmp_path / "c.jsonl"
    path.write_text(content)
    with pytest.raises(ClaimsFileError) as e:
        read_claims(str(path))
    assert str(e.value).split("; pass")[0] == problem.format(path)
