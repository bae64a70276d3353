"""Lenses: how the graph is drawn to show an analysis, and the metrics table, from the session.

The lens (what sizes nodes, what colours them and their edges) is part of what the user looks at, so the
session holds it (:attr:`Session.lens`, :meth:`Session.set_lens`); this module works out what a lens
means for the visible claims: a size and a colour group per actor, a colour key per claim, and a legend
that says what the colours and sizes stand for. The analysis of the visible claims is computed once per
visible set and kept (:func:`analysis_of`). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from explorer.app.lens import COLUMNS as COLUMNS
from explorer.app.lens import EDGE_COLOURS, NODE_COLOURS, NODE_SIZES
from explorer.app.lens import Lens as Lens

if TYPE_CHECKING:  # the analysis modules are imported with a graph, not for the window's first frame
    from collections.abc import Callable, Iterator

    from explorer.app.session import Session
    from explorer.core.analysis import Analysis
    from explorer.core.analysis.signed import DyadPeriod
    from explorer.core.jobs import Progress, ShouldCancel

@dataclass(frozen=True)
class LensValues:
    """What a lens gives the visible graph."""

    size: dict[str, float]  # actor -> 0..1 (share of the largest value)
    group: dict[str, int | None]  # actor -> community or bloc (absent under the "type" lens)
    edge_key: dict[str, str]  # claim -> what colours it ("4 material conflict", "-10", "ASSAULT")
    legend: list[str]  # lines that explain the lens


#: From this many visible claims the window analyses in the background (betweenness of 10k actors takes seconds).
BACKGROUND_CLAIMS = 3000


def _analysis_key(session: Session) -> tuple[object, ...]:
    return (id(session.kb), session.visible.claim_set, session.lens.method)


def kept_analysis(session: Session) -> Analysis | None:
    """The analysis of what the session shows if it is already computed, else None (computes nothing)."""
    cache = session.__dict__.get("_lens_analysis")
    if session.kb is not None and cache is not None and cache[0] == _analysis_key(session):
        return cache[1]  # type: ignore[no-any-return]
    return None


def analysis_work(session: Session) -> Callable[[Progress, ShouldCancel], tuple[tuple[object, ...], Analysis]]:
    """A work function (for the job runner) analysing what the session shows now; its result goes to
    :func:`keep_analysis`. What it reads is gathered here, on the caller's thread."""
    kb = session.kb
    assert kb is not None
    key = _analysis_key(session)
    shown = session.visible.claim_set
    claims = [c for iri, c in kb.claims.items() if iri in shown]
    method = session.lens.method

    def work(progress: Progress, _should_cancel: ShouldCancel) -> tuple[tuple[object, ...], Analysis]:
        from explorer.core.analysis import analyze

        progress(0.0, "analysing the graph (metrics, communities, blocs)")
        return key, analyze(kb, claims, method=method)

    return work


def keep_analysis(session: Session, found: tuple[tuple[object, ...], Analysis]) -> bool:
    """Keep a background analysis if the session still shows what it analysed (True), else drop it."""
    key, analysis = found
    if key != _analysis_key(session):
        return False
    session.__dict__["_lens_analysis"] = (key, analysis)
    return True


def analysis_of(session: Session) -> Analysis | None:
    """The analysis of the visible claims with the lens's community method, kept until they change."""
    if session.kb is None:
        return None
    kept = kept_analysis(session)
    if kept is not None:
        return kept
    found = analysis_work(session)(lambda _f, _w: None, lambda: False)
    keep_analysis(session, found)
    return found[1]


