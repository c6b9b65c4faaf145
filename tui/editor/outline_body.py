"""The body of a section in the tree: its points, paragraphs and blocks at every level.

Blocks are read with :mod:`records.body` (the one grammar of a section's
body), so a block at any level (（一） ``parts``, 1. ``items``, （1）
``subitems``, a level skipped) shows with the number the export prints,
"run on" numbering included. Each block's node lists what the export prints
for it, in its order: the text with its points, the paragraphs, then the
blocks below.
"""

from __future__ import annotations

from typing import Any

from exporters.numbering import block_number, point_number
from records.body import Block, Numbering, children_of, numbered
from records.positions import KeyPath
from tui.cells import clip
from tui.editor.outline import FieldSpec, NodeRef, OutlineNode, field_spec, get_in

LABEL_CELLS = 60
"""Labels are built this long; the tree cuts them to the room its depth leaves."""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def own_fields(file: str, keys: KeyPath, data: Any, context: str) -> list[FieldSpec]:
    """The fields of a section's or block's points and paragraphs, in the order they print."""
    fields = [
        field_spec(file, (*keys, "points", i), "prose", f"{context}{point_number(i + 1)}")
        for i in range(len(_list(get_in(data, ("points",)))))
    ]
    fields.extend(
        field_spec(file, (*keys, "paragraphs", i), "prose", f"{context}段落{i + 1}")
        for i in range(len(_list(get_in(data, ("paragraphs",)))))
    )
    return fields


def own_nodes(file: str, keys: KeyPath, data: Any, context: str) -> list[OutlineNode]:
    """A node for each point (一是…) and each paragraph of a section or block.

    Points that are each a paragraph (``points_standalone``) show ↵ before 一是,
    the mark of a paragraph's end as Chinese word processors show it.
    """
    nodes = []
    apart = "↵" if get_in(data, ("points_standalone",)) is True else ""
    for i, point in enumerate(_list(get_in(data, ("points",)))):
        lead = point_number(i + 1)
        nodes.append(
            OutlineNode(
                NodeRef(file, (*keys, "points", i)),
                "point",
                clip(f"{apart}{lead} {_text(point) or '（空）'}", LABEL_CELLS),
                [field_spec(file, (*keys, "points", i), "prose", f"{context}{lead}")],
                section=file,
            )
        )
    for i, paragraph in enumerate(_list(get_in(data, ("paragraphs",)))):
        nodes.append(
            OutlineNode(
                NodeRef(file, (*keys, "paragraphs", i)),
                "paragraph",
                clip(f"段落 {_text(paragraph) or '（空）'}", LABEL_CELLS),
                [field_spec(file, (*keys, "paragraphs", i), "prose", f"{context}段落{i + 1}")],
                section=file,
            )
        )
    return nodes


def section_body(
    file: str, data: dict[str, Any], numbering: Numbering, prefix: str
) -> list[OutlineNode]:
    """The nodes under a section: its points, paragraphs, then its blocks.

    The lead, like a block's ``text``, is a field of its owner's form.
    """
    nodes: list[OutlineNode] = []
    nodes.extend(own_nodes(file, (), data, prefix))
    blocks = children_of(data, (), 1)
    numbers = {block.keys: n for block, n in numbered(blocks, numbering)}
    nodes.extend(_block_node(file, data, b, numbers, numbering, prefix) for b in blocks)
    return nodes


def block_label(block: Block, heading: bool, number: str) -> str:
    """A block as the tree shows it: the number the export prints, then the heading's title.

    A numbered paragraph shows its number and the start of its text.
    """
    if heading:
        return number + (block.title or "（无标题）")
    first = block.text or (point_number(1) + block.points[0] if block.points else "")
    return number + (first or "（空）")


def _block_node(
    file: str,
    data: dict[str, Any],
    block: Block,
    numbers: dict[KeyPath, int],
    numbering: Numbering,
    prefix: str,
) -> OutlineNode:
    raw = get_in(data, block.keys)
    number = block_number(block.level, numbers.get(block.keys, 1), numbering)
    # a level-3 or 4 block written with a title (even an empty one, just added) is a heading
    heading = block.level == 2 or (isinstance(raw, dict) and "title" in raw)
    context = prefix + number
    keys = block.keys
    fields = []
    if heading:
        fields += [
            field_spec(file, (*keys, "title"), "line", context),
            field_spec(file, (*keys, "standalone"), "switch", context),
        ]
    fields.append(field_spec(file, (*keys, "text"), "prose", context))
    fields += own_fields(file, keys, raw, context)
    children = own_nodes(file, keys, raw, context)
    children.extend(
        _block_node(file, data, child, numbers, numbering, context) for child in block.children
    )
    return OutlineNode(
        NodeRef(file, keys),
        "part",
        clip(block_label(block, heading, number), LABEL_CELLS),
        fields,
        children,
        section=file,
        level=block.level,
        heading=heading,
        standalone=block.standalone,
    )
