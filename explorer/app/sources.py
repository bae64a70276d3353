"""The rules of the window's own-sources actions (issue 17), Qt-free: which workspace is open, what an
accepted suggestion fills the New Claim form with, what the messages say."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.core.workspace import is_workspace

if TYPE_CHECKING:  # (the suggestion and curation modules wait for their first use, not the first frame)
    from explorer.app.curation import ClaimForm
    from explorer.core.suggest import Suggestion

IMPORT_FILTER = "Articles (*.txt *.html *.htm *.xhtml *.pdf);;All files (*)"
NO_WORKSPACE = ("No workspace is open: choose a folder for your articles (an empty folder becomes a "
                "workspace, started from a copy of the bundled graph).")
#: The least score "Accept All Above" starts at.
DEFAULT_ACCEPT_ALL = 0.8


def workspace_of(sources: Sequence[Path]) -> Path | None:
    """The workspace the open files belong to: all of them in one folder that is a workspace."""
    folders = {Path(p).resolve().parent for p in sources}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    return folder if is_workspace(folder) else None


def form_for(suggestion: Suggestion) -> ClaimForm:
    """The New Claim form a suggestion fills in (the analyst may change it before creating the claim)."""
    from explorer.app.curation import ClaimForm

    return ClaimForm(suggestion.subject, suggestion.predicate, suggestion.object, suggestion.date, None)


def describe(suggestion: Suggestion, label: Mapping[str, str], relation: str) -> str:
    """One line for a suggestion: its claim, and whether it corroborates or contradicts existing ones."""
    subject, obj = label.get(suggestion.subject, suggestion.subject), label.get(suggestion.object, suggestion.object)
    text = f"{subject} {relation} {obj}"
    notes = []
    if suggestion.corroborates:
        notes.append(f"corroborates {len(suggestion.corroborates)}")
    if suggestion.contradicts:
        notes.append(f"contradicts {len(suggestion.contradicts)}")
    return text + (f" ({', '.join(notes)})" if notes else "")


def imported_message(titles: Sequence[str], folder: Path) -> str:
    return f"Imported {', '.join(repr(t) for t in titles)} into {folder}"
