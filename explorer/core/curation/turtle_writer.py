"""Readable, stable Turtle: the shape of the hand-written files in resources/data/, for people and diffs.

A claim is written as one group: its plain triple, its rdf:Statement, then its annotations with their
targets and selectors nested as ``[ ]``. Every other subject gets one block, one predicate per line.
The order is stable: blocks keep the position they had in the file being rewritten (its
:class:`Layout`), and new blocks follow in natural order of their IRIs (``a001-2`` before ``a001-10``).
The file's header (comments and prefix lines) and the comments above each block are kept, so an
unchanged file is written back as it was and an added claim is a diff of one block.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from explorer.core.vocab import CX, OA, PREFIXES

Triple = tuple[Node, Node, Node]
#: A place in a file: a subject's IRI, or the three IRIs of a one-line triple ``s p o .``.
Key = str | tuple[str, str, str]

_RDF_TYPE = str(RDF.type)

#: Predicates in the order people read them; any other predicate follows, sorted by IRI.
PREDICATE_ORDER = [str(p) for p in (
    RDF.type, RDF.subject, RDF.predicate, RDF.object, CX.eventDate,
    OA.motivatedBy, OA.hasBody, CX.assertedBy, OA.hasTarget, OA.hasSource, OA.hasSelector,
    OA.exact, OA.prefix, OA.suffix, OA.start, OA.end,
)] + [
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "https://schema.org/jobTitle",
    "https://schema.org/worksFor",
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2004/02/skos/core#definition",
    "http://purl.org/dc/terms/publisher",
    "http://purl.org/dc/terms/creator",
    "http://purl.org/dc/terms/issued",
    "https://schema.org/url",
    str(CX.seedFile), str(CX.bodyStart), str(CX.bodyEnd),
    "http://www.w3.org/2002/07/owl#sameAs",
    "https://schema.org/sameAs",
]
_PREDICATE_RANK = {p: i for i, p in enumerate(PREDICATE_ORDER)}
#: Nested nodes of one predicate are ordered by type: the quote selector before the position selector.
TYPE_ORDER = [str(OA.SpecificResource), str(OA.TextQuoteSelector), str(OA.TextPositionSelector)]
_TYPE_RANK = {t: i for i, t in enumerate(TYPE_ORDER)}

_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?)?")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.\-]*)?:\s*<([^>]*)>\s*\.?\s*$", re.IGNORECASE)
_SIMPLE_TRIPLE = re.compile(r"^(\S+)\s+(\S+)\s+(\S+)\s*\.\s*$")
_INDENT = "    "


def natural_key(text: str) -> tuple:
    """'evidence:a001-2' before 'evidence:a001-10'."""
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in re.split(r"(\d+)", text) if part)


@dataclass
class Layout:
    """What a Turtle file says beyond its triples: its header, prefixes, block order and comments."""

    header: str = ""  # the text up to the first statement (comments, prefix lines, blank lines), verbatim
    prefixes: dict[str, str] = field(default_factory=dict)
    #: The statements' first lines in order: the keys each line names, and the comment above it
    #: (its lines, blank lines included, and whether a blank line separates it from the statement).
    lines: list[tuple[tuple[Key, ...], tuple[tuple[str, ...], bool] | None]] = field(default_factory=list)
    positions: dict[Key, int] = field(default_factory=dict)  # first line naming each key

    def position(self, keys: Iterable[Key]) -> int | None:
        found = [self.positions[k] for k in keys if k in self.positions]
        return min(found) if found else None

    def comment(self, line: int | None) -> tuple[tuple[str, ...], bool] | None:
        return self.lines[line][1] if line is not None and 0 <= line < len(self.lines) else None


def read_layout(text: str) -> Layout:
    """The layout of a Turtle text: a hint for :func:`write_turtle`, never a source of triples.

    Statements are recognised by lines that start in the first column; the comment block directly
    above one (blank lines allowed) belongs to it.
    """
    layout = Layout()
    lines = text.splitlines()
    last_prefix = -1
    for i, line in enumerate(lines):
        m = _PREFIX_LINE.match(line)
        if m:
            layout.prefixes[m.group(1) or ""] = m.group(2)
            last_prefix = i
        elif line.strip() and not line.lstrip().startswith("#") and not line.lower().startswith(("@base", "base")):
            break
    first_body = last_prefix + 1
    if last_prefix >= 0:
        while first_body < len(lines) and not lines[first_body].strip():
            first_body += 1
        layout.header = "\n".join(lines[:first_body]) + "\n"
    pending: list[str] = []
    in_long_string = False
    for line in lines[first_body:]:
        if in_long_string:
            if line.count('"""') % 2 == 1:
                in_long_string = False
            continue
        if line.count('"""') % 2 == 1:
            in_long_string = True
        if not line.strip():
            if pending and pending[-1]:
                pending.append("")
            continue
        if line.startswith("#"):
            pending.append(line.rstrip())
            continue
        if line[0].isspace() or _PREFIX_LINE.match(line):
            pending = []
            continue
        keys = tuple(_line_keys(line, layout.prefixes))
        comment = None
        if pending:
            detached = pending[-1] == ""
            comment = (tuple(pending[:-1] if detached else pending), detached)
        for key in keys:
            layout.positions.setdefault(key, len(layout.lines))
        layout.lines.append((keys, comment))
        pending = []
    return layout


