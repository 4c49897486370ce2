#!/usr/bin/env python3
"""Accuracy of kzfacts (and quantulum3 beside it) on NewsQuant-format gold files.

kzfacts runs the way a user runs it: every gold sentence is written to its own file in a
temp dir (``<set>-<index>.txt``, so a claim's ``doc`` maps back to its sentence), then ONE
``kzfacts extract DIR --format jsonl`` process extracts them all. Claims are mapped to the
scorer's PRED format and scored by ``../shared/bench/newsquant_score.py`` (run as a
subprocess, unchanged). quantulum3 0.10.0 runs from its own venv (bench/.venvs/quantulum3)
with PYTHONHASHSEED=0 on the same sentences.

    .venv/bin/python bench/accuracy.py                      # all three files, q3 if installed
    .venv/bin/python bench/accuracy.py --with-quantulum3    # install the q3 venv on first use
    .venv/bin/python bench/accuracy.py --errors 20 --files dev
    .venv/bin/python bench/accuracy.py --limit 5 --no-quantulum3   # CI smoke

It measures, it does not judge: exit status 0 whatever the scores (non-zero only when
kzfacts or the scorer crashes).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

FILES = {
    "dev": "newsquant-dev.json",
    "currency": "currency-model.json",
    "dimension": "dimension-model.json",
}
METRICS = ("value", "value+unit", "value+change")
# Targets on newsquant-dev (F1 %), printed, never enforced.
TARGETS = {"value": 93.0, "value+unit": 87.0, "value+change": 90.0}
PEERS_DEV = {"CQE 2.0.3 (published)": (89.7, 81.3, 84.9), "quantulum3 0.10.0 (published)": (70.6, 44.3, 53.1)}

QUALIFIER_CHANGE = {
    "approximately": "~",
    "more_than": ">",
    "at_least": ">",
    "less_than": "<",
    "at_most": "<",
}
DIRECTION_CHANGE = {"increase": "up", "decrease": "down"}
DROPPED_KINDS = {"ordinal"}  # NewsQuant annotates neither ordinals nor dates


def claim_to_pred(c: dict) -> dict | None:
    """One kzfacts claim (jsonl contract) -> one scorer quantity, or None when not scored."""
    kind = c.get("kind")
    if kind in DROPPED_KINDS:
        return None
    value: float | list[float] = c["value"]
    high = c.get("value_high")
    if high is not None and high != value:
        value = [c["value"], high]
    if kind == "count":
        unit = c.get("noun")
    elif kind == "factor":
        unit = "times"
    else:
        unit = c.get("unit")  # ISO code, pint name, "USD / barrel" as is
        if kind == "money" and unit:
            unit = " / ".join([_currency_name(unit.split(" / ")[0], c.get("text") or ""), *unit.split(" / ")[1:]])
        if kind == "mass" and unit == "pound":
            # The scorer leaves a bare "pound" ambiguous (sterling or mass) on purpose; the claim's
            # kind has already decided it, so say which, in the scorer's own spelling.
            unit = "lb"
    change = QUALIFIER_CHANGE.get(c.get("qualifier") or "")
    if change is None:
        change = DIRECTION_CHANGE.get(c.get("change") or "", "=")
    return {"value": value, "unit": unit, "change": change, "text": c.get("text"), "kind": kind}


def _load_currency_names() -> dict[str, list[str]]:
    """ISO code -> the names kzfacts reads after a number, from its own table (currencies.tsv)."""
    names: dict[str, list[str]] = {}
    path = _common.REPO / "src" / "kzfacts" / "data" / "currencies.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3 or cols[0] == "code":
            continue
        names[cols[0]] = [n for n in cols[2].split("|") if n]
    return names


_CURRENCY_NAMES = _load_currency_names()


def _currency_name(code: str, text: str) -> str:
    """A currency as the gold files name it: the name the claim's text uses ("420 million
    finnish markka" -> "finnish markka"), else the country-qualified name ("Georgian lari" for
    "100₾"), else the ISO code. The scorer's unit table knows the major codes but not "FIM" or
    "GEL"; a name is the same information in the form the gold uses. Same for every currency."""
    names = _CURRENCY_NAMES.get(code)
    if not names:
        return code
    low = text.lower()
    written = [n for n in names if re.search(r"(?<!\w)" + re.escape(n.lower()) + r"(?!\w)", low)]
    if written:
        return max(written, key=len)
    qualified = [n for n in names if " " in n]
    return qualified[0] if qualified else code


def doc_key(doc: str) -> str:
    """``dev-0007`` from a claim's doc (a stem, or a path if the CLI ever reports one)."""
    name = Path(doc).name
    return name[:-4] if name.endswith(".txt") else name


