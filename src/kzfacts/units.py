"""What a number measures: currency before it; percent, currency, unit, rate or counted noun after it.

Scale words were tried first (``numbers``), so "$1.2bn" is 1.2 billion dollars and never
"dollar bit newton" (quantulum3 pitfall 6). Symbols match case-sensitively (MW is not mW);
spelled-out names in any case.

>>> a = after("1,108-mile-long border", 5, currency=None, value=1108)
>>> a.unit, str(a.kind), a.text_end, a.adjectival
('mile', 'length', 15, True)
>>> after("30 million tons of freight a year.", 10, currency=None, value=3e7).unit
'metric_ton / year'
>>> after("21 BRI projects underway", 2, currency=None, value=21).noun
'BRI projects'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import regex

from kzfacts import rx
from kzfacts.model import KIND_MEMBERS
from kzfacts.normalize import UnknownUnit, per, unit_info
from kzfacts.tables import (
    CURRENCY_NAME_RE,
    CURRENCY_NAME_STARTS,
    CURRENCY_NAMES,
    CURRENCY_PREFIX_ENDINGS,
    CURRENCY_PREFIX_RE,
    CURRENCY_PREFIXES,
    CURRENCY_PREFIXES_FOLDED,
    CURRENCY_SYMBOL_AFTER_RE,
    CURRENCY_SYMBOL_AFTER_STARTS,
    NUMBER_WORDS,
    UNIT_NAME_RE,
    UNIT_NAME_STARTS,
    UNIT_NAMES,
    UNIT_SYMBOL_RE,
    UNIT_SYMBOL_STARTS,
    UNIT_SYMBOLS,
    Starts,
    fold,
    word_set,
)

Kind: Final = KIND_MEMBERS  # the same members, ~10x cheaper to reach (model.members); Final: a C static

# word lists (data/words.tsv), bound once: looked up per candidate
_DENOMINATOR: Final = word_set("denominator")
_IRREGULAR_PLURAL: Final = word_set("irregular_plural")
_MONTH: Final = word_set("month")
_NOT_NOUN: Final = word_set("not_noun")
_NOUN_STOP: Final = word_set("noun_stop")
_VERB: Final = word_set("verb")
_RELATIVE_TIME: Final = word_set("relative_time")
_NOT_HYPHEN_NOUN: Final = word_set("not_hyphen_noun")
_NOT_PER_NOUN: Final = word_set("not_per_noun")
DEMONYM = _DEMONYM = word_set("demonym")


@dataclass(slots=True, init=False)  # __init__ written out: see numbers.Num
class Attachment:
    """What follows a number: the unit or noun, and where the quantity's text ends."""

    text_end: int
    unit: str | None = None
    kind: str = Kind.NUMBER
    noun: str | None = None
    adjectival: bool = False  # "1,108-mile-long border": a noun phrase follows
    scale: float = 1.0  # a scale written into the unit itself ("30 MUSD")

    def __init__(self, text_end: int, unit: str | None = None, kind: str = Kind.NUMBER, *, noun: str | None = None,
                 adjectival: bool = False, scale: float = 1.0) -> None:
        self.text_end, self.unit, self.kind, self.noun, self.adjectival, self.scale = (
            text_end, unit, kind, noun, adjectival, scale)


_SEP_SPACES: Final = (" ", "\t", "\u00a0", "\u202f")


def _sep_end(text: str, pos: int) -> int:
    """Where ``[ \\t\\u00a0\\u202f]?(?:-[ \\t]?)?`` matched at ``pos`` ends (it always matches): the
    space or hyphen between a number and its unit. Read in Python: a regex call per candidate cost
    ~2,500 instructions for what takes three character tests (tests/test_fast_paths.py compares)."""
    i = pos + 1 if text[pos:pos + 1] in _SEP_SPACES else pos
    if text[i:i + 1] == "-":
        i += 1
        if text[i:i + 1] in (" ", "\t"):
            i += 1
    return i
