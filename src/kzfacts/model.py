"""The data kzfacts produces: claims, documents and conflicts.

Frozen, slotted dataclasses: a claim never changes after the pipeline built it, so
results cannot depend on what was parsed before (quantulum3 pitfall 2).

``Claim.to_dict()`` *is* the output contract; field order matters for CSV columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What a claim measures. Physical kinds come from pint's dimensionality."""

    MONEY = "money"
    PERCENT = "percent"
    LENGTH = "length"
    AREA = "area"
    VOLUME = "volume"
    MASS = "mass"
    DURATION = "duration"
    AGE = "age"
    SPEED = "speed"
    RATE = "rate"
    TEMPERATURE = "temperature"
    ENERGY = "energy"
    POWER = "power"
    FREQUENCY = "frequency"
    DATA = "data"
    ELECTRIC = "electric"
    PRESSURE = "pressure"
    ANGLE = "angle"
    SOUND = "sound"
    CONCENTRATION = "concentration"  # mass or amount per volume ("50mg/dL", "150 µg/m³")
    QUANTITY = "quantity"  # another physical dimension
    COUNT = "count"  # a number of things (noun says what)
    NUMBER = "number"  # a bare number (index level, score...)
    ORDINAL = "ordinal"
    FRACTION = "fraction"
    FACTOR = "factor"  # "sixfold", "twice"
    POINTS = "points"  # index points, percentage points, basis points


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATELY = "approximately"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"


class Change(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


def members(enum: type[StrEnum]) -> Any:
    """``enum``'s members as attributes of a plain class, for the per-candidate code.

    In Python 3.11, ``Kind.NUMBER`` on the enum itself costs ~1,000 machine instructions:
    ``EnumType.__getattr__`` makes every attribute access on the class go through a Python-level
    hook (4% of extraction). The same access on this class costs ~100. The values are the
    members themselves, so comparisons and output are unchanged.

    >>> members(Kind).MONEY is Kind.MONEY
    True
    """
    return type(f"{enum.__name__}Members", (), {m.name: m for m in enum})


KIND_MEMBERS = members(Kind)
QUALIFIER_MEMBERS = members(Qualifier)


# Output column order: the contract's field order (CSV flattens ``normalized``).
CLAIM_FIELDS: tuple[str, ...] = (
    "id", "doc", "start", "end", "line", "col", "text", "sentence", "value", "value_high",
    "unit", "noun", "kind", "normalized", "qualifier", "low", "high", "change", "subject", "time",
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One quantitative claim, traceable to ``text[start:end]`` of its document."""

    doc: str
    start: int
    end: int
    line: int
    col: int
    text: str
    sentence: str
    value: float
    value_high: float | None
    unit: str | None
    noun: str | None
    kind: str
    normalized_value: float
    normalized_unit: str | None
    qualifier: str
    low: float | None
    high: float | None
    change: str | None
    subject: str | None
    time: str | None

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.start}-{self.end}"

    def to_dict(self) -> dict[str, Any]:
        """The output contract, in contract order."""
        return {
            "id": self.id,
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "col": self.col,
            "text": self.text,
            "sentence": self.sentence,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "noun": self.noun,
            "kind": self.kind,
            "normalized": {"value": self.normalized_value, "unit": self.normalized_unit},
            "qualifier": self.qualifier,
            "low": self.low,
            "high": self.high,
            "change": self.change,
            "subject": self.subject,
            "time": self.time,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        """Inverse of ``to_dict`` (for ``conflicts --claims saved.jsonl``).

        Raises ``KeyError``/``TypeError``/``ValueError`` on a record that is not a claim.
        """
        norm = d["normalized"]
        if not isinstance(norm, dict):
            raise TypeError("'normalized' must be an object")

        def opt_float(x: Any) -> float | None:
            return None if x is None else float(x)

        def opt_str(x: Any) -> str | None:
            return None if x is None else str(x)

        return cls(
            doc=str(d["doc"]),
            start=int(d["start"]),
            end=int(d["end"]),
            line=int(d["line"]),
            col=int(d["col"]),
            text=str(d["text"]),
            sentence=str(d["sentence"]),
            value=float(d["value"]),
            value_high=opt_float(d.get("value_high")),
            unit=opt_str(d.get("unit")),
            noun=opt_str(d.get("noun")),
            kind=str(d["kind"]),
            normalized_value=float(norm["value"]),
            normalized_unit=opt_str(norm.get("unit")),
            qualifier=str(d["qualifier"]),
            low=opt_float(d.get("low")),
            high=opt_float(d.get("high")),
            change=opt_str(d.get("change")),
            subject=opt_str(d.get("subject")),
            time=opt_str(d.get("time")),
        )


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input: ``doc`` is the file stem (or ``stdin``)."""

    doc: str
    path: str
    sha256: str
    chars: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "path": self.path, "sha256": self.sha256, "chars": self.chars}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A group of claims that measure the same thing (``conflicting`` when they cannot all be true)."""

    id: str
    subject: str
    kind: str
    claims: tuple[Claim, ...]
    relative_spread: float
    reason: str
    conflicting: bool = True
    unit: str | None = None
    time: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def docs(self) -> list[str]:
        return sorted({c.doc for c in self.claims})

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "kind": self.kind,
            "claims": [c.id for c in self.claims],
            "docs": self.docs,
            "values": [
                {"claim": c.id, "text": c.text, "value": c.normalized_value, "unit": c.normalized_unit,
                 "low": c.low, "high": c.high, "qualifier": c.qualifier, "time": c.time}
                for c in self.claims
            ],
            "relative_spread": self.relative_spread,
            "reason": self.reason,
            "conflicting": self.conflicting,
        }
