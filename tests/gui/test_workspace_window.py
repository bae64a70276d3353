"""Workspaces in the window: File › New Workspace (from the bundled graph or empty) and File › Open
Workspace load the folder's graph, a folder that cannot be one is refused with a message and changes
nothing; and a file dragged from a file manager onto the reader (real drag-enter and drop events through
Qt's dispatch, with URLs in their mime data) is imported after its metadata form is confirmed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from sources_fixtures import SITE, TITLE, article_html

from explorer.app.opening import compute_layout
from explorer.core import workspace as ws
from explorer.core.importing import import_files
from explorer.core.loading import load_knowledge
from explorer.gui.editing import Editing
from explorer.gui.import_dialog import ImportDialog
from explorer.gui.main_window import MainWindow

ART = "https://w3id.org/caucasus-explorer/article/"


@pytest.fixture()
def win(qtbot, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    from explorer.core.loading import load_bundled

    kb = load_bundled()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.set_knowledge(kb, compute_layout(kb), [])
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    yield window
    # no job of this window (a load, a validation, suggestions) may finish into a later test
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120000)


def _choose_folder(monkeypatch, folder: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """The folder dialog answers ``folder``; the titles it was opened with."""
    asked: list[str] = []

    def choose(_parent, title, *_a, **_k) -> str:  # type: ignore[no-untyped-def]
        asked.append(title)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    return asked


def _sources(win: MainWindow) -> set[Path]:
    return {Path(p).resolve() for p in win.session.sources}


@pytest.mark.parametrize("bundled", [True, False])
def test_new_workspace_makes_the_folder_and_opens_it(win, qtbot, monkeypatch, tmp_path, bundled) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "mine"
    folder.mkdir()
    asked = _choose_folder(monkeypatch, folder)
    answer = QMessageBox.StandardButton.Yes if bundled else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answer)
    with qtbot.waitSignal(win.graphShown, timeout=30000):
        win.sources.new_workspace_action.trigger()
    assert asked and "New Workspace" in asked[0]
    assert ws.is_workspace(folder)
    assert _sources(win) == {p.resolve() for p in ws.data_files(folder)}
    assert win.sources.workspace() == folder.resolve()
    assert len(win.session.kb.articles) == (5 if bundled else 0)
    assert ((folder / ws.TEXTS / "000_604db0fb33f42b23.txt").is_file()) is bundled


def test_new_workspace_refuses_a_folder_with_files(win, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    _choose_folder(monkeypatch, folder)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    errors: list[str] = []
    monkeypatch.setattr(type(win), "show_error", lambda self, title, text: errors.append(text))
    before = _sources(win)
    assert win.sources.ask_new_workspace() is None
    assert errors and "not an empty folder" in errors[0]
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"] and _sources(win) == before


def test_open_workspace_loads_its_graph(win, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ws"
    page = tmp_path / "page.html"
    page.write_text(article_html(), encoding="utf-8")
    [done] = import_files(folder, [page])
    _choose_folder(monkeypatch, folder)
    with qtbot.waitSignal(win.graphShown, timeout=30000):
        win.sources.open_workspace_action.trigger()
    assert _sources(win) == {p.resolve() for p in ws.data_files(folder)}
    assert list(win.session.kb.articles) == [done.iri]
    assert win.session.kb.articles[done.iri].title == TITLE


def test_open_workspace_refuses_a_folder_that_is_not_one(win, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "plain"
    folder.mkdir()
    _choose_folder(monkeypatch, folder)
    errors: list[str] = []
    monkeypatch.setattr(type(win), "show_error", lambda self, title, text: errors.append(text))
    before = _sources(win)
    win.sources.open_workspace_action.trigger()
    assert errors and "not an explorer workspace" in errors[0]
    assert _sources(win) == before and not any(folder.iterdir())


def _drag(target, mime: QMimeData) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    """Drag ``mime`` onto ``target`` and drop it, as a file manager does: whether enter and drop were accepted."""
    point = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
    QApplication.sendEvent(target, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_a_file_dropped_on_the_reader_is_imported_after_the_form(win, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = ws.create(tmp_path / "ws", from_bundled=True)
    files = ws.data_files(folder)
    kb = load_knowledge(files)
    with qtbot.waitSignal(win.graphShown, timeout=30000):
        win.set_knowledge(kb, compute_layout(kb), files)
    win.editing.open_article(ART + "a000")
    qtbot.waitUntil(win.reader.isVisible, timeout=5000)
    page = tmp_path / "dropped.html"
    page.write_text(article_html().replace("Geneva", "Tbilisi"), encoding="utf-8")
    forms: list[dict[str, str]] = []

    def confirm(dialog: ImportDialog) -> int:
        forms.append({k: e.text() for k, e in dialog.fields.items()})
        dialog.fields["author"].setText("Corrected Author")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", confirm)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    before = sorted(p.name for p in ws.texts_dir(folder).iterdir())
    with qtbot.waitSignal(win.graphShown, timeout=30000):
        assert _drag(win.reader.text.viewport(), mime) == (True, True)
    assert len(forms) == 1 and forms[0]["title"] == TITLE.replace("Geneva", "Tbilisi")
    assert forms[0]["publisher"] == SITE
    assert len(list(ws.texts_dir(folder).iterdir())) == len(before) + 1
    qtbot.waitUntil(lambda: win.reader.article is not None and "Tbilisi" in win.reader.article.title, timeout=20000)
    assert win.reader.article.author == "Corrected Author"


def test_a_drop_cancelled_in_the_form_or_not_a_file_changes_nothing(win, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = ws.create(tmp_path / "ws", from_bundled=True)
    files = ws.data_files(folder)
    kb = load_knowledge(files)
    with qtbot.waitSignal(win.graphShown, timeout=30000):
        win.set_knowledge(kb, compute_layout(kb), files)
    win.editing.open_article(ART + "a000")
    page = tmp_path / "dropped.html"
    page.write_text(article_html(), encoding="utf-8")
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    before = (folder / ws.ARTICLES).read_bytes(), sorted(p.name for p in ws.texts_dir(folder).iterdir())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    assert _drag(win.reader.text.viewport(), mime) == (True, True)
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/article")])  # not a local file: refused at the door
    assert _drag(win.reader.text.viewport(), web)[0] is False
    assert ((folder / ws.ARTICLES).read_bytes(), sorted(p.name for p in ws.texts_dir(folder).iterdir())) == before
