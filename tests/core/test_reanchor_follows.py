"""Accepting re-anchored passages moves the article with them: a paragraph inserted at the top of a seed
copy moves every quote, and once the moved ones are accepted, the body bounds and the recorded SHA-256
follow the new text, so `explorer validate` is clean and each selector is the new text at its new offsets.
While a passage is still changed or lost, the old hash stays (the article is checked again on load)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from explorer.cli import main
from explorer.core import workspace as ws
from explorer.core.anchoring import State, anchor_all, body_bounds, stale_texts
from explorer.core.curation import Document
from explorer.core.curation.reanchor import AcceptAnchors
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge
from explorer.core.vocab import SCHEMA

ART = "https://w3id.org/caucasus-explorer/article/"
INSERTED = "An editor's note added at the top of the page, in a paragraph of its own.\n\n"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    return ws.create(tmp_path / "ws", from_bundled=True)


def _insert_on_top(kb: KnowledgeBase, folder: Path, articles: list[str]) -> dict[str, str]:
    """Insert a paragraph at the top of the articles' texts in ``folder``; article IRI → new text."""
    out = {}
    for name in articles:
        path = folder / kb.articles[ART + name].seed_file
        text = INSERTED + path.read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        out[ART + name] = text
    return out


def test_body_bounds_move_with_the_nearest_passages() -> None:
    # a paragraph of 10 inserted on top: everything shifts by 10
    assert body_bounds(31, 300, [(40, 60, 50, 70), (200, 290, 210, 300)], 1000) == (41, 310)
    # a body that started at the text's start still does
    assert body_bounds(0, 300, [(40, 60, 50, 70), (200, 290, 210, 300)], 1000) == (0, 310)
    # a word changed in the middle: only the end moves
    assert body_bounds(31, 300, [(40, 60, 40, 60), (200, 290, 205, 295)], 1000) == (31, 305)
    # never outside the text, and always holding every placed passage
    assert body_bounds(31, 300, [(40, 60, 40, 60), (200, 290, 200, 320)], 310) == (31, 310)
    assert body_bounds(31, 300, [], 100) == (31, 100)


def test_cli_reanchor_then_validate_is_clean(workspace: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    old = load_knowledge(ws.data_files(workspace))
    texts = tmp_path / "texts"
    shutil.copytree(ws.texts_dir(workspace), texts)
    new_text = _insert_on_top(old, texts, ["a001", "a004"])
    last = max(e.end for e in old.evidence.values() if e.article == ART + "a001")
    assert last + len(INSERTED) > old.articles[ART + "a001"].body_end  # (the bug: it fell outside the body)
    out = tmp_path / "out"
    assert main(["reanchor", str(workspace), "--texts", str(texts), "-o", str(out)]) == 0
    assert ws.ARTICLES in {p.name for p in out.iterdir()}
    for path in out.iterdir():
        shutil.copyfile(path, workspace / path.name)
    for path in texts.iterdir():
        shutil.copyfile(path, ws.texts_dir(workspace) / path.name)
    capsys.readouterr()
    assert main(["validate", str(workspace)]) == 0, capsys.readouterr().out
    new = load_knowledge(ws.data_files(workspace))
    for name, start in (("a001", 0), ("a004", 133 + len(INSERTED))):
        art = new.articles[ART + name]
        before = old.articles[ART + name]
        assert (art.body_start, art.body_end) == (start, before.body_end + len(INSERTED))
    for iri, ev in new.evidence.items():
        text = new_text.get(ev.article)
        if text is None:
            assert (ev.start, ev.end) == (old.evidence[iri].start, old.evidence[iri].end)
            continue
        assert (ev.start, ev.end) == (old.evidence[iri].start + len(INSERTED), old.evidence[iri].end + len(INSERTED))
        assert text[ev.start:ev.end] == ev.exact == old.evidence[iri].exact
        assert text[:ev.start].endswith(ev.prefix) and text[ev.end:].startswith(ev.suffix)


def test_a_workspace_copied_from_the_bundle_records_each_text_hash(workspace: Path) -> None:
    kb = load_knowledge(ws.data_files(workspace))
    recorded = {str(r["a"]): str(r["h"]) for r in kb.store.select(
        "SELECT ?a ?h WHERE { ?a <https://schema.org/sha256> ?h }")}
    assert recorded == {iri: sha(kb.article_text(iri)) for iri in kb.articles}
    assert len(recorded) == 5 and stale_texts(kb) == {}
    assert "sha256" not in (Path(__file__).parents[2] / "resources" / "data" / "articles.ttl").read_text("utf-8")


def _imported_hash_workspace(workspace: Path) -> tuple[list[Path], str, str]:
    """The workspace copied from the bundle (a001's hash recorded), a001's text then edited on top: files,
    IRI, new text."""
    files = ws.data_files(workspace)
    iri = ART + "a001"
    path = ws.texts_dir(workspace) / load_knowledge(files).articles[iri].seed_file
    old = path.read_text(encoding="utf-8")
    path.write_text(INSERTED + old, encoding="utf-8")
    return files, iri, INSERTED + old


def test_accepting_every_moved_passage_records_the_new_hash(workspace: Path) -> None:
    files, iri, text = _imported_hash_workspace(workspace)
    doc = Document.from_files(files)
    stale = stale_texts(doc.kb)
    assert list(stale) == [iri]
    anchors = anchor_all(doc.kb.evidence.values(), stale)
    assert {a.state for a in anchors} == {State.MOVED}
    change = doc.run(AcceptAnchors(anchors, stale))
    assert stale_texts(doc.kb) == {}
    assert str(doc.value(URIRef(iri), SCHEMA.sha256)) == sha(text)
    assert doc.kb.articles[iri].body_end == load_knowledge(files).articles[iri].body_end + len(INSERTED)
    doc.apply(change.inverse())  # undone: the old hash and bounds are back
    assert list(stale_texts(doc.kb)) == [iri]
    assert doc.kb.articles[iri].body_end == load_knowledge(files).articles[iri].body_end


def test_a_partial_accept_keeps_the_old_hash(workspace: Path) -> None:
    files, iri, _text = _imported_hash_workspace(workspace)
    doc = Document.from_files(files)
    stale = stale_texts(doc.kb)
    anchors = anchor_all(doc.kb.evidence.values(), stale)
    doc.run(AcceptAnchors(anchors[:1], stale))
    assert list(stale_texts(doc.kb)) == [iri]  # the others still to review: checked again on load
    left = [a for a in anchor_all(doc.kb.evidence.values(), stale) if a.state is not State.UNCHANGED]
    assert len(left) == len(anchors) - 1
