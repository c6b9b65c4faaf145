"""Invisible control characters in a record's text, which a DOCX cannot hold.

XML 1.0 forbids most C0 control characters (and U+FFFE, U+FFFF). They come
from pasting out of another program, or from escapes such as ``\\u0007`` or
``\\f`` in a TOML string; the reader never sees them, and the DOCX exporter
has to drop them. Reporting them here, under the exporter's own code X003,
lets ``tui validate`` refuse them in pre-commit, and a clerk sees one code
for one defect whichever command found it. The
characters and their names are declared in the schema files
(``tuiControlCharacters``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from records.positions import KeyPath
from schema.findings import RuleError


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _strings(instance: Any) -> Iterator[tuple[KeyPath, str]]:
    """Every string value with its path, depth first in file order, without recursion."""
    stack: list[tuple[KeyPath, Any]] = [((), instance)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(node))))


def describe(char: str, names: dict[str, str]) -> str:
    """A character's name for the clerk: “响铃符 BEL（U+0007）”."""
    code = f"U+{ord(char):04X}"
    return f"{names.get(code, '控制字符')}（{code}）"


def _texts(instance: Any) -> Iterator[str]:
    """Every string value, as :func:`_strings` finds them, without their paths."""
    stack = [instance]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


@cache
def _one_character(pattern: str) -> bool:
    """Whether ``pattern`` is one character class that no line break matches (as the schema's)."""
    return re.fullmatch(r"\[[^\]]*\]", pattern) is not None and not re.search(pattern, "\n")


def _found(
    spec: dict[str, Any], instance: Any, in_blanks: bool = True
) -> Iterator[tuple[KeyPath, int, str]]:
    """Each character ``spec["pattern"]`` matches in a string of the file: path, index, name.

    Without ``in_blanks``, a string that is nothing but such characters and
    spaces is passed over: it is empty, which the schema reports (S005).
    """
    pattern = _pattern(spec["pattern"])
    if _one_character(spec["pattern"]) and not pattern.search("\n".join(_texts(instance))):
        return  # none anywhere (nearly every file): no need to find out where
    names = spec.get("names", {})
    for path, text in _strings(instance):
        if not in_blanks and not pattern.sub("", text).strip():
            continue
        for match in pattern.finditer(text):
            yield path, match.start(), describe(match.group(), names)


Found = Callable[[dict[str, Any], Any, bool], Iterable[tuple[KeyPath, int, str]]]
"""How the characters are found: :func:`_found`, or one that keeps what it found in unchanged
tables (``schema.incremental``)."""


def control_characters(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any, found: Found = _found
) -> Iterator[RuleError]:
    """``tuiControlCharacters``: no string of the file holds a character XML forbids."""
    for path, index, name in found(spec, instance, True):
        yield RuleError(
            "X003",
            f"文字中有看不见的{name}，多半是从别的程序粘贴进来的；DOCX 无法写入它，请在此处删除",
            path,
            index=index,
        )


def invisible_characters(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any, found: Found = _found
) -> Iterator[RuleError]:
    """``tuiInvisibleCharacters``: no zero-width or direction mark hides in the text.

    XML can hold them, so they would be exported and published unseen; a
    direction override even shows the characters after it in another order.
    """
    for path, index, name in found(spec, instance, False):
        yield RuleError(
            "X004",
            f"文字中有看不见的{name}，多半是从网页或微信粘贴进来的；导出时会原样保留，请在此处删除",
            path,
            index=index,
        )
