"""Regular expressions compiled once per machine, not once per run.

The ``regex`` module parses and compiles a pattern in Python: kzfacts' ~90 patterns took about
half of the start-up of ``kzfacts extract``. Its pickle of a compiled pattern, though, holds
the compiled program (``regex._main._pickle`` registers ``_regex.compile`` with the program's
arguments), and unpickling feeds it straight to the C engine: ~70x faster for the unit trie.
So the patterns compiled at import are kept in one pickle in the user's cache directory
(``$XDG_CACHE_HOME/kzfacts``, else ``~/.cache/kzfacts``), as black keeps its cache there.

The cache only ever saves time:
* a pattern is taken from it only for the very same source, flags and word lists, and the file
  name carries the ``regex`` and Python versions, so an upgrade starts a new file;
* a missing, unreadable or corrupt file means compiling as before; a failed write is ignored;
* ``KZFACTS_NO_CACHE=1`` neither reads nor writes it.

It is rewritten (atomically, at exit) only when a pattern was missing, with exactly the
patterns this process used, so patterns of older kzfacts versions drop out.

Calling the patterns: the extraction modules pass ``concurrent=False`` positionally
(``P.match(text, pos, None, False)``, ``P.finditer(text, None, None, False, False)``). By
default the regex module releases the GIL around every match on a str and takes it back after:
~1,100 machine instructions a call, for matches that take a few hundred, ~9,500 times per 160 KB
of news. Passed by keyword it costs more than it saves (keyword parsing).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import regex

try:  # pickle.load itself: the pickle module around it (pure-Python pickler, struct...) costs ~5 M
    from _pickle import load as _unpickle  # instructions of start-up, and is needed only to write the file
except ImportError:  # an interpreter without the C accelerator
    from pickle import load as _unpickle

if TYPE_CHECKING:
    from pathlib import Path

_Key = tuple[Any, ...]  # a pattern's (source, flags, named lists), or a memo's (kind, inputs...)

FORMAT = 2  # bump when the file's layout changes (2: trie texts kept too, rx.memo)


def _cache_file() -> str | None:
    """``cache_path()`` as a string: what kzfacts itself uses (pathlib costs ~15 M instructions of
    start-up, and nothing else in ``kzfacts extract`` needs it)."""
    if os.environ.get("KZFACTS_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # no home directory to be found: never write a "~" folder into the working directory
    version = f"regex{regex.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}-f{FORMAT}"
    return os.path.join(base, "kzfacts", f"patterns-{version}.pickle")


def cache_path() -> Path | None:
    """Where the compiled patterns are kept, or None when caching is off."""
    file = _cache_file()
    if file is None:
        return None
    from pathlib import Path

    return Path(file)


def _load(path: str | None) -> dict[_Key, Any]:
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            data = _unpickle(fh)
    except Exception:  # missing, unreadable, truncated, or written by something else: compile instead
        return {}
    return data if isinstance(data, dict) else {}


_PATH = _cache_file()
_CACHED: dict[_Key, Any] = _load(_PATH)
_USED: dict[_Key, Any] = {}
_MISSES = 0


def compile(pattern: str, flags: int = 0, **named_lists: Iterable[str]) -> Any:  # noqa: A001
    """``regex.compile(pattern, flags, **named_lists)``, from the cache when it holds it."""
    key: _Key = (pattern, int(flags), tuple(sorted((k, tuple(sorted(v))) for k, v in named_lists.items())))
    return memo(key, lambda: regex.compile(pattern, flags, **named_lists))


def memo(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, kept in the same file under ``key``: for pattern text that is slow to build.

    ``key`` must hold everything the result depends on (a trie's entries, say). A pattern's key
    has three items (source, flags, named lists); other keys have two, the first naming the kind
    of value, so that the two never meet.
    """
    global _MISSES
    value = _CACHED.get(key)
    if value is None:
        value = compute()
        _MISSES += 1
    _USED[key] = value
    return value


def save() -> bool:
    """Write the patterns used so far if any had to be compiled; True if the file was written."""
    if _PATH is None or not _MISSES:
        return False
    import pickle  # (only when writing, as tempfile: ~4 ms of start-up otherwise)
    import tempfile

    tmp = None
    try:
        directory = os.path.dirname(_PATH)
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".patterns-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(_USED, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _PATH)
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


atexit.register(save)
