"""The shell side of bringing one's own sources: ``explorer workspace``, ``explorer import``,
``explorer reanchor`` (registered into the explorer's parser by :func:`register`).

    explorer workspace DIR [--bundled]
    explorer import FILE... [--workspace DIR] [--title T --publisher P --author A --date D --url U] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

COMMANDS = ("workspace", "import")


def register(sub: argparse._SubParsersAction) -> None:
    workspace = sub.add_parser("workspace", help="make a new (or empty) folder a workspace for your own articles",
                               description="A workspace holds its articles' texts (seeds/), their metadata "
                                           "(articles.ttl), claims (claims.ttl), views and gradings. "
                                           "`explorer DIR` opens it.")
    workspace.add_argument("folder", type=Path, metavar="DIR")
    workspace.add_argument("--bundled", action="store_true",
                           help="start from a copy of the bundled graph and its article texts")
    workspace.set_defaults(handler=cmd_workspace)

    imp = sub.add_parser("import", help="add articles (plain text, HTML saved from a browser, PDF) to a workspace",
                         description="Store each file's article text (HTML: the body only; PDF: its text "
                                     "layer, by paragraph) in the workspace with its metadata and SHA-256. "
                                     "Metadata come from the file; the options below replace them. All the "
                                     "files are imported, or none.")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("-w", "--workspace", type=Path, default=Path("."), metavar="DIR",
                     help="the workspace (a new or empty folder becomes one; default: the current folder)")
    for name in ("title", "publisher", "author", "url"):
        imp.add_argument(f"--{name}", metavar=name.upper())
    imp.add_argument("--date", metavar="DATE", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    imp.add_argument("--json", action="store_true", help="print what was imported as JSON")
    imp.set_defaults(handler=cmd_import)


def cmd_workspace(args: argparse.Namespace) -> int:
    from explorer.core.workspace import create

    folder = create(args.folder, from_bundled=args.bundled)
    print(f"workspace {folder} created" + (" from the bundled graph" if args.bundled else "")
          + f"; open it with `explorer {folder}`")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from explorer.core.errors import ExplorerError
    from explorer.core.importing import Metadata, import_files

    for path in args.files:
        if not path.is_file():
            raise ExplorerError("no such file" if not path.exists() else "not a file", path=path)
    meta = Metadata(title=args.title, publisher=args.publisher, author=args.author, date=args.date, url=args.url)
    done = import_files(args.workspace, args.files, meta)
    if args.json:
        print(json.dumps({"workspace": str(args.workspace), "imported": [d.as_json() for d in done]},
                         indent=1, ensure_ascii=False))
        return 0
    for item in done:
        a = item.article
        print(f"imported {item.source} as {item.iri.rsplit('/', 1)[-1]}: {a.title!r}, "
              f"{a.publisher or 'unknown publisher'}, {a.date or 'no date'}, {len(a.text)} characters",
              file=sys.stderr)
    return 0
