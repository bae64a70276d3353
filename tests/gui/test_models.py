"""The item models behind the panels, checked by pytest-qt's model tester and by what they show."""

from __future__ import annotations

from gui_helpers import ACTOR
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette

from explorer.app.present import excerpt
from explorer.core.filters import find_paths
from explorer.core.model import Article, Evidence, EvidenceContext
from explorer.gui.models import ChoiceModel, PathListModel, Role
from explorer.gui.row_text import passage_text


def test_path_list_model(qtmodeltester, kb) -> None:
    model = PathListModel()
    paths = find_paths(kb, ACTOR + "Kazakhstan", ACTOR + "Georgia")
    model.set_paths(kb, paths)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(paths)
    assert model.index(0, 0).data().startswith("Kazakhstan → ")
    assert model.index(0, 0).data(Role.KEY) == 0


def test_choice_model(qtmodeltester) -> None:
    model = ChoiceModel()
    group = model.add_group("publisher")
    model.add_choice("a1", "first", parent=group)
    model.add_choice("a2", "second", parent=group)
    model.add_choice("b", "other")
    qtmodeltester.check(model, force_py=True)
    assert model.checked_keys() is None
    model.set_checked("a2", False)
    assert model.checked_keys() == {"a1", "b"}
    model.set_all(False)
    assert model.checked_keys() == frozenset()
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.parent(QModelIndex()).isValid()


def context_with(paragraph: str, start: int, end: int) -> EvidenceContext:
    article = Article(iri="urn:a", title="<h1>Title</h1>", publisher="P&amp;Q", date="2020")
    ev = Evidence(
        iri="urn:e", claim="urn:c", article="urn:a", exact=paragraph[start:end], start=start, end=end
    )
    return EvidenceContext(ev, article, paragraph, 0, start, end, True)


def test_passages_are_plain_text_with_the_quote_marked(qapp) -> None:
    paragraph = "Before <b>not bold</b> the quote <i>itself</i> & after."
    start = paragraph.index("the quote")
    end = paragraph.index(" & after")
    row = passage_text(context_with(paragraph, start, end), QFont(), QPalette(), 400)
    text = row.text()
    assert text.startswith(paragraph)
    assert "<h1>Title</h1> — P&amp;Q, 2020" in text
    marked = "".join(piece for piece, fmt in row.spans(0) if fmt.fontWeight() == QFont.Weight.Bold)
    assert marked == paragraph[start:end]


def test_long_paragraphs_are_cut_around_the_quote_at_word_breaks() -> None:
    words = " ".join(f"w{i}" for i in range(400))
    start = words.index("w200")
    end = start + len("w200 w201")
    text, qs, qe = excerpt(context_with(words, start, end), chars=50)
    assert text.startswith("… ") and text.endswith(" …")
    assert text[qs:qe] == "w200 w201"
    inner = text.removeprefix("… ").removesuffix(" …")
    assert inner in words and inner.split()[0].startswith("w")
