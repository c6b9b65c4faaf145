"""The summary as tables of typed cells, the same for every format that writes it.

CSV, XLSX and the terminal all show the same columns under the same Chinese
headings; only the layout differs. Cells keep their types (numbers are
numbers, dates are dates) so that the workbook can hold real numbers, and
the text and CSV writers turn them into strings their own way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from schema.catalogue import catalogue
from schema.summary import ReportRow, Summary, Total, rounded

Cell = str | int | Decimal | dt.date | None


@dataclass(frozen=True)
class Table:
    """Headings and rows; ``totals`` rows follow the report rows (the 合计 lines)."""

    name: str
    headings: list[str]
    rows: list[list[Cell]]
    totals: list[list[Cell]]
    numeric: list[bool]
    """Which columns hold numbers (right-aligned in text, charted in the workbook)."""


def on_time_text(row: ReportRow) -> str:
    """按期, 逾期 (after the deadline, Y006), or 未知 (no date or no year)."""
    if row.unreadable:
        return "无法读取"
    if row.on_time is None:
        return "未知"
    return "按期" if row.on_time else "逾期"


def year_text(year: int | None) -> str:
    return f"{year}年度" if year is not None else "年度不明"


def total_label(summary: Summary, year: int | None) -> str:
    """“合计” when all reports are of one year, “合计（2023年度）” for each when not."""
    return "合计" if len(summary.totals) == 1 else f"合计（{year_text(year)}）"


STATUS_HEADINGS = [
    "单位名称",
    "文件夹",
    "年度",
    "发文字号",
    "成文日期",
    "报送期限",
    "是否按期",
    "错误",
    "警告",
    "问题代码",
    "无法读取的原因",
]


def status_cells(row: ReportRow) -> list[Cell]:
    return [
        row.department,
        row.folder,
        row.year,
        row.doc_number,
        row.date,
        row.deadline,
        on_time_text(row),
        len(row.errors),
        len(row.warnings),
        " ".join(row.codes),
        row.problem,
    ]


def main_table(summary: Summary) -> Table:
    """One row per report: the status columns, then each catalogue metric (the CSV and sheet 1)."""
    headings = [*STATUS_HEADINGS, *(c.heading for c in summary.columns)]
    rows = [[*status_cells(r), *(_value(r, c.key) for c in summary.columns)] for r in summary.rows]
    totals = []
    for year, by_key in summary.totals.items():
        of_year = [r for r in summary.rows if r.year == year and not r.unreadable]
        status: list[Cell] = [
            total_label(summary, year),
            f"{len(of_year)} 份报告",
            year,
            "",
            None,
            None,
            f"逾期 {sum(1 for r in of_year if r.on_time is False)} 份",
            None,
            None,
            f"有错误 {sum(1 for r in of_year if r.errors)} 份",
            "",
        ]
        totals.append([*status, *(_total(by_key.get(c.key)) for c in summary.columns)])
    numeric = [h in ("年度", "错误", "警告") for h in STATUS_HEADINGS] + [True] * len(
        summary.columns
    )
    return Table("汇总", headings, rows, totals, numeric)


def _value(row: ReportRow, key: str) -> Cell:
    figure = row.figures.get(key)
    return figure.value if figure is not None else None


def _total(total: Total | None) -> Cell:
    return total.value if total is not None else None


OTHERS_HEADINGS = ["单位名称", "文件夹", "年度", "指标名", "说明", "数值", "计量单位"]
OTHERS_NUMERIC = [False, False, True, False, False, True, False]


def other_lines(row: ReportRow) -> list[list[Cell]]:
    """A report's figures that the catalogue does not know, one line each."""
    return [
        [row.department, row.folder, row.year, m.key, m.label, m.value, m.unit] for m in row.others
    ]


def others_table(summary: Summary) -> Table:
    """The figures the catalogue does not know, one line each (the second CSV, sheet 2)."""
    rows = [line for r in summary.rows for line in other_lines(r)]
    return Table("其他指标", OTHERS_HEADINGS, rows, [], OTHERS_NUMERIC)


YEAR_ON_YEAR_HEADINGS = [
    "单位名称",
    "文件夹",
    "年度",
    "指标",
    "计量单位",
    "今年",
    "去年",
    "增减",
    "倍数",
    "提醒",
]


YEAR_ON_YEAR_NUMERIC = [False, False, True, False, False, True, True, True, True, False]


def year_on_year_lines(row: ReportRow) -> list[list[Cell]]:
    """A report's catalogue figures beside last year's (none when it names no ``previous``)."""
    lines: list[list[Cell]] = []
    for column in catalogue():  # the summary's columns are the catalogue's, in its order
        figure = row.figures.get(column.key)
        if figure is None or not figure.compared:
            continue
        ratio = rounded(figure.ratio, 2)
        lines.append(
            [
                row.department,
                row.folder,
                row.year,
                column.label,
                column.unit,
                figure.value,
                figure.previous,
                figure.change,
                ratio,
                " ".join(figure.codes),
            ]
        )
    return lines


def year_on_year_table(summary: Summary) -> Table:
    """Each catalogue figure beside last year's, for the reports that name ``previous``."""
    rows = [line for r in summary.rows for line in year_on_year_lines(r)]
    totals = year_on_year_totals(summary)
    return Table("与上年对比", YEAR_ON_YEAR_HEADINGS, rows, totals, YEAR_ON_YEAR_NUMERIC)


def year_on_year_totals(summary: Summary) -> list[list[Cell]]:
    """The 合计 lines: each figure added up over the reports that state it both years."""
    totals: list[list[Cell]] = []
    for year, by_key in summary.totals.items():
        for column in summary.columns:
            total = by_key.get(column.key)
            if total is None or not total.compared:
                continue
            ratio = rounded(total.ratio, 2)
            change = total.change
            totals.append(
                [
                    total_label(summary, year),
                    f"{total.compared} 份报告可比",
                    year,
                    column.label,
                    column.unit,
                    total.current,
                    total.previous,
                    Decimal(change) if change is not None else None,
                    ratio,
                    "",
                ]
            )
    return totals
