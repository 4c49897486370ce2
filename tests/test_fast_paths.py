"""Patterns tried only where a match can start give the very matches of ``finditer``.

* ``context.times_in``: the definition is ``_TIME.finditer`` over any sentence with a year in it;
  the fast path searches a cheaper superset of "has a year" and tries ``_TIME`` at digits and
  month prefixes only.
* ``text._bracketed``: footnote markers and labels, tried at each "[".
* ``context._same_year``: "the same year", searched only in sentences that hold "year" or "period".
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts import context, text, units

_YEAR = regex.compile(r"(?:1[5-9]|20)\d\d")


def reference_spans(sentence: str) -> list[tuple[int, int]]:
    if not _YEAR.search(sentence):
        return []
    return [m.span() for m in context._TIME.finditer(sentence)]


def fast_spans(sentence: str) -> list[tuple[int, int]]:
    if context._MAYBE_YEAR.search(sentence) is None:
        return []
    return [m.span() for m in context._time_matches(sentence)]


PIECES = [
    "2019", "1999", "2024", "20", "15", "1", "2", "9", "-", "–", "/", " ", "\t", ",", ".", "$", "%", "th",
    "Jan", "january", "JUNE", "Sept.", "sep", "May", "may", "Dec", "3rd", "31", "a", "x", "and", "in ",
    "March 3, 2020", "3 March 2021", "2019-20", "2019/2020", "June 2024", "1,2019",
    "ſept", "İ", "\u212a", "ſ", "\U00011f50", "\u0663", "２０２４", "é", "’",  # other scripts and case folds
]
sentences = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@settings(max_examples=1500, deadline=None)
@given(sentences)
def test_time_matches_are_finditer_matches(sentence: str) -> None:
    assert fast_spans(sentence) == reference_spans(sentence)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_time_matches_on_any_unicode(sentence: str) -> None:
    assert fast_spans(sentence) == reference_spans(sentence)


def test_times_in_reads_dates_periods_and_years() -> None:
    s = "On Sept. 3, 2024 and in 2019-20, about 12 per cent fewer than 3 March 2021; 20𑽐𑽐 too"
    assert [t for _, _, t in context.times_in(s)] == ["2024-09-03", "2019/2020", "2021-03-03", "20𑽐𑽐"]


BRACKET_PIECES = ["[", "]", "[1]", "[12]", "[xii]", "[IV]", "[1234]", "[a]", " ", "\n", "\t", "x", "1", "i", "v",
                  "[i] ", "[3] Author", "[[2]]", "ſ", "İ", "\u0663"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(BRACKET_PIECES), max_size=14).map("".join))
def test_bracketed_matches_are_finditer_matches(s: str) -> None:
    for pattern in (text._MARKER, text._FOOTNOTE_LABEL):
        assert [m.span() for m in text._bracketed(pattern, s)] == [m.span() for m in pattern.finditer(s)]


SAME_YEAR_PIECES = ["the", " ", "same", "year", "YEAR", "period", "that", "\t", "ſ", "İ", "\u212a", "perİod", "x", "."]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(SAME_YEAR_PIECES), max_size=10).map("".join))
def test_same_year_test_is_the_pattern_search(s: str) -> None:
    assert context._same_year(s) == (context._SAME_YEAR.search(s) is not None)


def test_candidates_are_decided_line_by_line() -> None:
    """A line the C scan leaves to Python (Tamil, İ) does not send the other lines there, and
    the reference decides per line too: the dotted I of one line changes nothing on the next."""
    from kzfacts import numbers

    for t, found in [("ரூ 5 lakh\nsix 7", ["5", "six", "7"]), ("SİX\nſix", ["SİX"]), ("ſix\nSİX", ["SİX"]),
                     ("a\n\nten\n", ["ten"])]:
        assert [t[s:e] for s, e in numbers.candidates(t)] == found
        assert numbers.candidates(t) == numbers.reference_candidates(t)


def test_new_claim_is_the_dataclass_constructor() -> None:
    """``pipeline._new_claim`` sets every field of Claim, as ``Claim(**values)`` does."""
    import dataclasses

    import pytest

    from kzfacts import pipeline
    from kzfacts.model import Claim

    values = {f.name: f"v{i}" for i, f in enumerate(dataclasses.fields(Claim))}
    made, reference = pipeline._new_claim(dict(values)), Claim(**values)
    assert made == reference and repr(made) == repr(reference) and hash(made) == hash(reference)
    assert dataclasses.asdict(made) == values
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.doc = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError, match="fields"):
        pipeline._new_claim({**values, "extra": 1})
    with pytest.raises(KeyError):
        pipeline._new_claim({**{k: v for k, v in values.items() if k != "time"}, "tiem": None})


# --------------------------------------------------------------------------- first-character guards
# Each forward pattern below is asked only where its guard says a match could start. The guards
# must never skip a match: wherever one says no, the pattern matches nothing.

def _guarded_patterns():  # type: ignore[no-untyped-def]
    from kzfacts import numbers, pipeline, tables, units

    return [
        ("unit symbol", tables.UNIT_SYMBOL_STARTS.could_start, tables.UNIT_SYMBOL_RE),
        ("unit name", tables.UNIT_NAME_STARTS.could_start, tables.UNIT_NAME_RE),
        ("currency name", tables.CURRENCY_NAME_STARTS.could_start, tables.CURRENCY_NAME_RE),
        ("currency symbol after", tables.CURRENCY_SYMBOL_AFTER_STARTS.could_start, tables.CURRENCY_SYMBOL_AFTER_RE),
        ("hedge after", tables.HEDGE_AFTER_STARTS.could_start, tables.HEDGE_AFTER_RE),
        ("percent", units._PERCENT_STARTS.could_start, units._PERCENT),
        ("per", units._PER_STARTS.could_start, units._PER),
        ("fold", units._FOLD_STARTS.could_start, units._FOLD),
        ("scaled code", units._SCALED_CODE_STARTS.could_start, units._SCALED_CODE),
        ("address", pipeline._ADDRESS_STARTS.could_start, pipeline._ADDRESS_AFTER),
        ("plural fraction", numbers._PLURAL_FRACTION_STARTS.could_start, numbers._PLURAL_FRACTION),
    ]


def _guard_pieces() -> list[str]:
    from kzfacts import tables

    entries = sorted({*tables.UNIT_SYMBOLS, *tables.UNIT_NAMES, *tables.CURRENCY_NAMES, *tables.CURRENCY_PREFIXES,
                      *tables.HEDGES_AFTER})
    return [*entries, *(e.upper() for e in entries[::7]), *(e.title() for e in entries[::5])]


# Spaces, signs, case folds the regex engine makes (ſ ~ s, K ~ k, İ ~ i) and other scripts: drawn
# as often as the ~3,000 table entries together.
_SPECIAL_PIECES = [
    " ", "  ", "\t", "\u00a0", "-", "+", "%", "％", "per cent", "Percent", "bps", "pp", "a", "An", "each", "/", "fold",
    "-FOLD", "M", "BN", "USD", "KZT", "Main", "St", "Street", "3rd", "thirds", "Quarters", "x", "5", ".", ",", "É",
    "é", "ſ", "İ", "\u212a", "ß", "Ω", "\u0663", "µ", "°", "Ⅲ", "ǅ", "ſecond", "ſtone", "\u212am", "\u212aILOMETRE",
    "İnch", "mİle", "Ém",
]


_GUARD_PIECES: list[str] = []


@settings(max_examples=800, deadline=None)
@given(st.data())
def test_first_character_guards_never_skip_a_match(data) -> None:  # type: ignore[no-untyped-def]
    if not _GUARD_PIECES:
        _GUARD_PIECES.extend(_guard_pieces())
    piece = st.one_of(st.sampled_from(_SPECIAL_PIECES), st.sampled_from(_GUARD_PIECES))
    s = "".join(data.draw(st.lists(piece, max_size=6)))
    for name, could_start, pattern in _guarded_patterns():
        for pos in range(len(s) + 1):
            if not could_start(s, pos):
                assert pattern.match(s, pos, None, False) is None, (name, s, pos)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12), st.integers(0, 12))
def test_first_character_guards_on_any_unicode(s: str, pos: int) -> None:
    for name, could_start, pattern in _guarded_patterns():
        if not could_start(s, pos):
            assert pattern.match(s, pos, None, False) is None, (name, s, pos)


def test_first_character_guards_skip_the_common_case() -> None:
    """The point of them: after "5", " projects" starts none of these, nor does "projects"."""
    for pos in (1, 2):
        assert [name for name, could_start, _ in _guarded_patterns() if could_start("5 projects", pos)] == []
    assert tables_starts_ask("5 km", 2) and tables_starts_ask("5 per cent", 1) and tables_starts_ask("5 or more", 1)


def tables_starts_ask(text: str, pos: int) -> bool:
    return any(could_start(text, pos) for _, could_start, _ in _guarded_patterns())


def test_reverse_guards_never_skip_a_match() -> None:
    """The one-character tests before the reverse searches for a minus sign and glued letters."""
    from kzfacts import pipeline

    for c in map(chr, range(0x3000)):
        for s in (f"x{c}", f"minus{c}", f"a {c}", c):
            if s[-1:] not in pipeline._MINUS_LAST:
                assert pipeline._MINUS_BEFORE.search(s, max(0, len(s) - 6), len(s), False) is None, s
        if not pipeline._could_be_letter(c):
            assert pipeline._LETTER_BEFORE.search(f"a{c}", None, None, False) is None, c


# ---- units._sep_end: the separator between a number and its unit, read without the regex engine ----

_SEP = regex.compile(r"[ \t\u00a0\u202f]?(?:-[ \t]?)?")  # the definition
SEP_PIECES = [" ", "\t", "\u00a0", "\u202f", "\u2009", "-", "–", "--", "- ", "-\t", "km", "x", "\n", "5"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SEP_PIECES), max_size=6).map("".join), st.integers(0, 8))
def test_sep_end_is_the_pattern_match_end(s: str, pos: int) -> None:
    pos = min(pos, len(s))
    assert units._sep_end(s, pos) == _SEP.match(s, pos).end()


# ---- pipeline's guards before patterns most numbers fail: never a skipped match ----

AROUND_PIECES = [
    " ", "  ", "\t", "-", "‐", "‑", "−", "–", "s", "S", "ſ", "minus", "MINUS", "Minus ", "a", "A", "p", "P", "m", "M",
    "am", "p.m.", "A.M.", ":", ".", ":05", ".30", "05", "5", "min", "mins", "minute", "read", " min read", ")", "(",
    "x", "K", "\u212a", "İ", "é", "COVID", "\u00a0", "\n", "AD", "bc", "BCE", "ce", "A.D.", "b.c.", "c", "st", "ND",
    "rd", "Th", "ſt", "ﬆ",
]


def _guard_cases() -> list[tuple[str, object, object]]:
    from kzfacts import numbers
    from kzfacts import pipeline as p

    return [  # (name, guard(s, pos), what the code asks when it says yes)
        ("era", p._era_may_follow, lambda s, i: p._ERA_AFTER.match(s, i, None, False)),
        ("ordinal suffix", lambda s, i: s[i:i + 1] in numbers._ORD_FIRST,
         lambda s, i: numbers._ORD_SUFFIX.match(s, i, None, False)),
        ("minus", p._minus_may_end, lambda s, i: p._MINUS_BEFORE.search(s, max(0, i - 6), i, False)),
        ("clock", p._clock_may_follow, lambda s, i: p._CLOCK_AFTER.match(s, i, None, False)),
        ("hyphen word", lambda s, i: p._hyphen_word_may_end(s[max(0, i - 40):i]),
         lambda s, i: p._HYPHEN_WORD_BEFORE.search(s[max(0, i - 40):i], None, None, False) if s[i - 1:i] != "\t" else None),
        ("list paren", p._list_paren_may_follow,
         lambda s, i: p._LIST_PAREN.match(s, i, None, False) if s[i:i + 1] in " )" else None),
        ("reading time", p._chrome_may_follow,
         lambda s, i: p._CHROME_AFTER.match(s, i, None, False) if s[i:i + 1] in (" ", "\t") else None),
    ]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(AROUND_PIECES), max_size=8).map("".join))
def test_pipeline_guards_never_skip_a_match(s: str) -> None:
    for name, guard, ask in _guard_cases():
        for i in range(len(s) + 1):
            if not guard(s, i):  # type: ignore[operator]
                assert ask(s, i) is None, (name, s, i)  # type: ignore[operator]


# ---- hedges.change_before: the reverse search asked only where a change word can end ----

CHANGE_PIECES = [
    " ", "  ", "\t", "rose ", "ROSE\t", "up ", "Up ", "down  ", "by ", "BY ", "fell by ", "fell  by\t", "a ", "an ",
    "An ", "a further ", "an annual ", "gave up ", "set up ", "x", "é", "-", "(", ", ", "$", "5", "nearly ",
    "year-on-year ", "increased ", "ſ", "\u212a", "\n", "abcdefghijklmnopqrstuvwxyzabcdefup ",
    "arose" + " " * 27, "Xup" + " " * 29,  # words the 32-character window cuts to "rose", "up"
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(CHANGE_PIECES), max_size=8).map("".join))
def test_change_before_guard_never_skips_a_change(s: str) -> None:
    from kzfacts import hedges

    for i in range(len(s) + 1):
        assert hedges.change_before(s, i) == hedges._change_before_search(s, i), (s, i)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_hedge_ending_test_is_could_end(data) -> None:  # type: ignore[no-untyped-def]
    from kzfacts import hedges, tables

    phrases = sorted(tables.HEDGES_BEFORE)
    piece = st.one_of(st.sampled_from([*phrases, *(p.upper() for p in phrases)]),
                      st.sampled_from([" ", "\t", "x", "5", "ſ", "\u212a", "İ", "é", "ß", "Ω", "≈", "~", "S", "T"]))
    s = "".join(data.draw(st.lists(piece, max_size=5)))
    for p in range(len(s) + 1):
        assert hedges._hedge_may_end(s, p) == tables.HEDGE_BEFORE_ENDINGS.could_end(s, p), (s, p)
