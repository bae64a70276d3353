"""The command line for SPARQL endpoints: ``explorer publish``, ``explorer export --endpoint`` and
``explorer --endpoint``.

    explorer publish --endpoint URL [FILE...] [--graph IRI] [--merge] [--user U --password-env VAR]
    explorer export --endpoint URL [-o OUT] [--format F] [--actor X ...] [--as-of D | --from D --to D]
    explorer claims --endpoint URL [--actor X] [--json] [--creator WHO] [--as-of D | --from D --to D]
    explorer --endpoint URL [--graph IRI] [--limit N] [--as-of D | --from D --to D] [--include-undated]

A password is read from the environment variable named by ``--password-env`` (never from the command
line, where other users of the machine could read it); it is never printed.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.core.remote.endpoint import DEFAULT_TIMEOUT, Credentials, Endpoint, SparqlClient

if TYPE_CHECKING:
    from explorer.core.export import ExportFormat
    from explorer.core.knowledge import KnowledgeBase

EPILOG = """The endpoint URL may be a server (http://127.0.0.1:7878, Oxigraph's layout: /query, /update,
/store) or a query URL; name the Graph Store URL with --store-url for stores that keep it elsewhere
(Fuseki: http://HOST:3030/DATASET/data)."""


def add_connection_options(parser: argparse.ArgumentParser, *, endpoint: bool = True,
                           required: bool = False) -> None:
    """The options that say where a store is and how to log in (``endpoint=False`` when the caller
    already has ``--endpoint``)."""
    if endpoint:
        parser.add_argument("--endpoint", metavar="URL", required=required,
                            help="the store's SPARQL endpoint (query URL, or server URL)")
    parser.add_argument("--graph", metavar="IRI", help="the named graph to use (default: the default graph)")
    parser.add_argument("--store-url", metavar="URL", help="the Graph Store protocol URL (default: guessed)")
    parser.add_argument("--update-url", metavar="URL", help="the SPARQL Update URL (default: guessed)")
    parser.add_argument("--user", metavar="NAME", help="user name for HTTP Basic or Digest authentication")
    parser.add_argument("--password-env", metavar="VAR",
                        help="name of the environment variable holding the password")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"seconds a query may take (default {DEFAULT_TIMEOUT:g})")


def add_gui_options(parser: argparse.ArgumentParser) -> None:
    """What ``explorer --endpoint URL`` takes besides ``--endpoint`` (for the window's parser)."""
    add_connection_options(parser, endpoint=False)
    parser.add_argument("--limit", type=int, metavar="N",
                        help="actors on the first screen (default 60): the most connected ones")
    parser.add_argument("--texts", action="append", type=Path, metavar="DIR",
                        help="a folder holding the article texts the store's evidence quotes (repeatable)")
    from explorer.time_cli import add_time_options

    add_time_options(parser)  # the first screen holds only the claims in the window (explorer.core.server_window)


