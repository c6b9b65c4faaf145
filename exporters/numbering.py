"""Chinese numbering as official documents write it: 一、 （一） 一是 and dates.

Numbering is generated from a report's structure, never typed by the clerk.
"""

from __future__ import annotations

import datetime as dt

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


def point_number(n: int) -> str:
    """The lead-in of a point in a run: 一是"""
    return f"{chinese_number(n)}是"


def chinese_date(date: dt.date | None) -> str:
    """2024年1月19日: Arabic numerals, full year, no zero padding (GB/T 9704 7.3.5)."""
    if date is None:
        return ""
    return f"{date.year}年{date.month}月{date.day}日"
