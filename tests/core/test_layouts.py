"""The layouts besides the default: ForceAtlas2, circular by group, radial; pinned actors stay where put."""

from __future__ import annotations

import math

import pytest

from explorer.core.knowledge import KnowledgeBase
from explorer.core.layouts import LAYOUTS, circular, forceatlas2, mean_tie_length, named_layout, radial

A = "https://w3id.org/caucasus-explorer/actor/"

# Two hubs, each with its own leaves, tied to each other; and one actor alone.
HUBS = [("h1", "h2")] + [("h1", f"a{i}") for i in range(6)] + [("h2", f"b{i}") for i in range(6)]
NODES = ["h1", "h2", "lone"] + [f"a{i}" for i in range(6)] + [f"b{i}" for i in range(6)]


def test_forceatlas2_is_deterministic_and_keeps_the_pinned_where_put() -> None:
    fixed = {"a0": (1234.5, -678.25), "lone": (-50.0, 40.0)}
    first = forceatlas2(NODES, HUBS, fixed=fixed, seed=3)
    again = forceatlas2(list(reversed(NODES)), list(reversed(HUBS)), fixed=fixed, seed=3)
    assert first == again
    assert first["a0"] == fixed["a0"] and first["lone"] == fixed["lone"]
    other = forceatlas2(NODES, HUBS, fixed=fixed, seed=4)
    assert other != first  # the seed matters (the free actors start elsewhere)


def test_forceatlas2_spreads_each_hubs_leaves_round_it() -> None:
    at = forceatlas2(NODES, HUBS, seed=1)
    for hub, leaf in (("h1", "a"), ("h2", "b")):
        own = max(math.dist(at[hub], at[f"{leaf}{i}"]) for i in range(6))
        other_hub = "h2" if hub == "h1" else "h1"
        assert all(math.dist(at[f"{leaf}{i}"], at[other_hub]) > own for i in range(6))
    # the two hubs repel each other more than two leaves (degree-weighted repulsion)
    assert math.dist(at["h1"], at["h2"]) > mean_tie_length(at, HUBS[1:]) * 1.2


def test_forceatlas2_approximates_large_graphs_and_can_be_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    import explorer.core.layouts as layouts

    monkeypatch.setattr(layouts, "EXACT_LIMIT", 10)  # the grid's repulsion on a small graph
    at = forceatlas2(NODES, HUBS, seed=1, fixed={"h1": (0.0, 0.0)})
    assert at["h1"] == (0.0, 0.0) and len(set(at.values())) == len(NODES)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in at.values())
    assert forceatlas2(NODES, HUBS, should_cancel=lambda: True) == {}


def test_circular_puts_each_group_on_a_circle_of_its_own() -> None:
    groups = {f"a{i}": 0 for i in range(6)} | {f"b{i}": 1 for i in range(4)} | {"lone": None}
    at = circular(groups, {"a0": 5}, fixed={"b0": (9.0, 9.0)})
    assert at["b0"] == (9.0, 9.0)
    centre_a = (sum(at[f"a{i}"][0] for i in range(6)) / 6, sum(at[f"a{i}"][1] for i in range(6)) / 6)
    radii = {round(math.dist(at[f"a{i}"], centre_a), 6) for i in range(6)}
    assert len(radii) == 1  # on one circle
    r = radii.pop()
    assert at["a0"][0] == pytest.approx(centre_a[0]) and at["a0"][1] < centre_a[1]  # most connected at twelve
    assert all(math.dist(at[f"b{i}"], centre_a) > r for i in range(1, 4))  # the other group is outside it
    assert circular(groups) == circular(dict(reversed(list(groups.items()))))


def test_radial_puts_the_centre_in_the_middle_and_neighbours_on_the_first_ring() -> None:
    edges = [*HUBS, ("a0", "far")]
    at = radial([*NODES, "far"], edges, "h1", fixed={"b5": (7.0, 7.0)})
    assert at["h1"] == (0.0, 0.0)
    first = {round(math.hypot(*at[n]), 6) for n in ["h2"] + [f"a{i}" for i in range(6)]}
    second = {round(math.hypot(*at[n]), 6) for n in [f"b{i}" for i in range(5)] + ["far"]}
    assert len(first) == 1 and len(second) == 1 and first.pop() < second.pop()
    assert at["b5"] == (7.0, 7.0)
    assert math.hypot(*at["lone"]) > max(math.hypot(*at[n]) for n in at if n not in ("lone", "b5"))
    pinned_centre = radial(NODES, HUBS, "h1", fixed={"h1": (100.0, 50.0)})
    assert pinned_centre["h1"] == (100.0, 50.0)
    assert math.dist(pinned_centre["h2"], (100.0, 50.0)) == pytest.approx(math.hypot(*at["h2"]))
    with pytest.raises(ValueError):
        radial(NODES, HUBS, "nobody")


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_named_layout_places_every_actor_and_keeps_the_pinned(kb: KnowledgeBase, name: str) -> None:
    fixed = {A + "Armenia": (3000.0, -2000.0)}
    at = named_layout(kb, name, fixed=fixed, centre=A + "Russia")
    assert set(at) == set(kb.actors)
    assert at[A + "Armenia"] == fixed[A + "Armenia"]
    assert named_layout(kb, name, fixed=fixed, centre=A + "Russia") == at
    if name == "radial":
        assert at[A + "Russia"] == (0.0, 0.0)
