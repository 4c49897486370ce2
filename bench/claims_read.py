"""How fast ``source.read_claims`` reads a saved claims file (``kzfacts conflicts --claims FILE``).

    .venv/bin/python bench/claims_read.py FILE            # CPU s and peak RSS of one read
    .venv/bin/python bench/claims_read.py FILE --pure     # the reference (json) path only

Not a test (no timed assertions anywhere). Make a 1M-claim file with bench/conflicts_scale.py's
generate() and output.write_jsonl (500 MB). ``--check`` also reads the file the reference way and
says whether the two lists of claims are equal, field by field: types and reprs (slow: 4x the memory).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--pure", action="store_true", help="the reference path (json.loads per line)")
    ap.add_argument("--check", action="store_true", help="compare with the reference path")
    args = ap.parse_args()
    from kzfacts import source

    if args.pure:
        source._claims_parser = lambda: None  # type: ignore[attr-defined]
    t0 = time.process_time()
    w0 = time.perf_counter()
    claims = source.read_claims(args.file)
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    has_c = getattr(source, "_claims_parser", lambda: None)()  # (none before the C reader: run it on older trees too)
    mode = "reference" if args.pure else ("C" if has_c else "reference (no C)")
    print(f"{os.path.basename(args.file)}: {len(claims):,} claims, {mode}: {cpu:.2f} s CPU, {wall:.2f} s wall, "
          f"peak RSS {rss:,.0f} MB")
    if args.check:
        names = source.Claim.__slots__

        def fields(c: source.Claim) -> list[tuple[type, str]]:
            return [(type(v), repr(v)) for v in (getattr(c, f) for f in names)]

        source._claims_parser = lambda: None  # type: ignore[attr-defined]
        ref = source.read_claims(args.file)
        same = len(ref) == len(claims) and all(
            fields(a) == fields(b) for a, b in zip(ref, claims, strict=True))
        print("same as the reference:", same)
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