def lens_values(session: Session, lens: Lens | None = None) -> LensValues:
    """Sizes, groups, edge keys and legend of ``lens`` (the session's by default) on the visible claims, kept per
    lens until the visible claims change (a switch back to a lens seen or prepared before computes nothing)."""
    kb = session.kb
    lens = session.lens if lens is None else lens
    if kb is None:
        return LensValues({}, {}, {}, [])
    analysis = analysis_of(session)
    assert analysis is not None
    key = (_analysis_key(session), lens)
    cache = session.__dict__.setdefault("_lens_values", {})
    found = cache.get(key)
    if found is None:
        if len(cache) >= 64 or any(k[0] != key[0] for k in cache):
            cache.clear()  # other visible claims: the kept values are stale
        # lenses with the same node size (or colour) share its dict: cheap to keep, and the actors' radii
        # (colours) kept for it by the window stay valid
        size = next((v.size for k, v in cache.items() if k[1].node_size == lens.node_size), None)
        group = next((v.group for k, v in cache.items() if k[1].node_colour == lens.node_colour), None)
        found = cache[key] = _lens_values(session, analysis, lens, size, group)
    return found  # type: ignore[no-any-return]


def _groups(analysis: Analysis, node_colour: str) -> dict[str, int | None]:
    """Each actor's community or bloc (empty under the "type" colour)."""
    rows = analysis.metrics
    if node_colour == "community":
        return {a: r.community for a, r in rows.items()}
    if node_colour == "bloc":
        return {a: r.bloc for a, r in rows.items()}
    return {}


def candidate_lenses(lens: Lens) -> list[Lens]:
    """The lenses a user may pick next from ``lens`` (prepared ahead of the switch): every node size with every
    node colour under its edge colour, and every edge colour under its node lens."""
    found = [lens]
    for size in NODE_SIZES:
        for colour in NODE_COLOURS:
            found.append(replace(lens, node_size=size, node_colour=colour))
    found.extend(replace(lens, edge_colour=mode) for mode in EDGE_COLOURS)
    return list(dict.fromkeys(found))


def _lens_values(session: Session, analysis: Analysis, lens: Lens, size: dict[str, float] | None = None,
                 group: dict[str, int | None] | None = None) -> LensValues:
    """``lens``'s values (``size``, ``group``: those of another lens with the same node size or colour)."""
    rows = analysis.metrics
    if size is None:
        values = {a: float(getattr(r, lens.node_size)) for a, r in rows.items()}
        top = max(values.values(), default=0.0) or 1.0
        size = {a: v / top for a, v in values.items()}
    legend = [f"node size: {lens.node_size}" + ("" if lens.node_size != "betweenness" else
                                                 " (share of shortest paths through the actor)")]
    if group is None:
        group = _groups(analysis, lens.node_colour)
    if lens.node_colour == "community":
        legend.append(f"node colour: community ({lens.method}, {len(set(group.values()) - {None})} found)")
    elif lens.node_colour == "bloc":
        legend.append(f"node colour: bloc ({analysis.blocs.frustrated} frustrated ties, "
                      f"{'exact' if analysis.blocs.exact else 'heuristic'}); grey: no signed tie")
    else:
        legend.append("node colour: actor type")
    edge_key = edge_keys(session)[lens.edge_colour]
    legend.append({"category": "edge colour: relation category",
                   "quad": "edge colour: quad class (PLOVER); grey: structural",
                   "intensity": "edge colour: intensity, red -10, gold 0, green +10 (an edge: the mean of its "
                                "claims); grey: structural",
                   "event": "edge colour: PLOVER event category; grey: structural"}[lens.edge_colour])
    return LensValues(size, group, edge_key, legend)


def _edge_keys_key(session: Session) -> tuple[object, ...]:
    assert session.kb is not None
    return (id(session.kb), session.visible.claim_set)


def kept_edge_keys(session: Session) -> dict[str, dict[str, str]] | None:
    """The edge keys of what the session shows if already computed (or prepared), else None."""
    cache = session.__dict__.get("_lens_edge_keys")
    if session.kb is not None and cache is not None and cache[0] == _edge_keys_key(session):
        return cache[1]  # type: ignore[no-any-return]
    return None


