"""The shell's `explorer views` (list the saved views of a graph) and `explorer report` (write a cited
briefing as HTML or PDF). Registered by explorer.cli; never imports the GUI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.core.errors import ExplorerError

Load = Callable[[argparse.Namespace], Any]



def register(sub: Any, files: Callable[[argparse.ArgumentParser], None], load: Load) -> None:
    views = sub.add_parser("views", help="list the saved views of a graph (saved from View › Save View…)")
    files(views)
    views.add_argument("--json", action="store_true", help="print the views as a JSON list")
    views.set_defaults(handler=lambda args: cmd_views(args, load))
    report = sub.add_parser("report", help="write a briefing (HTML or PDF): a figure and every relation shown "
                                           "with its quotes, sources and dates as footnotes")
    files(report)
    report.add_argument("-o", "--output", type=Path, required=True, help="the briefing: .html or .pdf")
    report.add_argument("--view", action="append", default=[], metavar="NAME",
                        help="a saved view (repeat for a storyboard: the views in this order)")
    report.add_argument("--actor", metavar="ACTOR", help="the claims of one actor (label, alias or IRI)")
    report.add_argument("--pair", nargs=2, metavar=("A", "B"), help="the claims between two actors")
    report.add_argument("--notes", type=Path, metavar="NOTES.md",
                        help="the analyst's notes (Markdown): a '## NAME' heading puts the text after it "
                             "under the view (or figure) of that name; text before any heading opens the briefing")
    report.add_argument("--title", help="the briefing's title (default: from what it shows)")
    report.add_argument("--date", help="the date printed on it (default: today; fix it for byte-identical output)")
    report.set_defaults(handler=lambda args: cmd_report(args, load))


def cmd_views(args: argparse.Namespace, load: Load) -> int:
    from explorer.app.views import ViewStore, listing, views_file

    kb = load(args)
    store = ViewStore.open(views_file(args.files))
    rows = listing(store, kb)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    if not rows:
        print(f"no saved views ({store.path})")
        return 0
    print(f"saved views ({store.path}):")
    for row in rows:
        extra = f"; {len(row['missing_actors'])} actor(s) no longer in the graph" if row["missing_actors"] else ""
        filtered = f"; filters: {', '.join(row['filters'])}" if row["filters"] else ""
        print(f"  {row['name']}  ({row['actors_placed']} actors placed, {row['pinned']} pinned{filtered}{extra})")
    return 0


def cmd_report(args: argparse.Namespace, load: Load) -> int:
    from explorer.app.views import ViewStore, scope_of_view, views_file
    from explorer.core.export import write_atomically
    from explorer.core.report.build import Scope, briefing
    from explorer.core.report.html import render_html
    from explorer.core.report.notes import read_notes

    suffix = args.output.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        print(f"explorer: error: {args.output}: a briefing is .html or .pdf", file=sys.stderr)
        return 2
    chosen = sum(bool(x) for x in (args.view, args.actor, args.pair))
    if chosen > 1:
        print("explorer: error: name views, or one actor, or one pair (not several kinds)", file=sys.stderr)
        return 2
    kb = load(args)
    scopes: list[Scope] = []
    if args.view:
        store = ViewStore.open(views_file(args.files))
        for name in args.view:
            view = store.get(name)
            if view is None:
                known = ", ".join(store.names()) or "none"
                raise ExplorerError(f"no saved view called {name!r} (saved views: {known})", path=store.path)
            scopes.append(scope_of_view(kb, view))
    elif args.pair:
        a, b = (kb.resolve_actor(n).iri for n in args.pair)
        scopes.append(Scope.of_pair(kb, a, b))
    elif args.actor:
        scopes.append(Scope.of_actor(kb, kb.resolve_actor(args.actor).iri))
    else:
        scopes.append(Scope.of_everything(kb))
    notes = read_notes(args.notes) if args.notes else None
    brief = briefing(kb, scopes, title=args.title, date=args.date, notes=notes)
    if suffix == ".pdf":
        from explorer.core.report.pdf import render_pdf

        data = render_pdf(brief)
    else:
        data = render_html(brief).encode("utf-8")
    write_atomically(args.output, data)
    print(f"wrote {args.output} ({len(brief.footnotes)} quotes, {len(data):,} bytes)", file=sys.stderr)
    return 0
