"""Numbering typed by hand where the exporter generates it: 一、 （一） 1. （1） 一是.

Sections are numbered 一、二、…, parts （一）（二）…, items 1. 2. …, subitems
（1）（2）…, points 一是、二是…, all from the report's structure. A clerk who
copies last year's text often keeps the old numbers, and the exported
document then reads “（一）（一）…”, “1.1.…” or “一是一是…”. The styles and
which string is numbered how are declared in section.schema.json
(``tuiNumberingStyles``, ``tuiTypedNumbering``); the text of an item or
subitem without a title follows its number, so the schema numbers it as the
title would be.

The report may write its level-3 numbers “1、” or “1．” (report.toml
``[numbering] item_style``); GB/T 9704-2012 7.3.3 writes “1.”, and
``tuiStandardStyle`` says so (F008, a warning).
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


def _style(styles: dict[str, Any], name: str, item_style: str) -> dict[str, str]:
    """The example and wording of style ``name``; an item's in the report's ``item_style``."""
    own = styles[name][1]
    if name != "item" or item_style == "1.":
        return own
    mark = item_style[1:]
    auto = own["auto"].replace("“1.”“2.”", f"“1{mark}”“2{mark}”")
    return {**own, "example": item_style, "auto": auto}


def _message(spec: dict[str, Any], title: str, typed: str, style: str, item_style: str) -> str:
    """What a number typed in ``style`` at a string's start is; items numbered ``item_style``."""
    styles = _styles(spec["styles"])
    generated = spec.get("generated")
    if generated:
        own = _style(styles, generated, item_style)
        printed = f"{own['example']}{typed}"
        if style == generated:
            return (
                f"{title}开头的“{typed}”是手写的编号：{own['auto']}，"
                f"导出后编号会重复（如“{printed}……”）；请删除“{typed}”"
            )
        return (
            f"{title}开头的“{typed}”像是手写的编号：{own['auto']}，"
            f"导出后会多出一个编号（如“{printed}……”）；请删除“{typed}”"
        )
    return (
        f"{title}开头的“{typed}”像是手写的编号：编号由程序根据结构自动生成"
        f"（部分“一、”，分项“（一）”，条目“{item_style}”，细目“（1）”，要点“一是”）；"
        f"请删除“{typed}”，分项写在 [[parts]] 中，条目写在 [[parts.items]] 中，"
        "细目写在 [[parts.items.subitems]] 中，要点写在 points 中"
    )


def typed_numbering(
    validator: Any, spec: dict[str, Any], instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiTypedNumbering``: the string does not open with a number the tool generates.

    The message shows an item's number as “1.”; a report that numbers its
    items “1、” (``[numbering] item_style``) is shown its own style, which the
    validator asks of ``restyle`` once it knows the report.
    """
    if not isinstance(instance, str):
        return
    found = typed_number(instance, spec)
    if found is None:
        return
    typed = found.text(instance)
    title = schema.get("title", "文字") if isinstance(schema, dict) else "文字"
    same = found.style == spec.get("generated")
    shows_items = spec.get("generated") in (None, "item")

    def restyle(item_style: str) -> str:
        return _message(spec, title, typed, found.style, item_style)

    yield RuleError(
        "F005" if same else "F006",
        restyle("1."),
        severity=None if same else "warning",
        index=found.start,
        restyle=restyle if shows_items else None,
    )


def standard_style(
    validator: Any, standard: str, instance: Any, schema: Any
) -> Iterator[RuleError]:
    """``tuiStandardStyle``: a numbering style other than GB/T 9704's is kept, with a warning.

    Only a style the schema's ``enum`` allows is judged; any other value is
    already S004.
    """
    allowed = schema.get("enum", ()) if isinstance(schema, dict) else ()
    if not isinstance(instance, str) or instance == standard or instance not in allowed:
        return
    yield RuleError(
        "F008",
        f"条目编号写作“{instance}”：国家标准 GB/T 9704-2012（7.3.3）写作“{standard}”"
        f"（阿拉伯数字加下脚点）。导出时按“{instance}”原样印出；"
        f'如要改用国家标准，请改为 item_style = "{standard}" 或删去这一行；'
        "本单位一向如此写的，可在 [[waivers]] 中豁免",
        severity="warning",
    )
