"""Plain, frozen records that every front end receives: no RDF terms, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Actor:
    iri: str
    label: str
    kind: str  # country, organisation, person, place, event, group, or "other"
    aliases: tuple[str, ...] = ()
    role: str | None = None
    description: str | None = None
    same_as: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True, slots=True)
class Category:
    iri: str
    label: str
    definition: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation predicate of the vocabulary."""

    iri: str
    label: str
    category: str  # the category's IRI
    comment: str | None = None
    symmetric: bool = False


@dataclass(frozen=True, slots=True)
class Agent:
    """Someone an article is by, or a passage is attributed to."""

    iri: str
    label: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    iri: str
    title: str
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    seed_file: str | None = None
    body_start: int | None = None
    body_end: int | None = None
    kind: str = "news article"
    publisher_iri: str | None = None  # the publisher's IRI (``publisher`` is its label): a source to count


@dataclass(frozen=True, slots=True)
class Claim:
    """A relation between two actors that some text asserts.

    ``iri`` is the rdf:Statement describing it, or a ``urn:explorer:triple:`` key for a bare triple
    loaded without any statement (and so without evidence).
    """

    iri: str
    subject: str
    predicate: str
    object: str
    event_date: str | None = None
    evidence: tuple[str, ...] = ()
    has_statement: bool = True
    start_date: str | None = None  # a period's ends (cx:startDate, cx:endDate), at the text's precision
    end_date: str | None = None

    @property
    def ends(self) -> tuple[str, str]:
        return (self.subject, self.object)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One passage of one article that supports a claim (an oa:Annotation)."""

    iri: str
    claim: str
    article: str
    exact: str
    start: int | None = None
    end: int | None = None
    prefix: str | None = None
    suffix: str | None = None
    asserted_by: str | None = None
    factuality: str | None = None  # a cx:Factuality concept's IRI; None (legacy data) counts as asserted


@dataclass(frozen=True, slots=True)
class EvidenceContext:
    """A passage shown in its paragraph: what the evidence panel draws."""

    evidence: Evidence
    article: Article | None
    paragraph: str
    paragraph_start: int
    quote_start: int  # within the paragraph
    quote_end: int
    verified: bool  # the article text at the offsets is exactly the quote
    asserted_by: Agent | None = None
    problems: tuple[str, ...] = field(default=())


@dataclass(slots=True)
class _EvidenceContextDraft:
    """EvidenceContext's fields in the same slots, not frozen (see :func:`evidence_context`)."""

    evidence: Evidence
    article: Article | None
    paragraph: str
    paragraph_start: int
    quote_start: int
    quote_end: int
    verified: bool
    asserted_by: Agent | None = None
    problems: tuple[str, ...] = field(default=())


_set = object.__setattr__


def evidence_context(
    evidence: Evidence,
    article: Article | None,
    paragraph: str,
    paragraph_start: int,
    quote_start: int,
    quote_end: int,
    verified: bool,
    asserted_by: Agent | None = None,
    problems: tuple[str, ...] = (),
) -> EvidenceContext:
    """``EvidenceContext(...)``, five times as fast: the same frozen record, made for a click that
    shows thousands of passages.

    A frozen dataclass sets each of its nine fields through ``object.__setattr__`` (1.5 µs a record,
    a third of a passage's cost); a draft with the same slots is filled by plain assignments, then
    becomes an EvidenceContext (the same memory layout, so Python allows it).
    """
    draft = _EvidenceContextDraft(evidence, article, paragraph, paragraph_start, quote_start, quote_end, verified,
                                  asserted_by, problems)
    _set(draft, "__class__", EvidenceContext)
    return draft  # type: ignore[return-value]
