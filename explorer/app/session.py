"""The session: one owner of what the user is looking at.

It holds the knowledge and where it came from, the filter controls and what they let through, the
selection (one or several actors, an edge's claims, or a path), the focus, the paths found and the last
validation report. Every action is a method that first works out everything that follows from it (a
click in focus mode moves the focus, which changes what is visible, which may drop part of the
selection), then announces one :class:`Change`: the windows redraw from the session once per action,
and never ask each other what is selected.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.app.events import Event
from explorer.app.lens import Lens
from explorer.core.api import ServerFiltered
from explorer.core.filters import FilterState, Visible, find_paths, visible
from explorer.core.server_window import server_window

if TYPE_CHECKING:
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
    message: str = ""  # a line for the status bar

    def __or__(self, other: Change) -> Change:
        """Both changes as one (what either changed)."""
        return Change(
            knowledge=self.knowledge or other.knowledge, edited=self.edited or other.edited,
            visible=self.visible or other.visible, selection=self.selection or other.selection,
            paths=self.paths or other.paths, report=self.report or other.report, refit=self.refit or other.refit,
            lens=self.lens or other.lens, message=other.message or self.message,
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
        self.controls = FilterState()
        self.focus_mode = False
        self.focus_actor = None
        self.visible = visible(kb, self.filters) if kb is not None else Visible(frozenset())  # type: ignore[arg-type]
        self.selection = NOTHING
        self.paths = []
        self.report = None
        self.changed.emit(Change(knowledge=True, visible=True, selection=True, paths=True, report=True))

    def replace_knowledge(self, kb: Knowledge, sources: Sequence[Path] | None = None, *, keep: str | None = None,
                          message: str = "") -> None:
        """The same graph changed in place (an edit, an expansion): the filters start afresh so that the
        change shows; the selection keeps what still exists (``keep`` is selected when given)."""
        filtered = self.controls.active
        self.kb = kb
        if sources is not None:
            self.sources = [Path(p) for p in sources]
        self.controls = FilterState()
        if self.focus_actor is not None and self.focus_actor not in kb.actors:
            self.focus_actor = None
        self.visible = visible(kb, self.filters)  # type: ignore[arg-type]
        self.paths = []
        if keep is not None and keep in self.visible.actors:
            self.selection = Selection(actors=(keep,))
        else:
            self.selection = self._pruned(self.selection)
        if filtered and not message:
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

    def _refilter(self, *, refit: bool = False, change: Change | None = None) -> None:
        assert self.kb is not None
        if isinstance(self.kb, ServerFiltered):  # an endpoint's: the time window goes with its queries
            f = self.filters
            self.kb.set_window(server_window(f.date_from, f.date_to, f.clock, f.include_undated))
        self.visible = visible(self.kb, self.filters)  # type: ignore[arg-type]
        paths = bool(self.paths)
        self.paths = []  # found over the claims shown before: look again
        self.selection = self._pruned(self.selection)
        done = Change(visible=True, selection=True, paths=paths, refit=refit and bool(self.visible.actors))
        self.changed.emit(done if change is None else change | done)

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
            return FindResult(None, f"{actor.label} is hidden by the filters")
        return FindResult(actor.iri)

    def _find_in_quotes(self, text: str) -> FindResult:
        """The visible claims whose passages hold ``text``'s words, selected (passages already in memory
        only: an endpoint's are fetched claim by claim, far too slowly to search)."""
        from explorer.app.finding import quote_matches
        from explorer.core.api import LazyEvidence

        none = FindResult(None, f"No actor is called {text!r}, and no passage says it")
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
        self._refilter()

    # ---------------------------------------------------------------- saved views

    def capture_view(self, name: str, layout: Layout) -> SavedView:
        """The working state as a named view (the window supplies where things are on screen)."""
        from dataclasses import asdict

        from explorer.app.views import capture

        return capture(name, self.controls, self.focus_mode, self.focus_actor, self.selection.actors,
                       self.selection.claims, layout, lens=asdict(self.lens))

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
        self.visible = visible(self.kb, self.filters)  # type: ignore[arg-type]
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

    # ---------------------------------------------------------------- validation

    def set_report(self, report: Report) -> None:
        self.report = report
        self.changed.emit(Change(report=True))
