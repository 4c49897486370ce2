"""Reading inputs: paths and directories to documents, and saved claims files back to claims.

This is the only module that touches the file system for input. It decodes strictly and never
rewrites text: offsets in claims count code points of the decoded text (after a UTF-8 BOM is
removed), and ``\\r\\n`` line endings are kept as they are.

Every problem becomes an ``InputError`` (or its subclasses) naming the path, the problem and
what to do about it; the caller decides whether to print it and go on.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import FrozenInstanceError
from fnmatch import fnmatch
from typing import BinaryIO

from kzfacts.errors import ClaimsFileError, InputError, SkippedInput
from kzfacts.model import Claim, Document

__all__ = ["DEFAULT_GLOBS", "STDIN", "Input", "iter_inputs", "read_claims", "read_document"]

STDIN = "-"
DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.md")
BINARY_SNIFF_BYTES = 8192
_BOM = codecs.BOM_UTF8
# Encodings whose text legitimately contains NUL bytes: no "looks binary" check for them.
_WIDE_CODECS = ("utf-16", "utf-32")


#: Up to this many bytes, SHA-256 by CPython's built-in implementation: importing hashlib loads
#: OpenSSL (~10 M instructions, a third of a small file's run after the imports kzfacts needs
#: anyway), which pays for itself only on larger inputs, where OpenSSL hashes faster.
_SMALL_HASH_BYTES = 1 << 18


def sha256_hex(data: bytes) -> str:
    """``hashlib.sha256(data).hexdigest()``, without importing hashlib for small data.

    >>> sha256_hex(b"abc")[:16], sha256_hex(b"x" * 300_000) == __import__("hashlib").sha256(b"x" * 300_000).hexdigest()
    ('ba7816bf8f01cfea', True)
    """
    if len(data) <= _SMALL_HASH_BYTES:
        builtin = _builtin_sha256()
        if builtin is not None:
            return str(builtin(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _builtin_sha256():  # type: ignore[no-untyped-def]
    """CPython's own SHA-256 constructor (``_sha256``; ``_sha2`` from 3.12), or None elsewhere."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef]
        except ImportError:
            return None
    return sha256


def _split_posix(path: str) -> tuple[str, list[str]]:
    """``PurePosixPath(path)``'s root ("", "/" or "//") and names, as pathlib parses them."""
    root = ""
    if path.startswith("/"):
        rel = path.lstrip("/")
        root = "//" if len(path) - len(rel) == 2 else "/"
        path = rel
    return root, [name for name in path.split("/") if name and name != "."]


def _posix_stem(path: str) -> str:
    """``PurePosixPath(path).stem`` (tests/test_source_paths.py compares them).

    >>> _posix_stem("a/b.tar.gz"), _posix_stem("dir/.hidden"), _posix_stem("x.")
    ('b.tar', '.hidden', 'x.')
    """
    names = _split_posix(path)[1]
    name = names[-1] if names else ""
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def _posix_parts(path: str) -> tuple[str, ...]:
    """``PurePosixPath(path).parts``."""
    root, names = _split_posix(path)
    return (root, *names) if root else tuple(names)


# Names and parts of paths as pathlib reads them, without importing it (~15 M instructions of
# start-up, which nothing else in ``kzfacts extract`` needs) where paths are POSIX paths.
if os.sep == "/" and os.altsep is None:
    _stem, _parts = _posix_stem, _posix_parts
else:  # pragma: no cover (Windows: drives, backslashes)
    from pathlib import Path

    def _stem(path: str) -> str:
        return Path(path).stem

    def _parts(path: str) -> tuple[str, ...]:
        return Path(path).parts


class Input:
    """One input to read: its path (``-`` for stdin) and the unique ``doc`` name its claims get.

    What ``@dataclass(frozen=True, slots=True)`` would make of the two fields, written out:
    generating it costs ~3 M instructions of every start-up (``exec`` of generated code).
    """

    __slots__ = ("path", "doc")
    __match_args__ = ("path", "doc")
    path: str
    doc: str

    def __init__(self, path: str, doc: str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "doc", doc)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(path={self.path!r}, doc={self.doc!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.path, self.doc) == (other.path, other.doc)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.path, self.doc))


