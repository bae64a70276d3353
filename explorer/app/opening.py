"""Long work that opens a graph, as work functions for the GUI's job runner (``work(progress,
should_cancel)``, run off the GUI thread): read files and lay them out, connect to an endpoint and lay
its first screen out, lay a graph out again. A failure raises ExplorerError and leaves the session as it
was; nothing here touches the session itself: the GUI hands the result to it on its own thread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.core.jobs import Progress, ShouldCancel, gc_paused

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.remote.endpoint import Endpoint, SparqlClient
    from explorer.core.server_window import ServerWindow

Position = tuple[float, float]


@dataclass
class Opened:
    """A graph ready to be shown: its knowledge, where its actors go, the files it was read from."""

    kb: Knowledge
    positions: dict[str, Position]
    sources: list[Path] = field(default_factory=list)
    origin: str = ""  # where a graph not read from files came from ("endpoint: URL")
    notes: list[str] = field(default_factory=list)  # what the user should know about the source


def compute_layout(kb: Knowledge, should_cancel: ShouldCancel | None = None,
                   progress: Progress | None = None) -> dict[str, Position]:
    """The seeded force layout, opened up for reading (see explorer.core.placement); for a graph read from
    the cache of large files, the one kept with it (the same layout of the same records) when there is one."""
    from explorer.core import cache
    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.placement import LAYOUT_NAME, default_layout

    if isinstance(kb, KnowledgeBase) and (kept := cache.saved_layout(kb, LAYOUT_NAME)) is not None:
        return kept
    positions = default_layout(kb, should_cancel, progress)
    if isinstance(kb, KnowledgeBase):
        cache.save_layout(kb, LAYOUT_NAME, positions)
    return positions


def weigh(kb: Knowledge, progress: Progress) -> None:
    """Weigh the evidence of every claim here, off the GUI thread (explorer.core.weight keeps the result for
    the knowledge base): drawing the edges by their support then costs a lookup per claim."""
    from explorer.core.creators import claim_creators
    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.weight import weights_of

    progress(0.97, "weighing the evidence")
    weights_of(kb)
    if isinstance(kb, KnowledgeBase):  # (read once and kept: the Filters panel's "Made by" asks on the GUI thread)
        claim_creators(kb)


def check_files(paths: Sequence[Path]) -> None:
    """Raise the error a user sees for a path that is not a readable file (before any work starts)."""
    for path in paths:
        if not path.is_file():
            raise ExplorerError("no such file" if not path.exists() else "not a file", path=path)


def load_and_layout(paths: Sequence[Path], progress: Progress, should_cancel: ShouldCancel) -> Opened:
    """File > Open: parse, index, lay out (the bundled graph when ``paths`` is empty)."""
    from explorer.core.loading import load_knowledge

    with gc_paused():
        kb = load_knowledge(list(paths), progress=lambda f, what: progress(0.85 * f, what),
                            should_cancel=should_cancel)
    progress(0.88, "laying out the graph")
    positions = compute_layout(kb, should_cancel, lambda f, what: progress(0.88 + 0.09 * f, what))
    weigh(kb, progress)
    progress(1.0, "drawing")
    return Opened(kb, positions, list(paths))


def connect_and_layout(endpoint: Endpoint, client: SparqlClient, progress: Progress, should_cancel: ShouldCancel,
                       *, limit: int | None = None, text_folders: Sequence[Path] = (),
                       window: ServerWindow | None = None) -> Opened:
    """File > Connect: the endpoint's first screen, laid out (only its claims in ``window``, an
    explorer.core.server_window.ServerWindow, when given). ``client.cancel()`` aborts a request in flight."""
    from explorer.core.remote.knowledge import open_remote_knowledge
    from explorer.core.server_window import EVERYTHING

    kb = open_remote_knowledge(endpoint, limit=limit, text_folders=text_folders, window=window or EVERYTHING,
                               progress=lambda f, what: progress(0.8 * f, what), should_cancel=should_cancel,
                               client=client)
    progress(0.85, "laying out the graph")
    positions = compute_layout(kb, should_cancel)
    weigh(kb, progress)
    return Opened(kb, positions, [], origin=f"endpoint: {endpoint.display()}", notes=list(kb.notes))
