#!/usr/bin/env python3
"""Throughput, memory, cold start and scaling of kzfacts, with quantulum3 measured beside it.

The corpus is seeds/*.txt (news articles) joined by blank lines and repeated to --mb megabytes
(1 MB = 10^6 bytes). In one run, on the same text:

  * kzfacts in-process: ``extract_text`` on the whole corpus as one document, and on the corpus
    split into paragraphs (the same pieces quantulum3 gets); import and a warm-up call excluded;
  * kzfacts whole process: ``kzfacts extract FILE --format jsonl > /dev/null``, startup included;
    wall time, CPU time and peak RSS of the child (os.wait4 rusage);
  * quantulum3 0.10.0 in-process, in its own venv (PYTHONHASHSEED=0): ``parser.parse`` over the
    paragraphs of the first --q3-mb of the corpus, its import/first-call cold start excluded;
  * cold start: ``kzfacts --version`` wall time, and time to the first claim line of
    ``kzfacts extract FILE --format jsonl``;
  * --scaling: CLI time vs corpus size (default 1, 10, 100 MB) and time per MB.

    .venv/bin/python bench/speed.py                         # 3 MB, quantulum3 if installed
    .venv/bin/python bench/speed.py --with-quantulum3 --scaling --json bench/out/speed.json
    .venv/bin/python bench/speed.py --mb 0.2 --no-quantulum3 --scaling --scaling-mb 0.1 0.2 --repeat 1

Targets are printed, never enforced: exit status 0 unless a measured command crashes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

MB = 1_000_000
# Warm-up text for in-process timing: touches money, percent and a physical unit, so lazy loads
# (pint's unit registry takes seconds) happen before the clock starts.
WARMUP = "Trade hit $41 billion in 2023, up 3% from 2022; the 12-mile road took 20 minutes at 60 km/h."
TARGET_RATIO = 100.0  # kzfacts in-process vs quantulum3 in-process
TARGET_MBPS_PER_CORE = 10.0  # extract --format jsonl on a file


def seed_text() -> str:
    seeds = sorted((_common.REPO / "seeds").glob("*.txt"))
    if not seeds:
        raise SystemExit(f"error: no seeds/*.txt under {_common.REPO}")
    return "\n\n".join(p.read_text(encoding="utf-8").strip() for p in seeds) + "\n"


def build_corpus(mb: float, path: Path) -> Path:
    """seeds repeated (whole repetitions, separated by a blank line) until >= mb MB."""
    unit = seed_text()
    unit_bytes = len(unit.encode("utf-8"))
    reps = max(1, -(-int(mb * MB) // unit_bytes))
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(reps):
            fh.write(unit)
            fh.write("\n")
    return path


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


# --------------------------------------------------------------------------- kzfacts
CLI_ENV: dict[str, str] = _common.cli_env()  # replaced in main() under --inherit-env


def time_cli(path: Path) -> dict:
    """One ``kzfacts extract FILE --format jsonl > /dev/null``: wall, CPU and peak RSS of the child."""
    cmd = [*_common.kzfacts_cmd(), "extract", str(path), "--format", "jsonl"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=CLI_ENV)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        sys.stderr.write(err[-2000:])
        raise SystemExit(f"error: {' '.join(cmd)} exited with {proc.returncode}")
    return {"wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime, "maxrss_mb": ru.ru_maxrss / 1024}


def time_to_first_claim(path: Path) -> dict:
    cmd = [*_common.kzfacts_cmd(), "extract", str(path), "--format", "jsonl"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=CLI_ENV)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    ttfc = time.perf_counter() - t0 if first else None
    lines = 1 if first else 0
    for _ in proc.stdout:
        lines += 1
    proc.wait()
    total = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"error: {' '.join(cmd)} exited with {proc.returncode}")
    return {"first_claim_s": ttfc, "total_s": total, "claims": lines}


def time_version(repeat: int) -> float:
    cmd = [*_common.kzfacts_cmd(), "--version"]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=CLI_ENV)
        best = min(best, time.perf_counter() - t0)
    return best


def time_in_process(text: str, repeat: int) -> dict:
    t_import = time.perf_counter()
    from kzfacts import extract_text

    extract_text(WARMUP, doc="warmup")
    cold = time.perf_counter() - t_import
    paras = paragraphs(text)
    whole, per_para = [], []
    n_whole = n_para = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n_whole = len(extract_text(text, doc="corpus"))
        whole.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_para = sum(len(extract_text(p, doc="p")) for p in paras)
        per_para.append(time.perf_counter() - t0)
    chars = len(text)
    return {
        "chars": chars, "import_and_first_call_s": cold, "paragraphs": len(paras),
        "whole": {"best_s": min(whole), "runs_s": whole, "chars_per_s": chars / min(whole), "claims": n_whole},
        "per_paragraph": {"best_s": min(per_para), "runs_s": per_para,
                          "chars_per_s": sum(map(len, paras)) / min(per_para), "claims": n_para},
    }


def time_pure_in_process(corpus: Path, repeat: int) -> dict:
    """``time_in_process`` in a child process that imports kzfacts from its .py sources."""
    env = {**os.environ, "KZFACTS_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, __file__, "--child-in-process", str(corpus), "--repeat", str(repeat)],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def profile(mb: float, html_out: str, top: int = 15) -> list[dict]:
    """pyinstrument over extract_text(whole corpus); top functions by self time."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("\nprofile: pyinstrument not installed (.venv/bin/pip install pyinstrument)")
        return []
    from kzfacts import extract_text

    with tempfile.TemporaryDirectory() as tmp:
        text = build_corpus(mb, Path(tmp) / "c.txt").read_text(encoding="utf-8")
    extract_text(WARMUP, doc="warmup")
    prof = Profiler(interval=0.0005)
    prof.start()
    extract_text(text, doc="corpus")
    prof.stop()
    session = prof.last_session
    total = session.duration
    selfs: dict[str, float] = {}
    cums: dict[str, float] = {}

    def walk(frame, active: frozenset, parent: str = "") -> None:  # type: ignore[no-untyped-def]
        if frame.is_synthetic:  # "[self]" and friends: already counted in the parent's own time
            return
        key = f"{frame.function}  {frame.file_path_short}:{frame.line_no}"
        if frame.file_path_short == "<built-in>":  # C functions: say who calls them
            key = f"{frame.function} <- {parent}"
        real = [c for c in frame.children if not c.is_synthetic]
        selfs[key] = selfs.get(key, 0.0) + frame.time - sum(c.time for c in real)
        if key not in active:  # recursion: count the outermost call only
            cums[key] = cums.get(key, 0.0) + frame.time
        for c in real:
            walk(c, active | {key}, key)

    root = session.root_frame()
    if root is not None:
        walk(root, frozenset())
    print(f"\nprofile: extract_text on {len(text) / MB:.2f} MB in {total:.2f} s under pyinstrument; "
          f"top {top} by self time (cumulative in brackets)")
    out = []
    for key, t in sorted(selfs.items(), key=lambda kv: -kv[1])[:top]:
        pct, cum = 100 * t / total, 100 * cums.get(key, 0.0) / total
        out.append({"function": key, "self_percent": round(pct, 1), "cumulative_percent": round(cum, 1)})
        print(f"  {pct:5.1f}%  [{cum:5.1f}%]  {key}")
    print("  top by cumulative time (kzfacts functions):")
    shown = 0
    for key, t in sorted(cums.items(), key=lambda kv: -kv[1]):
        if "kzfacts/" in key and shown < top:
            shown += 1
            print(f"  [{100 * t / total:5.1f}%]  {key}")
    Path(html_out).parent.mkdir(parents=True, exist_ok=True)
    Path(html_out).write_text(prof.output_html(), encoding="utf-8")
    print(f"  full call tree: {html_out}")
    return out


