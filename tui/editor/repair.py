"""Mending a report file that does not parse, as text, before the editor opens the report.

The forms need every file to parse. When one does not (Chinese quotes, a
missing bracket, typed in another editor), ``tui edit`` opens the file as
plain text with the cursor on the slip and the explanation above it; Ctrl+S
keeps the text once it parses, and the editor then opens as usual. Nothing
is written while the text still does not parse. A file a Windows editor saved
as GBK is shown the same way, read as GBK, and saved as UTF-8.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static, TextArea

from records import EncodingError, RecordError, TuiError
from records.editing import save_repaired
from records.source import SourceText
from tui.editor import TITLE
from tui.editor.input_method import InputMethodApp
from tui.editor.screens.prompts import Choice, ChoiceScreen


def _where(error: RecordError) -> str:
    place = f"第 {error.line} 行第 {error.column} 列：" if error.line else ""
    return f"{place}{error.message}"


def _intro(source: SourceText, error: RecordError) -> str:
    name = source.path.name
    if isinstance(error, EncodingError):  # read as GBK: saving writes UTF-8
        return (
            f"{name} 是 GBK 编码（Windows 中文版常见），已按 GBK 读出。"
            "核对文字无误后按 Ctrl+S，以 UTF-8 保存并打开报告。"
        )
    return f"{name} 无法读取，报告打不开。请在下面改正，Ctrl+S 保存后打开报告。\n" + _where(error)


class RepairApp(InputMethodApp[bool]):
    """The file as text, with its first slip shown; returns whether it was mended and saved."""

    CSS_PATH = "editor.tcss"
    TITLE = TITLE
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+s", "save", "保存并打开报告", priority=True),
        Binding("ctrl+q", "request_quit", "退出", priority=True),
    ]

    def __init__(self, source: SourceText, error: RecordError) -> None:
        super().__init__()
        self.source = source
        self.error = error
        name = source.path.name
        if isinstance(error, EncodingError):
            self.sub_title = f"把 {name} 转为 UTF-8 编码"
        else:
            self.sub_title = f"修复 {name} 的语法错误"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="repair-problem", markup=False)
        yield TextArea(
            self.source.text.replace("\r\n", "\n"),
            id="repair-text",
            show_line_numbers=True,
            soft_wrap=True,
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#repair-problem", Static).update(_intro(self.source, self.error))
        if isinstance(self.error, EncodingError):
            self.text_area.focus()  # the whole text is to be read over, from the top
        else:
            self.show_error(self.error)

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#repair-text", TextArea)

    def show_error(self, error: RecordError) -> None:
        """Put the cursor on the slip, and the explanation above the text."""
        self.query_one("#repair-problem", Static).update(_intro(self.source, error))
        area = self.text_area
        if error.line:
            area.cursor_location = (error.line - 1, max((error.column or 1) - 1, 0))
        area.focus()

    def action_save(self) -> None:
        try:
            self.source = save_repaired(self.source, self.text_area.text)
        except RecordError as e:  # still a slip (maybe another one): nothing was written
            self.show_error(e)
            self.notify("还有错误，未保存", severity="error")
            return
        except TuiError as e:  # changed on disk, or the disk refused
            self.notify(str(e), severity="error", timeout=8)
            return
        self.exit(True)

    def action_request_quit(self) -> None:
        if self.text_area.text == self.source.text.replace("\r\n", "\n"):
            self.exit(False)
            return

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self.exit(False)

        self.push_screen(
            ChoiceScreen(
                "修改还没有保存，要放弃吗？",
                [Choice("discard", "放弃修改并退出", "d"), Choice("stay", "留下", "escape")],
                "stay",
            ),
            answer,
        )
