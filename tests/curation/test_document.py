"""The curated document: saving each changed file as readable Turtle, Save As, and recovery files."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from curation_helpers import ACTOR, ARTICLE, CX

from explorer.core.compare import isomorphic
from explorer.core.curation import (
    DeleteClaim,
    Document,
    NewActor,
    NewClaim,
    TextPositions,
    find_recoveries,
    trim_selection,
    write_recovery,
)
from explorer.core.errors import ExplorerError
from explorer.core.loading import load_knowledge
from explorer.core.validate import validate

A001 = ARTICLE + "a001"


def add_claim(doc: Document, words: str = "the meeting the two ministers for ten hours") -> NewClaim:
    text = doc.kb.article_text(A001)
    start = text.index(words)
    command = NewClaim(ACTOR + "ZohrabMnatsakanyan", CX + "meetsWith", ACTOR + "JeyhunBayramov", A001,
                       start, start + len(words), "2020-10")
    doc.run(command)
    return command


def test_saving_adds_one_block_to_the_claims_file_and_touches_nothing_else(doc: Document, data_dir: Path) -> None:
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    add_claim(doc)
    assert [p.name for p in doc.save()] == ["claims-a001.ttl"]
    assert not doc.changed_files()
    for path in data_dir.iterdir():
        if path.name != "claims-a001.ttl":
            assert path.read_bytes() == before[path.name], path.name
    old = before["claims-a001.ttl"].decode().splitlines()
    new = (data_dir / "claims-a001.ttl").read_text(encoding="utf-8").splitlines()
    diff = [line for line in difflib.unified_diff(old, new, lineterm="", n=0) if line[:1] in "+-"]
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert removed == []
    assert added[0] == "" and added[1] == '# "the meeting the two ministers for ten hours"'
    # the same triple is already stated (by the ten-hour meeting's claim): it stands once in the file
    assert added[2].startswith("claim:ZohrabMnatsakanyan_meetsWith_JeyhunBayramov_2020_2 a rdf:Statement")
    assert new.count("actor:ZohrabMnatsakanyan cx:meetsWith actor:JeyhunBayramov .") == 1
    assert not [f for f in data_dir.iterdir() if f.name.startswith(".")], "a temporary file was left behind"


def test_a_saved_curation_loads_and_validates(doc: Document, data_dir: Path) -> None:
    command = add_claim(doc)
    doc.run(NewActor("Nikol Pashinyan", "person"))
    doc.save()
    kb = load_knowledge(sorted(data_dir.glob("*.ttl")))
    assert command.result in kb.claims
    assert ACTOR + "NikolPashinyan" in kb.actors
    report = validate(kb)
    assert report.ok, [str(p) for p in report.problems]
    reread = Document.from_files(sorted(data_dir.glob("*.ttl")))
    assert all(isomorphic(_graph(reread.parts[f]), _graph(doc.parts[f])) for f in doc.files)


def _graph(triples):
    import rdflib

    g = rdflib.Graph()
    for t in triples:
        g.add(t)
    return g


def test_the_bundled_data_is_never_saved_in_place() -> None:
    doc = Document.from_files([], bundled=True)
    add_claim(doc)
    assert doc.changed_files()
    assert not any(doc.writable_in_place(f) for f in doc.files)
    with pytest.raises(ExplorerError, match="new name"):
        doc.save()


def test_save_as_gathers_every_file_into_one(doc: Document, tmp_path: Path) -> None:
    command = add_claim(doc)
    target = tmp_path / "all.ttl"
    doc.save_as(target)
    assert doc.files == [target] and not doc.changed_files()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Curated with explorer.\n\n@prefix cx:")
    assert '# "the meeting the two ministers for ten hours"' in text
    assert "# Moscow stands for Russia" in text  # comments of the files it came from are kept
    kb = load_knowledge([target])
    assert command.result in kb.claims
    assert validate(kb).ok


def test_other_formats_are_saved_in_their_own_format(tmp_path: Path, data_dir: Path) -> None:
    nt = tmp_path / "claims.nt"
    doc = Document.from_files([data_dir / "claims-a001.ttl"])
    doc.save_as(nt)
    doc.run(DeleteClaim(next(iter(doc.kb.claims))))
    doc.save()
    assert nt.read_text(encoding="utf-8").startswith("<")
    assert load_knowledge([nt]).claims.keys() == doc.kb.claims.keys()


def test_recovery_round_trip(doc: Document, tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    commands = [add_claim(doc, words) for words in ("the two ministers for ten hours", "Lavrov on 10 October")]
    write_recovery(doc, folder, "session-1")
    assert find_recoveries(folder, skip=["session-1"]) == []
    (found,) = find_recoveries(folder)
    assert found.claims == len(doc.kb.claims)
    restored = found.load()
    assert restored.files == doc.files
    for c in commands:
        assert c.result in restored.kb.claims
    assert [f.name for f in restored.changed_files()] == ["claims-a001.ttl"]
    assert all(isomorphic(_graph(restored.parts[f]), _graph(doc.parts[f])) for f in doc.files)
    found.discard()
    assert find_recoveries(folder) == []


def test_a_recovery_of_a_running_process_is_not_offered(doc: Document, tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    manifest = write_recovery(doc, folder, "other")
    text = manifest.read_text().replace(f'"pid": {os.getpid()}', f'"pid": {os.getppid()}')
    manifest.write_text(text)
    assert find_recoveries(folder) == []
    manifest.write_text(text.replace(f'"pid": {os.getppid()}', '"pid": 999999999'))
    assert len(find_recoveries(folder)) == 1
    (folder / "broken.json").write_text("{not json")
    assert len(find_recoveries(folder)) == 1


def test_documents_hold_only_data_files(data_dir: Path) -> None:
    from explorer.resources import vocabulary_file

    with pytest.raises(ExplorerError, match="vocabulary"):
        Document.from_files([vocabulary_file()])
    doc = Document.from_files([vocabulary_file(), data_dir / "actors.ttl"])
    assert doc.files == [data_dir / "actors.ttl"]
    assert doc.kb.relations  # the vocabulary is there as context


def test_text_positions_follow_qt_counting() -> None:
    text = "a😀b\r\nc’d"
    positions = TextPositions(text)
    # Qt: a=0, 😀=1-2, b=3, paragraph break=4, c=5, ’=6, d=7
    assert [positions.position(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 4, 5, 6, 7, 8]
    assert positions.offset(5) == text.index("c")
    assert positions.offset(4) == text.index("\r")
    assert positions.offset(2) == 2  # inside the surrogate pair: rounds to the next character
    plain = TextPositions("Türkiye")
    assert plain.offset(3) == 3 and plain.position(7) == 7


def test_trim_selection() -> None:
    assert trim_selection("  ab c \n", 0, 8) == (2, 6)
    assert trim_selection("   ", 0, 3) == (3, 3)


def test_reading_a_file_goes_through_the_safe_loader(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:b", encoding="utf-8")
    with pytest.raises(ExplorerError):
        Document.from_files([bad])
    shutil.copy(bad, tmp_path / "x.ttl")


def test_undo_after_save_as_applies_to_the_gathered_file(doc: Document, tmp_path: Path) -> None:
    change = doc.run(NewActor("Nikol Pashinyan", "person"))
    target = tmp_path / "all.ttl"
    doc.save_as(target)
    doc.apply(change.inverse())
    assert ACTOR + "NikolPashinyan" not in doc.kb.actors
    assert doc.changed_files() == [target]
    doc.apply(change)
    assert ACTOR + "NikolPashinyan" in doc.kb.actors
