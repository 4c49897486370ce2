"""The compiled pipeline (setup.py, mypyc) and its sources must give the same claims.

In a compiled install these tests compare the two builds of the same code: this process runs the
compiled modules and a child process runs the sources (KZFACTS_PURE_PYTHON=1). In a pure-Python
install both sides run the sources.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import FIXTURES_ROOT, SEEDS_ROOT

import kzfacts.pipeline
from kzfacts import compiled_modules, extract_text

PURE_ENV = {**os.environ, "KZFACTS_PURE_PYTHON": "1"}


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_ROOT.glob("*.txt"))]
    with open(FIXTURES_ROOT / "cases.jsonl", encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


CHILD = """
import json, sys
import kzfacts
from kzfacts import extract_text
texts = json.load(sys.stdin)
print(json.dumps({"compiled": kzfacts.compiled_modules(),
                  "claims": [[c.to_dict() for c in extract_text(t, doc=str(i))] for i, t in enumerate(texts)]}))
"""


def test_compiled_modules_names_what_python_imported():
    expected = [] if kzfacts.pipeline.__file__.endswith(".py") else ["pipeline"]
    assert [m for m in compiled_modules() if m == "pipeline"] == expected


def test_pure_python_switch_runs_the_sources_with_the_same_claims():
    texts = _texts()
    child = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(texts), env=PURE_ENV,
                           capture_output=True, text=True, check=True)
    pure = json.loads(child.stdout)
    assert pure["compiled"] == []
    here = [[c.to_dict() for c in extract_text(t, doc=str(i))] for i, t in enumerate(texts)]
    assert sum(map(len, here)) > 150  # 81 seed claims and the table cases
    assert pure["claims"] == here
