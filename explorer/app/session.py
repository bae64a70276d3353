"""The session: one owner of what the user is looking at.

It holds the knowledge and where it came from, the filter controls and what they let through, the
selection (one or several actors, an edge's claims, or a path), the focus, the paths found and the last
validation report. Every action is a method that first works out everything that follows from it (a
click in focus mode moves the focus, which changes what is visible, which may drop part of the
selection), then announces one :class:`Change`: the windows redraw from the session once per action,
and never ask each other what is selected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.app.events import Event
from explorer.app.lens import Lens
from explorer.core.api import ServerFiltered
from explorer.core.filters import FilterState, Visible, find_paths, visible

if TYPE_CHECKING:
    from explorer.app.view_history import ViewStep
    from explorer.app.views import Layout, SavedView
    from explorer.core.api import Knowledge
    from explorer.core.model import Claim
    from explorer.core.network import PathStep
    from explorer.core.validate import Report


@dataclass(frozen=True)
class Selection:
    """What the user picked: actors (in the order picked), or the claims of an edge, or a path."""

    actors: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    path: int | None = None
    found: str | None = None  # the words Find looked for in the claims' quotes, when it chose ``claims``

    @property
    def empty(self) -> bool:
        return not self.actors and not self.claims and self.path is None

    @property
    def actor(self) -> str | None:
        """The one selected actor (None when none or several are)."""
        return self.actors[0] if len(self.actors) == 1 else None


NOTHING = Selection()


@dataclass(frozen=True)
class Change:
    """What one action changed, for the observers to redraw just that (each flag says 'look again')."""

    knowledge: bool = False  # another knowledge base (a new graph: draw it afresh)
    edited: bool = False  # the same graph, changed in place (an edit, an expansion: keep positions)
    visible: bool = False  # the filters let through other actors or claims
    selection: bool = False
    paths: bool = False
    report: bool = False
    refit: bool = False  # the focus moved: the view should fit what is now visible
    lens: bool = False  # another lens (explorer.app.lenses): sizes and colours to redraw
    blocs: bool = False  # the blocs were collapsed into group nodes or expanded (explorer.app.collapse)
    message: str = ""  # a line for the status bar

    def __or__(self, other: Change) -> Change:
        """Both changes as one (what either changed)."""
        return Change(
            knowledge=self.knowledge or other.knowledge, edited=self.edited or other.edited,
            visible=self.visible or other.visible, selection=self.selection or other.selection,
            paths=self.paths or other.paths, report=self.report or other.report, refit=self.refit or other.refit,
            lens=self.lens or other.lens, blocs=self.blocs or other.blocs, message=other.message or self.message,
        )


@dataclass(frozen=True)
class FindResult:
    """The outcome of Find: the actor to show, or a message saying why there is none."""

    actor: str | None
    message: str = ""
    claims: tuple[str, ...] = ()  # no actor is called so, but these claims' passages hold the words


@dataclass
class Session:
    """What the user is looking at; see the module docstring."""

    kb: Knowledge | None = None
    sources: list[Path] = field(default_factory=list)
    #: Where a graph not read from files came from ("endpoint: …"), for the status bar.
    origin: str = ""
    #: The filter controls as set by the user, focus excluded (the session owns the focus).
    controls: FilterState = field(default_factory=FilterState)
    focus_mode: bool = False
    focus_actor: str | None = None
    visible: Visible = field(default_factory=lambda: Visible(frozenset()))
    selection: Selection = NOTHING
    paths: list[list[PathStep]] = field(default_factory=list)
    report: Report | None = None
    lens: Lens = field(default_factory=Lens)
    #: Actors the user hid (Hide, Show Only This), apart from the filters (explorer.app.hiding).
    hidden: frozenset[str] = frozenset()
    #: Whether actors without a visible claim are shown (View › Show Actors Without Claims).
    show_unlinked: bool = False
    #: How many actors are left out for having no visible claim (the status bar says so).
    unlinked: int = 0
    #: Where the next "Path to Here" starts (set by "Path from Here").
    path_start: str | None = None
    #: The canvas shows the blocs collapsed into group nodes (explorer.app.collapse).
    collapsed_blocs: bool = False
    changed: Event[Change] = field(default_factory=Event, repr=False, compare=False)

    # ---------------------------------------------------------------- reading

    @property
    def filters(self) -> FilterState:
        """The filters in force: the controls, with the focus when focus mode is on and an actor is focused."""
        focus = self.focus_actor if self.focus_mode else None
        if focus == self.controls.focus:
            return self.controls
        return self.controls.with_(focus=focus)

    def visible_claims_of(self, actor: str) -> list[Claim]:
        """The claims involving ``actor`` that the filters let through, in the knowledge's order."""
        if self.kb is None:
            return []
        shown = self.visible.claim_set
        return [c for c in self.kb.claims_of(actor) if c.iri in shown]

    def claims_among(self, actors: Iterable[str]) -> list[Claim]:
        """The visible claims whose two ends are both among ``actors`` (what a multiple selection shows)."""
        if self.kb is None:
            return []
        chosen = set(actors)
        shown = self.visible.claim_set
        seen: set[str] = set()
        out: list[Claim] = []
        for actor in chosen:
            for claim in self.kb.claims_of(actor):
                if claim.iri in shown and claim.iri not in seen and claim.subject in chosen and claim.object in chosen:
                    seen.add(claim.iri)
                    out.append(claim)
        return out

    # ---------------------------------------------------------------- the graph

    def set_knowledge(self, kb: Knowledge | None, sources: Sequence[Path] = (), *, origin: str = "") -> None:
        """Show another graph: filters, focus, selection, paths and report start afresh."""
        self.kb = kb
        self.sources = [Path(p) for p in sources]
        self.origin = origin
        from explorer.app.server_time import server_controls

        self.controls = server_controls(kb)  # (an endpoint opened in a time window shows it)
        self.focus_mode = False
        self.focus_actor = None
        self.hidden = frozenset()
        self.path_start = None
        self.collapsed_blocs = False
        from explorer.core.api import Expandable

        self.show_unlinked = isinstance(kb, Expandable)  # an endpoint's actors are expanded from an empty start
        self.visible = self._visible_now() if kb is not None else Visible(frozenset())
        self.selection = NOTHING
        self.paths = []
        self.report = None
        self.changed.emit(Change(knowledge=True, visible=True, selection=True, paths=True, report=True, blocs=True))

    def replace_knowledge(self, kb: Knowledge, sources: Sequence[Path] | None = None, *, keep: str | None = None,
                          message: str = "") -> None:
        """The same graph changed in place (an edit, an expansion): the filters start afresh so that the
        change shows; the selection keeps what still exists (``keep`` is selected when given)."""
        before = self.controls
        self.kb = kb
        if sources is not None:
            self.sources = [Path(p) for p in sources]
        from explorer.app.server_time import time_kept

        self.controls = time_kept(kb, before)  # (an endpoint's window stays: its new claims are all in it)
        if self.focus_actor is not None and self.focus_actor not in kb.actors:
            self.focus_actor = None
        self.visible = self._visible_now()
        self.paths = []
        if keep is not None and keep in self.visible.actors:
            self.selection = Selection(actors=(keep,))
        else:
            self.selection = self._pruned(self.selection)
        if before.active and self.controls != before and not message:
            message = "The filters were reset to show the change."
        self.changed.emit(Change(edited=True, visible=True, selection=True, paths=True, message=message))

    def set_sources(self, sources: Sequence[Path]) -> None:
        """The files the graph is now kept in (after Save As)."""
        self.sources = [Path(p) for p in sources]
        self.changed.emit(Change())

    # ---------------------------------------------------------------- filters and focus

    def set_filters(self, controls: FilterState, *, focus_mode: bool | None = None) -> None:
        """Apply the filter controls (their ``focus`` is ignored: the session owns the focus)."""
        if self.kb is None:
            return
        before = self.filters.focus
        self.controls = controls.with_(focus=None) if controls.focus is not None else controls
        if focus_mode is not None:
            self.focus_mode = focus_mode
            if focus_mode and self.focus_actor is None and self.selection.actors:
                self.focus_actor = self.selection.actors[0]
        self._refilter(refit=self.filters.focus != before)

    def fetched_in_window(self, message: str = "") -> None:
        """An endpoint's graph gained the claims of a new time window (explorer.app.server_time): shown
        in place, the filters kept."""
        if self.kb is not None:
            self._refilter(change=Change(edited=True, message=message))

    def _refilter(self, *, refit: bool = False, change: Change | None = None) -> None:
        assert self.kb is not None
        if isinstance(self.kb, ServerFiltered):  # an endpoint's: the time window goes with its queries
            from explorer.core.server_window import server_window

            f = self.filters
            self.kb.set_window(server_window(f.date_from, f.date_to, f.clock, f.include_undated))
        self.visible = self._visible_now()
        paths = bool(self.paths)
        self.paths = []  # found over the claims shown before: look again
        self.selection = self._pruned(self.selection)
        done = Change(visible=True, selection=True, paths=paths, refit=refit and bool(self.visible.actors))
        self.changed.emit(done if change is None else change | done)

    def _visible_now(self) -> Visible:
        """What the filters let through, less the hidden actors and (unless shown) those without claims."""
        from explorer.app.hiding import narrowed

        assert self.kb is not None
        filters = self.filters
        shown = visible(self.kb, filters)  # type: ignore[arg-type]
        keep = [self.focus_actor] if self.focus_actor is not None and self.focus_mode else []
        shown, self.unlinked = narrowed(self.kb, shown, self.hidden, self.show_unlinked,
                                        filters.filters_claims, keep)
        return shown

    def _pruned(self, selection: Selection) -> Selection:
        """The part of ``selection`` still shown."""
        if self.kb is None:
            return NOTHING
        actors = tuple(a for a in selection.actors if a in self.visible.actors)
        claims = tuple(c for c in selection.claims if c in self.visible.claim_set)
        path = selection.path if selection.path is not None and selection.path < len(self.paths) else None
        return Selection(actors, claims if len(claims) == len(selection.claims) else (), path)

    # ---------------------------------------------------------------- selection

    def select(self, actors: Sequence[str] = (), claims: Sequence[str] = ()) -> None:
        """Select actors (several with Ctrl+click) or the claims of an edge; nothing clears the selection.

        In focus mode the focus follows the first selected actor, and clearing the selection clears the
        focus: what is visible is worked out before the one change is announced."""
        if self.kb is None:
            return
        actors = tuple(dict.fromkeys(a for a in actors if a in self.kb.actors))
        claims = tuple(dict.fromkeys(c for c in claims if c in self.kb.claims))
        selection = Selection(actors=actors) if actors else Selection(claims=claims)
        focus = actors[0] if actors else (self.focus_actor if claims else None)
        if self.focus_actor is not None and focus is not None and self.focus_actor in actors:
            focus = self.focus_actor  # Ctrl+click adds actors around the focus: it stays where it is
        if selection == self.selection and focus == self.focus_actor:
            return
        self.selection = selection
        if focus != self.focus_actor:
            self.focus_actor = focus
            if self.focus_mode:
                self._refilter(refit=True)
                return
        self.changed.emit(Change(selection=True))

    def set_lens(self, lens: Lens) -> None:
        """Size and colour the graph another way (see explorer.app.lenses)."""
        if lens != self.lens:
            self.lens = lens
            self.changed.emit(Change(lens=True, message="; ".join(self._lens_summary())))

    def set_collapsed_blocs(self, on: bool) -> None:
        """Collapse the blocs into group nodes, or expand them (a view change: Back undoes it)."""
        if on != self.collapsed_blocs and (self.kb is not None or not on):
            self.collapsed_blocs = on
            self.changed.emit(Change(blocs=True, message="blocs collapsed into group nodes: click a group edge "
                                                         "for its claims" if on else "blocs expanded"))

    def _lens_summary(self) -> list[str]:
        lens = self.lens
        return [f"size by {lens.node_size}", f"colour by {lens.node_colour}", f"edges by {lens.edge_colour}"]

    def clear_selection(self) -> None:
        self.select(())

    def toggle_actor(self, actor: str) -> None:
        """Ctrl+click: add ``actor`` to the selected actors, or take it out."""
        actors = list(self.selection.actors)
        if actor in actors:
            actors.remove(actor)
        else:
            actors.append(actor)
        self.select(actors)

    def select_edge(self, a: str, b: str, category: str | None = None) -> None:
        """A click on the edge between ``a`` and ``b``: every visible claim between the two (only those of
        ``category`` when the graph draws one edge per category), in the knowledge's order."""
        if self.kb is None:
            return
        shown = self.visible.claim_set
        kb = self.kb
        claims = [c.iri for c in kb.claims_between(a, b) if c.iri in shown
                  and (category is None or kb.category_of(c).iri == category)]
        self.select(claims=claims)

    # ---------------------------------------------------------------- hiding and focusing (view changes)

    def hide(self, actors: Iterable[str]) -> None:
        """Leave these actors (and their claims) out of the graph until shown again."""
        if self.kb is None:
            return
        more = frozenset(a for a in actors if a in self.kb.actors) - self.hidden
        if not more:
            return
        self.hidden |= more
        if self.focus_actor in more:
            self.focus_actor = None
        names = ", ".join(sorted(self.kb.label(a) for a in more)[:3]) + (" …" if len(more) > 3 else "")
        self._refilter(change=Change(message=f"Hid {names} (View › Show Hidden Actors brings them back)"))

    def show_hidden(self) -> None:
        """Bring back every actor the user hid."""
        if self.kb is None or not self.hidden:
            return
        count = len(self.hidden)
        self.hidden = frozenset()
        self._refilter(change=Change(message=f"{count} hidden actor{'s' if count != 1 else ''} shown again"))

    def neighbours_of(self, actor: str) -> set[str]:
        """Every actor a claim links to ``actor``, shown or not (the graph's, not the filters')."""
        if self.kb is None:
            return set()
        return {end for c in self.kb.claims_of(actor) for end in c.ends} - {actor}

    def show_only(self, actor: str) -> None:
        """Hide everything but ``actor`` and the actors its visible claims link it to, and select it."""
        if self.kb is None or actor not in self.kb.actors:
            return
        near = {end for c in self.visible_claims_of(actor) for end in c.ends} | {actor}
        self.hidden = frozenset(self.kb.actors) - near
        self.selection = Selection(actors=(actor,))
        if self.focus_actor is not None and self.focus_actor not in near:
            self.focus_actor = actor
        self._refilter(refit=True, change=Change(
            selection=True, message=f"Only {self.kb.label(actor)} and its neighbours shown "
                                    "(View › Show Hidden Actors brings the rest back)"))

    def expand_neighbours(self, actor: str) -> None:
        """Show the actors linked to ``actor`` that were hidden (by the user, or for having no claim)."""
        if self.kb is None:
            return
        near = self.neighbours_of(actor)
        back = self.hidden & near
        self.hidden -= back
        self._refilter(change=Change(message=f"{len(back)} neighbour{'s' if len(back) != 1 else ''} of "
                                             f"{self.kb.label(actor)} shown again" if back else ""))

    def set_show_unlinked(self, on: bool) -> None:
        """Show (or leave out) the actors without a visible claim."""
        if on == self.show_unlinked or self.kb is None:
            return
        self.show_unlinked = on
        self._refilter()

    def focus_on(self, actor: str) -> None:
        """Focus mode around ``actor``: the graph narrows to its neighbourhood, and it is selected."""
        if self.kb is None or actor not in self.kb.actors:
            return
        self.hidden -= {actor}
        self.focus_mode = True
        self.focus_actor = actor
        self.selection = Selection(actors=(actor,))
        self._refilter(refit=True, change=Change(selection=True))

    def path_from(self, actor: str) -> None:
        """Remember where the next "Path to Here" starts."""
        if self.kb is None or actor not in self.kb.actors:
            return
        self.path_start = actor
        self.changed.emit(Change(message=f"Path from {self.kb.label(actor)}: now choose Path to Here on another actor"))

    def path_to(self, actor: str) -> list[list[PathStep]]:
        """The shortest chains from the remembered start to ``actor`` (none without a start)."""
        if self.kb is None or self.path_start is None or self.path_start == actor:
            return []
        return self.find_paths(self.path_start, actor)

    # ---------------------------------------------------------------- find and paths

    def find(self, text: str) -> FindResult:
        """The actor called ``text`` (an exact name or alias first, then a search), if the filters show it.

        May ask a remote store (its search): run it off the GUI thread for such a graph."""
        text = text.strip()
        if self.kb is None or not text:
            return FindResult(None)
        exact = [a for a in self.kb.actors.values() if text in a.names()]
        matches = exact or self.kb.find_actors(text)
        if not matches:
            return self._find_in_quotes(text)
        actor = matches[0]
        if actor.iri not in self.visible.actors:
            return FindResult(None, self.why_hidden(actor.iri))
        return FindResult(actor.iri)

    def why_hidden(self, actor: str) -> str:
        """Why ``actor`` is not on the canvas, and the way back (Find and the path boxes say it)."""
        if self.kb is None:
            return ""
        name = self.kb.label(actor)
        if actor in self.hidden:
            return f"{name} is hidden (View › Show Hidden Actors brings it back)"
        if not self.show_unlinked and not self.visible_claims_of(actor):
            passing = visible(self.kb, self.filters)  # type: ignore[arg-type]
            if actor in passing.actors:
                return f"{name} has no claim shown (View › Show Actors Without Claims shows it)"
        return f"{name} is hidden by the filters"

    def _find_in_quotes(self, text: str) -> FindResult:
        """The visible claims whose passages hold ``text``'s words, selected (passages already in memory
        only: an endpoint's are fetched claim by claim, far too slowly to search)."""
        from explorer.app.finding import quote_matches
        from explorer.core.api import LazyEvidence

        none = FindResult(None, f"No actor is called {text!r}, and no passage says it")
        if isinstance(self.kb, ServerFiltered) and not self.kb.window.everything:  # (Find asked in the window)
            return FindResult(None, f"No actor called {text!r} has a claim in the time window")
        if self.kb is None or isinstance(self.kb, LazyEvidence):
            return FindResult(None, f"No actor is called {text!r}")
        claims = tuple(quote_matches(self.kb, text, sorted(self.visible.claims)))
        if not claims:
            return none
        self.selection = Selection(claims=claims, found=text)
        self.changed.emit(Change(selection=True))
        said = "1 claim has a passage" if len(claims) == 1 else f"{len(claims)} claims have passages"
        return FindResult(None, f"No actor is called {text!r}: {said} that say it", claims)

    def actor_named(self, text: str) -> str | None:
        """The loaded actor called ``text`` (its label, then any of its names, then a name containing it,
        case and accents aside), from memory only: the path boxes list the loaded actors, and typing in them must
        never wait on an endpoint."""
        text = text.strip()
        if self.kb is None or not text:
            return None
        from explorer.core.knowledge import fold  # (loaded with any graph)

        actors = list(self.kb.actors.values())
        folded = fold(text)
        for matches in (lambda a: a.label == text, lambda a: text in a.names(),
                        lambda a: any(folded == fold(n) for n in a.names()),
                        lambda a: any(folded in fold(n) for n in a.names())):
            found = [a for a in actors if matches(a)]
            if found:
                return min(found, key=lambda a: (len(a.label), a.label)).iri
        return None

    def find_paths(self, source: str, target: str) -> list[list[PathStep]]:
        """The shortest chains between two actors over the visible claims; the first one is chosen."""
        if self.kb is None:
            return []
        self.paths = find_paths(self.kb, source, target, self.visible.claims)  # type: ignore[arg-type]
        self.selection = Selection(path=0) if self.paths else replace(self.selection, path=None)
        self.changed.emit(Change(paths=True, selection=True))
        return self.paths

    def choose_path(self, row: int) -> None:
        if 0 <= row < len(self.paths) and self.selection.path != row:
            self.selection = Selection(path=row)
            self.changed.emit(Change(selection=True))

    @property
    def path(self) -> list[PathStep] | None:
        row = self.selection.path
        return self.paths[row] if row is not None and row < len(self.paths) else None

    # ---------------------------------------------------------------- showing an item

    def reveal(self, iri: str) -> bool:
        """Select what ``iri`` names (an actor, a claim's subject, a passage's claim's subject), resetting the
        filters when they hide it; False when the graph has no such thing."""
        kb = self.kb
        if kb is None or not iri:
            return False
        if iri in kb.evidence:
            return self.reveal(kb.evidence[iri].claim)
        if iri in kb.claims:
            claim = kb.claims[iri]
            if claim.subject not in self.visible.actors or iri not in self.visible.claim_set:
                self._show_everything()
            self.select([claim.subject])
            return claim.subject in self.visible.actors
        if iri in kb.actors:
            if iri not in self.visible.actors:
                self._show_everything()
            self.select([iri])
            return iri in self.visible.actors
        return False

    def _show_everything(self) -> None:
        self.controls = FilterState()
        self.focus_mode = False
        self.hidden = frozenset()
        self.show_unlinked = True  # (what is revealed may have no claim)
        self._refilter()

    # ---------------------------------------------------------------- saved views

    def capture_view(self, name: str, layout: Layout) -> SavedView:
        """The working state as a named view (the window supplies where things are on screen)."""
        from dataclasses import asdict

        from explorer.app.views import capture

        return capture(name, self.controls, self.focus_mode, self.focus_actor, self.selection.actors,
                       self.selection.claims, layout, lens=asdict(self.lens), hidden=tuple(sorted(self.hidden)))

    def apply_view(self, view: SavedView) -> SavedView:
        """Open a saved view: its filters, focus and selection in one change (a note names the actors the
        graph no longer has); returns the view as applied, for the window to restore its layout."""
        from explorer.app.views import fitted

        if self.kb is None:
            return view
        view, note = fitted(view, self.kb)
        self.controls = view.filters.with_(focus=None)
        self.focus_mode = view.focus_mode
        self.focus_actor = view.focus
        self.hidden = frozenset(a for a in view.hidden if a in self.kb.actors)
        self.visible = self._visible_now()
        self.paths = []
        self.selection = self._pruned(Selection(actors=view.selected_actors, claims=view.selected_claims))
        lens_changed = False
        if view.lens is not None:
            try:
                lens = Lens(**{k: str(v) for k, v in view.lens.items() if k in Lens.__dataclass_fields__})
            except (TypeError, ValueError):  # a view written by a later version: keep the lens shown
                lens = self.lens
            lens_changed, self.lens = lens != self.lens, lens
        self.changed.emit(Change(visible=True, selection=True, paths=True, lens=lens_changed, message=note))
        return view

    # ---------------------------------------------------------------- the view history

    def view_step(self, positions: Mapping[str, tuple[float, float]], pinned: Iterable[str]) -> ViewStep:
        """The view as it is now (the window supplies where the actors are), for the view history."""
        from explorer.app.view_history import ViewStep

        return ViewStep(self.controls, self.focus_mode, self.focus_actor, self.hidden, self.show_unlinked,
                        dict(positions), frozenset(pinned), self.collapsed_blocs)

    def restore_view_step(self, step: ViewStep) -> None:
        """Put a step of the view history back (Alt+Left, Alt+Right): its filters, focus and hidden actors
        in one change; the data is not touched (the window moves the actors back)."""
        if self.kb is None:
            return
        self.controls = step.controls
        self.focus_mode = step.focus_mode
        self.focus_actor = step.focus_actor if step.focus_actor in self.kb.actors else None
        self.hidden = frozenset(a for a in step.hidden if a in self.kb.actors)
        self.show_unlinked = step.show_unlinked
        blocs, self.collapsed_blocs = step.collapsed_blocs != self.collapsed_blocs, step.collapsed_blocs
        self._refilter()
        if blocs:
            self.changed.emit(Change(blocs=True))

    # ---------------------------------------------------------------- validation

    def set_report(self, report: Report) -> None:
        self.report = report
        self.changed.emit(Change(report=True))
