"""Safe SPARQL: Python values become SPARQL terms here, and queries are built only from templates and terms.

Whatever a user types (search text, an IRI, a filter value) and whatever a server sends back reaches a
query only through :func:`iri`, :func:`literal`, :func:`integer`, :func:`values` or :func:`name_pattern`,
and is placed only by :func:`render`, which refuses anything that is not a serialised :class:`Term`.
So a quote, a brace, ``} ; DROP ALL``, a newline or a ``#`` stays inside its literal, and a malformed IRI
is refused before a query is sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from explorer.core.errors import ExplorerError
from explorer.core.knowledge import fold


class Term(str):
    """A piece of SPARQL text made by this module: a serialised term or a VALUES block."""

    __slots__ = ()


#: Characters IRIREF forbids: controls and space, and <>"{}|^`\ (SPARQL 1.1 grammar, rule [139]).
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: The longest IRI accepted, a guard against pasting a whole document where an IRI belongs.
MAX_IRI = 8192

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def is_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI that can be written as a SPARQL IRIREF."""
    return (isinstance(value, str) and 0 < len(value) <= MAX_IRI and _SCHEME.match(value) is not None
            and _BAD_IRI_CHARS.search(value) is None and _encodable(value))


def iri(value: str) -> Term:
    """``<value>``, after checking that ``value`` is an absolute IRI with no character IRIREF forbids."""
    if not isinstance(value, str):
        raise ExplorerError(f"not an IRI: {value!r}")
    if not is_iri(value):
        shown = value if len(value) <= 80 else value[:77] + "..."
        raise ExplorerError(f"not a valid IRI: {shown!r}",
                            hint="an IRI starts with a scheme such as https: and holds no spaces, "
                                 'quotes or any of <>{}|^`\\')
    return Term(f"<{value}>")


def literal(value: str, *, lang: str | None = None, datatype: str | None = None) -> Term:
    """A quoted string literal with every quote, backslash and control character escaped."""
    if not isinstance(value, str):
        raise ExplorerError(f"not text: {value!r}")
    if not _encodable(value):
        raise ExplorerError("the text holds characters that are not valid Unicode")
    body = _NEEDS_ESCAPE.sub(_escape_char, value)
    if lang is not None:
        if not _LANG.match(lang):
            raise ExplorerError(f"not a valid language tag: {lang!r}")
        return Term(f'"{body}"@{lang}')
    if datatype is not None:
        return Term(f'"{body}"^^{iri(datatype)}')
    return Term(f'"{body}"')


def integer(value: int) -> Term:
    """A non-negative integer, for LIMIT and OFFSET and counts."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ExplorerError(f"not a non-negative integer: {value!r}")
    return Term(str(value))


def variable(name: str) -> Term:
    if not _VARIABLE.match(name):
        raise ExplorerError(f"not a SPARQL variable name: {name!r}")
    return Term("?" + name)


def values(var: str, iris: Iterable[str]) -> Term:
    """``VALUES ?var { <a> <b> ... }`` over IRIs (each checked); an empty list matches nothing."""
    terms = " ".join(iri(i) for i in iris)
    return Term(f"VALUES {variable(var)} {{ {terms} }}")


def render(template: str, **terms: Term) -> str:
    """``template`` with each ``${name}`` replaced by a :class:`Term`: the only way queries get values."""
    for key, value in terms.items():
        if not isinstance(value, Term):
            raise TypeError(f"{key} must be serialised with explorer.core.remote.sparql, not passed as {type(value)}")

    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in terms:
            raise KeyError(f"no value for ${{{key}}}")
        return terms[key]

    return _PLACEHOLDER.sub(substitute, template)


# ---------------------------------------------------------------- search

#: Needles longer than this are matched with CONTAINS (no regular expression is built from them).
MAX_PATTERN_NEEDLE = 200
_REGEX_SPECIAL = set("\\|.-^?*+{}()[]$")


@cache
def _variants() -> dict[str, frozenset[str]]:
    """Folded letter -> the letters that fold to it (both cases), over Latin, Greek and Cyrillic."""
    table: dict[str, set[str]] = {}
    ranges = [range(0x41, 0x5B), range(0x61, 0x7B), range(0xC0, 0x250), range(0x370, 0x530),
              range(0x1E00, 0x1F00)]
    for block in ranges:
        for code in block:
            ch = chr(code)
            if unicodedata.category(ch)[0] != "L":
                continue
            folded = fold(ch)
            if len(folded) == 1:
                table.setdefault(folded, {folded}).add(ch)
    return {base: frozenset(c for v in chars for c in (v, v.lower(), v.upper()) if len(c) == 1)
            for base, chars in table.items()}


def _regex_char(ch: str) -> str:
    if ch in _REGEX_SPECIAL:
        return "\\" + ch
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, ch)


def name_pattern(text: str, *, anchored: bool = False) -> Term | None:
    """An XPath regular expression (as a serialised literal) matching names that contain ``text``,
    ignoring case and accents; None when ``text`` is too long for a pattern (use CONTAINS instead)."""
    needle = fold(text)
    if len(needle) > MAX_PATTERN_NEEDLE:
        return None
    table = _variants()
    parts = ["^"] if anchored else []
    for ch in needle:
        chars = table.get(ch)
        if chars and len(chars) > 1:
            parts.append("[" + "".join(_regex_char(c) for c in sorted(chars)) + "]")
        else:
            parts.append(_regex_char(ch))
    return literal("".join(parts))


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _ECHAR.get(ch) or f"\\u{ord(ch):04X}"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def rdf_term(node: object) -> Term:
    """An rdflib IRI or literal as a SPARQL term (blank nodes cannot be named in a query)."""
    import rdflib

    if isinstance(node, rdflib.URIRef):
        return iri(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return literal(str(node), lang=node.language)
        if node.datatype is not None:
            return literal(str(node), datatype=str(node.datatype))
        return literal(str(node))
    if isinstance(node, rdflib.BNode):
        raise ExplorerError("a blank node cannot be named in a SPARQL request",
                            hint="give the resource an IRI to change it on a store")
    raise ExplorerError(f"not an RDF term: {node!r}")
