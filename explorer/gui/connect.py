"""File > Connect to SPARQL endpoint: the dialog, and the background job that opens a remote graph.

The connection and the first screen are fetched off the GUI thread (explorer.app.opening); Cancel
aborts the request in flight. A failure shows what happened and leaves the graph on screen as it was.
The password is kept in memory only (never in settings or logs).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QDialog, QDoubleSpinBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from explorer.core.errors import ExplorerError
from explorer.core.remote.endpoint import Credentials, Endpoint, SparqlClient
from explorer.gui.dialog_buttons import ok_cancel
from explorer.gui.settings import app_settings

if TYPE_CHECKING:
    from explorer.app.opening import Opened
    from explorer.core.server_window import ServerWindow
    from explorer.gui.host import WindowHost

SETTINGS_URL = "endpoint/url"


class Connecting(Protocol):
    """What connecting needs of the window beyond the flows' host: its unsaved-changes question."""

    def maybe_save(self, when: str) -> bool: ...


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
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def endpoint(self) -> Endpoint:
        """The endpoint described by the form (raises ExplorerError for a malformed URL)."""
        credentials = Credentials(self.user.text(), self.password.text()) if self.user.text() else None
        return Endpoint.from_url(self.url.text().strip(), store_url=self.store_url.text().strip() or None,
                                 graph=self.graph.text().strip() or None, credentials=credentials,
                                 timeout=self.timeout.value())


def connect_endpoint(window: WindowHost, endpoint: Endpoint, *, limit: int | None = None,
                     text_folders: Sequence[Path] = (), editing: Connecting | None = None,
                     time_window: ServerWindow | None = None) -> None:
    """Open the endpoint's first screen in the background and show it; errors keep the current graph.
    With ``time_window`` (an explorer.core.server_window.ServerWindow) the store is asked only for the claims
    in it, and the Time bar shows that window.

    Unsaved curation is offered for saving first (Cancel keeps everything as it is). Opening another
    graph (files or an endpoint) replaces a connection still under way."""
    if editing is not None and not editing.maybe_save("connecting to an endpoint"):
        return
    from explorer.app.opening import connect_and_layout

    client = SparqlClient(endpoint)

    def done(opened: Opened) -> None:
        window.show_opened(opened)
        if not opened.notes:
            window.statusBar().showMessage(f"Connected to {endpoint.display()}", 5000)

    window.statusBar().showMessage(f"Connecting to {endpoint.display()}…")
    window.jobs.start(
        "connecting",
        lambda progress, cancel: connect_and_layout(endpoint, client, progress, cancel, limit=limit,
                                                    text_folders=text_folders, window=time_window),
        on_done=done,  # type: ignore[arg-type]
        on_failed=lambda error: window.show_error("Cannot connect to the endpoint", str(error)),
        key="loading", cancel=client.cancel,
    )


def ask_connect(window: WindowHost, editing: Connecting | None = None) -> None:
    """File > Connect to SPARQL endpoint…"""
    settings = app_settings()
    dialog = ConnectDialog(window, str(settings.value(SETTINGS_URL, "")))  # type: ignore[arg-type]
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        endpoint = dialog.endpoint()
    except ExplorerError as exc:
        window.show_error("Cannot connect to the endpoint", str(exc))
        return
    settings.setValue(SETTINGS_URL, endpoint.query_url)  # the URL only: never the password
    from explorer.core.server_window import server_window

    f = window.session.filters  # a time window set before connecting: the first screen is asked in it
    in_time = server_window(f.date_from, f.date_to, f.clock, f.include_undated)
    connect_endpoint(window, endpoint, limit=dialog.limit.value(), editing=editing,
                     time_window=None if in_time.everything else in_time)
