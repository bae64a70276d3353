"""`explorer analyze`: signed balance, blocs, centrality and communities from the shell.

    explorer analyze [FILE...] [--balance] [--centrality] [--communities] [--period P] [--json]
    explorer analyze [FILE...] --change FROM1 TO1 FROM2 TO2 [--top N] [--json]
    explorer analyze [FILE...] --collapse-blocs [--json]

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
    parser.add_argument("--change", nargs=4, metavar=("FROM1", "TO1", "FROM2", "TO2"),
                        help="the pairs that warmed or cooled most from the first period to the second (mean "
                             "intensity of their coded claims; dates YYYY, YYYY-MM or YYYY-MM-DD, inclusive)")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="with --change: N pairs each way "
                                                                          "(default 10)")
    parser.add_argument("--collapse-blocs", action="store_true",
                        help="the blocs collapsed into group nodes: each group's members, and between two groups "
                             "(or inside one) the claims of their members, with their signed sums")
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

    if args.change:
        return cmd_change(args, load)
    if args.collapse_blocs:
        return cmd_collapse(args, load)
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


def change_report(kb: KnowledgeBase, periods: tuple[Any, Any], top: int) -> dict[str, Any]:
    """The JSON form of the pairs that warmed and cooled most (labels beside IRIs, claims behind each figure)."""
    from explorer.core.analysis.change import dyad_changes, warmed_and_cooled
    from explorer.core.analysis.events import coded_claims

    first, second = periods
    rows = dyad_changes(coded_claims(kb), first, second)
    warmed, cooled = warmed_and_cooled(rows, top)

    def row(r: Any) -> dict[str, Any]:
        return {"a": r.a, "b": r.b, "labels": [kb.label(r.a), kb.label(r.b)], "before": r.before, "after": r.after,
                "change": r.change, "claims_before": list(r.claims_before), "claims_after": list(r.claims_after)}

    return {"first": [first.start, first.end], "second": [second.start, second.end], "pairs_compared": len(rows),
            "warmed": [row(r) for r in warmed], "cooled": [row(r) for r in cooled]}


def cmd_change(args: argparse.Namespace, load: Callable[[argparse.Namespace], KnowledgeBase]) -> int:
    from explorer.core.analysis.change import Period
    from explorer.time_cli import TimeUsageError

    if args.top < 1:
        raise TimeUsageError("--top needs a positive number")
    try:
        periods = (Period(*args.change[:2]), Period(*args.change[2:]))
    except ValueError as exc:
        raise TimeUsageError(f"--change: {exc}") from None
    kb = load(args)
    data = change_report(kb, periods, args.top)
    if args.json:
        print(json.dumps(data, indent=1, ensure_ascii=False))
        return 0
    print(f"pairs with coded claims in both {periods[0]} and {periods[1]}: {data['pairs_compared']} "
          "(mean intensity, -10 hostile to +10 cooperative)")
    for title, rows in (("warmed most", data["warmed"]), ("cooled most", data["cooled"])):
        print(f"\n{title} ({len(rows)}):")
        for r in rows:
            print(f"  {r['labels'][0]} – {r['labels'][1]}: {r['before']:+.2f} -> {r['after']:+.2f} "
                  f"({r['change']:+.2f}; {len(r['claims_before'])} and {len(r['claims_after'])} claims)")
    return 0


def cmd_collapse(args: argparse.Namespace, load: Callable[[argparse.Namespace], KnowledgeBase]) -> int:
    """The blocs collapsed into group nodes, as the window's View > Collapse Blocs draws them."""
    from explorer.app.collapse import collapse_report, collapsed_of
    from explorer.app.lens import Lens
    from explorer.app.session import Session

    kb = load(args)
    session = Session()
    session.set_knowledge(kb)
    session.set_lens(Lens(method=args.method))
    collapsed = collapsed_of(session)
    assert collapsed is not None
    data = collapse_report(kb, collapsed)
    if args.json:
        print(json.dumps(data, indent=1, ensure_ascii=False))
        return 0
    for group in data["groups"]:
        print(f"{group['label']}")
    print(f"\ngroup edges ({len(data['edges'])}):")
    labels = {g["group"]: g["label"].split(":")[0] for g in data["groups"]}
    for edge in data["edges"]:
        where = f"inside {labels[edge['a']]}" if edge["inner"] else f"{labels[edge['a']]} – {labels[edge['b']]}"
        print(f"  {where}: {len(edge['claims'])} claims, cooperation {edge['cooperation']:g}, "
              f"conflict {edge['conflict']:g}, sign {_sign(edge['sign'])}")
    return 0
