"""The ``explorer`` command: open the window, or export, validate and count from the shell.

    explorer [FILE...]                  open the desktop window (bundled graph when no file is named)
    explorer export [FILE...] [-o OUT] [--format F] [--actor X ...] [--as-of D | --from D --to D]
    explorer validate [FILE...] [--no-shacl]
    explorer stats [FILE...] [--all] [--json] [--as-of D | --from D --to D] [--include-undated]
    explorer views [FILE...] [--json]
    explorer report [FILE...] [--view NAME ... | --actor A | --pair A B] [--notes NOTES.md] -o OUT.html|OUT.pdf
    explorer analyze [FILE...] [--balance] [--centrality] [--communities] [--json]
    explorer workspace DIR [--bundled]     explorer import FILE... [--workspace DIR]   (see sources_cli)
    explorer cache [WORKSPACE] [--json] [--clear]   the cache of large files (see cache_cli)

A FILE may be a workspace folder (explorer.core.workspace): it stands for its Turtle files.
    explorer claims [FILE...] [--actor A] [--json] [--include-deprecated]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer import __version__
from explorer.claims_cli import add_creator_option, chosen_claims
from explorer.core.errors import ExplorerError
from explorer.exits import EXIT_FAILED, EXIT_USAGE, reported
from explorer.time_cli import TimeUsageError, add_time_options, time_filtering, time_selection

if TYPE_CHECKING:
    from explorer.core.export import ExportFormat

SUBCOMMANDS = ("export", "validate", "stats", "claims", "publish", "views", "report", "analyze", "workspace",
               "import", "reanchor", "suggest", "cache")


class UsageError(ExplorerError):
    """A wrong command line found after parsing it: exit code 2, like argparse's own errors."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2 (no traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"explorer: error: {message}\n")


def _files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="RDF files to read (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD); "
                             "the bundled graph when none is named")
    parser.add_argument("--input-format", dest="input_format", metavar="FORMAT",
                        help="format of the named files when their extension does not say")
    parser.add_argument("--no-cache", dest="no_cache", action="store_true",
                        help="read large files afresh, without the cache that keeps them (see `explorer cache`)")


def build_parser() -> argparse.ArgumentParser:
    from explorer.core.export import EXPORT_FORMATS

    parser = _Parser(prog="explorer", description="Explore who relates to whom in South Caucasus politics, "
                                                  "and who says so, where and when.",
                     epilog="Without a COMMAND, `explorer [FILE...] [--endpoint URL]` opens the desktop window "
                            "(see `explorer --endpoint URL --help` for the endpoint settings).",
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"explorer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    export = sub.add_parser("export", help="write the graph, or the claims of some actors, in an RDF or "
                                           "network format")
    _files(export)
    export.add_argument("-o", "--output", type=Path, help="output file (standard output when omitted)")
    from explorer.picture_cli import PICTURE_FORMATS, add_picture_options

    export.add_argument("-f", "--format", choices=sorted([*EXPORT_FORMATS, *PICTURE_FORMATS]), metavar="FORMAT",
                        help="output format: " + ", ".join(sorted([*EXPORT_FORMATS, *PICTURE_FORMATS])) +
                             " (default: from the output file's extension; turtle on standard output)")
    add_picture_options(export)
    export.add_argument("-a", "--actor", action="append", default=[], metavar="ACTOR",
                        help="only the claims involving this actor (label, alias, local name or IRI); repeatable")
    add_time_options(export)
    add_creator_option(export)
    from explorer.core.layouts import LAYOUTS

    export.add_argument("--layout", choices=list(LAYOUTS), metavar="LAYOUT",
                        help="GEXF and GraphML: place the actors by this layout: " + ", ".join(LAYOUTS) +
                             " (default: force)")
    export.add_argument("--centre", metavar="ACTOR", help="the actor --layout radial puts in the middle")
    validate = sub.add_parser("validate", help="check quotes against the articles, evidence, labels and "
                                               "SHACL shapes")
    _files(validate)
    validate.add_argument("--no-shacl", action="store_true", help="skip the SHACL shapes (faster on big graphs)")
    stats = sub.add_parser("stats", help="count actors, claims and evidence by type")
    _files(stats)
    stats.add_argument("--all", action="store_true",
                       help=f"list every actor (else the {TOP_ACTORS} most connected)")
    stats.add_argument("--json", action="store_true",
                       help="print the counts as one JSON object (every actor; shape in README)")
    from explorer.briefing_cli import register as register_briefing

    register_briefing(sub, _files, _load)
    add_time_options(stats)
    from explorer import analyze_cli

    analyze_cli.register(sub, _files, _load)
    from explorer import sources_cli

    sources_cli.register(sub)
    from explorer import claims_cli

    claims_cli.register(sub, _files)
    from explorer import cache_cli

    cache_cli.register(sub)
    try:
        from explorer import remote_cli
    except ImportError:
        remote_cli = None  # type: ignore[assignment]
    if remote_cli is not None:
        remote_cli.register(sub)
        export.add_argument("--endpoint", metavar="URL", help="pull the graph from this SPARQL endpoint")
    return parser


