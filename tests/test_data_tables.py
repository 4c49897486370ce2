"""The data tables load, agree with pint, and hold no conflicting surfaces."""

from __future__ import annotations

from importlib.resources import files

import pytest
import regex

from kzfacts import tables
from kzfacts.model import Kind
from kzfacts.normalize import unit_info
from kzfacts.tables import fold

DATA = files("kzfacts").joinpath("data")
TSV = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".tsv"))


@pytest.mark.parametrize("name", TSV)
def test_table_has_provenance_header_and_regular_rows(name: str) -> None:
    lines = DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), f"{name}: first line must say what the table is and where it comes from"
    rows = [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]
    width = len(rows[0])
    for row in rows:
        assert len(row) == width, f"{name}: {row}"


@pytest.mark.parametrize("unit", sorted(set(tables.UNIT_SYMBOLS.values()) | set(tables.UNIT_NAMES.values())))
def test_every_unit_resolves_in_the_pint_registry(unit: str) -> None:
    info = unit_info(unit)
    assert info.kind in set(Kind)
    assert info.offset or info.factor > 0


def test_currency_codes_are_iso_4217_shaped() -> None:
    codes = set(tables.CURRENCY_PREFIXES.values()) | set(tables.CURRENCY_NAMES.values())
    for code in codes - tables.SUBUNITS:
        assert regex.fullmatch(r"[A-Z]{3}", code), code


def test_no_surface_means_two_things() -> None:
    """A name is a unit or a currency, not both (e.g. 'pound' is mass; money needs £ or a scale)."""
    clash = set(tables.UNIT_NAMES) & set(tables.CURRENCY_NAMES)
    assert clash == set()


def test_symbols_keep_case_names_do_not() -> None:
    assert tables.UNIT_SYMBOLS["MW"] == "megawatt"
    assert "mW" not in tables.UNIT_SYMBOLS  # never folded into megawatt
    assert all(k == k.lower() for k in tables.UNIT_NAMES)


def test_number_word_types_are_known() -> None:
    assert {nw.type for nw in tables.NUMBER_WORDS.values()} <= {"cardinal", "ordinal", "fraction", "factor", "vague"}


def test_hedge_and_change_tables_use_contract_vocabulary() -> None:
    qualifiers = {"approximately", "more_than", "less_than", "at_least", "at_most"}
    assert set(tables.HEDGES_BEFORE.values()) <= qualifiers
    assert set(tables.HEDGES_AFTER.values()) <= qualifiers
    assert set(tables.CHANGES_BEFORE.values()) | set(tables.CHANGES_AFTER.values()) == {"increase", "decrease"}


def test_the_suffix_guards_never_hide_a_table_entry() -> None:
    """qualifier_before and currency_before skip their regex unless a phrase could end there;
    every hedge and currency prefix of the tables, in any case, must still be found."""
    from kzfacts.hedges import qualifier_before
    from kzfacts.tables import CURRENCY_PREFIXES, HEDGES_BEFORE
    from kzfacts.units import currency_before

    for phrase, meaning in HEDGES_BEFORE.items():
        for form in {phrase, phrase.upper(), phrase.title()}:
            sep = "" if form.endswith("-") else " "
            text = f"x {form}{sep}5"
            assert qualifier_before(text, len(text) - 1) == (meaning, 2), form
    for prefix, code in CURRENCY_PREFIXES.items():
        text = f"x {prefix}5"
        assert currency_before(text, len(text) - 1) == (2, code), prefix


def test_fold_knows_every_letter_the_regex_engine_equates_with_ascii():
    """``tables.fold`` must turn any character IGNORECASE matches as an ASCII letter into it,
    or a matched surface ("SİX") misses its table entry. Asked of the engine itself."""
    letter = regex.compile(r"[a-z]", regex.IGNORECASE)
    found = {chr(cp) for cp in range(0x80, 0x110000) if letter.fullmatch(chr(cp))}
    assert found, "the engine equates no character with an ASCII letter: the probe is broken"
    for ch in found:
        assert len(fold(ch)) == 1 and fold(ch).isascii(), f"fold({ch!r}) = {fold(ch)!r}"
    assert fold("SİXTY") == "sixty" and fold("Mile") == "mile"


def test_data_text_falls_back_to_importlib_resources(monkeypatch, tmp_path):
    """A package not laid out on disk still finds its tables (importlib.resources reads them)."""
    import importlib.resources
    from importlib.resources import files

    from kzfacts import tables

    expected = files("kzfacts").joinpath("data", "words.tsv").read_text(encoding="utf-8")
    assert tables.data_text("words.tsv") == expected
    asked = []

    def spy(package):
        asked.append(package)
        return files(package)

    monkeypatch.setattr(importlib.resources, "files", spy)
    monkeypatch.setattr(tables, "_DATA", str(tmp_path / "missing"))
    assert tables.data_text("words.tsv") == expected
    assert asked == ["kzfacts"]  # the fallback ran
