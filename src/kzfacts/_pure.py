"""``KZFACTS_PURE_PYTHON=1``: import kzfacts' modules from their .py sources, compiled copies or not.

setup.py compiles the pipeline with mypyc where it can, and Python then imports the compiled
copy. With this variable set, the sources run instead: to compare the two in one run
(bench/speed.py --compare-pure), to debug, or to try an edit without reinstalling.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib.abc import Loader
from importlib.machinery import ModuleSpec
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
NATIVE = frozenset({"_scan", "_clause", "_group", "_claims"})  # C modules with no .py: their callers fall back to Python code


class SourceFirst:
    """A meta path finder that answers for ``kzfacts.<module>`` with its .py file, and refuses the C-only ones."""

    @classmethod
    def find_spec(cls, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        package, _, module = name.rpartition(".")
        if package == "kzfacts" and module in NATIVE:
            return ModuleSpec(name, Refuse())  # importing it fails; finding it (find_spec) does not
        source = _PACKAGE / f"{module}.py"
        if package != "kzfacts" or not source.is_file():
            return None
        return importlib.util.spec_from_file_location(name, source)


class Refuse(Loader):
    """Loads nothing: the import of a C-only module fails, and its caller falls back to Python."""

    def create_module(self, spec: ModuleSpec) -> None:
        raise ModuleNotFoundError(f"{spec.name} is C, and KZFACTS_PURE_PYTHON=1 runs Python only", name=spec.name)

    def exec_module(self, module: object) -> None:  # never reached: create_module raises
        raise NotImplementedError


def install() -> None:
    if SourceFirst not in sys.meta_path:
        sys.meta_path.insert(0, SourceFirst)
