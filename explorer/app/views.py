"""Saved views: the working state of the window, named, kept as data that survives an edit of the graph.

A view holds the filter controls (every field of :class:`FilterState`, so fields other helpers add are
kept too), focus mode and the focused actor, the selection, hidden actors, the lens (when there is one),
and the layout: each actor's position, the pinned actors, the zoom and the centre of the view. It refers to
actors and claims by IRI, never by an index: a view whose actors are gone opens without them, with a note
naming them.

Views are stored as JSON (see README, "Saved views"): positions are floats that must come back to the
bit (Python's JSON writes the shortest repr that reads back the same double), the list keeps the user's
order, and the file is UI state about the graph, not knowledge to merge into it.

Where views live is one function, :func:`views_file`: next to the first opened file, or in the user's
settings folder for the bundled graph (a workspace folder will take its place when workspaces exist).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.errors import ExplorerError
from explorer.core.filters import FilterState

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.report.build import Scope

Position = tuple[float, float]

#: The file of saved views in a folder (next to the opened files, or in the settings folder).
VIEWS_FILE = "explorer-views.json"
FORMAT = 1
#: The name under which the window keeps its last state (not listed among the user's views).
LAST = "(last state)"


@dataclass(frozen=True)
class Layout:
    """Where things are on screen, as plain numbers: the GUI fills it and applies it."""

    positions: Mapping[str, Position] = field(default_factory=dict)
    pinned: frozenset[str] = frozenset()
    zoom: float = 1.0
    centre: Position = (0.0, 0.0)
    #: the graph view's size in pixels when saved (positions are exact to the pixel at this size)
    size: tuple[int, int] | None = None
    #: the scrollable area (left, top, width, height) and the scroll bars' values: at the same size, the
    #: window scrolls back to the very pixel (the centre alone would round differently)
    area: tuple[float, float, float, float] | None = None
    scroll: tuple[int, int] | None = None


@dataclass(frozen=True)
class SavedView:
    """One named working state; see the module docstring."""

    name: str
    filters: FilterState = field(default_factory=FilterState)
    focus_mode: bool = False
    focus: str | None = None
    selected_actors: tuple[str, ...] = ()
    selected_claims: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    lens: Mapping[str, Any] | None = None
    layout: Layout = field(default_factory=Layout)

    def actors(self) -> set[str]:
        """Every actor the view names."""
        named = set(self.layout.positions) | set(self.selected_actors) | set(self.hidden) | set(self.layout.pinned)
        if self.focus:
            named.add(self.focus)
        return named


# ---------------------------------------------------------------- to and from data


def filters_to_data(state: FilterState) -> dict[str, Any]:
    """Every field of the filters (sets as sorted lists), the focus left out: the view keeps its own."""
    out: dict[str, Any] = {}
    for f in fields(state):
        if f.name == "focus":
            continue
        value = getattr(state, f.name)
        out[f.name] = sorted(value) if isinstance(value, frozenset) else value
    return out


def filters_from_data(data: Mapping[str, Any]) -> FilterState:
    """The filters a view recorded; fields this version does not know are left aside, lists become sets."""
    known = {f.name for f in fields(FilterState)} - {"focus"}
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name in known:
            values[name] = frozenset(value) if isinstance(value, list) else value
    return FilterState(**values)


def view_to_data(view: SavedView) -> dict[str, Any]:
    layout = view.layout
    return {
        "name": view.name,
        "filters": filters_to_data(view.filters),
        "focus_mode": view.focus_mode,
        "focus": view.focus,
        "selection": {"actors": list(view.selected_actors), "claims": list(view.selected_claims)},
        "hidden": list(view.hidden),
        "lens": dict(view.lens) if view.lens is not None else None,
        "layout": {
            "zoom": layout.zoom,
            "centre": list(layout.centre),
            "size": list(layout.size) if layout.size is not None else None,
            "area": list(layout.area) if layout.area is not None else None,
            "scroll": list(layout.scroll) if layout.scroll is not None else None,
            "pinned": sorted(layout.pinned),
            "positions": {iri: [x, y] for iri, (x, y) in sorted(layout.positions.items())},
        },
    }


def view_from_data(data: Mapping[str, Any]) -> SavedView:
    """A view read back; ExplorerError (caught by the caller to name the file) when it is malformed."""
    try:
        raw = data.get("layout") or {}
        size, area, scroll = raw.get("size"), raw.get("area"), raw.get("scroll")
        layout = Layout(
            positions={str(iri): (float(p[0]), float(p[1])) for iri, p in (raw.get("positions") or {}).items()},
            pinned=frozenset(str(p) for p in raw.get("pinned") or ()),
            zoom=float(raw.get("zoom", 1.0)),
            centre=(float(raw.get("centre", (0, 0))[0]), float(raw.get("centre", (0, 0))[1])),
            size=(int(size[0]), int(size[1])) if size else None,
            area=(float(area[0]), float(area[1]), float(area[2]), float(area[3])) if area else None,
            scroll=(int(scroll[0]), int(scroll[1])) if scroll else None,
        )
        selection = data.get("selection") or {}
        return SavedView(
            name=str(data["name"]),
            filters=filters_from_data(data.get("filters") or {}),
            focus_mode=bool(data.get("focus_mode", False)),
            focus=data.get("focus"),
            selected_actors=tuple(str(a) for a in selection.get("actors") or ()),
            selected_claims=tuple(str(c) for c in selection.get("claims") or ()),
            hidden=tuple(str(a) for a in data.get("hidden") or ()),
            lens=data.get("lens"),
            layout=layout,
        )
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise ExplorerError(f"a saved view is malformed ({type(exc).__name__}: {exc})") from None


# ---------------------------------------------------------------- capture and apply


def capture(name: str, controls: FilterState, focus_mode: bool, focus: str | None, actors: Sequence[str],
            claims: Sequence[str], layout: Layout, *, lens: Mapping[str, Any] | None = None,
            hidden: Sequence[str] = ()) -> SavedView:
    """A session's working state (its filter controls, focus and selection) with the window's ``layout``."""
    return SavedView(name=name, filters=controls.with_(focus=None), focus_mode=focus_mode, focus=focus,
                     selected_actors=tuple(actors), selected_claims=tuple(claims), lens=lens, layout=layout,
                     hidden=tuple(hidden))


def missing_actors(view: SavedView, kb: Knowledge) -> list[str]:
    """The actors the view names that the graph no longer has, sorted."""
    return sorted(a for a in view.actors() if a not in kb.actors)


def fitted(view: SavedView, kb: Knowledge) -> tuple[SavedView, str]:
    """The view without what the graph no longer has, and a note naming the actors left out ('' when none)."""
    gone = set(missing_actors(view, kb))
    claims = tuple(c for c in view.selected_claims if c in kb.claims)
    layout = replace(view.layout, positions={a: p for a, p in view.layout.positions.items() if a not in gone},
                     pinned=frozenset(view.layout.pinned - gone))
    kept = replace(view, focus=None if view.focus in gone else view.focus,
                   selected_actors=tuple(a for a in view.selected_actors if a not in gone),
                   selected_claims=claims, hidden=tuple(a for a in view.hidden if a not in gone), layout=layout)
    note = ""
    if gone:
        names = ", ".join(_short(a) for a in sorted(gone))
        note = f"View {view.name!r}: {len(gone)} actor(s) no longer in the graph: {names}"
    return kept, note


def _short(iri: str) -> str:
    """An IRI's last segment, for a note about an actor the graph no longer has (so no label)."""
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


