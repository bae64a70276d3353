"""File › Add to Graph (and a drop with Ctrl or Shift held) merges files into the graph on screen; Save then
writes the user's claims to the user's file and never the bundled data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from explorer.core.curation import NewClaim
from explorer.core.loading import load_knowledge
from explorer.gui.editing import Editing
from explorer.gui.main_window import MainWindow
from explorer.resources import bundled_files, curated_files

NS = "https://w3id.org/caucasus-explorer/"
TESTLAND, RUSSIA, CSTO = NS + "actor/Testland", NS + "actor/Russia", NS + "actor/CSTO"
A003 = NS + "article/a003"
FIXTURE = Path(__file__).parents[1] / "fixtures" / "added-testland.ttl"


@pytest.fixture()
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.ttl"
    shutil.copy(FIXTURE, path)
    return path


def drop(window: MainWindow, path: Path, modifiers: Qt.KeyboardModifier) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, modifiers)
    window.dropEvent(event)


def test_add_to_graph_merges_the_file_and_keeps_the_actors_in_place(qtbot, window: MainWindow, kb, mine) -> None:
    before = window.scene.positions()
    with qtbot.waitSignal(window.graphShown, timeout=60000):
        assert window.add_files([mine])
    merged = window.session.kb
    assert TESTLAND in merged.actors and set(kb.claims) < set(merged.claims)
    assert len(merged.claims) == len(kb.claims) + 1
    assert window.session.sources == [*bundled_files(), mine]
    assert "bundled graph + mine.ttl" in window.windowTitle()
    after = window.scene.positions()
    assert after[RUSSIA] == before[RUSSIA] and after[CSTO] == before[CSTO]  # nothing on screen moved
    assert TESTLAND in after
    assert not window.add_files([mine])  # already there: nothing reloads
    assert "Already in the graph: mine.ttl" in window.statusBar().currentMessage()


def test_a_drop_with_ctrl_adds_and_a_plain_drop_replaces(qtbot, window: MainWindow, kb, mine) -> None:
    with qtbot.waitSignal(window.graphShown, timeout=60000):
        drop(window, mine, Qt.KeyboardModifier.ControlModifier)
    assert window.session.sources == [*bundled_files(), mine] and RUSSIA in window.session.kb.actors
    with qtbot.waitSignal(window.graphShown, timeout=60000):
        drop(window, mine, Qt.KeyboardModifier.NoModifier)
    assert window.session.sources == [mine] and RUSSIA not in window.session.kb.actors


def test_save_writes_the_users_claims_to_the_users_file_and_never_the_bundled_data(qtbot, monkeypatch,
                                                                                    window: MainWindow, mine) -> None:
    bundled = {p: p.read_bytes() for p in curated_files()}
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(window.graphShown, timeout=60000):
        window.add_files([mine])

    asked: list[object] = []

    def no_dialog(*args, **_kwargs):
        asked.append(args)  # Save asked for a file name: answered by Cancel
        return "", ""

    monkeypatch.setattr("explorer.gui.editing.QFileDialog.getSaveFileName", no_dialog)
    text = window.session.kb.article_text(A003)
    start = text.index("Ukraine and Türkiye")
    window.editing._push(NewClaim(NS + "actor/Turkiye", NS + "vocab#supports", NS + "actor/Ukraine", A003,
                                  start, start + 19))
    saved = window.editing.save()
    assert not asked and saved
    qtbot.waitSignal(window.editing.validated, timeout=60000)
    assert {p: p.read_bytes() for p in curated_files()} == bundled, "the bundled data must never be written"
    own = load_knowledge([mine])
    assert any(c.subject == NS + "actor/Turkiye" and c.object == NS + "actor/Ukraine" for c in own.claims.values())
    assert TESTLAND in own.actors and window.session.sources[-1] == mine
    assert "bundled graph + mine.ttl" in window.windowTitle()
