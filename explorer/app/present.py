"""What the panels and the status bar say about a session: the evidence panel's header and claim groups,
the counts, where the graph came from. Plain data, worked out without Qt so that it is tested without a
display; the widgets only draw it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.app.session import Session

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.model import Actor, Claim, EvidenceContext
    from explorer.core.network import PathStep

BUNDLED = "bundled graph"
NOTHING = "Nothing selected"
HINT = "Click an actor or an edge to see its claims and their sources."

Group = tuple[str, Sequence["Claim"]]
#: How much of a paragraph is shown either side of a quote in the evidence panel.
EXCERPT_CHARS = 200


@dataclass(frozen=True)
class EvidenceView:
    """The evidence panel's content: a header (title, details, the actor kind's icon, links) and groups of
    claims, each shown with its passages."""

    title: str = NOTHING
    details: str = ""
    kind: str | None = None
    links: tuple[str, ...] = ()
    groups: tuple[Group, ...] = ()
    actor: str | None = None  # the actor the panel is about, when it is about one


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def evidence_view(session: Session) -> EvidenceView:
    """What the evidence panel shows for the session's selection."""
    kb, selection = session.kb, session.selection
    if kb is None or selection.empty:
        return EvidenceView(details=HINT if kb is not None else "")
    if selection.path is not None:
        path = session.path
        return path_view(kb, path) if path is not None else EvidenceView(details=HINT)
    if len(selection.actors) == 1:
        actor = kb.actors.get(selection.actors[0])
        if actor is None:
            return EvidenceView(details=HINT)
        return actor_view(kb, actor, session.visible_claims_of(actor.iri))
    if selection.actors:
        return among_view(kb, selection.actors, session.claims_among(selection.actors))
    claims = [kb.claims[c] for c in selection.claims if c in kb.claims]
    if selection.found is not None:
        return claims_view(kb, f"Passages saying “{selection.found}”", claims,
                           f"{plural(len(claims), 'claim')} with a passage that holds these words")
    return edge_view(kb, claims)


def actor_view(kb: Knowledge, actor: Actor, claims: Sequence[Claim]) -> EvidenceView:
    """Every claim involving ``actor`` (only those given: the visible ones), grouped by relation: the
    claims it makes first, then those about it, biggest groups first."""
    lines = [actor.kind + (f" · {actor.role}" if actor.role else "")]
    if actor.aliases:
        lines.append("also called: " + ", ".join(actor.aliases))
    if actor.description:
        lines.append(actor.description)
    degree = kb.degree(actor.iri)
    lines.append(f"{plural(len(claims), 'claim')} shown" + (f" of {degree}" if len(claims) != degree else ""))
    groups: dict[tuple[bool, str], list[Claim]] = defaultdict(list)
    # relation -> its group's list, for claims made by the actor and for claims about it: one
    # dictionary look-up a claim (thousands of them for a busy actor)
    made: dict[str, list[Claim]] = {}
    about: dict[str, list[Claim]] = {}
    iri = actor.iri
    for claim in claims:
        by_actor = claim.subject == iri
        lists = made if by_actor else about
        group = lists.get(claim.predicate)
        if group is None:
            relation = kb.relations[claim.predicate]
            if relation.symmetric or by_actor:
                group = groups[(False, f"{actor.label} {relation.label} …")]
            else:
                group = groups[(True, f"… {relation.label} {actor.label}")]
            lists[claim.predicate] = group
        group.append(claim)
    ordered = tuple(
        (title, group)
        for (_by_others, title), group in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1]))
    )
    links = tuple(u for u in actor.same_as if u.startswith("http"))
    return EvidenceView(actor.label, "\n".join(lines), actor.kind, links, ordered, actor=iri)


def _by_relation(kb: Knowledge, claims: Sequence[Claim]) -> tuple[Group, ...]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[kb.relations[claim.predicate].label].append(claim)
    return tuple(sorted(groups.items()))


def claims_view(kb: Knowledge, title: str, claims: Sequence[Claim], details: str = "") -> EvidenceView:
    """Any list of claims, grouped by relation."""
    return EvidenceView(title, details, None, (), _by_relation(kb, claims))


def edge_view(kb: Knowledge, claims: Sequence[Claim]) -> EvidenceView:
    """The claims of one edge: between two actors, in one category, or in several when the graph draws one
    edge per pair (then grouped by category, the categories in name order)."""
    if not claims:
        return EvidenceView(details=HINT)
    first = claims[0]
    title = f"{kb.label(first.subject)} – {kb.label(first.object)}"
    by_category: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_category[kb.category_of(claim).label].append(claim)
    if len(by_category) == 1:
        category = kb.category_of(first)
        return claims_view(kb, title, claims, f"{category.label} · {plural(len(claims), 'claim')}")
    groups = tuple((label, sorted(group, key=lambda c: kb.relations[c.predicate].label))
                   for label, group in sorted(by_category.items()))
    details = f"{plural(len(claims), 'claim')} in {len(groups)} categories: " + ", ".join(g for g, _ in groups)
    return EvidenceView(title, details, None, (), groups)


def among_view(kb: Knowledge, actors: Sequence[str], claims: Sequence[Claim]) -> EvidenceView:
    """Several selected actors: the claims among them."""
    names = [kb.label(a) for a in actors]
    title = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    details = (f"{plural(len(actors), 'actor')} selected · {plural(len(claims), 'claim')} among them shown"
               + ("" if claims else "\nNo claim shown links the selected actors."))
    return claims_view(kb, title, claims, details)


