"""What the tree's add key offers at a node, and where each new element goes.

Pure data, no Textual: the session writes what :func:`placement` says, the
add prompt lists :func:`add_options`. Blocks follow :mod:`records.body`: a
block of level L holds blocks of level L + 1 (``parts`` → ``items`` →
``subitems``), and a new block is written as the file's own blocks are
(``[[parts.items]]`` under its part, one blank line around it).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from exporters.numbering import block_number
from records.body import KEY_OF_LEVEL, Numbering
from records.positions import KeyPath
from tui.editor.outline import OutlineNode, get_in


class AddOption(NamedTuple):
    """One answer of the add prompt: what is added, its Chinese name, the key that picks it."""

    what: str
    label: str
    key: str


class Placement(NamedTuple):
    """Where a new element goes: the array, the index in it, and the value written."""

    array: KeyPath
    at: int
    value: Any


def _example(level: int, numbering: Numbering) -> str:
    """How a block of ``level`` starts, for the prompt: （一）…… 1.…… （1）……"""
    return block_number(level, 1, numbering) + "……"


def add_options(node: OutlineNode, numbering: Numbering) -> list[AddOption]:
    """What can be added at ``node``, in the order the prompt lists it."""
    role = node.role
    if role == "section":
        return [
            AddOption("point", "要点 一是……", "p"),
            AddOption("paragraph", "段落", "d"),
            AddOption("part", f"分项标题 {_example(2, numbering)}", "b"),
            AddOption("metric", "指标", "m"),
            AddOption("section", "新的一节 一、……（一个部分文件）", "s"),
        ]
    if role == "body":
        return [
            AddOption("paragraph", "开头语的下一段", "d"),  # [body] paragraphs
            AddOption("section", "新的一节 一、……（一个部分文件）", "s"),
        ]
    if role == "part":
        below = node.level + 1
        same = _example(node.level, numbering)
        options = [
            AddOption("point", "要点 一是……（接在正文后）", "p"),
            AddOption("paragraph", "段落（在本项下）", "d"),
        ]
        if below in KEY_OF_LEVEL:
            options += [
                AddOption("heading", f"下一级标题 {_example(below, numbering)}", "h"),
                AddOption("numbered", f"下一级编号段落 {_example(below, numbering)}", "n"),
            ]
        following = "下一个同级标题" if node.heading else "下一个编号段落"
        if node.level == 2:
            following = "下一个分项"
        options += [
            AddOption("part", f"{following} {same}", "b"),
            AddOption("metric", "指标", "m"),
        ]
        return options
    single = {
        "point": AddOption("point", "下一条要点", "p"),
        "paragraph": AddOption("paragraph", "下一段", "d"),
        "metrics": AddOption("metric", "指标", "m"),
        "metric": AddOption("metric", "指标", "m"),
        "list": AddOption("item", "一项", "i"),
        "item": AddOption("item", "下一项", "i"),
    }
    return [single[role]] if role in single else []


def _length(data: Any, keys: KeyPath) -> int:
    found = get_in(data, keys)
    return len(found) if isinstance(found, list) else 0


def _new_heading(data: Any, array: KeyPath, near: int) -> dict[str, Any]:
    """A new heading, standalone when the heading it follows (or the array's last) is.

    Its ``text`` is written once typed: a heading over paragraphs or numbered
    paragraphs has none.
    """
    neighbour = get_in(data, (*array, near))
    if neighbour is None:
        neighbour = get_in(data, (*array, _length(data, array) - 1))
    if isinstance(neighbour, dict) and neighbour.get("standalone") is True:
        return {"title": "", "standalone": True}
    return {"title": ""}


def placement(node: OutlineNode, what: str, data: Any) -> Placement:
    """Where ``what`` goes when added at ``node``; ``data`` is the node's file as parsed.

    Raises ``ValueError`` for something that cannot be added there.
    """
    keys = node.ref.keys
    owner: KeyPath = () if node.role == "section" else keys
    if what in ("point", "paragraph"):
        name = "points" if what == "point" else "paragraphs"
        if node.role in ("point", "paragraph"):
            index = keys[-1]
            assert isinstance(index, int)
            if keys[-2] != name:
                raise ValueError(what)
            return Placement(keys[:-1], index + 1, "")
        return Placement((*owner, name), _length(data, (*owner, name)), "")
    if what == "part" and node.role == "part":  # the next block of the same kind, after it
        index = keys[-1]
        assert isinstance(index, int)
        value = _new_heading(data, keys[:-1], index) if node.heading else {"text": ""}
        return Placement(keys[:-1], index + 1, value)
    if what == "part":
        count = _length(data, ("parts",))
        return Placement(("parts",), count, _new_heading(data, ("parts",), count - 1))
    if what in ("heading", "numbered") and node.role == "part":
        below = KEY_OF_LEVEL.get(node.level + 1)
        if below is None:
            raise ValueError(what)
        array = (*keys, below)
        count = _length(data, array)
        value = _new_heading(data, array, count - 1) if what == "heading" else {"text": ""}
        return Placement(array, count, value)
    if what == "item":
        if node.role == "item":
            index = keys[-1]
            assert isinstance(index, int)
            return Placement(keys[:-1], index + 1, "")
        return Placement(keys, _length(data, keys), "")
    raise ValueError(what)
