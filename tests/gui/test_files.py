"""Open, drop, export and settings, through the window's actions with the file dialogs patched."""

from __future__ import annotations

import threading
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from gui_helpers import ACTOR, view_point
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from rdflib.compare import isomorphic

from explorer.core.export import subset_graph
from explorer.gui import settings
from explorer.gui.find_completer import LABEL_ROLE
from explorer.gui.main_window import MainWindow
from explorer.resources import curated_files

BAD_TURTLE = """@prefix ex: <http://example.org/> .
ex:a ex:b ex:c .
ex:a ex:b "unterminated .
"""


@pytest.fixture()
def save_as(monkeypatch):
    """Answer every save dialog with the path the test chooses; records the dialogs' default names."""
    asked: list[str] = []
    answer: dict[str, Path] = {}

    def fake(parent, title, default, file_filter):
        asked.append(default)
        return str(answer["path"]), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))

    def choose(path: Path) -> list[str]:
        answer["path"] = path
        return asked

    return choose


@pytest.fixture()
def messages(monkeypatch) -> list[tuple[str, Qt.TextFormat]]:
    """Capture message boxes instead of blocking on them."""
    seen: list[tuple[str, Qt.TextFormat]] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append((box.text(), box.textFormat()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def test_export_shown_graph_as_turtle_reparses_isomorphic(
    qtbot, window: MainWindow, kb, save_as, tmp_path: Path
) -> None:
    membership = next(c for c in kb.categories.values() if c.label == "membership").iri
    window.filters.categories.set_all(False)
    with qtbot.waitSignal(window.filtersApplied):
        window.filters.categories.set_checked(membership, True)
    assert 0 < len(window.session.visible.claims) < len(kb.claims)
    target = tmp_path / "shown.ttl"
    asked = save_as(target)
    with qtbot.waitSignal(window.exporting.done, timeout=60000):
        window.export_shown_action.trigger()
    assert asked and asked[0].endswith("caucasus-explorer-shown.ttl")
    written = rdflib.Graph().parse(target, format="turtle")
    expected = subset_graph(kb, list(window.session.visible.claims))
    assert len(written) == len(expected) > 0
    assert isomorphic(written, expected)
    statements = {str(s) for s in written.subjects(rdflib.RDF.type, rdflib.RDF.Statement)}
    assert statements == {c for c in window.session.visible.claims if kb.claims[c].has_statement}
    assert all(kb.category_of(kb.claims[c]).iri == membership for c in statements)
    # with its evidence and articles
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    assert len(set(written.subjects(rdflib.RDF.type, oa.Annotation))) == sum(
        len(kb.claims[c].evidence) for c in window.session.visible.claims
    )


def test_export_whole_graph_as_turtle(qtbot, window: MainWindow, kb, save_as, tmp_path: Path) -> None:
    target = tmp_path / "all.ttl"
    save_as(target)
    with qtbot.waitSignal(window.exporting.done, timeout=60000):
        window.export_turtle_action.trigger()
    written = rdflib.Graph().parse(target, format="turtle")
    assert len(written) == len(kb.store)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_network_formats_for_gephi(
    qtbot, window: MainWindow, kb, save_as, tmp_path: Path, fmt: str
) -> None:
    with qtbot.waitSignal(window.filtersApplied):
        window.filters.kinds.set_checked("person", False)
    target = tmp_path / f"graph.{fmt}"
    save_as(target)
    action = window.export_graphml_action if fmt == "graphml" else window.export_gexf_action
    with qtbot.waitSignal(window.exporting.done, timeout=60000):
        action.trigger()
    graph = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
    assert graph.number_of_edges() == len(window.session.visible.claims)
    assert all(kb.actors[n].kind != "person" for n in graph.nodes)
    # the picture travels: each actor where the window draws it (the y axis up, as Gephi has it)
    for iri, data in graph.nodes(data=True):
        where = window.scene.node(iri).scenePos()
        x, y = (data["x"], data["y"]) if fmt == "graphml" else (data["viz"]["position"]["x"],
                                                                 data["viz"]["position"]["y"])
        assert (x, y) == (round(where.x(), 3), round(-where.y(), 3))


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_export_picture(qtbot, window: MainWindow, save_as, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"picture.{fmt}"
    save_as(target)
    with qtbot.waitSignal(window.exporting.done):
        (window.export_png_action if fmt == "png" else window.export_svg_action).trigger()
    data = target.read_bytes()
    if fmt == "png":
        assert data.startswith(b"\x89PNG")
        image = QImage(str(target))
        assert image.width() > 400 and image.height() > 300
    else:
        assert b"<svg" in data and b"Russia" in data


def test_a_malformed_file_shows_file_line_and_problem_and_keeps_the_graph(
    qtbot, window: MainWindow, kb, messages, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text(BAD_TURTLE, encoding="utf-8")
    nodes_before = dict(window.scene.nodes)
    with qtbot.waitSignal(window.loadFailed, timeout=60000) as failed:
        window.open_files([bad])
    assert len(messages) == 1
    text, text_format = messages[0]
    assert str(bad) in text and "line 3" in text and "syntax error" in text.lower()
    assert text_format == Qt.TextFormat.PlainText
    assert failed.args[0] == text
    assert window.session.kb is kb
    assert window.scene.nodes == nodes_before
    assert window.scene.node(ACTOR + "Russia").isVisible()
    assert settings.recent_files() == []


def test_a_missing_file_is_reported(qtbot, window: MainWindow, kb, messages, tmp_path: Path) -> None:
    window.open_files([tmp_path / "nowhere.ttl"])
    assert messages and "nowhere.ttl" in messages[0][0] and "no such file" in messages[0][0]
    assert window.session.kb is kb


def test_open_action_and_recent_files(qtbot, window: MainWindow, monkeypatch) -> None:
    chosen = [str(p) for p in curated_files()]
    filters: list[str] = []

    def fake_open(parent, title, folder, file_filter):
        filters.append(file_filter)
        return chosen, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    with qtbot.waitSignal(window.graphShown, timeout=60000):
        window.open_action.trigger()
    assert "*.ttl" in filters[0] and "*.jsonld" in filters[0]
    assert [Path(p) for p in settings.recent_files()[0]] == [Path(p).resolve() for p in chosen]
    window.recent_menu.aboutToShow.emit()
    titles = [a.text() for a in window.recent_menu.actions()]
    assert any("actors.ttl" in t for t in titles)


def test_dropping_files_opens_them(qtbot, window: MainWindow) -> None:
    files = curated_files()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.graphShown, timeout=60000):
        window.dropEvent(event)
    assert window.session.sources == files
    assert "actors.ttl" in window.windowTitle() or "articles.ttl" in window.windowTitle()


def test_settings_persist_across_two_windows(qtbot, settings_dir: Path) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 560)  # the offscreen screen is 800x800: restoreGeometry clamps to it
    with qtbot.waitSignal(first.graphShown, timeout=60000):
        first.open_files(curated_files())
    first.filters_dock.hide()
    first.legend_action.setChecked(False)
    first.evidence.splitter.setSizes([300, 400])
    sizes = first.evidence.splitter.sizes()
    first.close()
    assert list(settings_dir.rglob("*.ini"))

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (720, 560)
    assert second.filters_dock.isHidden()
    assert not second.legend_action.isChecked()
    assert second.evidence.splitter.sizes() == sizes
    assert [Path(p) for p in settings.recent_files()[0]] == [p.resolve() for p in curated_files()]


def test_labels_and_names_from_data_are_never_markup(qtbot, window: MainWindow, tmp_path: Path) -> None:
    data = tmp_path / "markup.ttl"
    data.write_text(
        """@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:x:evil> a cx:Country ; rdfs:label "<b>Evil</b> &amp; <i>co</i>" ; skos:altLabel "<script>x</script>" .
<urn:x:good> a cx:Country ; rdfs:label "Good" .
<urn:x:evil> cx:opposes <urn:x:good> .
""",
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.graphShown, timeout=60000):
        window.open_files([data])
    node = window.scene.node("urn:x:evil")
    qtbot.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(window, node.scenePos())
    )
    assert window.evidence.title.text() == "<b>Evil</b> &amp; <i>co</i>"
    assert window.evidence.title.textFormat() == Qt.TextFormat.PlainText
    assert "<script>x</script>" in window.evidence.details.text()
    assert window.evidence.details.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp;amp;" in node.toolTip()
    model = window.completer.model()
    assert "<b>Evil</b> &amp; <i>co</i>" in [model.index(i, 0).data(LABEL_ROLE) for i in range(model.rowCount())]


def test_double_click_expands_a_lazily_loaded_source_in_the_background(
    qtbot, window: MainWindow, fresh_kb, positions
) -> None:
    calls: list[tuple[str, bool]] = []

    def expand(iri: str, **_options: object) -> bool:  # progress=, should_cancel= as RemoteKnowledge
        calls.append((iri, threading.current_thread() is threading.main_thread()))
        return True

    fresh_kb.expand = expand  # with expansion_state, the knowledge base is Expandable (explorer.core.api)
    fresh_kb.expansion_state = lambda iri: (3, 3, True)
    window.set_knowledge(fresh_kb, positions)
    node = window.scene.node(ACTOR + "Armenia")
    with qtbot.waitSignal(window.expanded, timeout=30000):
        qtbot.mouseDClick(
            window.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(window, node.scenePos())
        )
    assert calls == [(ACTOR + "Armenia", False)]
    assert window.scene.selected_actor() == ACTOR + "Armenia"
    QApplication.processEvents()


def test_the_local_knowledge_base_has_no_expand_hook(qtbot, window: MainWindow, kb) -> None:
    assert not hasattr(kb, "expand")
    node = window.scene.node(ACTOR + "Armenia")
    qtbot.mouseDClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(window, node.scenePos())
    )
    assert not window.jobs.busy
