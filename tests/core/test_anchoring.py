"""Re-anchoring quotes in edited copies of the seed texts: a paragraph inserted at the top (moved), a word
changed inside a quote (changed), a quoted sentence deleted (lost), each exactly where it is; and the
moved selectors `explorer reanchor` writes equal the new text at the new offsets."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.anchoring import CHANGED_THRESHOLD, State, anchor, anchor_all
from explorer.core.loading import load_bundled, load_knowledge
from explorer.core.model import Evidence
from explorer.resources import curated_files, seeds_dir

ART = "https://w3id.org/caucasus-explorer/article/"
INSERTED = "An editor's note added at the top of the page, in a paragraph of its own.\n\n"


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_bundled()


def passages(kb, article: str) -> list[Evidence]:  # type: ignore[no-untyped-def]
    return [e for e in kb.evidence.values() if e.article == ART + article]


def seed_text(kb, article: str) -> str:  # type: ignore[no-untyped-def]
    return kb.texts.text(kb.articles[ART + article].seed_file)


def test_a_paragraph_inserted_at_the_top_moves_every_quote(kb) -> None:  # type: ignore[no-untyped-def]
    text = INSERTED + seed_text(kb, "a000")
    for ev in passages(kb, "a000"):
        a = anchor(ev, text)
        assert a.state is State.MOVED, ev.iri
        assert (a.start, a.end) == (ev.start + len(INSERTED), ev.end + len(INSERTED))
        assert text[a.start:a.end] == ev.exact


def _changed_word(kb, article: str):  # type: ignore[no-untyped-def]
    """A word inside a long quote, not inside any short one: (start, end, replacement)."""
    evs = passages(kb, article)
    for ev in sorted(evs, key=lambda e: -len(e.exact)):
        for m in re.finditer(r"[a-z]{7,}", ev.exact):
            start, end = ev.start + m.start(), ev.start + m.end()
            holders = [e for e in evs if e.start < end and start < e.end]
            if all(len(e.exact) >= 60 for e in holders):
                return start, end, m.group(0)[:3] + "ified and more"
    raise AssertionError("no word to change")


def test_a_word_changed_inside_a_quote(kb) -> None:  # type: ignore[no-untyped-def]
    old = seed_text(kb, "a001")
    start, end, word = _changed_word(kb, "a001")
    text = old[:start] + word + old[end:]
    shift = len(word) - (end - start)
    states = {}
    for ev in passages(kb, "a001"):
        a = anchor(ev, text)
        states[ev.iri] = a.state
        if ev.end <= start:
            assert a.state is State.UNCHANGED, ev.iri
        elif ev.start >= end:
            assert a.state is State.MOVED and (a.start, a.end) == (ev.start + shift, ev.end + shift), ev.iri
        else:
            assert a.state is State.CHANGED, ev.iri
            assert CHANGED_THRESHOLD <= a.score < 1
            assert (a.start, a.end) == (ev.start, ev.end + shift)
            assert word in a.new_exact
    assert State.CHANGED in states.values()


def _deleted_sentence(kb, article: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The span of a quoted sentence (with the space after it) that no quote straddles."""
    evs = passages(kb, article)
    text = seed_text(kb, article)
    for ev in sorted(evs, key=lambda e: e.start):
        if len(ev.exact) < 40:
            continue
        start = max(text.rfind(". ", 0, ev.start) + 2, text.rfind("\n", 0, ev.start) + 1)
        end = text.find(". ", ev.end)
        if end < 0 or "\n" in text[start:end]:
            continue
        end += 2
        if all(e.end <= start or e.start >= end or (start <= e.start and e.end <= end) for e in evs):
            return start, end
    raise AssertionError("no sentence to delete")


def test_a_deleted_quoted_sentence_is_lost(kb) -> None:  # type: ignore[no-untyped-def]
    old = seed_text(kb, "a002")
    cut_start, cut_end = _deleted_sentence(kb, "a002")
    text = old[:cut_start] + old[cut_end:]
    shift = cut_end - cut_start
    lost = []
    for ev in passages(kb, "a002"):
        a = anchor(ev, text)
        if ev.end <= cut_start:
            assert a.state is State.UNCHANGED, ev.iri
        elif ev.start >= cut_end:
            assert a.state is State.MOVED and (a.start, a.end) == (ev.start - shift, ev.end - shift), ev.iri
        else:
            assert a.state is State.LOST, (ev.iri, a)
            lost.append(ev.iri)
    assert lost


@pytest.fixture()
def edited_texts(kb, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Copies of the seed texts: a000 with a paragraph on top, a001 with a word changed, a002 with a
    quoted sentence deleted."""
    folder = tmp_path / "texts"
    shutil.copytree(seeds_dir(), folder)

    def edit(article: str, new: str) -> None:
        (folder / kb.articles[ART + article].seed_file).write_text(new, encoding="utf-8")

    edit("a000", INSERTED + seed_text(kb, "a000"))
    start, end, word = _changed_word(kb, "a001")
    old = seed_text(kb, "a001")
    edit("a001", old[:start] + word + old[end:])
    cut_start, cut_end = _deleted_sentence(kb, "a002")
    old = seed_text(kb, "a002")
    edit("a002", old[:cut_start] + old[cut_end:])
    return folder


def test_validate_texts_reports_each_state(kb, edited_texts: Path,  # type: ignore[no-untyped-def]
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--texts", str(edited_texts), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    expected = {a.evidence: a.state.value for a in anchor_all(
        kb.evidence.values(), {iri: (edited_texts / art.seed_file).read_text(encoding="utf-8")
                               for iri, art in kb.articles.items()})}
    assert {p["evidence"]: p["state"] for p in report["passages"]} == expected
    by_article = {}
    for p in report["passages"]:
        by_article.setdefault(p["article"].rsplit("/", 1)[-1], set()).add(p["state"])
    assert by_article["a000"] == {"moved"}
    assert "changed" in by_article["a001"] and "lost" not in by_article["a001"]
    assert "lost" in by_article["a002"] and "changed" not in by_article["a002"]
    assert by_article["a003"] == by_article["a004"] == {"unchanged"}
    assert main(["validate", "--texts", str(seeds_dir())]) == 0


def test_reanchor_writes_the_moved_selectors(kb, edited_texts: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["reanchor", "--texts", str(edited_texts), "-o", str(out)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written and set(written) <= {p.name for p in curated_files()}
    assert "claims-a000.ttl" in written and "claims-a003.ttl" not in written
    files = [out / p.name if (out / p.name).exists() else p for p in curated_files()]
    new = load_knowledge(files)
    new_texts = {iri: (edited_texts / art.seed_file).read_text(encoding="utf-8") for iri, art in kb.articles.items()}
    states = {a.evidence: a for a in anchor_all(kb.evidence.values(), new_texts)}
    for iri, ev in new.evidence.items():
        text = new_texts[ev.article]
        if states[iri].state is State.MOVED:
            assert (ev.start, ev.end) == (states[iri].start, states[iri].end)
            assert text[ev.start:ev.end] == ev.exact
            assert text[:ev.start].endswith(ev.prefix) and text[ev.end:].startswith(ev.suffix)
        else:
            old = kb.evidence[iri]
            assert (ev.start, ev.end, ev.exact) == (old.start, old.end, old.exact)
    capsys.readouterr()
    assert main(["validate", *map(str, files), "--texts", str(edited_texts), "--json"]) == 1
    after = json.loads(capsys.readouterr().out)["counts"]
    assert after["moved"] == 0 and after["changed"] > 0 and after["lost"] > 0
