"""What a briefing says, worked out once for every output (HTML, PDF): its figures, the relations shown
as sentences grouped by pair and category, and numbered footnotes holding the verbatim quotes.

A quote is the article's text at the passage's offsets (read from the article, not copied from the
annotation): the briefing cannot print words the article does not hold there. A passage whose offsets do
not hold its quote is left out of the footnotes and counted in ``Briefing.unverified``.

The weighing of claims (explorer.core.weight) gives each footnote its independent sources and credibility
(:func:`credibility_of`), and the appendix its contested claims (:func:`contested_claims`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.core.filters import UNKNOWN_PUBLISHER
from explorer.core.timeline import interval

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.model import Article, Claim
    from explorer.core.report.notes import Notes

Position = tuple[float, float]
#: The layout's spacing for a figure made here (an actor's or a pair's claims): as the window's.
FIGURE_SCALE = 190.0


@dataclass(frozen=True)
class Scope:
    """What one figure of a briefing shows: a title, its actors where they stand, and its claims."""

    title: str
    actors: tuple[str, ...]
    claims: tuple[str, ...]
    positions: Mapping[str, Position]

    @classmethod
    def of_claims(cls, kb: Knowledge, title: str, claims: Iterable[str],
                  positions: Mapping[str, Position] | None = None, extra: Iterable[str] = ()) -> Scope:
        wanted = set(claims)
        chosen = tuple(c for c in kb.claims if c in wanted)  # the knowledge's order
        actors = {end for c in chosen for end in kb.claims[c].ends} | set(extra)
        ordered = tuple(sorted((a for a in actors if a in kb.actors), key=lambda a: (kb.label(a), a)))
        placed = dict(positions or {})
        missing = [a for a in ordered if a not in placed]
        if missing:
            placed.update(layout_of(kb, missing, chosen, fixed=placed))
        return cls(title, ordered, chosen, {a: placed[a] for a in ordered})

    @classmethod
    def of_actor(cls, kb: Knowledge, actor: str) -> Scope:
        return cls.of_claims(kb, kb.label(actor), (c.iri for c in kb.claims_of(actor)), extra=[actor])

    @classmethod
    def of_pair(cls, kb: Knowledge, a: str, b: str) -> Scope:
        return cls.of_claims(kb, f"{kb.label(a)} and {kb.label(b)}", (c.iri for c in kb.claims_between(a, b)),
                             extra=[a, b])

    @classmethod
    def of_everything(cls, kb: Knowledge) -> Scope:
        return cls.of_claims(kb, "The whole graph", kb.claims)


def layout_of(kb: Knowledge, actors: Sequence[str], claims: Iterable[str],
              fixed: Mapping[str, Position]) -> dict[str, Position]:
    """Seeded positions for ``actors`` (the same data gives the same figure); actors already placed stay."""
    from explorer.core.layout import force_layout
    from explorer.core.placement import node_radius, spread

    if fixed:  # place the newcomers in a ring round the placed ones' centre
        import math

        cx = sum(x for x, _ in fixed.values()) / len(fixed)
        cy = sum(y for _, y in fixed.values()) / len(fixed)
        step = 2 * math.pi / max(len(actors), 1)
        return {a: (cx + 300 * math.cos(i * step), cy + 300 * math.sin(i * step)) for i, a in enumerate(actors)}
    edges = [kb.claims[c].ends for c in claims]
    raw = force_layout(list(actors), edges, seed=7, scale=FIGURE_SCALE)
    radii = {a: node_radius(kb.degree(a)) for a in actors}
    return spread({str(k): v for k, v in raw.items()}, radii)


@dataclass(frozen=True)
class Footnote:
    """One passage cited: the verbatim quote and where it comes from."""

    number: int
    evidence: str
    quote: str
    article: str
    start: int
    end: int
    title: str
    publisher: str
    date: str
    url: str
    said_by: str
    independent_sources: int
    credibility: str | None = None


@dataclass(frozen=True)
class Sentence:
    """One claim said in words, with the numbers of its footnotes."""

    claim: str
    text: str
    notes: tuple[int, ...]
    independent_sources: int
    credibility: str | None = None


@dataclass(frozen=True)
class Group:
    """The claims between one pair of actors, by category (label, sentences)."""

    heading: str
    categories: tuple[tuple[str, tuple[Sentence, ...]], ...]


@dataclass(frozen=True)
class FigureNode:
    actor: str
    label: str
    kind: str
    x: float
    y: float
    radius: float


@dataclass(frozen=True)
class FigureEdge:
    a: str
    b: str
    category: str
    count: int
    bend: float  # several categories between one pair are bowed apart (as in the window)


@dataclass(frozen=True)
class Figure:
    nodes: tuple[FigureNode, ...]
    edges: tuple[FigureEdge, ...]
    kinds: tuple[str, ...]  # the legend: kinds shown
    categories: tuple[tuple[str, str], ...]  # (category IRI, label) shown


@dataclass(frozen=True)
class Section:
    title: str
    figure: Figure
    groups: tuple[Group, ...]
    notes: str = ""  # the analyst's Markdown for this section


@dataclass(frozen=True)
class Source:
    article: str
    title: str
    publisher: str
    date: str
    url: str


@dataclass(frozen=True)
class Contested:
    """A contested claim and what each source says about it (filled once contested claims exist)."""

    claim: str
    text: str
    positions: tuple[tuple[str, str], ...]  # (source, what it says)


@dataclass(frozen=True)
class Briefing:
    title: str
    date: str
    intro: str
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]
    sources: tuple[Source, ...]
    contested: tuple[Contested, ...] = ()
    unverified: int = 0


# ---------------------------------------------------------------- the weighing's extension points


def independent_sources(kb: Knowledge, claim: Claim) -> int:
    """How many independent sources back the claim (explorer.core.weight: distinct publishers, or the
    groups an analyst set, among its supporting passages)."""
    from explorer.core.weight import weights_of

    found = weights_of(kb).get(claim.iri)
    if found is not None:
        return found.sources
    publishers = {(kb.articles[e.article].publisher if e.article in kb.articles else None) or UNKNOWN_PUBLISHER
                  for e in (kb.evidence[i] for i in claim.evidence if i in kb.evidence)}
    return len(publishers)


def credibility_of(kb: Knowledge, claim: Claim) -> str | None:
    """The claim's credibility, 1 (confirmed) to 6 (cannot be judged), by explorer.core.weight's rule or the
    analyst's override."""
    from explorer.core.weight import CREDIBILITY_NAMES, weights_of

    found = weights_of(kb).get(claim.iri)
    if found is None:
        return None
    return f"{found.credibility} ({CREDIBILITY_NAMES.get(found.credibility, '')})".replace(" ()", "")


