"""`explorer claims`: one record per claim with the weight of its evidence (issue 13)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from typing import Any

from explorer.core.vocab import shorten


def register(sub: Any, files: Any) -> None:
    """Add the ``claims`` subcommand to the parser's subcommands (``files`` adds FILE... options)."""
    claims = sub.add_parser("claims", help="list claims with passages, independent sources, factuality, "
                                           "credibility, contest and rank")
    files(claims)
    claims.add_argument("-a", "--actor", metavar="ACTOR",
                        help="only the claims of this actor (label, alias, local name or IRI)")
    claims.add_argument("--json", action="store_true", help="print a JSON list of records (shape in README)")
    claims.add_argument("--include-deprecated", action="store_true",
                        help="also list the claims an analyst deprecated (hidden by default)")
    add_creator_option(claims)
    from explorer.time_cli import add_time_options

    add_time_options(claims)


def add_creator_option(parser: Any) -> None:
    """``--creator WHO`` (repeatable): only the claims with a passage made by WHO (explorer.core.creators)."""
    parser.add_argument("--creator", action="append", default=[], metavar="WHO",
                        help="only the claims with a passage made by WHO: 'curators', an analyst such as "
                             "'analyst-jane', an agent IRI, or 'not recorded'; repeatable")


def creator_claims(args: argparse.Namespace, kb: Any, among: Iterable[str] | None = None) -> list[str] | None:
    """The claims (of ``among``, or all) that ``--creator`` keeps, in order; None without the option."""
    if not getattr(args, "creator", None):
        return None
    from explorer.core.creators import made_by, resolve_creators

    made = made_by(kb, resolve_creators(kb, args.creator))
    return [iri for iri in (kb.claims if among is None else among) if iri in made]


def chosen_claims(args: argparse.Namespace, kb: Any) -> tuple[list[str] | None, Any]:
    """The claims ``explorer export`` writes (``--actor``, then ``--creator``, then the time options; None: all)
    and the passages the time options keep (None: all): files and an endpoint's pulled graph alike."""
    from explorer.core.export import claims_for_actors
    from explorer.time_cli import time_selection

    claims = None
    if args.actor:
        claims = claims_for_actors(kb, [kb.resolve_actor(name).iri for name in args.actor])
    made = creator_claims(args, kb, claims)
    if made is not None:
        claims = made
    in_time = time_selection(args, kb, claims)
    if in_time is None:
        return claims, None
    return list(in_time.claims), in_time.passages


def cmd_claims(args: argparse.Namespace, kb: Any) -> int:
    from explorer.core.claim_table import claim_records, weights_in_time
    from explorer.time_cli import time_selection

    actor = kb.resolve_actor(args.actor).iri if args.actor else None
    in_time = time_selection(args, kb)  # --as-of: the weights as they stood then (only the passages known)
    weights = weights_in_time(kb, in_time.claims, in_time.passages) if in_time is not None else None
    records = claim_records(kb, actor=actor, include_deprecated=args.include_deprecated, weights=weights)
    made = creator_claims(args, kb)
    if made is not None:
        kept = set(made)
        records = [r for r in records if r["iri"] in kept]
    if args.json:
        print(json.dumps(records, indent=1, ensure_ascii=False))
        return 0
    for r in records:
        labels = r["labels"]
        marks = []
        if r["contested"]:
            marks.append("contested" + (" by " + ", ".join(shorten(c) for c in r["contested_by"])
                                        if r["contested_by"] else ""))
        if r["rank"] == "deprecated":
            marks.append("deprecated")
        if r["override_reason"] is not None:
            marks.append(f"override: {r['override_reason']}")
        date = f" ({r['event_date']})" if r["event_date"] else ""
        print(f"{shorten(r['iri'])}: {labels['subject']} {labels['predicate']} {labels['object']}{date}")
        print(f"    {r['passages']} passages ({r['against']} against) · {r['independent_sources']} independent "
              f"sources · {r['strongest_factuality'] or 'no passage'} · credibility {r['credibility']} "
              f"({r['credibility_label']})" + ("".join(f" · {m}" for m in marks)))
    print(f"{len(records)} claims")
    return 0
