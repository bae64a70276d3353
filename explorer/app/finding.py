"""What Find offers and finds: one completion per actor (its name, type and other names), and the claims
whose passages hold the words typed, when no actor is called so."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.folding import fold

if TYPE_CHECKING:
    from explorer.core.api import Knowledge


@dataclass(frozen=True)
class Completion:
    """One actor in Find's list: shown by its name and type, matched by every name it has."""

    iri: str
    label: str
    kind: str
    aliases: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"{self.label} · {self.kind}"

    @property
    def also(self) -> str:
        """The other names, for the small print under the name."""
        return "also " + ", ".join(self.aliases) if self.aliases else ""

    def also_for(self, typed: str) -> str:
        """The small print for what was typed: the names that hold it first, when the name shown does not
        ('matches Lavrov, Sergey Lavrov'), then the others; else :attr:`also`."""
        needle = fold(typed.strip())
        if needle and needle not in fold(self.label):
            hits = [n for n in self.aliases if needle in fold(n)]
            if hits:
                rest = [n for n in self.aliases if n not in hits]
                return "matches " + ", ".join(hits) + (" · also " + ", ".join(rest) if rest else "")
        return self.also

    @property
    def key(self) -> str:
        """Every name as written and folded (case and accents aside: "turkiye" finds Türkiye), one a line:
        what a typed text is looked for in."""
        names = (self.label, *self.aliases)
        return "\n".join(dict.fromkeys([*names, *map(fold, names)]))


def completions(kb: Knowledge) -> list[Completion]:
    """One entry per actor, in alphabetical order: an alias never makes an entry of its own."""
    entries = [Completion(a.iri, a.label, a.kind, tuple(n for n in a.aliases if n != a.label))
               for a in kb.actors.values()]
    return sorted(entries, key=lambda c: (c.label.casefold(), c.iri))


#: Each knowledge base's folded quotes by claim, with the passages they were folded from (an edit that
#: changes a claim's passages makes a new tuple, and the quotes are folded again).
_FOLDED: weakref.WeakKeyDictionary[object, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = \
    weakref.WeakKeyDictionary()


def quote_matches(kb: Knowledge, text: str, claims: Iterable[str]) -> list[str]:
    """Those of ``claims`` with a passage whose quote holds every word of ``text`` (case and accents
    aside), in their order."""
    words = fold(text).split()
    if not words:
        return []
    folded = _FOLDED.setdefault(kb, {})
    found = []
    for iri in claims:
        claim = kb.claims.get(iri)
        if claim is None:
            continue
        known = folded.get(iri)
        if known is None or known[0] != claim.evidence:
            known = folded[iri] = (claim.evidence, tuple(fold(ev.exact) for ev in kb.evidence_of(iri)))
        if any(all(w in quote for w in words) for quote in known[1]):
            found.append(iri)
    return found
