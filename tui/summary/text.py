"""The summary for a terminal: tables that fit 80 columns, Chinese counted as two.

The status of every report comes first (one line each, so thirty to sixty
departments read down a screen or two); the figures follow in tables of a
few metrics each, with their headings wrapped, rather than one table too wide
for the terminal; then the comparison with last year and the figures the
catalogue does not know. The shared beginning of the departments' names
(“上海市宝山区”) is said once above the tables instead of on every line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from schema.summary import ReportRow, Summary
from tui.cells import clip, pad, width, wrap
from tui.compare_format import change_text as _change_text
from tui.compare_format import number, ratio_text
from tui.summary.tables import on_time_text, total_label, year_text

WIDTH = 80
GAP = 2
METRIC_WIDTH = 12
"""Cells for a metric's column; its heading is wrapped to this width."""
_PLACE_ENDS = "省市区县州盟旗镇乡"
_DROPPED_PLACE_ENDS = "省市区县州盟旗"
"""The ends of place names :func:`shorten` drops (not 乡 or 镇: 住房和城乡建设管理委员会)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters a report may hold (X003): printed, an ESC would drive the terminal."""


def common_prefix(names: Sequence[str]) -> str:
    """The beginning all departments' names share, up to a place name's end (“上海市宝山区”)."""
    if len(names) < 2:
        return ""
    first, last = min(names), max(names)
    shared = ""
    for a, b in zip(first, last, strict=False):
        if a != b:
            break
        shared += a
    cut = max(shared.rfind(c) for c in _PLACE_ENDS)
    prefix = shared[: cut + 1] if cut >= 1 else ""
    return prefix if all(len(n) > len(prefix) for n in names) else ""


def _places(name: str) -> list[str]:
    """``name`` without its leading place names, one more each time.

    上海市闵行区司法局 → 闵行区司法局 → 司法局: a place name is three to six characters
    ending in 省, 市, 区, 县… (so 城市管理局 keeps its 城市, 绿化市容局 its 市容).
    """
    found: list[str] = []
    rest = name
    while True:
        ends = [i for i, ch in enumerate(rest[:-2]) if ch in _DROPPED_PLACE_ENDS and 2 <= i <= 5]
        if not ends:
            return found
        rest = rest[ends[0] + 1 :]
        found.append(rest)


def shorten(names: Sequence[str], cells: int) -> list[str]:
    """Each name in at most ``cells`` cells, the departments still told apart.

    A name too long loses its leading place names first (上海市闵行区市场监督管理局 →
    市场监督管理局), then its end (“市场监督管…”). Where that makes two different
    names alike, they keep their end instead (“…监督管理局”), and where that does too,
    their beginning, which names the district.
    """

    def department(name: str) -> str:
        fits = [n for n in _places(name) if width(n) <= cells]
        return fits[0] if fits else ([name, *_places(name)][-1])

    ways = [
        lambda n: clip(department(n), cells),
        lambda n: clip(department(n), cells, keep_end=True),
        lambda n: clip(n, cells),
    ]
    short = {n: n if width(n) <= cells else ways[0](n) for n in dict.fromkeys(names)}
    for way in ways[1:]:
        seen: dict[str, list[str]] = {}
        for name, cut in short.items():
            seen.setdefault(cut, []).append(name)
        alike = [n for group in seen.values() if len(group) > 1 for n in group if short[n] != n]
        if not alike:
            break
        for name in alike:
            short[name] = way(name)
    return [short[n] for n in names]


def fit_lines(text: str, cells: int = WIDTH) -> list[str]:
    """``text`` wrapped in lines of at most ``cells`` cells, with no exception.

    :func:`tui.cells.wrap` lets a closing mark run a line a cell or two over and
    does not break a long Latin word (a path); here the lines are made narrower
    until the marks fit, and a word still too long is broken where it must be.
    """
    for narrower in range(0, 7):
        lines = wrap(text, cells - narrower)
        if all(width(line) <= cells for line in lines):
            return lines
    out: list[str] = []
    for line in wrap(text, cells):
        while width(line) > cells:
            head, used = "", 0
            for ch in line:
                if used + width(ch) > cells:
                    break
                head += ch
                used += width(ch)
            out.append(head)
            line = line[len(head) :]
        out.append(line)
    return out


def change_text(value: Decimal | None) -> str:
    """A signed change, as ``tui compare`` writes it (a change of 10^30 as it is, unrounded)."""
    try:
        return _change_text(value)
    except InvalidOperation:
        assert value is not None
        return ("+" if value > 0 else "") + format(value, "f")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return number(value)
    return str(value)