def read_document(
    path: str,
    *,
    encoding: str | None = None,
    doc: str | None = None,
    stdin: BinaryIO | None = None,
) -> tuple[Document, str]:
    """Read and strictly decode one input; ``-`` reads ``stdin`` (default ``sys.stdin.buffer``).

    ``encoding=None`` means UTF-8 with an optional BOM (``utf-8-sig``). ``doc`` defaults to the
    file stem (``stdin`` for ``-``). Raises ``InputError``, or ``SkippedInput`` for a binary file.
    An empty input is fine: it decodes to ``""``.
    """
    if path == STDIN:
        raw = (stdin if stdin is not None else sys.stdin.buffer).read()
        name = doc or "stdin"
    else:
        raw = _read_bytes(path)
        name = doc or _stem(path)
    text = decode(raw, path=path, encoding=encoding)
    document = Document(doc=name, path=path, sha256=sha256_hex(raw), chars=len(text))
    return document, text


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fp:
            return fp.read()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory", "check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory", "pass a file, or let kzfacts expand the directory") from None
    except PermissionError:
        raise InputError(path, "permission denied", "check the file's read permissions") from None
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}", "check the file") from None


def decode(raw: bytes, *, path: str, encoding: str | None = None) -> str:
    """Decode ``raw`` strictly; byte offsets in errors count from the start of the raw bytes.

    >>> decode(b"\\xef\\xbb\\xbfa\\r\\nb", path="x")
    'a\\r\\nb'
    """
    codec = _codec_name(encoding, path)
    if not codec.startswith(_WIDE_CODECS) and b"\0" in raw[:BINARY_SNIFF_BYTES]:
        raise SkippedInput(path, "looks binary, skipped", "kzfacts reads text files only")
    if encoding is None:
        # utf-8-sig by hand, so that error offsets include the BOM's three bytes.
        skip = len(_BOM) if raw.startswith(_BOM) else 0
        try:
            return raw[skip:].decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(
                path,
                f"not valid UTF-8 at byte {e.start + skip}",
                "re-save it as UTF-8 or pass --encoding latin-1",
            ) from None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(path, f"not valid {encoding} at byte {e.start}", "pass the file's real --encoding") from None


def _codec_name(encoding: str | None, path: str) -> str:
    if encoding is None:
        return "utf-8-sig"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}", "pass e.g. --encoding latin-1") from None


def iter_inputs(paths: Iterable[str], *, glob_patterns: Sequence[str] = DEFAULT_GLOBS) -> Iterator[Input | InputError]:
    """Expand ``paths`` into inputs, in a deterministic order; yield an ``InputError`` for a bad path.

    A directory is searched recursively for files whose name matches one of ``glob_patterns``
    (sorted by path; hidden files and directories are skipped). A file named explicitly is read
    whatever its name. The same file named twice is read once. Each ``Input.doc`` is unique: the
    file stem, or for a later file with an already used stem, the stem plus ``~`` and six hex
    digits of a hash of its path (so claim ids stay unique across directories).
    """
    used_docs: set[str] = set()
    seen_files: set[str] = set()

    def emit(path: str, stem: str) -> Iterator[Input]:
        key = path if path == STDIN else os.path.realpath(path)
        if key in seen_files:
            return
        seen_files.add(key)
        doc = stem
        if doc in used_docs:
            doc = f"{stem}~{sha256_hex(key.encode('utf-8', 'surrogateescape'))[:6]}"
        used_docs.add(doc)
        yield Input(path=path, doc=doc)

    for path in paths:
        if path == STDIN:
            yield from emit(path, "stdin")
        elif os.path.isdir(path):
            found = _walk(path, glob_patterns)
            if not found:
                patterns = ", ".join(glob_patterns)
                yield InputError(path, f"no files matching {patterns} in this directory", "pass --glob PATTERN")
            for file in found:
                yield from emit(file, _stem(file))
        elif os.path.exists(path):
            yield from emit(path, _stem(path))
        else:
            yield InputError(path, "no such file or directory", "check the path")


def _walk(directory: str, patterns: Sequence[str]) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and any(fnmatch(name, p) for p in patterns):
                found.append(os.path.join(root, name))
    return sorted(found, key=_parts)


_CLAIMS_HINT = "pass the output of 'kzfacts extract --format jsonl'"


