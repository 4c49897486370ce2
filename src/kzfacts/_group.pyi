from collections.abc import Mapping
from typing import Any

def group(
    terms: list[frozenset[str]], subj: list[frozenset[str]], dirs: list[frozenset[str]], names: list[frozenset[str]],
    scope: list[tuple[tuple[str, float], ...]], dim: list[tuple[Any, ...]], tkey: list[str | None],
    size: list[int], n_claims: int, opposed: Mapping[str, frozenset[str]], row_sig: list[int], row_sent: list[int],
    max_posting: int, max_cross: int, prefix_share: float, threshold: float, name_weight: float, /,
) -> list[tuple[int, list[int]]] | None: ...

def gather(
    members: list[int], claims: list[Any], points: list[float], cls: type, /,
) -> tuple[tuple[Any, ...], bytes, list[str | None], list[str | None], int, list[float]] | None: ...

def short(x: float, /) -> str | None: ...
def human(x: float, /) -> str | None: ...
def worst_pair(
    members: list[int], lo: list[float], hi: list[float], sent: list[int], point: list[float], /,
) -> tuple[int, int] | None | bool: ...