def run_kzfacts(sets: dict[str, list[dict]], workdir: Path) -> tuple[dict[str, list[dict]], dict]:
    """Write each sentence to its own file, run ONE CLI process, return PRED lists per set."""
    indir = workdir / "sentences"
    indir.mkdir()
    keys: dict[str, tuple[str, int]] = {}
    for name, items in sets.items():
        for i, item in enumerate(items):
            key = f"{name}-{i:04d}"
            keys[key] = (name, i)
            (indir / f"{key}.txt").write_text(item["text"], encoding="utf-8")
    cmd = [*_common.kzfacts_cmd(), "extract", str(indir), "--format", "jsonl"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)  # exit code handled below
    elapsed = time.perf_counter() - t0
    info = {"command": " ".join(cmd), "returncode": proc.returncode, "seconds": round(elapsed, 3),
            "claims": 0, "dropped": defaultdict(int), "unmapped_docs": 0}
    if proc.returncode not in (0, 1):  # 1 = some input unreadable, the rest still processed
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"error: kzfacts exited with {proc.returncode}: {info['command']}")
    if proc.returncode == 1 or proc.stderr.strip():
        print(f"warning: kzfacts exit {proc.returncode}; stderr: {proc.stderr.strip()[:500]}", file=sys.stderr)
    by_key: dict[str, list[dict]] = defaultdict(list)
    for lineno, line in enumerate(proc.stdout.splitlines(), 1):
        if not line.strip():
            continue
        try:
            claim = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"error: kzfacts output line {lineno} is not JSON ({e}): {line[:200]}") from e
        info["claims"] += 1
        key = doc_key(str(claim.get("doc", "")))
        if key not in keys:
            info["unmapped_docs"] += 1
            continue
        q = claim_to_pred(claim)
        if q is None:
            info["dropped"][claim.get("kind")] += 1
            continue
        by_key[key].append(q)
    preds: dict[str, list[dict]] = {}
    for name, items in sets.items():
        preds[name] = [{"text": item["text"], "quantities": by_key.get(f"{name}-{i:04d}", [])}
                       for i, item in enumerate(items)]
    info["dropped"] = dict(info["dropped"])
    return preds, info


def run_quantulum3(py: Path, sets: dict[str, list[dict]], workdir: Path) -> tuple[dict[str, list[dict]], dict]:
    preds, info = {}, {}
    for name, items in sets.items():
        inp = workdir / f"q3-{name}-in.json"
        out = workdir / f"q3-{name}-pred.json"
        inp.write_text(json.dumps([it["text"] for it in items]), encoding="utf-8")
        _common.run_q3(py, "q3-extract", str(inp), str(out))
        preds[name] = json.loads(out.read_text(encoding="utf-8"))
        info[name] = json.loads(Path(str(out) + ".meta.json").read_text(encoding="utf-8"))
    return preds, info


def score(gold_path: Path, preds: list[dict], workdir: Path, tag: str, errors: int = 0) -> tuple[dict, str]:
    """Run the shared scorer unchanged; return its JSON result and its printed output."""
    pred_path = workdir / f"{tag}-pred.json"
    out_json = workdir / f"{tag}-score.json"
    pred_path.write_text(json.dumps(preds), encoding="utf-8")
    scorer = _common.shared_dir() / "bench" / "newsquant_score.py"
    cmd = [sys.executable, str(scorer), str(gold_path), str(pred_path), "--name", tag, "--json", str(out_json)]
    if errors:
        cmd += ["--errors", str(errors)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)  # exit code handled below
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"error: scorer failed: {' '.join(cmd)}")
    return json.loads(out_json.read_text(encoding="utf-8")), proc.stdout


