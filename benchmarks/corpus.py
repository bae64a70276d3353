"""A synthetic corpus in the project's vocabulary, deterministic by seed, for benchmarks at scale.

It writes one Turtle file (``corpus.ttl``) and the article texts it cites (``seeds/*.txt``) into a folder.
The data has the shape of ``resources/data/*.ttl``: for every claim the plain triple, an rdf:Statement
and an oa:Annotation whose target carries an oa:TextQuoteSelector (exact/prefix/suffix) and an
oa:TextPositionSelector (start/end); every quote is a passage of an article body, verbatim, at its
offsets (Unicode code points). Actors are typed with the cx: actor classes and labelled, articles carry
cx:seedFile, cx:bodyStart, cx:bodyEnd and dcterms:title/publisher/issued.

    python -m benchmarks.corpus --claims 100000 --out benchmarks/corpus/100k
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from explorer.core.evidence import selectors_for
from explorer.core.vocab import ACTOR_KINDS, CX, PREFIXES
from explorer.resources import vocabulary_file

#: Named sizes: claims in the corpus.
SIZES: dict[str, int] = {"tiny": 200, "1k": 1_000, "10k": 10_000, "100k": 100_000}
TURTLE_NAME = "corpus.ttl"
#: Bump when the generator's output changes, so that cached corpora are made again.
VERSION = 2  # 2: every passage says how surely it states its claim (cx:factuality)
SEEDS_NAME = "seeds"
#: Degree skew: an actor's chance to take part in a claim falls as 1 / rank**HUB_EXPONENT, so a few
#: countries and leaders are hubs (as in news) and most actors appear a handful of times.
HUB_EXPONENT = 0.6
CLAIMS_PER_ARTICLE = 20
KIND_SHARES: tuple[tuple[str, float], ...] = (
    ("country", 0.12), ("organisation", 0.14), ("person", 0.46), ("place", 0.12), ("event", 0.10),
    ("group", 0.06))
KIND_CLASS = {kind: iri for iri, kind in ACTOR_KINDS.items()}
ACTOR_NS = PREFIXES["actor"]

# ---------------------------------------------------------------- names

SYLLABLES = ("ka", "ro", "va", "len", "mir", "sa", "to", "ar", "ben", "dor", "el", "fa", "gar", "hun", "is",
             "jor", "kel", "lum", "nar", "os", "pra", "quin", "ras", "sul", "tem", "ur", "vel", "zan", "bə",
             "şa", "gül", "ör", "əl", "taş", "mi", "ne", "li", "do", "ri", "ta")
COUNTRY_ENDINGS = ("ia", "stan", "land", "ova", "eria", "ania", "istan", "or")
PLACE_ENDINGS = ("grad", "abad", "kend", "ville", "ashen", "pol", "shahr", "kale")
FIRST_NAMES = ("Armen", "Elnur", "Giorgi", "Nino", "Anar", "Lusine", "Tigran", "Leyla", "Davit", "Mariam",
               "Rashad", "Ani", "Sergei", "Olga", "Mehmet", "Ayşe", "Hassan", "Shirin", "John", "Claire",
               "Vahe", "Gunel", "Irakli", "Tamar", "Ilkin", "Narine", "Pavel", "Irina", "Emre", "Zeynep",
               "Reza", "Maryam", "Pierre", "Sophie", "Artur", "Səbinə", "Levan", "Eka", "Orxan", "Gohar")
SURNAME_ENDINGS = ("yan", "ov", "ova", "shvili", "li", "ev", "adze", "oğlu", "zade", "ian", "enko", "ski")
ORG_ADJECTIVES = ("Caspian", "Eurasian", "Black Sea", "Northern", "Transcaucasian", "Atlantic", "Central Asian",
                  "Southern", "Pontic", "Araxes", "Kura", "Anatolian", "Steppe", "Volga", "Silk Road")
ORG_NOUNS = ("Security", "Trade", "Energy", "Defence", "Transit", "Cooperation", "Customs", "Water",
             "Railway", "Grain", "Pipeline", "Border", "Development", "Monitoring")
ORG_KINDS = ("Council", "Union", "Organisation", "Partnership", "Forum", "Alliance", "Agency",
             "Commission", "Pact", "Bank")
EVENT_KINDS = ("summit", "talks", "ceasefire talks", "war", "conference", "pipeline project",
               "border conflict", "peace process", "election", "corridor project")
GROUP_KINDS = ("separatists", "opposition bloc", "volunteers", "diaspora", "militia", "protest movement")
JOB_TITLES = ("Foreign Minister of {c}", "President of {c}", "Prime Minister of {c}", "envoy of {c}",
              "Defence Minister of {c}", "adviser to the government of {c}", "ambassador of {c}")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TOPICS = ("border security", "energy transit", "the peace treaty", "trade routes", "prisoner exchanges",
          "water sharing", "the railway link", "gas prices", "regional stability", "visa rules",
          "the humanitarian corridor", "grain exports")

# ---------------------------------------------------------------- sentences
# Each template is the quoted passage of one claim; it names the subject {s} and the object {o}.

TEMPLATES: dict[str, tuple[str, ...]] = {
    "memberOf": ("{s} is a member of {o}", "{s} remains a full member of {o}"),
    "accedingTo": ("{s} is negotiating its accession to {o}", "{s} has applied to join {o}"),
    "partOf": ("{s} is part of {o}", "{s} is a province of {o}"),
    "formerlyPartOf": ("{s} was once part of {o}", "{s} belonged to {o} until the 1990s"),
    "headOfStateOf": ("{s}, the President of {o}, said talks would continue",
                      "President {s} of {o} opened the session"),
    "foreignMinisterOf": ("{s}, the Foreign Minister of {o}, arrived for talks", "{o}'s Foreign Minister {s}"),
    "leaderOf": ("{s}, who leads {o}, addressed the press", "{s} has led {o} since the last congress"),
    "officialOf": ("{s} is a senior official of {o}", "{s} serves as an envoy of {o}"),
    "leads": ("{s} leads {o}", "{s} has taken the lead in {o}"),
    "meetsWith": ("{s} met {o} for talks on {topic}", "{s} held consultations with {o} on {day}"),
    "spokeWith": ("{s} spoke by telephone with {o}", "{s} had a video call with {o} about {topic}"),
    "visits": ("{s} paid an official visit to {o}", "{s} arrived in {o} on {day}"),
    "hosts": ("{s} hosted {o} for two days of talks", "{s} received {o} on {day}"),
    "participatesIn": ("{s} took part in the {o}", "{s} sent a delegation to the {o}"),
    "negotiatesWith": ("{s} is negotiating with {o} over {topic}", "{s} resumed negotiations with {o}"),
    "mediatesIn": ("{s} offered to mediate in the {o}", "{s} is acting as a mediator in the {o}"),
    "mediatesBetween": ("{s} is mediating between {o} and its neighbours", "{s} carried proposals to {o}"),
    "brokeredCeasefire": ("{s} brokered a ceasefire for {o}", "{s} negotiated a truce with {o}"),
    "inConflictWith": ("{s} is locked in a dispute with {o}", "{s} remains in conflict with {o}"),
    "clashedWith": ("forces of {s} clashed with {o} near the border", "{s} and {o} exchanged fire"),
    "partyTo": ("{s} is a party to the {o}", "{s} was drawn into the {o}"),
    "accuses": ("{s} accused {o} of violating the agreement", "{s} blamed {o} for the attack"),
    "criticises": ("{s} sharply criticised {o}", "{s} condemned the policy of {o}"),
    "blockades": ("{s} has blockaded {o}", "{s} closed its borders to {o}"),
    "opposes": ("{s} is working against the interests of {o}", "{s} opposes {o} on {topic}"),
    "threatens": ("{s} threatened {o} with retaliation", "{s} poses a threat to {o}"),
    "defeated": ("{s} defeated {o} in the autumn offensive", "{s} inflicted a defeat on {o}"),
    "conquered": ("{s} took control of {o}", "{s} seized {o} after a short campaign"),
    "claimsTerritory": ("{s} claims {o} as its own", "{s} has never given up its claim to {o}"),
    "rivalOf": ("{s} is a rival of {o} in the region", "{s} competes with {o} for influence"),
    "alliedWith": ("{s} is a close ally of {o}", "{s} and {o} are formal allies"),
    "supports": ("{s} supports {o}", "{s} pledged its support for {o}"),
    "protects": ("{s} acts as the protector of {o}", "{s} guarantees the security of {o}"),
    "cooperatesWith": ("{s} cooperates closely with {o} on {topic}", "{s} agreed to work with {o}"),
    "hasTiesWith": ("{s} has strong ties with {o}", "{s} maintains friendly relations with {o}"),
    "signedAgreementWith": ("{s} signed an agreement with {o} on {topic}", "{s} and {o} signed a memorandum"),
    "militaryExercisesWith": ("{s} held joint military drills with {o}", "{s} and {o} staged joint exercises"),
    "hasMilitaryBaseIn": ("{s} keeps a military base in {o}", "{s} has troops stationed in {o}"),
    "providesAidTo": ("{s} sent humanitarian aid to {o}", "{s} provides material aid to {o}"),
    "influences": ("{s} counts {o} among its sphere of influence", "{s} holds sway over {o}"),
    "dependsOn": ("{s} depends on {o} for its security", "{s} relies heavily on {o}"),
    "pressures": ("{s} put pressure on {o}", "{s} warned {o} over {topic}"),
    "tradesWith": ("{s} trades extensively with {o}", "{s} and {o} expanded trade links"),
    "exportsEnergyTo": ("{s} exports gas to {o}", "{s} supplies electricity to {o}"),
    "sellsArmsTo": ("{s} sells weapons to {o}", "{s} delivered military equipment to {o}"),
    "transitFor": ("{s} serves as a transit route for {o}", "goods from {o} cross {s}"),
}
#: Likelier actor kinds (subject, object) for relations whose vocabulary domain or range is any actor.
PREFERRED_KINDS: dict[str, tuple[str, str]] = {
    "partOf": ("place", "country"), "formerlyPartOf": ("place", "country"), "visits": ("person", "country"),
    "hasMilitaryBaseIn": ("country", "place"), "claimsTerritory": ("country", "place"),
    "conquered": ("country", "place"), "exportsEnergyTo": ("country", "country"),
    "sellsArmsTo": ("country", "country"), "tradesWith": ("country", "country"),
    "transitFor": ("country", "country"), "blockades": ("country", "country"), "mediatesIn": ("", "event"),
    "brokeredCeasefire": ("country", ""), "meetsWith": ("person", "person"), "spokeWith": ("person", "person"),
    "hosts": ("country", "person"), "leads": ("country", "organisation"), "leaderOf": ("", "group"),
    "officialOf": ("", "organisation"), "influences": ("country", ""), "mediatesBetween": ("country", "country"),
}
LEADS = ("", "", "On {day}, ", "According to officials, ", "Earlier this month, ", "Last week, ",
         "In {year}, ", "Diplomats say ")
TAILS = ("", "", ", officials said", ", according to a statement", " on {day}", ", the ministry said")
FILLERS = ("Analysts in {place} say the situation remains fragile.",
           "The talks are expected to continue next month.",
           "No date has been set for the next round.",
           "Observers described the mood as cautious but constructive.",
           "The statement gave no further details.",
           "Markets in {place} reacted calmly to the news.",
           "Journalists were not allowed to attend the closing session.",
           "Officials declined to comment on the reports from {place}.")
HEADLINES = ("{a} and {b}: what comes next", "{a} turns to {b} as tensions rise",
             "Talks between {a} and {b} resume", "{a} weighs its options after meeting {b}",
             "Inside the new relationship between {a} and {b}")


@dataclass(frozen=True)
class RelationSpec:
    iri: str
    name: str
    domain: str  # actor kind or "" for any actor
    range: str


@dataclass
class GeneratedActor:
    iri: str
    local: str
    label: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    job: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Corpus:
    """What was written, and the counts a loader must find."""

    folder: Path
    turtle: Path
    seeds: Path
    claims: int
    actors: int
    articles: int
    agents: int
    seed: int

    @property
    def turtle_bytes(self) -> int:
        return self.turtle.stat().st_size


def relations_of_vocabulary(vocab: Path | None = None) -> list[RelationSpec]:
    """The relation predicates of resources/vocab.ttl with the actor kinds of their domain and range."""
    store = ox.Store()
    store.load(path=str(vocab or vocabulary_file()), format=ox.RdfFormat.TURTLE)
    kind_of = dict(ACTOR_KINDS)
    query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?p ?d ?r WHERE {{ ?p <{CX}category> ?c ; rdfs:domain ?d ; rdfs:range ?r }} ORDER BY ?p"""
    found = []
    for row in store.query(query):
        iri = row["p"].value
        name = iri[len(str(CX)):]
        domain, range_ = kind_of.get(row["d"].value, ""), kind_of.get(row["r"].value, "")
        preferred = PREFERRED_KINDS.get(name, ("", ""))
        found.append(RelationSpec(iri, name, domain or preferred[0], range_ or preferred[1]))
    return found


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ə", "e").replace("ı", "i"))
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


