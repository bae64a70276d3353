"""Which actors the window leaves out apart from the filters: those the user hid (Hide, Show Only This)
and, unless asked for, those without a visible claim (an isolated dot with an empty panel tells a reader
nothing). The filters say what passes; this narrows what they let through, so a saved view, the status
bar and the view history see one rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from explorer.core.filters import Visible

if TYPE_CHECKING:
    from explorer.core.api import Knowledge


def narrowed(kb: Knowledge, shown: Visible, hidden: frozenset[str], show_unlinked: bool,
             claims_filtered: bool, keep: Iterable[str] = ()) -> tuple[Visible, int]:
    """``shown`` without the hidden actors (and their claims) and, unless ``show_unlinked``, without the
    actors left with no visible claim; returns it with the number of actors left out for having none.

    ``claims_filtered``: the filters already restrict the claims (then the core keeps only actors with a
    passing claim, and nothing is unlinked but ``keep``, the focused actor). ``keep`` is never left out
    for having no claim."""
    if not hidden and (show_unlinked or claims_filtered):
        return shown, 0
    claims, faded = shown.claims, shown.faded
    if hidden:
        every = kb.claims

        def kept(iri: str) -> bool:
            claim = every[iri]
            return claim.subject not in hidden and claim.object not in hidden

        claims = tuple(c for c in claims if kept(c))
        faded = tuple(c for c in faded if kept(c))
        if shown.since:  # a play step's moves: never bring in a hidden actor's claim
            shown = replace(shown, entered=frozenset(c for c in shown.entered if kept(c)))
    actors = set(shown.actors) - hidden
    unlinked = 0
    if not show_unlinked:
        linked = {end for iri in (*claims, *faded) for end in kb.claims[iri].ends}
        linked.update(a for a in keep if a in actors)
        lonely = actors - linked
        unlinked = len(lonely - hidden)
        actors -= lonely
    return replace(shown, actors=frozenset(actors), claims=claims, faded=faded), unlinked


def unlinked_line(count: int) -> str:
    """The status bar's note of the actors left out for having no visible claim."""
    if not count:
        return ""
    return f"{count} actor{'s' if count != 1 else ''} without claims hidden"
