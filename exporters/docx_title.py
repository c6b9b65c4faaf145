"""Breaking a long 标题 into balanced lines without splitting a word.

GB/T 9704 7.3.1: a title that does not fit one line is set as a trapezoid or
diamond, and a line break never splits a word or a name. Chinese has no
spaces, so the places where a line may break are found from what titles of
this kind are made of: the issuing body, a year, 关于…的, and the words of
the genre (法治政府建设情况报告). Among those places the most even one wins.

A clerk may choose the breaks instead, writing ``\\n`` in ``[body] title``: a
given break always wins, and only a given line still too long for the type
area is broken further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exporters.text import title_lines, width

TITLE_CAPACITY = 20.0
"""Characters of 2号 (22 pt) on a 156 mm line."""

_WORDS = (
    "中国共产党",
    "人民政府",
    "委员会",
    "办公室",
    "管理局",
    "应急管理",
    "法治政府",
    "法治建设",
    "依法治区",
    "依法治市",
    "依法行政",
    "建设",
    "情况",
    "报告",
    "工作",
    "年度",
    "推进",
    "落实",
    "关于",
    "主要",
    "负责人",
    "第一责任人",
    "履行",
    "职责",
    "党政",
)
"""Words a title of this genre is built from; a break never falls inside one."""

_ORG_END = re.compile(r"(?:人民政府|委员会|办公室|中心|[局委办厅院署])(?=\d|关于)")
_YEAR_END = re.compile(r"\d{4}年度?")
_OPENERS = "（《“‘〔【(["
_CLOSERS = "）》”’〕】)]、，。：；！？,.:;!?"


@dataclass(frozen=True)
class _Break:
    index: int
    strength: int  # 0 a strong place to break, 1 a word boundary, 2 anywhere legal


def _protected(title: str) -> list[bool]:
    """``True`` at index i when a break before character i would split something."""
    protected = [False] * (len(title) + 1)
    protected[0] = protected[len(title)] = True
    for word in _WORDS:
        for match in re.finditer(re.escape(word), title):
            for i in range(match.start() + 1, match.end()):
                protected[i] = True
    for match in re.finditer(r"[0-9A-Za-z]+(?:\.[0-9]+)?", title):
        for i in range(match.start() + 1, match.end()):
            protected[i] = True
    for match in re.finditer("关于", title):
        protected[match.end()] = True
    for i, ch in enumerate(title):
        if ch in _CLOSERS:
            protected[i] = True
        if ch in _OPENERS:
            protected[i + 1] = True
    return protected


def _breaks(title: str, issuer: str) -> list[_Break]:
    protected = _protected(title)
    strong: set[int] = set()
    if issuer and title.startswith(issuer):
        strong.add(len(issuer))
    for match in _ORG_END.finditer(title):
        strong.add(match.end())
    for match in _YEAR_END.finditer(title):
        strong.update((match.start(), match.end()))
    for match in re.finditer("关于", title):
        strong.add(match.start())
    for match in re.finditer("的", title):
        strong.add(match.end())
    word_edges = {m.start() for w in _WORDS for m in re.finditer(re.escape(w), title)}
    word_edges |= {m.end() for w in _WORDS for m in re.finditer(re.escape(w), title)}
    found = []
    for i in range(1, len(title)):
        if protected[i]:
            continue
        strength = 0 if i in strong else 1 if i in word_edges else 2
        found.append(_Break(i, strength))
    return found


def _cost(lines: list[str], strengths: list[int], capacity: float) -> float:
    widths = [width(line) / 2 for line in lines]
    if max(widths) > capacity:
        return float("inf")
    uneven = max(widths) - min(widths)
    # a trapezoid that widens downwards reads best: a tiny preference, to break ties
    widening = sum(0.01 for a, b in zip(widths, widths[1:], strict=False) if a > b)
    return uneven + sum(3.0 * s for s in strengths) + widening


def title_text(title: str) -> str:
    """The title as one string, its given lines joined (document properties, estimates)."""
    return "".join(title_lines(title))


def break_title(title: str, issuer: str = "", capacity: float = TITLE_CAPACITY) -> list[str]:
    """The title's lines: where the clerk broke it, else where it breaks best.

    Each line the clerk wrote (separated by ``\\n``) is kept; one that does not
    fit is broken as a title without given breaks is: one line if it fits,
    else the fewest even lines that break between words. ``issuer`` is the
    issuing body's name, the most natural place to break when the title
    opens with it.
    """
    if "\n" in title:
        return [
            line for given in title_lines(title) for line in _break_line(given, issuer, capacity)
        ]
    return _break_line(title, issuer, capacity)


def _break_line(title: str, issuer: str, capacity: float) -> list[str]:
    if width(title) / 2 <= capacity:
        return [title]
    candidates = _breaks(title, issuer)
    best: tuple[float, list[str]] | None = None
    for a in candidates:
        lines = [title[: a.index], title[a.index :]]
        cost = _cost(lines, [a.strength], capacity)
        if best is None or cost < best[0]:
            best = (cost, lines)
    if best is not None and best[0] != float("inf"):
        return best[1]
    if width(title) / 2 > 3 * capacity:
        return _by_width(title, capacity)  # no three lines hold it: no pairs of breaks to weigh
    for a in candidates:
        for b in candidates:
            if b.index <= a.index:
                continue
            lines = [title[: a.index], title[a.index : b.index], title[b.index :]]
            cost = _cost(lines, [a.strength, b.strength], capacity)
            if best is None or cost < best[0]:
                best = (cost, lines)
    if best is not None and best[0] != float("inf"):
        return best[1]
    return _by_width(title, capacity)


def _by_width(title: str, capacity: float) -> list[str]:
    """Last resort for a very long title: fill lines to capacity."""
    lines, line = [], ""
    for ch in title:
        if width(line + ch) / 2 > capacity:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines
