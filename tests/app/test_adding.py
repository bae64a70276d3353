"""File › Add to Graph without Qt: which files the merged graph is read from, its name, and the Save rule of
a graph mixing the bundled data with the user's files (the bundled data stays read-only)."""

from __future__ import annotations

import shutil
from pathlib import Path

from explorer.app.adding import files_on_screen, merged_files
from explorer.app.curation import default_save_name
from explorer.app.present import source_name
from explorer.core.curation import Document, is_bundled_data
from explorer.resources import bundled_files, curated_files

FIXTURE = Path(__file__).parents[1] / "fixtures" / "added-testland.ttl"
A003 = "https://w3id.org/caucasus-explorer/article/a003"


def test_files_are_added_to_those_on_screen_once(kb, tmp_path: Path) -> None:
    mine = tmp_path / "mine.ttl"
    shutil.copy(FIXTURE, mine)
    on_screen = files_on_screen(kb, [])
    assert on_screen == [Path(p) for p in kb.sources] and on_screen and on_screen[-1] in curated_files()
    merged, already = merged_files(on_screen, [mine, tmp_path / "." / "mine.ttl", curated_files()[0]])
    assert merged == [*on_screen, mine] and already == [tmp_path / "." / "mine.ttl", curated_files()[0]]
    assert files_on_screen(kb, [mine]) == [mine]
    assert source_name([*bundled_files(), mine]) == "bundled graph + mine.ttl"
    assert source_name([*curated_files(), mine]) == "bundled graph + mine.ttl"  # (as saved: no vocabulary)
    assert source_name([mine]) == "mine.ttl"


def test_in_a_mixed_graph_new_claims_go_to_the_users_file_and_the_bundled_data_is_never_saved(tmp_path) -> None:
    mine = tmp_path / "mine.ttl"
    shutil.copy(FIXTURE, mine)
    doc = Document.from_files([*bundled_files(), mine])
    assert all(is_bundled_data(f) for f in curated_files()) and not is_bundled_data(mine)
    assert doc.file_for_claim(A003) == mine  # though the bundled claims-a003.ttl quotes a003 the most
    assert doc.file_for_actor() == mine
    assert not any(doc.writable_in_place(f) for f in curated_files()) and doc.writable_in_place(mine)
    assert default_save_name([*bundled_files(), mine]) == "mine.ttl"  # Save As offers the user's file's name
    bundled = Document.from_files([], bundled=True)
    assert bundled.file_for_claim(A003).name == "claims-a003.ttl"  # the bundled graph alone: as before


def test_an_edit_of_the_bundled_data_in_a_mixed_graph_makes_save_ask_for_a_new_file(tmp_path) -> None:
    from explorer.app.curation import needs_name
    from explorer.core.curation import Change

    mine = tmp_path / "mine.ttl"
    shutil.copy(FIXTURE, mine)
    doc = Document.from_files([*bundled_files(), mine])
    assert not needs_name(doc, False)
    mine_triple = next(iter(doc.parts[mine]))
    doc.apply(Change(removed=((mine, mine_triple),)))
    assert not needs_name(doc, False)  # only the user's file changed: Save writes it in place
    claims = next(f for f in doc.files if f.name == "claims-a003.ttl")
    doc.apply(Change(removed=((claims, next(iter(doc.parts[claims]))),)))
    assert needs_name(doc, False)  # a bundled file changed: Save As, never the bundled file
