"""Word's automatic numbering, computed as Word shows it: the labels of numbered paragraphs.

A numbered paragraph holds no number in its text: ``numbering.xml`` says
how to count (``w:abstractNum`` levels with ``w:start``, ``w:numFmt`` such
as ``decimal`` or ``chineseCounting``, ``w:lvlText`` such as ``%1、`` or
``（%2）``, ``w:lvlRestart``) and each ``w:num`` instance points at one,
optionally restarting levels (``w:lvlOverride/w:startOverride``). Instances
of one abstract list share their counters, as Word's "continue numbering"
does; an override restarts its level where the instance is first used.
No library gets Chinese counting right, so it is done here, over lxml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVELS = 9


def q(name: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W}}}{name}"


def attr(el: Any, name: str = "val") -> str | None:
    """A ``w:`` attribute of ``el`` (``None`` when ``el`` is ``None``)."""
    return None if el is None else el.get(q(name))


_CN = "零一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int) -> str:
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else _CN[tens]) + "十" if tens else ""
    return text + (_CN[ones] if ones else "")


def _roman(n: int) -> str:
    values = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """``n`` in a ``w:numFmt``: decimal 3, chineseCounting 三, ideographTraditional 丙 …"""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographDigital",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return _chinese(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _HEAVENLY[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class Level:
    """One level of an abstract list."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    """``w:lvlRestart``: restart after this (1-based) level is used; 0 never; None any higher."""
    bold: bool = False
    font: str = ""


def _level(el: Any) -> Level:
    start = attr(el.find(q("start")))
    restart = attr(el.find(q("lvlRestart")))
    rpr = el.find(q("rPr"))
    fonts = rpr.find(q("rFonts")) if rpr is not None else None
    bold = rpr.find(q("b")) if rpr is not None else None
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=attr(el.find(q("numFmt"))) or "decimal",
        text=attr(el.find(q("lvlText"))) or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        bold=bold is not None and attr(bold) not in ("0", "false"),
        font=(attr(fonts, "eastAsia") or attr(fonts, "ascii") or "") if fonts is not None else "",
    )


@dataclass
class Numbering:
    """The lists of a document and the counters of the paragraphs read so far."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    instances: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = field(default_factory=dict)
    """numId → (abstractNumId, levels it redefines, startOverride by level)."""
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_xml(cls, root: Any) -> Numbering:
        """The lists of a ``w:numbering`` element (``None``: a document without lists)."""
        numbering = cls()
        if root is None:
            return numbering
        for el in root.iterchildren(q("abstractNum")):
            levels = {}
            for lvl in el.iterchildren(q("lvl")):
                ilvl = attr(lvl, "ilvl")
                if ilvl and ilvl.isdigit():
                    levels[int(ilvl)] = _level(lvl)
            numbering.abstract[attr(el, "abstractNumId") or ""] = levels
        for el in root.iterchildren(q("num")):
            overrides: dict[int, int] = {}
            redefined: dict[int, Level] = {}
            for over in el.iterchildren(q("lvlOverride")):
                ilvl = attr(over, "ilvl")
                if not (ilvl and ilvl.isdigit()):
                    continue
                start = attr(over.find(q("startOverride")))
                if start and start.isdigit():
                    overrides[int(ilvl)] = int(start)
                lvl = over.find(q("lvl"))
                if lvl is not None:
                    redefined[int(ilvl)] = _level(lvl)
            abstract = attr(el.find(q("abstractNumId"))) or ""
            numbering.instances[attr(el, "numId") or ""] = (abstract, redefined, overrides)
        return numbering

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The definition of level ``ilvl`` of list instance ``num_id``."""
        if num_id not in self.instances:
            return None
        abstract, redefined, _ = self.instances[num_id]
        return redefined.get(ilvl) or self.abstract.get(abstract, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of ``num_id`` at ``ilvl``, counting this paragraph: ``（二）``, ``3.``."""
        if num_id in ("", "0") or num_id not in self.instances or not 0 <= ilvl < _LEVELS:
            return ""
        abstract, _, overrides = self.instances[num_id]
        counters = self.counters.setdefault(abstract, [None] * _LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for over_level, start in overrides.items():
                if 0 <= over_level < _LEVELS:
                    counters[over_level] = start - 1
        defn = self.level(num_id, ilvl)
        if defn is None:
            return ""
        current = counters[ilvl]
        counters[ilvl] = defn.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            below = self.level(num_id, deeper)
            restart = below.restart if below else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if defn.fmt == "bullet":
            return ""

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = self.level(num_id, k)
            if lvl is None:
                return ""
            n = counters[k]
            return format_number(lvl.start if n is None else n, lvl.fmt)

        return re.sub(r"%([1-9])", value, defn.text)
