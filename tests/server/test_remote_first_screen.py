"""The first screen read through the summary graph: few requests, sent at once, and the same screen as the
local knowledge base however the claims are cut into requests and pages."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from explorer.core.knowledge import KnowledgeBase
from explorer.core.remote import knowledge as remote_module
from explorer.core.remote import queries as rq
from explorer.core.remote.endpoint import Endpoint
from explorer.core.remote.knowledge import first_screen, open_remote

pytestmark = pytest.mark.server


@pytest.mark.parametrize(("limit", "requests"), [(1, 4), (19, 4), (20, 5), (60, 5)])
def test_the_first_screen_takes_a_request_per_slice_of_claims_and_three_more(
        endpoint: Endpoint, limit: int, requests: int) -> None:
    """The claims (in :func:`~explorer.core.remote.queries.rank_slices`), the ranking with the actors'
    descriptions, the analysts' gradings (explorer.core.weight.Q_ASSESSMENTS) and the vocabulary: nothing
    else when the summary graph serves the screen."""
    remote = open_remote(endpoint, limit=limit)
    assert remote.summary_info is not None
    assert remote.client.requests == requests == len(rq.rank_slices(limit)) + 3


@pytest.mark.parametrize("slices", [1, 3, 5])
def test_the_same_screen_however_the_claims_are_sliced(endpoint: Endpoint, local: KnowledgeBase,
                                                       monkeypatch: pytest.MonkeyPatch, slices: int) -> None:
    monkeypatch.setattr(rq, "SCREEN_SLICES", slices)
    for limit in (37, 64):
        remote = open_remote(endpoint, limit=limit)
        expected = first_screen(local, limit)
        assert remote.first_screen.actors == expected.actors
        assert sorted(remote.first_screen.claims) == sorted(expected.claims)
        assert all(remote.claims[c] == local.claims[c] for c in expected.claims)
        assert all(remote.actors[a] == local.actors[a] for a in expected.actors)


def test_screen_claims_larger_than_a_page_are_read_page_by_page(endpoint: Endpoint, local: KnowledgeBase,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote_module, "PAGE_SIZE", 7)
    remote = open_remote(endpoint, limit=40)
    expected = first_screen(local, 40)
    assert remote.first_screen.actors == expected.actors
    assert sorted(remote.first_screen.claims) == sorted(expected.claims)
    assert all(remote.claims[c] == local.claims[c] for c in expected.claims)
    assert remote.client.requests > 4


def test_the_vocabulary_arrives_with_the_first_screen(endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=3)
    assert remote.relations == local.relations
    assert remote.categories == local.categories
    assert remote.notes == []  # evidence and vocabulary are there


@pytest.mark.parametrize("limit", [*range(1, 45), 59, 60, 61, 199, 500])
@pytest.mark.parametrize("parts", [None, 1, 2, 3, 4, 7])
def test_rank_slices_cover_the_ranks_once_in_order(limit: int, parts: int | None) -> None:
    slices = rq.rank_slices(limit, parts)
    assert slices[0][0] == 0 and slices[-1][1] == limit
    assert all(a < b for a, b in slices) and all(b == c for (_a, b), (c, _d) in pairwise(slices))
    assert len(slices) <= max(1, parts or rq.SCREEN_SLICES)
    assert len(slices) == 1 or min(b - a for a, b in slices) >= 5  # no request for a handful of ranks


def test_requests_at_once_come_back_in_order_and_fail_in_order() -> None:
    """The first round's scheduler: ``workers`` tasks in threads, the rest in the calling thread meanwhile;
    results in the tasks' order; the first failure (in that order) raised once every task has finished."""
    import threading

    run = remote_module.RemoteKnowledge._parallel
    caller = threading.current_thread()
    finished: list[int] = []

    def task(n: int, fail: bool = False) -> Callable[[], tuple[int, bool]]:
        def work() -> tuple[int, bool]:
            finished.append(n)
            if fail:
                raise ValueError(f"task {n}")
            return n, threading.current_thread() is caller
        return work

    assert run(None, *(task(n) for n in range(4)), workers=2) == [(0, False), (1, False), (2, True), (3, True)]
    finished.clear()
    with pytest.raises(ValueError, match="task 1"):
        run(None, task(0), task(1, fail=True), task(2, fail=True), task(3), workers=2)
    assert sorted(finished) == [0, 1, 2, 3]
    assert run(None, task(7)) == [(7, True)]
