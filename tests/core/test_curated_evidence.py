"""Evidence is sacred: every quote in the curated data is the article text at its offsets, inside the body.

These checks read the Turtle with plain rdflib, independently of the explorer's own loader and validator,
so a bug there cannot hide a bad quote.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace

from explorer.resources import bundled_files, seeds_dir

CX = Namespace("https://w3id.org/caucasus-explorer/vocab#")
OA = Namespace("http://www.w3.org/ns/oa#")
ROOT = Path(__file__).resolve().parents[2]

# sha256 of the five seed articles as scraped (../shared/seeds): the project's copy must stay byte-for-byte.
SEED_SHA256 = {
    "000_604db0fb33f42b23.txt": "ba09b529aa1fd09c95b388b2383728e70cb6da89ab70b0cfb7c463f15c04d00a",
    "001_5cbad3af101ae6c9.txt": "e2a3bd7caaeb5a41fed1ca02783a9cf0999c4a803b02568a3e8c2017499469e8",
    "002_ea6970f2be2c4f64.txt": "5ac42a5b652e678f3270e188b3b12134f5c1d680754d85b110adb55d6d2382f4",
    "003_a7c59664f76012a2.txt": "3a070d4ef0e19ff49c5438e65867eeab918235ff51c745fabb841f28a839584e",
    "004_08aac5d7139b77c0.txt": "ba0fb8b04fd391bd8ee8cba03b3f23fa56a8416730181a69fb1b2de83780e968",
}


@pytest.fixture(scope="module")
def curated() -> Graph:
    graph = Graph()
    for path in bundled_files():
        graph.parse(path, format="turtle")
    return graph


def test_seeds_are_the_scraped_articles_byte_for_byte() -> None:
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds_dir().glob("*.txt")}
    assert found == SEED_SHA256
    shared = ROOT.parent / "shared" / "seeds"
    if shared.is_dir():
        for name in SEED_SHA256:
            assert (shared / name).read_bytes() == (seeds_dir() / name).read_bytes()


def _annotations(graph: Graph):
    for ann in graph.subjects(RDF.type, OA.Annotation):
        target = graph.value(ann, OA.hasTarget)
        article = graph.value(target, OA.hasSource)
        quote = position = None
        for selector in graph.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                quote = selector
            if (selector, RDF.type, OA.TextPositionSelector) in graph:
                position = selector
        yield ann, article, quote, position


def test_every_quote_is_the_article_text_at_its_offsets_inside_the_body(curated: Graph) -> None:
    checked = 0
    for ann, article, quote, position in _annotations(curated):
        assert quote is not None and position is not None, f"{ann} lacks a selector"
        seed = curated.value(article, CX.seedFile)
        assert seed is not None, f"{ann} cites {article}, which has no seed file"
        text = (seeds_dir() / str(seed)).read_text(encoding="utf-8")
        start, end = int(curated.value(position, OA.start)), int(curated.value(position, OA.end))
        exact = str(curated.value(quote, OA.exact))
        assert text[start:end] == exact, f"{ann}: quote not at {start}-{end}"
        body = int(curated.value(article, CX.bodyStart)), int(curated.value(article, CX.bodyEnd))
        assert body[0] <= start < end <= body[1], f"{ann}: quote outside the article body {body}"
        prefix, suffix = curated.value(quote, OA.prefix), curated.value(quote, OA.suffix)
        assert prefix is None or text[:start].endswith(str(prefix)), f"{ann}: prefix"
        assert suffix is None or text[end:].startswith(str(suffix)), f"{ann}: suffix"
        checked += 1
    assert checked > 150


def test_body_ranges_exclude_the_boilerplate(curated: Graph) -> None:
    boilerplate = ["Related articles", "Popular", "Editor's choice", "Leave a Reply", "Share If You Like",
                   "Liked it? Take a second", "Connect with us", "source: commonspace.eu", "adsbygoogle"]
    for article in curated.subjects(CX.seedFile, None):
        text = (seeds_dir() / str(curated.value(article, CX.seedFile))).read_text(encoding="utf-8")
        body = text[int(curated.value(article, CX.bodyStart)):int(curated.value(article, CX.bodyEnd))]
        for marker in boilerplate:
            assert marker not in body, f"{article}: body range includes {marker!r}"


def test_every_claim_is_described_and_evidenced_and_asserted_only_when_a_passage_asserts_it(curated: Graph) -> None:
    bodies = Counter(curated.objects(None, OA.hasBody))
    statements = list(curated.subjects(RDF.type, RDF.Statement))
    assert len(statements) > 100
    factualities: dict = {}  # plain triple -> the factuality of every passage of every statement describing it
    for st in statements:
        triple = (curated.value(st, RDF.subject), curated.value(st, RDF.predicate), curated.value(st, RDF.object))
        assert (triple[1], CX.category, None) in curated, f"{st}: predicate not in the vocabulary"
        assert bodies[st] >= 1, f"{st}: no annotation"
        factualities.setdefault(triple, []).extend(
            curated.value(ann, CX.factuality) for ann in curated.subjects(OA.hasBody, st))
    for triple, found in factualities.items():
        if CX.Asserted in found:
            assert triple in curated, f"{triple}: a passage asserts it, but the plain triple is missing"
        elif None not in found:
            assert triple not in curated, f"{triple}: no passage asserts it, but the plain triple is asserted"


def test_every_article_contributes_claims(curated: Graph) -> None:
    per_article = Counter(article for _ann, article, _q, _p in _annotations(curated))
    articles = set(curated.subjects(CX.seedFile, None))
    assert len(articles) == 5
    for article in articles:
        assert per_article[article] >= 10, f"{article} has only {per_article[article]} passages"
