"""File > Connect to SPARQL endpoint: the dialog, and the background job that opens a remote graph.

The connection and the first screen are fetched off the GUI thread; Cancel aborts the request in
flight. A failure shows what happened and leaves the graph on screen as it was. The password is kept
in memory only (never in settings or logs).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from explorer.core.errors import ExplorerError
from explorer.core.remote.endpoint import Credentials, Endpoint, SparqlClient

if TYPE_CHECKING:
    from explorer.gui.main_window import MainWindow

SETTINGS_URL = "endpoint/url"


class ConnectDialog(QDialog):
    """Asks for an endpoint URL and the settings that matter."""

    def __init__(self, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to SPARQL endpoint")
        form = QFormLayout(self)
        self.url = QLineEdit(url or "http://127.0.0.1:7878")
        self.url.setToolTip("A server URL gets Oxigraph's /query, /update and /store; "
                            "otherwise give the query URL itself")
        self.store_url = QLineEdit()
        self.store_url.setPlaceholderText("optional: Graph Store URL (Fuseki: /DATASET/data)")
        self.graph = QLineEdit()
        self.graph.setPlaceholderText("optional: named graph IRI")
        self.user = QLineEdit()
        self.user.setPlaceholderText("optional")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in memory only")
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(1, 600)
        self.timeout.setValue(10)
        self.timeout.setSuffix(" s")
        self.limit = QSpinBox()
        self.limit.setRange(5, 5000)
        self.limit.setValue(60)
        form.addRow("Endpoint URL", self.url)
        form.addRow("Graph Store URL", self.store_url)
        form.addRow("Named graph", self.graph)
        form.addRow("User", self.user)
        form.addRow("Password", self.password)
        form.addRow("Timeout", self.timeout)
        form.addRow("Actors on first screen", self.limit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def endpoint(self) -> Endpoint:
        """The endpoint described by the form (raises ExplorerError for a malformed URL)."""
        credentials = Credentials(self.user.text(), self.password.text()) if self.user.text() else None
        return Endpoint.from_url(self.url.text().strip(), store_url=self.store_url.text().strip() or None,
                                 graph=self.graph.text().strip() or None, credentials=credentials,
                                 timeout=self.timeout.value())


def connect_endpoint(window: MainWindow, endpoint: Endpoint, *, limit: int | None = None,
                     text_folders: Sequence[Path] = ()) -> None:
    """Open the endpoint's first screen in the background and show it; errors keep the current graph.

    Unsaved curation is offered for saving first (Cancel keeps everything as it is)."""
    if not window.maybe_save("connecting to an endpoint"):
        return
    from explorer.core.remote.knowledge import open_remote_knowledge
    from explorer.gui.main_window import compute_layout

    client = SparqlClient(endpoint)

    def work(progress, should_cancel):  # type: ignore[no-untyped-def]
        kb = open_remote_knowledge(endpoint, limit=limit, text_folders=text_folders,
                                   progress=lambda f, what: progress(0.8 * f, what),
                                   should_cancel=should_cancel, client=client)
        progress(0.85, "laying out the graph")
        return kb, compute_layout(kb, should_cancel)

    def done(result) -> None:  # type: ignore[no-untyped-def]
        kb, positions = result
        window.set_knowledge(kb, positions)
        window.statusBar().showMessage(f"Connected to {endpoint.display()}", 5000)
        window.source_label.setText(f"  endpoint: {endpoint.display()} · double-click an actor to expand it")
        notes = getattr(kb, "notes", None)
        if notes:
            window.statusBar().showMessage("; ".join(notes), 10000)

    def failed(error: ExplorerError) -> None:
        window.show_error("Cannot connect to the endpoint", str(error))

    window.statusBar().showMessage(f"Connecting to {endpoint.display()}…")
    job = window.jobs.start("connecting", work, on_done=done, on_failed=failed,
                            on_cancelled=client.cancel)
    job_cancel = job.cancel

    def cancel() -> None:
        job_cancel()
        client.cancel()

    job.cancel = cancel  # type: ignore[method-assign]


def ask_connect(window: MainWindow) -> None:
    """File > Connect to SPARQL endpoint…"""
    from explorer.gui.main_window import app_settings

    settings = app_settings()
    url = str(settings.value(SETTINGS_URL, ""))
    dialog = ConnectDialog(window, url)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        endpoint = dialog.endpoint()
    except ExplorerError as exc:
        window.show_error("Cannot connect to the endpoint", str(exc))
        return
    settings.setValue(SETTINGS_URL, endpoint.display_url() if hasattr(endpoint, "display_url")
                      else endpoint.query_url)  # the URL only: never the password
    connect_endpoint(window, endpoint, limit=dialog.limit.value())
