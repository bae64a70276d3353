"""Read an article out of a file a user brings: plain text, HTML saved from a browser, or PDF.

The result is the text that will be quoted (one paragraph per line, paragraphs apart by a blank line)
and the metadata the file carries. Nothing here writes anything; every refusal is an ExplorerError
naming the file, so an import that fails changes nothing.

Libraries (all offline): trafilatura finds an HTML page's article body and its title, author, date and
site, leaving navigation, teasers, comment widgets and footers out; pypdf reads a PDF's text layer
(its running headers, footers and page numbers left out, explorer.core.pdf_pages);
charset-normalizer guesses the encoding of a text that is not UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from explorer.core.errors import ExplorerError

#: Files that start with these bytes are binaries we cannot read as text.
BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"MZ", b"\x1f\x8b",
                b"II*\x00", b"MM\x00*", b"BZh", b"7z\xbc\xaf", b"Rar!", b"OggS", b"ID3", b"RIFF")
#: An article shorter than this (in characters of body) is no article.
MIN_BODY = 80
SCANNED = "scanned, no text to quote"


@dataclass(frozen=True)
class Extracted:
    """An article read from a file: its text to store and the metadata found (None: not found)."""

    text: str
    kind: str  # "text", "html" or "pdf"
    title: str | None = None
    author: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None

    def with_metadata(self, **values: str | None) -> Extracted:
        """The same article with the metadata given (those not None) put over the file's."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def normalise_paragraphs(paragraphs: list[str]) -> str:
    """One paragraph per line, a blank line between them, spaces collapsed, NFC."""
    out = []
    for para in paragraphs:
        para = unicodedata.normalize("NFC", re.sub(r"\s+", " ", para)).strip()
        if para:
            out.append(para)
    return "\n\n".join(out) + ("\n" if out else "")


def decode(data: bytes, path: Path) -> str:
    """The text of ``data``: UTF-8 when it is, else the encoding charset-normalizer detects."""
    if b"\x00" in data[:4096] or data.startswith(BINARY_MAGIC):
        raise ExplorerError("a binary file, not text, HTML or PDF", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ExplorerError("not UTF-8, and its encoding cannot be detected", path=path,
                            hint="save it as UTF-8 and import it again")
    return str(best)


def is_html(text: str, path: Path) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def from_text(text: str, path: Path) -> Extracted:
    """A plain text: paragraphs are separated by blank lines (lines inside one are joined); the first
    short line is the title."""
    blocks = [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")) if b.strip()]
    body = normalise_paragraphs(blocks)
    title = None
    if blocks and len(blocks[0].strip()) <= 200 and "\n" not in blocks[0].strip():
        title = blocks[0].strip()
    return Extracted(body, "text", title=title)


def from_html(text: str, path: Path) -> Extracted:
    """The article body of an HTML page and its metadata (trafilatura, precision first)."""
    import trafilatura

    doc = trafilatura.bare_extraction(text, include_comments=False, include_tables=False, favor_precision=True,
                                      with_metadata=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(body.strip()) < MIN_BODY:
        raise ExplorerError("no article found in this HTML page", path=path,
                            hint="save the article's own page, or copy its text into a .txt file")
    paragraphs = body.split("\n")
    title = getattr(doc, "title", None) or None
    if title and (not paragraphs or paragraphs[0].strip() != title.strip()):
        paragraphs = [title, *paragraphs]
    return Extracted(normalise_paragraphs(paragraphs), "html", title=title,
                     author=getattr(doc, "author", None) or None, date=getattr(doc, "date", None) or None,
                     publisher=getattr(doc, "sitename", None) or None, url=getattr(doc, "url", None) or None)


def _pdf_paragraphs(page_text: str) -> list[str]:
    """A page's lines joined into paragraphs: a blank line ends one (or, on a page with no blank line, a
    short line ending a sentence); a word hyphenated over a line break is joined."""
    lines = [ln.strip() for ln in page_text.splitlines()]
    gaps = any(not ln for ln in lines[1:-1])
    width = max((len(ln) for ln in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line.strip():
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line.strip()
        else:
            current = f"{current} {line.strip()}" if current else line.strip()
        if not gaps and len(line) < 0.7 * width and re.search(r"[.!?:\"”’)]$", line):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _page_text(page: object) -> str:
    """The page's text with its layout (blank lines where the page has vertical gaps: paragraphs)."""
    try:
        return page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return page.extract_text() or ""  # type: ignore[attr-defined]


def _pdf_date(raw: object) -> str | None:
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", str(raw or ""))
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


def from_pdf(data: bytes, path: Path) -> Extracted:
    """The text layer of a PDF, with its paragraphs; its title, author and date from its information."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExplorerError("an encrypted PDF: no text to quote", path=path)
        pages = [_page_text(page) for page in reader.pages]
        info: Mapping[str, object] = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ExplorerError(f"not a readable PDF: {exc}", path=path) from None
    from explorer.core.pdf_pages import drop_running_lines, join_pages

    paragraphs = join_pages([_pdf_paragraphs(page) for page in drop_running_lines(pages)])
    text = normalise_paragraphs(paragraphs)
    if not text.strip():
        raise ExplorerError(SCANNED, path=path, hint="run OCR on it first, or import a text version")
    title = str(info.get("/Title") or "").strip() or None
    author = str(info.get("/Author") or "").strip() or None
    return Extracted(text, "pdf", title=title, author=author, date=_pdf_date(info.get("/CreationDate")))


def extract(path: Path) -> Extracted:
    """The article in ``path``, whatever its kind; refuses (ExplorerError) what cannot be quoted."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExplorerError(f"cannot read: {exc.strerror}", path=path) from None
    if data.lstrip()[:5] == b"%PDF-":
        article = from_pdf(data, path)
    else:
        text = decode(data, path)
        if any(unicodedata.category(c) == "Cc" and c not in "\n\r\t\f" for c in text[:4096]):
            raise ExplorerError("a binary file, not text, HTML or PDF", path=path)
        article = from_html(text, path) if is_html(text, path) else from_text(text, path)
    if len(article.text.strip()) < MIN_BODY:
        raise ExplorerError("empty body: no article text to quote" if not article.text.strip()
                            else f"body too short to be an article ({len(article.text.strip())} characters)",
                            path=path)
    return article
