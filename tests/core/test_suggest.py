"""Claim suggestions: actors found by label, alias, demonym and capital (case- and diacritic-insensitive,
possessives), a relation from cue words, the smallest quote, factuality, date, corroborate/contradict,
rejections remembered in a workspace, and the benchmark's figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core import workspace as ws
from explorer.core.importing import Metadata, import_files
from explorer.core.loading import load_bundled, load_knowledge
from explorer.core.suggest import fold, name_index, sentences, suggest, suggest_text

CX = "https://w3id.org/caucasus-explorer/vocab#"
ACTOR = "https://w3id.org/caucasus-explorer/actor/"


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_bundled()


@pytest.fixture(scope="module")
def index(kb):  # type: ignore[no-untyped-def]
    return name_index(kb)


def run(kb, index, text: str):  # type: ignore[no-untyped-def]
    kinds = {iri: a.kind for iri, a in kb.actors.items()}
    return suggest_text("urn:test", text, index, kb.relations, kinds)


def triples(found) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(s.subject.rsplit("/", 1)[-1], s.predicate.rsplit("#", 1)[-1], s.object.rsplit("/", 1)[-1])
            for s in found}


def test_fold_keeps_offsets_and_drops_case_and_diacritics() -> None:
    assert fold("Recep Tayyip ERDOĞAN’s") == "recep tayyip erdogan's"
    assert len(fold("Türkiye’s")) == len("Türkiye’s")


def test_demonyms_capitals_diacritics_and_possessives_name_actors(kb, index) -> None:  # type: ignore[no-untyped-def]
    text = "The Kremlin’s envoy met TÜRKIYE's president. Yerevan relies on Russian support.\n"
    found = run(kb, index, text)
    assert ("Russia", "meetsWith", "Turkiye") in triples(found)
    assert ("Armenia", "dependsOn", "Russia") in triples(found)
    depends = next(s for s in found if s.predicate == CX + "dependsOn")
    assert depends.quote == "Yerevan relies on Russian" == text[depends.start:depends.end]


def test_roles_point_from_the_person(kb, index) -> None:  # type: ignore[no-untyped-def]
    found = run(kb, index, "Armenian Foreign Minister Ararat Mirzoyan arrived on Monday.\n")
    assert ("AraratMirzoyan", "foreignMinisterOf", "Armenia") in triples(found)


def test_passive_by_turns_subject_and_object(kb, index) -> None:  # type: ignore[no-untyped-def]
    found = run(kb, index, "Armenia was supported by France in the talks.\n")
    assert ("France", "supports", "Armenia") in triples(found)


@pytest.mark.parametrize(("sentence", "factuality"), [
    ("Russia supports Armenia.", "Asserted"),
    ("Russia does not support Armenia.", "Negated"),
    ("Russia may support Armenia.", "Possible"),
    ("Russia is expected to support Armenia.", "Probable"),
    ("Russia will support Armenia next year.", "Planned"),
    ("If the talks fail, Russia would support Armenia.", "Conditional"),
])
def test_factuality_from_cue_words(kb, index, sentence: str, factuality: str) -> None:  # type: ignore[no-untyped-def]
    [s] = [s for s in run(kb, index, sentence + "\n") if s.predicate == CX + "supports"]
    assert s.factuality == factuality


def test_a_printed_date_is_read(kb, index) -> None:  # type: ignore[no-untyped-def]
    [s] = run(kb, index, "On 10 October 2020 Lavrov met Bayramov in Moscow.\n")[:1]
    assert s.date == "2020-10-10"
    assert run(kb, index, "Lavrov met Bayramov in March 2023.\n")[0].date == "2023-03"


def test_sentences_do_not_end_after_titles() -> None:
    text = "Mr. Blinken met Mr Bayramov. Then he left.\nA new paragraph."
    spans = sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == ["Mr. Blinken met Mr Bayramov.", "Then he left.", "A new paragraph."]


def test_corroborates_and_contradicts_existing_claims(kb) -> None:  # type: ignore[no-untyped-def]
    found = suggest(kb, "https://w3id.org/caucasus-explorer/article/a003")
    lavrov = [s for s in found if s.subject == ACTOR + "SergeiLavrov" and s.predicate == CX + "visits"
              and s.object == ACTOR + "Azerbaijan"]
    assert lavrov and lavrov[0].corroborates
    assert all(c in kb.claims and kb.claims[c].predicate == CX + "visits" for c in lavrov[0].corroborates)
    negated = [s for s in found if s.factuality == "Negated" and s.predicate == CX + "alliedWith"]
    assert negated and not negated[0].corroborates


def test_suggest_on_an_imported_article_and_rejections_are_remembered(tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = ws.create(tmp_path / "ws", from_bundled=True)
    article = tmp_path / "note.txt"
    article.write_text("Talks in Geneva\n\nThe Azerbaijani foreign minister Jeyhun Bayramov met Ararat Mirzoyan "
                       "in Geneva on 14 March 2025. Russia was not invited to the meeting.\n", encoding="utf-8")
    [done] = import_files(folder, [article], Metadata(publisher="Test"))
    assert main(["suggest", done.iri, str(folder), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["suggestions"]
    keys = {(s["subject"], s["predicate"], s["object"]) for s in first}
    assert (ACTOR + "JeyhunBayramov", CX + "meetsWith", ACTOR + "AraratMirzoyan") in keys
    assert (ACTOR + "JeyhunBayramov", CX + "foreignMinisterOf", ACTOR + "Azerbaijan") in keys
    meets = next(s for s in first if s["predicate"] == CX + "meetsWith")
    assert meets["date"] == "2025-03-14" and meets["factuality"] == CX + "Asserted"
    assert main(["suggest", done.iri, str(folder), "--reject", "1"]) == 0
    assert (folder / ws.REJECTED).is_file()
    capsys.readouterr()
    assert main(["suggest", done.iri, str(folder), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)["suggestions"]
    assert second == first[1:]
    assert main(["suggest", done.iri, "--reject", "1"]) == 1  # no workspace named: nowhere to remember
    assert main(["suggest", "nothing-like-this", str(folder)]) == 1
    kb = load_knowledge(ws.data_files(folder))
    assert len(kb.claims) == len(load_bundled().claims)  # suggesting never adds a claim


def test_the_benchmark_reaches_the_pair_targets() -> None:
    from benchmarks.suggestions import measure

    result = measure()
    overall = result["overall"]
    assert len(result["articles"]) == 5
    assert overall["pairs_recall"] >= 0.6 and overall["pairs_precision"] >= 0.4, overall
    assert 0 < overall["triples_recall"] <= overall["pairs_recall"]