def _line_keys(line: str, prefixes: Mapping[str, str]) -> list[Key]:
    m = _SIMPLE_TRIPLE.match(line.rstrip())
    if m:
        terms = [_expand(t, prefixes) for t in m.groups()]
        if terms[1] == "a":
            terms[1] = _RDF_TYPE
        if all(t is not None for t in terms):
            return [(terms[0], terms[1], terms[2])]  # type: ignore[list-item]
    subject = _expand(line.split(None, 1)[0], prefixes)
    return [subject] if subject else []


def _expand(token: str, prefixes: Mapping[str, str]) -> str | None:
    if token == "a":
        return "a"
    if token.startswith("<") and token.endswith(">"):
        return token[1:-1]
    if ":" in token and not token.startswith(("_:", '"', "[")):
        prefix, local = token.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None


# ---------------------------------------------------------------------------- writing


def _quote(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _escape_iri(iri: str) -> str:
    return "".join(f"\\u{ord(c):04X}" if ord(c) <= 0x20 or c in '<>"{}|^`\\' else c for c in iri)


class _Writer:
    def __init__(self, triples: Iterable[Triple], prefixes: Mapping[str, str]) -> None:
        self.props: dict[Node, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.referrers: dict[BNode, list[Node]] = defaultdict(list)
        self.triples: set[Triple] = set()
        for s, p, o in triples:
            if (s, p, o) in self.triples:
                continue
            self.triples.add((s, p, o))
            self.props[s][str(p)].append(o)
            if isinstance(o, BNode):
                self.referrers[o].append(s)
        self.prefixes = dict(prefixes)
        self._namespaces = sorted(((ns, p) for p, ns in self.prefixes.items()), key=lambda x: -len(x[0]))
        self.used: set[str] = set()
        self.labels: dict[BNode, str] = {}
        self.nested = self._nestable()
        self._type_rank_cache: dict[Node, tuple] = {}

    # ---------------------------------------------------------------- structure

    def _nestable(self) -> set[BNode]:
        """Blank nodes referenced once, from a chain that reaches a printed subject (no cycle)."""
        candidates = {b for b, refs in self.referrers.items() if len(refs) == 1}
        nested: set[BNode] = set()
        for node in candidates:
            seen = {node}
            up = self.referrers[node][0]
            while isinstance(up, BNode) and up in candidates:
                if up in seen or up in nested:
                    break
                seen.add(up)
                up = self.referrers[up][0]
            if not (isinstance(up, BNode) and up in seen):
                nested.add(node)
        return nested

    # ---------------------------------------------------------------- terms

    def iri(self, iri: str, predicate: bool = False) -> str:
        if predicate and iri == _RDF_TYPE:
            return "a"
        for ns, prefix in self._namespaces:
            if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns):]):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(ns):]}"
        return "<" + _escape_iri(iri) + ">"

    def literal(self, lit: Literal) -> str:
        lex = str(lit)
        if lit.language:
            return _quote(lex) + "@" + lit.language
        dt = lit.datatype
        if dt is None or dt == XSD.string:
            return _quote(lex)
        if dt == XSD.integer and _INTEGER.fullmatch(lex):
            return lex
        if dt == XSD.boolean and lex in ("true", "false"):
            return lex
        return _quote(lex) + "^^" + self.iri(str(dt))

    def sort_key(self, node: Node) -> tuple:
        """Natural order of IRIs; blank nodes (whose names are random) by their content, after them."""
        if isinstance(node, BNode):
            return ((2, self._signature(node, set())),)
        return natural_key(str(node))

    def label(self, node: BNode) -> str:
        if node not in self.labels:
            self.labels[node] = f"_:b{len(self.labels) + 1}"
        return self.labels[node]

    def term(self, node: Node, indent: str) -> str:
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            return self.literal(node)
        if isinstance(node, BNode):
            return self.nested_node(node, indent) if node in self.nested else self.label(node)
        return self.iri(str(node))

    # ---------------------------------------------------------------- ordering

    def ordered(self, subject: Node) -> list[tuple[str, list[Node]]]:
        props = self.props.get(subject, {})
        keys = sorted(props, key=lambda p: (_PREDICATE_RANK.get(p, len(PREDICATE_ORDER)), p))
        return [(p, sorted(props[p], key=self.object_key)) for p in keys]

    def object_key(self, node: Node) -> tuple:
        if isinstance(node, URIRef):
            return (0, str(node))
        if isinstance(node, Literal):
            return (1, str(node), node.language or "", str(node.datatype or ""))
        if node in self._type_rank_cache:
            return self._type_rank_cache[node]
        types = [str(t) for t in self.props.get(node, {}).get(_RDF_TYPE, [])]
        rank = min((_TYPE_RANK.get(t, len(TYPE_ORDER)) for t in types), default=len(TYPE_ORDER))
        key = (2, rank, self._signature(node, set()))
        self._type_rank_cache[node] = key
        return key

    def _signature(self, node: Node, seen: set[Node]) -> str:
        """A blank node's content as text, for a stable order among siblings."""
        if not isinstance(node, BNode) or node in seen:
            return "" if isinstance(node, BNode) else node.n3()
        seen = seen | {node}
        parts = []
        for p, objects in sorted(self.props.get(node, {}).items()):
            parts.extend(f"{p} {self._signature(o, seen)}" for o in objects)
        return "[" + ";".join(sorted(parts)) + "]"

    # ---------------------------------------------------------------- nodes

    def _compact(self, node: BNode) -> bool:
        for _p, objects in self.props.get(node, {}).items():
            for o in objects:
                if isinstance(o, BNode):
                    return False
                if isinstance(o, Literal) and (o.language or o.datatype in (None, XSD.string)):
                    return False
        return True

    def nested_node(self, node: BNode, indent: str) -> str:
        """``[ p o ; ... ]``: on one line when it holds no text and no other node, else one line per
        predicate, indented one step past the predicate that holds it."""
        pairs = self.ordered(node)
        if not pairs:
            return "[]"
        inner = indent + _INDENT
        if self._compact(node):
            line = "[ " + " ; ".join(f"{self.iri(p, True)} {self.objects(objs, inner)}" for p, objs in pairs) + " ]"
            if len(line) + len(indent) <= 110:
                return line
        lines = [f"{self.iri(p, True)} {self.objects(objs, inner)}" for p, objs in pairs]
        return "[ " + (" ;\n" + inner).join(lines) + " ]"

    def objects(self, objects: list[Node], indent: str) -> str:
        rendered = [self.term(o, indent) for o in objects]
        if any(isinstance(o, BNode) and o in self.nested for o in objects):
            return (" ,\n" + indent + "  ").join(rendered)
        return ", ".join(rendered)

    def subject_block(self, subject: Node, skip: Iterable[str] = ()) -> str:
        """``s p o ;`` then one predicate per line (``a`` and its types on the subject's line)."""
        name = self.term(subject, "") if not isinstance(subject, BNode) else self.label(subject)
        pairs = [(p, objs) for p, objs in self.ordered(subject) if p not in skip]
        if not pairs:
            return ""
        lines = [f"{self.iri(p, True)} {self.objects(objs, _INDENT)}" for p, objs in pairs]
        return name + " " + (" ;\n" + _INDENT).join(lines) + " ."

    def statement_block(self, statement: Node) -> str:
        """The hand-written shape: type, then subject, predicate and object on one line."""
        name = self.term(statement, "") if not isinstance(statement, BNode) else self.label(statement)
        pairs = self.ordered(statement)
        spo = (str(RDF.subject), str(RDF.predicate), str(RDF.object))
        head = [f"{self.iri(p, True)} {self.objects(o, _INDENT)}" for p, o in pairs if p == _RDF_TYPE]
        middle = [f"{self.iri(p, True)} {self.objects(o, _INDENT)}" for p, o in pairs if p in spo]
        rest = [f"{self.iri(p, True)} {self.objects(o, _INDENT)}" for p, o in pairs
                if p != _RDF_TYPE and p not in spo]
        lines = [" ; ".join(middle)] if middle else []
        lines += rest
        first = name + " " + (" ; ".join(head) if head else (lines.pop(0) if lines else ""))
        return (" ;\n" + _INDENT).join([first, *lines]) + " ."


