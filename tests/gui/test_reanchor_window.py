"""Re-anchoring in the window, on an imported article re-scraped with edits: a paragraph on top (every
quote moved), a word changed inside one quote, a quoted paragraph deleted. The dock lists each state; a
changed quote's old and new wording are shown side by side before it is accepted; moved ones are
accepted in bulk; a lost one stays listed; the article's body end and hash follow the new text once
every passage stands in it, so the saved workspace reopens clean and validates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sources_fixtures import PARAGRAPHS, article_html

from explorer.app.opening import compute_layout
from explorer.core import workspace as ws
from explorer.core.anchoring import State, stale_texts
from explorer.core.curation import Document
from explorer.core.curation.commands import NewClaim
from explorer.core.importing import import_files, sha256_of
from explorer.core.loading import load_knowledge
from explorer.core.validate import validate
from explorer.gui.editing import Editing
from explorer.gui.main_window import MainWindow

CX = "https://w3id.org/caucasus-explorer/vocab#"
ACTOR = "https://w3id.org/caucasus-explorer/actor/"
NOTE = "Editor's note: this article was updated on Saturday.\n\n"
KEPT = "Russia was not invited to the meeting"
LAST = "The European Union welcomed the talks"
REWORDED = "the two sides had agreed on most of the articles of the draft"


def _claims(folder: Path, iri: str, quotes: list[str]) -> list[str]:
    """Claims on ``quotes`` of the imported article, saved into the workspace: their IRIs."""
    files = ws.data_files(folder)
    doc = Document.from_files(files)
    text = doc.kb.article_text(iri)
    made = []
    for quote in quotes:
        start = text.index(quote)
        claim = NewClaim(ACTOR + "Armenia", CX + "hasTiesWith", ACTOR + "Azerbaijan", iri, start, start + len(quote))
        doc.run(claim)
        assert claim.result
        made.append(claim.result)
    doc.save()
    return made


def _rescrape(folder: Path, edit) -> str:  # type: ignore[no-untyped-def]
    """Replace the imported text in the workspace by ``edit(text)``, as a new scrape would: the new text."""
    [seed] = [p for p in ws.texts_dir(folder).iterdir() if p.name.startswith("i")]
    text = edit(seed.read_text(encoding="utf-8"))
    seed.write_text(text, encoding="utf-8")
    return text


@pytest.fixture()
def opened(qtbot) -> Iterator[list[MainWindow]]:  # type: ignore[no-untyped-def]
    """The windows a test opens; none of their jobs (a validation, a layout) may finish into a later test."""
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        qtbot.waitUntil(lambda w=window: not w.jobs.busy, timeout=120000)


def _open(qtbot, folder: Path, monkeypatch, opened: list[MainWindow]) -> MainWindow:  # type: ignore[no-untyped-def]
    files = ws.data_files(folder)
    kb = load_knowledge(files)
    window = MainWindow()
    qtbot.addWidget(window)
    opened.append(window)
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.reanchoring.anchorsShown, timeout=20000):
        window.set_knowledge(kb, compute_layout(kb), files)
    return window


@pytest.fixture()
def imported(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "ws"
    page = tmp_path / "page.html"
    page.write_text(article_html(), encoding="utf-8")
    [done] = import_files(folder, [page])
    (folder / "actors.ttl").write_text(ws.HEADER.format(what="Actors") + """
