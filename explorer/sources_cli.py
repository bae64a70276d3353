"""The shell side of bringing one's own sources: ``explorer workspace``, ``explorer import``,
``explorer reanchor`` (registered into the explorer's parser by :func:`register`).

    explorer workspace DIR [--bundled]
    explorer import FILE... [--workspace DIR] [--title T --publisher P --author A --date D --url U] [--json]
    explorer validate [FILE...] --texts DIR [--json]    each quote: unchanged, moved, changed or lost
    explorer reanchor [FILE...] --texts DIR -o OUT      write the files with the moved quotes' new selectors
    explorer suggest ARTICLE [FILE...|DIR] [--json] [--min-score S] [--reject N...]   claim suggestions
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

COMMANDS = ("workspace", "import", "reanchor", "suggest")


def register(sub: argparse._SubParsersAction) -> None:
    workspace = sub.add_parser("workspace", help="make a new (or empty) folder a workspace for your own articles",
                               description="A workspace holds its articles' texts (seeds/), their metadata "
                                           "(articles.ttl), claims (claims.ttl), views and gradings. "
                                           "`explorer DIR` opens it.")
    workspace.add_argument("folder", type=Path, metavar="DIR")
    workspace.add_argument("--bundled", action="store_true",
                           help="start from a copy of the bundled graph and its article texts")
    workspace.set_defaults(handler=cmd_workspace)

    imp = sub.add_parser("import", help="add articles (plain text, HTML saved from a browser, PDF), or PLOVER "
                                        "events (.jsonl), to a workspace",
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

    validate = sub.choices.get("validate")
    if validate is not None:
        validate.add_argument("--texts", type=Path, metavar="DIR",
                              help="report each quote's state (unchanged, moved, changed, lost) against the "
                                   "article texts in DIR (see `explorer reanchor`)")
        validate.add_argument("--json", action="store_true", help="with --texts: the states as JSON")
    reanchor = sub.add_parser("reanchor", help="move quotes to where their words now are in edited article texts",
                              description="Find each quote in the article texts of DIR and write the data files "
                                          "that hold moved quotes, with their new selectors, into the folder OUT "
                                          "(same file names). Changed and lost quotes are listed, not written: "
                                          "accept them one by one in the window. The article texts in DIR "
                                          "replace the old ones when you copy them over.")
    reanchor.add_argument("files", nargs="*", type=Path, metavar="FILE",
                          help="data files or a workspace folder (the bundled graph when none is named)")
    reanchor.add_argument("--texts", type=Path, metavar="DIR", required=True, help="folder of the new article texts")
    reanchor.add_argument("-o", "--output", type=Path, metavar="OUT", required=True,
                          help="folder to write the re-anchored data files into (made when missing)")
    reanchor.set_defaults(handler=cmd_reanchor)

    sug = sub.add_parser("suggest", help="suggest claims from an article's sentences that name two known actors",
                         description="Offline, by rules (no model): for each sentence of the article body that "
                                     "names two known actors, a subject, relation, object, the smallest quote, a "
                                     "factuality guess, a date and a score; and whether it corroborates or "
                                     "contradicts a claim already in the graph. Accept one in the window "
                                     "(it opens the New Claim form filled in).")
    sug.add_argument("article", metavar="ARTICLE", help="the article: its IRI, local name (a000), seed file or title")
    sug.add_argument("files", nargs="*", type=Path, metavar="FILE",
                     help="data files or a workspace folder (the bundled graph when none is named)")
    sug.add_argument("--min-score", type=float, default=0.0, metavar="S", help="only suggestions scoring S or more")
    sug.add_argument("--reject", type=int, action="append", default=[], metavar="N",
                     help="reject suggestion N (as numbered in the listing) for good: remembered in the "
                          "workspace, never suggested again; repeatable")
    sug.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    sug.set_defaults(handler=cmd_suggest)


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
    if any(path.suffix.lower() == ".jsonl" for path in args.files):  # PLOVER events (issue 15)
        from explorer.plover_cli import cmd_import_plover

        return cmd_import_plover(args)
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


def _anchors(args: argparse.Namespace):  # -> tuple[KnowledgeBase, list[Anchor], dict[str, str]]
    """The graph the command line names, each article's text in ``--texts`` DIR, and every quote's state."""
    from explorer.core.anchoring import anchor_all
    from explorer.core.errors import ExplorerError
    from explorer.core.evidence import _read_text
    from explorer.core.formats import format_by_name
    from explorer.core.loading import load_knowledge
    from explorer.core.workspace import expand

    folder: Path = args.texts
    if not folder.is_dir():
        raise ExplorerError("no such folder" if not folder.exists() else "not a folder", path=folder)
    args.files = expand(list(args.files))
    for path in args.files:
        if not path.is_file():
            raise ExplorerError("no such file" if not path.exists() else "not a file", path=path)
    fmt = format_by_name(args.input_format) if getattr(args, "input_format", None) else None
    kb = load_knowledge(args.files, fmt=fmt)
    text_of: dict[str, str] = {}
    for iri, article in kb.articles.items():
        if article.seed_file and (folder / Path(article.seed_file).name).is_file():
            text_of[iri] = _read_text(folder / Path(article.seed_file).name)
    if not text_of:
        raise ExplorerError("holds no text of these articles (their cx:seedFile names)", path=folder)
    return kb, anchor_all(kb.evidence.values(), text_of), text_of


def cmd_validate_texts(args: argparse.Namespace) -> int:
    from collections import Counter

    from explorer.core.anchoring import CHANGED_THRESHOLD, State

    _kb, anchors, _text_of = _anchors(args)
    counts = Counter(a.state.value for a in anchors)
    if args.json:
        print(json.dumps({"texts": str(args.texts), "threshold": CHANGED_THRESHOLD,
                          "counts": {s.value: counts[s.value] for s in State},
                          "passages": [a.as_json() for a in anchors]}, indent=1, ensure_ascii=False))
    else:
        for a in anchors:
            name = a.evidence.rsplit("/", 1)[-1]
            where = f"{a.old_start}-{a.old_end}"
            if a.state is State.MOVED:
                where += f" -> {a.start}-{a.end}"
            elif a.state is State.CHANGED:
                where += f" -> {a.start}-{a.end} (score {a.score:.2f}): now {_clip(a.new_exact or '')!r}"
            print(f"{a.state.value}: {name}: {where}: {_clip(a.exact)!r}")
        summary = ", ".join(f"{counts[s.value]} {s.value}" for s in State)
        print(f"{args.texts}: {len(anchors)} quotes: {summary}", file=sys.stderr)
    return 0 if counts["unchanged"] == len(anchors) else 1


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def cmd_reanchor(args: argparse.Namespace) -> int:
    from explorer.core.anchoring import State
    from explorer.core.curation import Document
    from explorer.core.curation.reanchor import AcceptAnchors
    from explorer.core.errors import ExplorerError
    from explorer.core.export import write_atomically
    from explorer.resources import curated_files

    _kb, anchors, text_of = _anchors(args)
    moved = [a for a in anchors if a.state is State.MOVED]
    files = args.files or curated_files()
    doc = Document.from_files(files)
    doc.run(AcceptAnchors(moved, text_of))
    changed = doc.changed_files()
    out: Path = args.output
    if out.exists() and not out.is_dir():
        raise ExplorerError("not a folder: -o names the folder the re-anchored files go into", path=out)
    out.mkdir(parents=True, exist_ok=True)
    for file in changed:
        if (out / file.name).resolve() == file.resolve():
            raise ExplorerError("would overwrite the file it reads: choose another folder for -o", path=file)
    for file in changed:
        write_atomically(out / file.name, doc.serialize(file))
        print(f"wrote {out / file.name}", file=sys.stderr)
    left = [a for a in anchors if a.state in (State.CHANGED, State.LOST)]
    for a in left:
        print(f"not re-anchored ({a.state.value}): {a.evidence.rsplit('/', 1)[-1]}: {_clip(a.exact)!r}",
              file=sys.stderr)
    print(f"{len(moved)} moved quote(s) re-anchored in {len(changed)} file(s); {len(left)} left to review",
          file=sys.stderr)
    return 0


def resolve_article(kb, name: str) -> str:  # kb: Knowledge
    """The IRI of the article ``name`` names: IRI, local name, seed file, or (a part of) its title."""
    from explorer.core.errors import ExplorerError

    if name in kb.articles:
        return name
    folded = name.casefold()
    for field in ("local", "seed", "title"):
        found = [iri for iri, a in kb.articles.items()
                 if (field == "local" and iri.rsplit("/", 1)[-1].casefold() == folded)
                 or (field == "seed" and (a.seed_file or "").casefold() in (folded, folded + ".txt"))
                 or (field == "title" and folded in (a.title or "").casefold())]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ExplorerError(f"{name!r} names {len(found)} articles: give its local name "
                                f"({', '.join(sorted(f.rsplit('/', 1)[-1] for f in found))})")
    raise ExplorerError(f"no article {name!r} in this graph",
                        hint="articles: " + ", ".join(sorted(i.rsplit("/", 1)[-1] for i in kb.articles)))


def cmd_suggest(args: argparse.Namespace) -> int:
    from explorer.core.errors import ExplorerError
    from explorer.core.loading import load_knowledge
    from explorer.core.suggest import rejected_keys, remember_rejections, suggest
    from explorer.core.workspace import expand, is_workspace

    folders = [p for p in args.files if p.is_dir()]
    workspace = folders[0] if len(folders) == 1 and is_workspace(folders[0]) else None
    files = expand(list(args.files))
    for path in files:
        if not path.is_file():
            raise ExplorerError("no such file" if not path.exists() else "not a file", path=path)
    kb = load_knowledge(files)
    article = resolve_article(kb, args.article)
    rejected = rejected_keys(workspace) if workspace else set()
    found = [s for s in suggest(kb, article, rejected=rejected) if s.score >= args.min_score]
    if args.reject:
        if workspace is None:
            raise ExplorerError("--reject needs a workspace folder (explorer suggest ARTICLE DIR --reject N)")
        bad = [n for n in args.reject if not 1 <= n <= len(found)]
        if bad:
            raise ExplorerError(f"no suggestion {bad[0]}: there are {len(found)}")
        gone = [found[n - 1] for n in args.reject]
        remember_rejections(workspace, gone)
        print(f"rejected {len(gone)} suggestion(s); remembered in {workspace}", file=sys.stderr)
        return 0
    labels = {iri: a.label for iri, a in kb.actors.items()}
    if args.json:
        print(json.dumps({"article": article, "suggestions": [s.as_json(labels) for s in found]},
                         indent=1, ensure_ascii=False))
        return 0
    for n, s in enumerate(found, 1):
        relation = kb.relations[s.predicate].label if s.predicate in kb.relations else s.predicate
        extra = [s.factuality.lower()] + ([s.date] if s.date else [])
        if s.corroborates:
            extra.append(f"corroborates {len(s.corroborates)} claim(s)")
        if s.contradicts:
            extra.append(f"contradicts {len(s.contradicts)} claim(s)")
        print(f"{n:3}. {s.score:.2f}  {labels.get(s.subject, s.subject)} {relation} "
              f"{labels.get(s.object, s.object)}  [{', '.join(extra)}]  {s.start}-{s.end}: {_clip(s.quote, 90)!r}")
    print(f"{len(found)} suggestion(s) for {article.rsplit('/', 1)[-1]}", file=sys.stderr)
    return 0

