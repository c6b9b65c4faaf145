"""Plain-text tables that line up in a terminal, Chinese included.

A Chinese character takes two columns in a terminal (Unicode East Asian Width
"W" or "F"), so padding by ``len()`` would push every column after a label
out of line; widths here are counted in terminal columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns (on the left when ``right``)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending in "…" when cut."""
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] = ()
) -> list[str]:
    """The lines of a table: header, a rule, then rows; ``right`` aligns number columns."""
    columns = len(headers)
    widths = [max(display_width(r[i]) for r in [headers, *rows]) for i in range(columns)]
    align = [right[i] if i < len(right) else False for i in range(columns)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(pad(c, widths[i], align[i]) for i, c in enumerate(cells)).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]