actor:Armenia a cx:Country ; rdfs:label "Armenia"@en .
actor:Azerbaijan a cx:Country ; rdfs:label "Azerbaijan"@en .
""", encoding="utf-8")
    return folder, done.iri


def test_accepting_the_moved_passages_updates_body_and_hash(qtbot, imported, monkeypatch, opened) -> None:  # type: ignore[no-untyped-def]
    folder, iri = imported
    claims = _claims(folder, iri, [KEPT, LAST])
    old_end = load_knowledge(ws.data_files(folder)).articles[iri].body_end
    text = _rescrape(folder, lambda t: NOTE + t)
    window = _open(qtbot, folder, monkeypatch, opened)
    assert [a.state for a in window.reanchoring.anchors] == [State.MOVED, State.MOVED]
    window.reanchoring.panel.accept_moved.click()
    kb = window.session.kb
    assert kb.articles[iri].body_end == old_end + len(NOTE) == len(text)
    assert stale_texts(kb) == {}
    assert not window.reanchoring.dock.isVisible()
    assert window.editing.save()
    reopened = load_knowledge(ws.data_files(folder))
    assert stale_texts(reopened) == {}
    report = validate(reopened, shacl=False)
    assert report.ok, [str(p) for p in report.errors()]
    for claim in claims:
        [ev] = reopened.evidence_of(claim)
        assert text[ev.start:ev.end] == ev.exact and ev.start >= len(NOTE)
    assert (folder / ws.ARTICLES).read_text(encoding="utf-8").count(sha256_of(text)) == 1


def test_changed_wording_side_by_side_moved_in_bulk_lost_stays(qtbot, imported, monkeypatch, opened) -> None:  # type: ignore[no-untyped-def]
    folder, iri = imported
    kept, reworded, lost = _claims(folder, iri, [KEPT, REWORDED, LAST])
    recorded = sha256_of(load_knowledge(ws.data_files(folder)).article_text(iri))
    text = _rescrape(folder, lambda t: NOTE + t.replace("had agreed on most of", "had reached agreement on most of")
                     .replace(PARAGRAPHS[-1], "").rstrip("\n") + "\n")
    window = _open(qtbot, folder, monkeypatch, opened)
    rc, panel = window.reanchoring, window.reanchoring.panel
    states = {a.evidence: a.state for a in rc.anchors}
    kb = window.session.kb
    ev = {c: kb.evidence_of(c)[0].iri for c in (kept, reworded, lost)}
    assert states == {ev[kept]: State.MOVED, ev[reworded]: State.CHANGED, ev[lost]: State.LOST}
    # the changed one is current, its two wordings side by side with the edit marked on each side
    current = panel.current()
    assert current is not None and current.evidence == ev[reworded]
    assert "line-through" in panel.comparison.old.toHtml() and "agreed" in panel.comparison.old.toPlainText()
    assert "reached agreement" in panel.comparison.new.toPlainText()
    assert panel.comparison.old.toPlainText() == current.exact == REWORDED
    assert panel.comparison.new.toPlainText() == current.new_exact
    assert "similarity" in panel.comparison.new_label.text()
    # Show in Reader: the new text at the new place
    panel.in_reader.click()
    qtbot.waitUntil(window.reader.isVisible, timeout=5000)
    assert window.reader.source == text
    assert text[window.reader.quote_start:window.reader.quote_end] == current.new_exact
    # moved ones in bulk, one undo step
    steps = window.curation.undo_stack.count()
    panel.accept_moved.click()
    assert window.curation.undo_stack.count() == steps + 1
    assert {a.evidence: a.state for a in rc.anchors} == {ev[reworded]: State.CHANGED, ev[lost]: State.LOST}
    assert list(stale_texts(window.session.kb)) == [iri]  # not all settled: the old hash stays
    # the changed one, accepted on its own
    row = next(n for n, a in enumerate(rc.anchors) if a.state is State.CHANGED)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(row))
    panel.accept_one.click()
    [now] = window.session.kb.evidence_of(reworded)
    assert now.exact == text[now.start:now.end] and "reached agreement" in now.exact
    # the lost one stays listed, and the article keeps its old hash (checked again on the next load)
    assert [a.state for a in rc.anchors] == [State.LOST] and rc.dock.isVisible()
    lost_row = panel.tree.topLevelItem(0)
    panel.tree.setCurrentItem(lost_row)
    assert "not found" in panel.comparison.new_label.text() and not panel.in_reader.isEnabled()
    assert window.editing.save()
    assert (folder / ws.ARTICLES).read_text(encoding="utf-8").count(recorded) == 1
