"""The time a claim refers to and what it measures, read from its sentence.

>>> times_in("In 2023, trade between China and Kazakhstan hit a record of $41 billion")
[(3, 7, '2023')]
>>> times_in("On July 4, 2024, the meeting")[0][2]
'2024-07-04'
>>> subject_of("In 2023, trade between China and Kazakhstan hit a record of $41 billion, Xinhua said",
...            60, 71, kind="money", noun=None)
'trade between China and Kazakhstan'
>>> subject_of("These countries account for about 30 per cent of the world's GDP.", 34, 45,
...            kind="percent", noun=None)
"world's GDP"
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import regex

from kzfacts import rx
from kzfacts.tables import CHANGES_AFTER, fold, word_set

# word lists (data/words.tsv), bound once: looked up per candidate
_NOUN_STOP: Final = word_set("noun_stop")
_SUBJECT_STOP: Final = word_set("subject_stop")
_VERB: Final = word_set("verb")
_REPORTING: Final = word_set("reporting_verb")
_NOUN_VERB: Final = word_set("noun_verb")
_PARTICIPLE: Final = word_set("participle")
_NOUN_MODIFIER: Final = word_set("noun_modifier")

_MONTHS: Final = {
    m: i + 1
    for i, names in enumerate(
        ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
         "aug august", "sep sept september", "oct october", "nov november", "dec december"]
    )
    for m in names.split()
}

_TIME: Final = rx.compile(
    r"""
    (?P<date>(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
        |sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?[ \t]+
        (?:(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:[-–]\d{1,2})?,?[ \t]+)?(?P<dy>(?:1[5-9]|20)\d{2})(?!\d))
    | (?P<dmy>(?P<day2>\d{1,2})[ \t]+(?P<mon2>(?i:january|february|march|april|may|june|july|august|september
        |october|november|december))[ \t]+(?P<y2>(?:1[5-9]|20)\d{2})(?!\d))
    | (?P<period>(?<![\d,.])(?P<y3>(?:1[5-9]|20)\d{2})[-–/](?P<y4>(?:1[5-9]|20)?\d{2})(?![\d%]))
    | (?P<year>(?<![\d,.$£€¥-])(?:(?:1[5-9]|20)\d{2}|2100)(?!\d|,\d|%|\.\d|-\d))
    """,
    regex.VERBOSE,
)
# group numbers (a lookup by name costs ~0.6 µs more: see numbers._SF)
(_T_DATE, _T_MON, _T_DAY, _T_DY, _T_DMY, _T_DAY2, _T_MON2, _T_Y2, _T_PERIOD, _T_Y3, _T_Y4, _T_YEAR) = (
    _TIME.groupindex[g] for g in ("date", "mon", "day", "dy", "dmy", "day2", "mon2", "y2", "period", "y3", "y4", "year"))
_PER_SPLIT: Final = rx.compile(r"\s+(?:a|an|per|every|each)\s+")
# Cheap tests before _TIME, which the regex engine tries at every position of a sentence at
# ~2,000 instructions a character (its case-insensitive month names):
# * a sentence with no year ((?:1[5-9]|20)\d\d) has no time: _MAYBE_YEAR takes any non-ASCII
#   character for \d (the standard library's engine knows fewer digits than regex) and finds
#   the "1" or "2" a year starts with at memory speed;
# * a match starts at a digit or at the first three letters of a month: _TIME is tried only
#   there, which gives exactly the matches of _TIME.finditer. Letters that the engine's
#   IGNORECASE folds to ASCII but lower() does not (İ, ſ, the Kelvin sign) send the sentence to
#   finditer itself.
_MAYBE_YEAR: Final = rx.compile(r"(?:1[5-9]|20)(?:[0-9]|[^\x00-\x7f]){2}|21(?:0|[^\x00-\x7f])(?:0|[^\x00-\x7f])")
# (the reference of _maybe_year; rx.compile keeps it compiled between runs, as re.compile would not)


def _maybe_year(sentence: str) -> bool:
    """``_MAYBE_YEAR.search(sentence) is not None``, found from the "1"s and "2"s with ``str.find``.

    The standard library's engine tries the pattern at every position (~170 instructions a
    character: 7% of extraction); a sentence holds a "1" or a "2" about once.
    """
    n = len(sentence)
    if n < 4:
        return False
    find = sentence.find
    i = find("1", 0, n - 3)
    while i >= 0:
        if "5" <= sentence[i + 1] <= "9" and _year_digit(sentence[i + 2]) and _year_digit(sentence[i + 3]):
            return True
        i = find("1", i + 1, n - 3)
    i = find("2", 0, n - 3)
    while i >= 0:
        c = sentence[i + 1]
        if c == "0" and _year_digit(sentence[i + 2]) and _year_digit(sentence[i + 3]):
            return True
        if c == "1" and _zero_or_wide(sentence[i + 2]) and _zero_or_wide(sentence[i + 3]):
            return True
        i = find("2", i + 1, n - 3)
    return False


def _year_digit(c: str) -> bool:
    """[0-9] or a non-ASCII character (what _MAYBE_YEAR takes for a digit)."""
    return "0" <= c <= "9" or c > "\x7f"


def _zero_or_wide(c: str) -> bool:
    return c == "0" or c > "\x7f"
_DIGITS: Final = rx.compile(r"\d+")
_MONTH_STARTS: Final = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FOLDS_TO_ASCII: Final = ("\u0130", "\u017f", "\u212a")


def _folds_to_ascii(sentence: str) -> bool:
    """Does the sentence hold a letter that IGNORECASE matches to ASCII and lower() does not?"""
    return not sentence.isascii() and any(ch in sentence for ch in _FOLDS_TO_ASCII)


def _time_matches(sentence: str) -> list[regex.Match[str]]:
    """``list(_TIME.finditer(sentence))``, trying _TIME only where a match can start."""
    if _folds_to_ascii(sentence):
        return list(_TIME.finditer(sentence, None, None, False, False))
    starts: list[int] = []
    for d in _DIGITS.finditer(sentence, None, None, False, False):
        # inside a digit run only "day month year" can start, and only on its last two digits before a
        # blank (the other branches look behind for no digit): at most three tries a run, not one a digit
        ds, de = d.span()
        starts.append(ds)
        if de - ds > 1 and sentence[de:de + 1] in (" ", "\t"):
            starts.extend(range(max(ds + 1, de - 2), de))
    low = sentence.lower()
    for mon in _MONTH_STARTS:
        i = low.find(mon)
        while i >= 0:
            starts.append(i)
            i = low.find(mon, i + 1)
    starts.sort()
    out: list[regex.Match[str]] = []
    done = 0
    for p in starts:
        if p < done:
            continue  # inside the previous match, as finditer goes on from its end
        m = _TIME.match(sentence, p, None, False)
        if m is not None:
            out.append(m)
            done = m.end()
    return out
_SAME_YEAR: Final = rx.compile(r"\b(?:the[ \t]+same[ \t]+(?:year|period)|that[ \t]+year)\b", regex.I)


def _same_year(sentence: str) -> bool:
    """``_SAME_YEAR.search(sentence)``, skipped when the sentence has no "year" or "period"."""
    if not (_C_YEAR_WORD(sentence) if _C_YEAR_WORD is not None else reference_year_word(sentence)):
        return False  # most sentences
    return _SAME_YEAR.search(sentence, None, None, False) is not None


def reference_year_word(sentence: str) -> bool:
    """Can _SAME_YEAR match? "year" or "period" in ``sentence.lower()``, or a letter that
    IGNORECASE folds to ASCII and lower() does not (the definition of ``_scan.year_word``, which
    runs where built: lower() of a sentence with a curly quote costs ~4,000 instructions)."""
    low = sentence.lower()
    return "year" in low or "period" in low or _folds_to_ascii(sentence)


def _c_year_tests() -> tuple[Callable[[str], bool] | None, Callable[[str], bool] | None]:
    """``_scan.year_word`` and ``_scan.maybe_year`` (reference_year_word and _maybe_year in C), or
    (None, None) in a pure-Python install."""
    try:
        from kzfacts import _scan
    except ImportError:
        return None, None
    return _scan.year_word, _scan.maybe_year


_C_YEAR_TESTS: Final = _c_year_tests()
_C_YEAR_WORD: Final = _C_YEAR_TESTS[0]
_C_MAYBE_YEAR: Final = _C_YEAR_TESTS[1]


def times_in(sentence: str) -> list[tuple[int, int, str]]:
    """Time expressions of a sentence: (start, end, ISO year, year-month, date or 'YYYY/YYYY')."""
    out: list[tuple[int, int, str]] = []
    if not (_C_MAYBE_YEAR(sentence) if _C_MAYBE_YEAR is not None else _maybe_year(sentence)):
        return out
    for m in _time_matches(sentence):
        if m.group(_T_DATE):
            month = fold(m.group(_T_MON))
            mon = _MONTHS[month[:3] if month[:4] != "sept" else "sep"]
            y = m.group(_T_DY)
            if m.group(_T_DAY) and m.group(_T_DAY).isdecimal():  # isdecimal: what int() can read
                out.append((m.start(), m.end(), f"{y}-{mon:02d}-{int(m.group(_T_DAY)):02d}"))
            else:
                out.append((m.start(), m.end(), f"{y}-{mon:02d}"))
        elif m.group(_T_DMY):
            if not m.group(_T_DAY2).isdecimal():
                continue
            mon = _MONTHS[fold(m.group(_T_MON2))]
            out.append((m.start(), m.end(), f"{m.group(_T_Y2)}-{mon:02d}-{int(m.group(_T_DAY2)):02d}"))
        elif m.group(_T_PERIOD):
            y1, y2 = m.group(_T_Y3), m.group(_T_Y4)
            if len(y2) == 2:
                y2 = y1[:2] + y2
            if y1.isdecimal() and y2.isdecimal() and int(y2) > int(y1):
                out.append((m.start(), m.end(), f"{y1}/{y2}"))
        else:
            out.append((m.start(), m.end(), m.group(_T_YEAR)))
    return _year_spans(sentence, out) if len(out) > 1 else out


_SPAN_GAP: Final = rx.compile(r"[ \t]*(?:[-–]|(?i:to|and|until|till|through))[ \t]*")
_SPAN_INTRO: Final = rx.compile(r"(?i:from|between)[ \t]+")


def _year_spans(sentence: str, times: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"from 2005 to 2023", "between 2019 and 2023": two years that bound one period, 'YYYY/YYYY'."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(times):
        s1, e1, t1 = times[i]
        if i + 1 < len(times):
            s2, e2, t2 = times[i + 1]
            intro = _SPAN_INTRO.search(sentence, max(0, s1 - 9), s1, False) if len(t1) == 4 else None
            if (intro is not None and intro.end() == s1 and len(t2) == 4 and t1.isdigit() and t2.isdigit()
                    and int(t1) < int(t2) and _SPAN_GAP.fullmatch(sentence, e1, s2, False)):
                out.append((s1, e2, f"{t1}/{t2}"))
                i += 2
                continue
        out.append(times[i])
        i += 1
    return out


def time_of(sentence: str, start: int, end: int, previous: str | None | Callable[[], str | None],
            found: list[tuple[int, int, str]] | None = None) -> str | None:
    """The time nearest the claim in its sentence; "the same year" refers to ``previous``.

    ``previous`` may be a callable, asked only when the sentence needs it. ``found``: the
    sentence's ``times_in`` when the caller has it already.
    """
    best = None
    best_d = 1 << 30
    before = False
    best_end = 0
    # a time across a semicolon or ", and" (_CLAUSE_JOIN) is taken only when the claim's own clause
    # has none: "In 2022, exports were $3bn; in 2023 they reached $4bn"
    times = times_in(sentence) if found is None else found
    lo, hi = _clause_bounds(sentence, start, end) if len(times) > 1 else (-1, -1)
    for s, e, t in times:
        if s < end and start < e:
            continue  # the claim itself
        if "," in (sentence[e:start] if e <= start else sentence[end:s]) and _ORIGIN_BEFORE.search(
                sentence, max(0, s - 24), s, False) is not None:
            continue  # "The company, founded in 1998, now employs 3,000 people": 1998 dates the founding
        if s >= end and "/" not in t and (_BASELINE_BEFORE.search(sentence, max(end, s - 16), s, False) is not None
                                          or _COMPARED_WITH.search(sentence, end, s, False) is not None):
            continue  # "61.2%, down 4 points from 2019", "the highest since 2000", "1 in 10, against 1 in
            # 20 in 2010": a baseline, or the date of the figure it is compared with, not its own
        if e <= start and s >= 6 and (sentence[s - 6:s].lower() == "since " or (
                sentence[s - 1:s] in (" ", "-") and _SINCE_BEFORE.search(sentence, max(0, s - 24), s, False) is not None)):
            continue  # "has doubled since 1990 to 8 million", "Since 2019, prices rose 20%", "since late 2022":
            # where a period starts, not the figure's own date
        d = 2 * (start - e) if e <= start else 2 * (s - end) - (sentence[end:s].strip().lower() == "in")
        # a tie goes to the year the figure is "in" ("from 1,200 in 2020 to 800 in 2022": 800 is 2022's)
        if s < lo or (hi >= 0 and e > hi):
            d += 1 << 20
        if d < best_d:
            best, best_d, before, best_end = t, d, e <= start, e
    if best is None and previous and _same_year(sentence):
        return previous() if callable(previous) else previous
    if before and best is not None and len(best) == 4 and best.isdigit() and "year" in sentence:
        back = _years_back(sentence, end)
        if back:
            return str(int(best) - back)  # "5.2% in 2023, against 3% a year earlier": 2022
        later = _YEARS_LATER.search(sentence, best_end, start, False)
        if later is not None:  # "In 2022 trade was $31 billion; a year later it was $41 billion": 2023
            n = later.group("n")
            return str(int(best) + (_YEARS_BACK.get(n.lower(), 1) if n else 1))
    return best


# A document's own date, as news puts it before the text: a dateline ("BEIJING, July 3, 2024 /PRNewswire/ --"),
# a byline date on a line of its own ("Feb 17, 2022"), "Published 12 March 2024". Only near the top
# (the first _DATELINE_REACH characters) and only at the start of a line: a date inside a sentence
# ("On July 4, 1976, ...") is an event's, not the article's.
_DATELINE_REACH: Final = 1500
_DATELINE: Final = rx.compile(
    r"""[ \t]*(?:(?:[\p{Lu}][\p{Lu}.'’ -]{1,30}(?:,[ \t]*[\p{L}.]+(?:[ \t][\p{L}.]+)?)?,[ \t]*)
        |(?i:published|updated|posted|posted[ \t]+on|date|dated)[: \t]+(?:(?i:mon|tue|wed|thu|fri|sat|sun)\p{L}*,?[ \t]+)?)?
    (?:(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?
        |oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+(?P<y1>(?:19|20)\d{2})
      |\d{1,2}[ \t]+(?i:january|february|march|april|may|june|july|august|september|october|november|december)
        [ \t]+(?P<y2>(?:19|20)\d{2})
      |(?P<y3>(?:19|20)\d{2})-[01]\d-[0-3]\d)
    (?=[ \t]*(?:$|/|[-–—(|]|\d{1,2}:\d\d))""",
    regex.VERBOSE)
_YEAR_NEAR_START: Final = rx.compile(r"(?:19|20)\d\d")  # (a dateline's year comes within its first 72 characters)
_RELATIVE_SHIFT: Final = {"last ": -1, "this ": 0, "next ": 1}


def dateline_year(text: str) -> int | None:
    """The year of the document's own date (a dateline or byline near the top), or None."""
    reach = min(len(text), _DATELINE_REACH)
    pos = 0
    while pos < reach:  # tried at each line's start only: a search through the text costs ~60 µs
        end = text.find("\n", pos, reach)
        if end < 0:
            end = reach
        if end - pos >= 8 and _YEAR_NEAR_START.search(text, pos, min(end, pos + 72)) is not None:
            m = _DATELINE.match(text, pos, end, False)
            if m is not None:
                return int(m.group("y1") or m.group("y2") or m.group("y3"))
        pos = end + 1
    return None


def relative_time(sentence: str, start: int, end: int, year: int | Callable[[], int | None] | None,
                  found: list[tuple[int, int, str]] | None = None) -> str | None:
    """"last year", "this year", "next year" in the claim's clause, read against the document's
    ``year`` (or a callable giving it, asked only when the clause has such a phrase): the nearest
    one to the claim, or None; None too when a stated time (``found``, as ``times_in`` gives) is
    as near ("4% in 2021, against 2% last year": 4% is 2021's). "" when the phrase is the nearest
    but the document's year is unknown: the claim's year is unknown then, not a farther stated one
    ("sold 1.8m cars last year and aims for 20m by 2030": the 1.8m is not 2030's)."""
    best = 0
    best_d = 1 << 30
    lo, hi = -2, -2  # (_clause_bounds, read once a phrase is found: most sentences with "year" have none)
    i = sentence.find("year")
    while i >= 0:  # (str.find, not a regex: a regex with no literal prefix scans at ~11 MB/s)
        s, e = i - 5, i + 4
        shift = _RELATIVE_SHIFT.get(sentence[s:i].lower()) if s >= 0 else None
        i = sentence.find("year", e)
        if shift is None or (s > 0 and sentence[s - 1].isalnum()) or (e < len(sentence) and (
                sentence[e].isalnum() or sentence[e] == "-" or (
                    sentence[e] in "'’" and sentence[e + 1:e + 2] != "s"))):
            continue  # "last year" or "last year's" as words, not "last years" or "last year-end"
        if lo == -2:
            lo, hi = _clause_bounds(sentence, start, end)
        if (lo >= 0 and s < lo) or (hi >= 0 and e > hi):
            continue
        if s >= end and _has_digit(sentence, end, s):
            continue  # "5% in 2023, against 2% last year": the phrase dates the figure just before it
        d = start - e if e <= start else s - end
        if d < best_d:
            best, best_d = shift, d
    if best_d == 1 << 30:
        return None
    for s, e, _ in found or ():
        if not (s < end and start < e) and (start - e if e <= start else s - end) <= best_d:
            return None
    y = year() if callable(year) else year
    return "" if y is None else str(y + best)


def _has_digit(sentence: str, start: int, end: int) -> bool:
    return any(c.isdigit() for c in sentence[start:end])


# Where one clause of a sentence hands over to the next: a time across one is taken only when the
# claim's own clause has none ("The 2019 figure was 4.5%, and in 2020 it dropped to 3.1%")
_CLAUSE_JOIN: Final = rx.compile(r";|,[ \t]+(?:and|but|while|whereas|although|though)(?![\w])|[ \t]whereas(?![\w])",
                          regex.IGNORECASE)
# "founded in 1998": the time of an origin, set off by commas, dates nothing outside them
_ORIGIN_BEFORE: Final = rx.compile(
    r"(?r)(?<![\w])(?:founded|established|formed|created|born|launched|built|opened|incorporated|set[ \t]+up)"
    r"[ \t]+(?:in[ \t]+)?\G", regex.IGNORECASE)


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The last clause hand-over before ``start`` and the first after ``end`` (-1: none)."""
    lo, hi = -1, -1
    for m in _CLAUSE_JOIN.finditer(sentence, None, None, False, False):
        if m.end() <= start:
            lo = m.start()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


# A year after the figure that it is compared with: "down 4.3 points from 2019", "the highest since
# 2000", "than in 2019", "compared with 2022". (A period, "from 2005 to 2023", is one time of its own.)
_SINCE_BEFORE: Final = rx.compile(
    r"(?r)(?<![\w])since[ \t]+(?:late|early|mid|the[ \t]+(?:end|start|beginning|middle)[ \t]+of)[ \t-]+\G", regex.IGNORECASE)
_BASELINE_BEFORE: Final = rx.compile(
    r"(?r)(?<![\w])(?:since|from|than|versus|vs\.?|against|compared[ \t]+(?:with|to))[ \t]+(?:in[ \t]+)?"
    r"(?:(?:late|early|mid|the[ \t]+(?:end|start|beginning|middle)[ \t]+of)[ \t-]+)?\G",  # ("since late 2022")
    regex.IGNORECASE,
)

_COMPARED_WITH: Final = rx.compile(
    r"(?<![\w])(?:against|versus|vs\.?|compared|(?<!(?:more|less|fewer|other|rather)[ \t])than"
    r"|(?:up|down|rose|fell|rising|falling)[ \t]+from)(?![\w])",  # ("more than 3%" is a hedge)
    regex.IGNORECASE)

# "3% a year earlier", "$2bn the previous year": the figure is dated from the sentence's year;
# "up 22% from a year earlier" is this year's change against the last (a baseline, not a date)
_YEAR_BEFORE: Final = rx.compile(
    r"(?:[ \t]+(?!(?:from|than|over|on|since|versus|vs|against|compared|with|to|in)(?!\w))[\p{L}'’-]+){0,3}?"
    r"[ \t,]+(?:(?P<n>a|an|one|two|three|\d)[ \t]+years?[ \t]+(?:earlier|before|previously|ago)"
    r"|the[ \t]+(?:previous|prior|preceding)[ \t]+year|the[ \t]+year[ \t]+(?:before|earlier))(?!\w)",
    regex.IGNORECASE,
)
_YEARS_BACK: Final = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
# "a year later", "two years later", "the following year", "the next year": after a year, before the figure
_YEARS_LATER: Final = rx.compile(
    r"(?<![\w])(?:(?P<n>a|one|two|three)[ \t]+years?[ \t]+(?:later|on)|the[ \t]+(?:following|next)[ \t]+year)(?![\w])",
    regex.IGNORECASE)


def _years_back(sentence: str, end: int) -> int:
    """How many years before the sentence's own year a figure ending at ``end`` says it is (0: none)."""
    m = _YEAR_BEFORE.match(sentence, end, None, False)
    if m is None:
        return 0
    n = m.group(1)
    if n is None:
        return 1
    return int(n) if n.isdigit() else _YEARS_BACK[n.lower()]


# ---------------------------------------------------------------------------- subject
# _OF_NP, _NP, _ON_NP: one group each ("np"), read as group 1
_WORDS: Final = rx.compile(r"[\p{L}\d][\p{L}\d'’&.-]*")
_CLAUSE_BREAK: Final = rx.compile(r"[;:—–(]|,(?![\d])|\s-\s")
_CLAUSE_BREAK_CHARS: Final = (";", ":", "—", "–", "(", ",", "-")  # "-" is the middle of "\s-\s"


def _clause_breaks(left: str) -> list[int]:
    r"""Ends of ``_CLAUSE_BREAK.finditer(left)``, trying the pattern only where ``str.find`` sees one
    of its characters: the ``\s`` alternative made the engine try every position (~90 ns a char).
    """
    starts: list[int] = []
    find = left.find
    for ch in _CLAUSE_BREAK_CHARS:
        i = find(ch)
        while i >= 0:
            starts.append(i - 1 if ch == "-" else i)
            i = find(ch, i + 1)
    if not starts:
        return []
    starts.sort()
    ends: list[int] = []
    done = 0
    for i in starts:
        if i < done or i < 0:
            continue
        m = _CLAUSE_BREAK.match(left, i, None, False)
        if m is not None:
            ends.append(m.end())
            done = m.end()
    return ends
# (a digit group's comma does not end the phrase: "60 per cent of the 2,000 people surveyed")
_OF_NP: Final = rx.compile(
    r"[ \t]+of[ \t]+(?P<np>[^,;:.()—–…“”\"«»]+(?:(?:(?<=\d),(?=\d{3})|(?<=\d)\.(?=\d))[^,;:.()—–…“”\"«»]*)*)")
# (a decimal point inside the phrase is no end: "80% of the city's 5.6 million residents")
_NP: Final = rx.compile(r"[ \t]+(?P<np>[^,;:.()—–…“”\"«»]+(?:(?<=\d),(?=\d{3})[^,;:.()—–…“”\"«»]*)*)")
_MEASURE_OF: Final = rx.compile(
    r"(?r)(?<![\w])(?:(?i:a|an|the|its|their|his|her)[ \t]+(?P<np>[\p{Ll}-]+(?:[ \t]+[\p{Ll}-]+)?"
    r"|[\p{Ll}-]+[ \t]+(?:on|per)[ \t]+[\p{Ll}-]+|[\p{Lu}][\p{Lu}\d]+[ \t]+[\p{Ll}-]+)"
    r"|(?i:with|at|for|by)[ \t]+(?P<np>[\p{Ll}-]+))[ \t]+of[ \t]+\G")
# ("a return on equity of 11.5%", "earnings per share of $2", "a CET1 ratio of 14.2%")  # ("with winds of 74 mph", "at speeds of")
_CHANGE_IN_NP: Final = rx.compile(r"[ \t]+(?:[\p{L}-]+[ \t]+)?(\p{L}+)[ \t]+(?:in|of)[ \t]+(?P<np>[^,;:.()—–…“”\"«»]+)")
_COMPARED_NP: Final = rx.compile(r"[ \t]+(?i:higher|lower|greater|smaller|bigger|larger|increased|reduced)[ \t]+(?!(?i:than)(?!\w))(?P<np>[^,;:.()—–…“”\"«»]+)")
_ON_NP: Final = rx.compile(r"[ \t]+(?:on|in|of|among|at)[ \t]+(?P<np>[^,;:.()—–…“”\"«»]+)")
_DETERMINERS: Final = frozenset("the a an this these those its their his her our your my some all both each every".split())
_NP_END: Final = frozenset(
    """and or but which that who whom whose while when where as than because since although though if
    to by for from at on into after before during said says say according including compared""".split()
)
_TIME_NOUNS: Final = frozenset("year years month months quarter quarters week weeks day days decade decades period".split())
_SCALE_WORDS: Final = frozenset("hundred thousand million billion trillion bn mn percent per cent".split())
_LEAD: Final = frozenset("there here it this that these those".split())
_RELATIVE: Final = frozenset(("which", "who"))
# capitalized month names, dropped from a subject with the date's digits ("On 12 March 2024 the index");
# not "May", a name as often
_MONTH_NAMES: Final = frozenset("January February March April June July August September October November December".split())
_CONJ: Final = frozenset(("and", "but", "or", "while", "whereas"))
_CHANGE_GAP: Final = frozenset(("by", "from", "to", "at", "a", "an", "further", "another"))  # ", down from 3.4%"
_UP_DOWN: Final = frozenset(("up", "down", "higher", "lower"))
_NOUN_STOP_OR_LEAD: Final = _NOUN_STOP | _LEAD
_TIME_START: Final = frozenset(("this", "last", "next"))
_TIME_LEAD: Final = frozenset(("past", "last", "next", "previous", "coming", "first", "same"))
_NOT_IN_SUBJECT: Final = word_set("not_in_subject")
_RATIO_BASE: Final = frozenset(("gdp", "gross domestic product", "economic output", "national income", "gni"))
_CHANGE_MODIFIER: Final = word_set("change_modifier")
# what comes before a figure that measures the noun after it ("a 5,000mAh battery", "the Bank's 2% target")
_ARTICLES_BEFORE: Final = ("a ", "an ", "A ", "An ", "the ", "The ", "'s ", "’s ", "its ", "Its ", "their ", "Their ")
_NOT_ADJECTIVAL: Final = frozenset(("count", "number", "fraction", "ordinal", "factor", "points", "age"))
_HEDGE_TAIL: Final = frozenset("more less than nearly almost roughly about around just only".split())


_NOT_VERB_ED: Final = frozenset("hundred need speed seed bed red shed feed weed deed breed creed greed steed".split())


def _is_verb(word: str) -> bool:
    """A listed verb, or a past-tense form ("eased", "fined", "grounded") of five letters or more."""
    lw = word.lower()
    if lw in _VERB:
        return True
    return len(lw) >= 5 and lw.endswith("ed") and lw.isalpha() and lw not in _NOT_VERB_ED


def _np_words(fragment: str, limit: int = 6) -> list[str]:
    """Leading words of a noun phrase, up to a verb, conjunction or relative pronoun."""
    out: list[str] = []
    for w in _WORDS.findall(fragment, None, None, False, False):
        lw = w.lower()
        if out and (lw in _NP_END or _is_verb(w) or lw in _TIME_START):  # ("their value this year")
            break
        if not out and lw in _DETERMINERS:
            continue
        out.append(w.rstrip("."))
        if len(out) >= limit:
            break
    while out and (out[-1].lower() in _DETERMINERS or out[-1].lower() in ("of", "in", "with", "and", "the")):
        out.pop()
    return out


_NOT_HEAD: Final = frozenset("""able also too however still even just only now then there here as so very
    more most less fewer such likely unlikely possible due set said says past next extra additional further equal equivalent""".split())


_TRAILING: Final = _DETERMINERS | {"of", "in", "with", "and", "by", "to", "for", "at", "on", "among", "amongst", "across",
                                   "amid", "aged"}
# ("Unemployment among 16- to 24-year-olds rose": the figure's words dropped, "among" is left over)


def _clean(words: list[str]) -> str | None:
    """Trim a candidate subject; None unless it ends in something noun-like."""
    if any(w in _MONTH_NAMES for w in words):  # a date's month, beside its digits: "On 12 March 2024 the index"
        words = [w for i, w in enumerate(words) if w not in _MONTH_NAMES or not any(
            any(ch.isdigit() for ch in x) for x in words[max(0, i - 1):i + 2])]
    words = [w for i, w in enumerate(words) if (w.isalpha() or not any(ch.isdigit() for ch in w)) and not (
        i > 0 and w.lower() in _SCALE_WORDS and any(ch.isdigit() for ch in words[i - 1]))]  # ("5.6 million")
    after_det = False  # "The measures cost", "Its shares closed": a noun after a determiner
    while words and ((words[0].lower() in _TRAILING and words[0].lower() != "to") or words[0].lower() in _LEAD
                     or words[0].lower() in _CONJ):  # ("at an altitude of": altitude; "to buy X" stays)
        after_det = words[0].lower() in _DETERMINERS
        words = words[1:]
    while words and words[-1].lower() in _TRAILING:
        words = words[:-1]
    if not words:
        return None
    last = words[-1].lower()
    noun_here = len(words) == 1 and (after_det or words[0][:1].isupper())  # (one capitalized word: "Shares rose 3%")
    acronym = len(words[-1]) >= 2 and words[-1].isupper()  # "in the US": not the pronoun "us"
    if not acronym and (last in _NOT_HEAD or last in _NOUN_STOP) or (
            _is_verb(last) and not noun_here and last not in _NOUN_VERB
            and not (len(words) > 1 and (words[-2].lower() in _NOUN_MODIFIER or words[-2].lower() == "of"))) \
            or (last.endswith("ly") and len(last) > 4):
        return None  # "as reflected", "China is also", "able": no noun names the measure
    text = " ".join(words).strip(" '\"“”‘’")
    return text or None


def subject_of(sentence: str, start: int, end: int, *, kind: str, noun: str | None,
               adjectival: bool = False, fallback: str | None = None) -> str | None:
    """A short phrase naming what the claim at ``sentence[start:end]`` measures.

    ``start`` should be where the claim's hedge starts ("exceeding $21.2 billion"), so the hedge is
    not read as the clause's verb; ``fallback`` names what an earlier count in the sentence counted.
    """
    right = sentence[end:]
    if kind == "ordinal" and not noun:  # "ranking 28th on the UN e-Government Development Index"
        m = _ON_NP.match(right, None, None, False)
        if m:
            s = _clean(_np_words(m.group(1)))
            if s:
                return s
    if not adjectival and kind not in _NOT_ADJECTIVAL and sentence.endswith(_ARTICLES_BEFORE, 0, start) \
            and right[1:2].islower() and right[:1] == " " and _first_word(right) not in _NOUN_STOP \
            and not _is_verb(_first_word(right)) and _first_word(right) not in CHANGES_AFTER \
            and _first_word(right) not in _TIME_NOUNS and _first_word(right) not in _CHANGE_MODIFIER \
            and not (kind == "percent" and _first_word(right).endswith("er")):  # (not "a 20% higher risk")
        adjectival = True  # "a 5,000mAh battery", "on a 5nm process": the measure of the noun after it
    if adjectival:  # "a 1,108-mile-long border with China"
        m = _NP.match(right, None, None, False)
        if m:
            s = _clean(_np_words(m.group(1)))
            if s:
                return s
    if kind in ("mass", "volume", "data", "length", "area", "rate") and right.startswith(" of ") and not (
            kind == "length" and sentence.endswith(("within ", "Within "), 0, start)):
        # "1.2 tonnes of cocaine", "45TB of text", "40 cm of snow", "500 hectares of forest" (not
        # "within six feet of the cup": a distance from it)
        s = _clean(_np_words(_PER_SPLIT.split(right[4:], 0, False)[0], limit=3))
        if s and s.rsplit(" ", 1)[-1].lower() not in _TIME_NOUNS:  # (not "of the past few years")
            return s
    if kind in ("mass", "volume", "rate") and " of " in sentence[start:end]:  # "tons of freight a year"
        inner = sentence[start:end].split(" of ", 1)[1]
        s = _clean(_np_words(_PER_SPLIT.split(inner, 0, False)[0], limit=3))
        if s:
            return s
    if kind in ("percent", "factor", "money", "points"):
        head = right[:40]  # (a plain look first: the regex costs ~1 µs a claim)
        m = _CHANGE_IN_NP.match(right, None, None, False) if " in " in head or " of " in head else None
        if m and m.group(1).lower() in CHANGES_AFTER:  # "a 42% increase in sales": sales
            s = _clean(_np_words(m.group(2)))
            if s:
                return s
    if kind in ("percent", "fraction", "points", "duration") or (kind in ("count", "number") and not noun):
        m = _OF_NP.match(right, None, None, False)
        if m:
            s = _clean(_np_words(m.group(1)))
            if s and s.rsplit(" ", 1)[-1].lower() not in ("level", "levels") and s.lower() not in _RATIO_BASE:
                return s  # (not "98% of pre-pandemic levels"; "a deficit of 4.4% of GDP" is the deficit's)
        if kind == "percent":
            m = _COMPARED_NP.match(right, None, None, False) if "er " in right[:12] or "ed " in right[:12] else None
            # ("a 20% higher risk of heart disease": the comparatives end in -er or -ed)
            if m:
                s = _clean(_np_words(m.group(1)))
                if s:
                    return s
        if kind == "fraction" and noun:  # "one in five workers (are migrants)"
            return noun
        if kind == "fraction":
            m = _NP.match(right, None, None, False)
            words = _np_words(m.group(1)) if m else []
            if words and words[0].lower() not in _NOUN_STOP and words[-1].lower() not in _TIME_NOUNS:
                s = _clean(words)  # ("two-thirds majority"; not "jumped by a quarter in two years")
                if s:
                    return s
    if noun and kind in ("count", "ordinal"):
        return noun
    if kind == "money":
        m = _NP.match(right, None, None, False)
        if m:
            words = _np_words(m.group(1), limit=4)
            if (words and words[0][:1].islower() and words[0].lower() not in _NOUN_STOP
                    and words[-1].lower() not in _TIME_NOUNS):  # "$41 billion last year": a time
                s = _clean(words)
                if s:
                    return s
            if right.startswith(" off "):  # "wiping $20bn off its market capitalisation" (not "off its value")
                words = _np_words(m.group(1)[4:], limit=3)
                if words and words[0].lower() not in _NOUN_STOP and words[-1].lower() not in _SUBJECT_STOP:
                    s = _clean(words)
                    if s:
                        return s
            if right.startswith(" in "):  # "generating $200 billion in revenue", "$50bn in damage"
                words = _np_words(m.group(1)[3:], limit=3)
                if (words and words[0][:1].islower() and words[0].lower() not in _NOUN_STOP
                        and words[0].lower() not in _DETERMINERS and words[-1].lower() not in _TIME_NOUNS
                        and words[-1].lower() not in _SUBJECT_STOP and words[0].lower() not in _MONTHS
                        and words[0].lower() not in _NOT_IN_SUBJECT and words[-1].lower() not in _NOT_IN_SUBJECT):
                    s = _clean(words)  # (not "in the region", "in 2023", "in China", "in the first quarter", "in total")
                    if s:
                        return s
    if fallback and kind == "money" and sentence.endswith("worth ", 0, start):
        return fallback  # "signed 30 agreements worth about $10 billion": the agreements'
    if sentence.endswith("of ", 0, start):  # "by a vote of 220", "at a depth of 10 km", "a fine of $5bn"
        m = _MEASURE_OF.search(sentence, max(0, start - 48), start, False)
        if m is not None and m.group("np").lower() not in _SUBJECT_STOP and m.group("np").lower() not in _NOUN_STOP:
            if fallback and kind == "money" and all(w in _SUBJECT_STOP for w in m.group("np").lower().split()):
                return fallback  # "22 projects with a total value of $15 billion": the projects
            s = _clean(m.group("np").split())
            if s:
                return s
    return _subject_left(sentence, start, fallback)


def _first_word(right: str) -> str:
    """The lower-cased word ``right`` starts with (after its blank)."""
    return right[1:].split(" ", 1)[0].strip(",.;:").lower()


def _has_figure(words: list[str], a: int, b: int) -> bool:
    """Is one of ``words[a:b]`` part of another figure: digits, or a scale word ("75 USD million")?"""
    for i in range(a, b):
        w = words[i]
        if w.lower() in _SCALE_WORDS:
            return True
        for ch in w:
            if ch.isdigit():
                return True
    return False


def _subject_left(sentence: str, start: int, fallback: str | None = None) -> str | None:
    left = sentence[:start]
    breaks = _clause_breaks(left)
    clause_start = breaks[-1] if breaks else 0
    clause = left[clause_start:]
    words = _WORDS.findall(clause, None, None, False, False)  # strings: findall builds no match objects
    if not words:
        return fallback or (_previous_clause(left, breaks) if breaks else None)
    if breaks and clause_start > 0 and all(w.lower() in _UP_DOWN or w.lower() in _CHANGE_GAP for w in words):
        # "The median home price was $412,000 in June, up 4.1%": the change of the clause before
        at = breaks[-1] - 1
        if len(breaks) >= 2 and left[breaks[-2]:at].rstrip().lower().endswith(("said", "says")):
            at = breaks[-2] - 1  # "will rise slightly, Mr. Marous said, from $470 million": past the attribution
        return _subject_left(sentence, at, fallback)
    # the last verb before the figure splits the clause: "X hit a record of $41 billion"
    verb_i = None
    for i in range(len(words) - 1, -1, -1):
        w = words[i].lower()
        if (_is_verb(w) or (i > 0 and words[i - 1].lower() in _RELATIVE)
                or (i == 0 and clause_start > 0 and w in _PARTICIPLE)) and w not in _SUBJECT_STOP and not (
                i > 0 and (words[i - 1].lower() in _DETERMINERS or words[i - 1].lower() == "of"
                           or words[i] == "May")) and not (  # ("which spans", ", wiping": a verb; "the number
                # of unemployed", "8.4% in May versus 9.1%": not one)
                w in _NOUN_VERB and i + 1 < len(words) and words[i + 1].lower() == "of"):  # ("estimates of")
            verb_i = i  # a verb, not a noun after an article ("a record")
            break
    if verb_i is not None:
        between = words[verb_i + 1:]
        if any(ch.isdigit() for w in between for ch in w) or (
                2 <= len(between) <= 3 and between[0].lower() == "to" and between[-1].lower() in ("to", "by", "at")):
            between = []  # another figure sits between: "expanded 53.5 percent ... to $3.93 billion"; or an
            # infinitive: "is expected to double to $80 billion"
        content = [w for w in between if w.lower() not in _SUBJECT_STOP
                   and w.lower() not in _DETERMINERS and w.lower() not in _NOUN_STOP]
        if content:
            s = _clean(_np_words(" ".join(between), limit=8))
            if s and any(w.lower() not in _SUBJECT_STOP for w in s.split()):
                return s
        before = words[:verb_i]
        if len(before) > 1 and (before[-1].lower() in _RELATIVE or before[-1].lower() == "that"):
            before.pop()  # "the underlying funds which range from 1 per cent": the antecedent
        while len(before) > 1 and (before[-1].lower() == "to" or (
                _is_verb(before[-1]) and before[-2].lower() not in _DETERMINERS and before[-2].lower() != "of"
                and before[-2].lower() not in _NOUN_MODIFIER  # ("Her net worth is", "the number of unemployed")
                and before[-1].lower() not in _NOUN_VERB)):  # ("scimed shares tumbled": a noun)
            before.pop()  # (not the last word, nor after "its": "Shares rose 3%", "Its shares closed at";
            # "The firm expects to spend": firm)
        while len(before) > 1 and before[-1].lower() in _HEDGE_TAIL:
            before.pop()  # "The company's valuation more than tripled": the hedge of the verb
        lows = [w.lower() for w in before]
        for k in range(len(before) - 1, 0, -1):
            if lows[k] in _CONJ and _has_figure(before, 0, k):
                before, lows = before[k + 1:], lows[k + 1:]  # "Sales rose 5% and profits were 3%": after it
                break
        for k in range(len(before) - 1, 0, -1):
            if lows[k] == "that" and k + 1 < len(before) and (lows[k - 1] in _VERB or lows[k - 1] in _REPORTING):
                before, lows = before[k + 1:], lows[k + 1:]  # "the talk was that the firm sold": the firm
                break
        for k in range(1, len(before) - 1):
            if (lows[k] in _RELATIVE or lows[k] == "that") and lows[k - 1] not in _VERB and _is_verb(lows[k + 1]):
                before, lows = before[:k], lows[:k]  # "the trip to my hotel that had taken 20 minutes ... took"
                break
        for k in range(len(before) - 2, -1, -1):
            lw = lows[k]
            if (lw in _REPORTING or (lw in _VERB and lw not in _NOUN_VERB and not _has_figure(before, k + 1, len(before))
                                     )) and lows[k + 1] != "to" and not (
                    k > 0 and lows[k - 1] in _DETERMINERS):  # (not "the highest forecast is")
                before = before[k + 1:]  # "said profit rose 12%", "pays the fees which range": after that verb
                break
        while before and before[0].lower() in _NOUN_STOP_OR_LEAD and not (
                len(before) == 2 and before[0].lower() in _DETERMINERS):  # (_clean reads "The measures")
            before = before[1:]
        if len(before) > 2 and before[0].lower() in _TIME_LEAD and before[1].lower() in _TIME_NOUNS:
            before = before[2:]  # "Over the past decade China has invested": China
            while before and before[0].lower() in _NOUN_STOP_OR_LEAD:
                before = before[1:]
        # drop a leading time phrase ("last year") at the end
        while before and before[-1].lower() in ("year", "last", "this", "month", "week", "quarter"):
            before.pop()
        if before:
            return _clean(before[-8:])
        if fallback:
            return fallback
        if len(breaks) >= 1:
            return _previous_clause(left, breaks)
        return None
    if clause_start > 0 and any(w.lower() in _SUBJECT_STOP for w in words) and all(
            w.lower() in _SUBJECT_STOP or w.lower() in _NOUN_STOP for w in words):
        return fallback or _previous_clause(left, breaks)  # "The deal, worth up to €2.5bn,": deal
    ws = words
    while len(ws) > 1 and (ws[-1].lower() in _UP_DOWN or (ws[-1].lower() == "by" and ws[-2].lower() in _UP_DOWN)):
        ws = ws[:-1]  # "Q2 net profit up 18%", "Exports higher by 3%": a headline's change words, no verb
    return _clean(_np_words(" ".join(ws[-6:]), limit=6))


def _previous_clause(left: str, breaks: list[int]) -> str | None:
    """"..., totaling $12.07 billion": the clause before the comma names what is measured."""
    prev = left[breaks[-2]:breaks[-1] - 1] if len(breaks) >= 2 else left[:breaks[-1] - 1]
    ws = _WORDS.findall(prev, None, None, False, False)
    if ws and ws[0].lower() in _RELATIVE and len(breaks) >= 2:
        # "The bridge, which spans 1.2 km, cost 3.5 billion euros": the relative clause's antecedent
        prev = left[breaks[-3]:breaks[-2] - 1] if len(breaks) >= 3 else left[:breaks[-2] - 1]
        ws = _WORDS.findall(prev, None, None, False, False)
    ws = [w for w in ws if w.lower() not in _VERB and w.lower() not in _LEAD
          and w.lower() not in ("currently", "now", "still", "also")]
    ws = [w for w in ws if not any(ch.isdigit() for ch in w) and w.lower() not in _SCALE_WORDS]
    return _clean(ws[:6])
