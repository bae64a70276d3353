"""`explorer analyze`: signed balance, blocs, centrality and communities from the shell.

    explorer analyze [FILE...] [--balance] [--centrality] [--communities] [--period P] [--json]

Without a section flag every section is printed. ``--json`` prints one object (shape in the README).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.core.analysis import Analysis
    from explorer.core.knowledge import KnowledgeBase


def register(sub: Any, files: Callable[[argparse.ArgumentParser], None],
             load: Callable[[argparse.Namespace], KnowledgeBase]) -> None:
    """Add the subcommand to the ``explorer`` parser (``files`` adds the FILE arguments, ``load`` reads
    them: both from explorer.cli, passed in so that this module does not import it back)."""
    parser = sub.add_parser("analyze", help="signed balance (unbalanced triads, blocs), centrality and "
                                            "communities of the coded claims")
    files(parser)
    parser.add_argument("--balance", action="store_true", help="unbalanced triads, balance ratio and blocs")
    parser.add_argument("--centrality", action="store_true", help="the metrics table per actor")
    parser.add_argument("--communities", action="store_true", help="the communities and their members")
    parser.add_argument("--period", metavar="P", help="only the claims of this window ('2020', or '2020-10' "
                                                      "with --by month) for the signed ties")
    parser.add_argument("--by", choices=("year", "month"), default="year", help="window size (default year)")
    parser.add_argument("--method", choices=("louvain", "leiden"), default="louvain",
                        help="community detection (default louvain)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0): the same seed, the same "
                                                            "communities and blocs")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=lambda args: cmd_analyze(args, load))


def report(kb: KnowledgeBase, analysis: Analysis, sections: set[str]) -> dict[str, Any]:
    """The JSON form of an analysis: labels beside IRIs, claim IRIs behind every signed side."""
    out: dict[str, Any] = {"coded_claims": len(analysis.coded)}
    if "balance" in sections:
        out["balance_ratio"] = analysis.balance_ratio
        out["frustrated_ties"] = analysis.blocs.frustrated
        out["blocs_exact"] = analysis.blocs.exact
        out["signed_ties"] = [{"a": t.a, "b": t.b, "sign": t.sign, "cooperation": t.cooperation,
                               "conflict": t.conflict, "claims": list(t.claims)}
                              for t in analysis.ties.values()]
        out["unbalanced_triads"] = [
            {"actors": list(t.actors), "labels": [kb.label(a) for a in t.actors],
             "sides": [{"a": a, "b": b, "sign": s, "claims": list(c)} for (a, b), s, c in
                       zip(((t.actors[0], t.actors[1]), (t.actors[0], t.actors[2]), (t.actors[1], t.actors[2])),
                           t.signs, t.claims, strict=True)]}
            for t in analysis.triads]
        blocs: dict[int, list[str]] = {}
        for actor, bloc in sorted(analysis.blocs.bloc.items()):
            blocs.setdefault(bloc, []).append(actor)
        out["blocs"] = [{"bloc": b, "actors": members} for b, members in sorted(blocs.items())]
    if "communities" in sections:
        groups: dict[int, list[str]] = {}
        for row in analysis.metrics.values():
            if row.community is not None:
                groups.setdefault(row.community, []).append(row.actor)
        out["communities"] = [{"community": c, "actors": members} for c, members in sorted(groups.items())]
    if "centrality" in sections:
        out["metrics"] = [{"actor": r.actor, "label": kb.label(r.actor), "claims": r.claims, "degree": r.degree,
                           "betweenness": r.betweenness, "pagerank": r.pagerank, "eigenvector": r.eigenvector,
                           "core": r.core, "community": r.community, "bloc": r.bloc,
                           "local_balance": r.local_balance}
                          for r in sorted(analysis.metrics.values(), key=lambda r: (-r.betweenness, r.actor))]
    return out


def _sign(s: int) -> str:
    return "+" if s > 0 else "-" if s < 0 else "0"


def _print(kb: KnowledgeBase, data: dict[str, Any]) -> None:
    print(f"coded claims: {data['coded_claims']}")
    if "balance_ratio" in data:
        ratio = data["balance_ratio"]
        print(f"balance ratio: {'n/a (no signed triangle)' if ratio is None else f'{ratio:.3f}'}")
        print(f"frustrated ties: {data['frustrated_ties']} ({'exact' if data['blocs_exact'] else 'heuristic'} "
              "bloc partition)")
        print(f"\nunbalanced triads ({len(data['unbalanced_triads'])}):")
        for triad in data["unbalanced_triads"]:
            print("  " + " / ".join(triad["labels"]))
            for side in triad["sides"]:
                print(f"    {kb.label(side['a'])} {_sign(side['sign'])} {kb.label(side['b'])}: "
                      + " ".join(side["claims"]))
        print("\nblocs:")
        for bloc in data["blocs"]:
            print(f"  {bloc['bloc']}: " + ", ".join(kb.label(a) for a in bloc["actors"]))
    if "communities" in data:
        print("\ncommunities:")
        for group in data["communities"]:
            print(f"  {group['community']}: " + ", ".join(kb.label(a) for a in group["actors"]))
    if "metrics" in data:
        print(f"\n{'actor':<32} {'claims':>6} {'degree':>6} {'betweenness':>11} {'pagerank':>8} "
              f"{'eigenvector':>11} {'core':>4} {'comm.':>5} {'bloc':>4} {'balance':>7}")
        for r in data["metrics"]:
            balance = "" if r["local_balance"] is None else f"{r['local_balance']:.2f}"
            bloc = "" if r["bloc"] is None else r["bloc"]
            community = "" if r["community"] is None else r["community"]
            print(f"{r['label'][:32]:<32} {r['claims']:>6} {r['degree']:>6} {r['betweenness']:>11.4f} "
                  f"{r['pagerank']:>8.4f} {r['eigenvector']:>11.4f} {r['core']:>4} {community:>5} {bloc:>4} "
                  f"{balance:>7}")


def cmd_analyze(args: argparse.Namespace, load: Callable[[argparse.Namespace], KnowledgeBase]) -> int:
    from explorer.core.analysis import analyze

    kb = load(args)
    sections = {s for s in ("balance", "centrality", "communities") if getattr(args, s)} or \
        {"balance", "centrality", "communities"}
    analysis = analyze(kb, period=args.period, granularity=args.by, method=args.method, seed=args.seed)
    data = report(kb, analysis, sections)
    if args.json:
        print(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        _print(kb, data)
    return 0
