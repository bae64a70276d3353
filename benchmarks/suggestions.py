"""How good the claim suggestions are: for each bundled article, suggestions computed with only the actors
known (not the claims) against the curated claims whose passages cite that article.

    python -m benchmarks.suggestions [--min-score S] [--json]

Pairs are unordered actor pairs {subject, object}; triples are (subject, relation, object), unordered for
a symmetric relation. Recall: share of the curated ones that a suggestion names; precision: share of the
suggested ones that a curated claim names.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable

from explorer.core.loading import load_bundled
from explorer.core.suggest import Suggestion, name_index, suggest_text


def _triple(s: str, p: str, o: str, symmetric: set[str]) -> tuple[str, str, str]:
    return (min(s, o), p, max(s, o)) if p in symmetric else (s, p, o)


def _ratio(hit: int, total: int) -> float:
    return hit / total if total else 0.0


def measure(min_score: float = 0.0) -> dict[str, object]:
    kb = load_bundled()
    index = name_index(kb)
    kinds = {iri: a.kind for iri, a in kb.actors.items()}
    symmetric = {iri for iri, r in kb.relations.items() if r.symmetric}
    rows = []
    totals = {"pairs": [0, 0, 0], "triples": [0, 0, 0]}  # curated, suggested, hits (recall side)
    hits_p = {"pairs": 0, "triples": 0}  # hits (precision side)
    for iri, art in sorted(kb.articles.items()):
        text = kb.article_text(iri)
        body = (art.body_start or 0, art.body_end if art.body_end is not None else len(text))
        found: Iterable[Suggestion] = [s for s in suggest_text(iri, text, index, kb.relations, kinds, body)
                                       if s.score >= min_score]
        found = list(found)
        claims = {ev.claim for ev in kb.evidence.values() if ev.article == iri}
        curated = [kb.claims[c] for c in claims if c in kb.claims]
        cur_pairs = {frozenset((c.subject, c.object)) for c in curated}
        cur_triples = {_triple(c.subject, c.predicate, c.object, symmetric) for c in curated}
        sug_pairs = {frozenset((s.subject, s.object)) for s in found}
        sug_triples = {_triple(s.subject, s.predicate, s.object, symmetric) for s in found}
        row = {"article": iri.rsplit("/", 1)[-1], "curated_claims": len(curated), "suggestions": len(found)}
        for name, cur, sug in (("pairs", cur_pairs, sug_pairs), ("triples", cur_triples, sug_triples)):
            hit = len(cur & sug)
            row[f"{name}_recall"] = round(_ratio(hit, len(cur)), 3)
            row[f"{name}_precision"] = round(_ratio(hit, len(sug)), 3)
            row[f"{name}_curated"], row[f"{name}_suggested"] = len(cur), len(sug)
            totals[name][0] += len(cur)
            totals[name][1] += len(sug)
            totals[name][2] += hit
            hits_p[name] += hit
        rows.append(row)
    overall = {}
    for name, (cur, sug, hit) in totals.items():
        overall[f"{name}_recall"] = round(_ratio(hit, cur), 3)
        overall[f"{name}_precision"] = round(_ratio(hits_p[name], sug), 3)
    return {"min_score": min_score, "articles": rows, "overall": overall}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-score", type=float, default=0.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.min_score)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"| article | curated claims | suggestions | pair recall | pair precision | triple recall | "
          f"triple precision |  (min score {args.min_score})")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in result["articles"]:  # type: ignore[union-attr]
        print(f"| {r['article']} | {r['curated_claims']} | {r['suggestions']} | {r['pairs_recall']:.0%} | "
              f"{r['pairs_precision']:.0%} | {r['triples_recall']:.0%} | {r['triples_precision']:.0%} |")
    o = result["overall"]
    print(f"| all (micro) | | | {o['pairs_recall']:.0%} | {o['pairs_precision']:.0%} | "  # type: ignore[index]
          f"{o['triples_recall']:.0%} | {o['triples_precision']:.0%} |")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
