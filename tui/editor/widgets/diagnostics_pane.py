"""The diagnostics pane: the report's errors and warnings with counts, each a way to its field.

Choosing a diagnostic posts :class:`DiagnosticsPane.Chosen`; the screen moves
the cursor to the field it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from records import Diagnostic


def counts_text(diagnostics: list[Diagnostic], unread: int = 0) -> str:
    """The pane's title line: how many errors and warnings the report has.

    A warning accepted by a waiver in report.toml is listed but not counted.
    ``unread`` fields hold input that could not be stored (“12x” in a
    number): the report is checked without it, so the line says so.
    """
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = sum(1 for d in diagnostics if d.severity == "warning" and not d.waived)
    unstored = f"；另有 {unread} 个字段的输入未写入" if unread else ""
    if not errors and not warnings:
        return f"问题：无{unstored}" if unread else "问题：无，报告可以导出"
    return f"问题：{errors} 个错误，{warnings} 个警告（F4 查看）{unstored}"


def _mark(diagnostic: Diagnostic) -> str:
    if diagnostic.waived:
        return "✓（已豁免）"
    return "✗" if diagnostic.severity == "error" else "!"


class ProblemList(OptionList):
    """The list of diagnostics; the footer says what Enter does while it has the cursor."""

    BINDINGS = [Binding("enter", "select", "跳到出错的字段")]


class DiagnosticsPane(Vertical):
    """Counts on top, one line per diagnostic below."""

    DEFAULT_CSS = """
    DiagnosticsPane > #diag-counts { height: 1; text-style: bold; }
    DiagnosticsPane > OptionList { height: 1fr; }
    """

    @dataclass
    class Chosen(Message):
        """The clerk chose ``diagnostic`` to go to its field."""

        diagnostic: Diagnostic

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diagnostics: list[Diagnostic] = []
        self.unread = 0

    def compose(self) -> ComposeResult:
        yield Static("问题：检查中……", id="diag-counts", markup=False)
        yield ProblemList(id="diag-list", compact=True)

    def count_unread(self, unread: int) -> None:
        """How many fields hold input that could not be stored, for the counts line."""
        if unread != self.unread:
            self.unread = unread
            counts = counts_text(self.diagnostics, unread)
            self.query_one("#diag-counts", Static).update(counts, layout=False)

    def show(self, diagnostics: list[Diagnostic]) -> None:
        """Replace the list, keeping the highlighted position when possible."""
        if diagnostics == self.diagnostics and self.query_one(OptionList).option_count:
            return
        self.diagnostics = diagnostics
        # one line high whatever it says: no need to lay the screen out again
        counts = counts_text(diagnostics, self.unread)
        self.query_one("#diag-counts", Static).update(counts, layout=False)
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(
            # no spaces before the message: it folds on its first line (see problems())
            Option(Content(f"{_mark(d)}{Path(d.file).name}:{d.line}：{d.message}"))
            for d in diagnostics
        )
        if diagnostics and highlighted is not None:
            listing.highlighted = min(highlighted, len(diagnostics) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.diagnostics):
            self.post_message(self.Chosen(self.diagnostics[event.option_index]))

    def focus_list(self) -> None:
        """Put the cursor in the list, on the first diagnostic if none is chosen yet."""
        listing = self.query_one(OptionList)
        listing.focus()
        if listing.highlighted is None and self.diagnostics:
            listing.highlighted = 0
