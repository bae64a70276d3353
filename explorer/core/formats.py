"""A registry of the RDF formats the explorer reads and writes, and the safety checks run before parsing.

Opening a file never touches the network and never expands XML entities: RDF/XML with a DTD that
declares entities is refused, and JSON-LD that names a remote ``@context`` is refused with a clear
message (Oxigraph's parser is given no document loader, so it could not fetch one anyway).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from explorer.core.errors import ExplorerError


@dataclass(frozen=True)
class RdfFormat:
    name: str
    label: str
    extensions: tuple[str, ...]
    media_type: str
    oxigraph: ox.RdfFormat
    rdflib: str
    quads: bool = False


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "Turtle", (".ttl", ".turtle"), "text/turtle", ox.RdfFormat.TURTLE, "turtle"),
        RdfFormat("ntriples", "N-Triples", (".nt",), "application/n-triples", ox.RdfFormat.N_TRIPLES, "nt"),
        RdfFormat("nquads", "N-Quads", (".nq",), "application/n-quads", ox.RdfFormat.N_QUADS, "nquads", True),
        RdfFormat("trig", "TriG", (".trig",), "application/trig", ox.RdfFormat.TRIG, "trig", True),
        RdfFormat("rdfxml", "RDF/XML", (".rdf", ".owl", ".xml"), "application/rdf+xml",
                  ox.RdfFormat.RDF_XML, "xml"),
        RdfFormat("jsonld", "JSON-LD", (".jsonld", ".json"), "application/ld+json",
                  ox.RdfFormat.JSON_LD, "json-ld"),
    )
}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "xml": "rdfxml",
           "rdf": "rdfxml", "rdf/xml": "rdfxml", "json-ld": "jsonld", "owl": "rdfxml"}

#: How much of a file is read ahead for the safety checks; the rest is streamed to the parser.
HEAD_BYTES = 1 << 16


def format_by_name(name: str) -> RdfFormat:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise ExplorerError(f"unknown RDF format {name!r}", hint=f"known formats: {known}")
    return FORMATS[key]


def guess_format(path: str | Path) -> RdfFormat:
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    raise ExplorerError(f"cannot tell the RDF format from the file extension {suffix or '(none)'!r}",
                        path=path, hint="use .ttl, .nt, .nq, .trig, .rdf, .owl or .jsonld, or name --format")


def open_dialog_filter() -> str:
    """A file-dialog filter listing every readable format."""
    every = " ".join(f"*{e}" for f in FORMATS.values() for e in f.extensions)
    each = ";;".join(f"{f.label} ({' '.join('*' + e for e in f.extensions)})" for f in FORMATS.values())
    return f"RDF files ({every});;{each};;All files (*)"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def check_head(head: bytes, fmt: RdfFormat, path: str | Path, *, whole: bool) -> int:
    """Refuse what is unsafe or plainly not RDF text, before a parser sees it.

    Returns the number of bytes to skip (a UTF-8 byte order mark).
    ``whole`` says whether ``head`` is the whole file (so JSON can be checked fully).
    """
    if not head.strip():
        raise ExplorerError("the file is empty: it holds no RDF statements", path=path)
    nul = head.find(b"\x00")
    if nul >= 0:
        raise ExplorerError("this is a binary file, not RDF text", path=path, line=_line_of(head, nul))
    skip = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    try:
        head[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        if whole or exc.start < len(head) - 4:  # a multi-byte character cut by the read-ahead is fine
            raise ExplorerError(f"the file is not valid UTF-8 text (byte 0x{head[skip + exc.start]:02x})",
                                path=path, line=_line_of(head, skip + exc.start)) from None
    if fmt.name == "rdfxml":
        m = _ENTITY.search(head) or (_DOCTYPE.search(head) if b"[" in head else None)
        if m:
            raise ExplorerError("XML entity declarations are not allowed (they can expand without limit "
                                "or read other files)", path=path, line=_line_of(head, m.start()))
    if fmt.name == "jsonld" and whole:
        _check_jsonld(head[skip:], path)
    return skip


def _check_jsonld(data: bytes, path: str | Path) -> None:
    try:
        doc = json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise ExplorerError(f"malformed JSON: {exc.msg}", path=path, line=exc.lineno, column=exc.colno) from None
    for url in _remote_contexts(doc):
        raise ExplorerError(f"the JSON-LD names a remote @context ({url}); the explorer never fetches it",
                            path=path, hint="inline the context in the file")


def _remote_contexts(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                yield from _context_urls(value)
            yield from _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _remote_contexts(item)


def _context_urls(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _context_urls(item)
    elif isinstance(value, dict):
        if isinstance(value.get("@import"), str):
            yield value["@import"]