def read_claims(path: str, *, stdin: BinaryIO | None = None) -> list[Claim]:
    """Read claims saved by ``kzfacts extract --format jsonl`` (or ``--format json``).

    Raises ``ClaimsFileError`` naming ``path:line`` (JSON Lines) or ``path: claims[i]`` (JSON)
    for the first record that is not a claim, or ``InputError`` if the file cannot be read.

    Lines as ``claim_json`` writes them are read by the C module ``kzfacts._claims`` straight
    into Claims (a 1M-claim file: ~20 s of CPU here before, with json.loads and a dict per line);
    every other line, and the whole file where the C declines it, is read by the reference,
    ``_read_claims_text``, with the same results and errors (tests/test_claims_reader.py). The
    collector is paused throughout: the claims hold no reference cycles.
    """
    from kzfacts._gc import paused

    raw = (stdin if stdin is not None else sys.stdin.buffer).read() if path == STDIN else _read_bytes(path)
    with paused():
        claims = _read_claims_fast(raw, path)
        if claims is None:
            text = decode(raw, path=path)
            del raw  # (the reference holds the text and its lines: not the bytes as well)
            claims = _read_claims_text(text, path)
    return claims


def _claims_parser():  # type: ignore[no-untyped-def]
    """``kzfacts._claims.parse`` when it is built and knows Claim's fields; None otherwise."""
    try:
        from kzfacts import _claims
    except ImportError:  # a pure install, or KZFACTS_PURE_PYTHON=1
        return None
    from dataclasses import fields

    if tuple(f.name for f in fields(Claim)) != _claims.FIELDS:
        return None
    return _claims.parse


def _read_claims_fast(raw: bytes, path: str) -> list[Claim] | None:
    """The claims of ``raw`` by the C reader, declined lines by the reference; None: use the reference."""
    parse = _claims_parser()
    if parse is None or raw.startswith(_BOM) or b"\0" in raw[:BINARY_SNIFF_BYTES]:
        return None
    result = parse(raw, Claim)
    if result is None:  # line breaks other than \n and \r\n: line numbers are the reference's to count
        return None
    claims, declined = result
    if not declined:  # (then the whole text is not one JSON value with "claims": see _read_claims_text)
        return claims  # type: ignore[no-any-return]
    text = decode(raw, path=path)  # (the reference's decoding error, if any, comes first)
    whole = _envelope(text, path)
    if whole is not None:
        return whole
    out: list[Claim] = []
    done = 0
    for index, lineno, start, end in declined:
        out.extend(claims[done:index])
        done = index
        claim = _line_claim(raw[start:end].decode("utf-8"), lineno, path)
        if claim is not None:
            out.append(claim)
    out.extend(claims[done:])
    return out


def _read_claims_text(text: str, path: str) -> list[Claim]:
    """The reference reading (json.loads, then Claim.from_dict): what runs without the C reader."""
    whole = _envelope(text, path)
    if whole is not None:
        return whole
    claims: list[Claim] = []
    # JSON Lines ends a record at "\n" (or "\r\n") only: str.splitlines would also break inside a
    # text that holds U+2028, U+2029 or U+0085, which json writes unescaped
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line:
            continue  # (a blank line, or the end after the last "\n")
        claim = _line_claim(line.removesuffix("\r"), lineno, path)
        if claim is not None:
            claims.append(claim)
    return claims


def _envelope(text: str, path: str) -> list[Claim] | None:
    """The claims of a ``--format json`` envelope; None if ``text`` is not one (then it is JSON Lines)."""
    import json  # (imported where used: `extract` never reads claims files)

    try:
        whole = json.loads(text)
    except ValueError:
        return None  # not one JSON value: JSON Lines (or garbage, reported per line)
    if not (isinstance(whole, dict) and "claims" in whole):
        return None
    records = whole["claims"]
    if not isinstance(records, list):
        raise ClaimsFileError(path, "'claims' is not a list", _CLAIMS_HINT)
    return [_claim(r, f"{path}: claims[{i}]", _CLAIMS_HINT) for i, r in enumerate(records)]


def _line_claim(line: str, lineno: int, path: str) -> Claim | None:
    """The claim of one line of a JSON Lines file (None for a blank line)."""
    import json

    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except ValueError as e:
        raise ClaimsFileError(f"{path}:{lineno}", f"not JSON ({e.msg})", _CLAIMS_HINT) from None
    return _claim(record, f"{path}:{lineno}", _CLAIMS_HINT)


def _claim(record: object, where: str, hint: str) -> Claim:
    if not isinstance(record, dict):
        raise ClaimsFileError(where, "not a claim record (expected a JSON object)", hint)
    try:
        return Claim.from_dict(record)
    except KeyError as e:
        raise ClaimsFileError(where, f"not a claim record (missing {e.args[0]!r})", hint) from None
    except (TypeError, ValueError, OverflowError) as e:  # (OverflowError: float(10**400) of a huge JSON int)
        raise ClaimsFileError(where, f"not a claim record ({e})", hint) from None
