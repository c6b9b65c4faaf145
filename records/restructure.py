"""Adding, removing and reordering elements of a record file, keeping its layout.

:meth:`EditableFile.move` rewrites every element of an array, which turns a
multi-line array of points into one long line and glues ``[[parts]]`` tables
together. The editor moves the tomlkit items themselves instead, so a reorder
changes only the lines that moved, and new elements are written in the style
of the file (one point a line, a blank line before a new table).
"""

from __future__ import annotations

import re
from typing import Any

import tomlkit
import tomlkit.container
import tomlkit.items

from records.body import LEVEL_KEYS
from records.editing import EditableFile, fill_placeholder, quoted_like, to_item
from records.positions import KeyPath


def _node(file: EditableFile, keys: KeyPath) -> Any:
    node: Any = file.doc
    for key in keys:
        node = node[key]
    return node


def move_element(file: EditableFile, keys: KeyPath, offset: int) -> KeyPath:
    """Move the array element at ``keys`` by ``offset`` places; returns its new path.

    A table of an array of tables (a block) moves with everything nested in
    it; the blank lines at the end of each place stay with the place, so a
    table moved up from the end of the file is not glued to the next one.
    """
    array = _node(file, keys[:-1])
    index = keys[-1]
    assert isinstance(index, int)
    new = max(0, min(len(array) - 1, index + offset))
    if new != index:
        start, end = min(index, new), max(index, new) + 1
        tables = isinstance(array, tomlkit.items.AoT)
        places = [_place(array[i]) for i in range(start, end)] if tables else []
        item = array[index]
        del array[index]
        array.insert(new, item)
        for i, (indent, trailing) in zip(range(start, end), places, strict=False):
            array[i].trivia.indent = indent
            _last_body(array[i]).value.body.extend((None, ws) for ws in trailing)
    return (*keys[:-1], new)


def _place(table: Any) -> tuple[str, list[Any]]:
    """What separates a table from its neighbours: its indent, its last blank lines (taken off)."""
    return table.trivia.indent, _trailing_whitespace(_last_body(table))


def _last_body(table: Any) -> Any:
    """The table whose lines are the last of ``table``'s: its last nested table, if any."""
    while True:
        body = _body(table)
        last = next((v for k, v in reversed(body) if not isinstance(v, _BLANK)), None)
        if isinstance(last, tomlkit.items.AoT) and len(last):
            table = last[-1]
        elif isinstance(last, tomlkit.items.Table) and not isinstance(
            last, tomlkit.items.InlineTable
        ):
            table = last
        else:
            return table


def insert_element(file: EditableFile, keys: KeyPath, index: int, value: Any) -> KeyPath:
    """Insert ``value`` at ``index`` of the array (or array of tables) at ``keys``.

    A missing array is created: a multi-line array for strings, an array of
    tables for tables (``[[parts]]``, ``[[parts.items]]`` …), placed after the
    keys it follows in a block (``title``, ``text`` before ``points``, ``points``
    before ``paragraphs``). A new table stands after one blank line and is
    followed by one, as the tables of a hand-written file are. Returns the new
    element's path.
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
            _set_in_order(parent, str(name), _new_array(file, value))
            return (*keys, 0)
    target = parent[name]
    index = max(0, min(len(target), index))
    if isinstance(value, dict):
        _insert_table(file, target, index, value)
    else:
        target.insert(index, to_item(value))
    return (*keys, index)


_ARRAY_INDENT = re.compile(r"= \[\r?\n([ \t]+)\S")


def _new_array(file: EditableFile, first: Any) -> Any:
    """A multi-line array holding ``first``, its line indented as the file's arrays are."""
    found = _ARRAY_INDENT.search(file.doc.as_string())
    indent = found.group(1) if found else "  "
    element = to_item(first)
    text = element.as_string() if hasattr(element, "as_string") else tomlkit.item(first).as_string()
    return tomlkit.parse(f"a = [\n{indent}{text},\n]\n")["a"]


_MARK = "\x00tui-new-table\x00"


def _insert_table(file: EditableFile, target: Any, index: int, value: dict[str, Any]) -> None:
    """Put a new table into an array of tables with one blank line before and after it.

    Where the blank lines fall is read off the rendered file, with a marker
    in the new table's header, so nesting (``[[parts.items]]`` after its
    part's keys) and the file's own blank lines are taken as they are.
    """
    following = target[index] if index < len(target) else None
    kept = following.trivia.indent if following is not None else ""
    table = to_item(value)
    target.insert(index, table)
    if following is not None:
        following.trivia.indent = kept  # tomlkit adds a line break before it otherwise
    table.trivia.indent = _MARK
    before, _, after = file.doc.as_string().partition(_MARK)
    table.trivia.indent = "" if not before or before.endswith("\n\n") else "\n"
    rest = after.partition("\n")[2][len(table.as_string()) :]
    if rest.strip() and not table.as_string().endswith("\n\n") and not rest.startswith("\n"):
        table.add(tomlkit.nl())