# ---------------------------------------------------------------- storage


def settings_folder() -> Path:
    """The user's settings folder for explorer (where Qt keeps its settings on Linux too)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "explorer"


def views_file(sources: Sequence[Path], settings: Path | None = None) -> Path:
    """Where the views of a graph read from ``sources`` live: beside the first file, or in the settings
    folder (``settings``, else :func:`settings_folder`) for the bundled graph. The one place to change
    when views move into a workspace."""
    if sources:
        return Path(sources[0]).resolve().parent / VIEWS_FILE
    return (settings or settings_folder()) / VIEWS_FILE


def sources_key(sources: Sequence[Path]) -> str:
    """The graph a last state belongs to: its files' resolved paths ('' for the bundled graph)."""
    return "\n".join(str(Path(p).resolve()) for p in sources)


def last_state_file(settings: Path | None = None) -> Path:
    """The window's last state per graph: in the settings folder (a user's habit, not the data's)."""
    return (settings or settings_folder()) / "explorer-last-views.json"


@dataclass
class ViewStore:
    """The saved views of one file, in the user's order."""

    path: Path
    views: list[SavedView] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> ViewStore:
        """The views in ``path`` (none when it does not exist); ExplorerError naming the file when unreadable."""
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ExplorerError(f"cannot read the saved views: {exc}", path=path) from None
        except json.JSONDecodeError as exc:
            raise ExplorerError(f"line {exc.lineno}: not JSON ({exc.msg})", path=path) from None
        if not isinstance(data, dict) or not isinstance(data.get("views", []), list):
            raise ExplorerError("not a file of saved views (no \"views\" list)", path=path)
        try:
            views = [view_from_data(v) for v in data.get("views", [])]
        except ExplorerError as exc:
            raise ExplorerError(exc.message, path=path) from None
        return cls(path, views)

    def names(self) -> list[str]:
        return [v.name for v in self.views]

    def get(self, name: str) -> SavedView | None:
        return next((v for v in self.views if v.name == name), None)

    def put(self, view: SavedView) -> None:
        """Add the view, or replace the one of the same name where it is (Update)."""
        for i, old in enumerate(self.views):
            if old.name == view.name:
                self.views[i] = view
                break
        else:
            self.views.append(view)
        self.save()

    def rename(self, old: str, new: str) -> None:
        new = new.strip()
        if not new or new == LAST:
            raise ExplorerError(f"{new!r} cannot name a view")
        if new != old and self.get(new) is not None:
            raise ExplorerError(f"a view is already called {new!r}")
        self.views = [replace(v, name=new) if v.name == old else v for v in self.views]
        self.save()

    def delete(self, name: str) -> None:
        self.views = [v for v in self.views if v.name != name]
        self.save()

    def to_bytes(self) -> bytes:
        data = {"format": FORMAT, "views": [view_to_data(v) for v in self.views]}
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

    def save(self) -> None:
        """Write atomically, with the user's normal permissions (creating the settings folder if need be)."""
        from explorer.core.export import write_atomically

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExplorerError(f"cannot make the folder: {exc.strerror}", path=self.path.parent) from None
        write_atomically(self.path, self.to_bytes())


