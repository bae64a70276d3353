"""What the current filters let through: the visible actors and claims, and paths between actors.

Qt-free so the rules can be tested without a display; the GUI keeps one :class:`FilterState`
and asks :func:`visible` for what to draw.

Rules, in order:
- a claim passes when its relation's category, both ends' kinds, and at least one of its passages
  (article and publisher chosen, article date inside the range) pass; a claim with no passage passes
  the source filters only when ``include_unsourced`` is set;
- focus keeps the claims among the actors within ``hops`` of the focused actor over the passing claims;
- an actor is visible when a visible claim involves it, or, with no claim filter active, when no claim
  involves it at all (so an isolated actor is not lost from the unfiltered picture).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from explorer.core.network import PathStep, shortest_paths

if TYPE_CHECKING:  # type names only: the window imports this module before any graph is read
    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.model import Claim
    from explorer.core.weight import Weight

Day = tuple[int, int, int]

_DATE = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def date_bounds(date: str | None) -> tuple[Day, Day] | None:
    """The first and last day a possibly partial ISO date ('2023', '2023-03', '2023-03-05') covers."""
    if not date:
        return None
    m = _DATE.match(date)
    if m is None:
        return None
    year = int(m.group(1))
    if m.group(2) is None:
        return (year, 1, 1), (year, 12, 31)
    month = min(max(int(m.group(2)), 1), 12)
    if m.group(3) is None:
        import calendar

        last = calendar.monthrange(year, month)[1] if year > 0 else 31
        return (year, month, 1), (year, month, last)
    day = int(m.group(3))
    return (year, month, day), (year, month, day)


@dataclass(frozen=True)
class FilterState:
    """One immutable picture of the filter controls; ``None`` means 'everything'."""

    categories: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    articles: frozenset[str] | None = None
    publishers: frozenset[str] | None = None
    date_from: str | None = None  # inclusive; partial dates cover their whole month or year
    date_to: str | None = None
    include_unsourced: bool = True
    focus: str | None = None
    hops: int = 1
    # the weight of the evidence (issue 13, explorer.core.weight): a claim passes when its strongest
    # factuality is among ``factualities``, it has at least ``min_sources`` independent sources, its
    # credibility is ``max_credibility`` or better (1 is best), and it is not contested (unless
    # ``show_contested``) nor deprecated (unless ``show_deprecated``: deprecated claims are hidden by default)
    factualities: frozenset[str] | None = None
    min_sources: int = 0
    max_credibility: int | None = None
    show_contested: bool = True
    show_deprecated: bool = False

    def with_(self, **changes: object) -> FilterState:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def filters_claims(self) -> bool:
        """Whether anything but the actor kinds restricts the claims."""
        return (
            self.categories is not None
            or self.articles is not None
            or self.publishers is not None
            or self.date_from is not None
            or self.date_to is not None
            or self.focus is not None
            or not self.include_unsourced
            or self.weighs
        )

    @property
    def weighs(self) -> bool:
        """Whether a weight-of-evidence filter is set (beyond hiding deprecated claims, the default)."""
        return (self.factualities is not None or self.min_sources > 0 or self.max_credibility is not None
                or not self.show_contested)

    @property
    def active(self) -> bool:
        return self.filters_claims or self.kinds is not None


@dataclass(frozen=True)
class Visible:
    actors: frozenset[str]
    claims: tuple[str, ...] = ()  # in the knowledge base's order
    claim_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "claim_set", frozenset(self.claims))


def article_dates(kb: KnowledgeBase) -> list[str]:
    """The distinct article dates, oldest first: the stops of the timeline slider."""
    dates = {a.date for a in kb.articles.values() if date_bounds(a.date) is not None}
    return sorted(dates, key=lambda d: date_bounds(d) or ((0, 0, 0), (0, 0, 0)))


def publishers(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Publisher name -> its articles' IRIs ('unknown publisher' for articles without one)."""
    out: dict[str, list[str]] = {}
    for art in sorted(kb.articles.values(), key=lambda a: (a.publisher or "", a.date or "", a.title)):
        out.setdefault(art.publisher or UNKNOWN_PUBLISHER, []).append(art.iri)
    return out


UNKNOWN_PUBLISHER = "unknown publisher"


def claim_articles(kb: KnowledgeBase, claim: Claim) -> set[str]:
    return {kb.evidence[e].article for e in claim.evidence if e in kb.evidence}