_BLOCK_ORDER = (
    "kind",
    "title",
    "standalone",
    "lead",
    "text",
    "points",
    "points_standalone",
    "paragraphs",
)
"""The order of a block's (and a section's) own keys as the clerk writes them."""


def _set_in_order(table: Any, key: str, value: Any) -> None:
    """Add ``key`` to ``table`` after the keys that come before it in :data:`_BLOCK_ORDER`.

    A key of its own kind (a metric, a hand-added key) goes at the end of the
    table's values, which tomlkit keeps before its sub-tables.
    """
    if key in _BLOCK_ORDER:
        earlier = [k for k in _BLOCK_ORDER[: _BLOCK_ORDER.index(key)] if k in table]
        container = getattr(table, "value", table)
        if earlier and hasattr(container, "_insert_after"):
            container._insert_after(earlier[-1], key, _as_item(value))
            return
    table[key] = _as_item(value)


def _as_item(value: Any) -> Any:
    """A tomlkit item for ``value``; one made already (a multi-line array) is kept as made."""
    return value if isinstance(value, tomlkit.items.Item) else to_item(value)


_METRIC_ORDER = ("value", "unit", "label")
"""The order of a metric's keys, as ``tui new`` and the examples write them."""


def _set_metric_key(table: Any, key: str, value: Any) -> None:
    """Add ``key`` to a metric's table in :data:`_METRIC_ORDER`, in place of its placeholder.

    A placeholder is the commented line ``# value =`` that ``tui new --from``
    leaves for the clerk to fill; the value typed takes its line, and the note
    above it goes (:func:`records.editing.fill_placeholder`).
    """
    container = getattr(table, "value", table)
    body = container.body
    item = _as_item(value)
    if not isinstance(item, tomlkit.items.Item):
        item = tomlkit.item(item)
    if fill_placeholder(table, key, item):
        return  # the placeholder and its note “去年为 ……删去下一行行首的“# ”：” are gone
    later = _METRIC_ORDER[_METRIC_ORDER.index(key) + 1 :]
    for index, (name, line) in enumerate(body):
        if name is not None and name.key in later:
            item.trivia.indent = line.trivia.indent
            container._insert_at(index, key, item)
            return
    table[key] = item


def set_in_order(file: EditableFile, keys: KeyPath, value: Any) -> None:
    """Set the value at ``keys``; a new key of a block is placed where a clerk writes it.

    ``standalone = true`` goes under its block's ``title``, ``paragraphs``
    after ``text`` and ``points``; a metric's ``value`` and ``unit`` go before
    its ``label`` (a value on the line of its ``# value =`` placeholder); an
    existing key keeps its place.
    """
    table = _node(file, keys[:-1])
    if keys[-1] in table:
        file.set(keys, value)
    elif len(keys) == 3 and keys[0] == "metrics" and keys[-1] in _METRIC_ORDER:
        _set_metric_key(table, str(keys[-1]), value)
    else:
        _set_in_order(table, str(keys[-1]), value)


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
    """Remove the key or array element at ``keys`` (a missing one is no error).

    An array of a section's body (``points``, ``paragraphs``, ``parts`` …)
    left empty is removed too: an empty ``points = []`` would only be a finding.
    """
    ended_blank = file.doc.as_string().endswith("\n\n")
    file.delete(keys)
    name = keys[-2] if len(keys) > 1 and isinstance(keys[-1], int) else None
    if name in _BODY_ARRAYS and file.get(keys[:-1]) == []:
        file.delete(keys[:-1])
    if not ended_blank and file.doc.as_string().endswith("\n\n"):
        # the last table went: the blank line that led up to it no longer separates anything
        _trailing_whitespace(_last_body(file.doc))


_BODY_ARRAYS = {"points", "paragraphs", *LEVEL_KEYS}


def _body(table: Any) -> list[Any]:
    """The (key, item) lines of a table, or of the document itself."""
    container = table if isinstance(table, tomlkit.container.Container) else table.value
    return container.body  # type: ignore[no-any-return]


def _trailing_whitespace(table: Any) -> list[Any]:
    """Take the blank lines off the end of a table's body (they separate it from the next)."""
    body = _body(table)
    found: list[Any] = []
    while body and body[-1][0] is None and isinstance(body[-1][1], _BLANK):
        item = body.pop()[1]
        if isinstance(item, tomlkit.items.Whitespace):  # a removed key leaves a Null: dropped
            found.insert(0, item)
    return found


_BLANK = (tomlkit.items.Whitespace, tomlkit.items.Null)


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


def move_to_key(file: EditableFile, element: KeyPath, keys: KeyPath) -> None:
    """Make the array element at ``element`` the value at ``keys``, quoted as it was.

    The value is written where a clerk writes that key (:func:`set_in_order`);
    the element is removed, and its array too when it is left empty.
    """
    item = _node(file, element)
    value = item.unwrap() if hasattr(item, "unwrap") else item
    set_in_order(file, keys, quoted_like(item, value))
    remove_element(file, element)
