"""The reader: every passage of the article marked (the active one emphasised), previous / next through them
with the claims of each, the page around the body greyed, the article's link, and search within the text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor

from explorer.app.reading import find_all
from explorer.gui.main_window import MainWindow
from explorer.gui.reader import ReaderDialog

ARTICLE = "https://w3id.org/caucasus-explorer/article/a004"  # 112 passages, page text before and after
LINKED = "https://w3id.org/caucasus-explorer/article/a003"  # the article with a URL


def char_format(reader: ReaderDialog, offset: int):
    """The format of the article's character at ``offset``."""
    assert reader.positions is not None
    cursor = QTextCursor(reader.text.document())
    cursor.setPosition(reader.positions.position(offset) + 1)
    return cursor.charFormat()


def marked(reader: ReaderDialog, offset: int) -> bool:
    return char_format(reader, offset).background().style() != Qt.BrushStyle.NoBrush


def bold(reader: ReaderDialog, offset: int) -> bool:
    return char_format(reader, offset).fontWeight() > 500


@pytest.fixture()
def reader(qtbot, window: MainWindow) -> ReaderDialog:
    """The reader opened from Edit › Read Article on the article with the most passages."""
    assert window.editing.open_article(ARTICLE)
    qtbot.waitExposed(window.reader)
    return window.reader


def test_read_article_marks_every_passage_and_greys_the_page_around_the_body(reader: ReaderDialog, kb) -> None:
    shown = reader.reading
    passages = shown.passages
    assert len(passages) > 100 and shown.active is None
    assert all(marked(reader, p.start) and marked(reader, p.end - 1) for p in passages)
    assert not any(bold(reader, p.start) for p in passages)  # none active
    quoted = {i for p in passages for i in range(p.start, p.end)}
    body_start, body_end = shown.body
    gap = next(i for i in range(body_start, body_end) if i not in quoted and not reader.source[i].isspace())
    assert not marked(reader, gap)
    grey = reader.palette().color(QPalette.ColorRole.PlaceholderText)
    assert body_start > 0 and char_format(reader, 0).foreground().color() == grey
    assert char_format(reader, body_end + 1).foreground().color() == grey
    assert char_format(reader, gap).foreground().color() != grey
    assert reader.page_note.isVisible()
    assert reader.passage_bar.position.text().startswith(f"{len(passages)} passages")
    assert reader.passage_bar.claims.isHidden()


def test_next_and_previous_step_through_the_passages_with_their_claims(qtbot, window: MainWindow,
                                                                         reader: ReaderDialog, kb) -> None:
    passages = reader.reading.passages
    qtbot.keyClick(reader.text, Qt.Key.Key_F8)
    first = passages[0]
    assert reader.marked_text() == reader.source[first.start:first.end] == kb.evidence[first.evidence[0]].exact
    assert bold(reader, first.start) and not bold(reader, passages[1].start)
    assert reader.passage_bar.position.text() == f"Passage 1 of {len(passages)}"
    qtbot.mouseClick(reader.passage_bar.next_button, Qt.MouseButton.LeftButton)
    assert reader.reading.active == 1 and bold(reader, passages[1].start) and not bold(reader, first.start)
    assert reader.text.viewport().rect().contains(reader.text.cursorRect().center())  # the passage is in sight
    qtbot.keyClick(reader.text, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(reader.text, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert reader.reading.active == len(passages) - 1  # round the ends
    several = next(i for i, p in enumerate(passages) if len(p.claims) > 1)
    reader.set_active(several)
    listed = reader.passage_bar.claims
    assert listed.isVisible()
    claims = [listed.item(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(listed.count())]
    assert claims == [c.claim for c in passages[several].claims]
    rect = listed.visualItemRect(listed.item(1))
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.evidence.current_claim() == claims[1]  # the claim is shown in the window
    subject = kb.claims[claims[1]].subject
    assert window.session.selection.actors == (subject,)


def test_a_passage_opened_from_the_evidence_panel_is_active_among_all_of_its_article(window: MainWindow,
                                                                                    kb) -> None:
    evidence = next(ev for ev in kb.evidence.values() if ev.article == ARTICLE and ev.start and ev.start > 5000)
    window.open_reader(evidence.iri, evidence.claim)
    reader = window.reader
    assert reader.marked_text() == evidence.exact
    active = reader.reading.passages[reader.reading.active]
    assert evidence.iri in active.evidence and bold(reader, active.start)
    assert len(reader.reading.passages) > 100
    assert all(marked(reader, p.start) for p in reader.reading.passages)
    claims = [reader.passage_bar.claims.item(r).text() for r in range(reader.passage_bar.claims.count())]
    assert any(kb.describe(kb.claims[evidence.claim]) in c for c in claims)


def test_ctrl_f_searches_the_text_with_a_count_and_steps_through_the_matches(qtbot, reader: ReaderDialog) -> None:
    reader.text.setFocus()
    qtbot.keyClick(reader.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = reader.search_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "azerbaijan")
    found = find_all(reader.source, "azerbaijan")
    assert len(found) > 5
    assert bar.count.text() == f"1 of {len(found)}"
    assert len(reader.text.extraSelections()) == len(found)
    assert reader.text.textCursor().selectedText() == reader.source[found[0][0]:found[0][1]]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {len(found)}" and reader.selection() == found[1]
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"{len(found)} of {len(found)}"  # round the ends
    bar.edit.setText("no such words anywhere")
    assert bar.count.text() == "No match" and not reader.text.extraSelections()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.isHidden() and reader.isVisible()  # Esc closes the search, not the reader


def test_the_articles_link_is_shown_copied_and_said_when_no_browser_opens(qtbot, window: MainWindow,
                                                                          monkeypatch, kb) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication

    url = kb.articles[LINKED].url
    assert url
    assert window.editing.open_article(LINKED)
    bar = window.reader.link_bar
    assert bar.isVisible() and url in bar.link.text()
    qtbot.mouseClick(bar.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == url
    QApplication.clipboard().clear()
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)  # a machine without a browser
    bar.link.linkActivated.emit(url)
    assert bar.note.isVisible() and url in bar.note.text() and QApplication.clipboard().text() == url
    assert window.editing.open_article(ARTICLE)  # an article without a link: no link bar
    assert bar.isHidden()


def test_a_claim_made_in_the_reader_is_marked_at_once_and_the_text_stays_put(qtbot, monkeypatch, window: MainWindow,
                                                                           reader: ReaderDialog, kb) -> None:
    from PySide6.QtWidgets import QMessageBox

    from explorer.core.curation import NewClaim
    from explorer.gui.editing import Editing

    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    quoted = {i for p in reader.reading.passages for i in range(p.start, p.end)}
    body_start, body_end = reader.reading.body
    words = "Iran"
    start = next(s for s, e in find_all(reader.source, words)
                 if body_start <= s and e <= body_end and not quoted & set(range(s, e)))
    assert 0 < start < body_end and not marked(reader, start)
    before = len(reader.reading.passages)
    reader.select(start, start + len(words))
    scrolled = reader.text.verticalScrollBar().value()
    ns = "https://w3id.org/caucasus-explorer/"
    with qtbot.waitSignal(window.editing.curated, timeout=30000):
        window.editing._push(NewClaim(ns + "actor/Russia", ns + "vocab#meetsWith", ns + "actor/Iran", ARTICLE,
                                      start, start + len(words)))
    assert len(reader.reading.passages) == before + 1 and marked(reader, start)
    assert reader.selection() == (start, start + len(words))  # the user's selection and scroll are kept
    assert reader.text.verticalScrollBar().value() == scrolled
