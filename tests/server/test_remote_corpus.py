"""The 100k-claim synthetic corpus through a real server: the same first screen, neighbourhoods and
passages as from the local file, and a query on the big store hitting its timeout.

Slow (a minute to publish, half a minute to load locally): run with ``EXPLORER_SLOW=1``. The corpus is
``benchmarks/corpus/100k`` when it exists, else it is generated (``python -m benchmarks.corpus``).
"""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import OxigraphServer

from explorer.core.errors import ExplorerError
from explorer.core.evidence import ArticleTexts
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge
from explorer.core.remote.endpoint import Endpoint, SparqlClient
from explorer.core.remote.knowledge import EXPAND_PAGE, Expansion, first_screen, open_remote
from explorer.core.remote.publish import publish
from explorer.core.remote.summary import Q_RANK_ALL

pytestmark = [pytest.mark.server,
              pytest.mark.skipif(os.environ.get("EXPLORER_SLOW") != "1", reason="slow: set EXPLORER_SLOW=1")]

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = 100_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ready = ROOT / "benchmarks" / "corpus" / "100k"
    if (ready / "corpus.ttl").is_file() and (ready / "seeds").is_dir():
        return ready
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, "-m", "benchmarks.corpus", "--claims", str(CLAIMS), "--out", str(out)],
                   cwd=ROOT, check=True)
    return out


@pytest.fixture(scope="module")
def corpus_endpoint(oxigraph: Path, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    running = OxigraphServer(oxigraph, tmp_path_factory.mktemp("corpus-store") / "store").start()
    try:
        bulk = running.endpoint(store_url=running.url + "/store?no_transaction", timeout=60)
        publish(bulk, [corpus / "corpus.ttl"])
        yield running.endpoint(timeout=60)
    finally:
        running.stop()


@pytest.fixture(scope="module")
def corpus_kb(corpus: Path) -> KnowledgeBase:
    return load_knowledge([corpus / "corpus.ttl"])


def test_the_first_screen_is_the_local_one(corpus_endpoint: Endpoint, corpus_kb: KnowledgeBase) -> None:
    remote = open_remote(corpus_endpoint, limit=60)
    expected = first_screen(corpus_kb, 60)
    assert remote.first_screen.actors == expected.actors
    assert set(remote.first_screen.claims) == set(expected.claims) and len(expected.claims) > 500
    assert all(remote.claims[c] == corpus_kb.claims[c] for c in expected.claims)
    assert all(remote.actors[a] == corpus_kb.actors[a] for a in expected.actors)


def test_neighbourhoods_and_passages_are_the_local_ones(corpus_endpoint: Endpoint, corpus_kb: KnowledgeBase,
                                                        corpus: Path) -> None:
    remote = open_remote(corpus_endpoint, limit=10, texts=ArticleTexts([corpus]))
    hub = remote.first_screen.actors[0]
    while remote.expand(hub):  # a page at a time
        pass
    assert {c.iri for c in remote.claims_of(hub)} == {c.iri for c in corpus_kb.claims_of(hub)}
    neighbours = sorted({end for c in corpus_kb.claims_of(hub) for end in c.ends} - {hub})
    for actor in random.Random(7).sample(neighbours, 5):
        assert remote.degree(actor) == corpus_kb.degree(actor)
        while remote.expand(actor):
            pass
        assert {c.iri for c in remote.claims_of(actor)} == {c.iri for c in corpus_kb.claims_of(actor)}
        assert remote.actors[actor] == corpus_kb.actors[actor]
    for claim in random.Random(7).sample(sorted(c.iri for c in remote.claims_of(hub)), 20):
        assert remote.evidence_of(claim) == corpus_kb.evidence_of(claim)
        for evidence in corpus_kb.evidence_of(claim):
            context = remote.context(evidence.iri)
            assert context == corpus_kb.context(evidence.iri) and context.verified


def test_the_busiest_actor_is_expanded_a_page_at_a_time(corpus_endpoint: Endpoint,
                                                        corpus_kb: KnowledgeBase) -> None:
    remote = open_remote(corpus_endpoint, limit=60)
    hub = remote.first_screen.actors[0]
    total = corpus_kb.degree(hub)
    shown = remote.expansion_state(hub)
    assert shown == Expansion(len(remote.claims_of(hub)), total, False) and total > 10 * EXPAND_PAGE
    assert remote.expand(hub) is True
    first = remote.expansion_state(hub)
    assert shown.loaded < first.loaded <= shown.loaded + EXPAND_PAGE and first.total == total
    expansions = 1
    while remote.expand(hub):
        expansions += 1
    assert expansions <= math.ceil(total / EXPAND_PAGE)
    assert remote.expansion_state(hub) == Expansion(total, total, True)
    assert {c.iri for c in remote.claims_of(hub)} == {c.iri for c in corpus_kb.claims_of(hub)}
    assert all(remote.claims[c.iri] == c for c in corpus_kb.claims_of(hub))


def test_search_finds_what_the_local_search_finds(corpus_endpoint: Endpoint, corpus_kb: KnowledgeBase) -> None:
    remote = open_remote(corpus_endpoint, limit=1)
    for name in [corpus_kb.actors[a].label for a in sorted(corpus_kb.actors)[:3]]:
        assert [a.iri for a in remote.find_actors(name)] == [a.iri for a in corpus_kb.find_actors(name)]


def test_an_aggregate_over_the_big_store_hits_its_timeout(corpus_endpoint: Endpoint) -> None:
    hurried = Endpoint.from_url(corpus_endpoint.query_url, timeout=0.02)
    with pytest.raises(ExplorerError, match=r"timed out after 0\.02 s"):
        SparqlClient(hurried).select(Q_RANK_ALL)