def listing(store: ViewStore, kb: Knowledge | None = None) -> list[dict[str, Any]]:
    """What `explorer views` prints: each view's name, counts and, given the graph, the actors it lost."""
    out = []
    for view in store.views:
        row: dict[str, Any] = {
            "name": view.name,
            "actors_placed": len(view.layout.positions),
            "pinned": len(view.layout.pinned),
            "selected": list(view.selected_actors),
            "focus": view.focus,
            "filters": {k: v for k, v in filters_to_data(view.filters).items()
                        if v != filters_to_data(FilterState())[k]},
        }
        if kb is not None:
            row["missing_actors"] = missing_actors(view, kb)
        out.append(row)
    return out



def scope_of_view(kb: Knowledge, view: SavedView) -> Scope:
    """What a briefing's figure of ``view`` shows: the claims its filters let through, where it put them."""
    from explorer.core.filters import visible
    from explorer.core.report.build import Scope

    view, _note = fitted(view, kb)
    state = view.filters.with_(focus=view.focus if view.focus_mode else None)
    shown = visible(kb, state)  # type: ignore[arg-type]
    return Scope.of_claims(kb, view.name, shown.claims, view.layout.positions,
                           extra=[a for a in shown.actors if kb.degree(a) == 0 and a not in view.hidden])


def read_last(path: Path, sources: Sequence[Path]) -> SavedView | None:
    """The last state the window had on the graph of ``sources`` (None when none, or unreadable: a lost
    last state costs a fitted view, never an error at start-up)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = data.get("graphs", {}).get(sources_key(sources))
        return view_from_data(found) if found else None
    except (OSError, ValueError, AttributeError, ExplorerError):
        return None


def write_last(path: Path, sources: Sequence[Path], view: SavedView, keep: int = 20) -> None:
    """Remember ``view`` as the last state of the graph of ``sources`` (the ``keep`` latest graphs kept)."""
    from explorer.core.export import write_atomically

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        graphs = dict(data.get("graphs", {}))
    except (OSError, ValueError, AttributeError):
        graphs = {}
    key = sources_key(sources)
    graphs.pop(key, None)
    graphs[key] = view_to_data(replace(view, name=LAST))
    graphs = dict(list(graphs.items())[-keep:])
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"format": FORMAT, "graphs": graphs}, indent=1, ensure_ascii=False) + "\n"
    write_atomically(path, text.encode("utf-8"))
