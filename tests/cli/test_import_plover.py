"""`explorer import EVENTS.jsonl --workspace DIR`: PLOVER events back into a workspace's claims."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.loading import load_knowledge
from explorer.core.workspace import data_files


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture()
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.jsonl"
    assert main(["export", "-f", "plover", "-o", str(path)]) == 0
    return path


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    assert main(["workspace", str(folder), "--bundled"]) == 0
    return folder


def test_events_already_held_add_nothing_and_a_new_one_is_added(events: Path, workspace: Path, tmp_path: Path,
                                                               capsys) -> None:
    before = _digest(workspace)
    assert main(["import", str(events), "-w", str(workspace), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added_triples"] == 0 and report["claims"] > 100
    assert _digest(workspace) == before  # no blank-node copies of passages, no plain triple of a hedged claim
    record = json.loads(events.read_text(encoding="utf-8").splitlines()[0])
    record["id"] += "_again"
    for passage in record["passages"]:
        passage["id"] += "_again"
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["import", str(one), "-w", str(workspace)]) == 0
    kb = load_knowledge(data_files(workspace))
    again = kb.claims[record["id"]]
    assert [kb.evidence[e].exact for e in again.evidence] == [record["event_text"]]
    assert main(["validate", str(workspace), "--no-shacl"]) == 0


def test_an_event_citing_an_unknown_article_is_refused_whole(events: Path, workspace: Path, tmp_path: Path,
                                                            capsys) -> None:
    lines = events.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[2])
    record["passages"][0]["source"] = "https://w3id.org/caucasus-explorer/article/nowhere"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], lines[1], json.dumps(record)]) + "\n", encoding="utf-8")
    before = _digest(workspace)
    assert main(["import", str(bad), "-w", str(workspace)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.jsonl" in err[0] and "line 3" in err[0] and "nowhere" in err[0]
    assert _digest(workspace) == before