def write_turtle(triples: Iterable[Triple], prefixes: Mapping[str, str] | None = None,
                 layout: Layout | None = None, header: str | None = None) -> str:
    """Turtle for ``triples``, grouped and ordered as described in the module docstring.

    ``prefixes`` (default: the project's) are declared when used; ``layout`` (from :func:`read_layout`
    of the file being rewritten) keeps its header, order and comments; ``header`` is a comment for a
    new file. The same input always gives the same text.
    """
    layout = layout or Layout()
    available = dict(layout.prefixes)
    for name, ns in (prefixes if prefixes is not None else PREFIXES).items():
        if name not in available and ns not in available.values():
            available[name] = ns
    w = _Writer(triples, available)

    statements = sorted(
        (s for s in w.props if str(RDF.Statement) in {str(t) for t in w.props[s].get(_RDF_TYPE, [])}),
        key=w.sort_key)
    statement_set = set(statements)
    annotations: dict[Node, list[Node]] = defaultdict(list)
    claimed: set[Node] = set()
    for s in w.props:
        types = {str(t) for t in w.props[s].get(_RDF_TYPE, [])}
        if str(OA.Annotation) in types and s not in w.nested:
            bodies = [b for b in w.props[s].get(str(OA.hasBody), []) if b in statement_set]
            if bodies:
                annotations[min(bodies, key=w.sort_key)].append(s)
                claimed.add(s)
    for anns in annotations.values():
        anns.sort(key=w.sort_key)

    # A plain triple stands once, in the group of the first statement (in file order) that describes it:
    # two events with the same triple (a visit in 2014 and in 2023) keep their own statements.
    owner: dict[Triple, tuple[tuple, Node]] = {}
    for st in statements:
        plain = _plain_triple(w, st)
        if plain is not None:
            pos = layout.positions.get(str(st))
            rank = (0, pos) if pos is not None else (1, w.sort_key(st))
            if plain not in owner or rank < owner[plain][0]:
                owner[plain] = (rank, st)

    # (sort key, text, comment from the layout, generated comment)
    blocks: list[tuple[tuple, str, tuple[tuple[str, ...], bool] | None, str | None]] = []
    in_groups: set[Triple] = set()
    for st in statements:
        plain = _plain_triple(w, st)
        if plain is not None and owner[plain][1] != st:
            plain = None
        anns = annotations.get(st, [])
        line = layout.positions.get(str(st))
        if line is not None and line > 0 and plain is not None and layout.lines[line - 1][0] == (
                (str(plain[0]), str(plain[1]), str(plain[2])),):
            line -= 1  # the group starts at its plain triple, where its comment is
        elif line is None:
            line = layout.position([str(a) for a in anns])
        parts = []
        if plain is not None:
            in_groups.add(plain)
            parts.append(f"{w.term(plain[0], '')} {w.iri(str(plain[1]), True)} {w.term(plain[2], _INDENT)} .")
        parts.append(w.statement_block(st))
        parts.extend(w.subject_block(a) for a in anns)
        order = (0, line) if line is not None else (1, 0, w.sort_key(anns[0] if anns else st))
        blocks.append((order, "\n".join(parts), layout.comment(line), _first_quote(w, anns)))

    for s in sorted(w.props, key=w.sort_key):
        if s in statement_set or s in claimed or s in w.nested:
            continue
        saved = w.props[s]
        own = {p: [o for o in objs if (s, URIRef(p), o) not in in_groups] for p, objs in saved.items()}
        w.props[s] = defaultdict(list, {p: objs for p, objs in own.items() if objs})
        text = w.subject_block(s)
        w.props[s] = saved
        if not text:
            continue
        keys: list[Key] = []
        if not isinstance(s, BNode):
            keys.append(str(s))
            keys.extend((str(s), p, str(o)) for p, objs in own.items() for o in objs if isinstance(o, URIRef))
        line = layout.position(keys)
        order = (0, line) if line is not None else (1, 1, w.sort_key(s))
        blocks.append((order, text, layout.comment(line), None))

    blocks.sort(key=lambda b: b[0])
    body: list[str] = []
    for _order, text, comment, quote in blocks:
        if comment is not None:
            body.append("\n".join(comment[0]) + ("\n\n" if comment[1] else "\n") + text)
        elif quote is not None:
            body.append('# "' + " ".join(quote.splitlines()) + '"\n' + text)
        else:
            body.append(text)
    head = _head(layout, available, w.used, header)
    if head and not head.endswith("\n\n"):
        head += "\n"
    return head + "\n\n".join(body) + "\n"


