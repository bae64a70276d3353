"""`explorer views` and `explorer report`: the briefing's quotes are the articles' words at their offsets,
in the HTML and in the PDF's text; the HTML stands alone; the same data gives the same bytes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from explorer.app.views import Layout, SavedView, ViewStore, views_file
from explorer.cli import main
from explorer.core.export import export_to
from explorer.core.filters import FilterState
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
CX = "https://w3id.org/caucasus-explorer/vocab#"


class _Briefing(HTMLParser):
    """The quotes (with their article and offsets), every src/href, the tags, and the text by section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.quotes: list[tuple[str, int, int, str]] = []
        self.links: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._quote: dict[str, str] | None = None
        self._words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        for name in ("src", "href", "xlink:href", "action", "data", "poster"):
            if values.get(name) is not None:
                self.links.append((tag, name, values[name] or ""))
        if tag == "blockquote" and values.get("class") == "quote":
            self._quote = {k: v or "" for k, v in values.items()}
            self._words = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote" and self._quote is not None:
            q = self._quote
            self.quotes.append((q["data-article"], int(q["data-start"]), int(q["data-end"]), "".join(self._words)))
            self._quote = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._quote is not None:
            self._words.append(data)


def _parse(path: Path) -> _Briefing:
    parser = _Briefing()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_an_actors_html_briefing_quotes_the_articles_exactly_and_stands_alone(tmp_path: Path,
                                                                               kb: KnowledgeBase) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--actor", "Russia", "-o", str(out)]) == 0
    page = _parse(out)
    assert page.quotes, "no quote in the briefing"
    for article, start, end, quote in page.quotes:
        assert quote == kb.article_text(article)[start:end]
        body = kb.articles[article]
        if body.body_start is not None and body.body_end is not None:
            assert body.body_start <= start and end <= body.body_end  # in the article body, not boilerplate
    russia = ACTOR + "Russia"
    cited = {e for c in kb.claims_of(russia) for e in c.evidence}
    assert len(page.quotes) == len(cited)  # every passage of Russia's claims, once
    assert "svg" in page.tags and {"circle", "polygon"} & set(page.tags)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(page.tags)
    for tag, attribute, value in page.links:
        assert tag == "a" and attribute == "href", (tag, attribute, value)
        assert value.startswith("#fn-") or re.match(r"https?://", value), value
    assert "url(" not in out.read_text(encoding="utf-8")  # no CSS that fetches


def test_the_pdf_briefing_holds_every_quote_as_text(tmp_path: Path, kb: KnowledgeBase) -> None:
    pypdf = pytest.importorskip("pypdf")
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    assert main(["report", "--actor", "Russia", "-o", str(html), "--date", "2026-12-04"]) == 0
    assert main(["report", "--actor", "Russia", "-o", str(pdf), "--date", "2026-12-04"]) == 0
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    flat = " ".join(text.split())
    quotes = _parse(html).quotes
    assert quotes
    for article, start, end, _quote in quotes:
        words = " ".join(kb.article_text(article)[start:end].split())
        assert words in flat, words
    assert "Briefing: Russia" in flat and "Sources" in flat


