"""Blocs collapsed into group nodes on the main canvas (issue 15): which shown actors become which group node,
where it stands, and the group edges that gather their members' claims. No Qt.

The groups and edges are :func:`explorer.app.blocs.bloc_view`'s (the signed partition of what the filters let
through: collapsing follows the filters); a group node stands at its members' centre. Whether the blocs are
collapsed is part of the view (:attr:`Session.collapsed_blocs`, :meth:`Session.set_collapsed_blocs`): Back
(the view history) expands them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from explorer.app.blocs import UNALIGNED, BlocView, GroupEdge, bloc_view

if TYPE_CHECKING:
    from explorer.app.session import Session
    from explorer.core.api import Knowledge

Position = tuple[float, float]


@dataclass(frozen=True)
class Collapsed:
    """The shown graph with its blocs collapsed."""

    view: BlocView
    group_of: dict[str, str]  # shown actor -> its group node

    @property
    def groups(self) -> dict[str, tuple[str, ...]]:
        return self.view.groups

    @property
    def edges(self) -> list[GroupEdge]:
        return self.view.edges

    def label(self, group: str) -> str:
        return self.view.labels[group]

    def centres(self, positions: Mapping[str, Position]) -> dict[str, Position]:
        """Where each group node stands: its placed members' mean position (groups with none placed: left out)."""
        out: dict[str, Position] = {}
        for group, members in self.view.groups.items():
            placed = [positions[a] for a in members if a in positions]
            if placed:
                out[group] = (sum(p[0] for p in placed) / len(placed), sum(p[1] for p in placed) / len(placed))
        return out

    def edge(self, a: str, b: str) -> GroupEdge | None:
        """The edge between groups ``a`` and ``b`` (``a == b``: among one group's members), if any claim is on it."""
        key = tuple(sorted((a, b)))
        return next((e for e in self.view.edges if (e.a, e.b) == key), None)


def collapsed_of(session: Session) -> Collapsed | None:
    """The collapsed picture of what the session shows, or None (nothing loaded)."""
    view = bloc_view(session)
    if view is None:
        return None
    return Collapsed(view, {actor: group for group, members in view.groups.items() for actor in members})


def collapse_report(kb: Knowledge, collapsed: Collapsed) -> dict[str, Any]:
    """The JSON form (``explorer analyze --collapse-blocs --json``): group nodes with their members, group edges
    with their claims' IRIs and signed sums."""
    return {
        "groups": [{"group": g, "label": collapsed.label(g), "aligned": g != UNALIGNED, "members": list(members),
                    "member_labels": [kb.label(a) for a in members]} for g, members in collapsed.groups.items()],
        "edges": [{"a": e.a, "b": e.b, "inner": e.a == e.b, "claims": list(e.claims), "cooperation": e.cooperation,
                   "conflict": e.conflict, "sign": e.sign} for e in collapsed.edges],
    }