# --------------------------------------------------------------------------- quantulum3
def first_paragraphs(text: str, mb: float) -> list[str]:
    """Whole paragraphs from the start of ``text`` until ``mb`` MB of UTF-8 are reached."""
    chosen, size = [], 0
    for p in paragraphs(text):
        if size >= int(mb * MB):
            break
        chosen.append(p)
        size += len(p.encode("utf-8"))
    return chosen


def time_quantulum3(py: Path, text: str, q3_mb: float, workdir: Path) -> dict:
    """quantulum3 on the first q3_mb of the same corpus (whole paragraphs)."""
    chosen = first_paragraphs(text, q3_mb)
    sub = workdir / "q3-corpus.txt"
    sub.write_text("\n\n".join(chosen), encoding="utf-8")
    out = workdir / "q3-speed.json"
    _common.run_q3(py, "q3-speed", str(sub), str(out))
    return json.loads(out.read_text(encoding="utf-8"))


def interleaved_ratio(py: Path, text: str, q3_mb: float, workdir: Path, rounds: int) -> dict:
    """kzfacts and quantulum3 on the same paragraphs, one pass each, alternating for ``rounds``.

    The machine's speed drifts between runs by more than either program's does; timing the two
    side by side, pass after pass, gives a ratio per round that the drift mostly cancels out of.
    Both sides are averages (kzfacts over ~2 s of passes, quantulum3 over its one long pass),
    unlike the best-of-N throughput above, which favours kzfacts over quantulum3's single run.
    """
    from kzfacts import extract_text

    chosen = first_paragraphs(text, q3_mb)
    sub = workdir / "q3-interleave.txt"
    sub.write_text("\n\n".join(chosen), encoding="utf-8")
    cmd = [str(py), str(Path(_common.__file__).resolve()), "q3-serve", str(sub)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_common.q3_env())
    assert proc.stdin is not None and proc.stdout is not None
    json.loads(proc.stdout.readline())  # ready: its cold start is over
    for p in chosen:  # and kzfacts' own first pass (lazy loads) is not timed either
        extract_text(p, doc="p")
    rows = []
    try:
        for _ in range(rounds):
            # as many kzfacts passes as fill ~2 s, averaged: one quantulum3 pass takes ~30 s, and a
            # single 0.3 s pass would catch the machine's momentary speed, not its average
            passes, t0 = 0, time.perf_counter()
            while passes == 0 or time.perf_counter() - t0 < 2.0:
                for p in chosen:
                    extract_text(p, doc="p")
                passes += 1
            kz = (time.perf_counter() - t0) / passes
            proc.stdin.write("go\n")
            proc.stdin.flush()
            q3 = json.loads(proc.stdout.readline())["seconds"]
            rows.append({"kzfacts_s": kz, "quantulum3_s": q3, "ratio": q3 / kz})
    finally:
        proc.stdin.close()
        proc.wait()
    ratios = sorted(r["ratio"] for r in rows)
    return {"chars": sum(map(len, chosen)), "paragraphs": len(chosen), "rounds": rows,
            "median_ratio": ratios[len(ratios) // 2], "min_ratio": ratios[0], "max_ratio": ratios[-1]}


# --------------------------------------------------------------------------- report
def fmt_rate(chars_per_s: float) -> str:
    return f"{chars_per_s:>14,.0f} chars/s  ({chars_per_s / MB:8.3f} MB/s)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=3.0, help="corpus size in MB (default 3)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    ap.add_argument("--q3-mb", type=float, default=1.0,
                    help="quantulum3 runs on the first N MB of the corpus (it is slow; default 1)")
    q3 = ap.add_mutually_exclusive_group()
    q3.add_argument("--with-quantulum3", action="store_true",
                    help="run quantulum3 too, installing its venv (bench/.venvs/quantulum3) on first use")
    q3.add_argument("--no-quantulum3", action="store_true", help="skip quantulum3 even if its venv exists")
    ap.add_argument("--scaling", action="store_true", help="also time the CLI at --scaling-mb sizes")
    ap.add_argument("--scaling-mb", type=float, nargs="+", default=[1, 10, 100],
                    help="corpus sizes for --scaling (default 1 10 100)")
    ap.add_argument("--scaling-repeat", type=int, default=1, help="runs per --scaling size (default 1)")
    ap.add_argument("--no-in-process", action="store_true", help="skip the in-process kzfacts timing")
    ap.add_argument("--profile", metavar="HTML", nargs="?", const="bench/out/profile.html",
                    help="profile extract_text over the corpus with pyinstrument (if installed; not a project "
                         "dependency), print the top self-time functions and save an HTML report")
    ap.add_argument("--json", metavar="OUT", help="save all results as JSON")
    ap.add_argument("--compare-pure", action="store_true",
                    help="also time in-process extraction from the .py sources (KZFACTS_PURE_PYTHON=1, "
                         "a child process) and print the compiled/pure ratio")
    ap.add_argument("--interleave", type=int, metavar="ROUNDS", default=0,
                    help="also time kzfacts and quantulum3 pass after pass on the same --q3-mb of paragraphs, "
                         "ROUNDS times, and report the per-round ratios (needs quantulum3)")
    ap.add_argument("--child-in-process", metavar="CORPUS", help=argparse.SUPPRESS)
    ap.add_argument("--inherit-env", action="store_true",
                    help="time the CLI with this shell's environment as is, PYTHONDONTWRITEBYTECODE and "
                         "PYTHONUNBUFFERED included (default: without them, as a user's shell runs it)")
    args = ap.parse_args(argv)
    if args.child_in_process:  # --compare-pure's child: print time_in_process as JSON
        print(json.dumps(time_in_process(Path(args.child_in_process).read_text(encoding="utf-8"), args.repeat)))
        return 0

    global CLI_ENV
    CLI_ENV = _common.cli_env(inherit=args.inherit_env)
    dropped = [v for v in _common.SANDBOX_VARS if v in os.environ and v not in CLI_ENV]
    # one untimed run, so that an editable install has written its bytecode as a user's first run does
    subprocess.run([*_common.kzfacts_cmd(), "--version"], check=True, capture_output=True, env=CLI_ENV)
    q3_py = None if args.no_quantulum3 else _common.q3_python(install=args.with_quantulum3)
    res: dict = {"machine": _common.machine_info(), "mb": args.mb, "repeat": args.repeat,
                 "targets": {"ratio_vs_quantulum3": TARGET_RATIO, "cli_MBps_per_core": TARGET_MBPS_PER_CORE}}
    res["cli_env_dropped"] = dropped
    m = res["machine"]
    print(f"machine: {m['cpu']}, {m['nproc']} cores, Python {m['python']}; kzfacts at {m['commit']}, {m['build']}"
          f"{' + uncommitted src/ edits' if m['src_dirty'] else ''}")
    print(f"CLI runs without {', '.join(dropped)} (set in this shell, not in a user's; --inherit-env keeps them)"
          if dropped else "CLI runs with this shell's environment")

    with tempfile.TemporaryDirectory(prefix="kzfacts-speed-") as tmp:
        workdir = Path(tmp)
        corpus = build_corpus(args.mb, workdir / "corpus.txt")
        text = corpus.read_text(encoding="utf-8")
        nbytes = corpus.stat().st_size
        res["corpus"] = {"bytes": nbytes, "chars": len(text), "paragraphs": len(paragraphs(text))}
        print(f"corpus: seeds/*.txt repeated to {nbytes / MB:.2f} MB ({len(text):,} chars, "
              f"{res['corpus']['paragraphs']:,} paragraphs)\n")

        # cold start
        res["version_s"] = time_version(max(args.repeat, 3))
        first_seed = sorted((_common.REPO / "seeds").glob("*.txt"))[0]
        res["first_claim_seed"] = time_to_first_claim(first_seed)
        res["first_claim_corpus"] = time_to_first_claim(corpus)
        fc_seed, fc_corp = res["first_claim_seed"], res["first_claim_corpus"]

        def ttfc(d: dict) -> str:
            return "no claim" if d["first_claim_s"] is None else f"{d['first_claim_s']:.3f} s"

        print("cold start")
        print(f"  kzfacts --version                          {res['version_s']:.3f} s")
        print(f"  first claim line, one seed file ({first_seed.stat().st_size:,} B)  {ttfc(fc_seed)}"
              f"  (whole run {fc_seed['total_s']:.3f} s, {fc_seed['claims']} claims)")
        print(f"  first claim line, corpus file              {ttfc(fc_corp)}"
              f"  (whole run {fc_corp['total_s']:.3f} s, {fc_corp['claims']:,} claims)\n")

        # whole process
        runs = [time_cli(corpus) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["wall_s"])
        cli = {"runs": runs, "best_wall_s": best["wall_s"], "cpu_s": best["cpu_s"],
               "maxrss_mb": max(r["maxrss_mb"] for r in runs),
               "MBps_wall": nbytes / MB / best["wall_s"],
               "MBps_per_core": nbytes / MB / best["cpu_s"] if best["cpu_s"] else None,
               "chars_per_s": len(text) / best["wall_s"]}
        res["cli"] = cli
        print(f"throughput (best of {args.repeat})")
        print("  kzfacts CLI, whole process (extract FILE --format jsonl > /dev/null, startup included)")
        print(f"    {fmt_rate(cli['chars_per_s'])}   wall {cli['best_wall_s']:.3f} s, CPU {cli['cpu_s']:.3f} s "
              f"-> {cli['MBps_per_core'] or 0:.3f} MB per CPU-second, peak RSS {cli['maxrss_mb']:.0f} MB")

        inproc = None
        if not args.no_in_process:
            inproc = time_in_process(text, args.repeat)
            res["in_process"] = inproc
            print("  kzfacts in-process extract_text, whole corpus as one document")
            print(f"    {fmt_rate(inproc['whole']['chars_per_s'])}   {inproc['whole']['claims']:,} claims"
                  f"  (import + first call {inproc['import_and_first_call_s']:.3f} s, excluded)")
            print("  kzfacts in-process extract_text, per paragraph (same pieces as quantulum3)")
            print(f"    {fmt_rate(inproc['per_paragraph']['chars_per_s'])}   "
                  f"{inproc['per_paragraph']['claims']:,} claims")
            if args.compare_pure:
                pure = time_pure_in_process(corpus, args.repeat)
                res["in_process_pure"] = pure
                for key, label in (("whole", "whole corpus"), ("per_paragraph", "per paragraph")):
                    ratio = inproc[key]["chars_per_s"] / pure[key]["chars_per_s"]
                    res[f"compiled_over_pure_{key}"] = ratio
                    print(f"  same, from the .py sources (KZFACTS_PURE_PYTHON=1), {label}\n"
                          f"    {fmt_rate(pure[key]['chars_per_s'])}   {pure[key]['claims']:,} claims; "
                          f"this build / sources {ratio:.2f}x")

        if q3_py:
            q3 = time_quantulum3(q3_py, text, args.q3_mb, workdir)
            res["quantulum3"] = q3
            print(f"  quantulum3 0.10.0 in-process parser.parse per paragraph "
                  f"(first {q3['chars'] / MB:.2f} MB of the corpus, cold start {q3['cold_start_s']:.2f} s excluded)")
            print(f"    {fmt_rate(q3['chars_per_s'])}   {q3['quantities']:,} quantities, "
                  f"{q3['failures']} paragraphs raised")
            if inproc:
                res["ratio_per_paragraph"] = inproc["per_paragraph"]["chars_per_s"] / q3["chars_per_s"]
                res["ratio_whole"] = inproc["whole"]["chars_per_s"] / q3["chars_per_s"]
            res["ratio_cli"] = cli["chars_per_s"] / q3["chars_per_s"]
            print("\nratio kzfacts / quantulum3 (chars/s)")
            if inproc:
                print(f"  in-process per paragraph  {res['ratio_per_paragraph']:8.1f}x")
                print(f"  in-process whole corpus   {res['ratio_whole']:8.1f}x")
            print(f"  CLI whole process         {res['ratio_cli']:8.1f}x")
            if args.interleave:
                inter = interleaved_ratio(q3_py, text, args.q3_mb, workdir, args.interleave)
                res["interleaved"] = inter
                per_round = ", ".join(f"{r['ratio']:.1f}x" for r in inter["rounds"])
                print(f"  interleaved, per paragraph, {inter['paragraphs']:,} paragraphs, {args.interleave} rounds: "
                      f"{per_round}; median {inter['median_ratio']:.1f}x")
        else:
            print("\nquantulum3: not run (use --with-quantulum3 to install its venv)")

        if args.scaling:
            print(f"\nscaling: kzfacts extract FILE --format jsonl > /dev/null (best of {args.scaling_repeat})")
            print(f"  {'size MB':>9} {'wall s':>9} {'CPU s':>9} {'s per MB':>9} {'MB/s':>8} {'peak RSS MB':>12}")
            rows = []
            for size in args.scaling_mb:
                path = build_corpus(size, workdir / f"scale-{size:g}.txt")
                mb = path.stat().st_size / MB
                runs = [time_cli(path) for _ in range(args.scaling_repeat)]
                b = min(runs, key=lambda r: r["wall_s"])
                row = {"mb": mb, "wall_s": b["wall_s"], "cpu_s": b["cpu_s"], "s_per_mb": b["wall_s"] / mb,
                       "maxrss_mb": max(r["maxrss_mb"] for r in runs)}
                rows.append(row)
                path.unlink()
                print(f"  {mb:9.2f} {row['wall_s']:9.3f} {row['cpu_s']:9.3f} {row['s_per_mb']:9.3f} "
                      f"{mb / row['wall_s']:8.2f} {row['maxrss_mb']:12.0f}")
            # linearity: time per MB should be roughly constant. Startup (estimated by the whole run on one
            # small seed file) is subtracted so that it does not inflate the small sizes.
            startup = res["first_claim_seed"]["total_s"]
            net = [max(r["wall_s"] - startup, 1e-9) / r["mb"] for r in rows]
            for r, x in zip(rows, net, strict=True):
                r["net_s_per_mb"] = x
            if len(rows) >= 2:
                spread = max(net) / min(net)
                res["scaling_spread"] = spread
                print(f"  linearity: s/MB after subtracting {startup:.3f} s startup: "
                      f"{', '.join(f'{x:.3f}' for x in net)}; max/min {spread:.2f}x "
                      f"({'roughly linear' if spread <= 1.5 else 'NOT linear'}; "
                      f"tiny sizes are noisy, read 1/10/100 MB)")
            res["scaling"] = rows

    if args.profile:
        res["profile_top"] = profile(args.mb, args.profile)

    print("\ntargets (printed, not enforced)")
    if "ratio_per_paragraph" in res:
        r = res["ratio_per_paragraph"]
        print(f"  >= {TARGET_RATIO:g}x quantulum3 in-process: {r:.1f}x ({'met' if r >= TARGET_RATIO else 'below'})")
    else:
        print(f"  >= {TARGET_RATIO:g}x quantulum3 in-process: not measured (quantulum3 or in-process skipped)")
    if "interleaved" in res:
        r = res["interleaved"]["median_ratio"]
        print(f"  >= {TARGET_RATIO:g}x quantulum3, interleaved passes (median of {args.interleave}): {r:.1f}x "
              f"({'met' if r >= TARGET_RATIO else 'below'})")
    per_core = cli["MBps_per_core"] or 0.0
    print(f"  >= {TARGET_MBPS_PER_CORE:g} MB/s per core, extract --format jsonl on a file: "
          f"{per_core:.2f} MB per CPU-second, {cli['MBps_wall']:.2f} MB/s wall "
          f"({'met' if per_core >= TARGET_MBPS_PER_CORE else 'below'})")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(res, indent=2), encoding="utf-8")
        print(f"\nsaved {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