def path_view(kb: Knowledge, path: Sequence[PathStep]) -> EvidenceView:
    """A chain of actors, one group per step with the claims (and evidence) that make it."""
    names = [kb.label(path[0].source)] + [kb.label(s.target) for s in path] if path else []
    groups = tuple(
        (f"{i}. {kb.label(s.source)} – {kb.label(s.target)}", list(s.claims)) for i, s in enumerate(path, 1)
    )
    return EvidenceView(" → ".join(names), f"path of {plural(len(path), 'step')}", None, (), groups)


# ---------------------------------------------------------------- status bar and title


def source_name(sources: Sequence[Path], origin: str = "") -> str:
    """The graph's name for the title bar: its files (three at most), the endpoint, or the bundled graph."""
    if not sources:
        return origin or BUNDLED
    from explorer.resources import curated_files, vocabulary_file

    vocabulary, bundled = vocabulary_file().resolve(), [p.resolve() for p in curated_files()]
    data = [Path(p) for p in sources if Path(p).resolve() != vocabulary]
    if [p.resolve() for p in data[:len(bundled)]] == bundled and len(data) > len(bundled):
        return f"{BUNDLED} + " + source_name(data[len(bundled):])  # files added to the bundled graph
    names = [p.name for p in sources]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def counts_line(session: Session) -> str:
    kb = session.kb
    if kb is None:
        return "no graph loaded"
    line = (f"{len(session.visible.actors)} of {len(kb.actors)} actors · "
            f"{len(session.visible.claims)} of {len(kb.claims)} claims shown")
    if session.visible.out_of_time:
        line += f" · {session.visible.out_of_time} out of time"
    if session.unlinked:
        from explorer.app.hiding import unlinked_line

        line += " · " + unlinked_line(session.unlinked)
    if session.hidden:
        line += f" · {len(session.hidden)} hidden by you"
    selected = len(session.selection.actors)
    if selected > 1:
        line += f" · {selected} selected"
    return line


def source_line(session: Session) -> str:
    kb = session.kb
    if kb is None:
        return ""
    if session.origin:
        return f"  {session.origin} · double-click an actor to expand it"
    return (f"  source: {source_name(session.sources)} ({plural(len(kb.articles), 'article')}, "
            f"{plural(len(kb.evidence), 'passage')})")


def empty_canvas_line(session: Session) -> str:
    """What the canvas says when it has nothing to draw: why, and the way back."""
    kb = session.kb
    if kb is None or session.visible.actors:
        return ""
    if not kb.actors:
        return "This graph has no actors: open a file with claims (File › Open), or the bundled graph."
    return (f"The filters hide all {plural(len(kb.actors), 'actor')}: widen them in the Filters dock, "
            "or press Reset all filters there.")


def focus_line(session: Session) -> str:
    """The Focus box's label: around which actor the graph is narrowed."""
    kb, actor = session.kb, session.focus_actor
    return f"around: {kb.label(actor)}" if kb is not None and actor else "no actor selected"


# ---------------------------------------------------------------- passages


def excerpt(ctx: EvidenceContext, chars: int = EXCERPT_CHARS) -> tuple[str, int, int]:
    """The paragraph cut to about ``chars`` either side of the quote, at word breaks.

    Returns (text, quote start, quote end) within the text; cut ends are marked with '…'.
    """
    para, qs, qe = ctx.paragraph, ctx.quote_start, ctx.quote_end
    start = 0 if qs <= chars else para.rfind(" ", 0, qs - chars) + 1
    end = (
        len(para)
        if len(para) - qe <= chars
        else (para.find(" ", qe + chars) if para.find(" ", qe + chars) >= 0 else len(para))
    )
    head = "… " if start > 0 else ""
    tail = " …" if end < len(para) else ""
    text = head + para[start:end] + tail
    shift = len(head) - start
    return text, qs + shift, qe + shift


def citation(ctx: EvidenceContext) -> str:
    """'Title — Publisher, date, by Author', one line under a passage."""
    art = ctx.article
    if art is None:
        return ctx.evidence.article
    parts = [p for p in (art.publisher, art.date, f"by {art.author}" if art.author else None) if p]
    return f"{art.title} — {', '.join(parts)}" if parts else art.title


def attribution(ctx: EvidenceContext) -> str | None:
    if ctx.asserted_by is None:
        return None
    who = ctx.asserted_by.label + (f" ({ctx.asserted_by.role})" if ctx.asserted_by.role else "")
    return f"claim made by {who}"


def copied_passage(ctx: EvidenceContext, claim: str | None = None) -> tuple[str, str]:
    """A passage as a user copies it (Ctrl+C): the verbatim quote with its citation (author, title,
    publisher, date, URL) and who made the claim, as plain text and as HTML (escaped: nothing from the
    data is read as markup)."""
    from html import escape

    art = ctx.article
    quote = ctx.evidence.exact or ctx.paragraph[ctx.quote_start:ctx.quote_end]
    if art is not None:
        source = ", ".join(p for p in (art.author, f"“{art.title}”", art.publisher, art.date or "undated") if p)
        url = art.url or ""
    else:
        source, url = ctx.evidence.article, ""
    said = attribution(ctx)
    lines = [f"“{quote}”", f"— {source}" + (f". {url}" if url else "")]
    if claim:
        lines.append(f"(supports: {claim})")
    if said:
        lines.append(f"({said})")
    text = "\n".join(lines)
    cite = escape(source) + (f'. <a href="{escape(url, quote=True)}">{escape(url)}</a>' if url else "")
    html = (f"<blockquote>“{escape(quote)}”</blockquote><p>— {cite}</p>"
            + (f"<p>(supports: {escape(claim)})</p>" if claim else "")
            + (f"<p>({escape(said)})</p>" if said else ""))
    return text, html
