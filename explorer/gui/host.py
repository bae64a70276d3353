"""What the window's flows (editing, exporting, connecting) need of the window, as a protocol: they are
typed against it rather than against MainWindow, so that no module imports the window that imports it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QStatusBar

    from explorer.app.opening import Opened
    from explorer.app.session import Session
    from explorer.gui.curation import CurationSession
    from explorer.gui.evidence_panel import EvidencePanel
    from explorer.gui.graph.scene import GraphScene
    from explorer.gui.graph.view import GraphView
    from explorer.gui.problems_panel import ProblemsPanel
    from explorer.gui.reader import ReaderDialog
    from explorer.gui.workers import JobRunner


class WindowHost(Protocol):
    """The main window, as its flows see it."""

    session: Session
    jobs: JobRunner
    scene: GraphScene
    view: GraphView
    evidence: EvidencePanel
    curation: CurationSession

    @property
    def problems(self) -> ProblemsPanel: ...

    @property
    def problems_dock(self) -> QDockWidget: ...

    @property
    def reader(self) -> ReaderDialog: ...

    def reader_if_made(self) -> ReaderDialog | None: ...

    def statusBar(self) -> QStatusBar: ...

    def windowTitle(self) -> str: ...

    def show_error(self, title: str, text: str) -> None: ...

    def show_opened(self, opened: Opened) -> None: ...

    def open_reader(self, evidence: str, claim: str | None = None) -> None: ...
