"""Importing articles a user brings into a workspace: body only, right metadata, hash recorded,
duplicates and bad input refused with nothing in the workspace changed."""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

import pytest
from sources_fixtures import (
    AUTHOR,
    COMMENTS,
    DATE,
    FOOTER,
    NAV,
    PARAGRAPHS,
    SITE,
    TEASERS,
    TITLE,
    URL,
    article_html,
    article_pdf,
)

from explorer.cli import main
from explorer.core import workspace as ws
from explorer.core.curation import Document
from explorer.core.curation.commands import NewActor, NewClaim
from explorer.core.errors import ExplorerError
from explorer.core.importing import Metadata, import_files
from explorer.core.loading import load_knowledge
from explorer.core.validate import validate

CX = "https://w3id.org/caucasus-explorer/vocab#"


def folder_digest(folder: Path) -> str:
    """One hash of every file's path, bytes and mode under ``folder`` (absent: 'absent')."""
    if not folder.exists():
        return "absent"
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
            h.update(str(path.stat().st_mode).encode())
    return h.hexdigest()


@pytest.fixture()
def html_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(article_html(), encoding="utf-8")
    return path


@pytest.fixture()
def pdf_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(article_pdf())
    return path


def stored_text(folder: Path) -> str:
    [text] = list(ws.texts_dir(folder).glob("*.txt"))
    return text.read_text(encoding="utf-8")


def test_html_import_keeps_the_body_only_with_its_metadata(tmp_path: Path, html_file: Path) -> None:
    folder = tmp_path / "ws"
    [done] = import_files(folder, [html_file])
    text = stored_text(folder)
    assert text.startswith(TITLE + "\n\n")
    for para in PARAGRAPHS:
        assert para in text.split("\n")
    for noise in [*NAV[1:], *TEASERS, *COMMENTS, FOOTER, "Most read"]:
        assert noise not in text
    kb = load_knowledge(ws.data_files(folder))
    article = kb.articles[done.iri]
    assert (article.title, article.publisher, article.author, article.date, article.url) == (
        TITLE, SITE, AUTHOR, DATE, URL)
    assert (article.body_start, article.body_end) == (0, len(text))
    assert hashlib.sha256(text.encode()).hexdigest() == done.sha256
    assert f'schema:sha256 "{done.sha256}"' in (folder / "articles.ttl").read_text()


def test_pdf_import_keeps_paragraphs(tmp_path: Path, pdf_file: Path) -> None:
    folder = tmp_path / "ws"
    [done] = import_files(folder, [pdf_file], Metadata(publisher="Test Institute"))
    assert stored_text(folder) == "\n\n".join([TITLE, *PARAGRAPHS]) + "\n"
    kb = load_knowledge(ws.data_files(folder))
    article = kb.articles[done.iri]
    assert (article.title, article.author, article.date, article.publisher) == (TITLE, AUTHOR, DATE,
                                                                                "Test Institute")


def test_flags_replace_the_file_metadata(tmp_path: Path, html_file: Path) -> None:
    folder = tmp_path / "ws"
    [done] = import_files(folder, [html_file], Metadata(title="Another title", date="2025-03", author="X Y"))
    article = load_knowledge(ws.data_files(folder)).articles[done.iri]
    assert (article.title, article.date, article.author) == ("Another title", "2025-03", "X Y")


def test_a_duplicate_is_refused_naming_the_existing_article(tmp_path: Path, html_file: Path,
                                                            pdf_file: Path) -> None:
    folder = tmp_path / "ws"
    [done] = import_files(folder, [html_file])
    before = folder_digest(folder)
    with pytest.raises(ExplorerError, match=f"already imported.*{done.iri.rsplit('/', 1)[-1]}"):
        import_files(folder, [pdf_file])  # the same article text, from a PDF
    assert folder_digest(folder) == before


