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
from typing import Any, Final

from kzfacts.model import Kind
from kzfacts.tables import data_text


@functools.cache
def ureg() -> Any:
    """The one shared pint registry, with kzfacts' definitions (data/units.pint.txt)."""
    import pint  # imported lazily: it costs ~0.4 s

    reg: Any = pint.UnitRegistry(on_redefinition="ignore")
    defs = data_text("units.pint.txt")
    for line in defs.splitlines():
        if line.strip() and not line.startswith("#"):
            reg.define(line)
    return reg


Dims = tuple[tuple[str, int], ...]  # pint's dimensionality, sorted: (("[length]", 1), ("[time]", -1))


@dataclass(frozen=True, slots=True)
class UnitInfo:
    unit: str  # pint's canonical spelling of the unit
    factor: float  # base value = value * factor (+ offset)
    base_unit: str
    kind: str
    offset: float | None  # temperature scales: base = value * factor + offset; None for pure factors
    dims: Dims = ()


# Dimensionality (as pint reports it) -> kind. Rates per time are handled in ``_kind``.
_KINDS: dict[frozenset[tuple[str, float]], Kind] = {
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
    frozenset({("[mass]", 1), ("[length]", -3)}): Kind.CONCENTRATION,
    frozenset({("[substance]", 1), ("[length]", -3)}): Kind.CONCENTRATION,
}


def _kind(unit: str, dims: dict[str, float]) -> str:
    return str(_kind_enum(unit, dims))


def _kind_enum(unit: str, dims: dict[str, float]) -> Kind:
    if unit in ("degree",):
        return Kind.ANGLE
    if unit == "decibel":
        return Kind.SOUND
    if unit.endswith(("byte", "bit", "bit / second")) or unit in ("bit / byte",):
        return Kind.DATA
    kind = _KINDS.get(frozenset(dims.items()))
    if kind is not None:
        return kind
    if dims.get("[time]", 0) < 0:
        return Kind.RATE
    return Kind.QUANTITY


@functools.cache
def _table() -> dict[str, UnitInfo]:
    """Factors pint computed ahead of time (data/unit_factors.tsv; ``python -m kzfacts.normalize``).

    The table spares a run pint's ~0.6 s import and registry build whenever all of its units are
    known ones; tests/test_normalize.py recomputes every row with live pint and compares.
    """
    out: dict[str, UnitInfo] = {}
    text = data_text("unit_factors.tsv")
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("unit\t"):
            continue
        unit, canonical, factor, offset, base, kind, dims = line.split("\t")
        out[unit] = UnitInfo(canonical, float(factor), base, kind, float(offset) if offset else None,
                             _parse_dims(dims))
    return out


def _parse_dims(cell: str) -> Dims:
    return tuple((d, int(p)) for d, _, p in (item.partition("=") for item in cell.split(";") if item))


def _format_dims(dims: Dims) -> str:
    return ";".join(f"{d}={p}" for d, p in dims)


@functools.cache
def _base_names() -> dict[str, str]:
    """Each dimension's base unit name ("[length]" -> "meter"), read off the table's own rows."""
    return {info.dims[0][0]: info.base_unit for info in _table().values()
            if len(info.dims) == 1 and info.dims[0][1] == 1 and info.offset is None and " " not in info.base_unit}


def _power(name: str, p: int) -> str:
    return name if p == 1 else f"{name} ** {p}"


def _base_spelling(dims: Dims) -> str | None:
    """pint's spelling of the base units of ``dims``, where it is unambiguous (else None)."""
    names = _base_names()
    up = [(d, p) for d, p in dims if p > 0]
    down = [(d, -p) for d, p in dims if p < 0]
    if len(up) > 1 or len(down) > 1 or any(d not in names for d, _ in dims):
        return None
    if not dims:
        return "dimensionless"
    num = _power(names[up[0][0]], up[0][1]) if up else "1"
    return num if not down else f"{num} / {_power(names[down[0][0]], down[0][1])}"


