"""Small readers of Chinese as reports write it: numbers, dates, kinds of section.

Each answers with what it found and, where it guessed, why: the import
states its guesses so the clerk can check them.
"""

from __future__ import annotations

import datetime as dt
import re

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGITS["〇"] = 0
_DIGITS["○"] = 0
_DIGITS["两"] = 2


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 九十九 → 99; None when it is not such a number."""
    if not text or any(c not in _DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    value = (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return value if value else None


def chinese_number(n: int) -> str:
    """1 → 一 … 99 → 九十九 (as the exporters write section and point numbers)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else digits[tens]) + "十" if tens else ""
    return text + (digits[ones] if ones else "")


_ARABIC_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2}|元)\s*月\s*(\d{1,2})\s*日")
_DASHED_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_CHINESE_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3}|元)月([一二三四五六七八九十]{1,3})日"
)


def parse_date(text: str) -> dt.date | None:
    """The date ``text`` is, whole: 2024年1月19日, 二〇二四年一月十九日, 2024-01-19.

    元月 is January (二〇二五年元月二十日); the year's zero is 〇, ○ or 零.
    """
    text = text.strip()
    for pattern in (_ARABIC_DATE, _DASHED_DATE):
        match = pattern.fullmatch(text)
        if match:
            return _date(*(1 if g == "元" else int(g) for g in match.groups()))
    match = _CHINESE_DATE.fullmatch(text)
    if match:
        year = int("".join(str(_DIGITS[c]) for c in match.group(1)))
        month = 1 if match.group(2) == "元" else chinese_to_int(match.group(2))
        day = chinese_to_int(match.group(3))
        if month and day:
            return _date(year, month, day)
    return None


def find_date(text: str) -> tuple[dt.date | None, int, int]:
    """The first date inside ``text`` and its span, or (None, -1, -1)."""
    for pattern in (_ARABIC_DATE, _CHINESE_DATE, _DASHED_DATE):
        match = pattern.search(text)
        if match:
            date = parse_date(match.group(0))
            if date:
                return date, match.start(), match.end()
    return None, -1, -1


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# -- which mandated item a section is ------------------------------------------
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("leadership", ("第一责任人", "主要负责人", "党政负责人", "履职")),
    ("shortcomings", ("不足", "存在的问题", "问题和原因", "差距", "短板")),
    ("plans", ("安排", "计划", "打算", "思路", "下一步", "下步", "展望")),
    ("other", ("其他需要报告", "其他情况", "其它")),
    ("measures", ("举措", "成效", "措施", "做法", "工作情况", "主要工作", "开展")),
)

KIND_NAMES = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "leadership": "党政主要负责人履行第一责任人职责情况",
    "plans": "下一年度的主要安排",
    "other": "其他需要报告的情况",
}


def guess_kind(title: str, year: int | None = None) -> tuple[str, str]:
    """The mandated item a section's title suggests, and the reason in Chinese."""
    for kind, words in _KIND_WORDS:
        found = [w for w in words if w in title]
        if found:
            return kind, "标题中有" + "、".join(f"“{w}”" for w in found)
    if year is not None and str(year + 1) in title:
        return "plans", f"标题说的是 {year + 1} 年"
    if title.strip() in ("无", "其他", "其他事项"):
        return "other", "标题是“其他”"
    return "measures", "标题中没有可判断的词，按主要举措和成效处理"


_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def first_year(text: str) -> int | None:
    """The first year (20xx) named in ``text``."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None
