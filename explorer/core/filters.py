"""What the current filters let through: the visible actors and claims, and paths between actors.

Qt-free so the rules can be tested without a display; the GUI keeps one :class:`FilterState`
and asks :func:`visible` for what to draw.

Rules, in order:
- a claim passes when its relation's category, both ends' kinds, and at least one of its passages
  (article and publisher chosen) pass; a claim with no passage passes the source filters only when
  ``include_unsourced`` is set;
- the time window (``date_from`` … ``date_to``, cumulative when ``date_from`` is None) on one of two clocks
  (see :mod:`explorer.core.timeline`): on the **event** clock a claim passes when its event interval overlaps
  the window, on the **report** clock when one of its passages comes from an article known in the window
  (published by ``date_to``, and not before ``date_from``); undated claims (or passages of undated articles)
  pass only with ``include_undated``. With ``fade``, the claims only the time window keeps out are listed as
  :attr:`Visible.faded` (drawn faint) instead of vanishing;
- focus keeps the claims among the actors within ``hops`` of the focused actor over the passing claims;
- an actor is visible when a visible claim involves it, or, with no claim filter active, when no claim
  involves it at all (so an isolated actor is not lost from the unfiltered picture).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain, compress, count
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from explorer.core.timeline import FIRST_DAY, LAST_DAY, Interval, TimeIndex, interval
from explorer.core.timeline import window as time_window

if TYPE_CHECKING:  # type names only: the window imports this module before any graph is read
    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.model import Claim
    from explorer.core.network import PathStep
    from explorer.core.weight import Weight

@dataclass(frozen=True)
class FilterState:
    """One immutable picture of the filter controls; ``None`` means 'everything'."""

    categories: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    articles: frozenset[str] | None = None
    publishers: frozenset[str] | None = None
    date_from: str | None = None  # the time window, inclusive; partial dates cover their whole month or year
    date_to: str | None = None
    clock: str = "event"  # "event": when it happened; "report": when it was known (article dates)
    include_undated: bool = True
    fade: bool = False  # out-of-time claims drawn faint rather than hidden
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
    #: who made the claims (creator IRIs, explorer.core.creators): a claim passes when one of its passages
    #: was made by one of them (None: anyone)
    creators: frozenset[str] | None = None

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
            or not self.include_undated
            or self.weighs
            or self.creators is not None
        )

    @property
    def weighs(self) -> bool:
        """Whether a weight-of-evidence filter is set (beyond hiding deprecated claims, the default)."""
        return (self.factualities is not None or self.min_sources > 0 or self.max_credibility is not None
                or not self.show_contested)

    @property
    def active(self) -> bool:
        return self.filters_claims or self.kinds is not None


_SERIALS = count(1)


@dataclass(frozen=True)
class Visible:
    actors: frozenset[str]
    claims: tuple[str, ...] = ()  # in the knowledge base's order
    #: Claims kept out by the time window alone, drawn faint when the filters fade rather than hide.
    faded: tuple[str, ...] = ()
    #: The articles whose passages count (None: all): the evidence panel shows only their passages.
    articles: frozenset[str] | None = None
    #: Dated claims the time window keeps out, and undated ones it leaves out (the status bar says so).
    out_of_time: int = 0
    #: A play step says what changed since the Visible numbered ``since`` (0: not said): the claims that
    #: entered and left, so that the scene need not compare two sets of tens of thousands of claims.
    since: int = field(default=0, compare=False, repr=False)
    entered: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    left: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    serial: int = field(default_factory=lambda: next(_SERIALS), init=False, compare=False, repr=False)

    @cached_property
    def claim_set(self) -> frozenset[str]:
        """The claims as a set, made when first asked for: a play step at 200k claims does not need it."""
        return frozenset(self.claims)


def publishers(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Publisher name -> its articles' IRIs ('unknown publisher' for articles without one)."""
    out: dict[str, list[str]] = {}
    for art in sorted(kb.articles.values(), key=lambda a: (a.publisher or "", a.date or "", a.title)):
        out.setdefault(art.publisher or UNKNOWN_PUBLISHER, []).append(art.iri)
    return out


