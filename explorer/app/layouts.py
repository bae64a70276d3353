"""Choosing a layout in the window: which actors it places, round whom, and the work that computes it.

The layout places the visible actors from the visible claims' ties (hidden actors stay where they were);
pinned actors keep their place. What to gather happens on the GUI thread (:func:`layout_request`); the
computing is a plain work function for the job runner (:meth:`LayoutRequest.work`). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.layouts import LAYOUTS as LAYOUTS
from explorer.core.layouts import named_layout

if TYPE_CHECKING:
    from explorer.app.session import Session
    from explorer.core.api import Knowledge
    from explorer.core.jobs import Progress, ShouldCancel
    from explorer.core.model import Claim

Position = tuple[float, float]

#: Menu titles, in menu order.
TITLES = {
    "force": "&Force-Directed",
    "forceatlas2": "Force&Atlas 2",
    "circular-community": "&Circular by Community",
    "circular-bloc": "Circular by &Bloc",
    "radial": "&Radial around Selected Actor",
}


@dataclass(frozen=True)
class LayoutRequest:
    """Everything the layout needs, gathered on the GUI thread so that the work reads no session."""

    kb: Knowledge
    name: str
    claims: tuple[Claim, ...]
    actors: frozenset[str]
    start: dict[str, Position]
    fixed: dict[str, Position]
    centre: str | None
    method: str

    def work(self, progress: Progress, should_cancel: ShouldCancel) -> dict[str, Position]:
        """The positions of the visible actors (raises Cancelled when cancelled)."""
        return named_layout(self.kb, self.name, claims=self.claims, actors=self.actors,
                            start=self.start if self.name == "forceatlas2" else None, fixed=self.fixed,
                            centre=self.centre, method=self.method, should_cancel=should_cancel,
                            progress=progress)


def layout_problem(session: Session, name: str) -> str | None:
    """Why the layout ``name`` cannot run now (a line for the status bar), or None."""
    if session.kb is None or not session.visible.actors:
        return "Nothing to lay out: no actor is shown"
    if name == "radial" and not [a for a in session.selection.actors if a in session.visible.actors]:
        return "Select the actor to lay the graph out around, then choose Radial again"
    return None


def layout_request(session: Session, name: str, positions: dict[str, Position],
                   pinned: dict[str, Position]) -> LayoutRequest:
    """The request for layout ``name`` of what the session shows; ``positions`` where the actors are now (the
    start of ForceAtlas2), ``pinned`` the pinned actors' places. Check :func:`layout_problem` first."""
    kb = session.kb
    assert kb is not None
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout {name!r}")
    shown = session.visible.claim_set
    actors = frozenset(session.visible.actors)
    centre = next((a for a in session.selection.actors if a in actors), None)
    return LayoutRequest(kb, name, tuple(c for iri, c in kb.claims.items() if iri in shown), actors,
                         {a: p for a, p in positions.items() if a in actors},
                         {a: p for a, p in pinned.items() if a in actors}, centre, session.lens.method)
