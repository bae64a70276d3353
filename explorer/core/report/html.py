"""A briefing as one self-contained HTML file: CSS inline, the figures inline SVG, nothing fetched; the
only links are the citations' URLs (``<a href>``). Each quote's element carries the article IRI and the
offsets it was read at, so anyone can check it. The same briefing gives the same bytes."""

from __future__ import annotations

from html import escape

from explorer.core.report.build import Briefing, Footnote, Section
from explorer.core.report.notes import markdown_html
from explorer.core.report.svg import render_svg

CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 50em; margin: 2em auto; padding: 0 1em;
       color: #1a1a1a; line-height: 1.45; }
h1, h2, h3, h4, .meta, figcaption, .footnotes p, .sources { font-family: "DejaVu Sans", Verdana, sans-serif; }
h1 { font-size: 1.7em; margin-bottom: 0.1em; }
.meta { color: #555; margin-top: 0; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
h3 { margin-bottom: 0.2em; }
h4 { margin: 0.6em 0 0.2em; font-size: 0.95em; color: #444; }
figure { margin: 1em 0; }
svg.figure { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.85em; color: #555; }
ul.claims { margin-top: 0.2em; }
sup a { text-decoration: none; }
.sources-count { color: #666; font-size: 0.85em; }
.notes { background: #f6f6f1; border-left: 3px solid #b5b59a; padding: 0.3em 1em; }
.footnotes li { margin-bottom: 0.8em; }
blockquote.quote { margin: 0.2em 0 0.2em 0; padding-left: 0.8em; border-left: 3px solid #4e79a7; font-style: italic; }
.footnotes p { margin: 0; font-size: 0.85em; color: #444; }
.sources { font-size: 0.9em; }
@media print { body { max-width: none; } h2 { page-break-after: avoid; } }
"""


def _sources_phrase(count: int) -> str:
    return f"{count} independent source" + ("" if count == 1 else "s")


def _section(section: Section, number: int) -> list[str]:
    out = [f'<section class="view" id="view-{number}">', f"<h2>{escape(section.title)}</h2>",
           "<figure>", render_svg(section.figure, section.title),
           f"<figcaption>Figure {number}: {escape(section.title)} — "
           f"{len(section.figure.nodes)} actors, {sum(e.count for e in section.figure.edges)} relations. "
           "Shapes and colours of the actors by type, edge colours by category (legend below the figure); "
           "a number on an edge counts its claims.</figcaption>", "</figure>"]
    if section.notes:
        out.append(f'<div class="notes">{markdown_html(section.notes)}</div>')
    if not section.groups:
        out.append("<p>No relation is shown.</p>")
    for group in section.groups:
        out.append(f"<h3>{escape(group.heading)}</h3>")
        for category, sentences in group.categories:
            out.append(f"<h4>{escape(category)}</h4>")
            out.append('<ul class="claims">')
            for s in sentences:
                marks = "".join(f'<sup><a href="#fn-{n}">{n}</a></sup>' for n in s.notes)
                weight = f" <span class=\"sources-count\">({_sources_phrase(s.independent_sources)}"
                weight += f"; credibility {escape(s.credibility)})" if s.credibility else ")"
                if not s.notes:
                    weight = ' <span class="sources-count">(no verified passage)'
                    weight += "</span>"
                else:
                    weight += "</span>"
                out.append(f'<li data-claim="{escape(s.claim)}">{escape(s.text)}{marks}{weight}</li>')
            out.append("</ul>")
    out.append("</section>")
    return out


def _footnote(note: Footnote) -> str:
    said = f"Said by {escape(note.said_by)} · " if note.said_by else ""
    url = f' <a href="{escape(note.url)}">{escape(note.url)}</a>' if note.url else ""
    date = f", {escape(note.date)}" if note.date else ""
    grade = f" · credibility {escape(note.credibility)}" if note.credibility else ""
    return (f'<li id="fn-{note.number}"><blockquote class="quote" data-article="{escape(note.article)}" '
            f'data-start="{note.start}" data-end="{note.end}">{escape(note.quote)}</blockquote>'
            f"<p>{said}<cite>{escape(note.title)}</cite>, {escape(note.publisher)}{date}.{url}"
            f" · {_sources_phrase(note.independent_sources)} for the claim{grade}</p></li>")


def render_html(brief: Briefing) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="generator" content="explorer">',
           f"<title>{escape(brief.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           "<header>", f"<h1>{escape(brief.title)}</h1>",
           f'<p class="meta">{escape(brief.date)} · {len(brief.footnotes)} quoted passages from '
           f"{len(brief.sources)} articles</p>", "</header>"]
    if brief.intro:
        out.append(f'<div class="notes">{markdown_html(brief.intro)}</div>')
    for number, section in enumerate(brief.sections, 1):
        out.extend(_section(section, number))
    if brief.contested:
        out.append('<section class="contested"><h2>Appendix: contested claims</h2>')
        for item in brief.contested:
            out.append(f"<h3>{escape(item.text)}</h3><ul>")
            out.extend(f"<li><strong>{escape(src)}</strong>: {escape(says)}</li>" for src, says in item.positions)
            out.append("</ul>")
        out.append("</section>")
    out.append('<section class="footnotes"><h2>Notes</h2><ol>')
    out.extend(_footnote(n) for n in brief.footnotes)
    out.append("</ol>")
    if brief.unverified:
        out.append(f"<p>{brief.unverified} passage(s) left out: the article does not hold the quote at its "
                   "recorded offsets.</p>")
    out.append("</section>")
    out.append('<section class="sources"><h2>Sources</h2><ul>')
    for src in brief.sources:
        date = f", {escape(src.date)}" if src.date else ""
        url = f' <a href="{escape(src.url)}">{escape(src.url)}</a>' if src.url else ""
        out.append(f"<li>{escape(src.publisher)}{date}: <cite>{escape(src.title)}</cite>.{url}</li>")
    out.append("</ul></section>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"