def _plain_triple(w: _Writer, statement: Node) -> Triple | None:
    """The triple a statement describes, when the data also asserts it."""
    spo = [w.props[statement].get(str(p), [None])[0] for p in (RDF.subject, RDF.predicate, RDF.object)]
    if None in spo:
        return None
    plain: Triple = (spo[0], spo[1], spo[2])  # type: ignore[assignment]
    return plain if plain in w.triples else None


def _first_quote(w: _Writer, annotations: list[Node]) -> str | None:
    for ann in annotations:
        for target in w.props.get(ann, {}).get(str(OA.hasTarget), []):
            for selector in w.props.get(target, {}).get(str(OA.hasSelector), []):
                exact = w.props.get(selector, {}).get(str(OA.exact))
                if exact:
                    return str(exact[0])
    return None


def _prefix_line(name: str, ns: str) -> str:
    return f"@prefix {(name + ':').ljust(8)} <{_escape_iri(ns)}> ."


def _head(layout: Layout, available: Mapping[str, str], used: set[str], header: str | None) -> str:
    if layout.header:
        missing = [p for p in available if p in used and p not in layout.prefixes]
        return layout.header + "".join(_prefix_line(p, available[p]) + "\n" for p in missing)
    lines = [f"# {line}".rstrip() for line in header.splitlines()] if header else []
    if lines:
        lines.append("")
    lines += [_prefix_line(p, available[p]) for p in available if p in used]
    return "\n".join(lines) + "\n" if lines else ""