def fmt_row(system: str, result: dict) -> str:
    cells = []
    for m in METRICS:
        v = result["metrics"][m]
        cells.append(f"{v['P']:5.1f} {v['R']:5.1f} {v['F1']:5.1f}")
    return f"  {system:<12}" + "  |  ".join(cells) + f"   ({result['n_pred']} pred / {result['n_gold']} gold)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", nargs="+", choices=list(FILES), default=list(FILES),
                    help="which gold files to run (default: all three)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences per file (CI smoke)")
    ap.add_argument("--errors", type=int, default=0,
                    help="print up to N sentences per file where kzfacts misses (the scorer's --errors)")
    ap.add_argument("--json", metavar="OUT", help="save all results as JSON")
    q3 = ap.add_mutually_exclusive_group()
    q3.add_argument("--with-quantulum3", action="store_true",
                    help="run quantulum3 too, installing its venv (bench/.venvs/quantulum3) on first use")
    q3.add_argument("--no-quantulum3", action="store_true", help="skip quantulum3 even if its venv exists")
    ap.add_argument("--keep", metavar="DIR", help="keep the sentence files, predictions and scores in DIR")
    args = ap.parse_args(argv)

    shared = _common.shared_dir() / "bench"
    if not (shared / "newsquant_score.py").exists():
        raise SystemExit(f"error: shared bench data not found at {shared} (set KZFACTS_SHARED)")
    gold_all = {name: json.loads((shared / FILES[name]).read_text(encoding="utf-8")) for name in args.files}
    sets = {name: (items[: args.limit] if args.limit else items) for name, items in gold_all.items()}

    q3_py = None
    if not args.no_quantulum3:
        q3_py = _common.q3_python(install=args.with_quantulum3)

    if args.keep:
        workdir = Path(args.keep).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        if (workdir / "sentences").exists():
            raise SystemExit(f"error: {workdir}/sentences exists; pick an empty --keep dir")
        tmp = None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="kzfacts-acc-")
        workdir = Path(tmp.name)
    try:
        kz_preds, kz_info = run_kzfacts(sets, workdir)
        q3_preds, q3_info = (run_quantulum3(q3_py, sets, workdir) if q3_py else ({}, {}))

        results: dict = {"machine": _common.machine_info(), "limit": args.limit, "targets_dev_F1": TARGETS,
                         "kzfacts_run": kz_info, "quantulum3_run": q3_info, "files": {}}
        error_dumps = []
        for name in args.files:
            gold_path = shared / FILES[name]
            if args.limit:
                gold_path = workdir / f"gold-{name}.json"
                gold_path.write_text(json.dumps(sets[name]), encoding="utf-8")
            entry = {}
            entry["kzfacts"], out = score(gold_path, kz_preds[name], workdir, f"kzfacts-{name}", args.errors)
            if args.errors:
                error_dumps.append((name, out))
            if q3_py:
                entry["quantulum3"], _ = score(gold_path, q3_preds[name], workdir, f"quantulum3-{name}")
            results["files"][name] = entry
    finally:
        if tmp is not None:
            tmp.cleanup()

    m = results["machine"]
    print(f"kzfacts at {m['commit']}{' + uncommitted src/ edits' if m['src_dirty'] else ''}: "
          f"{kz_info['claims']} claims from {sum(map(len, sets.values()))} sentences in "
          f"{kz_info['seconds']:.2f}s (one CLI process); dropped {kz_info['dropped'] or 'none'}")
    if q3_py:
        secs = sum(v["seconds"] for v in q3_info.values())
        chars = sum(len(it["text"]) for items in sets.values() for it in items)
        fails = sum(v["failures"] for v in q3_info.values())
        print(f"quantulum3: {chars / secs:,.0f} chars/s in-process on these sentences (cold start excluded); "
              f"{fails} sentences raised")
    else:
        print("quantulum3: not run (use --with-quantulum3 to install its venv)")
    head = "  ".join(f"{m + ' P/R/F1':^17}" for m in METRICS)
    for name in args.files:
        entry = results["files"][name]
        r = entry["kzfacts"]
        print(f"\n{FILES[name]}: {r['n_sentences']} sentences, {r['n_gold']} gold quantities")
        print(f"  {'system':<12}{head}")
        for system, res in entry.items():
            print(fmt_row(system, res))
    print("\ntargets (newsquant-dev F1, not enforced): "
          + ", ".join(f"{m} >= {t:g}" for m, t in TARGETS.items()))
    if "dev" in results["files"]:
        dev = results["files"]["dev"]["kzfacts"]["metrics"]
        status = ", ".join(f"{m} {dev[m]['F1']:.1f} ({'met' if dev[m]['F1'] >= t else 'below'})"
                           for m, t in TARGETS.items())
        note = " [--limit: not comparable]" if args.limit else ""
        print(f"kzfacts on dev: {status}{note}")
        for peer, (a, b, c) in PEERS_DEV.items():
            print(f"  peer {peer}: {a} / {b} / {c}")
    for name, out in error_dumps:
        print(f"\n===== kzfacts misses on {FILES[name]} (scorer --errors {args.errors}) =====")
        print(out.split("\n\n", 1)[1] if "\n\n" in out else "(none)")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"\nsaved {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