@functools.cache
def _compose(unit: str) -> UnitInfo | None:
    """"A / B" for two units of the table, worked out without pint (building pint's registry
    costs ~0.8 s of CPU, paid by any run that meets "meters per millisecond" or "ug per gram").

    Only where the answer's spelling is unambiguous: A and B plain unit names, the result
    dimensionless or at most one base unit above and one below the line. Anything else goes to
    pint. tests/test_normalize.py compares this with pint over pairs of the table's units.
    """
    a, sep, b = unit.partition(" / ")
    if not sep:
        return None
    a, b = a.removeprefix("(").removesuffix(")"), b.removeprefix("(").removesuffix(")")
    table = _table()
    ia, ib = table.get(a), table.get(b)
    if ia is None or ib is None or ia.offset is not None or ib.offset is not None:
        return None
    if any(ch in name for name in (ia.unit, ib.unit) for ch in " /*") or ia.unit == ib.unit:
        return None
    if _base_spelling(ia.dims) != ia.base_unit or _base_spelling(ib.dims) != ib.base_unit:
        return None  # a unit pint keeps outside the dimensions ("bit"): its base is not its dims
    dims: dict[str, int] = dict(ia.dims)
    for d, p in ib.dims:
        dims[d] = dims.get(d, 0) - p
    sorted_dims = tuple(sorted((d, p) for d, p in dims.items() if p))
    base = _base_spelling(sorted_dims)
    if base is None:
        return None
    canonical = f"{ia.unit} / {ib.unit}"
    return UnitInfo(canonical, ia.factor / ib.factor, base, _kind(canonical, dict(sorted_dims)), None, sorted_dims)


class UnknownUnit(ValueError):
    """pint cannot read this unit expression ("kilogram / person")."""


_UNKNOWN: set[str] = set()  # expressions pint rejected: functools.cache does not remember failures


def unit_info(unit: str) -> UnitInfo:
    """Facts about a pint unit expression: from the precomputed table, else from pint (cached).

    Raises ``UnknownUnit`` when pint cannot read it; that answer is cached too (asking pint
    again cost ~250 µs per claim for figures such as "12 kg per person").
    """
    info = _table().get(unit) or _compose(unit)
    if info is not None:
        return info
    if unit in _UNKNOWN:
        raise UnknownUnit(unit)
    try:
        return _pint_unit_info(unit)
    except Exception as e:  # pint's UndefinedUnitError, DimensionalityError, syntax errors
        _UNKNOWN.add(unit)
        raise UnknownUnit(unit) from e


@functools.cache
def _pint_unit_info(unit: str) -> UnitInfo:
    reg = ureg()
    q = reg.Quantity(1, unit)
    canonical = str(q.units)
    dims = dict(q.dimensionality)
    sorted_dims = tuple(sorted((d, int(p)) for d, p in dims.items()))
    multiplicative = reg._units[canonical].is_multiplicative if canonical in reg._units else True
    if not multiplicative:  # temperature: find the affine map to kelvin from two points
        zero = float(reg.Quantity(0.0, canonical).to_base_units().magnitude)
        one = float(reg.Quantity(1.0, canonical).to_base_units().magnitude)
        base = reg.Quantity(0.0, canonical).to_base_units()
        return UnitInfo(canonical, one - zero, str(base.units), _kind(canonical, dims), zero, sorted_dims)
    base = q.to_base_units()
    return UnitInfo(canonical, float(base.magnitude), str(base.units), _kind(canonical, dims), None, sorted_dims)


def to_base(value: float, unit: str) -> tuple[float, str]:
    """``value`` in ``unit`` expressed in SI base units: (value, base unit name)."""
    info = unit_info(unit)
    if info.offset is not None:  # temperature: an affine map, not a factor
        return value * info.factor + info.offset, info.base_unit
    return value * info.factor, info.base_unit


def per(unit: str, denominator: str) -> str:
    """A rate unit ``unit / denominator`` in pint's spelling ("metric_ton / year")."""
    name = f"{unit} / {denominator}"
    return name if name in _table() else unit_info(f"({unit}) / ({denominator})").unit


TIME_DENOMINATORS: Final = ("second", "minute", "hour", "day", "week", "month", "year")


def generate_table() -> str:
    """The text of data/unit_factors.tsv, computed with pint from the unit tables."""
    from kzfacts.tables import UNIT_NAMES, UNIT_SYMBOLS

    units = sorted(set(UNIT_SYMBOLS.values()) | set(UNIT_NAMES.values()))
    rows: dict[str, UnitInfo] = {}
    for u in units:
        rows[u] = _pint_unit_info(u)
        if "/" not in u and rows[u].offset is None:
            for d in TIME_DENOMINATORS:
                if d != u:
                    rows.setdefault(f"{u} / {d}", _pint_unit_info(f"({u}) / ({d})"))
    lines = ["# Conversion factors computed by pint from units.tsv and units.pint.txt (do not edit).",
             "# Regenerate: python -c 'from kzfacts.normalize import generate_table as g; print(g(), end=\"\")'"
             " > src/kzfacts/data/unit_factors.tsv",
             "unit\tcanonical\tfactor\toffset\tbase_unit\tkind\tdims"]
    for name, info in rows.items():
        off = "" if info.offset is None else repr(info.offset)
        lines.append(f"{name}\t{info.unit}\t{info.factor!r}\t{off}\t{info.base_unit}\t{info.kind}\t"
                     f"{_format_dims(info.dims)}")
    return "\n".join(lines) + "\n"

