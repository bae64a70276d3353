"""A play step moves the scene by the claims that entered and left (GraphScene._step_to): after any
sequence of such steps the scene shows exactly what a full build shows for the same filter, in its
bundles, faded bundles, layers, lookups, shown actors and pixels."""

from __future__ import annotations

import random
from datetime import date

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from explorer.core.filters import FilterState, Visible, time_index, visible
from explorer.core.timeline import bin_edges, next_bin
from explorer.gui.graph.scene import FADED, GraphScene


def _bundle(b) -> tuple:
    return (b.a, b.b, b.category, tuple(b.claims), b.bend, b.forward, b.backward, b.support, b.contested,
            b.p0.toTuple(), b.ctrl.toTuple(), b.p1.toTuple(), tuple(sorted((b.categories or {}).items())))


def _key(b) -> tuple:
    return b.a, b.b, b.category


def picture(scene: GraphScene) -> dict[str, object]:
    """What the scene shows and the lookups behind picking and highlighting, as plain values."""
    rows = scene.visible_rows()
    return {
        "bundles": sorted(_bundle(b) for b in scene.bundles),
        "faded": sorted(_bundle(b) for b in scene.faded_bundles),
        "layers": {c: sorted(_bundle(b) for b in la.bundles) for c, la in scene.layers.items() if la.bundles},
        "chunked": {c: sorted(_key(b) for ch in la._chunks.chunks for b in ch.bundles)
                    for c, la in scene.layers.items() if la.bundles},
        "of_claim": {c: _key(b) for c, b in scene._bundle_of_claim.items()},
        "at": {a: sorted(_key(b) for b in bs) for a, bs in scene._bundles_at.items() if bs},
        "neighbours": {a: sorted(n) for a, n in scene._neighbours.items() if n},
        "shown": sorted(iri for iri, node in scene.nodes.items() if node.isVisible()),
        "rows": sorted(r.node.iri for r in rows),
        "ranked": [r.node.iri for r in scene._ranked_rows()],
    }


def pixels(scene: GraphScene, zoom: float) -> QImage:
    """The scene drawn into an image at ``zoom`` pixels per unit (arrows and badges from 0.6), around
    every actor (a stepped layer's extent may be larger: it only grows)."""
    xs, ys = [x for x, _ in scene.positions().values()], [y for _, y in scene.positions().values()]
    source = QRectF(min(xs) - 60, min(ys) - 60, max(xs) - min(xs) + 120, max(ys) - min(ys) + 120)
    image = QImage(max(int(source.width() * zoom), 1), max(int(source.height() * zoom), 1),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image


def _full(kb, positions, shown: Visible, one_per_pair: bool = True) -> GraphScene:
    scene = GraphScene()
    scene.one_per_pair = one_per_pair
    scene.set_graph(kb, positions, shown)
    return scene


def _play_filters(kb) -> list[FilterState]:
    """Windows as Play moves them, back and forth, with fade and the undated toggle changing on the way."""
    span = time_index(kb).span
    assert span is not None
    years = bin_edges(span, "year")
    states = []
    for i, start in enumerate(years[:-1]):
        end = next_bin(years[min(i + 3, len(years) - 1)], "year") - 1
        states.append(FilterState(date_from=date.fromordinal(start).isoformat(),
                                  date_to=date.fromordinal(end).isoformat(),
                                  fade=i % 3 == 1, include_undated=i % 4 != 2))
    return states + states[::-2] + [FilterState()]


@pytest.mark.parametrize("one_per_pair", [True, False])  # a pair's bundle holds every category, or one
def test_play_steps_show_what_a_full_build_shows(qapp, kb, positions, one_per_pair: bool) -> None:
    scene = GraphScene()
    scene.one_per_pair = one_per_pair
    scene.set_graph(kb, positions)
    said = 0
    for state in _play_filters(kb):
        before = scene.visible
        shown = visible(kb, state)
        if shown.since == before.serial:  # the filter said what moved: exactly that
            said += 1
            assert (shown.entered, shown.left) == (shown.claim_set - before.claim_set,
                                                   before.claim_set - shown.claim_set)
        scene.set_visible(shown)
        assert scene._book is not None  # moved by steps, not built again
        assert picture(scene) == picture(_full(kb, positions, shown, one_per_pair)), state
    assert said > 5


@pytest.mark.parametrize("one_per_pair", [True, False])
def test_random_steps_with_fading_show_what_a_full_build_shows(qapp, kb, positions, one_per_pair: bool) -> None:
    """Claims in and out at random (hub pairs emptied and refilled, categories appearing between a pair)."""
    rng = random.Random(14)
    scene = GraphScene()
    scene.one_per_pair = one_per_pair
    scene.set_graph(kb, positions)
    order = list(kb.claims)
    for _ in range(25):
        share = rng.choice((0.05, 0.3, 0.7, 0.95))
        claims = tuple(c for c in order if rng.random() < share)
        faded = tuple(c for c in order if c not in set(claims) and rng.random() < 0.5)
        actors = frozenset(end for c in claims for end in kb.claims[c].ends)
        shown = Visible(actors, claims, faded)
        scene.set_visible(shown)
        assert picture(scene) == picture(_full(kb, positions, shown, one_per_pair))


@pytest.mark.parametrize("zoom", [0.2, 0.3, 1.0])  # hairlines, every line as kept, arrows and badges
def test_a_stepped_scene_draws_the_same_pixels(qapp, kb, positions, zoom: float) -> None:
    scene = GraphScene()
    scene.set_graph(kb, positions)
    states = _play_filters(kb)
    for state in states[:7]:
        scene.set_visible(visible(kb, state))
        pixels(scene, zoom)  # drawn at each step: what the layers keep between frames is kept up to date
    last = visible(kb, states[7].with_(fade=True))
    scene.set_visible(last)
    assert scene.layers[FADED].bundles
    stepped, full = pixels(scene, zoom), pixels(_full(kb, positions, last), zoom)
    # The same lines in another order: a dotted pen's phase and antialiased overlaps differ in a few pixels
    # (56 of 285,000 when written); a missing or stale edge differs in hundreds.
    assert _differing(stepped, full) < stepped.width() * stepped.height() / 2000


def _differing(one: QImage, other: QImage) -> int:
    assert one.size() == other.size()
    width, height = one.width(), one.height()
    a, b = one.constBits(), other.constBits()
    stride = one.bytesPerLine()
    return sum(1 for y in range(height) for x in range(width)
               if a[y * stride + 4 * x:y * stride + 4 * x + 4] != b[y * stride + 4 * x:y * stride + 4 * x + 4])
