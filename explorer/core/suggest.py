"""Claim suggestions from an article's text: offline, by rules, with no model.

For each sentence of the article body that mentions two known actors (by label, alias, or a
``skos:hiddenLabel`` such as a demonym or a capital: resources/actor-names.ttl and the graph's own;
case- and diacritic-insensitive, possessives included), suggest a claim: the subject (the first
mention, or the agent of a passive "by" phrase), a relation from the vocabulary chosen by cue words
between the two mentions, the object, the smallest quote holding both mentions and the cue, a
factuality guess from cue words (cx:Asserted, cx:Probable, cx:Possible, cx:Planned, cx:Conditional,
cx:Negated), a date when the sentence prints one, and a score (0-1). Against the claims already in
the graph, a suggestion corroborates one (same relation between the same actors) or contradicts one
(an opposite relation, or the same one negated).

A cue's relation must fit the pair by the vocabulary's rdfs:domain/rdfs:range (the pair turned round when
it fits that way), and a mutual (symmetric) relation is never suggested with an event or a place on one
side; a pair with an event and no fitting cue falls back to "participates in".

What limits it (see benchmarks/suggestions.py): only actors already known are found; a relation the
cue words do not name falls back to "has ties with"; pronouns and "the two sides" are not resolved.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from explorer.core.api import Knowledge
from explorer.core.model import Claim
from explorer.resources import resources_dir

CX = "https://w3id.org/caucasus-explorer/vocab#"
SKOS_HIDDEN = "http://www.w3.org/2004/02/skos/core#hiddenLabel"

#: Cue words (regular expressions on the folded text between and around two mentions) → relation.
#: The first that matches wins; order runs from the specific to the general.
CUES: tuple[tuple[str, str], ...] = (
    (r"foreign minister", "foreignMinisterOf"),
    (r"\bpresident\b|\bprime minister\b|\bleader of\b|\bsupreme leader\b", "headOfStateOf"),
    (r"ceasefire|truce|armistice", "brokeredCeasefire"),
    (r"mediat", "mediatesBetween"),
    (r"\bmilitary base|\bbases?\b", "hasMilitaryBaseIn"),
    (r"\barms\b|weapons", "sellsArmsTo"),
    # energy flows from one to the other: a verb of supply before the fuel, or the fuel followed by "to"
    # (not "oil and gas wealth", "energy projects")
    (r"\b(?:export|suppl|deliver|sell|sold|pump|ship)\w*\b[\w\s,'-]{0,30}\b(?:gas|oil|electricity|energy|lng)\b"
     r"|\b(?:gas|oil|electricity|lng)(?: and (?:gas|oil))?(?: (?:exports?|supplies|deliveries|shipments))? to\b",
     "exportsEnergyTo"),
    (r"\bvisit|\bwas in\b|\barrived in\b|\btrip to\b|\btravel", "visits"),
    (r"\bhost", "hosts"),
    (r"\bmet\b|\bmeet|\btalks\b|consultations|\breceived\b|\bsummit", "meetsWith"),
    (r"\bspoke\b|phone call|telephone", "spokeWith"),
    (r"negotiat", "negotiatesWith"),
    (r"\bsigned\b|\bagreement\b|\btreaty\b|\bdeal\b", "signedAgreementWith"),
    (r"\bmember|\bjoin", "memberOf"),
    (r"\bparticipat|\btook part\b|\binvolved in\b", "participatesIn"),
    (r"\bally\b|\ballies\b|\balliance\b|\ballied\b", "alliedWith"),
    (r"\baccus", "accuses"),
    (r"\bcriticis|\bcriticiz|\bcondemn", "criticises"),
    (r"\bthreat", "threatens"),
    (r"\bpressur", "pressures"),
    (r"\bblockad", "blockades"),
    (r"\bclash|\bfighting\b|\bfought\b", "clashedWith"),
    (r"\bwar\b|\bconflict\b|\bhostil", "inConflictWith"),
    (r"\bdefeat", "defeated"),
    (r"\bconquer|\bannex|\bseiz", "conquered"),
    (r"\boppos|\bagainst\b|\bresist|\bobject", "opposes"),
    (r"\bprotect|\bsecurity guarantee|\bguarantee", "protects"),
    (r"\brel(?:y|ies|ied) on\b|\bdepend", "dependsOn"),
    (r"\bsupport|\bback(?:s|ed|ing)?\b|\bwelcom|\bendors", "supports"),
    (r"\bcooperat|\bpartner", "cooperatesWith"),
    (r"\btrade\b|\btrading\b|\bexports?\b|\bimports?\b|\bexported\b|\bimported\b", "tradesWith"),
    (r"\baid\b|\bassistance\b", "providesAidTo"),
    (r"\binfluence|\bsphere\b|\bbackyard\b", "influences"),
    (r"\bleads?\b|\bled\b|\bheads?\b", "leads"),
    (r"\bties\b|\brelations\b|\brelationship", "hasTiesWith"),
)
FALLBACK = "hasTiesWith"
#: Relations whose subject is the person, when the sentence names the country first
#: ("Armenian Foreign Minister Ararat Mirzoyan").
ROLE_RELATIONS = {"foreignMinisterOf", "headOfStateOf", "leaderOf", "officialOf"}
#: Pairs of relations that contradict each other.
OPPOSITES = {("supports", "opposes"), ("alliedWith", "inConflictWith"), ("cooperatesWith", "opposes"),
             ("alliedWith", "opposes"), ("protects", "threatens"), ("cooperatesWith", "inConflictWith")}

FACTUALITY: tuple[tuple[str, str], ...] = (
    (r"\bnot\b|n't\b|\bnever\b|\bno longer\b|\bden(?:y|ied|ies)\b|\brefus|\bwithout\b", "Negated"),
    (r"\bif\b|\bunless\b|\bprovided that\b|\bon condition\b", "Conditional"),
    (r"\bmay\b|\bmight\b|\bcould\b|\bpossibl|\bperhaps\b", "Possible"),
    (r"\bexpected\b|\blikely\b|\bprobabl|\bwould\b|\bseems?\b|\bappears?\b", "Probable"),
    (r"\bwill\b|\bplans?\b|\bplanned\b|\bintends?\b|\bto hold\b|\bscheduled\b|\bnext (?:week|month|year)\b",
     "Planned"),
)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = "|".join(m.capitalize() for m in MONTHS)
DATE_PATTERNS = (
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTH}),? (\d{{4}})\b"), "dmy"),
    (re.compile(rf"\b({_MONTH}) (\d{{1,2}}),? (\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b({_MONTH}),? (\d{{4}})\b"), "my"),
    (re.compile(r"\b(?:in|since|of) ((?:19|20)\d{2})\b"), "y"),
)
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Col", "Prof", "U.S", "U.K", "Jr", "Sr", "No")


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form with the same length as ``text`` (one character per
    character, so offsets carry over)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(base[0].casefold()[0] if base else ch)
    return "".join(out).replace("’", "'")


@dataclass(frozen=True)
class Mention:
    actor: str
    start: int
    end: int


@dataclass(frozen=True)
class Suggestion:
    """A claim the text may state, for the analyst to accept or reject."""

    article: str
    subject: str
    predicate: str
    object: str
    start: int
    end: int
    quote: str
    factuality: str
    score: float
    date: str | None = None
    sentence: tuple[int, int] = (0, 0)
    corroborates: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    cue: str | None = None

    @property
    def key(self) -> str:
        """What a rejection remembers: the article, the actors and the relation."""
        return "\t".join((self.article, self.subject, self.predicate, self.object))

    def as_json(self, labels: Mapping[str, str] | None = None) -> dict[str, Any]:
        names: Mapping[str, str] = labels or {}

        def name(iri: str) -> str:
            return names.get(iri, iri)

        return {"subject": self.subject, "subject_label": name(self.subject), "predicate": self.predicate,
                "object": self.object, "object_label": name(self.object), "quote": self.quote,
                "start": self.start, "end": self.end, "factuality": CX + self.factuality, "date": self.date,
                "score": round(self.score, 3), "corroborates": list(self.corroborates),
                "contradicts": list(self.contradicts)}


@dataclass
class NameIndex:
    """Every name of every actor, folded, longest first, as one regular expression."""

    names: dict[str, str] = field(default_factory=dict)  # folded name → actor IRI
    pattern: re.Pattern[str] | None = None

    def add(self, name: str, actor: str) -> None:
        folded = fold(name.strip())
        folded = re.sub(r"^the ", "", folded)
        if len(folded) >= 2 and folded not in self.names:
            self.names[folded] = actor

    def compile(self) -> NameIndex:
        alternatives = sorted(self.names, key=len, reverse=True)
        body = "|".join(re.escape(n) for n in alternatives) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<![\w-])({body})(?:'s?)?(?![\w])")
        return self

    def mentions(self, folded: str, start: int, end: int) -> list[Mention]:
        assert self.pattern is not None
        out = []
        for m in self.pattern.finditer(folded, start, end):
            out.append(Mention(self.names[m.group(1)], m.start(1), m.end(1)))
        return out


@cache
def _bundled_hidden_labels() -> tuple[tuple[str, str], ...]:
    import rdflib

    path = resources_dir() / "actor-names.ttl"
    if not path.is_file():
        return ()
    graph = rdflib.Graph().parse(path, format="turtle")
    return tuple((str(s), str(o)) for s, o in graph.subject_objects(rdflib.URIRef(SKOS_HIDDEN)))


def name_index(kb: Knowledge) -> NameIndex:
    """The names of the actors of ``kb``: labels, aliases, and hidden labels (the bundled demonyms and
    capitals, and any the graph itself gives)."""
    index = NameIndex()
    for actor in kb.actors.values():
        index.add(actor.label, actor.iri)
        for alias in actor.aliases:
            index.add(alias, actor.iri)
    hidden = list(_bundled_hidden_labels())
    store = getattr(kb, "store", None)
    if store is not None:
        for row in store.select(f"SELECT ?s ?o WHERE {{ ?s <{SKOS_HIDDEN}> ?o }}"):
            hidden.append((str(row["s"]), str(row["o"])))
    for actor_iri, name in hidden:
        if actor_iri in kb.actors:
            index.add(name, actor_iri)
    return index.compile()


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end]: paragraphs are lines; a sentence ends at . ! or ? followed by
    a space and a capital or a quote (not after a title such as "Mr")."""
    spans = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        ls, le = start + line.start(), start + line.end()
        s = ls
        for m in re.finditer(r"[.!?][\"”’)]?(\s+)(?=[A-Z\"“‘(])", text[ls:le]):
            word = re.search(r"(\S+)$", text[s:ls + m.start()])
            if word and word.group(1).rstrip(".") in ABBREVIATIONS:
                continue
            spans.append((s, ls + m.start(1)))
            s = ls + m.end()
        spans.append((s, le))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _date(sentence: str) -> str | None:
    for pattern, kind in DATE_PATTERNS:
        m = pattern.search(sentence)
        if not m:
            continue
        if kind == "dmy":
            return f"{m.group(3)}-{MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}"
        if kind == "mdy":
            return f"{m.group(3)}-{MONTHS.index(m.group(1).lower()) + 1:02d}-{int(m.group(2)):02d}"
        if kind == "my":
            return f"{m.group(2)}-{MONTHS.index(m.group(1).lower()) + 1:02d}"
        return m.group(1)
    return None


