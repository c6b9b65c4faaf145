"""The summary as files for Excel and WPS: CSV (UTF-8 with a BOM) and an XLSX workbook.

Excel and WPS take a CSV without a byte-order mark for the local code page
(GBK) and show the Chinese as mojibake; with the BOM they read it as UTF-8.
The workbook is written with XlsxWriter, imported here only, so ``tui
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
"""Characters XML 1.0 cannot hold (a report's X003): marked U+FFFD, as in the text summary."""
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


def csv_files(summary: Summary) -> list[tuple[str, bytes, int]]:
    """The three CSV files, always all three: (suffix, bytes, how many rows) for each.

    Each is named by a suffix to the output's stem: ``汇总.csv``, ``汇总-其他指标.csv``,
    ``汇总-与上年对比.csv``. A table with nothing in it is still written, with its headings,
    so that a file left by an earlier summary of other reports never stays beside the new ones.
    """
    tables = [
        ("", main_table(summary)),
        ("-其他指标", others_table(summary)),
        ("-与上年对比", year_on_year_table(summary)),
    ]
    return [(suffix, csv_bytes(table), len(table.rows)) for suffix, table in tables]


def _widths(headings: list[str], rows: list[list[Cell]]) -> list[int]:
    """Each column's width in Excel's units: a Chinese character counts two, plus a margin."""
    widths = []
    for i, heading in enumerate(headings):
        texts = {_csv_cell(r[i]) for r in rows}
        widths.append(min(MAX_COLUMN, max(map(width, [heading, *texts])) + 2))
    return widths


class _Sheet:
    """One sheet of the workbook: widths from the first lines, the rest streamed row by row."""

    def __init__(self, sheet: Any, headings: list[str], bold: tuple[Any, Any]) -> None:
        self.sheet = sheet
        self.bold = bold
        """The formats of headings and totals: bold, and bold for a date."""
        self.headings = headings
        self.row = 0
        """The next row to write (XlsxWriter's ``constant_memory`` writes rows in order)."""
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
        self.sheet.freeze_panes(1, 1)  # the heading row, and the department's column
        for i, w in enumerate(_widths(self.headings, [*waiting, *(extra or [])])):
            self.sheet.set_column(i, i, w)
        self._write_bold([list[Cell](self.headings)])
        self._write(waiting)

    def _write(self, lines: list[list[Cell]]) -> None:
        """Plain lines; a date takes the workbook's default format (yyyy-mm-dd)."""
        sheet, row = self.sheet, self.row
        for line in lines:
            if _CONTROL.search("".join([v for v in line if v.__class__ is str])):
                line = _clean(line)
            if sheet.write_row(row, 0, line):  # a string cut to Excel's 32,767 characters
                for col, value in enumerate(line):
                    sheet.write(row, col, value)
            row += 1
        self.row = row

    def _write_bold(self, lines: list[list[Cell]]) -> None:
        """Headings and totals: bold, the dates bold and yyyy-mm-dd."""
        bold, bold_date = self.bold
        for line in lines:
            for col, value in enumerate(_clean(line)):
                self.sheet.write(self.row, col, value, bold_date if _is_date(value) else bold)
            self.row += 1

    def finish(self, totals: list[list[Cell]]) -> None:
        self.start(totals)
        self._write_bold(totals)


def _is_date(value: Cell) -> bool:
    return isinstance(value, dt.date)


def _clean(line: list[Cell]) -> list[Cell]:
    """Control characters (which XML 1.0 cannot hold) replaced by U+FFFD."""
    return [_CONTROL.sub("\ufffd", v) if isinstance(v, str) else v for v in line]


class Workbook:
    """The XLSX summary, written as the reports are read.

    The sheets of per-report lines (其他指标, 与上年对比) take most of the
    cells; they are written while the other reports are still being read, and
    汇总 (whose columns depend on every report) and the chart at the end.
    XlsxWriter's ``constant_memory`` mode writes each sheet's rows, in order,
    to a temporary file as they come.
    """

    def __init__(self) -> None:
        import xlsxwriter

        self.out = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.out,
            {
                "constant_memory": True,
                "strings_to_formulas": False,  # a label that begins with "=" is text
                "strings_to_urls": False,
                "nan_inf_to_errors": True,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        self.bold = (
            self.book.add_format({"bold": True}),
            self.book.add_format({"bold": True, "num_format": "yyyy-mm-dd"}),
        )
        self.main = self._sheet("汇总", [])  # headings known at the end
        self.others = self._sheet("其他指标", OTHERS_HEADINGS)
        self.year_on_year = self._sheet("与上年对比", YEAR_ON_YEAR_HEADINGS)

    def _sheet(self, name: str, headings: list[str]) -> _Sheet:
        return _Sheet(self.book.add_worksheet(name), headings, self.bold)

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
            _chart(self.book, main, summary)
        self.book.close()
        return self.out.getvalue()


def xlsx_bytes(summary: Summary) -> bytes:
    """The workbook: 汇总 (with the totals), 其他指标, 与上年对比, and 图表 with one bar chart."""
    book = Workbook()
    for row in summary.rows:
        book.add(row)
    return book.finish(summary)


def _chart(workbook: Any, table: Table, summary: Summary) -> None:
    """A clustered bar chart of the summed catalogue metrics, one group of bars per department."""
    first = len(table.headings) - len(summary.columns)
    last_row = len(table.rows)  # zero-based: the headings are row 0
    chart = workbook.add_chart({"type": "column"})  # vertical bars, clustered
    for offset, column in enumerate(summary.columns):
        if not column.summed:
            continue  # a rate does not belong on the same axis as counts
        col = first + offset
        chart.add_series(
            {
                "name": ["汇总", 0, col],
                "categories": ["汇总", 1, 0, last_row, 0],
                "values": ["汇总", 1, col, last_row, col],
            }
        )
    if not chart.series:
        return  # XlsxWriter refuses a chart without data
    chart.set_title({"name": "各单位主要指标"})
    chart.set_y_axis({"name": "数值（金额为万元）"})
    chart.set_x_axis({"name": "单位"})
    cm = 96 / 2.54  # pixels
    chart.set_size(
        {"width": round(min(60.0, max(18.0, 1.2 * len(table.rows))) * cm), "height": round(12 * cm)}
    )
    workbook.add_worksheet("图表").insert_chart("A1", chart)