def render_table(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[bool],
    widths: Sequence[int],
    wrapped: Sequence[bool] = (),
    totals: Sequence[Sequence[str]] = (),
) -> list[str]:
    """Lines of a table with the given column widths; headings wrap, other cells are clipped.

    A column marked ``wrapped`` (the codes) runs onto further lines instead of being cut.
    """

    def lines_of(cells: Sequence[str], wrap_all: bool) -> list[str]:
        parts = []
        for i, text in enumerate(_CONTROL.sub("\ufffd", c) for c in cells):
            if wrap_all or (i < len(wrapped) and wrapped[i]):
                parts.append([w for t in text.split("\n") for w in wrap(t, widths[i])] or [""])
            else:
                parts.append([clip(text, widths[i])])
        height = max(len(p) for p in parts)
        out = []
        for n in range(height):
            line = "  ".join(
                pad(p[n] if n < len(p) else "", widths[i], right[i] and not wrap_all)
                for i, p in enumerate(parts)
            )
            out.append(line.rstrip())
        return out

    rule = "  ".join("-" * w for w in widths)
    lines = [*lines_of(headings, True), rule]  # headings wrap rather than being cut
    for row in rows:
        lines += lines_of(row, False)
    if totals:
        lines.append(rule)
        for row in totals:
            lines += lines_of(row, False)
    return lines


def _fit(natural: list[int], shrink: Sequence[tuple[int, int]]) -> list[int]:
    """Column widths within WIDTH: shrink the columns named in ``shrink`` (index, least) in turn."""
    widths = list(natural)
    for index, least in shrink:
        over = sum(widths) + GAP * (len(widths) - 1) - WIDTH
        if over <= 0:
            break
        widths[index] = max(least, widths[index] - over)
    return widths