UNKNOWN_PUBLISHER = "unknown publisher"


def claims_per_article(kb: KnowledgeBase) -> Counter[str]:
    """Article IRI -> how many claims its passages support (a claim quoted twice in it counts once)."""
    return Counter(article for article, _claim in {(ev.article, ev.claim) for ev in kb.evidence.values()})


def claim_articles(kb: KnowledgeBase, claim: Claim) -> set[str]:
    return {kb.evidence[e].article for e in claim.evidence if e in kb.evidence}


def _reporting(state: FilterState) -> bool:
    """Whether the report clock restricts the passages."""
    return state.clock == "report" and (state.date_from is not None or state.date_to is not None
                                        or not state.include_undated)


def _article_filter(kb: KnowledgeBase, state: FilterState) -> set[str] | None:
    """The articles whose passages count, or None when no source filter (or report-time window) is set."""
    reporting = _reporting(state)
    if state.articles is None and state.publishers is None and not reporting:
        return None
    span = _window(state)
    chosen: set[str] = set()
    for art in kb.articles.values():
        if state.articles is not None and art.iri not in state.articles:
            continue
        if state.publishers is not None and (art.publisher or UNKNOWN_PUBLISHER) not in state.publishers:
            continue
        if reporting:
            published = interval(art.date)
            if published is None:
                if not state.include_undated:
                    continue
            elif not span[0] <= published[1] <= span[1]:  # known by the window's end, not before its start
                continue
        chosen.add(art.iri)
    return chosen


def _window(state: FilterState) -> Interval:
    try:
        return time_window(state.date_from, state.date_to)
    except ValueError:  # a date the controls should not have let through: no window rather than a crash
        return FIRST_DAY, LAST_DAY


def time_index(kb: KnowledgeBase) -> TimeIndex:
    """The claims' event intervals of ``kb``, indexed once per graph (kept while its claims stay the same)."""
    cached = _INDEXES.get(kb)
    if cached is not None and cached[0] is kb.claims and cached[1] == len(kb.claims):
        return cached[2]
    index = TimeIndex.of_claims(kb.claims.values())
    _INDEXES[kb] = (kb.claims, len(kb.claims), index)
    return index


_INDEXES: WeakKeyDictionary[KnowledgeBase, tuple[dict[str, Claim], int, TimeIndex]] = WeakKeyDictionary()


def _event_filter(kb: KnowledgeBase, state: FilterState) -> set[str] | None:
    """The claims the event-time window keeps (None: all), found by bisection over sorted intervals."""
    if state.clock != "event" or (state.date_from is None and state.date_to is None and state.include_undated):
        return None
    index = time_index(kb)
    kept = set(index.intervals) if state.date_from is None and state.date_to is None \
        else index.inside(*_window(state))
    if state.include_undated:
        kept.update(index.undated)
    return kept