#: Contested claims among those shown (claim IRIs in → appendix entries out).
ContestedFinder = Callable[["Knowledge", Sequence[str]], list[Contested]]


def contested_claims(kb: Knowledge, claims: Sequence[str]) -> list[Contested]:
    """The shown claims that a passage denies or a contrary claim contradicts, each with what every source
    says of it and of its contrary claims (quotes as the article holds them)."""
    from explorer.core.weight import NEGATED, weights_of

    weights = weights_of(kb)
    out: list[Contested] = []
    for iri in claims:
        weight = weights.get(iri)
        claim = kb.claims.get(iri)
        if weight is None or claim is None or not weight.contested:
            continue
        positions: list[tuple[str, str]] = []
        for other in (iri, *weight.contested_by):
            related = kb.claims.get(other)
            if related is None:
                continue
            for ev in (kb.evidence[e] for e in related.evidence if e in kb.evidence):
                if ev.start is None or ev.end is None:
                    continue
                quote = kb.article_text(ev.article)[ev.start:ev.end]  # the article's words, as in the footnotes
                if quote != ev.exact:
                    continue
                article = kb.articles.get(ev.article)
                source = (article.publisher if article is not None else None) or UNKNOWN_PUBLISHER
                stance = "denies" if ev.factuality == NEGATED else "says"
                positions.append((source, f"{stance} that {kb.describe(related)}: “{quote}”"))
        out.append(Contested(iri, kb.describe(claim), tuple(sorted(positions))))
    return out


# ---------------------------------------------------------------- building


def briefing(kb: Knowledge, scopes: Sequence[Scope], *, title: str | None = None, date: str | None = None,
             notes: Notes | None = None, contested: ContestedFinder = contested_claims) -> Briefing:
    """The briefing of ``scopes`` (one, or several in order: a storyboard)."""
    if not scopes:
        raise ExplorerError("a briefing needs something to show")
    numbers: dict[str, int] = {}
    footnotes: list[Footnote] = []
    unverified: set[str] = set()
    sections = []
    for scope in scopes:
        groups = _groups(kb, scope, numbers, footnotes, unverified)
        section_notes = notes.for_section(scope.title) if notes is not None else ""
        sections.append(Section(scope.title, figure_of(kb, scope), tuple(groups), section_notes))
    cited = {f.article for f in footnotes}
    sources = tuple(sorted((_source(kb.articles[a]) for a in cited if a in kb.articles),
                           key=lambda s: (s.publisher, s.date, s.title, s.article)))
    shown = [c for s in scopes for c in s.claims]
    return Briefing(
        title=title or ("Briefing: " + " · ".join(s.title for s in scopes)),
        date=date or _dt.date.today().isoformat(),
        intro=notes.intro if notes is not None else "",
        sections=tuple(sections), footnotes=tuple(footnotes), sources=sources,
        contested=tuple(contested(kb, list(dict.fromkeys(shown)))), unverified=len(unverified),
    )


def _source(article: Article) -> Source:
    return Source(article.iri, article.title, article.publisher or UNKNOWN_PUBLISHER, article.date or "",
                  article.url or "")


