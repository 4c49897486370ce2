"""Shared helpers for bench/accuracy.py and bench/speed.py.

Also runnable *inside the quantulum3 venv* (standard library only at import time), so the
peer is measured in its own interpreter and never touches the project venv:

    PYTHONHASHSEED=0 bench/.venvs/quantulum3/bin/python bench/_common.py q3-extract IN.json OUT.json
    PYTHONHASHSEED=0 bench/.venvs/quantulum3/bin/python bench/_common.py q3-speed CORPUS.txt OUT.json
    PYTHONHASHSEED=0 bench/.venvs/quantulum3/bin/python bench/_common.py q3-serve CORPUS.txt  # a pass per stdin line

IN.json is a list of sentences; OUT.json the scorer's PRED format. CORPUS.txt is split into
paragraphs on blank lines; OUT.json reports chars/s excluding the import and first-call cold start.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT_DIR = BENCH / "out"
Q3_VENV = BENCH / ".venvs" / "quantulum3"
Q3_PINS = ["quantulum3[classifier]==0.10.0", "scikit-learn==1.8.0"]


def shared_dir() -> Path:
    """The shared data directory: $KZFACTS_SHARED, else ../shared beside the repo root."""
    env = os.environ.get("KZFACTS_SHARED")
    if env:
        return Path(env).resolve()
    return (REPO.parent / "shared").resolve()


def kzfacts_cmd() -> list[str]:
    """The ``kzfacts`` console script of the interpreter running the bench (the project venv).

    ``$KZFACTS_CMD`` (split on spaces) overrides it, e.g. to bench another build.
    """
    if os.environ.get("KZFACTS_CMD"):
        return os.environ["KZFACTS_CMD"].split()
    exe = Path(sys.executable).parent / "kzfacts"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("kzfacts")
    if found:
        return [found]
    return [sys.executable, "-m", "kzfacts"]


# Set in this workplace's shells, not in a user's: with them a CLI run compiles kzfacts' sources
# again on every start (no __pycache__ is written; ~0.19 G instructions, ~15% of start-up) and
# writes stdout unbuffered. ``cli_env`` drops them so that the CLI is timed as a pip-installed
# tool runs (pip writes bytecode at install; an editable install writes it on the first run).
SANDBOX_VARS = ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")


def cli_env(inherit: bool = False) -> dict[str, str]:
    """Environment for timed CLI runs: this process's, less ``SANDBOX_VARS`` unless ``inherit``."""
    if inherit:
        return dict(os.environ)
    return {k: v for k, v in os.environ.items() if k not in SANDBOX_VARS}


def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "nproc": os.cpu_count(), "python": sys.version.split()[0], "build": kzfacts_build(),
            **kzfacts_revision()}


def kzfacts_build() -> str:
    """Which build of kzfacts this interpreter imports: the mypyc-compiled pipeline or the sources."""
    try:
        import kzfacts
    except ImportError:
        return "not importable here"
    mods = kzfacts.compiled_modules()
    return f"compiled with mypyc ({len(mods)} modules)" if mods else "pure Python"


def kzfacts_revision() -> dict:
    """The commit measured, and whether src/ had uncommitted edits (the install is editable)."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True,
                                  timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"commit": git("rev-parse", "--short", "HEAD") or "unknown",
            "src_dirty": bool(git("status", "--porcelain", "--", "src"))}


# --------------------------------------------------------------------------- quantulum3 venv
def q3_python(install: bool = False) -> Path | None:
    """Path of the quantulum3 venv's python; create and install it when ``install``."""
    py = Q3_VENV / "bin" / "python"
    if py.exists():
        probe = subprocess.run([str(py), "-c", "import quantulum3, stemming, sklearn"],
                               capture_output=True, text=True, check=False)
        if probe.returncode == 0:
            return py
        if not install:
            return None
    elif not install:
        return None
    print(f"installing {' '.join(Q3_PINS)} into {Q3_VENV} (first use only)...", file=sys.stderr)
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(Q3_VENV)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", *Q3_PINS], check=True)
    return py


def q3_env() -> dict:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"  # quantulum3's output depends on the hash seed
    return env


def run_q3(py: Path, *args: str) -> None:
    subprocess.run([str(py), str(Path(__file__).resolve()), *args], check=True, env=q3_env())


# --------------------------------------------------------------------------- inside the q3 venv
def _q3_quantity(q) -> dict:  # type: ignore[no-untyped-def]
    """One quantulum3 Quantity in the scorer's format; mean +/- uncertainty back to [low, high]."""
    value = float(q.value)
    unc = getattr(q, "uncertainty", None)
    if unc:
        value = [value - float(unc), value + float(unc)]
    unit = q.unit.name if q.unit is not None else None
    if unit in ("dimensionless", ""):
        unit = None
    return {"value": value, "unit": unit, "change": "=", "surface": q.surface}


def _q3_extract(inp: str, out: str) -> None:
    from quantulum3 import parser

    sentences = json.loads(Path(inp).read_text(encoding="utf-8"))
    preds, failures = [], 0
    parser.parse("It rose 3% to $5 a barrel.")  # cold start (unit tables, classifier) not timed
    t0 = time.perf_counter()
    for text in sentences:
        try:
            qs = [_q3_quantity(q) for q in parser.parse(text)]
        except Exception:  # quantulum3 crashes on some inputs; score them as empty
            failures += 1
            qs = []
        preds.append({"text": text, "quantities": qs})
    elapsed = time.perf_counter() - t0
    Path(out).write_text(json.dumps(preds), encoding="utf-8")
    meta = {"failures": failures, "seconds": elapsed}
    Path(out + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _q3_speed(corpus: str, out: str) -> None:
    t_import = time.perf_counter()
    from quantulum3 import parser

    text = Path(corpus).read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    parser.parse(paragraphs[0])  # first call loads the unit tables and the classifier
    cold = time.perf_counter() - t_import
    chars = quantities = failures = 0
    t0 = time.perf_counter()
    for p in paragraphs:
        try:
            quantities += len(parser.parse(p))
        except Exception:
            failures += 1
        chars += len(p)
    elapsed = time.perf_counter() - t0
    result = {"chars": chars, "seconds": elapsed, "chars_per_s": chars / elapsed if elapsed else 0.0,
              "paragraphs": len(paragraphs), "quantities": quantities, "failures": failures,
              "cold_start_s": cold}
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def _q3_serve(corpus: str) -> None:
    """Time one pass of ``parser.parse`` over the corpus's paragraphs per line read on stdin,
    answering each with a JSON line: the parent interleaves these passes with its own."""
    from quantulum3 import parser

    paragraphs = [p for p in Path(corpus).read_text(encoding="utf-8").split("\n\n") if p.strip()]
    parser.parse(paragraphs[0])  # cold start, not timed
    print(json.dumps({"ready": True}), flush=True)
    for _ in sys.stdin:
        t0 = time.perf_counter()
        for p in paragraphs:
            try:
                parser.parse(p)
            except Exception:
                pass
        elapsed = time.perf_counter() - t0
        print(json.dumps({"seconds": elapsed, "chars": sum(map(len, paragraphs))}), flush=True)


if __name__ == "__main__":
    cmd, *rest = sys.argv[1:]
    {"q3-extract": _q3_extract, "q3-speed": _q3_speed, "q3-serve": _q3_serve}[cmd](*rest)
