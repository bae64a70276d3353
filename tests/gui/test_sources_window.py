"""Own sources in the window: import an article through the metadata form into a workspace, see its
suggestions highlighted in the reader and listed by score, accept one through the New Claim form filled
in, reject one (remembered in the workspace), accept all above a score (each claim one undo step)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from sources_fixtures import SITE, TITLE, article_html

from explorer.app.opening import compute_layout
from explorer.core import workspace as ws
from explorer.core.importing import import_files
from explorer.core.loading import load_knowledge
from explorer.core.suggest import rejected_keys
from explorer.gui import curation_dialogs as dialogs
from explorer.gui.editing import Editing
from explorer.gui.import_dialog import ImportDialog
from explorer.gui.main_window import MainWindow

CX = "https://w3id.org/caucasus-explorer/vocab#"


@pytest.fixture()
def workspace(tmp_path: Path) -> tuple[Path, str]:
    folder = ws.create(tmp_path / "ws", from_bundled=True)
    page = tmp_path / "page.html"
    page.write_text(article_html(), encoding="utf-8")
    [done] = import_files(folder, [page])
    return folder, done.iri


@pytest.fixture()
def win(qtbot, workspace, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    folder, _iri = workspace
    files = ws.data_files(folder)
    kb = load_knowledge(files)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.set_knowledge(kb, compute_layout(kb), files)
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    return window


def open_with_suggestions(win, qtbot, iri: str) -> None:  # type: ignore[no-untyped-def]
    win.sources.show_dock()
    with qtbot.waitSignal(win.sources.suggestionsShown, timeout=20000):
        assert win.editing.open_article(iri)


def refreshed(win, qtbot, action):  # type: ignore[no-untyped-def]
    """Run ``action`` and wait for the suggestions it refreshes."""
    with qtbot.waitSignal(win.sources.suggestionsShown, timeout=20000):
        result = action()
    return result


def test_the_reader_highlights_and_the_panel_lists_suggestions(win, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    _folder, iri = workspace
    open_with_suggestions(win, qtbot, iri)
    sources = win.sources
    assert sources.suggestions and sources.panel.tree.topLevelItemCount() == len(sources.suggestions)
    scores = [s.score for s in sources.suggestions]
    assert scores == sorted(scores, reverse=True)
    assert win.reader.text.extraSelections()
    win.sources.dock.hide()  # closed: nothing computed, nothing highlighted
    win.editing.open_article(iri)
    assert not win.reader.text.extraSelections()
    assert "Armenia has ties with Azerbaijan" in [sources.panel.tree.topLevelItem(i).text(1)
                                                  for i in range(sources.panel.tree.topLevelItemCount())]


def test_accept_opens_the_new_claim_form_filled_in(win, workspace, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    _folder, iri = workspace
    open_with_suggestions(win, qtbot, iri)
    sources = win.sources
    row = next(i for i, s in enumerate(sources.suggestions) if s.predicate == CX + "foreignMinisterOf")
    wanted = sources.suggestions[row]
    seen = []

    def run(dialog: QDialog) -> bool:
        form = dialog.form()
        seen.append((form.subject, form.predicate, form.object))
        return True

    monkeypatch.setattr(dialogs, "run_dialog", run)
    before = len(win.session.kb.claims)
    made = refreshed(win, qtbot, lambda: sources.accept(row))
    assert seen == [(wanted.subject, wanted.predicate, wanted.object)]
    assert made in win.session.kb.claims and len(win.session.kb.claims) == before + 1
    [ev] = win.session.kb.evidence_of(made)
    assert (ev.article, ev.start, ev.end) == (iri, wanted.start, wanted.end)
    assert all(s.key != wanted.key for s in sources.suggestions)  # stated now: no longer suggested


def test_reject_is_remembered_in_the_workspace(win, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder, iri = workspace
    open_with_suggestions(win, qtbot, iri)
    sources = win.sources
    gone = sources.suggestions[0]
    sources.panel.tree.setCurrentItem(sources.panel.tree.topLevelItem(0))
    refreshed(win, qtbot, sources.panel.reject_button.click)
    assert gone.key in rejected_keys(folder)
    assert all(s.key != gone.key for s in sources.suggestions)


def test_accept_all_above_makes_one_undo_step_per_claim(win, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    _folder, iri = workspace
    open_with_suggestions(win, qtbot, iri)
    sources = win.sources
    threshold = 0.8
    expected = [s for s in sources.suggestions if s.score >= threshold]
    assert len(expected) >= 2
    before = len(win.session.kb.claims)
    made = refreshed(win, qtbot, lambda: sources.accept_all(threshold))
    assert len(made) == len(expected)
    assert len(win.session.kb.claims) == before + len(expected)
    win.curation.undo_stack.undo()
    assert len(win.session.kb.claims) == before + len(expected) - 1


def test_import_article_through_the_form(win, tmp_path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "other.html"
    page.write_text(article_html().replace("Geneva", "Vienna"), encoding="utf-8")
    shown = []

    def confirm(dialog: ImportDialog) -> int:
        shown.append({k: e.text() for k, e in dialog.fields.items()})
        dialog.fields["date"].setText("2025-03")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", confirm)
    iri = win.sources.import_file(page)
    assert shown[0]["title"] == TITLE.replace("Geneva", "Vienna") and shown[0]["publisher"] == SITE
    qtbot.waitUntil(lambda: win.reader.isVisible() and win.reader.article is not None
                    and win.reader.article.iri == iri, timeout=20000)
    assert win.session.kb.articles[iri].date == "2025-03"
    assert win.sources.dock.isVisible()  # an imported article shows its suggestions
    qtbot.waitUntil(lambda: bool(win.reader.text.extraSelections()), timeout=20000)


def test_a_refused_import_shows_an_error_and_changes_nothing(win, workspace, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder, _iri = workspace
    bad = tmp_path / "scan.bin"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    errors = []
    monkeypatch.setattr(type(win), "show_error", lambda self, title, text: errors.append(text))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    before = sorted(p.name for p in ws.texts_dir(folder).iterdir())
    assert win.sources.import_file(bad) is None
    assert errors and "binary" in errors[0]
    assert sorted(p.name for p in ws.texts_dir(folder).iterdir()) == before


def test_a_text_changed_since_import_is_re_anchored_on_load(qtbot, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from explorer.core.curation import Document
    from explorer.core.curation.commands import NewClaim

    folder, iri = workspace
    files = ws.data_files(folder)
    doc = Document.from_files(files)
    text = doc.kb.article_text(iri)
    quote = "Russia was not invited to the meeting"
    start = text.index(quote)
    actor = "https://w3id.org/caucasus-explorer/actor/"
    claim = NewClaim(actor + "Russia", CX + "hasTiesWith", actor + "Armenia", iri, start, start + len(quote))
    doc.run(claim)
    doc.save()
    seed = next(p for p in ws.texts_dir(folder).iterdir() if p.name.startswith("i"))
    inserted = "Editor's note: this article was updated.\n\n"
    seed.write_text(inserted + text, encoding="utf-8")  # scraped again, with a note on top
    kb = load_knowledge(files)
    window = MainWindow()
    qtbot.addWidget(window)
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.reanchoring.anchorsShown, timeout=20000):
        window.set_knowledge(kb, compute_layout(kb), files)
    anchors = window.reanchoring.anchors
    assert [a.state.value for a in anchors] == ["moved"]
    assert window.reanchoring.dock.isVisible()
    assert window.reanchoring.accept_moved()
    [ev] = window.session.kb.evidence_of(claim.result)
    assert (ev.start, ev.end) == (start + len(inserted), start + len(inserted) + len(quote))
    assert window.session.kb.article_text(iri)[ev.start:ev.end] == quote
    window.curation.undo_stack.undo()
    [ev] = window.session.kb.evidence_of(claim.result)
    assert (ev.start, ev.end) == (start, start + len(quote))


def test_a_file_dropped_on_the_reader_is_imported(win, workspace, tmp_path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    folder, iri = workspace
    win.editing.open_article(iri)
    page = tmp_path / "dropped.html"
    page.write_text(article_html().replace("Geneva", "Tbilisi"), encoding="utf-8")
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    viewport = win.reader.text.viewport()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    before = len(list(ws.texts_dir(folder).iterdir()))
    errors = []
    monkeypatch.setattr(type(win), "show_error", lambda self, title, text: errors.append(text))
    assert win.sources.eventFilter(viewport, drop)  # (what Qt calls when a file is dropped on the text)
    assert not errors
    assert len(list(ws.texts_dir(folder).iterdir())) == before + 1
    qtbot.waitUntil(lambda: win.reader.article is not None and "Tbilisi" in win.reader.article.title, timeout=20000)
