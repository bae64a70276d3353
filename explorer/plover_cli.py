"""`explorer import EVENTS.jsonl [--workspace DIR] [--json]`: PLOVER events back into a workspace's claims
(explorer.core.plover_import); sources_cli sends ``.jsonl`` files here."""

from __future__ import annotations

import argparse
import json
import sys


def cmd_import_plover(args: argparse.Namespace) -> int:
    from explorer.core.errors import ExplorerError
    from explorer.core.plover_import import import_plover

    others = [p for p in args.files if p.suffix.lower() != ".jsonl"]
    if others:
        raise ExplorerError("PLOVER events (.jsonl) are imported on their own, not with articles", path=others[0])
    done = import_plover(args.workspace, list(args.files))
    if args.json:
        print(json.dumps({"workspace": str(args.workspace), "records": done.records, "claims": done.claims,
                          "added_triples": done.added_triples, "claims_file": str(done.claims_path)}, indent=1))
        return 0
    what = (f"{done.added_triples} triples added to {done.claims_path}" if done.added_triples
            else "nothing new: the workspace holds them all")
    print(f"read {done.records} PLOVER records ({done.claims} claims) from "
          f"{', '.join(str(p) for p in done.files)}; {what}", file=sys.stderr)
    return 0