def test_a_bundled_text_is_a_duplicate_in_a_workspace_copied_from_the_bundle(tmp_path: Path) -> None:
    folder = ws.create(tmp_path / "ws", from_bundled=True)
    seed = next(ws.texts_dir(folder).glob("000_*.txt"))
    copy = tmp_path / "lavrov.txt"
    copy.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ExplorerError, match=r"already imported.*a000"):
        import_files(folder, [copy])


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    random.seed(7)
    made = {
        "binary": ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "binary file"),
        "scanned": ("scan.pdf", article_pdf(text_layer=False), "scanned, no text to quote"),
        "empty": ("empty.txt", b"\n\n   \n", "empty body"),
        "no article": ("nav.html", (b"<html><body><nav><a href='/'>Home</a> <a href='/x'>Politics</a></nav>"
                                    b"<footer>(c) 2025</footer></body></html>"), "no article found"),
        "encoding": ("weird.txt", bytes(random.randrange(128, 256) for _ in range(600)), "encoding cannot be "
                                                                                        "detected"),
        "broken pdf": ("broken.pdf", b"%PDF-1.4\n garbage", "not a readable PDF|scanned"),
    }
    out = {}
    for key, (name, data, message) in made.items():
        path = tmp_path / name
        path.write_bytes(data)
        out[key] = (path, message)
    return out


@pytest.mark.parametrize("kind", ["binary", "scanned", "empty", "no article", "encoding", "broken pdf"])
@pytest.mark.parametrize("existing", [False, True])
def test_bad_input_is_refused_and_changes_nothing(tmp_path: Path, html_file: Path, kind: str,
                                                  existing: bool, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ws"
    if existing:
        import_files(folder, [html_file])
    before = folder_digest(folder)
    path, message = _bad_files(tmp_path)[kind]
    assert main(["import", str(path), "--workspace", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    assert re.search(message, err), err
    assert folder_digest(folder) == before


def test_a_batch_with_one_bad_file_imports_none(tmp_path: Path, html_file: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    folder = tmp_path / "ws"
    with pytest.raises(ExplorerError, match="empty"):
        import_files(folder, [html_file, bad])
    assert not folder.exists()


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = ("Erklärung über die Gespräche\n\nDer Außenminister äußerte sich über die Verhandlungen "
            "zwischen den Regierungen; die Gespräche würden fortgesetzt, hieß es in der Erklärung.\n")
    path.write_bytes(text.encode("latin-1"))
    import_files(tmp_path / "ws", [path], Metadata(publisher="P"))
    assert stored_text(tmp_path / "ws") == text


def test_a_claim_on_an_imported_article_survives_save_reload_and_validate(tmp_path: Path, html_file: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ws"
    assert main(["import", str(html_file), "--workspace", str(folder), "--json"]) == 0
    iri = json.loads(capsys.readouterr().out)["imported"][0]["iri"]
    doc = Document.from_files(ws.data_files(folder))
    armenia = NewActor("Armenia", "country")
    doc.run(armenia)
    azerbaijan = NewActor("Azerbaijan", "country")
    doc.run(azerbaijan)
    text = stored_text(folder)
    quote = "The foreign ministers of Armenia and Azerbaijan met in Geneva"
    start = text.index(quote)
    claim = NewClaim(armenia.result, CX + "negotiatesWith", azerbaijan.result, iri, start, start + len(quote))
    doc.run(claim)
    doc.save()
    assert ws.data_files(folder)[0].name == "claims.ttl" and "negotiatesWith" in (folder / "claims.ttl").read_text()
    kb = load_knowledge(ws.data_files(folder))
    [ev] = [e for e in kb.evidence.values() if e.article == iri]
    assert (ev.exact, ev.start, ev.end) == (quote, start, start + len(quote))
    assert validate(kb, shacl=True).ok
    assert main(["validate", str(folder)]) == 0
    assert "no problems" in capsys.readouterr().out


def test_workspace_command_and_opening_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workspace", str(tmp_path / "w"), "--bundled"]) == 0
    assert sorted(p.name for p in ws.texts_dir(tmp_path / "w").iterdir()) == sorted(
        p.name for p in (Path(__file__).parents[2] / "seeds").glob("*.txt"))
    capsys.readouterr()
    assert main(["stats", str(tmp_path / "w"), "--json"]) == 0
    bundled = json.loads(capsys.readouterr().out)
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["claims"] == bundled["claims"] > 0
    assert main(["workspace", str(tmp_path / "w")]) == 1
    assert "already a workspace" in capsys.readouterr().err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    assert main(["workspace", str(tmp_path / "full")]) == 1
    assert main(["stats", str(tmp_path / "full")]) == 1
    assert "not an explorer workspace" in capsys.readouterr().err


def test_files_are_written_with_the_umask_mode(tmp_path: Path, html_file: Path, umask: int) -> None:
    import_files(tmp_path / "ws", [html_file])
    for path in [tmp_path / "ws" / "articles.ttl", *ws.texts_dir(tmp_path / "ws").iterdir()]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path
