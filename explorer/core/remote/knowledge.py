"""A graph held by a SPARQL 1.1 endpoint, explored lazily behind the same API as the local knowledge base.

:class:`RemoteKnowledge` (over a :class:`~explorer.core.remote.store.RemoteStore`) never loads the whole
graph: it starts with the most connected actors and the claims among them, fetches a page of an actor's
claims each time it is asked to :meth:`~RemoteKnowledge.expand` it (so that expanding a hub of thousands
of claims is as quick as expanding anyone; :meth:`~RemoteKnowledge.expansion_state` says how many are
loaded of how many), and a claim's evidence when :meth:`~RemoteKnowledge.fetch_evidence`,
:meth:`~RemoteKnowledge.evidence_of` or :meth:`~RemoteKnowledge.context` is called.

Every value placed into a query goes through :mod:`explorer.core.remote.sparql`. Fetching methods may run on a
worker thread while another thread reads the record dicts: they never change a dict in place, they
swap in a new one, so a reader iterating over ``kb.claims.values()`` is never disturbed.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from explorer.core.api import Knowledge
from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.evidence import ArticleTexts
from explorer.core.jobs import Progress, ShouldCancel
from explorer.core.knowledge import (
    LABEL_PROPERTIES,
    KnowledgeRecords,
    TextProperties,
    fold,
    triple_key,
)
from explorer.core.model import Actor, Agent, Article, Category, Claim, Evidence, EvidenceContext, Relation
from explorer.core.remote import paging, sparql
from explorer.core.remote import queries as rq
from explorer.core.remote.endpoint import DEFAULT_TIMEOUT, Columns, Credentials, Endpoint, SparqlClient
from explorer.core.remote.rows import (
    CLAIM_VALUES,
    FirstRound,
    Page,
    Pages,
    claim_values,
    ends_and_predicates,
    evidence_from,
    first_text,
    in_chunks,
    int_or_none,
    texts_and_types,
)
from explorer.core.remote.store import RemoteStore
from explorer.core.remote.summary import SCREEN_SIZE, SummaryInfo, summary_graph
from explorer.core.server_window import EVERYTHING, REPORT, ServerWindow, statement_filter
from explorer.core.store import Row
from explorer.core.vocab import ACTOR_KINDS, CX, local_name
from explorer.core.weight import Q_ASSESSMENTS, Assessments, read_assessments

__all__ = ["DEFAULT_FIRST_SCREEN", "EXPAND_PAGE", "Expansion", "RemoteKnowledge", "RemoteStore", "Screen",
           "first_screen", "open_remote"]


#: Actors on the first screen unless the user sets another limit.
DEFAULT_FIRST_SCREEN = 60
#: Rows fetched per request when a result is paged.
PAGE_SIZE = 10_000
#: IRIs per VALUES block.
CHUNK = 400
#: Subjects per description request (several are sent at once).
DESCRIBE_CHUNK = 100
#: Claims fetched by one expansion of an actor: a page, so that expanding a hub is as quick as expanding
#: anyone (the busiest actor of the 100k corpus has 2,252 claims). The cost grows with the page (about one
#: new neighbour to describe per claim): on the 100k corpus, on two shared cores, a page of 100 kept the 90th
#: percentile of a hub's expansion under 100 ms, a page of 200 did not (benchmarks/remote_bench.py --pages).
EXPAND_PAGE = 100
#: Claims per evidence request (several are sent at once).
EVIDENCE_CHUNK = 200
#: Requests sent at once while connecting.
PARALLEL = 6
UNCATEGORISED = str(CX) + "Uncategorised"
_CX = str(CX)
_DCTERMS = "http://purl.org/dc/terms/"
_SCHEMA = "https://schema.org/"

# ---------------------------------------------------------------- lazily filled knowledge


@dataclass(frozen=True)
class Screen:
    """What the first screen shows: actors (most connected first) and the claims among them."""

    actors: tuple[str, ...]
    claims: tuple[str, ...]


class Expansion(NamedTuple):
    """How far an actor's expansion has come: claims loaded, of how many, and whether that is all."""

    loaded: int
    total: int
    complete: bool


