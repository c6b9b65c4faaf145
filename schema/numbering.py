"""Numbering typed by hand where the exporter generates it: 一、 （一） 一是.

Sections are numbered 一、二、…, parts （一）（二）…, points 一是、二是…, all
from the report's structure. A clerk who copies last year's text often keeps
the old numbers, and the exported document then reads “（一）（一）…” or
“一是一是…”. The styles and which string is numbered how are declared in
section.schema.json (``tuiNumberingStyles``, ``tuiTypedNumbering``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from schema.findings import RuleError
from schema.loading import resolve_local

_LEADING_SPACE = re.compile(r"[\s\u3000]*")


class TypedNumber(NamedTuple):
    """A number typed at the start of a string: where it stands, and in which style."""

    start: int
    end: int
    style: str

    def text(self, string: str) -> str:
        return string[self.start : self.end]


@cache
def _styles(ref: str) -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    declared: dict[str, dict[str, str]] = resolve_local(ref)
    return {name: (re.compile(style["pattern"]), style) for name, style in declared.items()}


def typed_number(text: str, spec: dict[str, Any]) -> TypedNumber | None:
    """The number typed at the start of ``text`` in one of the styles ``spec`` flags."""
    offset = _LEADING_SPACE.match(text)
    start = offset.end() if offset else 0
    rest = text[start:]
    styles = _styles(spec["styles"])
    for name in spec["flag"]:
        match = styles[name][0].match(rest)
        if match:
            return TypedNumber(start, start + match.end(), name)
    return None


def typed_numbering(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiTypedNumbering``: the string does not open with a number the tool generates."""
    if not isinstance(instance, str):
        return
    found = typed_number(instance, spec)
    if found is None:
        return
    typed = found.text(instance)
    title = schema.get("title", "文字") if isinstance(schema, dict) else "文字"
    styles = _styles(spec["styles"])
    generated = spec.get("generated")
    if generated:
        own = styles[generated][1]
        printed = f"{own['example']}{typed}"
        if found.style == generated:
            yield RuleError(
                "F005",
                f"{title}开头的“{typed}”是手写的编号：{own['auto']}，"
                f"导出后编号会重复（如“{printed}……”）；请删除“{typed}”",
                index=found.start,
            )
            return
        yield RuleError(
            "F006",
            f"{title}开头的“{typed}”像是手写的编号：{own['auto']}，"
            f"导出后会多出一个编号（如“{printed}……”）；请删除“{typed}”",
            severity="warning",
            index=found.start,
        )
        return
    yield RuleError(
        "F006",
        f"{title}开头的“{typed}”像是手写的编号：编号由程序根据结构自动生成"
        f"（部分“一、”，分项“（一）”，要点“一是”）；请删除“{typed}”，"
        "分项写在 [[parts]] 中，要点写在 points 中",
        severity="warning",
        index=found.start,
    )
