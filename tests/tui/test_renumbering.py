"""Where the outline's nodes go when a list changes, so that open branches stay open."""

from __future__ import annotations

from tui.editor.outline import NodeRef, renumbered, swapped

F = "1-measures.toml"


def ref(*keys: str | int, file: str = F) -> NodeRef:
    return NodeRef(file, keys)


def test_an_insert_moves_the_items_from_its_place_on() -> None:
    move = renumbered(F, ("parts", 1), 1)
    assert move(ref("parts", 0)) == ref("parts", 0)
    assert move(ref("parts", 1)) == ref("parts", 2)
    assert move(ref("parts", 2, "points", 0)) == ref("parts", 3, "points", 0)
    assert move(ref("metrics", "x")) == ref("metrics", "x")
    assert move(ref("parts", 1, file="2-shortcomings.toml")) == ref(
        "parts", 1, file="2-shortcomings.toml"
    )


def test_a_removal_drops_the_item_and_moves_the_later_ones_back() -> None:
    move = renumbered(F, ("parts", 1), -1)
    assert move(ref("parts", 0)) == ref("parts", 0)
    assert move(ref("parts", 1)) is None
    assert move(ref("parts", 1, "points", 3)) is None
    assert move(ref("parts", 2)) == ref("parts", 1)


def test_a_move_trades_the_two_places() -> None:
    move = swapped(F, ("parts", 1), ("parts", 2))
    assert move(ref("parts", 1, "points", 0)) == ref("parts", 2, "points", 0)
    assert move(ref("parts", 2)) == ref("parts", 1)
    assert move(ref("parts", 0)) == ref("parts", 0)
