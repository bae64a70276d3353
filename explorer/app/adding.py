"""File › Add to Graph: files merged into the graph on screen instead of replacing it.

The graph keeps the files it was read from (the bundled graph's own when it is the bundled one) and adds
the new ones; actors already on screen keep their places and the new ones are placed near their
neighbours. The bundled data stays read-only in a mixed graph: new claims go to the user's files, and
Save writes only those (explorer.core.curation.document.is_bundled_data).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.app.opening import Opened, Position, compute_layout, weigh
from explorer.core.api import Expandable
from explorer.core.jobs import Progress, ShouldCancel, gc_paused

if TYPE_CHECKING:
    from explorer.core.api import Knowledge


def files_on_screen(kb: Knowledge | None, sources: Sequence[Path]) -> list[Path] | None:
    """The files the graph on screen was read from (the bundled graph's files for the bundled graph);
    None when it was not read from files (an endpoint's graph): nothing can be added to it."""
    from explorer.resources import bundled_files

    if kb is None:
        return []
    if isinstance(kb, Expandable):
        return None
    if sources:
        return [Path(p) for p in sources]
    return [Path(p) for p in kb.sources] or bundled_files()


def merged_files(current: Sequence[Path], added: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """The files of the merged graph (``current``, then each added file not already among them), and the
    added files that were already there."""
    seen = {Path(p).resolve() for p in current}
    merged, already = [Path(p) for p in current], []
    for path in map(Path, added):
        if path.resolve() in seen:
            already.append(path)
        else:
            seen.add(path.resolve())
            merged.append(path)
    return merged, already


def add_and_layout(files: Sequence[Path], placed: Mapping[str, Position], progress: Progress,
                   should_cancel: ShouldCancel) -> Opened:
    """Read the merged graph; the actors of ``placed`` keep their places, the new ones go near their
    neighbours (the whole graph is laid out when nothing was placed)."""
    from explorer.app.curation import positions_for_new_actors
    from explorer.core.loading import load_knowledge

    with gc_paused():
        kb = load_knowledge(list(files), progress=lambda f, what: progress(0.85 * f, what),
                            should_cancel=should_cancel)
    progress(0.88, "placing the new actors")
    kept = {iri: xy for iri, xy in placed.items() if iri in kb.actors}
    if kept:
        centre = (sum(x for x, _y in kept.values()) / len(kept), sum(y for _x, y in kept.values()) / len(kept))
        positions = positions_for_new_actors(kb, kept, centre)
    else:
        positions = compute_layout(kb, should_cancel)
    weigh(kb, progress)
    progress(1.0, "drawing")
    return Opened(kb, positions, list(files))
