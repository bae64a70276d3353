"""Bundles kept up to date as claims enter and leave the view (a play step of the Time bar).

A full build groups every visible claim into bundles (:meth:`GraphScene.show_steps`); a play step
changes a few hundred claims out of thousands, so :class:`BundleBook` moves only those: it adds them to
their bundles or takes them out, makes or drops the bundles that appear or empty, bows the siblings of
a pair whose categories changed, and says which bundles were added, removed or reshaped, so the edge
layers change only those. The result equals a full build for the same claims (tested).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF

from explorer.app.weighing import SUPPORT_ORDER
from explorer.gui.graph.bundles import Bundle

if TYPE_CHECKING:
    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.weight import Weights

#: Each support's rank (the strongest first), as explorer.app.weighing.bundle_support orders them.
SUPPORT_RANK = {support: i for i, support in enumerate(SUPPORT_ORDER)}
NO_SUPPORT = len(SUPPORT_ORDER) - 1  # no weighed claim: drawn as 'none'
CONTESTED = len(SUPPORT_ORDER)  # a tally's places: the ranks, then contested, a -> b, b -> a
TALLY = CONTESTED + 3


class Placed(Protocol):
    """An actor's item: where it is."""

    def pos(self) -> QPointF: ...


Key = tuple[str, str, str]
#: A claim as a step needs it: (a, b, category, support rank, contested, arrow); see BundleBook._fact
Fact = tuple[str, str, str, int, bool, int]
_UNKNOWN: object = object()


@dataclass
class Moved:
    """What one step changed: bundles new, gone, kept but placed anew (their bend changed), and kept
    with other claims (their count, support or arrows may differ)."""

    added: list[Bundle] = field(default_factory=list)
    removed: list[Bundle] = field(default_factory=list)
    reshaped: list[Bundle] = field(default_factory=list)
    restyled: list[Bundle] = field(default_factory=list)
    #: whole pairs' bundles (one edge per pair) whose main category changed: (bundle, its old category)
    recategorised: list[tuple[Bundle, str]] = field(default_factory=list)


def pair_of(subject: str, obj: str, placed: Container[str]) -> tuple[str, str] | None:
    """The pair a claim's edge joins, in the order bundles keep (the smaller IRI first); None for a claim
    of an actor about itself or with an end not drawn."""
    if subject == obj or subject not in placed or obj not in placed:
        return None
    return (subject, obj) if subject < obj else (obj, subject)


def taken_out(of_claim: dict[str, Bundle], left: Iterable[str]) -> dict[Bundle, list[str]]:
    """The claims ``left`` by the bundle that held them, forgotten in ``of_claim``."""
    going: dict[Bundle, list[str]] = {}
    for iri in left:
        bundle = of_claim.pop(iri, None)
        if bundle is not None:
            going.setdefault(bundle, []).append(iri)
    return going


def claim_order(kb: KnowledgeBase) -> dict[str, int]:
    """Each claim's place in the knowledge base (bundles list their claims in this order)."""
    return {iri: i for i, iri in enumerate(kb.claims)}


def edited(claims: list[str], gone: Sequence[str], new: Sequence[str], order: Callable[[str], int]) -> list[str]:
    """``claims`` (in the knowledge base's order) without ``gone`` and with ``new``, still in that order:
    edited in place when the change is small against the list (a hub pair's thousands of claims)."""
    if gone:
        if len(gone) * 8 < len(claims):
            for iri in gone:
                claims.remove(iri)
        else:
            out = set(gone)
            claims = [c for c in claims if c not in out]
    if new:
        if len(new) * 8 < len(claims):
            for iri in new:
                insort(claims, iri, key=order)
        else:
            claims = claims + list(new)
            claims.sort(key=order)
    return claims


