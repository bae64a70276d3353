"""Which neighbour the arrow keys and Tab go to (screen coordinates: y grows downwards)."""

from __future__ import annotations

from explorer.app.navigation import clockwise, step_round, toward

HERE = (0.0, 0.0)
AROUND = {"north": (0.0, -100.0), "east": (100.0, 0.0), "south": (0.0, 100.0), "west": (-100.0, 0.0),
          "far-east": (300.0, 10.0), "north-east": (80.0, -90.0)}


def test_an_arrow_goes_to_the_nearest_straightest_neighbour_that_way() -> None:
    assert toward(HERE, AROUND, "right") == "east"
    assert toward(HERE, AROUND, "up") == "north"
    assert toward(HERE, AROUND, "down") == "south"
    assert toward(HERE, AROUND, "left") == "west"
    assert toward(HERE, {"only": (-50.0, 5.0)}, "right") is None  # nothing lies that way
    assert toward(HERE, {"steep": (10.0, -100.0)}, "right") is None  # more than 60 degrees off


def test_tab_goes_round_clockwise_from_twelve_o_clock_and_shift_tab_back() -> None:
    assert clockwise(HERE, AROUND) == ["north", "north-east", "east", "far-east", "south", "west"]
    assert step_round(HERE, AROUND, None) == "north"
    assert step_round(HERE, AROUND, "north") == "north-east"
    assert step_round(HERE, AROUND, "west") == "north"  # round again
    assert step_round(HERE, AROUND, None, backwards=True) == "west"
    assert step_round(HERE, AROUND, "north", backwards=True) == "west"
    assert step_round(HERE, {}, None) is None