_PERCENT: Final = rx.compile(
    r"""[ \t\u00a0]?(?:
        (?P<bp>basis[ \t-]points?|bps\b|bp\b)
      | (?P<pct>%|％|(?i:per[ \t]?cent|percent|pct)(?!\w)|pc(?![\w]))(?P<pts>[ \t]+(?i:percentage[ \t]+)?points?(?!\w))?
      | (?P<pp>(?i:percentage|percent)[ \t]+points?(?!\w)|pp(?![\w]))
    )""",
    regex.VERBOSE,
)
_BP, _PP, _PTS = (_PERCENT.groupindex[g] for g in ("bp", "pp", "pts"))  # by number: see numbers._SF
_PERCENT_STARTS: Final = Starts(("basis", "bp", "%", "％", "per cent", "pct", "pc", "pp"), fold=True, lead=" \t\u00a0")
_PER: Final = rx.compile(r"[ \t]*(?:/[ \t]*|(?i:per|an?|every|each)[ \t]+|-[ \t]*an?[ \t]*-[ \t]*)")
_PER_STARTS: Final = Starts(("/", "per", "a ", "a\t", "an", "every", "each", "-"), fold=True, lead=" \t")
_OF_MATERIAL: Final = rx.compile(r"[ \t]+of[ \t]+[a-z][a-z-]*(?:[ \t]+[a-z][a-z-]*)?(?=[ \t]+(?:a|an|per|every|each)[ \t])")
_ADJ_SUFFIX: Final = rx.compile(r"-(?:long|wide|high|tall|deep|thick|olds?|strong|plus|large|square)(?!\w)", regex.I)
_AGE: Final = rx.compile(r"(?:[ \t]*-[ \t]*|[ \t]+)old(?!\w)", regex.IGNORECASE)
_FOLD: Final = rx.compile(r"-?(?i:fold)(?!\w)")
_FOLD_STARTS: Final = Starts(("-", "fold"), fold=True)
_TIMES_SIGN: Final = rx.compile(r"[x×](?![\w/-]|[.,]\w|[ \t]*[\d×x*])")  # glued; not "4x4", "2 x 3 m", "1920x1080"
_TIMES_COMPARED: Final = rx.compile(
    r"[ \t]+times(?=[ \t]+(?:more|less|higher|lower|larger|smaller|bigger|greater|faster|slower|cheaper|as|that|over"
    r"|the|its|their|his|her|our|this|that|what|earnings|sales|revenues?|profits?|ebitda|book|annual|forward"
    r"|trailing|expected|estimated)(?!\w))",
    regex.IGNORECASE,
)
_TIMES: Final = rx.compile(r"[ \t]+times(?![\w-])", regex.IGNORECASE)
_WORD: Final = rx.compile(r"[ \t\u00a0]+([\p{L}][\p{L}\d'’&.-]*)|-([\p{L}][\p{L}\d'’&-]*)")
_DENOM_WORD: Final = rx.compile(r"[\p{L}]+")
_TIME_LETTERS: Final = {"s": "second", "h": "hour"}  # symbols only after "/": alone, "s" and "h" are too often other things
_PHRASE_END: Final = frozenset(",.;:()!?")
_MODEL_NUMBER: Final = rx.compile(r"[ \t]+(\d{1,4}[A-Za-z]?s?)(?![\w.,/%-])")
_LOWER_WORD_NEXT: Final = rx.compile(r"[ \t]+[a-z]")
_LOWER_PLURAL_NEXT: Final = rx.compile(r"[ \t]+[a-z][a-z-]*[a-rt-z]s(?![\w-])")
_ONE_OF: Final = rx.compile(r"[ \t]+of[ \t]+the[ \t]+(?:(?i:most)[ \t]+)?")
_TIME_DENOMINATOR: Final = frozenset({"second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century"})
_NOT_RATE_AFTER: Final = rx.compile(r"[ \t]+(?i:earlier|ago|before|later|after|prior|previously|back)(?!\w)")
_SINGLE_LETTER_OK_AFTER: Final = rx.compile(r"(?:[^\w]|\Z)")
_NO_MEASURE_NEXT: Final = frozenset(",;:.)!?\n\r\"”") - {w[:1] for w in (*UNIT_SYMBOLS, *CURRENCY_PREFIXES)}
_ASCII_LOWER: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_PLURAL_ENDINGS: Final = ("ies", "ches", "shes", "xes", "sses", "men")  # after at least one letter


