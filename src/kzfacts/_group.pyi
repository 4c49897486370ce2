from collections.abc import Mapping

def group(
    terms: list[frozenset[str]], subj: list[frozenset[str]], dirs: list[frozenset[str]], names: list[frozenset[str]],
    scope: list[tuple[tuple[str, float], ...]], block: list[int], partner: list[int], counted: list[bool],
    size: list[int], n_claims: int, opposed: Mapping[str, frozenset[str]], row_sig: list[int], row_sent: list[int],
    max_posting: int, max_cross: int, prefix_share: float, threshold: float, name_weight: float, /,
) -> list[tuple[int, list[int]]] | None: ...
