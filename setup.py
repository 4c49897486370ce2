"""Build step: compile the extraction pipeline to C with mypyc when it can; pure Python otherwise.

Everything else about the package is in pyproject.toml. The modules below are ordinary, fully
typed Python; mypyc (the compiler black ships with) turns them into C extensions that run the same
code ~1.3x faster in CPU time (bench/speed.py, BENCHMARKS.md). The sources stay the reference:

* ``KZFACTS_PURE_PYTHON=1 pip install ...`` installs without compiling (and removes compiled
  copies an earlier editable install left); set when running, it makes the sources run instead
  of the compiled copies (src/kzfacts/_pure.py);
* a build without mypyc (``--no-build-isolation`` with no mypy installed) or whose C compile
  fails prints a warning and installs the pure-Python package: never a failed install;
* ``kzfacts --version`` says which one is installed.

One module is C from the start, ``kzfacts/_scan.c`` (the per-character candidate scan); it is
built with the mypyc modules and, like them, has a Python reference that runs without it.

After editing one of these modules in an editable install, run ``pip install -e .`` again: the
compiled copy beside the source is what Python imports (tests/conftest.py refuses to run against
a stale one).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The per-candidate hot path: scanning, units, hedges, context, the pipeline and its tables; and
# the conflicts stage (per-claim reading, grouping and verdicts: bench/conflicts_scale.py).
# Not compiled: the CLI (typer reads its signatures), output, input, errors, the conflicts
# report and the model's dataclasses (shared with every stage and with users' code).
COMPILED = ("numbers", "units", "pipeline", "context", "text", "hedges", "tables", "normalize", "conflicts")


# Written in C from the start, each with its reference in Python (numbers.reference_candidates):
# the scan over every character of the text, where Python's per-call costs add up the most.
NATIVE = ("_scan", "_clause", "_group", "_claims")


def _remove_compiled() -> None:
    """Compiled copies an earlier build left beside the sources: Python would import them first."""
    here = Path(__file__).resolve().parent / "src"
    names = (*COMPILED, *NATIVE)
    for path in [*here.glob("*__mypyc.*"), *(p for n in names for p in (here / "kzfacts").glob(f"{n}.*"))]:
        if path.suffix in (".so", ".pyd"):
            path.unlink()


def _warn(message: str) -> None:
    print(f"kzfacts: {message}; installing the pure-Python package (same results, slower)", file=sys.stderr)
    _remove_compiled()


def _ext_modules() -> list:
    if os.environ.get("KZFACTS_PURE_PYTHON"):
        _remove_compiled()
        return []
    native = [Extension(f"kzfacts.{name}", [f"src/kzfacts/{name}.c"]) for name in NATIVE]  # CPython's -O3
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not available")
        return []
    paths = [f"src/kzfacts/{name}.py" for name in COMPILED]
    flags = ["--ignore-missing-imports", "--follow-imports=silent"]  # regex and pint ship no stubs
    try:
        return [*mypycify([*paths, *flags], opt_level="3"), *native]
    except (Exception, SystemExit) as e:  # mypy reports type errors by exiting
        _warn(f"mypyc could not compile ({e})")
        return []


class OptionalBuildExt(build_ext):
    """A C compiler error leaves the package pure Python instead of failing the install."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as e:
            _warn(f"the C build failed ({e})")


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