def build_gui_parser(*, endpoint_options: bool = True) -> argparse.ArgumentParser:
    """The window's parser; ``endpoint_options=False`` leaves out the SPARQL connection options (and the
    import of the SPARQL client they come with), for a command line that has no options at all."""
    parser = _Parser(prog="explorer", description="Open the desktop explorer. Subcommands: "
                                                  + ", ".join(SUBCOMMANDS) + " (see explorer COMMAND --help).")
    parser.add_argument("--version", action="version", version=f"explorer {__version__}")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="RDF files to open")
    parser.add_argument("--endpoint", metavar="URL", help="explore the graph held by this SPARQL 1.1 endpoint")
    if not endpoint_options:
        return parser
    try:
        from explorer import remote_cli
    except ImportError:
        return parser
    remote_cli.add_gui_options(parser)
    return parser


def _load(args: argparse.Namespace):  # -> KnowledgeBase
    from explorer.core.formats import format_by_name
    from explorer.core.loading import load_knowledge

    fmt = format_by_name(args.input_format) if getattr(args, "input_format", None) else None
    named = list(args.files)
    args.files = _workspace_files(args.files)
    for path in args.files:
        if not path.exists():
            raise ExplorerError("no such file", path=path)
    added: dict[Path, int] = {}
    kb = load_knowledge(args.files, fmt=fmt, added=added, cache=False if getattr(args, "no_cache", False) else None)
    for path in named:
        if added.get(Path(path)) == 0:  # an empty file is a valid N-Triples document: say so, not refuse it
            print(f"explorer: note: {path}: no statements", file=sys.stderr)
    return kb


def _workspace_files(paths: list[Path]) -> list[Path]:
    """The files named, each workspace folder replaced by its Turtle files."""
    from explorer.core.workspace import expand

    return expand(list(paths))


def output_format(args: argparse.Namespace) -> ExportFormat:
    """The format ``--format`` names, else the one the output file's extension names (Turtle on standard
    output); an extension that names none is a usage error, not a guess."""
    from explorer.core.export import UnknownExtensionError, export_format, format_for_path

    if args.format:
        return export_format(args.format)
    if not args.output:
        return export_format("turtle")
    try:
        return format_for_path(args.output)
    except UnknownExtensionError as exc:
        raise UsageError(f"{exc.location()}: {exc.message} ({exc.hint}, and .png, .svg for a picture; "
                         "or name one with --format)") from None