def window_from_args(args: argparse.Namespace):  # -> ServerWindow
    """The time window the shell's options name for an endpoint's first screen (none without them)."""
    from explorer.core.server_window import shell_window
    from explorer.time_cli import TimeUsageError

    try:
        return shell_window(getattr(args, "as_of", None), getattr(args, "date_from", None),
                            getattr(args, "date_to", None), bool(getattr(args, "include_undated", False)))
    except ValueError as exc:
        raise TimeUsageError(f"time option: {exc}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``publish``, and the connection options of ``export --endpoint``, to the explorer's parser."""
    publish = subparsers.add_parser(
        "publish", help="push the bundled graph, or RDF files, to a SPARQL store (Graph Store protocol)",
        description="Upload a graph into a store with the SPARQL 1.1 Graph Store HTTP Protocol: PUT replaces "
                    "the graph, --merge POSTs into it. The files are checked locally first.", epilog=EPILOG)
    publish.add_argument("files", nargs="*", type=Path, metavar="FILE",
                         help="RDF files to publish (the bundled graph when none is named)")
    publish.add_argument("--input-format", dest="input_format", metavar="FORMAT",
                         help="format of the named files when their extension does not say")
    add_connection_options(publish, required=True)
    publish.add_argument("--merge", action="store_true", help="add to the graph instead of replacing it")
    publish.add_argument("--no-vocabulary", action="store_true",
                         help="do not add the explorer's vocabulary (relations and their categories)")
    publish.add_argument("--no-summary", action="store_true",
                         help="do not write the summary graph that makes the first screen fast")
    publish.add_argument("--summary-only", action="store_true",
                         help="only (re)write the summary graph of the data already in the store")
    publish.add_argument("--bulk", action="store_true",
                         help="Oxigraph only: load without a transaction (about 10x faster on big graphs; "
                              "a failure midway can leave part of the graph)")
    publish.set_defaults(handler=cmd_publish)
    export = subparsers.choices.get("export")
    if export is not None:
        add_connection_options(export, endpoint=False)
    claims = subparsers.choices.get("claims")
    if claims is not None:  # `explorer claims --endpoint URL`: the weights of the store's graph
        claims.add_argument("--endpoint", metavar="URL",
                            help="weigh the claims of the graph this SPARQL endpoint holds (with its gradings)")
        add_connection_options(claims, endpoint=False)


def endpoint_from_args(args: argparse.Namespace) -> Endpoint:
    """The endpoint the options name, with the password from the environment variable."""
    credentials = None
    user = getattr(args, "user", None)
    variable = getattr(args, "password_env", None)
    if variable and not user:
        raise ExplorerError("--password-env needs --user")
    if user:
        password = ""
        if variable:
            if variable not in os.environ:
                raise ExplorerError(f"the environment variable {variable} is not set",
                                    hint=f"export {variable}=... before running explorer")
            password = os.environ[variable]
        credentials = Credentials(user, password)
    store_url = getattr(args, "store_url", None)
    if getattr(args, "bulk", False):
        base = store_url or Endpoint.from_url(args.endpoint).store_url or ""
        store_url = base + ("&" if "?" in base else "?") + "no_transaction" if base else None
    return Endpoint.from_url(args.endpoint, update_url=getattr(args, "update_url", None), store_url=store_url,
                             graph=getattr(args, "graph", None), credentials=credentials,
                             timeout=getattr(args, "timeout", None) or DEFAULT_TIMEOUT)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_publish(args: argparse.Namespace) -> int:
    from explorer.core.formats import format_by_name
    from explorer.core.remote.publish import publish
    from explorer.core.remote.summary import write_summary

    endpoint = endpoint_from_args(args)
    client = SparqlClient(endpoint)
    if args.summary_only:
        if args.files:
            raise ExplorerError("--summary-only publishes no file", hint="leave out the file names")
        info = write_summary(client)
        _say(f"wrote the summary graph <{info.graph}> at {endpoint.display()}")
        return 0
    fmt = format_by_name(args.input_format) if args.input_format else None
    last = [-1]

    def progress(fraction: float, message: str) -> None:
        step = int(fraction * 10)
        if step != last[0] and not message.startswith("reading"):
            last[0] = step
            _say(f"{fraction:4.0%} {message}")

    report = publish(endpoint, args.files, replace=not args.merge, with_vocabulary=not args.no_vocabulary,
                     summary=not args.no_summary, fmt=fmt, client=client, progress=progress)
    _say(report.describe(endpoint.display()))
    return 0


def _knowledge_of(data: bytes) -> KnowledgeBase:
    """A local knowledge base over a graph pulled from a store (as Turtle)."""
    import pyoxigraph as ox

    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.store import OxigraphStore

    store = OxigraphStore()
    store.oxigraph.load(data, ox.RdfFormat.TURTLE)
    return KnowledgeBase(store)


def pulled_knowledge(args: argparse.Namespace) -> KnowledgeBase:
    """The whole graph of the store ``--endpoint`` names, as a local knowledge base: its claims, passages,
    articles and the analysts' gradings, weighed exactly as from files (``explorer claims --endpoint``)."""
    from explorer.core.remote.publish import pull_graph

    if getattr(args, "files", None):
        raise ExplorerError("name either files or --endpoint, not both")
    return _knowledge_of(pull_graph(endpoint_from_args(args)).data)


def cmd_export_endpoint(args: argparse.Namespace, fmt: ExportFormat) -> int:
    """``explorer export --endpoint URL``: pull the store's graph in ``fmt`` (the command line's choice)."""
    import pyoxigraph as ox

    from explorer.core.export import write_atomically
    from explorer.core.formats import FORMATS
    from explorer.core.remote.publish import pull_graph
    from explorer.core.vocab import PREFIXES

    if getattr(args, "files", None):
        raise ExplorerError("name either files or --endpoint, not both")
    from explorer.time_cli import time_filtering

    endpoint = endpoint_from_args(args)
    pulled = pull_graph(endpoint)
    data = pulled.data
    chosen = bool(args.actor or time_filtering(args) or getattr(args, "creator", None))
    if fmt.name != "turtle" or chosen:
        if fmt.kind == "network" or chosen:
            data = _chosen_claims(args, _knowledge_of(data), fmt)
        else:
            out = io.BytesIO()
            triples = ox.parse(data, ox.RdfFormat.TURTLE)
            target = FORMATS[fmt.name].oxigraph
            kwargs = {"prefixes": PREFIXES} if fmt.name in ("turtle", "trig") else {}
            ox.serialize(triples, out, target, **kwargs)
            data = out.getvalue()
    if args.output:
        write_atomically(args.output, data)
        what = "" if chosen or fmt.kind == "network" else f"{pulled.triples:,} triples, "
        _say(f"wrote {args.output} ({fmt.label}, {what}{len(data):,} bytes) from {endpoint.display()}, "
             f"which holds {pulled.expected:,} triples")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _chosen_claims(args: argparse.Namespace, kb: KnowledgeBase, fmt: ExportFormat) -> bytes:
    """The pulled graph in ``fmt``, narrowed as ``explorer export FILE`` narrows a file's: ``--actor``,
    ``--creator``, then the time options (the same functions, so the same claims and passages)."""
    from explorer.claims_cli import chosen_claims
    from explorer.core.export import serialize

    claims, passages = chosen_claims(args, kb)
    return serialize(kb, fmt, claims, passages=passages)
