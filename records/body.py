"""The body of a section as blocks along GB/T 9704-2012 7.3.3's hierarchy.

This module is the one place that knows how a section's body is written in
TOML. The loader builds the model from it, the validator walks the raw data
with it, and the exporters and the editor read the blocks it returns, so a
new kind of block is added here and every layer follows.

The hierarchy is 一、 (the section itself) → （一） ``parts`` → 1. ``items`` →
（1） ``subitems``. Every level holds the same keys::

    title       the heading, without its number (optional for items and
                subitems: without one the block is a numbered paragraph)
    standalone  true: the heading is a paragraph of its own; false (the
                default): it runs in with ``text`` in one paragraph
    text        the first paragraph (run in after a run-in heading)
    points      一是…二是…, continuing the paragraph of ``text``
    points_standalone  true: each point is a paragraph of its own (一是… on
                one line, 二是… on the next), after ``text``'s paragraph
    paragraphs  further paragraphs, each its own
    parts / items / subitems   the blocks of the levels below

A section itself holds ``lead`` (its first paragraph), ``points`` (and
``points_standalone``), ``paragraphs`` and blocks of any level below it. Inside one block the order
is fixed: heading, ``text`` with its ``points``, ``paragraphs``, then the
blocks below.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from records.positions import KeyPath

LEVEL_KEYS: dict[str, int] = {"parts": 2, "items": 3, "subitems": 4}
"""The keys that hold blocks, and the level (GB/T 9704 7.3.3) their blocks stand at."""

KEY_OF_LEVEL = {level: key for key, level in LEVEL_KEYS.items()}

LEVEL_NAMES = {1: "部分", 2: "分项", 3: "条目", 4: "细目"}
"""What the clerk calls a block of each level: 一、部分, （一）分项, 1. 条目, （1）细目."""

ITEM_STYLES = ("1.", "1、", "1．")
"""How a report may write its level-3 numbers; GB/T 9704 7.3.3 writes ``1.``."""


class Block(NamedTuple):
    """A heading (run-in or standalone) or a numbered paragraph, and what stands under it."""

    level: int
    """2 for （一）, 3 for 1., 4 for （1）."""
    keys: KeyPath
    """Its key path in the section file: ``("parts", 0, "items", 1)``."""
    title: str
    standalone: bool
    text: str
    points: list[str]
    paragraphs: list[str]
    children: list[Block]
    points_standalone: bool = False
    """Each point is a paragraph of its own, rather than continuing ``text``'s."""

    @property
    def is_heading(self) -> bool:
        """A block with a title is a heading; without one, a level 3 or 4 numbered paragraph."""
        return bool(self.title) or self.level == 2

    @property
    def is_empty(self) -> bool:
        """Nothing stands under the heading: no text, points, paragraphs or blocks."""
        return not (self.text or self.points or self.paragraphs or self.children)


class Numbering(NamedTuple):
    """How a report numbers its level-3 blocks (report.toml ``[numbering]``)."""

    items_run_on: bool = False
    """True: 1. 2. … run on across the （一）（二） of a section; False: restart in each."""
    item_style: str = "1."
    """How the number is written: ``1.`` (GB/T 9704), or ``1、`` as some bureaus write."""

    @property
    def item_mark(self) -> str:
        """The mark after a level-3 number: ``.``, ``、`` or ``．``."""
        return self.item_style[1:] if self.item_style in ITEM_STYLES else "."


def read_numbering(data: Mapping[str, Any]) -> Numbering:
    """The numbering choices of report.toml's data, the defaults where absent or mistyped."""
    table = data.get("numbering")
    if not isinstance(table, Mapping):
        return Numbering()
    run_on = table.get("items_run_on")
    style = table.get("item_style")
    return Numbering(
        items_run_on=run_on if isinstance(run_on, bool) else False,
        item_style=style if isinstance(style, str) and style in ITEM_STYLES else "1.",
    )


# -- lenient readers (a draft may hold anything) -----------------------------------
def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _strs(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _child_tables(
    data: Mapping[str, Any], keys: KeyPath, below: int
) -> Iterator[tuple[KeyPath, int, Mapping[str, Any]]]:
    """The block tables directly under ``data`` (at ``keys``), in the order of their keys.

    ``below`` is the level of ``data`` itself (1 for a section): only keys of
    deeper levels are read, so ``parts`` inside an item is not a block (the
    schema reports it as an unknown key).
    """
    for key, value in data.items():
        level = LEVEL_KEYS.get(key)
        if level is None or level <= below or not isinstance(value, list):
            continue
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                yield (*keys, key, i), level, item


def children_of(data: Mapping[str, Any], keys: KeyPath, below: int) -> list[Block]:
    """The blocks written under ``data`` (at ``keys``, itself at level ``below``)."""
    return [
        build_block(item, path, level) for path, level, item in _child_tables(data, keys, below)
    ]


def build_block(data: Mapping[str, Any], keys: KeyPath, level: int) -> Block:
    """One block from its table, reading missing or mistyped values as empty."""
    standalone = data.get("standalone")
    return Block(
        level=level,
        keys=keys,
        title=_str(data.get("title")),
        standalone=standalone is True,
        text=_str(data.get("text")),
        points=_strs(data.get("points")),
        paragraphs=_strs(data.get("paragraphs")),
        children=children_of(data, keys, level),
        points_standalone=data.get("points_standalone") is True,
    )


def walk(blocks: list[Block]) -> Iterator[Block]:
    """Every block in document order (a block, then the blocks under it)."""
    for block in blocks:
        yield block
        yield from walk(block.children)


def numbered(blocks: list[Block], numbering: Numbering) -> Iterator[tuple[Block, int]]:
    """Every block in document order with its number at its level (1 for the first).

    （一） count within the section, （1） within their parent, and 1. within
    their parent or, when the report says they run on, across the section.
    """
    section_items = 0

    def visit(siblings: list[Block]) -> Iterator[tuple[Block, int]]:
        nonlocal section_items
        counts: dict[int, int] = {}
        for block in siblings:
            if block.level == 3 and numbering.items_run_on:
                section_items += 1
                number = section_items
            else:
                number = counts.get(block.level, 0) + 1
            counts[block.level] = number
            yield block, number
            yield from visit(block.children)

    yield from visit(blocks)


# -- the raw data, for rules that read every string ------------------------------
def block_tables(
    data: Mapping[str, Any], keys: KeyPath = (), below: int = 1
) -> Iterator[tuple[KeyPath, int, Mapping[str, Any]]]:
    """Every block table under ``data``, with its key path and level, in document order."""
    for path, level, item in _child_tables(data, keys, below):
        yield path, level, item
        yield from block_tables(item, path, level)


def prose(section: Any) -> Iterator[tuple[KeyPath, str]]:
    """Every string of a section's data that is prose (and may hold ``{key}``), with its path.

    The section's own title, lead, points and paragraphs first, then each
    block's title, text, points and paragraphs in document order.
    """
    if not isinstance(section, Mapping):
        return
    yield from _own_prose(section, (), ("title", "lead"))
    for path, _, table in block_tables(section):
        yield from _own_prose(table, path, ("title", "text"))


def _own_prose(
    data: Mapping[str, Any], path: KeyPath, strings: tuple[str, ...]
) -> Iterator[tuple[KeyPath, str]]:
    for key in strings:
        value = data.get(key)
        if isinstance(value, str):
            yield (*path, key), value
    for key in ("points", "paragraphs"):
        values = data.get(key)
        if isinstance(values, list):
            for i, value in enumerate(values):
                if isinstance(value, str):
                    yield (*path, key, i), value