def line_end(text: str, pos: int) -> int:
    """Where the line holding ``pos`` ends: the ``endpos`` for a match that cannot cross a line.

    The regex module looks for a pattern's required literal ("old" in ``_AGE``) before matching,
    up to ``endpos``; left at the end of a 64K chunk, one failed match cost up to 300 µs.
    """
    i = text.find("\n", pos)
    return len(text) if i < 0 else i


def _title_abbreviation(s: str) -> bool:
    """"Rs": a capital then lower-case ASCII letters, as rupee abbreviations are written."""
    return len(s) > 1 and s.isascii() and s[0].isupper() and s[1:].islower()


def currency_before(text: str, start: int) -> tuple[int, str] | None:
    """A currency sign or code that ends where the number starts: (its start, ISO code)."""
    end = start - 1 if text[start - 1:start] in (" ", "\t") else start  # the prefix, then [ \t]?
    if not (CURRENCY_PREFIX_ENDINGS.could_end(text, end) or (end != start and CURRENCY_PREFIX_ENDINGS.could_end(
            text, start))):
        return None  # no prefix ends here: skip the reverse search (most numbers)
    lo = max(0, start - 8)
    m = CURRENCY_PREFIX_RE.search(text, lo, start, False)
    if m is None:
        return None
    surface = m.group(0).rstrip(" \t")
    if surface.isalpha() and len(surface) < 3 and m.group(0) != surface and not _title_abbreviation(surface):
        return None  # "US 5", "PS 3": all-caps two-letter prefixes only glued ("US$", "PS8.1bn"); "Rs 500" is money
    code = CURRENCY_PREFIXES.get(surface) or CURRENCY_PREFIXES_FOLDED.get(surface.lower())
    return (m.start(), code) if code else None


def _unit_at(text: str, pos: int) -> tuple[int, str, str] | None:
    """Longest unit surface at ``pos``: (end, unit, surface)."""
    best = None
    m = UNIT_SYMBOL_RE.match(text, pos, None, False) if UNIT_SYMBOL_STARTS.could_start(text, pos) else None
    if m is not None:
        best = (m.end(), UNIT_SYMBOLS[m.group(0)], m.group(0))
    m = UNIT_NAME_RE.match(text, pos, None, False) if UNIT_NAME_STARTS.could_start(text, pos) else None
    if m is not None and (best is None or m.end() > best[0]):
        best = (m.end(), UNIT_NAMES[fold(m.group(0))], m.group(0))
    return best


# "10 million tonnes annually", "$20 hourly": a rate by an adverb of time ("per annum" stays out, as in
# not_per_noun: "5% per annum" is an annual rate, written as a percent)
_ADVERB_UNITS: Final = {"annually": "year", "yearly": "year", "daily": "day", "monthly": "month", "weekly": "week",
                        "hourly": "hour"}
_ADVERB_RATE: Final = rx.compile(r"[ \t](annually|yearly|daily|monthly|weekly|hourly)(?![\w-])", regex.IGNORECASE)
_ADVERB_FIRST: Final = frozenset("aAyYdDmMwWhH")


