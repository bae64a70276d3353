"""Passages and the values a user types: event dates, names, selections, and the selectors of a passage.

:func:`parse_event_date`, :func:`name_part` and :func:`trim_selection` turn what the user typed or
selected into RDF terms and offsets; :class:`TextPositions` maps between character offsets and
positions in a QTextDocument (without importing Qt). :func:`passage_values` checks a selected passage
as validation will and works out its selector values, and :func:`annotation_triples` writes the
oa:Annotation that ties it to a claim.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from explorer.core.curation.document import Document, Triple
from explorer.core.errors import ExplorerError
from explorer.core.evidence import selectors_for
from explorer.core.vocab import CX, DCTERMS, OA, local_name

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


# ============================================================================ values the user types


def parse_event_date(text: str | None) -> Literal | None:
    """'2020', '2020-10' or '2020-10-10' as xsd:gYear, xsd:gYearMonth or xsd:date; None when empty."""
    if text is None or not text.strip():
        return None
    m = _DATE.match(text.strip())
    if m is None:
        raise ExplorerError(f"{text.strip()!r} is not a date: write 2020, 2020-10 or 2020-10-10")
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise ExplorerError(f"{text.strip()!r}: there is no month {month}")
    if day is not None:
        import calendar

        if not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
            raise ExplorerError(f"{text.strip()!r}: there is no such day")
        return Literal(text.strip(), datatype=XSD.date)
    return Literal(text.strip(), datatype=XSD.gYearMonth if month else XSD.gYear)


def name_part(label: str) -> str:
    """'Türkiye' -> 'Turkiye', 'European Union' -> 'EuropeanUnion': the local name of a new IRI."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c))
    words = re.findall(r"[A-Za-z0-9]+", folded)
    name = "".join(w[0].upper() + w[1:] for w in words)
    return name if name and not name[0].isdigit() else "Actor" + name


def trim_selection(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection without the white space at its ends."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class TextPositions:
    """Between character offsets of a text (what oa:start and oa:end count) and positions in a
    QTextDocument holding it, which counts UTF-16 code units and reads '\\r\\n' as one break."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._positions: list[int] | None = None
        if "\r" not in text and all(ord(c) < 0x10000 for c in text):
            return
        positions = []
        pos = 0
        for i, ch in enumerate(text):
            positions.append(pos)
            if ch == "\r" and text[i + 1:i + 2] == "\n":
                continue
            pos += 2 if ord(ch) >= 0x10000 else 1
        positions.append(pos)
        self._positions = positions

    def offset(self, position: int) -> int:
        """The character offset at a document position (a position inside a character rounds up)."""
        if self._positions is None:
            return max(0, min(position, self.length))
        return min(bisect.bisect_left(self._positions, max(position, 0)), self.length)

    def position(self, offset: int) -> int:
        offset = max(0, min(offset, self.length))
        return offset if self._positions is None else self._positions[offset]


# ============================================================================ passages


def passage_values(doc: Document, article: str, start: int, end: int) -> dict[str, object]:
    """The selector values of text[start:end] of ``article``, checked as validation will check them."""
    kb = doc.kb
    art = kb.articles.get(article)
    if art is None:
        raise ExplorerError(f"{local_name(article)} is not an article of this graph")
    text = kb.article_text(article)
    if not 0 <= start <= end <= len(text):
        raise ExplorerError(f"the passage {start}-{end} is not inside the article ({len(text)} characters)")
    if not text[start:end].strip():
        raise ExplorerError("the passage is empty: select the words that state the claim")
    if art.body_start is not None and art.body_end is not None and not (
            art.body_start <= start and end <= art.body_end):
        raise ExplorerError(f"the passage lies outside the article body ({art.body_start}-{art.body_end}): "
                            "site boilerplate cannot be evidence")
    return selectors_for(text, start, end)


def annotation_triples(evidence: URIRef, claim: URIRef, article: str, values: Mapping[str, object],
                       asserted_by: str | None, *, factuality: str | None = None, creator: str | None = None,
                       created: str | None = None) -> list[Triple]:
    """The oa:Annotation ``evidence`` tying the passage ``values`` of ``article`` to ``claim``: its target and
    both selectors as blank nodes, its attribution when ``asserted_by`` is given, how surely the passage
    states the claim (``factuality``, a cx:Factuality concept), and who made the annotation and when."""
    target, quote, position = BNode(), BNode(), BNode()
    triples: list[Triple] = [
        (evidence, RDF.type, OA.Annotation),
        (evidence, OA.motivatedBy, OA.describing),
        (evidence, OA.hasBody, claim),
        (evidence, OA.hasTarget, target),
        (target, RDF.type, OA.SpecificResource),
        (target, OA.hasSource, URIRef(article)),
        (target, OA.hasSelector, quote),
        (target, OA.hasSelector, position),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal(str(values["exact"]))),
        (quote, OA.prefix, Literal(str(values["prefix"]))),
        (quote, OA.suffix, Literal(str(values["suffix"]))),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(int(values["start"]))),  # type: ignore[call-overload]
        (position, OA.end, Literal(int(values["end"]))),  # type: ignore[call-overload]
    ]
    if asserted_by:
        triples.append((evidence, CX.assertedBy, URIRef(asserted_by)))
    if factuality:
        triples.append((evidence, CX.factuality, URIRef(factuality)))
    if creator:
        triples.append((evidence, DCTERMS.creator, URIRef(creator)))
    if created:
        triples.append((evidence, DCTERMS.created, Literal(created, datatype=XSD.date)))
    return triples
