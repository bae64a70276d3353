"""The shown graph with its blocs collapsed: one group per signed bloc (and one for the actors with no signed
tie), and between two groups one edge that gathers every shown claim between their members.

The blocs are the lens analysis's partition with the fewest frustrated ties (explorer.core.analysis.signed);
an edge keeps the IRIs of its claims, so a click lists them, and sums the intensities of its coded claims
(cooperation, conflict) to colour it. A group's claims among its own members form its inner edge. No Qt.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.app.lenses import analysis_of

if TYPE_CHECKING:
    from explorer.app.session import Session

UNALIGNED = "unaligned"


@dataclass(frozen=True)
class GroupEdge:
    """The shown claims between the members of two groups (``a == b``: inside one group)."""

    a: str
    b: str
    claims: tuple[str, ...]
    cooperation: float  # sum of the positive intensities of its coded claims
    conflict: float  # sum of the magnitudes of the negative ones

    @property
    def sign(self) -> int:
        """+1 cooperative, -1 hostile, 0 mixed or uncoded (the signed ties' two-to-one rule)."""
        from explorer.core.analysis.signed import sign_of  # (not at start-up: the Blocs dock is empty then)

        return sign_of(self.cooperation, self.conflict)


@dataclass(frozen=True)
class BlocView:
    groups: dict[str, tuple[str, ...]]  # group -> its shown members, most connected first
    labels: dict[str, str]  # group -> "Bloc 1: Armenia, Russia, France … (12 actors)"
    edges: list[GroupEdge]  # between groups and inside each, the most claims first


def group_key(bloc: int | None) -> str:
    return UNALIGNED if bloc is None else f"bloc:{bloc}"


def bloc_view(session: Session) -> BlocView | None:
    """The collapsed picture of what the session shows (None with nothing loaded)."""
    analysis = analysis_of(session)
    kb = session.kb
    if analysis is None or kb is None:
        return None
    of = {actor: group_key(analysis.blocs.bloc.get(actor)) for actor in session.visible.actors}
    degree: Counter[str] = Counter()
    intensity = {c.iri: c.intensity for c in analysis.coded}
    gathered: dict[tuple[str, str], list[str]] = defaultdict(list)
    for iri in sorted(session.visible.claim_set):
        claim = kb.claims.get(iri)
        if claim is None or claim.subject not in of or claim.object not in of:
            continue
        degree.update((claim.subject, claim.object))
        a, b = sorted((of[claim.subject], of[claim.object]))
        gathered[(a, b)].append(iri)
    groups: dict[str, list[str]] = defaultdict(list)
    for actor, group in of.items():
        groups[group].append(actor)
    ordered = sorted(groups, key=lambda g: (g == UNALIGNED, g))
    members = {g: tuple(sorted(groups[g], key=lambda a: (-degree[a], kb.label(a)))) for g in ordered}
    labels = {}
    for number, g in enumerate(ordered, 1):
        names = ", ".join(kb.label(a) for a in members[g][:3]) + (" …" if len(members[g]) > 3 else "")
        title = "No signed tie" if g == UNALIGNED else f"Bloc {number}"
        labels[g] = f"{title}: {names} ({len(members[g])} actor{'s' if len(members[g]) != 1 else ''})"
    edges = [GroupEdge(a, b, tuple(claims), sum(max(intensity.get(c, 0.0), 0.0) for c in claims),
                       sum(max(-intensity.get(c, 0.0), 0.0) for c in claims))
             for (a, b), claims in gathered.items()]
    edges.sort(key=lambda e: (-len(e.claims), e.a, e.b))
    return BlocView(members, labels, edges)
