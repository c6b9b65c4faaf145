"""The block grammar of a section's body: reading, numbering and walking it."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from records.body import (
    Numbering,
    block_tables,
    children_of,
    numbered,
    prose,
    read_numbering,
    walk,
)

SECTION = """
kind = "measures"
title = "主要举措和成效"
lead = "引语。"
paragraphs = ["第二段。"]

[[parts]]
title = "强化组织领导"
standalone = true
paragraphs = ["甲。", "乙。"]

[[parts]]
title = "坚持依法行政"
standalone = true

[[parts.items]]
text = "规范执法行为。"

[[parts.items]]
title = "加强执法监督"
text = "健全机制。"

[[parts.items.subitems]]
text = "评查案卷。"

[[parts]]
title = "加强普法"

[[parts.items]]
text = "以案释法。"
"""


def _blocks(text: str = SECTION) -> Any:
    return children_of(tomllib.loads(text), (), 1)


def test_blocks_nest_along_the_hierarchy_with_their_key_paths() -> None:
    blocks = _blocks()
    assert [(b.level, b.keys) for b in walk(blocks)] == [
        (2, ("parts", 0)),
        (2, ("parts", 1)),
        (3, ("parts", 1, "items", 0)),
        (3, ("parts", 1, "items", 1)),
        (4, ("parts", 1, "items", 1, "subitems", 0)),
        (2, ("parts", 2)),
        (3, ("parts", 2, "items", 0)),
    ]
    first = blocks[0]
    assert first.standalone and first.paragraphs == ["甲。", "乙。"] and first.is_heading
    numbered_paragraph = blocks[1].children[0]
    assert not numbered_paragraph.is_heading and numbered_paragraph.text == "规范执法行为。"
    assert blocks[1].children[1].is_heading  # a level-3 block with a title is a heading


def test_level_three_numbers_restart_in_each_part_by_default() -> None:
    numbers = [(b.level, n) for b, n in numbered(_blocks(), Numbering())]
    assert numbers == [(2, 1), (2, 2), (3, 1), (3, 2), (4, 1), (2, 3), (3, 1)]


def test_level_three_numbers_run_on_across_the_section_when_the_report_says_so() -> None:
    numbers = [(b.level, n) for b, n in numbered(_blocks(), Numbering(items_run_on=True))]
    assert numbers == [(2, 1), (2, 2), (3, 1), (3, 2), (4, 1), (2, 3), (3, 3)]


def test_a_level_key_is_read_only_below_its_own_level() -> None:
    # ``parts`` inside an item is not a block (the schema reports the unknown key)
    blocks = _blocks('[[items]]\ntext = "一条。"\n[[items.parts]]\ntitle = "误写"\n')
    assert [(b.level, b.keys) for b in walk(blocks)] == [(3, ("items", 0))]


def test_a_draft_with_values_of_the_wrong_type_reads_as_empty() -> None:
    data = {"parts": [{"title": 3, "standalone": "yes", "points": ["一", 2]}, "junk"]}
    (block,) = children_of(data, (), 1)
    assert (block.title, block.standalone, block.points) == ("", False, ["一"])


def test_prose_yields_every_string_of_every_level_in_document_order() -> None:
    found = list(prose(tomllib.loads(SECTION)))
    assert found[:4] == [
        (("title",), "主要举措和成效"),
        (("lead",), "引语。"),
        (("paragraphs", 0), "第二段。"),
        (("parts", 0, "title"), "强化组织领导"),
    ]
    assert (("parts", 1, "items", 1, "subitems", 0, "text"), "评查案卷。") in found
    assert len(found) == 13  # every title, lead, text and paragraph above, kind excluded


def test_block_tables_walk_the_raw_data() -> None:
    tables = [(path, level) for path, level, _ in block_tables(tomllib.loads(SECTION))]
    assert tables[-1] == (("parts", 2, "items", 0), 3)
    assert len(tables) == 7


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({}, Numbering()),
        ({"numbering": {"items_run_on": True}}, Numbering(items_run_on=True)),
        ({"numbering": {"item_style": "1、"}}, Numbering(item_style="1、")),
        ({"numbering": {"item_style": "一."}}, Numbering()),  # not a style: the validator says so
        ({"numbering": {"items_run_on": "yes"}}, Numbering()),
        ({"numbering": "continue"}, Numbering()),
    ],
)
def test_numbering_choices_are_read_leniently(table: dict[str, Any], expected: Numbering) -> None:
    assert read_numbering(table) == expected


@pytest.mark.parametrize(("style", "mark"), [("1.", "."), ("1、", "、"), ("1．", "．")])
def test_the_item_style_gives_the_mark_after_the_number(style: str, mark: str) -> None:
    assert Numbering(item_style=style).item_mark == mark
