"""This year's draft against last year's report: ``tui compare`` inside the editor.

The table lists every metric both years share; a row marked ``!`` has a
warning (a 元/万元 slip, a hundredfold jump), spelled out under the table with
the metrics that appeared or disappeared. Enter on a row puts the cursor in
that metric's value, so a slip found here is fixed at once; Esc goes back.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from records import Metric
from schema.compare import Comparison
from tui.cells import clip
from tui.compare_format import number
from tui.editor.previous import ComparisonRow, comparison_rows

LABEL_CELLS = 24
"""Terminal cells for a metric's label, so that the table fits 80 columns."""


def _year(year: int | None, fallback: str) -> str:
    return f"{year}年" if year is not None else fallback


def _listing(title: str, metrics: list[Metric]) -> str:
    lines = [f"{title}（{len(metrics)} 项）："]
    lines += [f"  {m.label or m.key}（{m.key}）{number(m.value)}{m.unit}" for m in metrics]
    return "\n".join(lines)


@dataclass(frozen=True)
class MetricChosen:
    """What the screen returns when the clerk picks a row: the metric's file and key."""

    file: str
    key: str


class ComparisonScreen(Screen[MetricChosen | None]):
    """The comparison table, full screen at 80×24; Esc closes it."""

    BINDINGS = [
        Binding("escape,q", "close", "关闭", key_display="esc"),
        Binding("enter", "choose", "去填写", priority=True),
    ]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison
        self.rows: list[ComparisonRow] = comparison_rows(comparison)

    def compose(self) -> ComposeResult:
        c = self.comparison
        new_year, old_year = _year(c.new.year, "今年"), _year(c.old.year, "去年")
        yield Header(icon="")
        yield Static(
            f"对比{old_year}报告 {c.old.folder.resolve().name}："
            f"共同指标 {len(c.shared)} 项，提醒 {len(c.warnings)} 条",
            id="comparison-title",
            markup=False,
        )
        table: DataTable[str] = DataTable(
            id="comparison-table", cursor_type="row", zebra_stripes=True
        )
        table.add_columns("指标", "单位", new_year, old_year, "增减", "倍数")
        for row in self.rows:
            table.add_row(clip(row.cells[0], LABEL_CELLS), *row.cells[1:], key=row.key)
        yield table
        with VerticalScroll(id="comparison-notes"):
            for warning in c.warnings:
                yield Static(f"!{warning.message}", classes="comparison-warning", markup=False)
            if c.appeared:
                yield Static(_listing(f"{new_year}新增的指标", c.appeared), markup=False)
            if c.disappeared:
                title = f"{old_year}有、{new_year}没有的指标"
                yield Static(_listing(title, c.disappeared), markup=False)
            if not (c.warnings or c.appeared or c.disappeared):
                yield Static("没有提醒；两年的指标相同。", markup=False)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.focus()
        first_warned = next((i for i, r in enumerate(self.rows) if r.warned), 0)
        # once the table has its height, so that it scrolls only when the row is out of sight
        self.call_after_refresh(table.move_cursor, row=first_warned)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        """Go to the highlighted metric's value in the form."""
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return
        row = self.rows[table.cursor_row]
        self.dismiss(MetricChosen(row.file, row.key))

    def action_close(self) -> None:
        self.dismiss(None)