def _article_filter(kb: KnowledgeBase, state: FilterState) -> set[str] | None:
    """The articles whose passages count, or None when no source or date filter is set."""
    if (
        state.articles is None
        and state.publishers is None
        and state.date_from is None
        and state.date_to is None
    ):
        return None
    low = date_bounds(state.date_from)
    high = date_bounds(state.date_to)
    chosen: set[str] = set()
    for art in kb.articles.values():
        if state.articles is not None and art.iri not in state.articles:
            continue
        if state.publishers is not None and (art.publisher or UNKNOWN_PUBLISHER) not in state.publishers:
            continue
        if low is not None or high is not None:
            span = date_bounds(art.date)
            if span is None:
                continue
            if low is not None and span[1] < low[0]:
                continue
            if high is not None and span[0] > high[1]:
                continue
        chosen.add(art.iri)
    return chosen


def visible(kb: KnowledgeBase, state: FilterState = FilterState()) -> Visible:
    """The actors and claims the filters let through."""
    from explorer.core.weight import assessments_of, weights_of

    hidden = frozenset() if state.show_deprecated else frozenset(assessments_of(kb).deprecated)
    if not state.filters_claims and state.kinds is None:  # everything (each new graph): no test per claim
        ends = {end for c in kb.claims.values() for end in c.ends}
        shown = tuple(kb.claims) if not hidden else tuple(c for c in kb.claims if c not in hidden)
        return Visible(frozenset(ends.union(kb.actors)), shown)
    articles = _article_filter(kb, state)
    weights = weights_of(kb) if state.weighs else None
    passing: list[Claim] = []
    for claim in kb.claims.values():
        if claim.iri in hidden:
            continue
        if weights is not None and not _weighs_enough(weights[claim.iri], state):
            continue
        relation = kb.relations.get(claim.predicate)
        if state.categories is not None and (relation is None or relation.category not in state.categories):
            continue
        if state.kinds is not None and not all(_kind(kb, end) in state.kinds for end in claim.ends):
            continue
        if not claim.evidence:
            if not state.include_unsourced:
                continue
        elif articles is not None and not (claim_articles(kb, claim) & articles):
            continue
        passing.append(claim)
    if state.focus is not None:
        near = _neighbourhood(state.focus, passing, state.hops)
        passing = [c for c in passing if c.subject in near and c.object in near]
    actors = {end for c in passing for end in c.ends}
    if state.focus is not None and (state.kinds is None or _kind(kb, state.focus) in state.kinds):
        actors.add(state.focus)  # the focused actor stays visible even when nothing passes
    if not state.filters_claims:
        actors |= {
            a
            for a in kb.actors
            if kb.degree(a) == 0 and (state.kinds is None or kb.actors[a].kind in state.kinds)
        }
    return Visible(frozenset(actors), tuple(c.iri for c in passing))


def _weighs_enough(weight: Weight, state: FilterState) -> bool:
    if state.factualities is not None and weight.strongest not in state.factualities:
        return False
    if weight.sources < state.min_sources:
        return False
    if state.max_credibility is not None and weight.credibility > state.max_credibility:
        return False
    return state.show_contested or not weight.contested


def _kind(kb: KnowledgeBase, actor: str) -> str:
    found = kb.actors.get(actor)
    return found.kind if found is not None else "other"


def _neighbourhood(actor: str, claims: Iterable[Claim], hops: int) -> set[str]:
    adjacent: dict[str, set[str]] = {}
    for claim in claims:
        adjacent.setdefault(claim.subject, set()).add(claim.object)
        adjacent.setdefault(claim.object, set()).add(claim.subject)
    seen = {actor}
    frontier = {actor}
    for _ in range(max(hops, 0)):
        frontier = {n for a in frontier for n in adjacent.get(a, ())} - seen
        seen |= frontier
    return seen


def find_paths(
    kb: KnowledgeBase, source: str, target: str, claims: Iterable[str] | None = None, limit: int = 5
) -> list[list[PathStep]]:
    """The shortest chains between two actors over ``claims`` (all when None), each step with its claims.

    A step lists only the claims among ``claims`` that link its two actors.
    """
    if source == target:
        return []
    chosen = list(kb.claims.values()) if claims is None else [kb.claims[c] for c in claims if c in kb.claims]
    allowed = {c.iri for c in chosen}
    paths = shortest_paths(kb, source, target, limit=limit, claims=chosen)
    return [
        [PathStep(s.source, s.target, tuple(c for c in s.claims if c.iri in allowed)) for s in path]
        for path in paths
    ]
