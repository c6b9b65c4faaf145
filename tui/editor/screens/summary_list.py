"""The list of reports that ``tui edit FOLDER`` shows for a folder of several departments' reports.

The same status columns as ``tui summary`` (department, 发文字号, date, by the
deadline or not, errors and warnings with their codes), sortable by
department, errors or date (n e t, or 1 2 3 with an input method in Chinese
mode; r or F5 reads the reports again; F1 lists the keys); Enter opens the highlighted report in the
editor, and Esc from that report comes back here (``tui.commands.edit`` runs
the two in turn). The rows are read in a worker thread, so the screen is up
at once even for a city's hundreds of reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from schema.summary import ReportRow, Summary, build_summary, summarize_report
from tui.cells import clip, width
from tui.editor.input_method import InputMethodApp
from tui.editor.screens.help import HelpScreen, rows_from
from tui.summary.tables import on_time_text
from tui.summary.text import common_prefix, shorten

NAME_CELLS = 18
"""The most the department's column takes (it gives way to the codes first)."""
ROOM = 78
"""The cells the columns may take: an 80-column terminal, less the table's scroll bar."""
FIXED = {"年度": 4, "成文日期": 10, "期限": 4, "错误": 4, "警告": 4}
"""The columns whose width does not depend on the reports."""
LIST_KEYS = [
    ("回车", "打开光标所在的报告"),
    ("↑ ↓ PgUp PgDn", "移动光标"),
    ("Esc（报告的目录中）", "回到这个列表；有未保存的修改时先询问"),
]

SORTS = {
    "department": "单位",
    "errors": "错误",
    "date": "日期",
}


@dataclass
class ListState:
    """What the list remembers while a report is open: the order, and where the cursor was."""

    sort: str = "folder"
    reverse: bool = False
    current: Path | None = None
    message: str = ""
    """Said once when the list is shown again (a report that could not be opened)."""
    rows: dict[Path, ReportRow] = field(default_factory=dict)


def _sort_key(sort: str, row: ReportRow) -> tuple[object, ...]:
    if sort == "department":
        return (row.department,)
    if sort == "errors":  # the most to mend first, then the most warnings
        return (-len(row.errors), -len(row.warnings), row.department)
    if sort == "date":  # undated (and unreadable) reports last
        return (row.date is None, row.date or dt.date.max, row.department)
    return ()


