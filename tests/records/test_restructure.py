"""Blocks added, moved and removed in a section file, written as a clerk writes them by hand."""

from __future__ import annotations

import tomllib
from pathlib import Path

from records.editing import EditableFile
from records.restructure import insert_element, move_element, remove_element, set_in_order
from records.source import SourceText

SECTION = """kind = "measures"
title = "推进法治政府建设的主要举措和成效"

[[parts]]
title = "强化组织领导"
text = "甲"

[[parts]]
title = "坚持依法行政"
text = "乙"
"""


def opened(text: str = SECTION) -> EditableFile:
    return EditableFile(SourceText(Path("1-measures.toml"), text, False, "\n", ""))


def test_nested_blocks_are_written_as_tables_of_their_own_with_one_blank_line_around() -> None:
    file = opened()
    assert insert_element(file, ("parts", 0, "items"), 0, {"text": "一"}) == (
        "parts",
        0,
        "items",
        0,
    )
    insert_element(file, ("parts", 0, "items"), 1, {"title": "", "text": "二"})
    insert_element(file, ("parts", 0, "items", 1, "subitems"), 0, {"text": "三"})
    assert file.text() == SECTION.replace(
        'text = "甲"\n',
        'text = "甲"\n\n[[parts.items]]\ntext = "一"\n\n[[parts.items]]\ntitle = ""\ntext = "二"\n'
        '\n[[parts.items.subitems]]\ntext = "三"\n',
    )
    data = tomllib.loads(file.text())
    assert data["parts"][0]["items"][1]["subitems"] == [{"text": "三"}]
    assert data["parts"][1] == {"title": "坚持依法行政", "text": "乙"}


def test_new_keys_go_where_a_clerk_writes_them_and_arrays_one_item_a_line() -> None:
    file = opened(SECTION + '\n[[parts.items]]\ntext = "一"\n')
    insert_element(file, ("parts", 1, "paragraphs"), 0, "段落")
    set_in_order(file, ("parts", 1, "standalone"), True)
    insert_element(file, ("parts", 1, "points"), 0, "要点")
    second = file.text().split("[[parts]]")[2]
    assert second == (
        '\ntitle = "坚持依法行政"\nstandalone = true\ntext = "乙"\n'
        'points = [\n  "要点",\n]\nparagraphs = [\n  "段落",\n]\n\n[[parts.items]]\ntext = "一"\n'
    )


def test_a_block_moved_from_the_end_of_the_file_keeps_the_blank_lines_in_their_places() -> None:
    file = opened(SECTION + '\n[[parts.items]]\ntext = "一"\n')
    assert move_element(file, ("parts", 1), -1) == ("parts", 0)
    assert file.text() == (
        'kind = "measures"\ntitle = "推进法治政府建设的主要举措和成效"\n\n'
        '[[parts]]\ntitle = "坚持依法行政"\ntext = "乙"\n\n[[parts.items]]\ntext = "一"\n\n'
        '[[parts]]\ntitle = "强化组织领导"\ntext = "甲"\n'
    )
    move_element(file, ("parts", 0), 1)
    assert file.text() == SECTION + '\n[[parts.items]]\ntext = "一"\n'


def test_removing_the_last_paragraph_or_block_removes_the_emptied_array() -> None:
    file = opened(SECTION + 'paragraphs = ["段"]\n\n[[parts.items]]\ntext = "一"\n')
    remove_element(file, ("parts", 1, "paragraphs", 0))
    remove_element(file, ("parts", 1, "items", 0))
    assert tomllib.loads(file.text())["parts"][1] == {"title": "坚持依法行政", "text": "乙"}
    assert file.text() == SECTION
