"""Signed balance: ties' signs, unbalanced triads and the bloc partition, against brute force."""

from __future__ import annotations

from itertools import combinations, product

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.analysis.signed import (
    EXACT_LIMIT,
    Tie,
    balance_ratio,
    blocs,
    frustration,
    local_balance,
    sign_of,
    triangles,
    unbalanced_triads,
)


def _ties(signs: dict[tuple[str, str], int]) -> dict[tuple[str, str], Tie]:
    return {k: Tie(k[0], k[1], s, max(s, 0), max(-s, 0), (f"urn:claim:{k[0]}-{k[1]}",)) for k, s in signs.items()}


@st.composite
def signed_graphs(draw: st.DrawFn, max_actors: int = 10) -> dict[tuple[str, str], int]:
    n = draw(st.integers(0, max_actors))
    actors = [f"a{i:02d}" for i in range(n)]
    pairs = list(combinations(actors, 2))
    signs = draw(st.lists(st.sampled_from([-1, 0, 1]), min_size=len(pairs), max_size=len(pairs)))
    return dict(zip(pairs, signs, strict=True))


def _brute_triads(signs: dict[tuple[str, str], int]) -> set[tuple[str, str, str]]:
    actors = sorted({x for k in signs for x in k})
    found = set()
    for a, b, c in combinations(actors, 3):
        s = [signs.get((x, y), 0) for x, y in ((a, b), (a, c), (b, c))]
        if all(s) and s[0] * s[1] * s[2] < 0:
            found.add((a, b, c))
    return found


def _brute_min_frustration(signs: dict[tuple[str, str], int]) -> int:
    actors = sorted({x for k, s in signs.items() if s for x in k})
    best = len(signs)
    for sides in product((0, 1), repeat=len(actors)):
        side = dict(zip(actors, sides, strict=True))
        best = min(best, sum(1 for (a, b), s in signs.items() if s and (side[a] == side[b]) == (s < 0)))
    return best if actors else 0


@settings(max_examples=150, deadline=None)
@given(signed_graphs())
def test_triads_and_bloc_frustration_equal_brute_force(signs: dict[tuple[str, str], int]) -> None:
    ties = _ties(signs)
    triads = unbalanced_triads(ties)
    assert {t.actors for t in triads} == _brute_triads(signs)
    for t in triads:
        a, b, c = t.actors
        assert t.claims == (ties[(a, b)].claims, ties[(a, c)].claims, ties[(b, c)].claims)
    partition = blocs(signs)
    assert partition.exact
    assert partition.frustrated == frustration(signs, partition.bloc) == _brute_min_frustration(signs)
    assert partition == blocs(signs), "not deterministic"


@settings(max_examples=40, deadline=None)
@given(signed_graphs(max_actors=9))
def test_the_heuristic_is_never_better_than_exact_and_counts_truly(signs: dict[tuple[str, str], int]) -> None:
    heuristic = blocs(signs, exact_limit=0, seed=3)
    assert heuristic.frustrated == frustration(signs, heuristic.bloc) >= _brute_min_frustration(signs)
    assert heuristic == blocs(signs, exact_limit=0, seed=3)


def test_balance_ratio_and_local_balance_on_a_hand_made_fixture() -> None:
    # a, b friends; both enemies of c (balanced); c friend of d, d enemy of a, d friend of b (unbalanced a-b-d)
    signs = {("a", "b"): 1, ("a", "c"): -1, ("b", "c"): -1, ("c", "d"): 1, ("a", "d"): -1, ("b", "d"): 1}
    found = {t.actors for t in unbalanced_triads(_ties(signs))}
    assert found == {("a", "b", "d"), ("b", "c", "d")}
    assert len(list(triangles(signs))) == 4
    assert balance_ratio(signs) == 0.5
    assert local_balance(signs)["a"] == 2 / 3
    assert balance_ratio({("a", "b"): 1}) is None
    partition = blocs(signs)
    assert partition.frustrated == 1


def test_the_exact_search_covers_parts_up_to_the_limit() -> None:
    actors = [f"x{i:02d}" for i in range(EXACT_LIMIT)]
    signs = {(a, b): (1 if (i + j) % 3 else -1) for (i, a), (j, b) in combinations(enumerate(actors), 2)}
    assert blocs(signs).exact
    assert not blocs({**signs, ("x00", "y"): 1}).exact


def test_a_tie_is_signed_by_which_side_outweighs_two_to_one() -> None:
    assert sign_of(7.0, 0.0) == 1 and sign_of(0.0, 10.0) == -1
    assert sign_of(1.0, 10.0) == -1  # a consultation does not cancel a battle
    assert sign_of(6.0, 5.0) == 0 and sign_of(0.0, 0.0) == 0
