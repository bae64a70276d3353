"""`explorer cache`: where the cache of large files is, how much it holds, and emptying it.

    explorer cache [WORKSPACE] [--json] [--clear]

The cache (explorer.core.cache) keeps the on-disk store and the indexes of each file of 16 MB or more,
so that opening it again is quick. Without WORKSPACE: the user's cache folder; with one: the workspace's.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from explorer.core.errors import ExplorerError


def register(sub: Any) -> None:
    parser = sub.add_parser("cache", help="show the size of the cache of large files, or empty it")
    parser.add_argument("workspace", nargs="?", type=Path, metavar="WORKSPACE",
                        help="a workspace folder: its own cache (else the user's cache folder)")
    parser.add_argument("--clear", action="store_true", help="delete every cache entry not being built right now")
    parser.add_argument("--json", action="store_true", help="print one JSON object: folder, entries, bytes "
                                                            "(and freed, busy with --clear)")
    parser.set_defaults(handler=cmd_cache)


def human(size: int) -> str:
    """'76.4 MB': a size as people read it."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} bytes"


def cmd_cache(args: argparse.Namespace) -> int:
    from explorer.core import cache
    from explorer.core.workspace import is_workspace

    folder = None
    if args.workspace is not None:
        if not is_workspace(args.workspace):
            raise ExplorerError("not a workspace (a folder holding articles.ttl)", path=args.workspace)
        folder = args.workspace.resolve() / cache.WORKSPACE_CACHE
    out: dict[str, Any] = {}
    if args.clear:
        freed, busy = cache.clear(folder)
        out.update(freed=freed, busy=busy)
    out = {**cache.usage(folder).as_dict(), **out}
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"cache: {out['folder']}: {out['entries']} entr{'y' if out['entries'] == 1 else 'ies'}, "
          f"{human(out['bytes'])}")
    if args.clear:
        print(f"cleared: {human(out['freed'])} freed"
              + (f"; {out['busy']} entr{'y' if out['busy'] == 1 else 'ies'} being built left alone" if out["busy"]
                 else ""))
    return 0