def cmd_export(args: argparse.Namespace) -> int:
    from explorer.core.export import serialize, write_atomically
    from explorer.picture_cli import cmd_export_picture, picture_format

    picture = picture_format(args)  # PNG or SVG: drawn as the window draws it (explorer/picture_cli.py)
    fmt = output_format(args) if picture is None else None
    if picture is not None and not args.output:
        raise UsageError(f"a {picture.upper()} picture needs an output file (-o graph.{picture})")
    if getattr(args, "endpoint", None):
        from explorer import remote_cli

        if fmt is None:
            raise UsageError("a picture of an endpoint's graph: open it in the window (File › Export › Picture)")
        return remote_cli.cmd_export_endpoint(args, fmt)
    kb = _load(args)
    claims, passages = chosen_claims(args, kb)
    if picture is not None:
        return cmd_export_picture(args, picture, kb, claims)
    assert fmt is not None
    data = serialize(kb, fmt, claims, passages=passages, positions=export_positions(args, kb, fmt.kind))
    if args.output:
        write_atomically(args.output, data)
        print(f"wrote {args.output} ({fmt.label}, {len(data):,} bytes"
              + (f", {len(claims)} claims" if claims is not None else "") + ")", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def export_positions(args: argparse.Namespace, kb, kind: str) -> dict[str, tuple[float, float]] | None:
    """Where --layout (and --centre) put the actors; None for the default layout."""
    from explorer.core.layouts import named_layout

    if args.centre and args.layout != "radial":
        raise UsageError("--centre goes with --layout radial")
    if args.layout is None:
        return None
    if kind != "network":
        raise UsageError("--layout places actors in GEXF and GraphML only")
    if args.layout == "radial" and not args.centre:
        raise UsageError("--layout radial needs --centre ACTOR")
    centre = kb.resolve_actor(args.centre).iri if args.centre else None
    return named_layout(kb, args.layout, centre=centre)


def cmd_validate(args: argparse.Namespace) -> int:
    from explorer.core.validate import validate

    if getattr(args, "texts", None):  # quotes against other texts: explorer.sources_cli
        from explorer.sources_cli import cmd_validate_texts

        return cmd_validate_texts(args)
    kb = _load(args)
    report = validate(kb, shacl=not args.no_shacl)
    for problem in report.problems:
        print(f"{problem.severity}: [{problem.check}] {problem}")
    counts = ", ".join(f"{n} {what}" for what, n in report.checked.items())
    sources = ", ".join(str(p) for p in args.files) or "bundled graph"
    if report.ok:
        warnings = len(report.problems)
        print(f"ok: {sources}: checked {counts}; "
              + (f"no errors, {warnings} warning(s)" if warnings else "no problems"))
        return 0
    print(f"failed: {sources}: {len(report.errors())} problem(s) in {counts}", file=sys.stderr)
    return EXIT_FAILED


#: Actors `explorer stats` lists without --all.
TOP_ACTORS = 10


def stats_of(args: argparse.Namespace) -> dict[str, Any]:
    """What `explorer stats` reports, in the shape of its --json output (see README): the files' own
    triples apart from those the bundled vocabulary adds, every article and every actor."""
    from explorer.core.loading import vocabulary_triples
    from explorer.resources import vocabulary_file

    kb = _load(args)
    summary = kb.summary()
    named = {Path(p).resolve() for p in args.files}
    vocabulary = 0 if vocabulary_file().resolve() in named else vocabulary_triples(kb.store)
    in_time = time_selection(args, kb)
    chosen = list(kb.claims.values()) if in_time is None else [kb.claims[c] for c in in_time.claims]
    known = None if in_time is None else in_time.passages
    per_article: Counter[str] = Counter()
    for claim in chosen:
        for article in {kb.evidence[e].article for e in claim.evidence
                        if e in kb.evidence and (known is None or e in known)}:
            per_article[article] += 1
    by_kind = Counter(a.kind for a in kb.actors.values())
    by_category = Counter(kb.category_of(c).label for c in chosen)
    degree: Counter[str] = Counter()
    for claim in chosen:
        degree.update(set(claim.ends))
    actors = sorted(kb.actors.values(), key=lambda a: (-degree[a.iri], a.label))
    if in_time is not None:  # the counts of the claims in time, and the options that chose them
        summary = {**summary, "claims": len(chosen),
                   "annotations": sum(1 for c in chosen for e in c.evidence if known is None or e in known)}
        summary["time"] = {"as_of": args.as_of, "from": args.date_from, "to": args.date_to,  # type: ignore[assignment]
                           "include_undated": args.include_undated}
    return {
        "files": [str(p) for p in args.files],
        "bundled": not args.files,
        **summary,
        "triples": summary["triples"] - vocabulary,
        "vocabulary_triples": vocabulary,
        "actors_by_type": dict(sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        "claims_by_category": dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))),
        "claims_by_article": [{"iri": iri, "title": art.title, "claims": per_article[iri]}
                              for iri, art in sorted(kb.articles.items())],
        "most_connected_actors": [{"iri": a.iri, "label": a.label, "claims": degree[a.iri]} for a in actors],
    }


