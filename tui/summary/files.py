"""The summary as files for Excel and WPS: CSV (UTF-8 with a BOM) and an XLSX workbook.

Excel and WPS take a CSV without a byte-order mark for the local code page
(GBK) and show the Chinese as mojibake; with the BOM they read it as UTF-8.
The workbook is written with openpyxl, imported here only, so ``tui
validate`` never loads it: frozen heading rows, column widths that fit
Chinese text, numbers and dates as real values, and one bar chart.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

from schema.summary import ReportRow, Summary
from tui.cells import width
from tui.summary.tables import (
    OTHERS_HEADINGS,
    YEAR_ON_YEAR_HEADINGS,
    Cell,
    Table,
    main_table,
    other_lines,
    others_table,
    year_on_year_lines,
    year_on_year_table,
    year_on_year_totals,
)

BOM = "\ufeff"
MAX_COLUMN = 60
"""The widest a column grows in the workbook (in widths of a Latin digit)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Characters XML 1.0 cannot hold (a report's X003): openpyxl refuses them, so they are marked."""
SAMPLE = 500
"""Rows measured for the column widths: enough to see the long names, cheap for a city."""


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """One table as CSV: a BOM, the headings, the rows, then the totals; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headings)
    for row in [*table.rows, *table.totals]:
        writer.writerow([_csv_cell(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")


def csv_files(summary: Summary) -> list[tuple[str, bytes]]:
    """The CSV files: the summary, then (when there is anything in them) the second and third.

    Each is named by a suffix to the output's stem: ``汇总.csv``, ``汇总-其他指标.csv``,
    ``汇总-与上年对比.csv``.
    """
    files = [("", csv_bytes(main_table(summary)))]
    for suffix, table in (
        ("-其他指标", others_table(summary)),
        ("-与上年对比", year_on_year_table(summary)),
    ):
        if table.rows:
            files.append((suffix, csv_bytes(table)))
    return files


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _widths(headings: list[str], rows: list[list[Cell]]) -> list[int]:
    """Each column's width in Excel's units: a Chinese character counts two, plus a margin."""
    widths = []
    for i, heading in enumerate(headings):
        texts = {_csv_cell(r[i]) for r in rows}
        widths.append(min(MAX_COLUMN, max(map(width, [heading, *texts])) + 2))
    return widths


def _bold() -> Any:
    """The workbook's own font, bold (a bare bold font loses the face Chinese falls back from)."""
    from openpyxl.styles import Font

    return Font(name="Calibri", sz=11, family=2, scheme="minor", bold=True)


class _Sheet:
    """One sheet of a write-only workbook: widths from the first lines, the rest streamed."""

    def __init__(self, sheet: Any, headings: list[str]) -> None:
        self.sheet = sheet
        self.headings = headings
        self.waiting: list[list[Cell]] | None = []
        """Lines held back until there are enough to measure the columns by."""

    def add(self, lines: list[list[Cell]]) -> None:
        if self.waiting is None:
            self._write(lines)
            return
        self.waiting += lines
        if len(self.waiting) >= SAMPLE:
            self.start()

    def start(self, extra: list[list[Cell]] | None = None) -> None:
        """Fix the widths and the frozen panes, write the headings and the lines held back."""
        if self.waiting is None:
            return

        waiting, self.waiting = self.waiting, None
        self.sheet.freeze_panes = "B2"  # the heading row, and the department's column
        for i, w in enumerate(_widths(self.headings, [*waiting, *(extra or [])])):
            self.sheet.column_dimensions[_column_letter(i)].width = w
        self._write([list[Cell](self.headings)], _bold())
        self._write(waiting)

    def _write(self, lines: list[list[Cell]], font: Any = None) -> None:
        from openpyxl.cell import WriteOnlyCell

        for line in lines:
            if any(isinstance(v, str) and _CONTROL.search(v) for v in line):
                line = [_CONTROL.sub("\ufffd", v) if isinstance(v, str) else v for v in line]
            if font is None and not any(isinstance(v, dt.date) for v in line):
                self.sheet.append(line)
                continue
            cells = []
            for value in line:
                cell = WriteOnlyCell(self.sheet, value=value)
                if font is not None:
                    cell.font = font
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            self.sheet.append(cells)

    def finish(self, totals: list[list[Cell]]) -> None:

        self.start(totals)
        self._write(totals, _bold())


class Workbook:
    """The XLSX summary, written as the reports are read.

    The sheets of per-report lines (其他指标, 与上年对比) take most of the
    cells; they are written while the other reports are still being read, and
    汇总 (whose columns depend on every report) and the chart at the end.
    """

    def __init__(self) -> None:
        from openpyxl import Workbook as OpenpyxlWorkbook

        self.book = OpenpyxlWorkbook(write_only=True)
        self.main = _Sheet(self.book.create_sheet("汇总"), [])  # headings known at the end
        self.others = _Sheet(self.book.create_sheet("其他指标"), OTHERS_HEADINGS)
        self.year_on_year = _Sheet(self.book.create_sheet("与上年对比"), YEAR_ON_YEAR_HEADINGS)

    def add(self, row: ReportRow) -> None:
        """Write a report's lines of the second and third sheets."""
        self.others.add(other_lines(row))
        self.year_on_year.add(year_on_year_lines(row))

    def finish(self, summary: Summary) -> bytes:
        """Write 汇总 with its totals and the chart; the workbook's bytes."""
        main = main_table(summary)
        self.main.headings = main.headings
        self.main.add(main.rows)
        self.main.finish(main.totals)
        self.others.finish([])
        self.year_on_year.finish(year_on_year_totals(summary))
        if summary.rows and summary.columns:
            _chart(self.book, self.main.sheet, main, summary)
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def xlsx_bytes(summary: Summary) -> bytes:
    """The workbook: 汇总 (with the totals), 其他指标, 与上年对比, and 图表 with one bar chart."""
    book = Workbook()
    for row in summary.rows:
        book.add(row)
    return book.finish(summary)


def _chart(workbook: Any, sheet: Any, table: Table, summary: Summary) -> None:
    """A clustered bar chart of the summed catalogue metrics, one group of bars per department."""
    from openpyxl.chart import BarChart, Reference

    first = len(table.headings) - len(summary.columns)
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = "各单位主要指标"
    chart.y_axis.title = "数值（金额为万元）"
    chart.x_axis.title = "单位"
    last_row = len(table.rows) + 1
    for offset, column in enumerate(summary.columns):
        if not column.summed:
            continue  # a rate does not belong on the same axis as counts
        col = first + offset + 1
        data = Reference(sheet, min_col=col, max_col=col, min_row=1, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last_row))
    chart.width = min(60.0, max(18.0, 1.2 * len(table.rows)))
    chart.height = 12.0
    charts = workbook.create_sheet("图表")
    charts.add_chart(chart, "A1")
