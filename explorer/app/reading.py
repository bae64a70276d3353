"""What the reader shows of an article: its text, where the body is, every passage quoted from it (each
with the claims it supports), which passage is active, and where typed words occur.

Plain data, without Qt, so the rules are tested without a display. Offsets count the article's own
characters, as ``oa:start`` and ``oa:end`` do.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.timeline import when

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.model import Article


@dataclass(frozen=True)
class PassageClaim:
    """A claim a passage supports, in words (subject, relation, object and date)."""

    claim: str
    evidence: str
    words: str


@dataclass(frozen=True)
class ReaderPassage:
    """Words of the article quoted as evidence: one span, however many claims quote it."""

    start: int
    end: int
    claims: tuple[PassageClaim, ...]

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(c.evidence for c in self.claims)


@dataclass(frozen=True)
class Reading:
    """An article as the reader shows it. ``active`` is the passage emphasised (None: the article was
    opened to be read, not at a passage)."""

    article: Article | None
    text: str
    passages: tuple[ReaderPassage, ...] = ()
    active: int | None = None
    note: str | None = None  # what the claim opened from says, for the header

    @property
    def body(self) -> tuple[int, int]:
        """The article's own words (``cx:bodyStart``..``cx:bodyEnd``); the rest is the page around it."""
        return body_span(self.article, self.text)

    def index_of(self, evidence: str) -> int | None:
        return next((i for i, p in enumerate(self.passages) if evidence in p.evidence), None)

    def step(self, forward: bool = True) -> int | None:
        """The passage after (or before) the active one, round the ends; the first (or last) when none is
        active; None when the article has no passage."""
        count = len(self.passages)
        if not count:
            return None
        if self.active is None:
            return 0 if forward else count - 1
        return (self.active + (1 if forward else -1)) % count

    def position(self) -> str:
        """'Passage 2 of 5', '5 passages' (none active) or 'No passage'."""
        count = len(self.passages)
        if not count:
            return "No passage of this article supports a claim"
        if self.active is None:
            return f"{count} passage{'s' if count != 1 else ''}"
        return f"Passage {self.active + 1} of {count}"


def body_span(article: Article | None, text: str) -> tuple[int, int]:
    """Where the body starts and ends in ``text`` (the whole text when the article does not say)."""
    start = article.body_start if article is not None and article.body_start is not None else 0
    end = article.body_end if article is not None and article.body_end is not None else len(text)
    start = min(max(start, 0), len(text))
    return start, min(max(end, start), len(text))


def reading(kb: Knowledge, article: str, active_evidence: str | None = None, note: str | None = None) -> Reading:
    """Every passage of ``article`` held in ``kb``, in the order of the text, the one of
    ``active_evidence`` active. A passage whose quote is not found in the text is left out (the
    validation lists it)."""
    text = kb.article_text(article)
    spans: dict[tuple[int, int], list[PassageClaim]] = {}
    for ev in [e for e in kb.evidence.values() if e.article == article]:
        ctx = kb.context(ev)
        start = ctx.paragraph_start + ctx.quote_start
        end = ctx.paragraph_start + ctx.quote_end
        if end <= start or text[start:end] != ctx.paragraph[ctx.quote_start:ctx.quote_end]:
            continue
        claim = kb.claims.get(ev.claim)
        words = f"{kb.describe(claim)} ({when(claim)})" if claim is not None else ev.claim
        spans.setdefault((start, end), []).append(PassageClaim(ev.claim, ev.iri, words))
    passages = tuple(ReaderPassage(s, e, tuple(sorted(cs, key=lambda c: c.words.casefold())))
                     for (s, e), cs in sorted(spans.items()))
    found = Reading(kb.articles.get(article), text, passages, None, note)
    active = found.index_of(active_evidence) if active_evidence else None
    return Reading(found.article, text, passages, active, note)


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` case and accents aside, and for each folded character the offset it comes from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            folded = ch.lower()
        else:
            folded = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            folded = folded.casefold()
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def find_all(text: str, words: str) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text``, case and accents aside ("turkiye" finds "Türkiye"), as
    (start, end) character offsets, in order, none overlapping."""
    needle = _folded(words.strip())[0]
    if not needle:
        return []
    hay, origin = _folded(text)
    found = []
    at = hay.find(needle)
    while at >= 0:
        start, end = origin[at], origin[at + len(needle) - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1  # a combining accent belongs to the letter found
        found.append((start, end))
        at = hay.find(needle, at + len(needle))
    return found