def _natural(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    return [max(width(r[i]) for r in [headings, *rows]) for i in range(len(headings))]


def render_text(summary: Summary, folder: str) -> list[str]:
    """The whole summary as lines of at most 80 cells (a wrapped code may run a cell over)."""
    rows = summary.rows
    prefix = common_prefix([r.department for r in rows if not r.unreadable])

    def name(of: Sequence[ReportRow], cells: int | None = None, year: bool = True) -> list[str]:
        """The rows' names in ``cells`` (as long as they are when ``None``); with ``year``, a
        folder of several years adds each report's year, so that its two reports read apart."""
        mixed = year and len(summary.totals) > 1
        tails = [f" {r.year}" if mixed and r.year is not None else "" for r in of]
        bases = [r.department.removeprefix(prefix) if prefix else r.department for r in of]
        if cells is not None:
            bases = shorten(bases, cells - max(map(width, tails), default=0))
        return [b + t for b, t in zip(bases, tails, strict=True)]

    years = "、".join(
        f"{year_text(y)} {sum(1 for r in rows if r.year == y and not r.unreadable)} 份"
        for y in summary.totals
    )
    late = sum(1 for r in rows if r.on_time is False)
    failed = sum(1 for r in rows if r.unreadable)
    with_errors = sum(1 for r in rows if r.errors and not r.unreadable)  # as the CSV's 合计
    head = (
        f"共 {len(rows)} 份报告（{years or '无可读的报告'}）；"
        f"逾期 {late} 份，有错误 {with_errors} 份，无法读取 {failed} 份。"
    )
    lines = [clip(f"汇总：{folder}", WIDTH, keep_end=True), *fit_lines(head)]
    if prefix:
        lines += fit_lines(f"单位名称略去共同的开头“{prefix}”。")
    lines.append("")
    lines += _status(summary, name)
    problems = [r for r in rows if r.problem]
    if problems:
        lines += ["", "无法读取："]
        for r in problems:
            lines += ["  " + line for line in fit_lines(f"{r.folder}：{r.problem}", WIDTH - 2)]
    if summary.columns:
        lines += ["", "指标（金额换算为万元；合计只含写有该指标的报告）：", ""]
        lines += _metrics(summary, name)
    yoy = _year_on_year(summary, name)
    if yoy:
        lines += ["", "与上年对比（写有 previous 的报告；提醒 U001 为元与万元混用）：", ""]
        lines += yoy
    others = [(r, m) for r in rows for m in r.others]
    if others:
        lines += ["", f"目录之外的指标（共 {len(others)} 项）：", ""]
        names = name([r for r, _ in others])
        table = [
            [n, m.key, m.label, number(m.value), m.unit]
            for n, (_, m) in zip(names, others, strict=True)
        ]
        headings = ["单位名称", "指标名", "说明", "数值", "计量单位"]
        least = 12 + (5 if len(summary.totals) > 1 else 0)  # and room for “ 2024”
        widths = _fit(_natural(headings, table), [(0, least), (2, 12), (1, 12), (0, 12)])
        for cells, short in zip(table, name([r for r, _ in others], widths[0]), strict=True):
            cells[0] = short
        lines += render_table(headings, table, [False, False, False, True, False], widths)
    lines += ["", "逐条的问题及其位置：", clip(f"  tui validate {folder}", WIDTH, keep_end=True)]
    return lines


Names = Callable[..., list[str]]
"""``name(rows, cells=None, year=True)`` in :func:`render_text`: the rows' departments."""


def _status(summary: Summary, name: Names) -> list[str]:
    headings = ["单位名称", "年度", "发文字号", "成文日期", "期限", "错误", "警告", "问题代码"]
    table = [
        [
            "",
            _cell(r.year),
            r.doc_number,
            _cell(r.date),
            "—" if r.unreadable else on_time_text(r),
            str(len(r.errors)),
            str(len(r.warnings)),
            " ".join(r.codes),
        ]
        for r in summary.rows
    ]
    for cells, full in zip(table, name(summary.rows, year=False), strict=True):
        cells[0] = full
    natural = _natural(headings, table)
    natural[7] = max(natural[7], 9)
    widths = _fit(natural, [(7, 9), (0, 12), (2, 15), (0, 8), (7, 4)])
    for cells, short in zip(table, name(summary.rows, widths[0], year=False), strict=True):
        cells[0] = short
    right = [False, True, False, False, False, True, True, False]
    return render_table(headings, table, right, widths, wrapped=[False] * 7 + [True])


def _metrics(summary: Summary, name: Names) -> list[str]:
    readable = [r for r in summary.rows if not r.unreadable]  # listed under 无法读取 above
    longest = 16 + (5 if len(summary.totals) > 1 else 0)  # room for “ 2024”: still 4 a table
    first = min(max(width(n) for n in [*name(readable), "单位名称"]), longest)
    names = name(readable, first)
    per_table = max(1, (WIDTH - first) // (METRIC_WIDTH + GAP))
    columns = list(summary.columns)
    lines: list[str] = []
    for start in range(0, len(columns), per_table):
        chunk = columns[start : start + per_table]
        table = []
        for n, r in zip(names, readable, strict=True):
            cells = [n]
            for c in chunk:
                figure = r.figures.get(c.key)
                if figure is None:
                    cells.append("—")
                else:
                    cells.append(number(figure.value))
            table.append(cells)
        totals = [
            [total_label(summary, year)]
            + [_cell(by_key[c.key].value) if c.key in by_key else "" for c in chunk]
            for year, by_key in summary.totals.items()
        ]
        widths = [first] + [
            max(METRIC_WIDTH, *(width(row[i + 1]) for row in [*table, *totals]))
            for i in range(len(chunk))
        ]
        headings = ["单位名称", *(f"{c.label}\n（{c.unit}）" for c in chunk)]
        right = [False] + [True] * len(chunk)
        if lines:
            lines.append("")
        lines += render_table(headings, table, right, widths, totals=totals)
    return lines


def _year_on_year(summary: Summary, name: Names) -> list[str]:
    table = []
    of = []
    for r in summary.rows:
        for c in summary.columns:
            f = r.figures.get(c.key)
            if f is None or not f.compared:
                continue
            of.append(r)
            table.append(
                [
                    name([r])[0],
                    f"{c.label}（{c.unit}）",
                    number(f.value),
                    number(f.previous),
                    change_text(f.change),
                    ratio_text(f.ratio, mark_tiny=False),
                    " ".join(f.codes),
                ]
            )
    if not table:
        return []
    totals = []
    for year, by_key in summary.totals.items():
        for c in summary.columns:
            t = by_key.get(c.key)
            if t is None or not t.compared:
                continue
            change = Decimal(t.change) if t.change is not None else None
            totals.append(
                [
                    f"{total_label(summary, year)}（{t.compared} 份）",
                    f"{c.label}（{c.unit}）",
                    number(t.current),
                    number(t.previous),
                    change_text(change),
                    ratio_text(t.ratio, mark_tiny=False),
                    "",
                ]
            )
    headings = ["单位名称", "指标", "今年", "去年", "增减", "倍数", "提醒"]
    natural = _natural(headings, [*table, *totals])
    widths = _fit(natural, [(0, 12), (1, 14), (6, 4)])
    for cells, short in zip(table, name(of, widths[0]), strict=True):
        cells[0] = short
    right = [False, False, True, True, True, True, False]
    wrapped = [False] * 6 + [True]
    return render_table(headings, table, right, widths, wrapped=wrapped, totals=totals)