def _denominator(text: str, pos: int) -> tuple[int, str] | None:
    """The right side of a rate after "per", "a", "/": a unit or a countable noun."""
    p = _PER.match(text, pos, None, False) if _PER_STARTS.could_start(text, pos) else None
    if p is None:
        if text[pos:pos + 1] == " " and text[pos + 1:pos + 2] in _ADVERB_FIRST:
            a = _ADVERB_RATE.match(text, pos, None, False)  # "10 million tonnes annually", "$5m a year"
            if a is not None:
                return a.end(), _ADVERB_UNITS[a.group(1).lower()]
        return None
    u = _unit_at(text, p.end())
    found = (u[0], u[1]) if u is not None else None
    if found is None and "/" in p.group(0) and text[p.end():p.end() + 1] in _TIME_LETTERS \
            and not text[p.end() + 1:p.end() + 2].isalnum():
        found = (p.end() + 1, _TIME_LETTERS[text[p.end()]])  # "km/s", "ft/s", "L/h": a time letter glued after "/"
    if found is None:
        w = _DENOM_WORD.match(text, p.end(), None, False)
        if w is not None and (w.group(0).lower() in _DENOMINATOR or (
                p.group(0).strip(" \t").lower() == "per" and w.group(0).islower() and len(w.group(0)) > 2
                and w.group(0) not in _NOT_PER_NOUN and not text[w.end():w.end() + 1].isalnum())):
            found = (w.end(), w.group(0).lower())  # "$4,000 per victim": after "per", any common noun
    if found is not None and found[1] in _TIME_DENOMINATOR and _NOT_RATE_AFTER.match(text, found[0], None, False):
        return None  # "$1.17 billion a year earlier" is a level a year ago, not a rate ("$85 a barrel after" is one)
    return found


def is_acronym_plural(word: str) -> bool:
    """"MPs", "SUVs", "NGOs": an acronym with a plural "s" (never a unit: "MWs" is not written)."""
    return len(word) >= 3 and word[-1] == "s" and word[:-1].isalpha() and word[:-1].isupper()


def _is_plural(word: str) -> bool:
    """An irregular plural, "-ies/-ches/-shes/-xes/-sses/-men", or "-s" after two letters and
    not after s, u or an apostrophe ("projects", not "bus", "status", "its'").

    Plain string tests: a regex search here cost 6 µs a word.
    """
    lw = word.lower()
    if lw in _IRREGULAR_PLURAL:
        return True
    n = len(lw)
    if n >= 4 and lw[-1] == "s" and lw[-2] not in "su'" and lw[-3] in _ASCII_LOWER and lw[-4] in _ASCII_LOWER:
        return True
    for ending in _PLURAL_ENDINGS:
        if lw.endswith(ending) and n > len(ending) and lw[-len(ending) - 1] in _ASCII_LOWER:
            return True
    return False


_FIGURE_AFTER_VERB: Final = rx.compile(r"[ \t]+(?:(?:about|around|nearly|almost|some|just|over|under|more|less)[ \t]+)?[$€£¥₹\d]")