def visible(kb: KnowledgeBase, state: FilterState = FilterState()) -> Visible:
    """The actors and claims the filters let through."""
    from explorer.core.creators import made_by
    from explorer.core.weight import assessments_of, weights_of

    hidden = frozenset() if state.show_deprecated else frozenset(assessments_of(kb).deprecated)
    if not state.filters_claims and state.kinds is None:  # everything (each new graph): no test per claim
        ends = {end for c in kb.claims.values() for end in c.ends}
        shown = tuple(kb.claims) if not hidden else tuple(c for c in kb.claims if c not in hidden)
        return Visible(frozenset(ends.union(kb.actors)), shown)
    if _only_event_time(state) and not state.weighs and not hidden and state.creators is None:
        return _visible_in_time(kb, state)
    articles = _article_filter(kb, state)
    weights = weights_of(kb) if state.weighs else None
    made = made_by(kb, state.creators) if state.creators is not None else None
    reporting = _reporting(state)
    source_only = _article_filter(kb, state.with_(clock="event")) if reporting else None
    in_time = _event_filter(kb, state)
    unsourced_undated = reporting and not state.include_undated
    out_of_time = 0
    passing: list[Claim] = []
    faded: list[Claim] = []
    for claim in kb.claims.values():
        if claim.iri in hidden:
            continue
        if weights is not None and not _weighs_enough(weights[claim.iri], state):
            continue
        if made is not None and claim.iri not in made:
            continue
        relation = kb.relations.get(claim.predicate)
        if state.categories is not None and (relation is None or relation.category not in state.categories):
            continue
        if state.kinds is not None and not all(_kind(kb, end) in state.kinds for end in claim.ends):
            continue
        if not claim.evidence:
            if not state.include_unsourced:
                continue
            if unsourced_undated:  # no passage, so no report time
                out_of_time += 1
                if state.fade:
                    faded.append(claim)
                continue
        elif articles is not None and not (claim_articles(kb, claim) & articles):
            if reporting and (source_only is None or claim_articles(kb, claim) & source_only):
                out_of_time += 1  # its sources are chosen: only the report time keeps it out
                if state.fade:
                    faded.append(claim)
            continue
        if in_time is not None and claim.iri not in in_time:
            out_of_time += 1
            if state.fade:
                faded.append(claim)
            continue
        passing.append(claim)
    if state.focus is not None:
        near = _neighbourhood(state.focus, passing, state.hops)
        passing = [c for c in passing if c.subject in near and c.object in near]
        faded = [c for c in faded if c.subject in near and c.object in near]
    actors = {end for c in passing for end in c.ends}
    if state.focus is not None and (state.kinds is None or _kind(kb, state.focus) in state.kinds):
        actors.add(state.focus)  # the focused actor stays visible even when nothing passes
    if not state.filters_claims:
        actors |= {
            a
            for a in kb.actors
            if kb.degree(a) == 0 and (state.kinds is None or kb.actors[a].kind in state.kinds)
        }
    return Visible(frozenset(actors), tuple(c.iri for c in passing), tuple(c.iri for c in faded),
                   frozenset(articles) if articles is not None else None, out_of_time)


def _only_event_time(state: FilterState) -> bool:
    """Whether the event-time window is the only filter (a play step): then :func:`_visible_in_time`."""
    return (state.clock == "event" and state.categories is None and state.kinds is None and state.articles is None
            and state.publishers is None and state.focus is None and state.include_unsourced)


@dataclass
class _Step:
    """What the last event-time window of one graph showed, for the next step to change only what moved."""

    index: TimeIndex
    order: list[str]  # every claim, in the knowledge base's order
    span: Interval
    kept: set[str]  # the dated claims overlapping ``span``
    ends: Counter[str]  # actor -> how many claims of ``kept`` it takes part in (none at 0)
    undated_ends: frozenset[str]
    place: dict[str, int]  # claim -> its place in ``order``
    #: per place in ``order``, 1 where the claim shows (kept, and with or without the undated ones):
    #: itertools.compress lists the shown claims in order without a test per claim in Python
    shown: bytearray
    shown_with_undated: bytearray
    ends_of: dict[str, tuple[str, ...]]  # claim -> the actors it involves (one for an actor about itself)
    #: the shown actors, with the undated claims' actors (True) or without (False), until one appears or vanishes
    actors: dict[bool, frozenset[str]] = field(default_factory=dict)
    #: the last Visible made from this step, and whether it had the undated claims (see Visible.since)
    last: tuple[int, bool] = (0, False)


_STEPS: WeakKeyDictionary[KnowledgeBase, _Step] = WeakKeyDictionary()


def _ends(claim: Claim) -> tuple[str, ...]:
    return claim.ends if claim.subject != claim.object else (claim.subject,)


