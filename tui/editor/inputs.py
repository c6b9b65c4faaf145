"""What the clerk types into a field, and the stored value it stands for (no Textual here).

A one-line field shows a line break as ``\\n``; numbers and dates typed with
full-width characters through an input method count as their ASCII forms.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from records.body import LEVEL_KEYS
from records.positions import KeyPath

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def is_block_text(keys: KeyPath) -> bool:
    """Whether ``keys`` is the ``text`` of a block (optional: emptied, the key goes)."""
    return len(keys) >= 3 and keys[-1] == "text" and keys[-3] in LEVEL_KEYS


def is_metric_field(keys: KeyPath) -> bool:
    """Whether ``keys`` is a metric's value, unit or label."""
    return len(keys) == 3 and keys[0] == "metrics"


class InputProblem(ValueError):
    """What the clerk typed cannot be this field's value (the message is in Chinese)."""


def escape_breaks(text: str) -> str:
    """A one-line field's value as its input shows it: a line break as the two characters ``\\n``.

    A line break (the title of a report printed over two lines) would draw the
    rest of the value over the widgets below the one-line input. A backslash
    that would read as part of such a mark is doubled, so that
    :func:`unescape_breaks` gives back exactly the stored value.
    """
    out = []
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append("\\n")
        elif ch == "\\" and text[i + 1 : i + 2] in ("n", "\\", "\n"):
            out.append("\\\\")
        else:
            out.append(ch)
    return "".join(out)


def unescape_breaks(raw: str) -> str:
    """What was typed in a one-line field, ``\\n`` read as a line break (``\\\\`` as ``\\``)."""
    out = []
    i = 0
    while i < len(raw):
        pair = raw[i : i + 2]
        if pair == "\\n":
            out.append("\n")
            i += 2
        elif pair == "\\\\":
            out.append("\\")
            i += 2
        else:
            out.append(raw[i])
            i += 1
    return "".join(out)


def parse_input(kind: str, raw: str) -> Any:
    """The TOML value for what was typed in a field of ``kind``.

    Full-width digits and punctuation typed through an input method count as
    their ASCII forms. An emptied number or date is not written (the key keeps
    its place in the file until a new value is typed).
    """
    text = (
        unicodedata.normalize("NFKC", raw).strip() if kind in ("integer", "number", "date") else raw
    )
    if kind == "line":
        return unescape_breaks(raw)
    if kind in ("prose", "kind"):
        return raw
    if kind == "switch":
        return raw == "true"
    if not text:
        raise InputProblem("请填写")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise InputProblem("请输入整数")
        return int(text)
    if kind == "number":
        if not _NUMBER.fullmatch(text):
            raise InputProblem("请输入数字（如 142 或 861.98）")
        return int(text) if "." not in text else Decimal(text)
    if kind == "date":
        match = _DATE.fullmatch(text)
        try:
            if not match:
                raise ValueError
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise InputProblem("请输入日期，如 2024-01-19") from None
    raise InputProblem(f"未知的字段类型：{kind}")


def format_value(value: Any) -> str:
    """A stored value as the form shows it (numbers keep their stated decimals)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def format_field(kind: str, value: Any) -> str:
    """A stored value as the field of ``kind`` shows it (a one-line field: no line breaks)."""
    text = format_value(value)
    return escape_breaks(text) if kind == "line" and isinstance(value, str) else text


def rejected_message(problem: str, held: Any, raw: str) -> str:
    """Why typed text was not stored, and which value the report still holds instead."""
    kept = (
        f"报告中仍是 {format_value(held)}"
        if held is not None and not isinstance(held, dict | list)
        else "报告中没有这一项的值"
    )
    typed = f"此处的“{raw.strip()}”" if raw.strip() else "此处的清空"
    return f"{problem}。{kept}，{typed}"