def counted_noun(text: str, pos: int, value: float) -> tuple[int, str] | None:
    """The noun phrase a count counts: "21 BRI projects underway" -> "BRI projects".

    Up to four words; it ends at the first plural noun (or, for one thing, the first
    lowercase noun), and never runs past a stop word or punctuation. Two to four lower-case
    singular words that a stop word or punctuation ends name the thing too, as a compound
    ("an 11 member trade agreement,", "a 14 gauge syringe tip (").
    """
    words: list[str] = []
    end = pos
    cur = pos
    one_of = False
    closed = False  # a stop word or punctuation ended the phrase
    if value == 1:
        m = _ONE_OF.match(text, pos, None, False)  # "one of the most spectacular catches"
        if m is not None:
            cur = m.end() - 1
            one_of = True
    for _ in range(4):
        m = _WORD.match(text, cur, None, False)
        if m is None and words and words[-1][:1].isupper():
            mn = _MODEL_NUMBER.match(text, cur, None, False)  # "63,150 Model 3s", "63000 Model 3 sedans"
            if mn is not None:
                words.append(mn.group(1))
                end = cur = mn.end()
                if mn.group(1)[-1] == "s":
                    return end, " ".join(words)
                continue
        if m is None:
            closed = text[cur:cur + 2].lstrip(" \t")[:1] in _PHRASE_END  # "a 14 gauge syringe tip (1.5mm"
            break
        word = m.group(1) or m.group(2)
        lw = word.lower().rstrip(".")
        if not words and lw in ("more", "fewer", "additional", "extra"):
            cur = m.end()  # "five more losses": the noun follows the comparative
            continue
        if lw in _NOUN_STOP or lw in _NOT_NOUN or lw in _MONTH:
            closed = lw in _NOUN_STOP
            break
        if word.endswith(("’s", "'s")):
            break
        if words and lw in _VERB and _FIGURE_AFTER_VERB.match(text, m.end(), None, False):
            closed = True  # "The 3 Series costs $45,000": a verb before a figure, not the noun
            break
        clean = word.rstrip(".")
        words.append(clean)
        end = m.start(1 if m.group(1) else 2) + len(clean)
        cur = end
        if len(words) == 1 and clean[:1].isupper() and (lw in _DEMONYM or is_acronym_plural(clean)) and (
                lw not in _DEMONYM or not _LOWER_PLURAL_NEXT.match(text, end, None, False)):
            return end, clean  # "three Americans", "500 Britons", "120 MPs", "5 SUVs": counted people or things
            # (but "8,000 Chinese students" counts students)
        if (not m.group(1) and len(words) == 1 and clean.isalpha() and clean.islower() and lw not in _NOT_HYPHEN_NOUN
                and _LOWER_WORD_NEXT.match(text, end, None, False)):
            return end, clean  # "a 5,000-seat arena", "a 12-member panel": the noun joined by a hyphen
        if clean[:1].islower() and (_is_plural(clean) or (value == 1 and not one_of)):
            return end, " ".join(words)
        if len(clean) > 2 and clean[-1] == "s" and clean[-2].isdigit() and clean[:1].isupper():
            return end, " ".join(words)  # "5 Airbus A350s", "20 F-16s": a plural model name
        if len(words) > 1 and words[0][:1].islower() and _is_plural(clean):  # "250 ethnic Kazakhs"
            return end, " ".join(words)
        if text[end:end + 1] in _PHRASE_END:
            closed = True
            break
    if (closed and value != 1 and 2 <= len(words) <= 4 and not one_of and words[0] not in _RELATIVE_TIME
            and text[pos:pos + 1] != "-"  # "a 1,000-strong petition": the hyphen rule above decides those
            and words[-1] not in UNIT_NAMES
            and all(w.isalpha() and w.islower() and w not in _VERB and not w.endswith("ly") and w not in CURRENCY_NAMES
                    and w not in NUMBER_WORDS for w in words)):
        return end, " ".join(words)
    return None


# "6 ft 2 in", "6ft 2in", "6 foot 2", "5′ 11″": after a measure in feet, a bare whole number
# under 12 counts inches. The surfaces of both units come from the unit table; only here also
# count "in", "in." and '"' for inches ("in" is a preposition anywhere else) and "'" for feet
# after one or two digits (not after a year: "1990' 5").
def _surfaces(unit: str) -> list[str]:
    found = {s for s, u in UNIT_SYMBOLS.items() if u == unit} | {n for n, u in UNIT_NAMES.items() if u == unit}
    return sorted(found, key=lambda s: (-len(s), s))  # longest first; a fixed order keeps the pattern text (its cache key) stable


_FEET: Final = _surfaces("foot")
_FEET_BEFORE: Final = rx.compile(
    r"(?r)(?:\d[ \t]?(?:" + "|".join(regex.escape(f) + r"\.?" for f in _FEET) + r")|\d-(?:foot|feet)-?|(?<!\d)\d{1,2}')[ \t]?\G")
_FEET_LAST: Final = frozenset(f[-1] for f in _FEET) | {".", "'", " ", "\t", "-"}  # what the text before the inches ends with
_INCH_AFTER: Final = rx.compile(
    r"(?:[ \t]|-(?=inch))?(?:" + "|".join(regex.escape(i) for i in _surfaces("inch") + ["in.", "in", '"']) + r")(?!\w)")


def inches_after_feet(text: str, start: int, end: int, value: float) -> int | None:
    """Where "2 in" ends in "6 ft 2 in" (the number spans [start, end)), or None if no feet come
    just before a whole number under 12."""
    if not (0 <= value < 12 and value == int(value)) or start < 2 or text[start - 1] not in _FEET_LAST:
        return None  # most numbers: no feet can end just before them
    if _FEET_BEFORE.search(text, max(0, start - 8), start, False) is None:
        return None
    m = _INCH_AFTER.match(text, end, None, False)
    return m.end() if m is not None else end


