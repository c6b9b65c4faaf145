"""Text measured in terminal cells, where a Chinese character takes two.

A Chinese character is two columns wide in a terminal (Unicode East Asian
Width "W" or "F"), so padding, cutting or wrapping by ``len()`` would push
every column after a label out of line, or run a line of help text twice as
wide as the screen. Everything in ``tui`` that lines text up counts here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_CLOSING_MARKS = frozenset("，。、；：！？）》」』”’…")
"""Marks that never start a line in Chinese typesetting: they stay with the character before."""


def width(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    cells = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        cells += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return cells


def pad(text: str, cells: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``cells`` cells (on the left when ``right``)."""
    fill = " " * max(0, cells - width(text))
    return fill + text if right else text + fill


def clip(text: str, cells: int, keep_end: bool = False) -> str:
    """``text`` on one line of at most ``cells`` cells, with “…” where it was cut.

    The end is cut, or with ``keep_end`` the start (for a path, whose last
    folders say most).
    """
    text = " ".join(text.split())
    if width(text) <= cells:
        return text
    out, used = [], 0
    for ch in reversed(text) if keep_end else text:
        w = width(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "…" + "".join(reversed(out)) if keep_end else "".join(out) + "…"


_SPACES = re.compile(r"[ \t\r\n]+")
"""Runs of Latin white space, which wrapping makes one space; the ideographic space stays."""


def _tokens(text: str) -> Iterator[str]:
    """Words of Latin text, single spaces, and single Chinese characters: where lines may break."""
    word = ""
    for ch in text:
        if ch == " " or width(ch) == 2:
            if word:
                yield word
                word = ""
            yield ch
        else:
            word += ch
    if word:
        yield word


def wrap(text: str, cells: int) -> list[str]:
    """``text`` in lines of at most ``cells`` cells, broken between words or Chinese characters.

    A closing mark (“，”“。”“）”…) is kept at the end of its line even when
    that runs a cell or two over, never carried to the start of the next; a
    Latin word longer than a line is not broken.
    """
    lines: list[str] = []
    line, used = "", 0
    for token in _tokens(_SPACES.sub(" ", text).strip(" ")):
        w = width(token)
        if used + w > cells and line.strip() and token not in _CLOSING_MARKS:
            lines.append(line.rstrip())
            line, used = "", 0
            if token == " ":
                continue
        line += token
        used += w
    if line.strip():
        lines.append(line.rstrip())
    return lines
