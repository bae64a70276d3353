"""Accept re-anchored passages: give each its new selectors (exact, prefix, suffix, start, end), as one
undoable change of the document (see explorer.core.anchoring for how the new places are found)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rdflib import Literal, URIRef

from explorer.core.anchoring import Anchor, moved_selectors
from explorer.core.curation.document import Change, ChangeBuilder, Document
from explorer.core.errors import ExplorerError
from explorer.core.vocab import OA

SELECTOR_VALUES = {"exact": OA.exact, "prefix": OA.prefix, "suffix": OA.suffix, "start": OA.start, "end": OA.end}


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
        return b.change()
