"""The blocking of ``kzfacts.conflicts`` finds every pair a comparison of all pairs would find.

``_group`` compares only signatures that share a key of their prefixes (``_prefix``). These
properties build small sets of claims from a vocabulary chosen to make keys collide (shared
names, shared measures, direction words, stated subjects, years and undated figures) and
check that the groups are exactly those of the brute-force grouping: every pair of the same
dimension and year compared, every undated signature compared with every dated one.
"""

from __future__ import annotations

import gc
import hashlib
import random
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzfacts import conflicts as conflicts_module
from kzfacts.model import Claim

_WORDS = ["Kadun", "Zansa", "Polvo", "GDP", "exports", "imports", "trade", "wheat", "oil", "harvest",
          "budget", "programme", "investment", "border", "pipeline", "bilateral", "output", "the", "of", "in"]
_YEARS = [None, "2019", "2020"]


@st.composite
def _claims(draw: st.DrawFn) -> list[Claim]:
    out = []
    for i in range(draw(st.integers(2, 30))):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6))
        subject_words = draw(st.lists(st.sampled_from(_WORDS), max_size=4))
        value = draw(st.integers(1, 60))
        percent = draw(st.booleans())
        text = f"{value} percent" if percent else f"${value} billion"
        sentence = f"{' '.join(words)} reached {text}."
        out.append(Claim(
            doc=f"d{i}", start=0, end=len(text), line=1, col=1, text=text, sentence=sentence,
            value=float(value), value_high=None, unit="percent" if percent else "USD billion", noun=None,
            kind="percent" if percent else "money", normalized_value=float(value if percent else value * 1e9),
            normalized_unit="percent" if percent else "USD", qualifier="exact", low=None, high=None,
            change=None, subject=" ".join(subject_words) or None, time=draw(st.sampled_from(_YEARS)),
        ))
    return out


def _brute_force(sigs: list, rows: conflicts_module._Rows) -> list:
    """The groups when every same-year pair and every (dated, undated) pair is compared."""
    parent = list(range(len(sigs)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(sigs):
        for j in range(i + 1, len(sigs)):
            b = sigs[j]
            if a.dim == b.dim and a.tkey == b.tkey and conflicts_module._compatible(a, b):
                ri, rj = find(i), find(j)
                parent[max(ri, rj)] = min(ri, rj)
    root_of = [find(i) for i in range(len(sigs))]
    attached: dict[int, set[int]] = defaultdict(set)
    for i, a in enumerate(sigs):
        for j, b in enumerate(sigs):
            if a.tkey is not None and b.tkey is None and a.dim == b.dim and conflicts_module._compatible(a, b):
                attached[root_of[j]].add(root_of[i])
    return conflicts_module._components(sigs, root_of, dict(attached), rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_claims())
def test_blocking_finds_every_pair_all_pairs_would(claims: list[Claim]) -> None:
    rows, sigs = conflicts_module._features(conflicts_module._dedupe(claims), 0.1)
    found = conflicts_module._group(sigs, rows)
    conflicts_module._weigh(sigs, len(rows.sent))  # (the C grouping leaves the weights unset)
    expected = _brute_force(sigs, rows)
    assert [members for _, members in found] == [members for _, members in expected]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(0.1, 50.0), min_size=1, max_size=8))
def test_prefix_is_the_shortest_that_leaves_too_little_weight(weights: list[float]) -> None:
    """Beyond the prefix, the rest cannot reach the threshold; without its last term, it could."""
    terms = [f"t{i}" for i in range(len(weights))]
    w = dict(zip(terms, weights, strict=True))
    prefix = conflicts_module._prefix(terms, w)
    total = sum(x * x for x in weights)
    rest = sum(x * x for x in weights[len(prefix):])
    t2 = conflicts_module.SUBJECT_THRESHOLD ** 2
    assert rest < t2 * total
    if prefix:
        assert rest + weights[len(prefix) - 1] ** 2 >= t2 * total * (1 - 1e-6)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_claims())
def test_outsized_postings_only_ever_miss_pairs(claims: list[Claim]) -> None:
    """Postings beyond MAX_POSTING are compared by sorted neighbourhood: each group found is then
    part of a brute-force group (a missed pair splits a group, it never joins two)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(conflicts_module, "MAX_POSTING", 2)
        mp.setattr(conflicts_module, "_MAX_CROSS", 1)
        rows, sigs = conflicts_module._features(conflicts_module._dedupe(claims), 0.1)
        found = [set(members) for _, members in conflicts_module._group(sigs, rows)]
    conflicts_module._weigh(sigs, len(rows.sent))
    expected = [set(members) for _, members in _brute_force(sigs, rows)]
    for group in found:
        assert any(group <= other for other in expected)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_claims())
def test_verdict_shortcuts_agree_with_the_general_rules(claims: list[Claim]) -> None:
    """``_verdicts`` skips ``_years`` for a group of one year with no undated figure and
    ``_subject_label`` when every claim states the same subject: each group's years, notes and
    subject are still those the general rules give."""
    for group in conflicts_module.analyze(claims).groups:
        years, notes = conflicts_module._years([c.time for c in group.claims])
        if len({c.doc for c in group.claims}) == 1:
            notes.append("all figures come from one document")
        assert group.reason.endswith(f"years: {years}") or f"years: {years}; not flagged" in group.reason
        assert group.notes == tuple(notes)
        assert group.subject == conflicts_module._subject_label([c.subject for c in group.claims], group.claims[0])
        ids = "\n".join(c.id for c in group.claims)  # (the verdicts spell Claim.id out)
        assert group.id == "g" + hashlib.blake2b(ids.encode(), digest_size=8).hexdigest()


def test_provisional_signature_keys_are_not_tracked_by_the_gc() -> None:
    """``_read`` keeps one provisional key per distinct claim (~400k for a million claims):
    they hold set numbers, not sets, so the GC stops tracking them and its full collections
    during the reading have only the signatures' distinct sets to walk."""
    rng = random.Random(0)
    claims = []
    for i in range(300):
        words = rng.sample(_WORDS, rng.randint(1, 6))
        text = f"${rng.randint(1, 60)} billion"
        claims.append(Claim(
            doc=f"d{i // 20}", start=i, end=i + len(text), line=1, col=1, text=text,
            sentence=f"{' '.join(words)} reached {text}.", value=1.0, value_high=None, unit="USD billion",
            noun=None, kind="money", normalized_value=1e9, normalized_unit="USD", qualifier="exact", low=None,
            high=None, change=None, subject=" ".join(rng.sample(_WORDS, 2)), time=rng.choice(_YEARS)))
    _, provisional, _, _, _ = conflicts_module._read(conflicts_module._dedupe(claims), 0.1)
    # A collection untracks a tuple whose items are all untracked at that moment; an inner tuple
    # it meets later in the same pass is untracked too late for its outer one, which the next
    # collection untracks. Two collections make the test independent of that order (one failed
    # in about one full run of five).
    gc.collect()
    gc.collect()
    assert len(provisional) > 100
    assert not any(gc.is_tracked(key) for key in provisional)