def _visible_in_time(kb: KnowledgeBase, state: FilterState) -> Visible:
    """:func:`visible` when only the event-time window filters: the claims entering and leaving the window
    since the last step are found by bisection (:meth:`TimeIndex.changes`), and the shown actors kept as
    counts of their shown claims, so a step costs the claims that moved plus one pass to keep the
    knowledge base's order (itertools.compress over a mask of the shown claims), not a test of every claim."""
    index = time_index(kb)
    claims = kb.claims
    span = _window(state) if state.date_from is not None or state.date_to is not None else (FIRST_DAY, LAST_DAY)
    step = _STEPS.get(kb)
    if step is None or step.index is not index:
        kept = index.inside(*span)
        ends_of = {iri: _ends(claim) for iri, claim in claims.items()}
        ends = Counter(chain.from_iterable(map(ends_of.__getitem__, kept)))
        undated_ends = frozenset(end for iri in index.undated for end in claims[iri].ends)
        order = list(claims)
        place = {iri: i for i, iri in enumerate(order)}
        mask = bytearray(len(order))
        for iri in kept:
            mask[place[iri]] = 1
        with_undated = bytearray(mask)
        for iri in index.undated:
            with_undated[place[iri]] = 1
        step = _STEPS[kb] = _Step(index, order, span, kept, ends, undated_ends, place, mask, with_undated,
                                  ends_of)
    entered: set[str] = set()
    left: set[str] = set()
    if step.span != span:
        entered, left = index.changes(step.span, span)
        kept, ends, ends_of = step.kept, step.ends, step.ends_of
        kept -= left
        kept |= entered
        place, mask, with_undated = step.place, step.shown, step.shown_with_undated
        for i in map(place.__getitem__, left):
            mask[i] = with_undated[i] = 0
        for i in map(place.__getitem__, entered):
            mask[i] = with_undated[i] = 1
        # the actors' counts moved in C (Counter's counting loop), then the few actors whose count fell
        had = len(ends)
        for actor, n in Counter(chain.from_iterable(map(ends_of.__getitem__, left))).items():
            n = ends[actor] - n
            if n:
                ends[actor] = n
            else:
                del ends[actor]
        kept_all = len(ends) == had
        ends.update(chain.from_iterable(map(ends_of.__getitem__, entered)))
        if not (kept_all and len(ends) == had):
            step.actors = {}  # an actor appeared or vanished
        step.span = span
    chosen = step.shown_with_undated if state.include_undated else step.shown
    actors = step.actors.get(state.include_undated)  # the same actors as the step before: the same set
    if actors is None:
        actors = step.actors[state.include_undated] = \
            frozenset(chain(step.ends, step.undated_ends) if state.include_undated else step.ends)
    shown = tuple(compress(step.order, chosen))
    faded: tuple[str, ...] = ()
    if state.fade:
        faded = tuple(compress(step.order, chosen.translate(_FLIP)))
    serial, undated = step.last
    since = serial if serial and undated == state.include_undated else 0
    found = Visible(actors, shown, faded, None, len(step.order) - len(shown), since,
                    frozenset(entered) if since else frozenset(), frozenset(left) if since else frozenset())
    step.last = (found.serial, state.include_undated)
    return found


#: Swaps the bytes 0 and 1 of a mask (bytes.translate): the claims a mask leaves out.
_FLIP = bytes([1, 0]) + bytes(254)


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
    from explorer.core.network import PathStep, shortest_paths  # (when asked: not for the window's first frame)

    if source == target:
        return []
    chosen = list(kb.claims.values()) if claims is None else [kb.claims[c] for c in claims if c in kb.claims]
    allowed = {c.iri for c in chosen}
    paths = shortest_paths(kb, source, target, limit=limit, claims=chosen)
    return [
        [PathStep(s.source, s.target, tuple(c for c in s.claims if c.iri in allowed)) for s in path]
        for path in paths
    ]
