"""A briefing's figure drawn without Qt (the shell has no display): the actors where the view put them,
shaped and coloured by kind, edges coloured by category, with a legend. :func:`drawing` fits the figure
to a page width once; the SVG writer here and the PDF writer draw the same geometry. Numbers are written
with one decimal: the same figure gives the same bytes."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from explorer.core.palette import KIND_SHAPES, category_hex, kind_hex
from explorer.core.report.build import Figure

WIDTH = 760.0
MAX_HEIGHT = 560.0
MARGIN = 40.0
LEGEND_ROW = 18.0
LABEL_CHARS = 26
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


@dataclass(frozen=True)
class Placed:
    label: str
    kind: str
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    cx: float  # the control point of a bowed edge (the midpoint when straight)
    cy: float
    x2: float
    y2: float
    colour: str
    count: int


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float  # of the graph part; the legend follows below
    nodes: tuple[Placed, ...]
    lines: tuple[Line, ...]
    legend: tuple[tuple[str, str, str], ...]  # (kind | category, label, colour)

    @property
    def total_height(self) -> float:
        return self.height + LEGEND_ROW * (len(self.legend_rows()) + 0.5)

    def legend_rows(self) -> list[list[tuple[str, str, str]]]:
        """The legend in rows of at most five entries: kinds first, then categories."""
        kinds = [e for e in self.legend if e[0] == "kind"]
        categories = [e for e in self.legend if e[0] == "category"]
        return [part[i:i + 5] for part in (kinds, categories) for i in range(0, len(part), 5)]


def drawing(figure: Figure, width: float = WIDTH) -> Drawing:
    """The figure scaled to ``width`` (its height follows the layout's shape, at most MAX_HEIGHT)."""
    nodes = figure.nodes
    legend = tuple([("kind", k, kind_hex(k)) for k in figure.kinds]
                   + [("category", label, category_hex(c)) for c, label in figure.categories])
    if not nodes:
        return Drawing(width, 60.0, (), (), legend)
    left = min(n.x - n.radius for n in nodes)
    right = max(n.x + n.radius for n in nodes)
    top = min(n.y - n.radius for n in nodes)
    bottom = max(n.y + n.radius for n in nodes)
    span_x, span_y = max(right - left, 1.0), max(bottom - top, 1.0)
    scale = min((width - 2 * MARGIN) / span_x, (MAX_HEIGHT - 2 * MARGIN) / span_y, 1.6)
    height = span_y * scale + 2 * MARGIN
    off_x = (width - span_x * scale) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return off_x + (x - left) * scale, MARGIN + (y - top) * scale

    where = {n.actor: at(n.x, n.y) for n in nodes}
    lines = []
    for edge in figure.edges:
        (x1, y1), (x2, y2) = where[edge.a], where[edge.b]
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        bow = 18.0 * edge.bend
        cx, cy = mx - (y2 - y1) / length * bow, my + (x2 - x1) / length * bow
        lines.append(Line(x1, y1, cx, cy, x2, y2, category_hex(edge.category), edge.count))
    placed = tuple(Placed(short_label(n.label), n.kind, *where[n.actor], max(n.radius * min(scale, 1.0), 4.0))
                   for n in nodes)
    return Drawing(width, height, placed, tuple(lines), legend)


def short_label(label: str, most: int = LABEL_CHARS) -> str:
    """A label that fits the figure (the full name is in the text)."""
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def shape_points(kind: str, x: float, y: float, r: float) -> list[tuple[float, float]] | None:
    """A polygon's corners for the kind's shape (None for a circle)."""
    sides = {"square": 4, "diamond": 4, "hexagon": 6, "triangle": 3, "pentagon": 5}.get(KIND_SHAPES.get(kind, ""))
    if sides is None:
        return None
    turn = math.pi / 4 if KIND_SHAPES.get(kind) == "square" else -math.pi / 2
    return [(x + r * math.cos(turn + 2 * math.pi * i / sides), y + r * math.sin(turn + 2 * math.pi * i / sides))
            for i in range(sides)]


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _shape(kind: str, x: float, y: float, r: float, extra: str) -> str:
    points = shape_points(kind, x, y, r)
    fill = kind_hex(kind)
    if points is None:
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}" {extra}/>'
    corners = " ".join(f"{_n(px)},{_n(py)}" for px, py in points)
    return f'<polygon points="{corners}" fill="{fill}" {extra}/>'


