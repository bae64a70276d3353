"""The issue's Done-when, walked as a new user would from the shell: a page saved from a news site (cookie
banner, navigation, ticker, share links, photo caption, an inline "Read also" box, newsletter sign-up,
tags, author box, related posts, comments, sidebar, footer) imports as its body only with the right
metadata, into a new workspace; a claim made on it survives save, reload and `explorer validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core import workspace as ws
from explorer.core.curation import Document
from explorer.core.curation.commands import NewActor, NewClaim
from explorer.core.loading import load_knowledge

PAGE = Path(__file__).parents[1] / "data" / "sources" / "monitor-border-crossing.html"
BODY = [
    "Georgia and Armenia sign agreement on new border crossing",
    "The foreign ministers of Georgia and Armenia signed an agreement in Tbilisi on Tuesday to open a second "
    "crossing on the border between the two countries, officials said after the meeting.",
    "Georgian Foreign Minister Ilia Darchiashvili said the new crossing near Guguti would ease freight traffic, "
    "which has grown sharply since 2022. Armenian Foreign Minister Ararat Mirzoyan called Georgia a reliable "
    "partner and thanked Tbilisi for its support.",
    "The agreement still needs to be ratified by both parliaments. Construction could begin next year if "
    "funding from the European Union is confirmed, according to a statement from the Georgian government.",
    "Azerbaijan, which borders both countries, did not comment on the agreement. Russia's embassy in Yerevan "
    "declined to comment.",
]
NOT_BODY = ["cookies", "Support us", "Breaking", "Lars checkpoint", "Share on", "Photo: Monitor archive",
            "Read also", "Truck queues", "newsletter", "Tags:", "covers Georgian politics", "More from Georgia",
            "Wine exports", "Levan", "Follow the money", "Leave a reply", "Most read", "Advertisement",
            "All rights reserved", "Privacy policy"]


def test_a_saved_news_page_imports_as_its_body_with_its_metadata(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new-workspace"
    assert main(["import", str(PAGE), "--workspace", str(folder), "--json"]) == 0
    [done] = json.loads(capsys.readouterr().out)["imported"]
    assert (done["title"], done["publisher"], done["author"], done["date"], done["url"]) == (
        "Georgia and Armenia sign agreement on new border crossing", "South Caucasus Monitor", "Nino Kapanadze",
        "2024-05-21", "https://monitor.example.net/2024/05/georgia-armenia-border-crossing/")
    text = (ws.texts_dir(folder) / done["seed_file"]).read_text(encoding="utf-8")
    assert text == "\n\n".join(BODY) + "\n"
    assert not [junk for junk in NOT_BODY if junk.casefold() in text.casefold()]

    files = ws.data_files(folder)
    doc = Document.from_files(files)
    made = {}
    for name in ("Armenia", "Georgia"):
        command = NewActor(name, "country")
        doc.run(command)
        made[name] = command.result
    quote = "Armenian Foreign Minister Ararat Mirzoyan called Georgia a reliable partner"
    start = text.index(quote)
    claim = NewClaim(made["Armenia"], "https://w3id.org/caucasus-explorer/vocab#hasTiesWith", made["Georgia"],
                     done["iri"], start, start + len(quote))
    doc.run(claim)
    doc.save()
    kb = load_knowledge(ws.data_files(folder))
    [ev] = kb.evidence_of(claim.result)
    assert (ev.exact, ev.start, ev.end) == (quote, start, start + len(quote))
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 0, capsys.readouterr().out