def _factuality(folded_sentence: str) -> str:
    for pattern, value in FACTUALITY:
        if re.search(pattern, folded_sentence):
            return value
    return "Asserted"


@cache
def _typed_relations() -> dict[str, tuple[str | None, str | None]]:
    """Relation (local name) → the actor kinds its rdfs:domain and rdfs:range ask for (None: any actor),
    from the vocabulary: e.g. memberOf's object is an organisation, participatesIn's an event."""
    import rdflib

    from explorer.core.vocab import ACTOR_KINDS
    from explorer.resources import vocabulary_file

    graph = rdflib.Graph().parse(vocabulary_file(), format="turtle")
    out: dict[str, tuple[str | None, str | None]] = {}
    for prop, domain in graph.subject_objects(rdflib.RDFS.domain):
        name = str(prop)
        if not name.startswith(CX):
            continue
        ends = ACTOR_KINDS.get(str(domain)), ACTOR_KINDS.get(str(graph.value(prop, rdflib.RDFS.range)))
        if ends != (None, None):
            out[name[len(CX):]] = ends
    return out


def fits(relation: str, subject_kind: str | None, object_kind: str | None) -> bool:
    """Whether the vocabulary lets ``relation`` hold between actors of these kinds (in this direction)."""
    domain, range_ = _typed_relations().get(relation, (None, None))
    return (domain is None or domain == subject_kind) and (range_ is None or range_ == object_kind)


