"""The Sources page of the Filters dock: a publisher's box follows its articles, and each article's row says
its date and how many claims it gives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem

from explorer.core.filters import FilterState
from explorer.gui.filters_panel import FiltersPanel
from explorer.gui.models import ChoiceModel, Role


def article_rows(panel: FiltersPanel) -> dict[str, QStandardItem]:
    return {leaf.data(Role.KEY): leaf for leaf in panel.sources.leaves()}


def test_a_publishers_box_follows_its_only_article(qtbot, window) -> None:
    panel = window.filters
    article, row = next(iter(article_rows(panel).items()))
    publisher = row.parent()
    assert publisher is not None and publisher.rowCount() == 1
    with qtbot.waitSignal(window.filtersApplied):
        row.setCheckState(Qt.CheckState.Unchecked)
    assert publisher.checkState() == Qt.CheckState.Unchecked
    assert article not in (window.session.filters.articles or ())
    with qtbot.waitSignal(window.filtersApplied):
        row.setCheckState(Qt.CheckState.Checked)
    assert publisher.checkState() == Qt.CheckState.Checked  # its only article is checked: so is it
    assert window.session.filters.articles is None


def test_a_publisher_with_some_articles_checked_is_partly_checked(qtbot) -> None:
    model = ChoiceModel()
    group = model.add_group("outlet")
    first = model.add_choice("a1", "one", parent=group)
    model.add_choice("a2", "two", parent=group)
    first.setCheckState(Qt.CheckState.Unchecked)
    model.follow_children(group)
    assert group.checkState() == Qt.CheckState.PartiallyChecked
    model.set_checked("a2", False)
    model.follow_all_children()
    assert group.checkState() == Qt.CheckState.Unchecked


def test_a_saved_views_sources_set_the_publishers_boxes(kb, window) -> None:
    panel = window.filters
    rows = article_rows(panel)
    kept = next(iter(rows))
    panel.show_controls(FilterState(articles=frozenset({kept})), False)
    for iri, row in rows.items():
        assert row.parent().checkState() == (Qt.CheckState.Checked if iri == kept else Qt.CheckState.Unchecked)


def test_each_article_row_says_its_date_and_how_many_claims_it_gives(kb, window) -> None:
    rows = article_rows(window.filters)
    assert set(rows) == set(kb.articles)
    for iri, row in rows.items():
        article = kb.articles[iri]
        claims = {ev.claim for ev in kb.evidence.values() if ev.article == iri}
        title, about = row.text().split("\n")
        assert title == article.title
        assert about == f"{article.date or 'undated'} · {len(claims)} claim{'s' if len(claims) != 1 else ''}"
        assert about in row.toolTip()
