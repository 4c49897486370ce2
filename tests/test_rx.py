"""The compiled-pattern cache (kzfacts/rx.py): it may only ever save time, never change a result."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import regex
from conftest import SEEDS_ROOT

from kzfacts import rx

# A child run: how many patterns it had to compile, and its claims on the seeds.
CHILD = """
import json, pathlib, sys
from kzfacts import extract_text, rx
claims = [c.to_dict() for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
          for c in extract_text(p.read_text(encoding="utf-8"), doc=p.stem)]
print(json.dumps({"misses": rx._MISSES, "used": len(rx._USED), "path": str(rx.cache_path()), "claims": claims}))
"""


def run(cache_home, **env):
    full = {k: v for k, v in os.environ.items() if k != "KZFACTS_NO_CACHE"}
    full.update(XDG_CACHE_HOME=str(cache_home), **env)
    out = subprocess.run([sys.executable, "-c", CHILD, str(SEEDS_ROOT)], env=full, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_second_run_compiles_nothing_and_extracts_the_same(tmp_path):
    first = run(tmp_path, PYTHONHASHSEED="0")
    assert first["misses"] == first["used"] > 50  # an empty cache: every pattern compiled
    cached = tmp_path / "kzfacts" / os.path.basename(first["path"])
    assert cached.is_file()
    before = cached.read_bytes()
    # other hash seeds: a pattern built from a set in hash order would miss under one of them
    for seed in ("1", "2", "3", "4"):
        second = run(tmp_path, PYTHONHASHSEED=seed)
        assert second["misses"] == 0 and second["used"] == first["used"]
        assert cached.read_bytes() == before  # nothing missing: not rewritten
        assert second["claims"] == first["claims"] and len(first["claims"]) == 81


def test_corrupt_cache_is_ignored_and_replaced(tmp_path):
    path = run(tmp_path)["path"]
    with open(path, "wb") as fh:
        fh.write(b"\x80\x05 not a pickle")
    again = run(tmp_path)
    assert again["misses"] == again["used"] and len(again["claims"]) == 81
    assert run(tmp_path)["misses"] == 0  # rewritten whole


def test_no_cache_variable_neither_reads_nor_writes(tmp_path):
    result = run(tmp_path, KZFACTS_NO_CACHE="1")
    assert result["path"] == "None" and result["misses"] == result["used"]
    assert not (tmp_path / "kzfacts").exists()


def test_key_holds_flags_and_word_lists():
    a = rx.compile(r"(?:\L<w>)\b", w=["alpha", "beta"])
    b = rx.compile(r"(?:\L<w>)\b", w=["gamma"])
    c = rx.compile(r"(?:\L<w>)\b", regex.IGNORECASE, w=["gamma"])
    assert a.match("beta") and not b.match("beta") and not b.match("GAMMA") and c.match("GAMMA")
    assert rx.compile(r"(?:\L<w>)\b", w=["beta", "alpha"]) is a  # the same list in another order


def test_relative_cache_home_is_not_used(tmp_path):
    """The XDG spec says a relative $XDG_CACHE_HOME is invalid: nothing is written below the cwd."""
    full = {k: v for k, v in os.environ.items() if k != "KZFACTS_NO_CACHE"}
    full["XDG_CACHE_HOME"] = "relative-cache"
    out = subprocess.run([sys.executable, "-c", CHILD, str(SEEDS_ROOT)], env=full, cwd=tmp_path,
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["path"] == "None"
    assert list(tmp_path.iterdir()) == []


def test_memo_computes_once_per_key_and_saves_what_it_used(monkeypatch) -> None:
    """rx.memo keeps built pattern text (tries) in the same file as the compiled patterns."""
    from kzfacts import rx, tables

    calls: list[int] = []
    monkeypatch.setattr(rx, "_CACHED", {("test", 1): "cached"})
    monkeypatch.setattr(rx, "_USED", {})
    monkeypatch.setattr(rx, "_MISSES", 0)
    assert rx.memo(("test", 1), lambda: calls.append(1) or "built") == "cached"
    assert calls == [] and rx._MISSES == 0
    assert rx.memo(("test", 2), lambda: calls.append(2) or "built") == "built"
    assert calls == [2] and rx._MISSES == 1
    assert rx._USED == {("test", 1): "cached", ("test", 2): "built"}
    # a trie's text depends on its set of entries only, which is its key
    assert tables.trie(["two", "ten", "Three", "two"], fold=True) == tables.trie(["three", "ten", "two"], fold=True)
    assert ("trie", ("ten", "three", "two")) in rx._USED