def _pair_key(kb: Knowledge, claim: Claim) -> tuple[str, str]:
    a, b = sorted(claim.ends, key=lambda x: (kb.label(x), x))
    return a, b


def _groups(kb: Knowledge, scope: Scope, numbers: dict[str, int], footnotes: list[Footnote],
            unverified: set[str]) -> list[Group]:
    by_pair: dict[tuple[str, str], dict[str, list[Claim]]] = {}
    for iri in scope.claims:
        claim = kb.claims[iri]
        category = kb.category_of(claim).label
        category = category[:1].upper() + category[1:]
        by_pair.setdefault(_pair_key(kb, claim), {}).setdefault(category, []).append(claim)
    groups = []
    for (a, b) in sorted(by_pair, key=lambda p: (kb.label(p[0]), kb.label(p[1]), p)):
        categories = []
        for category in sorted(by_pair[(a, b)]):
            claims = sorted(by_pair[(a, b)][category], key=lambda c: (kb.describe(c), c.event_date or "", c.iri))
            sentences = tuple(_sentence(kb, c, numbers, footnotes, unverified) for c in claims)
            categories.append((category, sentences))
        heading = kb.label(a) if a == b else f"{kb.label(a)} – {kb.label(b)}"
        groups.append(Group(heading, tuple(categories)))
    return groups


def _sentence(kb: Knowledge, claim: Claim, numbers: dict[str, int], footnotes: list[Footnote],
              unverified: set[str]) -> Sentence:
    text = kb.describe(claim)
    text = text[:1].upper() + text[1:]
    if claim.event_date:
        text += f" ({claim.event_date})"
    count = independent_sources(kb, claim)
    grade = credibility_of(kb, claim)
    passages = [kb.evidence[e] for e in claim.evidence if e in kb.evidence]
    passages.sort(key=lambda e: (_article_date(kb, e.article), e.article, e.start or 0, e.iri))
    cited = []
    for passage in passages:
        if passage.iri not in numbers:
            note = _footnote(kb, passage.iri, len(footnotes) + 1, count, grade)
            if note is None:
                unverified.add(passage.iri)
                continue
            numbers[passage.iri] = note.number
            footnotes.append(note)
        cited.append(numbers[passage.iri])
    return Sentence(claim.iri, text + ".", tuple(cited), count, grade)


def _article_date(kb: Knowledge, article: str) -> tuple:
    found = kb.articles.get(article)
    days = interval(found.date) if found is not None else None
    return (days[0],) if days is not None else (10**7,)  # undated articles last


def _footnote(kb: Knowledge, evidence: str, number: int, count: int, grade: str | None) -> Footnote | None:
    """The passage's footnote, its quote read from the article at its offsets; None when they do not hold it."""
    passage = kb.evidence[evidence]
    if passage.start is None or passage.end is None:
        return None
    try:
        text = kb.article_text(passage.article)
    except ExplorerError:
        return None
    quote = text[passage.start:passage.end]
    if quote != passage.exact or not quote.strip():
        return None
    article = kb.articles.get(passage.article)
    said_by = ""
    if passage.asserted_by:
        agent = kb.agents.get(passage.asserted_by)
        said_by = agent.label if agent is not None else kb.label(passage.asserted_by)
        if agent is not None and agent.role:
            said_by += f" ({agent.role})"
    return Footnote(
        number=number, evidence=evidence, quote=quote, article=passage.article, start=passage.start,
        end=passage.end, title=article.title if article else kb.label(passage.article),
        publisher=(article.publisher if article else None) or UNKNOWN_PUBLISHER,
        date=(article.date if article else None) or "", url=(article.url if article else None) or "",
        said_by=said_by, independent_sources=count, credibility=grade,
    )


def figure_of(kb: Knowledge, scope: Scope) -> Figure:
    """The figure's nodes and edges (one per pair and category, as the window bundles them)."""
    from explorer.core.placement import node_radius

    nodes = tuple(FigureNode(a, kb.label(a), kb.actors[a].kind, *scope.positions[a], node_radius(kb.degree(a)))
                  for a in scope.actors)
    counts: dict[tuple[str, str, str], int] = {}
    for iri in scope.claims:
        claim = kb.claims[iri]
        if claim.subject == claim.object:
            continue
        a, b = sorted(claim.ends)
        key = (a, b, kb.category_of(claim).iri)
        counts[key] = counts.get(key, 0) + 1
    per_pair: dict[tuple[str, str], list[str]] = {}
    for a, b, category in sorted(counts):
        per_pair.setdefault((a, b), []).append(category)
    edges = []
    for (a, b), categories in sorted(per_pair.items()):
        for i, category in enumerate(categories):
            edges.append(FigureEdge(a, b, category, counts[(a, b, category)], i - (len(categories) - 1) / 2))
    kinds = tuple(sorted({n.kind for n in nodes}))
    shown = sorted({e.category for e in edges}, key=lambda c: (kb.label(c), c))
    return Figure(nodes, tuple(edges), kinds, tuple((c, kb.label(c)) for c in shown))

