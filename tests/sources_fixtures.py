"""Made-up articles for the import tests: a browser-saved HTML page with navigation, teasers, comments
and a footer around the article, and PDFs written byte by byte (with a text layer, and scanned-like
without one). The article text is invented for these tests."""

from __future__ import annotations

import zlib
from html import escape

TITLE = "Foreign ministers of Armenia and Azerbaijan meet in Geneva"
AUTHOR = "Mariam Testova"
SITE = "Caucasus Test Herald"
DATE = "2025-03-14"
URL = "https://herald.example.org/politics/ministers-meet-in-geneva"
PARAGRAPHS = [
    "The foreign ministers of Armenia and Azerbaijan met in Geneva on Friday for a new round of talks on "
    "the peace treaty, officials in both capitals said.",
    "Armenian Foreign Minister Ararat Mirzoyan told reporters that the two sides had agreed on most of the "
    "articles of the draft, while Azerbaijan's minister Jeyhun Bayramov said that questions about the "
    "border commission remained open.",
    "Russia was not invited to the meeting, which Switzerland hosted at the request of both governments. "
    "Analysts expect a further round in April if the border commission makes progress.",
    "The European Union welcomed the talks and said it may send more monitors to the border later this year.",
]
NAV = ["Home", "Politics", "Economy", "Culture", "Sport", "Subscribe"]
TEASERS = ["Storm closes mountain pass for third day", "Wine exports reach record high",
           "Ten photos of the spring festival"]
COMMENTS = ["Great article, thanks for sharing!", "I disagree with the analysts quoted here."]
FOOTER = "© 2025 Caucasus Test Herald. All rights reserved. Privacy policy | Terms of use | Contact"


def article_html() -> str:
    """A page as a browser saves it: the article among navigation, teasers, comments and a footer."""
    nav = "".join(f'<li><a href="/{escape(n.lower())}">{escape(n)}</a></li>' for n in NAV)
    teasers = "".join(f'<li class="teaser"><a href="/story/{i}">{escape(t)}</a></li>' for i, t in enumerate(TEASERS))
    comments = "".join(f'<div class="comment"><p>{escape(c)}</p></div>' for c in COMMENTS)
    body = "".join(f"<p>{escape(p)}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(TITLE)} | {escape(SITE)}</title>
<meta property="og:title" content="{escape(TITLE)}">
<meta property="og:site_name" content="{escape(SITE)}">
<meta property="og:url" content="{URL}">
<meta name="author" content="{escape(AUTHOR)}">
<meta property="article:published_time" content="{DATE}T09:30:00+04:00">
<link rel="canonical" href="{URL}">
</head><body>
<header><nav><ul>{nav}</ul></nav></header>
<div class="layout">
<main><article>
<h1>{escape(TITLE)}</h1>
<p class="byline">By {escape(AUTHOR)}, <time datetime="{DATE}">14 March 2025</time></p>
{body}
</article>
<section class="comments"><h3>Comments</h3>{comments}</section>
</main>
<aside class="sidebar"><h3>Most read</h3><ul>{teasers}</ul></aside>
</div>
<footer><p>{escape(FOOTER)}</p></footer>
</body></html>
"""


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _wrap(text: str, width: int = 80) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current] if current else lines


def _stream(content: bytes) -> bytes:
    packed = zlib.compress(content)
    return f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"


def article_pdf(*, text_layer: bool = True) -> bytes:
    """The article as a one-page PDF: its title, then its paragraphs set in lines, a gap between
    paragraphs; without ``text_layer`` the page only has drawn shapes (as a scan has an image)."""
    if text_layer:
        ops = ["BT", "/F1 10 Tf", "12 TL", "50 780 Td"]
        for block in [TITLE, *PARAGRAPHS]:
            for line in _wrap(block):
                safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"({safe}) Tj T*")
            ops.append("T*")
        ops.append("ET")
    else:
        ops = ["0.5 g", "50 500 400 250 re f", "0 g", "60 520 380 10 re f"]
    info = f"<< /Title ({TITLE}) /Author ({AUTHOR}) /CreationDate (D:20250314093000) >>".encode()
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream("\n".join(ops).encode("latin-1")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        info,
    ])