class BundleBook:
    """The visible claims' bundles (one pair and one category, or one whole pair when ``merged``: one edge
    per pair) with the lookups the scene needs."""

    def __init__(self, kb: KnowledgeBase, nodes: Mapping[str, Placed], order: Mapping[str, int],
                 weighed: Weights, merged: bool = False) -> None:
        self.kb = kb
        self.nodes = nodes
        self.order = order
        self.kinds = {iri: (r.category, r.symmetric) for iri, r in kb.relations.items()}
        self.grouped: dict[Key, Bundle] = {}
        self.per_pair: dict[tuple[str, str], list[Bundle]] = {}
        self.of_claim: dict[str, Bundle] = {}
        self.at: dict[str, dict[Bundle, None]] = {}
        self.neighbours: dict[str, set[str]] = {}
        self._tallies: dict[Bundle, list[int]] = {}
        self._marks: dict[str, tuple[int, bool, int]] = {}
        self._facts: dict[str, object] = {}  # a Fact, or None (see _fact)
        self._weighed = weighed  # the weights of the passages that count (see explorer.app.known)
        self.merged = merged

    def _key(self, a: str, b: str, category: str) -> Key:
        return (a, b, "" if self.merged else category)

    def adopt(self, bundles: Iterable[Bundle]) -> None:
        """Take over the bundles of a full build (already grouped, weighed, bowed and placed)."""
        for bundle in bundles:
            self.grouped[self._key(bundle.a, bundle.b, bundle.category)] = bundle
            self._link(bundle)
            for claim in bundle.claims:
                self.of_claim[claim] = bundle

    def finish(self) -> None:
        """After the last :meth:`adopt`: each pair's bundles in the order of their bends."""
        for siblings in self.per_pair.values():
            siblings.sort(key=lambda bu: bu.category)

    def _link(self, bundle: Bundle) -> None:
        a, b = bundle.a, bundle.b
        siblings = self.per_pair.setdefault((a, b), [])
        if not siblings:
            self.neighbours.setdefault(a, set()).add(b)
            self.neighbours.setdefault(b, set()).add(a)
        siblings.append(bundle)
        self.at.setdefault(a, {})[bundle] = None
        self.at.setdefault(b, {})[bundle] = None

    def _unlink(self, bundle: Bundle) -> None:
        a, b = bundle.a, bundle.b
        siblings = self.per_pair[(a, b)]
        siblings.remove(bundle)
        if not siblings:
            del self.per_pair[(a, b)]
            for one, other in ((a, b), (b, a)):
                near = self.neighbours[one]
                near.discard(other)
                if not near:
                    del self.neighbours[one]
        for end in (a, b):
            mine = self.at[end]
            del mine[bundle]
            if not mine:
                del self.at[end]

    def _claim_marks(self, iri: str) -> tuple[int, bool, int]:
        """A claim's support rank, whether it is contested, and its arrow (0 none, 1 a -> b, 2 b -> a)."""
        marks = self._marks.get(iri)
        if marks is None:
            claim = self.kb.claims[iri]
            weight = self._weighed.get(iri)
            rank = NO_SUPPORT if weight is None else SUPPORT_RANK[weight.support]
            symmetric = self.kinds[claim.predicate][1]
            arrow = 0 if symmetric else 1 if claim.subject < claim.object else 2
            marks = self._marks[iri] = (rank, weight is not None and weight.contested, arrow)
        return marks

    def _tally_of(self, bundle: Bundle) -> list[int]:
        """How many of a bundle's claims have each support rank, are contested, point a -> b, b -> a."""
        tally = self._tallies.get(bundle)
        if tally is None:
            tally = self._tallies[bundle] = [0] * TALLY
            for iri in bundle.claims:
                self._count(tally, iri, 1)
        return tally

    def _count(self, tally: list[int], iri: str, by: int) -> None:
        rank, contested, arrow = self._claim_marks(iri)
        if rank != NO_SUPPORT:
            tally[rank] += by
        if contested:
            tally[CONTESTED] += by
        if arrow:
            tally[CONTESTED + arrow] += by

    def _fact(self, iri: str) -> Fact | None:
        """What a step needs of a claim, worked out once: its pair (the smaller IRI first), its category,
        support rank, whether contested, arrow (0 none, 1 a -> b, 2 b -> a); None for an actor about itself."""
        fact = self._facts.get(iri, _UNKNOWN)
        if fact is _UNKNOWN:
            claim = self.kb.claims[iri]
            subject, obj = claim.subject, claim.object
            if subject == obj:
                fact = None
            else:
                rank, contested, arrow = self._claim_marks(iri)
                a, b = (subject, obj) if subject < obj else (obj, subject)
                fact = (a, b, self.kinds[claim.predicate][0], rank, contested, arrow)
            self._facts[iri] = fact
        return fact  # type: ignore[return-value]

    def step(self, entered: Iterable[str], left: Iterable[str]) -> Moved:
        """Add the claims ``entered``, take out those ``left``; say which bundles changed shape.

        Costs the claims that moved, not the bundles' sizes: a hub pair's bundle holds thousands of
        claims, so its support and arrows are kept as counts and its list is edited in place. What a
        claim needs is looked up once (:meth:`_fact`): a month's step at 200k claims moves 20,000."""
        nodes, merged, grouped, of_claim = self.nodes, self.merged, self.grouped, self.of_claim
        facts, fact_of = self._facts, self._fact
        moved = Moved()
        going = taken_out(of_claim, left)
        coming: dict[Bundle, list[str]] = {}
        for iri in entered:
            fact = facts.get(iri, _UNKNOWN)
            if fact is _UNKNOWN:
                fact = fact_of(iri)
            if fact is None:
                continue
            a, b, category = fact[0], fact[1], fact[2]  # type: ignore[index]
            if a not in nodes or b not in nodes:
                continue
            key = (a, b, "" if merged else category)
            bundle = grouped.get(key)
            if bundle is None:
                bundle = grouped[key] = Bundle(a, b, category, categories={} if merged else None)
                self._link(bundle)
                self._tallies[bundle] = [0] * TALLY
                moved.added.append(bundle)
            if merged:  # a whole pair's bundle counts its claims per category
                tally_of_kind = bundle.categories
                tally_of_kind[category] = tally_of_kind.get(category, 0) + 1  # type: ignore[index,union-attr]
            new_here = coming.get(bundle)
            if new_here is None:
                coming[bundle] = [iri]
            else:
                new_here.append(iri)
            of_claim[iri] = bundle
        pairs: set[tuple[str, str]] = {(bu.a, bu.b) for bu in moved.added}
        order = self.order.__getitem__
        for bundle in {**dict.fromkeys(going), **dict.fromkeys(coming)}:
            tally = self._tally_of(bundle)
            gone, new = going.get(bundle, ()), coming.get(bundle, ())
            for iri in gone:
                _a, _b, kind, rank, contested, arrow = fact_of(iri)  # type: ignore[misc]
                if rank != NO_SUPPORT:
                    tally[rank] -= 1
                if contested:
                    tally[CONTESTED] -= 1
                if arrow:
                    tally[CONTESTED + arrow] -= 1
                if merged and bundle.categories:
                    left_of_kind = bundle.categories.get(kind, 0) - 1
                    if left_of_kind > 0:
                        bundle.categories[kind] = left_of_kind
                    else:
                        bundle.categories.pop(kind, None)
            for iri in new:
                rank, contested, arrow = facts[iri][3:]  # type: ignore[index]
                if rank != NO_SUPPORT:
                    tally[rank] += 1
                if contested:
                    tally[CONTESTED] += 1
                if arrow:
                    tally[CONTESTED + arrow] += 1
            bundle.claims = kept = edited(bundle.claims, gone, new, order)
            was = bundle.category
            if not kept:
                del self.grouped[self._key(bundle.a, bundle.b, was)]
                del self._tallies[bundle]
                self._unlink(bundle)
                moved.removed.append(bundle)
                pairs.add((bundle.a, bundle.b))
                continue
            best = next((rank for rank in range(NO_SUPPORT) if tally[rank]), NO_SUPPORT)
            bundle.support, bundle.contested = SUPPORT_ORDER[best], bool(tally[CONTESTED])
            bundle.forward, bundle.backward = bool(tally[CONTESTED + 1]), bool(tally[CONTESTED + 2])
            if self.merged:
                bundle.settle_category()
                if bundle.category != was and bundle not in moved.added:
                    moved.recategorised.append((bundle, was))  # (drawn in another layer now)
                    continue
            moved.restyled.append(bundle)
        added = set(moved.added)
        for pair in pairs:
            siblings = self.per_pair.get(pair)
            if not siblings:
                continue
            siblings.sort(key=lambda bu: bu.category)
            many = len(siblings) > 1
            for i, bundle in enumerate(siblings):
                bend = i - (len(siblings) - 1) / 2 if many else 0.0
                if bundle in added:
                    bundle.bend = bend
                elif bundle.bend != bend:
                    bundle.bend = bend
                    bundle.place(nodes[bundle.a].pos(), nodes[bundle.b].pos())
                    moved.reshaped.append(bundle)
        for bundle in moved.added:
            if bundle.claims:
                bundle.place(nodes[bundle.a].pos(), nodes[bundle.b].pos())
        moved.added = [bu for bu in moved.added if bu.claims]  # (a bundle made and emptied in one step)
        moved.removed = [bu for bu in moved.removed if bu not in added]
        moved.restyled = [bu for bu in moved.restyled if bu not in added]
        moved.recategorised = [(bu, was) for bu, was in moved.recategorised if bu not in added]
        return moved


