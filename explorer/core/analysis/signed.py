"""Signed networks from coded claims: dyad balance, ties' signs, unbalanced triads, and blocs.

Structural balance (Heider; Cartwright and Harary 1956): a triangle of ties is balanced when the product
of its signs is positive ("the enemy of my enemy is my friend"). A partition into two blocs *frustrates*
a tie when it is negative inside a bloc or positive across them; the fewest frustrated ties of any
partition is the graph's frustration index (Harary 1959; Aref, Mason and Wilson 2018).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from explorer.core.analysis.events import CodedClaim

#: A tie is + (or -) when its cooperative (or hostile) intensity outweighs the other by this share of
#: the total: |coop - hostile| / (coop + hostile) >= 1/3, i.e. two to one. Anything closer is mixed (0).
SIGN_THRESHOLD = 1 / 3
#: Connected parts of the signed graph up to this many actors get an exact bloc partition (2^(n-1)
#: partitions each); bigger ones the heuristic of :func:`_local_search`.
EXACT_LIMIT = 16


@dataclass(frozen=True)
class DyadPeriod:
    """A pair's coded claims in one window: counts per quad class and net intensity."""

    period: str
    by_quad: dict[int, int]
    net_intensity: float
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Tie:
    """The signed tie between two actors (``a`` < ``b``) and the claims behind it."""

    a: str
    b: str
    sign: int  # +1 cooperative, -1 hostile, 0 neutral or mixed
    cooperation: float  # sum of the positive intensities
    conflict: float  # sum of the magnitudes of the negative intensities
    claims: tuple[str, ...]

    @property
    def net(self) -> float:
        return self.cooperation - self.conflict


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def sign_of(cooperation: float, conflict: float) -> int:
    total = cooperation + conflict
    if total <= 0:
        return 0
    share = (cooperation - conflict) / total
    return 1 if share >= SIGN_THRESHOLD else -1 if share <= -SIGN_THRESHOLD else 0


def dyad_balance(coded: Iterable[CodedClaim], a: str, b: str, granularity: str = "year") -> list[DyadPeriod]:
    """The pair's claims per window (both directions), oldest first, undated last."""
    wanted = pair(a, b)
    periods: dict[str, list[CodedClaim]] = defaultdict(list)
    for c in coded:
        if pair(c.claim.subject, c.claim.object) == wanted:
            periods[c.period(granularity)].append(c)
    out = []
    for period in sorted(periods, key=lambda p: (p == "undated", p)):
        items = periods[period]
        by_quad = {q: sum(1 for c in items if c.quad == q) for q in (1, 2, 3, 4)}
        out.append(DyadPeriod(period, by_quad, round(sum(c.intensity for c in items), 6),
                              tuple(c.iri for c in items)))
    return out


def signed_ties(coded: Iterable[CodedClaim], period: str | None = None, granularity: str = "year") -> dict[
        tuple[str, str], Tie]:
    """Every pair's tie from its coded claims (in ``period`` only, when given)."""
    coop: dict[tuple[str, str], float] = defaultdict(float)
    hostile: dict[tuple[str, str], float] = defaultdict(float)
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in coded:
        if period is not None and c.period(granularity) != period:
            continue
        key = pair(c.claim.subject, c.claim.object)
        claims[key].append(c.iri)
        if c.intensity >= 0:
            coop[key] += c.intensity
        else:
            hostile[key] -= c.intensity
    return {key: Tie(key[0], key[1], sign_of(coop[key], hostile[key]), coop[key], hostile[key], tuple(iris))
            for key, iris in sorted(claims.items())}


def signed_ties_by_period(coded: Sequence[CodedClaim], granularity: str = "year") -> dict[str, dict[
        tuple[str, str], Tie]]:
    """The signed network of each window."""
    periods = sorted({c.period(granularity) for c in coded}, key=lambda p: (p == "undated", p))
    return {p: signed_ties(coded, p, granularity) for p in periods}