class _Names:
    """Unique, pronounceable names for actors, built from syllables and word lists."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.labels: set[str] = set()
        self.locals: set[str] = set()

    def word(self, parts: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(parts))

    def unique(self, make) -> str:  # type: ignore[no-untyped-def]
        for _ in range(50):
            label = make()
            if label not in self.labels:
                self.labels.add(label)
                return label
        n = 2
        while f"{label} {n}" in self.labels:
            n += 1
        self.labels.add(f"{label} {n}")
        return f"{label} {n}"

    def local(self, label: str) -> str:
        base = "".join(_cap(w) for w in _ascii_words(label)) or "Actor"
        name, n = base, 2
        while name in self.locals:
            name, n = f"{base}{n}", n + 1
        self.locals.add(name)
        return name


def _ascii_words(label: str) -> list[str]:
    return [_ascii(w) for w in label.replace("-", " ").split() if _ascii(w)]


def _make_actors(rng: random.Random, count: int) -> list[GeneratedActor]:
    names = _Names(rng)
    kinds: list[str] = []
    for kind, share in KIND_SHARES:
        kinds += [kind] * max(2, round(count * share))
    kinds = kinds[:count] if len(kinds) >= count else kinds + ["person"] * (count - len(kinds))
    actors: list[GeneratedActor] = []
    countries: list[str] = []
    places: list[str] = []
    for kind in sorted(kinds, key=lambda k: [k2 for k2, _ in KIND_SHARES].index(k)):
        aliases: list[str] = []
        job = comment = None
        if kind == "country":
            label = names.unique(lambda: _cap(names.word(rng.randint(1, 2)) + rng.choice(COUNTRY_ENDINGS)))
            aliases = [f"Republic of {label}"]
            countries.append(label)
        elif kind == "place":
            label = names.unique(lambda: _cap(names.word(rng.randint(1, 2)) + rng.choice(PLACE_ENDINGS)))
            places.append(label)
            if countries and rng.random() < 0.5:
                comment = f"A region of {rng.choice(countries)}."
        elif kind == "organisation":
            def org() -> str:
                base = f"{rng.choice(ORG_ADJECTIVES)} {rng.choice(ORG_NOUNS)} {rng.choice(ORG_KINDS)}"
                return base if rng.random() < 0.6 or not countries else f"{base} of {rng.choice(countries)}"
            label = names.unique(org)
            acronym = "".join(w[0] for w in label.split() if w[0].isupper())
            if len(acronym) >= 3:
                aliases = [acronym]
        elif kind == "person":
            surnames: list[str] = []

            def person(box: list[str] = surnames) -> str:
                surname = _cap(names.word(rng.randint(1, 2)) + rng.choice(SURNAME_ENDINGS))
                box[:] = [surname]
                return f"{rng.choice(FIRST_NAMES)} {surname}"
            label = names.unique(person)
            aliases = [surnames[0]] if surnames and rng.random() < 0.5 else []
            if countries:
                job = rng.choice(JOB_TITLES).format(c=rng.choice(countries))
        elif kind == "event":
            where = rng.choice(places) if places else _cap(names.word(2))
            label = names.unique(lambda w=where: f"{w} {rng.choice(EVENT_KINDS)} {rng.randint(1991, 2024)}")
        else:
            owner = rng.choice(countries) if countries else _cap(names.word(2))
            label = names.unique(lambda o=owner: f"{o} {rng.choice(GROUP_KINDS)}")
        local = names.local(label)
        actors.append(GeneratedActor(ACTOR_NS + local, local, label, kind, aliases, job, comment))
    return actors


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def _lit(text: str, lang: str | None = None) -> str:
    return f'"{_escape(text)}"' + (f"@{lang}" if lang else "")


class _Picker:
    """Draws actors of a kind with the hub-skewed weights."""

    def __init__(self, rng: random.Random, actors: Sequence[GeneratedActor]) -> None:
        self.rng = rng
        order = list(range(len(actors)))
        rng.shuffle(order)
        weight = [0.0] * len(actors)
        for rank, i in enumerate(order):
            weight[i] = 1.0 / (rank + 1) ** HUB_EXPONENT
        self.pools: dict[str, tuple[list[GeneratedActor], list[float]]] = {}
        for kind in ["", *KIND_CLASS]:
            members = [i for i, a in enumerate(actors) if not kind or a.kind == kind]
            if members:
                self.pools[kind] = ([actors[i] for i in members],
                                    list(itertools.accumulate(weight[i] for i in members)))

    def pick(self, kind: str, avoid: GeneratedActor | None = None) -> GeneratedActor:
        members, cum = self.pools.get(kind) or self.pools[""]
        for _ in range(20):
            actor = self.rng.choices(members, cum_weights=cum)[0]
            if actor is not avoid:
                return actor
        return next(a for a in self.pools[""][0] if a is not avoid)


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)


def generate(out: Path, claims: int, *, actors: int | None = None, articles: int | None = None,
             seed: int = 1) -> Corpus:
    """Write the corpus into ``out`` (created if needed) and return what it holds."""
    if claims < 1:
        raise ValueError("a corpus needs at least one claim")
    rng = random.Random(seed)
    n_actors = max(40, actors if actors is not None else claims // 10)
    n_articles = max(1, articles if articles is not None else math.ceil(claims / CLAIMS_PER_ARTICLE))
    relations = relations_of_vocabulary()
    cast = _make_actors(rng, n_actors)
    picker = _Picker(rng, cast)
    places = [a.label for a in cast if a.kind == "place"] or ["the capital"]
    countries = [a.label for a in cast if a.kind == "country"]
    n_publishers = max(3, n_articles // 200)
    n_analysts = max(5, n_articles // 50)
    publishers = [f"{rng.choice(countries)} {rng.choice(('Herald', 'Times', 'Observer', 'Daily', 'Review'))}"
                  for _ in range(n_publishers)]
    analysts = [f"{rng.choice(FIRST_NAMES)} {_cap(rng.choice(SYLLABLES) + rng.choice(SYLLABLES))}"
                f"{rng.choice(SURNAME_ENDINGS)}" for _ in range(n_analysts)]

    out = Path(out)
    seeds = out / SEEDS_NAME
    seeds.mkdir(parents=True, exist_ok=True)
    for old in seeds.glob("*.txt"):
        old.unlink()
    lines: list[str] = [f"# Synthetic corpus: {claims} claims, {n_actors} actors, {n_articles} articles, "
                        f"seed {seed} (benchmarks/corpus.py).\n"]
    lines += [f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()]
    lines.append("\n")
    for actor in cast:
        parts = [f"actor:{actor.local} a cx:{_cap(actor.kind)} ; rdfs:label {_lit(actor.label, 'en')}"]
        if actor.aliases:
            parts.append("skos:altLabel " + ", ".join(_lit(a, "en") for a in actor.aliases))
        if actor.job:
            parts.append(f"schema:jobTitle {_lit(actor.job, 'en')}")
        if actor.comment:
            parts.append(f"rdfs:comment {_lit(actor.comment, 'en')}")
        lines.append(" ;\n    ".join(parts) + " .\n")
    lines.append("\n")
    for i, name in enumerate(publishers):
        lines.append(f"agent:Publisher{i} a schema:Organization, prov:Organization ; rdfs:label {_lit(name)} .\n")
    for i, name in enumerate(analysts):
        lines.append(f"agent:Analyst{i} a schema:Person, prov:Person ; rdfs:label {_lit(name)} ;\n"
                     f"    schema:jobTitle {_lit('analyst at ' + rng.choice(publishers))} .\n")
    lines.append("\n")

    width = max(6, len(str(claims)))
    claim_no = 0
    per_article = [claims // n_articles + (1 if k < claims % n_articles else 0) for k in range(n_articles)]
    for k, count in enumerate(per_article):
        year, month, day = _date(rng)
        issued = f"{year:04d}-{month:02d}-{day:02d}"
        # Draw the article's claims first: its headline names the first claim's actors.
        drawn = []
        for _ in range(count):
            rel = rng.choice(relations)
            s = picker.pick(rel.domain)
            o = picker.pick(rel.range, avoid=s)
            drawn.append((rel, s, o))
        header = f"{publishers[k % n_publishers]} | News | Politics\n\n"
        first_s, first_o = (drawn[0][1].label, drawn[0][2].label) if drawn else (places[0], places[-1])
        title = rng.choice(HEADLINES).format(a=first_s, b=first_o)
        text_parts = [header, title, "\n\n"]
        pos = len(header) + len(title) + 2
        spans: list[tuple[int, int]] = []
        i = 0
        while i < count:
            paragraph: list[str] = []
            ppos = pos
            if rng.random() < 0.3:
                filler = rng.choice(FILLERS).format(place=rng.choice(places))
                paragraph.append(filler)
                ppos += len(filler) + 1
            for rel, s, o in drawn[i:i + rng.randint(1, 3)]:
                def name(a: GeneratedActor) -> str:
                    return rng.choice(a.aliases) if a.aliases and rng.random() < 0.25 else a.label
                core = rng.choice(TEMPLATES.get(rel.name, ("{s} " + rel.name + " {o}",))).format(
                    s=name(s), o=name(o), topic=rng.choice(TOPICS), day=rng.choice(WEEKDAYS))
                lead = rng.choice(LEADS).format(day=rng.choice(WEEKDAYS), year=year)
                core = _cap(core) if not lead else core
                tail = rng.choice(TAILS).format(day=rng.choice(WEEKDAYS))
                sentence = f"{lead}{core.rstrip(',')}{tail}."
                start = ppos + len(lead)
                spans.append((start, start + len(core.rstrip(","))))
                paragraph.append(sentence)
                ppos += len(sentence) + 1
                i += 1
            if rng.random() < 0.3:
                paragraph.append(rng.choice(FILLERS).format(place=rng.choice(places)))
            para_text = " ".join(paragraph)
            text_parts += [para_text, "\n\n"]
            pos += len(para_text) + 2
        body_end = pos - 2
        footer = "Popular\n\n" + "\n".join(rng.choice(HEADLINES).format(a=rng.choice(places), b=rng.choice(places))
                                            for _ in range(3)) + "\n\nSupport independent journalism: donate\n"
        text_parts.append(footer)
        text = "".join(text_parts)
        seed_file = f"{k:06d}_{rng.getrandbits(64):016x}.txt"
        (seeds / seed_file).write_bytes(text.encode("utf-8"))
        art = f"n{k:0{width}d}"
        opinion = rng.random() < 0.1
        art_lines = [f"article:{art} a schema:{'OpinionNewsArticle' if opinion else 'NewsArticle'}",
                     f"dcterms:title {_lit(title)}", f"dcterms:publisher agent:Publisher{k % n_publishers}",
                     f'dcterms:issued "{issued}"^^xsd:date']
        if opinion:
            art_lines.append(f"dcterms:creator agent:Analyst{rng.randrange(n_analysts)}")
        art_lines += [f"cx:seedFile {_lit(seed_file)}", f"cx:bodyStart {len(header)}", f"cx:bodyEnd {body_end}"]
        lines.append(" ;\n    ".join(art_lines) + " .\n\n")
        for (rel, s, o), (start, end) in zip(drawn, spans, strict=True):
            claim_no += 1
            sel = selectors_for(text, start, end)
            cid = f"c{claim_no:0{width}d}"
            statement = (f"actor:{s.local} cx:{rel.name} actor:{o.local} .\n"
                         f"claim:{cid} a rdf:Statement ;\n"
                         f"    rdf:subject actor:{s.local} ; rdf:predicate cx:{rel.name} ; rdf:object actor:{o.local}")
            roll = rng.random()
            if roll < 0.2:
                statement += f' ;\n    cx:eventDate "{issued}"^^xsd:date'
            elif roll < 0.3:
                statement += f' ;\n    cx:eventDate "{issued[:7]}"^^xsd:gYearMonth'
            elif roll < 0.4:
                statement += f' ;\n    cx:eventDate "{issued[:4]}"^^xsd:gYear'
            by = (f"    cx:assertedBy agent:Analyst{rng.randrange(n_analysts)} ;\n"
                  if rng.random() < 0.3 else "")
            lines.append(
                f"{statement} .\n"
                f"evidence:e{claim_no:0{width}d} a oa:Annotation ;\n"
                f"    oa:motivatedBy oa:describing ;\n"
                f"    oa:hasBody claim:{cid} ;\n{by}"
                f"    cx:factuality cx:Asserted ;\n"
                f"    oa:hasTarget [ a oa:SpecificResource ;\n"
                f"        oa:hasSource article:{art} ;\n"
                f"        oa:hasSelector [ a oa:TextQuoteSelector ;\n"
                f"            oa:exact {_lit(str(sel['exact']))} ;\n"
                f"            oa:prefix {_lit(str(sel['prefix']))} ;\n"
                f"            oa:suffix {_lit(str(sel['suffix']))} ] ,\n"
                f"          [ a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} ] ] .\n\n")
    turtle = out / TURTLE_NAME
    turtle.write_bytes("".join(lines).encode("utf-8"))
    return Corpus(out, turtle, seeds, claims, n_actors, n_articles, n_publishers + n_analysts, seed)


def ensure(out: Path, claims: int, *, actors: int | None = None, seed: int = 1) -> Corpus:
    """The corpus in ``out``, generated only when missing or made with other parameters."""
    out = Path(out)
    stamp = out / "corpus.stamp"
    n_actors = max(40, actors if actors is not None else claims // 10)
    n_articles = math.ceil(claims / CLAIMS_PER_ARTICLE)
    wanted = f"claims={claims} actors={n_actors} seed={seed} version={VERSION}"
    turtle = out / TURTLE_NAME
    if stamp.is_file() and stamp.read_text() == wanted and turtle.is_file():
        return Corpus(out, turtle, out / SEEDS_NAME, claims, n_actors, n_articles,
                      max(3, n_articles // 200) + max(5, n_articles // 50), seed)
    stamp.unlink(missing_ok=True)
    corpus = generate(out, claims, actors=n_actors, seed=seed)
    stamp.write_text(wanted)
    return corpus


def actor_network(nodes: int, edges: int, seed: int = 1) -> tuple[list[str], list[tuple[str, str]]]:
    """A hub-skewed actor network (no self loops, no repeated pairs) for the layout and drawing benchmarks."""
    if edges > nodes * (nodes - 1) // 2:
        raise ValueError("too many edges for a simple graph")
    rng = random.Random(seed)
    names = [f"{ACTOR_NS}n{i:06d}" for i in range(nodes)]
    order = list(range(nodes))
    rng.shuffle(order)
    cum = list(itertools.accumulate(1.0 / (rank + 1) ** HUB_EXPONENT for rank in range(nodes)))
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[str, str]] = []
    while len(pairs) < edges:
        a, b = (order[r] for r in rng.choices(range(nodes), cum_weights=cum, k=2))
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        pairs.append((names[a], names[b]))
    return names, pairs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1000, help="number of claims (default 1000)")
    parser.add_argument("--actors", type=int, help="number of actors (default claims / 10, at least 40)")
    parser.add_argument("--articles", type=int, help=f"number of articles (default claims / {CLAIMS_PER_ARTICLE})")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    corpus = generate(args.out, args.claims, actors=args.actors, articles=args.articles, seed=args.seed)
    print(f"wrote {corpus.turtle} ({corpus.turtle_bytes:,} bytes): {corpus.claims} claims, {corpus.actors} actors, "
          f"{corpus.articles} articles in {corpus.seeds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
