"""The examples in src/kzfacts docstrings, run against the module Python actually imports.

pytest's --doctest-modules imports each .py file itself, which fails for a module that runs as
a mypyc-compiled extension (setup.py): its ``__file__`` is the extension. So the examples are
read from the source here and run in the imported module's namespace, compiled or not.
"""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "kzfacts"


def _docstrings(path: Path) -> list[tuple[str, str, int]]:
    """(qualified name, docstring, line) of the module and of every class and function in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}.{child.name}"
                doc = ast.get_docstring(child, clean=False)
                if doc:
                    found.append((name, doc, child.body[0].lineno))
                visit(child, name)

    doc = ast.get_docstring(tree, clean=False)
    if doc:
        found.append((path.stem, doc, 1))
    visit(tree, path.stem)
    return found


MODULES = sorted(p for p in SRC.glob("*.py") if p.stem != "__main__")


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_docstring_examples(path):
    name = "kzfacts" if path.stem == "__init__" else f"kzfacts.{path.stem}"
    module = importlib.import_module(name)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(verbose=False)
    report: list[str] = []
    for qualname, doc, line in _docstrings(path):
        test = parser.get_doctest(doc, dict(vars(module)), qualname, str(path), line)
        runner.run(test, out=report.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(report)


def test_examples_are_found():
    """The reader above sees the examples (a broken reader would pass every module)."""
    examples = {p.stem: sum(d.count(">>> ") for _, d, _ in _docstrings(p)) for p in MODULES}
    assert examples["numbers"] >= 5 and examples["units"] >= 3 and examples["__init__"] >= 2
