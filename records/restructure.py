"""Adding, removing and reordering elements of a record file, keeping its layout.

:meth:`EditableFile.move` rewrites every element of an array, which turns a
multi-line array of points into one long line and glues ``[[parts]]`` tables
together. The editor moves the tomlkit items themselves instead, so a reorder
changes only the lines that moved, and new elements are written in the style
of the file (one point a line, a blank line before a new table).
"""

from __future__ import annotations

from typing import Any

import tomlkit
import tomlkit.items

from records.editing import EditableFile, to_item
from records.positions import KeyPath


def _node(file: EditableFile, keys: KeyPath) -> Any:
    node: Any = file.doc
    for key in keys:
        node = node[key]
    return node


def move_element(file: EditableFile, keys: KeyPath, offset: int) -> KeyPath:
    """Move the array element at ``keys`` by ``offset`` places; returns its new path."""
    array = _node(file, keys[:-1])
    index = keys[-1]
    assert isinstance(index, int)
    new = max(0, min(len(array) - 1, index + offset))
    if new != index:
        item = array[index]
        del array[index]
        array.insert(new, item)
    return (*keys[:-1], new)


def insert_element(file: EditableFile, keys: KeyPath, index: int, value: Any) -> KeyPath:
    """Insert ``value`` at ``index`` of the array (or array of tables) at ``keys``.

    A missing array is created: a multi-line array for strings, an array of
    tables for tables. Returns the new element's path.
    """
    parent: Any = file.doc
    for key in keys[:-1]:
        if isinstance(key, str) and key not in parent:
            parent[key] = tomlkit.table()
        parent = parent[key]
    name = keys[-1]
    if name not in parent:
        if isinstance(value, dict):
            parent[name] = tomlkit.aot()
        else:
            array = tomlkit.array()
            array.multiline(True)
            parent[name] = array
    target = parent[name]
    index = max(0, min(len(target), index))
    item = to_item(value)
    if isinstance(value, dict):
        item.add(tomlkit.nl())
        if not len(target):
            item.trivia.indent = "\n"  # a blank line before the first [[table]]
    target.insert(index, item)
    return (*keys, index)


def add_table(file: EditableFile, keys: KeyPath, value: dict[str, Any]) -> None:
    """Add the table ``value`` at ``keys`` (``("metrics", "new_key")``) after its siblings."""
    parent: Any = file.doc
    for key in keys[:-1]:
        if key not in parent:
            parent[key] = tomlkit.table(is_super_table=True)
        parent = parent[key]
    table = tomlkit.table()
    for key, item in value.items():
        table[key] = to_item(item)
    text = file.doc.as_string()
    if text and not text.endswith("\n\n"):
        table.trivia.indent = "\n" if text.endswith("\n") else "\n\n"
    parent[keys[-1]] = table


def remove_element(file: EditableFile, keys: KeyPath) -> None:
    """Remove the key or array element at ``keys`` (a missing one is no error)."""
    file.delete(keys)


def _trailing_whitespace(table: Any) -> list[Any]:
    """Take the blank lines off the end of a table's body (they separate it from the next)."""
    body = table.value.body
    found: list[Any] = []
    while body and body[-1][0] is None and isinstance(body[-1][1], tomlkit.items.Whitespace):
        found.insert(0, body.pop()[1])
    return found


def move_table(file: EditableFile, keys: KeyPath, offset: int) -> KeyPath:
    """Move the table at ``keys`` (such as ``("metrics", "penalty_cases")``) among its siblings.

    The tables from the first one that changes place onwards are taken out
    and put back in the new order. Each keeps its own lines and comments;
    the blank lines around each place stay with the place, so the file's
    layout is unchanged apart from the moved tables.
    """
    parent = _node(file, keys[:-1])
    names = list(parent.keys())
    index = names.index(keys[-1])
    new = max(0, min(len(names) - 1, index + offset))
    if new == index:
        return keys
    order = names[:]
    order.insert(new, order.pop(index))
    start = min(index, new)
    tables = {name: parent[name] for name in names[start:]}
    places = [(tables[n].trivia.indent, _trailing_whitespace(tables[n])) for n in names[start:]]
    for name in names[start:]:
        del parent[name]
    for name, (indent, trailing) in zip(order[start:], places, strict=True):
        table = tables[name]
        table.value.body.extend((None, ws) for ws in trailing)
        parent[name] = table
        parent[name].trivia.indent = indent  # after adding: tomlkit sets its own
    return keys