def edge_keys(session: Session) -> dict[str, dict[str, str]]:
    """What colours each visible claim's edge under every edge lens (mode -> claim -> key), in one pass over the
    claims, kept until the visible claims change (a switch at 50k claims would otherwise code every claim
    again)."""
    kept = kept_edge_keys(session)
    if kept is not None:
        return kept
    for _step in edge_keys_steps(session, chunk=1 << 62):
        pass
    found = kept_edge_keys(session)
    assert found is not None
    return found


def edge_keys_steps(session: Session, chunk: int = 4000) -> Iterator[None]:
    """Compute the edge keys of what the session shows ``chunk`` claims a step (a yield between steps, for the
    event loop's idle turns); kept at the end only if the session still shows the same claims."""
    kb = session.kb
    if kb is None or kept_edge_keys(session) is not None:
        return
    from explorer.core.analysis.coding import QUAD_LABELS, coding_of

    key = _edge_keys_key(session)
    coding = coding_of(kb)
    modes: dict[str, dict[str, str]] = {mode: {} for mode in EDGE_COLOURS}
    category, quad, intensity, event = (modes[m] for m in ("category", "quad", "intensity", "event"))
    quad_names = {q: f"{q} {label}" for q, label in QUAD_LABELS.items()}
    claims = kb.claims
    shown = list(session.visible.claim_set)
    for start in range(0, len(shown), chunk):
        if start:
            yield
            if session.kb is not kb or _edge_keys_key(session) != key:
                return  # stale: the session shows other claims now
        for iri in shown[start:start + chunk]:
            claim = claims.get(iri)
            if claim is None:
                category[iri] = quad[iri] = intensity[iri] = event[iri] = ""
                continue
            category[iri] = kb.category_of(claim).label
            code = coding.code(claim)
            if code is None:
                quad[iri] = intensity[iri] = event[iri] = "structural"
                continue
            quad[iri] = quad_names[code.category.quad]
            intensity[iri] = f"{code.category.intensity:+g}"
            event[iri] = code.category.name
    session.__dict__["_lens_edge_keys"] = (key, modes)


def metrics_rows(session: Session) -> list[dict[str, object]]:
    """The metrics table of the visible claims, one dict per actor (keys of :data:`COLUMNS`, and ``actor``)."""
    analysis = analysis_of(session)
    if analysis is None or session.kb is None:
        return []
    kb = session.kb
    return [{"actor": r.actor, "label": kb.label(r.actor), "claims": r.claims, "degree": r.degree,
             "betweenness": r.betweenness, "pagerank": r.pagerank, "eigenvector": r.eigenvector, "core": r.core,
             "community": r.community, "bloc": r.bloc, "local_balance": r.local_balance}
            for r in sorted(analysis.metrics.values(), key=lambda r: (-r.betweenness, r.actor))]


def metrics_csv(rows: list[dict[str, object]]) -> bytes:
    """The table as CSV (UTF-8, a header row, the actor's IRI last)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([header for _key, header in COLUMNS] + ["iri"])
    for row in rows:
        writer.writerow(["" if row[key] is None else row[key] for key, _h in COLUMNS] + [row["actor"]])
    return out.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Dyad:
    """The pair the Dyad panel shows, and its coded claims per window."""

    a: str
    b: str
    periods: list[DyadPeriod]


def dyad_of(session: Session, granularity: str = "year") -> Dyad | None:
    """The selected pair (two actors, or the two ends of a selected edge) with its visible coded claims per
    window; None when the selection is no pair."""
    kb = session.kb
    if kb is None:
        return None
    selection = session.selection
    ends: list[str] = list(selection.actors)
    if not ends and selection.claims:
        ends = list(dict.fromkeys(x for iri in selection.claims if iri in kb.claims for x in kb.claims[iri].ends))
    if len(ends) != 2:
        return None
    analysis = analysis_of(session)
    assert analysis is not None
    from explorer.core.analysis.signed import dyad_balance

    return Dyad(ends[0], ends[1], dyad_balance(analysis.coded, ends[0], ends[1], granularity))