def measure_follows(text: str, pos: int) -> bool:
    """Is the number ending at ``pos`` followed by a percent, currency or unit (not just a noun)?"""
    if text[pos:pos + 1] in _NO_MEASURE_NEXT or pos >= len(text):
        return False  # "in 2023, ...": punctuation that starts no unit, sign or separator
    a = after(text, pos, currency=None, value=2.0, nouns=False)
    return a.kind not in (Kind.NUMBER, Kind.COUNT)


def after(text: str, pos: int, *, currency: str | None, value: float, scaled: bool = False,
          nouns: bool = True) -> Attachment:
    """What follows the number ending at ``pos`` (``scaled``: a scale word was read, "361 million")."""
    # percent, percentage points, basis points
    m = _PERCENT.match(text, pos, None, False) if currency is None and _PERCENT_STARTS.could_start(text, pos) else None
    if m is not None:
        if m.group(_BP):
            return Attachment(m.end(), "basis_point", Kind.POINTS)
        if m.group(_PP) or m.group(_PTS):
            return Attachment(m.end(), "percentage_point", Kind.POINTS)
        end = m.end()
        d = _denominator(text, end)
        if d is not None and d[1] in UNIT_INFO_TIME:
            return Attachment(d[0], f"percent / {d[1]}", Kind.PERCENT)
        return Attachment(end, "percent", Kind.PERCENT)

    if currency is None:
        at = _sep_end(text, pos)
        c = CURRENCY_NAME_RE.match(text, at, None, False) if CURRENCY_NAME_STARTS.could_start(text, at) else None
        sym = (CURRENCY_SYMBOL_AFTER_RE.match(text, pos, None, False)
               if CURRENCY_SYMBOL_AFTER_STARTS.could_start(text, pos) else None)
        sc = _SCALED_CODE.match(text, pos, None, False) if c is None and _SCALED_CODE_STARTS.could_start(text, pos) else None
        if sc is not None and CURRENCY_PREFIXES.get(sc.group(_SC_CODE)) == sc.group(_SC_CODE):
            # "30 MUSD", "120 MEUR": a scale letter glued to an ISO code (financial reports)
            return Attachment(sc.end(), sc.group(_SC_CODE), Kind.MONEY, scale=_CODE_SCALES[sc.group(_SC_SCALE)])
        if c is not None:  # "9 billion shekels", "a one-yen bid", "a 12-cent dividend"
            currency = CURRENCY_NAMES[fold(c.group(0))]
            pos = c.end()
        elif sym is not None:
            currency = CURRENCY_PREFIXES[sym.group(0).strip()]
            pos = sym.end()
        elif scaled and (pounds := _POUNDS.match(text, pos, line_end(text, pos), False)) is not None:
            currency, pos = "GBP", pounds.end()  # "361 million pounds" is money
        elif text[pos:pos + 1] == "p" and not text[pos + 1:pos + 2].isalnum():
            currency, pos = "penny", pos + 1  # "118.5p": pence, glued only ("145.3p a litre": a price per litre)
        else:
            return _physical_or_count(text, pos, value, nouns=nouns)
    # money, maybe per something ("$52 a barrel", "$3500 a month")
    d = _denominator(text, pos)
    unit = currency
    if d is not None:
        unit = f"{currency} / {d[1]}"
        pos = d[0]
    return Attachment(pos, unit, Kind.MONEY)


_POUNDS: Final = rx.compile(r"[ \t]+pounds?(?!\w)", regex.IGNORECASE)

UNIT_INFO_TIME: Final = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
_CODE_AFTER_UNIT: Final = rx.compile(r"-\d")
_SCALED_CODE: Final = rx.compile(r"[ \t]?(?P<s>[MBK]|MN|BN)(?P<c>[A-Z]{3})(?![\w])")
_SC_SCALE, _SC_CODE = _SCALED_CODE.groupindex["s"], _SCALED_CODE.groupindex["c"]
_SCALED_CODE_STARTS: Final = Starts("MBK", lead=" \t")
_CODE_SCALES: Final = {"K": 1e3, "M": 1e6, "MN": 1e6, "B": 1e9, "BN": 1e9}
_SPACED_SINGLE_OK: Final = frozenset({"m", "g", "t", "l", "L", "W", "V", "A", "J", "h"})  # "C", "F" only glued ("45C")


