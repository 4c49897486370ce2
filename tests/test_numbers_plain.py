"""numbers._plain_digits_end, the read of a plain number without _MASTER, gives the pattern's match.

Wherever it answers (not -1), _MASTER matches there with group d alone, over the same span;
and ``scan`` with it reads the very numbers that ``scan`` with the pattern alone reads.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kzfacts import numbers

PIECES = ["1", "12", "123", "2023", "0", "9", ",", ".", ",000", ",00", ".5", " ", "\t", "/", "/4", " 1/2", "½", " ½",
          "-", "–", "$", "%", "a", "bn", " million", " and a half", "th", "€", "\u0663", "\U00011f50", "٫", "e", "x",
          "\n", "four", "’", "1,234", "12,34,567", "0.", "..", ",,"]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@settings(max_examples=3000, deadline=None)
@given(texts)
@example("1,234,567.89 and 4.5/10, 12,34,567 or 10 1/2 and 2½ and 3 ½, 7.")
def test_plain_end_is_the_patterns_match(text: str) -> None:
    for pos in range(len(text)):
        end = numbers._plain_digits_end(text, pos)
        if end < 0:
            continue
        m = numbers._MASTER.match(text, pos)
        assert m is not None, (text, pos)
        assert m.span(numbers._D) == (pos, end), (text, pos)
        assert m.end() == end
        assert m.group(numbers._FRAC) is None and m.group(numbers._VF) is None


def _nums(text: str, plain: bool) -> list[tuple] | str:
    return [(n.start, n.end, n.value, n.form, n.text, n.high, n.raw, n.scaled, n.strict_scale, n.raw_end)
            for n in numbers.scan(text, None, plain)]


@settings(max_examples=1500, deadline=None)
@given(texts)
@example("In 2023 trade rose 4.5% to $1,234.5 million, 10 1/2 miles, 2½ cups, .5 and 1.2.3")
@example("Costs \U00011f50/4 of it")  # (both raised InvalidOperation before)
def test_scan_reads_the_same_numbers(text: str) -> None:
    assert _nums(text, True) == _nums(text, False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,/ ½\u0663x-"), max_size=20))
def test_scan_reads_the_same_numbers_on_digit_soup(text: str) -> None:
    assert _nums(text, True) == _nums(text, False)
