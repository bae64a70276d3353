"""Event coding: each claim's PLOVER category, quad class and intensity, read from the vocabulary.

The scheme lives in ``resources/vocab.ttl`` (section "event coding: PLOVER"): sixteen categories, each
with a quad class and a Goldstein-derived intensity (-10 hostile … +10 cooperative); every relation predicate
is mapped to one (skos:closeMatch / skos:broadMatch) or typed cx:StructuralRelation (no code). The
mapping is read from the knowledge base's store, so a user's own vocabulary extension codes its own
predicates; a store without it (a remote one) falls back to the bundled vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from explorer.core.quads import QUAD_CODES as QUAD_CODES
from explorer.core.quads import QUAD_LABELS as QUAD_LABELS
from explorer.core.vocab import CX, SPARQL_PREFIXES

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.model import Claim
    from explorer.core.store import Store

#: PLOVER's sixteen categories, cooperative first (the manual's order).
CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True, slots=True)
class EventCategory:
    """One PLOVER category: its name (``AGREE``), quad code (1-4) and intensity (-10…+10)."""

    iri: str
    name: str
    quad: int
    intensity: float

    @property
    def cooperative(self) -> bool:
        return self.quad in (1, 2)

    @property
    def material(self) -> bool:
        return self.quad in (2, 4)


@dataclass(frozen=True, slots=True)
class PredicateCode:
    """How a relation predicate is coded: its category, how closely it matches, its PLOVER mode."""

    predicate: str
    category: EventCategory
    match: str  # "close" or "broad"
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class Coding:
    """The whole scheme: categories by name, codes by predicate, the structural predicates."""

    categories: dict[str, EventCategory]
    codes: dict[str, PredicateCode]
    structural: frozenset[str]

    def code(self, claim: Claim) -> PredicateCode | None:
        """The claim's code, or None for a structural or unmapped predicate."""
        return self.codes.get(claim.predicate)


_CATEGORY_QUERY = SPARQL_PREFIXES + """
SELECT ?c ?name ?quad ?intensity WHERE {
  ?c skos:inScheme cx:PloverCategories ; skos:notation ?name ; cx:quadClass ?quad ; cx:intensity ?intensity }"""
_CODE_QUERY = SPARQL_PREFIXES + """
SELECT ?p ?match ?c ?mode WHERE {
  VALUES ?match { skos:closeMatch skos:broadMatch }
  ?p ?match ?c . ?c skos:inScheme cx:PloverCategories .
  OPTIONAL { ?p cx:ploverMode ?mode } }"""
_STRUCTURAL_QUERY = SPARQL_PREFIXES + "SELECT ?p WHERE { ?p a cx:StructuralRelation }"


def coding_from_store(store: Store) -> Coding:
    """The scheme as ``store`` states it."""
    categories: dict[str, EventCategory] = {}
    by_iri: dict[str, EventCategory] = {}
    for row in store.select(_CATEGORY_QUERY):
        quad = QUAD_CODES.get(str(row["quad"]).rsplit("#", 1)[-1])
        if quad is None or not row["c"] or not row["name"]:
            continue
        category = EventCategory(row["c"], row["name"], quad, float(row["intensity"] or 0))
        categories[category.name] = by_iri[category.iri] = category
    codes: dict[str, PredicateCode] = {}
    for row in sorted(store.select(_CODE_QUERY), key=lambda r: (r["p"] or "", r["match"] or "")):
        found = by_iri.get(row["c"] or "")
        if found is None or not row["p"] or row["p"] in codes:  # closeMatch sorts first and wins
            continue
        match = "close" if str(row["match"]).endswith("closeMatch") else "broad"
        codes[row["p"]] = PredicateCode(row["p"], found, match, row["mode"])
    structural = frozenset(r["p"] for r in store.select(_STRUCTURAL_QUERY) if r["p"])
    return Coding(categories, codes, structural)


@lru_cache(maxsize=1)
def bundled_coding() -> Coding:
    """The scheme of the bundled vocabulary (for stores that do not hold it)."""
    from explorer.core.loading import load_store

    return coding_from_store(load_store([]))


def coding_of(kb: Knowledge) -> Coding:
    """The scheme of ``kb``'s store (read ahead from its files while a cache entry's store is still being
    written: explorer.core.read_ahead), else the bundled one."""
    cache = kb.__dict__.get("_plover_coding") if hasattr(kb, "__dict__") else None
    if cache is not None:
        return cache  # type: ignore[no-any-return]
    from explorer.core.read_ahead import CODING_QUADS, kept

    try:
        coding = coding_from_store(kept(kb, CODING_QUADS) or kb.store)
    except Exception:  # a store that cannot answer SPARQL here (an unreachable endpoint)
        coding = bundled_coding()
    if not coding.categories:
        coding = bundled_coding()
    if hasattr(kb, "__dict__"):
        kb.__dict__["_plover_coding"] = coding
    return coding


def is_coded(iri: str) -> bool:
    """Whether ``iri`` is one of the PLOVER category concepts of the vocabulary."""
    return iri.startswith(str(CX)) and iri.rsplit("#", 1)[-1] in CATEGORIES