def _physical_or_count(text: str, pos: int, value: float, nouns: bool = True) -> Attachment:
    start = _sep_end(text, pos)
    hyphen = "-" in text[pos:start]
    u = _unit_at(text, start)
    if u is not None and _CODE_AFTER_UNIT.match(text, u[0], None, False) and u[2] not in _FEET:
        u = None  # "24703 L-202": a code, not litres (but "a 6-foot-4 forward": feet, then inches)
    if u is not None:
        end, unit, surface = u
        if len(surface) == 1 and start != pos and surface not in _SPACED_SINGLE_OK:
            u = None
        elif len(surface) == 1 and start != pos and not _SINGLE_LETTER_OK_AFTER.match(text, end, None, False):
            u = None
        elif unit in ("degree",) and text[end:end + 1] == "-":
            u = None
    if u is not None:
        end, unit, surface = u
        kind = unit_info(unit).kind
        adjectival = hyphen
        a = _ADJ_SUFFIX.match(text, end, None, False) if text[end:end + 1] == "-" else None
        if a is not None:
            if a.group(0).lower().startswith("-old") and unit in UNIT_INFO_TIME:  # "45-year-old", "24-year-olds"
                kind = Kind.AGE
            end = a.end()
            adjectival = True
        elif unit in UNIT_INFO_TIME:
            age = _AGE.match(text, end, line_end(text, end), False)
            if age is not None:
                return Attachment(age.end(), unit, Kind.AGE)
        # a rate: "30 million tons of freight a year", "800,000 barrels a day"
        mat = _OF_MATERIAL.match(text, end, None, False) if kind in (Kind.MASS, Kind.VOLUME) else None
        d = _denominator(text, mat.end() if mat else end)
        if d is not None and not adjectival:
            denom = d[1]
            try:
                rate = per(unit, denom)
            except UnknownUnit:  # a countable denominator pint does not know ("kg per person")
                rate = f"{unit} / {denom}"
                return Attachment(d[0], rate, Kind.RATE)
            return Attachment(d[0], rate, unit_info(rate).kind)
        return Attachment(end, unit, kind, adjectival=adjectival)
    f = _FOLD.match(text, pos, None, False) if _FOLD_STARTS.could_start(text, pos) else None
    if f is None and text[pos:pos + 1] in ("x", "×"):
        f = _TIMES_SIGN.match(text, pos, None, False)  # "2x faster", "1.5x book value", "3× the size"
    if f is None and text[pos + 1:pos + 2] in ("t", "T"):
        f = _TIMES_COMPARED.match(text, pos, line_end(text, pos), False)  # (its literal "times" is looked for up to endpos)
        if f is None and value != int(value):
            f = _TIMES.match(text, pos, None, False)  # "1.5 times": a multiple, never a count of occasions
    if f is not None:  # "a fivefold rise", "three times larger"
        return Attachment(f.end(), None, Kind.FACTOR)
    if not nouns:
        return Attachment(pos, None, Kind.NUMBER)
    n = counted_noun(text, pos, value)
    if n is not None:
        end, noun = n
        head = noun.rsplit(" ", 1)[-1].lower()
        if head in UNIT_NAMES and " " in noun:  # "517 rushing yards": the head is a unit
            unit = UNIT_NAMES[head]
            return Attachment(end, unit, unit_info(unit).kind)
        d = _denominator(text, end)
        if d is not None and d[1] in UNIT_INFO_TIME:
            return Attachment(d[0], None, Kind.COUNT, noun=f"{noun} {text[end:d[0]].strip()}")
        return Attachment(end, None, Kind.COUNT, noun=noun, adjectival=text[pos:pos + 1] == "-")  # "5,000-seat arena"
    return Attachment(pos, None, Kind.NUMBER)
