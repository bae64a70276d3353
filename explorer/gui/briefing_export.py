"""File › Export Briefing…: what the window shows, as a cited briefing (HTML or PDF), written in the
background (the quotes are read from the articles)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtWidgets import QFileDialog, QWidget

from explorer.gui import settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from explorer.app.session import Session
    from explorer.app.views import SavedView
    from explorer.core.api import Knowledge
    from explorer.gui.views_panel import SavedViews
    from explorer.gui.workers import JobRunner


class BriefingHost(Protocol):
    """What the export needs of the main window (typed so, the window module is not imported here)."""

    session: Session
    jobs: JobRunner
    saved_views: SavedViews

    def statusBar(self) -> QStatusBar: ...

    def show_error(self, title: str, text: str) -> None: ...

FILTER = "Briefing as HTML (*.html);;Briefing as PDF (*.pdf)"


def write_briefing(kb: Knowledge, view: SavedView, title: str, path: Path) -> Path:
    """Work function: the briefing of ``view`` written to ``path`` (.pdf, else HTML)."""
    from explorer.app.views import scope_of_view
    from explorer.core.export import write_atomically
    from explorer.core.report.build import briefing
    from explorer.core.report.html import render_html

    brief = briefing(kb, [scope_of_view(kb, view)], title=title)
    if path.suffix.lower() == ".pdf":
        from explorer.core.report.pdf import render_pdf

        data = render_pdf(brief)
    else:
        data = render_html(brief).encode("utf-8")
    write_atomically(path, data)
    return path


def ask_briefing(window: BriefingHost) -> None:
    """Ask where, then write the briefing of what the window shows."""
    from explorer.app import present

    kb = window.session.kb
    if kb is None:
        return
    default = str(Path(settings.last_folder()) / "briefing.html")
    name, chosen = QFileDialog.getSaveFileName(cast(QWidget, window), "Export Briefing", default, FILTER)
    if not name:
        return
    path = Path(name)
    if path.suffix.lower() not in (".html", ".htm", ".pdf"):
        path = path.with_suffix(".pdf" if "pdf" in chosen.lower() else ".html")
    settings.remember_folder(path.parent)
    title = present.source_name(window.session.sources, window.session.origin)
    view = window.session.capture_view(title, window.saved_views.layout())
    window.jobs.start("writing the briefing", lambda _p, _c: write_briefing(kb, view, title, path),
                      on_done=lambda written: window.statusBar().showMessage(f"Wrote {written}", 6000),
                      on_failed=lambda err: window.show_error("Cannot write the briefing", str(err)))
