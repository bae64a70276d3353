"""Accept re-anchored passages: give each its new selectors (exact, prefix, suffix, start, end), as one
undoable change of the document (see explorer.core.anchoring for how the new places are found).

The article follows its passages in the same change: its body bounds (cx:bodyStart, cx:bodyEnd) move to
the new text (:func:`explorer.core.anchoring.body_bounds`), so a passage moved past the old body end is
still inside the body; and once every passage of the article stands in the new text (unchanged or
accepted), its recorded SHA-256 becomes the new text's, so the article is no longer re-anchored on load.
While a passage is still changed or lost the old hash stays: the article keeps being checked on load, and
what is left stays listed."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from explorer.core.anchoring import Anchor, Place, State, anchor, body_bounds, moved_selectors
from explorer.core.curation.document import Change, ChangeBuilder, Document
from explorer.core.errors import ExplorerError
from explorer.core.vocab import CX, OA, SCHEMA

SELECTOR_VALUES = {"exact": OA.exact, "prefix": OA.prefix, "suffix": OA.suffix, "start": OA.start, "end": OA.end}


def _replace(b: ChangeBuilder, doc: Document, subject: Node, prop: Node, value: Literal) -> None:
    """Give ``subject`` the one value ``value`` of ``prop`` in each file that records the property."""
    for old in doc.objects(subject, prop):
        for file in [f for f in doc.files if (subject, prop, old) in doc.parts[f]]:
            b.remove(file, (subject, prop, old))
            b.add(file, (subject, prop, value))


class AcceptAnchors:
    """Give passages the selectors of their new place in their article's new text."""

    result: str | None = None

    def __init__(self, anchors: Sequence[Anchor], text_of: Mapping[str, str]) -> None:
        self.anchors, self.text_of = list(anchors), text_of
        self.text = f"Re-anchor {len(self.anchors)} passage{'s' if len(self.anchors) != 1 else ''}"

    def plan(self, doc: Document) -> Change:
        b = ChangeBuilder(doc)
        for a in self.anchors:
            values = moved_selectors(a, self.text_of[a.article])
            selectors = [sel for target in doc.objects(URIRef(a.evidence), OA.hasTarget)
                         for sel in doc.objects(target, OA.hasSelector)]
            if not selectors:
                raise ExplorerError(f"{a.evidence} has no selector in the open files")
            for sel in selectors:
                for key, prop in SELECTOR_VALUES.items():
                    for old in doc.objects(sel, prop):
                        file = next(f for f in doc.files if (sel, prop, old) in doc.parts[f])
                        b.remove(file, (sel, prop, old))
                        b.add(file, (sel, prop, Literal(values[key])))
        for article in sorted({a.article for a in self.anchors}):
            self._follow(b, doc, article)
        return b.change()

    def _follow(self, b: ChangeBuilder, doc: Document, article: str) -> None:
        """Move the article's body bounds to the new text, and its hash once all its passages stand in it."""
        text = self.text_of[article]
        accepted = {a.evidence: a for a in self.anchors if a.article == article}
        places: list[Place] = []
        settled = True
        for ev in doc.kb.evidence.values():
            if ev.article != article or ev.start is None or ev.end is None:
                continue
            now = accepted.get(ev.iri) or anchor(ev, text)
            if now.start is not None and now.end is not None:
                places.append((ev.start, ev.end, now.start, now.end))
            settled = settled and (ev.iri in accepted or now.state is State.UNCHANGED)
        art = doc.kb.articles.get(article)
        node = URIRef(article)
        if art is not None and art.body_start is not None and art.body_end is not None:
            start, end = body_bounds(art.body_start, art.body_end, places, len(text))
            _replace(b, doc, node, CX.bodyStart, Literal(start))
            _replace(b, doc, node, CX.bodyEnd, Literal(end))
        if settled:
            _replace(b, doc, node, SCHEMA.sha256, Literal(hashlib.sha256(text.encode("utf-8")).hexdigest()))
