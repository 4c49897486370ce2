"""Qualifiers ("about", "more than", "up to") and stated changes ("rose 4%", "a 42% increase").

>>> qualifier_before("growth of about ", 16)
('approximately', 10)
>>> change_before("shares were up ", 15)
'increase'
>>> change_after(" increase in", 0)
'increase'
"""

from __future__ import annotations

from typing import Final

from kzfacts import rx
from kzfacts.tables import (
    CHANGES_AFTER,
    CHANGES_BEFORE,
    HEDGE_AFTER_RE,
    HEDGE_AFTER_STARTS,
    HEDGE_BEFORE_ENDINGS,
    HEDGE_BEFORE_RE,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    word_set,
)

# word lists (data/words.tsv), bound once: looked up per candidate
_PHRASAL_UP: Final = word_set("phrasal_up")
_CHANGE_MODIFIERS: Final = word_set("change_modifier")
_CHANGE_EPITHETS: Final = word_set("change_epithet")
_PREPOSITION_OBJECT: Final = word_set("preposition_object")

_PREV_WORDS: Final = rx.compile(r"(?r)(?:([A-Za-z]+)[ \t]+)?([A-Za-z]+)(?:[ \t]+by)?[ \t]+\G")
_SPACES: Final = rx.compile(r"\s+")
_CHANGE_WORDS: Final = frozenset(w.lower() for w in CHANGES_BEFORE) | _CHANGE_MODIFIERS | _CHANGE_EPITHETS
_EPITHET_BEFORE: Final = rx.compile(r"(?r)(?<![\w])(?i:a|an)[ \t]+([A-Za-z]+)[ \t]+\G")
_NEXT_WORD: Final = rx.compile(r"[ \t]+([A-Za-z][A-Za-z/-]*[A-Za-z]|[A-Za-z])")


def qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    """The hedge ending where the quantity starts: (qualifier, hedge start)."""
    p = start
    while p > 0 and text[p - 1] in " \t":
        p -= 1
    if not (_hedge_may_end(text, p) or (p != start and _hedge_may_end(text, start))):
        return None  # no hedge ends here ("the", "and", "in"...): skip the reverse search
    m = HEDGE_BEFORE_RE.search(text, max(0, start - 24), start, False)
    if m is None:
        return None
    phrase = _SPACES.sub(" ", m.group(0).strip().lower())
    q = HEDGES_BEFORE.get(phrase)
    return (q, m.start()) if q else None


# The last character of every hedge, case-folded: HEDGE_BEFORE_ENDINGS.could_end needs one of them last.
_HEDGE_LAST: Final = frozenset(ph.casefold()[-1:] for ph in HEDGES_BEFORE)


def _hedge_may_end(text: str, p: int) -> bool:
    """``HEDGE_BEFORE_ENDINGS.could_end(text, p)``, with an ASCII last character tested first (its
    case fold is its lower case): most words before a number end in no hedge's last letter."""
    c = text[p - 1:p]
    if c.isascii() and c.lower() not in _HEDGE_LAST:
        return False
    return HEDGE_BEFORE_ENDINGS.could_end(text, p)


_FIGURE_NEXT: Final = rx.compile(r"[ \t]+(?:an?[ \t]+)?(?:[\d$€£¥₹]|[A-Z]{3}[ \t]?\d|further|another|up[ \t]+to)")


def qualifier_after(text: str, end: int) -> tuple[str, int] | None:
    """A hedge right after the quantity ("or more", "+"): (qualifier, its end)."""
    m = HEDGE_AFTER_RE.match(text, end, None, False) if HEDGE_AFTER_STARTS.could_start(text, end) else None
    if m is None:
        return None
    phrase = _SPACES.sub(" ", m.group(0).strip().lower())
    q = HEDGES_AFTER.get(phrase)
    if q and phrase[-1].isalpha():
        w = _NEXT_WORD.match(text, m.end(), None, False)
        if w is not None and w.group(1).lower() in _PREPOSITION_OBJECT:
            return None  # "20 points and over the season": "over" starts a phrase, no bound
        if phrase == "plus" and _FIGURE_NEXT.match(text, m.end(), None, False):
            return None  # "£100m plus £15m in add-ons": a sum, not "more than £100m"
    return (q, m.end()) if q else None


def epithet_before(text: str, start: int) -> int:
    """Where "a"/"an" + a change epithet or modifier ends at ``start`` ("rose a further 2%") starts, else ``start``."""
    m = _EPITHET_BEFORE.search(text, max(0, start - 24), start, False)
    if m is not None and (m.group(1).lower() in _CHANGE_MODIFIERS or m.group(1).lower() in _CHANGE_EPITHETS):
        return m.start()
    return start


def change_before(text: str, start: int) -> str | None:
    """A change verb just before the quantity ("rose 4%", "up 19 cents", "fell by 2%", "rose an
    annual 5.6%", "fell a further 2%")."""
    if not _change_word_may_end(text, start):
        return None  # most numbers: no change word (nor "a"/"an" + modifier) right before them
    return _change_before_search(text, start)


_ASCII_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _letters_before(text: str, lo: int, i: int) -> int:
    """Where the run of ASCII letters ending at ``i`` starts (not before ``lo``; ``i`` if none)."""
    while i > lo and text[i - 1] in _ASCII_LETTERS:
        i -= 1
    return i


def _change_word_may_end(text: str, start: int) -> bool:
    """Could ``_change_before_search`` find anything? Its word (group 2 of _PREV_WORDS) is the run of
    letters before the blanks at ``start``, or the run before "by" when that run is "by"; unless one
    of them is a change word, modifier or epithet, it gives None. Read without the regex engine:
    a reverse search cost ~8,000 instructions (tests/test_fast_paths.py compares the two)."""
    lo = max(0, start - 32)  # the search window
    i = start
    while i > lo and text[i - 1] in " \t":
        i -= 1
    if i == start:
        return False  # [ \t]+ must end at start
    j = _letters_before(text, lo, i)
    word = text[j:i]
    if word.lower() in _CHANGE_WORDS:
        return True
    if word != "by":
        return False
    k = j
    while k > lo and text[k - 1] in " \t":
        k -= 1
    return k < j and text[_letters_before(text, lo, k):k].lower() in _CHANGE_WORDS


def _change_before_search(text: str, start: int) -> str | None:
    """``change_before`` by the reverse search (asked where ``_change_word_may_end`` allows)."""
    m = _PREV_WORDS.search(text, max(0, start - 32), start, False)
    if m is None:
        return None
    word = m.group(2).lower()
    if m.group(1) and m.group(1).lower() in ("a", "an") and (word in _CHANGE_MODIFIERS or word in _CHANGE_EPITHETS):
        v = _PREV_WORDS.search(text, max(0, m.start() - 24), m.start(), False)
        return CHANGES_BEFORE.get(v.group(2).lower()) if v is not None else None
    if word in ("up", "down") and m.group(1) and m.group(1).lower() in _PHRASAL_UP:
        return None  # "gave up 517 yards", "set up 3 funds": a phrasal verb, not a change
    return CHANGES_BEFORE.get(word)


def change_after(text: str, end: int) -> str | None:
    """A change noun right after the quantity ("a 42% increase", "a 32 per cent year-on-year
    increase", "a 5% annual rise": up to two words that say over what period or how come between)."""
    pos = end
    for _ in range(3):
        m = _NEXT_WORD.match(text, pos, None, False)
        if m is None:
            return None
        word = m.group(1).lower()
        change = CHANGES_AFTER.get(word)
        if change is not None or word not in _CHANGE_MODIFIERS:
            return change
        pos = m.end()
    return None
