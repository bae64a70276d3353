"""Re-anchoring: where each quote stands when an article's text is not the one it was taken from.

Each passage (oa:TextQuoteSelector exact/prefix/suffix + oa:TextPositionSelector start/end) is, in the
new text:

* **unchanged**: the exact text is still at its offsets;
* **moved**: the same exact text is elsewhere, with its recorded prefix or suffix around it (when it
  occurs several times, the one whose context matches best, then the nearest): new offsets, which
  :func:`moved_selectors` turns into selectors to accept in bulk;
* **changed**: no exact match, but a fuzzy match (rapidfuzz) of the quote scores at least
  :data:`CHANGED_THRESHOLD`, and so does the quote with its context: flagged with its score (0-1) and
  the new wording, for the analyst to accept one by one;
* **lost**: none of these.

Nothing is rewritten here: the caller decides what to accept.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from explorer.core.api import Knowledge
from explorer.core.errors import ExplorerError
from explorer.core.evidence import CONTEXT_CHARS, selectors_for
from explorer.core.model import Evidence

#: The least similarity (0-1, rapidfuzz's normalised Indel similarity) of a quote, and of the quote with its
#: prefix and suffix, to the best-matching place of the new text for it to count as "changed" rather than
#: "lost". 0.75 keeps a quote with a word or two edited (a 100-character quote with one 8-letter word
#: replaced scores about 0.9) and rejects a deleted sentence, whose best match elsewhere in a news text
#: scores 0.4-0.65 (measured on the seed articles, tests/core/test_anchoring.py).
CHANGED_THRESHOLD = 0.75


class State(enum.Enum):
    UNCHANGED = "unchanged"
    MOVED = "moved"
    CHANGED = "changed"
    LOST = "lost"


@dataclass(frozen=True)
class Anchor:
    """Where one passage stands in a new text: its state, and its new place (None when lost)."""

    evidence: str
    article: str
    state: State
    old_start: int | None
    old_end: int | None
    exact: str
    start: int | None = None
    end: int | None = None
    new_exact: str | None = None
    score: float = 1.0

    def as_json(self) -> dict[str, object]:
        return {"evidence": self.evidence, "article": self.article, "state": self.state.value,
                "old": [self.old_start, self.old_end], "new": None if self.start is None else [self.start, self.end],
                "exact": self.exact, "new_exact": self.new_exact, "score": round(self.score, 3)}


def _context_fit(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """2 when both recorded prefix and suffix surround text[start:end], 1 when one does, else 0."""
    return int(text[:start].endswith(prefix)) + int(text[end:].startswith(suffix))


def _occurrences(text: str, exact: str) -> list[int]:
    hits, pos = [], text.find(exact)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(exact, pos + 1)
    return hits


def _fuzzy(text: str, exact: str, prefix: str, suffix: str) -> tuple[int, int, float] | None:
    """The best fuzzy place of ``exact`` in ``text`` and its score, when both the quote and the quote with
    its context reach the threshold."""
    from rapidfuzz import fuzz

    if not exact.strip():
        return None
    hit = fuzz.partial_ratio_alignment(exact, text, score_cutoff=CHANGED_THRESHOLD * 100)
    if hit is None:
        return None
    start, end = _ends(text, exact, hit.dest_start, hit.dest_end)
    quote_score = fuzz.ratio(exact, text[start:end]) / 100
    context = text[max(0, start - len(prefix)):start] + text[start:end] + text[end:end + len(suffix)]
    score = fuzz.ratio(prefix + exact + suffix, context) / 100
    if min(quote_score, score) < CHANGED_THRESHOLD:
        return None
    return start, end, min(quote_score, score)


#: How many characters of a quote's start (end) locate the start (end) of its fuzzy match.
END_CHARS = 12


def _ends(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """The fuzzy match's bounds made exact where they can be: a quote edited in its middle still starts
    (ends) with its first (last) words, which pin its start (end) even when the edit changed its length;
    else the bounds widened to whole words."""
    reach = len(exact) // 2 + END_CHARS
    head, tail = exact[:END_CHARS], exact[-END_CHARS:]
    if len(exact) >= 3 * END_CHARS:
        lo = max(0, start - reach)
        hits = [m.start() for m in re.finditer(re.escape(head), text[lo:end])]
        if hits:
            start = lo + min(hits, key=lambda h: abs(lo + h - start))
        hits = [m.end() for m in re.finditer(re.escape(tail), text[start:end + reach])]
        if hits:
            end = start + min(hits, key=lambda h: abs(start + h - end))
    return _snap(text, start, end)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to whole words (a match may cut a word that was edited)."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def anchor(ev: Evidence, text: str) -> Anchor:
    """The state of passage ``ev`` in ``text``."""
    exact, prefix, suffix = ev.exact or "", ev.prefix or "", ev.suffix or ""
    base = {"evidence": ev.iri, "article": ev.article, "old_start": ev.start, "old_end": ev.end, "exact": exact}
    if ev.start is not None and ev.end is not None and exact and text[ev.start:ev.end] == exact:
        return Anchor(**base, state=State.UNCHANGED, start=ev.start, end=ev.end, new_exact=exact)  # type: ignore[arg-type]
    if exact:
        near = ev.start or 0
        fits = [(pos, _context_fit(text, pos, pos + len(exact), prefix, suffix)) for pos in _occurrences(text, exact)]
        fits = [(pos, fit) for pos, fit in fits if fit > 0]
        if fits:
            pos, _fit = min(fits, key=lambda pf: (-pf[1], abs(pf[0] - near)))
            return Anchor(**base, state=State.MOVED, start=pos, end=pos + len(exact),  # type: ignore[arg-type]
                          new_exact=exact)
    found = _fuzzy(text, exact, prefix, suffix)
    if found is not None:
        start, end, score = found
        return Anchor(**base, state=State.CHANGED, start=start, end=end,  # type: ignore[arg-type]
                      new_exact=text[start:end], score=score)
    return Anchor(**base, state=State.LOST, score=0.0)  # type: ignore[arg-type]


def anchor_all(evidence: Iterable[Evidence], text_of: dict[str, str]) -> list[Anchor]:
    """The state of every passage whose article has a text in ``text_of`` (article IRI → text), in
    article then offset order."""
    out = [anchor(ev, text_of[ev.article]) for ev in evidence if ev.article in text_of]
    return sorted(out, key=lambda a: (a.article, a.old_start or 0, a.evidence))


def stale_texts(kb: Knowledge) -> dict[str, str]:
    """The articles whose text no longer has the SHA-256 recorded at import (schema:sha256), with their
    text as it is now: their passages need re-anchoring."""
    import hashlib

    from explorer.core.read_ahead import RECORDED_HASHES, kept

    recorded = kept(kb, RECORDED_HASHES)
    if recorded is None:
        recorded = [(str(row["a"]), str(row["h"]))
                    for row in kb.store.select("SELECT ?a ?h WHERE { ?a <https://schema.org/sha256> ?h }")]
    out: dict[str, str] = {}
    for article, digest in recorded:
        if article not in kb.articles:
            continue
        try:
            text = kb.article_text(article)
        except ExplorerError:
            continue
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            out[article] = text
    return out


#: A passage's place in the old text and in the new: (old start, old end, new start, new end).
Place = tuple[int, int, int, int]


def body_bounds(body_start: int, body_end: int, places: Iterable[Place], length: int) -> tuple[int, int]:
    """The article body's bounds in a new text of ``length`` characters, from where its passages now are.

    The old text is gone (a re-scraped text replaces it), so the bounds move with the passages nearest
    them: the start with the first passage, the end with the last (a paragraph inserted at the top moves
    both; a word changed in the middle moves only the end). A body that started at the text's start still
    does. The bounds then widen to hold every placed passage, so none falls outside the body, and stay
    inside the text. An edit between a bound and its nearest passage is not seen: the body keeps that
    passage's shift there (documented limit; the passages themselves are always inside)."""
    placed = sorted(places)
    if not placed:
        return max(0, min(body_start, length)), max(0, min(body_end, length))
    first, last = placed[0], max(placed, key=lambda p: p[1])
    start = 0 if body_start == 0 else body_start + first[2] - first[0]
    end = body_end + last[3] - last[1]
    start = max(0, min(start, *(p[2] for p in placed)))
    end = min(length, max(end, *(p[3] for p in placed)))
    return start, max(start, end)


def moved_selectors(a: Anchor, text: str) -> dict[str, object]:
    """The selectors (exact, prefix, suffix, start, end) an accepted moved or changed passage gets."""
    if a.start is None or a.end is None:
        raise ValueError(f"{a.evidence} is lost: it has no new place")
    return selectors_for(text, a.start, a.end)


__all__ = ["CHANGED_THRESHOLD", "CONTEXT_CHARS", "Anchor", "Place", "State", "anchor", "anchor_all", "body_bounds",
           "moved_selectors", "stale_texts"]