def render_svg(figure: Figure, title: str = "") -> str:
    """The figure as an inline SVG element (no external reference: fonts by name, no images)."""
    d = drawing(figure)
    total = d.total_height
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="figure" role="img" viewBox="0 0 {_n(d.width)} '
           f'{_n(total)}" width="{_n(d.width)}" height="{_n(total)}" font-family="{FONT}">']
    if title:
        out.append(f"<title>{html.escape(title)}</title>")
    out.append(f'<rect x="0" y="0" width="{_n(d.width)}" height="{_n(total)}" fill="#ffffff"/>')
    out.append('<g class="edges" fill="none" stroke-linecap="round">')
    for ln in d.lines:
        width = min(1.4 + 0.6 * (ln.count - 1), 5.0)
        out.append(f'<path d="M{_n(ln.x1)},{_n(ln.y1)} Q{_n(ln.cx)},{_n(ln.cy)} {_n(ln.x2)},{_n(ln.y2)}" '
                   f'stroke="{ln.colour}" stroke-width="{_n(width)}" stroke-opacity="0.8"/>')
    out.append("</g>")
    out.append('<g class="badges" font-size="8" text-anchor="middle">')
    for ln in d.lines:
        if ln.count > 1:
            bx = 0.25 * ln.x1 + 0.5 * ln.cx + 0.25 * ln.x2
            by = 0.25 * ln.y1 + 0.5 * ln.cy + 0.25 * ln.y2
            out.append(f'<circle cx="{_n(bx)}" cy="{_n(by)}" r="6.5" fill="#ffffff" stroke="{ln.colour}"/>'
                       f'<text x="{_n(bx)}" y="{_n(by + 2.8)}">{ln.count}</text>')
    out.append("</g>")
    out.append('<g class="actors" stroke="#333333" stroke-width="0.8">')
    for node in d.nodes:
        out.append(_shape(node.kind, node.x, node.y, node.r, ""))
    out.append("</g>")
    # labels: a white halo under each (drawn first: not every renderer knows paint-order), then the text
    for group in ('<g class="halos" font-size="10" text-anchor="middle" fill="#ffffff" stroke="#ffffff" '
                  'stroke-width="2.5" stroke-linejoin="round">', '<g class="labels" font-size="10" '
                  'text-anchor="middle" fill="#111111">'):
        out.append(group)
        for node in d.nodes:
            out.append(f'<text x="{_n(node.x)}" y="{_n(node.y + node.r + 11)}">{html.escape(node.label)}</text>')
        out.append("</g>")
    out.append('<g class="legend" font-size="10" fill="#111111">')
    y = d.height + LEGEND_ROW * 0.5
    for row in d.legend_rows():
        x = MARGIN
        for what, label, colour in row:
            if what == "kind":
                out.append(_shape(label, x + 5, y - 3.5, 5, 'stroke="#333333" stroke-width="0.8"'))
            else:
                out.append(f'<line x1="{_n(x)}" y1="{_n(y - 3.5)}" x2="{_n(x + 14)}" y2="{_n(y - 3.5)}" '
                           f'stroke="{colour}" stroke-width="3"/>')
            out.append(f'<text x="{_n(x + 19)}" y="{_n(y)}">{html.escape(label)}</text>')
            x += 19 + 7.0 * len(label) + 18
        y += LEGEND_ROW
    out.append("</g></svg>")
    return "\n".join(out)