class FadedBook:
    """The claims the time window fades, one faint bundle per pair of actors, kept up to date."""

    def __init__(self, kb: KnowledgeBase, nodes: Mapping[str, Placed], order: Mapping[str, int],
                 category: str) -> None:
        self.kb = kb
        self.nodes = nodes
        self.order = order
        self.category = category
        self.grouped: dict[tuple[str, str], Bundle] = {}
        self.of_claim: dict[str, Bundle] = {}
        #: actor -> how many faded bundles end at it (the actors a faded edge keeps shown)
        self.ends: dict[str, int] = {}

    def adopt(self, bundles: Iterable[Bundle]) -> None:
        for bundle in bundles:
            self.grouped[(bundle.a, bundle.b)] = bundle
            for end in (bundle.a, bundle.b):
                self.ends[end] = self.ends.get(end, 0) + 1
            for claim in bundle.claims:
                self.of_claim[claim] = bundle

    def step(self, entered: Iterable[str], left: Iterable[str]) -> Moved:
        claims, nodes = self.kb.claims, self.nodes
        moved = Moved()
        going = taken_out(self.of_claim, left)
        coming: dict[Bundle, list[str]] = {}
        for iri in entered:
            claim = claims[iri]
            pair = pair_of(claim.subject, claim.object, nodes)
            if pair is None:
                continue
            a, b = pair
            bundle = self.grouped.get(pair)
            if bundle is None:
                bundle = self.grouped[(a, b)] = Bundle(a, b, self.category)
                bundle.place(nodes[a].pos(), nodes[b].pos())
                moved.added.append(bundle)
            coming.setdefault(bundle, []).append(iri)
            self.of_claim[iri] = bundle
        added = set(moved.added)
        order = self.order.__getitem__
        for bundle in {**dict.fromkeys(going), **dict.fromkeys(coming)}:
            bundle.claims = kept = edited(bundle.claims, going.get(bundle, ()), coming.get(bundle, ()), order)
            if kept and bundle not in added:
                moved.restyled.append(bundle)  # (its count, so its width)
            if not kept:
                del self.grouped[(bundle.a, bundle.b)]
                if bundle not in added:
                    moved.removed.append(bundle)
                    for end in (bundle.a, bundle.b):
                        self.ends[end] -= 1
                        if not self.ends[end]:
                            del self.ends[end]
        moved.added = [bu for bu in moved.added if bu.claims]
        for bundle in moved.added:
            for end in (bundle.a, bundle.b):
                self.ends[end] = self.ends.get(end, 0) + 1
        return moved
