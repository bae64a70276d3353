"""What the graph's context menus offer, and when each entry applies (Qt-free; explorer.gui.canvas_menus
draws the menus and calls the session's actions)."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.app.session import Session
from explorer.core.api import Expandable


@dataclass(frozen=True)
class ActorMenu:
    """The entries of an actor's menu that apply (the others are shown disabled)."""

    expand: bool  # some neighbour is hidden, or the graph expands from an endpoint
    hide: bool
    path_to: bool  # a path start is chosen, and it is another actor
    read: tuple[str, str] | None  # (passage, claim) the reader opens on
    wikidata: str | None  # the actor's Wikidata link


def actor_menu(session: Session, actor: str) -> ActorMenu:
    kb = session.kb
    hidden_near = bool(session.neighbours_of(actor) & session.hidden)
    return ActorMenu(
        expand=hidden_near or isinstance(kb, Expandable),
        hide=actor in session.visible.actors,
        path_to=session.path_start is not None and session.path_start != actor,
        read=first_passage(session, actor),
        wikidata=wikidata_link(session, actor),
    )


def first_passage(session: Session, actor: str) -> tuple[str, str] | None:
    """The first passage of the actor's first visible claim that has one: (passage, claim)."""
    for claim in session.visible_claims_of(actor):
        if claim.evidence:
            return claim.evidence[0], claim.iri
    return None


def wikidata_link(session: Session, actor: str) -> str | None:
    kb = session.kb
    if kb is None or actor not in kb.actors:
        return None
    return next((u for u in kb.actors[actor].same_as if "wikidata.org" in u), None)


def hidden_targets(session: Session, actor: str) -> list[str]:
    """What Hide hides: the selected actors when the right-clicked one is among them, else that one."""
    chosen = session.selection.actors
    return list(chosen) if actor in chosen else [actor]
