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
from decimal import Decimal
from typing import Any

from schema.summary import Summary
from tui.cells import width
from tui.summary.tables import Cell, Table, main_table, others_table, year_on_year_table

BOM = "\ufeff"
MAX_COLUMN = 60
"""The widest a column grows in the workbook (in widths of a Latin digit)."""


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


def _widths(table: Table) -> list[float]:
    """Each column's width in Excel's units: a Chinese character counts two, plus a margin."""
    widths = []
    for i, heading in enumerate(table.headings):
        cells = [width(_csv_cell(r[i])) for r in [*table.rows[:2000], *table.totals]]
        widths.append(min(MAX_COLUMN, max([width(heading), *cells]) + 2))
    return widths


def _sheet(workbook: Any, table: Table) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(table.name)
    sheet.freeze_panes = "B2"  # the heading row, and the department's column
    for i, w in enumerate(_widths(table)):
        sheet.column_dimensions[_column_letter(i)].width = w
    bold = Font(bold=True)

    def styled(value: Cell, font: Any = None) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        if font is not None:
            cell.font = font
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        return cell

    sheet.append([styled(h, bold) for h in table.headings])
    for row in table.rows:
        sheet.append([styled(v) if isinstance(v, dt.date) else v for v in row])
    for row in table.totals:
        sheet.append([styled(v, bold) for v in row])
    return sheet


def xlsx_bytes(summary: Summary) -> bytes:
    """The workbook: 汇总 (with the totals), 其他指标, 与上年对比, and 图表 with one bar chart."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    main = main_table(summary)
    sheet = _sheet(workbook, main)
    _sheet(workbook, others_table(summary))
    _sheet(workbook, year_on_year_table(summary))
    if summary.rows and summary.columns:
        _chart(workbook, sheet, main, summary)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


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
