"""The precomputed factor table agrees with live pint, and normalization is right."""

from __future__ import annotations

import math
from importlib.resources import files

import pytest

from kzfacts import normalize


def test_factor_table_is_what_pint_computes_now() -> None:
    """data/unit_factors.tsv must be regenerated whenever units.tsv or pint changes."""
    stored = files("kzfacts").joinpath("data", "unit_factors.tsv").read_text(encoding="utf-8")
    assert stored == normalize.generate_table(), (
        "unit_factors.tsv is stale: regenerate it with the command in its header")


@pytest.mark.parametrize(("value", "unit", "expected", "base"), [
    (1108, "mile", 1783153.152, "meter"),
    (294, "hectare", 2_940_000, "meter ** 2"),
    (30e6, "metric_ton / year", 30e9 / 31_557_600, "kilogram / second"),
    (87, "mile / hour", 87 * 0.44704, "meter / second"),
    (100, "degree_Celsius", 373.15, "kelvin"),
    (-40, "degree_Fahrenheit", 233.15, "kelvin"),
    (1, "barrel", 0.158987294928, "meter ** 3"),  # a news barrel is an oil barrel
])
def test_to_base(value: float, unit: str, expected: float, base: str) -> None:
    got, got_base = normalize.to_base(value, unit)
    assert got_base == base
    assert math.isclose(got, expected, rel_tol=1e-9)


def test_unknown_unit_falls_back_to_pint() -> None:
    info = normalize.unit_info("furlong / fortnight")
    assert info.kind == "speed" and info.base_unit == "meter / second"


def test_table_and_pint_agree_on_temperature_offsets() -> None:
    table = normalize.unit_info("degree_Fahrenheit")
    live = normalize._pint_unit_info("degree_Fahrenheit")
    assert table == live


def test_a_unit_pint_cannot_read_is_asked_of_pint_once(monkeypatch) -> None:
    """"12 kg per person": pint rejects "kilogram / person"; the rejection is remembered."""
    calls: list[str] = []
    real = normalize._pint_unit_info

    def counting(unit: str):  # type: ignore[no-untyped-def]
        calls.append(unit)
        return real(unit)

    monkeypatch.setattr(normalize, "_pint_unit_info", counting)
    monkeypatch.setattr(normalize, "_UNKNOWN", set())
    for _ in range(3):
        with pytest.raises(normalize.UnknownUnit):
            normalize.unit_info("kilogram / zorblax")
    assert calls == ["kilogram / zorblax"]
    assert normalize.unit_info("kilogram").base_unit == "kilogram"  # known units are unaffected


def test_rates_composed_from_the_table_are_what_pint_says() -> None:
    """"meters per millisecond" is worked out from the table, without building pint's registry;
    every pair of the table's plain units that the composition accepts must agree with pint."""
    names = sorted(u for u, info in normalize._table().items() if "/" not in u and info.offset is None)
    composed = 0
    for a in names:
        for b in names:
            unit = f"({a}) / ({b})"
            mine = normalize._compose(unit)
            if mine is None:
                continue
            live = normalize._pint_unit_info(unit)
            assert (mine.unit, mine.base_unit, mine.kind, mine.dims) == (
                live.unit, live.base_unit, live.kind, live.dims), unit
            assert math.isclose(mine.factor, live.factor, rel_tol=1e-12), unit
            composed += 1
    assert composed > 1000


def test_a_composed_rate_needs_no_pint(monkeypatch) -> None:
    monkeypatch.setattr(normalize, "_pint_unit_info", lambda unit: pytest.fail(f"pint asked for {unit}"))
    info = normalize.unit_info("(kilometer) / (millisecond)")
    assert (info.unit, info.base_unit, info.kind) == ("kilometer / millisecond", "meter / second", "speed")
    assert math.isclose(normalize.to_base(2.0, "kilometer / millisecond")[0], 2e6)
