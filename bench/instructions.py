#!/usr/bin/env python3
"""Instructions per extraction, counted by valgrind's callgrind: a speed figure that noise cannot move.

Wall and CPU time on the shared 2-core machine vary by ±25% from run to run; the number of
instructions one ``extract_text`` call executes does not (same binary, same input, same result
twice). This script counts them for the first --kb kilobytes of the speed corpus (seeds/*.txt
repeated, as in bench/speed.py):

    instructions(import + warm-up + N calls) - instructions(import + warm-up), divided by N

(the warm-up is one extraction of the same text). ``--text FILE`` counts on another text, e.g.
claim-dense sentences, where the per-claim cost dominates.

    .venv/bin/python bench/instructions.py                    # this tree's src/
    .venv/bin/python bench/instructions.py --src /tmp/old/src # another checkout (git worktree add)

It needs valgrind (Debian package ``valgrind``) and takes ~40 s for 150 KB (callgrind runs
Python ~50x slower). Only the ratio between two trees means something; the absolute figure
depends on the Python build.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402
import speed  # noqa: E402

CHILD = """
import sys
from kzfacts.pipeline import extract_text
text = open({corpus!r}, encoding="utf-8").read()
extract_text(text)  # warm-up on the text itself: lazy loads (pint for a rare unit) are not counted
for _ in range({calls}):
    extract_text(text)
"""


def count(src: Path, corpus: Path, calls: int, cache: Path) -> int:
    """Instructions callgrind collects for one child process doing ``calls`` extractions.

    ``cache``: a pattern cache of this tree's own (rx.py). Shared with another tree or another
    process, it can be rewritten between the two counts, and a count that compiles the patterns
    is ~50 M instructions more: the difference then means nothing (seen: 14 M and 69 M for one tree).
    """
    code = CHILD.format(corpus=str(corpus), calls=calls)
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0", XDG_CACHE_HOME=str(cache))
    env.pop("KZFACTS_NO_CACHE", None)
    subprocess.run([sys.executable, "-c", CHILD.format(corpus=str(corpus), calls=0)], env=env, check=True)  # fill it
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code],
        env=env, capture_output=True, text=True, check=False,
    )
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or m is None:
        raise SystemExit(f"error: callgrind run failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return int(m.group(1))


def _revision(src: Path) -> str:
    out = subprocess.run(["git", "-C", str(src), "rev-parse", "--short", "HEAD"], capture_output=True,
                         text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(src), "status", "--porcelain", "--", "."], capture_output=True,
                           text=True, check=False).stdout.strip()
    return (out or "unknown") + (" + uncommitted edits" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=_common.REPO / "src", help="the src/ directory to measure")
    ap.add_argument("--kb", type=float, default=150.0, help="corpus size in KB (1 KB = 1000 bytes)")
    ap.add_argument("--calls", type=int, default=2, help="extractions counted (their mean is reported)")
    ap.add_argument("--text", type=Path, help="count on this UTF-8 file instead of the speed corpus")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("error: valgrind not found; install it (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.text is not None:
            corpus = args.text.resolve()
        else:
            full = speed.build_corpus(max(args.kb / 1000, 0.06), Path(tmp) / "corpus.txt")
            corpus = Path(tmp) / "head.txt"
            corpus.write_text(full.read_text(encoding="utf-8")[: int(args.kb * 1000)], encoding="utf-8")
        chars = len(corpus.read_text(encoding="utf-8"))
        cache = Path(tmp) / "cache"
        base = count(args.src, corpus, 0, cache)
        total = count(args.src, corpus, args.calls, cache)
    per_call = (total - base) / args.calls
    print(f"src: {args.src}  (commit {_revision(args.src)})")
    what = str(args.text) if args.text is not None else "the speed corpus"
    print(f"corpus: {chars:,} chars of {what}")
    print(f"instructions per extract_text call: {per_call / 1e6:,.1f} M  ({per_call / chars:,.0f} per character)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