class ReportListScreen(Screen[Path | None]):
    """Every report below the folder, one line each; dismissed with the folder to open."""

    # a digit or F5 as well as each letter: what an input method in Chinese mode lets through
    BINDINGS = [
        Binding("n,1", "sort('department')", "按单位", key_display="n/1"),
        Binding("e,2", "sort('errors')", "按错误", key_display="e/2"),
        Binding("t,3", "sort('date')", "按日期", key_display="t/3"),
        Binding("r,f5", "reload", "刷新", key_display="r/f5"),
        Binding("f1", "help", "帮助"),
        Binding("escape,ctrl+q", "leave", "退出", key_display="esc", priority=True),
    ]
    DEFAULT_CSS = """
    ReportListScreen #counts { height: auto; padding: 0 1; }
    ReportListScreen DataTable { height: 1fr; }
    """

    def __init__(self, folder: Path, folders: list[Path], state: ListState) -> None:
        super().__init__()
        self.folder = folder
        self.folders = folders
        self.state = state

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static("正在读取各单位的报告……", id="counts", markup=False)
        yield DataTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    @property
    def table(self) -> DataTable[str]:
        return self.query_one(DataTable)

    def on_mount(self) -> None:
        if self.state.message:
            self.notify(self.state.message, severity="error", timeout=8)
            self.state.message = ""
        self.table.focus()
        self.read_rows()

    @work(thread=True, exclusive=True)
    def read_rows(self) -> None:
        """Read and check every report (the last one opened first: it may have changed)."""
        rows = dict(self.state.rows)
        if self.state.current is not None:
            rows.pop(self.state.current, None)
        for folder in self.folders:
            if folder not in rows:
                rows[folder] = summarize_report(folder, use_cache=True)
        self.app.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows: dict[Path, ReportRow]) -> None:
        self.state.rows = rows
        summary = build_summary([rows[f] for f in self.folders])
        self.query_one("#counts", Static).update(self.counts(summary))
        self.fill()

    def counts(self, summary: Summary) -> str:
        rows = summary.rows
        late = sum(1 for r in rows if r.on_time is False)
        failed = sum(1 for r in rows if r.unreadable)
        with_errors = sum(1 for r in rows if r.errors and not r.unreadable)  # as tui summary
        order = SORTS.get(self.state.sort, "文件夹") + ("（反向）" if self.state.reverse else "")
        counts = (
            f"共 {len(rows)} 份报告：逾期 {late} 份，有错误 {with_errors} 份，无法读取 {failed} 份"
        )
        return clip(f"{counts}    排序：{order}", ROOM)  # one line: F1 says the rest

    def ordered(self) -> list[Path]:
        """The folders in the chosen order (the natural order of folders when none is)."""
        folders = list(self.folders)
        if self.state.sort in SORTS:
            folders.sort(
                key=lambda f: _sort_key(self.state.sort, self.state.rows[f]),
                reverse=self.state.reverse,
            )
        return folders

    def fill(self) -> None:
        """Put the rows in the table, in order, keeping the cursor on the same report."""
        table = self.table
        table.clear(columns=True)
        rows = [self.state.rows[f] for f in self.folders if f in self.state.rows]
        prefix = common_prefix([r.department for r in rows if not r.unreadable])
        years = {r.year for r in rows if not r.unreadable}
        headings = ["单位名称", "发文字号", "成文日期", "期限", "错误", "警告", "问题代码"]
        if len(years) > 1:
            headings.insert(1, "年度")
        names = [r.department.removeprefix(prefix) for r in rows]
        widths = column_widths(headings, names, rows)
        for heading in headings:
            table.add_column(heading, key=heading, width=widths[heading])
        short = dict(zip(names, shorten(names, widths["单位名称"]), strict=True))
        for folder in self.ordered():
            row = self.state.rows[folder]
            cells: list[Any] = [  # Text, not str: a name with “[…]” in it is no markup
                Text(short[row.department.removeprefix(prefix)]),
                Text(clip(row.doc_number, widths["发文字号"])),
                Text(row.date.isoformat() if row.date else ""),
                Text("—" if row.unreadable else on_time_text(row)),
                Text(str(len(row.errors)), justify="right"),
                Text(str(len(row.warnings)), justify="right"),
                Text(codes_text(row.codes, widths["问题代码"])),
            ]
            if len(years) > 1:
                cells.insert(1, Text(str(row.year or "")))
            table.add_row(*cells, key=str(folder))
        if self.state.current is not None and str(self.state.current) in table.rows:
            table.move_cursor(row=table.get_row_index(str(self.state.current)))

    def action_sort(self, sort: str) -> None:
        """Sort by ``sort``; the same key again reverses the order."""
        if not self.state.rows:
            return
        if self.state.sort == sort:
            self.state.reverse = not self.state.reverse
        else:
            self.state.sort, self.state.reverse = sort, False
        self.state.current = None  # the cursor to the top: "the most errors first" is read there
        self.fill()
        self.query_one("#counts", Static).update(
            self.counts(build_summary([self.state.rows[f] for f in self.folders]))
        )

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen([("各单位的报告", rows_from(self.BINDINGS) + LIST_KEYS)]))

    def action_reload(self) -> None:
        self.state.rows = {}
        self.state.current = self.highlighted()
        self.read_rows()

    def highlighted(self) -> Path | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return Path(str(key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.state.current = Path(str(event.row_key.value))
        self.dismiss(self.state.current)

    def action_leave(self) -> None:
        self.dismiss(None)


def codes_text(codes: list[str], cells: int) -> str:
    """Every code, or as many whole codes as fit in ``cells`` and “…” for the rest."""
    text = " ".join(codes)
    if width(text) <= cells:
        return text
    shown: list[str] = []
    for code in codes:
        if width(" ".join([*shown, code, "…"])) > cells:
            break
        shown.append(code)
    return " ".join([*shown, "…"]) if shown else clip(text, cells)


def column_widths(headings: list[str], names: list[str], rows: list[ReportRow]) -> dict[str, int]:
    """Each column's cells, all within :data:`ROOM` (each column is padded by one each side).

    The department, 发文字号 and the codes share what the fixed columns leave: the codes
    give way in turn (the codes to two and “…”, the name to 10 cells), the number last: its
    serial is what tells two of one department apart.
    """
    natural = {
        "单位名称": max([width(n) for n in names] + [8]),
        "发文字号": max([width(r.doc_number) for r in rows] + [8]),
        "问题代码": max([width(" ".join(r.codes)) for r in rows] + [8]),
    }
    widths = {h: FIXED.get(h, 0) for h in headings}
    widths["单位名称"] = min(natural["单位名称"], NAME_CELLS)
    widths["发文字号"] = min(natural["发文字号"], 17)
    widths["问题代码"] = natural["问题代码"]
    for heading, least in (
        ("问题代码", 14),
        ("单位名称", 12),
        ("问题代码", 11),
        ("单位名称", 10),
        ("问题代码", 9),
        ("发文字号", 11),
    ):
        over = sum(widths.values()) + 2 * len(widths) - ROOM
        if over <= 0:
            break
        widths[heading] = max(min(least, widths[heading]), widths[heading] - over)
    return widths


class ReportListApp(InputMethodApp[Path | None]):
    """The list on its own: returns the folder of the report to open, or ``None`` to quit."""

    TITLE = "各单位的法治政府建设情况报告"
    ENABLE_COMMAND_PALETTE = False  # nothing to search for here; Ctrl+P stays the editor's
    CSS = """
    HelpScreen { align: center middle; }
    .prompt-box {
        width: 64; max-width: 96%; height: auto; max-height: 90%;
        border: round $accent; background: $panel; padding: 1 2;
    }
    .help-box { height: 20; }
    .prompt-question { text-style: bold; margin-bottom: 1; }
    """
    """F1's help as the editor shows it (``editor.tcss``, which the list does not load)."""

    def __init__(self, folder: Path, folders: list[Path], state: ListState | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.folders = folders
        self.state = state if state is not None else ListState()
        self.sub_title = folder.resolve().name

    def on_mount(self) -> None:
        self.push_screen(ReportListScreen(self.folder, self.folders, self.state), self.exit)
