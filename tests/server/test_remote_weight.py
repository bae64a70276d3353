"""The weight of the evidence for a graph held by a SPARQL endpoint (issue 13): computed over what has been
fetched, the same as from the local files once every passage is fetched. Runs against Oxigraph and
Virtuoso."""

from __future__ import annotations

import pytest

from explorer.core.knowledge import KnowledgeBase
from explorer.core.remote.endpoint import Endpoint
from explorer.core.remote.knowledge import open_remote
from explorer.core.weight import weigh_knowledge, weights_of

pytestmark = pytest.mark.server

LEADS = "https://w3id.org/caucasus-explorer/claim/Russia_leads_CSTO"


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def endpoint(request: pytest.FixtureRequest) -> Endpoint:
    return request.getfixturevalue("endpoint" if request.param == "oxigraph" else "virtuoso_endpoint")


def test_remote_weights_match_the_local_ones_once_fetched(endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=1000)
    before = weights_of(remote)[LEADS]
    assert before.passages == 0 and before.credibility == 6  # nothing fetched yet: cannot be judged
    remote.fetch_evidence(list(remote.claims))
    after = weights_of(remote)  # more passages now: weighed again
    assert after[LEADS].sources == 2 and after[LEADS].credibility == 1
    assert after.of == weigh_knowledge(local).of


def test_a_remote_passage_keeps_its_factuality() -> None:
    from explorer.core.remote.rows import evidence_from

    rows = [{"ann": "e1", "claim": "c", "src": "a", "exact": "q", "prefix": "", "suffix": "", "start": "0",
             "end": "1"},
            {"ann": "e1", "claim": "c", "fact": "https://w3id.org/caucasus-explorer/vocab#Negated"}]
    assert evidence_from(rows, {})["e1"].factuality == "https://w3id.org/caucasus-explorer/vocab#Negated"
