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

from conftest import FIXTURES_ROOT, REPO_ROOT, SEEDS_ROOT

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


CONFLICTS_CHILD = """
import json, sys
sys.path.insert(0, "bench")
import kzfacts
from conflicts_scale import _dump, generate
from kzfacts.conflicts import analyze
from kzfacts.model import Claim
claims = [Claim.from_dict(d) for d in json.load(sys.stdin)] + generate(3000, seed=1)
_dump(__import__("pathlib").Path(sys.argv[1]), analyze(claims))
print(json.dumps(kzfacts.compiled_modules()))
"""


def test_compiled_conflicts_group_as_the_sources_do(tmp_path):
    """``analyze`` compiled (setup.py) and from its source (KZFACTS_PURE_PYTHON=1) give the same
    groups, notes and verdicts, on the seeds' claims and on synthetic ones with every kind of
    grouping (bench/conflicts_scale.py). Compiled code is not Python's in everything: a ``dict``
    subclass's ``__missing__``, for one, is skipped by mypyc's dict look-ups (conflicts once
    read its chunks that way, and its answers changed when compiled)."""
    claims = [c.to_dict() for t in sorted(SEEDS_ROOT.glob("*.txt"))
              for c in extract_text(t.read_text(encoding="utf-8"), doc=t.stem)]
    out = {}
    for side, env in (("here", os.environ), ("pure", PURE_ENV)):
        child = subprocess.run([sys.executable, "-c", CONFLICTS_CHILD, str(tmp_path / side)], input=json.dumps(claims),
                               env=env, capture_output=True, text=True, check=True, cwd=REPO_ROOT)
        out[side] = (json.loads(child.stdout), (tmp_path / side).read_bytes())
    assert out["pure"][0] == []
    if not kzfacts.pipeline.__file__.endswith(".py"):  # a compiled install compiles conflicts too
        assert "conflicts" in out["here"][0]
    here, pure = out["here"][1], out["pure"][1]
    assert here.count(b"\n") > 300 and b'"conflicting": true' in here  # groups, some of them conflicting
    assert here == pure