#: The relation a pair with an event on one side falls back to (the vocabulary's "takes part in").
EVENT_FALLBACK = "participatesIn"
#: Kinds of actor that are no party to a mutual (symmetric) relation: an event or a place is met, fought or
#: traded in, not with.
NOT_PARTIES = frozenset({"event", "place"})


def _cue(folded: str, start: int, end: int, relations: Iterable[str],
         allowed: Callable[[str], bool] | None = None) -> tuple[str, int, int] | None:
    """The first cue (in :data:`CUES` order) found in folded[start:end] whose relation is ``allowed``
    (the pair's kinds fit it one way or the other), as (relation, start, end)."""
    known = set(relations)
    for pattern, relation in CUES:
        if CX + relation not in known or (allowed is not None and not allowed(relation)):
            continue
        m = re.compile(pattern).search(folded, start, end)
        if m:
            return relation, m.start(), m.end()
    return None


def suggest_text(article: str, text: str, index: NameIndex, relations: Mapping[str, object], kinds: Mapping[str, str],
                 body: tuple[int, int] | None = None) -> list[Suggestion]:
    """The suggestions for one article's text, claims ignored (see :func:`suggest` for those)."""
    folded = fold(text)
    start, end = body or (0, len(text))
    out: dict[tuple[str, str, str], Suggestion] = {}
    for s_start, s_end in sentences(text, start, end):
        mentions = index.mentions(folded, s_start, s_end)
        distinct = [m for i, m in enumerate(mentions) if all(m.actor != n.actor for n in mentions[:i])]
        if len(distinct) < 2:
            continue
        sentence = folded[s_start:s_end]
        factuality = _factuality(sentence)
        date = _date(text[s_start:s_end])
        for i, first in enumerate(mentions):
            for second in mentions[i + 1:]:
                if second.actor == first.actor:
                    continue
                gap = second.start - first.end
                adjacent = all(not (first.end <= m.start < second.start) or m.actor in (first.actor, second.actor)
                               for m in mentions)
                a_kind, b_kind = kinds.get(first.actor), kinds.get(second.actor)

                def mutual(relation: str) -> bool:
                    return bool(getattr(relations.get(CX + relation), "symmetric", False))

                def allowed(relation: str, a: str | None = a_kind, b: str | None = b_kind) -> bool:
                    if mutual(relation) and not {a, b}.isdisjoint(NOT_PARTIES):
                        return False  # an event or a place does not meet, clash or trade with anyone
                    return fits(relation, a, b) or fits(relation, b, a)

                cue = _cue(folded, first.end, second.start, relations, allowed)
                if cue is None and not adjacent:
                    continue
                if cue is None:
                    wide = _cue(folded, max(s_start, first.start - 40), first.start, relations, allowed)
                    cue = wide
                events = "event" in (a_kind, b_kind) and a_kind != b_kind
                relation = cue[0] if cue else (EVENT_FALLBACK if events and CX + EVENT_FALLBACK in relations
                                               else FALLBACK)
                subject, obj = first.actor, second.actor
                if not fits(relation, a_kind, b_kind) and fits(relation, b_kind, a_kind):
                    subject, obj = obj, subject  # "the CSTO, of which Armenia is a member": Armenia memberOf CSTO
                elif relation in ROLE_RELATIONS:
                    if kinds.get(subject) != "person" and kinds.get(obj) == "person":
                        subject, obj = obj, subject
                    elif kinds.get(subject) != "person":
                        relation = FALLBACK
                elif re.search(r"\bby\s*$", folded[first.end:second.start]) or re.search(
                        r"\b(?:was|were|been|is|are) \w+ed by\b", folded[first.end:second.start]):
                    subject, obj = obj, subject
                q_start = min(first.start, cue[1] if cue else first.start)
                q_end = max(second.end, cue[2] if cue else second.end)
                score = 0.35 + (0.35 if cue and cue[0] != FALLBACK else 0.1) + (0.2 if adjacent else 0.0)
                score -= min(gap, 200) / 1000
                key = (subject, relation, obj)
                suggestion = Suggestion(article, subject, CX + relation, obj, q_start, q_end, text[q_start:q_end],
                                        factuality, round(max(0.05, min(score, 0.99)), 3), date,
                                        (s_start, s_end), cue=cue[0] if cue else None)
                if key not in out or out[key].score < suggestion.score or (
                        out[key].score == suggestion.score and len(out[key].quote) > len(suggestion.quote)):
                    out[key] = suggestion
    return sorted(out.values(), key=lambda s: (-s.score, s.start))


