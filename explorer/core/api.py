"""What every front end may ask of a knowledge base, and the capabilities only some of them have.

Two kinds of knowledge answer the same questions: :class:`~explorer.core.knowledge.KnowledgeBase`
(indexed at once from a local store) and :class:`~explorer.core.remote.knowledge.RemoteKnowledge` (filled
from a SPARQL endpoint as it is explored). :class:`Knowledge` is what both offer. What only a remote one
can do is a capability of its own, checked with ``isinstance`` (each protocol is runtime checkable), so that
callers say what they rely on instead of probing for attribute names:

- :class:`LazyEvidence`: passages arrive on request, over the network; ask whether they are in memory
  (cheap) before showing them, and fetch them off the GUI thread.
- :class:`Expandable`: an actor's claims arrive a page at a time.
- :class:`RemoteSource`: the knowledge lives at an endpoint, with notes for the user about it.
- :class:`ServerFiltered`: the store is asked only for the claims in the time window.
- :class:`KnowsCreators`: who made the passages fetched so far is held in memory (not read from a store).

This module imports no Qt and nothing of :mod:`explorer.core.remote`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # (names for annotations only)
    from explorer.core.evidence import ArticleTexts
    from explorer.core.jobs import Progress, ShouldCancel
    from explorer.core.model import (
        Actor,
        Agent,
        Article,
        Category,
        Claim,
        Evidence,
        EvidenceContext,
        Relation,
    )
    from explorer.core.server_window import ServerWindow
    from explorer.core.store import Store

__all__ = ["EndpointLike", "Expandable", "Knowledge", "KnowsCreators", "LazyEvidence", "RemoteSource",
           "SelectsTuples", "ServerFiltered"]


@runtime_checkable
class Knowledge(Protocol):
    """Actors, relations, claims and their evidence, as every front end reads them.

    The record dicts hold what is known so far (all of it for a local knowledge base; what has been
    fetched for a remote one). Readers may iterate them on the GUI thread while a remote knowledge base
    fetches on a worker: a fetch swaps in new dicts instead of changing them in place.
    """

    actors: dict[str, Actor]
    relations: dict[str, Relation]
    categories: dict[str, Category]
    claims: dict[str, Claim]
    evidence: dict[str, Evidence]
    articles: dict[str, Article]
    agents: dict[str, Agent]
    #: Where article texts are read from (the evidence's paragraphs and the reader).
    texts: ArticleTexts
    #: The files the knowledge was read from (empty for a remote one): what a curation rewrites.
    sources: list[Path]

    @property
    def store(self) -> Store:
        """Where the triples are (export and validation read it; a remote one is the endpoint's store)."""

    def actor(self, iri: str) -> Actor:
        """The actor, or ExplorerError when it is unknown."""
        ...

    def label(self, iri: str) -> str:
        """A display label for any actor, relation, article, agent or category IRI."""
        ...

    def find_actors(self, text: str, limit: int = 20) -> list[Actor]:
        """Actors whose label or alias starts with, then contains, ``text`` (case and accents ignored)."""
        ...

    def resolve_actor(self, name_or_iri: str) -> Actor:
        """The actor named exactly (IRI, local name, label or alias), or ExplorerError."""
        ...

    def claims_of(self, actor: str) -> list[Claim]:
        """The claims the actor takes part in (as subject or object)."""
        ...

    def claims_between(self, a: str, b: str) -> list[Claim]:
        ...

    def degree(self, actor: str) -> int:
        """How many claims the actor takes part in (all of them when known, for a remote one)."""
        ...

    def evidence_of(self, claim: str) -> list[Evidence]:
        """The claim's passages (a remote knowledge base may fetch them first: see LazyEvidence)."""
        ...

    def category_of(self, claim: Claim) -> Category:
        ...

    def describe(self, claim: Claim) -> str:
        """'Armenia member of CSTO', for lists and tooltips."""
        ...

    def article_text(self, article: str) -> str:
        """The article's whole text, or ExplorerError when none is recorded."""
        ...

    def context(self, evidence: Evidence | str) -> EvidenceContext:
        """The passage inside its paragraph, with the article and attribution, ready to show."""
        ...

    def summary(self) -> dict[str, int]:
        """Counts: triples, actors, claims, annotations, articles, relations."""
        ...


@runtime_checkable
class LazyEvidence(Protocol):
    """A knowledge base whose passages are fetched over the network on request.

    :meth:`missing_evidence` answers from memory, so a GUI can tell whether showing some claims would
    wait on a socket, and run :meth:`fetch_evidence` as a background job first when it would.
    """

    def fetch_evidence(self, claims: Iterable[str], *, should_cancel: ShouldCancel | None = None) -> None:
        """Fetch the passages of ``claims`` (with their articles and attributions) in as few requests as
        possible; slow: run it off the GUI thread."""
        ...

    def missing_evidence(self, claims: Iterable[str]) -> list[str]:
        """Those of ``claims`` whose passages are not in memory yet (what :meth:`fetch_evidence` would
        fetch): empty when showing them touches only memory. Never uses the network."""
        ...


@runtime_checkable
class Expandable(Protocol):
    """A knowledge base that holds part of an actor's claims and fetches more on request."""

    def expand(self, actor: str, *, progress: Progress | None = None,
               should_cancel: ShouldCancel | None = None) -> bool:
        """Fetch the next page of ``actor``'s claims; True when something new arrived. Slow: off the GUI
        thread."""
        ...

    def expansion_state(self, actor: str) -> tuple[int, int, bool]:
        """(claims loaded, claims in all, whether that is all of them), from memory."""
        ...


@runtime_checkable
class ServerFiltered(Protocol):
    """A knowledge base whose store is asked only for the claims in the filters' time window (issue 14):
    :meth:`set_window` answers at once; the next expansions carry the window as a query filter, and
    :meth:`fetch_window` asks again for the claims among the actors already fetched."""

    window: ServerWindow

    def set_window(self, window: ServerWindow) -> None:
        """Ask for the claims in ``window`` from now on (explorer.core.server_window)."""
        ...

    @property
    def window_fetched(self) -> bool:
        """Whether the claims among the actors fetched so far were asked for in the current window."""
        ...

    def fetch_window(self, *, progress: Progress | None = None, should_cancel: ShouldCancel | None = None) -> bool:
        """Fetch the claims in the current window among the actors fetched so far; True when new ones
        arrived. Slow: off the GUI thread."""
        ...


@runtime_checkable
class KnowsCreators(Protocol):
    """A knowledge base that read who made its passages as it fetched them (an endpoint's)."""

    def passage_creators(self) -> dict[str, str]:
        """Passage IRI -> who made it, for the passages whose annotation records one."""
        ...


class EndpointLike(Protocol):
    """What a front end shows of an endpoint (an :class:`explorer.core.remote.endpoint.Endpoint`)."""

    query_url: str

    def display(self) -> str:
        """The endpoint for people: its URL without credentials, and its graph."""
        ...


@runtime_checkable
class RemoteSource(Protocol):
    """Knowledge held by a SPARQL endpoint rather than read from files (so not curated in place)."""

    #: Things the user should know about this store (no evidence, no vocabulary ...), for the status bar.
    notes: list[str]

    @property
    def endpoint(self) -> EndpointLike:
        ...


@runtime_checkable
class SelectsTuples(Protocol):
    """A store that can answer a SELECT as plain tuples (an Oxigraph store): indexing 100 000 annotations
    then makes no dictionary per row."""

    def select_tuples(self, query: str) -> tuple[list[str], Iterable[tuple[str | None, ...]]]:
        """(variable names, one tuple of values per solution)."""
        ...
