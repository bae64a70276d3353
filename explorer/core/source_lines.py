"""Where in a user's file a resource or a triple is written: the line a problem report points at.

`explorer validate` names the file and line of what is wrong so the user can open it there. rdflib keeps no
line numbers, so the file is read again as text (only when a problem was found): a subject is found where a
line starts with one of its written forms (``<IRI>``, or ``prefix:local`` by the file's own prefixes), or,
in RDF/XML and JSON-LD, where the IRI stands quoted; a triple where one line holds its subject, predicate
and object. Turtle may spread a triple over lines in ways this does not follow: then the subject's line.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path

_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


def _lines(path: Path) -> list[str] | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None


def _prefixes(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in _PREFIX.finditer(text)}


def _forms(iri: str, prefixes: Mapping[str, str]) -> list[str]:
    """How ``iri`` may be written in Turtle with these prefixes."""
    forms = [f"<{iri}>"]
    for name, ns in prefixes.items():
        if ns and iri.startswith(ns) and len(iri) > len(ns):
            forms.append(f"{name}:{iri[len(ns):]}")
    return forms


def _written(line: str, form: str) -> bool:
    """Whether ``form`` stands in ``line`` as a whole term (not as the start of a longer name)."""
    at = line.find(form)
    while at >= 0:
        end = at + len(form)
        before_ok = at == 0 or not (line[at - 1].isalnum() or line[at - 1] in ":_-")
        after_ok = end == len(line) or not (line[end].isalnum() or line[end] in "_-:/")
        if before_ok and after_ok:
            return True
        at = line.find(form, end)
    return False


def subject_lines(path: Path, iris: Collection[str]) -> dict[str, int]:
    """IRI -> the first line (1-based) of ``path`` where it is written as a subject, for those found."""
    lines = _lines(path)
    if lines is None:
        return {}
    prefixes = _prefixes("\n".join(lines))
    forms = {iri: _forms(iri, prefixes) for iri in iris}
    quoted = {iri: f'"{iri}"' for iri in iris}
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        head = line.lstrip()
        for iri in iris:
            if iri in found:
                continue
            if any(head.startswith(f) and _written(head[: len(f) + 1], f) for f in forms[iri]) \
                    or (quoted[iri] in line and ("about" in line or "@id" in line)):
                found[iri] = number
        if len(found) == len(iris):
            break
    return found


def triple_line(path: Path, s: str, p: str, o: str) -> int | None:
    """The first line of ``path`` holding the triple's three terms (then its subject's line), or None."""
    lines = _lines(path)
    if lines is None:
        return None
    prefixes = _prefixes("\n".join(lines))
    terms = [_forms(t, prefixes) for t in (s, p, o)]
    for number, line in enumerate(lines, 1):
        if all(any(_written(line, f) for f in forms) for forms in terms):
            return number
    return subject_lines(path, [s]).get(s)


def located(where: Mapping[str, tuple[Path, int]], iri: str) -> str:
    """' (file.ttl, line 12)' for a found IRI, '' otherwise."""
    if iri not in where:
        return ""
    path, line = where[iri]
    return f" ({path}, line {line})"


def annotation_lines(sources: Collection[Path], iris: Collection[str]) -> dict[str, tuple[Path, int]]:
    """IRI -> (file, line) of the first of ``sources`` that writes it as a subject."""
    found: dict[str, tuple[Path, int]] = {}
    left = set(iris)
    for path in sources:
        if not left:
            break
        for iri, line in subject_lines(path, left).items():
            found[iri] = (path, line)
        left -= set(found)
    return found
