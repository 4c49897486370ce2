"""How ``kzfacts.conflicts.analyze`` scales: synthetic claims at 10k / 100k / 1M, one core.

    .venv/bin/python bench/conflicts_scale.py            # 10k, 100k, 1M
    .venv/bin/python bench/conflicts_scale.py 10000 50000 --seed 7

Not a test (no timed assertions anywhere): it prints a table and the claims/s figure.

The claims look like the extractor's output on a large news corpus: thousands of places,
dozens of measures (money in three currencies, percent and fractions, lengths in km and miles,
counts of several nouns, masses), twenty years plus undated figures, hedges, ranges and bounds,
sentences with other words around the figure, ~25 claims per document. Each fact (measure,
place, year) is stated several times; most statements agree (rounded, hedged, other unit) and a
few are wrong, so the answer contains both agreeing and conflicting groups.

``--no-gc`` disables Python's cyclic GC around the timed call (the script says so when it
does). Since the GC-pause commit after ``b4bd046``, ``analyze`` pauses the collector itself
(``kzfacts._gc.paused``: it makes no reference cycles, tests/test_gc.py), so both modes now time
the same work; the flag stays for comparing older trees. "max RSS" is the process peak so far (it
includes the generated claims).

``--dump DIR`` writes every group (with unit, time and notes) to ``DIR/analyze_<n>.jsonl``:
two runs with byte-identical dumps gave the same answer.

Measured on the 2-core dev machine, seed 0, Python 3.11.7. The machine is shared and noisy
(the same run varies by +-25%; the generator's own time moved from 19 s to 30 s between runs),
so each cell is wall s (CPU s) of one run, with the range over the other runs in brackets;
claims/s and max RSS MB are for the 1M run. "before" is ad3c887, "after" is fe4d7bf:

    claims      before, GC on       before, --no-gc     after, GC on               after, --no-gc
    10,000       0.47 [0.44-0.64]    0.33 [0.33]         0.35 [0.35-0.63]           0.45 [0.33-0.45]
    100,000      6.58 [6.00-6.95]    4.76 [4.76-4.77]    5.25 [3.47-5.38]           4.89 [3.76-4.89]
    1,000,000   73.86 (73.37)       69.73 (64.50)       61.48 (61.19) [55.4-61.6]  59.57 (58.31) [47.5-59.6]
    claims/s    13,538              14,342              16,266 [16,225-18,063]     16,787 [16,787-21,039]
    max RSS     1,786               1,805               1,355                      1,352

Instructions per claim (callgrind, GC off, deterministic): 126k before / 130k after at 20k
claims, 129k / 130k at 100k. At 100k the work is the same: the grouping got cheaper by about as
much as reading the claims got dearer, because "before" kept memos keyed by clause and subject
text (65-80% hits on these claims, few on real news) and "after" reads every claim's clause and
subject word by word, memoizing only whitespace chunks (99.7% hits here; a real corpus's vocab
is larger, an estimated 95%+, which would add ~5% to the reading). At 1M it is 15-30% faster and
uses a quarter less memory: the blocking now compares ~2.3M candidate pairs (1.05M same-year,
1.28M undated-to-dated) instead of 12M and finds every pair the comparison accepts (the old
windows missed some, see below); signature keys the GC does not track and shared key sets
leave it fewer objects to walk.

Where 1M goes now: reading ~25-30 s (~25 us per claim: the clause cut, ~10 chunk look-ups,
the key sets, the interval), grouping ~11-15 s (400k signatures, their prefixes, 2.3M pairs),
verdicts ~9-11 s (175k groups), the GC 2-8 s. The target, 1M claims in seconds, is not met:
reading the text of each claim in Python costs ~25 s here by itself.

Results: byte-identical at 10k and 100k. At 1M, 41 dated groups now each join 2-4 former ones
(170,633 dated groups instead of 170,690; all lengths, borders and pipelines) and undated
figures are attached 2,240 more times (259,951 instead of 257,711): pairs the comparison
accepts (a shared name and a shared verb such as "runs") that the old windows did not reach.
Purity 94.522% -> 94.525%, completeness 100% -> 100%.

Inline reading (c07bfc1, against e08cf66 in the same session, 1M claims, interleaved runs,
wall s (CPU s); the other core was loaded by other work throughout):

    1M claims          e08cf66 (before)                c07bfc1 (after)
    GC on              66.74 (66.31), 64.53 (63.50)     62.06 (61.52), 63.02 (62.24)
    --no-gc            58.64 (58.34), 48.46 (48.26)     52.16 (51.63), 49.79 (49.27)
    claims/s           14,982-15,496 GC on              15,869-16,113 GC on; 19,170-20,084 --no-gc
    max RSS MB         1,354-1,358                      1,355-1,356
    purity / complete  94.525% / 100.000%               94.525% / 100.000%

One GC-on run of c07bfc1 at a quiet moment took 43.3 s: the machine's load moves a run by more
than the change does. Instructions (callgrind, PYTHONHASHSEED=0, 10k claims, each phase alone):
_features 74.7k -> 70.0k per claim (-6.4%), _group 26.8k (unchanged), verdicts 24.3k -> 23.9k;
all three -4.1%. Output byte-identical at 10k, 100k and 1M (--dump), and on the seeds.

Where 1M goes at c07bfc1 (one --no-gc run, 56 s on a loaded machine): _features 26.7 s (of which
_final_signatures 2.4 s and the per-claim reading and keys the rest, ~24 us a claim), _group
13.4 s (_weigh 2.8, prefixes 2.4, same-year links 2.9, undated 2.1, components 2.1, postings
1.1), verdicts 12.2 s (~70 us for each of 175k groups), _dedupe 0.8 s. With the GC on (43 s
run): 6.2 s in the GC, 4.8 s of it in 4 full collections (3 while ~400k signatures and their
key frozensets are made, 1 while the postings lists are), which walk the million claims each time.

Tried and dropped (no gain measured): reading all claims column by column with map() (slices,
splits, stems and names in C: 5.0 s against 4.8 s for _features at 200k, best of 3 interleaved;
the interpreter loop is only ~19% of _features' instructions, the rest is the ~70 objects
made, hashed and freed per claim); sharing weights and prefixes between signatures with the same key
sets (+3.5% instructions at 10k, -0.6% at 100k); re-keying only the provisional signatures with
an opening word; grouping rows by sort instead of a dict of lists. The target, 1M claims in a
few seconds, is not met and is not reachable in pure Python here: ~50 us of interpreter work
per claim (reading ~24, grouping ~13, verdicts ~12) against ~5 us needed.

Key sets numbered once, one verdict loop (e8d652e -> fa01109, issue #3). The provisional
signature key of each claim was four sorted tuples (a sort of strings per claim); it is now
frozensets (built and hashed in C), each distinct set numbered once, so the key is a tuple of
numbers and strings that the GC untracks (344eaa8 kept the frozensets in the keys: 43k
tracked key tuples at 100k, and a fifth full collection at 1M; fa01109 numbers them). The verdicts are
one loop with shortcuts for a group of one year (no _years call) and of one stated subject;
undated pairs come from itertools.product. Same answers: --dump byte-identical at 10k, 100k
and 1M, seeds unchanged (one conflict). Instructions per claim (callgrind, PYTHONHASHSEED=0,
10k claims, GC off; generate and _dedupe, then _features, _group and the verdicts, each phase
the difference of two runs; deterministic):

    phase        e8d652e   fa01109
    _features     70,636    65,792   -6.9%
    _group        27,142    25,396   -6.4%
    verdicts      23,912    22,134   -7.4%
    all three    121,692   113,323   -6.9%

1M claims, this script, each tree its own (git worktree), interleaved in one session, the
other core busy with another engineer's builds and callgrind runs; "analyze s (CPU s)":

    1M claims        e8d652e (before)                 fa01109 (after)
    GC on            56.43 (55.92), 53.52 (53.36)     55.62 (55.08), 59.24 (58.56)
    --no-gc          47.85 (47.26)                    45.53 (45.11)
    max RSS MB       1,353-1,356                      1,333-1,334
    groups           174,568 (68,504 conflicting), purity 94.525%, completeness 100% (both)

In-process per phase (CPU s, GC on, 1M, same session; six runs of e8d652e, three of
fa01109's code; median [range], "gc" the part spent in collections):

    phase        e8d652e                           fa01109
    _features    30.6 [26.3-31.8], gc 4.3-5.5      27.8 [27.2-28.3], gc 3.5-3.8
    _group       14.5 [13.8-16.7], gc 1.9-2.5      16.8 [15.4-17.8], gc 4.0-4.6
    verdicts     12.1 [11.3-13.1], gc 0.6-0.7      12.0 [11.1-12.8], gc 0.7-0.8
    total        57.5 [53.5-61.1]                  57.5 [55.6-58.4]

The GC makes 4 full collections in both (5.3-7.0 s). With no tracked key left by the reading,
they now come later, in _group, when the signatures and postings exist too, and each walks
more: the reading got ~3 s cheaper and the grouping ~2 s dearer. With the GC off the change
is the -4.5% above (47.3 -> 45.1 CPU s).

Tried and dropped this round: reading ids, documents, years and subjects into columns before
the verdicts (no gain at 1M: at a million claims a group's ~7 claims lie all over memory, a
random read costs ~0.5 us with 4 KB pages, and the columns cost what they saved); the row
columns (lo, hi, point, sent, sig) as array('d'/'q') (full collections visit 5M fewer
references, but boxing on every read: +4k instructions per claim, 58.3 and 58.5 CPU s at 1M
against 57.5 with lists). Not built: a memo keyed by sentence. The synthetic claims have one
claim per sentence, and on the seeds the extractor gives 81 claims in 65 sentences (51
sentences with one claim, 12 with two, 2 with three): at most ~20% of the per-sentence work
could be shared, while each claim's clause (cut around its own figure) differs anyway.
Noticed and left alone: a signature's norm sums its weights in set order, which follows the
string hashes (PYTHONHASHSEED), so a cosine exactly at the threshold could in principle fall
either side from one process to the next (math.fsum would make it exact, but could change
answers); no dump at 10k, 100k or 1M has differed across processes.

The target is still not met: 1M claims take ~45 s of CPU without the GC and ~55-58 s with it
on this machine. The instructions per claim fell 7%; with the GC on, 1M is not measurably
faster. Next, untried: signatures as columns instead of ~400k _Sig objects (a quarter of the
tracked objects analyze leaves, i.e. likely one full collection fewer, ~1.5 s).

Compiled with mypyc (647cffc, 0845585, 0f80e95, against f18ea5d; issue #3). conflicts.py is
now in setup.py's COMPILED and written for it: typed explicit loops instead of map/chain/
accumulate/Counter, lambdas and closures; _Vocabulary a plain class (a compiled dict subclass
skips __missing__: an earlier naive compile changed the answers); the clause start read by
ord(sentence[j]) instead of a regex over the reversed sentence; conflicts built without
Conflict's interpreted __init__; group ids without the Claim.id property. Float sums keep
their order. Same answers: --dump byte-identical at 10k, 100k and 1M (GC on and off), seeds
unchanged (one conflict); tests/test_build.py compares compiled and source analyze byte for byte.

Instructions (callgrind, PYTHONHASHSEED=0, GC off, 10k claims; analyze = a run that generates
and analyzes minus one that only generates, /tmp driver calling generate() and analyze()):

    f18ea5d (pure Python)   2,568.8M - 1,401.7M = 1,167.1M   116.7k per claim
    0f80e95 (compiled)      1,962.9M - 1,328.8M =   634.1M    63.4k per claim   1.84x fewer

Compiled, inclusive per claim: _features 37.3k (of which _clause_start 2.2k), _group 10.7k,
_verdicts 10.8k, _dedupe 2.6k.

1M claims, `bench/conflicts_scale.py 1000000 [--no-gc]`, each tree its own clone and venv,
interleaved base/new, GC off then on, two rounds, the other core busy with another engineer's
work (load 1.4-2.3); analyze wall s (CPU s), claims/s:

    1M claims   f18ea5d (before)                       0f80e95 (compiled)
    --no-gc     42.47 (42.36) 23,547; 42.63 (39.73)     30.59 (30.51) 32,695; 37.78 (37.71) 26,468
    GC on       52.60 (52.43) 19,012; 48.31 (48.09)     37.79 (37.69) 26,463; 38.76 (38.55) 25,802
    max RSS MB  1,331-1,337                             1,338-1,344

CPU: 1.05-1.39x without the GC, 1.25-1.39x with it (means: 41.0 -> 34.1 s, 1.20x; 50.3 -> 38.1 s,
1.32x). In-process per phase, 1M, GC off, one run each (CPU s): dedupe 0.49 / 0.49, _features
19.64 / 15.82 (1.24x), _group 8.99 / 6.96 (1.29x), verdicts 9.88 / 5.49 (1.80x), total 39.0 / 28.8.

The 1.8x of the instruction counts holds at 10k but not at 1M: there the reading and the grouping
wait on memory (a million claims, ~400k signature keys and the chunk memo, each claim's fields and
sentence read once, far apart), which compiling does not shorten; the verdicts, which work on one
group at a time, do get 1.8x. The target, 1M claims in seconds, stays far off (~30-38 s CPU).
The pure-Python fallback (KZFACTS_PURE_PYTHON=1, or an install without a compiler) got slower:
100k --no-gc, interleaved: 4.32 and 2.98 s CPU before, 5.00 and 4.90 after (explicit loops and the
per-character clause scan cost more interpreted than map()/chain() and a regex). pip install -e
.[dev] in an existing venv: 64 s before, 77 s after (one build each).

Fewer look-ups per claim, compiled (5a9d863, 2e72a0d, against 39adeb2; issue #3). Each chunk of a
clause is looked up once, in one record of its stems, names and opening-word lead
(_Vocabulary.info), instead of once per dict; the clause's right end is read character by
character for 12 places (a figure is mostly followed at once by ", " or ".") and left to the
regex beyond (_clause_end, a property test checks it against _CLAUSE_BOUNDARY.search);
_clause_start skips a-z, A-Z and space first; _dedupe skips its sort when the claims are already
in strictly increasing (doc, start, end) order, as the extractor writes them (then the sort
would keep them as they are and nothing repeats; a property test covers both ways); _keys sorts
the terms' ranks instead of the terms by a key function; one dimension look-up per claim
instead of two; a counted noun's words and a noun's head read once per noun (a noun phrase, not
a clause); document frequencies summed per distinct key set. No memo keyed by clause, subject
or sentence. Same answers: --dump byte-identical at 10k, 100k and 1M, seeds unchanged (one
conflict, also with KZFACTS_PURE_PYTHON=1); tests/test_build.py passes on the compiled clone.

Instructions (callgrind, PYTHONHASHSEED=0, GC off, 20k claims, --toggle-collect=
CPyDef_conflicts___analyze: analyze alone, inclusive, per claim; deterministic):

    phase              39adeb2    2e72a0d
    _dedupe              2,636        817   (the sort skipped)
    _features           37,479     31,707   -15.4%  (_read 36,019 -> 30,261; _clause_start 2,230 -> 1,965)
    _group              10,703     10,171    -5.0%  (_keys 2,741 -> 2,290; _weigh 3,420 -> 3,330)
    _verdicts           10,741     10,568    -1.6%
    analyze             63,424     55,128   -13.1%

1M and 100k claims, `bench/conflicts_scale.py N [--no-gc]`, each tree its own clone and venv
(compiled: `kzfacts --version` says so), interleaved base/new (five rounds at 1M: two base-first,
three new-first; three at 100k), other core busy with other work (load 1.1-2.1); analyze CPU s:

    claims, mode       39adeb2 (before)                       2e72a0d (after)
    1M --no-gc         30.84 24.33 27.67 35.27 37.24  (30.84)  27.43 28.08 31.13 24.84 26.23  (27.43)
    1M GC on           37.17 38.90 41.54 41.76 37.06  (38.90)  32.47 35.72 33.52 39.55 35.61  (35.61)
    100k --no-gc       1.73 2.45 2.55  (2.45)                  1.90 2.50 2.13  (2.13)
    100k GC on         2.92 3.41 3.17  (3.17)                  2.66 3.38 2.67  (2.67)
    max RSS MB, 1M     1,336-1,345                             1,337-1,346

(in brackets: the median). Medians: 1M 30.8 -> 27.4 s without the GC (-11%), 38.9 -> 35.6 s with
it (-8%); 100k 2.45 -> 2.13 and 3.17 -> 2.67 s. The runs' spread (24-37 s for the same base
build) is wider than the change: the 13% fewer instructions are the firmer figure. Where 1M goes
now (one in-process run, GC on, 30.4 s): _features 16.1 s, _group 8.6 s, verdicts 5.7 s; the GC
takes ~7.5 s of a GC-on run, 5.8 s of it in 4 full collections (2 while reading, 2 while
grouping, none in the verdicts: ~400k _Sig objects, ~330k key frozensets, the postings and the
group lists are what they walk, besides the million claims).

The pure-Python fallback (KZFACTS_PURE_PYTHON=1, 100k --no-gc, interleaved, CPU s) got faster too:
5.54 and 5.70 before, 4.40 and 3.78 after.

Tried and dropped: setting Conflict's fields through each slot's __set__ instead of
object.__setattr__ (compiled, each is still a call through a method-wrapper with an argument
tuple: 22.7M instructions at 20k before and after). Not tried: a C extension for the chunk
reading (a table keyed by the characters of a chunk, no chunk string made): kzfacts/__init__.py's
doctest of compiled_modules() lists the C modules allowed and _pure.NATIVE is the list of C-only
modules KZFACTS_PURE_PYTHON=1 refuses; a new kzfacts._conflicts needs both changed. By the counts
above it would save at most the chunk split and look-ups, ~7k of 55k instructions a claim.
The target, 1M claims in seconds on one core, is still not met: ~27 s of CPU without the GC and
~35 s with it; ~55k instructions a claim, of which the per-claim reading is 30k.

Clause reading in C (fc79b20, d38b49d, 46b97b6, ebaf5d9, against 9aaa942; issue #3). A C module,
kzfacts/_clause.c (``Reader``), reads each claim's clause and stated subject: it cuts the clause
(as _clause_start and _CLAUSE_BOUNDARY do), walks its chunks on the sentence's own characters,
hashes each from them and looks it up in its own table (a chunk string is made only the first time
a chunk is met, and _Vocabulary reads it as before), and adds the stems and names to the key sets
in the order the Python code adds them (a set's order decides the order of float sums later).
conflicts._PyReader is the reference and the fallback (a pure-Python install, or
KZFACTS_PURE_PYTHON=1: _pure.NATIVE refuses kzfacts._clause); tests/test_clause.py compares the two
on random sentences (clause boundaries, every kind of whitespace, 1-, 2- and 4-byte strings, chunks
met again from strings of another width), set iteration order included, and analyze with and
without the C reader. Besides: key-set numbers looked up with get instead of setdefault (compiled,
setdefault boxed its default at each call, and its result was unboxed and boxed again into the
key), and _human by if-tests (its loop built a tuple of tuples at each call). The chunk table is
the one memo, keyed by single chunks as before: nothing is keyed by clause, subject or sentence.
Same answers: --dump byte-identical at 10k, 100k and 1M, compiled and with KZFACTS_PURE_PYTHON=1;
seeds unchanged (one conflict, the world's GDP).

Instructions (callgrind, PYTHONHASHSEED=0, GC off, 20k claims, --toggle-collect=
CPyDef_conflicts___analyze: analyze alone, inclusive, per claim; deterministic):

    phase              9aaa942    ebaf5d9
    _dedupe                817        817
    _features           31,897     24,007   -24.7%  (_read 30,445 -> 22,600; the C reader is ~6.3k of it)
    _group              10,172     10,206
    _verdicts           10,569     10,231    -3.2%  (_human)
    analyze             55,319     47,135   -14.8%

By step: the C clause and subject reading 55.3k -> 48.7k (fc79b20), one C call per claim instead
of two 48.4k (d38b49d), get for the key-set numbers 47.4k (46b97b6), _human 47.1k (ebaf5d9).

100k and 1M claims, `bench/conflicts_scale.py N` (GC on, as analyze pauses it itself), each tree
its own clone and venv (compiled: conflicts and _clause are .so files), interleaved base/new (at
1M: base first, new first, base first), other core busy with another engineer's work (load
1.3-2.0); analyze CPU s, in brackets the median:

    claims, mode       9aaa942 (before)               ebaf5d9 (after)
    100k GC on         2.16 2.10 2.75  (2.16)          2.40 2.14 2.03  (2.14)
    1M GC on           38.89 28.86 30.32  (30.32)      32.71 26.89 27.40  (27.40)
    max RSS MB, 1M     1,345-1,347                     1,333-1,335

At 1M the median is 10% lower; at 100k the runs' spread is wider than the change. In-process per
phase at 1M (GC off, /tmp driver calling _dedupe, _features, _group and _verdicts in turn; runs
base, new, new, base; CPU s):

    phase        9aaa942          ebaf5d9
    _features    15.55  12.71     10.84  10.39
    _group        8.28   7.41      5.67   6.43
    _verdicts     7.33   6.95      4.82   5.33
    total        31.29  27.23     21.43  22.30

_group and _verdicts run the same instructions in both (+0.3%, -3.2%), so their part of the gap is
the machine (or where the reading left things in memory), not the code. At 1M _features still
takes ~10-15 us a claim for ~24k instructions: it waits on memory (~400k signature keys, ~330k key
sets and the million claims, each read once and far apart), which the C reader does not shorten.

The pure-Python fallback (KZFACTS_PURE_PYTHON=1, GC on, one run each, CPU s) got slower: 1M 48.4
-> 52.0, 100k ~3.9 -> ~4.4: interpreted, _PyReader's read, clause and words are three calls a
claim where the reading was inline.

Tried and dropped: the C reader's loops specialized per string width (always inlined, the kind a
constant: -0.2k instructions a claim, -0.4%, not worth three copies of each loop); get instead of
setdefault for the signature and sentence numbers too (+0.1k instructions a claim: a sentence is
nearly always new, so get and a store are two look-ups where setdefault was one).

Left: the reading is still 22.6k instructions a claim, of which the C reader ~6.3k (the clause scan
and str.find, ~9 chunk look-ups, ~8.5 set adds, 3 sets made), 15 attribute reads of each Claim
(PyObject_GetAttr on the dataclass's slots, ~2.4k), the key sets made frozen and numbered (~2.5k)
and _sentence_counts (~1k); grouping and verdicts ~10k each. Not covered by a test: two distinct
chunks with the same 64-bit FNV hash (the table then compares their characters; no test input
makes such a pair). The target, 1M claims in seconds on one core, is still not met: ~27 s of CPU
at 1M, ~47k instructions a claim.

Claim fields and Conflicts through slot offsets (34ccef4, 1e71de4, against 70a480e; issue #3).
Compiled code reads each field of a Claim (a slotted dataclass of the uncompiled model module)
with PyObject_GetAttr, ~160 instructions a field (the name looked up in the type each time), and
built each Conflict with object.__setattr__ per field (~600 a field). kzfacts._clause.Getter(cls,
names) reads the named slots of an object of exactly that class at their offsets, in one call
that returns a tuple (operator.attrgetter is the reference and the fallback: another type, an
empty slot, a class changed since, a pure-Python install); _read takes its 15 fields so and
_verdicts its 5 a member; Getter.make builds a Conflict (object.__new__, the slots set at their
offsets; the object.__setattr__ loop is the reference and the fallback). tests/test_clause_getter.py
compares both with their references (hypothesis; other types, a subclass, a class changed after,
an empty slot, bad arguments) and analyze with and without them; each test was seen to fail with
the C broken on purpose (slots read in the wrong order, the version check dropped, no fast path,
values set in the wrong order, the fallback setting the wrong value). Same answers: --dump
byte-identical at 10k and 100k (compiled, C with interpreted conflicts, and KZFACTS_PURE_PYTHON=1)
and at 1M (compiled, and KZFACTS_PURE_PYTHON=1: 52.2 s CPU, one run); seeds unchanged (one conflict, the world's GDP).

Instructions (callgrind, PYTHONHASHSEED=0, GC off, 20k claims, --toggle-collect=
CPyDef_conflicts___analyze, inclusive, per claim; deterministic; 70a480e's conflicts.py and
_clause.c are ebaf5d9's):

    phase              70a480e    1e71de4
    _dedupe                817        817
    _features           24,007     22,090    -8.0%  (_read 22,600 -> 20,698)
    _group              10,206     10,204
    _verdicts           10,231      8,738   -14.6%  (Getter -0.5k, make -1.0k)
    analyze             47,135     43,723    -7.2%

By step: the Getter 47.1k -> 44.7k (34ccef4), Getter.make 43.7k (1e71de4).

1M and 100k claims, `bench/conflicts_scale.py N` (GC on), base a clone at fff7805 (conflicts code
as 70a480e), new a clone at 1e71de4, each its own venv (compiled), interleaved; analyze CPU s:

    claims             fff7805 (before)          1e71de4 (after)
    1M GC on           29.37 30.17  (29.77)      27.65 29.82  (28.74)
    100k GC on         2.15 2.13 2.53  (2.15)    1.87 1.97 1.88  (1.88)
    max RSS MB, 1M     1,333                     1,337

(1M: base, new, new, base, load 0.0-1.0, the other core mostly idle; 100k: base, new, base, new,
new, base; in brackets the mean at 1M, the median at 100k.) 1M -3.5% (the two runs of each
overlap: the runs' spread is as wide as the change), 100k -13%. The instruction counts, -7.2%,
are the firmer figure. 1M groups 174,568 (68,504 conflicting), purity 94.525%, both.

Tried and dropped: nothing new this round. Not tried, and why: pow(w, 2) -> w * w in _weigh
(~300 instructions a claim; glibc's pow is not guaranteed to round x*x the same way, so answers
could move); numbering the dimension inside the provisional key (cheaper tuple hashes, ~100 a
claim); the signatures as columns (the round's budget went to the two changes above).

Left: ~43.7k instructions a claim: the C clause reader ~6.4k, the provisional key's tuple hashes
and dict look-ups (~3k: dims, sigs, set_ids, scopes, doc_sents, each hashing tuples or a new
sentence string), _sentence_counts ~1k, _weigh ~3.3k and _keys ~2.3k in the grouping,
format_value ~1.6k in the verdicts (_human's float formatting). The target, 1M claims in seconds
on one core, is still not met.

Fetching ahead, fewer look-ups around the signatures (1a3e97c, 65f9234, against 550072f; issue #3).
At a million claims the verdicts wait on memory: perf put 45% of them in _group.gather, on the
first touch of each member's list slot, claim and fields, one miss after the other. gather and
worst_pair now prefetch a group's rows 32 members at a time (slots, then claims and points, then
the claims' fields), so the misses overlap. _final_signatures puts only the keys that can merge
(an opening word, or a names set one of those has) through its dict; the sizes are counted in a
list, not written to a random _Sig per claim; format_value's point comes from the row column.
Same answers: --dump byte-identical at 10k and 100k (compiled and KZFACTS_PURE_PYTHON=1) and at 1M
(compiled); seeds unchanged (one conflict). In-process phases at 1M (CPU s, GC paused, six runs
of each, interleaved, load 1.2-4.6 on 2 cores): verdicts 2.28-3.04 before, 1.41-2.03 after;
_features and _group move by +-20% from run to run either way. callgrind (20k, PYTHONHASHSEED=0):
_final_signatures 17.96M -> 13.59M, _verdicts 107.4M -> 105.7M, analyze 490.6M -> 485.3M (-1.1%).
`bench/conflicts_scale.py 1000000`, analyze CPU s, interleaved in one sitting: base 10.52 15.31
11.22 (median 11.22), new 11.08 11.32 11.30 (median 11.30); an earlier sitting (new with the
column loop dropped below) 9.14 11.93 11.87 / 10.94 9.60 11.22: the whole figure does not move
beyond this machine's noise, only the verdicts' phase does (-0.7 to -1.4 s).
Max RSS 1,373-1,378 -> 1,344-1,350 MB (one empty weights dict for all signatures).

Tried and dropped: prefetching the next claims' fields in _clause.Reader.read_all (8 and 24
claims ahead: 5.9 vs 6.1 s and 5.8 vs 5.2 s median, A/B in one process; perf blames the field type
checks, but the hardware prefetcher already follows the claims in order); sorting the groups by keys
the verdicts record instead of a key function (0.55 vs 0.55 s); the eight signature columns in one
loop instead of eight comprehensions (+2.6M instructions at 20k, no gain seen at 1M).
Left: read_all ~6-7 s at 1M (settable_find ~14% of it, on the frozenset of each known key set; the
chunk and key tables ~16%; ~300k new key sets made as Python sets), grouping ~1.5 s, verdicts ~1.5-2 s.

2026-11-23, fewer instructions around the reading and the output (e289256, 9c3c259, 1a5216b, d08f11b,
against b3e8ede; issue #3). read_all numbers a document's sentences and finds their scopes in a C table
(a cheap hash of the length and three 8-byte words, then the content compared): no siphash of each new
sentence string, no doc_sents dict. Its signature-key table keeps 16-byte slots (hash, entry number)
and the entries apart, written when made (a calloc'ed table read before written faulted each page
twice); the key-set table compares a bag with items kept in a pool instead of probing the frozenset.
The groups are put in output order by three stable sorts (id, spread, conflicting first; the reference
sort if a spread is NaN); _dedupe reads (doc, start, end) with one Getter call; group ids hash a copy
of one empty blake2b. Same answers: --dump byte-identical at 10k, 100k (also KZFACTS_PURE_PYTHON=1 and
PYTHONHASHSEED=1, 777) and 1M; seeds unchanged (one conflict). callgrind, PYTHONHASHSEED=0, 20k,
--toggle-collect=CPyDef_conflicts___analyze: _dedupe 16.3M -> 9.6M, _read_c 240.4M -> 225.9M,
_verdicts 105.7M -> 102.3M, the final sort 21.5M -> 9.9M, analyze 490.2M -> 454.8M (-7.2%); at 100k
2,454.6M -> 2,254.2M (-8.2%). _read alone at 1M: 210k -> 132k minor page faults. This script at 1M, analyze CPU s,
base/new alternating (load 2.2-3.2): b3e8ede 11.88 12.22 13.74 (median 12.22), d08f11b 10.63 11.24
13.91 (11.24); max RSS 1,341-1,345 / 1,343-1,348 MB. The spread of the runs is as wide as the change:
the instruction counts are the firm figure. The key-set pool and the 16-byte slots show no CPU change
at 1M beyond the noise (kept for the page faults: -54 MB peak in a driver that only reads).
Left: the reading ~11k instructions a claim (chunk look-ups ~3k), the 3M boxed floats of lo/hi/point,
_sentence_counts (siphash of the counts' sentences), ~400k _Sig objects made and freed, and one GC
collection when analyze re-enables the collector (ConflictAnalysis: 4.8M at 20k).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from kzfacts.conflicts import ConflictAnalysis, analyze  # noqa: E402
from kzfacts.model import Claim  # noqa: E402

SYLLABLES = ["ka", "zan", "tor", "mi", "lek", "sa", "vor", "dun", "el", "ri", "bas", "go", "ur", "tan",
             "pol", "ne", "shi", "ar", "ko", "vel", "da", "min", "os", "tru"]
SOURCES = ["Xinhua reported", "officials said", "the ministry said", "Reuters reported",
           "according to customs data", "analysts said", "the agency reported"]
PRODUCTS = ["wheat", "copper", "uranium", "oil", "coal", "steel", "cotton", "gas", "zinc", "wool"]

# (subject template, kind, how values are generated)
MEASURES = [
    ("{A}'s exports to {B}", "money"),
    ("{A}'s imports from {B}", "money"),
    ("trade between {A} and {B}", "money"),
    ("{B}'s investment in {A}", "money"),
    ("the budget of {A}'s {P} programme", "money"),
    ("{A}'s share of world {P} output", "percent"),
    ("unemployment in {A}", "percent"),
    ("the {A}–{B} border", "length"),
    ("the {A} {P} pipeline", "length"),
    ("the population of {C}", "people"),
    ("{B}'s projects in {A}", "projects"),
    ("students enrolled in {A}'s universities", "students"),
    ("{A}'s {P} harvest", "mass"),
]
VERBS = {"money": ["totaled", "reached", "were worth", "amounted to", "stood at"],
         "percent": ["is", "accounts for", "reached", "stood at"],
         "length": ["is", "stretches", "runs"],
         "people": ["is", "reached", "stands at"],
         "projects": ["number", "total", "stand at"],
         "students": ["number", "total", "reached"],
         "mass": ["totaled", "reached", "came to"]}


def _names(rng: random.Random, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        k = rng.choice((2, 3, 3, 4))
        out.add("".join(rng.choice(SYLLABLES) for _ in range(k)).capitalize())
    return sorted(out)


def _fmt_money(v: float, cur: str) -> tuple[str, float, str]:
    sym = {"USD": "$", "EUR": "€", "GBP": "£"}[cur]
    if v >= 1e9:
        return f"{sym}{v / 1e9:.2f} billion", round(v / 1e9, 2), "billion"
    return f"{sym}{v / 1e6:.1f} million", round(v / 1e6, 1), "million"


def generate(n: int, seed: int = 0, truth: list[int] | None = None) -> list[Claim]:
    """``n`` claims; about one fact per five claims. ``truth`` receives each claim's fact index."""
    rng = random.Random(seed)
    places = _names(rng, max(50, int(n ** 0.5) * 2))
    cities = _names(rng, max(50, int(n ** 0.5)))
    facts = []
    seen: set[tuple[str, str | None]] = set()
    while len(facts) < max(1, n // 5):
        tmpl, kind = rng.choice(MEASURES)
        a, b = rng.sample(places, 2)
        subject = tmpl.format(A=a, B=b, C=rng.choice(cities), P=rng.choice(PRODUCTS))
        year = rng.choice([None] + [str(y) for y in range(2005, 2025)])
        if (subject, year) in seen:  # one fact per measure and year: a second one is a conflict
            continue
        seen.add((subject, year))
        if kind == "money":
            value = 10 ** rng.uniform(7, 11.5)
        elif kind == "percent":
            value = rng.uniform(1, 60)
        elif kind == "length":
            value = rng.uniform(50, 5000) * 1000
        elif kind == "mass":
            value = 10 ** rng.uniform(4, 8) * 1000
        else:
            value = float(int(10 ** rng.uniform(1, 6)))
        facts.append((subject, kind, year, value, rng.choice(("USD", "USD", "EUR", "GBP"))))

    claims: list[Claim] = []
    doc_no, offset, in_doc = 0, 0, 0
    for _ in range(n):
        fact = rng.randrange(len(facts))
        if truth is not None:
            truth.append(fact)
        subject, kind, year, true_value, cur = facts[fact]
        value = true_value * (rng.uniform(1.3, 2.5) if rng.random() < 0.04 else 1.0)  # a few wrong figures
        qualifier = rng.choices(("exact", "approximately", "more_than", "range"), (80, 14, 4, 2))[0]
        noun = None
        low = high = value_high = None
        if kind == "money":
            text, shown, scale = _fmt_money(value, cur)
            norm = shown * (1e9 if scale == "billion" else 1e6)
            unit, norm_unit, k = f"{cur} {scale}", cur, "money"
        elif kind == "percent":
            if rng.random() < 0.1:
                text, shown, norm = "a third", 1 / 3, 100 / 3
                unit, norm_unit, k = None, "percent", "fraction"
            else:
                shown = round(value, 1)
                text, norm, unit, norm_unit, k = f"{shown} percent", shown, "percent", "percent", "percent"
        elif kind == "length":
            if rng.random() < 0.5:
                shown = round(value / 1000)
                text, norm, unit = f"{shown:,} km", shown * 1000.0, "kilometer"
            else:
                shown = round(value / 1609.344)
                text, norm, unit = f"{shown:,} miles", shown * 1609.344, "mile"
            norm_unit, k = "meter", "length"
        elif kind == "mass":
            shown = round(value / 1e6, 1)
            text, norm, unit, norm_unit, k = f"{shown} million tonnes", shown * 1e9, "tonne", "kilogram", "mass"
        else:
            shown = round(value)
            noun = kind
            text, norm, unit, norm_unit, k = f"{shown:,} {kind}", float(shown), None, None, "count"
        if qualifier == "approximately":
            text = "about " + text
            low = high = norm
        elif qualifier == "more_than":
            text = "more than " + text
            low = norm
        elif qualifier == "range":
            value_high = shown * 1.2
            text = f"between {text} and {value_high:.1f}"
            low, high = norm, norm * 1.2
        else:
            low = high = norm
        when = f"In {year}, " if year else rng.choice(("Currently, ", "", "By some estimates, "))
        verb = rng.choice(VERBS[kind])
        tail = rng.choice(SOURCES)
        sentence = f"{when}{subject} {verb} {text}, {tail}."
        sentence = sentence[0].upper() + sentence[1:]
        pos = sentence.index(text)
        start = offset + pos
        claims.append(Claim(
            doc=f"doc{doc_no:06d}", start=start, end=start + len(text), line=1 + in_doc, col=pos + 1,
            text=text, sentence=sentence, value=float(shown), value_high=value_high, unit=unit, noun=noun,
            kind=k, normalized_value=float(norm), normalized_unit=norm_unit, qualifier=qualifier,
            low=low, high=high, change=None, subject=subject if rng.random() < 0.8 else None, time=year,
        ))
        offset += len(sentence) + 1
        in_doc += 1
        if in_doc >= 25:
            doc_no, offset, in_doc = doc_no + 1, 0, 0
    return claims


def grouping_quality(claims: list[Claim], truth: list[int], groups: list) -> tuple[float, float]:
    """(purity, completeness) of the grouping of *dated* claims against the generator's facts.

    purity: share of groups whose dated claims all state one fact. completeness: share of facts
    stated in >= 2 sentences whose dated claims all landed in one group.
    """
    fact_of = {c.id: f for c, f in zip(claims, truth, strict=True)}
    pure = 0
    where: dict[int, set[str]] = {}
    for g in groups:
        facts = {fact_of[c.id] for c in g.claims if c.time}
        pure += len(facts) <= 1
        for c in g.claims:
            if c.time:
                where.setdefault(fact_of[c.id], set()).add(g.id)
    stated: dict[int, int] = {}
    for c, f in zip(claims, truth, strict=True):
        if c.time:
            stated[f] = stated.get(f, 0) + 1
    multi = [f for f, k in stated.items() if k >= 2]
    complete = sum(1 for f in multi if len(where.get(f, ())) == 1)
    return pure / max(1, len(groups)), complete / max(1, len(multi))


def _dump(path: Path, result: ConflictAnalysis) -> None:
    """Every group in output order, one JSON line each, with the fields ``to_dict`` leaves out
    (unit, time, notes): two runs whose dumps are byte-identical gave the same answer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fp:
        for g in result.groups:
            record = {**g.to_dict(), "unit": g.unit, "time": g.time, "notes": list(g.notes)}
            fp.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dump", metavar="DIR", type=Path,
                        help="write every group to DIR/analyze_<n>.jsonl (to compare outputs across changes)")
    parser.add_argument("--no-gc", action="store_true",
                        help="disable Python's cyclic GC around the timed analyze() call (analyze pauses it itself since kzfacts._gc)")
    args = parser.parse_args()

    if args.no_gc:
        print("note: this script disables the cyclic GC around each timed analyze() call (--no-gc)")
    else:
        print("note: cyclic GC enabled (as in a normal process; analyze() pauses it for its own work)")
    print(f"{'claims':>10} {'groups':>9} {'conflicts':>9} {'purity':>8} {'complete':>8} {'gen s':>7} "
          f"{'analyze s':>9} {'cpu s':>7} {'claims/s':>10} {'max RSS MB':>10}")
    last = None
    for n in args.sizes:
        t0 = time.perf_counter()
        truth: list[int] = []
        claims = generate(n, seed=args.seed, truth=truth)
        t1 = time.perf_counter()
        gc_was = gc.isenabled()
        if args.no_gc:
            gc.disable()
        c1 = time.process_time()
        t1 = time.perf_counter()
        try:
            result = analyze(claims)
        finally:
            t2 = time.perf_counter()
            c2 = time.process_time()
            if gc_was:
                gc.enable()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rate = n / (t2 - t1)
        purity, complete = grouping_quality(claims, truth, result.groups)
        print(f"{n:>10,} {len(result.groups):>9,} {len(result.conflicts):>9,} {purity:>8.3%} {complete:>8.3%} "
              f"{t1 - t0:>7.1f} {t2 - t1:>9.2f} {c2 - c1:>7.2f} {rate:>10,.0f} {rss:>10,.0f}", flush=True)
        last = (n, rate)
        if args.dump:
            _dump(args.dump / f"analyze_{n}.jsonl", result)
        del claims, result
    if last:
        gc_note = "GC off" if args.no_gc else "GC on"
        print(f"\nanalyze: {last[1]:,.0f} claims/s at {last[0]:,} claims "
              f"(one core, {gc_note}, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
