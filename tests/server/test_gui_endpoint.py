"""The window on a real Oxigraph endpoint: connect, click Russia, read the same passages as locally."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from explorer.core.knowledge import KnowledgeBase
from explorer.core.remote.endpoint import Endpoint
from explorer.gui.connect import connect_endpoint
from explorer.gui.main_window import MainWindow

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
CLAIM = "https://w3id.org/caucasus-explorer/claim/"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_connect_click_russia_and_read_the_same_evidence(qtbot, window: MainWindow, endpoint: Endpoint,
                                                         kb: KnowledgeBase) -> None:
    with qtbot.waitSignal(window.graphShown, timeout=30000):
        connect_endpoint(window, endpoint, limit=40)
    remote = window.session.kb
    assert remote is not kb and ACTOR + "Russia" in remote.actors
    assert len(remote.actors) <= 40 + 10  # lazily: the first screen, not the whole graph
    node = window.scene.node(ACTOR + "Russia")
    assert node is not None
    pos = window.view.mapFromScene(node.scenePos())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos))
    # a claim between two of the busiest actors, so on the first screen whatever the curated data's ranks
    claim = CLAIM + "Russia_supports_Armenia"
    qtbot.waitUntil(lambda: claim in window.evidence.model.claims())
    remote = window.session.kb
    shown = {e.iri: remote.context(e).paragraph for e in remote.evidence_of(claim)}
    local = {e.iri: kb.context(e).paragraph for e in kb.evidence_of(claim)}
    assert shown == local and shown


def test_a_refused_connection_keeps_the_graph_on_screen(qtbot, window: MainWindow, kb: KnowledgeBase,
                                                        monkeypatch) -> None:
    window.set_knowledge(kb)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append(text))
    dead = Endpoint.from_url("http://127.0.0.1:9/", timeout=2)
    connect_endpoint(window, dead)
    qtbot.waitUntil(lambda: bool(errors), timeout=15000)
    assert "127.0.0.1:9" in errors[0]
    assert window.session.kb is kb


def test_file_connect_asks_for_the_endpoint_and_keeps_the_password_out_of_settings(
        qtbot, window: MainWindow, endpoint: Endpoint, monkeypatch, tmp_path: Path) -> None:
    from explorer.gui import connect

    def fill(dialog: connect.ConnectDialog) -> int:
        dialog.url.setText(endpoint.query_url)
        dialog.user.setText("reader")
        dialog.password.setText("s3cret-pw")
        dialog.limit.setValue(30)
        return connect.QDialog.DialogCode.Accepted

    monkeypatch.setattr(connect.ConnectDialog, "exec", fill)
    assert "Connect" in window.connect_action.text()
    with qtbot.waitSignal(window.graphShown, timeout=30000):
        window.connect_action.trigger()
    assert ACTOR + "Russia" in window.session.kb.actors
    QSettings().sync()
    stored = "".join(p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file())
    assert endpoint.query_url.split("//")[1] in stored  # the URL is remembered
    assert "s3cret-pw" not in stored