def test_the_same_data_and_view_give_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    for out in (first, second):
        assert main(["report", "--pair", "Russia", "Armenia", "-o", str(out), "--date", "2026-01-02"]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert "Russia and Armenia" in first.read_text(encoding="utf-8")


@pytest.fixture()
def graph_copy(tmp_path: Path, kb: KnowledgeBase) -> list[Path]:
    """The bundled graph exported to a folder of the test's own (where its views are kept)."""
    folder = tmp_path / "graph"
    folder.mkdir()
    export_to(kb, folder / "graph.ttl", "turtle")
    return [folder / "graph.ttl"]


def test_a_storyboard_of_saved_views_with_notes(tmp_path: Path, graph_copy: list[Path]) -> None:
    kb = load_knowledge(graph_copy)
    store = ViewStore(views_file(graph_copy))
    russia, armenia = ACTOR + "Russia", ACTOR + "Armenia"
    spots = {a: (float(i * 40), float(i % 5 * 30)) for i, a in enumerate(sorted(kb.actors))}
    store.put(SavedView("Security", filters=FilterState(categories=frozenset({CX + "Membership"})),
                        layout=Layout(spots)))
    store.put(SavedView("Armenia", focus_mode=True, focus=armenia, selected_actors=(armenia, russia)))
    notes = tmp_path / "notes.md"
    notes.write_text("Opening **remarks**.\n\n## Armenia\nAfter the second figure.\n\n## Security\n- first point\n",
                     encoding="utf-8")
    out = tmp_path / "story.html"
    args = ["report", *map(str, graph_copy), "--view", "Armenia", "--view", "Security", "--notes", str(notes),
            "-o", str(out), "--date", "2026-12-04"]
    assert main(args) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 2
    order = [page.index(s) for s in ("Opening <strong>remarks</strong>", "<h2>Armenia</h2>", "After the second",
                                      "<h2>Security</h2>", "<li>first point</li>")]
    assert order == sorted(order)
    security = page[page.index("<h2>Security</h2>"):]
    assert "<h4>Membership</h4>" in security and "<h4>Conflict</h4>" not in security


def test_explorer_views_lists_the_saved_views(tmp_path: Path, graph_copy: list[Path],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    store = ViewStore(views_file(graph_copy))
    store.put(SavedView("Old one", focus=ACTOR + "Atlantis", layout=Layout({ACTOR + "Russia": (1.0, 2.0)})))
    store.put(SavedView("Second", filters=FilterState(date_from="2020")))
    assert main(["views", *map(str, graph_copy), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["Old one", "Second"]
    assert rows[0]["missing_actors"] == [ACTOR + "Atlantis"] and rows[1]["filters"] == {"date_from": "2020"}
    assert main(["views", *map(str, graph_copy)]) == 0
    assert "Old one" in capsys.readouterr().out


def test_report_errors_are_one_line(tmp_path: Path, graph_copy: list[Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", *map(str, graph_copy), "--view", "Nope", "-o", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err
    assert "no saved view called 'Nope'" in err and "explorer-views.json" in err and len(err.splitlines()) == 1
    assert main(["report", "--actor", "Russia", "-o", str(tmp_path / "x.doc")]) == 2
    assert main(["report", "--actor", "Nobody at all", "-o", str(tmp_path / "x.html")]) == 1
    assert not (tmp_path / "x.html").exists()


def test_a_briefing_grades_its_claims_and_lists_what_each_source_says_of_a_contested_one(tmp_path: Path,
                                                                                         kb: KnowledgeBase) -> None:
    """Each footnote carries its claim's credibility by the weighing rule; a claim denied by a passage or
    contradicted by a contrary claim gets an appendix entry with each source's words, read from the article."""
    from explorer.core.report.build import contested_claims
    from explorer.core.weight import CREDIBILITY_NAMES, weights_of

    out = tmp_path / "brief.html"
    assert main(["report", "--actor", "Russia", "-o", str(out), "--date", "2026-12-04"]) == 0
    html = out.read_text(encoding="utf-8")
    weights = weights_of(kb)
    leads = weights["https://w3id.org/caucasus-explorer/claim/Russia_leads_CSTO"].credibility
    assert f"credibility {leads} ({CREDIBILITY_NAMES[leads]})" in html
    contested = [c for c in kb.claims if weights[c].contested]
    assert contested, "the bundled data has contested claims"
    entries = contested_claims(kb, contested)
    assert {e.claim for e in entries} == set(contested)
    for entry in entries:
        for _source, says in entry.positions:
            quote = says.split("“", 1)[1].rsplit("”", 1)[0]
            assert any(quote == kb.article_text(a)[ev.start:ev.end]
                       for a in kb.articles for ev in kb.evidence.values() if ev.article == a and ev.exact == quote)