def sign_matrix(ties: dict[tuple[str, str], Tie]) -> dict[tuple[str, str], int]:
    """The nonzero signs only: what balance is computed on."""
    return {k: t.sign for k, t in ties.items() if t.sign}


@dataclass(frozen=True)
class Triad:
    """Three actors whose three signed ties multiply to a negative sign, each side with its claims."""

    actors: tuple[str, str, str]
    signs: tuple[int, int, int]  # of (a,b), (a,c), (b,c)
    claims: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _neighbours(signs: dict[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    nb: dict[str, dict[str, int]] = defaultdict(dict)
    for (a, b), s in signs.items():
        if a != b and s:
            nb[a][b] = s
            nb[b][a] = s
    return nb


def triangles(signs: dict[tuple[str, str], int]) -> Iterable[tuple[str, str, str, int, int, int]]:
    """Every triangle of nonzero ties once, actors sorted: (a, b, c, s_ab, s_ac, s_bc)."""
    nb = _neighbours(signs)
    for a in sorted(nb):
        higher = sorted(n for n in nb[a] if n > a)
        for i, b in enumerate(higher):
            nb_b = nb[b]
            for c in higher[i + 1:]:
                s_bc = nb_b.get(c)
                if s_bc:
                    yield a, b, c, nb[a][b], nb[a][c], s_bc


def unbalanced_triads(ties: dict[tuple[str, str], Tie]) -> list[Triad]:
    signs = sign_matrix(ties)
    return [Triad((a, b, c), (ab, ac, bc), (ties[(a, b)].claims, ties[(a, c)].claims, ties[(b, c)].claims))
            for a, b, c, ab, ac, bc in triangles(signs) if ab * ac * bc < 0]


def balance_ratio(signs: dict[tuple[str, str], int]) -> float | None:
    """Share of balanced triangles among all signed triangles (None when there is none)."""
    total = balanced = 0
    for *_abc, ab, ac, bc in triangles(signs):
        total += 1
        balanced += ab * ac * bc > 0
    return balanced / total if total else None


def local_balance(signs: dict[tuple[str, str], int]) -> dict[str, float]:
    """Per actor, the share of balanced triangles among the signed triangles it is in."""
    total: dict[str, int] = defaultdict(int)
    balanced: dict[str, int] = defaultdict(int)
    for a, b, c, ab, ac, bc in triangles(signs):
        for x in (a, b, c):
            total[x] += 1
            balanced[x] += ab * ac * bc > 0
    return {x: balanced[x] / n for x, n in total.items()}


def frustration(signs: dict[tuple[str, str], int], side: dict[str, int]) -> int:
    """Ties that ``side`` (actor -> 0 or 1) frustrates: negative within a bloc, positive across."""
    return sum(1 for (a, b), s in signs.items()
               if a != b and s and ((side[a] == side[b]) == (s < 0)))


@dataclass(frozen=True)
class Blocs:
    """A two-bloc partition of each connected part of the signed graph.

    ``bloc`` maps an actor to ``2*k + side`` for its part ``k`` (largest first); actors without a signed
    tie have none. ``exact`` is False when some part was too big for the exact search.
    """

    bloc: dict[str, int]
    frustrated: int
    exact: bool
    frustrated_ties: tuple[tuple[str, str], ...] = field(default=())


def _components(nb: dict[str, dict[str, int]]) -> list[list[str]]:
    seen: set[str] = set()
    parts: list[list[str]] = []
    for start in sorted(nb):
        if start in seen:
            continue
        stack, part = [start], []
        seen.add(start)
        while stack:
            x = stack.pop()
            part.append(x)
            for y in nb[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        parts.append(sorted(part))
    parts.sort(key=lambda p: (-len(p), p[0]))
    return parts


def _adjacency(n: int, edges: list[tuple[int, int, int]]) -> list[list[tuple[int, int]]]:
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i, j, s in edges:
        adj[i].append((j, s))
        adj[j].append((i, s))
    return adj


def _flip_gain(adj: list[list[tuple[int, int]]], side: list[int], x: int) -> int:
    """How many fewer ties are frustrated once ``x`` changes bloc."""
    g = 0
    sx = side[x]
    for y, s in adj[x]:
        g += 1 if (sx == side[y]) == (s < 0) else -1
    return g


def _cost(edges: list[tuple[int, int, int]], side: list[int]) -> int:
    return sum(1 for i, j, s in edges if (side[i] == side[j]) == (s < 0))


def _exact(n: int, edges: list[tuple[int, int, int]]) -> list[int]:
    """The partition with the fewest frustrated ties, trying all 2^(n-1) of them (node 0 stays in bloc 0)
    in Gray-code order, so each step flips one actor and updates the count from its ties alone. Ties
    are broken by the first found: the answer is deterministic."""
    adj = _adjacency(n, edges)
    side = [0] * n
    cost = _cost(edges, side)
    best, best_side = cost, side[:]
    for step in range(1, 1 << (n - 1)):
        x = (step & -step).bit_length()  # Gray code: flip bit k where k = trailing zeros of step; +1 skips node 0
        cost -= _flip_gain(adj, side, x)
        side[x] ^= 1
        if cost < best:
            best, best_side = cost, side[:]
    return best_side


def _local_search(n: int, edges: list[tuple[int, int, int]], seed: int, restarts: int = 8) -> list[int]:
    """Heuristic for big parts: a greedy start (actors in order of degree, each put in the bloc that
    satisfies most of its already placed ties) and ``restarts`` seeded random partitions, each improved by
    moving single actors to the other bloc while that frustrates fewer ties (1-flip local search, as in
    Doreian and Mrvar's relocation algorithm, 1996); the best is kept."""
    adj = _adjacency(n, edges)
    rng = random.Random(seed)
    greedy = [-1] * n
    for x in sorted(range(n), key=lambda v: (-len(adj[v]), v)):
        vote = sum(s if greedy[y] == 0 else -s for y, s in adj[x] if greedy[y] >= 0)
        greedy[x] = 0 if vote >= 0 else 1
    starts = [greedy] + [[rng.randint(0, 1) for _ in range(n)] for _ in range(restarts)]
    best: list[int] = starts[0]
    best_cost = -1
    for side in starts:
        improved = True
        while improved:
            improved = False
            for x in range(n):
                if _flip_gain(adj, side, x) > 0:
                    side[x] ^= 1
                    improved = True
        c = _cost(edges, side)
        if best_cost < 0 or c < best_cost:
            best, best_cost = side, c
    return [s ^ best[0] for s in best]


def blocs(signs: dict[tuple[str, str], int], seed: int = 0, exact_limit: int = EXACT_LIMIT) -> Blocs:
    """Two blocs per connected part minimising frustrated ties: exact up to ``exact_limit`` actors a part,
    the seeded heuristic of :func:`_local_search` above. Deterministic for a given ``seed``."""
    nb = _neighbours(signs)
    bloc: dict[str, int] = {}
    exact = True
    for k, part in enumerate(_components(nb)):
        index = {x: i for i, x in enumerate(part)}
        edges = [(index[a], index[b], s) for (a, b), s in sorted(signs.items())
                 if s and a != b and a in index]
        if len(part) <= exact_limit:
            sides = _exact(len(part), edges)
        else:
            exact = False
            sides = _local_search(len(part), edges, seed)
        for x, s in zip(part, sides, strict=True):
            bloc[x] = 2 * k + s
    frustrated = tuple(sorted((a, b) for (a, b), s in signs.items()
                              if s and a != b and (bloc[a] == bloc[b]) == (s < 0)))
    return Blocs(bloc, len(frustrated), exact, frustrated)

