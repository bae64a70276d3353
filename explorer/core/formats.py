"""A registry of the RDF formats the explorer reads and writes, and the safety checks on every file read.

Opening a file never touches the network and never expands XML entities:

- RDF/XML passes through a non-validating expat parser on its way to Oxigraph. Short literal
  internal entities (the namespace abbreviations Protégé writes) are allowed; external, parameter
  and nested entities ("billion laughs", XXE) are refused before the parser sees them, and so is
  more than 16 M characters of expansion. Ill-formed or truncated XML is reported with its place.
- JSON-LD is read whole and checked as JSON first: a remote (or any external) ``@context`` is
  refused with a clear message (Oxigraph is given no document loader, so it could not fetch one
  anyway), and so is nesting deeper than :data:`MAX_NESTING` (Oxigraph's JSON-LD parser recurses).
- Every byte is checked to be UTF-8 (a leading byte order mark is skipped), NUL bytes and the
  magic numbers of compressed or UTF-16 files are recognised, and a load stops with
  :class:`NotEnoughMemoryError` when the process runs short of memory instead of being killed.
- ``owl:imports`` and every other IRI in the data are plain data: nothing follows them.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

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
#: The formats whose grammar allows a document without statements (``turtleDoc ::= statement*``,
#: ``trigDoc ::= (directive | block)*``, ``ntriplesDoc ::= triple? (EOL triple)* EOL?``, N-Quads alike):
#: an empty file of these loads, and adds nothing. RDF/XML needs a root element and JSON-LD a JSON value.
MAY_BE_EMPTY = frozenset({"turtle", "trig", "ntriples", "nquads"})
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "xml": "rdfxml",
           "rdf": "rdfxml", "rdf/xml": "rdfxml", "json-ld": "jsonld", "owl": "rdfxml"}

#: How much of a file is read ahead for the safety checks; the rest is streamed to the parser.
HEAD_BYTES = 1 << 16
#: Deepest element or object nesting accepted in RDF/XML and JSON-LD. Real files nest a handful of
#: levels; Oxigraph's JSON-LD parser recurses (a few thousand levels overflow the stack) and its
#: RDF/XML parser slows down more than quadratically with depth.
MAX_NESTING = 256
#: Memory an in-memory Oxigraph store takes per byte of Turtle, roughly (measured: 2 for one long
#: literal, 12 for the curated claims, 21 for many short triples). A file is refused up front when
#: this estimate exceeds the free memory.
OXIGRAPH_BYTES_PER_BYTE = 16
#: A load stops when less memory than this is left, or less than it has taken so far (indexing the
#: last batch of triples needs about as much again as reading it took).
MIN_FREE_MEMORY = 128 << 20
#: How often (in bytes read) a load looks at the free memory.
MEMORY_CHECK_BYTES = 1 << 20
#: Address space pyoxigraph's bulk_load reserves up front (a 200 MB buffer): under an address-space
#: limit (``ulimit -v``) a load without this much room would abort the process, not raise.
ADDRESS_SPACE_RESERVE = 256 << 20

_BOM = b"\xef\xbb\xbf"
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "a gzip-compressed file: decompress it first"),
    (b"PK\x03\x04", "a ZIP archive: extract the RDF file from it first"),
    (b"BZh", "a bzip2-compressed file: decompress it first"),
    (b"\xfd7zXZ\x00", "an xz-compressed file: decompress it first"),
    (b"\xff\xfe\x00\x00", "UTF-32 text: save it as UTF-8"),
    (b"\xff\xfe", "UTF-16 text: save it as UTF-8"),
    (b"\xfe\xff", "UTF-16 text: save it as UTF-8"),
    (b"%PDF", "a PDF document, not RDF"),
)


class NotEnoughMemoryError(ExplorerError):
    """The file does not fit in the memory left; whatever was loaded of it is dropped."""


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


# ---------------------------------------------------------------------------------------- the head


def check_head(head: bytes, fmt: RdfFormat, path: str | Path, *, whole: bool) -> int:
    """Refuse what is plainly not RDF text, before a parser sees it.

    Returns the number of bytes to skip (a UTF-8 byte order mark). ``whole`` says whether ``head``
    is the whole file. The UTF-8 and XML checks of every byte are :class:`InputCheck`'s; JSON-LD
    is checked by :func:`check_jsonld`.
    """
    if whole and not head.strip():
        if fmt.name in MAY_BE_EMPTY:
            return 0
        raise ExplorerError(f"the file is empty: {fmt.label} needs at least "
                            + ("a root element" if fmt.name == "rdfxml" else "a JSON value"), path=path)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise ExplorerError(f"this is {what}", path=path)
    if _looks_binary(head, whole):
        raise ExplorerError("this is a binary file, not RDF text", path=path)
    return len(_BOM) if head.startswith(_BOM) else 0


def _looks_binary(head: bytes, whole: bool) -> bool:
    """NUL bytes with invalid UTF-8, or text that is one tenth NUL (UTF-16 or a binary format). Control
    characters inside literals, NUL among them, are legal Turtle, TriG, N-Triples and N-Quads (the W3C
    suites' LITERAL1_all_controls is a third control bytes), and rdflib writes them unescaped, so they
    alone are not."""
    if b"\x00" not in head:
        return False
    if head.count(b"\x00") * 10 > len(head):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return whole or exc.start < len(head) - 3  # not a character cut by the read-ahead
    return False


def format_hint(head: bytes, fmt: RdfFormat) -> str | None:
    """A guess at what the file really is, when its start does not fit ``fmt``."""
    start = head.lstrip(_BOM + b" \t\r\n")[:64].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "this looks like an HTML web page, not RDF"
    if fmt.name != "jsonld" and start[:1] in (b"{", b"["):
        return "this looks like JSON-LD: name it .jsonld or choose the JSON-LD format"
    if fmt.name != "rdfxml" and start.startswith((b"<?xml", b"<rdf:rdf")):
        return "this looks like RDF/XML: name it .rdf or choose the RDF/XML format"
    if fmt.name == "rdfxml" and start[:1] != b"<":
        return "this does not look like XML: if it is Turtle or N-Triples, name it .ttl or .nt"
    if fmt.name in ("ntriples", "nquads") and (b"@prefix" in head or b"PREFIX" in head):
        return f"{fmt.label} has no prefixes: if this is Turtle, name it .ttl"
    return None


# ---------------------------------------------------------------------------------------- JSON-LD


def check_jsonld(data: bytes, path: str | Path) -> None:
    """Refuse malformed JSON, nesting deeper than :data:`MAX_NESTING` and external contexts."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise ExplorerError(f"malformed JSON: {exc.msg}", path=path, line=exc.lineno,
                            column=exc.colno) from None
    except RecursionError:
        raise ExplorerError(f"the JSON is nested more than {MAX_NESTING} levels deep", path=path) from None
    except MemoryError:
        raise NotEnoughMemoryError("not enough memory to read this JSON-LD file", path=path) from None
    except (ValueError, UnicodeDecodeError) as exc:
        reason = "a number has more than 4300 digits" if "int_max_str_digits" in str(exc) else str(exc)
        raise ExplorerError(f"malformed JSON: {reason}", path=path) from None
    stack: list[tuple[object, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            raise ExplorerError(f"the JSON is nested more than {MAX_NESTING} levels deep", path=path)
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for url in _context_urls(value):
                        raise ExplorerError(
                            f"the JSON-LD names an external @context ({url}); the explorer never fetches "
                            "contexts", path=path, hint="inline the context in the file")
                stack.append((value, depth + 1))
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)


def _context_urls(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _context_urls(item)
    elif isinstance(value, dict) and isinstance(value.get("@import"), str):
        yield value["@import"]


# ---------------------------------------------------------------------------------------- every byte


#: Internal XML entities are allowed the way Protégé and other OWL tools write them (short,
#: literal namespace abbreviations such as ``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``);
#: anything that could expand without limit or read elsewhere is refused.
MAX_ENTITIES = 256
MAX_ENTITY_VALUE = 512
MAX_EXPANSION = 16 << 20  # characters added by entity references, in all


class _XmlCheck:
    """Feeds RDF/XML through expat, which never loads external entities: refuses external, parameter
    and nested entities, bounds what internal entities may add, and reports ill-formed XML with its place."""

    def __init__(self, path: str | Path, hint: str | None) -> None:
        self.path = path
        self.hint = hint
        self.depth = 0
        self.entities: dict[str, int] = {}
        self.expanded = 0
        self.parser = expat.ParserCreate(encoding="utf-8")
        self.parser.EntityDeclHandler = self._entity
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        # With a default handler, expat reports entity references instead of expanding them here.
        self.parser.DefaultHandler = self._default

    def _error(self, message: str, hint: str | None = None) -> ExplorerError:
        return ExplorerError(message, path=self.path, line=self.parser.CurrentLineNumber,
                             column=self.parser.CurrentColumnNumber + 1, hint=hint)

    def _entity(self, name: str, is_parameter: int, value: str | None, _base: object, system_id: str | None,
                public_id: str | None, notation: str | None) -> None:
        refuse = "XML entity declarations are not allowed (they can expand without limit or read other files)"
        hint = "save the file without a DOCTYPE, or as Turtle"
        if is_parameter or value is None or system_id or public_id or notation:
            raise self._error(f"{refuse}: entity {name!r} is external or a parameter entity", hint)
        if "&" in value or "%" in value:
            raise self._error(f"{refuse}: entity {name!r} refers to other entities", hint)
        if len(value) > MAX_ENTITY_VALUE or len(self.entities) >= MAX_ENTITIES:
            raise self._error(f"{refuse}: more than {MAX_ENTITIES} entities or one longer than "
                              f"{MAX_ENTITY_VALUE} characters", hint)
        self.entities[name] = len(value)

    def _default(self, data: str) -> None:
        if data.startswith("&") and data.endswith(";") and data[1:-1] in self.entities:
            self.expanded += self.entities[data[1:-1]]
            if self.expanded > MAX_EXPANSION:
                raise self._error(f"XML entities expand to more than {MAX_EXPANSION >> 20} M characters",
                                  "save the file without a DOCTYPE, or as Turtle")

    def _start(self, _name: str, _attributes: object) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self._error(f"the XML is nested more than {MAX_NESTING} elements deep")

    def _end(self, _name: str) -> None:
        self.depth -= 1

    def feed(self, data: bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(data, final)
        except expat.ExpatError as exc:
            raise ExplorerError(f"RDF/XML is not well-formed XML: {expat.ErrorString(exc.code)}",
                                path=self.path, line=exc.lineno, column=exc.offset + 1,
                                hint=self.hint) from None


class InputCheck:
    """Checks every byte of a file on its way to a parser, raising :class:`ExplorerError` with the line.

    Also notes the first line that may hold an RDF 1.2 triple term (``<<`` in the text formats,
    ``Triple`` in RDF/XML): the loader then asks the store whether one was really loaded.
    """

    def __init__(self, fmt: RdfFormat, path: str | Path) -> None:
        self.fmt = fmt
        self.path = path
        self.lines = 0  # newlines before the next chunk
        self.hint: str | None = None
        self.triple_term_line: int | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._marker = {"rdfxml": b"Triple", "jsonld": b""}.get(fmt.name, b"<<")
        self._last = b""
        self._xml: _XmlCheck | None = None
        self._fed = 0
        self._started = False
        self._finished = False

    def feed(self, chunk: bytes) -> None:
        if not self._started:
            self._started = True
            self.hint = format_hint(chunk, self.fmt)
            if self.fmt.name == "rdfxml":
                self._xml = _XmlCheck(self.path, self.hint)
        pending = len(self._decoder.getstate()[0])
        try:
            self._decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            self._not_utf8(chunk, max(exc.start - pending, 0))
        if self._marker and self.triple_term_line is None:
            self._find_marker(self._last + chunk, len(self._last))
        if self._xml is not None:
            self._xml.feed(chunk)
        self.lines += chunk.count(b"\n")
        self._fed += len(chunk)
        if self._marker:
            self._last = chunk[-(len(self._marker) - 1):]

    def _find_marker(self, data: bytes, carried: int) -> None:
        """Note the line of the first marker that is not on a comment line (``carried`` bytes of
        ``data`` are the end of the previous chunk)."""
        at = data.find(self._marker)
        while at >= 0:
            line_start = data.rfind(b"\n", 0, at) + 1
            if not data[line_start:at].lstrip().startswith(b"#"):
                self.triple_term_line = self.lines + 1 + data.count(b"\n", carried, max(at, carried))
                return
            at = data.find(self._marker, at + len(self._marker))

    def finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        try:
            self._decoder.decode(b"", True)
        except UnicodeDecodeError:
            raise ExplorerError("the file ends inside a UTF-8 character: it is truncated or not UTF-8",
                                path=self.path, line=self.lines + 1) from None
        if self._xml is not None:
            self._xml.feed(b"", True)

    def _not_utf8(self, chunk: bytes, at: int) -> None:
        line_start = chunk.rfind(b"\n", 0, at) + 1
        known = line_start > 0 or self._fed == 0  # else the line began in an earlier chunk
        column = len(chunk[line_start:at].decode("utf-8", "replace")) + 1 if known else None
        raise ExplorerError(f"the file is not valid UTF-8 text (byte 0x{chunk[at]:02x})", path=self.path,
                            line=self.lines + 1 + chunk.count(b"\n", 0, at), column=column,
                            hint="save it as UTF-8")


class CheckedStream(io.RawIOBase):
    """A file as a parser reads it: every chunk passes :class:`InputCheck`, and the free memory is
    watched so that a file too big for this machine stops with :class:`NotEnoughMemoryError`."""

    def __init__(self, raw: BinaryIO, check: InputCheck, *, size: int = 0) -> None:
        self._raw = raw
        self.check = check
        self._size = size
        self._read = 0
        self._since_memory_check = 0
        self._free_at_start: int | None = None
        self._resident_at_start: int | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._read == 0 and self._free_at_start is None:
            # Measured at the first read, once the parser has made its own reservations.
            self._free_at_start = memory_headroom(reserve=False)
            self._resident_at_start = resident_memory()
        data = self._raw.read(len(buffer))
        if data:
            self.check.feed(data)
        else:
            self.check.finish()
        n = len(data)
        buffer[:n] = data
        self._read += n
        self._since_memory_check += n
        if self._since_memory_check >= MEMORY_CHECK_BYTES:
            self._since_memory_check = 0
            self.check_memory()
        return n

    def check_memory(self) -> None:
        """Stop the load while there is still memory to show the error and drop the partial graph."""
        free = memory_headroom(reserve=False)
        if free is None or self._free_at_start is None:
            return
        # What this load took: the drop in free memory, or the growth of this process (a parser may
        # fill address space it reserved up front, which an address-space limit counts at once).
        resident = resident_memory()
        grown = resident - self._resident_at_start if resident and self._resident_at_start else 0
        taken = max(self._free_at_start - free, grown, 0)
        if free < max(min(MIN_FREE_MEMORY, self._free_at_start // 2), taken):
            raise NotEnoughMemoryError(
                f"not enough memory to load this file: {self._read >> 20} of {self._size >> 20} MB read, "
                f"{taken >> 20} MB taken, {free >> 20} MB left", path=self.check.path,
                hint="close other programs, or load a smaller part of the data")

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def check_memory_for(size: int, path: str | Path, bytes_per_byte: float) -> None:
    """Refuse a file that cannot fit in the free memory, before loading any of it."""
    free = memory_headroom()
    need = int(size * bytes_per_byte)
    if free is not None and need > free - min(MIN_FREE_MEMORY, max(free, 0) // 2):
        raise NotEnoughMemoryError(
            f"not enough memory to load this file: it is {size >> 20} MB, loading it takes about "
            f"{need >> 20} MB and {max(free, 0) >> 20} MB are free", path=path,
            hint="close other programs, or load a smaller part of the data")


def resident_memory() -> int | None:
    """This process's resident memory in bytes (Linux), else None."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def memory_headroom(*, reserve: bool = True) -> int | None:
    """Bytes this process can still allocate, as far as the system says (Linux); None elsewhere.

    The least of: the memory the kernel reports available, the room under this process's address
    space limit (``ulimit -v``, less :data:`ADDRESS_SPACE_RESERVE` unless ``reserve`` is false: the
    parser has made it already), and the room under its cgroup's memory limit (containers). Negative
    when there is none.
    """
    found: list[int] = []
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                found.append(int(line.split()[1]) * 1024)
                break
    except (OSError, ValueError, IndexError):
        return None
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft != resource.RLIM_INFINITY:
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmSize:"):
                    used = int(line.split()[1]) * 1024
                    found.append(soft - used - (ADDRESS_SPACE_RESERVE if reserve else 0))
                    break
    except (ImportError, OSError, ValueError, IndexError):
        pass
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            if line.startswith("0::"):
                group = Path("/sys/fs/cgroup") / line[3:].lstrip("/")
                limit = (group / "memory.max").read_text().strip()
                if limit != "max":
                    found.append(int(limit) - int((group / "memory.current").read_text()))
                break
    except (OSError, ValueError):
        pass
    return min(found) if found else None


# ---------------------------------------------------------------------------------------- errors

_PARSER_PLACE = re.compile(r"^(?:Parser error (?:at|between) [^:]*|at \d+(?:\.\.\d+)?):\s*")
_KNOWN_MESSAGES = {
    "No LoadDocumentCallback has been set to load remote contexts":
        "the JSON-LD names a remote @context; the explorer never fetches contexts",
    "Only UTF-8 is supported by the RDF/XML parser":
        "the XML declares an encoding other than UTF-8; save it as UTF-8",
}


def syntax_error(exc: BaseException, path: str | Path, fmt: RdfFormat, head: bytes = b"") -> ExplorerError:
    """A parser's SyntaxError in words for the user: 'Turtle syntax error: unexpected end of file'
    with the file, line and column the parser gave."""
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "offset", None)
    message = str(getattr(exc, "msg", None) or exc)
    message = _KNOWN_MESSAGES.get(message, message)
    message = _PARSER_PLACE.sub("", message).strip() or "the parser gave no reason"
    if len(message) > 1 and message[0].isupper() and (message[1].islower() or message[1] == " "):
        message = message[0].lower() + message[1:]
    return ExplorerError(f"{fmt.label} syntax error: {message}", path=path, line=line, column=column,
                         hint=format_hint(head, fmt))