def suggest(kb: Knowledge, article: str, *, rejected: Iterable[str] = (),
            index: NameIndex | None = None) -> list[Suggestion]:
    """The suggestions for ``article`` of ``kb``: not already stated by the same passage, not rejected,
    each saying which existing claims it corroborates or contradicts."""
    from dataclasses import replace

    art = kb.articles[article]
    text = kb.article_text(article)
    body = (art.body_start or 0, art.body_end if art.body_end is not None else len(text))
    kinds = {iri: a.kind for iri, a in kb.actors.items()}
    found = suggest_text(article, text, index or name_index(kb), kb.relations, kinds, body)
    gone = set(rejected)
    symmetric = {iri for iri, r in kb.relations.items() if r.symmetric}
    by_pair: dict[frozenset[str], list[Claim]] = {}
    for claim in kb.claims.values():
        by_pair.setdefault(frozenset((claim.subject, claim.object)), []).append(claim)
    out = []
    for s in found:
        if s.key in gone:
            continue
        same: list[str] = []
        opposite: list[str] = []
        for claim in by_pair.get(frozenset((s.subject, s.object)), ()):
            forward = (claim.subject, claim.object) == (s.subject, s.object) or claim.predicate in symmetric
            p1, p2 = claim.predicate.rsplit("#", 1)[-1], s.predicate.rsplit("#", 1)[-1]
            if claim.predicate == s.predicate and forward:
                (opposite if s.factuality == "Negated" else same).append(claim.iri)
            elif (p1, p2) in OPPOSITES or (p2, p1) in OPPOSITES:
                opposite.append(claim.iri)
        already = any(ev.article == article and ev.start is not None and ev.start <= s.start
                      and s.end <= (ev.end or 0) for c in same for ev in kb.evidence_of(c))
        if already:
            continue
        out.append(replace(s, corroborates=tuple(same), contradicts=tuple(opposite)))
    return out


# ============================================================================ rejections in a workspace


def rejected_keys(folder: Path) -> set[str]:
    from explorer.core.workspace import REJECTED

    path = Path(folder) / REJECTED
    if not path.is_file():
        return set()
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def remember_rejections(folder: Path, suggestions: Sequence[Suggestion]) -> Path:
    """Add ``suggestions`` to the workspace's rejections (one line each: article, subject, predicate,
    object, tab-separated), written atomically."""
    from explorer.core.export import write_atomically
    from explorer.core.workspace import REJECTED

    path = Path(folder) / REJECTED
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(rejected_keys(folder) | {s.key for s in suggestions})
    header = "# Claim suggestions rejected: article, subject, predicate, object (tab-separated).\n"
    write_atomically(path, (header + "".join(k + "\n" for k in keys)).encode("utf-8"))
    return path
