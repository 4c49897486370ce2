"""Normalization with pint: one lazily built registry, conversion factors cached per unit.

pint costs 12-60 µs a call, so it never runs per claim: ``unit_info(unit)`` asks it once per
distinct unit string and caches the base-unit factor, the base unit name and the kind.

>>> info = unit_info("mile")
>>> round(info.factor, 3), info.base_unit, info.kind
(1609.344, 'meter', 'length')
>>> to_base(1108, "mile")[1]
'meter'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from kzfacts.model import Kind


@functools.cache
def ureg() -> Any:
    """The one shared pint registry, with kzfacts' definitions (data/units.pint.txt)."""
    import pint  # imported lazily: it costs ~0.4 s

    reg = pint.UnitRegistry(on_redefinition="ignore")
    defs = files("kzfacts").joinpath("data", "units.pint.txt").read_text(encoding="utf-8")
    for line in defs.splitlines():
        if line.strip() and not line.startswith("#"):
            reg.define(line)
    return reg


@dataclass(frozen=True, slots=True)
class UnitInfo:
    unit: str  # pint's canonical spelling of the unit
    factor: float  # multiply a value in ``unit`` by this to get ``base_unit``
    base_unit: str
    kind: str
    offset: bool  # temperature scales: not a pure factor


# Dimensionality (as pint reports it) -> kind. Rates per time are handled in ``_kind``.
_KINDS: dict[frozenset[tuple[str, float]], str] = {
    frozenset({("[length]", 1)}): Kind.LENGTH,
    frozenset({("[length]", 2)}): Kind.AREA,
    frozenset({("[length]", 3)}): Kind.VOLUME,
    frozenset({("[mass]", 1)}): Kind.MASS,
    frozenset({("[time]", 1)}): Kind.DURATION,
    frozenset({("[length]", 1), ("[time]", -1)}): Kind.SPEED,
    frozenset({("[temperature]", 1)}): Kind.TEMPERATURE,
    frozenset({("[mass]", 1), ("[length]", 2), ("[time]", -2)}): Kind.ENERGY,
    frozenset({("[mass]", 1), ("[length]", 2), ("[time]", -3)}): Kind.POWER,
    frozenset({("[time]", -1)}): Kind.FREQUENCY,
    frozenset({("[mass]", 1), ("[length]", -1), ("[time]", -2)}): Kind.PRESSURE,
    frozenset({("[current]", 1)}): Kind.ELECTRIC,
    frozenset({("[current]", 1), ("[time]", 1)}): Kind.ELECTRIC,
    frozenset({("[mass]", 1), ("[length]", 2), ("[time]", -3), ("[current]", -1)}): Kind.ELECTRIC,
    frozenset({("[current]", 1), ("[length]", -2)}): Kind.ELECTRIC,
}


def _kind(unit: str, dims: dict[str, float]) -> str:
    return str(_kind_enum(unit, dims))


def _kind_enum(unit: str, dims: dict[str, float]) -> Kind:
    if unit in ("degree",):
        return Kind.ANGLE
    if unit == "decibel":
        return Kind.SOUND
    if unit.endswith("byte") or unit.endswith("bit / second"):
        return Kind.DATA
    kind = _KINDS.get(frozenset(dims.items()))
    if kind is not None:
        return kind
    if dims.get("[time]", 0) < 0:
        return Kind.RATE
    return Kind.QUANTITY


@functools.cache
def unit_info(unit: str) -> UnitInfo:
    """Facts about a pint unit expression, computed once per distinct unit."""
    reg = ureg()
    q = reg.Quantity(1, unit)
    canonical = str(q.units)
    offset = not reg._units[canonical].is_multiplicative if canonical in reg._units else False
    if offset:
        base = q.to_base_units()
        return UnitInfo(canonical, float("nan"), str(base.units), _kind(canonical, dict(q.dimensionality)), True)
    base = q.to_base_units()
    return UnitInfo(canonical, float(base.magnitude), str(base.units),
                    _kind(canonical, dict(q.dimensionality)), False)


def to_base(value: float, unit: str) -> tuple[float, str]:
    """``value`` in ``unit`` expressed in SI base units: (value, base unit name)."""
    info = unit_info(unit)
    if info.offset:  # temperature: not a factor, and rare: let pint do it
        q = ureg().Quantity(value, info.unit).to_base_units()
        return float(q.magnitude), str(q.units)
    return value * info.factor, info.base_unit


def per(unit: str, denominator: str) -> str:
    """A rate unit ``unit / denominator`` in pint's spelling ("metric_ton / year")."""
    return unit_info(f"({unit}) / ({denominator})").unit