class _Answered:
    """Rows already fetched, handed to a reader that asks a store (explorer.core.weight.read_assessments)."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows

    def select(self, _query: str) -> list[Row]:
        return self.rows


class RemoteKnowledge(KnowledgeRecords):
    """Knowledge filled on demand from a SPARQL endpoint: the :class:`~explorer.core.api.Knowledge` API, and
    the capabilities :class:`~explorer.core.api.LazyEvidence`, :class:`~explorer.core.api.Expandable` and
    :class:`~explorer.core.api.RemoteSource`.

    The record dicts (``actors``, ``claims``, ``evidence`` ...) hold what has been fetched so far;
    :meth:`expand` adds a page of an actor's claims and their neighbours, :meth:`fetch_evidence` (for the
    claims a panel shows, in one request), :meth:`evidence_of` and :meth:`context` fetch evidence on first
    use (:meth:`missing_evidence` says, from memory, whether they would), :meth:`find_actors` asks the
    endpoint.
    """

    store: RemoteStore

    def __init__(self, store: RemoteStore, texts: ArticleTexts | None = None, *,
                 limit: int = DEFAULT_FIRST_SCREEN, progress: Progress | None = None,
                 should_cancel: ShouldCancel | None = None, use_summary: bool = True,
                 window: ServerWindow = EVERYTHING) -> None:
        if limit < 1:
            raise ExplorerError(f"the first screen needs at least one actor, not {limit}")
        super().__init__(store, texts)  # empty records, no sources: nothing is read from files
        #: Things the user should know about this store (for the status bar).
        self.notes: list[str] = []
        #: Actors whose every claim has been fetched.
        self.expanded: frozenset[str] = frozenset()
        self._pages: dict[str, Pages] = {}  # actors partly expanded: where their next page starts
        self._expand_locks: dict[str, threading.Lock] = {}
        #: The first screen, fetched when connecting.
        self.first_screen = Screen((), ())
        self.limit = limit
        self.summary_info: SummaryInfo | None = None
        self.total_triples: int | None = None
        self._claims_of: dict[str, tuple[str, ...]] = {}
        self._degree: dict[str, int] = {}
        self._described: frozenset[tuple[str, str, str]] = frozenset()
        self._kind_of_class: dict[str, str] = {}
        self._names: dict[str, str] = {}  # labels of publishers and authors
        self._evidence_done: frozenset[str] = frozenset()
        self._has_evidence = True
        self._write = threading.Lock()
        self._use_summary = use_summary
        #: The analysts' gradings, overrides and deprecations the store holds, and its contrary predicates
        #: (explorer.core.weight.HeldAssessments), read when connecting.
        self.assessments = Assessments()
        #: The time window the store is asked for claims in (:meth:`set_window`); set when connecting, the
        #: first screen holds only the claims in it.
        self.window: ServerWindow = window
        self._fetched_window = window  # the window the claims among the known actors were last asked in
        self._creators: dict[str, str] = {}  # annotation -> who made it (dcterms:creator), as read so far
        self._creators_read: frozenset[str] = frozenset()
        self._connect(limit, progress, should_cancel)

    @property
    def endpoint(self) -> Endpoint:
        return self.store.endpoint

    @property
    def client(self) -> SparqlClient:
        return self.store.client

    # ------------------------------------------------------------------ transport

    def _q(self, template: str, should_cancel: ShouldCancel | None = None, named: Sequence[str] = (),
           **terms: sparql.Term) -> list[Row]:
        query = sparql.render(template, **terms)
        if should_cancel is not None and should_cancel():
            raise Cancelled()
        return self.client.select(query, should_cancel=should_cancel, named_graphs=named)

    def _q_columns(self, template: str, should_cancel: ShouldCancel | None = None, named: Sequence[str] = (),
                   **terms: sparql.Term) -> Columns:
        query = sparql.render(template, **terms)
        if should_cancel is not None and should_cancel():
            raise Cancelled()
        return self.client.select_columns(query, should_cancel=should_cancel, named_graphs=named)

    def _paged(self, template: str, columns: str, should_cancel: ShouldCancel | None = None,
               named: Sequence[str] = (), **terms: sparql.Term) -> list[Row]:
        """Every row of a query: one request when it fits a page, else ordered pages of PAGE_SIZE rows (also
        when the answer may have been cut by the store's result cap: see :mod:`explorer.core.remote.paging`)."""
        rows = self._q(template, should_cancel, named, page=rq.page(PAGE_SIZE + 1), **terms)
        if len(rows) <= PAGE_SIZE and not paging.looks_capped(len(rows), PAGE_SIZE + 1):
            return rows
        return self._ordered_pages(template, columns, should_cancel, named, **terms)

    def _ordered_pages(self, template: str, columns: str, should_cancel: ShouldCancel | None = None,
                       named: Sequence[str] = (), **terms: sparql.Term) -> list[Row]:
        """Every row of a query too large for one request, in ordered pages of PAGE_SIZE rows (or of the
        store's lower cap)."""
        query = sparql.render(template, page=sparql.Term(""), **terms)

        def fetch(page: str) -> list[Row]:
            if should_cancel is not None and should_cancel():
                raise Cancelled()
            return self.client.select(page, should_cancel=should_cancel, named_graphs=named)

        return paging.read_pages(fetch, query, columns, PAGE_SIZE)

    def _parallel(self, *tasks: Callable[[], Any], workers: int = 0) -> list[Any]:
        """Run independent requests at once, up to :data:`PARALLEL` in threads of their own; or, with
        ``workers``, that many of them in threads and the rest one after another in this thread meanwhile
        (which would only wait otherwise). Results come in the order of the tasks; the first failure is
        raised once all have finished."""
        if len(tasks) == 1:
            return [tasks[0]()]
        threaded = tasks[:workers] if 0 < workers < len(tasks) else tasks
        here: list[Future[Any]] = []
        with ThreadPoolExecutor(max_workers=min(workers or PARALLEL, len(threaded))) as pool:
            futures = [pool.submit(task) for task in threaded]
            for task in tasks[len(threaded):]:
                done: Future[Any] = Future()
                try:
                    done.set_result(task())
                except BaseException as exc:  # kept, and raised below in the tasks' order
                    done.set_exception(exc)
                here.append(done)
            wait(futures)
        everything = futures + here
        for future in everything:
            error = future.exception()
            if error is not None:
                raise error
        return [f.result() for f in everything]

    # ------------------------------------------------------------------ connecting

    def _first_round(self, limit: int, should_cancel: ShouldCancel | None) -> FirstRound:
        """Everything that does not depend on another answer, asked at once: the first screen as the
        summary graph gives it (its claims in slices by rank, and its head: the summary's description,
        the ranking and the actors' descriptions) and the vocabulary, one request each; no ranking when
        the store has no usable summary graph."""
        summary_name = summary_graph(self.endpoint.graph)
        named = [summary_name]
        graph = sparql.iri(summary_name)
        use_summary = self._use_summary and limit <= SCREEN_SIZE
        screen_claims = rq.screen_claims_query(statement_filter(self.window))  # (only those in the window)

        def head() -> list[Row] | None:
            try:
                return self._q(rq.Q_SCREEN_HEAD, should_cancel, named, summary=graph, ranks=rq.rank_values(limit))
            except ExplorerError:
                return None  # a store that refuses GRAPH or named graphs simply has no summary

        def claims(start: int, stop: int) -> Callable[[], list[tuple[str | None, ...]] | ExplorerError]:
            def fetch() -> list[tuple[str | None, ...]] | ExplorerError:
                ranks = rq.rank_values(stop, start)
                try:
                    found = self._q_columns(screen_claims, should_cancel, named, summary=graph, ranks=ranks,
                                            page=rq.page(PAGE_SIZE + 1))
                    got = len(next(iter(found.values()), ()))
                    if got > PAGE_SIZE or paging.looks_capped(got, PAGE_SIZE + 1):  # rarely: more than a page
                        rows = self._ordered_pages(screen_claims, rq.SCREEN_COLUMNS, should_cancel, named,
                                                   summary=graph, ranks=ranks)
                        return [(*claim_values(row), row.get("creator")) for row in rows]
                except ExplorerError as exc:
                    return exc  # raised only if the summary graph is there to be used
                size = len(next(iter(found.values()), ()))
                return list(zip(*(found.get(name) or [None] * size for name in (*CLAIM_VALUES, "creator")),
                                strict=True))
            return fetch

        # The claims (the longest requests) in threads of their own, a slice each, and meanwhile the head,
        # then the vocabulary, in this thread (which would only wait otherwise): three requests at once by
        # default. On the 100k corpus and two shared cores, more at once (four slices, or every request in
        # a thread of its own) took the store more work and the first screen no less time.
        slices = [claims(start, stop) for start, stop in rq.rank_slices(limit)] if use_summary else []
        def gradings() -> None:
            self.assessments = self._read_assessments(should_cancel)

        tasks: list[Callable[[], Any]] = [*slices, *([head] if use_summary else []), gradings,
                                          lambda: self._q(rq.Q_VOCABULARY, should_cancel)]
        results = self._parallel(*tasks, workers=len(slices))
        relations, classes, vocabulary, has_evidence = FirstRound.vocabulary_rows(results[-1])
        head_rows = results[len(slices)] if use_summary else None
        summary, ranking, described = (FirstRound.head_rows(head_rows, summary_name)
                                       if head_rows is not None else (None, [], []))
        usable = summary is not None and limit <= summary.screen_size
        rows: list[tuple[str | None, ...]] = []
        if usable:
            for part in results[:len(slices)]:
                if isinstance(part, ExplorerError):
                    raise part
                rows.extend(part)
        return FirstRound(
            relations=relations, classes=classes, vocabulary=vocabulary, has_evidence=has_evidence,
            summary=summary, ranking=ranking if usable else None, described=described if usable else [],
            rows=rows)

    def _connect(self, limit: int, progress: Progress | None, should_cancel: ShouldCancel | None) -> None:
        """Fetch the vocabulary and the first screen: the summary graph's ranking when the store has one,
        else the store ranks the actors itself (one aggregate query, slower on a big store)."""
        def step(fraction: float, message: str) -> None:
            if should_cancel is not None and should_cancel():
                raise Cancelled()
            if progress is not None:
                progress(fraction, message)

        where = self.endpoint.display()
        step(0.0, f"asking {where} for its most connected actors")
        first = self._first_round(limit, should_cancel)
        self._has_evidence = first.has_evidence
        self.summary_info = first.summary
        for row in first.classes:
            t = row.get("t") or ""
            kind = ACTOR_KINDS.get(row.get("kind") or "", "other")
            if self._kind_of_class.get(t, "other") == "other":
                self._kind_of_class[t] = kind
        rows = first.rows
        if first.ranking is not None:
            ranking = first.ranking
            bare = first.summary is not None and first.summary.bare_triples
        else:
            step(0.3, f"{where} has no summary graph: ranking its actors (slower on a big store)")
            ranking, live = self._screen_live(limit, should_cancel)
            rows = [claim_values(row) for row in live]
            bare = True
        top = [r["a"] or "" for r in ranking if sparql.is_iri(r.get("a") or "")]
        degrees = {a: int_or_none(r.get("n")) or 0 for r in ranking if (a := r.get("a"))}
        if len(top) < limit:
            for row in self._q(rq.Q_TYPED_ACTORS, should_cancel, limit=sparql.integer(limit)):
                a = row.get("a") or ""
                if a not in degrees and sparql.is_iri(a) and len(top) < limit:
                    top.append(a)
                    degrees[a] = 0
        if first.ranking is not None:  # who made the screen's passages came with them (rq.Q_SCREEN_CLAIMS)
            self._creators_came(rows)
        if bare and self.window.keeps_undated:  # (a bare triple is undated, and has no passage)
            rows.extend(claim_values(row) for row in self._bare_among(top, should_cancel))
        relation_rows = first.relations
        if not top and not relation_rows:
            graphs = self.store.named_graphs()
            hint = "publish a graph there with `explorer publish --endpoint URL [FILE]`"
            if graphs:
                hint = ("the data may be in a named graph: connect with --graph IRI (graphs there: "
                        + ", ".join(graphs[:5]) + ")")
            raise ExplorerError(f"{where} holds no claims and no actors in the explorer's vocabulary",
                                hint=hint)
        if not self._has_evidence:
            self.notes.append("this store holds no evidence (no oa:Annotation): claims show without passages")
        if not relation_rows:
            self.notes.append("this store lacks the explorer's vocabulary (no relation has a cx:category): "
                              "relations show as uncategorised; publish it with `explorer publish`")
        described = first.described
        claims = self._claims_from_values(rows)
        step(0.8, "fetching labels")
        relations = {row["p"] or "": row for row in relation_rows if row.get("p")}
        texts_rows = [*first.vocabulary, *described]
        done = {r.get("s") for r in described}
        missing = (set(top) | ends_and_predicates(claims)) - done - set(relations)
        described_rows, _made = self._parallel(lambda: self._describe_rows(missing, should_cancel),
                                               lambda: self._read_creators(claims, should_cancel))
        texts_rows += described_rows
        texts, types = texts_and_types(texts_rows)
        new_relations: dict[str, Relation] = {}
        new_categories: dict[str, Category] = {}
        for p, row in relations.items():
            cat = row.get("cat") or ""
            new_relations[p] = Relation(
                iri=p, label=texts.first(p, "rdfs:label") or local_name(p), category=cat,
                comment=texts.first(p, "rdfs:comment"), symmetric=row.get("sym") is not None)
            if cat not in new_categories:
                new_categories[cat] = Category(
                    iri=cat, label=texts.first(cat, "skos:prefLabel", "rdfs:label") or local_name(cat),
                    definition=texts.first(cat, "skos:definition", "rdfs:comment"))
        with self._write:
            self.relations = new_relations
            self.categories = new_categories
        self._merge(claims, top, texts, types, degrees)
        self._known_when(claims, should_cancel)
        self.first_screen = Screen(tuple(top), tuple(c.iri for c in claims if c.iri in self.claims))
        step(1.0, f"{len(top)} actors and {len(self.first_screen.claims)} claims from {where}")

    def _read_assessments(self, should_cancel: ShouldCancel | None) -> Assessments:
        """The store's gradings, overrides and deprecations (oa:assessing / oa:moderating annotations),
        source groups and contrary predicates, in one request of the first round; a store that cannot
        answer loses only the gradings (said in the notes)."""
        try:
            rows = self._q(Q_ASSESSMENTS, should_cancel)
            return read_assessments(_Answered(rows))
        except ExplorerError as exc:
            self.notes.append(f"the analysts' gradings could not be read: {exc}")
            return Assessments()

    def _screen_live(self, limit: int, should_cancel: ShouldCancel | None) -> tuple[list[Row], list[Row]]:
        """The ranking and the claims among the top actors, computed by the store (no summary graph)."""
        ranking = self._q(rq.Q_RANK_STATEMENTS, should_cancel, limit=sparql.integer(limit))
        if not ranking:
            ranking = self._q(rq.Q_RANK_TRIPLES, should_cancel, limit=sparql.integer(limit))
        top = sorted(r["a"] or "" for r in ranking if sparql.is_iri(r.get("a") or ""))
        return ranking, self._statements_among(top, should_cancel)

    def _statements_among(self, actors: list[str], should_cancel: ShouldCancel | None) -> list[Row]:
        """The statements between ``actors`` in the time window, with their dates and annotations."""
        rows: list[Row] = []
        among = rq.statements_among(statement_filter(self.window))
        for subjects in in_chunks(sorted(actors), CHUNK):
            rows.extend(self._paged(among, "?st ?s ?p ?o", should_cancel,
                                    subjects=sparql.values("s", subjects), ends=rq.in_list(sorted(actors))))
        statements = sorted({r["st"] or "" for r in rows if sparql.is_iri(r.get("st") or "")})
        chunks = list(in_chunks(statements, CHUNK))
        parts = self._parallel(*(
            lambda chunk=chunk: self._paged(rq.claim_query((rq.SELECT_STATEMENTS,), ("date", "annotation")),
                                            rq.CLAIM_COLUMNS, should_cancel, statements=sparql.values("st", chunk))
            for chunk in chunks)) if chunks else []
        rows.extend(row for part in parts for row in part)
        return rows

    @property
    def window_fetched(self) -> bool:
        """Whether the claims among the actors fetched so far were asked for in the current window (else
        :meth:`fetch_window` brings those the new window lets through)."""
        return self._fetched_window == self.window

    def fetch_window(self, *, progress: Progress | None = None,
                     should_cancel: ShouldCancel | None = None) -> bool:
        """Ask the store again for the claims among the actors fetched so far, in the current time window
        (the window moved: its claims among them may not have been fetched); True when new claims arrived.
        What was fetched before stays (the filters hide what is outside the window)."""
        window = self.window
        if self._fetched_window == window:
            return False
        actors = [a for a in self.actors if sparql.is_iri(a)]
        if progress is not None:
            progress(0.0, f"fetching the claims of {len(actors):,} actors in the time window")
        rows = [claim_values(row) for row in self._statements_among(actors, should_cancel)] if actors else []
        summary = self.summary_info
        if actors and window.keeps_undated and (summary is None or summary.bare_triples):
            rows.extend(claim_values(row) for row in self._bare_among(actors, should_cancel))
        fresh = [c for c in self._claims_from_values(rows) if c.iri not in self.claims]
        texts, types = self._describe({c.predicate for c in fresh} - set(self.relations), should_cancel)
        self._read_creators(fresh, should_cancel)
        changed = self._merge(fresh, (), texts, types)
        self._known_when(fresh, should_cancel)
        with self._write:
            if self.window == window:
                self._fetched_window = window
        if progress is not None:
            progress(1.0, f"{len(fresh):,} more claims in the time window")
        return changed

    def _known_when(self, claims: Iterable[Claim], should_cancel: ShouldCancel | None,
                    window: ServerWindow | None = None) -> None:
        """On the report clock, the passages of ``claims`` with their articles' dates: the filters keep a
        claim by when its passages were published, so they must be in memory to show it."""
        window = window or self.window
        if window.clock == REPORT and not window.everything:
            self.fetch_evidence([c.iri for c in claims], should_cancel=should_cancel)

    def _creators_came(self, rows: list[tuple[str | None, ...]]) -> None:
        """Who made the passages of the first screen's rows ``(st, s, p, o, date, ann, start, end,
        creator)``: every annotation there is read, with or without a creator."""
        found: dict[str, str] = {}
        for row in rows:
            ann, creator = row[5], row[8] if len(row) > 8 else None
            if ann and creator and sparql.is_iri(creator) and (ann not in found or creator < found[ann]):
                found[ann] = creator
        with self._write:
            self._creators = {**self._creators, **found}
            self._creators_read = self._creators_read | {row[5] for row in rows if row[5]}

    def _read_creators(self, claims: Iterable[Claim], should_cancel: ShouldCancel | None) -> None:
        """Who made the passages of ``claims`` (``dcterms:creator`` on the annotation, as local files record
        it), for the Filters' "Made by": one request per :data:`EVIDENCE_CHUNK` annotations, sent at once."""
        if not self._has_evidence:
            return
        done = self._creators_read
        anns = sorted({e for c in claims for e in c.evidence if e not in done and sparql.is_iri(e)})
        if not anns:
            return
        parts = self._parallel(*(lambda chunk=chunk: self._q(rq.Q_CREATORS, should_cancel,
                                                             anns=sparql.values("ann", chunk))
                                 for chunk in in_chunks(anns, EVIDENCE_CHUNK)))
        found: dict[str, str] = {}
        for row in (row for part in parts for row in part):
            ann, creator = row.get("ann") or "", row.get("creator") or ""
            if ann and creator and (ann not in found or creator < found[ann]):
                found[ann] = creator  # (the first in IRI order when several are recorded, as locally)
        with self._write:
            self._creators = {**self._creators, **found}
            self._creators_read = self._creators_read | set(anns)

    def passage_creators(self) -> dict[str, str]:
        """Passage IRI -> who made it, for the passages of the claims fetched so far whose annotation
        records one (explorer.core.api.KnowsCreators)."""
        return dict(self._creators)

    def _bare_among(self, top: list[str], should_cancel: ShouldCancel | None) -> list[Row]:
        """The claim triples among ``top``: bare ones only in a time window (else a statement's triple is
        known as such when the statement was fetched with it)."""
        among = rq.Q_TRIPLES_AMONG if self.window.everything else rq.Q_BARE_TRIPLES_AMONG
        rows: list[Row] = []
        for subjects in in_chunks(sorted(top), CHUNK):
            rows.extend(self._paged(among, "?s ?p ?o", should_cancel,
                                    subjects=sparql.values("s", subjects), ends=rq.in_list(top)))
        return rows

    # ------------------------------------------------------------------ records

    def _claims_from(self, rows: Iterable[Row]) -> list[Claim]:
        """Claims from rows of the kinds a claim query gives (a statement, its date, its annotation, or all
        three in one row; a bare triple), as the local knowledge base makes them: a triple described by a
        statement is not a claim of its own."""
        return self._claims_from_values(map(claim_values, rows))

    def _claims_from_values(self, rows: Iterable[tuple[str | None, ...]]) -> list[Claim]:
        """:meth:`_claims_from` for rows given as ``(st, s, p, o, date, ann, start, end)``."""
        heads: dict[str, tuple[str, str, str]] = {}
        dates: dict[str, str] = {}
        starts: dict[str, str] = {}
        ends: dict[str, str] = {}
        annotations: dict[str, list[str]] = {}
        bare: list[tuple[str, str, str]] = []
        for st, s, p, o, date, ann, *period in rows:
            if st:
                if st not in heads and s and p and o:
                    heads[st] = (s, p, o)
                if date is not None and st not in dates:
                    dates[st] = date
                if period:  # (and, from the first screen, the annotation's creator: see _creators_came)
                    start, end = period[:2]
                    if start is not None and st not in starts:
                        starts[st] = start
                    if end is not None and st not in ends:
                        ends[st] = end
                if ann:
                    found = annotations.get(st)
                    if found is None:
                        annotations[st] = [ann]
                    elif ann not in found:
                        found.append(ann)
            elif s and p and o:
                bare.append((s, p, o))
        no_evidence: tuple[str, ...] = ()
        claims = [Claim(st, s, p, o, dates.get(st), (tuple(found) if len(found) == 1 else tuple(sorted(found)))
                        if (found := annotations.get(st)) else no_evidence, True, starts.get(st), ends.get(st))
                  for st, (s, p, o) in heads.items()]
        if bare:
            described = set(self._described) | set(heads.values())
            for s, p, o in bare:
                if (s, p, o) not in described:
                    described.add((s, p, o))
                    claims.append(Claim(iri=triple_key(s, p, o), subject=s, predicate=p, object=o,
                                        has_statement=False))
        if heads:
            with self._write:
                self._described = self._described | frozenset(heads.values())
        return claims

    def _describe(self, iris: Iterable[str], should_cancel: ShouldCancel | None,
                  template: str = rq.Q_DESCRIBE) -> tuple[TextProperties, dict[str, set[str]]]:
        """Text properties and types of ``iris``."""
        return texts_and_types(self._describe_rows(iris, should_cancel, template))

    def _describe_rows(self, iris: Iterable[str], should_cancel: ShouldCancel | None,
                       template: str = rq.Q_DESCRIBE) -> list[Row]:
        """The description rows of ``iris``, in chunks sent at once."""
        chunks = list(in_chunks(sorted(i for i in set(iris) if sparql.is_iri(i)), DESCRIBE_CHUNK))
        results = self._parallel(*(lambda c=c: self._q(template, should_cancel, subjects=sparql.values("s", c))
                                   for c in chunks)) if chunks else []
        return [row for part in results for row in part]

    def _merge(self, claims: Iterable[Claim], actors: Iterable[str], texts: TextProperties, types: dict[str, set[str]],
               degrees: dict[str, int] | None = None) -> bool:
        """Add claims and actor records (swapping in new dicts, under the lock, so that two fetches finishing
        together add each record once); True when anything was new."""
        with self._write:
            known_claims, known_relations = self.claims, self.relations
            new_claims: dict[str, Claim] = {}
            wanted = dict.fromkeys(actors)  # the actors, then the claims' ends, each once, in order
            unknown_predicates: dict[str, None] = {}
            added: dict[str, list[str]] = defaultdict(list)
            for claim in claims:
                iri = claim.iri
                if iri in known_claims or iri in new_claims:
                    continue
                new_claims[iri] = claim
                subject, obj, predicate = claim.subject, claim.object, claim.predicate
                wanted[subject] = wanted[obj] = None
                added[subject].append(iri)
                if obj != subject:
                    added[obj].append(iri)
                if predicate not in known_relations:
                    unknown_predicates[predicate] = None
            new_actors = {a: self._actor_record(a, texts, types.get(a, set()))
                          for a in wanted if a not in self.actors and not a.startswith("_:")}
            new_relations = {p: Relation(iri=p, label=texts.first(p, "rdfs:label") or local_name(p),
                                         category=UNCATEGORISED) for p in unknown_predicates}
            if new_relations:
                self.relations = {**self.relations, **new_relations}
                if UNCATEGORISED not in self.categories:
                    self.categories = {**self.categories, UNCATEGORISED: Category(UNCATEGORISED, "uncategorised")}
            if new_actors:
                self.actors = {**self.actors, **new_actors}
            if degrees:
                self._degree = {**self._degree, **degrees}
            if new_claims:
                self.claims = {**self.claims, **new_claims}
                index = dict(self._claims_of)
                for actor, iris in added.items():
                    index[actor] = (*index.get(actor, ()), *iris)
                self._claims_of = index
        return bool(new_claims or new_actors)

    def _actor_record(self, a: str, texts: TextProperties, types: set[str]) -> Actor:
        kind = "other"
        for t in sorted(types):
            found = self._kind_of_class.get(t, "other")
            if found != "other":
                kind = found
                break
        return Actor(
            iri=a, label=texts.first(a, *LABEL_PROPERTIES) or local_name(a), kind=kind,
            aliases=tuple(sorted(set(texts.all(a, "skos:altLabel")))),
            role=texts.first(a, "schema:jobTitle"), description=texts.first(a, "rdfs:comment"),
            same_as=tuple(sorted(set(texts.all(a, "owl:sameAs") + texts.all(a, "schema:sameAs")))))

    # ------------------------------------------------------------------ expanding

    def expand(self, actor: str, *, progress: Progress | None = None,
               should_cancel: ShouldCancel | None = None) -> bool:
        """Fetch the next page of ``actor``'s claims (:data:`EXPAND_PAGE` of them) with the records of the
        neighbours they reach; True when something new arrived.

        Each call fetches one more page, until every claim is loaded (see :meth:`expansion_state`); then
        it returns False. A page holding only claims fetched before (through the first screen or another
        actor) brings nothing to show, so the next page is fetched in the same call.
        """
        if actor in self.expanded:
            return False
        if progress is not None:
            progress(0.0, f"fetching the claims of {self.label(actor)}")
        with self._expanding(actor):
            changed = False
            while not changed and actor not in self.expanded:
                changed = self._next_page(actor, should_cancel)
        if progress is not None:
            loaded, total, _complete = self.expansion_state(actor)
            progress(1.0, f"{self.label(actor)}: {loaded:,} of {total:,} claims")
        return changed

    def expansion_state(self, actor: str) -> Expansion:
        """How many of ``actor``'s claims are loaded, of how many the store holds, and whether that is all.

        ``total`` is counted by the store from the first expansion on; before, it is the count the summary
        graph or the ranking gave (or the claims loaded so far, when neither did).
        """
        loaded = len(self._claims_of.get(actor, ()))
        if actor in self.expanded:
            return Expansion(loaded, loaded, True)
        return Expansion(loaded, max(loaded, self._degree.get(actor, 0)), False)

    def is_expanded(self, actor: str) -> bool:
        """Whether every claim of ``actor`` has been fetched."""
        return actor in self.expanded

    def _expanding(self, actor: str) -> threading.Lock:
        """One lock per actor: two expansions of the same actor take turns (different actors run at once)."""
        with self._write:
            lock = self._expand_locks.get(actor)
            if lock is None:
                lock = self._expand_locks[actor] = threading.Lock()
            return lock

    def _next_page(self, actor: str, should_cancel: ShouldCancel | None) -> bool:
        """Fetch one page of ``actor``'s claims (its statements, then its bare triples when the store may
        hold some) and merge it; True when something new arrived."""
        window = self.window  # (as the page was asked for: a new window makes its pages anew)
        state = self._pages.get(actor, Pages())
        summary = self.summary_info
        bare_possible = (summary is None or summary.bare_triples) and window.keeps_undated  # (bare: undated)
        named = [summary.graph] if summary is not None else []
        terms = {"actor": sparql.iri(actor), "size": sparql.integer(EXPAND_PAGE),
                 "offset": sparql.integer(state.offset)}
        if summary is not None:
            terms["summary"] = sparql.iri(summary.graph)
        first = not state.bare and state.offset == 0
        query = rq.page_query(bare_page=state.bare, count_bare=bare_possible and first, summary=summary is not None,
                              window=statement_filter(window))
        tasks: list[Callable[[], Any]] = [lambda: self._q(query, should_cancel, named, **terms)]
        if actor not in self.actors:
            tasks.append(lambda: self._describe_rows([actor], should_cancel))
        results = self._parallel(*tasks)
        page = Page.of(results[0], actor)
        described = page.described + (results[1] if len(tasks) > 1 else [])
        fresh = [c for c in self._claims_from(page.claims) if c.iri not in self.claims]
        new_predicates = {c.predicate for c in fresh if c.predicate not in self.relations}
        if new_predicates:  # outside the store's vocabulary: their labels, if any
            described += self._describe_rows(new_predicates, should_cancel)
        texts, types = texts_and_types(described)
        self._read_creators(fresh, should_cancel)
        degrees = {a: n for a, n in page.degrees.items() if a not in self._degree}
        changed = self._merge(fresh, [actor], texts, types, degrees)
        self._known_when(fresh, should_cancel, window)
        following: Pages | None  # None: every claim is loaded
        if state.bare:  # done at a short page, or at the count (a store ignoring OFFSET ends too)
            total = state.total
            following = Pages(state.offset + EXPAND_PAGE, True, total, state.bare_count)
            if page.bare_rows < EXPAND_PAGE or following.offset >= state.bare_count:
                following = None
        else:
            bare = (page.bare or 0) if first else state.bare_count
            total = (page.total or 0) + bare
            following = Pages(state.offset + EXPAND_PAGE, False, total, bare)
            if following.offset >= (page.rows or 0):
                following = Pages(0, True, total, bare) if bare else None
        with self._write:
            loaded = len(self._claims_of.get(actor, ()))
            if window is not self.window:
                return True  # the window moved meanwhile: its pages start afresh (a change: asked again)
            if not window.everything:  # counted in the window: the actor's claims are as many at least
                loaded = total = max(self._degree.get(actor, 0), loaded, total)
            if following is None:
                self.expanded = self.expanded | {actor}
                self._pages = {a: p for a, p in self._pages.items() if a != actor}
                self._degree = {**self._degree, actor: loaded}
            else:
                self._pages = {**self._pages, actor: following}
                self._degree = {**self._degree, actor: max(total, loaded)}
        return changed

    def set_window(self, window: ServerWindow) -> None:
        """Ask the store only for the claims in this time window from now on (explorer.core.api
        .ServerFiltered): an actor's next expansion pages through the statements in it. What was fetched
        stays; every actor may be expanded again under the new window. Answers at once (no request)."""
        with self._write:
            if window == self.window:
                return
            self.window = window
            self._pages = {}
            self.expanded = frozenset()

    def _degrees_of(self, actors: list[str], should_cancel: ShouldCancel | None) -> dict[str, int]:
        """Claim counts of actors not yet expanded, from the summary graph when there is one."""
        info = self.summary_info
        if info is None or not actors:
            return {}
        found: dict[str, int] = {}
        for chunk in in_chunks(sorted(a for a in actors if sparql.is_iri(a)), CHUNK):
            for row in self._q(rq.Q_DEGREES, should_cancel, [info.graph], actors=sparql.values("a", chunk),
                               summary=sparql.iri(info.graph)):
                found[row.get("a") or ""] = int_or_none(row.get("n")) or 0
        return found

    # ------------------------------------------------------------------ evidence

    def missing_evidence(self, claims: Iterable[str]) -> list[str]:
        """Those of ``claims`` (each once) whose evidence :meth:`fetch_evidence` would fetch: not fetched yet,
        and recorded as having some. Answered from memory: the GUI asks it before showing claims, to fetch
        their passages off its thread first."""
        if not self._has_evidence:
            return []
        done, known = self._evidence_done, self.claims
        return [c for c in dict.fromkeys(claims) if c not in done and c in known
                and known[c].evidence and sparql.is_iri(c)]

    def fetch_evidence(self, claims: Iterable[str], *, should_cancel: ShouldCancel | None = None) -> None:
        """Fetch the evidence of ``claims`` with its articles and attributions (each claim once), in one
        request per :data:`EVIDENCE_CHUNK` claims (sent at once)."""
        wanted = self.missing_evidence(claims)
        if not wanted:
            return
        rows = self._evidence_rows(rq.Q_EVIDENCE, wanted, should_cancel)
        whole = {row["ann"] for row in rows if row.get("exact") is not None}
        partial = [c for c in wanted if any(ann not in whole for ann in self.claims[c].evidence)]
        if partial:  # annotations lacking a prefix, a position ... (or no annotation at all)
            rows += self._evidence_rows(rq.Q_EVIDENCE_PARTS, partial, should_cancel)
        new_evidence = evidence_from(rows, self.evidence)
        texts, types = texts_and_types({"s": r["d"], "p": r["dp"], "o": r["do"], "lang": r.get("lang")}
                                        for r in rows if r.get("d") and r.get("dp"))
        articles = {e.article for e in new_evidence.values()} - set(self.articles)
        agents = {e.asserted_by for e in new_evidence.values() if e.asserted_by} - set(self.agents)
        people: set[str] = set()
        for art in articles:
            for prop in ("dcterms:publisher", "dcterms:creator"):
                people.update(texts.all(art, prop))
        people -= set(self._names)
        if people:
            with self._write:
                self._names = {**self._names, **{p: texts.first(p, *LABEL_PROPERTIES) or p for p in people}}
        new_articles = {a: rec for a in articles if (rec := self._article_record(a, texts, types.get(a, set())))}
        new_agents = {by: Agent(iri=by, label=texts.first(by, *LABEL_PROPERTIES) or local_name(by),
                                role=texts.first(by, "schema:jobTitle")) for by in agents}
        with self._write:
            self.evidence = {**self.evidence, **new_evidence}
            self.articles = {**self.articles, **new_articles}
            self.agents = {**self.agents, **new_agents}
            self._evidence_done = self._evidence_done | set(wanted)

    def _evidence_rows(self, template: str, claims: list[str], should_cancel: ShouldCancel | None) -> list[Row]:
        """The rows of an evidence query for ``claims``, in chunks sent at once."""
        parts = self._parallel(*(lambda chunk=chunk: self._q(template, should_cancel,
                                                             claims=sparql.values("claim", chunk))
                                 for chunk in in_chunks(claims, EVIDENCE_CHUNK)))
        return [row for part in parts for row in part]

    def _article_record(self, art: str, texts: TextProperties, types: set[str]) -> Article | None:
        seed = first_text(texts, art, _CX + "seedFile")
        kinds = [t for t in rq.ARTICLE_TYPES if t in types]
        if seed is None and not kinds:
            return None  # not an article to the local knowledge base either
        pub, author = first_text(texts, art, _DCTERMS + "publisher"), first_text(texts, art, _DCTERMS + "creator")
        return Article(
            iri=art, title=texts.first(art, "dcterms:title", "rdfs:label", "schema:name") or local_name(art),
            publisher=self._names.get(pub, pub) if pub else None,
            author=self._names.get(author, author) if author else None,
            date=first_text(texts, art, _DCTERMS + "issued"), url=first_text(texts, art, _SCHEMA + "url"),
            seed_file=seed, body_start=int_or_none(first_text(texts, art, _CX + "bodyStart")),
            body_end=int_or_none(first_text(texts, art, _CX + "bodyEnd")),
            kind="opinion" if any(k.endswith("OpinionNewsArticle") for k in kinds) else "news article",
            publisher_iri=pub)

    # ------------------------------------------------------------------ the Knowledge API

    def claims_of(self, actor: str) -> list[Claim]:
        return [self.claims[c] for c in self._claims_of.get(actor, ())]

    def degree(self, actor: str) -> int:
        """Claims of ``actor``: all of them when known (ranked, expanded, or from the summary), else those
        fetched so far."""
        return max(len(self._claims_of.get(actor, ())), self._degree.get(actor, 0))

    def evidence_of(self, claim: str) -> list[Evidence]:
        self.fetch_evidence([claim])
        return [self.evidence[e] for e in self.claims[claim].evidence if e in self.evidence]

    def context(self, evidence: Evidence | str) -> EvidenceContext:
        if isinstance(evidence, str) and evidence not in self.evidence:
            owner = next((c.iri for c in self.claims.values() if evidence in c.evidence), None)
            if owner is None:
                raise ExplorerError(f"unknown evidence {evidence}")
            self.fetch_evidence([owner])
        ev = self.evidence[evidence] if isinstance(evidence, str) else evidence
        if ev.article not in self.articles and ev.claim in self.claims:
            self.fetch_evidence([ev.claim])
        return super().context(ev)

    def find_actors(self, text: str, limit: int = 20) -> list[Actor]:
        """Actors whose label or alias starts with, then contains, ``text`` (case and accents ignored); with
        a time window set, only those with a claim in it (:meth:`in_window`)."""
        return self._search(text, limit, windowed=True)

    def _search(self, text: str, limit: int, *, windowed: bool) -> list[Actor]:
        needle = fold(text.strip())
        if not needle or limit < 1:
            return []
        pattern = sparql.name_pattern(text.strip())
        if pattern is not None:
            condition = sparql.Term(f'REGEX(?name, {pattern}, "i")')  # no STR(): see rq.Q_SEARCH
        else:
            condition = sparql.Term(f"CONTAINS(LCASE(?name), LCASE({sparql.literal(text.strip())}))")
        rows = self._q(rq.Q_SEARCH, condition=condition, limit=sparql.integer(limit * 25))
        names = sorted((fold(r.get("name") or ""), r.get("a") or "") for r in rows if r.get("a"))
        starts: dict[str, None] = {}
        contains: dict[str, None] = {}
        for name, a in names:
            if name.startswith(needle):
                starts.setdefault(a)
            elif needle in name:
                contains.setdefault(a)
        ordered = list(starts) + [a for a in contains if a not in starts]
        if windowed and not self.window.everything:
            kept = self.in_window(ordered)
            ordered = [a for a in ordered if a in kept]
        ordered = ordered[:limit]
        self._ensure_actors(ordered)
        return [self.actors[a] for a in ordered if a in self.actors]

    def in_window(self, actors: Iterable[str], should_cancel: ShouldCancel | None = None) -> set[str]:
        """Those of ``actors`` with a claim in the time window (a statement in it; or, when undated claims
        pass, a bare triple), as the store answers."""
        wanted = sorted({a for a in actors if sparql.is_iri(a)})
        if self.window.everything:
            return set(wanted)
        query = rq.actors_in_window(statement_filter(self.window), self.window.keeps_undated)
        parts = self._parallel(*(lambda chunk=chunk: self._q(query, should_cancel, actors=sparql.values("a", chunk))
                                 for chunk in in_chunks(wanted, CHUNK))) if wanted else []
        return {row.get("a") or "" for part in parts for row in part} - {""}

    def resolve_actor(self, name_or_iri: str) -> Actor:
        """The actor named exactly (IRI, label, alias or local name), asking the endpoint when needed."""
        if name_or_iri in self.actors:
            return self.actors[name_or_iri]
        if sparql.is_iri(name_or_iri):
            self._ensure_actors([name_or_iri])
            if name_or_iri in self.actors:
                return self.actors[name_or_iri]
        wanted = fold(name_or_iri)
        for actor in self._search(name_or_iri, 50, windowed=False):  # (a name, whatever the window)
            if any(fold(n) == wanted for n in actor.names()):
                return actor
        tail = name_or_iri.strip()
        if tail:
            rows = self._q(rq.Q_LOCAL_NAME, slash=sparql.literal("/" + tail), hash=sparql.literal("#" + tail))
            found = [r.get("a") or "" for r in rows]
            self._ensure_actors(found)
            for a in found:
                if a in self.actors and fold(local_name(a)) == wanted:
                    return self.actors[a]
        raise ExplorerError(f"no actor named {name_or_iri!r} at {self.endpoint.display()}",
                            hint="search for part of the name")

    def _ensure_actors(self, iris: Iterable[str]) -> None:
        missing = [a for a in iris if a not in self.actors and sparql.is_iri(a)]
        if not missing:
            return
        (texts, types), degrees = self._parallel(lambda: self._describe(missing, None),
                                                 lambda: self._degrees_of(missing, None))
        known = [a for a in missing if texts.first(a, *LABEL_PROPERTIES) or types.get(a)]
        self._merge((), known, texts, types, degrees)

    def summary(self) -> dict[str, int]:
        """Counts of what has been fetched so far (``triples``: the store's size once counted)."""
        return {
            "triples": self.total_triples or 0,
            "actors": len(self.actors),
            "claims": len(self.claims),
            "annotations": len(self.evidence),
            "articles": len(self.articles),
            "relations": len(self.relations),
        }

    def count_triples(self) -> int:
        """Ask the store how many triples it holds (slow on a big store: run it off the GUI thread)."""
        self.total_triples = len(self.store)
        return self.total_triples


def first_screen(kb: Knowledge, limit: int = DEFAULT_FIRST_SCREEN) -> Screen:
    """The first screen of any knowledge base: the ``limit`` most connected actors and the claims among them.

    A :class:`RemoteKnowledge` fetched it when connecting; a local one computes it from its indexes with
    the same ranking (most claims first, then IRI; then actors without claims).
    """
    if isinstance(kb, RemoteKnowledge) and kb.limit == limit:
        return kb.first_screen
    ranked = sorted((-kb.degree(a), a) for a in kb.actors if kb.degree(a) > 0)[:limit]
    top = [a for _n, a in ranked]
    if len(top) < limit:
        top += sorted(a for a in kb.actors if kb.degree(a) == 0)[:limit - len(top)]
    chosen = set(top)
    claims = [c.iri for a in top for c in kb.claims_of(a) if c.subject in chosen and c.object in chosen]
    return Screen(tuple(top), tuple(dict.fromkeys(claims)))


def open_remote(url: str | Endpoint, *, texts: ArticleTexts | None = None, limit: int = DEFAULT_FIRST_SCREEN,
                progress: Progress | None = None, should_cancel: ShouldCancel | None = None,
                client: SparqlClient | None = None, use_summary: bool = True,
                window: ServerWindow = EVERYTHING) -> RemoteKnowledge:
    """Connect to an endpoint and fetch its first screen (``use_summary=False``: ignore the summary graph
    and let the store rank its actors itself; ``window``: only the claims in this time window)."""
    endpoint = Endpoint.from_url(url) if isinstance(url, str) else url
    return RemoteKnowledge(RemoteStore(endpoint, client), texts, limit=limit, progress=progress,
                           should_cancel=should_cancel, use_summary=use_summary, window=window)


def open_remote_knowledge(url: str | Endpoint, *, graph: str | None = None, credentials: Credentials | None = None,
                          timeout: float = DEFAULT_TIMEOUT, limit: int | None = None,
                          text_folders: Sequence[Path] = (),
                          progress: Progress | None = None,
                          should_cancel: ShouldCancel | None = None,
                          client: SparqlClient | None = None, window: ServerWindow = EVERYTHING) -> RemoteKnowledge:
    """Connect to an endpoint and fetch its first screen: what ``explorer --endpoint`` and File > Connect
    run, off the GUI thread. Pass ``client`` (a :class:`SparqlClient` of the same endpoint) to be able to
    abort a request in flight with ``client.cancel()``."""
    endpoint = url if isinstance(url, Endpoint) else Endpoint.from_url(
        url, graph=graph, credentials=credentials, timeout=timeout)
    return open_remote(endpoint, texts=ArticleTexts(text_folders), limit=limit or DEFAULT_FIRST_SCREEN,
                       progress=progress, should_cancel=should_cancel, client=client, window=window)
