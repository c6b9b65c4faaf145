"""Chinese numbering as official documents write it: 一、 （一） 一是 and dates.

Numbering is generated from a report's structure, never typed by the clerk.
"""

from __future__ import annotations

import datetime as dt

from records.body import Numbering

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (1–99; larger as Arabic)."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else _DIGITS[tens]) + "十"
    if ones:
        text += _DIGITS[ones]
    return text


def section_number(n: int) -> str:
    """The number of a section: 一、"""
    return f"{chinese_number(n)}、"


def part_number(n: int) -> str:
    """The number of a sub-part: （一）"""
    return f"（{chinese_number(n)}）"


def item_number(n: int, numbering: Numbering) -> str:
    """The number of a level-3 block: 1. (or 1、 where the report writes it so)."""
    return f"{n}{numbering.item_mark}"


def subitem_number(n: int) -> str:
    """The number of a level-4 block: （1）"""
    return f"（{n}）"


def block_number(level: int, n: int, numbering: Numbering) -> str:
    """The number of a block at ``level`` (2 （一）, 3 1., 4 （1）)."""
    if level == 2:
        return part_number(n)
    if level == 3:
        return item_number(n, numbering)
    return subitem_number(n)


def point_number(n: int) -> str:
    """The lead-in of a point in a run: 一是"""
    return f"{chinese_number(n)}是"


def chinese_date(date: dt.date | None) -> str:
    """2024年1月19日: Arabic numerals, full year, no zero padding (GB/T 9704 7.3.5)."""
    if date is None:
        return ""
    return f"{date.year}年{date.month}月{date.day}日"
