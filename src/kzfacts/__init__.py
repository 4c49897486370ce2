"""kzfacts: every quantitative claim in news text, normalized and traceable.

>>> from kzfacts import extract_text
>>> [c.text for c in extract_text("Trade hit $41 billion in 2023.", doc="d")]
['$41 billion']
"""

from __future__ import annotations

import os
from typing import Any

if os.environ.get("KZFACTS_PURE_PYTHON"):  # run the .py sources even where compiled copies exist
    from kzfacts import _pure

    _pure.install()

from kzfacts.model import Claim, Conflict, Document  # noqa: E402
from kzfacts.pipeline import extract_text  # noqa: E402


def __getattr__(name: str) -> Any:
    """``__version__`` from the installed metadata, read on first use (importlib.metadata costs
    ~60 ms at start-up, and ``extract`` never needs it)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("kzfacts")
        except PackageNotFoundError:  # running from a source tree without install
            return "0.0.0+unknown"
    raise AttributeError(f"module 'kzfacts' has no attribute {name!r}")


def compiled_modules() -> list[str]:
    """The kzfacts modules running as C extensions (setup.py: mypyc's, and _scan); [] for pure Python.

    >>> set(compiled_modules()) <= {"conflicts", "context", "hedges", "normalize", "numbers", "pipeline", "tables",
    ...                             "text", "units", "_scan", "_clause", "_group", "_claims"}
    True
    """
    import sys
    from importlib.machinery import EXTENSION_SUFFIXES

    out = []
    for name, module in sorted(sys.modules.items()):
        if name.startswith("kzfacts.") and str(getattr(module, "__file__", "")).endswith(tuple(EXTENSION_SUFFIXES)):
            out.append(name.removeprefix("kzfacts."))
    return out


def extract_file(path: str, *, encoding: str | None = None, doc: str | None = None) -> tuple[Document, list[Claim]]:
    """Read one file (``-`` for stdin) and extract its claims. Raises ``InputError``."""
    from kzfacts.source import read_document

    document, text = read_document(path, encoding=encoding, doc=doc)
    return document, extract_text(text, doc=document.doc)


def find_conflicts(claims, **options):  # type: ignore[no-untyped-def]
    """Group comparable claims and return the ``Conflict`` groups (see ``kzfacts.conflicts``)."""
    from kzfacts.conflicts import find_conflicts as _find

    return _find(claims, **options)


__all__ = ["Claim", "Conflict", "Document", "__version__", "compiled_modules", "extract_file", "extract_text",
           "find_conflicts"]