def _table(header: str, rows: list[tuple[str, int]]) -> None:
    """A section of `explorer stats`: names in full, counts in a column after the longest."""
    print(f"\n{header}:")
    width = max((len(name) for name, _n in rows), default=0)
    for name, n in rows:
        print(f"  {name:<{max(width, 12)}}  {n}")


def cmd_stats(args: argparse.Namespace) -> int:
    stats = stats_of(args)
    if args.json:
        print(json.dumps(stats, indent=1, ensure_ascii=False))
        return 0
    print("source: " + (", ".join(stats["files"]) or "bundled graph"))
    if "time" in stats:
        t = stats["time"]
        print("time: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in t.items() if v and v is not True)
              + (" (undated included)" if t["include_undated"] else ""))
    vocabulary = stats["vocabulary_triples"]
    for what in ("triples", "actors", "claims", "annotations", "articles", "relations"):
        extra = f" (+ {vocabulary} of the vocabulary)" if what == "triples" and vocabulary else ""
        print(f"{what:>12}: {stats[what]}{extra}")
    _table("actors by type", list(stats["actors_by_type"].items()))
    _table("claims by category", list(stats["claims_by_category"].items()))
    _table("claims by article", [(a["title"], a["claims"]) for a in stats["claims_by_article"]])
    actors = stats["most_connected_actors"]
    shown = actors if args.all else actors[:TOP_ACTORS]
    _table("most connected actors", [(a["label"], a["claims"]) for a in shown])
    if len(shown) < len(actors):
        print(f"  ... and {len(actors) - len(shown)} more (explorer stats --all)")
    return 0


def suggested_command(first: str) -> str | None:
    """The subcommand ``first`` is probably a typo of (``valdiate``), or None when it is a file to open:
    one that exists, or a path that cannot be a command (it has a folder or an extension), or a name
    close to no command. Only the window takes files without a command, so a typo would open nothing."""
    import difflib

    if first.startswith("-") or "/" in first or "\\" in first or Path(first).suffix or Path(first).exists():
        return None
    close = difflib.get_close_matches(first.lower(), SUBCOMMANDS, n=1)
    return close[0] if close else None


def cmd_gui(args: argparse.Namespace) -> int:
    from explorer.desktop import window_runner

    run = window_runner()
    if args.endpoint:
        from explorer.remote_cli import endpoint_from_args, window_from_args

        window = window_from_args(args)  # (--as-of, --from, --to: the first screen in that time window)
        return run(None, endpoint=endpoint_from_args(args), limit=getattr(args, "limit", None),
                   text_folders=[Path(p) for p in getattr(args, "texts", None) or []],
                   **({} if window.everything else {"time_window": window}))
    if time_filtering(args):
        raise UsageError("--as-of, --from and --to open an endpoint's graph in a time window (with --endpoint); "
                         "for files, set the window in the Time bar")
    args.files = _workspace_files(args.files)
    for path in args.files:
        if not path.exists():
            raise ExplorerError("no such file", path=path)
    return run(None, files=args.files)


def cmd_claims(args: argparse.Namespace) -> int:
    from explorer import claims_cli

    if getattr(args, "endpoint", None):  # the store's whole graph, gradings included (explorer.remote_cli)
        from explorer import remote_cli

        return claims_cli.cmd_claims(args, remote_cli.pulled_knowledge(args))
    return claims_cli.cmd_claims(args, _load(args))


COMMANDS = {"export": cmd_export, "validate": cmd_validate, "stats": cmd_stats, "claims": cmd_claims}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    return reported(lambda: _run(argv), usage=(UsageError, TimeUsageError))


def _run(argv: list[str]) -> int:
    if (argv and argv[0] in SUBCOMMANDS) or argv[:1] in (["-h"], ["--help"]):
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return 0
        handler = COMMANDS.get(args.command) or args.handler
        return handler(args)
    if argv and (command := suggested_command(argv[0])):
        raise UsageError(f"unknown command '{argv[0]}' (did you mean '{command}'?)")
    # `explorer [FILE...]` (how the window is usually started) has no option to parse: starting it
    # does not import the SPARQL client.
    with_options = any(arg.startswith("-") for arg in argv)
    return cmd_gui(build_gui_parser(endpoint_options=with_options).parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
