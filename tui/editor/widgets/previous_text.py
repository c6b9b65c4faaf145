"""Last year's text under the field being written, and the whole of it in a popup.

A report carried over with ``tui new --from`` has its prose emptied; the
clerk rewrites each paragraph with last year's in view. Under the field that
has the cursor, a dim line or two says what last year's report had in its
place (:class:`tui.editor.previous.LastYear` finds it); F8 shows all of it, F5
copies it into the field (:meth:`tui.editor.widgets.field_editor.FieldEditor.take_last_year`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from tui.cells import clip, width, wrap

LEAD = "去年："
MORE = "（F8 全文）"
LINES = 2
"""Lines the text gets under the field: enough to recognise it, little of an 80×24 form."""


def shown_lines(text: str, cells: int, lines: int = LINES) -> list[str]:
    """``去年：`` and ``text`` in at most ``lines`` lines of ``cells`` cells.

    A text cut short ends in “…（F8 全文）”, the key that shows the rest.
    """
    if cells <= 0 or not text:
        return []
    wrapped = wrap(LEAD + text, cells)
    if len(wrapped) <= lines:
        return wrapped
    last = "".join(wrapped[lines - 1 :])
    room = cells - width(MORE)
    tail = clip(last, room) if room > 4 else clip(last, cells)
    if not tail.endswith("…"):
        tail += "…"
    return [*wrapped[: lines - 1], tail + (MORE if room > 4 else "")]


class PreviousLine(Widget):
    """Last year's text under a field, dim, cut to two lines; nothing when there is none."""

    DEFAULT_CSS = """
    PreviousLine { height: auto; color: $text-muted; text-style: italic; }
    """

    def __init__(self, text: str = "", *, classes: str | None = None) -> None:
        super().__init__(classes=classes, markup=False)
        self.text = text

    def show(self, text: str) -> None:
        """Say ``text`` (an empty one hides the line)."""
        if text != self.text:
            self.text = text
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(shown_lines(self.text, width))

    def render(self) -> str:
        return "\n".join(shown_lines(self.text, self.size.width))


class PreviousTextScreen(ModalScreen[bool]):
    """All of last year's text for a field; True when the clerk asks to copy it in."""

    BINDINGS = [
        Binding("escape,f8", "close", "关闭", key_display="esc"),
        Binding("enter,f5", "copy", "填入字段", key_display="f5"),
    ]

    DEFAULT_CSS = """
    PreviousTextScreen { align: center middle; }
    PreviousTextScreen .previous-full { height: auto; max-height: 14; margin-bottom: 1; }
    """

    def __init__(self, where: str, text: str) -> None:
        super().__init__(classes="prompt")
        self.where = where
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box"):
            yield Static(f"去年的原文：{self.where}", classes="prompt-question", markup=False)
            with VerticalScroll(classes="previous-full"):
                yield Static(self.text, markup=False)
            yield Static("F5 或回车：填入字段　Esc：关闭", classes="prompt-detail", markup=False)

    def action_copy(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
