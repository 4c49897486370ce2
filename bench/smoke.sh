#!/usr/bin/env bash
# CI smoke for the benchmarks: runs both scripts on tiny inputs so they cannot rot.
# No quantulum3, no timed assertions; fails only if a script crashes. Needs ../shared beside
# the repo (or KZFACTS_SHARED) and kzfacts installed in .venv (else PYTHON=..., else python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ -n "${PYTHON:-}" ]; then
    PY="$PYTHON"
elif [ -x "$ROOT/.venv/bin/python" ]; then
    PY="$ROOT/.venv/bin/python"
else
    PY="$(command -v python3)"   # whatever environment CI installed kzfacts into
fi
export KZFACTS_SHARED="${KZFACTS_SHARED:-$ROOT/../shared}"
if [ ! -f "$KZFACTS_SHARED/bench/newsquant_score.py" ]; then
    echo "smoke: shared data not found at $KZFACTS_SHARED" >&2
    exit 1
fi
OUT="$(mktemp -d "${TMPDIR:-/tmp}/kzfacts-bench-smoke.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT

# The install compiles the pipeline with mypyc (setup.py) and falls back to pure Python with a
# warning; CI runs where a C compiler exists, so a fallback there is a build regression.
VERSION="$("$PY" -m kzfacts --version)"
echo "== $VERSION"
if [ -z "${KZFACTS_PURE_PYTHON:-}" ] && [[ "$VERSION" != *"compiled: yes"* ]]; then
    echo "smoke: the pipeline was not compiled (see the install's warning); KZFACTS_PURE_PYTHON=1 allows that" >&2
    exit 1
fi
if [ -z "${KZFACTS_PURE_PYTHON:-}" ] && ! "$PY" -c "import kzfacts._scan"; then
    echo "smoke: the C candidate scan (kzfacts/_scan.c) was not built" >&2
    exit 1
fi

echo "== accuracy (5 sentences per file, no quantulum3)"
"$PY" bench/accuracy.py --limit 5 --no-quantulum3 --errors 1 --json "$OUT/accuracy.json"
echo
echo "== speed (~0.2 MB corpus, no quantulum3, tiny scaling sizes)"
"$PY" bench/speed.py --mb 0.2 --repeat 1 --no-quantulum3 --scaling --scaling-mb 0.05 0.1 0.2 \
    --json "$OUT/speed.json"
"$PY" -c "import json, sys; [json.load(open(p)) for p in sys.argv[1:]]" "$OUT/accuracy.json" "$OUT/speed.json"
echo
echo "smoke: ok"
